/** Every query of news: articles, their tags, images and precomputed related articles. */
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { flag, instant, prepareQuery, toDate, toDateOrNull } from '../../db/portable.ts'
import type { NewsArticlesTable } from './news.table.ts'
import { isArticleStatus } from './news.ts'
import type { ArticleStatus, RelatedPick, Tag } from './news.ts'

type Executor = Kysely<Database> | Transaction<Database>

/** An article row with its unit's path and its tags, as the service maps it. */
export interface ArticleRecord {
  readonly id: number
  readonly unitId: number
  readonly unitPath: string
  readonly slug: string
  readonly title: string
  readonly lead: string
  readonly bodyMd: string
  readonly bodyHtml: string
  readonly category: string
  readonly source: string | null
  readonly authorId: number | null
  readonly authorInitials: string | null
  readonly status: ArticleStatus
  readonly publishAt: Date | null
  readonly publishedAt: Date | null
  readonly coverImageId: number | null
  readonly isCommentsEnabled: boolean
  readonly createdAt: Date
  readonly updatedAt: Date
  readonly tags: readonly Tag[]
}

/** An article as lists show it (no body). */
export interface ArticleSummaryRecord {
  readonly id: number
  readonly slug: string
  readonly title: string
  readonly lead: string
  readonly category: string
  readonly source: string | null
  readonly status: ArticleStatus
  readonly publishAt: Date | null
  readonly publishedAt: Date | null
  readonly updatedAt: Date
  readonly cover: CoverRecord | null
}

/** The cover image of an article in a list. */
export interface CoverRecord {
  readonly id: number
  readonly alt: string
  readonly width: number
  readonly height: number
}

/** An uploaded image. */
export interface ImageRecord {
  readonly id: number
  readonly articleId: number | null
  readonly fileKey: string
  readonly thumbKey: string
  readonly mime: string
  readonly width: number
  readonly height: number
  readonly caption: string | null
  readonly alt: string
  readonly createdAt: Date
}

const ARTICLE_COLUMNS = [
  'a.id',
  'a.unit_id',
  'u.path as unit_path',
  'a.slug',
  'a.title',
  'a.lead',
  'a.body_md',
  'a.body_html',
  'a.category',
  'a.source',
  'a.author_id',
  'a.author_initials',
  'a.status',
  'a.publish_at',
  'a.published_at',
  'a.cover_image_id',
  'a.comments_enabled',
  'a.created_at',
  'a.updated_at',
] as const

/** A status read back; anything else in the column is a bug worth failing on. */
function statusOf(value: string): ArticleStatus {
  if (!isArticleStatus(value)) throw new Error(`news_articles.status holds ${JSON.stringify(value)}`)
  return value
}

/** Articles of the given ids (any status), with their tags; in no particular order. */
async function findArticles(db: Executor, where: { ids?: readonly number[]; slug?: string }): Promise<ArticleRecord[]> {
  let query = db.selectFrom('news_articles as a').innerJoin('units as u', 'u.id', 'a.unit_id').select(ARTICLE_COLUMNS)
  if (where.ids) {
    if (where.ids.length === 0) return []
    query = query.where('a.id', 'in', [...where.ids])
  }
  if (where.slug !== undefined) query = query.where('a.slug', '=', where.slug)
  const rows = await query.execute()
  const tags = await findTags(
    db,
    rows.map((r) => Number(r.id)),
  )
  return rows.map((r) => ({
    id: Number(r.id),
    unitId: Number(r.unit_id),
    unitPath: r.unit_path,
    slug: r.slug,
    title: r.title,
    lead: r.lead,
    bodyMd: r.body_md,
    bodyHtml: r.body_html,
    category: r.category,
    source: r.source,
    authorId: r.author_id === null ? null : Number(r.author_id),
    authorInitials: r.author_initials,
    status: statusOf(r.status),
    publishAt: toDateOrNull(r.publish_at),
    publishedAt: toDateOrNull(r.published_at),
    coverImageId: r.cover_image_id === null ? null : Number(r.cover_image_id),
    isCommentsEnabled: Number(r.comments_enabled) === 1,
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
    tags: tags.get(Number(r.id)) ?? [],
  }))
}

/** One article by id, or null. */
export async function findArticleById(db: Executor, id: number): Promise<ArticleRecord | null> {
  return (await findArticles(db, { ids: [id] }))[0] ?? null
}

/** One article by slug, or null. */
export async function findArticleBySlug(db: Executor, slug: string): Promise<ArticleRecord | null> {
  return (await findArticles(db, { slug }))[0] ?? null
}

