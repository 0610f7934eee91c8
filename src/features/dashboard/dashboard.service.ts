/**
 * Use cases of the leadership dashboard: the figures of a unit and everything under it over a
 * period (dossiers, satisfaction, feedback, dialogues, citizen reception), the report on handling
 * administrative procedures, the dossiers behind a figure, and the public statistics. Period
 * figures come from the monthly and daily tables (dashboard.months.ts); open and overdue counts are
 * read live.
 */
import type { FeatureDeps } from '../../app.ts'
import { instant } from '../../db/portable.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { BadRequestError, ForbiddenError } from '../../platform/http/errors.ts'
import * as dialogues from '../dialogues/index.ts'
import * as ratings from '../ratings/index.ts'
import * as units from '../units/index.ts'
import type { Role, Unit } from '../units/index.ts'
import { firstOpenDay, sumMonths } from './dashboard.months.ts'
import type { ClosedMonthCache, MonthSums } from './dashboard.months.ts'
import * as repo from './dashboard.repository.ts'
import type { FeedbackMonthRow, LiveCounts, ListedDossier, ListedFigure, RatingCounts, UnitFilter } from './dashboard.repository.ts'
import { LISTED_FIGURES } from './dashboard.repository.ts'
import {
  addCounts,
  addCountsInPlace,
  checkPeriod,
  dayEnd,
  dayStart,
  dossierFigures,
  feedbackFigures,
  isBelowThreshold,
  NO_DOSSIER_COUNTS,
  NO_FEEDBACK_COUNTS,
  NO_REPORT_COUNTS,
  onTimeTrend,
  rate,
  reportFigures,
  rollUp,
  sumCounts,
  TOP_PROCEDURES,
  trendChange,
  trendMonths,
  vietnamDay,
} from './dashboard.ts'
import type { DossierCounts, DossierFigures, FeedbackCounts, FeedbackFigures, Period, ReportCounts, ReportFigures, SatisfactionThreshold, TrendPoint } from './dashboard.ts'
import { EXPORT_ROW_LIMIT } from '../../views/table-export.ts'

/** What the use cases need; with a cache of closed months (one per app instance), long periods are summed fast. */
export type DashboardDeps = Pick<FeatureDeps, 'db' | 'clock' | 'calendar'> & { readonly closedMonths?: ClosedMonthCache | null }

/** Roles that open the dashboard, for the unit they hold it on and every unit under it. */
export const DASHBOARD_ROLES: readonly Role[] = ['leader', 'admin']

/** Roles that may open the lists behind the figures, which name residents (administrators keep accounts, not dossiers). */
export const LIST_ROLES: readonly Role[] = ['leader']

/** Dossiers on one page of a list behind a figure. */
export const LIST_PAGE_SIZE = 50

/** A unit as the figures name it. */
export interface UnitRef {
  readonly code: string
  readonly name: string
}

/** A line of a table per unit: one of the chosen unit's children with everything under it, or the chosen unit's own figures. */
export interface UnitLine<T> {
  readonly unit: UnitRef
  /** The chosen unit's own rows (e.g. the town's own desk), apart from its children's. */
  readonly isOwn: boolean
  readonly figures: T
}

/** Period figures of dossiers with what is open and overdue now. */
export type DossierLine = DossierFigures & LiveCounts

/** Period figures of feedback with what is open and overdue now. */
export type FeedbackLine = FeedbackFigures & LiveCounts

/** Satisfaction figures of a unit or an official. */
export interface SatisfactionFigures extends RatingCounts {
  readonly ratings: number
  /** Share of ratings satisfied or very satisfied, or null for none. */
  readonly index: number | null
}

/** An official whose ratings fall below the threshold in the period. */
export interface OfficialBelow extends SatisfactionFigures {
  readonly username: string
  readonly fullName: string
  readonly unitName: string
}

