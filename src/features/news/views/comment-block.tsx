/**
 * The comments of an article page: the approved comments, newest first, each with the authority's
 * official replies under it (marked "Trả lời chính thức"), then the form — full name, email (never
 * shown), the comment, the verification and a notice that comments are moderated. Names and
 * bodies are readers' plain text, escaped here; line breaks show through CSS, never as markup.
 *
 * The article page is cached and shared, so its form cannot carry a one-use captcha: the form
 * there asks for the verification as a fragment (htmx, when scripts run), and without scripts the
 * first press of the button leads to the comment page, which shows the question.
 */
import type { CaptchaChallenge } from '../../../platform/captcha/captcha.ts'
import { CAPTCHA_SCRIPT, CaptchaField } from '../../../views/captcha-field.tsx'
import { Button, ErrorSummary, fieldError, TextareaField, TextField } from '../../../views/components.tsx'
import type { FormErrors } from '../../../views/forms.ts'
import type { PageContext } from '../../../views/page.ts'
import { COMMENT_LIMITS } from '../comment.ts'
import type { ArticleComments, PublicComment, PublicThread } from '../comment.service.ts'
import { formatArticleDateTime } from '../news.ts'

/** Name of the honeypot input: people never see it, so anything in it was typed by a machine. */
export const COMMENT_HONEYPOT_FIELD = 'website'

/** The comment form as typed. */
export interface CommentFormValues {
  readonly authorName: string
  readonly email: string
  readonly body: string
}

/** An empty comment form. */
export const EMPTY_COMMENT_FORM: CommentFormValues = Object.freeze({ authorName: '', email: '', body: '' })

/** The form's fields in the order they appear, for the error summary. */
export const COMMENT_FIELD_ORDER = ['authorName', 'email', 'body', 'captcha'] as const

/** Where an article's comment form posts (and, without scripts, where its verification is asked). */
export function commentFormPath(articlePath: string): string {
  return `${articlePath}/binh-luan`
}

/** The verification fragment the cached article page fetches. */
export function commentCaptchaPath(articlePath: string): string {
  return `${articlePath}/binh-luan/xac-minh`
}

/** The anchor of a comment on the article page. */
export function commentAnchor(id: number): string {
  return `binh-luan-${id}`
}

/** One comment: who, when, what; an official reply with its badge. */
function CommentItem(props: { ctx: PageContext; comment: PublicComment }): JSX.Element {
  const { ctx, comment } = props
  return (
    <article class={['comment', comment.isOfficial ? 'comment--official' : '']} id={commentAnchor(comment.id)} aria-label={comment.authorName}>
      <p class="comment-meta">
        <strong class="comment-author" safe>
          {comment.authorName}
        </strong>
        {comment.isOfficial ? (
          <>
            {' '}
            <span class="tag tag--green comment-badge" safe>
              {ctx.t('comments.block.official')}
            </span>
          </>
        ) : (
          ''
        )}{' '}
        <span class="visually-hidden" safe>
          {ctx.t('comments.block.postedAt')}
        </span>{' '}
        <time class="comment-time" datetime={comment.createdAt.toISOString()} safe>
          {formatArticleDateTime(comment.createdAt, ctx.locale)}
        </time>
      </p>
      <p class="comment-body" safe>
        {comment.body}
      </p>
    </article>
  )
}

