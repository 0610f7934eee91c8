/**
 * JSON routes of news under /api/v1/news: the public list and article (published only), and the
 * staff's articles — list, create, read, change, delete, publish, schedule, unpublish, and image
 * upload (multipart) — for editors with an API token or a session.
 */
import { Type } from 'typebox'
import type { App, FeatureDeps } from '../../app.ts'
import { requirePrincipal } from '../../platform/http/api.ts'
import { NotFoundError } from '../../platform/http/errors.ts'
import type { Translate } from '../../platform/i18n/i18n.ts'
import { readMultipart } from '../../platform/http/multipart.ts'
import { formatInstant } from '../calendar/index.ts'
import type { ImageRecord, ArticleSummaryRecord, ArticleRecord } from './news.repository.ts'
import {
  CreateBody,
  errorResponses,
  IdParams,
  ImageBody,
  pageOf,
  PublicArticleBody,
  PublicListQuery,
  PublicSummaryBody,
  ScheduleBody,
  SlugParams,
  StaffArticleBody,
  StaffListQuery,
  StaffSummaryBody,
  UpdateBody,
} from './news.schemas.ts'
import * as service from './news.service.ts'
import type { Article } from './news.service.ts'
import { allowedStatusActions, articlePath, categoryByCode, imagePath } from './news.ts'
import { imageMarkdown } from './views/staff.tsx'

/** An instant in Vietnam time with its offset, or null. */
const at = (value: Date | null): string | null => (value ? formatInstant(value) : null)

/** An image as the API shows it. */
function presentImage(image: ImageRecord) {
  return {
    id: image.id,
    url: imagePath(image.id, 'full'),
    thumbUrl: imagePath(image.id, 'thumb'),
    alt: image.alt,
    caption: image.caption,
    width: image.width,
    height: image.height,
    markdown: imageMarkdown(image),
  }
}

/** A published article in a list. */
function presentSummary(a: ArticleSummaryRecord, t: Translate) {
  const category = categoryByCode(a.category)
  return {
    slug: a.slug,
    title: a.title,
    lead: a.lead,
    category: a.category,
    categoryName: category ? t(category.nameKey) : a.category,
    source: a.source,
    publishedAt: at(a.publishedAt),
    url: articlePath(a.category, a.slug),
    cover: a.cover ? { url: imagePath(a.cover.id, 'full'), thumbUrl: imagePath(a.cover.id, 'thumb'), alt: a.cover.alt, width: a.cover.width, height: a.cover.height } : null,
  }
}

/** An article as its editors see it. */
function presentStaffArticle(a: Article) {
  return {
    id: a.id,
    slug: a.slug,
    title: a.title,
    lead: a.lead,
    bodyMd: a.bodyMd,
    bodyHtml: a.bodyHtml,
    category: a.category,
    tags: a.tags.map((t) => t.tag),
    source: a.source,
    status: a.status,
    publishAt: at(a.publishAt),
    publishedAt: at(a.publishedAt),
    coverImageId: a.coverImageId,
    isCommentsEnabled: a.isCommentsEnabled,
    authorInitials: a.authorInitials,
    url: articlePath(a.category, a.slug),
    images: a.images.map(presentImage),
    allowedActions: allowedStatusActions(a.status),
    createdAt: formatInstant(a.createdAt),
    updatedAt: formatInstant(a.updatedAt),
  }
}

/** The full public shape of an article with its cover's details. */
function presentPublicArticle(a: ArticleRecord, cover: ImageRecord | null, related: readonly ArticleSummaryRecord[], t: Translate) {
  const summary = presentSummary(
    {
      ...a,
      cover: cover ? { id: cover.id, alt: cover.alt, width: cover.width, height: cover.height } : null,
    },
    t,
  )
  return { ...summary, tags: a.tags.map((tag) => tag.tag), authorInitials: a.authorInitials, bodyHtml: a.bodyHtml, related: related.map((r) => presentSummary(r, t)) }
}

