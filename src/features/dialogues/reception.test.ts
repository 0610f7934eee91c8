/**
 * The pure rules of citizen reception: the 10-working-day notice deadline over the real Vietnamese
 * calendar (Tết, New Year, a make-up Saturday, a unit working Saturday mornings), the notice states,
 * the required days per role and period, compliance against a hand-computed fixture, pattern
 * expansion skipping days off, and who may keep the register.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatCivilDate, formatInstant, parseCivilDate, parseInstant, WorkingCalendar } from '../calendar/index.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import {
  canHost,
  canManageReception,
  complianceOf,
  dayRefusal,
  expandPattern,
  hoursProblems,
  needsNotice,
  noticeStateOf,
  notifyDueAt,
  parsePeriod,
  patternProblems,
  receptionRoots,
  requiredDays,
} from './reception.ts'
import type { Period } from './reception.ts'

const calendar = new WorkingCalendar()
const saturdayCalendar = new WorkingCalendar({ settings: { saturdayMorningWorked: true } })
const isWorkingDay = (d: Parameters<WorkingCalendar['isWorkingDay']>[0]) => calendar.isWorkingDay(d)

/** A period from two `YYYY-MM-DD` texts. */
function period(from: string, to: string): Period {
  return { from: parseCivilDate(from), to: parseCivilDate(to) }
}

/** The due instant of a receipt, printed in Vietnam time. */
function due(receivedAt: string, on: WorkingCalendar = calendar): string {
  return formatInstant(notifyDueAt(on, parseInstant(receivedAt)))
}

describe('the notice deadline (10 working days, Law 42/2013 Art. 28)', () => {
  it('skips Tết: received Thursday 12/2/2026, due Thursday 5/3 at the end of office hours', () => {
    // 13/2 is day 1; 14–22/2 are off; 23/2–27/2 are days 2–6; 2/3–5/3 days 7–10.
    assert.equal(due('2026-02-12T10:00:00+07:00'), '2026-03-05T17:00:00+07:00')
  })

  it('does not count the day of receipt, whatever the hour (no cut-off as for dossiers)', () => {
    assert.equal(due('2026-05-04T08:00:00+07:00'), '2026-05-18T17:00:00+07:00')
    assert.equal(due('2026-05-04T16:30:00+07:00'), '2026-05-18T17:00:00+07:00')
  })

  it('starts counting on the next working day after a receipt on a day off', () => {
    assert.equal(due('2026-05-10T10:00:00+07:00'), '2026-05-22T17:00:00+07:00')
  })

  it('skips New Year and counts the make-up Saturday 10/1/2026 as a working day', () => {
    // 1–2/1 off; 5–9/1 days 1–5; Saturday 10/1 day 6; 12–15/1 days 7–10.
    assert.equal(due('2025-12-31T09:00:00+07:00'), '2026-01-15T17:00:00+07:00')
  })

  it('ends at 11:30 when the 10th working day is a worked Saturday morning', () => {
    assert.equal(due('2026-05-05T09:00:00+07:00', saturdayCalendar), '2026-05-16T11:30:00+07:00')
  })

  it('reads an instant given in UTC in Vietnam time (23:30 UTC is the next morning)', () => {
    assert.equal(due('2026-05-03T23:30:00Z'), due('2026-05-04T06:30:00+07:00'))
  })
})

