/**
 * The composition root: buildApp(deps) installs the platform plugins, then each feature's routes.
 * It never listens, so tests build it with their own database and clock and use app.inject.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import Fastify from 'fastify'
import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions, FastifyReply, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify'
import cookie from '@fastify/cookie'
import csrf from '@fastify/csrf-protection'
import formbody from '@fastify/formbody'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config, DatabaseDialect } from './config.ts'
import type { Db } from './db/database.ts'
import { pingDatabase } from './db/database.ts'
import type { Principal } from './platform/auth/principal.ts'
import { CSRF_COOKIE, resolveApiToken, resolveSession, SESSION_COOKIE } from './platform/auth/tokens.ts'
import type { Clock } from './platform/clock.ts'
import { createFolderStore } from './platform/files/files.ts'
import type { FileStore } from './platform/files/files.ts'
import { installErrorHandlers } from './platform/http/error-handler.ts'
import { databaseRateLimitStore } from './platform/http/rate-limit-store.ts'
import { multipartForms } from './platform/http/multipart.ts'
import { securityHeaderList } from './platform/http/security-headers.ts'
import { UnauthorizedError } from './platform/http/errors.ts'
import './platform/http/request-context.ts'
import { captchaMessages } from './platform/captcha/captcha.i18n.ts'
import { createI18n, DEFAULT_LOCALE, isLocale, mergeCatalogues } from './platform/i18n/i18n.ts'
import type { I18n } from './platform/i18n/i18n.ts'
import { baseMessages } from './views/messages.ts'
import { renderErrorPage } from './views/error-page.tsx'
import { rememberHomeUnit } from './views/page.ts'
import * as units from './features/units/index.ts'
import * as portal from './features/portal/index.ts'
import * as calendar from './features/calendar/index.ts'
import * as procedures from './features/procedures/index.ts'
import * as dossiers from './features/dossiers/index.ts'
import * as ratings from './features/ratings/index.ts'
import * as feedback from './features/feedback/index.ts'
import * as dialogues from './features/dialogues/index.ts'
import * as news from './features/news/index.ts'
import * as dashboard from './features/dashboard/index.ts'
import type { CalendarService } from './features/calendar/index.ts'

/** Everything the application needs from outside; tests pass their own. */
export interface AppDeps {
  readonly config: Config
  readonly db: Db
  readonly dialect: DatabaseDialect
  readonly clock: Clock
  /** Pino logger options, or false for none (tests). */
  readonly logger?: boolean | object
}

/** What features receive in register(): the deps plus shared services built here. */
export interface FeatureDeps extends AppDeps {
  readonly i18n: I18n
  /** Working calendars and deadlines, cached for the process. */
  readonly calendar: CalendarService
  /** Uploaded files (feedback photos), in FILES_DIR. */
  readonly files: FileStore
}

/** The Fastify instance type with TypeBox schemas. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>

/** How long an instance trusts the home unit it read (a renamed unit shows after this). */
const HOME_UNIT_TTL_MS = 5_000

/** Name of the cookie that remembers the chosen language. */
export const LANGUAGE_COOKIE = 'congso_lang'

const ASSETS_DIR = fileURLToPath(new URL('./views/assets/', import.meta.url))
const require = createRequire(import.meta.url)

/** Reads the session cookie or bearer token into req.principal; a bad token is a 401. */
async function authenticate(req: FastifyRequest, deps: AppDeps, loadPrincipal: (id: number) => Promise<Principal | null>): Promise<void> {
  req.principal = null
  req.authMethod = null
  const header = req.headers.authorization
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    const staffId = match?.[1] ? await resolveApiToken(deps.db, match[1], deps.clock.now()) : null
    const principal = staffId === null ? null : await loadPrincipal(staffId)
    if (!principal) throw new UnauthorizedError('auth.errors.badToken')
    req.principal = principal
    req.authMethod = 'token'
    return
  }
  const token = req.cookies[SESSION_COOKIE]
  if (!token) return
  const staffId = await resolveSession(deps.db, token, deps.clock.now())
  const principal = staffId === null ? null : await loadPrincipal(staffId)
  if (principal) {
    req.principal = principal
    req.authMethod = 'session'
  }
}

/** Whether an unsafe request needs a CSRF token: forms, and anything riding on a session cookie. */
function needsCsrf(req: FastifyRequest): boolean {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false
  if (req.routeOptions.config?.csrf === false) return false
  if (req.authMethod === 'token') return false
  const type = req.headers['content-type'] ?? ''
  const isForm = type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data') || type.startsWith('text/plain')
  return isForm || req.cookies[SESSION_COOKIE] !== undefined
}

