/** The outbox of messages to residents and staff, and the claims that make each scheduled job run once. */
import type { Kysely } from 'kysely'
import { instantType, withId } from './kit.ts'

export async function up(db: Kysely<any>): Promise<void> {
  const ts = instantType(db)
  await withId(db, db.schema.createTable('outbox'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', ts, (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', ts)
    .addColumn('sent_at', ts)
    .addColumn('last_error', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute()

  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    // The schedule slot, e.g. "2026-11-26" for a daily job: the primary key lets one instance claim it.
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('job_runs_pk', ['job', 'slot'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_runs').execute()
  await db.schema.dropTable('outbox').execute()
}
