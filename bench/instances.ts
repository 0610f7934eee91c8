/**
 * One app instance against several on one PostgreSQL database (`npm run bench -- --pg --instances 2`):
 * how the load is shared out, how the figures of parallel wrk runs add up, and the section of
 * BENCHMARKS.md they go to.
 *
 * wrk loads one URL, so N instances get N wrk processes at once, one per instance, each with its
 * share of the connections and threads; their requests per second add up. That is a perfect
 * round-robin balancer that costs nothing, which a real reverse proxy is not: a proxy in front
 * adds its own hop and its own CPU, so these figures are an upper bound for N instances behind
 * nginx on the same machine. A round-robin proxy written for the benchmark would have been worse
 * still: in Node it would take a core of its own and set the ceiling itself.
 */
import type { MachineDescription } from './machine.ts'
import { latency, machineTable, markdownTable, rate, ratio, replaceSection, requestLine, terminalTable, wrkCommand } from './report.ts'
import type { HttpScenario } from './scenario.ts'
import type { WrkResult, WrkSettings } from './wrk.ts'

/** The scenarios an instances run measures by default: the busiest read and the busiest write. */
export const INSTANCE_SCENARIOS: readonly string[] = ['public dossier lookup', 'receive a dossier']

/** One scenario on one instance and on N. */
export interface InstanceRow {
  readonly scenario: HttpScenario
  readonly one: WrkResult | null
  /** The N wrk runs added up (see combineRuns). */
  readonly many: WrkResult | null
  readonly problems: readonly string[]
}

/** Everything an instances run measured, with the circumstances. */
export interface InstancesReport {
  readonly instances: number
  readonly databaseDescription: string
  readonly machine: MachineDescription
  readonly startedAt: Date
  readonly otherCpu: { readonly before: number | null; readonly after: number | null }
  /** The load on one instance; N instances share it out (see splitLoad). */
  readonly wrk: WrkSettings
  readonly warmupSeconds: number
  /** How many dossiers the lookup searches among (BENCH_DOSSIERS). */
  readonly dossiers: number
  readonly rows: readonly InstanceRow[]
}

/**
 * Each wrk's settings when N of them share a load: the connections and threads divided between
 * them (at least one thread each), so the total load is the one a single instance got.
 */
export function splitLoad(settings: WrkSettings, instances: number): WrkSettings {
  const threads = Math.max(1, Math.floor(settings.threads / instances))
  return { ...settings, threads, connections: Math.max(threads, Math.floor(settings.connections / instances)) }
}

/**
 * The figures of wrk runs made at the same time against different instances, as one: requests
 * and requests per second add up, errors too; a percentile cannot be merged from percentiles, so
 * the latencies are the slowest run's, which overstates them slightly rather than hiding a slow instance.
 */
export function combineRuns(runs: readonly WrkResult[]): WrkResult {
  return {
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    requestsPerSecond: runs.reduce((sum, r) => sum + r.requestsPerSecond, 0),
    p50Ms: Math.max(...runs.map((r) => r.p50Ms)),
    p99Ms: Math.max(...runs.map((r) => r.p99Ms)),
    errorResponses: runs.reduce((sum, r) => sum + r.errorResponses, 0),
    socketErrors: runs.reduce((sum, r) => sum + r.socketErrors, 0),
  }
}

const NOT_MEASURED = '—'

/** The table's column headings for N instances. */
function headers(instances: number): string[] {
  return ['Scenario', 'Request', '1 instance req/s', 'p50', 'p99', `${instances} instances req/s`, 'p50', 'p99', `req/s ${instances}/1`]
}

/** The cells of one row, in column order. */
function cells(row: InstanceRow): string[] {
  const { one, many } = row
  return [
    row.problems.length > 0 ? `${row.scenario.name} ⚠` : row.scenario.name,
    requestLine(row.scenario),
    one ? rate(one.requestsPerSecond) : NOT_MEASURED,
    one ? latency(one.p50Ms) : NOT_MEASURED,
    one ? latency(one.p99Ms) : NOT_MEASURED,
    many ? rate(many.requestsPerSecond) : NOT_MEASURED,
    many ? latency(many.p50Ms) : NOT_MEASURED,
    many ? latency(many.p99Ms) : NOT_MEASURED,
    one && many ? ratio(many.requestsPerSecond, one.requestsPerSecond) : NOT_MEASURED,
  ]
}

/** Every problem of the run, one line each, named by scenario. */
function problemLines(report: InstancesReport): string[] {
  return report.rows.flatMap((row) => row.problems.map((problem) => `${row.scenario.name}: ${problem}`))
}

/** The run as the terminal shows it. */
export function formatInstancesForTerminal(report: InstancesReport): string {
  const split = splitLoad(report.wrk, report.instances)
  const parts = [
    `PostgreSQL, 1 and ${report.instances} app instances, ${rate(report.dossiers)} dossiers · ${wrkCommand(report.wrk)} on one; ${report.instances} × ${wrkCommand(split)} at once on ${report.instances}`,
    '',
    terminalTable(headers(report.instances), report.rows.map(cells), 2),
    '',
  ]
  const problems = problemLines(report)
  if (problems.length > 0) parts.push('Flagged:', ...problems.map((p) => `  ⚠ ${p}`), '')
  return parts.join('\n')
}

const BEGIN = '<!-- bench:instances:postgresql:begin -->'
const END = '<!-- bench:instances:postgresql:end -->'

/** The instances section of BENCHMARKS.md for a run, markers included. */
export function formatInstancesSection(report: InstancesReport): string {
  const when = `${report.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`
  const split = splitLoad(report.wrk, report.instances)
  const lines = [
    BEGIN,
    '## Several app instances (PostgreSQL)',
    '',
    `Measured ${when} at commit \`${report.machine.commit}\`, among ${rate(report.dossiers)} generated dossiers (\`BENCH_DOSSIERS\`).`,
    '',
    machineTable({ ...report, database: 'postgresql' }),
    '',
    `Settings: one instance gets \`${wrkCommand(report.wrk)}\`; ${report.instances} instances on the same database get ` +
      `${report.instances} wrk processes at once, one per instance, each \`${wrkCommand(split)}\`, and their requests per ` +
      'second are added up (as a balancer that costs nothing would share them; a real reverse proxy adds a hop). ' +
      `Latencies of ${report.instances} instances are the slower wrk run's percentiles. Each measurement after a ` +
      `${report.warmupSeconds} s warm-up; the apps run with \`NODE_ENV=production LOG_LEVEL=warn WORKER=off\`. ` +
      'wrk, the apps and PostgreSQL share the machine\'s cores: on a machine with few cores a second instance competes ' +
      'with the first for them, so the ratio says more on a larger machine.',
    '',
    markdownTable(headers(report.instances), report.rows.map(cells), 2),
  ]
  const problems = problemLines(report)
  if (problems.length > 0) lines.push('', '**Flagged** — these figures are not to be trusted as they stand:', '', ...problems.map((p) => `- ⚠ ${p}`))
  lines.push(END)
  return lines.join('\n')
}

/** Replaces the instances section of BENCHMARKS.md (appending it the first time). */
export function writeInstancesSection(path: string, report: InstancesReport): void {
  replaceSection(path, BEGIN, END, formatInstancesSection(report))
}
