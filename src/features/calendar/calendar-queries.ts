/**
 * Parsing of the calendar's questions (holidays of a year, lunar date of a day, due instant of a
 * limit), shared by the API and the CLI so both accept and refuse exactly the same input.
 * Errors are RangeErrors naming the parameter; the edges turn them into a 400 or exit code 2.
 */
import { parseCivilDate } from './civil-date.ts'
import type { CivilDate } from './civil-date.ts'
import type { TimeLimit } from './deadline.ts'
import { parseInstant } from './vietnam-time.ts'

/** The years the calendar answers for (the lunar calendar is verified 1900–2100). */
export const MIN_YEAR = 1900
/** See MIN_YEAR. */
export const MAX_YEAR = 2100
/** Upper bounds that keep a computed due date within the supported years. */
export const MAX_LIMIT_DAYS = 3650
/** See MAX_LIMIT_DAYS. */
export const MAX_LIMIT_HOURS = 20_000

/** A parameter that could not be accepted, with the parameter's name. */
export class CalendarQueryError extends RangeError {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`)
    this.name = 'CalendarQueryError'
  }
}

/** Parses a year in the supported range. */
export function parseYear(text: string | undefined): number {
  if (text === undefined || !/^\d{4}$/.test(text)) throw new CalendarQueryError('year', `expected a four-digit year, got "${text ?? ''}"`)
  const year = Number(text)
  if (year < MIN_YEAR || year > MAX_YEAR) throw new CalendarQueryError('year', `must be between ${MIN_YEAR} and ${MAX_YEAR}`)
  return year
}

/** Parses a YYYY-MM-DD date in the supported years. */
export function parseDate(text: string | undefined, parameter = 'date'): CivilDate {
  let date: CivilDate
  try {
    date = parseCivilDate(text ?? '')
  } catch {
    throw new CalendarQueryError(parameter, `expected a date as YYYY-MM-DD, got "${text ?? ''}"`)
  }
  if (date.year < MIN_YEAR || date.year > MAX_YEAR) throw new CalendarQueryError(parameter, `year must be between ${MIN_YEAR} and ${MAX_YEAR}`)
  return date
}

/** Parses an ISO-8601 instant (no offset means Vietnam time) in the supported years. */
export function parseFrom(text: string | undefined): Date {
  let instant: Date
  try {
    instant = parseInstant(text ?? '')
  } catch (error) {
    throw new CalendarQueryError('from', error instanceof Error ? error.message : 'not an instant')
  }
  const year = new Date(instant.getTime() + 7 * 3_600_000).getUTCFullYear()
  if (year < MIN_YEAR || year >= MAX_YEAR) throw new CalendarQueryError('from', `year must be between ${MIN_YEAR} and ${MAX_YEAR - 1}`)
  return instant
}

/** Parses exactly one of days, hours or sameDay into a time limit. */
export function parseLimit(input: { days?: string; hours?: string; sameDay?: string | boolean }): TimeLimit {
  const given = (['days', 'hours', 'sameDay'] as const).filter((k) => input[k] !== undefined && input[k] !== false)
  if (given.length !== 1) throw new CalendarQueryError('limit', 'give exactly one of days, hours or sameDay')
  if (input.days !== undefined) {
    if (!/^\d+$/.test(input.days) || Number(input.days) < 1 || Number(input.days) > MAX_LIMIT_DAYS) {
      throw new CalendarQueryError('days', `must be a whole number from 1 to ${MAX_LIMIT_DAYS}`)
    }
    return { kind: 'days', days: Number(input.days) }
  }
  if (input.hours !== undefined) {
    if (!/^\d+$/.test(input.hours) || Number(input.hours) < 1 || Number(input.hours) > MAX_LIMIT_HOURS) {
      throw new CalendarQueryError('hours', `must be a whole number from 1 to ${MAX_LIMIT_HOURS}`)
    }
    return { kind: 'hours', hours: Number(input.hours) }
  }
  if (input.sameDay !== true && input.sameDay !== 'true' && input.sameDay !== '1' && input.sameDay !== '') {
    throw new CalendarQueryError('sameDay', 'must be true')
  }
  return { kind: 'sameDay' }
}
