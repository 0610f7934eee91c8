/**
 * Which days are worked and at which hours, for one unit's settings and one set of schedule edits.
 *
 * A calendar is immutable: after an administrator edits a year, build a new one (cheap: years are
 * computed lazily). Day tables are cached per calendar, so deadline computations cost a few
 * array reads.
 */
import { SATURDAY, SUNDAY, epochDayOf, fromEpochDay, isValidCivilDate, parseCivilDate, toEpochDay, weekdayOfEpochDay } from './civil-date.ts'
import type { CivilDate } from './civil-date.ts'
import { resolveYear, yearSchedule } from './holidays.ts'
import type { ResolvedYear, ScheduleOverride, YearSchedule } from './holidays.ts'
import { MAX_LUNAR_YEAR, MIN_LUNAR_YEAR } from './lunar.ts'

/** A span of office hours within a day, as `HH:MM` local (Asia/Ho_Chi_Minh) times. */
export interface OfficeInterval {
  readonly start: string
  readonly end: string
}

/**
 * A unit's working-time settings (each unit may differ; see ARCHITECTURE.md on settings).
 * The days off themselves follow the national civil-service week (Saturday and Sunday), which the
 * government's schedules and the compensatory-day rule assume, whatever these settings say.
 */
export interface CalendarSettings {
  /** Whether the unit works Saturday mornings; Saturday afternoon and Sunday stay off. */
  readonly saturdayMorningWorked: boolean
  /** Office hours of a full working day, in order, not overlapping. */
  readonly officeHours: readonly OfficeInterval[]
  /** Dossiers received at or after this time count as received the next working day (`HH:MM`). */
  readonly cutoff: string
  /** How many working days before its due day an open dossier counts as due soon. */
  readonly dueSoonWorkingDays: number
}

/** Settings used when a unit has none: 7:30–11:30 and 13:30–17:00, cut-off 15:00, no Saturday work. */
export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = Object.freeze({
  saturdayMorningWorked: false,
  officeHours: Object.freeze([
    Object.freeze({ start: '07:30', end: '11:30' }),
    Object.freeze({ start: '13:30', end: '17:00' }),
  ]),
  cutoff: '15:00',
  dueSoonWorkingDays: 1,
})

/** How a day is worked: not at all, the full office hours, or only the morning intervals. */
export const DayKind = Object.freeze({ OFF: 0, FULL: 1, MORNING: 2 } as const)
/** One of the values of {@link DayKind}. */
export type DayKind = (typeof DayKind)[keyof typeof DayKind]

/** A working interval of a day in minutes after local midnight. */
export interface MinuteInterval {
  readonly startMinute: number
  readonly endMinute: number
}

const MINUTE_MS = 60_000
const NOON_MINUTE = 12 * 60
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/

/** Parses `HH:MM` (00:00–24:00) to minutes after midnight, throwing a RangeError otherwise. */
export function parseTimeOfDay(text: string): number {
  if (!TIME_PATTERN.test(text)) throw new RangeError(`expected a time as HH:MM, got "${text}"`)
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5))
}

/** Completes and checks settings, throwing a RangeError that names the faulty field. */
export function resolveSettings(partial: Partial<CalendarSettings> = {}): CalendarSettings {
  const settings: CalendarSettings = { ...DEFAULT_CALENDAR_SETTINGS, ...partial }
  if (typeof settings.saturdayMorningWorked !== 'boolean') throw new RangeError('saturdayMorningWorked must be true or false')
  if (settings.officeHours.length === 0) throw new RangeError('officeHours needs at least one interval')
  let previousEnd = -1
  for (const interval of settings.officeHours) {
    const start = parseTimeOfDay(interval.start)
    const end = parseTimeOfDay(interval.end)
    if (end <= start) throw new RangeError(`officeHours: ${interval.start}–${interval.end} ends before it starts`)
    if (start < previousEnd) throw new RangeError('officeHours must be in order and must not overlap')
    previousEnd = end
  }
  parseTimeOfDay(settings.cutoff)
  if (!Number.isInteger(settings.dueSoonWorkingDays) || settings.dueSoonWorkingDays < 0) {
    throw new RangeError('dueSoonWorkingDays must be a whole number of days, 0 or more')
  }
  return Object.freeze({
    ...settings,
    officeHours: Object.freeze(settings.officeHours.map((i) => Object.freeze({ start: i.start, end: i.end }))),
  })
}