/**
 * What an article page shows comes from these rows: the article (its last change, which also
 * covers its tags and cover), the articles of its related list (the list and their last changes)
 * and its approved comments (how many, the newest, the last moderated). Any change to them
 * changes this stamp, so a page rendered with one stamp can be shown again while it holds.
 */
export interface ArticlePageStamp {
  readonly id: number
  readonly category: string
  readonly status: ArticleStatus
  /** The values above, as one comparable string. */
  readonly stamp: string
}

// Read on every view of an article page by a visitor without a session: compiled once per database.
const pageStampQuery = prepareQuery(['\u0000slug'] as [string], (db: Kysely<Database>, slug) =>
  db
    .selectFrom('news_articles as a')
    .select((eb) => [
      'a.id',
      'a.category',
      'a.status',
      'a.updated_at',
      eb.selectFrom('news_related as r').select((sub) => sub.fn.countAll().as('n')).whereRef('r.article_id', '=', 'a.id').as('related_count'),
      eb.selectFrom('news_related as r').select((sub) => sub.fn.sum<number>(sql`r.related_id * (r.position + 1)`).as('s')).whereRef('r.article_id', '=', 'a.id').as('related_order'),
      eb.selectFrom('news_related as r').innerJoin('news_articles as b', 'b.id', 'r.related_id').select((sub) => sub.fn.max('b.updated_at').as('m')).whereRef('r.article_id', '=', 'a.id').as('related_changed'),
      eb.selectFrom('news_comments as c').select((sub) => sub.fn.countAll().as('n')).whereRef('c.article_id', '=', 'a.id').where('c.status', '=', 'approved').as('comment_count'),
      eb.selectFrom('news_comments as c').select((sub) => sub.fn.max('c.id').as('m')).whereRef('c.article_id', '=', 'a.id').where('c.status', '=', 'approved').as('comment_last'),
      eb.selectFrom('news_comments as c').select((sub) => sub.fn.max('c.moderated_at').as('m')).whereRef('c.article_id', '=', 'a.id').where('c.status', '=', 'approved').as('comment_moderated'),
    ])
    .where('a.slug', '=', slug),
)

/** The stamp of the article page of a slug (any status), or null when there is no such article. */
export async function findArticlePageStamp(db: Executor, slug: string): Promise<ArticlePageStamp | null> {
  const row = (await pageStampQuery.execute(db, slug))[0]
  if (!row) return null
  // Compared, never shown: instants as the driver gives them (ISO text, or a Date on PostgreSQL).
  const instantText = (value: unknown) => (value instanceof Date ? String(value.getTime()) : String(value ?? ''))
  const stamp = [
    row.status,
    row.category,
    instantText(row.updated_at),
    String(row.related_count ?? 0),
    String(row.related_order ?? 0),
    instantText(row.related_changed),
    String(row.comment_count ?? 0),
    String(row.comment_last ?? 0),
    instantText(row.comment_moderated),
  ].join('|')
  return { id: Number(row.id), category: row.category, status: statusOf(row.status), stamp }
}

/** Articles by id, in the order of the ids (unknown ids left out). */
export async function findArticlesByIds(db: Executor, ids: readonly number[]): Promise<ArticleRecord[]> {
  const byId = new Map((await findArticles(db, { ids })).map((a) => [a.id, a]))
  return ids.map((id) => byId.get(id)).filter((a): a is ArticleRecord => a !== undefined)
}

/** The slugs among these that are already taken by another article than `exceptId`. */
export async function takenSlugs(db: Executor, candidatePrefix: string, exceptId: number | null): Promise<Set<string>> {
  let query = db
    .selectFrom('news_articles')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', candidatePrefix), eb('slug', 'like', `${candidatePrefix}-%`)]))
  if (exceptId !== null) query = query.where('id', '<>', exceptId)
  return new Set((await query.execute()).map((r) => r.slug))
}

