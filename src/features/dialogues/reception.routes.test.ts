/**
 * Citizen reception through the real application (app.inject), on SQLite and, when
 * TEST_DATABASE_URL is set, on PostgreSQL. The API: the public schedule, days one by one and by
 * pattern, their life, the register and the notice, compliance, each 4xx answer and the OpenAPI
 * document. The pages: the public schedule, the staff schedule with its two forms, one day's page,
 * the register with a new entry, one entry's forms and the printable register, the compliance
 * table; CSRF on every form; messages beside the fields keeping what was typed; scope by ward.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { Browser } from '../../../test/support/browser.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'

type Json = Record<string, any>

/** The text of HTML with tags removed and spaces collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
}

/** The error summary of a page, as text ('' when there is none). */
function errorSummary(html: string): string {
  const match = /<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)
  return match ? textOf(match[0]) : ''
}

/** The message beside a field (by the field's name), as text ('' when there is none). */
function fieldMessage(html: string, name: string): string {
  const id = `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`
  const match = new RegExp(`<p class="field-error" id="${id}-error">([\\s\\S]*?)</p>`).exec(html)
  return match ? textOf(match[1] ?? '') : ''
}

/** The value of an input on a page. */
function inputValue(html: string, name: string): string | undefined {
  return new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1]
}

/** The content of a textarea on a page. */
function textareaValue(html: string, name: string): string | undefined {
  return new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1]
}

