/**
 * Every query of the dashboard. Period figures are read from the monthly and daily tables; what is
 * open or overdue now is counted live on the indexed current state; the report and the lists behind
 * the figures read the dossiers themselves. `unitIds` null means every unit (no filter, so the
 * database can use its month or day index alone).
 */
import type { Kysely, RawBuilder, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { toDate, toDateOrNull } from '../../db/portable.ts'
import type { DossierStatus } from '../dossiers/index.ts'
import { addCounts, addCountsInPlace, monthReadPlan, NO_DOSSIER_COUNTS, NO_REPORT_COUNTS } from './dashboard.ts'
import type { Day, DossierCounts, FeedbackCounts, ReportCounts, Timing } from './dashboard.ts'

type Executor = Kysely<Database> | Transaction<Database>

/** The units a query covers: some ids, or every unit (null). */
export type UnitFilter = readonly number[] | null

const n = (value: unknown): number => Number(value ?? 0)

const DOSSIER_SUMS = [
  sql<number>`sum(s.received)`.as('received'),
  sql<number>`sum(s.returned_early)`.as('returned_early'),
  sql<number>`sum(s.returned_on_time)`.as('returned_on_time'),
  sql<number>`sum(s.returned_late)`.as('returned_late'),
  sql<number>`sum(s.refused)`.as('refused'),
  sql<number>`sum(s.stopped)`.as('stopped'),
  sql<number>`sum(s.processing_seconds)`.as('processing_seconds'),
]

const FEEDBACK_SUMS = [sql<number>`sum(s.submitted)`.as('submitted'), sql<number>`sum(s.answered)`.as('answered'), sql<number>`sum(s.answered_on_time)`.as('answered_on_time')]

/** Summed dossier counters of a row. */
function dossierCountsOf(r: Record<string, unknown>): DossierCounts {
  return {
    received: n(r.received),
    returnedEarly: n(r.returned_early),
    returnedOnTime: n(r.returned_on_time),
    returnedLate: n(r.returned_late),
    refused: n(r.refused),
    stopped: n(r.stopped),
    processingSeconds: n(r.processing_seconds),
  }
}

/** Summed dossier counters of one unit, procedure and month. */
export interface DossierMonthRow {
  readonly unitId: number
  readonly procedureId: number
  readonly month: string
  readonly counts: DossierCounts
}

/** Summed feedback counters of one unit, category and month. */
export interface FeedbackMonthRow {
  readonly unitId: number
  readonly category: string
  readonly month: string
  readonly counts: FeedbackCounts
}

/** Whether a row's counters add up to nothing (a receipt moved away, an answer taken back): such rows are left out. */
function isEmpty(counts: object): boolean {
  return Object.values(counts).every((value) => value === 0)
}

/** The units' filter of a query on the daily or monthly tables. */
function unitsWhere(unitIds: UnitFilter): RawBuilder<unknown> {
  if (unitIds === null) return sql``
  return sql` and unit_id in (${sql.join(unitIds.length > 0 ? [...unitIds] : [-1])})`
}

/** Dossier counters per unit, procedure and month "YYYY-MM" over the days [from, to], summed from the daily rows. */
export async function dossierMonthRows(db: Executor, unitIds: UnitFilter, from: Day, to: Day): Promise<DossierMonthRow[]> {
  const month = sql<string>`substr(s.day, 1, 7)`
  let query = db.selectFrom('dossier_daily_stats as s').where('s.day', '>=', from).where('s.day', '<=', to)
  if (unitIds !== null) query = query.where('s.unit_id', 'in', unitIds.length > 0 ? [...unitIds] : [-1])
  const rows = await query.select(['s.unit_id', 's.procedure_id', month.as('month'), ...DOSSIER_SUMS]).groupBy(['s.unit_id', 's.procedure_id', month]).execute()
  return dossierRowsOf(rows as Record<string, unknown>[], null)
}

/** Feedback counters per unit, category and month "YYYY-MM" over the days [from, to], summed from the daily rows. */
export async function feedbackMonthRows(db: Executor, unitIds: UnitFilter, from: Day, to: Day): Promise<FeedbackMonthRow[]> {
  const month = sql<string>`substr(s.day, 1, 7)`
  let query = db.selectFrom('feedback_daily_stats as s').where('s.day', '>=', from).where('s.day', '<=', to)
  if (unitIds !== null) query = query.where('s.unit_id', 'in', unitIds.length > 0 ? [...unitIds] : [-1])
  const rows = await query
    .select(['s.unit_id', 's.category', month.as('month'), ...FEEDBACK_SUMS])
    .groupBy(['s.unit_id', 's.category', month])
    .execute()
  return feedbackRowsOf(rows as Record<string, unknown>[], null)
}

/** Dossier rows from query rows, the empty ones left out; `month` when the rows have none of their own. */
function dossierRowsOf(rows: readonly Record<string, unknown>[], month: string | null): DossierMonthRow[] {
  const result: DossierMonthRow[] = []
  for (const r of rows) {
    const counts = dossierCountsOf(r)
    if (!isEmpty(counts)) result.push({ unitId: Number(r.unit_id), procedureId: Number(r.procedure_id), month: month ?? String(r.month), counts })
  }
  return result
}

/** Feedback rows from query rows, the empty ones left out; `month` when the rows have none of their own. */
function feedbackRowsOf(rows: readonly Record<string, unknown>[], month: string | null): FeedbackMonthRow[] {
  const result: FeedbackMonthRow[] = []
  for (const r of rows) {
    const counts = { submitted: n(r.submitted), answered: n(r.answered), answeredOnTime: n(r.answered_on_time) }
    if (!isEmpty(counts)) result.push({ unitId: Number(r.unit_id), category: String(r.category), month: month ?? String(r.month), counts })
  }
  return result
}

/** The daily rows of some days, with their counters negated, as a branch of a union. */
function lessDays(columns: RawBuilder<unknown>, table: string, range: [Day, Day] | null, unitIds: UnitFilter): RawBuilder<unknown>[] {
  return range === null ? [] : [sql`select ${columns} from ${sql.table(table)} where day >= ${range[0]} and day <= ${range[1]}${unitsWhere(unitIds)}`]
}

const DOSSIER_COLUMNS = ['received', 'returned_early', 'returned_on_time', 'returned_late', 'refused', 'stopped', 'processing_seconds'] as const
const FEEDBACK_COLUMNS = ['submitted', 'answered', 'answered_on_time'] as const

/**
 * Reads days [from, to] of one month from a monthly table, as planned ('month' or 'monthLess'),
 * summed by some keys (`isWholeKey` when they are the table's key but the month): the month's rows
 * less some of its days come from one statement, so that both are of the same snapshot.
 */
async function readMonthly(
  db: Executor,
  tables: { monthly: string; daily: string },
  columns: readonly string[],
  keys: { names: readonly string[]; isWholeKey: boolean },
  unitIds: UnitFilter,
  month: string,
  plan: Exclude<ReturnType<typeof monthReadPlan>, { kind: 'days' }>,
): Promise<Record<string, unknown>[]> {
  const keyList = sql.raw(keys.names.join(', '))
  const sums = sql.raw(columns.map((c) => `sum(${c}) as ${c}`).join(', '))
  if (plan.kind === 'month' && keys.isWholeKey) {
    // A month's rows are one per key already.
    return (await sql<Record<string, unknown>>`select ${keyList}, ${sql.raw(columns.join(', '))} from ${sql.table(tables.monthly)} where month = ${month}${unitsWhere(unitIds)}`.execute(db)).rows
  }
  const plain = sql.raw([...keys.names, ...columns].join(', '))
  const negated = sql.raw([...keys.names, ...columns.map((c) => `-${c}`)].join(', '))
  const parts = [
    sql`select ${plain} from ${sql.table(tables.monthly)} where month = ${month}${unitsWhere(unitIds)}`,
    ...(plan.kind === 'monthLess' ? [...lessDays(negated, tables.daily, plan.before, unitIds), ...lessDays(negated, tables.daily, plan.after, unitIds)] : []),
  ]
  return (await sql<Record<string, unknown>>`select ${keyList}, ${sums} from (${sql.join(parts, sql` union all `)}) as m group by ${keyList}`.execute(db)).rows
}

const DOSSIER_TABLES = { monthly: 'dossier_monthly_stats', daily: 'dossier_daily_stats' }
const FEEDBACK_TABLES = { monthly: 'feedback_monthly_stats', daily: 'feedback_daily_stats' }

/** Dossier counters per unit and procedure over days [from, to] of one month "YYYY-MM", as dossierMonthRows gives them, read by monthReadPlan. */
export async function dossierRowsOfMonth(db: Executor, unitIds: UnitFilter, month: string, from: Day, to: Day): Promise<DossierMonthRow[]> {
  const plan = monthReadPlan(month, from, to)
  if (plan.kind === 'days') return dossierMonthRows(db, unitIds, from, to)
  return dossierRowsOf(await readMonthly(db, DOSSIER_TABLES, DOSSIER_COLUMNS, { names: ['unit_id', 'procedure_id'], isWholeKey: true }, unitIds, month, plan), month)
}

/** Dossier counters per unit over days [from, to] of one month "YYYY-MM" (dossierRowsOfMonth summed over procedures), units with nothing left out. */
export async function dossierUnitSumsOfMonth(db: Executor, unitIds: UnitFilter, month: string, from: Day, to: Day): Promise<Map<number, DossierCounts>> {
  const plan = monthReadPlan(month, from, to)
  const sums = new Map<number, DossierCounts>()
  if (plan.kind === 'days') {
    for (const row of await dossierMonthRows(db, unitIds, from, to)) addCountsInPlace(sums, row.unitId, row.counts, NO_DOSSIER_COUNTS)
    return sums
  }
  for (const r of await readMonthly(db, DOSSIER_TABLES, DOSSIER_COLUMNS, { names: ['unit_id'], isWholeKey: false }, unitIds, month, plan)) {
    const counts = dossierCountsOf(r)
    if (!isEmpty(counts)) sums.set(Number(r.unit_id), counts)
  }
  return sums
}

/** Feedback counters per unit and category over days [from, to] of one month "YYYY-MM", as feedbackMonthRows gives them, read by monthReadPlan. */
export async function feedbackRowsOfMonth(db: Executor, unitIds: UnitFilter, month: string, from: Day, to: Day): Promise<FeedbackMonthRow[]> {
  const plan = monthReadPlan(month, from, to)
  if (plan.kind === 'days') return feedbackMonthRows(db, unitIds, from, to)
  return feedbackRowsOf(await readMonthly(db, FEEDBACK_TABLES, FEEDBACK_COLUMNS, { names: ['unit_id', 'category'], isWholeKey: true }, unitIds, month, plan), month)
}

/** Codes and names of procedures by id. */
export async function procedureNames(db: Executor, ids: readonly number[]): Promise<Map<number, { code: string; name: string }>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('procedures').select(['id', 'code', 'name']).where('id', 'in', [...ids]).execute()
  return new Map(rows.map((p) => [Number(p.id), { code: p.code, name: p.name }]))
}

