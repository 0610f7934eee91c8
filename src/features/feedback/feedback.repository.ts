/** Every query of feedback and petitions. */
import type { Expression, ExpressionBuilder, Insertable, Kysely, SqlBool, Transaction, Updateable } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { fromJson, instant, prepareQuery, toDate, toDateOrNull } from '../../db/portable.ts'
import type { FeedbackScope } from './feedback.policy.ts'
import type { FeedbackItemsTable } from './feedback.table.ts'
import { OPEN_STATUSES } from './feedback.ts'
import type { FeedbackKind, FeedbackOrigin, FeedbackStatus } from './feedback.ts'

type Executor = Kysely<Database> | Transaction<Database>

/** A named staff member as records carry them. */
export interface StaffRef {
  readonly id: number
  readonly username: string
  readonly fullName: string
}

/** A unit as records carry them. */
export interface UnitRef {
  readonly id: number
  readonly code: string
  readonly name: string
  readonly path: string
}

/** An item row joined with its units and people, as the service maps it. */
export interface FeedbackRecord {
  readonly id: number
  readonly code: string
  readonly kind: FeedbackKind
  readonly category: string
  readonly unit: UnitRef
  readonly title: string | null
  readonly description: string
  readonly address: string | null
  readonly latitude: number | null
  readonly longitude: number | null
  readonly attributes: Record<string, string>
  readonly mediaUrl: string | null
  readonly contact: { readonly name: string | null; readonly phone: string | null; readonly email: string | null }
  readonly isAnonymous: boolean
  readonly wantsPublic: boolean
  readonly isPublished: boolean
  readonly publishedAt: Date | null
  readonly status: FeedbackStatus
  readonly official: StaffRef | null
  readonly assignedUnit: UnitRef | null
  readonly assignee: StaffRef | null
  readonly duplicateOfCode: string | null
  readonly rejectionReason: string | null
  readonly dueAt: Date | null
  readonly escalatedAt: Date | null
  readonly publicAnswer: string | null
  readonly answeredAt: Date | null
  readonly answeredBy: StaffRef | null
  readonly upheld: boolean | null
  readonly decidedAt: Date | null
  readonly residentRating: number | null
  readonly ratedAt: Date | null
  readonly reopenCount: number
  readonly reopenedAt: Date | null
  readonly tokenHash: string
  readonly origin: FeedbackOrigin
  readonly originRef: string | null
  readonly open311ClientId: number | null
  readonly submittedAt: Date
  /** Exactly as stored, for the optimistic check of updateItem. */
  readonly updatedAtRaw: string | Date
  readonly updatedAt: Date
  readonly closedAt: Date | null
}

/** The joined select that FeedbackRecord is read from. */
function recordQuery(db: Executor) {
  return db
    .selectFrom('feedback_items as f')
    .innerJoin('units as u', 'u.id', 'f.unit_id')
    .leftJoin('units as au', 'au.id', 'f.assigned_unit_id')
    .leftJoin('staff as o', 'o.id', 'f.official_id')
    .leftJoin('staff as a', 'a.id', 'f.assignee_id')
    .leftJoin('staff as ab', 'ab.id', 'f.answered_by')
    .leftJoin('feedback_items as dup', 'dup.id', 'f.duplicate_of_id')
    .select([
      'f.id',
      'f.code',
      'f.kind',
      'f.category',
      'f.unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.path as unit_path',
      'f.title',
      'f.description',
      'f.address',
      'f.latitude',
      'f.longitude',
      'f.attributes_json',
      'f.media_url',
      'f.contact_name',
      'f.contact_phone',
      'f.contact_email',
      'f.is_anonymous',
      'f.wants_public',
      'f.is_published',
      'f.published_at',
      'f.status',
      'f.official_id',
      'o.username as official_username',
      'o.full_name as official_name',
      'f.assigned_unit_id',
      'au.code as assigned_unit_code',
      'au.name as assigned_unit_name',
      'au.path as assigned_unit_path',
      'f.assignee_id',
      'a.username as assignee_username',
      'a.full_name as assignee_name',
      'dup.code as duplicate_of_code',
      'f.rejection_reason',
      'f.due_at',
      'f.escalated_at',
      'f.public_answer',
      'f.answered_at',
      'f.answered_by',
      'ab.username as answered_by_username',
      'ab.full_name as answered_by_name',
      'f.upheld',
      'f.decided_at',
      'f.resident_rating',
      'f.rated_at',
      'f.reopen_count',
      'f.reopened_at',
      'f.token_hash',
      'f.origin',
      'f.origin_ref',
      'f.open311_client_id',
      'f.submitted_at',
      'f.updated_at',
      'f.closed_at',
    ])
}

