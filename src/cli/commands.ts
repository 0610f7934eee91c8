/**
 * Every command of `congso`, in the order `congso --help` lists them. A feature that brings its
 * own command adds one file under src/cli/ and one line here.
 */
import type { CliCommand } from './context.ts'
import * as serve from './serve.ts'
import * as demo from './demo.ts'
import * as migrate from './migrate.ts'
import * as seed from './seed.ts'
import * as user from './user.ts'
import * as token from './token.ts'
import * as apikey from './apikey.ts'
import * as audit from './audit.ts'
import * as calendar from './calendar.ts'
import * as ratings from './ratings.ts'
import * as search from './search.ts'

/** The registered commands. */
export const commands: readonly CliCommand[] = [serve, demo, migrate, seed, user, token, apikey, audit, calendar, ratings, search]
