/**
 * Sums of the daily figures over any days, served fast at province scale, month by month. A month's
 * days are read from its monthly rows (per unit and procedure, or unit and category: a few thousand
 * rows; summed per unit where a trend needs no more), less the month's days outside the range when
 * those are fewer than the ones inside, else from the days themselves. Days before today change rarely, so each app instance keeps the sums of
 * a month's past days once read, and reads at each request only the months that reach today. The few
 * writes to a past day (a paper dossier entered late, a receipt moved when the time limit restarts,
 * a reopened answer taken back) give that month a new version token in the same transaction, and a
 * rebuild gives every month one; each request reads the tokens of its months first and reads a
 * month again when its token changed.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { instant } from '../../db/portable.ts'
import * as repo from './dashboard.repository.ts'
import type { DossierMonthRow, FeedbackMonthRow, UnitFilter } from './dashboard.repository.ts'
import { addCountsInPlace, addDays, monthLastDay, NO_DOSSIER_COUNTS, vietnamDay } from './dashboard.ts'
import type { Day, DossierCounts } from './dashboard.ts'

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

/** A month's share of a range: its days [from, to], kept once read (all past) or read at each request. */
export interface DayPart {
  readonly kind: 'kept' | 'read'
  readonly month: string
  readonly from: Day
  readonly to: Day
}

/** Splits days [from, to] by month; a month's days are kept when all are before `openFrom`, else read each time. */
export function splitDays(from: Day, to: Day, openFrom: Day): DayPart[] {
  const parts: DayPart[] = []
  let day = from
  while (day <= to) {
    const month = day.slice(0, 7)
    const last = monthLastDay(month)
    const end = last < to ? last : to
    parts.push({ kind: end < openFrom ? 'kept' : 'read', month, from: day, to: end })
    day = addDays(end, 1)
  }
  return parts
}

/** How finely a month is summed: per unit only (what a trend needs), or also per unit and procedure or category. */
export type Grain = 'unit' | 'full'

/** The sums of some days of one month. */
export interface MonthSums {
  readonly month: string
  readonly grain: Grain
  /** Dossier counters per unit; units with nothing left out. */
  readonly dossiersByUnit: ReadonlyMap<number, DossierCounts>
  /** Per unit and procedure ('full' only; none for 'unit'); no row adds up to nothing. */
  readonly dossiers: readonly DossierMonthRow[]
  /** Per unit and category ('full' only). */
  readonly feedback: readonly FeedbackMonthRow[]
  /** Dossier counters per procedure ('full' only). */
  readonly dossiersByProcedure: ReadonlyMap<number, DossierCounts>
}

/** Reads the sums of a month's days [from, to] of some units. */
async function readMonth(db: Executor, unitIds: UnitFilter, part: DayPart, grain: Grain): Promise<MonthSums> {
  if (grain === 'unit') {
    const dossiersByUnit = await repo.dossierUnitSumsOfMonth(db, unitIds, part.month, part.from, part.to)
    return { month: part.month, grain, dossiersByUnit, dossiers: [], feedback: [], dossiersByProcedure: new Map() }
  }
  const [dossiers, feedback] = await Promise.all([repo.dossierRowsOfMonth(db, unitIds, part.month, part.from, part.to), repo.feedbackRowsOfMonth(db, unitIds, part.month, part.from, part.to)])
  const dossiersByUnit = new Map<number, DossierCounts>()
  const dossiersByProcedure = new Map<number, DossierCounts>()
  for (const row of dossiers) {
    addCountsInPlace(dossiersByUnit, row.unitId, row.counts, NO_DOSSIER_COUNTS)
    addCountsInPlace(dossiersByProcedure, row.procedureId, row.counts, NO_DOSSIER_COUNTS)
  }
  return { month: part.month, grain, dossiersByUnit, dossiers, feedback, dossiersByProcedure }
}

/** Months' past days kept summed by one app instance. */
export interface ClosedMonthCache {
  /** The sums of a kept part for every unit, at least as fine as asked, read again when the month's version changed. */
  sums(db: Executor, part: DayPart, grain: Grain, version: string): Promise<MonthSums>
}

/**
 * How many parts a cache keeps, the least recently used going first: two years of whole months,
 * or fewer with other ranges. A month at full grain is some thousands of rows (under a megabyte at
 * province scale), so the cache stays within a few tens of megabytes.
 */
const KEPT_PARTS = 48

/** Creates an empty cache (one per app instance). */
export function createClosedMonthCache(limit = KEPT_PARTS): ClosedMonthCache {
  const kept = new Map<string, { version: string; sums: Promise<MonthSums> }>()
  /** A kept entry still of this version, moved to the most recently used end. */
  const take = (key: string, version: string) => {
    const entry = kept.get(key)
    if (!entry || entry.version !== version) return null
    kept.delete(key)
    kept.set(key, entry)
    return entry.sums
  }
  return {
    sums(db, part, grain, version) {
      const days = `${part.from}|${part.to}`
      // Full sums serve a request for sums per unit too.
      const hit = take(`full|${days}`, version) ?? (grain === 'unit' ? take(`unit|${days}`, version) : null)
      if (hit) return hit
      const key = `${grain}|${days}`
      const sums = readMonth(db, null, part, grain)
      kept.delete(key)
      kept.set(key, { version, sums })
      if (kept.size > limit) kept.delete(kept.keys().next().value!)
      // A failed read is not kept: the next request reads again.
      sums.catch(() => {
        if (kept.get(key)?.sums === sums) kept.delete(key)
      })
      return sums
    },
  }
}

/**
 * The sums of days [from, to] month by month, oldest first, at full grain from month `fullFrom`
 * ("YYYY-MM") on and per unit before it: the kept past days (when a cache is given, for every
 * unit: filter by unit before adding up) and the rest read for the units asked. Versions are read
 * before any sum, so a change committed meanwhile is read again by the next request.
 */
export async function sumMonths(db: Executor, cache: ClosedMonthCache | null, unitIds: UnitFilter, from: Day, to: Day, openFrom: Day, fullFrom = ''): Promise<MonthSums[]> {
  const parts = splitDays(from, to, openFrom)
  const keptMonths = cache ? parts.filter((p) => p.kind === 'kept').map((p) => p.month) : []
  const versions = await repo.readVersions(db, keptMonths.length > 0 ? [ALL_MONTHS_KEY, ...keptMonths.map(monthKey)] : [])
  const all = versions.get(ALL_MONTHS_KEY) ?? ''
  return Promise.all(
    parts.map((part) => {
      const grain: Grain = part.month >= fullFrom ? 'full' : 'unit'
      return cache && part.kind === 'kept' ? cache.sums(db, part, grain, `${all}|${versions.get(monthKey(part.month)) ?? ''}`) : readMonth(db, unitIds, part, grain)
    }),
  )
}
