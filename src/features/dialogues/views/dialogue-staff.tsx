/**
 * The staff pages of dialogues: the list of sessions the reader may see, with filters and the
 * form that plans a new session (/admin/doi-thoai); and one session (/admin/doi-thoai/:id) with
 * a form per status change the reader may make, the schedule and hosts forms, and the moderation
 * queue — publish, hide with a reason, merge into another question, assign to a unit, prepare
 * the answer. Every form keeps what was typed and says what to fix beside the field.
 */
import {
  Button,
  ButtonLink,
  CsrfInput,
  DateField,
  ErrorSummary,
  fieldError,
  FieldErrorMessage,
  Pagination,
  SelectField,
  StatusTag,
  SummaryList,
  Table,
  TextareaField,
  TextField,
} from '../../../views/components.tsx'
import type { Choice, ChoiceGroup, Crumb, SummaryRow } from '../../../views/components.tsx'
import { hasErrors, NO_ERRORS } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { COVERAGE_PATH, dateTimeLocalValue, formatShort, formatSpan, minutesHref, questionTone, secretaryHref, sessionHref, sessionTone, STAFF_PATH, staffSessionHref } from './dialogue-format.ts'
import type { StaffQuestion, StaffSession, StaffSessionRow } from './dialogue-model.ts'
import { CommitmentList, hasPublicMinutes, hostsLine, TrackedStatus } from './dialogue-public.tsx'

/** How many host rows the session form offers. */
export const HOST_ROWS = 3

/** The trail back to the desk and the list, for the staff pages. */
export function staffCrumbs(ctx: PageContext, ...more: Crumb[]): Crumb[] {
  return [{ href: '/desk', text: ctx.t('nav.desk') }, { href: STAFF_PATH, text: ctx.t('dialogues.pages.staff.title') }, ...more]
}

/** The schedule fields of a session as typed (creating and editing). */
export interface ScheduleValues {
  readonly topic: string
  readonly description: string
  readonly startsAt: string
  readonly endsAt: string
  readonly venue: string
  readonly livestreamUrl: string
  readonly secretaryUsername: string
}

/** One host row as typed: the leader's username and how they are introduced. */
export interface HostRow {
  readonly username: string
  readonly roleLabel: string
}

/** The create form as typed. */
export interface SessionFormValues extends ScheduleValues {
  readonly unitCode: string
  readonly hosts: readonly HostRow[]
}

/** Host rows, all empty. */
export const EMPTY_HOSTS: readonly HostRow[] = Object.freeze(Array.from({ length: HOST_ROWS }, () => Object.freeze({ username: '', roleLabel: '' })))

/** The create form as first shown. */
export const EMPTY_SESSION_FORM: SessionFormValues = Object.freeze({
  unitCode: '',
  topic: '',
  description: '',
  startsAt: '',
  endsAt: '',
  venue: '',
  livestreamUrl: '',
  secretaryUsername: '',
  hosts: EMPTY_HOSTS,
})

/** The posted names of a host row's two fields. */
export function hostFieldNames(index: number): { username: string; roleLabel: string } {
  return { username: `host${index + 1}`, roleLabel: `host${index + 1}Label` }
}

/** Field names in the order they appear, so the error summary reads like the form. */
export const SESSION_FIELD_ORDER: readonly string[] = [
  'unitCode',
  'topic',
  'description',
  'startsAt',
  'endsAt',
  'venue',
  'livestreamUrl',
  'secretaryUsername',
  'hosts',
  ...Array.from({ length: HOST_ROWS }, (_, i) => [hostFieldNames(i).username, hostFieldNames(i).roleLabel]).flat(),
]

/** What the session forms offer to choose from. */
export interface SessionChoices {
  /** Units the reader may organise a dialogue for. */
  readonly units: readonly Choice[]
  /** Leaders who may host, grouped by unit. */
  readonly leaders: readonly ChoiceGroup[]
  /** Staff who may keep the record, grouped by unit. */
  readonly staff: readonly ChoiceGroup[]
}

