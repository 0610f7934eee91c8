/**
 * Monthly figures beside the daily ones, kept by the same atomic increments, so that a month is
 * read as a few thousand rows (units × procedures or categories) instead of summing tens of
 * thousands of daily rows: what made the dashboard's first request after a start, and every month
 * a late write changed, take seconds at province scale. Filled here from the daily figures, which
 * they equal month by month.
 *
 * Also an index of dossiers by unit and finishing instant: the report and the lists behind the
 * figures pick the dossiers finished in a period, which otherwise meant reading every finished
 * dossier of each unit.
 */
import type { CreateTableBuilder, Kysely } from 'kysely'
import { sql } from 'kysely'
import { idType, isPostgres } from './kit.ts'

export async function up(db: Kysely<any>): Promise<void> {
  const ref = idType(db)
  const count = (c: any) => c.notNull().defaultTo(0)
  // A month's rows are read together: keyed by month first, and on SQLite stored in that order
  // (the key is the table), so that a month is a few adjacent pages rather than one row on each.
  const clustered = <T extends string>(table: CreateTableBuilder<T, never>) => (isPostgres(db) ? table : table.modifyEnd(sql`without rowid`))

  await clustered(db.schema.createTable('dossier_monthly_stats'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('procedure_id', ref, (c) => c.notNull().references('procedures.id'))
    // The month in Vietnam (YYYY-MM) of the counted event: the first seven characters of its day.
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('received', 'integer', count)
    .addColumn('returned_early', 'integer', count)
    .addColumn('returned_on_time', 'integer', count)
    .addColumn('returned_late', 'integer', count)
    .addColumn('refused', 'integer', count)
    .addColumn('stopped', 'integer', count)
    .addColumn('processing_seconds', 'bigint', count)
    .addPrimaryKeyConstraint('dossier_monthly_stats_pk', ['month', 'unit_id', 'procedure_id'])
    .execute()

  await clustered(db.schema.createTable('feedback_monthly_stats'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('submitted', 'integer', count)
    .addColumn('answered', 'integer', count)
    .addColumn('answered_on_time', 'integer', count)
    .addPrimaryKeyConstraint('feedback_monthly_stats_pk', ['month', 'unit_id', 'category'])
    .execute()

  await sql`
    insert into dossier_monthly_stats (unit_id, procedure_id, month, received, returned_early, returned_on_time, returned_late, refused, stopped, processing_seconds)
    select unit_id, procedure_id, substr(day, 1, 7), sum(received), sum(returned_early), sum(returned_on_time), sum(returned_late), sum(refused), sum(stopped), sum(processing_seconds)
    from dossier_daily_stats
    group by unit_id, procedure_id, substr(day, 1, 7)
    order by 3, 1, 2
  `.execute(db)
  await sql`
    insert into feedback_monthly_stats (unit_id, category, month, submitted, answered, answered_on_time)
    select unit_id, category, substr(day, 1, 7), sum(submitted), sum(answered), sum(answered_on_time)
    from feedback_daily_stats
    group by unit_id, category, substr(day, 1, 7)
    order by 3, 1, 2
  `.execute(db)

  await db.schema.createIndex('dossiers_unit_finished_idx').on('dossiers').columns(['unit_id', 'finished_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('dossiers_unit_finished_idx').execute()
  await db.schema.dropTable('feedback_monthly_stats').execute()
  await db.schema.dropTable('dossier_monthly_stats').execute()
}
