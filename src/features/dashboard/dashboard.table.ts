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

/** Row of `dossier_monthly_stats`: the sums of a unit's and procedure's daily rows over a Vietnam month. */
export interface DossierMonthlyStatsTable {
  unit_id: number
  procedure_id: number
  /** "YYYY-MM". */
  month: string
  received: Count
  returned_early: Count
  returned_on_time: Count
  returned_late: Count
  refused: Count
  stopped: Count
  processing_seconds: Count
}

/** Row of `feedback_monthly_stats`: the sums of a unit's and category's daily rows over a Vietnam month. */
export interface FeedbackMonthlyStatsTable {
  unit_id: number
  category: string
  month: string
  submitted: Count
  answered: Count
  answered_on_time: Count
}

/** The monthly tables, added to the database's type where they are used (see dashboard.repository.ts). */
export type MonthlyStatsTables = {
  dossier_monthly_stats: DossierMonthlyStatsTable
  feedback_monthly_stats: FeedbackMonthlyStatsTable
}
