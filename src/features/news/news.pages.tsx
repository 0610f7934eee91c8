/**
 * HTML routes of news. Public: the list of all news (/tin-tuc) and of each category, the article
 * page, the images, RSS 2.0 and Atom feeds of all news and of each category, and the sitemap of
 * the public site. Public pages are sent with a strong ETag and answered 304 when unchanged (see
 * views/cacheable.ts). Staff (/admin/tin-tuc): the list of articles and the editor with its
 * server-rendered preview, image upload and deletion. Handlers stay thin: read the form, call one
 * use case, then redirect (PRG) or show the form again with its errors and what was typed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, FeatureDeps } from '../../app.ts'
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { readMultipart, TooManyFilesError } from '../../platform/http/multipart.ts'
import type { UploadedFile } from '../../platform/http/multipart.ts'
import { cacheableContext, matchesEtag, sendCacheablePage, sendPublicBody, strongEtag } from '../../views/cacheable.ts'
import { formBody, formErrorsOf, formList, formText, hasErrors, NO_ERRORS } from '../../views/forms.ts'
import type { FormErrors } from '../../views/forms.ts'
import { committeeName, createPageSupport, principalOf, sendPage, signedInGuard } from '../../views/page.ts'
import type { PageContext } from '../../views/page.ts'
import { listProcedures } from '../procedures/index.ts'
import * as units from '../units/index.ts'
import { listApprovedComments } from './comment.service.ts'
import { isNewsEditor } from './news.policy.ts'
import type { ArticleSummaryRecord } from './news.repository.ts'
import * as service from './news.service.ts'
import type { Article, ArticleInput, StatusInput } from './news.service.ts'
import { categoryByCode, dateTimeLocalValue, NEWS_CATEGORIES } from './news.ts'
import { renderFeed, renderSitemap } from './views/feeds.ts'
import type { FeedEntry } from './views/feeds.ts'
import { ATOM_FILE, articlePath, atomPath, categoryPath, editPath, IMAGE_PATH, NEW_PATH, NEWS_PATH, PREVIEW_PATH, RSS_FILE, rssPath, SITEMAP_PATH, STAFF_PATH } from './views/paths.ts'
import { ArticlePage, categoryName, NewsListPage } from './views/public.tsx'
import type { ArticleCard } from './views/public.tsx'
import { EditorPage, EMPTY_EDITOR_VALUES, StaffListPage } from './views/staff.tsx'
import type { EditorArticle, EditorValues, ImageFormState } from './views/staff.tsx'

/** Articles per page of the public lists and of the staff list. */
export const PUBLIC_PAGE_SIZE = 10
export const STAFF_PAGE_SIZE = 25
/** Entries of a feed. */
export const FEED_SIZE = 30
/** Rendered article pages each app instance keeps for visitors without a session (the oldest go first). */
const ARTICLE_PAGES_KEPT = 500

/** The public pages of the other features that the sitemap lists (their items are listed below them). */
const PUBLIC_PAGES = ['/', '/thu-tuc', '/lich-lam-viec', '/phan-anh', '/doi-thoai', '/tiep-cong-dan'] as const

/** One text value of a query parameter (the first when repeated; '' when absent). */
function queryText(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
  return ''
}

/** The page asked for: 1 when absent; null when it is not a page number (the page does not exist). */
function pageOf(value: unknown): number | null {
  const text = queryText(value)
  if (text === '') return 1
  return /^[1-9]\d{0,5}$/.test(text) ? Number(text) : null
}

/** An id from the address; null when it is not one. */
function idOf(text: string): number | null {
  return /^[1-9]\d{0,11}$/.test(text) ? Number(text) : null
}

/** A list article as a card (lists show published articles only, so they have a date). */
function cardOf(a: ArticleSummaryRecord): ArticleCard {
  return { title: a.title, category: a.category, slug: a.slug, lead: a.lead, publishedAt: a.publishedAt ?? a.updatedAt, cover: a.cover }
}

