/**
 * The desk kiosk (máy đánh giá tại quầy): a tablet at a counter of the one-stop desk where a resident
 * taps one of three answers about the official serving them. Pure rules: kiosk codes and names, the
 * setting of the least time between two ratings, which tablet time a rating keeps, and the spacing
 * check. No I/O.
 */
import type { FieldErrors } from '../../platform/http/errors.ts'
import { OVERALL_ANSWERS } from './rating.ts'
import type { OverallAnswer } from './rating.ts'

/** The three answers a kiosk offers: the same as the overall answer of a dossier evaluation. */
export const KIOSK_RATINGS = OVERALL_ANSWERS
/** One of KIOSK_RATINGS. */
export type KioskRating = OverallAnswer

/** Whether a value is one of the kiosk's answers. */
export function isKioskRating(value: unknown): value is KioskRating {
  return typeof value === 'string' && (KIOSK_RATINGS as readonly string[]).includes(value)
}

/** Kiosk codes: letters, digits, dot, dash, underscore; 1–40 characters (they appear in addresses). */
export const KIOSK_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/

/** The longest kiosk name. */
export const KIOSK_NAME_MAX = 120

// Codes that would be taken for the fixed addresses next to /admin/quay-danh-gia/:code and /api/v1/kiosks/:code.
const RESERVED_CODES: ReadonlySet<string> = new Set(['moi', 'cai-dat', 'settings'])

/** Deployment settings of the kiosks. */
export interface KioskSettings {
  /** A kiosk takes at most one rating per this many seconds (by the tablet's rating time). */
  readonly minIntervalSeconds: number
}

/** Defaults: one rating per 5 seconds per kiosk. */
export const DEFAULT_KIOSK_SETTINGS: KioskSettings = Object.freeze({ minIntervalSeconds: 5 })

/** Bounds of the interval setting, in seconds. */
export const INTERVAL_BOUNDS = Object.freeze({ min: 1, max: 600 })

/** The shortest time the thank-you screen shows. */
export const MIN_THANKS_MS = 4000

/** How long the thank-you screen shows: a few seconds, and never less than the interval, so the choices come back usable. */
export function thanksMs(minIntervalSeconds: number): number {
  return Math.max(minIntervalSeconds * 1000, MIN_THANKS_MS)
}

/** A rating time more than this ahead of the server's clock is not believed. */
export const MAX_AHEAD_MS = 5 * 60_000
/** A rating time older than this is not believed (a tablet offline for a week is out of service). */
export const MAX_AGE_MS = 7 * 86_400_000
/** A tablet clock this far from the server's is corrected (smaller gaps are network delay). */
export const SKEW_TOLERANCE_MS = 2 * 60_000

/** The client-made ids of ratings: UUIDs, as crypto.randomUUID() makes them. */
export const CLIENT_ID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/** Catalogue keys of what is wrong with a kiosk's code and name (empty when valid). */
export function checkKioskFields(input: { code: string; name: string }): FieldErrors {
  const fields: FieldErrors = {}
  const code = input.code.trim()
  if (!KIOSK_CODE_PATTERN.test(code) || RESERVED_CODES.has(code.toLowerCase())) fields.code = 'ratings.kiosk.errors.code'
  const name = input.name.trim()
  if (name === '' || name.length > KIOSK_NAME_MAX) fields.name = 'ratings.kiosk.errors.name'
  return fields
}

/** Catalogue keys of what is wrong with the settings (empty when valid). */
export function checkKioskSettings(input: { minIntervalSeconds: unknown }): FieldErrors {
  const value = input.minIntervalSeconds
  const isValid = typeof value === 'number' && Number.isInteger(value) && value >= INTERVAL_BOUNDS.min && value <= INTERVAL_BOUNDS.max
  return isValid ? {} : { minIntervalSeconds: 'ratings.kiosk.errors.interval' }
}

/** Parses an ISO-8601 instant with its offset (or Z); null for anything else. */
function parseClientInstant(text: string | undefined): Date | null {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null
  const date = new Date(text)
  return Number.isNaN(date.getTime()) ? null : date
}

