/**
 * News (tin tức): articles, tags, images, precomputed related articles and moderated comments;
 * and the site search index: one document per searchable thing, with its folded terms.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { flagColumn, idType, instantType, isPostgres, withId } from './kit.ts'

export async function up(db: Kysely<any>): Promise<void> {
  const ts = instantType(db)
  const ref = idType(db)

  await withId(db, db.schema.createTable('news_articles'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lead', 'text', (c) => c.notNull())
    .addColumn('body_md', 'text', (c) => c.notNull())
    // The Markdown rendered and sanitised when saved, so reading an article renders nothing.
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('author_id', ref, (c) => c.references('staff.id'))
    // Shown under the article, e.g. "N.V.A".
    .addColumn('author_initials', 'text')
    // draft, scheduled (publish_at in the future), published
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('publish_at', ts)
    .addColumn('published_at', ts)
    .addColumn('cover_image_id', ref)
    .addColumn('comments_enabled', 'integer', flagColumn(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('news_articles_published_idx').on('news_articles').columns(['status', 'published_at']).execute()
  await db.schema.createIndex('news_articles_category_idx').on('news_articles').columns(['category', 'status', 'published_at']).execute()
  await db.schema.createIndex('news_articles_publish_at_idx').on('news_articles').columns(['status', 'publish_at']).execute()

  await db.schema
    .createTable('news_tags')
    .addColumn('article_id', ref, (c) => c.notNull().references('news_articles.id').onDelete('cascade'))
    // The tag as shown ("Một cửa") and folded for matching ("mot cua").
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('folded', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('news_tags_pk', ['article_id', 'folded'])
    .execute()
  await db.schema.createIndex('news_tags_folded_idx').on('news_tags').columns(['folded', 'article_id']).execute()

  await withId(db, db.schema.createTable('news_images'))
    .addColumn('article_id', ref, (c) => c.references('news_articles.id').onDelete('set null'))
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('thumb_key', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('caption', 'text')
    .addColumn('alt', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', ref, (c) => c.references('staff.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('news_images_article_idx').on('news_images').columns(['article_id']).execute()

  await db.schema
    .createTable('news_related')
    .addColumn('article_id', ref, (c) => c.notNull().references('news_articles.id').onDelete('cascade'))
    .addColumn('related_id', ref, (c) => c.notNull().references('news_articles.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('news_related_pk', ['article_id', 'related_id'])
    .execute()

  await withId(db, db.schema.createTable('news_comments'))
    .addColumn('article_id', ref, (c) => c.notNull().references('news_articles.id').onDelete('cascade'))
    .addColumn('parent_id', ref, (c) => c.references('news_comments.id').onDelete('cascade'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    // Never shown; kept so a moderator can reply or recognise a trusted commenter.
    .addColumn('author_email', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    // pending, approved, rejected, spam
    .addColumn('status', 'text', (c) => c.notNull())
    // A reply by staff, marked as the authority's official answer.
    .addColumn('is_official', 'integer', flagColumn(0))
    .addColumn('staff_id', ref, (c) => c.references('staff.id'))
    .addColumn('flagged_words', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('moderated_at', ts)
    .addColumn('moderated_by', ref, (c) => c.references('staff.id'))
    .execute()
  await db.schema.createIndex('news_comments_article_idx').on('news_comments').columns(['article_id', 'status', 'created_at']).execute()
  await db.schema.createIndex('news_comments_status_idx').on('news_comments').columns(['status', 'created_at']).execute()

  await withId(db, db.schema.createTable('search_documents'))
    // news, procedure, feedback — and the key of the thing in its own table (slug, code).
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('doc_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    // Plain text with its diacritics, for snippets and highlighting.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('published_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('search_documents_key', ['doc_type', 'doc_key'])
    .execute()

  await db.schema
    .createTable('search_postings')
    // A folded term (lower case, no diacritics, đ → d) and how much it counts in the document.
    // Byte order on both engines, so a prefix is a range: term >= 'dang' and term < 'dang{'.
    .addColumn('term', 'text', (c) => (isPostgres(db) ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull()))
    .addColumn('document_id', ref, (c) => c.notNull().references('search_documents.id').onDelete('cascade'))
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_postings_pk', ['term', 'document_id'])
    .execute()
  await db.schema.createIndex('search_postings_document_idx').on('search_postings').columns(['document_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_postings').execute()
  await db.schema.dropTable('search_documents').execute()
  await db.schema.dropTable('news_comments').execute()
  await db.schema.dropTable('news_related').execute()
  await db.schema.dropTable('news_images').execute()
  await db.schema.dropTable('news_tags').execute()
  await db.schema.dropTable('news_articles').execute()
}