/**
 * An article page kept for visitors without a session: what it showed, and its bytes with their
 * strong ETag, worked out once (hashing and encoding the page on every view was a fifth of its cost).
 */
interface KeptPage {
  readonly stamp: string
  readonly body: Buffer
  readonly etag: string
  /** The database's version when the stamp was last found to hold (null: the engine does not tell). */
  version: number | null
}

/** The editor's values of a saved article. */
function valuesOf(article: Article): EditorValues {
  return {
    title: article.title,
    slug: article.slug,
    lead: article.lead,
    bodyMd: article.bodyMd,
    category: article.category,
    tags: article.tags.map((t) => t.tag).join(', '),
    source: article.source ?? '',
    coverImageId: article.coverImageId === null ? '' : String(article.coverImageId),
    comments: article.isCommentsEnabled ? 'yes' : '',
    status: article.status,
    publishAt: article.publishAt ? dateTimeLocalValue(article.publishAt) : '',
  }
}

/** The editor's values as posted. */
function readEditorForm(body: unknown): EditorValues {
  const form = formBody(body)
  return {
    title: formText(form, 'title'),
    slug: formText(form, 'slug'),
    lead: formText(form, 'lead'),
    bodyMd: formText(form, 'bodyMd'),
    category: formText(form, 'category'),
    tags: formText(form, 'tags'),
    source: formText(form, 'source'),
    coverImageId: formText(form, 'coverImageId'),
    comments: formList(form, 'comments').includes('yes') ? 'yes' : '',
    status: formText(form, 'status'),
    publishAt: formText(form, 'publishAt'),
  }
}

/** The use case's input from the editor's values; a cover that is not a number names no image (-1). */
function inputOf(values: EditorValues): ArticleInput & StatusInput {
  const cover = values.coverImageId.trim()
  return {
    title: values.title,
    slug: values.slug,
    lead: values.lead,
    bodyMd: values.bodyMd,
    category: values.category,
    tags: values.tags,
    source: values.source,
    coverImageId: cover === '' ? null : /^\d{1,12}$/.test(cover) ? Number(cover) : -1,
    isCommentsEnabled: values.comments === 'yes',
    status: values.status,
    publishAt: values.publishAt,
  }
}

