/**
 * The staff schedule of reception days (/admin/tiep-cong-dan): the days of a period with a quick
 * "held" button, a form for one day and a form for a weekly or monthly pattern; and one day's page
 * (/admin/tiep-cong-dan/lich/:id) with its change, held, cancel and delete forms.
 */
import {
  Button,
  CheckboxesField,
  CsrfInput,
  DateField,
  ErrorSummary,
  fieldError,
  PostButton,
  RadiosField,
  SelectField,
  StatusTag,
  SummaryList,
  Table,
  TextareaField,
  TextField,
} from '../../../views/components.tsx'
import type { Choice, ChoiceGroup, Crumb } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { DAY_STATUSES, HOST_ROLES, PATTERN_KINDS, WEEKDAY_ORDINALS } from '../reception.ts'
import type { ReceptionDay } from '../reception.service.ts'
import {
  COMPLIANCE_PATH,
  dayHref,
  dayTone,
  longDate,
  NEW_DAY_PATH,
  PATTERN_PATH,
  PUBLIC_SCHEDULE_PATH,
  REGISTER_LIST_PATH,
  shortInstant,
  STAFF_RECEPTION_PATH,
} from './reception-format.ts'

/** The name of a form's field on a page holding several forms: `one-day`, `pattern-from`. */
export function formField(form: string, name: string): string {
  return `${form}-${name}`
}

/** The same errors under a form's field names. */
export function prefixErrors(form: string, errors: FormErrors): FormErrors {
  return { ...errors, fields: Object.fromEntries(Object.entries(errors.fields).map(([name, key]) => [formField(form, name), key])) }
}

/** The trail to the reception section, for its pages. */
export function receptionCrumbs(ctx: PageContext, ...more: Crumb[]): Crumb[] {
  return [{ href: '/desk', text: ctx.t('nav.desk') }, ...more]
}

