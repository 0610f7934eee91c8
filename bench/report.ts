/**
 * Presenting a run: the table printed on the terminal and the section of BENCHMARKS.md. Each
 * database has its own section between markers; a run replaces its section and keeps the rest of
 * the file, so SQLite and PostgreSQL figures sit side by side and prose around them survives.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import type { MachineDescription } from './machine.ts'
import type { HttpScenario, MicroResult, MicroScenario } from './scenario.ts'
import type { WrkResult, WrkSettings } from './wrk.ts'

/** Which database a run used; each has its own section of BENCHMARKS.md. */
export type BenchDatabase = 'sqlite' | 'postgresql'

/** One HTTP scenario's figures: the app's, the bare server's, and what went wrong, if anything. */
export interface HttpRow {
  readonly scenario: HttpScenario
  readonly app: WrkResult | null
  readonly bare: WrkResult | null
  /** Why these figures cannot be trusted as they stand (error responses, socket errors, …). */
  readonly problems: readonly string[]
}

/** One micro-benchmark's figures, or what went wrong. */
export interface MicroRow {
  readonly scenario: MicroScenario
  readonly result: MicroResult | null
  readonly problems: readonly string[]
}

/** Everything one run measured, with the circumstances. */
export interface RunReport {
  readonly database: BenchDatabase
  /** The database engine and version, and how it was set up. */
  readonly databaseDescription: string
  readonly machine: MachineDescription
  readonly startedAt: Date
  /** The share of the machine's CPU other processes used just before and just after the run (null: unknown). */
  readonly otherCpu: { readonly before: number | null; readonly after: number | null }
  readonly wrk: WrkSettings
  readonly warmupSeconds: number
  readonly http: readonly HttpRow[]
  readonly micro: readonly MicroRow[]
}

const SECTION_TITLES: Readonly<Record<BenchDatabase, string>> = { sqlite: 'SQLite', postgresql: 'PostgreSQL' }
const NOT_MEASURED = '—'

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

/** Requests or operations per second, with thousands separators. */
export function rate(value: number): string {
  return integerFormat.format(value)
}

