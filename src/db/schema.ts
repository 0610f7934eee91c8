/** The whole database's table interfaces, assembled from the features' and platform's *.table.ts. */
import type { ApiTokensTable, SessionsTable } from '../platform/auth/auth.table.ts'
import type { AuditHeadTable, AuditLogTable } from '../platform/audit/audit.table.ts'
import type { JobRunsTable, OutboxTable } from '../platform/jobs/jobs.table.ts'
import type { RoleGrantsTable, StaffTable, UnitsTable } from '../features/units/unit.table.ts'
import type { ProcedureDocumentsTable, ProcedureStepsTable, ProceduresTable } from '../features/procedures/procedure.table.ts'
import type { DossierCodeSequencesTable, DossierDocumentsTable, DossierEventsTable, DossiersTable } from '../features/dossiers/dossier.table.ts'
import type { RateCountersTable } from '../platform/http/rate-counter.table.ts'
import type {
  CorrectiveCasesTable,
  DossierEvaluationsTable,
  KioskRatingsTable,
  KiosksTable,
  SettingsTable,
  SurveyAnswersTable,
  SurveyQuestionsTable,
  SurveyResponsesTable,
  SurveySectionsTable,
  SurveysTable,
  SurveyUnitsTable,
} from '../features/ratings/rating.table.ts'
import type { FeedbackCodeSequencesTable, FeedbackEventsTable, FeedbackItemsTable, FeedbackPhotosTable, Open311ClientsTable } from '../features/feedback/feedback.table.ts'
import type { DialogueCommitmentsTable, DialogueHostsTable, DialogueQuestionsTable, DialogueSessionsTable, DialogueSupportsTable, ReceptionCasesTable, ReceptionDaysTable } from '../features/dialogues/dialogue.table.ts'
import type { NewsArticlesTable, NewsCommentsTable, NewsImagesTable, NewsRelatedTable, NewsTagsTable } from '../features/news/news.table.ts'
import type { SearchDocumentsTable, SearchPostingsTable } from '../platform/search/search.table.ts'
import type { DossierDailyStatsTable, FeedbackDailyStatsTable } from '../features/dashboard/dashboard.table.ts'
import type { CalendarOverridesTable, CalendarUnitSettingsTable, CalendarVersionTable } from '../features/calendar/calendar.table.ts'

/** Every table Kysely knows, by name. */
export interface Database {
  units: UnitsTable
  staff: StaffTable
  role_grants: RoleGrantsTable
  sessions: SessionsTable
  api_tokens: ApiTokensTable
  audit_log: AuditLogTable
  audit_head: AuditHeadTable
  outbox: OutboxTable
  job_runs: JobRunsTable
  calendar_overrides: CalendarOverridesTable
  calendar_unit_settings: CalendarUnitSettingsTable
  calendar_version: CalendarVersionTable
  procedures: ProceduresTable
  procedure_documents: ProcedureDocumentsTable
  procedure_steps: ProcedureStepsTable
  dossiers: DossiersTable
  dossier_documents: DossierDocumentsTable
  dossier_events: DossierEventsTable
  dossier_code_sequences: DossierCodeSequencesTable
  rate_counters: RateCountersTable
  dossier_evaluations: DossierEvaluationsTable
  kiosks: KiosksTable
  kiosk_ratings: KioskRatingsTable
  surveys: SurveysTable
  survey_units: SurveyUnitsTable
  survey_sections: SurveySectionsTable
  survey_questions: SurveyQuestionsTable
  survey_responses: SurveyResponsesTable
  survey_answers: SurveyAnswersTable
  corrective_cases: CorrectiveCasesTable
  settings: SettingsTable
  open311_clients: Open311ClientsTable
  feedback_items: FeedbackItemsTable
  feedback_photos: FeedbackPhotosTable
  feedback_events: FeedbackEventsTable
  feedback_code_sequences: FeedbackCodeSequencesTable
  dialogue_sessions: DialogueSessionsTable
  dialogue_hosts: DialogueHostsTable
  dialogue_questions: DialogueQuestionsTable
  dialogue_supports: DialogueSupportsTable
  dialogue_commitments: DialogueCommitmentsTable
  reception_days: ReceptionDaysTable
  reception_cases: ReceptionCasesTable
  news_articles: NewsArticlesTable
  news_tags: NewsTagsTable
  news_images: NewsImagesTable
  news_related: NewsRelatedTable
  news_comments: NewsCommentsTable
  search_documents: SearchDocumentsTable
  search_postings: SearchPostingsTable
  dossier_daily_stats: DossierDailyStatsTable
  feedback_daily_stats: FeedbackDailyStatsTable
}
