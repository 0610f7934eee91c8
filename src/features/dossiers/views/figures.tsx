/** The on-time figures page: received, returned early / on time / late, open and overdue, per group. */
import { Chart } from '../../../views/chart.tsx'
import { Table } from '../../../views/components.tsx'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { FigureRow, Figures } from '../dossier.figures.ts'

/** A unit the filter offers. */
export interface FigureUnitChoice {
  readonly code: string
  readonly name: string
}

/** Formats a share as a percentage, or a dash. */
function percent(value: number | null, locale: string): string {
  return value === null ? '—' : `${(value * 100).toLocaleString(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 })}%`
}

const COLUMNS = ['received', 'returned', 'early', 'onTime', 'late', 'refused', 'stopped', 'open', 'overdue'] as const

/** One row of the table. */
function Row(props: { row: FigureRow; label: string; locale: string; t: PageContext['t']; isTotal?: boolean }): JSX.Element {
  return (
    <tr class={props.isTotal ? 'table-total' : ''}>
      <th scope="row" data-label={props.t('dossiers.figures.group')} safe>
        {props.label}
      </th>
      {COLUMNS.map((c) => (
        <td class="numeric" data-label={props.t(`dossiers.figures.column.${c}`)} safe>
          {String(props.row[c])}
        </td>
      ))}
      <td class="numeric" data-label={props.t('dossiers.figures.column.onTimeRate')} safe>
        {percent(props.row.onTimeRate, props.locale)}
      </td>
    </tr>
  )
}

/** The page. */
export function FiguresPage(props: { ctx: PageContext; figures: Figures; units: readonly FigureUnitChoice[] }): JSX.Element {
  const { ctx, figures } = props
  const t = ctx.t
  const title = t('dossiers.figures.title')
  const groups = ['unit', 'procedure', 'official'] as const
  const chartRows = figures.rows.slice(0, 20)
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/mot-cua', text: t('dossiers.figures.desk') }]}>
      <h1 class="heading-xl" safe>
        {title}
      </h1>
      <p class="lead" safe>
        {t('dossiers.figures.lead', { from: figures.from, to: figures.to })}
      </p>
      <form method="get" action="/mot-cua/so-lieu" class="filter">
        <div class="field">
          <label class="label" for="f-from" safe>
            {t('dossiers.figures.from')}
          </label>
          <input class="input" type="date" id="f-from" name="from" value={figures.from} />
        </div>
        <div class="field">
          <label class="label" for="f-to" safe>
            {t('dossiers.figures.to')}
          </label>
          <input class="input" type="date" id="f-to" name="to" value={figures.to} />
        </div>
        <div class="field">
          <label class="label" for="f-by" safe>
            {t('dossiers.figures.by')}
          </label>
          <select class="select" id="f-by" name="by">
            {groups.map((g) => (
              <option value={g} selected={figures.by === g} safe>
                {t(`dossiers.figures.groupBy.${g}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="label" for="f-unit" safe>
            {t('dossiers.figures.unit')}
          </label>
          <select class="select" id="f-unit" name="unit">
            <option value="" selected={figures.unitCode === null} safe>
              {t('dossiers.figures.allUnits')}
            </option>
            {props.units.map((u) => (
              <option value={u.code} selected={u.code === figures.unitCode} safe>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button--secondary" safe>
          {t('dossiers.figures.show')}
        </button>
      </form>
      <Table
        caption={t('dossiers.figures.tableCaption', { group: t(`dossiers.figures.groupBy.${figures.by}`) })}
        columns={[{ text: t(`dossiers.figures.groupBy.${figures.by}`) }, ...COLUMNS.map((c) => ({ text: t(`dossiers.figures.column.${c}`), isNumeric: true })), { text: t('dossiers.figures.column.onTimeRate'), isNumeric: true }]}
        emptyText={t('dossiers.figures.empty')}
        rowCount={figures.rows.length}
        isStackedOnMobile
      >
        {figures.rows.map((row) => (
          <Row row={row} label={row.label} locale={ctx.locale} t={t} />
        ))}
        <Row row={figures.total} label={t('dossiers.figures.total')} locale={ctx.locale} t={t} isTotal />
      </Table>
      {chartRows.length > 0 ? (
        <Chart
          id="figures-chart"
          locale={ctx.locale}
          tableLabel={t('dossiers.figures.chartTable')}
          categoryLabel={t(`dossiers.figures.groupBy.${figures.by}`)}
          data={{
            title: t('dossiers.figures.chartTitle'),
            kind: 'stacked-bar',
            categories: chartRows.map((r) => r.label),
            series: [
              { name: t('dossiers.figures.column.early'), values: chartRows.map((r) => r.early) },
              { name: t('dossiers.figures.column.onTime'), values: chartRows.map((r) => r.onTime) },
              { name: t('dossiers.figures.column.late'), values: chartRows.map((r) => r.late) },
            ],
          }}
        />
      ) : (
        ''
      )}
      <p class="body-secondary">
        <span safe>{t('dossiers.figures.api')}</span>{' '}
        <code safe>{`/api/v1/dossiers/figures?from=${figures.from}&to=${figures.to}&by=${figures.by}`}</code>
      </p>
    </Layout>
  )
}
