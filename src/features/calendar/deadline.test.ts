import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { fromEpochDay, toEpochDay } from './civil-date.ts'
import { classify, computeDue, effectiveReceipt, formatInstant, parseInstant, workingTimeBetween } from './deadline.ts'
import type { TimeLimit } from './deadline.ts'
import { instantOf, localDateOf } from './vietnam-time.ts'
import { WorkingCalendar } from './working-calendar.ts'

const calendar = new WorkingCalendar()
const saturdayCalendar = new WorkingCalendar({ settings: { saturdayMorningWorked: true } })
const FULL_DAY_MINUTES = 450 // 7:30–11:30 and 13:30–17:00

function due(from: string, limit: TimeLimit, on: WorkingCalendar = calendar): string {
  return formatInstant(computeDue(on, parseInstant(from), limit))
}

const days = (n: number): TimeLimit => ({ kind: 'days', days: n })
const hours = (n: number): TimeLimit => ({ kind: 'hours', hours: n })
const sameDay: TimeLimit = { kind: 'sameDay' }

describe('computeDue in working days', () => {
  const cases: readonly (readonly [string, string, number, string])[] = [
    ['received Friday 14:00, 3 days → Wednesday 17:00', '2026-05-08T14:00:00+07:00', 3, '2026-05-13T17:00:00+07:00'],
    ['received Monday 15:30 (after the cut-off), 1 day → Wednesday 17:00', '2026-05-04T15:30:00+07:00', 1, '2026-05-06T17:00:00+07:00'],
    ['received Monday 14:59, 1 day → Tuesday 17:00', '2026-05-04T14:59:00+07:00', 1, '2026-05-05T17:00:00+07:00'],
    ['received at exactly the cut-off counts as the next day', '2026-05-04T15:00:00+07:00', 1, '2026-05-06T17:00:00+07:00'],
    ['received before office hours counts that day', '2026-05-04T06:00:00+07:00', 1, '2026-05-05T17:00:00+07:00'],
    ['received in the lunch break counts that day', '2026-05-04T12:15:00+07:00', 1, '2026-05-05T17:00:00+07:00'],
    ['received on a Sunday counts from Monday', '2026-05-10T10:00:00+07:00', 1, '2026-05-12T17:00:00+07:00'],
    ['received Thursday before Tết 2026, 3 days → Friday 13/2, then 23/2 and 24/2', '2026-02-12T10:00:00+07:00', 3, '2026-02-24T17:00:00+07:00'],
    ['received during Tết counts from Monday 23/2', '2026-02-17T09:00:00+07:00', 1, '2026-02-24T17:00:00+07:00'],
    ['a make-up Saturday is a working day (10/1/2026)', '2026-01-09T10:00:00+07:00', 1, '2026-01-10T17:00:00+07:00'],
    ['the compensatory Monday after Hùng Kings’ day is skipped', '2026-04-24T10:00:00+07:00', 1, '2026-04-28T17:00:00+07:00'],
    ['15 working days across 30/4–1/5 2026', '2026-04-20T09:00:00+07:00', 15, '2026-05-14T17:00:00+07:00'],
    ['across the new year', '2025-12-31T10:00:00+07:00', 2, '2026-01-06T17:00:00+07:00'],
    ['an instant given in UTC is read in Vietnam time', '2026-05-08T07:00:00Z', 3, '2026-05-13T17:00:00+07:00'],
  ]
  for (const [name, from, n, expected] of cases) {
    test(name, () => assert.equal(due(from, days(n)), expected))
  }

  test('on a unit that works Saturday mornings a Saturday ends at 11:30', () => {
    assert.equal(due('2026-05-08T14:00:00+07:00', days(1), saturdayCalendar), '2026-05-09T11:30:00+07:00')
    assert.equal(due('2026-05-09T12:00:00+07:00', days(1), saturdayCalendar), '2026-05-12T17:00:00+07:00')
  })

  test('rejects limits that are not whole positive days', () => {
    assert.throws(() => computeDue(calendar, new Date(), days(0)), RangeError)
    assert.throws(() => computeDue(calendar, new Date(), days(1.5)), RangeError)
    assert.throws(() => computeDue(calendar, new Date(Number.NaN), days(1)), RangeError)
  })
})

