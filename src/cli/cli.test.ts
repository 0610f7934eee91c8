/**
 * The real `bin/congso`, run as a subprocess on a fresh SQLite file: what a user or a script sees
 * (exit codes, one-line errors, output) and what the commands leave in the database.
 */
import assert from 'node:assert/strict'
import { execFile, spawn } from 'node:child_process'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import SqliteDatabase from 'better-sqlite3'
import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { PROCEDURE_CATALOGUE } from '../features/procedures/procedure.catalogue-data.ts'
import { signIn } from '../features/units/index.ts'
import { systemClock } from '../platform/clock.ts'

const BIN = fileURLToPath(new URL('../../bin/congso', import.meta.url))

/** What a finished run of congso produced. */
interface Result {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** The environment of a run: this process's, minus settings that would make runs differ. */
function envFor(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', NODE_ENV: 'development', ...extra }
  for (const name of ['PORT', 'HOST', 'BASE_URL', 'SESSION_SECRET', 'SMTP_URL', 'WORKER']) if (!(name in extra)) delete env[name]
  return env
}

/** Runs congso to completion. */
function congso(args: string[], env: Record<string, string | undefined>): Promise<Result> {
  return new Promise((resolve) => {
    execFile(BIN, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/** The lines of an output, without the trailing empty one. */
function lines(text: string): string[] {
  return text.split('\n').filter((line, i, all) => !(i === all.length - 1 && line === ''))
}

/** Asserts a usage error: exit 2, nothing on stdout, exactly one "congso: …" line on stderr. */
function assertUsageError(result: Result, pattern: RegExp): void {
  assert.equal(result.code, 2, `exit code (stderr: ${result.stderr})`)
  assert.equal(result.stdout, '')
  assert.equal(lines(result.stderr).length, 1, `one line: ${JSON.stringify(result.stderr)}`)
  assert.match(result.stderr, /^congso: /)
  assert.match(result.stderr, pattern)
}

describe('congso (subprocess)', () => {
  let dir: string
  let dbPath: string
  let env: Record<string, string | undefined>

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'congso-cli-'))
    dbPath = join(dir, 'x.sqlite')
    env = envFor(`sqlite:${dbPath}`)
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('shows help for the program and for every command and subcommand', async () => {
    const paths = [
      [],
      ['serve'],
      ['demo'],
      ['migrate'],
      ['migrate', 'up'],
      ['migrate', 'down'],
      ['migrate', 'status'],
      ['seed'],
      ['seed', 'demo'],
      ['user'],
      ['user', 'add'],
      ['user', 'list'],
      ['user', 'disable'],
      ['user', 'enable'],
      ['user', 'reset-password'],
      ['token'],
      ['token', 'create'],
      ['audit'],
      ['audit', 'verify'],
      ['apikey'],
      ['apikey', 'create'],
      ['apikey', 'list'],
      ['apikey', 'revoke'],
      ['search'],
      ['search', 'reindex'],
    ]
    const results = await Promise.all(paths.map((path) => congso([...path, '--help'], env)))
    results.forEach((result, i) => {
      const path = ['congso', ...paths[i]!].join(' ')
      assert.equal(result.code, 0, `${path} --help exits 0`)
      assert.ok(result.stdout.startsWith(`Usage: ${path} `), `${path} --help shows its usage:\n${result.stdout}`)
      assert.equal(result.stderr, '')
    })
    assert.match(results[10]!.stdout, /--role <role\.\.\.>/)
  })

  it('exits 2 with one line on an unknown command, a bad option, a missing value or a missing subcommand', async () => {
    assertUsageError(await congso(['frobnicate'], env), /unknown command 'frobnicate'/)
    assertUsageError(await congso(['migrate', 'status', '--verbose'], env), /unknown option '--verbose'/)
    assertUsageError(await congso(['token', 'create'], env), /--user/)
    assertUsageError(await congso(['token', 'create', '--user'], env), /argument missing/)
    assertUsageError(await congso(['migrate'], env), /'migrate' needs a command \(up, down, status\)/)
  })

  it('names the variable and exits 2 on a malformed configuration', async () => {
    assertUsageError(await congso(['migrate', 'status'], { ...env, PORT: 'abc' }), /^congso: PORT: must be a port number/)
    assertUsageError(await congso(['migrate', 'status'], { ...env, DATABASE_URL: 'mysql://x' }), /^congso: DATABASE_URL: /)
  })

  it('refuses to work on a database with pending migrations', async () => {
    const result = await congso(['user', 'list'], env)
    assert.equal(result.code, 1)
    assert.match(result.stderr, /pending migration.*congso migrate up/)
  })

  it('migrates up, then reports every migration as applied', async () => {
    const up = await congso(['migrate', 'up'], env)
    assert.equal(up.code, 0, up.stderr)
    assert.match(up.stdout, /^applied {2}2026-/m)
    const status = await congso(['migrate', 'status'], env)
    assert.equal(status.code, 0, status.stderr)
    assert.doesNotMatch(status.stdout, /pending/)
    assert.match(status.stdout, /Up to date\./)
    assert.match((await congso(['migrate', 'up'], env)).stdout, /nothing to apply/)
  })

  it('seeds the demo once, with progress lines, and refuses a second time', async () => {
    const first = await congso(['seed', 'demo'], env)
    assert.equal(first.code, 0, first.stderr)
    assert.match(first.stdout, /^admin +congso-demo-2026 +admin +Thị xã Tân Uyên$/m)
    assert.match(first.stdout, /^motcua\.uyenhung +congso-demo-2026 +desk_officer +Phường Uyên Hưng$/m)
    assert.match(first.stdout, /DEMO DATA/)
    // Not a terminal, so plain progress lines rather than a redrawn bar.
    assert.match(first.stderr, /^Seeding the demo town: (\d+)\/\1 \(100%\)$/m)
    assert.ok(!first.stderr.includes('\u001b['), 'no terminal escape codes')

    const second = await congso(['seed', 'demo'], env)
    assert.equal(second.code, 1)
    assert.equal(lines(second.stderr).length, 1)
    assert.match(second.stderr, /^congso: the database already holds data/)
    const sqlite = new SqliteDatabase(dbPath, { readonly: true })
    try {
      assert.equal((sqlite.prepare('select count(*) as n from units').get() as { n: number }).n, 14)
    } finally {
      sqlite.close()
    }
  })

  it('indexes the seeded procedures for search, and rebuilds the index type by type with progress lines', async () => {
    /** Documents in the index, by type. */
    const indexed = () => {
      const sqlite = new SqliteDatabase(dbPath, { readonly: true })
      try {
        const rows = sqlite.prepare('select doc_type as type, count(*) as n from search_documents group by doc_type').all() as { type: string; n: number }[]
        return Object.fromEntries(rows.map((r) => [r.type, r.n]))
      } finally {
        sqlite.close()
      }
    }
    const seeded = indexed()
    assert.equal(seeded.procedure, PROCEDURE_CATALOGUE.length)

    const result = await congso(['search', 'reindex'], env)
    assert.equal(result.code, 0, result.stderr)
    for (const type of ['news', 'procedure', 'feedback']) {
      const count = Number(new RegExp(`^${type}: (\\d+) document\\(s\\) indexed\\.$`, 'm').exec(result.stdout)?.[1])
      assert.equal(count, seeded[type] ?? 0, `${type}: the rebuild finds what the seed indexed`)
      assert.match(result.stderr, new RegExp(`^Indexing ${type}: (\\d+)/\\1 \\(100%\\)$`, 'm'))
    }
    assert.deepEqual(indexed(), seeded)

    const one = await congso(['search', 'reindex', '--type', 'procedure'], env)
    assert.equal(one.code, 0, one.stderr)
    assert.equal(one.stdout, `procedure: ${PROCEDURE_CATALOGUE.length} document(s) indexed.\n`)
    assertUsageError(await congso(['search', 'reindex', '--type', 'dossier'], env), /--type: expected one of news, procedure, feedback, got "dossier"/)
  })

  it('adds, lists, resets the password of, disables and enables a user', async () => {
    const add = await congso(['user', 'add', '--username', 'hoa.vo', '--name', 'Võ Thị Hoa', '--unit', '25888', '--role', 'desk_officer', '--role', 'specialist'], env)
    assert.equal(add.code, 0, add.stderr)
    assert.match(add.stdout, /Created hoa\.vo \(Võ Thị Hoa\) on Phường Uyên Hưng; roles: desk_officer, specialist\./)
    assert.match(add.stdout, /Generated password \(shown once\): \S{10,}/)

    const list = await congso(['user', 'list', '--json'], env)
    assert.equal(list.code, 0, list.stderr)
    const staff = JSON.parse(list.stdout) as { username: string; isDisabled: boolean; grants: { role: string }[] }[]
    assert.equal(staff.length, 52)
    const hoa = staff.find((s) => s.username === 'hoa.vo')
    assert.deepEqual(hoa?.grants.map((g) => g.role).sort(), ['desk_officer', 'specialist'])
    assert.match((await congso(['user', 'list'], env)).stdout, /^hoa\.vo +Võ Thị Hoa +Phường Uyên Hưng +desk_officer, specialist +active$/m)

    const reset = await congso(['user', 'reset-password', 'hoa.vo'], env)
    assert.equal(reset.code, 0, reset.stderr)
    const password = lines(reset.stdout).at(-1)!
    assert.ok(password.length >= 10)
    const database = openDatabase(loadConfig({ DATABASE_URL: `sqlite:${dbPath}` }))
    try {
      assert.ok((await signIn({ db: database.db, clock: systemClock }, 'hoa.vo', password)).staffId > 0)
    } finally {
      await database.close()
    }

    const disable = await congso(['user', 'disable', 'hoa.vo'], env)
    assert.equal(disable.code, 0, disable.stderr)
    assert.match((await congso(['user', 'list'], env)).stdout, /^hoa\.vo .* disabled$/m)
    assert.equal((await congso(['user', 'enable', 'hoa.vo'], env)).code, 0)
    assert.match((await congso(['user', 'list'], env)).stdout, /^hoa\.vo .* active$/m)
  })

  it('treats an invalid role, an unknown unit or an unknown user as bad arguments (exit 2)', async () => {
    assertUsageError(await congso(['user', 'add', '--username', 'x.y', '--name', 'Lê Văn A', '--unit', '25888', '--role', 'mayor'], env), /'mayor' is invalid/)
    assertUsageError(await congso(['user', 'add', '--username', 'x.y', '--name', 'Lê Văn A', '--unit', '99999'], env), /--unit/)
    assertUsageError(await congso(['user', 'disable', 'nobody'], env), /no user named "nobody"/)
    const taken = await congso(['user', 'add', '--username', 'admin', '--name', 'Lê Văn A', '--unit', '723'], env)
    assert.equal(taken.code, 1, 'a taken username is a conflict, not a usage error')
    assert.match(taken.stderr, /^congso: .*--username/)
  })

  it('creates an API token, alone on the last line, that authenticates GET /api/v1/staff', async () => {
    const result = await congso(['token', 'create', '--user', 'admin', '--name', 'test'], env)
    assert.equal(result.code, 0, result.stderr)
    const token = lines(result.stdout).at(-1)!
    assert.match(token, /^cst_[A-Za-z0-9_-]{40,}$/)

    const config = loadConfig({ DATABASE_URL: `sqlite:${dbPath}`, LOG_LEVEL: 'silent' })
    const database = openDatabase(config)
    const app = await buildApp({ config, db: database.db, dialect: database.dialect, clock: systemClock, logger: false })
    try {
      const ok = await app.inject({ method: 'GET', url: '/api/v1/staff', headers: { authorization: `Bearer ${token}` } })
      assert.equal(ok.statusCode, 200, ok.body)
      assert.ok((ok.json() as { username: string }[]).some((s) => s.username === 'motcua.thanhhoi'))
      const bad = await app.inject({ method: 'GET', url: '/api/v1/staff', headers: { authorization: `Bearer ${token}x` } })
      assert.equal(bad.statusCode, 401)
    } finally {
      await app.close()
      await database.close()
    }
  })

  it('creates an Open311 api_key, alone on the last line, that posts a request until it is revoked', async () => {
    const result = await congso(['apikey', 'create', '--name', 'Ứng dụng Tân Uyên số'], env)
    assert.equal(result.code, 0, result.stderr)
    const key = lines(result.stdout).at(-1)!
    assert.match(key, /^o311_[A-Za-z0-9_-]{40,}$/)
    assertUsageError(await congso(['apikey', 'create', '--name', '  '], env), /--name/)
    assertUsageError(await congso(['apikey', 'revoke', 'abc'], env), /<id>/)
    assertUsageError(await congso(['apikey', 'revoke', '999'], env), /no api_key #999/)

    const config = loadConfig({ DATABASE_URL: `sqlite:${dbPath}`, LOG_LEVEL: 'silent' })
    const database = openDatabase(config)
    const app = await buildApp({ config, db: database.db, dialect: database.dialect, clock: systemClock, logger: false })
    const postRequest = (apiKey: string) =>
      app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          api_key: apiKey,
          jurisdiction_id: '25888',
          service_code: 'sanitation',
          address_string: 'Khu phố 1, phường Uyên Hưng',
          description: 'Cống thoát nước bị nghẹt, nước tràn ra đường.',
        }).toString(),
      })
    try {
      const ok = await postRequest(key)
      assert.equal(ok.statusCode, 200, ok.body)
      assert.match((ok.json() as { service_request_id: string }[])[0]!.service_request_id, /^PA-\d{6}-\d{4,}$/)
      assert.equal((await postRequest(`${key}x`)).statusCode, 403)

      const list = await congso(['apikey', 'list'], env)
      assert.equal(list.code, 0, list.stderr)
      const row = /^(\d+) +Ứng dụng Tân Uyên số +\S+ \S+ +\S+ \S+ +active$/m.exec(list.stdout)
      assert.ok(row, `listed with its last use:\n${list.stdout}`)
      const revoke = await congso(['apikey', 'revoke', row[1]!], env)
      assert.equal(revoke.code, 0, revoke.stderr)
      assert.match(revoke.stdout, /Revoked api_key #\d+ "Ứng dụng Tân Uyên số"/)
      assert.equal((await postRequest(key)).statusCode, 403)
      assert.match((await congso(['apikey', 'list'], env)).stdout, /Ứng dụng Tân Uyên số .* revoked /)
      const again = await congso(['apikey', 'revoke', row[1]!], env)
      assert.equal(again.code, 1)
      assert.match(again.stderr, /^congso: api_key #\d+ "Ứng dụng Tân Uyên số" was already revoked$/m)
    } finally {
      await app.close()
      await database.close()
    }
  })

  it('verifies the audit log, and names the entry edited or deleted by hand', async () => {
    const intact = await congso(['audit', 'verify'], env)
    assert.equal(intact.code, 0, intact.stderr)
    const entries = Number(/Audit log intact: (\d+) entries\./.exec(intact.stdout)?.[1])
    assert.ok(entries >= 65, intact.stdout)
    assert.match(intact.stderr, new RegExp(`^Verifying the audit log: ${entries}/${entries} \\(100%\\)$`, 'm'))

    const sqlite = new SqliteDatabase(dbPath)
    try {
      const original = sqlite.prepare('select actor_label from audit_log where seq = 20').get() as { actor_label: string }
      sqlite.prepare("update audit_log set actor_label = 'mallory' where seq = 20").run()
      const edited = await congso(['audit', 'verify'], env)
      assert.equal(edited.code, 1)
      assert.equal(lines(edited.stderr).filter((l) => l.startsWith('congso: ')).length, 1)
      assert.match(edited.stderr, /^congso: audit log broken at entry 20 of \d+: entry 20 was altered$/m)

      sqlite.prepare('update audit_log set actor_label = ? where seq = 20').run(original.actor_label)
      assert.equal((await congso(['audit', 'verify'], env)).code, 0)

      sqlite.prepare('delete from audit_log where seq = ?').run(entries)
      const deleted = await congso(['audit', 'verify'], env)
      assert.notEqual(deleted.code, 0)
      assert.match(deleted.stderr, new RegExp(`^congso: audit log broken at entry ${entries} .*missing`, 'm'))
    } finally {
      sqlite.close()
    }
  })
})

/** A running `congso demo` and what it printed so far. */
interface DemoRun {
  readonly child: ChildProcessWithoutNullStreams
  readonly url: string
  readonly stdout: () => string
  readonly exited: Promise<number | null>
}

/** Starts `congso demo` on a free port and waits until it prints its URL. */
function startDemo(env: Record<string, string | undefined>, cwd?: string): Promise<DemoRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['demo'], { env: { ...env, PORT: '0', HOST: '127.0.0.1' }, ...(cwd ? { cwd } : {}) })
    let stdout = ''
    let stderr = ''
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
    const timer = setTimeout(() => reject(new Error(`demo printed no URL in time:\n${stdout}\n${stderr}`)), 60_000)
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const url = /running at (http:\/\/\S+)/.exec(stdout)?.[1]
      // Wait for the closing line too, so the whole table has been printed.
      if (url && /Press Ctrl\+C to stop\./.test(stdout)) {
        clearTimeout(timer)
        resolve({ child, url, stdout: () => stdout, exited })
      }
    })
    void exited.then((code) => reject(new Error(`demo exited early (${code}):\n${stdout}\n${stderr}`)))
  })
}

