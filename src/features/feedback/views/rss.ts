/**
 * The RSS 2.0 feed of the public list (/phan-anh/rss.xml), written as text: every value passes
 * through xmlText, so a resident's "<" or "&" stays text and the feed stays well-formed.
 */

/** One entry of the feed. */
export interface RssEntry {
  readonly title: string
  /** Absolute address of the item's public page; also its guid. */
  readonly link: string
  /** Plain text (the description and the answer); escaped here. */
  readonly description: string
  readonly category: string
  readonly publishedAt: Date
}

/** The feed's own details. */
export interface RssChannel {
  readonly title: string
  /** Absolute address of the public list. */
  readonly link: string
  /** Absolute address of the feed itself (atom:link rel="self"). */
  readonly selfLink: string
  readonly description: string
  /** "vi" or "en". */
  readonly language: string
  /** When the newest entry was published; now when there is none. */
  readonly lastBuildDate: Date
}

// Characters XML 1.0 does not allow at all; a pasted control character must not break the feed.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g

/** Text escaped for an XML element or attribute, with characters XML forbids removed. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

/** The feed as an XML document (RFC 822 dates, as RSS 2.0 requires). */
export function rssFeed(channel: RssChannel, entries: readonly RssEntry[]): string {
  const items = entries.map(
    (e) =>
      `    <item>\n` +
      `      <title>${xmlText(e.title)}</title>\n` +
      `      <link>${xmlText(e.link)}</link>\n` +
      `      <guid isPermaLink="true">${xmlText(e.link)}</guid>\n` +
      `      <category>${xmlText(e.category)}</category>\n` +
      `      <pubDate>${e.publishedAt.toUTCString()}</pubDate>\n` +
      `      <description>${xmlText(e.description)}</description>\n` +
      `    </item>\n`,
  )
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n` +
    `  <channel>\n` +
    `    <title>${xmlText(channel.title)}</title>\n` +
    `    <link>${xmlText(channel.link)}</link>\n` +
    `    <atom:link href="${xmlText(channel.selfLink)}" rel="self" type="application/rss+xml" />\n` +
    `    <description>${xmlText(channel.description)}</description>\n` +
    `    <language>${xmlText(channel.language)}</language>\n` +
    `    <lastBuildDate>${channel.lastBuildDate.toUTCString()}</lastBuildDate>\n` +
    items.join('') +
    `  </channel>\n` +
    `</rss>\n`
  )
}
