/**
 * Comments against a real database (SQLite, and PostgreSQL when configured): a reader's comment
 * held for moderation, approved, and shown with the official reply under it; the spam defences
 * (limit per address, honeypot, captcha) before anything is stored; comments on an article that is
 * not out or does not take them; the word filter recording what it catches; trusted commenters
 * published at once when the setting is on; the queue (pending first, counts, filters, scope) and
 * every moderation action audited; replies; and the settings, audited and kept to their editors.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, beforeEach, describe, it } from 'node:test'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { listAuditFor } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { createCaptcha, solveWork } from '../../platform/captcha/captcha.ts'
import type { Captcha, CaptchaSolution } from '../../platform/captcha/captcha.ts'
import { FixedClock } from '../../platform/clock.ts'
import { createFolderStore } from '../../platform/files/files.ts'
import { ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../../platform/http/errors.ts'
import type { AppError } from '../../platform/http/errors.ts'
import { loadPrincipal } from '../units/index.ts'
import { seedDemoUnits } from '../units/unit.seed.ts'
import { DEMO_COMMENT_STEPS, seedDemoComments } from './comment.seed.ts'
import {
  COMMENT_LIMITS_PER_ADDRESS,
  getModerationSettings,
  listApprovedComments,
  listApprovedCommentsBySlug,
  listModerationQueue,
  moderateComment,
  postComment,
  replyToComment,
  TRUSTED_PUBLISH_SETTING,
  updateModerationSettings,
  WORD_FILTER_SETTING,
} from './comment.service.ts'
import type { PublicCommentDeps } from './comment.service.ts'
import { DEFAULT_WORD_FILTER } from './comment.ts'
import { seedDemoNews } from './news.seed.ts'
import { createArticle, latestArticles, unpublishArticle } from './news.service.ts'
import type { NewsDeps } from './news.service.ts'

const START = '2026-03-02T02:00:00Z'
const MINUTE = 60_000

/** Asserts that a promise fails with an error of this class and, when given, these fields. */
async function rejectsWith(promise: Promise<unknown>, type: new (...args: never[]) => AppError, fields?: Record<string, string>): Promise<AppError> {
  let caught: unknown = null
  await promise.catch((error: unknown) => (caught = error))
  assert.ok(caught instanceof type, `expected ${type.name}, got ${String(caught)}`)
  if (fields) assert.deepEqual(caught.fields, fields)
  return caught
}

