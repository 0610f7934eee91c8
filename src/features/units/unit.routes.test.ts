import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree, TEST_PASSWORD } from '../../../test/support/factories.ts'
import { verifyAuditLog } from '../../platform/audit/audit.ts'

for (const dialect of testDialects) {
  describe(`units API on ${dialect.name}`, () => {
    let t: TestApp
    let townAdmin: string
    let wardAAdmin: string
    let wardADesk: string
    before(async () => {
      t = await buildTestApp(dialect)
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      townAdmin = (await createTestStaff(deps, 'admin.town', 'TOWN', ['admin'])).token
      wardAAdmin = (await createTestStaff(deps, 'admin.a', 'WARD-A', ['admin'])).token
      wardADesk = (await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])).token
      await createTestStaff(deps, 'desk.b', 'WARD-B', ['desk_officer'])
    })
    after(() => t.close())

    const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

    it('answers /healthz with the dialect', async () => {
      const res = await t.app.inject('/healthz')
      assert.equal(res.statusCode, 200)
      assert.deepEqual(res.json(), { status: 'ok', database: dialect.name })
    })

    it('lists every unit publicly as {code, name, level, parentCode}', async () => {
      const res = await t.app.inject('/api/v1/units')
      assert.equal(res.statusCode, 200)
      assert.deepEqual(res.json(), [
        { code: 'TOWN', name: 'Thị xã Thử Nghiệm', level: 'town', parentCode: null },
        { code: 'WARD-A', name: 'Phường An', level: 'ward', parentCode: 'TOWN' },
        { code: 'WARD-B', name: 'Phường Bình', level: 'ward', parentCode: 'TOWN' },
      ])
    })

    it('serves the OpenAPI document with every API route', async () => {
      const res = await t.app.inject('/api/v1/openapi.json')
      assert.equal(res.statusCode, 200)
      const paths = Object.keys(res.json().paths)
      for (const path of ['/api/v1/units', '/api/v1/staff', '/api/v1/staff/{id}/grants']) assert.ok(paths.includes(path), path)
      const docs = await t.app.inject('/api/docs/')
      assert.equal(docs.statusCode, 200)
    })

    it('answers 401 without credentials and with a bad token', async () => {
      const none = await t.app.inject('/api/v1/staff')
      assert.equal(none.statusCode, 401)
      assert.equal(none.json().error, 'unauthorized')
      const bad = await t.app.inject({ url: '/api/v1/staff', headers: bearer('cst_nope') })
      assert.equal(bad.statusCode, 401)
    })

    it('answers 403 when the role is missing', async () => {
      const res = await t.app.inject({ url: '/api/v1/staff', headers: bearer(wardADesk) })
      assert.equal(res.statusCode, 403)
      assert.deepEqual(Object.keys(res.json()).sort(), ['error', 'fields', 'message'])
    })

    it('scopes an admin of ward A to ward A', async () => {
      const res = await t.app.inject({ url: '/api/v1/staff', headers: bearer(wardAAdmin) })
      assert.equal(res.statusCode, 200)
      const usernames = res.json().map((s: { username: string }) => s.username).sort()
      assert.deepEqual(usernames, ['admin.a', 'desk.a'])
      const all = await t.app.inject({ url: '/api/v1/staff', headers: bearer(townAdmin) })
      assert.equal(all.json().length, 4)
    })

    it('refuses a ward A admin changing ward B staff with 403', async () => {
      const staff = (await t.app.inject({ url: '/api/v1/staff', headers: bearer(townAdmin) })).json()
      const deskB = staff.find((s: { username: string }) => s.username === 'desk.b')
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/staff/${deskB.id}/disable`, headers: bearer(wardAAdmin) })
      assert.equal(res.statusCode, 403)
      const grant = await t.app.inject({
        method: 'POST',
        url: `/api/v1/staff/${deskB.id}/grants`,
        headers: bearer(wardAAdmin),
        payload: { role: 'admin', unitCode: 'WARD-B' },
      })
      assert.equal(grant.statusCode, 403)
    })

    it('answers 400 to malformed JSON and to a body that breaks the schema', async () => {
      const malformed = await t.app.inject({
        method: 'POST',
        url: '/api/v1/staff',
        headers: { ...bearer(townAdmin), 'content-type': 'application/json' },
        payload: '{"username": ',
      })
      assert.equal(malformed.statusCode, 400)
      assert.equal(malformed.json().error, 'bad_request')
      const missing = await t.app.inject({ method: 'POST', url: '/api/v1/staff', headers: bearer(townAdmin), payload: { username: 'x' } })
      assert.equal(missing.statusCode, 400)
      assert.ok('fullName' in missing.json().fields)
    })

    it('answers 422 with field messages for invalid values, and writes nothing', async () => {
      const before = await verifyAuditLog(t.database.db)
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/staff',
        headers: bearer(townAdmin),
        payload: { username: 'Bad Name!', fullName: 'Nguyễn Văn A', unitCode: 'NOPE', email: 'not-an-email', password: 'short' },
      })
      assert.equal(res.statusCode, 422)
      const fields = res.json().fields
      for (const field of ['username', 'unitCode', 'email', 'password']) assert.ok(field in fields, field)
      assert.deepEqual(await verifyAuditLog(t.database.db), before)
    })

    it('creates staff with a role (audited) and answers 409 to a taken username', async () => {
      const before = await verifyAuditLog(t.database.db)
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/staff',
        headers: bearer(wardAAdmin),
        payload: { username: 'chuyenvien.a', fullName: 'Trần Thị Bình', unitCode: 'WARD-A', roles: ['specialist'] },
      })
      assert.equal(res.statusCode, 201)
      assert.equal(res.json().staff.grants[0].role, 'specialist')
      assert.ok(res.json().password.length >= 10)
      const afterCreate = await verifyAuditLog(t.database.db)
      assert.equal(afterCreate.isIntact, true)
      assert.equal(afterCreate.entries, before.entries + 1)
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/v1/staff',
        headers: bearer(wardAAdmin),
        payload: { username: 'chuyenvien.a', fullName: 'Trần Thị Bình', unitCode: 'WARD-A', password: TEST_PASSWORD },
      })
      assert.equal(again.statusCode, 409)
    })

    it('speaks English to an API client that asks for it', async () => {
      const res = await t.app.inject({ url: '/api/v1/staff', headers: { 'accept-language': 'en-GB,en;q=0.9' } })
      assert.equal(res.statusCode, 401)
      assert.doesNotMatch(res.json().message, /[ạảãàáâầấậẩẫăằắặẳẵđ]/)
    })
  })
}

describe('health when the database is down', () => {
  it('answers 503', async () => {
    const t = await buildTestApp(testDialects[0]!)
    await t.database.close()
    const res = await t.app.inject('/healthz')
    assert.equal(res.statusCode, 503)
    assert.deepEqual(res.json(), { status: 'unavailable', database: 'sqlite' })
    await t.app.close()
  })
})
