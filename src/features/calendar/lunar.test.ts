import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { formatCivilDate, fromEpochDay, parseCivilDate, toEpochDay } from './civil-date.ts'
import {
  createLunarCalendar,
  fromLunar,
  lunarMonthName,
  lunarMonthsOfYear,
  lunarNewYearsEve,
  lunarYearName,
  tetDate,
  toLunar,
} from './lunar.ts'
import type { LunarDate } from './lunar.ts'
import { buildReferenceMonths } from './lunar-crosscheck.test-support.ts'

// Tết Nguyên đán in Vietnam, as published in Vietnamese calendars. 1968, 1985, 2007 and 2030 are
// years where Vietnam (UTC+7) and China (UTC+8) celebrate on different days.
const VIETNAMESE_TET: readonly (readonly [number, string])[] = [
  [1968, '1968-01-29'], [1985, '1985-01-21'], [1990, '1990-01-27'], [1991, '1991-02-15'], [1992, '1992-02-04'],
  [1993, '1993-01-23'], [1994, '1994-02-10'], [1995, '1995-01-31'], [1996, '1996-02-19'], [1997, '1997-02-07'],
  [1998, '1998-01-28'], [1999, '1999-02-16'], [2000, '2000-02-05'], [2001, '2001-01-24'], [2002, '2002-02-12'],
  [2003, '2003-02-01'], [2004, '2004-01-22'], [2005, '2005-02-09'], [2006, '2006-01-29'], [2007, '2007-02-17'],
  [2008, '2008-02-07'], [2009, '2009-01-26'], [2010, '2010-02-14'], [2011, '2011-02-03'], [2012, '2012-01-23'],
  [2013, '2013-02-10'], [2014, '2014-01-31'], [2015, '2015-02-19'], [2016, '2016-02-08'], [2017, '2017-01-28'],
  [2018, '2018-02-16'], [2019, '2019-02-05'], [2020, '2020-01-25'], [2021, '2021-02-12'], [2022, '2022-02-01'],
  [2023, '2023-01-22'], [2024, '2024-02-10'], [2025, '2025-01-29'], [2026, '2026-02-17'], [2027, '2027-02-06'],
  [2028, '2028-01-26'], [2029, '2029-02-13'], [2030, '2030-02-02'],
]

// Chinese New Year (UTC+8) from the Chinese calendar tables (Purple Mountain / Hong Kong
// Observatory data), sampled over the whole range: the same astronomy at UTC+8 must give them.
const CHINESE_NEW_YEAR: readonly (readonly [number, string])[] = [
  [1902, '1902-02-08'], [1908, '1908-02-02'], [1920, '1920-02-20'], [1926, '1926-02-13'], [1932, '1932-02-06'],
  [1938, '1938-01-31'], [1944, '1944-01-25'], [1950, '1950-02-17'], [1956, '1956-02-12'], [1962, '1962-02-05'],
  [1968, '1968-01-30'], [1974, '1974-01-23'], [1980, '1980-02-16'], [1985, '1985-02-20'], [1986, '1986-02-09'],
  [1992, '1992-02-04'], [1998, '1998-01-28'], [2004, '2004-01-22'], [2007, '2007-02-18'], [2010, '2010-02-14'],
  [2016, '2016-02-08'], [2022, '2022-02-01'], [2028, '2028-01-26'], [2030, '2030-02-03'], [2034, '2034-02-19'],
  [2040, '2040-02-12'], [2046, '2046-02-06'], [2052, '2052-02-01'], [2058, '2058-01-24'], [2064, '2064-02-17'],
  [2070, '2070-02-11'], [2076, '2076-02-05'], [2082, '2082-01-29'], [2088, '2088-01-24'], [2094, '2094-02-15'],
  [2099, '2099-01-21'], [2100, '2100-02-09'],
]

describe('Tết dates', () => {
  for (const [year, expected] of VIETNAMESE_TET) {
    test(`Tết ${lunarYearName(year)} ${year} falls on ${expected} in Vietnam`, () => {
      assert.equal(formatCivilDate(tetDate(year)), expected)
      assert.deepEqual(toLunar(parseCivilDate(expected)), { day: 1, month: 1, year, leap: false })
    })
  }

  test('the same astronomy at UTC+8 gives the Chinese New Year of the Chinese tables', () => {
    const china = createLunarCalendar(8)
    for (const [year, expected] of CHINESE_NEW_YEAR) {
      assert.equal(formatCivilDate(china.fromLunar({ day: 1, month: 1, year, leap: false })), expected, `year ${year}`)
    }
  })

  test('Vietnam and China differ in 1985 by a whole month because their leap months differ', () => {
    const china = createLunarCalendar(8)
    assert.equal(formatCivilDate(tetDate(1985)), '1985-01-21')
    assert.equal(formatCivilDate(china.fromLunar({ day: 1, month: 1, year: 1985, leap: false })), '1985-02-20')
    assert.ok(lunarMonthsOfYear(1985).some((m) => m.month === 2 && m.leap), 'Vietnam: leap 2nd month in 1985')
    assert.ok(china.monthsOfYear(1984).some((m) => m.month === 10 && m.leap), 'China: leap 10th month in 1984')
  })
})

