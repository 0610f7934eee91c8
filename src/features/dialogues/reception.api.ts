/**
 * JSON routes of citizen reception under /api/v1/reception: the published schedule (public), the
 * schedule for staff (one day, a pattern, changes, held or cancelled), the register (entries,
 * direction and outcome, the notice to the citizen) and the compliance view. Staff routes take a
 * Bearer token or the session; each use case checks the unit scope.
 */
import { Type } from 'typebox'
import type { App } from '../../app.ts'
import { ErrorBody, requirePrincipal } from '../../platform/http/api.ts'
import type { Translate } from '../../platform/i18n/i18n.ts'
import { formatInstant } from '../calendar/index.ts'
import {
  CancelBody,
  CaseBody,
  CaseCreateBody,
  CasesQuery,
  CaseUpdateBody,
  ComplianceBody,
  ComplianceQuery,
  DayBody,
  DayCreateBody,
  DaysQuery,
  DayUpdateBody,
  HeldBody,
  IdParams,
  NoticeBody,
  PatternBody,
  PatternResultBody,
  PublicDayBody,
  PublicScheduleQuery,
} from './reception.schemas.ts'
import * as service from './reception.service.ts'
import type { PublicReceptionDay, ReceptionCase, ReceptionDay, ReceptionDeps } from './reception.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody }
const publicErrors = { 400: ErrorBody, 404: ErrorBody }
const TAGS = ['reception']
const STAFF = [{ bearer: [] }]

/** A day as the public API shows it. */
export function presentPublicDay(day: PublicReceptionDay, t: Translate) {
  return { ...day, unit: { ...day.unit }, hostRoleText: t(`reception.hostRoles.${day.hostRole}`) }
}

/** A day as staff see it. */
export function presentDay(day: ReceptionDay, t: Translate) {
  return {
    id: day.id,
    unit: { code: day.unit.code, name: day.unit.name },
    host: { username: day.host.username, fullName: day.host.fullName, title: day.host.title },
    hostRole: day.hostRole,
    hostRoleText: t(`reception.hostRoles.${day.hostRole}`),
    day: day.day,
    starts: day.starts,
    ends: day.ends,
    venue: day.venue,
    status: day.status,
    note: day.note,
    createdAt: formatInstant(day.createdAt),
    updatedAt: formatInstant(day.updatedAt),
  }
}

/** A register entry. */
export function presentCase(c: ReceptionCase) {
  return {
    id: c.id,
    unit: { code: c.unit.code, name: c.unit.name },
    receptionDayId: c.receptionDayId,
    receivedAt: formatInstant(c.receivedAt),
    receivedBy: c.receivedBy ? { ...c.receivedBy } : null,
    citizenName: c.citizenName,
    citizenAddress: c.citizenAddress,
    peopleCount: c.peopleCount,
    content: c.content,
    earlierHandling: c.earlierHandling,
    kind: c.kind,
    direction: c.direction,
    outcome: c.outcome,
    notifyDueAt: formatInstant(c.notifyDueAt),
    notifiedAt: c.notifiedAt ? formatInstant(c.notifiedAt) : null,
    notice: c.notice,
    noticeState: c.noticeState,
    isOverdue: c.isOverdue,
    createdAt: formatInstant(c.createdAt),
    updatedAt: formatInstant(c.updatedAt),
  }
}

