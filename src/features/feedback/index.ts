/** Feedback and petitions' public face: registration of its API and pages, and the use cases others may call. */
import type { App, FeatureDeps } from '../../app.ts'
import { mergeCatalogues } from '../../platform/i18n/i18n.ts'

/** Every catalogue of the feedback feature, merged. */
export const messages = mergeCatalogues([])

/** Registers the feedback API, the Open311 API and the pages. */
export async function register(_app: App, _deps: FeatureDeps): Promise<void> {}
