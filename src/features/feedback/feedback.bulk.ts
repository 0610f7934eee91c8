/**
 * Generates many realistic feedback items fast, for benchmarks and province-scale data: rows go in
 * multi-row batches straight into the tables (no audit, outbox or photos), each with a history
 * that matches its status. Deterministic for a given seed.
 */
import { createHash } from 'node:crypto'
import type { Insertable } from 'kysely'
import type { Db } from '../../db/database.ts'
import { instant } from '../../db/portable.ts'
import { generatedName, pick, seededRandom } from '../../platform/seeded-random.ts'
import type { FeedbackItemsTable } from './feedback.table.ts'
import { formatTrackingCode, sequenceDayKey, vietnamDayOf } from './feedback.ts'
import type { FeedbackStatus } from './feedback.ts'

/** Where generated items are spread. */
export interface FeedbackBulkContext {
  readonly units: readonly { id: number; name: string }[]
}

/** Options of a generation run. */
export interface FeedbackBulkOptions {
  readonly count: number
  /** Items are submitted between these instants. */
  readonly from: Date
  readonly to: Date
  /** "Now" for deciding what is still open. */
  readonly now: Date
  readonly seed?: number
  readonly batchSize?: number
  readonly onProgress?: (done: number, total: number) => void
}

const DAY_MS = 86_400_000

// Our own sample wording, one list per category; a generated item takes one sentence and a place.
const SENTENCES: Record<string, readonly string[]> = {
  security_order: ['Nhóm thanh niên tụ tập gây ồn ào sau 23 giờ', 'Xe máy chạy tốc độ cao trong hẻm vào giờ tan học', 'Có người lạ thường xuyên dò xét nhà dân ban đêm'],
  sanitation: ['Nước thải từ cơ sở kinh doanh chảy ra mặt đường', 'Bãi đất trống có nhiều rác và nước đọng, nhiều muỗi', 'Mùi hôi từ cống thoát nước kéo dài nhiều ngày'],
  waste_collection: ['Xe thu gom rác không đến theo lịch hai tuần nay', 'Rác bị đổ trộm ở góc đường, chưa được dọn', 'Điểm tập kết rác tràn ra lòng đường'],
  street_vending: ['Hàng quán lấn chiếm vỉa hè, người đi bộ phải xuống lòng đường', 'Xe đẩy bán hàng đậu trước cổng trường giờ tan học', 'Quán nhậu kê bàn ghế ra lòng đường buổi tối'],
  food_safety: ['Quán ăn sáng không đảm bảo vệ sinh, thức ăn để không che đậy', 'Cơ sở bán thực phẩm không rõ nguồn gốc', 'Bếp ăn tập thể có dấu hiệu mất vệ sinh'],
  infrastructure: ['Đèn đường hỏng nhiều tuần, đoạn đường tối', 'Mặt đường có ổ gà lớn, đã có người té ngã', 'Cống bị nghẹt, mưa xuống là ngập'],
  land_construction: ['Công trình xây dựng không che chắn, vật liệu rơi xuống đường', 'Nhà bên cạnh xây lấn sang phần đất chung', 'Công trình thi công quá giờ quy định gây ồn'],
  administrative_procedures: ['Đề nghị niêm yết rõ hơn danh mục giấy tờ khi làm thủ tục', 'Đề nghị bố trí thêm ghế chờ tại bộ phận một cửa', 'Đề nghị tăng cường hướng dẫn nộp hồ sơ trực tuyến'],
  other: ['Đề nghị lắp thêm biển báo giảm tốc gần chợ', 'Đề nghị trồng thêm cây xanh trên tuyến đường mới', 'Đề nghị tổ chức thêm lớp hướng dẫn dùng dịch vụ công cho người lớn tuổi'],
}
const PLACES = ['khu phố 1', 'khu phố 2', 'khu phố 3', 'khu phố 4', 'ấp 1', 'ấp 2', 'gần chợ', 'gần trường tiểu học', 'đường ĐT 746', 'đường ĐT 747']
const ANSWERS = ['Ủy ban đã cử cán bộ kiểm tra và xử lý, đề nghị bà con tiếp tục phản ánh nếu tái diễn.', 'Đơn vị đã phối hợp với lực lượng chức năng khắc phục trong tuần.', 'Nội dung đã được chuyển bộ phận chuyên môn; dự kiến hoàn thành trong tháng.']

