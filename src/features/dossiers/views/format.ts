/**
 * How the desk's pages write instants, time limits, fees, documents and statuses for people:
 * "17:00, thứ Năm 05/03/2026", always in Vietnam time whatever the server's zone.
 */
import type { Translate } from '../../../platform/i18n/i18n.ts'
import type { TagTone } from '../../../views/components.tsx'
import { dayOfWeek, formatInstant, localDateOf } from '../../calendar/index.ts'
import type { ProcedureDocument, ProcedureTimeLimit } from '../../procedures/index.ts'
import type { DossierStatus } from '../dossier.ts'

/** The parts of an instant in Vietnam time: "17:00" and "05/03/2026". */
function partsOf(at: Date): { time: string; date: string; day: string; month: string; year: string } {
  const iso = formatInstant(at)
  const [year = '', month = '', day = ''] = iso.slice(0, 10).split('-')
  return { time: iso.slice(11, 16), date: `${day}/${month}/${year}`, day, month, year }
}

/** An instant with its weekday, as residents read a date: "17:00, thứ Năm 05/03/2026". */
export function formatLong(t: Translate, at: Date): string {
  const { time, date } = partsOf(at)
  return t('dossiers.pages.instant', { time, weekday: t(`dossiers.pages.weekday.${dayOfWeek(localDateOf(at))}`), date })
}

/** An instant in a table cell: "17:00 05/03/2026". */
export function formatShort(at: Date): string {
  const { time, date } = partsOf(at)
  return `${time} ${date}`
}

/** The civil day of an instant: "05/03/2026". */
export function formatDay(at: Date): string {
  return partsOf(at).date
}

/** An optional instant, long form, or the "not yet" word. */
export function formatLongOrNone(t: Translate, at: Date | null): string {
  return at ? formatLong(t, at) : t('dossiers.pages.notYet')
}

/** The value of a datetime-local input for an instant, in Vietnam time: "2026-03-05T17:00". */
export function dateTimeLocalValue(at: Date): string {
  return formatInstant(at).slice(0, 16)
}

/** The value of a date input for an instant, in Vietnam time: "2026-03-05". */
export function dateValue(at: Date): string {
  return formatInstant(at).slice(0, 10)
}

/**
 * The date line of an administrative document: "Uyên Hưng, ngày 05 tháng 3 năm 2026". Days below
 * 10 and the months January and February take a leading zero, as Vietnamese documents write them.
 */
export function documentDateLine(t: Translate, place: string, at: Date): string {
  const { day, month, year } = partsOf(at)
  const monthNumber = Number(month)
  return t('dossiers.pages.sheet.dateLine', { place, day, month: monthNumber < 3 ? month : String(monthNumber), year })
}

/** A procedure's legal time limit in words: "3 ngày làm việc". */
export function timeLimitText(t: Translate, limit: ProcedureTimeLimit): string {
  switch (limit.kind) {
    case 'days':
      return t('dossiers.pages.timeLimit.days', { days: limit.days })
    case 'hours':
      return t('dossiers.pages.timeLimit.hours', { hours: limit.hours })
    default:
      return t('dossiers.pages.timeLimit.sameDay')
  }
}

const amountFormat = new Intl.NumberFormat('vi-VN')

/** A fee in đồng, or "no fee". */
export function feeText(t: Translate, feeVnd: number): string {
  return feeVnd === 0 ? t('dossiers.pages.fee.free') : t('dossiers.pages.fee.amount', { amount: amountFormat.format(feeVnd) })
}

/** How a document is handed in, with the number of copies when it is handed in at all. */
export function documentFormText(t: Translate, document: Pick<ProcedureDocument, 'form' | 'copies'>): string {
  const form = t(`dossiers.pages.documentForm.${document.form}`)
  return document.form === 'show_original' || document.copies === 0 ? form : `${form}, ${t('dossiers.pages.copies', { count: document.copies })}`
}

/** The hint under a document's checkbox: form, copies, required or not, and the catalogue's note. */
export function documentHint(t: Translate, document: Pick<ProcedureDocument, 'form' | 'copies' | 'isRequired' | 'note'>): string {
  return [documentFormText(t, document), t(document.isRequired ? 'dossiers.pages.required' : 'dossiers.pages.optional'), document.note ?? ''].filter(Boolean).join(' · ')
}

const STATUS_TONES: Record<DossierStatus, TagTone> = {
  needs_supplement: 'yellow',
  received: 'blue',
  processing: 'blue',
  result_ready: 'green',
  returned: 'green',
  refused: 'red',
  stopped: 'grey',
}

/** The colour of a status tag. */
export function statusTone(status: DossierStatus): TagTone {
  return STATUS_TONES[status]
}

/** What a timing tag needs to know about a dossier. */
export interface TimingFacts {
  readonly status: DossierStatus
  readonly dueAt: Date | null
  readonly isOverdue: boolean
  readonly timing: 'early' | 'on_time' | 'late' | null
}

/** The tag saying how a dossier stands against its time limit, or null when nothing can be said. */
export function timingTag(t: Translate, d: TimingFacts): { tone: TagTone; text: string } | null {
  if (d.timing) return { tone: d.timing === 'late' ? 'red' : 'green', text: t(`dossiers.timing.${d.timing}`) }
  if (d.isOverdue) return { tone: 'red', text: t('dossiers.timing.late') }
  if ((d.status === 'received' || d.status === 'processing') && d.dueAt) return { tone: 'green', text: t('dossiers.pages.withinTime') }
  return null
}
