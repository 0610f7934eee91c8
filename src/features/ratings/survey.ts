/**
 * Surveys of residents' satisfaction (khảo sát sự hài lòng), as pure types and rules: the SIPAS
 * factors, the kinds of question, the statuses, checking a survey's definition and a response,
 * and computing the results and the SIPAS-style index. No I/O.
 *
 * The index, and what we verified about the official method:
 * - Decision 1001/QĐ-BNV of 11 December 2023 (Ministry of Home Affairs) issues the "Phương pháp đo
 *   lường sự hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước giai đoạn
 *   2023 – 2026", replacing the 2017–2020 scheme (Decision 2640/QĐ-BNV). Its title, date and period
 *   were confirmed from the text published on thuvienphapluat.vn; the annex with the formulas was
 *   not readable in the sources available to us, so the formulas below were NOT checked against it.
 * - The five factors (tiếp cận dịch vụ; thủ tục hành chính; công chức trực tiếp giải quyết công
 *   việc; kết quả dịch vụ; tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị) are those of the
 *   national scheme, as published descriptions of it list them.
 * - National results are published as a percentage of satisfied people: SIPAS 2023 = 82.66%
 *   (announced 17 April 2024, TTXVN), which fits the share-of-satisfied reading used here.
 *
 * Our method, therefore "SIPAS-style" rather than the official index: a factor's index is the
 * share of its five-level answers that are "Hài lòng" (4) or "Rất hài lòng" (5), over every scale
 * question of the sections mapped to that factor; the overall index is the unweighted mean of the
 * indexes of the factors that have at least one answer. Choice and free-text questions, and
 * sections mapped to no factor, are reported but do not enter the index. Before publishing a
 * figure as the official SIPAS, check it against the annex of Decision 1001/QĐ-BNV.
 */
import type { FieldErrors } from '../../platform/http/errors.ts'

/** The five factors of the SIPAS method, in its order. */
export const SIPAS_FACTORS = ['access', 'procedure', 'official', 'result', 'feedback'] as const
/** One of SIPAS_FACTORS. */
export type SipasFactor = (typeof SIPAS_FACTORS)[number]

/** Whether a value names a SIPAS factor. */
export function isSipasFactor(value: unknown): value is SipasFactor {
  return typeof value === 'string' && (SIPAS_FACTORS as readonly string[]).includes(value)
}

/** Kinds of question: a five-level scale, single choice, multiple choice, free text. */
export const QUESTION_KINDS = ['scale', 'single', 'multiple', 'text'] as const
/** One of QUESTION_KINDS. */
export type QuestionKind = (typeof QUESTION_KINDS)[number]

/** Whether a value names a kind of question. */
export function isQuestionKind(value: unknown): value is QuestionKind {
  return typeof value === 'string' && (QUESTION_KINDS as readonly string[]).includes(value)
}

/** The five levels, from 1 "Rất không hài lòng" to 5 "Rất hài lòng". */
export const SCALE_LEVELS = [1, 2, 3, 4, 5] as const
/** Levels that count as satisfied in the index: "Hài lòng" and "Rất hài lòng". */
export const SATISFIED_LEVELS: ReadonlySet<number> = new Set([4, 5])

/** Statuses: built as a draft, then open for answers, then closed. Only a draft may be edited. */
export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const
/** One of SURVEY_STATUSES. */
export type SurveyStatus = (typeof SURVEY_STATUSES)[number]

/** Limits of what a survey holds. */
export const SURVEY_LIMITS = Object.freeze({
  titleLength: 200,
  descriptionLength: 2000,
  questionLength: 500,
  optionLength: 200,
  optionsMin: 2,
  optionsMax: 20,
  textAnswerLength: 2000,
  sections: 20,
  questionsPerSection: 40,
})

/** A question of a survey. */
export interface SurveyQuestion {
  readonly id: number
  readonly sectionId: number
  readonly position: number
  readonly kind: QuestionKind
  readonly text: string
  /** Choices of single and multiple choice questions; empty for the others. */
  readonly options: readonly string[]
  readonly isRequired: boolean
}

