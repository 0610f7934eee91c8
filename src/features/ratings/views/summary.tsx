/**
 * The leaders' satisfaction summary (/danh-gia): a period and unit filter, the period's figures,
 * two charts (satisfaction index per unit; the answers per unit, stacked) each with its data
 * table, and a table per unit and per official, where officials below the threshold are marked.
 */
import { Chart } from '../../../views/chart.tsx'
import { Button, ErrorSummary, fieldError, SelectField, StatusTag, Table } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { RatingSummary, SummaryRow } from '../rating.service.ts'
import { formatShare } from './survey-results.tsx'
import { DateField, formatDay, formatNumber } from './summary-fields.tsx'

/** The summary's address. */
export const SUMMARY_PATH = '/danh-gia'

/** An official whose satisfaction index is below this share is marked on the summary… */
export const LOW_SATISFACTION_INDEX = 0.7

/** …once they have at least this many ratings (evaluations and desk ratings), so a handful of answers marks nobody. */
export const LOW_SATISFACTION_MIN_RATINGS = 5

/** Whether a row's satisfaction index is below the threshold, over enough ratings to mean something. */
export function isBelowThreshold(row: SummaryRow): boolean {
  return row.satisfactionIndex !== null && row.satisfactionIndex < LOW_SATISFACTION_INDEX && row.evaluations + row.kioskRatings >= LOW_SATISFACTION_MIN_RATINGS
}

/** The filter as typed (days as YYYY-MM-DD, a unit code or '' for all). */
export interface SummaryFilterValues {
  readonly from: string
  readonly to: string
  readonly unit: string
}

/** Props of the summary page. */
export interface SummaryPageProps {
  readonly ctx: PageContext
  readonly values: SummaryFilterValues
  /** The units the leader may choose from. */
  readonly units: readonly { code: string; name: string }[]
  /** The summary, or null when the filter has errors. */
  readonly summary: RatingSummary | null
  readonly errors: FormErrors
}

/** The figures columns shared by the unit and official tables. */
function figureColumns(ctx: PageContext) {
  const t = ctx.t
  return [
    { key: 'evaluations', text: t('ratings.pages.summary.column.evaluations') },
    { key: 'averageScore', text: t('ratings.pages.summary.column.averageScore') },
    { key: 'verySatisfied', text: t('ratings.pages.summary.column.verySatisfied') },
    { key: 'satisfied', text: t('ratings.pages.summary.column.satisfied') },
    { key: 'notSatisfied', text: t('ratings.pages.summary.column.notSatisfied') },
    { key: 'index', text: t('ratings.pages.summary.column.index') },
    { key: 'kiosk', text: t('ratings.pages.summary.column.kiosk') },
    { key: 'late', text: t('ratings.pages.summary.column.late') },
  ] as const
}

/** The figure cells of a row, in the order of figureColumns; each answer's count has its share of the evaluations below it. */
function FigureCells(props: { ctx: PageContext; row: SummaryRow }): JSX.Element {
  const { ctx, row } = props
  const share = (count: number) => (row.evaluations === 0 ? null : formatShare(ctx, count / row.evaluations))
  const values: Record<ReturnType<typeof figureColumns>[number]['key'], { text: string; share?: string | null }> = {
    evaluations: { text: String(row.evaluations) },
    averageScore: { text: formatNumber(ctx, row.averageScore) },
    verySatisfied: { text: String(row.verySatisfied), share: share(row.verySatisfied) },
    satisfied: { text: String(row.satisfied), share: share(row.satisfied) },
    notSatisfied: { text: String(row.notSatisfied), share: share(row.notSatisfied) },
    index: { text: formatShare(ctx, row.satisfactionIndex) },
    kiosk: { text: String(row.kioskRatings) },
    late: { text: String(row.lateDossiers) },
  }
  return (
    <>
      {figureColumns(ctx).map((column) => {
        const value = values[column.key]
        return (
          <td class="numeric" data-label={column.text}>
            <span safe>{value.text}</span>
            {value.share ? (
              <span class="cell-secondary" safe>
                {value.share}
              </span>
            ) : (
              ''
            )}
          </td>
        )
      })}
    </>
  )
}