/** The dashboard of a unit over a period. */
export interface Dashboard {
  readonly unit: UnitRef & { readonly level: string }
  readonly period: Period
  readonly generatedAt: Date
  readonly dossiers: {
    readonly total: DossierLine
    readonly byUnit: readonly UnitLine<DossierLine>[]
    readonly topProcedures: readonly { readonly code: string; readonly name: string; readonly figures: DossierFigures }[]
    readonly trend: readonly TrendPoint[]
    /** Change of the on-time rate between the last two months that have one, or null. */
    readonly trendChange: number | null
  }
  readonly satisfaction: {
    readonly total: SatisfactionFigures
    readonly byUnit: readonly UnitLine<SatisfactionFigures>[]
    readonly threshold: SatisfactionThreshold
    readonly officialsBelow: readonly OfficialBelow[]
  }
  readonly feedback: {
    readonly total: FeedbackLine
    readonly byCategory: readonly { readonly category: string; readonly figures: FeedbackLine }[]
    readonly byUnit: readonly UnitLine<FeedbackLine>[]
  }
  /** Dialogue coverage of the period's last year; null when the viewer may not read it. */
  readonly dialogues: dialogues.CoverageView | null
  /** Citizen reception against the legal minimum; null when the viewer may not read it. */
  readonly reception: dialogues.ComplianceReport | null
  /** Whether the viewer may open the dossier lists behind the figures. */
  readonly canOpenDossierLists: boolean
  /** Whether the viewer may open the feedback queue behind the figures. */
  readonly canOpenFeedbackLists: boolean
}

/** What the dashboard and the report ask for: a unit (the widest the viewer has by default) and a period (this month by default). */
export interface DashboardQuery {
  readonly unitCode?: string | null
  readonly from?: string | null
  readonly to?: string | null
}

/** The chosen unit, everything under it, and the units its tables compare. */
interface Scope {
  readonly unit: Unit
  readonly all: readonly Unit[]
  /** For the daily tables: null when the chosen unit's subtree is every unit, so their day index serves alone. */
  readonly unitIds: UnitFilter
  /** For the base tables, whose indexes lead with the unit: every unit of the subtree. */
  readonly subtreeIds: readonly number[]
  /** The chosen unit and its children, each taking the rows of the units under it. */
  readonly groups: readonly Unit[]
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true })

/** The enabled units whose dashboard the principal may open, widest first, then by name. */
export async function dashboardUnits(deps: Pick<DashboardDeps, 'db' | 'clock'>, principal: Principal): Promise<Unit[]> {
  const roots = units.scopeRoots(principal, DASHBOARD_ROLES).map((r) => r.path)
  if (roots.length === 0) return []
  return (await units.listUnits(deps))
    .filter((u) => !u.isDisabled && roots.some((r) => u.path.startsWith(r)))
    .sort((a, b) => a.path.split('/').length - b.path.split('/').length || collator.compare(a.name, b.name))
}

/** Resolves the unit asked for: 403 without a dashboard role anywhere or on that unit, 400 for an unknown unit. */
async function scopeFor(deps: Pick<DashboardDeps, 'db' | 'clock'>, principal: Principal, unitCode: string | null | undefined): Promise<Scope> {
  if (!units.hasAnyRole(principal, DASHBOARD_ROLES)) throw new ForbiddenError()
  const all = await units.listUnits(deps)
  const code = unitCode?.trim() ?? ''
  let unit: Unit | undefined
  if (code !== '') {
    unit = all.find((u) => u.code === code)
    if (!unit) throw new BadRequestError('dashboard.errors.unit', { unit: 'dashboard.errors.unit' })
    if (!units.hasRoleOn(principal, DASHBOARD_ROLES, unit.path)) throw new ForbiddenError()
  } else {
    unit = (await dashboardUnits(deps, principal))[0]
    if (!unit) throw new ForbiddenError()
  }
  const chosen = unit
  const subtree = all.filter((u) => u.path.startsWith(chosen.path))
  const children = all.filter((u) => u.parentId === chosen.id && !u.isDisabled).sort((a, b) => collator.compare(a.name, b.name))
  const subtreeIds = subtree.map((u) => u.id)
  return { unit: chosen, all, unitIds: subtree.length === all.length ? null : subtreeIds, subtreeIds, groups: [chosen, ...children] }
}

