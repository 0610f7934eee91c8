/**
 * Use cases of readers' comments: post one (behind a limit per address, a honeypot and the
 * captcha), read the approved ones of an article, and, for moderators, the queue with its counts,
 * approve / reject / mark as spam, reply officially, and keep the word filter and the
 * trusted-commenter setting. Each use case is one transaction; every moderation action and setting
 * change is audited in it.
 */
import type { Transaction } from 'kysely'
import type { FeatureDeps } from '../../app.ts'
import type { Db } from '../../db/database.ts'
import type { Database } from '../../db/schema.ts'
import { instant } from '../../db/portable.ts'
import { appendAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { createCaptcha } from '../../platform/captcha/captcha.ts'
import type { Captcha, CaptchaSolution } from '../../platform/captcha/captcha.ts'
import type { Clock } from '../../platform/clock.ts'
import { ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { hitCounter } from '../../platform/http/rate-counter.ts'
import * as units from '../units/index.ts'
import {
  canModerateComments,
  checkBody,
  checkComment,
  checkTrustedPublish,
  checkWordFilter,
  DEFAULT_TRUSTED_PUBLISH,
  DEFAULT_WORD_FILTER,
  findFlaggedWords,
  initialStatus,
  isCommentStatus,
  nextCommentStatus,
  parseWordFilter,
  tidyBody,
} from './comment.ts'
import type { CommentInput, CommentStatus, ModerationAction, TrustedPublishSetting } from './comment.ts'
import * as repo from './comment.repository.ts'
import type { CommentArticleRecord, CommentRecord, QueueRecord } from './comment.repository.ts'
import { editorScopes, isNewsEditor, NEWS_ROLES } from './news.policy.ts'

/** What the comment use cases need. */
export interface CommentDeps {
  readonly db: Db
  readonly clock: Clock
}

/** What posting a comment needs besides: the captcha. */
export interface PublicCommentDeps extends CommentDeps {
  readonly captcha: Captcha
}

// Settings keys, not messages: built from parts so the catalogue check does not take them for one.
const SETTINGS_NAMESPACE = 'news'
/** The settings key of the word filter (a JSON list of entries). */
export const WORD_FILTER_SETTING = `${SETTINGS_NAMESPACE}.word_filter`
/** The settings key of the trusted-commenter rule (JSON {isEnabled, minApproved}). */
export const TRUSTED_PUBLISH_SETTING = `${SETTINGS_NAMESPACE}.trusted_commenters_publish`

/** The audit log's name for comments. */
const COMMENT_ENTITY = 'news_comment'
const SETTING_ENTITY = 'setting'

/**
 * Comments from one address: five in ten minutes, twenty a day. A person discussing an article
 * stays well below; a script meets the limit after solving a few captchas.
 */
export const COMMENT_LIMITS_PER_ADDRESS = Object.freeze({ burst: { perWindow: 5, windowMs: 10 * 60_000 }, daily: { perWindow: 20, windowMs: 24 * 3_600_000 } })

/** The captcha of the comment form: 16 bits is under a second on a phone; an hour to write a comment. */
export const COMMENT_CAPTCHA = Object.freeze({ difficultyBits: 16, ttlMs: 3_600_000 })

/** Most approved top-level comments an article page shows (the newest). */
export const MAX_SHOWN_COMMENTS = 200

/** The comment form's captcha (stateless apart from spent challenges, so any instance will do). */
export function createCommentCaptcha(deps: Pick<FeatureDeps, 'db'> & { readonly config: Pick<FeatureDeps['config'], 'sessionSecret'> }): Captcha {
  return createCaptcha({ secret: deps.config.sessionSecret, difficultyBits: COMMENT_CAPTCHA.difficultyBits, ttlMs: COMMENT_CAPTCHA.ttlMs, db: deps.db })
}

/** The actor of a principal. */
function actorOf(principal: Principal): Actor {
  return { id: principal.staffId, label: principal.username }
}

// ---------------------------------------------------------------------------------------------
// Views

/** A comment as the public sees it: never the email. */
export interface PublicComment {
  readonly id: number
  readonly authorName: string
  readonly body: string
  readonly createdAt: Date
  /** A staff reply: the authority's official answer. */
  readonly isOfficial: boolean
}

/** A top-level comment with the official replies under it. */
export interface PublicThread extends PublicComment {
  readonly replies: readonly PublicComment[]
}

/** The approved comments of an article. */
export interface ArticleComments {
  /** Approved comments in all, replies included. */
  readonly total: number
  /** Newest first (at most MAX_SHOWN_COMMENTS), each with its replies oldest first. */
  readonly threads: readonly PublicThread[]
}

/** A comment of the moderation queue, with what a moderator decides on. */
export interface QueueItem {
  readonly id: number
  readonly article: { readonly id: number; readonly title: string; readonly slug: string; readonly category: string }
  readonly authorName: string
  readonly body: string
  readonly status: CommentStatus
  readonly flaggedWords: readonly string[]
  readonly createdAt: Date
  readonly moderatedAt: Date | null
  readonly moderatorName: string | null
  /** Approved comments the same email already has (a regular commenter, or a first one). */
  readonly approvedByEmail: number
  readonly replies: readonly PublicComment[]
}

/** The moderation settings. */
export interface ModerationSettings {
  readonly wordFilter: readonly string[]
  readonly trustedPublish: TrustedPublishSetting
}

/** The public side of a comment. */
function publicOf(c: CommentRecord): PublicComment {
  return { id: c.id, authorName: c.authorName, body: c.body, createdAt: c.createdAt, isOfficial: c.isOfficial }
}

/** Threads of approved comments: top level newest first, replies (to a shown comment) under it, oldest first. */
function threadsOf(comments: readonly CommentRecord[]): ArticleComments {
  const replies = new Map<number, PublicComment[]>()
  for (const c of comments) {
    if (c.parentId === null) continue
    let list = replies.get(c.parentId)
    if (!list) replies.set(c.parentId, (list = []))
    list.push(publicOf(c))
  }
  const tops = comments.filter((c) => c.parentId === null).reverse()
  // A reply counts only under a comment that is shown.
  const replyCount = tops.reduce((sum, c) => sum + (replies.get(c.id)?.length ?? 0), 0)
  const threads = tops.slice(0, MAX_SHOWN_COMMENTS).map((c) => ({ ...publicOf(c), replies: replies.get(c.id) ?? [] }))
  return { total: tops.length + replyCount, threads }
}

// ---------------------------------------------------------------------------------------------
// Settings

/** Parses a stored setting, or the default when absent or unreadable. */
function settingOr<T>(text: string | undefined, fallback: T, read: (value: unknown) => T | null): T {
  if (text === undefined) return fallback
  try {
    return read(JSON.parse(text)) ?? fallback
  } catch {
    return fallback
  }
}

/** The moderation settings in force (stored, or the defaults), read with the executor given. */
async function readModerationSettings(db: Db | Transaction<Database>): Promise<ModerationSettings> {
  const stored = await repo.readSettings(db, [WORD_FILTER_SETTING, TRUSTED_PUBLISH_SETTING])
  const wordFilter = settingOr<readonly string[]>(stored.get(WORD_FILTER_SETTING), DEFAULT_WORD_FILTER, (v) => (Array.isArray(v) ? parseWordFilter(v.filter((w): w is string => typeof w === 'string')) : null))
  const trustedPublish = settingOr<TrustedPublishSetting>(stored.get(TRUSTED_PUBLISH_SETTING), DEFAULT_TRUSTED_PUBLISH, (v) => {
    if (typeof v !== 'object' || v === null) return null
    const { setting, fields } = checkTrustedPublish(v as { isEnabled: unknown; minApproved: unknown })
    return Object.keys(fields).length === 0 ? setting : null
  })
  return { wordFilter, trustedPublish }
}

/** The moderation settings in force: the word filter and the trusted-commenter rule. */
export function getModerationSettings(deps: Pick<CommentDeps, 'db'>): Promise<ModerationSettings> {
  return readModerationSettings(deps.db)
}

/** Whether the principal may change the moderation settings: a news editor (leader, moderator, admin) of the home unit. */
export async function canEditModerationSettings(deps: CommentDeps, principal: Principal | null): Promise<boolean> {
  if (!principal) return false
  const home = await units.getHomeUnit(deps)
  return home !== null && units.hasRoleOn(principal, NEWS_ROLES, home.path)
}

/** The settings as a moderator types them. */
export interface ModerationSettingsInput {
  /** One entry a line (or comma-separated), or a list. */
  readonly wordFilter: string | readonly string[]
  readonly isTrustedPublishEnabled: boolean
  /** A number, or its text as typed. */
  readonly minApproved: number | string
}

/** Replaces the moderation settings; one audit entry per setting that changed. */
export async function updateModerationSettings(deps: CommentDeps, principal: Principal, input: ModerationSettingsInput): Promise<ModerationSettings> {
  if (!(await canEditModerationSettings(deps, principal))) throw new ForbiddenError()
  const fields: FieldErrors = {}
  const wordFilter = parseWordFilter(input.wordFilter)
  const filterError = checkWordFilter(wordFilter)
  if (filterError) fields.wordFilter = filterError
  const trusted = checkTrustedPublish({ isEnabled: input.isTrustedPublishEnabled, minApproved: input.minApproved })
  Object.assign(fields, trusted.fields)
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const before = await readModerationSettings(trx)
    const after: ModerationSettings = { wordFilter, trustedPublish: trusted.setting }
    if (JSON.stringify(before.wordFilter) !== JSON.stringify(after.wordFilter)) {
      await repo.writeSetting(trx, WORD_FILTER_SETTING, JSON.stringify(after.wordFilter), now)
      await appendAudit(trx, { actor: actorOf(principal), at: now, entity: SETTING_ENTITY, entityId: WORD_FILTER_SETTING, action: 'update', before: before.wordFilter, after: after.wordFilter })
    }
    if (JSON.stringify(before.trustedPublish) !== JSON.stringify(after.trustedPublish)) {
      await repo.writeSetting(trx, TRUSTED_PUBLISH_SETTING, JSON.stringify(after.trustedPublish), now)
      await appendAudit(trx, { actor: actorOf(principal), at: now, entity: SETTING_ENTITY, entityId: TRUSTED_PUBLISH_SETTING, action: 'update', before: before.trustedPublish, after: after.trustedPublish })
    }
    return after
  })
}