/** The period's headline figures. */
function Cards(props: { ctx: PageContext; total: SummaryRow }): JSX.Element {
  const { ctx, total } = props
  const t = ctx.t
  const cards = [
    { title: t('ratings.pages.summary.evaluations'), figure: String(total.evaluations) },
    { title: t('ratings.pages.summary.averageScore'), figure: total.averageScore === null ? '—' : t('ratings.pages.summary.outOf18', { score: formatNumber(ctx, total.averageScore) }) },
    { title: t('ratings.pages.summary.index'), figure: formatShare(ctx, total.satisfactionIndex) },
    { title: t('ratings.pages.summary.kiosk'), figure: String(total.kioskRatings) },
    { title: t('ratings.pages.summary.late'), figure: String(total.lateDossiers) },
  ]
  return (
    <ul class="cards">
      {cards.map((card) => (
        <li class="card">
          <h2 class="card-title" safe>
            {card.title}
          </h2>
          <p class="card-figure" safe>
            {card.figure}
          </p>
        </li>
      ))}
    </ul>
  )
}

/** The two charts of the units: satisfaction index, and the answers stacked. */
function Charts(props: { ctx: PageContext; rows: readonly SummaryRow[] }): JSX.Element {
  const { ctx, rows } = props
  const t = ctx.t
  const categories = rows.map((r) => r.label)
  const tableLabel = t('ratings.pages.summary.chartTable')
  const categoryLabel = t('ratings.pages.summary.column.unit')
  return (
    <>
      <Chart
        id="chart-index"
        locale={ctx.locale}
        tableLabel={tableLabel}
        categoryLabel={categoryLabel}
        data={{
          title: t('ratings.pages.summary.indexChart'),
          categories,
          kind: 'bar',
          unit: 'percent',
          series: [{ name: t('ratings.pages.summary.column.index'), values: rows.map((r) => r.satisfactionIndex) }],
        }}
      />
      <Chart
        id="chart-answers"
        locale={ctx.locale}
        tableLabel={tableLabel}
        categoryLabel={categoryLabel}
        data={{
          title: t('ratings.pages.summary.answersChart'),
          categories,
          kind: 'stacked-bar',
          unit: 'count',
          series: [
            { name: t('ratings.overall.very_satisfied'), values: rows.map((r) => r.verySatisfied) },
            { name: t('ratings.overall.satisfied'), values: rows.map((r) => r.satisfied) },
            { name: t('ratings.overall.not_satisfied'), values: rows.map((r) => r.notSatisfied) },
          ],
        }}
      />
    </>
  )
}

