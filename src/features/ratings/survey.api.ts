/**
 * JSON routes of the surveys: building and reading them for leaders and administrators
 * (/api/v1/surveys), and the public side (/api/v1/public/surveys): a survey with a fresh captcha
 * challenge, and the anonymous response.
 */
import { ErrorBody, requirePrincipal } from '../../platform/http/api.ts'
import { Type } from 'typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, FeatureDeps } from '../../app.ts'
import type { Captcha } from '../../platform/captcha/captcha.ts'
import { questionText } from '../../platform/captcha/captcha.ts'
import { NotFoundError } from '../../platform/http/errors.ts'
import { formatInstant } from '../calendar/index.ts'
import * as service from './survey.service.ts'
import type { SurveyDeps } from './survey.service.ts'
import { QUESTION_KINDS, SIPAS_FACTORS, SURVEY_STATUSES } from './survey.ts'
import type { Survey } from './survey.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody }
const NullableString = Type.Union([Type.String(), Type.Null()])
const NullableNumber = Type.Union([Type.Number(), Type.Null()])
const Id = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,12}$' }) })
const UnitBody = Type.Object({ code: Type.String(), name: Type.String() })

const QuestionBody = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum(QUESTION_KINDS),
  text: Type.String(),
  options: Type.Array(Type.String()),
  isRequired: Type.Boolean(),
})
const SectionBody = Type.Object({ id: Type.Integer(), title: Type.String(), factor: Type.Union([Type.Enum(SIPAS_FACTORS), Type.Null()]), questions: Type.Array(QuestionBody) })
const SurveyBody = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  description: NullableString,
  status: Type.Enum(SURVEY_STATUSES),
  opensAt: NullableString,
  closesAt: NullableString,
  ownerUnit: UnitBody,
  units: Type.Array(UnitBody),
  sections: Type.Array(SectionBody),
})
const ChallengeBody = Type.Object({
  token: Type.String(),
  salt: Type.String(),
  difficultyBits: Type.Integer(),
  expiresAt: Type.String(),
  question: Type.String({ description: 'The fallback question in words, in the request language' }),
})

/** A survey as the API shows it. */
function presentSurvey(survey: Survey) {
  const unit = (u: { code: string; name: string }) => ({ code: u.code, name: u.name })
  return {
    id: survey.id,
    title: survey.title,
    description: survey.description,
    status: survey.status,
    opensAt: survey.opensAt ? formatInstant(survey.opensAt) : null,
    closesAt: survey.closesAt ? formatInstant(survey.closesAt) : null,
    ownerUnit: unit(survey.ownerUnit),
    units: survey.units.map(unit),
    sections: survey.sections.map((s) => ({
      id: s.id,
      title: s.title,
      factor: s.factor,
      questions: s.questions.map((q) => ({ id: q.id, kind: q.kind, text: q.text, options: [...q.options], isRequired: q.isRequired })),
    })),
  }
}


