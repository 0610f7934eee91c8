/**
 * Pages of the dashboard: the leadership dashboard (/admin/bang-dieu-khien) for leaders and
 * administrators of a unit, the printable report, the dossiers behind a figure, the CSV and XLSX
 * exports of every table, and the public statistics (/thong-ke), cached for a minute.
 */
import type { FastifyRequest } from 'fastify'
import type { App, FeatureDeps } from '../../app.ts'
import { BadRequestError } from '../../platform/http/errors.ts'
import type { Translate } from '../../platform/i18n/i18n.ts'
import { cacheableContext, sendCacheablePage } from '../../views/cacheable.ts'
import type { FormErrors } from '../../views/forms.ts'
import { createPageSupport, principalOf, sendPage, signedInGuard } from '../../views/page.ts'
import * as units from '../units/index.ts'
import { EXPORT_ROW_LIMIT, exportFileName, parseExportName, sendExport } from '../../views/table-export.ts'
import type { TableModel } from '../../views/table-export.ts'
import {
  createPublicStatisticsCache,
  DASHBOARD_ROLES,
  dashboardUnits,
  getDashboard,
  getProcedureReport,
  listFigureDossiers,
} from './dashboard.service.ts'
import type { DashboardDeps, DashboardQuery, FigureListQuery } from './dashboard.service.ts'
import { DASHBOARD_TABLES, dashboardTables, figureListTable, publicTable, registerTable, reportTable } from './dashboard.tables.ts'
import type { DashboardTable } from './dashboard.tables.ts'
import { presetPeriods, vietnamDay } from './dashboard.ts'
import { DashboardPage } from './views/dashboard.tsx'
import type { DashboardFilter } from './views/dashboard.tsx'
import { FigureListPage } from './views/list.tsx'
import { PublicStatisticsPage } from './views/public.tsx'
import { ReportPage } from './views/report.tsx'
import { DASHBOARD_PATH, EXPORT_PATH, LIST_PATH, PUBLIC_EXPORT_PATH, PUBLIC_PATH, REPORT_PATH } from './views/paths.ts'

/** A query value as text (the first of repeated ones). */
function queryText(value: unknown, maxLength = 40): string {
  const text = typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : ''
  return text.trim().slice(0, maxLength)
}

const NO_ERRORS: FormErrors = { fields: {} }

/** The unit and period of a request, as typed. */
function filterOf(query: Record<string, unknown>): DashboardFilter {
  return { unit: queryText(query.unit), from: queryText(query.from, 10), to: queryText(query.to, 10) }
}

/** The service's query from a filter. */
function queryOf(filter: DashboardFilter): DashboardQuery {
  return { unitCode: filter.unit || null, from: filter.from || null, to: filter.to || null }
}

