/** Opens the database named by the configuration: SQLite (better-sqlite3) or PostgreSQL (pg pool). */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import type { DatabaseConnection, Driver, QueryCompiler, SqliteStatement, TransactionSettings } from 'kysely'
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

/** How many prepared statements a SQLite connection keeps for reuse. */
const STATEMENT_CACHE_SIZE = 500

/** A SQLite connection's statements kept by SQL text, least recently used dropped first. */
function statementCache(sqlite: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>()
  return (sqlText: string): SqliteDatabase.Statement => {
    let statement = cache.get(sqlText)
    if (statement) {
      // Re-insert to mark it most recently used.
      cache.delete(sqlText)
    } else {
      statement = sqlite.prepare(sqlText)
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
    }
    cache.set(sqlText, statement)
    return statement
  }
}

/** A synchronous, read-only SQLite connection with its statement cache. */
export interface SqliteReader {
  prepare(sqlText: string): SqliteDatabase.Statement
}

/**
 * The read-only connection of a SQLite file, whose statements share one read transaction until
 * the end of the current turn of the event loop or until the writer connection runs anything,
 * whichever comes first.
 *
 * Why: outside a transaction every statement opens and closes a read transaction of its own,
 * which on a WAL database takes file-lock system calls and cost more than running an indexed
 * query (measured: 6 µs of the 7 µs of a look-up by primary key). A public lookup runs three
 * statements, a page a dozen; under load, the requests handled in one turn share one.
 *
 * Why it is safe: what a statement sees is never older than what it would have seen when the
 * turn began, and never misses a write of this process, because the writer ends the shared
 * transaction before each statement it runs (so a request that writes and then reads sees its
 * write, as before). Two statements of one request may still see different snapshots, as they
 * always could.
 */
function sharedSnapshotReader(reader: SqliteDatabase.Database): SqliteReader & { end(): void } {
  const prepare = statementCache(reader)
  const begin = reader.prepare('begin')
  const commit = reader.prepare('commit')
  let isOpen = false
  let scheduled: NodeJS.Immediate | null = null
  const end = () => {
    if (scheduled !== null) clearImmediate(scheduled)
    scheduled = null
    if (!isOpen) return
    isOpen = false
    // A statement that failed may already have ended it.
    if (reader.inTransaction) commit.run()
  }
  return {
    prepare(sqlText: string) {
      if (!isOpen) {
        begin.run()
        isOpen = true
        scheduled = setImmediate(end)
      }
      return prepare(sqlText)
    },
    end,
  }
}

/**
 * Kysely prepares every SQLite query anew, and preparing costs more than running a simple indexed
 * query (measured: the largest single cost of a public lookup). The same SQL text always compiles
 * to the same statement, so statements are kept by text. Safe because Kysely runs one query at a
 * time on the connection. Before each statement, the reader's shared read transaction ends, so
 * reads that follow see what this statement writes.
 */
function writerWithStatementCache(sqlite: SqliteDatabase.Database, beforeEach: () => void) {
  const prepare = statementCache(sqlite)
  const forKysely = new WeakMap<SqliteDatabase.Statement, SqliteStatement>()
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string): SqliteStatement {
      beforeEach()
      const statement = prepare(sqlText)
      let wrapped = forKysely.get(statement)
      if (wrapped === undefined) {
        wrapped = withArrayRows(statement)
        forKysely.set(statement, wrapped)
      }
      return wrapped
    },
  }
}

/**
 * A statement that returns rows, read as arrays and made into objects in JavaScript (see
 * rowBuilder): better-sqlite3 makes an object row through V8's API, looking up each column's
 * name per row, which was a fifth of listing a thousand Open311 requests. Others as they are.
 */
function withArrayRows(statement: SqliteDatabase.Statement): SqliteStatement {
  if (!statement.reader) return statement
  const toRow = rowBuilder(statement.columns().map((column) => column.name))
  statement.raw(true)
  return {
    reader: true,
    all: (parameters) => (statement.all(...parameters) as unknown[][]).map(toRow),
    run: (parameters) => statement.run(...parameters),
    *iterate(parameters) {
      for (const row of statement.iterate(...parameters) as IterableIterator<unknown[]>) yield toRow(row)
    },
  }
}

/**
 * A function making an object of a row given as an array, for the given column names: one object
 * literal, so every row of a query shares one shape from the start (names are quoted as JSON; a
 * repeated name keeps its last column's value, as better-sqlite3's own object rows do).
 */
