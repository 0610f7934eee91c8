/**
 * The dashboard's pure arithmetic: Vietnam days and periods, what one dossier or feedback event adds
 * to the daily figures, rates, averages, the monthly trend, roll-ups of unit rows to the units a
 * leader compares, the satisfaction threshold, and the figures of the report on handling
 * administrative procedures (báo cáo tình hình giải quyết TTHC). No I/O.
 */

const DAY_MS = 86_400_000
const VIETNAM_OFFSET_MS = 7 * 3_600_000

/** The longest period the dashboard and the report accept, in days. */
export const MAX_PERIOD_DAYS = 3 * 366

/** How many months the on-time trend shows, ending with the period's last month. */
export const TREND_MONTHS = 12

/** How many procedures the dashboard lists as the busiest. */
export const TOP_PROCEDURES = 10

/** A Vietnam civil date, "YYYY-MM-DD". */
export type Day = string

/** Whole days, both inclusive. */
export interface Period {
  readonly from: Day
  readonly to: Day
}

/** The Vietnam civil date (UTC+7) of an instant. */
export function vietnamDay(at: Date): Day {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10)
}

/** The instant a Vietnam day starts. */
export function dayStart(day: Day): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - VIETNAM_OFFSET_MS)
}

/** The instant a Vietnam day ends (the next day's start). */
export function dayEnd(day: Day): Date {
  return new Date(dayStart(day).getTime() + DAY_MS)
}

