/** `congso seed demo`: fills an empty database with the demo town (units, staff, sign-ins). */
import type { Command } from 'commander'
import type { DemoSignIn, SeedDeps } from '../seed.ts'
import { CommandFailedError, UsageError } from './context.ts'
import type { Cli } from './context.ts'
import type { Progress } from './progress.ts'
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

/** Reads a whole number of at least `minimum` (thousands may be grouped with _ or ,). */
function parseCount(flag: string, text: string, minimum: number, maximum = Number.MAX_SAFE_INTEGER): number {
  const plain = text.trim().replace(/[_,]/g, '')
  const value = /^\d{1,16}$/.test(plain) ? Number(plain) : Number.NaN
  if (!(value >= minimum && value <= maximum)) {
    throw new UsageError(`${flag}: expected a whole number from ${minimum}${maximum < Number.MAX_SAFE_INTEGER ? ` to ${maximum}` : ''}, got "${text}"`)
  }
  return value
}

// The stages of a province, as the progress report names them.
const STAGE_LABELS = {
  units: 'Units and staff',
  procedures: 'Procedure catalogue',
  dossiers: 'Dossiers',
  feedback: 'Feedback',
  statistics: 'Daily figures',
} as const

/** Options of `congso seed bulk`, as commander hands them over. */
interface BulkOptions {
  readonly units: string
  readonly dossiers: string
  readonly feedback: string
  readonly seed: string
}

/** `congso seed bulk`: generates a province, one progress report per stage, and prints what it made. */
async function seedBulk(cli: Cli, options: BulkOptions): Promise<void> {
  const { PROVINCE_UNITS_MAX, PROVINCE_UNITS_MIN } = await import('../seed-province.ts')
  const sizes = {
    units: parseCount('--units', options.units, PROVINCE_UNITS_MIN, PROVINCE_UNITS_MAX),
    dossiers: parseCount('--dossiers', options.dossiers, 0),
    feedback: parseCount('--feedback', options.feedback, 0),
    seed: parseCount('--seed', options.seed, 0, 2 ** 31 - 1),
  }
  await cli.withDatabase(
    async (deps) => {
      const { ProvinceRefusal, seedProvince } = await import('../seed-province.ts')
      // The stage under way and its progress report; a new report starts with each stage.
      const current: { stage: keyof typeof STAGE_LABELS | null; progress: Progress | null; startedAt: number } = { stage: null, progress: null, startedAt: Date.now() }
      const timings: string[] = []
      const endStage = () => {
        current.progress?.stop()
        if (current.stage) timings.push(`${STAGE_LABELS[current.stage]} ${((Date.now() - current.startedAt) / 1000).toFixed(1)} s`)
      }
      const started = Date.now()
      try {
        const report = await seedProvince(deps, sizes, (stage, done, total) => {
          if (stage !== current.stage) {
            endStage()
            current.stage = stage
            current.startedAt = Date.now()
            current.progress = cli.progress(STAGE_LABELS[stage])
          }
          current.progress?.update(done, total)
        })
        endStage()
        const seconds = ((Date.now() - started) / 1000).toFixed(1)
        cli.out(
          `${report.isResumed ? 'Finished the generated province' : 'Generated the province Tỉnh Đồng Xanh'} in ${seconds} s: ` +
            `${report.unitsCreated} units, ${report.staffCreated} staff, ${report.proceduresCreated} procedures, ` +
            `${report.dossiersGenerated} dossiers and ${report.feedbackGenerated} feedback items added.`,
        )
        cli.out(`Time per stage: ${timings.join(', ')}.`)
        cli.out('GENERATED DATA: an invented province for measuring; never mix it with real records.')
        if (report.staffPassword) cli.out(`Staff accounts (e.g. ${report.sampleUsernames.join(', ')}) share the password, shown once: ${report.staffPassword}`)
        if (report.sampleDossier) cli.out(`A dossier to look up: ${report.sampleDossier.code}, PIN ${report.sampleDossier.pin}`)
      } catch (error) {
        current.progress?.stop()
        if (error instanceof ProvinceRefusal) throw new CommandFailedError(error.message)
        throw error
      }
    },
    { migrations: 'apply' },
  )
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

  seed
    .command('bulk')
    .description('generate an invented province at scale (units, staff, procedures, dossiers over two years, feedback) and rebuild the daily figures; for measuring, never for real use')
    .option('--units <n>', 'administrative units: the province, about one town or district per ten wards and communes, and those', '100')
    .option('--dossiers <n>', 'dossiers received over the last two years', '5000000')
    .option('--feedback <n>', 'feedback items submitted over the last two years', '500000')
    .option('--seed <n>', 'random seed: the same seed and sizes give the same province', '20261126')
    .addHelpText(
      'after',
      '\nSeeds an EMPTY database (migrations are applied first). Records go in batches, one transaction each;\n' +
        'if a run stops half-way, run the same command again to finish it. A finished province, or any\n' +
        'other data, is refused (exit 1). Works on SQLite and PostgreSQL.',
    )
    .action((options: BulkOptions) => seedBulk(cli, options))
}
