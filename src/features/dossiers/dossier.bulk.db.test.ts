import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestProcedures } from '../../../test/support/desk.ts'
import { createUnitTree } from '../../../test/support/factories.ts'
import { FixedClock } from '../../platform/clock.ts'
import { generateDossiers } from './dossier.bulk.ts'

for (const dialect of testDialects) {
  describe(`generated dossiers on ${dialect.name}`, () => {
    let database: TestDatabase
    before(async () => {
      database = await dialect.open()
      const clock = new FixedClock('2026-03-02T02:00:00Z')
      await createUnitTree({ db: database.db, clock })
      await createTestProcedures({ db: database.db, clock })
    })
    after(() => database.close())

    it('writes unique codes with a consistent history, and keeps the sequences ahead', async () => {
      const units = (await database.db.selectFrom('units').select(['id', 'code', 'agency_code']).where('level', '=', 'ward').execute()).map((u) => ({
        id: Number(u.id),
        code: u.code,
        agencyCode: u.agency_code,
        deskOfficerId: null,
      }))
      const procedures = (await database.db.selectFrom('procedures').select(['id', 'time_limit_value']).execute()).map((p) => ({ id: Number(p.id), limitDays: Number(p.time_limit_value) }))
      const context = { units, procedures }
      const options = { count: 1500, from: new Date('2026-01-05T01:00:00Z'), to: new Date('2026-02-25T01:00:00Z'), now: new Date('2026-03-02T02:00:00Z'), batchSize: 200 }
      const sample = await generateDossiers(database.db, context, options)
      assert.ok(sample.length > 0 && sample.every((s) => /^\d{6}$/.test(s.pin)))
      const total = await database.db.selectFrom('dossiers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      assert.equal(Number(total.n), 1500)
      const codes = await database.db.selectFrom('dossiers').select('code').execute()
      assert.equal(new Set(codes.map((c) => c.code)).size, 1500)
      const returned = await database.db.selectFrom('dossiers').select(['id', 'timing']).where('status', '=', 'returned').execute()
      assert.ok(returned.length > 0 && returned.every((r) => r.timing !== null))
      // A second run continues each agency's daily sequence instead of reusing numbers.
      await generateDossiers(database.db, context, { ...options, count: 300, seed: 7 })
      const all = await database.db.selectFrom('dossiers').select('code').execute()
      assert.equal(new Set(all.map((c) => c.code)).size, 1800)
    })
  })
}
