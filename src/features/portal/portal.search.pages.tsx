/** The search page, /tim-kiem: the form, and the results of the words typed in it. */
import type { App, FeatureDeps } from '../../app.ts'
import { AppError } from '../../platform/http/errors.ts'
import { createPageSupport, sendPage } from '../../views/page.ts'
import { getHomeUnit } from '../units/index.ts'
import { isSearchType, MAX_SEARCH_PAGE, SEARCH_PATH, searchSite } from './portal.search.ts'
import type { SiteSearchResult } from './portal.search.ts'
import { SearchPage } from './views/search.tsx'

/** The first value of a query parameter as text ('' when absent). */
function queryText(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : ''
}

/** The page number asked for: 1 unless a whole number from 1 to MAX_SEARCH_PAGE. */
function pageNumber(value: unknown): number {
  const page = Number.parseInt(queryText(value), 10)
  return Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_SEARCH_PAGE) : 1
}

/** Registers the search page. */
export function registerSearchPages(app: App, deps: FeatureDeps): void {
  const pages = createPageSupport({ appSecret: deps.config.sessionSecret, isSecureCookie: deps.config.isSecureCookie, loadHomeUnit: () => getHomeUnit(deps) })

  app.get<{ Querystring: Record<string, unknown> }>(SEARCH_PATH, { schema: { hide: true } }, async (req, reply) => {
    const isAsked = req.query.q !== undefined
    const q = queryText(req.query.q).trim()
    const typeText = queryText(req.query.type)
    const type = isSearchType(typeText) ? typeText : ''
    let result: SiteSearchResult | null = null
    let errorKey: string | undefined
    if (q === '') {
      // The bare page is a form; a form sent empty says what it needs.
      if (isAsked) errorKey = 'portal.search.errors.empty'
    } else {
      try {
        result = await searchSite(deps, { q, type: type || undefined, page: pageNumber(req.query.page) })
      } catch (error) {
        if (!(error instanceof AppError) || error.fields.q === undefined) throw error
        errorKey = error.fields.q
      }
    }
    const ctx = await pages.context(req, reply)
    return sendPage(reply, <SearchPage ctx={ctx} q={q} type={type} result={result} error={errorKey ? ctx.t(errorKey) : undefined} />)
  })
}
