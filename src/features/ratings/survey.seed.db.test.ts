/** The demo survey seeds on both dialects: open, covering the home unit's tree, answered 40 times. */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { FixedClock } from '../../platform/clock.ts'
import { listAuditFor } from '../../platform/audit/audit.ts'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createUnitTree } from '../../../test/support/factories.ts'
import { DEMO_SURVEY_RESPONSES, DEMO_SURVEY_STEPS, seedDemoSurvey } from './survey.seed.ts'
import { getSurveyResults } from './survey.service.ts'

for (const dialect of testDialects) {
  describe(`demo survey seed on ${dialect.name}`, () => {
    let database: TestDatabase
    const clock = new FixedClock('2026-03-02T02:00:00Z')
    before(async () => {
      database = await dialect.open()
    })
    after(() => database.close())

    it('does nothing on a database without units', async () => {
      assert.equal(await seedDemoSurvey({ db: database.db, clock }), null)
    })

    it('seeds an open survey of the home unit with its answered forms, through the audited use cases', async () => {
      await createUnitTree({ db: database.db, clock })
      let steps = 0
      const id = await seedDemoSurvey({ db: database.db, clock }, () => steps++)
      assert.equal(steps, DEMO_SURVEY_STEPS)
      assert.ok(id !== null)
      const { survey, results } = await getSurveyResults({ db: database.db, clock }, 'system', id)
      assert.equal(survey.status, 'open')
      assert.equal(survey.ownerUnit.code, 'TOWN')
      assert.deepEqual(
        survey.units.map((u) => u.code),
        ['TOWN', 'WARD-A', 'WARD-B'],
      )
      assert.deepEqual(
        survey.sections.map((s) => s.factor),
        [null, 'access', 'procedure', 'official', 'result', 'feedback', null],
      )
      assert.equal(results.responses, DEMO_SURVEY_RESPONSES)
      assert.ok(results.factors.every((f) => f.index !== null && f.index > 0.5))
      assert.deepEqual(
        (await listAuditFor(database.db, 'survey', id)).map((e) => e.action),
        ['create', 'open'],
      )
      const responseAudits = await database.db.selectFrom('audit_log').select('id').where('entity', '=', 'survey_response').execute()
      assert.equal(responseAudits.length, DEMO_SURVEY_RESPONSES)
    })
  })
}
