/**
 * The resident's side (/phan-anh/theo-doi): a small form that opens an item from its code and the
 * private link, and the follow page the private link leads to — the status in words, the history
 * without internal notes, the answer, the photos (fetched with the same token), the rating form
 * and, when the rules allow it, the form to ask for a review.
 */
import { Button, CsrfInput, ErrorSummary, fieldError, Notice, RadiosField, StatusTag, SummaryList, TextareaField, TextField } from '../../../views/components.tsx'
import type { SummaryRow } from '../../../views/components.tsx'
import { hasErrors, NO_ERRORS } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { categoryByCode } from '../feedback.ts'
import type { FeedbackKind, FeedbackStatus } from '../feedback.ts'
import { formatShort, statusTone } from './format.ts'
import type { InstantValue } from './format.ts'
import { FOLLOW_PATH, followActionHref, PUBLIC_PATH, publicItemHref } from './paths.ts'
import { PhotoGallery } from './photos.tsx'
import type { PhotoItem } from './photos.tsx'

/** The name of a category in the page's language (the code itself for an unknown one). */
export function categoryName(ctx: Pick<PageContext, 't'>, code: string): string {
  const category = categoryByCode(code)
  return category ? ctx.t(category.nameKey) : code
}

/** The lookup form as typed. */
export interface FollowLookupValues {
  readonly code: string
  readonly link: string
}

/** The form that opens an item from its code and the private link. */
export function FollowLookupPage(props: { ctx: PageContext; values: FollowLookupValues; errors: FormErrors }): JSX.Element {
  const { ctx, values, errors } = props
  const t = ctx.t
  const key = (name: string) => t(`feedback.pages.follow.${name}`)
  return (
    <Layout ctx={ctx} title={key('lookupTitle')} hasErrors={hasErrors(errors)} breadcrumbs={[{ href: PUBLIC_PATH, text: t('feedback.pages.public.title') }]}>
      <ErrorSummary ctx={ctx} errors={errors} order={['code', 'link']} />
      <h1 class="heading-l" safe>
        {key('lookupTitle')}
      </h1>
      <p class="lead" safe>
        {key('lookupLead')}
      </p>
      <form class="form" method="post" action={FOLLOW_PATH} novalidate>
        <CsrfInput ctx={ctx} />
        <TextField
          ctx={ctx}
          name="code"
          label={key('code')}
          hint={key('codeHint')}
          value={values.code}
          error={fieldError(ctx, errors, 'code')}
          width="medium"
          maxlength={40}
          autocomplete="off"
          isSpellcheckOff
        />
        <TextField
          ctx={ctx}
          name="link"
          label={key('link')}
          hint={key('linkHint')}
          value={values.link}
          error={fieldError(ctx, errors, 'link')}
          maxlength={500}
          autocomplete="off"
          isSpellcheckOff
        />
        <Button text={key('open')} />
      </form>
    </Layout>
  )
}

/** One line of the history a resident sees. */
export interface TimelineEntry {
  readonly at: InstantValue
  readonly action: string
  readonly toStatus: FeedbackStatus
  /** Words meant for the resident (a rejection reason, the answer); internal notes never come here. */
  readonly note: string | null
}

/** What the follow page shows of an item. */
export interface FollowItem {
  readonly code: string
  readonly kind: FeedbackKind
  readonly category: string
  readonly unitName: string
  readonly title: string | null
  readonly description: string
  readonly address: string | null
  readonly status: FeedbackStatus
  readonly submittedAt: InstantValue
  readonly dueAt: InstantValue | null
  readonly publicAnswer: string | null
  readonly answeredAt: InstantValue | null
  readonly rejectionReason: string | null
  readonly duplicateOfCode: string | null
  readonly isPublished: boolean
  readonly residentRating: number | null
  readonly timeline: readonly TimelineEntry[]
  readonly photos: readonly PhotoItem[]
  /** Whether the rating form applies now. */
  readonly canRate: boolean
  /** Whether the review form applies now. */
  readonly canReopen: boolean
  /** Until when a review may be asked for, when the item has an answer. */
  readonly reopenUntil: InstantValue | null
  /** Where notices go, masked (the link may be forwarded); null for an anonymous sender. */
  readonly notifyTo: string | null
}

/** A resident's form that failed, to show again with what was typed. */
export interface FailedResidentForm {
  readonly form: 'rate' | 'reopen'
  readonly values: Readonly<Record<string, string>>
  readonly errors: FormErrors
}

/** Props of the follow page. */
export interface FollowPageProps {
  readonly ctx: PageContext
  readonly item: FollowItem
  /** The private token, carried by the page's forms and photo links. */
  readonly token: string
  readonly failed: FailedResidentForm | null
}

/** The five rating levels, worst first, as radio choices. */
export function ratingChoices(ctx: PageContext): { value: string; label: string }[] {
  return [1, 2, 3, 4, 5].map((level) => ({ value: String(level), label: ctx.t(`feedback.pages.rating.${level}`) }))
}

/** The history as a list: when, what happened in words, and any words meant for the resident. */
function Timeline(props: { ctx: PageContext; entries: readonly TimelineEntry[] }): JSX.Element {
  const { ctx } = props
  return (
    <ol class="timeline">
      {props.entries.map((e) => (
        <li class="timeline-item">
          <span class="timeline-when" safe>
            {formatShort(e.at)}
          </span>{' '}
          <strong safe>{ctx.t(`feedback.actions.${e.action}`)}</strong>
          <span class="cell-secondary" safe>
            {ctx.t(`feedback.pages.residentStatus.${e.toStatus}`)}
          </span>
          {e.note ? (
            <span class="cell-secondary" safe>
              {e.note}
            </span>
          ) : (
            ''
          )}
        </li>
      ))}
    </ol>
  )
}

