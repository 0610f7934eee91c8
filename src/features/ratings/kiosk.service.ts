/**
 * Use cases of the desk kiosks: leaders and administrators of a unit set up a kiosk for a counter,
 * say who is serving there and hand the tablet its key (shown once, stored as a sha256 hash); the
 * tablet shows the official and sends its ratings in batches, each with an id it made itself, so a
 * batch sent twice after a network failure is stored once. Every administrative change is audited
 * in its own transaction.
 */
import { timingSafeEqual } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import { dialectOf, flag, instant, isUniqueViolation, toDate } from '../../db/portable.ts'
import { appendAudit } from '../../platform/audit/audit.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { newSecret, sha256 } from '../../platform/auth/tokens.ts'
import type { Clock } from '../../platform/clock.ts'
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import * as units from '../units/index.ts'
import type { Role, Unit } from '../units/index.ts'
import { acceptedRatedAt, checkKioskFields, checkKioskSettings, clockSkewMs, DEFAULT_KIOSK_SETTINGS, initialsOf, triageBatch } from './kiosk.ts'
import type { KioskSettings, RejectReason, TabletRating } from './kiosk.ts'

/** What the kiosk use cases need. */
export interface KioskDeps {
  readonly db: Db
  readonly clock: Clock
  readonly baseUrl: string
}

/** Roles that manage the kiosks of their units (and the units below). */
export const KIOSK_MANAGER_ROLES: readonly Role[] = ['leader', 'admin']

// A settings key, not a message: named so the catalogue check does not mistake it for one.
const SETTINGS_KEY = 'setting:kiosk'

/** Prefix of kiosk keys, so a leaked one is recognisable in logs. */
export const KIOSK_KEY_PREFIX = 'csk_'

/** The official serving at a kiosk, as the tablet and the admin pages show them. */
export interface KioskOfficial {
  readonly id: number
  readonly username: string
  readonly fullName: string
  readonly title: string | null
  readonly initials: string
}

/** A kiosk. */
export interface Kiosk {
  readonly id: number
  readonly code: string
  readonly name: string
  readonly unitId: number
  readonly unitCode: string
  readonly unitName: string
  readonly unitPath: string
  readonly official: KioskOfficial | null
  readonly isActive: boolean
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** A kiosk with its ratings over the last 30 days (the admin list). */
export interface ListedKiosk extends Kiosk {
  readonly recentRatings: number
  readonly lastRatedAt: Date | null
}

const actorOf = (principal: Principal): Actor => ({ id: principal.staffId, label: principal.username })

/** The joined select of kiosks with their unit and official. */
function kioskQuery(db: Db) {
  return db
    .selectFrom('kiosks as k')
    .innerJoin('units as u', 'u.id', 'k.unit_id')
    .leftJoin('staff as s', 's.id', 'k.official_id')
    .select([
      'k.id',
      'k.code',
      'k.name',
      'k.unit_id',
      'k.official_id',
      'k.key_hash',
      'k.is_active',
      'k.created_at',
      'k.updated_at',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.path as unit_path',
      's.username as official_username',
      's.full_name as official_name',
      's.title as official_title',
    ])
}

type KioskRow = Awaited<ReturnType<ReturnType<typeof kioskQuery>['executeTakeFirstOrThrow']>>

/** Maps a joined row. */
function toKiosk(r: KioskRow): Kiosk {
  return {
    id: Number(r.id),
    code: r.code,
    name: r.name,
    unitId: Number(r.unit_id),
    unitCode: r.unit_code,
    unitName: r.unit_name,
    unitPath: r.unit_path,
    official:
      r.official_id === null || r.official_username === null || r.official_name === null
        ? null
        : { id: Number(r.official_id), username: r.official_username, fullName: r.official_name, title: r.official_title, initials: initialsOf(r.official_name) },
    isActive: Number(r.is_active) === 1,
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
  }
}

/** The setup address the tablet opens once: the kiosk page with its key. */
export function kioskSetupUrl(baseUrl: string, code: string, key: string): string {
  return `${baseUrl}/kiosk/${encodeURIComponent(code)}?key=${encodeURIComponent(key)}`
}

// ---------- Settings ----------

/** The kiosk settings in force: the stored setting, or the defaults. */
export async function getKioskSettings(deps: Pick<KioskDeps, 'db'>): Promise<KioskSettings> {
  const row = await deps.db.selectFrom('settings').select('value_json').where('key', '=', SETTINGS_KEY).executeTakeFirst()
  if (!row) return DEFAULT_KIOSK_SETTINGS
  return { ...DEFAULT_KIOSK_SETTINGS, ...(JSON.parse(row.value_json) as Partial<KioskSettings>) }
}

/** Whether the principal may change the deployment's kiosk settings: an administrator of the home unit. */
export async function canChangeKioskSettings(deps: KioskDeps, principal: Principal): Promise<boolean> {
  const home = await units.getHomeUnit(deps)
  return home !== null && units.hasRoleOn(principal, ['admin'], home.path)
}

/** Replaces the kiosk settings (administrator of the home unit); audited. */
export async function setKioskSettings(deps: KioskDeps, principal: Principal, input: { minIntervalSeconds: unknown }): Promise<KioskSettings> {
  if (!(await canChangeKioskSettings(deps, principal))) throw new ForbiddenError()
  const fields = checkKioskSettings(input)
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
  const settings: KioskSettings = { minIntervalSeconds: input.minIntervalSeconds as number }
  const before = await getKioskSettings(deps)
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('settings').where('key', '=', SETTINGS_KEY).execute()
    await trx.insertInto('settings').values({ key: SETTINGS_KEY, value_json: JSON.stringify(settings), updated_at: instant(now) }).execute()
    await appendAudit(trx, { actor: actorOf(principal), at: now, entity: 'setting', entityId: SETTINGS_KEY, action: 'update', before, after: settings })
  })
  return settings
}

