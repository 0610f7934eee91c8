/**
 * News (tin tức) as pure rules: categories, slugs made from Vietnamese titles, tags, the status of
 * an article (draft, scheduled, published) and its transitions, the Vietnamese date-time line of an
 * article ("Chủ nhật, 05/07/2020 09:47"), author initials, and the scoring that picks related
 * articles. Nothing here touches the database or the clock.
 */

import { fold, tokenize } from '../../platform/search/search.ts'

/** Statuses of an article. */
export const ARTICLE_STATUSES = ['draft', 'scheduled', 'published'] as const
/** One of ARTICLE_STATUSES. */
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number]

/** Whether a string names a status. */
export function isArticleStatus(value: unknown): value is ArticleStatus {
  return typeof value === 'string' && (ARTICLE_STATUSES as readonly string[]).includes(value)
}

/** A category of news: its code is also the segment of its public address (/tin-tuc/<code>). */
export interface NewsCategory {
  readonly code: string
  /** Catalogue key of its name. */
  readonly nameKey: string
}

/** The categories, in the order the public pages list them. */
export const NEWS_CATEGORIES: readonly NewsCategory[] = [
  { code: 'chinh-quyen', nameKey: 'news.categories.chinh-quyen' },
  { code: 'cai-cach-hanh-chinh', nameKey: 'news.categories.cai-cach-hanh-chinh' },
  { code: 'do-thi-moi-truong', nameKey: 'news.categories.do-thi-moi-truong' },
  { code: 'doi-thoai-tiep-dan', nameKey: 'news.categories.doi-thoai-tiep-dan' },
  { code: 'van-hoa-xa-hoi', nameKey: 'news.categories.van-hoa-xa-hoi' },
  { code: 'thong-bao', nameKey: 'news.categories.thong-bao' },
]

/** The category of a code, or undefined. */
export function categoryByCode(code: string): NewsCategory | undefined {
  return NEWS_CATEGORIES.find((c) => c.code === code)
}

/** The public list of all news. */
export const NEWS_PATH = '/tin-tuc'
/** Uploaded images: /tin-tuc/anh/<id>/<full|thumb>. */
export const IMAGE_PATH = '/tin-tuc/anh'

/** The public address of a category's list. */
export function categoryPath(category: string): string {
  return `${NEWS_PATH}/${category}`
}

/** The public address of an article. */
export function articlePath(category: string, slug: string): string {
  return `${NEWS_PATH}/${category}/${slug}`
}

/** The address of an uploaded image in one size. */
export function imagePath(id: number, size: 'full' | 'thumb'): string {
  return `${IMAGE_PATH}/${id}/${size}`
}

/** Longest title, lead and body, in characters. */
export const LIMITS = Object.freeze({ title: 200, slug: 80, lead: 600, body: 100_000, source: 120, tag: 40, tags: 10, caption: 300, alt: 200 })

/** Slugs: lower-case ASCII letters and digits in words joined by single dashes. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/**
 * Slugs that would shadow a fixed address: /api/v1/news/articles, and the last segment of the
 * feeds under a category. A title that folds to one of them gets a suffix.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(['articles', 'rss', 'atom', 'anh', 'moi', 'xem-truoc'])

/**
 * The slug of a title: folded (no diacritics, đ → d, lower case), every run of other characters a
 * single dash, cut at a word boundary to LIMITS.slug characters. "Tân Uyên đẩy mạnh dịch vụ công"
 * → "tan-uyen-day-manh-dich-vu-cong". A title with no letter or digit gives "bai-viet".
 */
