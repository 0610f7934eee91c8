/**
 * Who may do what, as pure functions. Grants are scoped to a unit: admins and leaders reach the
 * unit and its descendants; desk officers, specialists and moderators only the unit itself.
 */
import type { Grant, Principal } from '../../platform/auth/principal.ts'
import { ForbiddenError } from '../../platform/http/errors.ts'
import type { Role } from './unit.ts'

const REACHES_DESCENDANTS: ReadonlySet<string> = new Set(['admin', 'leader'])

/** Whether one grant covers a unit (by the unit's materialised path). */
export function grantCovers(grant: Grant, unitPath: string): boolean {
  return REACHES_DESCENDANTS.has(grant.role) ? unitPath.startsWith(grant.unitPath) : unitPath === grant.unitPath
}

/** Whether the principal holds one of the roles on the unit. */
export function hasRoleOn(principal: Principal | null, roles: readonly Role[], unitPath: string): boolean {
  if (!principal) return false
  return principal.grants.some((g) => roles.includes(g.role as Role) && grantCovers(g, unitPath))
}

/** Whether the principal holds one of the roles anywhere. */
export function hasAnyRole(principal: Principal | null, roles: readonly Role[]): boolean {
  return principal?.grants.some((g) => roles.includes(g.role as Role)) ?? false
}

/** Throws 403 unless the principal holds one of the roles on the unit. */
export function requireRoleOn(principal: Principal | null, roles: readonly Role[], unitPath: string): void {
  if (!hasRoleOn(principal, roles, unitPath)) throw new ForbiddenError()
}

/** Throws 403 unless the principal holds one of the roles somewhere. */
export function requireAnyRole(principal: Principal | null, roles: readonly Role[]): void {
  if (!hasAnyRole(principal, roles)) throw new ForbiddenError()
}

/** The unit paths where the principal holds one of the roles (the roots of what they may see). */
export function scopeRoots(principal: Principal | null, roles: readonly Role[]): { path: string; isSubtree: boolean }[] {
  if (!principal) return []
  return principal.grants
    .filter((g) => roles.includes(g.role as Role))
    .map((g) => ({ path: g.unitPath, isSubtree: REACHES_DESCENDANTS.has(g.role) }))
}
