/**
 * The database store of @fastify/rate-limit: a route's limit holds across two app instances on
 * one database (each with its own connections on PostgreSQL), per route and per client, and a new
 * window starts when the old one has passed.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Fastify from 'fastify'
import type { FastifyInstance } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import { testDialects } from '../../../test/support/databases.ts'
import { openDatabase } from '../../db/database.ts'
import type { Db } from '../../db/database.ts'
import { FixedClock } from '../clock.ts'
import { databaseRateLimitStore } from './rate-limit-store.ts'

/** An instance with two limited routes, as the app registers the plugin. */
async function instance(db: Db, clock: FixedClock): Promise<FastifyInstance> {
  const app = Fastify({ logger: false })
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(db, clock) })
  app.post('/sign-in', { config: { rateLimit: { max: 3, timeWindow: '1 minute' } } }, async () => ({ ok: true }))
  app.post('/other', { config: { rateLimit: { max: 3, timeWindow: '1 minute' } } }, async () => ({ ok: true }))
  await app.ready()
  return app
}

for (const dialect of testDialects) {
  describe(`database rate-limit store on ${dialect.name}`, () => {
    it('counts one limit across two instances, per route and per client address, and starts a new window after the old one', async () => {
      const database = await dialect.open()
      // PostgreSQL: the second instance has its own pool, as another process would.
      const second = dialect.name === 'postgresql' ? openDatabase({ databaseUrl: database.url, dialect: 'postgresql', sqlitePath: null, poolSize: 2 }) : null
      const clock = new FixedClock('2026-11-26T03:00:00Z')
      const a = await instance(database.db, clock)
      const b = await instance(second?.db ?? database.db, clock)
      const post = (app: FastifyInstance, url: string, address = '203.0.113.7') => app.inject({ method: 'POST', url, remoteAddress: address })
      try {
        const statuses = [await post(a, '/sign-in'), await post(b, '/sign-in'), await post(a, '/sign-in'), await post(b, '/sign-in')].map((r) => r.statusCode)
        assert.deepEqual(statuses, [200, 200, 200, 429], 'the fourth attempt within the minute is refused, whichever instance gets it')
        const refused = await post(a, '/sign-in')
        assert.equal(refused.statusCode, 429)
        assert.ok(Number(refused.headers['retry-after']) > 0 && Number(refused.headers['retry-after']) <= 60, `retry-after: ${refused.headers['retry-after']}`)
        assert.equal((await post(b, '/other')).statusCode, 200, 'another route has its own count')
        assert.equal((await post(b, '/sign-in', '198.51.100.9')).statusCode, 200, 'another address has its own count')
        clock.advance(61_000)
        assert.equal((await post(b, '/sign-in')).statusCode, 200, 'a new window after a minute')
      } finally {
        await a.close()
        await b.close()
        await second?.close()
        await database.close()
      }
    })
  })
}
