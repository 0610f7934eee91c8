/**
 * Demo data of direct dialogues, taken through the same use cases organisers, residents and
 * secretaries use (so each session has its audit entries, notices and tracked items): in Uyên Hưng
 * a session held this year with its minutes published — three questions sent beforehand, one from
 * the floor, their answers and two commitments tracked in the feedback module; in Bạch Đằng an
 * upcoming session open for questions; and sessions held in eight more wards this year, so the
 * coverage reads 10/12 (Bạch Đằng's is still ahead, Thạnh Hội has none).
 *
 * THIS IS DEMO DATA: every question, name and answer is invented for this product. Unit codes and
 * usernames are those of the units feature's demo (unit.seed.ts).
 */
import { randomBytes } from 'node:crypto'
import type { Db } from '../../db/database.ts'
import { createCaptcha, solveWork } from '../../platform/captcha/captcha.ts'
import type { Clock } from '../../platform/clock.ts'
import { createCalendarService, instantOf, localDateOf } from '../calendar/index.ts'
import * as units from '../units/index.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import {
  addCommitment,
  answerQuestion,
  applySessionAction,
  createSession,
  moderateQuestion,
  newDeviceToken,
  recordFloorQuestion,
  submitQuestion,
  supportQuestion,
  updateSession,
} from './dialogue.service.ts'
import type { PublicDialogueDeps, QuestionInput } from './dialogue.service.ts'

/** How many times seedDemoDialogues calls `step`: once per session. */
export const DEMO_DIALOGUE_STEPS = 11

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** The demo's town moderator, who moderates the wards' questions. */
const MODERATOR = 'kiemduyet.tanuyen'

/** The wards that held a plain session this year: code, username slug, topic, and where in the year (0–1). */
const HELD: readonly { readonly code: string; readonly slug: string; readonly topic: string; readonly at: number; readonly venue: string; readonly hasMinutes: boolean }[] = [
  { code: '25891', slug: 'tanphuockhanh', topic: 'Đầu tư hạ tầng giao thông, chiếu sáng khu dân cư', at: 0.1, venue: 'Hội trường UBND phường Tân Phước Khánh', hasMinutes: true },
  { code: '25939', slug: 'thaihoa', topic: 'Công tác giải phóng mặt bằng dự án đường vành đai', at: 0.2, venue: 'Nhà văn hóa khu phố Thái Hòa', hasMinutes: true },
  { code: '25936', slug: 'thanhphuoc', topic: 'An ninh trật tự và phòng chống tội phạm', at: 0.3, venue: 'Hội trường UBND phường Thạnh Phước', hasMinutes: true },
  { code: '25921', slug: 'khanhbinh', topic: 'Chống ngập úng mùa mưa và nạo vét cống rãnh', at: 0.35, venue: 'Hội trường chợ Khánh Bình', hasMinutes: true },
  { code: '25920', slug: 'tanhiep', topic: 'Cải cách thủ tục hành chính tại Bộ phận một cửa', at: 0.45, venue: 'Hội trường UBND phường Tân Hiệp', hasMinutes: false },
  { code: '25915', slug: 'hoinghia', topic: 'Vệ sinh môi trường các khu công nghiệp', at: 0.55, venue: 'Nhà văn hóa khu phố 4, phường Hội Nghĩa', hasMinutes: true },
  { code: '25924', slug: 'phuchanh', topic: 'Quản lý đất đai, xây dựng nhà ở', at: 0.6, venue: 'Hội trường UBND phường Phú Chánh', hasMinutes: false },
  { code: '25933', slug: 'tanvinhhiep', topic: 'An toàn thực phẩm bếp ăn tập thể', at: 0.7, venue: 'Hội trường UBND phường Tân Vĩnh Hiệp', hasMinutes: true },
  { code: '25912', slug: 'vinhtan', topic: 'Trật tự lòng đường, vỉa hè', at: 0.8, venue: 'Hội trường UBND phường Vĩnh Tân', hasMinutes: false },
]

