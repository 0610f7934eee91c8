/**
 * The deadline engine: due instants of time limits counted in working days or hours, working time
 * elapsed, and the early / on time / late / due soon classification.
 *
 * Instants are JavaScript `Date`s (UTC); reasoning is in Vietnam time (fixed UTC+7) with plain
 * arithmetic, and day questions are answered from the calendar's day tables, so a computation is
 * a few array reads (about a million per second or more).
 *
 * Legal basis of the rules:
 * - Time limits run "from receipt of a complete, valid dossier" (Decree 61/2018/NĐ-CP Art. 2;
 *   Decree 118/2025/NĐ-CP from 1 July 2025) and are counted in working days unless the procedure
 *   says hours or "within the day".
 * - A dossier received after the afternoon cut-off (15:00 by default, a setting: Decree 61 Art. 19
 *   lets the one-stop desk pass late dossiers on the next working day), or outside working time,
 *   counts as received at the start of the next working day.
 * - Civil Code 2015 Art. 147(2): when a period is in days, the day of the event is not counted, so
 *   the period starts the next day.
 * - Civil Code 2015 Art. 148(5): a period whose last day is a day off ends at the end of the next
 *   working day; counting working days, as here, gives that result directly.
 */
import type { CalendarSettings, DayTable, WorkingCalendar } from './working-calendar.ts'
import { DAY_MS, VIETNAM_OFFSET_MS } from './vietnam-time.ts'

// The instant helpers live with Vietnam time; re-exported here because every deadline is printed with them.
export { formatInstant, parseInstant } from './vietnam-time.ts'

/** A time limit: N working days, N working hours, or within the day of receipt. */
export type TimeLimit =
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'hours'; readonly hours: number }
  | { readonly kind: 'sameDay' }

/** Where a dossier stands against its due instant. */
export type DueStatus = 'early' | 'on_time' | 'late' | 'due_soon' | 'open'

/** Inputs of {@link classify}. */
export interface ClassifyInput {
  readonly dueAt: Date
  /** When the result was ready; absent or null while the dossier is open. */
  readonly finishedAt?: Date | null
  readonly now: Date
  /** Overrides the calendar's own setting. */
  readonly settings?: Partial<Pick<CalendarSettings, 'dueSoonWorkingDays'>>
}

const HOUR_MS = 3_600_000
const MINUTE_MS = 60_000
/** Calendar days looked ahead per working day when sizing a table: weekends plus a Tết's worth of slack. */
const DAYS_PER_WORKING_DAY = 1.5
const LOOKAHEAD_SLACK_DAYS = 40

