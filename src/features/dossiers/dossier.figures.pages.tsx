/** The on-time figures page of the one-stop desk (/mot-cua/so-lieu), for the staff who may see the units. */
import type { App, FeatureDeps } from '../../app.ts'
import { createPageSupport, sendPage, signInHref } from '../../views/page.ts'
import * as units from '../units/index.ts'
import { onTimeFigures } from './dossier.figures.ts'
import { VIEW_ROLES } from './dossier.policy.ts'
import type { DossierDeps } from './dossier.service.ts'
import { FiguresPage } from './views/figures.tsx'

/** Registers the page. */
export function registerFiguresPage(app: App, deps: FeatureDeps & DossierDeps): void {
  const pages = createPageSupport({ appSecret: deps.config.sessionSecret, isSecureCookie: deps.config.isSecureCookie, loadHomeUnit: () => units.getHomeUnit(deps) })

  app.get<{ Querystring: { from?: string; to?: string; by?: string; unit?: string } }>('/mot-cua/so-lieu', { schema: { hide: true } }, async (req, reply) => {
    if (!req.principal) return reply.redirect(signInHref(req.url), 303)
    const principal = req.principal
    units.requireAnyRole(principal, VIEW_ROLES)
    const q = req.query
    const figures = await onTimeFigures(deps, principal, {
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.by ? { by: q.by } : {}),
      ...(q.unit ? { unitCode: q.unit } : {}),
    })
    // The filter offers the units the person may see: their grants' units and, for leaders, those below.
    const roots = units.scopeRoots(principal, VIEW_ROLES)
    const visible = (await units.listUnits(deps)).filter((u) => !u.isDisabled && roots.some((r) => (r.isSubtree ? u.path.startsWith(r.path) : u.path === r.path)))
    return sendPage(reply, <FiguresPage ctx={await pages.context(req, reply)} figures={figures} units={visible.map((u) => ({ code: u.code, name: u.name }))} />)
  })
}