/** The day `days` after (or before) a day. */
export function addDays(day: Day, days: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** The day as typed when it is a real calendar date "YYYY-MM-DD", else null. */
export function parseDay(text: string | null | undefined): Day | null {
  const value = typeof text === 'string' ? text.trim() : ''
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
  const time = Date.parse(`${value}T00:00:00Z`)
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value ? null : value
}

/** Days from one day to another, both counted. */
export function daysIn(period: Period): number {
  return Math.round((Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / DAY_MS) + 1
}

/** The period asked for, or the field errors (catalogue keys) that explain why it cannot be used. */
export function checkPeriod(from: string | null | undefined, to: string | null | undefined, today: Day): { period: Period } | { fields: Record<string, string> } {
  const fields: Record<string, string> = {}
  const fromDay = from === undefined || from === null || from.trim() === '' ? `${today.slice(0, 7)}-01` : parseDay(from)
  const toDay = to === undefined || to === null || to.trim() === '' ? today : parseDay(to)
  if (fromDay === null) fields.from = 'dashboard.errors.day'
  if (toDay === null) fields.to = 'dashboard.errors.day'
  if (fromDay !== null && toDay !== null) {
    if (toDay < fromDay) fields.to = 'dashboard.errors.order'
    else if (daysIn({ from: fromDay, to: toDay }) > MAX_PERIOD_DAYS) fields.to = 'dashboard.errors.tooLong'
  }
  return Object.keys(fields).length > 0 || fromDay === null || toDay === null ? { fields } : { period: { from: fromDay, to: toDay } }
}

/** The periods offered as one-click choices: this month, last month, this quarter, this year, last year. */
export function presetPeriods(today: Day): { readonly key: 'month' | 'lastMonth' | 'quarter' | 'year' | 'lastYear'; readonly period: Period }[] {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  const monthStart = `${today.slice(0, 7)}-01`
  const lastMonthEnd = addDays(monthStart, -1)
  const quarterMonth = Math.floor((month - 1) / 3) * 3 + 1
  return [
    { key: 'month', period: { from: monthStart, to: today } },
    { key: 'lastMonth', period: { from: `${lastMonthEnd.slice(0, 7)}-01`, to: lastMonthEnd } },
    { key: 'quarter', period: { from: `${year}-${String(quarterMonth).padStart(2, '0')}-01`, to: today } },
    { key: 'year', period: { from: `${year}-01-01`, to: today } },
    { key: 'lastYear', period: { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` } },
  ]
}

/** The months "YYYY-MM" of a trend: `count` months ending with the month of `lastDay`. */
export function trendMonths(lastDay: Day, count = TREND_MONTHS): string[] {
  const year = Number(lastDay.slice(0, 4))
  const month = Number(lastDay.slice(5, 7))
  const months: string[] = []
  for (let i = count - 1; i >= 0; i--) {
    const index = year * 12 + (month - 1) - i
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`)
  }
  return months
}

/** The last day of a month "YYYY-MM". */
export function monthLastDay(month: string): Day {
  const year = Number(month.slice(0, 4))
  const index = Number(month.slice(5, 7))
  return addDays(index === 12 ? `${year + 1}-01-01` : `${year}-${String(index + 1).padStart(2, '0')}-01`, -1)
}

/**
 * How to read days [from, to] of one month "YYYY-MM" for the fewest rows: the month's own rows when
 * they are the whole month; their days when they are no more than the month's other days; else the
 * month's rows less the other days before and after them.
 */
export function monthReadPlan(month: string, from: Day, to: Day): { kind: 'month' } | { kind: 'days' } | { kind: 'monthLess'; before: [Day, Day] | null; after: [Day, Day] | null } {
  const first = `${month}-01`
  const last = monthLastDay(month)
  if (from === first && to === last) return { kind: 'month' }
  const inside = daysIn({ from, to })
  if (inside <= daysIn({ from: first, to: last }) - inside) return { kind: 'days' }
  return { kind: 'monthLess', before: from > first ? [first, addDays(from, -1)] : null, after: to < last ? [addDays(to, 1), last] : null }
}

// ---------------------------------------------------------------------------------------------
// What one event adds to the daily figures

/** The counters of one row of `dossier_daily_stats`. */
export interface DossierCounts {
  readonly received: number
  readonly returnedEarly: number
  readonly returnedOnTime: number
  readonly returnedLate: number
  readonly refused: number
  readonly stopped: number
  readonly processingSeconds: number
}

/** Counters all at zero. */
export const NO_DOSSIER_COUNTS: DossierCounts = Object.freeze({ received: 0, returnedEarly: 0, returnedOnTime: 0, returnedLate: 0, refused: 0, stopped: 0, processingSeconds: 0 })

/** The counters of one row of `feedback_daily_stats`. */
export interface FeedbackCounts {
  readonly submitted: number
  readonly answered: number
  readonly answeredOnTime: number
}

/** Counters all at zero. */
export const NO_FEEDBACK_COUNTS: FeedbackCounts = Object.freeze({ submitted: 0, answered: 0, answeredOnTime: 0 })

/** Early, on time or late, as a returned dossier's timing is stored. */
export type Timing = 'early' | 'on_time' | 'late'

/** Something that happened to a dossier that the daily figures count. */
export type DossierStatEvent =
  | {
      /** Received complete (or, with delta -1, a receipt moved away when the time limit restarts). */
      readonly kind: 'received'
      readonly unitId: number
      readonly procedureId: number
      readonly receivedAt: Date
      readonly delta?: 1 | -1
    }
  | {
      /** Finished: returned, refused or stopped. */
      readonly kind: 'finished'
      readonly unitId: number
      readonly procedureId: number
      readonly status: 'returned' | 'refused' | 'stopped'
      readonly timing: Timing | null
      readonly receivedAt: Date | null
      readonly finishedAt: Date
    }

/** Something that happened to a feedback item that the daily figures count. */
export type FeedbackStatEvent =
  | { readonly kind: 'submitted'; readonly unitId: number; readonly category: string; readonly submittedAt: Date }
  | {
      /** Answered (or, with delta -1, an answer taken back when the resident reopens the item). */
      readonly kind: 'answered'
      readonly unitId: number
      readonly category: string
      readonly answeredAt: Date
      readonly dueAt: Date | null
      readonly delta?: 1 | -1
    }

/**
 * Whole seconds from receipt to return: the difference of the two instants each cut to the second,
 * which is what both databases compute when the figures are rebuilt.
 */
export function wholeSecondsBetween(from: Date, to: Date): number {
  return Math.floor(to.getTime() / 1000) - Math.floor(from.getTime() / 1000)
}

/** The day and the counters one dossier event adds; null when it counts nothing (a return without timing). */
export function dossierIncrement(event: DossierStatEvent): { day: Day; counts: DossierCounts } | null {
  if (event.kind === 'received') return { day: vietnamDay(event.receivedAt), counts: { ...NO_DOSSIER_COUNTS, received: event.delta ?? 1 } }
  const day = vietnamDay(event.finishedAt)
  if (event.status === 'refused') return { day, counts: { ...NO_DOSSIER_COUNTS, refused: 1 } }
  if (event.status === 'stopped') return { day, counts: { ...NO_DOSSIER_COUNTS, stopped: 1 } }
  // A return is judged early, on time or late when it had a due date; one without is not counted as either.
  if (event.timing === null) return null
  const seconds = event.receivedAt ? wholeSecondsBetween(event.receivedAt, event.finishedAt) : 0
  const column = event.timing === 'early' ? 'returnedEarly' : event.timing === 'on_time' ? 'returnedOnTime' : 'returnedLate'
  return { day, counts: { ...NO_DOSSIER_COUNTS, [column]: 1, processingSeconds: seconds } }
}

/** The day and the counters one feedback event adds. */
export function feedbackIncrement(event: FeedbackStatEvent): { day: Day; counts: FeedbackCounts } {
  if (event.kind === 'submitted') return { day: vietnamDay(event.submittedAt), counts: { ...NO_FEEDBACK_COUNTS, submitted: 1 } }
  const delta = event.delta ?? 1
  const isOnTime = event.dueAt !== null && event.answeredAt.getTime() <= event.dueAt.getTime()
  return { day: vietnamDay(event.answeredAt), counts: { submitted: 0, answered: delta, answeredOnTime: isOnTime ? delta : 0 } }
}

// ---------------------------------------------------------------------------------------------
// Figures

/** A share from 0 to 1, or null when there is nothing to share. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole
}

/** Dossier figures of a unit, a procedure or a period. */
export interface DossierFigures {
  readonly received: number
  /** Returned with a timing: early + on time + late. */
  readonly returned: number
  readonly early: number
  readonly onTime: number
  readonly late: number
  readonly refused: number
  readonly stopped: number
  /** (early + on time) / returned, or null when nothing was returned. */
  readonly onTimeRate: number | null
  /** Mean calendar days from receipt to return, or null when nothing was returned. */
  readonly averageDays: number | null
}

/** The figures of summed counters. */
export function dossierFigures(counts: DossierCounts): DossierFigures {
  const returned = counts.returnedEarly + counts.returnedOnTime + counts.returnedLate
  return {
    received: counts.received,
    returned,
    early: counts.returnedEarly,
    onTime: counts.returnedOnTime,
    late: counts.returnedLate,
    refused: counts.refused,
    stopped: counts.stopped,
    onTimeRate: rate(counts.returnedEarly + counts.returnedOnTime, returned),
    averageDays: returned === 0 ? null : counts.processingSeconds / returned / 86_400,
  }
}

/** Feedback figures of a unit, a category or a period. */
export interface FeedbackFigures {
  readonly submitted: number
  readonly answered: number
  readonly answeredOnTime: number
  /** answeredOnTime / answered, or null when nothing was answered. */
  readonly onTimeRate: number | null
}

/** The figures of summed counters. */
export function feedbackFigures(counts: FeedbackCounts): FeedbackFigures {
  return { ...counts, onTimeRate: rate(counts.answeredOnTime, counts.answered) }
}

/** Adds counters field by field. */
export function addCounts<T extends object>(a: T, b: T): T {
  const sum = { ...a } as Record<string, number>
  for (const [key, value] of Object.entries(b)) sum[key] = (sum[key] ?? 0) + (value as number)
  return sum as T
}

/** Adds counters to a map's entry in place (a copy of `zero` for a new key): many rows are added up without a copy at each step. */
export function addCountsInPlace<K, T extends object>(sums: Map<K, T>, key: K, counts: T, zero: T): void {
  let sum = sums.get(key) as Record<string, number> | undefined
  if (!sum) sums.set(key, (sum = { ...(zero as Record<string, number>) }) as T)
  const added = counts as Record<string, number>
  for (const field in added) sum[field] = (sum[field] ?? 0) + added[field]!
}

/** Sums a list of counters. */
export function sumCounts<T extends object>(rows: readonly T[], zero: T): T {
  return rows.reduce((sum, row) => addCounts(sum, row), zero)
}

/** One month of the on-time trend. */
export interface TrendPoint {
  readonly month: string
  readonly received: number
  readonly returned: number
  readonly onTimeRate: number | null
}

/** The trend over given months from counters per month (months without counters are empty). */
export function onTimeTrend(months: readonly string[], byMonth: ReadonlyMap<string, DossierCounts>): TrendPoint[] {
  return months.map((month) => {
    const figures = dossierFigures(byMonth.get(month) ?? NO_DOSSIER_COUNTS)
    return { month, received: figures.received, returned: figures.returned, onTimeRate: figures.onTimeRate }
  })
}

/** The change of the on-time rate from the previous month that has one to the last month that has one, in points (0–1), or null. */
export function trendChange(points: readonly TrendPoint[]): number | null {
  const rated = points.filter((p) => p.onTimeRate !== null)
  if (rated.length < 2) return null
  return rated[rated.length - 1]!.onTimeRate! - rated[rated.length - 2]!.onTimeRate!
}

/** A unit as roll-ups see it: its id and materialised path ("/1/4/"). */
export interface UnitPath {
  readonly id: number
  readonly path: string
}

/**
 * Adds up counters per unit id into the units a leader compares (`groups`, e.g. the chosen unit's
 * children, each with everything under it). Rows of units under none of the groups are left out.
 */
export function rollUp<T extends object>(groups: readonly UnitPath[], allUnits: readonly UnitPath[], rowsByUnit: ReadonlyMap<number, T>, zero: T): Map<number, T> {
  const pathOf = new Map(allUnits.map((u) => [u.id, u.path]))
  const sums = new Map<number, T>(groups.map((g) => [g.id, zero]))
  for (const [unitId, counts] of rowsByUnit) {
    const path = pathOf.get(unitId)
    if (path === undefined) continue
    // The deepest group containing the unit: a parent listed next to its own children keeps only its own rows.
    const group = groups.filter((g) => path.startsWith(g.path)).sort((a, b) => b.path.length - a.path.length)[0]
    if (group) sums.set(group.id, addCounts(sums.get(group.id) ?? zero, counts))
  }
  return sums
}

/** The satisfaction threshold: the corrective rule's minimum number of ratings and share of "not satisfied". */
export interface SatisfactionThreshold {
  readonly minRatings: number
  readonly minShare: number
}

/** Whether an official's ratings fall below the threshold (the corrective rule would open a case). */
export function isBelowThreshold(ratings: number, notSatisfied: number, threshold: SatisfactionThreshold): boolean {
  return ratings > 0 && ratings >= threshold.minRatings && notSatisfied / ratings >= threshold.minShare
}

// ---------------------------------------------------------------------------------------------
// The report on handling administrative procedures

/**
 * One line of the report (per unit and procedure): dossiers to handle (received in the period and
 * carried over from before it), finished in the period (early, on time, late; refused and stopped
 * apart), and those still in hand at its end, in time or overdue.
 */
export interface ReportCounts {
  readonly carriedOver: number
  readonly received: number
  readonly early: number
  readonly onTime: number
  readonly late: number
  readonly refused: number
  readonly stopped: number
  readonly inTime: number
  readonly overdue: number
}

/** Counters all at zero. */
export const NO_REPORT_COUNTS: ReportCounts = Object.freeze({ carriedOver: 0, received: 0, early: 0, onTime: 0, late: 0, refused: 0, stopped: 0, inTime: 0, overdue: 0 })

/** A report line with its totals. */
export interface ReportFigures extends ReportCounts {
  /** carriedOver + received. */
  readonly toHandle: number
  /** early + onTime + late + refused + stopped. */
  readonly finished: number
  /** inTime + overdue. */
  readonly inHand: number
  /** (early + onTime) / (early + onTime + late), or null. */
  readonly onTimeRate: number | null
}

/** The totals of a report line. */
export function reportFigures(counts: ReportCounts): ReportFigures {
  const returned = counts.early + counts.onTime + counts.late
  return {
    ...counts,
    toHandle: counts.carriedOver + counts.received,
    finished: returned + counts.refused + counts.stopped,
    inHand: counts.inTime + counts.overdue,
    onTimeRate: rate(counts.early + counts.onTime, returned),
  }
}

/** What the report needs to know of a dossier. */
export interface ReportDossier {
  readonly receivedAt: Date
  readonly finishedAt: Date | null
  readonly status: string
  readonly timing: Timing | null
  readonly dueAt: Date | null
}

/**
 * Where one received dossier falls in the report of [start, end): judged at `judgedAt` (the end, or
 * now when the period runs on) for "overdue". A dossier finished before the period or received after
 * it falls nowhere. Returns the counters it adds.
 */
export function reportIncrement(d: ReportDossier, start: Date, end: Date, judgedAt: Date): ReportCounts | null {
  if (d.receivedAt.getTime() >= end.getTime()) return null
  if (d.finishedAt !== null && d.finishedAt.getTime() < start.getTime()) return null
  const counts = { ...NO_REPORT_COUNTS } as Record<keyof ReportCounts, number>
  if (d.receivedAt.getTime() < start.getTime()) counts.carriedOver = 1
  else counts.received = 1
  const isFinishedInPeriod = d.finishedAt !== null && d.finishedAt.getTime() < end.getTime()
  if (isFinishedInPeriod) {
    if (d.status === 'refused') counts.refused = 1
    else if (d.status === 'stopped') counts.stopped = 1
    else if (d.timing === 'early') counts.early = 1
    else if (d.timing === 'late') counts.late = 1
    else counts.onTime = 1
  } else if (d.dueAt !== null && d.dueAt.getTime() < judgedAt.getTime()) counts.overdue = 1
  else counts.inTime = 1
  return counts
}
