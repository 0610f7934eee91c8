import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestProcedures, TEST_DOCUMENTS } from '../../../test/support/desk.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { listAuditFor, verifyAuditLog } from '../../platform/audit/audit.ts'
import { listOutbox } from '../../platform/jobs/outbox.ts'

const ALL_REQUIRED = [TEST_DOCUMENTS.form, TEST_DOCUMENTS.residence]
const applicant = { fullName: 'Nguyễn Văn An', idNumber: '074201001234', phone: '0912345678', email: 'an@example.vn', address: 'Khu phố 1, phường An' }

for (const dialect of testDialects) {
  describe(`one-stop desk API on ${dialect.name}`, () => {
    let t: TestApp
    let deskA: string
    let deskB: string
    let specialistA: string
    let leaderA: string
    before(async () => {
      // Monday 2 March 2026, 09:00 in Vietnam.
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      await createTestProcedures(deps)
      deskA = (await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])).token
      deskB = (await createTestStaff(deps, 'desk.b', 'WARD-B', ['desk_officer'])).token
      specialistA = (await createTestStaff(deps, 'spec.a', 'WARD-A', ['specialist'])).token
      leaderA = (await createTestStaff(deps, 'lead.a', 'WARD-A', ['leader'])).token
    })
    after(() => t.close())

    const auth = (token: string) => ({ authorization: `Bearer ${token}` })
    const receive = (token: string, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: auth(token), payload: body })
    const act = (token: string, ref: string, body: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${encodeURIComponent(ref)}/actions`, headers: auth(token), payload: body })
    const complete = { procedureCode: '9.000003', unitCode: 'WARD-A', applicant, documents: ALL_REQUIRED, channel: 'counter' }

    it('receives a complete dossier: code, PIN, due instant, receipt messages in the outbox', async () => {
      const res = await receive(deskA, complete)
      assert.equal(res.statusCode, 201, res.body)
      const body = res.json()
      assert.match(body.code, /^000\.01\.01\.H99-260302-\d{4}$/)
      assert.match(body.pin, /^\d{6}$/)
      assert.equal(body.status, 'received')
      assert.equal(body.receivedAt, '2026-03-02T09:00:00+07:00')
      // 3 working days from Monday: due Thursday 17:00.
      assert.equal(body.dueAt, '2026-03-05T17:00:00+07:00')
      assert.deepEqual(body.missingDocuments, [])
      const outbox = await listOutbox(t.database.db)
      const mine = outbox.filter((m) => m.body.includes(body.code))
      assert.deepEqual(mine.map((m) => m.channel).sort(), ['email', 'sms'])
      assert.ok(mine.every((m) => m.body.includes(body.pin)))
    })

    it('records an incomplete dossier without starting the clock, listing exactly what is missing', async () => {
      const res = await receive(deskA, { ...complete, documents: [TEST_DOCUMENTS.form] })
      assert.equal(res.statusCode, 201)
      const body = res.json()
      assert.equal(body.status, 'needs_supplement')
      assert.equal(body.code, null)
      assert.equal(body.dueAt, null)
      assert.deepEqual(body.missingDocuments, [TEST_DOCUMENTS.residence])
      // Once the missing document arrives the dossier gets its code and the clock starts.
      t.clock.set('2026-03-03T08:30:00Z') // Tuesday 15:30, after the cut-off
      const done = await act(deskA, String(body.id), { action: 'supplement_received', documents: [TEST_DOCUMENTS.residence] })
      assert.equal(done.statusCode, 200, done.body)
      assert.equal(done.json().status, 'received')
      assert.match(done.json().code, /-260303-\d{4}$/)
      assert.equal(done.json().dueAt, '2026-03-09T17:00:00+07:00')
      t.clock.set('2026-03-02T02:00:00Z')
    })

    it('refuses documents that are not on the procedure’s list, a future receipt time, and bad fields (422)', async () => {
      const extra = await receive(deskA, { ...complete, documents: [...ALL_REQUIRED, 'Sổ hộ khẩu'] })
      assert.equal(extra.statusCode, 422)
      assert.ok('documents' in extra.json().fields)
      const future = await receive(deskA, { ...complete, receivedAt: '2026-03-03T08:00:00+07:00' })
      assert.equal(future.statusCode, 422)
      assert.ok('receivedAt' in future.json().fields)
      const bad = await receive(deskA, { ...complete, procedureCode: '9.999999', applicant: { ...applicant, idNumber: '12', phone: 'abc' } })
      assert.equal(bad.statusCode, 422)
      assert.deepEqual(Object.keys(bad.json().fields).sort(), ['applicant.idNumber', 'applicant.phone', 'procedureCode'])
    })

    it('enters a paper dossier received earlier, audited as back-dated', async () => {
      const res = await receive(deskA, { ...complete, receivedAt: '2026-02-27T10:00:00+07:00' })
      assert.equal(res.statusCode, 201)
      assert.match(res.json().code, /-260227-0001$/)
      const history = await listAuditFor(t.database.db, 'dossier', res.json().id)
      assert.equal(history[0]?.action, 'receive_backdated')
    })

    it('keeps ward B’s desk out of ward A’s dossiers (403)', async () => {
      assert.equal((await receive(deskB, complete)).statusCode, 403)
      const dossier = (await receive(deskA, complete)).json()
      assert.equal((await t.app.inject({ url: `/api/v1/dossiers/${dossier.code}`, headers: auth(deskB) })).statusCode, 403)
      assert.equal((await act(deskB, dossier.code, { action: 'stop' })).statusCode, 403)
      const listB = (await t.app.inject({ url: '/api/v1/dossiers', headers: auth(deskB) })).json()
      assert.equal(listB.total, 0)
    })

    it('walks a dossier through processing and returns it, recording timing and history', async () => {
      const dossier = (await receive(deskA, complete)).json()
      const assigned = await act(deskA, dossier.code, { action: 'assign', toUsername: 'spec.a', note: 'Chuyển thẩm định' })
      assert.equal(assigned.statusCode, 200, assigned.body)
      assert.equal(assigned.json().status, 'processing')
      assert.equal(assigned.json().assignee, 'Cán bộ spec.a')
      assert.equal((await act(specialistA, dossier.code, { action: 'complete_step' })).statusCode, 200)
      t.clock.set('2026-03-04T03:00:00Z') // Wednesday, before the Thursday due day
      assert.equal((await act(leaderA, dossier.code, { action: 'result_ready' })).json().status, 'result_ready')
      t.clock.set('2026-03-06T03:00:00Z') // collected on Friday: the office was still early
      const returned = await act(deskA, dossier.code, { action: 'return', method: 'counter' })
      assert.equal(returned.json().status, 'returned')
      assert.equal(returned.json().timing, 'early')
      assert.deepEqual(returned.json().allowedActions, [])
      const history = (await t.app.inject({ url: `/api/v1/dossiers/${dossier.code}/history`, headers: auth(leaderA) })).json()
      assert.deepEqual(history.map((e: { action: string }) => e.action), ['receive', 'assign', 'complete_step', 'result_ready', 'return'])
      assert.equal(history[1].toStaff, 'Cán bộ spec.a')
      assert.equal((await verifyAuditLog(t.database.db)).isIntact, true)
      t.clock.set('2026-03-02T02:00:00Z')
    })

    it('answers 409 to an action the state does not allow and to a second supplement request', async () => {
      const dossier = (await receive(deskA, complete)).json()
      const early = await act(deskA, dossier.code, { action: 'return', method: 'counter' })
      assert.equal(early.statusCode, 409)
      const first = await act(specialistA, dossier.code, { action: 'request_supplement', documents: [TEST_DOCUMENTS.residence] })
      assert.equal(first.statusCode, 200, first.body)
      assert.equal(first.json().status, 'needs_supplement')
      assert.equal(first.json().dueAt, null)
      const back = await act(deskA, dossier.code, { action: 'supplement_received', documents: [TEST_DOCUMENTS.residence] })
      assert.equal(back.json().status, 'received')
      const second = await act(specialistA, dossier.code, { action: 'request_supplement', documents: [TEST_DOCUMENTS.form] })
      assert.equal(second.statusCode, 409)
      assert.match(second.json().message, /một lần/)
    })

    it('asks for what the supplement request needs (422) and allows only listed documents', async () => {
      const dossier = (await receive(deskA, complete)).json()
      assert.equal((await act(specialistA, dossier.code, { action: 'request_supplement', documents: [] })).statusCode, 422)
      assert.equal((await act(specialistA, dossier.code, { action: 'request_supplement', documents: ['Giấy tờ lạ'] })).statusCode, 422)
      assert.equal((await act(deskA, dossier.code, { action: 'refuse', reason: '' })).statusCode, 422)
      assert.equal((await act(deskA, dossier.code, { action: 'assign' })).statusCode, 422)
      assert.equal((await act(deskA, dossier.code, { action: 'assign', toUsername: 'desk.b' })).statusCode, 422)
    })

    it('allows one apology with a later date, then refuses another (409)', async () => {
      const dossier = (await receive(deskA, complete)).json()
      const missingDate = await act(leaderA, dossier.code, { action: 'apologize', reason: 'Chờ xác minh thông tin' })
      assert.equal(missingDate.statusCode, 422)
      const earlier = await act(leaderA, dossier.code, { action: 'apologize', reason: 'Chờ xác minh thông tin', newDueAt: '2026-03-04T17:00:00+07:00' })
      assert.equal(earlier.statusCode, 422)
      const ok = await act(leaderA, dossier.code, { action: 'apologize', reason: 'Chờ xác minh thông tin', newDueAt: '2026-03-10T17:00:00+07:00' })
      assert.equal(ok.statusCode, 200, ok.body)
      assert.equal(ok.json().dueAt, '2026-03-10T17:00:00+07:00')
      assert.equal(ok.json().originalDueAt, '2026-03-05T17:00:00+07:00')
      const again = await act(leaderA, dossier.code, { action: 'apologize', reason: 'Lần nữa', newDueAt: '2026-03-12T17:00:00+07:00' })
      assert.equal(again.statusCode, 409)
      const messages = (await listOutbox(t.database.db)).filter((m) => m.subject.includes(dossier.code) && m.subject.startsWith('Xin lỗi'))
      assert.equal(messages.length, 2)
    })

    it('tells the applicant by SMS and e-mail what to supplement, the new appointment once it is complete, and when the result is ready', async () => {
      const dossier = (await receive(deskA, complete)).json()
      // The outbox lists newest first: oldest first reads as the applicant's inbox.
      const about = async () => (await listOutbox(t.database.db, 10_000)).filter((m) => m.subject.includes(dossier.code)).reverse()
      let seen = (await about()).length
      const next = async () => {
        const all = await about()
        const fresh = all.slice(seen)
        seen = all.length
        // Each piece of news goes once by SMS and once by e-mail, to the applicant's own addresses.
        assert.deepEqual(fresh.map((m) => `${m.channel} ${m.recipient}`).sort(), [`email ${applicant.email}`, `sms ${applicant.phone}`])
        assert.equal(fresh[0]!.subject, fresh[1]!.subject)
        return fresh[0]!
      }
      assert.equal((await act(specialistA, dossier.code, { action: 'request_supplement', documents: [TEST_DOCUMENTS.residence] })).statusCode, 200)
      const supplement = await next()
      assert.equal(supplement.subject, `Hồ sơ ${dossier.code} cần bổ sung`)
      assert.match(supplement.body, new RegExp(TEST_DOCUMENTS.residence))
      // The clock restarts from the complete dossier, so the applicant gets a new appointment.
      t.clock.set('2026-03-03T02:00:00Z')
      const back = await act(deskA, dossier.code, { action: 'supplement_received', documents: [TEST_DOCUMENTS.residence] })
      assert.equal(back.statusCode, 200, back.body)
      const renewed = await next()
      assert.equal(renewed.subject, `Hồ sơ ${dossier.code} đã được tiếp nhận`)
      assert.match(renewed.body, /06\/03\/2026/)
      // Handing over and finishing a step are the office's business, not news for the applicant.
      assert.equal((await act(deskA, dossier.code, { action: 'assign', toUsername: 'spec.a' })).statusCode, 200)
      assert.equal((await act(specialistA, dossier.code, { action: 'complete_step' })).statusCode, 200)
      assert.equal((await about()).length, seen)
      assert.equal((await act(leaderA, dossier.code, { action: 'result_ready' })).statusCode, 200)
      assert.equal((await next()).subject, `Hồ sơ ${dossier.code} đã có kết quả`)
      t.clock.set('2026-03-02T02:00:00Z')
    })

    it('lists open dossiers, overdue ones, and finds by phone', async () => {
      const list = (await t.app.inject({ url: '/api/v1/dossiers?unit=WARD-A&status=received', headers: auth(deskA) })).json()
      assert.ok(list.total >= 1)
      assert.ok(list.dossiers.every((d: { status: string }) => d.status === 'received'))
      t.clock.set('2026-03-20T02:00:00Z')
      const overdue = (await t.app.inject({ url: '/api/v1/dossiers?overdue=true', headers: auth(leaderA) })).json()
      assert.ok(overdue.total >= 1 && overdue.dossiers.every((d: { isOverdue: boolean }) => d.isOverdue))
      t.clock.set('2026-03-02T02:00:00Z')
      const byPhone = (await t.app.inject({ url: '/api/v1/dossiers?q=0912345678', headers: auth(deskA) })).json()
      assert.ok(byPhone.total >= 5)
      assert.equal((await t.app.inject({ url: '/api/v1/dossiers?status=lost', headers: auth(deskA) })).statusCode, 400)
      assert.equal((await t.app.inject({ url: '/api/v1/dossiers' })).statusCode, 401)
    })

    it('lets a resident follow a dossier by code and PIN, with the name masked', async () => {
      const dossier = (await receive(deskA, complete)).json()
      const res = await t.app.inject({ url: `/api/v1/public/dossiers/${dossier.code}?pin=${dossier.pin}`, remoteAddress: '10.1.1.1' })
      assert.equal(res.statusCode, 200)
      const body = res.json()
      assert.equal(body.applicantName, 'N*** V** A')
      assert.equal(body.statusText, 'Đã tiếp nhận')
      assert.equal(body.timeline[0].action, 'receive')
      assert.doesNotMatch(res.body, /0912345678|an@example\.vn|074201001234|Khu phố/)
      assert.match(String(res.headers['cache-control']), /no-store/)
    })

    it('answers an unknown code and a wrong PIN with the same 404, then 429 after repeated wrong tries', async () => {
      const dossier = (await receive(deskA, complete)).json()
      const wrongPin = await t.app.inject({ url: `/api/v1/public/dossiers/${dossier.code}?pin=000000`, remoteAddress: '10.2.2.2' })
      const unknown = await t.app.inject({ url: `/api/v1/public/dossiers/000.01.01.H99-260302-9999?pin=000000`, remoteAddress: '10.2.2.2' })
      assert.equal(wrongPin.statusCode, 404)
      assert.equal(unknown.statusCode, 404)
      assert.equal(wrongPin.body, unknown.body)
      let last = 404
      for (let i = 0; i < 12 && last !== 429; i++) {
        last = (await t.app.inject({ url: `/api/v1/public/dossiers/${dossier.code}?pin=11111${i % 10}`, remoteAddress: '10.2.2.2' })).statusCode
      }
      assert.equal(last, 429)
      // Even the right PIN is refused from that address until the window passes; other addresses are not affected.
      assert.equal((await t.app.inject({ url: `/api/v1/public/dossiers/${dossier.code}?pin=${dossier.pin}`, remoteAddress: '10.2.2.2' })).statusCode, 429)
      assert.equal((await t.app.inject({ url: `/api/v1/public/dossiers/${dossier.code}?pin=${dossier.pin}`, remoteAddress: '10.3.3.3' })).statusCode, 200)
    })
  })
}
