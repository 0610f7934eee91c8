/** Folding, tokens, queries, weights and snippets of site search: pure, no database. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fold, hasPhrase, highlightsIn, makeSnippet, matchesTerm, normalizeText, parseQuery, termWeights, tokenize } from './search.ts'
import { MAX_BODY_OCCURRENCES, MAX_QUERY_TERMS, MAX_TERM_LENGTH, SHORT_TITLE_BONUS, TITLE_WEIGHT } from './text.ts'

/** The text that a list of highlights marks. */
function marked(text: string, highlights: readonly (readonly [number, number])[]): string[] {
  return highlights.map(([start, end]) => text.slice(start, end))
}

/** Whether some word of a text matches every term of a query (the test's own plain reading of AND). */
function finds(query: string, text: string): boolean {
  const terms = tokenize(normalizeText(text)).map((t) => t.term)
  return parseQuery(query).terms.every((q) => terms.some((t) => matchesTerm(t, q)))
}

describe('fold', () => {
  it('strips Vietnamese diacritics to the base letter, lower-cases, and turns đ/Đ into d', () => {
    assert.equal(fold('Tân Uyên'), 'tan uyen')
    assert.equal(fold('Đảng'), 'dang')
    assert.equal(fold('ĐĂNG KÝ'), 'dang ky')
    assert.equal(fold('Nghị định 123/2015/NĐ-CP'), 'nghi dinh 123 2015 nd cp')
    assert.equal(fold('Ưu tiên người cao tuổi, Ơn, Ỷ, Ỹ, Ự'), 'uu tien nguoi cao tuoi  on  y  y  u')
    assert.equal(fold('ăâêôơưđ ĂÂÊÔƠƯĐ àảãáạ ằẳẵắặ ầẩẫấậ'), 'aaeooud aaeooud aaaaa aaaaa aaaaa')
  })

  it('keeps the length, so offsets in the folded text are offsets in the original', () => {
    const texts = ['Ủy ban nhân dân phường Uyên Hưng', 'Xin chào 👋 Đà Nẵng!', 'Hồ sơ “một cửa” – 15 ngày']
    for (const text of texts) assert.equal(fold(text).length, text.length, text)
    const text = 'Trụ sở Đảng ủy phường'
    const at = fold(text).indexOf('dang uy')
    assert.equal(text.slice(at, at + 'dang uy'.length), 'Đảng ủy')
  })

  it('makes a separator of everything that is not a letter or a digit, emoji included', () => {
    assert.equal(fold('a.b,c;d—e 👋f'), 'a b c d e   f')
    assert.equal(fold('Москва ΑΘΗΝΑ'), 'москва αθηνα')
  })
})

describe('tokenize', () => {
  it('gives folded words with their offsets in the text', () => {
    assert.deepEqual(tokenize('Đăng ký khai sinh (lần đầu)'), [
      { term: 'dang', start: 0, end: 4 },
      { term: 'ky', start: 5, end: 7 },
      { term: 'khai', start: 8, end: 12 },
      { term: 'sinh', start: 13, end: 17 },
      { term: 'lan', start: 19, end: 22 },
      { term: 'dau', start: 23, end: 26 },
    ])
  })

  it('cuts very long words to the longest term kept, but keeps their whole extent', () => {
    const long = 'x'.repeat(MAX_TERM_LENGTH + 10)
    assert.deepEqual(tokenize(`a ${long}`), [
      { term: 'a', start: 0, end: 1 },
      { term: 'x'.repeat(MAX_TERM_LENGTH), start: 2, end: 2 + long.length },
    ])
  })
})

