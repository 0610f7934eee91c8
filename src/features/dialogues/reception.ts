/**
 * Citizen reception (tiếp công dân): the pure rules, with no I/O.
 *
 * - Leaders receive citizens on reception days (ngày tiếp công dân). Law on Citizen Reception
 *   42/2013/QH13 Art. 15(2)(d): the chair of a commune-level People's Committee receives citizens
 *   at the committee's seat at least one day a week. Party Regulation 11-QĐi/TW (2019, kept by
 *   Conclusion 215 of 2025): the head of a commune Party committee receives citizens at least two
 *   days a month. Deputies receive too, but no minimum applies to them.
 * - Every matter received goes into the register (sổ tiếp công dân). Law 42/2013 Art. 28: within
 *   10 working days of receiving a matter, the citizen is told whether it is accepted, extended,
 *   refused or transferred.
 * Calendars come in as the small {@link WorkingDays} interface, so these rules run without a database.
 */
import { addDays, dayOfWeek, formatCivilDate, fromEpochDay, instantOf, isValidCivilDate, localDateOf, parseCivilDate, toEpochDay } from '../calendar/index.ts'
import type { CivilDate, Weekday } from '../calendar/index.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'

/** Who receives: the People's Committee chair, the Party committee's secretary, or a deputy. */
export const HOST_ROLES = ['chair', 'party_secretary', 'deputy'] as const
/** One of HOST_ROLES. */
export type HostRole = (typeof HOST_ROLES)[number]

/** Where a reception day stands. */
export const DAY_STATUSES = ['scheduled', 'held', 'cancelled'] as const
/** One of DAY_STATUSES. */
export type DayStatus = (typeof DAY_STATUSES)[number]

/** What a citizen brought: khiếu nại, tố cáo, kiến nghị, phản ánh. */
export const CASE_KINDS = ['complaint', 'denunciation', 'petition', 'report'] as const
/** One of CASE_KINDS. */
export type CaseKind = (typeof CASE_KINDS)[number]

/** How the matter was directed at the reception. */
export const CASE_DIRECTIONS = ['guided', 'accepted', 'transferred', 'answered_directly'] as const
/** One of CASE_DIRECTIONS. */
export type CaseDirection = (typeof CASE_DIRECTIONS)[number]

/** What the citizen was told afterwards (Law 42/2013 Art. 28). */
export const CASE_NOTICES = ['accepted', 'extended', 'refused', 'transferred'] as const
/** One of CASE_NOTICES. */
export type CaseNotice = (typeof CASE_NOTICES)[number]

/** Where a matter stands against the notice deadline. */
export const NOTICE_STATES = ['not_needed', 'pending', 'overdue', 'on_time', 'late'] as const
/** One of NOTICE_STATES. */
export type NoticeState = (typeof NOTICE_STATES)[number]

/** Working days within which the citizen must be told what happens to the matter (Art. 28). */
export const NOTIFY_WORKING_DAYS = 10

/** Roles that keep the schedule and the register, on the unit or an ancestor (binding decision of issue 7). */
export const RECEPTION_ROLES = ['leader', 'moderator', 'desk_officer'] as const

/** Levels of the units the reception minimums apply to (communes, wards, townships). */
export const COMMUNE_LEVELS: ReadonlySet<string> = new Set(['ward', 'commune', 'township'])

/** The longest period a report, a register or a pattern may span, in days. */
export const MAX_PERIOD_DAYS = 366

/** Whether a string is one of a list of literals. */
function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value)
}

/** Whether a value names a host role. */
export const isHostRole = (value: unknown): value is HostRole => isOneOf(HOST_ROLES, value)
/** Whether a value names a day status. */
export const isDayStatus = (value: unknown): value is DayStatus => isOneOf(DAY_STATUSES, value)
/** Whether a value names a kind of matter. */
export const isCaseKind = (value: unknown): value is CaseKind => isOneOf(CASE_KINDS, value)
/** Whether a value names a direction. */
export const isCaseDirection = (value: unknown): value is CaseDirection => isOneOf(CASE_DIRECTIONS, value)
/** Whether a value names a notice. */
export const isCaseNotice = (value: unknown): value is CaseNotice => isOneOf(CASE_NOTICES, value)

