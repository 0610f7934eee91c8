/**
 * Public pages that browsers and shared caches may keep. For a visitor without a session (and
 * without a one-shot flash waiting) a page is rendered with no CSRF token, so the same content
 * always gives the same bytes and no cookie is set; a strong ETag of those bytes lets a repeated
 * request be answered with 304 Not Modified. Signed-in staff get the page as every other page,
 * private and uncached, since theirs carries a token and their name.
 */
import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { DEFAULT_LOCALE, isLocale } from '../platform/i18n/i18n.ts'
import { FLASH_COOKIE } from './flash.ts'
import { rememberedHomeUnit, sendPage } from './page.ts'
import type { HomeUnit, PageContext, PageSupport } from './page.ts'

/** A page context, and whether the page rendered with it may be cached. */
export interface CacheableContext {
  readonly ctx: PageContext
  readonly isCacheable: boolean
}

/** A strong entity tag of a response body: a hash of its bytes, quoted. */
export function strongEtag(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
}

/**
 * Whether the request's If-None-Match names this tag (a list, "*", or the weak form of the same
 * tag: for GET and HEAD the comparison is weak, RFC 9110 section 13.1.2).
 */
export function matchesEtag(req: FastifyRequest, etag: string): boolean {
  const header = req.headers['if-none-match']
  if (typeof header !== 'string' || header === '') return false
  if (header.trim() === '*') return true
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

/**
 * The context of a public page: without a token for a visitor who is not signed in and has no
 * flash waiting (cacheable), the usual one otherwise.
 */
export async function cacheableContext(req: FastifyRequest, reply: FastifyReply, pages: PageSupport, loadHomeUnit: () => Promise<HomeUnit | null>): Promise<CacheableContext> {
  if (req.principal || req.cookies[FLASH_COOKIE] !== undefined) return { ctx: await pages.context(req, reply), isCacheable: false }
  const homeUnit = rememberedHomeUnit(req) ?? (await loadHomeUnit())
  return {
    ctx: { locale: isLocale(req.locale) ? req.locale : DEFAULT_LOCALE, t: req.t, principal: null, csrfToken: '', path: req.url, homeUnit, flash: null, ...(pages.baseUrl === undefined ? {} : { baseUrl: pages.baseUrl }) },
    isCacheable: true,
  }
}

/**
 * Sends a public page: when cacheable, with a strong ETag, a short public freshness after which
 * caches revalidate, and 304 without a body when the client already has these bytes.
 */
export async function sendCacheablePage(req: FastifyRequest, reply: FastifyReply, context: CacheableContext, html: JSX.Element, options: { maxAgeSeconds?: number } = {}): Promise<FastifyReply> {
  if (!context.isCacheable) return sendPage(reply, html)
  const body = await html
  return sendPublicBody(req, reply, body, strongEtag(body), options)
}

/**
 * Sends the bytes of a cacheable public page whose strong ETag is known (a page kept rendered has
 * its tag worked out once): the headers of sendCacheablePage, and 304 when the client has them.
 */
export function sendPublicBody(req: FastifyRequest, reply: FastifyReply, body: string | Buffer, etag: string, options: { maxAgeSeconds?: number } = {}): FastifyReply {
  // The language comes from a cookie: a shared cache keeps one copy per cookie.
  reply.header('etag', etag).header('cache-control', `public, max-age=${options.maxAgeSeconds ?? 60}, must-revalidate`).header('vary', 'cookie')
  if (matchesEtag(req, etag)) return reply.code(304).send()
  return reply.code(200).type('text/html; charset=utf-8').send(body)
}