/**
 * How far the tablet's clock is behind the server's (positive) or ahead (negative), judged from the
 * tablet's time when it sent the batch; 0 when it did not say, or when the gap is only network delay.
 */
export function clockSkewMs(sentAt: string | undefined, receivedAt: Date): number {
  const sent = parseClientInstant(sentAt)
  if (!sent) return 0
  const skew = receivedAt.getTime() - sent.getTime()
  return Math.abs(skew) <= SKEW_TOLERANCE_MS ? 0 : skew
}

/**
 * The instant a rating is stored with: the tablet's rating time, moved by the tablet's clock skew,
 * when it lies between 7 days ago and a few minutes ahead of the server; otherwise the server's time.
 */
export function acceptedRatedAt(ratedAt: string | undefined, receivedAt: Date, skewMs = 0): { readonly at: Date; readonly isTabletTime: boolean } {
  const told = parseClientInstant(ratedAt)
  if (told) {
    const at = new Date(told.getTime() + skewMs)
    const now = receivedAt.getTime()
    if (at.getTime() <= now + MAX_AHEAD_MS && at.getTime() >= now - MAX_AGE_MS) return { at, isTabletTime: true }
  }
  return { at: receivedAt, isTabletTime: false }
}

/**
 * Whether a rating at `at` comes too soon after, or too shortly before, another rating of the same
 * kiosk. Both neighbours count: ratings queued offline arrive late and may fall between stored ones.
 */
export function isTooClose(at: Date, others: readonly Date[], minIntervalMs: number): boolean {
  return others.some((other) => Math.abs(other.getTime() - at.getTime()) < minIntervalMs)
}

/** A rating as the tablet sends it. */
export interface TabletRating {
  readonly clientId: string
  readonly rating: string
  readonly ratedAt?: string | undefined
}

/** What happens to one rating of a batch. */
export type Triage = { readonly kind: 'store'; readonly clientId: string; readonly rating: KioskRating; readonly at: Date } | { readonly kind: 'reject'; readonly clientId: string; readonly reason: RejectReason }

/** Why a rating is refused for good (the tablet drops it rather than send it again). */
export type RejectReason = 'too_fast' | 'invalid'

/**
 * Sorts a batch of new ratings (ids not seen before) by time and decides each: stored, refused as
 * too close to a stored or earlier-accepted rating, or invalid. The same id twice in one batch is
 * kept once; the caller acknowledges both.
 */
export function triageBatch(ratings: readonly TabletRating[], stored: readonly Date[], options: { receivedAt: Date; skewMs: number; minIntervalMs: number }): Triage[] {
  const seen = new Set<string>()
  const decided: Triage[] = []
  const candidates: { clientId: string; rating: KioskRating; at: Date }[] = []
  for (const r of ratings) {
    if (seen.has(r.clientId)) continue
    seen.add(r.clientId)
    if (!CLIENT_ID_PATTERN.test(r.clientId) || !isKioskRating(r.rating)) {
      decided.push({ kind: 'reject', clientId: r.clientId, reason: 'invalid' })
      continue
    }
    candidates.push({ clientId: r.clientId, rating: r.rating, at: acceptedRatedAt(r.ratedAt, options.receivedAt, options.skewMs).at })
  }
  candidates.sort((a, b) => a.at.getTime() - b.at.getTime())
  const taken = [...stored]
  for (const c of candidates) {
    if (isTooClose(c.at, taken, options.minIntervalMs)) {
      decided.push({ kind: 'reject', clientId: c.clientId, reason: 'too_fast' })
    } else {
      taken.push(c.at)
      decided.push({ kind: 'store', ...c })
    }
  }
  return decided
}

/** The initials shown in place of a photo: first letters of the family and given names ("Nguyễn Văn An" → "NA"). */
export function initialsOf(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter((w) => w !== '')
  const first = words[0]?.charAt(0) ?? ''
  const last = words.length > 1 ? (words[words.length - 1]?.charAt(0) ?? '') : ''
  return (first + last).toLocaleUpperCase('vi')
}
