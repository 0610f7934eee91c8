/**
 * The site search through app.inject, on SQLite and, when TEST_DATABASE_URL is set, PostgreSQL:
 * GET /api/v1/search (shape, diacritics, type filter, paging, too-short queries) and the page
 * /tim-kiem (form, results with the matches marked and everything else escaped, pagination,
 * messages), with the seeded procedure catalogue indexed through its use cases; and the header's
 * search box on every page.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createUnitTree } from '../../../test/support/factories.ts'
import { fold, indexDocument } from '../../platform/search/search.ts'
import { seedDemoProcedures } from '../procedures/procedure.seed.ts'
import { markedHtml } from './portal.search.ts'

/** The text of HTML with tags removed, entities of quotes and ampersands read back, and spaces collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The `<li>` results of a search page. */
function resultItems(html: string): string[] {
  return [...html.matchAll(/<li class="search-result">([\s\S]*?)<\/li>/g)].map((m) => m[1] ?? '')
}

/** The message beside a field, as text ('' when there is none). */
function fieldMessage(html: string, id: string): string {
  const match = new RegExp(`<p class="field-error" id="${id}-error">([\\s\\S]*?)</p>`).exec(html)
  return match ? textOf(match[1] ?? '') : ''
}

// News articles as the news feature will hand them over; eleven of them mention the dialogue.
const ARTICLES = Array.from({ length: 11 }, (_, i) => ({
  type: 'news',
  key: `doi-thoai-${i + 1}`,
  title: i === 0 ? 'Chủ tịch UBND phường đối thoại với người dân khu phố Tân Phước' : `Bản tin số ${i + 1}: đối thoại định kỳ`,
  url: `/tin-tuc/thoi-su/doi-thoai-${i + 1}`,
  body: `Buổi đối thoại lần ${i + 1} bàn về vệ sinh môi trường và việc đăng ký khai sinh cho trẻ em tại Đảng ủy phường.`,
  publishedAt: new Date(Date.UTC(2026, 1, 1 + i)),
}))

