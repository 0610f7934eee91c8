/**
 * Pre-aggregated daily figures for the leadership dashboard and reports, so that a province's
 * millions of dossiers and feedback items are summed from a few thousand rows. Kept up to date by
 * atomic increments in the same transaction as the change they count.
 */
import type { Kysely } from 'kysely'
import { idType } from './kit.ts'

export async function up(db: Kysely<any>): Promise<void> {
  const ref = idType(db)
  const count = (c: any) => c.notNull().defaultTo(0)

  await db.schema
    .createTable('dossier_daily_stats')
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('procedure_id', ref, (c) => c.notNull().references('procedures.id'))
    // The civil date in Vietnam (YYYY-MM-DD) on which the counted event happened.
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('received', 'integer', count)
    // Finished: returned (early, on time, late), refused, or stopped.
    .addColumn('returned_early', 'integer', count)
    .addColumn('returned_on_time', 'integer', count)
    .addColumn('returned_late', 'integer', count)
    .addColumn('refused', 'integer', count)
    .addColumn('stopped', 'integer', count)
    // Sum of seconds from receipt to return, over the returned dossiers counted that day.
    .addColumn('processing_seconds', 'bigint', count)
    .addPrimaryKeyConstraint('dossier_daily_stats_pk', ['unit_id', 'procedure_id', 'day'])
    .execute()
  await db.schema.createIndex('dossier_daily_stats_day_idx').on('dossier_daily_stats').columns(['day', 'unit_id']).execute()

  await db.schema
    .createTable('feedback_daily_stats')
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('submitted', 'integer', count)
    // Answered that day, and of those, answered by their due date.
    .addColumn('answered', 'integer', count)
    .addColumn('answered_on_time', 'integer', count)
    .addPrimaryKeyConstraint('feedback_daily_stats_pk', ['unit_id', 'category', 'day'])
    .execute()
  await db.schema.createIndex('feedback_daily_stats_day_idx').on('feedback_daily_stats').columns(['day', 'unit_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('feedback_daily_stats').execute()
  await db.schema.dropTable('dossier_daily_stats').execute()
}