// ---------- Administration ----------

/** Throws 403 unless the principal leads or administers some unit. */
function requireManager(principal: Principal): void {
  if (units.scopeRoots(principal, KIOSK_MANAGER_ROLES).length === 0) throw new ForbiddenError()
}

/** The enabled units whose kiosks the principal manages, in tree order. */
export async function managedUnits(deps: KioskDeps, principal: Principal): Promise<{ code: string; name: string; path: string }[]> {
  const roots = units.scopeRoots(principal, KIOSK_MANAGER_ROLES)
  if (roots.length === 0) return []
  const rows = await deps.db
    .selectFrom('units')
    .select(['code', 'name', 'path'])
    .where('is_disabled', '=', 0)
    .where((eb) => eb.or(roots.map((r) => eb('path', 'like', `${r.path}%`))))
    .orderBy('path')
    .execute()
  return rows
}

/** Kiosks of the units the principal manages (optionally one unit's), with their recent ratings. */
export async function listKiosks(deps: KioskDeps, principal: Principal, filter: { unitCode?: string } = {}): Promise<ListedKiosk[]> {
  requireManager(principal)
  let paths = units.scopeRoots(principal, KIOSK_MANAGER_ROLES).map((r) => r.path)
  if (filter.unitCode) {
    const unit = await units.getUnitByCode(deps, filter.unitCode)
    units.requireRoleOn(principal, KIOSK_MANAGER_ROLES, unit.path)
    paths = [unit.path]
  }
  const rows = await kioskQuery(deps.db)
    .where((eb) => eb.or(paths.map((p) => eb('u.path', 'like', `${p}%`))))
    .orderBy('u.path')
    .orderBy('k.code')
    .execute()
  const kiosks = rows.map(toKiosk)
  if (kiosks.length === 0) return []
  const since = instant(new Date(deps.clock.now().getTime() - 30 * 86_400_000))
  const counts = await deps.db
    .selectFrom('kiosk_ratings')
    .select(['kiosk_id', sql<number>`count(*)`.as('n'), sql<string | Date>`max(rated_at)`.as('last')])
    .where(
      'kiosk_id',
      'in',
      kiosks.map((k) => k.id),
    )
    .where('rated_at', '>=', since)
    .groupBy('kiosk_id')
    .execute()
  const byKiosk = new Map(counts.map((c) => [Number(c.kiosk_id), c]))
  return kiosks.map((k) => {
    const c = byKiosk.get(k.id)
    return { ...k, recentRatings: c ? Number(c.n) : 0, lastRatedAt: c?.last ? toDate(c.last) : null }
  })
}

/** A kiosk by code: 404 when unknown, 403 outside the principal's units. */
export async function getKiosk(deps: KioskDeps, principal: Principal, code: string): Promise<Kiosk> {
  const row = await kioskQuery(deps.db).where('k.code', '=', code).executeTakeFirst()
  if (!row) throw new NotFoundError('ratings.kiosk.errors.notFound')
  const kiosk = toKiosk(row)
  units.requireRoleOn(principal, KIOSK_MANAGER_ROLES, kiosk.unitPath)
  return kiosk
}