/** The Uyên Hưng session's questions sent beforehand, and what happened to each. */
const UYEN_HUNG_QUESTIONS: readonly (QuestionInput & { readonly answer: string; readonly answeredBy: string; readonly supports: number; readonly assignTo?: string; readonly prepared?: string })[] = [
  {
    askerName: 'Trần Minh Khôi',
    residentialArea: 'Khu phố Long Bình',
    contact: '0909 111 222',
    text: 'Xe thu gom rác ở khu phố Long Bình thường trễ lịch hai, ba ngày, rác tràn ra đường. Phường có cách nào buộc đơn vị thu gom đến đúng lịch không?',
    answer: 'Phường đã làm việc với đơn vị thu gom; từ tháng này xe đến vào 6 giờ sáng thứ Hai, Tư, Sáu. Tổ dân phố được giao theo dõi và báo ngay khi xe trễ lịch.',
    answeredBy: 'Chủ tịch UBND phường',
    supports: 7,
    assignTo: '723',
    prepared: 'Hợp đồng thu gom do thị xã ký: Phòng Tài nguyên và Môi trường đã nhắc đơn vị thu gom và sẽ trừ tiền theo hợp đồng khi trễ lịch.',
  },
  {
    isAnonymous: true,
    residentialArea: 'Khu phố 2',
    text: 'Các quán ăn sáng trên đường Nguyễn Văn Linh bày bàn ghế kín vỉa hè, người đi bộ phải xuống lòng đường. Đề nghị phường xử lý dứt điểm.',
    answer: 'Tổ trật tự đô thị đã nhắc nhở 7 hộ và ký cam kết chừa lối đi 1,5 mét. Phường sẽ kiểm tra vào các buổi sáng và xử phạt nếu tái phạm.',
    answeredBy: 'Bí thư Đảng ủy phường',
    supports: 4,
  },
  {
    askerName: 'Lê Thị Hồng',
    residentialArea: 'Khu phố 3',
    text: 'Hẻm 45 khu phố 3 mỗi lần mưa lớn ngập đến nửa bánh xe vì cống nhỏ và nghẹt. Bao giờ phường nâng cấp cống thoát nước?',
    answer: 'Phường đã đưa tuyến cống hẻm 45 vào kế hoạch nâng cấp; trước mắt sẽ nạo vét trong tháng này.',
    answeredBy: 'Chủ tịch UBND phường',
    supports: 9,
  },
]

/** The demo's questions for Bạch Đằng's upcoming session. */
const BACH_DANG_QUESTIONS: readonly QuestionInput[] = [
  { askerName: 'Phạm Văn Tư', residentialArea: 'Ấp 1', text: 'Đường liên ấp 1 – ấp 3 xuống cấp, nhiều ổ gà, xe chở nông sản đi rất khó. Xã có kế hoạch sửa chữa không?' },
  { isAnonymous: true, residentialArea: 'Ấp 2', text: 'Đề nghị xã lắp thêm đèn chiếu sáng đoạn đường ven sông, buổi tối rất tối và vắng.' },
]

/** The instant of 08:00 Vietnam time on the day of an instant. */
function eightOClockOn(at: Date): Date {
  return instantOf(localDateOf(at), 8 * 60)
}

/**
 * Seeds the demo sessions through the use cases, with the clock set back to when each thing
 * happened; calls `step` after each session. Does nothing on a database without the demo's units.
 */