// ---------------------------------------------------------------------------------------------
// The public side

/** The published article of a slug that takes comments; 404 when there is none, 409 when comments are closed. */
async function openArticle(db: Db | Transaction<Database>, slug: string): Promise<CommentArticleRecord> {
  const article = await repo.findArticleBySlug(db, slug)
  if (!article || article.status !== 'published') throw new NotFoundError('news.errors.notFound')
  if (!article.isCommentsEnabled) throw new ConflictError('comments.errors.closed')
  return article
}

/** The published article of a slug, when it takes comments: 404 when there is none, 409 when comments are closed. */
export function getCommentableArticle(deps: Pick<CommentDeps, 'db'>, slug: string): Promise<CommentArticleRecord> {
  return openArticle(deps.db, slug)
}

/** The approved comments of an article, by its id (the article page has already found it). */
export async function listApprovedComments(deps: Pick<CommentDeps, 'db'>, articleId: number): Promise<ArticleComments> {
  return threadsOf(await repo.findApproved(deps.db, articleId))
}

/** The approved comments of a published article, by slug; 404 for an article the public cannot see. */
export async function listApprovedCommentsBySlug(deps: Pick<CommentDeps, 'db'>, slug: string): Promise<ArticleComments> {
  const article = await repo.findArticleBySlug(deps.db, slug)
  if (!article || article.status !== 'published') throw new NotFoundError('news.errors.notFound')
  return listApprovedComments(deps, article.id)
}

