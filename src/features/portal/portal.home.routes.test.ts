/**
 * The home page through app.inject, on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL:
 * on an empty town it says there is nothing yet; on the demo town it shows the dossier lookup
 * (posted with its token), the way to send feedback, the year's headline figures, the latest
 * news, the dialogues coming up and the latest answered feedback, each linking to its page, and
 * never a resident's contact details.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createUnitTree } from '../../../test/support/factories.ts'
import { seedDemo } from '../../seed.ts'
import { HOME_LIST_SIZES } from './portal.pages.tsx'

/** The text of HTML with tags removed and spaces collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The hrefs of the links in a section of the home page, found by its heading's id. */
function linksOf(html: string, headingId: string, prefix: string): string[] {
  const section = new RegExp(`<section class="home-section" aria-labelledby="${headingId}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? ''
  return [...section.matchAll(/<a class="home-list-title" href="([^"]+)"/g)].map((m) => m[1] ?? '').filter((href) => href.startsWith(prefix))
}

for (const dialect of testDialects) {
  describe(`home page on ${dialect.name}`, () => {
    let empty: TestApp
    let demo: TestApp

    before(async () => {
      empty = await buildTestApp(dialect)
      await createUnitTree({ db: empty.database.db, clock: empty.clock })
      demo = await buildTestApp(dialect, { now: '2026-11-26T02:00:00Z' })
      await seedDemo({ db: demo.database.db, clock: demo.clock })
    })
    after(async () => {
      await empty.close()
      await demo.close()
    })

    it('says plainly that there is nothing yet on a town without news, dialogues or answered feedback', async () => {
      const res = await empty.app.inject('/')
      assert.equal(res.statusCode, 200)
      const text = textOf(res.body)
      for (const sentence of ['Chưa có tin nào.', 'Chưa có buổi đối thoại nào được lên lịch.', 'Chưa có phản ánh nào được trả lời công khai.', 'Chưa có số liệu']) {
        assert.ok(text.includes(sentence), sentence)
      }
      assert.match(text, /Kết quả phục vụ năm 2026/)
    })

    it('shows the ways in, the figures and the latest of each feature on the demo town', async () => {
      const res = await demo.app.inject('/')
      assert.equal(res.statusCode, 200)
      const html = res.body
      assert.match(html, /<form class="form home-lookup" method="post" action="\/tra-cuu" novalidate><input type="hidden" name="_csrf" value="[^"]+"\/>/)
      assert.match(html, /name="code"/)
      assert.match(html, /name="pin"/)
      assert.match(html, /<a class="button" href="\/phan-anh\/gui"/)
      assert.equal(res.headers['cache-control'], 'private, no-cache')

      const text = textOf(html)
      assert.match(text, /Kết quả phục vụ năm 2026 Hồ sơ trả đúng hạn (\d{1,3}(,\d)? ?%|Chưa có số liệu)/)
      assert.match(text, /Chỉ số hài lòng (\d{1,3}(,\d)? ?%|Chưa có số liệu)/)
      assert.match(text, /Đối thoại trực tiếp \d+\/\d+ /, 'dialogue coverage reads "10/12"')

      const news = linksOf(html, 'home-news-title', '/tin-tuc/')
      assert.equal(news.length, HOME_LIST_SIZES.news)
      for (const href of news) assert.equal((await demo.app.inject(href)).statusCode, 200, href)
      const dialogues = linksOf(html, 'home-dialogues-title', '/doi-thoai/')
      assert.ok(dialogues.length >= 1 && dialogues.length <= HOME_LIST_SIZES.dialogues, `${dialogues.length} dialogues`)
      for (const href of dialogues) assert.equal((await demo.app.inject(href)).statusCode, 200, href)
      const feedback = linksOf(html, 'home-answered-title', '/phan-anh/')
      assert.ok(feedback.length >= 1 && feedback.length <= HOME_LIST_SIZES.feedback, `${feedback.length} answered items`)
      for (const href of feedback) assert.equal((await demo.app.inject(href)).statusCode, 200, href)
      assert.doesNotMatch(html, /@example\.|\b0\d{3} ?\d{3} ?\d{3}\b/, 'no resident’s email or phone')
    })

    it('announces a canonical address and link-preview details on the home, procedure, feedback and dialogue pages', async () => {
      const base = demo.config.baseUrl.replace(/\/$/, '')
      const home = (await demo.app.inject('/')).body
      const catalogue = (await demo.app.inject('/thu-tuc')).body
      const procedurePath = /href="(\/thu-tuc\/[^"]+)"/.exec(catalogue)?.[1] ?? ''
      const feedbackPath = linksOf(home, 'home-answered-title', '/phan-anh/')[0] ?? ''
      const dialoguePath = linksOf(home, 'home-dialogues-title', '/doi-thoai/')[0] ?? ''
      for (const path of ['/', '/thu-tuc', procedurePath, feedbackPath, dialoguePath]) {
        assert.match(path, /^\/([a-z-]+(\/[^/]+)?)?$/, `a page to check: "${path}"`)
        const res = await demo.app.inject(path)
        assert.equal(res.statusCode, 200, path)
        const head = /<head>([\s\S]*?)<\/head>/.exec(res.body)?.[1] ?? ''
        const metaOf = (property: string) => new RegExp(`<meta property="${property}" content="([^"]*)"`).exec(head)?.[1]
        assert.ok(head.includes(`<link rel="canonical" href="${base}${path}"`), `${path}: canonical link`)
        assert.equal(metaOf('og:url'), `${base}${path}`, `${path}: og:url`)
        assert.ok((metaOf('og:title') ?? '').length > 3, `${path}: og:title`)
        assert.ok((metaOf('og:description') ?? '').length > 10, `${path}: og:description`)
        assert.ok((metaOf('og:description') ?? '').length <= 201, `${path}: a description short enough for a preview`)
        assert.equal(metaOf('og:locale'), 'vi_VN', `${path}: og:locale`)
        assert.ok(metaOf('og:site_name'), `${path}: og:site_name`)
      }
      // Staff pages announce nothing.
      assert.doesNotMatch((await demo.app.inject('/sign-in')).body, /rel="canonical"|og:url/)
    })
  })
}
