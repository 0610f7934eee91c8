/** Satisfaction and accountability's public face: evaluations, kiosks, surveys, indexes, corrective actions. */
import type { App, FeatureDeps } from '../../app.ts'
import { registerRatingApi } from './rating.api.ts'
import { registerCorrectiveApi } from './corrective.api.ts'

export { messages } from './rating.messages.ts'
export { ratingJobs } from './rating.jobs.ts'
export { satisfactionIndex } from './rating.ts'
export { closeFollowedUpCases, countCases, evaluateCorrectiveRules, getCorrectiveRules } from './corrective.service.ts'
export type { CorrectiveDeps, LetterEvidence, RulesRun } from './corrective.service.ts'

/** Registers the ratings API and pages. */
export async function register(app: App, deps: FeatureDeps): Promise<void> {
  const ratingDeps = { ...deps, baseUrl: deps.config.baseUrl }
  registerRatingApi(app, ratingDeps)
  registerCorrectiveApi(app, ratingDeps)
}