// ---------------------------------------------------------------------------------------------
// Who may

/** Whether the principal keeps the reception schedule and register of a unit (by its path). */
export function canManageReception(principal: Principal | null, unitPath: string): boolean {
  return principal?.grants.some((g) => isOneOf(RECEPTION_ROLES, g.role) && unitPath.startsWith(g.unitPath)) ?? false
}

/** The unit paths under which the principal keeps reception (the roots of what they may see). */
export function receptionRoots(principal: Principal | null): string[] {
  return (principal?.grants ?? []).filter((g) => isOneOf(RECEPTION_ROLES, g.role)).map((g) => g.unitPath)
}

/** Whether a staff member's grants make them a possible host of a unit: a leader of it or of an ancestor. */
export function canHost(host: Principal, unitPath: string): boolean {
  return host.grants.some((g) => g.role === 'leader' && unitPath.startsWith(g.unitPath))
}

// ---------------------------------------------------------------------------------------------
// Working days and the notice deadline

/** What the rules need of a unit's working calendar (the calendar feature's WorkingCalendar fits). */
export interface WorkingDays {
  isWorkingDay(date: CivilDate): boolean
  workingIntervals(date: CivilDate): readonly { readonly startMinute: number; readonly endMinute: number }[]
}

/**
 * When the citizen must have been told at the latest: the end of office hours of the 10th working
 * day after the day of receipt. The day of receipt is not counted whatever the hour (Civil Code
 * 2015 Art. 147(2)); a matter received on a day off starts counting on the next working day.
 */
export function notifyDueAt(calendar: WorkingDays, receivedAt: Date): Date {
  let date = localDateOf(receivedAt)
  let counted = 0
  // Even Tết leaves more than 10 working days in a quarter; the bound only stops a broken calendar.
  for (let step = 0; step < 400; step += 1) {
    date = addDays(date, 1)
    if (!calendar.isWorkingDay(date)) continue
    counted += 1
    if (counted === NOTIFY_WORKING_DAYS) {
      const intervals = calendar.workingIntervals(date)
      return instantOf(date, intervals[intervals.length - 1]?.endMinute ?? 17 * 60)
    }
  }
  throw new RangeError('the calendar has no working days after the receipt')
}

/**
 * Whether a matter waits for a notice: one accepted for handling or transferred. A citizen guided
 * to the right body, or answered on the spot, has been told at the reception itself.
 */
export function needsNotice(direction: CaseDirection): boolean {
  return direction === 'accepted' || direction === 'transferred'
}

/** Where a matter stands against its notice deadline at an instant. */
export function noticeStateOf(matter: { readonly direction: CaseDirection; readonly notifyDueAt: Date; readonly notifiedAt: Date | null }, now: Date): NoticeState {
  if (matter.notifiedAt !== null) return matter.notifiedAt.getTime() <= matter.notifyDueAt.getTime() ? 'on_time' : 'late'
  if (!needsNotice(matter.direction)) return 'not_needed'
  return now.getTime() > matter.notifyDueAt.getTime() ? 'overdue' : 'pending'
}

// ---------------------------------------------------------------------------------------------
// Periods and the required days

/** A span of civil days, both ends included. */
export interface Period {
  readonly from: CivilDate
  readonly to: CivilDate
}

/** Parses a period from `YYYY-MM-DD` texts; field errors name `from` and `to`. */
export function parsePeriod(fromText: string, toText: string): { period: Period } | { fields: FieldErrors } {
  const fields: FieldErrors = {}
  const from = parseDateOrNull(fromText)
  const to = parseDateOrNull(toText)
  if (!from) fields.from = 'reception.errors.date'
  if (!to) fields.to = 'reception.errors.date'
  if (from && to) {
    const span = toEpochDay(to) - toEpochDay(from)
    if (span < 0) fields.to = 'reception.errors.periodOrder'
    else if (span >= MAX_PERIOD_DAYS) fields.to = 'reception.errors.periodTooLong'
  }
  if (Object.keys(fields).length > 0 || !from || !to) return { fields }
  return { period: { from, to } }
}

