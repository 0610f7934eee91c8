/** buildTestApp(): the real application on a fresh test database with a fixed clock. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../../src/app.ts'
import type { App } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import type { Config } from '../../src/config.ts'
import { FixedClock } from '../../src/platform/clock.ts'
import type { TestDatabase, TestDialect } from './databases.ts'

/** A test application and what it runs on. */
export interface TestApp {
  readonly app: App
  readonly database: TestDatabase
  readonly clock: FixedClock
  readonly config: Config
  close(): Promise<void>
}

/** Builds the application on a fresh database of the dialect; the clock starts at `now`. */
export async function buildTestApp(dialect: TestDialect, options: { now?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await dialect.open()
  const clock = new FixedClock(options.now ?? '2026-03-02T02:00:00Z')
  // Each test app uploads into its own folder, removed on close.
  const filesDir = mkdtempSync(join(tmpdir(), 'congso-test-files-'))
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url.startsWith('sqlite') ? 'sqlite::memory:' : database.url, FILES_DIR: filesDir, ...options.env })
  const app = await buildApp({ config, db: database.db, dialect: database.dialect, clock, logger: false })
  await app.ready()
  return {
    app,
    database,
    clock,
    config,
    async close() {
      await app.close()
      await database.close()
      rmSync(filesDir, { recursive: true, force: true })
    },
  }
}
