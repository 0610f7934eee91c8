/**
 * Who may do what with dialogues, as pure functions over role grants. Organisers are the leaders
 * and moderators of the session's unit or of a unit above it (as in feedback, a town's moderator
 * organises the wards' sessions too). The secretary is the staff member named on the session, or
 * any organiser. A unit a question is assigned to prepares its answer.
 */
import type { Principal } from '../../platform/auth/principal.ts'
import type { Role } from '../units/index.ts'
import { SESSION_ACTION_ACTORS } from './dialogue.ts'
import type { ModerationAction, SessionAction } from './dialogue.ts'

/** Roles that organise a unit's dialogues (and every unit's under it). */
export const ORGANISER_ROLES: readonly Role[] = ['leader', 'moderator']

/** The role a host must hold on the session's unit or an ancestor. */
export const HOST_ROLE: Role = 'leader'

/** Roles of staff of an assigned unit who may prepare an answer. */
export const PREPARER_ROLES: readonly Role[] = ['leader', 'moderator', 'specialist', 'desk_officer']

/** Roles that may read coverage figures of a unit (and the units under it). */
export const COVERAGE_ROLES: readonly Role[] = ['leader', 'moderator', 'admin']

/** What the policy needs to know about a session. */
export interface SessionScope {
  readonly unitId: number
  readonly unitPath: string
  readonly secretaryId: number | null
  /** Paths of the units questions of the session are assigned to. */
  readonly assignedUnitPaths: readonly string[]
}

/** How a principal stands to a session. */
export interface SessionRelation {
  /** May open the staff view (prepared answers, hidden questions, contacts). */
  readonly canView: boolean
  readonly isOrganiser: boolean
  /** The named secretary, or an organiser. */
  readonly isSecretary: boolean
  /** Works for a unit one of the questions is assigned to. */
  readonly isPreparer: boolean
}

/** Whether a grant path reaches a unit path (the unit itself or a descendant). */
function reaches(grantPath: string, unitPath: string): boolean {
  return unitPath.startsWith(grantPath)
}

/** Whether the principal organises dialogues of a unit (leader or moderator there or above). */
export function isOrganiserOf(principal: Principal | null, unitPath: string): boolean {
  return principal?.grants.some((g) => ORGANISER_ROLES.includes(g.role as Role) && reaches(g.unitPath, unitPath)) ?? false
}

/** Whether the principal prepares answers for a unit: a leader there or above, or staff of the unit itself. */
export function isPreparerFor(principal: Principal | null, unitPath: string): boolean {
  if (!principal) return false
  return principal.grants.some((g) => (g.role === 'leader' ? reaches(g.unitPath, unitPath) : PREPARER_ROLES.includes(g.role as Role) && g.unitPath === unitPath))
}

/** How the principal stands to a session. */
export function relationTo(principal: Principal | null, session: SessionScope): SessionRelation {
  if (!principal) return { canView: false, isOrganiser: false, isSecretary: false, isPreparer: false }
  const isOrganiser = isOrganiserOf(principal, session.unitPath)
  const isSecretary = isOrganiser || (session.secretaryId !== null && session.secretaryId === principal.staffId)
  const isPreparer = session.assignedUnitPaths.some((path) => isPreparerFor(principal, path))
  return { canView: isOrganiser || isSecretary || isPreparer, isOrganiser, isSecretary, isPreparer }
}

/** Whether the principal may take a status action. */
export function canTakeSessionAction(relation: SessionRelation, action: SessionAction): boolean {
  return SESSION_ACTION_ACTORS[action] === 'organiser' ? relation.isOrganiser : relation.isSecretary
}

/**
 * Whether the principal may take a moderation action on a question: organisers always; staff of
 * the unit a question is assigned to may write its prepared answer.
 */
export function canModerate(relation: SessionRelation, action: ModerationAction, isPreparerOfQuestion: boolean): boolean {
  if (relation.isOrganiser) return true
  return action === 'prepare_answer' && isPreparerOfQuestion
}

/** Whether a staff member may host a session of a unit: a leader of the unit or of a unit above it. */
export function canHost(grants: readonly { readonly role: string; readonly unitPath: string }[], unitPath: string): boolean {
  return grants.some((g) => g.role === HOST_ROLE && reaches(g.unitPath, unitPath))
}

/** Whether the principal may read coverage figures of a unit. */
export function canViewCoverage(principal: Principal | null, unitPath: string): boolean {
  return principal?.grants.some((g) => COVERAGE_ROLES.includes(g.role as Role) && reaches(g.unitPath, unitPath)) ?? false
}

/** Whether the principal organises dialogues anywhere (may open the staff list and create sessions). */
export function isOrganiserAnywhere(principal: Principal | null): boolean {
  return principal?.grants.some((g) => ORGANISER_ROLES.includes(g.role as Role)) ?? false
}
