/**
 * Generated news against real databases (SQLite, and PostgreSQL when configured): the articles
 * show on /tin-tuc and on their own page, the search finds them by words typed without
 * diacritics, their postings are exactly those the app writes when it indexes an article, their
 * bodies are what rendering their Markdown gives, related lists never name the article itself,
 * and a second run continues without reusing a slug. And on a SQLite file, where an app instance
 * keeps article pages and learns from the database whether anything changed, a page changed by
 * another connection (another instance) shows the change at the next view.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createUnitTree } from '../../../test/support/factories.ts'
import { buildApp } from '../../app.ts'
import type { App } from '../../app.ts'
import { loadConfig } from '../../config.ts'
import { openDatabase } from '../../db/database.ts'
import type { OpenDatabase } from '../../db/database.ts'
import { migrateUp } from '../../db/migrate.ts'
import { instant } from '../../db/portable.ts'
import { FixedClock } from '../../platform/clock.ts'
import { fold, indexDocument } from '../../platform/search/search.ts'
import { generateNews } from './news.bulk.ts'
import type { GeneratedArticle } from './news.bulk.ts'
import { renderMarkdown } from './news.markdown.ts'
import { NEWS_SEARCH_TYPE, searchDocumentOf } from './news.service.ts'
import { articlePath, MAX_RELATED, MIN_RELATED, SLUG_PATTERN } from './news.ts'

const COUNT = 300
const FROM = new Date('2025-03-01T01:00:00Z')
const TO = new Date('2026-02-28T01:00:00Z')

/** The postings of a document, in a comparable order. */
async function postingsOf(t: TestApp, documentId: number): Promise<string[]> {
  const rows = await t.database.db.selectFrom('search_postings').select(['term', 'weight']).where('document_id', '=', documentId).execute()
  return rows.map((r) => `${r.term}:${Number(r.weight)}`).sort()
}

