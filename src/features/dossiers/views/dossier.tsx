/**
 * The dossier page for staff (/mot-cua/ho-so/:ref): everything recorded, the applicant's full
 * data, the documents, a form for each action the person may take now, the forms to print, and
 * the history with actor and time.
 */
import { Button, CheckboxesField, CsrfInput, DateField, ErrorSummary, fieldError, RadiosField, SelectField, StatusTag, SummaryList, Table, TextareaField, TextField } from '../../../views/components.tsx'
import type { Choice, SummaryRow } from '../../../views/components.tsx'
import { hasErrors, NO_ERRORS } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { DossierEvent } from '../dossier.repository.ts'
import type { Dossier } from '../dossier.service.ts'
import { RETURN_METHODS } from '../dossier.ts'
import type { DossierAction } from '../dossier.ts'
import { deskCrumbs } from './desk-home.tsx'
import { documentFormText, formatLong, formatLongOrNone, formatShort, statusTone, timingTag } from './format.ts'
import { dossierHref } from './list.tsx'

/** What an action's form holds, as typed. */
export interface ActionFormValues {
  readonly documents: readonly string[]
  readonly reason: string
  readonly note: string
  readonly toUsername: string
  readonly newDueAt: string
  readonly method: string
  readonly receivedAt: string
}

/** An action's form as first shown. */
export const EMPTY_ACTION_FORM: ActionFormValues = Object.freeze({
  documents: Object.freeze([]),
  reason: '',
  note: '',
  toUsername: '',
  newDueAt: '',
  method: 'counter',
  receivedAt: '',
})

/** The posted name of an action's field: `refuse.reason`, so that every form on the page has its own ids. */
export function actionFieldName(action: DossierAction, field: keyof ActionFormValues): string {
  return `${action}.${field}`
}

/** A form that failed, to show again with its values and errors. */
export interface FailedAction {
  readonly action: DossierAction
  readonly values: ActionFormValues
  readonly errors: FormErrors
}

/** A printable form of the dossier. */
export interface PrintLink {
  readonly href: string
  readonly text: string
}

/** Props of the dossier page. */
export interface DossierPageProps {
  readonly ctx: PageContext
  readonly dossier: Dossier
  readonly history: readonly DossierEvent[]
  readonly actions: readonly DossierAction[]
  readonly printLinks: readonly PrintLink[]
  /** Staff the dossier may be handed to; null shows a username field instead. */
  readonly assignees: readonly Choice[] | null
  /** The action whose form failed (422), or a conflict (409) about the page as a whole. */
  readonly failed: FailedAction | null
}

