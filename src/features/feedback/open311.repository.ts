/** Queries of the Open311 API: the public service requests, the units it answers for, and client keys. */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { instant, toDate, toDateOrNull } from '../../db/portable.ts'
import { FEEDBACK_KINDS, FEEDBACK_STATUSES, isPubliclyVisible, kindMayBePublic, OPEN_STATUSES } from './feedback.ts'
import type { FeedbackStatus } from './feedback.ts'

type Executor = Kysely<Database> | Transaction<Database>

// The SQL form of isPubliclyVisible, derived from it so that the two cannot drift apart: the
// kinds that may be public, and the statuses in which a wanted-public item of such a kind is not.
const PUBLIC_KINDS = FEEDBACK_KINDS.filter(kindMayBePublic)
const HIDDEN_STATUSES = FEEDBACK_STATUSES.filter((status) => !isPubliclyVisible({ kind: 'report', wantsPublic: true, status }))

/** A feedback item as Open311 shows it, joined with its units, duplicate and first photo. */
export interface Open311RequestRecord {
  readonly code: string
  readonly status: FeedbackStatus
  readonly category: string
  readonly description: string
  readonly address: string | null
  readonly latitude: number | null
  readonly longitude: number | null
  readonly publicAnswer: string | null
  readonly duplicateOfCode: string | null
  readonly unitName: string
  readonly assignedUnitName: string | null
  readonly submittedAt: Date
  readonly updatedAt: Date
  readonly dueAt: Date | null
  /** Id of the item's first photo (lowest position), for the thumbnail's address. */
  readonly firstPhotoId: number | null
}

/** What GET requests filters on; `codes` overrides everything else, as the spec says. */
export type Open311RequestFilter =
  | { readonly codes: readonly string[] }
  | {
      readonly from: Date
      readonly to: Date
      readonly serviceCodes: readonly string[]
      readonly statuses: readonly ('open' | 'closed')[]
      /** Materialised path of a unit: its items and those of the units below it. */
      readonly unitPath: string | null
    }

/**
 * The joined select of public items: the resident wants it public, the kind may be public
 * (report, petition) and the item is past triage and not rejected (isPubliclyVisible).
 */
function publicRequestsQuery(db: Executor) {
  return db
    .selectFrom('feedback_items as f')
    .innerJoin('units as u', 'u.id', 'f.unit_id')
    .leftJoin('units as au', 'au.id', 'f.assigned_unit_id')
    .leftJoin('feedback_items as dup', 'dup.id', 'f.duplicate_of_id')
    .where('f.wants_public', '=', 1)
    .where('f.kind', 'in', PUBLIC_KINDS)
    .where('f.status', 'not in', HIDDEN_STATUSES)
    .select((eb) => [
      'f.id',
      'f.code',
      'f.status',
      'f.category',
      'f.description',
      'f.address',
      'f.latitude',
      'f.longitude',
      'f.public_answer',
      'f.is_published',
      'dup.code as duplicate_of_code',
      'u.name as unit_name',
      'au.name as assigned_unit_name',
      'f.submitted_at',
      'f.updated_at',
      'f.due_at',
      eb.selectFrom('feedback_photos as p').select('p.id').whereRef('p.item_id', '=', 'f.id').orderBy('p.position').orderBy('p.id').limit(1).as('first_photo_id'),
    ])
}

type PublicRequestRow = Awaited<ReturnType<ReturnType<typeof publicRequestsQuery>['executeTakeFirstOrThrow']>>

function toRecord(row: PublicRequestRow): Open311RequestRecord {
  return {
    code: row.code,
    status: row.status as FeedbackStatus,
    category: row.category,
    description: row.description,
    address: row.address,
    latitude: row.latitude === null ? null : Number(row.latitude),
    longitude: row.longitude === null ? null : Number(row.longitude),
    // The answer goes out once a moderator has published it, as on the portal's public list.
    publicAnswer: Number(row.is_published) === 1 ? row.public_answer : null,
    duplicateOfCode: row.duplicate_of_code,
    unitName: row.unit_name,
    assignedUnitName: row.assigned_unit_name,
    submittedAt: toDate(row.submitted_at),
    updatedAt: toDate(row.updated_at),
    dueAt: toDateOrNull(row.due_at),
    firstPhotoId: row.first_photo_id === null ? null : Number(row.first_photo_id),
  }
}

