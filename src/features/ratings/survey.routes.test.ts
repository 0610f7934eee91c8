/**
 * Surveys through app.inject, on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL: the
 * builder (API and pages, audited), answering once per device with the captcha, a closed survey,
 * the results and index against a hand-computed fixture, the CSV export, and who sees what.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { Browser } from '../../../test/support/browser.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { listAuditFor } from '../../platform/audit/audit.ts'
import { solveWork } from '../../platform/captcha/captcha.ts'
import { RESPONSE_LIMITS } from './survey.service.ts'
import { DEVICE_COOKIE } from './survey.routes.tsx'

/** The survey of the fixture: two factors, one section outside the index. */
const FIXTURE = {
  title: 'Khảo sát sự hài lòng quý I',
  description: 'Phiếu thử nghiệm',
  ownerUnitCode: 'WARD-A',
  unitCodes: ['WARD-A'],
  opensAt: '2026-03-01T00:00:00+07:00',
  closesAt: '2026-03-31T17:00:00+07:00',
  sections: [
    { title: 'Tiếp cận dịch vụ', factor: 'access', questions: [{ kind: 'scale', text: 'Nơi ngồi chờ', isRequired: true }] },
    { title: 'Công chức', factor: 'official', questions: [{ kind: 'scale', text: 'Thái độ của công chức', isRequired: true }] },
    {
      title: 'Thông tin chung',
      factor: 'none',
      questions: [
        { kind: 'single', text: 'Hình thức nộp hồ sơ', options: ['Trực tiếp', 'Trực tuyến'], isRequired: true },
        { kind: 'multiple', text: 'Kênh thông tin', options: ['Niêm yết', 'Cổng thông tin', 'Người quen'] },
        { kind: 'text', text: 'Góp ý khác' },
      ],
    },
  ],
}

