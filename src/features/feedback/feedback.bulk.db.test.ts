import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createUnitTree } from '../../../test/support/factories.ts'
import { FixedClock } from '../../platform/clock.ts'
import { generateFeedback } from './feedback.bulk.ts'

for (const dialect of testDialects) {
  describe(`generated feedback on ${dialect.name}`, () => {
    let database: TestDatabase
    before(async () => {
      database = await dialect.open()
      await createUnitTree({ db: database.db, clock: new FixedClock('2026-03-02T02:00:00Z') })
    })
    after(() => database.close())

    it('writes unique codes whose status, publication and history agree, and keeps the sequences ahead', async () => {
      const units = (await database.db.selectFrom('units').select(['id', 'name']).where('level', '=', 'ward').execute()).map((u) => ({ id: Number(u.id), name: u.name }))
      const options = { count: 1200, from: new Date('2026-01-05T01:00:00Z'), to: new Date('2026-03-01T01:00:00Z'), now: new Date('2026-03-02T02:00:00Z'), batchSize: 150 }
      const sample = await generateFeedback(database.db, { units }, options)
      assert.ok(sample.length > 0 && sample.every((code) => /^PA-\d{6}-\d{4,}$/.test(code)))
      const rows = await database.db.selectFrom('feedback_items').select(['id', 'code', 'status', 'wants_public', 'is_published', 'public_answer', 'due_at', 'closed_at']).execute()
      assert.equal(rows.length, 1200)
      assert.equal(new Set(rows.map((r) => r.code)).size, 1200)
      for (const row of rows) {
        if (Number(row.is_published) === 1) assert.ok(Number(row.wants_public) === 1 && (row.status === 'answered' || row.status === 'closed'), row.code)
        if (row.status === 'answered' || row.status === 'closed') assert.ok(row.public_answer, row.code)
        if (row.status === 'closed' || row.status === 'rejected') assert.ok(row.closed_at, row.code)
      }
      for (const status of ['new', 'assigned', 'closed', 'rejected']) assert.ok(rows.some((r) => r.status === status), `some ${status}`)
      // Each item's history ends in its status.
      const last = await database.db
        .selectFrom('feedback_events as e')
        .innerJoin('feedback_items as i', 'i.id', 'e.item_id')
        .select(['i.code', 'i.status', 'e.to_status', 'e.id'])
        .orderBy('e.id')
        .execute()
      const finalStatus = new Map<string, string>()
      for (const e of last) finalStatus.set(e.code, e.to_status)
      for (const row of rows) assert.equal(finalStatus.get(row.code), row.status, row.code)
      // The day keys are the submissions' own, so a real submission that day takes the next number.
      const keys = await database.db.selectFrom('feedback_code_sequences').select('day').execute()
      assert.ok(keys.every((k) => /^\d{4}-\d{2}-\d{2}$/.test(k.day)), 'day keys as YYYY-MM-DD')
      // A second run continues each day's sequence instead of reusing numbers.
      await generateFeedback(database.db, { units }, { ...options, count: 300, seed: 9 })
      const all = await database.db.selectFrom('feedback_items').select('code').execute()
      assert.equal(new Set(all.map((r) => r.code)).size, 1500)
    })
  })
}