/** Inserts an article row; returns its id. */
export async function insertArticle(trx: Transaction<Database>, row: Insertable<NewsArticlesTable>): Promise<number> {
  const { id } = await trx.insertInto('news_articles').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

/** Updates an article row. */
export async function updateArticle(trx: Transaction<Database>, id: number, set: Updateable<NewsArticlesTable>): Promise<void> {
  await trx.updateTable('news_articles').set(set).where('id', '=', id).execute()
}

/** Deletes an article with its tags, related lists (both ways) and comments; its images stay, detached. */
export async function deleteArticle(trx: Transaction<Database>, id: number): Promise<void> {
  // Children first: SQLite enforces the cascades only where foreign keys are switched on.
  await trx.deleteFrom('news_tags').where('article_id', '=', id).execute()
  await trx
    .deleteFrom('news_related')
    .where((eb) => eb.or([eb('article_id', '=', id), eb('related_id', '=', id)]))
    .execute()
  await trx.deleteFrom('news_comments').where('article_id', '=', id).execute()
  await trx.updateTable('news_images').set({ article_id: null }).where('article_id', '=', id).execute()
  await trx.deleteFrom('news_articles').where('id', '=', id).execute()
}

/** Replaces an article's tags. */
export async function replaceTags(trx: Transaction<Database>, id: number, tags: readonly Tag[]): Promise<void> {
  await trx.deleteFrom('news_tags').where('article_id', '=', id).execute()
  if (tags.length > 0) await trx.insertInto('news_tags').values(tags.map((t) => ({ article_id: id, tag: t.tag, folded: t.folded }))).execute()
}

/** The tags of articles, by article id, in the order of their folded form (SQL keeps no insertion order). */
export async function findTags(db: Executor, ids: readonly number[]): Promise<Map<number, Tag[]>> {
  const byId = new Map<number, Tag[]>()
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    if (chunk.length === 0) continue
    const rows = await db.selectFrom('news_tags').select(['article_id', 'tag', 'folded']).where('article_id', 'in', chunk).orderBy('article_id').orderBy('folded').execute()
    for (const r of rows) {
      const list = byId.get(Number(r.article_id)) ?? []
      list.push({ tag: r.tag, folded: r.folded })
      byId.set(Number(r.article_id), list)
    }
  }
  return byId
}

/** The select of article summaries with their cover image. */
function summaries(db: Executor) {
  return db
    .selectFrom('news_articles as a')
    .leftJoin('news_images as i', 'i.id', 'a.cover_image_id')
    .select(['a.id', 'a.slug', 'a.title', 'a.lead', 'a.category', 'a.source', 'a.status', 'a.publish_at', 'a.published_at', 'a.updated_at', 'i.id as cover_id', 'i.alt as cover_alt', 'i.width as cover_width', 'i.height as cover_height'])
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['execute']>>[number]

/** A summary row as a record. */
function summaryOf(r: SummaryRow): ArticleSummaryRecord {
  return {
    id: Number(r.id),
    slug: r.slug,
    title: r.title,
    lead: r.lead,
    category: r.category,
    source: r.source,
    status: statusOf(r.status),
    publishAt: toDateOrNull(r.publish_at),
    publishedAt: toDateOrNull(r.published_at),
    updatedAt: toDate(r.updated_at),
    cover: r.cover_id === null || r.cover_alt === null ? null : { id: Number(r.cover_id), alt: r.cover_alt, width: Number(r.cover_width), height: Number(r.cover_height) },
  }
}

/** A page of published articles, newest first (then by id), optionally of one category, with the total. */
export async function findPublished(db: Executor, filter: { category?: string; limit: number; offset: number }): Promise<{ total: number; items: ArticleSummaryRecord[] }> {
  let list = summaries(db).where('a.status', '=', 'published')
  let count = db.selectFrom('news_articles as a').select(sql<number>`count(*)`.as('n')).where('a.status', '=', 'published')
  if (filter.category !== undefined) {
    list = list.where('a.category', '=', filter.category)
    count = count.where('a.category', '=', filter.category)
  }
  const rows = await list.orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(filter.limit).offset(filter.offset).execute()
  const { n } = await count.executeTakeFirstOrThrow()
  return { total: Number(n), items: rows.map(summaryOf) }
}

/** Staff's list: articles of the given unit paths (subtree or exactly), any status, newest change first. */
export async function findForStaff(
  db: Executor,
  filter: { scopes: readonly { path: string; isSubtree: boolean }[]; status?: ArticleStatus; limit: number; offset: number },
): Promise<{ total: number; items: ArticleSummaryRecord[] }> {
  if (filter.scopes.length === 0) return { total: 0, items: [] }
  const unitIds = db
    .selectFrom('units')
    .select('id')
    .where((eb) => eb.or(filter.scopes.map((s) => (s.isSubtree ? eb('path', 'like', `${s.path}%`) : eb('path', '=', s.path)))))
  let list = summaries(db).where('a.unit_id', 'in', unitIds)
  let count = db.selectFrom('news_articles as a').select(sql<number>`count(*)`.as('n')).where('a.unit_id', 'in', unitIds)
  if (filter.status) {
    list = list.where('a.status', '=', filter.status)
    count = count.where('a.status', '=', filter.status)
  }
  const rows = await list.orderBy('a.updated_at', 'desc').orderBy('a.id', 'desc').limit(filter.limit).offset(filter.offset).execute()
  const { n } = await count.executeTakeFirstOrThrow()
  return { total: Number(n), items: rows.map(summaryOf) }
}

/** Scheduled articles whose time has come, oldest first. */
export async function findDueScheduled(db: Executor, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('news_articles')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('publish_at', '<=', instant(now))
    .orderBy('publish_at')
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map((r) => Number(r.id))
}

/** What the related scoring reads of a published article. */
export interface CandidateRow {
  readonly id: number
  readonly category: string
  readonly title: string
  readonly lead: string
  readonly publishedAt: Date | null
  readonly tags: readonly string[]
}

/**
 * The published articles worth scoring against an article: those sharing a tag with it, and the
 * newest `window` of its category and of all news. Bounded, so saving stays fast however many
 * articles there are; exact whenever there are fewer than `window` articles.
 */
export async function findCandidates(db: Executor, article: { id: number; category: string; tags: readonly string[] }, window: number): Promise<CandidateRow[]> {
  const ids = new Set<number>()
  if (article.tags.length > 0) {
    const sharing = await db
      .selectFrom('news_tags as t')
      .innerJoin('news_articles as a', 'a.id', 't.article_id')
      .select('a.id')
      .distinct()
      .where('t.folded', 'in', [...article.tags])
      .where('a.status', '=', 'published')
      .where('a.id', '<>', article.id)
      .limit(window * 4)
      .execute()
    for (const r of sharing) ids.add(Number(r.id))
  }
  const newest = (category: string | null) => {
    let q = db.selectFrom('news_articles').select('id').where('status', '=', 'published').where('id', '<>', article.id)
    if (category !== null) q = q.where('category', '=', category)
    return q.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(window).execute()
  }
  for (const r of [...(await newest(article.category)), ...(await newest(null))]) ids.add(Number(r.id))
  const list = [...ids]
  const rows: CandidateRow[] = []
  const tags = await findTags(db, list)
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500)
    const found = await db.selectFrom('news_articles').select(['id', 'category', 'title', 'lead', 'published_at']).where('id', 'in', chunk).execute()
    for (const r of found) {
      rows.push({ id: Number(r.id), category: r.category, title: r.title, lead: r.lead, publishedAt: toDateOrNull(r.published_at), tags: (tags.get(Number(r.id)) ?? []).map((t) => t.folded) })
    }
  }
  return rows
}

