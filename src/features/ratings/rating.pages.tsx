/**
 * HTML routes of satisfaction and accountability: the applicant's evaluation of a finished dossier
 * (/tra-cuu/danh-gia, public, with code and PIN), the leaders' summary (/danh-gia), the
 * corrective-action cases (/danh-gia/chan-chinh, the address the notification e-mail links to) and
 * their rules (/admin/danh-gia/quy-tac). Handlers stay thin: read the form, call one use case
 * (which checks the scope and writes the audit entry), then redirect (PRG) or render the form
 * again with its errors and what was typed. Everything works without JavaScript.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, FeatureDeps } from '../../app.ts'
import { listAuditFor } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { ConflictError, NotFoundError, TooManyRequestsError, UnauthorizedError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { formBody, formErrorsOf, formText, NO_ERRORS } from '../../views/forms.ts'
import type { FormErrors } from '../../views/forms.ts'
import { createPageSupport, sendPage, signInHref } from '../../views/page.ts'
import type { PageSupport } from '../../views/page.ts'
import * as units from '../units/index.ts'
import type { Role } from '../units/index.ts'
import * as corrective from './corrective.service.ts'
import type { CorrectiveCase } from './corrective.service.ts'
import { CASE_STATUSES, RULE_NAMES } from './corrective.ts'
import type { CorrectiveRules } from './corrective.ts'
import { managedUnits } from './kiosk.service.ts'
import * as service from './rating.service.ts'
import type { RatingDeps } from './rating.service.ts'
import { ASKED_INDICATORS, checkAnswers } from './rating.ts'
import { caseActionValuesOf, caseHref, CaseListPage, CasePage, CASES_PATH } from './views/case.tsx'
import type { CaseActionValues } from './views/case.tsx'
import { EVALUATION_PATH, EVALUATION_START_PATH, EvaluationPage, EvaluationRefusedPage, EvaluationThanksPage, scoreField } from './views/evaluation.tsx'
import type { EvaluationFormValues } from './views/evaluation.tsx'
import { enabledField, RULE_FIELDS, RULES_PATH, RulesPage, rulesValuesOf } from './views/rules.tsx'
import type { RulesFormValues } from './views/rules.tsx'
import { SUMMARY_PATH, SummaryPage } from './views/summary.tsx'
import type { SummaryFilterValues } from './views/summary.tsx'

/** Evaluations one address may post through the form per minute, like the JSON API. */
export const EVALUATION_FORM_RATE_PER_MINUTE = 30

/** Roles that read the summary of their units. */
const SUMMARY_ROLES: readonly Role[] = ['leader', 'admin']

/** One text value of a query parameter (the first when repeated; '' when absent). */
function queryText(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
  return ''
}

/** Parses a numeric route parameter; anything else is a 404, as for an unknown record. */
function idParam(value: string): number {
  if (!/^\d{1,12}$/.test(value)) throw new NotFoundError('ratings.errors.caseNotFound')
  return Number(value)
}

/** A posted score: 0, 1 or 2, or undefined (which the use case refuses with the field's message). */
function scoreOf(text: string | undefined): number | undefined {
  return text === '0' || text === '1' || text === '2' ? Number(text) : undefined
}

/** A whole number as typed, or NaN (which the use case refuses with the field's message). */
function wholeNumberOf(text: string): number {
  return /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN
}

/** A percentage as typed ("30", "33,3", "33.3") as a share of 1, or NaN. */
function shareOfPercent(text: string): number {
  const normalised = text.replace(',', '.')
  return /^\d{1,3}(\.\d{1,2})?$/.test(normalised) ? Number(normalised) / 100 : Number.NaN
}

/** The evaluation form as posted. */
function readEvaluationForm(body: unknown): EvaluationFormValues {
  const form = formBody(body)
  return {
    code: formText(form, 'code').trim().slice(0, 60),
    pin: formText(form, 'pin').trim().slice(0, 12),
    source: formText(form, 'source') === 'qr' ? 'qr' : 'lookup',
    scores: Object.fromEntries(ASKED_INDICATORS.map((indicator) => [indicator, formText(form, scoreField(indicator))])),
    overall: formText(form, 'overall'),
    comment: formText(form, 'comment'),
  }
}

