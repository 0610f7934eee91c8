/**
 * Use cases of citizen reception: leaders' reception days (one by one or by a weekly or monthly
 * pattern), published upcoming; the register of matters received, with the 10-working-day notice
 * deadline from the unit's own calendar; and the compliance of each commune-level unit with the
 * required days. Each change owns one transaction holding the change and its audit entry.
 * Only leaders, moderators and desk officers of a unit (or of a unit above it) see its register.
 */
import type { FeatureDeps } from '../../app.ts'
import { instant } from '../../db/portable.ts'
import { appendAudit } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { addDays, formatCivilDate, instantOf, localDateOf, parseInstant, toEpochDay } from '../calendar/index.ts'
import type { CivilDate, Weekday, WorkingCalendar } from '../calendar/index.ts'
import * as units from '../units/index.ts'
import type { Unit } from '../units/index.ts'
import * as repo from './reception.repository.ts'
import type { CaseRecord, DayRecord } from './reception.repository.ts'
import {
  bucketSpan,
  canHost,
  canManageReception,
  COMMUNE_LEVELS,
  complianceOf,
  dayRefusal,
  expandPattern,
  HOST_ROLES,
  hoursProblems,
  isCaseDirection,
  isCaseKind,
  isCaseNotice,
  isHostRole,
  monthOf,
  noticeStateOf,
  notifyDueAt,
  parseDateOrNull,
  parsePeriod,
  patternProblems,
  receptionRoots,
} from './reception.ts'
import type { CaseKind, CaseNotice, ComplianceFigures, DayAction, DayStatus, HostRole, NoticeState, Period, SchedulePattern, WeekdayOrdinal } from './reception.ts'

/** What the use cases need (FeatureDeps fits). */
export type ReceptionDeps = Pick<FeatureDeps, 'db' | 'clock' | 'calendar'>

/** How far before or after today a reception day or a receipt may lie. */
const HORIZON_DAYS = 366
/** How many days ahead the public schedule looks by default (the API), on its page, and at most. */
export const PUBLIC_DAYS = Object.freeze({ default: 60, page: 31, max: 120 })
/** How many entries a printed register holds at most. */
export const PRINT_LIMIT = 1000

/** A reception day as the use cases hand it out. */
export type ReceptionDay = DayRecord

/** A reception day as the public sees it: no notes, no usernames. */
export interface PublicReceptionDay {
  readonly id: number
  readonly unit: { readonly code: string; readonly name: string }
  readonly hostName: string
  readonly hostTitle: string | null
  readonly hostRole: HostRole
  readonly day: string
  readonly starts: string
  readonly ends: string
  readonly venue: string
  readonly status: DayStatus
}

/** A register entry with where it stands against its notice deadline. */
export interface ReceptionCase extends CaseRecord {
  readonly noticeState: NoticeState
  readonly isOverdue: boolean
}

/** One row of the compliance view: a unit, a role and its figures. */
export interface ComplianceRow extends ComplianceFigures {
  readonly unit: { readonly code: string; readonly name: string }
  readonly hostRole: HostRole
  /** Who received (or is to receive) in the period. */
  readonly hosts: readonly string[]
}

