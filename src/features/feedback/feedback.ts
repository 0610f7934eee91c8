/**
 * Domain types and pure rules of feedback and petitions (phản ánh, kiến nghị, thư góp ý),
 * letters about an official, complaints (khiếu nại) and denunciations (tố cáo). No I/O.
 */

/**
 * Kinds of item. report = phản ánh (something wrong on the ground); petition = kiến nghị (a
 * request to change something); letter = thư góp ý about a named official; complaint = khiếu
 * nại and denunciation = tố cáo, which follow their own laws and live in their own register.
 */
export const FEEDBACK_KINDS = ['report', 'petition', 'letter', 'complaint', 'denunciation'] as const
/** One of FEEDBACK_KINDS. */
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number]

/** Kinds that go to the complaints and denunciations register and are never published. */
export const REGISTER_KINDS: readonly FeedbackKind[] = ['complaint', 'denunciation']

/** Whether an item of this kind may ever be shown to the public (with the resident's consent). */
export function kindMayBePublic(kind: FeedbackKind): boolean {
  return kind === 'report' || kind === 'petition'
}

/**
 * Statuses. new = submitted, awaiting triage; accepted = triaged as genuine; assigned = with a
 * unit or official to handle; answered = an answer is written; closed; rejected (with a reason);
 * duplicate (of another item).
 */
export const FEEDBACK_STATUSES = ['new', 'accepted', 'assigned', 'answered', 'closed', 'rejected', 'duplicate'] as const
/** One of FEEDBACK_STATUSES. */
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number]

/** Statuses in which the item still waits for the authority. */
export const OPEN_STATUSES: readonly FeedbackStatus[] = ['new', 'accepted', 'assigned']

/** Where an item came from. */
export const FEEDBACK_ORIGINS = ['portal', 'api', 'open311', 'dialogue', 'counter'] as const
/** One of FEEDBACK_ORIGINS. */
export type FeedbackOrigin = (typeof FEEDBACK_ORIGINS)[number]

/** An extra question a category asks (Open311 "attributes"). */
export interface CategoryQuestion {
  readonly code: string
  readonly datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist'
  readonly required: boolean
  /** Catalogue key of the question's wording. */
  readonly labelKey: string
  /** For list datatypes: value keys and the catalogue keys of their names. */
  readonly values?: readonly { readonly key: string; readonly labelKey: string }[]
}

/** A category residents choose; its code is also the Open311 service_code. */
export interface FeedbackCategory {
  readonly code: string
  /** Catalogue key of the category's name; the description key is `${nameKey}Hint`. */
  readonly nameKey: string
  /** Default handling time in working days, from acceptance. */
  readonly dueWorkingDays: number
  /** Kind an item of this category has unless the resident says otherwise. */
  readonly defaultKind: FeedbackKind
  readonly questions: readonly CategoryQuestion[]
}

/**
 * The categories (DOMAIN.md, Feedback and petitions). Due days are this product's defaults for
 * a commune-level answer; complaints and denunciations use the statutory time to accept a case
 * (Law on Complaints 2011 Art. 27: 10 days; Law on Denunciation 2018 Art. 29: 7 working days).
 */
