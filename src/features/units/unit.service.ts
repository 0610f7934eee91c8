/**
 * Use cases of units, staff and sign-in. Each owns its transaction and writes the audit entry
 * in it. `by` is the principal acting, or 'system' for the CLI and seeds (trusted callers).
 */
import { randomBytes } from 'node:crypto'
import type { Db } from '../../db/database.ts'
import { instant, isUniqueViolation, toDateOrNull } from '../../db/portable.ts'
import { appendAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from '../../platform/auth/passwords.ts'
import { createApiToken, destroySessionsOf } from '../../platform/auth/tokens.ts'
import type { Clock } from '../../platform/clock.ts'
import { ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError, ValidationError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import * as repo from './unit.repository.ts'
import { afterFailedSignIn, isLocked, isRole, UNIT_CODE_PATTERN, UNIT_LEVELS, USERNAME_PATTERN } from './unit.ts'
import type { Role, Staff, Unit, UnitLevel } from './unit.ts'
import { hasAnyRole, requireRoleOn, scopeRoots } from './unit.policy.ts'

/** What the use cases need. */
export interface UnitDeps {
  readonly db: Db
  readonly clock: Clock
}

/** The acting principal, or the trusted system (CLI, seeds). */
export type By = Principal | 'system'

/** The audit actor for a caller. */
export function actorOf(by: By): Actor {
  return by === 'system' ? SYSTEM_ACTOR : { id: by.staffId, label: by.username }
}

/** Throws 403 unless `by` is the system or an admin over the unit. */
async function requireAdminOver(deps: UnitDeps, by: By, unitId: number): Promise<Unit> {
  const unit = await repo.findUnitById(deps.db, unitId)
  if (!unit) throw new NotFoundError()
  if (by !== 'system') requireRoleOn(by, ['admin'], unit.path)
  return unit
}

/** Trims a text field; empty becomes null. */
function optional(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? ''
  return trimmed === '' ? null : trimmed
}

/** The public list of units: code, name, level, parent code. */
export async function listPublicUnits(deps: UnitDeps): Promise<{ code: string; name: string; level: UnitLevel; parentCode: string | null }[]> {
  const units = await repo.findAllUnits(deps.db)
  return units.filter((u) => !u.isDisabled).map((u) => ({ code: u.code, name: u.name, level: u.level, parentCode: u.parentCode }))
}

/** Every unit (admin pages), parents first. */
export function listUnits(deps: UnitDeps): Promise<Unit[]> {
  return repo.findAllUnits(deps.db)
}

/** One unit by code, or 404. */
export async function getUnitByCode(deps: UnitDeps, code: string): Promise<Unit> {
  const unit = await repo.findUnitByCode(deps.db, code)
  if (!unit) throw new NotFoundError()
  return unit
}

/** One unit by id, or 404. */
export async function getUnit(deps: UnitDeps, id: number): Promise<Unit> {
  const unit = await repo.findUnitById(deps.db, id)
  if (!unit) throw new NotFoundError()
  return unit
}

/** The root of the unit tree (e.g. the province); null on an empty database. */
export function getRootUnit(deps: UnitDeps): Promise<Unit | null> {
  return repo.findRootUnit(deps.db)
}

/**
 * The deployment's own unit, whose name heads every page and whose administrators own the
 * deployment-wide settings: the root, or — when the root holds a single unit above commune level —
 * that unit (a province holding only one town is run by that town). Null on an empty database.
 */
export async function getHomeUnit(deps: UnitDeps): Promise<Unit | null> {
  let unit = await repo.findRootUnit(deps.db)
  // Depth is bounded by the tree (province → town → ward); each step is one indexed query.
  for (let depth = 0; unit && depth < 5; depth++) {
    const children = await repo.findChildren(deps.db, unit.id, 2)
    if (children.length !== 1 || children[0]!.level === 'ward' || children[0]!.level === 'commune' || children[0]!.level === 'township') break
    unit = children[0]!
  }
  return unit
}

/** Input of createUnit. */
export interface CreateUnitInput {
  readonly code: string
  readonly name: string
  readonly nameEn?: string | null
  readonly level: string
  readonly parentCode?: string | null
  readonly agencyCode?: string | null
}

/** Creates a unit under a parent (or a root unit, for the system only). */
export async function createUnit(deps: UnitDeps, by: By, input: CreateUnitInput): Promise<Unit> {
  const fields: FieldErrors = {}
  const code = input.code.trim()
  const name = input.name.trim()
  if (!UNIT_CODE_PATTERN.test(code)) fields.code = 'units.errors.code'
  if (name.length < 2 || name.length > 200) fields.name = 'units.errors.name'
  if (!(UNIT_LEVELS as readonly string[]).includes(input.level)) fields.level = 'units.errors.level'
  const parentCode = optional(input.parentCode)
  const parent = parentCode ? await repo.findUnitByCode(deps.db, parentCode) : null
  if (parentCode && !parent) fields.parentCode = 'units.errors.parent'
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
  if (by !== 'system') {
    // Only the system creates roots; an admin creates units under a unit they administer.
    if (!parent) throw new ForbiddenError()
    requireRoleOn(by, ['admin'], parent.path)
  }
  const now = deps.clock.now()
  try {
    const id = await deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertUnit(
        trx,
        { code, name, nameEn: optional(input.nameEn), level: input.level as UnitLevel, parentId: parent?.id ?? null, parentPath: parent?.path ?? null, agencyCode: optional(input.agencyCode) },
        instant(now),
      )
      await appendAudit(trx, { actor: actorOf(by), at: now, entity: 'unit', entityId: id, action: 'create', after: { code, name, level: input.level, parentCode } })
      return id
    })
    return getUnit(deps, id)
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('units.errors.codeTaken', { code: 'units.errors.codeTaken' })
    throw error
  }
}

