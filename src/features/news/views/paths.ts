/**
 * Addresses of the news pages and feeds, in one place so that views, handlers and tests agree.
 * Public pages live under /tin-tuc; the editor follows the other staff pages under /admin.
 */
import { NEWS_PATH } from '../news.ts'

export { articlePath, categoryPath, IMAGE_PATH, imagePath, NEWS_PATH } from '../news.ts'

/** The file names of the feeds, under /tin-tuc and under each category. */
export const RSS_FILE = 'rss.xml'
export const ATOM_FILE = 'feed.atom'

/** The RSS 2.0 feed of all news, or of one category. */
export function rssPath(category?: string): string {
  return category ? `${NEWS_PATH}/${category}/${RSS_FILE}` : `${NEWS_PATH}/${RSS_FILE}`
}

/** The Atom feed of all news, or of one category. */
export function atomPath(category?: string): string {
  return category ? `${NEWS_PATH}/${category}/${ATOM_FILE}` : `${NEWS_PATH}/${ATOM_FILE}`
}

/** The sitemap of the public site. */
export const SITEMAP_PATH = '/sitemap.xml'

/** The staff list of articles. */
export const STAFF_PATH = '/admin/tin-tuc'
/** The form of a new article. */
export const NEW_PATH = `${STAFF_PATH}/moi`
/** Where the editor's preview button posts the form. */
export const PREVIEW_PATH = `${STAFF_PATH}/xem-truoc`

/** The editor of one article. */
export function editPath(id: number): string {
  return `${STAFF_PATH}/${id}`
}

/** Where an article's image upload form posts. */
export function imageUploadPath(id: number): string {
  return `${STAFF_PATH}/${id}/anh`
}

/** Where an article's delete button posts. */
export function deletePath(id: number): string {
  return `${STAFF_PATH}/${id}/xoa`
}

/** A list page's address: page 1 is the bare address, so it has one canonical form. */
export function listHref(base: string, page: number): string {
  return page > 1 ? `${base}?page=${page}` : base
}