export const FEEDBACK_CATEGORIES: readonly FeedbackCategory[] = [
  { code: 'security_order', nameKey: 'feedback.categories.security_order', dueWorkingDays: 5, defaultKind: 'report', questions: [] },
  { code: 'sanitation', nameKey: 'feedback.categories.sanitation', dueWorkingDays: 7, defaultKind: 'report', questions: [] },
  {
    code: 'waste_collection',
    nameKey: 'feedback.categories.waste_collection',
    dueWorkingDays: 5,
    defaultKind: 'report',
    questions: [
      {
        code: 'waste_problem',
        datatype: 'singlevaluelist',
        required: false,
        labelKey: 'feedback.questions.waste_problem',
        values: [
          { key: 'missed', labelKey: 'feedback.questions.waste_missed' },
          { key: 'dumping', labelKey: 'feedback.questions.waste_dumping' },
          { key: 'fee', labelKey: 'feedback.questions.waste_fee' },
        ],
      },
    ],
  },
  { code: 'street_vending', nameKey: 'feedback.categories.street_vending', dueWorkingDays: 7, defaultKind: 'report', questions: [] },
  {
    code: 'food_safety',
    nameKey: 'feedback.categories.food_safety',
    dueWorkingDays: 5,
    defaultKind: 'report',
    questions: [{ code: 'business_name', datatype: 'string', required: false, labelKey: 'feedback.questions.business_name' }],
  },
  { code: 'official_attitude', nameKey: 'feedback.categories.official_attitude', dueWorkingDays: 10, defaultKind: 'letter', questions: [] },
  { code: 'administrative_procedures', nameKey: 'feedback.categories.administrative_procedures', dueWorkingDays: 10, defaultKind: 'petition', questions: [] },
  {
    code: 'infrastructure',
    nameKey: 'feedback.categories.infrastructure',
    dueWorkingDays: 10,
    defaultKind: 'report',
    questions: [
      {
        code: 'infrastructure_kind',
        datatype: 'singlevaluelist',
        required: true,
        labelKey: 'feedback.questions.infrastructure_kind',
        values: [
          { key: 'road', labelKey: 'feedback.questions.infrastructure_road' },
          { key: 'lighting', labelKey: 'feedback.questions.infrastructure_lighting' },
          { key: 'drainage', labelKey: 'feedback.questions.infrastructure_drainage' },
        ],
      },
    ],
  },
  { code: 'land_construction', nameKey: 'feedback.categories.land_construction', dueWorkingDays: 15, defaultKind: 'report', questions: [] },
  { code: 'complaint', nameKey: 'feedback.categories.complaint', dueWorkingDays: 10, defaultKind: 'complaint', questions: [] },
  { code: 'denunciation', nameKey: 'feedback.categories.denunciation', dueWorkingDays: 7, defaultKind: 'denunciation', questions: [] },
  { code: 'other', nameKey: 'feedback.categories.other', dueWorkingDays: 10, defaultKind: 'petition', questions: [] },
]

/** The category with this code, or undefined. */
export function categoryByCode(code: string): FeedbackCategory | undefined {
  return FEEDBACK_CATEGORIES.find((c) => c.code === code)
}

/** Days after an answer within which a resident who is not satisfied may reopen the item, once. */
export const REOPEN_WINDOW_DAYS = 7

/** Most photos per item, and the most bytes per photo. */
export const MAX_PHOTOS = 3
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024

/** Actions staff take on an item. */
export const STAFF_ACTIONS = ['accept', 'reject', 'mark_duplicate', 'assign', 'note', 'answer', 'publish', 'unpublish', 'close', 'decide_letter'] as const
/** One of STAFF_ACTIONS. */
export type StaffAction = (typeof STAFF_ACTIONS)[number]

/** Actions the resident takes with the private link. */
export const RESIDENT_ACTIONS = ['rate', 'reopen'] as const
/** One of RESIDENT_ACTIONS. */
export type ResidentAction = (typeof RESIDENT_ACTIONS)[number]

/** Every action of the state machine. */
export const ALL_ACTIONS: readonly (StaffAction | ResidentAction)[] = [...STAFF_ACTIONS, ...RESIDENT_ACTIONS]

/** Actions that only sort the queue (who handles it, whether it is genuine, what the public sees). */
export const TRIAGE_ACTIONS: readonly StaffAction[] = ['accept', 'reject', 'mark_duplicate', 'assign', 'publish', 'unpublish', 'close', 'decide_letter']

/** What the state machine needs to know about an item. */
export interface FeedbackState {
  readonly status: FeedbackStatus
  readonly kind: FeedbackKind
  readonly wantsPublic: boolean
  readonly isPublished: boolean
  /** Letters only: null until decided. */
  readonly upheld: boolean | null
  readonly answeredAt: Date | null
  readonly residentRating: number | null
  readonly ratedAt: Date | null
  readonly reopenCount: number
}

/** What a transition needs besides the state: the instant, and the values some actions set. */
export interface TransitionContext {
  readonly now: Date
  /** rate: the resident's 1–5. */
  readonly rating?: number
  /** decide_letter: whether the letter is upheld. */
  readonly upheld?: boolean
}

