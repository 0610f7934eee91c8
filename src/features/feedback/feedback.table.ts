/** Kysely table interfaces of feedback and petitions, and of Open311 clients. */
import type { Generated } from 'kysely'

type Instant = string | Date

/** Row of `feedback_items`: one report, petition, letter, complaint or denunciation. */
export interface FeedbackItemsTable {
  id: Generated<number>
  code: string
  kind: string
  category: string
  unit_id: number
  title: string | null
  description: string
  address: string | null
  latitude: number | null
  longitude: number | null
  attributes_json: string | null
  media_url: string | null
  contact_name: string | null
  contact_phone: string | null
  contact_email: string | null
  is_anonymous: Generated<number>
  wants_public: Generated<number>
  is_published: Generated<number>
  published_at: Instant | null
  status: string
  official_id: number | null
  assigned_unit_id: number | null
  assignee_id: number | null
  duplicate_of_id: number | null
  rejection_reason: string | null
  due_at: Instant | null
  escalated_at: Instant | null
  public_answer: string | null
  answered_at: Instant | null
  answered_by: number | null
  upheld: number | null
  decided_at: Instant | null
  resident_rating: number | null
  rated_at: Instant | null
  reopen_count: Generated<number>
  reopened_at: Instant | null
  token_hash: string
  origin: string
  origin_ref: string | null
  open311_client_id: number | null
  submitted_at: Instant
  updated_at: Instant
  closed_at: Instant | null
}

/** Row of `feedback_photos`: a photo with its location metadata already removed. */
export interface FeedbackPhotosTable {
  id: Generated<number>
  item_id: number
  position: number
  mime: string
  width: number
  height: number
  size_bytes: number
  file_key: string
  thumb_key: string
  created_at: Instant
}

/** Row of `feedback_events`: one line of an item's history. */
export interface FeedbackEventsTable {
  id: Generated<number>
  item_id: number
  at: Instant
  actor_id: number | null
  actor_label: string
  action: string
  from_status: string | null
  to_status: string
  note: string | null
  is_internal: Generated<number>
  data_json: string | null
}

/** Row of `feedback_code_sequences`: the last tracking-code number used on a day. */
export interface FeedbackCodeSequencesTable {
  day: string
  last_value: number
}

/** Row of `open311_clients`: an application allowed to post requests with its api_key. */
export interface Open311ClientsTable {
  id: Generated<number>
  name: string
  key_hash: string
  created_at: Instant
  revoked_at: Instant | null
  last_used_at: Instant | null
}
