/**
 * Plain calendar dates (no time, no zone) and the arithmetic the working-day calendar needs.
 *
 * Dates are counted as "epoch days" (days since 1970-01-01) with integer arithmetic, because
 * the deadline engine runs in hot loops where `Date` objects and string parsing would dominate.
 */

/** A proleptic Gregorian calendar date with no time of day and no time zone. */
export interface CivilDate {
  readonly year: number
  readonly month: number
  readonly day: number
}

/** Day of the week as JavaScript numbers it: 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6

/** Sunday, in the numbering of {@link Weekday}. */
export const SUNDAY = 0
/** Saturday, in the numbering of {@link Weekday}. */
export const SATURDAY = 6

const CIVIL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether the Gregorian year has a 29 February. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** Number of days in a Gregorian month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Whether the three numbers name a real Gregorian date (years 1–9999). */
export function isValidCivilDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  )
}

/** Builds a date, throwing a RangeError when it does not exist (e.g. 2026-02-30). */
export function civilDate(year: number, month: number, day: number): CivilDate {
  if (!isValidCivilDate(year, month, day)) {
    throw new RangeError(`not a valid date: ${year}-${month}-${day}`)
  }
  return { year, month, day }
}

/** Parses exactly `YYYY-MM-DD`, throwing a RangeError for any other text or a nonexistent date. */
export function parseCivilDate(text: string): CivilDate {
  const match = CIVIL_DATE_PATTERN.exec(text)
  if (match === null) throw new RangeError(`expected a date as YYYY-MM-DD, got "${text}"`)
  return civilDate(Number(match[1]), Number(match[2]), Number(match[3]))
}

/** Formats a date as `YYYY-MM-DD`. */
export function formatCivilDate(date: CivilDate): string {
  const y = String(date.year).padStart(4, '0')
  const m = date.month < 10 ? `0${date.month}` : String(date.month)
  const d = date.day < 10 ? `0${date.day}` : String(date.day)
  return `${y}-${m}-${d}`
}

/**
 * Days since 1970-01-01 (negative before it).
 *
 * Shifting the year to start in March puts the leap day at the end of the counting year, so the
 * day count of the months before a date follows one linear formula (153 days per 5 months).
 */
export function toEpochDay(date: CivilDate): number {
  return epochDayOf(date.year, date.month, date.day)
}

/** {@link toEpochDay} without building an object, for hot paths. */
export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const monthFromMarch = month > 2 ? month - 3 : month + 9
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146097 + dayOfEra - 719468
}

/** The inverse of {@link toEpochDay}. */
export function fromEpochDay(epochDay: number): CivilDate {
  const z = epochDay + 719468
  const era = Math.floor(z / 146097)
  const dayOfEra = z - era * 146097
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return { year, month, day }
}

/** The date `days` days after (or before, when negative) the given one. */
export function addDays(date: CivilDate, days: number): CivilDate {
  return fromEpochDay(toEpochDay(date) + days)
}

/** Day of the week of an epoch day (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(epochDay: number): Weekday {
  return (((epochDay + 4) % 7) + 7) % 7 as Weekday
}

/** Day of the week of a date: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CivilDate): Weekday {
  return weekdayOfEpochDay(toEpochDay(date))
}

/** Orders two dates: negative when a is earlier, 0 when equal, positive when later. */
export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day
}

/** Number of days from a to b (positive when b is later). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return toEpochDay(b) - toEpochDay(a)
}

/** Whether the two dates are the same day. */
export function isSameCivilDate(a: CivilDate, b: CivilDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day
}