/** Registers the news pages, feeds, images and sitemap. */
export function registerNewsPages(app: App, deps: FeatureDeps): void {
  const loadHomeUnit = () => units.getHomeUnit(deps)
  const pages = createPageSupport({ baseUrl: deps.config.baseUrl, appSecret: deps.config.sessionSecret, isSecureCookie: deps.config.isSecureCookie, loadHomeUnit })
  const baseUrl = deps.config.baseUrl.replace(/\/$/, '')

  /** Sends the visitor to sign in; a signed-in person who writes no news gets the 403 page. */
  const requireEditor = signedInGuard((_req, principal) => {
    if (!isNewsEditor(principal)) throw new ForbiddenError()
  })

  // ---------- Public lists ----------

  const renderList = async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply, category: string | null) => {
    const page = pageOf(req.query.page)
    if (page === null) throw new NotFoundError()
    const result = await service.listPublished(deps, { ...(category ? { category } : {}), page, pageSize: PUBLIC_PAGE_SIZE })
    // A page past the last one does not exist (page 1 of an empty list does).
    if (page > Math.max(1, Math.ceil(result.total / PUBLIC_PAGE_SIZE))) throw new NotFoundError()
    const context = await cacheableContext(req, reply, pages, loadHomeUnit)
    return sendCacheablePage(
      req,
      reply,
      context,
      <NewsListPage ctx={context.ctx} category={category} articles={result.items.map(cardOf)} total={result.total} page={page} pageSize={PUBLIC_PAGE_SIZE} />,
    )
  }

  app.get<{ Querystring: Record<string, unknown> }>(NEWS_PATH, { schema: { hide: true } }, (req, reply) => renderList(req, reply, null))

  app.get<{ Params: { category: string }; Querystring: Record<string, unknown> }>(`${NEWS_PATH}/:category`, { schema: { hide: true } }, (req, reply) => {
    if (!categoryByCode(req.params.category)) throw new NotFoundError('news.errors.categoryNotFound')
    return renderList(req, reply, req.params.category)
  })

  // ---------- Feeds ----------

  const sendFeed = async (req: FastifyRequest, reply: FastifyReply, format: 'rss' | 'atom', category: string | null) => {
    if (category !== null && !categoryByCode(category)) throw new NotFoundError('news.errors.categoryNotFound')
    const articles = await service.latestArticles(deps, { ...(category ? { category } : {}), limit: FEED_SIZE })
    const entries: FeedEntry[] = articles.map((article) => ({
        title: article.title,
        url: `${baseUrl}${articlePath(article.category, article.slug)}`,
        lead: article.lead,
        bodyHtml: article.bodyHtml.replace(/(src|href)="\//g, `$1="${baseUrl}/`),
        category: categoryName(req, article.category),
        publishedAt: article.publishedAt ?? article.updatedAt,
        updatedAt: article.updatedAt,
    }))
    const name = category ? categoryName(req, category) : req.t('news.pages.public.title')
    const home = await loadHomeUnit()
    const site = home ? committeeName(home, req.locale, req.t) : req.t('site.productName')
    const xml = renderFeed(
      format,
      {
        title: req.t('news.pages.feed.title', { name, site }),
        description: req.t('news.pages.feed.description', { name, site }),
        link: `${baseUrl}${category ? categoryPath(category) : NEWS_PATH}`,
        rssUrl: `${baseUrl}${rssPath(category ?? undefined)}`,
        atomUrl: `${baseUrl}${atomPath(category ?? undefined)}`,
        language: req.locale,
        copyright: site,
        updated: (await service.lastNewsChange(deps, category ?? undefined)) ?? new Date(0),
      },
      entries,
    )
    const etag = strongEtag(xml)
    // The language follows the cookie, so a shared cache must keep one copy per cookie.
    reply.header('etag', etag).header('cache-control', 'public, max-age=300, must-revalidate').header('vary', 'cookie')
    if (matchesEtag(req, etag)) return reply.code(304).send()
    return reply.type(format === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8').send(xml)
  }

  app.get(`${NEWS_PATH}/${RSS_FILE}`, { schema: { hide: true } }, (req, reply) => sendFeed(req, reply, 'rss', null))
  app.get(`${NEWS_PATH}/${ATOM_FILE}`, { schema: { hide: true } }, (req, reply) => sendFeed(req, reply, 'atom', null))
  app.get<{ Params: { category: string } }>(`${NEWS_PATH}/:category/${RSS_FILE}`, { schema: { hide: true } }, (req, reply) => sendFeed(req, reply, 'rss', req.params.category))
  app.get<{ Params: { category: string } }>(`${NEWS_PATH}/:category/${ATOM_FILE}`, { schema: { hide: true } }, (req, reply) => sendFeed(req, reply, 'atom', req.params.category))

  // ---------- Images ----------

  app.get<{ Params: { id: string; size: string } }>(`${IMAGE_PATH}/:id/:size`, { schema: { hide: true } }, async (req, reply) => {
    const id = idOf(req.params.id)
    const size = req.params.size
    if (id === null || (size !== 'full' && size !== 'thumb')) throw new NotFoundError()
    const image = await service.imageForViewer(deps, id, size, req.principal ?? null)
    if (!image) throw new NotFoundError()
    const etag = strongEtag(image.bytes)
    // An image never changes under its id: a year, and no revalidation. One not yet public stays in this browser.
    reply.header('etag', etag).header('cache-control', image.isPublic ? 'public, max-age=31536000, immutable' : 'private, max-age=3600')
    if (matchesEtag(req, etag)) return reply.code(304).send()
    return reply.type(image.mime).header('content-disposition', 'inline').send(image.bytes)
  })

  // ---------- The article ----------

  /** The article page of a published article, rendered. */
  const renderArticle = async (ctx: PageContext, found: NonNullable<Awaited<ReturnType<typeof service.getPublishedArticle>>>): Promise<string> => {
    const { article, related, cover } = found
    const comments = await listApprovedComments(deps, article.id)
    return (
      <ArticlePage
        ctx={ctx}
        article={{
          id: article.id,
          title: article.title,
          category: article.category,
          slug: article.slug,
          lead: article.lead,
          bodyHtml: article.bodyHtml,
          source: article.source,
          authorInitials: article.authorInitials,
          tags: article.tags.map((t) => t.tag),
          publishedAt: article.publishedAt ?? article.updatedAt,
          cover: cover ? { id: cover.id, alt: cover.alt, width: cover.width, height: cover.height, caption: cover.caption } : null,
          isCommentsEnabled: article.isCommentsEnabled,
        }}
        related={related.map(cardOf)}
        comments={comments}
      />
    )
  }

  // Article pages as visitors without a session get them (the same bytes for all of them), kept by
  // this app instance with the stamp of what they show (news.repository.ts ArticlePageStamp). A
  // view renders the page anew only when the stamp changed: an edit, a related article or a
  // comment moderated, on any instance, shows at the next view. The stamp is read again (one
  // indexed query) unless the database tells that nothing at all changed since it was checked.
  const articlePages = new Map<string, KeptPage>()

  app.get<{ Params: { category: string; slug: string } }>(`${NEWS_PATH}/:category/:slug`, { schema: { hide: true } }, async (req, reply) => {
    const { category, slug } = req.params
    if (!categoryByCode(category)) throw new NotFoundError('news.errors.categoryNotFound')
    const context = await cacheableContext(req, reply, pages, loadHomeUnit)
    if (!context.isCacheable) {
      const found = await service.getPublishedArticle(deps, slug)
      if (!found) throw new NotFoundError('news.errors.notFound')
      // An article moved to another category keeps its old address working.
      if (found.article.category !== category) return reply.redirect(articlePath(found.article.category, found.article.slug), 301)
      return sendCacheablePage(req, reply, context, await renderArticle(context.ctx, found))
    }
    const home = context.ctx.homeUnit
    const key = `${context.ctx.locale}\u0000${home?.name ?? ''}\u0000${home?.nameEn ?? ''}\u0000${req.url}`
    const kept = articlePages.get(key)
    // Nothing at all changed in the database since the stamp was last checked: no query needed.
    const version = service.newsDataVersion(deps)
    if (kept && version !== null && kept.version === version) return sendPublicBody(req, reply, kept.body, kept.etag)
    const stamp = await service.publishedArticleStamp(deps, slug)
    if (!stamp) throw new NotFoundError('news.errors.notFound')
    if (stamp.category !== category) return reply.redirect(articlePath(stamp.category, slug), 301)
    if (kept && kept.stamp === stamp.stamp) {
      kept.version = version
      return sendPublicBody(req, reply, kept.body, kept.etag)
    }
    const found = await service.getPublishedArticle(deps, slug)
    if (!found) throw new NotFoundError('news.errors.notFound')
    const html = await renderArticle(context.ctx, found)
    // Read before the page was rendered, the stamp and version are never newer than what it shows.
    articlePages.delete(key)
    articlePages.set(key, { stamp: stamp.stamp, body: Buffer.from(html), etag: strongEtag(html), version })
    if (articlePages.size > ARTICLE_PAGES_KEPT) articlePages.delete(articlePages.keys().next().value!)
    return sendCacheablePage(req, reply, context, html)
  })

  // ---------- Sitemap ----------

  app.get(SITEMAP_PATH, { schema: { hide: true } }, async (req, reply) => {
    const [sources, procedures] = await Promise.all([service.sitemapSources(deps), listProcedures(deps)])
    const at = (path: string, lastModified: Date | null = null) => ({ loc: `${baseUrl}${path}`, lastModified })
    const newest = sources.articles.reduce<Date | null>((max, a) => (max === null || a.at > max ? a.at : max), null)
    const xml = renderSitemap([
      ...PUBLIC_PAGES.map((path) => at(path)),
      at(NEWS_PATH, newest),
      ...NEWS_CATEGORIES.map((c) => at(categoryPath(c.code))),
      ...procedures.map((p) => at(`/thu-tuc/${encodeURIComponent(p.code)}`)),
      ...sources.articles.map((a) => at(a.path, a.at)),
      ...sources.feedback.map((f) => at(`/phan-anh/${encodeURIComponent(f.code)}`, f.at)),
    ])
    const etag = strongEtag(xml)
    reply.header('etag', etag).header('cache-control', 'public, max-age=3600, must-revalidate')
    if (matchesEtag(req, etag)) return reply.code(304).send()
    return reply.type('application/xml; charset=utf-8').send(xml)
  })

  // ---------- Staff: list ----------

  app.get<{ Querystring: Record<string, unknown> }>(STAFF_PATH, { schema: { hide: true }, preHandler: requireEditor }, async (req, reply) => {
    const status = queryText(req.query.status).slice(0, 20)
    const page = pageOf(req.query.page) ?? 1
    let errors: FormErrors = NO_ERRORS
    let result: Awaited<ReturnType<typeof service.listForStaff>> = { total: 0, items: [] }
    try {
      result = await service.listForStaff(deps, principalOf(req), { status, page, pageSize: STAFF_PAGE_SIZE })
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      errors = failure.errors
    }
    return sendPage(
      reply,
      <StaffListPage ctx={await pages.context(req, reply)} status={status} items={result.items} total={result.total} page={page} pageSize={STAFF_PAGE_SIZE} errors={errors} />,
      hasErrors(errors) ? 400 : 200,
      { isPrivate: true },
    )
  })

  // ---------- Staff: the editor ----------

  /** The saved article as the editor shows it, with its images and history. */
  const editorArticle = async (req: FastifyRequest, id: number): Promise<{ article: Article; view: EditorArticle }> => {
    const principal = principalOf(req)
    const article = await service.getArticleForStaff(deps, principal, id)
    const history = await service.getArticleHistory(deps, principal, id)
    return { article, view: { id: article.id, slug: article.slug, category: article.category, status: article.status, images: article.images, history } }
  }

  const renderEditor = async (
    req: FastifyRequest,
    reply: FastifyReply,
    options: { id: number | null; values?: EditorValues; errors?: FormErrors; preview?: { bodyHtml: string } | null; imageForm?: ImageFormState | null; deleteErrors?: FormErrors | null; status?: number },
  ) => {
    const saved = options.id === null ? null : await editorArticle(req, options.id)
    const values = options.values ?? (saved ? valuesOf(saved.article) : EMPTY_EDITOR_VALUES)
    const ctx: PageContext = await pages.context(req, reply)
    return sendPage(
      reply,
      <EditorPage
        ctx={ctx}
        article={saved?.view ?? null}
        values={values}
        errors={options.errors ?? NO_ERRORS}
        preview={options.preview ?? null}
        imageForm={options.imageForm ?? null}
        deleteErrors={options.deleteErrors ?? null}
      />,
      options.status ?? 200,
      { isPrivate: true },
    )
  }

  /** Saves the editor's form (create or update), then the editor again; or the form with its errors. */
  const save = async (req: FastifyRequest, reply: FastifyReply, id: number | null) => {
    const values = readEditorForm(req.body)
    try {
      const article = id === null ? await service.createArticle(deps, principalOf(req), inputOf(values)) : await service.updateArticle(deps, principalOf(req), id, inputOf(values))
      pages.flash(reply, { kind: 'success', key: id === null ? 'news.pages.staff.created' : 'news.pages.staff.saved', params: { title: article.title } })
      return reply.redirect(editPath(article.id), 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderEditor(req, reply, { id, values, errors: failure.errors, status: failure.status })
    }
  }

  app.get(NEW_PATH, { schema: { hide: true }, preHandler: requireEditor }, (req, reply) => renderEditor(req, reply, { id: null }))
  app.post(STAFF_PATH, { schema: { hide: true }, preHandler: requireEditor }, (req, reply) => save(req, reply, null))

  app.get<{ Params: { id: string } }>(`${STAFF_PATH}/:id`, { schema: { hide: true }, preHandler: requireEditor }, (req, reply) => {
    const id = idOf(req.params.id)
    if (id === null) throw new NotFoundError('news.errors.notFound')
    return renderEditor(req, reply, { id })
  })

  app.post<{ Params: { id: string } }>(`${STAFF_PATH}/:id`, { schema: { hide: true }, preHandler: requireEditor }, (req, reply) => {
    const id = idOf(req.params.id)
    if (id === null) throw new NotFoundError('news.errors.notFound')
    return save(req, reply, id)
  })

  // The preview button posts the whole form here: the body is rendered as saving would, nothing is stored.
  app.post(PREVIEW_PATH, { schema: { hide: true }, preHandler: requireEditor }, async (req, reply) => {
    const values = readEditorForm(req.body)
    const idText = formText(formBody(req.body), 'id')
    const id = idText === '' ? null : idOf(idText)
    if (idText !== '' && id === null) throw new NotFoundError('news.errors.notFound')
    const preview = await service.previewBody(deps, principalOf(req), id, values.bodyMd)
    const errors: FormErrors = { fields: preview.fields }
    return renderEditor(req, reply, { id, values, errors, preview: { bodyHtml: preview.html }, status: hasErrors(errors) ? 422 : 200 })
  })

  app.post<{ Params: { id: string } }>(`${STAFF_PATH}/:id/anh`, { schema: { hide: true }, preHandler: requireEditor }, async (req, reply) => {
    const id = idOf(req.params.id)
    if (id === null) throw new NotFoundError('news.errors.notFound')
    let file: UploadedFile | undefined
    let caption = ''
    let alt = ''
    try {
      const form = await readMultipart(req, { maxFiles: 1, maxFileBytes: service.NEWS_IMAGE_LIMITS.maxBytes, tooManyFilesKey: 'news.errors.image.tooMany' })
      caption = form.fields.caption ?? ''
      alt = form.fields.alt ?? ''
      file = form.files.find((f) => f.field === 'image')
      await service.uploadImage(deps, principalOf(req), id, { bytes: file?.bytes ?? null, truncated: file?.truncated ?? false, caption, alt })
      pages.flash(reply, { kind: 'success', key: 'news.pages.staff.imageUploaded' })
      return reply.redirect(`${editPath(id)}#images-title`, 303)
    } catch (error) {
      if (error instanceof TooManyFilesError) {
        caption = error.form.fields.caption ?? ''
        alt = error.form.fields.alt ?? ''
      }
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderEditor(req, reply, { id, imageForm: { caption, alt, errors: failure.errors }, status: failure.status })
    }
  })

  app.post<{ Params: { id: string } }>(`${STAFF_PATH}/:id/xoa`, { schema: { hide: true }, preHandler: requireEditor }, async (req, reply) => {
    const id = idOf(req.params.id)
    if (id === null) throw new NotFoundError('news.errors.notFound')
    if (!formList(formBody(req.body), 'confirm').includes('yes')) {
      const fields: FieldErrors = { confirm: 'news.errors.confirmDelete' }
      return renderEditor(req, reply, { id, deleteErrors: { fields }, status: 422 })
    }
    await service.deleteArticle(deps, principalOf(req), id)
    pages.flash(reply, { kind: 'success', key: 'news.pages.staff.deleted' })
    return reply.redirect(STAFF_PATH, 303)
  })
}
