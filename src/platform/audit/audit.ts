/**
 * Append-only, hash-chained audit log. Every change to a business record appends an entry in the
 * same transaction as the change; `verifyAuditLog` finds the first entry edited or deleted by hand.
 */
import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { instant, toDate } from '../../db/portable.ts'

/** Who did something: a staff member, a resident, or the system itself. */
export interface Actor {
  readonly id: number | null
  /** Human-readable, e.g. "desk.uyenhung" or "system" or "resident". */
  readonly label: string
}

/** The actor of scheduled jobs and the CLI when no staff member is named. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: null, label: 'system' })

/** What an audit entry records. */
export interface AuditEntryInput {
  readonly actor: Actor
  readonly at: Date
  readonly entity: string
  readonly entityId: string | number
  readonly action: string
  readonly before?: unknown
  readonly after?: unknown
}

/** An audit entry as read back. */
export interface AuditEntry {
  readonly seq: number
  readonly at: Date
  readonly actorId: number | null
  readonly actorLabel: string
  readonly entity: string
  readonly entityId: string
  readonly action: string
  readonly before: unknown
  readonly after: unknown
}

/** Fields of an entry in the exact order they are hashed. */
function hashEntry(fields: {
  prevHash: string
  seq: number
  at: string
  actorId: number | null
  actorLabel: string
  entity: string
  entityId: string
  action: string
  beforeJson: string | null
  afterJson: string | null
}): string {
  const canonical = JSON.stringify([
    fields.prevHash,
    fields.seq,
    fields.at,
    fields.actorId,
    fields.actorLabel,
    fields.entity,
    fields.entityId,
    fields.action,
    fields.beforeJson,
    fields.afterJson,
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

/** Appends an entry; must run inside the transaction that makes the change it describes. */
export async function appendAudit(trx: Transaction<Database>, input: AuditEntryInput): Promise<void> {
  // Bumping the head first takes its row lock, so concurrent appenders queue here and the
  // sequence stays gapless and the chain linear, on PostgreSQL with several instances too.
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'last_hash'])
    .executeTakeFirstOrThrow()
  const at = instant(input.at)
  const fields = {
    prevHash: head.last_hash,
    seq: Number(head.seq),
    at,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    entity: input.entity,
    entityId: String(input.entityId),
    action: input.action,
    beforeJson: input.before === undefined ? null : JSON.stringify(input.before),
    afterJson: input.after === undefined ? null : JSON.stringify(input.after),
  }
  const hash = hashEntry(fields)
  await trx
    .insertInto('audit_log')
    .values({
      seq: fields.seq,
      at,
      actor_id: fields.actorId,
      actor_label: fields.actorLabel,
      entity: fields.entity,
      entity_id: fields.entityId,
      action: fields.action,
      before_json: fields.beforeJson,
      after_json: fields.afterJson,
      prev_hash: fields.prevHash,
      hash,
    })
    .execute()
  await trx.updateTable('audit_head').set({ last_hash: hash }).where('id', '=', 1).execute()
}

/** The outcome of verifying the chain. */
export type AuditVerification =
  | { readonly isIntact: true; readonly entries: number }
  | { readonly isIntact: false; readonly entries: number; readonly firstBrokenSeq: number; readonly reason: string }

/** Walks the whole chain and reports the first entry that was edited, deleted or inserted by hand. */
export async function verifyAuditLog(db: Kysely<Database>, onProgress?: (done: number, total: number) => void): Promise<AuditVerification> {
  const head = await db.selectFrom('audit_head').select(['seq', 'last_hash']).where('id', '=', 1).executeTakeFirst()
  if (!head) return { isIntact: false, entries: 0, firstBrokenSeq: 1, reason: 'audit_head row is missing' }
  const total = Number(head.seq)
  let expectedSeq = 1
  let prevHash = ''
  const pageSize = 5000
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute()
    for (const row of rows) {
      const seq = Number(row.seq)
      if (seq !== expectedSeq) {
        return { isIntact: false, entries: total, firstBrokenSeq: expectedSeq, reason: `entry ${expectedSeq} is missing` }
      }
      if (row.prev_hash !== prevHash) {
        return { isIntact: false, entries: total, firstBrokenSeq: seq, reason: `entry ${seq} does not follow entry ${seq - 1}` }
      }
      const recomputed = hashEntry({
        prevHash: row.prev_hash,
        seq,
        at: instant(toDate(row.at)),
        actorId: row.actor_id === null ? null : Number(row.actor_id),
        actorLabel: row.actor_label,
        entity: row.entity,
        entityId: row.entity_id,
        action: row.action,
        beforeJson: row.before_json,
        afterJson: row.after_json,
      })
      if (recomputed !== row.hash) {
        return { isIntact: false, entries: total, firstBrokenSeq: seq, reason: `entry ${seq} was altered` }
      }
      prevHash = row.hash
      expectedSeq++
    }
    onProgress?.(expectedSeq - 1, total)
    if (rows.length < pageSize) break
  }
  if (expectedSeq - 1 !== total || prevHash !== head.last_hash) {
    return { isIntact: false, entries: total, firstBrokenSeq: expectedSeq, reason: `entry ${expectedSeq} is missing (the log ends early)` }
  }
  return { isIntact: true, entries: total }
}

/** Reads the entries about one record, oldest first, for its history. */
export async function listAuditFor(db: Kysely<Database>, entity: string, entityId: string | number): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', String(entityId))
    .orderBy('seq')
    .execute()
  return rows.map((row) => ({
    seq: Number(row.seq),
    at: toDate(row.at),
    actorId: row.actor_id === null ? null : Number(row.actor_id),
    actorLabel: row.actor_label,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
  }))
}
