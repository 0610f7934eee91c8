/**
 * Corrective actions (chấn chỉnh, nhắc nhở): rules that find officials who fall short, on evidence,
 * and the life of the case a finding opens. Pure rules and types; no I/O.
 */

/** The rules, as deployment settings with defaults. */
export interface CorrectiveRules {
  /** Enough evaluations and kiosk ratings in a month, with too large a share "not satisfied". */
  readonly notSatisfied: { readonly isEnabled: boolean; readonly minRatings: number; readonly minShare: number }
  /** Too many dossiers returned late in a month. */
  readonly lateDossiers: { readonly isEnabled: boolean; readonly minLate: number }
  /** Upheld feedback letters about the official's conduct in a month (from the feedback module). */
  readonly upheldLetters: { readonly isEnabled: boolean; readonly minLetters: number }
}

/** Defaults: 5 ratings with 30% not satisfied; 3 late dossiers; any upheld letter. */
export const DEFAULT_CORRECTIVE_RULES: CorrectiveRules = Object.freeze({
  notSatisfied: Object.freeze({ isEnabled: true, minRatings: 5, minShare: 0.3 }),
  lateDossiers: Object.freeze({ isEnabled: true, minLate: 3 }),
  upheldLetters: Object.freeze({ isEnabled: true, minLetters: 1 }),
})

/** Names of the rules. */
export const RULE_NAMES = ['notSatisfied', 'lateDossiers', 'upheldLetters'] as const
/** One of RULE_NAMES. */
export type RuleName = (typeof RULE_NAMES)[number]

/** What one official did in a period, as the rules read it. */
export interface OfficialRecord {
  readonly officialId: number
  readonly unitId: number
  readonly ratings: number
  readonly notSatisfied: number
  /** Evaluation ids and kiosk rating ids that were "not satisfied": the evidence. */
  readonly notSatisfiedEvidence: readonly string[]
  readonly lateCodes: readonly string[]
  readonly upheldLetters: readonly string[]
}

/** A rule's finding about an official: opens a case. */
export interface Finding {
  readonly officialId: number
  readonly unitId: number
  readonly rule: RuleName
  readonly evidence: { readonly summary: Record<string, number>; readonly items: readonly string[] }
}

/** Applies the enabled rules to officials' records. */
export function findShortfalls(records: readonly OfficialRecord[], rules: CorrectiveRules): Finding[] {
  const findings: Finding[] = []
  for (const r of records) {
    if (rules.notSatisfied.isEnabled && r.ratings >= rules.notSatisfied.minRatings && r.ratings > 0 && r.notSatisfied / r.ratings >= rules.notSatisfied.minShare) {
      findings.push({
        officialId: r.officialId,
        unitId: r.unitId,
        rule: 'notSatisfied',
        evidence: { summary: { ratings: r.ratings, notSatisfied: r.notSatisfied }, items: r.notSatisfiedEvidence },
      })
    }
    if (rules.lateDossiers.isEnabled && r.lateCodes.length >= rules.lateDossiers.minLate) {
      findings.push({ officialId: r.officialId, unitId: r.unitId, rule: 'lateDossiers', evidence: { summary: { late: r.lateCodes.length }, items: r.lateCodes } })
    }
    if (rules.upheldLetters.isEnabled && r.upheldLetters.length >= rules.upheldLetters.minLetters) {
      findings.push({ officialId: r.officialId, unitId: r.unitId, rule: 'upheldLetters', evidence: { summary: { letters: r.upheldLetters.length }, items: r.upheldLetters } })
    }
  }
  return findings
}

/** Checks rules an administrator sends; returns field → catalogue key for each problem. */
export function checkRules(rules: CorrectiveRules): Record<string, string> {
  const fields: Record<string, string> = {}
  if (!Number.isInteger(rules.notSatisfied.minRatings) || rules.notSatisfied.minRatings < 1) fields['notSatisfied.minRatings'] = 'ratings.errors.ruleCount'
  if (!(rules.notSatisfied.minShare > 0 && rules.notSatisfied.minShare <= 1)) fields['notSatisfied.minShare'] = 'ratings.errors.ruleShare'
  if (!Number.isInteger(rules.lateDossiers.minLate) || rules.lateDossiers.minLate < 1) fields['lateDossiers.minLate'] = 'ratings.errors.ruleCount'
  if (!Number.isInteger(rules.upheldLetters.minLetters) || rules.upheldLetters.minLetters < 1) fields['upheldLetters.minLetters'] = 'ratings.errors.ruleCount'
  return fields
}

/** Statuses of a case: open (waiting for the leader), action recorded (follow-up pending), closed. */
export const CASE_STATUSES = ['open', 'action_recorded', 'closed'] as const
/** One of CASE_STATUSES. */
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** What the leader did. */
export const CASE_ACTIONS = ['reminder', 'correction', 'no_action'] as const
/** One of CASE_ACTIONS. */
export type CaseAction = (typeof CASE_ACTIONS)[number]

/** The month a moment falls in, in Vietnam time: "2026-03". */
export function monthOf(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 7)
}

/** The instants a month "YYYY-MM" starts and ends at, in Vietnam time. */
export function monthBounds(month: string): { from: Date; to: Date } {
  const [year, mon] = month.split('-').map(Number) as [number, number]
  const from = new Date(Date.UTC(year, mon - 1, 1) - 7 * 3_600_000)
  const to = new Date(Date.UTC(year, mon, 1) - 7 * 3_600_000)
  return { from, to }
}
