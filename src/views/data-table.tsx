/** A table model on a page: numbers in the page's language, a link on each figure with a list behind it, and its exports. */
import { numberFormat } from './chart.tsx'
import { Table } from './components.tsx'
import type { PageContext } from './page.ts'
import type { CellModel, ColumnKind, TableModel } from './table-export.ts'

/** A cell's text in the page's language: counts with grouping, shares as percentages, days with one decimal. */
export function formatValue(value: string | number | null, kind: ColumnKind, locale: string): string {
  if (value === null) return '—'
  if (typeof value === 'string') return value
  const tag = locale === 'en' ? 'en-GB' : 'vi-VN'
  if (kind === 'percent') return `${numberFormat(tag, 1).format(value * 100)}%`
  if (kind === 'days') return numberFormat(tag, 1).format(value)
  return numberFormat(tag).format(value)
}

/** One cell's content: its text, linked when a list stands behind it. */
function CellContent(props: { cell: CellModel | undefined; kind: ColumnKind; locale: string }): JSX.Element {
  const text = formatValue(props.cell?.value ?? null, props.kind, props.locale)
  return props.cell?.href ? (
    <a href={props.cell.href} safe>
      {text}
    </a>
  ) : (
    <span safe>{text}</span>
  )
}

/** Links to a table's CSV and XLSX exports. */
export function ExportLinks(props: { ctx: PageContext; csv: string; xlsx: string; caption: string }): JSX.Element {
  const t = props.ctx.t
  return (
    <p class="body-secondary">
      <span safe>{`${t('export.label')} `}</span>
      <a href={props.csv} download="" aria-label={t('export.csvOf', { table: props.caption })} safe>
        {t('export.csv')}
      </a>
      <span aria-hidden="true"> · </span>
      <a href={props.xlsx} download="" aria-label={t('export.xlsxOf', { table: props.caption })} safe>
        {t('export.xlsx')}
      </a>
    </p>
  )
}

/** A table model as an HTML table, its first column as row headings, with its exports under it. */
export function DataTable(props: { ctx: PageContext; table: TableModel; emptyText: string; exports?: { csv: string; xlsx: string } | null; isCaptionHidden?: boolean }): JSX.Element {
  const { ctx, table } = props
  return (
    <>
      <Table
        caption={table.caption}
        isCaptionHidden={props.isCaptionHidden ?? false}
        columns={table.columns.map((c) => ({ text: c.header, isNumeric: c.kind !== 'text' }))}
        emptyText={props.emptyText}
        rowCount={table.rows.length}
        isStackedOnMobile
      >
        {table.rows.map((row) => (
          <tr class={row.isTotal ? 'table-total' : undefined}>
            {table.columns.map((column, i) =>
              i === 0 ? (
                <th scope="row" data-label={column.header}>
                  <CellContent cell={row.cells[i]} kind={column.kind} locale={ctx.locale} />
                </th>
              ) : (
                <td class={column.kind === 'text' ? undefined : 'numeric'} data-label={column.header}>
                  <CellContent cell={row.cells[i]} kind={column.kind} locale={ctx.locale} />
                </td>
              ),
            )}
          </tr>
        ))}
      </Table>
      {props.exports && table.rows.length > 0 ? <ExportLinks ctx={ctx} csv={props.exports.csv} xlsx={props.exports.xlsx} caption={table.caption} /> : ''}
    </>
  )
}
