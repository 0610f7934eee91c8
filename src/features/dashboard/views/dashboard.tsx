/**
 * The leadership dashboard page: a unit and a period, the headline figures, then each subject's
 * tables and charts (dossiers, satisfaction, feedback, dialogues, citizen reception), every figure
 * linked to the list behind it and every table exportable; links to the printable reports.
 */
import { Chart } from '../../../views/chart.tsx'
import { Button, DateField, ErrorSummary, fieldError, SelectField } from '../../../views/components.tsx'
import type { Choice } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import { formatDateTime } from '../../../views/page.ts'
import type { PageContext } from '../../../views/page.ts'
import type { Period } from '../dashboard.ts'
import type { Dashboard } from '../dashboard.service.ts'
import type { DashboardTable } from '../dashboard.tables.ts'
import type { TableModel } from '../../../views/table-export.ts'
import { DataTable, formatValue } from '../../../views/data-table.tsx'
import {
  coverageHref,
  DASHBOARD_PATH,
  dashboardHref,
  exportHref,
  feedbackQueueHref,
  figureListHref,
  openDossiersHref,
  ratingsHref,
  receptionHref,
  registerHref,
  REPORT_PATH,
  scopeQuery,
  withQuery,
} from './paths.ts'

/** Most units a chart shows. */
const CHART_UNITS = 20

/** The unit and period as typed. */
export interface DashboardFilter {
  readonly unit: string
  readonly from: string
  readonly to: string
}

/** Props of the dashboard page. */
export interface DashboardPageProps {
  readonly ctx: PageContext
  readonly filter: DashboardFilter
  readonly units: readonly Choice[]
  readonly presets: readonly { readonly key: string; readonly period: Period }[]
  readonly errors: FormErrors
  readonly dashboard: Dashboard | null
  readonly tables: Record<DashboardTable, TableModel> | null
}

