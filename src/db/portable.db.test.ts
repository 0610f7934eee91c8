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

  it('shares one read transaction within a turn of the event loop, ended by any write of this process and by the turn’s end', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { default: SqliteDatabase } = await import('better-sqlite3')
    const { sql } = await import('kysely')
    const { openDatabase } = await import('./database.ts')
    const { migrateUp } = await import('./migrate.ts')
    const folder = mkdtempSync(join(tmpdir(), 'congso-snapshot-'))
    const file = join(folder, 't.sqlite')
    const opened = openDatabase({ databaseUrl: `sqlite:${file}`, dialect: 'sqlite', sqlitePath: file })
    // Another process's connection, e.g. the CLI writing while the app serves.
    const other = new SqliteDatabase(file)
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve))
    try {
      await migrateUp(opened.db)
      const query = prepareQuery(['\u0000k'] as [string], (db, key) => db.selectFrom('settings').select('value_json').where('key', '=', key))
      await opened.db.insertInto('settings').values({ key: 'a', value_json: '1', updated_at: new Date().toISOString() }).execute()
      await nextTurn()

      // Within one turn, a write from elsewhere is not seen by the statements after the first…
      assert.deepEqual(await query.execute(opened.db, 'a'), [{ value_json: '1' }])
      other.prepare("update settings set value_json = '2' where key = 'a'").run()
      assert.deepEqual(await query.execute(opened.db, 'a'), [{ value_json: '1' }])
      // …and is by the first statement of the next turn.
      await nextTurn()
      assert.deepEqual(await query.execute(opened.db, 'a'), [{ value_json: '2' }])

      // This process's own write ends the shared transaction at once: a read that follows sees it,
      // and with it anything committed elsewhere before.
      other.prepare("insert into settings (key, value_json, updated_at) values ('b', '7', '2026-11-26T00:00:00Z')").run()
      assert.deepEqual(await query.execute(opened.db, 'b'), [])
      await opened.db.updateTable('settings').set({ value_json: '3' }).where('key', '=', 'a').execute()
      assert.deepEqual(await query.execute(opened.db, 'a'), [{ value_json: '3' }])
      assert.deepEqual(await query.execute(opened.db, 'b'), [{ value_json: '7' }])

      // Once the turn is over no read transaction is left open: a full checkpoint is not held back.
      await nextTurn()
      const [checkpoint] = (await sql<{ busy: number }>`pragma wal_checkpoint(truncate)`.execute(opened.db)).rows
      assert.equal(Number(checkpoint!.busy), 0)
    } finally {
      other.close()
      await opened.close()
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('gives rows as objects named by the columns, the same as Kysely gives, whatever the names', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { sql } = await import('kysely')
    const { openDatabase } = await import('./database.ts')
    const { migrateUp } = await import('./migrate.ts')
    const folder = mkdtempSync(join(tmpdir(), 'congso-rows-'))
    const file = join(folder, 't.sqlite')
    const opened = openDatabase({ databaseUrl: `sqlite:${file}`, dialect: 'sqlite', sqlitePath: file })
    try {
      await migrateUp(opened.db)
      await opened.db.insertInto('settings').values([
        { key: 'a', value_json: '1', updated_at: '2026-11-26T00:00:00Z' },
        { key: 'b', value_json: 'null', updated_at: '2026-11-27T00:00:00Z' },
      ]).execute()
      // Aliases with a quote, a backslash and a space, a computed column, a null, two rows.
      const build = (db: Parameters<Parameters<typeof prepareQuery>[1]>[0], from: string) =>
        db
          .selectFrom('settings')
          .select(['key', 'value_json as "odd\\ name"', sql<null>`null`.as('nothing'), sql<number>`length(updated_at)`.as('n')])
          .where('key', '>=', from)
          .orderBy('key')
      const query = prepareQuery(['\u0000from'] as [string], build)
      const expected = await build(opened.db, 'a').execute()
      assert.equal(expected.length, 2)
      assert.deepEqual(await query.execute(opened.db, 'a'), expected)
      assert.deepEqual(await query.execute(opened.db, 'b'), expected.slice(1))
      assert.deepEqual(Object.keys((await query.execute(opened.db, 'a'))[0]!), ['key', '"odd\\ name"', 'nothing', 'n'])
      // The same statement, asked again through the same connection, still gives objects.
      assert.deepEqual(await query.execute(opened.db, 'a'), expected)
    } finally {
      await opened.close()
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
