/**
 * HTML routes of the surveys: the builder under /admin/khao-sat (leaders and administrators of
 * the owner unit), the results and their CSV export, and the public answer page /khao-sat/:id
 * with its thank-you page. Handlers stay thin: read the form, call one use case, then redirect
 * (PRG) or re-render the form with its errors and what was typed. Everything works without
 * JavaScript; the captcha's script only saves the resident the question in words.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, FeatureDeps } from '../../app.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import type { Captcha } from '../../platform/captcha/captcha.ts'
import { CAPTCHA_FIELDS } from '../../platform/captcha/captcha.ts'
import { ConflictError, NotFoundError, UnauthorizedError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { formBody, formErrorsOf, formList, formText, NO_ERRORS } from '../../views/forms.ts'
import type { FormErrors } from '../../views/forms.ts'
import { createPageSupport, sendPage, signInHref } from '../../views/page.ts'
import type { PageSupport } from '../../views/page.ts'
import { formatInstant } from '../calendar/index.ts'
import * as units from '../units/index.ts'
import { surveyCsv } from './survey.csv.ts'
import * as service from './survey.service.ts'
import { BUILDER_ROLES } from './survey.service.ts'
import type { SurveyDeps } from './survey.service.ts'
import { answerField, questionsOf } from './survey.ts'
import type { Survey } from './survey.ts'
import { detailsValuesOf, NewSurveyPage, SURVEY_ADMIN_PATH, surveyAdminHref, SurveyBuilderPage, SurveyListPage } from './views/survey-admin.tsx'
import type { BuilderFailure, QuestionFormValues, SectionFormValues, SurveyDetailsValues } from './views/survey-admin.tsx'
import { SurveyAlreadyAnsweredPage, SurveyAnswerPage, SurveyNotOpenPage, SurveyThanksPage } from './views/survey-public.tsx'
import type { ResponseFormValues } from './views/survey-public.tsx'
import { SurveyResultsPage } from './views/survey-results.tsx'

/** Parses a numeric route parameter; anything else is a 404, as for an unknown record. */
function idParam(value: string): number {
  if (!/^\d{1,12}$/.test(value)) throw new NotFoundError()
  return Number(value)
}

