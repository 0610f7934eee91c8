/** Every query of the one-stop desk. */
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely'
import type { DossiersTable } from './dossier.table.ts'
import { sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { prepareQuery, toDate, toDateOrNull } from '../../db/portable.ts'
import type { Channel, DossierStatus, ReturnMethod, Timing } from './dossier.ts'

type Executor = Kysely<Database> | Transaction<Database>

/** A dossier row joined with its unit and procedure, as the service maps it. */
export interface DossierRecord {
  readonly id: number
  readonly code: string | null
  readonly pin: string | null
  readonly unitId: number
  readonly unitCode: string
  readonly unitName: string
  readonly unitPath: string
  readonly agencyCode: string | null
  readonly procedureId: number
  readonly procedureCode: string
  readonly procedureName: string
  readonly status: DossierStatus
  readonly channel: Channel
  readonly applicant: { fullName: string; idNumber: string | null; phone: string | null; email: string | null; address: string | null }
  readonly createdAt: Date
  readonly receivedAt: Date | null
  readonly dueAt: Date | null
  readonly originalDueAt: Date | null
  readonly receivedById: number | null
  readonly receivedByName: string | null
  readonly assigneeId: number | null
  readonly assigneeName: string | null
  readonly currentStep: number
  readonly hasSupplementRequest: boolean
  readonly hasApology: boolean
  readonly returnVisits: number
  readonly resultReadyAt: Date | null
  readonly finishedAt: Date | null
  readonly returnMethod: ReturnMethod | null
  readonly timing: Timing | null
  readonly refusalReason: string | null
}

/** The joined select that DossierRecord is read from. */
function recordQuery(db: Executor) {
  return db
    .selectFrom('dossiers as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .leftJoin('staff as r', 'r.id', 'd.received_by')
    .leftJoin('staff as a', 'a.id', 'd.assignee_id')
    .select([
      'd.id',
      'd.code',
      'd.pin',
      'd.unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.path as unit_path',
      'u.agency_code',
      'd.procedure_id',
      'p.code as procedure_code',
      'p.name as procedure_name',
      'd.status',
      'd.channel',
      'd.applicant_name',
      'd.applicant_id_number',
      'd.applicant_phone',
      'd.applicant_email',
      'd.applicant_address',
      'd.created_at',
      'd.received_at',
      'd.due_at',
      'd.original_due_at',
      'd.received_by',
      'r.full_name as received_by_name',
      'd.assignee_id',
      'a.full_name as assignee_name',
      'd.current_step',
      'd.has_supplement_request',
      'd.has_apology',
      'd.return_visits',
      'd.result_ready_at',
      'd.finished_at',
      'd.return_method',
      'd.timing',
      'd.refusal_reason',
    ])
}

type RecordRow = Awaited<ReturnType<ReturnType<typeof recordQuery>['executeTakeFirstOrThrow']>>

/** Maps a joined row to a DossierRecord. */
function toRecord(r: RecordRow): DossierRecord {
  return {
    id: Number(r.id),
    code: r.code,
    pin: r.pin,
    unitId: Number(r.unit_id),
    unitCode: r.unit_code,
    unitName: r.unit_name,
    unitPath: r.unit_path,
    agencyCode: r.agency_code,
    procedureId: Number(r.procedure_id),
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    status: r.status as DossierStatus,
    channel: r.channel as Channel,
    applicant: { fullName: r.applicant_name, idNumber: r.applicant_id_number, phone: r.applicant_phone, email: r.applicant_email, address: r.applicant_address },
    createdAt: toDate(r.created_at),
    receivedAt: toDateOrNull(r.received_at),
    dueAt: toDateOrNull(r.due_at),
    originalDueAt: toDateOrNull(r.original_due_at),
    receivedById: r.received_by === null ? null : Number(r.received_by),
    receivedByName: r.received_by_name,
    assigneeId: r.assignee_id === null ? null : Number(r.assignee_id),
    assigneeName: r.assignee_name,
    currentStep: Number(r.current_step),
    hasSupplementRequest: Number(r.has_supplement_request) === 1,
    hasApology: Number(r.has_apology) === 1,
    returnVisits: Number(r.return_visits),
    resultReadyAt: toDateOrNull(r.result_ready_at),
    finishedAt: toDateOrNull(r.finished_at),
    returnMethod: r.return_method as ReturnMethod | null,
    timing: r.timing as Timing | null,
    refusalReason: r.refusal_reason,
  }
}

// The public lookup's queries run on every request: built and compiled once per database.
const byCodeQuery = prepareQuery(['\u0000code'] as [string], (db, code) => recordQuery(db as Kysely<Database>).where('d.code', '=', code))

/** One dossier by code. */
export async function findByCode(db: Executor, code: string): Promise<DossierRecord | null> {
  const [row] = await byCodeQuery.execute(db, code)
  return row ? toRecord(row) : null
}

/** One dossier by id. */
export async function findById(db: Executor, id: number): Promise<DossierRecord | null> {
  const row = await recordQuery(db).where('d.id', '=', id).executeTakeFirst()
  return row ? toRecord(row) : null
}

/** Filters of a dossier list. */
export interface DossierFilter {
  /** Unit paths the caller may see: exact units, or subtrees. */
  readonly scopes: readonly { path: string; isSubtree: boolean }[]
  readonly unitPath?: string
  readonly statuses?: readonly DossierStatus[]
  readonly isOverdue?: boolean
  readonly dueBefore?: string
  readonly receivedFrom?: string
  readonly receivedTo?: string
  readonly assigneeId?: number
  /** Phone, ID number or code, matched exactly. */
  readonly search?: string
  readonly now: string
  readonly limit: number
  readonly offset: number
}

/** Applies a filter to a query over `dossiers as d` joined with `units as u`. */
function applyFilter<Q extends ReturnType<typeof recordQuery>>(query: Q, f: DossierFilter): Q {
  let q = query.where((eb) =>
    eb.or(f.scopes.map((s) => (s.isSubtree ? eb('u.path', 'like', `${s.path}%`) : eb('u.path', '=', s.path)))),
  ) as Q
  if (f.unitPath) q = q.where('u.path', 'like', `${f.unitPath}%`) as Q
  if (f.statuses && f.statuses.length > 0) q = q.where('d.status', 'in', [...f.statuses]) as Q
  if (f.isOverdue === true) q = q.where('d.status', 'in', ['received', 'processing']).where('d.due_at', '<', f.now) as Q
  if (f.isOverdue === false) q = q.where((eb) => eb.or([eb('d.status', 'not in', ['received', 'processing']), eb('d.due_at', '>=', f.now)])) as Q
  if (f.dueBefore) q = q.where('d.status', 'in', ['received', 'processing']).where('d.due_at', '<=', f.dueBefore) as Q
  if (f.receivedFrom) q = q.where('d.received_at', '>=', f.receivedFrom) as Q
  if (f.receivedTo) q = q.where('d.received_at', '<', f.receivedTo) as Q
  if (f.assigneeId !== undefined) q = q.where('d.assignee_id', '=', f.assigneeId) as Q
  if (f.search) {
    const term = f.search
    q = q.where((eb) => eb.or([eb('d.code', '=', term), eb('d.applicant_phone', '=', term), eb('d.applicant_id_number', '=', term)])) as Q
  }
  return q
}

/** A page of dossiers matching a filter, newest first, and the total count. */
export async function findMany(db: Executor, filter: DossierFilter): Promise<{ total: number; records: DossierRecord[] }> {
  if (filter.scopes.length === 0) return { total: 0, records: [] }
  const rows = await applyFilter(recordQuery(db), filter).orderBy('d.id', 'desc').limit(filter.limit).offset(filter.offset).execute()
  const count = await applyFilter(recordQuery(db), filter)
    .clearSelect()
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow()
  return { total: Number(count.n), records: rows.map(toRecord) }
}

/** The documents recorded for a dossier. */
export async function findDocuments(db: Executor, dossierId: number): Promise<{ name: string; isProvided: boolean }[]> {
  const rows = await db.selectFrom('dossier_documents').select(['name', 'is_provided']).where('dossier_id', '=', dossierId).orderBy('id').execute()
  return rows.map((r) => ({ name: r.name, isProvided: Number(r.is_provided) === 1 }))
}

/** An entry of a dossier's history. */
export interface DossierEvent {
  readonly at: Date
  readonly actorId: number | null
  readonly actorLabel: string
  readonly action: string
  readonly fromStatus: DossierStatus | null
  readonly toStatus: DossierStatus
  readonly toStaffName: string | null
  readonly toUnitName: string | null
  readonly stepName: string | null
  readonly note: string | null
  readonly data: Record<string, unknown> | null
}

const eventsQuery = prepareQuery([-7_310_731] as [number], (db: Kysely<Database>, dossierId) =>
  db
    .selectFrom('dossier_events as e')
    .leftJoin('staff as s', 's.id', 'e.to_staff_id')
    .leftJoin('units as u', 'u.id', 'e.to_unit_id')
    .select(['e.at', 'e.actor_id', 'e.actor_label', 'e.action', 'e.from_status', 'e.to_status', 's.full_name as to_staff_name', 'u.name as to_unit_name', 'e.step_name', 'e.note', 'e.data_json'])
    .where('e.dossier_id', '=', dossierId)
    .orderBy('e.id'),
)

/** What the public lookup shows of a dossier: only the columns it needs (each column read costs). */
export interface PublicDossierRecord {
  readonly id: number
  readonly code: string
  readonly pin: string | null
  readonly status: DossierStatus
  readonly procedureCode: string
  readonly procedureName: string
  readonly unitName: string
  readonly applicantName: string
  readonly receivedAt: Date | null
  readonly dueAt: Date | null
  readonly resultReadyAt: Date | null
  readonly finishedAt: Date | null
  readonly timing: Timing | null
}

const publicByCodeQuery = prepareQuery(['\u0000code'] as [string], (db: Kysely<Database>, code) =>
  db
    .selectFrom('dossiers as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .select(['d.id', 'd.code', 'd.pin', 'd.status', 'p.code as procedure_code', 'p.name as procedure_name', 'u.name as unit_name', 'd.applicant_name', 'd.received_at', 'd.due_at', 'd.result_ready_at', 'd.finished_at', 'd.timing'])
    .where('d.code', '=', code),
)

/** One dossier by code, with what the public lookup shows. */
export async function findPublicByCode(db: Executor, code: string): Promise<PublicDossierRecord | null> {
  const [r] = await publicByCodeQuery.execute(db, code)
  if (!r) return null
  return {
    id: Number(r.id),
    code: r.code!,
    pin: r.pin,
    status: r.status as DossierStatus,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    unitName: r.unit_name,
    applicantName: r.applicant_name,
    receivedAt: toDateOrNull(r.received_at),
    dueAt: toDateOrNull(r.due_at),
    resultReadyAt: toDateOrNull(r.result_ready_at),
    finishedAt: toDateOrNull(r.finished_at),
    timing: r.timing as Timing | null,
  }
}

const publicEventsQuery = prepareQuery([-7_310_732] as [number], (db: Kysely<Database>, dossierId) =>
  db.selectFrom('dossier_events as e').select(['e.at', 'e.action', 'e.to_status']).where('e.dossier_id', '=', dossierId).orderBy('e.id'),
)

/** A dossier's history as the public sees it (what happened and when), oldest first. */
export async function findPublicEvents(db: Executor, dossierId: number): Promise<{ at: Date; action: string; toStatus: DossierStatus }[]> {
  const rows = await publicEventsQuery.execute(db, dossierId)
  return rows.map((r) => ({ at: toDate(r.at), action: r.action, toStatus: r.to_status as DossierStatus }))
}

/** A dossier's history, oldest first. */
export async function findEvents(db: Executor, dossierId: number): Promise<DossierEvent[]> {
  const rows = await eventsQuery.execute(db, dossierId)
  return rows.map((r) => ({
    at: toDate(r.at),
    actorId: r.actor_id === null ? null : Number(r.actor_id),
    actorLabel: r.actor_label,
    action: r.action,
    fromStatus: r.from_status as DossierStatus | null,
    toStatus: r.to_status as DossierStatus,
    toStaffName: r.to_staff_name,
    toUnitName: r.to_unit_name,
    stepName: r.step_name,
    note: r.note,
    data: r.data_json === null ? null : (JSON.parse(r.data_json) as Record<string, unknown>),
  }))
}

/**
 * Takes the next number of an agency's day. One atomic upsert: concurrent desks and app
 * instances queue on the row, so no two dossiers share a code.
 */
export async function nextSequence(trx: Transaction<Database>, agencyCode: string, day: string): Promise<number> {
  const row = await trx
    .insertInto('dossier_code_sequences')
    .values({ agency_code: agencyCode, day, last_value: 1 })
    .onConflict((oc) => oc.columns(['agency_code', 'day']).doUpdateSet({ last_value: sql`dossier_code_sequences.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow()
  return Number(row.last_value)
}

/** Inserts a dossier; returns its id. */
export async function insertDossier(trx: Transaction<Database>, row: Insertable<DossiersTable>): Promise<number> {
  const { id } = await trx.insertInto('dossiers').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

/** Replaces a dossier's document list. */
export async function writeDocuments(trx: Transaction<Database>, dossierId: number, documents: readonly { name: string; isProvided: boolean }[]): Promise<void> {
  await trx.deleteFrom('dossier_documents').where('dossier_id', '=', dossierId).execute()
  if (documents.length > 0) {
    await trx
      .insertInto('dossier_documents')
      .values(documents.map((d) => ({ dossier_id: dossierId, name: d.name, is_provided: d.isProvided ? 1 : 0 })))
      .execute()
  }
}

/** Appends a history entry. */
export async function insertEvent(
  trx: Transaction<Database>,
  event: {
    dossierId: number
    at: string
    actorId: number | null
    actorLabel: string
    action: string
    fromStatus: DossierStatus | null
    toStatus: DossierStatus
    toStaffId?: number | null
    toUnitId?: number | null
    stepName?: string | null
    note?: string | null
    data?: Record<string, unknown> | null
  },
): Promise<void> {
  await trx
    .insertInto('dossier_events')
    .values({
      dossier_id: event.dossierId,
      at: event.at,
      actor_id: event.actorId,
      actor_label: event.actorLabel,
      action: event.action,
      from_status: event.fromStatus,
      to_status: event.toStatus,
      to_staff_id: event.toStaffId ?? null,
      to_unit_id: event.toUnitId ?? null,
      step_name: event.stepName ?? null,
      note: event.note ?? null,
      data_json: event.data ? JSON.stringify(event.data) : null,
    })
    .execute()
}

/** Updates a dossier's columns. */
export async function updateDossier(trx: Transaction<Database>, id: number, changes: Updateable<DossiersTable>): Promise<void> {
  await trx.updateTable('dossiers').set(changes).where('id', '=', id).execute()
}

/** Dossiers joined with their unit, procedure and handling official (assignee, else receiver), for figures. */
export function figuresBase(db: Executor) {
  return db
    .selectFrom('dossiers as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .leftJoin('staff as s', (join) => join.on(sql<boolean>`s.id = coalesce(d.assignee_id, d.received_by)`))
}
