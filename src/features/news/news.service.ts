/**
 * Use cases of news: write, publish, schedule, take down and delete articles, upload their images,
 * and read what the public pages show. Each change owns one transaction holding the article, its
 * tags, its audit entries, its entry in the site search index and the related lists it touches,
 * so none of them can disagree with the article after a crash.
 */
import type { Transaction } from 'kysely'
import { databaseVersion } from '../../db/database.ts'
import type { Db } from '../../db/database.ts'
import type { Database } from '../../db/schema.ts'
import { instant, isUniqueViolation } from '../../db/portable.ts'
import { appendAudit, listAuditFor, SYSTEM_ACTOR } from '../../platform/audit/audit.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import type { Clock } from '../../platform/clock.ts'
import type { FileStore } from '../../platform/files/files.ts'
import { newFileKey } from '../../platform/files/files.ts'
import { ImageRejectedError, processImage } from '../../platform/files/images.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { indexDocument, removeDocument } from '../../platform/search/search.ts'
import type { SearchDocument } from '../../platform/search/search.ts'
import * as units from '../units/index.ts'
import { htmlToText, imagesIn, NEWS_THUMB_SIDE, renderMarkdown } from './news.markdown.ts'
import type { BodyImage } from './news.markdown.ts'
import { canEditArticle, editorScopes, isNewsEditor, NEWS_ROLES } from './news.policy.ts'
import * as repo from './news.repository.ts'
import type { ArticlePageStamp, ArticleRecord, ArticleSummaryRecord, ImageRecord } from './news.repository.ts'
import {
  articlePath,
  categoryByCode,
  initialsOf,
  isArticleStatus,
  isValidSchedule,
  LIMITS,
  nextStatus,
  parseTags,
  parseVietnamDateTime,
  pickRelated,
  RESERVED_SLUGS,
  SLUG_PATTERN,
  slugify,
  textTerms,
  uniqueSlug,
} from './news.ts'
import type { ArticleStatus, RelatedCandidate, StatusAction } from './news.ts'

/** What the news use cases need. */
export interface NewsDeps {
  readonly db: Db
  readonly clock: Clock
  readonly files: FileStore
}

/** The type of news documents in the site search index. */
export const NEWS_SEARCH_TYPE = 'news'

/** The audit log's name for articles and for their images. */
const ARTICLE_ENTITY = 'news_article'
const IMAGE_ENTITY = 'news_image'

/** How many of the newest articles (per category and overall) the related scoring looks at besides those sharing a tag. */
const RELATED_WINDOW = 200

/** What an uploaded news image may be, and how it is stored. */
export const NEWS_IMAGE_LIMITS = Object.freeze({ maxBytes: 5 * 1024 * 1024, maxPixels: 50_000_000, maxSide: 2000, thumbSide: NEWS_THUMB_SIDE })

/** An article as staff see it, with the images uploaded for it. */
export interface Article extends ArticleRecord {
  readonly images: readonly ImageRecord[]
}

/** What staff write: the content of an article. */
export interface ArticleInput {
  readonly title: string
  /** Empty or absent: made from the title. */
  readonly slug?: string | null
  readonly lead: string
  readonly bodyMd: string
  readonly category: string
  /** Comma-separated ("Một cửa, chuyển đổi số") or a list. */
  readonly tags?: string | readonly string[]
  readonly source?: string | null
  readonly coverImageId?: number | null
  readonly isCommentsEnabled?: boolean
  /** The unit the article belongs to (creation only); default: the unit of the author's first news role. */
  readonly unitCode?: string | null
}

/** The status the editor asks for: draft, scheduled (at publishAt, Vietnam time or ISO), published. */
export interface StatusInput {
  readonly status?: string
  readonly publishAt?: string | null
}

/** Changes to an article: any content field, and the status. */
export type ArticleChanges = Partial<ArticleInput> & StatusInput

/** A public article with its related articles. */
export interface PublishedArticle {
  readonly article: ArticleRecord
  readonly related: readonly ArticleSummaryRecord[]
  readonly cover: ImageRecord | null
}

/** Trims; empty becomes null. */
function optional(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? ''
  return trimmed === '' ? null : trimmed
}

/** The actor of a principal. */
function actorOf(principal: Principal): Actor {
  return { id: principal.staffId, label: principal.username }
}

