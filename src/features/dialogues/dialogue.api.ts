/**
 * JSON routes of direct dialogues under /api/v1/dialogues: the public lists and session pages,
 * residents' questions (captcha, honeypot, a limit per address) and supports (once per device),
 * the organisers' routes (create, update, status, hosts, moderation), the secretary's (floor
 * questions, answers, commitments), the minutes and the coverage; and the iCalendar files
 * /doi-thoai/{id}.ics and /doi-thoai/lich.ics.
 */
import { Type } from 'typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App } from '../../app.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import type { Captcha } from '../../platform/captcha/captcha.ts'
import { questionText } from '../../platform/captcha/captcha.ts'
import { ErrorBody, requirePrincipal } from '../../platform/http/api.ts'
import { NotFoundError } from '../../platform/http/errors.ts'
import { formatInstant } from '../calendar/index.ts'
import {
  ActionBody,
  AnswerBody,
  ChallengeBody,
  CommitmentBody,
  CommitmentInputBody,
  CoverageBody,
  CoverageQuery,
  CreateBody,
  FeedQuery,
  FloorQuestionBody,
  HostsBody,
  IcsParams,
  ListQuery,
  MinutesBody,
  ModerationBody,
  PublicQuestionBody,
  QuestionBody,
  QuestionParams,
  SessionBody,
  SessionParams,
  SessionSummaryBody,
  StaffQuestionBody,
  SupportBody,
  UpdateBody,
} from './dialogue.schemas.ts'
import * as service from './dialogue.service.ts'
import type {
  CommitmentView,
  CoverageView,
  DialogueDeps,
  MinutesView,
  PublicQuestionView,
  PublicSessionView,
  SessionSummary,
  StaffQuestionView,
  StaffSessionSummary,
  StaffSessionView,
  TrackedItemView,
} from './dialogue.service.ts'
import { DEVICE_COOKIE, DEVICE_TOKEN_PATTERN } from './dialogue.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody }

/** Route config of routes that a cookie does not authenticate (residents' posts): no CSRF token. */
const NOT_COOKIE_AUTHENTICATED = Object.freeze({ csrf: false })

/** How long a device cookie lasts: a year, long enough to remember supports across sessions. */
const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 3600

/** Formats an optional instant in Vietnam time. */
const at = (value: Date | null): string | null => (value ? formatInstant(value) : null)

/** The public address of a session's iCalendar. */
export function sessionIcsPath(id: number): string {
  return `/doi-thoai/${id}.ics`
}

/**
 * The device token of the `congso_device` cookie, set now when the browser has none (or a bad one):
 * random, httpOnly, for a year. Pages use it too.
 */
export function deviceTokenOf(req: FastifyRequest, reply: FastifyReply, isSecure: boolean): string {
  const current = req.cookies[DEVICE_COOKIE]
  if (typeof current === 'string' && DEVICE_TOKEN_PATTERN.test(current)) return current
  const token = service.newDeviceToken()
  reply.setCookie(DEVICE_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: DEVICE_COOKIE_MAX_AGE_S, secure: isSecure })
  return token
}

/** The device token a request carries, without setting one. */
export function existingDeviceToken(req: FastifyRequest): string | null {
  const current = req.cookies[DEVICE_COOKIE]
  return typeof current === 'string' && DEVICE_TOKEN_PATTERN.test(current) ? current : null
}

/** A tracked item. */
function presentTracked(item: TrackedItemView | null) {
  return item ? { ...item, dueAt: at(item.dueAt), answeredAt: at(item.answeredAt), closedAt: at(item.closedAt) } : null
}

/** A commitment. */
export function presentCommitment(c: CommitmentView) {
  return { ...c, responsibleUnit: { ...c.responsibleUnit }, dueAt: formatInstant(c.dueAt), trackedItem: presentTracked(c.trackedItem), createdAt: formatInstant(c.createdAt) }
}

