/** JSON routes of units and staff under /api/v1. */
import { ErrorBody, requirePrincipal } from '../../platform/http/api.ts'
import { Type } from 'typebox'
import type { App, FeatureDeps } from '../../app.ts'
import * as service from './unit.service.ts'
import type { Staff } from './unit.ts'
import { CreateStaffBody, CreateUnitBody, GrantBody, PublicUnit, StaffBody } from './unit.schemas.ts'


/** The API shape of a staff member. */
function presentStaff(staff: Staff) {
  return {
    id: staff.id,
    username: staff.username,
    fullName: staff.fullName,
    title: staff.title,
    email: staff.email,
    phone: staff.phone,
    unitId: staff.unitId,
    unitName: staff.unitName,
    isDisabled: staff.isDisabled,
    grants: staff.grants.map((g) => ({ role: g.role, unitId: g.unitId, unitName: g.unitName })),
  }
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody }
const StaffIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })

/** Registers the units and staff API. */
export function registerUnitApi(app: App, deps: FeatureDeps): void {
  app.get(
    '/api/v1/units',
    { schema: { tags: ['units'], summary: 'Every active administrative unit (public)', response: { 200: Type.Array(PublicUnit) } } },
    () => service.listPublicUnits(deps),
  )

  app.post(
    '/api/v1/units',
    { schema: { tags: ['units'], summary: 'Create a unit under one you administer', security: [{ bearer: [] }], body: CreateUnitBody, response: { 201: PublicUnit, ...errors } } },
    async (req, reply) => {
      const unit = await service.createUnit(deps, requirePrincipal(req.principal), req.body)
      return reply.code(201).send({ code: unit.code, name: unit.name, level: unit.level, parentCode: unit.parentCode })
    },
  )

  app.get(
    '/api/v1/staff',
    { schema: { tags: ['staff'], summary: 'Staff of the units you administer', security: [{ bearer: [] }], response: { 200: Type.Array(StaffBody), ...errors } } },
    async (req) => (await service.listStaff(deps, requirePrincipal(req.principal))).map(presentStaff),
  )

  app.post(
    '/api/v1/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'Create a staff account; the password is returned once when generated',
        security: [{ bearer: [] }],
        body: CreateStaffBody,
        response: { 201: Type.Object({ staff: StaffBody, password: Type.Optional(Type.String()) }), ...errors },
      },
    },
    async (req, reply) => {
      const { staff, password } = await service.createStaff(deps, requirePrincipal(req.principal), req.body)
      return reply.code(201).send({ staff: presentStaff(staff), ...(req.body.password ? {} : { password }) })
    },
  )

  app.post(
    '/api/v1/staff/:id/disable',
    { schema: { tags: ['staff'], summary: 'Disable an account', security: [{ bearer: [] }], params: StaffIdParams, response: { 200: StaffBody, ...errors } } },
    async (req) => presentStaff(await service.setStaffDisabled(deps, requirePrincipal(req.principal), req.params.id, true)),
  )

  app.post(
    '/api/v1/staff/:id/enable',
    { schema: { tags: ['staff'], summary: 'Re-enable an account', security: [{ bearer: [] }], params: StaffIdParams, response: { 200: StaffBody, ...errors } } },
    async (req) => presentStaff(await service.setStaffDisabled(deps, requirePrincipal(req.principal), req.params.id, false)),
  )

  app.post(
    '/api/v1/staff/:id/grants',
    { schema: { tags: ['staff'], summary: 'Grant a role on a unit', security: [{ bearer: [] }], params: StaffIdParams, body: GrantBody, response: { 200: StaffBody, ...errors } } },
    async (req) => presentStaff(await service.grantRole(deps, requirePrincipal(req.principal), req.params.id, req.body.role, req.body.unitCode)),
  )

  app.delete(
    '/api/v1/staff/:id/grants',
    { schema: { tags: ['staff'], summary: 'Revoke a role on a unit', security: [{ bearer: [] }], params: StaffIdParams, body: GrantBody, response: { 200: StaffBody, ...errors } } },
    async (req) => presentStaff(await service.revokeRole(deps, requirePrincipal(req.principal), req.params.id, req.body.role, req.body.unitCode)),
  )
}
