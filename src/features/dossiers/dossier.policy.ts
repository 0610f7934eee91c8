/** Who may do what on the one-stop desk, as pure functions over role grants scoped to units. */
import type { Principal } from '../../platform/auth/principal.ts'
import { hasRoleOn } from '../units/index.ts'
import type { Role } from '../units/index.ts'
import type { DossierAction } from './dossier.ts'

/** Roles that may see a unit's dossiers. */
export const VIEW_ROLES: readonly Role[] = ['desk_officer', 'specialist', 'leader']
/** Roles that may receive dossiers at a unit's desk. */
export const RECEIVE_ROLES: readonly Role[] = ['desk_officer', 'leader']

/** Roles of the officials a dossier may be handed to. */
export const ASSIGNEE_ROLES: readonly Role[] = ['specialist', 'leader', 'desk_officer']

/** Roles allowed to take each action. */
export const ACTION_ROLES: Record<DossierAction, readonly Role[]> = {
  request_supplement: ['desk_officer', 'specialist', 'leader'],
  supplement_received: ['desk_officer', 'leader'],
  refuse: ['desk_officer', 'specialist', 'leader'],
  assign: ['desk_officer', 'leader'],
  complete_step: ['specialist', 'leader', 'desk_officer'],
  // The apology is signed by the agency that caused the delay; the leader or the desk sends it.
  apologize: ['leader', 'desk_officer'],
  result_ready: ['specialist', 'leader', 'desk_officer'],
  return: ['desk_officer', 'leader'],
  stop: ['desk_officer', 'leader'],
}

/** Whether the principal may see dossiers of a unit. */
export function canViewDossiers(principal: Principal | null, unitPath: string): boolean {
  return hasRoleOn(principal, VIEW_ROLES, unitPath)
}

/** Whether the principal may receive dossiers at a unit. */
export function canReceive(principal: Principal | null, unitPath: string): boolean {
  return hasRoleOn(principal, RECEIVE_ROLES, unitPath)
}

/** Whether the principal may take an action on a dossier of a unit. */
export function canAct(principal: Principal | null, unitPath: string, action: DossierAction): boolean {
  return hasRoleOn(principal, ACTION_ROLES[action], unitPath)
}