/** A `YYYY-MM-DD` date, or null when the text is not one. */
export function parseDateOrNull(text: string | null | undefined): CivilDate | null {
  if (typeof text !== 'string') return null
  try {
    return parseCivilDate(text.trim())
  } catch {
    return null
  }
}

/** The calendar month of a date as a period. */
export function monthOf(date: CivilDate): Period {
  let last = 31
  while (!isValidCivilDate(date.year, date.month, last)) last -= 1
  return { from: { year: date.year, month: date.month, day: 1 }, to: { year: date.year, month: date.month, day: last } }
}

/** Every date of a period, in order. */
export function datesOf(period: Period): CivilDate[] {
  const first = toEpochDay(period.from)
  const last = toEpochDay(period.to)
  const dates: CivilDate[] = []
  for (let day = first; day <= last; day += 1) dates.push(fromEpochDay(day))
  return dates
}

/** Reception days each role owes per bucket, and what a bucket is (a Monday–Sunday week or a calendar month). */
const QUOTAS: Readonly<Record<HostRole, { readonly perBucket: number; readonly bucket: 'week' | 'month' }>> = {
  chair: { perBucket: 1, bucket: 'week' },
  party_secretary: { perBucket: 2, bucket: 'month' },
  deputy: { perBucket: 0, bucket: 'month' },
}

/** The bucket a date belongs to for a role: the Monday of its week, or its month. */
function bucketOf(role: HostRole, date: CivilDate): string {
  if (QUOTAS[role].bucket === 'month') return `${date.year}-${date.month}`
  const mondayOffset = (dayOfWeek(date) + 6) % 7
  return `w${toEpochDay(date) - mondayOffset}`
}

/** The Monday of a date's week. */
function mondayOf(date: CivilDate): CivilDate {
  return addDays(date, -((dayOfWeek(date) + 6) % 7))
}

/**
 * The whole weeks and months a period touches: the days compliance looks at, since a week or a
 * month at the edge of the period is judged as a whole (a chair who receives every Thursday meets
 * the week of Monday 30 March with Thursday 2 April, in a report on March as in one on April).
 */
export function bucketSpan(period: Period): Period {
  const firstMonday = mondayOf(period.from)
  const firstOfMonth = monthOf(period.from).from
  const lastSunday = addDays(mondayOf(period.to), 6)
  const endOfMonth = monthOf(period.to).to
  return {
    from: toEpochDay(firstMonday) < toEpochDay(firstOfMonth) ? firstMonday : firstOfMonth,
    to: toEpochDay(lastSunday) > toEpochDay(endOfMonth) ? lastSunday : endOfMonth,
  }
}

/**
 * How many days each bucket (week or month) the period touches requires of a role. A bucket counts
 * when at least one of its working days falls inside the period, and is judged whole; it never
 * requires more days than it has working days. So a chair owes a day for every week with a working
 * day in the period, none for a week lost to Tết; a party secretary owes two for every month.
 */
export function requiredByBucket(role: HostRole, period: Period, isWorkingDay: (date: CivilDate) => boolean): Map<string, number> {
  const quota = QUOTAS[role].perBucket
  const first = toEpochDay(period.from)
  const last = toEpochDay(period.to)
  const workingDays = new Map<string, number>()
  const touched = new Set<string>()
  for (const date of datesOf(bucketSpan(period))) {
    if (!isWorkingDay(date)) continue
    const bucket = bucketOf(role, date)
    workingDays.set(bucket, (workingDays.get(bucket) ?? 0) + 1)
    const epochDay = toEpochDay(date)
    if (epochDay >= first && epochDay <= last) touched.add(bucket)
  }
  return new Map([...touched].map((bucket) => [bucket, Math.min(quota, workingDays.get(bucket) ?? 0)]))
}

