import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sql } from 'kysely'
import { openDatabase } from './database.ts'

describe('the SQLite connection taken in turn', () => {
  it('serves waiting transactions first come, first served, with a turn of the event loop between them', async () => {
    const database = openDatabase({ databaseUrl: 'sqlite::memory:', dialect: 'sqlite', sqlitePath: ':memory:' })
    try {
      await sql`create table t (n integer)`.execute(database.db)
      const events: string[] = []
      const write = (n: number) =>
        database.db.transaction().execute(async (trx) => {
          events.push(`start ${n}`)
          // What another request's callback would do while this transaction runs: wait for the
          // event loop's next turn.
          if (n === 0) setImmediate(() => events.push('other work'))
          await sql`insert into t (n) values (${n})`.execute(trx)
          await sql`select count(*) from t`.execute(trx)
          events.push(`end ${n}`)
        })
      await Promise.all([write(0), write(1), write(2)])
      assert.deepEqual(events, ['start 0', 'end 0', 'other work', 'start 1', 'end 1', 'start 2', 'end 2'])
      const { rows } = await sql<{ n: number }>`select n from t order by rowid`.execute(database.db)
      assert.deepEqual(rows.map((r) => r.n), [0, 1, 2])
    } finally {
      await database.close()
    }
  })

  it('passes the connection on after a failed transaction, and is free again when no one waits', async () => {
    const database = openDatabase({ databaseUrl: 'sqlite::memory:', dialect: 'sqlite', sqlitePath: ':memory:' })
    try {
      await sql`create table t (n integer primary key)`.execute(database.db)
      const failing = database.db.transaction().execute(async (trx) => {
        await sql`insert into t (n) values (1)`.execute(trx)
        await sql`insert into t (n) values (1)`.execute(trx)
      })
      const next = database.db.transaction().execute((trx) => sql`insert into t (n) values (2)`.execute(trx))
      await assert.rejects(failing)
      await next
      // Nobody waiting: a query goes ahead in the same turn, without a hand-over.
      const { rows } = await sql<{ n: number }>`select n from t order by n`.execute(database.db)
      assert.deepEqual(rows.map((r) => r.n), [2])
    } finally {
      await database.close()
    }
  })
})
