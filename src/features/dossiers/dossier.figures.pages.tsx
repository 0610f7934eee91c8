/**
 * The on-time figures page of the one-stop desk (/mot-cua/so-lieu), for the staff who may see the
 * units, and its table as CSV and XLSX (/mot-cua/so-lieu.csv?…, .xlsx), built from the same model.
 */
import type { App, FeatureDeps } from '../../app.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { createPageSupport, principalOf, sendPage, signedInGuard } from '../../views/page.ts'
import { EXPORT_FORMATS, exportFileName, sendExport } from '../../views/table-export.ts'
import * as units from '../units/index.ts'
import { onTimeFigures } from './dossier.figures.ts'
import type { Figures } from './dossier.figures.ts'
import { VIEW_ROLES } from './dossier.policy.ts'
import type { DossierDeps } from './dossier.service.ts'
import { figuresTable } from './dossier.tables.ts'
import { FiguresPage } from './views/figures.tsx'

/** What the figures' address may say. */
type FiguresQuery = { from?: string; to?: string; by?: string; unit?: string }

/** Registers the page and its exports. */
export function registerFiguresPage(app: App, deps: FeatureDeps & DossierDeps): void {
  const pages = createPageSupport({ appSecret: deps.config.sessionSecret, isSecureCookie: deps.config.isSecureCookie, loadHomeUnit: () => units.getHomeUnit(deps) })

  // Anyone not signed in goes to sign in (and back); without a desk role, the 403 page.
  const guard = { schema: { hide: true }, preHandler: signedInGuard((_req, principal) => units.requireAnyRole(principal, VIEW_ROLES)) }

  /** The figures the address asks for; a 400 with its reason for a day, group or unit that makes no sense. */
  const figuresOf = (principal: Principal, q: FiguresQuery): Promise<Figures> =>
    onTimeFigures(deps, principal, {
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.by ? { by: q.by } : {}),
      ...(q.unit ? { unitCode: q.unit } : {}),
    })

  app.get<{ Querystring: FiguresQuery }>('/mot-cua/so-lieu', guard, async (req, reply) => {
    const principal = principalOf(req)
    const figures = await figuresOf(principal, req.query)
    // The filter offers the units the person may see: their grants' units and, for leaders, those below.
    const roots = units.scopeRoots(principal, VIEW_ROLES)
    const visible = (await units.listUnits(deps)).filter((u) => !u.isDisabled && roots.some((r) => (r.isSubtree ? u.path.startsWith(r.path) : u.path === r.path)))
    const ctx = await pages.context(req, reply)
    return sendPage(reply, <FiguresPage ctx={ctx} figures={figures} table={figuresTable(ctx.t, figures)} units={visible.map((u) => ({ code: u.code, name: u.name }))} />)
  })

  for (const format of EXPORT_FORMATS) {
    app.get<{ Querystring: FiguresQuery }>(`/mot-cua/so-lieu.${format}`, guard, async (req, reply) => {
      const figures = await figuresOf(principalOf(req), req.query)
      return sendExport(reply, figuresTable(req.t, figures), format, exportFileName(['so-lieu', figures.by, figures.unitCode, figures.from, figures.to], format))
    })
  }
}