/** The outcome of a transition: the new state, or the catalogue key of why it is refused. */
export type TransitionResult = { readonly ok: true; readonly state: FeedbackState } | { readonly ok: false; readonly reason: string }

/** Statuses from which each action may be taken, and where it leads ('same' keeps the status). */
const TRANSITIONS: Record<StaffAction | ResidentAction, { readonly from: readonly FeedbackStatus[]; readonly to: FeedbackStatus | 'same' }> = {
  accept: { from: ['new'], to: 'accepted' },
  reject: { from: ['new', 'accepted'], to: 'rejected' },
  mark_duplicate: { from: ['new', 'accepted', 'assigned'], to: 'duplicate' },
  // Reassigning an assigned item to someone else is allowed.
  assign: { from: ['accepted', 'assigned'], to: 'assigned' },
  note: { from: ['new', 'accepted', 'assigned', 'answered'], to: 'same' },
  answer: { from: ['accepted', 'assigned'], to: 'answered' },
  publish: { from: ['answered', 'closed'], to: 'same' },
  unpublish: { from: ['answered', 'closed'], to: 'same' },
  close: { from: ['answered'], to: 'closed' },
  decide_letter: { from: ['accepted', 'assigned', 'answered', 'closed'], to: 'same' },
  rate: { from: ['answered', 'closed'], to: 'same' },
  reopen: { from: ['answered', 'closed'], to: 'assigned' },
}

/** Resident ratings that count as "not satisfied" and allow a reopen. */
export const REOPEN_RATINGS: readonly number[] = [1, 2]

const DAY_MS = 86_400_000

/** Whether the resident has rated the current answer (a new answer after a reopen may be rated again). */
export function hasRatedCurrentAnswer(state: FeedbackState): boolean {
  return state.ratedAt !== null && state.answeredAt !== null && state.ratedAt.getTime() >= state.answeredAt.getTime()
}

/** The last instant a resident may reopen an answered item. */
export function reopenDeadline(answeredAt: Date): Date {
  return new Date(answeredAt.getTime() + REOPEN_WINDOW_DAYS * DAY_MS)
}

/** Why an action is refused in a state, as a catalogue key, or null when it is allowed. */
export function refusalOf(state: FeedbackState, action: StaffAction | ResidentAction, now: Date): string | null {
  const rule = TRANSITIONS[action]
  if (!rule.from.includes(state.status)) return 'feedback.errors.notAllowedNow'
  switch (action) {
    case 'publish':
      // Letters, complaints and denunciations are never public, whatever anyone chose.
      if (!kindMayBePublic(state.kind)) return 'feedback.errors.neverPublic'
      if (!state.wantsPublic) return 'feedback.errors.notWantedPublic'
      if (state.isPublished) return 'feedback.errors.alreadyPublished'
      return null
    case 'unpublish':
      return state.isPublished ? null : 'feedback.errors.notPublished'
    case 'decide_letter':
      if (state.kind !== 'letter') return 'feedback.errors.lettersOnly'
      return state.upheld === null ? null : 'feedback.errors.alreadyDecided'
    case 'rate':
      if (state.answeredAt === null) return 'feedback.errors.notAllowedNow'
      return hasRatedCurrentAnswer(state) ? 'feedback.errors.alreadyRated' : null
    case 'reopen':
      if (state.reopenCount > 0) return 'feedback.errors.reopenOnce'
      if (state.answeredAt === null) return 'feedback.errors.notAllowedNow'
      if (!hasRatedCurrentAnswer(state) || state.residentRating === null || !REOPEN_RATINGS.includes(state.residentRating)) return 'feedback.errors.reopenRating'
      if (now.getTime() > reopenDeadline(state.answeredAt).getTime()) return 'feedback.errors.reopenWindow'
      return null
    default:
      return null
  }
}

/**
 * The pure state machine: the state after an action, or why it is refused. Field checks (a reason
 * long enough, a rating from 1 to 5) belong to the caller; this says only what the state allows.
 */
