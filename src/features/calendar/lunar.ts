/**
 * The Vietnamese lunisolar calendar (âm lịch), computed from astronomy for the meridian of
 * UTC+7 (105°E).
 *
 * Rules, as used by Vietnam's official calendar since 1968:
 * 1. A month begins on the local (UTC+7) day that contains the instant of the new moon.
 * 2. The month that contains the winter solstice (the Sun at 270°) is month 11.
 * 3. Between two months 11 there are 12 or 13 months. When there are 13, one is a leap month
 *    (tháng nhuận): the first month after month 11 that contains no major solar term (trung khí,
 *    the Sun at a multiple of 30°). It takes the number of the month before it.
 *
 * Because day boundaries are at UTC+7 rather than China's UTC+8, a new moon or a solar term
 * between 16:00 and 17:00 UT falls on different days in the two calendars, so Tết sometimes
 * differs (1985, 2007, 2030 …). The zone is a parameter of {@link createLunarCalendar} so that
 * the difference can be shown and tested. Before 1968 Vietnam followed the UTC+8 calendar; this
 * module applies UTC+7 throughout, as the product needs one rule for all years.
 */
import { addDays, fromEpochDay, isValidCivilDate, toEpochDay } from './civil-date.ts'
import type { CivilDate } from './civil-date.ts'
import { UNIX_EPOCH_JD, nearestLunation, newMoonJde, sunApparentLongitude, universalToDynamical, dynamicalToUniversal } from './astronomy.ts'

/** A date on the lunar calendar; `leap` marks a day of the leap month (tháng nhuận). */
export interface LunarDate {
  readonly day: number
  readonly month: number
  readonly year: number
  readonly leap: boolean
}

/** One month of a lunar year with where it starts on the Gregorian calendar. */
export interface LunarMonth {
  readonly year: number
  readonly month: number
  readonly leap: boolean
  /** The Gregorian date of day 1 of the month. */
  readonly firstDay: CivilDate
  /** 29 (tháng thiếu) or 30 (tháng đủ). */
  readonly length: 29 | 30
}

/** Conversions for one time zone; see {@link createLunarCalendar}. */
export interface LunarCalendar {
  /** The zone whose civil days the calendar's days are, in hours east of UTC. */
  readonly utcOffsetHours: number
  /** Gregorian → lunar; RangeError for an invalid date or a year outside the supported range. */
  toLunar(date: CivilDate): LunarDate
  /** Lunar → Gregorian; RangeError when the lunar date does not exist. */
  fromLunar(date: LunarDate): CivilDate
  /** The months of a lunar year in order, leap month included. */
  monthsOfYear(lunarYear: number): readonly LunarMonth[]
}

/** First Gregorian (and lunar) year the conversions accept; accuracy is verified for 1900–2100. */
export const MIN_LUNAR_YEAR = 1800
/** Last Gregorian (and lunar) year the conversions accept. */
export const MAX_LUNAR_YEAR = 2199

/** Offset of Vietnam's civil time from UTC, in hours (no daylight saving since 1975). */
export const VIETNAM_UTC_OFFSET_HOURS = 7

interface MonthRecord {
  readonly startDay: number
  readonly endDay: number
  readonly month: number
  readonly leap: boolean
  readonly lunarYear: number
}

/** Whether the object is a well-formed lunar date of the supported years (not whether it exists). */
function assertLunarShape(date: LunarDate): void {
  const { day, month, year, leap } = date
  if (!Number.isInteger(year) || year < MIN_LUNAR_YEAR || year > MAX_LUNAR_YEAR) {
    throw new RangeError(`lunar year must be an integer from ${MIN_LUNAR_YEAR} to ${MAX_LUNAR_YEAR}, got ${year}`)
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`lunar month must be 1–12, got ${month}`)
  if (!Number.isInteger(day) || day < 1 || day > 30) throw new RangeError(`lunar day must be 1–30, got ${day}`)
  if (typeof leap !== 'boolean') throw new RangeError('lunar date needs leap: true or false')
}

/**
 * Builds the conversions for civil days of the given zone (7 for Vietnam, 8 for China).
 *
 * Months are computed lazily, one "solstice year" (month 11 to month 11) at a time, and cached:
 * each needs about fifteen new moons and solar longitudes, a fraction of a millisecond.
 */
