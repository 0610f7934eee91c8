/** The scheduled jobs of every feature, gathered for the worker. */
import type { Db } from './db/database.ts'
import type { Clock } from './platform/clock.ts'
import type { ScheduledJob } from './platform/jobs/scheduler.ts'

/** What jobs need. */
export interface JobDeps {
  readonly db: Db
  readonly clock: Clock
}

/** Every scheduled job; features add theirs here as they arrive. */
export function scheduledJobs(deps: JobDeps): ScheduledJob[] {
  return [
    {
      name: 'sessions.purge-expired',
      schedule: { dailyAt: '02:00' },
      async run(now) {
        await deps.db.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).execute()
      },
    },
  ]
}