/** A section of a survey, mapped to a SIPAS factor or to none. */
export interface SurveySection {
  readonly id: number
  readonly position: number
  readonly title: string
  readonly factor: SipasFactor | null
  readonly questions: readonly SurveyQuestion[]
}

/** A unit as a survey names it. */
export interface SurveyUnit {
  readonly id: number
  readonly code: string
  readonly name: string
  readonly path: string
}

/** A survey with its units, sections and questions. */
export interface Survey {
  readonly id: number
  readonly title: string
  readonly description: string | null
  readonly status: SurveyStatus
  readonly opensAt: Date | null
  readonly closesAt: Date | null
  readonly ownerUnit: SurveyUnit
  /** Units whose residents answer it (the unit they were served at). */
  readonly units: readonly SurveyUnit[]
  readonly sections: readonly SurveySection[]
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** Whether a survey takes answers at an instant: open, and within its period. */
export function isAcceptingResponses(survey: Pick<Survey, 'status' | 'opensAt' | 'closesAt'>, now: Date): boolean {
  return survey.status === 'open' && survey.opensAt !== null && survey.closesAt !== null && survey.opensAt <= now && now < survey.closesAt
}

/** Every question of a survey, in order. */
export function questionsOf(survey: Pick<Survey, 'sections'>): SurveyQuestion[] {
  return survey.sections.flatMap((section) => [...section.questions])
}

/** The form field (and error key) of a question's answer. */
export function answerField(questionId: number): string {
  return `q${questionId}`
}

/** The field errors of a survey that cannot be opened yet (period, units, questions); empty when it can. */
export function checkReadyToOpen(survey: Pick<Survey, 'opensAt' | 'closesAt' | 'units' | 'sections'>): FieldErrors {
  const fields: FieldErrors = {}
  if (survey.opensAt === null) fields.opensAt = 'ratings.survey.errors.opensAt'
  if (survey.closesAt === null) fields.closesAt = 'ratings.survey.errors.closesAt'
  else if (survey.opensAt !== null && survey.closesAt <= survey.opensAt) fields.closesAt = 'ratings.survey.errors.period'
  if (survey.units.length === 0) fields.unitCodes = 'ratings.survey.errors.units'
  if (questionsOf(survey).length === 0) fields.sections = 'ratings.survey.errors.noQuestions'
  return fields
}

/** What a question definition is made of, as typed. */
export interface QuestionInput {
  readonly kind: unknown
  readonly text: unknown
  /** Choices: a list, or text with one choice per line. */
  readonly options?: unknown
  readonly isRequired?: unknown
}

/** A question definition once checked. */
export interface CheckedQuestion {
  readonly kind: QuestionKind
  readonly text: string
  readonly options: string[]
  readonly isRequired: boolean
}

/** Splits choices typed one per line (or given as a list) into trimmed, non-empty lines. */
export function splitOptions(value: unknown): string[] {
  const lines = Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : '')) : typeof value === 'string' ? value.split(/\r?\n/) : []
  return lines.map((line) => line.trim()).filter((line) => line !== '')
}

