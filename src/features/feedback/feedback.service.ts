/**
 * Use cases of feedback and petitions: a resident (or staff for them, or an Open311 application)
 * submits; staff triage, assign, answer and publish; the resident follows the item with a private
 * link, rates the answer and may reopen it once. Each use case owns one transaction holding the
 * item change, its history line, its audit entry and the messages it causes.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { FeatureDeps } from '../../app.ts'
import type { Database } from '../../db/schema.ts'
import { instant } from '../../db/portable.ts'
import { appendAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { createCaptcha } from '../../platform/captcha/captcha.ts'
import type { Captcha, CaptchaSolution } from '../../platform/captcha/captcha.ts'
import { newFileKey } from '../../platform/files/files.ts'
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { hitCounter } from '../../platform/http/rate-counter.ts'
import { createI18n } from '../../platform/i18n/i18n.ts'
import { enqueueMessage } from '../../platform/jobs/outbox.ts'
import * as calendarFeature from '../calendar/index.ts'
import * as dashboard from '../dashboard/index.ts'
import type { LetterEvidence } from '../ratings/index.ts'
import * as units from '../units/index.ts'
import type { Unit } from '../units/index.ts'
import { messages } from './feedback.messages.ts'
import { ASSIGNEE_ROLES, canAct, canSeeContact, COUNTER_ROLES, hasFeedbackRole, relationTo, scopeOf } from './feedback.policy.ts'
import type { Relation } from './feedback.policy.ts'
import * as repo from './feedback.repository.ts'
import { syncFeedbackSearch } from './feedback.search.ts'
import type { FeedbackEvent, FeedbackRecord, PhotoRecord, StaffRef } from './feedback.repository.ts'
import {
  allowedActions,
  categoryByCode,
  FEEDBACK_KINDS,
  FEEDBACK_ORIGINS,
  FEEDBACK_STATUSES,
  formatTrackingCode,
  isOverdue,
  isPubliclyVisible,
  isRating,
  kindMayBePublic,
  maskEmail,
  maskPhoneDigits,
  MAX_PHOTOS,
  open311Status,
  PRIVATE_TOKEN_PATTERN,
  REGISTER_KINDS,
  reopenDeadline,
  refusalOf,
  sequenceDayKey,
  SIMILARITY_THRESHOLD,
  similarity,
  STAFF_ACTIONS,
  staffItemPath,
  timelinessOf,
  TRACKING_CODE_PATTERN,
  trackingPath,
  transition,
  vietnamDayOf,
} from './feedback.ts'
import type { FeedbackCategory, FeedbackKind, FeedbackOrigin, FeedbackState, FeedbackStatus, ProcessedPhoto, StaffAction, Timeliness } from './feedback.ts'
import { EXPORT_ROW_LIMIT } from '../../views/table-export.ts'

/**
 * What the use cases need (FeatureDeps fits); of the configuration only the public address, for
 * the private link, so seeds and scripts can run the use cases without a whole Config.
 */
export type FeedbackDeps = Pick<FeatureDeps, 'db' | 'clock' | 'calendar' | 'files'> & { readonly config: Pick<FeatureDeps['config'], 'baseUrl'> }

/** What the scheduled escalation needs (the worker has no calendar or file store). */
export type EscalationDeps = Pick<FeedbackDeps, 'db' | 'clock' | 'config'>

// Residents are written to in Vietnamese; the core's own catalogue holds every notice.
const translate = createI18n(messages).translator('vi')

/** The audit actor of a resident using the private link. */
const RESIDENT: Actor = Object.freeze({ id: null, label: 'resident' })

/** Submissions from one address before 429: five in ten minutes is plenty for a person. */
export const SUBMIT_LIMITS = Object.freeze({ perWindow: 5, windowMs: 10 * 60_000 })

/**
 * The captcha of the feedback form: 16 bits is under a second on a phone, solved while the
 * resident writes; an hour is enough to write a report with photos.
 */
export const FEEDBACK_CAPTCHA = Object.freeze({ difficultyBits: 16, ttlMs: 3_600_000 })

/** The feedback form's captcha (stateless apart from spent challenges, so any instance will do). */
export function createFeedbackCaptcha(deps: Pick<FeatureDeps, 'db'> & { readonly config: Pick<FeatureDeps['config'], 'sessionSecret'> }): Captcha {
  return createCaptcha({ secret: deps.config.sessionSecret, difficultyBits: FEEDBACK_CAPTCHA.difficultyBits, ttlMs: FEEDBACK_CAPTCHA.ttlMs, db: deps.db })
}

const PHONE_PATTERN = /^\+?[0-9 .-]{8,15}$/
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/

/** Actions whose history note the resident may read (the rest stay with staff). */
const RESIDENT_NOTE_ACTIONS: ReadonlySet<string> = new Set(['reject', 'mark_duplicate', 'answer', 'reopen', 'rate'])

// ---------------------------------------------------------------------------------------------
// Views

/** A photo of an item (its bytes are served at photoPath(id, size)). */
export interface PhotoView {
  readonly id: number
  readonly position: number
  readonly mime: string
  readonly width: number
  readonly height: number
}

/** What every view of an item shows. */
export interface ItemBase {
  readonly code: string
  readonly kind: FeedbackKind
  readonly category: string
  readonly status: FeedbackStatus
  /** open or closed, as Open311 and the public see it. */
  readonly publicStatus: 'open' | 'closed'
  readonly unit: { readonly code: string; readonly name: string }
  readonly title: string | null
  readonly description: string
  readonly address: string | null
  readonly latitude: number | null
  readonly longitude: number | null
  readonly attributes: Readonly<Record<string, string>>
  readonly mediaUrl: string | null
  readonly photos: readonly PhotoView[]
  readonly submittedAt: Date
  readonly updatedAt: Date
  readonly dueAt: Date | null
  readonly isOverdue: boolean
  readonly publicAnswer: string | null
  readonly answeredAt: Date | null
  readonly rejectionReason: string | null
  readonly duplicateOf: string | null
  readonly isPublished: boolean
  readonly publishedAt: Date | null
  readonly closedAt: Date | null
}

/** An item as its sender is told about it right after submitting. */
export interface FeedbackView extends ItemBase {
  readonly wantsPublic: boolean
  readonly isAnonymous: boolean
  readonly origin: FeedbackOrigin
  readonly originRef: string | null
}

/** A line of the history the resident and the public may read: no names of staff, no internal notes. */
export interface TimelineEntry {
  readonly at: Date
  readonly action: string
  readonly status: FeedbackStatus
  /** The reason, the answer or the resident's own words; null for the public. */
  readonly note: string | null
}

/** An item as the public sees it: never personal data. */
export interface PublicView extends ItemBase {
  readonly timeline: readonly TimelineEntry[]
}

/** An item as its resident sees it through the private link. */
export interface ResidentView extends FeedbackView {
  /** Where notices go, masked: the link may be forwarded. */
  readonly contact: { readonly hasName: boolean; readonly phone: string | null; readonly email: string | null }
  readonly official: { readonly fullName: string } | null
  readonly residentRating: number | null
  readonly ratedAt: Date | null
  readonly reopenCount: number
  readonly canRate: boolean
  readonly canReopen: boolean
  /** Until when a reopen may be asked (after an answer, while none was asked). */
  readonly reopenUntil: Date | null
  readonly timeline: readonly TimelineEntry[]
}

/** A line of an item's full history, for staff. */
export interface StaffEvent {
  readonly at: Date
  readonly actorLabel: string
  readonly action: string
  readonly fromStatus: FeedbackStatus | null
  readonly toStatus: FeedbackStatus
  readonly note: string | null
  readonly isInternal: boolean
  readonly data: Readonly<Record<string, unknown>> | null
}