for (const dialect of testDialects) {
  describe(`surveys on ${dialect.name}`, () => {
    let t: TestApp
    let leaderA: string
    let leaderB: string
    let leaderTown: string
    let deskA: string
    let surveyId: number
    let q: { access: number; official: number; channel: number; channels: number; comment: number }

    before(async () => {
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      leaderA = (await createTestStaff(deps, 'lead.a', 'WARD-A', ['leader'])).token
      leaderB = (await createTestStaff(deps, 'lead.b', 'WARD-B', ['leader'])).token
      leaderTown = (await createTestStaff(deps, 'lead.town', 'TOWN', ['leader'])).token
      deskA = (await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])).token
    })
    after(() => t.close())

    const api = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) })

    /** A fresh challenge of the survey, solved by brute force as the browser would. */
    const solvedCaptcha = async (id = surveyId) => {
      const res = await t.app.inject({ url: `/api/v1/public/surveys/${id}` })
      assert.equal(res.statusCode, 200, res.body)
      const { captcha } = res.json()
      return { token: captcha.token as string, nonce: solveWork(captcha.salt, captcha.difficultyBits) }
    }

    const respond = (device: string, body: Record<string, unknown>, address = '10.1.1.1', id = surveyId) =>
      t.app.inject({ method: 'POST', url: `/api/v1/public/surveys/${id}/responses`, headers: { cookie: `${DEVICE_COOKIE}=${device}` }, payload: body, remoteAddress: address })

    it('lets a ward leader create a draft and open it, audited', async () => {
      const created = await api(leaderA, 'POST', '/api/v1/surveys', FIXTURE)
      assert.equal(created.statusCode, 201, created.body)
      const survey = created.json()
      surveyId = survey.id
      assert.equal(survey.status, 'draft')
      assert.equal(survey.opensAt, '2026-03-01T00:00:00+07:00')
      assert.deepEqual(
        survey.sections.map((s: { factor: string | null }) => s.factor),
        ['access', 'official', null],
      )
      const [s1, s2, s3] = survey.sections
      q = { access: s1.questions[0].id, official: s2.questions[0].id, channel: s3.questions[0].id, channels: s3.questions[1].id, comment: s3.questions[2].id }
      // Residents cannot see a draft.
      assert.equal((await t.app.inject({ url: `/khao-sat/${surveyId}` })).statusCode, 404)
      const opened = await api(leaderA, 'POST', `/api/v1/surveys/${surveyId}/open`)
      assert.equal(opened.statusCode, 200, opened.body)
      assert.equal(opened.json().status, 'open')
      const audit = await listAuditFor(t.database.db, 'survey', surveyId)
      assert.deepEqual(
        audit.map((e) => [e.action, e.actorLabel]),
        [
          ['create', 'lead.a'],
          ['open', 'lead.a'],
        ],
      )
      // Once open it is frozen, and it cannot be opened twice.
      assert.equal((await api(leaderA, 'POST', `/api/v1/surveys/${surveyId}/open`)).statusCode, 409)
    })

    it('refuses a survey owned by or covering units outside the builder’s', async () => {
      const foreignOwner = await api(leaderA, 'POST', '/api/v1/surveys', { ...FIXTURE, ownerUnitCode: 'WARD-B', unitCodes: ['WARD-B'] })
      assert.equal(foreignOwner.statusCode, 422)
      assert.ok('ownerUnitCode' in foreignOwner.json().fields)
      const foreignUnit = await api(leaderA, 'POST', '/api/v1/surveys', { ...FIXTURE, unitCodes: ['WARD-A', 'WARD-B'] })
      assert.equal(foreignUnit.statusCode, 422)
      assert.match(foreignUnit.json().fields.unitCodes, /trực thuộc/)
      assert.equal((await api(deskA, 'POST', '/api/v1/surveys', FIXTURE)).statusCode, 403)
    })

    it('shows the public page with the captcha question and its script, and sets the device cookie', async () => {
      const res = await t.app.inject({ url: `/khao-sat/${surveyId}?unit=WARD-A` })
      assert.equal(res.statusCode, 200)
      assert.match(res.body, /Khảo sát sự hài lòng quý I/)
      assert.match(res.body, /name="captchaToken"/)
      assert.match(res.body, /data-captcha-fallback/)
      assert.match(res.body, /(cộng|trừ) [a-zà-ỹ]+ bằng mấy\?/i)
      assert.match(res.body, /<script src="\/assets\/js\/captcha\.js" defer><\/script>/)
      assert.doesNotMatch(res.body, /<script>/)
      assert.match(res.body, /Rất không hài lòng/)
      assert.ok(res.cookies.some((c) => c.name === DEVICE_COOKIE))
      assert.equal(res.headers['cache-control'], 'no-store')
      const script = await t.app.inject({ url: '/assets/js/captcha.js' })
      assert.equal(script.statusCode, 200)
      assert.match(script.body, /crypto\.subtle/)
    })

    it('requires the captcha: missing or invalid is a 422 with the message beside the field', async () => {
      const answers = { [q.access]: 5, [q.official]: 4, [q.channel]: 'Trực tiếp' }
      const missing = await respond('device-missing-captcha-1', { unitCode: 'WARD-A', answers })
      assert.equal(missing.statusCode, 422, missing.body)
      assert.equal(missing.json().fields.captcha, 'Vui lòng trả lời câu hỏi xác minh.')
      const { token } = await solvedCaptcha()
      const invalid = await respond('device-missing-captcha-1', { unitCode: 'WARD-A', answers, captcha: { token: `${token.slice(0, -2)}xx`, nonce: '1' } })
      assert.equal(invalid.statusCode, 422)
      assert.match(invalid.json().fields.captcha, /không hợp lệ/)
      const wrong = await respond('device-missing-captcha-1', { unitCode: 'WARD-A', answers, captcha: { token, answer: '99' } })
      assert.equal(wrong.statusCode, 422)
      assert.match(wrong.json().fields.captcha, /chưa đúng/)
      // Field errors and the captcha's come together.
      const both = await respond('device-missing-captcha-1', { unitCode: 'WARD-X', answers: { [q.access]: 9 } })
      assert.deepEqual(Object.keys(both.json().fields).sort(), ['captcha', `q${q.access}`, `q${q.channel}`, `q${q.official}`, 'unit'].sort())
    })

    it('records one response per device: the second is a 409, by API and by page', async () => {
      const first = await respond('device-one-aaaaaaaa', {
        unitCode: 'WARD-A',
        answers: { [q.access]: 5, [q.official]: 4, [q.channel]: 'Trực tiếp', [q.channels]: ['Niêm yết', 'Người quen'], [q.comment]: 'Cán bộ nhiệt tình, chu đáo' },
        captcha: await solvedCaptcha(),
      })
      assert.equal(first.statusCode, 201, first.body)
      assert.deepEqual(first.json(), { surveyId, unitCode: 'WARD-A', createdAt: '2026-03-02T09:00:00+07:00' })
      const again = await respond('device-one-aaaaaaaa', { unitCode: 'WARD-A', answers: { [q.access]: 1, [q.official]: 1, [q.channel]: 'Trực tiếp' }, captcha: await solvedCaptcha() })
      assert.equal(again.statusCode, 409)
      assert.match(again.json().message, /một phiếu/)
      // The page tells the same device politely, before it fills anything in.
      const page = await t.app.inject({ url: `/khao-sat/${surveyId}`, headers: { cookie: `${DEVICE_COOKIE}=device-one-aaaaaaaa` } })
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Bạn đã trả lời khảo sát này/)
      // Only a hash of the device is stored.
      const stored = await t.database.db.selectFrom('survey_responses').select('device_hash').execute()
      assert.ok(stored.every((r) => /^[0-9a-f]{64}$/.test(r.device_hash) && !r.device_hash.includes('device-one')))
    })

    it('answers through the page: errors beside the fields with the answers kept, then thanks, then "already answered"', async () => {
      const browser = new Browser(t)
      const form = await browser.get(`/khao-sat/${surveyId}`)
      assert.equal(form.statusCode, 200)
      const comment = 'Cần thêm chỗ ngồi, "ghế chờ"; nhất là sáng thứ Hai'
      const typed = { unit: 'WARD-A', [`q${q.access}`]: '3', [`q${q.channel}`]: 'Trực tuyến', [`q${q.channels}`]: 'Niêm yết', [`q${q.comment}`]: comment }
      const failed = await browser.post(`/khao-sat/${surveyId}`, typed)
      assert.equal(failed.statusCode, 422)
      assert.match(failed.body, /Vui lòng chọn câu trả lời cho câu hỏi này\./)
      assert.match(failed.body, /Vui lòng trả lời câu hỏi xác minh\./)
      assert.match(failed.body, new RegExp(`id="f-q${q.official}-error"`))
      // What was typed is still there, escaped.
      assert.ok(failed.body.includes('Cần thêm chỗ ngồi, &#34;ghế chờ&#34;; nhất là sáng thứ Hai'))
      assert.match(failed.body, new RegExp(`name="q${q.access}" type="radio" value="3" checked`))
      const salt = /data-salt="([0-9a-f]+)"/.exec(failed.body)![1]!
      const token = /name="captchaToken" value="([^"]+)"/.exec(failed.body)![1]!
      const done = await browser.post(`/khao-sat/${surveyId}`, { ...typed, [`q${q.official}`]: '5', captchaToken: token, captchaNonce: solveWork(salt, 16) })
      assert.equal(done.statusCode, 303, done.body)
      assert.equal(done.headers.location, `/khao-sat/${surveyId}/cam-on`)
      assert.match((await browser.get(`/khao-sat/${surveyId}/cam-on`)).body, /Cảm ơn bạn đã tham gia khảo sát/)
      const second = await browser.post(`/khao-sat/${surveyId}`, { ...typed, [`q${q.official}`]: '5', captchaToken: token, captchaNonce: solveWork(salt, 16) })
      assert.equal(second.statusCode, 409)
      assert.match(second.body, /Bạn đã trả lời khảo sát này/)
    })

    it('accepts the answer to the question in words, for browsers without JavaScript', async () => {
      const browser = new Browser(t)
      const form = await browser.get(`/khao-sat/${surveyId}`)
      const question = /<label class="label" for="f-captcha">([^<]+)<\/label>/.exec(form.body)![1]!
      const [, a, op, b] = /^(\S+) (cộng|trừ) (\S+) bằng mấy\?$/i.exec(question)!
      const words = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười']
      const value = (w: string) => words.indexOf(w.toLowerCase())
      const answer = op === 'cộng' ? value(a!) + value(b!) : value(a!) - value(b!)
      const token = /name="captchaToken" value="([^"]+)"/.exec(form.body)![1]!
      const res = await browser.post(`/khao-sat/${surveyId}`, {
        unit: 'WARD-A',
        [`q${q.access}`]: '4',
        [`q${q.official}`]: '2',
        [`q${q.channel}`]: 'Trực tiếp',
        captchaToken: token,
        captchaAnswer: words[answer]!,
      })
      assert.equal(res.statusCode, 303, res.body)
    })

    it('computes the results and the index as computed by hand, for all units and per unit', async () => {
      // Responses so far (WARD-A): access 5, 3, 4; official 4, 5, 2. The town's survey covers both wards.
      const res = await api(leaderA, 'GET', `/api/v1/surveys/${surveyId}/results`)
      assert.equal(res.statusCode, 200, res.body)
      const body = res.json()
      assert.equal(body.responses, 3)
      const factors = Object.fromEntries(body.factors.map((f: { factor: string }) => [f.factor, f]))
      // Access: 5 and 4 satisfied of 5, 3, 4 → 2/3; official: 4 and 5 of 4, 5, 2 → 2/3.
      assert.deepEqual(factors.access, { factor: 'access', scaleAnswers: 3, satisfied: 2, index: 2 / 3 })
      assert.deepEqual(factors.official, { factor: 'official', scaleAnswers: 3, satisfied: 2, index: 2 / 3 })
      assert.equal(factors.procedure.index, null)
      assert.equal(body.overallIndex, 2 / 3)
      const channel = body.questions.find((x: { questionId: number }) => x.questionId === q.channel)
      assert.deepEqual(channel.choices, [
        { value: 'Trực tiếp', count: 2 },
        { value: 'Trực tuyến', count: 1 },
      ])
      const channels = body.questions.find((x: { questionId: number }) => x.questionId === q.channels)
      assert.deepEqual(
        channels.choices.map((c: { count: number }) => c.count),
        [2, 0, 1],
      )
      const comments = body.questions.find((x: { questionId: number }) => x.questionId === q.comment)
      assert.equal(comments.texts.length, 2)
      const perUnit = (await api(leaderA, 'GET', `/api/v1/surveys/${surveyId}/results?unit=WARD-A`)).json()
      assert.equal(perUnit.unitCode, 'WARD-A')
      assert.equal(perUnit.responses, 3)
      assert.equal((await api(leaderA, 'GET', `/api/v1/surveys/${surveyId}/results?unit=WARD-B`)).statusCode, 400)
    })

    it('filters a town survey’s results by ward, with the index of each', async () => {
      const town = await api(leaderTown, 'POST', '/api/v1/surveys', { ...FIXTURE, title: 'Khảo sát toàn thị xã', ownerUnitCode: 'TOWN', unitCodes: ['WARD-A', 'WARD-B'] })
      assert.equal(town.statusCode, 201, town.body)
      const id = town.json().id
      const [s1, s2, s3] = town.json().sections
      assert.equal((await api(leaderTown, 'POST', `/api/v1/surveys/${id}/open`)).statusCode, 200)
      const answer = async (device: string, unitCode: string, access: number, official: number) => {
        const res = await respond(device, { unitCode, answers: { [s1.questions[0].id]: access, [s2.questions[0].id]: official, [s3.questions[0].id]: 'Trực tiếp' }, captcha: await solvedCaptcha(id) }, '10.2.2.2', id)
        assert.equal(res.statusCode, 201, res.body)
      }
      await answer('town-device-1aaaaaaa', 'WARD-A', 5, 5)
      await answer('town-device-2aaaaaaa', 'WARD-A', 2, 4)
      await answer('town-device-3aaaaaaa', 'WARD-B', 1, 3)
      await answer('town-device-4aaaaaaa', 'WARD-B', 4, 2)
      // All: access 5, 2, 1, 4 → 2/4; official 5, 4, 3, 2 → 2/4; overall 0.5.
      const all = (await api(leaderTown, 'GET', `/api/v1/surveys/${id}/results`)).json()
      assert.equal(all.responses, 4)
      assert.equal(all.overallIndex, 0.5)
      // WARD-B: access 1, 4 → 1/2; official 3, 2 → 0; overall 0.25.
      const wardB = (await api(leaderTown, 'GET', `/api/v1/surveys/${id}/results?unit=WARD-B`)).json()
      assert.equal(wardB.responses, 2)
      assert.deepEqual(
        wardB.factors.filter((f: { index: number | null }) => f.index !== null).map((f: { factor: string; index: number }) => [f.factor, f.index]),
        [
          ['access', 0.5],
          ['official', 0],
        ],
      )
      assert.equal(wardB.overallIndex, 0.25)
      // The ward leaders do not see the town's survey: it belongs to the town.
      assert.equal((await api(leaderB, 'GET', `/api/v1/surveys/${id}/results`)).statusCode, 404)
    })

    it('exports the responses as CSV: BOM, one row per response, Vietnamese text, RFC 4180 quoting', async () => {
      const browser = new Browser(t)
      await browser.signIn('lead.a')
      const res = await browser.get(`/admin/khao-sat/${surveyId}/ket-qua.csv`)
      assert.equal(res.statusCode, 200)
      assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/)
      assert.match(String(res.headers['content-disposition']), /attachment; filename="khao-sat-\d+\.csv"/)
      const raw = res.rawPayload
      assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf])
      const lines = raw.toString('utf8').slice(1).split('\r\n')
      assert.equal(lines.length, 5)
      assert.equal(lines[0], 'Phiếu số,Thời điểm gửi,Mã đơn vị,Đơn vị,C1. Nơi ngồi chờ,C2. Thái độ của công chức,C3. Hình thức nộp hồ sơ,C4. Kênh thông tin,C5. Góp ý khác')
      assert.match(lines[1]!, /^\d+,2026-03-02 09:00,WARD-A,Phường An,5 - Rất hài lòng,4 - Hài lòng,Trực tiếp,Niêm yết; Người quen,"Cán bộ nhiệt tình, chu đáo"$/)
      assert.ok(lines[2]!.endsWith(',"Cần thêm chỗ ngồi, ""ghế chờ""; nhất là sáng thứ Hai"'), lines[2])
      assert.equal(lines[4], '')
    })

    it('shows the results page with the index per factor, and the builder page', async () => {
      const browser = new Browser(t)
      await browser.signIn('lead.a')
      const results = await browser.get(`/admin/khao-sat/${surveyId}/ket-qua`)
      assert.equal(results.statusCode, 200)
      assert.match(results.body, /Chỉ số hài lòng chung/)
      assert.match(results.body, /66,7/)
      assert.match(results.body, /Cán bộ nhiệt tình, chu đáo/)
      const list = await browser.get('/admin/khao-sat')
      assert.match(list.body, /Khảo sát sự hài lòng quý I/)
      const page = await browser.get(`/admin/khao-sat/${surveyId}`)
      assert.match(page.body, /Đang mở/)
      assert.match(page.body, new RegExp(`/khao-sat/${surveyId}`))
    })

    it('keeps each leader to their units’ surveys', async () => {
      const listB = (await api(leaderB, 'GET', '/api/v1/surveys')).json()
      assert.ok(!listB.some((s: { id: number }) => s.id === surveyId))
      assert.equal((await api(leaderB, 'GET', `/api/v1/surveys/${surveyId}`)).statusCode, 404)
      assert.equal((await api(leaderB, 'GET', `/api/v1/surveys/${surveyId}/results`)).statusCode, 404)
      assert.equal((await api(leaderB, 'POST', `/api/v1/surveys/${surveyId}/close`)).statusCode, 404)
      const listTown = (await api(leaderTown, 'GET', '/api/v1/surveys')).json()
      assert.ok(listTown.some((s: { id: number }) => s.id === surveyId), 'the town’s leader sees the wards’ surveys')
      assert.equal((await api(deskA, 'GET', '/api/v1/surveys')).statusCode, 403)
      assert.equal((await t.app.inject({ url: '/api/v1/surveys' })).statusCode, 401)
      const browserB = new Browser(t)
      await browserB.signIn('lead.b')
      assert.equal((await browserB.get(`/admin/khao-sat/${surveyId}/ket-qua`)).statusCode, 404)
      assert.equal((await browserB.get(`/admin/khao-sat/${surveyId}/ket-qua.csv`)).statusCode, 404)
      assert.doesNotMatch((await browserB.get('/admin/khao-sat')).body, /Khảo sát sự hài lòng quý I/)
      const desk = new Browser(t)
      await desk.signIn('desk.a')
      assert.equal((await desk.get('/admin/khao-sat')).statusCode, 403)
      const anonymous = await t.app.inject({ url: '/admin/khao-sat' })
      assert.equal(anonymous.statusCode, 303)
      assert.match(String(anonymous.headers.location), /^\/sign-in\?next=/)
    })

    it('refuses answers to a survey not yet open or closed (409), and says so on the page', async () => {
      const later = await api(leaderA, 'POST', '/api/v1/surveys', { ...FIXTURE, title: 'Khảo sát tháng sau', opensAt: '2026-04-01T00:00:00+07:00', closesAt: '2026-04-30T00:00:00+07:00' })
      const laterId = later.json().id
      await api(leaderA, 'POST', `/api/v1/surveys/${laterId}/open`)
      const early = await respond('device-early-aaaaaaa', { unitCode: 'WARD-A', answers: {}, captcha: await solvedCaptcha(laterId) }, '10.3.3.3', laterId)
      assert.equal(early.statusCode, 409)
      assert.match((await t.app.inject({ url: `/khao-sat/${laterId}` })).body, /chưa đến thời gian nhận phiếu/)

      const closed = await api(leaderA, 'POST', `/api/v1/surveys/${surveyId}/close`)
      assert.equal(closed.statusCode, 200)
      assert.equal(closed.json().status, 'closed')
      const res = await respond('device-late-aaaaaaaa', { unitCode: 'WARD-A', answers: { [q.access]: 5, [q.official]: 5, [q.channel]: 'Trực tiếp' }, captcha: await solvedCaptcha() })
      assert.equal(res.statusCode, 409)
      assert.match(res.json().message, /không nhận phiếu/)
      assert.match((await t.app.inject({ url: `/khao-sat/${surveyId}` })).body, /đã kết thúc/)
      assert.deepEqual(
        (await listAuditFor(t.database.db, 'survey', surveyId)).map((e) => e.action),
        ['create', 'open', 'close'],
      )
    })

    it('limits responses per address (429)', async () => {
      let last: LightMyRequestResponse | null = null
      for (let i = 0; i <= RESPONSE_LIMITS.perWindow; i++) last = await respond(`device-flood-${String(i).padStart(8, '0')}`, { unitCode: 'WARD-A', answers: {} }, '10.9.9.9')
      assert.equal(last?.statusCode, 429)
      assert.ok(Number(last?.headers['retry-after']) > 0)
    })
  })

  describe(`the survey builder pages on ${dialect.name}`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      await createTestStaff(deps, 'lead.a', 'WARD-A', ['leader'])
    })
    after(() => t.close())

    it('builds a survey with forms: create, add a section and questions, reorder, open; edits refused after', async () => {
      const browser = new Browser(t)
      await browser.signIn('lead.a')
      const blank = await browser.get('/admin/khao-sat/moi')
      assert.equal(blank.statusCode, 200)
      const invalid = await browser.post('/admin/khao-sat', { ownerUnitCode: 'WARD-A', title: '', opensAt: '2026-03-05T08:00', closesAt: '2026-03-04T08:00' })
      assert.equal(invalid.statusCode, 422)
      assert.match(invalid.body, /Nhập tên khảo sát/)
      assert.match(invalid.body, /phải sau thời điểm bắt đầu/)
      assert.match(invalid.body, /Chọn ít nhất một đơn vị/)
      const created = await browser.post('/admin/khao-sat', { ownerUnitCode: 'WARD-A', title: 'Ý kiến về Bộ phận một cửa', opensAt: '2026-03-02T08:00', closesAt: '2026-03-31T17:00', unitCodes: 'WARD-A' })
      assert.equal(created.statusCode, 303, created.body)
      const path = String(created.headers.location)
      assert.match(path, /^\/admin\/khao-sat\/\d+$/)
      const page = await browser.get(path)
      assert.match(page.body, /Đã tạo bản nháp/)
      assert.match(page.body, /value="2026-03-02T08:00"/)

      const openEmpty = await browser.post(`${path}/mo`, {})
      assert.equal(openEmpty.statusCode, 422)
      assert.match(openEmpty.body, /Thêm ít nhất một câu hỏi/)

      assert.equal((await browser.post(`${path}/phan`, { sectionTitle: 'Công chức', factor: 'official' })).statusCode, 303)
      const sectionId = /name="sectionId"[^>]*>\s*<option value="(\d+)"/.exec((await browser.get(path)).body)?.[1]
      assert.ok(sectionId)
      const badQuestion = await browser.post(`${path}/cau-hoi`, { sectionId, kind: 'single', questionText: 'Bạn nộp hồ sơ thế nào?', options: 'Chỉ một lựa chọn' })
      assert.equal(badQuestion.statusCode, 422)
      assert.match(badQuestion.body, /từ 2 đến 20 lựa chọn/)
      assert.match(badQuestion.body, /Bạn nộp hồ sơ thế nào\?/)
      assert.equal((await browser.post(`${path}/cau-hoi`, { sectionId, kind: 'scale', questionText: 'Thái độ của công chức', isRequired: 'on' })).statusCode, 303)
      assert.equal((await browser.post(`${path}/cau-hoi`, { sectionId, kind: 'single', questionText: 'Bạn nộp hồ sơ thế nào?', options: 'Trực tiếp\nTrực tuyến' })).statusCode, 303)
      const before = (await browser.get(path)).body
      const secondId = new RegExp(`${path}/cau-hoi/(\\d+)/len`).exec(before)?.[1]
      assert.ok(secondId)
      assert.equal((await browser.post(`${path}/cau-hoi/${secondId}/len`, {})).statusCode, 303)
      const reordered = (await browser.get(path)).body
      assert.ok(reordered.indexOf('Bạn nộp hồ sơ thế nào?') < reordered.indexOf('Thái độ của công chức'))

      const opened = await browser.post(`${path}/mo`, {})
      assert.equal(opened.statusCode, 303, opened.body)
      assert.match((await browser.get(path)).body, /Đang mở/)
      const edit = await browser.post(path, { title: 'Đổi tên', opensAt: '2026-03-02T08:00', closesAt: '2026-03-31T17:00', unitCodes: 'WARD-A' })
      assert.equal(edit.statusCode, 409)
      assert.match(edit.body, /không sửa được nữa/)
      const id = Number(path.split('/').pop())
      assert.deepEqual(
        (await listAuditFor(t.database.db, 'survey', id)).map((e) => e.action),
        ['create', 'add_section', 'add_question', 'add_question', 'move_question', 'open'],
      )
      // The public page now shows the reordered questions.
      const publicPage = await t.app.inject({ url: `/khao-sat/${id}` })
      assert.ok(publicPage.body.indexOf('Câu 1. Bạn nộp hồ sơ thế nào?') > 0)
    })
  })
}
