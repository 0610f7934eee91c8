/** The leadership dashboard, reports, exports and public statistics: registration and shared use cases. */
import type { App, FeatureDeps } from '../../app.ts'
import { mergeCatalogues } from '../../platform/i18n/i18n.ts'
import { registerDashboardApi } from './dashboard.api.ts'
import { messages as dashboardMessages } from './dashboard.messages.ts'
import { createClosedMonthCache } from './dashboard.months.ts'
import { registerDashboardPages } from './dashboard.pages.tsx'

export { countDossierEvent, countFeedbackEvent, rebuildStats } from './dashboard.stats.ts'
export type { DossierStatEvent, FeedbackStatEvent, RebuildRange, RebuildResult } from './dashboard.stats.ts'
export { getPublicStatistics } from './dashboard.service.ts'
export type { PublicStatistics } from './dashboard.service.ts'
export { createPublicStatisticsCache } from './dashboard.service.ts'

/** Every catalogue of the dashboard feature, merged. */
export const messages = mergeCatalogues([dashboardMessages])

/** Registers the dashboard pages, reports and API. */
export async function register(app: App, deps: FeatureDeps): Promise<void> {
  // One cache of closed months for the instance's pages and API alike.
  const dashboardDeps = { ...deps, closedMonths: createClosedMonthCache() }
  registerDashboardApi(app, dashboardDeps)
  registerDashboardPages(app, dashboardDeps)
}
