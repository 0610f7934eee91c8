/** Kysely table interfaces of the one-stop desk. */
import type { Generated } from 'kysely'

type Instant = string | Date

/** Row of `dossiers`. */
export interface DossiersTable {
  id: Generated<number>
  code: string | null
  pin: string | null
  unit_id: number
  procedure_id: number
  status: string
  channel: string
  applicant_name: string
  applicant_id_number: string | null
  applicant_phone: string | null
  applicant_email: string | null
  applicant_address: string | null
  created_at: Instant
  received_at: Instant | null
  due_at: Instant | null
  original_due_at: Instant | null
  received_by: number | null
  assignee_id: number | null
  current_step: Generated<number>
  has_supplement_request: Generated<number>
  has_apology: Generated<number>
  return_visits: Generated<number>
  result_ready_at: Instant | null
  finished_at: Instant | null
  return_method: string | null
  timing: string | null
  refusal_reason: string | null
  updated_at: Instant
}

/** Row of `dossier_documents`. */
export interface DossierDocumentsTable {
  id: Generated<number>
  dossier_id: number
  name: string
  is_provided: Generated<number>
}

/** Row of `dossier_events`: one line of the dossier's history and control sheet. */
export interface DossierEventsTable {
  id: Generated<number>
  dossier_id: number
  at: Instant
  actor_id: number | null
  actor_label: string
  action: string
  from_status: string | null
  to_status: string
  to_staff_id: number | null
  to_unit_id: number | null
  step_name: string | null
  note: string | null
  data_json: string | null
}

/** Row of `dossier_code_sequences`. */
export interface DossierCodeSequencesTable {
  agency_code: string
  day: string
  last_value: number
}
