/**
 * Driving wrk: finding it, writing the Lua script that sets a scenario's method, body and headers,
 * running it with a hard time limit, and parsing the figures out of its `--latency` report.
 */
import { execFile, spawnSync } from 'node:child_process'
import type { HttpMethod } from './scenario.ts'

/** How wrk loads the server. */
export interface WrkSettings {
  readonly threads: number
  readonly connections: number
  readonly durationSeconds: number
}

/** The figures of one wrk run. */
export interface WrkResult {
  readonly requests: number
  readonly requestsPerSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  /** Responses with a status of 400 or more: wrk counts 3xx as successes (the harness checks those once before the run). */
  readonly errorResponses: number
  /** Connect, read, write and timeout errors added up. */
  readonly socketErrors: number
}

/** The request a wrk run repeats. */
export interface WrkRequest {
  readonly method: HttpMethod
  readonly body?: string
  readonly headers?: Readonly<Record<string, string>>
}

/** The version line of the wrk on PATH (e.g. "wrk debian/4.1.0-3+b2 [epoll]"), or null when there is none. */
export function findWrk(): string | null {
  const result = spawnSync('wrk', ['--version'], { encoding: 'utf8', timeout: 10_000 })
  if (result.error) return null
  // wrk prints its version with the usage text and exits non-zero; only the first line matters.
  const line = `${result.stdout}${result.stderr}`.split('\n')[0] ?? ''
  return /^wrk\b/.test(line) ? line.replace(/\s+Copyright.*$/, '').trim() : null
}

/** Quotes text as a Lua string literal: printable ASCII as is, every other byte as a \ddd escape. */
function luaString(text: string): string {
  let out = '"'
  for (const byte of Buffer.from(text, 'utf8')) {
    const isPlain = byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c
    // Three digits always, so that a following digit is never read as part of the escape.
    out += isPlain ? String.fromCharCode(byte) : `\\${byte.toString().padStart(3, '0')}`
  }
  return `${out}"`
}

/** The Lua script that makes wrk send this request, or null for a plain GET (no script needed). */
export function luaScriptFor(request: WrkRequest): string | null {
  const headers = Object.entries(request.headers ?? {})
  if (request.method === 'GET' && request.body === undefined && headers.length === 0) return null
  // Only wrk.method/body/headers: a request() or response() function would run Lua on every
  // request and measure wrk's scripting instead of the server.
  const lines = [`wrk.method = ${luaString(request.method)}`]
  if (request.body !== undefined) lines.push(`wrk.body = ${luaString(request.body)}`)
  for (const [name, value] of headers) lines.push(`wrk.headers[${luaString(name)}] = ${luaString(value)}`)
  return `${lines.join('\n')}\n`
}

const TIME_UNITS_MS: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** Reads one line of wrk's latency distribution ("     99%    5.80ms") in milliseconds. */
function percentileMs(report: string, percent: 50 | 99): number {
  const match = new RegExp(`^\\s*${percent}(?:\\.0+)?%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$`, 'm').exec(report)
  if (!match) throw new Error(`wrk's report has no ${percent}% latency line (was --latency passed?)`)
  return Number(match[1]) * (TIME_UNITS_MS[match[2] ?? ''] ?? Number.NaN)
}

/** Parses the text wrk prints with --latency into figures; throws when a figure is missing. */
export function parseWrkReport(report: string): WrkResult {
  const rate = /^Requests\/sec:\s+([\d.]+)\s*$/m.exec(report)
  const total = /^\s*(\d+) requests in /m.exec(report)
  if (!rate || !total) throw new Error('wrk\'s report has no "Requests/sec" or "requests in" line')
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(report)
  const errorResponses = /Non-2xx or 3xx responses: (\d+)/.exec(report)
  return {
    requests: Number(total[1]),
    requestsPerSecond: Number(rate[1]),
    p50Ms: percentileMs(report, 50),
    p99Ms: percentileMs(report, 99),
    errorResponses: errorResponses ? Number(errorResponses[1]) : 0,
    socketErrors: socket ? socket.slice(1, 5).reduce((sum, n) => sum + Number(n), 0) : 0,
  }
}

/** Runs wrk once against a loopback URL and returns its figures; killed if it overruns its duration or on abort. */
export function runWrk(url: string, settings: WrkSettings, scriptPath: string | null, signal?: AbortSignal): Promise<WrkResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`refusing to load anything but the loopback interface: ${url}`)
  const args = [
    `--threads=${settings.threads}`,
    `--connections=${settings.connections}`,
    `--duration=${settings.durationSeconds}s`,
    '--latency',
    ...(scriptPath ? [`--script=${scriptPath}`] : []),
    url,
  ]
  // wrk stops itself after --duration; the margin covers start-up and its final timeouts.
  const limitMs = (settings.durationSeconds + 30) * 1000
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { encoding: 'utf8', timeout: limitMs, killSignal: 'SIGKILL', signal }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`wrk ${args.join(' ')} failed: ${error.message}\n${stderr}`))
      try {
        resolve(parseWrkReport(stdout))
      } catch (parseError) {
        reject(new Error(`${(parseError as Error).message}\n--- wrk printed ---\n${stdout}${stderr}`))
      }
    })
  })
}
