import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { addDays, formatCivilDate, parseCivilDate } from './civil-date.ts'
import { defaultNationalDayAdjacentDay, resolveYear, yearSchedule } from './holidays.ts'
import type { ScheduleOverride, YearSchedule } from './holidays.ts'
import { DEFAULT_CALENDAR_SETTINGS, WorkingCalendar, resolveSettings } from './working-calendar.ts'

const datesOff = (schedule: YearSchedule): string[] => schedule.daysOff.map((d) => `${d.date} ${d.kind}`)
const datesWorked = (schedule: YearSchedule): string[] => schedule.extraWorkingDays.map((d) => d.date)

/** Lists the days from `first` to `last` inclusive as YYYY-MM-DD. */
function daysFrom(first: string, last: string): string[] {
  const days: string[] = []
  for (let date = parseCivilDate(first); formatCivilDate(date) <= last; date = addDays(date, 1)) days.push(formatCivilDate(date))
  return days
}

function assertOff(calendar: WorkingCalendar, first: string, last: string): void {
  for (const day of daysFrom(first, last)) assert.equal(calendar.isWorkingDay(parseCivilDate(day)), false, `${day} should be off`)
}

function assertWorked(calendar: WorkingCalendar, ...days: string[]): void {
  for (const day of days) assert.equal(calendar.isWorkingDay(parseCivilDate(day)), true, `${day} should be worked`)
}

describe('the announced schedule of 2025', () => {
  const schedule = yearSchedule(2025)
  const calendar = new WorkingCalendar()

  test('lists the days off and the worked Saturday of the announcement', () => {
    assert.deepEqual(datesOff(schedule), [
      '2025-01-01 holiday',
      '2025-01-27 holiday', '2025-01-28 holiday', '2025-01-29 holiday', '2025-01-30 holiday', '2025-01-31 holiday',
      '2025-04-07 holiday',
      '2025-04-30 holiday', '2025-05-01 holiday', '2025-05-02 government',
      '2025-09-01 holiday', '2025-09-02 holiday',
    ])
    assert.deepEqual(datesWorked(schedule), ['2025-04-26'])
  })

  test('gives nine days of Tết Ất Tỵ, 25 January to 2 February, without a swap', () => {
    assertOff(calendar, '2025-01-25', '2025-02-02')
    assertWorked(calendar, '2025-01-24', '2025-02-03', '2025-02-07')
    assert.equal(schedule.daysOff.find((d) => d.date === '2025-01-27')?.name, 'Tết Nguyên đán Ất Tỵ (28 tháng Chạp)')
  })

  test('gives five days for 30/4–1/5, with Friday 2 May swapped for Saturday 26 April', () => {
    assertOff(calendar, '2025-04-30', '2025-05-04')
    assertWorked(calendar, '2025-04-26', '2025-04-29', '2025-05-05')
  })

  test('gives four days for National Day, 30 August to 2 September', () => {
    assertOff(calendar, '2025-08-30', '2025-09-02')
    assertWorked(calendar, '2025-08-29', '2025-09-03')
  })
})

describe('the announced schedule of 2026', () => {
  const schedule = yearSchedule(2026)
  const calendar = new WorkingCalendar()

  test('lists the days off and the worked Saturdays of the announcements', () => {
    assert.deepEqual(datesOff(schedule), [
      '2026-01-01 holiday', '2026-01-02 government',
      '2026-02-16 holiday', '2026-02-17 holiday', '2026-02-18 holiday', '2026-02-19 holiday', '2026-02-20 holiday',
      '2026-04-27 compensatory',
      '2026-04-30 holiday', '2026-05-01 holiday',
      '2026-08-31 government', '2026-09-01 holiday', '2026-09-02 holiday',
    ])
    assert.deepEqual(datesWorked(schedule), ['2026-01-10', '2026-08-22'])
  })

  test("gives four days for New Year's Day, worked back on Saturday 10 January", () => {
    assertOff(calendar, '2026-01-01', '2026-01-04')
    assertWorked(calendar, '2026-01-05', '2026-01-10')
  })

  test('gives nine days of Tết Bính Ngọ, 14 to 22 February', () => {
    assertOff(calendar, '2026-02-14', '2026-02-22')
    assertWorked(calendar, '2026-02-13', '2026-02-23')
    assert.equal(schedule.daysOff.find((d) => d.date === '2026-02-16')?.name, 'Tết Nguyên đán Bính Ngọ (29 tháng Chạp)')
  })

  test("moves Hùng Kings' day, a Sunday (26 April), to Monday 27 April", () => {
    const compensatory = schedule.daysOff.find((d) => d.date === '2026-04-27')
    assert.equal(compensatory?.kind, 'compensatory')
    assert.match(compensatory?.name ?? '', /^Nghỉ bù: Giỗ Tổ Hùng Vương/)
    assertOff(calendar, '2026-04-25', '2026-04-27')
    assertOff(calendar, '2026-04-30', '2026-05-03')
    assertWorked(calendar, '2026-04-28', '2026-04-29', '2026-05-04')
  })

  test('gives five days for National Day, 29 August to 2 September, worked back on 22 August', () => {
    assertOff(calendar, '2026-08-29', '2026-09-02')
    assertWorked(calendar, '2026-08-22', '2026-08-28', '2026-09-03')
  })

  test('keeps Hùng Kings’ day itself, a Sunday, in the resolved year', () => {
    const resolved = resolveYear(2026)
    assert.equal(resolved.daysOff.find((d) => d.date === '2026-04-26')?.kind, 'holiday')
  })
})