/** The fields of one action's form. */
function ActionFields(props: { ctx: PageContext; dossier: Dossier; action: DossierAction; values: ActionFormValues; errors: FormErrors; assignees: readonly Choice[] | null }): JSX.Element {
  const { ctx, dossier, action, values, errors } = props
  const t = ctx.t
  const name = (field: keyof ActionFormValues) => actionFieldName(action, field)
  const error = (field: keyof ActionFormValues) => fieldError(ctx, errors, name(field))
  const label = (key: string) => t(`dossiers.pages.act.${action}.${key}`)
  const note = <TextareaField ctx={ctx} name={name('note')} label={label('note')} value={values.note} error={error('note')} maxlength={2000} isOptional />
  switch (action) {
    case 'request_supplement':
      return (
        <>
          <CheckboxesField
            ctx={ctx}
            name={name('documents')}
            legend={label('documents')}
            hint={label('documentsHint')}
            values={values.documents}
            error={error('documents')}
            choices={dossier.documents.map((d) => ({ value: d.name, label: d.name, hint: documentFormText(t, d) }))}
          />
          {note}
        </>
      )
    case 'supplement_received':
      return (
        <>
          <CheckboxesField
            ctx={ctx}
            name={name('documents')}
            legend={label('documents')}
            hint={label('documentsHint')}
            values={values.documents}
            error={error('documents')}
            choices={dossier.documents.filter((d) => !d.isProvided).map((d) => ({ value: d.name, label: d.name, hint: documentFormText(t, d) }))}
          />
          <DateField ctx={ctx} type="datetime-local" name={name('receivedAt')} label={label('receivedAt')} hint={label('receivedAtHint')} value={values.receivedAt} error={error('receivedAt')} isOptional />
        </>
      )
    case 'refuse':
      return <TextareaField ctx={ctx} name={name('reason')} label={label('reason')} hint={label('reasonHint')} value={values.reason} error={error('reason')} maxlength={1000} />
    case 'assign':
      return (
        <>
          {props.assignees ? (
            <SelectField
              ctx={ctx}
              name={name('toUsername')}
              label={label('toStaff')}
              value={values.toUsername}
              error={error('toUsername')}
              placeholder={t('dossiers.pages.receive.choose')}
              choices={props.assignees}
            />
          ) : (
            <TextField
              ctx={ctx}
              name={name('toUsername')}
              label={label('toUsername')}
              hint={label('toUsernameHint')}
              value={values.toUsername}
              error={error('toUsername')}
              autocomplete="off"
              width="medium"
              maxlength={60}
              isSpellcheckOff
            />
          )}
          {note}
        </>
      )
    case 'apologize':
      return (
        <>
          <TextareaField ctx={ctx} name={name('reason')} label={label('reason')} value={values.reason} error={error('reason')} maxlength={1000} />
          <DateField ctx={ctx} type="datetime-local" name={name('newDueAt')} label={label('newDueAt')} hint={label('newDueAtHint')} value={values.newDueAt} error={error('newDueAt')} />
        </>
      )
    case 'return':
      return (
        <RadiosField
          ctx={ctx}
          name={name('method')}
          label={label('method')}
          value={values.method}
          error={error('method')}
          choices={RETURN_METHODS.map((m) => ({ value: m, label: t(`dossiers.pages.returnMethod.${m}`) }))}
        />
      )
    case 'stop':
      return <TextareaField ctx={ctx} name={name('reason')} label={label('reason')} hint={label('reasonHint')} value={values.reason} error={error('reason')} maxlength={1000} isOptional />
    default:
      // complete_step and result_ready carry a note only.
      return note
  }
}

/** One action as a disclosure holding its own form; open when its last submission failed. */
function ActionForm(props: { ctx: PageContext; dossier: Dossier; action: DossierAction; failed: FailedAction | null; assignees: readonly Choice[] | null }): JSX.Element {
  const { ctx, dossier, action } = props
  const t = ctx.t
  const isFailed = props.failed?.action === action && Object.keys(props.failed.errors.fields).length > 0
  const values = isFailed && props.failed ? props.failed.values : EMPTY_ACTION_FORM
  const errors = isFailed && props.failed ? props.failed.errors : NO_ERRORS
  return (
    <details class="inset" id={`action-${action}`} open={isFailed}>
      <summary>
        <strong safe>{t(`dossiers.action.${action}`)}</strong>
      </summary>
      <form class="form" method="post" action={`${dossierHref(dossier)}/actions`} novalidate>
        <CsrfInput ctx={ctx} />
        <input type="hidden" name="action" value={action} />
        <ActionFields ctx={ctx} dossier={dossier} action={action} values={values} errors={errors} assignees={props.assignees} />
        <Button text={t(`dossiers.pages.act.${action}.submit`)} variant={action === 'refuse' || action === 'stop' ? 'warning' : 'primary'} />
      </form>
    </details>
  )
}

/** What one history line adds beyond its action: documents asked for or missing, a new date. */
function eventDetails(ctx: PageContext, event: DossierEvent): string[] {
  const t = ctx.t
  const data = event.data ?? {}
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').join('; ') : '')
  const details: string[] = []
  if (list(data.requested)) details.push(t('dossiers.pages.dossier.requested', { documents: list(data.requested) }))
  if (list(data.missing)) details.push(t('dossiers.pages.dossier.missingList', { documents: list(data.missing) }))
  if (list(data.added)) details.push(t('dossiers.pages.dossier.added', { documents: list(data.added) }))
  if (event.action === 'apologize' && typeof data.newDueAt === 'string') details.push(t('dossiers.pages.dossier.newDue', { due: formatLong(t, new Date(data.newDueAt)) }))
  return details
}

