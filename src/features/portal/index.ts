/** The public portal's face: home page and site search. (Grows with the portal issue.) */
import type { App, FeatureDeps } from '../../app.ts'
import { mergeCatalogues } from '../../platform/i18n/i18n.ts'
import { messages as homeMessages } from './portal.messages.ts'
import { registerPortalPages } from './portal.pages.tsx'
import { registerSearchApi } from './portal.search.api.ts'
import { searchMessages } from './portal.search.messages.ts'
import { registerSearchPages } from './portal.search.pages.tsx'

export { SEARCH_TYPES } from './portal.search.ts'

/** Every catalogue of the portal, merged. */
export const messages = mergeCatalogues([homeMessages, searchMessages])

/** Registers the portal's pages and API. */
export async function register(app: App, deps: FeatureDeps): Promise<void> {
  registerPortalPages(app, deps)
  registerSearchPages(app, deps)
  registerSearchApi(app, deps)
}
