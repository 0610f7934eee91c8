/**
 * JSON routes of comments. Public: the approved comments of a published article and posting one
 * (GET/POST /api/v1/news/{slug}/comments), with the captcha to solve first
 * (GET /api/v1/comments/captcha). Staff (news editors, by API token or session): the moderation
 * queue with counts, approve / reject / spam, an official reply, and the moderation settings.
 */
import { Type } from 'typebox'
import type { App, FeatureDeps } from '../../app.ts'
import type { Captcha } from '../../platform/captcha/captcha.ts'
import { questionText } from '../../platform/captcha/captcha.ts'
import { ErrorBody, requirePrincipal } from '../../platform/http/api.ts'
import { formatInstant } from '../calendar/index.ts'
import { COMMENT_LIMITS, COMMENT_STATUSES, MODERATION_ACTIONS, WORD_FILTER_LIMITS } from './comment.ts'
import type { ModerationAction } from './comment.ts'
import * as service from './comment.service.ts'
import type { ArticleComments, ModerationSettings, PublicComment, QueueItem } from './comment.service.ts'
import { articlePath } from './news.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody }

/** Route config of the public post: it is not authenticated by a cookie, so no CSRF token. */
const NOT_COOKIE_AUTHENTICATED = Object.freeze({ csrf: false })

const Instant = Type.String({ description: 'Vietnam time with its offset, e.g. 2026-03-02T09:00:00+07:00' })
const StatusEnum = Type.Enum([...COMMENT_STATUSES])

const CommentBody = Type.Object({
  id: Type.Integer(),
  authorName: Type.String(),
  body: Type.String(),
  createdAt: Instant,
  isOfficial: Type.Boolean({ description: 'A staff reply: the authority’s official answer' }),
})

const ThreadBody = Type.Object({ ...CommentBody.properties, replies: Type.Array(CommentBody) })

const ArticleCommentsBody = Type.Object({
  total: Type.Integer({ description: 'Approved comments, replies included' }),
  items: Type.Array(ThreadBody, { description: 'Newest first, each with its official replies oldest first' }),
})

const PostBody = Type.Object({
  authorName: Type.String({ maxLength: 1000 }),
  email: Type.String({ maxLength: 1000 }),
  body: Type.String({ maxLength: 20_000 }),
  captchaToken: Type.Optional(Type.String({ maxLength: 1000 })),
  captchaNonce: Type.Optional(Type.String({ maxLength: 100 })),
  captchaAnswer: Type.Optional(Type.String({ maxLength: 100 })),
  website: Type.Optional(Type.String({ maxLength: 1000, description: 'Leave empty (a field people never see)' })),
})

const PostedBody = Type.Object({
  id: Type.Integer(),
  status: StatusEnum,
  isPublished: Type.Boolean({ description: 'false while the comment waits for a moderator' }),
})

const ChallengeBody = Type.Object({
  token: Type.String(),
  salt: Type.String(),
  difficultyBits: Type.Integer(),
  expiresAt: Instant,
  question: Type.String({ description: 'The fallback question in words, in the request language' }),
})

const QueueItemBody = Type.Object({
  id: Type.Integer(),
  article: Type.Object({ id: Type.Integer(), title: Type.String(), url: Type.String() }),
  authorName: Type.String(),
  body: Type.String(),
  status: StatusEnum,
  flaggedWords: Type.Array(Type.String()),
  createdAt: Instant,
  moderatedAt: Type.Union([Instant, Type.Null()]),
  moderatorName: Type.Union([Type.String(), Type.Null()]),
  approvedByEmail: Type.Integer({ description: 'Approved comments the same email already has' }),
  replies: Type.Array(CommentBody),
})

const QueueQuery = Type.Object({
  status: Type.Optional(Type.Enum([...COMMENT_STATUSES, 'all'], { description: 'pending (default), approved, rejected, spam, or all (pending first)' })),
  flagged: Type.Optional(Type.Boolean({ description: 'Only comments the word filter caught' })),
  article: Type.Optional(Type.Integer({ minimum: 1 })),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: service.MAX_QUEUE_PAGE_SIZE })),
})

