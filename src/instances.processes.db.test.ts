/**
 * Two real app processes (`congso serve`) on one PostgreSQL database, as docs/deployment.md runs
 * them behind a reverse proxy: they start together on an empty database without both migrating;
 * receipts sent to both at the same instant get unique, sequential codes; the scheduled jobs run
 * once across both; every outbox message is sent by one of them, once; and a session started on
 * one is honoured by the other. (SQLite serves one process per database file, so this runs only
 * when TEST_DATABASE_URL is set.)
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { testDialects } from '../test/support/databases.ts'
import type { TestDatabase } from '../test/support/databases.ts'
import { createTestProcedures, TEST_DOCUMENTS } from '../test/support/desk.ts'
import { createTestStaff, createUnitTree, TEST_PASSWORD } from '../test/support/factories.ts'
import { migrations } from './db/migrations/index.ts'
import { instant } from './db/portable.ts'
import { systemClock } from './platform/clock.ts'
import { scheduledJobs } from './jobs.ts'

const postgres = testDialects.find((d) => d.name === 'postgresql')
const BIN = fileURLToPath(new URL('../bin/congso', import.meta.url))
// Shared by both instances, as deployment requires: it signs the CSRF cookie.
const SESSION_SECRET = randomBytes(32).toString('hex')
const RECEIPTS_PER_INSTANCE = 20

/** A running `congso serve` and what it printed. */
interface Instance {
  readonly url: string
  readonly stdout: () => string
  stop(): Promise<number | null>
}

/** Starts `congso serve` on a free port and resolves once it prints its address. */
function serve(databaseUrl: string, filesDir: string): Promise<Instance> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'development',
    // Info, so that each message the log sender "sends" shows as one line.
    LOG_LEVEL: 'info',
    PORT: '0',
    HOST: '127.0.0.1',
    WORKER: 'on',
    SESSION_SECRET,
    FILES_DIR: filesDir,
  }
  for (const name of ['BASE_URL', 'SMTP_URL', 'TRUST_PROXY']) delete env[name]
  return new Promise((resolve, reject) => {
    const child: ChildProcessWithoutNullStreams = spawn(BIN, ['serve'], { env })
    let stdout = ''
    let stderr = ''
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
    const timer = setTimeout(() => reject(new Error(`congso serve printed no address in time:\n${stdout}\n${stderr}`)), 60_000)
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const url = /is listening on (http:\/\/\S+)/.exec(stdout)?.[1]
      if (url) {
        clearTimeout(timer)
        resolve({
          url,
          stdout: () => stdout,
          async stop() {
            child.kill('SIGTERM')
            return exited
          },
        })
      }
    })
    void exited.then((code) => reject(new Error(`congso serve exited early (${code}):\n${stdout}\n${stderr}`)))
  })
}

/** The messages an instance's log sender wrote: "channel recipient subject" per message. */
function loggedMessages(stdout: string): string[] {
  const sent: string[] = []
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue
    const entry = JSON.parse(line) as { msg?: string; outbox?: { channel: string; to: string; subject: string } }
    if (entry.msg === 'message (logged, not sent)' && entry.outbox) sent.push(`${entry.outbox.channel} ${entry.outbox.to} ${entry.outbox.subject}`)
  }
  return sent
}

/** Polls until a condition holds, or fails with what it last saw. */
async function waitFor<T>(what: string, read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 45_000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (isDone(value)) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last saw ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** The cookies of a response's Set-Cookie headers, as "name=value" pairs for a Cookie header. */
function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((header) => header.split(';')[0]!)
}

