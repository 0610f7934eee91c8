/**
 * The compliance view (/admin/tiep-cong-dan/tuan-thu): for a unit and a period, each ward's or
 * commune's required reception days per host role against the days scheduled and held, as a data
 * table with row headers, and how many units meet each minimum ("11/12").
 */
import { Button, DateField, ErrorSummary, fieldError, SelectField, StatusTag } from '../../../views/components.tsx'
import type { Choice } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { ComplianceReport, ComplianceRow } from '../reception.service.ts'
import { COMPLIANCE_PATH, shortDate } from './reception-format.ts'
import { ReceptionNav, receptionCrumbs } from './reception-schedule.tsx'

/** Props of the compliance page. */
export interface CompliancePageProps {
  readonly ctx: PageContext
  readonly units: readonly Choice[]
  readonly filter: { readonly unit: string; readonly from: string; readonly to: string }
  readonly errors: FormErrors
  readonly report: ComplianceReport | null
}

/** The verdict of a row: met, met if the schedule is kept, short by some days, or no minimum. */
function Verdict(props: { ctx: PageContext; row: ComplianceRow }): JSX.Element {
  const { ctx, row } = props
  const key = (name: string, values?: Record<string, string | number>) => ctx.t(`reception.pages.compliance.${name}`, values)
  if (row.required === 0) return <StatusTag tone="grey" text={key('noMinimum')} />
  if (row.isMet) return <StatusTag tone="green" text={key('met')} />
  if (row.isPlannedToMeet) return <StatusTag tone="yellow" text={key('onSchedule')} />
  return <StatusTag tone="red" text={key('short', { count: row.required - row.planned })} />
}

/** The compliance page. */
export function CompliancePage(props: CompliancePageProps): JSX.Element {
  const { ctx, filter, errors, report } = props
  const t = ctx.t
  const key = (name: string, values?: Record<string, string | number>) => t(`reception.pages.compliance.${name}`, values)
  const numeric = ['required', 'scheduled', 'held', 'cancelled', 'covered']
  return (
    <Layout ctx={ctx} title={key('title')} hasErrors={hasErrors(errors)} breadcrumbs={receptionCrumbs(ctx)}>
      <ErrorSummary ctx={ctx} errors={errors} order={['unit', 'from', 'to']} />
      <h1 class="heading-l" safe>
        {key('title')}
      </h1>
      <p class="lead" safe>
        {key('lead')}
      </p>
      <ReceptionNav ctx={ctx} />
      <form class="filter" method="get" action={COMPLIANCE_PATH} role="search" aria-label={key('filter')}>
        {props.units.length > 1 ? <SelectField ctx={ctx} name="unit" label={key('unit')} value={filter.unit} choices={props.units} error={fieldError(ctx, errors, 'unit')} /> : ''}
        <DateField ctx={ctx} name="from" label={key('from')} value={filter.from} error={fieldError(ctx, errors, 'from')} />
        <DateField ctx={ctx} name="to" label={key('to')} value={filter.to} error={fieldError(ctx, errors, 'to')} />
        <Button text={key('show')} variant="secondary" />
      </form>
      {report ? (
        <>
          <h2 class="heading-m" safe>
            {key('period', { unit: report.unit.name, from: shortDate(report.from), to: shortDate(report.to) })}
          </h2>
          <ul class="cards">
            {(['chair', 'party_secretary'] as const).map((role) => (
              <li class="card">
                <h3 class="card-title" safe>
                  {t(`reception.hostRoles.${role}`)}
                </h3>
                <p class="card-figure" safe>
                  {`${report.summary[role].met}/${report.summary[role].total}`}
                </p>
                <p class="body-secondary" safe>
                  {key(`rule.${role}`)}
                </p>
              </li>
            ))}
          </ul>
          {report.rows.length === 0 ? (
            <p class="body-secondary" safe>
              {key('empty')}
            </p>
          ) : (
            <div class="table-wrap">
              <table class="table table--stacked">
                <caption class="table-caption" safe>
                  {key('caption', { from: shortDate(report.from), to: shortDate(report.to) })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" safe>
                      {key('columns.unit')}
                    </th>
                    <th scope="col" safe>
                      {key('columns.role')}
                    </th>
                    <th scope="col" safe>
                      {key('columns.hosts')}
                    </th>
                    {numeric.map((c) => (
                      <th scope="col" class="numeric" safe>
                        {key(`columns.${c}`)}
                      </th>
                    ))}
                    <th scope="col" safe>
                      {key('columns.verdict')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((row) => (
                    <tr>
                      <th scope="row" data-label={key('columns.unit')} safe>
                        {row.unit.name}
                      </th>
                      <td data-label={key('columns.role')} safe>
                        {t(`reception.hostRoles.${row.hostRole}`)}
                      </td>
                      <td data-label={key('columns.hosts')} safe>
                        {row.hosts.length > 0 ? row.hosts.join(', ') : t('reception.pages.none')}
                      </td>
                      <td class="numeric" data-label={key('columns.required')} safe>
                        {String(row.required)}
                      </td>
                      <td class="numeric" data-label={key('columns.scheduled')} safe>
                        {String(row.scheduled)}
                      </td>
                      <td class="numeric" data-label={key('columns.held')} safe>
                        {String(row.held)}
                      </td>
                      <td class="numeric" data-label={key('columns.cancelled')} safe>
                        {String(row.cancelled)}
                      </td>
                      <td class="numeric" data-label={key('columns.covered')} safe>
                        {String(row.covered)}
                      </td>
                      <td data-label={key('columns.verdict')}>
                        <Verdict ctx={ctx} row={row} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p class="inset" safe>
            {key('explain')}
          </p>
        </>
      ) : (
        ''
      )}
    </Layout>
  )
}