/** Links between the reception pages. */
export function ReceptionNav(props: { ctx: PageContext }): JSX.Element {
  const { ctx } = props
  const path = ctx.path.split('?')[0] ?? ctx.path
  const links = [
    { href: STAFF_RECEPTION_PATH, text: ctx.t('reception.pages.nav.schedule'), isCurrent: path === STAFF_RECEPTION_PATH || path.startsWith(`${STAFF_RECEPTION_PATH}/lich`) },
    { href: REGISTER_LIST_PATH, text: ctx.t('reception.pages.nav.register'), isCurrent: path.startsWith(REGISTER_LIST_PATH) },
    { href: COMPLIANCE_PATH, text: ctx.t('reception.pages.nav.compliance'), isCurrent: path.startsWith(COMPLIANCE_PATH) },
    { href: PUBLIC_SCHEDULE_PATH, text: ctx.t('reception.pages.nav.public'), isCurrent: false },
  ]
  return (
    <nav aria-label={ctx.t('reception.pages.nav.label')}>
      <ul class="status-counts">
        {links.map((link) => (
          <li>
            <a href={link.href} aria-current={link.isCurrent ? 'page' : undefined} safe>
              {link.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

/** The host roles as choices. */
function roleChoices(ctx: PageContext): Choice[] {
  return HOST_ROLES.map((role) => ({ value: role, label: ctx.t(`reception.hostRoles.${role}`) }))
}

/** What the one-day form holds (as typed). */
export interface DayFormValues {
  readonly unitCode: string
  readonly hostUsername: string
  readonly hostRole: string
  readonly day: string
  readonly starts: string
  readonly ends: string
  readonly venue: string
  readonly note: string
}

/** What the pattern form holds (as typed). */
export interface PatternFormValues {
  readonly unitCode: string
  readonly hostUsername: string
  readonly hostRole: string
  readonly from: string
  readonly to: string
  readonly kind: string
  readonly weekdays: readonly string[]
  readonly weekday: string
  readonly ordinals: readonly string[]
  readonly monthDays: string
  readonly starts: string
  readonly ends: string
  readonly venue: string
}

/** The filter of the schedule list. */
export interface ScheduleFilter {
  readonly unit: string
  readonly from: string
  readonly to: string
  readonly status: string
}

/** A form's values and errors. */
export interface FormState<T> {
  readonly values: T
  readonly errors: FormErrors
}

/** Props of the schedule page. */
export interface SchedulePageProps {
  readonly ctx: PageContext
  readonly filter: ScheduleFilter
  readonly filterErrors: FormErrors
  readonly units: readonly Choice[]
  /** Leaders by unit, usernames as values. */
  readonly hosts: readonly ChoiceGroup[]
  readonly days: readonly ReceptionDay[]
  /** Today, `YYYY-MM-DD`. */
  readonly today: string
  readonly dayForm: FormState<DayFormValues>
  readonly patternForm: FormState<PatternFormValues>
}

/** The fields of a day's place and hours, shared by the forms. */
function HoursFields(props: { ctx: PageContext; form: string; values: { starts: string; ends: string; venue: string }; errors: FormErrors }): JSX.Element {
  const { ctx, form, values, errors } = props
  const name = (n: string) => formField(form, n)
  const key = (n: string) => ctx.t(`reception.pages.schedule.${n}`)
  return (
    <>
      <TextField ctx={ctx} name={name('starts')} label={key('starts')} hint={key('timeHint')} value={values.starts} width="short" inputmode="numeric" maxlength={5} error={fieldError(ctx, errors, name('starts'))} />
      <TextField ctx={ctx} name={name('ends')} label={key('ends')} hint={key('timeHint')} value={values.ends} width="short" inputmode="numeric" maxlength={5} error={fieldError(ctx, errors, name('ends'))} />
      <TextField ctx={ctx} name={name('venue')} label={key('venue')} value={values.venue} maxlength={200} error={fieldError(ctx, errors, name('venue'))} />
    </>
  )
}

/** The fields naming who receives and for which unit. */
function HostFields(props: { ctx: PageContext; form: string; values: { unitCode: string; hostUsername: string; hostRole: string }; errors: FormErrors; units: readonly Choice[]; hosts: readonly (Choice | ChoiceGroup)[] }): JSX.Element {
  const { ctx, form, values, errors } = props
  const name = (n: string) => formField(form, n)
  const key = (n: string) => ctx.t(`reception.pages.schedule.${n}`)
  return (
    <>
      <SelectField
        ctx={ctx}
        name={name('unitCode')}
        label={key('unit')}
        value={values.unitCode}
        placeholder={props.units.length === 1 ? undefined : key('choose')}
        choices={props.units}
        error={fieldError(ctx, errors, name('unitCode'))}
      />
      <SelectField ctx={ctx} name={name('hostUsername')} label={key('host')} hint={key('hostHint')} value={values.hostUsername} placeholder={key('choose')} choices={props.hosts} error={fieldError(ctx, errors, name('hostUsername'))} />
      <SelectField ctx={ctx} name={name('hostRole')} label={key('hostRole')} value={values.hostRole} placeholder={key('choose')} choices={roleChoices(ctx)} error={fieldError(ctx, errors, name('hostRole'))} />
    </>
  )
}

/** Order of the fields in the error summary. */
const DAY_ORDER = ['unitCode', 'hostUsername', 'hostRole', 'day', 'starts', 'ends', 'venue', 'note'].map((n) => formField('one', n))
const PATTERN_ORDER = ['unitCode', 'hostUsername', 'hostRole', 'from', 'to', 'kind', 'weekdays', 'weekday', 'ordinals', 'monthDays', 'starts', 'ends', 'venue'].map((n) => formField('pattern', n))

/** The schedule page. */
export function SchedulePage(props: SchedulePageProps): JSX.Element {
  const { ctx, filter } = props
  const t = ctx.t
  const key = (name: string, values?: Record<string, string | number>) => t(`reception.pages.schedule.${name}`, values)
  const dayErrors = props.dayForm.errors
  const patternErrors = props.patternForm.errors
  const allErrors: FormErrors = {
    fields: { ...props.filterErrors.fields, ...dayErrors.fields, ...patternErrors.fields },
    ...(dayErrors.general ?? patternErrors.general ? { general: dayErrors.general ?? patternErrors.general } : {}),
  }
  const d = props.dayForm.values
  const p = props.patternForm.values
  const columns = [key('day'), key('hours'), key('host'), key('unit'), key('venue'), key('status'), key('actions')]
  const weekdayChoices = [1, 2, 3, 4, 5, 6, 0].map((w) => ({ value: String(w), label: t(`reception.weekdays.d${w}`) }))
  return (
    <Layout ctx={ctx} title={key('title')} hasErrors={hasErrors(allErrors)} breadcrumbs={receptionCrumbs(ctx)}>
      <ErrorSummary ctx={ctx} errors={allErrors} order={['unit', 'from', 'to', 'status', ...DAY_ORDER, ...PATTERN_ORDER]} />
      <h1 class="heading-l" safe>
        {key('title')}
      </h1>
      <p class="lead" safe>
        {key('lead')}
      </p>
      <ReceptionNav ctx={ctx} />
      <form class="filter" method="get" action={STAFF_RECEPTION_PATH} role="search" aria-label={key('filter')}>
        {props.units.length > 1 ? <SelectField ctx={ctx} name="unit" label={key('unit')} value={filter.unit} placeholder={key('unitAll')} choices={props.units} error={fieldError(ctx, props.filterErrors, 'unit')} /> : ''}
        <DateField ctx={ctx} name="from" label={key('from')} value={filter.from} error={fieldError(ctx, props.filterErrors, 'from')} />
        <DateField ctx={ctx} name="to" label={key('to')} value={filter.to} error={fieldError(ctx, props.filterErrors, 'to')} />
        <SelectField
          ctx={ctx}
          name="status"
          label={key('status')}
          value={filter.status}
          placeholder={key('statusAll')}
          choices={DAY_STATUSES.map((s) => ({ value: s, label: t(`reception.dayStatus.${s}`) }))}
          error={fieldError(ctx, props.filterErrors, 'status')}
        />
        <Button text={key('show')} variant="secondary" />
      </form>
      <Table caption={key('listCaption')} columns={columns.map((text) => ({ text }))} rowCount={props.days.length} emptyText={key('empty')} isStackedOnMobile>
        {props.days.map((day) => (
          <tr>
            <td data-label={columns[0]}>
              <a href={dayHref(day.id)} safe>
                {longDate(t, day.day)}
              </a>
            </td>
            <td data-label={columns[1]} class="nowrap" safe>
              {`${day.starts}–${day.ends}`}
            </td>
            <td data-label={columns[2]}>
              <span safe>{day.host.fullName}</span>
              <span class="cell-secondary" safe>
                {t(`reception.hostRoles.${day.hostRole}`)}
              </span>
            </td>
            <td data-label={columns[3]} safe>
              {day.unit.name}
            </td>
            <td data-label={columns[4]} safe>
              {day.venue}
            </td>
            <td data-label={columns[5]}>
              <StatusTag tone={dayTone(day.status)} text={t(`reception.dayStatus.${day.status}`)} />
            </td>
            <td data-label={columns[6]}>
              {day.status === 'scheduled' && day.day <= props.today ? (
                <PostButton
                  ctx={ctx}
                  action={`${dayHref(day.id)}/da-tiep`}
                  text={key('markHeld')}
                  hiddenText={key('markHeldOf', { host: day.host.fullName, date: longDate(t, day.day) })}
                  hiddenFields={{ back: 'list' }}
                />
              ) : (
                ''
              )}
            </td>
          </tr>
        ))}
      </Table>

      <h2 class="heading-m" id="them-ngay" safe>
        {key('addTitle')}
      </h2>
      <form class="form" method="post" action={NEW_DAY_PATH} novalidate>
        <CsrfInput ctx={ctx} />
        <HostFields ctx={ctx} form="one" values={d} errors={dayErrors} units={props.units} hosts={props.hosts} />
        <DateField ctx={ctx} name={formField('one', 'day')} label={key('date')} value={d.day} error={fieldError(ctx, dayErrors, formField('one', 'day'))} />
        <HoursFields ctx={ctx} form="one" values={d} errors={dayErrors} />
        <TextareaField ctx={ctx} name={formField('one', 'note')} label={key('note')} value={d.note} isOptional maxlength={1000} error={fieldError(ctx, dayErrors, formField('one', 'note'))} />
        <Button text={key('add')} />
      </form>

      <h2 class="heading-m" id="theo-mau" safe>
        {key('patternTitle')}
      </h2>
      <p safe>{key('patternLead')}</p>
      <form class="form" method="post" action={PATTERN_PATH} novalidate>
        <CsrfInput ctx={ctx} />
        <HostFields ctx={ctx} form="pattern" values={p} errors={patternErrors} units={props.units} hosts={props.hosts} />
        <DateField ctx={ctx} name={formField('pattern', 'from')} label={key('patternFrom')} value={p.from} error={fieldError(ctx, patternErrors, formField('pattern', 'from'))} />
        <DateField ctx={ctx} name={formField('pattern', 'to')} label={key('patternTo')} hint={key('patternToHint')} value={p.to} error={fieldError(ctx, patternErrors, formField('pattern', 'to'))} />
        <RadiosField
          ctx={ctx}
          name={formField('pattern', 'kind')}
          label={key('patternKind')}
          value={p.kind}
          choices={PATTERN_KINDS.map((kind) => ({ value: kind, label: key(`kinds.${kind}`), hint: key(`kinds.${kind}Hint`) }))}
          error={fieldError(ctx, patternErrors, formField('pattern', 'kind'))}
        />
        <CheckboxesField
          ctx={ctx}
          name={formField('pattern', 'weekdays')}
          legend={key('weekdays')}
          hint={key('weekdaysHint')}
          values={p.weekdays}
          choices={weekdayChoices}
          isOptional
          error={fieldError(ctx, patternErrors, formField('pattern', 'weekdays'))}
        />
        <SelectField
          ctx={ctx}
          name={formField('pattern', 'weekday')}
          label={key('weekday')}
          hint={key('weekdayHint')}
          value={p.weekday}
          placeholder={key('choose')}
          choices={weekdayChoices}
          isOptional
          error={fieldError(ctx, patternErrors, formField('pattern', 'weekday'))}
        />
        <CheckboxesField
          ctx={ctx}
          name={formField('pattern', 'ordinals')}
          legend={key('ordinals')}
          values={p.ordinals}
          choices={WEEKDAY_ORDINALS.map((o) => ({ value: String(o), label: t(`reception.ordinals.${o === -1 ? 'last' : `o${o}`}`) }))}
          isOptional
          error={fieldError(ctx, patternErrors, formField('pattern', 'ordinals'))}
        />
        <TextField
          ctx={ctx}
          name={formField('pattern', 'monthDays')}
          label={key('monthDays')}
          hint={key('monthDaysHint')}
          value={p.monthDays}
          width="medium"
          isOptional
          maxlength={100}
          error={fieldError(ctx, patternErrors, formField('pattern', 'monthDays'))}
        />
        <HoursFields ctx={ctx} form="pattern" values={p} errors={patternErrors} />
        <Button text={key('addPattern')} />
      </form>
    </Layout>
  )
}

/** What the change form of a day holds. */
export interface DayEditValues {
  readonly hostUsername: string
  readonly hostRole: string
  readonly day: string
  readonly starts: string
  readonly ends: string
  readonly venue: string
  readonly note: string
}

/** Props of one day's page. */
export interface DayPageProps {
  readonly ctx: PageContext
  readonly day: ReceptionDay
  /** Leaders of the day's unit, usernames as values. */
  readonly hosts: readonly Choice[]
  readonly canHold: boolean
  readonly edit: FormState<DayEditValues>
  readonly held: FormState<{ readonly note: string }>
  readonly cancel: FormState<{ readonly reason: string }>
  /** A message about the day as a whole (a refused delete). */
  readonly general: FormErrors
}

/** One reception day's page. */
export function DayPage(props: DayPageProps): JSX.Element {
  const { ctx, day } = props
  const t = ctx.t
  const key = (name: string, values?: Record<string, string | number>) => t(`reception.pages.day.${name}`, values)
  const all: FormErrors = {
    fields: { ...props.edit.errors.fields, ...props.held.errors.fields, ...props.cancel.errors.fields },
    ...(props.general.general ?? props.edit.errors.general ?? props.held.errors.general ?? props.cancel.errors.general
      ? { general: props.general.general ?? props.edit.errors.general ?? props.held.errors.general ?? props.cancel.errors.general }
      : {}),
  }
  const title = key('title', { date: longDate(t, day.day) })
  const rows = [
    { key: key('unit'), value: day.unit.name },
    { key: key('host'), value: `${day.host.fullName} (${t(`reception.hostRoles.${day.hostRole}`)})` },
    { key: key('date'), value: longDate(t, day.day) },
    { key: key('hours'), value: `${day.starts}–${day.ends}` },
    { key: key('venue'), value: day.venue },
    { key: key('status'), value: t(`reception.dayStatus.${day.status}`) },
    { key: key('note'), value: day.note ?? t('reception.pages.none') },
    { key: key('updatedAt'), value: shortInstant(day.updatedAt) },
  ]
  const e = props.edit.values
  const name = (n: string) => formField('edit', n)
  const editErrors = props.edit.errors
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors(all)} breadcrumbs={receptionCrumbs(ctx, { href: STAFF_RECEPTION_PATH, text: t('reception.pages.schedule.title') })}>
      <ErrorSummary ctx={ctx} errors={all} order={[...['hostUsername', 'hostRole', 'day', 'starts', 'ends', 'venue', 'note'].map(name), formField('held', 'note'), formField('cancel', 'reason')]} />
      <h1 class="heading-l" safe>
        {title}
      </h1>
      <SummaryList rows={rows} />
      {day.status !== 'scheduled' ? (
        <p class="inset" safe>
          {key('closed')}
        </p>
      ) : (
        <>
          {props.canHold ? (
            <>
              <h2 class="heading-m" safe>
                {key('heldTitle')}
              </h2>
              <form class="form" method="post" action={`${dayHref(day.id)}/da-tiep`} novalidate>
                <CsrfInput ctx={ctx} />
                <TextareaField
                  ctx={ctx}
                  name={formField('held', 'note')}
                  label={key('heldNote')}
                  hint={key('heldNoteHint')}
                  value={props.held.values.note}
                  isOptional
                  maxlength={1000}
                  error={fieldError(ctx, props.held.errors, formField('held', 'note'))}
                />
                <Button text={t('reception.pages.schedule.markHeld')} />
              </form>
            </>
          ) : (
            <p class="inset" safe>
              {key('notYet')}
            </p>
          )}
          <h2 class="heading-m" safe>
            {key('editTitle')}
          </h2>
          <form class="form" method="post" action={dayHref(day.id)} novalidate>
            <CsrfInput ctx={ctx} />
            <SelectField ctx={ctx} name={name('hostUsername')} label={key('host')} value={e.hostUsername} choices={props.hosts} error={fieldError(ctx, editErrors, name('hostUsername'))} />
            <SelectField ctx={ctx} name={name('hostRole')} label={key('hostRole')} value={e.hostRole} choices={roleChoices(ctx)} error={fieldError(ctx, editErrors, name('hostRole'))} />
            <DateField ctx={ctx} name={name('day')} label={key('date')} value={e.day} error={fieldError(ctx, editErrors, name('day'))} />
            <HoursFields ctx={ctx} form="edit" values={e} errors={editErrors} />
            <TextareaField ctx={ctx} name={name('note')} label={key('note')} value={e.note} isOptional maxlength={1000} error={fieldError(ctx, editErrors, name('note'))} />
            <Button text={key('save')} />
          </form>
          <h2 class="heading-m" safe>
            {key('cancelTitle')}
          </h2>
          <form class="form" method="post" action={`${dayHref(day.id)}/huy`} novalidate>
            <CsrfInput ctx={ctx} />
            <TextareaField
              ctx={ctx}
              name={formField('cancel', 'reason')}
              label={key('cancelReason')}
              hint={key('cancelHint')}
              value={props.cancel.values.reason}
              maxlength={1000}
              error={fieldError(ctx, props.cancel.errors, formField('cancel', 'reason'))}
            />
            <Button text={key('cancel')} variant="warning" />
          </form>
          <h2 class="heading-m" safe>
            {key('deleteTitle')}
          </h2>
          <p safe>{key('deleteHint')}</p>
          <PostButton ctx={ctx} action={`${dayHref(day.id)}/xoa`} text={key('delete')} variant="warning" />
        </>
      )}
      <p>
        <a href={STAFF_RECEPTION_PATH} safe>
          {key('back')}
        </a>
      </p>
    </Layout>
  )
}
