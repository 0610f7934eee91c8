/**
 * Use cases of direct dialogues: organisers announce a session and its hosts and open it for
 * questions; residents send questions beforehand (captcha, honeypot, a limit per address) and
 * support published ones once per device; moderators publish, hide, merge and assign them; the
 * secretary records floor questions, answers and commitments, and marks the session held; the
 * organisers publish the minutes and close it. Every commitment, and every question left without
 * an answer, becomes a tracked item of the feedback module in the same transaction.
 *
 * Each use case reads what it needs first and then writes in one transaction holding the change,
 * its audit entry and the messages it causes: inside a transaction nothing reads through `deps.db`
 * (on SQLite it would wait for the transaction's own connection).
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { FeatureDeps } from '../../app.ts'
import type { Database } from '../../db/schema.ts'
import { instant } from '../../db/portable.ts'
import { appendAudit } from '../../platform/audit/audit.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { createCaptcha } from '../../platform/captcha/captcha.ts'
import type { Captcha, CaptchaSolution } from '../../platform/captcha/captcha.ts'
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { hitCounter } from '../../platform/http/rate-counter.ts'
import { createI18n } from '../../platform/i18n/i18n.ts'
import { enqueueMessage } from '../../platform/jobs/outbox.ts'
import * as calendarFeature from '../calendar/index.ts'
import type { WorkingCalendar } from '../calendar/index.ts'
import { createTrackedItem } from '../feedback/index.ts'
import * as units from '../units/index.ts'
import type { Unit } from '../units/index.ts'
import { messages } from './dialogue.messages.ts'
import { canHost, canModerate, canTakeSessionAction, isOrganiserAnywhere, isOrganiserOf, isPreparerFor, relationTo } from './dialogue.policy.ts'
import type { SessionRelation } from './dialogue.policy.ts'
import * as repo from './dialogue.repository.ts'
import type { CommitmentRecord, HostRecord, QuestionRecord, SessionRecord, TrackedRef } from './dialogue.repository.ts'
import {
  acceptsQuestions,
  allowedQuestionActions,
  allowedSessionActions,
  canEditHosts,
  canEditMinutes,
  canEditSchedule,
  canRecord,
  contactKind,
  DEVICE_TOKEN_PATTERN,
  excerptOf,
  fits,
  floorQuestionStatus,
  isAttendance,
  isCommitmentDone,
  isCommitmentOverdue,
  isMergeTarget,
  isMinutesPublic,
  isWebLink,
  LIMITS,
  MAX_HOSTS,
  MODERATION_ACTIONS,
  nextQuestionStatus,
  nextSessionStatus,
  OPEN_ITEM_STATUSES,
  PUBLIC_QUESTION_STATUSES,
  questionRefusal,
  SESSION_ACTIONS,
  sessionRefusal,
} from './dialogue.ts'
import type { ModerationAction, QuestionAction, QuestionSource, QuestionStatus, SessionAction, SessionState, SessionStatus } from './dialogue.ts'

// The coverage and the iCalendar files are use cases of their own files; callers find every use case here.
export { coverage } from './dialogue.coverage.ts'
export type { CoverageInput, CoverageUnitView, CoverageView } from './dialogue.coverage.ts'
export { feedIcs, sessionIcs } from './dialogue.ics.ts'

/**
 * What the use cases need (FeatureDeps fits); of the configuration only the public address, for
 * links in notices, so seeds and scripts can run them without a whole Config.
 */
export type DialogueDeps = Pick<FeatureDeps, 'db' | 'clock' | 'calendar'> & { readonly config: Pick<FeatureDeps['config'], 'baseUrl'> }

/** What a resident's question needs besides: the captcha that guards it. */
export type PublicDialogueDeps = DialogueDeps & { readonly captcha: Captcha }

// Residents and staff are written to in Vietnamese; tracked items are written in it too.
const translate = createI18n(messages).translator('vi')

/** The audit actor of a resident. */
const RESIDENT: Actor = Object.freeze({ id: null, label: 'resident' })

/** Questions from one address before 429: five in ten minutes is plenty for a person. */
export const QUESTION_LIMITS = Object.freeze({ perWindow: 5, windowMs: 10 * 60_000 })

/** Supports from one address before 429: a household may share one address; a script may not. */
export const SUPPORT_LIMITS = Object.freeze({ perWindow: 60, windowMs: 10 * 60_000 })

/** The captcha of the question form: the same terms as the feedback form's. */
export const QUESTION_CAPTCHA = Object.freeze({ difficultyBits: 16, ttlMs: 3_600_000 })

/** The question form's captcha (stateless apart from spent challenges). */
export function createDialogueCaptcha(deps: Pick<FeatureDeps, 'db'> & { readonly config: Pick<FeatureDeps['config'], 'sessionSecret'> }): Captcha {
  return createCaptcha({ secret: deps.config.sessionSecret, difficultyBits: QUESTION_CAPTCHA.difficultyBits, ttlMs: QUESTION_CAPTCHA.ttlMs, db: deps.db })
}

/** Where tracked items of a session come from (feedback's origin_ref). */
export function originRefOf(sessionId: number): string {
  return `dialogue:${sessionId}`
}