for (const dialect of testDialects) {
  describe(`citizen reception routes on ${dialect.name}`, () => {
    let t: TestApp
    const tokens: Record<string, string> = {}

    before(async () => {
      // Monday 2 March 2026, 09:00 in Vietnam.
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      for (const [username, unit, role] of [
        ['chair.a', 'WARD-A', 'leader'],
        ['secretary.a', 'WARD-A', 'leader'],
        ['desk.a', 'WARD-A', 'desk_officer'],
        ['spec.a', 'WARD-A', 'specialist'],
        ['chair.b', 'WARD-B', 'leader'],
        ['desk.b', 'WARD-B', 'desk_officer'],
        ['mod.town', 'TOWN', 'moderator'],
      ] as const) {
        tokens[username] = (await createTestStaff(deps, username, unit, [role])).token
      }
    })
    after(() => t.close())

    const bearer = (username: string) => ({ authorization: `Bearer ${tokens[username]}` })
    const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, username: string | null, payload?: Json) =>
      t.app.inject({ method, url, headers: username ? bearer(username) : {}, ...(payload !== undefined ? { payload } : {}) })
    const dayBody = (overrides: Json = {}): Json => ({
      unitCode: 'WARD-A',
      hostUsername: 'chair.a',
      hostRole: 'chair',
      day: '2026-03-05',
      starts: '07:30',
      ends: '11:30',
      venue: 'Phòng tiếp công dân UBND phường',
      ...overrides,
    })
    const caseBody = (overrides: Json = {}): Json => ({
      unitCode: 'WARD-A',
      citizenName: 'Lê Văn Tám',
      citizenAddress: 'Khu phố 4',
      peopleCount: 2,
      content: 'Phản ánh việc san lấp mặt bằng gây ngập úng khu dân cư.',
      kind: 'report',
      direction: 'accepted',
      ...overrides,
    })
    /** Answers with a status, or fails showing the body. */
    const expectStatus = (res: LightMyRequestResponse, status: number) => assert.equal(res.statusCode, status, res.body)

    describe('API', () => {
      it('publishes upcoming days without notes, per unit; an unknown unit is a 404', async () => {
        const created = await api('POST', '/api/v1/reception/days', 'desk.a', dayBody({ day: '2026-03-12', note: 'Ghi chú nội bộ' }))
        expectStatus(created, 201)
        const res = await api('GET', '/api/v1/reception/schedule?unit=WARD-A', null)
        expectStatus(res, 200)
        const day = (res.json() as Json[]).find((d) => d.id === created.json().id)
        assert.ok(day)
        assert.equal(day.hostRoleText, 'Chủ tịch UBND')
        assert.equal(day.note, undefined)
        assert.match(res.headers['cache-control'] as string, /public/)
        expectStatus(await api('GET', '/api/v1/reception/schedule?unit=NOPE', null), 404)
        expectStatus(await api('GET', '/api/v1/reception/schedule?days=500', null), 400)
      })

      it('answers 401 without credentials, 403 to a specialist, 400 for a malformed body or query', async () => {
        expectStatus(await api('GET', '/api/v1/reception/days', null), 401)
        expectStatus(await api('GET', '/api/v1/reception/cases', null), 401)
        expectStatus(await api('GET', '/api/v1/reception/days', 'spec.a'), 403)
        expectStatus(await api('POST', '/api/v1/reception/cases', 'spec.a', caseBody()), 403)
        const malformed = await api('POST', '/api/v1/reception/days', 'desk.a', { unitCode: 'WARD-A' })
        expectStatus(malformed, 400)
        assert.equal(malformed.json().error, 'bad_request')
        const badQuery = await api('GET', '/api/v1/reception/cases?from=2026-13-01', 'desk.a')
        expectStatus(badQuery, 400)
        assert.ok(badQuery.json().fields.from)
        expectStatus(await api('GET', '/api/v1/reception/cases?unit=NOPE', 'desk.a'), 400)
        expectStatus(await api('GET', '/api/v1/reception/days/abc', 'desk.a'), 400)
      })

      it('answers 422 with a message per field, and 409 for the same host twice on one date', async () => {
        const invalid = await api('POST', '/api/v1/reception/days', 'desk.a', dayBody({ hostUsername: 'chair.b', starts: '11:30', ends: '07:30', venue: 'x' }))
        expectStatus(invalid, 422)
        assert.deepEqual(Object.keys(invalid.json().fields).sort(), ['ends', 'hostUsername', 'venue'])
        assert.equal(invalid.json().fields.venue, 'Nhập địa điểm tiếp, từ 2 đến 200 ký tự.')
        expectStatus(await api('POST', '/api/v1/reception/days', 'desk.a', dayBody({ day: '2026-03-19' })), 201)
        const again = await api('POST', '/api/v1/reception/days', 'desk.a', dayBody({ day: '2026-03-19' }))
        expectStatus(again, 409)
        assert.equal(again.json().error, 'conflict')
      })

      it('schedules by pattern, then changes, holds, cancels and deletes days with the right refusals', async () => {
        const pattern = await api('POST', '/api/v1/reception/days/pattern', 'desk.a', {
          unitCode: 'WARD-A',
          hostUsername: 'secretary.a',
          hostRole: 'party_secretary',
          from: '2026-04-01',
          to: '2026-05-31',
          kind: 'monthly_weekday',
          weekday: 2,
          ordinals: [1, 3],
          starts: '13:30',
          ends: '16:30',
          venue: 'Hội trường Đảng ủy phường',
        })
        expectStatus(pattern, 201)
        assert.deepEqual(
          pattern.json().created.map((d: Json) => d.day),
          ['2026-04-07', '2026-04-21', '2026-05-05', '2026-05-19'],
        )
        const firstId = pattern.json().created[0].id
        const changed = await api('PATCH', `/api/v1/reception/days/${firstId}`, 'desk.a', { venue: 'Phòng họp số 2' })
        expectStatus(changed, 200)
        assert.equal(changed.json().venue, 'Phòng họp số 2')
        expectStatus(await api('PATCH', `/api/v1/reception/days/${firstId}`, 'desk.a', { starts: '9' }), 422)
        // No body at all is as good as an empty one: the refusal is the day's, not the request's.
        expectStatus(await api('POST', `/api/v1/reception/days/${firstId}/held`, 'desk.a'), 409)
        expectStatus(await api('POST', `/api/v1/reception/days/${firstId}/cancel`, 'desk.a', { reason: '' }), 422)
        const cancelled = await api('POST', `/api/v1/reception/days/${firstId}/cancel`, 'chair.a', { reason: 'Trùng hội nghị của thị xã.' })
        expectStatus(cancelled, 200)
        assert.equal(cancelled.json().status, 'cancelled')
        expectStatus(await api('DELETE', `/api/v1/reception/days/${firstId}`, 'desk.a'), 409)
        const secondId = pattern.json().created[1].id
        expectStatus(await api('DELETE', `/api/v1/reception/days/${secondId}`, 'desk.b'), 404)
        expectStatus(await api('DELETE', `/api/v1/reception/days/${secondId}`, 'desk.a'), 204)
        expectStatus(await api('GET', `/api/v1/reception/days/${secondId}`, 'desk.a'), 404)
        const today = await api('POST', '/api/v1/reception/days', 'desk.a', dayBody({ day: '2026-03-02' }))
        const held = await api('POST', `/api/v1/reception/days/${today.json().id}/held`, 'desk.a', { note: 'Tiếp 2 lượt.' })
        expectStatus(held, 200)
        assert.equal(held.json().status, 'held')
        const listed = await api('GET', '/api/v1/reception/days?from=2026-03-01&to=2026-03-31&status=held', 'mod.town')
        expectStatus(listed, 200)
        assert.ok(listed.json().days.every((d: Json) => d.status === 'held'))
        expectStatus(await api('GET', '/api/v1/reception/days?status=lost', 'mod.town'), 400)
      })

      it('writes the register with its deadline, records the notice once, and keeps ward B out', async () => {
        const created = await api('POST', '/api/v1/reception/cases', 'desk.a', caseBody({ receivedAt: '2026-02-12T10:00:00+07:00' }))
        expectStatus(created, 201)
        const entry = created.json()
        assert.equal(entry.notifyDueAt, '2026-03-05T17:00:00+07:00')
        assert.equal(entry.noticeState, 'pending')
        expectStatus(await api('GET', `/api/v1/reception/cases/${entry.id}`, 'desk.b'), 404)
        expectStatus(await api('GET', '/api/v1/reception/cases?unit=WARD-A', 'desk.b'), 403)
        expectStatus(await api('POST', '/api/v1/reception/cases', 'desk.b', caseBody()), 403)
        const unknownUnit = await api('POST', '/api/v1/reception/cases', 'desk.a', caseBody({ unitCode: 'NOPE', citizenName: '' }))
        expectStatus(unknownUnit, 422)
        assert.deepEqual(Object.keys(unknownUnit.json().fields).sort(), ['citizenName', 'unitCode'])
        const patched = await api('PATCH', `/api/v1/reception/cases/${entry.id}`, 'chair.a', { outcome: 'Giao địa chính kiểm tra thực địa.' })
        expectStatus(patched, 200)
        assert.equal(patched.json().outcome, 'Giao địa chính kiểm tra thực địa.')
        expectStatus(await api('POST', `/api/v1/reception/cases/${entry.id}/notice`, 'desk.a', { notice: 'approved' }), 400)
        expectStatus(await api('POST', `/api/v1/reception/cases/${entry.id}/notice`, 'desk.a', { notice: 'accepted', notifiedAt: 'hôm qua' }), 422)
        const notified = await api('POST', `/api/v1/reception/cases/${entry.id}/notice`, 'desk.a', { notice: 'accepted', notifiedAt: '2026-02-20T14:00' })
        expectStatus(notified, 200)
        assert.equal(notified.json().noticeState, 'on_time')
        expectStatus(await api('POST', `/api/v1/reception/cases/${entry.id}/notice`, 'desk.a', { notice: 'accepted' }), 409)
        const listed = await api('GET', '/api/v1/reception/cases?kind=report&from=2026-02-01&to=2026-02-28', 'mod.town')
        expectStatus(listed, 200)
        assert.ok(listed.json().items.some((c: Json) => c.id === entry.id))
        expectStatus(await api('GET', '/api/v1/reception/cases?kind=rumour', 'mod.town'), 400)
        expectStatus(await api('GET', '/api/v1/reception/cases/999999', 'desk.a'), 404)
      })

      it('reports compliance per ward and role, and refuses another ward or a bad period', async () => {
        const res = await api('GET', '/api/v1/reception/compliance?unit=TOWN&from=2026-03-01&to=2026-03-31', 'mod.town')
        expectStatus(res, 200)
        const body = res.json()
        assert.deepEqual(
          body.rows.filter((r: Json) => r.hostRole !== 'deputy').map((r: Json) => [r.unit.code, r.hostRole, r.required]),
          [
            ['WARD-A', 'chair', 5],
            ['WARD-A', 'party_secretary', 2],
            ['WARD-B', 'chair', 5],
            ['WARD-B', 'party_secretary', 2],
          ],
        )
        assert.equal(body.summary.chair.total, 2)
        expectStatus(await api('GET', '/api/v1/reception/compliance?unit=WARD-A', 'desk.b'), 403)
        expectStatus(await api('GET', '/api/v1/reception/compliance?from=2026-03-31&to=2026-03-01', 'desk.a'), 400)
      })

      it('takes CSRF tokens from session-authenticated API calls', async () => {
        const browser = await new Browser(t).signIn('desk.a')
        const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/reception/cases', headers: { cookie }, payload: caseBody() })
        expectStatus(res, 403)
        assert.equal(res.json().error, 'csrf')
      })

      it('documents every route in the OpenAPI document', async () => {
        const doc = (await api('GET', '/api/v1/openapi.json', null)).json() as Json
        for (const path of [
          '/api/v1/reception/schedule',
          '/api/v1/reception/days',
          '/api/v1/reception/days/pattern',
          '/api/v1/reception/days/{id}',
          '/api/v1/reception/days/{id}/held',
          '/api/v1/reception/days/{id}/cancel',
          '/api/v1/reception/cases',
          '/api/v1/reception/cases/{id}',
          '/api/v1/reception/cases/{id}/notice',
          '/api/v1/reception/compliance',
        ]) {
          assert.ok(doc.paths[path], path)
        }
      })
    })

    describe('pages', () => {
      let deskA: Browser
      let deskB: Browser

      before(async () => {
        deskA = await new Browser(t).signIn('desk.a')
        deskB = await new Browser(t).signIn('desk.b')
      })

      it('shows the public schedule in Vietnamese, without notes, and ignores a unit that names nothing', async () => {
        const visitor = new Browser(t)
        const res = await visitor.get('/tiep-cong-dan?unit=WARD-A')
        expectStatus(res, 200)
        assert.match(res.body, /<html lang="vi"/)
        const text = textOf(res.body)
        assert.match(text, /Lịch tiếp công dân/)
        assert.match(text, /Cán bộ chair\.a/)
        assert.match(text, /Thứ Năm, 12\/03\/2026/)
        assert.doesNotMatch(text, /Ghi chú nội bộ/)
        expectStatus(await visitor.get('/tiep-cong-dan?unit=%3Cscript%3E'), 200)
        assert.match((await visitor.get('/')).body, /href="\/tiep-cong-dan"/)
      })

      it('sends visitors to sign in and refuses staff without a reception role', async () => {
        const visitor = new Browser(t)
        const res = await visitor.get('/admin/tiep-cong-dan')
        expectStatus(res, 303)
        assert.match(res.headers.location as string, /^\/sign-in\?next=/)
        const specialist = await new Browser(t).signIn('spec.a')
        expectStatus(await specialist.get('/admin/tiep-cong-dan/so'), 403)
        expectStatus(await specialist.get('/admin/tiep-cong-dan/tuan-thu'), 403)
      })

      it('links the reception pages from the desk of those who keep it', async () => {
        assert.match((await deskA.get('/desk')).body, /href="\/admin\/tiep-cong-dan"/)
      })

      it('refuses a form posted without its CSRF token', async () => {
        await deskA.get('/admin/tiep-cong-dan')
        const res = await deskA.post('/admin/tiep-cong-dan/lich', { 'one-unitCode': 'WARD-A' }, { csrf: null })
        expectStatus(res, 403)
        const bad = await deskA.post('/admin/tiep-cong-dan/so', { unitCode: 'WARD-A' }, { csrf: 'forged' })
        expectStatus(bad, 403)
      })

      it('adds a day through the form, or shows the messages beside the fields with what was typed', async () => {
        const page = await deskA.get('/admin/tiep-cong-dan')
        expectStatus(page, 200)
        const fields = {
          'one-unitCode': 'WARD-A',
          'one-hostUsername': 'chair.a',
          'one-hostRole': 'chair',
          'one-day': '2026-03-26',
          'one-starts': '7h30',
          'one-ends': '11:30',
          'one-venue': 'Phòng tiếp dân <số 1>',
          'one-note': '',
        }
        const failed = await deskA.post('/admin/tiep-cong-dan/lich', fields)
        expectStatus(failed, 422)
        assert.match(fieldMessage(failed.body, 'one-starts'), /giờ:phút/)
        assert.equal(inputValue(failed.body, 'one-starts'), '7h30')
        assert.equal(inputValue(failed.body, 'one-venue'), 'Phòng tiếp dân <số 1>')
        assert.match(errorSummary(failed.body), /giờ:phút/)
        assert.match(failed.body, /<title>Lỗi: /)
        const done = await deskA.post('/admin/tiep-cong-dan/lich', { ...fields, 'one-starts': '07:30' })
        expectStatus(done, 303)
        const after = await deskA.get(done.headers.location as string)
        assert.match(textOf(after.body), /Đã thêm ngày tiếp Thứ Năm, 26\/03\/2026/)
        assert.match(after.body, />Phòng tiếp dân &lt;số 1/)
      })

      it('schedules by pattern through the form, and keeps the choices when it fails', async () => {
        await deskA.get('/admin/tiep-cong-dan')
        const fields = {
          'pattern-unitCode': 'WARD-A',
          'pattern-hostUsername': 'secretary.a',
          'pattern-hostRole': 'party_secretary',
          'pattern-from': '2026-06-01',
          'pattern-to': '2026-07-31',
          'pattern-kind': 'monthly_day',
          'pattern-weekdays': ['2', '4'],
          'pattern-weekday': '',
          'pattern-monthDays': '5, 40',
          'pattern-starts': '07:30',
          'pattern-ends': '11:30',
          'pattern-venue': 'Hội trường',
        }
        const failed = await deskA.post('/admin/tiep-cong-dan/lich/mau', fields)
        expectStatus(failed, 422)
        assert.match(fieldMessage(failed.body, 'pattern-monthDays'), /từ 1 đến 31/)
        assert.equal(inputValue(failed.body, 'pattern-monthDays'), '5, 40')
        assert.match(failed.body, /name="pattern-weekdays" type="checkbox" value="4" checked/)
        const done = await deskA.post('/admin/tiep-cong-dan/lich/mau', { ...fields, 'pattern-monthDays': '5, 20' })
        expectStatus(done, 303)
        // 5/6 and 20/7 are working days; 20/6 is a Saturday and 5/7 a Sunday.
        assert.match(textOf((await deskA.get('/admin/tiep-cong-dan')).body), /Đã lập 2 ngày tiếp; bỏ qua 2 ngày nghỉ và 0 ngày đã có lịch/)
      })

      it('marks a day held from the list, cancels another with a reason, and shows a refusal on the day page', async () => {
        const today = await t.app.inject({ method: 'POST', url: '/api/v1/reception/days', headers: bearer('desk.a'), payload: dayBody({ hostUsername: 'secretary.a', hostRole: 'party_secretary', day: '2026-03-02' }) })
        const todayId = today.json().id
        const list = await deskA.get('/admin/tiep-cong-dan')
        assert.match(list.body, new RegExp(`action="/admin/tiep-cong-dan/lich/${todayId}/da-tiep"`))
        const held = await deskA.post(`/admin/tiep-cong-dan/lich/${todayId}/da-tiep`, { back: 'list' })
        expectStatus(held, 303)
        assert.equal(held.headers.location, '/admin/tiep-cong-dan')
        const future = await t.app.inject({ method: 'POST', url: '/api/v1/reception/days', headers: bearer('desk.a'), payload: dayBody({ hostUsername: 'secretary.a', hostRole: 'party_secretary', day: '2026-03-27' }) })
        const futureId = future.json().id
        const dayPage = await deskA.get(`/admin/tiep-cong-dan/lich/${futureId}`)
        expectStatus(dayPage, 200)
        assert.match(textOf(dayPage.body), /Ngày tiếp chưa đến/)
        const notYet = await deskA.post(`/admin/tiep-cong-dan/lich/${futureId}/da-tiep`, {})
        expectStatus(notYet, 409)
        assert.match(errorSummary(notYet.body), /từ ngày tiếp trở đi/)
        const noReason = await deskA.post(`/admin/tiep-cong-dan/lich/${futureId}/huy`, { 'cancel-reason': 'ốm' })
        expectStatus(noReason, 422)
        assert.match(fieldMessage(noReason.body, 'cancel-reason'), /lý do hủy/)
        assert.equal(textareaValue(noReason.body, 'cancel-reason'), 'ốm')
        const badEdit = await deskA.post(`/admin/tiep-cong-dan/lich/${futureId}`, { 'edit-hostUsername': 'secretary.a', 'edit-hostRole': 'party_secretary', 'edit-day': '2026-03-27', 'edit-starts': '13:30', 'edit-ends': '12:00', 'edit-venue': 'Hội trường', 'edit-note': '' })
        expectStatus(badEdit, 422)
        assert.match(fieldMessage(badEdit.body, 'edit-ends'), /sau giờ bắt đầu/)
        assert.equal(inputValue(badEdit.body, 'edit-ends'), '12:00')
        const cancelled = await deskA.post(`/admin/tiep-cong-dan/lich/${futureId}/huy`, { 'cancel-reason': 'Bí thư dự hội nghị của thị xã.' })
        expectStatus(cancelled, 303)
        assert.match(textOf((await deskA.get(cancelled.headers.location as string)).body), /Đã hủy ngày tiếp Thứ Sáu, 27\/03\/2026/)
        assert.match(textOf((await new Browser(t).get('/tiep-cong-dan')).body), /Đã hủy/)
        expectStatus(await deskB.get(`/admin/tiep-cong-dan/lich/${futureId}`), 404)
        expectStatus(await deskA.get('/admin/tiep-cong-dan/lich/abc'), 404)
        const deletable = await t.app.inject({ method: 'POST', url: '/api/v1/reception/days', headers: bearer('desk.a'), payload: dayBody({ day: '2026-03-30' }) })
        await deskA.get(`/admin/tiep-cong-dan/lich/${deletable.json().id}`)
        expectStatus(await deskA.post(`/admin/tiep-cong-dan/lich/${deletable.json().id}/xoa`, {}), 303)
        expectStatus(await deskA.get(`/admin/tiep-cong-dan/lich/${deletable.json().id}`), 404)
      })

      it('writes a register entry through the form, keeping what was typed when a field is wrong', async () => {
        const page = await deskA.get('/admin/tiep-cong-dan/so/moi')
        expectStatus(page, 200)
        assert.equal(inputValue(page.body, 'receivedAt'), '2026-03-02T09:00')
        const fields = {
          unitCode: 'WARD-A',
          receptionDayId: '',
          receivedAt: '2026-03-02T08:15',
          citizenName: 'Trần Thị Mai',
          citizenAddress: 'Tổ 5, khu phố 1',
          peopleCount: 'ba',
          kind: 'complaint',
          content: 'Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng.',
          earlierHandling: '',
          direction: 'accepted',
          outcome: '',
        }
        const failed = await deskA.post('/admin/tiep-cong-dan/so', fields)
        expectStatus(failed, 422)
        assert.match(fieldMessage(failed.body, 'peopleCount'), /từ 1 đến 500/)
        assert.equal(inputValue(failed.body, 'peopleCount'), 'ba')
        assert.equal(inputValue(failed.body, 'citizenName'), 'Trần Thị Mai')
        assert.equal(textareaValue(failed.body, 'content'), fields.content)
        assert.match(failed.body, /name="kind" type="radio" value="complaint" checked/)
        const done = await deskA.post('/admin/tiep-cong-dan/so', { ...fields, peopleCount: '3' })
        expectStatus(done, 303)
        const location = done.headers.location as string
        assert.match(location, /^\/admin\/tiep-cong-dan\/so\/\d+$/)
        const entry = await deskA.get(location)
        expectStatus(entry, 200)
        const text = textOf(entry.body)
        // Received Monday 2/3: 10 working days later is Monday 16/3.
        assert.match(text, /hạn thông báo cho công dân 2026-03-16 17:00/)
        assert.match(text, /Chờ thông báo/)
        expectStatus(await deskB.get(location), 404)

        const badNotice = await deskA.post(`${location}/thong-bao`, { 'notice-notice': '', 'notice-notifiedAt': '2026-03-02T09:00' })
        expectStatus(badNotice, 422)
        assert.match(fieldMessage(badNotice.body, 'notice-notice'), /nội dung đã thông báo/)
        assert.equal(inputValue(badNotice.body, 'notice-notifiedAt'), '2026-03-02T09:00')
        const notified = await deskA.post(`${location}/thong-bao`, { 'notice-notice': 'accepted', 'notice-notifiedAt': '2026-03-02T09:00' })
        expectStatus(notified, 303)
        assert.match(textOf((await deskA.get(location)).body), /Đã thông báo đúng hạn/)
        const updated = await deskA.post(location, { 'update-direction': 'transferred', 'update-outcome': 'Chuyển Thanh tra thị xã.' })
        expectStatus(updated, 303)
        assert.match(textOf((await deskA.get(location)).body), /Chuyển Thanh tra thị xã\./)
        const badUpdate = await deskA.post(location, { 'update-direction': 'lost', 'update-outcome': 'Giữ nguyên' })
        expectStatus(badUpdate, 422)
        assert.match(fieldMessage(badUpdate.body, 'update-direction'), /hướng xử lý/)
        assert.equal(textareaValue(badUpdate.body, 'update-outcome'), 'Giữ nguyên')
      })

      it('lists and filters the register, with a message beside a wrong filter', async () => {
        const list = await deskA.get('/admin/tiep-cong-dan/so?kind=complaint')
        expectStatus(list, 200)
        assert.match(textOf(list.body), /Trần Thị Mai/)
        assert.doesNotMatch(textOf(list.body), /Lê Văn Tám/)
        const wrong = await deskA.get('/admin/tiep-cong-dan/so?from=2026-02-30')
        expectStatus(wrong, 400)
        assert.match(fieldMessage(wrong.body, 'from'), /năm-tháng-ngày/)
        assert.equal(inputValue(wrong.body, 'from'), '2026-02-30')
        expectStatus(await deskB.get('/admin/tiep-cong-dan/so?unit=WARD-A'), 403)
        assert.doesNotMatch(textOf((await deskB.get('/admin/tiep-cong-dan/so')).body), /Trần Thị Mai/)
      })

      it('prints the register of a period as a sheet', async () => {
        const res = await deskA.get('/admin/tiep-cong-dan/so/in?unit=WARD-A&from=2026-02-01&to=2026-03-31')
        expectStatus(res, 200)
        assert.match(res.body, /\/assets\/css\/print\.css/)
        const text = textOf(res.body)
        assert.match(text, /SỔ TIẾP CÔNG DÂN/)
        assert.match(text, /Từ ngày 01\/02\/2026 đến ngày 31\/03\/2026/)
        assert.match(text, /Trần Thị Mai, Tổ 5, khu phố 1/)
        const wrong = await deskA.get('/admin/tiep-cong-dan/so/in?unit=WARD-A&from=2026-03-31&to=2026-03-01')
        expectStatus(wrong, 400)
        assert.match(fieldMessage(wrong.body, 'to'), /từ ngày bắt đầu trở đi/)
      })

      it('shows the compliance table with row headers, and a message beside a wrong period', async () => {
        const town = await new Browser(t).signIn('mod.town')
        const res = await town.get('/admin/tiep-cong-dan/tuan-thu?unit=TOWN&from=2026-03-01&to=2026-03-31')
        expectStatus(res, 200)
        assert.match(res.body, /<th scope="row"[^>]*>Phường An<\/th>/)
        const text = textOf(res.body)
        assert.match(text, /Tuân thủ lịch tiếp công dân/)
        assert.match(text, /Thiếu \d+ ngày|Đạt nếu tiếp đủ lịch|Đạt/)
        const wrong = await town.get('/admin/tiep-cong-dan/tuan-thu?unit=TOWN&from=2026-03-01&to=2027-06-01')
        expectStatus(wrong, 400)
        assert.match(fieldMessage(wrong.body, 'to'), /366 ngày/)
        expectStatus(await deskB.get('/admin/tiep-cong-dan/tuan-thu?unit=WARD-A'), 403)
      })

      it('speaks English when asked', async () => {
        const english = await new Browser(t).signIn('desk.a')
        await english.get('/lang/en?next=/')
        const res = await english.get('/admin/tiep-cong-dan')
        expectStatus(res, 200)
        assert.match(textOf(res.body), /Reception schedule/)
        assert.match(textOf((await english.get('/tiep-cong-dan')).body), /Citizen reception schedule/)
      })
    })
  })
}
