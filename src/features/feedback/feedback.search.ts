/**
 * Answered public feedback in the site search: an item is in the index exactly while it is on the
 * public list (published, and publicly visible), with what its public page shows — never the
 * sender's contact details, internal notes or staff names.
 */
import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { Database } from '../../db/schema.ts'
import { createI18n, mergeCatalogues } from '../../platform/i18n/i18n.ts'
import { indexDocument, removeDocument } from '../../platform/search/search.ts'
import type { SearchDocument } from '../../platform/search/search.ts'
import { messages } from './feedback.messages.ts'
import { pageMessages } from './feedback.pages.messages.ts'
import * as repo from './feedback.repository.ts'
import type { FeedbackRecord } from './feedback.repository.ts'
import { categoryByCode, isPubliclyVisible } from './feedback.ts'
import { publicItemHref } from './views/paths.ts'

/** The search type of answered public feedback. */
export const FEEDBACK_SEARCH_TYPE = 'feedback'

// The index holds the Vietnamese text that the public pages show.
const t = createI18n(mergeCatalogues([messages, pageMessages])).translator('vi')

/** Whether an item is on the public list, and so in the index. */
function isListed(r: FeedbackRecord): boolean {
  return r.isPublished && isPubliclyVisible(r)
}

/** An item as the search index holds it: what its public page shows. */
export function searchDocumentOf(r: FeedbackRecord): SearchDocument {
  const category = categoryByCode(r.category)
  const title = r.title ?? t('feedback.pages.public.untitled', { category: category ? t(category.nameKey) : r.category, code: r.code })
  const body = [
    r.description,
    r.address ? `${t('feedback.pages.follow.address')}: ${r.address}.` : '',
    r.publicAnswer ? `${t('feedback.pages.public.answer')}: ${r.publicAnswer}` : '',
  ]
    .filter(Boolean)
    .join(' ')
  return { type: FEEDBACK_SEARCH_TYPE, key: r.code, title, url: publicItemHref(r.code), body, publishedAt: r.publishedAt ?? r.answeredAt }
}

/**
 * Brings an item's search document in line with the item as it now stands in `trx`: indexed while
 * it is on the public list, removed otherwise. Call it after the change, inside its transaction.
 */
export async function syncFeedbackSearch(trx: Transaction<Database>, itemId: number): Promise<void> {
  const record = await repo.findById(trx, itemId)
  if (record && isListed(record)) await indexDocument(trx, searchDocumentOf(record))
  else if (record) await removeDocument(trx, FEEDBACK_SEARCH_TYPE, record.code)
}

// Items read at a time when the whole index is rebuilt.
const REINDEX_PAGE = 500

/** Every item on the public list, as search documents (for rebuilding the index). */
export async function searchDocuments(db: Db): Promise<SearchDocument[]> {
  const documents: SearchDocument[] = []
  // In pages, so a province's worth of items does not become one enormous `in (…)`.
  for (let offset = 0; ; offset += REINDEX_PAGE) {
    const { ids } = await repo.findPublic(db, { scope: 'published', limit: REINDEX_PAGE, offset })
    const byId = new Map((await repo.findByIds(db, ids)).map((r) => [r.id, r]))
    for (const id of ids) {
      const record = byId.get(id)
      if (record && isListed(record)) documents.push(searchDocumentOf(record))
    }
    if (ids.length < REINDEX_PAGE) return documents
  }
}