/** The compliance view of a unit (its commune-level units) over a period. */
export interface ComplianceReport {
  readonly unit: { readonly code: string; readonly name: string }
  readonly from: string
  readonly to: string
  readonly rows: readonly ComplianceRow[]
  /** Per role with a minimum: units meeting it, of all units ("12/12"). */
  readonly summary: Readonly<Record<'chair' | 'party_secretary', { readonly met: number; readonly total: number }>>
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Trims; empty becomes null. */
function optional(value: string | null | undefined): string | null {
  const trimmed = typeof value === 'string' ? value.trim() : ''
  return trimmed === '' ? null : trimmed
}

/** A required text of bounded length, or a field error. */
function boundedText(fields: FieldErrors, name: string, value: string | null | undefined, min: number, max: number, key: string): string {
  const text = typeof value === 'string' ? value.trim() : ''
  if (text.length < min || text.length > max) fields[name] = key
  return text
}

/** Today in Vietnam. */
function todayOf(deps: Pick<ReceptionDeps, 'clock'>): CivilDate {
  return localDateOf(deps.clock.now())
}

/** Whether a date lies within the horizon around today. */
function isWithinHorizon(date: CivilDate, today: CivilDate): boolean {
  return Math.abs(toEpochDay(date) - toEpochDay(today)) <= HORIZON_DAYS
}

/** The audit actor of a principal. */
const actor = (principal: Principal) => units.actorOf(principal)

/** Throws 403 unless the principal keeps reception somewhere. */
function requireReceptionStaff(principal: Principal): string[] {
  const roots = receptionRoots(principal)
  if (roots.length === 0) throw new ForbiddenError()
  return roots
}

/** The unit a change names: a 422 beside the field when it does not exist, a 403 when it is not the principal's. */
async function unitForChange(deps: ReceptionDeps, principal: Principal, unitCode: string | null | undefined, fields: FieldErrors, field = 'unitCode'): Promise<Unit | null> {
  requireReceptionStaff(principal)
  const code = optional(unitCode)
  const unit = code ? await units.getUnitByCode(deps, code).catch(() => null) : null
  if (!unit || unit.isDisabled) {
    fields[field] = 'reception.errors.unit'
    return null
  }
  if (!canManageReception(principal, unit.path)) throw new ForbiddenError()
  return unit
}

/** The unit a list is filtered by (and those under it), or the principal's own roots; a 400 for an unknown one, a 403 for another's. */
async function rootsForFilter(deps: ReceptionDeps, principal: Principal, unitCode: string | null | undefined): Promise<{ roots: string[]; unit: Unit | null }> {
  const mine = requireReceptionStaff(principal)
  const code = optional(unitCode)
  if (!code) return { roots: mine, unit: null }
  const unit = await units.getUnitByCode(deps, code).catch(() => null)
  if (!unit) throw new BadRequestError('errors.badRequest', { unit: 'reception.errors.unit' })
  if (!canManageReception(principal, unit.path)) throw new ForbiddenError()
  return { roots: [unit.path], unit }
}

/** Resolves a host by username: an enabled staff member leading the unit or a unit above it. */
async function hostFor(deps: ReceptionDeps, unit: Unit | null, username: string | null | undefined, fields: FieldErrors): Promise<{ id: number; fullName: string } | null> {
  const name = optional(username)?.toLowerCase() ?? null
  const staff = name ? await units.getStaffByUsername(deps, name).catch(() => null) : null
  const principal = staff && !staff.isDisabled ? await units.loadPrincipal(deps, staff.id) : null
  if (!staff || !principal || (unit && !canHost(principal, unit.path))) {
    fields.hostUsername = 'reception.errors.host'
    return null
  }
  return { id: staff.id, fullName: staff.fullName }
}

/** Loads a day the principal may see; the same 404 for "no such day" and "not yours". */
async function loadDay(deps: ReceptionDeps, principal: Principal, id: number): Promise<DayRecord> {
  requireReceptionStaff(principal)
  const day = Number.isSafeInteger(id) && id > 0 ? await repo.findDay(deps.db, id) : null
  if (!day || !canManageReception(principal, day.unit.path)) throw new NotFoundError('reception.errors.dayNotFound')
  return day
}

/** Loads a register entry the principal may see; the same 404 for "no such entry" and "not yours", so other wards' entries cannot be probed. */
async function loadCase(deps: ReceptionDeps, principal: Principal, id: number): Promise<CaseRecord> {
  requireReceptionStaff(principal)
  const record = Number.isSafeInteger(id) && id > 0 ? await repo.findCase(deps.db, id) : null
  if (!record || !canManageReception(principal, record.unit.path)) throw new NotFoundError('reception.errors.caseNotFound')
  return record
}

/** The view of a register entry at an instant. */
function caseViewOf(record: CaseRecord, now: Date): ReceptionCase {
  const noticeState = noticeStateOf(record, now)
  return { ...record, noticeState, isOverdue: noticeState === 'overdue' }
}

/** What the audit keeps of a day. */
function dayAudit(day: { unitCode: string; hostId: number; hostRole: string; day: string; starts: string; ends: string; venue: string; status: string; note: string | null }) {
  return { unitCode: day.unitCode, hostId: day.hostId, hostRole: day.hostRole, day: day.day, starts: day.starts, ends: day.ends, venue: day.venue, status: day.status, note: day.note }
}

/** The audit form of a stored day. */
function dayAuditOf(day: DayRecord) {
  return dayAudit({ unitCode: day.unit.code, hostId: day.host.id, hostRole: day.hostRole, day: day.day, starts: day.starts, ends: day.ends, venue: day.venue, status: day.status, note: day.note })
}

/** Parses an instant typed by a person or sent by a client; without an offset it is Vietnam time. */
function instantOrNull(text: string | null | undefined): Date | null {
  const value = optional(text)
  if (value === null) return null
  try {
    return parseInstant(value)
  } catch {
    return null
  }
}

// ---------------------------------------------------------------------------------------------
// The public schedule

/**
 * The published schedule: reception days from today on (cancelled ones too, so nobody comes in
 * vain), for the deployment's units or one unit and those under it. No notes, no usernames.
 */
export async function listPublicSchedule(deps: ReceptionDeps, query: { unitCode?: string | null; days?: number } = {}): Promise<PublicReceptionDay[]> {
  const days = Math.min(Math.max(1, Math.trunc(query.days ?? PUBLIC_DAYS.default)), PUBLIC_DAYS.max)
  const code = optional(query.unitCode)
  let root: string | null
  if (code) {
    const unit = await units.getUnitByCode(deps, code).catch(() => null)
    if (!unit || unit.isDisabled) throw new NotFoundError('reception.errors.unitNotFound')
    root = unit.path
  } else {
    root = (await units.getHomeUnit(deps))?.path ?? null
  }
  if (root === null) return []
  const today = todayOf(deps)
  const rows = await repo.listDays(deps.db, { roots: [root], from: formatCivilDate(today), to: formatCivilDate(addDays(today, days - 1)), isEnabledOnly: true, limit: 2000 })
  return rows.map((d) => ({
    id: d.id,
    unit: { code: d.unit.code, name: d.unit.name },
    hostName: d.host.fullName,
    hostTitle: d.host.title,
    hostRole: d.hostRole,
    day: d.day,
    starts: d.starts,
    ends: d.ends,
    venue: d.venue,
    status: d.status,
  }))
}

// ---------------------------------------------------------------------------------------------
// Reception days

/** What a new reception day carries; field errors are named after these keys. */
export interface DayInput {
  readonly unitCode: string
  readonly hostUsername: string
  readonly hostRole: string
  /** `YYYY-MM-DD`. */
  readonly day: string
  /** `HH:MM`. */
  readonly starts: string
  readonly ends: string
  readonly venue: string
  readonly note?: string | null
}

/** Checks the parts every day shares: role, hours, venue, note. */
function checkDayParts(fields: FieldErrors, input: { hostRole: string; starts: string; ends: string; venue: string; note?: string | null | undefined }): { venue: string; note: string | null } {
  if (!isHostRole(input.hostRole)) fields.hostRole = 'reception.errors.hostRole'
  Object.assign(fields, hoursProblems(String(input.starts ?? '').trim(), String(input.ends ?? '').trim()))
  const venue = boundedText(fields, 'venue', input.venue, 2, 200, 'reception.errors.venue')
  const note = optional(input.note)
  if (note !== null && note.length > 1000) fields.note = 'reception.errors.note'
  return { venue, note }
}

/** Lists reception days the principal may see in a span of dates (default: this month), optionally for one unit and those under it. */
export async function listDays(deps: ReceptionDeps, principal: Principal, query: { unitCode?: string | null; from?: string | null; to?: string | null; status?: string | null } = {}): Promise<{ from: string; to: string; days: ReceptionDay[] }> {
  const { roots } = await rootsForFilter(deps, principal, query.unitCode)
  const month = monthOf(todayOf(deps))
  const parsed = parsePeriod(optional(query.from) ?? formatCivilDate(month.from), optional(query.to) ?? formatCivilDate(month.to))
  if ('fields' in parsed) throw new BadRequestError('errors.badRequest', parsed.fields)
  const status = optional(query.status)
  if (status !== null && status !== 'scheduled' && status !== 'held' && status !== 'cancelled') throw new BadRequestError('errors.badRequest', { status: 'reception.errors.status' })
  const from = formatCivilDate(parsed.period.from)
  const to = formatCivilDate(parsed.period.to)
  const days = await repo.listDays(deps.db, { roots, from, to, ...(status ? { statuses: [status] } : {}), limit: 5000 })
  return { from, to, days }
}

/** One reception day the principal may see. */
export function getDay(deps: ReceptionDeps, principal: Principal, id: number): Promise<ReceptionDay> {
  return loadDay(deps, principal, id)
}

/** Puts one reception day on a leader's schedule. */
export async function scheduleDay(deps: ReceptionDeps, principal: Principal, input: DayInput): Promise<ReceptionDay> {
  const fields: FieldErrors = {}
  const unit = await unitForChange(deps, principal, input.unitCode, fields)
  const host = await hostFor(deps, unit, input.hostUsername, fields)
  const { venue, note } = checkDayParts(fields, input)
  const today = todayOf(deps)
  const date = parseDateOrNull(input.day)
  if (!date || !isWithinHorizon(date, today)) fields.day = 'reception.errors.day'
  if (Object.keys(fields).length > 0 || !unit || !host || !date) throw new ValidationError(fields)
  const day = formatCivilDate(date)
  const now = deps.clock.now()
  const id = await deps.db.transaction().execute(async (trx) => {
    if ((await repo.findHostDates(trx, host.id, [day])).has(day)) throw new ConflictError('reception.errors.duplicateDay', { day: 'reception.errors.duplicateDay' })
    const row = { unit_id: unit.id, staff_id: host.id, host_role: input.hostRole, day, starts: input.starts.trim(), ends: input.ends.trim(), venue, status: 'scheduled', note, created_at: instant(now), updated_at: instant(now) }
    const id = await repo.insertDay(trx, row)
    await appendAudit(trx, { actor: actor(principal), at: now, entity: 'reception_day', entityId: id, action: 'create', after: dayAudit({ ...row, unitCode: unit.code, hostId: host.id, hostRole: row.host_role }) })
    return id
  })
  return (await repo.findDay(deps.db, id))!
}

/** What a pattern of reception days carries. */
export interface PatternInput {
  readonly unitCode: string
  readonly hostUsername: string
  readonly hostRole: string
  /** First and last date of the period, `YYYY-MM-DD`. */
  readonly from: string
  readonly to: string
  readonly kind: string
  /** weekly: 0 = Sunday … 6 = Saturday. */
  readonly weekdays?: readonly number[]
  /** monthly_weekday: the weekday and which of its occurrences (1–5, -1 for the last). */
  readonly weekday?: number | null
  readonly ordinals?: readonly number[]
  /** monthly_day: days of the month (1–31). */
  readonly monthDays?: readonly number[]
  readonly starts: string
  readonly ends: string
  readonly venue: string
  readonly note?: string | null
}

/** What a pattern did: the days created, and the dates left out. */
export interface PatternResult {
  readonly created: readonly ReceptionDay[]
  /** Dates of the pattern that are days off in the unit's calendar. */
  readonly skippedDaysOff: readonly string[]
  /** Dates the host already receives on. */
  readonly skippedExisting: readonly string[]
}

/** The pattern an input describes, or field errors. */
function patternOf(input: PatternInput, fields: FieldErrors): SchedulePattern | null {
  let pattern: SchedulePattern
  switch (input.kind) {
    case 'weekly':
      pattern = { kind: 'weekly', weekdays: [...new Set(input.weekdays ?? [])] as Weekday[] }
      break
    case 'monthly_weekday':
      pattern = { kind: 'monthly_weekday', weekday: (input.weekday ?? -1) as Weekday, ordinals: [...new Set(input.ordinals ?? [])] as WeekdayOrdinal[] }
      break
    case 'monthly_day':
      pattern = { kind: 'monthly_day', days: [...new Set(input.monthDays ?? [])] }
      break
    default:
      fields.kind = 'reception.errors.patternKind'
      return null
  }
  const problems = patternProblems(pattern)
  Object.assign(fields, problems)
  return Object.keys(problems).length === 0 ? pattern : null
}

/**
 * Puts a leader's days of a weekly or monthly pattern over a period on the schedule, in one
 * transaction: days off in the unit's calendar are skipped, and so are dates the host already
 * receives on. A pattern that yields no date at all is a 422.
 */
export async function schedulePattern(deps: ReceptionDeps, principal: Principal, input: PatternInput): Promise<PatternResult> {
  const fields: FieldErrors = {}
  const unit = await unitForChange(deps, principal, input.unitCode, fields)
  const host = await hostFor(deps, unit, input.hostUsername, fields)
  const { venue, note } = checkDayParts(fields, input)
  const pattern = patternOf(input, fields)
  const parsed = parsePeriod(String(input.from ?? ''), String(input.to ?? ''))
  const today = todayOf(deps)
  if ('fields' in parsed) Object.assign(fields, parsed.fields)
  else if (!isWithinHorizon(parsed.period.from, today) || !isWithinHorizon(parsed.period.to, today)) fields.from = 'reception.errors.day'
  if (Object.keys(fields).length > 0 || !unit || !host || !pattern || 'fields' in parsed) throw new ValidationError(fields)
  const calendar = await deps.calendar.calendarFor(unit.id)
  const expanded = expandPattern(pattern, parsed.period, (d) => calendar.isWorkingDay(d))
  if (expanded.dates.length === 0) throw new ValidationError({}, 'reception.errors.patternEmpty')
  const dates = expanded.dates.map(formatCivilDate)
  const now = deps.clock.now()
  const { ids, existing } = await deps.db.transaction().execute(async (trx) => {
    const taken = await repo.findHostDates(trx, host.id, dates)
    const ids: number[] = []
    for (const day of dates) {
      if (taken.has(day)) continue
      const row = { unit_id: unit.id, staff_id: host.id, host_role: input.hostRole, day, starts: input.starts.trim(), ends: input.ends.trim(), venue, status: 'scheduled', note, created_at: instant(now), updated_at: instant(now) }
      const id = await repo.insertDay(trx, row)
      await appendAudit(trx, {
        actor: actor(principal),
        at: now,
        entity: 'reception_day',
        entityId: id,
        action: 'create',
        after: { ...dayAudit({ ...row, unitCode: unit.code, hostId: host.id, hostRole: row.host_role }), pattern: pattern.kind },
      })
      ids.push(id)
    }
    return { ids, existing: dates.filter((d) => taken.has(d)) }
  })
  const created = (await Promise.all(ids.map((id) => repo.findDay(deps.db, id)))).filter((d): d is DayRecord => d !== null)
  return { created, skippedDaysOff: expanded.skippedDaysOff.map(formatCivilDate), skippedExisting: existing }
}

/** Changes a scheduled day: the host, role, date, hours, venue or note. */
export async function updateDay(
  deps: ReceptionDeps,
  principal: Principal,
  id: number,
  changes: { hostUsername?: string; hostRole?: string; day?: string; starts?: string; ends?: string; venue?: string; note?: string | null },
): Promise<ReceptionDay> {
  const before = await loadDay(deps, principal, id)
  const refusal = dayRefusal(before, 'edit', todayOf(deps))
  if (refusal) throw new ConflictError(refusal)
  const fields: FieldErrors = {}
  const unit = await units.getUnitById(deps, before.unit.id)
  const host = changes.hostUsername !== undefined ? await hostFor(deps, unit, changes.hostUsername, fields) : { id: before.host.id, fullName: before.host.fullName }
  const next = {
    hostRole: changes.hostRole ?? before.hostRole,
    starts: (changes.starts ?? before.starts).trim(),
    ends: (changes.ends ?? before.ends).trim(),
    venue: changes.venue ?? before.venue,
    note: changes.note !== undefined ? changes.note : before.note,
  }
  const { venue, note } = checkDayParts(fields, next)
  let day = before.day
  if (changes.day !== undefined) {
    const date = parseDateOrNull(changes.day)
    if (!date || !isWithinHorizon(date, todayOf(deps))) fields.day = 'reception.errors.day'
    else day = formatCivilDate(date)
  }
  if (Object.keys(fields).length > 0 || !host) throw new ValidationError(fields)
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    if ((host.id !== before.host.id || day !== before.day) && (await repo.findHostDates(trx, host.id, [day])).has(day)) {
      throw new ConflictError('reception.errors.duplicateDay', { day: 'reception.errors.duplicateDay' })
    }
    const row = { staff_id: host.id, host_role: next.hostRole, day, starts: next.starts, ends: next.ends, venue, note, updated_at: instant(now) }
    if (!(await repo.updateDay(trx, before, row))) throw new ConflictError('reception.errors.dayClosed')
    await appendAudit(trx, {
      actor: actor(principal),
      at: now,
      entity: 'reception_day',
      entityId: before.id,
      action: 'update',
      before: dayAuditOf(before),
      after: dayAudit({ ...row, unitCode: before.unit.code, hostId: host.id, hostRole: row.host_role, status: before.status }),
    })
  })
  return (await repo.findDay(deps.db, before.id))!
}

