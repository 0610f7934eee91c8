/**
 * The captcha against a real database (spent challenges live in rate_counters): a right nonce or
 * answer passes once; a wrong nonce, an expired or tampered challenge and a replay are refused.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { answerOf, createCaptcha, leadingZeroBits, solveWork, workHash } from './captcha.ts'
import type { Captcha, CaptchaChallenge } from './captcha.ts'

const SECRET = 'test-secret-of-thirty-two-chars!'
const NOW = new Date('2026-03-02T02:00:00Z')

for (const dialect of testDialects) {
  describe(`captcha on ${dialect.name}`, () => {
    let database: TestDatabase
    let captcha: Captcha
    before(async () => {
      database = await dialect.open()
      captcha = createCaptcha({ secret: SECRET, difficultyBits: 8, ttlMs: 600_000, db: database.db })
    })
    after(() => database.close())

    const solved = (challenge: CaptchaChallenge) => ({ token: challenge.token, nonce: solveWork(challenge.salt, challenge.difficultyBits) })

    it('accepts a correct proof of work, once', async () => {
      const challenge = captcha.issue(NOW)
      assert.equal(challenge.difficultyBits, 8)
      assert.equal(challenge.expiresAt.getTime(), NOW.getTime() + 600_000)
      assert.deepEqual(await captcha.verify(solved(challenge), NOW), { ok: true })
      assert.deepEqual(await captcha.verify(solved(challenge), NOW), { ok: false, reason: 'captcha.errors.reused' })
    })

    it('accepts the right answer to the question in words, as digits or as a word', async () => {
      const first = captcha.issue(NOW)
      assert.deepEqual(await captcha.verify({ token: first.token, answer: String(answerOf(first.question)) }, NOW), { ok: true })
      const second = captcha.issue(NOW)
      const word = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'][answerOf(second.question)]!
      assert.deepEqual(await captcha.verify({ token: second.token, answer: word }, NOW), { ok: true })
    })

    it('refuses a wrong nonce, and the challenge is then spent', async () => {
      const challenge = captcha.issue(NOW)
      let wrong = 0
      // A nonce whose hash does not have the zero bits (most do not).
      while (leadingZeroBits(workHash(challenge.salt, String(wrong))) >= 8) wrong++
      assert.deepEqual(await captcha.verify({ token: challenge.token, nonce: String(wrong) }, NOW), { ok: false, reason: 'captcha.errors.wrong' })
      assert.deepEqual(await captcha.verify(solved(challenge), NOW), { ok: false, reason: 'captcha.errors.reused' })
    })

    it('refuses a wrong answer, and does not let the answers be tried in turn', async () => {
      const challenge = captcha.issue(NOW)
      const wrong = answerOf(challenge.question) === 1 ? '2' : '1'
      assert.deepEqual(await captcha.verify({ token: challenge.token, answer: wrong }, NOW), { ok: false, reason: 'captcha.errors.wrong' })
      assert.deepEqual(await captcha.verify({ token: challenge.token, answer: String(answerOf(challenge.question)) }, NOW), { ok: false, reason: 'captcha.errors.reused' })
    })

    it('refuses an expired challenge', async () => {
      const challenge = captcha.issue(NOW)
      const late = new Date(NOW.getTime() + 600_001)
      assert.deepEqual(await captcha.verify(solved(challenge), late), { ok: false, reason: 'captcha.errors.expired' })
    })

    it('refuses a tampered challenge: easier difficulty, later expiry, another salt, another secret', async () => {
      const challenge = captcha.issue(NOW)
      const parts = challenge.token.split('.')
      const easier = [...parts.slice(0, 2), '0', ...parts.slice(3)].join('.')
      assert.deepEqual(await captcha.verify({ token: easier, nonce: '0' }, NOW), { ok: false, reason: 'captcha.errors.invalid' })
      const later = [...parts.slice(0, 3), String(NOW.getTime() + 10 ** 9), ...parts.slice(4)].join('.')
      assert.deepEqual(await captcha.verify({ token: later, nonce: '0' }, new Date(NOW.getTime() + 10 ** 8)), { ok: false, reason: 'captcha.errors.invalid' })
      const otherSalt = [parts[0], 'ab'.repeat(16), ...parts.slice(2)].join('.')
      assert.deepEqual(await captcha.verify({ token: otherSalt, nonce: '0' }, NOW), { ok: false, reason: 'captcha.errors.invalid' })
      const elsewhere = createCaptcha({ secret: `${SECRET}-other`, difficultyBits: 8, ttlMs: 600_000, db: database.db })
      assert.deepEqual(await elsewhere.verify(solved(challenge), NOW), { ok: false, reason: 'captcha.errors.invalid' })
      assert.deepEqual(await captcha.verify({ token: 'garbage', nonce: '1' }, NOW), { ok: false, reason: 'captcha.errors.invalid' })
      // Tampering spent nothing: the genuine challenge still passes.
      assert.deepEqual(await captcha.verify(solved(challenge), NOW), { ok: true })
    })

    it('says what is missing when nothing was solved', async () => {
      const challenge = captcha.issue(NOW)
      assert.deepEqual(await captcha.verify({ token: challenge.token }, NOW), { ok: false, reason: 'captcha.errors.missing' })
      assert.deepEqual(await captcha.verify({ nonce: '1' }, NOW), { ok: false, reason: 'captcha.errors.missing' })
    })

    it('refuses settings outside the safe ranges', () => {
      assert.throws(() => createCaptcha({ secret: SECRET, difficultyBits: 40, ttlMs: 1000, db: database.db }), RangeError)
      assert.throws(() => createCaptcha({ secret: SECRET, difficultyBits: 8, ttlMs: 2 * 86_400_000, db: database.db }), RangeError)
    })
  })
}