/** The reception days a role must hold in a period (chair: one per week with a working day; party secretary: two per month; deputy: none). */
export function requiredDays(role: HostRole, period: Period, isWorkingDay: (date: CivilDate) => boolean): number {
  let total = 0
  for (const count of requiredByBucket(role, period, isWorkingDay).values()) total += count
  return total
}

/** How one role did in a period. */
export interface ComplianceFigures {
  /** Days required by the rules. */
  readonly required: number
  /** Days in the period on the schedule that were not cancelled (held ones included). */
  readonly scheduled: number
  /** Days in the period that were held. */
  readonly held: number
  /** Days in the period that were cancelled. */
  readonly cancelled: number
  /** Held days that count towards the requirement: at most the quota of each week or month, edge weeks and months taken whole. */
  readonly covered: number
  /** Scheduled or held days that would count, if every scheduled one is held. */
  readonly planned: number
  /** Whether the held days meet the requirement. */
  readonly isMet: boolean
  /** Whether the schedule, if kept, meets it. */
  readonly isPlannedToMeet: boolean
}

/**
 * Compares a role's reception days with what the rules require over a period. `days` should hold
 * the days of {@link bucketSpan}: those outside the period count only towards the weeks or months
 * at its edges, and are left out of the scheduled, held and cancelled counts.
 */
export function complianceOf(role: HostRole, period: Period, days: readonly { readonly day: string; readonly status: DayStatus }[], isWorkingDay: (date: CivilDate) => boolean): ComplianceFigures {
  const requiredPerBucket = requiredByBucket(role, period, isWorkingDay)
  const first = formatCivilDate(period.from)
  const last = formatCivilDate(period.to)
  const heldPerBucket = new Map<string, number>()
  const plannedPerBucket = new Map<string, number>()
  let scheduled = 0
  let held = 0
  let cancelled = 0
  for (const d of days) {
    const isInPeriod = d.day >= first && d.day <= last
    if (d.status === 'cancelled') {
      if (isInPeriod) cancelled += 1
      continue
    }
    const date = parseDateOrNull(d.day)
    if (!date) continue
    const bucket = bucketOf(role, date)
    plannedPerBucket.set(bucket, (plannedPerBucket.get(bucket) ?? 0) + 1)
    if (isInPeriod) scheduled += 1
    if (d.status === 'held') {
      if (isInPeriod) held += 1
      heldPerBucket.set(bucket, (heldPerBucket.get(bucket) ?? 0) + 1)
    }
  }
  let required = 0
  let covered = 0
  let planned = 0
  for (const [bucket, need] of requiredPerBucket) {
    required += need
    covered += Math.min(need, heldPerBucket.get(bucket) ?? 0)
    planned += Math.min(need, plannedPerBucket.get(bucket) ?? 0)
  }
  return { required, scheduled, held, cancelled, covered, planned, isMet: covered >= required, isPlannedToMeet: planned >= required }
}

// ---------------------------------------------------------------------------------------------
// Schedules by pattern

/** Which occurrence of a weekday in its month: the 1st … 5th, or the last (-1). */
export const WEEKDAY_ORDINALS = [1, 2, 3, 4, 5, -1] as const
/** One of WEEKDAY_ORDINALS. */
export type WeekdayOrdinal = (typeof WEEKDAY_ORDINALS)[number]

/** A repeating schedule: some weekdays of every week, some weekdays of every month (e.g. the 1st and 3rd Tuesday), or some days of every month. */
export type SchedulePattern =
  | { readonly kind: 'weekly'; readonly weekdays: readonly Weekday[] }
  | { readonly kind: 'monthly_weekday'; readonly weekday: Weekday; readonly ordinals: readonly WeekdayOrdinal[] }
  | { readonly kind: 'monthly_day'; readonly days: readonly number[] }

/** The kinds of pattern. */
export const PATTERN_KINDS = ['weekly', 'monthly_weekday', 'monthly_day'] as const

