/**
 * Use cases of the one-stop desk (bộ phận một cửa): receive a dossier, move it through processing,
 * return the result, and let the applicant follow it. Each use case owns one transaction holding the
 * dossier change, its history line, its audit entry and the messages to the applicant.
 */
import { randomInt } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { Database } from '../../db/schema.ts'
import { instant } from '../../db/portable.ts'
import { appendAudit } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import type { Clock } from '../../platform/clock.ts'
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { hitCounter, readCounter } from '../../platform/http/rate-counter.ts'
import type { I18n } from '../../platform/i18n/i18n.ts'
import { enqueueMessage } from '../../platform/jobs/outbox.ts'
import * as calendarFeature from '../calendar/index.ts'
import type { CalendarService } from '../calendar/index.ts'
import * as dashboard from '../dashboard/index.ts'
import * as procedures from '../procedures/index.ts'
import type { DocumentForm, Procedure } from '../procedures/index.ts'
import * as units from '../units/index.ts'
import * as repo from './dossier.repository.ts'
import type { DossierEvent, DossierRecord } from './dossier.repository.ts'
import { ASSIGNEE_ROLES, canAct, canReceive, canViewDossiers, VIEW_ROLES } from './dossier.policy.ts'
import {
  allowedActions,
  CHANNELS,
  DOSSIER_ACTIONS,
  DOSSIER_CODE_PATTERN,
  formatDossierCode,
  isOverdue,
  maskName,
  nextStatus,
  refusalOf,
  RETURN_METHODS,
} from './dossier.ts'
import type { Channel, DossierAction, DossierState, DossierStatus, ReturnMethod, Timing } from './dossier.ts'
import { EXPORT_ROW_LIMIT } from '../../views/table-export.ts'

/** What the desk's use cases need. */
export interface DossierDeps {
  readonly db: Db
  readonly clock: Clock
  readonly calendar: CalendarService
  readonly i18n: I18n
  /** Public address, for the lookup link sent to applicants. */
  readonly baseUrl: string
}

/** A document of the procedure's list and whether the applicant handed it in (or showed it). */
export interface DossierDocument {
  readonly name: string
  readonly isProvided: boolean
  readonly isRequired: boolean
  readonly form: DocumentForm
  readonly copies: number
  readonly note: string | null
}

/** A dossier as staff see it. */
export interface Dossier extends DossierRecord {
  readonly documents: readonly DossierDocument[]
  /** Required documents not handed in: what the guidance slip (form 02) lists. */
  readonly missingDocuments: readonly string[]
  readonly isOverdue: boolean
  readonly procedure: Procedure
}

/** What the desk officer enters on receiving a dossier. */
export interface ReceiveInput {
  readonly procedureCode: string
  readonly unitCode: string
  readonly applicant: { fullName: string; idNumber?: string | null; phone?: string | null; email?: string | null; address?: string | null }
  readonly documents: readonly string[]
  readonly channel?: string
  /** A paper dossier received earlier; never in the future. */
  readonly receivedAt?: string | null
}

/** The fields an action may carry. */
export interface ActionInput {
  readonly action: string
  readonly documents?: readonly string[]
  readonly reason?: string
  readonly note?: string
  readonly toUsername?: string
  readonly toUnitCode?: string
  readonly newDueAt?: string
  readonly method?: string
  readonly receivedAt?: string
}

const PHONE_PATTERN = /^\+?[0-9 .-]{8,15}$/
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
// CMND (9 digits) or căn cước (12 digits).
const ID_NUMBER_PATTERN = /^(\d{9}|\d{12})$/

/** Trims; empty becomes null. */
function optional(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? ''
  return trimmed === '' ? null : trimmed
}

/** A new 6-digit PIN, uniformly random. */
function newPin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0')
}

/** The state the state machine reasons on. */
function stateOf(record: DossierRecord): DossierState {
  return { status: record.status, hasSupplementRequest: record.hasSupplementRequest, hasApology: record.hasApology, hasCode: record.code !== null }
}

/** The Vietnam-time civil date of an instant. */
function vietnamDay(at: Date): { year: number; month: number; day: number } {
  const local = new Date(at.getTime() + 7 * 3_600_000)
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() }
}