function millisOf(instant: Date, what: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid instant`)
  return ms
}

/** A working day of the table (by index) and the millisecond of that local day work starts from. */
interface Start {
  readonly table: DayTable
  readonly index: number
  readonly msOfDay: number
  /** Whether the receipt day itself counts as the day of receipt (before the cut-off, in office time). */
  readonly isSameDay: boolean
}

/**
 * Applies the cut-off and office hours to a receipt instant: on a working day, before the cut-off
 * and before the end of office hours, the receipt stands; otherwise it moves to the start of the
 * next working day.
 */
function startOf(calendar: WorkingCalendar, receivedMs: number, lookaheadDays: number): Start {
  const local = receivedMs + VIETNAM_OFFSET_MS
  const day = Math.floor(local / DAY_MS)
  const msOfDay = local - day * DAY_MS
  let table = calendar.tableCovering(day, day + lookaheadDays)
  let index = day - table.firstDay
  const kind = table.kinds[index]!
  if (kind !== 0 && msOfDay < calendar.cutoffMs && msOfDay < calendar.lastEndMs[kind]!) {
    return { table, index, msOfDay, isSameDay: true }
  }
  let ordinal = table.workOrdinal[index + 1]!
  while (ordinal >= table.workingIndex.length) {
    table = calendar.tableCovering(day, table.firstDay + table.length + 366)
    index = day - table.firstDay
    ordinal = table.workOrdinal[index + 1]!
  }
  const next = table.workingIndex[ordinal]!
  return { table, index: next, msOfDay: calendar.firstStartMs[table.kinds[next]!]!, isSameDay: false }
}

/** The instant at the end of office hours of the table's day. */
function endOfOfficeHours(calendar: WorkingCalendar, table: DayTable, index: number): Date {
  return new Date((table.firstDay + index) * DAY_MS + calendar.lastEndMs[table.kinds[index]!]! - VIETNAM_OFFSET_MS)
}

/** Working milliseconds of a day before the given millisecond of it. */
function workBefore(calendar: WorkingCalendar, kind: number, msOfDay: number): number {
  const intervals = calendar.intervalsMs[kind]!
  let sum = 0
  for (let i = 0; i < intervals.length; i += 2) {
    const start = intervals[i]!
    if (msOfDay <= start) break
    const end = intervals[i + 1]!
    sum += (msOfDay < end ? msOfDay : end) - start
  }
  return sum
}

/**
 * The receipt instant after the cut-off and office-hours rule: unchanged when it counts as received
 * that day, else the start of office hours of the next working day.
 */
export function effectiveReceipt(calendar: WorkingCalendar, receivedAt: Date): Date {
  const receivedMs = millisOf(receivedAt, 'receivedAt')
  const start = startOf(calendar, receivedMs, 1)
  if (start.isSameDay) return new Date(receivedMs)
  return new Date((start.table.firstDay + start.index) * DAY_MS + start.msOfDay - VIETNAM_OFFSET_MS)
}

/**
 * The due instant of a time limit for a dossier received at `receivedAt`.
 *
 * - `days` (N ≥ 1, whole): the receipt day (after the cut-off rule) is not counted (Civil Code
 *   Art. 147(2)); the dossier is due at the end of office hours of the Nth working day after it.
 *   Days off are skipped, so a period cannot end on one (Art. 148(5)). Example: received Friday
 *   14:00, 3 days → Wednesday 17:00; received Monday 15:30 (after the cut-off, so received
 *   Tuesday), 1 day → Wednesday 17:00.
 * - `hours` (N > 0): N hours of office time counted from the receipt instant (after the cut-off
 *   rule), skipping lunch breaks, nights and days off; a limit that ends exactly at the end of an
 *   office interval is due then (11:30, not 13:30).
 * - `sameDay` ("trong ngày"): the end of office hours of the receipt day, or of the next working
 *   day when received after the cut-off or outside working time.
 * On a unit that works Saturday mornings, a worked Saturday is a working day that ends at the end
 * of its morning hours.
 */
export function computeDue(calendar: WorkingCalendar, receivedAt: Date, limit: TimeLimit): Date {
  const receivedMs = millisOf(receivedAt, 'receivedAt')
  switch (limit.kind) {
    case 'sameDay': {
      const start = startOf(calendar, receivedMs, 1)
      return endOfOfficeHours(calendar, start.table, start.index)
    }
    case 'days': {
      const days = limit.days
      if (!Number.isInteger(days) || days < 1) throw new RangeError(`a limit in days must be a whole number ≥ 1, got ${days}`)
      const lookahead = Math.ceil(days * DAYS_PER_WORKING_DAY) + LOOKAHEAD_SLACK_DAYS
      const start = startOf(calendar, receivedMs, lookahead)
      let table = start.table
      let index = start.index
      let dueOrdinal = table.workOrdinal[index]! + days
      while (dueOrdinal >= table.workingIndex.length) {
        const day = table.firstDay + index
        table = calendar.tableCovering(day, table.firstDay + table.length + 366)
        index = day - table.firstDay
        dueOrdinal = table.workOrdinal[index]! + days
      }
      return endOfOfficeHours(calendar, table, table.workingIndex[dueOrdinal]!)
    }
    case 'hours': {
      const hours = limit.hours
      if (!Number.isFinite(hours) || hours <= 0) throw new RangeError(`a limit in hours must be > 0, got ${hours}`)
      const lookahead = Math.ceil(hours / 8 * DAYS_PER_WORKING_DAY) + LOOKAHEAD_SLACK_DAYS
      const start = startOf(calendar, receivedMs, lookahead)
      let table = start.table
      let index = start.index
      const startDay = table.firstDay + index
      const offset = workBefore(calendar, table.kinds[index]!, start.msOfDay)
      let target = table.cumulativeWorkMs[index]! + offset + Math.round(hours * HOUR_MS)
      while (table.cumulativeWorkMs[table.length]! < target) {
        table = calendar.tableCovering(startDay, table.firstDay + table.length + 366)
        index = startDay - table.firstDay
        target = table.cumulativeWorkMs[index]! + offset + Math.round(hours * HOUR_MS)
      }
      // Smallest day j whose work completes the target: cumulative[j + 1] ≥ target.
      let low = index
      let high = table.length - 1
      const cumulative = table.cumulativeWorkMs
      while (low < high) {
        const mid = (low + high) >>> 1
        if (cumulative[mid + 1]! >= target) high = mid
        else low = mid + 1
      }
      let remaining = target - cumulative[low]!
      const intervals = calendar.intervalsMs[table.kinds[low]!]!
      for (let i = 0; i < intervals.length; i += 2) {
        const length = intervals[i + 1]! - intervals[i]!
        if (remaining <= length) {
          return new Date((table.firstDay + low) * DAY_MS + intervals[i]! + remaining - VIETNAM_OFFSET_MS)
        }
        remaining -= length
      }
      throw new Error('unreachable: the day table promised enough working time')
    }
    default: {
      const unknown: never = limit
      throw new RangeError(`unknown time limit ${JSON.stringify(unknown)}`)
    }
  }
}

/** Working milliseconds since the table's first day up to an instant. */
function workUpTo(calendar: WorkingCalendar, table: DayTable, ms: number): number {
  const local = ms + VIETNAM_OFFSET_MS
  const day = Math.floor(local / DAY_MS)
  const index = day - table.firstDay
  return table.cumulativeWorkMs[index]! + workBefore(calendar, table.kinds[index]!, local - day * DAY_MS)
}

/**
 * Working minutes between two instants: only office-hour minutes of working days count. Negative
 * when `to` is before `from`, so that (a→b) + (b→c) = (a→c) always holds.
 */
export function workingTimeBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  const fromMs = millisOf(from, 'from')
  const toMs = millisOf(to, 'to')
  const fromDay = Math.floor((Math.min(fromMs, toMs) + VIETNAM_OFFSET_MS) / DAY_MS)
  const toDay = Math.floor((Math.max(fromMs, toMs) + VIETNAM_OFFSET_MS) / DAY_MS)
  const table = calendar.tableCovering(fromDay, toDay)
  return (workUpTo(calendar, table, toMs) - workUpTo(calendar, table, fromMs)) / MINUTE_MS
}

/**
 * Classifies a dossier against its due instant (the labels of Circular 01/2018's evaluation:
 * trước hạn / đúng hạn / quá hạn):
 * - finished after `dueAt` → 'late';
 * - finished on a local day before the due instant's day → 'early';
 * - finished on the due day, at or before `dueAt` → 'on_time';
 * - open and `now` after `dueAt` → 'late';
 * - open and the due day is today or one of the next N working days (N = dueSoonWorkingDays,
 *   1 by default: due today or on the next working day) → 'due_soon', leaving time for the
 *   apology letter that Decree 61 requires before the deadline;
 * - otherwise → 'open'.
 */
export function classify(calendar: WorkingCalendar, input: ClassifyInput): DueStatus {
  const dueMs = millisOf(input.dueAt, 'dueAt')
  const dueDay = Math.floor((dueMs + VIETNAM_OFFSET_MS) / DAY_MS)
  if (input.finishedAt !== undefined && input.finishedAt !== null) {
    const finishedMs = millisOf(input.finishedAt, 'finishedAt')
    if (finishedMs > dueMs) return 'late'
    return Math.floor((finishedMs + VIETNAM_OFFSET_MS) / DAY_MS) < dueDay ? 'early' : 'on_time'
  }
  const nowMs = millisOf(input.now, 'now')
  if (nowMs > dueMs) return 'late'
  const dueSoonDays = input.settings?.dueSoonWorkingDays ?? calendar.settings.dueSoonWorkingDays
  if (!Number.isInteger(dueSoonDays) || dueSoonDays < 0) throw new RangeError('dueSoonWorkingDays must be a whole number ≥ 0')
  const today = Math.floor((nowMs + VIETNAM_OFFSET_MS) / DAY_MS)
  const table = calendar.tableCovering(today, dueDay + 1)
  const workingDaysAfterToday = table.workOrdinal[dueDay + 1 - table.firstDay]! - table.workOrdinal[today + 1 - table.firstDay]!
  return workingDaysAfterToday <= dueSoonDays ? 'due_soon' : 'open'
}

