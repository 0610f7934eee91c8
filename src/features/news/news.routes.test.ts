/**
 * Route tests of news through app.inject, on SQLite and, when TEST_DATABASE_URL is set, on
 * PostgreSQL: the public list, category pages and the article page as the issue describes it
 * (weekday, date and time in Vietnam time, source tag, lead, captioned image, initials, related
 * articles, the comments slot, canonical link and OpenGraph tags); strong ETags answered with
 * 304; RSS and Atom feeds and the sitemap parsed as XML; images; the JSON API with every 4xx it
 * gives; and the editor's forms with CSRF, preview, image upload and deletion, keeping what was
 * typed with a message beside each field. The demo seed is checked through the sitemap.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { LightMyRequestResponse } from 'fastify'
import sharp from 'sharp'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { Browser } from '../../../test/support/browser.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { createFolderStore } from '../../platform/files/files.ts'
import { seedDemo } from '../../seed.ts'
import { loadPrincipal } from '../units/index.ts'
import { createArticle, uploadImage, updateArticle } from './news.service.ts'
import type { ArticleChanges, NewsDeps } from './news.service.ts'

/** The text of HTML with tags removed and spaces collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The message beside a field, as text ('' when there is none). */
function fieldMessage(html: string, name: string): string {
  const match = new RegExp(`<p class="field-error" id="f-${name}-error">([\\s\\S]*?)</p>`).exec(html)
  return match ? textOf(match[1] ?? '') : ''
}

/** The error summary of a page, as text ('' when there is none). */
function errorSummary(html: string): string {
  const match = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)
  return match ? textOf(match[0]) : ''
}

/** The content of a meta tag by property or name. */
function metaContent(html: string, key: string): string | undefined {
  return new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1]
}