export function transition(state: FeedbackState, action: StaffAction | ResidentAction, context: TransitionContext): TransitionResult {
  const refusal = refusalOf(state, action, context.now)
  if (refusal) return { ok: false, reason: refusal }
  const to = TRANSITIONS[action].to
  const status = to === 'same' ? state.status : to
  switch (action) {
    case 'reject':
    case 'mark_duplicate':
      return { ok: true, state: { ...state, status, isPublished: false } }
    case 'answer':
      return { ok: true, state: { ...state, status, answeredAt: context.now } }
    case 'publish':
      return { ok: true, state: { ...state, isPublished: true } }
    case 'unpublish':
      return { ok: true, state: { ...state, isPublished: false } }
    case 'decide_letter':
      if (context.upheld === undefined) return { ok: false, reason: 'feedback.errors.upheld' }
      return { ok: true, state: { ...state, upheld: context.upheld } }
    case 'rate':
      if (context.rating === undefined || !isRating(context.rating)) return { ok: false, reason: 'feedback.errors.rating' }
      return { ok: true, state: { ...state, residentRating: context.rating, ratedAt: context.now } }
    case 'reopen':
      // A reopened item is back with its handler and off the public list until answered again.
      return { ok: true, state: { ...state, status, reopenCount: state.reopenCount + 1, isPublished: false } }
    default:
      return { ok: true, state: { ...state, status } }
  }
}

/** The staff actions allowed in a state now (for showing only the buttons that work). */
export function allowedActions(state: FeedbackState, now: Date): StaffAction[] {
  return STAFF_ACTIONS.filter((action) => refusalOf(state, action, now) === null)
}

/** Whether a value is a rating from 1 to 5. */
export function isRating(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5
}

/** Whether an open item is past its due instant. */
export function isOverdue(status: FeedbackStatus, dueAt: Date | null, now: Date): boolean {
  return OPEN_STATUSES.includes(status) && dueAt !== null && now.getTime() > dueAt.getTime()
}

/** How an item stands against its due instant. */
export const TIMELINESS = ['overdue', 'within_time', 'answered_on_time', 'answered_late'] as const
/** One of TIMELINESS. */
export type Timeliness = (typeof TIMELINESS)[number]

/**
 * How an item stands against its due instant: while open, overdue or within time; once answered,
 * answered by the due instant or after it (as the dashboard counts "answered on time"); null when
 * it has no due instant, or ended without an answer (rejected, a duplicate, closed unanswered).
 */
export function timelinessOf(item: { readonly status: FeedbackStatus; readonly dueAt: Date | null; readonly answeredAt: Date | null }, now: Date): Timeliness | null {
  if (item.dueAt === null) return null
  // A reopened item is open again: its earlier answer no longer settles it.
  if (OPEN_STATUSES.includes(item.status)) return isOverdue(item.status, item.dueAt, now) ? 'overdue' : 'within_time'
  if (item.answeredAt === null) return null
  return item.answeredAt.getTime() <= item.dueAt.getTime() ? 'answered_on_time' : 'answered_late'
}

/**
 * Whether the public may see an item at all (its page, Open311): the resident chose it, the kind
 * allows it, and staff have looked at it (not new, not rejected).
 */
export function isPubliclyVisible(item: { readonly kind: FeedbackKind; readonly wantsPublic: boolean; readonly status: FeedbackStatus }): boolean {
  return item.wantsPublic && kindMayBePublic(item.kind) && item.status !== 'new' && item.status !== 'rejected'
}

/** Statuses the public (and Open311) sees as still open. */
export function open311Status(status: FeedbackStatus): 'open' | 'closed' {
  return OPEN_STATUSES.includes(status) ? 'open' : 'closed'
}

/** Prefix of tracking codes (phản ánh). */
export const TRACKING_CODE_PREFIX = 'PA'

/** Tracking codes as formatTrackingCode makes them. */
export const TRACKING_CODE_PATTERN = /^PA-\d{6}-\d{4,}$/

/** The Vietnam-time (UTC+7) civil date of an instant. */
export function vietnamDayOf(at: Date): { year: number; month: number; day: number } {
  const local = new Date(at.getTime() + 7 * 3_600_000)
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() }
}

