/**
 * Use cases of the surveys: leaders and administrators of a unit build surveys for that unit and
 * its descendants (draft → open → closed, edited only as a draft), residents answer anonymously
 * once per device with a captcha, and the builders read the results and export them. Every change
 * owns its transaction with its audit entry.
 */
import { createHash } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { Database } from '../../db/schema.ts'
import { isUniqueViolation } from '../../db/portable.ts'
import { appendAudit } from '../../platform/audit/audit.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import type { Captcha, CaptchaSolution } from '../../platform/captcha/captcha.ts'
import type { Clock } from '../../platform/clock.ts'
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { hitCounter } from '../../platform/http/rate-counter.ts'
import * as calendarFeature from '../calendar/index.ts'
import * as units from '../units/index.ts'
import * as repo from './survey.repository.ts'
import type { ResponseRecord, SurveySummary, UnitRow } from './survey.repository.ts'
import { checkQuestion, checkReadyToOpen, checkResponse, computeResults, isAcceptingResponses, isSipasFactor, SURVEY_LIMITS } from './survey.ts'
import type { QuestionInput, SipasFactor, Survey, SurveyResults, SurveyUnit } from './survey.ts'

/** What the survey use cases need. */
export interface SurveyDeps {
  readonly db: Db
  readonly clock: Clock
}

/** The acting principal, or the system (seeds, CLI). */
export type By = Principal | 'system'

/** Roles that build surveys and read their results, on the owner unit or an ancestor. */
export const BUILDER_ROLES = ['leader', 'admin'] as const

/** Responses accepted from one address per window; a busy desk's shared Wi-Fi must still fit. */
export const RESPONSE_LIMITS = Object.freeze({ perWindow: 60, windowMs: 3_600_000 })

const actorOf = (by: By): Actor => (by === 'system' ? { id: null, label: 'system' } : { id: by.staffId, label: by.username })
const RESIDENT: Actor = Object.freeze({ id: null, label: 'resident' })

/** Whether `by` may build and read the surveys of a unit. */
function canBuildFor(by: By, unitPath: string): boolean {
  return by === 'system' || units.hasRoleOn(by, [...BUILDER_ROLES], unitPath)
}

/** Units under which the principal builds surveys (their leader and admin grants). */
function builderRootPaths(by: By): string[] {
  return by === 'system' ? ['/'] : units.scopeRoots(by, [...BUILDER_ROLES]).map((r) => r.path)
}

/** Loads a survey the caller builds: 404 when unknown or outside their units (as if it did not exist). */
async function surveyForBuilder(deps: SurveyDeps, by: By, id: number): Promise<Survey> {
  const survey = await repo.findSurvey(deps.db, id)
  if (!survey || !canBuildFor(by, survey.ownerUnit.path)) throw new NotFoundError('ratings.survey.errors.notFound')
  return survey
}

/** Throws 409 unless the survey is still a draft. */
function requireDraft(survey: Survey): void {
  if (survey.status !== 'draft') throw new ConflictError('ratings.survey.errors.notDraft')
}

/** Reads an instant typed on the page ("2026-03-01T08:00", Vietnam time) or sent by the API (ISO with offset). */
function readInstant(value: unknown, field: string, fields: FieldErrors): Date | null {
  if (value === undefined || value === null || value === '') return null
  if (typeof value !== 'string') {
    fields[field] = 'ratings.survey.errors.instant'
    return null
  }
  try {
    return calendarFeature.parseInstant(value.trim())
  } catch {
    fields[field] = 'ratings.survey.errors.instant'
    return null
  }
}

/** A survey's details as typed: title, description, period, covered units. */
export interface SurveyDetailsInput {
  readonly title: unknown
  readonly description?: unknown
  readonly opensAt?: unknown
  readonly closesAt?: unknown
  /** Codes of the units whose residents answer. */
  readonly unitCodes: unknown
}

/** A section as typed, with its questions. */
export interface SectionInput {
  readonly title: unknown
  /** One of the SIPAS factors, or null/''/'none' for a section outside the index. */
  readonly factor?: unknown
  readonly questions?: readonly QuestionInput[]
}

/** What a new survey is made of. */
export interface CreateSurveyInput extends SurveyDetailsInput {
  readonly ownerUnitCode: unknown
  /** Sections with their questions, at once (the API and the seed); the pages add them one by one. */
  readonly sections?: readonly SectionInput[]
}

