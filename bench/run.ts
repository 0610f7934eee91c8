/**
 * `npm run bench`: measures the app under wrk beside a bare node:http server on the same machine
 * in the same run, and writes the figures with the machine's description to BENCHMARKS.md.
 * Never part of `npm test`: a run takes tens of seconds and its figures depend on the machine.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import { forkChild, REPOSITORY_ROOT } from './child.ts'
import { measureOtherCpu } from './cpu.ts'
import type { RunningChild } from './child.ts'
import { describeMachine } from './machine.ts'
import { formatForTerminal, writeBenchmarksFile } from './report.ts'
import type { BenchDatabase, HttpRow, MicroRow, RunReport } from './report.ts'
import { isMicroScenario } from './scenario.ts'
import type { HttpScenario, MicroScenario, Scenario } from './scenario.ts'
import { scenarios } from './scenarios.ts'
import { measure, preflight, problemsOf, writeScriptFor } from './http.ts'
import { combineRuns, formatInstancesForTerminal, INSTANCE_SCENARIOS, splitLoad, writeInstancesSection } from './instances.ts'
import type { InstanceRow, InstancesReport } from './instances.ts'
import { dossierCount } from './data/desk.ts'
import { findWrk } from './wrk.ts'
import type { WrkResult, WrkSettings } from './wrk.ts'

const USAGE = `Usage: npm run bench -- [options]

Measures each scenario of bench/scenarios.ts with wrk, against the app and against a bare
node:http server, and rewrites this database's section of BENCHMARKS.md.

Options:
  --duration <time>     measured run per server and scenario, e.g. 10, 10s, 1m (default 10s)
  --connections <n>     open connections (default 50)
  --threads <n>         wrk threads (default 2)
  --warmup <time>       warm-up run before each measurement, 0 for none (default 2s)
  --pg                  run against PostgreSQL: BENCH_DATABASE_URL, default
                        postgres://postgres@127.0.0.1:5432/test, in a fresh schema dropped afterwards
  --only <names>        only these scenarios (comma-separated names); BENCHMARKS.md is left alone
  --instances <n>       with --pg: measure the public lookup and receiving on 1 app instance and
                        then on n (2 or more) sharing the database, one wrk per instance at once;
                        rewrites the instances section of BENCHMARKS.md instead
  --no-write            print the figures without touching BENCHMARKS.md
  -h, --help            this text`

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test'
const BENCHMARKS_FILE = join(REPOSITORY_ROOT, 'BENCHMARKS.md')
// Start-up includes migrations and the scenarios' seeding, which may generate a lot of rows: a
// full run on PostgreSQL (1,000,000 dossiers, 200,000 feedback items, 100,000 articles) took
// over five minutes. Progress lines show a long start is alive; this only ends a stuck one.
const APP_START_TIMEOUT_MS = 1_200_000
const BARE_START_TIMEOUT_MS = 30_000
const FLOOR_START_TIMEOUT_MS = 30_000
// A micro-benchmark runs in its own process and is killed past this, so a run always ends.
const MICRO_TIMEOUT_MS = 300_000
// How long to watch the machine before and after the run, and the share of CPU others may use before a warning.
const IDLE_CHECK_MS = 1_000
const BUSY_SHARE = 0.1

/** A bad command line: printed as one line, exit code 2. */
class UsageError extends Error {}

/** The parsed command line. */
interface Options {
  readonly wrk: WrkSettings
  readonly warmupSeconds: number
  readonly database: BenchDatabase
  readonly only: readonly string[] | null
  readonly isWriting: boolean
  /** With --instances: how many app instances to compare with one; null for the usual run. */
  readonly instances: number | null
}

/** Reads "10", "10s" or "1m" as whole seconds. */
function parseSeconds(flag: string, value: string, minimum: number): number {
  const match = /^(\d+)(s|m)?$/.exec(value.trim())
  const seconds = match ? Number(match[1]) * (match[2] === 'm' ? 60 : 1) : Number.NaN
  if (!(seconds >= minimum)) throw new UsageError(`--${flag} must be a whole number of seconds (e.g. 10, 10s, 1m) of at least ${minimum}, got "${value}"`)
  return seconds
}

