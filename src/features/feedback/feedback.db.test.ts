/**
 * Feedback's use cases against a real database (SQLite, and PostgreSQL when configured): submitting
 * with and without contact details, distinct codes under concurrency, every staff action with its
 * history, audit and notices, the resident's rating and reopen rules, escalation through the
 * outbox, letters as corrective-action evidence, who sees what, and all-or-nothing writes.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { openDatabase } from '../../db/database.ts'
import { listAuditFor } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { FixedClock } from '../../platform/clock.ts'
import { createFolderStore } from '../../platform/files/files.ts'
import type { FileStore } from '../../platform/files/files.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import type { AppError } from '../../platform/http/errors.ts'
import { createI18n } from '../../platform/i18n/i18n.ts'
import { createCalendarService } from '../calendar/index.ts'
import * as ratings from '../ratings/index.ts'
import { getUnitByCode, loadPrincipal } from '../units/index.ts'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import {
  applyAction,
  escalateOverdue,
  getForResident,
  getForStaff,
  getPublicItem,
  listPublicItems,
  listQueue,
  photoForViewer,
  rateAnswer,
  reopenItem,
  similarOpenItems,
  submitFeedback,
  upheldLetters,
} from './feedback.service.ts'
import type { FeedbackAction, FeedbackDeps, SubmitInput } from './feedback.service.ts'
import type { ProcessedPhoto } from './feedback.ts'

const START = '2026-03-02T02:00:00Z'
const DAY = 86_400_000
const BASE_URL = 'https://congso.example'

/** A report's input with sensible defaults. */
function report(overrides: Partial<SubmitInput> = {}): SubmitInput {
  return {
    unitCode: 'WARD-A',
    category: 'sanitation',
    description: 'Nước thải đen chảy ra mương cạnh đường, mùi hôi nồng nặc mỗi buổi chiều.',
    contact: null,
    wantsPublic: true,
    photos: [],
    origin: 'portal',
    ...overrides,
  }
}

/** A stand-in for a processed photo: the service stores bytes as given (processing is the photo module's). */
function photo(marker: number): ProcessedPhoto {
  return { mime: 'image/jpeg', width: 640, height: 480, full: new Uint8Array([0xff, 0xd8, marker]), thumb: new Uint8Array([0x52, marker]), thumbMime: 'image/webp' }
}

/** Every file under a folder. */
function filesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesIn(path) : [path]
  })
}