/** The history table. */
function History(props: { ctx: PageContext; history: readonly DossierEvent[] }): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  const columns = [
    t('dossiers.pages.dossier.at'),
    t('dossiers.pages.dossier.actor'),
    t('dossiers.pages.dossier.action'),
    t('dossiers.pages.dossier.stepName'),
    t('dossiers.pages.dossier.to'),
    t('dossiers.pages.dossier.note'),
  ]
  return (
    <Table
      caption={t('dossiers.pages.dossier.history')}
      isCaptionHidden
      rowCount={props.history.length}
      emptyText={t('dossiers.pages.dossier.historyEmpty')}
      columns={columns.map((text) => ({ text }))}
      isStackedOnMobile
    >
      {props.history.map((e) => (
        <tr>
          <td data-label={columns[0]} class="nowrap" safe>
            {formatShort(e.at)}
          </td>
          <td data-label={columns[1]} safe>
            {e.actorLabel}
          </td>
          <td data-label={columns[2]}>
            <span safe>{t(`dossiers.action.${e.action}`)}</span>
            {e.fromStatus !== null && e.fromStatus !== e.toStatus ? (
              <span class="cell-secondary" safe>
                {t('dossiers.pages.dossier.statusChange', { from: t(`dossiers.status.${e.fromStatus}`), to: t(`dossiers.status.${e.toStatus}`) })}
              </span>
            ) : (
              ''
            )}
          </td>
          <td data-label={columns[3]} safe>
            {e.stepName ?? ''}
          </td>
          <td data-label={columns[4]} safe>
            {[e.toStaffName, e.toUnitName].filter(Boolean).join(', ')}
          </td>
          <td data-label={columns[5]}>
            {e.note ? <span safe>{e.note}</span> : ''}
            {eventDetails(ctx, e).map((line) => (
              <span class="cell-secondary" safe>
                {line}
              </span>
            ))}
          </td>
        </tr>
      ))}
    </Table>
  )
}

/** The dossier's title: its code, or its number while it has none. */
export function dossierTitle(ctx: PageContext, dossier: { code: string | null; id: number }): string {
  return dossier.code ? ctx.t('dossiers.pages.dossier.title', { code: dossier.code }) : ctx.t('dossiers.pages.dossier.titleNoCode', { id: dossier.id })
}