/** The enabled staff of a unit, who may be named as serving at its kiosks, sorted by name. */
export async function officialChoices(deps: KioskDeps, unitId: number): Promise<{ username: string; fullName: string; title: string | null }[]> {
  // The staff of one unit, read here: the units feature lists staff only for administrators.
  const rows = await deps.db
    .selectFrom('staff')
    .select(['username', 'full_name', 'title'])
    .where('unit_id', '=', unitId)
    .where('is_disabled', '=', 0)
    .execute()
  const collator = new Intl.Collator('vi', { sensitivity: 'base' })
  return rows.map((r) => ({ username: r.username, fullName: r.full_name, title: r.title })).sort((a, b) => collator.compare(a.fullName, b.fullName))
}

/** The id of an enabled staff member of the unit by username, or a field error. */
async function officialOf(deps: KioskDeps, unitId: number, username: string): Promise<number> {
  const row = await deps.db
    .selectFrom('staff')
    .select('id')
    .where('username', '=', username.trim().toLowerCase())
    .where('unit_id', '=', unitId)
    .where('is_disabled', '=', 0)
    .executeTakeFirst()
  if (!row) throw new ValidationError({ officialUsername: 'ratings.kiosk.errors.official' })
  return Number(row.id)
}

/** What creating a kiosk takes. */
export interface CreateKioskInput {
  readonly code: string
  readonly name: string
  readonly unitCode: string
  /** The official serving there now; empty or absent for nobody yet. */
  readonly officialUsername?: string | null | undefined
}

/** A kiosk with its key, which is shown this once and never stored. */
export interface KioskWithKey {
  readonly kiosk: Kiosk
  readonly key: string
  readonly setupUrl: string
}

/** Creates a kiosk for a counter of a unit the principal manages; returns its key, once. */
export async function createKiosk(deps: KioskDeps, principal: Principal, input: CreateKioskInput): Promise<KioskWithKey> {
  requireManager(principal)
  const fields: FieldErrors = checkKioskFields(input)
  const unit: Unit | null = input.unitCode.trim() === '' ? null : await units.getUnitByCode(deps, input.unitCode.trim()).catch(() => null)
  if (!unit || unit.isDisabled) fields.unitCode = 'ratings.kiosk.errors.unit'
  else units.requireRoleOn(principal, KIOSK_MANAGER_ROLES, unit.path)
  let officialId: number | null = null
  const username = input.officialUsername?.trim() ?? ''
  if (unit && username !== '') {
    try {
      officialId = await officialOf(deps, unit.id, username)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      Object.assign(fields, error.fields)
    }
  }
  if (Object.keys(fields).length > 0 || !unit) throw new ValidationError(fields)
  const code = input.code.trim()
  const name = input.name.trim()
  const key = newSecret(KIOSK_KEY_PREFIX)
  const now = deps.clock.now()
  try {
    await deps.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('kiosks')
        .values({ code, name, unit_id: unit.id, official_id: officialId, key_hash: sha256(key), is_active: flag(true), created_at: instant(now), updated_at: instant(now) })
        .returning('id')
        .executeTakeFirstOrThrow()
      await appendAudit(trx, {
        actor: actorOf(principal),
        at: now,
        entity: 'kiosk',
        entityId: Number(id),
        action: 'create',
        after: { code, name, unitCode: unit.code, officialUsername: username === '' ? null : username.toLowerCase() },
      })
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('ratings.kiosk.errors.codeTaken', { code: 'ratings.kiosk.errors.codeTaken' })
    throw error
  }
  return { kiosk: await getKiosk(deps, principal, code), key, setupUrl: kioskSetupUrl(deps.baseUrl, code, key) }
}

/** Names the official serving at the kiosk now (a staff member of its unit), or nobody; audited. */
export async function setKioskOfficial(deps: KioskDeps, principal: Principal, code: string, officialUsername: string | null): Promise<Kiosk> {
  const kiosk = await getKiosk(deps, principal, code)
  const username = officialUsername?.trim() ?? ''
  const officialId = username === '' ? null : await officialOf(deps, kiosk.unitId, username)
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('kiosks').set({ official_id: officialId, updated_at: instant(now) }).where('id', '=', kiosk.id).execute()
    await appendAudit(trx, {
      actor: actorOf(principal),
      at: now,
      entity: 'kiosk',
      entityId: kiosk.id,
      action: 'set_official',
      before: { officialUsername: kiosk.official?.username ?? null },
      after: { officialUsername: username === '' ? null : username.toLowerCase() },
    })
  })
  return getKiosk(deps, principal, code)
}

