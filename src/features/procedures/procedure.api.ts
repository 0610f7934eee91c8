/** JSON routes of the procedure catalogue under /api/v1/procedures. */
import { ErrorBody, requirePrincipal } from '../../platform/http/api.ts'
import { Type } from 'typebox'
import type { App, FeatureDeps } from '../../app.ts'
import * as service from './procedure.service.ts'
import type { Procedure } from './procedure.ts'
import { ProcedureBody } from './procedure.schemas.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody }

/** The API shape of a procedure. */
export function presentProcedure(p: Procedure) {
  return {
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    field: p.field,
    level: p.level,
    timeLimit: { ...p.timeLimit },
    feeVnd: p.feeVnd,
    feeNote: p.feeNote,
    resultName: p.resultName,
    legalBasis: [...p.legalBasis],
    isActive: p.isActive,
    documents: p.documents.map((d) => ({ ...d })),
    steps: p.steps.map((s) => ({ ...s })),
  }
}


/** Registers the procedures API. */
export function registerProcedureApi(app: App, deps: FeatureDeps): void {
  app.get(
    '/api/v1/procedures',
    {
      schema: {
        tags: ['procedures'],
        summary: 'The catalogue of active administrative procedures (public)',
        querystring: Type.Object({ field: Type.Optional(Type.String({ maxLength: 120 })) }),
        response: { 200: Type.Array(ProcedureBody) },
      },
    },
    async (req) => (await service.listProcedures(deps, { field: req.query.field })).map(presentProcedure),
  )

  app.get(
    '/api/v1/procedures/:code',
    { schema: { tags: ['procedures'], summary: 'One procedure by its national code (public)', params: Type.Object({ code: Type.String() }), response: { 200: ProcedureBody, ...errors } } },
    async (req) => presentProcedure(await service.getProcedure(deps, req.params.code)),
  )

  app.post(
    '/api/v1/procedures',
    { schema: { tags: ['procedures'], summary: 'Add a procedure (administrator of the root unit; audited)', security: [{ bearer: [] }], body: ProcedureBody, response: { 201: ProcedureBody, ...errors } } },
    async (req, reply) => reply.code(201).send(presentProcedure(await service.createProcedure(deps, requirePrincipal(req.principal), req.body))),
  )

  app.put(
    '/api/v1/procedures/:code',
    {
      schema: {
        tags: ['procedures'],
        summary: "Replace a procedure's details, documents and steps (audited)",
        security: [{ bearer: [] }],
        params: Type.Object({ code: Type.String() }),
        body: ProcedureBody,
        response: { 200: ProcedureBody, ...errors },
      },
    },
    async (req) => presentProcedure(await service.updateProcedure(deps, requirePrincipal(req.principal), req.params.code, req.body)),
  )
}
