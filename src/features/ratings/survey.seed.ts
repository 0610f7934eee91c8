/**
 * Demo data of the surveys: one open survey of the deployment's own unit (the demo town) covering
 * it and every unit under it, with questions in our own wording on the five SIPAS factors, and
 * forty answered forms spread over the past week so the results page has something to show.
 *
 * THIS IS DEMO DATA: the responses are invented. The questions are written for this product, not
 * copied from the Ministry's questionnaire.
 */
import { randomBytes } from 'node:crypto'
import type { Db } from '../../db/database.ts'
import { createCaptcha } from '../../platform/captcha/captcha.ts'
import type { Clock } from '../../platform/clock.ts'
import { formatInstant } from '../calendar/index.ts'
import * as units from '../units/index.ts'
import * as repo from './survey.repository.ts'
import { createSurvey, openSurvey, RESPONSE_LIMITS, submitResponse } from './survey.service.ts'
import type { SectionInput } from './survey.service.ts'
import { questionsOf } from './survey.ts'
import type { Survey } from './survey.ts'

/** How many times seedDemoSurvey calls `step` (for the seed's progress bar). */
export const DEMO_SURVEY_STEPS = 2

/** Demo responses seeded. */
export const DEMO_SURVEY_RESPONSES = 40

const DAY_MS = 86_400_000

/** The demo survey's sections, in order. */
const DEMO_SECTIONS: readonly SectionInput[] = [
  {
    title: 'Thông tin chung',
    factor: null,
    questions: [
      {
        kind: 'single',
        text: 'Lần gần đây nhất, bạn đến làm thủ tục thuộc lĩnh vực nào?',
        options: ['Hộ tịch (khai sinh, kết hôn, khai tử)', 'Chứng thực bản sao, chữ ký', 'Đất đai, xây dựng', 'Cư trú, xác nhận thông tin', 'Chính sách xã hội, người có công', 'Lĩnh vực khác'],
        isRequired: true,
      },
      { kind: 'single', text: 'Bạn đã nộp hồ sơ theo cách nào?', options: ['Trực tiếp tại Bộ phận một cửa', 'Qua Cổng dịch vụ công', 'Qua bưu điện'], isRequired: true },
    ],
  },
  {
    title: 'Tiếp cận dịch vụ',
    factor: 'access',
    questions: [
      { kind: 'scale', text: 'Chỗ ngồi chờ, chỗ để xe, nước uống và nhà vệ sinh tại Bộ phận một cửa', isRequired: true },
      { kind: 'scale', text: 'Việc lấy số thứ tự và thời gian chờ đến lượt', isRequired: true },
      {
        kind: 'multiple',
        text: 'Bạn biết thông tin về thủ tục qua những kênh nào?',
        options: ['Bảng niêm yết tại trụ sở', 'Cổng thông tin điện tử của thị xã', 'Hỏi trực tiếp công chức', 'Người quen, hàng xóm', 'Loa truyền thanh, tổ dân phố'],
        isRequired: false,
      },
    ],
  },
  {
    title: 'Thủ tục hành chính',
    factor: 'procedure',
    questions: [
      { kind: 'scale', text: 'Thành phần hồ sơ và mẫu đơn được niêm yết công khai, dễ hiểu', isRequired: true },
      { kind: 'scale', text: 'Phí, lệ phí được thu đúng mức đã công khai', isRequired: true },
    ],
  },
  {
    title: 'Công chức tiếp nhận, giải quyết hồ sơ',
    factor: 'official',
    questions: [
      { kind: 'scale', text: 'Thái độ lịch sự, tôn trọng của công chức', isRequired: true },
      { kind: 'scale', text: 'Công chức hướng dẫn đầy đủ, rõ ràng ngay từ lần đầu', isRequired: true },
    ],
  },
  {
    title: 'Kết quả giải quyết',
    factor: 'result',
    questions: [
      { kind: 'scale', text: 'Nhận kết quả đúng ngày hẹn ghi trên giấy tiếp nhận', isRequired: true },
      { kind: 'scale', text: 'Kết quả đúng, đủ thông tin, không phải sửa lại', isRequired: true },
    ],
  },
  {
    title: 'Tiếp nhận góp ý, phản ánh',
    factor: 'feedback',
    questions: [{ kind: 'scale', text: 'Cách gửi góp ý, phản ánh được công khai và dễ sử dụng', isRequired: false }],
  },
  {
    title: 'Ý kiến khác',
    factor: null,
    questions: [{ kind: 'text', text: 'Bạn có góp ý gì để việc phục vụ người dân tốt hơn?', isRequired: false }],
  },
]