/** A fresh device token for the `congso_device` cookie. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url')
}

/** sha256 of a device token, hex: what dialogue_supports keeps. */
function hashDevice(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

// ---------------------------------------------------------------------------------------------
// Views

/** A unit as views name it. */
export interface UnitView {
  readonly code: string
  readonly name: string
}

/** A staff member as views name them. */
export interface StaffView {
  readonly username: string
  readonly fullName: string
}

/** A host, as introduced: "Nguyễn Văn Thành – Chủ tịch UBND phường". */
export interface HostView {
  readonly username: string
  readonly fullName: string
  readonly roleLabel: string
  readonly position: number
}

/** The tracked item (feedback module) of a commitment or an unanswered question. */
export interface TrackedItemView {
  /** Its tracking code (PA-…), the key of its public page in the feedback module. */
  readonly code: string
  /** The feedback module's status: new, accepted, assigned, answered, closed, rejected, duplicate. */
  readonly status: string
  readonly publicStatus: 'open' | 'closed'
  readonly dueAt: Date | null
  readonly answeredAt: Date | null
  readonly closedAt: Date | null
  readonly isOverdue: boolean
  /** Whether its public page shows it (dialogues' items always want it; staff have accepted it). */
  readonly isPublic: boolean
}

/** A question as the public sees it: never contact details, hidden reasons or prepared answers before the session. */
export interface PublicQuestionView {
  readonly id: number
  readonly source: QuestionSource
  /** The name the resident gave, or null when anonymous. */
  readonly askerName: string | null
  readonly residentialArea: string | null
  readonly text: string
  /** published, answered or unanswered. */
  readonly status: QuestionStatus
  readonly supportCount: number
  /** How many duplicates were merged into it. */
  readonly mergedCount: number
  readonly answer: string | null
  readonly answeredBy: string | null
  readonly trackedItem: TrackedItemView | null
  /** Whether the device asking has supported it. */
  readonly isSupported: boolean
  /** Whether it may be supported now. */
  readonly canSupport: boolean
  readonly createdAt: Date
}

/** A question as staff see it, with the moderation the viewer may take now. */
export interface StaffQuestionView extends PublicQuestionView {
  readonly askerNameGiven: string | null
  readonly isAnonymous: boolean
  /** Phone or e-mail the resident left: staff only. */
  readonly contact: string | null
  readonly hiddenReason: string | null
  readonly mergedIntoId: number | null
  readonly assignedUnit: UnitView | null
  readonly preparedAnswer: string | null
  readonly updatedAt: Date
  /** Actions on the question the viewer may take now (moderation and answer). */
  readonly allowedActions: readonly QuestionAction[]
  /** Whether the viewer may write the prepared answer (an organiser, or staff of the assigned unit). */
  readonly canPrepare: boolean
}

/** A commitment made at a session, with its follow-up. */
export interface CommitmentView {
  readonly id: number
  readonly questionId: number | null
  readonly responsibleUnit: UnitView
  /** Who will do it, as said at the session. */
  readonly responsible: string
  readonly content: string
  readonly dueAt: Date
  readonly isDone: boolean
  readonly isOverdue: boolean
  readonly trackedItem: TrackedItemView | null
  readonly createdAt: Date
}

/** A session as lists show it. */
export interface SessionSummary {
  readonly id: number
  readonly unit: UnitView
  readonly topic: string
  readonly startsAt: Date
  readonly endsAt: Date | null
  readonly venue: string
  readonly livestreamUrl: string | null
  readonly status: SessionStatus
  readonly cancelReason: string | null
  readonly hosts: readonly HostView[]
  /** Questions the public sees (published, answered, unanswered). */
  readonly questionCount: number
  readonly commitmentCount: number
  /** Whether residents may send questions now. */
  readonly acceptsQuestions: boolean
}

/** A line of the staff list. */
export interface StaffSessionSummary extends SessionSummary {
  readonly pendingCount: number
}

/** A session's public page. */
export interface PublicSessionView extends SessionSummary {
  readonly description: string | null
  readonly heldAt: Date | null
  readonly minutesPublishedAt: Date | null
  readonly closedAt: Date | null
  /** Whether the minutes page is public. */
  readonly hasPublicMinutes: boolean
  readonly questions: readonly PublicQuestionView[]
  readonly commitments: readonly CommitmentView[]
}

/** What the viewer may do on a session's staff pages. */
export interface SessionPermissions {
  readonly isOrganiser: boolean
  readonly isSecretary: boolean
  readonly editSchedule: boolean
  readonly editMinutes: boolean
  readonly editHosts: boolean
  readonly moderate: boolean
  /** Record floor questions, answers and commitments. */
  readonly record: boolean
}

/** A session as staff see it. */
export interface StaffSessionView extends Omit<PublicSessionView, 'questions'> {
  readonly unitLevel: string
  readonly questions: readonly StaffQuestionView[]
  readonly participants: string | null
  readonly attendance: number | null
  readonly summary: string | null
  readonly secretary: StaffView | null
  readonly createdAt: Date
  readonly updatedAt: Date
  /** Questions per status. */
  readonly counts: Readonly<Record<QuestionStatus, number>>
  /** Status actions the viewer may take now. */
  readonly allowedActions: readonly SessionAction[]
  readonly can: SessionPermissions
}

/** A question as the minutes record it. */
export interface MinutesQuestionView {
  readonly id: number
  readonly source: QuestionSource
  readonly askerName: string | null
  readonly residentialArea: string | null
  readonly text: string
  readonly status: QuestionStatus
  readonly supportCount: number
  readonly answer: string | null
  readonly answeredBy: string | null
  readonly trackedItem: TrackedItemView | null
}

/** The record a session's minutes (biên bản) are printed from. */
export interface MinutesView {
  readonly id: number
  readonly unit: UnitView
  readonly topic: string
  readonly description: string | null
  readonly startsAt: Date
  readonly endsAt: Date | null
  readonly venue: string
  readonly status: SessionStatus
  readonly hosts: readonly HostView[]
  readonly secretary: StaffView | null
  readonly participants: string | null
  readonly attendance: number | null
  readonly summary: string | null
  readonly heldAt: Date | null
  readonly minutesPublishedAt: Date | null
  /** Whether the public may read them (minutes published or closed). */
  readonly isPublished: boolean
  /** Questions sent beforehand, then those from the floor; answered and unanswered. */
  readonly questions: readonly MinutesQuestionView[]
  readonly commitments: readonly CommitmentView[]
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Trims; empty becomes null. */
function optional(value: string | null | undefined): string | null {
  const trimmed = typeof value === 'string' ? value.trim() : ''
  return trimmed === '' ? null : trimmed
}

/** A date for residents: "04/05/2026". */
function dayText(at: Date): string {
  const iso = calendarFeature.formatInstant(at)
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`
}

/** Parses an instant given as text (Vietnam time without an offset) or a Date; null when unusable. */
function parseWhen(value: string | Date | null | undefined): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value
  const text = optional(value)
  if (text === null) return null
  try {
    return calendarFeature.parseInstant(text)
  } catch {
    return null
  }
}

/**
 * Parses a due date: a civil date (YYYY-MM-DD, meaning the end of that day in Vietnam) or an
 * instant; null when unusable.
 */
function parseDue(value: string | Date | null | undefined): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value
  const text = optional(value)
  if (text === null) return null
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    try {
      return new Date(calendarFeature.instantOf(calendarFeature.parseCivilDate(text), 24 * 60).getTime() - 1000)
    } catch {
      return null
    }
  }
  return parseWhen(text)
}

/** Whether two units are in one line (one is the other or above it). */
function isSameLine(a: { readonly path: string }, b: { readonly path: string }): boolean {
  return a.path.startsWith(b.path) || b.path.startsWith(a.path)
}

/** The tracked item view of a joined reference. */
function trackedView(ref: TrackedRef | null, now: Date): TrackedItemView | null {
  if (!ref) return null
  const isOpen = OPEN_ITEM_STATUSES.includes(ref.status)
  return {
    code: ref.code,
    status: ref.status,
    publicStatus: isOpen ? 'open' : 'closed',
    dueAt: ref.dueAt,
    answeredAt: ref.answeredAt,
    closedAt: ref.closedAt,
    isOverdue: isOpen && ref.dueAt !== null && now.getTime() > ref.dueAt.getTime(),
    isPublic: ref.isPublic,
  }
}

/** The public view of a commitment. */
function commitmentView(c: CommitmentRecord, now: Date): CommitmentView {
  const fact = { dueAt: c.dueAt, itemStatus: c.trackedItem?.status ?? null, answeredAt: c.trackedItem?.answeredAt ?? null }
  return {
    id: c.id,
    questionId: c.questionId,
    responsibleUnit: { code: c.responsibleUnit.code, name: c.responsibleUnit.name },
    responsible: c.responsible,
    content: c.content,
    dueAt: c.dueAt,
    isDone: isCommitmentDone(fact),
    isOverdue: isCommitmentOverdue(fact, now),
    trackedItem: trackedView(c.trackedItem, now),
    createdAt: c.createdAt,
  }
}

/** The host views of records. */
function hostViews(hosts: readonly HostRecord[]): HostView[] {
  return hosts.map((h) => ({ username: h.staff.username, fullName: h.staff.fullName, roleLabel: h.roleLabel, position: h.position }))
}

/** The policy's view of a session. */
function scopeOfSession(session: SessionRecord, questions: readonly QuestionRecord[]) {
  const assignedUnitPaths = [...new Set(questions.filter((q) => q.assignedUnit !== null).map((q) => q.assignedUnit!.path))]
  return { unitId: session.unit.id, unitPath: session.unit.path, secretaryId: session.secretary?.id ?? null, assignedUnitPaths }
}

/** The state the session state machine reasons on. */
function sessionStateOf(session: SessionRecord, counts: Record<string, number>): SessionState {
  return { status: session.status, startsAt: session.startsAt, pendingQuestions: counts.pending ?? 0, hasParticipants: optional(session.participants) !== null }
}

/** Loads a session or 404. */
async function loadSession(deps: Pick<DialogueDeps, 'db'>, id: number): Promise<SessionRecord> {
  const session = Number.isSafeInteger(id) && id > 0 ? await repo.findSession(deps.db, id) : null
  if (!session) throw new NotFoundError('dialogues.errors.notFound')
  return session
}

/** Loads a session for staff: 404 when it does not exist, 403 when the principal has nothing to do with it. */
async function loadForStaff(deps: Pick<DialogueDeps, 'db'>, principal: Principal, id: number): Promise<{ session: SessionRecord; questions: QuestionRecord[]; relation: SessionRelation }> {
  const session = await loadSession(deps, id)
  const questions = await repo.findQuestions(deps.db, session.id)
  const relation = relationTo(principal, scopeOfSession(session, questions))
  // Sessions are public, so a 403 tells nothing a stranger could not read on the session page.
  if (!relation.canView) throw new ForbiddenError()
  return { session, questions, relation }
}

/** The public question views of a session's records. */
function publicQuestionViews(session: SessionRecord, questions: readonly QuestionRecord[], mergedCounts: ReadonlyMap<number, number>, supported: ReadonlySet<number>, now: Date): PublicQuestionView[] {
  return questions.filter((q) => PUBLIC_QUESTION_STATUSES.includes(q.status)).map((q) => publicQuestionView(session, q, mergedCounts, supported, now))
}

/** One question as the public sees it. */
function publicQuestionView(session: SessionRecord, q: QuestionRecord, mergedCounts: ReadonlyMap<number, number>, supported: ReadonlySet<number>, now: Date): PublicQuestionView {
  return {
    id: q.id,
    source: q.source,
    askerName: q.isAnonymous ? null : q.askerName,
    residentialArea: q.residentialArea,
    text: q.text,
    status: q.status,
    supportCount: q.supportCount,
    mergedCount: mergedCounts.get(q.id) ?? 0,
    answer: q.answer,
    answeredBy: q.answeredBy,
    trackedItem: trackedView(q.trackedItem, now),
    isSupported: supported.has(q.id),
    canSupport: questionRefusal(session.status, q.status, 'support') === null,
    createdAt: q.createdAt,
  }
}

/** The summaries of some sessions, in the order given. */
async function summariesOf(deps: Pick<DialogueDeps, 'db' | 'clock'>, sessions: readonly SessionRecord[]): Promise<StaffSessionSummary[]> {
  const now = deps.clock.now()
  const ids = sessions.map((s) => s.id)
  const [hosts, counts] = await Promise.all([repo.findHosts(deps.db, ids), repo.countPerSession(deps.db, ids)])
  return sessions.map((s) => ({
    id: s.id,
    unit: { code: s.unit.code, name: s.unit.name },
    topic: s.topic,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    venue: s.venue,
    livestreamUrl: s.livestreamUrl,
    status: s.status,
    cancelReason: s.cancelReason,
    hosts: hostViews(hosts.get(s.id) ?? []),
    questionCount: counts.get(s.id)?.questions ?? 0,
    commitmentCount: counts.get(s.id)?.commitments ?? 0,
    pendingCount: counts.get(s.id)?.pending ?? 0,
    acceptsQuestions: acceptsQuestions(s.status, s.startsAt, now),
  }))
}

/** The public view of a session's records. */
async function publicViewOf(deps: Pick<DialogueDeps, 'db' | 'clock'>, session: SessionRecord, questions: readonly QuestionRecord[], deviceToken: string | null): Promise<PublicSessionView> {
  const now = deps.clock.now()
  const [summary] = await summariesOf(deps, [session])
  const visibleIds = questions.filter((q) => PUBLIC_QUESTION_STATUSES.includes(q.status)).map((q) => q.id)
  const [commitments, mergedCounts, supported] = await Promise.all([
    repo.findCommitments(deps.db, session.id),
    repo.countMergedInto(deps.db, visibleIds),
    deviceToken !== null && DEVICE_TOKEN_PATTERN.test(deviceToken) ? repo.findSupportedBy(deps.db, visibleIds, hashDevice(deviceToken)) : Promise.resolve(new Set<number>()),
  ])
  const { pendingCount: _pending, ...publicSummary } = summary!
  return {
    ...publicSummary,
    description: session.description,
    heldAt: session.heldAt,
    minutesPublishedAt: session.minutesPublishedAt,
    closedAt: session.closedAt,
    hasPublicMinutes: isMinutesPublic(session.status),
    questions: publicQuestionViews(session, questions, mergedCounts, supported, now),
    commitments: commitments.map((c) => commitmentView(c, now)),
  }
}

/** Whether the principal may prepare the answer of a question. */
function mayPrepare(principal: Principal, relation: SessionRelation, q: QuestionRecord): boolean {
  return canModerate(relation, 'prepare_answer', q.assignedUnit !== null && isPreparerFor(principal, q.assignedUnit.path))
}

/** The staff view of a session's records for a principal who may see it. */
async function staffViewOf(
  deps: Pick<DialogueDeps, 'db' | 'clock'>,
  principal: Principal,
  session: SessionRecord,
  questions: readonly QuestionRecord[],
  relation: SessionRelation,
): Promise<StaffSessionView> {
  const now = deps.clock.now()
  const [summary] = await summariesOf(deps, [session])
  const [commitments, mergedCounts] = await Promise.all([repo.findCommitments(deps.db, session.id), repo.countMergedInto(deps.db, questions.map((q) => q.id))])
  const counts = Object.fromEntries(['pending', 'published', 'hidden', 'merged', 'answered', 'unanswered'].map((s) => [s, 0])) as Record<QuestionStatus, number>
  for (const q of questions) counts[q.status]++
  const { pendingCount: _pending, ...publicSummary } = summary!
  const state = sessionStateOf(session, counts)
  const staffQuestions: StaffQuestionView[] = questions.map((q) => {
    const canPrepareIt = mayPrepare(principal, relation, q)
    const allowed = allowedQuestionActions(session.status, q.status).filter((action) => {
      if (action === 'support') return false
      if (action === 'answer') return relation.isSecretary
      if (action === 'prepare_answer') return canPrepareIt
      return relation.isOrganiser
    })
    return {
      ...publicQuestionView(session, q, mergedCounts, new Set(), now),
      askerNameGiven: q.askerName,
      isAnonymous: q.isAnonymous,
      contact: q.contact,
      hiddenReason: q.hiddenReason,
      mergedIntoId: q.mergedIntoId,
      assignedUnit: q.assignedUnit ? { code: q.assignedUnit.code, name: q.assignedUnit.name } : null,
      preparedAnswer: q.preparedAnswer,
      updatedAt: q.updatedAt,
      allowedActions: allowed,
      canPrepare: canPrepareIt && allowed.includes('prepare_answer'),
    }
  })
  return {
    ...publicSummary,
    unitLevel: session.unit.level,
    description: session.description,
    heldAt: session.heldAt,
    minutesPublishedAt: session.minutesPublishedAt,
    closedAt: session.closedAt,
    hasPublicMinutes: isMinutesPublic(session.status),
    questions: staffQuestions,
    commitments: commitments.map((c) => commitmentView(c, now)),
    participants: session.participants,
    attendance: session.attendance,
    summary: session.summary,
    secretary: session.secretary ? { username: session.secretary.username, fullName: session.secretary.fullName } : null,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    counts,
    allowedActions: allowedSessionActions(state, now).filter((action) => canTakeSessionAction(relation, action)),
    can: {
      isOrganiser: relation.isOrganiser,
      isSecretary: relation.isSecretary,
      editSchedule: relation.isOrganiser && canEditSchedule(session.status),
      editMinutes: relation.isSecretary && canEditMinutes(session.status),
      editHosts: relation.isOrganiser && canEditHosts(session.status),
      moderate: relation.isOrganiser && (session.status === 'planned' || session.status === 'open_for_questions'),
      record: relation.isSecretary && canRecord(session.status),
    },
  }
}

/** The staff view of a session after a change, read again. */
async function staffViewAfter(deps: Pick<DialogueDeps, 'db' | 'clock'>, principal: Principal, id: number): Promise<StaffSessionView> {
  const session = await loadSession(deps, id)
  const questions = await repo.findQuestions(deps.db, id)
  const relation = relationTo(principal, scopeOfSession(session, questions))
  return staffViewOf(deps, principal, session, questions, relation)
}

/** The staff view of one question after a change. */
async function staffQuestionAfter(deps: Pick<DialogueDeps, 'db' | 'clock'>, principal: Principal, sessionId: number, questionId: number): Promise<StaffQuestionView> {
  const view = await staffViewAfter(deps, principal, sessionId)
  const question = view.questions.find((q) => q.id === questionId)
  if (!question) throw new NotFoundError('dialogues.errors.questionNotFound')
  return question
}

/** The working calendars of some units, resolved before a transaction. */
async function calendarsOf(deps: Pick<DialogueDeps, 'calendar'>, unitIds: readonly number[]): Promise<Map<number, WorkingCalendar>> {
  const calendars = new Map<number, WorkingCalendar>()
  for (const id of new Set(unitIds)) calendars.set(id, await deps.calendar.calendarFor(id))
  return calendars
}

/** The contact of a question in the shape a tracked item takes. */
function trackedContactOf(q: { readonly askerName: string | null; readonly isAnonymous: boolean; readonly contact: string | null }) {
  const contact = optional(q.contact)
  const kind = contact === null ? 'other' : contactKind(contact)
  return {
    name: q.isAnonymous ? null : q.askerName,
    phone: kind === 'phone' ? contact : null,
    email: kind === 'email' ? contact : null,
  }
}

/** Writes the tracked item of a question left unanswered and links it; inside the caller's transaction. */
async function trackUnanswered(
  trx: Transaction<Database>,
  deps: DialogueDeps,
  principal: Principal,
  session: SessionRecord,
  q: Pick<QuestionRecord, 'id' | 'text' | 'askerName' | 'isAnonymous' | 'contact' | 'assignedUnit'>,
  calendars: ReadonlyMap<number, WorkingCalendar>,
  now: Date,
): Promise<string> {
  const unitId = q.assignedUnit?.id ?? session.unit.id
  const values = { topic: session.topic, unit: session.unit.name, date: dayText(session.startsAt), text: q.text }
  const item = await createTrackedItem(trx, deps, {
    unitId,
    category: 'other',
    title: translate('dialogues.tracked.unansweredTitle', { text: excerptOf(q.text, 150) }),
    description: excerptOf(translate('dialogues.tracked.unansweredBody', values), 5000),
    calendar: calendars.get(unitId) ?? calendars.get(session.unit.id) ?? null,
    origin: 'dialogue',
    originRef: originRefOf(session.id),
    wantsPublic: true,
    contact: trackedContactOf(q),
    by: principal,
  })
  await trx.updateTable('dialogue_questions').set({ status: 'unanswered', feedback_item_id: item.id, updated_at: instant(now) }).where('id', '=', q.id).execute()
  return item.code
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Filters of the session lists. */
export interface ListInput {
  /** upcoming (default): not yet held, soonest first; past: held or gone by, latest first; all. */
  readonly scope?: 'upcoming' | 'past' | 'all' | undefined
  /** Sessions of this unit and the units under it. */
  readonly unitCode?: string | undefined
  readonly year?: number | undefined
  readonly page?: number | undefined
  readonly pageSize?: number | undefined
}

/** Most sessions on one page. */
export const MAX_PAGE_SIZE = 200

/** The unit filter of a list, or a 400 naming it. */
async function unitPathOf(deps: Pick<DialogueDeps, 'db' | 'clock'>, unitCode: string | undefined): Promise<string | undefined> {
  const code = optional(unitCode)
  if (code === null) return undefined
  const unit = await units.getUnitByCode(deps, code).catch(() => null)
  if (!unit) throw new BadRequestError('dialogues.errors.unit', { unit: 'dialogues.errors.unit' })
  return unit.path
}

/** The list filter shared by the public and staff lists. */
async function filterOf(deps: Pick<DialogueDeps, 'db' | 'clock'>, input: ListInput) {
  const pageSize = Math.min(Math.max(Math.trunc(input.pageSize ?? 20), 1), MAX_PAGE_SIZE)
  const page = Math.max(Math.trunc(input.page ?? 1), 1)
  const unitPath = await unitPathOf(deps, input.unitCode)
  const year = input.year
  if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2200)) throw new BadRequestError('dialogues.errors.year', { year: 'dialogues.errors.year' })
  return {
    scope: input.scope ?? 'upcoming',
    now: deps.clock.now(),
    ...(unitPath ? { unitPath } : {}),
    ...(year !== undefined ? { from: calendarFeature.instantOf({ year, month: 1, day: 1 }), to: calendarFeature.instantOf({ year: year + 1, month: 1, day: 1 }) } : {}),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  }
}

/** Sessions the public sees: upcoming soonest first, or past latest first. An unknown unit is a 400. */
export async function listSessions(deps: Pick<DialogueDeps, 'db' | 'clock'>, input: ListInput = {}): Promise<{ total: number; items: SessionSummary[] }> {
  const filter = await filterOf(deps, input)
  const { total, ids } = await repo.findSessionPage(deps.db, filter)
  const byId = new Map((await repo.findSessions(deps.db, ids)).map((s) => [s.id, s]))
  const sessions = ids.map((id) => byId.get(id)).filter((s): s is SessionRecord => s !== undefined)
  const items = (await summariesOf(deps, sessions)).map(({ pendingCount: _pending, ...summary }) => summary)
  return { total, items }
}

/**
 * Sessions the principal organises (units where they lead or moderate, and those under them) or
 * is the secretary of, with the questions awaiting moderation. 403 for staff with neither.
 */
export async function listStaffSessions(deps: Pick<DialogueDeps, 'db' | 'clock'>, principal: Principal, input: ListInput = {}): Promise<{ total: number; items: StaffSessionSummary[] }> {
  const paths = principal.grants.filter((g) => g.role === 'leader' || g.role === 'moderator').map((g) => g.unitPath)
  const filter = await filterOf(deps, { ...input, scope: input.scope ?? 'all' })
  const { total, ids } = await repo.findSessionPage(deps.db, { ...filter, staffScope: { paths, staffId: principal.staffId } })
  if (total === 0 && !isOrganiserAnywhere(principal)) throw new ForbiddenError()
  const byId = new Map((await repo.findSessions(deps.db, ids)).map((s) => [s.id, s]))
  const sessions = ids.map((id) => byId.get(id)).filter((s): s is SessionRecord => s !== undefined)
  return { total, items: await summariesOf(deps, sessions) }
}

/** A session as the public sees it; the device token (cookie) marks the questions it supported. */
export async function getPublicSession(deps: Pick<DialogueDeps, 'db' | 'clock'>, id: number, deviceToken: string | null = null): Promise<PublicSessionView> {
  const session = await loadSession(deps, id)
  const questions = await repo.findQuestions(deps.db, session.id)
  return publicViewOf(deps, session, questions, deviceToken)
}

/** A session as staff see it: 404 when unknown, 403 for staff who neither organise it nor record it nor prepare its answers. */
export async function getStaffSession(deps: Pick<DialogueDeps, 'db' | 'clock'>, principal: Principal, id: number): Promise<StaffSessionView> {
  const { session, questions, relation } = await loadForStaff(deps, principal, id)
  return staffViewOf(deps, principal, session, questions, relation)
}

/** Whether the principal may see the staff view of a session (for pages and the API choosing a view). */
export async function canSeeStaffSession(deps: Pick<DialogueDeps, 'db'>, principal: Principal | null, id: number): Promise<boolean> {
  if (!principal) return false
  const session = await loadSession(deps, id)
  const questions = await repo.findQuestions(deps.db, session.id)
  return relationTo(principal, scopeOfSession(session, questions)).canView
}

/**
 * The minutes of a session: public once published (minutes_published or closed); before that only
 * for its organisers and secretary (a preview), and a 404 for anyone else.
 */
export async function sessionMinutes(deps: Pick<DialogueDeps, 'db' | 'clock'>, viewer: Principal | null, id: number): Promise<MinutesView> {
  const now = deps.clock.now()
  const session = await loadSession(deps, id)
  const questions = await repo.findQuestions(deps.db, session.id)
  if (!isMinutesPublic(session.status)) {
    const relation = relationTo(viewer, scopeOfSession(session, questions))
    if (!relation.isOrganiser && !relation.isSecretary) throw new NotFoundError('dialogues.errors.notFound')
  }
  const [hosts, commitments] = await Promise.all([repo.findHosts(deps.db, [session.id]), repo.findCommitments(deps.db, session.id)])
  const recorded = questions
    .filter((q) => q.status === 'answered' || q.status === 'unanswered' || q.status === 'published')
    .sort((a, b) => (a.source === b.source ? a.id - b.id : a.source === 'before' ? -1 : 1))
  return {
    id: session.id,
    unit: { code: session.unit.code, name: session.unit.name },
    topic: session.topic,
    description: session.description,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    venue: session.venue,
    status: session.status,
    hosts: hostViews(hosts.get(session.id) ?? []),
    secretary: session.secretary ? { username: session.secretary.username, fullName: session.secretary.fullName } : null,
    participants: session.participants,
    attendance: session.attendance,
    summary: session.summary,
    heldAt: session.heldAt,
    minutesPublishedAt: session.minutesPublishedAt,
    isPublished: isMinutesPublic(session.status),
    questions: recorded.map((q) => ({
      id: q.id,
      source: q.source,
      askerName: q.isAnonymous ? null : q.askerName,
      residentialArea: q.residentialArea,
      text: q.text,
      status: q.status,
      supportCount: q.supportCount,
      answer: q.answer,
      answeredBy: q.answeredBy,
      trackedItem: trackedView(q.trackedItem, now),
    })),
    commitments: commitments.map((c) => commitmentView(c, now)),
  }
}

/** Units where the principal may create sessions (leads or moderates there or above), for the create form. */
export async function organisableUnits(deps: Pick<DialogueDeps, 'db' | 'clock'>, principal: Principal): Promise<UnitView[]> {
  const all = await units.listUnits(deps)
  return all.filter((u) => !u.isDisabled && isOrganiserOf(principal, u.path)).map((u) => ({ code: u.code, name: u.name }))
}

/** Staff who may host a session of a unit (leaders there or above), for the hosts form. */
export async function hostCandidates(deps: Pick<DialogueDeps, 'db' | 'clock'>, unitCode: string): Promise<(StaffView & { readonly title: string | null })[]> {
  const unit = await units.getUnitByCode(deps, unitCode).catch(() => null)
  if (!unit) throw new NotFoundError()
  const leaders = await units.leadersOf(deps, unit.id)
  const result: (StaffView & { title: string | null })[] = []
  for (const leader of leaders) {
    const principal = await units.loadPrincipal(deps, leader.id)
    const staff = principal ? await units.getStaffByUsername(deps, principal.username).catch(() => null) : null
    if (principal && staff) result.push({ username: principal.username, fullName: principal.fullName, title: staff.title })
  }
  return result.sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'))
}

// ---------------------------------------------------------------------------------------------
// Organising

/** A host to set: a username and how they are introduced (the staff title when not given). */
export interface HostInput {
  readonly username: string
  readonly roleLabel?: string | null
}

/** What creating a session carries; field errors are named after these keys. */
export interface SessionInput {
  readonly unitCode: string
  readonly topic: string
  readonly description?: string | null
  /** An instant; text without an offset is Vietnam time ("2026-05-04T08:00"). */
  readonly startsAt: string | Date
  readonly endsAt?: string | Date | null
  readonly venue: string
  readonly livestreamUrl?: string | null
  readonly secretaryUsername?: string | null
  readonly hosts?: readonly HostInput[]
}

/** What updating a session may change; fields left out stay as they are. */
export interface SessionChanges {
  readonly topic?: string
  readonly description?: string | null
  readonly startsAt?: string | Date
  readonly endsAt?: string | Date | null
  readonly venue?: string
  readonly livestreamUrl?: string | null
  readonly secretaryUsername?: string | null
  /** The minutes' own fields, which the secretary writes. */
  readonly participants?: string | null
  readonly attendance?: number | null
  readonly summary?: string | null
}

/** Checks the hosts of a session of a unit; the staff ids and labels, or field errors. */
async function checkHosts(deps: Pick<DialogueDeps, 'db' | 'clock'>, unit: Pick<Unit, 'path'>, hosts: readonly HostInput[], fields: FieldErrors): Promise<{ staffId: number; roleLabel: string }[]> {
  if (hosts.length > MAX_HOSTS) {
    fields.hosts = 'dialogues.errors.hosts'
    return []
  }
  const usernames = hosts.map((h) => (typeof h.username === 'string' ? h.username.trim().toLowerCase() : ''))
  if (new Set(usernames).size !== usernames.length) {
    fields.hosts = 'dialogues.errors.hosts'
    return []
  }
  const checked: { staffId: number; roleLabel: string }[] = []
  for (const [i, host] of hosts.entries()) {
    const staff = usernames[i] ? await units.getStaffByUsername(deps, usernames[i]!).catch(() => null) : null
    const principal = staff && !staff.isDisabled ? await units.loadPrincipal(deps, staff.id) : null
    if (!staff || !principal || !canHost(principal.grants, unit.path)) {
      fields[`hosts.${i}.username`] = 'dialogues.errors.host'
      continue
    }
    const roleLabel = optional(host.roleLabel) ?? optional(staff.title)
    if (roleLabel === null || !fits(roleLabel, LIMITS.roleLabel)) {
      fields[`hosts.${i}.roleLabel`] = 'dialogues.errors.roleLabel'
      continue
    }
    checked.push({ staffId: staff.id, roleLabel })
  }
  return checked
}

/** Checks a secretary for a unit: staff of the unit (working there or holding a role on it). */
async function checkSecretary(deps: Pick<DialogueDeps, 'db' | 'clock'>, unit: Pick<Unit, 'id'>, username: string | null, fields: FieldErrors): Promise<number | null> {
  if (username === null) return null
  const staff = /^[a-z0-9][a-z0-9._-]{2,39}$/.test(username) ? await units.getStaffByUsername(deps, username).catch(() => null) : null
  const isOfUnit = staff !== null && !staff.isDisabled && (staff.unitId === unit.id || staff.grants.some((g) => g.unitId === unit.id))
  if (!staff || !isOfUnit) {
    fields.secretaryUsername = 'dialogues.errors.secretary'
    return null
  }
  return staff.id
}

/** Checks the schedule fields present in an input; writes the column changes. */
function checkSchedule(input: SessionChanges, current: { startsAt: Date; endsAt: Date | null } | null, changes: Record<string, unknown>, fields: FieldErrors): void {
  if (input.topic !== undefined || current === null) {
    const topic = optional(input.topic)
    if (topic === null || !fits(topic, LIMITS.topic)) fields.topic = 'dialogues.errors.topic'
    changes.topic = topic
  }
  if (input.description !== undefined) {
    const description = optional(input.description)
    if (!fits(description, LIMITS.description)) fields.description = 'dialogues.errors.description'
    changes.description = description
  }
  let startsAt = current?.startsAt ?? null
  if (input.startsAt !== undefined || current === null) {
    startsAt = parseWhen(input.startsAt)
    if (startsAt === null) fields.startsAt = 'dialogues.errors.startsAt'
    else changes.starts_at = instant(startsAt)
  }
  let endsAt = current?.endsAt ?? null
  if (input.endsAt !== undefined) {
    endsAt = input.endsAt === null || input.endsAt === '' ? null : parseWhen(input.endsAt)
    if (endsAt === null && input.endsAt !== null && input.endsAt !== '') fields.endsAt = 'dialogues.errors.endsAt'
    changes.ends_at = endsAt ? instant(endsAt) : null
  }
  if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) fields.endsAt = 'dialogues.errors.endsAt'
  if (input.venue !== undefined || current === null) {
    const venue = optional(input.venue)
    if (venue === null || !fits(venue, LIMITS.venue)) fields.venue = 'dialogues.errors.venue'
    changes.venue = venue
  }
  if (input.livestreamUrl !== undefined) {
    const url = optional(input.livestreamUrl)
    if (url !== null && !isWebLink(url)) fields.livestreamUrl = 'dialogues.errors.livestreamUrl'
    changes.livestream_url = url
  }
}

/**
 * Announces a session (status planned) with its hosts and secretary. 403 unless the principal
 * organises the unit's dialogues; 422 with every field error.
 */
export async function createSession(deps: DialogueDeps, principal: Principal, input: SessionInput): Promise<StaffSessionView> {
  const now = deps.clock.now()
  const fields: FieldErrors = {}
  const unitCode = optional(input.unitCode)
  const unit = unitCode ? await units.getUnitByCode(deps, unitCode).catch(() => null) : null
  if (!unit || unit.isDisabled) {
    fields.unitCode = 'dialogues.errors.unit'
    if (!isOrganiserAnywhere(principal)) throw new ForbiddenError()
  } else if (!isOrganiserOf(principal, unit.path)) {
    throw new ForbiddenError()
  }
  const changes: Record<string, unknown> = {}
  checkSchedule(input, null, changes, fields)
  const secretaryId = unit ? await checkSecretary(deps, unit, optional(input.secretaryUsername)?.toLowerCase() ?? null, fields) : null
  const hosts = unit ? await checkHosts(deps, unit, input.hosts ?? [], fields) : []
  if (Object.keys(fields).length > 0 || !unit) throw new ValidationError(fields)

  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertSession(trx, {
      unit_id: unit.id,
      topic: changes.topic as string,
      description: (changes.description as string | null | undefined) ?? null,
      starts_at: changes.starts_at as string,
      ends_at: (changes.ends_at as string | null | undefined) ?? null,
      venue: changes.venue as string,
      livestream_url: (changes.livestream_url as string | null | undefined) ?? null,
      status: 'planned',
      secretary_id: secretaryId,
      created_by: principal.staffId,
      created_at: instant(now),
      updated_at: instant(now),
    })
    await repo.replaceHosts(trx, id, hosts)
    await appendAudit(trx, {
      actor: units.actorOf(principal),
      at: now,
      entity: 'dialogue_session',
      entityId: id,
      action: 'create',
      after: { unitCode: unit.code, ...changes, secretaryId, hosts },
    })
    return id
  })
  return staffViewAfter(deps, principal, id)
}

/**
 * Changes a session. Schedule fields and the secretary: organisers, before the session. The
 * minutes' fields (participants, attendance, summary): the secretary, until the minutes are
 * published. 403 for a field the principal may not change, 409 for one the status no longer
 * allows, 422 with every field error.
 */
export async function updateSession(deps: DialogueDeps, principal: Principal, id: number, input: SessionChanges): Promise<StaffSessionView> {
  const now = deps.clock.now()
  const { session, relation } = await loadForStaff(deps, principal, id)
  const touchesSchedule = ['topic', 'description', 'startsAt', 'endsAt', 'venue', 'livestreamUrl', 'secretaryUsername'].some((k) => (input as Record<string, unknown>)[k] !== undefined)
  const touchesMinutes = ['participants', 'attendance', 'summary'].some((k) => (input as Record<string, unknown>)[k] !== undefined)
  if ((touchesSchedule && !relation.isOrganiser) || (touchesMinutes && !relation.isSecretary)) throw new ForbiddenError()
  if ((touchesSchedule && !canEditSchedule(session.status)) || (touchesMinutes && !canEditMinutes(session.status))) throw new ConflictError('dialogues.errors.notAllowedNow')

  const fields: FieldErrors = {}
  const changes: Record<string, unknown> = {}
  checkSchedule(input, { startsAt: session.startsAt, endsAt: session.endsAt }, changes, fields)
  if (input.secretaryUsername !== undefined) changes.secretary_id = await checkSecretary(deps, session.unit, optional(input.secretaryUsername)?.toLowerCase() ?? null, fields)
  if (input.participants !== undefined) {
    const participants = optional(input.participants)
    if (!fits(participants, LIMITS.participants)) fields.participants = 'dialogues.errors.participants'
    changes.participants = participants
  }
  if (input.attendance !== undefined) {
    if (input.attendance !== null && !isAttendance(input.attendance)) fields.attendance = 'dialogues.errors.attendance'
    changes.attendance = input.attendance
  }
  if (input.summary !== undefined) {
    const summary = optional(input.summary)
    if (!fits(summary, LIMITS.summary)) fields.summary = 'dialogues.errors.summary'
    changes.summary = summary
  }
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
  if (Object.keys(changes).length === 0) return staffViewAfter(deps, principal, id)

  await deps.db.transaction().execute(async (trx) => {
    const isUpdated = await repo.updateSession(trx, session, { ...changes, updated_at: instant(now) })
    if (!isUpdated) throw new ConflictError('dialogues.errors.notAllowedNow')
    await appendAudit(trx, {
      actor: units.actorOf(principal),
      at: now,
      entity: 'dialogue_session',
      entityId: id,
      action: 'update',
      before: Object.fromEntries(Object.keys(changes).map((k) => [k, beforeValue(session, k)])),
      after: changes,
    })
  })
  return staffViewAfter(deps, principal, id)
}

/** A session column's value before a change, for the audit. */
function beforeValue(session: SessionRecord, column: string): unknown {
  const byColumn: Record<string, unknown> = {
    topic: session.topic,
    description: session.description,
    starts_at: instant(session.startsAt),
    ends_at: session.endsAt ? instant(session.endsAt) : null,
    venue: session.venue,
    livestream_url: session.livestreamUrl,
    secretary_id: session.secretary?.id ?? null,
    participants: session.participants,
    attendance: session.attendance,
    summary: session.summary,
  }
  return byColumn[column] ?? null
}

/** Replaces a session's hosts (organisers, until the minutes are published). */
export async function setHosts(deps: DialogueDeps, principal: Principal, id: number, hosts: readonly HostInput[]): Promise<StaffSessionView> {
  const now = deps.clock.now()
  const { session, relation } = await loadForStaff(deps, principal, id)
  if (!relation.isOrganiser) throw new ForbiddenError()
  if (!canEditHosts(session.status)) throw new ConflictError('dialogues.errors.notAllowedNow')
  const fields: FieldErrors = {}
  const checked = await checkHosts(deps, session.unit, hosts, fields)
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
  const before = (await repo.findHosts(deps.db, [id])).get(id) ?? []
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.touchSession(trx, id, session.status, now))) throw new ConflictError('dialogues.errors.notAllowedNow')
    await repo.replaceHosts(trx, id, checked)
    await appendAudit(trx, {
      actor: units.actorOf(principal),
      at: now,
      entity: 'dialogue_session',
      entityId: id,
      action: 'set_hosts',
      before: before.map((h) => ({ staffId: h.staff.id, roleLabel: h.roleLabel })),
      after: checked,
    })
  })
  return staffViewAfter(deps, principal, id)
}

/** A status action with the reason cancel needs. */
export interface SessionActionInput {
  readonly action: SessionAction | string
  /** cancel: why (shown publicly). */
  readonly reason?: string | null
}

/**
 * Moves a session through its statuses: open_questions, mark_held (the secretary; every question
 * still without an answer becomes unanswered with a tracked item), publish_minutes, close, cancel
 * {reason}. 403 when the principal may not, 409 when the status (or pending questions, or missing
 * participants) does not allow it now, 422 for a missing reason.
 */
export async function applySessionAction(deps: DialogueDeps, principal: Principal, id: number, input: SessionActionInput): Promise<StaffSessionView> {
  if (!(SESSION_ACTIONS as readonly string[]).includes(input.action)) throw new ValidationError({ action: 'dialogues.errors.action' })
  const action = input.action as SessionAction
  const now = deps.clock.now()
  const { session, questions, relation } = await loadForStaff(deps, principal, id)
  if (!canTakeSessionAction(relation, action)) throw new ForbiddenError()
  const counts = await repo.countQuestionsByStatus(deps.db, id)
  const refusal = sessionRefusal(sessionStateOf(session, counts), action, now)
  let reason: string | null = null
  if (action === 'cancel') {
    reason = optional(input.reason)
    if (refusal === null && (reason === null || !fits(reason, LIMITS.reason))) throw new ValidationError({ reason: 'dialogues.errors.reason' })
  }
  if (refusal) throw new ConflictError(refusal)

  const to = nextSessionStatus(action)
  const changes: Record<string, unknown> = { status: to, updated_at: instant(now) }
  if (action === 'mark_held') changes.held_at = instant(now)
  if (action === 'publish_minutes') changes.minutes_published_at = instant(now)
  if (action === 'close') changes.closed_at = instant(now)
  if (action === 'cancel') changes.cancel_reason = reason
  // Calendars of the units that will answer the open questions, read before the transaction.
  const calendars = action === 'mark_held' ? await calendarsOf(deps, [session.unit.id, ...questions.filter((q) => q.assignedUnit).map((q) => q.assignedUnit!.id)]) : new Map<number, WorkingCalendar>()

  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.updateSession(trx, session, changes))) throw new ConflictError('dialogues.errors.notAllowedNow')
    const tracked: { questionId: number; code: string }[] = []
    if (action === 'mark_held') {
      // Read again inside the transaction: a question published meanwhile is tracked too.
      if ((await repo.findQuestionsInStatus(trx, id, ['pending'])).length > 0) throw new ConflictError('dialogues.errors.pendingQuestions')
      for (const q of await repo.findQuestionsInStatus(trx, id, ['published'])) {
        tracked.push({ questionId: q.id, code: await trackUnanswered(trx, deps, principal, session, q, calendars, now) })
      }
    }
    const { updated_at: _updatedAt, ...audited } = changes
    await appendAudit(trx, {
      actor: units.actorOf(principal),
      at: now,
      entity: 'dialogue_session',
      entityId: id,
      action,
      before: { status: session.status },
      after: { ...audited, ...(tracked.length > 0 ? { unanswered: tracked } : {}) },
    })
  })
  return staffViewAfter(deps, principal, id)
}

// ---------------------------------------------------------------------------------------------
// Residents' questions and supports

/** What a resident's question carries; field errors are named after these keys. */
export interface QuestionInput {
  readonly askerName?: string | null
  readonly residentialArea?: string | null
  /** A phone number or e-mail address, never shown publicly. */
  readonly contact?: string | null
  /** Whether to hide the name publicly (also when no name is given). */
  readonly isAnonymous?: boolean
  readonly text: string
}

/** What a public submission carries besides the question: the spam defences. */
export interface PublicSubmissionCheck {
  readonly clientAddress: string
  readonly captcha: CaptchaSolution
  /** The hidden field people never see; anything in it means a script filled the form. */
  readonly honeypot: string | null | undefined
}

/** Checks a resident's question fields. */
function checkQuestionFields(input: QuestionInput, fields: FieldErrors) {
  const askerName = optional(input.askerName)
  if (!fits(askerName, LIMITS.askerName)) fields.askerName = 'dialogues.errors.askerName'
  const residentialArea = optional(input.residentialArea)
  if (!fits(residentialArea, LIMITS.residentialArea)) fields.residentialArea = 'dialogues.errors.residentialArea'
  const contact = optional(input.contact)
  if (!fits(contact, LIMITS.contact)) fields.contact = 'dialogues.errors.contact'
  const text = optional(input.text)
  if (text === null || !fits(text, LIMITS.questionText)) fields.text = 'dialogues.errors.text'
  const isAnonymous = input.isAnonymous === true || askerName === null
  return { askerName: isAnonymous ? null : askerName, residentialArea, contact, text: text ?? '', isAnonymous }
}

/**
 * A resident sends a question before the session: a limit per address (429), the honeypot (a
 * generic 422), the fields and the captcha (one 422 with every field error), and the session must
 * be open for questions (409). The question waits for a moderator (pending).
 */
export async function submitQuestion(deps: PublicDialogueDeps, sessionId: number, input: QuestionInput, check: PublicSubmissionCheck): Promise<PublicQuestionView> {
  const now = deps.clock.now()
  const session = await loadSession(deps, sessionId)
  if ((await hitCounter(deps.db, `dialogue-question:${check.clientAddress}`, QUESTION_LIMITS.windowMs, now)) > QUESTION_LIMITS.perWindow) {
    throw new TooManyRequestsError('dialogues.errors.tooMany', Math.ceil(QUESTION_LIMITS.windowMs / 1000))
  }
  if (typeof check.honeypot === 'string' && check.honeypot.trim() !== '') throw new ValidationError({}, 'dialogues.errors.rejected')
  if (!acceptsQuestions(session.status, session.startsAt, now)) throw new ConflictError('dialogues.errors.questionsClosed')
  const fields: FieldErrors = {}
  const question = checkQuestionFields(input, fields)
  // The challenge is spent by this check whatever the fields say: the form shows a new one.
  const verdict = await deps.captcha.verify(check.captcha, now)
  if (!verdict.ok) fields.captcha = verdict.reason
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)

  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertQuestion(trx, {
      session_id: session.id,
      source: 'before',
      asker_name: question.askerName,
      residential_area: question.residentialArea,
      contact: question.contact,
      is_anonymous: question.isAnonymous ? 1 : 0,
      text: question.text,
      status: 'pending',
      created_at: instant(now),
      updated_at: instant(now),
    })
    // The audit keeps what happened, not who wrote it: no name or contact.
    await appendAudit(trx, { actor: RESIDENT, at: now, entity: 'dialogue_question', entityId: id, action: 'submit', after: { sessionId: session.id, source: 'before', isAnonymous: question.isAnonymous, hasContact: question.contact !== null } })
    return id
  })
  const record = (await repo.findQuestion(deps.db, session.id, id))!
  return publicQuestionView(session, record, new Map(), new Set(), now)
}

/**
 * A resident supports a published question, once per device: the device is the random
 * `congso_device` cookie, kept only as its hash. 409 the second time or when the session no longer
 * takes supports; 404 for a question the public cannot see; 429 past the limit per address.
 */
export async function supportQuestion(
  deps: Pick<DialogueDeps, 'db' | 'clock'>,
  sessionId: number,
  questionId: number,
  deviceToken: string,
  clientAddress: string,
): Promise<{ supportCount: number }> {
  const now = deps.clock.now()
  const session = await loadSession(deps, sessionId)
  const question = Number.isSafeInteger(questionId) && questionId > 0 ? await repo.findQuestion(deps.db, session.id, questionId) : null
  if (!question || !PUBLIC_QUESTION_STATUSES.includes(question.status)) throw new NotFoundError('dialogues.errors.questionNotFound')
  if (typeof deviceToken !== 'string' || !DEVICE_TOKEN_PATTERN.test(deviceToken)) throw new ValidationError({ device: 'dialogues.errors.device' })
  if ((await hitCounter(deps.db, `dialogue-support:${clientAddress}`, SUPPORT_LIMITS.windowMs, now)) > SUPPORT_LIMITS.perWindow) {
    throw new TooManyRequestsError('dialogues.errors.tooMany', Math.ceil(SUPPORT_LIMITS.windowMs / 1000))
  }
  const refusal = questionRefusal(session.status, question.status, 'support')
  if (refusal) throw new ConflictError(refusal)
  const isNew = await deps.db.transaction().execute(async (trx) => {
    // Checked again inside: a moderator may have hidden or merged it meanwhile.
    const [current] = await repo.findQuestionsInStatus(trx, session.id, ['published']).then((qs) => qs.filter((q) => q.id === question.id))
    if (!current) throw new ConflictError('dialogues.errors.questionNotAllowed')
    return repo.insertSupport(trx, question.id, hashDevice(deviceToken), now)
  })
  if (!isNew) throw new ConflictError('dialogues.errors.alreadySupported')
  const after = await repo.findQuestion(deps.db, session.id, question.id)
  return { supportCount: after?.supportCount ?? question.supportCount + 1 }
}

// ---------------------------------------------------------------------------------------------
// Moderation

/** A moderation action with the fields it needs. */
export interface ModerationInput {
  readonly action: ModerationAction | string
  /** hide: why (staff only). */
  readonly reason?: string | null
  /** merge: the id of the question of the same session it repeats. */
  readonly into?: number | null
  /** assign: the unit that prepares the answer. */
  readonly unitCode?: string | null
  /** prepare_answer: the prepared answer (staff only until the session). */
  readonly text?: string | null
}

/**
 * Moderates a question before the session: publish, hide {reason}, merge {into} (its supports move
 * over, a device counted once), assign {unitCode} (the unit's leaders are told), prepare_answer
 * {text} (organisers, or staff of the assigned unit). 403/404/409/422 as the other use cases.
 */
export async function moderateQuestion(deps: DialogueDeps, principal: Principal, sessionId: number, questionId: number, input: ModerationInput): Promise<StaffQuestionView> {
  if (!(MODERATION_ACTIONS as readonly string[]).includes(input.action)) throw new ValidationError({ action: 'dialogues.errors.action' })
  const action = input.action as ModerationAction
  const now = deps.clock.now()
  const { session, questions, relation } = await loadForStaff(deps, principal, sessionId)
  const question = questions.find((q) => q.id === questionId)
  if (!question) throw new NotFoundError('dialogues.errors.questionNotFound')
  if (!canModerate(relation, action, question.assignedUnit !== null && isPreparerFor(principal, question.assignedUnit.path))) throw new ForbiddenError()
  const refusal = questionRefusal(session.status, question.status, action)

  const fields: FieldErrors = {}
  const changes: Record<string, unknown> = { status: nextQuestionStatus(question.status, action), updated_at: instant(now) }
  let target: QuestionRecord | null = null
  let assignedUnit: Unit | null = null
  switch (action) {
    case 'publish':
      changes.hidden_reason = null
      break
    case 'hide': {
      const reason = optional(input.reason)
      if (reason === null || !fits(reason, LIMITS.reason)) fields.reason = 'dialogues.errors.reason'
      changes.hidden_reason = reason
      break
    }
    case 'merge': {
      target = questions.find((q) => q.id === input.into) ?? null
      if (!target || target.id === question.id || !isMergeTarget(target.status)) fields.into = 'dialogues.errors.into'
      else changes.merged_into_id = target.id
      break
    }
    case 'assign': {
      const unitCode = optional(input.unitCode)
      assignedUnit = unitCode ? await units.getUnitByCode(deps, unitCode).catch(() => null) : null
      if (!assignedUnit || assignedUnit.isDisabled || !isSameLine(assignedUnit, session.unit)) {
        fields.unitCode = 'dialogues.errors.assignUnit'
        assignedUnit = null
      } else changes.assigned_unit_id = assignedUnit.id
      break
    }
    case 'prepare_answer': {
      const text = optional(input.text)
      if (text === null || !fits(text, LIMITS.preparedAnswer)) fields.text = 'dialogues.errors.preparedAnswer'
      changes.prepared_answer = text
      break
    }
  }
  if (refusal) throw new ConflictError(refusal)
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
  const leaders = assignedUnit ? await units.leadersOf(deps, assignedUnit.id) : []

  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.updateQuestion(trx, question, changes))) throw new ConflictError('dialogues.errors.questionNotAllowed')
    if (!(await repo.touchSession(trx, session.id, session.status, now))) throw new ConflictError('dialogues.errors.sessionNotAllowed')
    let movedTo: number | null = null
    if (target) movedTo = await repo.moveSupports(trx, question.id, target.id)
    if (assignedUnit) {
      const values = { topic: session.topic, date: dayText(session.startsAt), unit: assignedUnit.name, text: excerptOf(question.text, 300), url: `${deps.config.baseUrl}/admin/doi-thoai/${session.id}` }
      const subject = translate('dialogues.notify.assigned.subject', values)
      const body = translate('dialogues.notify.assigned.body', values)
      for (const leader of leaders) {
        if (leader.email) await enqueueMessage(trx, { channel: 'email', recipient: leader.email, subject, body }, now)
        else if (leader.phone) await enqueueMessage(trx, { channel: 'sms', recipient: leader.phone, subject, body }, now)
      }
    }
    const { updated_at: _updatedAt, ...audited } = changes
    await appendAudit(trx, {
      actor: units.actorOf(principal),
      at: now,
      entity: 'dialogue_question',
      entityId: question.id,
      action,
      before: { status: question.status, supportCount: question.supportCount },
      after: { ...audited, ...(assignedUnit ? { unitCode: assignedUnit.code } : {}), ...(movedTo !== null ? { targetSupportCount: movedTo } : {}) },
    })
  })
  return staffQuestionAfter(deps, principal, sessionId, questionId)
}

// ---------------------------------------------------------------------------------------------
// The secretary at the session

/** A question raised from the floor, with its answer when it was answered at once. */
export interface FloorQuestionInput {
  readonly askerName?: string | null
  readonly residentialArea?: string | null
  readonly text: string
  readonly answer?: string | null
  readonly answeredBy?: string | null
}

/** An answer given at the session. */
export interface AnswerInput {
  readonly answer: string
  /** Who answered, as said at the session ("Chủ tịch UBND phường"). */
  readonly answeredBy?: string | null
}

/** Checks an answer's fields. */
function checkAnswer(input: { answer?: string | null; answeredBy?: string | null }, fields: FieldErrors, isRequired: boolean): { answer: string | null; answeredBy: string | null } {
  const answer = optional(input.answer)
  if ((answer === null && isRequired) || (answer !== null && !fits(answer, LIMITS.answer))) fields.answer = 'dialogues.errors.answer'
  const answeredBy = optional(input.answeredBy)
  if (!fits(answeredBy, LIMITS.answeredBy)) fields.answeredBy = 'dialogues.errors.answeredBy'
  return { answer, answeredBy }
}

/**
 * The secretary records a question raised from the floor, answered at once or not; recorded after
 * the session was marked held without an answer, it is tracked at once like the others.
 */
export async function recordFloorQuestion(deps: DialogueDeps, principal: Principal, sessionId: number, input: FloorQuestionInput): Promise<StaffQuestionView> {
  const now = deps.clock.now()
  const { session, relation } = await loadForStaff(deps, principal, sessionId)
  if (!relation.isSecretary) throw new ForbiddenError()
  if (!canRecord(session.status)) throw new ConflictError('dialogues.errors.notAllowedNow')
  const fields: FieldErrors = {}
  const askerName = optional(input.askerName)
  if (!fits(askerName, LIMITS.askerName)) fields.askerName = 'dialogues.errors.askerName'
  const residentialArea = optional(input.residentialArea)
  if (!fits(residentialArea, LIMITS.residentialArea)) fields.residentialArea = 'dialogues.errors.residentialArea'
  const text = optional(input.text)
  if (text === null || !fits(text, LIMITS.questionText)) fields.text = 'dialogues.errors.text'
  const { answer, answeredBy } = checkAnswer(input, fields, false)
  if (Object.keys(fields).length > 0 || text === null) throw new ValidationError(fields)
  const status = floorQuestionStatus(session.status, answer !== null)
  const calendars = status === 'unanswered' ? await calendarsOf(deps, [session.unit.id]) : new Map<number, WorkingCalendar>()

  const id = await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.touchSession(trx, session.id, session.status, now))) throw new ConflictError('dialogues.errors.notAllowedNow')
    const id = await repo.insertQuestion(trx, {
      session_id: session.id,
      source: 'floor',
      asker_name: askerName,
      residential_area: residentialArea,
      is_anonymous: askerName === null ? 1 : 0,
      text,
      // Written as published first; tracking turns it unanswered with its item.
      status: status === 'unanswered' ? 'published' : status,
      answer,
      answered_by: answeredBy,
      created_at: instant(now),
      updated_at: instant(now),
    })
    let trackedCode: string | null = null
    if (status === 'unanswered') {
      trackedCode = await trackUnanswered(trx, deps, principal, session, { id, text, askerName, isAnonymous: askerName === null, contact: null, assignedUnit: null }, calendars, now)
    }
    await appendAudit(trx, {
      actor: units.actorOf(principal),
      at: now,
      entity: 'dialogue_question',
      entityId: id,
      action: 'record_floor',
      after: { sessionId: session.id, status, hasAnswer: answer !== null, answeredBy, ...(trackedCode ? { trackedItem: trackedCode } : {}) },
    })
    return id
  })
  return staffQuestionAfter(deps, principal, sessionId, id)
}

/**
 * The secretary records the answer given at the session to a published question (or corrects one
 * recorded earlier, until the minutes are published). The asker is told when they left a contact.
 */
export async function answerQuestion(deps: DialogueDeps, principal: Principal, sessionId: number, questionId: number, input: AnswerInput): Promise<StaffQuestionView> {
  const now = deps.clock.now()
  const { session, questions, relation } = await loadForStaff(deps, principal, sessionId)
  const question = questions.find((q) => q.id === questionId)
  if (!question) throw new NotFoundError('dialogues.errors.questionNotFound')
  if (!relation.isSecretary) throw new ForbiddenError()
  const refusal = questionRefusal(session.status, question.status, 'answer')
  if (refusal) throw new ConflictError(refusal)
  const fields: FieldErrors = {}
  const { answer, answeredBy } = checkAnswer(input, fields, true)
  if (Object.keys(fields).length > 0 || answer === null) throw new ValidationError(fields)
  const contact = question.status === 'answered' ? null : trackedContactOf(question)

  await deps.db.transaction().execute(async (trx) => {
    const isUpdated = await repo.updateQuestion(trx, question, { status: 'answered', answer, answered_by: answeredBy, updated_at: instant(now) })
    if (!isUpdated) throw new ConflictError('dialogues.errors.questionNotAllowed')
    if (!(await repo.touchSession(trx, session.id, session.status, now))) throw new ConflictError('dialogues.errors.sessionNotAllowed')
    if (contact && (contact.phone || contact.email)) {
      const values = { topic: session.topic, date: dayText(session.startsAt), answer: excerptOf(answer, 500), url: `${deps.config.baseUrl}/doi-thoai/${session.id}` }
      const subject = translate('dialogues.notify.answered.subject', values)
      const body = translate('dialogues.notify.answered.body', values)
      if (contact.phone) await enqueueMessage(trx, { channel: 'sms', recipient: contact.phone, subject, body }, now)
      if (contact.email) await enqueueMessage(trx, { channel: 'email', recipient: contact.email, subject, body }, now)
    }
    await appendAudit(trx, {
      actor: units.actorOf(principal),
      at: now,
      entity: 'dialogue_question',
      entityId: question.id,
      action: 'answer',
      before: { status: question.status, answer: question.answer },
      after: { status: 'answered', answer, answeredBy },
    })
  })
  return staffQuestionAfter(deps, principal, sessionId, questionId)
}

/** A commitment made at the session: who will do what by when. */
export interface CommitmentInput {
  /** The question it answers, if any (of the same session). */
  readonly questionId?: number | null
  readonly responsibleUnitCode: string
  /** Who will do it, as said at the session (a person or office). */
  readonly responsible: string
  readonly content: string
  /** A civil date (YYYY-MM-DD: by the end of that day) or an instant. */
  readonly dueAt: string | Date
  /** The feedback category of its tracked item; 'other' when not given. */
  readonly category?: string | null
}

/**
 * The secretary records a commitment; in the same transaction it becomes a tracked item of the
 * feedback module (a petition, accepted and assigned to the responsible unit, due on the promised
 * date, public), linked to the commitment.
 */
export async function addCommitment(deps: DialogueDeps, principal: Principal, sessionId: number, input: CommitmentInput): Promise<CommitmentView> {
  const now = deps.clock.now()
  const { session, questions, relation } = await loadForStaff(deps, principal, sessionId)
  if (!relation.isSecretary) throw new ForbiddenError()
  if (!canRecord(session.status)) throw new ConflictError('dialogues.errors.notAllowedNow')
  const fields: FieldErrors = {}
  let question: QuestionRecord | null = null
  if (input.questionId !== undefined && input.questionId !== null) {
    question = questions.find((q) => q.id === input.questionId) ?? null
    if (!question || question.status === 'hidden' || question.status === 'merged' || question.status === 'pending') fields.questionId = 'dialogues.errors.question'
  }
  const unitCode = optional(input.responsibleUnitCode)
  const unit = unitCode ? await units.getUnitByCode(deps, unitCode).catch(() => null) : null
  if (!unit || unit.isDisabled || !isSameLine(unit, session.unit)) fields.responsibleUnitCode = 'dialogues.errors.responsibleUnit'
  const responsible = optional(input.responsible)
  if (responsible === null || !fits(responsible, LIMITS.responsible)) fields.responsible = 'dialogues.errors.responsible'
  const content = optional(input.content)
  if (content === null || !fits(content, LIMITS.content)) fields.content = 'dialogues.errors.content'
  const dueAt = parseDue(input.dueAt)
  if (dueAt === null || dueAt.getTime() <= now.getTime()) fields.dueAt = 'dialogues.errors.dueAt'
  const category = optional(input.category)
  if (Object.keys(fields).length > 0 || !unit || !responsible || !content || !dueAt) throw new ValidationError(fields)

  const values = { topic: session.topic, unit: session.unit.name, date: dayText(session.startsAt), responsible, content }
  const description = [translate('dialogues.tracked.commitmentBody', values), ...(question ? [translate('dialogues.tracked.commitmentQuestion', { question: question.text })] : [])].join('\n\n')
  const id = await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.touchSession(trx, session.id, session.status, now))) throw new ConflictError('dialogues.errors.notAllowedNow')
    const item = await createTrackedItem(trx, deps, {
      unitId: unit.id,
      category,
      title: translate('dialogues.tracked.commitmentTitle', { content: excerptOf(content, 150) }),
      description: excerptOf(description, 5000),
      dueAt,
      origin: 'dialogue',
      originRef: originRefOf(session.id),
      wantsPublic: true,
      contact: null,
      by: principal,
    })
    const id = await repo.insertCommitment(trx, {
      session_id: session.id,
      question_id: question?.id ?? null,
      responsible_unit_id: unit.id,
      responsible,
      content,
      due_at: instant(dueAt),
      feedback_item_id: item.id,
      created_by: principal.staffId,
      created_at: instant(now),
    })
    await appendAudit(trx, {
      actor: units.actorOf(principal),
      at: now,
      entity: 'dialogue_commitment',
      entityId: id,
      action: 'create',
      after: { sessionId: session.id, questionId: question?.id ?? null, unitCode: unit.code, responsible, content, dueAt: instant(dueAt), trackedItem: item.code },
    })
    return id
  })
  const record = (await repo.findCommitment(deps.db, id))!
  return commitmentView(record, deps.clock.now())
}

