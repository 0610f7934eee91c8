/** JSON routes of corrective actions: cases for leaders and officials, and the rules for administrators. */
import { ErrorBody, requirePrincipal } from '../../platform/http/api.ts'
import { Type } from 'typebox'
import type { App, FeatureDeps } from '../../app.ts'
import { formatInstant } from '../calendar/index.ts'
import * as service from './corrective.service.ts'
import type { CorrectiveCase, CorrectiveDeps } from './corrective.service.ts'
import { CASE_ACTIONS, CASE_STATUSES, RULE_NAMES } from './corrective.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody }
const Nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()])

const CaseBody = Type.Object({
  id: Type.Integer(),
  official: Type.Object({ username: Type.String(), fullName: Type.String() }),
  unitCode: Type.String(),
  unitName: Type.String(),
  rule: Type.Enum(RULE_NAMES),
  period: Type.String(),
  evidence: Type.Object({ summary: Type.Record(Type.String(), Type.Number()), items: Type.Array(Type.String()) }),
  status: Type.Enum(CASE_STATUSES),
  action: Nullable(Type.String()),
  actionNote: Nullable(Type.String()),
  followUpOn: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  createdAt: Type.String(),
  closedAt: Nullable(Type.String()),
})

const RulesBody = Type.Object(
  {
    notSatisfied: Type.Object({ isEnabled: Type.Boolean(), minRatings: Type.Integer({ minimum: 1 }), minShare: Type.Number({ exclusiveMinimum: 0, maximum: 1 }) }, { additionalProperties: false }),
    lateDossiers: Type.Object({ isEnabled: Type.Boolean(), minLate: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
    upheldLetters: Type.Object({ isEnabled: Type.Boolean(), minLetters: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
)

/** The API shape of a case. */
function presentCase(c: CorrectiveCase) {
  return {
    id: c.id,
    official: { username: c.officialUsername, fullName: c.officialName },
    unitCode: c.unitCode,
    unitName: c.unitName,
    rule: c.rule,
    period: c.period,
    evidence: { summary: { ...c.evidence.summary }, items: [...c.evidence.items] },
    status: c.status,
    action: c.action,
    actionNote: c.actionNote,
    followUpOn: c.followUpOn,
    decidedBy: c.decidedBy,
    createdAt: formatInstant(c.createdAt),
    closedAt: c.closedAt ? formatInstant(c.closedAt) : null,
  }
}


/** Registers the corrective-action API. */
export function registerCorrectiveApi(app: App, deps: FeatureDeps & CorrectiveDeps): void {
  app.get(
    '/api/v1/ratings/cases',
    {
      schema: {
        tags: ['ratings'],
        summary: "Corrective-action cases: a leader's units' cases, and your own",
        security: [{ bearer: [] }],
        querystring: Type.Object({ status: Type.Optional(Type.Enum(CASE_STATUSES)), official: Type.Optional(Type.String({ maxLength: 60 })) }),
        response: { 200: Type.Array(CaseBody), ...errors },
      },
    },
    async (req) => (await service.listCases(deps, requirePrincipal(req.principal), req.query)).map(presentCase),
  )

  app.get(
    '/api/v1/ratings/cases/:id',
    {
      schema: { tags: ['ratings'], summary: 'One case with its evidence', security: [{ bearer: [] }], params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: { 200: CaseBody, ...errors } },
    },
    async (req) => presentCase(await service.getCase(deps, requirePrincipal(req.principal), req.params.id)),
  )

  app.post(
    '/api/v1/ratings/cases/:id/action',
    {
      schema: {
        tags: ['ratings'],
        summary: 'Record what the leader did: a reminder, a correction, or no action with a reason; and the follow-up date',
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object(
          { action: Type.Enum(CASE_ACTIONS), note: Type.Optional(Type.String({ maxLength: 2000 })), followUpOn: Type.String({ maxLength: 10 }) },
          { additionalProperties: false },
        ),
        response: { 200: CaseBody, ...errors },
      },
    },
    async (req) => presentCase(await service.recordCaseAction(deps, requirePrincipal(req.principal), req.params.id, req.body)),
  )

  app.get(
    '/api/v1/ratings/rules',
    { schema: { tags: ['ratings'], summary: 'The corrective-action rules in force (public: what officials are held to)', response: { 200: RulesBody } } },
    async () => service.getCorrectiveRules(deps),
  )

  app.put(
    '/api/v1/ratings/rules',
    {
      schema: { tags: ['ratings'], summary: 'Replace the corrective-action rules (administrator of the home unit; audited)', security: [{ bearer: [] }], body: RulesBody, response: { 200: RulesBody, ...errors } },
    },
    async (req) => service.setCorrectiveRules(deps, requirePrincipal(req.principal), req.body),
  )
}