/** A latency in milliseconds, with enough digits to tell 0.25 ms from 0.3 ms. */
export function latency(ms: number): string {
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`
}

/** app/bare: two decimals, or two significant digits below 0.1 so that a slow scenario does not read 0.00. */
export function ratio(app: number, bare: number): string {
  if (!(bare > 0)) return NOT_MEASURED
  const value = app / bare
  return value >= 100 ? value.toFixed(0) : value >= 0.1 ? value.toFixed(2) : Number(value.toPrecision(2)).toString()
}

/** The request line of a scenario, e.g. "GET /healthz". */
export function requestLine(scenario: HttpScenario): string {
  const line = `${scenario.method} ${scenario.path}`
  return scenario.connections === undefined ? line : `${line} (${scenario.connections} connection${scenario.connections === 1 ? '' : 's'})`
}

/** The cells of the HTTP table for one row, in column order. */
function httpCells(row: HttpRow): string[] {
  const { app, bare } = row
  return [
    row.problems.length > 0 ? `${row.scenario.name} ⚠` : row.scenario.name,
    requestLine(row.scenario),
    app ? rate(app.requestsPerSecond) : NOT_MEASURED,
    app ? latency(app.p50Ms) : NOT_MEASURED,
    app ? latency(app.p99Ms) : NOT_MEASURED,
    bare ? rate(bare.requestsPerSecond) : NOT_MEASURED,
    bare ? latency(bare.p50Ms) : NOT_MEASURED,
    bare ? latency(bare.p99Ms) : NOT_MEASURED,
    app && bare ? ratio(app.requestsPerSecond, bare.requestsPerSecond) : NOT_MEASURED,
    app && bare ? ratio(app.p50Ms, bare.p50Ms) : NOT_MEASURED,
    app && bare ? ratio(app.p99Ms, bare.p99Ms) : NOT_MEASURED,
  ]
}

const HTTP_HEADERS = ['Scenario', 'Request', 'App req/s', 'App p50', 'App p99', 'Bare req/s', 'Bare p50', 'Bare p99', 'req/s app/bare', 'p50 app/bare', 'p99 app/bare']
const MICRO_HEADERS = ['Benchmark', 'Operations', 'Seconds', 'Operations/s', 'ns/operation']

/** Time per operation in nanoseconds: three significant digits, no exponent. */
function nanosecondsPerOperation(result: MicroResult): string {
  const ns = (result.seconds * 1e9) / result.ops
  return ns >= 100 ? integerFormat.format(ns) : Number(ns.toPrecision(3)).toString()
}

/** The cells of the micro-benchmark table for one row, in column order. */
function microCells(row: MicroRow): string[] {
  const result = row.result
  return [
    row.problems.length > 0 ? `${row.scenario.name} ⚠` : row.scenario.name,
    result ? integerFormat.format(result.ops) : NOT_MEASURED,
    result ? result.seconds.toFixed(3) : NOT_MEASURED,
    result ? rate(result.ops / result.seconds) : NOT_MEASURED,
    result ? nanosecondsPerOperation(result) : NOT_MEASURED,
  ]
}

/** A Markdown table; every column but the first two (names) is right-aligned, as numbers are. */
export function markdownTable(headers: readonly string[], rows: readonly string[][], textColumns: number): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|')
  const line = (cells: readonly string[]) => `| ${cells.map(escape).join(' | ')} |`
  const rule = headers.map((_, i) => (i < textColumns ? '---' : '--:'))
  return [line(headers), line(rule), ...rows.map(line)].join('\n')
}

/** A plain-text table for the terminal, columns padded to their widest cell. */
export function terminalTable(headers: readonly string[], rows: readonly string[][], textColumns: number): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i < textColumns ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd()
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

/** Every problem of the run, one line each, named by scenario. */
function problemLines(report: RunReport): string[] {
  return [...report.http, ...report.micro].flatMap((row) => row.problems.map((problem) => `${row.scenario.name}: ${problem}`))
}

/** How much CPU other processes took, e.g. "1% of the CPU in the second before the run, 3% in the second after". */
export function otherCpuText(report: Pick<RunReport, 'database' | 'otherCpu'>): string {
  const percent = (share: number | null) => (share === null ? 'unknown' : `${Math.round(share * 100)}%`)
  const { before, after } = report.otherCpu
  // PostgreSQL runs outside our process tree; after a run that wrote it is still vacuuming.
  const postgres = report.database === 'postgresql' ? " (PostgreSQL's own work counts as other)" : ''
  return `${percent(before)} of the CPU in the second before the run, ${percent(after)} in the second after${postgres}`
}

/** The wrk command line the settings stand for, as the reader would type it. */
export function wrkCommand(settings: WrkSettings): string {
  return `wrk --threads=${settings.threads} --connections=${settings.connections} --duration=${settings.durationSeconds}s --latency`
}

/** The run as the terminal shows it. */
export function formatForTerminal(report: RunReport): string {
  const parts = [`${SECTION_TITLES[report.database]} · ${wrkCommand(report.wrk)}`, `Other processes: ${otherCpuText(report)}`, '']
  if (report.http.length > 0) parts.push(terminalTable(HTTP_HEADERS, report.http.map(httpCells), 2), '')
  if (report.micro.length > 0) parts.push(terminalTable(MICRO_HEADERS, report.micro.map(microCells), 1), '')
  const problems = problemLines(report)
  if (problems.length > 0) parts.push('Flagged:', ...problems.map((p) => `  ⚠ ${p}`), '')
  return parts.join('\n')
}

/** The markers around a database's section; the file is edited only between them. */
function markers(database: BenchDatabase): { begin: string; end: string } {
  return { begin: `<!-- bench:${database}:begin -->`, end: `<!-- bench:${database}:end -->` }
}

/** The table describing the machine, the database and how busy the machine was, for a section. */
export function machineTable(report: Pick<RunReport, 'machine' | 'databaseDescription' | 'database' | 'otherCpu'>): string {
  const { machine } = report
  return markdownTable(
    ['Machine', 'Description'],
    [
      ['CPU', machine.cpu],
      ['Cores', String(machine.cores)],
      ['Memory', machine.memory],
      ['OS', machine.os],
      ['Node', machine.node],
      ['wrk', machine.wrk],
      ['Database', report.databaseDescription],
      ['Other processes', otherCpuText(report)],
    ],
    2,
  )
}

/** A database's section of BENCHMARKS.md for a run, markers included. */
export function formatSection(report: RunReport): string {
  const { machine } = report
  const { begin, end } = markers(report.database)
  const when = `${report.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`
  const lines = [
    begin,
    `## ${SECTION_TITLES[report.database]}`,
    '',
    `Measured ${when} at commit \`${machine.commit}\`.`,
    '',
    machineTable(report),
    '',
    `Settings: \`${wrkCommand(report.wrk)}\` against each server in turn, each measurement after a ` +
      `${report.warmupSeconds} s warm-up run with the same settings; the app runs with ` +
      '`NODE_ENV=production LOG_LEVEL=warn WORKER=off`. wrk, the app and the bare server share the ' +
      'machine\'s cores. Latencies are wrk\'s 50th and 99th percentiles; "app/bare" divides the ' +
      "app's figure by the bare node:http server's from the same run. A row named \"… (floor)\" " +
      'sends its request to the floor server instead of the app: the same answer written by hand on ' +
      'node:http and better-sqlite3 with nothing of the app around it (bench/floor-server.ts), the ' +
      'most any implementation on this stack could reach here.',
    '',
    '### HTTP',
    '',
    report.http.length > 0 ? markdownTable(HTTP_HEADERS, report.http.map(httpCells), 2) : '_No HTTP scenario in this run._',
    '',
    '### Micro-benchmarks',
    '',
    report.micro.length > 0 ? markdownTable(MICRO_HEADERS, report.micro.map(microCells), 1) : '_None yet._',
  ]
  const problems = problemLines(report)
  if (problems.length > 0) lines.push('', '**Flagged** — these figures are not to be trusted as they stand:', '', ...problems.map((p) => `- ⚠ ${p}`))
  lines.push(end)
  return lines.join('\n')
}

