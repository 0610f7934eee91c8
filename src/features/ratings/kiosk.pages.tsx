/**
 * HTML routes of the desk kiosks: their administration for leaders and administrators of a unit
 * (/admin/quay-danh-gia), and the tablet's page (/kiosk/:code). Handlers stay thin: read the form,
 * call one use case (which checks the unit scope and writes the audit entry), then redirect (PRG)
 * or re-render the form with its errors.
 */
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import type { App, FeatureDeps } from '../../app.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { UnauthorizedError, ValidationError } from '../../platform/http/errors.ts'
import { formBody, formErrorsOf, formText, NO_ERRORS } from '../../views/forms.ts'
import type { FormErrors } from '../../views/forms.ts'
import { createPageSupport, sendPage, signInHref } from '../../views/page.ts'
import type { PageSupport } from '../../views/page.ts'
import * as units from '../units/index.ts'
import { KEY_AUTHENTICATED } from './kiosk.api.ts'
import * as service from './kiosk.service.ts'
import type { Kiosk, KioskDeps } from './kiosk.service.ts'
import { CLIENT_ID_PATTERN } from './kiosk.ts'
import { EMPTY_KIOSK_FORM, KIOSK_ADMIN_PATH, KioskAdminPage, kioskAdminHref, KioskListPage, NewKioskPage } from './views/kiosk-admin.tsx'
import type { KioskFormValues } from './views/kiosk-admin.tsx'
import { KioskScreenPage } from './views/kiosk-screen.tsx'
import type { KioskScreenState } from './views/kiosk-screen.tsx'

/** The flashes that carry a kiosk's set-up link, shown once on the kiosk's page. */
const SETUP_FLASHES: ReadonlySet<string> = new Set(['ratings.kiosk.admin.created', 'ratings.kiosk.admin.keyRegenerated'])

/** The set-up link as an SVG QR code, sized here because the admin pages carry only the site's stylesheet. */
async function setupQr(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
  return svg.replace('<svg ', '<svg width="200" height="200" aria-hidden="true" focusable="false" ')
}

/** Ratings one tablet address may post through the no-JavaScript form per minute. */
export const KIOSK_FORM_RATE_PER_MINUTE = 60

/** One text value of a query parameter (the first when repeated; null when absent). */
function queryValue(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
  return null
}