/** A question as the public sees it. */
export function presentPublicQuestion(q: PublicQuestionView) {
  return {
    id: q.id,
    source: q.source,
    askerName: q.askerName,
    residentialArea: q.residentialArea,
    text: q.text,
    status: q.status,
    supportCount: q.supportCount,
    mergedCount: q.mergedCount,
    answer: q.answer,
    answeredBy: q.answeredBy,
    trackedItem: presentTracked(q.trackedItem),
    isSupported: q.isSupported,
    canSupport: q.canSupport,
    createdAt: formatInstant(q.createdAt),
  }
}

/** A question as staff see it. */
export function presentStaffQuestion(q: StaffQuestionView) {
  return {
    ...presentPublicQuestion(q),
    askerNameGiven: q.askerNameGiven,
    isAnonymous: q.isAnonymous,
    contact: q.contact,
    hiddenReason: q.hiddenReason,
    mergedIntoId: q.mergedIntoId,
    assignedUnit: q.assignedUnit ? { ...q.assignedUnit } : null,
    preparedAnswer: q.preparedAnswer,
    updatedAt: formatInstant(q.updatedAt),
    allowedActions: [...q.allowedActions],
    canPrepare: q.canPrepare,
  }
}

/** A session in a list. */
export function presentSummary(s: SessionSummary | StaffSessionSummary) {
  return {
    id: s.id,
    unit: { ...s.unit },
    topic: s.topic,
    startsAt: formatInstant(s.startsAt),
    endsAt: at(s.endsAt),
    venue: s.venue,
    livestreamUrl: s.livestreamUrl,
    status: s.status,
    cancelReason: s.cancelReason,
    hosts: s.hosts.map((h) => ({ ...h })),
    questionCount: s.questionCount,
    commitmentCount: s.commitmentCount,
    acceptsQuestions: s.acceptsQuestions,
    icsUrl: sessionIcsPath(s.id),
    ...('pendingCount' in s ? { pendingCount: s.pendingCount } : {}),
  }
}

/** What the public and staff views of a session share. */
function presentSessionBase(s: PublicSessionView | StaffSessionView) {
  return {
    ...presentSummary(s),
    description: s.description,
    heldAt: at(s.heldAt),
    minutesPublishedAt: at(s.minutesPublishedAt),
    closedAt: at(s.closedAt),
    hasPublicMinutes: s.hasPublicMinutes,
    commitments: s.commitments.map(presentCommitment),
  }
}

/** A session as the public sees it. */
export function presentPublicSession(s: PublicSessionView) {
  return { ...presentSessionBase(s), view: 'public' as const, questions: s.questions.map(presentPublicQuestion) }
}

/** A session as staff see it. */
export function presentStaffSession(s: StaffSessionView) {
  return {
    ...presentSessionBase(s),
    view: 'staff' as const,
    questions: s.questions.map(presentStaffQuestion),
    unitLevel: s.unitLevel,
    participants: s.participants,
    attendance: s.attendance,
    summary: s.summary,
    secretary: s.secretary ? { ...s.secretary } : null,
    createdAt: formatInstant(s.createdAt),
    updatedAt: formatInstant(s.updatedAt),
    counts: { ...s.counts },
    allowedActions: [...s.allowedActions],
    can: { ...s.can },
  }
}

/** The minutes. */
export function presentMinutes(m: MinutesView) {
  return {
    ...m,
    unit: { ...m.unit },
    startsAt: formatInstant(m.startsAt),
    endsAt: at(m.endsAt),
    hosts: m.hosts.map((h) => ({ ...h })),
    secretary: m.secretary ? { ...m.secretary } : null,
    heldAt: at(m.heldAt),
    minutesPublishedAt: at(m.minutesPublishedAt),
    questions: m.questions.map((q) => ({ ...q, trackedItem: presentTracked(q.trackedItem) })),
    commitments: m.commitments.map(presentCommitment),
  }
}

