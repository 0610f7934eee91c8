/**
 * Instants in Vietnam's civil time (Asia/Ho_Chi_Minh).
 *
 * Vietnam has kept UTC+7 without daylight saving since 1975, so local time is a fixed offset and
 * is computed with integer arithmetic; `Intl` would be correct too but is far too slow for the
 * deadline engine's hot path. Instants before 1975 are still shown at +07:00.
 */
import { civilDate, formatCivilDate, fromEpochDay, isValidCivilDate, toEpochDay } from './civil-date.ts'
import type { CivilDate } from './civil-date.ts'

/** Vietnam's offset from UTC in milliseconds. */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000

/** Milliseconds in a civil day. */
export const DAY_MS = 86_400_000

const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?$/

function assertValidInstant(instant: Date): number {
  const ms = instant.getTime()
  if (!Number.isFinite(ms)) throw new RangeError('not a valid instant')
  return ms
}

/** The local (UTC+7) date of an instant. */
export function localDateOf(instant: Date): CivilDate {
  const ms = assertValidInstant(instant)
  return fromEpochDay(Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS))
}

/** The instant of a local date and time of day, given in minutes after local midnight. */
export function instantOf(date: CivilDate, minutesAfterMidnight = 0): Date {
  if (!isValidCivilDate(date.year, date.month, date.day)) {
    throw new RangeError(`not a valid date: ${date.year}-${date.month}-${date.day}`)
  }
  return new Date(toEpochDay(date) * DAY_MS + minutesAfterMidnight * 60_000 - VIETNAM_OFFSET_MS)
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/**
 * Prints an instant in Vietnam time with its offset, e.g. `2026-05-04T17:00:00+07:00`;
 * milliseconds appear only when not zero.
 */
export function formatInstant(instant: Date): string {
  const local = assertValidInstant(instant) + VIETNAM_OFFSET_MS
  const day = Math.floor(local / DAY_MS)
  let rest = local - day * DAY_MS
  const hours = Math.floor(rest / 3_600_000)
  rest -= hours * 3_600_000
  const minutes = Math.floor(rest / 60_000)
  rest -= minutes * 60_000
  const seconds = Math.floor(rest / 1000)
  const millis = rest - seconds * 1000
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`
  return `${formatCivilDate(fromEpochDay(day))}T${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds)}${fraction}+07:00`
}

/**
 * Parses an ISO-8601 instant `YYYY-MM-DDTHH:MM[:SS[.sss]][Z|±HH:MM]`, strictly; without an offset
 * the time is read as Vietnam time, the natural reading for people entering a receipt time.
 * Throws a RangeError that says what is wrong.
 */
export function parseInstant(text: string): Date {
  const match = INSTANT_PATTERN.exec(text)
  if (match === null) throw new RangeError(`expected an instant like 2026-05-04T08:30:00+07:00, got "${text}"`)
  const [, y, mo, d, h, mi, s, frac, zone] = match
  const date = civilDate(Number(y), Number(mo), Number(d))
  const hours = Number(h)
  const minutes = Number(mi)
  const seconds = s === undefined ? 0 : Number(s)
  if (hours > 23 || minutes > 59 || seconds > 59) throw new RangeError(`not a valid time of day in "${text}"`)
  const millis = frac === undefined ? 0 : Number(frac.padEnd(3, '0'))
  let offsetMs = VIETNAM_OFFSET_MS
  if (zone === 'Z') offsetMs = 0
  else if (zone !== undefined) {
    const zoneHours = Number(zone.slice(1, 3))
    const zoneMinutes = Number(zone.slice(4, 6))
    if (zoneHours > 23 || zoneMinutes > 59) throw new RangeError(`not a valid UTC offset in "${text}"`)
    offsetMs = (zone[0] === '-' ? -1 : 1) * (zoneHours * 3_600_000 + zoneMinutes * 60_000)
  }
  const local = toEpochDay(date) * DAY_MS + hours * 3_600_000 + minutes * 60_000 + seconds * 1000 + millis
  return new Date(local - offsetMs)
}