type RecordRow = Awaited<ReturnType<ReturnType<typeof recordQuery>['executeTakeFirstOrThrow']>>

/** A staff reference from three nullable columns. */
function staffRef(id: number | null, username: string | null, fullName: string | null): StaffRef | null {
  return id === null || username === null ? null : { id: Number(id), username, fullName: fullName ?? username }
}

/** Maps a joined row to a FeedbackRecord. */
function toRecord(r: RecordRow): FeedbackRecord {
  return {
    id: Number(r.id),
    code: r.code,
    kind: r.kind as FeedbackKind,
    category: r.category,
    unit: { id: Number(r.unit_id), code: r.unit_code, name: r.unit_name, path: r.unit_path },
    title: r.title,
    description: r.description,
    address: r.address,
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
    attributes: fromJson<Record<string, string>>(r.attributes_json) ?? {},
    mediaUrl: r.media_url,
    contact: { name: r.contact_name, phone: r.contact_phone, email: r.contact_email },
    isAnonymous: Number(r.is_anonymous) === 1,
    wantsPublic: Number(r.wants_public) === 1,
    isPublished: Number(r.is_published) === 1,
    publishedAt: toDateOrNull(r.published_at),
    status: r.status as FeedbackStatus,
    official: staffRef(r.official_id, r.official_username, r.official_name),
    assignedUnit:
      r.assigned_unit_id === null || r.assigned_unit_code === null
        ? null
        : { id: Number(r.assigned_unit_id), code: r.assigned_unit_code, name: r.assigned_unit_name ?? r.assigned_unit_code, path: r.assigned_unit_path ?? '' },
    assignee: staffRef(r.assignee_id, r.assignee_username, r.assignee_name),
    duplicateOfCode: r.duplicate_of_code,
    rejectionReason: r.rejection_reason,
    dueAt: toDateOrNull(r.due_at),
    escalatedAt: toDateOrNull(r.escalated_at),
    publicAnswer: r.public_answer,
    answeredAt: toDateOrNull(r.answered_at),
    answeredBy: staffRef(r.answered_by, r.answered_by_username, r.answered_by_name),
    upheld: r.upheld === null ? null : Number(r.upheld) === 1,
    decidedAt: toDateOrNull(r.decided_at),
    residentRating: r.resident_rating === null ? null : Number(r.resident_rating),
    ratedAt: toDateOrNull(r.rated_at),
    reopenCount: Number(r.reopen_count),
    reopenedAt: toDateOrNull(r.reopened_at),
    tokenHash: r.token_hash,
    origin: r.origin as FeedbackOrigin,
    originRef: r.origin_ref,
    open311ClientId: r.open311_client_id === null ? null : Number(r.open311_client_id),
    submittedAt: toDate(r.submitted_at),
    updatedAtRaw: r.updated_at,
    updatedAt: toDate(r.updated_at),
    closedAt: toDateOrNull(r.closed_at),
  }
}

// Residents' and the public's lookups run on every request: built and compiled once per database.
const byCodeQuery = prepareQuery(['\u0000code'] as [string], (db, code) => recordQuery(db as Kysely<Database>).where('f.code', '=', code))

/** One item by tracking code. */
export async function findByCode(db: Executor, code: string): Promise<FeedbackRecord | null> {
  const [row] = await byCodeQuery.execute(db, code)
  return row ? toRecord(row) : null
}

/** One item by id. */
export async function findById(db: Executor, id: number): Promise<FeedbackRecord | null> {
  const row = await recordQuery(db).where('f.id', '=', id).executeTakeFirst()
  return row ? toRecord(row) : null
}

/** Items by id, in no particular order. */
export async function findByIds(db: Executor, ids: readonly number[]): Promise<FeedbackRecord[]> {
  if (ids.length === 0) return []
  const rows = await recordQuery(db).where('f.id', 'in', [...ids]).execute()
  return rows.map(toRecord)
}

/**
 * Takes the next number of a day. One atomic upsert: concurrent submissions and app instances
 * queue on the row, so no two items share a code.
 */
