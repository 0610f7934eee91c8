/**
 * The desk's tables as models, exported as CSV or XLSX (src/views/table-export.ts): the staff list
 * as filtered, and the on-time figures. The figures page renders the same model it exports, so an
 * export holds exactly what the page shows. Builders take the translator of the request's language.
 */
import type { Translate } from '../../platform/i18n/i18n.ts'
import { formatValue } from '../../views/data-table.tsx'
import type { CellModel, ColumnKind, RowModel, TableModel } from '../../views/table-export.ts'
import type { FigureRow, Figures } from './dossier.figures.ts'
import { formatShort } from './views/format.ts'
import type { ListedDossier } from './views/list.tsx'

const cell = (value: string | number | null): CellModel => ({ value })

/** The dossiers of an export of the staff list, with how many matched and the most one export holds. */
export interface ExportedList {
  readonly dossiers: readonly ListedDossier[]
  readonly total: number
  readonly limit: number
}

/** Whether an export of the list was cut at its limit. */
export function isExportCut(list: Pick<ExportedList, 'total' | 'limit'>): boolean {
  return list.total > list.limit
}

/** The words of the notice that an export holds only the newest `limit` of `total` dossiers. */
export function exportCutNotice(t: Translate, locale: string, list: Pick<ExportedList, 'total' | 'limit'>): string {
  return t('dossiers.pages.list.exportCut', { limit: formatValue(list.limit, 'count', locale), total: formatValue(list.total, 'count', locale) })
}

/**
 * The staff list as filtered: what each row of the page shows (code, applicant unmasked, procedure,
 * dates, status in words, overdue, assignee) with the unit, and a last line saying so when the list
 * was cut at the limit.
 */
export function dossierListTable(t: Translate, locale: string, list: ExportedList): TableModel {
  const key = (name: string) => t(`dossiers.pages.list.${name}`)
  const text = (header: string) => ({ header, kind: 'text' as ColumnKind })
  const columns = [
    text(key('code')),
    text(key('applicant')),
    text(key('procedureCode')),
    text(key('procedure')),
    text(key('unit')),
    text(key('received')),
    text(key('due')),
    text(key('status2')),
    text(key('overdueColumn')),
    text(key('assignee')),
  ]
  const rows: RowModel[] = list.dossiers.map((d) => ({
    cells: [
      cell(d.code ?? t('dossiers.pages.list.noCode', { id: d.id })),
      cell(d.applicant.fullName),
      cell(d.procedureCode),
      cell(d.procedureName),
      cell(d.unitName),
      cell(d.receivedAt ? formatShort(d.receivedAt) : t('dossiers.pages.notYet')),
      cell(d.dueAt ? formatShort(d.dueAt) : t('dossiers.pages.notYet')),
      cell(t(`dossiers.status.${d.status}`)),
      cell(key(d.isOverdue ? 'yes' : 'no')),
      cell(d.assigneeName ?? key('unassigned')),
    ],
  }))
  if (isExportCut(list)) rows.push({ isTotal: true, cells: [cell(exportCutNotice(t, locale, list))] })
  return { key: 'ho-so', caption: key('title'), columns, rows }
}

/** The counted columns of the figures, in the page's order. */
const FIGURE_COLUMNS = ['received', 'returned', 'early', 'onTime', 'late', 'refused', 'stopped', 'open', 'overdue'] as const

/** The on-time figures by the chosen group, with the total line; no line at all when nothing was counted. */
export function figuresTable(t: Translate, figures: Figures): TableModel {
  const group = t(`dossiers.figures.groupBy.${figures.by}`)
  const rowOf = (label: string, row: FigureRow, isTotal: boolean): RowModel => ({ isTotal, cells: [cell(label), ...FIGURE_COLUMNS.map((c) => cell(row[c])), cell(row.onTimeRate)] })
  return {
    key: 'so-lieu',
    caption: t('dossiers.figures.tableCaption', { group }),
    columns: [
      { header: group, kind: 'text' },
      ...FIGURE_COLUMNS.map((c) => ({ header: t(`dossiers.figures.column.${c}`), kind: 'count' as ColumnKind })),
      { header: t('dossiers.figures.column.onTimeRate'), kind: 'percent' },
    ],
    rows: figures.rows.length === 0 ? [] : [...figures.rows.map((r) => rowOf(r.label, r, false)), rowOf(t('dossiers.figures.total'), figures.total, true)],
  }
}
