/**
 * Every query of the surveys: (db | trx, …) → domain objects. Ids come back as strings from pg's
 * bigint and counts as strings from count(*), so both go through Number() here and nowhere else.
 */
import { sql } from 'kysely'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { instant, toDate, toDateOrNull } from '../../db/portable.ts'
import { isQuestionKind, isSipasFactor } from './survey.ts'
import type { AnswerCount, AnswerValue, Survey, SurveyQuestion, SurveySection, SurveyStatus, SurveyUnit } from './survey.ts'

/** A database or a transaction. */
type Q = Kysely<Database> | Transaction<Database>

/** A survey as the list shows it. */
export interface SurveySummary {
  readonly id: number
  readonly title: string
  readonly status: SurveyStatus
  readonly opensAt: Date | null
  readonly closesAt: Date | null
  readonly ownerUnit: SurveyUnit
  readonly responses: number
}

/** A unit with what the survey rules need. */
export interface UnitRow extends SurveyUnit {
  readonly isDisabled: boolean
}

/** Units by code (unknown codes are simply absent). */
export async function findUnitsByCodes(db: Q, codes: readonly string[]): Promise<UnitRow[]> {
  if (codes.length === 0) return []
  const rows = await db.selectFrom('units').select(['id', 'code', 'name', 'path', 'is_disabled']).where('code', 'in', [...codes]).execute()
  return rows.map((r) => ({ id: Number(r.id), code: r.code, name: r.name, path: r.path, isDisabled: Number(r.is_disabled) === 1 }))
}

/** Enabled units under any of the paths (the units a builder may pick), parents first. */
export async function findUnitsUnder(db: Q, paths: readonly string[]): Promise<UnitRow[]> {
  if (paths.length === 0) return []
  const rows = await db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'path', 'is_disabled'])
    .where('is_disabled', '=', 0)
    .where((eb) => eb.or(paths.map((p) => eb('path', 'like', `${p}%`))))
    .orderBy('path')
    .execute()
  return rows.map((r) => ({ id: Number(r.id), code: r.code, name: r.name, path: r.path, isDisabled: false }))
}

/** Loads a whole survey (units, sections, questions), or null. */
export async function findSurvey(db: Q, id: number): Promise<Survey | null> {
  const row = await db
    .selectFrom('surveys as s')
    .innerJoin('units as o', 'o.id', 's.owner_unit_id')
    .select(['s.id', 's.title', 's.description', 's.status', 's.opens_at', 's.closes_at', 's.created_at', 's.updated_at', 'o.id as owner_id', 'o.code as owner_code', 'o.name as owner_name', 'o.path as owner_path'])
    .where('s.id', '=', id)
    .executeTakeFirst()
  if (!row) return null
  const units = await db
    .selectFrom('survey_units as su')
    .innerJoin('units as u', 'u.id', 'su.unit_id')
    .select(['u.id', 'u.code', 'u.name', 'u.path'])
    .where('su.survey_id', '=', id)
    .orderBy('u.path')
    .execute()
  const sections = await db.selectFrom('survey_sections').selectAll().where('survey_id', '=', id).orderBy('position').orderBy('id').execute()
  const sectionIds = sections.map((s) => Number(s.id))
  const questions =
    sectionIds.length === 0 ? [] : await db.selectFrom('survey_questions').selectAll().where('section_id', 'in', sectionIds).orderBy('position').orderBy('id').execute()
  const toQuestion = (q: (typeof questions)[number]): SurveyQuestion => ({
    id: Number(q.id),
    sectionId: Number(q.section_id),
    position: Number(q.position),
    kind: isQuestionKind(q.kind) ? q.kind : 'text',
    text: q.text,
    options: q.options_json === null ? [] : (JSON.parse(q.options_json) as string[]),
    isRequired: Number(q.is_required) === 1,
  })
  return {
    id: Number(row.id),
    title: row.title,
    description: row.description,
    status: row.status as SurveyStatus,
    opensAt: toDateOrNull(row.opens_at),
    closesAt: toDateOrNull(row.closes_at),
    ownerUnit: { id: Number(row.owner_id), code: row.owner_code, name: row.owner_name, path: row.owner_path },
    units: units.map((u) => ({ id: Number(u.id), code: u.code, name: u.name, path: u.path })),
    sections: sections.map(
      (s): SurveySection => ({
        id: Number(s.id),
        position: Number(s.position),
        title: s.title,
        factor: isSipasFactor(s.factor) ? s.factor : null,
        questions: questions.filter((q) => Number(q.section_id) === Number(s.id)).map(toQuestion),
      }),
    ),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  }
}

