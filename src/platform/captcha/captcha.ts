/**
 * A captcha without third parties, for public forms: a proof-of-work challenge that the browser
 * solves in the background (find a nonce such that sha256(salt + nonce) starts with N zero bits),
 * and, for browsers without JavaScript or without `crypto.subtle` (plain http off localhost), a
 * simple arithmetic question in words ("Ba cộng bốn bằng mấy?").
 *
 * Challenges are stateless: the token carries the salt, the difficulty, the expiry and a MAC of
 * the fallback's answer, all signed with HMAC-SHA256 under a key derived from the application
 * secret. Only a solution used twice needs the database: the first verification of a token marks
 * its salt as spent in `rate_counters` (key `captcha:<salt>`), and any later one is refused.
 *
 * What it buys: each accepted submission costs a script about 2^N hashes, or a reading of the
 * question; neither stops a determined person, so forms keep their rate limits per address.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { hitCounter } from '../http/rate-counter.ts'
import type { Translate } from '../i18n/i18n.ts'

/** Names of the form fields a captcha adds to a form (also the keys of a JSON `captcha` object). */
export const CAPTCHA_FIELDS = Object.freeze({ token: 'captchaToken', nonce: 'captchaNonce', answer: 'captchaAnswer' } as const)

/**
 * Longest lifetime of a challenge. Spent salts live in `rate_counters`, which the daily job purges
 * a day after a counter's window starts; a challenge must expire before its mark can be purged,
 * or it could be replayed.
 */
export const MAX_CAPTCHA_TTL_MS = 12 * 3_600_000

/** Highest difficulty accepted: 2^32 hashes is minutes of work on a phone, far past any sensible form. */
export const MAX_DIFFICULTY_BITS = 32

/** What createCaptcha needs. */
export interface CaptchaOptions {
  /** The application secret (config.sessionSecret); a key for captchas alone is derived from it. */
  readonly secret: string
  /** Leading zero bits the hash of a solution must have; each bit doubles the browser's work. */
  readonly difficultyBits: number
  /** How long a challenge may be answered after it is issued (at most MAX_CAPTCHA_TTL_MS). */
  readonly ttlMs: number
  /** Where spent challenges are remembered. */
  readonly db: Kysely<Database>
}

/** The fallback question: `a plus b` or `a minus b`, with an answer from 1 to 10. */
export interface CaptchaQuestion {
  readonly a: number
  readonly b: number
  readonly op: 'plus' | 'minus'
}

/** A challenge as a form renders it: the signed token and what the browser and the person need. */
export interface CaptchaChallenge {
  /** Signed, opaque; sent back unchanged in the `captchaToken` field. */
  readonly token: string
  /** Hex salt the proof of work hashes with the nonce. */
  readonly salt: string
  readonly difficultyBits: number
  readonly expiresAt: Date
  /** The fallback question; its answer is not in the token, only a MAC of it. */
  readonly question: CaptchaQuestion
}

/** What a form sends back: the token, and the nonce (script) or the answer (person). */
export interface CaptchaSolution {
  readonly token?: string | undefined
  readonly nonce?: string | undefined
  readonly answer?: string | undefined
}

/** Catalogue keys of the reasons a solution is refused. */
export type CaptchaFailure = 'captcha.errors.missing' | 'captcha.errors.invalid' | 'captcha.errors.expired' | 'captcha.errors.wrong' | 'captcha.errors.reused'

/** The outcome of a verification. */
export type CaptchaVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: CaptchaFailure }

/** A captcha bound to one secret, difficulty, lifetime and database. */
export interface Captcha {
  readonly difficultyBits: number
  /** Issues a fresh challenge. */
  issue(now: Date): CaptchaChallenge
  /**
   * Checks a solution: signature, expiry, then marks the challenge spent and checks the nonce (or
   * the answer). A challenge is spent by its first verification whatever its outcome, so a wrong
   * answer cannot be retried with the same token: the form shows a new challenge instead.
   */
  verify(solution: CaptchaSolution, now: Date): Promise<CaptchaVerdict>
}

const TOKEN_VERSION = 'c1'
const SALT_BYTES = 16
const MAC_BYTES = 16
const NONCE_PATTERN = /^[0-9]{1,16}$/

/** The number of leading zero bits of a byte string. */
export function leadingZeroBits(bytes: Uint8Array): number {
  let bits = 0
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8
      continue
    }
    return bits + Math.clz32(byte) - 24
  }
  return bits
}

/** The hash the proof of work is about: sha256 of the salt's text followed by the nonce's. */
export function workHash(salt: string, nonce: string): Buffer {
  return createHash('sha256').update(`${salt}${nonce}`, 'utf8').digest()
}

/** Finds a nonce for a salt by brute force (tests, and clients without a browser). */
export function solveWork(salt: string, difficultyBits: number, maxTries = 2 ** 28): string {
  for (let nonce = 0; nonce < maxTries; nonce++) {
    if (leadingZeroBits(workHash(salt, String(nonce))) >= difficultyBits) return String(nonce)
  }
  throw new Error(`no nonce found in ${maxTries} tries`)
}

