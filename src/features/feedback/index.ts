/** Feedback and petitions' public face: registration of its API and pages, and the use cases others may call. */
import type { App, FeatureDeps } from '../../app.ts'
import { mergeCatalogues } from '../../platform/i18n/i18n.ts'
import { photoMessages } from './feedback.photos.messages.ts'
import { registerFeedbackApi } from './feedback.api.ts'
import { messages as coreMessages } from './feedback.messages.ts'
import { pageMessages } from './feedback.pages.messages.ts'
import { registerFeedbackPages } from './feedback.pages.tsx'
import { createFeedbackCaptcha } from './feedback.service.ts'
import { open311Messages } from './open311.messages.ts'
import { registerOpen311 } from './open311.ts'

export { feedbackJobs } from './feedback.jobs.ts'
export { escalateOverdue, upheldLetters } from './feedback.service.ts'
export { FEEDBACK_SEARCH_TYPE, searchDocuments } from './feedback.search.ts'
export { createTrackedItem } from './feedback.service.ts'
export { listPublicItems } from './feedback.service.ts'
export type { TrackedItemInput } from './feedback.service.ts'

/** Every catalogue of the feedback feature, merged. */
export const messages = mergeCatalogues([coreMessages, photoMessages, open311Messages, pageMessages])

/** Registers the feedback API, the Open311 API and the pages. */
export async function register(app: App, deps: FeatureDeps): Promise<void> {
  registerFeedbackApi(app, { ...deps, captcha: createFeedbackCaptcha(deps) })
  await registerOpen311(app, deps)
  registerFeedbackPages(app, deps)
}