for (const dialect of testDialects) {
  describe(`site search routes on ${dialect.name}`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect)
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      // Through the use case, as the demo seed does: each procedure is indexed in its own transaction.
      await seedDemoProcedures(deps)
      for (const article of ARTICLES) await indexDocument(t.database.db, article)
      await indexDocument(t.database.db, {
        type: 'feedback',
        key: 'PA-260301-0001',
        title: 'Mương <thoát> nước & "rác" ở hẻm 12',
        url: '/phan-anh/PA-260301-0001',
        body: 'Rác <script>alert(1)</script> ùn ứ ở miệng cống. Câu trả lời: đã nạo vét.',
        publishedAt: new Date('2026-03-01T03:00:00Z'),
      })
    })
    after(() => t.close())

    it('answers GET /api/v1/search with the total and typed results, found without diacritics', async () => {
      const res = await t.app.inject('/api/v1/search?q=dang%20ky%20khai%20sinh')
      assert.equal(res.statusCode, 200)
      assert.match(String(res.headers['cache-control']), /public/)
      const body = res.json()
      assert.deepEqual(Object.keys(body).sort(), ['page', 'pageSize', 'results', 'total'])
      assert.ok(body.total >= 2)
      const [first] = body.results
      assert.deepEqual(Object.keys(first).sort(), ['highlights', 'snippet', 'title', 'titleHighlights', 'type', 'url'])
      // The procedure's own name holds the phrase: it comes first.
      assert.deepEqual({ type: first.type, url: first.url, title: first.title }, { type: 'procedure', url: '/thu-tuc/1.001193', title: 'Thủ tục đăng ký khai sinh' })
      assert.deepEqual(
        first.titleHighlights.map(([s, e]: [number, number]) => first.title.slice(s, e)),
        ['đăng', 'ký', 'khai', 'sinh'],
      )
      for (const hit of body.results) {
        // Folded, as the search compares: "dang" marks "Đảng" as well as "đăng".
        for (const [s, e] of hit.highlights) assert.match(fold(hit.snippet.slice(s, e)), /^(dang|ky|khai|sinh)$/)
      }
      assert.ok(body.results.some((r: { type: string }) => r.type === 'news'))
    })

    it('finds "ĐĂNG KÝ" as "đăng ký", "dang" as "Đảng", and filters by type', async () => {
      const upper = (await t.app.inject('/api/v1/search?q=%C4%90%C4%82NG%20K%C3%9D&type=procedure')).json()
      assert.ok(upper.total >= 3)
      assert.ok(upper.results.every((r: { type: string }) => r.type === 'procedure'))
      const party = (await t.app.inject('/api/v1/search?q=dang%20uy&type=news')).json()
      assert.equal(party.total, ARTICLES.length)
      assert.match(party.results[0].snippet, /Đảng ủy/)
      const none = (await t.app.inject('/api/v1/search?q=khai%20sinh&type=feedback')).json()
      assert.deepEqual(none, { total: 0, page: 1, pageSize: 10, results: [] })
    })

    it('pages ten at a time with the same total', async () => {
      const first = (await t.app.inject('/api/v1/search?q=doi%20thoai')).json()
      const second = (await t.app.inject('/api/v1/search?q=doi%20thoai&page=2')).json()
      assert.equal(first.total, ARTICLES.length)
      assert.equal(second.total, ARTICLES.length)
      assert.equal(first.results.length, 10)
      assert.equal(second.results.length, 1)
      const urls = [...first.results, ...second.results].map((r: { url: string }) => r.url)
      assert.equal(new Set(urls).size, ARTICLES.length)
      // The short titles first (their words weigh more), the newest first among them; the long title last.
      assert.deepEqual(
        urls,
        [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((n) => `/tin-tuc/thoi-su/doi-thoai-${n}`),
      )
    })

    it('refuses a query without two letters or digits (422 on q), a missing q, an unknown type and a bad page (400)', async () => {
      const short = await t.app.inject({ url: '/api/v1/search?q=%20a%20', headers: { 'accept-language': 'vi' } })
      assert.equal(short.statusCode, 422)
      assert.deepEqual(short.json().fields, { q: 'Vui lòng nhập ít nhất 2 chữ cái hoặc chữ số để tìm kiếm.' })
      assert.equal((await t.app.inject('/api/v1/search')).statusCode, 400)
      assert.equal((await t.app.inject('/api/v1/search?q=rac&type=dossier')).statusCode, 400)
      assert.equal((await t.app.inject('/api/v1/search?q=rac&page=0')).statusCode, 400)
      assert.equal((await t.app.inject('/api/v1/search?q=rac&page=abc')).statusCode, 400)
    })

    it('shows the search page with the form, the results with the matches marked, and the pages', async () => {
      const res = await t.app.inject('/tim-kiem?q=doi+thoai')
      assert.equal(res.statusCode, 200)
      const html = res.body
      assert.match(html, /<title>Tìm kiếm: doi thoai – /)
      assert.match(html, /<input[^>]*id="f-q"[^>]*name="q"[^>]*type="search"[^>]*value="doi thoai"/)
      assert.match(html, /<select[^>]*id="f-type"[^>]*name="type"/)
      assert.match(textOf(html), /Tìm thấy 11 kết quả cho “doi thoai”\. Đang hiển thị 1–10\./)
      const items = resultItems(html)
      assert.equal(items.length, 10)
      assert.match(items[0]!, /<a href="\/tin-tuc\/thoi-su\/doi-thoai-11">Bản tin số 11: <mark>đối<\/mark> <mark>thoại<\/mark> định kỳ<\/a>/)
      assert.match(items[0]!, /Buổi <mark>đối<\/mark> <mark>thoại<\/mark> lần 11/)
      assert.match(items[0]!, /Đăng ngày 11\/02\/2026/)
      assert.match(items[0]!, /Tin tức/)
      assert.match(html, /<a href="\/tim-kiem\?q=doi\+thoai&(amp;)?page=2" rel="next"/)
      const second = await t.app.inject('/tim-kiem?q=doi+thoai&page=2')
      assert.equal(resultItems(second.body).length, 1)
      assert.match(resultItems(second.body)[0]!, /Chủ tịch UBND phường <mark>đối<\/mark> <mark>thoại<\/mark> với người dân/)
      assert.match(second.body, /<ol class="search-results"[^>]*start="11"/)
    })

    it('keeps the type filter in the form and in the page links', async () => {
      const html = (await t.app.inject('/tim-kiem?q=dang+ky&type=procedure')).body
      assert.match(html, /<option value="procedure" selected>Thủ tục hành chính<\/option>/)
      const items = resultItems(html)
      assert.ok(items.length > 0 && items.every((item) => item.includes('Thủ tục hành chính')))
    })

    it('escapes every part of a title and snippet, marking only the matches', async () => {
      const html = (await t.app.inject('/tim-kiem?q=rac')).body
      const [item] = resultItems(html)
      assert.ok(item)
      assert.ok(!item.includes('<script>'), item)
      assert.ok(!item.includes('<thoát>'), item)
      assert.match(item, /Mương &lt;thoát> nước &amp; &#34;<mark>rác<\/mark>&#34; ở hẻm 12/)
      assert.match(item, /<mark>Rác<\/mark> &lt;script>alert\(1\)&lt;\/script> ùn ứ/)
    })

    it('says when nothing is found, when the words are too short and when the form was sent empty', async () => {
      const none = (await t.app.inject('/tim-kiem?q=xyzzy')).body
      assert.match(textOf(none), /Không tìm thấy kết quả nào cho “xyzzy”\./)
      assert.equal(resultItems(none).length, 0)
      const short = await t.app.inject('/tim-kiem?q=a')
      assert.equal(short.statusCode, 200)
      assert.equal(fieldMessage(short.body, 'f-q'), 'Lỗi: Vui lòng nhập ít nhất 2 chữ cái hoặc chữ số để tìm kiếm.')
      assert.match(short.body, /<title>Lỗi: Tìm kiếm – /)
      assert.match(short.body, /value="a"/)
      const empty = await t.app.inject('/tim-kiem?q=+&type=news')
      assert.equal(fieldMessage(empty.body, 'f-q'), 'Lỗi: Vui lòng nhập từ khóa cần tìm.')
      const bare = await t.app.inject('/tim-kiem')
      assert.equal(bare.statusCode, 200)
      assert.equal(fieldMessage(bare.body, 'f-q'), '')
      assert.equal(resultItems(bare.body).length, 0)
      // A page past the last one offers the way back, and a nonsense page number is page 1.
      assert.match((await t.app.inject('/tim-kiem?q=doi+thoai&page=7')).body, /<a href="\/tim-kiem\?q=doi\+thoai">Trang này không có kết quả/)
      assert.equal(resultItems((await t.app.inject('/tim-kiem?q=doi+thoai&page=x')).body).length, 10)
    })

    it('speaks English when asked', async () => {
      const html = (await t.app.inject({ url: '/tim-kiem?q=doi+thoai', cookies: { congso_lang: 'en' } })).body
      assert.match(textOf(html), /11 results for “doi thoai”\. Showing 1–10\./)
      assert.match(html, /News/)
    })

    it('puts a search box in the header of every page, sending to /tim-kiem', async () => {
      for (const url of ['/', '/thu-tuc', '/tim-kiem']) {
        const html = (await t.app.inject(url)).body
        assert.match(html, /<form class="site-search" method="get" action="\/tim-kiem" role="search" aria-label="Tìm kiếm trên trang">/, url)
        assert.match(html, /<label class="visually-hidden" for="site-search-q">Từ khóa tìm kiếm<\/label>/, url)
      }
    })
  })
}

describe('markedHtml', () => {
  it('escapes each stretch and marks only the highlighted ones, clipping what overlaps or overflows', () => {
    assert.equal(markedHtml('a<b>&c', [[1, 4]]), 'a<mark>&lt;b></mark>&amp;c')
    assert.equal(markedHtml('Đảng ủy', [[5, 7], [0, 4]]), '<mark>Đảng</mark> <mark>ủy</mark>')
    assert.equal(markedHtml('abcdef', [[0, 3], [2, 4], [5, 99]]), '<mark>abc</mark><mark>d</mark>e<mark>f</mark>')
    assert.equal(markedHtml('"x"', []), '&#34;x&#34;')
  })
})
