/** JSON routes of the one-stop desk under /api/v1/dossiers and the public lookup. */
import { ErrorBody, requirePrincipal } from '../../platform/http/api.ts'
import { Type } from 'typebox'
import type { App, FeatureDeps } from '../../app.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { formatInstant } from '../calendar/index.ts'
import * as service from './dossier.service.ts'
import { FIGURE_GROUPS, onTimeFigures } from './dossier.figures.ts'
import type { Dossier, DossierDeps, PublicDossier } from './dossier.service.ts'
import type { DossierRecord } from './dossier.repository.ts'
import { CHANNELS, DOSSIER_ACTIONS, DOSSIER_STATUSES, isOverdue, RETURN_METHODS } from './dossier.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody }
const Instant = Type.Union([Type.String(), Type.Null()])
const Nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()])

/** Formats an optional instant in Vietnam time. */
const at = (value: Date | null): string | null => (value ? formatInstant(value) : null)

const DossierSummary = Type.Object({
  id: Type.Integer(),
  code: Nullable(Type.String()),
  status: Type.Enum(DOSSIER_STATUSES),
  unitCode: Type.String(),
  unitName: Type.String(),
  procedureCode: Type.String(),
  procedureName: Type.String(),
  applicantName: Type.String(),
  receivedAt: Instant,
  dueAt: Instant,
  isOverdue: Type.Boolean(),
  assignee: Nullable(Type.String()),
  timing: Nullable(Type.String()),
})

const DossierBody = Type.Object({
  id: Type.Integer(),
  code: Nullable(Type.String()),
  pin: Nullable(Type.String()),
  status: Type.Enum(DOSSIER_STATUSES),
  channel: Type.Enum(CHANNELS),
  unitCode: Type.String(),
  unitName: Type.String(),
  procedureCode: Type.String(),
  procedureName: Type.String(),
  applicant: Type.Object({ fullName: Type.String(), idNumber: Nullable(Type.String()), phone: Nullable(Type.String()), email: Nullable(Type.String()), address: Nullable(Type.String()) }),
  documents: Type.Array(Type.Object({ name: Type.String(), isProvided: Type.Boolean(), isRequired: Type.Boolean() })),
  missingDocuments: Type.Array(Type.String()),
  createdAt: Type.String(),
  receivedAt: Instant,
  dueAt: Instant,
  originalDueAt: Instant,
  resultReadyAt: Instant,
  finishedAt: Instant,
  isOverdue: Type.Boolean(),
  timing: Nullable(Type.String()),
  returnMethod: Nullable(Type.String()),
  refusalReason: Nullable(Type.String()),
  receivedBy: Nullable(Type.String()),
  assignee: Nullable(Type.String()),
  currentStep: Type.Integer(),
  allowedActions: Type.Array(Type.String()),
})

/** The list shape of a dossier. */
function presentSummary(d: DossierRecord, now: Date) {
  return {
    id: d.id,
    code: d.code,
    status: d.status,
    unitCode: d.unitCode,
    unitName: d.unitName,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    applicantName: d.applicant.fullName,
    receivedAt: at(d.receivedAt),
    dueAt: at(d.dueAt),
    isOverdue: isOverdue(d.status, d.dueAt, now),
    assignee: d.assigneeName,
    timing: d.timing,
  }
}

/** The full shape of a dossier, with the actions the caller may take now. */
export function presentDossier(d: Dossier, principal: Principal) {
  return {
    id: d.id,
    code: d.code,
    pin: d.pin,
    status: d.status,
    channel: d.channel,
    unitCode: d.unitCode,
    unitName: d.unitName,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    applicant: { ...d.applicant },
    documents: d.documents.map((x) => ({ name: x.name, isProvided: x.isProvided, isRequired: x.isRequired })),
    missingDocuments: [...d.missingDocuments],
    createdAt: formatInstant(d.createdAt),
    receivedAt: at(d.receivedAt),
    dueAt: at(d.dueAt),
    originalDueAt: at(d.originalDueAt),
    resultReadyAt: at(d.resultReadyAt),
    finishedAt: at(d.finishedAt),
    isOverdue: d.isOverdue,
    timing: d.timing,
    returnMethod: d.returnMethod,
    refusalReason: d.refusalReason,
    receivedBy: d.receivedByName,
    assignee: d.assigneeName,
    currentStep: d.currentStep,
    allowedActions: service.actionsFor(principal, d),
  }
}