/** What the audit log keeps of an article. */
function snapshot(a: ArticleRecord) {
  return {
    slug: a.slug,
    title: a.title,
    lead: a.lead,
    bodyMd: a.bodyMd,
    category: a.category,
    tags: a.tags.map((t) => t.tag),
    source: a.source,
    status: a.status,
    publishAt: a.publishAt ? instant(a.publishAt) : null,
    publishedAt: a.publishedAt ? instant(a.publishedAt) : null,
    coverImageId: a.coverImageId,
    isCommentsEnabled: a.isCommentsEnabled,
  }
}

/** The search index's document of a published article. */
export function searchDocumentOf(a: { id: number; slug: string; category: string; title: string; lead: string; bodyHtml: string; publishedAt: Date | null }): SearchDocument {
  return { type: NEWS_SEARCH_TYPE, key: String(a.id), title: a.title, url: articlePath(a.category, a.slug), body: `${a.lead} ${htmlToText(a.bodyHtml)}`, publishedAt: a.publishedAt }
}

/** The tag list of an input, typed as text or given as a list. */
function tagsOf(input: ArticleInput['tags']): ReturnType<typeof parseTags> {
  if (input === undefined) return []
  return parseTags(typeof input === 'string' ? input : input.join(','))
}

/** The checked and normalised content of an article (what goes in the columns), or field errors. */
interface CheckedContent {
  readonly title: string
  readonly wantedSlug: string | null
  readonly lead: string
  readonly bodyMd: string
  readonly category: string
  readonly tags: ReturnType<typeof parseTags>
  readonly source: string | null
  readonly coverImageId: number | null
  readonly isCommentsEnabled: boolean
}

/** Checks the content of an article; `fields` collects every problem at once. */
function checkContent(input: ArticleInput, fields: FieldErrors): CheckedContent {
  const title = input.title.replace(/\s+/g, ' ').trim()
  if (title === '') fields.title = 'news.errors.titleRequired'
  else if (title.length > LIMITS.title) fields.title = 'news.errors.titleTooLong'
  const wantedSlug = optional(input.slug)?.toLowerCase() ?? null
  if (wantedSlug !== null) {
    if (wantedSlug.length > LIMITS.slug || !SLUG_PATTERN.test(wantedSlug)) fields.slug = 'news.errors.slugInvalid'
    else if (RESERVED_SLUGS.has(wantedSlug)) fields.slug = 'news.errors.slugReserved'
  }
  const lead = input.lead.trim()
  if (lead === '') fields.lead = 'news.errors.leadRequired'
  else if (lead.length > LIMITS.lead) fields.lead = 'news.errors.leadTooLong'
  const bodyMd = input.bodyMd.replace(/\r\n?/g, '\n').trim()
  if (bodyMd === '') fields.bodyMd = 'news.errors.bodyRequired'
  else if (bodyMd.length > LIMITS.body) fields.bodyMd = 'news.errors.bodyTooLong'
  if (!categoryByCode(input.category)) fields.category = 'news.errors.category'
  const tags = tagsOf(input.tags)
  if (tags.length > LIMITS.tags || tags.some((t) => t.tag.length > LIMITS.tag)) fields.tags = 'news.errors.tags'
  const source = optional(input.source)
  if (source !== null && source.length > LIMITS.source) fields.source = 'news.errors.sourceTooLong'
  return {
    title,
    wantedSlug,
    lead,
    bodyMd,
    category: input.category,
    tags,
    source,
    coverImageId: input.coverImageId ?? null,
    isCommentsEnabled: input.isCommentsEnabled ?? true,
  }
}

/**
 * The body rendered with the article's own images. A body may show only images uploaded for this
 * article (never another site's, never another article's): otherwise a field error.
 */
async function renderBody(db: Db | Transaction<Database>, articleId: number | null, bodyMd: string, fields: FieldErrors): Promise<string> {
  const { ids, foreign } = imagesIn(bodyMd)
  if (foreign.length > 0) {
    fields.bodyMd ??= 'news.errors.bodyForeignImage'
    return ''
  }
  const found = await repo.findImagesByIds(db, ids)
  const own = found.filter((i) => articleId !== null && i.articleId === articleId)
  if (own.length !== ids.length) {
    fields.bodyMd ??= 'news.errors.bodyUnknownImage'
    return ''
  }
  const images = new Map<number, BodyImage>(own.map((i) => [i.id, { id: i.id, width: i.width, height: i.height, alt: i.alt, caption: i.caption }]))
  return renderMarkdown(bodyMd, images)
}

