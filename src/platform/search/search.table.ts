/** Kysely table interfaces of the site search index. */
import type { Generated } from 'kysely'

type Instant = string | Date

/** Row of `search_documents`: one searchable thing (an article, a procedure, an answered item). */
export interface SearchDocumentsTable {
  id: Generated<number>
  doc_type: string
  doc_key: string
  title: string
  url: string
  body: string
  published_at: Instant | null
  updated_at: Instant
}

/** Row of `search_postings`: a folded term of a document and its weight. */
export interface SearchPostingsTable {
  term: string
  document_id: number
  weight: number
}
