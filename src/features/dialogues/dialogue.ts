/**
 * Domain types and pure rules of direct dialogues (đối thoại trực tiếp) between the heads of the
 * Party committee and of the People's Committee and residents: the session and question state
 * machines, field rules, and the coverage arithmetic ("12/12 units held a dialogue"). No I/O.
 */

/**
 * Statuses of a session. planned = announced; open_for_questions = residents may send questions
 * beforehand; held = it took place (recorded by the secretary); minutes_published = the minutes
 * (biên bản) are public; closed = the follow-up is over; cancelled (with a reason).
 */
export const SESSION_STATUSES = ['planned', 'open_for_questions', 'held', 'minutes_published', 'closed', 'cancelled'] as const
/** One of SESSION_STATUSES. */
export type SessionStatus = (typeof SESSION_STATUSES)[number]

/** Statuses in which the session counts as having taken place (coverage, the past list). */
export const HELD_STATUSES: readonly SessionStatus[] = ['held', 'minutes_published', 'closed']

/** Statuses before the session took place. */
export const BEFORE_STATUSES: readonly SessionStatus[] = ['planned', 'open_for_questions']

/** Actions on a session's status. */
export const SESSION_ACTIONS = ['open_questions', 'mark_held', 'publish_minutes', 'close', 'cancel'] as const
/** One of SESSION_ACTIONS. */
export type SessionAction = (typeof SESSION_ACTIONS)[number]

/**
 * Statuses each action may be taken from, and where it leads. A session may be held without
 * having asked for questions beforehand, so mark_held is allowed from planned too.
 */
const SESSION_TRANSITIONS: Record<SessionAction, { readonly from: readonly SessionStatus[]; readonly to: SessionStatus }> = {
  open_questions: { from: ['planned'], to: 'open_for_questions' },
  mark_held: { from: ['planned', 'open_for_questions'], to: 'held' },
  publish_minutes: { from: ['held'], to: 'minutes_published' },
  close: { from: ['minutes_published'], to: 'closed' },
  cancel: { from: ['planned', 'open_for_questions'], to: 'cancelled' },
}

/** Who takes a session action: the organisers, or the secretary (who records the session). */
export const SESSION_ACTION_ACTORS: Readonly<Record<SessionAction, 'organiser' | 'secretary'>> = {
  open_questions: 'organiser',
  mark_held: 'secretary',
  publish_minutes: 'organiser',
  close: 'organiser',
  cancel: 'organiser',
}

/** What the session state machine needs to know. */
export interface SessionState {
  readonly status: SessionStatus
  readonly startsAt: Date
  /** Questions sent beforehand that no moderator has published or hidden yet. */
  readonly pendingQuestions: number
  /** Whether the minutes name the participants (the least a biên bản needs). */
  readonly hasParticipants: boolean
}

/** Why a session action is refused now, as a catalogue key, or null when it is allowed. */
export function sessionRefusal(state: SessionState, action: SessionAction, now: Date): string | null {
  const rule = SESSION_TRANSITIONS[action]
  if (!rule.from.includes(state.status)) return 'dialogues.errors.notAllowedNow'
  switch (action) {
    case 'mark_held':
      // Marking held turns every open question into a tracked item: never before the session.
      if (now.getTime() < state.startsAt.getTime()) return 'dialogues.errors.notStarted'
      // Unmoderated questions could be abuse; they must be published or hidden first.
      if (state.pendingQuestions > 0) return 'dialogues.errors.pendingQuestions'
      return null
    case 'publish_minutes':
      return state.hasParticipants ? null : 'dialogues.errors.minutesIncomplete'
    default:
      return null
  }
}

/** The status a session action leads to (only meaningful when sessionRefusal allows it). */
export function nextSessionStatus(action: SessionAction): SessionStatus {
  return SESSION_TRANSITIONS[action].to
}

/** The session actions allowed in a state now (for showing only the buttons that work). */
export function allowedSessionActions(state: SessionState, now: Date): SessionAction[] {
  return SESSION_ACTIONS.filter((action) => sessionRefusal(state, action, now) === null)
}

/** Whether the schedule (topic, time, venue, link, secretary) may still change. */
export function canEditSchedule(status: SessionStatus): boolean {
  return BEFORE_STATUSES.includes(status)
}

