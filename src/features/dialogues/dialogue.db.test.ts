/**
 * Direct dialogues' use cases against a real database (SQLite, and PostgreSQL when configured):
 * the whole flow from announcing a session to closing it; commitments and unanswered questions
 * becoming tracked feedback items in the same transaction; supports once per device; merging
 * moving supports; coverage figures against a fixture computed by hand; and scoping (ward B
 * cannot manage ward A's session).
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { listAuditFor } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { createCaptcha, solveWork } from '../../platform/captcha/captcha.ts'
import type { Captcha } from '../../platform/captcha/captcha.ts'
import { FixedClock } from '../../platform/clock.ts'
import type { FileStore } from '../../platform/files/files.ts'
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../../platform/http/errors.ts'
import type { AppError } from '../../platform/http/errors.ts'
import { computeDue, createCalendarService } from '../calendar/index.ts'
import { applyAction, getForStaff as getFeedbackForStaff, getPublicItem } from '../feedback/feedback.service.ts'
import { createUnit, getUnitByCode, loadPrincipal } from '../units/index.ts'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import {
  addCommitment,
  answerQuestion,
  applySessionAction,
  coverage,
  createSession,
  feedIcs,
  getPublicSession,
  getStaffSession,
  listSessions,
  listStaffSessions,
  moderateQuestion,
  newDeviceToken,
  QUESTION_LIMITS,
  recordFloorQuestion,
  sessionIcs,
  sessionMinutes,
  setHosts,
  submitQuestion,
  supportQuestion,
  updateSession,
} from './dialogue.service.ts'
import type { DialogueDeps, PublicDialogueDeps, QuestionInput, SessionInput } from './dialogue.service.ts'

const START = '2026-03-02T02:00:00Z'
const HOUR = 3_600_000
const DAY = 24 * HOUR

const NO_FILES: FileStore = { put: () => Promise.reject(new Error('no files here')), get: () => Promise.resolve(null), delete: () => Promise.resolve() }

/** Whether a promise is refused with an error of a class (and, when given, a message key or field). */
async function refuses(promise: Promise<unknown>, type: new (...args: never[]) => AppError, key?: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`)
  if (key) assert.ok(error.messageKey === key || Object.keys(error.fields).includes(key), `expected ${key}, got ${error.messageKey} ${JSON.stringify(error.fields)}`)
  return error
}

for (const dialect of testDialects) {
  describe(`dialogue use cases on ${dialect.name}`, () => {
    let database: TestDatabase
    let deps: PublicDialogueDeps
    let captcha: Captcha
    const clock = new FixedClock(START)
    const staff: Record<string, Principal> = {}
    let address = 0

    before(async () => {
      database = await dialect.open()
      const db = database.db
      // One bit of work: the captcha's own tests cover its strength; these cover the use cases.
      captcha = createCaptcha({ secret: 'dialogue-db-test-secret-0123456789', difficultyBits: 1, ttlMs: HOUR, db })
      deps = { db, clock, calendar: createCalendarService({ db, clock }), config: { baseUrl: 'https://congso.example' }, captcha }
      await createUnitTree({ db, clock })
      await createUnit({ db, clock }, 'system', { code: 'WARD-C', name: 'Phường Cát', level: 'ward', parentCode: 'TOWN' })
      const accounts: [string, string, ('leader' | 'moderator' | 'specialist' | 'desk_officer' | 'admin')[]][] = [
        ['lead.a', 'WARD-A', ['leader']],
        ['bithu.a', 'WARD-A', ['leader']],
        ['desk.a', 'WARD-A', ['desk_officer']],
        ['spec.a', 'WARD-A', ['specialist']],
        ['lead.b', 'WARD-B', ['leader']],
        ['desk.b', 'WARD-B', ['desk_officer']],
        ['lead.c', 'WARD-C', ['leader']],
        ['mod.town', 'TOWN', ['moderator']],
        ['lead.town', 'TOWN', ['leader']],
        ['spec.town', 'TOWN', ['specialist']],
        ['admin.town', 'TOWN', ['admin']],
      ]
      for (const [username, unit, roles] of accounts) {
        const { id } = await createTestStaff({ db, clock }, username, unit, roles)
        await db.updateTable('staff').set({ email: `${username}@congso.example`, title: username.startsWith('bithu') ? 'Bí thư Đảng ủy' : null }).where('id', '=', id).execute()
        staff[username] = (await loadPrincipal({ db, clock }, id))!
      }
    })
    after(() => database.close())

    const by = (username: string) => staff[username]!

    /** A session of ward A starting in some days, by its chair. */
    async function announce(overrides: Partial<SessionInput> = {}, username = 'lead.a') {
      return createSession(deps, by(username), {
        unitCode: 'WARD-A',
        topic: 'Trật tự đô thị và vệ sinh môi trường',
        description: 'Lãnh đạo phường đối thoại với Nhân dân về trật tự đô thị.',
        startsAt: new Date(clock.now().getTime() + 5 * DAY),
        venue: 'Hội trường UBND phường An',
        secretaryUsername: 'desk.a',
        hosts: [
          { username: 'lead.a', roleLabel: 'Chủ tịch UBND phường' },
          { username: 'bithu.a', roleLabel: 'Bí thư Đảng ủy phường' },
        ],
        ...overrides,
      })
    }

    /** A resident's question through the public use case, from a fresh address with a solved captcha. */
    async function ask(sessionId: number, input: Partial<QuestionInput> = {}) {
      const challenge = captcha.issue(clock.now())
      return submitQuestion(
        deps,
        sessionId,
        { text: 'Khi nào phường sửa đường hẻm 12 khu phố 3, mưa xuống là ngập?', askerName: 'Nguyễn Văn An', residentialArea: 'Khu phố 3', ...input },
        { clientAddress: `10.0.0.${++address}`, honeypot: '', captcha: { token: challenge.token, nonce: solveWork(challenge.salt, challenge.difficultyBits) } },
      )
    }

    it('takes a session from announcement to closing, with questions, answers, commitments and minutes', async () => {
      clock.set(START)
      const created = await announce()
      assert.equal(created.status, 'planned')
      assert.deepEqual(
        created.hosts.map((h) => [h.username, h.roleLabel]),
        [
          ['lead.a', 'Chủ tịch UBND phường'],
          ['bithu.a', 'Bí thư Đảng ủy phường'],
        ],
      )
      assert.equal(created.secretary?.username, 'desk.a')
      assert.deepEqual(created.allowedActions, ['open_questions', 'cancel'])
      const id = created.id

      await refuses(ask(id), ConflictError, 'dialogues.errors.questionsClosed')
      await applySessionAction(deps, by('lead.a'), id, { action: 'open_questions' })
      const q1 = await ask(id, { contact: 'an.nguyen@example.vn' })
      const q2 = await ask(id, { text: 'Đề nghị phường bố trí thêm thùng rác công cộng ở chợ Bình An.', askerName: 'Lê Thị Bình', isAnonymous: true })
      const q3 = await ask(id, { text: 'Nội dung không phù hợp, lời lẽ xúc phạm cán bộ phường.' })
      assert.equal(q1.status, 'pending')
      assert.equal((await getPublicSession(deps, id)).questions.length, 0)

      await moderateQuestion(deps, by('mod.town'), id, q1.id, { action: 'publish' })
      await moderateQuestion(deps, by('mod.town'), id, q2.id, { action: 'publish' })
      const hidden = await moderateQuestion(deps, by('mod.town'), id, q3.id, { action: 'hide', reason: 'Lời lẽ xúc phạm, không phải câu hỏi.' })
      assert.equal(hidden.hiddenReason, 'Lời lẽ xúc phạm, không phải câu hỏi.')

      // Ask the town to prepare an answer; its specialist writes it, its leaders hear of it.
      const assigned = await moderateQuestion(deps, by('mod.town'), id, q1.id, { action: 'assign', unitCode: 'TOWN' })
      assert.equal(assigned.assignedUnit?.code, 'TOWN')
      const notice = await database.db.selectFrom('outbox').select('body').where('recipient', '=', 'lead.town@congso.example').execute()
      assert.equal(notice.length, 1)
      const prepared = await moderateQuestion(deps, by('spec.town'), id, q1.id, { action: 'prepare_answer', text: 'Thị xã đã bố trí vốn sửa hẻm 12 trong quý II.' })
      assert.equal(prepared.preparedAnswer, 'Thị xã đã bố trí vốn sửa hẻm 12 trong quý II.')
      await refuses(moderateQuestion(deps, by('spec.town'), id, q2.id, { action: 'prepare_answer', text: 'Không được giao.' }), ForbiddenError)

      const device = newDeviceToken()
      assert.equal((await supportQuestion(deps, id, q1.id, device, '10.1.0.1')).supportCount, 1)

      const publicBefore = await getPublicSession(deps, id, device)
      assert.deepEqual(
        publicBefore.questions.map((q) => [q.id, q.askerName, q.isSupported]),
        [
          [q1.id, 'Nguyễn Văn An', true],
          [q2.id, null, false],
        ],
      )
      // Nothing staff-only reaches the public view.
      const publicText = JSON.stringify(publicBefore)
      for (const secret of ['an.nguyen@example.vn', 'Lời lẽ xúc phạm', 'Thị xã đã bố trí vốn', 'Lê Thị Bình']) assert.equal(publicText.includes(secret), false, secret)

      // The session: the secretary answers q1, records two floor questions and a commitment.
      await refuses(applySessionAction(deps, by('desk.a'), id, { action: 'mark_held' }), ConflictError, 'dialogues.errors.notStarted')
      clock.set(new Date(new Date(START).getTime() + 5 * DAY))
      const answered = await answerQuestion(deps, by('desk.a'), id, q1.id, { answer: 'Phường sẽ sửa hẻm 12 trong tháng 5.', answeredBy: 'Chủ tịch UBND phường' })
      assert.equal(answered.status, 'answered')
      const toAsker = await database.db.selectFrom('outbox').select('body').where('recipient', '=', 'an.nguyen@example.vn').execute()
      assert.equal(toAsker.length, 1)
      assert.match(toAsker[0]!.body, /Phường sẽ sửa hẻm 12/)
      const floorAnswered = await recordFloorQuestion(deps, by('desk.a'), id, {
        askerName: 'Trần Văn Cường',
        text: 'Xin hỏi lịch thu gom rác mới của khu phố 2?',
        answer: 'Từ tuần sau xe đến vào thứ Hai, Tư, Sáu.',
        answeredBy: 'Bí thư Đảng ủy phường',
      })
      assert.equal(floorAnswered.status, 'answered')
      const floorOpen = await recordFloorQuestion(deps, by('desk.a'), id, { text: 'Đề nghị lắp đèn đường ở đoạn đường đất ven suối.' })
      assert.equal(floorOpen.status, 'published')
      const commitment = await addCommitment(deps, by('desk.a'), id, {
        questionId: q1.id,
        responsibleUnitCode: 'WARD-A',
        responsible: 'Chủ tịch UBND phường',
        content: 'Sửa xong hẻm 12 khu phố 3',
        dueAt: '2026-05-29',
      })
      assert.ok(commitment.trackedItem, 'the commitment has a tracked item')
      assert.equal(commitment.trackedItem.status, 'assigned')
      assert.equal(commitment.dueAt.toISOString(), '2026-05-29T16:59:59.000Z')
      assert.equal(commitment.trackedItem.dueAt?.toISOString(), '2026-05-29T16:59:59.000Z')

      // Marking held tracks every question still without an answer (q2 and the open floor question).
      const calendar = await deps.calendar.calendarFor((await getUnitByCode(deps, 'WARD-A')).id)
      const held = await applySessionAction(deps, by('desk.a'), id, { action: 'mark_held' })
      assert.equal(held.status, 'held')
      const unanswered = held.questions.filter((q) => q.status === 'unanswered')
      assert.deepEqual(unanswered.map((q) => q.id).sort(), [q2.id, floorOpen.id].sort())
      const expectedDue = computeDue(calendar, clock.now(), { kind: 'days', days: 10 })
      for (const q of unanswered) {
        assert.ok(q.trackedItem, `question ${q.id} has a tracked item`)
        assert.equal(q.trackedItem.dueAt?.toISOString(), expectedDue.toISOString())
        const item = await getFeedbackForStaff({ db: database.db, clock }, by('lead.a'), q.trackedItem.code)
        assert.deepEqual([item.kind, item.category, item.status, item.origin, item.originRef, item.unit.code], ['petition', 'other', 'assigned', 'dialogue', `dialogue:${id}`, 'WARD-A'])
      }
      // The anonymous asker's name never reaches the tracked item.
      const q2Item = await getFeedbackForStaff({ db: database.db, clock }, by('lead.a'), unanswered.find((q) => q.id === q2.id)!.trackedItem!.code)
      assert.equal(q2Item.contact, null)
      assert.equal(held.questions.find((q) => q.id === q3.id)?.status, 'hidden')

      // Minutes: refused until the participants are written; the secretary writes them.
      await refuses(applySessionAction(deps, by('lead.a'), id, { action: 'publish_minutes' }), ConflictError, 'dialogues.errors.minutesIncomplete')
      await refuses(sessionMinutes(deps, null, id), NotFoundError)
      await updateSession(deps, by('desk.a'), id, { participants: 'Lãnh đạo Đảng ủy, UBND phường; đại diện các đoàn thể; Nhân dân khu phố 1–4.', attendance: 120, summary: 'Buổi đối thoại diễn ra dân chủ.' })
      await refuses(applySessionAction(deps, by('desk.a'), id, { action: 'publish_minutes' }), ForbiddenError)
      const published = await applySessionAction(deps, by('lead.a'), id, { action: 'publish_minutes' })
      assert.equal(published.status, 'minutes_published')
      const minutes = await sessionMinutes(deps, null, id)
      assert.equal(minutes.isPublished, true)
      assert.equal(minutes.attendance, 120)
      assert.deepEqual(
        minutes.questions.map((q) => [q.source, q.status]),
        [
          ['before', 'answered'],
          ['before', 'unanswered'],
          ['floor', 'answered'],
          ['floor', 'unanswered'],
        ],
      )
      assert.equal(minutes.questions[0]!.answer, 'Phường sẽ sửa hẻm 12 trong tháng 5.')
      assert.deepEqual(
        minutes.commitments.map((c) => [c.responsible, c.content, c.dueAt.toISOString()]),
        [['Chủ tịch UBND phường', 'Sửa xong hẻm 12 khu phố 3', '2026-05-29T16:59:59.000Z']],
      )
      assert.deepEqual(
        minutes.hosts.map((h) => h.fullName),
        ['Cán bộ lead.a', 'Cán bộ bithu.a'],
      )

      // The public page shows each follow-up's status; the item's own public page exists.
      const publicAfter = await getPublicSession(deps, id)
      assert.equal(publicAfter.commitments[0]!.trackedItem?.publicStatus, 'open')
      assert.equal(publicAfter.commitments[0]!.trackedItem?.isPublic, true)
      assert.equal((await getPublicItem({ db: database.db, clock }, publicAfter.commitments[0]!.trackedItem!.code))?.status, 'assigned')

      const closed = await applySessionAction(deps, by('lead.a'), id, { action: 'close' })
      assert.equal(closed.status, 'closed')
      assert.deepEqual(closed.allowedActions, [])
      const audit = await listAuditFor(database.db, 'dialogue_session', id)
      assert.deepEqual(
        audit.map((e) => e.action),
        ['create', 'open_questions', 'mark_held', 'update', 'publish_minutes', 'close'],
      )
      const heldAudit = audit.find((e) => e.action === 'mark_held')!.after as { unanswered: unknown[] }
      assert.equal(heldAudit.unanswered.length, 2)
      clock.set(START)
    })

    it('writes a commitment and its tracked item together, or neither', async () => {
      clock.set(START)
      const { id } = await announce({ startsAt: new Date(clock.now().getTime() + HOUR) })
      const countRows = async () => ({
        commitments: (await database.db.selectFrom('dialogue_commitments').select('id').where('session_id', '=', id).execute()).length,
        items: (await database.db.selectFrom('feedback_items').select('id').where('origin_ref', '=', `dialogue:${id}`).execute()).length,
      })
      // The tracked item refuses the category inside the transaction: the commitment goes too.
      await refuses(
        addCommitment(deps, by('desk.a'), id, { responsibleUnitCode: 'WARD-A', responsible: 'Công an phường', content: 'Dẹp hàng rong trước trường', dueAt: '2026-04-30', category: 'no_such_category' }),
        ValidationError,
        'category',
      )
      assert.deepEqual(await countRows(), { commitments: 0, items: 0 })
      const made = await addCommitment(deps, by('desk.a'), id, { responsibleUnitCode: 'TOWN', responsible: 'Phòng Quản lý đô thị thị xã', content: 'Khảo sát tuyến cống', dueAt: '2026-04-30', category: 'infrastructure' })
      assert.deepEqual(await countRows(), { commitments: 1, items: 1 })
      const item = await getFeedbackForStaff({ db: database.db, clock }, by('lead.town'), made.trackedItem!.code)
      assert.equal(item.category, 'infrastructure')
      assert.equal(item.unit.code, 'TOWN')
      assert.match(item.title ?? '', /^Cam kết tại đối thoại: Khảo sát tuyến cống/)
      // Field errors: a past date, a unit of another line, an unknown question.
      const error = await refuses(
        addCommitment(deps, by('desk.a'), id, { questionId: 999999, responsibleUnitCode: 'WARD-B', responsible: 'X', content: 'ngắn', dueAt: '2026-03-01' }),
        ValidationError,
      )
      assert.deepEqual(Object.keys(error.fields).sort(), ['content', 'dueAt', 'questionId', 'responsible', 'responsibleUnitCode'])
    })

    it('refuses to mark a session held while questions await moderation, and tracks a floor question left open after it', async () => {
      clock.set(START)
      const { id } = await announce({ startsAt: new Date(clock.now().getTime() + 2 * HOUR) })
      await applySessionAction(deps, by('lead.a'), id, { action: 'open_questions' })
      const pending = await ask(id)
      clock.advance(3 * HOUR)
      await refuses(applySessionAction(deps, by('desk.a'), id, { action: 'mark_held' }), ConflictError, 'dialogues.errors.pendingQuestions')
      // Moderation before the session stays possible until it is marked held.
      await moderateQuestion(deps, by('lead.a'), id, pending.id, { action: 'hide', reason: 'Trùng với câu hỏi đã trả lời tuần trước.' })
      const held = await applySessionAction(deps, by('desk.a'), id, { action: 'mark_held' })
      assert.equal(held.questions.filter((q) => q.status === 'unanswered').length, 0)
      const late = await recordFloorQuestion(deps, by('desk.a'), id, { text: 'Câu hỏi ghi lại sau buổi đối thoại, chưa được trả lời.' })
      assert.equal(late.status, 'unanswered')
      assert.equal(late.trackedItem?.status, 'assigned')
      await refuses(answerQuestion(deps, by('desk.a'), id, late.id, { answer: 'Quá muộn.' }), ConflictError, 'dialogues.errors.questionNotAllowed')
      await refuses(moderateQuestion(deps, by('lead.a'), id, pending.id, { action: 'publish' }), ConflictError, 'dialogues.errors.sessionNotAllowed')
      clock.set(START)
    })

    it('counts one support per device and refuses supports where they make no sense', async () => {
      clock.set(START)
      const { id } = await announce()
      await applySessionAction(deps, by('lead.a'), id, { action: 'open_questions' })
      const q = await ask(id)
      const device = newDeviceToken()
      await refuses(supportQuestion(deps, id, q.id, device, '10.2.0.1'), NotFoundError)
      await moderateQuestion(deps, by('lead.a'), id, q.id, { action: 'publish' })
      assert.equal((await supportQuestion(deps, id, q.id, device, '10.2.0.1')).supportCount, 1)
      await refuses(supportQuestion(deps, id, q.id, device, '10.2.0.2'), ConflictError, 'dialogues.errors.alreadySupported')
      assert.equal((await supportQuestion(deps, id, q.id, newDeviceToken(), '10.2.0.1')).supportCount, 2)
      await refuses(supportQuestion(deps, id, q.id, 'not-a-device', '10.2.0.1'), ValidationError, 'device')
      const rows = await database.db.selectFrom('dialogue_supports').select('device_hash').where('question_id', '=', q.id).execute()
      assert.equal(rows.length, 2)
      // Only hashes are kept, never the cookie itself.
      assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.device_hash) && r.device_hash !== device), 'only sha256 hashes of devices are stored')
      await applySessionAction(deps, by('lead.a'), id, { action: 'cancel', reason: 'Trùng lịch họp Hội đồng nhân dân.' })
      await refuses(supportQuestion(deps, id, q.id, newDeviceToken(), '10.2.0.3'), ConflictError, 'dialogues.errors.sessionNotAllowed')
    })

    it('moves supports to the question a duplicate is merged into, counting a device once', async () => {
      clock.set(START)
      const { id } = await announce()
      await applySessionAction(deps, by('lead.a'), id, { action: 'open_questions' })
      const kept = await ask(id, { text: 'Bao giờ sửa đường hẻm 12 khu phố 3?' })
      const duplicate = await ask(id, { text: 'Hẻm 12 khu phố 3 hư hỏng nặng, khi nào sửa?' })
      for (const q of [kept, duplicate]) await moderateQuestion(deps, by('lead.a'), id, q.id, { action: 'publish' })
      const [d1, d2, d3] = [newDeviceToken(), newDeviceToken(), newDeviceToken()]
      await supportQuestion(deps, id, kept.id, d1, '10.3.0.1')
      await supportQuestion(deps, id, kept.id, d2, '10.3.0.1')
      await supportQuestion(deps, id, duplicate.id, d2, '10.3.0.1')
      await supportQuestion(deps, id, duplicate.id, d3, '10.3.0.1')
      await refuses(moderateQuestion(deps, by('lead.a'), id, duplicate.id, { action: 'merge', into: duplicate.id }), ValidationError, 'into')
      const merged = await moderateQuestion(deps, by('lead.a'), id, duplicate.id, { action: 'merge', into: kept.id })
      assert.equal(merged.status, 'merged')
      assert.equal(merged.mergedIntoId, kept.id)
      const view = await getPublicSession(deps, id, d3)
      assert.deepEqual(
        view.questions.map((q) => [q.id, q.supportCount, q.mergedCount, q.isSupported]),
        [[kept.id, 3, 1, true]],
      )
      const staffView = await getStaffSession(deps, by('lead.a'), id)
      assert.equal(staffView.questions.find((q) => q.id === duplicate.id)?.supportCount, 0)
      // A device that supported the duplicate cannot support the kept one again.
      await refuses(supportQuestion(deps, id, kept.id, d3, '10.3.0.1'), ConflictError, 'dialogues.errors.alreadySupported')
    })

    it('keeps residents’ questions to the rules: fields, honeypot, captcha and a limit per address', async () => {
      clock.set(START)
      const { id } = await announce()
      await applySessionAction(deps, by('lead.a'), id, { action: 'open_questions' })
      const fresh = () => {
        const c = captcha.issue(clock.now())
        return { token: c.token, nonce: solveWork(c.salt, c.difficultyBits) }
      }
      const error = await refuses(submitQuestion(deps, id, { text: 'ngắn' }, { clientAddress: '10.4.0.1', honeypot: '', captcha: {} }), ValidationError)
      assert.deepEqual(Object.keys(error.fields).sort(), ['captcha', 'text'])
      await refuses(submitQuestion(deps, id, { text: 'Một câu hỏi đủ dài để gửi.' }, { clientAddress: '10.4.0.1', honeypot: 'http://spam', captcha: fresh() }), ValidationError, 'dialogues.errors.rejected')
      const solved = fresh()
      await submitQuestion(deps, id, { text: 'Một câu hỏi đủ dài để gửi.' }, { clientAddress: '10.4.0.1', honeypot: '', captcha: solved })
      await refuses(submitQuestion(deps, id, { text: 'Một câu hỏi đủ dài để gửi.' }, { clientAddress: '10.4.0.2', honeypot: '', captcha: solved }), ValidationError, 'captcha')
      for (let i = 3; i < QUESTION_LIMITS.perWindow; i++) await submitQuestion(deps, id, { text: 'Một câu hỏi đủ dài để gửi.' }, { clientAddress: '10.4.0.1', honeypot: '', captcha: fresh() })
      await refuses(submitQuestion(deps, id, { text: 'Một câu hỏi đủ dài để gửi.' }, { clientAddress: '10.4.0.1', honeypot: '', captcha: fresh() }), TooManyRequestsError)
      const audit = await database.db.selectFrom('audit_log').select('after_json').where('entity', '=', 'dialogue_question').execute()
      assert.ok(audit.every((a) => !(a.after_json ?? '').includes('Nguyễn Văn An')), 'no asker name in the audit log')
    })

    it('lets ward B manage nothing of ward A’s session, and each role only its part', async () => {
      clock.set(START)
      const session = await announce()
      const id = session.id
      await refuses(announce({}, 'lead.b'), ForbiddenError)
      await refuses(getStaffSession(deps, by('lead.b'), id), ForbiddenError)
      await refuses(updateSession(deps, by('lead.b'), id, { topic: 'Đổi chủ đề của phường khác' }), ForbiddenError)
      await refuses(applySessionAction(deps, by('lead.b'), id, { action: 'open_questions' }), ForbiddenError)
      await refuses(setHosts(deps, by('lead.b'), id, [{ username: 'lead.b' }]), ForbiddenError)
      await refuses(recordFloorQuestion(deps, by('lead.b'), id, { text: 'Câu hỏi của người phường khác.' }), ForbiddenError)
      await refuses(addCommitment(deps, by('desk.b'), id, { responsibleUnitCode: 'WARD-A', responsible: 'Ai đó', content: 'Một cam kết', dueAt: '2026-06-01' }), ForbiddenError)
      await applySessionAction(deps, by('lead.a'), id, { action: 'open_questions' })
      const q = await ask(id)
      await refuses(moderateQuestion(deps, by('lead.b'), id, q.id, { action: 'publish' }), ForbiddenError)
      // The secretary records but does not moderate or open; a specialist of the ward does neither.
      await refuses(moderateQuestion(deps, by('desk.a'), id, q.id, { action: 'publish' }), ForbiddenError)
      await refuses(applySessionAction(deps, by('desk.a'), id, { action: 'cancel', reason: 'Không được phép hủy.' }), ForbiddenError)
      await refuses(recordFloorQuestion(deps, by('spec.a'), id, { text: 'Chuyên viên không phải thư ký.' }), ForbiddenError)
      await refuses(updateSession(deps, by('desk.a'), id, { venue: 'Nhà văn hóa khu phố 2' }), ForbiddenError)
      // The town's moderator organises the ward's sessions too.
      await moderateQuestion(deps, by('mod.town'), id, q.id, { action: 'publish' })
      // Hosts: leaders of the ward or above only; another ward's leader or a desk officer is refused.
      const hostError = await refuses(setHosts(deps, by('lead.a'), id, [{ username: 'lead.b' }, { username: 'desk.a', roleLabel: 'Thư ký' }, { username: 'lead.town' }]), ValidationError)
      assert.deepEqual(Object.keys(hostError.fields).sort(), ['hosts.0.username', 'hosts.1.username', 'hosts.2.roleLabel'])
      const hosts = await setHosts(deps, by('lead.a'), id, [{ username: 'lead.town', roleLabel: 'Chủ tịch UBND thị xã' }, { username: 'bithu.a' }])
      assert.deepEqual(
        hosts.hosts.map((h) => h.roleLabel),
        ['Chủ tịch UBND thị xã', 'Bí thư Đảng ủy'],
      )
      await refuses(updateSession(deps, by('lead.a'), id, { secretaryUsername: 'desk.b' }), ValidationError, 'secretaryUsername')
      // Staff lists: ward B's leader sees none of ward A's sessions.
      const listB = await listStaffSessions(deps, by('lead.b'), {})
      assert.equal(listB.items.some((s) => s.id === id), false)
      const listA = await listStaffSessions(deps, by('desk.a'), {})
      assert.ok(listA.items.some((s) => s.id === id), 'the secretary sees the session in the staff list')
      await refuses(listStaffSessions(deps, by('spec.a'), {}), ForbiddenError)
    })

    it('lists upcoming and past sessions for the public and writes them as iCalendar', async () => {
      clock.set(START)
      const upcoming = await announce({ topic: 'Đối thoại về chợ tạm', startsAt: '2026-03-20T08:00', endsAt: '2026-03-20T11:00' })
      const list = await listSessions(deps, { scope: 'upcoming', unitCode: 'WARD-A' })
      assert.ok(list.items.some((s) => s.id === upcoming.id), 'the upcoming list has the session')
      assert.ok(list.items.every((s) => s.unit.code === 'WARD-A'), 'the list keeps to ward A')
      const past = await listSessions(deps, { scope: 'past' })
      assert.equal(past.items.some((s) => s.id === upcoming.id), false)
      await refuses(listSessions(deps, { unitCode: 'NOPE' }), BadRequestError)
      const ics = await sessionIcs(deps, upcoming.id)
      assert.match(ics, /^BEGIN:VCALENDAR\r\n/)
      assert.match(ics, new RegExp(`\\r\\nUID:dialogue-${upcoming.id}@congso\\.example\\r\\n`))
      assert.match(ics, /\r\nDTSTART:20260320T010000Z\r\n/)
      assert.match(ics, /\r\nDTEND:20260320T040000Z\r\n/)
      assert.match(ics, /\r\nSTATUS:TENTATIVE\r\n/)
      assert.equal(await sessionIcs(deps, upcoming.id), ics, 'the same session gives the same bytes')
      await applySessionAction(deps, by('lead.a'), upcoming.id, { action: 'cancel', reason: 'Hoãn vì mưa bão.' })
      const cancelled = await sessionIcs(deps, upcoming.id)
      assert.match(cancelled, /\r\nSTATUS:CANCELLED\r\n/)
      const sequenceOf = (text: string) => Number(/SEQUENCE:(\d+)/.exec(text)?.[1] ?? -1)
      assert.ok(sequenceOf(cancelled) > sequenceOf(ics), `SEQUENCE ${sequenceOf(cancelled)} after ${sequenceOf(ics)}`)
      const feed = await feedIcs(deps, { unitCode: 'WARD-A' })
      assert.ok((feed.match(/BEGIN:VEVENT/g) ?? []).length >= 1, 'the feed has events')
      assert.equal((await feedIcs(deps, { unitCode: 'WARD-B' })).includes('BEGIN:VEVENT'), false)
      await refuses(sessionIcs(deps, 99999999), NotFoundError)
    })
  })

  describe(`dialogue coverage on ${dialect.name}`, () => {
    let database: TestDatabase
    let deps: DialogueDeps
    const clock = new FixedClock('2026-01-05T02:00:00Z')
    const staff: Record<string, Principal> = {}

    before(async () => {
      database = await dialect.open()
      const db = database.db
      deps = { db, clock, calendar: createCalendarService({ db, clock }), config: { baseUrl: 'https://congso.example' } }
      await createUnitTree({ db, clock })
      await createUnit({ db, clock }, 'system', { code: 'WARD-C', name: 'Phường Cát', level: 'ward', parentCode: 'TOWN' })
      await createUnit({ db, clock }, 'system', { code: 'COMMUNE-D', name: 'Xã Đông', level: 'commune', parentCode: 'TOWN' })
      for (const [username, unit, role] of [
        ['lead.town', 'TOWN', 'leader'],
        ['admin.town', 'TOWN', 'admin'],
        ['lead.a', 'WARD-A', 'leader'],
        ['lead.b', 'WARD-B', 'leader'],
        ['lead.c', 'WARD-C', 'leader'],
      ] as const) {
        const { id } = await createTestStaff({ db, clock }, username, unit, [role])
        staff[username] = (await loadPrincipal({ db, clock }, id))!
      }
    })
    after(() => database.close())

    /** A session of a unit held at an instant: announced a day before, then marked held an hour after it started. */
    async function hold(unitCode: string, startsAt: string, username: string): Promise<number> {
      clock.set(new Date(new Date(startsAt).getTime() - DAY))
      const { id } = await createSession(deps, staff[username]!, { unitCode, topic: `Đối thoại năm ${startsAt.slice(0, 4)}`, startsAt, venue: 'Hội trường' })
      clock.set(new Date(new Date(startsAt).getTime() + HOUR))
      await applySessionAction(deps, staff[username]!, id, { action: 'mark_held' })
      return id
    }

    it('counts units that held a dialogue in the year, in Vietnam time, and how commitments fare, as computed by hand', async () => {
      // Ward A: two sessions in 2026 (one at 01:00 on 1 January Vietnam time, still 2025 in UTC).
      const a1 = await hold('WARD-A', '2025-12-31T18:00:00Z', 'lead.a')
      const a2 = await hold('WARD-A', '2026-04-10T01:00:00Z', 'lead.a')
      // Ward B: one in 2025 only (23:30 on 31 December Vietnam time), and one cancelled in 2026.
      await hold('WARD-B', '2025-12-31T16:30:00Z', 'lead.b')
      clock.set('2026-02-01T01:00:00Z')
      const cancelled = await createSession(deps, staff['lead.b']!, { unitCode: 'WARD-B', topic: 'Đối thoại bị hủy', startsAt: '2026-03-01T01:00:00Z', venue: 'Hội trường' })
      await applySessionAction(deps, staff['lead.b']!, cancelled.id, { action: 'cancel', reason: 'Hoãn sang quý sau.' })
      // Ward C: one held in 2026. Commune D: none. The town itself: one (counts for no ward).
      const c1 = await hold('WARD-C', '2026-06-15T01:00:00Z', 'lead.c')
      const town = await hold('TOWN', '2026-05-05T01:00:00Z', 'lead.town')

      // Commitments, made an hour after each session, and what happens to them:
      //   a1 #1 due 2026-02-28, answered 2026-02-20  → done, on time
      //   a1 #2 due 2026-02-28, answered 2026-03-05  → done, late
      //   a2 #3 due 2026-05-10, still open           → overdue on 2026-07-01
      //   c1 #4 due 2026-08-31, still open           → open, not overdue
      //   town #5 due 2026-06-01, still open         → overdue; counts in the total only
      const commit = (sessionId: number, username: string, unitCode: string, madeAt: string, dueAt: string) => {
        clock.set(madeAt)
        return addCommitment(deps, staff[username]!, sessionId, { responsibleUnitCode: unitCode, responsible: 'Chủ tịch UBND', content: 'Giải quyết kiến nghị', dueAt })
      }
      const c1a = await commit(a1, 'lead.a', 'WARD-A', '2026-01-01T02:00:00Z', '2026-02-28')
      const c2a = await commit(a1, 'lead.a', 'WARD-A', '2026-01-01T02:00:00Z', '2026-02-28')
      await commit(a2, 'lead.a', 'WARD-A', '2026-04-10T03:00:00Z', '2026-05-10')
      await commit(c1, 'lead.c', 'WARD-C', '2026-06-15T03:00:00Z', '2026-08-31')
      await commit(town, 'lead.town', 'TOWN', '2026-05-05T03:00:00Z', '2026-06-01')
      const feedbackDeps = { db: database.db, clock, calendar: deps.calendar, files: NO_FILES, config: deps.config }
      clock.set('2026-02-20T03:00:00Z')
      await applyAction(feedbackDeps, staff['lead.a']!, c1a.trackedItem!.code, { action: 'answer', text: 'Đã giải quyết xong kiến nghị.' })
      clock.set('2026-03-05T03:00:00Z')
      await applyAction(feedbackDeps, staff['lead.a']!, c2a.trackedItem!.code, { action: 'answer', text: 'Đã giải quyết, trễ hạn một tuần.' })
      await applyAction(feedbackDeps, staff['lead.a']!, c2a.trackedItem!.code, { action: 'close' })

      clock.set('2026-07-01T03:00:00Z')
      const view = await coverage(deps, staff['lead.town']!, { unitCode: 'TOWN', year: 2026 })
      assert.deepEqual([view.heldCount, view.unitCount, view.heldPercent], [2, 4, 50])
      assert.deepEqual(
        view.units.map((u) => [u.unit.code, u.sessionsHeld, u.lastSessionId, u.commitments.total, u.commitments.done, u.commitments.doneOnTime, u.commitments.overdue]),
        [
          ['COMMUNE-D', 0, null, 0, 0, 0, 0],
          ['WARD-A', 2, a2, 3, 2, 1, 1],
          ['WARD-B', 0, null, 0, 0, 0, 0],
          ['WARD-C', 1, c1, 1, 0, 0, 0],
        ],
      )
      assert.deepEqual(view.commitments, { total: 5, done: 2, doneOnTime: 1, overdue: 2, open: 3 })
      const lastYear = await coverage(deps, staff['admin.town']!, { unitCode: 'TOWN', year: 2025 })
      assert.deepEqual(
        lastYear.units.filter((u) => u.sessionsHeld > 0).map((u) => u.unit.code),
        ['WARD-B'],
      )
      // The home unit and this year by default; only leaders, moderators and admins of the unit or above.
      assert.equal((await coverage(deps, staff['lead.town']!)).year, 2026)
      await refuses(coverage(deps, staff['lead.a']!, { unitCode: 'TOWN', year: 2026 }), ForbiddenError)
      await refuses(coverage(deps, staff['lead.town']!, { unitCode: 'NOPE' }), BadRequestError)
      await refuses(coverage(deps, staff['lead.town']!, { unitCode: 'TOWN', year: 1900 }), BadRequestError)
    })
  })
}