/** The status columns after the editor's choice, and which status action that was (null: none). */
interface StatusChange {
  readonly status: ArticleStatus
  readonly publishAt: Date | null
  readonly publishedAt: Date | null
  readonly action: StatusAction | null
}

/** Works out a status change from the current state and what was asked; field errors or a conflict otherwise. */
function changeStatus(current: { status: ArticleStatus; publishAt: Date | null; publishedAt: Date | null }, asked: StatusInput, now: Date, fields: FieldErrors): StatusChange {
  const unchanged = { ...current, action: null }
  if (asked.status === undefined || asked.status === '') return unchanged
  if (!isArticleStatus(asked.status)) {
    fields.status = 'news.errors.status'
    return unchanged
  }
  const wanted = asked.status
  if (wanted === 'scheduled') {
    const text = asked.publishAt?.trim() ?? ''
    const at = text === '' ? null : parseVietnamDateTime(text)
    if (text === '') fields.publishAt = 'news.errors.publishAtRequired'
    else if (at === null) fields.publishAt = 'news.errors.publishAtInvalid'
    else if (!isValidSchedule(at, now)) fields.publishAt = 'news.errors.publishAtPast'
    if (at === null || fields.publishAt !== undefined) return unchanged
    if (nextStatus(current.status, 'schedule') === null) throw new ConflictError('news.errors.unpublishFirst', { status: 'news.errors.unpublishFirst' })
    return { status: 'scheduled', publishAt: at, publishedAt: null, action: 'schedule' }
  }
  if (wanted === current.status) return unchanged
  if (wanted === 'published') return { status: 'published', publishAt: null, publishedAt: now, action: 'publish' }
  return { status: 'draft', publishAt: null, publishedAt: null, action: 'unpublish' }
}

/** Throws ValidationError when any field has a problem. */
function throwIfAny(fields: FieldErrors): void {
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
}

/** The slug of an article: the one asked for (409 when taken), or one made from the title and made unique. */
async function chooseSlug(trx: Transaction<Database>, wanted: string | null, title: string, exceptId: number | null): Promise<string> {
  if (wanted !== null) {
    const taken = await repo.takenSlugs(trx, wanted, exceptId)
    if (taken.has(wanted)) throw new ConflictError('news.errors.slugTaken', { slug: 'news.errors.slugTaken' })
    return wanted
  }
  const base = slugify(title)
  const taken = await repo.takenSlugs(trx, base, exceptId)
  return uniqueSlug(base, (slug) => taken.has(slug))
}

/** Loads an article the principal may edit; 404 when unknown, 403 when out of their units. */
async function loadEditable(db: Db | Transaction<Database>, principal: Principal, id: number): Promise<ArticleRecord> {
  const article = await repo.findArticleById(db, id)
  if (!article) throw new NotFoundError('news.errors.notFound')
  if (!canEditArticle(principal, article.unitPath)) throw new ForbiddenError()
  return article
}

/** What the related scoring knows of an article. */
export function candidateOf(a: { id: number; category: string; title: string; lead: string; publishedAt: Date | null; tags: readonly string[] }): RelatedCandidate {
  return { id: a.id, category: a.category, tags: a.tags, terms: textTerms(`${a.title} ${a.lead}`), publishedAt: a.publishedAt }
}

/** Recomputes and stores one article's related list. */
async function recomputeRelated(trx: Transaction<Database>, id: number): Promise<void> {
  const article = await repo.findArticleById(trx, id)
  if (!article) return
  const tags = article.tags.map((t) => t.folded)
  const candidates = await repo.findCandidates(trx, { id, category: article.category, tags }, RELATED_WINDOW)
  const picks = pickRelated(candidateOf({ ...article, tags }), candidates.map(candidateOf))
  await repo.replaceRelated(trx, id, picks)
}

/**
 * After an article changed: its own related list, and the lists of the articles that named it
 * (it may have left them or moved) or that it now names (it may now belong in theirs).
 */
async function refreshRelatedAround(trx: Transaction<Database>, id: number, listingBefore: readonly number[]): Promise<void> {
  await recomputeRelated(trx, id)
  const named = await repo.findRelatedIds(trx, id)
  for (const other of new Set([...listingBefore, ...named])) if (other !== id) await recomputeRelated(trx, other)
}

