/**
 * JSON routes of the desk kiosks: their administration by leaders and administrators of a unit
 * (/api/v1/kiosks), and the tablet's batch of ratings (/api/v1/kiosk/ratings), which proves itself
 * with the kiosk's key rather than a staff session.
 */
import { ErrorBody, requirePrincipal } from '../../platform/http/api.ts'
import { Type } from 'typebox'
import type { TSchema } from 'typebox'
import type { App, FeatureDeps } from '../../app.ts'
import { formatInstant } from '../calendar/index.ts'
import * as service from './kiosk.service.ts'
import type { Kiosk, KioskDeps, KioskScreen, KioskWithKey, ListedKiosk } from './kiosk.service.ts'
import { INTERVAL_BOUNDS, KIOSK_RATINGS } from './kiosk.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody }
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

const OfficialBody = Type.Object({ username: Type.String(), fullName: Type.String(), title: Nullable(Type.String()), initials: Type.String() })

const KioskBody = Type.Object({
  code: Type.String(),
  name: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  official: Nullable(OfficialBody),
  isActive: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})

const ListedKioskBody = Type.Object({ ...KioskBody.properties, recentRatings: Type.Integer(), lastRatedAt: Nullable(Type.String()) })

const KioskWithKeyBody = Type.Object({
  kiosk: KioskBody,
  key: Type.String({ description: 'Shown this once; only its sha256 is stored.' }),
  setupUrl: Type.String({ description: 'Open once on the tablet at the counter: the kiosk page with its key.' }),
})

const SettingsBody = Type.Object(
  { minIntervalSeconds: Type.Integer({ minimum: INTERVAL_BOUNDS.min, maximum: INTERVAL_BOUNDS.max, description: 'A kiosk takes at most one rating per this many seconds' }) },
  { additionalProperties: false },
)

const ScreenBody = Type.Object({
  code: Type.String(),
  name: Type.String(),
  unitName: Type.String(),
  official: Nullable(Type.Object({ fullName: Type.String(), title: Nullable(Type.String()), initials: Type.String() })),
  isActive: Type.Boolean(),
  minIntervalSeconds: Type.Integer(),
})

const CodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) })

/** The API shape of a kiosk. */
function presentKiosk(k: Kiosk) {
  return {
    code: k.code,
    name: k.name,
    unitCode: k.unitCode,
    unitName: k.unitName,
    official: k.official ? { username: k.official.username, fullName: k.official.fullName, title: k.official.title, initials: k.official.initials } : null,
    isActive: k.isActive,
    createdAt: formatInstant(k.createdAt),
    updatedAt: formatInstant(k.updatedAt),
  }
}

/** The API shape of a listed kiosk. */
function presentListed(k: ListedKiosk) {
  return { ...presentKiosk(k), recentRatings: k.recentRatings, lastRatedAt: k.lastRatedAt ? formatInstant(k.lastRatedAt) : null }
}

/** The API shape of a kiosk with its new key. */
function presentWithKey(result: KioskWithKey) {
  return { kiosk: presentKiosk(result.kiosk), key: result.key, setupUrl: result.setupUrl }
}

/** What the tablet shows, without staff usernames. */
function presentScreen(screen: KioskScreen) {
  return {
    code: screen.code,
    name: screen.name,
    unitName: screen.unitName,
    official: screen.official ? { fullName: screen.official.fullName, title: screen.official.title, initials: screen.official.initials } : null,
    isActive: screen.isActive,
    minIntervalSeconds: screen.minIntervalSeconds,
  }
}


/**
 * Route config of the tablet's routes: app.ts skips the CSRF check for them. The kiosk's key in the
 * body authenticates, not a cookie, so a forged cross-site post would need the key.
 */
export const KEY_AUTHENTICATED = Object.freeze({ csrf: false })

/** Most ratings one batch may carry; the tablet sends a longer queue in several batches. */
export const MAX_BATCH = 200