/** Checks a survey's details against the owner unit; collects field errors. */
async function checkDetails(deps: SurveyDeps, input: SurveyDetailsInput, owner: SurveyUnit | null, fields: FieldErrors) {
  const title = typeof input.title === 'string' ? input.title.trim() : ''
  if (title === '' || title.length > SURVEY_LIMITS.titleLength) fields.title = 'ratings.survey.errors.title'
  const descriptionText = typeof input.description === 'string' ? input.description.trim() : ''
  if (descriptionText.length > SURVEY_LIMITS.descriptionLength) fields.description = 'ratings.survey.errors.description'
  const opensAt = readInstant(input.opensAt, 'opensAt', fields)
  const closesAt = readInstant(input.closesAt, 'closesAt', fields)
  if (opensAt && closesAt && closesAt <= opensAt) fields.closesAt = 'ratings.survey.errors.period'
  const codes = Array.isArray(input.unitCodes) ? [...new Set(input.unitCodes.filter((c): c is string => typeof c === 'string' && c !== ''))] : []
  const found: UnitRow[] = await repo.findUnitsByCodes(deps.db, codes)
  const isCovered = (u: UnitRow) => !u.isDisabled && owner !== null && u.path.startsWith(owner.path)
  if (codes.length === 0) fields.unitCodes = 'ratings.survey.errors.units'
  else if (found.length !== codes.length || !found.every(isCovered)) fields.unitCodes = 'ratings.survey.errors.unitsOutside'
  return { title, description: descriptionText === '' ? null : descriptionText, opensAt, closesAt, unitIds: found.map((u) => u.id) }
}

/** Checks a section's title and factor. */
function checkSection(input: SectionInput, prefix: string, fields: FieldErrors): { title: string; factor: SipasFactor | null } {
  const title = typeof input.title === 'string' ? input.title.trim() : ''
  if (title === '' || title.length > SURVEY_LIMITS.titleLength) fields[`${prefix}title`] = 'ratings.survey.errors.sectionTitle'
  const raw = input.factor ?? null
  const isNone = raw === null || raw === '' || raw === 'none'
  if (!isNone && !isSipasFactor(raw)) fields[`${prefix}factor`] = 'ratings.survey.errors.factor'
  return { title, factor: isSipasFactor(raw) ? raw : null }
}

/** The surveys the caller builds (owned by their units or below), newest first. */
export function listSurveys(deps: SurveyDeps, by: By): Promise<SurveySummary[]> {
  if (by !== 'system' && !units.hasAnyRole(by, [...BUILDER_ROLES])) throw new ForbiddenError()
  return repo.findSurveysOwnedUnder(deps.db, builderRootPaths(by))
}

/** One survey the caller builds, whole. */
export function getSurvey(deps: SurveyDeps, by: By, id: number): Promise<Survey> {
  return surveyForBuilder(deps, by, id)
}

/** The units the caller may own surveys for and cover with them, parents first. */
export function builderUnits(deps: SurveyDeps, by: By): Promise<UnitRow[]> {
  return repo.findUnitsUnder(deps.db, builderRootPaths(by))
}

/** Creates a draft survey, with sections and questions when given; audited. */
export async function createSurvey(deps: SurveyDeps, by: By, input: CreateSurveyInput): Promise<Survey> {
  if (by !== 'system' && !units.hasAnyRole(by, [...BUILDER_ROLES])) throw new ForbiddenError()
  const fields: FieldErrors = {}
  const ownerCode = typeof input.ownerUnitCode === 'string' ? input.ownerUnitCode : ''
  const [owner] = await repo.findUnitsByCodes(deps.db, ownerCode === '' ? [] : [ownerCode])
  if (!owner || owner.isDisabled || !canBuildFor(by, owner.path)) fields.ownerUnitCode = 'ratings.survey.errors.owner'
  const details = await checkDetails(deps, input, owner && canBuildFor(by, owner.path) ? owner : null, fields)
  const sections = (input.sections ?? []).slice(0, SURVEY_LIMITS.sections + 1).map((section, i) => {
    const prefix = `sections.${i}.`
    const checked = checkSection(section, prefix, fields)
    const questions = (section.questions ?? []).map((q, j) => checkQuestion(q, `${prefix}questions.${j}.`))
    for (const q of questions) Object.assign(fields, q.fields)
    if (questions.length > SURVEY_LIMITS.questionsPerSection) fields[`${prefix}questions`] = 'ratings.survey.errors.tooManyQuestions'
    return { ...checked, questions: questions.map((q) => q.question) }
  })
  if (sections.length > SURVEY_LIMITS.sections) fields.sections = 'ratings.survey.errors.tooManySections'
  if (Object.keys(fields).length > 0 || !owner) throw new ValidationError(fields)
  const now = deps.clock.now()
  const id = await deps.db.transaction().execute(async (trx) => {
    const surveyId = await repo.insertSurvey(trx, { ...details, ownerUnitId: owner.id, createdBy: by === 'system' ? null : by.staffId }, now)
    await repo.replaceSurveyUnits(trx, surveyId, details.unitIds)
    for (const section of sections) {
      const sectionId = await repo.insertSection(trx, surveyId, section.title, section.factor)
      for (const question of section.questions) if (question) await repo.insertQuestion(trx, sectionId, question)
    }
    await appendAudit(trx, {
      actor: actorOf(by),
      at: now,
      entity: 'survey',
      entityId: surveyId,
      action: 'create',
      after: { title: details.title, ownerUnit: owner.code, units: details.unitIds.length, sections: sections.length },
    })
    return surveyId
  })
  return (await repo.findSurvey(deps.db, id))!
}

