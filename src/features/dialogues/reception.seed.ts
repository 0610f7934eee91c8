/**
 * Demo data of citizen reception: in every ward and commune of the demo town, the People's
 * Committee chair receives every Thursday morning and the Party secretary on the first and third
 * Tuesday afternoon of this month and the next (days off skipped by the unit's calendar); the days
 * already past are marked held, except one the chair of Khánh Bình missed. A dozen register
 * entries of every kind follow, some told on time, some waiting, one past its notice deadline.
 * Everything goes through the use cases, with the clock set back to when it happened.
 *
 * THIS IS DEMO DATA: every citizen, address and matter is invented. Unit codes and usernames are
 * those of the units feature's demo (unit.seed.ts): chutich.<ward>, bithu.<ward>, motcua.<ward>.
 */
import type { Db } from '../../db/database.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import type { Clock } from '../../platform/clock.ts'
import { addDays, createCalendarService, formatCivilDate, localDateOf } from '../calendar/index.ts'
import * as units from '../units/index.ts'
import { COMMUNE_LEVELS, monthOf } from './reception.ts'
import { cancelDay, markDayHeld, recordCase, recordNotice, schedulePattern } from './reception.service.ts'
import type { CaseInput, ReceptionDay, ReceptionDeps } from './reception.service.ts'

/** How many times seedDemoReception calls `step`: once per ward or commune, once per register entry. */
export const DEMO_RECEPTION_STEPS = 12 + 12

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

/** The demo's ward whose chair missed a reception day (the compliance view shows it). */
const MISSED_CODE = '25921'

/** One register entry of the demo: where, how long ago, what, and whether and when the citizen was told. */
interface DemoEntry {
  readonly unitCode: string
  readonly daysAgo: number
  /** Received on the ward chair's latest held reception day, when there is one. */
  readonly isOnReceptionDay?: boolean
  readonly input: Omit<CaseInput, 'unitCode' | 'receivedAt' | 'receptionDayId'>
  /** The notice given this many days after receipt (if that is already past). */
  readonly notice?: { readonly kind: 'accepted' | 'extended' | 'refused' | 'transferred'; readonly afterDays: number }
}

