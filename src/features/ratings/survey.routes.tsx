/** Routes of the survey part of satisfaction (API and pages). Placeholder until built. */
import type { App, FeatureDeps } from '../../app.ts'
import type { RatingDeps } from './rating.service.ts'

/** Registers the survey routes. */
export function registerSurveyRoutes(_app: App, _deps: FeatureDeps & RatingDeps): void {}