describe('leap months', () => {
  // Leap months of recent Vietnamese years (tháng nhuận), as printed in Vietnamese calendars.
  const known: readonly (readonly [number, number])[] = [
    [2001, 4], [2004, 2], [2006, 7], [2009, 5], [2012, 4], [2014, 9], [2017, 6], [2020, 4], [2023, 2], [2025, 6],
    [2028, 5], [2031, 3], [2033, 11],
  ]
  for (const [year, month] of known) {
    test(`lunar year ${year} has a leap month ${month}`, () => {
      const leaps = lunarMonthsOfYear(year).filter((m) => m.leap)
      assert.deepEqual(leaps.map((m) => m.month), [month])
      assert.equal(lunarMonthsOfYear(year).length, 13)
    })
  }

  test('a year without a leap month has twelve months of 29 or 30 days', () => {
    const months = lunarMonthsOfYear(2026)
    assert.equal(months.length, 12)
    assert.deepEqual(months.map((m) => m.month), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    for (const m of months) assert.ok(m.length === 29 || m.length === 30)
  })

  test('the leap sixth month of 2025 runs from 25 July to 22 August 2025', () => {
    assert.deepEqual(toLunar(parseCivilDate('2025-07-25')), { day: 1, month: 6, year: 2025, leap: true })
    assert.deepEqual(toLunar(parseCivilDate('2025-08-22')), { day: 29, month: 6, year: 2025, leap: true })
    assert.deepEqual(toLunar(parseCivilDate('2025-08-23')), { day: 1, month: 7, year: 2025, leap: false })
    assert.equal(formatCivilDate(fromLunar({ day: 15, month: 6, year: 2025, leap: true })), '2025-08-08')
  })
})

describe('conversions', () => {
  test('Hùng Kings’ day (10/3 lunar) in 2025 and 2026', () => {
    assert.equal(formatCivilDate(fromLunar({ day: 10, month: 3, year: 2025, leap: false })), '2025-04-07')
    assert.equal(formatCivilDate(fromLunar({ day: 10, month: 3, year: 2026, leap: false })), '2026-04-26')
  })

  test('the last day of Ất Tỵ is 29 tháng Chạp, 16 February 2026', () => {
    assert.equal(formatCivilDate(lunarNewYearsEve(2025)), '2026-02-16')
    assert.deepEqual(toLunar(parseCivilDate('2026-02-16')), { day: 29, month: 12, year: 2025, leap: false })
  })

  test('dates of December and January belong to the lunar year of their months 11 and 12', () => {
    assert.deepEqual(toLunar(parseCivilDate('2026-01-01')), { day: 13, month: 11, year: 2025, leap: false })
    assert.deepEqual(toLunar(parseCivilDate('2025-12-31')), { day: 12, month: 11, year: 2025, leap: false })
  })

  test('a nonexistent lunar date is a RangeError', () => {
    assert.throws(() => fromLunar({ day: 30, month: 12, year: 2025, leap: false }), RangeError) // Chạp Ất Tỵ has 29 days
    assert.throws(() => fromLunar({ day: 1, month: 5, year: 2026, leap: true }), RangeError) // 2026 has no leap month
    assert.throws(() => fromLunar({ day: 31, month: 1, year: 2026, leap: false }), RangeError)
    assert.throws(() => fromLunar({ day: 1, month: 13, year: 2026, leap: false }), RangeError)
    assert.throws(() => fromLunar({ day: 1.5, month: 1, year: 2026, leap: false }), RangeError)
    assert.throws(() => fromLunar({ day: 1, month: 1, year: 1799, leap: false }), RangeError)
  })

  test('an invalid or out-of-range Gregorian date is a RangeError', () => {
    assert.throws(() => toLunar({ year: 2026, month: 2, day: 29 }), RangeError)
    assert.throws(() => toLunar({ year: 2300, month: 1, day: 1 }), RangeError)
  })

  test('year names follow the sixty-year can-chi cycle in Vietnamese', () => {
    assert.equal(lunarYearName(2026), 'Bính Ngọ')
    assert.equal(lunarYearName(2025), 'Ất Tỵ')
    assert.equal(lunarYearName(2024), 'Giáp Thìn')
    assert.equal(lunarYearName(2023), 'Quý Mão')
    assert.equal(lunarYearName(1945), 'Ất Dậu')
    assert.equal(lunarYearName(1984), 'Giáp Tý')
    assert.equal(lunarYearName(1968), 'Mậu Thân')
  })

  test('month names use Giêng and Chạp', () => {
    assert.equal(lunarMonthName(1, false), 'tháng Giêng')
    assert.equal(lunarMonthName(12, false), 'tháng Chạp')
    assert.equal(lunarMonthName(6, true), 'tháng 6 nhuận')
  })
})

describe('properties', () => {
  const first = toEpochDay({ year: 1900, month: 1, day: 1 })
  const last = toEpochDay({ year: 2100, month: 12, day: 31 })

  test('fromLunar(toLunar(d)) = d for every sampled date 1900–2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (epochDay) => {
        const date = fromEpochDay(epochDay)
        assert.deepEqual(fromLunar(toLunar(date)), date)
      }),
      { numRuns: 3000 },
    )
  })

  test('toLunar(fromLunar(x)) = x for every existing lunar date 1900–2100', () => {
    const existing = fc
      .record({
        year: fc.integer({ min: 1900, max: 2099 }),
        monthIndex: fc.integer({ min: 0, max: 12 }),
        day: fc.integer({ min: 1, max: 30 }),
      })
      .map(({ year, monthIndex, day }): LunarDate => {
        const months = lunarMonthsOfYear(year)
        const month = months[monthIndex % months.length]!
        return { year, month: month.month, leap: month.leap, day: Math.min(day, month.length) }
      })
    fc.assert(
      fc.property(existing, (lunar) => {
        assert.deepEqual(toLunar(fromLunar(lunar)), lunar)
      }),
      { numRuns: 3000 },
    )
  })

  test('consecutive days advance the lunar day by one or start a new month at day 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: first, max: last - 1 }), (epochDay) => {
        const today = toLunar(fromEpochDay(epochDay))
        const tomorrow = toLunar(fromEpochDay(epochDay + 1))
        if (tomorrow.day === 1) assert.ok(today.day === 29 || today.day === 30)
        else assert.deepEqual(tomorrow, { ...today, day: today.day + 1 })
      }),
      { numRuns: 3000 },
    )
  })
})

