/**
 * Keeps the daily figures (dossier_daily_stats, feedback_daily_stats) that the dashboard sums instead
 * of scanning millions of rows, and their monthly sums (dossier_monthly_stats,
 * feedback_monthly_stats), which spare it summing a month's daily rows. The desk and feedback use
 * cases count each event in their own transaction with one atomic upsert per table
 * (`… on conflict … do update set x = x + excluded.x`), so concurrent writers on any number of app
 * instances lose nothing, a rolled-back change counts nothing, and a month's row always equals the
 * sum of its days. rebuildStats recomputes the tables from the base tables: after a bulk load, or to
 * repair.
 */
import type { Kysely, RawBuilder, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { dialectOf, instant } from '../../db/portable.ts'
import { isPastDay, markAllMonthsChanged, markMonthChanged } from './dashboard.months.ts'
import type { MonthlyStatsTables } from './dashboard.table.ts'
import { dayEnd, dayStart, dossierIncrement, feedbackIncrement, monthLastDay } from './dashboard.ts'
import type { Day, DossierStatEvent, FeedbackStatEvent } from './dashboard.ts'

export type { DossierStatEvent, FeedbackStatEvent } from './dashboard.ts'

type Executor = Kysely<Database> | Transaction<Database>

/** The counter columns of the dossier tables. */
const DOSSIER_COUNTERS = ['received', 'returned_early', 'returned_on_time', 'returned_late', 'refused', 'stopped', 'processing_seconds'] as const

/** The counter columns of the feedback tables. */
const FEEDBACK_COUNTERS = ['submitted', 'answered', 'answered_on_time'] as const

/** The upsert's update: each counter of the stored row plus the one being added. */
function addedTo(table: string, columns: readonly string[]): Record<string, RawBuilder<number>> {
  return Object.fromEntries(columns.map((column) => [column, sql<number>`${sql.ref(`${table}.${column}`)} + ${sql.ref(`excluded.${column}`)}`]))
}

/** Adds one dossier event to its unit's, procedure's and day's figures, and its month's, inside the caller's transaction. */
export async function countDossierEvent(trx: Transaction<Database>, event: DossierStatEvent): Promise<void> {
  const increment = dossierIncrement(event)
  if (increment === null) return
  const c = increment.counts
  const counters = {
    received: c.received,
    returned_early: c.returnedEarly,
    returned_on_time: c.returnedOnTime,
    returned_late: c.returnedLate,
    refused: c.refused,
    stopped: c.stopped,
    processing_seconds: c.processingSeconds,
  }
  await trx
    .insertInto('dossier_daily_stats')
    .values({ unit_id: event.unitId, procedure_id: event.procedureId, day: increment.day, ...counters })
    .onConflict((oc) => oc.columns(['unit_id', 'procedure_id', 'day']).doUpdateSet(addedTo('dossier_daily_stats', DOSSIER_COUNTERS)))
    .execute()
  await trx
    .withTables<MonthlyStatsTables>()
    .insertInto('dossier_monthly_stats')
    .values({ unit_id: event.unitId, procedure_id: event.procedureId, month: increment.day.slice(0, 7), ...counters })
    .onConflict((oc) => oc.columns(['unit_id', 'procedure_id', 'month']).doUpdateSet(addedTo('dossier_monthly_stats', DOSSIER_COUNTERS)))
    .execute()
  // Past days are kept summed by the dashboard: a write to one must say so.
  if (isPastDay(increment.day)) await markMonthChanged(trx, increment.day)
}

/** Adds one feedback event to its unit's, category's and day's figures, and its month's, inside the caller's transaction. */
export async function countFeedbackEvent(trx: Transaction<Database>, event: FeedbackStatEvent): Promise<void> {
  const { day, counts } = feedbackIncrement(event)
  const counters = { submitted: counts.submitted, answered: counts.answered, answered_on_time: counts.answeredOnTime }
  await trx
    .insertInto('feedback_daily_stats')
    .values({ unit_id: event.unitId, category: event.category, day, ...counters })
    .onConflict((oc) => oc.columns(['unit_id', 'category', 'day']).doUpdateSet(addedTo('feedback_daily_stats', FEEDBACK_COUNTERS)))
    .execute()
  await trx
    .withTables<MonthlyStatsTables>()
    .insertInto('feedback_monthly_stats')
    .values({ unit_id: event.unitId, category: event.category, month: day.slice(0, 7), ...counters })
    .onConflict((oc) => oc.columns(['unit_id', 'category', 'month']).doUpdateSet(addedTo('feedback_monthly_stats', FEEDBACK_COUNTERS)))
    .execute()
  if (isPastDay(day)) await markMonthChanged(trx, day)
}

/** The Vietnam day of an instant column, in the database's own SQL. */
export function vietnamDaySql(db: Executor, column: string): RawBuilder<string> {
  return dialectOf(db) === 'postgresql'
    ? sql<string>`to_char(${sql.ref(column)} at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`
    : sql<string>`date(${sql.ref(column)}, '+7 hours')`
}

/** Whole seconds from one instant column to another, each cut to the second (as wholeSecondsBetween). */
function wholeSecondsSql(db: Executor, from: string, to: string): RawBuilder<number> {
  return dialectOf(db) === 'postgresql'
    ? sql<number>`(extract(epoch from date_trunc('second', ${sql.ref(to)}))::bigint - extract(epoch from date_trunc('second', ${sql.ref(from)}))::bigint)`
    : sql<number>`(cast(strftime('%s', ${sql.ref(to)}) as integer) - cast(strftime('%s', ${sql.ref(from)}) as integer))`
}

/** Days to rebuild, both inclusive; every day when left out. */
export interface RebuildRange {
  readonly from?: Day
  readonly to?: Day
}

/** How many daily rows a rebuild wrote. */
export interface RebuildResult {
  readonly dossierRows: number
  readonly feedbackRows: number
}

/**
 * Recomputes the daily figures of the days in a range (all days by default) from the dossiers and
 * feedback items, in one transaction: the range's rows are deleted and summed again, then the
 * monthly rows of the months the range touches from their days. Counts what
 * the hooks count: receipts on the day received; returns (early, on time, late, with their whole
 * seconds from receipt), refusals and stops on the day finished; submissions on the day submitted;
 * answers of items still answered or closed on the day answered, on time when by their due date.
 * Meant for after a bulk load or a repair; writers running meanwhile may be counted twice or not at
 * all in the rebuilt days, so run it when the desk is quiet.
 */
export async function rebuildStats(db: Kysely<Database>, range: RebuildRange = {}): Promise<RebuildResult> {
  const from = range.from ? instant(dayStart(range.from)) : null
  const to = range.to ? instant(dayEnd(range.to)) : null
  const inRange = (column: string) =>
    sql.join(
      [sql`true`, ...(from !== null ? [sql`${sql.ref(column)} >= ${from}`] : []), ...(to !== null ? [sql`${sql.ref(column)} < ${to}`] : [])],
      sql` and `,
    )
  return db.transaction().execute(async (trx) => {
    let deleteDossiers = trx.deleteFrom('dossier_daily_stats')
    let deleteFeedback = trx.deleteFrom('feedback_daily_stats')
    if (range.from) {
      deleteDossiers = deleteDossiers.where('day', '>=', range.from)
      deleteFeedback = deleteFeedback.where('day', '>=', range.from)
    }
    if (range.to) {
      deleteDossiers = deleteDossiers.where('day', '<=', range.to)
      deleteFeedback = deleteFeedback.where('day', '<=', range.to)
    }
    await deleteDossiers.execute()
    await deleteFeedback.execute()

    const receivedDay = vietnamDaySql(trx, 'received_at')
    const finishedDay = vietnamDaySql(trx, 'finished_at')
    const seconds = wholeSecondsSql(trx, 'received_at', 'finished_at')
    const returned = (timing: string) => sql`case when status = 'returned' and timing = ${timing} then 1 else 0 end`
    const dossierResult = await sql`
      insert into dossier_daily_stats (unit_id, procedure_id, day, received, returned_early, returned_on_time, returned_late, refused, stopped, processing_seconds)
      select unit_id, procedure_id, day, sum(received), sum(returned_early), sum(returned_on_time), sum(returned_late), sum(refused), sum(stopped), sum(processing_seconds)
      from (
        select unit_id, procedure_id, ${receivedDay} as day, 1 as received, 0 as returned_early, 0 as returned_on_time, 0 as returned_late, 0 as refused, 0 as stopped, 0 as processing_seconds
        from dossiers where received_at is not null and ${inRange('received_at')}
        union all
        select unit_id, procedure_id, ${finishedDay}, 0, ${returned('early')}, ${returned('on_time')}, ${returned('late')},
          case when status = 'refused' then 1 else 0 end,
          case when status = 'stopped' then 1 else 0 end,
          case when status = 'returned' and timing in ('early', 'on_time', 'late') and received_at is not null then ${seconds} else 0 end
        from dossiers where finished_at is not null and status in ('returned', 'refused', 'stopped') and ${inRange('finished_at')}
      ) as events
      group by unit_id, procedure_id, day
    `.execute(trx)

    const submittedDay = vietnamDaySql(trx, 'submitted_at')
    const answeredDay = vietnamDaySql(trx, 'answered_at')
    const feedbackResult = await sql`
      insert into feedback_daily_stats (unit_id, category, day, submitted, answered, answered_on_time)
      select unit_id, category, day, sum(submitted), sum(answered), sum(answered_on_time)
      from (
        select unit_id, category, ${submittedDay} as day, 1 as submitted, 0 as answered, 0 as answered_on_time
        from feedback_items where ${inRange('submitted_at')}
        union all
        select unit_id, category, ${answeredDay}, 0, 1, case when due_at is not null and answered_at <= due_at then 1 else 0 end
        from feedback_items where answered_at is not null and status in ('answered', 'closed') and ${inRange('answered_at')}
      ) as events
      group by unit_id, category, day
    `.execute(trx)

    // The months the range touches are summed again from all their days.
    const firstDay = range.from ? `${range.from.slice(0, 7)}-01` : null
    const lastDay = range.to ? monthLastDay(range.to.slice(0, 7)) : null
    const daysOfMonths = sql.join([sql`true`, ...(firstDay !== null ? [sql`day >= ${firstDay}`] : []), ...(lastDay !== null ? [sql`day <= ${lastDay}`] : [])], sql` and `)
    const monthly = trx.withTables<MonthlyStatsTables>()
    let deleteDossierMonths = monthly.deleteFrom('dossier_monthly_stats')
    let deleteFeedbackMonths = monthly.deleteFrom('feedback_monthly_stats')
    if (firstDay !== null) {
      deleteDossierMonths = deleteDossierMonths.where('month', '>=', firstDay.slice(0, 7))
      deleteFeedbackMonths = deleteFeedbackMonths.where('month', '>=', firstDay.slice(0, 7))
    }
    if (lastDay !== null) {
      deleteDossierMonths = deleteDossierMonths.where('month', '<=', lastDay.slice(0, 7))
      deleteFeedbackMonths = deleteFeedbackMonths.where('month', '<=', lastDay.slice(0, 7))
    }
    await deleteDossierMonths.execute()
    await deleteFeedbackMonths.execute()
    await sql`
      insert into dossier_monthly_stats (unit_id, procedure_id, month, received, returned_early, returned_on_time, returned_late, refused, stopped, processing_seconds)
      select unit_id, procedure_id, substr(day, 1, 7), sum(received), sum(returned_early), sum(returned_on_time), sum(returned_late), sum(refused), sum(stopped), sum(processing_seconds)
      from dossier_daily_stats where ${daysOfMonths}
      group by unit_id, procedure_id, substr(day, 1, 7)
      order by 3, 1, 2
    `.execute(trx)
    await sql`
      insert into feedback_monthly_stats (unit_id, category, month, submitted, answered, answered_on_time)
      select unit_id, category, substr(day, 1, 7), sum(submitted), sum(answered), sum(answered_on_time)
      from feedback_daily_stats where ${daysOfMonths}
      group by unit_id, category, substr(day, 1, 7)
      order by 3, 1, 2
    `.execute(trx)
    await markAllMonthsChanged(trx)
    return { dossierRows: Number(dossierResult.numAffectedRows ?? 0), feedbackRows: Number(feedbackResult.numAffectedRows ?? 0) }
  })
}
