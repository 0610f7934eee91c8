/** Kysely table interfaces of news articles and their comments. */
import type { Generated } from 'kysely'

type Instant = string | Date

/** Row of `news_articles`. */
export interface NewsArticlesTable {
  id: Generated<number>
  unit_id: number
  slug: string
  title: string
  lead: string
  body_md: string
  body_html: string
  category: string
  source: string | null
  author_id: number | null
  author_initials: string | null
  status: string
  publish_at: Instant | null
  published_at: Instant | null
  cover_image_id: number | null
  comments_enabled: Generated<number>
  created_at: Instant
  updated_at: Instant
}

/** Row of `news_tags`. */
export interface NewsTagsTable {
  article_id: number
  tag: string
  folded: string
}

/** Row of `news_images`. */
export interface NewsImagesTable {
  id: Generated<number>
  article_id: number | null
  file_key: string
  thumb_key: string
  mime: string
  width: number
  height: number
  caption: string | null
  alt: string
  uploaded_by: number | null
  created_at: Instant
}

/** Row of `news_related`: a precomputed related article. */
export interface NewsRelatedTable {
  article_id: number
  related_id: number
  position: number
  score: number
}

/** Row of `news_comments`. */
export interface NewsCommentsTable {
  id: Generated<number>
  article_id: number
  parent_id: number | null
  author_name: string
  author_email: string | null
  body: string
  status: string
  is_official: Generated<number>
  staff_id: number | null
  flagged_words: string | null
  created_at: Instant
  moderated_at: Instant | null
  moderated_by: number | null
}