for (const dialect of testDialects) {
  describe(`comments on ${dialect.name}`, () => {
    let database: TestDatabase
    let filesDir: string
    let clock: FixedClock
    let deps: PublicCommentDeps & NewsDeps
    let captcha: Captcha
    let townModerator: Principal
    let wardModerator: Principal
    let leader: Principal
    let townSlug: string
    let otherSlug: string
    let wardSlug: string
    let address = 0

    /** A solved challenge, as the browser's script would send it. */
    const solved = (): CaptchaSolution => {
      const challenge = captcha.issue(clock.now())
      return { token: challenge.token, nonce: solveWork(challenge.salt, challenge.difficultyBits) }
    }
    /** A fresh client address, so the per-address limit only counts where a test means it to. */
    const freshAddress = () => `203.0.113.${++address}`
    /** Posts a comment from a fresh address with a solved captcha. */
    const post = (slug: string, input: { authorName?: string; email?: string; body?: string } = {}, clientAddress = freshAddress()) =>
      postComment(deps, slug, { authorName: 'Lê Văn Tâm', email: 'tam.le@example.vn', body: 'Đề nghị mở thêm quầy vào sáng thứ Bảy.', ...input }, { clientAddress, captcha: solved(), honeypot: '' })

    before(async () => {
      database = await dialect.open()
      clock = new FixedClock(START)
      filesDir = mkdtempSync(join(tmpdir(), 'congso-comments-'))
      // Real proof of work, at a difficulty a test solves at once.
      captcha = createCaptcha({ secret: 'test-secret-of-some-length', difficultyBits: 4, ttlMs: 3_600_000, db: database.db })
      deps = { db: database.db, clock, files: createFolderStore(filesDir), captcha }
      await createUnitTree(deps)
      const principal = async (username: string, unit: string, roles: Parameters<typeof createTestStaff>[3]) => (await loadPrincipal(deps, (await createTestStaff(deps, username, unit, roles)).id))!
      townModerator = await principal('kiemduyet.town', 'TOWN', ['moderator'])
      wardModerator = await principal('kiemduyet.b', 'WARD-B', ['moderator'])
      leader = await principal('lanhdao.town', 'TOWN', ['leader'])
      const article = (title: string, by: Principal, more: { isCommentsEnabled?: boolean } = {}) =>
        createArticle(deps, by, { title, lead: 'Tóm tắt.', bodyMd: 'Nội dung.', category: 'cai-cach-hanh-chinh', status: 'published', ...more })
      townSlug = (await article('Một cửa làm việc sáng thứ Bảy', townModerator)).slug
      otherSlug = (await article('Lịch tiếp công dân tháng Ba', townModerator)).slug
      wardSlug = (await article('Phường Bình ra quân dọn vệ sinh', wardModerator)).slug
    })
    after(async () => {
      await database.close()
      rmSync(filesDir, { recursive: true, force: true })
    })
    beforeEach(() => clock.advance(MINUTE))

    const commentRow = (id: number) => database.db.selectFrom('news_comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const countComments = async () => Number((await database.db.selectFrom('news_comments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

    it('holds a comment for moderation, shows it once approved (audited), with the official reply under it', async () => {
      const posted = await post(townSlug, { body: 'Xin hỏi\nthủ tục này mất mấy ngày?' })
      assert.equal(posted.status, 'pending')
      assert.equal((await listApprovedCommentsBySlug(deps, townSlug)).total, 0, 'nothing is shown before moderation')
      const row = await commentRow(posted.id)
      assert.equal(row.author_email, 'tam.le@example.vn')
      assert.equal(row.flagged_words, null)

      clock.advance(MINUTE)
      const approved = await moderateComment(deps, townModerator, posted.id, 'approve')
      assert.equal(approved.status, 'approved')
      assert.equal(approved.moderatorName, 'Cán bộ kiemduyet.town')
      const audit = await listAuditFor(database.db, 'news_comment', posted.id)
      assert.deepEqual(
        audit.map((e) => [e.action, e.actorLabel, e.before, e.after]),
        [['approve', 'kiemduyet.town', { status: 'pending' }, { status: 'approved' }]],
      )

      clock.advance(MINUTE)
      const replied = await replyToComment(deps, townModerator, posted.id, '  Thủ tục này giải quyết trong 3 ngày làm việc.  ')
      assert.deepEqual(
        replied.replies.map((r) => [r.authorName, r.body, r.isOfficial]),
        [['Cán bộ kiemduyet.town', 'Thủ tục này giải quyết trong 3 ngày làm việc.', true]],
      )
      const shown = await listApprovedCommentsBySlug(deps, townSlug)
      assert.equal(shown.total, 2)
      assert.equal(shown.threads.length, 1)
      assert.equal(shown.threads[0]?.body, 'Xin hỏi\nthủ tục này mất mấy ngày?')
      assert.equal(shown.threads[0]?.isOfficial, false)
      assert.equal(shown.threads[0]?.replies[0]?.isOfficial, true)
      assert.ok(!('email' in (shown.threads[0] ?? {})) && !JSON.stringify(shown).includes('example.vn'), 'the email is never in what the public sees')
      const replyId = shown.threads[0]!.replies[0]!.id
      assert.deepEqual(
        (await listAuditFor(database.db, 'news_comment', replyId)).map((e) => [e.action, e.actorLabel]),
        [['reply', 'kiemduyet.town']],
      )
    })

    it('shows comments newest first, each with its replies oldest first, and only approved ones', async () => {
      const first = await post(otherSlug, { body: 'Bình luận thứ nhất' })
      clock.advance(MINUTE)
      const second = await post(otherSlug, { body: 'Bình luận thứ hai' })
      clock.advance(MINUTE)
      const rejected = await post(otherSlug, { body: 'Bình luận bị từ chối' })
      await moderateComment(deps, townModerator, first.id, 'approve')
      await moderateComment(deps, townModerator, second.id, 'approve')
      await moderateComment(deps, townModerator, rejected.id, 'reject')
      clock.advance(MINUTE)
      await replyToComment(deps, townModerator, first.id, 'Trả lời một')
      clock.advance(MINUTE)
      await replyToComment(deps, leader, first.id, 'Trả lời hai')
      const shown = await listApprovedComments(deps, first.articleId)
      assert.deepEqual(
        shown.threads.map((t) => [t.body, t.replies.map((r) => r.body)]),
        [
          ['Bình luận thứ hai', []],
          ['Bình luận thứ nhất', ['Trả lời một', 'Trả lời hai']],
        ],
      )
      assert.equal(shown.total, 4)
    })

    it('stops a script before anything is stored: the limit per address, the honeypot, the captcha', async () => {
      const before = await countComments()
      const address = freshAddress()
      for (let i = 0; i < COMMENT_LIMITS_PER_ADDRESS.burst.perWindow; i++) await post(otherSlug, { body: `Góp ý số ${i + 1}` }, address)
      const tooMany = await rejectsWith(post(otherSlug, {}, address), TooManyRequestsError)
      assert.equal(tooMany.messageKey, 'comments.errors.tooMany')
      assert.equal((await post(otherSlug, {}, freshAddress())).status, 'pending', 'another address is not held back')
      clock.advance(COMMENT_LIMITS_PER_ADDRESS.burst.windowMs + 1)
      assert.equal((await post(otherSlug, {}, address)).status, 'pending', 'the window passes')
      assert.equal(await countComments(), before + COMMENT_LIMITS_PER_ADDRESS.burst.perWindow + 2)

      const input = { authorName: 'Máy', email: 'may@example.vn', body: 'Quảng cáo' }
      const trap = await rejectsWith(postComment(deps, otherSlug, input, { clientAddress: freshAddress(), captcha: solved(), honeypot: 'http://spam.example' }), ValidationError, {})
      assert.equal(trap.messageKey, 'comments.errors.rejected')
      await rejectsWith(postComment(deps, otherSlug, input, { clientAddress: freshAddress(), captcha: { token: solved().token, nonce: 'x' }, honeypot: '' }), ValidationError, { captcha: 'captcha.errors.wrong' })
      const reused = solved()
      await postComment(deps, otherSlug, input, { clientAddress: freshAddress(), captcha: reused, honeypot: '' })
      await rejectsWith(postComment(deps, otherSlug, input, { clientAddress: freshAddress(), captcha: reused, honeypot: '' }), ValidationError, { captcha: 'captcha.errors.reused' })
      await rejectsWith(
        postComment(deps, otherSlug, { authorName: '', email: 'sai', body: '' }, { clientAddress: freshAddress(), captcha: {}, honeypot: '' }),
        ValidationError,
        { authorName: 'comments.errors.nameRequired', email: 'comments.errors.emailInvalid', body: 'comments.errors.bodyRequired', captcha: 'captcha.errors.missing' },
      )
    })

    it('refuses comments on an article that is not out (404) or does not take them (409)', async () => {
      await rejectsWith(post('khong-co-bai-nay'), NotFoundError)
      const closed = await createArticle(deps, townModerator, { title: 'Thông báo lịch cắt điện', lead: 'Tóm tắt.', bodyMd: 'Nội dung.', category: 'thong-bao', status: 'published', isCommentsEnabled: false })
      const error = await rejectsWith(post(closed.slug), ConflictError)
      assert.equal(error.messageKey, 'comments.errors.closed')
      const draft = await createArticle(deps, townModerator, { title: 'Bài chưa đăng', lead: 'Tóm tắt.', bodyMd: 'Nội dung.', category: 'thong-bao' })
      await rejectsWith(post(draft.slug), NotFoundError)
      await unpublishArticle(deps, townModerator, closed.id)
      await rejectsWith(listApprovedCommentsBySlug(deps, closed.slug), NotFoundError)
    })

    it('records the words the filter catches and keeps such a comment waiting', async () => {
      const posted = await post(townSlug, { authorName: 'Khách', body: 'Làm ăn kiểu này thì VCL, toàn cá độ' })
      assert.equal(posted.status, 'pending')
      assert.equal((await commentRow(posted.id)).flagged_words, JSON.stringify(['vcl', 'cá độ']))
      const flagged = await listModerationQueue(deps, townModerator, { status: 'all', isFlaggedOnly: true })
      assert.ok(flagged.items.some((i) => i.id === posted.id && i.flaggedWords.join() === 'vcl,cá độ'))
      assert.ok(flagged.items.every((i) => i.flaggedWords.length > 0))
    })

    it('publishes a trusted commenter at once when the setting is on, audited as the system', async () => {
      const email = 'thuongxuyen@example.vn'
      for (const body of ['Góp ý một', 'Góp ý hai']) await moderateComment(deps, townModerator, (await post(townSlug, { email, body })).id, 'approve')
      assert.equal((await post(townSlug, { email, body: 'Góp ý ba' })).status, 'pending', 'the setting is off by default')

      await updateModerationSettings(deps, townModerator, { wordFilter: DEFAULT_WORD_FILTER, isTrustedPublishEnabled: true, minApproved: '2' })
      const trusted = await post(townSlug, { email: 'ThuongXuyen@Example.vn', body: 'Góp ý bốn' })
      assert.equal(trusted.status, 'approved', 'the email is recognised whatever its case')
      assert.deepEqual(
        (await listAuditFor(database.db, 'news_comment', trusted.id)).map((e) => [e.action, e.actorLabel]),
        [['auto_approve', 'system']],
      )
      assert.equal((await post(townSlug, { email, body: 'Đồ ngu' })).status, 'pending', 'a filtered word still waits')
      assert.equal((await post(townSlug, { email: 'moi@example.vn', body: 'Lần đầu' })).status, 'pending', 'a first comment waits')
      await updateModerationSettings(deps, townModerator, { wordFilter: DEFAULT_WORD_FILTER, isTrustedPublishEnabled: false, minApproved: 2 })
    })

    it('lists the queue pending first (oldest first), with counts, within the moderator’s units', async () => {
      const queue = await listModerationQueue(deps, townModerator, { status: 'all', pageSize: 100 })
      const statuses = queue.items.map((i) => i.status)
      const firstOther = statuses.findIndex((s) => s !== 'pending')
      assert.ok(firstOther > 0 && statuses.slice(firstOther).every((s) => s !== 'pending'), 'pending ones come first')
      const pending = queue.items.filter((i) => i.status === 'pending')
      assert.deepEqual(
        pending.map((i) => i.createdAt.getTime()),
        [...pending.map((i) => i.createdAt.getTime())].sort((a, b) => a - b),
      )
      assert.ok(queue.items.every((i) => i.article.slug !== wardSlug), 'a town moderator does not see the ward’s article')
      assert.equal(queue.total, queue.counts.pending + queue.counts.approved + queue.counts.rejected + queue.counts.spam)
      assert.ok(queue.items.every((i) => !JSON.stringify(i).includes('@')), 'the queue does not show emails either')
      const regular = queue.items.find((i) => i.body === 'Góp ý ba')
      assert.equal(regular?.approvedByEmail, 3)

      const defaultQueue = await listModerationQueue(deps, townModerator)
      assert.equal(defaultQueue.status, 'pending')
      assert.ok(defaultQueue.items.every((i) => i.status === 'pending'))
      await rejectsWith(listModerationQueue(deps, townModerator, { status: 'deleted' }), ValidationError, { status: 'comments.errors.status' })

      const onWard = await post(wardSlug)
      await rejectsWith(moderateComment(deps, townModerator, onWard.id, 'approve'), ForbiddenError)
      const wardQueue = await listModerationQueue(deps, wardModerator)
      assert.deepEqual(
        wardQueue.items.map((i) => i.id),
        [onWard.id],
      )
      assert.ok((await listModerationQueue(deps, leader, { status: 'all', pageSize: 100 })).items.some((i) => i.id === onWard.id), 'a leader reaches the wards below')
      await rejectsWith(moderateComment(deps, wardModerator, 999_999, 'approve'), NotFoundError)
    })

    it('lets decisions be revised, refuses repeats, and audits each', async () => {
      const posted = await post(townSlug)
      await moderateComment(deps, townModerator, posted.id, 'spam')
      await rejectsWith(moderateComment(deps, townModerator, posted.id, 'spam'), ConflictError)
      await rejectsWith(replyToComment(deps, townModerator, posted.id, 'Trả lời'), ConflictError)
      await moderateComment(deps, townModerator, posted.id, 'approve')
      await moderateComment(deps, leader, posted.id, 'reject')
      assert.deepEqual(
        (await listAuditFor(database.db, 'news_comment', posted.id)).map((e) => [e.action, e.actorLabel, (e.after as { status: string }).status]),
        [
          ['spam', 'kiemduyet.town', 'spam'],
          ['approve', 'kiemduyet.town', 'approved'],
          ['reject', 'lanhdao.town', 'rejected'],
        ],
      )
    })

    it('approves a waiting comment by replying to it, refuses a reply to a reply, and an empty reply', async () => {
      const posted = await post(townSlug)
      await rejectsWith(replyToComment(deps, townModerator, posted.id, ' \n '), ValidationError, { reply: 'comments.errors.bodyRequired' })
      assert.equal((await commentRow(posted.id)).status, 'pending', 'a failed reply changes nothing')
      const item = await replyToComment(deps, townModerator, posted.id, 'Cảm ơn anh đã góp ý.')
      assert.equal(item.status, 'approved')
      assert.deepEqual(
        (await listAuditFor(database.db, 'news_comment', posted.id)).map((e) => e.action),
        ['approve'],
      )
      const replyId = item.replies[0]!.id
      await rejectsWith(replyToComment(deps, townModerator, replyId, 'Trả lời tiếp'), ConflictError)
      const reply = await commentRow(replyId)
      assert.equal(Number(reply.is_official), 1)
      assert.equal(reply.author_email, null)
    })

    it('keeps the settings: defaults, changes audited per setting, checked, and changed only by the home unit’s editors', async () => {
      await rejectsWith(updateModerationSettings(deps, wardModerator, { wordFilter: 'abc', isTrustedPublishEnabled: false, minApproved: 3 }), ForbiddenError)
      await rejectsWith(updateModerationSettings(deps, townModerator, { wordFilter: 'a'.repeat(61), isTrustedPublishEnabled: true, minApproved: '0' }), ValidationError, {
        wordFilter: 'comments.errors.filterEntryTooLong',
        minApproved: 'comments.errors.minApproved',
      })
      const auditedBefore = (await listAuditFor(database.db, 'setting', TRUSTED_PUBLISH_SETTING)).length
      const saved = await updateModerationSettings(deps, townModerator, { wordFilter: 'lừa đảo\nĐồ ngu\nlừa đảo', isTrustedPublishEnabled: false, minApproved: 2 })
      assert.deepEqual(saved.wordFilter, ['lừa đảo', 'đồ ngu'])
      assert.deepEqual(await getModerationSettings(deps), saved)
      const filterAudit = await listAuditFor(database.db, 'setting', WORD_FILTER_SETTING)
      assert.deepEqual(filterAudit.at(-1)?.after, ['lừa đảo', 'đồ ngu'])
      assert.equal((await listAuditFor(database.db, 'setting', TRUSTED_PUBLISH_SETTING)).length, auditedBefore, 'an unchanged setting is not audited again')
      const posted = await post(townSlug, { body: 'Trang này lua dao' })
      assert.equal((await commentRow(posted.id)).flagged_words, JSON.stringify(['lừa đảo']), 'the new filter is in force at once')
    })
  })
}

for (const dialect of testDialects) {
  describe(`demo comments on ${dialect.name}`, () => {
    let database: TestDatabase
    const clock = new FixedClock('2026-11-26T02:00:00Z')

    before(async () => {
      database = await dialect.open()
      await seedDemoUnits({ db: database.db, clock })
      await seedDemoNews({ db: database.db, clock })
    })
    after(() => database.close())

    it('puts approved comments with official replies on the newest articles, one waiting and one spam, each step audited', async () => {
      let steps = 0
      await seedDemoComments({ db: database.db, clock }, () => steps++)
      assert.equal(steps, DEMO_COMMENT_STEPS)
      const [newest] = await latestArticles({ db: database.db }, { limit: 1 })
      const shown = await listApprovedComments({ db: database.db }, newest!.id)
      assert.equal(shown.threads.length, 2)
      assert.ok(shown.threads.some((t) => t.replies.length === 1 && t.replies[0]!.isOfficial))
      const rows = await database.db.selectFrom('news_comments').select(['status', 'flagged_words', 'created_at']).execute()
      assert.deepEqual(rows.map((r) => r.status).sort(), ['approved', 'approved', 'approved', 'approved', 'approved', 'pending', 'spam'])
      assert.ok(rows.some((r) => r.status === 'spam' && r.flagged_words !== null), 'the spam was caught by the filter')
      assert.ok(rows.every((r) => new Date(r.created_at).getTime() <= clock.now().getTime()), 'nothing in the future')
      const audited = await database.db.selectFrom('audit_log').select('action').where('entity', '=', 'news_comment').execute()
      assert.deepEqual(audited.map((a) => a.action).sort(), ['approve', 'approve', 'approve', 'reply', 'reply', 'spam'])
    })
  })
}