/** Changes a draft's title, description, period and units; audited. */
export async function updateSurvey(deps: SurveyDeps, by: By, id: number, input: SurveyDetailsInput): Promise<Survey> {
  const survey = await surveyForBuilder(deps, by, id)
  requireDraft(survey)
  const fields: FieldErrors = {}
  const details = await checkDetails(deps, input, survey.ownerUnit, fields)
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateSurveyRow(trx, id, details, now)
    await repo.replaceSurveyUnits(trx, id, details.unitIds)
    await appendAudit(trx, {
      actor: actorOf(by),
      at: now,
      entity: 'survey',
      entityId: id,
      action: 'update',
      before: { title: survey.title, units: survey.units.map((u) => u.code) },
      after: { title: details.title, units: details.unitIds.length },
    })
  })
  return (await repo.findSurvey(deps.db, id))!
}

/** Runs a change to a draft's sections or questions with its audit entry, and returns the survey after it. */
async function changeDraft(deps: SurveyDeps, by: By, survey: Survey, action: string, detail: unknown, change: (trx: Transaction<Database>) => Promise<void>): Promise<Survey> {
  requireDraft(survey)
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    await change(trx)
    await repo.touchSurvey(trx, survey.id, now)
    await appendAudit(trx, { actor: actorOf(by), at: now, entity: 'survey', entityId: survey.id, action, after: detail })
  })
  return (await repo.findSurvey(deps.db, survey.id))!
}

/** Adds a section to a draft; audited. */
export async function addSection(deps: SurveyDeps, by: By, surveyId: number, input: SectionInput): Promise<Survey> {
  const survey = await surveyForBuilder(deps, by, surveyId)
  requireDraft(survey)
  const fields: FieldErrors = {}
  const section = checkSection(input, '', fields)
  if (survey.sections.length >= SURVEY_LIMITS.sections) fields.title = 'ratings.survey.errors.tooManySections'
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
  return changeDraft(deps, by, survey, 'add_section', section, async (trx) => {
    await repo.insertSection(trx, surveyId, section.title, section.factor)
  })
}

/** Removes a section of a draft with its questions; audited. */
export async function removeSection(deps: SurveyDeps, by: By, surveyId: number, sectionId: number): Promise<Survey> {
  const survey = await surveyForBuilder(deps, by, surveyId)
  const section = survey.sections.find((s) => s.id === sectionId)
  if (!section) throw new NotFoundError()
  return changeDraft(deps, by, survey, 'remove_section', { title: section.title, questions: section.questions.length }, (trx) => repo.deleteSection(trx, sectionId))
}

/** Adds a question at the end of a draft's section; audited. */
export async function addQuestion(deps: SurveyDeps, by: By, surveyId: number, sectionId: number, input: QuestionInput): Promise<Survey> {
  const survey = await surveyForBuilder(deps, by, surveyId)
  requireDraft(survey)
  const section = survey.sections.find((s) => s.id === sectionId)
  if (!section) throw new NotFoundError()
  const { question, fields } = checkQuestion(input)
  if (section.questions.length >= SURVEY_LIMITS.questionsPerSection) fields.text = 'ratings.survey.errors.tooManyQuestions'
  if (!question || Object.keys(fields).length > 0) throw new ValidationError(fields)
  return changeDraft(deps, by, survey, 'add_question', { section: section.title, kind: question.kind, text: question.text }, async (trx) => {
    await repo.insertQuestion(trx, sectionId, question)
  })
}

