/** The staff list of dossiers (/mot-cua/ho-so): filters, the table, its exports, pagination. */
import { Button, DateField, ErrorSummary, fieldError, fieldId, Pagination, SelectField, StatusTag, Table, TextField } from '../../../views/components.tsx'
import type { Choice } from '../../../views/components.tsx'
import { ExportLinks } from '../../../views/data-table.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { ExportFormat } from '../../../views/table-export.ts'
import type { DossierRecord } from '../dossier.repository.ts'
import { exportCutNotice, isExportCut } from '../dossier.tables.ts'
import { DOSSIER_STATUSES } from '../dossier.ts'
import { deskCrumbs } from './desk-home.tsx'
import { formatShort, statusTone } from './format.ts'

/** The list's filter, as in the address. */
export interface ListFilter {
  readonly status: string
  readonly overdue: boolean
  readonly dueSoon: boolean
  readonly mine: boolean
  readonly unit: string
  readonly q: string
  readonly from: string
  readonly to: string
}

/** Statuses of dossiers still in the office's hands. */
export const OPEN_FILTER = 'received,processing'
/** Statuses of dossiers not finished yet. */
export const UNFINISHED_FILTER = 'needs_supplement,received,processing,result_ready'

/** The query string of a filter and page ('' when all parts are empty). */
function listQuery(filter: Partial<ListFilter>, page = 1): string {
  const params = new URLSearchParams()
  if (filter.status) params.set('status', filter.status)
  if (filter.overdue) params.set('overdue', 'true')
  if (filter.dueSoon) params.set('dueSoon', 'true')
  if (filter.mine) params.set('mine', 'true')
  if (filter.unit) params.set('unit', filter.unit)
  if (filter.q) params.set('q', filter.q)
  if (filter.from) params.set('from', filter.from)
  if (filter.to) params.set('to', filter.to)
  if (page > 1) params.set('page', String(page))
  return params.toString()
}

/** The list's address for a filter and page; empty parts are left out. */
export function listHref(filter: Partial<ListFilter>, page = 1): string {
  const query = listQuery(filter, page)
  return query ? `/mot-cua/ho-so?${query}` : '/mot-cua/ho-so'
}

/** The address of the list's export, as filtered (every page of it): /mot-cua/ho-so.csv?… */
export function listExportHref(filter: Partial<ListFilter>, format: ExportFormat): string {
  const query = listQuery(filter)
  return query ? `/mot-cua/ho-so.${format}?${query}` : `/mot-cua/ho-so.${format}`
}

/** The reference of a dossier in addresses: its code, or its number before it has one. */
export function dossierRef(d: { code: string | null; id: number }): string {
  return d.code ?? String(d.id)
}

/** The address of a dossier's page. */
export function dossierHref(d: { code: string | null; id: number }): string {
  return `/mot-cua/ho-so/${encodeURIComponent(dossierRef(d))}`
}

/** A dossier in the list, with whether it is overdue now. */
export type ListedDossier = DossierRecord & { readonly isOverdue: boolean }

/** Props of the list page. */
export interface DossierListPageProps {
  readonly ctx: PageContext
  readonly filter: ListFilter
  readonly units: readonly Choice[]
  readonly dossiers: readonly ListedDossier[]
  readonly total: number
  readonly page: number
  readonly pageSize: number
  /** The most dossiers one export holds. */
  readonly exportLimit: number
  readonly errors: FormErrors
}

