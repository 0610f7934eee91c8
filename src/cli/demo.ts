/**
 * `congso demo` (what `npm start` runs): migrate, seed the demo town when the database is empty
 * (never a second time), serve, and print where to go and how to sign in.
 */
import type { Command } from 'commander'
import { systemClock } from '../platform/clock.ts'
import type { DemoSignIn } from '../seed.ts'
import { prepareSchema, waitForStopSignal } from './context.ts'
import type { Cli } from './context.ts'
import { printDemoSignIns, seedDemoWithProgress } from './seed.ts'

/** Adds `demo` to the program. */
export function register(program: Command, cli: Cli): void {
  program
    .command('demo')
    .description('try Công Sở: migrate, seed the demo town if the database is empty, serve, print the demo sign-ins')
    .addHelpText('after', '\nData is kept between runs (./data/congso.sqlite by default); the demo is seeded only once.\nExample: npm start   (same as: congso demo)')
    .action(async () => {
      const config = cli.config()
      // Listen before printing the URL: whoever reads it may signal us at once.
      const stopSignal = waitForStopSignal(cli)
      const [{ openDatabase }, { startServer }, { existingDemoSignIns, isDatabaseEmpty }] = await Promise.all([
        import('../db/database.ts'),
        import('../main.ts'),
        import('../seed.ts'),
      ])
      const database = openDatabase(config)
      const deps = { db: database.db, clock: systemClock }
      let signIns: DemoSignIn[] | null
      let isFresh: boolean
      try {
        await prepareSchema(cli, database.db, 'apply')
        isFresh = await isDatabaseEmpty(deps)
        signIns = isFresh ? await seedDemoWithProgress(cli, deps) : await existingDemoSignIns(deps)
      } catch (error) {
        await database.close()
        throw error
      }
      const server = await startServer(config, { database })
      // With PORT=0 the configured address names no real port; the listening one does.
      const url = config.port === 0 ? server.url : config.baseUrl
      cli.out(`Công Sở is running at ${url}`)
      cli.out(isFresh ? 'Seeded the demo town into the empty database.' : 'The database already holds data; the demo was not seeded again.')
      if (signIns) {
        cli.out()
        printDemoSignIns(cli, signIns)
        cli.out()
        cli.out(`Open ${url} and sign in with one of the accounts above. Press Ctrl+C to stop.`)
      } else {
        cli.out('Press Ctrl+C to stop.')
      }
      await stopSignal
      await server.close()
      cli.err('Stopped.')
    })
}
