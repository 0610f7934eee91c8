/**
 * JSON routes of feedback and petitions under /api/v1/feedback: submitting (residents with the
 * captcha, or staff with an API token for a resident), the staff queue and actions, the
 * resident's private-link routes, and the public list.
 */
import { Type } from 'typebox'
import type { FastifyRequest } from 'fastify'
import type { App } from '../../app.ts'
import type { Captcha } from '../../platform/captcha/captcha.ts'
import { questionText } from '../../platform/captcha/captcha.ts'
import { ErrorBody, requirePrincipal } from '../../platform/http/api.ts'
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import { readMultipart } from '../../platform/http/multipart.ts'
import type { Translate } from '../../platform/i18n/i18n.ts'
import { formatInstant } from '../calendar/index.ts'
import { processPhotos } from './feedback.photos.ts'
import {
  ActionBody,
  CategoryBody,
  ChallengeBody,
  CodeParams,
  PublicItemBody,
  PublicQuery,
  QueueItemBody,
  QueueQuery,
  RatingBody,
  ReopenBody,
  ResidentItemBody,
  SimilarBody,
  StaffItemBody,
  SubmitBody,
  SubmitResponse,
  TokenQuery,
} from './feedback.schemas.ts'
import * as service from './feedback.service.ts'
import type { FeedbackDeps, FeedbackView, ItemBase, PublicView, ResidentView, StaffListItem, StaffView, TimelineEntry } from './feedback.service.ts'
import { categoryByCode, FEEDBACK_CATEGORIES, MAX_PHOTO_BYTES, MAX_PHOTOS, photoPath } from './feedback.ts'
import type { FeedbackOrigin, ProcessedPhoto } from './feedback.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 422: ErrorBody, 429: ErrorBody }

/** Route config of routes that a cookie does not authenticate (public posts, private-link posts): no CSRF token. */
const NOT_COOKIE_AUTHENTICATED = Object.freeze({ csrf: false })

/** Formats an optional instant in Vietnam time. */
const at = (value: Date | null): string | null => (value ? formatInstant(value) : null)

/** The shape every item has in the API. */
function presentBase(item: ItemBase, t: Translate, token: string | null = null) {
  const withToken = (path: string) => (token ? `${path}?t=${encodeURIComponent(token)}` : path)
  return {
    code: item.code,
    kind: item.kind,
    category: item.category,
    categoryName: t(categoryByCode(item.category)?.nameKey ?? 'feedback.categories.other'),
    status: item.status,
    statusText: t(`feedback.status.${item.status}`),
    publicStatus: item.publicStatus,
    unit: { ...item.unit },
    title: item.title,
    description: item.description,
    address: item.address,
    latitude: item.latitude,
    longitude: item.longitude,
    attributes: { ...item.attributes },
    mediaUrl: item.mediaUrl,
    photos: item.photos.map((p) => ({ ...p, url: withToken(photoPath(p.id, 'full')), thumbUrl: withToken(photoPath(p.id, 'thumb')) })),
    submittedAt: formatInstant(item.submittedAt),
    updatedAt: formatInstant(item.updatedAt),
    dueAt: at(item.dueAt),
    isOverdue: item.isOverdue,
    publicAnswer: item.publicAnswer,
    answeredAt: at(item.answeredAt),
    rejectionReason: item.rejectionReason,
    duplicateOf: item.duplicateOf,
    isPublished: item.isPublished,
    publishedAt: at(item.publishedAt),
    closedAt: at(item.closedAt),
  }
}

/** The sender's fields. */
function presentSender(item: FeedbackView) {
  return { wantsPublic: item.wantsPublic, isAnonymous: item.isAnonymous, origin: item.origin, originRef: item.originRef }
}

/** A history line for residents and the public. */
const presentTimeline = (e: TimelineEntry) => ({ at: formatInstant(e.at), action: e.action, status: e.status, note: e.note })

/** A staff reference. */
const staffRef = (s: { username: string; fullName: string } | null) => (s ? { username: s.username, fullName: s.fullName } : null)

/** The public shape. */
export function presentPublic(item: PublicView, t: Translate) {
  return { ...presentBase(item, t), timeline: item.timeline.map(presentTimeline) }
}