/** Builds the staff view of a dossier from its record and the procedure's document list. */
async function assemble(deps: DossierDeps, record: DossierRecord): Promise<Dossier> {
  const [procedure, provided] = await Promise.all([procedures.getProcedureById(deps, record.procedureId), repo.findDocuments(deps.db, record.id)])
  const providedNames = new Set(provided.filter((d) => d.isProvided).map((d) => d.name))
  const documents = procedure.documents.map((d) => ({ name: d.name, isProvided: providedNames.has(d.name), isRequired: d.isRequired, form: d.form, copies: d.copies, note: d.note }))
  return {
    ...record,
    procedure,
    documents,
    missingDocuments: documents.filter((d) => d.isRequired && !d.isProvided).map((d) => d.name),
    isOverdue: isOverdue(record.status, record.dueAt, deps.clock.now()),
  }
}

/** Loads a dossier by code or numeric id; 404 when unknown, 403 when the caller may not see it. */
async function loadForStaff(deps: DossierDeps, principal: Principal, ref: string): Promise<DossierRecord> {
  const record = DOSSIER_CODE_PATTERN.test(ref) ? await repo.findByCode(deps.db, ref) : /^\d{1,12}$/.test(ref) ? await repo.findById(deps.db, Number(ref)) : null
  if (!record) throw new NotFoundError('dossiers.errors.notFound')
  if (!canViewDossiers(principal, record.unitPath)) throw new ForbiddenError()
  return record
}

/** Queues the applicant's messages (SMS and/or e-mail) about a dossier. */
async function notifyApplicant(trx: Transaction<Database>, deps: DossierDeps, record: { applicant: DossierRecord['applicant'] }, key: string, values: Record<string, string>, now: Date): Promise<void> {
  const t = deps.i18n.translator('vi')
  const subject = t(`dossiers.notify.${key}.subject`, values)
  const body = t(`dossiers.notify.${key}.body`, values)
  if (record.applicant.phone) await enqueueMessage(trx, { channel: 'sms', recipient: record.applicant.phone, subject, body }, now)
  if (record.applicant.email) await enqueueMessage(trx, { channel: 'email', recipient: record.applicant.email, subject, body }, now)
}

/** Formats an instant for a resident: "17:00 ngày 04/05/2026". */
function forResident(at: Date): string {
  const iso = calendarFeature.formatInstant(at)
  return `${iso.slice(11, 16)} ngày ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`
}