/** The public shape of a looked-up dossier. */
function presentPublic(d: PublicDossier, statusText: string) {
  return {
    code: d.code,
    status: d.status,
    statusText,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    unitName: d.unitName,
    applicantName: d.applicantName,
    receivedAt: at(d.receivedAt),
    dueAt: at(d.dueAt),
    resultReadyAt: at(d.resultReadyAt),
    finishedAt: at(d.finishedAt),
    isOverdue: d.isOverdue,
    timing: d.timing,
    timeline: d.timeline.map((e) => ({ at: formatInstant(e.at), action: e.action, status: e.status })),
  }
}


/** Registers the desk's API. */
export function registerDossierApi(app: App, deps: FeatureDeps & DossierDeps): void {
  app.post(
    '/api/v1/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Receive a dossier at a unit’s desk: complete → code, PIN and due instant; incomplete → needs_supplement with what is missing',
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            procedureCode: Type.String({ maxLength: 40 }),
            unitCode: Type.String({ maxLength: 40 }),
            applicant: Type.Object(
              {
                fullName: Type.String({ maxLength: 120 }),
                idNumber: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
                phone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
                email: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
                address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
              },
              { additionalProperties: false },
            ),
            documents: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 50 }),
            channel: Type.Optional(Type.Enum(CHANNELS)),
            receivedAt: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: DossierBody, ...errors },
      },
    },
    async (req, reply) => {
      const principal = requirePrincipal(req.principal)
      const dossier = await service.receiveDossier(deps, principal, req.body)
      return reply.code(201).send(presentDossier(dossier, principal))
    },
  )

  app.get(
    '/api/v1/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Dossiers of the units you may see, newest first',
        security: [{ bearer: [] }],
        querystring: Type.Object({
          unit: Type.Optional(Type.String({ maxLength: 40 })),
          status: Type.Optional(Type.String({ maxLength: 200 })),
          overdue: Type.Optional(Type.Enum(['true', 'false'])),
          dueSoon: Type.Optional(Type.Enum(['true', 'false'])),
          mine: Type.Optional(Type.Enum(['true', 'false'])),
          q: Type.Optional(Type.String({ maxLength: 60 })),
          from: Type.Optional(Type.String({ maxLength: 40 })),
          to: Type.Optional(Type.String({ maxLength: 40 })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: { 200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), dossiers: Type.Array(DossierSummary) }), ...errors },
      },
    },
    async (req) => {
      const q = req.query
      const result = await service.listDossiers(deps, requirePrincipal(req.principal), { ...q, unitCode: q.unit })
      const now = deps.clock.now()
      return { total: result.total, page: result.page, pageSize: result.pageSize, dossiers: result.dossiers.map((d) => presentSummary(d, now)) }
    },
  )

  const FigureRowBody = Type.Object({
    key: Type.String(),
    label: Type.String(),
    received: Type.Integer(),
    returned: Type.Integer(),
    early: Type.Integer(),
    onTime: Type.Integer(),
    late: Type.Integer(),
    refused: Type.Integer(),
    stopped: Type.Integer(),
    open: Type.Integer(),
    overdue: Type.Integer(),
    onTimeRate: Type.Union([Type.Number(), Type.Null()]),
  })
  app.get(
    '/api/v1/dossiers/figures',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'On-time figures for a period (whole days, Vietnam time) per unit, procedure or official',
        security: [{ bearer: [] }],
        querystring: Type.Object({
          unit: Type.Optional(Type.String({ maxLength: 40 })),
          from: Type.Optional(Type.String({ maxLength: 10 })),
          to: Type.Optional(Type.String({ maxLength: 10 })),
          by: Type.Optional(Type.Enum(FIGURE_GROUPS)),
        }),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            by: Type.String(),
            unitCode: Type.Union([Type.String(), Type.Null()]),
            rows: Type.Array(FigureRowBody),
            total: FigureRowBody,
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const figures = await onTimeFigures(deps, requirePrincipal(req.principal), { ...req.query, unitCode: req.query.unit })
      return { ...figures, rows: [...figures.rows] }
    },
  )

  app.get(
    '/api/v1/dossiers/:ref',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'One dossier by code (or internal id for one not yet complete)',
        security: [{ bearer: [] }],
        params: Type.Object({ ref: Type.String({ maxLength: 60 }) }),
        response: { 200: DossierBody, ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req.principal)
      return presentDossier(await service.getDossier(deps, principal, req.params.ref), principal)
    },
  )

  app.get(
    '/api/v1/dossiers/:ref/history',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'The dossier’s history: every action with actor and time (the control sheet’s hand-overs)',
        security: [{ bearer: [] }],
        params: Type.Object({ ref: Type.String({ maxLength: 60 }) }),
        response: {
          200: Type.Array(
            Type.Object({
              at: Type.String(),
              actor: Type.String(),
              action: Type.String(),
              fromStatus: Nullable(Type.String()),
              toStatus: Type.String(),
              toStaff: Nullable(Type.String()),
              toUnit: Nullable(Type.String()),
              step: Nullable(Type.String()),
              note: Nullable(Type.String()),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req) =>
      (await service.getDossierHistory(deps, requirePrincipal(req.principal), req.params.ref)).map((e) => ({
        at: formatInstant(e.at),
        actor: e.actorLabel,
        action: e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        toStaff: e.toStaffName,
        toUnit: e.toUnitName,
        step: e.stepName,
        note: e.note,
      })),
  )

  app.post(
    '/api/v1/dossiers/:ref/actions',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Take an action: 409 when not allowed in the current state, 422 when a field it needs is missing or invalid',
        security: [{ bearer: [] }],
        params: Type.Object({ ref: Type.String({ maxLength: 60 }) }),
        body: Type.Object(
          {
            action: Type.Enum(DOSSIER_ACTIONS),
            documents: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { maxItems: 50 })),
            reason: Type.Optional(Type.String({ maxLength: 2000 })),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
            toUsername: Type.Optional(Type.String({ maxLength: 60 })),
            toUnitCode: Type.Optional(Type.String({ maxLength: 40 })),
            newDueAt: Type.Optional(Type.String({ maxLength: 40 })),
            method: Type.Optional(Type.Enum(RETURN_METHODS)),
            receivedAt: Type.Optional(Type.String({ maxLength: 40 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: DossierBody, ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req.principal)
      return presentDossier(await service.actOnDossier(deps, principal, req.params.ref, req.body), principal)
    },
  )

  app.get(
    '/api/v1/public/dossiers/:code',
    {
      schema: {
        tags: ['public'],
        summary: 'Follow a dossier by code and PIN (public). Unknown code and wrong PIN give the same 404; repeated wrong tries get 429.',
        params: Type.Object({ code: Type.String({ maxLength: 60 }) }),
        querystring: Type.Object({ pin: Type.Optional(Type.String({ maxLength: 12 })) }),
        response: {
          200: Type.Object({
            code: Type.String(),
            status: Type.Enum(DOSSIER_STATUSES),
            statusText: Type.String(),
            procedureCode: Type.String(),
            procedureName: Type.String(),
            unitName: Type.String(),
            applicantName: Type.String(),
            receivedAt: Instant,
            dueAt: Instant,
            resultReadyAt: Instant,
            finishedAt: Instant,
            isOverdue: Type.Boolean(),
            timing: Nullable(Type.String()),
            timeline: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), status: Type.String() })),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const dossier = await service.lookupDossier(deps, req.params.code, req.query.pin ?? '', req.ip)
      // Personal data (even masked) must not sit in shared caches.
      reply.header('cache-control', 'private, no-store')
      return presentPublic(dossier, req.t(`dossiers.status.${dossier.status}`))
    },
  )
}