/** The summary page. */
export function SummaryPage(props: SummaryPageProps): JSX.Element {
  const { ctx, values, errors, summary } = props
  const t = ctx.t
  const unitNames = new Map(props.units.map((u) => [u.code, u.name]))
  const columns = figureColumns(ctx).map((c) => ({ text: c.text, isNumeric: true }))
  return (
    <Layout ctx={ctx} title={t('ratings.pages.summary.title')} hasErrors={hasErrors(errors)} breadcrumbs={[{ href: '/desk', text: t('nav.desk') }]}>
      <ErrorSummary ctx={ctx} errors={errors} order={['from', 'to', 'unit']} />
      <h1 class="heading-l" safe>
        {t('ratings.pages.summary.title')}
      </h1>
      <p class="lead" safe>
        {t('ratings.pages.summary.lead')}
      </p>
      <form class="filter" method="get" action={SUMMARY_PATH} novalidate>
        <DateField ctx={ctx} name="from" label={t('ratings.pages.summary.from')} hint={t('ratings.pages.summary.dateHint')} value={values.from} error={fieldError(ctx, errors, 'from')} />
        <DateField ctx={ctx} name="to" label={t('ratings.pages.summary.to')} hint={t('ratings.pages.summary.dateHint')} value={values.to} error={fieldError(ctx, errors, 'to')} />
        <SelectField
          ctx={ctx}
          name="unit"
          label={t('ratings.pages.summary.unit')}
          value={values.unit}
          error={fieldError(ctx, errors, 'unit')}
          placeholder={t('ratings.pages.summary.allUnits')}
          choices={props.units.map((u) => ({ value: u.code, label: u.name }))}
        />
        <Button text={t('ratings.pages.summary.filter')} variant="secondary" />
      </form>
      {summary === null ? (
        ''
      ) : (
        <>
          <p class="body-secondary" safe>
            {t('ratings.pages.summary.period', { from: formatDay(summary.from), to: formatDay(summary.to) })}
          </p>
          <Cards ctx={ctx} total={summary.total} />
          {summary.units.length === 0 ? (
            <p safe>{t('ratings.pages.summary.noData')}</p>
          ) : (
            <>
              <Charts ctx={ctx} rows={summary.units} />
              <h2 class="heading-m" safe>
                {t('ratings.pages.summary.unitsTitle')}
              </h2>
              <Table
                caption={t('ratings.pages.summary.unitsCaption')}
                isCaptionHidden
                isStackedOnMobile
                rowCount={summary.units.length}
                emptyText=""
                columns={[{ text: t('ratings.pages.summary.column.unit') }, ...columns]}
              >
                {summary.units.map((row) => (
                  <tr>
                    <th scope="row" data-label={t('ratings.pages.summary.column.unit')} safe>
                      {row.label}
                    </th>
                    <FigureCells ctx={ctx} row={row} />
                  </tr>
                ))}
                <tr>
                  <th scope="row" data-label={t('ratings.pages.summary.column.unit')} safe>
                    {t('ratings.pages.summary.total')}
                  </th>
                  <FigureCells ctx={ctx} row={summary.total} />
                </tr>
              </Table>
            </>
          )}
          {summary.officials.length === 0 ? (
            ''
          ) : (
            <>
              <h2 class="heading-m" safe>
                {t('ratings.pages.summary.officialsTitle')}
              </h2>
              <p class="body-secondary" safe>
                {t('ratings.pages.summary.threshold', { index: formatShare(ctx, LOW_SATISFACTION_INDEX), ratings: LOW_SATISFACTION_MIN_RATINGS })}
              </p>
              <Table
                caption={t('ratings.pages.summary.officialsCaption')}
                isCaptionHidden
                isStackedOnMobile
                rowCount={summary.officials.length}
                emptyText=""
                columns={[{ text: t('ratings.pages.summary.column.official') }, ...columns]}
              >
                {summary.officials.map((row) => (
                  <tr>
                    <th scope="row" data-label={t('ratings.pages.summary.column.official')}>
                      {/* Ratings whose official is unknown (a kiosk with nobody assigned) are grouped under "—". */}
                      <span safe>{row.key === '—' ? t('ratings.pages.summary.unknownOfficial') : row.label}</span>
                      {unitNames.has(row.unitCode) ? (
                        <span class="cell-secondary" safe>
                          {unitNames.get(row.unitCode)}
                        </span>
                      ) : (
                        ''
                      )}
                      {isBelowThreshold(row) ? <StatusTag tone="red" text={t('ratings.pages.summary.belowThreshold')} /> : ''}
                    </th>
                    <FigureCells ctx={ctx} row={row} />
                  </tr>
                ))}
              </Table>
            </>
          )}
          <p class="body-secondary" safe>
            {t('ratings.pages.summary.method')}
          </p>
          <p>
            <a href="/danh-gia/chan-chinh" safe>
              {t('ratings.pages.summary.casesLink')}
            </a>
          </p>
        </>
      )}
    </Layout>
  )
}
