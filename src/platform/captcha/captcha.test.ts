/** Pure parts of the captcha: counting zero bits, reading typed answers, wording the question. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createI18n } from '../i18n/i18n.ts'
import { answerOf, leadingZeroBits, parseAnswer, questionText, solveWork, workHash } from './captcha.ts'
import { captchaMessages } from './captcha.i18n.ts'

describe('captcha (pure)', () => {
  it('counts leading zero bits across bytes', () => {
    assert.equal(leadingZeroBits(Uint8Array.from([0x80])), 0)
    assert.equal(leadingZeroBits(Uint8Array.from([0x01])), 7)
    assert.equal(leadingZeroBits(Uint8Array.from([0x00, 0x00, 0x10, 0xff])), 19)
    assert.equal(leadingZeroBits(Uint8Array.from([0x00, 0x00])), 16)
  })

  it('finds a nonce whose hash has the asked zero bits', () => {
    const nonce = solveWork('a1b2c3', 10)
    assert.ok(leadingZeroBits(workHash('a1b2c3', nonce)) >= 10)
  })

  it('reads answers typed in digits or in Vietnamese or English words, with or without marks', () => {
    assert.equal(parseAnswer(' 7 '), 7)
    assert.equal(parseAnswer('bảy'), 7)
    assert.equal(parseAnswer('Bẩy'), 7)
    assert.equal(parseAnswer('bay'), 7)
    assert.equal(parseAnswer('MƯỜI'), 10)
    assert.equal(parseAnswer('tư'), 4)
    assert.equal(parseAnswer('seven.'), 7)
    assert.equal(parseAnswer('bảy mươi'), null)
    assert.equal(parseAnswer(''), null)
  })

  it('words the question in the page language, capitalised', () => {
    const i18n = createI18n(captchaMessages)
    assert.equal(questionText({ a: 3, b: 4, op: 'plus' }, i18n.translator('vi')), 'Ba cộng bốn bằng mấy?')
    assert.equal(questionText({ a: 9, b: 2, op: 'minus' }, i18n.translator('en')), 'What is nine minus two?')
    assert.equal(answerOf({ a: 9, b: 2, op: 'minus' }), 7)
  })
})