/** Puts a published article in the search index, or takes any other out. */
async function syncSearch(trx: Transaction<Database>, article: ArticleRecord): Promise<void> {
  if (article.status === 'published') await indexDocument(trx, searchDocumentOf(article))
  else await removeDocument(trx, NEWS_SEARCH_TYPE, String(article.id))
}

/** Records a status action in the audit log. */
async function auditStatus(trx: Transaction<Database>, actor: Actor, at: Date, before: ArticleRecord, after: ArticleRecord, action: StatusAction | 'auto_publish'): Promise<void> {
  await appendAudit(trx, {
    actor,
    at,
    entity: ARTICLE_ENTITY,
    entityId: after.id,
    action,
    before: { status: before.status, publishAt: before.publishAt ? instant(before.publishAt) : null, publishedAt: before.publishedAt ? instant(before.publishedAt) : null },
    after: { status: after.status, publishAt: after.publishAt ? instant(after.publishAt) : null, publishedAt: after.publishedAt ? instant(after.publishedAt) : null },
  })
}

/** The unit a new article belongs to: the one asked for, or the unit of the author's first news role. */
async function unitForNewArticle(deps: NewsDeps, principal: Principal, unitCode: string | null | undefined): Promise<{ id: number; path: string }> {
  const code = optional(unitCode)
  if (code !== null) {
    const unit = await units.getUnitByCode(deps, code).catch(() => null)
    if (!unit) throw new ValidationError({ unitCode: 'news.errors.unit' })
    if (!canEditArticle(principal, unit.path)) throw new ForbiddenError()
    return unit
  }
  const grant = principal.grants.find((g) => NEWS_ROLES.includes(g.role as (typeof NEWS_ROLES)[number]))
  if (!grant) throw new ForbiddenError()
  return { id: grant.unitId, path: grant.unitPath }
}

/** Runs a write; a slug taken by a concurrent writer is the same conflict as one taken before. */
async function inTransaction<T>(deps: NewsDeps, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  try {
    return await deps.db.transaction().execute(work)
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('news.errors.slugTaken', { slug: 'news.errors.slugTaken' })
    throw error
  }
}

/** The staff view of an article: the record and its images. */
async function withImages(db: Db | Transaction<Database>, article: ArticleRecord): Promise<Article> {
  return { ...article, images: await repo.findImagesOfArticle(db, article.id) }
}

/** Creates an article (a draft unless the input asks otherwise); author's initials from their name. */
export async function createArticle(deps: NewsDeps, principal: Principal, input: ArticleInput & StatusInput): Promise<Article> {
  if (!isNewsEditor(principal)) throw new ForbiddenError()
  const now = deps.clock.now()
  const fields: FieldErrors = {}
  const content = checkContent(input, fields)
  // A new article has no images yet: a cover or a body image can only come after the first save.
  if (content.coverImageId !== null) fields.coverImageId = 'news.errors.cover'
  const change = changeStatus({ status: 'draft', publishAt: null, publishedAt: null }, input, now, fields)
  const bodyHtml = content.bodyMd === '' ? '' : await renderBody(deps.db, null, content.bodyMd, fields)
  throwIfAny(fields)
  const unit = await unitForNewArticle(deps, principal, input.unitCode)
  const id = await inTransaction(deps, async (trx) => {
    const slug = await chooseSlug(trx, content.wantedSlug, content.title, null)
    const id = await repo.insertArticle(trx, {
      unit_id: unit.id,
      slug,
      title: content.title,
      lead: content.lead,
      body_md: content.bodyMd,
      body_html: bodyHtml,
      category: content.category,
      source: content.source,
      author_id: principal.staffId,
      author_initials: initialsOf(principal.fullName),
      status: change.status,
      publish_at: change.publishAt ? instant(change.publishAt) : null,
      published_at: change.publishedAt ? instant(change.publishedAt) : null,
      cover_image_id: null,
      comments_enabled: content.isCommentsEnabled ? 1 : 0,
      created_at: instant(now),
      updated_at: instant(now),
    })
    await repo.replaceTags(trx, id, content.tags)
    const created = (await repo.findArticleById(trx, id))!
    await appendAudit(trx, { actor: actorOf(principal), at: now, entity: ARTICLE_ENTITY, entityId: id, action: 'create', after: snapshot(created) })
    await syncSearch(trx, created)
    await refreshRelatedAround(trx, id, [])
    return id
  })
  return withImages(deps.db, (await repo.findArticleById(deps.db, id))!)
}