/** The period asked for, or a 400 naming the field. */
function periodOf(deps: Pick<DashboardDeps, 'clock'>, query: DashboardQuery): Period {
  const checked = checkPeriod(query.from, query.to, vietnamDay(deps.clock.now()))
  if ('fields' in checked) throw new BadRequestError('dashboard.errors.period', checked.fields)
  return checked.period
}

/** The per-unit lines of a roll-up: the chosen unit's own line only when it has figures of its own. */
function unitLines<C extends object, T>(scope: Scope, byUnit: ReadonlyMap<number, C>, zero: C, present: (counts: C) => T, hasAny: (counts: C) => boolean): UnitLine<T>[] {
  const sums = rollUp(scope.groups, scope.all, byUnit, zero)
  return scope.groups.flatMap((group) => {
    const counts = sums.get(group.id) ?? zero
    const isOwn = group.id === scope.unit.id
    // A ward on its own has no children: its line is its own figures.
    if (isOwn && scope.groups.length > 1 && !hasAny(counts)) return []
    return [{ unit: { code: group.code, name: group.name }, isOwn: isOwn && scope.groups.length > 1, figures: present(counts) }]
  })
}

/** A month after every month: summing from it at full grain sums every month per unit only. */
const NO_MONTH = '9999-99'

/** Whether a unit is among those asked for (every unit for null). */
function unitTest(unitIds: UnitFilter): (unitId: number) => boolean {
  if (unitIds === null) return () => true
  const wanted = new Set(unitIds)
  return (unitId) => wanted.has(unitId)
}

/** Dossier counters per unit over some months, for the units asked for. */
function dossiersByUnitOf(months: readonly MonthSums[], isWanted: (unitId: number) => boolean): Map<number, DossierCounts> {
  const sums = new Map<number, DossierCounts>()
  for (const m of months) for (const [unitId, counts] of m.dossiersByUnit) if (isWanted(unitId)) addCountsInPlace(sums, unitId, counts, NO_DOSSIER_COUNTS)
  return sums
}

/** Dossier counters per procedure over some months, for the units asked for (every unit: the months' own sums). */
function dossiersByProcedureOf(months: readonly MonthSums[], unitIds: UnitFilter, isWanted: (unitId: number) => boolean): Map<number, DossierCounts> {
  const sums = new Map<number, DossierCounts>()
  for (const m of months) {
    if (unitIds === null) for (const [procedureId, counts] of m.dossiersByProcedure) addCountsInPlace(sums, procedureId, counts, NO_DOSSIER_COUNTS)
    else for (const row of m.dossiers) if (isWanted(row.unitId)) addCountsInPlace(sums, row.procedureId, row.counts, NO_DOSSIER_COUNTS)
  }
  return sums
}

/** Feedback rows over some months, of the units asked for. */
function feedbackRowsOf(months: readonly MonthSums[], isWanted: (unitId: number) => boolean): FeedbackMonthRow[] {
  return months.flatMap((m) => m.feedback.filter((row) => isWanted(row.unitId)))
}

/** Satisfaction figures of summed answers. */
function satisfactionOf(counts: RatingCounts): SatisfactionFigures {
  const total = counts.verySatisfied + counts.satisfied + counts.notSatisfied
  return { ...counts, ratings: total, index: ratings.satisfactionIndex({ very_satisfied: counts.verySatisfied, satisfied: counts.satisfied, not_satisfied: counts.notSatisfied }) }
}

const NO_RATINGS: RatingCounts = Object.freeze({ verySatisfied: 0, satisfied: 0, notSatisfied: 0 })
const NO_LIVE: LiveCounts = Object.freeze({ open: 0, overdue: 0 })

/** Runs a part of the dashboard another feature guards; null when it refuses this viewer or this unit. */
async function ifAllowed<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read()
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof BadRequestError) return null
    throw error
  }
}