/** Registers the news API. */
export function registerNewsApi(app: App, deps: FeatureDeps): void {
  app.get(
    '/api/v1/news',
    {
      schema: {
        tags: ['news'],
        summary: 'Published news, newest first, of all categories or one',
        querystring: PublicListQuery,
        response: { 200: pageOf(PublicSummaryBody), ...errorResponses },
      },
    },
    async (req, reply) => {
      const page = req.query.page ?? 1
      const pageSize = req.query.pageSize ?? 10
      const result = await service.listPublished(deps, { ...(req.query.category !== undefined ? { category: req.query.category } : {}), page, pageSize })
      reply.header('cache-control', 'public, max-age=60')
      return { total: result.total, page, pageSize, items: result.items.map((a) => presentSummary(a, req.t)) }
    },
  )

  app.get(
    '/api/v1/news/articles',
    {
      schema: {
        tags: ['news'],
        summary: 'Articles of the units you write news for, any status, latest change first',
        security: [{ bearer: [] }],
        querystring: StaffListQuery,
        response: { 200: pageOf(StaffSummaryBody), ...errorResponses },
      },
    },
    async (req, reply) => {
      const page = req.query.page ?? 1
      const pageSize = req.query.pageSize ?? 20
      const result = await service.listForStaff(deps, requirePrincipal(req.principal), { ...(req.query.status ? { status: req.query.status } : {}), page, pageSize })
      reply.header('cache-control', 'private, no-store')
      return {
        total: result.total,
        page,
        pageSize,
        items: result.items.map((a) => ({ id: a.id, slug: a.slug, title: a.title, category: a.category, status: a.status, publishAt: at(a.publishAt), publishedAt: at(a.publishedAt), updatedAt: formatInstant(a.updatedAt) })),
      }
    },
  )

  app.post(
    '/api/v1/news/articles',
    {
      schema: {
        tags: ['news'],
        summary: 'Write an article: a draft unless `status` says otherwise ("scheduled" needs `publishAt`); the slug is made from the title when absent',
        security: [{ bearer: [] }],
        body: CreateBody,
        response: { 201: StaffArticleBody, ...errorResponses },
      },
    },
    async (req, reply) => {
      const article = await service.createArticle(deps, requirePrincipal(req.principal), req.body)
      return reply.code(201).send(presentStaffArticle(article))
    },
  )

  app.get(
    '/api/v1/news/articles/:id',
    {
      schema: { tags: ['news'], summary: 'One article, any status, as its editors see it', security: [{ bearer: [] }], params: IdParams, response: { 200: StaffArticleBody, ...errorResponses } },
    },
    async (req, reply) => {
      reply.header('cache-control', 'private, no-store')
      return presentStaffArticle(await service.getArticleForStaff(deps, requirePrincipal(req.principal), req.params.id))
    },
  )

  app.patch(
    '/api/v1/news/articles/:id',
    {
      schema: {
        tags: ['news'],
        summary: 'Change an article: the fields given, and its status when `status` is given',
        security: [{ bearer: [] }],
        params: IdParams,
        body: UpdateBody,
        response: { 200: StaffArticleBody, ...errorResponses },
      },
    },
    async (req) => presentStaffArticle(await service.updateArticle(deps, requirePrincipal(req.principal), req.params.id, req.body)),
  )

  app.delete(
    '/api/v1/news/articles/:id',
    { schema: { tags: ['news'], summary: 'Delete an article with its comments; its images stay stored', security: [{ bearer: [] }], params: IdParams, response: { 204: Type.Null({ description: 'Deleted' }), ...errorResponses } } },
    async (req, reply) => {
      await service.deleteArticle(deps, requirePrincipal(req.principal), req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/api/v1/news/articles/:id/publish',
    { schema: { tags: ['news'], summary: 'Publish now (409 when already published)', security: [{ bearer: [] }], params: IdParams, response: { 200: StaffArticleBody, ...errorResponses } } },
    async (req) => presentStaffArticle(await service.publishArticle(deps, requirePrincipal(req.principal), req.params.id)),
  )

  app.post(
    '/api/v1/news/articles/:id/schedule',
    {
      schema: {
        tags: ['news'],
        summary: 'Publish at a future instant (Vietnam time "YYYY-MM-DDTHH:MM" or ISO with a zone); 409 when published',
        security: [{ bearer: [] }],
        params: IdParams,
        body: ScheduleBody,
        response: { 200: StaffArticleBody, ...errorResponses },
      },
    },
    async (req) => presentStaffArticle(await service.scheduleArticle(deps, requirePrincipal(req.principal), req.params.id, req.body.publishAt)),
  )

  app.post(
    '/api/v1/news/articles/:id/unpublish',
    { schema: { tags: ['news'], summary: 'Take an article down to a draft (409 when it is one)', security: [{ bearer: [] }], params: IdParams, response: { 200: StaffArticleBody, ...errorResponses } } },
    async (req) => presentStaffArticle(await service.unpublishArticle(deps, requirePrincipal(req.principal), req.params.id)),
  )

  app.post(
    '/api/v1/news/articles/:id/images',
    {
      schema: {
        tags: ['news'],
        summary: 'Upload an image for an article: a multipart form with `image` (JPEG, PNG or WebP, 5 MB), `caption` and `alt`; returns the Markdown that shows it',
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 201: ImageBody, ...errorResponses },
      },
    },
    async (req, reply) => {
      const principal = requirePrincipal(req.principal)
      const form = await readMultipart(req, { maxFiles: 1, maxFileBytes: service.NEWS_IMAGE_LIMITS.maxBytes, tooManyFilesKey: 'news.errors.image.tooMany' })
      const file = form.files.find((f) => f.field === 'image')
      const image = await service.uploadImage(deps, principal, req.params.id, { bytes: file?.bytes ?? null, truncated: file?.truncated ?? false, caption: form.fields.caption ?? '', alt: form.fields.alt ?? '' })
      return reply.code(201).send(presentImage(image))
    },
  )

  app.get(
    '/api/v1/news/:slug',
    {
      schema: {
        tags: ['news'],
        summary: 'One published article by slug, with its related articles',
        params: SlugParams,
        response: { 200: PublicArticleBody, ...errorResponses },
      },
    },
    async (req, reply) => {
      const found = await service.getPublishedArticle(deps, req.params.slug)
      if (!found) throw new NotFoundError('news.errors.notFound')
      reply.header('cache-control', 'public, max-age=60')
      return presentPublicArticle(found.article, found.cover, found.related, req.t)
    },
  )
}
