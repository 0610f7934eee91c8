/**
 * The calendar's CLI and API agree: every example here is asked of both, on the same SQLite file,
 * and the JSON answers must be identical; bad input exits 2 on the CLI and answers 400 on the API.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { buildApp } from '../app.ts'
import type { App } from '../app.ts'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import type { OpenDatabase } from '../db/database.ts'
import { migrateUp } from '../db/migrate.ts'
import { systemClock } from '../platform/clock.ts'
import { createUnitTree } from '../../test/support/factories.ts'
import { run } from './main.ts'

/** Runs the CLI in-process; returns its exit code and output. */
async function cli(argv: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk) => (out += String(chunk)))
  stderr.on('data', (chunk) => (err += String(chunk)))
  const code = await run(argv, { stdout, stderr }, { env })
  return { code, stdout: out, stderr: err }
}

describe('calendar CLI and API agree', () => {
  let dir: string
  let env: Record<string, string>
  let database: OpenDatabase
  let app: App
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'congso-calendar-'))
    env = { DATABASE_URL: `sqlite:${join(dir, 'c.sqlite')}`, LOG_LEVEL: 'silent', NODE_ENV: 'test' }
    const config = loadConfig(env)
    database = openDatabase(config)
    await migrateUp(database.db)
    await createUnitTree({ db: database.db, clock: systemClock })
    app = await buildApp({ config, db: database.db, dialect: 'sqlite', clock: systemClock, logger: false })
  })
  after(async () => {
    await app.close()
    await database.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const examples: { name: string; argv: string[]; url: string }[] = [
    { name: 'holidays of 2026', argv: ['calendar', 'holidays', '2026', '--json'], url: '/api/v1/calendar/holidays?year=2026' },
    { name: 'holidays of 2025', argv: ['calendar', 'holidays', '2025', '--json'], url: '/api/v1/calendar/holidays?year=2025' },
    { name: 'holidays of a default-rule year', argv: ['calendar', 'holidays', '2030', '--json'], url: '/api/v1/calendar/holidays?year=2030' },
    { name: 'Tết Bính Ngọ', argv: ['calendar', 'lunar', '2026-02-17', '--json'], url: '/api/v1/calendar/lunar?date=2026-02-17' },
    { name: 'a leap month day', argv: ['calendar', 'lunar', '2025-07-30', '--json'], url: '/api/v1/calendar/lunar?date=2025-07-30' },
    {
      name: '3 working days from a Friday afternoon',
      argv: ['calendar', 'due', '--from', '2026-03-06T14:00:00+07:00', '--days', '3', '--json'],
      url: `/api/v1/calendar/due?from=${encodeURIComponent('2026-03-06T14:00:00+07:00')}&days=3`,
    },
    {
      name: '10 working days across Tết',
      argv: ['calendar', 'due', '--from', '2026-02-12T10:00:00+07:00', '--days', '10', '--json'],
      url: `/api/v1/calendar/due?from=${encodeURIComponent('2026-02-12T10:00:00+07:00')}&days=10`,
    },
    {
      name: '8 working hours after the cut-off',
      argv: ['calendar', 'due', '--from', '2026-03-02T15:30:00+07:00', '--hours', '8', '--json'],
      url: `/api/v1/calendar/due?from=${encodeURIComponent('2026-03-02T15:30:00+07:00')}&hours=8`,
    },
    {
      name: 'within the day for a unit',
      argv: ['calendar', 'due', '--from', '2026-03-02T09:00:00+07:00', '--same-day', '--unit', 'WARD-A', '--json'],
      url: `/api/v1/calendar/due?from=${encodeURIComponent('2026-03-02T09:00:00+07:00')}&sameDay=true&unit=WARD-A`,
    },
  ]
  for (const example of examples) {
    it(`gives the same JSON for ${example.name}`, async () => {
      const fromCli = await cli(example.argv, env)
      assert.equal(fromCli.code, 0, fromCli.stderr)
      const fromApi = await app.inject(example.url)
      assert.equal(fromApi.statusCode, 200)
      assert.deepEqual(JSON.parse(fromCli.stdout), fromApi.json())
    })
  }

  const bad: { name: string; argv: string[]; url: string }[] = [
    { name: 'a two-digit year', argv: ['calendar', 'holidays', '26'], url: '/api/v1/calendar/holidays?year=26' },
    { name: 'an impossible date', argv: ['calendar', 'lunar', '2026-02-30'], url: '/api/v1/calendar/lunar?date=2026-02-30' },
    { name: 'a zero limit', argv: ['calendar', 'due', '--from', '2026-03-02T09:00', '--days', '0'], url: '/api/v1/calendar/due?from=2026-03-02T09:00&days=0' },
    { name: 'two limits', argv: ['calendar', 'due', '--from', '2026-03-02T09:00', '--days', '1', '--hours', '2'], url: '/api/v1/calendar/due?from=2026-03-02T09:00&days=1&hours=2' },
    { name: 'a bad instant', argv: ['calendar', 'due', '--from', 'tomorrow', '--days', '1'], url: '/api/v1/calendar/due?from=tomorrow&days=1' },
  ]
  for (const example of bad) {
    it(`refuses ${example.name}: exit 2 with one line, and 400`, async () => {
      const fromCli = await cli(example.argv, env)
      assert.equal(fromCli.code, 2)
      assert.equal(fromCli.stderr.trim().split('\n').length, 1)
      assert.match(fromCli.stderr, /^congso: /)
      assert.equal((await app.inject(example.url)).statusCode, 400)
    })
  }

  it('edits the schedule from the CLI, audited, and the API follows', async () => {
    const added = await cli(['calendar', 'add-day-off', '2026-03-09', '--name', 'Nghỉ theo quyết định của tỉnh', '--name-en', 'Provincial day off'], env)
    assert.equal(added.code, 0, added.stderr)
    const due = await app.inject(`/api/v1/calendar/due?from=${encodeURIComponent('2026-03-06T14:00:00+07:00')}&days=3`)
    assert.equal(due.json().due, '2026-03-12T17:00:00+07:00')
    const working = await cli(['calendar', 'add-working-day', '2026-03-14', '--name', 'Làm bù'], env)
    assert.equal(working.code, 0, working.stderr)
    const holidays = (await app.inject('/api/v1/calendar/holidays?year=2026')).json()
    assert.ok(holidays.extraWorkingDays.some((d: { date: string }) => d.date === '2026-03-14'))
    const audit = await database.db.selectFrom('audit_log').select(['entity', 'entity_id']).where('entity', '=', 'calendar_day').execute()
    assert.deepEqual(audit.map((a) => a.entity_id).sort(), ['2026-03-09', '2026-03-14'])
    assert.equal((await cli(['calendar', 'remove-day', '2026-03-09'], env)).code, 0)
    // Nothing left to remove: the work fails (exit 1), the arguments were fine.
    assert.equal((await cli(['calendar', 'remove-day', '2026-03-09'], env)).code, 1)
  })
})