/** Removes a scheduled day that no register entry names (one held or cancelled stays, for the record). */
export async function deleteDay(deps: ReceptionDeps, principal: Principal, id: number): Promise<void> {
  const before = await loadDay(deps, principal, id)
  const refusal = dayRefusal(before, 'delete', todayOf(deps))
  if (refusal) throw new ConflictError(refusal)
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    if ((await repo.countCasesOfDay(trx, before.id)) > 0) throw new ConflictError('reception.errors.dayHasCases')
    if (!(await repo.deleteDay(trx, before.id))) throw new ConflictError('reception.errors.dayClosed')
    await appendAudit(trx, { actor: actor(principal), at: now, entity: 'reception_day', entityId: before.id, action: 'delete', before: dayAuditOf(before) })
  })
}

/** Moves a scheduled day to held or cancelled, with its note. */
async function closeDay(deps: ReceptionDeps, principal: Principal, id: number, action: Extract<DayAction, 'hold' | 'cancel'>, note: string | null): Promise<ReceptionDay> {
  const before = await loadDay(deps, principal, id)
  const refusal = dayRefusal(before, action, todayOf(deps))
  if (refusal) throw new ConflictError(refusal)
  const status: DayStatus = action === 'hold' ? 'held' : 'cancelled'
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const changes = { status, note: note ?? before.note, updated_at: instant(now) }
    if (!(await repo.updateDay(trx, before, changes))) throw new ConflictError('reception.errors.dayClosed')
    await appendAudit(trx, { actor: actor(principal), at: now, entity: 'reception_day', entityId: before.id, action, before: { status: before.status, note: before.note }, after: { status, note: changes.note } })
  })
  return (await repo.findDay(deps.db, before.id))!
}