/** Removes a question of a draft; audited. */
export async function removeQuestion(deps: SurveyDeps, by: By, surveyId: number, questionId: number): Promise<Survey> {
  const survey = await surveyForBuilder(deps, by, surveyId)
  const question = survey.sections.flatMap((s) => s.questions).find((q) => q.id === questionId)
  if (!question) throw new NotFoundError()
  return changeDraft(deps, by, survey, 'remove_question', { text: question.text }, (trx) => repo.deleteQuestion(trx, questionId))
}

/** Moves a draft's question one place up or down within its section; audited. */
export async function moveQuestion(deps: SurveyDeps, by: By, surveyId: number, questionId: number, direction: 'up' | 'down'): Promise<Survey> {
  const survey = await surveyForBuilder(deps, by, surveyId)
  const section = survey.sections.find((s) => s.questions.some((q) => q.id === questionId))
  if (!section) throw new NotFoundError()
  const index = section.questions.findIndex((q) => q.id === questionId)
  const other = section.questions[direction === 'up' ? index - 1 : index + 1]
  const question = section.questions[index]!
  if (!other) return survey
  return changeDraft(deps, by, survey, 'move_question', { text: question.text, direction }, async (trx) => {
    // Renumber the section so equal positions (never written here, but cheap to heal) cannot stick.
    const order = section.questions.map((q) => q.id)
    order[index] = other.id
    order[direction === 'up' ? index - 1 : index + 1] = question.id
    for (const [i, id] of order.entries()) await repo.setQuestionPosition(trx, id, i + 1)
  })
}

/** Opens a draft for answers, once it has a period that has not ended, units and questions; audited. */
export async function openSurvey(deps: SurveyDeps, by: By, id: number): Promise<Survey> {
  const survey = await surveyForBuilder(deps, by, id)
  requireDraft(survey)
  const now = deps.clock.now()
  const fields = checkReadyToOpen(survey)
  if (survey.closesAt !== null && survey.closesAt <= now && !fields.closesAt) fields.closesAt = 'ratings.survey.errors.closesPast'
  if (Object.keys(fields).length > 0) throw new ValidationError(fields, 'ratings.survey.errors.notReady')
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.setSurveyStatus(trx, id, 'draft', 'open', now))) throw new ConflictError('ratings.survey.errors.notDraft')
    await appendAudit(trx, { actor: actorOf(by), at: now, entity: 'survey', entityId: id, action: 'open', before: { status: 'draft' }, after: { status: 'open' } })
  })
  return (await repo.findSurvey(deps.db, id))!
}

/** Closes an open survey before (or after) its period ends; audited. */
export async function closeSurvey(deps: SurveyDeps, by: By, id: number): Promise<Survey> {
  const survey = await surveyForBuilder(deps, by, id)
  if (survey.status !== 'open') throw new ConflictError('ratings.survey.errors.notOpenToClose')
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.setSurveyStatus(trx, id, 'open', 'closed', now))) throw new ConflictError('ratings.survey.errors.notOpenToClose')
    await appendAudit(trx, { actor: actorOf(by), at: now, entity: 'survey', entityId: id, action: 'close', before: { status: 'open' }, after: { status: 'closed' } })
  })
  return (await repo.findSurvey(deps.db, id))!
}

/** A survey as residents see it: any but a draft (404), which has not been published. */
export async function getPublicSurvey(deps: SurveyDeps, id: number): Promise<Survey> {
  const survey = await repo.findSurvey(deps.db, id)
  if (!survey || survey.status === 'draft') throw new NotFoundError('ratings.survey.errors.notFound')
  return survey
}

/** Whether a survey takes answers now. */
export function isOpenNow(deps: SurveyDeps, survey: Survey): boolean {
  return isAcceptingResponses(survey, deps.clock.now())
}

/** Valid device ids: what the device cookie holds (random, base64url). */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

/**
 * What is stored of a device: a hash of its cookie salted with the survey, so one device's
 * responses to two surveys cannot be linked, and the cookie cannot be recovered.
 */
export function deviceHashOf(surveyId: number, deviceId: string): string {
  return createHash('sha256').update(`congso:survey-device:v1:${surveyId}:${deviceId}`).digest('hex')
}

/** Whether this device has already answered the survey. */
export function hasAnswered(deps: SurveyDeps, surveyId: number, deviceId: string): Promise<boolean> {
  return repo.hasResponseFrom(deps.db, surveyId, deviceHashOf(surveyId, deviceId))
}