/** Checks a question definition; field errors use `prefix` (e.g. "sections.0.questions.1."). */
export function checkQuestion(input: QuestionInput, prefix = ''): { question: CheckedQuestion | null; fields: FieldErrors } {
  const fields: FieldErrors = {}
  const kind = input.kind
  if (!isQuestionKind(kind)) fields[`${prefix}kind`] = 'ratings.survey.errors.kind'
  const text = typeof input.text === 'string' ? input.text.trim() : ''
  if (text === '' || text.length > SURVEY_LIMITS.questionLength) fields[`${prefix}text`] = 'ratings.survey.errors.questionText'
  const isChoice = kind === 'single' || kind === 'multiple'
  const options = isChoice ? splitOptions(input.options) : []
  if (isChoice) {
    const isDistinct = new Set(options.map((o) => o.toLocaleLowerCase('vi'))).size === options.length
    if (options.length < SURVEY_LIMITS.optionsMin || options.length > SURVEY_LIMITS.optionsMax || !isDistinct || options.some((o) => o.length > SURVEY_LIMITS.optionLength)) {
      fields[`${prefix}options`] = 'ratings.survey.errors.options'
    }
  }
  const isRequired = input.isRequired === true || input.isRequired === 'on' || input.isRequired === 'true' || input.isRequired === '1'
  if (Object.keys(fields).length > 0 || !isQuestionKind(kind)) return { question: null, fields }
  return { question: { kind, text, options, isRequired }, fields }
}

/** An answer as stored: a level (scale), an option (single), options (multiple) or text. */
export type AnswerValue = number | string | readonly string[]

/** Checks a response against the survey's questions; answers are keyed by question id. */
export function checkResponse(survey: Pick<Survey, 'sections'>, raw: Readonly<Record<string, unknown>>): { answers: Map<number, AnswerValue>; fields: FieldErrors } {
  const answers = new Map<number, AnswerValue>()
  const fields: FieldErrors = {}
  const questions = questionsOf(survey)
  const known = new Set(questions.map((q) => String(q.id)))
  for (const key of Object.keys(raw)) if (!known.has(key)) fields[`q${key.slice(0, 20)}`] = 'ratings.survey.errors.unknownQuestion'
  for (const question of questions) {
    const field = answerField(question.id)
    const value = raw[String(question.id)]
    const list = (Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value]).filter((v) => v !== '')
    if (list.length === 0) {
      if (question.isRequired) fields[field] = question.kind === 'text' ? 'ratings.survey.errors.requiredText' : 'ratings.survey.errors.requiredChoice'
      continue
    }
    switch (question.kind) {
      case 'scale': {
        const level = typeof list[0] === 'number' ? list[0] : typeof list[0] === 'string' && /^[1-5]$/.test(list[0]) ? Number(list[0]) : NaN
        if (list.length !== 1 || !(SCALE_LEVELS as readonly number[]).includes(level)) fields[field] = 'ratings.survey.errors.level'
        else answers.set(question.id, level)
        break
      }
      case 'single': {
        const choice = list[0]
        if (list.length !== 1 || typeof choice !== 'string' || !question.options.includes(choice)) fields[field] = 'ratings.survey.errors.option'
        else answers.set(question.id, choice)
        break
      }
      case 'multiple': {
        const chosen = [...new Set(list)]
        if (!chosen.every((c): c is string => typeof c === 'string' && question.options.includes(c))) fields[field] = 'ratings.survey.errors.option'
        // Stored in the order of the options, so equal answers read the same in the export.
        else answers.set(question.id, question.options.filter((o) => chosen.includes(o)))
        break
      }
      case 'text': {
        const text = typeof list[0] === 'string' ? list[0].trim() : ''
        if (list.length !== 1 || text.length > SURVEY_LIMITS.textAnswerLength) fields[field] = 'ratings.survey.errors.textLength'
        else if (text !== '') answers.set(question.id, text)
        else if (question.isRequired) fields[field] = 'ratings.survey.errors.requiredText'
        break
      }
    }
  }
  return { answers, fields }
}

/** How many times one stored answer value was given (from a grouped count). */
export interface AnswerCount {
  readonly questionId: number
  /** The stored value, JSON. */
  readonly valueJson: string
  readonly count: number
}

/** One row of a question's results: a level or an option and how many chose it. */
export interface ChoiceCount {
  /** The level (1–5) or the option's text. */
  readonly value: number | string
  readonly count: number
}