/** One text value of a query parameter. */
function queryText(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

/** An instant as a datetime-local input's value, in Vietnam time ("2026-03-01T08:00"). */
function localInputValue(date: Date | null): string {
  return date === null ? '' : formatInstant(date).slice(0, 16)
}

/** The details form as typed. */
function readDetails(body: unknown): SurveyDetailsValues {
  const form = formBody(body)
  return {
    ownerUnitCode: formText(form, 'ownerUnitCode'),
    title: formText(form, 'title'),
    description: formText(form, 'description'),
    opensAt: formText(form, 'opensAt'),
    closesAt: formText(form, 'closesAt'),
    unitCodes: formList(form, 'unitCodes'),
  }
}

/** The same errors under the names of the page's form (a page holds several forms, so names differ). */
function renameFields(errors: FormErrors, names: Readonly<Record<string, string>>): FormErrors {
  const fields: FieldErrors = {}
  for (const [name, key] of Object.entries(errors.fields)) fields[names[name] ?? name] = key
  return { ...errors, fields }
}

/** Registers the survey pages; `deviceIdOf` reads or sets the device cookie (shared with the API). */
export function registerSurveyPages(app: App, deps: FeatureDeps & SurveyDeps & { captcha: Captcha }, deviceIdOf: (req: FastifyRequest, reply: FastifyReply) => string): void {
  const pages: PageSupport = createPageSupport({
    appSecret: deps.config.sessionSecret,
    isSecureCookie: deps.config.isSecureCookie,
    loadHomeUnit: () => units.getHomeUnit(deps),
  })

  /** Sends the visitor to sign in; a signed-in caller without a builder role gets the 403 page. */
  const requireBuilder = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.principal) return reply.redirect(signInHref(req.method === 'GET' ? req.url : null), 303)
    units.requireAnyRole(req.principal, [...BUILDER_ROLES])
  }

  /** The principal of a guarded route. */
  const principalOf = (req: FastifyRequest): Principal => {
    if (!req.principal) throw new UnauthorizedError()
    return req.principal
  }

  // ---------- The builder ----------

  app.get(SURVEY_ADMIN_PATH, { schema: { hide: true }, preHandler: requireBuilder }, async (req, reply) => {
    const surveys = await service.listSurveys(deps, principalOf(req))
    return sendPage(reply, <SurveyListPage ctx={await pages.context(req, reply)} surveys={surveys} />)
  })

  const renderNew = async (req: FastifyRequest, reply: FastifyReply, values: SurveyDetailsValues, errors: FormErrors, status = 200) => {
    const builderUnits = await service.builderUnits(deps, principalOf(req))
    return sendPage(reply, <NewSurveyPage ctx={await pages.context(req, reply)} units={builderUnits} values={values} errors={errors} />, status)
  }

  app.get(`${SURVEY_ADMIN_PATH}/moi`, { schema: { hide: true }, preHandler: requireBuilder }, async (req, reply) => {
    const principal = principalOf(req)
    const [home] = units.scopeRoots(principal, [...BUILDER_ROLES])
    const owner = home ? ((await service.builderUnits(deps, principal)).find((u) => u.path === home.path)?.code ?? '') : ''
    return renderNew(req, reply, { ownerUnitCode: owner, title: '', description: '', opensAt: '', closesAt: '', unitCodes: [] }, NO_ERRORS)
  })

  app.post(SURVEY_ADMIN_PATH, { schema: { hide: true }, preHandler: requireBuilder }, async (req, reply) => {
    const values = readDetails(req.body)
    try {
      const survey = await service.createSurvey(deps, principalOf(req), values)
      pages.flash(reply, { kind: 'success', key: 'ratings.survey.flash.created', params: { title: survey.title } })
      return reply.redirect(surveyAdminHref(survey.id), 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderNew(req, reply, values, failure.errors, failure.status)
    }
  })

  const renderBuilder = async (req: FastifyRequest, reply: FastifyReply, survey: Survey, failure: BuilderFailure | null, status = 200) => {
    // Covered units are chosen within the owner unit's subtree.
    const ownerUnits = (await service.builderUnits(deps, principalOf(req))).filter((u) => u.path.startsWith(survey.ownerUnit.path))
    return sendPage(
      reply,
      <SurveyBuilderPage
        ctx={await pages.context(req, reply)}
        survey={survey}
        units={ownerUnits}
        details={detailsValuesOf(survey, localInputValue)}
        failure={failure}
        now={deps.clock.now()}
      />,
      status,
    )
  }

  /** Runs a builder change; on a form error re-renders the survey's page with it, else redirects with a flash. */
  const builderAction = async (
    req: FastifyRequest,
    reply: FastifyReply,
    change: () => Promise<Survey>,
    onFailure: (errors: FormErrors) => BuilderFailure,
    flashKey: string,
    anchor = '',
  ) => {
    const surveyId = idParam((req.params as { id: string }).id)
    try {
      const survey = await change()
      pages.flash(reply, { kind: 'success', key: flashKey, params: { title: survey.title } })
      return reply.redirect(`${surveyAdminHref(surveyId)}${anchor}`, 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      const survey = await service.getSurvey(deps, principalOf(req), surveyId)
      return renderBuilder(req, reply, survey, onFailure(failure.errors), failure.status)
    }
  }

  app.get<{ Params: { id: string } }>(`${SURVEY_ADMIN_PATH}/:id`, { schema: { hide: true }, preHandler: requireBuilder }, async (req, reply) => {
    const survey = await service.getSurvey(deps, principalOf(req), idParam(req.params.id))
    return renderBuilder(req, reply, survey, null)
  })

  app.post<{ Params: { id: string } }>(`${SURVEY_ADMIN_PATH}/:id`, { schema: { hide: true }, preHandler: requireBuilder }, async (req, reply) => {
    const values = readDetails(req.body)
    return builderAction(
      req,
      reply,
      () => service.updateSurvey(deps, principalOf(req), idParam(req.params.id), values),
      (errors) => ({ form: 'details', values, errors }),
      'ratings.survey.flash.updated',
    )
  })

  app.post<{ Params: { id: string } }>(`${SURVEY_ADMIN_PATH}/:id/phan`, { schema: { hide: true }, preHandler: requireBuilder }, async (req, reply) => {
    const form = formBody(req.body)
    const values: SectionFormValues = { sectionTitle: formText(form, 'sectionTitle'), factor: formText(form, 'factor') }
    return builderAction(
      req,
      reply,
      () => service.addSection(deps, principalOf(req), idParam(req.params.id), { title: values.sectionTitle, factor: values.factor }),
      (errors) => ({ form: 'section', values, errors: renameFields(errors, { title: 'sectionTitle' }) }),
      'ratings.survey.flash.sectionAdded',
      '#cau-hoi',
    )
  })

  app.post<{ Params: { id: string; sectionId: string } }>(`${SURVEY_ADMIN_PATH}/:id/phan/:sectionId/xoa`, { schema: { hide: true }, preHandler: requireBuilder }, async (req, reply) =>
    builderAction(
      req,
      reply,
      () => service.removeSection(deps, principalOf(req), idParam(req.params.id), idParam(req.params.sectionId)),
      (errors) => ({ form: 'status', errors }),
      'ratings.survey.flash.sectionRemoved',
      '#cau-hoi',
    ),
  )

  app.post<{ Params: { id: string } }>(`${SURVEY_ADMIN_PATH}/:id/cau-hoi`, { schema: { hide: true }, preHandler: requireBuilder }, async (req, reply) => {
    const form = formBody(req.body)
    const values: QuestionFormValues = {
      sectionId: formText(form, 'sectionId'),
      kind: formText(form, 'kind'),
      questionText: formText(form, 'questionText'),
      options: formText(form, 'options'),
      isRequired: formText(form, 'isRequired') === 'on',
    }
    const sectionId = /^\d{1,12}$/.test(values.sectionId) ? Number(values.sectionId) : 0
    return builderAction(
      req,
      reply,
      () => service.addQuestion(deps, principalOf(req), idParam(req.params.id), sectionId, { kind: values.kind, text: values.questionText, options: values.options, isRequired: values.isRequired }),
      (errors) => ({ form: 'question', values, errors: renameFields(errors, { text: 'questionText' }) }),
      'ratings.survey.flash.questionAdded',
      '#them-cau-hoi',
    )
  })

  for (const [path, change, flashKey] of [
    ['xoa', (by: Principal, id: number, qid: number) => service.removeQuestion(deps, by, id, qid), 'ratings.survey.flash.questionRemoved'],
    ['len', (by: Principal, id: number, qid: number) => service.moveQuestion(deps, by, id, qid, 'up'), 'ratings.survey.flash.questionMoved'],
    ['xuong', (by: Principal, id: number, qid: number) => service.moveQuestion(deps, by, id, qid, 'down'), 'ratings.survey.flash.questionMoved'],
  ] as const) {
    app.post<{ Params: { id: string; questionId: string } }>(`${SURVEY_ADMIN_PATH}/:id/cau-hoi/:questionId/${path}`, { schema: { hide: true }, preHandler: requireBuilder }, async (req, reply) =>
      builderAction(
        req,
        reply,
        () => change(principalOf(req), idParam(req.params.id), idParam(req.params.questionId)),
        (errors) => ({ form: 'status', errors }),
        flashKey,
        '#cau-hoi',
      ),
    )
  }

  app.post<{ Params: { id: string } }>(`${SURVEY_ADMIN_PATH}/:id/mo`, { schema: { hide: true }, preHandler: requireBuilder }, async (req, reply) =>
    builderAction(
      req,
      reply,
      () => service.openSurvey(deps, principalOf(req), idParam(req.params.id)),
      (errors) => ({ form: 'status', errors }),
      'ratings.survey.flash.opened',
    ),
  )

  app.post<{ Params: { id: string } }>(`${SURVEY_ADMIN_PATH}/:id/dong`, { schema: { hide: true }, preHandler: requireBuilder }, async (req, reply) =>
    builderAction(
      req,
      reply,
      () => service.closeSurvey(deps, principalOf(req), idParam(req.params.id)),
      (errors) => ({ form: 'status', errors }),
      'ratings.survey.flash.closed',
    ),
  )

  // ---------- Results ----------

  app.get<{ Params: { id: string }; Querystring: { unit?: string } }>(`${SURVEY_ADMIN_PATH}/:id/ket-qua`, { schema: { hide: true }, preHandler: requireBuilder }, async (req, reply) => {
    const view = await service.getSurveyResults(deps, principalOf(req), idParam(req.params.id), queryText(req.query.unit))
    return sendPage(reply, <SurveyResultsPage ctx={await pages.context(req, reply)} view={view} />)
  })

  app.get<{ Params: { id: string }; Querystring: { unit?: string } }>(`${SURVEY_ADMIN_PATH}/:id/ket-qua.csv`, { schema: { hide: true }, preHandler: requireBuilder }, async (req, reply) => {
    const { survey, unit, responses } = await service.getSurveyResponses(deps, principalOf(req), idParam(req.params.id), queryText(req.query.unit))
    const name = `khao-sat-${survey.id}${unit ? `-${unit.code}` : ''}.csv`
    return reply
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(surveyCsv(survey, responses, req.t))
  })

  // ---------- The public answer page ----------

  const renderAnswer = async (req: FastifyRequest, reply: FastifyReply, survey: Survey, values: ResponseFormValues, errors: FormErrors, status = 200) =>
    sendPage(reply, <SurveyAnswerPage ctx={await pages.context(req, reply)} survey={survey} values={values} errors={errors} challenge={deps.captcha.issue(deps.clock.now())} />, status, {
      // The page carries a one-use captcha: a cached copy would only offer a spent one.
      isPrivate: true,
    })

  app.get<{ Params: { id: string }; Querystring: { unit?: string } }>('/khao-sat/:id', { schema: { hide: true } }, async (req, reply) => {
    const survey = await service.getPublicSurvey(deps, idParam(req.params.id))
    if (!service.isOpenNow(deps, survey)) return sendPage(reply, <SurveyNotOpenPage ctx={await pages.context(req, reply)} survey={survey} now={deps.clock.now()} />)
    if (await service.hasAnswered(deps, survey.id, deviceIdOf(req, reply))) {
      return sendPage(reply, <SurveyAlreadyAnsweredPage ctx={await pages.context(req, reply)} survey={survey} />)
    }
    const unitCode = queryText(req.query.unit)
    const unit = survey.units.find((u) => u.code === unitCode)?.code ?? ''
    return renderAnswer(req, reply, survey, { unit, answers: {} }, NO_ERRORS)
  })

  app.post<{ Params: { id: string } }>('/khao-sat/:id', { schema: { hide: true } }, async (req, reply) => {
    const survey = await service.getPublicSurvey(deps, idParam(req.params.id))
    const form = formBody(req.body)
    const typed: Record<string, string[]> = {}
    const answers: Record<string, unknown> = {}
    for (const question of questionsOf(survey)) {
      const list = formList(form, answerField(question.id))
      typed[String(question.id)] = list
      answers[String(question.id)] = question.kind === 'multiple' ? list : list[0]
    }
    const values: ResponseFormValues = { unit: formText(form, 'unit'), answers: typed }
    try {
      await service.submitResponse(deps, {
        surveyId: survey.id,
        unitCode: values.unit,
        deviceId: deviceIdOf(req, reply),
        answers,
        captcha: { token: formText(form, CAPTCHA_FIELDS.token), nonce: formText(form, CAPTCHA_FIELDS.nonce), answer: formText(form, CAPTCHA_FIELDS.answer) },
        clientAddress: req.ip,
      })
      return reply.redirect(`/khao-sat/${survey.id}/cam-on`, 303)
    } catch (error) {
      if (error instanceof ConflictError && error.messageKey === 'ratings.survey.errors.alreadyAnswered') {
        return sendPage(reply, <SurveyAlreadyAnsweredPage ctx={await pages.context(req, reply)} survey={survey} />, 409)
      }
      if (error instanceof ConflictError && error.messageKey === 'ratings.survey.errors.notOpen') {
        return sendPage(reply, <SurveyNotOpenPage ctx={await pages.context(req, reply)} survey={survey} now={deps.clock.now()} />, 409)
      }
      const failure = formErrorsOf(error)
      if (!failure || failure.status !== 422) throw error
      return renderAnswer(req, reply, survey, values, failure.errors, 422)
    }
  })

  app.get<{ Params: { id: string } }>('/khao-sat/:id/cam-on', { schema: { hide: true } }, async (req, reply) => {
    const survey = await service.getPublicSurvey(deps, idParam(req.params.id))
    return sendPage(reply, <SurveyThanksPage ctx={await pages.context(req, reply)} survey={survey} />)
  })
}