describe('cross-check against an independent construction, 1900–2100', () => {
  // The reference solves for new moons and solar terms with different series and a different ΔT,
  // agreeing with the production astronomy to about a minute. Where an event falls closer to
  // local midnight than that, the day it belongs to cannot be told apart, so a disagreement is
  // allowed only there.
  const TOLERANCE_MINUTES = 2

  for (const zone of [7, 8]) {
    test(`every month start, month number and leap month agrees at UTC+${zone}`, () => {
      const calendar = createLunarCalendar(zone)
      const from = toEpochDay({ year: 1900, month: 1, day: 1 })
      const to = toEpochDay({ year: 2100, month: 12, day: 31 })
      const reference = buildReferenceMonths(1900, 2100, zone).filter((m) => m.startDay >= from && m.startDay <= to)
      assert.ok(reference.length > 2480, `expected about 2487 months, got ${reference.length}`)
      const disagreements: string[] = []
      for (const month of reference) {
        const lunar = calendar.toLunar(fromEpochDay(month.startDay))
        const agrees = lunar.day === 1 && lunar.month === month.month && lunar.leap === month.leap && lunar.year === month.lunarYear
        if (agrees) continue
        const where = `${formatCivilDate(fromEpochDay(month.startDay))} (reference ${month.lunarYear}/${month.month}${month.leap ? 'L' : ''})`
        assert.ok(
          month.newMoon.minutesFromMidnight < TOLERANCE_MINUTES,
          `${where}: production says ${JSON.stringify(lunar)}, and the new moon is ${month.newMoon.minutesFromMidnight.toFixed(1)} min from midnight`,
        )
        disagreements.push(where)
      }
      // Conversely every production month start must be a reference month start (or one of the above).
      const referenceStarts = new Set(reference.map((m) => m.startDay))
      const disagreementCount = disagreements.length
      let productionOnly = 0
      for (let day = from; day <= to; day += 1) {
        if (calendar.toLunar(fromEpochDay(day)).day === 1 && !referenceStarts.has(day)) productionOnly += 1
      }
      assert.ok(productionOnly <= disagreementCount, `${productionOnly} month starts only in production`)
      assert.ok(disagreementCount <= 3, `too many near-midnight disagreements: ${disagreements.join(', ')}`)
    })
  }
})
