/**
 * A store for @fastify/rate-limit that keeps its counts in the database (rate_counters) instead
 * of each process's memory, so a route's limit (e.g. sign-in attempts per address and minute)
 * holds across every app instance rather than being multiplied by their number.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../clock.ts'
import { hitWindow } from './rate-counter.ts'

/** What the plugin tells a route's store about the route. */
interface RouteLimit {
  readonly routeInfo?: { readonly method?: string | readonly string[]; readonly url?: string }
}

// The plugin's default window when a route gives none (one minute).
const DEFAULT_WINDOW_MS = 60_000

/**
 * The store class to pass as `store` when registering @fastify/rate-limit. Counters are named
 * "limit:<METHOD> <route>:<client key>", one per route as the plugin's own stores do; one atomic
 * upsert per limited request. Windows are fixed, starting at a key's first hit.
 */
export function databaseRateLimitStore(db: Kysely<Database>, clock: Clock): FastifyRateLimitStoreCtor {
  /** One route's counters (or the plugin's global ones, with an empty prefix). */
  class DatabaseStore implements FastifyRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly prefix = 'limit:',
    ) {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow?: number): void {
      const windowMs = typeof timeWindow === 'number' && timeWindow > 0 ? timeWindow : DEFAULT_WINDOW_MS
      const now = clock.now()
      hitWindow(db, `${this.prefix}${key}`, windowMs, now).then(
        ({ count, windowStart }) => callback(null, { current: count, ttl: Math.max(windowStart.getTime() + windowMs - now.getTime(), 0) }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      )
    }

    child(options: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // Typed as route options, but the plugin passes its merged limit settings with the route in routeInfo.
      const route = (options as unknown as RouteLimit).routeInfo
      const methods = Array.isArray(route?.method) ? route.method.join(',') : String(route?.method ?? '')
      return new DatabaseStore(undefined, `limit:${methods} ${route?.url ?? ''}:`)
    }
  }
  return DatabaseStore as unknown as FastifyRateLimitStoreCtor
}