/** Surveys whose owner unit lies under one of the paths, newest first, with their response counts. */
export async function findSurveysOwnedUnder(db: Q, paths: readonly string[]): Promise<SurveySummary[]> {
  if (paths.length === 0) return []
  const rows = await db
    .selectFrom('surveys as s')
    .innerJoin('units as o', 'o.id', 's.owner_unit_id')
    .select((eb) => [
      's.id',
      's.title',
      's.status',
      's.opens_at',
      's.closes_at',
      'o.id as owner_id',
      'o.code as owner_code',
      'o.name as owner_name',
      'o.path as owner_path',
      eb.selectFrom('survey_responses as r').select(sql<number>`count(*)`.as('n')).whereRef('r.survey_id', '=', 's.id').as('responses'),
    ])
    .where((eb) => eb.or(paths.map((p) => eb('o.path', 'like', `${p}%`))))
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    status: r.status as SurveyStatus,
    opensAt: toDateOrNull(r.opens_at),
    closesAt: toDateOrNull(r.closes_at),
    ownerUnit: { id: Number(r.owner_id), code: r.owner_code, name: r.owner_name, path: r.owner_path },
    responses: Number(r.responses ?? 0),
  }))
}

/** What a new survey row holds. */
export interface SurveyRowInput {
  readonly title: string
  readonly description: string | null
  readonly opensAt: Date | null
  readonly closesAt: Date | null
  readonly ownerUnitId: number
  readonly createdBy: number | null
}

