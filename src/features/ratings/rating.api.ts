/** JSON routes of satisfaction: the applicant's evaluation and the leaders' summary. */
import { ErrorBody, requirePrincipal } from '../../platform/http/api.ts'
import { Type } from 'typebox'
import type { App, FeatureDeps } from '../../app.ts'
import { formatInstant } from '../calendar/index.ts'
import * as service from './rating.service.ts'
import type { RatingDeps } from './rating.service.ts'
import { ASKED_INDICATORS, INDICATORS, OVERALL_ANSWERS } from './rating.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody }
const Score = Type.Integer({ minimum: 0, maximum: 2 })

const SummaryRowBody = Type.Object({
  key: Type.String(),
  label: Type.String(),
  unitCode: Type.String(),
  evaluations: Type.Integer(),
  averageScore: Type.Union([Type.Number(), Type.Null()]),
  verySatisfied: Type.Integer(),
  satisfied: Type.Integer(),
  notSatisfied: Type.Integer(),
  kioskRatings: Type.Integer(),
  satisfactionIndex: Type.Union([Type.Number(), Type.Null()]),
  lateDossiers: Type.Integer(),
})


/** Registers the ratings API. */
export function registerRatingApi(app: App, deps: FeatureDeps & RatingDeps): void {
  app.post(
    '/api/v1/public/dossiers/:code/evaluation',
    {
      schema: {
        tags: ['public'],
        summary: 'Evaluate a returned, refused or stopped dossier, once (public, with the PIN). Computed indicators come from the record.',
        params: Type.Object({ code: Type.String({ maxLength: 60 }) }),
        body: Type.Object(
          {
            pin: Type.String({ maxLength: 12 }),
            scores: Type.Record(Type.String(), Score, { description: `Only the asked indicators: ${ASKED_INDICATORS.join(', ')}` }),
            overall: Type.Enum(OVERALL_ANSWERS),
            comment: Type.Optional(Type.String({ maxLength: 2000 })),
            source: Type.Optional(Type.Enum(['lookup', 'qr'])),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            dossierCode: Type.String(),
            scores: Type.Object(Object.fromEntries(INDICATORS.map((k) => [k, Score]))),
            total: Type.Integer(),
            band: Type.String(),
            overall: Type.String(),
            createdAt: Type.String(),
          }),
          ...errors,
        },
      },
      // A resident evaluating from the lookup page posts JSON without a session; nothing to forge.
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const evaluation = await service.evaluateDossier(deps, {
        code: req.params.code,
        pin: req.body.pin,
        clientAddress: req.ip,
        scores: req.body.scores,
        overall: req.body.overall,
        comment: req.body.comment,
        source: req.body.source ?? 'lookup',
      })
      return reply.code(201).send({
        dossierCode: evaluation.dossierCode,
        scores: evaluation.scores,
        total: evaluation.total,
        band: evaluation.band,
        overall: evaluation.overall,
        createdAt: formatInstant(evaluation.createdAt),
      })
    },
  )

  app.get(
    '/api/v1/ratings/summary',
    {
      schema: {
        tags: ['ratings'],
        summary: 'Evaluations, shares of each answer, satisfaction index and late dossiers per official and unit, for a period (leaders of the units)',
        security: [{ bearer: [] }],
        querystring: Type.Object({
          unit: Type.Optional(Type.String({ maxLength: 40 })),
          from: Type.Optional(Type.String({ maxLength: 10 })),
          to: Type.Optional(Type.String({ maxLength: 10 })),
        }),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            unitCode: Type.Union([Type.String(), Type.Null()]),
            officials: Type.Array(SummaryRowBody),
            units: Type.Array(SummaryRowBody),
            total: SummaryRowBody,
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const summary = await service.ratingsSummary(deps, requirePrincipal(req.principal), { ...req.query, unitCode: req.query.unit })
      return { ...summary, officials: [...summary.officials], units: [...summary.units] }
    },
  )
}