/** Records that a reception day took place (on or after its date). */
export async function markDayHeld(deps: ReceptionDeps, principal: Principal, id: number, input: { note?: string | null } = {}): Promise<ReceptionDay> {
  const note = optional(input.note)
  if (note !== null && note.length > 1000) throw new ValidationError({ note: 'reception.errors.note' })
  return closeDay(deps, principal, id, 'hold', note)
}

/** Cancels a scheduled day, with the reason (the public schedule shows it as cancelled). */
export async function cancelDay(deps: ReceptionDeps, principal: Principal, id: number, input: { reason?: string | null }): Promise<ReceptionDay> {
  const fields: FieldErrors = {}
  const reason = boundedText(fields, 'reason', input.reason, 5, 1000, 'reception.errors.reason')
  // Scope first: a stranger learns nothing about the day from a message about the reason.
  await loadDay(deps, principal, id)
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
  return closeDay(deps, principal, id, 'cancel', reason)
}

// ---------------------------------------------------------------------------------------------
// The register

/** What a register entry carries; field errors are named after these keys. */
export interface CaseInput {
  readonly unitCode: string
  readonly receptionDayId?: number | null
  /** When the citizen was received; ISO-8601 (Vietnam time without an offset); now when absent. */
  readonly receivedAt?: string | null
  readonly citizenName: string
  readonly citizenAddress?: string | null
  readonly peopleCount: number
  readonly content: string
  readonly earlierHandling?: string | null
  readonly kind: string
  readonly direction: string
  readonly outcome?: string | null
}

