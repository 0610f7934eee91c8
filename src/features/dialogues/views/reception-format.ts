/**
 * Addresses of the reception pages, and how they write dates, hours and states: "Thứ Năm,
 * 05/03/2026", "07:30–11:30", "09:05 02/03/2026" in Vietnam time whatever the server's zone.
 */
import type { TagTone } from '../../../views/components.tsx'
import type { Translate } from '../../../platform/i18n/i18n.ts'
import { dayOfWeek, formatInstant, parseCivilDate } from '../../calendar/index.ts'
import type { DayStatus, NoticeState } from '../reception.ts'

/** The public schedule. */
export const PUBLIC_SCHEDULE_PATH = '/tiep-cong-dan'
/** The staff schedule (the reception section's home). */
export const STAFF_RECEPTION_PATH = '/admin/tiep-cong-dan'
/** Where the forms for new days post. */
export const NEW_DAY_PATH = `${STAFF_RECEPTION_PATH}/lich`
export const PATTERN_PATH = `${STAFF_RECEPTION_PATH}/lich/mau`
/** The register. */
export const REGISTER_LIST_PATH = `${STAFF_RECEPTION_PATH}/so`
export const NEW_CASE_PATH = `${REGISTER_LIST_PATH}/moi`
export const PRINT_REGISTER_PATH = `${REGISTER_LIST_PATH}/in`
/** The compliance view. */
export const COMPLIANCE_PATH = `${STAFF_RECEPTION_PATH}/tuan-thu`

/** One reception day's page. */
export function dayHref(id: number): string {
  return `${STAFF_RECEPTION_PATH}/lich/${id}`
}

/** One register entry's page. */
export function caseHref(id: number): string {
  return `${REGISTER_LIST_PATH}/${id}`
}

/** A path with a query of the non-empty values. */
export function withQuery(path: string, values: Readonly<Record<string, string | number | boolean | null | undefined>>): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === '' || value === false) continue
    params.set(name, String(value))
  }
  const query = params.toString()
  return query ? `${path}?${query}` : path
}

/** `YYYY-MM-DD` as `DD/MM/YYYY`. */
export function shortDate(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`
}

/** A date with its weekday: "Thứ Năm, 05/03/2026". */
export function longDate(t: Translate, day: string): string {
  return t('reception.format.dayLong', { weekday: t(`reception.weekdays.d${dayOfWeek(parseCivilDate(day))}`), date: shortDate(day) })
}

/** An instant as people read it: "09:05 02/03/2026", in Vietnam time. */
export function shortInstant(at: Date): string {
  const iso = formatInstant(at)
  return `${iso.slice(11, 16)} ${shortDate(iso.slice(0, 10))}`
}

/** The value of a datetime-local input for an instant, in Vietnam time: "2026-03-05T17:00". */
export function dateTimeLocal(at: Date): string {
  return formatInstant(at).slice(0, 16)
}

/** The colour of a day's status. */
export function dayTone(status: DayStatus): TagTone {
  return status === 'held' ? 'green' : status === 'cancelled' ? 'grey' : 'blue'
}

/** The colour of a notice state. */
export function noticeTone(state: NoticeState): TagTone {
  switch (state) {
    case 'overdue':
    case 'late':
      return 'red'
    case 'pending':
      return 'yellow'
    case 'on_time':
      return 'green'
    default:
      return 'grey'
  }
}
