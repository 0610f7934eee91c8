/**
 * HTML routes of the public portal: the home page. It gathers what other features publish through
 * their public faces — the latest news, the dialogues coming up, the latest answered feedback, and
 * the year's public figures (from the public statistics, kept a minute per instance) — each in a
 * few batched queries, all at once.
 */
import type { App, FeatureDeps } from '../../app.ts'
import { createPageSupport, sendPage } from '../../views/page.ts'
import { createPublicStatisticsCache } from '../dashboard/index.ts'
import { listSessions } from '../dialogues/index.ts'
import { listPublicItems } from '../feedback/index.ts'
import { articlePath, formatArticleDateTime, latestArticles } from '../news/index.ts'
import { getHomeUnit, listPublicUnits } from '../units/index.ts'
import { HomePage } from './views/home.tsx'
import type { HeadlineFigures, HomeContent } from './views/home.tsx'

/** How many of each list the home page shows. */
export const HOME_LIST_SIZES = Object.freeze({ news: 4, dialogues: 3, feedback: 3 })

/** The headline figures of the public statistics, or null before there is a home unit. */
function headlineOf(statistics: Awaited<ReturnType<ReturnType<typeof createPublicStatisticsCache>>>): HeadlineFigures | null {
  if (statistics.unit === null) return null
  const total = statistics.total
  return {
    year: statistics.year,
    onTimeRate: total.onTimeRate,
    returned: total.returned,
    satisfactionIndex: total.satisfactionIndex,
    ratings: total.ratings,
    coverage: statistics.coverage && statistics.coverage.unitCount > 0 ? { heldCount: statistics.coverage.heldCount, unitCount: statistics.coverage.unitCount } : null,
  }
}

/** A short title for an answered item that has none: the start of its description. */
function shortTitle(text: string, length = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= length ? flat : `${flat.slice(0, length).replace(/\s+\S*$/, '')}…`
}

/** Registers the pages. */
export function registerPortalPages(app: App, deps: FeatureDeps): void {
  const pages = createPageSupport({
    baseUrl: deps.config.baseUrl,
    appSecret: deps.config.sessionSecret,
    isSecureCookie: deps.config.isSecureCookie,
    loadHomeUnit: () => getHomeUnit(deps),
  })
  const publicStatistics = createPublicStatisticsCache(deps)

  // Not shared-cacheable: the dossier lookup posts with a CSRF token, and the PIN must never go in an address.
  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    const [ctx, units, statistics, articles, sessions, answered] = await Promise.all([
      pages.context(req, reply),
      listPublicUnits(deps),
      publicStatistics(null),
      latestArticles(deps, { limit: HOME_LIST_SIZES.news }),
      listSessions(deps, { scope: 'upcoming', pageSize: HOME_LIST_SIZES.dialogues }),
      listPublicItems(deps, { pageSize: HOME_LIST_SIZES.feedback }),
    ])
    const content: HomeContent = {
      units,
      figures: headlineOf(statistics),
      news: articles.map((a) => ({ title: a.title, href: articlePath(a.category, a.slug), publishedAtText: formatArticleDateTime(a.publishedAt ?? a.updatedAt, ctx.locale), lead: a.lead })),
      dialogues: sessions.items.map((s) => ({
        href: `/doi-thoai/${s.id}`,
        topic: s.topic,
        unitName: s.unit.name,
        startsAtText: formatArticleDateTime(s.startsAt, ctx.locale),
        venue: s.venue,
        isCancelled: s.status === 'cancelled',
      })),
      feedback: answered.items.map((f) => {
        const at = f.answeredAt ?? f.publishedAt
        return { href: `/phan-anh/${encodeURIComponent(f.code)}`, title: f.title ?? shortTitle(f.description), unitName: f.unit.name, answeredAtText: at ? formatArticleDateTime(at, ctx.locale) : null }
      }),
    }
    return sendPage(reply, <HomePage ctx={ctx} content={content} />)
  })
}
