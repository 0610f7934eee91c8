/**
 * One item for staff (/admin/phan-anh/:code): everything recorded, the sender's contact unless the
 * sender is a denouncer and the reader no leader, the photos, a form for each action the person
 * may take now, similar open items when marking a duplicate, and the whole history with actor
 * and time, internal notes marked as such.
 */
import { Button, CsrfInput, DateField, ErrorSummary, fieldError, Notice, RadiosField, SelectField, StatusTag, SummaryList, Table, TextareaField, TextField } from '../../../views/components.tsx'
import type { Choice, ChoiceGroup, SummaryRow } from '../../../views/components.tsx'
import { hasErrors, NO_ERRORS } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { categoryByCode } from '../feedback.ts'
import type { FeedbackKind, FeedbackOrigin, FeedbackStatus, StaffAction } from '../feedback.ts'
import { categoryName } from './follow.tsx'
import { formatShort, statusTone } from './format.ts'
import type { InstantValue } from './format.ts'
import { publicItemHref, STAFF_PATH, staffItemHref } from './paths.ts'
import { PhotoGallery } from './photos.tsx'
import type { PhotoItem } from './photos.tsx'
import { itemHeading } from './public.tsx'
import { staffCrumbs } from './staff-queue.tsx'

/** The sender's contact as this reader may see it. */
export type ContactView =
  | { readonly kind: 'shown'; readonly name: string | null; readonly phone: string | null; readonly email: string | null }
  | { readonly kind: 'anonymous' }
  /** A denouncer's identity, which only leaders see. */
  | { readonly kind: 'hidden' }

/** One line of the history. */
export interface StaffEvent {
  readonly at: InstantValue
  readonly actorLabel: string
  readonly action: string
  readonly fromStatus: FeedbackStatus | null
  readonly toStatus: FeedbackStatus
  readonly note: string | null
  readonly isInternal: boolean
}

/** What the staff page shows of an item. */
export interface StaffItem {
  readonly code: string
  readonly kind: FeedbackKind
  readonly category: string
  readonly unitName: string
  readonly title: string | null
  readonly description: string
  readonly address: string | null
  readonly latitude: number | null
  readonly longitude: number | null
  readonly attributes: Readonly<Record<string, string>>
  readonly status: FeedbackStatus
  readonly origin: FeedbackOrigin
  readonly submittedAt: InstantValue
  readonly dueAt: InstantValue | null
  readonly isOverdue: boolean
  readonly assignedUnitName: string | null
  readonly assigneeName: string | null
  readonly officialName: string | null
  readonly duplicateOfCode: string | null
  readonly rejectionReason: string | null
  readonly publicAnswer: string | null
  readonly answeredAt: InstantValue | null
  readonly wantsPublic: boolean
  readonly isPublished: boolean
  readonly upheld: boolean | null
  readonly residentRating: number | null
  readonly reopenCount: number
  readonly contact: ContactView
  readonly photos: readonly PhotoItem[]
  readonly history: readonly StaffEvent[]
}

/** An open item that looks like this one. */
export interface SimilarItem {
  readonly code: string
  readonly title: string | null
  readonly excerpt: string
}

/** What an action's form holds, as typed. */
export type ActionFormValues = Readonly<Record<string, string>>

/** The posted name of an action's field: `reject.reason`, so every form on the page has its own ids. */
export function actionFieldName(action: StaffAction, field: string): string {
  return `${action}.${field}`
}

/** A form that failed, to show again with its values and errors. */
export interface FailedAction {
  readonly action: StaffAction
  readonly values: ActionFormValues
  readonly errors: FormErrors
}

/** Choices the assign form offers. */
export interface AssignChoices {
  readonly units: readonly Choice[]
  readonly officials: readonly ChoiceGroup[]
  /** The due instant the form proposes: the category's default from now, as a datetime-local value. */
  readonly defaultDueAt: string
}

/** Props of the staff item page. */
export interface StaffItemPageProps {
  readonly ctx: PageContext
  readonly item: StaffItem
  readonly actions: readonly StaffAction[]
  readonly similar: readonly SimilarItem[]
  readonly assign: AssignChoices | null
  readonly failed: FailedAction | null
}

