/**
 * The citizen's evaluation of a finished dossier (Circular 01/2018/TT-VPCP with Decree 61/2018 Art. 31):
 * nine indicators scored 0–2, maximum 18. Four are computed from the dossier's own record and never
 * asked; five are asked. Pure rules, no I/O.
 */

/** The nine indicators, in the order of the circular. */
export const INDICATORS = [
  'total_time',
  'time_per_agency',
  'return_visits',
  'agencies_contacted',
  'desk_service',
  'procedure_publication',
  'official_attitude',
  'feedback_handling',
  'online_quality',
] as const
/** One of INDICATORS. */
export type Indicator = (typeof INDICATORS)[number]

/** The indicators the record knows: computed, never asked. */
export const COMPUTED_INDICATORS = ['total_time', 'time_per_agency', 'return_visits', 'agencies_contacted'] as const satisfies readonly Indicator[]
/** The indicators asked of the applicant. */
export const ASKED_INDICATORS = ['desk_service', 'procedure_publication', 'official_attitude', 'feedback_handling', 'online_quality'] as const satisfies readonly Indicator[]

/** The overall answer. */
export const OVERALL_ANSWERS = ['very_satisfied', 'satisfied', 'not_satisfied'] as const
/** One of OVERALL_ANSWERS. */
export type OverallAnswer = (typeof OVERALL_ANSWERS)[number]

/** Bands of the total score. */
export type ScoreBand = 'good' | 'fair' | 'poor'

/** The smallest totals of each band (a setting, with these defaults: 15–18 good, 10–14 fair, 0–9 poor). */
export const DEFAULT_BAND_FLOORS = Object.freeze({ good: 15, fair: 10 })

/** What the dossier's record says, for the computed indicators. */
export interface RecordFacts {
  readonly timing: 'early' | 'on_time' | 'late' | null
  readonly hasApology: boolean
  readonly returnVisits: number
  readonly agenciesInvolved: number
}

/**
 * Scores the computed indicators:
 * - total time against the limit: early 2, on time 1, late 0 (no due date at all, e.g. refused at
 *   the desk the same day: 2);
 * - time at each agency: 2 when no agency needed more time, 1 when one had to apologise and set a
 *   new date, 0 when the result was late;
 * - times the applicant had to come back: none 2, once 1, more 0;
 * - agencies contacted: the applicant deals with the one-stop desk only, however many agencies
 *   handle the dossier behind it, so 1 agency gives 2; a dossier the applicant had to carry to
 *   more agencies would score 1 (two) or 0 (more).
 */
export function computedScores(facts: RecordFacts): Record<(typeof COMPUTED_INDICATORS)[number], 0 | 1 | 2> {
  const totalTime = facts.timing === 'late' ? 0 : facts.timing === 'on_time' ? 1 : 2
  const perAgency = facts.timing === 'late' ? 0 : facts.hasApology ? 1 : 2
  const visits = facts.returnVisits <= 0 ? 2 : facts.returnVisits === 1 ? 1 : 0
  return { total_time: totalTime, time_per_agency: perAgency, return_visits: visits, agencies_contacted: 2 }
}

/** The band of a total. */
export function bandOf(total: number, floors: { good: number; fair: number } = DEFAULT_BAND_FLOORS): ScoreBand {
  return total >= floors.good ? 'good' : total >= floors.fair ? 'fair' : 'poor'
}

/** Catalogue keys of what is wrong with the asked answers (empty when valid). */
export function checkAnswers(asked: Partial<Record<string, unknown>>, overall: unknown, comment: unknown): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const indicator of ASKED_INDICATORS) {
    const score = asked[indicator]
    if (score !== 0 && score !== 1 && score !== 2) fields[`scores.${indicator}`] = 'ratings.errors.score'
  }
  for (const key of Object.keys(asked)) {
    // Computed indicators are never taken from the applicant.
    if (!(ASKED_INDICATORS as readonly string[]).includes(key)) fields[`scores.${key}`] = 'ratings.errors.notAsked'
  }
  if (!(OVERALL_ANSWERS as readonly unknown[]).includes(overall)) fields.overall = 'ratings.errors.overall'
  if (comment !== undefined && comment !== null && (typeof comment !== 'string' || comment.length > 2000)) fields.comment = 'ratings.errors.comment'
  return fields
}

/** A complete evaluation: every indicator's score, the total, its band. */
export interface Scored {
  readonly scores: Record<Indicator, 0 | 1 | 2>
  readonly total: number
  readonly band: ScoreBand
}

/** Combines computed and asked scores into the nine, the total (max 18) and the band. */
export function scoreEvaluation(facts: RecordFacts, asked: Record<(typeof ASKED_INDICATORS)[number], 0 | 1 | 2>): Scored {
  const scores = { ...computedScores(facts), ...asked } as Record<Indicator, 0 | 1 | 2>
  const total = INDICATORS.reduce((sum, indicator) => sum + scores[indicator], 0)
  return { scores, total, band: bandOf(total) }
}

/** Satisfaction index of a set of answers: the share that are satisfied or very satisfied, or null for none. */
export function satisfactionIndex(counts: { very_satisfied: number; satisfied: number; not_satisfied: number }): number | null {
  const all = counts.very_satisfied + counts.satisfied + counts.not_satisfied
  return all === 0 ? null : (counts.very_satisfied + counts.satisfied) / all
}
