/**
 * Fixed-window counters kept in the database, so a limit holds across several app instances
 * (e.g. wrong PINs from one address). One atomic upsert per hit.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { instant, prepareQuery, toDate } from '../../db/portable.ts'

/** Counts a hit on a key and returns the hits in the current window, this one included. */
export async function hitCounter(db: Kysely<Database>, key: string, windowMs: number, now: Date): Promise<number> {
  return (await hitWindow(db, key, windowMs, now)).count
}

/** Counts a hit on a key; returns the hits in the current window, this one included, and when the window started. */
export async function hitWindow(db: Kysely<Database>, key: string, windowMs: number, now: Date): Promise<{ count: number; windowStart: Date }> {
  const windowStart = instant(new Date(now.getTime() - windowMs))
  const row = await db
    .insertInto('rate_counters')
    .values({ key, window_start: instant(now), count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        // A window that has ended starts again at this hit.
        count: sql`case when rate_counters.window_start < ${windowStart} then 1 else rate_counters.count + 1 end`,
        window_start: sql`case when rate_counters.window_start < ${windowStart} then ${instant(now)} else rate_counters.window_start end`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow()
  return { count: Number(row.count), windowStart: toDate(row.window_start) }
}

// Read on every public lookup: compiled once per database.
const counterQuery = prepareQuery(['\u0000key'] as [string], (db: Kysely<Database>, key) => db.selectFrom('rate_counters').select(['count', 'window_start']).where('key', '=', key))

/** The hits on a key in the current window, without counting one. */
export async function readCounter(db: Kysely<Database>, key: string, windowMs: number, now: Date): Promise<number> {
  const [row] = await counterQuery.execute(db, key)
  if (!row) return 0
  const started = new Date(row.window_start as string | Date).getTime()
  return started < now.getTime() - windowMs ? 0 : Number(row.count)
}

/** Deletes counters whose window ended long ago (run by a daily job). */
export async function purgeCounters(db: Kysely<Database>, olderThan: Date): Promise<void> {
  await db.deleteFrom('rate_counters').where('window_start', '<', instant(olderThan)).execute()
}