/** Receives a dossier at a unit's desk: complete → code, PIN and due instant; incomplete → guidance. */
export async function receiveDossier(deps: DossierDeps, principal: Principal, input: ReceiveInput): Promise<Dossier> {
  const now = deps.clock.now()
  const fields: FieldErrors = {}
  const unit = await units.getUnitByCode(deps, input.unitCode.trim()).catch(() => null)
  if (!unit) fields.unitCode = 'dossiers.errors.unit'
  let procedure: Procedure | null = null
  try {
    procedure = await procedures.getProcedure(deps, input.procedureCode.trim())
    if (!procedure.isActive) procedure = null
  } catch {
    procedure = null
  }
  if (!procedure) fields.procedureCode = 'dossiers.errors.procedure'
  if (unit && !canReceive(principal, unit.path)) throw new ForbiddenError()

  const fullName = input.applicant.fullName.trim()
  if (fullName.length < 2 || fullName.length > 120) fields['applicant.fullName'] = 'dossiers.errors.fullName'
  const idNumber = optional(input.applicant.idNumber)
  if (idNumber !== null && !ID_NUMBER_PATTERN.test(idNumber)) fields['applicant.idNumber'] = 'dossiers.errors.idNumber'
  const phone = optional(input.applicant.phone)
  if (phone !== null && !PHONE_PATTERN.test(phone)) fields['applicant.phone'] = 'errors.field.phone'
  const email = optional(input.applicant.email)
  if (email !== null && !EMAIL_PATTERN.test(email)) fields['applicant.email'] = 'errors.field.email'
  const address = optional(input.applicant.address)
  if (address !== null && address.length > 300) fields['applicant.address'] = 'dossiers.errors.address'
  const channel = (input.channel ?? 'counter') as Channel
  if (!CHANNELS.includes(channel)) fields.channel = 'dossiers.errors.channel'

  let receivedAt = now
  const receivedAtText = optional(input.receivedAt)
  if (receivedAtText !== null) {
    try {
      receivedAt = calendarFeature.parseInstant(receivedAtText)
      // A paper dossier entered late is allowed; a receipt in the future is not.
      if (receivedAt.getTime() > now.getTime()) fields.receivedAt = 'dossiers.errors.receivedInFuture'
    } catch {
      fields.receivedAt = 'dossiers.errors.receivedAt'
    }
  }
  const listed = new Set(procedure?.documents.map((d) => d.name) ?? [])
  const handedIn = [...new Set(input.documents.map((d) => d.trim()).filter(Boolean))]
  // Nothing beyond the procedure's own list may be asked for or recorded (no "phiền hà").
  if (procedure && handedIn.some((d) => !listed.has(d))) fields.documents = 'dossiers.errors.unknownDocument'
  if (Object.keys(fields).length > 0 || !unit || !procedure) throw new ValidationError(fields)

  const provided = new Set(handedIn)
  const missing = procedure.documents.filter((d) => d.isRequired && !provided.has(d.name)).map((d) => d.name)
  const isComplete = missing.length === 0
  const calendar = await deps.calendar.calendarFor(unit.id)
  const dueAt = isComplete ? calendarFeature.computeDue(calendar, receivedAt, procedure.timeLimit) : null
  const isBackdated = receivedAtText !== null
  const actor = units.actorOf(principal)
  const id = await deps.db.transaction().execute(async (trx) => {
    const status: DossierStatus = isComplete ? 'received' : 'needs_supplement'
    const id = await repo.insertDossier(trx, {
      code: null,
      pin: null,
      unit_id: unit.id,
      procedure_id: procedure.id,
      status,
      channel,
      applicant_name: fullName,
      applicant_id_number: idNumber,
      applicant_phone: phone,
      applicant_email: email,
      applicant_address: address,
      created_at: instant(now),
      received_at: isComplete ? instant(receivedAt) : null,
      due_at: dueAt ? instant(dueAt) : null,
      original_due_at: dueAt ? instant(dueAt) : null,
      received_by: principal.staffId,
      updated_at: instant(now),
    })
    await repo.writeDocuments(trx, id, procedure.documents.map((d) => ({ name: d.name, isProvided: provided.has(d.name) })))
    await repo.insertEvent(trx, {
      dossierId: id,
      at: instant(isComplete ? receivedAt : now),
      actorId: principal.staffId,
      actorLabel: principal.fullName,
      action: isComplete ? 'receive' : 'guide',
      fromStatus: null,
      toStatus: status,
      stepName: procedure.steps[0]?.name ?? null,
      data: isComplete ? { channel, ...(isBackdated ? { enteredAt: instant(now) } : {}) } : { missing },
    })
    // What other desks and app instances also write — the dashboard's figures for the day and,
    // shared by every desk of the agency, the day's code sequence — comes last, the most shared
    // last of all: those rows stay locked until the commit, so the less work after them, the less
    // the desks wait on each other. The dashboard counts the receipt in this same transaction.
    if (isComplete) await dashboard.countDossierEvent(trx, { kind: 'received', unitId: unit.id, procedureId: procedure.id, receivedAt })
    let code: string | null = null
    let pin: string | null = null
    if (isComplete) {
      const day = vietnamDay(receivedAt)
      const agency = unit.agencyCode ?? unit.code
      const sequence = await repo.nextSequence(trx, agency, `${day.year}-${day.month}-${day.day}`)
      code = formatDossierCode(agency, day, sequence)
      pin = newPin()
      await repo.updateDossier(trx, id, { code, pin })
    }
    await appendAudit(trx, {
      actor,
      at: now,
      entity: 'dossier',
      entityId: id,
      action: isBackdated ? 'receive_backdated' : 'receive',
      after: { code, status, procedureCode: procedure.code, unitCode: unit.code, receivedAt: isComplete ? instant(receivedAt) : null, dueAt: dueAt ? instant(dueAt) : null, missing },
    })
    const applicant = { fullName, idNumber, phone, email, address }
    if (isComplete) {
      await notifyApplicant(trx, deps, { applicant }, 'received', { code: code!, pin: pin!, procedure: procedure.name, due: forResident(dueAt!), url: `${deps.baseUrl}/tra-cuu?code=${code}` }, now)
    } else {
      await notifyApplicant(trx, deps, { applicant }, 'guidance', { procedure: procedure.name, missing: missing.join('; ') }, now)
    }
    return id
  })
  return assemble(deps, (await repo.findById(deps.db, id))!)
}

/** One dossier for staff, by code or id. */
export async function getDossier(deps: DossierDeps, principal: Principal, ref: string): Promise<Dossier> {
  return assemble(deps, await loadForStaff(deps, principal, ref))
}