/** Reads a positive whole number. */
function parseCount(flag: string, value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`--${flag} must be a whole number of at least 1, got "${value}"`)
  return Number(value)
}

/** Parses the command line; throws UsageError on anything it does not understand. */
function parseOptions(argv: string[]): Options | 'help' {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        duration: { type: 'string', default: '10s' },
        connections: { type: 'string', default: '50' },
        threads: { type: 'string', default: '2' },
        warmup: { type: 'string', default: '2s' },
        pg: { type: 'boolean', default: false },
        only: { type: 'string' },
        instances: { type: 'string' },
        'no-write': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values } = parsed
  if (values.help) return 'help'
  const threads = parseCount('threads', values.threads)
  const connections = parseCount('connections', values.connections)
  // wrk gives each thread its share of the connections; with fewer, a thread would have none.
  if (connections < threads) throw new UsageError(`--connections (${connections}) must be at least --threads (${threads})`)
  // A comma before a digit belongs to a name ("search (100,000 articles)"), not between two.
  const only = values.only === undefined ? null : values.only.split(/,(?!\d)/).map((name) => name.trim()).filter(Boolean)
  if (only) {
    const unknown = only.filter((name) => !scenarios.some((s) => s.name === name))
    if (unknown.length > 0) throw new UsageError(`--only: no scenario named ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${scenarios.map((s) => `"${s.name}"`).join(', ')}`)
  }
  let instances: number | null = null
  if (values.instances !== undefined) {
    instances = parseCount('instances', values.instances)
    if (instances < 2) throw new UsageError(`--instances compares one app instance with several: give 2 or more, got ${instances}`)
    // SQLite serves one process per database file; several instances need PostgreSQL.
    if (!values.pg) throw new UsageError('--instances needs --pg: several app instances share one PostgreSQL database')
    const outside = (only ?? []).filter((name) => !INSTANCE_SCENARIOS.includes(name))
    if (outside.length > 0) throw new UsageError(`--instances measures ${INSTANCE_SCENARIOS.map((n) => `"${n}"`).join(' and ')}; --only named ${outside.map((n) => `"${n}"`).join(', ')}`)
    const split = splitLoad({ threads, connections, durationSeconds: 1 }, instances)
    if (split.connections * instances > connections) throw new UsageError(`--connections (${connections}) must be at least ${split.threads * instances} to give each of ${instances} wrk runs a connection per thread`)
  }
  return {
    instances,
    wrk: { threads, connections, durationSeconds: parseSeconds('duration', values.duration, 1) },
    warmupSeconds: parseSeconds('warmup', values.warmup, 0),
    database: values.pg ? 'postgresql' : 'sqlite',
    only,
    // A partial run would leave BENCHMARKS.md mixing rows from different runs and machines.
    isWriting: !values['no-write'] && only === null,
  }
}

/** Refuses a scenario list that would make BENCHMARKS.md ambiguous or target anything but loopback. */
function checkScenarios(list: readonly Scenario[]): void {
  const seen = new Set<string>()
  for (const scenario of list) {
    if (seen.has(scenario.name)) throw new Error(`bench/scenarios.ts: two scenarios are named "${scenario.name}"`)
    seen.add(scenario.name)
    if (!isMicroScenario(scenario) && !scenario.path.startsWith('/')) {
      throw new Error(`bench/scenarios.ts: "${scenario.name}" has path "${scenario.path}"; a path starts with "/"`)
    }
    if (!isMicroScenario(scenario) && scenario.floorOf !== undefined && !list.some((s) => s.name === scenario.floorOf && !isMicroScenario(s) && s.floorOf === undefined)) {
      throw new Error(`bench/scenarios.ts: "${scenario.name}" is the floor of "${scenario.floorOf}", which is not an app scenario`)
    }
  }
}

/** Progress goes to stderr so that stdout holds only the table. */
function progress(line: string): void {
  process.stderr.write(`${line}\n`)
}

/** A database for the app to run on, and how to get rid of it afterwards. */
interface BenchDatabaseHandle {
  readonly url: string
  /** The SQLite file, for the floor server; null on PostgreSQL. */
  readonly sqlitePath: string | null
  readonly description: string
  dispose(): Promise<void>
}