/** The rules form as posted. */
function readRulesForm(body: unknown): RulesFormValues {
  const form = formBody(body)
  return {
    enabled: RULE_NAMES.filter((name) => formText(form, enabledField(name)) === 'on'),
    minRatings: formText(form, RULE_FIELDS.minRatings).trim(),
    minSharePercent: formText(form, RULE_FIELDS.minSharePercent).trim(),
    minLate: formText(form, RULE_FIELDS.minLate).trim(),
    minLetters: formText(form, RULE_FIELDS.minLetters).trim(),
  }
}

/** The rules the form describes; what cannot be read becomes NaN, which the use case refuses beside its field. */
function rulesOf(values: RulesFormValues): CorrectiveRules {
  const isEnabled = (name: (typeof RULE_NAMES)[number]) => values.enabled.includes(name)
  return {
    notSatisfied: { isEnabled: isEnabled('notSatisfied'), minRatings: wholeNumberOf(values.minRatings), minShare: shareOfPercent(values.minSharePercent) },
    lateDossiers: { isEnabled: isEnabled('lateDossiers'), minLate: wholeNumberOf(values.minLate) },
    upheldLetters: { isEnabled: isEnabled('upheldLetters'), minLetters: wholeNumberOf(values.minLetters) },
  }
}

/**
 * Whether the principal may record a case's action: a leader reaching its unit who is not the
 * official it is about. The use case decides (recordCaseAction); this only hides a form it would refuse.
 */
function canDecideCase(principal: Principal, c: CorrectiveCase): boolean {
  return c.officialId !== principal.staffId && units.hasRoleOn(principal, ['leader'], c.unitPath)
}