/** The dashboard of a unit (and everything under it) over a period. */
export async function getDashboard(deps: DashboardDeps, principal: Principal, query: DashboardQuery = {}): Promise<Dashboard> {
  const scope = await scopeFor(deps, principal, query.unitCode)
  const period = periodOf(deps, query)
  const now = deps.clock.now()
  const nowText = instant(now)
  const months = trendMonths(period.to)
  const trendFrom = `${months[0]}-01`
  const start = instant(dayStart(period.from))
  const end = instant(dayEnd(period.to))
  const ids = scope.unitIds

  const cache = deps.closedMonths ?? null
  const openFrom = firstOpenDay(now)
  // The trend's months hold the period when it starts on a month's first day (as every preset does): one sum serves both.
  const isWithinTrend = period.from.endsWith('-01') && period.from >= trendFrom
  const firstMonth = period.from.slice(0, 7)
  const [trendSums, separatePeriodSums, liveDossiers, liveFeedback, ratingRows, rules, coverage, reception] = await Promise.all([
    // The trend's months before the period are summed per unit only: that is all a trend shows.
    sumMonths(deps.db, cache, ids, trendFrom, period.to, openFrom, isWithinTrend ? firstMonth : NO_MONTH),
    isWithinTrend ? null : sumMonths(deps.db, cache, ids, period.from, period.to, openFrom),
    repo.liveDossierCounts(deps.db, scope.subtreeIds, nowText),
    repo.liveFeedbackCounts(deps.db, scope.subtreeIds, nowText),
    repo.ratingCounts(deps.db, scope.subtreeIds, start, end),
    ratings.getCorrectiveRules(deps),
    ifAllowed(() => dialogues.coverage(deps, principal, { unitCode: scope.unit.code, year: Number(period.to.slice(0, 4)) })),
    ifAllowed(() => dialogues.complianceReport(deps, principal, { unitCode: scope.unit.code, from: period.from, to: period.to })),
  ])
  const periodSums = separatePeriodSums ?? trendSums.filter((m) => m.month >= firstMonth)
  const isWanted = unitTest(ids)
  const byUnit = dossiersByUnitOf(periodSums, isWanted)
  const byMonth = new Map<string, DossierCounts>()
  for (const m of trendSums) for (const [unitId, counts] of m.dossiersByUnit) if (isWanted(unitId)) addCountsInPlace(byMonth, m.month, counts, NO_DOSSIER_COUNTS)
  const byProcedureId = dossiersByProcedureOf(periodSums, ids, isWanted)
  const procedureNames = await repo.procedureNames(deps.db, [...byProcedureId.keys()])
  const byProcedure = [...byProcedureId.entries()].map(([id, counts]) => ({ code: procedureNames.get(id)?.code ?? String(id), name: procedureNames.get(id)?.name ?? '—', counts }))
  const feedbackRows = feedbackRowsOf(periodSums, isWanted)

  // Dossiers: period counters and live counts side by side, per unit and in total.
  type DossierAcc = DossierCounts & LiveCounts
  const dossierZero: DossierAcc = { ...NO_DOSSIER_COUNTS, ...NO_LIVE }
  const dossierByUnit = new Map<number, DossierAcc>()
  for (const [id, counts] of byUnit) dossierByUnit.set(id, { ...counts, ...NO_LIVE })
  for (const [id, live] of liveDossiers) dossierByUnit.set(id, { ...(dossierByUnit.get(id) ?? dossierZero), ...live })
  const dossierLine = (c: DossierAcc): DossierLine => ({ ...dossierFigures(c), open: c.open, overdue: c.overdue })
  const dossierTotal = sumCounts([...dossierByUnit.values()], dossierZero)
  const trend = onTimeTrend(months, byMonth)
  const topProcedures = byProcedure
    .map((p) => ({ code: p.code, name: p.name, figures: dossierFigures(p.counts) }))
    .sort((a, b) => b.figures.received - a.figures.received || b.figures.returned - a.figures.returned || a.code.localeCompare(b.code))
    .slice(0, TOP_PROCEDURES)

  // Feedback: per unit and per category, period counters and live counts.
  type FeedbackAcc = FeedbackCounts & LiveCounts
  const feedbackZero: FeedbackAcc = { ...NO_FEEDBACK_COUNTS, ...NO_LIVE }
  const feedbackByUnit = new Map<number, FeedbackAcc>()
  const feedbackByCategory = new Map<string, FeedbackAcc>()
  const addTo = <K>(map: Map<K, FeedbackAcc>, key: K, counts: Partial<FeedbackAcc>) => addCountsInPlace(map, key, counts as FeedbackAcc, feedbackZero)
  for (const row of feedbackRows) {
    addTo(feedbackByUnit, row.unitId, row.counts)
    addTo(feedbackByCategory, row.category, row.counts)
  }
  for (const row of liveFeedback) {
    addTo(feedbackByUnit, row.unitId, row.counts)
    addTo(feedbackByCategory, row.category, row.counts)
  }
  const feedbackLine = (c: FeedbackAcc): FeedbackLine => ({ ...feedbackFigures(c), open: c.open, overdue: c.overdue })

  // Satisfaction: per unit, and the officials below the corrective rule's threshold.
  const ratingsByUnit = new Map<number, RatingCounts>()
  const ratingsByOfficial = new Map<number, RatingCounts & { unitId: number }>()
  for (const row of ratingRows) {
    ratingsByUnit.set(row.unitId, addCounts(ratingsByUnit.get(row.unitId) ?? NO_RATINGS, row.counts))
    if (row.officialId !== null) {
      const before = ratingsByOfficial.get(row.officialId) ?? { ...NO_RATINGS, unitId: row.unitId }
      ratingsByOfficial.set(row.officialId, { ...addCounts<RatingCounts>(before, row.counts), unitId: before.unitId })
    }
  }
  const threshold: SatisfactionThreshold = { minRatings: rules.notSatisfied.minRatings, minShare: rules.notSatisfied.minShare }
  const below = [...ratingsByOfficial.entries()].filter(([, c]) => isBelowThreshold(c.verySatisfied + c.satisfied + c.notSatisfied, c.notSatisfied, threshold))
  const names = await repo.staffNames(
    deps.db,
    below.map(([id]) => id),
  )
  const unitName = new Map(scope.all.map((u) => [u.id, u.name]))
  const officialsBelow = below
    .map(([id, c]) => ({ ...satisfactionOf(c), username: names.get(id)?.username ?? String(id), fullName: names.get(id)?.fullName ?? '—', unitName: unitName.get(c.unitId) ?? '—' }))
    .sort((a, b) => (a.index ?? 0) - (b.index ?? 0) || collator.compare(a.fullName, b.fullName))

  const isLeaderHere = units.hasRoleOn(principal, LIST_ROLES, scope.unit.path)
  return {
    unit: { code: scope.unit.code, name: scope.unit.name, level: scope.unit.level },
    period,
    generatedAt: now,
    dossiers: {
      total: dossierLine(dossierTotal),
      byUnit: unitLines(scope, dossierByUnit, dossierZero, dossierLine, (c) => c.received + c.refused + c.stopped + c.returnedEarly + c.returnedOnTime + c.returnedLate + c.open > 0),
      topProcedures,
      trend,
      trendChange: trendChange(trend),
    },
    satisfaction: {
      total: satisfactionOf(sumCounts([...ratingsByUnit.values()], NO_RATINGS)),
      byUnit: unitLines(scope, ratingsByUnit, NO_RATINGS, satisfactionOf, (c) => c.verySatisfied + c.satisfied + c.notSatisfied > 0),
      threshold,
      officialsBelow,
    },
    feedback: {
      total: feedbackLine(sumCounts([...feedbackByUnit.values()], feedbackZero)),
      byCategory: [...feedbackByCategory.entries()].map(([category, c]) => ({ category, figures: feedbackLine(c) })).sort((a, b) => b.figures.submitted - a.figures.submitted || a.category.localeCompare(b.category)),
      byUnit: unitLines(scope, feedbackByUnit, feedbackZero, feedbackLine, (c) => c.submitted + c.answered + c.open > 0),
    },
    dialogues: coverage,
    reception,
    canOpenDossierLists: isLeaderHere,
    // The feedback queue is open to leaders, moderators and specialists; the dashboard's viewers who lead.
    canOpenFeedbackLists: isLeaderHere,
  }
}

