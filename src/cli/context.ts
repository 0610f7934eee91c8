/**
 * What every command receives: where to print, the configuration (read once, lazily, so that
 * `--help` works even with a broken environment), a database for the length of one command, and
 * progress reporting. Commands stay thin: parse arguments, call a use case, print.
 */
import type { Command } from 'commander'
import { loadConfig } from '../config.ts'
import type { Config } from '../config.ts'
import type { Db, OpenDatabase } from '../db/database.ts'
import { systemClock } from '../platform/clock.ts'
import type { Clock } from '../platform/clock.ts'
import { startProgress } from './progress.ts'
import type { OutStream, Progress } from './progress.ts'

/** Where the CLI writes: results on stdout, diagnostics and progress on stderr. */
export interface CliIo {
  readonly stdout: OutStream
  readonly stderr: OutStream
}

/** What a command's use cases run on. */
export interface CliDeps {
  readonly config: Config
  readonly db: Db
  readonly database: OpenDatabase
  readonly clock: Clock
}

/** How a command treats migrations before it touches the database. */
export type MigrationPolicy = 'apply' | 'require' | 'ignore'

/** An error the user fixes by changing the command line: exit code 2, one line. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** A failure of the requested work itself (not of the arguments): exit code 1, one line. */
export class CommandFailedError extends Error {
  override name = 'CommandFailedError'
}

/** The services a command's action uses. */
export interface Cli {
  readonly io: CliIo
  /** Writes one line (or an empty line) to stdout. */
  out(line?: string): void
  /** Writes one line to stderr. */
  err(line: string): void
  /** The configuration, parsed on first use; throws ConfigError naming the variable. */
  config(): Config
  /** Opens the database, runs `work`, and always closes the database afterwards. */
  withDatabase<T>(work: (deps: CliDeps) => Promise<T>, options?: { migrations?: MigrationPolicy }): Promise<T>
  /** A progress reporter on stderr: a bar on a terminal, plain lines otherwise. */
  progress(label: string): Progress
}

/**
 * One command of `congso`: adds itself (and its subcommands) to the program. Registration stays
 * light; actions import their use cases when they run, so `--help` and short commands start fast
 * (modules load about twice as slowly through tsx, and the web app alone takes half a second).
 */
export interface CliCommand {
  register(program: Command, cli: Cli): void
}

/** Builds the services for one run; `env`, when given (tests), replaces the process environment for loadConfig. */
export function createCli(io: CliIo, env?: Record<string, string | undefined>): Cli {
  let config: Config | null = null
  const cli: Cli = {
    io,
    out: (line = '') => void io.stdout.write(`${line}\n`),
    err: (line) => void io.stderr.write(`${line}\n`),
    config() {
      config ??= env === undefined ? loadConfig() : loadConfig(env)
      return config
    },
    async withDatabase(work, options = {}) {
      const { openDatabase } = await import('../db/database.ts')
      const database = openDatabase(cli.config())
      try {
        await prepareSchema(cli, database.db, options.migrations ?? 'require')
        return await work({ config: cli.config(), db: database.db, database, clock: systemClock })
      } finally {
        await database.close()
      }
    },
    progress: (label) => startProgress(io.stderr, label),
  }
  return cli
}

/** Applies pending migrations, or refuses to run on an out-of-date schema, as the command asks. */
export async function prepareSchema(cli: Cli, db: Db, policy: MigrationPolicy): Promise<void> {
  if (policy === 'ignore') return
  const { migrateUp, migrationStatus } = await import('../db/migrate.ts')
  if (policy === 'apply') {
    const applied = await migrateUp(db)
    if (applied.length > 0) cli.err(`Applied ${applied.length} migration(s).`)
    return
  }
  const pending = (await migrationStatus(db)).filter((m) => !m.isApplied)
  // A query on a missing table would fail with a driver message that does not say what to do.
  if (pending.length > 0) {
    throw new CommandFailedError(`the database has ${pending.length} pending migration(s); run \`congso migrate up\` first`)
  }
}

/** Resolves on the first SIGINT or SIGTERM; a second signal while stopping exits at once. */
export function waitForStopSignal(cli: Cli): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      // An impatient second Ctrl+C must still work if closing hangs on a slow request.
      const force = () => process.exit(130)
      process.once('SIGINT', force)
      process.once('SIGTERM', force)
      cli.err(`Received ${signal}; stopping…`)
      resolve(signal)
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  })
}