describe('the default rule for years without an announcement', () => {
  test('2027: Tết on a weekend pushes two compensatory days after it; 1 May on a Saturday moves to Monday', () => {
    assert.deepEqual(datesOff(yearSchedule(2027)), [
      '2027-01-01 holiday',
      '2027-02-05 holiday', '2027-02-08 holiday', '2027-02-09 holiday', '2027-02-10 compensatory', '2027-02-11 compensatory',
      '2027-04-16 holiday',
      '2027-04-30 holiday', '2027-05-03 compensatory',
      '2027-09-02 holiday', '2027-09-03 holiday',
    ])
    assert.deepEqual(datesWorked(yearSchedule(2027)), [])
  })

  test('2030: Tết Canh Tuất starts on Saturday 2 February in Vietnam', () => {
    assert.deepEqual(datesOff(yearSchedule(2030)), [
      '2030-01-01 holiday',
      '2030-02-01 holiday', '2030-02-04 holiday', '2030-02-05 holiday', '2030-02-06 compensatory', '2030-02-07 compensatory',
      '2030-04-12 holiday',
      '2030-04-30 holiday', '2030-05-01 holiday',
      '2030-09-02 holiday', '2030-09-03 holiday',
    ])
  })

  test('2028: New Year and National Day on Saturdays give Monday compensatory days', () => {
    const off = datesOff(yearSchedule(2028))
    assert.ok(off.includes('2028-01-03 compensatory'))
    assert.ok(off.includes('2028-09-01 holiday'))
    assert.ok(off.includes('2028-09-04 compensatory'))
  })

  test('the adjacent National Day reproduces the announced years 2021–2026', () => {
    const announced: Record<number, 1 | 3> = { 2021: 3, 2022: 1, 2023: 1, 2024: 3, 2025: 1, 2026: 1 }
    for (const [year, day] of Object.entries(announced)) assert.equal(defaultNationalDayAdjacentDay(Number(year)), day, year)
  })

  test('before 2021 National Day was a single day', () => {
    const off = resolveYear(2020).daysOff.map((d) => d.date)
    assert.ok(off.includes('2020-09-02'))
    assert.ok(!off.includes('2020-09-01') && !off.includes('2020-09-03'))
  })

  test('every year has the eleven statutory days, and days off are sorted and unique', () => {
    for (let year = 2021; year <= 2040; year += 1) {
      const resolved = resolveYear(year)
      assert.equal(resolved.daysOff.filter((d) => d.kind === 'holiday').length, 11, String(year))
      const dates = yearSchedule(year).daysOff.map((d) => d.date)
      assert.deepEqual(dates, [...new Set(dates)].sort(), String(year))
      for (const day of yearSchedule(year).daysOff) assert.ok(day.name.length > 0 && day.nameEn.length > 0)
    }
  })

  test('a year outside the supported range is a RangeError', () => {
    assert.throws(() => yearSchedule(1799), RangeError)
    assert.throws(() => yearSchedule(2026.5), RangeError)
  })
})