/** What a public post carries besides the comment: the spam defences. */
export interface PublicPostCheck {
  readonly clientAddress: string
  readonly captcha: CaptchaSolution
  /** The hidden field people never see; anything in it means a script filled the form. */
  readonly honeypot: string | null | undefined
}

/** A comment just posted: held for moderation, or out at once (a trusted commenter). */
export interface PostedComment {
  readonly id: number
  readonly articleId: number
  readonly status: CommentStatus
}

/** Counts a post from an address against both limits; 429 past either. */
async function countPost(deps: CommentDeps, clientAddress: string, now: Date): Promise<void> {
  const { burst, daily } = COMMENT_LIMITS_PER_ADDRESS
  if ((await hitCounter(deps.db, `news-comment:${clientAddress}`, burst.windowMs, now)) > burst.perWindow) {
    throw new TooManyRequestsError('comments.errors.tooMany', Math.ceil(burst.windowMs / 1000))
  }
  if ((await hitCounter(deps.db, `news-comment-day:${clientAddress}`, daily.windowMs, now)) > daily.perWindow) {
    throw new TooManyRequestsError('comments.errors.tooManyToday', Math.ceil(daily.windowMs / 1000))
  }
}

/**
 * Posts a reader's comment on a published article: the limit per address (429), the honeypot (a
 * generic 422 that does not say why), the article (404, or 409 when comments are closed), then the
 * fields and the captcha together (422 by field). The word filter records what it catches; the
 * comment waits for a moderator unless the trusted-commenter rule publishes it (audited as the system).
 */