describe('congso demo (subprocess)', () => {
  let dir: string

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'congso-demo-'))
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('seeds on the first run only, serves, stops on SIGTERM, and keeps the data for the second run', async () => {
    const env = envFor(`sqlite:${join(dir, 'demo.sqlite')}`)

    // Started from another folder, as a service manager or `npx` elsewhere would: pages must still render.
    const first = await startDemo(env, dir)
    assert.match(first.stdout(), /Seeded the demo town into the empty database\./)
    const home = await fetch(`${first.url}/`)
    assert.equal(home.status, 200)
    assert.match(await home.text(), /<html lang="vi"/)
    assert.match(first.stdout(), /^chutich\.uyenhung +congso-demo-2026 +leader +Phường Uyên Hưng$/m)
    const health = await fetch(`${first.url}/healthz`)
    assert.equal(health.status, 200)
    assert.deepEqual(await health.json(), { status: 'ok', database: 'sqlite' })
    first.child.kill('SIGTERM')
    assert.equal(await first.exited, 0, 'stops cleanly on SIGTERM')

    const second = await startDemo(env)
    try {
      assert.match(second.stdout(), /The database already holds data; the demo was not seeded again\./)
      // The sign-ins are still printed, so a second `npm start` still says how to sign in.
      assert.match(second.stdout(), /^admin +congso-demo-2026 +admin/m)
      const units = (await (await fetch(`${second.url}/api/v1/units`)).json()) as unknown[]
      assert.equal(units.length, 14)
    } finally {
      second.child.kill('SIGTERM')
      assert.equal(await second.exited, 0)
    }
    const sqlite = new SqliteDatabase(join(dir, 'demo.sqlite'), { readonly: true })
    try {
      assert.equal((sqlite.prepare('select count(*) as n from units').get() as { n: number }).n, 14)
      assert.equal((sqlite.prepare('select count(*) as n from staff').get() as { n: number }).n, 51)
    } finally {
      sqlite.close()
    }
  })
})