/** Whether a number is a weekday (0 = Sunday … 6 = Saturday). */
export function isWeekday(value: unknown): value is Weekday {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 6
}

/** What is wrong with a pattern, as field errors under `pattern`. */
export function patternProblems(pattern: SchedulePattern): FieldErrors {
  switch (pattern.kind) {
    case 'weekly':
      return pattern.weekdays.length > 0 && pattern.weekdays.every(isWeekday) ? {} : { weekdays: 'reception.errors.weekdays' }
    case 'monthly_weekday': {
      const fields: FieldErrors = {}
      if (!isWeekday(pattern.weekday)) fields.weekday = 'reception.errors.weekday'
      if (pattern.ordinals.length === 0 || !pattern.ordinals.every((o) => (WEEKDAY_ORDINALS as readonly number[]).includes(o))) fields.ordinals = 'reception.errors.ordinals'
      return fields
    }
    case 'monthly_day':
      return pattern.days.length > 0 && pattern.days.every((d) => Number.isInteger(d) && d >= 1 && d <= 31) ? {} : { monthDays: 'reception.errors.monthDays' }
    default:
      return { kind: 'reception.errors.patternKind' }
  }
}

/** Whether a date matches a pattern. */
function matches(pattern: SchedulePattern, date: CivilDate): boolean {
  switch (pattern.kind) {
    case 'weekly':
      return pattern.weekdays.includes(dayOfWeek(date))
    case 'monthly_weekday': {
      if (dayOfWeek(date) !== pattern.weekday) return false
      const ordinal = Math.floor((date.day - 1) / 7) + 1
      const isLast = !isValidCivilDate(date.year, date.month, date.day + 7)
      return pattern.ordinals.some((o) => o === ordinal || (o === -1 && isLast))
    }
    case 'monthly_day':
      return pattern.days.includes(date.day)
    default:
      return false
  }
}

/** The dates a pattern gives in a period: the working ones, and those skipped because they are days off. */
export interface ExpandedPattern {
  readonly dates: readonly CivilDate[]
  readonly skippedDaysOff: readonly CivilDate[]
}

/**
 * Expands a pattern over a period into dates, skipping days off (a Thursday that is a holiday is
 * not moved: the leader's next weekly day, or one added by hand, takes its place).
 */
export function expandPattern(pattern: SchedulePattern, period: Period, isWorkingDay: (date: CivilDate) => boolean): ExpandedPattern {
  const dates: CivilDate[] = []
  const skippedDaysOff: CivilDate[] = []
  for (const date of datesOf(period)) {
    if (!matches(pattern, date)) continue
    if (isWorkingDay(date)) dates.push(date)
    else skippedDaysOff.push(date)
  }
  return { dates, skippedDaysOff }
}

// ---------------------------------------------------------------------------------------------
// Hours and the day's life

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/

/** What is wrong with a day's hours, as field errors under `starts` and `ends`. */
export function hoursProblems(starts: string, ends: string): FieldErrors {
  const fields: FieldErrors = {}
  if (!TIME_OF_DAY.test(starts)) fields.starts = 'reception.errors.time'
  if (!TIME_OF_DAY.test(ends)) fields.ends = 'reception.errors.time'
  else if (!fields.starts && ends <= starts) fields.ends = 'reception.errors.hoursOrder'
  return fields
}

/** Things done to a reception day. */
export type DayAction = 'edit' | 'delete' | 'hold' | 'cancel'

/**
 * Why a day may not undergo an action now (a catalogue key), or null when it may. Only a scheduled
 * day changes; it is marked held on or after its date, and cancelled at any time (a day that
 * passed without anyone receiving is recorded as cancelled, so the compliance view shows it).
 */
export function dayRefusal(day: { readonly status: DayStatus; readonly day: string }, action: DayAction, today: CivilDate): string | null {
  if (day.status !== 'scheduled') return 'reception.errors.dayClosed'
  if (action === 'hold' && day.day > formatCivilDate(today)) return 'reception.errors.notYet'
  return null
}
