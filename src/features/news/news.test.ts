/**
 * Pure rules of news, without I/O: slugs made from Vietnamese titles, tags, initials, the status
 * transitions, the Vietnamese date-time line in Vietnam time, the scoring and picking of related
 * articles, and the two layers that make an article's Markdown safe (markdown-it without raw
 * HTML and with an allowlist of link schemes, then sanitize-html) against scripts, javascript:
 * links, raw HTML, event handler attributes and foreign images.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { htmlToText, imagesIn, isAllowedLink, renderMarkdown, sanitizeBody, thumbSize } from './news.markdown.ts'
import type { BodyImage } from './news.markdown.ts'
import {
  allowedStatusActions,
  articlePath,
  dateTimeLocalValue,
  formatArticleDateTime,
  initialsOf,
  isDue,
  isValidSchedule,
  MAX_RELATED,
  MIN_RELATED,
  nextStatus,
  parseTags,
  parseVietnamDateTime,
  pickRelated,
  relatedScore,
  RELATED_WEIGHTS,
  slugify,
  textTerms,
  uniqueSlug,
} from './news.ts'
import type { RelatedCandidate } from './news.ts'

/** A candidate for the related scoring. */
function candidate(id: number, options: { category?: string; tags?: string[]; text?: string; at?: string } = {}): RelatedCandidate {
  return {
    id,
    category: options.category ?? 'chinh-quyen',
    tags: parseTags((options.tags ?? []).join(',')).map((t) => t.folded),
    terms: textTerms(options.text ?? ''),
    publishedAt: options.at ? new Date(options.at) : new Date('2026-01-01T00:00:00Z'),
  }
}

/** Every start tag of an HTML text, as written. */
function startTags(html: string): string[] {
  return [...html.matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0])
}

const IMAGE: BodyImage = { id: 12, width: 1600, height: 900, alt: 'Cán bộ "một cửa" <b>hướng dẫn</b>', caption: 'Bộ phận một cửa <script>x</script> & quầy' }
const IMAGES = new Map([[IMAGE.id, IMAGE]])

describe('slugs', () => {
  it('folds a Vietnamese title to lower-case ASCII words joined by dashes', () => {
    assert.equal(slugify('Tân Uyên đẩy mạnh dịch vụ công trực tuyến'), 'tan-uyen-day-manh-dich-vu-cong-truc-tuyen')
    assert.equal(slugify('ĐĂNG KÝ hộ kinh doanh: 3 bước!'), 'dang-ky-ho-kinh-doanh-3-buoc')
    assert.equal(slugify('  “Ngày Chủ nhật xanh” — ra quân  '), 'ngay-chu-nhat-xanh-ra-quan')
    assert.equal(slugify('Đường Đồng Khởi'), 'duong-dong-khoi')
    // Decomposed input (NFD, as some keyboards send) gives the same slug.
    assert.equal(slugify('Thủ tục'.normalize('NFD')), 'thu-tuc')
  })

  it('cuts a long title at a word boundary within 80 characters and never ends on a dash', () => {
    const slug = slugify('Ủy ban nhân dân thị xã Tân Uyên tổ chức hội nghị sơ kết sáu tháng đầu năm công tác cải cách hành chính và chuyển đổi số')
    assert.ok(slug.length <= 80, slug)
    assert.match(slug, /^[a-z0-9]+(-[a-z0-9]+)*$/)
    assert.ok(slug.startsWith('uy-ban-nhan-dan-thi-xa-tan-uyen-'))
    assert.equal(slugify('a'.repeat(120)), 'a'.repeat(80))
  })

  it('gives a fallback for a title with no letter or digit, and steps around reserved slugs', () => {
    assert.equal(slugify('!!! ??? …'), 'bai-viet')
    assert.equal(slugify('RSS'), 'rss-1')
    assert.equal(slugify('Ảnh'), 'anh-1')
  })

  it('finds the first free slug with a numbered suffix, within the length limit', () => {
    const taken = new Set(['mot-cua', 'mot-cua-2'])
    assert.equal(uniqueSlug('mot-cua', (s) => taken.has(s)), 'mot-cua-3')
    assert.equal(uniqueSlug('khac', (s) => taken.has(s)), 'khac')
    const long = 'a'.repeat(80)
    const next = uniqueSlug(long, (s) => s === long)
    assert.equal(next, `${'a'.repeat(78)}-2`)
  })
})