/** Replaces the stored related list of an article. */
export async function replaceRelated(trx: Transaction<Database>, id: number, picks: readonly RelatedPick[]): Promise<void> {
  await trx.deleteFrom('news_related').where('article_id', '=', id).execute()
  if (picks.length > 0) {
    await trx
      .insertInto('news_related')
      .values(picks.map((p, position) => ({ article_id: id, related_id: p.id, position, score: p.score })))
      .execute()
  }
}

/** The ids an article's stored list names, in order. */
export async function findRelatedIds(db: Executor, id: number): Promise<number[]> {
  const rows = await db.selectFrom('news_related').select('related_id').where('article_id', '=', id).orderBy('position').execute()
  return rows.map((r) => Number(r.related_id))
}

/** The articles whose stored list names this one. */
export async function findListing(db: Executor, id: number): Promise<number[]> {
  const rows = await db.selectFrom('news_related').select('article_id').where('related_id', '=', id).orderBy('article_id').execute()
  return rows.map((r) => Number(r.article_id))
}

/** The published articles of an article's stored list, in order. */
export async function findRelatedSummaries(db: Executor, id: number): Promise<ArticleSummaryRecord[]> {
  const rows = await summaries(db)
    .innerJoin('news_related as r', 'r.related_id', 'a.id')
    .where('r.article_id', '=', id)
    .where('a.status', '=', 'published')
    .orderBy('r.position')
    .execute()
  return rows.map(summaryOf)
}

/** Ids of every published article, oldest first (for rebuilding every related list). */
export async function findPublishedIds(db: Executor): Promise<number[]> {
  const rows = await db.selectFrom('news_articles').select('id').where('status', '=', 'published').orderBy('published_at').orderBy('id').execute()
  return rows.map((r) => Number(r.id))
}

/** Every published article with what the sitemap and the search index need, newest first. */
export async function findPublishedForIndex(db: Executor): Promise<{ id: number; slug: string; category: string; title: string; lead: string; bodyHtml: string; publishedAt: Date | null; updatedAt: Date }[]> {
  const rows = await db
    .selectFrom('news_articles')
    .select(['id', 'slug', 'category', 'title', 'lead', 'body_html', 'published_at', 'updated_at'])
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
  return rows.map((r) => ({ id: Number(r.id), slug: r.slug, category: r.category, title: r.title, lead: r.lead, bodyHtml: r.body_html, publishedAt: toDateOrNull(r.published_at), updatedAt: toDate(r.updated_at) }))
}

