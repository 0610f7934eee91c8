/**
 * The outbox: messages are written in the same transaction as the change that causes them, and a
 * worker delivers them later. A message is delivered at most once: it is claimed before sending,
 * retried only after a definite failure, and left "uncertain" (for an operator) when a worker died
 * while sending it.
 */
import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { dialectOf, instant, toDate, toDateOrNull } from '../../db/portable.ts'
import type { OutgoingMessage, Senders } from '../notify/notify.ts'

/** Statuses of an outbox message. */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'uncertain'

/** How many definite failures are retried before a message is marked failed. */
export const MAX_ATTEMPTS = 6
/** A claim older than this means the worker that held it died mid-send. */
export const STALE_CLAIM_MS = 10 * 60_000

/** Delay before the next attempt after `attempts` failures: 1, 2, 4, 8… minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000
}

/** Queues a message; call inside the transaction of the change that causes it. */
export async function enqueueMessage(trx: Transaction<Database>, message: OutgoingMessage, now: Date): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject,
      body: message.body,
      status: 'pending',
      next_attempt_at: instant(now),
      created_at: instant(now),
    })
    .execute()
}

/** An outbox message as read back. */
export interface OutboxMessage extends OutgoingMessage {
  readonly id: number
  readonly status: OutboxStatus
  readonly attempts: number
  readonly sentAt: Date | null
  readonly lastError: string | null
  readonly createdAt: Date
}

/** Claims up to `limit` due messages for this worker; safe with several workers on PostgreSQL. */
async function claimDue(db: Kysely<Database>, workerId: string, now: Date, limit: number): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', instant(now))
      .orderBy('id')
      .limit(limit)
    // SKIP LOCKED lets two instances claim disjoint batches instead of waiting on each other.
    if (dialectOf(trx) === 'postgresql') query = query.forUpdate().skipLocked()
    const ids = (await query.execute()).map((r) => Number(r.id))
    if (ids.length === 0) return []
    await trx
      .updateTable('outbox')
      .set({ status: 'sending', claimed_by: workerId, claimed_at: instant(now) })
      .where('id', 'in', ids)
      .where('status', '=', 'pending')
      .execute()
    return ids
  })
}

/** Delivers due messages once; returns how many were sent and how many failed this round. */
export async function processOutbox(
  db: Kysely<Database>,
  senders: Senders,
  workerId: string,
  now: Date,
  limit = 20,
): Promise<{ sent: number; failed: number }> {
  await db
    .updateTable('outbox')
    .set({ status: 'uncertain', last_error: 'worker stopped while sending; not retried to avoid a duplicate' })
    .where('status', '=', 'sending')
    .where('claimed_at', '<', instant(new Date(now.getTime() - STALE_CLAIM_MS)))
    .execute()
  const ids = await claimDue(db, workerId, now, limit)
  let sent = 0
  let failed = 0
  for (const id of ids) {
    const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).where('claimed_by', '=', workerId).executeTakeFirst()
    if (!row) continue
    const message: OutgoingMessage = {
      channel: row.channel === 'sms' ? 'sms' : 'email',
      recipient: row.recipient,
      subject: row.subject,
      body: row.body,
    }
    try {
      await senders[message.channel].send(message)
      await db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: instant(now), last_error: null })
        .where('id', '=', id)
        .execute()
      sent++
    } catch (error) {
      const attempts = Number(row.attempts) + 1
      const isFinal = attempts >= MAX_ATTEMPTS
      await db
        .updateTable('outbox')
        .set({
          status: isFinal ? 'failed' : 'pending',
          attempts,
          next_attempt_at: instant(new Date(now.getTime() + backoffMs(attempts))),
          last_error: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
          claimed_by: null,
        })
        .where('id', '=', id)
        .execute()
      failed++
    }
  }
  return { sent, failed }
}

/** Lists recent outbox messages, newest first (for operators and tests). */
export async function listOutbox(db: Kysely<Database>, limit = 100): Promise<OutboxMessage[]> {
  const rows = await db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(limit).execute()
  return rows.map((row) => ({
    id: Number(row.id),
    channel: row.channel === 'sms' ? 'sms' : 'email',
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    status: row.status as OutboxStatus,
    attempts: Number(row.attempts),
    sentAt: toDateOrNull(row.sent_at),
    lastError: row.last_error,
    createdAt: toDate(row.created_at),
  }))
}

/** Counts messages per status. */
export async function countOutbox(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', sql<number>`count(*)`.as('n')])
    .groupBy('status')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
}