describe('computeDue in working hours', () => {
  const cases: readonly (readonly [string, string, number, string])[] = [
    ['4 hours from Monday 10:00 skip the lunch break', '2026-05-04T10:00:00+07:00', 4, '2026-05-04T16:00:00+07:00'],
    ['1.5 hours from 10:00 end at 11:30, not 13:30', '2026-05-04T10:00:00+07:00', 1.5, '2026-05-04T11:30:00+07:00'],
    ['1 hour from 11:00 ends at 14:00', '2026-05-04T11:00:00+07:00', 1, '2026-05-04T14:00:00+07:00'],
    ['8 hours from 14:00 run over the night', '2026-05-04T14:00:00+07:00', 8, '2026-05-05T14:30:00+07:00'],
    ['3 hours from 14:30 run into the next morning', '2026-05-04T14:30:00+07:00', 3, '2026-05-05T08:00:00+07:00'],
    ['after the cut-off the hours start the next morning', '2026-05-04T15:30:00+07:00', 2, '2026-05-05T09:30:00+07:00'],
    ['before office hours the hours start at 7:30', '2026-05-04T06:00:00+07:00', 1, '2026-05-04T08:30:00+07:00'],
    ['Friday 14:00 plus 4 hours ends Monday morning', '2026-05-08T14:00:00+07:00', 4, '2026-05-11T08:30:00+07:00'],
    ['24 hours before Tết 2026 run to after it', '2026-02-12T08:00:00+07:00', 24, '2026-02-24T09:30:00+07:00'],
  ]
  for (const [name, from, n, expected] of cases) {
    test(name, () => assert.equal(due(from, hours(n)), expected))
  }

  test('rejects a non-positive number of hours', () => {
    assert.throws(() => computeDue(calendar, new Date(), hours(0)), RangeError)
    assert.throws(() => computeDue(calendar, new Date(), hours(Number.POSITIVE_INFINITY)), RangeError)
  })
})

describe('computeDue within the day', () => {
  test('before the cut-off: the end of office hours that day', () => {
    assert.equal(due('2026-05-04T14:59:00+07:00', sameDay), '2026-05-04T17:00:00+07:00')
  })
  test('after the cut-off: the end of office hours of the next working day', () => {
    assert.equal(due('2026-05-04T15:00:00+07:00', sameDay), '2026-05-05T17:00:00+07:00')
    assert.equal(due('2026-05-08T16:00:00+07:00', sameDay), '2026-05-11T17:00:00+07:00')
    assert.equal(due('2026-02-13T16:00:00+07:00', sameDay), '2026-02-23T17:00:00+07:00')
  })
  test('a worked Saturday morning ends at 11:30', () => {
    assert.equal(due('2026-05-09T09:00:00+07:00', sameDay, saturdayCalendar), '2026-05-09T11:30:00+07:00')
  })
})

describe('effectiveReceipt and workingTimeBetween', () => {
  test('a receipt after the cut-off moves to 7:30 of the next working day', () => {
    assert.equal(formatInstant(effectiveReceipt(calendar, parseInstant('2026-05-08T16:00:00+07:00'))), '2026-05-11T07:30:00+07:00')
    assert.equal(formatInstant(effectiveReceipt(calendar, parseInstant('2026-05-08T10:00:00+07:00'))), '2026-05-08T10:00:00+07:00')
  })

  test('counts only office minutes of working days', () => {
    const between = (a: string, b: string): number => workingTimeBetween(calendar, parseInstant(a), parseInstant(b))
    assert.equal(between('2026-05-04T07:00:00+07:00', '2026-05-04T18:00:00+07:00'), FULL_DAY_MINUTES)
    assert.equal(between('2026-05-04T11:00:00+07:00', '2026-05-04T14:00:00+07:00'), 60)
    assert.equal(between('2026-05-08T16:00:00+07:00', '2026-05-11T08:30:00+07:00'), 120)
    assert.equal(between('2026-02-13T17:00:00+07:00', '2026-02-23T07:30:00+07:00'), 0)
    assert.equal(between('2026-05-04T18:00:00+07:00', '2026-05-04T07:00:00+07:00'), -FULL_DAY_MINUTES)
  })
})