/** The schedule fields: topic, description, times, venue, livestream, secretary. */
export function ScheduleFields(props: { ctx: PageContext; values: ScheduleValues; errors: FormErrors; staff: readonly ChoiceGroup[] }): JSX.Element {
  const { ctx, values, errors } = props
  const t = ctx.t
  const key = (name: string) => t(`dialogues.pages.form.${name}`)
  const error = (name: string) => fieldError(ctx, errors, name)
  return (
    <>
      <TextField ctx={ctx} name="topic" label={key('topic')} hint={key('topicHint')} value={values.topic} error={error('topic')} maxlength={200} />
      <TextareaField ctx={ctx} name="description" label={key('description')} hint={key('descriptionHint')} value={values.description} error={error('description')} rows={4} maxlength={5000} isOptional />
      <DateField ctx={ctx} type="datetime-local" name="startsAt" label={key('startsAt')} value={values.startsAt} error={error('startsAt')} />
      <DateField ctx={ctx} type="datetime-local" name="endsAt" label={key('endsAt')} hint={key('endsAtHint')} value={values.endsAt} error={error('endsAt')} isOptional />
      <TextField ctx={ctx} name="venue" label={key('venue')} hint={key('venueHint')} value={values.venue} error={error('venue')} maxlength={300} />
      <TextField ctx={ctx} name="livestreamUrl" label={key('livestreamUrl')} hint={key('livestreamUrlHint')} value={values.livestreamUrl} error={error('livestreamUrl')} maxlength={500} isSpellcheckOff isOptional />
      <SelectField
        ctx={ctx}
        name="secretaryUsername"
        label={key('secretary')}
        hint={key('secretaryHint')}
        value={values.secretaryUsername}
        error={error('secretaryUsername')}
        placeholder={key('noSecretary')}
        choices={props.staff}
        isOptional
      />
    </>
  )
}

/** The host rows: a leader and how they are introduced, each. */
export function HostFields(props: { ctx: PageContext; hosts: readonly HostRow[]; errors: FormErrors; leaders: readonly ChoiceGroup[] }): JSX.Element {
  const { ctx, errors } = props
  const t = ctx.t
  const key = (name: string) => t(`dialogues.pages.form.${name}`)
  const error = (name: string) => fieldError(ctx, errors, name)
  const groupError = error('hosts')
  return (
    <div class={['field', groupError ? 'field--error' : '']}>
      <fieldset class="fieldset" id="f-hosts" aria-describedby={groupError ? 'f-hosts-hint f-hosts-error' : 'f-hosts-hint'}>
        <legend class="legend heading-s" safe>
          {key('hosts')}
        </legend>
        <div class="hint" id="f-hosts-hint" safe>
          {key('hostsHint')}
        </div>
        <FieldErrorMessage ctx={ctx} id="f-hosts" text={groupError} />
        {Array.from({ length: HOST_ROWS }, (_, i) => {
          const names = hostFieldNames(i)
          const row = props.hosts[i] ?? { username: '', roleLabel: '' }
          return (
            <div class="inset">
              <SelectField
                ctx={ctx}
                name={names.username}
                label={t('dialogues.pages.form.host', { number: i + 1 })}
                value={row.username}
                error={error(names.username)}
                placeholder={key('noHost')}
                choices={props.leaders}
                isOptional={i > 0}
              />
              <TextField
                ctx={ctx}
                name={names.roleLabel}
                label={t('dialogues.pages.form.hostLabel', { number: i + 1 })}
                hint={i === 0 ? key('hostLabelHint') : undefined}
                value={row.roleLabel}
                error={error(names.roleLabel)}
                maxlength={120}
                isOptional
              />
            </div>
          )
        })}
      </fieldset>
    </div>
  )
}

/** The list's filter, as in the address. */
export interface StaffFilter {
  /** upcoming, past, or '' for all. */
  readonly scope: string
  readonly unit: string
  readonly year: string
}

