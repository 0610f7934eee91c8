/** Direct dialogues and citizen reception's public face: registration and the use cases others may call. */
import type { App, FeatureDeps } from '../../app.ts'
import { mergeCatalogues } from '../../platform/i18n/i18n.ts'

/** Every catalogue of the dialogues feature, merged. */
export const messages = mergeCatalogues([])

/** Registers the dialogues and reception API and pages. */
export async function register(_app: App, _deps: FeatureDeps): Promise<void> {}
