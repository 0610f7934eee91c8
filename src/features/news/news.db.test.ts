/**
 * News's use cases against a real database (SQLite, and PostgreSQL when configured): an article's
 * whole life (draft, publish, change, schedule, take down, delete) with its audit entries and its
 * document in the site search index; slugs; the related lists recomputed for the article and for
 * the articles around it, never naming an article itself; the scheduled job publishing articles
 * whose time has come (through the worker's job list); images checked and shown only once their
 * article is out; who may write what; and all-or-nothing writes.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import sharp from 'sharp'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { scheduledJobs } from '../../jobs.ts'
import { listAuditFor } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { FixedClock } from '../../platform/clock.ts'
import { createFolderStore } from '../../platform/files/files.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import type { AppError } from '../../platform/http/errors.ts'
import { search } from '../../platform/search/search.ts'
import { loadPrincipal } from '../units/index.ts'
import { searchDocuments } from './index.ts'
import {
  createArticle,
  deleteArticle,
  getPublishedArticle,
  imageForViewer,
  listForStaff,
  listPublished,
  previewBody,
  publishArticle,
  publishDueArticles,
  recomputeAllRelated,
  scheduleArticle,
  unpublishArticle,
  updateArticle,
  uploadImage,
} from './news.service.ts'
import type { ArticleChanges, ArticleInput, NewsDeps, StatusInput } from './news.service.ts'

const START = '2026-03-02T02:00:00Z'
const HOUR = 3_600_000

/** An article's content with sensible defaults. */
function content(overrides: ArticleChanges = {}): ArticleInput & StatusInput {
  return {
    title: 'Bộ phận một cửa làm việc sáng thứ Bảy',
    lead: 'Người lao động làm thủ tục mà không phải nghỉ làm.',
    bodyMd: 'Bộ phận **một cửa** tiếp nhận hồ sơ sáng thứ Bảy.',
    category: 'cai-cach-hanh-chinh',
    tags: 'một cửa, cải cách hành chính',
    source: 'Văn phòng UBND',
    ...overrides,
  }
}

/** Asserts that a promise fails with an error of this class and, when given, these fields. */
async function rejectsWith(promise: Promise<unknown>, type: new (...args: never[]) => AppError, fields?: Record<string, string>): Promise<AppError> {
  let caught: unknown = null
  await promise.catch((error: unknown) => (caught = error))
  assert.ok(caught instanceof type, `expected ${type.name}, got ${String(caught)}`)
  if (fields) assert.deepEqual(caught.fields, fields)
  return caught
}