describe('notice states', () => {
  const dueAt = parseInstant('2026-03-05T17:00:00+07:00')
  const before = parseInstant('2026-03-05T16:00:00+07:00')
  const after = parseInstant('2026-03-06T08:00:00+07:00')

  it('waits for a notice only for matters accepted or transferred', () => {
    assert.deepEqual(
      (['guided', 'accepted', 'transferred', 'answered_directly'] as const).map(needsNotice),
      [false, true, true, false],
    )
  })

  it('is pending until the deadline, overdue after it', () => {
    assert.equal(noticeStateOf({ direction: 'accepted', notifyDueAt: dueAt, notifiedAt: null }, before), 'pending')
    assert.equal(noticeStateOf({ direction: 'accepted', notifyDueAt: dueAt, notifiedAt: null }, dueAt), 'pending')
    assert.equal(noticeStateOf({ direction: 'transferred', notifyDueAt: dueAt, notifiedAt: null }, after), 'overdue')
  })

  it('is never overdue for a citizen guided or answered at the reception', () => {
    assert.equal(noticeStateOf({ direction: 'guided', notifyDueAt: dueAt, notifiedAt: null }, after), 'not_needed')
    assert.equal(noticeStateOf({ direction: 'answered_directly', notifyDueAt: dueAt, notifiedAt: null }, after), 'not_needed')
  })

  it('tells a notice on time from a late one', () => {
    assert.equal(noticeStateOf({ direction: 'accepted', notifyDueAt: dueAt, notifiedAt: before }, after), 'on_time')
    assert.equal(noticeStateOf({ direction: 'accepted', notifyDueAt: dueAt, notifiedAt: after }, after), 'late')
  })
})

describe('required reception days', () => {
  it('asks of a chair one day for each week with a working day: February 2026 has three (Tết week and the Sunday 1/2 owe none)', () => {
    assert.equal(requiredDays('chair', period('2026-02-01', '2026-02-28'), isWorkingDay), 3)
  })

  it('asks of a chair nothing for the New Year week whose only days in January are off: January 2026 has four', () => {
    assert.equal(requiredDays('chair', period('2026-01-01', '2026-01-31'), isWorkingDay), 4)
  })

  it('counts a partial week at the end of the period when it has a working day: March 2026 has five', () => {
    assert.equal(requiredDays('chair', period('2026-03-01', '2026-03-31'), isWorkingDay), 5)
  })

  it('asks of a party secretary two days a month, six in a quarter', () => {
    assert.equal(requiredDays('party_secretary', period('2026-02-01', '2026-02-28'), isWorkingDay), 2)
    assert.equal(requiredDays('party_secretary', period('2026-04-01', '2026-06-30'), isWorkingDay), 6)
  })

  it('judges a month the period touches as a whole', () => {
    // Friday 27/2 and Monday 2/3: February and March owe two days each.
    assert.equal(requiredDays('party_secretary', period('2026-02-27', '2026-03-02'), isWorkingDay), 4)
    assert.equal(requiredDays('party_secretary', period('2026-02-28', '2026-03-01'), isWorkingDay), 0)
  })

  it('asks nothing of a deputy', () => {
    assert.equal(requiredDays('deputy', period('2026-01-01', '2026-12-31'), isWorkingDay), 0)
  })
})

describe('compliance of one role against a hand-computed fixture (February 2026)', () => {
  const february = period('2026-02-01', '2026-02-28')
  const chairDays = [
    { day: '2026-02-03', status: 'held' as const },
    // A second held day in the same week counts once towards the requirement.
    { day: '2026-02-05', status: 'held' as const },
    { day: '2026-02-10', status: 'scheduled' as const },
    { day: '2026-02-24', status: 'cancelled' as const },
    { day: '2026-02-26', status: 'held' as const },
    // Outside the period: ignored.
    { day: '2026-03-02', status: 'held' as const },
  ]

  it('counts required, scheduled, held, cancelled, covered and planned days', () => {
    assert.deepEqual(complianceOf('chair', february, chairDays, isWorkingDay), {
      required: 3,
      scheduled: 4,
      held: 3,
      cancelled: 1,
      covered: 2,
      planned: 3,
      isMet: false,
      isPlannedToMeet: true,
    })
  })

  it('meets the party secretary’s two days', () => {
    const figures = complianceOf('party_secretary', february, [{ day: '2026-02-12', status: 'held' }, { day: '2026-02-25', status: 'held' }], isWorkingDay)
    assert.equal(figures.required, 2)
    assert.equal(figures.covered, 2)
    assert.equal(figures.isMet, true)
  })

  it('takes the weeks at the edges whole: Thursday 2/4 meets the week of Monday 30/3 in a report on March', () => {
    const march = period('2026-03-01', '2026-03-31')
    const thursdays = ['2026-03-05', '2026-03-12', '2026-03-19', '2026-03-26', '2026-04-02'].map((day) => ({ day, status: 'held' as const }))
    const figures = complianceOf('chair', march, thursdays, isWorkingDay)
    assert.deepEqual([figures.required, figures.held, figures.covered, figures.isMet], [5, 4, 5, true])
    // Without 2/4 the last week of March is not met.
    assert.equal(complianceOf('chair', march, thursdays.slice(0, 4), isWorkingDay).isMet, false)
  })

  it('counts nothing for a period without days', () => {
    assert.deepEqual(complianceOf('chair', february, [], isWorkingDay), { required: 3, scheduled: 0, held: 0, cancelled: 0, covered: 0, planned: 0, isMet: false, isPlannedToMeet: false })
  })
})