/** A dossier's history, oldest first (for staff). */
export async function getDossierHistory(deps: DossierDeps, principal: Principal, ref: string): Promise<DossierEvent[]> {
  const record = await loadForStaff(deps, principal, ref)
  return repo.findEvents(deps.db, record.id)
}

/** Officials the principal may hand a dossier to now; empty when they may not assign it. */
export async function listAssignees(deps: DossierDeps, principal: Principal, ref: string): Promise<{ username: string; fullName: string; roles: string[] }[]> {
  const record = await loadForStaff(deps, principal, ref)
  if (!canAct(principal, record.unitPath, 'assign')) return []
  return units.staffWithRolesOn(deps, record.unitId, ASSIGNEE_ROLES)
}

/** The actions the principal may take on a dossier now. */
export function actionsFor(principal: Principal, dossier: DossierRecord): DossierAction[] {
  return allowedActions(stateOf(dossier)).filter((action) => canAct(principal, dossier.unitPath, action))
}

/** Filters of the staff dossier list. */
export interface ListInput {
  readonly unitCode?: string
  readonly status?: string
  readonly overdue?: string
  readonly dueSoon?: string
  readonly mine?: string
  readonly q?: string
  readonly from?: string
  readonly to?: string
  readonly page?: number
  readonly pageSize?: number
}

/** The repository's filter for a list input, scoped to what the principal may see; a 400 for a value that names no unit, status or day. */
async function listFilterOf(deps: DossierDeps, principal: Principal, input: ListInput): Promise<Omit<repo.DossierFilter, 'limit' | 'offset'>> {
  const scopes = units.scopeRoots(principal, VIEW_ROLES)
  if (scopes.length === 0) throw new ForbiddenError()
  const now = deps.clock.now()
  let unitPath: string | undefined
  if (input.unitCode) {
    const unit = await units.getUnitByCode(deps, input.unitCode).catch(() => null)
    if (!unit) throw new BadRequestError('dossiers.errors.unit', { unit: 'dossiers.errors.unit' })
    if (!canViewDossiers(principal, unit.path) && !scopes.some((s) => s.isSubtree && unit.path.startsWith(s.path))) throw new ForbiddenError()
    unitPath = unit.path
  }
  const statuses = input.status ? input.status.split(',').map((s) => s.trim()) : undefined
  if (statuses?.some((s) => !['needs_supplement', 'received', 'processing', 'result_ready', 'returned', 'refused', 'stopped'].includes(s))) {
    throw new BadRequestError('dossiers.errors.status', { status: 'dossiers.errors.status' })
  }
  const parseDay = (text: string | undefined, name: string): string | undefined => {
    if (!text) return undefined
    try {
      return instant(calendarFeature.parseInstant(/T/.test(text) ? text : `${text}T00:00:00+07:00`))
    } catch {
      throw new BadRequestError('dossiers.errors.period', { [name]: 'dossiers.errors.period' })
    }
  }
  const isTrue = (v: string | undefined) => v === 'true' || v === '1'
  let dueBefore: string | undefined
  if (isTrue(input.dueSoon)) {
    // Due today or on the next working day (the calendar's "due soon" setting).
    const calendar = await deps.calendar.calendarFor(null)
    const nextWorkingEnd = calendarFeature.computeDue(calendar, now, { kind: 'days', days: Math.max(1, calendar.settings.dueSoonWorkingDays) })
    dueBefore = instant(nextWorkingEnd)
  }
  return {
    scopes,
    ...(unitPath ? { unitPath } : {}),
    ...(statuses ? { statuses: statuses as DossierStatus[] } : {}),
    ...(input.overdue === undefined ? {} : { isOverdue: isTrue(input.overdue) }),
    ...(dueBefore ? { dueBefore } : {}),
    ...(input.from ? { receivedFrom: parseDay(input.from, 'from') } : {}),
    ...(input.to ? { receivedTo: parseDay(input.to, 'to') } : {}),
    ...(isTrue(input.mine) ? { assigneeId: principal.staffId } : {}),
    ...(input.q?.trim() ? { search: input.q.trim() } : {}),
    now: instant(now),
  }
}

