/**
 * The staff queue (or the register) as a table model for its CSV and XLSX exports: the columns the
 * page shows, written out in words, for every line of the filter up to the export limit. Of the
 * resident it holds only what the page shows (the title or the description's beginning), never
 * a name, a phone number or an address.
 */
import type { Translate } from '../../../platform/i18n/i18n.ts'
import { formatValue } from '../../../views/data-table.tsx'
import type { CellModel, RowModel, TableModel } from '../../../views/table-export.ts'
import { categoryName } from './follow.tsx'
import { formatShort } from './format.ts'
import { staffItemHref } from './paths.ts'
import type { QueueItem } from './staff-queue.tsx'

/** The lines of an export and how many the filter holds. */
export interface QueueTableInput {
  readonly items: readonly QueueItem[]
  /** Lines matching the filter; more than items.length when the limit cut the list. */
  readonly total: number
  readonly limit: number
}

/** The name of the queue's table in file names, and of the register's. */
export const QUEUE_TABLE_KEY = 'phan-anh'
export const REGISTER_TABLE_KEY = 'so-khieu-nai-to-cao'

const cell = (value: string | null, href?: string | null): CellModel => ({ value, href: href ?? null })

/**
 * The queue as a table model, newest first. When the limit cut the list, a last line says so,
 * so that a file passed on cannot be taken for the whole list.
 */
export function queueTable(t: Translate, locale: string, input: QueueTableInput, options: { isRegister: boolean }): TableModel {
  const key = (name: string) => t(`feedback.pages.queue.${name}`)
  const headers = ['code', 'subject', 'kind', 'category', 'unit', 'status', 'submittedAt', 'dueAt', 'answeredAt', 'timeliness', 'handler']
  const rows: RowModel[] = input.items.map((item) => ({
    cells: [
      cell(item.code, staffItemHref(item.code)),
      cell(item.title ?? item.excerpt),
      cell(t(`feedback.kinds.${item.kind}`)),
      cell(categoryName({ t }, item.category)),
      cell(item.unitName),
      cell(t(`feedback.status.${item.status}`)),
      cell(formatShort(item.submittedAt)),
      cell(item.dueAt ? formatShort(item.dueAt) : null),
      cell(item.answeredAt ? formatShort(item.answeredAt) : null),
      cell(item.timeliness ? key(`timelinessValue.${item.timeliness}`) : null),
      cell(item.handler ?? key('unassigned')),
    ],
  }))
  if (input.total > input.items.length) {
    const count = (n: number) => formatValue(n, 'count', locale)
    rows.push({ isTotal: true, cells: [cell(t('feedback.pages.queue.export.truncated', { limit: count(input.limit), total: count(input.total) }))] })
  }
  return {
    key: options.isRegister ? REGISTER_TABLE_KEY : QUEUE_TABLE_KEY,
    caption: options.isRegister ? t('feedback.pages.register.title') : key('title'),
    columns: headers.map((name) => ({ header: key(name), kind: 'text' as const })),
    rows,
  }
}