/** One headline figure: a label, the figure (linked when a list is behind it), a line of context. */
function Card(props: { title: string; figure: string; href?: string | null; note?: string }): JSX.Element {
  return (
    <li class="card">
      <h3 class="card-title" safe>
        {props.title}
      </h3>
      <p class="card-figure">
        {props.href ? (
          <a href={props.href} safe>
            {props.figure}
          </a>
        ) : (
          <span safe>{props.figure}</span>
        )}
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
export function DashboardPage(props: DashboardPageProps): JSX.Element {
  const { ctx, dashboard: d, tables } = props
  const t = ctx.t
  const title = t('dashboard.title')
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors(props.errors)} breadcrumbs={[{ href: '/desk', text: t('nav.desk') }]}>
      <ErrorSummary ctx={ctx} errors={props.errors} order={['unit', 'from', 'to']} />
      <h1 class="heading-xl" safe>
        {title}
      </h1>
      {d ? (
        <p class="lead" safe>
          {t('dashboard.lead', { unit: d.unit.name, from: d.period.from, to: d.period.to })}
        </p>
      ) : (
        ''
      )}
      <form class="filter" method="get" action={DASHBOARD_PATH} aria-label={t('dashboard.filter.label')}>
        <SelectField ctx={ctx} name="unit" label={t('dashboard.filter.unit')} value={props.filter.unit} error={fieldError(ctx, props.errors, 'unit')} choices={props.units} />
        <DateField ctx={ctx} name="from" label={t('dashboard.filter.from')} value={props.filter.from} error={fieldError(ctx, props.errors, 'from')} />
        <DateField ctx={ctx} name="to" label={t('dashboard.filter.to')} value={props.filter.to} error={fieldError(ctx, props.errors, 'to')} />
        <Button text={t('dashboard.filter.show')} variant="secondary" />
      </form>
      <nav aria-label={t('dashboard.filter.presets')}>
        <ul class="list list--plain">
          {props.presets.map((p) => (
            <li>
              <a href={dashboardHref(d?.unit.code ?? props.filter.unit, p.period)} safe>
                {t(`dashboard.presets.${p.key}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {d && tables ? <DashboardBody ctx={ctx} d={d} tables={tables} /> : ''}
    </Layout>
  )
}

/** Everything below the filter. */
function DashboardBody(props: { ctx: PageContext; d: Dashboard; tables: Record<DashboardTable, TableModel> }): JSX.Element {
  const { ctx, d, tables } = props
  const t = ctx.t
  const locale = ctx.locale
  const query = scopeQuery(d.unit.code, d.period)
  const exportsOf = (table: DashboardTable) => ({ csv: exportHref(table, 'csv', query), xlsx: exportHref(table, 'xlsx', query) })
  const count = (n: number) => formatValue(n, 'count', locale)
  const share = (n: number | null) => formatValue(n, 'percent', locale)
  const dossiers = d.dossiers
  const change = dossiers.trendChange
  // A chart of a hundred wards reads as a blur (and costs the page its speed): the busiest ones, the table holding all.
  const unitRows = dossiers.byUnit
    .filter((line) => !line.isOwn)
    .sort((a, b) => b.figures.received - a.figures.received)
    .slice(0, CHART_UNITS)
  const feedbackUnits = d.feedback.byUnit
    .filter((line) => !line.isOwn)
    .sort((a, b) => b.figures.submitted - a.figures.submitted)
    .slice(0, CHART_UNITS)
  return (
    <>
      <h2 class="heading-l" safe>
        {t('dashboard.headline')}
      </h2>
      <ul class="cards">
        <Card title={t('dashboard.cards.received')} figure={count(dossiers.total.received)} href={d.canOpenDossierLists ? figureListHref(d.unit.code, d.period, 'received') : null} />
        <Card
          title={t('dashboard.cards.onTimeRate')}
          figure={share(dossiers.total.onTimeRate)}
          href={d.canOpenDossierLists ? figureListHref(d.unit.code, d.period, 'returned') : null}
          note={change === null ? t('dashboard.cards.noTrend') : t('dashboard.cards.trend', { points: formatValue(Math.round(change * 1000) / 10, 'days', locale) })}
        />
        <Card
          title={t('dashboard.cards.overdue')}
          figure={count(dossiers.total.overdue)}
          href={d.canOpenDossierLists ? openDossiersHref(d.unit.code, true) : null}
          note={t('dashboard.cards.openNow', { count: count(dossiers.total.open) })}
        />
        <Card
          title={t('dashboard.cards.satisfaction')}
          figure={share(d.satisfaction.total.index)}
          href={ratingsHref(d.unit.code, d.period)}
          note={t('dashboard.cards.ratings', { count: count(d.satisfaction.total.ratings) })}
        />
        <Card
          title={t('dashboard.cards.feedbackOnTime')}
          figure={share(d.feedback.total.onTimeRate)}
          href={d.canOpenFeedbackLists ? feedbackQueueHref(d.unit.code, { status: 'answered,closed' }) : null}
          note={t('dashboard.cards.feedbackAnswered', { answered: count(d.feedback.total.answered), submitted: count(d.feedback.total.submitted) })}
        />
        {d.dialogues && d.dialogues.unitCount > 0 ? (
          <Card
            title={t('dashboard.cards.coverage', { year: d.dialogues.year })}
            figure={`${d.dialogues.heldCount}/${d.dialogues.unitCount}`}
            href={coverageHref(d.unit.code, d.dialogues.year)}
            note={t('dashboard.cards.commitments', { done: count(d.dialogues.commitments.done), total: count(d.dialogues.commitments.total) })}
          />
        ) : (
          ''
        )}
      </ul>

      <h2 class="heading-l" id="ho-so" safe>
        {t('dashboard.dossiers.title')}
      </h2>
      <DataTable ctx={ctx} table={tables.units} emptyText={t('dashboard.empty')} exports={exportsOf('units')} />
      {dossiers.byUnit.filter((line) => !line.isOwn).length > CHART_UNITS ? (
        <p class="body-secondary" safe>
          {t('dashboard.chartTop', { count: CHART_UNITS })}
        </p>
      ) : (
        ''
      )}
      {unitRows.length > 0 ? (
        <Chart
          id="chart-dossier-units"
          locale={locale}
          tableLabel={t('dashboard.chartTable')}
          categoryLabel={t('dashboard.columns.unit')}
          data={{
            title: t('dashboard.dossiers.chartUnits'),
            kind: 'stacked-bar',
            categories: unitRows.map((line) => line.unit.name),
            series: [
              { name: t('dashboard.columns.early'), values: unitRows.map((line) => line.figures.early) },
              { name: t('dashboard.columns.onTime'), values: unitRows.map((line) => line.figures.onTime) },
              { name: t('dashboard.columns.late'), values: unitRows.map((line) => line.figures.late) },
            ],
          }}
        />
      ) : (
        ''
      )}
      <h3 class="heading-m" safe>
        {t('dashboard.dossiers.trend')}
      </h3>
      <Chart
        id="chart-trend"
        locale={locale}
        tableLabel={t('dashboard.chartTable')}
        categoryLabel={t('dashboard.columns.month')}
        data={{
          title: t('dashboard.dossiers.trendChart'),
          kind: 'line',
          unit: 'percent',
          categories: dossiers.trend.map((p) => p.month),
          series: [{ name: t('dashboard.columns.onTimeRate'), values: dossiers.trend.map((p) => p.onTimeRate) }],
        }}
      />
      <DataTable ctx={ctx} table={tables.trend} emptyText={t('dashboard.empty')} exports={exportsOf('trend')} isCaptionHidden />
      <h3 class="heading-m" safe>
        {t('dashboard.dossiers.topProcedures')}
      </h3>
      <DataTable ctx={ctx} table={tables.procedures} emptyText={t('dashboard.empty')} exports={exportsOf('procedures')} isCaptionHidden />

      <h2 class="heading-l" id="hai-long" safe>
        {t('dashboard.satisfaction.title')}
      </h2>
      <p class="body-secondary" safe>
        {t('dashboard.satisfaction.threshold', { ratings: d.satisfaction.threshold.minRatings, share: share(d.satisfaction.threshold.minShare) })}
      </p>
      <DataTable ctx={ctx} table={tables.satisfaction} emptyText={t('dashboard.empty')} exports={exportsOf('satisfaction')} />
      <h3 class="heading-m" safe>
        {t('dashboard.satisfaction.officialsBelow')}
      </h3>
      <DataTable ctx={ctx} table={tables.officials} emptyText={t('dashboard.satisfaction.noneBelow')} exports={exportsOf('officials')} isCaptionHidden />

      <h2 class="heading-l" id="phan-anh" safe>
        {t('dashboard.feedback.title')}
      </h2>
      <DataTable ctx={ctx} table={tables['feedback-categories']} emptyText={t('dashboard.empty')} exports={exportsOf('feedback-categories')} />
      {d.feedback.byCategory.length > 0 ? (
        <Chart
          id="chart-feedback-categories"
          locale={locale}
          tableLabel={t('dashboard.chartTable')}
          categoryLabel={t('dashboard.columns.category')}
          data={{
            title: t('dashboard.feedback.chartCategories'),
            kind: 'bar',
            categories: d.feedback.byCategory.map((c) => t(`feedback.categories.${c.category}`)),
            series: [
              { name: t('dashboard.columns.submitted'), values: d.feedback.byCategory.map((c) => c.figures.submitted) },
              { name: t('dashboard.columns.answered'), values: d.feedback.byCategory.map((c) => c.figures.answered) },
            ],
          }}
        />
      ) : (
        ''
      )}
      <DataTable ctx={ctx} table={tables['feedback-units']} emptyText={t('dashboard.empty')} exports={exportsOf('feedback-units')} />
      {feedbackUnits.length > 1 ? (
        <Chart
          id="chart-feedback-units"
          locale={locale}
          tableLabel={t('dashboard.chartTable')}
          categoryLabel={t('dashboard.columns.unit')}
          data={{
            title: t('dashboard.feedback.chartUnits'),
            kind: 'bar',
            categories: feedbackUnits.map((line) => line.unit.name),
            series: [
              { name: t('dashboard.columns.submitted'), values: feedbackUnits.map((line) => line.figures.submitted) },
              { name: t('dashboard.columns.answered'), values: feedbackUnits.map((line) => line.figures.answered) },
            ],
          }}
        />
      ) : (
        ''
      )}

      <h2 class="heading-l" id="doi-thoai" safe>
        {t('dashboard.dialogues.title')}
      </h2>
      {d.dialogues ? (
        <>
          <p safe>
            {d.dialogues.unitCount > 0
              ? t('dashboard.dialogues.summary', { held: d.dialogues.heldCount, total: d.dialogues.unitCount, year: d.dialogues.year })
              : t('dashboard.dialogues.noUnits', { year: d.dialogues.year })}
          </p>
          <DataTable ctx={ctx} table={tables.coverage} emptyText={t('dashboard.empty')} exports={exportsOf('coverage')} />
        </>
      ) : (
        <p class="body-secondary" safe>
          {t('dashboard.notAvailable')}
        </p>
      )}

      <h2 class="heading-l" id="tiep-cong-dan" safe>
        {t('dashboard.reception.title')}
      </h2>
      {d.reception ? (
        <>
          <p>
            <a href={receptionHref(d.unit.code, d.period)} safe>
              {t('dashboard.reception.summary', {
                chairMet: d.reception.summary.chair.met,
                chairTotal: d.reception.summary.chair.total,
                secretaryMet: d.reception.summary.party_secretary.met,
                secretaryTotal: d.reception.summary.party_secretary.total,
              })}
            </a>
          </p>
          <DataTable ctx={ctx} table={tables.reception} emptyText={t('dashboard.empty')} exports={exportsOf('reception')} isCaptionHidden />
        </>
      ) : (
        <p class="body-secondary" safe>
          {t('dashboard.notAvailable')}
        </p>
      )}

      <h2 class="heading-l" id="bao-cao" safe>
        {t('dashboard.reports.title')}
      </h2>
      <ul class="list">
        <li>
          <a href={withQuery(REPORT_PATH, query)} safe>
            {t('dashboard.report.title')}
          </a>
        </li>
        {d.canOpenDossierLists ? (
          <>
            <li>
              <a href={registerHref(d.unit.code, d.period)} safe>
                {t('dashboard.register.printable')}
              </a>
            </li>
            <li>
              <a href={exportHref('register', 'csv', query)} download="" safe>
                {t('dashboard.register.csv')}
              </a>
            </li>
            <li>
              <a href={exportHref('register', 'xlsx', query)} download="" safe>
                {t('dashboard.register.xlsx')}
              </a>
            </li>
          </>
        ) : (
          ''
        )}
      </ul>
      <p class="body-secondary">
        <span safe>{t('dashboard.generatedAt', { at: formatDateTime(d.generatedAt, locale) })}</span>{' '}
        <span safe>{t('dashboard.api')}</span> <code safe>{withQuery('/api/v1/dashboard', query)}</code>
      </p>
    </>
  )
}