export async function nextSequence(trx: Transaction<Database>, day: string): Promise<number> {
  const row = await trx
    .insertInto('feedback_code_sequences')
    .values({ day, last_value: 1 })
    .onConflict((oc) => oc.column('day').doUpdateSet({ last_value: sql`feedback_code_sequences.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow()
  return Number(row.last_value)
}

/** Inserts an item; returns its id. */
export async function insertItem(trx: Transaction<Database>, row: Insertable<FeedbackItemsTable>): Promise<number> {
  const { id } = await trx.insertInto('feedback_items').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

/** A photo row to insert. */
export interface PhotoRow {
  readonly position: number
  readonly mime: string
  readonly width: number
  readonly height: number
  readonly sizeBytes: number
  readonly fileKey: string
  readonly thumbKey: string
}

/** Inserts an item's photos. */
export async function insertPhotos(trx: Transaction<Database>, itemId: number, photos: readonly PhotoRow[], now: Date): Promise<void> {
  if (photos.length === 0) return
  await trx
    .insertInto('feedback_photos')
    .values(
      photos.map((p) => ({
        item_id: itemId,
        position: p.position,
        mime: p.mime,
        width: p.width,
        height: p.height,
        size_bytes: p.sizeBytes,
        file_key: p.fileKey,
        thumb_key: p.thumbKey,
        created_at: instant(now),
      })),
    )
    .execute()
}

/** A photo as read back. */
export interface PhotoRecord {
  readonly id: number
  readonly itemId: number
  readonly position: number
  readonly mime: string
  readonly width: number
  readonly height: number
  readonly sizeBytes: number
  readonly fileKey: string
  readonly thumbKey: string
}

/** The photos of some items, by position. */
export async function findPhotos(db: Executor, itemIds: readonly number[]): Promise<PhotoRecord[]> {
  if (itemIds.length === 0) return []
  const rows = await db
    .selectFrom('feedback_photos')
    .select(['id', 'item_id', 'position', 'mime', 'width', 'height', 'size_bytes', 'file_key', 'thumb_key'])
    .where('item_id', 'in', [...itemIds])
    .orderBy('item_id')
    .orderBy('position')
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    itemId: Number(r.item_id),
    position: Number(r.position),
    mime: r.mime,
    width: Number(r.width),
    height: Number(r.height),
    sizeBytes: Number(r.size_bytes),
    fileKey: r.file_key,
    thumbKey: r.thumb_key,
  }))
}

/** One photo by id. */
export async function findPhoto(db: Executor, photoId: number): Promise<PhotoRecord | null> {
  const [photo] = await db
    .selectFrom('feedback_photos')
    .select('item_id')
    .where('id', '=', photoId)
    .execute()
  if (!photo) return null
  return (await findPhotos(db, [Number(photo.item_id)])).find((p) => p.id === photoId) ?? null
}

/** A line of an item's history to write. */
export interface EventInput {
  readonly itemId: number
  readonly at: Date
  readonly actorId: number | null
  readonly actorLabel: string
  readonly action: string
  readonly fromStatus: FeedbackStatus | null
  readonly toStatus: FeedbackStatus
  readonly note?: string | null
  readonly isInternal?: boolean
  readonly data?: Record<string, unknown> | null
}

/** Appends a line to an item's history. */
export async function insertEvent(trx: Transaction<Database>, e: EventInput): Promise<void> {
  await trx
    .insertInto('feedback_events')
    .values({
      item_id: e.itemId,
      at: instant(e.at),
      actor_id: e.actorId,
      actor_label: e.actorLabel,
      action: e.action,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      note: e.note ?? null,
      is_internal: e.isInternal ? 1 : 0,
      data_json: e.data ? JSON.stringify(e.data) : null,
    })
    .execute()
}

/** A line of an item's history. */
export interface FeedbackEvent {
  readonly id: number
  readonly at: Date
  readonly actorId: number | null
  readonly actorLabel: string
  readonly action: string
  readonly fromStatus: FeedbackStatus | null
  readonly toStatus: FeedbackStatus
  readonly note: string | null
  readonly isInternal: boolean
  readonly data: Record<string, unknown> | null
}

/** An item's history, oldest first. */
export async function findEvents(db: Executor, itemId: number): Promise<FeedbackEvent[]> {
  const rows = await db
    .selectFrom('feedback_events')
    .select(['id', 'at', 'actor_id', 'actor_label', 'action', 'from_status', 'to_status', 'note', 'is_internal', 'data_json'])
    .where('item_id', '=', itemId)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    at: toDate(r.at),
    actorId: r.actor_id === null ? null : Number(r.actor_id),
    actorLabel: r.actor_label,
    action: r.action,
    fromStatus: r.from_status as FeedbackStatus | null,
    toStatus: r.to_status as FeedbackStatus,
    note: r.note,
    isInternal: Number(r.is_internal) === 1,
    data: fromJson<Record<string, unknown>>(r.data_json),
  }))
}

/**
 * Updates an item only if nobody changed it since it was read (same status and updated_at);
 * returns whether it did, so two staff acting at once cannot both move it.
 */
export async function updateItem(
  trx: Transaction<Database>,
  read: { readonly id: number; readonly status: FeedbackStatus; readonly updatedAtRaw: string | Date },
  changes: Updateable<FeedbackItemsTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('feedback_items')
    .set(changes)
    .where('id', '=', read.id)
    .where('status', '=', read.status)
    .where('updated_at', '=', read.updatedAtRaw instanceof Date ? instant(read.updatedAtRaw) : read.updatedAtRaw)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Filters of the staff queue. */
export interface QueueFilter {
  readonly scope: FeedbackScope
  readonly unitPath?: string
  readonly statuses?: readonly FeedbackStatus[]
  readonly kinds?: readonly FeedbackKind[]
  readonly category?: string
  readonly isOverdue?: boolean
  readonly assigneeId?: number
  /** A tracking code, a phone number or an e-mail address, matched exactly. */
  readonly search?: string
  readonly now: Date
  readonly limit: number
  readonly offset: number
}

type QueueEb = ExpressionBuilder<Database & { f: FeedbackItemsTable; u: Database['units']; au: Database['units'] }, 'f' | 'u' | 'au'>

/** The rows a scope may see, as one condition (the same rule as relationTo in the policy). */
function scopeCondition(eb: QueueEb, scope: FeedbackScope): Expression<SqlBool> {
  const publicKinds = ['report', 'petition']
  const under = (paths: readonly string[]) => paths.flatMap((p) => [eb('u.path', 'like', `${p}%`), eb('au.path', 'like', `${p}%`)])
  const parts: Expression<SqlBool>[] = [eb('f.assignee_id', '=', scope.staffId)]
  const leader = under(scope.leaderPaths)
  if (leader.length > 0) parts.push(eb.or(leader))
  const moderator = under(scope.moderatorPaths)
  if (moderator.length > 0) parts.push(eb.and([eb('f.kind', 'in', publicKinds), eb.or(moderator)]))
  if (scope.specialistPaths.length > 0) parts.push(eb.and([eb('f.kind', 'in', publicKinds), eb('au.path', 'in', [...scope.specialistPaths])]))
  // The official a letter is about never sees it.
  return eb.and([eb.or(parts), eb.or([eb('f.official_id', 'is', null), eb('f.official_id', '!=', scope.staffId)])])
}

/** The queue's base: items joined with their units, within the scope and the filter except status. */
function queueBase(db: Executor, f: QueueFilter) {
  let q = db
    .selectFrom('feedback_items as f')
    .innerJoin('units as u', 'u.id', 'f.unit_id')
    .leftJoin('units as au', 'au.id', 'f.assigned_unit_id')
    .where((eb) => scopeCondition(eb as unknown as QueueEb, f.scope))
  if (f.unitPath) {
    const path = f.unitPath
    q = q.where((eb) => eb.or([eb('u.path', 'like', `${path}%`), eb('au.path', 'like', `${path}%`)]))
  }
  if (f.kinds && f.kinds.length > 0) q = q.where('f.kind', 'in', [...f.kinds])
  if (f.category) q = q.where('f.category', '=', f.category)
  if (f.isOverdue === true) q = q.where('f.status', 'in', [...OPEN_STATUSES]).where('f.due_at', '<', instant(f.now))
  if (f.isOverdue === false) q = q.where((eb) => eb.or([eb('f.status', 'not in', [...OPEN_STATUSES]), eb('f.due_at', 'is', null), eb('f.due_at', '>=', instant(f.now))]))
  if (f.assigneeId !== undefined) q = q.where('f.assignee_id', '=', f.assigneeId)
  if (f.search) {
    const code = f.search.toUpperCase()
    q = q.where((eb) => eb.or([eb('f.code', '=', code), eb('f.contact_phone', '=', f.search!), eb('f.contact_email', '=', f.search!.toLowerCase())]))
  }
  return q
}

/** Characters of a description a queue line reads: enough for its excerpt, never the whole text of thousands of lines. */
export const LINE_DESCRIPTION_CHARS = 480

/** An item as a queue line needs it: no contact, no answer, the description's beginning only. */
export interface QueueLineRecord {
  readonly id: number
  readonly code: string
  readonly kind: FeedbackKind
  readonly category: string
  readonly status: FeedbackStatus
  readonly unit: { readonly code: string; readonly name: string }
  readonly assignedUnit: { readonly code: string; readonly name: string } | null
  readonly assignee: StaffRef | null
  readonly title: string | null
  /** The first LINE_DESCRIPTION_CHARS characters of the description. */
  readonly descriptionStart: string
  readonly address: string | null
  readonly submittedAt: Date
  readonly dueAt: Date | null
  readonly answeredAt: Date | null
  readonly escalatedAt: Date | null
  readonly isAnonymous: boolean
  readonly isPublished: boolean
  readonly origin: FeedbackOrigin
}

/**
 * A page of the queue (lines newest first, in one query, so that an export of thousands binds no
 * list of ids), the total, and counts per status of the filter without the status.
 */
export async function findQueue(db: Executor, filter: QueueFilter): Promise<{ total: number; counts: Record<string, number>; lines: QueueLineRecord[] }> {
  const countRows = await queueBase(db, filter).select(['f.status', sql<number>`count(*)`.as('n')]).groupBy('f.status').execute()
  const counts: Record<string, number> = {}
  for (const r of countRows) counts[r.status] = Number(r.n)
  let page = queueBase(db, filter).leftJoin('staff as a', 'a.id', 'f.assignee_id')
  if (filter.statuses && filter.statuses.length > 0) page = page.where('f.status', 'in', [...filter.statuses])
  const rows = await page
    .select([
      'f.id',
      'f.code',
      'f.kind',
      'f.category',
      'f.status',
      'u.code as unit_code',
      'u.name as unit_name',
      'au.code as assigned_unit_code',
      'au.name as assigned_unit_name',
      'f.assignee_id',
      'a.username as assignee_username',
      'a.full_name as assignee_name',
      'f.title',
      sql<string>`substr(f.description, 1, ${sql.lit(LINE_DESCRIPTION_CHARS)})`.as('description_start'),
      'f.address',
      'f.submitted_at',
      'f.due_at',
      'f.answered_at',
      'f.escalated_at',
      'f.is_anonymous',
      'f.is_published',
      'f.origin',
    ])
    .orderBy('f.submitted_at', 'desc')
    .orderBy('f.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute()
  const total = filter.statuses && filter.statuses.length > 0 ? filter.statuses.reduce((sum, s) => sum + (counts[s] ?? 0), 0) : Object.values(counts).reduce((a, b) => a + b, 0)
  const lines = rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    kind: r.kind as FeedbackKind,
    category: r.category,
    status: r.status as FeedbackStatus,
    unit: { code: r.unit_code, name: r.unit_name },
    assignedUnit: r.assigned_unit_code === null ? null : { code: r.assigned_unit_code, name: r.assigned_unit_name ?? r.assigned_unit_code },
    assignee: staffRef(r.assignee_id, r.assignee_username, r.assignee_name),
    title: r.title,
    descriptionStart: r.description_start,
    address: r.address,
    submittedAt: toDate(r.submitted_at),
    dueAt: toDateOrNull(r.due_at),
    answeredAt: toDateOrNull(r.answered_at),
    escalatedAt: toDateOrNull(r.escalated_at),
    isAnonymous: Number(r.is_anonymous) === 1,
    isPublished: Number(r.is_published) === 1,
    origin: r.origin as FeedbackOrigin,
  }))
  return { total, counts, lines }
}

/** How many photos each item has, by item id (items without any are left out). */
export async function countPhotos(db: Executor, itemIds: readonly number[]): Promise<Map<number, number>> {
  if (itemIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('feedback_photos')
    .select(['item_id', sql<number>`count(*)`.as('n')])
    .where('item_id', 'in', [...itemIds])
    .groupBy('item_id')
    .execute()
  return new Map(rows.map((r) => [Number(r.item_id), Number(r.n)]))
}

/** Open items of a unit and category other than one, newest first: candidates for duplicates. */
export async function findOpenInCategory(db: Executor, unitId: number, category: string, exceptId: number, limit: number): Promise<{ code: string; title: string | null; description: string }[]> {
  return db
    .selectFrom('feedback_items')
    .select(['code', 'title', 'description'])
    .where('unit_id', '=', unitId)
    .where('category', '=', category)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('id', '!=', exceptId)
    .orderBy('submitted_at', 'desc')
    .limit(limit)
    .execute()
}

/** Filters of the public lists. */
export interface PublicFilter {
  /** 'published': the answered items staff published; 'visible': every item the public may see. */
  readonly scope: 'published' | 'visible'
  readonly unitPath?: string
  readonly categories?: readonly string[]
  readonly codes?: readonly string[]
  readonly statuses?: readonly FeedbackStatus[]
  readonly submittedFrom?: Date
  readonly submittedTo?: Date
  readonly limit: number
  readonly offset: number
}

/** The public lists' base. */
function publicBase(db: Executor, f: PublicFilter) {
  let q = db.selectFrom('feedback_items as f').innerJoin('units as u', 'u.id', 'f.unit_id')
  if (f.scope === 'published') q = q.where('f.is_published', '=', 1)
  // The same rule as isPubliclyVisible; published items satisfy it too.
  q = q.where('f.wants_public', '=', 1).where('f.kind', 'in', ['report', 'petition']).where('f.status', 'not in', ['new', 'rejected'])
  if (f.unitPath) q = q.where('u.path', 'like', `${f.unitPath}%`)
  if (f.categories && f.categories.length > 0) q = q.where('f.category', 'in', [...f.categories])
  if (f.codes && f.codes.length > 0) q = q.where('f.code', 'in', [...f.codes])
  if (f.statuses && f.statuses.length > 0) q = q.where('f.status', 'in', [...f.statuses])
  if (f.submittedFrom) q = q.where('f.submitted_at', '>=', instant(f.submittedFrom))
  if (f.submittedTo) q = q.where('f.submitted_at', '<=', instant(f.submittedTo))
  return q
}

/** A page of public items (ids in order: published newest first, or submitted newest first) and the total. */
export async function findPublic(db: Executor, filter: PublicFilter): Promise<{ total: number; ids: number[] }> {
  const order = filter.scope === 'published' ? 'f.published_at' : 'f.submitted_at'
  const rows = await publicBase(db, filter).select('f.id').orderBy(order, 'desc').orderBy('f.id', 'desc').limit(filter.limit).offset(filter.offset).execute()
  const count = await publicBase(db, filter).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
  return { total: Number(count.n), ids: rows.map((r) => Number(r.id)) }
}

/** Open items past their due instant and not yet escalated. */
export async function findOverdueUnescalated(db: Executor, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('feedback_items')
    .select('id')
    .where('status', 'in', [...OPEN_STATUSES])
    .where('due_at', '<', instant(now))
    .where('escalated_at', 'is', null)
    .orderBy('due_at')
    .limit(limit)
    .execute()
  return rows.map((r) => Number(r.id))
}

/** Marks an item escalated unless another worker already did; returns whether this call did. */
export async function markEscalated(trx: Transaction<Database>, id: number, now: Date): Promise<boolean> {
  const result = await trx.updateTable('feedback_items').set({ escalated_at: instant(now) }).where('id', '=', id).where('escalated_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Upheld letters decided in [from, to), grouped by official and the official's unit. */
export async function findUpheldLetters(db: Executor, from: Date, to: Date): Promise<{ officialId: number; unitId: number; code: string }[]> {
  const rows = await db
    .selectFrom('feedback_items as f')
    .innerJoin('staff as s', 's.id', 'f.official_id')
    .select(['f.official_id', 's.unit_id', 'f.code'])
    .where('f.kind', '=', 'letter')
    .where('f.upheld', '=', 1)
    .where('f.decided_at', '>=', instant(from))
    .where('f.decided_at', '<', instant(to))
    .orderBy('f.decided_at')
    .execute()
  return rows.map((r) => ({ officialId: Number(r.official_id), unitId: Number(r.unit_id), code: r.code }))
}
