/**
 * A worker process for the two-instance outbox test: delivers the outbox of the database named by
 * its first argument for a while, "sending" each message by appending its recipient to a file.
 * Run as `node --import tsx test/support/outbox-worker.ts <databaseUrl> <file> <workerId> <ms>`.
 */
import { appendFileSync } from 'node:fs'
import { openDatabase } from '../../src/db/database.ts'
import { processOutbox } from '../../src/platform/jobs/outbox.ts'
import type { MessageSender } from '../../src/platform/notify/notify.ts'

const [databaseUrl, file, workerId, durationText] = process.argv.slice(2) as [string, string, string, string]
const database = openDatabase({ databaseUrl, dialect: 'postgresql', sqlitePath: null, poolSize: 3 })
const sender: MessageSender = {
  async send(message) {
    // A little latency, as a real SMTP server has, so the two workers overlap.
    await new Promise((resolve) => setTimeout(resolve, 2))
    appendFileSync(file, `${workerId} ${message.recipient}\n`)
  },
}
const until = Date.now() + Number(durationText)
while (Date.now() < until) {
  const { sent } = await processOutbox(database.db, { email: sender, sms: sender }, workerId, new Date(), 5)
  if (sent === 0) await new Promise((resolve) => setTimeout(resolve, 20))
}
await database.close()
