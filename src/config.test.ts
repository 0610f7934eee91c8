import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig } from './config.ts'

describe('loadConfig', () => {
  it('runs a fresh clone on SQLite at ./data/congso.sqlite, port 3000', () => {
    const config = loadConfig({})
    assert.equal(config.dialect, 'sqlite')
    assert.equal(config.sqlitePath, './data/congso.sqlite')
    assert.equal(config.port, 3000)
    assert.equal(config.baseUrl, 'http://localhost:3000')
    assert.equal(config.isSecureCookie, false)
  })

  it('recognises a PostgreSQL URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/congso' })
    assert.equal(config.dialect, 'postgresql')
    assert.equal(config.sqlitePath, null)
  })

  it('marks cookies Secure when BASE_URL is https', () => {
    assert.equal(loadConfig({ BASE_URL: 'https://congso.example.gov.vn/' }).isSecureCookie, true)
  })

  const bad: [string, Record<string, string>][] = [
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['BASE_URL', { BASE_URL: 'not a url' }],
    ['BASE_URL', { BASE_URL: 'ftp://x' }],
    ['SESSION_SECRET', { NODE_ENV: 'production' }],
    ['SESSION_SECRET', { SESSION_SECRET: 'short' }],
    ['SMTP_URL', { SMTP_URL: 'http://mail' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['WORKER', { WORKER: 'maybe' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'yes please' }],
  ]
  for (const [variable, env] of bad) {
    it(`stops start-up naming ${variable} for ${JSON.stringify(env)}`, () => {
      assert.throws(
        () => loadConfig(env),
        (error: unknown) => error instanceof ConfigError && error.variable === variable && error.message.startsWith(`${variable}:`),
      )
    })
  }

  it('trusts no proxy by default, and the one named', () => {
    assert.equal(loadConfig({}).trustProxy, false)
    assert.equal(loadConfig({ TRUST_PROXY: 'on' }).trustProxy, true)
    assert.equal(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy, '127.0.0.1, 10.0.0.0/8')
  })

  it('accepts a production configuration with a long secret', () => {
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })
    assert.equal(config.sessionSecret, 'x'.repeat(40))
    assert.ok(Object.isFrozen(config))
  })
})