/** A top-level comment with its replies. */
function Thread(props: { ctx: PageContext; thread: PublicThread }): JSX.Element {
  const { ctx, thread } = props
  return (
    <li class="comment-thread">
      <CommentItem ctx={ctx} comment={thread} />
      {thread.replies.length > 0 ? (
        <ul class="comment-replies" aria-label={ctx.t('comments.block.repliesLabel', { name: thread.authorName })}>
          {thread.replies.map((reply) => (
            <li>
              <CommentItem ctx={ctx} comment={reply} />
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
    </li>
  )
}

/** The approved comments of an article. */
export function CommentList(props: { ctx: PageContext; comments: ArticleComments }): JSX.Element {
  const { ctx, comments } = props
  if (comments.threads.length === 0) {
    return (
      <p class="body-secondary" safe>
        {ctx.t('comments.block.empty')}
      </p>
    )
  }
  return (
    <ol class="comment-list">
      {comments.threads.map((thread) => (
        <Thread ctx={ctx} thread={thread} />
      ))}
    </ol>
  )
}

/** The honeypot: off-screen for people, still there for scripts that fill every input. */
function Honeypot(props: { ctx: PageContext }): JSX.Element {
  return (
    <div class="honeypot" aria-hidden="true">
      <label for="f-comment-hp" safe>
        {props.ctx.t('comments.block.honeypot')}
      </label>
      <input id="f-comment-hp" name={COMMENT_HONEYPOT_FIELD} type="text" value="" tabindex="-1" autocomplete="off" />
    </div>
  )
}

/** The verification of the cached article page: fetched when scripts run, explained when they do not. */
function DeferredCaptcha(props: { ctx: PageContext; articlePath: string }): JSX.Element {
  return (
    <div class="comment-verification" hx-get={commentCaptchaPath(props.articlePath)} hx-trigger="load" hx-swap="outerHTML">
      <p class="hint" safe>
        {props.ctx.t('comments.block.verifyLater')}
      </p>
    </div>
  )
}

/** Props of the comment form. */
export interface CommentFormProps {
  readonly ctx: PageContext
  readonly articlePath: string
  readonly values: CommentFormValues
  readonly errors: FormErrors
  /** A fresh challenge, or null on the cached article page (the verification is fetched then). */
  readonly challenge: CaptchaChallenge | null
  /** Whether the form has its own heading (under an article's comments; the comment page's h1 says it already). */
  readonly hasHeading: boolean
}

/**
 * The comment form. It carries no CSRF token: the article page is shared by every visitor, and
 * the post acts on nobody's session (it is a reader's comment, checked by the captcha).
 */
export function CommentForm(props: CommentFormProps): JSX.Element {
  const { ctx, values, errors } = props
  const t = ctx.t
  const error = (name: string) => fieldError(ctx, errors, name)
  return (
    <div class="comment-form-block">
      {props.hasHeading ? (
        <h3 class="heading-s" id="comment-form-title" safe>
          {t('comments.block.formTitle')}
        </h3>
      ) : (
        ''
      )}
      <p class="comment-notice" safe>
        {t('comments.block.moderated')}
      </p>
      <form class="form comment-form" method="post" action={commentFormPath(props.articlePath)} aria-labelledby={props.hasHeading ? 'comment-form-title' : undefined} novalidate>
        <TextField ctx={ctx} name="authorName" label={t('comments.block.name')} value={values.authorName} error={error('authorName')} autocomplete="name" maxlength={COMMENT_LIMITS.name} />
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          label={t('comments.block.email')}
          hint={t('comments.block.emailHint')}
          value={values.email}
          error={error('email')}
          autocomplete="email"
          inputmode="email"
          isSpellcheckOff
          maxlength={COMMENT_LIMITS.email}
        />
        <TextareaField
          ctx={ctx}
          name="body"
          label={t('comments.block.body')}
          hint={t('comments.block.bodyHint', { max: COMMENT_LIMITS.body })}
          value={values.body}
          error={error('body')}
          rows={5}
          maxlength={COMMENT_LIMITS.body}
        />
        <Honeypot ctx={ctx} />
        {props.challenge ? <CaptchaField ctx={ctx} challenge={props.challenge} error={error('captcha')} /> : <DeferredCaptcha ctx={ctx} articlePath={props.articlePath} />}
        <Button text={t('comments.block.submit')} />
      </form>
      <script src={CAPTCHA_SCRIPT} defer></script>
    </div>
  )
}

/** Props of the comment block. */
export interface CommentBlockProps {
  readonly ctx: PageContext
  readonly articlePath: string
  readonly isCommentsEnabled: boolean
  readonly comments: ArticleComments
}

/** The comments of an article page and, when the article takes them, the form. */
export function CommentBlock(props: CommentBlockProps): JSX.Element {
  const { ctx } = props
  return (
    <section class="comments" id="binh-luan" aria-labelledby="comments-title">
      <h2 class="heading-m" id="comments-title" safe>
        {ctx.t('comments.block.count', { count: props.comments.total })}
      </h2>
      <CommentList ctx={ctx} comments={props.comments} />
      {props.isCommentsEnabled ? (
        <CommentForm ctx={ctx} articlePath={props.articlePath} values={EMPTY_COMMENT_FORM} errors={{ fields: {} }} challenge={null} hasHeading />
      ) : (
        <p class="body-secondary" safe>
          {ctx.t('comments.block.closed')}
        </p>
      )}
    </section>
  )
}

/** The comment page's summary of errors, in the form's order. */
export function CommentErrorSummary(props: { ctx: PageContext; errors: FormErrors }): JSX.Element {
  return <ErrorSummary ctx={props.ctx} errors={props.errors} order={COMMENT_FIELD_ORDER} />
}