/** An item as staff see it, with the actions the viewer may take now. */
export interface StaffView extends FeedbackView {
  readonly id: number
  /** The resident's contact; null when anonymous or hidden from this viewer. */
  readonly contact: { readonly name: string | null; readonly phone: string | null; readonly email: string | null } | null
  /** A denouncer's identity withheld from this viewer (show "Ẩn danh tính người tố cáo"). */
  readonly isContactHidden: boolean
  readonly official: StaffRef | null
  readonly assignedUnit: { readonly code: string; readonly name: string } | null
  readonly assignee: StaffRef | null
  readonly answeredBy: StaffRef | null
  readonly upheld: boolean | null
  readonly decidedAt: Date | null
  readonly residentRating: number | null
  readonly ratedAt: Date | null
  readonly reopenCount: number
  readonly reopenedAt: Date | null
  readonly escalatedAt: Date | null
  readonly isRegister: boolean
  readonly events: readonly StaffEvent[]
  readonly allowedActions: readonly StaffAction[]
}

/** A line of the staff queue as its page and its exports show it. */
export interface QueueLine {
  readonly code: string
  readonly kind: FeedbackKind
  readonly category: string
  readonly status: FeedbackStatus
  readonly unit: { readonly code: string; readonly name: string }
  readonly assignedUnit: { readonly code: string; readonly name: string } | null
  readonly assignee: StaffRef | null
  readonly title: string | null
  readonly excerpt: string
  readonly submittedAt: Date
  readonly dueAt: Date | null
  readonly answeredAt: Date | null
  readonly isOverdue: boolean
  /** Overdue or within time while open; answered on time or late once answered; null without a due instant. */
  readonly timeliness: Timeliness | null
}

/** A line of the staff queue. */
export interface StaffListItem extends QueueLine {
  readonly address: string | null
  readonly isAnonymous: boolean
  readonly isPublished: boolean
  readonly isEscalated: boolean
  readonly photoCount: number
  readonly origin: FeedbackOrigin
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Trims; empty becomes null. */
function optional(value: string | null | undefined): string | null {
  const trimmed = typeof value === 'string' ? value.trim() : ''
  return trimmed === '' ? null : trimmed
}

/** sha256 of a private token, hex. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Whether a token matches a stored hash, in constant time. */
function tokenMatches(token: string, tokenHash: string): boolean {
  if (!PRIVATE_TOKEN_PATTERN.test(token)) return false
  const given = Buffer.from(hashToken(token), 'hex')
  const stored = Buffer.from(tokenHash, 'hex')
  return given.length === stored.length && timingSafeEqual(given, stored)
}

/** The first words of a text, for lists; `isCut` when the text is only the beginning of a longer one. */
function excerptOf(text: string, length = 160, isCut = false): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= length) return isCut ? `${flat}…` : flat
  return `${flat.slice(0, length - 1).trimEnd()}…`
}

/** Formats an instant for a resident: "17:00 ngày 04/05/2026". */
function forResident(at: Date): string {
  const iso = calendarFeature.formatInstant(at)
  return `${iso.slice(11, 16)} ngày ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`
}

/** The state the state machine reasons on. */
function stateOf(r: FeedbackRecord): FeedbackState {
  return {
    status: r.status,
    kind: r.kind,
    wantsPublic: r.wantsPublic,
    isPublished: r.isPublished,
    upheld: r.upheld,
    answeredAt: r.answeredAt,
    residentRating: r.residentRating,
    ratedAt: r.ratedAt,
    reopenCount: r.reopenCount,
  }
}

/** The policy's view of an item. */
function scopeOfItem(r: FeedbackRecord) {
  return { kind: r.kind, unitPath: r.unit.path, assignedUnitPath: r.assignedUnit?.path ?? null, assigneeId: r.assignee?.id ?? null, officialId: r.official?.id ?? null }
}

/** The base every view shares. */
function baseOf(r: FeedbackRecord, photos: readonly PhotoRecord[], now: Date): ItemBase {
  return {
    code: r.code,
    kind: r.kind,
    category: r.category,
    status: r.status,
    publicStatus: open311Status(r.status),
    unit: { code: r.unit.code, name: r.unit.name },
    title: r.title,
    description: r.description,
    address: r.address,
    latitude: r.latitude,
    longitude: r.longitude,
    attributes: r.attributes,
    mediaUrl: r.mediaUrl,
    photos: photos.filter((p) => p.itemId === r.id).map((p) => ({ id: p.id, position: p.position, mime: p.mime, width: p.width, height: p.height })),
    submittedAt: r.submittedAt,
    updatedAt: r.updatedAt,
    dueAt: r.dueAt,
    isOverdue: isOverdue(r.status, r.dueAt, now),
    publicAnswer: r.publicAnswer,
    answeredAt: r.answeredAt,
    rejectionReason: r.rejectionReason,
    duplicateOf: r.duplicateOfCode,
    isPublished: r.isPublished,
    publishedAt: r.publishedAt,
    closedAt: r.closedAt,
  }
}

/** The sender's view right after submitting. */
function feedbackViewOf(r: FeedbackRecord, photos: readonly PhotoRecord[], now: Date): FeedbackView {
  return { ...baseOf(r, photos, now), wantsPublic: r.wantsPublic, isAnonymous: r.isAnonymous, origin: r.origin, originRef: r.originRef }
}

/** The history a resident may read. */
function timelineOf(events: readonly FeedbackEvent[], withNotes: boolean): TimelineEntry[] {
  return events
    .filter((e) => !e.isInternal)
    .map((e) => ({ at: e.at, action: e.action, status: e.toStatus, note: withNotes && RESIDENT_NOTE_ACTIONS.has(e.action) ? e.note : null }))
}

/** Loads an item for staff: the same 404 when it does not exist and when the principal may not see it. */
async function loadForStaff(deps: Pick<FeedbackDeps, 'db'>, principal: Principal, code: string): Promise<{ record: FeedbackRecord; relation: Relation }> {
  const ref = code.trim().toUpperCase()
  const record = TRACKING_CODE_PATTERN.test(ref) ? await repo.findByCode(deps.db, ref) : null
  const relation = record ? relationTo(principal, scopeOfItem(record)) : null
  // Same answer for "no such item" and "not yours", or codes of other wards could be probed.
  if (!record || !relation?.canView) throw new NotFoundError('feedback.errors.notFound')
  return { record, relation }
}

/** The staff view of a record for a principal who may see it. */
async function staffViewOf(deps: Pick<FeedbackDeps, 'db' | 'clock'>, record: FeedbackRecord, relation: Relation): Promise<StaffView> {
  const now = deps.clock.now()
  const [photos, events] = await Promise.all([repo.findPhotos(deps.db, [record.id]), repo.findEvents(deps.db, record.id)])
  const mayContact = canSeeContact(relation, record.kind)
  const hasContact = record.contact.name !== null || record.contact.phone !== null || record.contact.email !== null
  return {
    ...feedbackViewOf(record, photos, now),
    id: record.id,
    contact: mayContact && hasContact ? { ...record.contact } : null,
    isContactHidden: !mayContact && record.kind === 'denunciation',
    official: record.official,
    assignedUnit: record.assignedUnit ? { code: record.assignedUnit.code, name: record.assignedUnit.name } : null,
    assignee: record.assignee,
    answeredBy: record.answeredBy,
    upheld: record.upheld,
    decidedAt: record.decidedAt,
    residentRating: record.residentRating,
    ratedAt: record.ratedAt,
    reopenCount: record.reopenCount,
    reopenedAt: record.reopenedAt,
    escalatedAt: record.escalatedAt,
    isRegister: REGISTER_KINDS.includes(record.kind),
    events: events.map((e) => ({ at: e.at, actorLabel: e.actorLabel, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, isInternal: e.isInternal, data: e.data })),
    allowedActions: allowedActions(stateOf(record), now).filter((a) => canAct(relation, a)),
  }
}

/** The resident's view of a record. */
async function residentViewOf(deps: Pick<FeedbackDeps, 'db' | 'clock'>, record: FeedbackRecord): Promise<ResidentView> {
  const now = deps.clock.now()
  const [photos, events] = await Promise.all([repo.findPhotos(deps.db, [record.id]), repo.findEvents(deps.db, record.id)])
  const state = stateOf(record)
  return {
    ...feedbackViewOf(record, photos, now),
    contact: {
      hasName: record.contact.name !== null,
      phone: record.contact.phone ? maskPhoneDigits(record.contact.phone) : null,
      email: record.contact.email ? maskEmail(record.contact.email) : null,
    },
    official: record.official ? { fullName: record.official.fullName } : null,
    residentRating: record.residentRating,
    ratedAt: record.ratedAt,
    reopenCount: record.reopenCount,
    canRate: refusalOf(state, 'rate', now) === null,
    canReopen: refusalOf(state, 'reopen', now) === null,
    reopenUntil: record.answeredAt && record.reopenCount === 0 ? reopenDeadline(record.answeredAt) : null,
    timeline: timelineOf(events, true),
  }
}

