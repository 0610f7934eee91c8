/**
 * Every route of /api/v1/dialogues and the iCalendar files through the real application, with
 * each route's 4xx answers: lists, one session (public and staff views), create, update, status
 * actions, hosts, residents' questions (captcha, honeypot, rate limit) and supports (device
 * cookie), moderation, the secretary's floor questions, answers and commitments, minutes,
 * coverage, /doi-thoai/{id}.ics and /doi-thoai/lich.ics, and their presence in the OpenAPI document.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { solveWork } from '../../platform/captcha/captcha.ts'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { QUESTION_LIMITS } from './dialogue.service.ts'

type Json = Record<string, any>

for (const dialect of testDialects) {
  describe(`/api/v1/dialogues on ${dialect.name}`, () => {
    let t: TestApp
    const tokens: Record<string, string> = {}
    let address = 0
    /** A fresh client address, so the per-address limits do not carry over between tests. */
    const nextAddress = () => `10.7.0.${++address}`

    before(async () => {
      t = await buildTestApp(dialect)
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      for (const [username, unit, role] of [
        ['lead.a', 'WARD-A', 'leader'],
        ['desk.a', 'WARD-A', 'desk_officer'],
        ['spec.a', 'WARD-A', 'specialist'],
        ['lead.b', 'WARD-B', 'leader'],
        ['lead.town', 'TOWN', 'leader'],
        ['mod.town', 'TOWN', 'moderator'],
      ] as const) {
        tokens[username] = (await createTestStaff(deps, username, unit, [role])).token
      }
    })
    after(() => t.close())

    const bearer = (username: string) => ({ authorization: `Bearer ${tokens[username]}` })
    const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, username: string | null, payload?: Json, remoteAddress?: string) =>
      t.app.inject({ method, url, headers: username ? bearer(username) : {}, ...(payload !== undefined ? { payload } : {}), ...(remoteAddress ? { remoteAddress } : {}) })

    /** A solved captcha from the API, as a public client would send it. */
    async function solvedCaptcha(): Promise<{ captchaToken: string; captchaNonce: string }> {
      const res = await t.app.inject({ url: '/api/v1/dialogues/captcha' })
      assert.equal(res.statusCode, 200)
      const challenge = res.json() as Json
      return { captchaToken: challenge.token, captchaNonce: solveWork(challenge.salt, challenge.difficultyBits) }
    }

    /** Announces a session of ward A some days ahead; returns its body. */
    async function announce(overrides: Json = {}): Promise<Json> {
      const startsAt = new Date(t.clock.now().getTime() + 3 * 86_400_000).toISOString()
      const res = await call('POST', '/api/v1/dialogues', 'lead.a', {
        unitCode: 'WARD-A',
        topic: 'Đối thoại về trật tự đô thị',
        startsAt,
        venue: 'Hội trường UBND phường An',
        secretaryUsername: 'desk.a',
        hosts: [{ username: 'lead.a', roleLabel: 'Chủ tịch UBND phường' }],
        ...overrides,
      })
      assert.equal(res.statusCode, 201, res.body)
      return res.json()
    }

    /** Sends a resident's question; returns the response. */
    async function ask(id: number, overrides: Json = {}, remoteAddress = nextAddress()) {
      return call('POST', `/api/v1/dialogues/${id}/questions`, null, { text: 'Khi nào phường sửa đường hẻm 12 khu phố 3?', askerName: 'Nguyễn Văn An', ...(await solvedCaptcha()), ...overrides }, remoteAddress)
    }

    it('GET /captcha gives a challenge in the asked language', async () => {
      const vi = (await t.app.inject({ url: '/api/v1/dialogues/captcha' })).json() as Json
      assert.equal(vi.difficultyBits, 16)
      assert.match(vi.question, /bằng mấy\?$/)
      const en = (await t.app.inject({ url: '/api/v1/dialogues/captcha', headers: { 'accept-language': 'en' } })).json() as Json
      assert.match(en.question, /\?$/)
    })

    it('POST / creates a session for organisers only, with every field error', async () => {
      assert.equal((await call('POST', '/api/v1/dialogues', null, { unitCode: 'WARD-A', topic: 'x', startsAt: 'x', venue: 'x' })).statusCode, 401)
      const forbidden = await call('POST', '/api/v1/dialogues', 'lead.b', { unitCode: 'WARD-A', topic: 'Đối thoại', startsAt: '2026-04-01T08:00', venue: 'Hội trường' })
      assert.equal(forbidden.statusCode, 403)
      assert.equal((forbidden.json() as Json).error, 'forbidden')
      const invalid = await call('POST', '/api/v1/dialogues', 'lead.a', { unitCode: 'WARD-A', topic: 'ab', startsAt: 'ngày mai', venue: 'H', livestreamUrl: 'ftp://x', secretaryUsername: 'lead.b' })
      assert.equal(invalid.statusCode, 422)
      assert.deepEqual(Object.keys((invalid.json() as Json).fields).sort(), ['livestreamUrl', 'secretaryUsername', 'startsAt', 'topic', 'venue'])
      assert.equal((await call('POST', '/api/v1/dialogues', 'lead.a', { unitCode: 'WARD-A', topic: 'Đối thoại', startsAt: '2026-04-01T08:00', venue: 'Hội trường', extra: 1 })).statusCode, 400)
      const created = await announce()
      assert.equal(created.view, 'staff')
      assert.equal(created.status, 'planned')
      assert.equal(created.icsUrl, `/doi-thoai/${created.id}.ics`)
      assert.deepEqual(created.allowedActions, ['open_questions', 'cancel'])
    })

    it('GET / lists upcoming and past sessions, and mine for staff', async () => {
      const created = await announce({ topic: 'Đối thoại về chợ tạm' })
      const upcoming = (await call('GET', '/api/v1/dialogues?unit=WARD-A', null)).json() as Json
      assert.ok(
        upcoming.items.some((s: Json) => s.id === created.id && s.pendingCount === undefined),
        'the public list has the session, without staff counts',
      )
      assert.equal(((await call('GET', '/api/v1/dialogues?scope=past', null)).json() as Json).items.some((s: Json) => s.id === created.id), false)
      assert.equal((await call('GET', '/api/v1/dialogues?unit=NOPE', null)).statusCode, 400)
      assert.equal((await call('GET', '/api/v1/dialogues?scope=someday', null)).statusCode, 400)
      assert.equal((await call('GET', '/api/v1/dialogues?mine=true', null)).statusCode, 401)
      assert.equal((await call('GET', '/api/v1/dialogues?mine=true', 'spec.a')).statusCode, 403)
      const mine = (await call('GET', '/api/v1/dialogues?mine=true', 'desk.a')).json() as Json
      assert.ok(
        mine.items.some((s: Json) => s.id === created.id && s.pendingCount === 0),
        'the secretary’s list has the session with its pending count',
      )
    })

    it('GET /:id gives the public view to the public and to other wards, the staff view to its organisers', async () => {
      const created = await announce()
      const pub = (await call('GET', `/api/v1/dialogues/${created.id}`, null)).json() as Json
      assert.equal(pub.view, 'public')
      assert.equal(pub.participants, undefined)
      assert.equal(((await call('GET', `/api/v1/dialogues/${created.id}`, 'lead.b')).json() as Json).view, 'public')
      const staffRes = await call('GET', `/api/v1/dialogues/${created.id}`, 'lead.a')
      assert.equal((staffRes.json() as Json).view, 'staff')
      assert.match(String(staffRes.headers['cache-control']), /private/)
      assert.equal((await call('GET', '/api/v1/dialogues/999999', null)).statusCode, 404)
      assert.equal((await call('GET', '/api/v1/dialogues/abc', null)).statusCode, 400)
    })

    it('PATCH /:id and PUT /:id/hosts change a session for those allowed', async () => {
      const { id } = await announce()
      assert.equal((await call('PATCH', `/api/v1/dialogues/${id}`, null, { venue: 'Nhà văn hóa' })).statusCode, 401)
      assert.equal((await call('PATCH', `/api/v1/dialogues/${id}`, 'lead.b', { venue: 'Nhà văn hóa' })).statusCode, 403)
      assert.equal((await call('PATCH', `/api/v1/dialogues/${id}`, 'desk.a', { venue: 'Nhà văn hóa' })).statusCode, 403)
      assert.equal((await call('PATCH', `/api/v1/dialogues/${id}`, 'lead.a', { venue: 'N' })).statusCode, 422)
      const updated = await call('PATCH', `/api/v1/dialogues/${id}`, 'lead.a', { venue: 'Nhà văn hóa khu phố 2', livestreamUrl: 'https://www.facebook.com/phuongan/live' })
      assert.equal(updated.statusCode, 200)
      assert.equal((updated.json() as Json).venue, 'Nhà văn hóa khu phố 2')
      const minutes = await call('PATCH', `/api/v1/dialogues/${id}`, 'desk.a', { participants: 'Lãnh đạo phường, Nhân dân khu phố 2', attendance: 80 })
      assert.equal(minutes.statusCode, 200)
      assert.equal((minutes.json() as Json).attendance, 80)
      assert.equal((await call('PUT', `/api/v1/dialogues/${id}/hosts`, 'lead.a', { hosts: [{ username: 'desk.a', roleLabel: 'Thư ký' }] })).statusCode, 422)
      assert.equal((await call('PUT', `/api/v1/dialogues/${id}/hosts`, 'lead.b', { hosts: [] })).statusCode, 403)
      const hosts = await call('PUT', `/api/v1/dialogues/${id}/hosts`, 'lead.a', { hosts: [{ username: 'lead.town', roleLabel: 'Chủ tịch UBND thị xã' }, { username: 'lead.a', roleLabel: 'Chủ tịch UBND phường' }] })
      assert.equal(hosts.statusCode, 200)
      assert.deepEqual(
        (hosts.json() as Json).hosts.map((h: Json) => h.username),
        ['lead.town', 'lead.a'],
      )
    })

    it('POST /:id/actions moves a session on, with 403, 409 and 422', async () => {
      const { id } = await announce()
      assert.equal((await call('POST', `/api/v1/dialogues/${id}/actions`, 'lead.b', { action: 'open_questions' })).statusCode, 403)
      assert.equal((await call('POST', `/api/v1/dialogues/${id}/actions`, 'desk.a', { action: 'open_questions' })).statusCode, 403)
      const conflict = await call('POST', `/api/v1/dialogues/${id}/actions`, 'lead.a', { action: 'publish_minutes' })
      assert.equal(conflict.statusCode, 409)
      assert.equal((conflict.json() as Json).error, 'conflict')
      assert.equal((await call('POST', `/api/v1/dialogues/${id}/actions`, 'lead.a', { action: 'fly' })).statusCode, 400)
      assert.equal((await call('POST', `/api/v1/dialogues/${id}/actions`, 'lead.a', { action: 'cancel' })).statusCode, 422)
      const opened = await call('POST', `/api/v1/dialogues/${id}/actions`, 'lead.a', { action: 'open_questions' })
      assert.equal(opened.statusCode, 200)
      assert.equal((opened.json() as Json).acceptsQuestions, true)
      assert.equal((await call('POST', `/api/v1/dialogues/${id}/actions`, 'desk.a', { action: 'mark_held' })).statusCode, 409)
      const cancelled = await call('POST', `/api/v1/dialogues/${id}/actions`, 'lead.a', { action: 'cancel', reason: 'Hoãn vì trùng lịch.' })
      assert.equal((cancelled.json() as Json).status, 'cancelled')
    })

    it('POST /:id/questions takes residents’ questions with the captcha, the honeypot and a limit per address', async () => {
      const { id } = await announce()
      assert.equal((await ask(id)).statusCode, 409)
      await call('POST', `/api/v1/dialogues/${id}/actions`, 'lead.a', { action: 'open_questions' })
      const created = await ask(id, { contact: '0909 123 456' })
      assert.equal(created.statusCode, 201, created.body)
      assert.equal((created.json() as Json).status, 'pending')
      assert.equal(created.body.includes('0909 123 456'), false)
      const noCaptcha = await call('POST', `/api/v1/dialogues/${id}/questions`, null, { text: 'Một câu hỏi đủ dài.' }, nextAddress())
      assert.equal(noCaptcha.statusCode, 422)
      assert.deepEqual(Object.keys((noCaptcha.json() as Json).fields), ['captcha'])
      assert.equal((await ask(id, { website: 'https://spam.example' })).statusCode, 422)
      assert.equal((await ask(id, { text: 'ngắn' })).statusCode, 422)
      assert.equal((await ask(id, { extra: 'x' })).statusCode, 400)
      assert.equal((await ask(999999)).statusCode, 404)
      const busy = nextAddress()
      for (let i = 0; i < QUESTION_LIMITS.perWindow; i++) assert.equal((await ask(id, {}, busy)).statusCode, 201)
      const limited = await ask(id, {}, busy)
      assert.equal(limited.statusCode, 429)
      assert.ok(limited.headers['retry-after'], 'a 429 says when to try again')
    })

    it('POST /:id/questions/:questionId/support counts once per device cookie', async () => {
      const { id } = await announce()
      await call('POST', `/api/v1/dialogues/${id}/actions`, 'lead.a', { action: 'open_questions' })
      const question = (await ask(id)).json() as Json
      const supportUrl = `/api/v1/dialogues/${id}/questions/${question.id}/support`
      assert.equal((await t.app.inject({ method: 'POST', url: supportUrl })).statusCode, 404)
      await call('POST', `/api/v1/dialogues/${id}/questions/${question.id}/moderation`, 'lead.a', { action: 'publish' })
      const first = await t.app.inject({ method: 'POST', url: supportUrl })
      assert.equal(first.statusCode, 200)
      assert.equal((first.json() as Json).supportCount, 1)
      const cookie = (first.cookies as { name: string; value: string; httpOnly?: boolean }[]).find((c) => c.name === 'congso_device')
      assert.ok(cookie?.httpOnly, 'the device cookie is httpOnly')
      const again = await t.app.inject({ method: 'POST', url: supportUrl, headers: { cookie: `congso_device=${cookie.value}` } })
      assert.equal(again.statusCode, 409)
      const view = (await t.app.inject({ url: `/api/v1/dialogues/${id}`, headers: { cookie: `congso_device=${cookie.value}` } })).json() as Json
      assert.deepEqual(
        view.questions.map((q: Json) => [q.id, q.supportCount, q.isSupported]),
        [[question.id, 1, true]],
      )
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/dialogues/${id}/questions/999999/support` })).statusCode, 404)
    })

    it('POST /:id/questions/:questionId/moderation moderates for organisers, prepares for the assigned unit', async () => {
      const { id } = await announce()
      await call('POST', `/api/v1/dialogues/${id}/actions`, 'lead.a', { action: 'open_questions' })
      const q = (await ask(id)).json() as Json
      const url = `/api/v1/dialogues/${id}/questions/${q.id}/moderation`
      assert.equal((await call('POST', url, null, { action: 'publish' })).statusCode, 401)
      assert.equal((await call('POST', url, 'desk.a', { action: 'publish' })).statusCode, 403)
      assert.equal((await call('POST', url, 'lead.b', { action: 'publish' })).statusCode, 403)
      assert.equal((await call('POST', url, 'mod.town', { action: 'hide' })).statusCode, 422)
      assert.equal((await call('POST', url, 'mod.town', { action: 'assign', unitCode: 'WARD-B' })).statusCode, 422)
      const published = await call('POST', url, 'mod.town', { action: 'publish' })
      assert.equal(published.statusCode, 200)
      assert.equal((published.json() as Json).status, 'published')
      assert.equal((await call('POST', url, 'mod.town', { action: 'publish' })).statusCode, 409)
      assert.equal((await call('POST', url, 'mod.town', { action: 'assign', unitCode: 'TOWN' })).statusCode, 200)
      const prepared = await call('POST', url, 'lead.town', { action: 'prepare_answer', text: 'Thị xã sẽ bố trí vốn.' })
      assert.equal((prepared.json() as Json).preparedAnswer, 'Thị xã sẽ bố trí vốn.')
      assert.equal((await call('POST', `/api/v1/dialogues/${id}/questions/999999/moderation`, 'lead.a', { action: 'publish' })).statusCode, 404)
      const pub = (await call('GET', `/api/v1/dialogues/${id}`, null)).json() as Json
      assert.equal(JSON.stringify(pub).includes('Thị xã sẽ bố trí vốn.'), false)
    })

    it('the secretary’s routes record floor questions, answers and commitments; then the minutes', async () => {
      const { id } = await announce({ startsAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString() })
      await call('POST', `/api/v1/dialogues/${id}/actions`, 'lead.a', { action: 'open_questions' })
      const q = (await ask(id)).json() as Json
      await call('POST', `/api/v1/dialogues/${id}/questions/${q.id}/moderation`, 'lead.a', { action: 'publish' })

      const answerUrl = `/api/v1/dialogues/${id}/questions/${q.id}/answer`
      assert.equal((await call('POST', answerUrl, 'spec.a', { answer: 'Trả lời.' })).statusCode, 403)
      assert.equal((await call('POST', answerUrl, 'desk.a', { answer: ' ' })).statusCode, 422)
      const answered = await call('POST', answerUrl, 'desk.a', { answer: 'Phường sửa hẻm 12 trong tháng 5.', answeredBy: 'Chủ tịch UBND phường' })
      assert.equal(answered.statusCode, 200)
      assert.equal((answered.json() as Json).status, 'answered')

      const floorUrl = `/api/v1/dialogues/${id}/floor-questions`
      assert.equal((await call('POST', floorUrl, 'lead.b', { text: 'Câu hỏi từ phường khác.' })).statusCode, 403)
      assert.equal((await call('POST', floorUrl, 'desk.a', { text: 'ngắn' })).statusCode, 422)
      const floor = await call('POST', floorUrl, 'desk.a', { askerName: 'Trần Văn Cường', text: 'Xin hỏi lịch thu gom rác mới?', answer: 'Thứ Hai, Tư, Sáu.' })
      assert.equal(floor.statusCode, 201)

      const commitUrl = `/api/v1/dialogues/${id}/commitments`
      assert.equal((await call('POST', commitUrl, 'desk.a', { responsibleUnitCode: 'WARD-A', responsible: 'UBND phường', content: 'Sửa hẻm 12', dueAt: 'tháng sau' })).statusCode, 422)
      assert.equal((await call('POST', commitUrl, null, { responsibleUnitCode: 'WARD-A', responsible: 'UBND phường', content: 'Sửa hẻm 12', dueAt: '2026-05-29' })).statusCode, 401)
      const commitment = await call('POST', commitUrl, 'desk.a', { questionId: q.id, responsibleUnitCode: 'WARD-A', responsible: 'Chủ tịch UBND phường', content: 'Sửa xong hẻm 12', dueAt: '2026-05-29' })
      assert.equal(commitment.statusCode, 201, commitment.body)
      const tracked = (commitment.json() as Json).trackedItem
      assert.equal(tracked.status, 'assigned')
      assert.equal(tracked.dueAt, '2026-05-29T23:59:59+07:00')

      const minutesUrl = `/api/v1/dialogues/${id}/minutes`
      assert.equal((await call('GET', minutesUrl, null)).statusCode, 404)
      assert.equal((await call('GET', minutesUrl, 'lead.b')).statusCode, 404)
      assert.equal((await call('GET', minutesUrl, 'desk.a')).statusCode, 200)
      t.clock.advance(2 * 3_600_000)
      assert.equal((await call('POST', `/api/v1/dialogues/${id}/actions`, 'desk.a', { action: 'mark_held' })).statusCode, 200)
      await call('PATCH', `/api/v1/dialogues/${id}`, 'desk.a', { participants: 'Lãnh đạo phường; Nhân dân khu phố 3' })
      assert.equal((await call('POST', `/api/v1/dialogues/${id}/actions`, 'lead.a', { action: 'publish_minutes' })).statusCode, 200)
      const minutes = (await call('GET', minutesUrl, null)).json() as Json
      assert.equal(minutes.isPublished, true)
      assert.deepEqual(
        minutes.questions.map((x: Json) => [x.source, x.answer]),
        [
          ['before', 'Phường sửa hẻm 12 trong tháng 5.'],
          ['floor', 'Thứ Hai, Tư, Sáu.'],
        ],
      )
      assert.equal(minutes.commitments[0].trackedItem.code, tracked.code)
      // After the minutes, recording is over.
      assert.equal((await call('POST', floorUrl, 'desk.a', { text: 'Một câu hỏi sau khi công bố biên bản.' })).statusCode, 409)
      t.clock.set('2026-03-02T02:00:00Z')
    })

    it('GET /coverage gives the year’s figures to those above the wards', async () => {
      assert.equal((await call('GET', '/api/v1/dialogues/coverage', null)).statusCode, 401)
      assert.equal((await call('GET', '/api/v1/dialogues/coverage?unit=TOWN', 'lead.a')).statusCode, 403)
      assert.equal((await call('GET', '/api/v1/dialogues/coverage?unit=NOPE', 'lead.town')).statusCode, 400)
      assert.equal((await call('GET', '/api/v1/dialogues/coverage?year=1999', 'lead.town')).statusCode, 400)
      const res = await call('GET', '/api/v1/dialogues/coverage?unit=TOWN&year=2026', 'mod.town')
      assert.equal(res.statusCode, 200)
      const body = res.json() as Json
      assert.equal(body.coverage, `${body.heldCount}/${body.unitCount}`)
      assert.equal(body.unitCount, 2)
      assert.deepEqual(
        body.units.map((u: Json) => u.unit.code),
        ['WARD-A', 'WARD-B'],
      )
    })

    it('serves iCalendar for one session and the feed', async () => {
      const { id } = await announce({ topic: 'Đối thoại; về chợ, tạm' })
      const one = await t.app.inject({ url: `/doi-thoai/${id}.ics` })
      assert.equal(one.statusCode, 200)
      assert.match(String(one.headers['content-type']), /^text\/calendar; charset=utf-8/)
      assert.match(one.body, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/)
      assert.match(one.body, /SUMMARY:Đối thoại: Đối thoại\\; về chợ\\, tạm \(Phường An\)/)
      assert.equal((await t.app.inject({ url: '/doi-thoai/999999.ics' })).statusCode, 404)
      assert.equal((await t.app.inject({ url: '/doi-thoai/abc.ics' })).statusCode, 404)
      const feed = await t.app.inject({ url: '/doi-thoai/lich.ics' })
      assert.equal(feed.statusCode, 200)
      assert.match(feed.body, new RegExp(`UID:dialogue-${id}@`))
      assert.equal((await t.app.inject({ url: '/doi-thoai/lich.ics?unit=NOPE' })).statusCode, 400)
      const wardB = await t.app.inject({ url: '/doi-thoai/lich.ics?unit=WARD-B' })
      assert.equal(wardB.body.includes('BEGIN:VEVENT'), false)
    })

    it('documents every route in the OpenAPI document', async () => {
      const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json() as Json
      const paths = Object.keys(doc.paths)
      for (const path of [
        '/api/v1/dialogues',
        '/api/v1/dialogues/captcha',
        '/api/v1/dialogues/coverage',
        '/api/v1/dialogues/{id}',
        '/api/v1/dialogues/{id}/actions',
        '/api/v1/dialogues/{id}/hosts',
        '/api/v1/dialogues/{id}/minutes',
        '/api/v1/dialogues/{id}/questions',
        '/api/v1/dialogues/{id}/questions/{questionId}/support',
        '/api/v1/dialogues/{id}/questions/{questionId}/moderation',
        '/api/v1/dialogues/{id}/questions/{questionId}/answer',
        '/api/v1/dialogues/{id}/floor-questions',
        '/api/v1/dialogues/{id}/commitments',
      ]) {
        assert.ok(paths.includes(path), `${path} is documented`)
      }
    })
  })
}
