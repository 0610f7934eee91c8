import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Writable } from 'node:stream'
import { buildApp } from './app.ts'
import type { App } from './app.ts'
import { loadConfig } from './config.ts'
import { FixedClock } from './platform/clock.ts'
import { testDialects } from '../test/support/databases.ts'
import type { TestDatabase } from '../test/support/databases.ts'

describe('the platform shell', () => {
  let app: App
  let database: TestDatabase
  const logLines: string[] = []
  before(async () => {
    database = await testDialects[0]!.open()
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk))
        done()
      },
    })
    app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test' }),
      db: database.db,
      dialect: database.dialect,
      clock: new FixedClock('2026-03-02T02:00:00Z'),
      logger: { level: 'info', stream },
    })
    app.get('/boom', async () => {
      throw new Error('secret internal detail at /srv/congso/src/x.ts:12')
    })
    app.get('/api/v1/boom', async () => {
      throw new Error('secret internal detail')
    })
    app.post('/form-target', async () => ({ ok: true }))
    await app.ready()
  })
  after(async () => {
    await app.close()
    await database.close()
  })

  it('answers a 500 page in Vietnamese without internals', async () => {
    const res = await app.inject('/boom')
    assert.equal(res.statusCode, 500)
    assert.match(res.headers['content-type'] as string, /text\/html/)
    assert.doesNotMatch(res.body, /secret internal detail|\.ts:\d+|at [A-Za-z]+ \(/)
    assert.match(res.body, /lang="vi"/)
  })

  it('answers a 500 in the API as {error, message, fields} without internals', async () => {
    const res = await app.inject('/api/v1/boom')
    assert.equal(res.statusCode, 500)
    assert.equal(res.json().error, 'internal_error')
    assert.doesNotMatch(res.body, /secret internal detail/)
  })

  it('sends security headers with a CSP that allows no inline script', async () => {
    const res = await app.inject('/healthz')
    const csp = String(res.headers['content-security-policy'])
    assert.match(csp, /script-src 'self'/)
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/)
    assert.match(csp, /frame-ancestors 'none'/)
    assert.equal(res.headers['x-content-type-options'], 'nosniff')
  })

  it('sends the JSON API the headers that matter for data, and pages a document’s full set', async () => {
    const api = await app.inject('/api/v1/boom')
    assert.equal(api.headers['content-security-policy'], "default-src 'none';frame-ancestors 'none'")
    assert.equal(api.headers['x-content-type-options'], 'nosniff')
    assert.equal(api.headers['x-frame-options'], 'DENY')
    assert.ok(api.headers['strict-transport-security'])
    assert.equal(api.headers['x-dns-prefetch-control'], undefined)
    const page = await app.inject('/boom')
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/)
    assert.equal(page.headers['x-dns-prefetch-control'], 'off')
    assert.equal(page.headers['cross-origin-opener-policy'], 'same-origin')
  })

  it('refuses a form post without a CSRF token with 403', async () => {
    const res = await app.inject({ method: 'POST', url: '/form-target', payload: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    assert.equal(res.statusCode, 403)
  })

  it('switches language with a cookie and never redirects off-site', async () => {
    const res = await app.inject('/lang/en?next=/admin')
    assert.equal(res.statusCode, 303)
    assert.equal(res.headers.location, '/admin')
    assert.match(String(res.headers['set-cookie']), /congso_lang=en; .*HttpOnly/i)
    for (const next of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
      const off = await app.inject(`/lang/vi?next=${encodeURIComponent(next)}`)
      assert.equal(off.headers.location, '/')
    }
  })

  it('serves htmx from its own assets, not a CDN', async () => {
    const res = await app.inject('/assets/vendor/htmx.min.js')
    assert.equal(res.statusCode, 200)
    assert.match(res.body, /htmx/)
  })

  it('writes one structured log line per request', async () => {
    logLines.length = 0
    await app.inject('/healthz?probe=1')
    const entries = logLines.map((line) => JSON.parse(line))
    assert.ok(entries.some((e) => e.req?.url === '/healthz?probe=1' && e.reqId))
    assert.ok(entries.some((e) => e.res?.statusCode === 200 && typeof e.responseTime === 'number'))
  })
})