/** Number words from zero to ten, as people type them; the catalogue's question words come from here too. */
export const NUMBER_WORDS: Readonly<Record<'vi' | 'en', readonly (readonly string[])[]>> = Object.freeze({
  // Index = value; the first word is the one shown, the rest are accepted too.
  vi: [['không'], ['một'], ['hai'], ['ba'], ['bốn', 'tư'], ['năm', 'lăm'], ['sáu'], ['bảy', 'bẩy'], ['tám'], ['chín'], ['mười']],
  en: [['zero'], ['one'], ['two'], ['three'], ['four'], ['five'], ['six'], ['seven'], ['eight'], ['nine'], ['ten']],
})

/** Folds typed text for comparison: no diacritics, đ → d, lower case, single spaces. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

const WORD_VALUES: ReadonlyMap<string, number> = new Map(
  Object.values(NUMBER_WORDS).flatMap((words) => words.flatMap((forms, value) => forms.map((form) => [fold(form), value] as const))),
)

/** Reads a typed answer: digits ("7") or a number word in Vietnamese or English ("bảy", "bay", "seven"); null otherwise. */
export function parseAnswer(text: string): number | null {
  const folded = fold(text).replace(/[.!]$/, '')
  if (/^\d{1,3}$/.test(folded)) return Number(folded)
  return WORD_VALUES.get(folded) ?? null
}

/** The value of a question. */
export function answerOf(question: CaptchaQuestion): number {
  return question.op === 'plus' ? question.a + question.b : question.a - question.b
}

/** A random question with an answer from 1 to 10, so it can be written and typed as one word. */
function randomQuestion(): CaptchaQuestion {
  if (randomInt(2) === 0) {
    const a = randomInt(1, 10)
    return { a, b: randomInt(1, 11 - a), op: 'plus' }
  }
  const a = randomInt(2, 11)
  return { a, b: randomInt(1, a), op: 'minus' }
}

/** The question in words, in the page's language, e.g. "Ba cộng bốn bằng mấy?". */
export function questionText(question: CaptchaQuestion, t: Translate): string {
  const text = t(`captcha.question.${question.op}`, { a: t(`captcha.number.${question.a}`), b: t(`captcha.number.${question.b}`) })
  return text.charAt(0).toLocaleUpperCase() + text.slice(1)
}

/** Creates a captcha; throws on a difficulty or lifetime outside the safe ranges. */
export function createCaptcha(options: CaptchaOptions): Captcha {
  const { difficultyBits, ttlMs, db } = options
  if (!Number.isInteger(difficultyBits) || difficultyBits < 0 || difficultyBits > MAX_DIFFICULTY_BITS) {
    throw new RangeError(`captcha difficulty must be an integer from 0 to ${MAX_DIFFICULTY_BITS} bits`)
  }
  if (!Number.isInteger(ttlMs) || ttlMs <= 0 || ttlMs > MAX_CAPTCHA_TTL_MS) throw new RangeError(`captcha lifetime must be from 1 ms to ${MAX_CAPTCHA_TTL_MS} ms`)
  if (options.secret.length < 16) throw new RangeError('captcha secret is too short')
  // A key of its own, so a signature made here means nothing to the session or flash code.
  const key = createHash('sha256').update(`congso:captcha:v1:${options.secret}`).digest()
  const mac = (text: string, bytes = 32) => createHmac('sha256', key).update(text).digest().subarray(0, bytes).toString('base64url')
  const answerMac = (salt: string, answer: number) => mac(`answer:${salt}:${answer}`, MAC_BYTES)
  const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

  return {
    difficultyBits,
    issue(now) {
      const salt = randomBytes(SALT_BYTES).toString('hex')
      const question = randomQuestion()
      const expiresAt = new Date(now.getTime() + ttlMs)
      const body = [TOKEN_VERSION, salt, String(difficultyBits), String(expiresAt.getTime()), answerMac(salt, answerOf(question))].join('.')
      return { token: `${body}.${mac(body)}`, salt, difficultyBits, expiresAt, question }
    },
    async verify(solution, now) {
      const token = solution.token?.trim() ?? ''
      const nonce = solution.nonce?.trim() ?? ''
      const answer = solution.answer?.trim() ?? ''
      if (token === '' || (nonce === '' && answer === '')) return { ok: false, reason: 'captcha.errors.missing' }
      const parts = token.length <= 400 ? token.split('.') : []
      if (parts.length !== 6 || parts[0] !== TOKEN_VERSION) return { ok: false, reason: 'captcha.errors.invalid' }
      const [, salt = '', bitsText = '', expiresText = '', answerCode = '', signature = ''] = parts
      if (!sameText(signature, mac(parts.slice(0, 5).join('.')))) return { ok: false, reason: 'captcha.errors.invalid' }
      if (now.getTime() > Number(expiresText)) return { ok: false, reason: 'captcha.errors.expired' }
      // Spent on first use, right or wrong: the fallback's ten possible answers cannot be tried in turn.
      const uses = await hitCounter(db, `captcha:${salt}`, ttlMs, now)
      if (uses > 1) return { ok: false, reason: 'captcha.errors.reused' }
      if (nonce !== '') {
        // The difficulty signed into the token counts, not today's setting: a challenge keeps its terms.
        const isSolved = NONCE_PATTERN.test(nonce) && leadingZeroBits(workHash(salt, nonce)) >= Number(bitsText)
        return isSolved ? { ok: true } : { ok: false, reason: 'captcha.errors.wrong' }
      }
      const value = parseAnswer(answer)
      return value !== null && sameText(answerMac(salt, value), answerCode) ? { ok: true } : { ok: false, reason: 'captcha.errors.wrong' }
    },
  }
}
