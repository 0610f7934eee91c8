/**
 * HTML routes of comments. Public: the comment page of an article (GET shows the form with a fresh
 * verification; POST posts a comment, then back to the article with a thank-you, or the form again
 * with each message beside its field and what was typed), and the verification fragment the cached
 * article page fetches. Staff (/admin/binh-luan): the moderation queue, its actions, official
 * replies, and the settings (word filter, trusted commenters). Handlers stay thin: read the form,
 * call one use case, redirect (PRG) or show the form again.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, FeatureDeps } from '../../app.ts'
import { CAPTCHA_FIELDS } from '../../platform/captcha/captcha.ts'
import { ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../../platform/http/errors.ts'
import { DEFAULT_LOCALE, isLocale } from '../../platform/i18n/i18n.ts'
import { CaptchaField } from '../../views/captcha-field.tsx'
import { formBody, formErrorsOf, formList, formText, hasErrors, NO_ERRORS } from '../../views/forms.ts'
import type { FormBody, FormErrors } from '../../views/forms.ts'
import { createPageSupport, isSafeNextPath, principalOf, sendPage, signedInGuard } from '../../views/page.ts'
import type { PageContext } from '../../views/page.ts'
import * as units from '../units/index.ts'
import { checkComment, isModerationAction } from './comment.ts'
import * as service from './comment.service.ts'
import type { ModerationSettings } from './comment.service.ts'
import { isNewsEditor } from './news.policy.ts'
import { articlePath, categoryByCode, NEWS_PATH } from './news.ts'
import { COMMENT_HONEYPOT_FIELD, EMPTY_COMMENT_FORM } from './views/comment-block.tsx'
import type { CommentFormValues } from './views/comment-block.tsx'
import { CommentPage } from './views/comment-page.tsx'
import { QUEUE_PATH, queueAnchor, QueuePage, replyField, SETTINGS_PATH, SettingsPage } from './views/comment-queue.tsx'
import type { QueueFilterValues, ReplyFormState, SettingsValues } from './views/comment-queue.tsx'

/** Comments on one page of the queue. */
export const QUEUE_PAGE_SIZE = 20

/** Route config of the public post: the article page is shared, so its form has no token, and the post acts on nobody's session. */
const NOT_COOKIE_AUTHENTICATED = Object.freeze({ csrf: false })

/** One text value of a query parameter (the first when repeated; '' when absent). */
function queryText(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
  return ''
}

/** An id from the address; null when it is not one. */
function idOf(text: string): number | null {
  return /^[1-9]\d{0,11}$/.test(text) ? Number(text) : null
}

/** The comment form as posted. */
function readCommentForm(form: FormBody): CommentFormValues {
  return { authorName: formText(form, 'authorName'), email: formText(form, 'email'), body: formText(form, 'body') }
}

/** The queue's filter from the address. */
function readFilter(query: Record<string, unknown>): QueueFilterValues {
  const page = queryText(query.page)
  return {
    status: queryText(query.status).slice(0, 20) || 'pending',
    isFlaggedOnly: queryText(query.flagged) === 'yes',
    page: /^[1-9]\d{0,5}$/.test(page) ? Number(page) : 1,
  }
}

/** The queue address a form came from, when it is one; else the queue itself. */
function backOf(form: FormBody): string {
  const back = formText(form, 'back')
  return isSafeNextPath(back) && (back === QUEUE_PATH || back.startsWith(`${QUEUE_PATH}?`)) ? back : QUEUE_PATH
}

/** The settings as the form shows them. */
function settingsValuesOf(settings: ModerationSettings): SettingsValues {
  return { wordFilter: settings.wordFilter.join('\n'), isTrustedPublishEnabled: settings.trustedPublish.isEnabled, minApproved: String(settings.trustedPublish.minApproved) }
}

