/** Every query of the units feature: units, staff, role grants. */
import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { toDateOrNull } from '../../db/portable.ts'
import type { Grant } from '../../platform/auth/principal.ts'
import type { Role, Staff, Unit, UnitLevel } from './unit.ts'

type Executor = Kysely<Database> | Transaction<Database>

/** Columns that make a Unit, with the parent's code. */
function unitQuery(db: Executor) {
  return db
    .selectFrom('units as u')
    .leftJoin('units as p', 'p.id', 'u.parent_id')
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.name_en',
      'u.level',
      'u.parent_id',
      'p.code as parent_code',
      'u.path',
      'u.agency_code',
      'u.is_disabled',
    ])
}

type UnitRow = Awaited<ReturnType<ReturnType<typeof unitQuery>['executeTakeFirstOrThrow']>>

/** Maps a unit row to the domain type. */
function toUnit(row: UnitRow): Unit {
  return {
    id: Number(row.id),
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    level: row.level as UnitLevel,
    parentId: row.parent_id === null ? null : Number(row.parent_id),
    parentCode: row.parent_code,
    path: row.path,
    agencyCode: row.agency_code,
    isDisabled: Number(row.is_disabled) === 1,
  }
}

/** Every unit, ordered by path so parents come before children. */
export async function findAllUnits(db: Executor): Promise<Unit[]> {
  return (await unitQuery(db).orderBy('u.path').execute()).map(toUnit)
}

/** One unit by id. */
export async function findUnitById(db: Executor, id: number): Promise<Unit | null> {
  const row = await unitQuery(db).where('u.id', '=', id).executeTakeFirst()
  return row ? toUnit(row) : null
}

/** One unit by its official code. */
export async function findUnitByCode(db: Executor, code: string): Promise<Unit | null> {
  const row = await unitQuery(db).where('u.code', '=', code).executeTakeFirst()
  return row ? toUnit(row) : null
}

/** The root unit (no parent) with the smallest id: the deployment's own unit. */
export async function findRootUnit(db: Executor): Promise<Unit | null> {
  const row = await unitQuery(db).where('u.parent_id', 'is', null).orderBy('u.id').executeTakeFirst()
  return row ? toUnit(row) : null
}

/** The active children of a unit, at most `limit`. */
export async function findChildren(db: Executor, parentId: number, limit: number): Promise<Unit[]> {
  return (await unitQuery(db).where('u.parent_id', '=', parentId).where('u.is_disabled', '=', 0).orderBy('u.id').limit(limit).execute()).map(toUnit)
}