/** The resident's shape; photo links carry the token so they open without signing in. */
export function presentResident(item: ResidentView, t: Translate, token: string) {
  return {
    ...presentBase(item, t, token),
    ...presentSender(item),
    contact: { ...item.contact },
    official: item.official ? { fullName: item.official.fullName } : null,
    residentRating: item.residentRating,
    ratedAt: at(item.ratedAt),
    reopenCount: item.reopenCount,
    canRate: item.canRate,
    canReopen: item.canReopen,
    reopenUntil: at(item.reopenUntil),
    timeline: item.timeline.map(presentTimeline),
  }
}

/** The staff shape. */
export function presentStaff(item: StaffView, t: Translate) {
  return {
    ...presentBase(item, t),
    ...presentSender(item),
    contact: item.contact ? { ...item.contact } : null,
    isContactHidden: item.isContactHidden,
    official: staffRef(item.official),
    assignedUnit: item.assignedUnit ? { ...item.assignedUnit } : null,
    assignee: staffRef(item.assignee),
    answeredBy: staffRef(item.answeredBy),
    upheld: item.upheld,
    decidedAt: at(item.decidedAt),
    residentRating: item.residentRating,
    ratedAt: at(item.ratedAt),
    reopenCount: item.reopenCount,
    reopenedAt: at(item.reopenedAt),
    escalatedAt: at(item.escalatedAt),
    isRegister: item.isRegister,
    events: item.events.map((e) => ({ at: formatInstant(e.at), actor: e.actorLabel, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, isInternal: e.isInternal })),
    allowedActions: [...item.allowedActions],
  }
}

/** A queue line. */
function presentQueueItem(item: StaffListItem) {
  return {
    ...item,
    unit: { ...item.unit },
    assignedUnit: item.assignedUnit ? { ...item.assignedUnit } : null,
    assignee: staffRef(item.assignee),
    submittedAt: formatInstant(item.submittedAt),
    dueAt: at(item.dueAt),
    answeredAt: at(item.answeredAt),
  }
}

/** The categories in a language. */
export function presentCategories(t: Translate) {
  return FEEDBACK_CATEGORIES.map((c) => ({
    code: c.code,
    name: t(c.nameKey),
    description: t(`${c.nameKey}Hint`),
    defaultKind: c.defaultKind,
    dueWorkingDays: c.dueWorkingDays,
    questions: c.questions.map((q) => ({
      code: q.code,
      datatype: q.datatype,
      required: q.required,
      label: t(q.labelKey),
      values: (q.values ?? []).map((v) => ({ key: v.key, label: t(v.labelKey) })),
    })),
  }))
}

/** Reads `attributes`: an object in JSON, a JSON object as text in a multipart form. */
function attributesOf(value: Record<string, string> | string | undefined): Record<string, string> | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string') return value
  if (value.trim() === '') return undefined
  try {
    const parsed = JSON.parse(value) as unknown
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]))
    }
  } catch {
    // Falls through to the field error.
  }
  throw new ValidationError({ attributes: 'feedback.errors.attribute' })
}

/** The photos of a multipart submission, processed (content checked, metadata removed); none for JSON. */
async function photosOf(req: FastifyRequest): Promise<ProcessedPhoto[]> {
  if (!req.isMultipart()) return []
  const form = await readMultipart(req, { maxFiles: MAX_PHOTOS, maxFileBytes: MAX_PHOTO_BYTES, tooManyFilesKey: 'feedback.errors.photos' })
  return processPhotos(form.files, 'photos')
}

