import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { listAuditFor } from '../../platform/audit/audit.ts'
import { createCalendarService } from './calendar.service.ts'

for (const dialect of testDialects) {
  describe(`calendar API on ${dialect.name}`, () => {
    let t: TestApp
    let rootAdmin: string
    let wardAdmin: string
    before(async () => {
      t = await buildTestApp(dialect)
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      rootAdmin = (await createTestStaff(deps, 'admin.town', 'TOWN', ['admin'])).token
      wardAdmin = (await createTestStaff(deps, 'admin.a', 'WARD-A', ['admin'])).token
    })
    after(() => t.close())
    const get = (url: string) => t.app.inject(url)

    it('lists 2026 days off with kinds and names in both languages', async () => {
      const res = await get('/api/v1/calendar/holidays?year=2026')
      assert.equal(res.statusCode, 200)
      const body = res.json()
      assert.equal(body.year, 2026)
      const tet = body.daysOff.find((d: { date: string }) => d.date === '2026-02-16')
      assert.equal(tet.kind, 'holiday')
      assert.match(tet.name, /Tết/)
      assert.match(tet.nameEn, /Lunar New Year/)
      for (const day of body.daysOff) assert.ok(['holiday', 'compensatory', 'government'].includes(day.kind))
      assert.ok(body.extraWorkingDays.every((d: { name: string; nameEn: string }) => d.name && d.nameEn))
    })

    it('gives the lunar date with the year name', async () => {
      const res = await get('/api/v1/calendar/lunar?date=2026-02-17')
      assert.deepEqual(res.json(), { day: 1, month: 1, year: 2026, leap: false, yearName: 'Bính Ngọ' })
    })

    it('computes a due instant in Vietnam time', async () => {
      // Friday 2026-03-06 14:00 +07:00, 3 working days → Wednesday 2026-03-11 17:00.
      const res = await get(`/api/v1/calendar/due?from=${encodeURIComponent('2026-03-06T14:00:00+07:00')}&days=3`)
      assert.equal(res.statusCode, 200)
      assert.equal(res.json().due, '2026-03-11T17:00:00+07:00')
      assert.deepEqual(res.json().limit, { kind: 'days', days: 3 })
    })

    const badQueries: [string, string][] = [
      ['/api/v1/calendar/holidays?year=26', 'year'],
      ['/api/v1/calendar/holidays', 'year'],
      ['/api/v1/calendar/holidays?year=2300', 'year'],
      ['/api/v1/calendar/lunar?date=2026-02-30', 'date'],
      ['/api/v1/calendar/due?from=yesterday&days=3', 'from'],
      ['/api/v1/calendar/due?from=2026-03-06T14:00:00%2B07:00&days=0', 'days'],
      ['/api/v1/calendar/due?from=2026-03-06T14:00:00%2B07:00&days=2&hours=3', 'limit'],
      ['/api/v1/calendar/due?from=2026-03-06T14:00:00%2B07:00', 'limit'],
      ['/api/v1/calendar/due?from=2026-03-06T14:00:00%2B07:00&hours=1.5', 'hours'],
    ]
    for (const [url, field] of badQueries) {
      it(`answers 400 naming ${field} for ${url}`, async () => {
        const res = await get(url)
        assert.equal(res.statusCode, 400)
        assert.ok(field in res.json().fields, JSON.stringify(res.json()))
        assert.doesNotMatch(res.json().message, /^calendar\./)
      })
    }

    it('answers 404 for an unknown unit', async () => {
      const res = await get('/api/v1/calendar/due?from=2026-03-06T14:00:00%2B07:00&days=1&unit=NOPE')
      assert.equal(res.statusCode, 404)
    })

    it('lets only the root admin edit the schedule, audited, and deadlines follow the edit', async () => {
      const from = encodeURIComponent('2026-03-06T14:00:00+07:00')
      const url = `/api/v1/calendar/overrides/2026-03-09`
      const payload = { kind: 'day_off', name: 'Nghỉ bù sự kiện', nameEn: 'Event day off' }
      assert.equal((await t.app.inject({ method: 'PUT', url, payload })).statusCode, 401)
      assert.equal((await t.app.inject({ method: 'PUT', url, payload, headers: { authorization: `Bearer ${wardAdmin}` } })).statusCode, 403)
      const res = await t.app.inject({ method: 'PUT', url, payload, headers: { authorization: `Bearer ${rootAdmin}` } })
      assert.equal(res.statusCode, 200)
      const due = await get(`/api/v1/calendar/due?from=${from}&days=3`)
      assert.equal(due.json().due, '2026-03-12T17:00:00+07:00')
      const holidays = (await get('/api/v1/calendar/holidays?year=2026')).json()
      assert.ok(holidays.daysOff.some((d: { date: string; kind: string }) => d.date === '2026-03-09' && d.kind === 'government'))
      const history = await listAuditFor(t.database.db, 'calendar_day', '2026-03-09')
      assert.equal(history.length, 1)
      assert.equal(history[0]?.actorLabel, 'admin.town')

      const removed = await t.app.inject({ method: 'DELETE', url, headers: { authorization: `Bearer ${rootAdmin}` } })
      assert.equal(removed.statusCode, 204)
      assert.equal((await get(`/api/v1/calendar/due?from=${from}&days=3`)).json().due, '2026-03-11T17:00:00+07:00')
      const again = await t.app.inject({ method: 'DELETE', url, headers: { authorization: `Bearer ${rootAdmin}` } })
      assert.equal(again.statusCode, 404)
    })

    it('refuses an invalid edit with 422 and field messages', async () => {
      const res = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/calendar/overrides/2026-02-31',
        payload: { kind: 'day_off', name: 'x' },
        headers: { authorization: `Bearer ${rootAdmin}` },
      })
      assert.equal(res.statusCode, 422)
      assert.deepEqual(Object.keys(res.json().fields).sort(), ['date', 'name'])
    })

    it('applies a unit that works Saturday mornings, inherited by nothing else', async () => {
      const res = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/calendar/settings/WARD-A',
        payload: { saturdayMorningWorked: true },
        headers: { authorization: `Bearer ${wardAdmin}` },
      })
      assert.equal(res.statusCode, 200)
      // Friday 2026-03-06 14:00, 1 working day: ward A's Saturday morning counts.
      const from = encodeURIComponent('2026-03-06T14:00:00+07:00')
      assert.equal((await get(`/api/v1/calendar/due?from=${from}&days=1&unit=WARD-A`)).json().due, '2026-03-07T11:30:00+07:00')
      assert.equal((await get(`/api/v1/calendar/due?from=${from}&days=1&unit=WARD-B`)).json().due, '2026-03-09T17:00:00+07:00')
      assert.equal((await get('/api/v1/calendar/settings/WARD-A')).json().isInherited, false)
      assert.equal((await get('/api/v1/calendar/settings/WARD-B')).json().isInherited, true)
      const forbidden = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/calendar/settings/WARD-B',
        payload: { cutoff: '16:00' },
        headers: { authorization: `Bearer ${wardAdmin}` },
      })
      assert.equal(forbidden.statusCode, 403)
      const invalid = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/calendar/settings/WARD-A',
        payload: { officeHours: [{ start: '13:00', end: '11:00' }] },
        headers: { authorization: `Bearer ${wardAdmin}` },
      })
      assert.equal(invalid.statusCode, 422)
      assert.deepEqual(Object.keys(invalid.json().fields), ['officeHours'])
      const badTime = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/calendar/settings/WARD-A',
        payload: { officeHours: [{ start: '7h30', end: '11:30' }], cutoff: '15:00' },
        headers: { authorization: `Bearer ${wardAdmin}` },
      })
      assert.deepEqual(Object.keys(badTime.json().fields), ['officeHours'])
    })

    it('makes an edit on one instance govern deadlines computed on another', async () => {
      const first = createCalendarService({ db: t.database.db, clock: t.clock })
      const second = createCalendarService({ db: t.database.db, clock: t.clock })
      const from = new Date('2026-03-06T07:00:00Z')
      assert.equal((await second.due(from, { kind: 'days', days: 1 })).due, '2026-03-09T17:00:00+07:00')
      await first.setOverride('system', { date: '2026-03-09', kind: 'day_off', name: 'Nghỉ đột xuất' })
      assert.equal((await second.due(from, { kind: 'days', days: 1 })).due, '2026-03-10T17:00:00+07:00')
      await first.removeOverride('system', '2026-03-09')
    })
  })
}
