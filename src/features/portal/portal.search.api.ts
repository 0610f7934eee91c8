/** The search API: GET /api/v1/search?q=&type=&page= (public). */
import { Type } from 'typebox'
import type { App, FeatureDeps } from '../../app.ts'
import { ErrorBody } from '../../platform/http/api.ts'
import { MAX_SEARCH_PAGE, SEARCH_TYPES, searchSite } from './portal.search.ts'
import type { SiteSearchResult } from './portal.search.ts'

/** Matched stretches of a text: [start, end) offsets in UTF-16 code units, as JavaScript counts a string's length. */
const Highlights = (description: string) => Type.Array(Type.Tuple([Type.Integer({ minimum: 0 }), Type.Integer({ minimum: 0 })]), { description })

/** The API shape of a page of results. */
const SearchResponse = Type.Object({
  total: Type.Integer({ minimum: 0, description: 'How many results there are in all; when even the rarest word is in very many documents, how many among the few thousand of those that were scored (the best by weight)' }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
  results: Type.Array(
    Type.Object({
      type: Type.String({ description: 'news, procedure or feedback' }),
      title: Type.String(),
      url: Type.String({ description: 'Path of the page on this site' }),
      snippet: Type.String({ description: 'About 200 characters of the text around the first match' }),
      highlights: Highlights('Matches in the snippet: [start, end) in UTF-16 code units'),
      titleHighlights: Highlights('Matches in the title: [start, end) in UTF-16 code units'),
    }),
  ),
})

/** The API shape of a page of results. */
export function presentSearchResult(result: SiteSearchResult) {
  return {
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    results: result.results.map((hit) => ({
      type: hit.type,
      title: hit.title,
      url: hit.url,
      snippet: hit.snippet,
      highlights: hit.highlights.map(([start, end]) => [start, end] as [number, number]),
      titleHighlights: hit.titleHighlights.map(([start, end]) => [start, end] as [number, number]),
    })),
  }
}

/** Registers the search API. */
export function registerSearchApi(app: App, deps: FeatureDeps): void {
  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['portal'],
        summary: 'Search news, procedures and answered public feedback (public)',
        description:
          'Words match without regard to Vietnamese diacritics or case ("tan uyen" finds "Tân Uyên"); every word must match, the last one also as the start of a word. Best matches first, ten per page. A query without two letters or digits is a 422 on `q`.',
        querystring: Type.Object({
          q: Type.String({ maxLength: 500, description: 'The words to look for' }),
          type: Type.Optional(Type.Enum([...SEARCH_TYPES])),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SEARCH_PAGE, default: 1 })),
        }),
        response: { 200: SearchResponse, 400: ErrorBody, 422: ErrorBody },
      },
    },
    async (req, reply) => {
      const result = await searchSite(deps, { q: req.query.q, type: req.query.type, page: req.query.page })
      // The index changes when staff publish something; a minute late is fine for a search.
      return reply.header('cache-control', 'public, max-age=60').header('vary', 'accept-language').send(presentSearchResult(result))
    },
  )
}
