/** News's public face: registration of its pages and API, and the use cases others may call. */
import type { App, FeatureDeps } from '../../app.ts'
import type { Db } from '../../db/database.ts'
import { mergeCatalogues } from '../../platform/i18n/i18n.ts'
import type { SearchDocument } from '../../platform/search/search.ts'
import { registerCommentApi } from './comment.api.ts'
import { commentMessages } from './comment.messages.ts'
import { registerCommentPages } from './comment.pages.tsx'
import { createCommentCaptcha } from './comment.service.ts'
import { registerNewsApi } from './news.api.ts'
import { messages as newsMessages } from './news.messages.ts'
import { registerNewsPages } from './news.pages.tsx'
import { newsSearchDocuments } from './news.service.ts'

export { newsJobs } from './news.jobs.ts'
export { latestArticles, NEWS_SEARCH_TYPE, publishDueArticles, recomputeAllRelated } from './news.service.ts'
export type { ArticleRecord } from './news.repository.ts'
export { articlePath, formatArticleDateTime, imagePath, NEWS_CATEGORIES } from './news.ts'

/** Every catalogue of the news feature, merged. */
export const messages = mergeCatalogues([newsMessages, commentMessages])

/** Every published article as a document of the site search index, for rebuilding it. */
export function searchDocuments(db: Db): Promise<SearchDocument[]> {
  return newsSearchDocuments(db)
}

/** Registers the news pages and API. */
export async function register(app: App, deps: FeatureDeps): Promise<void> {
  registerNewsApi(app, deps)
  registerNewsPages(app, deps)
  registerCommentApi(app, { ...deps, captcha: createCommentCaptcha(deps) })
  registerCommentPages(app, deps)
}