describe('classify', () => {
  const dueAt = parseInstant('2026-05-06T17:00:00+07:00') // a Wednesday
  const at = (text: string): Date => parseInstant(text)

  test('finished results: early before the due day, on time on it, late after the due instant', () => {
    assert.equal(classify(calendar, { dueAt, finishedAt: at('2026-05-05T16:00:00+07:00'), now: at('2026-05-20T08:00:00+07:00') }), 'early')
    assert.equal(classify(calendar, { dueAt, finishedAt: at('2026-05-06T08:00:00+07:00'), now: at('2026-05-20T08:00:00+07:00') }), 'on_time')
    assert.equal(classify(calendar, { dueAt, finishedAt: dueAt, now: at('2026-05-20T08:00:00+07:00') }), 'on_time')
    assert.equal(classify(calendar, { dueAt, finishedAt: at('2026-05-06T17:01:00+07:00'), now: at('2026-05-06T17:01:00+07:00') }), 'late')
  })

  test('open dossiers: due soon on the due day and the working day before it, open earlier, late after', () => {
    assert.equal(classify(calendar, { dueAt, now: at('2026-05-06T16:00:00+07:00') }), 'due_soon')
    assert.equal(classify(calendar, { dueAt, finishedAt: null, now: at('2026-05-05T09:00:00+07:00') }), 'due_soon')
    assert.equal(classify(calendar, { dueAt, now: at('2026-05-04T09:00:00+07:00') }), 'open')
    assert.equal(classify(calendar, { dueAt, now: at('2026-05-06T17:00:01+07:00') }), 'late')
  })

  test('due soon counts working days, so a Monday deadline is due soon on Friday', () => {
    const monday = at('2026-05-11T17:00:00+07:00')
    assert.equal(classify(calendar, { dueAt: monday, now: at('2026-05-08T10:00:00+07:00') }), 'due_soon')
    assert.equal(classify(calendar, { dueAt: monday, now: at('2026-05-07T10:00:00+07:00') }), 'open')
    assert.equal(
      classify(calendar, { dueAt: monday, now: at('2026-05-07T10:00:00+07:00'), settings: { dueSoonWorkingDays: 2 } }),
      'due_soon',
    )
  })
})

describe('instants', () => {
  test('are printed in Vietnam time with the offset', () => {
    assert.equal(formatInstant(new Date('2026-05-04T10:00:00Z')), '2026-05-04T17:00:00+07:00')
    assert.equal(formatInstant(new Date('2026-05-04T17:30:00Z')), '2026-05-05T00:30:00+07:00')
    assert.equal(formatInstant(new Date('2026-05-04T10:00:00.250Z')), '2026-05-04T17:00:00.250+07:00')
  })

  test('convert to and from local dates', () => {
    assert.deepEqual(localDateOf(new Date('2026-05-04T17:30:00Z')), { year: 2026, month: 5, day: 5 })
    assert.equal(instantOf({ year: 2026, month: 5, day: 4 }, 17 * 60).toISOString(), '2026-05-04T10:00:00.000Z')
  })

  test('are parsed strictly, with or without an offset', () => {
    assert.equal(parseInstant('2026-05-04T08:30').toISOString(), '2026-05-04T01:30:00.000Z')
    assert.equal(parseInstant('2026-05-04T08:30:15.5+07:00').toISOString(), '2026-05-04T01:30:15.500Z')
    assert.equal(parseInstant('2026-05-04T08:30:00-05:00').toISOString(), '2026-05-04T13:30:00.000Z')
    for (const bad of ['2026-05-04', '2026-05-04 08:30', '2026-02-30T08:00', '2026-05-04T24:00', '2026-05-04T08:30+7']) {
      assert.throws(() => parseInstant(bad), RangeError, bad)
    }
  })

  test('round-trip through formatInstant and parseInstant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        assert.equal(parseInstant(formatInstant(new Date(ms))).getTime(), ms)
      }),
    )
  })
})