/** Prefix of the stored tokens that change whenever a kept day of a month changes (see dashboard.months.ts). */
export const MONTH_VERSION_PREFIX = 'dashboard:month-version:'

/** The stored version tokens of some keys ('' for a key never written). */
export async function readVersions(db: Executor, keys: readonly string[]): Promise<Map<string, string>> {
  const versions = new Map(keys.map((k) => [k, '']))
  if (keys.length === 0) return versions
  const rows = await db.selectFrom('settings').select(['key', 'value_json']).where('key', 'in', [...keys]).execute()
  for (const row of rows) versions.set(row.key, row.value_json)
  return versions
}

/** Gives a key a new version token, inside the transaction that changed what it versions. */
export async function writeVersion(trx: Transaction<Database>, key: string, token: string, at: string): Promise<void> {
  await trx
    .insertInto('settings')
    .values({ key, value_json: token, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: (eb) => eb.ref('excluded.value_json'), updated_at: (eb) => eb.ref('excluded.updated_at') }))
    .execute()
}

/** What is open now, and of it overdue, per unit. */
export interface LiveCounts {
  readonly open: number
  readonly overdue: number
}

/** Dossiers whose clock runs (received, processing) and those past their due instant, per unit, now. */
export async function liveDossierCounts(db: Executor, unitIds: UnitFilter, now: string): Promise<Map<number, LiveCounts>> {
  let query = db.selectFrom('dossiers as d').where('d.status', 'in', ['received', 'processing'])
  if (unitIds !== null) query = query.where('d.unit_id', 'in', unitIds.length > 0 ? [...unitIds] : [-1])
  const rows = await query
    .select(['d.unit_id', sql<number>`count(*)`.as('open'), sql<number>`sum(case when d.due_at < ${now} then 1 else 0 end)`.as('overdue')])
    .groupBy('d.unit_id')
    .execute()
  return new Map(rows.map((r) => [Number(r.unit_id), { open: n(r.open), overdue: n(r.overdue) }]))
}