/** Changes a unit's name, English name, agency code or disabled flag. */
export async function updateUnit(
  deps: UnitDeps,
  by: By,
  unitId: number,
  changes: { name?: string; nameEn?: string | null; agencyCode?: string | null; isDisabled?: boolean },
): Promise<Unit> {
  const before = await requireAdminOver(deps, by, unitId)
  const name = changes.name?.trim()
  if (name !== undefined && (name.length < 2 || name.length > 200)) throw new ValidationError({ name: 'units.errors.name' })
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const normalised = {
      ...(name !== undefined ? { name } : {}),
      ...(changes.nameEn !== undefined ? { nameEn: optional(changes.nameEn) } : {}),
      ...(changes.agencyCode !== undefined ? { agencyCode: optional(changes.agencyCode) } : {}),
      ...(changes.isDisabled !== undefined ? { isDisabled: changes.isDisabled } : {}),
    }
    await repo.updateUnitRow(trx, unitId, normalised, instant(now))
    await appendAudit(trx, {
      actor: actorOf(by),
      at: now,
      entity: 'unit',
      entityId: unitId,
      action: 'update',
      before: { name: before.name, nameEn: before.nameEn, agencyCode: before.agencyCode, isDisabled: before.isDisabled },
      after: normalised,
    })
  })
  return getUnit(deps, unitId)
}

/** Input of createStaff. */
export interface CreateStaffInput {
  readonly username: string
  readonly fullName: string
  readonly title?: string | null
  readonly email?: string | null
  readonly phone?: string | null
  readonly unitCode: string
  /** When absent, a random password is generated and returned. */
  readonly password?: string | null
  readonly roles?: readonly string[]
}

/** A readable random password for a new or reset account. */
export function generatePassword(): string {
  // Read aloud or copied by hand at a desk: no 0/O, 1/l/I, and no punctuation.
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const bytes = randomBytes(14)
  let password = ''
  for (const byte of bytes) password += alphabet[byte % alphabet.length]
  return password
}

/** Creates a staff account (with optional roles on its own unit); returns it and its password. */
export async function createStaff(deps: UnitDeps, by: By, input: CreateStaffInput): Promise<{ staff: Staff; password: string }> {
  const fields: FieldErrors = {}
  const username = input.username.trim().toLowerCase()
  const fullName = input.fullName.trim()
  if (!USERNAME_PATTERN.test(username)) fields.username = 'units.errors.username'
  if (fullName.length < 2 || fullName.length > 120) fields.fullName = 'units.errors.fullName'
  const email = optional(input.email)
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fields.email = 'errors.field.email'
  const phone = optional(input.phone)
  if (phone !== null && !/^\+?[0-9 .-]{8,15}$/.test(phone)) fields.phone = 'errors.field.phone'
  const password = optional(input.password) ?? generatePassword()
  const problem = passwordProblem(password)
  if (problem) fields.password = problem
  const roles = input.roles ?? []
  if (!roles.every(isRole)) fields.roles = 'units.errors.role'
  const unit = await repo.findUnitByCode(deps.db, input.unitCode.trim())
  if (!unit) fields.unitCode = 'units.errors.unit'
  if (Object.keys(fields).length > 0 || !unit) throw new ValidationError(fields)
  if (by !== 'system') requireRoleOn(by, ['admin'], unit.path)
  const passwordHash = await hashPassword(password)
  const now = deps.clock.now()
  try {
    const id = await deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertStaff(trx, { username, fullName, title: optional(input.title), email, phone, unitId: unit.id, passwordHash }, instant(now))
      for (const role of roles as Role[]) await repo.insertGrant(trx, id, role, unit.id, instant(now))
      await appendAudit(trx, {
        actor: actorOf(by),
        at: now,
        entity: 'staff',
        entityId: id,
        action: 'create',
        after: { username, fullName, unitCode: unit.code, roles },
      })
      return id
    })
    return { staff: await getStaff(deps, id), password }
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('units.errors.usernameTaken', { username: 'units.errors.usernameTaken' })
    throw error
  }
}