for (const dialect of testDialects) {
  describe(`news on ${dialect.name}`, () => {
    let database: TestDatabase
    let filesDir: string
    let clock: FixedClock
    let deps: NewsDeps
    let editor: Principal
    let wardModerator: Principal
    let specialist: Principal
    let png: Buffer

    before(async () => {
      database = await dialect.open()
      clock = new FixedClock(START)
      filesDir = mkdtempSync(join(tmpdir(), 'congso-news-'))
      deps = { db: database.db, clock, files: createFolderStore(filesDir) }
      await createUnitTree(deps)
      const principal = async (username: string, unit: string, roles: Parameters<typeof createTestStaff>[3]) => (await loadPrincipal(deps, (await createTestStaff(deps, username, unit, roles)).id))!
      editor = await principal('bientap.town', 'TOWN', ['moderator'])
      wardModerator = await principal('kiemduyet.b', 'WARD-B', ['moderator'])
      specialist = await principal('chuyenvien.a', 'WARD-A', ['specialist'])
      png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#2a6f4e' } })
        .png()
        .withExif({ IFD0: { Artist: 'Secret Photographer' } })
        .toBuffer()
    })
    after(async () => {
      await database.close()
      rmSync(filesDir, { recursive: true, force: true })
    })

    const countOf = async (table: 'news_articles' | 'audit_log' | 'search_documents' | 'news_tags' | 'news_related') =>
      Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const newsDocument = (id: number) => database.db.selectFrom('search_documents').selectAll().where('doc_type', '=', 'news').where('doc_key', '=', String(id)).executeTakeFirst()

    it('takes an article from draft to published, changed, taken down and deleted, auditing each step and keeping search in step', async () => {
      const draft = await createArticle(deps, editor, content())
      assert.equal(draft.status, 'draft')
      assert.equal(draft.slug, 'bo-phan-mot-cua-lam-viec-sang-thu-bay')
      assert.equal(draft.authorInitials, 'C.B.B')
      assert.deepEqual(
        draft.tags.map((t) => t.tag),
        ['cải cách hành chính', 'một cửa'],
      )
      assert.equal(draft.bodyHtml, '<p>Bộ phận <strong>một cửa</strong> tiếp nhận hồ sơ sáng thứ Bảy.</p>')
      assert.equal(await newsDocument(draft.id), undefined)
      assert.equal(await getPublishedArticle(deps, draft.slug), null)

      clock.advance(HOUR)
      const published = await publishArticle(deps, editor, draft.id)
      assert.equal(published.status, 'published')
      assert.equal(published.publishedAt?.toISOString(), clock.now().toISOString())
      const indexed = await newsDocument(draft.id)
      assert.equal(indexed?.url, '/tin-tuc/cai-cach-hanh-chinh/bo-phan-mot-cua-lam-viec-sang-thu-bay')
      assert.match(indexed?.body ?? '', /tiếp nhận hồ sơ sáng thứ Bảy/)
      assert.equal((await search(database.db, { q: 'mot cua thu bay' })).results[0]?.key, String(draft.id))
      await rejectsWith(publishArticle(deps, editor, draft.id), ConflictError)

      clock.advance(HOUR)
      const changed = await updateArticle(deps, editor, draft.id, { title: 'Một cửa mở thêm sáng thứ Bảy', bodyMd: 'Nội dung **mới**.' })
      assert.equal(changed.slug, draft.slug, 'a slug stays when it is given back unchanged')
      assert.equal(changed.status, 'published')
      assert.equal(changed.publishedAt?.toISOString(), published.publishedAt?.toISOString())
      assert.equal((await newsDocument(draft.id))?.title, 'Một cửa mở thêm sáng thứ Bảy')

      await rejectsWith(scheduleArticle(deps, editor, draft.id, '2026-03-10T07:00'), ConflictError)
      const down = await unpublishArticle(deps, editor, draft.id)
      assert.equal(down.status, 'draft')
      assert.equal(down.publishedAt, null)
      assert.equal(await newsDocument(draft.id), undefined)
      await rejectsWith(unpublishArticle(deps, editor, draft.id), ConflictError)

      await deleteArticle(deps, editor, draft.id)
      await rejectsWith(publishArticle(deps, editor, draft.id), NotFoundError)
      assert.equal(Number((await database.db.selectFrom('news_tags').select((eb) => eb.fn.countAll().as('n')).where('article_id', '=', draft.id).executeTakeFirstOrThrow()).n), 0)

      const history = await listAuditFor(database.db, 'news_article', draft.id)
      assert.deepEqual(
        history.map((e) => e.action),
        ['create', 'publish', 'update', 'unpublish', 'delete'],
      )
      assert.ok(history.every((e) => e.actorLabel === 'bientap.town'))
      assert.deepEqual((history[1]?.after as { status: string }).status, 'published')
      assert.equal((history[2]?.before as { title: string }).title, 'Bộ phận một cửa làm việc sáng thứ Bảy')
      assert.equal((history[4]?.before as { title: string }).title, 'Một cửa mở thêm sáng thứ Bảy')
    })

    it('makes slugs unique, refuses a taken or reserved one, and writes nothing when a save fails', async () => {
      const first = await createArticle(deps, editor, content({ title: 'Lịch thu gom rác' }))
      const second = await createArticle(deps, editor, content({ title: 'Lịch thu gom rác' }))
      assert.deepEqual([first.slug, second.slug], ['lich-thu-gom-rac', 'lich-thu-gom-rac-2'])
      const [articles, audits] = [await countOf('news_articles'), await countOf('audit_log')]
      await rejectsWith(createArticle(deps, editor, content({ slug: 'lich-thu-gom-rac' })), ConflictError, { slug: 'news.errors.slugTaken' })
      await rejectsWith(updateArticle(deps, editor, second.id, { slug: 'lich-thu-gom-rac' }), ConflictError, { slug: 'news.errors.slugTaken' })
      await rejectsWith(createArticle(deps, editor, content({ slug: 'rss' })), ValidationError, { slug: 'news.errors.slugReserved' })
      await rejectsWith(createArticle(deps, editor, content({ slug: 'Có Dấu' })), ValidationError, { slug: 'news.errors.slugInvalid' })
      assert.deepEqual([await countOf('news_articles'), await countOf('audit_log')], [articles, audits])
    })

    it('collects every field problem at once', async () => {
      const error = await rejectsWith(
        createArticle(deps, editor, { title: ' ', lead: '', bodyMd: '![x](https://evil.example/x.png)', category: 'khong-co', tags: Array.from({ length: 11 }, (_, i) => `tag ${i}`), source: 'x'.repeat(121), status: 'scheduled', publishAt: '2026-03-01T07:00' }),
        ValidationError,
      )
      assert.deepEqual(error.fields, {
        title: 'news.errors.titleRequired',
        lead: 'news.errors.leadRequired',
        bodyMd: 'news.errors.bodyForeignImage',
        category: 'news.errors.category',
        tags: 'news.errors.tags',
        source: 'news.errors.sourceTooLong',
        publishAt: 'news.errors.publishAtPast',
      })
      await rejectsWith(createArticle(deps, editor, content({ status: 'scheduled', publishAt: '' })), ValidationError, { publishAt: 'news.errors.publishAtRequired' })
      await rejectsWith(createArticle(deps, editor, content({ status: 'scheduled', publishAt: 'mai' })), ValidationError, { publishAt: 'news.errors.publishAtInvalid' })
      await rejectsWith(createArticle(deps, editor, content({ status: 'archived' })), ValidationError, { status: 'news.errors.status' })
    })

    it('lets only news editors write, each for their own units', async () => {
      await rejectsWith(createArticle(deps, specialist, content()), ForbiddenError)
      const townArticle = await createArticle(deps, editor, content({ title: 'Tin của thị xã' }))
      // A ward's moderator neither edits nor publishes the town's article, and lists only the ward's.
      await rejectsWith(updateArticle(deps, wardModerator, townArticle.id, { title: 'Sửa trộm' }), ForbiddenError)
      await rejectsWith(publishArticle(deps, wardModerator, townArticle.id), ForbiddenError)
      await rejectsWith(createArticle(deps, wardModerator, content({ unitCode: 'TOWN' })), ForbiddenError)
      const wardArticle = await createArticle(deps, wardModerator, content({ title: 'Tin của phường Bình' }))
      const wardList = await listForStaff(deps, wardModerator, {})
      assert.deepEqual(
        wardList.items.map((a) => a.id),
        [wardArticle.id],
      )
      assert.ok((await listForStaff(deps, editor, {})).items.some((a) => a.id === townArticle.id))
      await rejectsWith(listForStaff(deps, specialist, {}), ForbiddenError)
      await rejectsWith(listForStaff(deps, editor, { status: 'archived' }), ValidationError)
    })

    it('recomputes related articles for the article and for those around it, never naming an article itself', async () => {
      // A fresh database: the related lists then depend on these articles only.
      const own = await dialect.open()
      try {
        const ownDeps: NewsDeps = { db: own.db, clock: new FixedClock(START), files: deps.files }
        await createUnitTree(ownDeps)
        const me = (await loadPrincipal(ownDeps, (await createTestStaff(ownDeps, 'bientap', 'TOWN', ['moderator'])).id))!
        const at = ownDeps.clock as FixedClock
        const publish = async (input: ArticleChanges) => {
          at.advance(HOUR)
          return createArticle(ownDeps, me, content({ status: 'published', ...input }))
        }
        const waste1 = await publish({ title: 'Điều chỉnh lịch thu gom rác', category: 'do-thi-moi-truong', tags: 'thu gom rác, môi trường' })
        const waste2 = await publish({ title: 'Thí điểm phân loại rác tại nguồn', category: 'do-thi-moi-truong', tags: 'phân loại rác, thu gom rác' })
        const desk = await publish({ title: 'Một cửa làm việc thứ Bảy', category: 'cai-cach-hanh-chinh', tags: 'một cửa' })
        const dialogue = await publish({ title: 'Đối thoại về ngập nước', category: 'doi-thoai-tiep-dan', tags: 'đối thoại' })
        const related = async (id: number) => (await own.db.selectFrom('news_related').select(['related_id', 'score']).where('article_id', '=', id).orderBy('position').execute()).map((r) => Number(r.related_id))

        // waste1 was written first, yet its list names waste2: the articles a new one names are refreshed too.
        assert.equal((await related(waste1.id))[0], waste2.id)
        assert.equal((await related(waste2.id))[0], waste1.id)
        for (const id of [waste1.id, waste2.id, desk.id, dialogue.id]) {
          const list = await related(id)
          assert.ok(!list.includes(id), `article ${id} names itself`)
          assert.equal(list.length, 3, `article ${id} lists 3 of the 3 others`)
        }
        const self = await own.db.selectFrom('news_related').select('article_id').whereRef('article_id', '=', 'related_id').execute()
        assert.deepEqual(self, [])

        // A third waste article moves up in both waste lists.
        const waste3 = await publish({ title: 'Xe thu gom rác đến sớm hơn', category: 'do-thi-moi-truong', tags: 'thu gom rác' })
        assert.ok((await related(waste1.id)).slice(0, 2).includes(waste3.id))
        assert.ok((await related(waste2.id)).slice(0, 2).includes(waste3.id))

        // Taken down: it leaves every list that named it; a draft is never named.
        await unpublishArticle(ownDeps, me, waste3.id)
        for (const id of [waste1.id, waste2.id, desk.id, dialogue.id]) assert.ok(!(await related(id)).includes(waste3.id))
        const draft = await createArticle(ownDeps, me, content({ title: 'Bản nháp về thu gom rác', category: 'do-thi-moi-truong', tags: 'thu gom rác' }))
        for (const id of [waste1.id, waste2.id]) assert.ok(!(await related(id)).includes(draft.id))

        // Deleted: gone from the lists too; the published page shows the stored list.
        await deleteArticle(ownDeps, me, waste2.id)
        assert.ok(!(await related(waste1.id)).includes(waste2.id))
        const page = await getPublishedArticle(ownDeps, waste1.slug)
        assert.deepEqual(
          page?.related.map((r) => r.id),
          await related(waste1.id),
        )

        // Rebuilding every list gives the same lists (the incremental updates kept them right).
        const before = await own.db.selectFrom('news_related').selectAll().orderBy('article_id').orderBy('position').execute()
        await recomputeAllRelated(ownDeps)
        const afterAll = await own.db.selectFrom('news_related').selectAll().orderBy('article_id').orderBy('position').execute()
        assert.deepEqual(afterAll, before)
      } finally {
        await own.close()
      }
    })

    it('publishes scheduled articles when their time comes, through the worker’s job list, at the scheduled instant', async () => {
      const publishAt = new Date(clock.now().getTime() + 2 * HOUR)
      const scheduled = await createArticle(deps, editor, content({ title: 'Thông báo lịch tiếp dân', status: 'scheduled', publishAt: publishAt.toISOString() }))
      assert.equal(scheduled.status, 'scheduled')
      assert.equal(scheduled.publishAt?.toISOString(), publishAt.toISOString())
      assert.equal(await newsDocument(scheduled.id), undefined)
      assert.equal(await publishDueArticles(deps), 0)

      const job = scheduledJobs({ db: database.db, clock, baseUrl: 'https://congso.example' }).find((j) => j.name === 'news.publish-scheduled')
      assert.ok(job, 'the news job is among the worker’s jobs')
      clock.advance(3 * HOUR)
      await job.run(clock.now())
      const page = await getPublishedArticle(deps, scheduled.slug)
      assert.equal(page?.article.status, 'published')
      assert.equal(page?.article.publishedAt?.toISOString(), publishAt.toISOString())
      assert.equal(page?.article.publishAt, null)
      assert.ok(await newsDocument(scheduled.id))
      const history = await listAuditFor(database.db, 'news_article', scheduled.id)
      assert.deepEqual(
        history.map((e) => [e.action, e.actorLabel]),
        [
          ['create', 'bientap.town'],
          ['auto_publish', 'system'],
        ],
      )
      // A second run finds nothing more to do.
      assert.equal(await publishDueArticles(deps), 0)
      // Rescheduling a scheduled article, and taking it down before its time, both work.
      const later = await createArticle(deps, editor, content({ title: 'Hẹn đăng', status: 'scheduled', publishAt: '2026-12-01T07:00' }))
      const moved = await scheduleArticle(deps, editor, later.id, '2026-12-02T07:00')
      assert.equal(moved.publishAt?.toISOString(), '2026-12-02T00:00:00.000Z')
      await rejectsWith(scheduleArticle(deps, editor, later.id, '2020-01-01T07:00'), ValidationError, { publishAt: 'news.errors.publishAtPast' })
      assert.equal((await unpublishArticle(deps, editor, later.id)).status, 'draft')
    })

    it('takes images checked by content, with caption and alt text, shown in the body and public only once the article is', async () => {
      const article = await createArticle(deps, editor, content({ title: 'Bài có ảnh' }))
      await rejectsWith(uploadImage(deps, editor, article.id, { bytes: png, caption: '', alt: ' ' }), ValidationError, { caption: 'news.errors.captionRequired', alt: 'news.errors.altRequired' })
      await rejectsWith(uploadImage(deps, editor, article.id, { bytes: Buffer.from('not an image'), caption: 'Chú thích', alt: 'Mô tả' }), ValidationError, { image: 'news.errors.image.notAnImage' })
      await rejectsWith(uploadImage(deps, editor, article.id, { bytes: null, caption: 'Chú thích', alt: 'Mô tả' }), ValidationError, { image: 'news.errors.imageRequired' })
      await rejectsWith(uploadImage(deps, editor, article.id, { bytes: png, truncated: true, caption: 'Chú thích', alt: 'Mô tả' }), ValidationError, { image: 'news.errors.image.tooLarge' })
      await rejectsWith(uploadImage(deps, wardModerator, article.id, { bytes: png, caption: 'Chú thích', alt: 'Mô tả' }), ForbiddenError)

      const image = await uploadImage(deps, editor, article.id, { bytes: png, caption: 'Quầy một cửa', alt: 'Cán bộ hướng dẫn người dân tại quầy' })
      assert.deepEqual([image.width, image.height, image.mime], [800, 600, 'image/png'])
      assert.equal((await listAuditFor(database.db, 'news_image', image.id))[0]?.action, 'upload')

      // Not yet public: the editor sees it, nobody else.
      assert.equal(await imageForViewer(deps, image.id, 'full', null), null)
      assert.equal(await imageForViewer(deps, image.id, 'full', wardModerator), null)
      const forEditor = await imageForViewer(deps, image.id, 'full', editor)
      assert.equal(forEditor?.isPublic, false)
      assert.doesNotMatch(forEditor?.bytes.toString('latin1') ?? '', /Secret Photographer/)

      const preview = await previewBody(deps, editor, article.id, `Mở đầu.\n\n![x](/tin-tuc/anh/${image.id}/full)`)
      assert.deepEqual(preview.fields, {})
      assert.match(preview.html, /<figcaption>Quầy một cửa<\/figcaption>/)

      const withImage = await updateArticle(deps, editor, article.id, { bodyMd: `Mở đầu.\n\n![x](/tin-tuc/anh/${image.id}/full)`, coverImageId: image.id, status: 'published' })
      assert.match(withImage.bodyHtml, new RegExp(`<figure class="news-figure"><img src="/tin-tuc/anh/${image.id}/full" alt="Cán bộ hướng dẫn người dân tại quầy" width="800" height="600" loading="lazy" /><figcaption>Quầy một cửa</figcaption></figure>`))
      assert.equal(withImage.coverImageId, image.id)
      const publicImage = await imageForViewer(deps, image.id, 'thumb', null)
      assert.equal(publicImage?.isPublic, true)
      assert.equal(publicImage?.mime, 'image/webp')

      // Another article may not show this article's image, nor take it as its cover.
      const other = await createArticle(deps, editor, content({ title: 'Bài khác' }))
      await rejectsWith(updateArticle(deps, editor, other.id, { bodyMd: `![x](/tin-tuc/anh/${image.id}/full)` }), ValidationError, { bodyMd: 'news.errors.bodyUnknownImage' })
      await rejectsWith(updateArticle(deps, editor, other.id, { coverImageId: image.id }), ValidationError, { coverImageId: 'news.errors.cover' })
    })

    it('lists published news by category, newest first, and gives the search index every published article', async () => {
      const all = await listPublished(deps, { pageSize: 50 })
      assert.ok(all.items.length > 0 && all.items.every((a) => a.status === 'published'))
      const times = all.items.map((a) => a.publishedAt?.getTime() ?? 0)
      assert.deepEqual(times, [...times].sort((a, b) => b - a))
      const category = await listPublished(deps, { category: 'cai-cach-hanh-chinh' })
      assert.ok(category.items.every((a) => a.category === 'cai-cach-hanh-chinh'))
      await rejectsWith(listPublished(deps, { category: 'khong-co' }), NotFoundError)
      const documents = await searchDocuments(database.db)
      assert.deepEqual(documents.map((d) => d.key).sort(), all.items.map((a) => String(a.id)).sort())
      assert.ok(documents.every((d) => d.type === 'news' && d.url.startsWith('/tin-tuc/')))
    })
  })
}