/** The follow page. */
export function FollowPage(props: FollowPageProps): JSX.Element {
  const { ctx, item, token, failed } = props
  const t = ctx.t
  const key = (name: string) => t(`feedback.pages.follow.${name}`)
  const rows: SummaryRow[] = [
    { key: key('code'), value: item.code },
    { key: key('kind'), value: t(`feedback.kinds.${item.kind}`) },
    { key: key('category'), value: categoryName(ctx, item.category) },
    { key: key('unit'), value: item.unitName },
    ...(item.address ? [{ key: key('address'), value: item.address }] : []),
    { key: key('submittedAt'), value: formatShort(item.submittedAt) },
    ...(item.dueAt && item.answeredAt === null ? [{ key: key('dueAt'), value: formatShort(item.dueAt) }] : []),
    { key: key('notifyTo'), value: item.notifyTo ?? key('notifyNone') },
  ]
  const rateFailed = failed?.form === 'rate' ? failed : null
  const reopenFailed = failed?.form === 'reopen' ? failed : null
  const errors = failed?.errors ?? NO_ERRORS
  return (
    <Layout ctx={ctx} title={t('feedback.pages.follow.title', { code: item.code })} hasErrors={hasErrors(errors)} breadcrumbs={[{ href: PUBLIC_PATH, text: t('feedback.pages.public.title') }]}>
      <ErrorSummary ctx={ctx} errors={errors} order={['rating', 'comment', 'reason']} />
      <span class="caption" safe>
        {key('caption')}
      </span>
      <h1 class="heading-l" safe>
        {item.title ?? t('feedback.pages.follow.title', { code: item.code })}
      </h1>
      <p class="lead">
        <StatusTag tone={statusTone(item.status)} text={t(`feedback.status.${item.status}`)} />{' '}
        <span safe>{t(`feedback.pages.residentStatus.${item.status}`)}</span>
      </p>
      <p class="inset" safe>
        {key('private')}
      </p>
      <SummaryList rows={rows} />
      <h2 class="heading-m" safe>
        {key('description')}
      </h2>
      <p class="prose" safe>
        {item.description}
      </p>
      <PhotoGallery ctx={ctx} photos={item.photos} token={token} />
      {item.rejectionReason && item.status === 'rejected' ? (
        <Notice ctx={ctx} kind="warning" title={key('rejectedTitle')}>
          <p class="prose" safe>
            {item.rejectionReason}
          </p>
        </Notice>
      ) : (
        ''
      )}
      {item.duplicateOfCode && item.status === 'duplicate' ? (
        <p class="inset" safe>
          {t('feedback.duplicateOf', { code: item.duplicateOfCode })}
        </p>
      ) : (
        ''
      )}
      {item.publicAnswer ? (
        <section aria-labelledby="answer-title">
          <h2 class="heading-m" id="answer-title" safe>
            {key('answerTitle')}
          </h2>
          {item.answeredAt ? (
            <p class="body-secondary" safe>
              {t('feedback.pages.follow.answeredAt', { at: formatShort(item.answeredAt) })}
            </p>
          ) : (
            ''
          )}
          <div class="answer">
            <p class="prose" safe>
              {item.publicAnswer}
            </p>
          </div>
          {item.isPublished ? (
            <p>
              <a href={publicItemHref(item.code)} safe>
                {key('publicLink')}
              </a>
            </p>
          ) : (
            ''
          )}
        </section>
      ) : (
        ''
      )}
      {item.residentRating !== null && !item.canRate ? (
        <p safe>{t('feedback.pages.follow.ratedAs', { rating: t(`feedback.pages.rating.${item.residentRating}`) })}</p>
      ) : (
        ''
      )}
      {item.canRate ? (
        <section aria-labelledby="rate-title">
          <h2 class="heading-m" id="rate-title" safe>
            {key('rateTitle')}
          </h2>
          <form class="form" method="post" action={followActionHref(item.code, token, 'rate')} novalidate>
            <CsrfInput ctx={ctx} />
            <RadiosField
              ctx={ctx}
              name="rating"
              label={key('rating')}
              hint={key('ratingHint')}
              value={rateFailed?.values.rating ?? ''}
              error={fieldError(ctx, errors, 'rating')}
              choices={ratingChoices(ctx)}
            />
            <TextareaField ctx={ctx} name="comment" label={key('comment')} value={rateFailed?.values.comment ?? ''} error={fieldError(ctx, errors, 'comment')} maxlength={1000} isOptional />
            <Button text={key('rateSubmit')} />
          </form>
        </section>
      ) : (
        ''
      )}
      {item.canReopen ? (
        <section aria-labelledby="reopen-title">
          <h2 class="heading-m" id="reopen-title" safe>
            {key('reopenTitle')}
          </h2>
          <p safe>{item.reopenUntil ? t('feedback.pages.follow.reopenLead', { until: formatShort(item.reopenUntil) }) : key('reopenLeadNoDate')}</p>
          <form class="form" method="post" action={followActionHref(item.code, token, 'reopen')} novalidate>
            <CsrfInput ctx={ctx} />
            <TextareaField ctx={ctx} name="reason" label={key('reason')} hint={key('reasonHint')} value={reopenFailed?.values.reason ?? ''} error={fieldError(ctx, errors, 'reason')} maxlength={2000} />
            <Button text={key('reopenSubmit')} variant="secondary" />
          </form>
        </section>
      ) : (
        ''
      )}
      <h2 class="heading-m" safe>
        {key('historyTitle')}
      </h2>
      <Timeline ctx={ctx} entries={item.timeline} />
    </Layout>
  )
}