export function slugify(title: string): string {
  const words = fold(title.normalize('NFC'))
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
  let slug = ''
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`
    if (next.length > LIMITS.slug) break
    slug = next
  }
  // A single word longer than the limit is cut rather than lost.
  if (slug === '' && words[0]) slug = words[0].slice(0, LIMITS.slug)
  if (slug === '') return 'bai-viet'
  return RESERVED_SLUGS.has(slug) ? `${slug}-1` : slug
}

/**
 * The first slug of `base`, `base-2`, `base-3` … that `isTaken` does not claim; the suffix keeps
 * within LIMITS.slug by shortening the base.
 */
export function uniqueSlug(base: string, isTaken: (slug: string) => boolean): string {
  if (!isTaken(base)) return base
  for (let n = 2; ; n++) {
    const suffix = `-${n}`
    const candidate = `${base.slice(0, LIMITS.slug - suffix.length).replace(/-+$/, '')}${suffix}`
    if (!isTaken(candidate)) return candidate
  }
}

/** A tag as shown and as matched. */
export interface Tag {
  readonly tag: string
  readonly folded: string
}

/**
 * The tags of a comma-separated list ("Một cửa, chuyển đổi số"): trimmed, inner spaces collapsed,
 * empty ones dropped, duplicates (by their folded form) kept once, in the order typed.
 */
export function parseTags(text: string): Tag[] {
  const seen = new Set<string>()
  const tags: Tag[] = []
  for (const part of text.split(/[,;\n]/)) {
    const tag = part.replace(/\s+/g, ' ').trim()
    const folded = fold(tag.normalize('NFC')).replace(/\s+/g, ' ').trim()
    if (folded === '' || seen.has(folded)) continue
    seen.add(folded)
    tags.push({ tag, folded })
  }
  return tags
}

/** Initials of a person's name, as news sites sign articles: "Nguyễn Văn An" → "N.V.A". */
export function initialsOf(fullName: string): string {
  return fullName
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toLocaleUpperCase('vi'))
    .join('.')
}

// ---------- Status ----------

/** What a staff member may do to an article's status. */
export const STATUS_ACTIONS = ['publish', 'schedule', 'unpublish'] as const
/** One of STATUS_ACTIONS. */
export type StatusAction = (typeof STATUS_ACTIONS)[number]

/** The status an action leads to, or null when the action does not apply to the current status. */
export function nextStatus(current: ArticleStatus, action: StatusAction): ArticleStatus | null {
  switch (action) {
    case 'publish':
      return current === 'published' ? null : 'published'
    case 'schedule':
      // A published article is taken down first; rescheduling a scheduled one is allowed.
      return current === 'published' ? null : 'scheduled'
    case 'unpublish':
      return current === 'draft' ? null : 'draft'
  }
}

/** The actions that apply to an article in a status. */
export function allowedStatusActions(current: ArticleStatus): StatusAction[] {
  return STATUS_ACTIONS.filter((action) => nextStatus(current, action) !== null)
}

/** Whether a scheduled publication instant is acceptable: strictly in the future. */
export function isValidSchedule(publishAt: Date, now: Date): boolean {
  return Number.isFinite(publishAt.getTime()) && publishAt.getTime() > now.getTime()
}

/** Whether a scheduled article is due for publication. */
export function isDue(status: ArticleStatus, publishAt: Date | null, now: Date): boolean {
  return status === 'scheduled' && publishAt !== null && publishAt.getTime() <= now.getTime()
}

// ---------- Dates ----------

const VIETNAM_OFFSET_MS = 7 * 3_600_000

/** Weekday names from Sunday, in each language. */
const WEEKDAYS = {
  vi: ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
} as const

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * An instant as the article page shows it, in Vietnam time (UTC+7, no daylight saving):
 * "Chủ nhật, 05/07/2020 09:47" (English: "Sunday, 05/07/2020 09:47", day first as well).
 */
export function formatArticleDateTime(at: Date, locale: 'vi' | 'en' = 'vi'): string {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS)
  const weekday = WEEKDAYS[locale][local.getUTCDay()] ?? ''
  const date = `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`
  return `${weekday}, ${date} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`
}

/** The value of a datetime-local input for an instant, in Vietnam time ("2026-03-02T09:00"). */
export function dateTimeLocalValue(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 16)
}

/**
 * The instant of a Vietnam-time "YYYY-MM-DDTHH:MM" (seconds allowed), as a datetime-local input
 * sends it; an ISO instant with a zone ("…Z", "+07:00") is taken as it says. Null when unreadable.
 */
export function parseVietnamDateTime(text: string): Date | null {
  const trimmed = text.trim()
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(trimmed)
  if (local) {
    const [, y, mo, d, h, mi, s] = local.map(Number) as [number, number, number, number, number, number, number]
    const utc = Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s) - VIETNAM_OFFSET_MS
    const back = new Date(utc + VIETNAM_OFFSET_MS)
    // 2026-02-30 rolls over in Date.UTC; refuse it rather than publish on another day.
    if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return null
    return new Date(utc)
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(trimmed)) {
    const date = new Date(trimmed)
    return Number.isFinite(date.getTime()) ? date : null
  }
  return null
}

// ---------- Related articles ----------

/** What the scoring knows of an article. */
export interface RelatedCandidate {
  readonly id: number
  readonly category: string
  /** Folded tags. */
  readonly tags: readonly string[]
  /** Folded terms of the title and lead (see textTerms). */
  readonly terms: ReadonlySet<string>
  readonly publishedAt: Date | null
}

/** Fewest and most related articles listed under an article. */
export const MIN_RELATED = 3
export const MAX_RELATED = 6

/** Points per shared tag, for the same category, per shared word pair, per shared word, and the cap of the text part. */
export const RELATED_WEIGHTS = Object.freeze({ tag: 6, category: 3, bigram: 2, word: 1, textCap: 12 })

// Vietnamese words so common in news that sharing them says nothing. Matched with their
// diacritics, before folding: folded, "của" (of) and "cửa" (door, as in "một cửa") are one word.
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'và của các những là để trong cho với được tại năm ngày tháng một có không người đã sẽ về từ theo này đó khi đến ' +
    'như cũng trên dưới sau trước ra vào lại còn rất nhiều hơn bị bởi nếu thì mà nên hay hoặc từng mỗi gì ai ' +
    'đang tiến hành thực hiện nhằm việc công tác kết quả đồng thời qua gần tổng số lần đợt'
  ).split(' '),
)

/**
 * The terms of a text for similarity: its folded words of two characters or more that are not
 * stop words, plus each pair of neighbouring words ("mot cua"), since Vietnamese words are mostly
 * two syllables and a pair says much more than a syllable.
 */
export function textTerms(text: string): Set<string> {
  const normal = text.normalize('NFC')
  // Folding keeps offsets, so each folded word can be looked up as written.
  const words = tokenize(normal).map((t) => ({ term: t.term, isStop: STOP_WORDS.has(normal.slice(t.start, t.end).toLocaleLowerCase('vi')) }))
  const terms = new Set<string>()
  for (const [i, word] of words.entries()) {
    if (word.term.length >= 2 && !word.isStop) terms.add(word.term)
    const next = words[i + 1]
    if (next !== undefined && !(word.isStop && next.isStop)) terms.add(`${word.term} ${next.term}`)
  }
  return terms
}

/**
 * How related two articles are, in whole points (the same on every machine): per shared tag, for
 * the same category, and for shared words and word pairs of their titles and leads (capped, so
 * that long leads do not drown the tags).
 */
export function relatedScore(a: RelatedCandidate, b: RelatedCandidate): number {
  const tags = new Set(a.tags)
  const sharedTags = new Set(b.tags.filter((t) => tags.has(t))).size
  let text = 0
  for (const term of a.terms) {
    if (!b.terms.has(term)) continue
    text += term.includes(' ') ? RELATED_WEIGHTS.bigram : RELATED_WEIGHTS.word
  }
  return sharedTags * RELATED_WEIGHTS.tag + (a.category === b.category ? RELATED_WEIGHTS.category : 0) + Math.min(text, RELATED_WEIGHTS.textCap)
}

/** A related article picked for another, with its score. */
export interface RelatedPick {
  readonly id: number
  readonly score: number
}

/**
 * The related articles of `article` among `candidates`: never itself; ranked by score, then the
 * newer first, then the smaller id (so the same data always gives the same list); up to
 * MAX_RELATED of those that share something, topped up to MIN_RELATED with the best of the rest
 * (the newest) when fewer share anything.
 */
export function pickRelated(article: RelatedCandidate, candidates: readonly RelatedCandidate[]): RelatedPick[] {
  const ranked = candidates
    .filter((c) => c.id !== article.id)
    .map((c) => ({ id: c.id, score: relatedScore(article, c), at: c.publishedAt?.getTime() ?? 0 }))
    .sort((x, y) => y.score - x.score || y.at - x.at || x.id - y.id)
  const sharing = ranked.filter((r) => r.score > 0).slice(0, MAX_RELATED)
  const picked = sharing.length >= MIN_RELATED ? sharing : ranked.slice(0, MIN_RELATED)
  return picked.map((r) => ({ id: r.id, score: r.score }))
}