/** Queues the resident's notices (SMS and/or e-mail), when they left contact details. */
async function notifyResident(trx: Transaction<Database>, contact: FeedbackRecord['contact'], key: string, values: Record<string, string>, now: Date): Promise<void> {
  if (!contact.phone && !contact.email) return
  const subject = translate(`feedback.notify.${key}.subject`, values)
  const body = translate(`feedback.notify.${key}.body`, values)
  if (contact.phone) await enqueueMessage(trx, { channel: 'sms', recipient: contact.phone, subject, body }, now)
  if (contact.email) await enqueueMessage(trx, { channel: 'email', recipient: contact.email, subject, body }, now)
}

/** The due instant N working days after an instant, in the calendar of a unit. */
async function dueAfter(deps: Pick<FeedbackDeps, 'calendar'>, unitId: number, from: Date, days: number): Promise<Date> {
  const calendar = await deps.calendar.calendarFor(unitId)
  return calendarFeature.computeDue(calendar, from, { kind: 'days', days })
}

/** The category of a record (unknown codes only from hand-edited data: treated as "other"). */
function categoryOf(record: { category: string }): FeedbackCategory {
  return categoryByCode(record.category) ?? categoryByCode('other')!
}

// ---------------------------------------------------------------------------------------------
// Submitting

/** What a submission carries; field errors are named after these keys. */
export interface SubmitInput {
  readonly unitCode: string
  readonly category: string
  readonly kind?: FeedbackKind
  readonly title?: string | null
  readonly description: string
  readonly address?: string | null
  readonly latitude?: number | null
  readonly longitude?: number | null
  readonly attributes?: Record<string, string>
  readonly mediaUrl?: string | null
  readonly contact: { name?: string | null; phone?: string | null; email?: string | null } | null
  readonly wantsPublic: boolean
  readonly officialUsername?: string | null
  readonly photos: readonly ProcessedPhoto[]
  readonly origin: FeedbackOrigin
  readonly originRef?: string | null
  readonly open311ClientId?: number | null
}

/** Checks a category's extra answers; unknown keys are dropped. */
function checkAttributes(category: FeedbackCategory, given: Record<string, string> | undefined, fields: FieldErrors): Record<string, string> {
  const answers: Record<string, string> = {}
  for (const question of category.questions) {
    const raw = given?.[question.code]
    const value = typeof raw === 'string' ? raw.trim() : ''
    const field = `attributes.${question.code}`
    if (value === '') {
      if (question.required) fields[field] = 'feedback.errors.attributeRequired'
      continue
    }
    let isValid = value.length <= 500
    if (question.datatype === 'singlevaluelist') isValid = question.values?.some((v) => v.key === value) ?? false
    if (question.datatype === 'multivaluelist') isValid = value.split(',').every((part) => question.values?.some((v) => v.key === part.trim()) ?? false)
    if (question.datatype === 'number') isValid = Number.isFinite(Number(value))
    if (question.datatype === 'datetime') {
      try {
        calendarFeature.parseInstant(value)
      } catch {
        isValid = false
      }
    }
    if (isValid) answers[question.code] = value
    else fields[field] = 'feedback.errors.attribute'
  }
  return answers
}

/** The file extension of a photo's MIME type. */
function extensionOf(mime: string): string {
  return mime === 'image/png' ? 'png' : mime === 'image/webp' ? 'webp' : 'jpg'
}

/** The MIME type of a stored file from its key's extension. */
function mimeOfKey(key: string): string {
  return key.endsWith('.png') ? 'image/png' : key.endsWith('.webp') ? 'image/webp' : 'image/jpeg'
}

/**
 * Records a new item: checks every field (one 422 with all the field errors), stores the photos,
 * then in one transaction takes the day's next tracking code and writes the item, its photos,
 * its first history line, the audit entry and the receipt to the resident. Returns the private
 * token once; only its hash is kept. Photos written before a failure are removed again.
 */
export async function submitFeedback(deps: FeedbackDeps, input: SubmitInput, by: Principal | null = null): Promise<{ item: FeedbackView; token: string; privateUrl: string }> {
  const now = deps.clock.now()
  const fields: FieldErrors = {}

  const unit = typeof input.unitCode === 'string' && input.unitCode.trim() !== '' ? await units.getUnitByCode(deps, input.unitCode.trim()).catch(() => null) : null
  if (!unit || unit.isDisabled) fields.unitCode = 'feedback.errors.unit'
  const category = typeof input.category === 'string' ? categoryByCode(input.category.trim()) : undefined
  if (!category) fields.category = 'feedback.errors.category'
  const kind: FeedbackKind | undefined = input.kind ?? category?.defaultKind
  if (input.kind !== undefined && !FEEDBACK_KINDS.includes(input.kind)) fields.kind = 'feedback.errors.kind'
  // Complaints, denunciations and letters are their own procedures: their categories fix the kind.
  else if (category && category.defaultKind !== kind && (category.defaultKind === 'complaint' || category.defaultKind === 'denunciation')) fields.kind = 'feedback.errors.kind'
  if (!FEEDBACK_ORIGINS.includes(input.origin)) fields.origin = 'feedback.errors.origin'

  const title = optional(input.title)
  if (title !== null && title.length > 200) fields.title = 'feedback.errors.title'
  const description = typeof input.description === 'string' ? input.description.trim() : ''
  if (description.length < 10 || description.length > 5000) fields.description = 'feedback.errors.description'
  const address = optional(input.address)
  if (address !== null && address.length > 300) fields.address = 'feedback.errors.address'
  const latitude = input.latitude ?? null
  const longitude = input.longitude ?? null
  const hasCoordinates = latitude !== null || longitude !== null
  if (hasCoordinates) {
    const isValid = typeof latitude === 'number' && typeof longitude === 'number' && Number.isFinite(latitude) && Number.isFinite(longitude) && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180
    if (!isValid) fields.latitude = 'feedback.errors.coordinates'
  }
  const attributes = category ? checkAttributes(category, input.attributes, fields) : {}
  const mediaUrl = optional(input.mediaUrl)
  if (mediaUrl !== null && (mediaUrl.length > 500 || !/^https?:\/\/\S+$/i.test(mediaUrl))) fields.mediaUrl = 'feedback.errors.mediaUrl'

  const name = optional(input.contact?.name)
  if (name !== null && name.length > 120) fields['contact.name'] = 'feedback.errors.contactName'
  const phone = optional(input.contact?.phone)
  if (phone !== null && !PHONE_PATTERN.test(phone)) fields['contact.phone'] = 'errors.field.phone'
  const email = optional(input.contact?.email)?.toLowerCase() ?? null
  if (email !== null && (email.length > 200 || !EMAIL_PATTERN.test(email))) fields['contact.email'] = 'errors.field.email'
  const isAnonymous = name === null && phone === null && email === null

  let official: units.Staff | null = null
  let letterUnit: Unit | null = null
  const officialUsername = optional(input.officialUsername)
  if (kind === 'letter') {
    if (officialUsername === null) fields.officialUsername = 'feedback.errors.officialRequired'
    else if (unit) {
      official = USERNAME_PATTERN.test(officialUsername) ? await units.getStaffByUsername(deps, officialUsername).catch(() => null) : null
      letterUnit = official && !official.isDisabled ? await units.getUnitById(deps, official.unitId).catch(() => null) : null
      // The official must work in the chosen unit or under it.
      if (!official || !letterUnit || !letterUnit.path.startsWith(unit.path)) fields.officialUsername = 'feedback.errors.official'
    }
  }
  if (input.photos.length > MAX_PHOTOS) fields.photos = 'feedback.errors.photos'
  if (by && unit && !units.hasRoleOn(by, COUNTER_ROLES, unit.path)) throw new ForbiddenError()
  if (Object.keys(fields).length > 0 || !unit || !category || !kind) throw new ValidationError(fields)

  // A letter goes to the official's own unit, whose leaders must deal with it.
  const itemUnit = letterUnit ?? unit
  const dueAt = await dueAfter(deps, itemUnit.id, now, category.dueWorkingDays)
  const token = randomBytes(32).toString('base64url')
  const written: string[] = []
  const photoRows: repo.PhotoRow[] = []
  try {
    for (const [position, photo] of input.photos.entries()) {
      const fileKey = newFileKey('feedback', now, extensionOf(photo.mime))
      const thumbKey = newFileKey('feedback', now, extensionOf(photo.thumbMime))
      await deps.files.put(fileKey, photo.full)
      written.push(fileKey)
      await deps.files.put(thumbKey, photo.thumb)
      written.push(thumbKey)
      photoRows.push({ position: position + 1, mime: photo.mime, width: photo.width, height: photo.height, sizeBytes: photo.full.byteLength, fileKey, thumbKey })
    }
    const { id, code } = await deps.db.transaction().execute(async (trx) => {
      const day = vietnamDayOf(now)
      const code = formatTrackingCode(day, await repo.nextSequence(trx, sequenceDayKey(day)))
      const id = await repo.insertItem(trx, {
        code,
        kind,
        category: category.code,
        unit_id: itemUnit.id,
        title,
        description,
        address,
        latitude: hasCoordinates ? latitude : null,
        longitude: hasCoordinates ? longitude : null,
        attributes_json: Object.keys(attributes).length > 0 ? JSON.stringify(attributes) : null,
        media_url: mediaUrl,
        contact_name: name,
        contact_phone: phone,
        contact_email: email,
        is_anonymous: isAnonymous ? 1 : 0,
        // Only reports and petitions may ever be public, whatever the sender ticked.
        wants_public: input.wantsPublic === true && kindMayBePublic(kind) ? 1 : 0,
        is_published: 0,
        status: 'new',
        official_id: official?.id ?? null,
        due_at: instant(dueAt),
        token_hash: hashToken(token),
        origin: input.origin,
        origin_ref: optional(input.originRef),
        open311_client_id: input.open311ClientId ?? null,
        submitted_at: instant(now),
        updated_at: instant(now),
      })
      await repo.insertPhotos(trx, id, photoRows, now)
      await dashboard.countFeedbackEvent(trx, { kind: 'submitted', unitId: itemUnit.id, category: category.code, submittedAt: now })
      await repo.insertEvent(trx, { itemId: id, at: now, actorId: by?.staffId ?? null, actorLabel: by?.fullName ?? RESIDENT.label, action: 'submit', fromStatus: null, toStatus: 'new', data: { origin: input.origin } })
      // The audit keeps what happened, not who wrote it: no contact details.
      await appendAudit(trx, {
        actor: by ? units.actorOf(by) : RESIDENT,
        at: now,
        entity: 'feedback_item',
        entityId: id,
        action: 'submit',
        after: { code, kind, category: category.code, unitCode: itemUnit.code, origin: input.origin, isAnonymous, photos: photoRows.length, officialId: official?.id ?? null },
      })
      await notifyResident(trx, { name, phone, email }, 'received', { code, url: privateUrlOf(deps, code, token) }, now)
      return { id, code }
    })
    const record = (await repo.findById(deps.db, id))!
    return { item: feedbackViewOf(record, await repo.findPhotos(deps.db, [id]), now), token, privateUrl: privateUrlOf(deps, code, token) }
  } catch (error) {
    await Promise.all(written.map((key) => deps.files.delete(key).catch(() => undefined)))
    throw error
  }
}

