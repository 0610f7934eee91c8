/**
 * Addresses of the dashboard's pages and of the lists behind its figures, in one place so that
 * views, handlers and tests agree. The lists belong to the features that keep them.
 */
import type { Period } from '../dashboard.ts'

/** The leadership dashboard. */
export const DASHBOARD_PATH = '/admin/bang-dieu-khien'
/** The report on handling administrative procedures (printable). */
export const REPORT_PATH = `${DASHBOARD_PATH}/bao-cao`
/** The dossiers behind a figure. */
export const LIST_PATH = `${DASHBOARD_PATH}/ho-so`
/** Exports: `${EXPORT_PATH}/<table>.<csv|xlsx>` with the page's query. */
export const EXPORT_PATH = `${DASHBOARD_PATH}/xuat`
/** The public statistics. */
export const PUBLIC_PATH = '/thong-ke'
/** Exports of the public statistics. */
export const PUBLIC_EXPORT_PATH = `${PUBLIC_PATH}/xuat`

/** A path with a query of the given (non-empty) values. */
export function withQuery(path: string, values: Readonly<Record<string, string | number | null | undefined>>): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(values)) if (value !== null && value !== undefined && value !== '') query.set(key, String(value))
  const text = query.toString()
  return text === '' ? path : `${path}?${text}`
}

/** The query of a unit and a period. */
export function scopeQuery(unitCode: string, period: Period): Record<string, string> {
  return { unit: unitCode, from: period.from, to: period.to }
}

/** The dashboard of a unit and period. */
export function dashboardHref(unitCode: string, period: Period): string {
  return withQuery(DASHBOARD_PATH, scopeQuery(unitCode, period))
}

/** The dossiers behind a figure of a unit and period (optionally one procedure's). */
export function figureListHref(unitCode: string, period: Period, figure: string, procedureCode?: string | null): string {
  return withQuery(LIST_PATH, { ...scopeQuery(unitCode, period), figure, procedure: procedureCode ?? null })
}

/** The desk's list of a unit's dossiers whose clock runs (and only the overdue ones). */
export function openDossiersHref(unitCode: string, isOverdue: boolean): string {
  return withQuery('/mot-cua/ho-so', { unit: unitCode, status: 'received,processing', overdue: isOverdue ? 'true' : null })
}

/** One dossier's page on the desk. */
export function dossierHref(code: string): string {
  return `/mot-cua/ho-so/${encodeURIComponent(code)}`
}

/** The desk's dossier register (form 06) of a unit and period, printable. */
export function registerHref(unitCode: string, period: Period): string {
  return withQuery('/mot-cua/so-theo-doi', scopeQuery(unitCode, period))
}

/** The feedback queue of a unit, by category and status ('open' for those still waiting). */
export function feedbackQueueHref(unitCode: string, options: { category?: string | null; status?: string | null; isOverdue?: boolean } = {}): string {
  return withQuery('/admin/phan-anh', { unit: unitCode, category: options.category ?? null, status: options.status ?? null, overdue: options.isOverdue ? 'true' : null })
}

/** The ratings summary of a unit and period. */
export function ratingsHref(unitCode: string, period: Period): string {
  return withQuery('/danh-gia', scopeQuery(unitCode, period))
}

/** The dialogue coverage of a unit and year. */
export function coverageHref(unitCode: string, year: number): string {
  return withQuery('/admin/doi-thoai/bao-phu', { unit: unitCode, year })
}

/** The citizen reception compliance of a unit and period. */
export function receptionHref(unitCode: string, period: Period): string {
  return withQuery('/admin/tiep-cong-dan/tuan-thu', scopeQuery(unitCode, period))
}

/** An export of a table of the dashboard (or of a list, with its figure). */
export function exportHref(table: string, format: 'csv' | 'xlsx', query: Readonly<Record<string, string | number | null | undefined>>): string {
  return withQuery(`${EXPORT_PATH}/${table}.${format}`, query)
}
