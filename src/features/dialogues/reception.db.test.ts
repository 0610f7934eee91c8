/**
 * Citizen reception's use cases against a real database (SQLite, and PostgreSQL when configured):
 * the notice deadline from the unit's calendar (Tết, and a day off an administrator adds), notices
 * on time and late, the overdue filter; reception days one by one and by pattern (days off and
 * existing dates skipped), their life (held, cancelled, changed, deleted) with an audit entry for
 * each change; compliance against a hand-computed fixture; and scoping: ward B's staff neither
 * read nor list ward A's register, nor touch its days.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { listAuditFor } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { FixedClock } from '../../platform/clock.ts'
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import type { AppError } from '../../platform/http/errors.ts'
import { createCalendarService, formatInstant } from '../calendar/index.ts'
import { loadPrincipal } from '../units/index.ts'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import {
  cancelDay,
  complianceReport,
  deleteDay,
  getCase,
  getDay,
  listCases,
  listDays,
  listPublicSchedule,
  markDayHeld,
  recordCase,
  recordNotice,
  registerForPrint,
  scheduleDay,
  schedulePattern,
  updateCase,
  updateDay,
} from './reception.service.ts'
import type { CaseInput, DayInput, ReceptionDeps } from './reception.service.ts'

/** Monday 2 March 2026, 09:00 in Vietnam. */
const START = '2026-03-02T02:00:00Z'

