/**
 * Every route of /api/v1/feedback through the real application, with each of its 4xx answers:
 * public submission with the captcha, honeypot, rate limit and photos; staff posting for a
 * resident; the queue, an item, actions and similar items; the resident's private-link routes;
 * the public list; and their presence in the OpenAPI document.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import sharp from 'sharp'
import { solveWork } from '../../platform/captcha/captcha.ts'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { SUBMIT_LIMITS } from './feedback.service.ts'

type Json = Record<string, any>

/** A multipart body with text fields and files. */
function multipart(fields: Record<string, string>, files: { name: string; filename: string; type: string; bytes: Buffer }[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----congso-feedback-test'
  const chunks: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  }
  for (const file of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

for (const dialect of testDialects) {
  describe(`/api/v1/feedback on ${dialect.name}`, () => {
    let t: TestApp
    const tokens: Record<string, string> = {}
    let address = 0
    /** A fresh client address, so the per-address limit does not carry over between tests. */
    const nextAddress = () => `10.9.0.${++address}`

    before(async () => {
      t = await buildTestApp(dialect)
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      for (const [username, unit, role] of [
        ['mod.a', 'WARD-A', 'moderator'],
        ['lead.a', 'WARD-A', 'leader'],
        ['spec.a', 'WARD-A', 'specialist'],
        ['desk.a', 'WARD-A', 'desk_officer'],
        ['lead.b', 'WARD-B', 'leader'],
        ['admin.town', 'TOWN', 'admin'],
      ] as const) {
        tokens[username] = (await createTestStaff(deps, username, unit, [role])).token
      }
    })
    after(() => t.close())

    const bearer = (username: string) => ({ authorization: `Bearer ${tokens[username]}` })

    /** A solved captcha from the API, as a public client would send it. */
    async function solvedCaptcha(): Promise<{ captchaToken: string; captchaNonce: string }> {
      const res = await t.app.inject({ url: '/api/v1/feedback/captcha' })
      assert.equal(res.statusCode, 200)
      const challenge = res.json() as Json
      return { captchaToken: challenge.token, captchaNonce: solveWork(challenge.salt, challenge.difficultyBits) }
    }

    const report = (overrides: Json = {}): Json => ({
      unitCode: 'WARD-A',
      category: 'street_vending',
      description: 'Quán nước bày bàn ghế lấn hết vỉa hè đường Trần Phú, người đi bộ phải xuống lòng đường.',
      wantsPublic: true,
      ...overrides,
    })

    /** Submits as staff (no captcha) and returns the answer's body. */
    async function staffSubmit(overrides: Json = {}): Promise<Json> {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', headers: bearer('desk.a'), payload: report(overrides) })
      assert.equal(res.statusCode, 201, res.body)
      return res.json()
    }

    const actOn = (code: string, username: string, payload: Json) => t.app.inject({ method: 'POST', url: `/api/v1/feedback/${code}/actions`, headers: bearer(username), payload })

    it('GET /captcha gives a challenge and GET /categories the categories in the asked language', async () => {
      const challenge = (await t.app.inject({ url: '/api/v1/feedback/captcha' })).json() as Json
      assert.equal(challenge.difficultyBits, 16)
      assert.match(challenge.question, /bằng mấy\?$/)
      const vi = (await t.app.inject({ url: '/api/v1/feedback/categories' })).json() as Json[]
      const en = (await t.app.inject({ url: '/api/v1/feedback/categories', headers: { 'accept-language': 'en' } })).json() as Json[]
      assert.equal(vi.find((c) => c.code === 'waste_collection')?.name, 'Thu gom rác thải sinh hoạt')
      assert.equal(en.find((c) => c.code === 'waste_collection')?.name, 'Household waste collection')
      const infrastructure = vi.find((c) => c.code === 'infrastructure')!
      assert.deepEqual(
        infrastructure.questions[0].values.map((v: Json) => v.key),
        ['road', 'lighting', 'drainage'],
      )
      assert.equal(infrastructure.questions[0].required, true)
    })

    it('POST / takes a resident’s report with the captcha solved (201), with the private link once', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        remoteAddress: nextAddress(),
        payload: { ...report({ contactEmail: 'cu.dan@example.vn', latitude: 10.98, longitude: 106.65 }), ...(await solvedCaptcha()), website: '' },
      })
      assert.equal(res.statusCode, 201, res.body)
      const body = res.json() as Json
      assert.match(body.code, /^PA-260302-\d{4}$/)
      assert.equal(body.privateUrl, `${t.config.baseUrl}/phan-anh/theo-doi/${body.code}?t=${body.token}`)
      assert.equal(body.item.origin, 'portal')
      assert.equal(body.item.status, 'new')
      assert.equal(body.item.latitude, 10.98)
      assert.equal(res.headers['cache-control'], 'no-store')
    })

    it('POST / refuses a missing or reused captcha, a filled honeypot and bad fields (422), and a resident choosing an origin', async () => {
      const ip = nextAddress()
      const missing = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', remoteAddress: ip, payload: report() })
      assert.equal(missing.statusCode, 422)
      assert.deepEqual(missing.json().fields, { captcha: 'Vui lòng trả lời câu hỏi xác minh.' })

      const captcha = await solvedCaptcha()
      const trap = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', remoteAddress: ip, payload: { ...report(), ...captcha, website: 'http://spam.example' } })
      assert.equal(trap.statusCode, 422)
      // Generic: nothing says which field gave it away.
      assert.deepEqual(trap.json().fields, {})

      const fields = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', remoteAddress: ip, payload: { ...report({ description: 'ngắn', contactPhone: 'x' }), ...(await solvedCaptcha()) } })
      assert.equal(fields.statusCode, 422)
      assert.deepEqual(Object.keys(fields.json().fields).sort(), ['contact.phone', 'description'])

      const once = await solvedCaptcha()
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/feedback', remoteAddress: nextAddress(), payload: { ...report(), ...once } })).statusCode, 201)
      const replay = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', remoteAddress: nextAddress(), payload: { ...report(), ...once } })
      assert.equal(replay.statusCode, 422)
      assert.deepEqual(Object.keys(replay.json().fields), ['captcha'])

      const origin = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', remoteAddress: nextAddress(), payload: { ...report({ origin: 'counter' }), ...(await solvedCaptcha()) } })
      assert.equal(origin.statusCode, 422)
      assert.deepEqual(Object.keys(origin.json().fields), ['origin'])

      const unknownField = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', remoteAddress: nextAddress(), payload: { ...report(), surprise: 1 } })
      assert.equal(unknownField.statusCode, 400)
      const badJson = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', remoteAddress: nextAddress(), headers: { 'content-type': 'application/json' }, payload: '{"unitCode":' })
      assert.equal(badJson.statusCode, 400)
    })

    it('POST / refuses the sixth post from one address in ten minutes (429)', async () => {
      const ip = nextAddress()
      for (let i = 0; i < SUBMIT_LIMITS.perWindow; i++) {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', remoteAddress: ip, payload: report() })
        assert.equal(res.statusCode, 422)
      }
      const limited = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', remoteAddress: ip, payload: { ...report(), ...(await solvedCaptcha()) } })
      assert.equal(limited.statusCode, 429)
      assert.ok(Number(limited.headers['retry-after']) > 0)
      const other = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', remoteAddress: nextAddress(), payload: { ...report(), ...(await solvedCaptcha()) } })
      assert.equal(other.statusCode, 201)
    })

    it('POST / takes a multipart form with a photo (location metadata gone) and refuses a renamed non-image and a fourth photo', async () => {
      const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#806040' } })
        .jpeg()
        .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '10/1 58/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '106/1 39/1 0/1' } })
        .toBuffer()
      const fields = { ...Object.fromEntries(Object.entries(report()).map(([k, v]) => [k, String(v)])), ...(await solvedCaptcha()), contactPhone: '0912 345 678' }
      const form = multipart(fields, [{ name: 'photos', filename: 'cho.jpg', type: 'image/jpeg', bytes: jpeg }])
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', remoteAddress: nextAddress(), ...form })
      assert.equal(res.statusCode, 201, res.body)
      const body = res.json() as Json
      assert.equal(body.item.photos.length, 1)
      const photo = body.item.photos[0]
      assert.equal(photo.mime, 'image/jpeg')
      assert.equal(photo.width, 64)
      assert.equal(photo.url, `/phan-anh/anh/${photo.id}/full`)
      assert.equal(photo.thumbUrl, `/phan-anh/anh/${photo.id}/thumb`)
      // The resident's view carries the token in photo links, so they open without signing in.
      const tracked = (await t.app.inject({ url: `/api/v1/feedback/track/${body.code}?t=${body.token}` })).json() as Json
      assert.ok(tracked.photos[0].url.endsWith(`?t=${encodeURIComponent(body.token)}`))
      const stored = await t.database.db.selectFrom('feedback_photos').select('file_key').where('id', '=', photo.id).executeTakeFirstOrThrow()
      const metadata = await sharp(await (await import('node:fs/promises')).readFile(`${t.config.filesDir}/${stored.file_key}`)).metadata()
      assert.equal(metadata.exif, undefined)

      const executable = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 0x90)])
      const renamed = multipart({ ...fields, ...(await solvedCaptcha()) }, [{ name: 'photos', filename: 'anh.jpg', type: 'image/jpeg', bytes: executable }])
      const refused = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', remoteAddress: nextAddress(), ...renamed })
      assert.equal(refused.statusCode, 422)
      assert.ok(Object.keys(refused.json().fields).includes('photos'))

      const four = multipart({ ...fields, ...(await solvedCaptcha()) }, [1, 2, 3, 4].map((i) => ({ name: 'photos', filename: `${i}.jpg`, type: 'image/jpeg', bytes: jpeg })))
      const tooMany = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', remoteAddress: nextAddress(), ...four })
      assert.equal(tooMany.statusCode, 422)
      assert.deepEqual(Object.keys(tooMany.json().fields), ['photos'])
    })

    it('POST / lets staff with a token post for a resident without the captcha, only for their own units', async () => {
      const body = await staffSubmit({ origin: 'counter', originRef: 'Sổ tiếp dân số 12', contactName: 'Bà Năm' })
      assert.equal(body.item.origin, 'counter')
      assert.equal(body.item.originRef, 'Sổ tiếp dân số 12')
      const elsewhere = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', headers: bearer('lead.b'), payload: report() })
      assert.equal(elsewhere.statusCode, 403)
      const badToken = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', headers: { authorization: 'Bearer nonsense' }, payload: report() })
      assert.equal(badToken.statusCode, 401)
    })

    it('GET / lists the queue in scope with counts, and refuses the anonymous (401), the admin (403) and bad filters (400)', async () => {
      const created = await staffSubmit()
      const res = await t.app.inject({ url: '/api/v1/feedback?status=new&pageSize=200', headers: bearer('mod.a') })
      assert.equal(res.statusCode, 200)
      const body = res.json() as Json
      assert.ok(body.items.some((i: Json) => i.code === created.code))
      assert.ok(body.counts.new >= 1)
      assert.equal(res.headers['cache-control'], 'private, no-store')
      const other = (await t.app.inject({ url: '/api/v1/feedback', headers: bearer('lead.b') })).json() as Json
      assert.equal(other.items.some((i: Json) => i.code === created.code), false)
      assert.equal((await t.app.inject({ url: '/api/v1/feedback' })).statusCode, 401)
      assert.equal((await t.app.inject({ url: '/api/v1/feedback', headers: bearer('admin.town') })).statusCode, 403)
      assert.equal((await t.app.inject({ url: '/api/v1/feedback?status=lost', headers: bearer('mod.a') })).statusCode, 400)
      assert.equal((await t.app.inject({ url: '/api/v1/feedback?unit=NOWHERE', headers: bearer('mod.a') })).statusCode, 400)
      assert.equal((await t.app.inject({ url: '/api/v1/feedback?pageSize=0', headers: bearer('mod.a') })).statusCode, 400)
      const register = (await t.app.inject({ url: '/api/v1/feedback?register=true', headers: bearer('lead.a') })).json() as Json
      assert.ok(register.items.every((i: Json) => ['complaint', 'denunciation'].includes(i.kind)))
    })

    it('GET /{code} shows an item to its staff, and 404 to another ward (as for an unknown code) or 401 to the anonymous', async () => {
      const created = await staffSubmit({ contactPhone: '0903 111 222' })
      const res = await t.app.inject({ url: `/api/v1/feedback/${created.code}`, headers: bearer('mod.a') })
      assert.equal(res.statusCode, 200)
      const item = res.json() as Json
      assert.equal(item.contact.phone, '0903 111 222')
      assert.deepEqual(item.allowedActions, ['accept', 'reject', 'mark_duplicate', 'note'])
      assert.equal(item.events[0].action, 'submit')
      const elsewhere = await t.app.inject({ url: `/api/v1/feedback/${created.code}`, headers: bearer('lead.b') })
      const unknown = await t.app.inject({ url: '/api/v1/feedback/PA-991231-0001', headers: bearer('lead.b') })
      assert.equal(elsewhere.statusCode, 404)
      assert.deepEqual(elsewhere.json(), unknown.json())
      assert.equal((await t.app.inject({ url: `/api/v1/feedback/${created.code}` })).statusCode, 401)
    })

    it('POST /{code}/actions moves the item (200), or answers 409, 422, 400, 403 and 404', async () => {
      const created = await staffSubmit({ contactEmail: 'hang.xom@example.vn' })
      const code = created.code as string
      const accepted = await actOn(code, 'mod.a', { action: 'accept' })
      assert.equal(accepted.statusCode, 200)
      assert.equal(accepted.json().status, 'accepted')
      assert.equal((await actOn(code, 'mod.a', { action: 'accept' })).statusCode, 409)
      const missing = await actOn(code, 'mod.a', { action: 'reject' })
      assert.equal(missing.statusCode, 422)
      assert.deepEqual(missing.json().fields, { reason: 'Vui lòng ghi lý do, từ 5 đến 2000 ký tự.' })
      assert.equal((await actOn(code, 'mod.a', { action: 'fly' })).statusCode, 400)
      assert.equal((await actOn(code, 'lead.b', { action: 'reject', reason: 'Không thuộc phường.' })).statusCode, 404)
      const assigned = await actOn(code, 'lead.a', { action: 'assign', assigneeUsername: 'spec.a', dueAt: '2026-03-13T17:00:00+07:00' })
      assert.equal(assigned.statusCode, 200)
      assert.equal(assigned.json().dueAt, '2026-03-13T17:00:00+07:00')
      // The specialist answers but does not triage.
      assert.equal((await actOn(code, 'spec.a', { action: 'mark_duplicate', duplicateOf: code })).statusCode, 403)
      const answered = await actOn(code, 'spec.a', { action: 'answer', text: 'Đã nhắc nhở chủ quán dọn bàn ghế khỏi vỉa hè.' })
      assert.equal(answered.statusCode, 200)
      assert.equal(answered.json().publicAnswer, 'Đã nhắc nhở chủ quán dọn bàn ghế khỏi vỉa hè.')
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/feedback/${code}/actions`, payload: { action: 'close' } })).statusCode, 401)
    })

    it('GET /{code}/similar suggests open look-alikes, 404 outside the scope', async () => {
      const first = await staffSubmit({ description: 'Chợ tạm họp trên lòng đường Lê Lợi mỗi sáng, xe cộ không đi qua được.' })
      const second = await staffSubmit({ description: 'Cho tam hop tren long duong Le Loi moi sang, xe khong qua duoc.' })
      const res = await t.app.inject({ url: `/api/v1/feedback/${second.code}/similar`, headers: bearer('mod.a') })
      assert.equal(res.statusCode, 200)
      const similar = res.json() as Json[]
      assert.equal(similar[0]?.code, first.code)
      assert.ok(similar[0]!.score > 0.2)
      assert.equal((await t.app.inject({ url: `/api/v1/feedback/${second.code}/similar`, headers: bearer('lead.b') })).statusCode, 404)
    })

    it('the resident follows, rates and reopens with the token; a wrong token is the same 404 as an unknown code', async () => {
      const created = await staffSubmit({ contactPhone: '0933 444 555' })
      const code = created.code as string
      const token = created.token as string
      const follow = await t.app.inject({ url: `/api/v1/feedback/track/${code}?t=${token}` })
      assert.equal(follow.statusCode, 200)
      assert.equal(follow.json().contact.phone, '********55')
      assert.equal(follow.headers['cache-control'], 'private, no-store')
      const wrong = await t.app.inject({ url: `/api/v1/feedback/track/${code}?t=${'A'.repeat(43)}` })
      const unknown = await t.app.inject({ url: `/api/v1/feedback/track/PA-991231-0001?t=${token}` })
      const none = await t.app.inject({ url: `/api/v1/feedback/track/${code}` })
      assert.equal(wrong.statusCode, 404)
      assert.deepEqual(wrong.json(), unknown.json())
      assert.deepEqual(none.json(), unknown.json())

      const early = await t.app.inject({ method: 'POST', url: `/api/v1/feedback/track/${code}/rating`, payload: { t: token, rating: 4 } })
      assert.equal(early.statusCode, 409)
      await actOn(code, 'mod.a', { action: 'accept' })
      await actOn(code, 'mod.a', { action: 'assign', assigneeUsername: 'spec.a' })
      await actOn(code, 'spec.a', { action: 'answer', text: 'Tổ trật tự đã làm việc với các hộ kinh doanh.' })
      const badRating = await t.app.inject({ method: 'POST', url: `/api/v1/feedback/track/${code}/rating`, payload: { t: token, rating: 9 } })
      assert.equal(badRating.statusCode, 422)
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/feedback/track/${code}/rating`, payload: { t: token, rating: 'good' } })).statusCode, 400)
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/feedback/track/${code}/rating`, payload: { t: 'A'.repeat(43), rating: 1 } })).statusCode, 404)
      const rated = await t.app.inject({ method: 'POST', url: `/api/v1/feedback/track/${code}/rating`, payload: { t: token, rating: 2, comment: 'Vẫn còn lấn chiếm.' } })
      assert.equal(rated.statusCode, 200)
      assert.equal(rated.json().canReopen, true)
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/feedback/track/${code}/reopen`, payload: { t: token, reason: 'ngắn' } })).statusCode, 422)
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/feedback/track/${code}/reopen`, payload: { t: 'B'.repeat(43), reason: 'Vẫn còn lấn chiếm vỉa hè.' } })).statusCode, 404)
      const reopened = await t.app.inject({ method: 'POST', url: `/api/v1/feedback/track/${code}/reopen`, payload: { t: token, reason: 'Vẫn còn lấn chiếm vỉa hè.' } })
      assert.equal(reopened.statusCode, 200)
      assert.equal(reopened.json().status, 'assigned')
      const again = await t.app.inject({ method: 'POST', url: `/api/v1/feedback/track/${code}/reopen`, payload: { t: token, reason: 'Vẫn còn lấn chiếm vỉa hè.' } })
      assert.equal(again.statusCode, 409)
    })

    it('GET /public lists published items without personal data; GET /public/{code} shows a public item, 404 a private one', async () => {
      const created = await staffSubmit({ category: 'waste_collection', contactName: 'Nguyễn Bí Mật', contactPhone: '0944 555 666' })
      const code = created.code as string
      const hidden = await staffSubmit({ wantsPublic: false })
      for (const c of [code, hidden.code]) {
        await actOn(c, 'mod.a', { action: 'accept' })
        await actOn(c, 'mod.a', { action: 'assign', unitCode: 'WARD-A' })
        await actOn(c, 'mod.a', { action: 'answer', text: 'Xe thu gom đã đến, điểm rác được dọn sạch.' })
      }
      assert.equal((await actOn(code, 'mod.a', { action: 'publish' })).statusCode, 200)
      assert.equal((await actOn(hidden.code, 'mod.a', { action: 'publish' })).statusCode, 409)
      const list = await t.app.inject({ url: '/api/v1/feedback/public?unit=TOWN&category=waste_collection' })
      assert.equal(list.statusCode, 200)
      const body = list.json() as Json
      assert.deepEqual(
        body.items.map((i: Json) => i.code),
        [code],
      )
      assert.equal(body.items[0].publicAnswer, 'Xe thu gom đã đến, điểm rác được dọn sạch.')
      assert.ok(!list.body.includes('0944 555 666') && !list.body.includes('Nguyễn Bí Mật'))
      assert.equal((await t.app.inject({ url: '/api/v1/feedback/public?unit=NOWHERE' })).statusCode, 400)
      assert.equal((await t.app.inject({ url: '/api/v1/feedback/public?page=0' })).statusCode, 400)
      const one = await t.app.inject({ url: `/api/v1/feedback/public/${code}` })
      assert.equal(one.statusCode, 200)
      assert.ok(!one.body.includes('0944 555 666'))
      assert.equal((await t.app.inject({ url: `/api/v1/feedback/public/${hidden.code}` })).statusCode, 404)
    })

    it('documents every route in /api/v1/openapi.json', async () => {
      const paths = Object.keys(((await t.app.inject({ url: '/api/v1/openapi.json' })).json() as Json).paths)
      for (const path of [
        '/api/v1/feedback',
        '/api/v1/feedback/captcha',
        '/api/v1/feedback/categories',
        '/api/v1/feedback/public',
        '/api/v1/feedback/public/{code}',
        '/api/v1/feedback/track/{code}',
        '/api/v1/feedback/track/{code}/rating',
        '/api/v1/feedback/track/{code}/reopen',
        '/api/v1/feedback/{code}',
        '/api/v1/feedback/{code}/actions',
        '/api/v1/feedback/{code}/similar',
      ]) {
        assert.ok(paths.includes(path), path)
      }
    })
  })
}
