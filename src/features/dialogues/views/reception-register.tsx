/**
 * The register of citizen reception (sổ tiếp công dân) for staff: the list with its filters
 * (/admin/tiep-cong-dan/so), the form for a new entry (/so/moi), one entry with its direction,
 * outcome and notice forms (/so/:id), and the register of a period as a printable sheet (/so/in).
 */
import {
  Button,
  ButtonLink,
  CsrfInput,
  DateField,
  ErrorSummary,
  fieldError,
  fieldId,
  Pagination,
  RadiosField,
  SelectField,
  StatusTag,
  SummaryList,
  Table,
  TextareaField,
  TextField,
} from '../../../views/components.tsx'
import type { Choice } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import { committeeName, placeName } from '../../../views/page.ts'
import type { PageContext } from '../../../views/page.ts'
import { CASE_DIRECTIONS, CASE_KINDS, CASE_NOTICES } from '../reception.ts'
import type { ReceptionCase } from '../reception.service.ts'
import { caseHref, dateTimeLocal, NEW_CASE_PATH, noticeTone, PRINT_REGISTER_PATH, REGISTER_LIST_PATH, shortDate, shortInstant, withQuery } from './reception-format.ts'
import { formField, ReceptionNav, receptionCrumbs } from './reception-schedule.tsx'
import type { FormState } from './reception-schedule.tsx'