export async function seedDemoDialogues(deps: { readonly db: Db; readonly clock: Clock; readonly baseUrl?: string }, step: () => void = () => {}): Promise<void> {
  const hasDemoUnits = await units.getUnitByCode(deps, '25888').then(
    () => true,
    () => false,
  )
  if (!hasDemoUnits) return
  const start = deps.clock.now()
  let current = start
  // The clock never runs past the real present.
  const at = (instant: Date) => (current = new Date(Math.min(instant.getTime(), start.getTime())))
  const clock: Clock = { now: () => new Date(current) }
  // The seed solves its own challenges: a captcha of its own, easy, with a secret nobody keeps.
  const captcha = createCaptcha({ secret: randomBytes(32).toString('hex'), difficultyBits: 8, ttlMs: HOUR_MS, db: deps.db })
  const dialogueDeps: PublicDialogueDeps = { db: deps.db, clock, calendar: createCalendarService({ db: deps.db, clock }), config: { baseUrl: deps.baseUrl ?? 'http://localhost:3000' }, captcha }
  const principals = new Map<string, Principal>()
  const as = async (username: string): Promise<Principal> => {
    let principal = principals.get(username)
    if (!principal) {
      const staff = await units.getStaffByUsername(deps, username)
      principals.set(username, (principal = (await units.loadPrincipal(deps, staff.id))!))
    }
    return principal
  }
  let address = 0
  const ask = (sessionId: number, input: QuestionInput) => {
    const challenge = captcha.issue(clock.now())
    // Documentation addresses (RFC 5737): the per-address limit counts each demo resident apart.
    return submitQuestion(dialogueDeps, sessionId, input, { clientAddress: `192.0.2.${++address}`, honeypot: '', captcha: { token: challenge.token, nonce: solveWork(challenge.salt, challenge.difficultyBits) } })
  }
  const support = async (sessionId: number, questionId: number, times: number) => {
    for (let i = 0; i < times; i++) await supportQuestion(dialogueDeps, sessionId, questionId, newDeviceToken(), `198.51.100.${++address % 250}`)
  }

  // This year's span so far: sessions are spread over it, each at least a few hours ago.
  const yearStart = instantOf({ year: localDateOf(start).year, month: 1, day: 1 })
  const elapsed = Math.max(start.getTime() - yearStart.getTime(), 0)
  const sessionAt = (fraction: number) => {
    const day = eightOClockOn(new Date(yearStart.getTime() + elapsed * fraction))
    return day.getTime() + 4 * HOUR_MS <= start.getTime() ? day : new Date(start.getTime() - 4 * HOUR_MS)
  }

  // Uyên Hưng: the full record.
  {
    const startsAt = sessionAt(0.75)
    at(new Date(startsAt.getTime() - 14 * DAY_MS))
    const session = await createSession(dialogueDeps, await as('chutich.uyenhung'), {
      unitCode: '25888',
      topic: 'Vệ sinh môi trường, trật tự đô thị và chống ngập',
      description: 'Lãnh đạo Đảng ủy, UBND phường Uyên Hưng đối thoại trực tiếp với Nhân dân về thu gom rác, lấn chiếm vỉa hè và ngập nước khi mưa.',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * HOUR_MS),
      venue: 'Hội trường UBND phường Uyên Hưng',
      livestreamUrl: 'https://www.facebook.com/phuonguyenhung.example/live',
      secretaryUsername: 'motcua.uyenhung',
      hosts: [
        { username: 'bithu.uyenhung', roleLabel: 'Bí thư Đảng ủy phường Uyên Hưng' },
        { username: 'chutich.uyenhung', roleLabel: 'Chủ tịch UBND phường Uyên Hưng' },
      ],
    })
    at(new Date(startsAt.getTime() - 12 * DAY_MS))
    await applySessionAction(dialogueDeps, await as('chutich.uyenhung'), session.id, { action: 'open_questions' })
    const questions: { id: number; spec: (typeof UYEN_HUNG_QUESTIONS)[number] }[] = []
    for (const [i, spec] of UYEN_HUNG_QUESTIONS.entries()) {
      at(new Date(startsAt.getTime() - (10 - i) * DAY_MS))
      const { answer: _answer, answeredBy: _by, supports: _supports, assignTo: _assignTo, prepared: _prepared, ...input } = spec
      questions.push({ id: (await ask(session.id, input)).id, spec })
    }
    at(new Date(startsAt.getTime() - 6 * DAY_MS))
    for (const q of questions) {
      await moderateQuestion(dialogueDeps, await as(MODERATOR), session.id, q.id, { action: 'publish' })
      if (q.spec.assignTo) await moderateQuestion(dialogueDeps, await as(MODERATOR), session.id, q.id, { action: 'assign', unitCode: q.spec.assignTo })
    }
    at(new Date(startsAt.getTime() - 4 * DAY_MS))
    for (const q of questions) {
      await support(session.id, q.id, q.spec.supports)
      if (q.spec.prepared) await moderateQuestion(dialogueDeps, await as('chutich.tanuyen'), session.id, q.id, { action: 'prepare_answer', text: q.spec.prepared })
    }
    // At the session: answers, a question from the floor, two commitments.
    const secretary = await as('motcua.uyenhung')
    for (const [i, q] of questions.entries()) {
      at(new Date(startsAt.getTime() + (30 + 20 * i) * 60_000))
      await answerQuestion(dialogueDeps, secretary, session.id, q.id, { answer: q.spec.answer, answeredBy: q.spec.answeredBy })
    }
    at(new Date(startsAt.getTime() + 110 * 60_000))
    await recordFloorQuestion(dialogueDeps, secretary, session.id, {
      askerName: 'Võ Văn Mười',
      residentialArea: 'Khu phố 1',
      text: 'Đoạn đường đất ven suối khu phố 1 chưa có đèn chiếu sáng, buổi tối học sinh đi học về rất nguy hiểm.',
      answer: 'Phường ghi nhận và cam kết lắp đèn chiếu sáng cho đoạn đường này.',
      answeredBy: 'Chủ tịch UBND phường',
    })
    at(new Date(startsAt.getTime() + 150 * 60_000))
    // One commitment is a few days overdue (when the session was long enough ago), the other still open.
    const dueDay = (instant: number) => localDateOf(new Date(instant))
    const dateText = (d: { year: number; month: number; day: number }) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`
    await addCommitment(dialogueDeps, secretary, session.id, {
      questionId: questions[2]!.id,
      responsibleUnitCode: '25888',
      responsible: 'Chủ tịch UBND phường Uyên Hưng',
      content: 'Nạo vét và nâng cấp cống thoát nước hẻm 45 khu phố 3',
      dueAt: dateText(dueDay(Math.max(startsAt.getTime() + 7 * DAY_MS, start.getTime() - 3 * DAY_MS))),
      category: 'infrastructure',
    })
    await addCommitment(dialogueDeps, secretary, session.id, {
      responsibleUnitCode: '25888',
      responsible: 'Công chức Địa chính – Xây dựng phường',
      content: 'Lắp đèn chiếu sáng đoạn đường đất ven suối khu phố 1',
      dueAt: dateText(dueDay(start.getTime() + 45 * DAY_MS)),
      category: 'infrastructure',
    })
    at(new Date(startsAt.getTime() + 3 * HOUR_MS))
    await applySessionAction(dialogueDeps, secretary, session.id, { action: 'mark_held' })
    await updateSession(dialogueDeps, secretary, session.id, {
      participants:
        'Chủ trì: Bí thư Đảng ủy, Chủ tịch UBND phường. Tham dự: Phó Chủ tịch UBND phường, Chủ tịch Ủy ban MTTQ Việt Nam phường, đại diện Phòng Tài nguyên và Môi trường thị xã, trưởng các khu phố và Nhân dân phường Uyên Hưng.',
      attendance: 142,
      summary: 'Buổi đối thoại diễn ra dân chủ, thẳng thắn. Lãnh đạo phường trả lời 4 câu hỏi và nhận 2 cam kết, được theo dõi đến khi hoàn thành.',
    })
    at(new Date(startsAt.getTime() + DAY_MS))
    await applySessionAction(dialogueDeps, await as('chutich.uyenhung'), session.id, { action: 'publish_minutes' })
    step()
  }

  // Eight more wards held a session this year (and Tân Hiệp's, Phú Chánh's, Vĩnh Tân's minutes are still being written).
  for (const ward of HELD) {
    const startsAt = sessionAt(ward.at)
    const chair = await as(`chutich.${ward.slug}`)
    at(new Date(startsAt.getTime() - 10 * DAY_MS))
    const session = await createSession(dialogueDeps, chair, {
      unitCode: ward.code,
      topic: ward.topic,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * HOUR_MS),
      venue: ward.venue,
      secretaryUsername: `motcua.${ward.slug}`,
      hosts: [{ username: `bithu.${ward.slug}` }, { username: `chutich.${ward.slug}` }],
    })
    const secretary = await as(`motcua.${ward.slug}`)
    at(new Date(startsAt.getTime() + HOUR_MS))
    await recordFloorQuestion(dialogueDeps, secretary, session.id, {
      residentialArea: 'Khu phố 1',
      text: `Xin lãnh đạo phường cho biết kết quả thực hiện các kiến nghị về ${ward.topic.toLowerCase()} năm trước?`,
      answer: 'Phường đã thực hiện xong phần lớn các kiến nghị; kết quả được niêm yết tại trụ sở và đăng trên cổng thông tin.',
      answeredBy: 'Chủ tịch UBND phường',
    })
    at(new Date(startsAt.getTime() + 3 * HOUR_MS))
    await applySessionAction(dialogueDeps, secretary, session.id, { action: 'mark_held' })
    if (ward.hasMinutes) {
      await updateSession(dialogueDeps, secretary, session.id, { participants: 'Lãnh đạo Đảng ủy, UBND, Ủy ban MTTQ Việt Nam phường; trưởng các khu phố; Nhân dân.', attendance: 80 + Math.round(ward.at * 100) })
      at(new Date(startsAt.getTime() + DAY_MS))
      await applySessionAction(dialogueDeps, chair, session.id, { action: 'publish_minutes' })
    }
    step()
  }

  // Bạch Đằng: the next session, open for questions.
  {
    const startsAt = eightOClockOn(new Date(start.getTime() + 10 * DAY_MS))
    at(new Date(start.getTime() - 5 * DAY_MS))
    const chair = await as('chutich.bachdang')
    const session = await createSession(dialogueDeps, chair, {
      unitCode: '25930',
      topic: 'Giao thông nông thôn và chiếu sáng đường liên ấp',
      description: 'Lãnh đạo Đảng ủy, UBND xã Bạch Đằng đối thoại với Nhân dân. Bà con có thể gửi câu hỏi trước trên cổng thông tin.',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * HOUR_MS),
      venue: 'Hội trường UBND xã Bạch Đằng',
      secretaryUsername: 'motcua.bachdang',
      hosts: [
        { username: 'bithu.bachdang', roleLabel: 'Bí thư Đảng ủy xã Bạch Đằng' },
        { username: 'chutich.bachdang', roleLabel: 'Chủ tịch UBND xã Bạch Đằng' },
      ],
    })
    at(new Date(start.getTime() - 4 * DAY_MS))
    await applySessionAction(dialogueDeps, chair, session.id, { action: 'open_questions' })
    at(new Date(start.getTime() - 3 * DAY_MS))
    const first = await ask(session.id, BACH_DANG_QUESTIONS[0]!)
    at(new Date(start.getTime() - 2 * DAY_MS))
    await moderateQuestion(dialogueDeps, await as(MODERATOR), session.id, first.id, { action: 'publish' })
    await support(session.id, first.id, 5)
    // The second waits in the moderation queue.
    at(new Date(start.getTime() - DAY_MS))
    await ask(session.id, BACH_DANG_QUESTIONS[1]!)
    step()
  }
}