/**
 * Changes an article: the content given (absent fields keep their value) and, when asked, its
 * status. One audit entry for the content, one more for a status change.
 */
export async function updateArticle(deps: NewsDeps, principal: Principal, id: number, input: ArticleChanges): Promise<Article> {
  const now = deps.clock.now()
  await inTransaction(deps, async (trx) => {
    const before = await loadEditable(trx, principal, id)
    const fields: FieldErrors = {}
    const content = checkContent(
      {
        title: input.title ?? before.title,
        slug: input.slug === undefined ? before.slug : input.slug,
        lead: input.lead ?? before.lead,
        bodyMd: input.bodyMd ?? before.bodyMd,
        category: input.category ?? before.category,
        tags: input.tags ?? before.tags.map((t) => t.tag),
        source: input.source === undefined ? before.source : input.source,
        coverImageId: input.coverImageId === undefined ? before.coverImageId : input.coverImageId,
        isCommentsEnabled: input.isCommentsEnabled ?? before.isCommentsEnabled,
      },
      fields,
    )
    if (content.coverImageId !== null) {
      const cover = await repo.findImage(trx, content.coverImageId)
      if (cover?.articleId !== id) fields.coverImageId = 'news.errors.cover'
    }
    const change = changeStatus(before, input, now, fields)
    const bodyHtml = content.bodyMd === '' ? '' : await renderBody(trx, id, content.bodyMd, fields)
    throwIfAny(fields)
    const listingBefore = await repo.findListing(trx, id)
    const slug = content.wantedSlug === before.slug ? before.slug : await chooseSlug(trx, content.wantedSlug, content.title, id)
    await repo.updateArticle(trx, id, {
      slug,
      title: content.title,
      lead: content.lead,
      body_md: content.bodyMd,
      body_html: bodyHtml,
      category: content.category,
      source: content.source,
      cover_image_id: content.coverImageId,
      comments_enabled: content.isCommentsEnabled ? 1 : 0,
      status: change.status,
      publish_at: change.publishAt ? instant(change.publishAt) : null,
      published_at: change.publishedAt ? instant(change.publishedAt) : null,
      updated_at: instant(now),
    })
    await repo.replaceTags(trx, id, content.tags)
    const after = (await repo.findArticleById(trx, id))!
    const beforeContent = { ...snapshot(before), status: undefined, publishAt: undefined, publishedAt: undefined }
    const afterContent = { ...snapshot(after), status: undefined, publishAt: undefined, publishedAt: undefined }
    await appendAudit(trx, { actor: actorOf(principal), at: now, entity: ARTICLE_ENTITY, entityId: id, action: 'update', before: beforeContent, after: afterContent })
    if (change.action !== null) await auditStatus(trx, actorOf(principal), now, before, after, change.action)
    await syncSearch(trx, after)
    await refreshRelatedAround(trx, id, listingBefore)
  })
  return withImages(deps.db, (await repo.findArticleById(deps.db, id))!)
}

/** Applies one status action to an article, in its own transaction. */
async function applyStatusAction(deps: NewsDeps, principal: Principal | null, id: number, action: StatusAction, publishAt: string | null): Promise<Article> {
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const before = principal ? await loadEditable(trx, principal, id) : await repo.findArticleById(trx, id)
    if (!before) throw new NotFoundError('news.errors.notFound')
    if (nextStatus(before.status, action) === null) throw new ConflictError(`news.errors.cannot.${action}`)
    const fields: FieldErrors = {}
    const asked: StatusInput = action === 'schedule' ? { status: 'scheduled', publishAt } : { status: action === 'publish' ? 'published' : 'draft' }
    const change = changeStatus(before, asked, now, fields)
    throwIfAny(fields)
    const listingBefore = await repo.findListing(trx, id)
    await repo.updateArticle(trx, id, {
      status: change.status,
      publish_at: change.publishAt ? instant(change.publishAt) : null,
      published_at: change.publishedAt ? instant(change.publishedAt) : null,
      updated_at: instant(now),
    })
    const after = (await repo.findArticleById(trx, id))!
    await auditStatus(trx, principal ? actorOf(principal) : SYSTEM_ACTOR, now, before, after, action)
    await syncSearch(trx, after)
    await refreshRelatedAround(trx, id, listingBefore)
  })
  return withImages(deps.db, (await repo.findArticleById(deps.db, id))!)
}

