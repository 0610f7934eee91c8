/**
 * Tables as pages show and export them (the dashboard, the desk's lists, the feedback list): one model per table (caption, typed columns,
 * rows of cells, a link on a cell where a list stands behind the figure), written out as CSV
 * (UTF-8 with a byte-order mark, so Excel reads Vietnamese right) or as an XLSX workbook (exceljs).
 */
import ExcelJS from 'exceljs'
import type { FastifyReply } from 'fastify'
import { NotFoundError } from '../platform/http/errors.ts'

/** How a column's values are written. */
export type ColumnKind = 'text' | 'count' | 'percent' | 'days'

/** A column of a table. */
export interface ColumnModel {
  readonly header: string
  readonly kind: ColumnKind
}

/** One cell: a text or a number (a share from 0 to 1 for percent columns), and where its list is. */
export interface CellModel {
  readonly value: string | number | null
  readonly href?: string | null
}

/** One row of a table. */
export interface RowModel {
  readonly cells: readonly CellModel[]
  /** A total or subtotal line. */
  readonly isTotal?: boolean
}

/** A table as shown on a page and exported. */
export interface TableModel {
  /** The name in export addresses and file names ("units", "report"). */
  readonly key: string
  readonly caption: string
  readonly columns: readonly ColumnModel[]
  readonly rows: readonly RowModel[]
}

/**
 * Most rows one export of a list holds. A longer list is cut to its newest rows and the file says
 * so in a last line; an office that needs more narrows the filter (a period, a unit).
 */
export const EXPORT_ROW_LIMIT = 50_000

/** The formats a table is exported in. */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const
/** One of EXPORT_FORMATS. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** The MIME type of a format. */
export const EXPORT_MIME: Readonly<Record<ExportFormat, string>> = Object.freeze({
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
})

/** A cell's value as exported: percentages in per cent with one decimal, days with one decimal, counts as they are. */
function exportedNumber(value: number, kind: ColumnKind): number {
  if (kind === 'percent') return Math.round(value * 1000) / 10
  if (kind === 'days') return Math.round(value * 10) / 10
  return value
}

/**
 * Text as a spreadsheet should read it: a cell starting with =, +, -, @ or a control character
 * would be run as a formula when opened (a resident's name is typed by anyone), so it gets a
 * leading apostrophe, which spreadsheets show as text.
 */
export function neutralisedText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/** One CSV field, quoted when it holds a comma, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** The table as CSV: a byte-order mark, a header line, then one line per row, lines ended by CRLF. */
export function toCsv(table: TableModel): string {
  const header = table.columns.map((c) => csvField(neutralisedText(c.header)))
  const lines = table.rows.map((row) =>
    table.columns.map((column, i) => {
      const value = row.cells[i]?.value ?? null
      if (value === null) return ''
      if (typeof value === 'number') return String(exportedNumber(value, column.kind))
      return csvField(neutralisedText(value))
    }),
  )
  return `\uFEFF${[header, ...lines].map((fields) => fields.join(',')).join('\r\n')}\r\n`
}

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\. */
function sheetName(caption: string): string {
  return caption.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet1'
}

/** The table as an XLSX workbook of one sheet: the header row in bold, numbers as numbers, shares as percentages. */
export async function toXlsx(table: TableModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Công Sở'
  const sheet = workbook.addWorksheet(sheetName(table.caption))
  sheet.columns = table.columns.map((c) => ({ header: c.header, width: c.kind === 'text' ? 36 : 14 }))
  sheet.getRow(1).font = { bold: true }
  for (const row of table.rows) {
    const added = sheet.addRow(
      table.columns.map((column, i) => {
        const value = row.cells[i]?.value ?? null
        if (value === null) return null
        // Shares stay fractions, shown as percentages by the cell's format.
        if (typeof value === 'number') return column.kind === 'days' ? Math.round(value * 10) / 10 : value
        return neutralisedText(value)
      }),
    )
    if (row.isTotal) added.font = { bold: true }
  }
  table.columns.forEach((column, i) => {
    if (column.kind === 'percent') sheet.getColumn(i + 1).numFmt = '0.0%'
    if (column.kind === 'days') sheet.getColumn(i + 1).numFmt = '0.0'
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** A file name for an export: "bang-dieu-khien-units-WARD-A-2026-03-01-2026-03-31.csv". */
export function exportFileName(parts: readonly (string | null | undefined)[], format: ExportFormat): string {
  const stem = parts
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .join('-')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
  return `${stem}.${format}`
}

/** Sends a table as a download: private (exports of staff tables name residents) unless said public. */
export async function sendExport(reply: FastifyReply, table: TableModel, format: ExportFormat, name: string, options: { isPublic?: boolean } = {}): Promise<FastifyReply> {
  const body = format === 'csv' ? toCsv(table) : await toXlsx(table)
  return reply
    .header('cache-control', options.isPublic ? 'public, max-age=60' : 'no-store')
    .header('content-disposition', `attachment; filename="${name}"`)
    .type(EXPORT_MIME[format])
    .send(body)
}

/** The table and format an export address names ("units.csv"), or a 404. */
export function parseExportName<T extends string>(file: string, tables: readonly T[]): { table: T; format: ExportFormat } {
  const match = /^([a-z-]+)\.(csv|xlsx)$/.exec(file)
  const table = match?.[1] as T | undefined
  const format = match?.[2] as ExportFormat | undefined
  if (!table || !format || !tables.includes(table) || !EXPORT_FORMATS.includes(format)) throw new NotFoundError()
  return { table, format }
}
