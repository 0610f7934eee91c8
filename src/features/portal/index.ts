/** The public portal's face: home page. (Grows with the portal issue.) */
import type { App, FeatureDeps } from '../../app.ts'
import { registerPortalPages } from './portal.pages.tsx'

export { messages } from './portal.messages.ts'

/** Registers the portal's pages. */
export async function register(app: App, deps: FeatureDeps): Promise<void> {
  registerPortalPages(app, deps)
}