/** The fields of one action's form. */
function ActionFields(props: { ctx: PageContext; item: StaffItem; action: StaffAction; values: ActionFormValues; errors: FormErrors; similar: readonly SimilarItem[]; assign: AssignChoices | null }): JSX.Element {
  const { ctx, action, values, errors } = props
  const t = ctx.t
  const name = (field: string) => actionFieldName(action, field)
  const error = (field: string) => fieldError(ctx, errors, name(field))
  const label = (key: string) => t(`feedback.pages.act.${action}.${key}`)
  const value = (field: string) => values[field] ?? ''
  switch (action) {
    case 'reject':
      return <TextareaField ctx={ctx} name={name('reason')} label={label('reason')} hint={label('reasonHint')} value={value('reason')} error={error('reason')} maxlength={2000} />
    case 'mark_duplicate':
      return (
        <>
          {props.similar.length > 0 ? (
            <RadiosField
              ctx={ctx}
              name={name('suggested')}
              label={label('suggested')}
              hint={label('suggestedHint')}
              value={value('suggested')}
              error={error('suggested')}
              choices={props.similar.map((s) => ({ value: s.code, label: s.title ? `${s.code} – ${s.title}` : s.code, hint: s.excerpt }))}
              isOptional
            />
          ) : (
            <p class="body-secondary" safe>
              {label('noSuggestion')}
            </p>
          )}
          <TextField
            ctx={ctx}
            name={name('duplicateOf')}
            label={label('duplicateOf')}
            hint={label('duplicateOfHint')}
            value={value('duplicateOf')}
            error={error('duplicateOf')}
            width="medium"
            maxlength={40}
            isSpellcheckOff
            isOptional={props.similar.length > 0}
          />
        </>
      )
    case 'assign':
      return (
        <>
          <SelectField
            ctx={ctx}
            name={name('unitCode')}
            label={label('unit')}
            hint={label('unitHint')}
            value={value('unitCode')}
            error={error('unitCode')}
            placeholder={label('unitKeep')}
            choices={props.assign?.units ?? []}
            isOptional
          />
          <SelectField
            ctx={ctx}
            name={name('assigneeUsername')}
            label={label('assignee')}
            hint={label('assigneeHint')}
            value={value('assigneeUsername')}
            error={error('assigneeUsername')}
            placeholder={label('assigneeNone')}
            choices={props.assign?.officials ?? []}
            isOptional
          />
          <DateField
            ctx={ctx}
            type="datetime-local"
            name={name('dueAt')}
            label={label('dueAt')}
            hint={t('feedback.pages.act.assign.dueAtHint', { days: categoryByCode(props.item.category)?.dueWorkingDays ?? 10 })}
            value={values.dueAt ?? props.assign?.defaultDueAt ?? ''}
            error={error('dueAt')}
          />
        </>
      )
    case 'note':
      return <TextareaField ctx={ctx} name={name('text')} label={label('text')} hint={label('textHint')} value={value('text')} error={error('text')} maxlength={5000} />
    case 'answer':
      return <TextareaField ctx={ctx} name={name('text')} label={label('text')} hint={label('textHint')} value={value('text')} error={error('text')} rows={6} maxlength={5000} />
    case 'decide_letter':
      return (
        <>
          <RadiosField
            ctx={ctx}
            name={name('upheld')}
            label={label('upheld')}
            value={value('upheld')}
            error={error('upheld')}
            choices={[
              { value: 'yes', label: t('feedback.upheld.yes') },
              { value: 'no', label: t('feedback.upheld.no') },
            ]}
          />
          <TextareaField ctx={ctx} name={name('note')} label={label('note')} hint={label('noteHint')} value={value('note')} error={error('note')} maxlength={2000} />
        </>
      )
    default:
      // accept, publish, unpublish and close are a button each.
      return (
        <p class="body-secondary" safe>
          {label('explain')}
        </p>
      )
  }
}