/** The resident's private link. */
function privateUrlOf(deps: Pick<FeedbackDeps, 'config'>, code: string, token: string): string {
  return `${deps.config.baseUrl}${trackingPath(code)}?t=${token}`
}

/** What a public submission carries besides the item: the spam defences. */
export interface PublicSubmissionCheck {
  readonly clientAddress: string
  readonly captcha: CaptchaSolution
  /** The hidden field people never see; anything in it means a script filled the form. */
  readonly honeypot: string | null | undefined
}

/**
 * The spam defences of a public submission, before anything is stored: a limit per address (429),
 * the honeypot (a generic 422 that does not say why), and the captcha (422 on the captcha field).
 */
export async function checkPublicSubmission(deps: Pick<FeedbackDeps, 'db' | 'clock'> & { readonly captcha: Captcha }, input: PublicSubmissionCheck): Promise<void> {
  const now = deps.clock.now()
  if ((await hitCounter(deps.db, `feedback-submit:${input.clientAddress}`, SUBMIT_LIMITS.windowMs, now)) > SUBMIT_LIMITS.perWindow) {
    throw new TooManyRequestsError('feedback.errors.tooMany', Math.ceil(SUBMIT_LIMITS.windowMs / 1000))
  }
  if (typeof input.honeypot === 'string' && input.honeypot.trim() !== '') throw new ValidationError({}, 'feedback.errors.rejected')
  const verdict = await deps.captcha.verify(input.captcha, now)
  if (!verdict.ok) throw new ValidationError({ captcha: verdict.reason })
}

// ---------------------------------------------------------------------------------------------
// The resident's side

/** Finds the item a private link names; null for an unknown code and a wrong token alike. */
async function authenticateResident(deps: Pick<FeedbackDeps, 'db'>, code: string, token: string): Promise<FeedbackRecord | null> {
  const ref = typeof code === 'string' ? code.trim().toUpperCase() : ''
  if (!TRACKING_CODE_PATTERN.test(ref) || typeof token !== 'string' || !PRIVATE_TOKEN_PATTERN.test(token)) return null
  const record = await repo.findByCode(deps.db, ref)
  return record && tokenMatches(token, record.tokenHash) ? record : null
}

/** The item a private link names, as its resident sees it; null for an unknown code or a wrong token alike. */
export async function getForResident(deps: Pick<FeedbackDeps, 'db' | 'clock'>, code: string, token: string): Promise<ResidentView | null> {
  const record = await authenticateResident(deps, code, token)
  return record ? residentViewOf(deps, record) : null
}

/** The resident rates the current answer from 1 to 5, once per answer. */
export async function rateAnswer(deps: FeedbackDeps, code: string, token: string, input: { rating: number; comment?: string | null }): Promise<ResidentView> {
  const record = await authenticateResident(deps, code, token)
  if (!record) throw new NotFoundError('feedback.errors.trackNotFound')
  const now = deps.clock.now()
  const fields: FieldErrors = {}
  if (!isRating(input.rating)) fields.rating = 'feedback.errors.rating'
  const comment = optional(input.comment)
  if (comment !== null && comment.length > 1000) fields.comment = 'feedback.errors.comment'
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
  const result = transition(stateOf(record), 'rate', { now, rating: input.rating })
  if (!result.ok) throw new ConflictError(result.reason)
  await deps.db.transaction().execute(async (trx) => {
    const isUpdated = await repo.updateItem(trx, record, { resident_rating: input.rating, rated_at: instant(now), updated_at: instant(now) })
    if (!isUpdated) throw new ConflictError('feedback.errors.notAllowedNow')
    await repo.insertEvent(trx, { itemId: record.id, at: now, actorId: null, actorLabel: RESIDENT.label, action: 'rate', fromStatus: record.status, toStatus: record.status, note: comment, data: { rating: input.rating } })
    await appendAudit(trx, { actor: RESIDENT, at: now, entity: 'feedback_item', entityId: record.id, action: 'rate', before: { rating: record.residentRating }, after: { rating: input.rating } })
  })
  return residentViewOf(deps, (await repo.findById(deps.db, record.id))!)
}

/**
 * The resident asks for the item to be looked at again: once, within REOPEN_WINDOW_DAYS of the
 * answer, and only after rating that answer 1 or 2. It goes back to its handler with a fresh due
 * date and leaves the public list until answered again.
 */
