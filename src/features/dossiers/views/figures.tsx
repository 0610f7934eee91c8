/** The on-time figures page: received, returned early / on time / late, open and overdue, per group, with the table's exports. */
import { Chart } from '../../../views/chart.tsx'
import { DataTable } from '../../../views/data-table.tsx'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { ExportFormat, TableModel } from '../../../views/table-export.ts'
import type { Figures } from '../dossier.figures.ts'

/** A unit the filter offers. */
export interface FigureUnitChoice {
  readonly code: string
  readonly name: string
}

/** The address of the figures' export for the period, grouping and unit shown: /mot-cua/so-lieu.csv?… */
export function figuresExportHref(figures: Figures, format: ExportFormat): string {
  const params = new URLSearchParams({ from: figures.from, to: figures.to, by: figures.by })
  if (figures.unitCode) params.set('unit', figures.unitCode)
  return `/mot-cua/so-lieu.${format}?${params.toString()}`
}

/** The page. */
export function FiguresPage(props: { ctx: PageContext; figures: Figures; table: TableModel; units: readonly FigureUnitChoice[] }): JSX.Element {
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
      <DataTable
        ctx={ctx}
        table={props.table}
        emptyText={t('dossiers.figures.empty')}
        exports={{ csv: figuresExportHref(figures, 'csv'), xlsx: figuresExportHref(figures, 'xlsx') }}
      />
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