describe('tags and initials', () => {
  it('reads comma-separated tags, trimmed, each kept once by its folded form', () => {
    assert.deepEqual(parseTags(' Một cửa ,  chuyển   đổi số, MỘT CỬA,, ;Thu gom rác\n'), [
      { tag: 'Một cửa', folded: 'mot cua' },
      { tag: 'chuyển đổi số', folded: 'chuyen doi so' },
      { tag: 'Thu gom rác', folded: 'thu gom rac' },
    ])
    assert.deepEqual(parseTags(''), [])
  })

  it('signs with the initials of each word of a name', () => {
    assert.equal(initialsOf('Phạm Minh Khoa'), 'P.M.K')
    assert.equal(initialsOf('  đặng   quốc huy '), 'Đ.Q.H')
  })
})

describe('article status', () => {
  it('publishes drafts and scheduled articles, takes published and scheduled ones down, schedules what is not published', () => {
    assert.equal(nextStatus('draft', 'publish'), 'published')
    assert.equal(nextStatus('scheduled', 'publish'), 'published')
    assert.equal(nextStatus('published', 'publish'), null)
    assert.equal(nextStatus('draft', 'schedule'), 'scheduled')
    assert.equal(nextStatus('scheduled', 'schedule'), 'scheduled')
    assert.equal(nextStatus('published', 'schedule'), null)
    assert.equal(nextStatus('published', 'unpublish'), 'draft')
    assert.equal(nextStatus('scheduled', 'unpublish'), 'draft')
    assert.equal(nextStatus('draft', 'unpublish'), null)
    assert.deepEqual(allowedStatusActions('draft'), ['publish', 'schedule'])
    assert.deepEqual(allowedStatusActions('published'), ['unpublish'])
    assert.deepEqual(allowedStatusActions('scheduled'), ['publish', 'schedule', 'unpublish'])
  })

  it('accepts a schedule only strictly in the future, and finds a scheduled article due from its instant on', () => {
    const now = new Date('2026-03-02T02:00:00Z')
    assert.equal(isValidSchedule(new Date('2026-03-02T02:01:00Z'), now), true)
    assert.equal(isValidSchedule(now, now), false)
    assert.equal(isValidSchedule(new Date('invalid'), now), false)
    assert.equal(isDue('scheduled', now, now), true)
    assert.equal(isDue('scheduled', new Date('2026-03-02T02:00:01Z'), now), false)
    assert.equal(isDue('draft', now, now), false)
    assert.equal(isDue('scheduled', null, now), false)
  })
})

