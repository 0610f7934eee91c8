/**
 * Every query of direct dialogues. Tracked follow-up items live in the feedback module; their
 * status is read here by a join on `feedback_items`, the one table of another feature this
 * repository reads (the session page and the coverage show it next to each commitment).
 */
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { instant, toDate, toDateOrNull } from '../../db/portable.ts'
import type { DialogueCommitmentsTable, DialogueQuestionsTable, DialogueSessionsTable } from './dialogue.table.ts'
import { COMMUNE_LEVELS, HELD_STATUSES } from './dialogue.ts'
import type { QuestionSource, QuestionStatus, SessionStatus } from './dialogue.ts'

type Executor = Kysely<Database> | Transaction<Database>

/** A unit as records carry them. */
export interface UnitRef {
  readonly id: number
  readonly code: string
  readonly name: string
  readonly path: string
  readonly level: string
}

/** A named staff member as records carry them. */
export interface StaffRef {
  readonly id: number
  readonly username: string
  readonly fullName: string
}

/** The tracked item of a commitment or an unanswered question, as far as dialogues show it. */
export interface TrackedRef {
  readonly id: number
  readonly code: string
  readonly status: string
  readonly dueAt: Date | null
  readonly answeredAt: Date | null
  readonly closedAt: Date | null
  /** Whether the public may see its page (the sender agreed and staff accepted it). */
  readonly isPublic: boolean
}

/** A session row joined with its unit and secretary. */
export interface SessionRecord {
  readonly id: number
  readonly unit: UnitRef
  readonly topic: string
  readonly description: string | null
  readonly startsAt: Date
  readonly endsAt: Date | null
  readonly venue: string
  readonly livestreamUrl: string | null
  readonly status: SessionStatus
  readonly cancelReason: string | null
  readonly participants: string | null
  readonly attendance: number | null
  readonly summary: string | null
  readonly secretary: StaffRef | null
  readonly heldAt: Date | null
  readonly minutesPublishedAt: Date | null
  readonly closedAt: Date | null
  readonly createdBy: number | null
  readonly createdAt: Date
  readonly updatedAt: Date
  /** Exactly as stored, for the optimistic check of updateSession. */
  readonly updatedAtRaw: string | Date
}

/** A host of a session. */
export interface HostRecord {
  readonly staff: StaffRef
  readonly title: string | null
  readonly roleLabel: string
  readonly position: number
}

/** A question row with its assigned unit and tracked item. */
export interface QuestionRecord {
  readonly id: number
  readonly sessionId: number
  readonly source: QuestionSource
  readonly askerName: string | null
  readonly residentialArea: string | null
  readonly contact: string | null
  readonly isAnonymous: boolean
  readonly text: string
  readonly status: QuestionStatus
  readonly hiddenReason: string | null
  readonly mergedIntoId: number | null
  readonly assignedUnit: UnitRef | null
  readonly preparedAnswer: string | null
  readonly answer: string | null
  readonly answeredBy: string | null
  readonly supportCount: number
  readonly trackedItem: TrackedRef | null
  readonly createdAt: Date
  readonly updatedAt: Date
  readonly updatedAtRaw: string | Date
}

/** A commitment row with its unit and tracked item. */
export interface CommitmentRecord {
  readonly id: number
  readonly sessionId: number
  readonly questionId: number | null
  readonly responsibleUnit: UnitRef
  readonly responsible: string
  readonly content: string
  readonly dueAt: Date
  readonly trackedItem: TrackedRef | null
  readonly createdBy: number | null
  readonly createdAt: Date
}

