/** Kysely table interfaces of the pre-aggregated daily figures. */
import type { ColumnType } from 'kysely'

type Count = ColumnType<number, number | undefined, number>

/** Row of `dossier_daily_stats`: one unit, procedure and Vietnam day. */
export interface DossierDailyStatsTable {
  unit_id: number
  procedure_id: number
  day: string
  received: Count
  returned_early: Count
  returned_on_time: Count
  returned_late: Count
  refused: Count
  stopped: Count
  processing_seconds: Count
}

/** Row of `feedback_daily_stats`: one unit, category and Vietnam day. */
export interface FeedbackDailyStatsTable {
  unit_id: number
  category: string
  day: string
  submitted: Count
  answered: Count
  answered_on_time: Count
}
