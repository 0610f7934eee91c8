/**
 * The shapes of a benchmark scenario. An HTTP scenario is one request that wrk repeats against the
 * app (and, for comparison, against a bare node:http server); a micro-benchmark is a function
 * timed in a process of its own, for work that has no HTTP in it (calendar computations, …).
 */
import type { Db } from '../src/db/database.ts'

/** HTTP methods a scenario may use. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** One request, repeated by wrk against the app and against the bare server. */
export interface HttpScenario {
  readonly kind?: 'http'
  /** Unique, short, and stable: BENCHMARKS.md rows are keyed by it. */
  readonly name: string
  readonly method: HttpMethod
  /** Path and query on the app, starting with '/'; the host is always the loopback interface. */
  readonly path: string
  readonly body?: string
  readonly headers?: Readonly<Record<string, string>>
  /**
   * Connections wrk keeps open for this scenario instead of the run's --connections (its threads
   * are capped to match). For a request that costs tens of milliseconds of CPU: at 50 connections
   * wrk would measure how long requests queue behind each other, and its 2 s timeout would cut
   * the tail, rather than how long one answer takes.
   */
  readonly connections?: number
  /**
   * Names the app scenario whose request this one sends to the floor server (bench/floor-server.ts)
   * instead of the app: the same answer written by hand on node:http and better-sqlite3, with
   * nothing of the app around it. Its ratio to the bare server is the most any implementation of
   * that request on this stack could reach on the machine. That scenario's data is seeded even when
   * only this one is chosen. SQLite only: a --pg run leaves such scenarios out.
   */
  readonly floorOf?: string
  /**
   * Seeds what the request needs, inside the server process, after migrations and before the
   * server listens. Generators live in bench/data/ and must be deterministic, so that `path`
   * can name a record they create.
   */
  readonly prepare?: (db: Db) => Promise<void>
}

/** What a micro-benchmark measured: how many operations in how many seconds. */
export interface MicroResult {
  readonly ops: number
  readonly seconds: number
}

/** A timed function without HTTP; it runs in a child process of its own and times itself. */
export interface MicroScenario {
  readonly kind: 'micro'
  /** Unique, short, and stable: BENCHMARKS.md rows are keyed by it. */
  readonly name: string
  /**
   * Does the work and reports it. It measures only the part worth measuring (set-up and any
   * warm-up excluded), which is why it returns the seconds rather than being timed from outside.
   */
  run(): Promise<MicroResult>
}

/** Any benchmark scenario. */
export type Scenario = HttpScenario | MicroScenario

/** Whether a scenario is a micro-benchmark rather than an HTTP one. */
export function isMicroScenario(scenario: Scenario): scenario is MicroScenario {
  return scenario.kind === 'micro'
}
