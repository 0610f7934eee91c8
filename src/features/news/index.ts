/** News's public face: registration of its pages and API, and the use cases others may call. */
import type { App, FeatureDeps } from '../../app.ts'
import { mergeCatalogues } from '../../platform/i18n/i18n.ts'

/** Every catalogue of the news feature, merged. */
export const messages = mergeCatalogues([])

/** Registers the news pages and API. */
export async function register(_app: App, _deps: FeatureDeps): Promise<void> {}
