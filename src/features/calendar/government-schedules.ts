/**
 * The yearly holiday schedules the government announced for civil servants (cán bộ, công chức,
 * viên chức), as data. Each year the Prime Minister approves, and the Ministry of Home Affairs
 * (before March 2025: the Ministry of Labour, Invalids and Social Affairs) announces, which days
 * are the five Tết days, which day goes with National Day, and which weekdays are swapped with
 * a Saturday worked in exchange (hoán đổi ngày làm việc).
 *
 * Only what the announcements decide is recorded here; the statutory holidays themselves and the
 * compensatory days (nghỉ bù) are computed in `holidays.ts`. A year missing here follows the
 * default rule documented there. Administrators' edits are stored separately as override rows.
 */

/** A date with its reason in Vietnamese and English. */
export interface NamedDate {
  /** `YYYY-MM-DD`. */
  readonly date: string
  readonly name: string
  readonly nameEn: string
}

/** What the government's announcement for one year decides. */
export interface GovernmentSchedule {
  readonly year: number
  /** The documents the entries come from, so that a reader can check them. */
  readonly sources: readonly string[]
  /** The five statutory Tết days (Labor Code 2019 Art. 112(1)(b)) as announced; absent → default rule. */
  readonly tetDays?: readonly string[]
  /** Which day goes with 2 September (Art. 112(1)(đ)): 1 or 3 September; absent → default rule. */
  readonly nationalDayAdjacentDay?: 1 | 3
  /** Weekdays given off in exchange for a worked Saturday. */
  readonly daysOff: readonly NamedDate[]
  /** Saturdays (or Sundays) worked in exchange for a weekday off. */
  readonly workingDays: readonly NamedDate[]
}

/** The announced schedules shipped with the product, by year. */
export const GOVERNMENT_SCHEDULES: Readonly<Record<number, GovernmentSchedule>> = Object.freeze({
  2025: {
    year: 2025,
    sources: [
      // Tết, 30/4–1/5 and National Day 2025.
      'Công văn 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ (the Prime Minister agrees to the plan)',
      'Thông báo 6150/TB-BLĐTBXH năm 2024 của Bộ Lao động – Thương binh và Xã hội (announces it): ' +
        'Tết Ất Tỵ 25/01–02/02/2025 (5 Tết days 27–31/01 plus 4 weekend days, no swap); ' +
        '30/4–04/5/2025 with Friday 02/5 swapped for Saturday 26/4; National Day 30/8–02/9/2025 (1/9 and 2/9)',
      // New Year's Day 2025 (Wednesday) was the statutory single day; no swap was announced.
    ],
    tetDays: ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'],
    nationalDayAdjacentDay: 1,
    daysOff: [
      {
        date: '2025-05-02',
        name: 'Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 26/4/2025)',
        nameEn: 'Swapped day off for 30 April – 1 May (worked on Saturday 26 April 2025)',
      },
    ],
    workingDays: [
      {
        date: '2025-04-26',
        name: 'Làm bù cho ngày nghỉ thứ Sáu 2/5/2025',
        nameEn: 'Working Saturday in exchange for Friday 2 May 2025',
      },
    ],
  },
  2026: {
    year: 2026,
    sources: [
      'Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ (as reported by the press): ' +
        "New Year's Day 01–04/01/2026 with Friday 02/01 swapped for Saturday 10/01",
      'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ: Tết Bính Ngọ 16–20/02/2026 (29 tháng Chạp to mùng 4), ' +
        '9 days with the weekends 14–22/02; National Day 29/8–02/9/2026 (1/9 and 2/9) with Monday 31/8 ' +
        'swapped for Saturday 22/8',
      // Hùng Kings' day (Sunday 26/4/2026) and 30/4–1/5/2026 (Thursday–Friday): no swap was announced
      // (press reports of February 2026); they follow the statutory rule, with Monday 27/4 as the
      // compensatory day.
    ],
    tetDays: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
    nationalDayAdjacentDay: 1,
    daysOff: [
      {
        date: '2026-01-02',
        name: 'Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/1/2026)',
        nameEn: "Swapped day off for New Year's Day (worked on Saturday 10 January 2026)",
      },
      {
        date: '2026-08-31',
        name: 'Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/8/2026)',
        nameEn: 'Swapped day off for National Day (worked on Saturday 22 August 2026)',
      },
    ],
    workingDays: [
      {
        date: '2026-01-10',
        name: 'Làm bù cho ngày nghỉ thứ Sáu 2/1/2026',
        nameEn: 'Working Saturday in exchange for Friday 2 January 2026',
      },
      {
        date: '2026-08-22',
        name: 'Làm bù cho ngày nghỉ thứ Hai 31/8/2026',
        nameEn: 'Working Saturday in exchange for Monday 31 August 2026',
      },
    ],
  },
} satisfies Record<number, GovernmentSchedule>)
