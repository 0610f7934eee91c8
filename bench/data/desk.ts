/**
 * Data for the one-stop desk scenarios: the demo town, then generated dossiers (1,000,000 by
 * default, BENCH_DOSSIERS to change), one of them with a known code and PIN for the lookup, and a
 * known API token for the demo desk officer for receiving.
 */
import type { Db } from '../../src/db/database.ts'
import { generateDossiers } from '../../src/features/dossiers/dossier.bulk.ts'
import { sha256 } from '../../src/platform/auth/tokens.ts'
import { isDatabaseEmpty, seedDemo } from '../../src/seed.ts'

/** The code and PIN the lookup scenario asks for. */
export const LOOKUP_CODE = 'BENCH-261126-0001'
/** See LOOKUP_CODE. */
export const LOOKUP_PIN = '246810'
/** The bearer token the receiving scenario sends (a benchmark-only secret). */
export const BENCH_TOKEN = 'cst_benchmark-token-not-for-production'

const clock = { now: () => new Date() }

/** Seeds the demo town once per database (both scenarios call it). */
export async function ensureTown(db: Db): Promise<void> {
  if (await isDatabaseEmpty({ db, clock })) await seedDemo({ db, clock })
}

/** How many dossiers to generate (the figure by default). */
export function dossierCount(): number {
  const text = process.env.BENCH_DOSSIERS ?? '1000000'
  const count = Number(text)
  if (!Number.isInteger(count) || count < 1) throw new Error(`BENCH_DOSSIERS must be a positive whole number, got "${text}"`)
  return count
}

/** Generates the dossiers and gives the first one the known code and PIN. */
export async function prepareLookup(db: Db): Promise<void> {
  await ensureTown(db)
  const units = await db.selectFrom('units').select(['id', 'code', 'agency_code']).where('level', 'in', ['ward', 'commune']).execute()
  const procedures = await db.selectFrom('procedures').select(['id', 'time_limit_value']).execute()
  const count = dossierCount()
  const started = Date.now()
  await generateDossiers(
    db,
    { units: units.map((u) => ({ id: Number(u.id), code: u.code, agencyCode: u.agency_code, deskOfficerId: null })), procedures: procedures.map((p) => ({ id: Number(p.id), limitDays: Number(p.time_limit_value) })) },
    {
      count,
      from: new Date('2023-01-01T00:00:00Z'),
      to: new Date('2026-11-20T00:00:00Z'),
      now: new Date('2026-11-26T00:00:00Z'),
      onProgress: (done, total) => {
        if (done % 200_000 === 0 || done === total) process.stderr.write(`generated ${done}/${total} dossiers (${Math.round((Date.now() - started) / 1000)} s)\n`)
      },
    },
  )
  const first = await db.selectFrom('dossiers').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()
  await db.updateTable('dossiers').set({ code: LOOKUP_CODE, pin: LOOKUP_PIN }).where('id', '=', first.id).execute()
}

/** Gives the demo desk officer of Uyên Hưng the known API token. */
export async function prepareReceiving(db: Db): Promise<void> {
  await ensureTown(db)
  const officer = await db.selectFrom('staff').select('id').where('username', '=', 'motcua.uyenhung').executeTakeFirstOrThrow()
  const existing = await db.selectFrom('api_tokens').select('id').where('token_hash', '=', sha256(BENCH_TOKEN)).executeTakeFirst()
  if (!existing) await db.insertInto('api_tokens').values({ staff_id: officer.id, name: 'benchmark', token_hash: sha256(BENCH_TOKEN), created_at: new Date().toISOString() }).execute()
}

/** The body of one receiving request: a certified copy (within the day), both documents handed in. */
export const RECEIVE_BODY = JSON.stringify({
  procedureCode: '2.000815',
  unitCode: '25888',
  applicant: { fullName: 'Nguyễn Văn Thử', phone: '0912345678' },
  documents: ['Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao', 'Bản sao cần chứng thực'],
  channel: 'counter',
})