/** Dossiers the principal may see, filtered; newest first. */
export async function listDossiers(deps: DossierDeps, principal: Principal, input: ListInput): Promise<{ total: number; page: number; pageSize: number; dossiers: DossierRecord[] }> {
  const filter = await listFilterOf(deps, principal, input)
  const pageSize = Math.min(Math.max(input.pageSize ?? 25, 1), 200)
  const page = Math.max(input.page ?? 1, 1)
  const { total, records } = await repo.findMany(deps.db, { ...filter, limit: pageSize, offset: (page - 1) * pageSize })
  return { total, page, pageSize, dossiers: records }
}

/**
 * Every dossier of the filtered list, newest first, for an export: one query rather than page after
 * page, at most `limit` (EXPORT_ROW_LIMIT) of them; `total` says how many matched.
 */
export async function listDossiersForExport(
  deps: DossierDeps,
  principal: Principal,
  input: Omit<ListInput, 'page' | 'pageSize'>,
  limit = EXPORT_ROW_LIMIT,
): Promise<{ total: number; limit: number; dossiers: DossierRecord[] }> {
  const filter = await listFilterOf(deps, principal, input)
  const { total, records } = await repo.findMany(deps.db, { ...filter, limit, offset: 0 })
  return { total, limit, dossiers: records }
}

