/**
 * Data for the news scenarios: the demo town, then generated published articles (100,000 by
 * default, BENCH_ARTICLES to change) over the past three years with their tags, related lists and
 * search index entries. One article of the middle of the run gets a known address and a few
 * approved comments, as a read article has, for the article page scenario.
 */
import { sql } from 'kysely'
import type { Db } from '../../src/db/database.ts'
import { dialectOf, instant } from '../../src/db/portable.ts'
import { generateNews } from '../../src/features/news/news.bulk.ts'
import { NEWS_SEARCH_TYPE } from '../../src/features/news/news.service.ts'
import { articlePath } from '../../src/features/news/news.ts'
import { ensureTown } from './desk.ts'

/** The category and slug the article page scenario asks for. */
export const BENCH_ARTICLE_CATEGORY = 'cai-cach-hanh-chinh'
/** See BENCH_ARTICLE_CATEGORY; no generated title folds to it, so it names one article only. */
export const BENCH_ARTICLE_SLUG = 'bai-viet-mau-cai-cach-hanh-chinh'

/**
 * What the search scenario asks, typed without diacritics as most people type: words common in
 * news of administrative reform ("dịch vụ công trực tuyến"), so thousands of articles match.
 */
export const BENCH_SEARCH_QUERY = 'dich vu cong truc tuyen'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

/** How many articles to generate (the figure by default). */
export function articleCount(): number {
  const text = process.env.BENCH_ARTICLES ?? '100000'
  const count = Number(text)
  if (!Number.isInteger(count) || count < 1) throw new Error(`BENCH_ARTICLES must be a positive whole number, got "${text}"`)
  return count
}

/** Readers' comments on the article of the page scenario, and the authority's answer to the question among them. */
const COMMENTS = [
  { name: 'Nguyễn Thị Mai', body: 'Tôi đã nộp hồ sơ trực tuyến tuần trước, nhận kết quả tại nhà rất nhanh. Cảm ơn phường.' },
  { name: 'Trần Văn Bình', body: 'Xin hỏi người lớn tuổi không dùng điện thoại thông minh thì có được hỗ trợ tại bộ phận một cửa không?' },
  { name: 'Lê Hoàng Nam', body: 'Đề nghị niêm yết thêm hướng dẫn ở nhà văn hóa khu phố để bà con dễ theo dõi.' },
]
const OFFICIAL_REPLY = 'Chào ông Bình, bộ phận một cửa luôn có cán bộ hướng dẫn và nộp hồ sơ giúp người lớn tuổi trong giờ hành chính.'

/**
 * Generates the articles once per database (both scenarios call it), then gives the middle
 * article of one category the known slug and a few approved comments.
 */
export async function prepareNews(db: Db): Promise<void> {
  await ensureTown(db)
  const known = await db.selectFrom('news_articles').select('id').where('slug', '=', BENCH_ARTICLE_SLUG).executeTakeFirst()
  if (known) return
  const units = await db.selectFrom('units').select(['id', 'name']).where('level', 'in', ['town', 'ward', 'commune']).execute()
  const count = articleCount()
  const now = Date.now()
  const started = Date.now()
  await generateNews(
    db,
    { units: units.map((u) => ({ id: Number(u.id), name: u.name })) },
    {
      count,
      from: new Date(now - 3 * 365 * DAY_MS),
      to: new Date(now - DAY_MS),
      onProgress: (done, total) => {
        if (done === total || done % 20_000 === 0) process.stderr.write(`generated ${done}/${total} news articles (${Math.round((Date.now() - started) / 1000)} s)\n`)
      },
    },
  )
  const inCategory = await db.selectFrom('news_articles').select((eb) => eb.fn.countAll().as('n')).where('category', '=', BENCH_ARTICLE_CATEGORY).where('status', '=', 'published').executeTakeFirstOrThrow()
  const middle = await db
    .selectFrom('news_articles')
    .select(['id', 'published_at'])
    .where('category', '=', BENCH_ARTICLE_CATEGORY)
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .offset(Math.floor(Number(inCategory.n) / 2))
    .limit(1)
    .executeTakeFirstOrThrow()
  const id = Number(middle.id)
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('news_articles').set({ slug: BENCH_ARTICLE_SLUG }).where('id', '=', id).execute()
    await trx
      .updateTable('search_documents')
      .set({ url: articlePath(BENCH_ARTICLE_CATEGORY, BENCH_ARTICLE_SLUG) })
      .where('doc_type', '=', NEWS_SEARCH_TYPE)
      .where('doc_key', '=', String(id))
      .execute()
    const publishedAt = new Date(middle.published_at as string | Date).getTime()
    let questionId = 0
    for (const [i, comment] of COMMENTS.entries()) {
      const at = instant(new Date(publishedAt + (i + 1) * 3 * HOUR_MS))
      const { id: commentId } = await trx
        .insertInto('news_comments')
        .values({ article_id: id, parent_id: null, author_name: comment.name, author_email: `doc-gia-${i + 1}@example.vn`, body: comment.body, status: 'approved', flagged_words: null, created_at: at, moderated_at: at, moderated_by: null, staff_id: null })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (i === 1) questionId = Number(commentId)
    }
    const at = instant(new Date(publishedAt + 12 * HOUR_MS))
    await trx
      .insertInto('news_comments')
      .values({ article_id: id, parent_id: questionId, author_name: 'Ủy ban nhân dân phường', author_email: null, body: OFFICIAL_REPLY, status: 'approved', is_official: 1, flagged_words: null, created_at: at, moderated_at: at, moderated_by: null, staff_id: null })
      .execute()
  })
  // A server that starts on this data finds the write-ahead log folded into the database file; a
  // log left at tens of megabytes by the generation made every read consult it.
  if (dialectOf(db) === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db)
}
