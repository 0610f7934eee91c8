/**
 * The public pages (/phan-anh): the list of answered items that their senders chose to make
 * public, per unit and field, each with its answer; and one item's page. Nothing personal is
 * shown: the views take no contact field at all.
 */
import { Button, ButtonLink, Pagination, SelectField, StatusTag, SummaryList } from '../../../views/components.tsx'
import type { Choice, SummaryRow } from '../../../views/components.tsx'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { FEEDBACK_CATEGORIES } from '../feedback.ts'
import type { FeedbackStatus } from '../feedback.ts'
import { categoryName } from './follow.tsx'
import { formatDay, formatShort, statusTone } from './format.ts'
import type { InstantValue } from './format.ts'
import { PUBLIC_PATH, publicItemHref, RSS_PATH, SUBMIT_PATH } from './paths.ts'
import { PhotoGallery } from './photos.tsx'
import type { PhotoItem } from './photos.tsx'
import { discoveryTags } from '../../../views/discovery.ts'

/** What the public sees of an item: no contact, no staff, no internal note. */
export interface PublicItem {
  readonly code: string
  readonly category: string
  readonly unitName: string
  readonly title: string | null
  readonly description: string
  readonly address: string | null
  readonly status: FeedbackStatus
  readonly submittedAt: InstantValue
  readonly publicAnswer: string | null
  readonly answeredAt: InstantValue | null
  readonly photos: readonly PhotoItem[]
}

/** The list's filter, as in the address. */
export interface PublicFilter {
  readonly unit: string
  readonly category: string
}

/** The public list's address for a filter and page; empty parts are left out. */
export function publicListHref(filter: Partial<PublicFilter>, page = 1): string {
  const params = new URLSearchParams()
  if (filter.unit) params.set('unit', filter.unit)
  if (filter.category) params.set('category', filter.category)
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  return query ? `${PUBLIC_PATH}?${query}` : PUBLIC_PATH
}

/** The heading of an item: its title, or its field and code when it has none. */
export function itemHeading(ctx: Pick<PageContext, 't'>, item: { code: string; category: string; title: string | null }): string {
  return item.title ?? ctx.t('feedback.pages.public.untitled', { category: categoryName(ctx, item.category), code: item.code })
}

/** Props of the public list. */
export interface PublicListPageProps {
  readonly ctx: PageContext
  readonly filter: PublicFilter
  readonly units: readonly Choice[]
  readonly items: readonly PublicItem[]
  readonly total: number
  readonly page: number
  readonly pageSize: number
}

/** One item of the list, with its answer. */
function ListedItem(props: { ctx: PageContext; item: PublicItem }): JSX.Element {
  const { ctx, item } = props
  const t = ctx.t
  return (
    <li class="feedback-item">
      <h2 class="heading-s">
        <a href={publicItemHref(item.code)} safe>
          {itemHeading(ctx, item)}
        </a>
      </h2>
      <p class="body-secondary" safe>
        {t('feedback.pages.public.meta', { code: item.code, category: categoryName(ctx, item.category), unit: item.unitName, date: formatDay(item.submittedAt) })}
      </p>
      <p>
        <StatusTag tone={statusTone(item.status)} text={t(`feedback.status.${item.status}`)} />
      </p>
      <p class="prose" safe>
        {item.description}
      </p>
      {item.publicAnswer ? (
        <div class="answer">
          <h3 class="heading-s" safe>
            {item.answeredAt ? t('feedback.pages.public.answerOn', { date: formatDay(item.answeredAt) }) : t('feedback.pages.public.answer')}
          </h3>
          <p class="prose" safe>
            {item.publicAnswer}
          </p>
        </div>
      ) : (
        ''
      )}
    </li>
  )
}

