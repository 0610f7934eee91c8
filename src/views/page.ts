/**
 * What every page needs from its request (language, translator, principal, CSRF token, path,
 * the deployment's own unit, a one-shot flash) and how a page is sent.
 * Features build a PageSupport once in register() and use it in their handlers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Principal } from '../platform/auth/principal.ts'
import { UnauthorizedError } from '../platform/http/errors.ts'
import { DEFAULT_LOCALE, isLocale } from '../platform/i18n/i18n.ts'
import type { Locale, Translate } from '../platform/i18n/i18n.ts'
import { setFlash, takeFlash } from './flash.ts'
import type { Flash } from './flash.ts'

/** The deployment's own unit as the page header shows it. */
export interface HomeUnit {
  readonly name: string
  readonly nameEn: string | null
}

/** Everything the layout and components read from the request. */
export interface PageContext {
  readonly locale: Locale
  readonly t: Translate
  readonly principal: Principal | null
  /** Token for the hidden `_csrf` input and htmx's `x-csrf-token` header. */
  readonly csrfToken: string
  /** Path and query of the current page, for "current" links and `?next=`. */
  readonly path: string
  readonly homeUnit: HomeUnit | null
  readonly flash: Flash | null
  /** Absolute address of the site without a trailing slash, where the feature gave it (for canonical links and link previews). */
  readonly baseUrl?: string
}

// The home unit of requests that got as far as building a page context, so an error page
// rendered later in the same request (synchronously, without the database) can still name it.
const homeUnitOfRequest = new WeakMap<FastifyRequest, HomeUnit | null>()

/** Remembers the home unit for this request (the error page reads it back). */
export function rememberHomeUnit(req: FastifyRequest, homeUnit: HomeUnit | null): void {
  homeUnitOfRequest.set(req, homeUnit)
}

/** The home unit remembered for this request, or null when none was loaded. */
export function rememberedHomeUnit(req: FastifyRequest): HomeUnit | null {
  return homeUnitOfRequest.get(req) ?? null
}

/** A token for forms; empty when CSRF support is unavailable (an error before the plugin ran). */
export function csrfTokenFor(reply: FastifyReply): string {
  try {
    return typeof reply.generateCsrf === 'function' ? reply.generateCsrf() : ''
  } catch {
    return ''
  }
}

/** Builds a page context from what the platform put on the request. */
export function buildPageContext(req: FastifyRequest, reply: FastifyReply, homeUnit: HomeUnit | null, flash: Flash | null, t: Translate): PageContext {
  return {
    locale: isLocale(req.locale) ? req.locale : DEFAULT_LOCALE,
    t,
    principal: req.principal ?? null,
    csrfToken: csrfTokenFor(reply),
    path: req.url,
    homeUnit,
    flash,
  }
}

/** Options of createPageSupport: secrets from config and where the home unit comes from. */
export interface PageSupportOptions {
  /** Secret the flash cookie is encrypted with (config.sessionSecret). */
  readonly appSecret: string
  /** Whether cookies carry the Secure flag (config.isSecureCookie). */
  readonly isSecureCookie: boolean
  /** Loads the deployment's own unit; null on an empty database. */
  loadHomeUnit(): Promise<HomeUnit | null>
  /** Absolute address of the site (config.baseUrl), for public pages that announce their canonical address. */
  readonly baseUrl?: string
}

/** Page helpers bound to one application's secrets and home-unit loader. */
export interface PageSupport {
  /** The page context of a request; consumes the flash cookie. */
  context(req: FastifyRequest, reply: FastifyReply): Promise<PageContext>
  /** Sets a message for the next page (call before redirecting). */
  flash(reply: FastifyReply, flash: Flash): void
  /** The site's absolute address without a trailing slash, when the feature gave it; pages' contexts carry it. */
  readonly baseUrl?: string
}

/** Creates the page helpers a feature uses in its handlers. */
export function createPageSupport(options: PageSupportOptions): PageSupport {
  // Without a trailing slash, once: pages append their own paths to it.
  const baseUrl = options.baseUrl?.replace(/\/$/, '')
  return {
    ...(baseUrl === undefined ? {} : { baseUrl }),
    async context(req, reply) {
      // A hook (or a guard) may have loaded it already for this request; one query is enough.
      const homeUnit = homeUnitOfRequest.has(req) ? (homeUnitOfRequest.get(req) ?? null) : await options.loadHomeUnit()
      rememberHomeUnit(req, homeUnit)
      const flash = takeFlash(req, reply, options.appSecret, options.isSecureCookie)
      const ctx = buildPageContext(req, reply, homeUnit, flash, req.t)
      return baseUrl === undefined ? ctx : { ...ctx, baseUrl }
    },
    flash(reply, flash) {
      setFlash(reply, options.appSecret, options.isSecureCookie, flash)
    },
  }
}

