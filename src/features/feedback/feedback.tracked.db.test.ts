/**
 * createTrackedItem against a real database (SQLite, and PostgreSQL when configured): the item is
 * written accepted and assigned in the caller's transaction with its code, history, audit entry and
 * receipt; its default due date comes from the category and the unit's calendar; it rolls back
 * with the caller; staff of the responsible unit see it, the public sees it, and it escalates when
 * overdue like any other item.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { listAuditFor } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { FixedClock } from '../../platform/clock.ts'
import type { FileStore } from '../../platform/files/files.ts'
import { ValidationError } from '../../platform/http/errors.ts'
import { computeDue, createCalendarService } from '../calendar/index.ts'
import { getUnitByCode, loadPrincipal } from '../units/index.ts'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { createTrackedItem, escalateOverdue } from './index.ts'
import { getForStaff, getPublicItem, listQueue } from './feedback.service.ts'
import type { FeedbackDeps } from './feedback.service.ts'

const START = '2026-03-02T02:00:00Z'
const DAY = 86_400_000

const NO_FILES: FileStore = { put: () => Promise.reject(new Error('no files here')), get: () => Promise.resolve(null), delete: () => Promise.resolve() }

for (const dialect of testDialects) {
  describe(`createTrackedItem on ${dialect.name}`, () => {
    let database: TestDatabase
    let deps: FeedbackDeps
    const clock = new FixedClock(START)
    const principals: Record<string, Principal> = {}
    let wardA: { id: number }

    before(async () => {
      database = await dialect.open()
      deps = { db: database.db, clock, calendar: createCalendarService({ db: database.db, clock }), files: NO_FILES, config: { baseUrl: 'https://congso.example' } }
      await createUnitTree({ db: database.db, clock })
      for (const [username, unit, role] of [
        ['lead.a', 'WARD-A', 'leader'],
        ['lead.b', 'WARD-B', 'leader'],
        ['mod.a', 'WARD-A', 'moderator'],
      ] as const) {
        const { id } = await createTestStaff({ db: database.db, clock }, username, unit, [role])
        await database.db.updateTable('staff').set({ email: `${username}@congso.example` }).where('id', '=', id).execute()
        principals[username] = (await loadPrincipal(deps, id))!
      }
      wardA = await getUnitByCode(deps, 'WARD-A')
    })
    after(() => database.close())

    const input = (overrides: Partial<Parameters<typeof createTrackedItem>[2]> = {}): Parameters<typeof createTrackedItem>[2] => ({
      unitId: wardA.id,
      title: 'Cam kết tại đối thoại: nạo vét cống trước chợ',
      description: 'Tại buổi đối thoại, Chủ tịch UBND phường cam kết nạo vét cống trước chợ trong tháng.',
      dueAt: new Date(clock.now().getTime() + 20 * DAY),
      origin: 'dialogue',
      originRef: 'dialogue:7',
      wantsPublic: true,
      by: principals['lead.a']!,
      ...overrides,
    })

    it('writes an accepted and assigned petition with its code, history and audit, inside the transaction', async () => {
      const dueAt = new Date('2026-03-31T16:59:59Z')
      const created = await database.db.transaction().execute((trx) => createTrackedItem(trx, deps, input({ dueAt })))
      assert.match(created.code, /^PA-260302-\d{4}$/)
      assert.equal(created.dueAt.toISOString(), dueAt.toISOString())
      const item = await getForStaff(deps, principals['lead.a']!, created.code)
      assert.equal(item.kind, 'petition')
      assert.equal(item.category, 'other')
      assert.equal(item.status, 'assigned')
      assert.equal(item.origin, 'dialogue')
      assert.equal(item.originRef, 'dialogue:7')
      assert.equal(item.unit.code, 'WARD-A')
      assert.equal(item.assignedUnit?.code, 'WARD-A')
      assert.equal(item.dueAt?.toISOString(), dueAt.toISOString())
      assert.equal(item.wantsPublic, true)
      assert.equal(item.isAnonymous, true)
      assert.equal(item.contact, null)
      assert.deepEqual(
        item.events.map((e) => [e.action, e.fromStatus, e.toStatus]),
        [
          ['submit', null, 'new'],
          ['accept', 'new', 'accepted'],
          ['assign', 'accepted', 'assigned'],
        ],
      )
      const audit = await listAuditFor(database.db, 'feedback_item', created.id)
      assert.deepEqual(
        audit.map((e) => [e.action, e.actorLabel, (e.after as Record<string, unknown>).originRef]),
        [['submit', 'lead.a', 'dialogue:7']],
      )
      // No contact, no receipt.
      const outbox = await database.db.selectFrom('outbox').select('recipient').execute()
      assert.equal(outbox.length, 0)
    })

    it('shows the item to the public and to staff of the responsible unit only', async () => {
      const { code } = await database.db.transaction().execute((trx) => createTrackedItem(trx, deps, input()))
      const pub = await getPublicItem(deps, code)
      assert.equal(pub?.status, 'assigned')
      assert.equal(pub?.publicStatus, 'open')
      const queueA = await listQueue(deps, principals['mod.a']!, {})
      assert.ok(queueA.items.some((i) => i.code === code && i.origin === 'dialogue'), 'the ward moderator’s queue has the item')
      const queueB = await listQueue(deps, principals['lead.b']!, {})
      assert.equal(queueB.items.some((i) => i.code === code), false)
    })

    it('takes the category’s working days from the unit’s calendar when no due date is given', async () => {
      const calendar = await deps.calendar.calendarFor(wardA.id)
      const { code, dueAt } = await database.db.transaction().execute((trx) => createTrackedItem(trx, deps, input({ dueAt: null, calendar, category: 'infrastructure' })))
      const expected = computeDue(calendar, clock.now(), { kind: 'days', days: 10 })
      assert.equal(dueAt.toISOString(), expected.toISOString())
      const item = await getForStaff(deps, principals['lead.a']!, code)
      assert.equal(item.category, 'infrastructure')
    })

    it('passes the resident’s contact on and sends them the receipt with the private link', async () => {
      const { code } = await database.db.transaction().execute((trx) => createTrackedItem(trx, deps, input({ contact: { name: 'Trần Văn Bình', phone: '0909 111 222', email: 'not-an-address' } })))
      const item = await getForStaff(deps, principals['lead.a']!, code)
      assert.deepEqual(item.contact, { name: 'Trần Văn Bình', phone: '0909 111 222', email: null })
      assert.equal(item.isAnonymous, false)
      const messages = await database.db.selectFrom('outbox').select(['channel', 'recipient', 'body']).where('recipient', '=', '0909 111 222').execute()
      assert.equal(messages.length, 1)
      assert.match(messages[0]!.body, new RegExp(`${code}.*https://congso\\.example/phan-anh/theo-doi/${code}\\?t=`))
    })

    it('disappears with the caller’s transaction when the caller fails', async () => {
      const before = await database.db.selectFrom('feedback_items').select('id').execute()
      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await createTrackedItem(trx, deps, input())
          throw new Error('the caller failed')
        }),
        /the caller failed/,
      )
      const afterRows = await database.db.selectFrom('feedback_items').select('id').execute()
      assert.equal(afterRows.length, before.length)
    })

    it('refuses an unknown category or a description out of range, and needs a due date or a calendar', async () => {
      await assert.rejects(
        database.db.transaction().execute((trx) => createTrackedItem(trx, deps, input({ category: 'nope' }))),
        (e: unknown) => e instanceof ValidationError && e.fields.category === 'feedback.errors.category',
      )
      await assert.rejects(
        database.db.transaction().execute((trx) => createTrackedItem(trx, deps, input({ description: 'ngắn' }))),
        (e: unknown) => e instanceof ValidationError && e.fields.description === 'feedback.errors.description',
      )
      await assert.rejects(database.db.transaction().execute((trx) => createTrackedItem(trx, deps, input({ dueAt: null }))), TypeError)
    })

    it('escalates to the responsible unit’s leaders once overdue, like any other item', async () => {
      const { code } = await database.db.transaction().execute((trx) => createTrackedItem(trx, deps, input({ dueAt: new Date(clock.now().getTime() + DAY) })))
      clock.advance(2 * DAY)
      await escalateOverdue(deps)
      const item = await getForStaff(deps, principals['lead.a']!, code)
      assert.notEqual(item.escalatedAt, null)
      const mail = await database.db.selectFrom('outbox').select('recipient').where('recipient', '=', 'lead.a@congso.example').execute()
      assert.ok(mail.length >= 1, 'the ward leader is told')
      clock.set(START)
    })
  })
}
