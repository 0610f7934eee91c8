/** Every query of citizen reception: reception days and the register (sổ tiếp công dân). */
import type { ExpressionBuilder, Insertable, Kysely, Transaction, Updateable } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { instant, toDate, toDateOrNull } from '../../db/portable.ts'
import type { ReceptionCasesTable, ReceptionDaysTable } from './dialogue.table.ts'
import type { CaseDirection, CaseKind, CaseNotice, DayStatus, HostRole } from './reception.ts'

type Executor = Kysely<Database> | Transaction<Database>

/** A unit as reception records carry it. */
export interface UnitRef {
  readonly id: number
  readonly code: string
  readonly name: string
  readonly path: string
}

/** A reception day row joined with its unit and host. */
export interface DayRecord {
  readonly id: number
  readonly unit: UnitRef
  readonly host: { readonly id: number; readonly username: string; readonly fullName: string; readonly title: string | null }
  readonly hostRole: HostRole
  /** The civil date in Vietnam, `YYYY-MM-DD`. */
  readonly day: string
  readonly starts: string
  readonly ends: string
  readonly venue: string
  readonly status: DayStatus
  readonly note: string | null
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** A register row joined with its unit and the official who wrote it. */
export interface CaseRecord {
  readonly id: number
  readonly unit: UnitRef
  readonly receptionDayId: number | null
  readonly receivedAt: Date
  readonly receivedBy: { readonly username: string; readonly fullName: string } | null
  readonly citizenName: string
  readonly citizenAddress: string | null
  readonly peopleCount: number
  readonly content: string
  readonly earlierHandling: string | null
  readonly kind: CaseKind
  readonly direction: CaseDirection
  readonly outcome: string | null
  readonly notifyDueAt: Date
  readonly notifiedAt: Date | null
  readonly notice: CaseNotice | null
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** Whether a unit path lies under one of some roots (a path is its own ancestor). */
function underAny(eb: ExpressionBuilder<any, any>, column: string, roots: readonly string[]) {
  return eb.or(roots.map((root) => eb(column, 'like', `${root}%`)))
}

// ---------------------------------------------------------------------------------------------
// Reception days

function dayQuery(db: Executor) {
  return db
    .selectFrom('reception_days as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .innerJoin('staff as s', 's.id', 'd.staff_id')
    .select([
      'd.id',
      'd.unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.path as unit_path',
      'd.staff_id',
      's.username as host_username',
      's.full_name as host_name',
      's.title as host_title',
      'd.host_role',
      'd.day',
      'd.starts',
      'd.ends',
      'd.venue',
      'd.status',
      'd.note',
      'd.created_at',
      'd.updated_at',
    ])
}

type DayRow = Awaited<ReturnType<ReturnType<typeof dayQuery>['executeTakeFirstOrThrow']>>

function toDay(row: DayRow): DayRecord {
  return {
    id: Number(row.id),
    unit: { id: Number(row.unit_id), code: row.unit_code, name: row.unit_name, path: row.unit_path },
    host: { id: Number(row.staff_id), username: row.host_username, fullName: row.host_name, title: row.host_title },
    hostRole: row.host_role as HostRole,
    day: row.day,
    starts: row.starts,
    ends: row.ends,
    venue: row.venue,
    status: row.status as DayStatus,
    note: row.note,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  }
}

/** One reception day by id. */
export async function findDay(db: Executor, id: number): Promise<DayRecord | null> {
  const row = await dayQuery(db).where('d.id', '=', id).executeTakeFirst()
  return row ? toDay(row) : null
}

/** Filters of a list of reception days; dates as `YYYY-MM-DD`, both ends included. */
export interface DayFilter {
  /** Unit paths whose units (and those under them) are included. */
  readonly roots: readonly string[]
  readonly from: string
  readonly to: string
  readonly statuses?: readonly DayStatus[]
  readonly hostRoles?: readonly HostRole[]
  /** Leave out units that are switched off (the public schedule). */
  readonly isEnabledOnly?: boolean
  readonly limit?: number
}

/** Reception days in a span of dates, by date and hour. */
export async function listDays(db: Executor, filter: DayFilter): Promise<DayRecord[]> {
  if (filter.roots.length === 0) return []
  let q = dayQuery(db)
    .where((eb) => underAny(eb, 'u.path', filter.roots))
    .where('d.day', '>=', filter.from)
    .where('d.day', '<=', filter.to)
  if (filter.statuses && filter.statuses.length > 0) q = q.where('d.status', 'in', [...filter.statuses])
  if (filter.hostRoles && filter.hostRoles.length > 0) q = q.where('d.host_role', 'in', [...filter.hostRoles])
  if (filter.isEnabledOnly) q = q.where('u.is_disabled', '=', 0)
  q = q.orderBy('d.day').orderBy('d.starts').orderBy('u.path').orderBy('d.id')
  if (filter.limit !== undefined) q = q.limit(filter.limit)
  return (await q.execute()).map(toDay)
}

/** The dates (of days not cancelled) a host already receives on, among some dates. */
export async function findHostDates(db: Executor, staffId: number, dates: readonly string[]): Promise<Set<string>> {
  if (dates.length === 0) return new Set()
  const rows = await db
    .selectFrom('reception_days')
    .select('day')
    .where('staff_id', '=', staffId)
    .where('status', '!=', 'cancelled')
    .where('day', '>=', dates.reduce((a, b) => (a < b ? a : b)))
    .where('day', '<=', dates.reduce((a, b) => (a > b ? a : b)))
    .execute()
  return new Set(rows.map((r) => r.day))
}

/** Inserts a reception day; returns its id. */
export async function insertDay(trx: Transaction<Database>, row: Insertable<ReceptionDaysTable>): Promise<number> {
  const { id } = await trx.insertInto('reception_days').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

/** Changes a day that is still in the state it was read in; false when someone changed it meanwhile. */
export async function updateDay(trx: Transaction<Database>, read: { readonly id: number; readonly status: DayStatus }, changes: Updateable<ReceptionDaysTable>): Promise<boolean> {
  const result = await trx.updateTable('reception_days').set(changes).where('id', '=', read.id).where('status', '=', read.status).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Deletes a scheduled day; false when it is no longer scheduled. */
export async function deleteDay(trx: Transaction<Database>, id: number): Promise<boolean> {
  const result = await trx.deleteFrom('reception_days').where('id', '=', id).where('status', '=', 'scheduled').executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}

/** How many register entries name a reception day. */
export async function countCasesOfDay(db: Executor, dayId: number): Promise<number> {
  const row = await db.selectFrom('reception_cases').select((eb) => eb.fn.countAll().as('n')).where('reception_day_id', '=', dayId).executeTakeFirstOrThrow()
  return Number(row.n)
}

// ---------------------------------------------------------------------------------------------
// The register

function caseQuery(db: Executor) {
  return db
    .selectFrom('reception_cases as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .leftJoin('staff as r', 'r.id', 'c.received_by')
    .select([
      'c.id',
      'c.unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.path as unit_path',
      'c.reception_day_id',
      'c.received_at',
      'r.username as receiver_username',
      'r.full_name as receiver_name',
      'c.citizen_name',
      'c.citizen_address',
      'c.people_count',
      'c.content',
      'c.earlier_handling',
      'c.kind',
      'c.direction',
      'c.outcome',
      'c.notify_due_at',
      'c.notified_at',
      'c.notice',
      'c.created_at',
      'c.updated_at',
    ])
}

type CaseRow = Awaited<ReturnType<ReturnType<typeof caseQuery>['executeTakeFirstOrThrow']>>

function toCase(row: CaseRow): CaseRecord {
  return {
    id: Number(row.id),
    unit: { id: Number(row.unit_id), code: row.unit_code, name: row.unit_name, path: row.unit_path },
    receptionDayId: row.reception_day_id === null ? null : Number(row.reception_day_id),
    receivedAt: toDate(row.received_at),
    receivedBy: row.receiver_username !== null && row.receiver_name !== null ? { username: row.receiver_username, fullName: row.receiver_name } : null,
    citizenName: row.citizen_name,
    citizenAddress: row.citizen_address,
    peopleCount: Number(row.people_count),
    content: row.content,
    earlierHandling: row.earlier_handling,
    kind: row.kind as CaseKind,
    direction: row.direction as CaseDirection,
    outcome: row.outcome,
    notifyDueAt: toDate(row.notify_due_at),
    notifiedAt: toDateOrNull(row.notified_at),
    notice: row.notice as CaseNotice | null,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  }
}

/** One register entry by id. */
export async function findCase(db: Executor, id: number): Promise<CaseRecord | null> {
  const row = await caseQuery(db).where('c.id', '=', id).executeTakeFirst()
  return row ? toCase(row) : null
}

/** Filters of the register. */
export interface CaseFilter {
  /** Unit paths whose units (and those under them) are included. */
  readonly roots: readonly string[]
  /** Received at or after. */
  readonly from?: Date
  /** Received before. */
  readonly before?: Date
  readonly kinds?: readonly CaseKind[]
  /** Only matters still waiting for a notice past their deadline at this instant. */
  readonly overdueAt?: Date
  readonly offset?: number
  readonly limit?: number
}

/** Directions that wait for a notice (reception.ts needsNotice), as the overdue filter needs them in SQL. */
const NOTICE_DIRECTIONS: readonly CaseDirection[] = ['accepted', 'transferred']

function filteredCases(db: Executor, f: CaseFilter) {
  let q = caseQuery(db).where((eb) => underAny(eb, 'u.path', f.roots))
  if (f.from) q = q.where('c.received_at', '>=', instant(f.from))
  if (f.before) q = q.where('c.received_at', '<', instant(f.before))
  if (f.kinds && f.kinds.length > 0) q = q.where('c.kind', 'in', [...f.kinds])
  if (f.overdueAt) q = q.where('c.notified_at', 'is', null).where('c.direction', 'in', [...NOTICE_DIRECTIONS]).where('c.notify_due_at', '<', instant(f.overdueAt))
  return q
}

/** A page of the register, oldest first (the order of a paper register), and how many match. */
export async function listCases(db: Executor, f: CaseFilter): Promise<{ total: number; items: CaseRecord[] }> {
  if (f.roots.length === 0) return { total: 0, items: [] }
  const counted = await filteredCases(db, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  let q = filteredCases(db, f).orderBy('c.received_at').orderBy('c.id')
  if (f.offset) q = q.offset(f.offset)
  if (f.limit !== undefined) q = q.limit(f.limit)
  return { total: Number(counted.n), items: (await q.execute()).map(toCase) }
}

/** Inserts a register entry; returns its id. */
export async function insertCase(trx: Transaction<Database>, row: Insertable<ReceptionCasesTable>): Promise<number> {
  const { id } = await trx.insertInto('reception_cases').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

/** Changes a register entry's direction or outcome. */
export async function updateCase(trx: Transaction<Database>, id: number, changes: Updateable<ReceptionCasesTable>): Promise<void> {
  await trx.updateTable('reception_cases').set(changes).where('id', '=', id).execute()
}

/** Records the notice of an entry not yet notified; false when one was recorded meanwhile. */
export async function recordNotice(trx: Transaction<Database>, id: number, changes: { notice: CaseNotice; notified_at: string; updated_at: string }): Promise<boolean> {
  const result = await trx.updateTable('reception_cases').set(changes).where('id', '=', id).where('notified_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