/** Builds the application without listening. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const options: FastifyServerOptions = {
    logger: deps.logger ?? false,
    // Believing X-Forwarded-For from anyone would let a client dodge per-address limits.
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1_048_576,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
  }
  const app: App = Fastify(options).withTypeProvider<TypeBoxTypeProvider>()

  const i18n = createI18n(mergeCatalogues([baseMessages, units.messages, calendar.messages, calendar.adminMessages, procedures.messages, procedures.pageMessages, dossiers.messages, dossiers.pageMessages, ratings.messages, captchaMessages, feedback.messages, dialogues.messages, news.messages, dashboard.messages, portal.messages]))
  const featureDeps: FeatureDeps = { ...deps, i18n, calendar: calendar.createCalendarService(deps), files: createFolderStore(deps.config.filesDir) }
  const loadPrincipal = (id: number) => units.loadPrincipal(deps, id)
  // Every page shows the home unit's name. It changes perhaps once a decade, so each instance
  // reads it at most every few seconds instead of walking the unit tree on every request.
  let homeUnitCache: { unit: Awaited<ReturnType<typeof units.getHomeUnit>>; readAt: number } | null = null
  const homeUnit = async () => {
    const now = Date.now()
    if (homeUnitCache !== null && now - homeUnitCache.readAt <= HOME_UNIT_TTL_MS) return homeUnitCache.unit
    const unit = await units.getHomeUnit(deps)
    // An empty database (before the first seed) is not worth remembering.
    homeUnitCache = unit === null ? null : { unit, readAt: now }
    return unit
  }

  // Security headers: the same constants on every response, worked out once (see security-headers.ts).
  const securityHeaders = securityHeaderList({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    // The OpenAPI viewer and our pages need no cross-origin isolation; keep defaults otherwise.
    crossOriginEmbedderPolicy: false,
  })
  // The JSON and XML API is never rendered as a page: it gets the headers that still mean something
  // for such a response (after OWASP's REST security guidance) instead of a document's dozen.
  const apiSecurityHeaders = securityHeaderList({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  })
  app.addHook('onRequest', (req, reply, done) => {
    const response = reply.raw
    const url = req.url
    const headers = url.startsWith('/api/v1/') || url.startsWith('/open311/') ? apiSecurityHeaders : securityHeaders
    for (const [name, value] of headers) response.setHeader(name, value)
    done()
  })
  await app.register(cookie, { secret: deps.config.sessionSecret })
  await app.register(formbody)
  // Photos for feedback: at most 3 files of 5 MB, read into memory before the CSRF check (the token
  // is a form field); routes take the files with readMultipart(req, limits).
  await app.register(multipartForms, { maxFiles: 3, maxFileBytes: 5 * 1024 * 1024, maxFields: 40, maxFieldBytes: 20_000, maxParts: 50 })
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: deps.config.isSecureCookie },
  })
  // Counted in the database, so a limit holds across every app instance.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(deps.db, deps.clock) })

  app.decorateRequest('locale', DEFAULT_LOCALE)
  app.decorateRequest('t', null as never)
  app.decorateRequest('principal', null)
  app.decorateRequest('authMethod', null)

  app.addHook('onRequest', (req, _reply, done) => {
    const chosen = req.cookies[LANGUAGE_COOKIE]
    const isApi = req.url.startsWith('/api/')
    req.locale = isLocale(chosen) ? chosen : isApi && /^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : DEFAULT_LOCALE
    req.t = i18n.translator(req.locale)
    req.principal = null
    req.authMethod = null
    // Pages (and the 404/500 pages, rendered synchronously) show the unit's name: load it once here.
    const isPage = !isApi && !req.url.startsWith('/assets/') && !req.url.startsWith('/open311/') && req.url !== '/healthz'
    // Most requests (residents, assets, the API without a token) need nothing from the database
    // here: they go on at once, without a round of promises.
    if (!isPage && req.headers.authorization === undefined && req.cookies[SESSION_COOKIE] === undefined) return done()
    const prepare = async () => {
      await authenticate(req, deps, loadPrincipal)
      if (isPage) rememberHomeUnit(req, await homeUnit())
    }
    prepare().then(() => done(), done)
  })
  app.addHook('preHandler', (req, reply, done) => {
    if (needsCsrf(req)) return app.csrfProtection(req, reply, done)
    done()
  })

  installErrorHandlers(app, (req: FastifyRequest, reply: FastifyReply, status, error) => renderErrorPage(req, reply, status, error))

  await app.register(fastifyStatic, { root: ASSETS_DIR, prefix: '/assets/', maxAge: '1h', etag: true })
  const htmx = readFileSync(require.resolve('htmx.org/dist/htmx.min.js'))
  app.get('/assets/vendor/htmx.min.js', { schema: { hide: true } }, (_req, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type('text/javascript; charset=utf-8').send(htmx),
  )

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Công Sở API', version: '1', description: 'JSON API of Công Sở. Errors are {"error","message","fields"}.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true })
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, () => app.swagger())

  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    const isUp = await pingDatabase(deps.db)
    return reply.code(isUp ? 200 : 503).send({ status: isUp ? 'ok' : 'unavailable', database: deps.dialect })
  })

  app.get<{ Params: { locale: string }; Querystring: { next?: string } }>('/lang/:locale', { schema: { hide: true } }, (req, reply) => {
    const locale = isLocale(req.params.locale) ? req.params.locale : DEFAULT_LOCALE
    // Only same-site paths, or the switch becomes an open redirect.
    const next = typeof req.query.next === 'string' && /^\/(?![/\\])/.test(req.query.next) ? req.query.next : '/'
    reply.setCookie(LANGUAGE_COOKIE, locale, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 3600, secure: deps.config.isSecureCookie })
    return reply.redirect(next, 303)
  })

  await units.register(app, featureDeps)
  await calendar.register(app, featureDeps)
  await procedures.register(app, featureDeps)
  await dossiers.register(app, featureDeps)
  await ratings.register(app, featureDeps)
  await feedback.register(app, featureDeps)
  await dialogues.register(app, featureDeps)
  await news.register(app, featureDeps)
  await dashboard.register(app, featureDeps)
  await portal.register(app, featureDeps)
  return app
}