/** Every published article's address parts and last change, newest first (for the sitemap). */
export async function findPublishedAddresses(db: Executor): Promise<{ slug: string; category: string; updatedAt: Date }[]> {
  const rows = await db.selectFrom('news_articles').select(['slug', 'category', 'updated_at']).where('status', '=', 'published').orderBy('published_at', 'desc').orderBy('id', 'desc').execute()
  return rows.map((r) => ({ slug: r.slug, category: r.category, updatedAt: toDate(r.updated_at) }))
}

/** The newest publication instant and last change among published articles (of a category), for feeds. */
export async function lastPublishedChange(db: Executor, category?: string): Promise<Date | null> {
  let q = db.selectFrom('news_articles').select((eb) => eb.fn.max('updated_at').as('at')).where('status', '=', 'published')
  if (category !== undefined) q = q.where('category', '=', category)
  const row = await q.executeTakeFirst()
  return row?.at ? toDate(row.at as string | Date) : null
}

// ---------- Images ----------

const IMAGE_COLUMNS = ['id', 'article_id', 'file_key', 'thumb_key', 'mime', 'width', 'height', 'caption', 'alt', 'created_at'] as const

type ImageRow = { id: number; article_id: number | null; file_key: string; thumb_key: string; mime: string; width: number; height: number; caption: string | null; alt: string; created_at: string | Date }

/** An image row as a record. */
function imageOf(r: ImageRow): ImageRecord {
  return {
    id: Number(r.id),
    articleId: r.article_id === null ? null : Number(r.article_id),
    fileKey: r.file_key,
    thumbKey: r.thumb_key,
    mime: r.mime,
    width: Number(r.width),
    height: Number(r.height),
    caption: r.caption,
    alt: r.alt,
    createdAt: toDate(r.created_at),
  }
}

/** Inserts an image row; returns its id. */
export async function insertImage(
  trx: Transaction<Database>,
  row: { articleId: number; fileKey: string; thumbKey: string; mime: string; width: number; height: number; caption: string; alt: string; uploadedBy: number | null; at: Date },
): Promise<number> {
  const { id } = await trx
    .insertInto('news_images')
    .values({
      article_id: row.articleId,
      file_key: row.fileKey,
      thumb_key: row.thumbKey,
      mime: row.mime,
      width: row.width,
      height: row.height,
      caption: row.caption,
      alt: row.alt,
      uploaded_by: row.uploadedBy,
      created_at: instant(row.at),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(id)
}

/** One image, or null. */
export async function findImage(db: Executor, id: number): Promise<ImageRecord | null> {
  const row = await db.selectFrom('news_images').select(IMAGE_COLUMNS).where('id', '=', id).executeTakeFirst()
  return row ? imageOf(row) : null
}

/** Images by id (unknown ids left out). */
export async function findImagesByIds(db: Executor, ids: readonly number[]): Promise<ImageRecord[]> {
  if (ids.length === 0) return []
  return (await db.selectFrom('news_images').select(IMAGE_COLUMNS).where('id', 'in', [...ids]).execute()).map(imageOf)
}

/** The images uploaded for an article, oldest first. */
export async function findImagesOfArticle(db: Executor, articleId: number): Promise<ImageRecord[]> {
  return (await db.selectFrom('news_images').select(IMAGE_COLUMNS).where('article_id', '=', articleId).orderBy('id').execute()).map(imageOf)
}

/** The status of the article an image belongs to (null: detached, or no such image). */
export async function imageArticleStatus(db: Executor, imageId: number): Promise<ArticleStatus | null> {
  const row = await db.selectFrom('news_images as i').innerJoin('news_articles as a', 'a.id', 'i.article_id').select('a.status').where('i.id', '=', imageId).executeTakeFirst()
  return row ? statusOf(row.status) : null
}

// ---------- Sitemap ----------

/** Public feedback items (published by a moderator), newest first, for the sitemap: the same rule as the public list. */
export async function findPublicFeedbackCodes(db: Executor, limit: number): Promise<{ code: string; at: Date | null }[]> {
  const rows = await db
    .selectFrom('feedback_items')
    .select(['code', 'published_at'])
    .where('is_published', '=', flag(true))
    .where('wants_public', '=', flag(true))
    .where('kind', 'in', ['report', 'petition'])
    .where('status', 'not in', ['new', 'rejected'])
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ code: r.code, at: toDateOrNull(r.published_at) }))
}
