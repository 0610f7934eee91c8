/** Every query of comments: the article they hang on, the comments, the queue, and the moderation settings. */
import type { Insertable, Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { instant, prepareQuery, toDate, toDateOrNull } from '../../db/portable.ts'
import { isCommentStatus } from './comment.ts'
import type { CommentStatus } from './comment.ts'
import type { NewsCommentsTable } from './news.table.ts'
import { isArticleStatus } from './news.ts'
import type { ArticleStatus } from './news.ts'

type Executor = Kysely<Database> | Transaction<Database>

/** The article a comment belongs to, as far as comments need it. */
export interface CommentArticleRecord {
  readonly id: number
  readonly slug: string
  readonly category: string
  readonly title: string
  readonly unitPath: string
  readonly status: ArticleStatus
  readonly isCommentsEnabled: boolean
}

/** A comment row. */
export interface CommentRecord {
  readonly id: number
  readonly articleId: number
  readonly parentId: number | null
  readonly authorName: string
  readonly authorEmail: string | null
  readonly body: string
  readonly status: CommentStatus
  readonly isOfficial: boolean
  readonly staffId: number | null
  readonly flaggedWords: readonly string[]
  readonly createdAt: Date
  readonly moderatedAt: Date | null
  readonly moderatedBy: number | null
}

/** A comment of the queue, with its article and who moderated it. */
export interface QueueRecord extends CommentRecord {
  readonly article: CommentArticleRecord
  readonly moderatorName: string | null
}

/** Where a principal's queue reaches: a unit alone, or a unit and those under it. */
export interface UnitScope {
  readonly path: string
  readonly isSubtree: boolean
}

/** A status read back; anything else in the column is a bug worth failing on. */
function statusOf(value: string): CommentStatus {
  if (!isCommentStatus(value)) throw new Error(`news_comments.status holds ${JSON.stringify(value)}`)
  return value
}

/** The flagged words stored as JSON text (null for none). */
function flaggedOf(value: string | null): string[] {
  if (value === null || value === '') return []
  const parsed: unknown = JSON.parse(value)
  return Array.isArray(parsed) ? parsed.filter((w): w is string => typeof w === 'string') : []
}

const COMMENT_COLUMNS = [
  'c.id',
  'c.article_id',
  'c.parent_id',
  'c.author_name',
  'c.author_email',
  'c.body',
  'c.status',
  'c.is_official',
  'c.staff_id',
  'c.flagged_words',
  'c.created_at',
  'c.moderated_at',
  'c.moderated_by',
] as const

type CommentRow = {
  id: number | string
  article_id: number | string
  parent_id: number | string | null
  author_name: string
  author_email: string | null
  body: string
  status: string
  is_official: number | string
  staff_id: number | string | null
  flagged_words: string | null
  created_at: string | Date
  moderated_at: string | Date | null
  moderated_by: number | string | null
}

/** Maps a comment row. */
function toComment(r: CommentRow): CommentRecord {
  return {
    id: Number(r.id),
    articleId: Number(r.article_id),
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    authorName: r.author_name,
    authorEmail: r.author_email,
    body: r.body,
    status: statusOf(r.status),
    isOfficial: Number(r.is_official) === 1,
    staffId: r.staff_id === null ? null : Number(r.staff_id),
    flaggedWords: flaggedOf(r.flagged_words),
    createdAt: toDate(r.created_at),
    moderatedAt: toDateOrNull(r.moderated_at),
    moderatedBy: r.moderated_by === null ? null : Number(r.moderated_by),
  }
}

const ARTICLE_COLUMNS = ['a.id as a_id', 'a.slug as a_slug', 'a.category as a_category', 'a.title as a_title', 'u.path as a_unit_path', 'a.status as a_status', 'a.comments_enabled as a_comments_enabled'] as const

type ArticleRow = { a_id: number | string; a_slug: string; a_category: string; a_title: string; a_unit_path: string; a_status: string; a_comments_enabled: number | string }

/** Maps the article columns of a row. */
function toArticle(r: ArticleRow): CommentArticleRecord {
  if (!isArticleStatus(r.a_status)) throw new Error(`news_articles.status holds ${JSON.stringify(r.a_status)}`)
  return {
    id: Number(r.a_id),
    slug: r.a_slug,
    category: r.a_category,
    title: r.a_title,
    unitPath: r.a_unit_path,
    status: r.a_status,
    isCommentsEnabled: Number(r.a_comments_enabled) === 1,
  }
}

/** The article of a slug (any status), or null. */
export async function findArticleBySlug(db: Executor, slug: string): Promise<CommentArticleRecord | null> {
  const row = await db.selectFrom('news_articles as a').innerJoin('units as u', 'u.id', 'a.unit_id').select(ARTICLE_COLUMNS).where('a.slug', '=', slug).executeTakeFirst()
  return row ? toArticle(row) : null
}

/** Inserts a comment; returns its id. */
export async function insertComment(trx: Transaction<Database>, row: Insertable<NewsCommentsTable>): Promise<number> {
  const inserted = await trx.insertInto('news_comments').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(inserted.id)
}

/** One comment with its article and moderator, or null. */
export async function findQueueRecord(db: Executor, id: number): Promise<QueueRecord | null> {
  const row = await queueBase(db).select(COMMENT_COLUMNS).select(ARTICLE_COLUMNS).select('m.full_name as moderator_name').where('c.id', '=', id).executeTakeFirst()
  return row ? { ...toComment(row), article: toArticle(row), moderatorName: row.moderator_name } : null
}

/** Sets a comment's status, with who moderated it and when. */
export async function setStatus(trx: Transaction<Database>, id: number, status: CommentStatus, at: Date, staffId: number | null): Promise<void> {
  await trx.updateTable('news_comments').set({ status, moderated_at: instant(at), moderated_by: staffId }).where('id', '=', id).execute()
}

// The article page reads its comments on every view: compiled once per database.
const approvedQuery = prepareQuery([-7_310_417] as [number], (db: Kysely<Database>, articleId) =>
  db
    .selectFrom('news_comments as c')
    .select(COMMENT_COLUMNS)
    .where('c.article_id', '=', articleId)
    .where('c.status', '=', 'approved')
    .orderBy('c.created_at')
    .orderBy('c.id'),
)

/** The approved comments of an article (top level and replies), oldest first. */
export async function findApproved(db: Executor, articleId: number): Promise<CommentRecord[]> {
  return (await approvedQuery.execute(db, articleId)).map((r) => toComment(r as CommentRow))
}

/** How many approved comments, not by staff, an email has. */
export async function countApprovedByEmail(db: Executor, email: string): Promise<number> {
  const row = await db
    .selectFrom('news_comments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('author_email', '=', email)
    .where('status', '=', 'approved')
    .where('is_official', '=', 0)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Approved comments per email, for the emails given (emails with none are absent). */
export async function countApprovedByEmails(db: Executor, emails: readonly string[]): Promise<Map<string, number>> {
  if (emails.length === 0) return new Map()
  const rows = await db
    .selectFrom('news_comments')
    .select(['author_email', (eb) => eb.fn.countAll().as('n')])
    .where('author_email', 'in', [...emails])
    .where('status', '=', 'approved')
    .where('is_official', '=', 0)
    .groupBy('author_email')
    .execute()
  return new Map(rows.map((r) => [r.author_email ?? '', Number(r.n)]))
}

/** The replies to the comments given, oldest first. */
export async function findReplies(db: Executor, parentIds: readonly number[]): Promise<CommentRecord[]> {
  if (parentIds.length === 0) return []
  const rows = await db.selectFrom('news_comments as c').select(COMMENT_COLUMNS).where('c.parent_id', 'in', [...parentIds]).orderBy('c.created_at').orderBy('c.id').execute()
  return rows.map(toComment)
}

/** Comments joined with their article, its unit and the moderator. */
function queueBase(db: Executor) {
  return db
    .selectFrom('news_comments as c')
    .innerJoin('news_articles as a', 'a.id', 'c.article_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .leftJoin('staff as m', 'm.id', 'c.moderated_by')
}

/** The queue's filter. */
export interface QueueFilter {
  readonly scopes: readonly UnitScope[]
  /** One status, or null for all (pending first). */
  readonly status: CommentStatus | null
  readonly isFlaggedOnly: boolean
  readonly articleId: number | null
  readonly limit: number
  readonly offset: number
}

/** Restricts a query to the units of the scopes. */
function inScopes(scopes: readonly UnitScope[]) {
  return (eb: any) => eb.or(scopes.map((s) => (s.isSubtree ? eb('u.path', 'like', `${s.path}%`) : eb('u.path', '=', s.path))))
}

/**
 * One page of the queue: readers' comments (staff replies are shown under their comment), pending
 * first and oldest first among them, so the longest wait is seen first; the rest newest first.
 */
export async function findQueue(db: Executor, filter: QueueFilter): Promise<{ total: number; items: QueueRecord[] }> {
  if (filter.scopes.length === 0) return { total: 0, items: [] }
  let query = queueBase(db).where(inScopes(filter.scopes)).where('c.is_official', '=', 0)
  if (filter.status !== null) query = query.where('c.status', '=', filter.status)
  if (filter.isFlaggedOnly) query = query.where('c.flagged_words', 'is not', null)
  if (filter.articleId !== null) query = query.where('c.article_id', '=', filter.articleId)
  const count = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  const rows = await query
    .select(COMMENT_COLUMNS)
    .select(ARTICLE_COLUMNS)
    .select('m.full_name as moderator_name')
    .orderBy(sql`case when c.status = 'pending' then 0 else 1 end`)
    // Among pending ones the oldest first; the second key is null (equal) for the others.
    .orderBy(sql`case when c.status = 'pending' then c.created_at end`)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute()
  return { total: Number(count.n), items: rows.map((r) => ({ ...toComment(r), article: toArticle(r), moderatorName: r.moderator_name })) }
}

/** Readers' comments per status within the scopes. */
export async function countByStatus(db: Executor, scopes: readonly UnitScope[]): Promise<Record<CommentStatus, number>> {
  const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, rejected: 0, spam: 0 }
  if (scopes.length === 0) return counts
  const rows = await queueBase(db)
    .where(inScopes(scopes))
    .where('c.is_official', '=', 0)
    .select(['c.status', (eb) => eb.fn.countAll().as('n')])
    .groupBy('c.status')
    .execute()
  for (const r of rows) if (isCommentStatus(r.status)) counts[r.status] = Number(r.n)
  return counts
}

/** Several settings' stored JSON texts, by key (absent when never set). */
export async function readSettings(db: Executor, keys: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('settings').select(['key', 'value_json']).where('key', 'in', [...keys]).execute()
  return new Map(rows.map((r) => [r.key, r.value_json]))
}

/** Stores a setting's JSON text. */
export async function writeSetting(trx: Transaction<Database>, key: string, valueJson: string, at: Date): Promise<void> {
  await trx.deleteFrom('settings').where('key', '=', key).execute()
  await trx.insertInto('settings').values({ key, value_json: valueJson, updated_at: instant(at) }).execute()
}