/** Public service requests matching the filter, newest first, at most `limit`. */
export async function findPublicRequests(db: Executor, filter: Open311RequestFilter, limit: number): Promise<Open311RequestRecord[]> {
  let query = publicRequestsQuery(db)
  if ('codes' in filter) {
    if (filter.codes.length === 0) return []
    query = query.where('f.code', 'in', filter.codes)
  } else {
    // The window is on submission (requested_datetime), both ends included.
    query = query.where('f.submitted_at', '>=', instant(filter.from)).where('f.submitted_at', '<=', instant(filter.to))
    if (filter.serviceCodes.length > 0) query = query.where('f.category', 'in', filter.serviceCodes)
    const wantsOpen = filter.statuses.includes('open')
    const wantsClosed = filter.statuses.includes('closed')
    if (wantsOpen !== wantsClosed) query = query.where('f.status', wantsOpen ? 'in' : 'not in', OPEN_STATUSES)
    // Paths hold only digits and slashes, so LIKE needs no escaping.
    if (filter.unitPath !== null) query = query.where('u.path', 'like', `${filter.unitPath}%`)
  }
  const rows = await query.orderBy('f.submitted_at', 'desc').orderBy('f.id', 'desc').limit(limit).execute()
  return rows.map(toRecord)
}

/**
 * Whether a token names a request this API may confirm: our tokens are request ids, and only ids
 * of public requests or of requests posted through Open311 are confirmed, so that the look-up
 * reveals nothing about letters, complaints or denunciations.
 */
export async function findTokenRequest(db: Executor, code: string): Promise<string | null> {
  const row = await db
    .selectFrom('feedback_items as f')
    .select('f.code')
    .where('f.code', '=', code)
    .where((eb) =>
      eb.or([
        eb('f.origin', '=', 'open311'),
        eb.and([eb('f.wants_public', '=', 1), eb('f.kind', 'in', PUBLIC_KINDS), eb('f.status', 'not in', HIDDEN_STATUSES)]),
      ]),
    )
    .executeTakeFirst()
  return row?.code ?? null
}

/** How to reach a unit, for discovery's contact line. */
export async function findUnitContact(db: Executor, unitId: number): Promise<{ name: string; address: string | null; phone: string | null; email: string | null } | null> {
  const row = await db.selectFrom('units').select(['name', 'address', 'phone', 'email']).where('id', '=', unitId).executeTakeFirst()
  return row ?? null
}

// ---------------------------------------------------------------------------------------------
// Client keys.

/** An Open311 client as stored (never its key). */
export interface Open311ClientRecord {
  readonly id: number
  readonly name: string
  readonly createdAt: Date
  readonly revokedAt: Date | null
  readonly lastUsedAt: Date | null
}

function toClient(row: { id: number; name: string; created_at: string | Date; revoked_at: string | Date | null; last_used_at: string | Date | null }): Open311ClientRecord {
  return {
    id: Number(row.id),
    name: row.name,
    createdAt: toDate(row.created_at),
    revokedAt: toDateOrNull(row.revoked_at),
    lastUsedAt: toDateOrNull(row.last_used_at),
  }
}

/** Stores a new client with the hash of its key; returns its id. */
export async function insertClient(db: Executor, name: string, keyHash: string, now: Date): Promise<number> {
  const row = await db.insertInto('open311_clients').values({ name, key_hash: keyHash, created_at: instant(now) }).returning('id').executeTakeFirstOrThrow()
  return Number(row.id)
}

/** Every client, oldest first. */
export async function findAllClients(db: Executor): Promise<Open311ClientRecord[]> {
  const rows = await db.selectFrom('open311_clients').select(['id', 'name', 'created_at', 'revoked_at', 'last_used_at']).orderBy('id').execute()
  return rows.map(toClient)
}

/** One client by id, or null. */
export async function findClientById(db: Executor, id: number): Promise<Open311ClientRecord | null> {
  const row = await db.selectFrom('open311_clients').select(['id', 'name', 'created_at', 'revoked_at', 'last_used_at']).where('id', '=', id).executeTakeFirst()
  return row ? toClient(row) : null
}

/** The live (not revoked) client holding a key hash, or null. */
export async function findLiveClientByKeyHash(db: Executor, keyHash: string): Promise<Open311ClientRecord | null> {
  const row = await db
    .selectFrom('open311_clients')
    .select(['id', 'name', 'created_at', 'revoked_at', 'last_used_at'])
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return row ? toClient(row) : null
}

/** Marks a client revoked; false when it was already revoked (or is unknown). */
export async function markClientRevoked(db: Executor, id: number, now: Date): Promise<boolean> {
  const result = await db.updateTable('open311_clients').set({ revoked_at: instant(now) }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Records that a client used its key. */
export async function touchClient(db: Executor, id: number, now: Date): Promise<void> {
  await db.updateTable('open311_clients').set({ last_used_at: instant(now) }).where('id', '=', id).execute()
}
