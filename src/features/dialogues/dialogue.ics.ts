/**
 * iCalendar (RFC 5545) for dialogue sessions: one session (/doi-thoai/:id.ics) and a feed of all
 * (/doi-thoai/lich.ics) that calendar applications subscribe to.
 *
 * Written here rather than with a library: the well-kept generator (ical-generator 11) needs
 * Node 22, and what a feed of events needs is small. What RFC 5545 asks and this does: lines end
 * in CRLF (3.1); lines longer than 75 octets are folded with CRLF and one space, never inside a
 * UTF-8 character (3.1); TEXT values escape backslash, semicolon, comma and newlines (3.3.11);
 * times are UTC ("Z", 3.3.5), so no VTIMEZONE is needed; UID is stable per session (3.8.4.7) so a
 * subscribed calendar updates an event instead of duplicating it; DTSTAMP (3.8.7.2) is the
 * session's last change, so an unchanged session gives the same bytes; SEQUENCE grows with every
 * change (seconds from creation to the last change, plus the status's place in the life of a
 * session) so clients take a cancellation or a new time as newer.
 */
import type { FeatureDeps } from '../../app.ts'
import { NotFoundError } from '../../platform/http/errors.ts'
import { createI18n } from '../../platform/i18n/i18n.ts'
import type { Translate } from '../../platform/i18n/i18n.ts'
import { messages } from './dialogue.messages.ts'
import * as repo from './dialogue.repository.ts'
import type { SessionRecord } from './dialogue.repository.ts'
import { acceptsQuestions, SESSION_STATUSES } from './dialogue.ts'
import * as units from '../units/index.ts'
import { BadRequestError } from '../../platform/http/errors.ts'

/** Most octets on one line, line break excluded (RFC 5545, 3.1). */
export const MAX_LINE_OCTETS = 75

/** How long a session lasts in calendars when no end was given. */
export const DEFAULT_DURATION_MS = 2 * 3_600_000

/** How far back the feed reaches: recent sessions stay in subscribers' calendars for a while. */
export const FEED_HISTORY_MS = 366 * 86_400_000

/** Most sessions in the feed. */
export const FEED_LIMIT = 1000