// ---------------------------------------------------------------------------------------------
// The report on handling administrative procedures

/** One line of the report: a unit's procedure. */
export interface ReportLine {
  readonly unit: UnitRef
  readonly procedure: { readonly code: string; readonly name: string }
  readonly figures: ReportFigures
}

/** The report (báo cáo tình hình giải quyết TTHC) of a unit and everything under it over a period. */
export interface ProcedureReport {
  readonly unit: UnitRef
  readonly period: Period
  /** When "overdue" is judged: the period's end, or now while the period runs on. */
  readonly judgedAt: Date
  readonly generatedAt: Date
  /** Each unit with data, its procedures' lines and its subtotal, in the tree's order. */
  readonly units: readonly { readonly unit: UnitRef; readonly lines: readonly ReportLine[]; readonly subtotal: ReportFigures }[]
  readonly total: ReportFigures
}

/** The report on handling administrative procedures for a unit and a period. */
export async function getProcedureReport(deps: DashboardDeps, principal: Principal, query: DashboardQuery = {}): Promise<ProcedureReport> {
  const scope = await scopeFor(deps, principal, query.unitCode)
  const period = periodOf(deps, query)
  const now = deps.clock.now()
  const start = dayStart(period.from)
  const end = dayEnd(period.to)
  const judgedAt = end.getTime() < now.getTime() ? end : now
  const rows = await repo.reportCounts(deps.db, scope.subtreeIds, instant(start), instant(end), instant(judgedAt))
  const byUnit = new Map<number, ReportLine[]>()
  const unitOf = new Map(scope.all.map((u) => [u.id, u]))
  for (const row of rows) {
    const unit = unitOf.get(row.unitId)
    if (!unit) continue
    const lines = byUnit.get(row.unitId) ?? []
    lines.push({ unit: { code: unit.code, name: unit.name }, procedure: { code: row.code, name: row.name }, figures: reportFigures(row.counts) })
    byUnit.set(row.unitId, lines)
  }
  const ordered = [...byUnit.keys()].map((id) => unitOf.get(id)!).sort((a, b) => a.path.split('/').length - b.path.split('/').length || collator.compare(a.name, b.name))
  const sections = ordered.map((unit) => {
    const lines = byUnit.get(unit.id)!.sort((a, b) => a.procedure.code.localeCompare(b.procedure.code))
    return { unit: { code: unit.code, name: unit.name }, lines, subtotal: reportFigures(sumCounts<ReportCounts>(lines.map((l) => countsOf(l.figures)), NO_REPORT_COUNTS)) }
  })
  return {
    unit: { code: scope.unit.code, name: scope.unit.name },
    period,
    judgedAt,
    generatedAt: now,
    units: sections,
    total: reportFigures(sumCounts<ReportCounts>(sections.map((s) => countsOf(s.subtotal)), NO_REPORT_COUNTS)),
  }
}

