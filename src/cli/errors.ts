/**
 * Turns anything a command throws into an exit code and ONE line on stderr:
 * 2 for what the user fixes on the command line or in the environment (bad arguments, a field a
 * use case rejected, a malformed variable), 1 for work that failed (a conflict, a broken audit
 * chain, an unreachable database).
 */
import { ConfigError } from '../config.ts'
import { AppError, ValidationError } from '../platform/http/errors.ts'
import { createI18n, mergeCatalogues } from '../platform/i18n/i18n.ts'
import type { I18n } from '../platform/i18n/i18n.ts'
import { baseMessages } from '../views/messages.ts'
import { messages as unitMessages } from '../features/units/index.ts'
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

let i18n: I18n | null = null
/** English text of a catalogue key, or null when no catalogue defines it. */
function english(key: string, params: Record<string, string | number> = {}): string | null {
  // Only the catalogues whose keys use cases throw; built on first error, never on success.
  i18n ??= createI18n(mergeCatalogues([baseMessages, unitMessages]))
  if (!i18n.has(key)) return null
  return i18n.translator('en')(key, params)
}

/** The one-line description of a use-case error, in English, naming the options at fault. */
function describeAppError(error: AppError): string {
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
export function reportError(error: unknown): ErrorReport {
  if (error instanceof UsageError || error instanceof ConfigError) return { exitCode: EXIT.usage, message: oneLine(error.message) }
  // A use case rejecting a field is a bad argument from the command line's point of view.
  if (error instanceof ValidationError) return { exitCode: EXIT.usage, message: oneLine(describeAppError(error)) }
  if (error instanceof AppError) return { exitCode: EXIT.failed, message: oneLine(describeAppError(error)) }
  if (error instanceof CommandFailedError) return { exitCode: EXIT.failed, message: oneLine(error.message) }
  const message = error instanceof Error ? error.message : String(error)
  return { exitCode: EXIT.failed, message: oneLine(message || 'unexpected error') }
}
