/**
 * `congso`: the command-line entry. Builds the commander program from the registered commands,
 * runs it, and turns every outcome into an exit code (0 done, 1 failed, 2 bad usage) with at most
 * one line on stderr for a failure.
 */
import { createRequire } from 'node:module'
import { Command, CommanderError } from 'commander'
import { commands } from './commands.ts'
import { createCli } from './context.ts'
import type { CliIo } from './context.ts'
import { EXIT, reportError } from './errors.ts'

const packageJson = createRequire(import.meta.url)('../../package.json') as { version: string }

/** Options of a run, for tests that run the CLI in-process. */
export interface RunOptions {
  /** Replaces the process environment for loadConfig. */
  readonly env?: Record<string, string | undefined>
}

/** Builds the program with every registered command; output goes through `io`. */
export function buildProgram(io: CliIo, options: RunOptions = {}): Command {
  const cli = createCli(io, options.env)
  const program = new Command('congso')
    .description('Công Sở — software for a ward, commune or town People\'s Committee (UBND).')
    .version(packageJson.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    // Settings made before the subcommands are added are inherited by every one of them.
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      // Commander's error text and error-help are replaced by our single line (see run()).
      writeErr: () => {},
      outputError: () => {},
    })
  for (const command of commands) command.register(program, cli)
  program.addHelpText(
    'after',
    `
Environment: DATABASE_URL, HOST, PORT, BASE_URL, SESSION_SECRET, SMTP_URL, LOG_LEVEL (see docs/configuration.md).
Exit codes: 0 done, 1 the work failed, 2 bad arguments or configuration.`,
  )
  return program
}

/** The deepest command named by the leading words of argv (for "missing subcommand" messages). */
function commandNamedBy(program: Command, argv: readonly string[]): Command {
  let current = program
  for (const word of argv) {
    if (word.startsWith('-')) break
    const next = current.commands.find((c) => c.name() === word || c.aliases().includes(word))
    if (!next) break
    current = next
  }
  return current
}

/** The space-separated path of a command, e.g. "congso migrate". */
function commandPath(command: Command): string {
  const names: string[] = []
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name())
  return names.join(' ')
}

/** Runs the CLI on arguments (without node and script); resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIo, options: RunOptions = {}): Promise<number> {
  const program = buildProgram(io, options)
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return EXIT.ok
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT.ok // --help, --version, `congso help`
      let message = error.message.replace(/^error:\s*/, '')
      if (error.code === 'commander.help') {
        // A command that only groups subcommands was called without one.
        const command = commandNamedBy(program, argv)
        const names = command.commands.map((c) => c.name()).join(', ')
        message = `'${commandPath(command).replace(/^congso /, '')}' needs a command (${names}); see \`${commandPath(command)} --help\``
      }
      io.stderr.write(`congso: ${message.replace(/\s*\n\s*/g, ' ')}\n`)
      return EXIT.usage
    }
    const report = await reportError(error)
    io.stderr.write(`congso: ${report.message}\n`)
    return report.exitCode
  }
}

/** Runs the CLI for this process (bin/congso) and exits with its code. */
export async function runFromProcess(): Promise<void> {
  const exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr })
  process.exitCode = exitCode
  // Exit even if a library left a handle open; on Linux, writes to pipes and files are synchronous,
  // so nothing printed is lost.
  process.exit(exitCode)
}