/** Takes an action on a dossier: checks role, state and fields, then records it in one transaction. */
export async function actOnDossier(deps: DossierDeps, principal: Principal, ref: string, input: ActionInput): Promise<Dossier> {
  if (!(DOSSIER_ACTIONS as readonly string[]).includes(input.action)) throw new ValidationError({ action: 'dossiers.errors.action' })
  const action = input.action as DossierAction
  const record = await loadForStaff(deps, principal, ref)
  if (!canAct(principal, record.unitPath, action)) throw new ForbiddenError()
  const refusal = refusalOf(stateOf(record), action)
  if (refusal) throw new ConflictError(refusal)
  const dossier = await assemble(deps, record)
  const now = deps.clock.now()
  const fields: FieldErrors = {}
  const changes: Record<string, unknown> = { updated_at: instant(now) }
  const event: { note?: string | null; toStaffId?: number | null; toUnitId?: number | null; stepName?: string | null; data?: Record<string, unknown> } = {}
  const listed = new Set(dossier.procedure.documents.map((d) => d.name))
  const reason = optional(input.reason)
  const note = optional(input.note)
  let notify: { key: string; values: Record<string, string> } | null = null
  let documentsAfter: { name: string; isProvided: boolean }[] | null = null
  let newCode: { code: string; pin: string } | null = null
  const calendar = await deps.calendar.calendarFor(record.unitId)

  switch (action) {
    case 'request_supplement': {
      const requested = [...new Set((input.documents ?? []).map((d) => d.trim()).filter(Boolean))]
      if (requested.length === 0) fields.documents = 'dossiers.errors.documentsRequired'
      // Only what the procedure lists may be asked for.
      else if (requested.some((d) => !listed.has(d))) fields.documents = 'dossiers.errors.unknownDocument'
      changes.has_supplement_request = 1
      changes.due_at = null
      event.data = { requested }
      event.note = note
      notify = { key: 'supplement', values: { code: record.code ?? '', procedure: record.procedureName, documents: requested.join('; ') } }
      documentsAfter = dossier.documents.map((d) => ({ name: d.name, isProvided: d.isProvided && !requested.includes(d.name) }))
      break
    }
    case 'supplement_received': {
      const added = (input.documents ?? []).map((d) => d.trim()).filter(Boolean)
      if (added.some((d) => !listed.has(d))) fields.documents = 'dossiers.errors.unknownDocument'
      const provided = new Set([...dossier.documents.filter((d) => d.isProvided).map((d) => d.name), ...added])
      const stillMissing = dossier.documents.filter((d) => d.isRequired && !provided.has(d.name)).map((d) => d.name)
      if (stillMissing.length > 0 && !fields.documents) fields.documents = 'dossiers.errors.stillMissing'
      let receivedAt = now
      if (input.receivedAt) {
        try {
          receivedAt = calendarFeature.parseInstant(input.receivedAt)
          if (receivedAt.getTime() > now.getTime()) fields.receivedAt = 'dossiers.errors.receivedInFuture'
        } catch {
          fields.receivedAt = 'dossiers.errors.receivedAt'
        }
      }
      if (Object.keys(fields).length > 0) break
      // The time limit restarts from the complete dossier: a fresh full limit, a new first promise.
      const dueAt = calendarFeature.computeDue(calendar, receivedAt, dossier.procedure.timeLimit)
      changes.received_at = instant(receivedAt)
      changes.due_at = instant(dueAt)
      changes.original_due_at = instant(dueAt)
      changes.return_visits = record.returnVisits + 1
      documentsAfter = dossier.documents.map((d) => ({ name: d.name, isProvided: provided.has(d.name) }))
      event.data = { added, dueAt: instant(dueAt) }
      notify = { key: 'received', values: { code: '', pin: '', procedure: record.procedureName, due: forResident(dueAt), url: '' } }
      if (record.code === null) newCode = { code: '', pin: newPin() }
      else notify.values = { code: record.code, pin: record.pin ?? '', procedure: record.procedureName, due: forResident(dueAt), url: `${deps.baseUrl}/tra-cuu?code=${record.code}` }
      break
    }
    case 'refuse': {
      if (!reason || reason.length < 5 || reason.length > 1000) fields.reason = 'dossiers.errors.reason'
      changes.refusal_reason = reason
      changes.finished_at = instant(now)
      event.note = reason
      break
    }
    case 'assign': {
      const toUsername = optional(input.toUsername)
      const toUnitCode = optional(input.toUnitCode)
      if (!toUsername && !toUnitCode) fields.toUsername = 'dossiers.errors.assignee'
      if (toUsername) {
        const staff = await units.getStaffByUsername(deps, toUsername).catch(() => null)
        const isEligible = staff !== null && !staff.isDisabled && staff.grants.some((g) => ASSIGNEE_ROLES.includes(g.role) && g.unitId === record.unitId)
        if (!staff || !isEligible) fields.toUsername = 'dossiers.errors.assignee'
        else {
          changes.assignee_id = staff.id
          event.toStaffId = staff.id
        }
      }
      if (toUnitCode) {
        const toUnit = await units.getUnitByCode(deps, toUnitCode).catch(() => null)
        if (!toUnit) fields.toUnitCode = 'dossiers.errors.unit'
        else event.toUnitId = toUnit.id
      }
      event.stepName = dossier.procedure.steps[Math.min(record.currentStep + 1, dossier.procedure.steps.length - 1)]?.name ?? null
      event.note = note
      break
    }
    case 'complete_step': {
      event.stepName = dossier.procedure.steps[record.currentStep + 1]?.name ?? dossier.procedure.steps.at(-1)?.name ?? null
      changes.current_step = Math.min(record.currentStep + 1, Math.max(dossier.procedure.steps.length - 1, 0))
      event.note = note
      break
    }
    case 'apologize': {
      if (!reason || reason.length < 5 || reason.length > 1000) fields.reason = 'dossiers.errors.reason'
      let newDueAt: Date | null = null
      try {
        newDueAt = calendarFeature.parseInstant(input.newDueAt ?? '')
      } catch {
        fields.newDueAt = 'dossiers.errors.newDueAt'
      }
      if (newDueAt && record.dueAt && newDueAt.getTime() <= record.dueAt.getTime()) fields.newDueAt = 'dossiers.errors.newDueAtEarlier'
      if (newDueAt && newDueAt.getTime() <= now.getTime()) fields.newDueAt = 'dossiers.errors.newDueAtEarlier'
      if (Object.keys(fields).length > 0 || !newDueAt) break
      changes.has_apology = 1
      changes.due_at = instant(newDueAt)
      event.note = reason
      event.data = { previousDueAt: record.dueAt ? instant(record.dueAt) : null, newDueAt: instant(newDueAt) }
      notify = { key: 'apology', values: { code: record.code ?? '', procedure: record.procedureName, reason: reason ?? '', due: forResident(newDueAt) } }
      break
    }
    case 'result_ready': {
      changes.result_ready_at = instant(now)
      changes.current_step = Math.max(dossier.procedure.steps.length - 1, 0)
      event.note = note
      notify = { key: 'ready', values: { code: record.code ?? '', procedure: record.procedureName, result: dossier.procedure.resultName } }
      break
    }
    case 'return': {
      const method = (input.method ?? 'counter') as ReturnMethod
      if (!RETURN_METHODS.includes(method)) fields.method = 'dossiers.errors.method'
      // Early / on time / late is judged by when the result was ready against the first promise:
      // an applicant collecting late does not make the office late, and an apology does not excuse it.
      const finishedAt = record.resultReadyAt ?? now
      const firstDue = record.originalDueAt ?? record.dueAt
      const timing: Timing | null = firstDue ? (calendarFeature.classify(calendar, { dueAt: firstDue, finishedAt, now }) as Timing) : null
      changes.return_method = method
      changes.finished_at = instant(now)
      changes.timing = timing
      event.data = { method, timing }
      break
    }
    case 'stop': {
      if (reason !== null && reason.length > 1000) fields.reason = 'dossiers.errors.reason'
      changes.finished_at = instant(now)
      event.note = reason
      break
    }
  }
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)

  const toStatus = nextStatus(stateOf(record), action)
  changes.status = toStatus
  await deps.db.transaction().execute(async (trx) => {
    if (newCode) {
      const receivedAt = new Date(String(changes.received_at))
      const day = vietnamDay(receivedAt)
      const agency = record.agencyCode ?? record.unitCode
      const sequence = await repo.nextSequence(trx, agency, `${day.year}-${day.month}-${day.day}`)
      newCode.code = formatDossierCode(agency, day, sequence)
      changes.code = newCode.code
      changes.pin = newCode.pin
      if (notify) notify.values = { ...notify.values, code: newCode.code, pin: newCode.pin, url: `${deps.baseUrl}/tra-cuu?code=${newCode.code}` }
    }
    await repo.updateDossier(trx, record.id, changes)
    if (documentsAfter) await repo.writeDocuments(trx, record.id, documentsAfter)
    // The dashboard's daily figures: a restarted time limit moves the receipt to its new day; a finish is counted on its day.
    const counted = { unitId: record.unitId, procedureId: record.procedureId }
    if (action === 'supplement_received') {
      if (record.receivedAt) await dashboard.countDossierEvent(trx, { kind: 'received', ...counted, receivedAt: record.receivedAt, delta: -1 })
      await dashboard.countDossierEvent(trx, { kind: 'received', ...counted, receivedAt: new Date(String(changes.received_at)) })
    }
    if (toStatus === 'returned' || toStatus === 'refused' || toStatus === 'stopped') {
      await dashboard.countDossierEvent(trx, { kind: 'finished', ...counted, status: toStatus, timing: (changes.timing ?? null) as Timing | null, receivedAt: record.receivedAt, finishedAt: now })
    }
    await repo.insertEvent(trx, {
      dossierId: record.id,
      at: instant(now),
      actorId: principal.staffId,
      actorLabel: principal.fullName,
      action,
      fromStatus: record.status,
      toStatus,
      toStaffId: event.toStaffId ?? null,
      toUnitId: event.toUnitId ?? null,
      stepName: event.stepName ?? null,
      note: event.note ?? null,
      data: event.data ?? null,
    })
    const { updated_at: _updatedAt, pin: _pin, ...audited } = changes
    await appendAudit(trx, {
      actor: units.actorOf(principal),
      at: now,
      entity: 'dossier',
      entityId: record.id,
      action,
      before: { status: record.status, dueAt: record.dueAt ? instant(record.dueAt) : null },
      after: { ...audited, ...(event.note ? { note: event.note } : {}), ...(event.data ? { data: event.data } : {}) },
    })
    if (notify) await notifyApplicant(trx, deps, record, notify.key, notify.values, now)
  })
  return assemble(deps, (await repo.findById(deps.db, record.id))!)
}