export async function reopenItem(deps: FeedbackDeps, code: string, token: string, input: { reason: string }): Promise<ResidentView> {
  const record = await authenticateResident(deps, code, token)
  if (!record) throw new NotFoundError('feedback.errors.trackNotFound')
  const now = deps.clock.now()
  const reason = optional(input.reason)
  const result = transition(stateOf(record), 'reopen', { now })
  if (!result.ok) throw new ConflictError(result.reason)
  if (reason === null || reason.length < 5 || reason.length > 2000) throw new ValidationError({ reason: 'feedback.errors.reason' })
  const handlingUnitId = record.assignedUnit?.id ?? record.unit.id
  const dueAt = await dueAfter(deps, handlingUnitId, now, categoryOf(record).dueWorkingDays)
  await deps.db.transaction().execute(async (trx) => {
    const isUpdated = await repo.updateItem(trx, record, {
      status: result.state.status,
      reopen_count: result.state.reopenCount,
      reopened_at: instant(now),
      is_published: 0,
      published_at: null,
      due_at: instant(dueAt),
      escalated_at: null,
      closed_at: null,
      updated_at: instant(now),
    })
    if (!isUpdated) throw new ConflictError('feedback.errors.notAllowedNow')
    // The dashboard's daily figures: the answer no longer stands, so it no longer counts as answered.
    if (record.answeredAt) await dashboard.countFeedbackEvent(trx, { kind: 'answered', unitId: record.unit.id, category: record.category, answeredAt: record.answeredAt, dueAt: record.dueAt, delta: -1 })
    await repo.insertEvent(trx, { itemId: record.id, at: now, actorId: null, actorLabel: RESIDENT.label, action: 'reopen', fromStatus: record.status, toStatus: result.state.status, note: reason, data: { dueAt: instant(dueAt) } })
    await appendAudit(trx, { actor: RESIDENT, at: now, entity: 'feedback_item', entityId: record.id, action: 'reopen', before: { status: record.status }, after: { status: result.state.status, dueAt: instant(dueAt) } })
    await notifyResident(trx, record.contact, 'reopened', { code: record.code }, now)
    // Off the public list until answered again, so out of the search too.
    if (record.isPublished) await syncFeedbackSearch(trx, record.id)
  })
  return residentViewOf(deps, (await repo.findById(deps.db, record.id))!)
}

// ---------------------------------------------------------------------------------------------
// The public side

/** Public views of records, in the order given. */
async function publicViewsOf(deps: Pick<FeedbackDeps, 'db' | 'clock'>, records: readonly FeedbackRecord[], withTimeline: boolean): Promise<PublicView[]> {
  const now = deps.clock.now()
  const photos = await repo.findPhotos(deps.db, records.map((r) => r.id))
  const views: PublicView[] = []
  for (const r of records) {
    const timeline = withTimeline ? timelineOf(await repo.findEvents(deps.db, r.id), false) : []
    views.push({ ...baseOf(r, photos, now), timeline })
  }
  return views
}

/** One item as the public sees it, or null when it is not public (the same for an unknown code). */
export async function getPublicItem(deps: Pick<FeedbackDeps, 'db' | 'clock'>, code: string): Promise<PublicView | null> {
  const ref = typeof code === 'string' ? code.trim().toUpperCase() : ''
  const record = TRACKING_CODE_PATTERN.test(ref) ? await repo.findByCode(deps.db, ref) : null
  if (!record || !isPubliclyVisible(record)) return null
  return (await publicViewsOf(deps, [record], true))[0] ?? null
}

/** Filters of the public lists. */
export interface PublicListInput {
  readonly unitCode?: string | undefined
  readonly category?: string | undefined
  readonly page?: number | undefined
  readonly pageSize?: number | undefined
  /** 'published' (default): the answered items staff published; 'visible': all the public may see (Open311). */
  readonly scope?: 'published' | 'visible'
  /** Several categories (Open311 service_code); joined with `category`. */
  readonly categories?: readonly string[]
  /** Only these tracking codes (Open311 service_request_id). */
  readonly codes?: readonly string[]
  /** open and/or closed, as Open311 sees statuses. */
  readonly publicStatuses?: readonly ('open' | 'closed')[]
  readonly submittedFrom?: Date
  readonly submittedTo?: Date
}

/** Most items on one public page. */
export const MAX_PUBLIC_PAGE_SIZE = 1000

/**
 * Items the public may see, newest first: by default the published ones (answered, with the
 * resident's consent); never personal data. An unknown unit is a 400; an unknown category gives
 * nothing.
 */
export async function listPublicItems(deps: Pick<FeedbackDeps, 'db' | 'clock'>, input: PublicListInput): Promise<{ total: number; items: PublicView[] }> {
  let unitPath: string | undefined
  if (input.unitCode) {
    const unit = await units.getUnitByCode(deps, input.unitCode).catch(() => null)
    if (!unit) throw new BadRequestError('feedback.errors.unit', { unit: 'feedback.errors.unit' })
    unitPath = unit.path
  }
  const pageSize = Math.min(Math.max(Math.trunc(input.pageSize ?? 20), 1), MAX_PUBLIC_PAGE_SIZE)
  const page = Math.max(Math.trunc(input.page ?? 1), 1)
  const categories = [...(input.category ? [input.category] : []), ...(input.categories ?? [])]
  const statuses = input.publicStatuses && input.publicStatuses.length > 0 ? FEEDBACK_STATUSES.filter((s) => input.publicStatuses!.includes(open311Status(s))) : undefined
  const { total, ids } = await repo.findPublic(deps.db, {
    scope: input.scope ?? 'published',
    ...(unitPath ? { unitPath } : {}),
    ...(categories.length > 0 ? { categories } : {}),
    ...(input.codes ? { codes: input.codes } : {}),
    ...(statuses ? { statuses } : {}),
    ...(input.submittedFrom ? { submittedFrom: input.submittedFrom } : {}),
    ...(input.submittedTo ? { submittedTo: input.submittedTo } : {}),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  })
  const byId = new Map((await repo.findByIds(deps.db, ids)).map((r) => [r.id, r]))
  const records = ids.map((id) => byId.get(id)).filter((r): r is FeedbackRecord => r !== undefined)
  return { total, items: await publicViewsOf(deps, records, false) }
}

/** The bytes of a photo, when the viewer may see its item: a public item, its staff, or its private link. */
export async function photoForViewer(
  deps: Pick<FeedbackDeps, 'db' | 'files'>,
  photoId: number,
  size: 'full' | 'thumb',
  viewer: { principal: Principal | null; token: string | null },
): Promise<{ mime: string; bytes: Buffer } | null> {
  if (!Number.isSafeInteger(photoId) || photoId < 1) return null
  const photo = await repo.findPhoto(deps.db, photoId)
  if (!photo) return null
  const record = await repo.findById(deps.db, photo.itemId)
  if (!record) return null
  const mayView =
    isPubliclyVisible(record) || (viewer.principal !== null && relationTo(viewer.principal, scopeOfItem(record)).canView) || (viewer.token !== null && tokenMatches(viewer.token, record.tokenHash))
  if (!mayView) return null
  const key = size === 'full' ? photo.fileKey : photo.thumbKey
  const bytes = await deps.files.get(key)
  return bytes ? { mime: size === 'full' ? photo.mime : mimeOfKey(key), bytes } : null
}

// ---------------------------------------------------------------------------------------------
// Staff

/** Filters of the staff queue. */
export interface QueueInput {
  readonly unitCode?: string | undefined
  /** One status or several, comma-separated. */
  readonly status?: string | undefined
  /** One kind or several, comma-separated. */
  readonly kind?: string | undefined
  readonly category?: string | undefined
  readonly overdue?: boolean | undefined
  /** Only items assigned to the principal. */
  readonly mine?: boolean | undefined
  /** Only the complaints and denunciations register. */
  readonly register?: boolean | undefined
  /** A tracking code, a phone number or an e-mail address, matched exactly. */
  readonly q?: string | undefined
  readonly page?: number | undefined
  readonly pageSize?: number | undefined
}

/** Parses a comma-separated list of allowed values; a 400 naming the field on anything else. */
function listOf<T extends string>(text: string | undefined, allowed: readonly T[], field: string): T[] | undefined {
  if (text === undefined || text.trim() === '') return undefined
  const values = text.split(',').map((s) => s.trim()).filter(Boolean)
  if (values.some((v) => !allowed.includes(v as T))) throw new BadRequestError('errors.badRequest', { [field]: 'errors.field.invalid' })
  return values as T[]
}