/** The counters of report figures, without their totals. */
function countsOf(f: ReportFigures): ReportCounts {
  return { carriedOver: f.carriedOver, received: f.received, early: f.early, onTime: f.onTime, late: f.late, refused: f.refused, stopped: f.stopped, inTime: f.inTime, overdue: f.overdue }
}

// ---------------------------------------------------------------------------------------------
// The dossiers behind a figure

/** What a list behind a figure asks for. */
export interface FigureListQuery extends DashboardQuery {
  readonly figure?: string | null
  readonly procedureCode?: string | null
  readonly page?: number | null
}

/** A page of the dossiers behind a figure. */
export interface FigureList {
  readonly unit: UnitRef
  readonly period: Period
  readonly figure: ListedFigure
  readonly procedureCode: string | null
  readonly total: number
  readonly page: number
  readonly pageSize: number
  readonly dossiers: readonly ListedDossier[]
}

/**
 * The dossiers a figure of the dashboard counts (received in the period; returned early, on time or
 * late, refused or stopped in it), a page at a time; `pageSize` up to EXPORT_ROW_LIMIT for exports.
 * Leaders only: the list names residents.
 */
export async function listFigureDossiers(deps: DashboardDeps, principal: Principal, query: FigureListQuery, pageSize = LIST_PAGE_SIZE): Promise<FigureList> {
  const scope = await scopeFor(deps, principal, query.unitCode)
  if (!units.hasRoleOn(principal, LIST_ROLES, scope.unit.path)) throw new ForbiddenError()
  const period = periodOf(deps, query)
  const figure = (query.figure?.trim() || 'received') as ListedFigure
  if (!LISTED_FIGURES.includes(figure)) throw new BadRequestError('dashboard.errors.figure', { figure: 'dashboard.errors.figure' })
  const procedureCode = query.procedureCode?.trim() || null
  let procedureId: number | null = null
  if (procedureCode !== null) {
    procedureId = await repo.procedureIdByCode(deps.db, procedureCode)
    if (procedureId === null) throw new BadRequestError('dashboard.errors.procedure', { procedure: 'dashboard.errors.procedure' })
  }
  const size = Math.min(Math.max(Math.trunc(pageSize), 1), EXPORT_ROW_LIMIT)
  const page = Math.min(Math.max(Math.trunc(query.page ?? 1) || 1, 1), 100_000)
  const { total, dossiers } = await repo.dossiersOfFigure(
    deps.db,
    { unitIds: scope.subtreeIds, figure, start: instant(dayStart(period.from)), end: instant(dayEnd(period.to)), procedureId },
    size,
    (page - 1) * size,
  )
  return { unit: { code: scope.unit.code, name: scope.unit.name }, period, figure, procedureCode, total, page, pageSize: size, dossiers }
}

