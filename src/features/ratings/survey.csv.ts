/**
 * The CSV export of a survey's responses: one row per response, one column per question.
 * RFC 4180: fields separated by commas, records by CRLF, a field quoted when it holds a comma, a
 * quote, CR or LF, with its quotes doubled. UTF-8 with a byte-order mark, without which Excel
 * reads the file as the local code page and garbles Vietnamese. No CSV library is installed, and
 * writing is the easy half of CSV, so it is done here and tested.
 */
import type { Translate } from '../../platform/i18n/i18n.ts'
import { formatInstant } from '../calendar/index.ts'
import type { ResponseRecord } from './survey.repository.ts'
import { questionsOf } from './survey.ts'
import type { AnswerValue, Survey, SurveyQuestion } from './survey.ts'

/** The UTF-8 byte-order mark that makes Excel read the file as UTF-8. */
export const UTF8_BOM = '\uFEFF'

/**
 * One field, quoted when needed. A field that a spreadsheet would run as a formula (starting with
 * =, +, -, @, tab or CR) gets a leading apostrophe: free-text answers come from anyone.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** Records as CSV text: CRLF after every record, the BOM first. */
export function toCsv(records: readonly (readonly string[])[]): string {
  return UTF8_BOM + records.map((record) => `${record.map(csvField).join(',')}\r\n`).join('')
}

/** An answer as a spreadsheet cell: "4 - Hài lòng", an option, options joined by "; ", or the text. */
function answerCell(question: SurveyQuestion, value: AnswerValue | undefined, t: Translate): string {
  if (value === undefined) return ''
  if (question.kind === 'scale' && typeof value === 'number') return `${value} - ${t(`ratings.survey.level.${value}`)}`
  if (Array.isArray(value)) return value.join('; ')
  return String(value)
}

/** The export of a survey's responses, headed in the page's language. */
export function surveyCsv(survey: Survey, responses: readonly ResponseRecord[], t: Translate): string {
  const questions = questionsOf(survey)
  const header = [
    t('ratings.survey.csv.response'),
    t('ratings.survey.csv.createdAt'),
    t('ratings.survey.csv.unitCode'),
    t('ratings.survey.csv.unit'),
    ...questions.map((q, i) => `${t('ratings.survey.csv.question', { number: i + 1 })} ${q.text}`),
  ]
  const rows = responses.map((r) => [
    String(r.id),
    formatInstant(r.createdAt).slice(0, 16).replace('T', ' '),
    r.unitCode,
    r.unitName,
    ...questions.map((q) => answerCell(q, r.answers.get(q.id), t)),
  ])
  return toCsv([header, ...rows])
}