/** A multipart/form-data body as a browser sends it. */
function multipart(fields: Readonly<Record<string, string>>, file: { field: string; filename: string; type: string; bytes: Buffer } | null): { payload: Buffer; contentType: string } {
  const boundary = `----congso${Math.random().toString(16).slice(2)}`
  const chunks: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'))
  if (file) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`, 'utf8'))
    chunks.push(file.bytes, Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' })

/** A feed or sitemap parsed, after checking that it is well-formed XML. */
function parseXml(body: string): Record<string, any> {
  assert.equal(XMLValidator.validate(body), true, 'well-formed XML')
  return parser.parse(body) as Record<string, any>
}

/** A value or list of values as a list (the parser gives one element as an object). */
function listOf<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

// Sunday 5 July 2020, 09:47 in Vietnam.
const PUBLISHED_AT = '2020-07-05T02:47:00Z'

for (const dialect of testDialects) {
  describe(`news pages and API on ${dialect.name}`, () => {
    let t: TestApp
    let deps: NewsDeps
    let editor: Principal
    let editorToken: string
    let specialistToken: string
    let editorBrowser: Browser
    let png: Buffer
    let base: string
    const ids: Record<string, number> = {}
    const slugs: Record<string, string> = {}

    before(async () => {
      t = await buildTestApp(dialect, { now: PUBLISHED_AT })
      base = t.config.baseUrl.replace(/\/$/, '')
      deps = { db: t.database.db, clock: t.clock, files: createFolderStore(t.config.filesDir) }
      await createUnitTree(deps)
      const made = await createTestStaff(deps, 'bientap', 'TOWN', ['moderator'])
      editor = (await loadPrincipal(deps, made.id))!
      editorToken = made.token
      specialistToken = (await createTestStaff(deps, 'chuyenvien', 'WARD-A', ['specialist'])).token
      await createTestStaff(deps, 'chuyenvien2', 'WARD-A', ['specialist'])
      png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#1d4f91' } })
        .png()
        .toBuffer()

      const write = async (key: string, input: ArticleChanges) => {
        const article = await createArticle(deps, editor, {
          title: 'Tin',
          lead: 'Tóm tắt.',
          bodyMd: 'Nội dung.',
          category: 'do-thi-moi-truong',
          tags: 'thu gom rác',
          status: 'published',
          ...input,
        })
        ids[key] = article.id
        slugs[key] = article.slug
      }
      await write('main', {
        title: 'Điều chỉnh lịch thu gom rác sinh hoạt',
        lead: 'Xe thu gom đến sớm hơn, vào 6 giờ sáng.',
        source: 'Phòng Tài nguyên và Môi trường',
        tags: 'thu gom rác, môi trường',
        status: 'draft',
      })
      const image = await uploadImage(deps, editor, ids.main!, { bytes: png, caption: 'Xe thu gom rác ở khu phố 3', alt: 'Xe rác màu xanh đậu cạnh điểm tập kết' })
      ids.image = image.id
      await updateArticle(deps, editor, ids.main!, { bodyMd: `Lịch mới áp dụng **từ tuần sau**.\n\n![x](/tin-tuc/anh/${image.id}/full)\n\nXin cảm ơn.`, coverImageId: image.id, status: 'published' })
      t.clock.advance(60_000)
      await write('second', { title: 'Thí điểm phân loại rác tại nguồn', tags: 'phân loại rác, thu gom rác' })
      t.clock.advance(60_000)
      await write('third', { title: 'Ra quân ngày Chủ nhật xanh', tags: 'vệ sinh môi trường' })
      t.clock.advance(60_000)
      await write('desk', { title: 'Một cửa làm việc sáng thứ Bảy', category: 'cai-cach-hanh-chinh', tags: 'một cửa' })
      await write('draft', { title: 'Bản nháp chưa đăng', status: 'draft' })
      const draftImage = await uploadImage(deps, editor, ids.draft!, { bytes: png, caption: 'Ảnh nháp', alt: 'Ảnh nháp' })
      ids.draftImage = draftImage.id
      t.clock.set('2020-07-06T03:00:00Z')
      editorBrowser = await new Browser(t).signIn('bientap')
    })
    after(() => t.close())

    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers })
    const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, options: { token?: string | null; body?: unknown } = {}) =>
      t.app.inject({
        method,
        url,
        headers: { ...(options.token === null ? {} : { authorization: `Bearer ${options.token ?? editorToken}` }), ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
      })
    const mainPath = () => `/tin-tuc/do-thi-moi-truong/${slugs.main}`

    // ---------- Public pages ----------

    it('shows the article as the issue describes it: title, weekday and time, source, lead, captioned image, initials, related, comments slot', async () => {
      const res = await get(mainPath())
      assert.equal(res.statusCode, 200)
      const html = res.body
      assert.match(html, /<h1 class="heading-l" id="article-title">Điều chỉnh lịch thu gom rác sinh hoạt<\/h1>/)
      assert.match(html, /<time datetime="2020-07-05T02:47:00.000Z">Chủ nhật, 05\/07\/2020 09:47<\/time>/)
      assert.match(html, /<span class="tag tag--blue news-source">[\s\S]*?<span>Phòng Tài nguyên và Môi trường<\/span><\/span>/)
      assert.match(html, /<p class="lead news-lead">Xe thu gom đến sớm hơn, vào 6 giờ sáng.<\/p>/)
      assert.match(html, /<div class="news-body"><p>Lịch mới áp dụng <strong>từ tuần sau<\/strong>.<\/p>/)
      assert.match(html, new RegExp(`<figure class="news-figure"><img src="/tin-tuc/anh/${ids.image}/full" alt="Xe rác màu xanh đậu cạnh điểm tập kết" width="1200" height="800" loading="lazy" /><figcaption>Xe thu gom rác ở khu phố 3</figcaption></figure>`))
      // The cover is the body's image: shown once.
      assert.equal(html.split(`src="/tin-tuc/anh/${ids.image}/full"`).length - 1, 1)
      assert.match(html, /<p class="news-author">[\s\S]*?<strong>C.B.B<\/strong><\/p>/)
      const related = /<section class="news-related" aria-labelledby="related-title"><h2 class="heading-m" id="related-title">Có thể bạn quan tâm<\/h2>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? ''
      const links = [...related.matchAll(/<h3 class="heading-s news-item-title"><a href="([^"]+)">/g)].map((m) => m[1])
      assert.ok(links.length >= 3 && links.length <= 6, `${links.length} related`)
      assert.ok(!links.includes(mainPath()), 'never itself')
      assert.equal(links[0], `/tin-tuc/do-thi-moi-truong/${slugs.second}`, 'the one sharing a tag and the category first')
      assert.ok(!links.some((l) => l?.includes(slugs.draft!)), 'never a draft')
      assert.match(html, /<section class="comments" id="binh-luan"/)
      assert.match(html, /<a href="\/tim-kiem\?q=th%C3%B9%20gom%20r%C3%A1c|<a href="\/tim-kiem\?q=thu%20gom%20r%C3%A1c">thu gom rác<\/a>/)
      assert.match(html, /<a class="nav-link" href="\/tin-tuc" aria-current="page">Tin tức<\/a>/)
    })

    it('announces a canonical address and OpenGraph details', async () => {
      const html = (await get(mainPath())).body
      assert.match(html, new RegExp(`<link rel="canonical" href="${base}${mainPath()}"`))
      assert.equal(metaContent(html, 'og:type'), 'article')
      assert.equal(metaContent(html, 'og:title'), 'Điều chỉnh lịch thu gom rác sinh hoạt')
      assert.equal(metaContent(html, 'og:description'), 'Xe thu gom đến sớm hơn, vào 6 giờ sáng.')
      assert.equal(metaContent(html, 'og:url'), `${base}${mainPath()}`)
      assert.equal(metaContent(html, 'og:image'), `${base}/tin-tuc/anh/${ids.image}/full`)
      assert.equal(metaContent(html, 'og:image:alt'), 'Xe rác màu xanh đậu cạnh điểm tập kết')
      assert.equal(metaContent(html, 'article:published_time'), '2020-07-05T02:47:00.000Z')
      assert.equal(metaContent(html, 'og:site_name'), 'Ủy ban nhân dân thị xã Thử Nghiệm')
      assert.equal(metaContent(html, 'description'), 'Xe thu gom đến sớm hơn, vào 6 giờ sáng.')
      const list = (await get('/tin-tuc/do-thi-moi-truong')).body
      assert.match(list, new RegExp(`<link rel="canonical" href="${base}/tin-tuc/do-thi-moi-truong"`))
      assert.match(list, /<link rel="alternate" type="application\/rss\+xml" href="\/tin-tuc\/do-thi-moi-truong\/rss.xml"/)
      assert.match(list, /<link rel="alternate" type="application\/atom\+xml" href="\/tin-tuc\/do-thi-moi-truong\/feed.atom"/)
    })

    it('lists published news and each category, with the categories as navigation', async () => {
      const all = await get('/tin-tuc')
      assert.equal(all.statusCode, 200)
      for (const key of ['main', 'second', 'third', 'desk']) assert.ok(all.body.includes(`href="/tin-tuc/`) && all.body.includes(slugs[key]!), key)
      assert.ok(!all.body.includes(slugs.draft!))
      assert.match(all.body, /<nav class="news-categories" aria-label="Chuyên mục tin">[\s\S]*?<a href="\/tin-tuc" aria-current="page">Tất cả<\/a>/)
      // Newest first.
      assert.ok(all.body.indexOf(slugs.desk!) < all.body.indexOf(slugs.third!) && all.body.indexOf(slugs.third!) < all.body.indexOf(slugs.main!))
      assert.match(all.body, new RegExp(`<img class="news-thumb" src="/tin-tuc/anh/${ids.image}/thumb" alt="" width="320" height="213" loading="lazy"/>`))
      const category = await get('/tin-tuc/cai-cach-hanh-chinh')
      assert.equal(category.statusCode, 200)
      assert.match(category.body, /<h1 class="heading-l">Cải cách hành chính<\/h1>/)
      assert.match(category.body, /<a href="\/tin-tuc\/cai-cach-hanh-chinh" aria-current="page">Cải cách hành chính<\/a>/)
      assert.ok(category.body.includes(slugs.desk!) && !category.body.includes(slugs.main!))
      const empty = await get('/tin-tuc/thong-bao')
      assert.equal(empty.statusCode, 200)
      assert.match(empty.body, /Chưa có bài viết nào./)
    })

    it('answers 404 for unknown categories, slugs, drafts and pages, and moves an article’s old category address', async () => {
      for (const url of ['/tin-tuc/khong-co', '/tin-tuc/khong-co/bai', '/tin-tuc/do-thi-moi-truong/khong-co-bai-nay', `/tin-tuc/do-thi-moi-truong/${slugs.draft}`, '/tin-tuc?page=0', '/tin-tuc?page=abc', '/tin-tuc?page=2', '/tin-tuc/thong-bao?page=2']) {
        const res = await get(url)
        assert.equal(res.statusCode, 404, url)
        assert.match(res.headers['content-type'] as string, /text\/html/)
      }
      const moved = await get(`/tin-tuc/thong-bao/${slugs.main}`)
      assert.equal(moved.statusCode, 301)
      assert.equal(moved.headers.location, mainPath())
    })

    it('sends public pages with a strong ETag, answers 304 when unchanged, and keeps staff pages uncached', async () => {
      const first = await get(mainPath())
      const etag = first.headers.etag as string
      assert.match(etag, /^"[A-Za-z0-9_-]{32}"$/)
      assert.equal(first.headers['cache-control'], 'public, max-age=60, must-revalidate')
      assert.equal(first.headers.vary, 'cookie')
      assert.equal(first.headers['set-cookie'], undefined, 'no cookie on a cacheable page')
      assert.doesNotMatch(first.body, /name="_csrf"/)
      // The same page gives the same bytes.
      assert.equal((await get(mainPath())).headers.etag, etag)
      for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const again = await get(mainPath(), { 'if-none-match': header })
        assert.equal(again.statusCode, 304, header)
        assert.equal(again.body, '')
        assert.equal(again.headers.etag, etag)
      }
      assert.equal((await get(mainPath(), { 'if-none-match': '"stale"' })).statusCode, 200)
      const list = await get('/tin-tuc')
      assert.equal((await get('/tin-tuc', { 'if-none-match': list.headers.etag as string })).statusCode, 304)

      // A change to the article changes its tag.
      await updateArticle(deps, editor, ids.main!, { lead: 'Xe thu gom đến sớm hơn, vào 6 giờ sáng, từ thứ Hai.' })
      const changed = await get(mainPath(), { 'if-none-match': etag })
      assert.equal(changed.statusCode, 200)
      assert.notEqual(changed.headers.etag, etag)

      // Signed in, the page carries a token and the person's name: private, no tag.
      const staff = await editorBrowser.get(mainPath())
      assert.equal(staff.statusCode, 200)
      assert.equal(staff.headers['cache-control'], 'private, no-cache')
      assert.equal(staff.headers.etag, undefined)
    })

    // ---------- Feeds and sitemap ----------

    it('offers RSS 2.0 and Atom feeds of all news and of each category, well-formed, with absolute links', async () => {
      const rss = await get('/tin-tuc/rss.xml')
      assert.equal(rss.statusCode, 200)
      assert.equal(rss.headers['content-type'], 'application/rss+xml; charset=utf-8')
      const channel = parseXml(rss.body).rss.channel
      assert.equal(channel.title, 'Tin tức – Ủy ban nhân dân thị xã Thử Nghiệm')
      assert.equal(channel.link, `${base}/tin-tuc`)
      const items = listOf<Record<string, any>>(channel.item)
      assert.equal(items.length, 4)
      assert.deepEqual(items.map((i) => i.link).sort(), ['main', 'second', 'third', 'desk'].map((k) => `${base}/tin-tuc/${k === 'desk' ? 'cai-cach-hanh-chinh' : 'do-thi-moi-truong'}/${slugs[k]}`).sort())
      const main = items.find((i) => String(i.link).endsWith(slugs.main!))!
      assert.equal(main.title, 'Điều chỉnh lịch thu gom rác sinh hoạt')
      assert.match(String(main['content:encoded']), new RegExp(`src="${base}/tin-tuc/anh/${ids.image}/full"`))

      const atom = await get('/tin-tuc/feed.atom')
      assert.equal(atom.headers['content-type'], 'application/atom+xml; charset=utf-8')
      const feed = parseXml(atom.body).feed
      assert.equal(listOf(feed.entry).length, 4)

      const categoryRss = parseXml((await get('/tin-tuc/cai-cach-hanh-chinh/rss.xml')).body).rss.channel
      assert.deepEqual(
        listOf<Record<string, any>>(categoryRss.item).map((i) => i.title),
        ['Một cửa làm việc sáng thứ Bảy'],
      )
      const categoryAtom = parseXml((await get('/tin-tuc/thong-bao/feed.atom')).body).feed
      assert.equal(listOf(categoryAtom.entry).length, 0)
      assert.equal((await get('/tin-tuc/khong-co/rss.xml')).statusCode, 404)
      assert.equal((await get('/tin-tuc/khong-co/feed.atom')).statusCode, 404)
      assert.equal((await get('/tin-tuc/rss.xml', { 'if-none-match': rss.headers.etag as string })).statusCode, 304)
    })

    it('keeps the feeds well-formed whatever an editor types', async () => {
      const nasty = await createArticle(deps, editor, {
        title: 'Tin <b>đặc biệt</b> & "ngoặc" ]]> \u0001 hết',
        lead: 'Tóm tắt <script>alert(1)</script> ]]> & \u000b',
        bodyMd: 'Nội dung ]]> <![CDATA[ x ]]> & <b>đậm</b>',
        category: 'thong-bao',
        tags: 'đặc biệt',
        status: 'published',
      })
      for (const url of ['/tin-tuc/rss.xml', '/tin-tuc/feed.atom', '/tin-tuc/thong-bao/rss.xml', '/tin-tuc/thong-bao/feed.atom']) {
        const res = await get(url)
        assert.equal(res.statusCode, 200, url)
        const parsed = parseXml(res.body)
        const entries = listOf<Record<string, any>>(parsed.rss?.channel.item ?? parsed.feed.entry)
        const entry = entries.find((e) => JSON.stringify(e).includes(nasty.slug))
        assert.ok(entry, url)
      }
      const rssItem = listOf<Record<string, any>>(parseXml((await get('/tin-tuc/thong-bao/rss.xml')).body).rss.channel.item)[0]!
      assert.equal(rssItem.title, 'Tin <b>đặc biệt</b> & "ngoặc" ]]>  hết')
      // Atom says its titles are HTML: the tags typed in a title are escaped there, shown as text.
      const atomEntry = listOf<Record<string, any>>(parseXml((await get('/tin-tuc/thong-bao/feed.atom')).body).feed.entry)[0]!
      assert.match(JSON.stringify(atomEntry.title), /&lt;b&gt;đặc biệt&lt;\/b&gt;/)
    })

    it('serves images with a long cache once their article is out, and only to its editors before', async () => {
      const full = await get(`/tin-tuc/anh/${ids.image}/full`)
      assert.equal(full.statusCode, 200)
      assert.equal(full.headers['content-type'], 'image/png')
      assert.equal(full.headers['cache-control'], 'public, max-age=31536000, immutable')
      const meta = await sharp(full.rawPayload).metadata()
      assert.deepEqual([meta.width, meta.height], [1200, 800])
      assert.equal((await get(`/tin-tuc/anh/${ids.image}/full`, { 'if-none-match': full.headers.etag as string })).statusCode, 304)
      const thumb = await get(`/tin-tuc/anh/${ids.image}/thumb`)
      assert.equal(thumb.headers['content-type'], 'image/webp')
      assert.equal((await get(`/tin-tuc/anh/${ids.draftImage}/full`)).statusCode, 404)
      const forEditor = await editorBrowser.get(`/tin-tuc/anh/${ids.draftImage}/full`)
      assert.equal(forEditor.statusCode, 200)
      assert.equal(forEditor.headers['cache-control'], 'private, max-age=3600')
      for (const url of ['/tin-tuc/anh/abc/full', `/tin-tuc/anh/${ids.image}/huge`, '/tin-tuc/anh/999999/full', '/tin-tuc/anh/0/full']) assert.equal((await get(url)).statusCode, 404, url)
    })

    // ---------- API ----------

    it('gives the public news and articles as JSON, published only', async () => {
      const list = await api('GET', '/api/v1/news?pageSize=2', { token: null })
      assert.equal(list.statusCode, 200)
      const body = list.json()
      assert.equal(body.total, 5)
      assert.equal(body.items.length, 2)
      assert.deepEqual(Object.keys(body.items[0]).sort(), ['category', 'categoryName', 'cover', 'lead', 'publishedAt', 'slug', 'source', 'title', 'url'])
      const one = await api('GET', `/api/v1/news/${slugs.main}`, { token: null })
      assert.equal(one.statusCode, 200)
      const article = one.json()
      assert.equal(article.publishedAt, '2020-07-05T09:47:00+07:00')
      assert.equal(article.cover.url, `/tin-tuc/anh/${ids.image}/full`)
      assert.ok(article.related.length >= 3 && article.related.every((r: { slug: string }) => r.slug !== slugs.main))
      assert.deepEqual(article.tags.sort(), ['môi trường', 'thu gom rác'])
      for (const url of [`/api/v1/news/${slugs.draft}`, '/api/v1/news/khong-co']) {
        const res = await api('GET', url, { token: null })
        assert.equal(res.statusCode, 404)
        assert.deepEqual(Object.keys(res.json()).sort(), ['error', 'fields', 'message'])
      }
      assert.equal((await api('GET', '/api/v1/news?category=khong-co', { token: null })).statusCode, 404)
      assert.equal((await api('GET', '/api/v1/news?page=0', { token: null })).statusCode, 400)
      assert.equal((await api('GET', '/api/v1/news?pageSize=500', { token: null })).statusCode, 400)
    })

    it('lets editors write, change, publish, schedule, take down and delete through the API, with every 4xx', async () => {
      const good = { title: 'Tin qua API', lead: 'Tóm tắt.', bodyMd: 'Nội dung.', category: 'thong-bao', tags: ['API'] }
      assert.equal((await api('POST', '/api/v1/news/articles', { token: null, body: good })).statusCode, 401)
      assert.equal((await api('POST', '/api/v1/news/articles', { token: 'not-a-token', body: good })).statusCode, 401)
      assert.equal((await api('POST', '/api/v1/news/articles', { token: specialistToken, body: good })).statusCode, 403)
      assert.equal((await api('GET', '/api/v1/news/articles', { token: specialistToken })).statusCode, 403)
      const missing = await api('POST', '/api/v1/news/articles', { body: { lead: 'x', bodyMd: 'x', category: 'thong-bao' } })
      assert.equal(missing.statusCode, 400)
      assert.ok('title' in missing.json().fields)
      assert.equal((await api('POST', '/api/v1/news/articles', { body: { ...good, category: 'khong-co' } })).statusCode, 400)
      assert.equal((await api('POST', '/api/v1/news/articles', { body: { ...good, extra: 1 } })).statusCode, 400)
      const invalid = await api('POST', '/api/v1/news/articles', { body: { ...good, title: '   ', status: 'scheduled', publishAt: '2020-01-01T00:00' } })
      assert.equal(invalid.statusCode, 422)
      assert.deepEqual(Object.keys(invalid.json().fields).sort(), ['publishAt', 'title'])
      assert.equal(invalid.json().fields.title, 'Nhập tiêu đề bài viết.')

      const created = await api('POST', '/api/v1/news/articles', { body: good })
      assert.equal(created.statusCode, 201)
      const article = created.json()
      assert.equal(article.status, 'draft')
      assert.equal(article.slug, 'tin-qua-api')
      assert.deepEqual(article.allowedActions, ['publish', 'schedule'])
      const taken = await api('POST', '/api/v1/news/articles', { body: { ...good, slug: 'tin-qua-api' } })
      assert.equal(taken.statusCode, 409)
      assert.equal(taken.json().fields.slug, 'Đã có bài viết dùng đường dẫn này. Chọn đường dẫn khác hoặc để trống để tạo tự động.')

      const url = `/api/v1/news/articles/${article.id}`
      assert.equal((await api('GET', url)).json().bodyMd, 'Nội dung.')
      assert.equal((await api('GET', url, { token: specialistToken })).statusCode, 403)
      assert.equal((await api('GET', '/api/v1/news/articles/999999')).statusCode, 404)
      assert.equal((await api('GET', '/api/v1/news/articles/abc')).statusCode, 400)
      const patched = await api('PATCH', url, { body: { lead: 'Tóm tắt mới.', tags: ['API', 'thông báo'] } })
      assert.equal(patched.statusCode, 200)
      assert.equal(patched.json().lead, 'Tóm tắt mới.')
      assert.equal((await api('PATCH', url, { body: { lead: '' } })).statusCode, 422)

      const published = await api('POST', `${url}/publish`)
      assert.equal(published.statusCode, 200)
      assert.equal(published.json().status, 'published')
      assert.equal((await api('POST', `${url}/publish`)).statusCode, 409)
      assert.equal((await api('POST', `${url}/schedule`, { body: { publishAt: '2030-01-01T07:00' } })).statusCode, 409)
      assert.equal((await api('GET', '/api/v1/news/tin-qua-api', { token: null })).statusCode, 200)
      assert.equal((await api('POST', `${url}/unpublish`)).json().status, 'draft')
      assert.equal((await api('POST', `${url}/unpublish`)).statusCode, 409)
      assert.equal((await api('POST', `${url}/schedule`, { body: { publishAt: '2020-01-01T07:00' } })).statusCode, 422)
      assert.equal((await api('POST', `${url}/schedule`, { body: {} })).statusCode, 400)
      const scheduled = await api('POST', `${url}/schedule`, { body: { publishAt: '2030-01-01T07:00' } })
      assert.equal(scheduled.json().publishAt, '2030-01-01T07:00:00+07:00')
      const staffList = await api('GET', '/api/v1/news/articles?status=scheduled')
      assert.deepEqual(
        staffList.json().items.map((i: { id: number }) => i.id),
        [article.id],
      )
      assert.equal((await api('GET', '/api/v1/news/articles?status=archived')).statusCode, 400)

      assert.equal((await api('DELETE', url, { token: specialistToken })).statusCode, 403)
      assert.equal((await api('DELETE', url)).statusCode, 204)
      assert.equal((await api('DELETE', url)).statusCode, 404)
    })

    it('takes images through the API as multipart, with caption and alt text required', async () => {
      const post = (id: number, fields: Record<string, string>, file: Buffer | null, token = editorToken) => {
        const { payload, contentType } = multipart(fields, file ? { field: 'image', filename: 'anh.png', type: 'image/png', bytes: file } : null)
        return t.app.inject({ method: 'POST', url: `/api/v1/news/articles/${id}/images`, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, payload })
      }
      const created = await post(ids.second!, { caption: 'Thùng phân loại rác', alt: 'Hai thùng rác xanh và cam' }, png)
      assert.equal(created.statusCode, 201)
      const image = created.json()
      assert.equal(image.markdown, `![Hai thùng rác xanh và cam](/tin-tuc/anh/${image.id}/full)`)
      assert.deepEqual([image.width, image.height], [1200, 800])
      const noCaption = await post(ids.second!, { caption: '', alt: 'Mô tả' }, png)
      assert.equal(noCaption.statusCode, 422)
      assert.deepEqual(Object.keys(noCaption.json().fields), ['caption'])
      const notImage = await post(ids.second!, { caption: 'Chú thích', alt: 'Mô tả' }, Buffer.from('MZ not an image'))
      assert.equal(notImage.statusCode, 422)
      assert.equal(notImage.json().fields.image, 'Tệp này không phải ảnh JPEG, PNG hoặc WebP, hoặc ảnh bị hỏng.')
      assert.equal((await post(ids.second!, { caption: 'a', alt: 'b' }, null)).statusCode, 422)
      assert.equal((await post(999_999, { caption: 'a', alt: 'b' }, png)).statusCode, 404)
      assert.equal((await post(ids.second!, { caption: 'a', alt: 'b' }, png, specialistToken)).statusCode, 403)
    })

    // ---------- The editor ----------

    it('sends visitors to sign in, refuses staff who write no news, and lists articles for editors', async () => {
      const anonymous = await new Browser(t).get('/admin/tin-tuc')
      assert.equal(anonymous.statusCode, 303)
      assert.match(anonymous.headers.location as string, /^\/sign-in\?next=%2Fadmin%2Ftin-tuc$/)
      const specialist = await new Browser(t).signIn('chuyenvien2')
      assert.equal((await specialist.get('/admin/tin-tuc')).statusCode, 403)
      const list = await editorBrowser.get('/admin/tin-tuc')
      assert.equal(list.statusCode, 200)
      assert.equal(list.headers['cache-control'], 'no-store')
      assert.match(list.body, new RegExp(`<a href="/admin/tin-tuc/${ids.draft}">Bản nháp chưa đăng</a>`))
      assert.match(list.body, /<strong class="tag tag--grey">Bản nháp<\/strong>/)
      const drafts = await editorBrowser.get('/admin/tin-tuc?status=draft')
      assert.ok(drafts.body.includes('Bản nháp chưa đăng') && !drafts.body.includes('Ra quân ngày Chủ nhật xanh'))
      const bad = await editorBrowser.get('/admin/tin-tuc?status=archived')
      assert.equal(bad.statusCode, 400)
      assert.equal(fieldMessage(bad.body, 'status'), 'Lỗi: Chọn trạng thái của bài viết.')
      assert.equal((await editorBrowser.get('/admin/tin-tuc/999999')).statusCode, 404)
      assert.equal((await editorBrowser.get('/admin/tin-tuc/abc')).statusCode, 404)
      // "Tin tức" on the desk, for editors.
      assert.match((await editorBrowser.get('/desk')).body, /<a href="\/admin\/tin-tuc">Tin tức<\/a>/)
    })

    it('writes an article through the form, refusing it without CSRF and keeping what was typed beside each message', async () => {
      const browser = editorBrowser
      const form = await browser.get('/admin/tin-tuc/moi')
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /<form class="form" method="post" action="\/admin\/tin-tuc" novalidate>/)
      assert.match(form.body, /formaction="\/admin\/tin-tuc\/xem-truoc"/)
      const fields = { title: 'Tin viết bằng biểu mẫu', slug: '', lead: 'Tóm tắt <b>ngắn</b> & "gọn".', bodyMd: 'Nội dung **đậm**.', category: 'thong-bao', tags: 'biểu mẫu, thử', source: '', comments: 'yes', status: 'draft', publishAt: '' }
      const count = async () => Number((await t.database.db.selectFrom('news_articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      const before = await count()

      assert.equal((await browser.post('/admin/tin-tuc', fields, { csrf: null })).statusCode, 403)
      assert.equal((await browser.post('/admin/tin-tuc', fields, { csrf: 'wrong' })).statusCode, 403)
      assert.equal(await count(), before)

      const bad = await browser.post('/admin/tin-tuc', { ...fields, title: '', category: '', status: 'scheduled', publishAt: '' })
      assert.equal(bad.statusCode, 422)
      assert.match(bad.body, /<title>Lỗi: /)
      assert.equal(fieldMessage(bad.body, 'title'), 'Lỗi: Nhập tiêu đề bài viết.')
      assert.equal(fieldMessage(bad.body, 'category'), 'Lỗi: Chọn chuyên mục.')
      assert.equal(fieldMessage(bad.body, 'publishAt'), 'Lỗi: Nhập thời điểm đăng bài khi hẹn giờ.')
      assert.match(errorSummary(bad.body), /Nhập tiêu đề bài viết/)
      // What was typed is still there, escaped.
      assert.match(bad.body, /<textarea[^>]*name="lead"[^>]*>Tóm tắt &lt;b>ngắn&lt;\/b> &amp; &#34;gọn&#34;.<\/textarea>/)
      assert.match(bad.body, /name="tags" type="text" value="biểu mẫu, thử"/)
      assert.match(bad.body, /<input class="checkbox-input" id="f-status-2" name="status" type="radio" value="scheduled" checked/)
      assert.equal(await count(), before)

      const saved = await browser.post('/admin/tin-tuc', fields)
      assert.equal(saved.statusCode, 303, errorSummary(saved.body))
      const location = saved.headers.location as string
      assert.match(location, /^\/admin\/tin-tuc\/\d+$/)
      const page = await browser.get(location)
      assert.match(page.body, /Đã lưu bài “Tin viết bằng biểu mẫu”./)
      assert.match(page.body, /name="slug" type="text" value="tin-viet-bang-bieu-mau"/)
      assert.match(page.body, /<td data-label="Thao tác">Tạo bài<\/td>/)
      assert.match(page.body, /enctype="multipart\/form-data"/)

      // Publishing through the form, then a conflict (a taken slug) shown beside the slug.
      const id = Number(location.split('/').pop())
      const published = await browser.post(location, { ...fields, slug: 'tin-viet-bang-bieu-mau', status: 'published' })
      assert.equal(published.statusCode, 303)
      assert.equal((await get('/tin-tuc/thong-bao/tin-viet-bang-bieu-mau')).statusCode, 200)
      await browser.get(location)
      const conflict = await browser.post(location, { ...fields, slug: slugs.desk!, status: 'published' })
      assert.equal(conflict.statusCode, 409)
      assert.match(fieldMessage(conflict.body, 'slug'), /Đã có bài viết dùng đường dẫn này/)
      assert.match(conflict.body, new RegExp(`name="slug" type="text" value="${slugs.desk}"`))
      const history = await browser.get(location)
      assert.match(history.body, /<td data-label="Thao tác">Đăng bài<\/td>/)
      assert.ok(id > 0)
    })

    it('previews the body as saving would render it, without saving anything', async () => {
      const browser = editorBrowser
      await browser.get(`/admin/tin-tuc/${ids.main}`)
      const before = (await t.database.db.selectFrom('news_articles').select('body_md').where('id', '=', ids.main!).executeTakeFirstOrThrow()).body_md
      const preview = await browser.post('/admin/tin-tuc/xem-truoc', {
        id: String(ids.main),
        title: 'Tiêu đề xem trước',
        lead: 'Tóm tắt xem trước',
        bodyMd: `## Mục\n\nChữ **đậm** <script>alert(1)</script>\n\n![x](/tin-tuc/anh/${ids.image}/full)`,
        category: 'do-thi-moi-truong',
        status: 'published',
      })
      assert.equal(preview.statusCode, 200)
      assert.match(preview.body, /<section class="news-preview" aria-labelledby="preview-title">/)
      assert.match(preview.body, /<div class="news-body"><h3>Mục<\/h3>\s*<p>Chữ <strong>đậm<\/strong> &lt;script&gt;alert\(1\)&lt;\/script&gt;<\/p>/)
      assert.match(preview.body, /<figcaption>Xe thu gom rác ở khu phố 3<\/figcaption>/)
      assert.match(preview.body, /name="title" type="text" value="Tiêu đề xem trước"/)
      const after = (await t.database.db.selectFrom('news_articles').select('body_md').where('id', '=', ids.main!).executeTakeFirstOrThrow()).body_md
      assert.equal(after, before)
      const foreign = await browser.post('/admin/tin-tuc/xem-truoc', { title: 'x', lead: 'x', bodyMd: '![x](https://evil.example/a.png)', category: 'thong-bao' })
      assert.equal(foreign.statusCode, 422)
      assert.match(fieldMessage(foreign.body, 'bodyMd'), /chỉ được dùng ảnh đã tải lên cho bài này/)
      assert.equal((await browser.post('/admin/tin-tuc/xem-truoc', { title: 'x', bodyMd: 'x' }, { csrf: null })).statusCode, 403)
    })

    it('uploads an image through the editor’s form, keeping what was typed when something is missing', async () => {
      const browser = editorBrowser
      await browser.get(`/admin/tin-tuc/${ids.third}`)
      const post = (fields: Record<string, string>, file: Buffer | null, csrf: string | null = browser.csrf) => {
        const { payload, contentType } = multipart({ ...(csrf !== null ? { _csrf: csrf } : {}), ...fields }, file ? { field: 'image', filename: 'anh.png', type: 'image/png', bytes: file } : null)
        const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
        return t.app.inject({ method: 'POST', url: `/admin/tin-tuc/${ids.third}/anh`, headers: { 'content-type': contentType, cookie }, payload })
      }
      assert.equal((await post({ caption: 'Chú thích', alt: 'Mô tả' }, png, null)).statusCode, 403)
      const missing: LightMyRequestResponse = await post({ caption: '', alt: 'Người dân dọn kênh' }, png)
      assert.equal(missing.statusCode, 422)
      assert.equal(fieldMessage(missing.body, 'caption'), 'Lỗi: Nhập chú thích ảnh.')
      assert.match(missing.body, /name="alt" type="text" value="Người dân dọn kênh"/)
      const notImage = await post({ caption: 'Chú thích', alt: 'Mô tả' }, Buffer.from('not an image'))
      assert.equal(notImage.statusCode, 422)
      assert.match(fieldMessage(notImage.body, 'image'), /không phải ảnh JPEG, PNG hoặc WebP/)
      const page = await browser.get(`/admin/tin-tuc/${ids.third}`)
      const ok = await post({ caption: 'Ra quân dọn kênh', alt: 'Người dân dọn kênh' }, png)
      assert.equal(ok.statusCode, 303, errorSummary(ok.body))
      assert.ok(page.statusCode === 200)
      const after = await browser.get(`/admin/tin-tuc/${ids.third}`)
      assert.match(after.body, /<code>!\[Người dân dọn kênh\]\(\/tin-tuc\/anh\/\d+\/full\)<\/code>/)
      assert.match(after.body, /<option value="\d+">Ra quân dọn kênh<\/option>/)
    })

    it('deletes an article only when the deletion is confirmed', async () => {
      const browser = editorBrowser
      const article = await createArticle(deps, editor, { title: 'Bài sẽ bị xoá', lead: 'x', bodyMd: 'x', category: 'thong-bao', status: 'published' })
      await browser.get(`/admin/tin-tuc/${article.id}`)
      const unconfirmed = await browser.post(`/admin/tin-tuc/${article.id}/xoa`, {})
      assert.equal(unconfirmed.statusCode, 422)
      assert.equal(fieldMessage(unconfirmed.body, 'confirm'), 'Lỗi: Đánh dấu ô xác nhận để xoá bài viết.')
      assert.equal((await browser.post(`/admin/tin-tuc/${article.id}/xoa`, { confirm: 'yes' }, { csrf: null })).statusCode, 403)
      const deleted = await browser.post(`/admin/tin-tuc/${article.id}/xoa`, { confirm: 'yes' })
      assert.equal(deleted.statusCode, 303)
      assert.equal(deleted.headers.location, '/admin/tin-tuc')
      assert.equal((await get(`/tin-tuc/thong-bao/${article.slug}`)).statusCode, 404)
      assert.equal((await browser.get(`/admin/tin-tuc/${article.id}`)).statusCode, 404)
    })
  })

  describe(`news demo and sitemap on ${dialect.name}`, () => {
    let t: TestApp

    before(async () => {
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      await seedDemo({ db: t.database.db, clock: t.clock })
    })
    after(() => t.close())

    it('seeds twenty published articles over recent months, one scheduled and one draft, each with three to six related articles', async () => {
      const rows = await t.database.db.selectFrom('news_articles').select(['id', 'status', 'published_at', 'category']).execute()
      const published = rows.filter((r) => r.status === 'published')
      assert.equal(published.length, 20)
      assert.deepEqual(rows.filter((r) => r.status !== 'published').map((r) => r.status).sort(), ['draft', 'scheduled'])
      assert.ok(new Set(published.map((r) => r.category)).size >= 5)
      for (const row of published) {
        const related = await t.database.db.selectFrom('news_related').select('related_id').where('article_id', '=', row.id).execute()
        assert.ok(related.length >= 3 && related.length <= 6, `article ${row.id}: ${related.length}`)
        assert.ok(related.every((r) => Number(r.related_id) !== Number(row.id)))
      }
      const documents = await t.database.db.selectFrom('search_documents').select('doc_key').where('doc_type', '=', 'news').execute()
      assert.equal(documents.length, 20)
    })

    it('lists the public pages, procedures, published news and public feedback in the sitemap', async () => {
      const res = await t.app.inject({ url: '/sitemap.xml' })
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8')
      const urls = listOf<{ loc: string; lastmod?: string }>(parseXml(res.body).urlset.url).map((u) => u.loc)
      const base = t.config.baseUrl.replace(/\/$/, '')
      for (const path of ['/', '/thu-tuc', '/phan-anh', '/tin-tuc', '/tin-tuc/cai-cach-hanh-chinh']) assert.ok(urls.includes(`${base}${path}`), path)
      const articles = urls.filter((u) => /\/tin-tuc\/[a-z-]+\/[a-z0-9-]+$/.test(u))
      assert.equal(articles.length, 20)
      assert.ok(urls.some((u) => /\/thu-tuc\/[^/]+$/.test(u)), 'procedures')
      const publicFeedback = await t.database.db.selectFrom('feedback_items').select('code').where('is_published', '=', 1).execute()
      assert.ok(publicFeedback.length > 0)
      for (const item of publicFeedback) assert.ok(urls.includes(`${base}/phan-anh/${item.code}`), item.code)
      const drafts = await t.database.db.selectFrom('news_articles').select(['slug', 'category']).where('status', '<>', 'published').execute()
      for (const d of drafts) assert.ok(!urls.includes(`${base}/tin-tuc/${d.category}/${d.slug}`))
      assert.equal((await t.app.inject({ url: '/sitemap.xml', headers: { 'if-none-match': res.headers.etag as string } })).statusCode, 304)
    })
  })
}