describe('parseQuery', () => {
  it('folds the query the way documents are folded', () => {
    assert.deepEqual(
      parseQuery('ĐĂNG KÝ ').terms.map((t) => t.text),
      ['dang', 'ky'],
    )
  })

  it('reads the last word also as a prefix while it is being typed, not after a space', () => {
    assert.deepEqual(parseQuery('tan uy').terms, [
      { text: 'tan', isPrefix: false },
      { text: 'uy', isPrefix: true },
    ])
    assert.deepEqual(parseQuery('tan uy ').terms, [
      { text: 'tan', isPrefix: false },
      { text: 'uy', isPrefix: false },
    ])
    // One letter would match half the dictionary.
    assert.deepEqual(parseQuery('ho s').terms, [
      { text: 'ho', isPrefix: false },
      { text: 's', isPrefix: false },
    ])
  })

  it('drops repeated words, and a prefix that an exact word already demands', () => {
    assert.deepEqual(parseQuery('dang ky dang').terms, [
      { text: 'dang', isPrefix: false },
      { text: 'ky', isPrefix: false },
    ])
    assert.equal(parseQuery('dang ky dang').phrase.length, 3)
  })

  it('says a query is too short without two letters or digits, and reads at most a few words', () => {
    for (const q of ['', '   ', 'a', '!!', '— ?']) assert.equal(parseQuery(q).isTooShort, true, JSON.stringify(q))
    assert.equal(parseQuery('a b').isTooShort, false)
    assert.equal(parseQuery('xã').isTooShort, false)
    const many = Array.from({ length: MAX_QUERY_TERMS + 4 }, (_, i) => `w${i}`).join(' ')
    assert.equal(parseQuery(many).terms.length, MAX_QUERY_TERMS)
  })
})

describe('matching', () => {
  it('finds Vietnamese text from a query typed with or without diacritics, in any case', () => {
    assert.ok(finds('tan uyen', 'Thị xã Tân Uyên, tỉnh Bình Dương'))
    assert.ok(finds('dang', 'Đảng bộ phường Uyên Hưng'))
    assert.ok(finds('ĐĂNG KÝ', 'Thủ tục đăng ký khai sinh'))
    assert.ok(finds('Đăng ký', 'THỦ TỤC ĐĂNG KÝ KẾT HÔN'))
    assert.ok(finds('tan uy', 'Tân Uyên'), 'the last word as a prefix')
    assert.ok(!finds('tan uyen', 'Tân Phước Khánh'), 'every word must be there')
    assert.ok(!finds('uye tan', 'Tân Uyên'), 'only the last word is a prefix')
  })
})

describe('termWeights', () => {
  it('weighs a word in the title above any number of the same word in the body, with integers', () => {
    const weights = termWeights('Đăng ký khai sinh', 'Khai sinh cho trẻ. Khai sinh đúng hạn. Khai sinh khai sinh khai sinh khai sinh.')
    // Four words: the title is short, so its words weigh a little more (one less per four words).
    assert.equal(weights.get('dang'), TITLE_WEIGHT + SHORT_TITLE_BONUS - 1)
    assert.equal(weights.get('khai'), TITLE_WEIGHT + SHORT_TITLE_BONUS - 1 + MAX_BODY_OCCURRENCES)
    assert.equal(weights.get('tre'), 1)
    assert.ok([...weights.values()].every((w) => Number.isInteger(w) && w > 0))
    assert.ok(MAX_BODY_OCCURRENCES < TITLE_WEIGHT)
  })

  it('weighs the words of a long title less than those of a short one, and a repeated title word once', () => {
    const long = termWeights('Liên thông thủ tục đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi', '')
    const short = termWeights('Thủ tục đăng ký khai sinh', '')
    assert.equal(long.get('dang'), TITLE_WEIGHT)
    assert.ok(short.get('dang')! > long.get('dang')!)
  })
})

describe('hasPhrase', () => {
  it('wants the words one after the other in the order typed, the last one as typed so far', () => {
    assert.equal(hasPhrase('Thị xã Tân Uyên', parseQuery('tan uyen').phrase), true)
    assert.equal(hasPhrase('Thị xã Tân Uyên', parseQuery('tan uy').phrase), true)
    assert.equal(hasPhrase('Uyên và Tân', parseQuery('tan uyen').phrase), false)
    assert.equal(hasPhrase('Tân Phước, Uyên Hưng', parseQuery('tan uyen').phrase), false)
  })
})

