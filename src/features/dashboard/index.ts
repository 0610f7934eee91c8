/** The leadership dashboard, reports, exports and public statistics: registration and shared use cases. */
import type { App, FeatureDeps } from '../../app.ts'
import { mergeCatalogues } from '../../platform/i18n/i18n.ts'

/** Every catalogue of the dashboard feature, merged. */
export const messages = mergeCatalogues([])

/** Registers the dashboard pages, reports and API. */
export async function register(_app: App, _deps: FeatureDeps): Promise<void> {}
