/**
 * The staff queue (/admin/phan-anh): counts per status, filters, the table of items the person
 * may see, pagination, and links to the list as filtered in CSV and XLSX; and the register of
 * complaints and denunciations, which is the same list limited to those two kinds, for leaders.
 */
import { Button, ErrorSummary, fieldError, fieldId, Pagination, SelectField, StatusTag, Table, TextField } from '../../../views/components.tsx'
import type { Choice, Crumb } from '../../../views/components.tsx'
import { ExportLinks, formatValue } from '../../../views/data-table.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { ExportFormat } from '../../../views/table-export.ts'
import { FEEDBACK_CATEGORIES, FEEDBACK_KINDS, FEEDBACK_STATUSES, REGISTER_KINDS } from '../feedback.ts'
import type { FeedbackKind, FeedbackStatus, Timeliness } from '../feedback.ts'
import { categoryName } from './follow.tsx'
import { formatShort, statusTone } from './format.ts'
import type { InstantValue } from './format.ts'
import { REGISTER_PATH, STAFF_PATH, staffItemHref } from './paths.ts'
import { EXPORT_ROW_LIMIT } from '../../../views/table-export.ts'

/** The trail back to the desk, for the staff pages. */
export function staffCrumbs(ctx: PageContext, ...more: Crumb[]): Crumb[] {
  return [{ href: '/desk', text: ctx.t('nav.desk') }, ...more]
}

/** The queue's filter, as in the address. */
export interface QueueFilter {
  readonly status: string
  readonly kind: string
  readonly category: string
  readonly unit: string
  readonly overdue: boolean
  readonly mine: boolean
  readonly q: string
}

/** The empty filter. */
export const EMPTY_QUEUE_FILTER: QueueFilter = Object.freeze({ status: '', kind: '', category: '', unit: '', overdue: false, mine: false, q: '' })

/** The address of the queue (or the register) for a filter and page; empty parts are left out. */
export function queueHref(filter: Partial<QueueFilter>, page = 1, base: string = STAFF_PATH): string {
  const params = new URLSearchParams()
  if (filter.status) params.set('status', filter.status)
  if (filter.kind) params.set('kind', filter.kind)
  if (filter.category) params.set('category', filter.category)
  if (filter.unit) params.set('unit', filter.unit)
  if (filter.overdue) params.set('overdue', 'true')
  if (filter.mine) params.set('mine', 'true')
  if (filter.q) params.set('q', filter.q)
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  return query ? `${base}?${query}` : base
}

/** The address of the queue's (or the register's) export under a filter: /admin/phan-anh.csv?status=open… */
export function queueExportHref(filter: Partial<QueueFilter>, format: ExportFormat, base: string = STAFF_PATH): string {
  return queueHref(filter, 1, `${base}.${format}`)
}

/** An item as the queue lists it. */
export interface QueueItem {
  readonly code: string
  readonly kind: FeedbackKind
  readonly category: string
  readonly unitName: string
  readonly title: string | null
  readonly excerpt: string
  readonly status: FeedbackStatus
  readonly submittedAt: InstantValue
  readonly dueAt: InstantValue | null
  readonly answeredAt: InstantValue | null
  readonly isOverdue: boolean
  readonly timeliness: Timeliness | null
  /** Who handles it: the official, else the unit it was assigned to; null while nobody does. */
  readonly handler: string | null
}

/** Props of the queue page (and of the register). */
export interface QueuePageProps {
  readonly ctx: PageContext
  /** Whether this is the register of complaints and denunciations. */
  readonly isRegister: boolean
  readonly filter: QueueFilter
  readonly units: readonly Choice[]
  /** Items per status under the current filter's other parts. */
  readonly counts: Readonly<Record<string, number>>
  readonly items: readonly QueueItem[]
  readonly total: number
  readonly page: number
  readonly pageSize: number
  readonly errors: FormErrors
  /** Whether to link to the register (the person leads somewhere). */
  readonly canSeeRegister: boolean
}