/** One action as a disclosure holding its own form; open when its last submission failed. */
function ActionForm(props: { ctx: PageContext; item: StaffItem; action: StaffAction; failed: FailedAction | null; similar: readonly SimilarItem[]; assign: AssignChoices | null }): JSX.Element {
  const { ctx, item, action } = props
  const t = ctx.t
  const isFailed = props.failed?.action === action && Object.keys(props.failed.errors.fields).length > 0
  const values = isFailed && props.failed ? props.failed.values : {}
  const errors = isFailed && props.failed ? props.failed.errors : NO_ERRORS
  const isWarning = action === 'reject' || action === 'unpublish'
  return (
    <details class="inset" id={`action-${action}`} open={isFailed}>
      <summary>
        <strong safe>{t(`feedback.actions.${action}`)}</strong>
      </summary>
      <form class="form" method="post" action={`${staffItemHref(item.code)}/xu-ly`} novalidate>
        <CsrfInput ctx={ctx} />
        <input type="hidden" name="action" value={action} />
        <ActionFields ctx={ctx} item={item} action={action} values={values} errors={errors} similar={props.similar} assign={props.assign} />
        <Button text={t(`feedback.pages.act.${action}.submit`)} variant={isWarning ? 'warning' : 'primary'} />
      </form>
    </details>
  )
}

/** The contact rows as this reader may see them. */
function contactRows(ctx: PageContext, contact: ContactView): SummaryRow[] {
  const t = ctx.t
  const key = (name: string) => t(`feedback.pages.staff.${name}`)
  if (contact.kind === 'hidden') return [{ key: key('sender'), value: t('feedback.denouncerHidden') }]
  if (contact.kind === 'anonymous') return [{ key: key('sender'), value: t('feedback.anonymous') }]
  const none = t('feedback.pages.none')
  return [
    { key: key('contactName'), value: contact.name ?? none },
    { key: key('contactPhone'), value: contact.phone ?? none },
    { key: key('contactEmail'), value: contact.email ?? none },
  ]
}

/** The history table. */
function History(props: { ctx: PageContext; history: readonly StaffEvent[] }): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  const key = (name: string) => t(`feedback.pages.staff.${name}`)
  const columns = [key('at'), key('actor'), key('action'), key('note')]
  return (
    <Table caption={key('history')} isCaptionHidden rowCount={props.history.length} emptyText={key('historyEmpty')} columns={columns.map((text) => ({ text }))} isStackedOnMobile>
      {props.history.map((e) => (
        <tr>
          <td data-label={columns[0]} class="nowrap" safe>
            {formatShort(e.at)}
          </td>
          <td data-label={columns[1]} safe>
            {e.actorLabel}
          </td>
          <td data-label={columns[2]}>
            <span safe>{t(`feedback.actions.${e.action}`)}</span>
            {e.fromStatus !== null && e.fromStatus !== e.toStatus ? (
              <span class="cell-secondary" safe>
                {t('feedback.pages.staff.statusChange', { from: t(`feedback.status.${e.fromStatus}`), to: t(`feedback.status.${e.toStatus}`) })}
              </span>
            ) : (
              ''
            )}
          </td>
          <td data-label={columns[3]}>
            {e.isInternal ? (
              <>
                <StatusTag tone="grey" text={key('internal')} />{' '}
              </>
            ) : (
              ''
            )}
            {e.note ? <span class="prose" safe>{e.note}</span> : ''}
          </td>
        </tr>
      ))}
    </Table>
  )
}