/** Feedback items still waiting for the authority (new, accepted, assigned) and those past due, per unit and category, now. */
export async function liveFeedbackCounts(db: Executor, unitIds: UnitFilter, now: string): Promise<{ unitId: number; category: string; counts: LiveCounts }[]> {
  let query = db.selectFrom('feedback_items as f').where('f.status', 'in', ['new', 'accepted', 'assigned'])
  if (unitIds !== null) query = query.where('f.unit_id', 'in', unitIds.length > 0 ? [...unitIds] : [-1])
  const rows = await query
    .select(['f.unit_id', 'f.category', sql<number>`count(*)`.as('open'), sql<number>`sum(case when f.due_at < ${now} then 1 else 0 end)`.as('overdue')])
    .groupBy(['f.unit_id', 'f.category'])
    .execute()
  return rows.map((r) => ({ unitId: Number(r.unit_id), category: r.category, counts: { open: n(r.open), overdue: n(r.overdue) } }))
}

/** Answers to "how satisfied were you", from evaluations of dossiers and from kiosks. */
export interface RatingCounts {
  readonly verySatisfied: number
  readonly satisfied: number
  readonly notSatisfied: number
}

/** Ratings per unit and official (null for none named) in [from, to). */
export async function ratingCounts(db: Executor, unitIds: UnitFilter, from: string, to: string): Promise<{ unitId: number; officialId: number | null; counts: RatingCounts }[]> {
  const within = (ids: UnitFilter) => (ids === null ? [] : [ids.length > 0 ? [...ids] : [-1]])
  let evaluations = db
    .selectFrom('dossier_evaluations as e')
    .select([
      'e.unit_id',
      'e.official_id',
      sql<number>`sum(case when e.overall = 'very_satisfied' then 1 else 0 end)`.as('very'),
      sql<number>`sum(case when e.overall = 'satisfied' then 1 else 0 end)`.as('sat'),
      sql<number>`sum(case when e.overall = 'not_satisfied' then 1 else 0 end)`.as('not_sat'),
    ])
    .where('e.created_at', '>=', from)
    .where('e.created_at', '<', to)
    .groupBy(['e.unit_id', 'e.official_id'])
  for (const ids of within(unitIds)) evaluations = evaluations.where('e.unit_id', 'in', ids)
  let kiosk = db
    .selectFrom('kiosk_ratings as k')
    .select([
      'k.unit_id',
      'k.official_id',
      sql<number>`sum(case when k.rating = 'very_satisfied' then 1 else 0 end)`.as('very'),
      sql<number>`sum(case when k.rating = 'satisfied' then 1 else 0 end)`.as('sat'),
      sql<number>`sum(case when k.rating = 'not_satisfied' then 1 else 0 end)`.as('not_sat'),
    ])
    .where('k.rated_at', '>=', from)
    .where('k.rated_at', '<', to)
    .groupBy(['k.unit_id', 'k.official_id'])
  for (const ids of within(unitIds)) kiosk = kiosk.where('k.unit_id', 'in', ids)
  const rows = [...(await evaluations.execute()), ...(await kiosk.execute())]
  return rows.map((r) => ({
    unitId: Number(r.unit_id),
    officialId: r.official_id === null ? null : Number(r.official_id),
    counts: { verySatisfied: n(r.very), satisfied: n(r.sat), notSatisfied: n(r.not_sat) },
  }))
}

