/**
 * The news feeds (RSS 2.0 and Atom, of all news and of each category) made with the `feed`
 * package, and the sitemap of the public site. Titles and leads are plain text: Atom marks its
 * text as HTML, so they are escaped as HTML first; the body is the sanitised HTML of the article.
 * Characters XML forbids are removed from every value, so a pasted control character cannot make
 * a feed unreadable.
 */
import { Feed } from 'feed'

/** One article of a feed. */
export interface FeedEntry {
  readonly title: string
  /** Absolute address of the article: its link and its id. */
  readonly url: string
  readonly lead: string
  /** Sanitised HTML of the body. */
  readonly bodyHtml: string
  readonly category: string
  readonly publishedAt: Date
  readonly updatedAt: Date
}

/** The feed's own details. */
export interface FeedChannel {
  readonly title: string
  readonly description: string
  /** Absolute address of the list the feed follows. */
  readonly link: string
  /** Absolute addresses of the feed in each format. */
  readonly rssUrl: string
  readonly atomUrl: string
  /** "vi" or "en". */
  readonly language: string
  readonly copyright: string
  /** When the newest entry changed; used as the feed's own update time. */
  readonly updated: Date
}

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g

/** Text without the characters XML 1.0 forbids. */
function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '')
}

/** Plain text escaped for a place that is read as HTML. */
function asHtml(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** Text escaped for XML elements and attributes. */
export function xmlText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

/** The feed in one format. */
export function renderFeed(format: 'rss' | 'atom', channel: FeedChannel, entries: readonly FeedEntry[]): string {
  const feed = new Feed({
    id: channel.link,
    title: xmlSafe(channel.title),
    description: xmlSafe(channel.description),
    link: channel.link,
    language: channel.language,
    updated: channel.updated,
    copyright: xmlSafe(channel.copyright),
    generator: false,
    feedLinks: { rss: channel.rssUrl, atom: channel.atomUrl },
  })
  for (const entry of entries) {
    feed.addItem({
      // Atom says its titles are HTML; RSS readers take them as text.
      title: format === 'atom' ? asHtml(entry.title) : xmlSafe(entry.title),
      id: entry.url,
      link: entry.url,
      date: entry.updatedAt,
      published: entry.publishedAt,
      description: asHtml(entry.lead),
      content: xmlSafe(entry.bodyHtml),
      category: [{ name: xmlSafe(entry.category) }],
    })
  }
  return format === 'rss' ? feed.rss2() : feed.atom1()
}

/** One address of the sitemap. */
export interface SitemapEntry {
  /** Absolute address. */
  readonly loc: string
  readonly lastModified: Date | null
}

/** The sitemap (sitemaps.org protocol 0.9). */
export function renderSitemap(entries: readonly SitemapEntry[]): string {
  const urls = entries.map((e) => `  <url>\n    <loc>${xmlText(e.loc)}</loc>\n${e.lastModified ? `    <lastmod>${e.lastModified.toISOString()}</lastmod>\n` : ''}  </url>\n`)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('')}</urlset>\n`
}