/** Sends a rendered page as UTF-8 HTML; pages that show secrets ask not to be stored. */
export async function sendPage(reply: FastifyReply, html: JSX.Element, status = 200, options: { isPrivate?: boolean } = {}): Promise<FastifyReply> {
  const body = await html
  // Pages depend on the session and carry a CSRF token: never cache them in a shared cache.
  reply.header('cache-control', options.isPrivate ? 'no-store' : 'private, no-cache')
  return reply.code(status).type('text/html; charset=utf-8').send(body)
}

/** Whether a value is a same-site path that is safe to redirect to (not `//host` or `/\host`). */
export function isSafeNextPath(value: unknown): value is string {
  // eslint-disable-next-line no-control-regex
  return typeof value === 'string' && value.length <= 2000 && /^\/(?![/\\])/.test(value) && !/[\u0000-\u001f\u007f]/.test(value)
}

/** The sign-in page, returning to `next` afterwards when it is a safe path. */
export function signInHref(next?: string | null): string {
  return isSafeNextPath(next) && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'
}

/** Whether a request only reads, so its address is worth coming back to after signing in. */
export function isReadRequest(req: FastifyRequest): boolean {
  return req.method === 'GET' || req.method === 'HEAD'
}

/**
 * A page route's guard (a preHandler): a visitor who is not signed in is sent to sign in, and
 * brought back afterwards when the request only read; a signed-in one is handed to `check`, which
 * throws to refuse (a ForbiddenError shows the 403 page).
 */
export function signedInGuard(check?: (req: FastifyRequest, principal: Principal) => void | Promise<void>): (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> {
  return async (req, reply) => {
    if (!req.principal) return reply.redirect(signInHref(isReadRequest(req) ? req.url : null), 303)
    await check?.(req, req.principal)
    return undefined
  }
}

/** The principal of a route behind signedInGuard(), which has already sent anyone else to sign in. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new UnauthorizedError()
  return req.principal
}

/** The language switch link for a locale, coming back to the current page. */
export function languageHref(locale: Locale, path: string): string {
  return `/lang/${locale}?next=${encodeURIComponent(isSafeNextPath(path) ? path : '/')}`
}

/** Whether a navigation link points at the current page or a section containing it. */
export function isCurrentPath(href: string, path: string): boolean {
  const pathOnly = path.split('?')[0] ?? path
  return href === '/' ? pathOnly === '/' : pathOnly === href || pathOnly.startsWith(`${href}/`)
}

// Words that begin a Vietnamese unit name with its level; after "Ủy ban nhân dân" they are
// written in lower case ("Ủy ban nhân dân thị xã Tân Uyên"), while a bare proper name is not,
// and a document's date line names the place without them ("Uyên Hưng, ngày …").
const LEVEL_PREFIX = /^(Tỉnh|Thành phố|Quận|Huyện|Thị xã|Phường|Xã|Thị trấn)\s+/

/** The unit's name in the page's language (the English name when there is one). */
export function unitDisplayName(unit: HomeUnit, locale: Locale): string {
  return locale === 'en' && unit.nameEn ? unit.nameEn : unit.name
}

/** The name of a unit's People's Committee, e.g. "Ủy ban nhân dân thị xã Tân Uyên". */
export function committeeName(unit: HomeUnit, locale: Locale, t: Translate): string {
  const name = unitDisplayName(unit, locale)
  const inSentence = locale === 'vi' && LEVEL_PREFIX.test(name) ? name.charAt(0).toLocaleLowerCase('vi') + name.slice(1) : name
  return t('site.committee', { name: inSentence })
}

/** The place name of a unit, without its level, for a document's date line: "Phường Uyên Hưng" → "Uyên Hưng". */
export function placeName(unitName: string): string {
  return unitName.replace(LEVEL_PREFIX, '')
}

/** Formats an instant for people, in Vietnam's time zone and the page's language. */
export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(date)
}