/** Registers the reception API. */
export function registerReceptionApi(app: App, deps: ReceptionDeps): void {
  app.get(
    '/api/v1/reception/schedule',
    {
      schema: {
        tags: [...TAGS, 'public'],
        summary: 'The published reception schedule: leaders’ reception days from today on (cancelled ones marked), for every unit or one unit and those under it',
        querystring: PublicScheduleQuery,
        response: { 200: Type.Array(PublicDayBody), ...publicErrors },
      },
    },
    async (req, reply) => {
      const days = await service.listPublicSchedule(deps, { unitCode: req.query.unit ?? null, ...(req.query.days ? { days: req.query.days } : {}) })
      // The language follows the cookie, so a shared cache must keep one copy per cookie.
      reply.header('cache-control', 'public, max-age=300').header('vary', 'cookie, accept-language')
      return days.map((d) => presentPublicDay(d, req.t))
    },
  )

  app.get(
    '/api/v1/reception/days',
    {
      schema: {
        tags: TAGS,
        summary: 'Reception days of your units in a period (default: this month), by date',
        security: STAFF,
        querystring: DaysQuery,
        response: { 200: Type.Object({ from: Type.String(), to: Type.String(), days: Type.Array(DayBody) }), ...errors },
      },
    },
    async (req, reply) => {
      const q = req.query
      const result = await service.listDays(deps, requirePrincipal(req.principal), { unitCode: q.unit ?? null, from: q.from ?? null, to: q.to ?? null, status: q.status ?? null })
      reply.header('cache-control', 'private, no-store')
      return { from: result.from, to: result.to, days: result.days.map((d) => presentDay(d, req.t)) }
    },
  )

  app.post(
    '/api/v1/reception/days',
    {
      schema: { tags: TAGS, summary: 'Put one reception day on a leader’s schedule', security: STAFF, body: DayCreateBody, response: { 201: DayBody, ...errors } },
    },
    async (req, reply) => {
      const day = await service.scheduleDay(deps, requirePrincipal(req.principal), req.body)
      return reply.code(201).send(presentDay(day, req.t))
    },
  )

  app.post(
    '/api/v1/reception/days/pattern',
    {
      schema: {
        tags: TAGS,
        summary:
          'Put a leader’s reception days on the schedule by a pattern over a period (at most 366 days): weekly (weekdays), monthly_weekday (e.g. the 1st and 3rd Tuesday) or monthly_day (days of the month). Days off in the unit’s calendar and dates the host already receives on are skipped.',
        security: STAFF,
        body: PatternBody,
        response: { 201: PatternResultBody, ...errors },
      },
    },
    async (req, reply) => {
      const result = await service.schedulePattern(deps, requirePrincipal(req.principal), req.body)
      return reply.code(201).send({ created: result.created.map((d) => presentDay(d, req.t)), skippedDaysOff: [...result.skippedDaysOff], skippedExisting: [...result.skippedExisting] })
    },
  )

  app.get(
    '/api/v1/reception/days/:id',
    { schema: { tags: TAGS, summary: 'One reception day', security: STAFF, params: IdParams, response: { 200: DayBody, ...errors } } },
    async (req) => presentDay(await service.getDay(deps, requirePrincipal(req.principal), req.params.id), req.t),
  )

  app.patch(
    '/api/v1/reception/days/:id',
    {
      schema: { tags: TAGS, summary: 'Change a scheduled day (host, role, date, hours, venue, note)', security: STAFF, params: IdParams, body: DayUpdateBody, response: { 200: DayBody, ...errors } },
    },
    async (req) => presentDay(await service.updateDay(deps, requirePrincipal(req.principal), req.params.id, req.body), req.t),
  )

  app.delete(
    '/api/v1/reception/days/:id',
    {
      schema: { tags: TAGS, summary: 'Remove a scheduled day that no register entry names', security: STAFF, params: IdParams, response: { 204: Type.Null(), ...errors } },
    },
    async (req, reply) => {
      await service.deleteDay(deps, requirePrincipal(req.principal), req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/api/v1/reception/days/:id/held',
    {
      schema: { tags: TAGS, summary: 'Record that a scheduled day took place (on or after its date); the body may be left out', security: STAFF, params: IdParams, body: HeldBody, response: { 200: DayBody, ...errors } },
      // The note is optional, so a POST without any body is as good as `{}`.
      preValidation: (req, _reply, done) => {
        if (req.body === undefined || req.body === null) req.body = {}
        done()
      },
    },
    async (req) => presentDay(await service.markDayHeld(deps, requirePrincipal(req.principal), req.params.id, req.body), req.t),
  )

  app.post(
    '/api/v1/reception/days/:id/cancel',
    {
      schema: { tags: TAGS, summary: 'Cancel a scheduled day, with the reason', security: STAFF, params: IdParams, body: CancelBody, response: { 200: DayBody, ...errors } },
    },
    async (req) => presentDay(await service.cancelDay(deps, requirePrincipal(req.principal), req.params.id, req.body), req.t),
  )

  app.get(
    '/api/v1/reception/cases',
    {
      schema: {
        tags: TAGS,
        summary: 'The register of your units (sổ tiếp công dân), oldest first; filter by unit (and those under it), period of receipt, kind, overdue notice',
        security: STAFF,
        querystring: CasesQuery,
        response: { 200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(CaseBody) }), ...errors },
      },
    },
    async (req, reply) => {
      const q = req.query
      const result = await service.listCases(deps, requirePrincipal(req.principal), {
        unitCode: q.unit ?? null,
        from: q.from ?? null,
        to: q.to ?? null,
        kind: q.kind ?? null,
        overdue: q.overdue === true,
        ...(q.page ? { page: q.page } : {}),
        ...(q.pageSize ? { pageSize: q.pageSize } : {}),
      })
      reply.header('cache-control', 'private, no-store')
      return { total: result.total, page: result.page, pageSize: result.pageSize, items: result.items.map(presentCase) }
    },
  )

  app.post(
    '/api/v1/reception/cases',
    {
      schema: {
        tags: TAGS,
        summary: 'Write a matter into the register; its notice deadline is 10 working days after the day of receipt in the unit’s calendar (Law 42/2013 Art. 28)',
        security: STAFF,
        body: CaseCreateBody,
        response: { 201: CaseBody, ...errors },
      },
    },
    async (req, reply) => {
      const created = await service.recordCase(deps, requirePrincipal(req.principal), req.body)
      return reply.code(201).send(presentCase(created))
    },
  )

  app.get(
    '/api/v1/reception/cases/:id',
    { schema: { tags: TAGS, summary: 'One register entry', security: STAFF, params: IdParams, response: { 200: CaseBody, ...errors } } },
    async (req, reply) => {
      reply.header('cache-control', 'private, no-store')
      return presentCase(await service.getCase(deps, requirePrincipal(req.principal), req.params.id))
    },
  )

  app.patch(
    '/api/v1/reception/cases/:id',
    { schema: { tags: TAGS, summary: 'Change how a matter was directed and its outcome', security: STAFF, params: IdParams, body: CaseUpdateBody, response: { 200: CaseBody, ...errors } } },
    async (req) => presentCase(await service.updateCase(deps, requirePrincipal(req.principal), req.params.id, req.body)),
  )

  app.post(
    '/api/v1/reception/cases/:id/notice',
    {
      schema: {
        tags: TAGS,
        summary: 'Record what the citizen was told (accepted, extended, refused, transferred) and when; once per entry',
        security: STAFF,
        params: IdParams,
        body: NoticeBody,
        response: { 200: CaseBody, ...errors },
      },
    },
    async (req) => presentCase(await service.recordNotice(deps, requirePrincipal(req.principal), req.params.id, req.body)),
  )

  app.get(
    '/api/v1/reception/compliance',
    {
      schema: {
        tags: TAGS,
        summary: 'Scheduled and held reception days against the required ones, per ward or commune and host role, over a period (default: this month)',
        security: STAFF,
        querystring: ComplianceQuery,
        response: { 200: ComplianceBody, ...errors },
      },
    },
    async (req, reply) => {
      const q = req.query
      const report = await service.complianceReport(deps, requirePrincipal(req.principal), { unitCode: q.unit ?? null, from: q.from ?? null, to: q.to ?? null })
      reply.header('cache-control', 'private, no-store')
      return { ...report, unit: { ...report.unit }, rows: report.rows.map((r) => ({ ...r, unit: { ...r.unit }, hosts: [...r.hosts] })), summary: { chair: { ...report.summary.chair }, party_secretary: { ...report.summary.party_secretary } } }
    },
  )
}