/** Whether the minutes' own fields (participants, attendance, summary) may still change. */
export function canEditMinutes(status: SessionStatus): boolean {
  return status === 'planned' || status === 'open_for_questions' || status === 'held'
}

/** Whether hosts may still change. */
export function canEditHosts(status: SessionStatus): boolean {
  return status === 'planned' || status === 'open_for_questions' || status === 'held'
}

/** Whether the secretary may record floor questions, answers and commitments. */
export function canRecord(status: SessionStatus): boolean {
  return status === 'planned' || status === 'open_for_questions' || status === 'held'
}

/** Whether the public may read the minutes. */
export function isMinutesPublic(status: SessionStatus): boolean {
  return status === 'minutes_published' || status === 'closed'
}

/** Whether residents may send questions now: the session is open for them and has not begun. */
export function acceptsQuestions(status: SessionStatus, startsAt: Date, now: Date): boolean {
  return status === 'open_for_questions' && now.getTime() < startsAt.getTime()
}

// ---------------------------------------------------------------------------------------------
// Questions

/** Where a question came from: sent beforehand, or raised from the floor at the session. */
export const QUESTION_SOURCES = ['before', 'floor'] as const
/** One of QUESTION_SOURCES. */
export type QuestionSource = (typeof QUESTION_SOURCES)[number]

/**
 * Statuses of a question. pending = sent beforehand, awaiting a moderator; published = shown on
 * the session page; hidden (with a reason, staff only); merged (into another question);
 * answered (at the session); unanswered (the session ended without an answer: tracked).
 */
export const QUESTION_STATUSES = ['pending', 'published', 'hidden', 'merged', 'answered', 'unanswered'] as const
/** One of QUESTION_STATUSES. */
export type QuestionStatus = (typeof QUESTION_STATUSES)[number]

/** Statuses the public sees. */
export const PUBLIC_QUESTION_STATUSES: readonly QuestionStatus[] = ['published', 'answered', 'unanswered']

/** Moderators' actions on a question before the session. */
export const MODERATION_ACTIONS = ['publish', 'hide', 'merge', 'assign', 'prepare_answer'] as const
/** One of MODERATION_ACTIONS. */
export type ModerationAction = (typeof MODERATION_ACTIONS)[number]

/** Every action on a question: moderation, the secretary's answer, a resident's support. */
export const QUESTION_ACTIONS = [...MODERATION_ACTIONS, 'answer', 'support'] as const
/** One of QUESTION_ACTIONS. */
export type QuestionAction = (typeof QUESTION_ACTIONS)[number]

/** Question statuses each action may be taken from, and the session statuses it may be taken in. */
const QUESTION_RULES: Record<QuestionAction, { readonly from: readonly QuestionStatus[]; readonly during: readonly SessionStatus[] }> = {
  // A hidden question may be shown after all, if the moderator reconsiders.
  publish: { from: ['pending', 'hidden'], during: ['planned', 'open_for_questions'] },
  hide: { from: ['pending', 'published'], during: ['planned', 'open_for_questions'] },
  merge: { from: ['pending', 'published'], during: ['planned', 'open_for_questions'] },
  assign: { from: ['pending', 'published'], during: ['planned', 'open_for_questions'] },
  prepare_answer: { from: ['pending', 'published'], during: ['planned', 'open_for_questions'] },
  // An answer may be corrected until the minutes are published; once held, a question without
  // an answer is tracked in the feedback module and answered there.
  answer: { from: ['published', 'answered'], during: ['planned', 'open_for_questions', 'held'] },
  support: { from: ['published'], during: ['open_for_questions'] },
}

/** Why an action on a question is refused, as a catalogue key, or null when it is allowed. */
export function questionRefusal(session: SessionStatus, question: QuestionStatus, action: QuestionAction): string | null {
  const rule = QUESTION_RULES[action]
  if (!rule.during.includes(session)) return 'dialogues.errors.sessionNotAllowed'
  if (!rule.from.includes(question)) return 'dialogues.errors.questionNotAllowed'
  return null
}