/**
 * Finds the dossier an applicant names by code and PIN. An unknown code and a wrong PIN give the
 * same 404, or codes could be enumerated; wrong tries from one address are slowed, then refused
 * with 429, counted in the database so the limit holds across app instances.
 */
async function authenticateApplicant<R extends { readonly pin: string | null }>(
  deps: DossierDeps,
  code: string,
  pin: string,
  clientAddress: string,
  find: (db: DossierDeps['db'], code: string) => Promise<R | null>,
): Promise<R> {
  const now = deps.clock.now()
  const key = `dossier-lookup:${clientAddress}`
  if ((await readCounter(deps.db, key, LOOKUP_LIMITS.windowMs, now)) >= LOOKUP_LIMITS.refuseAfter) {
    throw new TooManyRequestsError('dossiers.errors.tooManyLookups', Math.ceil(LOOKUP_LIMITS.windowMs / 1000))
  }
  const record = DOSSIER_CODE_PATTERN.test(code) && /^\d{6}$/.test(pin) ? await find(deps.db, code) : null
  if (!record || record.pin !== pin) {
    const failures = await hitCounter(deps.db, key, LOOKUP_LIMITS.windowMs, now)
    if (failures > LOOKUP_LIMITS.slowAfter) {
      const delay = Math.min((failures - LOOKUP_LIMITS.slowAfter) * LOOKUP_LIMITS.delayStepMs, LOOKUP_LIMITS.maxDelayMs)
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
    throw new NotFoundError('dossiers.errors.lookupNotFound')
  }
  return record
}

/** What the applicant's evaluation of a finished dossier is computed from (Circular 01/2018). */
export interface EvaluationFacts {
  readonly dossierId: number
  readonly code: string
  readonly unitId: number
  readonly unitPath: string
  /** The official who served the applicant at the desk. */
  readonly officialId: number | null
  readonly status: DossierStatus
  readonly isFinished: boolean
  /** The result against the first promised due instant; null when there was none. */
  readonly timing: Timing | null
  readonly hasApology: boolean
  readonly returnVisits: number
  /** Agencies the dossier passed through (the desk's unit and any unit it was handed to). */
  readonly agenciesInvolved: number
}

/** The facts of a dossier named by code and PIN, for its evaluation; same 404/429 as the lookup. */
export async function evaluationFacts(deps: DossierDeps, code: string, pin: string, clientAddress: string): Promise<EvaluationFacts> {
  const record = await authenticateApplicant(deps, code, pin, clientAddress, repo.findByCode)
  const events = await repo.findEvents(deps.db, record.id)
  const firstDue = record.originalDueAt ?? record.dueAt
  let timing = record.timing
  if (timing === null && firstDue && record.finishedAt && (record.status === 'refused' || record.status === 'stopped')) {
    const calendar = await deps.calendar.calendarFor(record.unitId)
    timing = calendarFeature.classify(calendar, { dueAt: firstDue, finishedAt: record.finishedAt, now: deps.clock.now() }) as Timing
  }
  return {
    dossierId: record.id,
    code: record.code!,
    unitId: record.unitId,
    unitPath: record.unitPath,
    officialId: record.receivedById,
    status: record.status,
    isFinished: ['returned', 'refused', 'stopped'].includes(record.status),
    timing,
    hasApology: record.hasApology,
    returnVisits: record.returnVisits,
    agenciesInvolved: 1 + new Set(events.map((e) => e.toUnitName).filter((n) => n !== null && n !== record.unitName)).size,
  }
}

/** A dossier as the public lookup shows it: no personal data but the masked name. */
export interface PublicDossier {
  readonly code: string
  readonly status: DossierStatus
  readonly procedureCode: string
  readonly procedureName: string
  readonly unitName: string
  readonly applicantName: string
  readonly receivedAt: Date | null
  readonly dueAt: Date | null
  readonly resultReadyAt: Date | null
  readonly finishedAt: Date | null
  readonly isOverdue: boolean
  readonly timing: Timing | null
  readonly timeline: readonly { at: Date; action: string; status: DossierStatus }[]
}

/** Wrong PINs from one address before answers slow down, and before they are refused. */
export const LOOKUP_LIMITS = Object.freeze({ slowAfter: 5, refuseAfter: 10, windowMs: 15 * 60_000, delayStepMs: 250, maxDelayMs: 2000 })

/**
 * The public lookup by code and PIN. An unknown code and a wrong PIN give the same 404, or codes
 * could be enumerated; wrong tries from one address are slowed, then refused with 429.
 */
export async function lookupDossier(deps: DossierDeps, code: string, pin: string, clientAddress: string): Promise<PublicDossier> {
  const now = deps.clock.now()
  // The lookup is the busiest public request: it reads only the columns it shows.
  const record = await authenticateApplicant(deps, code, pin, clientAddress, repo.findPublicByCode)
  const events = await repo.findPublicEvents(deps.db, record.id)
  return {
    code: record.code,
    status: record.status,
    procedureCode: record.procedureCode,
    procedureName: record.procedureName,
    unitName: record.unitName,
    applicantName: maskName(record.applicantName),
    receivedAt: record.receivedAt,
    dueAt: record.dueAt,
    resultReadyAt: record.resultReadyAt,
    finishedAt: record.finishedAt,
    isOverdue: isOverdue(record.status, record.dueAt, now),
    timing: record.timing,
    // Internal notes and who handled it stay inside; the resident sees what happened and when.
    timeline: events.map((e) => ({ at: e.at, action: e.action, status: e.toStatus })),
  }
}
