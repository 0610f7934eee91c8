/** HTML routes of units, staff and sign-in. (Placeholder.) */
import type { App, FeatureDeps } from '../../app.ts'

/** Registers the pages. */
export function registerUnitPages(_app: App, _deps: FeatureDeps): void {}
