/**
 * Demo data of feedback and petitions: twelve items across the demo wards and categories, spread
 * over the past six weeks and taken through the same use cases residents and staff use (so each
 * has its history, audit entries and notices): some answered and published, one overdue, one
 * duplicate, one rejected, a letter about an official, a complaint.
 *
 * THIS IS DEMO DATA: every report, name and phone number is invented for this product. Unit codes
 * and usernames are those of the units feature's demo (unit.seed.ts).
 */
import type { Db } from '../../db/database.ts'
import type { Clock } from '../../platform/clock.ts'
import type { FileStore } from '../../platform/files/files.ts'
import { createCalendarService } from '../calendar/index.ts'
import * as units from '../units/index.ts'
import { applyAction, rateAnswer, submitFeedback } from './feedback.service.ts'
import type { FeedbackAction, FeedbackDeps, SubmitInput } from './feedback.service.ts'

/** How many times seedDemoFeedback calls `step`: once per item. */
export const DEMO_FEEDBACK_STEPS = 12

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

/** The demo's town moderator, who sorts the wards' reports. */
const MODERATOR = 'kiemduyet.tanuyen'

/** One step after submitting: who acts, how many hours after the previous step, and what. */
type DemoStep = { readonly by: string; readonly afterHours: number; readonly action: FeedbackAction } | { readonly rate: number; readonly afterHours: number; readonly comment?: string }

/** One demo item: when it came in, what it says, and what happened to it. */
interface DemoItem {
  readonly daysAgo: number
  readonly input: Omit<SubmitInput, 'photos' | 'origin' | 'wantsPublic'> & { readonly wantsPublic?: boolean }
  readonly steps: readonly DemoStep[]
}