/** The demo register. */
const DEMO_ENTRIES: readonly DemoEntry[] = [
  {
    unitCode: '25888',
    daysAgo: 30,
    input: {
      citizenName: 'Phạm Văn Lực',
      citizenAddress: 'Tổ 7, khu phố Long Bình, phường Uyên Hưng',
      peopleCount: 1,
      content: 'Đề nghị xem xét lại việc đo đạc ranh giới thửa đất của gia đình khi làm đường hẻm, phần đất bị thu hẹp khoảng 12 m² mà chưa được bồi thường.',
      earlierHandling: 'Đã gửi đơn đến tổ dân phố, chưa được trả lời.',
      kind: 'petition',
      direction: 'accepted',
      outcome: 'Chủ tịch giao công chức địa chính kiểm tra hồ sơ đo đạc và báo cáo.',
    },
    // Past its deadline and never told: the overdue entry of the demo.
  },
  {
    unitCode: '25888',
    daysAgo: 24,
    input: {
      citizenName: 'Nguyễn Thị Kim Chi',
      citizenAddress: 'Khu phố Bình Hóa, phường Uyên Hưng',
      peopleCount: 3,
      content: 'Khiếu nại quyết định xử phạt vi phạm hành chính về trật tự xây dựng đối với mái che trước nhà.',
      kind: 'complaint',
      direction: 'accepted',
      outcome: 'Thụ lý giải quyết khiếu nại lần đầu theo thẩm quyền.',
    },
    notice: { kind: 'accepted', afterDays: 6 },
  },
  {
    unitCode: '25891',
    daysAgo: 21,
    input: {
      citizenName: 'Trần Quốc Việt',
      citizenAddress: 'Khu phố Khánh Long, phường Tân Phước Khánh',
      peopleCount: 1,
      content: 'Tố cáo một cơ sở thu mua phế liệu đốt dây điện vào ban đêm, khói độc ảnh hưởng cả khu phố.',
      kind: 'denunciation',
      direction: 'transferred',
      outcome: 'Chuyển Công an phường xác minh theo thẩm quyền.',
    },
    notice: { kind: 'transferred', afterDays: 4 },
  },
  {
    unitCode: '25939',
    daysAgo: 18,
    input: {
      citizenName: 'Lý Thị Sen',
      citizenAddress: 'Khu phố 2, phường Thái Hòa',
      peopleCount: 1,
      content: 'Hỏi về thủ tục đăng ký thường trú cho con sau khi chuyển về ở nhà thuê.',
      kind: 'petition',
      direction: 'guided',
      outcome: 'Hướng dẫn nộp hồ sơ tại Bộ phận một cửa hoặc trên Cổng dịch vụ công.',
    },
  },
  {
    unitCode: '25936',
    daysAgo: 16,
    input: {
      citizenName: 'Đỗ Minh Quang',
      citizenAddress: 'Khu phố Phước Hải, phường Thạnh Phước',
      peopleCount: 6,
      content: 'Phản ánh xe tải chở đất chạy quá tải qua đường liên khu phố làm hư hỏng mặt đường, bụi bẩn.',
      kind: 'report',
      direction: 'accepted',
      outcome: 'Giao Đội trật tự đô thị phối hợp Công an phường kiểm tra, lập biên bản.',
    },
    notice: { kind: 'extended', afterDays: 9 },
  },
  {
    unitCode: '25921',
    daysAgo: 12,
    input: {
      citizenName: 'Hoàng Văn Nam',
      citizenAddress: 'Khu phố Khánh Hòa, phường Khánh Bình',
      peopleCount: 1,
      content: 'Khiếu nại việc không được xét hỗ trợ hộ cận nghèo năm nay dù hoàn cảnh không thay đổi.',
      kind: 'complaint',
      direction: 'answered_directly',
      outcome: 'Chủ tịch giải thích tiêu chí rà soát; công dân đồng ý bổ sung giấy tờ để xét lại đợt sau.',
    },
  },
  {
    unitCode: '25920',
    daysAgo: 9,
    input: {
      citizenName: 'Vũ Thị Thanh',
      citizenAddress: 'Khu phố Tân Hóa, phường Tân Hiệp',
      peopleCount: 2,
      content: 'Kiến nghị lắp đèn chiếu sáng và gờ giảm tốc tại ngã ba gần trường mẫu giáo.',
      kind: 'petition',
      direction: 'accepted',
      outcome: 'Giao bộ phận địa chính - xây dựng khảo sát, lập dự toán.',
    },
    notice: { kind: 'accepted', afterDays: 3 },
  },
  {
    unitCode: '25915',
    daysAgo: 7,
    input: {
      citizenName: 'Cao Văn Bình',
      citizenAddress: 'Ấp Ông Đông, phường Hội Nghĩa',
      peopleCount: 1,
      content: 'Tố cáo cán bộ ấp thu tiền vận động xây cầu nhưng không công khai các khoản chi.',
      kind: 'denunciation',
      direction: 'accepted',
      outcome: 'Chủ tịch giao Thanh tra nhân dân phường xác minh.',
    },
  },
  {
    unitCode: '25924',
    daysAgo: 5,
    input: {
      citizenName: 'Thạch Thị Lan',
      citizenAddress: 'Khu phố 3, phường Phú Chánh',
      peopleCount: 1,
      content: 'Phản ánh nước thải từ khu nhà trọ chảy tràn ra đường, bốc mùi.',
      kind: 'report',
      direction: 'accepted',
    },
    notice: { kind: 'accepted', afterDays: 2 },
  },
  {
    unitCode: '25912',
    daysAgo: 4,
    input: {
      citizenName: 'Lâm Hữu Phước',
      citizenAddress: 'Khu phố 1, phường Vĩnh Tân',
      peopleCount: 1,
      content: 'Kiến nghị gia hạn thời gian nộp hồ sơ hỗ trợ sản xuất nông nghiệp vì nhiều hộ chưa kịp chuẩn bị.',
      kind: 'petition',
      direction: 'transferred',
      outcome: 'Chuyển Phòng Kinh tế thị xã xem xét theo thẩm quyền.',
    },
  },
  {
    unitCode: '25930',
    daysAgo: 2,
    isOnReceptionDay: true,
    input: {
      citizenName: 'Trương Văn Sáu',
      citizenAddress: 'Ấp 2, xã Bạch Đằng',
      peopleCount: 4,
      content: 'Phản ánh bờ bao ven sông bị sạt lở sau đợt triều cường, nguy cơ ngập vườn cây ăn trái.',
      kind: 'report',
      direction: 'accepted',
      outcome: 'Chủ tịch chỉ đạo kiểm tra hiện trường ngay trong tuần.',
    },
  },
  {
    unitCode: '25937',
    daysAgo: 1,
    isOnReceptionDay: true,
    input: {
      citizenName: 'Kiều Thị Hạnh',
      citizenAddress: 'Ấp Thạnh Hòa, xã Thạnh Hội',
      peopleCount: 1,
      content: 'Hỏi về điều kiện được cấp đổi giấy chứng nhận quyền sử dụng đất bị rách.',
      kind: 'petition',
      direction: 'guided',
      outcome: 'Hướng dẫn thành phần hồ sơ và nơi nộp tại Chi nhánh Văn phòng đăng ký đất đai.',
    },
  },
]