describe('dates in Vietnam time', () => {
  it('writes the weekday, day/month/year and hour:minute the way Vietnamese news sites do', () => {
    assert.equal(formatArticleDateTime(new Date('2020-07-05T02:47:00Z')), 'Chủ nhật, 05/07/2020 09:47')
    assert.equal(formatArticleDateTime(new Date('2026-03-02T02:00:00Z')), 'Thứ hai, 02/03/2026 09:00')
    assert.equal(formatArticleDateTime(new Date('2020-07-05T02:47:00Z'), 'en'), 'Sunday, 05/07/2020 09:47')
  })

  it('crosses midnight by Vietnam time, not by UTC or the machine zone', () => {
    // 17:30 UTC on Saturday is 00:30 on Sunday in Vietnam.
    assert.equal(formatArticleDateTime(new Date('2020-07-04T17:30:00Z')), 'Chủ nhật, 05/07/2020 00:30')
    assert.equal(formatArticleDateTime(new Date('2020-07-04T16:59:00Z')), 'Thứ bảy, 04/07/2020 23:59')
    assert.equal(formatArticleDateTime(new Date('2025-12-31T17:00:00Z')), 'Thứ năm, 01/01/2026 00:00')
  })

  it('reads a datetime-local value as Vietnam time, refuses impossible dates and round-trips', () => {
    assert.equal(parseVietnamDateTime('2026-03-05T07:30')?.toISOString(), '2026-03-05T00:30:00.000Z')
    assert.equal(parseVietnamDateTime('2026-03-05 07:30:15')?.toISOString(), '2026-03-05T00:30:15.000Z')
    assert.equal(parseVietnamDateTime('2026-03-05T07:30:00+07:00')?.toISOString(), '2026-03-05T00:30:00.000Z')
    assert.equal(parseVietnamDateTime('2026-03-05T00:30:00Z')?.toISOString(), '2026-03-05T00:30:00.000Z')
    for (const bad of ['2026-02-30T07:30', '2026-03-05T24:10', '05/03/2026 07:30', 'ngày mai', '', '2026-03-05T07:60']) assert.equal(parseVietnamDateTime(bad), null, bad)
    const at = new Date('2026-03-05T00:30:00Z')
    assert.equal(dateTimeLocalValue(at), '2026-03-05T07:30')
    assert.equal(parseVietnamDateTime(dateTimeLocalValue(at))?.getTime(), at.getTime())
  })
})

describe('related articles', () => {
  it('scores shared tags above the same category above shared words, symmetrically and in whole points', () => {
    const a = candidate(1, { category: 'do-thi-moi-truong', tags: ['thu gom rác', 'Môi trường'], text: 'Điều chỉnh lịch thu gom rác' })
    const b = candidate(2, { category: 'do-thi-moi-truong', tags: ['Thu gom rác'], text: 'Lịch thu gom rác mới' })
    const c = candidate(3, { category: 'thong-bao', text: 'Ngày hội đọc sách' })
    assert.equal(relatedScore(a, b), relatedScore(b, a))
    assert.ok(Number.isInteger(relatedScore(a, b)))
    assert.ok(relatedScore(a, b) >= RELATED_WEIGHTS.tag + RELATED_WEIGHTS.category)
    assert.equal(relatedScore(a, c), 0)
    // Words match without diacritics and case: "THU GOM RÁC" shares "thu gom" and "gom rac".
    assert.ok(relatedScore(candidate(4, { text: 'THU GOM RÁC' }), candidate(5, { text: 'thu gom rac' })) > 0)
  })

  it('caps the text part, so long leads never outweigh a shared tag much', () => {
    const text = 'một cửa dịch vụ công trực tuyến chuyển đổi số hồ sơ đúng hạn phường xã thị xã người dân cán bộ'
    const a = candidate(1, { category: 'x', text })
    const b = candidate(2, { category: 'y', text })
    assert.equal(relatedScore(a, b), RELATED_WEIGHTS.textCap)
  })

  it('never lists the article itself, takes at most six, and orders by score, then newer, then smaller id', () => {
    const article = candidate(10, { tags: ['một cửa'], text: 'Bộ phận một cửa' })
    const others = [
      article,
      ...Array.from({ length: 9 }, (_, i) => candidate(20 + i, { tags: ['một cửa'], at: `2026-01-0${(i % 3) + 1}T00:00:00Z` })),
      candidate(40, { category: 'khac', text: 'Ngày hội' }),
    ]
    const picked = pickRelated(article, others)
    assert.equal(picked.length, MAX_RELATED)
    assert.ok(picked.every((p) => p.id !== 10))
    // Same scores: the newest day first (ids 22, 25, 28 on the 3rd), then by id.
    assert.deepEqual(
      picked.map((p) => p.id),
      [22, 25, 28, 21, 24, 27],
    )
  })

  it('tops up to three with the newest when fewer share anything, and gives the same list whatever the input order', () => {
    const article = candidate(1, { category: 'a', tags: ['đối thoại'] })
    const others = [candidate(2, { category: 'a' }), candidate(3, { category: 'b', at: '2026-02-01T00:00:00Z' }), candidate(4, { category: 'b', at: '2026-03-01T00:00:00Z' }), candidate(5, { category: 'c', at: '2025-01-01T00:00:00Z' })]
    const picked = pickRelated(article, others)
    assert.equal(picked.length, MIN_RELATED)
    assert.deepEqual(
      picked.map((p) => p.id),
      [2, 4, 3],
    )
    assert.deepEqual(pickRelated(article, [...others].reverse()), picked)
    assert.deepEqual(pickRelated(article, [article]), [])
    assert.equal(pickRelated(article, others.slice(0, 2)).length, 2)
  })

  it('finds the terms of a text folded, without stop words, with neighbouring pairs', () => {
    const terms = textTerms('Phường Uyên Hưng và bộ phận Một Cửa')
    assert.ok(terms.has('uyen hung') && terms.has('mot cua') && terms.has('phuong'))
    assert.ok(!terms.has('va'))
  })

  it('gives an article its address by category and slug', () => {
    assert.equal(articlePath('thong-bao', 'lich-thu-gom'), '/tin-tuc/thong-bao/lich-thu-gom')
  })
})