/**
 * The working days of a span of whole years, laid out for O(1) deadline arithmetic. Index i is
 * epoch day `firstDay + i`.
 */
export interface DayTable {
  readonly firstDay: number
  /** Number of days covered. */
  readonly length: number
  /** {@link DayKind} of each day. */
  readonly kinds: Uint8Array
  /** `workOrdinal[i]` = working days strictly before index i (length + 1 entries). */
  readonly workOrdinal: Int32Array
  /** Indexes of the working days, in order: `workingIndex[workOrdinal[i]] === i` for a working day i. */
  readonly workingIndex: Int32Array
  /** `cumulativeWorkMs[i]` = working milliseconds strictly before index i (length + 1 entries). */
  readonly cumulativeWorkMs: Float64Array
}

/** Construction options of a {@link WorkingCalendar}. */
export interface WorkingCalendarOptions {
  readonly settings?: Partial<CalendarSettings>
  /** The administrator's stored edits, for any years. */
  readonly overrides?: readonly ScheduleOverride[]
}

/** Working days and hours of one unit: schedules + settings, with cached per-year day tables. */
export class WorkingCalendar {
  /** The complete, validated settings. */
  readonly settings: CalendarSettings
  /** Office intervals per {@link DayKind}, flattened as [startMs, endMs, …] after local midnight. */
  readonly intervalsMs: readonly Float64Array[]
  /** Total working milliseconds of a day per {@link DayKind}. */
  readonly dayWorkMs: Float64Array
  /** End of the last working interval per {@link DayKind} (0 for OFF). */
  readonly lastEndMs: Float64Array
  /** Start of the first working interval per {@link DayKind} (0 for OFF). */
  readonly firstStartMs: Float64Array
  /** The receipt cut-off, in milliseconds after local midnight. */
  readonly cutoffMs: number

  readonly #overridesByYear = new Map<number, ScheduleOverride[]>()
  readonly #years = new Map<number, { readonly resolved: ResolvedYear; readonly kinds: Uint8Array }>()
  #table: DayTable | undefined

  constructor(options: WorkingCalendarOptions = {}) {
    this.settings = resolveSettings(options.settings)
    for (const row of options.overrides ?? []) {
      if (row.kind !== 'day_off' && row.kind !== 'working_day') throw new RangeError(`unknown override kind "${String(row.kind)}"`)
      const year = parseCivilDate(row.date).year
      const rows = this.#overridesByYear.get(year) ?? []
      rows.push(row)
      this.#overridesByYear.set(year, rows)
    }
    const full = this.settings.officeHours.map((i) => [parseTimeOfDay(i.start), parseTimeOfDay(i.end)] as const)
    // A worked Saturday morning keeps the intervals that end by noon.
    const morning = full.filter(([, end]) => end <= NOON_MINUTE)
    const perKind = [[], full, morning] as const
    this.intervalsMs = perKind.map((intervals) => new Float64Array(intervals.flatMap(([s, e]) => [s * MINUTE_MS, e * MINUTE_MS])))
    this.dayWorkMs = new Float64Array(perKind.map((intervals) => intervals.reduce((sum, [s, e]) => sum + (e - s) * MINUTE_MS, 0)))
    this.lastEndMs = new Float64Array(perKind.map((intervals) => (intervals.length === 0 ? 0 : intervals[intervals.length - 1]![1] * MINUTE_MS)))
    this.firstStartMs = new Float64Array(perKind.map((intervals) => (intervals.length === 0 ? 0 : intervals[0]![0] * MINUTE_MS)))
    this.cutoffMs = parseTimeOfDay(this.settings.cutoff) * MINUTE_MS
  }