/** One staff member by id, or 404. */
export async function getStaff(deps: UnitDeps, staffId: number): Promise<Staff> {
  const [staff] = await repo.findStaff(deps.db, { paths: null, staffId })
  if (!staff) throw new NotFoundError()
  return staff
}

/** One staff member by username, or 404. */
export async function getStaffByUsername(deps: UnitDeps, username: string): Promise<Staff> {
  const [staff] = await repo.findStaff(deps.db, { paths: null, username: username.trim().toLowerCase() })
  if (!staff) throw new NotFoundError()
  return staff
}

/** Staff the caller administers (the system sees everyone). */
export async function listStaff(deps: UnitDeps, by: By): Promise<Staff[]> {
  if (by === 'system') return repo.findStaff(deps.db, { paths: null })
  const roots = scopeRoots(by, ['admin'])
  if (roots.length === 0) throw new ForbiddenError()
  return repo.findStaff(deps.db, { paths: roots.map((r) => r.path) })
}

/** Loads a staff member the caller administers, or throws 404/403. */
async function staffUnderAdmin(deps: UnitDeps, by: By, staffId: number): Promise<Staff> {
  const staff = await getStaff(deps, staffId)
  await requireAdminOver(deps, by, staff.unitId)
  return staff
}

/** Disables or re-enables an account; disabling ends its sessions. */
export async function setStaffDisabled(deps: UnitDeps, by: By, staffId: number, isDisabled: boolean): Promise<Staff> {
  const staff = await staffUnderAdmin(deps, by, staffId)
  if (by !== 'system' && by.staffId === staffId && isDisabled) throw new ConflictError('units.errors.disableSelf')
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    await repo.setStaffDisabled(trx, staffId, isDisabled, instant(now))
    await appendAudit(trx, {
      actor: actorOf(by),
      at: now,
      entity: 'staff',
      entityId: staffId,
      action: isDisabled ? 'disable' : 'enable',
      before: { isDisabled: staff.isDisabled },
      after: { isDisabled },
    })
  })
  if (isDisabled) await destroySessionsOf(deps.db, staffId)
  return getStaff(deps, staffId)
}

/** Sets a new password (given, or generated and returned), unlocks the account, ends its sessions. */
export async function resetStaffPassword(deps: UnitDeps, by: By, staffId: number, newPassword?: string | null): Promise<string> {
  await staffUnderAdmin(deps, by, staffId)
  const password = optional(newPassword) ?? generatePassword()
  const problem = passwordProblem(password)
  if (problem) throw new ValidationError({ password: problem })
  const hash = await hashPassword(password)
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    await repo.setPasswordHash(trx, staffId, hash, instant(now))
    await appendAudit(trx, { actor: actorOf(by), at: now, entity: 'staff', entityId: staffId, action: 'reset_password' })
  })
  await destroySessionsOf(deps.db, staffId)
  return password
}

/** Grants a role on a unit; the caller must administer both the unit and the staff member. */
export async function grantRole(deps: UnitDeps, by: By, staffId: number, role: string, unitCode: string): Promise<Staff> {
  if (!isRole(role)) throw new ValidationError({ role: 'units.errors.role' })
  const unit = await repo.findUnitByCode(deps.db, unitCode)
  if (!unit) throw new ValidationError({ unitCode: 'units.errors.unit' })
  await staffUnderAdmin(deps, by, staffId)
  if (by !== 'system') requireRoleOn(by, ['admin'], unit.path)
  const now = deps.clock.now()
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertGrant(trx, staffId, role, unit.id, instant(now))
      await appendAudit(trx, { actor: actorOf(by), at: now, entity: 'staff', entityId: staffId, action: 'grant_role', after: { role, unitCode } })
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('units.errors.grantExists')
    throw error
  }
  return getStaff(deps, staffId)
}

/** Revokes a role on a unit. */
export async function revokeRole(deps: UnitDeps, by: By, staffId: number, role: string, unitCode: string): Promise<Staff> {
  if (!isRole(role)) throw new ValidationError({ role: 'units.errors.role' })
  const unit = await repo.findUnitByCode(deps.db, unitCode)
  if (!unit) throw new ValidationError({ unitCode: 'units.errors.unit' })
  await staffUnderAdmin(deps, by, staffId)
  if (by !== 'system') requireRoleOn(by, ['admin'], unit.path)
  if (by !== 'system' && by.staffId === staffId && role === 'admin') throw new ConflictError('units.errors.revokeOwnAdmin')
  const now = deps.clock.now()
  const existed = await deps.db.transaction().execute(async (trx) => {
    const existed = await repo.deleteGrant(trx, staffId, role, unit.id)
    if (existed) await appendAudit(trx, { actor: actorOf(by), at: now, entity: 'staff', entityId: staffId, action: 'revoke_role', before: { role, unitCode } })
    return existed
  })
  if (!existed) throw new NotFoundError()
  return getStaff(deps, staffId)
}

