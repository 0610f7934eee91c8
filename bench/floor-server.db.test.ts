/**
 * The floor server is a yardstick only if it does the lookup's whole work: the same answer as the
 * app, byte for byte in its body, with the API's security headers, on the data the benchmark seeds.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { buildApp } from '../src/app.ts'
import type { App } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { openDatabase } from '../src/db/database.ts'
import type { OpenDatabase } from '../src/db/database.ts'
import { migrateUp } from '../src/db/migrate.ts'
import { forkChild } from './child.ts'
import type { RunningChild } from './child.ts'
import { LOOKUP_CODE, LOOKUP_PIN, prepareLookup } from './data/desk.ts'

describe('the floor server of the public lookup', () => {
  let dir: string
  let database: OpenDatabase
  let app: App
  let floor: RunningChild
  let floorUrl: string

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'congso-floor-'))
    const path = join(dir, 'bench.sqlite')
    database = openDatabase({ databaseUrl: `sqlite:${path}`, dialect: 'sqlite', sqlitePath: path })
    await migrateUp(database.db)
    const previous = process.env.BENCH_DOSSIERS
    process.env.BENCH_DOSSIERS = '30'
    try {
      await prepareLookup(database.db)
    } finally {
      if (previous === undefined) delete process.env.BENCH_DOSSIERS
      else process.env.BENCH_DOSSIERS = previous
    }
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: `sqlite:${path}`, FILES_DIR: dir })
    app = await buildApp({ config, db: database.db, dialect: database.dialect, clock: { now: () => new Date() }, logger: false })
    await app.ready()
    floor = await forkChild('./floor-server.ts', { label: 'the floor server', args: [path], timeoutMs: 30_000 })
    if (floor.message.type !== 'ready') throw new Error('the floor server did not start')
    floorUrl = floor.message.url
  })

  after(async () => {
    await floor?.stop()
    await app?.close()
    await database?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it("gives the app's answer to the benchmark's lookup, with the API's security headers", async () => {
    const path = `/api/v1/public/dossiers/${LOOKUP_CODE}?pin=${LOOKUP_PIN}`
    const fromApp = await app.inject({ method: 'GET', url: path })
    const fromFloor = await fetch(`${floorUrl}${path}`)
    assert.equal(fromApp.statusCode, 200)
    assert.equal(fromFloor.status, 200)
    const body = await fromFloor.text()
    assert.equal(body, fromApp.body)
    // The timeline is part of the work: the generated dossier has one.
    assert.ok((JSON.parse(body) as { timeline: unknown[] }).timeline.length > 0)
    for (const name of ['content-type', 'cache-control', 'content-security-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options', 'cross-origin-resource-policy', 'referrer-policy']) {
      assert.equal(fromFloor.headers.get(name), fromApp.headers[name], name)
    }
  })

  it('refuses a wrong PIN, as the app does', async () => {
    const path = `/api/v1/public/dossiers/${LOOKUP_CODE}?pin=000000`
    const fromApp = await app.inject({ method: 'GET', url: path })
    const fromFloor = await fetch(`${floorUrl}${path}`)
    assert.equal(fromApp.statusCode, 404)
    assert.equal(fromFloor.status, 404)
    assert.equal(await fromFloor.text(), fromApp.body)
  })
})
