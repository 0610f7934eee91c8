/**
 * Data for the feedback scenarios: 200,000 generated items over the past year in the demo town's
 * wards and communes (BENCH_FEEDBACK to change), and an Open311 client with a known api_key.
 */
import type { Db } from '../../src/db/database.ts'
import { instant } from '../../src/db/portable.ts'
import { generateFeedback } from '../../src/features/feedback/feedback.bulk.ts'
import { sha256 } from '../../src/platform/auth/tokens.ts'
import { ensureTown } from './desk.ts'

/** The api_key the submission scenario sends (a benchmark-only secret). */
export const BENCH_OPEN311_KEY = 'o311_benchmark-key-not-for-production'

/** How many items to generate (the figure by default). */
export function feedbackCount(): number {
  const text = process.env.BENCH_FEEDBACK ?? '200000'
  const count = Number(text)
  if (!Number.isInteger(count) || count < 1) throw new Error(`BENCH_FEEDBACK must be a positive whole number, got "${text}"`)
  return count
}

/**
 * Generates the items once per database, spread over the last 365 days. The demo town comes with
 * a handful of its own, so "once" means: unless the database already holds as many as asked for
 * (checking for any at all skipped the generation, and the list was measured among the demo's few).
 */
export async function prepareFeedbackItems(db: Db): Promise<void> {
  await ensureTown(db)
  const count = feedbackCount()
  const existing = await db.selectFrom('feedback_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  if (Number(existing.n) >= count) return
  const units = await db.selectFrom('units').select(['id', 'name']).where('level', 'in', ['ward', 'commune']).execute()
  const now = new Date()
  const started = Date.now()
  await generateFeedback(
    db,
    { units: units.map((u) => ({ id: Number(u.id), name: u.name })) },
    {
      count,
      from: new Date(now.getTime() - 365 * 86_400_000),
      to: new Date(now.getTime() - 60_000),
      now,
      onProgress: (done, total) => {
        if (done === total || done % 50_000 === 0) process.stderr.write(`generated ${done}/${total} feedback items (${Math.round((Date.now() - started) / 1000)} s)\n`)
      },
    },
  )
}

/** Registers the benchmark's Open311 client. */
export async function prepareOpen311Client(db: Db): Promise<void> {
  await ensureTown(db)
  const hash = sha256(BENCH_OPEN311_KEY)
  const existing = await db.selectFrom('open311_clients').select('id').where('key_hash', '=', hash).executeTakeFirst()
  if (!existing) await db.insertInto('open311_clients').values({ name: 'benchmark', key_hash: hash, created_at: instant(new Date()) }).execute()
}

/** The form body of one Open311 submission in Uyên Hưng (25888), anonymous. */
export const OPEN311_SUBMISSION = new URLSearchParams({
  api_key: BENCH_OPEN311_KEY,
  jurisdiction_id: '25888',
  service_code: 'sanitation',
  lat: '11.0631',
  long: '106.7934',
  address_string: 'Khu phố 2, phường Uyên Hưng',
  description: 'Nước thải chảy tràn ra mặt đường trước chợ, bốc mùi vào buổi sáng.',
}).toString()
