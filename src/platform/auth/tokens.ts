/** Session cookies and API tokens: random secrets handed out once, stored only as sha256 hashes. */
import { createHash, randomBytes } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { instant, toDate } from '../../db/portable.ts'

/** Name of the cookie holding the CSRF secret. */
export const CSRF_COOKIE = 'congso_csrf'
/** Name of the session cookie. */
export const SESSION_COOKIE = 'congso_session'
/** A session ends after this much inactivity. */
export const SESSION_IDLE_MS = 8 * 3_600_000
/** A session ends this long after sign-in, however active. */
export const SESSION_MAX_MS = 7 * 24 * 3_600_000

/** Hex sha256 of a secret. */
export function sha256(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/** A new random secret, URL-safe. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url')
}

/** Starts a session for a staff member; returns the cookie value. */
export async function createSession(db: Kysely<Database>, staffId: number, now: Date): Promise<string> {
  const token = newSecret()
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(token),
      staff_id: staffId,
      created_at: instant(now),
      last_seen_at: instant(now),
      expires_at: instant(new Date(now.getTime() + SESSION_MAX_MS)),
    })
    .execute()
  return token
}

/** The staff id of a live session, refreshing its last-seen time; null when unknown or expired. */
export async function resolveSession(db: Kysely<Database>, token: string, now: Date): Promise<number | null> {
  const idHash = sha256(token)
  const row = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst()
  if (!row) return null
  const lastSeen = toDate(row.last_seen_at).getTime()
  if (toDate(row.expires_at).getTime() <= now.getTime() || lastSeen + SESSION_IDLE_MS <= now.getTime()) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
    return null
  }
  // Write at most once a minute: every page view writing would serialise readers on SQLite.
  if (now.getTime() - lastSeen > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: instant(now) }).where('id_hash', '=', idHash).execute()
  }
  return Number(row.staff_id)
}

/** Ends one session. */
export async function destroySession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', sha256(token)).execute()
}

/** Ends every session of a staff member (password reset, account disabled). */
export async function destroySessionsOf(db: Kysely<Database>, staffId: number): Promise<void> {
  await db.deleteFrom('sessions').where('staff_id', '=', staffId).execute()
}

/** Prefix of API tokens, so a leaked one is recognisable in logs and scanners. */
export const API_TOKEN_PREFIX = 'cst_'

/** Creates an API token for a staff member; returns the token, shown once. */
export async function createApiToken(db: Kysely<Database> | Transaction<Database>, staffId: number, name: string, now: Date): Promise<string> {
  const token = newSecret(API_TOKEN_PREFIX)
  await db
    .insertInto('api_tokens')
    .values({ staff_id: staffId, name, token_hash: sha256(token), created_at: instant(now) })
    .execute()
  return token
}

/** The staff id owning a live API token, or null. */
export async function resolveApiToken(db: Kysely<Database>, token: string, now: Date): Promise<number | null> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'staff_id', 'last_used_at'])
    .where('token_hash', '=', sha256(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (!row) return null
  const lastUsed = row.last_used_at === null ? 0 : toDate(row.last_used_at).getTime()
  if (now.getTime() - lastUsed > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: instant(now) }).where('id', '=', row.id).execute()
  }
  return Number(row.staff_id)
}
