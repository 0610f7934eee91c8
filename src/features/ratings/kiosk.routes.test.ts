/**
 * Route tests of the desk kiosks through app.inject, on SQLite and, when TEST_DATABASE_URL is set,
 * on PostgreSQL: the administration API and pages scoped by unit and audited, the tablet's key,
 * idempotent resends, the too-fast rule, the official recorded, and the summary the ratings feed.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { Browser } from '../../../test/support/browser.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { toDate } from '../../db/portable.ts'
import { sha256 } from '../../platform/auth/tokens.ts'

const nowIso = '2026-03-02T02:00:00Z'

for (const dialect of testDialects) {
  describe(`desk kiosks on ${dialect.name}`, () => {
    let t: TestApp
    const token: Record<string, string> = {}
    const staffId: Record<string, number> = {}
    let keyA = ''

    before(async () => {
      t = await buildTestApp(dialect, { now: nowIso })
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      for (const [name, unit, roles] of [
        ['admin.town', 'TOWN', ['admin']],
        ['lead.a', 'WARD-A', ['leader']],
        ['lead.b', 'WARD-B', ['leader']],
        ['desk.a', 'WARD-A', ['desk_officer']],
        ['desk.a2', 'WARD-A', ['desk_officer']],
        ['desk.b', 'WARD-B', ['desk_officer']],
      ] as const) {
        const made = await createTestStaff(deps, name, unit, [...roles])
        token[name] = made.token
        staffId[name] = made.id
      }
    })
    after(() => t.close())

    const api = (method: 'GET' | 'POST' | 'PUT', url: string, as: string | null, payload?: object) =>
      t.app.inject({ method, url, headers: as ? { authorization: `Bearer ${token[as]}` } : {}, ...(payload ? { payload } : {}) })
    const send = (ratings: { clientId: string; rating: string; ratedAt?: string }[], options: { key?: string | null; code?: string; sentAt?: string } = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/kiosk/ratings',
        payload: { kioskCode: options.code ?? 'A-Q1', ...(options.key === null ? {} : { key: options.key ?? keyA }), ...(options.sentAt ? { sentAt: options.sentAt } : {}), ratings },
      })
    const secondsFromNow = (s: number) => new Date(t.clock.now().getTime() + s * 1000).toISOString()
    const storedRatings = () => t.database.db.selectFrom('kiosk_ratings').selectAll().orderBy('id').execute()
    const auditOf = (action: string) => t.database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'kiosk').where('action', '=', action).execute()

    it('lets a ward leader add a kiosk for their ward and answers with its key once, storing only its hash', async () => {
      const res = await api('POST', '/api/v1/kiosks', 'lead.a', { code: 'A-Q1', name: 'Quầy 1 – Tiếp nhận hồ sơ', unitCode: 'WARD-A', officialUsername: 'desk.a' })
      assert.equal(res.statusCode, 201, res.body)
      const body = res.json()
      keyA = body.key
      assert.match(keyA, /^csk_[A-Za-z0-9_-]{43}$/)
      assert.equal(body.setupUrl, `${t.config.baseUrl}/kiosk/A-Q1?key=${keyA}`)
      assert.equal(body.kiosk.official.username, 'desk.a')
      const row = await t.database.db.selectFrom('kiosks').selectAll().where('code', '=', 'A-Q1').executeTakeFirstOrThrow()
      assert.equal(row.key_hash, sha256(keyA))
      const again = await api('GET', '/api/v1/kiosks/A-Q1', 'lead.a')
      assert.equal(again.statusCode, 200)
      assert.ok(!again.body.includes(keyA) && !again.body.includes(row.key_hash), 'the key is never shown again')
      const [audit] = await auditOf('create')
      assert.equal(audit?.actor_label, 'lead.a')
      assert.ok(!(audit?.after_json ?? '').includes(keyA), 'the audit log does not keep the key')
    })

    it('keeps ward A kiosks out of the reach of ward B leaders and of desk officers on the API', async () => {
      assert.equal((await api('POST', '/api/v1/kiosks', 'lead.b', { code: 'B-Q1', name: 'Quầy 1', unitCode: 'WARD-B' })).statusCode, 201)
      const listB = (await api('GET', '/api/v1/kiosks', 'lead.b')).json()
      assert.deepEqual(
        listB.map((k: { code: string }) => k.code),
        ['B-Q1'],
      )
      const listAdmin = (await api('GET', '/api/v1/kiosks', 'admin.town')).json()
      assert.deepEqual(listAdmin.map((k: { code: string }) => k.code).sort(), ['A-Q1', 'B-Q1'], 'the town administrator reaches both wards')
      assert.equal((await api('GET', '/api/v1/kiosks/A-Q1', 'lead.b')).statusCode, 403)
      assert.equal((await api('GET', '/api/v1/kiosks?unit=WARD-A', 'lead.b')).statusCode, 403)
      assert.equal((await api('PUT', '/api/v1/kiosks/A-Q1/official', 'lead.b', { officialUsername: 'desk.b' })).statusCode, 403)
      assert.equal((await api('POST', '/api/v1/kiosks/A-Q1/key', 'lead.b')).statusCode, 403)
      assert.equal((await api('POST', '/api/v1/kiosks/A-Q1/deactivate', 'lead.b')).statusCode, 403)
      assert.equal((await api('POST', '/api/v1/kiosks', 'lead.b', { code: 'A-Q9', name: 'Quầy 9', unitCode: 'WARD-A' })).statusCode, 403)
      assert.equal((await api('GET', '/api/v1/kiosks', 'desk.a')).statusCode, 403)
      assert.equal((await api('POST', '/api/v1/kiosks', 'desk.a', { code: 'A-Q8', name: 'Quầy 8', unitCode: 'WARD-A' })).statusCode, 403)
      assert.equal((await api('GET', '/api/v1/kiosks', null)).statusCode, 401)
      assert.equal((await api('GET', '/api/v1/kiosks/NO-SUCH', 'lead.a')).statusCode, 404)
      const row = await t.database.db.selectFrom('kiosks').select('official_id').where('code', '=', 'A-Q1').executeTakeFirstOrThrow()
      assert.equal(Number(row.official_id), staffId['desk.a'], 'nothing changed')
    })

    it('refuses a malformed or taken code, an unknown unit, and an official from another unit', async () => {
      const bad = await api('POST', '/api/v1/kiosks', 'lead.a', { code: 'quầy 2', name: '', unitCode: 'NOPE' })
      assert.equal(bad.statusCode, 422)
      assert.deepEqual(Object.keys(bad.json().fields).sort(), ['code', 'name', 'unitCode'])
      const taken = await api('POST', '/api/v1/kiosks', 'lead.a', { code: 'A-Q1', name: 'Quầy khác', unitCode: 'WARD-A' })
      assert.equal(taken.statusCode, 409)
      assert.ok('code' in taken.json().fields)
      const outsider = await api('PUT', '/api/v1/kiosks/A-Q1/official', 'lead.a', { officialUsername: 'desk.b' })
      assert.equal(outsider.statusCode, 422)
      assert.ok('officialUsername' in outsider.json().fields)
    })

    it('describes its routes in the OpenAPI document', async () => {
      const paths = Object.keys((await t.app.inject('/api/v1/openapi.json')).json().paths)
      for (const path of ['/api/v1/kiosks', '/api/v1/kiosks/{code}', '/api/v1/kiosks/{code}/official', '/api/v1/kiosks/{code}/key', '/api/v1/kiosks/settings', '/api/v1/kiosk/ratings']) {
        assert.ok(paths.includes(path), path)
      }
    })

    it('requires the kiosk key: 401 without it, 403 with a wrong one, 404 for an unknown kiosk', async () => {
      const rating = [{ clientId: randomUUID(), rating: 'satisfied', ratedAt: secondsFromNow(0) }]
      const missing = await send(rating, { key: null })
      assert.equal(missing.statusCode, 401)
      assert.deepEqual(Object.keys(missing.json()).sort(), ['error', 'fields', 'message'])
      assert.equal((await send(rating, { key: '' })).statusCode, 401)
      assert.equal((await send(rating, { key: `${keyA}x` })).statusCode, 403)
      assert.equal((await send(rating, { code: 'NO-SUCH' })).statusCode, 404)
      assert.equal((await storedRatings()).length, 0)
    })

    it('stores a resent rating once and acknowledges it every time, also twice in one batch', async () => {
      const clientId = randomUUID()
      const rating = { clientId, rating: 'very_satisfied', ratedAt: secondsFromNow(-60) }
      const first = await send([rating])
      assert.equal(first.statusCode, 200, first.body)
      assert.deepEqual(first.json().stored, [clientId])
      // The answer was lost on the way: the tablet sends the same rating again, with a new one.
      const newer = { clientId: randomUUID(), rating: 'satisfied', ratedAt: secondsFromNow(-30) }
      const second = await send([rating, newer, newer])
      assert.equal(second.statusCode, 200, second.body)
      assert.deepEqual(second.json().stored.sort(), [clientId, newer.clientId].sort())
      assert.deepEqual(second.json().rejected, [])
      const rows = await storedRatings()
      assert.equal(rows.length, 2)
      assert.equal(rows.filter((r) => r.client_id === clientId).length, 1)
      assert.equal(toDate(rows[0]!.rated_at).toISOString(), new Date(rating.ratedAt).toISOString(), 'the tablet time is kept')
    })

    it('records the official serving when the ratings arrive, even for ratings made before a change', async () => {
      const before = await storedRatings()
      assert.ok(before.every((r) => Number(r.official_id) === staffId['desk.a']))
      const changed = await api('PUT', '/api/v1/kiosks/A-Q1/official', 'lead.a', { officialUsername: 'desk.a2' })
      assert.equal(changed.statusCode, 200, changed.body)
      assert.equal((await auditOf('set_official')).length, 1)
      const asked = (await send([])).json() as { stored: string[]; rejected: unknown[]; kiosk: { official: { fullName: string } } }
      assert.deepEqual([asked.stored, asked.rejected, asked.kiosk.official.fullName], [[], [], 'Cán bộ desk.a2'], 'an empty batch asks who serves now')
      assert.equal((await send([], { key: 'csk_wrong' })).statusCode, 403)
      const res = await send([{ clientId: randomUUID(), rating: 'not_satisfied', ratedAt: secondsFromNow(-10) }])
      assert.equal(res.json().kiosk.official.fullName, 'Cán bộ desk.a2', 'the answer tells the tablet who serves now')
      const last = (await storedRatings()).at(-1)!
      assert.equal(Number(last.official_id), staffId['desk.a2'])
      const unitA = await t.database.db.selectFrom('units').select('id').where('code', '=', 'WARD-A').executeTakeFirstOrThrow()
      assert.equal(Number(last.unit_id), Number(unitA.id))
    })

    it('rejects a rating closer than the interval to another one as too fast, so the tablet drops it', async () => {
      t.clock.set('2026-03-02T03:00:00Z')
      const first = { clientId: randomUUID(), rating: 'satisfied', ratedAt: secondsFromNow(0) }
      const tooSoon = { clientId: randomUUID(), rating: 'satisfied', ratedAt: secondsFromNow(2) }
      const between = { clientId: randomUUID(), rating: 'satisfied', ratedAt: secondsFromNow(-3) }
      const later = { clientId: randomUUID(), rating: 'not_satisfied', ratedAt: secondsFromNow(5) }
      t.clock.set('2026-03-02T03:01:00Z')
      const res = await send([tooSoon, first, later])
      assert.equal(res.statusCode, 200, res.body)
      assert.deepEqual(res.json().stored.sort(), [first.clientId, later.clientId].sort())
      assert.deepEqual(res.json().rejected, [{ clientId: tooSoon.clientId, reason: 'too_fast' }])
      // Queued offline, it arrives late and falls just before a stored rating.
      assert.deepEqual((await send([between])).json().rejected, [{ clientId: between.clientId, reason: 'too_fast' }])
      const count = (await storedRatings()).filter((r) => [first, tooSoon, between, later].some((x) => x.clientId === r.client_id)).length
      assert.equal(count, 2)
    })

    it('follows the interval setting, which only an administrator of the home unit changes', async () => {
      assert.deepEqual((await api('GET', '/api/v1/kiosks/settings', 'lead.a')).json(), { minIntervalSeconds: 5 })
      assert.equal((await api('PUT', '/api/v1/kiosks/settings', 'lead.a', { minIntervalSeconds: 1 })).statusCode, 403)
      assert.equal((await api('PUT', '/api/v1/kiosks/settings', 'admin.town', { minIntervalSeconds: 0 })).statusCode, 400)
      const set = await api('PUT', '/api/v1/kiosks/settings', 'admin.town', { minIntervalSeconds: 1 })
      assert.equal(set.statusCode, 200, set.body)
      t.clock.set('2026-03-02T04:00:00Z')
      const a = { clientId: randomUUID(), rating: 'satisfied', ratedAt: secondsFromNow(-3) }
      const b = { clientId: randomUUID(), rating: 'satisfied', ratedAt: secondsFromNow(-2) }
      const res = await send([a, b])
      assert.deepEqual(res.json().stored.sort(), [a.clientId, b.clientId].sort())
      assert.equal(res.json().kiosk.minIntervalSeconds, 1)
      const audited = await t.database.db.selectFrom('audit_log').select('after_json').where('entity', '=', 'setting').where('entity_id', '=', 'setting:kiosk').execute()
      assert.equal(audited.length, 1)
      assert.equal((await api('PUT', '/api/v1/kiosks/settings', 'admin.town', { minIntervalSeconds: 5 })).statusCode, 200)
    })

    it('keeps the tablet time within bounds, corrects a wrong tablet clock, and otherwise uses the server time', async () => {
      t.clock.set('2026-03-02T05:00:00Z')
      const ahead = { clientId: randomUUID(), rating: 'satisfied', ratedAt: secondsFromNow(3600) }
      const old = { clientId: randomUUID(), rating: 'satisfied', ratedAt: secondsFromNow(-8 * 86_400) }
      assert.deepEqual((await send([ahead])).json().stored, [ahead.clientId])
      t.clock.advance(10_000)
      assert.deepEqual((await send([old])).json().stored, [old.clientId])
      const rows = await storedRatings()
      const stored = (id: string) => toDate(rows.find((r) => r.client_id === id)!.rated_at).toISOString()
      assert.equal(stored(ahead.clientId), '2026-03-02T05:00:00.000Z')
      assert.equal(stored(old.clientId), '2026-03-02T05:00:10.000Z')
      // A tablet whose clock is an hour behind: its rating made 30 s before sending lands 30 s before now.
      t.clock.set('2026-03-02T06:00:00Z')
      const behind = { clientId: randomUUID(), rating: 'very_satisfied', ratedAt: '2026-03-02T04:59:30.000Z' }
      const res = await send([behind], { sentAt: '2026-03-02T05:00:00.000Z' })
      assert.deepEqual(res.json().stored, [behind.clientId])
      const row = (await storedRatings()).find((r) => r.client_id === behind.clientId)!
      assert.equal(toDate(row.rated_at).toISOString(), '2026-03-02T05:59:30.000Z')
    })

    it('feeds the ratings summary per official and unit', async () => {
      const res = await api('GET', '/api/v1/ratings/summary?unit=WARD-A&from=2026-03-01&to=2026-03-31', 'lead.a')
      assert.equal(res.statusCode, 200, res.body)
      const body = res.json()
      const all = await storedRatings()
      const official = (username: string) => body.officials.find((o: { key: string }) => o.key === username)
      assert.equal(official('desk.a').kioskRatings, all.filter((r) => Number(r.official_id) === staffId['desk.a']).length)
      assert.equal(official('desk.a2').kioskRatings, all.filter((r) => Number(r.official_id) === staffId['desk.a2']).length)
      assert.equal(body.units.find((u: { key: string }) => u.key === 'WARD-A').kioskRatings, all.length)
      assert.equal(body.total.kioskRatings, all.length)
    })

    it('refuses ratings at a paused kiosk with 409 and takes them again once it is resumed; all audited', async () => {
      assert.equal((await api('POST', '/api/v1/kiosks/A-Q1/deactivate', 'lead.a')).json().isActive, false)
      t.clock.set('2026-03-02T07:00:00Z')
      const rating = { clientId: randomUUID(), rating: 'satisfied', ratedAt: secondsFromNow(0) }
      assert.equal((await send([rating])).statusCode, 409)
      assert.equal((await api('POST', '/api/v1/kiosks/A-Q1/activate', 'lead.a')).json().isActive, true)
      assert.deepEqual((await send([rating])).json().stored, [rating.clientId])
      assert.equal((await auditOf('deactivate')).length, 1)
      assert.equal((await auditOf('activate')).length, 1)
    })

    it('gives the kiosk a new key, after which the old one no longer works', async () => {
      const res = await api('POST', '/api/v1/kiosks/A-Q1/key', 'lead.a')
      assert.equal(res.statusCode, 200)
      const newKey = res.json().key
      assert.notEqual(newKey, keyA)
      const rating = [{ clientId: randomUUID(), rating: 'satisfied', ratedAt: secondsFromNow(30) }]
      assert.equal((await send(rating)).statusCode, 403)
      keyA = newKey
      assert.equal((await send(rating)).statusCode, 200)
      assert.equal((await auditOf('regenerate_key')).length, 1)
    })

    describe('pages', () => {
      it('sends a visitor to sign in, and gives a desk officer and another ward’s leader the 403 page', async () => {
        const anonymous = new Browser(t)
        const res = await anonymous.get('/admin/quay-danh-gia')
        assert.equal(res.statusCode, 303)
        assert.equal(res.headers.location, '/sign-in?next=%2Fadmin%2Fquay-danh-gia')
        const desk = new Browser(t)
        await desk.signIn('desk.a')
        assert.equal((await desk.get('/admin/quay-danh-gia')).statusCode, 403)
        const leaderB = new Browser(t)
        await leaderB.signIn('lead.b')
        const list = await leaderB.get('/admin/quay-danh-gia')
        assert.equal(list.statusCode, 200)
        assert.ok(list.body.includes('B-Q1') && !list.body.includes('A-Q1'), 'ward B sees only its own kiosk')
        assert.equal((await leaderB.get('/admin/quay-danh-gia/A-Q1')).statusCode, 403)
        assert.equal((await leaderB.post('/admin/quay-danh-gia/A-Q1/khoa-moi', {})).statusCode, 403)
        assert.equal((await leaderB.post('/admin/quay-danh-gia/A-Q1/can-bo', { officialUsername: 'desk.b' })).statusCode, 403)
        assert.equal((await leaderB.post('/admin/quay-danh-gia/A-Q1/tam-ngung', {})).statusCode, 403)
        const created = await leaderB.post('/admin/quay-danh-gia', { code: 'A-Q7', name: 'Quầy 7', unitCode: 'WARD-A' })
        assert.equal(created.statusCode, 403)
      })

      it('adds a kiosk through the form, shows its set-up link once, and names the official through the form', async () => {
        const leader = new Browser(t)
        await leader.signIn('lead.a')
        const form = await leader.get('/admin/quay-danh-gia/moi')
        assert.equal(form.statusCode, 200)
        assert.match(form.body, /<option value="WARD-A" selected>/, 'the one unit the leader manages is chosen already')
        const invalid = await leader.post('/admin/quay-danh-gia', { code: 'moi', name: '', unitCode: 'WARD-A' })
        assert.equal(invalid.statusCode, 422)
        assert.match(invalid.body, /class="error-summary"/)
        assert.match(invalid.body, /href="#f-code"/)
        const created = await leader.post('/admin/quay-danh-gia', { code: 'A-Q2', name: 'Quầy 2', unitCode: 'WARD-A' })
        assert.equal(created.statusCode, 303)
        assert.equal(created.headers.location, '/admin/quay-danh-gia/A-Q2')
        const page = await leader.get('/admin/quay-danh-gia/A-Q2')
        assert.equal(page.headers['cache-control'], 'no-store')
        const link = /<code class="secret-value kiosk-setup-link">([^<]+)<\/code>/.exec(page.body)?.[1] ?? ''
        assert.match(link, /\/kiosk\/A-Q2\?key=csk_/)
        const key = new URL(link.replace(/&amp;/g, '&')).searchParams.get('key')!
        const row = await t.database.db.selectFrom('kiosks').select('key_hash').where('code', '=', 'A-Q2').executeTakeFirstOrThrow()
        assert.equal(row.key_hash, sha256(key))
        assert.match(page.body, /<div class="kiosk-setup-qr" role="img" aria-label="[^"]+"><svg width="200" height="200"/, 'a QR code to scan with the tablet')
        assert.ok(!(await leader.get('/admin/quay-danh-gia/A-Q2')).body.includes(key), 'the link shows only once')
        assert.match(page.body, /<option value="desk.a2">/)
        assert.ok(!page.body.includes('value="desk.b"'), 'only the unit’s own staff are offered')
        const wrong = await leader.post('/admin/quay-danh-gia/A-Q2/can-bo', { officialUsername: 'desk.b' })
        assert.equal(wrong.statusCode, 422)
        const set = await leader.post('/admin/quay-danh-gia/A-Q2/can-bo', { officialUsername: 'desk.a2' })
        assert.equal(set.statusCode, 303)
        const kiosk = await api('GET', '/api/v1/kiosks/A-Q2', 'lead.a')
        assert.equal(kiosk.json().official.username, 'desk.a2')
        const list = await leader.get('/admin/quay-danh-gia')
        assert.ok(list.body.includes('A-Q1') && list.body.includes('A-Q2') && !list.body.includes('B-Q1'))
        assert.ok(!list.body.includes('name="minIntervalSeconds"'), 'a ward leader does not change the deployment setting')
      })

      it('lets the home unit’s administrator change the interval through the form', async () => {
        const admin = new Browser(t)
        await admin.signIn('admin.town')
        const list = await admin.get('/admin/quay-danh-gia')
        assert.ok(list.body.includes('name="minIntervalSeconds"'))
        assert.equal((await admin.post('/admin/quay-danh-gia/cai-dat', { minIntervalSeconds: 'abc' })).statusCode, 422)
        assert.equal((await admin.post('/admin/quay-danh-gia/cai-dat', { minIntervalSeconds: '3' })).statusCode, 303)
        assert.deepEqual((await api('GET', '/api/v1/kiosks/settings', 'admin.town')).json(), { minIntervalSeconds: 3 })
        assert.equal((await admin.post('/admin/quay-danh-gia/cai-dat', { minIntervalSeconds: '5' })).statusCode, 303)
      })

      it('shows the kiosk screen with the unit, the official and three choices, without inline script or style', async () => {
        const res = await t.app.inject({ url: '/kiosk/A-Q1' })
        assert.equal(res.statusCode, 200)
        assert.match(res.body, /Ủy ban nhân dân phường An/)
        assert.match(res.body, /Cán bộ desk\.a2/)
        assert.equal([...res.body.matchAll(/<button class="kiosk-choice [^"]+" type="submit" name="rating" value="(\w+)"/g)].map((m) => m[1]).join(), 'very_satisfied,satisfied,not_satisfied')
        assert.match(res.body, /Rất hài lòng/)
        assert.match(res.body, /Không hài lòng/)
        assert.doesNotMatch(res.body, /<script(?![^>]*\bsrc=)/, 'no inline script')
        assert.doesNotMatch(res.body, /\sstyle=/, 'no inline style')
        assert.match(res.body, /id="kiosk-no-key"(?![^>]*hidden)/, 'without a key the page says so until the script finds one')
        assert.match(res.headers['content-security-policy'] as string, /script-src 'self'/)
        assert.equal((await t.app.inject({ url: `/kiosk/A-Q1?key=${keyA}x` })).statusCode, 403)
        assert.equal((await t.app.inject({ url: '/kiosk/NO-SUCH' })).statusCode, 404)
        const withKey = await t.app.inject({ url: `/kiosk/A-Q1?key=${keyA}`, headers: { 'accept-language': 'en' } })
        assert.equal(withKey.headers['cache-control'], 'no-store')
        assert.match(withKey.body, new RegExp(`name="key" id="kiosk-key" value="${keyA}"`))
        const english = await t.app.inject({ url: '/kiosk/A-Q1', cookies: { congso_lang: 'en' } })
        assert.match(english.body, /Are you satisfied with how the official served you\?/)
        const worker = await t.app.inject({ url: '/kiosk-sw.js' })
        assert.equal(worker.statusCode, 200)
        assert.match(worker.headers['content-type'] as string, /^text\/javascript/)
      })

      it('takes a rating from the plain form, once per form even when posted twice, and says so when too fast', async () => {
        t.clock.set('2026-03-02T08:00:00Z')
        const clientId = randomUUID()
        const post = (id: string) =>
          t.app.inject({ method: 'POST', url: '/kiosk/A-Q1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ key: keyA, rating: 'very_satisfied', clientId: id }).toString() })
        const thanks = await post(clientId)
        assert.equal(thanks.statusCode, 200, thanks.body)
        assert.match(thanks.body, /Cảm ơn Ông\/Bà đã đánh giá!/)
        assert.match(thanks.body, new RegExp(`<meta http-equiv="refresh" content="5;url=/kiosk/A-Q1\\?key=${keyA}"/>`))
        assert.equal((await post(clientId)).statusCode, 200, 'a reload of the same form is answered the same')
        assert.equal((await storedRatings()).filter((r) => r.client_id === clientId).length, 1)
        const tooFast = await post(randomUUID())
        assert.equal(tooFast.statusCode, 429)
        assert.match(tooFast.body, /Vui lòng chờ giây lát/)
        const noKey = await t.app.inject({ method: 'POST', url: '/kiosk/A-Q1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'rating=satisfied' })
        assert.equal(noKey.statusCode, 401)
      })
    })
  })
}