/** Publishes an article now (from a draft or a schedule); 409 when it is already published. */
export function publishArticle(deps: NewsDeps, principal: Principal, id: number): Promise<Article> {
  return applyStatusAction(deps, principal, id, 'publish', null)
}

/** Schedules an article for a future instant (Vietnam-time "YYYY-MM-DDTHH:MM" or ISO); 409 when published. */
export function scheduleArticle(deps: NewsDeps, principal: Principal, id: number, publishAt: string): Promise<Article> {
  return applyStatusAction(deps, principal, id, 'schedule', publishAt)
}

/** Takes an article down (published or scheduled) back to a draft; 409 when it is a draft. */
export function unpublishArticle(deps: NewsDeps, principal: Principal, id: number): Promise<Article> {
  return applyStatusAction(deps, principal, id, 'unpublish', null)
}

/** Deletes an article, its tags, comments and related lists; its images stay stored, detached. */
export async function deleteArticle(deps: NewsDeps, principal: Principal, id: number): Promise<void> {
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadEditable(trx, principal, id)
    const listingBefore = await repo.findListing(trx, id)
    await removeDocument(trx, NEWS_SEARCH_TYPE, String(id))
    await repo.deleteArticle(trx, id)
    await appendAudit(trx, { actor: actorOf(principal), at: now, entity: ARTICLE_ENTITY, entityId: id, action: 'delete', before: snapshot(before) })
    for (const other of listingBefore) await recomputeRelated(trx, other)
  })
}

/**
 * Publishes every scheduled article whose time has come, each in its own transaction (as the
 * system, audited as auto_publish), with its scheduled instant as its publication time; returns
 * how many. Another worker that got there first is not an error: the article is skipped.
 */
export async function publishDueArticles(deps: Pick<NewsDeps, 'db' | 'clock'>): Promise<number> {
  const now = deps.clock.now()
  let published = 0
  for (const id of await repo.findDueScheduled(deps.db, now, 500)) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const before = await repo.findArticleById(trx, id)
      if (!before || before.status !== 'scheduled' || before.publishAt === null || before.publishAt.getTime() > now.getTime()) return false
      const listingBefore = await repo.findListing(trx, id)
      await repo.updateArticle(trx, id, { status: 'published', published_at: instant(before.publishAt), publish_at: null, updated_at: instant(now) })
      const after = (await repo.findArticleById(trx, id))!
      await auditStatus(trx, SYSTEM_ACTOR, now, before, after, 'auto_publish')
      await syncSearch(trx, after)
      await refreshRelatedAround(trx, id, listingBefore)
      return true
    })
    if (done) published += 1
  }
  return published
}

/** Rebuilds every article's related list (after an import, or when the scoring changes); returns how many. */
export async function recomputeAllRelated(deps: Pick<NewsDeps, 'db'>): Promise<number> {
  const ids = (await deps.db.selectFrom('news_articles').select('id').orderBy('id').execute()).map((r) => Number(r.id))
  for (const id of ids) await deps.db.transaction().execute((trx) => recomputeRelated(trx, id))
  return ids.length
}

/** What an image upload carries besides the file. */
export interface ImageUploadInput {
  readonly bytes: Uint8Array | null
  /** Whether the upload was cut at the size limit. */
  readonly truncated?: boolean
  readonly caption: string
  readonly alt: string
}

/** The catalogue key of each reason to refuse an image. */
const IMAGE_PROBLEM_KEYS = {
  notAnImage: 'news.errors.image.notAnImage',
  tooLarge: 'news.errors.image.tooLarge',
  tooManyPixels: 'news.errors.image.tooManyPixels',
} as const

/**
 * Uploads an image for an article: caption and alt text required; the file checked by content,
 * re-encoded without metadata, resized, with a thumbnail; stored, then recorded and audited.
 */
