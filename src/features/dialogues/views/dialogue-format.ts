/**
 * Addresses of the dialogue pages, and how they write instants and statuses: "08:00, thứ Năm
 * 05/03/2026" in Vietnam time whatever the server's zone, and a tag colour for each status.
 * Views, handlers and tests read the addresses from here so that they agree.
 */
import type { Translate } from '../../../platform/i18n/i18n.ts'
import type { TagTone } from '../../../views/components.tsx'
import { dayOfWeek, formatInstant, localDateOf } from '../../calendar/index.ts'

/** The public list of upcoming and past sessions. */
export const PUBLIC_PATH = '/doi-thoai'
/** The iCalendar feed of every announced session. */
export const FEED_ICS_PATH = '/doi-thoai/lich.ics'
/** The staff list of sessions, with the form that creates one. */
export const STAFF_PATH = '/admin/doi-thoai'
/** Coverage: which wards and communes held a dialogue in a year. */
export const COVERAGE_PATH = '/admin/doi-thoai/bao-phu'

/** A session's public page. */
export function sessionHref(id: number): string {
  return `${PUBLIC_PATH}/${id}`
}

/** Where the public question form posts. */
export function questionFormHref(id: number): string {
  return `${PUBLIC_PATH}/${id}/cau-hoi`
}

/** Where a resident's "support" button for one question posts. */
export function supportHref(sessionId: number, questionId: number): string {
  return `${PUBLIC_PATH}/${sessionId}/cau-hoi/${questionId}/ung-ho`
}

/** The printable minutes (biên bản) of a session. */
export function minutesHref(id: number): string {
  return `${PUBLIC_PATH}/${id}/bien-ban`
}

/** One session as an iCalendar file. */
export function sessionIcsHref(id: number): string {
  return `${PUBLIC_PATH}/${id}.ics`
}

/** A session's staff page: status, hosts, moderation. */
export function staffSessionHref(id: number): string {
  return `${STAFF_PATH}/${id}`
}

/** The secretary's page of a session, for use during the session. */
export function secretaryHref(id: number): string {
  return `${STAFF_PATH}/${id}/thu-ky`
}

/** An instant, which the service may give as a Date or as ISO text. */
export type InstantValue = Date | string

/** The instant as a Date. */
export function toDate(at: InstantValue): Date {
  return at instanceof Date ? at : new Date(at)
}

/** The parts of an instant in Vietnam time. */
function partsOf(at: InstantValue): { time: string; date: string; day: string; month: string; year: string } {
  const iso = formatInstant(toDate(at))
  const [year = '', month = '', day = ''] = iso.slice(0, 10).split('-')
  return { time: iso.slice(11, 16), date: `${day}/${month}/${year}`, day, month, year }
}

/** An instant with its weekday, as residents read a date: "08:00, thứ Năm 05/03/2026". */
export function formatLong(t: Translate, at: InstantValue): string {
  const { time, date } = partsOf(at)
  return t('dialogues.pages.when.instant', { time, weekday: t(`dialogues.pages.when.weekday.${dayOfWeek(localDateOf(toDate(at)))}`), date })
}

/** When a session takes place: "08:00 – 11:00, thứ Năm 05/03/2026" (the end left out when unknown or on another day). */
export function formatSpan(t: Translate, startsAt: InstantValue, endsAt: InstantValue | null): string {
  const start = partsOf(startsAt)
  const long = formatLong(t, startsAt)
  if (endsAt === null) return long
  const end = partsOf(endsAt)
  if (end.date !== start.date) return t('dialogues.pages.when.range', { from: long, to: formatLong(t, endsAt) })
  return t('dialogues.pages.when.instant', { time: `${start.time} – ${end.time}`, weekday: t(`dialogues.pages.when.weekday.${dayOfWeek(localDateOf(toDate(startsAt)))}`), date: start.date })
}

/** An instant in a table cell: "08:00 05/03/2026". */
export function formatShort(at: InstantValue): string {
  const { time, date } = partsOf(at)
  return `${time} ${date}`
}

/** The civil day of an instant: "05/03/2026". */
export function formatDay(at: InstantValue): string {
  return partsOf(at).date
}

/** The value of a datetime-local input for an instant, in Vietnam time: "2026-03-05T08:00". */
export function dateTimeLocalValue(at: InstantValue): string {
  return formatInstant(toDate(at)).slice(0, 16)
}

/** The value of a date input for an instant, in Vietnam time: "2026-03-05". */
export function dateValue(at: InstantValue): string {
  return formatInstant(toDate(at)).slice(0, 10)
}

/** The date line of a document: "Uyên Hưng, ngày 05 tháng 3 năm 2026" (months 1 and 2 with a leading zero). */
export function documentDateLine(t: Translate, place: string, at: InstantValue): string {
  const { day, month, year } = partsOf(at)
  const monthNumber = Number(month)
  return t('dialogues.pages.minutes.dateLine', { place, day, month: monthNumber < 3 ? month : String(monthNumber), year })
}

/** The colour of a session's status tag. */
export function sessionTone(status: string): TagTone {
  switch (status) {
    case 'planned':
      return 'grey'
    case 'open_for_questions':
      return 'blue'
    case 'held':
      return 'yellow'
    case 'minutes_published':
    case 'closed':
      return 'green'
    case 'cancelled':
      return 'red'
    default:
      return 'grey'
  }
}

/** The colour of a question's status tag. */
export function questionTone(status: string): TagTone {
  switch (status) {
    case 'pending':
      return 'yellow'
    case 'published':
      return 'blue'
    case 'answered':
      return 'green'
    case 'unanswered':
    case 'hidden':
      return 'red'
    default:
      return 'grey'
  }
}

/** The colour of a tracked follow-up item's status tag (the feedback module's statuses). */
export function trackedTone(status: string, isOverdue: boolean): TagTone {
  if (isOverdue) return 'red'
  switch (status) {
    case 'answered':
    case 'closed':
      return 'green'
    case 'rejected':
      return 'red'
    case 'new':
      return 'blue'
    default:
      return 'yellow'
  }
}
