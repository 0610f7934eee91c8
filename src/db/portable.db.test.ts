import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testDialects } from '../../test/support/databases.ts'
import type { TestDatabase } from '../../test/support/databases.ts'
import { prepareQuery } from './portable.ts'

for (const dialect of testDialects) {
  describe(`prepared queries on ${dialect.name}`, () => {
    let database: TestDatabase
    before(async () => {
      database = await dialect.open()
      await database.db.insertInto('settings').values([
        { key: 'a', value_json: '1', updated_at: new Date().toISOString() },
        { key: 'b', value_json: '2', updated_at: new Date().toISOString() },
      ]).execute()
    })
    after(() => database.close())

    it('compiles once and runs with each call’s values, keeping the other parameters', async () => {
      const query = prepareQuery(['\u0000k'] as [string], (db, key) => db.selectFrom('settings').select('value_json').where('key', '=', key).where('value_json', '!=', 'never'))
      assert.deepEqual(await query.execute(database.db, 'a'), [{ value_json: '1' }])
      assert.deepEqual(await query.execute(database.db, 'b'), [{ value_json: '2' }])
      assert.deepEqual(await query.execute(database.db, 'c'), [])
    })

    if (dialect.name === 'postgresql') {
      it('runs as a named statement on the pool, outside the transaction that reads its own writes', async () => {
        const { poolOf } = await import('./database.ts')
        assert.ok(poolOf(database.db), 'the root database has a pool')
        const query = prepareQuery(['\u0000k'] as [string], (db, key) => db.selectFrom('settings').select('value_json').where('key', '=', key))
        await database.db.transaction().execute(async (trx) => {
          await trx.updateTable('settings').set({ value_json: '9' }).where('key', '=', 'b').execute()
          assert.equal(poolOf(trx), null, 'a transaction has no pool of its own')
          assert.deepEqual(await query.execute(trx, 'b'), [{ value_json: '9' }])
          assert.deepEqual(await query.execute(database.db, 'b'), [{ value_json: '2' }])
          throw new Error('roll back')
        }).catch((error: Error) => assert.equal(error.message, 'roll back'))
        // Many runs on the pool's connections reuse the statement without error.
        for (let i = 0; i < 20; i++) assert.deepEqual(await query.execute(database.db, 'a'), [{ value_json: '1' }])
      })
    }

    it('refuses a placeholder that the query does not use', async () => {
      const query = prepareQuery(['\u0000unused'] as [string], (db, _unused) => db.selectFrom('settings').select('key'))
      await assert.rejects(query.execute(database.db, 'x'), /placeholder/)
    })
  })
}

describe('prepared queries on a SQLite file', () => {
  it('read through the read-only connection: committed rows only, and transactions read their own', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { openDatabase, readerOf } = await import('./database.ts')
    const { migrateUp } = await import('./migrate.ts')
    const folder = mkdtempSync(join(tmpdir(), 'congso-reader-'))
    const opened = openDatabase({ databaseUrl: `sqlite:${folder}/t.sqlite`, dialect: 'sqlite', sqlitePath: join(folder, 't.sqlite') })
    try {
      await migrateUp(opened.db)
      assert.ok(readerOf(opened.db), 'a file database has a reader')
      const query = prepareQuery(['\u0000k'] as [string], (db, key) => db.selectFrom('settings').select('value_json').where('key', '=', key))
      await opened.db.insertInto('settings').values({ key: 'a', value_json: '1', updated_at: new Date().toISOString() }).execute()
      assert.deepEqual(await query.execute(opened.db, 'a'), [{ value_json: '1' }])
      await opened.db.transaction().execute(async (trx) => {
        await trx.updateTable('settings').set({ value_json: '2' }).where('key', '=', 'a').execute()
        assert.equal(readerOf(trx), null, 'a transaction has no reader')
        // Inside the transaction its own write shows; outside, only what is committed.
        assert.deepEqual(await query.execute(trx, 'a'), [{ value_json: '2' }])
        assert.deepEqual(await query.execute(opened.db, 'a'), [{ value_json: '1' }])
      })
      assert.deepEqual(await query.execute(opened.db, 'a'), [{ value_json: '2' }])
    } finally {
      await opened.close()
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