/** Comments the demo residents leave (invented). */
const DEMO_COMMENTS = [
  'Cán bộ một cửa hướng dẫn rất tận tình, cảm ơn.',
  'Nên có thêm ghế ngồi chờ vào sáng thứ Hai, người đến đông.',
  'Mong được nhắn tin báo khi hồ sơ có kết quả.',
  'Bãi giữ xe hơi chật vào giờ cao điểm.',
  'Nên niêm yết mẫu đơn đã điền sẵn để người dân làm theo.',
]

/** A small deterministic generator, so the demo's figures are the same on every machine. */
function generator(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let x = Math.imul(state ^ (state >>> 15), 1 | state)
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x)
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** A level drawn mostly from "satisfied" and "very satisfied", as such surveys usually come out. */
function demoLevel(random: () => number): number {
  const r = random()
  return r < 0.02 ? 1 : r < 0.08 ? 2 : r < 0.2 ? 3 : r < 0.62 ? 4 : 5
}

/** The answers of one demo resident. */
function demoAnswers(survey: Survey, random: () => number): Record<string, unknown> {
  const answers: Record<string, unknown> = {}
  for (const question of questionsOf(survey)) {
    const id = String(question.id)
    if (question.kind === 'scale') {
      if (question.isRequired || random() < 0.7) answers[id] = demoLevel(random)
    } else if (question.kind === 'single') {
      answers[id] = question.options[Math.floor(random() * question.options.length)]
    } else if (question.kind === 'multiple') {
      const chosen = question.options.filter(() => random() < 0.35)
      if (chosen.length > 0) answers[id] = chosen
    } else if (random() < 0.3) {
      answers[id] = DEMO_COMMENTS[Math.floor(random() * DEMO_COMMENTS.length)]
    }
  }
  return answers
}

/**
 * Seeds the demo survey of the deployment's own unit: created, opened a week ago for three months,
 * and answered 40 times through the same use case residents use (audited like real responses).
 * Does nothing on a database without units. Returns the survey's id, or null.
 */
export async function seedDemoSurvey(deps: { readonly db: Db; readonly clock: Clock }, step: () => void = () => {}): Promise<number | null> {
  const home = await units.getHomeUnit(deps)
  if (!home) return null
  const now = deps.clock.now()
  const opensAt = new Date(now.getTime() - 7 * DAY_MS)
  const covered = await repo.findUnitsUnder(deps.db, [home.path])
  const created = await createSurvey({ db: deps.db, clock: { now: () => opensAt } }, 'system', {
    title: 'Khảo sát sự hài lòng của người dân về giải quyết thủ tục hành chính năm 2026',
    description:
      'Ủy ban nhân dân thị xã mong nhận ý kiến của bạn về lần làm thủ tục gần đây nhất tại Bộ phận một cửa. Phiếu gồm 13 câu, trả lời trong khoảng 3 phút, không hỏi thông tin cá nhân.',
    ownerUnitCode: home.code,
    unitCodes: covered.map((u) => u.code),
    opensAt: formatInstant(opensAt),
    closesAt: formatInstant(new Date(now.getTime() + 90 * DAY_MS)),
    sections: DEMO_SECTIONS,
  })
  const survey = await openSurvey({ db: deps.db, clock: { now: () => opensAt } }, 'system', created.id)
  step()
  // The seed answers through the residents' use case; a zero-bit captcha is solved by any nonce.
  const random = generator(20260302)
  const captcha = createCaptcha({ secret: randomBytes(32).toString('hex'), difficultyBits: 0, ttlMs: 60_000, db: deps.db })
  for (let i = 0; i < DEMO_SURVEY_RESPONSES; i++) {
    const at = new Date(opensAt.getTime() + Math.floor(((i + random()) / DEMO_SURVEY_RESPONSES) * 7 * DAY_MS))
    const unit = survey.units[Math.floor(random() * survey.units.length)]!
    await submitResponse(
      { db: deps.db, clock: { now: () => at }, captcha },
      {
        surveyId: survey.id,
        unitCode: unit.code,
        deviceId: randomBytes(18).toString('base64url'),
        answers: demoAnswers(survey, random),
        captcha: { token: captcha.issue(at).token, nonce: '0' },
        // One made-up address per window's worth of responses, so the per-address limit is not hit.
        clientAddress: `demo-seed-${Math.floor(i / RESPONSE_LIMITS.perWindow)}`,
      },
    )
  }
  step()
  return survey.id
}
