/**
 * Sums of the daily figures over any days, served fast at province scale. The days before today
 * change rarely, so each app instance sums each month's past days once (per unit and procedure, or
 * unit and category: a few thousand rows) and keeps them; only today's rows, and the odd days of a
 * month the period cuts, are summed at each request. The few writes to a past day (a paper dossier
 * entered late, a receipt moved when the time limit restarts, a reopened answer taken back) give
 * that month a new version token in the same transaction, and a rebuild gives every month one;
 * each request reads the tokens of its months first and sums a month again when its token changed.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { instant } from '../../db/portable.ts'
import * as repo from './dashboard.repository.ts'
import type { DossierMonthRow, FeedbackMonthRow, UnitFilter } from './dashboard.repository.ts'
import { addDays, monthLastDay, vietnamDay } from './dashboard.ts'
import type { Day } from './dashboard.ts'

type Executor = Kysely<Database> | Transaction<Database>

/**
 * How long after a day ends it is taken as past: a transaction begun in the last moments of a day
 * may commit a little later without a new version (its day was still today when it counted).
 */
const CLOSING_GRACE_MS = 15 * 60_000

/** The version key of every month at once (a rebuild changes it). */
const ALL_MONTHS_KEY = `${repo.MONTH_VERSION_PREFIX}all`

/** The version key of a month "YYYY-MM". */
function monthKey(month: string): string {
  return `${repo.MONTH_VERSION_PREFIX}${month}`
}

/** The first day that is not yet kept: today, judged by the earlier of the two clocks (a test's fixed clock and the wall clock). */
export function firstOpenDay(now: Date, wallNow: Date = new Date()): Day {
  return vietnamDay(new Date(Math.min(now.getTime(), wallNow.getTime()) - CLOSING_GRACE_MS))
}

/** Whether a write to a day changes kept sums: the day is before today. */
export function isPastDay(day: Day, wallNow: Date = new Date()): boolean {
  return day < vietnamDay(wallNow)
}

/** Gives a month a new version, in the transaction that changed one of its past days. */
export async function markMonthChanged(trx: Transaction<Database>, day: Day, at: Date = new Date()): Promise<void> {
  await repo.writeVersion(trx, monthKey(day.slice(0, 7)), JSON.stringify(randomUUID()), instant(at))
}

/** Gives every month a new version (after a rebuild). */
export async function markAllMonthsChanged(trx: Transaction<Database>, at: Date = new Date()): Promise<void> {
  await repo.writeVersion(trx, ALL_MONTHS_KEY, JSON.stringify(randomUUID()), instant(at))
}

/** A part of a range: the kept days of a month (from its first day through `through`), or days read each time. */
export type DayPart = { readonly kind: 'kept'; readonly month: string; readonly through: Day } | { readonly kind: 'read'; readonly from: Day; readonly to: Day }

/**
 * Splits days [from, to] into kept parts (a month's days from its first day up to the day before
 * `openFrom`, or its last day) and ranges read each time (today, and the days of a month the range
 * starts or ends inside of).
 */
export function splitDays(from: Day, to: Day, openFrom: Day): DayPart[] {
  const parts: DayPart[] = []
  const read = (a: Day, b: Day) => {
    const previous = parts[parts.length - 1]
    // Adjacent ranges are read in one query.
    if (previous?.kind === 'read' && addDays(previous.to, 1) === a) parts[parts.length - 1] = { kind: 'read', from: previous.from, to: b }
    else parts.push({ kind: 'read', from: a, to: b })
  }
  let day = from
  while (day <= to) {
    const month = day.slice(0, 7)
    const last = monthLastDay(month)
    const end = last < to ? last : to
    // The days a month keeps: from its first day to its last, or to yesterday in the running month.
    const keptThrough = last < openFrom ? last : addDays(openFrom, -1)
    if (day === `${month}-01` && keptThrough >= day && end >= keptThrough) {
      parts.push({ kind: 'kept', month, through: keptThrough })
      if (end > keptThrough) read(addDays(keptThrough, 1), end)
    } else read(day, end)
    day = addDays(end, 1)
  }
  return parts
}

/** A month's kept rows for every unit. */
interface KeptRows {
  readonly dossiers: readonly DossierMonthRow[]
  readonly feedback: readonly FeedbackMonthRow[]
}

/** Months' past days kept summed by one app instance. */
export interface ClosedMonthCache {
  /** The kept rows of a month's days through a day, summed again when its version or the day changed. */
  rows(db: Executor, month: string, through: Day, version: string): Promise<KeptRows>
}

/** Creates an empty cache (one per app instance). */
export function createClosedMonthCache(): ClosedMonthCache {
  const kept = new Map<string, { version: string; through: Day; rows: Promise<KeptRows> }>()
  return {
    rows(db, month, through, version) {
      const entry = kept.get(month)
      if (entry && entry.version === version && entry.through === through) return entry.rows
      const first = `${month}-01`
      const rows = Promise.all([repo.dossierMonthRows(db, null, first, through), repo.feedbackMonthRows(db, null, first, through)]).then(([dossiers, feedback]) => ({ dossiers, feedback }))
      kept.set(month, { version, through, rows })
      // A failed read is not kept: the next request reads again.
      rows.catch(() => {
        if (kept.get(month)?.rows === rows) kept.delete(month)
      })
      return rows
    },
  }
}

/**
 * Dossier and feedback counters per unit, key and month over the days [from, to] of some units:
 * the kept past days (when a cache is given), the rest from the daily tables. Versions are read
 * before any sum, so a change committed meanwhile is summed again by the next request.
 */
export async function sumDays(
  db: Executor,
  cache: ClosedMonthCache | null,
  unitIds: UnitFilter,
  from: Day,
  to: Day,
  openFrom: Day,
): Promise<{ dossiers: DossierMonthRow[]; feedback: FeedbackMonthRow[] }> {
  const parts: DayPart[] = cache ? splitDays(from, to, openFrom) : [{ kind: 'read', from, to }]
  const keptParts = parts.filter((p): p is Extract<DayPart, { kind: 'kept' }> => p.kind === 'kept')
  const versions = await repo.readVersions(db, keptParts.length > 0 ? [ALL_MONTHS_KEY, ...keptParts.map((p) => monthKey(p.month))] : [])
  const all = versions.get(ALL_MONTHS_KEY) ?? ''
  const wanted = unitIds === null ? null : new Set(unitIds)
  const sums = await Promise.all(
    parts.map(async (part) => {
      if (part.kind === 'kept') {
        const rows = await cache!.rows(db, part.month, part.through, `${all}|${versions.get(monthKey(part.month)) ?? ''}`)
        return wanted === null ? rows : { dossiers: rows.dossiers.filter((r) => wanted.has(r.unitId)), feedback: rows.feedback.filter((r) => wanted.has(r.unitId)) }
      }
      const [dossiers, feedback] = await Promise.all([repo.dossierMonthRows(db, unitIds, part.from, part.to), repo.feedbackMonthRows(db, unitIds, part.from, part.to)])
      return { dossiers, feedback }
    }),
  )
  return { dossiers: sums.flatMap((s) => s.dossiers), feedback: sums.flatMap((s) => s.feedback) }
}