export async function uploadImage(deps: NewsDeps, principal: Principal, articleId: number, input: ImageUploadInput): Promise<ImageRecord> {
  const article = await loadEditable(deps.db, principal, articleId)
  const fields: FieldErrors = {}
  const caption = input.caption.replace(/\s+/g, ' ').trim()
  const alt = input.alt.replace(/\s+/g, ' ').trim()
  if (caption === '') fields.caption = 'news.errors.captionRequired'
  else if (caption.length > LIMITS.caption) fields.caption = 'news.errors.captionTooLong'
  if (alt === '') fields.alt = 'news.errors.altRequired'
  else if (alt.length > LIMITS.alt) fields.alt = 'news.errors.altTooLong'
  let processed: Awaited<ReturnType<typeof processImage>> | null = null
  if (input.bytes === null || input.bytes.length === 0) fields.image = 'news.errors.imageRequired'
  else if (input.truncated === true) fields.image = IMAGE_PROBLEM_KEYS.tooLarge
  else {
    try {
      processed = await processImage(input.bytes, NEWS_IMAGE_LIMITS)
    } catch (error) {
      if (!(error instanceof ImageRejectedError)) throw error
      fields.image = IMAGE_PROBLEM_KEYS[error.problem]
    }
  }
  throwIfAny(fields)
  const image = processed!
  const now = deps.clock.now()
  const extension = image.mime === 'image/jpeg' ? 'jpg' : image.mime === 'image/png' ? 'png' : 'webp'
  const fileKey = newFileKey('news', now, extension)
  const thumbKey = newFileKey('news', now, 'webp')
  await deps.files.put(fileKey, image.full)
  await deps.files.put(thumbKey, image.thumb)
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertImage(trx, { articleId: article.id, fileKey, thumbKey, mime: image.mime, width: image.width, height: image.height, caption, alt, uploadedBy: principal.staffId, at: now })
    await appendAudit(trx, { actor: actorOf(principal), at: now, entity: IMAGE_ENTITY, entityId: id, action: 'upload', after: { articleId: article.id, caption, alt, width: image.width, height: image.height, mime: image.mime } })
    return id
  })
  return (await repo.findImage(deps.db, id))!
}

/**
 * The bytes of an image in one size, when the viewer may see it: anyone once its article is
 * published, its editors before. `isPublic` says which, for caching.
 */
export async function imageForViewer(deps: Pick<NewsDeps, 'db' | 'files'>, id: number, size: 'full' | 'thumb', principal: Principal | null): Promise<{ bytes: Buffer; mime: string; isPublic: boolean } | null> {
  const image = await repo.findImage(deps.db, id)
  if (!image) return null
  const isPublic = (await repo.imageArticleStatus(deps.db, id)) === 'published'
  if (!isPublic) {
    const article = image.articleId === null ? null : await repo.findArticleById(deps.db, image.articleId)
    if (!article || !canEditArticle(principal, article.unitPath)) return null
  }
  const bytes = await deps.files.get(size === 'full' ? image.fileKey : image.thumbKey)
  if (!bytes) return null
  return { bytes, mime: size === 'full' ? image.mime : 'image/webp', isPublic }
}

/** An article as its editors see it (any status). */
export async function getArticleForStaff(deps: Pick<NewsDeps, 'db'>, principal: Principal, id: number): Promise<Article> {
  return withImages(deps.db, await loadEditable(deps.db, principal, id))
}

/** The history of an article from the audit log, oldest first: when, who, what. */
export async function getArticleHistory(deps: Pick<NewsDeps, 'db'>, principal: Principal, id: number): Promise<{ at: Date; actor: string; action: string }[]> {
  await loadEditable(deps.db, principal, id)
  return (await listAuditFor(deps.db, ARTICLE_ENTITY, id)).map((e) => ({ at: e.at, actor: e.actorLabel, action: e.action }))
}

/**
 * What an article would look like with this Markdown, without saving anything: the body rendered
 * exactly as saving would, or the field errors saving would give.
 */
export async function previewBody(deps: Pick<NewsDeps, 'db'>, principal: Principal, articleId: number | null, bodyMd: string): Promise<{ html: string; fields: FieldErrors }> {
  if (articleId !== null) await loadEditable(deps.db, principal, articleId)
  else if (!isNewsEditor(principal)) throw new ForbiddenError()
  const fields: FieldErrors = {}
  const source = bodyMd.replace(/\r\n?/g, '\n').trim()
  const html = source === '' ? '' : await renderBody(deps.db, articleId, source, fields)
  return { html, fields }
}

/** Most items on one page of a list. */
export const MAX_PAGE_SIZE = 50

