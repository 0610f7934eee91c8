/**
 * Days off of a year for civil servants: statutory holidays, compensatory days, the government's
 * yearly schedule and an administrator's edits, layered in that order.
 *
 * Legal basis:
 * - Labor Code 2019 (45/2019/QH14) Art. 112(1): 1 January; Tết, 5 days; Hùng Kings' day (10th of
 *   the 3rd lunar month); 30 April; 1 May; 2 September plus one adjacent day (before or after).
 *   Before 2021 (Labor Code 2012) National Day was 2 September alone, so the adjacent day starts in 2021.
 * - Art. 111(3): a holiday that falls on a weekly day off gives a compensatory day (nghỉ bù) on the
 *   next working day.
 * - Art. 112(3): the Prime Minister fixes the exact Tết days and National Day's adjacent day each
 *   year; the government may also swap working days for civil servants (data in
 *   `government-schedules.ts`).
 *
 * Default rule, for a year with no announced schedule:
 * - Tết = the last day of the old lunar year (30 tháng Chạp, or 29 when the month has 29 days)
 *   plus days 1–4 of the new year — the plan chosen in most recent years (2020–2024, 2026);
 * - National Day's adjacent day is 3 September when 2 September is a Monday or a Thursday, and
 *   1 September otherwise. This reproduces every announced year since the rule began (2021: Thu →
 *   3/9; 2022: Fri → 1/9; 2023: Sat → 1/9; 2024: Mon → 3/9; 2025: Tue → 1/9; 2026: Wed → 1/9), and
 *   it joins the two days to a weekend whenever one day can;
 * - compensatory days are computed; no weekday is swapped.
 * Not included: Vietnam Culture Day (24 November), which the Politburo decided should become a
 * paid holiday (Resolution 80-NQ/TW, 2026) but which the Labor Code did not yet list; an
 * administrator can add it as a day off until the law is amended.
 */
import {
  SATURDAY,
  SUNDAY,
  addDays,
  formatCivilDate,
  fromEpochDay,
  parseCivilDate,
  toEpochDay,
  weekdayOfEpochDay,
} from './civil-date.ts'
import type { CivilDate } from './civil-date.ts'
import { GOVERNMENT_SCHEDULES } from './government-schedules.ts'
import type { GovernmentSchedule, NamedDate } from './government-schedules.ts'
import { MAX_LUNAR_YEAR, MIN_LUNAR_YEAR, fromLunar, lunarMonthName, lunarNewYearsEve, lunarYearName, tetDate, toLunar } from './lunar.ts'

/** Why a day is off: a statutory holiday, a compensatory day (nghỉ bù), or a government or administrator decision. */
export type DayOffKind = 'holiday' | 'compensatory' | 'government'

/** A day off with its reason. */
export interface DayOff {
  /** `YYYY-MM-DD`. */
  readonly date: string
  readonly kind: DayOffKind
  readonly name: string
  readonly nameEn: string
}

/** A day normally off (a weekend day) that is worked, with its reason. */
export interface ExtraWorkingDay {
  /** `YYYY-MM-DD`. */
  readonly date: string
  readonly name: string
  readonly nameEn: string
}

/** The published schedule of a year: days off that are not ordinary weekend days, and extra working days. */
export interface YearSchedule {
  readonly year: number
  readonly daysOff: readonly DayOff[]
  readonly extraWorkingDays: readonly ExtraWorkingDay[]
}

/**
 * One stored administrator edit, shaped as a database row (date, kind, name, nameEn).
 *
 * A row decides the status of its date whatever was computed: `day_off` makes the day off (kind
 * 'government' in the output), `working_day` makes it worked. So a row of the opposite kind also
 * removes a computed entry — e.g. `working_day` on a shipped swap day cancels the swap.
 */
export interface ScheduleOverride {
  /** `YYYY-MM-DD`. */
  readonly date: string
  readonly kind: 'day_off' | 'working_day'
  readonly name: string
  readonly nameEn: string
}

/**
 * Everything off or worked against the default week in a year, before hiding weekend days:
 * `daysOff` here still holds holidays that fall on a Saturday or Sunday, which matter to units
 * that work Saturday mornings and explain the compensatory days.
 */
export interface ResolvedYear {
  readonly year: number
  readonly daysOff: readonly DayOff[]
  readonly extraWorkingDays: readonly ExtraWorkingDay[]
}

