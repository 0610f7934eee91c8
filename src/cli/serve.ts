/** `congso serve`: runs the web server (and its worker) until SIGINT or SIGTERM. */
import type { Command } from 'commander'
import { waitForStopSignal } from './context.ts'
import type { Cli } from './context.ts'

/** Adds `serve` to the program. */
export function register(program: Command, cli: Cli): void {
  program
    .command('serve')
    .description('start the web server; applies pending migrations first; stops cleanly on Ctrl+C or SIGTERM')
    .addHelpText('after', '\nListens on HOST:PORT (127.0.0.1:3000 by default) over DATABASE_URL.\nExample: PORT=8080 congso serve')
    .action(async () => {
      const config = cli.config()
      // Listen before printing the URL: whoever reads it may signal us at once.
      const stopSignal = waitForStopSignal(cli)
      const { startServer } = await import('../main.ts')
      const server = await startServer(config)
      cli.out(`Công Sở is listening on ${server.url} (public address ${config.baseUrl}). Press Ctrl+C to stop.`)
      await stopSignal
      await server.close()
      cli.err('Stopped.')
    })
}