/** A fresh SQLite file in the run's temporary directory (removed with it). */
function sqliteDatabase(workDir: string): BenchDatabaseHandle {
  const probe = new SqliteDatabase(':memory:')
  const version = (probe.prepare('select sqlite_version() as v').get() as { v: string }).v
  probe.close()
  const path = join(workDir, 'bench.sqlite')
  return {
    url: `sqlite:${path}`,
    sqlitePath: path,
    description: `SQLite ${version} (better-sqlite3), a fresh file in a temporary directory`,
    dispose: async () => {},
  }
}

/** A fresh schema in the PostgreSQL database of BENCH_DATABASE_URL, dropped by dispose(). */
async function postgresDatabase(): Promise<BenchDatabaseHandle> {
  const baseUrl = process.env.BENCH_DATABASE_URL?.trim() || DEFAULT_PG_URL
  const url = new URL(baseUrl)
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost' && url.hostname !== '::1') {
    throw new UsageError(`BENCH_DATABASE_URL must point at this machine (127.0.0.1), got host "${url.hostname}"`)
  }
  // Random, so that two runs (or a crashed one) never share tables.
  const schema = `bench_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: baseUrl })
  await admin.connect()
  let version: string
  try {
    version = String((await admin.query('show server_version')).rows[0]?.server_version ?? '?')
    await admin.query(`create schema ${schema}`)
  } finally {
    await admin.end()
  }
  url.searchParams.set('options', `-c search_path=${schema}`)
  return {
    url: url.toString(),
    sqlitePath: null,
    description: `PostgreSQL ${version} on ${url.host}, a fresh schema (pg pool of 10), on the same machine`,
    async dispose() {
      const cleanup = new pg.Client({ connectionString: baseUrl })
      await cleanup.connect()
      try {
        await cleanup.query(`drop schema if exists ${schema} cascade`)
      } finally {
        await cleanup.end()
      }
    },
  }
}

// Aborted on Ctrl-C, so that a wrk started by this run does not outlive it.
const interruption = new AbortController()

/** Warms up, then measures one server with wrk. */
function measureOne(url: string, options: Options, scriptPath: string | null, scenario: HttpScenario): Promise<WrkResult> {
  return measure(url, { wrk: wrkSettingsFor(scenario, options.wrk), warmupSeconds: options.warmupSeconds, signal: interruption.signal }, scriptPath)
}

/** The run's wrk settings, or the scenario's own connection count (with no more threads than connections). */
function wrkSettingsFor(scenario: HttpScenario, settings: WrkSettings): WrkSettings {
  if (scenario.connections === undefined) return settings
  return { ...settings, connections: scenario.connections, threads: Math.min(settings.threads, scenario.connections) }
}

/** Measures one HTTP scenario on the bare server and then on the app (or, for a floor scenario, the floor server). */
async function measureHttp(scenario: HttpScenario, bareUrl: string, appUrl: string, options: Options, workDir: string): Promise<HttpRow> {
  const server = scenario.floorOf === undefined ? 'the app' : 'the floor server'
  const status = await preflight(appUrl, scenario)
  if (status < 200 || status > 299) {
    return { scenario, app: null, bare: null, problems: [`${server} answered ${scenario.method} ${scenario.path} with ${status} before the run; not measured`] }
  }
  const scriptPath = writeScriptFor(scenario, workDir)
  // The bare server answers any method and path; sending it the same request keeps the
  // request-side work (parsing, body) equal, so the ratio isolates what the app adds.
  let bare: WrkResult | null = null
  try {
    progress(`  ${scenario.name}: bare server…`)
    bare = await measureOne(`${bareUrl}${scenario.path}`, options, scriptPath, scenario)
    progress(`  ${scenario.name}: ${scenario.floorOf === undefined ? 'app' : 'floor server'}…`)
    const app = await measureOne(`${appUrl}${scenario.path}`, options, scriptPath, scenario)
    return { scenario, app, bare, problems: [...problemsOf(server, app), ...problemsOf('the bare server', bare)] }
  } catch (error) {
    // One failed wrk run costs its scenario, not the figures of the others.
    return { scenario, app: null, bare, problems: [(error as Error).message.split('\n')[0] ?? 'wrk failed'] }
  }
}

/** Runs one micro-benchmark in its own process. */
async function measureMicro(scenario: MicroScenario): Promise<MicroRow> {
  progress(`  ${scenario.name}…`)
  try {
    const child = await forkChild('./micro.ts', { label: `micro-benchmark "${scenario.name}"`, args: [scenario.name], timeoutMs: MICRO_TIMEOUT_MS })
    await child.stop()
    const message = child.message
    if (message.type !== 'result') throw new Error(`sent "${message.type}" instead of a result`)
    return { scenario, result: { ops: message.ops, seconds: message.seconds }, problems: [] }
  } catch (error) {
    return { scenario, result: null, problems: [(error as Error).message.split('\n')[0] ?? 'failed'] }
  }
}

/** Starts an app child on the run's database; it seeds what the named scenarios need, then listens. */
function startApp(label: string, prefix: string, database: BenchDatabaseHandle, scenarioNames: readonly string[], sessionSecret: string): Promise<RunningChild> {
  return forkChild('./server.ts', {
    label,
    args: scenarioNames,
    // Seeding a million rows takes minutes; its progress lines show the run is alive.
    stderrPrefix: `  ${prefix}: `,
    timeoutMs: APP_START_TIMEOUT_MS,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      // Production settings, so that what is measured is what a locality runs.
      NODE_ENV: 'production',
      // Several instances share one secret, as a deployment must (it signs the CSRF cookie).
      SESSION_SECRET: sessionSecret,
      LOG_LEVEL: 'warn',
      WORKER: 'off',
      // Port 0: the kernel picks a free port, with no race between choosing and binding it.
      PORT: '0',
      HOST: '127.0.0.1',
    },
  })
}

/** The address a started server reported. */
function urlOf(child: RunningChild): string {
  if (child.message.type !== 'ready') throw new Error('a server did not report its address')
  return child.message.url
}

/**
 * Measures each scenario on one app instance, then starts the others on the same database and
 * measures it on all of them at once: one wrk per instance with its share of the load, added up.
 */
async function measureInstances(options: Options, count: number, database: BenchDatabaseHandle, children: RunningChild[], list: readonly HttpScenario[], workDir: string): Promise<InstanceRow[]> {
  const sessionSecret = randomBytes(32).toString('hex')
  progress('Starting app instance 1 (it seeds the data)…')
  const first = await startApp('app instance 1', 'app 1', database, list.map((s) => s.name), sessionSecret)
  children.push(first)
  const urls = [urlOf(first)]
  // isAnswered: the app answered the request with a 2xx before the run, so it is worth measuring on every instance.
  const measured: { scenario: HttpScenario; isAnswered: boolean; scriptPath: string | null; one: WrkResult | null; problems: string[] }[] = []
  progress(`Measuring ${list.length} scenario(s) on one instance, ${options.wrk.durationSeconds} s each after a ${options.warmupSeconds} s warm-up:`)
  for (const scenario of list) {
    const status = await preflight(urls[0]!, scenario)
    if (status < 200 || status > 299) {
      measured.push({ scenario, isAnswered: false, scriptPath: null, one: null, problems: [`the app answered ${scenario.method} ${scenario.path} with ${status} before the run; not measured`] })
      continue
    }
    const scriptPath = writeScriptFor(scenario, workDir)
    progress(`  ${scenario.name}: 1 instance…`)
    try {
      const one = await measureOne(`${urls[0]}${scenario.path}`, options, scriptPath, scenario)
      measured.push({ scenario, isAnswered: true, scriptPath, one, problems: problemsOf('1 instance', one) })
    } catch (error) {
      measured.push({ scenario, isAnswered: true, scriptPath, one: null, problems: [(error as Error).message.split('\n')[0] ?? 'wrk failed'] })
    }
  }
  for (let i = 2; i <= count; i++) {
    progress(`Starting app instance ${i}…`)
    const child = await startApp(`app instance ${i}`, `app ${i}`, database, [], sessionSecret)
    children.push(child)
    urls.push(urlOf(child))
  }
  const split = splitLoad(options.wrk, count)
  const rows: InstanceRow[] = []
  for (const { scenario, isAnswered, scriptPath, one, problems } of measured) {
    if (!isAnswered) {
      rows.push({ scenario, one, many: null, problems })
      continue
    }
    const statuses = await Promise.all(urls.map((url) => preflight(url, scenario)))
    const refused = statuses.findIndex((status) => status < 200 || status > 299)
    if (refused >= 0) {
      rows.push({ scenario, one, many: null, problems: [...problems, `instance ${refused + 1} answered ${statuses[refused]} before the run; ${count} instances not measured`] })
      continue
    }
    progress(`  ${scenario.name}: ${count} instances…`)
    try {
      // All wrk runs (warm-up, then measurement) start together, so they overlap for the whole duration.
      const runs = await Promise.all(urls.map((url) => measure(`${url}${scenario.path}`, { wrk: split, warmupSeconds: options.warmupSeconds, signal: interruption.signal }, scriptPath)))
      const many = combineRuns(runs)
      rows.push({ scenario, one, many, problems: [...problems, ...runs.flatMap((run, i) => problemsOf(`instance ${i + 1}`, run))] })
    } catch (error) {
      rows.push({ scenario, one, many: null, problems: [...problems, (error as Error).message.split('\n')[0] ?? 'wrk failed'] })
    }
  }
  return rows
}

/** wrk and the two servers need the cores to themselves; say so rather than print skewed figures silently. */
function warnIfBusy(otherCpuShare: number | null): void {
  if (otherCpuShare !== null && otherCpuShare > BUSY_SHARE) {
    progress(`bench: warning: other processes use ${Math.round(otherCpuShare * 100)}% of the CPU; figures will be low and noisy`)
  }
}

/** The whole run; answers the process's exit code. */
async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv)
  if (options === 'help') {
    console.log(USAGE)
    return 0
  }
  const wrkVersion = findWrk()
  if (wrkVersion === null) {
    console.error('bench: wrk is not installed; install it with `sudo apt-get install -y wrk` (Debian/Ubuntu) or `brew install wrk` (macOS)')
    return 2
  }
  checkScenarios(scenarios)
  const wanted = options.only ?? (options.instances !== null ? INSTANCE_SCENARIOS : null)
  const selected = wanted ? scenarios.filter((s) => wanted.includes(s.name)) : scenarios
  // The floor server reads SQLite; on PostgreSQL there is no floor to measure.
  const floorsLeftOut = options.database === 'postgresql' ? selected.filter((s) => !isMicroScenario(s) && s.floorOf !== undefined) : []
  const httpScenarios = selected.filter((s): s is HttpScenario => !isMicroScenario(s) && !floorsLeftOut.includes(s))
  const microScenarios = selected.filter(isMicroScenario)

  const startedAt = new Date()
  const machine = describeMachine(wrkVersion, REPOSITORY_ROOT)
  const otherCpuBefore = await measureOtherCpu(IDLE_CHECK_MS)
  warnIfBusy(otherCpuBefore)
  const workDir = mkdtempSync(join(tmpdir(), 'congso-bench-'))
  const children: RunningChild[] = []
  let database: BenchDatabaseHandle | null = null
  // Ctrl-C also reaches the children (same process group); what is left is our own clean-up.
  const onInterrupt = () => {
    interruption.abort()
    void cleanUp().finally(() => process.exit(130))
  }
  // Once only: an interrupt and the unwinding run both get here.
  let cleaning: Promise<void> | null = null
  function cleanUp(): Promise<void> {
    cleaning ??= (async () => {
      await Promise.allSettled(children.map((child) => child.stop()))
      await database?.dispose().catch((error: Error) => progress(`bench: could not drop the PostgreSQL schema: ${error.message}`))
      rmSync(workDir, { recursive: true, force: true })
    })()
    return cleaning
  }
  process.once('SIGINT', onInterrupt)
  process.once('SIGTERM', onInterrupt)

  try {
    database = options.database === 'postgresql' ? await postgresDatabase() : sqliteDatabase(workDir)
    if (options.instances !== null) {
      const rows = await measureInstances(options, options.instances, database, children, httpScenarios, workDir)
      await Promise.allSettled(children.splice(0).map((child) => child.stop()))
      const otherCpuAfter = await measureOtherCpu(IDLE_CHECK_MS)
      warnIfBusy(otherCpuAfter)
      const report: InstancesReport = {
        instances: options.instances,
        databaseDescription: database.description,
        machine,
        startedAt,
        otherCpu: { before: otherCpuBefore, after: otherCpuAfter },
        wrk: options.wrk,
        warmupSeconds: options.warmupSeconds,
        dossiers: dossierCount(),
        rows,
      }
      console.log(formatInstancesForTerminal(report))
      if (options.isWriting) {
        writeInstancesSection(BENCHMARKS_FILE, report)
        progress('Wrote the instances section of BENCHMARKS.md.')
      } else {
        progress('BENCHMARKS.md left alone (--only or --no-write).')
      }
      return rows.some((row) => row.problems.length > 0) ? 1 : 0
    }
    if (floorsLeftOut.length > 0) progress(`Left out (the floor server reads SQLite only): ${floorsLeftOut.map((s) => `"${s.name}"`).join(', ')}`)
    const http: HttpRow[] = []
    if (httpScenarios.length > 0) {
      progress('Starting the bare server and the app…')
      const bare = await forkChild('./bare-server.ts', { label: 'the bare server', timeoutMs: BARE_START_TIMEOUT_MS })
      children.push(bare)
      // A floor scenario measures another scenario's request, so that one's data is seeded too.
      const app = await startApp('the app', 'app', database, httpScenarios.map((s) => s.floorOf ?? s.name), randomBytes(32).toString('hex'))
      children.push(app)
      if (bare.message.type !== 'ready' || app.message.type !== 'ready') throw new Error('a server did not report its address')
      const bareUrl = bare.message.url
      const appUrl = app.message.url
      progress(`Measuring ${httpScenarios.length} HTTP scenario(s), ${options.wrk.durationSeconds} s per server after a ${options.warmupSeconds} s warm-up:`)
      // Started once the app has seeded the file, and only when a floor scenario is chosen.
      const startFloor = async () => {
        const floor = await forkChild('./floor-server.ts', { label: 'the floor server', args: [database?.sqlitePath ?? ''], timeoutMs: FLOOR_START_TIMEOUT_MS })
        children.push(floor)
        return urlOf(floor)
      }
      let floorUrl: string | null = null
      for (const scenario of httpScenarios) {
        const url = scenario.floorOf === undefined ? appUrl : (floorUrl ??= await startFloor())
        http.push(await measureHttp(scenario, bareUrl, url, options, workDir))
      }
      // Stopped before the micro-benchmarks, so that those have the cores to themselves.
      await Promise.allSettled(children.splice(0).map((child) => child.stop()))
    }
    const micro: MicroRow[] = []
    if (microScenarios.length > 0) {
      progress(`Running ${microScenarios.length} micro-benchmark(s):`)
      for (const scenario of microScenarios) micro.push(await measureMicro(scenario))
    }

    const otherCpuAfter = await measureOtherCpu(IDLE_CHECK_MS)
    warnIfBusy(otherCpuAfter)
    const report: RunReport = {
      database: options.database,
      databaseDescription: database.description,
      machine,
      startedAt,
      otherCpu: { before: otherCpuBefore, after: otherCpuAfter },
      wrk: options.wrk,
      warmupSeconds: options.warmupSeconds,
      http,
      micro,
    }
    console.log(formatForTerminal(report))
    if (options.isWriting) {
      writeBenchmarksFile(BENCHMARKS_FILE, report)
      progress(`Wrote the ${options.database} section of BENCHMARKS.md.`)
    } else {
      progress('BENCHMARKS.md left alone (--only or --no-write).')
    }
    const isFlagged = [...http, ...micro].some((row) => row.problems.length > 0)
    return isFlagged ? 1 : 0
  } finally {
    process.off('SIGINT', onInterrupt)
    process.off('SIGTERM', onInterrupt)
    await cleanUp()
  }
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`bench: ${error.message}`)
    process.exitCode = 2
  } else {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}
