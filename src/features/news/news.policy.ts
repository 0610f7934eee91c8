/**
 * Who may write news, as pure functions over role grants. Leaders and moderators (the unit's
 * editors) write the news of their unit; admins too, for the units they administer. Leaders and
 * admins reach the units under theirs; a moderator only their own unit.
 */
import type { Principal } from '../../platform/auth/principal.ts'
import type { Role } from '../units/index.ts'
import { hasAnyRole, hasRoleOn, scopeRoots } from '../units/index.ts'

/** Roles whose grant lets one write news. */
export const NEWS_ROLES: readonly Role[] = ['admin', 'leader', 'moderator']

/** Whether the principal writes news anywhere (sees the editor at all). */
export function isNewsEditor(principal: Principal | null): boolean {
  return hasAnyRole(principal, NEWS_ROLES)
}

/** Whether the principal may edit, publish or delete an article of the unit at this path. */
export function canEditArticle(principal: Principal | null, unitPath: string): boolean {
  return hasRoleOn(principal, NEWS_ROLES, unitPath)
}

/** The units whose articles the principal's list shows. */
export function editorScopes(principal: Principal): { path: string; isSubtree: boolean }[] {
  return scopeRoots(principal, NEWS_ROLES)
}
