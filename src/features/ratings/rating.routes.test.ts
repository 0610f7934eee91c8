import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestProcedures, TEST_DOCUMENTS } from '../../../test/support/desk.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'

const asked = { desk_service: 2, procedure_publication: 2, official_attitude: 2, feedback_handling: 1, online_quality: 2 }

for (const dialect of testDialects) {
  describe(`dossier evaluation and ratings summary on ${dialect.name}`, () => {
    let t: TestApp
    let deskA: string
    let leaderA: string
    let leaderB: string
    const done: { code: string; pin: string }[] = []
    let open: { code: string; pin: string }
    before(async () => {
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      await createTestProcedures(deps)
      deskA = (await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])).token
      leaderA = (await createTestStaff(deps, 'lead.a', 'WARD-A', ['leader'])).token
      leaderB = (await createTestStaff(deps, 'lead.b', 'WARD-B', ['leader'])).token
      const auth = { authorization: `Bearer ${deskA}` }
      const receive = async () =>
        (await t.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: auth, payload: { procedureCode: '9.000003', unitCode: 'WARD-A', applicant: { fullName: 'Đỗ Thị Hạnh' }, documents: [TEST_DOCUMENTS.form, TEST_DOCUMENTS.residence] } })).json()
      for (let i = 0; i < 3; i++) {
        const d = await receive()
        // Ready on Wednesday (early), Thursday (on time), Friday (late).
        t.clock.set(['2026-03-04T03:00:00Z', '2026-03-05T03:00:00Z', '2026-03-06T03:00:00Z'][i]!)
        await t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.code}/actions`, headers: auth, payload: { action: 'result_ready' } })
        await t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.code}/actions`, headers: auth, payload: { action: 'return', method: 'counter' } })
        t.clock.set('2026-03-02T02:00:00Z')
        done.push({ code: d.code, pin: d.pin })
      }
      open = await receive()
      t.clock.set('2026-03-09T02:00:00Z')
    })
    after(() => t.close())

    const evaluate = (d: { code: string; pin: string }, body: Record<string, unknown>, address = '10.9.9.9') =>
      t.app.inject({ method: 'POST', url: `/api/v1/public/dossiers/${d.code}/evaluation`, payload: { pin: d.pin, ...body }, remoteAddress: address })

    it('scores a returned dossier: computed indicators from the record, asked ones from the applicant', async () => {
      const res = await evaluate(done[0]!, { scores: asked, overall: 'very_satisfied', comment: 'Cán bộ nhiệt tình' })
      assert.equal(res.statusCode, 201, res.body)
      const body = res.json()
      assert.equal(body.scores.total_time, 2)
      assert.equal(body.scores.return_visits, 2)
      assert.equal(body.total, 17)
      assert.equal(body.band, 'good')
    })

    it('refuses a second evaluation of the same dossier with 409', async () => {
      const res = await evaluate(done[0]!, { scores: asked, overall: 'satisfied' })
      assert.equal(res.statusCode, 409)
      assert.match(res.json().message, /một lần/)
    })

    it('refuses an open dossier (409), a computed indicator given by hand (422), a wrong PIN (404)', async () => {
      assert.equal((await evaluate(open, { scores: asked, overall: 'satisfied' })).statusCode, 409)
      const forged = await evaluate(done[1]!, { scores: { ...asked, total_time: 2 }, overall: 'satisfied' })
      assert.equal(forged.statusCode, 422)
      assert.ok('scores.total_time' in forged.json().fields)
      assert.equal((await evaluate({ code: done[1]!.code, pin: '000000' }, { scores: asked, overall: 'satisfied' })).statusCode, 404)
    })

    it('summarises per official and unit for the ward leader, and keeps other wards out', async () => {
      await evaluate(done[1]!, { scores: asked, overall: 'satisfied' })
      await evaluate(done[2]!, { scores: { ...asked, official_attitude: 0 }, overall: 'not_satisfied' })
      const res = await t.app.inject({ url: '/api/v1/ratings/summary?unit=WARD-A&from=2026-03-01&to=2026-03-31', headers: { authorization: `Bearer ${leaderA}` } })
      assert.equal(res.statusCode, 200, res.body)
      const body = res.json()
      const desk = body.officials.find((o: { key: string }) => o.key === 'desk.a')
      assert.equal(desk.evaluations, 3)
      assert.equal(desk.verySatisfied, 1)
      assert.equal(desk.satisfied, 1)
      assert.equal(desk.notSatisfied, 1)
      assert.equal(Math.round(desk.satisfactionIndex * 1000), 667)
      assert.equal(desk.lateDossiers, 1)
      // Totals: early 7 + 10 = 17; on time (1+2+2+2) + 9 = 16; late (0+0+2+2) + (2+2+0+1+2) = 11 → mean 14.67.
      assert.equal(desk.averageScore, 14.67)
      assert.equal(body.units[0].key, 'WARD-A')
      assert.equal(body.total.evaluations, 3)
      const other = await t.app.inject({ url: '/api/v1/ratings/summary?unit=WARD-A', headers: { authorization: `Bearer ${leaderB}` } })
      assert.equal(other.statusCode, 403)
      const desk403 = await t.app.inject({ url: '/api/v1/ratings/summary', headers: { authorization: `Bearer ${deskA}` } })
      assert.equal(desk403.statusCode, 403)
    })
  })
}