/** Gives the kiosk a new key (the old one stops working at once); returns it, once; audited. */
export async function regenerateKioskKey(deps: KioskDeps, principal: Principal, code: string): Promise<KioskWithKey> {
  const kiosk = await getKiosk(deps, principal, code)
  const key = newSecret(KIOSK_KEY_PREFIX)
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('kiosks').set({ key_hash: sha256(key), updated_at: instant(now) }).where('id', '=', kiosk.id).execute()
    // The key itself never reaches the log; that it changed, and who changed it, does.
    await appendAudit(trx, { actor: actorOf(principal), at: now, entity: 'kiosk', entityId: kiosk.id, action: 'regenerate_key' })
  })
  return { kiosk: await getKiosk(deps, principal, code), key, setupUrl: kioskSetupUrl(deps.baseUrl, code, key) }
}

/** Stops or resumes taking ratings at the kiosk; audited. */
export async function setKioskActive(deps: KioskDeps, principal: Principal, code: string, isActive: boolean): Promise<Kiosk> {
  const kiosk = await getKiosk(deps, principal, code)
  if (kiosk.isActive === isActive) return kiosk
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('kiosks').set({ is_active: flag(isActive), updated_at: instant(now) }).where('id', '=', kiosk.id).execute()
    await appendAudit(trx, { actor: actorOf(principal), at: now, entity: 'kiosk', entityId: kiosk.id, action: isActive ? 'activate' : 'deactivate', before: { isActive: kiosk.isActive }, after: { isActive } })
  })
  return getKiosk(deps, principal, code)
}

// ---------- The tablet ----------

/** What the tablet shows: the counter, its unit, the official serving, and the rating interval. */
export interface KioskScreen {
  readonly code: string
  readonly name: string
  readonly unitName: string
  readonly unitNameEn: string | null
  readonly official: KioskOfficial | null
  readonly isActive: boolean
  readonly minIntervalSeconds: number
}

/** Whether a key is the kiosk's: compares hashes in constant time. */
function isKeyOf(keyHash: string, key: string): boolean {
  const given = Buffer.from(sha256(key), 'hex')
  const stored = Buffer.from(keyHash, 'hex')
  return given.length === stored.length && timingSafeEqual(given, stored)
}

/** The kiosk by code for the tablet; 404 when unknown. */
async function kioskByCode(db: Db, code: string): Promise<Kiosk & { keyHash: string }> {
  const row = await kioskQuery(db).where('k.code', '=', code).executeTakeFirst()
  if (!row) throw new NotFoundError('ratings.kiosk.errors.notFound')
  return { ...toKiosk(row), keyHash: row.key_hash }
}

/** Throws 401 without a key and 403 with a wrong one. */
function requireKey(kiosk: { keyHash: string }, key: string | null | undefined): void {
  if (typeof key !== 'string' || key === '') throw new UnauthorizedError('ratings.kiosk.errors.keyMissing')
  if (!isKeyOf(kiosk.keyHash, key)) throw new ForbiddenError('ratings.kiosk.errors.badKey')
}

/** The screen of a kiosk; a key, when given, must be the kiosk's (so staff notice a wrong link at once). */
export async function kioskScreen(deps: KioskDeps, code: string, key: string | null): Promise<KioskScreen> {
  const kiosk = await kioskByCode(deps.db, code)
  if (key !== null) requireKey(kiosk, key)
  const [settings, unit] = await Promise.all([getKioskSettings(deps), units.getUnitById(deps, kiosk.unitId)])
  return {
    code: kiosk.code,
    name: kiosk.name,
    unitName: kiosk.unitName,
    unitNameEn: unit.nameEn,
    official: kiosk.official,
    isActive: kiosk.isActive,
    minIntervalSeconds: settings.minIntervalSeconds,
  }
}

/** A batch of ratings from a tablet. */
export interface RatingBatch {
  readonly kioskCode: string
  readonly key: string | null | undefined
  /** The tablet's clock when it sent the batch, to correct a tablet whose clock is wrong. */
  readonly sentAt?: string | undefined
  readonly ratings: readonly TabletRating[]
}