/** Registers the kiosks' pages. */
export function registerKioskPages(app: App, deps: FeatureDeps & KioskDeps): void {
  const pages: PageSupport = createPageSupport({
    appSecret: deps.config.sessionSecret,
    isSecureCookie: deps.config.isSecureCookie,
    loadHomeUnit: () => units.getHomeUnit(deps),
  })

  /** Anyone not signed in goes to sign in (back here after a GET); without a leader or admin role, the 403 page. */
  const requireManager = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!req.principal) {
      const isRead = req.method === 'GET' || req.method === 'HEAD'
      return reply.redirect(signInHref(isRead ? req.url : null), 303)
    }
    units.requireAnyRole(req.principal, service.KIOSK_MANAGER_ROLES)
  }

  /** The principal of a guarded route (the guard has already redirected anyone else). */
  const principalOf = (req: FastifyRequest): Principal => {
    if (!req.principal) throw new UnauthorizedError()
    return req.principal
  }

  // ---------- The list and the settings ----------

  const renderList = async (req: FastifyRequest, reply: FastifyReply, settingsValue: string | null, errors: FormErrors, status = 200) => {
    const principal = principalOf(req)
    const [kiosks, settings, canChangeSettings] = await Promise.all([service.listKiosks(deps, principal), service.getKioskSettings(deps), service.canChangeKioskSettings(deps, principal)])
    return sendPage(
      reply,
      <KioskListPage
        ctx={await pages.context(req, reply)}
        kiosks={kiosks}
        settings={settings}
        canChangeSettings={canChangeSettings}
        settingsValue={settingsValue ?? String(settings.minIntervalSeconds)}
        errors={errors}
      />,
      status,
    )
  }

  app.get(KIOSK_ADMIN_PATH, { schema: { hide: true }, preHandler: requireManager }, (req, reply) => renderList(req, reply, null, NO_ERRORS))

  app.post(`${KIOSK_ADMIN_PATH}/cai-dat`, { schema: { hide: true }, preHandler: requireManager }, async (req, reply) => {
    const typed = formText(formBody(req.body), 'minIntervalSeconds').trim()
    try {
      // Anything but a whole number reaches the use case as NaN, which it refuses with the field's message.
      await service.setKioskSettings(deps, principalOf(req), { minIntervalSeconds: /^\d{1,4}$/.test(typed) ? Number(typed) : Number.NaN })
      pages.flash(reply, { kind: 'success', key: 'ratings.kiosk.admin.settingsSaved' })
      return reply.redirect(KIOSK_ADMIN_PATH, 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderList(req, reply, typed, failure.errors, failure.status)
    }
  })

  // ---------- Adding a kiosk ----------

  const renderNew = async (req: FastifyRequest, reply: FastifyReply, values: KioskFormValues, errors: FormErrors, status = 200) => {
    const managed = await service.managedUnits(deps, principalOf(req))
    const choices = managed.map((u) => ({ value: u.code, label: u.name }))
    // With a single unit there is nothing to choose.
    const shown = values.unitCode === '' && choices.length === 1 ? { ...values, unitCode: choices[0]!.value } : values
    return sendPage(reply, <NewKioskPage ctx={await pages.context(req, reply)} units={choices} values={shown} errors={errors} />, status)
  }

  app.get(`${KIOSK_ADMIN_PATH}/moi`, { schema: { hide: true }, preHandler: requireManager }, (req, reply) => renderNew(req, reply, EMPTY_KIOSK_FORM, NO_ERRORS))

  app.post(KIOSK_ADMIN_PATH, { schema: { hide: true }, preHandler: requireManager }, async (req, reply) => {
    const form = formBody(req.body)
    const values: KioskFormValues = { code: formText(form, 'code'), name: formText(form, 'name'), unitCode: formText(form, 'unitCode') }
    try {
      const created = await service.createKiosk(deps, principalOf(req), values)
      pages.flash(reply, { kind: 'success', key: 'ratings.kiosk.admin.created', params: { name: created.kiosk.name, setupUrl: created.setupUrl } })
      return reply.redirect(kioskAdminHref(created.kiosk.code), 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderNew(req, reply, values, failure.errors, failure.status)
    }
  })

  // ---------- One kiosk ----------

  const renderKiosk = async (req: FastifyRequest, reply: FastifyReply, kiosk: Kiosk, officialValue: string | null, errors: FormErrors, status = 200) => {
    const officials = (await service.officialChoices(deps, kiosk.unitId)).map((s) => ({ value: s.username, label: s.title ? `${s.fullName} (${s.title})` : s.fullName }))
    const ctx = await pages.context(req, reply)
    // The link with a fresh key rides in the (encrypted, one-shot) flash of the redirect, never in an address.
    const url = ctx.flash && SETUP_FLASHES.has(ctx.flash.key) ? ctx.flash.params?.setupUrl : undefined
    const setupLink = typeof url === 'string' ? { url, qrSvg: await setupQr(url) } : null
    return sendPage(
      reply,
      <KioskAdminPage ctx={ctx} kiosk={kiosk} officials={officials} officialValue={officialValue ?? kiosk.official?.username ?? ''} errors={errors} setupLink={setupLink} />,
      status,
      // The page may carry the set-up link with a fresh key in its flash.
      { isPrivate: true },
    )
  }

  app.get<{ Params: { code: string } }>(`${KIOSK_ADMIN_PATH}/:code`, { schema: { hide: true }, preHandler: requireManager }, async (req, reply) =>
    renderKiosk(req, reply, await service.getKiosk(deps, principalOf(req), req.params.code), null, NO_ERRORS),
  )

  app.post<{ Params: { code: string } }>(`${KIOSK_ADMIN_PATH}/:code/can-bo`, { schema: { hide: true }, preHandler: requireManager }, async (req, reply) => {
    const principal = principalOf(req)
    const kiosk = await service.getKiosk(deps, principal, req.params.code)
    const username = formText(formBody(req.body), 'officialUsername')
    try {
      await service.setKioskOfficial(deps, principal, kiosk.code, username === '' ? null : username)
      pages.flash(reply, { kind: 'success', key: 'ratings.kiosk.admin.officialSet', params: { name: kiosk.name } })
      return reply.redirect(kioskAdminHref(kiosk.code), 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderKiosk(req, reply, kiosk, username, failure.errors, failure.status)
    }
  })

  app.post<{ Params: { code: string } }>(`${KIOSK_ADMIN_PATH}/:code/khoa-moi`, { schema: { hide: true }, preHandler: requireManager }, async (req, reply) => {
    const { kiosk, setupUrl } = await service.regenerateKioskKey(deps, principalOf(req), req.params.code)
    pages.flash(reply, { kind: 'success', key: 'ratings.kiosk.admin.keyRegenerated', params: { name: kiosk.name, setupUrl } })
    return reply.redirect(kioskAdminHref(kiosk.code), 303)
  })

  for (const [slug, isActive] of [
    ['tam-ngung', false],
    ['mo-lai', true],
  ] as const) {
    app.post<{ Params: { code: string } }>(`${KIOSK_ADMIN_PATH}/:code/${slug}`, { schema: { hide: true }, preHandler: requireManager }, async (req, reply) => {
      const kiosk = await service.setKioskActive(deps, principalOf(req), req.params.code, isActive)
      pages.flash(reply, { kind: 'success', key: isActive ? 'ratings.kiosk.admin.activated' : 'ratings.kiosk.admin.deactivated', params: { name: kiosk.name } })
      return reply.redirect(kioskAdminHref(kiosk.code), 303)
    })
  }

  // ---------- The tablet ----------

  const renderScreen = async (req: FastifyRequest, reply: FastifyReply, screen: service.KioskScreen, kioskKey: string | null, state: KioskScreenState, status = 200) =>
    sendPage(reply, <KioskScreenPage ctx={await pages.context(req, reply)} screen={screen} kioskKey={kioskKey} clientId={randomUUID()} state={state} />, status, {
      // A page carrying the key in its forms must not be kept by any cache.
      isPrivate: kioskKey !== null,
    })

  app.get<{ Params: { code: string }; Querystring: Record<string, unknown> }>('/kiosk/:code', { schema: { hide: true } }, async (req, reply) => {
    const key = queryValue(req.query.key)
    const screen = await service.kioskScreen(deps, req.params.code, key)
    return renderScreen(req, reply, screen, key, 'ask')
  })

  app.post<{ Params: { code: string } }>(
    '/kiosk/:code',
    { schema: { hide: true }, config: { ...KEY_AUTHENTICATED, rateLimit: { max: KIOSK_FORM_RATE_PER_MINUTE, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const form = formBody(req.body)
      const key = formText(form, 'key')
      const rating = formText(form, 'rating')
      const typedId = formText(form, 'clientId')
      const receipt = await service.receiveKioskRatings(deps, {
        kioskCode: req.params.code,
        key,
        // The form's id makes a reload of this post harmless: the same id is stored once.
        ratings: [{ clientId: CLIENT_ID_PATTERN.test(typedId) ? typedId : randomUUID(), rating }],
      })
      const rejection = receipt.rejected[0]
      if (rejection?.reason === 'invalid') throw new ValidationError({ rating: 'ratings.kiosk.errors.rating' })
      if (rejection?.reason === 'too_fast') {
        reply.header('retry-after', String(receipt.screen.minIntervalSeconds))
        return renderScreen(req, reply, receipt.screen, key, 'tooFast', 429)
      }
      return renderScreen(req, reply, receipt.screen, key, 'thanks')
    },
  )
}