/** The "show only" boxes of the filter. */
function OnlyBoxes(props: { ctx: PageContext; filter: QueueFilter }): JSX.Element {
  const t = props.ctx.t
  const boxes = [
    { name: 'overdue', checked: props.filter.overdue, label: t('feedback.pages.queue.overdue') },
    { name: 'mine', checked: props.filter.mine, label: t('feedback.pages.queue.mine') },
  ]
  return (
    <div class="field">
      <fieldset class="fieldset">
        <legend class="legend" safe>
          {t('feedback.pages.queue.only')}
        </legend>
        <div class="checkboxes">
          {boxes.map((box) => (
            <div class="checkbox">
              <input class="checkbox-input" id={fieldId(box.name)} name={box.name} type="checkbox" value="true" checked={box.checked} />
              <label class="checkbox-label" for={fieldId(box.name)} safe>
                {box.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  )
}

/** The counts per status, each a link to the queue with that status. */
function StatusCounts(props: { ctx: PageContext; counts: Readonly<Record<string, number>>; filter: QueueFilter; base: string }): JSX.Element {
  const { ctx } = props
  return (
    <nav aria-label={ctx.t('feedback.pages.queue.countsLabel')}>
      <ul class="status-counts">
        {FEEDBACK_STATUSES.map((status) => {
          const isCurrent = props.filter.status === status
          return (
            <li>
              <a href={queueHref({ ...props.filter, status }, 1, props.base)} aria-current={isCurrent ? 'true' : undefined}>
                <span safe>{ctx.t(`feedback.status.${status}`)}</span>{' '}
                <strong>{String(props.counts[status] ?? 0) as 'safe'}</strong>
              </a>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}

/** The queue page, or the register. */
export function QueuePage(props: QueuePageProps): JSX.Element {
  const { ctx, filter, errors } = props
  const t = ctx.t
  const key = (name: string) => t(`feedback.pages.queue.${name}`)
  const base = props.isRegister ? REGISTER_PATH : STAFF_PATH
  const title = props.isRegister ? t('feedback.pages.register.title') : key('title')
  const kinds = props.isRegister ? REGISTER_KINDS : FEEDBACK_KINDS
  const pageCount = Math.max(1, Math.ceil(props.total / props.pageSize))
  const from = props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1
  const to = Math.min(props.total, props.page * props.pageSize)
  const columns = [key('code'), key('subject'), key('unit'), key('submittedAt'), key('dueAt'), key('status'), key('handler')]
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={hasErrors(errors)}
      breadcrumbs={props.isRegister ? staffCrumbs(ctx, { href: STAFF_PATH, text: key('title') }) : staffCrumbs(ctx)}
    >
      <ErrorSummary ctx={ctx} errors={errors} order={['status', 'kind', 'category', 'unit', 'q']} />
      <h1 class="heading-l" safe>
        {title}
      </h1>
      <p class="lead" safe>
        {props.isRegister ? t('feedback.pages.register.lead') : key('lead')}
      </p>
      {props.isRegister ? (
        <p>
          <a href={STAFF_PATH} safe>
            {key('title')}
          </a>
        </p>
      ) : props.canSeeRegister ? (
        <p>
          <a href={REGISTER_PATH} safe>
            {t('feedback.pages.register.title')}
          </a>
        </p>
      ) : (
        ''
      )}
      <StatusCounts ctx={ctx} counts={props.counts} filter={filter} base={base} />
      <form class="filter" method="get" action={base} role="search" aria-label={key('filter')}>
        <SelectField
          ctx={ctx}
          name="status"
          label={key('status')}
          value={filter.status}
          error={fieldError(ctx, errors, 'status')}
          placeholder={key('statusAll')}
          choices={[{ value: 'open', label: key('statusOpen') }, ...FEEDBACK_STATUSES.map((s) => ({ value: s, label: t(`feedback.status.${s}`) }))]}
        />
        <SelectField
          ctx={ctx}
          name="kind"
          label={key('kind')}
          value={filter.kind}
          error={fieldError(ctx, errors, 'kind')}
          placeholder={key('kindAll')}
          choices={kinds.map((k) => ({ value: k, label: t(`feedback.kinds.${k}`) }))}
        />
        {props.isRegister ? (
          ''
        ) : (
          <SelectField
            ctx={ctx}
            name="category"
            label={key('category')}
            value={filter.category}
            error={fieldError(ctx, errors, 'category')}
            placeholder={key('categoryAll')}
            choices={FEEDBACK_CATEGORIES.map((c) => ({ value: c.code, label: t(c.nameKey) }))}
          />
        )}
        {props.units.length > 1 ? (
          <SelectField ctx={ctx} name="unit" label={key('unit')} value={filter.unit} error={fieldError(ctx, errors, 'unit')} placeholder={key('unitAll')} choices={props.units} />
        ) : (
          ''
        )}
        <TextField ctx={ctx} name="q" type="search" label={key('q')} value={filter.q} width="medium" maxlength={60} isSpellcheckOff />
        <OnlyBoxes ctx={ctx} filter={filter} />
        <div class="button-group">
          <Button text={key('apply')} variant="secondary" />
          <p>
            <a href={base} safe>
              {key('clear')}
            </a>
          </p>
        </div>
      </form>
      <p class="body-secondary" role="status" safe>
        {t('pagination.summary', { from, to, total: props.total })}
      </p>
      <Table caption={title} isCaptionHidden rowCount={props.items.length} emptyText={key('empty')} columns={columns.map((text) => ({ text }))} isStackedOnMobile>
        {props.items.map((item) => (
          <tr>
            <td data-label={columns[0]} class="nowrap">
              <a href={staffItemHref(item.code)} safe>
                {item.code}
              </a>
            </td>
            <td data-label={columns[1]}>
              <span safe>{item.title ?? item.excerpt}</span>
              <span class="cell-secondary" safe>
                {`${t(`feedback.kinds.${item.kind}`)} · ${categoryName(ctx, item.category)}`}
              </span>
            </td>
            <td data-label={columns[2]} safe>
              {item.unitName}
            </td>
            <td data-label={columns[3]} class="nowrap" safe>
              {formatShort(item.submittedAt)}
            </td>
            <td data-label={columns[4]} class="nowrap" safe>
              {item.dueAt ? formatShort(item.dueAt) : t('feedback.pages.none')}
            </td>
            <td data-label={columns[5]}>
              <StatusTag tone={statusTone(item.status)} text={t(`feedback.status.${item.status}`)} />
              {item.isOverdue ? (
                <>
                  {' '}
                  <StatusTag tone="red" text={key('late')} />
                </>
              ) : (
                ''
              )}
            </td>
            <td data-label={columns[6]} safe>
              {item.handler ?? key('unassigned')}
            </td>
          </tr>
        ))}
      </Table>
      <Pagination ctx={ctx} page={props.page} pageCount={pageCount} hrefFor={(p) => queueHref(filter, p, base)} />
      {props.total > 0 ? (
        <>
          <ExportLinks ctx={ctx} csv={queueExportHref(filter, 'csv', base)} xlsx={queueExportHref(filter, 'xlsx', base)} caption={title} />
          {props.total > EXPORT_ROW_LIMIT ? (
            <p class="body-secondary" safe>
              {t('feedback.pages.queue.export.truncatedPage', { limit: formatValue(EXPORT_ROW_LIMIT, 'count', ctx.locale), total: formatValue(props.total, 'count', ctx.locale) })}
            </p>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}
    </Layout>
  )
}