/** The question status after an action (support, assign and prepare_answer keep it). */
export function nextQuestionStatus(question: QuestionStatus, action: QuestionAction): QuestionStatus {
  switch (action) {
    case 'publish':
      return 'published'
    case 'hide':
      return 'hidden'
    case 'merge':
      return 'merged'
    case 'answer':
      return 'answered'
    default:
      return question
  }
}

/** The actions allowed on a question now (before who may take them). */
export function allowedQuestionActions(session: SessionStatus, question: QuestionStatus): QuestionAction[] {
  return QUESTION_ACTIONS.filter((action) => questionRefusal(session, question, action) === null)
}

/** Whether a question may be the target of a merge: shown, and not itself merged away. */
export function isMergeTarget(status: QuestionStatus): boolean {
  return status === 'pending' || status === 'published' || status === 'answered'
}

/** Whether a question is still waiting for an answer when the session is marked held. */
export function isLeftUnanswered(status: QuestionStatus): boolean {
  return status === 'published'
}

/** The status of a question recorded from the floor: answered if the answer came with it, else open or, after the session, unanswered. */
export function floorQuestionStatus(session: SessionStatus, hasAnswer: boolean): QuestionStatus {
  if (hasAnswer) return 'answered'
  return session === 'held' ? 'unanswered' : 'published'
}

// ---------------------------------------------------------------------------------------------
// Field rules

/** Length limits of text fields, in characters. */
export const LIMITS = Object.freeze({
  topic: { min: 5, max: 200 },
  description: { min: 0, max: 5000 },
  venue: { min: 3, max: 300 },
  url: { min: 0, max: 500 },
  participants: { min: 0, max: 5000 },
  summary: { min: 0, max: 20000 },
  roleLabel: { min: 2, max: 120 },
  reason: { min: 5, max: 1000 },
  askerName: { min: 0, max: 120 },
  residentialArea: { min: 0, max: 200 },
  contact: { min: 0, max: 200 },
  questionText: { min: 10, max: 3000 },
  answer: { min: 2, max: 10000 },
  answeredBy: { min: 0, max: 200 },
  preparedAnswer: { min: 2, max: 10000 },
  responsible: { min: 2, max: 200 },
  content: { min: 5, max: 3000 },
})

/** Most hosts of a session. */
export const MAX_HOSTS = 10

/** Whether a text (already trimmed) fits a limit. */
export function fits(text: string | null, limit: { readonly min: number; readonly max: number }): boolean {
  const length = text === null ? 0 : [...text].length
  return length >= limit.min && length <= limit.max
}