/** Names of staff members by id. */
export async function staffNames(db: Executor, ids: readonly number[]): Promise<Map<number, { username: string; fullName: string }>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('staff').select(['id', 'username', 'full_name']).where('id', 'in', [...ids]).execute()
  return new Map(rows.map((r) => [Number(r.id), { username: r.username, fullName: r.full_name }]))
}

/** Statuses of a dossier not yet finished: every status but the final ones (the type fails to check when one is added). */
const UNFINISHED: readonly DossierStatus[] = Object.keys({ needs_supplement: true, received: true, processing: true, result_ready: true } satisfies Record<Exclude<DossierStatus, 'returned' | 'refused' | 'stopped'>, true>) as DossierStatus[]

/**
 * The report's counters per unit and procedure for [start, end): every received dossier not
 * finished before the period and not received after it, sorted into carried over or received, and
 * finished (by how) or still in hand (in time or overdue at `judgedAt`), as reportIncrement does.
 */
export async function reportCounts(db: Executor, unitIds: UnitFilter, start: string, end: string, judgedAt: string): Promise<{ unitId: number; procedureId: number; code: string; name: string; counts: ReportCounts }[]> {
  // Received before the period's end: a condition of every count rather than of the rows, so that
  // the database picks each set's rows by the index that finds them (SQLite keeps no statistics,
  // and would otherwise read every dossier of each unit by its receipt index).
  const isReceived = sql`d.received_at < ${end}`
  const finished = sql`(d.finished_at is not null and d.finished_at < ${end})`
  const returnedAs = sql`(${finished} and d.status not in ('refused', 'stopped'))`
  const count = (condition: ReturnType<typeof sql>) => sql<number>`sum(case when ${isReceived} and ${condition} then 1 else 0 end)`
  // Two sets, each on an index that leads with the unit: dossiers not finished (the status index),
  // and those finished since the period began (the finishing index; only final statuses have one).
  const sets = [
    (q: ReturnType<typeof reportBase>) => q.where('d.status', 'in', [...UNFINISHED]),
    (q: ReturnType<typeof reportBase>) => q.where('d.status', 'in', ['returned', 'refused', 'stopped']).where('d.finished_at', '>=', start),
  ]
  const results = await Promise.all(sets.map((only) => reportSelect(only(reportBase(db, unitIds)), count, finished, returnedAs, start, judgedAt).execute()))
  const merged = new Map<string, ReportCounts & { unitId: number; procedureId: number }>()
  for (const r of results.flat()) {
    const counts: ReportCounts = {
      carriedOver: n(r.carried_over),
      received: n(r.received),
      early: n(r.early),
      onTime: n(r.on_time),
      late: n(r.late),
      refused: n(r.refused),
      stopped: n(r.stopped),
      inTime: n(r.in_time),
      overdue: n(r.overdue),
    }
    // A line only of dossiers received after the period holds nothing: it is not in the report.
    if (isEmpty(counts)) continue
    const key = `${r.unit_id}|${r.procedure_id}`
    const before = merged.get(key)
    merged.set(key, { ...(before ? addCounts(before, counts) : counts), unitId: Number(r.unit_id), procedureId: Number(r.procedure_id) })
  }
  // Named after the sums: grouping by the procedure's id alone keeps the grouping small (in memory, not sorted on disk).
  const names = await procedureNames(db, [...new Set([...merged.values()].map((line) => line.procedureId))])
  return [...merged.values()].map(({ unitId, procedureId, ...counts }) => ({
    unitId,
    procedureId,
    code: names.get(procedureId)?.code ?? String(procedureId),
    name: names.get(procedureId)?.name ?? '—',
    counts: { ...NO_REPORT_COUNTS, ...counts },
  }))
}

