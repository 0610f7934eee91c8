/**
 * The search page: the form (words and where to look), then the results with the matched words
 * marked, a line on how many there are, and the pages. Works without JavaScript.
 */
import { Button, Pagination, SelectField, TextField } from '../../../views/components.tsx'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { formatInstant } from '../../calendar/index.ts'
import type { SearchHit } from '../../../platform/search/search.ts'
import { isSearchType, markedHtml, SEARCH_PATH, SEARCH_TYPES, searchHref } from '../portal.search.ts'
import type { SearchType, SiteSearchResult } from '../portal.search.ts'

/** Props of the search page. */
export interface SearchPageProps {
  readonly ctx: PageContext
  /** The words as typed ('' before the first search). */
  readonly q: string
  readonly type: SearchType | ''
  /** The results; null when nothing was searched (no words, or too few). */
  readonly result: SiteSearchResult | null
  /** Translated message beside the words field (too short). */
  readonly error?: string | undefined
}

/** The civil day of an instant in Vietnam time: "05/07/2020". */
function formatDay(at: Date): string {
  const [year = '', month = '', day = ''] = formatInstant(at).slice(0, 10).split('-')
  return `${day}/${month}/${year}`
}

/** One result: its kind, its title (a link) and the snippet, with the matches marked. */
function ResultItem(props: { ctx: PageContext; hit: SearchHit }): JSX.Element {
  const { ctx, hit } = props
  return (
    <li class="search-result">
      <p class="search-result-meta">
        <span class="search-result-type" safe>
          {isSearchType(hit.type) ? ctx.t(`portal.search.types.${hit.type}`) : hit.type}
        </span>
        {hit.publishedAt ? (
          <span class="search-result-date" safe>
            {ctx.t('portal.search.published', { date: formatDay(hit.publishedAt) })}
          </span>
        ) : (
          ''
        )}
      </p>
      <h2 class="heading-s search-result-title">
        {/* Each stretch of the title is escaped before the <mark>s are put around the matches. */}
        <a href={hit.url}>{markedHtml(hit.title, hit.titleHighlights) as 'safe'}</a>
      </h2>
      {hit.snippet ? <p class="search-result-snippet">{markedHtml(hit.snippet, hit.highlights) as 'safe'}</p> : ''}
    </li>
  )
}

/** What the search found, or that it found nothing. */
function Results(props: { ctx: PageContext; q: string; type: SearchType | ''; result: SiteSearchResult }): JSX.Element {
  const { ctx, q, type, result } = props
  const t = ctx.t
  const pageCount = Math.ceil(result.total / result.pageSize)
  if (result.total === 0) {
    return (
      <div role="status">
        <p class="search-summary" safe>
          {t('portal.search.empty', { q })}
        </p>
        <p safe>{t('portal.search.emptyHint')}</p>
      </div>
    )
  }
  if (result.results.length === 0) {
    return (
      <p role="status">
        <a href={searchHref(q, type)} safe>
          {t('portal.search.beyond')}
        </a>
      </p>
    )
  }
  const from = (result.page - 1) * result.pageSize + 1
  const to = from + result.results.length - 1
  return (
    <>
      <p class="search-summary" role="status" safe>
        {pageCount > 1 ? t('portal.search.foundPage', { total: result.total, q, from, to }) : t('portal.search.found', { total: result.total, q })}
      </p>
      <ol class="search-results" aria-label={t('portal.search.resultsLabel')} start={from}>
        {result.results.map((hit) => (
          <ResultItem ctx={ctx} hit={hit} />
        ))}
      </ol>
      <Pagination ctx={ctx} page={result.page} pageCount={pageCount} hrefFor={(p) => searchHref(q, type, p)} />
    </>
  )
}

/** The search page. */
export function SearchPage(props: SearchPageProps): JSX.Element {
  const { ctx, q, type, result } = props
  const t = ctx.t
  const types = SEARCH_TYPES.map((value) => ({ value, label: t(`portal.search.types.${value}`) }))
  return (
    <Layout ctx={ctx} title={q && !props.error ? t('portal.search.titleWithQuery', { q }) : t('portal.search.title')} hasErrors={props.error !== undefined}>
      <h1 class="heading-l" safe>
        {t('portal.search.title')}
      </h1>
      <p class="lead" safe>
        {t('portal.search.lead')}
      </p>
      <form class="filter search-form" method="get" action={SEARCH_PATH} role="search" aria-label={t('portal.search.formLabel')}>
        <TextField ctx={ctx} name="q" type="search" label={t('portal.search.query')} value={q} error={props.error} maxlength={200} width="medium" />
        <SelectField ctx={ctx} name="type" label={t('portal.search.type')} value={type} placeholder={t('portal.search.typeAll')} choices={types} />
        <div class="button-group">
          <Button text={t('portal.search.submit')} />
        </div>
      </form>
      {result ? <Results ctx={ctx} q={q} type={type} result={result} /> : ''}
    </Layout>
  )
}
