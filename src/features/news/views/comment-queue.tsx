/**
 * The moderators' pages of comments (/admin/binh-luan): the queue — counts per status, a filter,
 * each comment with its article, sender (a first-time or a regular commenter; the email itself is
 * never shown), the words the filter caught, the buttons to approve, reject or mark as spam, and
 * the form of an official reply — and the settings page with the word filter and the
 * trusted-commenter rule.
 */
import {
  Button,
  CheckboxesField,
  CsrfInput,
  ErrorSummary,
  fieldError,
  Notice,
  Pagination,
  StatusTag,
  TextareaField,
  TextField,
} from '../../../views/components.tsx'
import type { Crumb, TagTone } from '../../../views/components.tsx'
import type { FormErrors } from '../../../views/forms.ts'
import { hasErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { COMMENT_LIMITS, COMMENT_STATUSES, MIN_APPROVED_RANGE, nextCommentStatus, MODERATION_ACTIONS } from '../comment.ts'
import type { CommentStatus } from '../comment.ts'
import type { Queue, QueueItem } from '../comment.service.ts'
import { articlePath, formatArticleDateTime } from '../news.ts'
import { STAFF_PATH as NEWS_STAFF_PATH } from './paths.ts'

/** The queue's address. */
export const QUEUE_PATH = '/admin/binh-luan'
/** The settings page's address. */
export const SETTINGS_PATH = `${QUEUE_PATH}/cai-dat`

/** Where a comment's moderation buttons post. */
export function moderatePath(id: number): string {
  return `${QUEUE_PATH}/${id}/kiem-duyet`
}

/** Where a comment's reply form posts. */
export function replyPath(id: number): string {
  return `${QUEUE_PATH}/${id}/tra-loi`
}

/** The reply field of one comment (each comment has its own form, so its own field id). */
export function replyField(id: number): string {
  return `reply-${id}`
}

/** The anchor of a comment in the queue. */
export function queueAnchor(id: number): string {
  return `c-${id}`
}

/** The queue's filter as the address carries it. */
export interface QueueFilterValues {
  /** A status, or 'all'. */
  readonly status: string
  readonly isFlaggedOnly: boolean
  readonly page: number
}

/** The queue's address for a filter. */
export function queueHref(filter: QueueFilterValues): string {
  const params = new URLSearchParams()
  if (filter.status !== 'pending') params.set('status', filter.status)
  if (filter.isFlaggedOnly) params.set('flagged', 'yes')
  if (filter.page > 1) params.set('page', String(filter.page))
  const query = params.toString()
  return query ? `${QUEUE_PATH}?${query}` : QUEUE_PATH
}

/** The colour of a status tag. */
function statusTone(status: CommentStatus): TagTone {
  return status === 'approved' ? 'green' : status === 'pending' ? 'yellow' : status === 'spam' ? 'red' : 'grey'
}

/** The trail back to the desk. */
function crumbs(ctx: PageContext, ...more: Crumb[]): Crumb[] {
  return [{ href: '/desk', text: ctx.t('nav.desk') }, ...more]
}

/** An official reply typed into one comment's form, kept with its error after a failed post. */
export interface ReplyFormState {
  readonly commentId: number
  readonly value: string
  readonly errors: FormErrors
}

/** Props of the queue page. */
export interface QueuePageProps {
  readonly ctx: PageContext
  readonly filter: QueueFilterValues
  readonly queue: Queue
  readonly pageSize: number
  readonly reply: ReplyFormState | null
  /** Errors of the filter or of an action, for the summary. */
  readonly errors: FormErrors
}

/** The tabs of statuses, with their counts. */
function StatusTabs(props: { ctx: PageContext; filter: QueueFilterValues; queue: Queue }): JSX.Element {
  const { ctx, filter, queue } = props
  const tabs: { status: CommentStatus | 'all'; text: string }[] = [
    ...COMMENT_STATUSES.map((status) => ({ status, text: `${ctx.t(`comments.status.${status}`)} (${queue.counts[status]})` })),
    { status: 'all' as const, text: ctx.t('comments.queue.all') },
  ]
  return (
    <nav class="comment-tabs" aria-label={ctx.t('comments.queue.countsLabel')}>
      <ul class="comment-tab-list">
        {tabs.map((tab) => (
          <li>
            <a href={queueHref({ status: tab.status, isFlaggedOnly: filter.isFlaggedOnly, page: 1 })} aria-current={tab.status === queue.status ? 'page' : undefined} safe>
              {tab.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

/** One comment of the queue with its buttons and reply form. */
function QueueEntry(props: { ctx: PageContext; item: QueueItem; back: string; reply: ReplyFormState | null }): JSX.Element {
  const { ctx, item } = props
  const t = ctx.t
  const path = articlePath(item.article.category, item.article.slug)
  const actions = MODERATION_ACTIONS.filter((action) => nextCommentStatus(item.status, action) !== null)
  const canReply = item.status === 'pending' || item.status === 'approved'
  const replyName = replyField(item.id)
  const typed = props.reply?.commentId === item.id ? props.reply : null
  return (
    <li class="queue-item" id={queueAnchor(item.id)}>
      <article aria-labelledby={`${queueAnchor(item.id)}-who`}>
        <h2 class="heading-s queue-item-title" id={`${queueAnchor(item.id)}-who`}>
          <span safe>{item.authorName}</span> <StatusTag tone={statusTone(item.status)} text={t(`comments.status.${item.status}`)} />
        </h2>
        <dl class="summary-list queue-facts">
          <div class="summary-row">
            <dt class="summary-key" safe>
              {t('comments.queue.article')}
            </dt>
            <dd class="summary-value">
              <a href={path} safe>
                {item.article.title}
              </a>
            </dd>
          </div>
          <div class="summary-row">
            <dt class="summary-key" safe>
              {t('comments.queue.postedAt')}
            </dt>
            <dd class="summary-value">
              <time datetime={item.createdAt.toISOString()} safe>
                {formatArticleDateTime(item.createdAt, ctx.locale)}
              </time>
            </dd>
          </div>
          <div class="summary-row">
            <dt class="summary-key" safe>
              {t('comments.queue.author')}
            </dt>
            <dd class="summary-value" safe>
              {item.approvedByEmail > 0 ? t('comments.queue.regular', { count: item.approvedByEmail }) : t('comments.queue.firstTime')}
            </dd>
          </div>
          {item.flaggedWords.length > 0 ? (
            <div class="summary-row">
              <dt class="summary-key" safe>
                {t('comments.queue.flagged')}
              </dt>
              <dd class="summary-value">
                {item.flaggedWords.map((word) => (
                  <>
                    <span class="tag tag--red" safe>
                      {word}
                    </span>{' '}
                  </>
                ))}
              </dd>
            </div>
          ) : (
            ''
          )}
        </dl>
        <p class="comment-body queue-body" safe>
          {item.body}
        </p>
        {item.moderatedAt ? (
          <p class="body-secondary" safe>
            {item.moderatorName
              ? t('comments.queue.moderated', { name: item.moderatorName, at: formatArticleDateTime(item.moderatedAt, ctx.locale) })
              : t('comments.queue.moderatedBySystem', { at: formatArticleDateTime(item.moderatedAt, ctx.locale) })}
          </p>
        ) : (
          ''
        )}
        {item.replies.length > 0 ? (
          <section class="queue-replies" aria-label={t('comments.queue.replies')}>
            {item.replies.map((reply) => (
              <div class="comment comment--official">
                <p class="comment-meta">
                  <strong safe>{reply.authorName}</strong>{' '}
                  <span class="tag tag--green" safe>
                    {t('comments.block.official')}
                  </span>{' '}
                  <time datetime={reply.createdAt.toISOString()} safe>
                    {formatArticleDateTime(reply.createdAt, ctx.locale)}
                  </time>
                </p>
                <p class="comment-body" safe>
                  {reply.body}
                </p>
              </div>
            ))}
          </section>
        ) : (
          ''
        )}
        {actions.length > 0 ? (
          <form class="button-group queue-actions" method="post" action={moderatePath(item.id)} aria-label={t('comments.queue.actionsLabel', { name: item.authorName })}>
            <CsrfInput ctx={ctx} />
            <input type="hidden" name="back" value={props.back} />
            {actions.map((action) => (
              <Button text={t(`comments.actions.${action}`)} name="action" value={action} variant={action === 'approve' ? 'primary' : action === 'spam' ? 'warning' : 'secondary'} />
            ))}
          </form>
        ) : (
          ''
        )}
        {canReply ? (
          <form class="form queue-reply" method="post" action={replyPath(item.id)} novalidate>
            <CsrfInput ctx={ctx} />
            <input type="hidden" name="back" value={props.back} />
            <TextareaField
              ctx={ctx}
              name={replyName}
              label={t('comments.queue.reply')}
              hint={t('comments.queue.replyHint')}
              value={typed?.value ?? ''}
              error={typed ? fieldError(ctx, typed.errors, replyName) : undefined}
              rows={3}
              maxlength={COMMENT_LIMITS.body}
            />
            <Button text={t('comments.queue.replySubmit')} variant="secondary" />
          </form>
        ) : (
          ''
        )}
      </article>
    </li>
  )
}

/** The moderation queue. */
export function QueuePage(props: QueuePageProps): JSX.Element {
  const { ctx, filter, queue } = props
  const t = ctx.t
  const pageCount = Math.max(1, Math.ceil(queue.total / props.pageSize))
  const back = queueHref(filter)
  const errors: FormErrors = props.reply ? { fields: { ...props.reply.errors.fields, ...props.errors.fields }, ...(props.errors.general ? { general: props.errors.general } : {}) } : props.errors
  return (
    <Layout ctx={ctx} title={t('comments.queue.title')} hasErrors={hasErrors(errors)} breadcrumbs={crumbs(ctx, { href: NEWS_STAFF_PATH, text: t('news.pages.nav.staff') })}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 class="heading-l" safe>
        {t('comments.queue.title')}
      </h1>
      <p>
        <a href={SETTINGS_PATH} safe>
          {t('comments.queue.settingsLink')}
        </a>
      </p>
      <StatusTabs ctx={ctx} filter={filter} queue={queue} />
      <form class="filter" method="get" action={QUEUE_PATH}>
        <input type="hidden" name="status" value={queue.status} />
        <CheckboxesField ctx={ctx} name="flagged" legend={t('comments.queue.filter')} values={filter.isFlaggedOnly ? ['yes'] : []} choices={[{ value: 'yes', label: t('comments.queue.flaggedOnly') }]} />
        <Button text={t('comments.queue.filter')} variant="secondary" />
      </form>
      <p class="body-secondary" safe>
        {t('comments.queue.total', { count: queue.total })}
      </p>
      {queue.items.length === 0 ? (
        <p safe>{t('comments.queue.empty')}</p>
      ) : (
        <ol class="queue-list">
          {queue.items.map((item) => (
            <QueueEntry ctx={ctx} item={item} back={back} reply={props.reply} />
          ))}
        </ol>
      )}
      <Pagination ctx={ctx} page={filter.page} pageCount={pageCount} hrefFor={(page) => queueHref({ ...filter, status: queue.status, page })} />
    </Layout>
  )
}

/** The settings form as typed. */
export interface SettingsValues {
  /** One entry a line. */
  readonly wordFilter: string
  readonly isTrustedPublishEnabled: boolean
  readonly minApproved: string
}

/** Props of the settings page. */
export interface SettingsPageProps {
  readonly ctx: PageContext
  readonly values: SettingsValues
  readonly errors: FormErrors
  readonly canEdit: boolean
}

/** The word filter and the trusted-commenter rule. */
export function SettingsPage(props: SettingsPageProps): JSX.Element {
  const { ctx, values, errors } = props
  const t = ctx.t
  const error = (name: string) => fieldError(ctx, errors, name)
  return (
    <Layout
      ctx={ctx}
      title={t('comments.settings.title')}
      hasErrors={hasErrors(errors)}
      breadcrumbs={crumbs(ctx, { href: NEWS_STAFF_PATH, text: t('news.pages.nav.staff') }, { href: QUEUE_PATH, text: t('comments.queue.title') })}
    >
      <ErrorSummary ctx={ctx} errors={errors} order={['wordFilter', 'trusted', 'minApproved']} />
      <h1 class="heading-l" safe>
        {t('comments.settings.title')}
      </h1>
      {props.canEdit ? (
        ''
      ) : (
        <Notice ctx={ctx} kind="info">
          <p safe>{t('comments.settings.readOnly')}</p>
        </Notice>
      )}
      <form class="form" method="post" action={SETTINGS_PATH} novalidate>
        <CsrfInput ctx={ctx} />
        <TextareaField ctx={ctx} name="wordFilter" label={t('comments.settings.wordFilter')} hint={t('comments.settings.wordFilterHint')} value={values.wordFilter} error={error('wordFilter')} rows={12} />
        <CheckboxesField
          ctx={ctx}
          name="trusted"
          legend={t('comments.settings.trustedLegend')}
          hint={t('comments.settings.trustedHint')}
          values={values.isTrustedPublishEnabled ? ['yes'] : []}
          choices={[{ value: 'yes', label: t('comments.settings.trustedEnabled') }]}
          error={error('trusted')}
        />
        <TextField
          ctx={ctx}
          name="minApproved"
          label={t('comments.settings.minApproved')}
          value={values.minApproved}
          error={error('minApproved')}
          width="short"
          inputmode="numeric"
          maxlength={String(MIN_APPROVED_RANGE.max).length}
        />
        {props.canEdit ? <Button text={t('comments.settings.save')} /> : ''}
      </form>
      <p>
        <a href={QUEUE_PATH} safe>
          {t('comments.settings.back')}
        </a>
      </p>
    </Layout>
  )
}
