/**
 * What every HTTP measurement does, whatever it compares (app against bare server, one instance
 * against several): check the request once, write its wrk script, warm up, measure, and say what
 * makes the figures untrustworthy.
 */
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { HttpScenario } from './scenario.ts'
import { luaScriptFor, runWrk } from './wrk.ts'
import type { WrkResult, WrkSettings } from './wrk.ts'

const PREFLIGHT_TIMEOUT_MS = 10_000

/** Sends the scenario's request once and answers its status, so a failing request is caught before wrk repeats it. */
export async function preflight(baseUrl: string, scenario: HttpScenario): Promise<number> {
  const response = await fetch(`${baseUrl}${scenario.path}`, {
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS),
  })
  await response.arrayBuffer()
  return response.status
}

/** What went wrong in a wrk run that makes its figures untrustworthy. */
export function problemsOf(target: string, result: WrkResult): string[] {
  const problems: string[] = []
  if (result.errorResponses > 0) problems.push(`${target} answered ${result.errorResponses} of ${result.requests} requests with a status of 400 or more`)
  if (result.socketErrors > 0) problems.push(`${target}: ${result.socketErrors} socket errors (connect, read, write or timeout)`)
  return problems
}

/** Writes the wrk script of a scenario into the run's folder; null for a plain GET, which needs none. */
export function writeScriptFor(scenario: HttpScenario, workDir: string): string | null {
  const script = luaScriptFor(scenario)
  if (script === null) return null
  const path = join(workDir, `request-${randomBytes(4).toString('hex')}.lua`)
  writeFileSync(path, script)
  return path
}

/** How long to warm up before a measurement, and how to abort. */
export interface MeasureOptions {
  readonly wrk: WrkSettings
  readonly warmupSeconds: number
  readonly signal: AbortSignal
}

/** Warms up, then measures one URL with wrk. */
export async function measure(url: string, options: MeasureOptions, scriptPath: string | null): Promise<WrkResult> {
  if (options.warmupSeconds > 0) await runWrk(url, { ...options.wrk, durationSeconds: options.warmupSeconds }, scriptPath, options.signal)
  return runWrk(url, options.wrk, scriptPath, options.signal)
}
