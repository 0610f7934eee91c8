/** The public month grid: working days, days off with their names, and each day's lunar date. */
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'

/** One day of the grid. */
export interface MonthDay {
  readonly date: string
  readonly day: number
  readonly weekday: number
  readonly isWorking: boolean
  /** Only Saturday morning is worked (a unit's setting). */
  readonly isMorningOnly: boolean
  readonly isToday: boolean
  readonly offName: string | null
  readonly extraWorkingName: string | null
  readonly lunarText: string
  readonly lunarLabel: string
}

/** What the month page shows. */
export interface MonthView {
  readonly year: number
  readonly month: number
  readonly days: readonly MonthDay[]
  readonly previous: string
  readonly next: string
  readonly unitCode: string | null
  readonly units: readonly { code: string; name: string }[]
  readonly lunarYearName: string
}

// Monday first, as Vietnamese office calendars print it.
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const

/** The month page. */
export function MonthPage(props: { ctx: PageContext; view: MonthView }): JSX.Element {
  const { ctx, view } = props
  const t = ctx.t
  const title = t('calendar.page.title', { month: view.month, year: view.year })
  const leading = (view.days[0]!.weekday + 6) % 7
  const cells: (MonthDay | null)[] = [...Array.from({ length: leading }, () => null), ...view.days]
  while (cells.length % 7 !== 0) cells.push(null)
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7))
  const unitQuery = view.unitCode ? `&unit=${encodeURIComponent(view.unitCode)}` : ''
  const special = view.days.filter((d) => d.offName || d.extraWorkingName)
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="heading-xl" safe>
        {title}
      </h1>
      <p class="lead" safe>
        {t('calendar.page.lead', { yearName: view.lunarYearName })}
      </p>
      <form method="get" action="/lich-lam-viec" class="calendar-controls">
        <input type="hidden" name="month" value={`${view.year}-${String(view.month).padStart(2, '0')}`} />
        <label class="label" for="calendar-unit" safe>
          {t('calendar.page.unit')}
        </label>
        <select id="calendar-unit" name="unit" class="select">
          <option value="" selected={view.unitCode === null} safe>
            {t('calendar.page.defaultUnit')}
          </option>
          {view.units.map((u) => (
            <option value={u.code} selected={u.code === view.unitCode} safe>
              {u.name}
            </option>
          ))}
        </select>
        <button type="submit" class="button button--secondary" safe>
          {t('calendar.page.show')}
        </button>
      </form>
      <nav class="calendar-nav" aria-label={t('calendar.page.navLabel')}>
        <a href={`/lich-lam-viec?month=${view.previous}${unitQuery}`} rel="prev" safe>
          {t('calendar.page.previous')}
        </a>
        <a href={`/lich-lam-viec?month=${view.next}${unitQuery}`} rel="next" safe>
          {t('calendar.page.next')}
        </a>
      </nav>
      <div class="calendar-scroll">
        <table class="calendar">
          <caption class="visually-hidden" safe>
            {title}
          </caption>
          <thead>
            <tr>
              {WEEK_ORDER.map((weekday) => (
                <th scope="col">
                  <abbr title={t(`calendar.weekday.${weekday}`)} safe>
                    {t(`calendar.weekdayShort.${weekday}`)}
                  </abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr>
                {week.map((day) =>
                  day === null ? (
                    <td class="calendar-day calendar-day--empty" />
                  ) : (
                    <td
                      class={[
                        'calendar-day',
                        day.isWorking ? (day.isMorningOnly ? 'calendar-day--morning' : 'calendar-day--work') : 'calendar-day--off',
                        day.offName ? 'calendar-day--holiday' : '',
                        day.isToday ? 'calendar-day--today' : '',
                      ]}
                    >
                      <span class="calendar-date">
                        <time datetime={day.date} safe>
                          {String(day.day)}
                        </time>
                      </span>
                      <span class="calendar-lunar" title={day.lunarLabel} safe>
                        {day.lunarText}
                      </span>
                      <span class="calendar-kind" safe>
                        {day.offName ?? day.extraWorkingName ?? (day.isWorking ? (day.isMorningOnly ? t('calendar.page.morning') : '') : t('calendar.page.weekend'))}
                      </span>
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="heading-m" safe>
        {t('calendar.page.listTitle')}
      </h2>
      {special.length === 0 ? (
        <p safe>{t('calendar.page.none')}</p>
      ) : (
        <ul class="list">
          {special.map((d) => (
            <li>
              <time datetime={d.date} safe>
                {`${String(d.day).padStart(2, '0')}/${String(view.month).padStart(2, '0')}/${view.year}`}
              </time>
              {': '}
              <span safe>{d.offName ? t('calendar.page.dayOff', { name: d.offName }) : t('calendar.page.extraWorking', { name: d.extraWorkingName ?? '' })}</span>
            </li>
          ))}
        </ul>
      )}
      <p class="body-secondary">
        <span safe>{t('calendar.page.api')}</span>{' '}
        <a href={`/api/v1/calendar/holidays?year=${view.year}`} safe>
          {`/api/v1/calendar/holidays?year=${view.year}`}
        </a>
      </p>
    </Layout>
  )
}
