/** HTML routes of the public portal. (Placeholder.) */
import type { App, FeatureDeps } from '../../app.ts'

/** Registers the pages. */
export function registerPortalPages(_app: App, _deps: FeatureDeps): void {}
