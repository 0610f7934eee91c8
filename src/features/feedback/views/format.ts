/**
 * How the feedback pages write instants and statuses: "09:05 02/03/2026" in Vietnam time whatever
 * the server's zone, and a tag colour for each status.
 */
import type { TagTone } from '../../../views/components.tsx'
import { formatInstant } from '../../calendar/index.ts'
import type { FeedbackStatus } from '../feedback.ts'

/** An instant from the service, which may come as a Date or as ISO text. */
export type InstantValue = Date | string

/** The instant as a Date. */
export function toDate(at: InstantValue): Date {
  return at instanceof Date ? at : new Date(at)
}

/** An instant as people read it: "09:05 02/03/2026", in Vietnam time. */
export function formatShort(at: InstantValue): string {
  const iso = formatInstant(toDate(at))
  const [year = '', month = '', day = ''] = iso.slice(0, 10).split('-')
  return `${iso.slice(11, 16)} ${day}/${month}/${year}`
}

/** The civil day of an instant: "02/03/2026", in Vietnam time. */
export function formatDay(at: InstantValue): string {
  const [year = '', month = '', day = ''] = formatInstant(toDate(at)).slice(0, 10).split('-')
  return `${day}/${month}/${year}`
}

/** The value of a datetime-local input for an instant, in Vietnam time: "2026-03-05T17:00". */
export function dateTimeLocalValue(at: InstantValue): string {
  return formatInstant(toDate(at)).slice(0, 16)
}

/** The colour of a status tag. */
export function statusTone(status: FeedbackStatus | string): TagTone {
  switch (status) {
    case 'new':
      return 'blue'
    case 'accepted':
    case 'assigned':
      return 'yellow'
    case 'answered':
    case 'closed':
      return 'green'
    case 'rejected':
      return 'red'
    default:
      return 'grey'
  }
}
