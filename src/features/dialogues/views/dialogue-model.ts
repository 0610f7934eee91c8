/**
 * What the dialogue pages show, shaped for the views: the handlers map the service's views onto
 * these, so a view never reaches into the database's rows. The public shapes carry no contact
 * detail, no hidden reason and no prepared answer: what is not here cannot leak onto a page.
 */
import type { InstantValue } from './dialogue-format.ts'

/** A host as introduced: "Nguyễn Văn Thành – Chủ tịch UBND phường". */
export interface HostItem {
  readonly fullName: string
  readonly roleLabel: string
}

/** A session as lists show it. */
export interface SessionItem {
  readonly id: number
  readonly unitName: string
  readonly topic: string
  readonly startsAt: InstantValue
  readonly endsAt: InstantValue | null
  readonly venue: string
  readonly livestreamUrl: string | null
  readonly status: string
  readonly hosts: readonly HostItem[]
}

/** A tracked follow-up item of the feedback module, as its public status shows. */
export interface TrackedItem {
  readonly code: string
  /** The feedback module's status (new, accepted, assigned, answered, closed…). */
  readonly status: string
  readonly dueAt: InstantValue | null
  readonly isOverdue: boolean
  /** When the item has a public page of its own. */
  readonly isPublic: boolean
}

/** A question as the public sees it. */
export interface PublicQuestion {
  readonly id: number
  /** before (sent ahead of the session) or floor (raised at the session). */
  readonly source: string
  /** The name the resident gave, or null when anonymous. */
  readonly askerName: string | null
  readonly residentialArea: string | null
  readonly text: string
  /** published, answered or unanswered. */
  readonly status: string
  readonly supportCount: number
  readonly answer: string | null
  readonly answeredBy: string | null
  /** The follow-up of a question left unanswered. */
  readonly tracked: TrackedItem | null
  /** Whether this device has supported the question already. */
  readonly isSupported: boolean
  /** Whether it may be supported now. */
  readonly canSupport: boolean
}

/** A commitment made at a session. */
export interface CommitmentItem {
  readonly id: number
  readonly questionId: number | null
  readonly responsibleUnitName: string
  /** Who will do it, as said at the session. */
  readonly responsible: string
  readonly content: string
  readonly dueAt: InstantValue
  readonly tracked: TrackedItem | null
}

/** A session's public page. */
export interface PublicSession extends SessionItem {
  readonly description: string | null
  readonly cancelReason: string | null
  readonly questions: readonly PublicQuestion[]
  readonly commitments: readonly CommitmentItem[]
}

/** A question in the minutes. */
export interface MinutesQuestion {
  readonly id: number
  readonly source: string
  readonly askerName: string | null
  readonly residentialArea: string | null
  readonly text: string
  readonly answer: string | null
  readonly answeredBy: string | null
}

/** The record a session's minutes are printed from. */
export interface Minutes {
  readonly id: number
  readonly unitName: string
  readonly topic: string
  readonly startsAt: InstantValue
  readonly endsAt: InstantValue | null
  readonly venue: string
  readonly hosts: readonly HostItem[]
  readonly secretaryName: string | null
  readonly participants: string | null
  readonly attendance: number | null
  readonly summary: string | null
  readonly questions: readonly MinutesQuestion[]
  readonly commitments: readonly CommitmentItem[]
  readonly heldAt: InstantValue | null
  readonly publishedAt: InstantValue | null
  /** Whether it is public yet (status minutes_published or closed). */
  readonly isPublished: boolean
}

/** A question as staff see it. */
export interface StaffQuestion {
  readonly id: number
  readonly source: string
  readonly askerName: string | null
  readonly isAnonymous: boolean
  readonly residentialArea: string | null
  /** Phone or e-mail the resident left; staff only. */
  readonly contact: string | null
  readonly text: string
  readonly status: string
  readonly hiddenReason: string | null
  readonly mergedIntoId: number | null
  readonly assignedUnitName: string | null
  readonly preparedAnswer: string | null
  readonly answer: string | null
  readonly answeredBy: string | null
  readonly supportCount: number
  readonly submittedAt: InstantValue
  readonly tracked: TrackedItem | null
  /** Moderation actions and the answer the reader may take on it now. */
  readonly actions: readonly string[]
}

/** A session as staff see it, with what the reader may do. */
export interface StaffSession extends SessionItem {
  readonly unitCode: string
  readonly description: string | null
  readonly cancelReason: string | null
  readonly secretaryName: string | null
  readonly participants: string | null
  readonly attendance: number | null
  readonly summary: string | null
  readonly questions: readonly StaffQuestion[]
  readonly commitments: readonly CommitmentItem[]
  readonly secretaryUsername: string | null
  readonly hostUsernames: readonly { readonly username: string; readonly roleLabel: string }[]
  /** Status actions the reader may take now (open_questions, mark_held, publish_minutes, close, cancel). */
  readonly actions: readonly string[]
  readonly can: {
    readonly isOrganiser: boolean
    readonly isSecretary: boolean
    readonly editSchedule: boolean
    readonly editHosts: boolean
    readonly editMinutes: boolean
    readonly moderate: boolean
    /** Record floor questions, answers and commitments. */
    readonly record: boolean
  }
}

/** A line of the staff list. */
export interface StaffSessionRow extends SessionItem {
  readonly pendingCount: number
  readonly questionCount: number
}

/** One child unit in the coverage table. */
export interface CoverageRow {
  readonly unitCode: string
  readonly unitName: string
  /** Sessions held in the year (held, minutes published or closed). */
  readonly heldCount: number
  /** The most recent of them, for a link. */
  readonly lastSessionId: number | null
  readonly lastHeldAt: InstantValue | null
  readonly commitments: number
  readonly done: number
  readonly onTime: number
  readonly overdue: number
}

/** Coverage for a year and a parent unit. */
export interface CoverageReport {
  readonly year: number
  readonly parentName: string
  readonly rows: readonly CoverageRow[]
  readonly covered: number
  readonly total: number
  readonly commitments: number
  readonly done: number
  readonly onTime: number
  readonly overdue: number
}