/** The dossier page. */
export function DossierPage(props: DossierPageProps): JSX.Element {
  const { ctx, dossier, failed } = props
  const t = ctx.t
  const key = (name: string) => t(`dossiers.pages.dossier.${name}`)
  const timing = timingTag(t, dossier)
  const step = dossier.procedure.steps[dossier.currentStep]?.name
  const summary: SummaryRow[] = [
    ...(dossier.code ? [{ key: key('code'), value: dossier.code }] : []),
    ...(dossier.pin ? [{ key: key('pin'), value: dossier.pin }] : []),
    { key: key('procedure'), value: `${dossier.procedureCode} – ${dossier.procedureName}` },
    { key: key('unit'), value: dossier.unitName },
    { key: key('channel'), value: t(`dossiers.channel.${dossier.channel}`) },
    { key: key('receivedAt'), value: formatLongOrNone(t, dossier.receivedAt) },
    { key: key('dueAt'), value: formatLongOrNone(t, dossier.dueAt) },
    ...(dossier.originalDueAt && dossier.dueAt && dossier.originalDueAt.getTime() !== dossier.dueAt.getTime()
      ? [{ key: key('originalDueAt'), value: formatLong(t, dossier.originalDueAt) }]
      : []),
    { key: key('receivedBy'), value: dossier.receivedByName ?? t('dossiers.pages.notYet') },
    { key: key('assignee'), value: dossier.assigneeName ?? t('dossiers.pages.list.unassigned') },
    ...(step ? [{ key: key('step'), value: step }] : []),
    ...(dossier.resultReadyAt ? [{ key: key('resultReadyAt'), value: formatLong(t, dossier.resultReadyAt) }] : []),
    ...(dossier.finishedAt ? [{ key: key('finishedAt'), value: formatLong(t, dossier.finishedAt) }] : []),
    ...(dossier.returnMethod ? [{ key: key('returnMethod'), value: t(`dossiers.pages.returnMethod.${dossier.returnMethod}`) }] : []),
    ...(dossier.refusalReason ? [{ key: key('refusalReason'), value: dossier.refusalReason }] : []),
  ]
  const applicant: SummaryRow[] = [
    { key: key('fullName'), value: dossier.applicant.fullName },
    { key: key('idNumber'), value: dossier.applicant.idNumber ?? t('dossiers.pages.notYet') },
    { key: key('phone'), value: dossier.applicant.phone ?? t('dossiers.pages.notYet') },
    { key: key('email'), value: dossier.applicant.email ?? t('dossiers.pages.notYet') },
    { key: key('address'), value: dossier.applicant.address ?? t('dossiers.pages.notYet') },
  ]
  const documentColumns = [key('document'), key('form'), t('dossiers.pages.list.status2')]
  const errors = failed?.errors ?? NO_ERRORS
  return (
    <Layout ctx={ctx} title={dossierTitle(ctx, dossier)} hasErrors={hasErrors(errors)} breadcrumbs={deskCrumbs(ctx, { href: '/mot-cua/ho-so', text: t('dossiers.pages.list.title') })}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <span class="caption" safe>
        {dossier.procedureName}
      </span>
      <h1 class="heading-l" safe>
        {dossierTitle(ctx, dossier)}
      </h1>
      <p class="lead">
        <StatusTag tone={statusTone(dossier.status)} text={t(`dossiers.status.${dossier.status}`)} />
        {timing ? (
          <>
            {' '}
            <StatusTag tone={timing.tone} text={timing.text} />
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
          <h2 class="heading-m" safe>
            {key('applicant')}
          </h2>
          <SummaryList rows={applicant} />
        </div>
        <aside aria-labelledby="print-title">
          <h2 class="heading-m" id="print-title" safe>
            {key('print')}
          </h2>
          <p class="body-secondary" safe>
            {key('printHint')}
          </p>
          <ul class="list">
            {props.printLinks.map((link) => (
              <li>
                <a href={link.href} safe>
                  {link.text}
                </a>
              </li>
            ))}
          </ul>
        </aside>
      </div>
      <h2 class="heading-m" safe>
        {key('documents')}
      </h2>
      <Table caption={key('documents')} isCaptionHidden rowCount={dossier.documents.length} emptyText="" columns={documentColumns.map((text) => ({ text }))} isStackedOnMobile>
        {dossier.documents.map((d) => (
          <tr>
            <td data-label={documentColumns[0]} safe>
              {d.name}
            </td>
            <td data-label={documentColumns[1]} safe>
              {documentFormText(t, d)}
            </td>
            <td data-label={documentColumns[2]}>
              {d.isProvided ? (
                <StatusTag tone="green" text={key('provided')} />
              ) : d.isRequired ? (
                <StatusTag tone="red" text={key('missing')} />
              ) : (
                <StatusTag tone="grey" text={key('notProvided')} />
              )}
            </td>
          </tr>
        ))}
      </Table>
      <h2 class="heading-m" safe>
        {key('actions')}
      </h2>
      {props.actions.length === 0 ? (
        <p safe>{key('noActions')}</p>
      ) : (
        <div>
          {props.actions.map((action) => (
            <ActionForm ctx={ctx} dossier={dossier} action={action} failed={failed} assignees={props.assignees} />
          ))}
        </div>
      )}
      <h2 class="heading-m" safe>
        {key('history')}
      </h2>
      <History ctx={ctx} history={props.history} />
    </Layout>
  )
}
