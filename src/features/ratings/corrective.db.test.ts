import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestProcedures, TEST_DOCUMENTS } from '../../../test/support/desk.ts'
import { createTestStaff, createUnitTree, TEST_PASSWORD } from '../../../test/support/factories.ts'
import { createApiToken } from '../../platform/auth/tokens.ts'
import { listOutbox } from '../../platform/jobs/outbox.ts'
import { createI18n, mergeCatalogues } from '../../platform/i18n/i18n.ts'
import { createStaff } from '../units/index.ts'
import { messages } from './rating.messages.ts'
import { closeFollowedUpCases, evaluateCorrectiveRules } from './corrective.service.ts'

for (const dialect of testDialects) {
  describe(`corrective actions on ${dialect.name}`, () => {
    let t: TestApp
    let deskA: string
    let otherDeskA: string
    let leaderA: string
    let leaderB: string
    let deps: Parameters<typeof evaluateCorrectiveRules>[0]
    before(async () => {
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      const base = { db: t.database.db, clock: t.clock }
      deps = { ...base, i18n: createI18n(mergeCatalogues([messages])), baseUrl: 'http://localhost:3000' }
      await createUnitTree(base)
      await createTestProcedures(base)
      deskA = (await createTestStaff(base, 'desk.a', 'WARD-A', ['desk_officer'])).token
      otherDeskA = (await createTestStaff(base, 'desk.a2', 'WARD-A', ['desk_officer'])).token
      const { staff } = await createStaff(base, 'system', { username: 'lead.a', fullName: 'Chủ tịch Phường An', unitCode: 'WARD-A', email: 'chutich@phuongan.example', password: TEST_PASSWORD, roles: ['leader'] })
      leaderA = await createApiToken(t.database.db, staff.id, 'test', t.clock.now())
      leaderB = (await createTestStaff(base, 'lead.b', 'WARD-B', ['leader'])).token
      // Three dossiers of desk.a returned late in March 2026: the late-dossiers rule's threshold.
      const auth = { authorization: `Bearer ${deskA}` }
      for (let i = 0; i < 3; i++) {
        const d = (await t.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: auth, payload: { procedureCode: '9.000003', unitCode: 'WARD-A', applicant: { fullName: 'Vũ Văn Khánh' }, documents: [TEST_DOCUMENTS.form, TEST_DOCUMENTS.residence] } })).json()
        t.clock.set('2026-03-10T03:00:00Z')
        await t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.code}/actions`, headers: auth, payload: { action: 'result_ready' } })
        await t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.code}/actions`, headers: auth, payload: { action: 'return', method: 'counter' } })
        t.clock.set('2026-03-02T02:00:00Z')
      }
      t.clock.set('2026-03-20T02:00:00Z')
    })
    after(() => t.close())
    const get = (token: string, url: string) => t.app.inject({ url, headers: { authorization: `Bearer ${token}` } })

    it('opens one case for the official with the late dossiers as evidence, and tells the unit leader', async () => {
      const [run] = await evaluateCorrectiveRules(deps, { month: '2026-03' })
      assert.deepEqual(run, { month: '2026-03', findings: 1, opened: 1, closed: 0 })
      const cases = (await get(leaderA, '/api/v1/ratings/cases')).json()
      assert.equal(cases.length, 1)
      assert.equal(cases[0].official.username, 'desk.a')
      assert.equal(cases[0].rule, 'lateDossiers')
      assert.equal(cases[0].evidence.items.length, 3)
      assert.ok(cases[0].evidence.items.every((item: string) => item.startsWith('dossier:')))
      const mail = (await listOutbox(t.database.db)).filter((m) => m.recipient === 'chutich@phuongan.example')
      assert.equal(mail.length, 1)
      assert.match(mail[0]!.body, /\/danh-gia\/chan-chinh\/\d+/)
    })

    it('does not open the same case twice', async () => {
      const [run] = await evaluateCorrectiveRules(deps, { month: '2026-03' })
      assert.equal(run?.opened, 0)
      assert.equal((await get(leaderA, '/api/v1/ratings/cases')).json().length, 1)
    })

    it('shows the official their own case, but not to a colleague or another ward’s leader', async () => {
      const own = (await get(deskA, '/api/v1/ratings/cases')).json()
      assert.equal(own.length, 1)
      assert.deepEqual((await get(otherDeskA, '/api/v1/ratings/cases')).json(), [])
      assert.equal((await get(otherDeskA, `/api/v1/ratings/cases/${own[0].id}`)).statusCode, 404)
      assert.deepEqual((await get(leaderB, '/api/v1/ratings/cases')).json(), [])
      assert.equal((await get(leaderB, `/api/v1/ratings/cases/${own[0].id}`)).statusCode, 404)
    })

    it('lets the leader record a reminder with a follow-up date; the official cannot; the case closes after follow-up', async () => {
      const [c] = (await get(leaderA, '/api/v1/ratings/cases')).json()
      const byOfficial = await t.app.inject({ method: 'POST', url: `/api/v1/ratings/cases/${c.id}/action`, headers: { authorization: `Bearer ${deskA}` }, payload: { action: 'reminder', followUpOn: '2026-04-20' } })
      assert.equal(byOfficial.statusCode, 403)
      const noReason = await t.app.inject({ method: 'POST', url: `/api/v1/ratings/cases/${c.id}/action`, headers: { authorization: `Bearer ${leaderA}` }, payload: { action: 'no_action', followUpOn: '2026-04-20' } })
      assert.equal(noReason.statusCode, 422)
      const past = await t.app.inject({ method: 'POST', url: `/api/v1/ratings/cases/${c.id}/action`, headers: { authorization: `Bearer ${leaderA}` }, payload: { action: 'reminder', followUpOn: '2026-01-01' } })
      assert.equal(past.statusCode, 422)
      const ok = await t.app.inject({ method: 'POST', url: `/api/v1/ratings/cases/${c.id}/action`, headers: { authorization: `Bearer ${leaderA}` }, payload: { action: 'reminder', note: 'Đã nhắc nhở trong cuộc họp giao ban', followUpOn: '2026-04-20' } })
      assert.equal(ok.statusCode, 200, ok.body)
      assert.equal(ok.json().status, 'action_recorded')
      assert.equal(ok.json().decidedBy, 'Chủ tịch Phường An')
      t.clock.set('2026-04-21T02:00:00Z')
      assert.equal(await closeFollowedUpCases(deps), 1)
      assert.equal((await get(leaderA, `/api/v1/ratings/cases/${c.id}`)).json().status, 'closed')
      const again = await t.app.inject({ method: 'POST', url: `/api/v1/ratings/cases/${c.id}/action`, headers: { authorization: `Bearer ${leaderA}` }, payload: { action: 'correction', followUpOn: '2026-05-20' } })
      assert.equal(again.statusCode, 409)
    })

    it('opens a case on an upheld letter about an official, from the evidence the feedback module supplies', async () => {
      const official = await t.database.db.selectFrom('staff').select(['id', 'unit_id']).where('username', '=', 'desk.a2').executeTakeFirstOrThrow()
      const letters = async () => [{ officialId: Number(official.id), unitId: Number(official.unit_id), items: ['letter:PA-2026-0042'] }]
      const [run] = await evaluateCorrectiveRules(deps, { month: '2026-04', letters })
      assert.equal(run?.opened, 1)
      const cases = (await get(leaderA, '/api/v1/ratings/cases?official=desk.a2')).json()
      assert.equal(cases[0].rule, 'upheldLetters')
      assert.deepEqual(cases[0].evidence.items, ['letter:PA-2026-0042'])
    })

    it('reads the rules publicly and lets only the home unit’s admin change them', async () => {
      const rules = (await t.app.inject('/api/v1/ratings/rules')).json()
      assert.equal(rules.lateDossiers.minLate, 3)
      const changed = { ...rules, lateDossiers: { isEnabled: true, minLate: 5 } }
      assert.equal((await t.app.inject({ method: 'PUT', url: '/api/v1/ratings/rules', headers: { authorization: `Bearer ${leaderA}` }, payload: changed })).statusCode, 403)
    })
  })
}