/** Whether a link is an http(s) URL without spaces. */
export function isWebLink(text: string): boolean {
  return /^https?:\/\/[^\s<>"]+$/i.test(text) && text.length <= LIMITS.url.max
}

/** Whether a number of people attending is plausible. */
export function isAttendance(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100_000
}

/** The shape of a resident's contact, to pass it on to a tracked item. */
export function contactKind(text: string): 'email' | 'phone' | 'other' {
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return 'email'
  if (/^\+?[0-9 .-]{8,15}$/.test(text)) return 'phone'
  return 'other'
}

/** Device tokens (the `congso_device` cookie, shared with surveys, whose ids are shorter): we make 32 random bytes in base64url. */
export const DEVICE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

/** Name of the cookie that tells one device from another for supports. */
export const DEVICE_COOKIE = 'congso_device'

/** The first words of a text, for titles and lists. */
export function excerptOf(text: string, length = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const chars = [...flat]
  return chars.length <= length ? flat : `${chars.slice(0, length - 1).join('').trimEnd()}…`
}

// ---------------------------------------------------------------------------------------------
// Coverage arithmetic

/** Levels of the units that must each hold a dialogue every year (Law 10/2022/QH15, Art. 32). */
export const COMMUNE_LEVELS: readonly string[] = ['ward', 'commune', 'township']

/** Tracked-item statuses (of the feedback module) that count a commitment as done. */
export const DONE_ITEM_STATUSES: readonly string[] = ['answered', 'closed']

/** Tracked-item statuses that count a commitment as still open. */
export const OPEN_ITEM_STATUSES: readonly string[] = ['new', 'accepted', 'assigned']

/** A commitment as the coverage counts it. */
export interface CommitmentFact {
  /** The promised date. */
  readonly dueAt: Date
  /** The tracked item's status; null when it has none (treated as open). */
  readonly itemStatus: string | null
  readonly answeredAt: Date | null
}

/** Figures over commitments. */
export interface CommitmentFigures {
  readonly total: number
  /** The tracked item is answered or closed. */
  readonly done: number
  /** Done, and answered no later than the promised date. */
  readonly doneOnTime: number
  /** Still open and past the promised date. */
  readonly overdue: number
  /** Still open. */
  readonly open: number
}

/** Whether a commitment is done. */
export function isCommitmentDone(fact: CommitmentFact): boolean {
  return fact.itemStatus !== null && DONE_ITEM_STATUSES.includes(fact.itemStatus)
}

/** Whether a commitment is open (no tracked item yet counts as open). */
export function isCommitmentOpen(fact: CommitmentFact): boolean {
  return fact.itemStatus === null || OPEN_ITEM_STATUSES.includes(fact.itemStatus)
}

/** Whether an open commitment is past its promised date. */
export function isCommitmentOverdue(fact: CommitmentFact, now: Date): boolean {
  return isCommitmentOpen(fact) && now.getTime() > fact.dueAt.getTime()
}

/** Counts commitments done, done on time, open and overdue. */
export function commitmentFigures(facts: readonly CommitmentFact[], now: Date): CommitmentFigures {
  let done = 0
  let doneOnTime = 0
  let open = 0
  let overdue = 0
  for (const fact of facts) {
    if (isCommitmentDone(fact)) {
      done++
      if (fact.answeredAt !== null && fact.answeredAt.getTime() <= fact.dueAt.getTime()) doneOnTime++
    } else if (isCommitmentOpen(fact)) {
      open++
      if (now.getTime() > fact.dueAt.getTime()) overdue++
    }
  }
  return { total: facts.length, done, doneOnTime, overdue, open }
}

/** Per cent with no decimals, 0 for an empty base. */
export function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100)
}

/** A session held, as the coverage counts it. */
export interface HeldSessionFact {
  readonly id: number
  /** Path of the session's unit. */
  readonly unitPath: string
  readonly startsAt: Date
}

/** One unit's line of the coverage. */
export interface UnitCoverage<U> {
  readonly unit: U
  readonly sessionsHeld: number
  /** The latest session held, for a link. */
  readonly lastSessionId: number | null
  readonly lastHeldAt: Date | null
  readonly commitments: CommitmentFigures
}

/** The coverage of a year: each unit's line, how many held at least one session, and the figures over every commitment. */
export interface CoverageFigures<U> {
  readonly units: readonly UnitCoverage<U>[]
  /** Units that held at least one session. */
  readonly heldCount: number
  readonly unitCount: number
  readonly heldPercent: number
  /** Every commitment of the sessions counted, the parent unit's own sessions included. */
  readonly commitments: CommitmentFigures
}

/**
 * Works out the coverage: a session counts for the unit it was held in (or the unit above it in
 * the list, for a session of a unit further down); commitments count for the unit of their
 * session. Units keep the order given.
 */
export function coverageFigures<U extends { readonly path: string }>(
  units: readonly U[],
  sessions: readonly HeldSessionFact[],
  commitments: readonly (CommitmentFact & { readonly sessionUnitPath: string })[],
  now: Date,
): CoverageFigures<U> {
  const owner = (path: string) => units.find((u) => path.startsWith(u.path))
  const lines = units.map((unit) => {
    const held = sessions.filter((s) => owner(s.unitPath) === unit)
    const last = held.reduce<HeldSessionFact | null>((latest, s) => (latest === null || s.startsAt.getTime() >= latest.startsAt.getTime() ? s : latest), null)
    return {
      unit,
      sessionsHeld: held.length,
      lastSessionId: last?.id ?? null,
      lastHeldAt: last?.startsAt ?? null,
      commitments: commitmentFigures(
        commitments.filter((c) => owner(c.sessionUnitPath) === unit),
        now,
      ),
    }
  })
  const heldCount = lines.filter((l) => l.sessionsHeld > 0).length
  return { units: lines, heldCount, unitCount: units.length, heldPercent: percentOf(heldCount, units.length), commitments: commitmentFigures(commitments, now) }
}
