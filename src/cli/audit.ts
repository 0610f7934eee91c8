/** `congso audit verify`: walks the hash-chained audit log and names the first broken entry. */
import type { Command } from 'commander'
import { CommandFailedError } from './context.ts'
import type { Cli } from './context.ts'

/** Adds `audit` and its subcommands to the program. */
export function register(program: Command, cli: Cli): void {
  const audit = program.command('audit').description('check the audit log')

  audit
    .command('verify')
    .description('verify the audit log\'s hash chain: exit 0 when intact, 1 naming the first entry edited, inserted or deleted by hand')
    .action(() =>
      cli.withDatabase(async ({ db }) => {
        const { verifyAuditLog } = await import('../platform/audit/audit.ts')
        const progress = cli.progress('Verifying the audit log')
        let result
        try {
          result = await verifyAuditLog(db, (done, total) => progress.update(done, total))
        } finally {
          progress.stop()
        }
        if (!result.isIntact) {
          throw new CommandFailedError(`audit log broken at entry ${result.firstBrokenSeq} of ${result.entries}: ${result.reason}`)
        }
        cli.out(`Audit log intact: ${result.entries} entries.`)
      }),
    )
}
