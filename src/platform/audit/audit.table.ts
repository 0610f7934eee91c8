/** Kysely table interfaces of the audit log and its head. */
import type { Generated } from 'kysely'

/** Row of `audit_log`. */
export interface AuditLogTable {
  id: Generated<number>
  seq: number
  at: string | Date
  actor_id: number | null
  actor_label: string
  entity: string
  entity_id: string
  action: string
  before_json: string | null
  after_json: string | null
  prev_hash: string
  hash: string
}

/** The single row of `audit_head`. */
export interface AuditHeadTable {
  id: number
  seq: number
  last_hash: string
}
