/** Opens the database named by the configuration: SQLite (better-sqlite3) or PostgreSQL (pg pool). */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import pg from 'pg'
import type { DatabaseDialect } from '../config.ts'
import type { Database } from './schema.ts'

/** The application's typed database handle. */
export type Db = Kysely<Database>

/** An open database with its dialect and a way to close it. */
export interface OpenDatabase {
  readonly db: Db
  readonly dialect: DatabaseDialect
  close(): Promise<void>
}

// pg returns int8 (count(*), sum) as strings; our counts fit in a JS number.
pg.types.setTypeParser(20, (value: string) => Number(value))

/** Options that tests and the CLI pass to openDatabase. */
export interface OpenDatabaseOptions {
  readonly databaseUrl: string
  readonly dialect: DatabaseDialect
  readonly sqlitePath: string | null
  /** Maximum connections in the PostgreSQL pool. */
  readonly poolSize?: number
}

/** Opens SQLite (WAL, foreign keys, busy timeout) or a PostgreSQL pool. */
export function openDatabase(options: OpenDatabaseOptions): OpenDatabase {
  if (options.dialect === 'sqlite') {
    const path = options.sqlitePath ?? ':memory:'
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
    const sqlite = new SqliteDatabase(path)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    sqlite.pragma('synchronous = NORMAL')
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
    return { db, dialect: 'sqlite', close: () => db.destroy() }
  }
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 })
  // A dropped connection must not crash the process; the next query reports the error.
  pool.on('error', () => {})
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, dialect: 'postgresql', close: () => db.destroy() }
}

/** Answers whether the database responds to a trivial query. */
export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db)
    return true
  } catch {
    return false
  }
}
