/** Kysely table interfaces of the outbox and of scheduled-job claims. */
import type { Generated } from 'kysely'

type Instant = string | Date

/** Row of `outbox`. */
export interface OutboxTable {
  id: Generated<number>
  channel: string
  recipient: string
  subject: string
  body: string
  status: string
  attempts: Generated<number>
  next_attempt_at: Instant
  claimed_by: string | null
  claimed_at: Instant | null
  sent_at: Instant | null
  last_error: string | null
  created_at: Instant
}

/** Row of `job_runs`. */
export interface JobRunsTable {
  job: string
  slot: string
  claimed_by: string
  started_at: Instant
  finished_at: Instant | null
  error: string | null
}