export async function postComment(deps: PublicCommentDeps, slug: string, input: CommentInput, check: PublicPostCheck): Promise<PostedComment> {
  const now = deps.clock.now()
  await countPost(deps, check.clientAddress, now)
  if (typeof check.honeypot === 'string' && check.honeypot.trim() !== '') throw new ValidationError({}, 'comments.errors.rejected')
  await openArticle(deps.db, slug)
  const { comment, fields } = checkComment(input)
  const verdict = await deps.captcha.verify(check.captcha, now)
  if (!verdict.ok) fields.captcha = verdict.reason
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)

  return deps.db.transaction().execute(async (trx) => {
    // Read again inside: the article may have been taken down or closed meanwhile.
    const article = await openArticle(trx, slug)
    const settings = await readModerationSettings(trx)
    const flaggedWords = findFlaggedWords(`${comment.authorName}\n${comment.body}`, settings.wordFilter)
    const approvedByEmail = settings.trustedPublish.isEnabled && flaggedWords.length === 0 ? await repo.countApprovedByEmail(trx, comment.email) : 0
    const status = initialStatus({ trusted: settings.trustedPublish, flaggedWords, approvedByEmail })
    const id = await repo.insertComment(trx, {
      article_id: article.id,
      parent_id: null,
      author_name: comment.authorName,
      author_email: comment.email,
      body: comment.body,
      status,
      is_official: 0,
      staff_id: null,
      flagged_words: flaggedWords.length > 0 ? JSON.stringify(flaggedWords) : null,
      created_at: instant(now),
      moderated_at: status === 'approved' ? instant(now) : null,
      moderated_by: null,
    })
    if (status === 'approved') {
      await appendAudit(trx, { actor: SYSTEM_ACTOR, at: now, entity: COMMENT_ENTITY, entityId: id, action: 'auto_approve', after: { articleId: article.id, status, approvedByEmail } })
    }
    return { id, articleId: article.id, status }
  })
}

// ---------------------------------------------------------------------------------------------
// Moderation

/** Filters of the queue. */
export interface QueueInput {
  /** pending (default), approved, rejected, spam, or all (pending first). */
  readonly status?: string | undefined
  readonly isFlaggedOnly?: boolean | undefined
  readonly articleId?: number | null | undefined
  readonly page?: number | undefined
  readonly pageSize?: number | undefined
}

/** Most comments on one page of the queue. */
export const MAX_QUEUE_PAGE_SIZE = 100

/** The queue, its counts per status, and the filter as applied. */
export interface Queue {
  readonly status: CommentStatus | 'all'
  readonly total: number
  readonly counts: Readonly<Record<CommentStatus, number>>
  readonly items: readonly QueueItem[]
}

/** The queue items of records: replies and the emails' approved counts in one query each. */
async function queueItemsOf(db: Db | Transaction<Database>, records: readonly QueueRecord[]): Promise<QueueItem[]> {
  const emails = [...new Set(records.map((r) => r.authorEmail).filter((e): e is string => e !== null))]
  const [approved, replies] = await Promise.all([repo.countApprovedByEmails(db, emails), repo.findReplies(db, records.map((r) => r.id))])
  return records.map((r) => ({
    id: r.id,
    article: { id: r.article.id, title: r.article.title, slug: r.article.slug, category: r.article.category },
    authorName: r.authorName,
    body: r.body,
    status: r.status,
    flaggedWords: r.flaggedWords,
    createdAt: r.createdAt,
    moderatedAt: r.moderatedAt,
    moderatorName: r.moderatorName,
    approvedByEmail: r.authorEmail === null ? 0 : (approved.get(r.authorEmail) ?? 0),
    replies: replies.filter((c) => c.parentId === r.id && c.status === 'approved').map(publicOf),
  }))
}