// ---------------------------------------------------------------------------------------------
// Public statistics

/** One unit's public line. */
export interface PublicUnitFigures {
  readonly returned: number
  readonly onTimeRate: number | null
  readonly ratings: number
  readonly satisfactionIndex: number | null
  readonly feedbackSubmitted: number
  readonly feedbackAnswered: number
  /** Answered by the due date, of those answered. */
  readonly answeredOnTimeRate: number | null
  /** Dialogues held in the year (wards and communes). */
  readonly dialoguesHeld: number | null
}

/** The public statistics of a year: per unit under the home unit, and in total. */
export interface PublicStatistics {
  readonly year: number
  readonly period: Period
  readonly unit: UnitRef | null
  readonly units: readonly (PublicUnitFigures & { readonly unit: UnitRef })[]
  readonly total: PublicUnitFigures
  /** Wards and communes that held a dialogue in the year, of all of them. */
  readonly coverage: { readonly heldCount: number; readonly unitCount: number; readonly heldPercent: number } | null
  readonly generatedAt: Date
}

/** Earliest year the public page answers for. */
const FIRST_YEAR = 2000

/**
 * The public statistics of a year (this year by default, up to today): on-time rate per unit,
 * satisfaction index, feedback answered and on time, dialogue coverage. Figures only, never names.
 */