/** Registers the feedback API. */
export function registerFeedbackApi(app: App, deps: FeedbackDeps & { readonly captcha: Captcha }): void {
  app.get(
    '/api/v1/feedback/captcha',
    {
      schema: {
        tags: ['feedback'],
        summary: 'A fresh captcha challenge for a public submission: find a nonce such that sha256(salt + nonce) has difficultyBits leading zero bits, or answer the question',
        response: { 200: ChallengeBody, ...errors },
      },
    },
    async (req, reply) => {
      const challenge = deps.captcha.issue(deps.clock.now())
      reply.header('cache-control', 'no-store')
      return { token: challenge.token, salt: challenge.salt, difficultyBits: challenge.difficultyBits, expiresAt: formatInstant(challenge.expiresAt), question: questionText(challenge.question, req.t) }
    },
  )

  app.get(
    '/api/v1/feedback/categories',
    {
      schema: {
        tags: ['feedback'],
        summary: 'The categories residents choose from (also the Open311 services), with their extra questions',
        response: { 200: Type.Array(CategoryBody), ...errors },
      },
    },
    async (req) => presentCategories(req.t),
  )

  app.post(
    '/api/v1/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary:
          'Submit a report, petition, letter, complaint or denunciation, as JSON or as a multipart form with up to 3 photos (JPEG, PNG, WebP, 5 MB each) in `photos`. Residents solve the captcha (GET /api/v1/feedback/captcha), leave `website` empty, and may post 5 times in 10 minutes per address (429). Staff with an API token may post for a resident without the captcha. Contact details are optional (anonymous).',
        security: [{}, { bearer: [] }],
        body: SubmitBody,
        response: { 201: SubmitResponse, ...errors },
      },
      config: NOT_COOKIE_AUTHENTICATED,
    },
    async (req, reply) => {
      const body = req.body
      // Only a token makes a staff post: a session cookie could ride on a forged cross-site form.
      const staff = req.authMethod === 'token' ? requirePrincipal(req.principal) : null
      let origin: FeedbackOrigin = 'portal'
      if (staff) origin = body.origin ?? 'api'
      else {
        if (body.origin !== undefined) throw new ValidationError({ origin: 'feedback.errors.staffOnly' })
        await service.checkPublicSubmission(deps, {
          clientAddress: req.ip,
          honeypot: body.website,
          captcha: { token: body.captchaToken, nonce: body.captchaNonce, answer: body.captchaAnswer },
        })
      }
      const attributes = attributesOf(body.attributes)
      const photos = await photosOf(req)
      const hasContact = [body.contactName, body.contactPhone, body.contactEmail].some((v) => v !== undefined && v.trim() !== '')
      const result = await service.submitFeedback(
        deps,
        {
          unitCode: body.unitCode,
          category: body.category,
          ...(body.kind ? { kind: body.kind } : {}),
          title: body.title ?? null,
          description: body.description,
          address: body.address ?? null,
          latitude: body.latitude ?? null,
          longitude: body.longitude ?? null,
          ...(attributes ? { attributes } : {}),
          mediaUrl: body.mediaUrl ?? null,
          contact: hasContact ? { name: body.contactName ?? null, phone: body.contactPhone ?? null, email: body.contactEmail ?? null } : null,
          wantsPublic: body.wantsPublic === true,
          officialUsername: body.officialUsername ?? null,
          photos,
          origin,
          originRef: staff ? (body.originRef ?? null) : null,
        },
        staff,
      )
      reply.header('cache-control', 'no-store')
      return reply.code(201).send({ code: result.item.code, token: result.token, privateUrl: result.privateUrl, item: { ...presentBase(result.item, req.t), ...presentSender(result.item) } })
    },
  )

  app.get(
    '/api/v1/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'The queue of items you may see (your units and those under them), newest first, with counts per status',
        security: [{ bearer: [] }],
        querystring: QueueQuery,
        response: { 200: Type.Object({ total: Type.Integer(), counts: Type.Record(Type.String(), Type.Integer()), items: Type.Array(QueueItemBody) }), ...errors },
      },
    },
    async (req, reply) => {
      const q = req.query
      const result = await service.listQueue(deps, requirePrincipal(req.principal), { ...q, unitCode: q.unit })
      reply.header('cache-control', 'private, no-store')
      return { total: result.total, counts: result.counts, items: result.items.map(presentQueueItem) }
    },
  )

  app.get(
    '/api/v1/feedback/public',
    {
      schema: {
        tags: ['feedback', 'public'],
        summary: 'Published items with their answers, newest first, per unit (and the units under it) and category; never personal data',
        querystring: PublicQuery,
        response: { 200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(PublicItemBody) }), ...errors },
      },
    },
    async (req) => {
      const page = req.query.page ?? 1
      const pageSize = req.query.pageSize ?? 20
      const result = await service.listPublicItems(deps, { unitCode: req.query.unit, category: req.query.category, page, pageSize })
      return { total: result.total, page, pageSize, items: result.items.map((i) => presentPublic(i, req.t)) }
    },
  )

  app.get(
    '/api/v1/feedback/public/:code',
    {
      schema: {
        tags: ['feedback', 'public'],
        summary: 'One item as the public sees it (only items whose sender agreed, once staff have accepted them)',
        params: CodeParams,
        response: { 200: PublicItemBody, ...errors },
      },
    },
    async (req) => {
      const item = await service.getPublicItem(deps, req.params.code)
      if (!item) throw new NotFoundError('feedback.errors.notFound')
      return presentPublic(item, req.t)
    },
  )

  app.get(
    '/api/v1/feedback/track/:code',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Follow an item with its private link’s token (?t=). An unknown code and a wrong token give the same 404.',
        params: CodeParams,
        querystring: TokenQuery,
        response: { 200: ResidentItemBody, ...errors },
      },
    },
    async (req, reply) => {
      const token = req.query.t ?? ''
      const item = await service.getForResident(deps, req.params.code, token)
      if (!item) throw new NotFoundError('feedback.errors.trackNotFound')
      reply.header('cache-control', 'private, no-store')
      return presentResident(item, req.t, token)
    },
  )

  app.post(
    '/api/v1/feedback/track/:code/rating',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Rate the answer from 1 to 5 with the private token (once per answer; 409 before an answer or the second time)',
        params: CodeParams,
        body: RatingBody,
        response: { 200: ResidentItemBody, ...errors },
      },
      config: NOT_COOKIE_AUTHENTICATED,
    },
    async (req, reply) => {
      const item = await service.rateAnswer(deps, req.params.code, req.body.t, { rating: req.body.rating, comment: req.body.comment ?? null })
      reply.header('cache-control', 'private, no-store')
      return presentResident(item, req.t, req.body.t)
    },
  )

  app.post(
    '/api/v1/feedback/track/:code/reopen',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Ask for the item to be looked at again: once, within 7 days of the answer, after rating it 1 or 2 (409 otherwise)',
        params: CodeParams,
        body: ReopenBody,
        response: { 200: ResidentItemBody, ...errors },
      },
      config: NOT_COOKIE_AUTHENTICATED,
    },
    async (req, reply) => {
      const item = await service.reopenItem(deps, req.params.code, req.body.t, { reason: req.body.reason })
      reply.header('cache-control', 'private, no-store')
      return presentResident(item, req.t, req.body.t)
    },
  )

  app.get(
    '/api/v1/feedback/:code',
    {
      schema: {
        tags: ['feedback'],
        summary: 'One item with its full history and the actions you may take now; 404 also when it is not yours to see',
        security: [{ bearer: [] }],
        params: CodeParams,
        response: { 200: StaffItemBody, ...errors },
      },
    },
    async (req, reply) => {
      const item = await service.getForStaff(deps, requirePrincipal(req.principal), req.params.code)
      reply.header('cache-control', 'private, no-store')
      return presentStaff(item, req.t)
    },
  )

  app.post(
    '/api/v1/feedback/:code/actions',
    {
      schema: {
        tags: ['feedback'],
        summary:
          'Take an action: accept, reject {reason}, mark_duplicate {duplicateOf}, assign {unitCode?, assigneeUsername?, dueAt?}, note {text}, answer {text}, publish, unpublish, close, decide_letter {upheld, note}. 409 when not allowed now, 422 when a field is missing or wrong, 404 when the item is not yours to see.',
        security: [{ bearer: [] }],
        params: CodeParams,
        body: ActionBody,
        response: { 200: StaffItemBody, ...errors },
      },
    },
    async (req) => {
      const item = await service.applyAction(deps, requirePrincipal(req.principal), req.params.code, req.body)
      return presentStaff(item, req.t)
    },
  )

  app.get(
    '/api/v1/feedback/:code/similar',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Open items of the same unit and category with similar text (diacritics ignored), best first: candidates to mark this one a duplicate of',
        security: [{ bearer: [] }],
        params: CodeParams,
        response: { 200: Type.Array(SimilarBody), ...errors },
      },
    },
    async (req) => service.similarOpenItems(deps, requirePrincipal(req.principal), req.params.code),
  )
}