/** A resident's response as sent. */
export interface ResponseInput {
  readonly surveyId: number
  readonly unitCode: string
  /** The device cookie (random); only its hash is stored. */
  readonly deviceId: string
  /** Answers keyed by question id. */
  readonly answers: Readonly<Record<string, unknown>>
  readonly captcha: CaptchaSolution
  readonly clientAddress: string
}

/** A stored response, as the resident is told about it (nothing that identifies them). */
export interface SubmittedResponse {
  readonly surveyId: number
  readonly unitCode: string
  readonly createdAt: Date
}

/**
 * Records a resident's response: only while the survey is open, once per device (409, also when
 * two arrive at once: the unique key decides), with the captcha solved, limited per address
 * (429). Field errors — answers, unit, captcha — come together in one 422.
 */
export async function submitResponse(deps: SurveyDeps & { captcha: Captcha }, input: ResponseInput): Promise<SubmittedResponse> {
  const now = deps.clock.now()
  if ((await hitCounter(deps.db, `survey-response:${input.clientAddress}`, RESPONSE_LIMITS.windowMs, now)) > RESPONSE_LIMITS.perWindow) {
    throw new TooManyRequestsError('ratings.survey.errors.tooMany', Math.ceil(RESPONSE_LIMITS.windowMs / 1000))
  }
  const survey = await getPublicSurvey(deps, input.surveyId)
  if (!isAcceptingResponses(survey, now)) throw new ConflictError('ratings.survey.errors.notOpen')
  if (!DEVICE_ID_PATTERN.test(input.deviceId)) throw new BadRequestError()
  const deviceHash = deviceHashOf(survey.id, input.deviceId)
  // Told before the captcha, so nobody solves it only to learn they cannot answer twice.
  if (await repo.hasResponseFrom(deps.db, survey.id, deviceHash)) throw new ConflictError('ratings.survey.errors.alreadyAnswered')
  const { answers, fields } = checkResponse(survey, input.answers)
  const unit = survey.units.find((u) => u.code === input.unitCode)
  if (!unit) fields.unit = 'ratings.survey.errors.unit'
  const verdict = await deps.captcha.verify(input.captcha, now)
  if (!verdict.ok) fields.captcha = verdict.reason
  if (Object.keys(fields).length > 0 || !unit) throw new ValidationError(fields)
  try {
    await deps.db.transaction().execute(async (trx) => {
      const responseId = await repo.insertResponse(trx, { surveyId: survey.id, unitId: unit.id, deviceHash, answers }, now)
      // No answers and no device in the audit: the response is anonymous; the entry only says one arrived.
      await appendAudit(trx, { actor: RESIDENT, at: now, entity: 'survey_response', entityId: responseId, action: 'create', after: { surveyId: survey.id, unit: unit.code } })
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('ratings.survey.errors.alreadyAnswered')
    throw error
  }
  return { surveyId: survey.id, unitCode: unit.code, createdAt: now }
}

/** Resolves the results' unit filter: one of the survey's units, or all (null). */
function unitFilter(survey: Survey, unitCode: string | undefined): SurveyUnit | null {
  if (unitCode === undefined || unitCode === '') return null
  const unit = survey.units.find((u) => u.code === unitCode)
  if (!unit) throw new BadRequestError('ratings.survey.errors.unit', { unit: 'ratings.survey.errors.unit' })
  return unit
}

/** A survey's results, for all its units or one. */
export interface SurveyResultsView {
  readonly survey: Survey
  readonly unit: SurveyUnit | null
  readonly results: SurveyResults
}

/** Results per question, per factor and overall, for the survey's builders. */
export async function getSurveyResults(deps: SurveyDeps, by: By, id: number, unitCode?: string): Promise<SurveyResultsView> {
  const survey = await surveyForBuilder(deps, by, id)
  const unit = unitFilter(survey, unitCode)
  const [counts, responses] = await Promise.all([repo.countAnswers(deps.db, survey.id, unit?.id ?? null), repo.countResponses(deps.db, survey.id, unit?.id ?? null)])
  return { survey, unit, results: computeResults(survey, counts, responses) }
}

/** Every response with its answers, for the export. */
export async function getSurveyResponses(deps: SurveyDeps, by: By, id: number, unitCode?: string): Promise<{ survey: Survey; unit: SurveyUnit | null; responses: ResponseRecord[] }> {
  const survey = await surveyForBuilder(deps, by, id)
  const unit = unitFilter(survey, unitCode)
  return { survey, unit, responses: await repo.findResponses(deps.db, survey.id, unit?.id ?? null) }
}
