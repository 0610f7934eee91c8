/**
 * Addresses of the feedback pages, in one place so that views, handlers and tests agree. Public
 * pages live under /phan-anh; the staff pages follow the other staff pages under /admin.
 */
import { photoPath, staffItemPath, trackingPath } from '../feedback.ts'

/** The public list of answered public items. */
export const PUBLIC_PATH = '/phan-anh'
/** The submit form. */
export const SUBMIT_PATH = '/phan-anh/gui'
/** Where the submit form leads once the item is recorded (shows the code and the private link once). */
export const SUBMITTED_PATH = '/phan-anh/gui/da-gui'
/** The form to open an item by code and private link; the follow pages sit under it. */
export const FOLLOW_PATH = '/phan-anh/theo-doi'
/** The RSS 2.0 feed of the public list. */
export const RSS_PATH = '/phan-anh/rss.xml'
/** Photos: /phan-anh/anh/:photoId/:size. */
export const PHOTO_PATH = '/phan-anh/anh'
/** The staff queue. */
export const STAFF_PATH = '/admin/phan-anh'
/** The register of complaints and denunciations (leaders only). */
export const REGISTER_PATH = `${STAFF_PATH}/so-khieu-nai-to-cao`

/** The resident's follow page: the private link without the site's address. */
export function followHref(code: string, token: string): string {
  return `${trackingPath(code)}?t=${encodeURIComponent(token)}`
}

/** Where the follow page's forms post: /phan-anh/theo-doi/:code/danh-gia (rate) or …/xem-xet-lai (reopen), token kept. */
export function followActionHref(code: string, token: string, form: 'rate' | 'reopen'): string {
  return `${trackingPath(code)}/${form === 'rate' ? 'danh-gia' : 'xem-xet-lai'}?t=${encodeURIComponent(token)}`
}

/** The public page of one item. */
export function publicItemHref(code: string): string {
  return `${PUBLIC_PATH}/${encodeURIComponent(code)}`
}

/** The staff page of one item. */
export function staffItemHref(code: string): string {
  return staffItemPath(code)
}

/** A photo in one size; the private token rides along when the viewer came by the private link. */
export function photoHref(photoId: number, size: 'full' | 'thumb', token?: string | null): string {
  const path = photoPath(photoId, size)
  return token ? `${path}?t=${encodeURIComponent(token)}` : path
}
