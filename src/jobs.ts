/** The scheduled jobs of every feature, gathered for the worker. */
import type { Db } from './db/database.ts'
import type { Clock } from './platform/clock.ts'
import type { ScheduledJob } from './platform/jobs/scheduler.ts'
import { purgeCounters } from './platform/http/rate-counter.ts'
import { ratingJobs } from './features/ratings/index.ts'
import { feedbackJobs, upheldLetters } from './features/feedback/index.ts'
import { newsJobs } from './features/news/index.ts'

/** What jobs need. */
export interface JobDeps {
  readonly db: Db
  readonly clock: Clock
  /** Public address, for links in the notices jobs send. */
  readonly baseUrl: string
}

/** Every scheduled job; features add theirs here as they arrive. */
export function scheduledJobs(deps: JobDeps): ScheduledJob[] {
  return [
    {
      name: 'sessions.purge-expired',
      schedule: { dailyAt: '02:00' },
      async run(now) {
        await deps.db.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).execute()
        // Rate-limit windows are at most a day long.
        await purgeCounters(deps.db, new Date(now.getTime() - 86_400_000))
      },
    },
    // Upheld letters about an official count as evidence for the corrective-action rules.
    ...ratingJobs(deps, upheldLetters),
    ...feedbackJobs(deps),
    ...newsJobs(deps),
  ]
}