/** The joined select that SessionRecord is read from. */
function sessionQuery(db: Executor) {
  return db
    .selectFrom('dialogue_sessions as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .leftJoin('staff as sec', 'sec.id', 's.secretary_id')
    .select([
      's.id',
      's.unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.path as unit_path',
      'u.level as unit_level',
      's.topic',
      's.description',
      's.starts_at',
      's.ends_at',
      's.venue',
      's.livestream_url',
      's.status',
      's.cancel_reason',
      's.participants',
      's.attendance',
      's.summary',
      's.secretary_id',
      'sec.username as secretary_username',
      'sec.full_name as secretary_name',
      's.held_at',
      's.minutes_published_at',
      's.closed_at',
      's.created_by',
      's.created_at',
      's.updated_at',
    ])
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['executeTakeFirstOrThrow']>>

/** A staff reference from nullable columns. */
function staffRef(id: number | string | null, username: string | null, fullName: string | null): StaffRef | null {
  return id === null || username === null ? null : { id: Number(id), username, fullName: fullName ?? username }
}

/** Maps a joined row to a SessionRecord. */
function toSession(r: SessionRow): SessionRecord {
  return {
    id: Number(r.id),
    unit: { id: Number(r.unit_id), code: r.unit_code, name: r.unit_name, path: r.unit_path, level: r.unit_level },
    topic: r.topic,
    description: r.description,
    startsAt: toDate(r.starts_at),
    endsAt: toDateOrNull(r.ends_at),
    venue: r.venue,
    livestreamUrl: r.livestream_url,
    status: r.status as SessionStatus,
    cancelReason: r.cancel_reason,
    participants: r.participants,
    attendance: r.attendance === null ? null : Number(r.attendance),
    summary: r.summary,
    secretary: staffRef(r.secretary_id, r.secretary_username, r.secretary_name),
    heldAt: toDateOrNull(r.held_at),
    minutesPublishedAt: toDateOrNull(r.minutes_published_at),
    closedAt: toDateOrNull(r.closed_at),
    createdBy: r.created_by === null ? null : Number(r.created_by),
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
    updatedAtRaw: r.updated_at,
  }
}

/** One session by id. */
export async function findSession(db: Executor, id: number): Promise<SessionRecord | null> {
  const row = await sessionQuery(db).where('s.id', '=', id).executeTakeFirst()
  return row ? toSession(row) : null
}

/** Sessions by id, in no particular order. */
export async function findSessions(db: Executor, ids: readonly number[]): Promise<SessionRecord[]> {
  if (ids.length === 0) return []
  const rows = await sessionQuery(db).where('s.id', 'in', [...ids]).execute()
  return rows.map(toSession)
}

/** Filters of session lists. */
export interface SessionFilter {
  /** upcoming: not yet held (and cancelled ones still ahead); past: held, or cancelled and gone by. */
  readonly scope: 'upcoming' | 'past' | 'all'
  readonly now: Date
  /** Sessions of this unit and the units under it. */
  readonly unitPath?: string
  /** Only sessions of units under one of these paths, or whose secretary is this staff member. */
  readonly staffScope?: { readonly paths: readonly string[]; readonly staffId: number }
  readonly from?: Date
  readonly to?: Date
  readonly limit: number
  readonly offset: number
}

/** The lists' base, filtered. */
function listBase(db: Executor, f: SessionFilter) {
  let q = db.selectFrom('dialogue_sessions as s').innerJoin('units as u', 'u.id', 's.unit_id')
  const now = instant(f.now)
  if (f.scope === 'upcoming') {
    q = q.where((eb) => eb.or([eb('s.status', 'in', ['planned', 'open_for_questions']), eb.and([eb('s.status', '=', 'cancelled'), eb('s.starts_at', '>=', now)])]))
  } else if (f.scope === 'past') {
    q = q.where((eb) => eb.or([eb('s.status', 'in', [...HELD_STATUSES]), eb.and([eb('s.status', '=', 'cancelled'), eb('s.starts_at', '<', now)])]))
  }
  if (f.unitPath) q = q.where('u.path', 'like', `${f.unitPath}%`)
  if (f.staffScope) {
    const { paths, staffId } = f.staffScope
    q = q.where((eb) => eb.or([eb('s.secretary_id', '=', staffId), ...paths.map((p) => eb('u.path', 'like', `${p}%`))]))
  }
  if (f.from) q = q.where('s.starts_at', '>=', instant(f.from))
  if (f.to) q = q.where('s.starts_at', '<', instant(f.to))
  return q
}

/** A page of session ids (upcoming soonest first, otherwise latest first) and the total. */
export async function findSessionPage(db: Executor, filter: SessionFilter): Promise<{ total: number; ids: number[] }> {
  const direction = filter.scope === 'upcoming' ? 'asc' : 'desc'
  const rows = await listBase(db, filter).select('s.id').orderBy('s.starts_at', direction).orderBy('s.id', direction).limit(filter.limit).offset(filter.offset).execute()
  const count = await listBase(db, filter).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
  return { total: Number(count.n), ids: rows.map((r) => Number(r.id)) }
}

/** Counts of public questions, pending questions and commitments per session. */
export async function countPerSession(db: Executor, ids: readonly number[]): Promise<Map<number, { questions: number; pending: number; commitments: number }>> {
  const counts = new Map<number, { questions: number; pending: number; commitments: number }>(ids.map((id) => [id, { questions: 0, pending: 0, commitments: 0 }]))
  if (ids.length === 0) return counts
  const questions = await db
    .selectFrom('dialogue_questions')
    .select(['session_id', 'status', sql<number>`count(*)`.as('n')])
    .where('session_id', 'in', [...ids])
    .where('status', 'in', ['pending', 'published', 'answered', 'unanswered'])
    .groupBy(['session_id', 'status'])
    .execute()
  for (const r of questions) {
    const entry = counts.get(Number(r.session_id))!
    if (r.status === 'pending') entry.pending += Number(r.n)
    else entry.questions += Number(r.n)
  }
  const commitments = await db.selectFrom('dialogue_commitments').select(['session_id', sql<number>`count(*)`.as('n')]).where('session_id', 'in', [...ids]).groupBy('session_id').execute()
  for (const r of commitments) counts.get(Number(r.session_id))!.commitments = Number(r.n)
  return counts
}

/** Inserts a session; returns its id. */
export async function insertSession(trx: Transaction<Database>, row: Insertable<DialogueSessionsTable>): Promise<number> {
  const { id } = await trx.insertInto('dialogue_sessions').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

/**
 * Updates a session only if nobody changed it since it was read (same status and updated_at);
 * returns whether it did.
 */
export async function updateSession(
  trx: Transaction<Database>,
  read: { readonly id: number; readonly status: SessionStatus; readonly updatedAtRaw: string | Date },
  changes: Updateable<DialogueSessionsTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('dialogue_sessions')
    .set(changes)
    .where('id', '=', read.id)
    .where('status', '=', read.status)
    .where('updated_at', '=', read.updatedAtRaw instanceof Date ? instant(read.updatedAtRaw) : read.updatedAtRaw)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Bumps a session's updated_at (a change to its questions or hosts), only if it is still in a status. */
export async function touchSession(trx: Transaction<Database>, id: number, status: SessionStatus, now: Date): Promise<boolean> {
  const result = await trx.updateTable('dialogue_sessions').set({ updated_at: instant(now) }).where('id', '=', id).where('status', '=', status).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The hosts of some sessions, by position. */
export async function findHosts(db: Executor, sessionIds: readonly number[]): Promise<Map<number, HostRecord[]>> {
  const bySession = new Map<number, HostRecord[]>(sessionIds.map((id) => [id, []]))
  if (sessionIds.length === 0) return bySession
  const rows = await db
    .selectFrom('dialogue_hosts as h')
    .innerJoin('staff as st', 'st.id', 'h.staff_id')
    .select(['h.session_id', 'h.staff_id', 'st.username', 'st.full_name', 'st.title', 'h.role_label', 'h.position'])
    .where('h.session_id', 'in', [...sessionIds])
    .orderBy('h.session_id')
    .orderBy('h.position')
    .execute()
  for (const r of rows) {
    bySession.get(Number(r.session_id))?.push({
      staff: { id: Number(r.staff_id), username: r.username, fullName: r.full_name },
      title: r.title,
      roleLabel: r.role_label,
      position: Number(r.position),
    })
  }
  return bySession
}

/** Replaces a session's hosts. */
export async function replaceHosts(trx: Transaction<Database>, sessionId: number, hosts: readonly { staffId: number; roleLabel: string }[]): Promise<void> {
  await trx.deleteFrom('dialogue_hosts').where('session_id', '=', sessionId).execute()
  if (hosts.length === 0) return
  await trx
    .insertInto('dialogue_hosts')
    .values(hosts.map((h, i) => ({ session_id: sessionId, staff_id: h.staffId, role_label: h.roleLabel, position: i + 1 })))
    .execute()
}

/** The joined select that QuestionRecord is read from. */
function questionQuery(db: Executor) {
  return db
    .selectFrom('dialogue_questions as q')
    .leftJoin('units as au', 'au.id', 'q.assigned_unit_id')
    .leftJoin('feedback_items as fi', 'fi.id', 'q.feedback_item_id')
    .select([
      'q.id',
      'q.session_id',
      'q.source',
      'q.asker_name',
      'q.residential_area',
      'q.contact',
      'q.is_anonymous',
      'q.text',
      'q.status',
      'q.hidden_reason',
      'q.merged_into_id',
      'q.assigned_unit_id',
      'au.code as assigned_unit_code',
      'au.name as assigned_unit_name',
      'au.path as assigned_unit_path',
      'au.level as assigned_unit_level',
      'q.prepared_answer',
      'q.answer',
      'q.answered_by',
      'q.support_count',
      'q.feedback_item_id',
      'fi.code as item_code',
      'fi.status as item_status',
      'fi.due_at as item_due_at',
      'fi.answered_at as item_answered_at',
      'fi.closed_at as item_closed_at',
      'fi.wants_public as item_wants_public',
      'q.created_at',
      'q.updated_at',
    ])
}

type QuestionRow = Awaited<ReturnType<ReturnType<typeof questionQuery>['executeTakeFirstOrThrow']>>

/** The tracked item of a joined row. */
function trackedOf(r: {
  feedback_item_id: number | string | null
  item_code: string | null
  item_status: string | null
  item_due_at: string | Date | null
  item_answered_at: string | Date | null
  item_closed_at: string | Date | null
  item_wants_public: number | string | null
}): TrackedRef | null {
  if (r.feedback_item_id === null || r.item_code === null || r.item_status === null) return null
  return {
    id: Number(r.feedback_item_id),
    code: r.item_code,
    status: r.item_status,
    dueAt: toDateOrNull(r.item_due_at),
    answeredAt: toDateOrNull(r.item_answered_at),
    closedAt: toDateOrNull(r.item_closed_at),
    // The same rule as the feedback module's public page (tracked items are always petitions).
    isPublic: Number(r.item_wants_public) === 1 && r.item_status !== 'new' && r.item_status !== 'rejected',
  }
}

/** Maps a joined row to a QuestionRecord. */
function toQuestion(r: QuestionRow): QuestionRecord {
  return {
    id: Number(r.id),
    sessionId: Number(r.session_id),
    source: r.source as QuestionSource,
    askerName: r.asker_name,
    residentialArea: r.residential_area,
    contact: r.contact,
    isAnonymous: Number(r.is_anonymous) === 1,
    text: r.text,
    status: r.status as QuestionStatus,
    hiddenReason: r.hidden_reason,
    mergedIntoId: r.merged_into_id === null ? null : Number(r.merged_into_id),
    assignedUnit:
      r.assigned_unit_id === null || r.assigned_unit_code === null
        ? null
        : { id: Number(r.assigned_unit_id), code: r.assigned_unit_code, name: r.assigned_unit_name ?? r.assigned_unit_code, path: r.assigned_unit_path ?? '', level: r.assigned_unit_level ?? '' },
    preparedAnswer: r.prepared_answer,
    answer: r.answer,
    answeredBy: r.answered_by,
    supportCount: Number(r.support_count),
    trackedItem: trackedOf(r),
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
    updatedAtRaw: r.updated_at,
  }
}

/** The questions of a session: the most supported first, then oldest first. */
export async function findQuestions(db: Executor, sessionId: number): Promise<QuestionRecord[]> {
  const rows = await questionQuery(db).where('q.session_id', '=', sessionId).orderBy('q.support_count', 'desc').orderBy('q.id').execute()
  return rows.map(toQuestion)
}

/** One question of a session. */
export async function findQuestion(db: Executor, sessionId: number, questionId: number): Promise<QuestionRecord | null> {
  const row = await questionQuery(db).where('q.session_id', '=', sessionId).where('q.id', '=', questionId).executeTakeFirst()
  return row ? toQuestion(row) : null
}

/** Counts a session's questions per status. */
export async function countQuestionsByStatus(db: Executor, sessionId: number): Promise<Record<string, number>> {
  const rows = await db.selectFrom('dialogue_questions').select(['status', sql<number>`count(*)`.as('n')]).where('session_id', '=', sessionId).groupBy('status').execute()
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
}

/** Inserts a question; returns its id. */
export async function insertQuestion(trx: Transaction<Database>, row: Insertable<DialogueQuestionsTable>): Promise<number> {
  const { id } = await trx.insertInto('dialogue_questions').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

/** Updates a question only if nobody changed it since it was read; returns whether it did. */
export async function updateQuestion(
  trx: Transaction<Database>,
  read: { readonly id: number; readonly status: QuestionStatus; readonly updatedAtRaw: string | Date },
  changes: Updateable<DialogueQuestionsTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('dialogue_questions')
    .set(changes)
    .where('id', '=', read.id)
    .where('status', '=', read.status)
    .where('updated_at', '=', read.updatedAtRaw instanceof Date ? instant(read.updatedAtRaw) : read.updatedAtRaw)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The session's questions in a status, read inside a transaction (for marking the session held). */
export async function findQuestionsInStatus(trx: Transaction<Database>, sessionId: number, statuses: readonly QuestionStatus[]): Promise<QuestionRecord[]> {
  const rows = await questionQuery(trx).where('q.session_id', '=', sessionId).where('q.status', 'in', [...statuses]).orderBy('q.id').execute()
  return rows.map(toQuestion)
}

/**
 * Records a device's support of a question; false when the device already supported it (the
 * primary key refuses the second row). The count moves in the same statement's transaction.
 */
export async function insertSupport(trx: Transaction<Database>, questionId: number, deviceHash: string, now: Date): Promise<boolean> {
  const inserted = await trx
    .insertInto('dialogue_supports')
    .values({ question_id: questionId, device_hash: deviceHash, created_at: instant(now) })
    .onConflict((oc) => oc.columns(['question_id', 'device_hash']).doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return false
  await trx
    .updateTable('dialogue_questions')
    .set((eb) => ({ support_count: eb('support_count', '+', 1) }))
    .where('id', '=', questionId)
    .execute()
  return true
}

/**
 * Moves the supports of one question to another: devices that supported both count once.
 * Recounts the target from its rows; returns the target's new count.
 */
export async function moveSupports(trx: Transaction<Database>, fromId: number, toId: number): Promise<number> {
  const moving = await trx.selectFrom('dialogue_supports').select(['device_hash', 'created_at']).where('question_id', '=', fromId).execute()
  if (moving.length > 0) {
    await trx
      .insertInto('dialogue_supports')
      .values(moving.map((s) => ({ question_id: toId, device_hash: s.device_hash, created_at: s.created_at })))
      .onConflict((oc) => oc.columns(['question_id', 'device_hash']).doNothing())
      .execute()
    await trx.deleteFrom('dialogue_supports').where('question_id', '=', fromId).execute()
  }
  const { n } = await trx.selectFrom('dialogue_supports').select(sql<number>`count(*)`.as('n')).where('question_id', '=', toId).executeTakeFirstOrThrow()
  const count = Number(n)
  await trx.updateTable('dialogue_questions').set({ support_count: count }).where('id', '=', toId).execute()
  await trx.updateTable('dialogue_questions').set({ support_count: 0 }).where('id', '=', fromId).execute()
  return count
}

/** Which of some questions a device has supported. */
export async function findSupportedBy(db: Executor, questionIds: readonly number[], deviceHash: string): Promise<Set<number>> {
  if (questionIds.length === 0) return new Set()
  const rows = await db.selectFrom('dialogue_supports').select('question_id').where('device_hash', '=', deviceHash).where('question_id', 'in', [...questionIds]).execute()
  return new Set(rows.map((r) => Number(r.question_id)))
}

/** How many questions were merged into each of some questions. */
export async function countMergedInto(db: Executor, ids: readonly number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>()
  if (ids.length === 0) return counts
  const rows = await db
    .selectFrom('dialogue_questions')
    .select(['merged_into_id', sql<number>`count(*)`.as('n')])
    .where('merged_into_id', 'in', [...ids])
    .groupBy('merged_into_id')
    .execute()
  for (const r of rows) if (r.merged_into_id !== null) counts.set(Number(r.merged_into_id), Number(r.n))
  return counts
}

/** The joined select that CommitmentRecord is read from. */
function commitmentQuery(db: Executor) {
  return db
    .selectFrom('dialogue_commitments as c')
    .innerJoin('units as ru', 'ru.id', 'c.responsible_unit_id')
    .leftJoin('feedback_items as fi', 'fi.id', 'c.feedback_item_id')
    .select([
      'c.id',
      'c.session_id',
      'c.question_id',
      'c.responsible_unit_id',
      'ru.code as unit_code',
      'ru.name as unit_name',
      'ru.path as unit_path',
      'ru.level as unit_level',
      'c.responsible',
      'c.content',
      'c.due_at',
      'c.feedback_item_id',
      'fi.code as item_code',
      'fi.status as item_status',
      'fi.due_at as item_due_at',
      'fi.answered_at as item_answered_at',
      'fi.closed_at as item_closed_at',
      'fi.wants_public as item_wants_public',
      'c.created_by',
      'c.created_at',
    ])
}

type CommitmentRow = Awaited<ReturnType<ReturnType<typeof commitmentQuery>['executeTakeFirstOrThrow']>>

/** Maps a joined row to a CommitmentRecord. */
function toCommitment(r: CommitmentRow): CommitmentRecord {
  return {
    id: Number(r.id),
    sessionId: Number(r.session_id),
    questionId: r.question_id === null ? null : Number(r.question_id),
    responsibleUnit: { id: Number(r.responsible_unit_id), code: r.unit_code, name: r.unit_name, path: r.unit_path, level: r.unit_level },
    responsible: r.responsible,
    content: r.content,
    dueAt: toDate(r.due_at),
    trackedItem: trackedOf(r),
    createdBy: r.created_by === null ? null : Number(r.created_by),
    createdAt: toDate(r.created_at),
  }
}

/** The commitments of a session, in the order recorded. */
export async function findCommitments(db: Executor, sessionId: number): Promise<CommitmentRecord[]> {
  const rows = await commitmentQuery(db).where('c.session_id', '=', sessionId).orderBy('c.id').execute()
  return rows.map(toCommitment)
}

/** One commitment by id. */
export async function findCommitment(db: Executor, id: number): Promise<CommitmentRecord | null> {
  const row = await commitmentQuery(db).where('c.id', '=', id).executeTakeFirst()
  return row ? toCommitment(row) : null
}

/** Inserts a commitment; returns its id. */
export async function insertCommitment(trx: Transaction<Database>, row: Insertable<DialogueCommitmentsTable>): Promise<number> {
  const { id } = await trx.insertInto('dialogue_commitments').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

// ---------------------------------------------------------------------------------------------
// Coverage

/** The enabled commune-level units under a unit (its wards, communes and townships, at any depth). */
export async function findCommuneUnitsUnder(db: Executor, parentPath: string): Promise<UnitRef[]> {
  const rows = await db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'path', 'level'])
    .where('path', 'like', `${parentPath}%`)
    .where('path', '!=', parentPath)
    .where('level', 'in', [...COMMUNE_LEVELS])
    .where('is_disabled', '=', 0)
    .orderBy('code')
    .execute()
  return rows.map((r) => ({ id: Number(r.id), code: r.code, name: r.name, path: r.path, level: r.level }))
}

/** Sessions held in [from, to) under a unit (the unit itself included), by start. */
export async function findHeldSessions(db: Executor, parentPath: string, from: Date, to: Date): Promise<{ id: number; unitPath: string; startsAt: Date }[]> {
  const rows = await db
    .selectFrom('dialogue_sessions as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.id', 'u.path', 's.starts_at'])
    .where('u.path', 'like', `${parentPath}%`)
    .where('s.status', 'in', [...HELD_STATUSES])
    .where('s.starts_at', '>=', instant(from))
    .where('s.starts_at', '<', instant(to))
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .execute()
  return rows.map((r) => ({ id: Number(r.id), unitPath: r.path, startsAt: toDate(r.starts_at) }))
}

/** The commitments of sessions held in [from, to) under a unit, with their tracked items' state. */
export async function findCommitmentFacts(
  db: Executor,
  parentPath: string,
  from: Date,
  to: Date,
): Promise<{ sessionUnitPath: string; dueAt: Date; itemStatus: string | null; answeredAt: Date | null }[]> {
  const rows = await db
    .selectFrom('dialogue_commitments as c')
    .innerJoin('dialogue_sessions as s', 's.id', 'c.session_id')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .leftJoin('feedback_items as fi', 'fi.id', 'c.feedback_item_id')
    .select(['u.path', 'c.due_at', 'fi.status as item_status', 'fi.answered_at as item_answered_at'])
    .where('u.path', 'like', `${parentPath}%`)
    .where('s.status', 'in', [...HELD_STATUSES])
    .where('s.starts_at', '>=', instant(from))
    .where('s.starts_at', '<', instant(to))
    .execute()
  return rows.map((r) => ({ sessionUnitPath: r.path, dueAt: toDate(r.due_at), itemStatus: r.item_status, answeredAt: toDateOrNull(r.item_answered_at) }))
}

/** Sessions for the calendar feed: not older than a date, soonest first. */
export async function findFeedSessionIds(db: Executor, since: Date, unitPath: string | null, limit: number): Promise<number[]> {
  let q = db.selectFrom('dialogue_sessions as s').innerJoin('units as u', 'u.id', 's.unit_id').select('s.id').where('s.starts_at', '>=', instant(since))
  if (unitPath) q = q.where('u.path', 'like', `${unitPath}%`)
  const rows = await q.orderBy('s.starts_at').orderBy('s.id').limit(limit).execute()
  return rows.map((r) => Number(r.id))
}
