/**
 * One-shot messages carried across a redirect (the "G" of Post/Redirect/Get) in a short-lived
 * cookie. The cookie is encrypted, not only signed, because a flash may carry a generated
 * password that must be shown once and must not sit readable in the browser's cookie store.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'

/** Name of the flash cookie. */
export const FLASH_COOKIE = 'congso_flash'

// Long enough to survive one redirect on a slow line; short enough that a forgotten one dies.
const FLASH_MAX_AGE_SECONDS = 120

/** How a flash message is presented. */
export type FlashKind = 'success' | 'info' | 'warning'

/** A message shown once on the next page. */
export interface Flash {
  readonly kind: FlashKind
  /** Catalogue key of the message. */
  readonly key: string
  /** Values for the message's placeholders (plain text; escaped when shown). */
  readonly params?: Readonly<Record<string, string | number>>
  /** A secret shown once beside the message (a generated password), or absent. */
  readonly secret?: string
}

/** Derives the flash encryption key from the application secret; the label keeps it apart from other uses. */
function flashKey(appSecret: string): Buffer {
  return createHash('sha256').update(`congso:flash:v1:${appSecret}`).digest()
}

/** Encrypts a flash into a cookie value (AES-256-GCM: confidential and tamper-evident). */
export function sealFlash(appSecret: string, flash: Flash): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', flashKey(appSecret), iv)
  const body = Buffer.concat([cipher.update(JSON.stringify(flash), 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
}

/** Decrypts a cookie value into a flash; null when absent, tampered with or malformed. */
export function openFlash(appSecret: string, sealed: string | undefined): Flash | null {
  if (!sealed) return null
  try {
    const raw = Buffer.from(sealed, 'base64url')
    if (raw.length < 29) return null
    const decipher = createDecipheriv('aes-256-gcm', flashKey(appSecret), raw.subarray(0, 12))
    decipher.setAuthTag(raw.subarray(12, 28))
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
    const value = JSON.parse(text) as Partial<Flash>
    if (typeof value.key !== 'string' || (value.kind !== 'success' && value.kind !== 'info' && value.kind !== 'warning')) return null
    return {
      kind: value.kind,
      key: value.key,
      ...(value.params && typeof value.params === 'object' ? { params: value.params } : {}),
      ...(typeof value.secret === 'string' ? { secret: value.secret } : {}),
    }
  } catch {
    return null
  }
}

/** Sets the flash for the next page. */
export function setFlash(reply: FastifyReply, appSecret: string, isSecure: boolean, flash: Flash): void {
  reply.setCookie(FLASH_COOKIE, sealFlash(appSecret, flash), {
    path: '/',
    httpOnly: true,
    // Strict: the message belongs to a navigation that started on our own site.
    sameSite: 'strict',
    secure: isSecure,
    maxAge: FLASH_MAX_AGE_SECONDS,
  })
}

/** Reads and clears the flash of this request, so it shows exactly once. */
export function takeFlash(req: FastifyRequest, reply: FastifyReply, appSecret: string, isSecure: boolean): Flash | null {
  const sealed = req.cookies[FLASH_COOKIE]
  if (sealed === undefined) return null
  reply.clearCookie(FLASH_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: isSecure })
  return openFlash(appSecret, sealed)
}
