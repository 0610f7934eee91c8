import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { appendAudit, listAuditFor, verifyAuditLog } from './audit.ts'

for (const dialect of testDialects) {
  describe(`audit log on ${dialect.name}`, () => {
    let database: TestDatabase
    before(async () => {
      database = await dialect.open()
    })
    after(() => database.close())

    const append = (n: number) =>
      database.db.transaction().execute(async (trx) => {
        for (let i = 0; i < n; i++) {
          await appendAudit(trx, {
            actor: { id: null, label: 'tester' },
            at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
            entity: 'thing',
            entityId: i % 3,
            action: 'update',
            before: { n: i },
            after: { n: i + 1, note: 'Đổi tên' },
          })
        }
      })

    it('verifies an empty log and a log of many entries', async () => {
      assert.deepEqual(await verifyAuditLog(database.db), { isIntact: true, entries: 0 })
      await append(30)
      assert.deepEqual(await verifyAuditLog(database.db), { isIntact: true, entries: 30 })
      const history = await listAuditFor(database.db, 'thing', 1)
      assert.equal(history.length, 10)
      assert.deepEqual(history[0]?.after, { n: 2, note: 'Đổi tên' })
    })

    it('keeps a linear chain when appenders run concurrently', async () => {
      await Promise.all([append(5), append(5), append(5)])
      assert.deepEqual(await verifyAuditLog(database.db), { isIntact: true, entries: 45 })
    })

    it('names the first entry edited by hand', async () => {
      await sql`update audit_log set after_json = '{"n":999}' where seq = 7`.execute(database.db)
      const result = await verifyAuditLog(database.db)
      assert.equal(result.isIntact, false)
      assert.equal(!result.isIntact && result.firstBrokenSeq, 7)
      await sql`update audit_log set after_json = '{"n":7,"note":"Đổi tên"}' where seq = 7`.execute(database.db)
      assert.equal((await verifyAuditLog(database.db)).isIntact, true)
    })

    it('detects a deleted entry in the middle and at the end', async () => {
      const row = await database.db.selectFrom('audit_log').selectAll().where('seq', '=', 45).executeTakeFirstOrThrow()
      await sql`delete from audit_log where seq = 45`.execute(database.db)
      let result = await verifyAuditLog(database.db)
      assert.equal(!result.isIntact && result.firstBrokenSeq, 45)
      await database.db.insertInto('audit_log').values(row).execute()
      assert.equal((await verifyAuditLog(database.db)).isIntact, true)

      await sql`delete from audit_log where seq = 12`.execute(database.db)
      result = await verifyAuditLog(database.db)
      assert.equal(!result.isIntact && result.firstBrokenSeq, 12)
    })

    it('writes nothing when the transaction rolls back', async () => {
      const fresh = await dialect.open()
      try {
        await assert.rejects(
          fresh.db.transaction().execute(async (trx) => {
            await appendAudit(trx, { actor: { id: null, label: 't' }, at: new Date(), entity: 'x', entityId: 1, action: 'a' })
            throw new Error('boom')
          }),
        )
        assert.deepEqual(await verifyAuditLog(fresh.db), { isIntact: true, entries: 0 })
      } finally {
        await fresh.close()
      }
    })
  })
}