export function rowBuilder(names: readonly string[]): (row: unknown[]) => unknown {
  const fields = names.map((name, i) => `${JSON.stringify(name)}: row[${i}]`)
  return new Function('row', `return { ${fields.join(', ')} }`) as (row: unknown[]) => unknown
}

const readers = new WeakMap<object, SqliteReader>()

/**
 * The read-only connection of a SQLite database opened from a file, or null (PostgreSQL, an
 * in-memory database, or a transaction, which must read through its own connection).
 */
export function readerOf(db: object): SqliteReader | null {
  return readers.get(db) ?? null
}

/**
 * A number that changes whenever another connection commits to the database, read on the
 * read-only connection of a SQLite file (its `data_version`, one call without I/O; the app's own
 * writes come through the other connection, so they count); null elsewhere (PostgreSQL, an
 * in-memory database). While it holds, nothing in the database has changed, so whatever was
 * checked against the database under it still holds.
 */
export function databaseVersion(db: object): number | null {
  const row = readerOf(db)?.prepare('pragma data_version').get() as { data_version?: number } | undefined
  return row?.data_version ?? null
}

const pools = new WeakMap<object, pg.Pool>()

/**
 * The pg pool of a PostgreSQL database, or null (SQLite, or a transaction, which must run on its
 * own connection). Hot reads use it for named statements, which PostgreSQL plans once per
 * connection instead of on every run.
 */
export function poolOf(db: object): pg.Pool | null {
  return pools.get(db) ?? null
}

/**
 * Kysely's SQLite driver with its single connection handed from one user to the next in turn:
 * first come, first served, and each in a new turn of the event loop.
 *
 * Why: Kysely's own lock wakes the next waiter within the same turn, and better-sqlite3 answers
 * synchronously, so fifty requests waiting to write ran back to back without the event loop
 * running in between: 100–150 ms in which no other request was read and no read-only page
 * answered, measured while receiving dossiers at 50 connections. Handed over at setImmediate,
 * the waiting writers still go one after another, and everything else gets its turn between them.
 */
class TurnTakingDriver implements Driver {
  readonly #inner: Driver
  readonly #waiting: (() => void)[] = []
  #isHeld = false

  constructor(inner: Driver) {
    this.#inner = inner
  }

  init(): Promise<void> {
    return this.#inner.init()
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#isHeld) await new Promise<void>((resolve) => this.#waiting.push(resolve))
    // Still held: the connection passes to this caller without being free in between.
    this.#isHeld = true
    return this.#inner.acquireConnection()
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.#inner.releaseConnection(connection)
    const next = this.#waiting.shift()
    if (next === undefined) this.#isHeld = false
    else setImmediate(next)
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#inner.beginTransaction(connection, settings)
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection)
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection)
  }

  savepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    return this.#inner.savepoint!(connection, name, compileQuery)
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    return this.#inner.rollbackToSavepoint!(connection, name, compileQuery)
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    return this.#inner.releaseSavepoint!(connection, name, compileQuery)
  }

  destroy(): Promise<void> {
    return this.#inner.destroy()
  }
}

/** SQLite through better-sqlite3, its connection taken in turn (see TurnTakingDriver). */
class TurnTakingSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    return new TurnTakingDriver(super.createDriver())
  }
}

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
    if (path === ':memory:') {
      const db = new Kysely<Database>({ dialect: new TurnTakingSqliteDialect({ database: writerWithStatementCache(sqlite, () => {}) }) })
      return { db, dialect: 'sqlite', close: () => db.destroy() }
    }
    // A second, read-only connection for hot public reads (see readerOf): it runs them at once,
    // without waiting behind another request's open transaction, and sees only committed data.
    const reader = new SqliteDatabase(path, { readonly: true })
    reader.pragma('busy_timeout = 5000')
    const shared = sharedSnapshotReader(reader)
    const db = new Kysely<Database>({ dialect: new TurnTakingSqliteDialect({ database: writerWithStatementCache(sqlite, shared.end) }) })
    readers.set(db, shared)
    return {
      db,
      dialect: 'sqlite',
      close: async () => {
        readers.delete(db)
        shared.end()
        reader.close()
        await db.destroy()
      },
    }
  }
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 })
  // A dropped connection must not crash the process; the next query reports the error.
  pool.on('error', () => {})
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  pools.set(db, pool)
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
