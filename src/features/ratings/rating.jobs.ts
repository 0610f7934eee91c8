/** The ratings feature's scheduled work, shared by the worker's daily job and the CLI. */
import type { Db } from '../../db/database.ts'
import type { Clock } from '../../platform/clock.ts'
import { createI18n, mergeCatalogues } from '../../platform/i18n/i18n.ts'
import type { ScheduledJob } from '../../platform/jobs/scheduler.ts'
import { evaluateCorrectiveRules } from './corrective.service.ts'
import type { LetterEvidence, RulesRun } from './corrective.service.ts'
import { messages } from './rating.messages.ts'

/**
 * Evaluates the corrective-action rules with the feature's own message catalogue for the notices;
 * `letters` is the evidence of upheld letters, supplied by the feedback feature.
 */
export function evaluateCorrectiveRulesWithMessages(deps: { db: Db; clock: Clock; baseUrl: string }, month?: string, letters: LetterEvidence | null = null): Promise<RulesRun[]> {
  const i18n = createI18n(mergeCatalogues([messages]))
  return evaluateCorrectiveRules({ ...deps, i18n }, { ...(month ? { month } : {}), letters })
}

/** The daily evaluation of the rules, early in the morning before offices open. */
export function ratingJobs(deps: { db: Db; clock: Clock; baseUrl: string }, letters: LetterEvidence | null = null): ScheduledJob[] {
  return [
    {
      name: 'ratings.corrective-rules',
      schedule: { dailyAt: '06:00' },
      async run() {
        await evaluateCorrectiveRulesWithMessages(deps, undefined, letters)
      },
    },
  ]
}
