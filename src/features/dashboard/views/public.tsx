/**
 * The public statistics page (/thong-ke): for each ward and commune of the year, the on-time rate
 * of dossiers, the satisfaction index, feedback answered and answered on time, and the dialogues
 * held; charts with their data tables; the table downloadable. Figures only, never names.
 */
import { Chart } from '../../../views/chart.tsx'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { TableModel } from '../../../views/table-export.ts'
import type { PublicStatistics } from '../dashboard.service.ts'
import { DataTable, formatValue } from '../../../views/data-table.tsx'
import { PUBLIC_EXPORT_PATH, PUBLIC_PATH, withQuery } from './paths.ts'

/** Props of the public statistics page. */
export interface PublicPageProps {
  readonly ctx: PageContext
  readonly statistics: PublicStatistics
  readonly table: TableModel
  /** Years offered, newest first. */
  readonly years: readonly number[]
}

/** One headline figure. */
function Card(props: { title: string; figure: string; note?: string }): JSX.Element {
  return (
    <li class="card">
      <h2 class="card-title" safe>
        {props.title}
      </h2>
      <p class="card-figure" safe>
        {props.figure}
      </p>
      {props.note ? (
        <p class="body-secondary" safe>
          {props.note}
        </p>
      ) : (
        ''
      )}
    </li>
  )
}

/** The page. */
export function PublicStatisticsPage(props: PublicPageProps): JSX.Element {
  const { ctx, statistics: s } = props
  const t = ctx.t
  const locale = ctx.locale
  const title = t('dashboard.public.title')
  const share = (value: number | null) => formatValue(value, 'percent', locale)
  const lines = s.units
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="heading-xl" safe>
        {title}
      </h1>
      <p class="lead" safe>
        {t('dashboard.public.lead', { year: s.year, to: s.period.to })}
      </p>
      <nav aria-label={t('dashboard.public.years')}>
        <ul class="list list--plain">
          {props.years.map((year) =>
            year === s.year ? (
              <li aria-current="page" safe>
                {String(year)}
              </li>
            ) : (
              <li>
                <a href={withQuery(PUBLIC_PATH, { nam: year })} safe>
                  {String(year)}
                </a>
              </li>
            ),
          )}
        </ul>
      </nav>
      <ul class="cards">
        <Card title={t('dashboard.public.onTime')} figure={share(s.total.onTimeRate)} note={t('dashboard.public.returned', { count: formatValue(s.total.returned, 'count', locale) })} />
        <Card title={t('dashboard.public.satisfaction')} figure={share(s.total.satisfactionIndex)} note={t('dashboard.public.ratings', { count: formatValue(s.total.ratings, 'count', locale) })} />
        <Card
          title={t('dashboard.public.feedbackAnswered')}
          figure={formatValue(s.total.feedbackAnswered, 'count', locale)}
          note={t('dashboard.public.feedbackNote', { submitted: formatValue(s.total.feedbackSubmitted, 'count', locale), onTime: share(s.total.answeredOnTimeRate) })}
        />
        {s.coverage && s.coverage.unitCount > 0 ? (
          <Card title={t('dashboard.public.coverage')} figure={`${s.coverage.heldCount}/${s.coverage.unitCount}`} note={t('dashboard.public.coverageNote', { percent: s.coverage.heldPercent })} />
        ) : (
          ''
        )}
      </ul>
      <DataTable
        ctx={ctx}
        table={props.table}
        emptyText={t('dashboard.empty')}
        exports={{ csv: withQuery(`${PUBLIC_EXPORT_PATH}/statistics.csv`, { nam: s.year }), xlsx: withQuery(`${PUBLIC_EXPORT_PATH}/statistics.xlsx`, { nam: s.year }) }}
      />
      {lines.length > 0 ? (
        <>
          <Chart
            id="chart-public-on-time"
            locale={locale}
            tableLabel={t('dashboard.chartTable')}
            categoryLabel={t('dashboard.columns.unit')}
            data={{
              title: t('dashboard.public.chartRates'),
              kind: 'bar',
              unit: 'percent',
              categories: lines.map((line) => line.unit.name),
              series: [
                { name: t('dashboard.columns.onTimeRate'), values: lines.map((line) => line.onTimeRate) },
                { name: t('dashboard.columns.satisfactionIndex'), values: lines.map((line) => line.satisfactionIndex) },
                { name: t('dashboard.columns.answeredOnTimeRate'), values: lines.map((line) => line.answeredOnTimeRate) },
              ],
            }}
          />
        </>
      ) : (
        ''
      )}
      <p class="body-secondary">
        <span safe>{t('dashboard.public.note')}</span> <code safe>{withQuery('/api/v1/statistics', { year: s.year })}</code>
      </p>
    </Layout>
  )
}