/** Dossiers of the units. */
function reportBase(db: Executor, unitIds: UnitFilter) {
  let query = db.selectFrom('dossiers as d')
  if (unitIds !== null) query = query.where('d.unit_id', 'in', unitIds.length > 0 ? [...unitIds] : [-1])
  return query
}

/** The report's conditional sums per unit and procedure. */
function reportSelect(
  query: ReturnType<typeof reportBase>,
  count: (condition: ReturnType<typeof sql>) => ReturnType<typeof sql<number>>,
  finished: ReturnType<typeof sql>,
  returnedAs: ReturnType<typeof sql>,
  start: string,
  judgedAt: string,
) {
  return query
    .select([
      'd.unit_id',
      'd.procedure_id',
      count(sql`d.received_at < ${start}`).as('carried_over'),
      count(sql`d.received_at >= ${start}`).as('received'),
      count(sql`${returnedAs} and d.timing = 'early'`).as('early'),
      count(sql`${returnedAs} and (d.timing is null or d.timing not in ('early', 'late'))`).as('on_time'),
      count(sql`${returnedAs} and d.timing = 'late'`).as('late'),
      count(sql`${finished} and d.status = 'refused'`).as('refused'),
      count(sql`${finished} and d.status = 'stopped'`).as('stopped'),
      count(sql`not ${finished} and (d.due_at is null or d.due_at >= ${judgedAt})`).as('in_time'),
      count(sql`not ${finished} and d.due_at < ${judgedAt}`).as('overdue'),
    ])
    .groupBy(['d.unit_id', 'd.procedure_id'])
}

