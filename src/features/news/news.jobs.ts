/** News's scheduled work: publishing the articles whose scheduled time has come. */
import type { Db } from '../../db/database.ts'
import type { Clock } from '../../platform/clock.ts'
import type { ScheduledJob } from '../../platform/jobs/scheduler.ts'
import { publishDueArticles } from './news.service.ts'

/** Every 5 minutes: an article scheduled for 07:00 is out a few minutes after, at most. */
export function newsJobs(deps: { db: Db; clock: Clock }): ScheduledJob[] {
  return [
    {
      name: 'news.publish-scheduled',
      schedule: { everyMinutes: 5 },
      async run() {
        await publishDueArticles(deps)
      },
    },
  ]
}