describe("an administrator's overrides", () => {
  const cultureDay: ScheduleOverride = { date: '2026-11-24', kind: 'day_off', name: 'Ngày Văn hóa Việt Nam', nameEn: 'Vietnam Culture Day' }

  test('add a day off', () => {
    const schedule = yearSchedule(2026, [cultureDay])
    assert.deepEqual(schedule.daysOff.at(-1), { date: '2026-11-24', kind: 'government', name: 'Ngày Văn hóa Việt Nam', nameEn: 'Vietnam Culture Day' })
  })

  test('remove a shipped swap: the weekday is worked again and the Saturday is off again', () => {
    const schedule = yearSchedule(2026, [
      { date: '2026-01-02', kind: 'working_day', name: 'Hủy hoán đổi', nameEn: 'Swap cancelled' },
      { date: '2026-01-10', kind: 'day_off', name: 'Hủy làm bù', nameEn: 'Make-up day cancelled' },
    ])
    assert.ok(!schedule.daysOff.some((d) => d.date === '2026-01-02'))
    assert.deepEqual(datesWorked(schedule), ['2026-08-22'])
  })

  test('add a worked Saturday', () => {
    const row: ScheduleOverride = { date: '2026-10-17', kind: 'working_day', name: 'Làm bù', nameEn: 'Make-up day' }
    assert.deepEqual(yearSchedule(2026, [row]).extraWorkingDays.at(-1), { date: '2026-10-17', name: 'Làm bù', nameEn: 'Make-up day' })
  })

  test('rows of other years are ignored and a malformed row is a RangeError', () => {
    assert.deepEqual(yearSchedule(2025, [cultureDay]), yearSchedule(2025))
    assert.throws(() => yearSchedule(2026, [{ ...cultureDay, date: '2026-02-30' }]), RangeError)
    assert.throws(() => new WorkingCalendar({ overrides: [{ ...cultureDay, date: '24/11/2026' }] }), RangeError)
  })

  test('are followed by a calendar built with them', () => {
    const calendar = new WorkingCalendar({ overrides: [cultureDay] })
    assert.equal(calendar.isWorkingDay(parseCivilDate('2026-11-24')), false)
    assert.equal(new WorkingCalendar().isWorkingDay(parseCivilDate('2026-11-24')), true)
    assert.deepEqual(calendar.schedule(2026).daysOff.at(-1)?.date, '2026-11-24')
  })
})

describe('working days and hours', () => {
  test('a weekday has the default office hours and a weekend none', () => {
    const calendar = new WorkingCalendar()
    assert.deepEqual(calendar.workingIntervals(parseCivilDate('2026-05-04')), [
      { startMinute: 450, endMinute: 690 },
      { startMinute: 810, endMinute: 1020 },
    ])
    assert.deepEqual(calendar.workingIntervals(parseCivilDate('2026-05-09')), [])
    assert.deepEqual(calendar.workingIntervals(parseCivilDate('2026-02-17')), [])
  })

  test('a unit that works Saturday mornings works 7:30–11:30 on Saturdays that are not holidays', () => {
    const calendar = new WorkingCalendar({ settings: { saturdayMorningWorked: true } })
    assert.deepEqual(calendar.workingIntervals(parseCivilDate('2026-05-09')), [{ startMinute: 450, endMinute: 690 }])
    assert.deepEqual(calendar.workingIntervals(parseCivilDate('2026-05-10')), [])
    assert.equal(calendar.isWorkingDay(parseCivilDate('2027-05-01')), false, 'Labour Day on a Saturday')
    assert.equal(calendar.workingIntervals(parseCivilDate('2026-01-10')).length, 2, 'a make-up Saturday is a full day')
  })

  test('settings default as documented and are validated', () => {
    assert.deepEqual(resolveSettings(), DEFAULT_CALENDAR_SETTINGS)
    assert.throws(() => resolveSettings({ cutoff: '3pm' }), RangeError)
    assert.throws(() => resolveSettings({ officeHours: [] }), RangeError)
    assert.throws(() => resolveSettings({ officeHours: [{ start: '13:00', end: '12:00' }] }), RangeError)
    assert.throws(
      () => resolveSettings({ officeHours: [{ start: '07:30', end: '12:00' }, { start: '11:00', end: '17:00' }] }),
      RangeError,
    )
    assert.throws(() => resolveSettings({ dueSoonWorkingDays: -1 }), RangeError)
  })

  test('an invalid date is a RangeError', () => {
    assert.throws(() => new WorkingCalendar().isWorkingDay({ year: 2026, month: 2, day: 29 }), RangeError)
  })
})