/** The figures whose dossiers can be listed. */
export const LISTED_FIGURES = ['received', 'returned', 'early', 'on_time', 'late', 'refused', 'stopped'] as const
/** One of LISTED_FIGURES. */
export type ListedFigure = (typeof LISTED_FIGURES)[number]

/** A dossier on a list behind a figure. */
export interface ListedDossier {
  readonly id: number
  readonly code: string | null
  readonly procedureCode: string
  readonly procedureName: string
  readonly unitName: string
  readonly applicantName: string
  readonly applicantPhone: string | null
  readonly applicantAddress: string | null
  readonly status: string
  readonly timing: Timing | null
  readonly receivedAt: Date | null
  readonly dueAt: Date | null
  readonly resultReadyAt: Date | null
  readonly finishedAt: Date | null
  readonly assigneeName: string | null
}

/** The filter of a list behind a figure. */
export interface FigureListFilter {
  readonly unitIds: UnitFilter
  readonly figure: ListedFigure
  /** [start, end) instants. */
  readonly start: string
  readonly end: string
  readonly procedureId?: number | null
}

/** The dossiers a figure counts, oldest first, a page at a time, and how many there are. */
export async function dossiersOfFigure(db: Executor, filter: FigureListFilter, limit: number, offset: number): Promise<{ total: number; dossiers: ListedDossier[] }> {
  const column = filter.figure === 'received' ? 'd.received_at' : 'd.finished_at'
  let query = db
    .selectFrom('dossiers as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .leftJoin('staff as a', 'a.id', 'd.assignee_id')
    .where(column, '>=', filter.start)
    .where(column, '<', filter.end)
  if (filter.unitIds !== null) query = query.where('d.unit_id', 'in', filter.unitIds.length > 0 ? [...filter.unitIds] : [-1])
  if (filter.procedureId) query = query.where('d.procedure_id', '=', filter.procedureId)
  if (filter.figure === 'returned') query = query.where('d.status', '=', 'returned').where('d.timing', 'in', ['early', 'on_time', 'late'])
  else if (filter.figure === 'early' || filter.figure === 'on_time' || filter.figure === 'late') query = query.where('d.status', '=', 'returned').where('d.timing', '=', filter.figure)
  else if (filter.figure === 'refused' || filter.figure === 'stopped') query = query.where('d.status', '=', filter.figure)
  const { total } = await query.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow()
  const rows = await query
    .select([
      'd.id',
      'd.code',
      'p.code as procedure_code',
      'p.name as procedure_name',
      'u.name as unit_name',
      'd.applicant_name',
      'd.applicant_phone',
      'd.applicant_address',
      'd.status',
      'd.timing',
      'd.received_at',
      'd.original_due_at',
      'd.due_at',
      'd.result_ready_at',
      'd.finished_at',
      'a.full_name as assignee_name',
    ])
    .orderBy(column)
    .orderBy('d.id')
    .limit(limit)
    .offset(offset)
    .execute()
  return {
    total: Number(total),
    dossiers: rows.map((r) => ({
      id: Number(r.id),
      code: r.code,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      unitName: r.unit_name,
      applicantName: r.applicant_name,
      applicantPhone: r.applicant_phone,
      applicantAddress: r.applicant_address,
      status: r.status,
      timing: r.timing as Timing | null,
      receivedAt: toDateOrNull(r.received_at),
      // Judged against the first promise, as the figures are.
      dueAt: toDateOrNull(r.original_due_at ?? r.due_at),
      resultReadyAt: toDateOrNull(r.result_ready_at),
      finishedAt: r.finished_at === null ? null : toDate(r.finished_at),
      assigneeName: r.assignee_name,
    })),
  }
}

/** A procedure's id by its code, or null. */
export async function procedureIdByCode(db: Executor, code: string): Promise<number | null> {
  const row = await db.selectFrom('procedures').select('id').where('code', '=', code).executeTakeFirst()
  return row ? Number(row.id) : null
}
