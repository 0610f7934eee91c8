/** Kysely table interfaces of satisfaction, surveys and corrective actions. */
import type { Generated } from 'kysely'

type Instant = string | Date

/** Row of `dossier_evaluations`. */
export interface DossierEvaluationsTable {
  id: Generated<number>
  dossier_id: number
  unit_id: number
  official_id: number | null
  scores_json: string
  total: number
  band: string
  overall: string
  comment: string | null
  source: string
  created_at: Instant
}

/** Row of `kiosks`. */
export interface KiosksTable {
  id: Generated<number>
  code: string
  name: string
  unit_id: number
  official_id: number | null
  key_hash: string
  is_active: Generated<number>
  created_at: Instant
  updated_at: Instant
}

/** Row of `kiosk_ratings`. */
export interface KioskRatingsTable {
  id: Generated<number>
  kiosk_id: number
  unit_id: number
  official_id: number | null
  rating: string
  client_id: string
  rated_at: Instant
  received_at: Instant
}

/** Row of `surveys`. */
export interface SurveysTable {
  id: Generated<number>
  title: string
  description: string | null
  status: string
  opens_at: Instant | null
  closes_at: Instant | null
  owner_unit_id: number
  created_by: number | null
  created_at: Instant
  updated_at: Instant
}

/** Row of `survey_units`. */
export interface SurveyUnitsTable {
  survey_id: number
  unit_id: number
}

/** Row of `survey_sections`. */
export interface SurveySectionsTable {
  id: Generated<number>
  survey_id: number
  position: number
  title: string
  factor: string | null
}

/** Row of `survey_questions`. */
export interface SurveyQuestionsTable {
  id: Generated<number>
  section_id: number
  position: number
  kind: string
  text: string
  options_json: string | null
  is_required: Generated<number>
}

/** Row of `survey_responses`. */
export interface SurveyResponsesTable {
  id: Generated<number>
  survey_id: number
  unit_id: number
  device_hash: string
  created_at: Instant
}

/** Row of `survey_answers`. */
export interface SurveyAnswersTable {
  id: Generated<number>
  response_id: number
  question_id: number
  value_json: string
}

/** Row of `corrective_cases`. */
export interface CorrectiveCasesTable {
  id: Generated<number>
  official_id: number
  unit_id: number
  rule: string
  period: string
  evidence_json: string
  status: string
  action: string | null
  action_note: string | null
  follow_up_on: string | null
  decided_by: number | null
  created_at: Instant
  updated_at: Instant
  closed_at: Instant | null
}

/** Row of `settings`. */
export interface SettingsTable {
  key: string
  value_json: string
  updated_at: Instant
}