describe('snippets', () => {
  const body =
    'Sáng nay, Ủy ban nhân dân thị xã tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2025. ' +
    'Theo báo cáo, bộ phận một cửa đã tiếp nhận hơn mười nghìn hồ sơ, trong đó tỷ lệ giải quyết đúng hạn đạt 98%. ' +
    'Đồng chí Bí thư Đảng ủy phường Uyên Hưng biểu dương các cán bộ tiếp dân tận tình, chu đáo. ' +
    'Năm tới, thị xã tiếp tục đẩy mạnh dịch vụ công trực tuyến và chuyển đổi số trong tiếp nhận hồ sơ.'

  it('shows about 200 characters around the first match, cut at words, with ellipses where text was left out', () => {
    const snippet = makeSnippet(body, parseQuery('dang uy'))
    assert.ok(snippet.text.startsWith('…') && snippet.text.endsWith('…'), snippet.text)
    assert.ok(snippet.text.length <= 202, `${snippet.text.length}`)
    assert.ok(snippet.text.length >= 150, `${snippet.text.length}`)
    assert.ok(snippet.text.includes('Đảng ủy phường Uyên Hưng'))
    // Whole words only at both ends.
    const inner = snippet.text.slice(1, -1)
    assert.ok(body.includes(inner))
    const at = body.indexOf(inner)
    assert.ok(at === 0 || body[at - 1] === ' ', 'starts at a word')
    assert.ok(!/[\p{L}\p{N}]/u.test(body[at + inner.length] ?? ' '), 'ends at a word')
  })

  it('marks the matches with exact offsets into the snippet, on Vietnamese text', () => {
    const snippet = makeSnippet(body, parseQuery('ĐẢNG ỦY '))
    assert.deepEqual(marked(snippet.text, snippet.highlights), ['Đảng', 'ủy'])
    // Still typing: "uy" also begins "Uyên".
    const typing = makeSnippet(body, parseQuery('dang uy'))
    assert.deepEqual(marked(typing.text, typing.highlights), ['Đảng', 'ủy', 'Uyên'])
    assert.equal(typing.text.slice(typing.highlights[2]![0], typing.highlights[2]![1] + 5), 'Uyên Hưng')
    const prefixed = makeSnippet(body, parseQuery('tiep nh'))
    assert.deepEqual(marked(prefixed.text, prefixed.highlights).slice(0, 2), ['tiếp', 'nhận'])
    assert.ok(marked(prefixed.text, prefixed.highlights).every((m) => ['tiếp', 'nhận', 'nhân'].includes(m)), JSON.stringify(marked(prefixed.text, prefixed.highlights)))
  })

  it('starts at the beginning when the match is near it, and shows the start of the text without a match', () => {
    const early = makeSnippet(body, parseQuery('sang nay'))
    assert.ok(early.text.startsWith('Sáng nay'))
    assert.deepEqual(marked(early.text, early.highlights), ['Sáng', 'nay'])
    const none = makeSnippet(body, parseQuery('xyz qwerty'))
    assert.ok(none.text.startsWith('Sáng nay, Ủy ban'))
    assert.deepEqual(none.highlights, [])
  })

  it('keeps a short text whole, and shows more before a match near the end', () => {
    const short = makeSnippet('Đăng ký kết hôn', parseQuery('ket hon'))
    assert.deepEqual(short, { text: 'Đăng ký kết hôn', highlights: [[8, 11], [12, 15]] })
    const late = makeSnippet(body, parseQuery('chuyen doi so'))
    assert.ok(late.text.startsWith('…') && !late.text.endsWith('…'))
    assert.ok(late.text.length >= 150)
    assert.ok(late.text.endsWith('hồ sơ.'), late.text)
    // "so" is still being typed: it begins "số" and "sơ" alike.
    assert.deepEqual(marked(late.text, late.highlights), ['chuyển', 'đổi', 'số', 'sơ'])
  })

  it('never splits a character made of two UTF-16 units', () => {
    const text = `${'😀'.repeat(150)} Đảng`
    const snippet = makeSnippet(text, parseQuery('dang'))
    assert.doesNotMatch(snippet.text, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
    assert.deepEqual(marked(snippet.text, snippet.highlights), ['Đảng'])
  })

  it('marks titles too', () => {
    const title = 'Thủ tục đăng ký khai sinh'
    assert.deepEqual(marked(title, highlightsIn(title, parseQuery('DANG KY').terms)), ['đăng', 'ký'])
  })
})

describe('normalizeText', () => {
  it('composes decomposed Vietnamese and collapses whitespace', () => {
    const decomposed = 'Đa\u0300 Na\u0306\u0303ng\n\n  ba\u0301o'.normalize('NFD')
    assert.equal(normalizeText(decomposed), 'Đà Nẵng báo')
    assert.equal(fold(normalizeText(decomposed)), 'da nang bao')
  })
})