/** Inserts a draft survey; returns its id. */
export async function insertSurvey(trx: Q, input: SurveyRowInput, now: Date): Promise<number> {
  const { id } = await trx
    .insertInto('surveys')
    .values({
      title: input.title,
      description: input.description,
      status: 'draft',
      opens_at: input.opensAt ? instant(input.opensAt) : null,
      closes_at: input.closesAt ? instant(input.closesAt) : null,
      owner_unit_id: input.ownerUnitId,
      created_by: input.createdBy,
      created_at: instant(now),
      updated_at: instant(now),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(id)
}

/** Updates a survey's details. */
export async function updateSurveyRow(trx: Q, id: number, input: Omit<SurveyRowInput, 'ownerUnitId' | 'createdBy'>, now: Date): Promise<void> {
  await trx
    .updateTable('surveys')
    .set({
      title: input.title,
      description: input.description,
      opens_at: input.opensAt ? instant(input.opensAt) : null,
      closes_at: input.closesAt ? instant(input.closesAt) : null,
      updated_at: instant(now),
    })
    .where('id', '=', id)
    .execute()
}

/** Replaces the units a survey covers. */
export async function replaceSurveyUnits(trx: Q, surveyId: number, unitIds: readonly number[]): Promise<void> {
  await trx.deleteFrom('survey_units').where('survey_id', '=', surveyId).execute()
  if (unitIds.length > 0) await trx.insertInto('survey_units').values(unitIds.map((unitId) => ({ survey_id: surveyId, unit_id: unitId }))).execute()
}

/** Sets a survey's status, only if it is still in the expected one; returns whether it changed. */
export async function setSurveyStatus(trx: Q, id: number, from: SurveyStatus, to: SurveyStatus, now: Date): Promise<boolean> {
  const result = await trx.updateTable('surveys').set({ status: to, updated_at: instant(now) }).where('id', '=', id).where('status', '=', from).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Touches a survey's updated_at (after a section or question changed). */
export async function touchSurvey(trx: Q, id: number, now: Date): Promise<void> {
  await trx.updateTable('surveys').set({ updated_at: instant(now) }).where('id', '=', id).execute()
}

/** Appends a section at the end; returns its id. */
export async function insertSection(trx: Q, surveyId: number, title: string, factor: string | null): Promise<number> {
  const last = await trx.selectFrom('survey_sections').select(sql<number>`max(position)`.as('p')).where('survey_id', '=', surveyId).executeTakeFirst()
  const { id } = await trx
    .insertInto('survey_sections')
    .values({ survey_id: surveyId, position: Number(last?.p ?? 0) + 1, title, factor })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(id)
}

/** Deletes a section and its questions (a draft's: it has no answers yet). */
export async function deleteSection(trx: Q, sectionId: number): Promise<void> {
  await trx.deleteFrom('survey_questions').where('section_id', '=', sectionId).execute()
  await trx.deleteFrom('survey_sections').where('id', '=', sectionId).execute()
}

/** Appends a question at the end of a section; returns its id. */
export async function insertQuestion(
  trx: Q,
  sectionId: number,
  question: { kind: string; text: string; options: readonly string[]; isRequired: boolean },
): Promise<number> {
  const last = await trx.selectFrom('survey_questions').select(sql<number>`max(position)`.as('p')).where('section_id', '=', sectionId).executeTakeFirst()
  const { id } = await trx
    .insertInto('survey_questions')
    .values({
      section_id: sectionId,
      position: Number(last?.p ?? 0) + 1,
      kind: question.kind,
      text: question.text,
      options_json: question.options.length > 0 ? JSON.stringify(question.options) : null,
      is_required: question.isRequired ? 1 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(id)
}

/** Deletes a question. */
export async function deleteQuestion(trx: Q, questionId: number): Promise<void> {
  await trx.deleteFrom('survey_questions').where('id', '=', questionId).execute()
}

/** Sets a question's position. */
export async function setQuestionPosition(trx: Q, questionId: number, position: number): Promise<void> {
  await trx.updateTable('survey_questions').set({ position }).where('id', '=', questionId).execute()
}

/** Whether a device (by its hash) has already answered the survey. */
export async function hasResponseFrom(db: Q, surveyId: number, deviceHash: string): Promise<boolean> {
  const row = await db.selectFrom('survey_responses').select('id').where('survey_id', '=', surveyId).where('device_hash', '=', deviceHash).executeTakeFirst()
  return row !== undefined
}

/** Inserts a response and its answers; returns its id. The unique key (survey, device) refuses a second one. */
export async function insertResponse(
  trx: Q,
  input: { surveyId: number; unitId: number; deviceHash: string; answers: ReadonlyMap<number, AnswerValue> },
  now: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('survey_responses')
    .values({ survey_id: input.surveyId, unit_id: input.unitId, device_hash: input.deviceHash, created_at: instant(now) })
    .returning('id')
    .executeTakeFirstOrThrow()
  const responseId = Number(id)
  const rows = [...input.answers].map(([questionId, value]) => ({ response_id: responseId, question_id: questionId, value_json: JSON.stringify(value) }))
  if (rows.length > 0) await trx.insertInto('survey_answers').values(rows).execute()
  return responseId
}

/** Responses to a survey, optionally from one unit. */
export async function countResponses(db: Q, surveyId: number, unitId: number | null): Promise<number> {
  let query = db.selectFrom('survey_responses').select(sql<number>`count(*)`.as('n')).where('survey_id', '=', surveyId)
  if (unitId !== null) query = query.where('unit_id', '=', unitId)
  const row = await query.executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** How many times each stored value was given, per question: one grouped query for the whole survey. */
export async function countAnswers(db: Q, surveyId: number, unitId: number | null): Promise<AnswerCount[]> {
  let query = db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
    .select(['a.question_id', 'a.value_json', sql<number>`count(*)`.as('n')])
    .where('r.survey_id', '=', surveyId)
  if (unitId !== null) query = query.where('r.unit_id', '=', unitId)
  const rows = await query.groupBy(['a.question_id', 'a.value_json']).execute()
  return rows.map((r) => ({ questionId: Number(r.question_id), valueJson: r.value_json, count: Number(r.n) }))
}

/** One response with its answers, for the export. */
export interface ResponseRecord {
  readonly id: number
  readonly unitCode: string
  readonly unitName: string
  readonly createdAt: Date
  readonly answers: ReadonlyMap<number, AnswerValue>
}

/** Every response of a survey (optionally from one unit) with its answers, oldest first. */
export async function findResponses(db: Q, surveyId: number, unitId: number | null): Promise<ResponseRecord[]> {
  let responses = db
    .selectFrom('survey_responses as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['r.id', 'r.created_at', 'u.code', 'u.name'])
    .where('r.survey_id', '=', surveyId)
  if (unitId !== null) responses = responses.where('r.unit_id', '=', unitId)
  const rows = await responses.orderBy('r.id').execute()
  let answers = db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
    .select(['a.response_id', 'a.question_id', 'a.value_json'])
    .where('r.survey_id', '=', surveyId)
  if (unitId !== null) answers = answers.where('r.unit_id', '=', unitId)
  const byResponse = new Map<number, Map<number, AnswerValue>>()
  for (const a of await answers.execute()) {
    const responseId = Number(a.response_id)
    const map = byResponse.get(responseId) ?? new Map<number, AnswerValue>()
    map.set(Number(a.question_id), JSON.parse(a.value_json) as AnswerValue)
    byResponse.set(responseId, map)
  }
  return rows.map((r) => ({ id: Number(r.id), unitCode: r.code, unitName: r.name, createdAt: toDate(r.created_at), answers: byResponse.get(Number(r.id)) ?? new Map() }))
}
