/** `congso seed demo`: fills an empty database with the demo town (units, staff, sign-ins). */
import type { Command } from 'commander'
import type { DemoSignIn, SeedDeps } from '../seed.ts'
import { CommandFailedError } from './context.ts'
import type { Cli } from './context.ts'
import { signInTable } from './output.ts'

/** Seeds the demo with a progress report; shared with `congso demo`. */
export async function seedDemoWithProgress(cli: Cli, deps: SeedDeps): Promise<DemoSignIn[]> {
  const { seedDemo } = await import('../seed.ts')
  const progress = cli.progress('Seeding the demo town')
  try {
    return await seedDemo(deps, (done, total) => progress.update(done, total))
  } finally {
    progress.stop()
  }
}

/** Prints the demo sign-ins with the warning that they are demo data. */
export function printDemoSignIns(cli: Cli, signIns: readonly DemoSignIn[]): void {
  cli.out('Demo sign-ins. DEMO DATA: invented people sharing one published password; never use them for real work.')
  for (const line of signInTable(signIns)) cli.out(line)
}

/** Adds `seed` and its subcommands to the program. */
export function register(program: Command, cli: Cli): void {
  const seed = program.command('seed').description('fill the database with sample data')

  seed
    .command('demo')
    .description('seed the demo town (Tân Uyên, Bình Dương: 14 units, ~50 staff) into an EMPTY database; applies pending migrations first')
    .addHelpText('after', '\nRefuses (exit 1) when the database already holds data: the demo must never mix with real records.')
    .action(() =>
      cli.withDatabase(
        async (deps) => {
          const { isDatabaseEmpty } = await import('../seed.ts')
          // Refusing is safer than a --force: demo accounts share a published password.
          if (!(await isDatabaseEmpty(deps))) {
            throw new CommandFailedError('the database already holds data; the demo is seeded only into an empty database')
          }
          const signIns = await seedDemoWithProgress(cli, deps)
          cli.out(`Seeded the demo town: ${signIns.length} accounts.`)
          printDemoSignIns(cli, signIns)
        },
        { migrations: 'apply' },
      ),
    )
}