/**
 * The filter of the queue for an input, or null when it leaves nothing to show; a 400 naming the
 * field for a value that names no unit, status, kind or category, and a 403 for someone with no
 * feedback role at all.
 */
async function queueFilterOf(deps: Pick<FeedbackDeps, 'db' | 'clock'>, principal: Principal, input: QueueInput, now: Date): Promise<Omit<repo.QueueFilter, 'limit' | 'offset'> | null> {
  if (!hasFeedbackRole(principal)) throw new ForbiddenError()
  let unitPath: string | undefined
  if (input.unitCode) {
    const unit = await units.getUnitByCode(deps, input.unitCode).catch(() => null)
    if (!unit) throw new BadRequestError('feedback.errors.unit', { unit: 'feedback.errors.unit' })
    unitPath = unit.path
  }
  const statuses = listOf(input.status, FEEDBACK_STATUSES, 'status')
  let kinds = listOf(input.kind, FEEDBACK_KINDS, 'kind')
  if (input.register) kinds = (kinds ?? [...REGISTER_KINDS]).filter((k) => REGISTER_KINDS.includes(k))
  if (input.category !== undefined && input.category !== '' && !categoryByCode(input.category)) throw new BadRequestError('errors.badRequest', { category: 'feedback.errors.category' })
  const search = optional(input.q)
  // register=true with a kind outside the register leaves nothing to show.
  if (kinds && kinds.length === 0) return null
  return {
    scope: scopeOf(principal),
    ...(unitPath ? { unitPath } : {}),
    ...(statuses ? { statuses } : {}),
    ...(kinds ? { kinds } : {}),
    ...(input.category ? { category: input.category } : {}),
    ...(input.overdue !== undefined ? { isOverdue: input.overdue } : {}),
    ...(input.mine ? { assigneeId: principal.staffId } : {}),
    ...(search ? { search } : {}),
    now,
  }
}

/** A queue line from its record. */
function queueLineOf(r: repo.QueueLineRecord, now: Date): QueueLine {
  return {
    code: r.code,
    kind: r.kind,
    category: r.category,
    status: r.status,
    unit: r.unit,
    assignedUnit: r.assignedUnit,
    assignee: r.assignee,
    title: r.title,
    // Only the description's beginning was read: when it was cut, the excerpt says so.
    excerpt: excerptOf(r.descriptionStart, 160, r.descriptionStart.length >= repo.LINE_DESCRIPTION_CHARS),
    submittedAt: r.submittedAt,
    dueAt: r.dueAt,
    answeredAt: r.answeredAt,
    isOverdue: isOverdue(r.status, r.dueAt, now),
    timeliness: timelinessOf(r, now),
  }
}

/**
 * The queue of the items the principal may see, newest first, with counts per status (for the
 * tabs) under the same filters but the status. 403 for someone with no feedback role at all.
 */
export async function listQueue(deps: Pick<FeedbackDeps, 'db' | 'clock'>, principal: Principal, input: QueueInput): Promise<{ total: number; counts: Record<string, number>; items: StaffListItem[] }> {
  const now = deps.clock.now()
  const filter = await queueFilterOf(deps, principal, input, now)
  const pageSize = Math.min(Math.max(Math.trunc(input.pageSize ?? 50), 1), 200)
  const page = Math.max(Math.trunc(input.page ?? 1), 1)
  if (!filter) return { total: 0, counts: {}, items: [] }
  const { total, counts, lines } = await repo.findQueue(deps.db, { ...filter, limit: pageSize, offset: (page - 1) * pageSize })
  const photoCounts = await repo.countPhotos(deps.db, lines.map((r) => r.id))
  const items = lines.map((r) => ({
    ...queueLineOf(r, now),
    address: r.address,
    isAnonymous: r.isAnonymous,
    isPublished: r.isPublished,
    isEscalated: r.escalatedAt !== null,
    photoCount: photoCounts.get(r.id) ?? 0,
    origin: r.origin,
  }))
  return { total, counts, items }
}

/** The queue as exported: every line of the filter up to a limit, newest first, and how many the filter holds. */
export interface QueueExport {
  readonly total: number
  /** The most lines the export holds; fewer than total means the newest `limit` of them. */
  readonly limit: number
  readonly lines: readonly QueueLine[]
}

/**
 * Every line of the queue under the same filters, scope and refusals as listQueue (the page and
 * its exports cannot disagree), up to `limit` lines, newest first.
 */
export async function exportQueue(deps: Pick<FeedbackDeps, 'db' | 'clock'>, principal: Principal, input: Omit<QueueInput, 'page' | 'pageSize'>, limit = EXPORT_ROW_LIMIT): Promise<QueueExport> {
  const now = deps.clock.now()
  const filter = await queueFilterOf(deps, principal, input, now)
  if (!filter) return { total: 0, limit, lines: [] }
  const { total, lines } = await repo.findQueue(deps.db, { ...filter, limit, offset: 0 })
  return { total, limit, lines: lines.map((r) => queueLineOf(r, now)) }
}

/** One item for staff: NotFoundError when it does not exist or the principal may not see it. */
export async function getForStaff(deps: Pick<FeedbackDeps, 'db' | 'clock'>, principal: Principal, code: string): Promise<StaffView> {
  const { record, relation } = await loadForStaff(deps, principal, code)
  return staffViewOf(deps, record, relation)
}

/** An action staff take, with the fields it needs. */
export interface FeedbackAction {
  readonly action: StaffAction | string
  /** reject: why. */
  readonly reason?: string | null
  /** mark_duplicate: the code of the item this one repeats. */
  readonly duplicateOf?: string | null
  /** assign: the unit to hand it to (the item's unit or one under it). */
  readonly unitCode?: string | null
  /** assign: the official to hand it to. */
  readonly assigneeUsername?: string | null
  /** assign: a due instant; by default the category's working days from now. */
  readonly dueAt?: string | Date | null
  /** note: the internal note; answer: the public answer. */
  readonly text?: string | null
  /** decide_letter: whether the letter is upheld. */
  readonly upheld?: boolean | null
  /** decide_letter (required), accept/assign/close (optional): a note for staff. */
  readonly note?: string | null
}

/** Checks a text field's length; the field error when it is out of range. */
function checkText(value: string | null, min: number, max: number): boolean {
  return value !== null && value.length >= min && value.length <= max
}

/**
 * Takes a staff action. 404 when the item is not visible to the principal, 403 when they see it
 * but may not take this action, 409 when the item's state does not allow it now (or someone else
 * moved it meanwhile), 422 when a field it needs is missing or wrong.
 */