/** Registers the survey API; `deviceIdOf` reads or sets the device cookie (shared with the pages). */
export function registerSurveyApi(app: App, deps: FeatureDeps & SurveyDeps & { captcha: Captcha }, deviceIdOf: (req: FastifyRequest, reply: FastifyReply) => string): void {
  app.get(
    '/api/v1/surveys',
    {
      schema: {
        tags: ['ratings'],
        summary: 'Surveys owned by the caller’s units or below (leaders and administrators)',
        security: [{ bearer: [] }],
        response: {
          200: Type.Array(
            Type.Object({ id: Type.Integer(), title: Type.String(), status: Type.Enum(SURVEY_STATUSES), opensAt: NullableString, closesAt: NullableString, ownerUnit: UnitBody, responses: Type.Integer() }),
          ),
          ...errors,
        },
      },
    },
    async (req) => {
      const surveys = await service.listSurveys(deps, requirePrincipal(req.principal))
      return surveys.map((s) => ({
        id: s.id,
        title: s.title,
        status: s.status,
        opensAt: s.opensAt ? formatInstant(s.opensAt) : null,
        closesAt: s.closesAt ? formatInstant(s.closesAt) : null,
        ownerUnit: { code: s.ownerUnit.code, name: s.ownerUnit.name },
        responses: s.responses,
      }))
    },
  )

  app.post(
    '/api/v1/surveys',
    {
      schema: {
        tags: ['ratings'],
        summary: 'Create a draft survey, with its sections and questions (leaders and administrators of the owner unit)',
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            title: Type.String({ maxLength: 200 }),
            description: Type.Optional(NullableString),
            opensAt: Type.Optional(Type.Union([Type.String({ description: 'ISO-8601; without an offset, Vietnam time' }), Type.Null()])),
            closesAt: Type.Optional(NullableString),
            ownerUnitCode: Type.String({ maxLength: 40 }),
            unitCodes: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 500 }),
            sections: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    title: Type.String({ maxLength: 200 }),
                    factor: Type.Optional(Type.Union([Type.Enum([...SIPAS_FACTORS, 'none']), Type.Null()])),
                    questions: Type.Optional(
                      Type.Array(
                        Type.Object(
                          {
                            kind: Type.Enum(QUESTION_KINDS),
                            text: Type.String({ maxLength: 500 }),
                            options: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
                            isRequired: Type.Optional(Type.Boolean()),
                          },
                          { additionalProperties: false },
                        ),
                        { maxItems: 40 },
                      ),
                    ),
                  },
                  { additionalProperties: false },
                ),
                { maxItems: 20 },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: SurveyBody, ...errors },
      },
    },
    async (req, reply) => {
      const survey = await service.createSurvey(deps, requirePrincipal(req.principal), req.body)
      return reply.code(201).send(presentSurvey(survey))
    },
  )

  app.get(
    '/api/v1/surveys/:id',
    { schema: { tags: ['ratings'], summary: 'One survey, whole (its builders)', security: [{ bearer: [] }], params: Id, response: { 200: SurveyBody, ...errors } } },
    async (req) => presentSurvey(await service.getSurvey(deps, requirePrincipal(req.principal), Number(req.params.id))),
  )

  for (const [action, run] of [
    ['open', service.openSurvey],
    ['close', service.closeSurvey],
  ] as const) {
    app.post(
      `/api/v1/surveys/:id/${action}`,
      {
        schema: {
          tags: ['ratings'],
          summary: action === 'open' ? 'Open a draft for answers (it needs a period, units and questions)' : 'Close an open survey',
          security: [{ bearer: [] }],
          params: Id,
          response: { 200: SurveyBody, ...errors },
        },
      },
      async (req) => presentSurvey(await run(deps, requirePrincipal(req.principal), Number(req.params.id))),
    )
  }

  app.get(
    '/api/v1/surveys/:id/results',
    {
      schema: {
        tags: ['ratings'],
        summary: 'Results per question, per SIPAS factor and overall (SIPAS-style index: share of "satisfied" and "very satisfied"), for all units or one',
        security: [{ bearer: [] }],
        params: Id,
        querystring: Type.Object({ unit: Type.Optional(Type.String({ maxLength: 40 })) }),
        response: {
          200: Type.Object({
            surveyId: Type.Integer(),
            unitCode: NullableString,
            responses: Type.Integer(),
            overallIndex: NullableNumber,
            factors: Type.Array(Type.Object({ factor: Type.Enum(SIPAS_FACTORS), scaleAnswers: Type.Integer(), satisfied: Type.Integer(), index: NullableNumber })),
            questions: Type.Array(
              Type.Object({
                questionId: Type.Integer(),
                kind: Type.Enum(QUESTION_KINDS),
                text: Type.String(),
                answered: Type.Integer(),
                satisfiedShare: NullableNumber,
                choices: Type.Array(Type.Object({ value: Type.Union([Type.Integer(), Type.String()]), count: Type.Integer() })),
                texts: Type.Array(Type.Object({ text: Type.String(), count: Type.Integer() })),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const view = await service.getSurveyResults(deps, requirePrincipal(req.principal), Number(req.params.id), req.query.unit)
      const { results } = view
      return {
        surveyId: view.survey.id,
        unitCode: view.unit?.code ?? null,
        responses: results.responses,
        overallIndex: results.overallIndex,
        factors: results.factors.map((f) => ({ ...f })),
        questions: results.questions.map((q) => ({
          questionId: q.questionId,
          kind: q.kind,
          text: q.text,
          answered: q.answered,
          satisfiedShare: q.satisfiedShare,
          choices: q.choices.map((c) => ({ ...c })),
          texts: q.texts.map((x) => ({ ...x })),
        })),
      }
    },
  )

  app.get(
    '/api/v1/public/surveys/:id',
    {
      schema: {
        tags: ['public'],
        summary: 'A published survey, whether it takes answers now, and a fresh captcha challenge to answer it with',
        params: Id,
        response: { 200: Type.Object({ survey: SurveyBody, isOpen: Type.Boolean(), captcha: ChallengeBody }), ...errors },
      },
    },
    async (req, reply) => {
      const survey = await service.getPublicSurvey(deps, Number(req.params.id))
      const challenge = deps.captcha.issue(deps.clock.now())
      reply.header('cache-control', 'no-store')
      return {
        survey: presentSurvey(survey),
        isOpen: service.isOpenNow(deps, survey),
        captcha: { token: challenge.token, salt: challenge.salt, difficultyBits: challenge.difficultyBits, expiresAt: formatInstant(challenge.expiresAt), question: questionText(challenge.question, req.t) },
      }
    },
  )

  app.post(
    '/api/v1/public/surveys/:id/responses',
    {
      schema: {
        tags: ['public'],
        summary:
          'Answer a survey anonymously, once per device (the congso_device cookie; 409 the second time), with a solved captcha: nonce such that sha256(salt + nonce) has difficultyBits leading zero bits, or the answer to the question in words',
        params: Id,
        body: Type.Object(
          {
            unitCode: Type.String({ maxLength: 40, description: 'The unit the resident was served at, one of the survey’s units' }),
            answers: Type.Record(Type.String({ maxLength: 20 }), Type.Unknown(), {
              description: 'By question id: a level 1–5 (scale), an option (single), a list of options (multiple) or text. Field errors are named q<id>.',
            }),
            captcha: Type.Optional(
              Type.Object(
                { token: Type.Optional(Type.String({ maxLength: 400 })), nonce: Type.Optional(Type.String({ maxLength: 20 })), answer: Type.Optional(Type.String({ maxLength: 40 })) },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ surveyId: Type.Integer(), unitCode: Type.String(), createdAt: Type.String() }), ...errors },
      },
    },
    async (req, reply) => {
      const id = Number(req.params.id)
      if (!Number.isSafeInteger(id)) throw new NotFoundError()
      const created = await service.submitResponse(deps, {
        surveyId: id,
        unitCode: req.body.unitCode,
        deviceId: deviceIdOf(req, reply),
        answers: req.body.answers,
        captcha: req.body.captcha ?? {},
        clientAddress: req.ip,
      })
      return reply.code(201).send({ surveyId: created.surveyId, unitCode: created.unitCode, createdAt: formatInstant(created.createdAt) })
    },
  )
}