/** Whether a promise is refused with an error of a class (and, when given, a message key). */
async function refuses(promise: Promise<unknown>, type: new (...args: never[]) => AppError, messageKey?: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`)
  if (messageKey) assert.equal(error.messageKey, messageKey)
  return error
}

for (const dialect of testDialects) {
  describe(`citizen reception on ${dialect.name}`, () => {
    let database: TestDatabase
    let deps: ReceptionDeps
    const clock = new FixedClock(START)
    const staff: Record<string, Principal> = {}

    before(async () => {
      database = await dialect.open()
      deps = { db: database.db, clock, calendar: createCalendarService({ db: database.db, clock }) }
      await createUnitTree({ db: database.db, clock })
      const accounts: [string, string, ('moderator' | 'leader' | 'specialist' | 'desk_officer' | 'admin')[]][] = [
        ['chair.a', 'WARD-A', ['leader']],
        ['secretary.a', 'WARD-A', ['leader']],
        ['deputy.a', 'WARD-A', ['leader']],
        ['desk.a', 'WARD-A', ['desk_officer']],
        ['spec.a', 'WARD-A', ['specialist']],
        ['chair.b', 'WARD-B', ['leader']],
        ['secretary.b', 'WARD-B', ['leader']],
        ['desk.b', 'WARD-B', ['desk_officer']],
        ['mod.town', 'TOWN', ['moderator']],
        ['admin.town', 'TOWN', ['admin']],
      ]
      for (const [username, unit, roles] of accounts) {
        const { id } = await createTestStaff({ db: database.db, clock }, username, unit, roles)
        staff[username] = (await loadPrincipal(deps, id))!
      }
    })
    after(() => database.close())

    const as = (username: string) => staff[username]!

    const matter = (overrides: Partial<CaseInput> = {}): CaseInput => ({
      unitCode: 'WARD-A',
      citizenName: 'Nguyễn Thị Hoa',
      citizenAddress: 'Tổ 3, khu phố 2',
      peopleCount: 1,
      content: 'Đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất đã nộp hồ sơ từ năm ngoái.',
      kind: 'petition',
      direction: 'accepted',
      ...overrides,
    })

    const day = (overrides: Partial<DayInput> = {}): DayInput => ({
      unitCode: 'WARD-A',
      hostUsername: 'chair.a',
      hostRole: 'chair',
      day: '2026-03-05',
      starts: '07:30',
      ends: '11:30',
      venue: 'Phòng tiếp công dân UBND phường',
      ...overrides,
    })

    describe('the register and its notice deadline', () => {
      it('sets the deadline 10 working days after receipt in the unit’s calendar, across Tết', async () => {
        clock.set(START)
        const created = await recordCase(deps, as('desk.a'), matter({ receivedAt: '2026-02-12T10:00' }))
        assert.equal(formatInstant(created.receivedAt), '2026-02-12T10:00:00+07:00')
        assert.equal(formatInstant(created.notifyDueAt), '2026-03-05T17:00:00+07:00')
        assert.equal(created.noticeState, 'pending')
        assert.equal(created.receivedBy?.username, 'desk.a')
        const [entry] = await listAuditFor(database.db, 'reception_case', created.id)
        assert.equal(entry?.action, 'create')
        // The audit keeps what happened, not who came.
        assert.doesNotMatch(JSON.stringify(entry?.after), /Hoa|khu phố/)
      })

      it('follows a day off an administrator adds to the calendar', async () => {
        clock.set(START)
        await deps.calendar.setOverride('system', { date: '2026-03-04', kind: 'day_off', name: 'Nghỉ bù thử nghiệm' })
        try {
          const created = await recordCase(deps, as('desk.a'), matter({ receivedAt: '2026-02-12T10:00' }))
          assert.equal(formatInstant(created.notifyDueAt), '2026-03-06T17:00:00+07:00')
        } finally {
          await deps.calendar.removeOverride('system', '2026-03-04')
        }
      })

      it('lists a matter as overdue after its deadline, until the notice is recorded, and marks that notice late', async () => {
        clock.set(START)
        const created = await recordCase(deps, as('desk.a'), matter({ receivedAt: '2026-02-12T10:00', kind: 'complaint', direction: 'transferred' }))
        clock.set('2026-03-06T02:00:00Z')
        const overdue = await listCases(deps, as('desk.a'), { overdue: true })
        assert.ok(overdue.items.some((c) => c.id === created.id))
        assert.ok(overdue.items.every((c) => c.isOverdue))
        const notified = await recordNotice(deps, as('desk.a'), created.id, { notice: 'transferred' })
        assert.equal(notified.noticeState, 'late')
        assert.equal(notified.isOverdue, false)
        assert.ok(!(await listCases(deps, as('desk.a'), { overdue: true })).items.some((c) => c.id === created.id))
        await refuses(recordNotice(deps, as('desk.a'), created.id, { notice: 'accepted' }), ConflictError, 'reception.errors.alreadyNotified')
        const audit = await listAuditFor(database.db, 'reception_case', created.id)
        assert.deepEqual(
          audit.map((e) => e.action),
          ['create', 'notify'],
        )
      })

      it('records a notice on time, and never lists a guided citizen as overdue', async () => {
        clock.set(START)
        const accepted = await recordCase(deps, as('desk.a'), matter())
        const guided = await recordCase(deps, as('desk.a'), matter({ direction: 'guided' }))
        assert.equal(guided.noticeState, 'not_needed')
        clock.set('2026-03-02T03:00:00Z')
        const onTime = await recordNotice(deps, as('desk.a'), accepted.id, { notice: 'accepted', notifiedAt: '2026-03-02T09:30' })
        assert.equal(onTime.noticeState, 'on_time')
        clock.set('2026-04-30T02:00:00Z')
        const overdue = await listCases(deps, as('desk.a'), { overdue: true })
        assert.ok(!overdue.items.some((c) => c.id === guided.id || c.id === accepted.id))
        clock.set(START)
      })

      it('refuses a notice before the receipt or in the future, and invalid entries field by field', async () => {
        clock.set(START)
        const created = await recordCase(deps, as('desk.a'), matter())
        await refuses(recordNotice(deps, as('desk.a'), created.id, { notice: 'accepted', notifiedAt: '2026-03-01T09:00' }), ValidationError)
        await refuses(recordNotice(deps, as('desk.a'), created.id, { notice: 'accepted', notifiedAt: '2026-03-09T09:00' }), ValidationError)
        const error = await refuses(
          recordCase(deps, as('desk.a'), matter({ citizenName: ' ', peopleCount: 0, content: 'x', kind: 'rumour', direction: 'lost', receivedAt: '2026-03-03T08:00', receptionDayId: 999_999 })),
          ValidationError,
        )
        assert.deepEqual(Object.keys(error.fields).sort(), ['citizenName', 'content', 'direction', 'kind', 'peopleCount', 'receivedAt', 'receptionDayId'])
      })

      it('changes direction and outcome with an audit entry', async () => {
        clock.set(START)
        const created = await recordCase(deps, as('desk.a'), matter({ direction: 'guided' }))
        const updated = await updateCase(deps, as('chair.a'), created.id, { direction: 'accepted', outcome: 'Giao công chức địa chính kiểm tra hồ sơ.' })
        assert.equal(updated.direction, 'accepted')
        assert.equal(updated.noticeState, 'pending')
        const audit = await listAuditFor(database.db, 'reception_case', created.id)
        assert.deepEqual(audit[1]?.before, { direction: 'guided', outcome: null })
      })

      it('filters the register by unit, period and kind, oldest first, and prints a period', async () => {
        clock.set(START)
        await recordCase(deps, as('desk.b'), matter({ unitCode: 'WARD-B', kind: 'denunciation', receivedAt: '2026-02-20T09:00' }))
        const town = await listCases(deps, as('mod.town'), { from: '2026-02-01', to: '2026-02-28' })
        assert.ok(town.items.some((c) => c.unit.code === 'WARD-A') && town.items.some((c) => c.unit.code === 'WARD-B'))
        const times = town.items.map((c) => c.receivedAt.getTime())
        assert.deepEqual(times, [...times].sort((a, b) => a - b))
        const onlyB = await listCases(deps, as('mod.town'), { unitCode: 'WARD-B', kind: 'denunciation' })
        assert.ok(onlyB.total >= 1 && onlyB.items.every((c) => c.unit.code === 'WARD-B' && c.kind === 'denunciation'))
        const printed = await registerForPrint(deps, as('mod.town'), { unitCode: 'WARD-A', from: '2026-02-01', to: '2026-02-28' })
        assert.ok(printed.cases.length >= 1 && printed.cases.every((c) => c.unit.code === 'WARD-A'))
        await refuses(listCases(deps, as('mod.town'), { from: '2026-13-01', kind: 'x' }), BadRequestError)
      })
    })

    describe('scoping', () => {
      it('keeps ward A’s register from ward B’s staff: the same 404 as for no entry, 403 on a filter, absent from lists', async () => {
        clock.set(START)
        const created = await recordCase(deps, as('desk.a'), matter())
        await refuses(getCase(deps, as('desk.b'), created.id), NotFoundError, 'reception.errors.caseNotFound')
        await refuses(getCase(deps, as('desk.b'), 987_654), NotFoundError, 'reception.errors.caseNotFound')
        await refuses(getCase(deps, as('chair.b'), created.id), NotFoundError)
        await refuses(updateCase(deps, as('chair.b'), created.id, { outcome: 'x' }), NotFoundError)
        await refuses(recordNotice(deps, as('desk.b'), created.id, { notice: 'accepted' }), NotFoundError)
        await refuses(listCases(deps, as('desk.b'), { unitCode: 'WARD-A' }), ForbiddenError)
        const own = await listCases(deps, as('desk.b'))
        assert.ok(own.items.every((c) => c.unit.code === 'WARD-B'))
        await refuses(recordCase(deps, as('desk.b'), matter()), ForbiddenError)
        await refuses(registerForPrint(deps, as('desk.b'), { unitCode: 'WARD-A', from: '2026-02-01', to: '2026-02-28' }), ForbiddenError)
      })

      it('lets the town’s moderator read every ward, and keeps specialists and admins out', async () => {
        clock.set(START)
        const created = await recordCase(deps, as('desk.a'), matter())
        assert.equal((await getCase(deps, as('mod.town'), created.id)).id, created.id)
        await refuses(getCase(deps, as('spec.a'), created.id), ForbiddenError)
        await refuses(listCases(deps, as('admin.town')), ForbiddenError)
      })

      it('keeps ward A’s days from ward B’s staff', async () => {
        clock.set(START)
        const scheduled = await scheduleDay(deps, as('desk.a'), day({ day: '2026-03-19' }))
        await refuses(getDay(deps, as('desk.b'), scheduled.id), NotFoundError, 'reception.errors.dayNotFound')
        await refuses(cancelDay(deps, as('desk.b'), scheduled.id, { reason: 'Không phải của phường này' }), NotFoundError)
        await refuses(scheduleDay(deps, as('desk.b'), day({ day: '2026-03-20' })), ForbiddenError)
        await refuses(complianceReport(deps, as('desk.b'), { unitCode: 'WARD-A' }), ForbiddenError)
        assert.ok((await listDays(deps, as('desk.b'), { from: '2026-03-01', to: '2026-03-31' })).days.every((d) => d.unit.code === 'WARD-B'))
      })
    })

    describe('reception days', () => {
      it('schedules a day, refuses the same host twice on one date, and publishes it', async () => {
        clock.set(START)
        const created = await scheduleDay(deps, as('desk.a'), day({ day: '2026-03-12' }))
        assert.equal(created.status, 'scheduled')
        assert.equal(created.host.username, 'chair.a')
        await refuses(scheduleDay(deps, as('desk.a'), day({ day: '2026-03-12', starts: '13:30', ends: '16:30' })), ConflictError, 'reception.errors.duplicateDay')
        const published = await listPublicSchedule(deps, { unitCode: 'WARD-A' })
        const shown = published.find((d) => d.id === created.id)
        assert.ok(shown)
        assert.equal(shown.hostName, 'Cán bộ chair.a')
        assert.equal('note' in shown, false)
        await refuses(listPublicSchedule(deps, { unitCode: 'NOPE' }), NotFoundError)
        const [entry] = await listAuditFor(database.db, 'reception_day', created.id)
        assert.equal(entry?.action, 'create')
      })

      it('refuses a host who does not lead the unit, and bad fields one by one', async () => {
        clock.set(START)
        const error = await refuses(scheduleDay(deps, as('desk.a'), day({ hostUsername: 'chair.b', hostRole: 'mayor', day: '2028-01-01', starts: '25:00', ends: '07:00', venue: '' })), ValidationError)
        assert.deepEqual(Object.keys(error.fields).sort(), ['day', 'hostRole', 'hostUsername', 'starts', 'venue'])
        await refuses(scheduleDay(deps, as('desk.a'), day({ hostUsername: 'desk.a' })), ValidationError)
      })

      it('schedules every Thursday of April and May by pattern, skipping 30/4 and dates already taken', async () => {
        clock.set(START)
        await scheduleDay(deps, as('desk.a'), day({ day: '2026-04-09' }))
        const result = await schedulePattern(deps, as('desk.a'), {
          unitCode: 'WARD-A',
          hostUsername: 'chair.a',
          hostRole: 'chair',
          from: '2026-04-01',
          to: '2026-05-31',
          kind: 'weekly',
          weekdays: [4],
          starts: '07:30',
          ends: '11:30',
          venue: 'Phòng tiếp công dân UBND phường',
        })
        assert.deepEqual(
          result.created.map((d) => d.day),
          ['2026-04-02', '2026-04-16', '2026-04-23', '2026-05-07', '2026-05-14', '2026-05-21', '2026-05-28'],
        )
        assert.deepEqual(result.skippedDaysOff, ['2026-04-30'])
        assert.deepEqual(result.skippedExisting, ['2026-04-09'])
        for (const d of result.created) assert.equal((await listAuditFor(database.db, 'reception_day', d.id)).length, 1)
        await refuses(
          schedulePattern(deps, as('desk.a'), { unitCode: 'WARD-A', hostUsername: 'secretary.a', hostRole: 'party_secretary', from: '2026-04-30', to: '2026-05-01', kind: 'weekly', weekdays: [4, 5], starts: '07:30', ends: '11:30', venue: 'Hội trường' }),
          ValidationError,
          'reception.errors.patternEmpty',
        )
        await refuses(
          schedulePattern(deps, as('desk.a'), { unitCode: 'WARD-A', hostUsername: 'secretary.a', hostRole: 'party_secretary', from: '2026-04-01', to: '2026-04-30', kind: 'monthly_weekday', weekday: 2, ordinals: [], starts: '07:30', ends: '11:30', venue: 'Hội trường' }),
          ValidationError,
        )
      })

      it('marks a day held only from its date, cancels with a reason, and then changes nothing more', async () => {
        clock.set(START)
        const future = await scheduleDay(deps, as('desk.a'), day({ day: '2026-03-26' }))
        await refuses(markDayHeld(deps, as('desk.a'), future.id), ConflictError, 'reception.errors.notYet')
        await refuses(cancelDay(deps, as('desk.a'), future.id, { reason: 'x' }), ValidationError)
        const cancelled = await cancelDay(deps, as('chair.a'), future.id, { reason: 'Chủ tịch họp đột xuất tại thị xã.' })
        assert.equal(cancelled.status, 'cancelled')
        assert.equal(cancelled.note, 'Chủ tịch họp đột xuất tại thị xã.')
        await refuses(updateDay(deps, as('desk.a'), future.id, { venue: 'Hội trường' }), ConflictError, 'reception.errors.dayClosed')
        await refuses(markDayHeld(deps, as('desk.a'), future.id), ConflictError, 'reception.errors.dayClosed')
        // A cancelled date is free again for the same host.
        assert.equal((await scheduleDay(deps, as('desk.a'), day({ day: '2026-03-26', starts: '13:30', ends: '16:30' }))).status, 'scheduled')
        const past = await scheduleDay(deps, as('desk.a'), day({ day: '2026-01-29' }))
        const held = await markDayHeld(deps, as('desk.a'), past.id, { note: 'Tiếp 3 lượt công dân.' })
        assert.equal(held.status, 'held')
        assert.deepEqual(
          (await listAuditFor(database.db, 'reception_day', future.id)).map((e) => e.action),
          ['create', 'cancel'],
        )
      })

      it('changes a scheduled day and deletes one only while no register entry names it', async () => {
        clock.set(START)
        const scheduled = await scheduleDay(deps, as('desk.a'), day({ day: '2026-03-13' }))
        const changed = await updateDay(deps, as('desk.a'), scheduled.id, { hostUsername: 'deputy.a', hostRole: 'deputy', starts: '13:30', ends: '16:30' })
        assert.equal(changed.host.username, 'deputy.a')
        assert.equal(changed.hostRole, 'deputy')
        const audit = await listAuditFor(database.db, 'reception_day', scheduled.id)
        assert.equal(audit[1]?.action, 'update')
        const named = await scheduleDay(deps, as('desk.a'), day({ day: '2026-03-02', hostUsername: 'secretary.a', hostRole: 'party_secretary' }))
        await recordCase(deps, as('desk.a'), matter({ receptionDayId: named.id }))
        await refuses(deleteDay(deps, as('desk.a'), named.id), ConflictError, 'reception.errors.dayHasCases')
        await deleteDay(deps, as('desk.a'), scheduled.id)
        await refuses(getDay(deps, as('desk.a'), scheduled.id), NotFoundError)
        assert.deepEqual(
          (await listAuditFor(database.db, 'reception_day', scheduled.id)).map((e) => e.action),
          ['create', 'update', 'delete'],
        )
        // A register entry must name a day of its own unit.
        const dayOfB = await scheduleDay(deps, as('desk.b'), day({ unitCode: 'WARD-B', hostUsername: 'chair.b', day: '2026-03-02' }))
        await refuses(recordCase(deps, as('mod.town'), matter({ receptionDayId: dayOfB.id })), ValidationError)
      })
    })

    describe('compliance', () => {
      it('matches the hand-computed February 2026 fixture for both wards', async () => {
        clock.set(START)
        const put = async (unitCode: string, hostUsername: string, hostRole: string, date: string, status: 'scheduled' | 'held' | 'cancelled') => {
          const created = await scheduleDay(deps, as('mod.town'), { unitCode, hostUsername, hostRole, day: date, starts: '07:30', ends: '11:30', venue: 'Phòng tiếp công dân' })
          if (status === 'held') await markDayHeld(deps, as('mod.town'), created.id)
          if (status === 'cancelled') await cancelDay(deps, as('mod.town'), created.id, { reason: 'Lãnh đạo đi công tác.' })
        }
        // Ward A's chair: the week of 2/2 twice, nothing held the week of 9/2, Tết week owes nothing,
        // the week of 23/2 one held and one cancelled. Required 3 weeks; covered 2; planned 3.
        await put('WARD-A', 'chair.a', 'chair', '2026-02-03', 'held')
        await put('WARD-A', 'chair.a', 'chair', '2026-02-05', 'held')
        await put('WARD-A', 'chair.a', 'chair', '2026-02-10', 'scheduled')
        await put('WARD-A', 'chair.a', 'chair', '2026-02-24', 'cancelled')
        await put('WARD-A', 'chair.a', 'chair', '2026-02-25', 'held')
        // Ward A's party secretary: two held days, the month's minimum.
        await put('WARD-A', 'secretary.a', 'party_secretary', '2026-02-12', 'held')
        await put('WARD-A', 'secretary.a', 'party_secretary', '2026-02-27', 'held')
        // A deputy's day: shown, with no minimum.
        await put('WARD-A', 'deputy.a', 'deputy', '2026-02-11', 'held')
        // Ward B: one held day of its secretary only.
        await put('WARD-B', 'secretary.b', 'party_secretary', '2026-02-09', 'held')

        const report = await complianceReport(deps, as('mod.town'), { unitCode: 'TOWN', from: '2026-02-01', to: '2026-02-28' })
        assert.equal(report.unit.code, 'TOWN')
        const figures = report.rows.map((r) => [r.unit.code, r.hostRole, r.required, r.scheduled, r.held, r.cancelled, r.covered, r.planned, r.isMet, r.isPlannedToMeet])
        assert.deepEqual(figures, [
          ['WARD-A', 'chair', 3, 4, 3, 1, 2, 3, false, true],
          ['WARD-A', 'party_secretary', 2, 2, 2, 0, 2, 2, true, true],
          ['WARD-A', 'deputy', 0, 1, 1, 0, 0, 0, true, true],
          ['WARD-B', 'chair', 3, 0, 0, 0, 0, 0, false, false],
          ['WARD-B', 'party_secretary', 2, 1, 1, 0, 1, 1, false, false],
        ])
        assert.deepEqual(report.rows[0]?.hosts, ['Cán bộ chair.a'])
        assert.deepEqual(report.summary, { chair: { met: 0, total: 2 }, party_secretary: { met: 1, total: 2 } })
        const wardOnly = await complianceReport(deps, as('desk.a'), { from: '2026-02-01', to: '2026-02-28' })
        assert.deepEqual(
          wardOnly.rows.map((r) => r.unit.code),
          ['WARD-A', 'WARD-A', 'WARD-A'],
        )
        await refuses(complianceReport(deps, as('mod.town'), { unitCode: 'TOWN', from: '2026-02-01', to: '2027-03-01' }), BadRequestError)
      })
    })
  })
}