describe('pattern expansion', () => {
  const dates = (r: { dates: readonly { year: number; month: number; day: number }[] }) => r.dates.map(formatCivilDate)
  const skipped = (r: { skippedDaysOff: readonly { year: number; month: number; day: number }[] }) => r.skippedDaysOff.map(formatCivilDate)

  it('gives every Thursday of April 2026 except the holiday 30/4', () => {
    const result = expandPattern({ kind: 'weekly', weekdays: [4] }, period('2026-04-01', '2026-04-30'), isWorkingDay)
    assert.deepEqual(dates(result), ['2026-04-02', '2026-04-09', '2026-04-16', '2026-04-23'])
    assert.deepEqual(skipped(result), ['2026-04-30'])
  })

  it('skips the whole Tết week of a twice-weekly pattern', () => {
    const result = expandPattern({ kind: 'weekly', weekdays: [2, 4] }, period('2026-02-09', '2026-02-22'), isWorkingDay)
    assert.deepEqual(dates(result), ['2026-02-10', '2026-02-12'])
    assert.deepEqual(skipped(result), ['2026-02-17', '2026-02-19'])
  })

  it('gives the 1st and 3rd Tuesday, and the last Friday, of each month', () => {
    const tuesdays = expandPattern({ kind: 'monthly_weekday', weekday: 2, ordinals: [1, 3] }, period('2026-03-01', '2026-04-30'), isWorkingDay)
    assert.deepEqual(dates(tuesdays), ['2026-03-03', '2026-03-17', '2026-04-07', '2026-04-21'])
    const lastFridays = expandPattern({ kind: 'monthly_weekday', weekday: 5, ordinals: [-1] }, period('2026-03-01', '2026-05-31'), isWorkingDay)
    // The last Friday of April... is 24/4; of May 29/5 (1/5 is the first, a holiday, not the last).
    assert.deepEqual(dates(lastFridays), ['2026-03-27', '2026-04-24', '2026-05-29'])
  })

  it('gives days of the month, skipping those on days off and those a month lacks', () => {
    const result = expandPattern({ kind: 'monthly_day', days: [5, 31] }, period('2026-03-01', '2026-04-30'), isWorkingDay)
    // 5/4/2026 is a Sunday; April has no 31st.
    assert.deepEqual(dates(result), ['2026-03-05', '2026-03-31'])
    assert.deepEqual(skipped(result), ['2026-04-05'])
  })

  it('names what is wrong with a pattern', () => {
    assert.deepEqual(patternProblems({ kind: 'weekly', weekdays: [] }), { weekdays: 'reception.errors.weekdays' })
    assert.deepEqual(patternProblems({ kind: 'weekly', weekdays: [7 as never] }), { weekdays: 'reception.errors.weekdays' })
    assert.deepEqual(patternProblems({ kind: 'monthly_weekday', weekday: 9 as never, ordinals: [] }), { weekday: 'reception.errors.weekday', ordinals: 'reception.errors.ordinals' })
    assert.deepEqual(patternProblems({ kind: 'monthly_day', days: [0, 32] }), { monthDays: 'reception.errors.monthDays' })
    assert.deepEqual(patternProblems({ kind: 'weekly', weekdays: [1, 4] }), {})
  })
})

