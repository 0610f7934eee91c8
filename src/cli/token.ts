/** `congso token create`: issues an API token for a staff member; the token is the last line of output. */
import type { Command } from 'commander'
import { CommandFailedError } from './context.ts'
import type { Cli } from './context.ts'
import { findUser } from './user.ts'

/** Adds `token` and its subcommands to the program. */
export function register(program: Command, cli: Cli): void {
  const token = program.command('token').description('API tokens for the JSON API (Authorization: Bearer <token>)')

  token
    .command('create')
    .description('create an API token acting as a staff member, with that member\'s roles; printed once, alone on the last line')
    .requiredOption('--user <username>', 'the staff member the token acts as')
    .option('--name <label>', 'what the token is for, e.g. "reporting script"', 'cli')
    .addHelpText('after', '\nExample: TOKEN=$(congso token create --user admin --name backup | tail -n 1)')
    .action((options: { user: string; name: string }) =>
      cli.withDatabase(async (deps) => {
        const { issueApiToken } = await import('../features/units/unit.service.ts')
        const staff = await findUser(deps, options.user)
        // A disabled account's token would be refused on every request; say so now instead.
        if (staff.isDisabled) throw new CommandFailedError(`${staff.username} is disabled; enable the account first`)
        const secret = await issueApiToken(deps, 'system', staff.id, options.name)
        cli.out(`API token "${options.name}" for ${staff.username}; it is shown only this once, store it safely:`)
        cli.out(secret)
      }),
    )
}