/** First year the Labor Code 2019 gave National Day a second day. */
const NATIONAL_DAY_TWO_DAYS_FROM = 2021

const VI_WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'] as const
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const
const EN_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const

function isWeekend(epochDay: number): boolean {
  const weekday = weekdayOfEpochDay(epochDay)
  return weekday === SATURDAY || weekday === SUNDAY
}

function englishOrdinal(n: number): string {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  const suffix = n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th'
  return `${n}${suffix}`
}

/** Names a Tết day by its lunar date, e.g. "Tết Nguyên đán (29 tháng Chạp)". */
function tetDay(date: CivilDate): DayOff {
  const lunar = toLunar(date)
  const dayVi = lunar.day <= 10 ? `mùng ${lunar.day}` : String(lunar.day)
  return {
    date: formatCivilDate(date),
    kind: 'holiday',
    name: `Tết Nguyên đán ${lunarYearName(date.year)} (${dayVi} ${lunarMonthName(lunar.month, lunar.leap)})`,
    nameEn: `Lunar New Year (Tết), ${englishOrdinal(lunar.day)} day of the ${englishOrdinal(lunar.month)} lunar month`,
  }
}

/** The default Tết: the last day of the old lunar year and days 1–4 of the new one. */
export function defaultTetDays(year: number): CivilDate[] {
  const eve = lunarNewYearsEve(year - 1)
  const first = tetDate(year)
  return [eve, first, addDays(first, 1), addDays(first, 2), addDays(first, 3)]
}

/** The default day that goes with 2 September: 3 September after a Monday or Thursday, else 1 September. */
export function defaultNationalDayAdjacentDay(year: number): 1 | 3 {
  const weekday = weekdayOfEpochDay(toEpochDay({ year, month: 9, day: 2 }))
  return weekday === 1 || weekday === 4 ? 3 : 1
}

/** The statutory holidays of a year (Art. 112(1)), whatever day of the week they fall on. */
export function statutoryHolidays(year: number, schedule?: GovernmentSchedule): DayOff[] {
  const holidays: DayOff[] = [
    { date: formatCivilDate({ year, month: 1, day: 1 }), kind: 'holiday', name: 'Tết Dương lịch', nameEn: "New Year's Day" },
  ]
  const tet = schedule?.tetDays?.map(parseCivilDate) ?? defaultTetDays(year)
  for (const date of tet) holidays.push(tetDay(date))
  holidays.push({
    date: formatCivilDate(fromLunar({ day: 10, month: 3, year, leap: false })),
    kind: 'holiday',
    name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
    nameEn: "Hùng Kings' Commemoration Day (10th day of the 3rd lunar month)",
  })
  holidays.push(
    {
      date: formatCivilDate({ year, month: 4, day: 30 }),
      kind: 'holiday',
      name: 'Ngày Chiến thắng (30/4)',
      nameEn: 'Reunification Day (30 April)',
    },
    {
      date: formatCivilDate({ year, month: 5, day: 1 }),
      kind: 'holiday',
      name: 'Ngày Quốc tế Lao động (1/5)',
      nameEn: 'International Labour Day (1 May)',
    },
    {
      date: formatCivilDate({ year, month: 9, day: 2 }),
      kind: 'holiday',
      name: 'Quốc khánh (2/9)',
      nameEn: 'National Day (2 September)',
    },
  )
  if (year >= NATIONAL_DAY_TWO_DAYS_FROM) {
    const adjacent = schedule?.nationalDayAdjacentDay ?? defaultNationalDayAdjacentDay(year)
    holidays.push({
      date: formatCivilDate({ year, month: 9, day: adjacent }),
      kind: 'holiday',
      name: `Quốc khánh (ngày liền kề ${adjacent}/9)`,
      nameEn: `National Day holiday (adjacent day, ${adjacent} September)`,
    })
  }
  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

/**
 * Compensatory days (Art. 111(3)) for holidays on a Saturday or Sunday: each goes to the first
 * weekday after it that is not a holiday, a government day off or an earlier compensatory day,
 * so a weekend inside a long holiday pushes its days to after the holiday.
 */
export function compensatoryDays(holidays: readonly DayOff[], otherDaysOff: ReadonlySet<number> = new Set()): DayOff[] {
  const taken = new Set<number>(otherDaysOff)
  for (const holiday of holidays) taken.add(toEpochDay(parseCivilDate(holiday.date)))
  const result: DayOff[] = []
  for (const holiday of holidays) {
    const day = toEpochDay(parseCivilDate(holiday.date))
    if (!isWeekend(day)) continue
    let candidate = day + 1
    while (isWeekend(candidate) || taken.has(candidate)) candidate += 1
    taken.add(candidate)
    const date = fromEpochDay(day)
    result.push({
      date: formatCivilDate(fromEpochDay(candidate)),
      kind: 'compensatory',
      name: `Nghỉ bù: ${holiday.name} trùng ${VI_WEEKDAYS[weekdayOfEpochDay(day)]} ${date.day}/${date.month}`,
      nameEn: `Day off in lieu: ${holiday.nameEn} fell on ${EN_WEEKDAYS[weekdayOfEpochDay(day)]} ${date.day} ${EN_MONTHS[date.month - 1]}`,
    })
  }
  return result
}

function assertScheduleYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_LUNAR_YEAR || year > MAX_LUNAR_YEAR) {
    throw new RangeError(`year must be an integer from ${MIN_LUNAR_YEAR} to ${MAX_LUNAR_YEAR}, got ${year}`)
  }
}

