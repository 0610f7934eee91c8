/** Serving: loadConfig → openDatabase → migrate → buildApp → listen, plus the in-process worker. */
import pino from 'pino'
import type { Config } from './config.ts'
import { buildApp } from './app.ts'
import type { App } from './app.ts'
import { openDatabase } from './db/database.ts'
import type { OpenDatabase } from './db/database.ts'
import { migrateUp } from './db/migrate.ts'
import { systemClock } from './platform/clock.ts'
import type { Clock } from './platform/clock.ts'
import { startWorker } from './platform/jobs/scheduler.ts'
import type { Worker } from './platform/jobs/scheduler.ts'
import { createLogSender, createSmtpSender } from './platform/notify/notify.ts'
import type { Senders } from './platform/notify/notify.ts'
import { scheduledJobs } from './jobs.ts'

/** A running server and how to stop it. */
export interface RunningServer {
  readonly app: App
  readonly database: OpenDatabase
  readonly worker: Worker | null
  readonly url: string
  close(): Promise<void>
}

/** The message senders for a configuration: SMTP when SMTP_URL is set, otherwise the log. */
export function sendersFor(config: Config, log: pino.Logger): Senders {
  const logSender = createLogSender(log)
  return { email: config.smtpUrl ? createSmtpSender(config.smtpUrl, config.smtpFrom) : logSender, sms: logSender }
}

/** Opens the database, applies pending migrations, and starts listening. */
export async function startServer(config: Config, options: { clock?: Clock; database?: OpenDatabase } = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock
  const log = pino({ level: config.logLevel })
  const database = options.database ?? openDatabase(config)
  await migrateUp(database.db)
  const app = await buildApp({ config, db: database.db, dialect: database.dialect, clock, logger: { level: config.logLevel } })
  await app.listen({ host: config.host, port: config.port })
  const worker = config.isWorkerEnabled
    ? startWorker({ db: database.db, clock, senders: sendersFor(config, log), jobs: scheduledJobs({ db: database.db, clock, baseUrl: config.baseUrl }), log })
    : null
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
  let isClosed = false
  const close = async () => {
    if (isClosed) return
    isClosed = true
    await worker?.stop()
    await app.close()
    await database.close()
  }
  return { app, database, worker, url, close }
}