/**
 * Writes a matter into the register, with its notice deadline: 10 working days after the day of
 * receipt in the unit's own calendar (holidays and the administrator's edits included).
 */
export async function recordCase(deps: ReceptionDeps, principal: Principal, input: CaseInput): Promise<ReceptionCase> {
  const fields: FieldErrors = {}
  const unit = await unitForChange(deps, principal, input.unitCode, fields)
  const now = deps.clock.now()
  const receivedAt = optional(input.receivedAt) === null ? now : instantOrNull(input.receivedAt)
  // A minute of slack for a clock a little ahead of the server's.
  if (!receivedAt || receivedAt.getTime() > now.getTime() + 60_000 || receivedAt.getTime() < now.getTime() - HORIZON_DAYS * 86_400_000) fields.receivedAt = 'reception.errors.receivedAt'
  const citizenName = boundedText(fields, 'citizenName', input.citizenName, 2, 120, 'reception.errors.citizenName')
  const citizenAddress = optional(input.citizenAddress)
  if (citizenAddress !== null && citizenAddress.length > 300) fields.citizenAddress = 'reception.errors.citizenAddress'
  const peopleCount = input.peopleCount
  if (!Number.isInteger(peopleCount) || peopleCount < 1 || peopleCount > 500) fields.peopleCount = 'reception.errors.peopleCount'
  const content = boundedText(fields, 'content', input.content, 5, 5000, 'reception.errors.content')
  const earlierHandling = optional(input.earlierHandling)
  if (earlierHandling !== null && earlierHandling.length > 2000) fields.earlierHandling = 'reception.errors.earlierHandling'
  if (!isCaseKind(input.kind)) fields.kind = 'reception.errors.kind'
  if (!isCaseDirection(input.direction)) fields.direction = 'reception.errors.direction'
  const outcome = optional(input.outcome)
  if (outcome !== null && outcome.length > 2000) fields.outcome = 'reception.errors.outcome'
  const dayId = input.receptionDayId ?? null
  if (dayId !== null && unit) {
    const day = Number.isSafeInteger(dayId) && dayId > 0 ? await repo.findDay(deps.db, dayId) : null
    if (!day || day.unit.id !== unit.id) fields.receptionDayId = 'reception.errors.receptionDay'
  }
  if (Object.keys(fields).length > 0 || !unit || !receivedAt || !isCaseKind(input.kind) || !isCaseDirection(input.direction)) throw new ValidationError(fields)
  const calendar = await deps.calendar.calendarFor(unit.id)
  const dueAt = notifyDueAt(calendar, receivedAt)
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertCase(trx, {
      unit_id: unit.id,
      reception_day_id: dayId,
      received_at: instant(receivedAt),
      received_by: principal.staffId,
      citizen_name: citizenName,
      citizen_address: citizenAddress,
      people_count: peopleCount,
      content,
      earlier_handling: earlierHandling,
      kind: input.kind,
      direction: input.direction,
      outcome,
      notify_due_at: instant(dueAt),
      notified_at: null,
      notice: null,
      created_at: instant(now),
      updated_at: instant(now),
    })
    // The audit keeps what happened, not who came: no names or addresses of citizens.
    await appendAudit(trx, {
      actor: actor(principal),
      at: now,
      entity: 'reception_case',
      entityId: id,
      action: 'create',
      after: { unitCode: unit.code, receptionDayId: dayId, receivedAt: instant(receivedAt), kind: input.kind, direction: input.direction, peopleCount, notifyDueAt: instant(dueAt) },
    })
    return id
  })
  return caseViewOf((await repo.findCase(deps.db, id))!, now)
}

