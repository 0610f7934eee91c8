/**
 * Turns anything a command throws into an exit code and ONE line on stderr:
 * 2 for what the user fixes on the command line or in the environment (bad arguments, a field a
 * use case rejected, a malformed variable), 1 for work that failed (a conflict, a broken audit
 * chain, an unreachable database).
 */
import { ConfigError } from '../config.ts'
import { AppError, ValidationError } from '../platform/http/errors.ts'
import type { I18n } from '../platform/i18n/i18n.ts'
import { CommandFailedError, UsageError } from './context.ts'

/** Exit codes of `congso`. */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2 })

/** What to tell the user about an error. */
export interface ErrorReport {
  readonly exitCode: number
  readonly message: string
}

// Use-case field names → the option the user typed, so the message points at the right flag.
const OPTION_OF_FIELD: Readonly<Record<string, string>> = {
  username: '--username',
  fullName: '--name',
  unitCode: '--unit',
  roles: '--role',
  role: '--role',
  title: '--title',
  email: '--email',
  phone: '--phone',
  password: '--password',
}

// English fallbacks when a catalogue has no text for a key yet (the key is still shown).
const FALLBACK_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'bad request',
  401: 'not authorised',
  403: 'not allowed',
  404: 'not found',
  409: 'conflicts with the current state',
  422: 'invalid value',
  429: 'too many attempts; try again later',
}

/** The catalogues whose keys use cases throw, loaded only when an error is to be described. */
async function loadI18n(): Promise<I18n> {
  const [{ createI18n, mergeCatalogues }, { baseMessages }, { messages: unitMessages }] = await Promise.all([
    import('../platform/i18n/i18n.ts'),
    import('../views/messages.ts'),
    import('../features/units/unit.messages.ts'),
  ])
  return createI18n(mergeCatalogues([baseMessages, unitMessages]))
}

/** The one-line description of a use-case error, in English, naming the options at fault. */
async function describeAppError(error: AppError): Promise<string> {
  const i18n = await loadI18n()
  /** English text of a catalogue key, or null when no catalogue defines it. */
  const english = (key: string, params: Record<string, string | number> = {}): string | null =>
    i18n.has(key) ? i18n.translator('en')(key, params) : null
  // A validation message is written for a form ("correct the fields below"); say what it means here.
  const message =
    error instanceof ValidationError ? 'invalid arguments' : (english(error.messageKey, error.params) ?? FALLBACK_BY_STATUS[error.status] ?? error.messageKey)
  const fields = Object.entries(error.fields).map(([field, key]) => {
    const option = OPTION_OF_FIELD[field] ?? field
    const text = english(key)
    // Until a catalogue has the text, the key itself still tells what is wrong.
    return text === null ? `${option} (${key})` : `${option}: ${text.replace(/\.$/, '')}`
  })
  return fields.length > 0 ? `${message.replace(/\.$/, '')}: ${fields.join('; ')}` : message
}

/** Collapses a message to one line, so stderr always holds exactly one line per failure. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}

/** Maps a thrown value to its exit code and message. */
export async function reportError(error: unknown): Promise<ErrorReport> {
  if (error instanceof UsageError || error instanceof ConfigError) return { exitCode: EXIT.usage, message: oneLine(error.message) }
  // A use case rejecting a field is a bad argument from the command line's point of view.
  if (error instanceof ValidationError) return { exitCode: EXIT.usage, message: oneLine(await describeAppError(error)) }
  if (error instanceof AppError) return { exitCode: EXIT.failed, message: oneLine(await describeAppError(error)) }
  if (error instanceof CommandFailedError) return { exitCode: EXIT.failed, message: oneLine(error.message) }
  const message = error instanceof Error ? error.message : String(error)
  return { exitCode: EXIT.failed, message: oneLine(message || 'unexpected error') }
}
