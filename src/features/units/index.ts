/** The units feature's public face: administrative units, staff, roles, sign-in. */
import type { App, FeatureDeps } from '../../app.ts'
import { registerUnitApi } from './unit.api.ts'
import { registerUnitPages } from './unit.pages.tsx'

export { messages } from './unit.messages.ts'
export { actorOf, issueApiToken, leadersOf, staffWithRolesOn, loadPrincipal, getHomeUnit, getRootUnit, getUnit as getUnitById, getUnitByCode, listPublicUnits, listUnits, countUnits, createStaff, createUnit, getStaffByUsername, listStaff, setStaffDisabled, resetStaffPassword, signIn } from './unit.service.ts'
export type { UnitDeps, By } from './unit.service.ts'
export { hasRoleOn, hasAnyRole, requireRoleOn, requireAnyRole, scopeRoots } from './unit.policy.ts'
export type { Role, Unit, Staff } from './unit.ts'
export { adminPageGuard } from './unit.pages.tsx'
export { adminCrumbs } from './views/admin-units.tsx'

/** Registers the units feature's API and pages. */
export async function register(app: App, deps: FeatureDeps): Promise<void> {
  registerUnitApi(app, deps)
  registerUnitPages(app, deps)
}