/** One register entry the principal may see. */
export async function getCase(deps: ReceptionDeps, principal: Principal, id: number): Promise<ReceptionCase> {
  return caseViewOf(await loadCase(deps, principal, id), deps.clock.now())
}

/** Changes how a matter was directed and what came of it. */
export async function updateCase(deps: ReceptionDeps, principal: Principal, id: number, changes: { direction?: string | null; outcome?: string | null }): Promise<ReceptionCase> {
  const before = await loadCase(deps, principal, id)
  const fields: FieldErrors = {}
  const direction = changes.direction === undefined || changes.direction === null ? before.direction : changes.direction
  if (!isCaseDirection(direction)) fields.direction = 'reception.errors.direction'
  const outcome = changes.outcome === undefined ? before.outcome : optional(changes.outcome)
  if (outcome !== null && outcome.length > 2000) fields.outcome = 'reception.errors.outcome'
  if (Object.keys(fields).length > 0 || !isCaseDirection(direction)) throw new ValidationError(fields)
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateCase(trx, before.id, { direction, outcome, updated_at: instant(now) })
    await appendAudit(trx, {
      actor: actor(principal),
      at: now,
      entity: 'reception_case',
      entityId: before.id,
      action: 'update',
      before: { direction: before.direction, outcome: before.outcome },
      after: { direction, outcome },
    })
  })
  return caseViewOf((await repo.findCase(deps.db, before.id))!, now)
}

