/**
 * Corrective-action cases (chấn chỉnh, nhắc nhở): the list a leader (their units' cases) or an
 * official (the cases about them) sees, and one case with its rule, period, evidence linked where
 * it can be, its history, and for the unit's leader the form to record what was done.
 */
import type { AuditEntry } from '../../../platform/audit/audit.ts'
import { Button, CsrfInput, ErrorSummary, fieldError, SelectField, StatusTag, SummaryList, Table } from '../../../views/components.tsx'
import type { TagTone } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import { formatDateTime } from '../../../views/page.ts'
import type { PageContext } from '../../../views/page.ts'
import type { CorrectiveCase } from '../corrective.service.ts'
import { CASE_ACTIONS, CASE_STATUSES } from '../corrective.ts'
import type { CaseStatus } from '../corrective.ts'
import { RULES_PATH } from './rules.tsx'
import { DateField, formatDay } from './summary-fields.tsx'
import { RadiosField, TextareaField } from './survey-fields.tsx'

/** The cases' address. */
export const CASES_PATH = '/danh-gia/chan-chinh'

/** One case's address (the one the notification e-mail links to). */
export function caseHref(id: number): string {
  return `${CASES_PATH}/${id}`
}

/** The colour of a case's status. */
const STATUS_TONES: Record<CaseStatus, TagTone> = { open: 'yellow', action_recorded: 'blue', closed: 'grey' }

/** A case's status as a tag. */
function CaseStatusTag(props: { ctx: PageContext; status: CaseStatus }): JSX.Element {
  return <StatusTag tone={STATUS_TONES[props.status]} text={props.ctx.t(`ratings.caseStatus.${props.status}`)} />
}

/** A period "2026-03" as people write it ("Tháng 03/2026"). */
function periodText(ctx: PageContext, period: string): string {
  const [year, month] = period.split('-')
  return year && month ? ctx.t('ratings.pages.case.periodValue', { month, year }) : period
}

/** The list of cases. */
export function CaseListPage(props: { ctx: PageContext; cases: readonly CorrectiveCase[]; status: string }): JSX.Element {
  const { ctx, cases } = props
  const t = ctx.t
  const column = (name: string) => t(`ratings.pages.case.column.${name}`)
  return (
    <Layout ctx={ctx} title={t('ratings.pages.case.listTitle')} breadcrumbs={[{ href: '/desk', text: t('nav.desk') }]}>
      <h1 class="heading-l" safe>
        {t('ratings.pages.case.listTitle')}
      </h1>
      <p class="lead" safe>
        {t('ratings.pages.case.listLead')}
      </p>
      <p>
        <a href={RULES_PATH} safe>
          {t('ratings.pages.case.rulesLink')}
        </a>
      </p>
      <form class="filter" method="get" action={CASES_PATH}>
        <SelectField
          ctx={ctx}
          name="status"
          label={t('ratings.pages.case.status')}
          value={props.status}
          placeholder={t('ratings.pages.case.allStatuses')}
          choices={CASE_STATUSES.map((s) => ({ value: s, label: t(`ratings.caseStatus.${s}`) }))}
        />
        <Button text={t('ratings.pages.case.filter')} variant="secondary" />
      </form>
      <Table
        caption={t('ratings.pages.case.listCaption')}
        isCaptionHidden
        isStackedOnMobile
        rowCount={cases.length}
        emptyText={t('ratings.pages.case.empty')}
        columns={['number', 'official', 'unit', 'rule', 'period', 'status', 'followUp'].map((name) => ({ text: column(name) }))}
      >
        {cases.map((c) => (
          <tr>
            <td data-label={column('number')}>
              <a href={caseHref(c.id)} safe>
                {t('ratings.pages.case.number', { id: c.id })}
              </a>
            </td>
            <td data-label={column('official')} safe>
              {c.officialName}
            </td>
            <td data-label={column('unit')} safe>
              {c.unitName}
            </td>
            <td data-label={column('rule')} safe>
              {t(`ratings.rule.${c.rule}`)}
            </td>
            <td data-label={column('period')} safe>
              {periodText(ctx, c.period)}
            </td>
            <td data-label={column('status')}>
              <CaseStatusTag ctx={ctx} status={c.status} />
            </td>
            <td data-label={column('followUp')} safe>
              {formatDay(c.followUpOn ?? '—')}
            </td>
          </tr>
        ))}
      </Table>
    </Layout>
  )
}