/** Whether a promise is refused with an error of a class (and, when given, a message key). */
async function refuses(promise: Promise<unknown>, type: new (...args: never[]) => AppError, messageKey?: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`)
  if (messageKey) assert.equal(error.messageKey, messageKey)
  return error
}

for (const dialect of testDialects) {
  describe(`feedback use cases on ${dialect.name}`, () => {
    let database: TestDatabase
    let filesDir: string
    let deps: FeedbackDeps
    const clock = new FixedClock(START)
    const staff: Record<string, { id: number; principal: Principal }> = {}

    before(async () => {
      database = await dialect.open()
      filesDir = mkdtempSync(join(tmpdir(), 'congso-feedback-db-'))
      deps = { db: database.db, clock, calendar: createCalendarService({ db: database.db, clock }), files: createFolderStore(filesDir), config: { baseUrl: BASE_URL } }
      await createUnitTree({ db: database.db, clock })
      const accounts: [string, string, ('moderator' | 'leader' | 'specialist' | 'desk_officer' | 'admin')[]][] = [
        ['mod.a', 'WARD-A', ['moderator']],
        ['lead.a', 'WARD-A', ['leader']],
        ['lead.a2', 'WARD-A', ['leader']],
        ['spec.a', 'WARD-A', ['specialist']],
        ['desk.a', 'WARD-A', ['desk_officer']],
        ['lead.b', 'WARD-B', ['leader']],
        ['mod.b', 'WARD-B', ['moderator']],
        ['spec.b', 'WARD-B', ['specialist']],
        ['mod.town', 'TOWN', ['moderator']],
        ['admin.town', 'TOWN', ['admin']],
      ]
      for (const [username, unit, roles] of accounts) {
        const { id } = await createTestStaff({ db: database.db, clock }, username, unit, roles)
        await database.db.updateTable('staff').set({ email: `${username}@congso.example` }).where('id', '=', id).execute()
        staff[username] = { id, principal: (await loadPrincipal(deps, id))! }
      }
    })
    after(async () => {
      await database.close()
      rmSync(filesDir, { recursive: true, force: true })
    })

    const as = (username: string) => staff[username]!.principal
    const act = (username: string, code: string, action: FeedbackAction) => applyAction(deps, as(username), code, action)
    const outboxTo = async (recipient: string) => database.db.selectFrom('outbox').select(['channel', 'subject', 'body']).where('recipient', '=', recipient).orderBy('id').execute()
    const itemRow = (code: string) => database.db.selectFrom('feedback_items').selectAll().where('code', '=', code).executeTakeFirstOrThrow()

    /** A report taken to "answered" by the moderator and the specialist. */
    async function answered(overrides: Partial<SubmitInput> = {}): Promise<{ code: string; token: string }> {
      const { item, token } = await submitFeedback(deps, report(overrides))
      await act('mod.a', item.code, { action: 'accept' })
      await act('mod.a', item.code, { action: 'assign', assigneeUsername: 'spec.a' })
      await act('spec.a', item.code, { action: 'answer', text: 'Đã kiểm tra và yêu cầu cơ sở ngừng xả thải.' })
      return { code: item.code, token }
    }

    it('takes an anonymous submission: no contact, no notice, and the private link finds it', async () => {
      clock.set(START)
      const before = await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      const { item, token, privateUrl } = await submitFeedback(deps, report())
      assert.match(item.code, /^PA-260302-\d{4}$/)
      assert.equal(item.status, 'new')
      assert.equal(item.isAnonymous, true)
      assert.equal(privateUrl, `${BASE_URL}/phan-anh/theo-doi/${item.code}?t=${token}`)
      assert.match(token, /^[A-Za-z0-9_-]{43}$/)
      const row = await itemRow(item.code)
      assert.equal([row.contact_name, row.contact_phone, row.contact_email].join(), ',,')
      // Only the hash of the token is kept.
      assert.notEqual(row.token_hash, token)
      assert.equal(row.token_hash.length, 64)
      const after = await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      assert.equal(Number(after.n), Number(before.n))
      const seen = await getForResident(deps, item.code, token)
      assert.equal(seen?.code, item.code)
      // The due instant is the category's working days from submission, in the unit's calendar.
      assert.ok(item.dueAt && item.dueAt.getTime() > item.submittedAt.getTime())
      const audit = await listAuditFor(database.db, 'feedback_item', (await itemRow(item.code)).id)
      assert.deepEqual(audit.map((e) => [e.action, e.actorLabel]), [['submit', 'resident']])
    })

    it('sends the receipt with the private link to the phone and the e-mail left', async () => {
      const { item, token } = await submitFeedback(deps, report({ contact: { name: 'Trần Thị Mai', phone: '0912 345 678', email: 'Mai.Tran@Example.vn' } }))
      assert.equal(item.isAnonymous, false)
      const sms = await outboxTo('0912 345 678')
      const mail = await outboxTo('mai.tran@example.vn')
      assert.equal(sms.length, 1)
      assert.equal(mail.length, 1)
      assert.equal(sms[0]!.channel, 'sms')
      assert.ok(mail[0]!.body.includes(`/phan-anh/theo-doi/${item.code}?t=${token}`))
      const resident = (await getForResident(deps, item.code, token))!
      // The private page shows where notices go, masked.
      assert.deepEqual(resident.contact, { hasName: true, phone: '********78', email: 'ma***@example.vn' })
    })

    it('gives the same null for an unknown code and a wrong token', async () => {
      const { item, token } = await submitFeedback(deps, report())
      assert.equal(await getForResident(deps, item.code, token.replace(/^./, token[0] === 'A' ? 'B' : 'A')), null)
      assert.equal(await getForResident(deps, 'PA-991231-0001', token), null)
      assert.equal(await getForResident(deps, item.code, 'short'), null)
    })

    it('names every wrong field at once (422)', async () => {
      const error = await refuses(
        submitFeedback(
          deps,
          report({
            unitCode: 'NOWHERE',
            category: 'weather',
            description: 'ngắn',
            latitude: 95,
            longitude: 106,
            contact: { phone: 'abc', email: 'not-an-email' },
            mediaUrl: 'ftp://x',
            photos: [photo(1), photo(2), photo(3), photo(4)],
          }),
        ),
        ValidationError,
      )
      assert.deepEqual(Object.keys(error.fields).sort(), ['category', 'contact.email', 'contact.phone', 'description', 'latitude', 'mediaUrl', 'photos', 'unitCode'])
      const attributes = await refuses(submitFeedback(deps, report({ category: 'infrastructure', attributes: { infrastructure_kind: 'bridge' } })), ValidationError)
      assert.deepEqual(attributes.fields, { 'attributes.infrastructure_kind': 'feedback.errors.attribute' })
      const required = await refuses(submitFeedback(deps, report({ category: 'infrastructure' })), ValidationError)
      assert.deepEqual(required.fields, { 'attributes.infrastructure_kind': 'feedback.errors.attributeRequired' })
      const letter = await refuses(submitFeedback(deps, report({ category: 'official_attitude', kind: 'letter' })), ValidationError)
      assert.deepEqual(letter.fields, { officialUsername: 'feedback.errors.officialRequired' })
      const elsewhere = await refuses(submitFeedback(deps, report({ category: 'official_attitude', kind: 'letter', officialUsername: 'lead.b' })), ValidationError)
      assert.deepEqual(elsewhere.fields, { officialUsername: 'feedback.errors.official' })
      const complaintAsReport = await refuses(submitFeedback(deps, report({ category: 'complaint', kind: 'report' })), ValidationError)
      assert.deepEqual(complaintAsReport.fields, { kind: 'feedback.errors.kind' })
    })

    it('never lets a letter, complaint or denunciation be public, whatever was ticked', async () => {
      const { item } = await submitFeedback(deps, report({ category: 'complaint', wantsPublic: true }))
      assert.equal(item.kind, 'complaint')
      assert.equal(item.wantsPublic, false)
    })

    it('gives concurrent submissions distinct, consecutive codes, also from two app instances', async () => {
      clock.set('2026-03-03T01:00:00Z')
      // A second connection pool plays the second app instance (on SQLite, the one connection serialises).
      const second = dialect.name === 'postgresql' ? openDatabase({ databaseUrl: database.url, dialect: 'postgresql', sqlitePath: null, poolSize: 5 }) : null
      try {
        const other: FeedbackDeps = { ...deps, db: second?.db ?? database.db }
        const results = await Promise.all(Array.from({ length: 24 }, (_, i) => submitFeedback(i % 2 ? other : deps, report())))
        const codes = results.map((r) => r.item.code)
        assert.equal(new Set(codes).size, 24)
        assert.deepEqual(
          codes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b),
          Array.from({ length: 24 }, (_, i) => i + 1),
        )
        assert.ok(codes.every((c) => c.startsWith('PA-260303-')))
      } finally {
        await second?.close()
      }
      // The day is Vietnam's: 18:00 UTC is the next morning there, and a new sequence.
      clock.set('2026-03-03T18:00:00Z')
      assert.equal((await submitFeedback(deps, report())).item.code, 'PA-260304-0001')
      clock.set(START)
    })

    it('takes a report through every action, each with a history line, an audit entry and a notice (but the note)', async () => {
      clock.set(START)
      const phone = '0988 000 111'
      const { item, token } = await submitFeedback(deps, report({ contact: { phone } }))
      const notices = async () => (await outboxTo(phone)).length
      assert.equal(await notices(), 1)

      let view = await act('mod.a', item.code, { action: 'accept' })
      assert.equal(view.status, 'accepted')
      assert.equal(await notices(), 2)

      view = await act('mod.a', item.code, { action: 'assign', assigneeUsername: 'spec.a' })
      assert.equal(view.status, 'assigned')
      assert.equal(view.assignee?.username, 'spec.a')
      assert.equal(view.assignedUnit?.code, 'WARD-A')
      // Default due: the category's 7 working days from now (Monday 09:00 → the next Wednesday's close of business).
      assert.equal(view.dueAt?.toISOString(), '2026-03-11T10:00:00.000Z')
      assert.equal(await notices(), 3)

      view = await act('spec.a', item.code, { action: 'note', text: 'Đã gọi điện cho chủ cơ sở, hẹn kiểm tra thứ Năm.' })
      assert.equal(view.status, 'assigned')
      assert.equal(view.events.at(-1)?.isInternal, true)
      assert.equal(await notices(), 3)

      view = await act('spec.a', item.code, { action: 'answer', text: 'Cơ sở đã bị lập biên bản và ngừng xả thải.' })
      assert.equal(view.status, 'answered')
      assert.equal(view.publicAnswer, 'Cơ sở đã bị lập biên bản và ngừng xả thải.')
      assert.equal(view.answeredBy?.username, 'spec.a')
      assert.equal(await notices(), 4)
      // The assignee answers but does not triage: publishing is the moderator's.
      assert.deepEqual(view.allowedActions, ['note'])
      await refuses(act('spec.a', item.code, { action: 'publish' }), ForbiddenError)

      view = await act('mod.a', item.code, { action: 'publish' })
      assert.equal(view.isPublished, true)
      assert.equal((await listPublicItems(deps, { unitCode: 'WARD-A' })).items.some((i) => i.code === item.code), true)
      view = await act('mod.a', item.code, { action: 'unpublish' })
      assert.equal(view.isPublished, false)
      assert.equal((await listPublicItems(deps, { unitCode: 'WARD-A' })).items.some((i) => i.code === item.code), false)
      await act('mod.a', item.code, { action: 'publish' })
      view = await act('mod.a', item.code, { action: 'close' })
      assert.equal(view.status, 'closed')
      assert.ok(view.closedAt)
      assert.equal(await notices(), 8)

      assert.deepEqual(
        view.events.map((e) => [e.action, e.fromStatus, e.toStatus]),
        [
          ['submit', null, 'new'],
          ['accept', 'new', 'accepted'],
          ['assign', 'accepted', 'assigned'],
          ['note', 'assigned', 'assigned'],
          ['answer', 'assigned', 'answered'],
          ['publish', 'answered', 'answered'],
          ['unpublish', 'answered', 'answered'],
          ['publish', 'answered', 'answered'],
          ['close', 'answered', 'closed'],
        ],
      )
      const audit = await listAuditFor(database.db, 'feedback_item', view.id)
      assert.deepEqual(
        audit.map((e) => e.action),
        ['submit', 'accept', 'assign', 'note', 'answer', 'publish', 'unpublish', 'publish', 'close'],
      )
      assert.equal(audit[1]!.actorLabel, 'mod.a')
      // The resident's history has no internal note and no staff names.
      const resident = (await getForResident(deps, item.code, token))!
      assert.deepEqual(
        resident.timeline.map((e) => e.action),
        ['submit', 'accept', 'assign', 'answer', 'publish', 'unpublish', 'publish', 'close'],
      )
      assert.equal(resident.timeline.find((e) => e.action === 'answer')?.note, 'Cơ sở đã bị lập biên bản và ngừng xả thải.')
      assert.ok(!JSON.stringify(resident).includes('Cán bộ spec.a'))
      assert.ok(!JSON.stringify(resident).includes('hẹn kiểm tra'))
    })

    it('rejects with a reason, refuses what the state does not allow (409) and what a field lacks (422)', async () => {
      const { item } = await submitFeedback(deps, report({ contact: { email: 'reject.me@example.vn' } }))
      await refuses(act('mod.a', item.code, { action: 'answer', text: 'Quá sớm để trả lời.' }), ConflictError, 'feedback.errors.notAllowedNow')
      await refuses(act('mod.a', item.code, { action: 'publish' }), ConflictError)
      const missing = await refuses(act('mod.a', item.code, { action: 'reject' }), ValidationError)
      assert.deepEqual(missing.fields, { reason: 'feedback.errors.reason' })
      await refuses(act('mod.a', item.code, { action: 'dance' }), ValidationError)
      const view = await act('mod.a', item.code, { action: 'reject', reason: 'Không thuộc thẩm quyền của phường.' })
      assert.equal(view.status, 'rejected')
      assert.equal(view.rejectionReason, 'Không thuộc thẩm quyền của phường.')
      assert.ok((await outboxTo('reject.me@example.vn')).at(-1)!.body.includes('Không thuộc thẩm quyền của phường.'))
      await refuses(act('mod.a', item.code, { action: 'accept' }), ConflictError)
      // Rejected items are never public.
      assert.equal(await getPublicItem(deps, item.code), null)
      const assign = await submitFeedback(deps, report())
      await act('mod.a', assign.item.code, { action: 'accept' })
      const badAssign = await refuses(act('mod.a', assign.item.code, { action: 'assign', unitCode: 'WARD-B', assigneeUsername: 'spec.b' }), ValidationError)
      assert.deepEqual(Object.keys(badAssign.fields).sort(), ['assigneeUsername', 'unitCode'])
      const past = await refuses(act('mod.a', assign.item.code, { action: 'assign', assigneeUsername: 'spec.a', dueAt: '2026-03-01T17:00:00+07:00' }), ValidationError)
      assert.deepEqual(past.fields, { dueAt: 'feedback.errors.dueAt' })
      const chosen = await act('mod.a', assign.item.code, { action: 'assign', assigneeUsername: 'spec.a', dueAt: '2026-03-20T17:00:00+07:00' })
      assert.equal(chosen.dueAt?.toISOString(), '2026-03-20T10:00:00.000Z')
    })

    it('lets only one of two officers acting at once move an item', async () => {
      const { item } = await submitFeedback(deps, report())
      const results = await Promise.allSettled([act('mod.a', item.code, { action: 'accept' }), act('mod.town', item.code, { action: 'accept' })])
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
      const refused = results.find((r) => r.status === 'rejected')
      assert.ok(refused?.status === 'rejected' && refused.reason instanceof ConflictError)
      const view = await getForStaff(deps, as('mod.a'), item.code)
      assert.equal(view.events.filter((e) => e.action === 'accept').length, 1)
    })

    it('marks a duplicate only of an existing item the officer may see, never of itself', async () => {
      const first = await submitFeedback(deps, report())
      const second = await submitFeedback(deps, report({ contact: { phone: '0977 123 456' } }))
      const elsewhere = await submitFeedback(deps, report({ unitCode: 'WARD-B' }))
      assert.deepEqual((await refuses(act('mod.a', second.item.code, { action: 'mark_duplicate', duplicateOf: second.item.code }), ValidationError)).fields, { duplicateOf: 'feedback.errors.duplicateSelf' })
      assert.deepEqual((await refuses(act('mod.a', second.item.code, { action: 'mark_duplicate', duplicateOf: 'PA-991231-0001' }), ValidationError)).fields, { duplicateOf: 'feedback.errors.duplicateOf' })
      // Another ward's item is as unknown as a code that does not exist.
      assert.deepEqual((await refuses(act('mod.a', second.item.code, { action: 'mark_duplicate', duplicateOf: elsewhere.item.code }), ValidationError)).fields, { duplicateOf: 'feedback.errors.duplicateOf' })
      const view = await act('mod.a', second.item.code, { action: 'mark_duplicate', duplicateOf: first.item.code.toLowerCase() })
      assert.equal(view.status, 'duplicate')
      assert.equal(view.duplicateOf, first.item.code)
      assert.ok((await outboxTo('0977 123 456')).at(-1)!.body.includes(first.item.code))
    })

    it('suggests similar open items of the same unit and category, diacritics or not', async () => {
      const base = await submitFeedback(deps, report({ unitCode: 'WARD-B', category: 'street_vending', description: 'Quán cà phê bày bàn ghế lấn hết vỉa hè đường Trần Phú, người đi bộ phải xuống lòng đường.' }))
      const like = await submitFeedback(deps, report({ unitCode: 'WARD-B', category: 'street_vending', description: 'Quan ca phe lan chiem via he duong Tran Phu, nguoi di bo phai di duoi long duong' }))
      await submitFeedback(deps, report({ unitCode: 'WARD-B', category: 'street_vending', description: 'Xe tải đậu qua đêm trên đường Lý Thường Kiệt chắn lối vào hẻm.' }))
      await submitFeedback(deps, report({ unitCode: 'WARD-B', category: 'sanitation', description: 'Quán cà phê bày bàn ghế lấn hết vỉa hè đường Trần Phú, người đi bộ phải xuống lòng đường.' }))
      const similar = await similarOpenItems(deps, as('mod.b'), base.item.code)
      assert.deepEqual(
        similar.map((s) => s.code),
        [like.item.code],
      )
      assert.ok(similar[0]!.score > 0.2 && similar[0]!.score <= 1)
      await refuses(similarOpenItems(deps, as('mod.a'), base.item.code), NotFoundError)
    })

    it('lets the resident rate each answer once and reopen once, within 7 days, only after a rating of 1 or 2', async () => {
      clock.set(START)
      const { code, token } = await answered({ contact: { email: 'reopen@example.vn' } })
      // Before any rating there is nothing to be unhappy about yet.
      await refuses(reopenItem(deps, code, token, { reason: 'Chưa hài lòng.' }), ConflictError, 'feedback.errors.reopenRating')
      await refuses(rateAnswer(deps, code, token, { rating: 6 }), ValidationError)
      let view = await rateAnswer(deps, code, token, { rating: 3, comment: 'Tạm được.' })
      assert.equal(view.residentRating, 3)
      assert.equal(view.canReopen, false)
      await refuses(rateAnswer(deps, code, token, { rating: 1 }), ConflictError, 'feedback.errors.alreadyRated')
      await refuses(reopenItem(deps, code, token, { reason: 'Vẫn còn xả thải ban đêm.' }), ConflictError, 'feedback.errors.reopenRating')

      const second = await answered()
      await rateAnswer(deps, second.code, second.token, { rating: 1 })
      clock.set(new Date(new Date(START).getTime() + 7 * DAY + 1000))
      await refuses(reopenItem(deps, second.code, second.token, { reason: 'Vẫn còn xả thải ban đêm.' }), ConflictError, 'feedback.errors.reopenWindow')

      clock.set(new Date(new Date(START).getTime() + 6 * DAY))
      await refuses(reopenItem(deps, second.code, second.token, { reason: '' }), ValidationError)
      await refuses(reopenItem(deps, second.code, 'x'.repeat(43), { reason: 'Vẫn còn xả thải ban đêm.' }), NotFoundError, 'feedback.errors.trackNotFound')
      view = await reopenItem(deps, second.code, second.token, { reason: 'Vẫn còn xả thải ban đêm.' })
      assert.equal(view.status, 'assigned')
      assert.equal(view.reopenCount, 1)
      assert.ok(view.timeline.some((e) => e.action === 'reopen' && e.note === 'Vẫn còn xả thải ban đêm.'))
      const row = await itemRow(second.code)
      assert.ok(new Date(row.due_at!).getTime() > clock.now().getTime())
      // Answered again, rated 1 again: still only one reopen.
      await act('spec.a', second.code, { action: 'answer', text: 'Đã kiểm tra ban đêm, cơ sở đã dừng hẳn.' })
      view = await rateAnswer(deps, second.code, second.token, { rating: 1 })
      assert.equal(view.canReopen, false)
      await refuses(reopenItem(deps, second.code, second.token, { reason: 'Vẫn còn.' }), ConflictError, 'feedback.errors.reopenOnce')
      const audit = await listAuditFor(database.db, 'feedback_item', row.id)
      assert.deepEqual(
        audit.filter((e) => e.actorLabel === 'resident').map((e) => e.action),
        ['submit', 'rate', 'reopen', 'rate'],
      )
      clock.set(START)
    })

    it('escalates an overdue item to the leaders of its unit once, through the outbox', async () => {
      clock.set(START)
      const { item } = await submitFeedback(deps, report({ unitCode: 'WARD-B', category: 'security_order' }))
      await act('mod.b', item.code, { action: 'accept' })
      await act('lead.b', item.code, { action: 'assign', unitCode: 'WARD-B', dueAt: '2026-03-03T17:00:00+07:00' })
      const leaderMail = 'lead.b@congso.example'
      const before = (await outboxTo(leaderMail)).length
      clock.set('2026-03-03T09:59:00Z')
      const earlyCount = await escalateOverdue(deps)
      assert.equal((await outboxTo(leaderMail)).length, before)
      assert.equal((await itemRow(item.code)).escalated_at, null, `not yet due (${earlyCount} others escalated)`)
      clock.set('2026-03-03T10:01:00Z')
      assert.ok((await escalateOverdue(deps)) >= 1)
      const sent = await outboxTo(leaderMail)
      assert.equal(sent.length, before + 1)
      assert.ok(sent.at(-1)!.body.includes(item.code))
      assert.ok(sent.at(-1)!.body.includes(`${BASE_URL}/admin/phan-anh/${item.code}`))
      // Ward A's leaders hear nothing about ward B.
      assert.equal((await outboxTo('lead.a@congso.example')).filter((m) => m.body.includes(item.code)).length, 0)
      clock.set('2026-03-03T11:00:00Z')
      await escalateOverdue(deps)
      assert.equal((await outboxTo(leaderMail)).length, before + 1)
      const view = await getForStaff(deps, as('lead.b'), item.code)
      assert.ok(view.escalatedAt)
      assert.equal(view.isOverdue, true)
      assert.equal(view.events.at(-1)?.action, 'escalate')
      assert.equal(view.events.at(-1)?.isInternal, true)
      clock.set(START)
    })

    it('routes a letter to the official’s leaders, never to the official, and counts an upheld one as evidence', async () => {
      clock.set('2026-04-06T02:00:00Z')
      const { item } = await submitFeedback(
        deps,
        report({ category: 'official_attitude', kind: 'letter', officialUsername: 'lead.a2', description: 'Cán bộ tiếp dân nói chuyện thiếu tôn trọng và bắt chờ hai tiếng.', contact: { email: 'letter@example.vn' } }),
      )
      assert.equal(item.kind, 'letter')
      assert.equal(item.wantsPublic, false)
      await refuses(getForStaff(deps, as('lead.a2'), item.code), NotFoundError)
      await refuses(getForStaff(deps, as('mod.a'), item.code), NotFoundError)
      assert.equal((await listQueue(deps, as('lead.a2'), {})).items.some((i) => i.code === item.code), false)
      const view = await getForStaff(deps, as('lead.a'), item.code)
      assert.equal(view.official?.username, 'lead.a2')
      await act('lead.a', item.code, { action: 'accept' })
      assert.deepEqual((await refuses(act('lead.a', item.code, { action: 'decide_letter', note: 'Đã xác minh.' }), ValidationError)).fields, { upheld: 'feedback.errors.upheld' })
      await refuses(act('lead.a', item.code, { action: 'assign', assigneeUsername: 'lead.a2' }), ValidationError)
      const decided = await act('lead.a', item.code, { action: 'decide_letter', upheld: true, note: 'Đối chiếu camera: đúng như thư phản ánh.' })
      assert.equal(decided.upheld, true)
      await refuses(act('lead.a', item.code, { action: 'decide_letter', upheld: false, note: 'Xem lại.' }), ConflictError, 'feedback.errors.alreadyDecided')
      await act('lead.a', item.code, { action: 'answer', text: 'Phường xin lỗi bà và đã nhắc nhở cán bộ.' })
      await refuses(act('lead.a', item.code, { action: 'publish' }), ConflictError, 'feedback.errors.neverPublic')

      const wardA = await getUnitByCode(deps, 'WARD-A')
      const evidence = await upheldLetters(deps, new Date('2026-04-01T00:00:00Z'), new Date('2026-05-01T00:00:00Z'))
      assert.deepEqual(evidence, [{ officialId: staff['lead.a2']!.id, unitId: wardA.id, items: [item.code] }])
      assert.deepEqual(await upheldLetters(deps, new Date('2026-05-01T00:00:00Z'), new Date('2026-06-01T00:00:00Z')), [])

      // The corrective-action rules open a case from it (any upheld letter, by default).
      const runs = await ratings.evaluateCorrectiveRules({ db: database.db, clock, i18n: createI18n(ratings.messages), baseUrl: BASE_URL }, { month: '2026-04', letters: upheldLetters })
      assert.equal(runs[0]?.opened, 1)
      const opened = await database.db.selectFrom('corrective_cases').selectAll().where('official_id', '=', staff['lead.a2']!.id).executeTakeFirstOrThrow()
      assert.equal(opened.rule, 'upheldLetters')
      assert.ok(opened.evidence_json.includes(item.code))
      clock.set(START)
    })

    it('keeps complaints and denunciations for leaders, and a denouncer’s identity for leaders alone', async () => {
      const contact = { name: 'Người Tố Cáo', phone: '0901 999 888' }
      const { item } = await submitFeedback(deps, report({ category: 'denunciation', description: 'Tố cáo cán bộ địa chính nhận tiền để làm nhanh hồ sơ.', contact }))
      assert.equal(item.kind, 'denunciation')
      await refuses(getForStaff(deps, as('mod.a'), item.code), NotFoundError)
      await refuses(getForStaff(deps, as('mod.town'), item.code), NotFoundError)
      assert.equal((await listQueue(deps, as('mod.a'), {})).items.some((i) => i.code === item.code), false)
      let leader = await getForStaff(deps, as('lead.a'), item.code)
      assert.deepEqual(leader.contact, { name: contact.name, phone: contact.phone, email: null })
      assert.equal(leader.isContactHidden, false)
      assert.equal(leader.isRegister, true)
      const register = await listQueue(deps, as('lead.a'), { register: true })
      assert.ok(register.items.every((i) => i.kind === 'complaint' || i.kind === 'denunciation'))
      assert.ok(register.items.some((i) => i.code === item.code))
      await act('lead.a', item.code, { action: 'accept' })
      leader = await act('lead.a', item.code, { action: 'assign', assigneeUsername: 'spec.a' })
      // The specialist who must handle it sees the case, not who denounced.
      const handler = await getForStaff(deps, as('spec.a'), item.code)
      assert.equal(handler.contact, null)
      assert.equal(handler.isContactHidden, true)
      assert.equal(handler.description, item.description)
      assert.deepEqual(leader.contact, { name: contact.name, phone: contact.phone, email: null })
      // Nothing personal in the audit log either.
      const audit = await listAuditFor(database.db, 'feedback_item', leader.id)
      assert.ok(!JSON.stringify(audit).includes(contact.phone))
    })

    it('hides ward A’s private item from ward B’s officers, answering as for an unknown code', async () => {
      const { item, token } = await submitFeedback(deps, report({ wantsPublic: false, photos: [photo(7)] }))
      for (const username of ['lead.b', 'mod.b', 'spec.b', 'admin.town']) {
        await refuses(getForStaff(deps, as(username), item.code), NotFoundError, 'feedback.errors.notFound')
        await refuses(act(username, item.code, { action: 'accept' }), NotFoundError, 'feedback.errors.notFound')
      }
      await refuses(getForStaff(deps, as('lead.b'), 'PA-991231-0001'), NotFoundError, 'feedback.errors.notFound')
      for (const username of ['lead.b', 'mod.b']) assert.equal((await listQueue(deps, as(username), {})).items.some((i) => i.code === item.code), false)
      // The unit filter cannot widen the scope.
      assert.equal((await listQueue(deps, as('lead.b'), { unitCode: 'WARD-A' })).total, 0)
      await refuses(listQueue(deps, as('admin.town'), {}), ForbiddenError)
      // The town's moderator and ward A's moderator do see it.
      assert.equal((await getForStaff(deps, as('mod.town'), item.code)).code, item.code)
      assert.ok((await listQueue(deps, as('mod.a'), { status: 'new' })).items.some((i) => i.code === item.code))

      const photoId = (await getForStaff(deps, as('mod.a'), item.code)).photos[0]!.id
      assert.equal(await photoForViewer(deps, photoId, 'full', { principal: as('lead.b'), token: null }), null)
      assert.equal(await photoForViewer(deps, photoId, 'full', { principal: null, token: null }), null)
      assert.deepEqual([...(await photoForViewer(deps, photoId, 'full', { principal: null, token }))!.bytes], [0xff, 0xd8, 7])
      const thumb = (await photoForViewer(deps, photoId, 'thumb', { principal: as('mod.a'), token: null }))!
      assert.equal(thumb.mime, 'image/webp')
      assert.deepEqual([...thumb.bytes], [0x52, 7])
    })

    it('shows the public only published items, with answers and no personal data', async () => {
      const { code } = await answered({ unitCode: 'WARD-A', category: 'food_safety', contact: { name: 'Ai Đó', phone: '0911 222 333' }, photos: [photo(9)] })
      assert.notEqual(await getPublicItem(deps, code), null)
      await act('mod.a', code, { action: 'publish' })
      const list = await listPublicItems(deps, { unitCode: 'TOWN', category: 'food_safety' })
      const shown = list.items.find((i) => i.code === code)!
      assert.equal(shown.publicAnswer, 'Đã kiểm tra và yêu cầu cơ sở ngừng xả thải.')
      assert.ok(!JSON.stringify(list).includes('0911 222 333'))
      assert.ok(!JSON.stringify(list).includes('Ai Đó'))
      // A public item's photo is anyone's to see.
      assert.ok(await photoForViewer(deps, shown.photos[0]!.id, 'thumb', { principal: null, token: null }))
      const privateOne = await answered({ wantsPublic: false })
      await refuses(act('mod.a', privateOne.code, { action: 'publish' }), ConflictError, 'feedback.errors.notWantedPublic')
      assert.equal(await getPublicItem(deps, privateOne.code), null)
      assert.equal((await listPublicItems(deps, { category: 'nothing-like-it' })).total, 0)
    })

    it('writes nothing when a step fails: no item, no photo rows, no files, no code used, no audit, no notice', async () => {
      clock.set('2026-03-05T02:00:00Z')
      const countOf = async (table: 'feedback_items' | 'feedback_photos' | 'audit_log' | 'outbox' | 'feedback_events') =>
        Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      const counts = async () => Promise.all([countOf('feedback_items'), countOf('feedback_photos'), countOf('audit_log'), countOf('outbox'), countOf('feedback_events')])
      const before = await counts()
      const filesBefore = filesIn(filesDir).length

      // The disk fails on the second photo: the first one written is removed again.
      let puts = 0
      const real = createFolderStore(filesDir)
      const failing: FileStore = { ...real, put: async (key, bytes) => (++puts === 3 ? Promise.reject(new Error('disk full')) : real.put(key, bytes)) }
      await assert.rejects(submitFeedback({ ...deps, files: failing }, report({ photos: [photo(1), photo(2)], contact: { phone: '0900 000 001' } })), /disk full/)
      assert.deepEqual(await counts(), before)
      assert.equal(filesIn(filesDir).length, filesBefore)

      // The database fails inside the transaction (an Open311 client that does not exist), after
      // the photos are stored and the day's number is taken: all of it is undone.
      await assert.rejects(submitFeedback(deps, report({ photos: [photo(3)], contact: { phone: '0900 000 002' }, origin: 'open311', open311ClientId: 987654 })))
      assert.deepEqual(await counts(), before)
      assert.equal(filesIn(filesDir).length, filesBefore)
      assert.equal((await submitFeedback(deps, report())).item.code, 'PA-260305-0001')
      clock.set(START)
    })
  })
}