for (const dialect of testDialects) {
  describe(`generated news on ${dialect.name}`, () => {
    let t: TestApp
    let sample: GeneratedArticle[]

    before(async () => {
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      await createUnitTree({ db: t.database.db, clock: t.clock })
      const units = (await t.database.db.selectFrom('units').select(['id', 'name']).execute()).map((u) => ({ id: Number(u.id), name: u.name }))
      sample = await generateNews(t.database.db, { units }, { count: COUNT, from: FROM, to: TO, batchSize: 70 })
    })
    after(() => t.close())

    it('writes published articles with unique slugs, tags, and bodies rendered as saving renders them', async () => {
      const rows = await t.database.db.selectFrom('news_articles').select(['id', 'slug', 'status', 'title', 'lead', 'body_md', 'body_html', 'category', 'published_at']).execute()
      assert.equal(rows.length, COUNT)
      assert.equal(new Set(rows.map((r) => r.slug)).size, COUNT)
      for (const row of rows) {
        assert.equal(row.status, 'published')
        assert.match(row.slug, SLUG_PATTERN)
        assert.ok(row.title.length > 20 && row.lead.length > 40, row.slug)
        assert.equal(row.body_html, renderMarkdown(row.body_md, new Map()), row.slug)
      }
      assert.ok(new Set(rows.map((r) => r.title)).size > COUNT * 0.9, 'titles vary')
      assert.equal(new Set(rows.map((r) => r.category)).size, 6, 'every category')
      const tagged = await t.database.db.selectFrom('news_tags').select('article_id').distinct().execute()
      assert.equal(tagged.length, COUNT)
      assert.ok(sample.length > 0 && sample.every((a) => rows.some((r) => Number(r.id) === a.id && r.slug === a.slug)))
    })

    it('lists them on /tin-tuc, newest first, and shows each on its own page with its related articles', async () => {
      const newest = await t.database.db.selectFrom('news_articles').select(['title', 'slug', 'category']).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
      const list = await t.app.inject('/tin-tuc')
      assert.equal(list.statusCode, 200)
      assert.ok(list.body.includes(`href="${articlePath(newest.category, newest.slug)}"`), 'the newest first')
      assert.equal((await t.app.inject(`/tin-tuc?page=${COUNT / 10}`)).statusCode, 200, 'every article on a page')
      assert.equal((await t.app.inject(`/tin-tuc?page=${COUNT / 10 + 1}`)).statusCode, 404)
      const one = sample[Math.floor(sample.length / 2)]!
      const page = await t.app.inject(articlePath(one.category, one.slug))
      assert.equal(page.statusCode, 200)
      const related = /<section class="news-related"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? ''
      const links = [...related.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1])
      assert.ok(links.length >= MIN_RELATED, 'related articles shown')
      assert.ok(!links.includes(articlePath(one.category, one.slug)), 'never the article itself')
    })

    it('keeps related lists of three to six other published articles, in order', async () => {
      const rows = await t.database.db.selectFrom('news_related').select(['article_id', 'related_id', 'position']).orderBy('article_id').orderBy('position').execute()
      const byArticle = new Map<number, number[]>()
      for (const r of rows) {
        assert.notEqual(Number(r.article_id), Number(r.related_id), 'never the article itself')
        const list = byArticle.get(Number(r.article_id)) ?? []
        assert.equal(Number(r.position), list.length, 'positions from 0 without gaps')
        list.push(Number(r.related_id))
        byArticle.set(Number(r.article_id), list)
      }
      // Only the first few articles have fewer than three earlier ones to choose from.
      assert.ok(byArticle.size >= COUNT - MIN_RELATED)
      for (const list of byArticle.values()) assert.ok(list.length <= MAX_RELATED && new Set(list).size === list.length)
      assert.ok([...byArticle.values()].filter((l) => l.length >= MIN_RELATED).length >= COUNT - MIN_RELATED)
    })

    it('indexes each article exactly as publishing it does, so the search finds it without diacritics', async () => {
      const documents = await t.database.db.selectFrom('search_documents').select(['id', 'doc_key', 'url']).where('doc_type', '=', NEWS_SEARCH_TYPE).execute()
      assert.equal(documents.length, COUNT)
      const one = sample[1]!
      const document = documents.find((d) => d.doc_key === String(one.id))!
      assert.equal(document.url, articlePath(one.category, one.slug))
      const generated = await postingsOf(t, Number(document.id))
      assert.ok(generated.length > 20)
      const article = await t.database.db.selectFrom('news_articles').select(['id', 'slug', 'category', 'title', 'lead', 'body_html', 'published_at']).where('id', '=', one.id).executeTakeFirstOrThrow()
      await t.database.db.transaction().execute((trx) =>
        indexDocument(
          trx,
          searchDocumentOf({ id: one.id, slug: article.slug, category: article.category, title: article.title, lead: article.lead, bodyHtml: article.body_html, publishedAt: new Date(article.published_at as string | Date) }),
        ),
      )
      assert.deepEqual(await postingsOf(t, Number(document.id)), generated, 'the same postings as the app writes')

      // Its title typed without diacritics finds it first (every word in the title, as a phrase).
      const q = fold(one.title).replace(/\s+/g, ' ').trim()
      const found = await t.app.inject({ url: `/api/v1/search?${new URLSearchParams({ q }).toString()}` })
      assert.equal(found.statusCode, 200)
      const body = found.json() as { total: number; results: { url: string; type: string }[] }
      assert.ok(body.total >= 1)
      assert.equal(body.results[0]!.url, articlePath(one.category, one.slug))
      // A common folded word finds many of them.
      const common = (await t.app.inject('/api/v1/search?q=nguoi+dan')).json() as { total: number; results: { type: string }[] }
      assert.ok(common.total > COUNT / 10 && common.results.every((r) => r.type === 'news'))
    })

    it('continues on a second run without reusing a slug', async () => {
      const units = (await t.database.db.selectFrom('units').select(['id', 'name']).execute()).map((u) => ({ id: Number(u.id), name: u.name }))
      await generateNews(t.database.db, { units }, { count: 40, from: TO, to: new Date('2026-03-01T01:00:00Z') })
      const slugs = await t.database.db.selectFrom('news_articles').select('slug').execute()
      assert.equal(slugs.length, COUNT + 40)
      assert.equal(new Set(slugs.map((r) => r.slug)).size, COUNT + 40)
    })
  })
}