/** The demo items. */
const DEMO_ITEMS: readonly DemoItem[] = [
  {
    daysAgo: 26,
    input: {
      unitCode: '25888',
      category: 'waste_collection',
      title: 'Rác tồn đọng nhiều ngày ở đầu hẻm',
      description:
        'Điểm tập kết rác ở đầu hẻm 45 khu phố Long Bình đã ba ngày không có xe đến thu gom. Rác tràn ra lòng đường, bốc mùi, chó mèo bới tung. Mong phường nhắc đơn vị thu gom đến đúng lịch.',
      address: 'Hẻm 45, khu phố Long Bình, phường Uyên Hưng',
      latitude: 11.0642,
      longitude: 106.7968,
      attributes: { waste_problem: 'missed' },
      contact: { name: 'Trần Minh Khôi', phone: '0909 111 222' },
      wantsPublic: true,
    },
    steps: [
      { by: MODERATOR, afterHours: 3, action: { action: 'accept' } },
      { by: 'chutich.uyenhung', afterHours: 2, action: { action: 'assign', unitCode: '25888', assigneeUsername: 'chuyenvien.uyenhung' } },
      {
        by: 'chuyenvien.uyenhung',
        afterHours: 30,
        action: {
          action: 'answer',
          text: 'Phường đã làm việc với đơn vị thu gom: xe bị hỏng hai ngày nên trễ lịch. Rác đã được dọn sạch sáng nay; từ tuần sau xe đến vào 6 giờ sáng thứ Hai, Tư, Sáu. Nếu lại trễ lịch, xin báo ngay qua cổng này.',
        },
      },
      { by: MODERATOR, afterHours: 2, action: { action: 'publish' } },
      { rate: 5, afterHours: 5, comment: 'Xe đã đến đúng giờ, cảm ơn phường.' },
      { by: MODERATOR, afterHours: 48, action: { action: 'close' } },
    ],
  },
  {
    daysAgo: 40,
    input: {
      unitCode: '25921',
      category: 'infrastructure',
      title: 'Cống nghẹt, mưa là ngập',
      description:
        'Miệng cống trước chợ Khánh Bình bị rác và bùn lấp kín. Mỗi lần mưa lớn, nước ngập đến nửa bánh xe máy, tràn vào các sạp hàng. Đề nghị nạo vét trước mùa mưa.',
      address: 'Trước chợ Khánh Bình',
      attributes: { infrastructure_kind: 'drainage' },
      contact: { email: 'tieuthuong.khanhbinh@congso.example' },
      wantsPublic: true,
    },
    steps: [
      { by: MODERATOR, afterHours: 5, action: { action: 'accept' } },
      // Assigned with a due date that has since passed: the overdue item of the demo.
      { by: 'chutich.khanhbinh', afterHours: 20, action: { action: 'assign', unitCode: '25921', assigneeUsername: 'chuyenvien.khanhbinh' } },
      { by: 'chuyenvien.khanhbinh', afterHours: 4, action: { action: 'note', text: 'Đã khảo sát: cần xe hút bùn của thị xã, đang chờ lịch.' } },
    ],
  },
  {
    daysAgo: 21,
    input: {
      unitCode: '25891',
      category: 'infrastructure',
      title: 'Đèn đường tắt cả đoạn dài',
      description:
        'Khoảng 200 mét đường ĐT747B đoạn gần trường tiểu học không có đèn sáng đã hơn một tuần. Buổi tối học sinh đi học thêm về rất tối, dễ xảy ra tai nạn.',
      address: 'Đường ĐT747B, gần trường tiểu học, phường Tân Phước Khánh',
      attributes: { infrastructure_kind: 'lighting' },
      contact: { name: 'Lê Thị Thu', phone: '0918 333 444' },
      wantsPublic: true,
    },
    steps: [
      { by: MODERATOR, afterHours: 2, action: { action: 'accept' } },
      { by: 'chutich.tanphuockhanh', afterHours: 3, action: { action: 'assign', unitCode: '25891', assigneeUsername: 'chuyenvien.tanphuockhanh' } },
      {
        by: 'chuyenvien.tanphuockhanh',
        afterHours: 50,
        action: { action: 'answer', text: 'Tủ điện chiếu sáng bị chập do nước mưa. Đội điện chiếu sáng đã thay thiết bị, cả đoạn đường sáng lại từ tối qua.' },
      },
      { by: MODERATOR, afterHours: 1, action: { action: 'publish' } },
      { rate: 4, afterHours: 20 },
    ],
  },
  {
    daysAgo: 18,
    input: {
      unitCode: '25888',
      category: 'street_vending',
      title: 'Hàng quán lấn hết vỉa hè',
      description:
        'Các quán ăn sáng trên đường Nguyễn Văn Linh đoạn trước chợ bày bàn ghế kín vỉa hè, người đi bộ phải xuống lòng đường, xe máy đậu tràn ra cả làn xe.',
      address: 'Đường Nguyễn Văn Linh, đoạn trước chợ Uyên Hưng',
      contact: null,
      wantsPublic: true,
    },
    steps: [
      { by: MODERATOR, afterHours: 4, action: { action: 'accept' } },
      { by: 'chutich.uyenhung', afterHours: 2, action: { action: 'assign', unitCode: '25888' } },
      {
        by: 'chutich.uyenhung',
        afterHours: 70,
        action: {
          action: 'answer',
          text: 'Tổ trật tự đô thị đã nhắc nhở 7 hộ kinh doanh và ký cam kết chừa lối đi 1,5 mét trên vỉa hè. Phường sẽ kiểm tra lại vào các buổi sáng trong tháng.',
        },
      },
      { by: MODERATOR, afterHours: 2, action: { action: 'publish' } },
    ],
  },
  {
    daysAgo: 15,
    input: {
      unitCode: '25920',
      category: 'official_attitude',
      kind: 'letter',
      title: 'Góp ý về cách hướng dẫn hồ sơ',
      description:
        'Tôi đến nộp hồ sơ đăng ký khai sinh cho con. Cán bộ một cửa không nói rõ còn thiếu giấy gì, bảo tôi về hỏi lại tổ dân phố, tôi phải đi lại ba lần. Mong cán bộ hướng dẫn một lần, đầy đủ, bằng văn bản.',
      officialUsername: 'motcua.tanhiep',
      contact: { name: 'Phạm Văn Hòa', email: 'pham.hoa@congso.example' },
    },
    steps: [
      { by: 'chutich.tanhiep', afterHours: 6, action: { action: 'accept' } },
      {
        by: 'chutich.tanhiep',
        afterHours: 40,
        action: { action: 'decide_letter', upheld: true, note: 'Đối chiếu sổ theo dõi: hồ sơ bị trả ba lần, không có phiếu hướng dẫn (mẫu 02). Thư góp ý đúng.' },
      },
      {
        by: 'chutich.tanhiep',
        afterHours: 2,
        action: { action: 'answer', text: 'Ủy ban nhân dân phường xin lỗi ông về việc đi lại nhiều lần. Phường đã nhắc nhở cán bộ và yêu cầu mọi lần hướng dẫn đều ghi phiếu hướng dẫn hoàn thiện hồ sơ.' },
      },
    ],
  },
  {
    daysAgo: 12,
    input: {
      unitCode: '25939',
      category: 'security_order',
      title: 'Nhóm thanh niên tụ tập, nẹt pô ban đêm',
      description:
        'Gần như đêm nào cũng có nhóm thanh niên tụ tập ở ngã ba gần cầu Thái Hòa, nẹt pô, la hét đến 1–2 giờ sáng. Người già và trẻ nhỏ trong khu phố không ngủ được.',
      address: 'Ngã ba gần cầu Thái Hòa',
      contact: { phone: '0937 555 666' },
      wantsPublic: true,
    },
    steps: [
      { by: MODERATOR, afterHours: 1, action: { action: 'accept' } },
      { by: 'chutich.thaihoa', afterHours: 2, action: { action: 'assign', unitCode: '25939' } },
      { by: 'chutich.thaihoa', afterHours: 45, action: { action: 'answer', text: 'Công an phường đã tăng cường tuần tra khu vực từ 22 giờ đến 2 giờ sáng, lập biên bản 3 trường hợp gây ồn và mời phụ huynh làm việc.' } },
      { by: MODERATOR, afterHours: 3, action: { action: 'publish' } },
      { rate: 4, afterHours: 30 },
    ],
  },
  {
    daysAgo: 10,
    input: {
      unitCode: '25891',
      category: 'sanitation',
      title: 'Nước thải đen chảy ra mương',
      description:
        'Một cơ sở giặt nhuộm trong khu dân cư xả nước thải màu đen ra con mương cạnh đường, mùi hôi nồng nặc nhất là buổi chiều. Đề nghị kiểm tra giấy phép xả thải.',
      address: 'Khu phố Bình Chánh, phường Tân Phước Khánh',
      contact: { name: 'Nguyễn Thị Hạnh', phone: '0971 777 888' },
      wantsPublic: true,
    },
    steps: [
      { by: MODERATOR, afterHours: 2, action: { action: 'accept' } },
      { by: 'chutich.tanphuockhanh', afterHours: 4, action: { action: 'assign', unitCode: '25891', assigneeUsername: 'chuyenvien.tanphuockhanh' } },
    ],
  },
  {
    daysAgo: 9,
    input: {
      unitCode: '25891',
      category: 'sanitation',
      title: 'Mương bốc mùi do nước thải nhuộm',
      description: 'Con mương ở khu phố Bình Chánh có nước thải màu đen từ xưởng nhuộm, mùi hôi rất khó chịu, nhờ phường kiểm tra xưởng nhuộm.',
      contact: null,
      wantsPublic: false,
    },
    // The same matter as the item before: the moderator marks it a duplicate (the code is filled in by the seed).
    steps: [{ by: MODERATOR, afterHours: 3, action: { action: 'mark_duplicate', duplicateOf: '@previous' } }],
  },
  {
    daysAgo: 7,
    input: {
      unitCode: '25936',
      category: 'administrative_procedures',
      kind: 'petition',
      title: 'Đề nghị nhận hồ sơ vào sáng thứ Bảy',
      description:
        'Nhiều công nhân làm việc giờ hành chính không thể xin nghỉ để làm thủ tục. Kính đề nghị phường bố trí nhận hồ sơ vào sáng thứ Bảy, ít nhất với các thủ tục hộ tịch và chứng thực.',
      contact: { name: 'Võ Thanh Tùng', email: 'vo.tung@congso.example' },
      wantsPublic: true,
    },
    steps: [
      { by: MODERATOR, afterHours: 5, action: { action: 'accept' } },
      { by: 'chutich.thanhphuoc', afterHours: 4, action: { action: 'assign', unitCode: '25936' } },
      {
        by: 'chutich.thanhphuoc',
        afterHours: 60,
        action: { action: 'answer', text: 'Từ tháng tới, Bộ phận một cửa phường nhận hồ sơ hộ tịch và chứng thực vào sáng thứ Bảy, từ 7 giờ 30 đến 11 giờ 30. Lịch cụ thể được niêm yết tại trụ sở và trên cổng thông tin.' },
      },
      { by: MODERATOR, afterHours: 2, action: { action: 'publish' } },
    ],
  },
  {
    daysAgo: 5,
    input: {
      unitCode: '25912',
      category: 'complaint',
      title: 'Khiếu nại việc không cấp giấy xác nhận',
      description:
        'Tôi đã nộp đủ giấy tờ xin xác nhận nơi cư trú để bổ túc hồ sơ vay vốn nhưng bị từ chối mà không có văn bản nêu lý do. Tôi khiếu nại việc từ chối này và đề nghị được trả lời bằng văn bản.',
      contact: { name: 'Đặng Văn Lâm', phone: '0903 222 999' },
    },
    steps: [
      { by: 'chutich.vinhtan', afterHours: 8, action: { action: 'accept' } },
      { by: 'chutich.vinhtan', afterHours: 4, action: { action: 'assign', unitCode: '25912', assigneeUsername: 'chuyenvien.vinhtan' } },
    ],
  },
  {
    daysAgo: 3,
    input: {
      unitCode: '25937',
      category: 'land_construction',
      title: 'Tranh chấp ranh đất với hàng xóm',
      description: 'Hàng xóm xây tường rào lấn sang đất nhà tôi khoảng nửa mét. Tôi muốn phường đo đạc và buộc họ dỡ tường.',
      contact: { phone: '0945 000 123' },
      wantsPublic: false,
    },
    steps: [
      {
        by: MODERATOR,
        afterHours: 6,
        action: {
          action: 'reject',
          reason: 'Tranh chấp ranh giới đất giữa hai hộ phải qua hòa giải tại cơ sở trước. Xin ông liên hệ tổ hòa giải ấp hoặc nộp đơn yêu cầu hòa giải tại Ủy ban nhân dân xã.',
        },
      },
    ],
  },
  {
    daysAgo: 1,
    input: {
      unitCode: '25939',
      category: 'food_safety',
      title: 'Quán bán đồ ăn vặt không rõ nguồn gốc',
      description: 'Trước cổng trường THCS có quán bán xúc xích, nước ngọt không nhãn mác, nhiều em học sinh mua ăn. Đề nghị kiểm tra an toàn thực phẩm.',
      attributes: { business_name: 'Quán không có bảng hiệu' },
      contact: null,
      wantsPublic: true,
    },
    steps: [],
  },
]

