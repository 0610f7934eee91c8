/** Routes of the kiosk part of satisfaction (API and pages). Placeholder until built. */
import type { App, FeatureDeps } from '../../app.ts'
import type { RatingDeps } from './rating.service.ts'

/** Registers the kiosk routes. */
export function registerKioskRoutes(_app: App, _deps: FeatureDeps & RatingDeps): void {}
