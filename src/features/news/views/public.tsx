/**
 * The public news pages: the list of all news or of one category (with the categories as a
 * navigation, pagination and the feeds announced), and the article page — title, weekday, date
 * and time of publication, source tag, lead, body with captioned images, the author's initials,
 * tags, "Có thể bạn quan tâm" (related articles) and the place of the comments. The body is HTML
 * rendered and sanitised when the article was saved (news.markdown.ts); every other text is
 * escaped here.
 */
import { Pagination } from '../../../views/components.tsx'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { discoveryTags } from '../../../views/discovery.ts'
import { thumbSize } from '../news.markdown.ts'
import { formatArticleDateTime, NEWS_CATEGORIES } from '../news.ts'
import type { ArticleComments } from '../comment.service.ts'
import { CommentsSlot } from './comments-slot.tsx'
import { articlePath, atomPath, categoryPath, imagePath, listHref, NEWS_PATH, rssPath } from './paths.ts'

/** An image as the pages show it. */
export interface ImageView {
  readonly id: number
  readonly alt: string
  readonly width: number
  readonly height: number
  readonly caption?: string | null
}

/** An article in a list. */
export interface ArticleCard {
  readonly title: string
  readonly category: string
  readonly slug: string
  readonly lead: string
  readonly publishedAt: Date
  readonly cover: ImageView | null
}

/** An article as its page shows it. */
export interface ArticleView extends ArticleCard {
  readonly id: number
  /** Sanitised HTML of the body. */
  readonly bodyHtml: string
  readonly source: string | null
  readonly authorInitials: string | null
  readonly tags: readonly string[]
  readonly isCommentsEnabled: boolean
}

/** The name of a category in the page's language. */
export function categoryName(ctx: Pick<PageContext, 't'>, code: string): string {
  const category = NEWS_CATEGORIES.find((c) => c.code === code)
  return category ? ctx.t(category.nameKey) : code
}

/** The time of publication as the article page writes it, in a machine-readable <time>. */
function PublishedTime(props: { ctx: PageContext; at: Date }): JSX.Element {
  return (
    <time datetime={props.at.toISOString()} safe>
      {formatArticleDateTime(props.at, props.ctx.locale)}
    </time>
  )
}

/** One article of a list: thumbnail, title linking to it, time, lead. */
function Card(props: { ctx: PageContext; article: ArticleCard; headingLevel: 'h2' | 'h3' }): JSX.Element {
  const { ctx, article } = props
  const thumb = article.cover ? thumbSize(article.cover.width, article.cover.height) : null
  const Heading = props.headingLevel
  return (
    <li class="news-item">
      {article.cover && thumb ? (
        // The title beside it says what the picture is about: the thumbnail is decoration.
        <img class="news-thumb" src={imagePath(article.cover.id, 'thumb')} alt="" width={String(thumb.width)} height={String(thumb.height)} loading="lazy" />
      ) : (
        ''
      )}
      <div class="news-item-text">
        <Heading class="heading-s news-item-title">
          <a href={articlePath(article.category, article.slug)} safe>
            {article.title}
          </a>
        </Heading>
        <p class="news-meta body-secondary">
          <PublishedTime ctx={ctx} at={article.publishedAt} />
        </p>
        <p class="news-item-lead" safe>
          {article.lead}
        </p>
      </div>
    </li>
  )
}

/** Props of the list page. */
export interface NewsListPageProps {
  readonly ctx: PageContext
  /** The category shown, or null for all news. */
  readonly category: string | null
  readonly articles: readonly ArticleCard[]
  readonly total: number
  readonly page: number
  readonly pageSize: number
}

