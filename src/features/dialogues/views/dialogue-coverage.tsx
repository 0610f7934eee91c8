/**
 * Coverage (/admin/doi-thoai/bao-phu): for a year and a parent unit, which of its wards and
 * communes held at least one dialogue (the law asks one a year of each) — "10/12" — and how the
 * commitments made there fare: done, done on time, overdue. The figures are also a data table,
 * so nothing depends on seeing a chart, and each unit links to its sessions.
 */
import { Button, ErrorSummary, fieldError, SelectField, StatusTag, Table, TextField } from '../../../views/components.tsx'
import type { Choice } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { COVERAGE_PATH, formatDay, staffSessionHref } from './dialogue-format.ts'
import type { CoverageReport } from './dialogue-model.ts'
import { staffCrumbs, staffListHref } from './dialogue-staff.tsx'

/** The coverage filter, as in the address. */
export interface CoverageFilter {
  readonly year: string
  readonly unit: string
}

/** Props of the coverage page. */
export interface CoveragePageProps {
  readonly ctx: PageContext
  readonly filter: CoverageFilter
  readonly errors: FormErrors
  /** Parent units the reader may look at. */
  readonly units: readonly Choice[]
  /** The figures; null when the filter could not be read. */
  readonly report: CoverageReport | null
}

/** One figure in a card. */
function Figure(props: { title: string; figure: string; note?: string }): JSX.Element {
  return (
    <li class="card">
      <h3 class="card-title" safe>
        {props.title}
      </h3>
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

/** The coverage page. */
export function CoveragePage(props: CoveragePageProps): JSX.Element {
  const { ctx, filter, report } = props
  const t = ctx.t
  const key = (name: string) => t(`dialogues.pages.coverage.${name}`)
  const columns = [key('unit'), key('held'), key('lastHeld'), key('commitments'), key('done'), key('onTime'), key('overdue')]
  return (
    <Layout ctx={ctx} title={key('title')} hasErrors={hasErrors(props.errors)} breadcrumbs={staffCrumbs(ctx)}>
      <ErrorSummary ctx={ctx} errors={props.errors} order={['year', 'unit']} />
      <h1 class="heading-l" safe>
        {key('title')}
      </h1>
      <p class="lead" safe>
        {key('lead')}
      </p>
      <form class="filter" method="get" action={COVERAGE_PATH} role="search" aria-label={key('filter')}>
        <TextField ctx={ctx} name="year" label={key('year')} value={filter.year} error={fieldError(ctx, props.errors, 'year')} width="short" inputmode="numeric" maxlength={4} />
        {props.units.length > 1 ? (
          <SelectField ctx={ctx} name="unit" label={key('parent')} value={filter.unit} error={fieldError(ctx, props.errors, 'unit')} choices={props.units} />
        ) : (
          ''
        )}
        <div class="button-group">
          <Button text={key('apply')} variant="secondary" />
        </div>
      </form>
      {report ? (
        <>
          <h2 class="heading-m" safe>
            {t('dialogues.pages.coverage.heading', { parent: report.parentName, year: report.year })}
          </h2>
          <ul class="cards">
            <Figure title={key('coveredTitle')} figure={`${report.covered}/${report.total}`} note={t('dialogues.pages.coverage.coveredNote', { covered: report.covered, total: report.total })} />
            <Figure title={key('commitmentsTitle')} figure={String(report.commitments)} />
            <Figure title={key('doneTitle')} figure={String(report.done)} note={t('dialogues.pages.coverage.onTimeNote', { n: report.onTime })} />
            <Figure title={key('overdueTitle')} figure={String(report.overdue)} />
          </ul>
          <Table caption={t('dialogues.pages.coverage.tableCaption', { parent: report.parentName, year: report.year })} rowCount={report.rows.length} emptyText={key('empty')} columns={columns.map((text, i) => ({ text, isNumeric: i === 1 || i >= 3 }))} isStackedOnMobile>
            {report.rows.map((row) => (
              <tr>
                <td data-label={columns[0]}>
                  <a href={staffListHref({ unit: row.unitCode, year: String(report.year) })} safe>
                    {row.unitName}
                  </a>
                </td>
                <td data-label={columns[1]} class="numeric">
                  {row.heldCount > 0 ? (
                    <span safe>{String(row.heldCount)}</span>
                  ) : (
                    <StatusTag tone="red" text={key('none')} />
                  )}
                </td>
                <td data-label={columns[2]}>
                  {row.lastSessionId !== null && row.lastHeldAt !== null ? (
                    <a href={staffSessionHref(row.lastSessionId)} safe>
                      {formatDay(row.lastHeldAt)}
                    </a>
                  ) : (
                    <span safe>{t('dialogues.pages.none')}</span>
                  )}
                </td>
                <td data-label={columns[3]} class="numeric" safe>
                  {String(row.commitments)}
                </td>
                <td data-label={columns[4]} class="numeric" safe>
                  {String(row.done)}
                </td>
                <td data-label={columns[5]} class="numeric" safe>
                  {String(row.onTime)}
                </td>
                <td data-label={columns[6]} class="numeric" safe>
                  {String(row.overdue)}
                </td>
              </tr>
            ))}
          </Table>
        </>
      ) : (
        ''
      )}
    </Layout>
  )
}
