/**
 * Two real worker processes on one PostgreSQL database deliver every message exactly once. (SQLite
 * serves one process per database file, so this runs only when TEST_DATABASE_URL is set.)
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { testDialects } from '../../../test/support/databases.ts'
import { enqueueMessage } from './outbox.ts'

const postgres = testDialects.find((d) => d.name === 'postgresql')
const WORKER = fileURLToPath(new URL('../../../test/support/outbox-worker.ts', import.meta.url))

/** Runs one worker process to completion. */
function runWorker(databaseUrl: string, file: string, id: string, ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, databaseUrl, file, id, String(ms)], { stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('error', reject)
    child.on('exit', (code) => resolve(code ?? 1))
  })
}

describe('outbox with two worker processes on PostgreSQL', { skip: postgres ? false : 'set TEST_DATABASE_URL to run it' }, () => {
  it('delivers 300 messages, each exactly once, shared between both processes', async () => {
    const database = await postgres!.open()
    const dir = mkdtempSync(join(tmpdir(), 'congso-outbox-'))
    const file = join(dir, 'sent.txt')
    writeFileSync(file, '')
    try {
      await database.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 300; i++) await enqueueMessage(trx, { channel: i % 3 ? 'email' : 'sms', recipient: `resident-${i}`, subject: 'Hồ sơ', body: 'Đã có kết quả' }, new Date(Date.now() - 1000))
      })
      const codes = await Promise.all([runWorker(database.url, file, 'A', 6000), runWorker(database.url, file, 'B', 6000)])
      assert.deepEqual(codes, [0, 0])
      const lines = readFileSync(file, 'utf8').trim().split('\n')
      const recipients = lines.map((l) => l.split(' ')[1])
      assert.equal(recipients.length, 300)
      assert.equal(new Set(recipients).size, 300)
      // Both processes took part, or the test proved nothing about sharing.
      assert.ok(lines.some((l) => l.startsWith('A ')) && lines.some((l) => l.startsWith('B ')))
      const pending = await database.db.selectFrom('outbox').select('id').where('status', '!=', 'sent').execute()
      assert.equal(pending.length, 0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
      await database.close()
    }
  })
})