/** Records what the citizen was told and when (now when not given); once per entry. */
export async function recordNotice(deps: ReceptionDeps, principal: Principal, id: number, input: { notice: string; notifiedAt?: string | null }): Promise<ReceptionCase> {
  const before = await loadCase(deps, principal, id)
  if (before.notifiedAt !== null) throw new ConflictError('reception.errors.alreadyNotified')
  const fields: FieldErrors = {}
  if (!isCaseNotice(input.notice)) fields.notice = 'reception.errors.notice'
  const now = deps.clock.now()
  const notifiedAt = optional(input.notifiedAt) === null ? now : instantOrNull(input.notifiedAt)
  if (!notifiedAt || notifiedAt.getTime() > now.getTime() + 60_000 || notifiedAt.getTime() < before.receivedAt.getTime()) fields.notifiedAt = 'reception.errors.notifiedAt'
  if (Object.keys(fields).length > 0 || !notifiedAt || !isCaseNotice(input.notice)) throw new ValidationError(fields)
  const notice: CaseNotice = input.notice
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.recordNotice(trx, before.id, { notice, notified_at: instant(notifiedAt), updated_at: instant(now) }))) throw new ConflictError('reception.errors.alreadyNotified')
    await appendAudit(trx, {
      actor: actor(principal),
      at: now,
      entity: 'reception_case',
      entityId: before.id,
      action: 'notify',
      after: { notice, notifiedAt: instant(notifiedAt), isOnTime: notifiedAt.getTime() <= before.notifyDueAt.getTime() },
    })
  })
  return caseViewOf((await repo.findCase(deps.db, before.id))!, now)
}

/** Filters of the register, as typed (dates `YYYY-MM-DD`). */
export interface CaseQuery {
  readonly unitCode?: string | null
  readonly from?: string | null
  readonly to?: string | null
  readonly kind?: string | null
  readonly overdue?: boolean
  readonly page?: number
  readonly pageSize?: number
}

/** Turns the register's filters into repository terms; a 400 beside the filter that names nothing. */
async function caseFilterOf(deps: ReceptionDeps, principal: Principal, query: CaseQuery): Promise<{ filter: repo.CaseFilter; unit: Unit | null; period: Period | null }> {
  const fields: FieldErrors = {}
  // An unknown unit is one more field error among the others, so every message shows at once.
  const scope = await rootsForFilter(deps, principal, query.unitCode).catch((error: unknown) => {
    if (!(error instanceof BadRequestError)) throw error
    Object.assign(fields, error.fields)
    return { roots: [] as string[], unit: null }
  })
  const { roots, unit } = scope
  const fromText = optional(query.from)
  const toText = optional(query.to)
  const from = fromText === null ? null : parseDateOrNull(fromText)
  const to = toText === null ? null : parseDateOrNull(toText)
  if (fromText !== null && !from) fields.from = 'reception.errors.date'
  if (toText !== null && !to) fields.to = 'reception.errors.date'
  if (from && to && toEpochDay(to) < toEpochDay(from)) fields.to = 'reception.errors.periodOrder'
  const kind = optional(query.kind)
  if (kind !== null && !isCaseKind(kind)) fields.kind = 'reception.errors.kind'
  if (Object.keys(fields).length > 0) throw new BadRequestError('errors.badRequest', fields)
  return {
    unit,
    period: from && to ? { from, to } : null,
    filter: {
      roots,
      ...(from ? { from: instantOf(from) } : {}),
      ...(to ? { before: instantOf(addDays(to, 1)) } : {}),
      ...(kind ? { kinds: [kind as CaseKind] } : {}),
      ...(query.overdue ? { overdueAt: deps.clock.now() } : {}),
    },
  }
}

/** A page of the register the principal may see, oldest first, with filters by unit, period, kind and overdue. */
export async function listCases(deps: ReceptionDeps, principal: Principal, query: CaseQuery = {}): Promise<{ total: number; page: number; pageSize: number; items: ReceptionCase[] }> {
  const page = Math.max(1, Math.trunc(query.page ?? 1))
  const pageSize = Math.min(Math.max(1, Math.trunc(query.pageSize ?? 25)), 200)
  const { filter } = await caseFilterOf(deps, principal, query)
  const result = await repo.listCases(deps.db, { ...filter, offset: (page - 1) * pageSize, limit: pageSize })
  const now = deps.clock.now()
  return { total: result.total, page, pageSize, items: result.items.map((r) => caseViewOf(r, now)) }
}

/** The register of one unit (and those under it) over a period, for printing; at most PRINT_LIMIT entries. */
export async function registerForPrint(
  deps: ReceptionDeps,
  principal: Principal,
  query: { unitCode: string; from: string; to: string },
): Promise<{ unit: { code: string; name: string }; from: string; to: string; printedAt: Date; cases: ReceptionCase[]; isTruncated: boolean }> {
  const fields: FieldErrors = {}
  if (optional(query.unitCode) === null) fields.unit = 'reception.errors.unit'
  const parsed = parsePeriod(String(query.from ?? ''), String(query.to ?? ''))
  if ('fields' in parsed) Object.assign(fields, parsed.fields)
  if (Object.keys(fields).length > 0) throw new BadRequestError('errors.badRequest', fields)
  const { filter, unit } = await caseFilterOf(deps, principal, { unitCode: query.unitCode, from: query.from, to: query.to })
  if (!unit) throw new BadRequestError('errors.badRequest', { unit: 'reception.errors.unit' })
  const result = await repo.listCases(deps.db, { ...filter, limit: PRINT_LIMIT + 1 })
  const now = deps.clock.now()
  return {
    unit: { code: unit.code, name: unit.name },
    from: optional(query.from)!,
    to: optional(query.to)!,
    printedAt: now,
    cases: result.items.slice(0, PRINT_LIMIT).map((r) => caseViewOf(r, now)),
    isTruncated: result.items.length > PRINT_LIMIT,
  }
}