export async function applyAction(deps: FeedbackDeps, principal: Principal, code: string, input: FeedbackAction): Promise<StaffView> {
  if (!(STAFF_ACTIONS as readonly string[]).includes(input.action)) throw new ValidationError({ action: 'feedback.errors.action' })
  const action = input.action as StaffAction
  const { record, relation } = await loadForStaff(deps, principal, code)
  if (!canAct(relation, action)) throw new ForbiddenError()
  const now = deps.clock.now()
  const upheldInput = typeof input.upheld === 'boolean' ? input.upheld : undefined
  const result = transition(stateOf(record), action, { now, ...(upheldInput !== undefined ? { upheld: upheldInput } : {}) })
  // A missing `upheld` is a field error, not a state one.
  if (!result.ok && result.reason !== 'feedback.errors.upheld') throw new ConflictError(result.reason)

  const fields: FieldErrors = {}
  const changes: Record<string, unknown> = { updated_at: instant(now) }
  const event: { note: string | null; isInternal: boolean; data: Record<string, unknown> | null } = { note: optional(input.note), isInternal: false, data: null }
  let notify: { key: string; values: Record<string, string> } | null = null
  const values = { code: record.code }

  switch (action) {
    case 'accept':
      notify = { key: 'accepted', values }
      break
    case 'reject': {
      const reason = optional(input.reason)
      if (!checkText(reason, 5, 2000)) fields.reason = 'feedback.errors.reason'
      changes.rejection_reason = reason
      changes.closed_at = instant(now)
      changes.is_published = 0
      event.note = reason
      notify = { key: 'rejected', values: { ...values, reason: reason ?? '' } }
      break
    }
    case 'mark_duplicate': {
      const otherCode = optional(input.duplicateOf)?.toUpperCase() ?? null
      const other = otherCode && TRACKING_CODE_PATTERN.test(otherCode) ? await repo.findByCode(deps.db, otherCode) : null
      if (otherCode !== null && otherCode === record.code) fields.duplicateOf = 'feedback.errors.duplicateSelf'
      // The other item must be one this principal may see, or its existence would leak.
      else if (!other || !relationTo(principal, scopeOfItem(other)).canView) fields.duplicateOf = 'feedback.errors.duplicateOf'
      else {
        changes.duplicate_of_id = other.id
        event.note = other.code
        event.data = { duplicateOf: other.code }
        notify = { key: 'duplicate', values: { ...values, other: other.code } }
      }
      changes.closed_at = instant(now)
      changes.is_published = 0
      break
    }
    case 'assign': {
      const unitCode = optional(input.unitCode)
      const username = optional(input.assigneeUsername)
      if (unitCode === null && username === null) fields.unitCode = 'feedback.errors.assignTarget'
      let target: Unit | null = record.assignedUnit ? await units.getUnitById(deps, record.assignedUnit.id).catch(() => null) : null
      if (unitCode !== null) {
        target = await units.getUnitByCode(deps, unitCode).catch(() => null)
        // Handed within the item's own unit tree, never sideways to another ward.
        if (!target || target.isDisabled || !target.path.startsWith(record.unit.path)) {
          fields.unitCode = 'feedback.errors.assignUnit'
          target = null
        }
      }
      target ??= await units.getUnitById(deps, record.unit.id)
      let assigneeId: number | null = null
      if (username !== null) {
        const staff = USERNAME_PATTERN.test(username) ? await units.getStaffByUsername(deps, username).catch(() => null) : null
        const isEligible = staff !== null && !staff.isDisabled && staff.id !== record.official?.id && staff.grants.some((g) => ASSIGNEE_ROLES.includes(g.role) && g.unitId === target!.id)
        if (!staff || !isEligible) fields.assigneeUsername = 'feedback.errors.assignee'
        else assigneeId = staff.id
      }
      let dueAt: Date | null = null
      if (input.dueAt !== undefined && input.dueAt !== null && input.dueAt !== '') {
        try {
          dueAt = input.dueAt instanceof Date ? input.dueAt : calendarFeature.parseInstant(String(input.dueAt).trim())
          if (Number.isNaN(dueAt.getTime()) || dueAt.getTime() <= now.getTime()) throw new RangeError('past')
        } catch {
          fields.dueAt = 'feedback.errors.dueAt'
        }
      } else if (!fields.unitCode) {
        dueAt = await dueAfter(deps, target.id, now, categoryOf(record).dueWorkingDays)
      }
      if (Object.keys(fields).length > 0 || !dueAt) break
      changes.assigned_unit_id = target.id
      changes.assignee_id = assigneeId
      changes.due_at = instant(dueAt)
      // A new due date may be missed again, and is escalated again if it is.
      changes.escalated_at = null
      event.data = { unitCode: target.code, assignee: username, dueAt: instant(dueAt) }
      event.isInternal = false
      notify = { key: 'assigned', values: { ...values, unit: target.name, due: forResident(dueAt) } }
      break
    }
    case 'note': {
      const text = optional(input.text)
      if (!checkText(text, 5, 5000)) fields.text = 'feedback.errors.text'
      event.note = text
      event.isInternal = true
      break
    }
    case 'answer': {
      const text = optional(input.text)
      if (!checkText(text, 5, 5000)) fields.text = 'feedback.errors.text'
      changes.public_answer = text
      changes.answered_at = instant(now)
      changes.answered_by = principal.staffId
      event.note = text
      notify = { key: 'answered', values: { ...values, answer: text ?? '' } }
      break
    }
    case 'publish':
      changes.is_published = 1
      changes.published_at = instant(now)
      notify = { key: 'published', values }
      break
    case 'unpublish':
      changes.is_published = 0
      changes.published_at = null
      notify = { key: 'unpublished', values }
      break
    case 'close':
      changes.closed_at = instant(now)
      notify = { key: 'closed', values }
      break
    case 'decide_letter': {
      if (upheldInput === undefined) fields.upheld = 'feedback.errors.upheld'
      const note = optional(input.note)
      if (!checkText(note, 5, 2000)) fields.note = 'feedback.errors.reason'
      changes.upheld = upheldInput ? 1 : 0
      changes.decided_at = instant(now)
      event.note = note
      event.data = { upheld: upheldInput ?? null }
      notify = { key: 'decided', values: { ...values, decision: translate(upheldInput ? 'feedback.upheld.yes' : 'feedback.upheld.no') } }
      break
    }
  }
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
  if (!result.ok) throw new ConflictError(result.reason)

  const toStatus = result.state.status
  changes.status = toStatus
  await deps.db.transaction().execute(async (trx) => {
    const isUpdated = await repo.updateItem(trx, record, changes)
    // Someone else acted on the item since it was read: their change stands, this one is refused.
    if (!isUpdated) throw new ConflictError('feedback.errors.notAllowedNow')
    if (action === 'answer') await dashboard.countFeedbackEvent(trx, { kind: 'answered', unitId: record.unit.id, category: record.category, answeredAt: now, dueAt: record.dueAt })
    await repo.insertEvent(trx, {
      itemId: record.id,
      at: now,
      actorId: principal.staffId,
      actorLabel: principal.fullName,
      action,
      fromStatus: record.status,
      toStatus,
      note: event.note,
      isInternal: event.isInternal,
      data: event.data,
    })
    const { updated_at: _updatedAt, ...audited } = changes
    await appendAudit(trx, {
      actor: units.actorOf(principal),
      at: now,
      entity: 'feedback_item',
      entityId: record.id,
      action,
      before: { status: record.status, dueAt: record.dueAt ? instant(record.dueAt) : null, isPublished: record.isPublished },
      after: { ...audited, ...(event.note ? { note: event.note } : {}), ...(event.data ? { data: event.data } : {}) },
    })
    if (notify) await notifyResident(trx, record.contact, notify.key, notify.values, now)
    // The search holds exactly the items on the public list: a change to a listed item, or one that lists it, updates it.
    if (record.isPublished || changes.is_published === 1) await syncFeedbackSearch(trx, record.id)
  })
  const updated = (await repo.findById(deps.db, record.id))!
  // The relation is worked out again: an assignment may have made the principal the assignee.
  const after = relationTo(principal, scopeOfItem(updated))
  return staffViewOf(deps, updated, after.canView ? after : relation)
}

/** How many open items of the same unit and category are compared with one. */
const SIMILAR_CANDIDATES = 300

/**
 * Open items of the same unit and category whose text is like this one's (folded, so diacritics
 * do not matter), best first: suggestions for mark_duplicate. Only items the principal may see.
 */
export async function similarOpenItems(deps: Pick<FeedbackDeps, 'db' | 'clock'>, principal: Principal, code: string): Promise<{ code: string; title: string | null; excerpt: string; score: number }[]> {
  const { record } = await loadForStaff(deps, principal, code)
  const text = `${record.title ?? ''} ${record.description}`
  const candidates = await repo.findOpenInCategory(deps.db, record.unit.id, record.category, record.id, SIMILAR_CANDIDATES)
  const scored = candidates
    .map((c) => ({ code: c.code, title: c.title, excerpt: excerptOf(c.description), score: similarity(text, `${c.title ?? ''} ${c.description}`) }))
    .filter((c) => c.score >= SIMILARITY_THRESHOLD)
    .sort((a, b) => b.score - a.score || (a.code < b.code ? 1 : -1))
    .slice(0, 10)
  if (scored.length === 0) return []
  const visible = new Set<string>()
  for (const c of scored) {
    const other = await repo.findByCode(deps.db, c.code)
    if (other && relationTo(principal, scopeOfItem(other)).canView) visible.add(c.code)
  }
  return scored.filter((c) => visible.has(c.code)).slice(0, 5)
}

// ---------------------------------------------------------------------------------------------
// Tracked items for other features

/**
 * A follow-up another feature asks this module to track (a commitment made at a dialogue, a
 * question left unanswered): already accepted and assigned to the responsible unit.
 */
