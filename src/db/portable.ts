/**
 * The few helpers that hide the differences between SQLite and PostgreSQL.
 * Rules (docs/ARCHITECTURE.md): instants are written as ISO-8601 UTC text and read back through
 * toDate(); booleans are 0/1 integers on both; JSON is stored as text; counts go through Number().
 */
import type { Compilable, Kysely, Transaction } from 'kysely'
import { CompiledQuery, PostgresAdapter, sql } from 'kysely'
import type { DatabaseDialect } from '../config.ts'
import { poolOf, readerOf, rowBuilder } from './database.ts'

/** The value stored for an instant: ISO-8601 UTC text, accepted by both dialects. */
export function instant(date: Date): string {
  return date.toISOString()
}

/** Reads an instant column back: SQLite gives text, pg gives a Date. */
export function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value)
}

/** Reads a nullable instant column back. */
export function toDateOrNull(value: string | Date | null | undefined): Date | null {
  return value === null || value === undefined ? null : toDate(value)
}

/** The value stored for a boolean: 0 or 1 on both dialects. */
export function flag(value: boolean): 0 | 1 {
  return value ? 1 : 0
}

/** Reads a stored JSON text column back. */
export function fromJson<T>(value: string | null): T | null {
  return value === null ? null : (JSON.parse(value) as T)
}

/** Whether an error is a unique-key violation, from either driver. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const code = (error as { code?: unknown }).code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

/** Whether an error is a foreign-key violation, from either driver. */
export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const code = (error as { code?: unknown }).code
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
}

/** Finds out which dialect a Kysely instance talks to. */
export function dialectOf(db: Kysely<any> | Transaction<any>): DatabaseDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgresql' : 'sqlite'
}

/**
 * Serialises writers of one kind inside a transaction across app instances: a transaction-scoped
 * advisory lock on PostgreSQL; SQLite already serialises writes (one connection per process, and
 * one process per database file).
 */
export async function lockForUpdate(trx: Transaction<any>, key: number): Promise<void> {
  if (dialectOf(trx) === 'postgresql') {
    await sql`select pg_advisory_xact_lock(${key})`.execute(trx)
  }
}

/** Keys for lockForUpdate, one per kind of serialised writer. */
export const LOCK_KEYS = Object.freeze({ audit: 7_310_001, codeSequence: 7_310_002 })

/** A query built once with placeholder values, compiled once per database, run with real values. */
export interface PreparedQuery<Row, Args extends readonly unknown[]> {
  execute(db: Kysely<any> | Transaction<any>, ...args: Args): Promise<Row[]>
}

// Numbers the prepared queries, for their PostgreSQL statement names.
let preparedQueries = 0

/**
 * Prepares a hot-path query: `build` makes it with the given placeholder values, and each run swaps
 * the real values into the compiled parameters. Building and compiling a Kysely query costs more
 * than running an indexed SQLite lookup, so public lookups compile theirs once per database.
 * Placeholders must be distinctive values that appear nowhere else among the query's parameters.
 */
export function prepareQuery<Row, Args extends readonly unknown[]>(
  placeholders: { [K in keyof Args]: Args[K] },
  build: (db: Kysely<any>, ...values: Args) => Compilable<Row>,
): PreparedQuery<Row, Args> {
  const name = `congso_prepared_${++preparedQueries}`
  const compiledByDb = new WeakMap<object, { sql: string; parameters: readonly unknown[]; positions: number[]; isRead: boolean; toRow?: (row: unknown[]) => unknown }>()
  return {
    async execute(db, ...args) {
      const key = db.getExecutor()
      let compiled = compiledByDb.get(key)
      if (!compiled) {
        const query = build(db as Kysely<any>, ...placeholders).compile()
        const positions = placeholders.map((p) => query.parameters.indexOf(p))
        if (positions.some((p) => p < 0)) throw new Error('prepareQuery: a placeholder is not among the compiled parameters')
        compiled = { sql: query.sql, parameters: query.parameters, positions, isRead: /^\s*select\b/i.test(query.sql) }
        compiledByDb.set(key, compiled)
      }
      const parameters = [...compiled.parameters]
      compiled.positions.forEach((position, i) => (parameters[position] = args[i]))
      // On a SQLite file, outside a transaction, the read-only connection answers synchronously:
      // no queue behind the writer's connection, no round of promises (a third of a lookup's time).
      const reader = compiled.isRead ? readerOf(db) : null
      if (reader !== null) {
        // Rows come as arrays and become objects here: better-sqlite3 builds an object row through
        // V8's API, looking up each column name's string per row, which cost a lookup more than
        // SQLite's own work (measured with perf).
        const statement = reader.prepare(compiled.sql)
        compiled.toRow ??= rowBuilder(statement.columns().map((column) => column.name))
        return (statement.raw(true).all(...parameters) as unknown[][]).map(compiled.toRow) as Row[]
      }
      // On PostgreSQL, outside a transaction, a named statement is parsed and planned once per
      // connection; planning a joined lookup cost more than running it.
      const pool = poolOf(db)
      if (pool !== null) return (await pool.query({ name, text: compiled.sql, values: parameters as unknown[] })).rows as Row[]
      return (await db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters))).rows
    },
  }
}
