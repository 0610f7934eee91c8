/**
 * Open311 client keys: an application that posts service requests holds an api_key, made by an
 * administrator with `congso apikey create`. The key is shown once; only its sha256 is stored.
 */
import type { FeatureDeps } from '../../app.ts'
import { appendAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.ts'
import { newSecret, sha256 } from '../../platform/auth/tokens.ts'
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import * as repo from './open311.repository.ts'
import type { Open311ClientRecord } from './open311.repository.ts'

/** What the client use cases run on. */
export type Open311ClientDeps = Pick<FeatureDeps, 'db' | 'clock'>

/** An Open311 client as listed (never its key). */
export type Open311Client = Open311ClientRecord

/** Prefix of Open311 keys, so a leaked one is recognisable in logs and scanners. */
export const OPEN311_KEY_PREFIX = 'o311_'
/** Longest client name. */
export const MAX_CLIENT_NAME = 100

// Verification writes last_used_at at most this often: a write per request would serialise
// posting clients on SQLite for a date nobody needs to the second.
const TOUCH_INTERVAL_MS = 60_000

/** Creates a client; returns it with its key, which is shown this once and never stored. */
export async function createOpen311Client(deps: Open311ClientDeps, name: string): Promise<{ client: Open311Client; key: string }> {
  const label = name.trim()
  if (label === '' || label.length > MAX_CLIENT_NAME) throw new ValidationError({ name: 'open311.clients.errors.name' })
  const key = newSecret(OPEN311_KEY_PREFIX)
  const now = deps.clock.now()
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertClient(trx, label, sha256(key), now)
    await appendAudit(trx, { actor: SYSTEM_ACTOR, at: now, entity: 'open311_client', entityId: id, action: 'create', after: { name: label } })
    return id
  })
  return { client: { id, name: label, createdAt: now, revokedAt: null, lastUsedAt: null }, key }
}

/** Every client, revoked ones too, oldest first. */
export function listOpen311Clients(deps: Open311ClientDeps): Promise<Open311Client[]> {
  return repo.findAllClients(deps.db)
}

/**
 * Revokes a client's key at once; its requests stay. Answers false when the key was already
 * revoked, and throws NotFoundError for an unknown id.
 */
export async function revokeOpen311Client(deps: Open311ClientDeps, id: number): Promise<{ client: Open311Client; wasLive: boolean }> {
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const client = await repo.findClientById(trx, id)
    if (!client) throw new NotFoundError()
    const wasLive = await repo.markClientRevoked(trx, id, now)
    if (wasLive) await appendAudit(trx, { actor: SYSTEM_ACTOR, at: now, entity: 'open311_client', entityId: id, action: 'revoke', before: { name: client.name } })
    return { client: wasLive ? { ...client, revokedAt: now } : client, wasLive }
  })
}

/** The live client holding this key, or null for a missing, unknown or revoked key. */
export async function verifyOpen311Key(deps: Open311ClientDeps, key: string | null): Promise<Open311Client | null> {
  if (key === null || !key.startsWith(OPEN311_KEY_PREFIX) || key.length > 200) return null
  const client = await repo.findLiveClientByKeyHash(deps.db, sha256(key))
  if (!client) return null
  const now = deps.clock.now()
  if (client.lastUsedAt === null || now.getTime() - client.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) await repo.touchClient(deps.db, client.id, now)
  return client
}
