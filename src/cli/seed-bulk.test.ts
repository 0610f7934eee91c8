/**
 * `congso seed bulk` as a user runs it, on a small province: what it prints, what it leaves in the
 * database (on a SQLite file, and on PostgreSQL when TEST_DATABASE_URL is set), that it refuses a
 * second run and foreign data, and that it finishes a run that stopped half-way.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { testDialects } from '../../test/support/databases.ts'
import { openDatabase } from '../db/database.ts'
import type { Db } from '../db/database.ts'
import { migrateUp } from '../db/migrate.ts'
import { signIn } from '../features/units/index.ts'
import { systemClock } from '../platform/clock.ts'

const BIN = fileURLToPath(new URL('../../bin/congso', import.meta.url))
const SIZES = ['--units', '12', '--dossiers', '3000', '--feedback', '400', '--seed', '7']

/** What a finished run of congso produced. */
interface Result {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs congso to completion on a database. */
function congso(args: string[], databaseUrl: string): Promise<Result> {
  const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', NODE_ENV: 'development' }
  for (const name of ['PORT', 'HOST', 'BASE_URL', 'SESSION_SECRET', 'SMTP_URL', 'WORKER']) delete env[name]
  return new Promise((resolve) => {
    execFile(BIN, args, { env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr })
    })
  })
}

/** A database both this process and the subprocess reach: a SQLite file, or a fresh PostgreSQL schema. */
interface SharedDatabase {
  readonly url: string
  readonly db: Db
  close(): Promise<void>
}