/**
 * Checks a username and password. Five failures in a row lock the account for 15 minutes;
 * an unknown username, a wrong password and a disabled account give the same 401.
 */
export async function signIn(deps: UnitDeps, username: string, password: string): Promise<{ staffId: number }> {
  const now = deps.clock.now()
  const row = await repo.findStaffCredentials(deps.db, username.trim().toLowerCase())
  if (!row) {
    await verifyAgainstDummy(password)
    throw new UnauthorizedError('auth.errors.invalid')
  }
  const staffId = Number(row.id)
  if (isLocked(toDateOrNull(row.locked_until), now)) throw new TooManyRequestsError('auth.errors.locked', 15 * 60)
  const isValid = await verifyPassword(row.password_hash, password)
  if (!isValid || Number(row.is_disabled) === 1) {
    if (!isValid) {
      const next = afterFailedSignIn(Number(row.failed_sign_ins), now)
      await repo.updateSignInState(deps.db, staffId, next.failedSignIns, next.lockedUntil ? instant(next.lockedUntil) : null)
      if (next.lockedUntil) {
        await deps.db.transaction().execute((trx) =>
          appendAudit(trx, { actor: { id: null, label: 'sign-in' }, at: now, entity: 'staff', entityId: staffId, action: 'lock', after: { lockedUntil: instant(next.lockedUntil!) } }),
        )
        throw new TooManyRequestsError('auth.errors.locked', 15 * 60)
      }
    }
    throw new UnauthorizedError('auth.errors.invalid')
  }
  if (Number(row.failed_sign_ins) !== 0 || row.locked_until !== null) await repo.updateSignInState(deps.db, staffId, 0, null)
  return { staffId }
}

/** Changes the caller's own password after checking the current one. */
export async function changeOwnPassword(deps: UnitDeps, principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
  const hash = await repo.findPasswordHash(deps.db, principal.staffId)
  if (!hash || !(await verifyPassword(hash, currentPassword))) throw new ValidationError({ currentPassword: 'auth.errors.currentPassword' })
  const problem = passwordProblem(newPassword)
  if (problem) throw new ValidationError({ newPassword: problem })
  if (newPassword === currentPassword) throw new ValidationError({ newPassword: 'auth.errors.samePassword' })
  const newHash = await hashPassword(newPassword)
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    await repo.setPasswordHash(trx, principal.staffId, newHash, instant(now))
    await appendAudit(trx, { actor: actorOf(principal), at: now, entity: 'staff', entityId: principal.staffId, action: 'change_password' })
  })
}

/** Issues an API token acting as a staff member; returns it once and audits the issue (never the token). */
export async function issueApiToken(deps: UnitDeps, by: By, staffId: number, name: string): Promise<string> {
  const staff = await staffUnderAdmin(deps, by, staffId)
  if (staff.isDisabled) throw new ConflictError('units.errors.disabled')
  const label = name.trim() || 'api'
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const token = await createApiToken(trx, staffId, label, now)
    await appendAudit(trx, { actor: actorOf(by), at: now, entity: 'staff', entityId: staffId, action: 'create_api_token', after: { name: label } })
    return token
  })
}

/** Loads the principal for a staff id; null when unknown or disabled. */
export function loadPrincipal(deps: UnitDeps, staffId: number): Promise<Principal | null> {
  return repo.findPrincipalParts(deps.db, staffId)
}

/** Whether the principal may open the admin pages at all. */
export function isAdmin(principal: Principal | null): boolean {
  return hasAnyRole(principal, ['admin'])
}

/** Counts units, to know whether the database has been seeded. */
export function countUnits(deps: UnitDeps): Promise<number> {
  return repo.countUnits(deps.db)
}

/** Active leaders whose grant reaches a unit: who must hear about its officials' shortfalls. */
export async function leadersOf(deps: UnitDeps, unitId: number): Promise<{ id: number; fullName: string; email: string | null; phone: string | null }[]> {
  const unit = await getUnit(deps, unitId)
  return repo.findStaffWithRoleReaching(deps.db, 'leader', unit.path)
}

/** Active staff holding one of the roles directly on a unit (e.g. whom a dossier may be handed to). */
export function staffWithRolesOn(deps: UnitDeps, unitId: number, roles: readonly Role[]): Promise<{ username: string; fullName: string; roles: string[] }[]> {
  return repo.findStaffWithRolesOn(deps.db, unitId, roles)
}