/** The first words of a text, for lists. */
function excerpt(text: string, length = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`
}

/** The register's filter, as in the address. */
export interface RegisterFilter {
  readonly unit: string
  readonly from: string
  readonly to: string
  readonly kind: string
  readonly overdue: boolean
}

/** The address of the register for a filter and page. */
export function registerHref(filter: RegisterFilter, page = 1): string {
  return withQuery(REGISTER_LIST_PATH, { unit: filter.unit, from: filter.from, to: filter.to, kind: filter.kind, overdue: filter.overdue ? 'true' : '', page: page > 1 ? page : '' })
}

/** Props of the register list. */
export interface RegisterListPageProps {
  readonly ctx: PageContext
  readonly filter: RegisterFilter
  readonly errors: FormErrors
  readonly units: readonly Choice[]
  readonly items: readonly ReceptionCase[]
  readonly total: number
  readonly page: number
  readonly pageSize: number
}

/** The notice column of an entry: its state, and the deadline or the notice given. */
function NoticeCell(props: { ctx: PageContext; item: ReceptionCase }): JSX.Element {
  const { ctx, item } = props
  const t = ctx.t
  const detail =
    item.notifiedAt !== null && item.notice !== null
      ? t('reception.pages.register.noticeGiven', { notice: t(`reception.notices.${item.notice}`), at: shortInstant(item.notifiedAt) })
      : item.noticeState === 'not_needed'
        ? t('reception.pages.register.noNoticeNeeded')
        : t('reception.pages.register.noticeDue', { at: shortInstant(item.notifyDueAt) })
  return (
    <>
      <StatusTag tone={noticeTone(item.noticeState)} text={t(`reception.noticeStates.${item.noticeState}`)} />
      <span class="cell-secondary" safe>
        {detail}
      </span>
    </>
  )
}

/** The register list page. */
export function RegisterListPage(props: RegisterListPageProps): JSX.Element {
  const { ctx, filter, errors } = props
  const t = ctx.t
  const key = (name: string, values?: Record<string, string | number>) => t(`reception.pages.register.${name}`, values)
  const pageCount = Math.max(1, Math.ceil(props.total / props.pageSize))
  const from = props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1
  const to = Math.min(props.total, props.page * props.pageSize)
  const columns = [key('number'), key('receivedAt'), key('citizen'), key('content'), key('direction'), key('notice')]
  const printHref = withQuery(PRINT_REGISTER_PATH, { unit: filter.unit || (props.units.length === 1 ? props.units[0]!.value : ''), from: filter.from, to: filter.to })
  return (
    <Layout ctx={ctx} title={key('title')} hasErrors={hasErrors(errors)} breadcrumbs={receptionCrumbs(ctx)}>
      <ErrorSummary ctx={ctx} errors={errors} order={['unit', 'from', 'to', 'kind']} />
      <h1 class="heading-l" safe>
        {key('title')}
      </h1>
      <p class="lead" safe>
        {key('lead')}
      </p>
      <ReceptionNav ctx={ctx} />
      <div class="button-group">
        <ButtonLink href={NEW_CASE_PATH} text={key('add')} />
        <ButtonLink href={printHref} text={key('print')} variant="secondary" />
      </div>
      <form class="filter" method="get" action={REGISTER_LIST_PATH} role="search" aria-label={key('filter')}>
        {props.units.length > 1 ? <SelectField ctx={ctx} name="unit" label={key('unit')} value={filter.unit} placeholder={key('unitAll')} choices={props.units} error={fieldError(ctx, errors, 'unit')} /> : ''}
        <DateField ctx={ctx} name="from" label={key('from')} value={filter.from} error={fieldError(ctx, errors, 'from')} />
        <DateField ctx={ctx} name="to" label={key('to')} value={filter.to} error={fieldError(ctx, errors, 'to')} />
        <SelectField ctx={ctx} name="kind" label={key('kind')} value={filter.kind} placeholder={key('kindAll')} choices={CASE_KINDS.map((k) => ({ value: k, label: t(`reception.kinds.${k}`) }))} error={fieldError(ctx, errors, 'kind')} />
        <div class="field">
          <div class="checkbox">
            <input class="checkbox-input" id={fieldId('overdue')} name="overdue" type="checkbox" value="true" checked={filter.overdue} />
            <label class="checkbox-label" for={fieldId('overdue')} safe>
              {key('overdueOnly')}
            </label>
          </div>
        </div>
        <Button text={key('show')} variant="secondary" />
      </form>
      <p class="body-secondary" role="status" safe>
        {t('pagination.summary', { from, to, total: props.total })}
      </p>
      <Table caption={key('title')} isCaptionHidden columns={columns.map((text) => ({ text }))} rowCount={props.items.length} emptyText={key('empty')} isStackedOnMobile>
        {props.items.map((item) => (
          <tr>
            <td data-label={columns[0]} class="nowrap">
              <a href={caseHref(item.id)} safe>
                {key('entry', { id: item.id })}
              </a>
            </td>
            <td data-label={columns[1]} class="nowrap" safe>
              {shortInstant(item.receivedAt)}
            </td>
            <td data-label={columns[2]}>
              <span safe>{item.citizenName}</span>
              <span class="cell-secondary" safe>
                {[item.citizenAddress, key('people', { count: item.peopleCount }), item.unit.name].filter(Boolean).join(' · ')}
              </span>
            </td>
            <td data-label={columns[3]}>
              <span safe>{excerpt(item.content)}</span>
              <span class="cell-secondary" safe>
                {t(`reception.kinds.${item.kind}`)}
              </span>
            </td>
            <td data-label={columns[4]} safe>
              {t(`reception.directions.${item.direction}`)}
            </td>
            <td data-label={columns[5]}>
              <NoticeCell ctx={ctx} item={item} />
            </td>
          </tr>
        ))}
      </Table>
      <Pagination ctx={ctx} page={props.page} pageCount={pageCount} hrefFor={(p) => registerHref(filter, p)} />
    </Layout>
  )
}

/** What the new-entry form holds (as typed). */
export interface CaseFormValues {
  readonly unitCode: string
  readonly receptionDayId: string
  readonly receivedAt: string
  readonly citizenName: string
  readonly citizenAddress: string
  readonly peopleCount: string
  readonly kind: string
  readonly content: string
  readonly earlierHandling: string
  readonly direction: string
  readonly outcome: string
}

/** Order of the new-entry fields in the error summary. */
export const CASE_FIELDS = ['unitCode', 'receptionDayId', 'receivedAt', 'citizenName', 'citizenAddress', 'peopleCount', 'kind', 'content', 'earlierHandling', 'direction', 'outcome'] as const

/** The directions as choices with their hints. */
function directionChoices(ctx: PageContext): Choice[] {
  return CASE_DIRECTIONS.map((d) => ({ value: d, label: ctx.t(`reception.directions.${d}`), hint: ctx.t(`reception.pages.case.directionHints.${d}`) }))
}

/** Props of the new-entry page. */
export interface NewCasePageProps {
  readonly ctx: PageContext
  readonly form: FormState<CaseFormValues>
  readonly units: readonly Choice[]
  /** Recent reception days of the person's units, ids as values. */
  readonly days: readonly Choice[]
}

/** The new-entry page. */
export function NewCasePage(props: NewCasePageProps): JSX.Element {
  const { ctx } = props
  const { values, errors } = props.form
  const t = ctx.t
  const key = (name: string) => t(`reception.pages.case.${name}`)
  const err = (name: string) => fieldError(ctx, errors, name)
  return (
    <Layout ctx={ctx} title={key('newTitle')} hasErrors={hasErrors(errors)} breadcrumbs={receptionCrumbs(ctx, { href: REGISTER_LIST_PATH, text: t('reception.pages.register.title') })}>
      <ErrorSummary ctx={ctx} errors={errors} order={CASE_FIELDS} />
      <h1 class="heading-l" safe>
        {key('newTitle')}
      </h1>
      <p class="lead" safe>
        {key('newLead')}
      </p>
      <form class="form" method="post" action={REGISTER_LIST_PATH} novalidate>
        <CsrfInput ctx={ctx} />
        <SelectField ctx={ctx} name="unitCode" label={key('unit')} value={values.unitCode} placeholder={props.units.length === 1 ? undefined : key('choose')} choices={props.units} error={err('unitCode')} />
        <SelectField ctx={ctx} name="receptionDayId" label={key('receptionDay')} hint={key('receptionDayHint')} value={values.receptionDayId} placeholder={key('noDay')} choices={props.days} isOptional error={err('receptionDayId')} />
        <DateField ctx={ctx} type="datetime-local" name="receivedAt" label={key('receivedAt')} hint={key('receivedAtHint')} value={values.receivedAt} error={err('receivedAt')} />
        <TextField ctx={ctx} name="citizenName" label={key('citizenName')} hint={key('citizenNameHint')} value={values.citizenName} maxlength={120} autocomplete="off" error={err('citizenName')} />
        <TextField ctx={ctx} name="citizenAddress" label={key('citizenAddress')} value={values.citizenAddress} maxlength={300} autocomplete="off" isOptional error={err('citizenAddress')} />
        <TextField ctx={ctx} name="peopleCount" label={key('peopleCount')} value={values.peopleCount} width="short" inputmode="numeric" maxlength={3} error={err('peopleCount')} />
        <RadiosField ctx={ctx} name="kind" label={key('kind')} value={values.kind} choices={CASE_KINDS.map((k) => ({ value: k, label: t(`reception.kinds.${k}`) }))} error={err('kind')} />
        <TextareaField ctx={ctx} name="content" label={key('content')} hint={key('contentHint')} value={values.content} rows={5} maxlength={5000} error={err('content')} />
        <TextareaField ctx={ctx} name="earlierHandling" label={key('earlierHandling')} hint={key('earlierHandlingHint')} value={values.earlierHandling} maxlength={2000} isOptional error={err('earlierHandling')} />
        <RadiosField ctx={ctx} name="direction" label={key('direction')} value={values.direction} choices={directionChoices(ctx)} error={err('direction')} />
        <TextareaField ctx={ctx} name="outcome" label={key('outcome')} hint={key('outcomeHint')} value={values.outcome} maxlength={2000} isOptional error={err('outcome')} />
        <Button text={key('save')} />
      </form>
    </Layout>
  )
}

/** Props of one entry's page. */
export interface CasePageProps {
  readonly ctx: PageContext
  readonly item: ReceptionCase
  readonly update: FormState<{ readonly direction: string; readonly outcome: string }>
  readonly notice: FormState<{ readonly notice: string; readonly notifiedAt: string }>
}

/** One entry's page. */
export function CasePage(props: CasePageProps): JSX.Element {
  const { ctx, item } = props
  const t = ctx.t
  const key = (name: string, values?: Record<string, string | number>) => t(`reception.pages.case.${name}`, values)
  const none = t('reception.pages.none')
  const all: FormErrors = {
    fields: { ...props.update.errors.fields, ...props.notice.errors.fields },
    ...(props.update.errors.general ?? props.notice.errors.general ? { general: props.update.errors.general ?? props.notice.errors.general } : {}),
  }
  const title = t('reception.pages.register.entry', { id: item.id })
  const rows = [
    { key: key('unit'), value: item.unit.name },
    { key: key('receivedAt'), value: shortInstant(item.receivedAt) },
    { key: key('receivedBy'), value: item.receivedBy?.fullName ?? none },
    { key: key('citizenName'), value: item.citizenName },
    { key: key('citizenAddress'), value: item.citizenAddress ?? none },
    { key: key('peopleCount'), value: String(item.peopleCount) },
    { key: key('kind'), value: t(`reception.kinds.${item.kind}`) },
    { key: key('content'), value: item.content },
    { key: key('earlierHandling'), value: item.earlierHandling ?? none },
    { key: key('direction'), value: t(`reception.directions.${item.direction}`) },
    { key: key('outcome'), value: item.outcome ?? none },
    { key: key('notifyDueAt'), value: shortInstant(item.notifyDueAt) },
    {
      key: key('noticeGiven'),
      value: item.notifiedAt !== null && item.notice !== null ? t('reception.pages.register.noticeGiven', { notice: t(`reception.notices.${item.notice}`), at: shortInstant(item.notifiedAt) }) : none,
    },
  ]
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors(all)} breadcrumbs={receptionCrumbs(ctx, { href: REGISTER_LIST_PATH, text: t('reception.pages.register.title') })}>
      <ErrorSummary ctx={ctx} errors={all} order={[formField('update', 'direction'), formField('update', 'outcome'), formField('notice', 'notice'), formField('notice', 'notifiedAt')]} />
      <h1 class="heading-l" safe>
        {title}
      </h1>
      <p>
        <StatusTag tone={noticeTone(item.noticeState)} text={t(`reception.noticeStates.${item.noticeState}`)} />
      </p>
      <SummaryList rows={rows} />
      {item.notifiedAt === null ? (
        <>
          <h2 class="heading-m" safe>
            {key('noticeTitle')}
          </h2>
          <p safe>{key('noticeLead', { at: shortInstant(item.notifyDueAt) })}</p>
          <form class="form" method="post" action={`${caseHref(item.id)}/thong-bao`} novalidate>
            <CsrfInput ctx={ctx} />
            <RadiosField
              ctx={ctx}
              name={formField('notice', 'notice')}
              label={key('notice')}
              value={props.notice.values.notice}
              choices={CASE_NOTICES.map((n) => ({ value: n, label: t(`reception.notices.${n}`) }))}
              error={fieldError(ctx, props.notice.errors, formField('notice', 'notice'))}
            />
            <DateField
              ctx={ctx}
              type="datetime-local"
              name={formField('notice', 'notifiedAt')}
              label={key('notifiedAt')}
              hint={key('notifiedAtHint')}
              value={props.notice.values.notifiedAt}
              error={fieldError(ctx, props.notice.errors, formField('notice', 'notifiedAt'))}
            />
            <Button text={key('recordNotice')} />
          </form>
        </>
      ) : (
        ''
      )}
      <h2 class="heading-m" safe>
        {key('updateTitle')}
      </h2>
      <form class="form" method="post" action={caseHref(item.id)} novalidate>
        <CsrfInput ctx={ctx} />
        <RadiosField
          ctx={ctx}
          name={formField('update', 'direction')}
          label={key('direction')}
          value={props.update.values.direction}
          choices={directionChoices(ctx)}
          error={fieldError(ctx, props.update.errors, formField('update', 'direction'))}
        />
        <TextareaField
          ctx={ctx}
          name={formField('update', 'outcome')}
          label={key('outcome')}
          hint={key('outcomeHint')}
          value={props.update.values.outcome}
          maxlength={2000}
          isOptional
          error={fieldError(ctx, props.update.errors, formField('update', 'outcome'))}
        />
        <Button text={key('saveUpdate')} variant="secondary" />
      </form>
      <p>
        <a href={REGISTER_LIST_PATH} safe>
          {key('back')}
        </a>
      </p>
    </Layout>
  )
}

/** Props of the printable register. */
export interface PrintRegisterPageProps {
  readonly ctx: PageContext
  readonly units: readonly Choice[]
  readonly filter: { readonly unit: string; readonly from: string; readonly to: string }
  readonly errors: FormErrors
  readonly register: { readonly unitName: string; readonly from: string; readonly to: string; readonly printedAt: Date; readonly cases: readonly ReceptionCase[]; readonly isTruncated: boolean } | null
  readonly limit: number
}

/** The register of a period as a sheet of A4 landscape (print.css prints the sheet alone). */
export function PrintRegisterPage(props: PrintRegisterPageProps): JSX.Element {
  const { ctx, filter, errors, register } = props
  const t = ctx.t
  const key = (name: string, values?: Record<string, string | number>) => t(`reception.pages.print.${name}`, values)
  const columns = ['receivedAt', 'citizen', 'people', 'content', 'kind', 'earlierHandling', 'direction', 'outcome', 'notice']
  return (
    <Layout ctx={ctx} title={key('title')} hasErrors={hasErrors(errors)} breadcrumbs={receptionCrumbs(ctx, { href: REGISTER_LIST_PATH, text: t('reception.pages.register.title') })}>
      {/* A stylesheet link may sit in the body, so every page keeps the one shared layout. */}
      <link rel="stylesheet" href="/assets/css/print.css" />
      <div class="print-toolbar">
        <p class="print-hint" safe>
          {key('hint')}
        </p>
        <p>
          <a href={REGISTER_LIST_PATH} safe>
            {key('back')}
          </a>
        </p>
      </div>
      <div class="print-controls">
        <ErrorSummary ctx={ctx} errors={errors} order={['unit', 'from', 'to']} />
        <form class="filter" method="get" action={PRINT_REGISTER_PATH} aria-label={key('choose')}>
          <SelectField ctx={ctx} name="unit" label={key('unit')} value={filter.unit} placeholder={props.units.length === 1 ? undefined : key('chooseUnit')} choices={props.units} error={fieldError(ctx, errors, 'unit')} />
          <DateField ctx={ctx} name="from" label={key('from')} value={filter.from} error={fieldError(ctx, errors, 'from')} />
          <DateField ctx={ctx} name="to" label={key('to')} value={filter.to} error={fieldError(ctx, errors, 'to')} />
          <Button text={key('show')} variant="secondary" />
        </form>
        {register?.isTruncated ? (
          <p class="field-error" safe>
            {key('tooMany', { count: props.limit })}
          </p>
        ) : (
          ''
        )}
      </div>
      <article class="sheet sheet--landscape" aria-label={key('title')} tabindex="0">
        {register ? (
          <>
            <div class="sheet-head">
              <div class="sheet-issuer">
                <p class="sheet-strong sheet-underlined" safe>
                  {committeeName({ name: register.unitName, nameEn: null }, ctx.locale, t).toLocaleUpperCase(ctx.locale)}
                </p>
              </div>
              <div class="sheet-nation">
                <p class="sheet-strong" safe>
                  {key('nation')}
                </p>
                <p class="sheet-strong sheet-underlined" safe>
                  {key('motto')}
                </p>
                <p class="sheet-date" safe>
                  {key('dateLine', { place: placeName(register.unitName), day: dateTimeLocal(register.printedAt).slice(8, 10), month: dateTimeLocal(register.printedAt).slice(5, 7), year: dateTimeLocal(register.printedAt).slice(0, 4) })}
                </p>
              </div>
            </div>
            <h1 class="sheet-title" safe>
              {key('sheetTitle')}
            </h1>
            <p class="sheet-subtitle" safe>
              {key('period', { from: shortDate(register.from), to: shortDate(register.to) })}
            </p>
            {register.cases.length === 0 ? (
              <p safe>{key('empty')}</p>
            ) : (
              <table class="sheet-table sheet-table--register">
                <thead>
                  <tr>
                    <th scope="col" class="sheet-number" safe>
                      {key('number')}
                    </th>
                    {columns.map((c) => (
                      <th scope="col" safe>
                        {key(`columns.${c}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {register.cases.map((c, i) => (
                    <tr>
                      <td class="sheet-number" safe>
                        {String(i + 1)}
                      </td>
                      <td class="sheet-nowrap" safe>
                        {shortInstant(c.receivedAt)}
                      </td>
                      <td safe>{[c.citizenName, c.citizenAddress].filter(Boolean).join(', ')}</td>
                      <td class="sheet-number" safe>
                        {String(c.peopleCount)}
                      </td>
                      <td safe>{c.content}</td>
                      <td safe>{t(`reception.kinds.${c.kind}`)}</td>
                      <td safe>{c.earlierHandling ?? ''}</td>
                      <td safe>{t(`reception.directions.${c.direction}`)}</td>
                      <td safe>{c.outcome ?? ''}</td>
                      <td safe>
                        {c.notifiedAt !== null && c.notice !== null
                          ? t('reception.pages.register.noticeGiven', { notice: t(`reception.notices.${c.notice}`), at: shortInstant(c.notifiedAt) })
                          : t(`reception.noticeStates.${c.noticeState}`)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p class="sheet-line" safe>
              {key('total', { count: register.cases.length })}
            </p>
          </>
        ) : (
          <h1 class="sheet-title" safe>
            {key('sheetTitle')}
          </h1>
        )}
      </article>
    </Layout>
  )
}

/** The values of the new-entry form for a fresh page: now, one person. */
export function freshCaseForm(now: Date, unitCode: string): CaseFormValues {
  return { unitCode, receptionDayId: '', receivedAt: dateTimeLocal(now), citizenName: '', citizenAddress: '', peopleCount: '1', kind: '', content: '', earlierHandling: '', direction: '', outcome: '' }
}
