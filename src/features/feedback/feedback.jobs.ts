/** Feedback's scheduled work: telling leaders about overdue items. */
import type { Db } from '../../db/database.ts'
import type { Clock } from '../../platform/clock.ts'
import type { ScheduledJob } from '../../platform/jobs/scheduler.ts'
import { escalateOverdue } from './feedback.service.ts'

/** Every 15 minutes: an item due at 17:00 is escalated soon after, not the next morning. */
export function feedbackJobs(deps: { db: Db; clock: Clock; baseUrl: string }): ScheduledJob[] {
  return [
    {
      name: 'feedback.escalate-overdue',
      schedule: { everyMinutes: 15 },
      async run() {
        await escalateOverdue({ db: deps.db, clock: deps.clock, config: { baseUrl: deps.baseUrl } })
      },
    },
  ]
}
