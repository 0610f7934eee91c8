/**
 * How a public page presents itself outside the site: its canonical address for search engines,
 * and the OpenGraph tags that link previews read when a resident shares the page in a chat app
 * (Zalo, Facebook Messenger) — the title, a short description, the site's name and language.
 */
import { committeeName } from './page.ts'
import type { PageContext } from './page.ts'

/** A meta tag of the head: OpenGraph ones by `property`, others by `name`. */
export interface MetaTag {
  readonly property?: string
  readonly name?: string
  readonly content: string
}

/** What a page tells the layout: its canonical address (absolute) and meta tags. */
export interface DiscoveryTags {
  readonly canonical?: string
  readonly meta: readonly MetaTag[]
}

/** Longest description a preview shows whole; longer text is cut at a word with an ellipsis. */
const DESCRIPTION_LIMIT = 200

/** A text cut to the preview's length at a word boundary. */
function shortened(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= DESCRIPTION_LIMIT) return flat
  const cut = flat.slice(0, DESCRIPTION_LIMIT)
  const space = cut.lastIndexOf(' ')
  return `${(space > DESCRIPTION_LIMIT / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`
}

/**
 * The canonical link and OpenGraph tags of a public page at `path` (its address without the
 * parts of the query that do not change what it shows). Nothing when the feature did not give
 * the pages the site's address: a relative canonical link would mislead more than none.
 */
export function discoveryTags(ctx: PageContext, page: { readonly path: string; readonly title: string; readonly description?: string | null; readonly type?: 'website' | 'article' }): DiscoveryTags {
  if (ctx.baseUrl === undefined) return { meta: [] }
  const url = `${ctx.baseUrl}${page.path}`
  const description = page.description ? shortened(page.description) : null
  const meta: MetaTag[] = [
    { property: 'og:type', content: page.type ?? 'website' },
    { property: 'og:title', content: page.title },
    { property: 'og:url', content: url },
    { property: 'og:locale', content: ctx.locale === 'vi' ? 'vi_VN' : 'en_GB' },
    // The committee's name; the product's on a database not yet seeded with its unit.
    { property: 'og:site_name', content: ctx.homeUnit ? committeeName(ctx.homeUnit, ctx.locale, ctx.t) : ctx.t('site.productName') },
  ]
  if (description) meta.push({ property: 'og:description', content: description }, { name: 'description', content: description })
  return { canonical: url, meta }
}