describe('article pages kept on a SQLite file', () => {
  let folder: string
  let database: OpenDatabase
  let other: OpenDatabase
  let app: App
  let one: GeneratedArticle

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'congso-news-pages-'))
    const path = join(folder, 'news.sqlite')
    database = openDatabase({ databaseUrl: `sqlite:${path}`, dialect: 'sqlite', sqlitePath: path })
    await migrateUp(database.db)
    const clock = new FixedClock('2026-03-02T02:00:00Z')
    await createUnitTree({ db: database.db, clock })
    const units = (await database.db.selectFrom('units').select(['id', 'name']).execute()).map((u) => ({ id: Number(u.id), name: u.name }))
    const sample = await generateNews(database.db, { units }, { count: 40, from: FROM, to: TO })
    one = sample[sample.length - 1]!
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: `sqlite:${path}`, FILES_DIR: join(folder, 'files') })
    app = await buildApp({ config, db: database.db, dialect: 'sqlite', clock, logger: false })
    await app.ready()
    // A second connection to the same file, as another app instance has.
    other = openDatabase({ databaseUrl: `sqlite:${path}`, dialect: 'sqlite', sqlitePath: path })
  })
  after(async () => {
    await app.close()
    await other.close()
    await database.close()
    rmSync(folder, { recursive: true, force: true })
  })

  /**
   * The article page as a visitor without a session gets it, in a later turn of the event loop: a
   * request from the network always is, and within one turn reads share a snapshot (database.ts).
   */
  const view = async () => {
    await new Promise((resolve) => setImmediate(resolve))
    const page = await app.inject(articlePath(one.category, one.slug))
    assert.equal(page.statusCode, 200)
    return page
  }

  it('shows the same bytes while nothing changed, and every change made elsewhere at the next view', async () => {
    const first = await view()
    assert.equal((await view()).headers.etag, first.headers.etag)
    assert.equal((await app.inject({ url: articlePath(one.category, one.slug), headers: { 'if-none-match': String(first.headers.etag) } })).statusCode, 304)

    // The article itself, changed by another instance.
    await other.db.updateTable('news_articles').set({ lead: 'Phần mở đầu đã được biên tập lại.', updated_at: instant(new Date('2026-03-02T03:00:00Z')) }).where('id', '=', one.id).execute()
    const edited = await view()
    assert.notEqual(edited.headers.etag, first.headers.etag)
    assert.match(edited.body, /Phần mở đầu đã được biên tập lại\./)

    // A related article retitled.
    const related = await other.db.selectFrom('news_related').select('related_id').where('article_id', '=', one.id).orderBy('position').executeTakeFirstOrThrow()
    await other.db.updateTable('news_articles').set({ title: 'Tiêu đề mới của bài liên quan', updated_at: instant(new Date('2026-03-02T04:00:00Z')) }).where('id', '=', Number(related.related_id)).execute()
    assert.match((await view()).body, /Tiêu đề mới của bài liên quan/)

    // A comment approved.
    const at = instant(new Date('2026-03-02T05:00:00Z'))
    await other.db
      .insertInto('news_comments')
      .values({ article_id: one.id, parent_id: null, author_name: 'Lê Thị Thu', author_email: 'thu@example.vn', body: 'Cảm ơn thông tin hữu ích.', status: 'approved', flagged_words: null, created_at: at, moderated_at: at, moderated_by: null, staff_id: null })
      .execute()
    assert.match((await view()).body, /Cảm ơn thông tin hữu ích\./)

    // Taken down: gone at once.
    await other.db.updateTable('news_articles').set({ status: 'draft', published_at: null, updated_at: instant(new Date('2026-03-02T06:00:00Z')) }).where('id', '=', one.id).execute()
    await new Promise((resolve) => setImmediate(resolve))
    assert.equal((await app.inject(articlePath(one.category, one.slug))).statusCode, 404)
  })
})
