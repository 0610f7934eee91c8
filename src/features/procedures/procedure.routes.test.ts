import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { listAuditFor } from '../../platform/audit/audit.ts'
import { PROCEDURE_CATALOGUE } from './procedure.catalogue-data.ts'
import { seedDemoProcedures } from './procedure.seed.ts'

const sample = {
  code: '9.999001',
  name: 'Thủ tục thử nghiệm cấp giấy xác nhận',
  nameEn: 'Test certificate procedure',
  field: 'Thử nghiệm',
  level: 'commune',
  timeLimit: { kind: 'days', days: 3 },
  feeVnd: 10000,
  resultName: 'Giấy xác nhận',
  legalBasis: ['Nghị định thử nghiệm'],
  documents: [{ name: 'Tờ khai', copies: 1, form: 'original', isRequired: true }],
  steps: [
    { name: 'Tiếp nhận', role: 'desk_officer', sharePercent: 10 },
    { name: 'Thẩm định', role: 'specialist', sharePercent: 70 },
    { name: 'Ký duyệt', role: 'leader', sharePercent: 20 },
  ],
}

for (const dialect of testDialects) {
  describe(`procedures API on ${dialect.name}`, () => {
    let t: TestApp
    let rootAdmin: string
    let wardAdmin: string
    before(async () => {
      t = await buildTestApp(dialect)
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      await seedDemoProcedures(deps)
      rootAdmin = (await createTestStaff(deps, 'admin.town', 'TOWN', ['admin'])).token
      wardAdmin = (await createTestStaff(deps, 'admin.a', 'WARD-A', ['admin'])).token
    })
    after(() => t.close())
    const auth = (token: string) => ({ authorization: `Bearer ${token}` })

    it('lists the seeded catalogue publicly, at least 20 real procedures', async () => {
      const res = await t.app.inject('/api/v1/procedures')
      assert.equal(res.statusCode, 200)
      const list = res.json()
      assert.equal(list.length, PROCEDURE_CATALOGUE.length)
      assert.ok(list.length >= 20)
      const birth = list.find((p: { code: string }) => p.code === '1.001193')
      assert.equal(birth.name.includes('khai sinh'), true)
      assert.deepEqual(birth.timeLimit, { kind: 'sameDay' })
      assert.ok(birth.documents.length >= 1)
      for (const p of list) assert.equal(p.steps.reduce((s: number, x: { sharePercent: number }) => s + x.sharePercent, 0), 100)
    })

    it('filters by field and finds one by code, 404 otherwise', async () => {
      const civil = (await t.app.inject('/api/v1/procedures?field=' + encodeURIComponent('Hộ tịch'))).json()
      assert.ok(civil.length >= 5 && civil.every((p: { field: string }) => p.field === 'Hộ tịch'))
      assert.equal((await t.app.inject('/api/v1/procedures/2.000815')).json().feeVnd, 2000)
      const missing = await t.app.inject('/api/v1/procedures/9.000000')
      assert.equal(missing.statusCode, 404)
    })

    it('lets only the root admin add a procedure, audited; 409 on a taken code', async () => {
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/procedures', payload: sample })).statusCode, 401)
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/procedures', payload: sample, headers: auth(wardAdmin) })).statusCode, 403)
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/procedures', payload: sample, headers: auth(rootAdmin) })
      assert.equal(res.statusCode, 201)
      assert.equal(res.json().steps.length, 3)
      assert.equal((await listAuditFor(t.database.db, 'procedure', sample.code)).length, 1)
      const again = await t.app.inject({ method: 'POST', url: '/api/v1/procedures', payload: sample, headers: auth(rootAdmin) })
      assert.equal(again.statusCode, 409)
    })

    it('replaces documents and steps on update, keeping the before and after in the audit', async () => {
      const changed = { ...sample, feeVnd: 20000, documents: [...sample.documents, { name: 'Bản sao CCCD', copies: 1, form: 'copy', isRequired: false, note: 'Khi ủy quyền' }] }
      const res = await t.app.inject({ method: 'PUT', url: `/api/v1/procedures/${sample.code}`, payload: changed, headers: auth(rootAdmin) })
      assert.equal(res.statusCode, 200)
      assert.equal(res.json().documents.length, 2)
      const history = await listAuditFor(t.database.db, 'procedure', sample.code)
      assert.equal(history.at(-1)?.action, 'update')
      assert.equal((history.at(-1)?.before as { feeVnd: number }).feeVnd, 10000)
    })

    it('answers 422 with field messages when the step shares do not add up or the code is malformed', async () => {
      const bad = { ...sample, code: 'ABC', steps: [{ name: 'Tiếp nhận', role: 'desk_officer', sharePercent: 50 }] }
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/procedures', payload: bad, headers: auth(rootAdmin) })
      assert.equal(res.statusCode, 422)
      assert.deepEqual(Object.keys(res.json().fields).sort(), ['code', 'steps'])
    })

    it('answers 400 to a body that breaks the schema', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/procedures', payload: { ...sample, timeLimit: { kind: 'weeks' } }, headers: auth(rootAdmin) })
      assert.equal(res.statusCode, 400)
    })
  })
}