const QueueBody = Type.Object({
  total: Type.Integer(),
  counts: Type.Object({ pending: Type.Integer(), approved: Type.Integer(), rejected: Type.Integer(), spam: Type.Integer() }),
  items: Type.Array(QueueItemBody),
})

const SettingsBody = Type.Object({
  wordFilter: Type.Array(Type.String({ maxLength: 200 }), { maxItems: WORD_FILTER_LIMITS.entries * 2, description: 'Words and phrases; matched as whole words on text without diacritics' }),
  trustedPublish: Type.Object({
    isEnabled: Type.Boolean({ description: 'Publish at once comments from an email with enough approved comments' }),
    minApproved: Type.Integer({ description: 'Approved comments such an email must have' }),
  }),
})

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) })
const ActionParams = Type.Object({ id: Type.Integer({ minimum: 1 }), action: Type.Enum([...MODERATION_ACTIONS]) })
const ReplyBody = Type.Object({ body: Type.String({ maxLength: COMMENT_LIMITS.body * 10 }) })

/** A comment as the API shows it. */
function presentComment(c: PublicComment) {
  return { id: c.id, authorName: c.authorName, body: c.body, createdAt: formatInstant(c.createdAt), isOfficial: c.isOfficial }
}

/** An article's approved comments. */
function presentArticleComments(comments: ArticleComments) {
  return { total: comments.total, items: comments.threads.map((thread) => ({ ...presentComment(thread), replies: thread.replies.map(presentComment) })) }
}

/** A comment of the queue. */
function presentQueueItem(item: QueueItem) {
  return {
    id: item.id,
    article: { id: item.article.id, title: item.article.title, url: articlePath(item.article.category, item.article.slug) },
    authorName: item.authorName,
    body: item.body,
    status: item.status,
    flaggedWords: [...item.flaggedWords],
    createdAt: formatInstant(item.createdAt),
    moderatedAt: item.moderatedAt ? formatInstant(item.moderatedAt) : null,
    moderatorName: item.moderatorName,
    approvedByEmail: item.approvedByEmail,
    replies: item.replies.map(presentComment),
  }
}

/** The settings. */
function presentSettings(settings: ModerationSettings) {
  return { wordFilter: [...settings.wordFilter], trustedPublish: { ...settings.trustedPublish } }
}

