/**
 * The app under load, run as a child of the harness: loads the configuration from the environment
 * the harness set, migrates, seeds what the chosen scenarios need, then serves like `congso serve`.
 * Arguments: the names of the scenarios whose prepare() hooks to run.
 */
import { loadConfig } from '../src/config.ts'
import { openDatabase } from '../src/db/database.ts'
import { migrateUp } from '../src/db/migrate.ts'
import { startServer } from '../src/main.ts'
import { sendToHarness } from './child.ts'
import { isMicroScenario } from './scenario.ts'
import { scenarios } from './scenarios.ts'

try {
  const config = loadConfig()
  const wanted = new Set(process.argv.slice(2))
  const database = openDatabase(config)
  // Seeding needs the tables, and must finish before the port opens, so it cannot wait for
  // startServer's own migration; that one then finds nothing pending.
  await migrateUp(database.db)
  for (const scenario of scenarios) {
    if (!isMicroScenario(scenario) && scenario.prepare && wanted.has(scenario.name)) await scenario.prepare(database.db)
  }
  const server = await startServer(config, { database })
  process.on('SIGTERM', () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
  await sendToHarness({ type: 'ready', url: server.url })
} catch (error) {
  await sendToHarness({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) })
  process.exit(1)
}