/** Opens an empty, unmigrated database of a dialect that a subprocess can share. */
async function openShared(dialect: (typeof testDialects)[number]): Promise<SharedDatabase> {
  if (dialect.name === 'postgresql') {
    const database = await dialect.open({ migrate: false })
    return { url: database.url, db: database.db, close: () => database.close() }
  }
  const dir = mkdtempSync(join(tmpdir(), 'congso-bulk-'))
  const path = join(dir, 'province.sqlite')
  const database = openDatabase({ databaseUrl: `sqlite:${path}`, dialect: 'sqlite', sqlitePath: path })
  return {
    url: `sqlite:${path}`,
    db: database.db,
    async close() {
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Counts the rows of a query's table. */
async function count(db: Db, table: 'units' | 'staff' | 'procedures' | 'dossiers' | 'feedback_items' | 'dossier_code_sequences'): Promise<number> {
  return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
}

/** Dossiers with a code, and how many distinct codes they have. */
async function codeCounts(db: Db): Promise<{ dossiers: number; codes: number }> {
  const row = await sql<{ n: number; c: number }>`select count(*) as n, count(distinct code) as c from dossiers`.execute(db)
  return { dossiers: Number(row.rows[0]!.n), codes: Number(row.rows[0]!.c) }
}

for (const dialect of testDialects) {
  describe(`congso seed bulk on ${dialect.name} (subprocess)`, () => {
    let database: SharedDatabase

    before(async () => {
      database = await openShared(dialect)
    })
    after(() => database.close())

    it('refuses bad sizes as usage errors before touching the database', async () => {
      for (const [args, pattern] of [
        [['--units', '2'], /--units: expected a whole number from 3 to 1000, got "2"/],
        [['--dossiers', 'many'], /--dossiers: expected a whole number/],
        [['--feedback', '-5'], /--feedback: expected a whole number/],
      ] as const) {
        const result = await congso(['seed', 'bulk', ...args], database.url)
        assert.equal(result.code, 2, result.stderr)
        assert.equal(result.stdout, '')
        assert.match(result.stderr, pattern)
      }
      assert.equal(await count(database.db, 'units').catch(() => 0), 0)
    })

    it('generates the province with plain progress lines, staff who can sign in, and daily figures that add up', async () => {
      const result = await congso(['seed', 'bulk', ...SIZES], database.url)
      assert.equal(result.code, 0, result.stderr)
      assert.match(result.stdout, /^Generated the province Tỉnh Đồng Xanh in [\d.]+ s: 12 units, 34 staff, \d+ procedures, 3000 dossiers and 400 feedback items added\.$/m)
      assert.match(result.stdout, /GENERATED DATA/)
      // Not a terminal: one line per tenth of each stage, and no redrawn bar.
      for (const stage of ['Units and staff: 46/46', 'Dossiers: 3000/3000', 'Feedback: 400/400', 'Daily figures: 1/1']) {
        assert.match(result.stderr, new RegExp(`^${stage} \\(100%\\)$`, 'm'))
      }
      assert.ok(!result.stderr.includes('\u001b['), 'no terminal escape codes')

      const db = database.db
      const levels = await db.selectFrom('units').select(['level', (eb) => eb.fn.countAll().as('n')]).groupBy('level').execute()
      assert.deepEqual(Object.fromEntries(levels.map((l) => [l.level, Number(l.n)])), { province: 1, city: 1, ward: 10 })
      const roles = await db.selectFrom('role_grants').select(['role', (eb) => eb.fn.countAll().as('n')]).groupBy('role').execute()
      assert.deepEqual(Object.fromEntries(roles.map((r) => [r.role, Number(r.n)])), { admin: 1, leader: 12, desk_officer: 10, specialist: 11 })
      // Each commune-level unit has its own desk officer, who received its dossiers.
      const strayReceipts = await db
        .selectFrom('dossiers as d')
        .innerJoin('role_grants as g', (join) => join.onRef('g.staff_id', '=', 'd.received_by').on('g.role', '=', 'desk_officer'))
        .select((eb) => eb.fn.countAll().as('n'))
        .whereRef('g.unit_id', '!=', 'd.unit_id')
        .executeTakeFirstOrThrow()
      assert.equal(Number(strayReceipts.n), 0)
      assert.equal(await count(db, 'feedback_items'), 400)
      assert.deepEqual(await codeCounts(db), { dossiers: 3000, codes: 3000 })

      const password = /share the password, shown once: (\S+)$/m.exec(result.stdout)?.[1]
      assert.ok(password, result.stdout)
      assert.ok((await signIn({ db, clock: systemClock }, 'motcua.90001', password)).staffId > 0)

      const stats = await db
        .selectFrom('dossier_daily_stats')
        .select((eb) => [eb.fn.sum<number>('received').as('received'), eb.fn.sum<number>('returned_late').as('late')])
        .executeTakeFirstOrThrow()
      const late = await db.selectFrom('dossiers').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'returned').where('timing', '=', 'late').executeTakeFirstOrThrow()
      assert.equal(Number(stats.received), 3000)
      assert.equal(Number(stats.late), Number(late.n))
      const submitted = await db.selectFrom('feedback_daily_stats').select((eb) => eb.fn.sum<number>('submitted').as('n')).executeTakeFirstOrThrow()
      assert.equal(Number(submitted.n), 400)
    })

    it('refuses to run a second time into the same database, and leaves it as it was', async () => {
      const result = await congso(['seed', 'bulk', ...SIZES], database.url)
      assert.equal(result.code, 1)
      assert.equal(result.stdout, '')
      assert.match(result.stderr, /^congso: the database already holds this generated province \(12 units, 3000 dossiers, 400 feedback items\); nothing to do/m)
      const larger = await congso(['seed', 'bulk', ...SIZES, '--dossiers', '900000'], database.url)
      assert.equal(larger.code, 1)
      assert.match(larger.stderr, /^congso: the database holds 3000 dossiers generated up to \d{4}-\d\d-\d\d, made by a run for about 3\d{3}; continue with that count/m)
      assert.equal(await count(database.db, 'dossiers'), 3000)
    })

    it('finishes a run that stopped half-way, without reusing a code', async () => {
      const db = database.db
      // As a crash leaves it: the newest batches gone with their events, and the sequences and
      // daily figures never written (the generators write them at the end).
      const newest = await db.selectFrom('dossiers').select('id').orderBy('id', 'desc').limit(1200).execute()
      const ids = newest.map((r) => r.id)
      await db.deleteFrom('dossier_events').where('dossier_id', 'in', ids).execute()
      await db.deleteFrom('dossiers').where('id', 'in', ids).execute()
      await db.deleteFrom('dossier_code_sequences').execute()
      await db.deleteFrom('dossier_daily_stats').execute()
      await db.deleteFrom('feedback_daily_stats').execute()

      const result = await congso(['seed', 'bulk', ...SIZES], database.url)
      assert.equal(result.code, 0, result.stderr)
      assert.match(result.stdout, /^Finished the generated province in [\d.]+ s: 0 units, 0 staff, 0 procedures, 1200 dossiers and 0 feedback items added\.$/m)
      assert.doesNotMatch(result.stdout, /password/)
      assert.deepEqual(await codeCounts(db), { dossiers: 3000, codes: 3000 })
      const received = await db.selectFrom('dossier_daily_stats').select((eb) => eb.fn.sum<number>('received').as('n')).executeTakeFirstOrThrow()
      assert.equal(Number(received.n), 3000)
    })

    it('refuses a database that holds other data', async () => {
      const other = await openShared(dialect)
      try {
        await migrateUp(other.db)
        const now = new Date().toISOString()
        await other.db.insertInto('units').values({ code: '723', name: 'Thị xã Tân Uyên', level: 'town', path: '/1/', created_at: now, updated_at: now }).execute()
        const result = await congso(['seed', 'bulk', ...SIZES], other.url)
        assert.equal(result.code, 1)
        assert.match(result.stderr, /^congso: the database already holds other data; the generated province is seeded only into an empty database/m)
        assert.equal(await count(other.db, 'units'), 1)
      } finally {
        await other.close()
      }
    })
  })
}