/** Throws 403 unless the principal moderates comments somewhere (edits news). */
export function requireModerator(principal: Principal): void {
  if (!isNewsEditor(principal)) throw new ForbiddenError()
}

/** The moderation queue of the articles the principal edits (403 for anyone else), with counts per status. */
export async function listModerationQueue(deps: Pick<CommentDeps, 'db'>, principal: Principal, input: QueueInput = {}): Promise<Queue> {
  requireModerator(principal)
  const asked = input.status ?? 'pending'
  if (asked !== 'all' && !isCommentStatus(asked)) throw new ValidationError({ status: 'comments.errors.status' })
  const pageSize = Math.min(Math.max(Math.trunc(input.pageSize ?? 20), 1), MAX_QUEUE_PAGE_SIZE)
  const page = Math.max(Math.trunc(input.page ?? 1), 1)
  const scopes = editorScopes(principal)
  const [found, counts] = await Promise.all([
    repo.findQueue(deps.db, {
      scopes,
      status: asked === 'all' ? null : asked,
      isFlaggedOnly: input.isFlaggedOnly === true,
      articleId: input.articleId ?? null,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    }),
    repo.countByStatus(deps.db, scopes),
  ])
  return { status: asked, total: found.total, counts, items: await queueItemsOf(deps.db, found.items) }
}

/** A comment the principal moderates, inside the transaction; 404 when unknown, 403 when not theirs. */
async function loadModerated(trx: Transaction<Database>, principal: Principal, id: number): Promise<QueueRecord> {
  const record = await repo.findQueueRecord(trx, id)
  if (!record) throw new NotFoundError('comments.errors.notFound')
  if (!canModerateComments(principal, record.article.unitPath)) throw new ForbiddenError()
  return record
}

/** Approves, rejects or marks a comment as spam (any decision may be revised); 409 when it is already there. */
export async function moderateComment(deps: CommentDeps, principal: Principal, id: number, action: ModerationAction): Promise<QueueItem> {
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadModerated(trx, principal, id)
    const status = nextCommentStatus(before.status, action)
    if (status === null) throw new ConflictError(`comments.errors.already.${before.status}`)
    await repo.setStatus(trx, id, status, now, principal.staffId)
    await appendAudit(trx, { actor: actorOf(principal), at: now, entity: COMMENT_ENTITY, entityId: id, action, before: { status: before.status }, after: { status } })
    const [item] = await queueItemsOf(trx, [(await repo.findQueueRecord(trx, id))!])
    return item!
  })
}

/**
 * Replies to a reader's comment as the authority: the reply is official and shown at once, under
 * the comment. Replying to a comment still waiting approves it too (both audited); a rejected or
 * spam comment, or a reply, cannot be replied to (409).
 */
export async function replyToComment(deps: CommentDeps, principal: Principal, id: number, text: string): Promise<QueueItem> {
  const now = deps.clock.now()
  const body = tidyBody(text)
  const bodyError = checkBody(body)
  return deps.db.transaction().execute(async (trx) => {
    const parent = await loadModerated(trx, principal, id)
    if (parent.parentId !== null || parent.isOfficial) throw new ConflictError('comments.errors.replyToReply')
    if (parent.status === 'rejected' || parent.status === 'spam') throw new ConflictError('comments.errors.replyToHidden')
    if (bodyError) throw new ValidationError({ reply: bodyError })
    if (parent.status === 'pending') {
      await repo.setStatus(trx, id, 'approved', now, principal.staffId)
      await appendAudit(trx, { actor: actorOf(principal), at: now, entity: COMMENT_ENTITY, entityId: id, action: 'approve', before: { status: 'pending' }, after: { status: 'approved' } })
    }
    const replyId = await repo.insertComment(trx, {
      article_id: parent.articleId,
      parent_id: parent.id,
      author_name: principal.fullName,
      author_email: null,
      body,
      status: 'approved',
      is_official: 1,
      staff_id: principal.staffId,
      flagged_words: null,
      created_at: instant(now),
      moderated_at: instant(now),
      moderated_by: principal.staffId,
    })
    await appendAudit(trx, { actor: actorOf(principal), at: now, entity: COMMENT_ENTITY, entityId: replyId, action: 'reply', after: { parentId: parent.id, articleId: parent.articleId, body } })
    const [item] = await queueItemsOf(trx, [(await repo.findQueueRecord(trx, id))!])
    return item!
  })
}
