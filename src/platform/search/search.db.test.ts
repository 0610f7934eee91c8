/**
 * The search index against real databases: the same fixture gives the same results in the same
 * order on SQLite and PostgreSQL; AND over terms, the last one as a prefix; ranking; paging; type
 * filter; removal; reindexing replaces postings; a whole type rebuilt; and at scale, exact answers
 * up to the postings a query scores, then the best postings of a term too common to score whole.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { countDocuments, indexDocument, normalizeText, parseQuery, removeDocument, replaceDocuments, search, tokenize, matchesTerm } from './search.ts'
import type { SearchDocument, SearchResult } from './search.ts'

const at = (iso: string) => new Date(iso)

// Our own sample texts, in the shape features hand them over.
const FIXTURE: readonly SearchDocument[] = [
  {
    type: 'news',
    key: 'hoi-nghi-tan-uyen',
    title: 'Thị xã Tân Uyên tổng kết cải cách hành chính',
    url: '/tin-tuc/thoi-su/hoi-nghi-tan-uyen',
    body: 'Ngày 5/1, Ủy ban nhân dân thị xã Tân Uyên tổ chức hội nghị tổng kết. Bộ phận một cửa đã tiếp nhận hơn mười nghìn hồ sơ đăng ký.',
    publishedAt: at('2026-01-05T02:00:00Z'),
  },
  {
    type: 'news',
    key: 'dang-uy-phuong',
    title: 'Đảng ủy phường Uyên Hưng học tập nghị quyết',
    url: '/tin-tuc/thoi-su/dang-uy-phuong',
    body: 'Đảng bộ phường Uyên Hưng tổ chức học tập, quán triệt nghị quyết. Các chi bộ khu phố Tân Phước, Tân Hiệp tham dự đầy đủ.',
    publishedAt: at('2026-02-01T02:00:00Z'),
  },
  {
    type: 'news',
    key: 've-sinh-moi-truong',
    title: 'Ra quân tổng vệ sinh môi trường',
    url: '/tin-tuc/moi-truong/ve-sinh-moi-truong',
    body: 'Đoàn thanh niên thị xã Tân Uyên cùng người dân dọn rác, khơi thông cống rãnh. Ban chỉ huy kêu gọi đăng ký tham gia vào cuối tuần.',
    publishedAt: at('2026-02-01T02:00:00Z'),
  },
  {
    type: 'procedure',
    key: '1.001193',
    title: 'Đăng ký khai sinh',
    url: '/thu-tuc/1.001193',
    body: 'Lĩnh vực: Hộ tịch. Tờ khai đăng ký khai sinh; giấy chứng sinh. Kết quả: Giấy khai sinh (bản chính).',
    publishedAt: null,
  },
  {
    type: 'procedure',
    key: '1.000894',
    title: 'ĐĂNG KÝ KẾT HÔN',
    url: '/thu-tuc/1.000894',
    body: 'Lĩnh vực: Hộ tịch. Hai bên nam, nữ cùng có mặt khi đăng ký kết hôn. Kết quả: Giấy chứng nhận kết hôn.',
    publishedAt: null,
  },
  {
    type: 'procedure',
    key: '2.000908',
    title: 'Chứng thực bản sao từ bản chính',
    url: '/thu-tuc/2.000908',
    body: 'Lĩnh vực: Chứng thực. Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao.',
    publishedAt: null,
  },
  {
    type: 'feedback',
    key: 'PA-260110-0001',
    title: 'Rác thải ùn ứ tại khu phố Tân Phước',
    url: '/phan-anh/PA-260110-0001',
    body: 'Điểm tập kết rác tràn ra lòng đường. Trả lời: Ủy ban nhân dân phường đã chỉ đạo thu gom trong ngày.',
    publishedAt: at('2026-01-12T09:00:00Z'),
  },
  {
    type: 'feedback',
    key: 'PA-260111-0002',
    title: 'Đèn đường hỏng trên đường Tân Uyên',
    url: '/phan-anh/PA-260111-0002',
    body: 'Nhiều bóng đèn đường không sáng. Trả lời: Đã thay bóng đèn mới, đề nghị người dân tiếp tục theo dõi.',
    publishedAt: at('2026-01-12T09:00:00Z'),
  },
]

/** Queries whose whole answer must be the same on every engine. */
const QUERIES = ['tan uyen', 'dang', 'ĐĂNG KÝ', 'dang ky ket', 'khai si', 'uyen hung', 'ban chinh', 'tan', 'rac', 'nghi quyet hoc']

