/** Runs the migrations up or down and reports their status. */
import { Migrator, sql } from 'kysely'
import type { MigrationResultSet } from 'kysely'
import type { Db } from './database.ts'
import { dialectOf } from './portable.ts'
import { migrations } from './migrations/index.ts'

/** Builds the migrator over the explicit migration list. */
async function migratorFor(db: Db): Promise<Migrator> {
  // Kysely looks for its bookkeeping tables in any schema unless told which; with several
  // schemas in one PostgreSQL database (tests, or tenants) it must be the current one.
  const schema =
    dialectOf(db) === 'postgresql' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) })
}

/** Raised when a migration fails; names the migration. */
export class MigrationError extends Error {}

/** Throws a MigrationError naming the failed migration, if any. */
function check(result: MigrationResultSet): string[] {
  const failed = result.results?.find((r) => r.status === 'Error')
  if (result.error || failed) {
    const cause = result.error instanceof Error ? result.error.message : String(result.error)
    throw new MigrationError(`migration ${failed?.migrationName ?? '?'} failed: ${cause}`)
  }
  return (result.results ?? []).map((r) => r.migrationName)
}

/** Applies every pending migration; returns the names applied. */
export async function migrateUp(db: Db): Promise<string[]> {
  return check(await (await migratorFor(db)).migrateToLatest())
}

/** Reverts the last applied migration; returns its name (empty when none). */
export async function migrateDown(db: Db): Promise<string[]> {
  return check(await (await migratorFor(db)).migrateDown())
}

/** Lists every migration with whether it is applied. */
export async function migrationStatus(db: Db): Promise<{ name: string; isApplied: boolean }[]> {
  const list = await (await migratorFor(db)).getMigrations()
  return list.map((m) => ({ name: m.name, isApplied: m.executedAt !== undefined }))
}