/** Registers the satisfaction pages. */
export function registerRatingPages(app: App, deps: FeatureDeps & RatingDeps): void {
  const pages: PageSupport = createPageSupport({
    appSecret: deps.config.sessionSecret,
    isSecureCookie: deps.config.isSecureCookie,
    loadHomeUnit: () => units.getHomeUnit(deps),
  })

  /** Sends the visitor to sign in first (back here after a GET); a signed-in caller passes. */
  const requireSignedIn = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.principal) return reply.redirect(signInHref(req.method === 'GET' || req.method === 'HEAD' ? req.url : null), 303)
  }

  /** Like requireSignedIn; a signed-in caller who leads or administers no unit gets the 403 page. */
  const requireSummaryReader = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.principal) return reply.redirect(signInHref(req.method === 'GET' || req.method === 'HEAD' ? req.url : null), 303)
    units.requireAnyRole(req.principal, SUMMARY_ROLES)
  }

  /** The principal of a guarded route (the guard has already redirected anyone else). */
  const principalOf = (req: FastifyRequest): Principal => {
    if (!req.principal) throw new UnauthorizedError()
    return req.principal
  }

  // ---------- The applicant's evaluation ----------

  const renderEvaluation = async (req: FastifyRequest, reply: FastifyReply, values: EvaluationFormValues, errors: FormErrors, status = 200) =>
    // The page may carry the PIN: no cache may keep it.
    sendPage(reply, <EvaluationPage ctx={await pages.context(req, reply)} values={values} errors={errors} />, status, { isPrivate: true })

  const blankEvaluation = (code: string, pin: string, source: EvaluationFormValues['source']): EvaluationFormValues => ({ code, pin, source, scores: {}, overall: '', comment: '' })

  // From a link (the code only; ?nguon=qr when it came from the receipt's QR code): the form asks for the PIN.
  app.get<{ Querystring: Record<string, unknown> }>(EVALUATION_PATH, { schema: { hide: true } }, async (req, reply) =>
    renderEvaluation(req, reply, blankEvaluation(queryText(req.query.code).trim().slice(0, 60), '', queryText(req.query.nguon) === 'qr' ? 'qr' : 'lookup'), NO_ERRORS),
  )

  // From the lookup result: code and PIN come by POST, so the PIN never sits in an address.
  app.post(EVALUATION_START_PATH, { schema: { hide: true } }, async (req, reply) => {
    const { code, pin } = readEvaluationForm(req.body)
    return renderEvaluation(req, reply, blankEvaluation(code, pin, 'lookup'), NO_ERRORS)
  })

  app.post(EVALUATION_PATH, { schema: { hide: true }, config: { rateLimit: { max: EVALUATION_FORM_RATE_PER_MINUTE, timeWindow: '1 minute' } } }, async (req, reply) => {
    const values = readEvaluationForm(req.body)
    const scores = Object.fromEntries(ASKED_INDICATORS.map((indicator) => [indicator, scoreOf(values.scores[indicator])]))
    const missing: FieldErrors = {}
    if (values.code === '') missing.code = 'ratings.pages.evaluation.codeRequired'
    if (values.pin === '') missing.pin = 'ratings.pages.evaluation.pinRequired'
    // Without code or PIN the use case cannot start; say so together with the answers still missing.
    if (Object.keys(missing).length > 0) return renderEvaluation(req, reply, values, { fields: { ...missing, ...checkAnswers(scores, values.overall, values.comment) } }, 422)
    try {
      const evaluation = await service.evaluateDossier(deps, {
        code: values.code,
        pin: values.pin,
        clientAddress: req.ip,
        scores,
        overall: values.overall,
        comment: values.comment,
        source: values.source,
      })
      return sendPage(reply, <EvaluationThanksPage ctx={await pages.context(req, reply)} evaluation={evaluation} />, 200, { isPrivate: true })
    } catch (error) {
      // The same neutral words for an unknown code and a wrong PIN, or codes could be enumerated.
      if (error instanceof NotFoundError) return renderEvaluation(req, reply, values, { fields: {}, general: error.messageKey }, 404)
      if (error instanceof TooManyRequestsError) {
        reply.header('retry-after', String(error.retryAfterSeconds))
        return renderEvaluation(req, reply, values, { fields: {}, general: error.messageKey }, 429)
      }
      if (error instanceof ConflictError) {
        return sendPage(reply, <EvaluationRefusedPage ctx={await pages.context(req, reply)} messageKey={error.messageKey} code={values.code} />, 409, { isPrivate: true })
      }
      const failure = formErrorsOf(error)
      if (!failure || failure.status !== 422) throw error
      return renderEvaluation(req, reply, values, failure.errors, 422)
    }
  })

  // ---------- The leaders' summary ----------

  app.get<{ Querystring: Record<string, unknown> }>(SUMMARY_PATH, { schema: { hide: true }, preHandler: requireSummaryReader }, async (req, reply) => {
    const principal = principalOf(req)
    const typed: SummaryFilterValues = { from: queryText(req.query.from).trim(), to: queryText(req.query.to).trim(), unit: queryText(req.query.unit).trim() }
    const choices = await managedUnits(deps, principal)
    const ctx = await pages.context(req, reply)
    try {
      const summary = await service.ratingsSummary(deps, principal, {
        ...(typed.unit === '' ? {} : { unitCode: typed.unit }),
        ...(typed.from === '' ? {} : { from: typed.from }),
        ...(typed.to === '' ? {} : { to: typed.to }),
      })
      // The filter shows the period actually summarised (this month by default).
      const values = { ...typed, from: summary.from, to: summary.to }
      return sendPage(reply, <SummaryPage ctx={ctx} values={values} units={choices} summary={summary} errors={NO_ERRORS} />)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure || failure.status !== 422) throw error
      return sendPage(reply, <SummaryPage ctx={ctx} values={typed} units={choices} summary={null} errors={failure.errors} />, 422)
    }
  })

  // ---------- Corrective-action cases ----------

  app.get<{ Querystring: Record<string, unknown> }>(CASES_PATH, { schema: { hide: true }, preHandler: requireSignedIn }, async (req, reply) => {
    const typed = queryText(req.query.status)
    const status = (CASE_STATUSES as readonly string[]).includes(typed) ? typed : ''
    const cases = await corrective.listCases(deps, principalOf(req), status === '' ? {} : { status })
    return sendPage(reply, <CaseListPage ctx={await pages.context(req, reply)} cases={cases} status={status} />)
  })

  const renderCase = async (req: FastifyRequest, reply: FastifyReply, found: CorrectiveCase, values: CaseActionValues, errors: FormErrors, status = 200) => {
    // getCase has already decided the principal may see the case; its history is its audit trail.
    const history = await listAuditFor(deps.db, 'corrective_case', found.id)
    const page = <CasePage ctx={await pages.context(req, reply)} correctiveCase={found} history={history} canDecide={canDecideCase(principalOf(req), found)} values={values} errors={errors} />
    return sendPage(reply, page, status)
  }

  app.get<{ Params: { id: string } }>(`${CASES_PATH}/:id`, { schema: { hide: true }, preHandler: requireSignedIn }, async (req, reply) => {
    const found = await corrective.getCase(deps, principalOf(req), idParam(req.params.id))
    return renderCase(req, reply, found, caseActionValuesOf(found), NO_ERRORS)
  })

  app.post<{ Params: { id: string } }>(`${CASES_PATH}/:id`, { schema: { hide: true }, preHandler: requireSignedIn }, async (req, reply) => {
    const principal = principalOf(req)
    const id = idParam(req.params.id)
    const form = formBody(req.body)
    const values: CaseActionValues = { action: formText(form, 'action'), note: formText(form, 'note'), followUpOn: formText(form, 'followUpOn').trim() }
    try {
      await corrective.recordCaseAction(deps, principal, id, values)
      pages.flash(reply, { kind: 'success', key: 'ratings.pages.case.saved', params: { id } })
      return reply.redirect(caseHref(id), 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderCase(req, reply, await corrective.getCase(deps, principal, id), values, failure.errors, failure.status)
    }
  })

  // ---------- The rules ----------

  /** Whether the principal administers the home unit, the only one whose administrators change the rules. */
  const canEditRules = async (principal: Principal): Promise<boolean> => {
    const home = await units.getHomeUnit(deps)
    return home !== null && units.hasRoleOn(principal, ['admin'], home.path)
  }

  const renderRules = async (req: FastifyRequest, reply: FastifyReply, values: RulesFormValues | null, errors: FormErrors, status = 200) => {
    const ctx = await pages.context(req, reply)
    const rules = await corrective.getCorrectiveRules(deps)
    const canEdit = await canEditRules(principalOf(req))
    return sendPage(reply, <RulesPage ctx={ctx} rules={rules} canEdit={canEdit} values={values ?? rulesValuesOf(rules, ctx.locale)} errors={errors} />, status)
  }

  app.get(RULES_PATH, { schema: { hide: true }, preHandler: requireSignedIn }, (req, reply) => renderRules(req, reply, null, NO_ERRORS))

  app.post(RULES_PATH, { schema: { hide: true }, preHandler: requireSignedIn }, async (req, reply) => {
    const values = readRulesForm(req.body)
    try {
      await corrective.setCorrectiveRules(deps, principalOf(req), rulesOf(values))
      pages.flash(reply, { kind: 'success', key: 'ratings.pages.rules.saved' })
      return reply.redirect(RULES_PATH, 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      // The form asks for a percentage where the use case speaks of a share of 1.
      const fields = { ...failure.errors.fields }
      if (fields[RULE_FIELDS.minSharePercent] !== undefined) fields[RULE_FIELDS.minSharePercent] = 'ratings.pages.rules.sharePercent'
      return renderRules(req, reply, values, { ...failure.errors, fields }, failure.status)
    }
  })
}
