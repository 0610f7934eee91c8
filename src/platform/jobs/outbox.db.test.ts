import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openDatabase } from '../../db/database.ts'
import type { OpenDatabase } from '../../db/database.ts'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import type { MessageSender, OutgoingMessage, Senders } from '../notify/notify.ts'
import { backoffMs, countOutbox, enqueueMessage, listOutbox, MAX_ATTEMPTS, processOutbox, STALE_CLAIM_MS } from './outbox.ts'
import { claimJobRun, runDueJobs, slotFor } from './scheduler.ts'

/** A sender that records what it delivered, and can be told to fail. */
function recordingSender(): MessageSender & { delivered: OutgoingMessage[]; failNext: number } {
  const sender = {
    delivered: [] as OutgoingMessage[],
    failNext: 0,
    async send(message: OutgoingMessage) {
      if (sender.failNext > 0) {
        sender.failNext--
        throw new Error('SMTP 451 try later')
      }
      // A little latency so concurrent workers really overlap.
      await new Promise((resolve) => setTimeout(resolve, 1))
      sender.delivered.push(message)
    },
  }
  return sender
}

const T0 = new Date('2026-03-02T02:00:00Z')

describe('backoff', () => {
  it('doubles from one minute and stops at an hour', () => {
    assert.deepEqual([1, 2, 3, 4, 7, 12].map((n) => backoffMs(n) / 60_000), [1, 2, 4, 8, 60, 60])
  })
})

describe('scheduler slots', () => {
  it('gives a daily job one slot per Vietnam day, only after its hour', () => {
    assert.equal(slotFor({ dailyAt: '08:00' }, new Date('2026-03-02T00:59:00Z')), null) // 07:59 in Vietnam
    assert.equal(slotFor({ dailyAt: '08:00' }, new Date('2026-03-02T01:00:00Z')), '2026-03-02')
    assert.equal(slotFor({ dailyAt: '08:00' }, new Date('2026-03-02T16:59:00Z')), '2026-03-02') // 23:59
    assert.equal(slotFor({ dailyAt: '08:00' }, new Date('2026-03-02T17:00:00Z')), null) // 00:00 next day
  })
  it('gives an every-N-minutes job one slot per period', () => {
    const a = slotFor({ everyMinutes: 15 }, new Date('2026-03-02T02:00:00Z'))
    assert.equal(slotFor({ everyMinutes: 15 }, new Date('2026-03-02T02:14:59Z')), a)
    assert.notEqual(slotFor({ everyMinutes: 15 }, new Date('2026-03-02T02:15:00Z')), a)
  })
})

for (const dialect of testDialects) {
  describe(`outbox on ${dialect.name}`, () => {
    let database: TestDatabase
    before(async () => {
      database = await dialect.open()
    })
    after(() => database.close())

    const enqueue = (n: number, prefix: string) =>
      database.db.transaction().execute(async (trx) => {
        for (let i = 0; i < n; i++) {
          await enqueueMessage(trx, { channel: i % 2 ? 'sms' : 'email', recipient: `${prefix}${i}`, subject: 'Hồ sơ', body: 'Đã tiếp nhận' }, T0)
        }
      })

    it('writes nothing when the causing transaction rolls back', async () => {
      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await enqueueMessage(trx, { channel: 'email', recipient: 'a@b.vn', subject: 's', body: 'b' }, T0)
          throw new Error('use case failed')
        }),
      )
      assert.equal((await listOutbox(database.db)).length, 0)
    })

    it('delivers each message once, by channel', async () => {
      await enqueue(4, 'one-')
      const email = recordingSender()
      const sms = recordingSender()
      const senders: Senders = { email, sms }
      assert.deepEqual(await processOutbox(database.db, senders, 'w1', T0), { sent: 4, failed: 0 })
      assert.deepEqual(await processOutbox(database.db, senders, 'w1', T0), { sent: 0, failed: 0 })
      assert.equal(email.delivered.length, 2)
      assert.equal(sms.delivered.length, 2)
      assert.deepEqual(await countOutbox(database.db), { sent: 4 })
    })

    it('retries a definite failure with backoff, then marks it failed', async () => {
      await database.db.deleteFrom('outbox').execute()
      await enqueue(1, 'retry-')
      const email = recordingSender()
      email.failNext = MAX_ATTEMPTS
      const senders = { email, sms: email }
      let now = T0
      assert.deepEqual(await processOutbox(database.db, senders, 'w1', now), { sent: 0, failed: 1 })
      // Not due again until the backoff has passed.
      assert.deepEqual(await processOutbox(database.db, senders, 'w1', new Date(now.getTime() + 30_000)), { sent: 0, failed: 0 })
      for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
        now = new Date(now.getTime() + backoffMs(attempt - 1))
        assert.deepEqual(await processOutbox(database.db, senders, 'w1', now), { sent: 0, failed: 1 })
      }
      const [message] = await listOutbox(database.db)
      assert.equal(message?.status, 'failed')
      assert.equal(message?.attempts, MAX_ATTEMPTS)
      assert.match(message?.lastError ?? '', /451/)
    })

    it('never resends a message whose worker died while sending it', async () => {
      await database.db.deleteFrom('outbox').execute()
      await enqueue(1, 'crash-')
      await database.db.updateTable('outbox').set({ status: 'sending', claimed_by: 'dead', claimed_at: T0.toISOString() }).execute()
      const email = recordingSender()
      await processOutbox(database.db, { email, sms: email }, 'w2', new Date(T0.getTime() + STALE_CLAIM_MS + 1))
      assert.equal(email.delivered.length, 0)
      assert.equal((await listOutbox(database.db))[0]?.status, 'uncertain')
    })

    it('with two instances on one database, sends every message exactly once', async () => {
      await database.db.deleteFrom('outbox').execute()
      await enqueue(60, 'pair-')
      // A second, independent connection pool plays the second app instance.
      const second: OpenDatabase =
        database.dialect === 'postgresql'
          ? openDatabase({ databaseUrl: database.url, dialect: 'postgresql', sqlitePath: null, poolSize: 3 })
          : { db: database.db, dialect: 'sqlite', close: async () => {} }
      try {
        const shared = recordingSender()
        const senders = { email: shared, sms: shared }
        for (let round = 0; round < 10; round++) {
          await Promise.all([processOutbox(database.db, senders, 'a', T0, 7), processOutbox(second.db, senders, 'b', T0, 7)])
        }
        const recipients = shared.delivered.map((m) => m.recipient)
        assert.equal(recipients.length, 60)
        assert.equal(new Set(recipients).size, 60)
      } finally {
        await second.close()
      }
    })

    it('lets exactly one instance claim a job slot', async () => {
      const results = await Promise.all([1, 2, 3].map((i) => claimJobRun(database.db, 'daily-report', '2026-03-02', `w${i}`, T0)))
      assert.deepEqual(results.filter(Boolean).length, 1)
      let runs = 0
      const job = { name: 'count', schedule: { everyMinutes: 60 }, run: async () => void runs++ }
      await Promise.all([runDueJobs(database.db, [job], 'a', T0), runDueJobs(database.db, [job], 'b', T0)])
      assert.equal(runs, 1)
    })
  })
}