describe('article bodies in Markdown', () => {
  it('keeps a script, raw HTML and an onerror attribute as text, never as markup', () => {
    const html = renderMarkdown('Đoạn <script>alert(1)</script> và <img src=x onerror=alert(1)> và <a href="javascript:alert(1)">x</a>\n\n<div onclick="x()">khối</div>', IMAGES)
    assert.doesNotMatch(html, /<script|<img|<div|<a /i)
    assert.ok(startTags(html).every((tag) => !/\son[a-z]+=/i.test(tag)))
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
  })

  it('refuses javascript:, vbscript:, data: and file: links however they are written, and protocol-relative ones', () => {
    const sources = [
      '[a](javascript:alert(1))',
      '[a](JaVaScRiPt:alert(1))',
      '[a](jav&#x61;script:alert(1))',
      '[a](<java\tscript:alert(1)>)',
      '[a](vbscript:msgbox)',
      '[a](data:text/html;base64,PHNjcmlwdD4=)',
      '[a](file:///etc/passwd)',
      '[a](//evil.example/x)',
      '<javascript:alert(1)>',
      '[a][r]\n\n[r]: javascript:alert(1)',
    ]
    for (const source of sources) {
      const html = renderMarkdown(source, IMAGES)
      assert.doesNotMatch(html, /<a /, source)
    }
    for (const url of ['javascript:x', ' javascript:x', 'JAVASCRIPT:x', 'java\nscript:x', 'data:x', '//evil', '/\\evil', 'ftp://x', 'weird:thing']) assert.equal(isAllowedLink(url), false, url)
  })

  it('keeps http(s), mailto and links within the site, marking outgoing ones noopener', () => {
    const html = renderMarkdown('[trang](https://tanuyen.example/a?b=1&c=2) [thư](mailto:vp@tanuyen.example) [thủ tục](/thu-tuc/1.001) [mục](#muc) https://auto.example', IMAGES)
    assert.match(html, /<a href="https:\/\/tanuyen\.example\/a\?b=1&amp;c=2" rel="noopener noreferrer">trang<\/a>/)
    assert.match(html, /<a href="mailto:vp@tanuyen\.example">thư<\/a>/)
    assert.match(html, /<a href="\/thu-tuc\/1\.001">thủ tục<\/a>/)
    assert.match(html, /<a href="#muc">mục<\/a>/)
    assert.match(html, /<a href="https:\/\/auto\.example" rel="noopener noreferrer">/)
  })

  it('shows our own image alone in a paragraph as a figure with the stored alt text and caption, escaped', () => {
    const html = renderMarkdown('Mở đầu.\n\n![bị thay](/tin-tuc/anh/12/full)\n\nKết.', IMAGES)
    assert.match(html, /<figure class="news-figure"><img src="\/tin-tuc\/anh\/12\/full" alt="Cán bộ &quot;một cửa&quot; &lt;b&gt;hướng dẫn&lt;\/b&gt;" width="1600" height="900" loading="lazy" \/><figcaption>Bộ phận một cửa &lt;script&gt;x&lt;\/script&gt; &amp; quầy<\/figcaption><\/figure>/)
    // No paragraph wraps the figure.
    assert.doesNotMatch(html, /<p>\s*<figure/)
    // Inside a sentence, the thumbnail stays inline, sized to its box, without a caption.
    const inline = renderMarkdown('Xem ảnh ![x](/tin-tuc/anh/12/thumb) tại đây.', IMAGES)
    assert.match(inline, /<p>Xem ảnh <img src="\/tin-tuc\/anh\/12\/thumb" alt="[^"]*" width="320" height="180" loading="lazy" \/> tại đây\.<\/p>/)
    assert.doesNotMatch(inline, /figcaption/)
  })

  it('drops foreign images and images it does not know, and reports them for saving', () => {
    const source = '![a](https://evil.example/track.png)\n\n![b](/tin-tuc/anh/99/full)\n\n![c](/phan-anh/anh/1/full)\n\n![d](/tin-tuc/anh/12/full)'
    const html = renderMarkdown(source, IMAGES)
    assert.deepEqual(
      startTags(html).filter((t) => t.startsWith('<img')).map((t) => /src="([^"]+)"/.exec(t)?.[1]),
      ['/tin-tuc/anh/12/full'],
    )
    assert.deepEqual(imagesIn(source), { ids: [99, 12], foreign: ['https://evil.example/track.png', '/phan-anh/anh/1/full'] })
  })

  it('starts headings at h2 (the title is the page h1) and renders lists and tables without inline styles', () => {
    const html = renderMarkdown('# Mục một\n\n### Nhỏ\n\n- một\n- hai\n\n| a | b |\n|--:|---|\n| 1 | 2 |', IMAGES)
    assert.match(html, /<h2>Mục một<\/h2>/)
    assert.match(html, /<h4>Nhỏ<\/h4>/)
    assert.doesNotMatch(html, /<h1/)
    assert.match(html, /<ul>\s*<li>một<\/li>/)
    assert.match(html, /<td>1<\/td>/)
    assert.doesNotMatch(html, /style=/)
  })

  it('has a second layer that removes what the first could let through: scripts, handlers, styles, foreign images, bad links', () => {
    const html = sanitizeBody(
      '<p onclick="x()" style="color:red">a</p><script>alert(1)</script><img src="https://evil.example/x.png" onerror="x()"><img src="/tin-tuc/anh/3/full" onerror="x()" alt="ok"><a href="javascript:alert(1)">b</a><a href="//evil.example">c</a><iframe src="/x"></iframe><figure class="evil news-figure"></figure>',
    )
    assert.equal(html, '<p>a</p><img src="/tin-tuc/anh/3/full" alt="ok" /><a>b</a><a>c</a><figure class="news-figure"></figure>')
  })

  it('turns rendered HTML into plain text for search and descriptions', () => {
    assert.equal(htmlToText('<h2>Mục</h2><p>A &amp; B &lt;tag&gt; &#273;&#x1ea1;i</p><figure><figcaption>Ảnh</figcaption></figure>'), 'Mục A & B <tag> đại Ảnh')
    assert.equal(htmlToText('&#99999999; &bogus;'), '&#99999999; &bogus;')
  })

  it('sizes thumbnails into their 320-pixel box without enlarging', () => {
    assert.deepEqual(thumbSize(1600, 900), { width: 320, height: 180 })
    assert.deepEqual(thumbSize(900, 1600), { width: 180, height: 320 })
    assert.deepEqual(thumbSize(100, 80), { width: 100, height: 80 })
  })
})
