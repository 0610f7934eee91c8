/**
 * The site search as the portal offers it: over news, procedures and answered public feedback,
 * a page of ten results at a time; and the marked-up snippet the page shows.
 */
import { escapeHtml } from '@kitajs/html'
import type { FeatureDeps } from '../../app.ts'
import { MAX_QUERY_LENGTH, search } from '../../platform/search/search.ts'
import type { Highlight, SearchHit } from '../../platform/search/search.ts'
import { ValidationError } from '../../platform/http/errors.ts'

/** The kinds of things the search finds, as the type filter names them. */
export const SEARCH_TYPES = ['news', 'procedure', 'feedback'] as const
/** One of SEARCH_TYPES. */
export type SearchType = (typeof SEARCH_TYPES)[number]

/** Results on a page of the search. */
export const SEARCH_PAGE_SIZE = 10
/** The last page anyone may ask for: deep pages cost as much as the first and nobody reads them. */
export const MAX_SEARCH_PAGE = 100
/** The search page's address. */
export const SEARCH_PATH = '/tim-kiem'

/** What a visitor asks. */
export interface SiteSearchInput {
  readonly q: string
  readonly type?: SearchType | undefined
  readonly page?: number | undefined
  readonly pageSize?: number | undefined
}

/** A page of results. */
export interface SiteSearchResult {
  readonly total: number
  readonly page: number
  readonly pageSize: number
  readonly results: readonly SearchHit[]
}

/** Whether a value names a search type. */
export function isSearchType(value: unknown): value is SearchType {
  return typeof value === 'string' && (SEARCH_TYPES as readonly string[]).includes(value)
}

/**
 * Searches the site. A query with fewer than two letters or digits is a 422 on `q`, so the form
 * can say so beside the field and the API can tell its caller.
 */
export async function searchSite(deps: Pick<FeatureDeps, 'db'>, input: SiteSearchInput): Promise<SiteSearchResult> {
  const page = Math.min(Math.max(Math.trunc(input.page ?? 1), 1), MAX_SEARCH_PAGE)
  const pageSize = input.pageSize ?? SEARCH_PAGE_SIZE
  const result = await search(deps.db, { q: input.q, type: input.type, page, pageSize })
  if (result.isTooShort) throw new ValidationError({ q: 'portal.search.errors.tooShort' })
  return { total: result.total, page, pageSize, results: result.results }
}

/**
 * A text with its highlighted stretches wrapped in `<mark>`, as HTML: every stretch, marked or not,
 * is escaped on its own, so nothing of the text can become markup. Overlapping or out-of-range
 * highlights are clipped.
 */
export function markedHtml(text: string, highlights: readonly Highlight[]): string {
  let html = ''
  let at = 0
  for (const [start, end] of [...highlights].sort((a, b) => a[0] - b[0])) {
    const from = Math.max(start, at)
    const to = Math.min(end, text.length)
    if (to <= from) continue
    html += `${escapeHtml(text.slice(at, from))}<mark>${escapeHtml(text.slice(from, to))}</mark>`
    at = to
  }
  return html + escapeHtml(text.slice(at))
}

/** The address of a page of results. */
export function searchHref(q: string, type: SearchType | '' | undefined, page = 1): string {
  const params = new URLSearchParams({ q: q.slice(0, MAX_QUERY_LENGTH) })
  if (type) params.set('type', type)
  if (page > 1) params.set('page', String(page))
  return `${SEARCH_PATH}?${params.toString()}`
}