export function createLunarCalendar(utcOffsetHours: number): LunarCalendar {
  const zoneDays = utcOffsetHours / 24
  const month11Cache = new Map<number, number>()
  const spanCache = new Map<number, readonly MonthRecord[]>()

  /** The local epoch day that contains the given UT Julian day. */
  const localDayOfJd = (jd: number): number => Math.floor(jd - UNIX_EPOCH_JD + zoneDays)

  const newMoonDay = (k: number): number => localDayOfJd(dynamicalToUniversal(newMoonJde(k)))

  /** Sun's apparent longitude at the local midnight that starts the epoch day. */
  const sunLongitudeAtDayStart = (epochDay: number): number =>
    sunApparentLongitude(universalToDynamical(epochDay + UNIX_EPOCH_JD - zoneDays))

  /** Index 0–11 of the last major term passed at the start of the day (0 = spring equinox). */
  const majorTermAtDayStart = (epochDay: number): number => Math.floor(sunLongitudeAtDayStart(epochDay) / 30)

  /** The lunation whose new moon day is the latest one on or before the given day. */
  const lunationOnOrBefore = (epochDay: number): number => {
    let k = nearestLunation(epochDay + UNIX_EPOCH_JD)
    while (newMoonDay(k) > epochDay) k -= 1
    while (newMoonDay(k + 1) <= epochDay) k += 1
    return k
  }

  /** Epoch day of the local day that contains the December solstice of a Gregorian year. */
  const winterSolsticeDay = (gregorianYear: number): number => {
    // The solstice falls on 20–23 December in every zone and year of interest.
    let day = toEpochDay({ year: gregorianYear, month: 12, day: 18 })
    for (let i = 0; i < 10; i += 1, day += 1) {
      const atEnd = sunLongitudeAtDayStart(day + 1)
      if (atEnd >= 270 && atEnd < 300) return day
    }
    throw new Error(`no winter solstice found in December ${gregorianYear}`)
  }

  /** Epoch day on which month 11 begins in the given Gregorian year (late November or December). */
  const month11Start = (gregorianYear: number): number => {
    const cached = month11Cache.get(gregorianYear)
    if (cached !== undefined) return cached
    const start = newMoonDay(lunationOnOrBefore(winterSolsticeDay(gregorianYear)))
    month11Cache.set(gregorianYear, start)
    return start
  }

  /**
   * The months from month 11 of Gregorian year y − 1 up to (not including) month 11 of year y:
   * months 11 and 12 of lunar year y − 1, then months 1–10 of lunar year y, with a leap month
   * somewhere when the span holds 13 lunations.
   */
  const solsticeSpan = (gregorianYear: number): readonly MonthRecord[] => {
    const cached = spanCache.get(gregorianYear)
    if (cached !== undefined) return cached
    const first = month11Start(gregorianYear - 1)
    const next = month11Start(gregorianYear)
    const k0 = lunationOnOrBefore(first)
    const starts: number[] = []
    for (let k = k0; ; k += 1) {
      const day = newMoonDay(k)
      if (day >= next) break
      starts.push(day)
    }
    starts.push(next)
    const lunations = starts.length - 1
    let leapIndex = -1
    if (lunations === 13) {
      for (let i = 1; i < lunations; i += 1) {
        if (majorTermAtDayStart(starts[i]!) === majorTermAtDayStart(starts[i + 1]!)) {
          leapIndex = i
          break
        }
      }
    }
    const records: MonthRecord[] = []
    let month = 11
    let lunarYear = gregorianYear - 1
    for (let i = 0; i < lunations; i += 1) {
      const leap = i === leapIndex
      if (i > 0 && !leap) {
        month = (month % 12) + 1
        if (month === 1) lunarYear = gregorianYear
      }
      records.push({ startDay: starts[i]!, endDay: starts[i + 1]!, month, leap, lunarYear })
    }
    spanCache.set(gregorianYear, records)
    return records
  }

  const toLunar = (date: CivilDate): LunarDate => {
    if (!isValidCivilDate(date.year, date.month, date.day)) {
      throw new RangeError(`not a valid date: ${date.year}-${date.month}-${date.day}`)
    }
    if (date.year < MIN_LUNAR_YEAR || date.year > MAX_LUNAR_YEAR) {
      throw new RangeError(`year must be from ${MIN_LUNAR_YEAR} to ${MAX_LUNAR_YEAR}, got ${date.year}`)
    }
    const day = toEpochDay(date)
    const span = solsticeSpan(day >= month11Start(date.year) ? date.year + 1 : date.year)
    for (const record of span) {
      if (day < record.endDay) {
        return { day: day - record.startDay + 1, month: record.month, year: record.lunarYear, leap: record.leap }
      }
    }
    throw new Error(`no lunar month found for ${date.year}-${date.month}-${date.day}`)
  }

  const fromLunar = (date: LunarDate): CivilDate => {
    assertLunarShape(date)
    // Months 11 and 12 (and a leap 11 or 12) of lunar year y open the span that ends in December y + 1.
    const span = solsticeSpan(date.month >= 11 ? date.year + 1 : date.year)
    const record = span.find((r) => r.lunarYear === date.year && r.month === date.month && r.leap === date.leap)
    if (record === undefined) {
      throw new RangeError(`lunar year ${date.year} has no ${date.leap ? 'leap ' : ''}month ${date.month}`)
    }
    const length = record.endDay - record.startDay
    if (date.day > length) {
      throw new RangeError(`lunar ${date.leap ? 'leap ' : ''}month ${date.month} of ${date.year} has ${length} days, not ${date.day}`)
    }
    return fromEpochDay(record.startDay + date.day - 1)
  }

  const monthsOfYear = (lunarYear: number): readonly LunarMonth[] => {
    assertLunarShape({ day: 1, month: 1, year: lunarYear, leap: false })
    return [...solsticeSpan(lunarYear), ...solsticeSpan(lunarYear + 1)]
      .filter((r) => r.lunarYear === lunarYear)
      .map((r) => ({
        year: r.lunarYear,
        month: r.month,
        leap: r.leap,
        firstDay: fromEpochDay(r.startDay),
        length: (r.endDay - r.startDay) as 29 | 30,
      }))
  }

  return { utcOffsetHours, toLunar, fromLunar, monthsOfYear }
}