function assertDateInYear(entry: NamedDate | ScheduleOverride, year: number): number {
  const date = parseCivilDate(entry.date)
  if (date.year !== year) throw new RangeError(`${entry.date} is not in ${year}`)
  return toEpochDay(date)
}

/**
 * Resolves a year: statutory holidays (Tết and National Day as the government's schedule says,
 * else the default rule), compensatory days, the government's swapped days, then the
 * administrator's override rows for that year (rows of other years are ignored).
 */
export function resolveYear(
  year: number,
  overrides: readonly ScheduleOverride[] = [],
  schedules: Readonly<Record<number, GovernmentSchedule>> = GOVERNMENT_SCHEDULES,
): ResolvedYear {
  assertScheduleYear(year)
  const schedule = schedules[year]
  const holidays = statutoryHolidays(year, schedule)
  const governmentOff = new Map<number, DayOff>()
  for (const entry of schedule?.daysOff ?? []) {
    governmentOff.set(assertDateInYear(entry, year), { date: entry.date, kind: 'government', name: entry.name, nameEn: entry.nameEn })
  }
  const off = new Map<number, DayOff>()
  for (const holiday of holidays) off.set(toEpochDay(parseCivilDate(holiday.date)), holiday)
  for (const day of compensatoryDays(holidays, new Set(governmentOff.keys()))) {
    off.set(toEpochDay(parseCivilDate(day.date)), day)
  }
  for (const [day, entry] of governmentOff) off.set(day, entry)
  const worked = new Map<number, ExtraWorkingDay>()
  for (const entry of schedule?.workingDays ?? []) {
    const day = assertDateInYear(entry, year)
    off.delete(day)
    worked.set(day, { date: entry.date, name: entry.name, nameEn: entry.nameEn })
  }
  for (const row of overrides) {
    if (parseCivilDate(row.date).year !== year) continue
    const day = toEpochDay(parseCivilDate(row.date))
    if (row.kind === 'day_off') {
      worked.delete(day)
      off.set(day, { date: row.date, kind: 'government', name: row.name, nameEn: row.nameEn })
    } else {
      off.delete(day)
      if (isWeekend(day)) worked.set(day, { date: row.date, name: row.name, nameEn: row.nameEn })
    }
  }
  const byDate = <T extends { date: string }>(a: T, b: T): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)
  return {
    year,
    daysOff: [...off.values()].sort(byDate),
    extraWorkingDays: [...worked.values()].sort(byDate),
  }
}

/**
 * The schedule of a year as published by the CLI and API: every day off that is not an ordinary
 * weekend day, and every weekend day that is worked, each sorted by date.
 */
export function yearSchedule(year: number, overrides: readonly ScheduleOverride[] = []): YearSchedule {
  const resolved = resolveYear(year, overrides)
  return {
    year,
    daysOff: resolved.daysOff.filter((d) => !isWeekend(toEpochDay(parseCivilDate(d.date)))),
    extraWorkingDays: resolved.extraWorkingDays,
  }
}
