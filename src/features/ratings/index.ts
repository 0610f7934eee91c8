/** Satisfaction and accountability's public face: evaluations, kiosks, surveys, indexes, corrective actions. */
import type { App, FeatureDeps } from '../../app.ts'
import { registerRatingApi } from './rating.api.ts'
import { registerCorrectiveApi } from './corrective.api.ts'
import { registerKioskRoutes } from './kiosk.routes.tsx'
import { registerSurveyRoutes } from './survey.routes.tsx'
import { kioskMessages } from './kiosk.messages.ts'
import { surveyMessages } from './survey.messages.ts'
import { messages as ratingMessages } from './rating.messages.ts'
import { pageMessages as ratingPageMessages } from './rating.pages.messages.ts'
import { registerRatingPages } from './rating.pages.tsx'
import { mergeCatalogues } from '../../platform/i18n/i18n.ts'

/** Every catalogue of the ratings feature, merged. */
export const messages = mergeCatalogues([ratingMessages, ratingPageMessages, kioskMessages, surveyMessages])
export { ratingJobs } from './rating.jobs.ts'
export { satisfactionIndex } from './rating.ts'
export { closeFollowedUpCases, countCases, evaluateCorrectiveRules, getCorrectiveRules } from './corrective.service.ts'
export type { CorrectiveDeps, LetterEvidence, RulesRun } from './corrective.service.ts'

/** Registers the ratings API and pages. */
export async function register(app: App, deps: FeatureDeps): Promise<void> {
  const ratingDeps = { ...deps, baseUrl: deps.config.baseUrl }
  registerRatingApi(app, ratingDeps)
  registerCorrectiveApi(app, ratingDeps)
  registerKioskRoutes(app, ratingDeps)
  registerSurveyRoutes(app, ratingDeps)
  registerRatingPages(app, ratingDeps)
}