/**
 * Seeds the demo schedule and register through the use cases; calls `step` after each ward and
 * each entry. Does nothing on a database without the demo's units.
 */
export async function seedDemoReception(deps: { readonly db: Db; readonly clock: Clock }, step: () => void = () => {}): Promise<void> {
  const hasDemoUnits = await units.getUnitByCode(deps, '25888').then(
    () => true,
    () => false,
  )
  if (!hasDemoUnits) return
  const start = deps.clock.now()
  let current = start
  const clock: Clock = { now: () => new Date(current) }
  const receptionDeps: ReceptionDeps = { db: deps.db, clock, calendar: createCalendarService({ db: deps.db, clock }) }
  const principalOf = async (username: string): Promise<Principal> => (await units.loadPrincipal(deps, (await units.getStaffByUsername(deps, username)).id))!

  const today = localDateOf(start)
  const thisMonth = monthOf(today)
  const period = { from: formatCivilDate(thisMonth.from), to: formatCivilDate(monthOf(addDays(thisMonth.to, 1)).to) }
  const todayText = formatCivilDate(today)
  const communes = (await units.listUnits(deps)).filter((u) => COMMUNE_LEVELS.has(u.level) && !u.isDisabled).slice(0, 12)
  /** The latest held chair day of each unit, by code, for entries received on a reception day. */
  const latestHeld = new Map<string, ReceptionDay>()

  for (const commune of communes) {
    const people = await units.staffWithRolesOn(deps, commune.id, ['leader', 'desk_officer'])
    const chair = people.find((p) => p.username.startsWith('chutich.'))
    const secretary = people.find((p) => p.username.startsWith('bithu.'))
    const desk = people.find((p) => p.username.startsWith('motcua.'))
    if (!chair || !secretary || !desk) {
      step()
      continue
    }
    const officer = await principalOf(desk.username)
    const common = { unitCode: commune.code, from: period.from, to: period.to, venue: 'Phòng tiếp công dân, trụ sở UBND' }
    const chairDays = await schedulePattern(receptionDeps, officer, { ...common, hostUsername: chair.username, hostRole: 'chair', kind: 'weekly', weekdays: [4], starts: '07:30', ends: '11:30' })
    const secretaryDays = await schedulePattern(receptionDeps, officer, {
      ...common,
      hostUsername: secretary.username,
      hostRole: 'party_secretary',
      kind: 'monthly_weekday',
      weekday: 2,
      ordinals: [1, 3],
      starts: '13:30',
      ends: '16:30',
    })
    let isMissedOne = commune.code === MISSED_CODE
    for (const day of [...chairDays.created, ...secretaryDays.created]) {
      if (day.day >= todayText) continue
      if (isMissedOne && day.hostRole === 'chair') {
        await cancelDay(receptionDeps, officer, day.id, { reason: 'Chủ tịch họp đột xuất tại thị xã; chưa bố trí được ngày tiếp bù.' })
        isMissedOne = false
        continue
      }
      const held = await markDayHeld(receptionDeps, officer, day.id, { note: day.hostRole === 'chair' ? 'Buổi tiếp diễn ra theo lịch.' : null })
      const previous = latestHeld.get(commune.code)
      if (held.hostRole === 'chair' && (!previous || previous.day < held.day)) latestHeld.set(commune.code, held)
    }
    step()
  }

  for (const entry of DEMO_ENTRIES) {
    const unit = await units.getUnitByCode(deps, entry.unitCode).catch(() => null)
    const desk = unit ? (await units.staffWithRolesOn(deps, unit.id, ['desk_officer']))[0] : undefined
    if (!desk) {
      step()
      continue
    }
    const onDay = entry.isOnReceptionDay ? latestHeld.get(entry.unitCode) : undefined
    // On the reception day at 08:30, else mid-morning that many days ago, Vietnam time.
    const receivedAt = onDay ? new Date(Date.parse(`${onDay.day}T01:30:00Z`)) : new Date(Math.floor((start.getTime() - entry.daysAgo * DAY_MS) / DAY_MS) * DAY_MS + 2 * HOUR_MS)
    current = new Date(Math.min(receivedAt.getTime(), start.getTime()))
    const officer = await principalOf(desk.username)
    const created = await recordCase(receptionDeps, officer, { ...entry.input, unitCode: entry.unitCode, receptionDayId: onDay?.id ?? null })
    if (entry.notice) {
      const toldAt = current.getTime() + entry.notice.afterDays * DAY_MS
      if (toldAt <= start.getTime()) {
        current = new Date(toldAt)
        await recordNotice(receptionDeps, officer, created.id, { notice: entry.notice.kind })
      }
    }
    step()
  }
  current = start
}