/** Registers the comments API. */
export function registerCommentApi(app: App, deps: FeatureDeps & { readonly captcha: Captcha }): void {
  app.get(
    '/api/v1/comments/captcha',
    {
      schema: {
        tags: ['news'],
        summary: 'A fresh captcha for posting a comment: find a nonce such that sha256(salt + nonce) has difficultyBits leading zero bits, or answer the question',
        response: { 200: ChallengeBody, ...errors },
      },
    },
    async (req, reply) => {
      const challenge = deps.captcha.issue(deps.clock.now())
      reply.header('cache-control', 'no-store')
      return { token: challenge.token, salt: challenge.salt, difficultyBits: challenge.difficultyBits, expiresAt: formatInstant(challenge.expiresAt), question: questionText(challenge.question, req.t) }
    },
  )

  app.get(
    '/api/v1/news/:slug/comments',
    {
      schema: {
        tags: ['news'],
        summary: 'The approved comments of a published article, newest first, with the official replies under each',
        params: SlugParams,
        response: { 200: ArticleCommentsBody, ...errors },
      },
    },
    async (req, reply) => {
      const comments = await service.listApprovedCommentsBySlug(deps, req.params.slug)
      reply.header('cache-control', 'public, max-age=60')
      return presentArticleComments(comments)
    },
  )

  app.post(
    '/api/v1/news/:slug/comments',
    {
      schema: {
        tags: ['news'],
        summary:
          'Post a comment on a published article: full name, email (never shown) and plain text of at most 2,000 characters. Solve the captcha first (GET /api/v1/comments/captcha), leave `website` empty; 5 comments in 10 minutes and 20 a day per address (429). The comment waits for a moderator unless its sender is trusted (a setting).',
        params: SlugParams,
        body: PostBody,
        response: { 201: PostedBody, ...errors },
      },
      config: NOT_COOKIE_AUTHENTICATED,
    },
    async (req, reply) => {
      const body = req.body
      const posted = await service.postComment(
        deps,
        req.params.slug,
        { authorName: body.authorName, email: body.email, body: body.body },
        { clientAddress: req.ip, honeypot: body.website, captcha: { token: body.captchaToken, nonce: body.captchaNonce, answer: body.captchaAnswer } },
      )
      reply.header('cache-control', 'no-store')
      return reply.code(201).send({ id: posted.id, status: posted.status, isPublished: posted.status === 'approved' })
    },
  )

  app.get(
    '/api/v1/comments',
    {
      schema: {
        tags: ['news'],
        summary: 'The moderation queue of the articles you edit: readers’ comments with counts per status (pending first when all are asked for)',
        security: [{ bearer: [] }],
        querystring: QueueQuery,
        response: { 200: QueueBody, ...errors },
      },
    },
    async (req, reply) => {
      const q = req.query
      const queue = await service.listModerationQueue(deps, requirePrincipal(req.principal), { status: q.status, isFlaggedOnly: q.flagged, articleId: q.article ?? null, page: q.page, pageSize: q.pageSize })
      reply.header('cache-control', 'private, no-store')
      return { total: queue.total, counts: { ...queue.counts }, items: queue.items.map(presentQueueItem) }
    },
  )

  app.post(
    '/api/v1/comments/:id/:action',
    {
      schema: {
        tags: ['news'],
        summary: 'Approve, reject or mark a comment as spam (audited); 409 when it is already in that state',
        security: [{ bearer: [] }],
        params: ActionParams,
        response: { 200: QueueItemBody, ...errors },
      },
    },
    async (req) => presentQueueItem(await service.moderateComment(deps, requirePrincipal(req.principal), req.params.id, req.params.action as ModerationAction)),
  )

  app.post(
    '/api/v1/comments/:id/replies',
    {
      schema: {
        tags: ['news'],
        summary: 'Reply officially to a reader’s comment: published at once, marked official; approves the comment when it was waiting (audited)',
        security: [{ bearer: [] }],
        params: IdParams,
        body: ReplyBody,
        response: { 201: QueueItemBody, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(presentQueueItem(await service.replyToComment(deps, requirePrincipal(req.principal), req.params.id, req.body.body))),
  )

  app.get(
    '/api/v1/comments/settings',
    {
      schema: {
        tags: ['news'],
        summary: 'The word filter and the trusted-commenter rule in force',
        security: [{ bearer: [] }],
        response: { 200: SettingsBody, ...errors },
      },
    },
    async (req, reply) => {
      service.requireModerator(requirePrincipal(req.principal))
      reply.header('cache-control', 'private, no-store')
      return presentSettings(await service.getModerationSettings(deps))
    },
  )

  app.put(
    '/api/v1/comments/settings',
    {
      schema: {
        tags: ['news'],
        summary: 'Replace the word filter and the trusted-commenter rule (news editors of the home unit; audited)',
        security: [{ bearer: [] }],
        body: SettingsBody,
        response: { 200: SettingsBody, ...errors },
      },
    },
    async (req) => {
      const body = req.body
      const settings = await service.updateModerationSettings(deps, requirePrincipal(req.principal), {
        wordFilter: body.wordFilter,
        isTrustedPublishEnabled: body.trustedPublish.isEnabled,
        minApproved: body.trustedPublish.minApproved,
      })
      return presentSettings(settings)
    },
  )
}