// ---------------------------------------------------------------------------------------------
// Compliance

/**
 * Scheduled and held reception days against the required ones, per commune-level unit and host
 * role, over a period (default: this month): the unit itself when it is a ward or commune, else
 * every ward and commune under it. Deputies appear only where they received.
 */
export async function complianceReport(deps: ReceptionDeps, principal: Principal, query: { unitCode?: string | null; from?: string | null; to?: string | null } = {}): Promise<ComplianceReport> {
  const mine = requireReceptionStaff(principal)
  // Every unit read once: the one asked for and the communes under it are found among them.
  const all = await units.listUnits(deps)
  let unit: Unit | null
  const code = optional(query.unitCode)
  if (code) {
    unit = all.find((u) => u.code === code) ?? null
    if (!unit) throw new BadRequestError('errors.badRequest', { unit: 'reception.errors.unit' })
    if (!canManageReception(principal, unit.path)) throw new ForbiddenError()
  } else {
    // The widest unit the principal keeps reception for.
    const root = [...mine].sort((a, b) => a.length - b.length)[0]!
    unit = all.find((u) => u.path === root) ?? null
    if (!unit) throw new ForbiddenError()
  }
  const month = monthOf(todayOf(deps))
  const parsed = parsePeriod(optional(query.from) ?? formatCivilDate(month.from), optional(query.to) ?? formatCivilDate(month.to))
  if ('fields' in parsed) throw new BadRequestError('errors.badRequest', parsed.fields)
  const period = parsed.period
  const from = formatCivilDate(period.from)
  const to = formatCivilDate(period.to)
  const root = unit
  const communes = all.filter((u) => !u.isDisabled && COMMUNE_LEVELS.has(u.level) && u.path.startsWith(root.path))
  const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true })
  communes.sort((a, b) => collator.compare(a.name, b.name))
  // Weeks and months at the edges of the period are judged whole, so their days are read too.
  const span = bucketSpan(period)
  const [days, calendars] = await Promise.all([repo.listDays(deps.db, { roots: [root.path], from: formatCivilDate(span.from), to: formatCivilDate(span.to) }), calendarsOf(deps, communes)])
  const daysByUnit = new Map<number, typeof days>()
  for (const d of days) {
    const ofUnit = daysByUnit.get(d.unit.id)
    if (ofUnit) ofUnit.push(d)
    else daysByUnit.set(d.unit.id, [d])
  }
  const rows: ComplianceRow[] = []
  const summary = { chair: { met: 0, total: 0 }, party_secretary: { met: 0, total: 0 } }
  for (const [index, commune] of communes.entries()) {
    const calendar = calendars[index]!
    const isWorkingDay = (d: CivilDate) => calendar.isWorkingDay(d)
    const ofUnit = daysByUnit.get(commune.id) ?? []
    for (const role of HOST_ROLES) {
      const ofRole = ofUnit.filter((d) => d.hostRole === role)
      if (role === 'deputy' && ofRole.length === 0) continue
      const figures = complianceOf(role, period, ofRole, isWorkingDay)
      rows.push({ unit: { code: commune.code, name: commune.name }, hostRole: role, hosts: [...new Set(ofRole.map((d) => d.host.fullName))], ...figures })
      if (role !== 'deputy') {
        summary[role].total += 1
        if (figures.isMet) summary[role].met += 1
      }
    }
  }
  return { unit: { code: root.code, name: root.name }, from, to, rows, summary }
}

/**
 * The working calendars of some units, in their order. Asked for together after the first (which
 * loads the calendar's stored edits once): one after another, a province's hundred communes waited
 * on two hundred queries in a row.
 */
async function calendarsOf(deps: ReceptionDeps, list: readonly Unit[]): Promise<WorkingCalendar[]> {
  if (list.length === 0) return []
  const first = await deps.calendar.calendarFor(list[0]!.id)
  return [first, ...(await Promise.all(list.slice(1).map((unit) => deps.calendar.calendarFor(unit.id))))]
}

// ---------------------------------------------------------------------------------------------
// For the pages

/** The enabled units where the principal keeps reception, and those under them, widest first. */
export async function unitsOf(deps: ReceptionDeps, principal: Principal): Promise<Unit[]> {
  const roots = receptionRoots(principal)
  if (roots.length === 0) return []
  const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true })
  return (await units.listUnits(deps))
    .filter((u) => !u.isDisabled && roots.some((r) => u.path.startsWith(r)))
    .sort((a, b) => a.path.split('/').length - b.path.split('/').length || collator.compare(a.name, b.name))
}

/** The leaders of each unit (by their grant on it), who may host its reception days. */
export async function hostsOf(deps: ReceptionDeps, list: readonly Unit[]): Promise<{ unit: Unit; hosts: { username: string; fullName: string }[] }[]> {
  return Promise.all(list.map(async (unit) => ({ unit, hosts: (await units.staffWithRolesOn(deps, unit.id, ['leader'])).map((s) => ({ username: s.username, fullName: s.fullName })) })))
}