/** A file store for a seed that has no photos: anything written to it is a bug. */
const NO_FILES: FileStore = {
  put: () => Promise.reject(new Error('the feedback demo has no photos')),
  get: () => Promise.resolve(null),
  delete: () => Promise.resolve(),
}

/**
 * Seeds the demo items through the use cases, with the clock set back to when each thing
 * happened; calls `step` after each item. Does nothing on a database without the demo's units.
 */
export async function seedDemoFeedback(deps: { readonly db: Db; readonly clock: Clock; readonly baseUrl?: string }, step: () => void = () => {}): Promise<void> {
  const hasDemoUnits = await units.getUnitByCode(deps, '25888').then(
    () => true,
    () => false,
  )
  if (!hasDemoUnits) return
  const start = deps.clock.now()
  let current = start
  const clock: Clock = { now: () => new Date(current) }
  const feedbackDeps: FeedbackDeps = { db: deps.db, clock, calendar: createCalendarService({ db: deps.db, clock }), files: NO_FILES, config: { baseUrl: deps.baseUrl ?? 'http://localhost:3000' } }
  const principals = new Map<string, units.Staff>()
  const principalOf = async (username: string) => {
    let staff = principals.get(username)
    if (!staff) principals.set(username, (staff = await units.getStaffByUsername(deps, username)))
    return (await units.loadPrincipal(deps, staff.id))!
  }
  let previousCode: string | null = null
  for (const item of DEMO_ITEMS) {
    // Mid-morning on the day, Vietnam time.
    current = new Date(Math.floor((start.getTime() - item.daysAgo * DAY_MS) / DAY_MS) * DAY_MS + 2 * HOUR_MS)
    const { item: submitted, token } = await submitFeedback(feedbackDeps, { ...item.input, wantsPublic: item.input.wantsPublic ?? false, photos: [], origin: 'portal' })
    for (const s of item.steps) {
      current = new Date(Math.min(current.getTime() + s.afterHours * HOUR_MS, start.getTime()))
      if ('rate' in s) {
        await rateAnswer(feedbackDeps, submitted.code, token, { rating: s.rate, comment: s.comment ?? null })
      } else {
        const action = s.action.duplicateOf === '@previous' ? { ...s.action, duplicateOf: previousCode } : s.action
        await applyAction(feedbackDeps, await principalOf(s.by), submitted.code, action)
      }
    }
    previousCode = submitted.code
    step()
  }
}