describe('periods, hours and the life of a day', () => {
  it('parses a period and refuses one backwards or longer than 366 days', () => {
    assert.ok('period' in parsePeriod('2026-01-01', '2026-12-31'))
    assert.ok('period' in parsePeriod('2026-01-01', '2027-01-01'), '366 days, both ends included')
    assert.deepEqual(parsePeriod('2026-02-01', '2026-01-01'), { fields: { to: 'reception.errors.periodOrder' } })
    assert.deepEqual(parsePeriod('2026-01-01', '2027-01-02'), { fields: { to: 'reception.errors.periodTooLong' } })
    assert.deepEqual(parsePeriod('1/2/2026', '2026-02-30'), { fields: { from: 'reception.errors.date', to: 'reception.errors.date' } })
  })

  it('checks the hours', () => {
    assert.deepEqual(hoursProblems('07:30', '11:30'), {})
    assert.deepEqual(hoursProblems('7:30', '11:30'), { starts: 'reception.errors.time' })
    assert.deepEqual(hoursProblems('11:30', '07:30'), { ends: 'reception.errors.hoursOrder' })
  })

  it('holds a scheduled day only on or after its date, and changes nothing once held or cancelled', () => {
    const today = parseCivilDate('2026-03-05')
    assert.equal(dayRefusal({ status: 'scheduled', day: '2026-03-05' }, 'hold', today), null)
    assert.equal(dayRefusal({ status: 'scheduled', day: '2026-03-06' }, 'hold', today), 'reception.errors.notYet')
    assert.equal(dayRefusal({ status: 'scheduled', day: '2026-03-06' }, 'cancel', today), null)
    assert.equal(dayRefusal({ status: 'held', day: '2026-03-01' }, 'edit', today), 'reception.errors.dayClosed')
    assert.equal(dayRefusal({ status: 'cancelled', day: '2026-03-09' }, 'delete', today), 'reception.errors.dayClosed')
  })
})

describe('who may keep reception', () => {
  const principal = (grants: { role: string; unitPath: string }[]): Principal => ({ staffId: 1, username: 'x', fullName: 'X', unitId: 1, grants: grants.map((g, i) => ({ ...g, unitId: i + 1 })) })

  it('lets leaders, moderators and desk officers of the unit or an ancestor keep its register', () => {
    for (const role of ['leader', 'moderator', 'desk_officer']) {
      assert.equal(canManageReception(principal([{ role, unitPath: '/1/2/' }]), '/1/2/3/'), true, role)
      assert.equal(canManageReception(principal([{ role, unitPath: '/1/2/3/' }]), '/1/2/3/'), true, role)
    }
  })

  it('refuses specialists, admins, another ward and nobody', () => {
    assert.equal(canManageReception(principal([{ role: 'specialist', unitPath: '/1/2/3/' }]), '/1/2/3/'), false)
    assert.equal(canManageReception(principal([{ role: 'admin', unitPath: '/1/' }]), '/1/2/3/'), false)
    assert.equal(canManageReception(principal([{ role: 'leader', unitPath: '/1/2/4/' }]), '/1/2/3/'), false)
    assert.equal(canManageReception(null, '/1/2/3/'), false)
    assert.deepEqual(receptionRoots(principal([{ role: 'desk_officer', unitPath: '/1/2/4/' }, { role: 'specialist', unitPath: '/1/' }])), ['/1/2/4/'])
  })

  it('takes as hosts only leaders of the unit or an ancestor', () => {
    assert.equal(canHost(principal([{ role: 'leader', unitPath: '/1/2/3/' }]), '/1/2/3/'), true)
    assert.equal(canHost(principal([{ role: 'leader', unitPath: '/1/2/' }]), '/1/2/3/'), true)
    assert.equal(canHost(principal([{ role: 'desk_officer', unitPath: '/1/2/3/' }]), '/1/2/3/'), false)
  })
})