const vietnamCalendar = createLunarCalendar(VIETNAM_UTC_OFFSET_HOURS)

/** Converts a Gregorian date to the Vietnamese lunar date (RangeError outside 1800–2199). */
export function toLunar(date: CivilDate): LunarDate {
  return vietnamCalendar.toLunar(date)
}

/** Converts a Vietnamese lunar date to the Gregorian date, throwing a RangeError when it does not exist. */
export function fromLunar(date: LunarDate): CivilDate {
  return vietnamCalendar.fromLunar(date)
}

/** The months of a Vietnamese lunar year in order, leap month included. */
export function lunarMonthsOfYear(lunarYear: number): readonly LunarMonth[] {
  return vietnamCalendar.monthsOfYear(lunarYear)
}

/** The Gregorian date of Tết Nguyên đán (day 1 of month 1) of a lunar year. */
export function tetDate(lunarYear: number): CivilDate {
  return fromLunar({ day: 1, month: 1, year: lunarYear, leap: false })
}

/** The last day of a lunar year (29 or 30 tháng Chạp), the eve of the next year's Tết. */
export function lunarNewYearsEve(lunarYear: number): CivilDate {
  return addDays(tetDate(lunarYear + 1), -1)
}

/** The ten heavenly stems (thiên can) in Vietnamese, starting from Giáp. */
export const HEAVENLY_STEMS = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'] as const

/** The twelve earthly branches (địa chi) in Vietnamese, starting from Tý; Vietnam's 4th is the cat, Mão. */
export const EARTHLY_BRANCHES = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'] as const

/** The can-chi name of a lunar year in Vietnamese, e.g. 2026 → "Bính Ngọ". */
export function lunarYearName(lunarYear: number): string {
  if (!Number.isInteger(lunarYear)) throw new RangeError(`lunar year must be an integer, got ${lunarYear}`)
  // Year 4 CE was Giáp Tý, the start of a sixty-year cycle.
  const stem = HEAVENLY_STEMS[(((lunarYear - 4) % 10) + 10) % 10]!
  const branch = EARTHLY_BRANCHES[(((lunarYear - 4) % 12) + 12) % 12]!
  return `${stem} ${branch}`
}

/** Vietnamese name of a lunar month: "tháng Giêng" for 1, "tháng Chạp" for 12, "tháng 5 nhuận" … */
export function lunarMonthName(month: number, leap: boolean): string {
  const base = month === 1 ? 'tháng Giêng' : month === 12 ? 'tháng Chạp' : `tháng ${month}`
  return leap ? `${base} nhuận` : base
}