/** The list's address for a filter and page; empty parts are left out. */
export function staffListHref(filter: Partial<StaffFilter>, page = 1): string {
  const params = new URLSearchParams()
  if (filter.scope) params.set('scope', filter.scope)
  if (filter.unit) params.set('unit', filter.unit)
  if (filter.year) params.set('year', filter.year)
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  return query ? `${STAFF_PATH}?${query}` : STAFF_PATH
}

/** Props of the staff list. */
export interface StaffListPageProps {
  readonly ctx: PageContext
  readonly filter: StaffFilter
  readonly filterErrors: FormErrors
  readonly units: readonly Choice[]
  readonly sessions: readonly StaffSessionRow[]
  readonly total: number
  readonly page: number
  readonly pageSize: number
  /** The create form, when the reader may organise a dialogue somewhere. */
  readonly create: { readonly values: SessionFormValues; readonly errors: FormErrors; readonly choices: SessionChoices } | null
  /** Whether to link to coverage (the reader leads, moderates or administers somewhere). */
  readonly canSeeCoverage: boolean
}

/** The staff list with its filters and the create form. */
export function StaffListPage(props: StaffListPageProps): JSX.Element {
  const { ctx, filter, create } = props
  const t = ctx.t
  const key = (name: string) => t(`dialogues.pages.staff.${name}`)
  const createErrors = create?.errors ?? NO_ERRORS
  const columns = [key('when'), key('topic'), key('unit'), key('status'), key('questions')]
  const pageCount = Math.max(1, Math.ceil(props.total / props.pageSize))
  const from = props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1
  const to = Math.min(props.total, props.page * props.pageSize)
  return (
    <Layout ctx={ctx} title={key('title')} hasErrors={hasErrors(createErrors) || hasErrors(props.filterErrors)} breadcrumbs={[{ href: '/desk', text: t('nav.desk') }]}>
      <ErrorSummary ctx={ctx} errors={hasErrors(createErrors) ? createErrors : props.filterErrors} order={SESSION_FIELD_ORDER} />
      <h1 class="heading-l" safe>
        {key('title')}
      </h1>
      <p class="lead" safe>
        {key('lead')}
      </p>
      <ul class="list">
        {create ? (
          <li>
            <a href="#tao-moi" safe>
              {key('createLink')}
            </a>
          </li>
        ) : (
          ''
        )}
        {props.canSeeCoverage ? (
          <li>
            <a href={COVERAGE_PATH} safe>
              {t('dialogues.pages.coverage.title')}
            </a>
          </li>
        ) : (
          ''
        )}
        <li>
          <a href="/doi-thoai" safe>
            {key('publicLink')}
          </a>
        </li>
      </ul>
      <form class="filter" method="get" action={STAFF_PATH} role="search" aria-label={key('filter')}>
        <SelectField
          ctx={ctx}
          name="scope"
          label={key('scope')}
          value={filter.scope}
          placeholder={key('scopeAll')}
          choices={[
            { value: 'upcoming', label: key('scopeUpcoming') },
            { value: 'past', label: key('scopePast') },
          ]}
        />
        {props.units.length > 1 ? (
          <SelectField ctx={ctx} name="unit" label={key('unit')} value={filter.unit} error={fieldError(ctx, props.filterErrors, 'unit')} placeholder={key('unitAll')} choices={props.units} />
        ) : (
          ''
        )}
        <TextField ctx={ctx} name="year" label={key('year')} value={filter.year} error={fieldError(ctx, props.filterErrors, 'year')} width="short" inputmode="numeric" maxlength={4} isOptional />
        <div class="button-group">
          <Button text={key('apply')} variant="secondary" />
        </div>
      </form>
      <p class="body-secondary" role="status" safe>
        {t('pagination.summary', { from, to, total: props.total })}
      </p>
      <Table caption={key('title')} isCaptionHidden rowCount={props.sessions.length} emptyText={key('empty')} columns={columns.map((text) => ({ text }))} isStackedOnMobile>
        {props.sessions.map((s) => (
          <tr>
            <td data-label={columns[0]} class="nowrap" safe>
              {formatShort(s.startsAt)}
            </td>
            <td data-label={columns[1]}>
              <a href={staffSessionHref(s.id)} safe>
                {s.topic}
              </a>
              <span class="cell-secondary" safe>
                {hostsLine(ctx, s.hosts)}
              </span>
            </td>
            <td data-label={columns[2]} safe>
              {s.unitName}
            </td>
            <td data-label={columns[3]}>
              <StatusTag tone={sessionTone(s.status)} text={t(`dialogues.status.${s.status}`)} />
            </td>
            <td data-label={columns[4]}>
              <span safe>{t('dialogues.pages.staff.questionCount', { n: s.questionCount })}</span>
              {s.pendingCount > 0 ? (
                <span class="cell-secondary" safe>
                  {t('dialogues.pages.staff.pendingCount', { n: s.pendingCount })}
                </span>
              ) : (
                ''
              )}
            </td>
          </tr>
        ))}
      </Table>
      <Pagination ctx={ctx} page={props.page} pageCount={pageCount} hrefFor={(p) => staffListHref(filter, p)} />
      {create ? (
        <section aria-labelledby="tao-moi">
          <h2 class="heading-m" id="tao-moi" safe>
            {key('createTitle')}
          </h2>
          <p safe>{key('createLead')}</p>
          <form class="form" method="post" action={STAFF_PATH} novalidate>
            <CsrfInput ctx={ctx} />
            <SelectField
              ctx={ctx}
              name="unitCode"
              label={t('dialogues.pages.form.unit')}
              hint={t('dialogues.pages.form.unitHint')}
              value={create.values.unitCode}
              error={fieldError(ctx, create.errors, 'unitCode')}
              placeholder={t('dialogues.pages.form.chooseUnit')}
              choices={create.choices.units}
            />
            <ScheduleFields ctx={ctx} values={create.values} errors={create.errors} staff={create.choices.staff} />
            <HostFields ctx={ctx} hosts={create.values.hosts} errors={create.errors} leaders={create.choices.leaders} />
            <Button text={key('createSubmit')} />
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  )
}

/** A form of the session page that failed, to show again with its values and errors. */
export interface FailedForm {
  /** Which form: 'schedule', 'hosts', a status action ('action:cancel'), a question's ('question:12:hide'), or the secretary's. */
  readonly form: string
  /** What was posted, by the posted names. */
  readonly values: Readonly<Record<string, string>>
  readonly errors: FormErrors
}

/** The moderation actions, and the fields each posts (named as the service names them). */
export const MODERATION_FIELDS = {
  publish: [],
  hide: ['reason'],
  merge: ['into'],
  assign: ['unitCode'],
  prepare_answer: ['text'],
} as const satisfies Record<string, readonly string[]>

/** A moderation action. */
export type ModerationAction = keyof typeof MODERATION_FIELDS

/** The posted name of a question form's field: `q12.reason`, so every form on the page has its own ids. */
export function questionFieldName(questionId: number, field: string): string {
  return `q${questionId}.${field}`
}

/** The failed form named `name`, if that is the one that failed. */
function failedOf(failed: FailedForm | null, name: string): { values: Readonly<Record<string, string>>; errors: FormErrors; isFailed: boolean } {
  return failed?.form === name ? { values: failed.values, errors: failed.errors, isFailed: true } : { values: {}, errors: NO_ERRORS, isFailed: false }
}

/** The form of a status action (a button, or a reason for cancelling). */
function StatusActionForm(props: { ctx: PageContext; session: StaffSession; action: string; failed: FailedForm | null }): JSX.Element {
  const { ctx, session, action } = props
  const t = ctx.t
  const { values, errors, isFailed } = failedOf(props.failed, `action:${action}`)
  if (action === 'mark_held') {
    // Marking held records the attendance and the conclusions too: that is the secretary's page.
    return (
      <div class="inset">
        <p>
          <strong safe>{t('dialogues.actions.mark_held')}</strong>
        </p>
        <p safe>{t('dialogues.pages.manage.holdOnSecretary')}</p>
        <ButtonLink href={`${secretaryHref(session.id)}#ket-thuc`} text={t('dialogues.pages.manage.secretaryLink')} variant="secondary" />
      </div>
    )
  }
  return (
    <details class="inset" id={`action-${action}`} open={isFailed}>
      <summary>
        <strong safe>{t(`dialogues.actions.${action}`)}</strong>
      </summary>
      <form class="form" method="post" action={`${staffSessionHref(session.id)}/trang-thai`} novalidate>
        <CsrfInput ctx={ctx} />
        <input type="hidden" name="action" value={action} />
        {action === 'cancel' ? (
          <TextareaField
            ctx={ctx}
            name="reason"
            label={t('dialogues.pages.manage.cancelReason')}
            hint={t('dialogues.pages.manage.cancelReasonHint')}
            value={values.reason ?? ''}
            error={fieldError(ctx, errors, 'reason')}
            maxlength={1000}
          />
        ) : (
          <p class="body-secondary" safe>
            {t(`dialogues.pages.actionHints.${action}`)}
          </p>
        )}
        <Button text={t(`dialogues.actions.${action}`)} variant={action === 'cancel' ? 'warning' : 'primary'} />
      </form>
    </details>
  )
}

/** One question in the moderation queue, with a form per action the reader may take on it. */
function ModerationItem(props: {
  ctx: PageContext
  session: StaffSession
  question: StaffQuestion
  number: number
  numberOf: ReadonlyMap<number, number>
  others: readonly Choice[]
  units: readonly Choice[]
  failed: FailedForm | null
}): JSX.Element {
  const { ctx, session, question } = props
  const t = ctx.t
  const key = (name: string) => t(`dialogues.pages.moderate.${name}`)
  const action = `${staffSessionHref(session.id)}/cau-hoi/${question.id}`
  const name = (field: string) => questionFieldName(question.id, field)
  const none = t('dialogues.pages.none')
  const rows: SummaryRow[] = [
    { key: key('asker'), value: question.isAnonymous ? t('dialogues.pages.anonymousAsker') : (question.askerName ?? none) },
    { key: key('area'), value: question.residentialArea ?? none },
    { key: key('contact'), value: question.contact ?? none },
    { key: key('submittedAt'), value: formatShort(question.submittedAt) },
    { key: key('supports'), value: String(question.supportCount) },
    ...(question.hiddenReason ? [{ key: key('hiddenReason'), value: question.hiddenReason }] : []),
    ...(question.mergedIntoId !== null ? [{ key: key('mergedInto'), value: t('dialogues.pages.questions.number', { number: props.numberOf.get(question.mergedIntoId) ?? 0 }) }] : []),
    ...(question.assignedUnitName ? [{ key: key('assignedUnit'), value: question.assignedUnitName }] : []),
  ]
  const can = (act: ModerationAction) => question.actions.includes(act)
  const form = (act: ModerationAction) => failedOf(props.failed, `question:${question.id}:${act}`)
  const value = (act: ModerationAction, field: string, fallback = '') => form(act).values[name(field)] ?? fallback
  const error = (act: ModerationAction, field: string) => fieldError(ctx, form(act).errors, name(field))
  const which = t('dialogues.pages.moderate.which', { number: props.number })
  return (
    <li class="feedback-item" id={`cau-hoi-${question.id}`}>
      <h3 class="heading-s">
        <span safe>{t('dialogues.pages.questions.number', { number: props.number })}</span>{' '}
        <StatusTag tone={questionTone(question.status)} text={t(`dialogues.questionStatus.${question.status}`)} />
        {question.source === 'floor' ? (
          <>
            {' '}
            <StatusTag tone="grey" text={key('floor')} />
          </>
        ) : (
          ''
        )}
      </h3>
      <p class="prose" safe>
        {question.text}
      </p>
      <SummaryList rows={rows} />
      {question.preparedAnswer ? (
        <div class="inset">
          <p>
            <strong safe>{key('preparedAnswer')}</strong>
          </p>
          <p class="prose" safe>
            {question.preparedAnswer}
          </p>
        </div>
      ) : (
        ''
      )}
      {question.answer ? (
        <div class="answer">
          <p>
            <strong safe>{question.answeredBy ? t('dialogues.pages.questions.answerBy', { who: question.answeredBy }) : t('dialogues.pages.questions.answer')}</strong>
          </p>
          <p class="prose" safe>
            {question.answer}
          </p>
        </div>
      ) : (
        ''
      )}
      {question.tracked ? (
        <p>
          <span safe>{`${t('dialogues.pages.questions.followUp')} `}</span>
          <TrackedStatus ctx={ctx} tracked={question.tracked} isStaff />
        </p>
      ) : (
        ''
      )}
      {can('publish') ? (
        <form class="inline-form" method="post" action={action}>
          <CsrfInput ctx={ctx} />
          <input type="hidden" name="action" value="publish" />
          <Button text={key('publish')} hiddenText={which} />
        </form>
      ) : (
        ''
      )}
      {can('hide') ? (
        <details class="inset" id={`q${question.id}-hide`} open={form('hide').isFailed}>
          <summary>
            <strong safe>{key('hide')}</strong>
          </summary>
          <form class="form" method="post" action={action} novalidate>
            <CsrfInput ctx={ctx} />
            <input type="hidden" name="action" value="hide" />
            <TextareaField ctx={ctx} name={name('reason')} label={key('hideReason')} hint={key('hideReasonHint')} value={value('hide', 'reason')} error={error('hide', 'reason')} maxlength={1000} />
            <Button text={key('hideSubmit')} hiddenText={which} variant="warning" />
          </form>
        </details>
      ) : (
        ''
      )}
      {can('merge') && props.others.length > 0 ? (
        <details class="inset" id={`q${question.id}-merge`} open={form('merge').isFailed}>
          <summary>
            <strong safe>{key('merge')}</strong>
          </summary>
          <form class="form" method="post" action={action} novalidate>
            <CsrfInput ctx={ctx} />
            <input type="hidden" name="action" value="merge" />
            <SelectField
              ctx={ctx}
              name={name('into')}
              label={key('mergeInto')}
              hint={key('mergeIntoHint')}
              value={value('merge', 'into')}
              error={error('merge', 'into')}
              placeholder={key('chooseQuestion')}
              choices={props.others}
            />
            <Button text={key('mergeSubmit')} hiddenText={which} variant="secondary" />
          </form>
        </details>
      ) : (
        ''
      )}
      {can('assign') ? (
        <details class="inset" id={`q${question.id}-assign`} open={form('assign').isFailed}>
          <summary>
            <strong safe>{key('assign')}</strong>
          </summary>
          <form class="form" method="post" action={action} novalidate>
            <CsrfInput ctx={ctx} />
            <input type="hidden" name="action" value="assign" />
            <SelectField
              ctx={ctx}
              name={name('unitCode')}
              label={key('assignUnit')}
              hint={key('assignUnitHint')}
              value={value('assign', 'unitCode')}
              error={error('assign', 'unitCode')}
              placeholder={key('chooseUnit')}
              choices={props.units}
            />
            <Button text={key('assignSubmit')} hiddenText={which} variant="secondary" />
          </form>
        </details>
      ) : (
        ''
      )}
      {can('prepare_answer') ? (
        <details class="inset" id={`q${question.id}-prepare`} open={form('prepare_answer').isFailed}>
          <summary>
            <strong safe>{key('prepare')}</strong>
          </summary>
          <form class="form" method="post" action={action} novalidate>
            <CsrfInput ctx={ctx} />
            <input type="hidden" name="action" value="prepare_answer" />
            <TextareaField
              ctx={ctx}
              name={name('text')}
              label={key('preparedAnswerField')}
              hint={key('preparedAnswerHint')}
              value={value('prepare_answer', 'text', question.preparedAnswer ?? '')}
              error={error('prepare_answer', 'text')}
              rows={4}
              maxlength={10000}
            />
            <Button text={key('prepareSubmit')} hiddenText={which} variant="secondary" />
          </form>
        </details>
      ) : (
        ''
      )}
    </li>
  )
}

/** Props of a session's staff page. */
export interface StaffSessionPageProps {
  readonly ctx: PageContext
  readonly session: StaffSession
  /** Choices of the schedule and hosts forms (leaders and staff of the session's unit). */
  readonly choices: SessionChoices
  /** Units a question may be assigned to. */
  readonly assignUnits: readonly Choice[]
  readonly failed: FailedForm | null
}

/** The schedule form's values: what was posted when it failed, else the session's own. */
function scheduleValuesOf(session: StaffSession, posted: Readonly<Record<string, string>> | null): ScheduleValues {
  const own: ScheduleValues = {
    topic: session.topic,
    description: session.description ?? '',
    startsAt: dateTimeLocalValue(session.startsAt),
    endsAt: session.endsAt ? dateTimeLocalValue(session.endsAt) : '',
    venue: session.venue,
    livestreamUrl: session.livestreamUrl ?? '',
    secretaryUsername: session.secretaryUsername ?? '',
  }
  if (!posted) return own
  const text = (name: keyof ScheduleValues) => posted[name] ?? own[name]
  return {
    topic: text('topic'),
    description: text('description'),
    startsAt: text('startsAt'),
    endsAt: text('endsAt'),
    venue: text('venue'),
    livestreamUrl: text('livestreamUrl'),
    secretaryUsername: text('secretaryUsername'),
  }
}

/** The host rows: what was posted when the form failed, else the session's hosts. */
function hostRowsOf(session: StaffSession, posted: Readonly<Record<string, string>> | null): HostRow[] {
  return Array.from({ length: HOST_ROWS }, (_, i) => {
    const names = hostFieldNames(i)
    if (posted) return { username: posted[names.username] ?? '', roleLabel: posted[names.roleLabel] ?? '' }
    return session.hostUsernames[i] ?? { username: '', roleLabel: '' }
  })
}

/** A session's staff page. */
export function StaffSessionPage(props: StaffSessionPageProps): JSX.Element {
  const { ctx, session, failed } = props
  const t = ctx.t
  const key = (name: string) => t(`dialogues.pages.manage.${name}`)
  const none = t('dialogues.pages.none')
  const errors = failed?.errors ?? NO_ERRORS
  const numberOf = new Map(session.questions.map((q, i) => [q.id, i + 1]))
  // Pending questions first: they wait for a moderator; then the rest in the order they came.
  const queue = [...session.questions].sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending'))
  const pending = session.questions.filter((q) => q.status === 'pending').length
  const mergeTargets = (q: StaffQuestion): Choice[] =>
    session.questions
      .filter((o) => o.id !== q.id && (o.status === 'pending' || o.status === 'published' || o.status === 'answered'))
      .map((o) => ({ value: String(o.id), label: `${t('dialogues.pages.questions.number', { number: numberOf.get(o.id) ?? 0 })} – ${o.text.slice(0, 80)}` }))
  const rows: SummaryRow[] = [
    { key: t('dialogues.pages.session.unit'), value: session.unitName },
    { key: t('dialogues.pages.session.when'), value: formatSpan(t, session.startsAt, session.endsAt) },
    { key: t('dialogues.pages.session.venue'), value: session.venue },
    { key: t('dialogues.pages.session.hosts'), value: hostsLine(ctx, session.hosts) },
    { key: key('secretary'), value: session.secretaryName ?? none },
    { key: key('livestream'), value: session.livestreamUrl ?? none },
    ...(session.cancelReason ? [{ key: key('cancelReason'), value: session.cancelReason }] : []),
    ...(session.attendance !== null ? [{ key: t('dialogues.pages.minutes.attendance'), value: String(session.attendance) }] : []),
  ]
  const schedule = failedOf(failed, 'schedule')
  const hosts = failedOf(failed, 'hosts')
  return (
    <Layout ctx={ctx} title={session.topic} hasErrors={hasErrors(errors)} breadcrumbs={staffCrumbs(ctx)}>
      <ErrorSummary ctx={ctx} errors={errors} order={SESSION_FIELD_ORDER} />
      <span class="caption" safe>
        {session.unitName}
      </span>
      <h1 class="heading-l" safe>
        {session.topic}
      </h1>
      <p class="lead">
        <StatusTag tone={sessionTone(session.status)} text={t(`dialogues.status.${session.status}`)} />
      </p>
      <ul class="list">
        <li>
          <a href={sessionHref(session.id)} safe>
            {key('publicLink')}
          </a>
        </li>
        {session.can.isSecretary ? (
          <li>
            <a href={secretaryHref(session.id)} safe>
              {key('secretaryLink')}
            </a>
          </li>
        ) : (
          ''
        )}
        {session.can.isSecretary && (session.status === 'held' || hasPublicMinutes(session.status)) ? (
          <li>
            <a href={minutesHref(session.id)} safe>
              {hasPublicMinutes(session.status) ? key('minutesLink') : key('minutesDraftLink')}
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
      <SummaryList rows={rows} />
      {session.description ? (
        <p class="prose" safe>
          {session.description}
        </p>
      ) : (
        ''
      )}
      <h2 class="heading-m" safe>
        {key('statusTitle')}
      </h2>
      {session.actions.length === 0 ? (
        <p safe>{key('noActions')}</p>
      ) : (
        <div>
          {session.actions.map((action) => (
            <StatusActionForm ctx={ctx} session={session} action={action} failed={failed} />
          ))}
        </div>
      )}
      {session.can.editSchedule ? (
        <details class="inset" id="sua" open={schedule.isFailed}>
          <summary>
            <strong safe>{key('editTitle')}</strong>
          </summary>
          <form class="form" method="post" action={`${staffSessionHref(session.id)}/sua`} novalidate>
            <CsrfInput ctx={ctx} />
            <ScheduleFields ctx={ctx} values={scheduleValuesOf(session, schedule.isFailed ? schedule.values : null)} errors={schedule.errors} staff={props.choices.staff} />
            <Button text={key('editSubmit')} />
          </form>
        </details>
      ) : (
        ''
      )}
      {session.can.editHosts ? (
        <details class="inset" id="chu-tri" open={hosts.isFailed}>
          <summary>
            <strong safe>{key('hostsTitle')}</strong>
          </summary>
          <form class="form" method="post" action={`${staffSessionHref(session.id)}/chu-tri`} novalidate>
            <CsrfInput ctx={ctx} />
            <HostFields ctx={ctx} hosts={hostRowsOf(session, hosts.isFailed ? hosts.values : null)} errors={hosts.errors} leaders={props.choices.leaders} />
            <Button text={key('hostsSubmit')} />
          </form>
        </details>
      ) : (
        ''
      )}
      <h2 class="heading-m" id="kiem-duyet" safe>
        {key('queueTitle')}
      </h2>
      <p safe>{pending > 0 ? t('dialogues.pages.manage.pendingCount', { n: pending }) : key('nothingPending')}</p>
      {queue.length === 0 ? (
        <p safe>{key('noQuestions')}</p>
      ) : (
        <ol class="feedback-list">
          {queue.map((q) => (
            <ModerationItem ctx={ctx} session={session} question={q} number={numberOf.get(q.id) ?? 0} numberOf={numberOf} others={mergeTargets(q)} units={props.assignUnits} failed={failed} />
          ))}
        </ol>
      )}
      <h2 class="heading-m" safe>
        {t('dialogues.pages.session.commitments')}
      </h2>
      <CommitmentList ctx={ctx} commitments={session.commitments} numberOf={numberOf} isStaff />
    </Layout>
  )
}
