import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  addDays,
  civilDate,
  compareCivilDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  formatCivilDate,
  fromEpochDay,
  parseCivilDate,
  toEpochDay,
} from './civil-date.ts'

describe('civil dates', () => {
  test('parses and formats YYYY-MM-DD', () => {
    assert.deepEqual(parseCivilDate('2026-02-16'), { year: 2026, month: 2, day: 16 })
    assert.equal(formatCivilDate({ year: 2026, month: 2, day: 6 }), '2026-02-06')
  })

  test('rejects anything that is not exactly an existing YYYY-MM-DD', () => {
    for (const text of ['2026-2-16', '2026-02-30', '2025-02-29', '26-02-16', '2026-02-16T00:00', ' 2026-02-16', '2026-13-01', '']) {
      assert.throws(() => parseCivilDate(text), RangeError, text)
    }
    assert.deepEqual(parseCivilDate('2024-02-29'), { year: 2024, month: 2, day: 29 })
    assert.throws(() => civilDate(2100, 2, 29), RangeError)
  })

  test('counts epoch days like JavaScript does', () => {
    assert.equal(toEpochDay({ year: 1970, month: 1, day: 1 }), 0)
    assert.equal(toEpochDay({ year: 2026, month: 5, day: 4 }), Date.UTC(2026, 4, 4) / 86_400_000)
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        const date = fromEpochDay(n)
        const js = new Date(n * 86_400_000)
        assert.deepEqual(date, { year: js.getUTCFullYear(), month: js.getUTCMonth() + 1, day: js.getUTCDate() })
        assert.equal(toEpochDay(date), n)
        assert.equal(dayOfWeek(date), js.getUTCDay())
      }),
    )
  })

  test('adds days, compares and measures distances', () => {
    assert.deepEqual(addDays({ year: 2026, month: 2, day: 27 }, 2), { year: 2026, month: 3, day: 1 })
    assert.deepEqual(addDays({ year: 2026, month: 1, day: 1 }, -1), { year: 2025, month: 12, day: 31 })
    assert.equal(daysBetween({ year: 2026, month: 1, day: 1 }, { year: 2027, month: 1, day: 1 }), 365)
    assert.ok(compareCivilDates({ year: 2026, month: 1, day: 2 }, { year: 2026, month: 1, day: 10 }) < 0)
    assert.equal(compareCivilDates({ year: 2026, month: 1, day: 2 }, { year: 2026, month: 1, day: 2 }), 0)
    assert.equal(daysInMonth(2024, 2), 29)
    assert.equal(dayOfWeek({ year: 2026, month: 5, day: 4 }), 1) // a Monday
  })
})