/** Writes `count` items with their history; returns a sample of codes. */
export async function generateFeedback(db: Db, context: FeedbackBulkContext, options: FeedbackBulkOptions): Promise<string[]> {
  if (context.units.length === 0) throw new Error('generateFeedback needs at least one unit')
  const random = seededRandom(options.seed ?? 20261127)
  const batchSize = options.batchSize ?? 400
  const categories = Object.keys(SENTENCES)
  const span = Math.max(options.to.getTime() - options.from.getTime(), 1)
  const sequenceOf = new Map<string, number>()
  for (const row of await db.selectFrom('feedback_code_sequences').selectAll().execute()) sequenceOf.set(row.day, Number(row.last_value))
  const sample: string[] = []
  const sampleEvery = Math.max(1, Math.floor(options.count / 1000))
  let done = 0
  while (done < options.count) {
    const size = Math.min(batchSize, options.count - done)
    const items: Insertable<FeedbackItemsTable>[] = []
    const histories: { at: Date; action: string; from: FeedbackStatus | null; to: FeedbackStatus }[][] = []
    for (let i = 0; i < size; i++) {
      const n = done + i
      const submittedAt = new Date(options.from.getTime() + Math.floor((n / options.count) * span) + Math.floor(random() * 600_000))
      // The same day key and code format as submissions, so generated and real codes never collide.
      const day = vietnamDayOf(submittedAt)
      const key = sequenceDayKey(day)
      const sequence = (sequenceOf.get(key) ?? 0) + 1
      sequenceOf.set(key, sequence)
      const code = formatTrackingCode(day, sequence)
      const category = pick(random, categories)
      const unit = pick(random, context.units)
      const dueAt = new Date(submittedAt.getTime() + 10 * DAY_MS)
      const age = options.now.getTime() - submittedAt.getTime()
      const roll = random()
      let status: FeedbackStatus
      const history: { at: Date; action: string; from: FeedbackStatus | null; to: FeedbackStatus }[] = [{ at: submittedAt, action: 'submit', from: null, to: 'new' }]
      let answeredAt: Date | null = null
      let closedAt: Date | null = null
      if (roll < 0.04) {
        status = 'rejected'
        closedAt = new Date(submittedAt.getTime() + DAY_MS)
        history.push({ at: closedAt, action: 'reject', from: 'new', to: 'rejected' })
      } else if (age < 2 * DAY_MS && roll < 0.5) {
        status = 'new'
      } else if (age < 12 * DAY_MS && roll < 0.6) {
        status = 'assigned'
        history.push({ at: new Date(submittedAt.getTime() + 3_600_000), action: 'accept', from: 'new', to: 'accepted' })
        history.push({ at: new Date(submittedAt.getTime() + 7_200_000), action: 'assign', from: 'accepted', to: 'assigned' })
      } else {
        answeredAt = new Date(submittedAt.getTime() + (2 + random() * 10) * DAY_MS)
        if (answeredAt.getTime() > options.now.getTime()) answeredAt = new Date(options.now.getTime() - 60_000)
        closedAt = new Date(Math.min(answeredAt.getTime() + 2 * DAY_MS, options.now.getTime()))
        status = closedAt.getTime() < options.now.getTime() ? 'closed' : 'answered'
        history.push({ at: new Date(submittedAt.getTime() + 3_600_000), action: 'accept', from: 'new', to: 'accepted' })
        history.push({ at: new Date(submittedAt.getTime() + 7_200_000), action: 'assign', from: 'accepted', to: 'assigned' })
        history.push({ at: answeredAt, action: 'answer', from: 'assigned', to: 'answered' })
        if (status === 'closed') history.push({ at: closedAt, action: 'close', from: 'answered', to: 'closed' })
        else closedAt = null
      }
      const isAnonymous = random() < 0.3
      const wantsPublic = random() < 0.7
      const isPublished = wantsPublic && (status === 'answered' || status === 'closed')
      const place = pick(random, PLACES)
      items.push({
        code,
        kind: category === 'administrative_procedures' || category === 'other' ? 'petition' : 'report',
        category,
        unit_id: unit.id,
        title: null,
        description: `${pick(random, SENTENCES[category]!)} tại ${place}, ${unit.name}.`,
        address: `${place}, ${unit.name}`,
        latitude: 11.0 + random() * 0.12,
        longitude: 106.72 + random() * 0.16,
        contact_name: isAnonymous ? null : generatedName(random),
        contact_phone: isAnonymous ? null : `09${String(Math.floor(random() * 100_000_000)).padStart(8, '0')}`,
        is_anonymous: isAnonymous ? 1 : 0,
        wants_public: wantsPublic ? 1 : 0,
        is_published: isPublished ? 1 : 0,
        published_at: isPublished && answeredAt ? instant(answeredAt) : null,
        status,
        rejection_reason: status === 'rejected' ? 'Nội dung không thuộc thẩm quyền hoặc không rõ ràng.' : null,
        due_at: status === 'new' || status === 'rejected' ? null : instant(dueAt),
        public_answer: answeredAt ? pick(random, ANSWERS) : null,
        answered_at: answeredAt ? instant(answeredAt) : null,
        // Never a real token: generated items are followed by staff, not by a resident's link.
        token_hash: createHash('sha256').update(`generated:${code}:${n}:${random()}`).digest('hex'),
        origin: random() < 0.15 ? 'open311' : 'portal',
        submitted_at: instant(submittedAt),
        updated_at: instant(history[history.length - 1]!.at),
        closed_at: closedAt ? instant(closedAt) : null,
      })
      histories.push(history)
      if (n % sampleEvery === 0) sample.push(code)
    }
    await db.transaction().execute(async (trx) => {
      const ids = await trx.insertInto('feedback_items').values(items).returning('id').execute()
      const events = histories.flatMap((history, index) =>
        history.map((e) => ({ item_id: Number(ids[index]!.id), at: instant(e.at), actor_id: null, actor_label: 'generated', action: e.action, from_status: e.from, to_status: e.to })),
      )
      for (let i = 0; i < events.length; i += 1000) await trx.insertInto('feedback_events').values(events.slice(i, i + 1000)).execute()
    })
    done += size
    options.onProgress?.(done, options.count)
  }
  // Keep the day sequences ahead of what was generated, so the next real code is new.
  await db.transaction().execute(async (trx) => {
    for (const [day, last] of sequenceOf) {
      await trx
        .insertInto('feedback_code_sequences')
        .values({ day, last_value: last })
        .onConflict((oc) => oc.column('day').doUpdateSet({ last_value: last }))
        .execute()
    }
  })
  return sample
}