/** The results of one question. */
export interface QuestionResult {
  readonly questionId: number
  readonly sectionId: number
  readonly kind: QuestionKind
  readonly text: string
  /** Responses that answered the question. */
  readonly answered: number
  /** Per level (scale, always five rows) or per option (choices); empty for free text. */
  readonly choices: readonly ChoiceCount[]
  /** Free-text answers with how many gave each, most frequent first. */
  readonly texts: readonly { readonly text: string; readonly count: number }[]
  /** Share of a scale question's answers that are satisfied (4 or 5); null for other kinds or none. */
  readonly satisfiedShare: number | null
}

/** The index of one factor. */
export interface FactorResult {
  readonly factor: SipasFactor
  /** Scale answers in the factor's sections. */
  readonly scaleAnswers: number
  /** Of them, "Hài lòng" or "Rất hài lòng". */
  readonly satisfied: number
  /** satisfied / scaleAnswers, or null when the factor has no answer. */
  readonly index: number | null
}

/** A survey's results. */
export interface SurveyResults {
  readonly responses: number
  readonly questions: readonly QuestionResult[]
  /** The five factors, in SIPAS order, with null indexes for those without answers. */
  readonly factors: readonly FactorResult[]
  /** Mean of the factor indexes present; null when no factor has an answer. */
  readonly overallIndex: number | null
}

/** Computes per-question counts, the factor indexes and the overall index from grouped answer counts. */
export function computeResults(survey: Pick<Survey, 'sections'>, counts: readonly AnswerCount[], responses: number): SurveyResults {
  const byQuestion = new Map<number, AnswerCount[]>()
  for (const row of counts) {
    const list = byQuestion.get(row.questionId) ?? []
    list.push(row)
    byQuestion.set(row.questionId, list)
  }
  const factorTotals = new Map<SipasFactor, { scale: number; satisfied: number }>()
  const questions: QuestionResult[] = []
  for (const section of survey.sections) {
    for (const question of section.questions) {
      const rows = (byQuestion.get(question.id) ?? []).map((row) => ({ value: JSON.parse(row.valueJson) as AnswerValue, count: row.count }))
      const answered = rows.reduce((sum, row) => sum + row.count, 0)
      let choices: ChoiceCount[] = []
      let texts: { text: string; count: number }[] = []
      let satisfiedShare: number | null = null
      if (question.kind === 'scale') {
        choices = SCALE_LEVELS.map((level) => ({ value: level, count: rows.filter((r) => r.value === level).reduce((s, r) => s + r.count, 0) }))
        const satisfied = choices.filter((c) => SATISFIED_LEVELS.has(c.value as number)).reduce((s, c) => s + c.count, 0)
        satisfiedShare = answered === 0 ? null : satisfied / answered
        if (section.factor !== null) {
          const totals = factorTotals.get(section.factor) ?? { scale: 0, satisfied: 0 }
          totals.scale += answered
          totals.satisfied += satisfied
          factorTotals.set(section.factor, totals)
        }
      } else if (question.kind === 'single' || question.kind === 'multiple') {
        choices = question.options.map((option) => ({
          value: option,
          count: rows.filter((r) => (Array.isArray(r.value) ? r.value.includes(option) : r.value === option)).reduce((s, r) => s + r.count, 0),
        }))
      } else {
        texts = rows
          .filter((r): r is { value: string; count: number } => typeof r.value === 'string')
          .map((r) => ({ text: r.value, count: r.count }))
          .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text, 'vi'))
      }
      questions.push({ questionId: question.id, sectionId: section.id, kind: question.kind, text: question.text, answered, choices, texts, satisfiedShare })
    }
  }
  const factors = SIPAS_FACTORS.map((factor) => {
    const totals = factorTotals.get(factor) ?? { scale: 0, satisfied: 0 }
    return { factor, scaleAnswers: totals.scale, satisfied: totals.satisfied, index: totals.scale === 0 ? null : totals.satisfied / totals.scale }
  })
  const present = factors.filter((f) => f.index !== null).map((f) => f.index as number)
  const overallIndex = present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length
  return { responses, questions, factors, overallIndex }
}