/** The key of a day's code sequence: "2026-03-02". */
export function sequenceDayKey(day: { year: number; month: number; day: number }): string {
  return `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`
}

/** Formats a tracking code: `PA-YYMMDD-NNNN`, the day in Vietnam time, NNNN at least four digits. */
export function formatTrackingCode(day: { year: number; month: number; day: number }, sequence: number): string {
  const yy = String(day.year % 100).padStart(2, '0')
  const mm = String(day.month).padStart(2, '0')
  const dd = String(day.day).padStart(2, '0')
  return `${TRACKING_CODE_PREFIX}-${yy}${mm}${dd}-${String(sequence).padStart(4, '0')}`
}

/** Private-link tokens: 32 random bytes in base64url. */
export const PRIVATE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** The path of a photo (size full or thumb); the resident's private link adds `?t=`. */
export function photoPath(photoId: number, size: 'full' | 'thumb'): string {
  return `/phan-anh/anh/${photoId}/${size}`
}

/** Masks an e-mail address for a page that may be forwarded: "an***@gmail.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at < 1) return '***'
  const local = [...email.slice(0, at)]
  return `${local.slice(0, Math.min(2, local.length - 1)).join('')}***${email.slice(at)}`
}

/** Masks a phone number to its last two digits: "********89". */
export function maskPhoneDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  return digits.length <= 2 ? '**' : `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`
}

/** A photo after processing: location metadata removed, re-encoded, with its thumbnail. */
export interface ProcessedPhoto {
  readonly mime: 'image/jpeg' | 'image/png' | 'image/webp'
  readonly width: number
  readonly height: number
  readonly full: Uint8Array
  readonly thumb: Uint8Array
  readonly thumbMime: string
}

/**
 * Folds Vietnamese text for comparison: no diacritics, đ → d, lower case, letters and digits
 * only ("Đường  Lê Lợi!" → "duong le loi").
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

// Syllables so common in Vietnamese that sharing them says nothing about the subject.
const STOP_WORDS: ReadonlySet<string> = new Set(
  ['va', 'cua', 'co', 'la', 'cac', 'nhung', 'mot', 'cho', 'de', 'duoc', 'trong', 'tai', 'o', 'khi', 'thi', 'ma', 'nay', 'do', 'voi', 'tu', 'den', 'nhieu', 'rat', 'da', 'dang', 'se', 'khong', 've', 'nguoi', 'dan', 'xin', 'toi', 'chung'],
)

/** The set of a text's meaningful folded words. */
function wordsOf(folded: string): Set<string> {
  return new Set(folded.split(' ').filter((w) => w.length > 0 && !STOP_WORDS.has(w)))
}

/** The set of a text's character trigrams, over folded words joined by single spaces. */
function trigramsOf(folded: string): Set<string> {
  const padded = ` ${folded} `
  const grams = new Set<string>()
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3))
  return grams
}

/** |A ∩ B| / |A ∪ B|, 0 for two empty sets. */
function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / (a.size + b.size - shared)
}

/**
 * How alike two texts are, from 0 to 1: the mean of word overlap and character-trigram overlap,
 * both on folded text, so "rác thải" and "rac thai" match and a typo costs little.
 */
export function similarity(a: string, b: string): number {
  const fa = foldText(a)
  const fb = foldText(b)
  if (fa === '' || fb === '') return 0
  const score = (jaccard(wordsOf(fa), wordsOf(fb)) + jaccard(trigramsOf(fa), trigramsOf(fb))) / 2
  return Math.round(score * 1000) / 1000
}

/** Scores at or above which an open item is suggested as a possible duplicate. */
export const SIMILARITY_THRESHOLD = 0.2

/** The staff page of an item (staff pages live under /admin, as the other features' do). */
export function staffItemPath(code: string): string {
  return `/admin/phan-anh/${encodeURIComponent(code)}`
}

/** The resident's page of an item; the private link adds `?t=<token>`. */
export function trackingPath(code: string): string {
  return `/phan-anh/theo-doi/${encodeURIComponent(code)}`
}
