/**
 * The report on handling administrative procedures (báo cáo tình hình giải quyết thủ tục hành
 * chính) as a printable page: per unit and procedure, the dossiers to handle (received in the period
 * and carried over), those finished early, on time or late, and those still in hand, in time or
 * overdue. Our own layout, following the content of the periodic report of the one-stop desk.
 */
import { Button, DateField, ErrorSummary, fieldError, SelectField } from '../../../views/components.tsx'
import type { Choice } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import { committeeName, formatDateTime } from '../../../views/page.ts'
import type { PageContext } from '../../../views/page.ts'
import type { TableModel } from '../../../views/table-export.ts'
import type { ProcedureReport } from '../dashboard.service.ts'
import { formatValue } from '../../../views/data-table.tsx'
import type { DashboardFilter } from './dashboard.tsx'
import { dashboardHref, exportHref, REPORT_PATH, scopeQuery } from './paths.ts'
import { ExportLinks } from '../../../views/data-table.tsx'

/** Props of the report page. */
export interface ReportPageProps {
  readonly ctx: PageContext
  readonly filter: DashboardFilter
  readonly units: readonly Choice[]
  readonly errors: FormErrors
  readonly report: ProcedureReport | null
  readonly table: TableModel | null
}

/** A day "YYYY-MM-DD" as "dd/mm/yyyy". */
function dayText(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`
}

/** The report page: the choice of unit and period (not printed), then the sheet. */
export function ReportPage(props: ReportPageProps): JSX.Element {
  const { ctx, report, table } = props
  const t = ctx.t
  const title = t('dashboard.report.title')
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors(props.errors)} breadcrumbs={[{ href: '/desk', text: t('nav.desk') }, { href: report ? dashboardHref(report.unit.code, report.period) : '/admin/bang-dieu-khien', text: t('dashboard.title') }]}>
      {/* A stylesheet link may sit in the body, so every page keeps the one shared layout. */}
      <link rel="stylesheet" href="/assets/css/print.css" />
      <div class="print-controls">
        <ErrorSummary ctx={ctx} errors={props.errors} order={['unit', 'from', 'to']} />
        <form class="filter" method="get" action={REPORT_PATH} aria-label={t('dashboard.filter.label')}>
          <SelectField ctx={ctx} name="unit" label={t('dashboard.filter.unit')} value={props.filter.unit} error={fieldError(ctx, props.errors, 'unit')} choices={props.units} />
          <DateField ctx={ctx} name="from" label={t('dashboard.filter.from')} value={props.filter.from} error={fieldError(ctx, props.errors, 'from')} />
          <DateField ctx={ctx} name="to" label={t('dashboard.filter.to')} value={props.filter.to} error={fieldError(ctx, props.errors, 'to')} />
          <Button text={t('dashboard.filter.show')} variant="secondary" />
        </form>
      </div>
      {report && table ? (
        <>
          <div class="print-toolbar">
            <p class="print-hint" safe>
              {t('dashboard.report.printHint')}
            </p>
            <ExportLinks ctx={ctx} caption={table.caption} csv={exportHref('report', 'csv', scopeQuery(report.unit.code, report.period))} xlsx={exportHref('report', 'xlsx', scopeQuery(report.unit.code, report.period))} />
          </div>
          <article class="sheet sheet--landscape" aria-label={title}>
            <p class="sheet-strong" safe>
              {committeeName({ name: report.unit.name, nameEn: null }, ctx.locale, t).toLocaleUpperCase(ctx.locale)}
            </p>
            <h1 class="sheet-title" safe>
              {title}
            </h1>
            <p class="sheet-subtitle" safe>
              {t('dashboard.report.period', { from: dayText(report.period.from), to: dayText(report.period.to) })}
            </p>
            <ReportSheetTable ctx={ctx} table={table} />
            <p class="sheet-line" safe>
              {t('dashboard.report.judgedAt', { at: formatDateTime(report.judgedAt, ctx.locale) })}
            </p>
          </article>
        </>
      ) : (
        ''
      )}
    </Layout>
  )
}

/** The report's table with the form's two header rows: groups over their columns. */
function ReportSheetTable(props: { ctx: PageContext; table: TableModel }): JSX.Element {
  const { ctx, table } = props
  const t = ctx.t
  if (table.rows.length === 1) {
    return <p safe>{t('dashboard.report.empty')}</p>
  }
  // Columns: unit, code, procedure | to handle, carried over, received | finished, early, on time, late, refused, stopped | in hand, in time, overdue | rate.
  const groups = [
    { key: 'toHandleGroup', span: 3 },
    { key: 'finishedGroup', span: 6 },
    { key: 'inHandGroup', span: 3 },
  ]
  return (
    <table class="sheet-table">
      <thead>
        <tr>
          {table.columns.slice(0, 3).map((c) => (
            <th scope="col" rowspan={2} safe>
              {c.header}
            </th>
          ))}
          {groups.map((g) => (
            <th scope="colgroup" colspan={g.span} safe>
              {t(`dashboard.report.${g.key}`)}
            </th>
          ))}
          <th scope="col" rowspan={2} safe>
            {table.columns[table.columns.length - 1]!.header}
          </th>
        </tr>
        <tr>
          {table.columns.slice(3, table.columns.length - 1).map((c) => (
            <th scope="col" safe>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr class={row.isTotal ? 'sheet-strong' : undefined}>
            {table.columns.map((column, i) => (
              <td class={column.kind === 'text' ? undefined : 'sheet-nowrap'} safe>
                {row.cells[i]?.value === null && column.kind === 'text' ? '' : formatValue(row.cells[i]?.value ?? null, column.kind, ctx.locale)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