export interface TrackedItemInput {
  /** The responsible unit: the item's unit and the unit it is assigned to. */
  readonly unitId: number
  /** A category code; 'other' when not given. */
  readonly category?: string | null
  /** At most 200 characters (longer titles are shortened). */
  readonly title: string
  /** From 10 to 5000 characters. */
  readonly description: string
  /**
   * The due instant. When not given, the category's default working days from now in `calendar`,
   * the responsible unit's working calendar, which the caller resolves before its transaction
   * (the calendar reads the database, and on SQLite a read outside the transaction would wait for it).
   */
  readonly dueAt?: Date | null
  readonly calendar?: calendarFeature.WorkingCalendar | null
  readonly origin: FeedbackOrigin
  /** Where it came from, e.g. "dialogue:12". */
  readonly originRef: string
  /** Whether the item may be shown publicly (reports and petitions only). */
  readonly wantsPublic: boolean
  /** The resident to keep informed, when they left contact details. */
  readonly contact?: { readonly name?: string | null; readonly phone?: string | null; readonly email?: string | null } | null
  /** Who made the item: a staff member, or null for the system. */
  readonly by: Principal | null
}

/**
 * Writes a tracked item inside the caller's transaction: a petition already accepted and assigned
 * to the responsible unit with its due date, with its tracking code, its history (submit, accept,
 * assign), its audit entry and, when the resident left contact details, the receipt with the
 * private link. Overdue items escalate through escalateOverdue like any other. Reads nothing
 * outside `trx`. Throws ValidationError on an unknown category or a description out of range.
 */
export async function createTrackedItem(trx: Transaction<Database>, deps: Pick<FeedbackDeps, 'clock' | 'config'>, input: TrackedItemInput): Promise<{ id: number; code: string; dueAt: Date }> {
  const now = deps.clock.now()
  const category = categoryByCode(input.category ?? 'other')
  if (!category) throw new ValidationError({ category: 'feedback.errors.category' })
  const description = input.description.trim()
  if (description.length < 10 || description.length > 5000) throw new ValidationError({ description: 'feedback.errors.description' })
  const title = excerptOf(input.title, 200)
  let dueAt = input.dueAt ?? null
  if (!dueAt) {
    if (!input.calendar) throw new TypeError('createTrackedItem needs dueAt or the unit\'s working calendar')
    dueAt = calendarFeature.computeDue(input.calendar, now, { kind: 'days', days: category.dueWorkingDays })
  }
  const kind: FeedbackKind = 'petition'
  const name = optional(input.contact?.name)
  const phone = optional(input.contact?.phone)
  const rawEmail = optional(input.contact?.email)?.toLowerCase() ?? null
  const email = rawEmail !== null && EMAIL_PATTERN.test(rawEmail) ? rawEmail : null
  const hasPhone = phone !== null && PHONE_PATTERN.test(phone)
  const isAnonymous = name === null && !hasPhone && email === null
  const token = randomBytes(32).toString('base64url')
  const actor = input.by ? units.actorOf(input.by) : SYSTEM_ACTOR
  const actorId = input.by?.staffId ?? null
  const actorLabel = input.by?.fullName ?? SYSTEM_ACTOR.label

  const day = vietnamDayOf(now)
  const code = formatTrackingCode(day, await repo.nextSequence(trx, sequenceDayKey(day)))
  const id = await repo.insertItem(trx, {
    code,
    kind,
    category: category.code,
    unit_id: input.unitId,
    title,
    description,
    contact_name: name,
    contact_phone: hasPhone ? phone : null,
    contact_email: email,
    is_anonymous: isAnonymous ? 1 : 0,
    wants_public: input.wantsPublic && kindMayBePublic(kind) ? 1 : 0,
    is_published: 0,
    status: 'assigned',
    assigned_unit_id: input.unitId,
    due_at: instant(dueAt),
    token_hash: hashToken(token),
    origin: input.origin,
    origin_ref: input.originRef,
    submitted_at: instant(now),
    updated_at: instant(now),
  })
  await repo.insertEvent(trx, { itemId: id, at: now, actorId, actorLabel, action: 'submit', fromStatus: null, toStatus: 'new', data: { origin: input.origin, originRef: input.originRef } })
  await dashboard.countFeedbackEvent(trx, { kind: 'submitted', unitId: input.unitId, category: category.code, submittedAt: now })
  await repo.insertEvent(trx, { itemId: id, at: now, actorId, actorLabel, action: 'accept', fromStatus: 'new', toStatus: 'accepted' })
  await repo.insertEvent(trx, { itemId: id, at: now, actorId, actorLabel, action: 'assign', fromStatus: 'accepted', toStatus: 'assigned', data: { unitId: input.unitId, dueAt: instant(dueAt) } })
  await appendAudit(trx, {
    actor,
    at: now,
    entity: 'feedback_item',
    entityId: id,
    action: 'submit',
    after: { code, kind, category: category.code, unitId: input.unitId, status: 'assigned', dueAt: instant(dueAt), origin: input.origin, originRef: input.originRef, isAnonymous },
  })
  await notifyResident(trx, { name, phone: hasPhone ? phone : null, email }, 'received', { code, url: privateUrlOf(deps, code, token) }, now)
  return { id, code, dueAt }
}

// ---------------------------------------------------------------------------------------------
// Scheduled work and evidence for other features

/** Most items escalated in one run; the next run takes the rest. */
const ESCALATION_BATCH = 500

/**
 * Tells the leaders of each overdue open item's unit (the assigned unit when there is one), once
 * per due date, through the outbox; returns how many items were escalated. Safe with several
 * workers: an item is marked in the same transaction as its messages, and only by one of them.
 */
export async function escalateOverdue(deps: EscalationDeps): Promise<number> {
  const now = deps.clock.now()
  const ids = await repo.findOverdueUnescalated(deps.db, now, ESCALATION_BATCH)
  let escalated = 0
  for (const id of ids) {
    const record = await repo.findById(deps.db, id)
    if (!record || !record.dueAt) continue
    const handlingUnit = record.assignedUnit ?? record.unit
    const leaders = (await units.leadersOf(deps, handlingUnit.id)).filter((l) => l.id !== record.official?.id)
    const category = translate(categoryOf(record).nameKey)
    const values = { code: record.code, category, unit: handlingUnit.name, due: forResident(record.dueAt), url: `${deps.config.baseUrl}${staffItemPath(record.code)}` }
    const subject = translate('feedback.notify.escalated.subject', values)
    const body = translate('feedback.notify.escalated.body', values)
    const isDone = await deps.db.transaction().execute(async (trx) => {
      if (!(await repo.markEscalated(trx, id, now))) return false
      for (const leader of leaders) {
        if (leader.email) await enqueueMessage(trx, { channel: 'email', recipient: leader.email, subject, body }, now)
        else if (leader.phone) await enqueueMessage(trx, { channel: 'sms', recipient: leader.phone, subject, body }, now)
      }
      await repo.insertEvent(trx, {
        itemId: id,
        at: now,
        actorId: null,
        actorLabel: SYSTEM_ACTOR.label,
        action: 'escalate',
        fromStatus: record.status,
        toStatus: record.status,
        isInternal: true,
        data: { leaders: leaders.map((l) => l.id), dueAt: instant(record.dueAt!) },
      })
      await appendAudit(trx, { actor: SYSTEM_ACTOR, at: now, entity: 'feedback_item', entityId: id, action: 'escalate', after: { unitCode: handlingUnit.code, leaders: leaders.map((l) => l.id) } })
      return true
    })
    if (isDone) escalated++
  }
  return escalated
}

/**
 * Evidence for the corrective-action rules: letters about an official found justified (decided
 * upheld) in [from, to), per official and the official's unit, with their codes.
 */
export const upheldLetters: LetterEvidence = async (deps, from, to) => {
  const rows = await repo.findUpheldLetters(deps.db, from, to)
  const byOfficial = new Map<number, { officialId: number; unitId: number; items: string[] }>()
  for (const row of rows) {
    let entry = byOfficial.get(row.officialId)
    if (!entry) byOfficial.set(row.officialId, (entry = { officialId: row.officialId, unitId: row.unitId, items: [] }))
    entry.items.push(row.code)
  }
  return [...byOfficial.values()]
}
