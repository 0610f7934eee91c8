/** TypeBox schemas of the units API: one source for validation, types and OpenAPI. */
import {  } from '../../platform/http/api.ts'
import { Type } from 'typebox'
import { ROLES, UNIT_LEVELS } from './unit.ts'

/** A unit as the public API lists it. */
export const PublicUnit = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Enum(UNIT_LEVELS),
  parentCode: Type.Union([Type.String(), Type.Null()]),
})

/** A staff member as the admin API shows them. */
export const StaffBody = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  fullName: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  unitId: Type.Integer(),
  unitName: Type.String(),
  isDisabled: Type.Boolean(),
  grants: Type.Array(Type.Object({ role: Type.String(), unitId: Type.Integer(), unitName: Type.String() })),
})

/** Body of POST /api/v1/units. */
export const CreateUnitBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    nameEn: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    level: Type.String(),
    parentCode: Type.String({ minLength: 1 }),
    agencyCode: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  },
  { additionalProperties: false },
)

/** Body of POST /api/v1/staff. */
export const CreateStaffBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 40 }),
    fullName: Type.String({ minLength: 1, maxLength: 120 }),
    title: Type.Optional(Type.Union([Type.String({ maxLength: 120 }), Type.Null()])),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    unitCode: Type.String({ minLength: 1 }),
    password: Type.Optional(Type.String({ maxLength: 200 })),
    roles: Type.Optional(Type.Array(Type.Enum(ROLES))),
  },
  { additionalProperties: false },
)

/** Body of grant and revoke calls. */
export const GrantBody = Type.Object(
  { role: Type.Enum(ROLES), unitCode: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
)
