/** Kysely table interfaces of direct dialogues and citizen reception. */
import type { Generated } from 'kysely'

type Instant = string | Date

/** Row of `dialogue_sessions`. */
export interface DialogueSessionsTable {
  id: Generated<number>
  unit_id: number
  topic: string
  description: string | null
  starts_at: Instant
  ends_at: Instant | null
  venue: string
  livestream_url: string | null
  status: string
  cancel_reason: string | null
  participants: string | null
  attendance: number | null
  summary: string | null
  secretary_id: number | null
  held_at: Instant | null
  minutes_published_at: Instant | null
  closed_at: Instant | null
  created_by: number | null
  created_at: Instant
  updated_at: Instant
}

/** Row of `dialogue_hosts`. */
export interface DialogueHostsTable {
  session_id: number
  staff_id: number
  role_label: string
  position: number
}

/** Row of `dialogue_questions`. */
export interface DialogueQuestionsTable {
  id: Generated<number>
  session_id: number
  source: string
  asker_name: string | null
  residential_area: string | null
  contact: string | null
  is_anonymous: Generated<number>
  text: string
  status: string
  hidden_reason: string | null
  merged_into_id: number | null
  assigned_unit_id: number | null
  prepared_answer: string | null
  answer: string | null
  answered_by: string | null
  support_count: Generated<number>
  feedback_item_id: number | null
  created_at: Instant
  updated_at: Instant
}

/** Row of `dialogue_supports`. */
export interface DialogueSupportsTable {
  question_id: number
  device_hash: string
  created_at: Instant
}

/** Row of `dialogue_commitments`. */
export interface DialogueCommitmentsTable {
  id: Generated<number>
  session_id: number
  question_id: number | null
  responsible_unit_id: number
  responsible: string
  content: string
  due_at: Instant
  feedback_item_id: number | null
  created_by: number | null
  created_at: Instant
}

/** Row of `reception_days`. */
export interface ReceptionDaysTable {
  id: Generated<number>
  unit_id: number
  staff_id: number
  host_role: string
  day: string
  starts: string
  ends: string
  venue: string
  status: string
  note: string | null
  created_at: Instant
  updated_at: Instant
}

/** Row of `reception_cases`. */
export interface ReceptionCasesTable {
  id: Generated<number>
  unit_id: number
  reception_day_id: number | null
  received_at: Instant
  received_by: number | null
  citizen_name: string
  citizen_address: string | null
  people_count: number
  content: string
  earlier_handling: string | null
  kind: string
  direction: string
  outcome: string | null
  notify_due_at: Instant
  notified_at: Instant | null
  notice: string | null
  created_at: Instant
  updated_at: Instant
}