/** Clamps a page number and size. */
function paging(page: number | undefined, pageSize: number | undefined, fallback: number): { limit: number; offset: number } {
  const size = Math.min(Math.max(Math.trunc(pageSize ?? fallback), 1), MAX_PAGE_SIZE)
  const number = Math.max(Math.trunc(page ?? 1), 1)
  return { limit: size, offset: (number - 1) * size }
}

/** The articles an editor's list shows: of the units they write for, optionally of one status. */
export async function listForStaff(deps: Pick<NewsDeps, 'db'>, principal: Principal, input: { status?: string; page?: number; pageSize?: number }): Promise<{ total: number; items: ArticleSummaryRecord[] }> {
  if (!isNewsEditor(principal)) throw new ForbiddenError()
  if (input.status !== undefined && input.status !== '' && !isArticleStatus(input.status)) throw new ValidationError({ status: 'news.errors.status' })
  const status = input.status && isArticleStatus(input.status) ? input.status : undefined
  return repo.findForStaff(deps.db, { scopes: editorScopes(principal), ...(status ? { status } : {}), ...paging(input.page, input.pageSize, 20) })
}

/** A page of published news, newest first, optionally of one category (unknown: 404). */
export async function listPublished(deps: Pick<NewsDeps, 'db'>, input: { category?: string; page?: number; pageSize?: number }): Promise<{ total: number; items: ArticleSummaryRecord[] }> {
  if (input.category !== undefined && !categoryByCode(input.category)) throw new NotFoundError('news.errors.categoryNotFound')
  return repo.findPublished(deps.db, { ...(input.category !== undefined ? { category: input.category } : {}), ...paging(input.page, input.pageSize, 10) })
}

/** The newest published articles in full (of a category), for feeds and the home page. */
export async function latestArticles(deps: Pick<NewsDeps, 'db'>, input: { category?: string; limit: number }): Promise<ArticleRecord[]> {
  const { items } = await repo.findPublished(deps.db, { ...(input.category !== undefined ? { category: input.category } : {}), limit: Math.min(Math.max(input.limit, 1), MAX_PAGE_SIZE), offset: 0 })
  return repo.findArticlesByIds(
    deps.db,
    items.map((i) => i.id),
  )
}

/** A published article by slug with its related articles and cover, or null (unknown or not published). */
export async function getPublishedArticle(deps: Pick<NewsDeps, 'db'>, slug: string): Promise<PublishedArticle | null> {
  const article = await repo.findArticleBySlug(deps.db, slug)
  if (!article || article.status !== 'published') return null
  const [related, cover] = await Promise.all([repo.findRelatedSummaries(deps.db, article.id), article.coverImageId === null ? null : repo.findImage(deps.db, article.coverImageId)])
  return { article, related, cover }
}

/**
 * A number that changes whenever the database changes, where the engine tells it for nothing (a
 * SQLite file); null where it does not. While it holds, every page stamp read under it holds.
 */
export function newsDataVersion(deps: Pick<NewsDeps, 'db'>): number | null {
  return databaseVersion(deps.db)
}

/**
 * The stamp of a published article's page (one indexed query; see ArticlePageStamp), or null when
 * the slug names no published article. A page rendered with the same stamp is still right.
 */
export async function publishedArticleStamp(deps: Pick<NewsDeps, 'db'>, slug: string): Promise<ArticlePageStamp | null> {
  const stamp = await repo.findArticlePageStamp(deps.db, slug)
  return stamp?.status === 'published' ? stamp : null
}

/** When published news last changed (of a category), for feeds; null without any. */
export function lastNewsChange(deps: Pick<NewsDeps, 'db'>, category?: string): Promise<Date | null> {
  return repo.lastPublishedChange(deps.db, category)
}

/** Every published article as a search document, for rebuilding the index. */
export async function newsSearchDocuments(db: Db): Promise<SearchDocument[]> {
  return (await repo.findPublishedForIndex(db)).map(searchDocumentOf)
}

/** The addresses the sitemap lists for news and public feedback, with when each last changed. */
export async function sitemapSources(deps: Pick<NewsDeps, 'db'>): Promise<{ articles: { path: string; at: Date }[]; feedback: { code: string; at: Date | null }[] }> {
  const articles = (await repo.findPublishedAddresses(deps.db)).map((a) => ({ path: articlePath(a.category, a.slug), at: a.updatedAt }))
  return { articles, feedback: await repo.findPublicFeedbackCodes(deps.db, 10_000) }
}