/** The public list of news, or of one category. */
export function NewsListPage(props: NewsListPageProps): JSX.Element {
  const { ctx, category } = props
  const t = ctx.t
  const heading = category ? categoryName(ctx, category) : t('news.pages.public.title')
  const base = category ? categoryPath(category) : NEWS_PATH
  const pageCount = Math.max(1, Math.ceil(props.total / props.pageSize))
  const title = props.page > 1 ? t('news.pages.public.pageTitle', { title: heading, page: props.page }) : heading
  const feedName = category ? heading : t('news.pages.public.title')
  return (
    <Layout
      ctx={ctx}
      title={title}
      {...discoveryTags(ctx, { path: listHref(base, props.page), title: heading })}
      alternates={[
        { href: rssPath(category ?? undefined), type: 'application/rss+xml', title: t('news.pages.public.rssTitle', { name: feedName }) },
        { href: atomPath(category ?? undefined), type: 'application/atom+xml', title: t('news.pages.public.atomTitle', { name: feedName }) },
      ]}
      breadcrumbs={category ? [{ href: NEWS_PATH, text: t('news.pages.public.title') }] : []}
    >
      <h1 class="heading-l" safe>
        {heading}
      </h1>
      <nav class="news-categories" aria-label={t('news.pages.public.categoriesLabel')}>
        <ul class="news-category-list">
          <li>
            <a href={NEWS_PATH} aria-current={category === null ? 'page' : undefined} safe>
              {t('news.pages.public.allCategories')}
            </a>
          </li>
          {NEWS_CATEGORIES.map((c) => (
            <li>
              <a href={categoryPath(c.code)} aria-current={c.code === category ? 'page' : undefined} safe>
                {t(c.nameKey)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.articles.length === 0 ? (
        <p class="body-secondary" safe>
          {t('news.pages.public.empty')}
        </p>
      ) : (
        <ul class="news-list">
          {props.articles.map((article) => (
            <Card ctx={ctx} article={article} headingLevel="h2" />
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} page={props.page} pageCount={pageCount} hrefFor={(page) => listHref(base, page)} />
      <p class="news-feeds body-secondary">
        <span safe>{t('news.pages.public.feedsLabel')}</span>{' '}
        <a href={rssPath(category ?? undefined)} safe>
          {t('news.pages.public.rss')}
        </a>{' '}
        <a href={atomPath(category ?? undefined)} safe>
          {t('news.pages.public.atom')}
        </a>
      </p>
    </Layout>
  )
}

/** A captioned figure of an image in its full size. */
function Figure(props: { image: ImageView }): JSX.Element {
  const { image } = props
  return (
    <figure class="news-figure">
      <img src={imagePath(image.id, 'full')} alt={image.alt} width={String(image.width)} height={String(image.height)} />
      {image.caption ? <figcaption safe>{image.caption}</figcaption> : ''}
    </figure>
  )
}

/** Props of the article page. */
export interface ArticlePageProps {
  readonly ctx: PageContext
  readonly article: ArticleView
  readonly related: readonly ArticleCard[]
  /** The approved comments, for the comment block. */
  readonly comments?: ArticleComments
}

/** The article page. */
export function ArticlePage(props: ArticlePageProps): JSX.Element {
  const { ctx, article } = props
  const t = ctx.t
  // The cover heads the body unless the body already shows it.
  const showCover = article.cover !== null && !article.bodyHtml.includes(imagePath(article.cover.id, 'full'))
  const discovery = discoveryTags(ctx, { path: articlePath(article.category, article.slug), title: article.title, description: article.lead, type: 'article' })
  const meta = [
    ...discovery.meta,
    { property: 'article:published_time', content: article.publishedAt.toISOString() },
    { property: 'article:section', content: categoryName(ctx, article.category) },
    ...article.tags.map((tag) => ({ property: 'article:tag', content: tag })),
    // A preview image needs an absolute address, so only where the site's address is known.
    ...(article.cover && ctx.baseUrl !== undefined
      ? [
          { property: 'og:image', content: `${ctx.baseUrl}${imagePath(article.cover.id, 'full')}` },
          { property: 'og:image:alt', content: article.cover.alt },
          { property: 'og:image:width', content: String(article.cover.width) },
          { property: 'og:image:height', content: String(article.cover.height) },
        ]
      : []),
  ]
  return (
    <Layout
      ctx={ctx}
      title={article.title}
      canonical={discovery.canonical}
      meta={meta}
      alternates={[{ href: rssPath(article.category), type: 'application/rss+xml', title: t('news.pages.public.rssTitle', { name: categoryName(ctx, article.category) }) }]}
      breadcrumbs={[
        { href: NEWS_PATH, text: t('news.pages.public.title') },
        { href: categoryPath(article.category), text: categoryName(ctx, article.category) },
      ]}
    >
      <article class="news-article" aria-labelledby="article-title">
        <header class="news-article-header">
          <h1 class="heading-l" id="article-title" safe>
            {article.title}
          </h1>
          <p class="news-meta">
            <span class="visually-hidden" safe>
              {t('news.pages.article.publishedAt')}
            </span>{' '}
            <PublishedTime ctx={ctx} at={article.publishedAt} />
            {article.source ? (
              <>
                {' '}
                <span class="tag tag--blue news-source">
                  <span class="visually-hidden" safe>
                    {`${t('news.pages.article.source')}: `}
                  </span>
                  <span safe>{article.source}</span>
                </span>
              </>
            ) : (
              ''
            )}
          </p>
        </header>
        <p class="lead news-lead" safe>
          {article.lead}
        </p>
        {showCover && article.cover ? <Figure image={article.cover} /> : ''}
        {/* Rendered from Markdown and passed through the sanitiser's allowlist when saved. */}
        <div class="news-body">{article.bodyHtml as 'safe'}</div>
        {article.authorInitials ? (
          <p class="news-author">
            <span class="visually-hidden" safe>
              {`${t('news.pages.article.author')}: `}
            </span>
            <strong safe>{article.authorInitials}</strong>
          </p>
        ) : (
          ''
        )}
        {article.tags.length > 0 ? (
          <p class="news-tags">
            <span safe>{`${t('news.pages.article.tags')}: `}</span>
            {article.tags.map((tag, index) => (
              <>
                {index > 0 ? ', ' : ''}
                <a href={`/tim-kiem?q=${encodeURIComponent(tag)}`} safe>
                  {tag}
                </a>
              </>
            ))}
          </p>
        ) : (
          ''
        )}
      </article>
      {props.related.length > 0 ? (
        <section class="news-related" aria-labelledby="related-title">
          <h2 class="heading-m" id="related-title" safe>
            {t('news.pages.article.related')}
          </h2>
          <ul class="news-list news-list--compact">
            {props.related.map((item) => (
              <Card ctx={ctx} article={item} headingLevel="h3" />
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      <CommentsSlot ctx={ctx} articleId={article.id} articlePath={articlePath(article.category, article.slug)} isCommentsEnabled={article.isCommentsEnabled} comments={props.comments} />
    </Layout>
  )
}
