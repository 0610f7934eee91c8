/**
 * Who may see and do what with feedback, as pure functions over role grants. Unlike the desk,
 * moderators and leaders reach the unit and every unit under it here: a town's moderator sorts
 * the wards' queues. Letters, complaints and denunciations are for leaders only, the official a
 * letter is about never sees it, and only leaders see who denounced.
 */
import type { Principal } from '../../platform/auth/principal.ts'
import type { Role } from '../units/index.ts'
import { kindMayBePublic, TRIAGE_ACTIONS } from './feedback.ts'
import type { FeedbackKind, StaffAction } from './feedback.ts'

/** Roles whose grant lets one work on feedback at all (admin alone does not). */
export const FEEDBACK_ROLES: readonly Role[] = ['leader', 'moderator', 'specialist']

/** Roles of the officials an item may be assigned to. */
export const ASSIGNEE_ROLES: readonly Role[] = ['specialist', 'leader', 'moderator', 'desk_officer']

/** Roles that may submit on a resident's behalf (at the counter, or from their own application). */
export const COUNTER_ROLES: readonly Role[] = ['leader', 'moderator', 'specialist', 'desk_officer']

/** What the policy needs to know about an item. */
export interface ItemScope {
  readonly kind: FeedbackKind
  readonly unitPath: string
  readonly assignedUnitPath: string | null
  readonly assigneeId: number | null
  readonly officialId: number | null
}

/** How a principal stands to an item. */
export interface Relation {
  readonly canView: boolean
  /** Leader of the item's unit (or the unit it was assigned to) or of an ancestor. */
  readonly isLeader: boolean
  /** Moderator of the item's unit (or the assigned unit) or of an ancestor. */
  readonly isModerator: boolean
  readonly isAssignee: boolean
}

/** The unit paths where the principal holds each feedback role: what the queue is filtered by. */
export interface FeedbackScope {
  readonly staffId: number
  /** Paths under which the principal leads (every kind). */
  readonly leaderPaths: readonly string[]
  /** Paths under which the principal moderates (reports and petitions). */
  readonly moderatorPaths: readonly string[]
  /** Units where the principal is a specialist (reports and petitions assigned to that unit). */
  readonly specialistPaths: readonly string[]
}

/** The principal's feedback scope. */
export function scopeOf(principal: Principal): FeedbackScope {
  const paths = (role: Role) => principal.grants.filter((g) => g.role === role).map((g) => g.unitPath)
  return { staffId: principal.staffId, leaderPaths: paths('leader'), moderatorPaths: paths('moderator'), specialistPaths: paths('specialist') }
}

/** Whether the principal has anything to do with feedback anywhere. */
export function hasFeedbackRole(principal: Principal | null): boolean {
  return principal?.grants.some((g) => FEEDBACK_ROLES.includes(g.role as Role)) ?? false
}

/** Whether a grant path reaches a unit path (the unit itself or a descendant). */
function reaches(paths: readonly string[], unitPath: string | null): boolean {
  return unitPath !== null && paths.some((p) => unitPath.startsWith(p))
}

/** How the principal stands to an item. */
export function relationTo(principal: Principal | null, item: ItemScope): Relation {
  const none: Relation = { canView: false, isLeader: false, isModerator: false, isAssignee: false }
  if (!principal) return none
  // A letter about an official is never shown to that official, whatever their role.
  if (item.officialId !== null && item.officialId === principal.staffId) return none
  const scope = scopeOf(principal)
  const isLeader = reaches(scope.leaderPaths, item.unitPath) || reaches(scope.leaderPaths, item.assignedUnitPath)
  const isPublicKind = kindMayBePublic(item.kind)
  const isModerator = isPublicKind && (reaches(scope.moderatorPaths, item.unitPath) || reaches(scope.moderatorPaths, item.assignedUnitPath))
  const isAssignee = item.assigneeId !== null && item.assigneeId === principal.staffId
  const isUnitSpecialist = isPublicKind && item.assignedUnitPath !== null && scope.specialistPaths.includes(item.assignedUnitPath)
  return { canView: isLeader || isModerator || isAssignee || isUnitSpecialist, isLeader, isModerator, isAssignee }
}

/**
 * Whether the principal may take an action: triage by moderators and leaders (leaders only for
 * letters, complaints and denunciations, and for deciding a letter); notes and answers also by
 * the assignee.
 */
export function canAct(relation: Relation, action: StaffAction): boolean {
  if (!relation.canView) return false
  if (action === 'decide_letter') return relation.isLeader
  const isTriager = relation.isLeader || relation.isModerator
  if (TRIAGE_ACTIONS.includes(action)) return isTriager
  return isTriager || relation.isAssignee
}

/** Whether the principal may see the resident's contact details: never a denouncer's unless a leader. */
export function canSeeContact(relation: Relation, kind: FeedbackKind): boolean {
  if (!relation.canView) return false
  return kind !== 'denunciation' || relation.isLeader
}