export async function getPublicStatistics(deps: DashboardDeps, input: { year?: number | null } = {}): Promise<PublicStatistics> {
  const now = deps.clock.now()
  const today = vietnamDay(now)
  const thisYear = Number(today.slice(0, 4))
  const year = input.year ?? thisYear
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > thisYear) throw new BadRequestError('dashboard.errors.year', { year: 'dashboard.errors.year' })
  const period: Period = { from: `${year}-01-01`, to: year === thisYear ? today : `${year}-12-31` }
  const home = await units.getHomeUnit(deps)
  if (!home) return { year, period, unit: null, units: [], total: publicFigures(NO_DOSSIER_COUNTS, NO_RATINGS, NO_FEEDBACK_COUNTS, null), coverage: null, generatedAt: now }
  const all = await units.listUnits(deps)
  const children = all.filter((u) => u.parentId === home.id && !u.isDisabled).sort((a, b) => collator.compare(a.name, b.name))
  const groups = [home, ...children]
  const subtree = all.filter((u) => u.path.startsWith(home.path))
  const ids: UnitFilter = subtree.length === all.length ? null : subtree.map((u) => u.id)
  const subtreeIds = subtree.map((u) => u.id)
  const cache = deps.closedMonths ?? null
  const [sums, ratingRows, coverage] = await Promise.all([
    sumMonths(deps.db, cache, ids, period.from, period.to, firstOpenDay(now)),
    repo.ratingCounts(deps.db, subtreeIds, instant(dayStart(period.from)), instant(dayEnd(period.to))),
    ifAllowed(() => dialogues.publicCoverage(deps, { unitCode: home.code, year })),
  ])
  const isWanted = unitTest(ids)
  const dossierRows = dossiersByUnitOf(sums, isWanted)
  const feedbackRows = feedbackRowsOf(sums, isWanted)
  const ratingsByUnit = new Map<number, RatingCounts>()
  for (const row of ratingRows) ratingsByUnit.set(row.unitId, addCounts(ratingsByUnit.get(row.unitId) ?? NO_RATINGS, row.counts))
  const feedbackByUnit = new Map<number, FeedbackCounts>()
  for (const row of feedbackRows) feedbackByUnit.set(row.unitId, addCounts(feedbackByUnit.get(row.unitId) ?? NO_FEEDBACK_COUNTS, row.counts))
  const dossierSums = rollUp(groups, all, dossierRows, NO_DOSSIER_COUNTS)
  const ratingSums = rollUp(groups, all, ratingsByUnit, NO_RATINGS)
  const feedbackSums = rollUp(groups, all, feedbackByUnit, NO_FEEDBACK_COUNTS)
  const heldOf = (unit: Unit): number | null => {
    if (!coverage) return null
    const lines = coverage.units.filter((line) => line.unit.code === unit.code)
    return lines.length === 0 ? null : lines.reduce((sum, line) => sum + line.sessionsHeld, 0)
  }
  const lines = groups.flatMap((group) => {
    const d = dossierSums.get(group.id) ?? NO_DOSSIER_COUNTS
    const r = ratingSums.get(group.id) ?? NO_RATINGS
    const f = feedbackSums.get(group.id) ?? NO_FEEDBACK_COUNTS
    // The home unit's own line only when it has figures of its own (a town's own desk).
    if (group.id === home.id && children.length > 0 && d.received + d.returnedEarly + d.returnedOnTime + d.returnedLate + r.verySatisfied + r.satisfied + r.notSatisfied + f.submitted === 0) return []
    return [{ unit: { code: group.code, name: group.name }, ...publicFigures(d, r, f, heldOf(group)) }]
  })
  const total = publicFigures(
    sumCounts([...dossierRows.values()], NO_DOSSIER_COUNTS),
    sumCounts([...ratingsByUnit.values()], NO_RATINGS),
    sumCounts([...feedbackByUnit.values()], NO_FEEDBACK_COUNTS),
    coverage ? coverage.units.reduce((sum, line) => sum + line.sessionsHeld, 0) : null,
  )
  return {
    year,
    period,
    unit: { code: home.code, name: home.name },
    units: lines,
    total,
    coverage: coverage ? { heldCount: coverage.heldCount, unitCount: coverage.unitCount, heldPercent: coverage.heldPercent } : null,
    generatedAt: now,
  }
}

/** A public line from summed counters. */
function publicFigures(d: DossierCounts, r: RatingCounts, f: FeedbackCounts, dialoguesHeld: number | null): PublicUnitFigures {
  const dossiers = dossierFigures(d)
  const satisfaction = satisfactionOf(r)
  return {
    returned: dossiers.returned,
    onTimeRate: dossiers.onTimeRate,
    ratings: satisfaction.ratings,
    satisfactionIndex: satisfaction.index,
    feedbackSubmitted: f.submitted,
    feedbackAnswered: f.answered,
    answeredOnTimeRate: rate(f.answeredOnTime, f.answered),
    dialoguesHeld,
  }
}

/** How long the public statistics are kept before being read again. */
export const PUBLIC_STATISTICS_TTL_MS = 60_000

/**
 * The public statistics kept for a minute per year, per app instance: the page is public and may be
 * asked for often; a minute-old figure is fresh enough for residents.
 */
export function createPublicStatisticsCache(deps: DashboardDeps): (year: number | null) => Promise<PublicStatistics> {
  const kept = new Map<string, { at: number; value: Promise<PublicStatistics> }>()
  return (year) => {
    const key = String(year ?? 'current')
    const now = deps.clock.now().getTime()
    const hit = kept.get(key)
    if (hit && now - hit.at < PUBLIC_STATISTICS_TTL_MS) return hit.value
    const value = getPublicStatistics(deps, { year })
    kept.set(key, { at: now, value })
    // A failure is not kept: the next request tries again.
    value.catch(() => kept.delete(key))
    return value
  }
}
