/** TypeBox schemas of the procedures API. */
import { Type } from 'typebox'
import { DOCUMENT_FORMS, PROCEDURE_LEVELS, STEP_ROLES } from './procedure.ts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

/** The time limit as the API shows it. */
export const TimeLimitBody = Type.Union([
  Type.Object({ kind: Type.Literal('days'), days: Type.Integer({ minimum: 1 }) }),
  Type.Object({ kind: Type.Literal('hours'), hours: Type.Integer({ minimum: 1 }) }),
  Type.Object({ kind: Type.Literal('sameDay') }),
])

/** A required document. */
export const DocumentBody = Type.Object({
  name: Type.String({ maxLength: 300 }),
  copies: Type.Integer({ minimum: 0, maximum: 20 }),
  form: Type.Enum(DOCUMENT_FORMS),
  isRequired: Type.Boolean(),
  note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
})

/** A processing step. */
export const StepBody = Type.Object({
  name: Type.String({ maxLength: 200 }),
  role: Type.Enum(STEP_ROLES),
  sharePercent: Type.Integer({ minimum: 0, maximum: 100 }),
})

/** A procedure as read and written through the API. */
export const ProcedureBody = Type.Object(
  {
    code: Type.String({ maxLength: 40 }),
    name: Type.String({ maxLength: 500 }),
    nameEn: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    field: Type.String({ maxLength: 120 }),
    level: Type.Enum(PROCEDURE_LEVELS),
    timeLimit: TimeLimitBody,
    feeVnd: Type.Integer({ minimum: 0 }),
    feeNote: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    resultName: Type.String({ maxLength: 300 }),
    legalBasis: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 30 }),
    isActive: Type.Optional(Type.Boolean()),
    documents: Type.Array(DocumentBody, { maxItems: 40 }),
    steps: Type.Array(StepBody, { maxItems: 12 }),
  },
  { additionalProperties: false },
)
