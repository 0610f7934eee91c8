/**
 * The dashboard's pure arithmetic: Vietnam days at the midnight edge, periods, what each event adds
 * to the daily figures, rates and averages, the trend, roll-ups to the compared units, the
 * satisfaction threshold, where a dossier falls in the report, CSV escaping, and how the days of a
 * range are read and kept month by month.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  addDays,
  checkPeriod,
  dayEnd,
  dayStart,
  dossierFigures,
  dossierIncrement,
  feedbackFigures,
  feedbackIncrement,
  isBelowThreshold,
  monthLastDay,
  monthReadPlan,
  NO_DOSSIER_COUNTS,
  onTimeTrend,
  parseDay,
  presetPeriods,
  rate,
  reportFigures,
  reportIncrement,
  rollUp,
  trendChange,
  trendMonths,
  vietnamDay,
  wholeSecondsBetween,
} from './dashboard.ts'
import { neutralisedText, toCsv } from '../../views/table-export.ts'
import { firstOpenDay, isPastDay, splitDays } from './dashboard.months.ts'

const at = (iso: string) => new Date(iso)

describe('Vietnam days and periods', () => {
  it('puts an instant on its Vietnam day, seven hours ahead of UTC', () => {
    assert.equal(vietnamDay(at('2026-03-01T16:59:59Z')), '2026-03-01')
    assert.equal(vietnamDay(at('2026-03-01T17:00:00Z')), '2026-03-02')
    assert.equal(dayStart('2026-03-02').toISOString(), '2026-03-01T17:00:00.000Z')
    assert.equal(dayEnd('2026-03-02').toISOString(), '2026-03-02T17:00:00.000Z')
    assert.equal(addDays('2026-02-28', 1), '2026-03-01')
    assert.equal(addDays('2024-03-01', -1), '2024-02-29')
  })

  it('accepts only real calendar dates', () => {
    assert.equal(parseDay('2026-02-28'), '2026-02-28')
    assert.equal(parseDay('2026-02-30'), null)
    assert.equal(parseDay('2026-3-1'), null)
    assert.equal(parseDay(''), null)
  })

  it('defaults to this month up to today and names the field of a wrong period', () => {
    assert.deepEqual(checkPeriod(null, null, '2026-03-10'), { period: { from: '2026-03-01', to: '2026-03-10' } })
    assert.deepEqual(checkPeriod('2026-03-10', '2026-03-01', '2026-03-10'), { fields: { to: 'dashboard.errors.order' } })
    assert.deepEqual(checkPeriod('2026-31-01', '', '2026-03-10'), { fields: { from: 'dashboard.errors.day' } })
    assert.deepEqual(checkPeriod('2020-01-01', '2026-01-01', '2026-03-10'), { fields: { to: 'dashboard.errors.tooLong' } })
  })

  it('offers this month, last month, this quarter, this year and last year', () => {
    const presets = Object.fromEntries(presetPeriods('2026-05-17').map((p) => [p.key, p.period]))
    assert.deepEqual(presets, {
      month: { from: '2026-05-01', to: '2026-05-17' },
      lastMonth: { from: '2026-04-01', to: '2026-04-30' },
      quarter: { from: '2026-04-01', to: '2026-05-17' },
      year: { from: '2026-01-01', to: '2026-05-17' },
      lastYear: { from: '2025-01-01', to: '2025-12-31' },
    })
  })

  it('lists the twelve months of a trend across a year boundary', () => {
    const months = trendMonths('2026-03-10')
    assert.equal(months.length, 12)
    assert.equal(months[0], '2025-04')
    assert.equal(months[11], '2026-03')
    assert.equal(monthLastDay('2024-02'), '2024-02-29')
    assert.equal(monthLastDay('2026-12'), '2026-12-31')
  })
})

describe('what an event adds to the daily figures', () => {
  const base = { unitId: 1, procedureId: 2 }

  it('counts a receipt on the Vietnam day it happened, and a moved receipt back out', () => {
    assert.deepEqual(dossierIncrement({ kind: 'received', ...base, receivedAt: at('2026-03-01T18:00:00Z') }), { day: '2026-03-02', counts: { ...NO_DOSSIER_COUNTS, received: 1 } })
    assert.equal(dossierIncrement({ kind: 'received', ...base, receivedAt: at('2026-03-01T18:00:00Z'), delta: -1 })?.counts.received, -1)
  })

  it('counts a return by its timing with the whole seconds from receipt, refusals and stops apart', () => {
    const returned = dossierIncrement({ kind: 'finished', ...base, status: 'returned', timing: 'late', receivedAt: at('2026-03-02T02:00:00.900Z'), finishedAt: at('2026-03-06T03:00:00.100Z') })
    assert.deepEqual(returned, { day: '2026-03-06', counts: { ...NO_DOSSIER_COUNTS, returnedLate: 1, processingSeconds: 4 * 86_400 + 3600 } })
    assert.equal(wholeSecondsBetween(at('2026-03-02T02:00:00.900Z'), at('2026-03-02T02:00:01.100Z')), 1)
    assert.deepEqual(dossierIncrement({ kind: 'finished', ...base, status: 'refused', timing: null, receivedAt: null, finishedAt: at('2026-03-02T02:00:00Z') })?.counts, { ...NO_DOSSIER_COUNTS, refused: 1 })
    assert.deepEqual(dossierIncrement({ kind: 'finished', ...base, status: 'stopped', timing: null, receivedAt: null, finishedAt: at('2026-03-02T02:00:00Z') })?.counts, { ...NO_DOSSIER_COUNTS, stopped: 1 })
    assert.equal(dossierIncrement({ kind: 'finished', ...base, status: 'returned', timing: null, receivedAt: null, finishedAt: at('2026-03-02T02:00:00Z') }), null)
  })

  it('counts an answer on time when it comes by the due instant, and takes it back on a reopen', () => {
    const f = { unitId: 1, category: 'sanitation' }
    assert.deepEqual(feedbackIncrement({ kind: 'submitted', ...f, submittedAt: at('2026-03-02T02:00:00Z') }), { day: '2026-03-02', counts: { submitted: 1, answered: 0, answeredOnTime: 0 } })
    assert.deepEqual(feedbackIncrement({ kind: 'answered', ...f, answeredAt: at('2026-03-05T10:00:00Z'), dueAt: at('2026-03-05T10:00:00Z') }).counts, { submitted: 0, answered: 1, answeredOnTime: 1 })
    assert.deepEqual(feedbackIncrement({ kind: 'answered', ...f, answeredAt: at('2026-03-05T10:00:01Z'), dueAt: at('2026-03-05T10:00:00Z') }).counts, { submitted: 0, answered: 1, answeredOnTime: 0 })
    assert.deepEqual(feedbackIncrement({ kind: 'answered', ...f, answeredAt: at('2026-03-05T10:00:00Z'), dueAt: at('2026-03-06T10:00:00Z'), delta: -1 }).counts, { submitted: 0, answered: -1, answeredOnTime: -1 })
    assert.equal(feedbackIncrement({ kind: 'answered', ...f, answeredAt: at('2026-03-05T10:00:00Z'), dueAt: null }).counts.answeredOnTime, 0)
  })
})

describe('figures', () => {
  it('computes the on-time rate and the mean days from summed counters, null when nothing was returned', () => {
    const f = dossierFigures({ received: 8, returnedEarly: 1, returnedOnTime: 2, returnedLate: 1, refused: 1, stopped: 0, processingSeconds: 4 * 86_400 * 2 })
    assert.equal(f.returned, 4)
    assert.equal(f.onTimeRate, 0.75)
    assert.equal(f.averageDays, 2)
    assert.equal(dossierFigures(NO_DOSSIER_COUNTS).onTimeRate, null)
    assert.equal(dossierFigures(NO_DOSSIER_COUNTS).averageDays, null)
    assert.equal(feedbackFigures({ submitted: 3, answered: 2, answeredOnTime: 1 }).onTimeRate, 0.5)
    assert.equal(rate(0, 0), null)
  })

  it('shows the trend by month and its change between the last two months that have a rate', () => {
    const byMonth = new Map([
      ['2026-01', { ...NO_DOSSIER_COUNTS, received: 4, returnedOnTime: 3, returnedLate: 1 }],
      ['2026-03', { ...NO_DOSSIER_COUNTS, received: 2, returnedOnTime: 2 }],
    ])
    const trend = onTimeTrend(['2026-01', '2026-02', '2026-03'], byMonth)
    assert.deepEqual(trend, [
      { month: '2026-01', received: 4, returned: 4, onTimeRate: 0.75 },
      { month: '2026-02', received: 0, returned: 0, onTimeRate: null },
      { month: '2026-03', received: 2, returned: 2, onTimeRate: 1 },
    ])
    assert.equal(trendChange(trend), 0.25)
    assert.equal(trendChange(trend.slice(0, 2)), null)
  })

  it('rolls unit rows up to the compared units, a parent keeping only its own rows', () => {
    const all = [
      { id: 1, path: '/1/' },
      { id: 2, path: '/1/2/' },
      { id: 3, path: '/1/3/' },
      { id: 4, path: '/1/3/4/' },
    ]
    const rows = new Map([
      [1, { n: 1 }],
      [2, { n: 10 }],
      [3, { n: 100 }],
      [4, { n: 1000 }],
      [99, { n: 5 }],
    ])
    const sums = rollUp([all[0]!, all[1]!, all[2]!], all, rows, { n: 0 })
    assert.deepEqual([...sums.entries()], [
      [1, { n: 1 }],
      [2, { n: 10 }],
      [3, { n: 1100 }],
    ])
  })

  it('finds an official below the threshold exactly as the corrective rule does', () => {
    const threshold = { minRatings: 5, minShare: 0.3 }
    assert.equal(isBelowThreshold(5, 2, threshold), true)
    assert.equal(isBelowThreshold(4, 4, threshold), false)
    assert.equal(isBelowThreshold(10, 2, threshold), false)
    assert.equal(isBelowThreshold(0, 0, { minRatings: 0, minShare: 0.1 }), false)
  })
})

describe('the report on handling administrative procedures', () => {
  const start = at('2026-02-28T17:00:00Z')
  const end = at('2026-03-31T17:00:00Z')
  const judged = at('2026-03-10T02:00:00Z')
  const dossier = (receivedAt: string, finishedAt: string | null, status: string, timing: 'early' | 'on_time' | 'late' | null, dueAt: string | null) => ({
    receivedAt: at(receivedAt),
    finishedAt: finishedAt ? at(finishedAt) : null,
    status,
    timing,
    dueAt: dueAt ? at(dueAt) : null,
  })

  it('sorts dossiers into carried over or received, and finished (how) or in hand (in time or overdue)', () => {
    const lines = [
      dossier('2026-02-20T02:00:00Z', '2026-03-03T02:00:00Z', 'returned', 'late', '2026-02-25T10:00:00Z'),
      dossier('2026-02-20T02:00:00Z', null, 'processing', null, '2026-03-20T10:00:00Z'),
      dossier('2026-03-02T02:00:00Z', '2026-03-04T02:00:00Z', 'returned', 'early', '2026-03-05T10:00:00Z'),
      dossier('2026-03-02T02:00:00Z', null, 'received', null, '2026-03-05T10:00:00Z'),
      dossier('2026-03-02T02:00:00Z', '2026-03-02T05:00:00Z', 'refused', null, '2026-03-05T10:00:00Z'),
      // Finished before the period, received after it: in neither.
      dossier('2026-02-01T02:00:00Z', '2026-02-10T02:00:00Z', 'returned', 'on_time', null),
      dossier('2026-04-02T02:00:00Z', null, 'received', null, null),
    ].map((d) => reportIncrement(d, start, end, judged))
    assert.equal(lines[5], null)
    assert.equal(lines[6], null)
    const sum = lines.filter((l) => l !== null).reduce((a, b) => Object.fromEntries(Object.entries(a!).map(([k, v]) => [k, v + (b as unknown as Record<string, number>)[k]!])) as typeof a)!
    const figures = reportFigures(sum)
    assert.deepEqual(figures, { carriedOver: 2, received: 3, early: 1, onTime: 0, late: 1, refused: 1, stopped: 0, inTime: 1, overdue: 1, toHandle: 5, finished: 3, inHand: 2, onTimeRate: 0.5 })
    assert.equal(figures.toHandle, figures.finished + figures.inHand)
  })
})

describe('CSV', () => {
  it('starts with a byte-order mark, quotes what needs it, writes shares in per cent and keeps formulas inert', () => {
    const csv = toCsv({
      key: 'x',
      caption: 'x',
      columns: [
        { header: 'Đơn vị', kind: 'text' },
        { header: 'Tỷ lệ', kind: 'percent' },
        { header: 'Số', kind: 'count' },
      ],
      rows: [{ cells: [{ value: 'Phường "An", Bình' }, { value: 0.6667 }, { value: 3 }] }, { cells: [{ value: '=HYPERLINK("x")' }, { value: null }, { value: -1 }] }],
    })
    assert.equal(csv, '\uFEFFĐơn vị,Tỷ lệ,Số\r\n"Phường ""An"", Bình",66.7,3\r\n"\'=HYPERLINK(""x"")",,-1\r\n')
    assert.equal(neutralisedText('+84 912'), "'+84 912")
    assert.equal(neutralisedText('Nguyễn'), 'Nguyễn')
  })
})

describe('kept past days', () => {
  it('splits a range by month, keeping the months whose days are all past and reading the month that reaches today', () => {
    assert.deepEqual(splitDays('2026-01-01', '2026-03-20', '2026-03-20'), [
      { kind: 'kept', month: '2026-01', from: '2026-01-01', to: '2026-01-31' },
      { kind: 'kept', month: '2026-02', from: '2026-02-01', to: '2026-02-28' },
      { kind: 'read', month: '2026-03', from: '2026-03-01', to: '2026-03-20' },
    ])
    // A range starting or ending inside a month keeps those days of it.
    assert.deepEqual(splitDays('2026-01-15', '2026-02-10', '2026-03-20'), [
      { kind: 'kept', month: '2026-01', from: '2026-01-15', to: '2026-01-31' },
      { kind: 'kept', month: '2026-02', from: '2026-02-01', to: '2026-02-10' },
    ])
    assert.deepEqual(splitDays('2026-02-20', '2026-03-19', '2026-03-20'), [
      { kind: 'kept', month: '2026-02', from: '2026-02-20', to: '2026-02-28' },
      { kind: 'kept', month: '2026-03', from: '2026-03-01', to: '2026-03-19' },
    ])
    assert.deepEqual(splitDays('2026-03-01', '2026-03-01', '2026-03-01'), [{ kind: 'read', month: '2026-03', from: '2026-03-01', to: '2026-03-01' }])
    assert.deepEqual(splitDays('2025-12-31', '2026-01-01', '2026-03-01'), [
      { kind: 'kept', month: '2025-12', from: '2025-12-31', to: '2025-12-31' },
      { kind: 'kept', month: '2026-01', from: '2026-01-01', to: '2026-01-01' },
    ])
  })

  it('reads a month from its monthly rows, a few of its days from the daily rows, and most of them as the month less the others', () => {
    assert.deepEqual(monthReadPlan('2026-02', '2026-02-01', '2026-02-28'), { kind: 'month' })
    // 14 of February's 28 days: no more than the other 14, read as days.
    assert.deepEqual(monthReadPlan('2026-02', '2026-02-01', '2026-02-14'), { kind: 'days' })
    assert.deepEqual(monthReadPlan('2026-02', '2026-02-01', '2026-02-15'), { kind: 'monthLess', before: null, after: ['2026-02-16', '2026-02-28'] })
    assert.deepEqual(monthReadPlan('2026-03', '2026-03-01', '2026-03-26'), { kind: 'monthLess', before: null, after: ['2026-03-27', '2026-03-31'] })
    assert.deepEqual(monthReadPlan('2026-03', '2026-03-03', '2026-03-30'), { kind: 'monthLess', before: ['2026-03-01', '2026-03-02'], after: ['2026-03-31', '2026-03-31'] })
    assert.deepEqual(monthReadPlan('2026-03', '2026-03-10', '2026-03-31'), { kind: 'monthLess', before: ['2026-03-01', '2026-03-09'], after: null })
    assert.deepEqual(monthReadPlan('2024-02', '2024-02-29', '2024-02-29'), { kind: 'days' })
  })

  it('takes a day as past a quarter of an hour after it ends, by the earlier clock, and versions writes to past days', () => {
    assert.equal(firstOpenDay(at('2026-03-19T17:10:00Z'), at('2026-11-01T00:00:00Z')), '2026-03-19')
    assert.equal(firstOpenDay(at('2026-03-19T17:20:00Z'), at('2026-11-01T00:00:00Z')), '2026-03-20')
    assert.equal(firstOpenDay(at('2026-11-01T00:00:00Z'), at('2026-03-19T17:20:00Z')), '2026-03-20')
    assert.equal(isPastDay('2026-03-19', at('2026-03-19T17:00:00Z')), true)
    assert.equal(isPastDay('2026-03-20', at('2026-03-19T17:00:00Z')), false)
  })
})