/** The three "show only" switches of the filter, each its own parameter. */
function OnlyBoxes(props: { ctx: PageContext; filter: ListFilter }): JSX.Element {
  const t = props.ctx.t
  const boxes = [
    { name: 'overdue', checked: props.filter.overdue, label: t('dossiers.pages.list.overdue') },
    { name: 'dueSoon', checked: props.filter.dueSoon, label: t('dossiers.pages.list.dueSoon') },
    { name: 'mine', checked: props.filter.mine, label: t('dossiers.pages.list.mine') },
  ]
  return (
    <div class="field">
      <fieldset class="fieldset">
        <legend class="legend" safe>
          {t('dossiers.pages.list.only')}
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

/** The list page. */
export function DossierListPage(props: DossierListPageProps): JSX.Element {
  const { ctx, filter, errors } = props
  const t = ctx.t
  const statusChoices: Choice[] = [
    { value: OPEN_FILTER, label: t('dossiers.pages.list.statusOpen') },
    { value: UNFINISHED_FILTER, label: t('dossiers.pages.list.statusUnfinished') },
    ...DOSSIER_STATUSES.map((s) => ({ value: s, label: t(`dossiers.pages.list.statusChoice.${s}`) })),
  ]
  const pageCount = Math.max(1, Math.ceil(props.total / props.pageSize))
  const from = props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1
  const to = Math.min(props.total, props.page * props.pageSize)
  const columns = [
    t('dossiers.pages.list.code'),
    t('dossiers.pages.list.applicant'),
    t('dossiers.pages.list.procedure'),
    t('dossiers.pages.list.received'),
    t('dossiers.pages.list.due'),
    t('dossiers.pages.list.status2'),
    t('dossiers.pages.list.assignee'),
  ]
  return (
    <Layout ctx={ctx} title={t('dossiers.pages.list.title')} hasErrors={hasErrors(errors)} breadcrumbs={deskCrumbs(ctx)}>
      <ErrorSummary ctx={ctx} errors={errors} order={['status', 'unit', 'q', 'from', 'to']} />
      <h1 class="heading-l" safe>
        {t('dossiers.pages.list.title')}
      </h1>
      <form class="filter" method="get" action="/mot-cua/ho-so" role="search" aria-label={t('dossiers.pages.list.filter')}>
        <SelectField
          ctx={ctx}
          name="status"
          label={t('dossiers.pages.list.status')}
          value={filter.status}
          error={fieldError(ctx, errors, 'status')}
          placeholder={t('dossiers.pages.list.statusAll')}
          choices={statusChoices}
        />
        {props.units.length > 1 ? (
          <SelectField
            ctx={ctx}
            name="unit"
            label={t('dossiers.pages.list.unit')}
            value={filter.unit}
            error={fieldError(ctx, errors, 'unit')}
            placeholder={t('dossiers.pages.list.unitAll')}
            choices={props.units}
          />
        ) : (
          ''
        )}
        <TextField ctx={ctx} name="q" type="search" label={t('dossiers.pages.list.q')} value={filter.q} width="medium" maxlength={60} isSpellcheckOff />
        <DateField ctx={ctx} name="from" label={t('dossiers.pages.list.from')} value={filter.from} error={fieldError(ctx, errors, 'from')} />
        <DateField ctx={ctx} name="to" label={t('dossiers.pages.list.to')} value={filter.to} error={fieldError(ctx, errors, 'to')} />
        <OnlyBoxes ctx={ctx} filter={filter} />
        <div class="button-group">
          <Button text={t('dossiers.pages.list.apply')} variant="secondary" />
          <p>
            <a href="/mot-cua/ho-so" safe>
              {t('dossiers.pages.list.clear')}
            </a>
          </p>
        </div>
      </form>
      <p class="body-secondary" role="status" safe>
        {t('pagination.summary', { from, to, total: props.total })}
      </p>
      <Table
        caption={t('dossiers.pages.list.title')}
        isCaptionHidden
        rowCount={props.dossiers.length}
        emptyText={t('dossiers.pages.list.empty')}
        columns={columns.map((text) => ({ text }))}
        isStackedOnMobile
      >
        {props.dossiers.map((d) => (
          <tr>
            <td data-label={columns[0]}>
              <a href={dossierHref(d)} safe>
                {d.code ?? t('dossiers.pages.list.noCode', { id: d.id })}
              </a>
            </td>
            <td data-label={columns[1]} safe>
              {d.applicant.fullName}
            </td>
            <td data-label={columns[2]}>
              <span safe>{d.procedureName}</span>
              <span class="cell-secondary" safe>
                {d.procedureCode}
              </span>
            </td>
            <td data-label={columns[3]} class="nowrap" safe>
              {d.receivedAt ? formatShort(d.receivedAt) : t('dossiers.pages.notYet')}
            </td>
            <td data-label={columns[4]} class="nowrap" safe>
              {d.dueAt ? formatShort(d.dueAt) : t('dossiers.pages.notYet')}
            </td>
            <td data-label={columns[5]}>
              <StatusTag tone={statusTone(d.status)} text={t(`dossiers.status.${d.status}`)} />
              {d.isOverdue ? (
                <>
                  {' '}
                  <StatusTag tone="red" text={t('dossiers.timing.late')} />
                </>
              ) : (
                ''
              )}
            </td>
            <td data-label={columns[6]} safe>
              {d.assigneeName ?? t('dossiers.pages.list.unassigned')}
            </td>
          </tr>
        ))}
      </Table>
      {props.total > 0 && !hasErrors(errors) ? (
        <>
          <ExportLinks ctx={ctx} csv={listExportHref(filter, 'csv')} xlsx={listExportHref(filter, 'xlsx')} caption={t('dossiers.pages.list.title')} />
          {isExportCut({ total: props.total, limit: props.exportLimit }) ? (
            <p class="body-secondary" safe>
              {exportCutNotice(t, ctx.locale, { total: props.total, limit: props.exportLimit })}
            </p>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}
      <Pagination ctx={ctx} page={props.page} pageCount={pageCount} hrefFor={(p) => listHref(filter, p)} />
    </Layout>
  )
}