/** The keys of a result, in order. */
const keysOf = (result: SearchResult) => result.results.map((r) => r.key)

/** Every document of a list that holds every term of a query: the plain reading of AND. */
function expectedKeys(documents: readonly SearchDocument[], q: string, type?: string): string[] {
  const { terms } = parseQuery(q)
  return documents
    .filter((d) => !type || d.type === type)
    .filter((d) => {
      const words = tokenize(normalizeText(`${d.title} ${d.body}`)).map((t) => t.term)
      return terms.every((term) => words.some((w) => matchesTerm(w, term)))
    })
    .map((d) => d.key)
}

const answersByDialect = new Map<string, unknown>()

for (const dialect of testDialects) {
  describe(`search index on ${dialect.name}`, () => {
    let database: TestDatabase
    before(async () => {
      database = await dialect.open()
      for (const doc of FIXTURE) await indexDocument(database.db, doc)
    })
    after(() => database.close())

    it('finds words without diacritics or case: "tan uyen" → Tân Uyên, "dang" → Đảng, "ĐĂNG KÝ" → đăng ký', async () => {
      const tanUyen = await search(database.db, { q: 'tan uyen', pageSize: 50 })
      assert.deepEqual(keysOf(tanUyen).sort(), expectedKeys(FIXTURE, 'tan uyen').sort())
      assert.ok(keysOf(tanUyen).includes('hoi-nghi-tan-uyen'))
      const dang = await search(database.db, { q: 'dang ', pageSize: 50 })
      assert.ok(keysOf(dang).includes('dang-uy-phuong'))
      const dangKy = await search(database.db, { q: 'ĐĂNG KÝ', pageSize: 50 })
      assert.deepEqual(keysOf(dangKy).sort(), ['1.000894', '1.001193', 'hoi-nghi-tan-uyen', 've-sinh-moi-truong'])
    })

    it('wants every word (AND), and the last word also as a prefix', async () => {
      for (const q of QUERIES) {
        const result = await search(database.db, { q, pageSize: 50 })
        assert.deepEqual(keysOf(result).sort(), expectedKeys(FIXTURE, q).sort(), q)
        assert.equal(result.total, result.results.length, q)
      }
      assert.deepEqual(keysOf(await search(database.db, { q: 'khai si' })), ['1.001193'])
      // Only the last word is a prefix.
      assert.equal((await search(database.db, { q: 'kha sinh' })).total, 0)
      assert.equal((await search(database.db, { q: 'khai si ' })).total, 0)
      assert.equal((await search(database.db, { q: 'tan uyen khongcodau' })).total, 0)
    })

    it('ranks the title above the body, a phrase in the title above separate words, then the newest, then the first indexed', async () => {
      const result = await search(database.db, { q: 'tan uyen ', pageSize: 50 })
      // The phrase in two titles of about the same length: equal scores, the newer first; then a
      // title with one of the words; then bodies only.
      assert.deepEqual(keysOf(result).slice(0, 3), ['PA-260111-0002', 'hoi-nghi-tan-uyen', 'dang-uy-phuong'])
      assert.equal(result.results[0]!.score, result.results[1]!.score)
      const scores = result.results.map((r) => r.score)
      assert.deepEqual(scores, [...scores].sort((a, b) => b - a))
      assert.ok(scores.every((s) => Number.isInteger(s)))

      // Equal scores: the newer first, then undated ones in the order they were indexed.
      const legal = await search(database.db, { q: 'ho tich', pageSize: 50 })
      assert.deepEqual(keysOf(legal), ['1.001193', '1.000894'])
      assert.equal(legal.results[0]!.score, legal.results[1]!.score)
      const sameDay = await search(database.db, { q: 'tra loi', pageSize: 50 })
      assert.deepEqual(keysOf(sameDay), ['PA-260110-0001', 'PA-260111-0002'])
    })

    it('gives the type, title, url, a snippet of the body with exact highlights, and the title highlights', async () => {
      const [hit] = (await search(database.db, { q: 'dang uy', type: 'news' })).results
      assert.ok(hit)
      assert.equal(hit.type, 'news')
      assert.equal(hit.url, '/tin-tuc/thoi-su/dang-uy-phuong')
      assert.equal(hit.title, 'Đảng ủy phường Uyên Hưng học tập nghị quyết')
      assert.deepEqual(
        hit.titleHighlights.map(([s, e]) => hit.title.slice(s, e)),
        ['Đảng', 'ủy', 'Uyên'],
      )
      assert.ok(hit.snippet.startsWith('Đảng bộ phường'))
      assert.deepEqual(
        hit.highlights.map(([s, e]) => hit.snippet.slice(s, e)),
        ['Đảng', 'Uyên'],
      )
    })

    it('filters by type', async () => {
      const procedures = await search(database.db, { q: 'dang ky', type: 'procedure', pageSize: 50 })
      assert.deepEqual(keysOf(procedures).sort(), ['1.000894', '1.001193'])
      const two = await search(database.db, { q: 'tan', type: ['news', 'feedback'], pageSize: 50 })
      assert.deepEqual(keysOf(two).sort(), expectedKeys(FIXTURE, 'tan').filter((k) => !k.startsWith('1.') && !k.startsWith('2.')).sort())
    })

    it('pages through the same ranking, with the total on every page', async () => {
      const all = await search(database.db, { q: 'tan', pageSize: 50 })
      assert.ok(all.total >= 5)
      const pages: string[] = []
      for (let page = 1; page <= Math.ceil(all.total / 2); page++) {
        const result = await search(database.db, { q: 'tan', page, pageSize: 2 })
        assert.equal(result.total, all.total)
        pages.push(...keysOf(result))
      }
      assert.deepEqual(pages, keysOf(all))
      const beyond = await search(database.db, { q: 'tan', page: 99, pageSize: 2 })
      assert.deepEqual(beyond, { total: all.total, results: [], isTooShort: false })
    })

    it('says a query is too short instead of searching', async () => {
      assert.deepEqual(await search(database.db, { q: ' a ' }), { total: 0, results: [], isTooShort: true })
      assert.deepEqual(await search(database.db, { q: '' }), { total: 0, results: [], isTooShort: true })
    })

    it('gives the same answers, in the same order, as every other engine', async () => {
      const answers = []
      for (const q of QUERIES) answers.push({ q, ...(await search(database.db, { q, pageSize: 50 })) })
      for (const q of QUERIES) answers.push({ q, type: 'news', page: 2, ...(await search(database.db, { q, type: 'news', page: 2, pageSize: 1 })) })
      answersByDialect.set(dialect.name, JSON.parse(JSON.stringify(answers)))
      const other = [...answersByDialect.entries()].find(([name]) => name !== dialect.name)
      if (other) assert.deepEqual(answersByDialect.get(dialect.name), other[1], `${dialect.name} differs from ${other[0]}`)
    })

    it('replaces a document and its postings when it is indexed again', async () => {
      const doc: SearchDocument = { type: 'news', key: 'doi-ten', title: 'Khánh thành cầu Bạch Đằng', url: '/tin-tuc/a/doi-ten', body: 'Cầu mới nối hai bờ sông.', publishedAt: null }
      await indexDocument(database.db, doc)
      assert.equal((await search(database.db, { q: 'bach dang' })).total, 1)
      await indexDocument(database.db, { ...doc, title: 'Khởi công trường mầm non Hoa Sen', body: 'Trường có mười hai phòng học.', url: '/tin-tuc/a/doi-ten-2' })
      assert.equal((await search(database.db, { q: 'bach dang' })).total, 0)
      const [hit] = (await search(database.db, { q: 'hoa sen' })).results
      assert.equal(hit?.url, '/tin-tuc/a/doi-ten-2')
      const row = await database.db.selectFrom('search_documents').select('id').where('doc_key', '=', 'doi-ten').executeTakeFirstOrThrow()
      const terms = await database.db.selectFrom('search_postings').select('term').where('document_id', '=', row.id).orderBy('term').execute()
      assert.deepEqual(
        terms.map((r) => r.term),
        ['co', 'cong', 'hai', 'hoa', 'hoc', 'khoi', 'mam', 'muoi', 'non', 'phong', 'sen', 'truong'],
      )
    })

    it('removes a document and its postings, and ignores removing one that is not there', async () => {
      await removeDocument(database.db, 'news', 'doi-ten')
      await removeDocument(database.db, 'news', 'doi-ten')
      assert.equal((await search(database.db, { q: 'hoa sen' })).total, 0)
      const orphans = await database.db
        .selectFrom('search_postings as p')
        .leftJoin('search_documents as d', 'd.id', 'p.document_id')
        .select('p.term')
        .where('d.id', 'is', null)
        .execute()
      assert.deepEqual(orphans, [])
    })

    it('rebuilds one type inside a transaction, leaving the others alone', async () => {
      const before = await countDocuments(database.db)
      assert.equal((await search(database.db, { q: 'nam nu' })).total, 1)
      const progress: string[] = []
      const rebuilt = [{ ...FIXTURE[3]!, title: 'Đăng ký khai sinh lưu động' }, FIXTURE[5]!]
      await database.db.transaction().execute((trx) => replaceDocuments(trx, 'procedure', rebuilt, (done, total) => progress.push(`${done}/${total}`)))
      assert.deepEqual(progress, ['0/2', '2/2'])
      assert.deepEqual(await countDocuments(database.db), { ...before, procedure: 2 })
      assert.deepEqual(keysOf(await search(database.db, { q: 'luu dong' })), ['1.001193'])
      assert.equal((await search(database.db, { q: 'nam nu' })).total, 0)
      assert.ok((await search(database.db, { q: 'tan uyen' })).total > 0)
      // Put the fixture back for any test that runs after.
      await database.db.transaction().execute((trx) => replaceDocuments(trx, 'procedure', FIXTURE.filter((d) => d.type === 'procedure')))
    })
  })

  describe(`search index at scale on ${dialect.name}`, () => {
    let database: TestDatabase
    const COUNT = 12_000
    // Every document has "chung"; one in ten "hiem"; one in five "tu"; one in a thousand "doc" in its title.
    const documents: SearchDocument[] = Array.from({ length: COUNT }, (_, i) => ({
      type: i % 2 === 0 ? 'news' : 'procedure',
      key: `k${i}`,
      title: i % 1000 === 7 ? `Tin độc ${i}` : `Tin ${i}`,
      url: `/x/${i}`,
      body: ['chung', i % 10 === 0 ? 'hiếm' : '', i % 5 === 0 ? 'tư' : '', i % 11 === 0 ? 'chung chung' : ''].join(' '),
      publishedAt: i % 3 === 0 ? null : new Date(Date.UTC(2026, 0, 1) + (i % 97) * 3_600_000),
    }))
    before(async () => {
      database = await dialect.open()
      await database.db.transaction().execute((trx) => replaceDocuments(trx, 'news', documents.filter((d) => d.type === 'news')))
      await database.db.transaction().execute((trx) => replaceDocuments(trx, 'procedure', documents.filter((d) => d.type === 'procedure')))
    })
    after(() => database.close())

    it('intersects large posting lists exactly, up to the postings a query scores', async () => {
      // "hiem" (1,200 candidates) against "chung" (12,000): "chung" looked up for each candidate.
      const common = await search(database.db, { q: 'hiem chung ', pageSize: 50 })
      assert.equal(common.total, expectedKeys(documents, 'hiem chung ').length)
      assert.equal(common.total, COUNT / 10)
      // "tu" (2,400) against "hiem" (1,200): the rarer gives the candidates, whatever the order typed.
      assert.equal((await search(database.db, { q: 'tu hiem ', pageSize: 50 })).total, COUNT / 10)
      // A prefix stands for the words it begins, as candidates or looked up for each of them.
      assert.equal((await search(database.db, { q: 'chung hie', pageSize: 50 })).total, COUNT / 10)
      assert.equal((await search(database.db, { q: 'hiem ch', pageSize: 50 })).total, COUNT / 10)
      assert.equal((await search(database.db, { q: 'doc chung', pageSize: 50 })).total, COUNT / 1000)
      assert.equal((await search(database.db, { q: 'chung', type: 'procedure', pageSize: 50 })).total, COUNT / 2)
      // "chung chung" counts twice; all 12,000 postings of "chung" are scored, with the type looked up.
      const ranked = (await search(database.db, { q: 'chung', pageSize: 50 })).results
      assert.ok(ranked.every((r) => Number(r.key.slice(1)) % 11 === 0))
    })

    it('scores only the best postings of a term too common to score whole: those weighing most, then the newest documents', async () => {
      // "tin" is in every title and "chung" in every body, and "ch" stands for "chung": with two
      // lookups per candidate, half of the 12,000 postings of "chung" are scored.
      const idOf = (i: number) => (i % 2 === 0 ? i / 2 + 1 : COUNT / 2 + (i - 1) / 2 + 1)
      const twice = documents.map((_, i) => i).filter((i) => i % 11 === 0)
      const newestOnce = documents
        .map((_, i) => i)
        .filter((i) => i % 11 !== 0)
        .sort((a, b) => idOf(b) - idOf(a))
        .slice(0, COUNT / 2 - twice.length)
      const scored = new Set([...twice, ...newestOnce].map((i) => `k${i}`))
      const first = await search(database.db, { q: 'tin chung ch', pageSize: 50 })
      assert.equal(first.total, COUNT / 2)
      // "chung" twice weighs most: those come first, all of them scored.
      assert.ok(first.results.every((r) => Number(r.key.slice(1)) % 11 === 0))
      // The rest of what was scored are the newest documents with "chung" once.
      const last = await search(database.db, { q: 'tin chung ch', page: COUNT / 2 / 50, pageSize: 50 })
      assert.equal(last.results.length, 50)
      assert.ok(last.results.every((r) => scored.has(r.key) && Number(r.key.slice(1)) % 11 !== 0))
      assert.equal((await search(database.db, { q: 'tin chung ch', page: COUNT / 2 / 50 + 1, pageSize: 50 })).results.length, 0)
      // A term common enough is scored whole when there is little else to look up.
      assert.equal((await search(database.db, { q: 'tin chung', pageSize: 50 })).total, COUNT)
    })

    it('orders equal scores by the newest publication, undated last, then by id', async () => {
      const all: string[] = []
      for (let page = 1; page <= COUNT / 1000; page++) all.push(...(await search(database.db, { q: 'doc', page, pageSize: 1 })).results.map((r) => r.key))
      const expected = documents
        .map((d, id) => ({ d, id }))
        .filter(({ d }) => d.title.startsWith('Tin độc'))
        .sort((a, b) => (b.d.publishedAt?.getTime() ?? -Infinity) - (a.d.publishedAt?.getTime() ?? -Infinity) || a.id - b.id)
        .map(({ d }) => d.key)
      assert.deepEqual(all, expected)
    })
  })
}