  /** The published schedule of a year under this calendar's edits. */
  schedule(year: number): YearSchedule {
    return yearSchedule(year, this.#overridesByYear.get(year) ?? [])
  }

  /** The resolved year (weekend holidays included) under this calendar's edits. */
  resolvedYear(year: number): ResolvedYear {
    return this.#year(year).resolved
  }

  /** How the given epoch day is worked. */
  kindOfEpochDay(epochDay: number): DayKind {
    const { year } = fromEpochDay(epochDay)
    const kinds = this.#year(year).kinds
    return kinds[epochDay - epochDayOf(year, 1, 1)]! as DayKind
  }

  /** Whether the date has office hours (a worked Saturday morning counts). */
  isWorkingDay(date: CivilDate): boolean {
    assertDate(date)
    return this.kindOfEpochDay(toEpochDay(date)) !== DayKind.OFF
  }

  /** The office intervals of a date, in minutes after local midnight (empty on a day off). */
  workingIntervals(date: CivilDate): readonly MinuteInterval[] {
    assertDate(date)
    const intervals = this.intervalsMs[this.kindOfEpochDay(toEpochDay(date))]!
    const result: MinuteInterval[] = []
    for (let i = 0; i < intervals.length; i += 2) {
      result.push({ startMinute: intervals[i]! / MINUTE_MS, endMinute: intervals[i + 1]! / MINUTE_MS })
    }
    return result
  }

  /**
   * A day table covering at least the epoch days [fromDay, toDay]; the table grows by whole years
   * and is rebuilt only when a request falls outside it, so steady use allocates nothing.
   */
  tableCovering(fromDay: number, toDay: number): DayTable {
    const table = this.#table
    if (table !== undefined && fromDay >= table.firstDay && toDay < table.firstDay + table.length) return table
    const firstYear = Math.min(fromEpochDay(fromDay).year, table === undefined ? Infinity : fromEpochDay(table.firstDay).year)
    const lastYear = Math.max(fromEpochDay(toDay).year, table === undefined ? -Infinity : fromEpochDay(table.firstDay + table.length - 1).year)
    this.#table = this.#buildTable(firstYear, lastYear)
    return this.#table
  }

  #year(year: number): { readonly resolved: ResolvedYear; readonly kinds: Uint8Array } {
    const cached = this.#years.get(year)
    if (cached !== undefined) return cached
    if (!Number.isInteger(year) || year < MIN_LUNAR_YEAR || year > MAX_LUNAR_YEAR) {
      throw new RangeError(`the working calendar covers ${MIN_LUNAR_YEAR}–${MAX_LUNAR_YEAR}, not ${year}`)
    }
    const resolved = resolveYear(year, this.#overridesByYear.get(year) ?? [])
    const first = epochDayOf(year, 1, 1)
    const kinds = new Uint8Array(epochDayOf(year + 1, 1, 1) - first)
    const weekdayKind = DayKind.FULL
    const saturdayKind = this.settings.saturdayMorningWorked && this.dayWorkMs[DayKind.MORNING]! > 0 ? DayKind.MORNING : DayKind.OFF
    for (let i = 0; i < kinds.length; i += 1) {
      const weekday = weekdayOfEpochDay(first + i)
      kinds[i] = weekday === SUNDAY ? DayKind.OFF : weekday === SATURDAY ? saturdayKind : weekdayKind
    }
    for (const day of resolved.daysOff) kinds[toEpochDay(parseIsoDate(day.date)) - first] = DayKind.OFF
    for (const day of resolved.extraWorkingDays) kinds[toEpochDay(parseIsoDate(day.date)) - first] = DayKind.FULL
    const entry = { resolved, kinds }
    this.#years.set(year, entry)
    return entry
  }

  #buildTable(firstYear: number, lastYear: number): DayTable {
    const firstDay = epochDayOf(firstYear, 1, 1)
    const length = epochDayOf(lastYear + 1, 1, 1) - firstDay
    const kinds = new Uint8Array(length)
    for (let year = firstYear; year <= lastYear; year += 1) {
      kinds.set(this.#year(year).kinds, epochDayOf(year, 1, 1) - firstDay)
    }
    const workOrdinal = new Int32Array(length + 1)
    const cumulativeWorkMs = new Float64Array(length + 1)
    let working = 0
    for (let i = 0; i < length; i += 1) {
      workOrdinal[i] = working
      const kind = kinds[i]!
      cumulativeWorkMs[i + 1] = cumulativeWorkMs[i]! + this.dayWorkMs[kind]!
      if (kind !== DayKind.OFF) working += 1
    }
    workOrdinal[length] = working
    const workingIndex = new Int32Array(working)
    for (let i = 0, n = 0; i < length; i += 1) if (kinds[i] !== DayKind.OFF) workingIndex[n++] = i
    return { firstDay, length, kinds, workOrdinal, workingIndex, cumulativeWorkMs }
  }
}

function assertDate(date: CivilDate): void {
  if (!isValidCivilDate(date.year, date.month, date.day)) {
    throw new RangeError(`not a valid date: ${date.year}-${date.month}-${date.day}`)
  }
}

function parseIsoDate(text: string): CivilDate {
  return { year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)), day: Number(text.slice(8, 10)) }
}