/** The staff item page. */
export function StaffItemPage(props: StaffItemPageProps): JSX.Element {
  const { ctx, item, failed } = props
  const t = ctx.t
  const key = (name: string) => t(`feedback.pages.staff.${name}`)
  const none = t('feedback.pages.none')
  const attributeRows: SummaryRow[] = (categoryByCode(item.category)?.questions ?? [])
    .filter((q) => item.attributes[q.code] !== undefined && item.attributes[q.code] !== '')
    .map((q) => {
      const raw = item.attributes[q.code] ?? ''
      const choice = q.values?.find((v) => v.key === raw)
      return { key: t(q.labelKey), value: choice ? t(choice.labelKey) : raw }
    })
  const summary: SummaryRow[] = [
    { key: key('code'), value: item.code },
    { key: key('kind'), value: t(`feedback.kinds.${item.kind}`) },
    { key: key('category'), value: categoryName(ctx, item.category) },
    { key: key('unit'), value: item.unitName },
    ...attributeRows,
    { key: key('origin'), value: t(`feedback.origins.${item.origin}`) },
    { key: key('submittedAt'), value: formatShort(item.submittedAt) },
    { key: key('dueAt'), value: item.dueAt ? formatShort(item.dueAt) : none },
    { key: key('handler'), value: [item.assigneeName, item.assignedUnitName].filter(Boolean).join(', ') || none },
    ...(item.officialName ? [{ key: key('official'), value: item.officialName }] : []),
    ...(item.kind === 'letter' ? [{ key: key('upheld'), value: item.upheld === null ? key('undecided') : t(`feedback.upheld.${item.upheld ? 'yes' : 'no'}`) }] : []),
    ...(item.duplicateOfCode ? [{ key: key('duplicateOf'), value: item.duplicateOfCode }] : []),
    ...(item.rejectionReason ? [{ key: key('rejectionReason'), value: item.rejectionReason }] : []),
    { key: key('visibility'), value: item.isPublished ? key('published') : item.wantsPublic ? key('wantsPublic') : key('private') },
    ...(item.residentRating !== null ? [{ key: key('rating'), value: t(`feedback.pages.rating.${item.residentRating}`) }] : []),
    ...(item.reopenCount > 0 ? [{ key: key('reopened'), value: key('reopenedYes') }] : []),
  ]
  const place: SummaryRow[] = [
    { key: key('address'), value: item.address ?? none },
    ...(item.latitude !== null && item.longitude !== null ? [{ key: key('coordinates'), value: `${item.latitude}, ${item.longitude}` }] : []),
  ]
  const errors = failed?.errors ?? NO_ERRORS
  const heading = itemHeading(ctx, item)
  return (
    <Layout ctx={ctx} title={heading} hasErrors={hasErrors(errors)} breadcrumbs={staffCrumbs(ctx, { href: STAFF_PATH, text: t('feedback.pages.queue.title') })}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <span class="caption" safe>
        {item.code}
      </span>
      <h1 class="heading-l" safe>
        {heading}
      </h1>
      <p class="lead">
        <StatusTag tone={statusTone(item.status)} text={t(`feedback.status.${item.status}`)} />
        {item.isOverdue ? (
          <>
            {' '}
            <StatusTag tone="red" text={t('feedback.pages.queue.late')} />
          </>
        ) : (
          ''
        )}
      </p>
      <div class="grid grid--two-thirds">
        <div>
          <h2 class="heading-m" safe>
            {key('summary')}
          </h2>
          <SummaryList rows={summary} />
        </div>
        <aside aria-labelledby="sender-title">
          <h2 class="heading-m" id="sender-title" safe>
            {key('senderTitle')}
          </h2>
          <SummaryList rows={contactRows(ctx, item.contact)} />
          {item.isPublished ? (
            <p>
              <a href={publicItemHref(item.code)} safe>
                {key('publicLink')}
              </a>
            </p>
          ) : (
            ''
          )}
        </aside>
      </div>
      <h2 class="heading-m" safe>
        {key('description')}
      </h2>
      <p class="prose" safe>
        {item.description}
      </p>
      <SummaryList rows={place} />
      <PhotoGallery ctx={ctx} photos={item.photos} />
      {item.publicAnswer ? (
        <Notice ctx={ctx} kind="info" title={key('answerTitle')}>
          {item.answeredAt ? (
            <p class="body-secondary" safe>
              {t('feedback.pages.follow.answeredAt', { at: formatShort(item.answeredAt) })}
            </p>
          ) : (
            ''
          )}
          <p class="prose" safe>
            {item.publicAnswer}
          </p>
        </Notice>
      ) : (
        ''
      )}
      <h2 class="heading-m" safe>
        {key('actions')}
      </h2>
      {props.actions.length === 0 ? (
        <p safe>{key('noActions')}</p>
      ) : (
        <div>
          {props.actions.map((action) => (
            <ActionForm ctx={ctx} item={item} action={action} failed={failed} similar={props.similar} assign={props.assign} />
          ))}
        </div>
      )}
      <h2 class="heading-m" safe>
        {key('history')}
      </h2>
      <History ctx={ctx} history={item.history} />
    </Layout>
  )
}
