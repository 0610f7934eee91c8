/** Pure rules of the surveys: checking definitions and responses, the index, and the CSV's quoting. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createI18n } from '../../platform/i18n/i18n.ts'
import { csvField, surveyCsv, toCsv, UTF8_BOM } from './survey.csv.ts'
import { surveyMessages } from './survey.messages.ts'
import { checkQuestion, checkReadyToOpen, checkResponse, computeResults, isAcceptingResponses } from './survey.ts'
import type { AnswerCount, Survey, SurveyQuestion, SurveySection } from './survey.ts'

const q = (id: number, sectionId: number, kind: SurveyQuestion['kind'], options: string[] = [], isRequired = true): SurveyQuestion => ({
  id,
  sectionId,
  position: id,
  kind,
  text: `Câu ${id}`,
  options,
  isRequired,
})

const SECTIONS: SurveySection[] = [
  { id: 1, position: 1, title: 'Tiếp cận dịch vụ', factor: 'access', questions: [q(1, 1, 'scale'), q(2, 1, 'scale')] },
  { id: 2, position: 2, title: 'Công chức', factor: 'official', questions: [q(3, 2, 'scale')] },
  {
    id: 3,
    position: 3,
    title: 'Thông tin chung',
    factor: null,
    questions: [q(4, 3, 'scale', [], false), q(5, 3, 'single', ['A', 'B']), q(6, 3, 'multiple', ['X', 'Y', 'Z'], false), q(7, 3, 'text', [], false)],
  },
]

const SURVEY: Survey = {
  id: 9,
  title: 'Khảo sát thử',
  description: null,
  status: 'open',
  opensAt: new Date('2026-03-01T00:00:00Z'),
  closesAt: new Date('2026-04-01T00:00:00Z'),
  ownerUnit: { id: 1, code: 'TOWN', name: 'Thị xã', path: '/1/' },
  units: [{ id: 2, code: 'WARD-A', name: 'Phường An', path: '/1/2/' }],
  sections: SECTIONS,
  createdAt: new Date('2026-02-20T00:00:00Z'),
  updatedAt: new Date('2026-02-20T00:00:00Z'),
}

const count = (questionId: number, value: unknown, n: number): AnswerCount => ({ questionId, valueJson: JSON.stringify(value), count: n })

describe('survey rules', () => {
  it('takes answers only while open and within the period', () => {
    assert.equal(isAcceptingResponses(SURVEY, new Date('2026-03-15T00:00:00Z')), true)
    assert.equal(isAcceptingResponses(SURVEY, new Date('2026-02-28T23:59:59Z')), false)
    assert.equal(isAcceptingResponses(SURVEY, new Date('2026-04-01T00:00:00Z')), false)
    assert.equal(isAcceptingResponses({ ...SURVEY, status: 'closed' }, new Date('2026-03-15T00:00:00Z')), false)
    assert.equal(isAcceptingResponses({ ...SURVEY, status: 'draft' }, new Date('2026-03-15T00:00:00Z')), false)
  })

  it('needs a period, units and a question before opening', () => {
    assert.deepEqual(checkReadyToOpen(SURVEY), {})
    assert.deepEqual(Object.keys(checkReadyToOpen({ ...SURVEY, opensAt: null, units: [], sections: [] })).sort(), ['opensAt', 'sections', 'unitCodes'])
    assert.equal(checkReadyToOpen({ ...SURVEY, closesAt: SURVEY.opensAt }).closesAt, 'ratings.survey.errors.period')
  })

  it('checks a question: choices one per line, distinct, two at least', () => {
    assert.deepEqual(checkQuestion({ kind: 'single', text: ' Hình thức nộp ', options: 'Trực tiếp\r\n\r\nTrực tuyến\n', isRequired: 'on' }).question, {
      kind: 'single',
      text: 'Hình thức nộp',
      options: ['Trực tiếp', 'Trực tuyến'],
      isRequired: true,
    })
    assert.equal(checkQuestion({ kind: 'multiple', text: 'x', options: 'Một' }).fields.options, 'ratings.survey.errors.options')
    assert.equal(checkQuestion({ kind: 'single', text: 'x', options: ['A', 'a'] }).fields.options, 'ratings.survey.errors.options')
    assert.deepEqual(checkQuestion({ kind: 'scale', text: 'Thái độ', options: 'ignored\nlines' }).question?.options, [])
    assert.equal(checkQuestion({ kind: 'rating', text: 'x' }).fields.kind, 'ratings.survey.errors.kind')
    assert.equal(checkQuestion({ kind: 'text', text: '   ' }).fields.text, 'ratings.survey.errors.questionText')
  })

  it('checks a response: levels 1–5, known options, required answers, unknown questions', () => {
    const ok = checkResponse(SURVEY, { '1': '5', '2': 4, '3': '1', '5': 'B', '6': ['Z', 'X', 'X'], '7': '  Tốt  ' })
    assert.deepEqual(ok.fields, {})
    assert.deepEqual([...ok.answers], [
      [1, 5],
      [2, 4],
      [3, 1],
      [5, 'B'],
      [6, ['X', 'Z']],
      [7, 'Tốt'],
    ])
    const bad = checkResponse(SURVEY, { '1': '6', '2': ['4', '5'], '5': 'C', '6': ['W'], '99': 'x' })
    assert.deepEqual(bad.fields, {
      q1: 'ratings.survey.errors.level',
      q2: 'ratings.survey.errors.level',
      q3: 'ratings.survey.errors.requiredChoice',
      q5: 'ratings.survey.errors.option',
      q6: 'ratings.survey.errors.option',
      q99: 'ratings.survey.errors.unknownQuestion',
    })
    assert.equal(checkResponse(SURVEY, { '7': 'x'.repeat(2001) }).fields.q7, 'ratings.survey.errors.textLength')
  })
})

describe('survey results', () => {
  it('computes counts, factor indexes and the overall index as computed by hand', () => {
    const counts = [
      // Access: Q1 5,5,4,2 and Q2 3,3,4,4 → 5 satisfied of 8 = 0.625.
      count(1, 5, 2),
      count(1, 4, 1),
      count(1, 2, 1),
      count(2, 3, 2),
      count(2, 4, 2),
      // Official: Q3 1,5,5,5 → 3 of 4 = 0.75.
      count(3, 1, 1),
      count(3, 5, 3),
      // A scale question outside the index: reported, not counted.
      count(4, 5, 4),
      count(5, 'A', 3),
      count(5, 'B', 1),
      count(6, ['X', 'Y'], 2),
      count(6, ['Y'], 1),
      count(7, 'Cần thêm ghế', 1),
      count(7, 'Tốt', 2),
    ]
    const results = computeResults(SURVEY, counts, 4)
    assert.equal(results.responses, 4)
    const byFactor = Object.fromEntries(results.factors.map((f) => [f.factor, f]))
    assert.deepEqual(byFactor.access, { factor: 'access', scaleAnswers: 8, satisfied: 5, index: 0.625 })
    assert.deepEqual(byFactor.official, { factor: 'official', scaleAnswers: 4, satisfied: 3, index: 0.75 })
    assert.equal(byFactor.procedure?.index, null)
    // Mean of the two factors present: (0.625 + 0.75) / 2.
    assert.equal(results.overallIndex, 0.6875)
    const [r1, , , r4, r5, r6, r7] = results.questions
    assert.deepEqual(
      r1?.choices.map((c) => c.count),
      [0, 1, 0, 1, 2],
    )
    assert.equal(r1?.satisfiedShare, 0.75)
    assert.equal(r4?.satisfiedShare, 1)
    assert.deepEqual(r5?.choices, [
      { value: 'A', count: 3 },
      { value: 'B', count: 1 },
    ])
    assert.deepEqual(r6?.choices, [
      { value: 'X', count: 2 },
      { value: 'Y', count: 3 },
      { value: 'Z', count: 0 },
    ])
    assert.equal(r6?.answered, 3)
    assert.deepEqual(r7?.texts, [
      { text: 'Tốt', count: 2 },
      { text: 'Cần thêm ghế', count: 1 },
    ])
  })

  it('has no index without answers', () => {
    const results = computeResults(SURVEY, [], 0)
    assert.equal(results.overallIndex, null)
    assert.ok(results.factors.every((f) => f.index === null))
  })
})

describe('survey CSV', () => {
  it('quotes fields per RFC 4180 and defuses spreadsheet formulas', () => {
    assert.equal(csvField('Phường An'), 'Phường An')
    assert.equal(csvField('a,b'), '"a,b"')
    assert.equal(csvField('nói "rất tốt"'), '"nói ""rất tốt"""')
    assert.equal(csvField('dòng 1\r\ndòng 2'), '"dòng 1\r\ndòng 2"')
    assert.equal(csvField('dòng 1\ndòng 2'), '"dòng 1\ndòng 2"')
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`)
    assert.equal(csvField('-1+2'), "'-1+2")
    assert.equal(toCsv([['a', 'b'], ['c,d', '']]), `${UTF8_BOM}a,b\r\n"c,d",\r\n`)
  })

  it('writes one row per response and one column per question, in Vietnamese', () => {
    const t = createI18n(surveyMessages).translator('vi')
    const csv = surveyCsv(
      SURVEY,
      [
        {
          id: 3,
          unitCode: 'WARD-A',
          unitName: 'Phường An',
          createdAt: new Date('2026-03-02T02:05:00Z'),
          answers: new Map<number, number | string | string[]>([
            [1, 5],
            [6, ['X', 'Y']],
            [7, 'Tốt, "nhanh"'],
          ]),
        },
      ],
      t,
    )
    assert.ok(csv.startsWith(UTF8_BOM))
    const lines = csv.slice(1).split('\r\n')
    assert.equal(lines[0], 'Phiếu số,Thời điểm gửi,Mã đơn vị,Đơn vị,C1. Câu 1,C2. Câu 2,C3. Câu 3,C4. Câu 4,C5. Câu 5,C6. Câu 6,C7. Câu 7')
    assert.equal(lines[1], '3,2026-03-02 09:05,WARD-A,Phường An,5 - Rất hài lòng,,,,,X; Y,"Tốt, ""nhanh"""')
    assert.equal(lines[2], '')
  })
})
