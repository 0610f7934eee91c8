/**
 * Article bodies: Markdown rendered to HTML once, when an article is saved, through two layers.
 * First markdown-it with raw HTML disabled (a `<script>` typed in the body stays text), links
 * limited to http(s), mailto and addresses on this site, and images only from our own image
 * route (/tin-tuc/anh/<id>/<size>), each rendered with the alt text and caption stored with the
 * image (a figure with its figcaption when the image stands in its own paragraph). Then
 * sanitize-html with an allowlist of tags and attributes, so that a mistake in the first layer
 * still cannot put a script, an event handler or a foreign image on a page.
 */
import MarkdownIt from 'markdown-it'
import type { Env, Token } from 'markdown-it'
import sanitizeHtml from 'sanitize-html'

/** The address of one of our images in the body: /tin-tuc/anh/<id>/<full|thumb>. */
export const BODY_IMAGE_PATTERN = /^\/tin-tuc\/anh\/(\d{1,12})\/(full|thumb)$/

/** The box thumbnails fit in (the same as the stored thumbnails). */
export const NEWS_THUMB_SIDE = 320

/** What the body needs to know of an uploaded image. */
export interface BodyImage {
  readonly id: number
  readonly width: number
  readonly height: number
  readonly alt: string
  readonly caption: string | null
}

/** What the renderer carries through one render. */
interface RenderEnv extends Env {
  images?: ReadonlyMap<number, BodyImage>
}

/** The src attribute of an image token, as text. */
function srcOf(token: Token | undefined): string {
  const src = token?.attrGet('src')
  return typeof src === 'string' ? src : ''
}

/** Whether a link target is one the body may carry: http(s), mailto, or an address on this site. */
export function isAllowedLink(url: string): boolean {
  // Control characters and spaces are how "java\tscript:" slips past a naive scheme check.
  // eslint-disable-next-line no-control-regex
  const text = url.replace(/[\u0000-\u0020\u007f]/g, '')
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)
  if (scheme) return ['http', 'https', 'mailto'].includes((scheme[1] ?? '').toLowerCase())
  // "//host" and "/\host" leave the site, and a colon before any slash is a scheme in disguise.
  return !/^[/\\]{2}/.test(text) && !/^[^/?#]*:/.test(text)
}

/** The size of the thumbnail of an image of this size (fits the box, never enlarged). */
export function thumbSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, NEWS_THUMB_SIDE / Math.max(width, height, 1))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false })
markdown.validateLink = isAllowedLink
const escape = markdown.utils.escapeHtml

// Headings start at h2: the article's title is the page's only h1.
markdown.core.ruler.push('news_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`
  }
})

// An image alone in its paragraph becomes a figure with its caption (the paragraph is dropped:
// a figure may not sit inside a p).
markdown.core.ruler.push('news_figures', (state) => {
  const tokens = state.tokens
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [open, inline, close] = [tokens[i], tokens[i + 1], tokens[i + 2]] as [Token, Token, Token]
    if (open.type !== 'paragraph_open' || inline.type !== 'inline' || close.type !== 'paragraph_close') continue
    const children = (inline.children ?? []).filter((c) => !(c.type === 'text' && c.content.trim() === '') && c.type !== 'softbreak')
    const only = children[0]
    if (children.length !== 1 || only?.type !== 'image') continue
    only.meta = { ...(only.meta as object | null), isFigure: true }
    open.hidden = true
    close.hidden = true
  }
})

markdown.renderer.rules.image = (tokens, idx, _options, env: RenderEnv | undefined) => {
  const token = tokens[idx]
  const match = BODY_IMAGE_PATTERN.exec(srcOf(token))
  const image = match ? env?.images?.get(Number(match[1])) : undefined
  // Foreign and unknown images are not shown; saving refuses them before it gets here.
  if (!token || !match || !image) return ''
  const size = match[2] === 'thumb' ? thumbSize(image.width, image.height) : { width: image.width, height: image.height }
  const img = `<img src="/tin-tuc/anh/${image.id}/${match[2]}" alt="${escape(image.alt)}" width="${size.width}" height="${size.height}" loading="lazy">`
  if ((token.meta as { isFigure?: boolean } | null)?.isFigure !== true) return img
  const caption = image.caption ? `<figcaption>${escape(image.caption)}</figcaption>` : ''
  return `<figure class="news-figure">${img}${caption}</figure>\n`
}

/** The second layer: only these tags and attributes survive, whatever the first layer made. */
const ALLOWLIST: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 's', 'a', 'img', 'figure', 'figcaption', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'width', 'height', 'loading'], ol: ['start'], figure: ['class'] },
  allowedClasses: { figure: ['news-figure'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  // Images only from this site: no scheme at all, and then only our image route (below).
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  exclusiveFilter: (frame) => frame.tag === 'img' && !BODY_IMAGE_PATTERN.test(frame.attribs.src ?? ''),
  transformTags: {
    // Links out of the site get no referrer and no handle on this window.
    a: (tagName, attribs) => {
      const isExternal = /^https?:/i.test(attribs.href ?? '')
      return { tagName, attribs: isExternal ? { ...attribs, rel: 'noopener noreferrer' } : { ...attribs } }
    },
  },
}

/** The second layer alone: HTML reduced to the allowlist (no scripts, handlers, styles or foreign images). */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, ALLOWLIST)
}

/** Renders an article's Markdown to safe HTML; `images` are the uploaded images it may show, by id. */
export function renderMarkdown(source: string, images: ReadonlyMap<number, BodyImage>): string {
  const env: RenderEnv = { images }
  return sanitizeBody(markdown.render(source, env)).trim()
}

/** The images a body refers to: ids of our own, and the addresses of any others (which saving refuses). */
export function imagesIn(source: string): { ids: number[]; foreign: string[] } {
  const ids = new Set<number>()
  const foreign: string[] = []
  const walk = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === 'image') {
        const src = srcOf(token)
        const match = BODY_IMAGE_PATTERN.exec(src)
        if (match) ids.add(Number(match[1]))
        else foreign.push(src)
      }
      if (token.children) walk(token.children)
    }
  }
  walk(markdown.parse(source, {} satisfies RenderEnv))
  return { ids: [...ids], foreign }
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

/** The plain text of rendered HTML (for search, feeds and descriptions): tags dropped, entities decoded, spaces collapsed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\/(p|h[1-6]|li|figcaption|blockquote|pre|tr)>|<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (!name.startsWith('#')) return ENTITIES[name.toLowerCase()] ?? whole
      const code = /^#x/i.test(name) ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    })
    .replace(/\s+/g, ' ')
    .trim()
}
