/** HTML routes of the calendar: the public month grid. */
import type { App, FeatureDeps } from '../../app.ts'
import { BadRequestError } from '../../platform/http/errors.ts'
import { createPageSupport, sendPage } from '../../views/page.ts'
import * as units from '../units/index.ts'
import { civilDate, dayOfWeek, daysInMonth, formatCivilDate } from './civil-date.ts'
import { lunarMonthName, lunarYearName, toLunar } from './lunar.ts'
import { localDateOf } from './vietnam-time.ts'
import { MonthPage } from './views/month.tsx'
import type { MonthDay } from './views/month.tsx'

/** Parses `YYYY-MM` (1900–2100), or the current Vietnam month when absent. */
function parseMonth(text: string | undefined, now: Date): { year: number; month: number } {
  if (text === undefined || text === '') {
    const today = localDateOf(now)
    return { year: today.year, month: today.month }
  }
  const match = /^(\d{4})-(\d{2})$/.exec(text)
  const year = Number(match?.[1])
  const month = Number(match?.[2])
  if (!match || month < 1 || month > 12 || year < 1900 || year > 2100) throw new BadRequestError('calendar.errors.query.month', { month: 'calendar.errors.query.month' })
  return { year, month }
}

/** Registers the month page. */
export function registerCalendarPages(app: App, deps: FeatureDeps): void {
  const pages = createPageSupport({ appSecret: deps.config.sessionSecret, isSecureCookie: deps.config.isSecureCookie, loadHomeUnit: () => units.getHomeUnit(deps) })

  app.get<{ Querystring: { month?: string; unit?: string } }>('/lich-lam-viec', { schema: { hide: true } }, async (req, reply) => {
    const { year, month } = parseMonth(req.query.month, deps.clock.now())
    const unit = req.query.unit ? await units.getUnitByCode(deps, req.query.unit) : null
    const calendar = await deps.calendar.calendarFor(unit?.id ?? null)
    const schedule = calendar.schedule(year)
    const offNames = new Map(schedule.daysOff.map((d) => [d.date, req.locale === 'en' ? d.nameEn : d.name]))
    const workNames = new Map(schedule.extraWorkingDays.map((d) => [d.date, req.locale === 'en' ? d.nameEn : d.name]))
    const today = formatCivilDate(localDateOf(deps.clock.now()))
    const days: MonthDay[] = []
    for (let day = 1; day <= daysInMonth(year, month); day++) {
      const date = civilDate(year, month, day)
      const text = formatCivilDate(date)
      const lunar = toLunar(date)
      const intervals = calendar.workingIntervals(date)
      const isWorking = intervals.length > 0
      days.push({
        date: text,
        day,
        weekday: dayOfWeek(date),
        isWorking,
        isMorningOnly: isWorking && intervals.every((i) => i.endMinute <= 12 * 60),
        isToday: text === today,
        offName: offNames.get(text) ?? null,
        extraWorkingName: workNames.get(text) ?? null,
        // The first day of a lunar month shows its month, as printed calendars do.
        lunarText: lunar.day === 1 ? `${lunar.day}/${lunar.month}${lunar.leap ? 'N' : ''}` : String(lunar.day),
        lunarLabel: req.t('calendar.page.lunarLabel', { day: lunar.day, month: lunarMonthName(lunar.month, lunar.leap), year: lunarYearName(lunar.year) }),
      })
    }
    const previous = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`
    const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`
    const [ctx, unitList] = await Promise.all([pages.context(req, reply), units.listPublicUnits(deps)])
    return sendPage(
      reply,
      <MonthPage
        ctx={ctx}
        view={{
          year,
          month,
          days,
          previous: year === 1900 && month === 1 ? `${year}-01` : previous,
          next: year === 2100 && month === 12 ? `${year}-12` : next,
          unitCode: unit?.code ?? null,
          units: unitList.map((u) => ({ code: u.code, name: u.name })),
          // A month can span two lunar years (the one with Tết): name both.
          lunarYearName: [...new Set([1, daysInMonth(year, month)].map((d) => lunarYearName(toLunar(civilDate(year, month, d)).year)))].join(' – '),
        }}
      />,
    )
  })
}