/** One evidence item: a dossier links to the desk's page of it; ratings are shown as references. */
function EvidenceItem(props: { ctx: PageContext; item: string }): JSX.Element {
  const t = props.ctx.t
  const [kind, ...rest] = props.item.split(':')
  const ref = rest.join(':')
  if (kind === 'dossier' && ref !== '') {
    return (
      <a href={`/mot-cua/ho-so/${encodeURIComponent(ref)}`} safe>
        {t('ratings.pages.case.evidenceItem.dossier', { ref })}
      </a>
    )
  }
  if ((kind === 'evaluation' || kind === 'kiosk') && ref !== '') return <span safe>{t(`ratings.pages.case.evidenceItem.${kind}`, { ref })}</span>
  // Evidence from other modules (feedback letters…) is shown as its module wrote it.
  return <span safe>{props.item}</span>
}

/** One line of the case's history, from its audit entry. */
function historyText(ctx: PageContext, entry: AuditEntry): string {
  const t = ctx.t
  const actor = entry.actorId === null ? t('ratings.pages.case.system') : entry.actorLabel
  const after = (entry.after ?? {}) as { action?: unknown; followUpOn?: unknown }
  switch (entry.action) {
    case 'open':
    case 'close':
      return t(`ratings.pages.case.history.${entry.action}`, { actor })
    case 'record_action':
      return t('ratings.pages.case.history.record_action', {
        actor,
        action: typeof after.action === 'string' ? t(`ratings.caseAction.${after.action}`) : '—',
        date: typeof after.followUpOn === 'string' ? formatDay(after.followUpOn) : '—',
      })
    default:
      return t('ratings.pages.case.history.other', { actor, action: entry.action })
  }
}

/** The action form as typed. */
export interface CaseActionValues {
  readonly action: string
  readonly note: string
  readonly followUpOn: string
}

/** The action form's values from what the case already records (empty for an open case). */
export function caseActionValuesOf(c: CorrectiveCase): CaseActionValues {
  return { action: c.action ?? '', note: c.actionNote ?? '', followUpOn: c.followUpOn ?? '' }
}

/** Props of a case's page. */
export interface CasePageProps {
  readonly ctx: PageContext
  readonly correctiveCase: CorrectiveCase
  readonly history: readonly AuditEntry[]
  /** Whether the viewer may record the action: a leader of the unit who is not the official. */
  readonly canDecide: boolean
  readonly values: CaseActionValues
  readonly errors: FormErrors
}