/** The file as first written, before any run: the introduction and an empty section per database. */
function newFile(): string {
  const placeholder = (database: BenchDatabase, command: string) => {
    const { begin, end } = markers(database)
    return [begin, `## ${SECTION_TITLES[database]}`, '', `_Not measured yet: \`${command}\`._`, end].join('\n')
  }
  return [
    '# Benchmarks',
    '',
    'Figures written by `npm run bench`; how to run them and how to read them is in',
    '[bench/README.md](bench/README.md). Each database has its own section, replaced whole by the',
    'next full run on that database; text outside the sections is kept.',
    '',
    placeholder('sqlite', 'npm run bench'),
    '',
    placeholder('postgresql', 'npm run bench -- --pg'),
    '',
  ].join('\n')
}

/** Replaces the run's database section in BENCHMARKS.md (creating the file or section if missing). */
export function writeBenchmarksFile(path: string, report: RunReport): void {
  const { begin, end } = markers(report.database)
  replaceSection(path, begin, end, formatSection(report))
}

/**
 * Replaces the text between two markers of BENCHMARKS.md (markers included) with a section that
 * starts and ends with them; appends the section when the markers are missing, and writes the
 * introduction first when the file is.
 */
export function replaceSection(path: string, begin: string, end: string, section: string): void {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    text = newFile()
  }
  const start = text.indexOf(begin)
  const stop = text.indexOf(end, start)
  const updated =
    start >= 0 && stop > start ? `${text.slice(0, start)}${section}${text.slice(stop + end.length)}` : `${text.trimEnd()}\n\n${section}\n`
  writeFileSync(path, updated)
}