/** The public list page. */
export function PublicListPage(props: PublicListPageProps): JSX.Element {
  const { ctx, filter } = props
  const t = ctx.t
  const key = (name: string) => t(`feedback.pages.public.${name}`)
  const pageCount = Math.max(1, Math.ceil(props.total / props.pageSize))
  const from = props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1
  const to = Math.min(props.total, props.page * props.pageSize)
  const categories = FEEDBACK_CATEGORIES.map((c) => ({ value: c.code, label: t(c.nameKey) }))
  return (
    <Layout ctx={ctx} title={key('title')} alternates={[{ href: RSS_PATH, type: 'application/rss+xml', title: key('rssTitle') }]}>
      <h1 class="heading-l" safe>
        {key('title')}
      </h1>
      <p class="lead" safe>
        {key('lead')}
      </p>
      <div class="button-group">
        <ButtonLink href={SUBMIT_PATH} text={t('feedback.pages.submit.title')} />
        <ButtonLink href="/phan-anh/theo-doi" text={t('feedback.pages.follow.lookupTitle')} variant="secondary" />
      </div>
      <form class="filter" method="get" action={PUBLIC_PATH} role="search" aria-label={key('filter')}>
        <SelectField ctx={ctx} name="unit" label={key('unit')} value={filter.unit} placeholder={key('unitAll')} choices={props.units} />
        <SelectField ctx={ctx} name="category" label={key('category')} value={filter.category} placeholder={key('categoryAll')} choices={categories} />
        <div class="button-group">
          <Button text={key('apply')} variant="secondary" />
        </div>
      </form>
      <p class="body-secondary" role="status" safe>
        {t('pagination.summary', { from, to, total: props.total })}
      </p>
      {props.items.length === 0 ? (
        <p safe>{key('empty')}</p>
      ) : (
        <ul class="feedback-list">
          {props.items.map((item) => (
            <ListedItem ctx={ctx} item={item} />
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} page={props.page} pageCount={pageCount} hrefFor={(p) => publicListHref(filter, p)} />
      <p>
        <a href={RSS_PATH} type="application/rss+xml" safe>
          {key('rss')}
        </a>
      </p>
    </Layout>
  )
}

/** One public item's page. */
export function PublicItemPage(props: { ctx: PageContext; item: PublicItem }): JSX.Element {
  const { ctx, item } = props
  const t = ctx.t
  const key = (name: string) => t(`feedback.pages.public.${name}`)
  const rows: SummaryRow[] = [
    { key: t('feedback.pages.follow.code'), value: item.code },
    { key: t('feedback.pages.follow.category'), value: categoryName(ctx, item.category) },
    { key: t('feedback.pages.follow.unit'), value: item.unitName },
    ...(item.address ? [{ key: t('feedback.pages.follow.address'), value: item.address }] : []),
    { key: t('feedback.pages.follow.submittedAt'), value: formatShort(item.submittedAt) },
  ]
  return (
    <Layout
      ctx={ctx}
      title={itemHeading(ctx, item)}
      breadcrumbs={[{ href: PUBLIC_PATH, text: key('title') }]}
      {...discoveryTags(ctx, { path: `${PUBLIC_PATH}/${encodeURIComponent(item.code)}`, title: itemHeading(ctx, item), description: item.publicAnswer ?? item.description, type: 'article' })}
    >
      <span class="caption" safe>
        {item.code}
      </span>
      <h1 class="heading-l" safe>
        {itemHeading(ctx, item)}
      </h1>
      <p class="lead">
        <StatusTag tone={statusTone(item.status)} text={t(`feedback.status.${item.status}`)} />
      </p>
      <SummaryList rows={rows} />
      <h2 class="heading-m" safe>
        {t('feedback.pages.follow.description')}
      </h2>
      <p class="prose" safe>
        {item.description}
      </p>
      <PhotoGallery ctx={ctx} photos={item.photos} />
      <h2 class="heading-m" safe>
        {key('answer')}
      </h2>
      {item.publicAnswer ? (
        <div class="answer">
          {item.answeredAt ? (
            <p class="body-secondary" safe>
              {t('feedback.pages.follow.answeredAt', { at: formatShort(item.answeredAt) })}
            </p>
          ) : (
            ''
          )}
          <p class="prose" safe>
            {item.publicAnswer}
          </p>
        </div>
      ) : (
        <p safe>{key('noAnswer')}</p>
      )}
    </Layout>
  )
}