describe('properties over random receipts 2020–2035', () => {
  const receipt = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) }).map((ms) => new Date(ms))
  const dayLimit = fc.integer({ min: 1, max: 60 })
  const hourLimit = fc.integer({ min: 1, max: 6000 }).map((minutes) => minutes / 60)
  const anyLimit: fc.Arbitrary<TimeLimit> = fc.oneof(
    dayLimit.map(days),
    hourLimit.map(hours),
    fc.constant(sameDay),
  )
  const calendars = fc.constantFrom(calendar, saturdayCalendar)

  test('a due instant never falls on a day off, and lies within office hours', () => {
    fc.assert(
      fc.property(calendars, receipt, anyLimit, (cal, received, limit) => {
        const dueAt = computeDue(cal, received, limit)
        const date = localDateOf(dueAt)
        assert.ok(cal.isWorkingDay(date), `${formatInstant(dueAt)} is a day off`)
        const minute = (dueAt.getTime() / 60_000 + 7 * 60) % 1440
        assert.ok(cal.workingIntervals(date).some((i) => minute > i.startMinute && minute <= i.endMinute))
        assert.ok(dueAt.getTime() > received.getTime())
      }),
      { numRuns: 2000 },
    )
  })

  test('a longer limit never gives an earlier due instant, nor does a later receipt', () => {
    fc.assert(
      fc.property(calendars, receipt, dayLimit, dayLimit, (cal, received, a, b) => {
        const [short, long] = a <= b ? [a, b] : [b, a]
        assert.ok(computeDue(cal, received, days(short)) <= computeDue(cal, received, days(long)))
        assert.ok(computeDue(cal, received, sameDay) < computeDue(cal, received, days(short)))
      }),
      { numRuns: 1000 },
    )
    fc.assert(
      fc.property(calendars, receipt, hourLimit, hourLimit, (cal, received, a, b) => {
        const [short, long] = a <= b ? [a, b] : [b, a]
        assert.ok(computeDue(cal, received, hours(short)) <= computeDue(cal, received, hours(long)))
      }),
      { numRuns: 1000 },
    )
    fc.assert(
      fc.property(calendars, receipt, receipt, anyLimit, (cal, r1, r2, limit) => {
        const [early, late] = r1 <= r2 ? [r1, r2] : [r2, r1]
        assert.ok(computeDue(cal, early, limit) <= computeDue(cal, late, limit))
      }),
      { numRuns: 1000 },
    )
  })

  test('for an hours limit, the working time from the effective receipt to the due instant equals the limit', () => {
    fc.assert(
      fc.property(calendars, receipt, hourLimit, (cal, received, h) => {
        const dueAt = computeDue(cal, received, hours(h))
        const start = effectiveReceipt(cal, received)
        assert.equal(workingTimeBetween(cal, start, dueAt), Math.round(h * 60))
        // Office time between the cut-off and 17:00 is not the dossier's: it counts from the next day.
        if (start.getTime() === received.getTime()) assert.equal(workingTimeBetween(cal, received, dueAt), Math.round(h * 60))
      }),
      { numRuns: 2000 },
    )
  })

  // Invariant for day limits: the due day is the Nth working day after the effective receipt day,
  // so between the end of office hours of the receipt day (the "within the day" due instant) and
  // the due instant lie exactly N whole working days: N × 450 minutes with the default hours.
  test('for N days, exactly N whole working days lie between the end of the receipt day and the due instant', () => {
    fc.assert(
      fc.property(receipt, dayLimit, (received, n) => {
        const endOfReceiptDay = computeDue(calendar, received, sameDay)
        const dueAt = computeDue(calendar, received, days(n))
        assert.equal(workingTimeBetween(calendar, endOfReceiptDay, dueAt), n * FULL_DAY_MINUTES)
      }),
      { numRuns: 2000 },
    )
    fc.assert(
      fc.property(receipt, dayLimit, (received, n) => {
        const endOfReceiptDay = toEpochDay(localDateOf(computeDue(saturdayCalendar, received, sameDay)))
        const dueDay = toEpochDay(localDateOf(computeDue(saturdayCalendar, received, days(n))))
        let working = 0
        for (let day = endOfReceiptDay + 1; day <= dueDay; day += 1) {
          if (saturdayCalendar.isWorkingDay(fromEpochDay(day))) working += 1
        }
        assert.equal(working, n)
      }),
      { numRuns: 1000 },
    )
  })

  test('working time is additive and zero on an empty span', () => {
    fc.assert(
      fc.property(calendars, receipt, receipt, receipt, (cal, a, b, c) => {
        assert.equal(workingTimeBetween(cal, a, a), 0)
        const sum = workingTimeBetween(cal, a, b) + workingTimeBetween(cal, b, c)
        assert.ok(Math.abs(sum - workingTimeBetween(cal, a, c)) < 1e-6)
      }),
      { numRuns: 1000 },
    )
  })

  test('a finished dossier is late exactly when finished after the due instant', () => {
    fc.assert(
      fc.property(receipt, receipt, (dueAt, finishedAt) => {
        const status = classify(calendar, { dueAt, finishedAt, now: finishedAt })
        assert.equal(status === 'late', finishedAt > dueAt)
      }),
    )
  })
})
