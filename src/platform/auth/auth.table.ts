/** Kysely table interfaces of sign-in sessions and API tokens. */
import type { Generated } from 'kysely'

type Instant = string | Date

/** Row of `sessions`. */
export interface SessionsTable {
  id_hash: string
  staff_id: number
  created_at: Instant
  last_seen_at: Instant
  expires_at: Instant
}

/** Row of `api_tokens`. */
export interface ApiTokensTable {
  id: Generated<number>
  staff_id: number
  name: string
  token_hash: string
  created_at: Instant
  last_used_at: Instant | null
  revoked_at: Instant | null
}