/** Counts units (to know whether the database is empty). */
export async function countUnits(db: Executor): Promise<number> {
  const row = await db.selectFrom('units').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Inserts a unit, then sets its path from its new id; returns the id. */
export async function insertUnit(
  trx: Transaction<Database>,
  input: { code: string; name: string; nameEn: string | null; level: UnitLevel; parentId: number | null; parentPath: string | null; agencyCode: string | null },
  now: string,
): Promise<number> {
  const { id } = await trx
    .insertInto('units')
    .values({
      code: input.code,
      name: input.name,
      name_en: input.nameEn,
      level: input.level,
      parent_id: input.parentId,
      path: '/',
      agency_code: input.agencyCode,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .updateTable('units')
    .set({ path: `${input.parentPath ?? '/'}${Number(id)}/` })
    .where('id', '=', Number(id))
    .execute()
  return Number(id)
}

/** Updates a unit's editable fields. */
export async function updateUnitRow(
  trx: Transaction<Database>,
  id: number,
  changes: { name?: string; nameEn?: string | null; agencyCode?: string | null; isDisabled?: boolean },
  now: string,
): Promise<void> {
  await trx
    .updateTable('units')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.nameEn !== undefined ? { name_en: changes.nameEn } : {}),
      ...(changes.agencyCode !== undefined ? { agency_code: changes.agencyCode } : {}),
      ...(changes.isDisabled !== undefined ? { is_disabled: changes.isDisabled ? 1 : 0 } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute()
}

/** A staff row for sign-in (includes the hash; never leaves the service). */
export async function findStaffCredentials(db: Executor, username: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'username', 'password_hash', 'is_disabled', 'failed_sign_ins', 'locked_until'])
    .where('username', '=', username)
    .executeTakeFirst()
}

/** The password hash of a staff member. */
export async function findPasswordHash(db: Executor, staffId: number): Promise<string | null> {
  const row = await db.selectFrom('staff').select('password_hash').where('id', '=', staffId).executeTakeFirst()
  return row?.password_hash ?? null
}

/** Records the outcome of a sign-in attempt on the account. */
export async function updateSignInState(db: Executor, staffId: number, failedSignIns: number, lockedUntil: string | null): Promise<void> {
  await db.updateTable('staff').set({ failed_sign_ins: failedSignIns, locked_until: lockedUntil }).where('id', '=', staffId).execute()
}

/** The grants of several staff members, with unit names and paths. */
async function grantsOf(db: Executor, staffIds: number[]) {
  if (staffIds.length === 0) return []
  return db
    .selectFrom('role_grants as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .select(['g.staff_id', 'g.role', 'g.unit_id', 'u.name as unit_name', 'u.path as unit_path'])
    .where('g.staff_id', 'in', staffIds)
    .orderBy('g.id')
    .execute()
}

/** What a principal is made of: the account and its grants; null when unknown or disabled. */
export async function findPrincipalParts(db: Executor, staffId: number) {
  const staff = await db
    .selectFrom('staff')
    .select(['id', 'username', 'full_name', 'unit_id', 'is_disabled'])
    .where('id', '=', staffId)
    .executeTakeFirst()
  if (!staff || Number(staff.is_disabled) === 1) return null
  const grants: Grant[] = (await grantsOf(db, [staffId])).map((g) => ({ role: g.role, unitId: Number(g.unit_id), unitPath: g.unit_path }))
  return { staffId: Number(staff.id), username: staff.username, fullName: staff.full_name, unitId: Number(staff.unit_id), grants }
}

/** Staff whose home unit lies under one of the given paths (all staff when paths is null). */
export async function findStaff(db: Executor, filter: { paths: string[] | null; staffId?: number; username?: string }): Promise<Staff[]> {
  let query = db
    .selectFrom('staff as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select([
      's.id',
      's.username',
      's.full_name',
      's.title',
      's.email',
      's.phone',
      's.unit_id',
      'u.name as unit_name',
      's.is_disabled',
      's.locked_until',
    ])
  if (filter.paths !== null) {
    const paths = filter.paths
    if (paths.length === 0) return []
    query = query.where((eb) => eb.or(paths.map((p) => eb('u.path', 'like', `${p}%`))))
  }
  if (filter.staffId !== undefined) query = query.where('s.id', '=', filter.staffId)
  if (filter.username !== undefined) query = query.where('s.username', '=', filter.username)
  const rows = await query.orderBy('u.path').orderBy('s.username').execute()
  const grants = await grantsOf(
    db,
    rows.map((r) => Number(r.id)),
  )
  return rows.map((r) => ({
    id: Number(r.id),
    username: r.username,
    fullName: r.full_name,
    title: r.title,
    email: r.email,
    phone: r.phone,
    unitId: Number(r.unit_id),
    unitName: r.unit_name,
    isDisabled: Number(r.is_disabled) === 1,
    lockedUntil: toDateOrNull(r.locked_until),
    grants: grants
      .filter((g) => Number(g.staff_id) === Number(r.id))
      .map((g) => ({ role: g.role as Role, unitId: Number(g.unit_id), unitName: g.unit_name })),
  }))
}

/** Inserts a staff member; returns the id. */
export async function insertStaff(
  trx: Transaction<Database>,
  input: { username: string; fullName: string; title: string | null; email: string | null; phone: string | null; unitId: number; passwordHash: string },
  now: string,
): Promise<number> {
  const { id } = await trx
    .insertInto('staff')
    .values({
      username: input.username,
      full_name: input.fullName,
      title: input.title,
      email: input.email,
      phone: input.phone,
      unit_id: input.unitId,
      password_hash: input.passwordHash,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(id)
}

/** Sets a staff member's disabled flag. */
export async function setStaffDisabled(trx: Transaction<Database>, staffId: number, isDisabled: boolean, now: string): Promise<void> {
  await trx.updateTable('staff').set({ is_disabled: isDisabled ? 1 : 0, updated_at: now }).where('id', '=', staffId).execute()
}

/** Replaces a staff member's password hash and clears any lock. */
export async function setPasswordHash(trx: Executor, staffId: number, hash: string, now: string): Promise<void> {
  await trx
    .updateTable('staff')
    .set({ password_hash: hash, password_changed_at: now, updated_at: now, failed_sign_ins: 0, locked_until: null })
    .where('id', '=', staffId)
    .execute()
}

/** Inserts a role grant. */
export async function insertGrant(trx: Transaction<Database>, staffId: number, role: Role, unitId: number, now: string): Promise<void> {
  await trx.insertInto('role_grants').values({ staff_id: staffId, role, unit_id: unitId, created_at: now }).execute()
}

/** Deletes a role grant; returns whether one existed. */
export async function deleteGrant(trx: Transaction<Database>, staffId: number, role: Role, unitId: number): Promise<boolean> {
  const result = await trx
    .deleteFrom('role_grants')
    .where('staff_id', '=', staffId)
    .where('role', '=', role)
    .where('unit_id', '=', unitId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/** Active staff holding a role whose grant reaches a unit (leaders of a unit or of an ancestor). */
export async function findStaffWithRoleReaching(db: Executor, role: string, unitPath: string): Promise<{ id: number; fullName: string; email: string | null; phone: string | null }[]> {
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('units as gu', 'gu.id', 'g.unit_id')
    .innerJoin('staff as s', 's.id', 'g.staff_id')
    .select(['s.id', 's.full_name', 's.email', 's.phone'])
    .where('g.role', '=', role)
    .where('s.is_disabled', '=', 0)
    .where(sql<boolean>`${unitPath} like gu.path || '%'`)
    .distinct()
    .execute()
  return rows.map((r) => ({ id: Number(r.id), fullName: r.full_name, email: r.email, phone: r.phone }))
}

/** Active staff holding one of the roles directly on a unit. */
export async function findStaffWithRolesOn(db: Executor, unitId: number, roles: readonly string[]): Promise<{ username: string; fullName: string; roles: string[] }[]> {
  if (roles.length === 0) return []
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('staff as s', 's.id', 'g.staff_id')
    .select(['s.username', 's.full_name', 'g.role'])
    .where('g.unit_id', '=', unitId)
    .where('g.role', 'in', [...roles])
    .where('s.is_disabled', '=', 0)
    .orderBy('s.full_name')
    .execute()
  const byUser = new Map<string, { username: string; fullName: string; roles: string[] }>()
  for (const r of rows) {
    const entry = byUser.get(r.username) ?? { username: r.username, fullName: r.full_name, roles: [] }
    entry.roles.push(r.role)
    byUser.set(r.username, entry)
  }
  return [...byUser.values()]
}
