/** The public reception schedule (/tiep-cong-dan): who receives citizens, when and where, from today on. */
import { Button, SelectField, StatusTag, Table } from '../../../views/components.tsx'
import type { Choice } from '../../../views/components.tsx'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { PublicReceptionDay } from '../reception.service.ts'
import { longDate, PUBLIC_SCHEDULE_PATH } from './reception-format.ts'

/** Props of the public schedule. */
export interface PublicSchedulePageProps {
  readonly ctx: PageContext
  readonly units: readonly Choice[]
  /** The chosen unit's code, or ''. */
  readonly unit: string
  readonly days: readonly PublicReceptionDay[]
  /** How many days ahead the list reaches. */
  readonly daysAhead: number
}

/** The public schedule page. */
export function PublicSchedulePage(props: PublicSchedulePageProps): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  const key = (name: string, values?: Record<string, string | number>) => t(`reception.pages.public.${name}`, values)
  const columns = [key('day'), key('hours'), key('host'), key('unit'), key('venue'), key('status')]
  return (
    <Layout ctx={ctx} title={key('title')}>
      <h1 class="heading-l" safe>
        {key('title')}
      </h1>
      <p class="lead" safe>
        {key('lead', { days: props.daysAhead })}
      </p>
      <div class="inset">
        <p safe>{key('lawChair')}</p>
        <p safe>{key('lawSecretary')}</p>
        <p safe>{key('bring')}</p>
      </div>
      {props.units.length > 1 ? (
        <form class="filter" method="get" action={PUBLIC_SCHEDULE_PATH} role="search" aria-label={key('filter')}>
          <SelectField ctx={ctx} name="unit" label={key('unit')} value={props.unit} placeholder={key('unitAll')} choices={props.units} />
          <Button text={key('show')} variant="secondary" />
        </form>
      ) : (
        ''
      )}
      <Table caption={key('title')} isCaptionHidden columns={columns.map((text) => ({ text }))} rowCount={props.days.length} emptyText={key('empty')} isStackedOnMobile>
        {props.days.map((d) => (
          <tr>
            <td data-label={columns[0]} safe>
              {longDate(t, d.day)}
            </td>
            <td data-label={columns[1]} class="nowrap" safe>
              {`${d.starts}–${d.ends}`}
            </td>
            <td data-label={columns[2]}>
              <span safe>{d.hostName}</span>
              <span class="cell-secondary" safe>
                {t(`reception.hostRoles.${d.hostRole}`)}
              </span>
            </td>
            <td data-label={columns[3]} safe>
              {d.unit.name}
            </td>
            <td data-label={columns[4]} safe>
              {d.venue}
            </td>
            <td data-label={columns[5]}>
              {d.status === 'cancelled' ? <StatusTag tone="grey" text={t('reception.dayStatus.cancelled')} /> : <StatusTag tone={d.status === 'held' ? 'green' : 'blue'} text={t(`reception.dayStatus.${d.status}`)} />}
            </td>
          </tr>
        ))}
      </Table>
    </Layout>
  )
}
