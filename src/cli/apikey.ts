/** `congso apikey create|list|revoke`: keys of applications that post feedback through Open311. */
import type { Command } from 'commander'
import { CommandFailedError, UsageError } from './context.ts'
import type { Cli } from './context.ts'
import { formatTable } from './output.ts'

/** The Open311 client use cases, loaded when a command runs (see CliCommand). */
function clients() {
  return import('../features/feedback/open311.clients.ts')
}

/** Adds `apikey` and its subcommands to the program. */
export function register(program: Command, cli: Cli): void {
  const apikey = program.command('apikey').description('api_key values of applications that post feedback through the Open311 API (/open311/v2/)')

  apikey
    .command('create')
    .description('create an api_key for an application; printed once, alone on the last line')
    .requiredOption('--name <name>', 'who the key is for, e.g. "Ứng dụng Tân Uyên số" (at most 100 characters)')
    .addHelpText('after', '\nExample: KEY=$(congso apikey create --name "Ứng dụng Tân Uyên số" | tail -n 1)\nThe application sends it as api_key=… in POST /open311/v2/requests.json.')
    .action((options: { name: string }) =>
      cli.withDatabase(async (deps) => {
        const { createOpen311Client, MAX_CLIENT_NAME } = await clients()
        const name = options.name.trim()
        if (name === '' || name.length > MAX_CLIENT_NAME) throw new UsageError(`--name: give 1 to ${MAX_CLIENT_NAME} characters`)
        const { client, key } = await createOpen311Client(deps, name)
        cli.out(`Open311 api_key #${client.id} "${client.name}"; it is shown only this once, store it safely:`)
        cli.out(key)
      }),
    )

  apikey
    .command('list')
    .description('list every api_key (never the key itself) with its state and last use')
    .option('--json', 'print JSON (one array) instead of a table')
    .action((options: { json?: boolean }) =>
      cli.withDatabase(async (deps) => {
        const { listOpen311Clients } = await clients()
        const all = await listOpen311Clients(deps)
        if (options.json) {
          cli.out(JSON.stringify(all, null, 2))
          return
        }
        const day = (value: Date | null) => (value ? value.toISOString().slice(0, 16).replace('T', ' ') : '-')
        const rows = all.map((c) => [String(c.id), c.name, day(c.createdAt), day(c.lastUsedAt), c.revokedAt ? `revoked ${day(c.revokedAt)}` : 'active'])
        for (const line of formatTable(['ID', 'NAME', 'CREATED (UTC)', 'LAST USED (UTC)', 'STATE'], rows)) cli.out(line)
        cli.out(`${all.length} key(s).`)
      }),
    )

  apikey
    .command('revoke')
    .description('revoke an api_key at once (see `congso apikey list` for ids); requests it posted stay')
    .argument('<id>', 'the number in the ID column of `congso apikey list`')
    .action((idText: string) =>
      cli.withDatabase(async (deps) => {
        if (!/^[1-9]\d{0,9}$/.test(idText)) throw new UsageError(`<id>: expected a number from \`congso apikey list\`, got "${idText}"`)
        const { revokeOpen311Client } = await clients()
        const { NotFoundError } = await import('../platform/http/errors.ts')
        try {
          const { client, wasLive } = await revokeOpen311Client(deps, Number(idText))
          if (!wasLive) throw new CommandFailedError(`api_key #${client.id} "${client.name}" was already revoked`)
          cli.out(`Revoked api_key #${client.id} "${client.name}"; it no longer posts requests.`)
        } catch (error) {
          if (error instanceof NotFoundError) throw new UsageError(`no api_key #${idText} (see congso apikey list)`)
          throw error
        }
      }),
    )
}
