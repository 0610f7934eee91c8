/** `congso ratings evaluate`: applies the corrective-action rules now, as the daily job does. */
import type { Command } from 'commander'
import { UsageError } from './context.ts'
import type { Cli } from './context.ts'

/** Adds `ratings` and its subcommands to the program. */
export function register(program: Command, cli: Cli): void {
  const ratings = program.command('ratings').description('satisfaction and corrective actions')

  ratings
    .command('evaluate')
    .description('apply the corrective-action rules: open a case for each official who falls short, close cases past their follow-up date')
    .option('--month <YYYY-MM>', 'the month to evaluate (default: the current month, and the previous one in its first days)')
    .action((options: { month?: string }) =>
      cli.withDatabase(async (deps) => {
        if (options.month !== undefined && !/^(19|20)\d\d-(0[1-9]|1[0-2])$/.test(options.month)) throw new UsageError(`--month: expected YYYY-MM, got "${options.month}"`)
        const { evaluateCorrectiveRulesWithMessages } = await import('../features/ratings/rating.jobs.ts')
        const { upheldLetters } = await import('../features/feedback/index.ts')
        // The same evidence as the daily job: ratings, late dossiers and upheld letters.
        const runs = await evaluateCorrectiveRulesWithMessages({ db: deps.db, clock: deps.clock, baseUrl: deps.config.baseUrl }, options.month, upheldLetters)
        for (const run of runs) cli.out(`${run.month}: ${run.findings} finding(s), ${run.opened} new case(s); ${run.closed} case(s) closed after follow-up.`)
      }),
    )
}
