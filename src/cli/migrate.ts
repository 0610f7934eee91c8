/** `congso migrate up|down|status`: applies, reverts or lists the database migrations. */
import type { Command } from 'commander'
import type { Cli } from './context.ts'
import { formatTable } from './output.ts'

/** Adds `migrate` and its subcommands to the program. */
export function register(program: Command, cli: Cli): void {
  const migrate = program.command('migrate').description('apply, revert or list database migrations')

  migrate
    .command('up')
    .description('apply every pending migration')
    .action(() =>
      cli.withDatabase(
        async ({ db }) => {
          const { migrateUp } = await import('../db/migrate.ts')
          const applied = await migrateUp(db)
          if (applied.length === 0) cli.out('The database is up to date; nothing to apply.')
          for (const name of applied) cli.out(`applied  ${name}`)
        },
        { migrations: 'ignore' },
      ),
    )

  migrate
    .command('down')
    .description('revert the most recently applied migration (its data is lost)')
    .action(() =>
      cli.withDatabase(
        async ({ db }) => {
          const { migrateDown } = await import('../db/migrate.ts')
          const reverted = await migrateDown(db)
          if (reverted.length === 0) cli.out('No migration is applied; nothing to revert.')
          for (const name of reverted) cli.out(`reverted  ${name}`)
        },
        { migrations: 'ignore' },
      ),
    )

  migrate
    .command('status')
    .description('list every migration and whether it is applied')
    .action(() =>
      cli.withDatabase(
        async ({ db, config }) => {
          const { migrationStatus } = await import('../db/migrate.ts')
          const list = await migrationStatus(db)
          cli.out(`Database: ${config.dialect}`)
          for (const line of formatTable(['STATE', 'MIGRATION'], list.map((m) => [m.isApplied ? 'applied' : 'pending', m.name]))) cli.out(line)
          const pending = list.filter((m) => !m.isApplied).length
          cli.out(pending === 0 ? 'Up to date.' : `${pending} pending; run \`congso migrate up\`.`)
        },
        { migrations: 'ignore' },
      ),
    )
}