describe('two app instances on one PostgreSQL database', { skip: postgres ? false : 'set TEST_DATABASE_URL to run it' }, () => {
  let filesDir: string

  before(() => {
    filesDir = mkdtempSync(join(tmpdir(), 'congso-instances-'))
  })
  after(() => rmSync(filesDir, { recursive: true, force: true }))

  it('start at the same instant on an empty database: both serve, and each migration is applied once', async () => {
    const database = await postgres!.open({ migrate: false })
    const instances: Instance[] = []
    try {
      const started = await Promise.allSettled([serve(database.url, filesDir), serve(database.url, filesDir)])
      for (const result of started) if (result.status === 'fulfilled') instances.push(result.value)
      assert.deepEqual(
        started.map((r) => r.status),
        ['fulfilled', 'fulfilled'],
        started.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok')).join('\n'),
      )
      for (const instance of instances) assert.equal((await fetch(`${instance.url}/healthz`)).status, 200)
      const applied = await database.db.selectFrom('kysely_migration' as never).select('name' as never).execute()
      assert.deepEqual((applied as { name: string }[]).map((m) => m.name).sort(), Object.keys(migrations).sort())
    } finally {
      for (const instance of instances) assert.equal(await instance.stop(), 0, 'stops cleanly on SIGTERM')
      await database.close()
    }
  })

  describe('serving together', () => {
    let database: TestDatabase
    let a: Instance
    let b: Instance
    let deskToken: string
    let overdueItemId: number

    before(async () => {
      database = await postgres!.open()
      const deps = { db: database.db, clock: systemClock }
      await createUnitTree(deps)
      await createTestProcedures(deps)
      deskToken = (await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])).token
      const leader = await createTestStaff(deps, 'lead.a', 'WARD-A', ['leader'])
      await database.db.updateTable('staff').set({ email: 'lead.a@congso.example' }).where('id', '=', leader.id).execute()
      // A feedback item past its due date: the escalation job must notify the leader once.
      const now = new Date()
      const ward = await database.db.selectFrom('units').select('id').where('code', '=', 'WARD-A').executeTakeFirstOrThrow()
      const item = await database.db
        .insertInto('feedback_items')
        .values({
          code: 'PA-261101-0001',
          kind: 'report',
          category: 'sanitation',
          unit_id: ward.id,
          description: 'Cống thoát nước bị nghẹt trước chợ.',
          status: 'assigned',
          due_at: instant(new Date(now.getTime() - 86_400_000)),
          token_hash: randomBytes(32).toString('hex'),
          origin: 'portal',
          submitted_at: instant(new Date(now.getTime() - 12 * 86_400_000)),
          updated_at: instant(now),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      overdueItemId = Number(item.id)
      ;[a, b] = await Promise.all([serve(database.url, filesDir), serve(database.url, filesDir)])
    })

    after(async () => {
      const codes = await Promise.all([a?.stop(), b?.stop()])
      await database.close()
      assert.deepEqual(codes, [0, 0], 'both stop cleanly on SIGTERM')
    })

    it('give dossiers received at the same instant on both unique, gapless codes', async () => {
      const receive = (instance: Instance, i: number) =>
        fetch(`${instance.url}/api/v1/dossiers`, {
          method: 'POST',
          headers: { authorization: `Bearer ${deskToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            procedureCode: '9.000003',
            unitCode: 'WARD-A',
            applicant: { fullName: 'Nguyễn Văn An', phone: `09${String(10_000_000 + i)}` },
            documents: [TEST_DOCUMENTS.form, TEST_DOCUMENTS.residence],
            channel: 'counter',
          }),
        })
      const requests: Promise<Response>[] = []
      for (let i = 0; i < RECEIPTS_PER_INSTANCE; i++) requests.push(receive(a, 2 * i), receive(b, 2 * i + 1))
      const responses = await Promise.all(requests)
      const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ code: string }>))
      assert.deepEqual(
        responses.map((r) => r.status),
        requests.map(() => 201),
        JSON.stringify(bodies.filter((_, i) => responses[i]!.status !== 201)),
      )
      // One sequence per agency and Vietnam day: within each, the numbers run 1, 2, 3, … with no gap or repeat.
      const byDay = new Map<string, number[]>()
      for (const { code } of bodies) {
        const [, prefix, sequence] = /^(.+)-(\d{4,})$/.exec(code)!
        byDay.set(prefix!, [...(byDay.get(prefix!) ?? []), Number(sequence)])
      }
      const all = [...byDay.values()].flatMap((sequences) => {
        const sorted = [...sequences].sort((x, y) => x - y)
        assert.deepEqual(sorted, sorted.map((_, i) => i + 1))
        return sorted
      })
      assert.equal(all.length, 2 * RECEIPTS_PER_INSTANCE)
      assert.match(bodies[0]!.code, /^000\.01\.01\.H99-\d{6}-\d{4}$/)
    })

    it('run each scheduled job once across both, and send every outbox message once', async () => {
      const db = database.db
      const messages = await waitFor(
        'the outbox to be delivered and the escalation to run',
        async () => {
          const rows = await db.selectFrom('outbox').select(['channel', 'recipient', 'subject', 'status']).execute()
          const escalations = await db.selectFrom('feedback_events').select('id').where('item_id', '=', overdueItemId).where('action', '=', 'escalate').execute()
          return { rows, escalations: escalations.length }
        },
        ({ rows, escalations }) => escalations > 0 && rows.length > 2 * RECEIPTS_PER_INSTANCE && rows.every((r) => r.status === 'sent'),
      )
      assert.equal(messages.escalations, 1, 'the overdue item is escalated once')
      const escalationNotices = messages.rows.filter((r) => r.recipient === 'lead.a@congso.example')
      assert.equal(escalationNotices.length, 1, 'one notice to the leader')

      // Each (job, slot) is claimed by one worker; the jobs due every few minutes all ran (daily
      // ones only after their hour), each without error.
      const runs = await db.selectFrom('job_runs').select(['job', 'slot', 'error']).execute()
      const jobs = scheduledJobs({ db, clock: systemClock, baseUrl: 'http://localhost' })
      const ran = new Set(runs.map((r) => r.job))
      for (const job of jobs.filter((j) => 'everyMinutes' in j.schedule)) assert.ok(ran.has(job.name), `${job.name} ran`)
      for (const name of ran) assert.ok(jobs.some((j) => j.name === name), `${name} is a known job`)
      assert.equal(new Set(runs.map((r) => `${r.job}|${r.slot}`)).size, runs.length)
      for (const run of runs) assert.equal(run.error, null, `${run.job}: ${run.error}`)

      // Each message is in exactly one instance's log, once.
      const expected = messages.rows.map((r) => `${r.channel} ${r.recipient} ${r.subject}`).sort()
      const sent = [...loggedMessages(a.stdout()), ...loggedMessages(b.stdout())].sort()
      assert.deepEqual(sent, expected)
    })

    it('honour on one instance a session started on the other, with the CSRF token of a third page', async () => {
      // The form comes from A, the sign-in goes to B, the desk is opened on A.
      const form = await fetch(`${a.url}/sign-in`)
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1]
      assert.ok(csrf, 'the sign-in form has a CSRF token')
      const signIn = await fetch(`${b.url}/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(form).join('; ') },
        body: new URLSearchParams({ username: 'desk.a', password: TEST_PASSWORD, _csrf: csrf }).toString(),
      })
      assert.equal(signIn.status, 303, await signIn.text())
      const session = cookiesOf(signIn).find((c) => c.startsWith('congso_session='))
      assert.ok(session, 'B set the session cookie')
      const desk = await fetch(`${a.url}/desk`, { redirect: 'manual', headers: { cookie: session } })
      assert.equal(desk.status, 200, `A honours the session (got ${desk.status} ${desk.headers.get('location') ?? ''})`)
      assert.match(await desk.text(), /Cán bộ desk\.a/)
    })
  })
})