/** Registers the pages. */
export function registerDashboardPages(app: App, deps: FeatureDeps & DashboardDeps): void {
  const pages = createPageSupport({ appSecret: deps.config.sessionSecret, isSecureCookie: deps.config.isSecureCookie, loadHomeUnit: () => units.getHomeUnit(deps) })
  const guard = { schema: { hide: true }, preHandler: signedInGuard((_req, principal) => units.requireAnyRole(principal, DASHBOARD_ROLES)) }
  const publicStatistics = createPublicStatisticsCache(deps)

  /** The unit choices of the filter. */
  const unitChoices = async (req: FastifyRequest) => (await dashboardUnits(deps, principalOf(req))).map((u) => ({ value: u.code, label: u.name }))

  // ---------- The dashboard ----------

  app.get<{ Querystring: Record<string, unknown> }>(DASHBOARD_PATH, guard, async (req, reply) => {
    const principal = principalOf(req)
    const typed = filterOf(req.query)
    let errors = NO_ERRORS
    let dashboard = null
    try {
      dashboard = await getDashboard(deps, principal, queryOf(typed))
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error
      errors = { fields: error.fields }
    }
    const ctx = await pages.context(req, reply)
    // The filter shows what was summed (the widest unit and this month by default).
    const filter = dashboard ? { unit: dashboard.unit.code, from: dashboard.period.from, to: dashboard.period.to } : typed
    return sendPage(
      reply,
      <DashboardPage
        ctx={ctx}
        filter={filter}
        units={await unitChoices(req)}
        presets={presetPeriods(vietnamDay(deps.clock.now()))}
        errors={errors}
        dashboard={dashboard}
        tables={dashboard ? dashboardTables(ctx.t, dashboard) : null}
      />,
      dashboard ? 200 : 400,
    )
  })

  // ---------- The report ----------

  app.get<{ Querystring: Record<string, unknown> }>(REPORT_PATH, guard, async (req, reply) => {
    const principal = principalOf(req)
    const typed = filterOf(req.query)
    let errors = NO_ERRORS
    let report = null
    try {
      report = await getProcedureReport(deps, principal, queryOf(typed))
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error
      errors = { fields: error.fields }
    }
    const ctx = await pages.context(req, reply)
    const filter = report ? { unit: report.unit.code, from: report.period.from, to: report.period.to } : typed
    return sendPage(
      reply,
      <ReportPage ctx={ctx} filter={filter} units={await unitChoices(req)} errors={errors} report={report} table={report ? reportTable(ctx.t, report) : null} />,
      report ? 200 : 400,
    )
  })

  // ---------- The dossiers behind a figure ----------

  const figureQuery = (query: Record<string, unknown>): FigureListQuery => ({
    ...queryOf(filterOf(query)),
    figure: queryText(query.figure) || null,
    procedureCode: queryText(query.procedure) || null,
    page: Number.parseInt(queryText(query.page, 6) || '1', 10) || 1,
  })

  app.get<{ Querystring: Record<string, unknown> }>(LIST_PATH, guard, async (req, reply) => {
    const principal = principalOf(req)
    let errors = NO_ERRORS
    let list = null
    try {
      list = await listFigureDossiers(deps, principal, figureQuery(req.query))
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error
      errors = { fields: error.fields }
    }
    const ctx = await pages.context(req, reply)
    return sendPage(reply, <FigureListPage ctx={ctx} list={list} table={list ? figureListTable(ctx.t, list) : null} errors={errors} />, list ? 200 : 400, {
      // The list names residents.
      isPrivate: true,
    })
  })

  // ---------- Exports ----------

  const EXPORTABLE = [...DASHBOARD_TABLES, 'report', 'dossiers', 'register'] as const
  type Exportable = (typeof EXPORTABLE)[number]

  /** The table an export names, built for the request's unit and period. */
  const tableFor = async (t: Translate, req: FastifyRequest<{ Querystring: Record<string, unknown> }>, table: Exportable): Promise<{ model: TableModel; parts: string[] }> => {
    const principal = principalOf(req)
    const query = queryOf(filterOf(req.query))
    if (table === 'report') {
      const report = await getProcedureReport(deps, principal, query)
      return { model: reportTable(t, report), parts: [report.unit.code, report.period.from, report.period.to] }
    }
    if (table === 'dossiers' || table === 'register') {
      const asked = figureQuery(req.query)
      const list = await listFigureDossiers(deps, principal, { ...asked, page: 1, ...(table === 'register' ? { figure: 'received', procedureCode: null } : {}) }, EXPORT_ROW_LIMIT)
      return { model: table === 'register' ? registerTable(t, list) : figureListTable(t, list), parts: [list.unit.code, table === 'dossiers' ? list.figure : null, list.procedureCode, list.period.from, list.period.to].filter((p): p is string => p !== null) }
    }
    const dashboard = await getDashboard(deps, principal, query)
    return { model: dashboardTables(t, dashboard)[table as DashboardTable], parts: [dashboard.unit.code, dashboard.period.from, dashboard.period.to] }
  }

  app.get<{ Params: { file: string }; Querystring: Record<string, unknown> }>(`${EXPORT_PATH}/:file`, guard, async (req, reply) => {
    const { table, format } = parseExportName(req.params.file, EXPORTABLE)
    const { model, parts } = await tableFor(req.t, req, table)
    return sendExport(reply, model, format, exportFileName(['bang-dieu-khien', table, ...parts], format))
  })

  // ---------- Public statistics ----------

  /** The year a public request asks for (?nam=2025), this year when not given; a 400 when not a year. */
  const yearOf = (query: Record<string, unknown>): number | null => {
    const text = queryText(query.nam, 4) || queryText(query.year, 4)
    if (text === '') return null
    if (!/^\d{4}$/.test(text)) throw new BadRequestError('dashboard.errors.year', { year: 'dashboard.errors.year' })
    return Number(text)
  }

  app.get<{ Querystring: Record<string, unknown> }>(PUBLIC_PATH, { schema: { hide: true } }, async (req, reply) => {
    const statistics = await publicStatistics(yearOf(req.query))
    const context = await cacheableContext(req, reply, pages, () => units.getHomeUnit(deps))
    const thisYear = Number(vietnamDay(deps.clock.now()).slice(0, 4))
    const years = Array.from({ length: 5 }, (_, i) => thisYear - i)
    return sendCacheablePage(req, reply, context, <PublicStatisticsPage ctx={context.ctx} statistics={statistics} table={publicTable(context.ctx.t, statistics)} years={years} />)
  })

  app.get<{ Params: { file: string }; Querystring: Record<string, unknown> }>(`${PUBLIC_EXPORT_PATH}/:file`, { schema: { hide: true } }, async (req, reply) => {
    const { format } = parseExportName(req.params.file, ['statistics'] as const)
    const statistics = await publicStatistics(yearOf(req.query))
    return sendExport(reply, publicTable(req.t, statistics), format, exportFileName(['thong-ke', String(statistics.year)], format), { isPublic: true })
  })
}