/** The coverage. */
export function presentCoverage(c: CoverageView) {
  return {
    ...c,
    parent: { ...c.parent },
    units: c.units.map((u) => ({ ...u, unit: { ...u.unit }, lastHeldAt: at(u.lastHeldAt), commitments: { ...u.commitments } })),
    coverage: `${c.heldCount}/${c.unitCount}`,
    commitments: { ...c.commitments },
  }
}

/** The session's view for a caller: the staff view when they may see it, the public one otherwise. */
async function sessionFor(deps: DialogueDeps, principal: Principal | null, id: number, deviceToken: string | null) {
  if (principal && (await service.canSeeStaffSession(deps, principal, id))) return presentStaffSession(await service.getStaffSession(deps, principal, id))
  return presentPublicSession(await service.getPublicSession(deps, id, deviceToken))
}

/** Registers the dialogues API and the iCalendar files. */
export function registerDialogueApi(app: App, deps: DialogueDeps & { readonly captcha: Captcha; readonly isSecureCookie: boolean }): void {
  app.get(
    '/api/v1/dialogues/captcha',
    {
      schema: {
        tags: ['dialogues'],
        summary: 'A fresh captcha challenge for a resident’s question: find a nonce such that sha256(salt + nonce) has difficultyBits leading zero bits, or answer the question',
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
    '/api/v1/dialogues',
    {
      schema: {
        tags: ['dialogues', 'public'],
        summary: 'Dialogue sessions: upcoming (soonest first, the default) or past (latest first), per unit and year. With mine=true (signed in): the sessions you organise or record, with pending questions.',
        security: [{}, { bearer: [] }],
        querystring: ListQuery,
        response: { 200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(SessionSummaryBody) }), ...errors },
      },
    },
    async (req, reply) => {
      const q = req.query
      const page = q.page ?? 1
      const pageSize = q.pageSize ?? 20
      const input = { scope: q.scope, unitCode: q.unit, year: q.year, page, pageSize }
      if (q.mine) {
        const result = await service.listStaffSessions(deps, requirePrincipal(req.principal), input)
        reply.header('cache-control', 'private, no-store')
        return { total: result.total, page, pageSize, items: result.items.map(presentSummary) }
      }
      const result = await service.listSessions(deps, input)
      return { total: result.total, page, pageSize, items: result.items.map(presentSummary) }
    },
  )

  app.post(
    '/api/v1/dialogues',
    {
      schema: {
        tags: ['dialogues'],
        summary: 'Announce a session (planned) with its hosts (leaders of the unit or above) and secretary (staff of the unit). Leaders and moderators of the unit or of a unit above it.',
        security: [{ bearer: [] }],
        body: CreateBody,
        response: { 201: SessionBody, ...errors },
      },
    },
    async (req, reply) => {
      const view = await service.createSession(deps, requirePrincipal(req.principal), req.body)
      return reply.code(201).send(presentStaffSession(view))
    },
  )

  app.get(
    '/api/v1/dialogues/coverage',
    {
      schema: {
        tags: ['dialogues'],
        summary: 'Which wards, communes and townships under a unit held at least one dialogue in a year ("12/12"), and how many commitments are done, on time and overdue',
        security: [{ bearer: [] }],
        querystring: CoverageQuery,
        response: { 200: CoverageBody, ...errors },
      },
    },
    async (req, reply) => {
      const view = await service.coverage(deps, requirePrincipal(req.principal), { unitCode: req.query.unit, year: req.query.year })
      reply.header('cache-control', 'private, no-store')
      return presentCoverage(view)
    },
  )

  app.get(
    '/api/v1/dialogues/:id',
    {
      schema: {
        tags: ['dialogues', 'public'],
        summary: 'One session with its published questions, answers and commitments (and their tracked items). Its organisers, secretary and the units preparing answers get the staff view.',
        security: [{}, { bearer: [] }],
        params: SessionParams,
        response: { 200: SessionBody, ...errors },
      },
    },
    async (req, reply) => {
      const body = await sessionFor(deps, req.principal, req.params.id, existingDeviceToken(req))
      if (body.view === 'staff') reply.header('cache-control', 'private, no-store')
      return body
    },
  )

  app.patch(
    '/api/v1/dialogues/:id',
    {
      schema: {
        tags: ['dialogues'],
        summary: 'Change a session: the schedule and secretary (organisers, before the session), the minutes’ participants, attendance and summary (the secretary, until the minutes are published)',
        security: [{ bearer: [] }],
        params: SessionParams,
        body: UpdateBody,
        response: { 200: SessionBody, ...errors },
      },
    },
    async (req) => presentStaffSession(await service.updateSession(deps, requirePrincipal(req.principal), req.params.id, req.body)),
  )

  app.post(
    '/api/v1/dialogues/:id/actions',
    {
      schema: {
        tags: ['dialogues'],
        summary:
          'Move a session on: open_questions, mark_held (the secretary; questions without an answer become tracked items), publish_minutes (needs the participants), close, cancel {reason}. 409 when not allowed now.',
        security: [{ bearer: [] }],
        params: SessionParams,
        body: ActionBody,
        response: { 200: SessionBody, ...errors },
      },
    },
    async (req) => presentStaffSession(await service.applySessionAction(deps, requirePrincipal(req.principal), req.params.id, req.body)),
  )

  app.put(
    '/api/v1/dialogues/:id/hosts',
    {
      schema: {
        tags: ['dialogues'],
        summary: 'Replace the hosts: leaders of the unit or of a unit above it, each with how they are introduced',
        security: [{ bearer: [] }],
        params: SessionParams,
        body: HostsBody,
        response: { 200: SessionBody, ...errors },
      },
    },
    async (req) => presentStaffSession(await service.setHosts(deps, requirePrincipal(req.principal), req.params.id, req.body.hosts)),
  )

  app.get(
    '/api/v1/dialogues/:id/minutes',
    {
      schema: {
        tags: ['dialogues', 'public'],
        summary: 'The minutes (biên bản): public once published; before that only its organisers and secretary see them',
        security: [{}, { bearer: [] }],
        params: SessionParams,
        response: { 200: MinutesBody, ...errors },
      },
    },
    async (req, reply) => {
      const minutes = await service.sessionMinutes(deps, req.principal, req.params.id)
      if (!minutes.isPublished) reply.header('cache-control', 'private, no-store')
      return presentMinutes(minutes)
    },
  )

  app.post(
    '/api/v1/dialogues/:id/questions',
    {
      schema: {
        tags: ['dialogues', 'public'],
        summary:
          'Send a question before the session while it is open for questions. Solve the captcha (GET /api/v1/dialogues/captcha), leave `website` empty; 5 per 10 minutes per address (429). The question waits for a moderator; contact details are never shown.',
        body: QuestionBody,
        params: SessionParams,
        response: { 201: PublicQuestionBody, ...errors },
      },
      config: NOT_COOKIE_AUTHENTICATED,
    },
    async (req, reply) => {
      const b = req.body
      const question = await service.submitQuestion(
        deps,
        req.params.id,
        { askerName: b.askerName ?? null, residentialArea: b.residentialArea ?? null, contact: b.contact ?? null, isAnonymous: b.isAnonymous === true, text: b.text },
        { clientAddress: req.ip, honeypot: b.website, captcha: { token: b.captchaToken, nonce: b.captchaNonce, answer: b.captchaAnswer } },
      )
      reply.header('cache-control', 'no-store')
      return reply.code(201).send(presentPublicQuestion(question))
    },
  )

  app.post(
    '/api/v1/dialogues/:id/questions/:questionId/support',
    {
      schema: {
        tags: ['dialogues', 'public'],
        summary: 'Support a published question, once per device (the httpOnly cookie congso_device, set here when missing); 409 the second time',
        params: QuestionParams,
        response: { 200: SupportBody, ...errors },
      },
      config: NOT_COOKIE_AUTHENTICATED,
    },
    async (req, reply) => {
      const token = deviceTokenOf(req, reply, deps.isSecureCookie)
      reply.header('cache-control', 'no-store')
      return service.supportQuestion(deps, req.params.id, req.params.questionId, token, req.ip)
    },
  )

  app.post(
    '/api/v1/dialogues/:id/questions/:questionId/moderation',
    {
      schema: {
        tags: ['dialogues'],
        summary: 'Moderate a question before the session: publish, hide {reason}, merge {into}, assign {unitCode}, prepare_answer {text} (also staff of the assigned unit)',
        security: [{ bearer: [] }],
        params: QuestionParams,
        body: ModerationBody,
        response: { 200: StaffQuestionBody, ...errors },
      },
    },
    async (req) => presentStaffQuestion(await service.moderateQuestion(deps, requirePrincipal(req.principal), req.params.id, req.params.questionId, req.body)),
  )

  app.post(
    '/api/v1/dialogues/:id/questions/:questionId/answer',
    {
      schema: {
        tags: ['dialogues'],
        summary: 'The secretary records the answer given at the session (or corrects it until the minutes are published)',
        security: [{ bearer: [] }],
        params: QuestionParams,
        body: AnswerBody,
        response: { 200: StaffQuestionBody, ...errors },
      },
    },
    async (req) => presentStaffQuestion(await service.answerQuestion(deps, requirePrincipal(req.principal), req.params.id, req.params.questionId, req.body)),
  )

  app.post(
    '/api/v1/dialogues/:id/floor-questions',
    {
      schema: {
        tags: ['dialogues'],
        summary: 'The secretary records a question raised from the floor, with its answer if given at once',
        security: [{ bearer: [] }],
        params: SessionParams,
        body: FloorQuestionBody,
        response: { 201: StaffQuestionBody, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(presentStaffQuestion(await service.recordFloorQuestion(deps, requirePrincipal(req.principal), req.params.id, req.body))),
  )

  app.post(
    '/api/v1/dialogues/:id/commitments',
    {
      schema: {
        tags: ['dialogues'],
        summary: 'The secretary records a commitment (who will do what by when); it becomes a tracked feedback item assigned to the responsible unit, due on that date',
        security: [{ bearer: [] }],
        params: SessionParams,
        body: CommitmentInputBody,
        response: { 201: CommitmentBody, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(presentCommitment(await service.addCommitment(deps, requirePrincipal(req.principal), req.params.id, req.body))),
  )

  app.get(
    '/doi-thoai/lich.ics',
    { schema: { tags: ['dialogues', 'public'], summary: 'iCalendar feed of every session from a year ago on, optionally of one unit (and those under it)', querystring: FeedQuery } },
    async (req, reply) => {
      const ics = await service.feedIcs(deps, { unitCode: req.query.unit ?? null }, req.t)
      return reply.header('cache-control', 'public, max-age=300').header('vary', 'cookie').type('text/calendar; charset=utf-8').send(ics)
    },
  )

  app.get(
    '/doi-thoai/:id.ics',
    { schema: { tags: ['dialogues', 'public'], summary: 'iCalendar of one session', params: IcsParams } },
    async (req, reply) => {
      const id = /^\d{1,12}$/.test(req.params.id) ? Number(req.params.id) : NaN
      if (!Number.isSafeInteger(id)) throw new NotFoundError('dialogues.errors.notFound')
      const ics = await service.sessionIcs(deps, id, req.t)
      return reply
        .header('cache-control', 'public, max-age=300')
        .header('vary', 'cookie')
        .header('content-disposition', `attachment; filename="doi-thoai-${id}.ics"`)
        .type('text/calendar; charset=utf-8')
        .send(ics)
    },
  )
}