/** Registers the kiosk API. */
export function registerKioskApi(app: App, deps: FeatureDeps & KioskDeps): void {
  app.get(
    '/api/v1/kiosks',
    {
      schema: {
        tags: ['ratings'],
        summary: 'Rating kiosks of the units you lead or administer, with their ratings in the last 30 days',
        security: [{ bearer: [] }],
        querystring: Type.Object({ unit: Type.Optional(Type.String({ maxLength: 40 })) }),
        response: { 200: Type.Array(ListedKioskBody), ...errors },
      },
    },
    async (req) => (await service.listKiosks(deps, requirePrincipal(req.principal), req.query.unit ? { unitCode: req.query.unit } : {})).map(presentListed),
  )

  app.post(
    '/api/v1/kiosks',
    {
      schema: {
        tags: ['ratings'],
        summary: "Add a rating kiosk for a counter of a unit you lead or administer; answers with the kiosk's key, once (audited)",
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            code: Type.String({ maxLength: 40 }),
            name: Type.String({ maxLength: 200 }),
            unitCode: Type.String({ maxLength: 40 }),
            officialUsername: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: KioskWithKeyBody, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(presentWithKey(await service.createKiosk(deps, requirePrincipal(req.principal), req.body))),
  )

  app.get(
    '/api/v1/kiosks/settings',
    { schema: { tags: ['ratings'], summary: 'The kiosk settings in force', security: [{ bearer: [] }], response: { 200: SettingsBody, ...errors } } },
    async (req) => {
      requirePrincipal(req.principal)
      return service.getKioskSettings(deps)
    },
  )

  app.put(
    '/api/v1/kiosks/settings',
    {
      schema: { tags: ['ratings'], summary: 'Replace the kiosk settings (administrator of the home unit; audited)', security: [{ bearer: [] }], body: SettingsBody, response: { 200: SettingsBody, ...errors } },
    },
    async (req) => service.setKioskSettings(deps, requirePrincipal(req.principal), req.body),
  )

  app.get(
    '/api/v1/kiosks/:code',
    { schema: { tags: ['ratings'], summary: 'One rating kiosk', security: [{ bearer: [] }], params: CodeParams, response: { 200: KioskBody, ...errors } } },
    async (req) => presentKiosk(await service.getKiosk(deps, requirePrincipal(req.principal), req.params.code)),
  )

  app.put(
    '/api/v1/kiosks/:code/official',
    {
      schema: {
        tags: ['ratings'],
        summary: 'Name the official serving at the kiosk now (a staff member of its unit), or nobody (audited)',
        security: [{ bearer: [] }],
        params: CodeParams,
        body: Type.Object({ officialUsername: Nullable(Type.String({ maxLength: 60 })) }, { additionalProperties: false }),
        response: { 200: KioskBody, ...errors },
      },
    },
    async (req) => presentKiosk(await service.setKioskOfficial(deps, requirePrincipal(req.principal), req.params.code, req.body.officialUsername)),
  )

  app.post(
    '/api/v1/kiosks/:code/key',
    {
      schema: {
        tags: ['ratings'],
        summary: 'Give the kiosk a new key; the old one stops working at once (audited)',
        security: [{ bearer: [] }],
        params: CodeParams,
        response: { 200: KioskWithKeyBody, ...errors },
      },
    },
    async (req) => presentWithKey(await service.regenerateKioskKey(deps, requirePrincipal(req.principal), req.params.code)),
  )

  for (const [action, isActive] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/api/v1/kiosks/:code/${action}`,
      {
        schema: {
          tags: ['ratings'],
          summary: isActive ? 'Let the kiosk take ratings again (audited)' : 'Stop the kiosk taking ratings (audited)',
          security: [{ bearer: [] }],
          params: CodeParams,
          response: { 200: KioskBody, ...errors },
        },
      },
      async (req) => presentKiosk(await service.setKioskActive(deps, requirePrincipal(req.principal), req.params.code, isActive)),
    )
  }

  app.post(
    '/api/v1/kiosk/ratings',
    {
      schema: {
        tags: ['public'],
        summary:
          "A kiosk tablet's ratings, in a batch, with the kiosk's key. Ids already stored are acknowledged again and not stored twice; ratings closer than the interval to another are rejected as too_fast (drop them, do not resend).",
        body: Type.Object(
          {
            kioskCode: Type.String({ maxLength: 40 }),
            // Optional here so that a missing key is a 401 the tablet can show, not a 400.
            key: Type.Optional(Type.String({ maxLength: 200 })),
            sentAt: Type.Optional(Type.String({ maxLength: 40, description: "The tablet's clock when sending, to correct a wrong tablet clock" })),
            ratings: Type.Array(
              Type.Object({
                // Loose on purpose: one malformed rating is answered as rejected, it does not block the tablet's whole queue.
                clientId: Type.String({ maxLength: 64 }),
                rating: Type.String({ maxLength: 40, description: KIOSK_RATINGS.join(' | ') }),
                ratedAt: Type.Optional(Type.String({ maxLength: 40 })),
              }),
              { maxItems: MAX_BATCH },
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            stored: Type.Array(Type.String(), { description: 'Ids stored, now or before: remove them from the queue' }),
            rejected: Type.Array(Type.Object({ clientId: Type.String(), reason: Type.Enum(['too_fast', 'invalid']) }), { description: 'Ids refused for good: remove them too' }),
            kiosk: ScreenBody,
          }),
          ...errors,
        },
      },
      config: { ...KEY_AUTHENTICATED, rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req) => {
      const receipt = await service.receiveKioskRatings(deps, { kioskCode: req.body.kioskCode, key: req.body.key, sentAt: req.body.sentAt, ratings: req.body.ratings })
      return { stored: receipt.stored, rejected: receipt.rejected, kiosk: presentScreen(receipt.screen) }
    },
  )
}
