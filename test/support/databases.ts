/**
 * Test databases for both dialects: SQLite always (a fresh in-memory database), PostgreSQL when
 * TEST_DATABASE_URL is set (a fresh schema per database, dropped on close).
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase } from '../../src/db/database.ts'
import type { OpenDatabase } from '../../src/db/database.ts'
import { migrateUp } from '../../src/db/migrate.ts'

/** A dialect the suite can run on. */
export interface TestDialect {
  readonly name: 'sqlite' | 'postgresql'
  /** Opens a fresh, empty, migrated database. */
  open(options?: { migrate?: boolean }): Promise<TestDatabase>
}

/** An open test database and its URL (for a second app instance on the same data). */
export interface TestDatabase extends OpenDatabase {
  readonly url: string
}

/** The PostgreSQL URL tests use, when configured. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || null

const sqliteDialect: TestDialect = {
  name: 'sqlite',
  async open(options = {}) {
    const database = openDatabase({ databaseUrl: 'sqlite::memory:', dialect: 'sqlite', sqlitePath: ':memory:' })
    if (options.migrate !== false) await migrateUp(database.db)
    return { ...database, url: 'sqlite::memory:' }
  },
}

const postgresDialect: TestDialect = {
  name: 'postgresql',
  async open(options = {}) {
    const schema = `t_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL! })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    await admin.end()
    const url = new URL(TEST_DATABASE_URL!)
    url.searchParams.set('options', `-c search_path=${schema}`)
    const database = openDatabase({ databaseUrl: url.toString(), dialect: 'postgresql', sqlitePath: null, poolSize: 5 })
    if (options.migrate !== false) await migrateUp(database.db)
    return {
      ...database,
      url: url.toString(),
      async close() {
        await database.close()
        const cleanup = new pg.Client({ connectionString: TEST_DATABASE_URL! })
        await cleanup.connect()
        await cleanup.query(`drop schema ${schema} cascade`)
        await cleanup.end()
      },
    }
  },
}

/** The dialects to run database tests on: SQLite, and PostgreSQL when TEST_DATABASE_URL is set. */
export const testDialects: readonly TestDialect[] = TEST_DATABASE_URL ? [sqliteDialect, postgresDialect] : [sqliteDialect]