/** One case. */
export function CasePage(props: CasePageProps): JSX.Element {
  const { ctx, correctiveCase: c, errors } = props
  const t = ctx.t
  const isOwn = ctx.principal?.staffId === c.officialId
  const rows = [
    { key: t('ratings.pages.case.official'), value: c.officialName },
    { key: t('ratings.pages.case.unit'), value: c.unitName },
    { key: t('ratings.pages.case.rule'), value: t(`ratings.rule.${c.rule}`) },
    { key: t('ratings.pages.case.period'), value: periodText(ctx, c.period) },
    { key: t('ratings.pages.case.openedAt'), value: formatDateTime(c.createdAt, ctx.locale) },
    ...(c.action ? [{ key: t('ratings.pages.case.action'), value: t(`ratings.caseAction.${c.action}`) }] : []),
    ...(c.actionNote ? [{ key: t('ratings.pages.case.note'), value: c.actionNote }] : []),
    ...(c.followUpOn ? [{ key: t('ratings.pages.case.followUpOn'), value: formatDay(c.followUpOn) }] : []),
    ...(c.decidedBy ? [{ key: t('ratings.pages.case.decidedBy'), value: c.decidedBy }] : []),
    ...(c.closedAt ? [{ key: t('ratings.pages.case.closedAt'), value: formatDateTime(c.closedAt, ctx.locale) }] : []),
  ]
  const title = t('ratings.pages.case.title', { id: c.id, name: c.officialName })
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors(errors)} breadcrumbs={[{ href: CASES_PATH, text: t('ratings.pages.case.back') }]}>
      <ErrorSummary ctx={ctx} errors={errors} order={['action', 'note', 'followUpOn']} />
      <span class="caption" safe>
        {t('ratings.pages.case.listTitle')}
      </span>
      <h1 class="heading-l" safe>
        {title}
      </h1>
      <p class="lead">
        <span class="visually-hidden" safe>
          {`${t('ratings.pages.case.status')}: `}
        </span>
        <CaseStatusTag ctx={ctx} status={c.status} />
      </p>
      {isOwn ? (
        <p class="inset" safe>
          {t('ratings.pages.case.ownCase')}
        </p>
      ) : (
        ''
      )}
      <SummaryList rows={rows} />
      <h2 class="heading-m" safe>
        {t('ratings.pages.case.evidenceTitle')}
      </h2>
      <ul class="list">
        {Object.entries(c.evidence.summary).map(([key, value]) => (
          <li safe>{t(`ratings.pages.case.evidenceFigure.${key}`, { value })}</li>
        ))}
      </ul>
      {c.evidence.items.length === 0 ? (
        <p class="body-secondary" safe>
          {t('ratings.pages.case.noEvidence')}
        </p>
      ) : (
        <ul class="list">
          {c.evidence.items.map((item) => (
            <li>
              <EvidenceItem ctx={ctx} item={item} />
            </li>
          ))}
        </ul>
      )}
      <h2 class="heading-m" safe>
        {t('ratings.pages.case.historyTitle')}
      </h2>
      <ol class="list">
        {props.history.map((entry) => (
          <li>
            <strong safe>{formatDateTime(entry.at, ctx.locale)}</strong>
            {': '}
            <span safe>{historyText(ctx, entry)}</span>
          </li>
        ))}
      </ol>
      {c.status === 'closed' ? (
        <p class="inset" safe>
          {t('ratings.pages.case.closed')}
        </p>
      ) : props.canDecide ? (
        <CaseActionForm ctx={ctx} caseId={c.id} values={props.values} errors={errors} />
      ) : (
        ''
      )}
    </Layout>
  )
}

/** The leader's form: what was done, a note (the reason when nothing was), the follow-up date. */
function CaseActionForm(props: { ctx: PageContext; caseId: number; values: CaseActionValues; errors: FormErrors }): JSX.Element {
  const { ctx, values, errors } = props
  const t = ctx.t
  return (
    <section aria-labelledby="case-action-title">
      <h2 class="heading-m" id="case-action-title" safe>
        {t('ratings.pages.case.actionTitle')}
      </h2>
      <p safe>{t('ratings.pages.case.actionLead')}</p>
      <form class="form" method="post" action={caseHref(props.caseId)} novalidate>
        <CsrfInput ctx={ctx} />
        <RadiosField
          ctx={ctx}
          name="action"
          label={t('ratings.pages.case.actionLegend')}
          error={fieldError(ctx, errors, 'action')}
          value={values.action}
          choices={CASE_ACTIONS.map((a) => ({ value: a, label: t(`ratings.caseAction.${a}`) }))}
        />
        <TextareaField
          ctx={ctx}
          name="note"
          label={t('ratings.pages.case.note')}
          hint={t('ratings.pages.case.noteHint')}
          error={fieldError(ctx, errors, 'note')}
          value={values.note}
          isOptional
          rows={4}
          maxlength={2000}
        />
        <DateField
          ctx={ctx}
          name="followUpOn"
          label={t('ratings.pages.case.followUpOn')}
          hint={t('ratings.pages.case.followUpHint')}
          error={fieldError(ctx, errors, 'followUpOn')}
          value={values.followUpOn}
        />
        <Button text={t('ratings.pages.case.submit')} />
      </form>
    </section>
  )
}