/** What the server did with a batch: ids stored (now or before), and ids refused for good. */
export interface BatchReceipt {
  readonly stored: string[]
  readonly rejected: { clientId: string; reason: RejectReason }[]
  readonly screen: KioskScreen
}

/**
 * Stores a tablet's ratings. A rating whose id was stored before is acknowledged again and not stored
 * twice; a rating closer than the interval to another of the kiosk's ratings is refused as too fast;
 * each stored rating names the official serving at the kiosk when it arrives. The kiosk's row is
 * locked for the batch, so two app instances receiving the same tablet's resend do not both store it.
 */
export async function receiveKioskRatings(deps: KioskDeps, batch: RatingBatch): Promise<BatchReceipt> {
  const found = await kioskByCode(deps.db, batch.kioskCode)
  requireKey(found, batch.key)
  // 409, not 403: the key is right, the kiosk is paused; the tablet keeps its queue and says so.
  if (!found.isActive) throw new ConflictError('ratings.kiosk.errors.inactive')
  const settings = await getKioskSettings(deps)
  const minIntervalMs = settings.minIntervalSeconds * 1000
  const receivedAt = deps.clock.now()
  const skewMs = clockSkewMs(batch.sentAt, receivedAt)
  const stored: string[] = []
  const rejected: { clientId: string; reason: RejectReason }[] = []
  const ids = [...new Set(batch.ratings.map((r) => r.clientId))]
  // An empty batch is the tablet asking what to show (e.g. a new official serving): no lock needed.
  if (ids.length === 0) return { stored, rejected, screen: await kioskScreen(deps, found.code, null) }

  await deps.db.transaction().execute(async (trx) => {
    if (dialectOf(trx) === 'postgresql') await sql`select id from kiosks where id = ${found.id} for update`.execute(trx)
    // Read inside the lock: the official serving when the ratings arrive is the one they are about.
    const kiosk = await trx.selectFrom('kiosks').select(['official_id', 'unit_id']).where('id', '=', found.id).executeTakeFirstOrThrow()
    const known = await trx.selectFrom('kiosk_ratings').select(['client_id', 'kiosk_id']).where('client_id', 'in', ids).execute()
    const knownIds = new Set<string>()
    for (const k of known) {
      knownIds.add(k.client_id)
      // An id another kiosk already used cannot be this tablet's rating: refuse it rather than claim it.
      if (Number(k.kiosk_id) === found.id) stored.push(k.client_id)
      else rejected.push({ clientId: k.client_id, reason: 'invalid' })
    }
    const fresh = batch.ratings.filter((r) => !knownIds.has(r.clientId))
    if (fresh.length === 0) return
    // The stored ratings that could be too close to the new ones; unit_id is fixed per kiosk and lets the (unit, rated_at) index serve.
    const times = fresh.map((r) => acceptedRatedAt(r.ratedAt, receivedAt, skewMs).at.getTime())
    const rows = await trx
      .selectFrom('kiosk_ratings')
      .select('rated_at')
      .where('unit_id', '=', kiosk.unit_id)
      .where('kiosk_id', '=', found.id)
      .where('rated_at', '>', instant(new Date(Math.min(...times) - minIntervalMs)))
      .where('rated_at', '<', instant(new Date(Math.max(...times) + minIntervalMs)))
      .execute()
    const neighbours = rows.map((r) => toDate(r.rated_at))
    for (const decision of triageBatch(fresh, neighbours, { receivedAt, skewMs, minIntervalMs })) {
      if (decision.kind === 'reject') {
        rejected.push({ clientId: decision.clientId, reason: decision.reason })
        continue
      }
      // A unique violation would abort a PostgreSQL transaction: let the database skip a duplicate instead.
      await trx
        .insertInto('kiosk_ratings')
        .values({
          kiosk_id: found.id,
          unit_id: Number(kiosk.unit_id),
          official_id: kiosk.official_id === null ? null : Number(kiosk.official_id),
          rating: decision.rating,
          client_id: decision.clientId,
          rated_at: instant(decision.at),
          received_at: instant(receivedAt),
        })
        .onConflict((oc) => oc.column('client_id').doNothing())
        .execute()
      // Stored now, or a moment ago by another request with the same id: either way it is received.
      stored.push(decision.clientId)
    }
  })
  // Ratings are not audited one by one: they are anonymous taps, and the row records when and from where it came.
  return { stored, rejected, screen: await kioskScreen(deps, found.code, null) }
}
