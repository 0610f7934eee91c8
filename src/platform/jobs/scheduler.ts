/**
 * Scheduled jobs and the background worker. Each run of a job is claimed by inserting its
 * (job, slot) row: with several app instances exactly one insert succeeds, so each job runs once.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { instant, isUniqueViolation } from '../../db/portable.ts'
import type { Clock } from '../clock.ts'
import type { Senders } from '../notify/notify.ts'
import { processOutbox } from './outbox.ts'

/** When a job runs: every N minutes, or daily at a Vietnam-time hh:mm. */
export type JobSchedule = { readonly everyMinutes: number } | { readonly dailyAt: string }

/** A job the worker runs on a schedule. */
export interface ScheduledJob {
  readonly name: string
  readonly schedule: JobSchedule
  run(now: Date): Promise<void>
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000

/** The slot a moment belongs to, or null when a daily job is not yet due that day. */
export function slotFor(schedule: JobSchedule, now: Date): string | null {
  if ('everyMinutes' in schedule) {
    const slot = Math.floor(now.getTime() / (schedule.everyMinutes * 60_000))
    return `m${schedule.everyMinutes}:${slot}`
  }
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MS)
  const [hours = 0, minutes = 0] = schedule.dailyAt.split(':').map(Number)
  if (local.getUTCHours() * 60 + local.getUTCMinutes() < hours * 60 + minutes) return null
  return local.toISOString().slice(0, 10)
}

/** Claims a job's slot; true when this caller won it and must run the job. */
export async function claimJobRun(db: Kysely<Database>, job: string, slot: string, workerId: string, now: Date): Promise<boolean> {
  try {
    await db.insertInto('job_runs').values({ job, slot, claimed_by: workerId, started_at: instant(now) }).execute()
    return true
  } catch (error) {
    if (isUniqueViolation(error)) return false
    throw error
  }
}

/** Runs each due job whose slot this worker claims; returns the names run. */
export async function runDueJobs(db: Kysely<Database>, jobs: readonly ScheduledJob[], workerId: string, now: Date): Promise<string[]> {
  const ran: string[] = []
  for (const job of jobs) {
    const slot = slotFor(job.schedule, now)
    if (slot === null) continue
    if (!(await claimJobRun(db, job.name, slot, workerId, now))) continue
    let error: string | null = null
    try {
      await job.run(now)
      ran.push(job.name)
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught)
    }
    await db
      .updateTable('job_runs')
      .set({ finished_at: instant(new Date()), error })
      .where('job', '=', job.name)
      .where('slot', '=', slot)
      .execute()
  }
  return ran
}

/** What the worker needs. */
export interface WorkerDeps {
  readonly db: Kysely<Database>
  readonly clock: Clock
  readonly senders: Senders
  readonly jobs: readonly ScheduledJob[]
  readonly log: { error(object: object, message?: string): void }
  /** Milliseconds between rounds. */
  readonly intervalMs?: number
}

/** A running worker that can be stopped. */
export interface Worker {
  readonly id: string
  /** Runs one round now (outbox, then due jobs). */
  tick(): Promise<void>
  stop(): Promise<void>
}

/** Starts the in-process worker: delivers the outbox and runs scheduled jobs. */
export function startWorker(deps: WorkerDeps): Worker {
  const id = `worker-${randomUUID()}`
  let running: Promise<void> | null = null
  const tick = async () => {
    const now = deps.clock.now()
    try {
      await processOutbox(deps.db, deps.senders, id, now)
      await runDueJobs(deps.db, deps.jobs, id, now)
    } catch (error) {
      deps.log.error({ err: error }, 'worker round failed')
    }
  }
  const timer = setInterval(() => {
    if (running) return
    running = tick().finally(() => {
      running = null
    })
  }, deps.intervalMs ?? 5_000)
  timer.unref()
  return {
    id,
    tick,
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