/** Registers the comment pages. */
export function registerCommentPages(app: App, deps: FeatureDeps): void {
  const pages = createPageSupport({ appSecret: deps.config.sessionSecret, isSecureCookie: deps.config.isSecureCookie, loadHomeUnit: () => units.getHomeUnit(deps) })
  const captcha = service.createCommentCaptcha(deps)
  const publicDeps = { ...deps, captcha }

  /** Sends the visitor to sign in; a signed-in person who edits no news gets the 403 page. */
  const requireModerator = signedInGuard((_req, principal) => {
    if (!isNewsEditor(principal)) throw new ForbiddenError()
  })

  // ---------- Public: the comment page and the post ----------

  /** The published article of the address, open to comments: 404 for an unknown category or article, 409 when it takes no comments. */
  const commentableArticle = async (category: string, slug: string) => {
    if (!categoryByCode(category)) throw new NotFoundError('news.errors.categoryNotFound')
    const article = await service.getCommentableArticle(deps, slug)
    return { ...article, path: articlePath(article.category, article.slug) }
  }

  const renderCommentPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    article: { title: string; category: string; path: string },
    values: CommentFormValues,
    errors: FormErrors,
    status: number,
    isVerifyStep = false,
  ) => {
    const ctx = await pages.context(req, reply)
    return sendPage(
      reply,
      <CommentPage ctx={ctx} article={article} values={values} errors={errors} challenge={captcha.issue(deps.clock.now())} isVerifyStep={isVerifyStep} />,
      status,
      // The page carries a one-use captcha: a cached copy would only offer a spent one.
      { isPrivate: true },
    )
  }

  app.get<{ Params: { category: string; slug: string } }>(`${NEWS_PATH}/:category/:slug/binh-luan`, { schema: { hide: true } }, async (req, reply) => {
    const article = await commentableArticle(req.params.category, req.params.slug)
    if (article.category !== req.params.category) return reply.redirect(`${article.path}/binh-luan`, 301)
    return renderCommentPage(req, reply, article, EMPTY_COMMENT_FORM, NO_ERRORS, 200)
  })

  app.post<{ Params: { category: string; slug: string } }>(`${NEWS_PATH}/:category/:slug/binh-luan`, { schema: { hide: true }, config: NOT_COOKIE_AUTHENTICATED }, async (req, reply) => {
    const article = await commentableArticle(req.params.category, req.params.slug)
    const form = formBody(req.body)
    const values = readCommentForm(form)
    const solution = { token: formText(form, CAPTCHA_FIELDS.token), nonce: formText(form, CAPTCHA_FIELDS.nonce), answer: formText(form, CAPTCHA_FIELDS.answer) }
    // From the cached article page without scripts: no verification was shown yet. Check the
    // fields, then ask the question on the comment page; nothing is counted or stored.
    if (solution.token === '') {
      const { fields } = checkComment(values)
      const hasFieldErrors = Object.keys(fields).length > 0
      return renderCommentPage(req, reply, article, values, { fields }, hasFieldErrors ? 422 : 200, !hasFieldErrors)
    }
    try {
      const posted = await service.postComment(publicDeps, article.slug, values, { clientAddress: req.ip, captcha: solution, honeypot: formText(form, COMMENT_HONEYPOT_FIELD) })
      pages.flash(reply, { kind: 'success', key: posted.status === 'approved' ? 'comments.flash.published' : 'comments.flash.pending' })
      return reply.redirect(article.path, 303)
    } catch (error) {
      if (error instanceof TooManyRequestsError) {
        reply.header('retry-after', String(error.retryAfterSeconds))
        return renderCommentPage(req, reply, article, values, { fields: {}, general: error.messageKey }, 429)
      }
      if (error instanceof ValidationError && Object.keys(error.fields).length === 0) {
        return renderCommentPage(req, reply, article, values, { fields: {}, general: error.messageKey }, 422)
      }
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderCommentPage(req, reply, article, values, failure.errors, failure.status)
    }
  })

  // The verification of the cached article page, swapped in by htmx: a fresh challenge, never cached.
  app.get<{ Params: { category: string; slug: string } }>(`${NEWS_PATH}/:category/:slug/binh-luan/xac-minh`, { schema: { hide: true } }, async (req, reply) => {
    if (!categoryByCode(req.params.category)) throw new NotFoundError('news.errors.categoryNotFound')
    const ctx: PageContext = { locale: isLocale(req.locale) ? req.locale : DEFAULT_LOCALE, t: req.t, principal: null, csrfToken: '', path: req.url, homeUnit: null, flash: null }
    const html = await (<CaptchaField ctx={ctx} challenge={captcha.issue(deps.clock.now())} />)
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html)
  })

  // ---------- Staff: the queue ----------

  const renderQueue = async (req: FastifyRequest, reply: FastifyReply, filter: QueueFilterValues, options: { reply?: ReplyFormState; errors?: FormErrors; status?: number } = {}) => {
    const principal = principalOf(req)
    let errors = options.errors ?? NO_ERRORS
    let queue: service.Queue
    try {
      queue = await service.listModerationQueue(deps, principal, { status: filter.status, isFlaggedOnly: filter.isFlaggedOnly, page: filter.page, pageSize: QUEUE_PAGE_SIZE })
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      errors = failure.errors
      queue = await service.listModerationQueue(deps, principal, { page: 1, pageSize: QUEUE_PAGE_SIZE })
    }
    return sendPage(
      reply,
      <QueuePage ctx={await pages.context(req, reply)} filter={{ ...filter, status: queue.status }} queue={queue} pageSize={QUEUE_PAGE_SIZE} reply={options.reply ?? null} errors={errors} />,
      options.status ?? (hasErrors(errors) ? 400 : 200),
      { isPrivate: true },
    )
  }

  app.get<{ Querystring: Record<string, unknown> }>(QUEUE_PATH, { schema: { hide: true }, preHandler: requireModerator }, (req, reply) => renderQueue(req, reply, readFilter(req.query)))

  app.post<{ Params: { id: string } }>(`${QUEUE_PATH}/:id/kiem-duyet`, { schema: { hide: true }, preHandler: requireModerator }, async (req, reply) => {
    const id = idOf(req.params.id)
    if (id === null) throw new NotFoundError('comments.errors.notFound')
    const form = formBody(req.body)
    const back = backOf(form)
    const action = formText(form, 'action')
    const filter = readFilter(Object.fromEntries(new URLSearchParams(back.split('?')[1] ?? '')))
    if (!isModerationAction(action)) return renderQueue(req, reply, filter, { errors: { fields: {}, general: 'comments.errors.action' }, status: 422 })
    try {
      const item = await service.moderateComment(deps, principalOf(req), id, action)
      pages.flash(reply, { kind: 'success', key: `comments.flash.${item.status}`, params: { name: item.authorName } })
      return reply.redirect(back, 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderQueue(req, reply, filter, { errors: failure.errors, status: failure.status })
    }
  })

  app.post<{ Params: { id: string } }>(`${QUEUE_PATH}/:id/tra-loi`, { schema: { hide: true }, preHandler: requireModerator }, async (req, reply) => {
    const id = idOf(req.params.id)
    if (id === null) throw new NotFoundError('comments.errors.notFound')
    const form = formBody(req.body)
    const back = backOf(form)
    const name = replyField(id)
    const text = formText(form, name)
    const filter = readFilter(Object.fromEntries(new URLSearchParams(back.split('?')[1] ?? '')))
    try {
      const item = await service.replyToComment(deps, principalOf(req), id, text)
      pages.flash(reply, { kind: 'success', key: 'comments.flash.replied', params: { name: item.authorName } })
      return reply.redirect(`${back}#${queueAnchor(id)}`, 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      // The service names the field "reply"; on the page each comment's field has its own name.
      const fields = Object.fromEntries(Object.entries(failure.errors.fields).map(([field, key]) => [field === 'reply' ? name : field, key]))
      const errors: FormErrors = failure.errors.general ? { fields, general: failure.errors.general } : { fields }
      return renderQueue(req, reply, filter, { reply: { commentId: id, value: text, errors }, status: failure.status })
    }
  })

  // ---------- Staff: settings ----------

  const renderSettings = async (req: FastifyRequest, reply: FastifyReply, values: SettingsValues | null, errors: FormErrors, status = 200) => {
    const principal = principalOf(req)
    const [settings, canEdit] = await Promise.all([service.getModerationSettings(deps), service.canEditModerationSettings(deps, principal)])
    return sendPage(reply, <SettingsPage ctx={await pages.context(req, reply)} values={values ?? settingsValuesOf(settings)} errors={errors} canEdit={canEdit} />, status, { isPrivate: true })
  }

  app.get(SETTINGS_PATH, { schema: { hide: true }, preHandler: requireModerator }, (req, reply) => renderSettings(req, reply, null, NO_ERRORS))

  app.post(SETTINGS_PATH, { schema: { hide: true }, preHandler: requireModerator }, async (req, reply) => {
    const form = formBody(req.body)
    const values: SettingsValues = { wordFilter: formText(form, 'wordFilter'), isTrustedPublishEnabled: formList(form, 'trusted').includes('yes'), minApproved: formText(form, 'minApproved') }
    try {
      await service.updateModerationSettings(deps, principalOf(req), { wordFilter: values.wordFilter, isTrustedPublishEnabled: values.isTrustedPublishEnabled, minApproved: values.minApproved })
      pages.flash(reply, { kind: 'success', key: 'comments.flash.settingsSaved' })
      return reply.redirect(SETTINGS_PATH, 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderSettings(req, reply, values, failure.errors, failure.status)
    }
  })
}