/** Escapes a TEXT value (RFC 5545, 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n')
}

/**
 * Folds a content line to at most 75 octets per physical line: continuation lines start with one
 * space (which counts among their octets), and a multi-octet UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let octets = 0
  let limit = MAX_LINE_OCTETS
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8')
    if (octets + size > limit) {
      parts.push(current)
      current = ''
      octets = 0
      // Later lines begin with a space, leaving 74 octets for content.
      limit = MAX_LINE_OCTETS - 1
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n ')
}

/** An instant in UTC as a DATE-TIME value: 20260504T010000Z. */
export function formatUtc(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

/** One event of a calendar, already translated. */
export interface IcsEvent {
  readonly uid: string
  readonly stamp: Date
  readonly start: Date
  readonly end: Date
  readonly summary: string
  readonly description: string
  readonly location: string
  readonly url: string
  readonly status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED'
  readonly sequence: number
  readonly created: Date
}

/** A calendar of events as RFC 5545 text, CRLF line ends included. */
export function renderCalendar(calendar: { readonly name: string; readonly productId: string; readonly events: readonly IcsEvent[] }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${calendar.productId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    'X-WR-TIMEZONE:Asia/Ho_Chi_Minh',
  ]
  for (const e of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${formatUtc(e.stamp)}`,
      `CREATED:${formatUtc(e.created)}`,
      `LAST-MODIFIED:${formatUtc(e.stamp)}`,
      `DTSTART:${formatUtc(e.start)}`,
      `DTEND:${formatUtc(e.end)}`,
      `SEQUENCE:${e.sequence}`,
      `STATUS:${e.status}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `LOCATION:${escapeText(e.location)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `URL:${e.url}`,
      'END:VEVENT',
    )
  }
  lines.push('END:VCALENDAR')
  return `${lines.map(foldLine).join('\r\n')}\r\n`
}

/** The calendar's product identifier (RFC 5545, 3.7.3). */
export const PRODUCT_ID = '-//Cong So//Doi thoai truc tiep//VI'

/** The host part of UIDs: the deployment's own host name, so UIDs are unique across deployments. */
function uidDomain(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname || 'congso.local'
  } catch {
    return 'congso.local'
  }
}

/** The event of a session. */
function eventOf(session: SessionRecord, hostNames: readonly string[], baseUrl: string, t: Translate, now: Date): IcsEvent {
  const values = { topic: session.topic, unit: session.unit.name }
  const url = `${baseUrl}/doi-thoai/${session.id}`
  const description = [
    session.description ?? '',
    hostNames.length > 0 ? t('dialogues.ics.hosts', { hosts: hostNames.join('; ') }) : '',
    session.livestreamUrl ? t('dialogues.ics.livestream', { url: session.livestreamUrl }) : '',
    acceptsQuestions(session.status, session.startsAt, now) ? t('dialogues.ics.questions', { url }) : '',
    session.status === 'cancelled' && session.cancelReason ? t('dialogues.ics.cancelReason', { reason: session.cancelReason }) : '',
  ]
    .filter((part) => part !== '')
    .join('\n\n')
  const isCancelled = session.status === 'cancelled'
  return {
    uid: `dialogue-${session.id}@${uidDomain(baseUrl)}`,
    stamp: session.updatedAt,
    created: session.createdAt,
    start: session.startsAt,
    end: session.endsAt ?? new Date(session.startsAt.getTime() + DEFAULT_DURATION_MS),
    summary: t(isCancelled ? 'dialogues.ics.cancelledSummary' : 'dialogues.ics.summary', values),
    description,
    location: session.venue,
    url,
    status: isCancelled ? 'CANCELLED' : session.status === 'planned' ? 'TENTATIVE' : 'CONFIRMED',
    // Neither part ever goes down, and each grows with a change: updated_at moves with every edit,
    // and every status step moves forward in SESSION_STATUSES (cancelled last).
    sequence: Math.max(0, Math.floor((session.updatedAt.getTime() - session.createdAt.getTime()) / 1000)) + SESSION_STATUSES.indexOf(session.status),
  }
}

/** What the calendars need. */
type IcsDeps = Pick<FeatureDeps, 'db' | 'clock'> & { readonly config: Pick<FeatureDeps['config'], 'baseUrl'> }

const vietnamese = createI18n(messages).translator('vi')

/** Builds the events of some sessions. */
async function eventsOf(deps: IcsDeps, sessions: readonly SessionRecord[], t: Translate): Promise<IcsEvent[]> {
  const now = deps.clock.now()
  const hosts = await repo.findHosts(
    deps.db,
    sessions.map((s) => s.id),
  )
  return sessions.map((s) =>
    eventOf(
      s,
      (hosts.get(s.id) ?? []).map((h) => `${h.staff.fullName} (${h.roleLabel})`),
      deps.config.baseUrl,
      t,
      now,
    ),
  )
}

/** The iCalendar of one session; 404 for an unknown one. */
export async function sessionIcs(deps: IcsDeps, id: number, t: Translate = vietnamese): Promise<string> {
  const session = Number.isSafeInteger(id) && id > 0 ? await repo.findSession(deps.db, id) : null
  if (!session) throw new NotFoundError('dialogues.errors.notFound')
  return renderCalendar({ name: session.topic, productId: PRODUCT_ID, events: await eventsOf(deps, [session], t) })
}

/**
 * The feed of every session from a year ago on (cancelled ones included, so subscribed calendars
 * learn of the cancellation), optionally of one unit and those under it; 400 for an unknown unit.
 */
export async function feedIcs(deps: IcsDeps, input: { readonly unitCode?: string | null } = {}, t: Translate = vietnamese): Promise<string> {
  const code = input.unitCode?.trim() ?? ''
  const unit = code === '' ? null : await units.getUnitByCode(deps, code).catch(() => null)
  if (code !== '' && !unit) throw new BadRequestError('dialogues.errors.unit', { unit: 'dialogues.errors.unit' })
  const since = new Date(deps.clock.now().getTime() - FEED_HISTORY_MS)
  const ids = await repo.findFeedSessionIds(deps.db, since, unit?.path ?? null, FEED_LIMIT)
  const byId = new Map((await repo.findSessions(deps.db, ids)).map((s) => [s.id, s]))
  const sessions = ids.map((id) => byId.get(id)).filter((s): s is SessionRecord => s !== undefined)
  return renderCalendar({ name: t('dialogues.ics.calendarName'), productId: PRODUCT_ID, events: await eventsOf(deps, sessions, t) })
}
