/**
 * Answered public feedback in the site search, against a real database: an item enters the index
 * when it is published and leaves it when it is unpublished or reopened, with what its public page
 * shows and never the sender's contact details or staff notes; searchDocuments lists what a
 * rebuild indexes.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { FixedClock } from '../../platform/clock.ts'
import { createFolderStore } from '../../platform/files/files.ts'
import { countDocuments, search } from '../../platform/search/search.ts'
import { createCalendarService } from '../calendar/index.ts'
import { loadPrincipal } from '../units/index.ts'
import { searchDocuments } from './feedback.search.ts'
import { applyAction, rateAnswer, reopenItem, submitFeedback } from './feedback.service.ts'
import type { FeedbackAction, FeedbackDeps, SubmitInput } from './feedback.service.ts'

const CONTACT = { name: 'Nguyễn Văn Bí Mật', phone: '0912 345 678', email: 'bimat@example.vn' }

for (const dialect of testDialects) {
  describe(`feedback in the search on ${dialect.name}`, () => {
    let database: TestDatabase
    let filesDir: string
    let deps: FeedbackDeps
    const clock = new FixedClock('2026-03-02T02:00:00Z')
    const principals: Record<string, Principal> = {}

    before(async () => {
      database = await dialect.open()
      filesDir = mkdtempSync(join(tmpdir(), 'congso-feedback-search-'))
      deps = { db: database.db, clock, calendar: createCalendarService({ db: database.db, clock }), files: createFolderStore(filesDir), config: { baseUrl: 'https://congso.example' } }
      await createUnitTree({ db: database.db, clock })
      for (const [username, roles] of [
        ['mod.a', ['moderator']],
        ['spec.a', ['specialist']],
      ] as const) {
        const { id } = await createTestStaff({ db: database.db, clock }, username, 'WARD-A', [...roles])
        principals[username] = (await loadPrincipal(deps, id))!
      }
    })
    after(async () => {
      await database.close()
      rmSync(filesDir, { recursive: true, force: true })
    })

    const act = (username: string, code: string, action: FeedbackAction) => applyAction(deps, principals[username]!, code, action)

    /** A report with contact details, taken to "answered" with a staff note on the way. */
    async function answered(overrides: Partial<SubmitInput> = {}): Promise<{ code: string; token: string }> {
      const { item, token } = await submitFeedback(deps, {
        unitCode: 'WARD-A',
        category: 'sanitation',
        description: 'Cống thoát nước trước chợ Uyên Hưng bị tắc, nước đen tràn lên vỉa hè mỗi khi mưa.',
        address: 'Chợ Uyên Hưng',
        contact: CONTACT,
        wantsPublic: true,
        photos: [],
        origin: 'portal',
        ...overrides,
      })
      await act('mod.a', item.code, { action: 'accept' })
      await act('mod.a', item.code, { action: 'assign', assigneeUsername: 'spec.a' })
      await act('spec.a', item.code, { action: 'note', text: 'Ghi chú nội bộ: hỏi ban quản lý chợ kín đáo.' })
      await act('spec.a', item.code, { action: 'answer', text: 'Phường đã nạo vét cống và lắp song chắn rác.' })
      return { code: item.code, token }
    }

    /** Every stored text of the index, for checking what it must never hold. */
    const indexText = async () => JSON.stringify([await database.db.selectFrom('search_documents').selectAll().execute(), await database.db.selectFrom('search_postings').select('term').execute()])

    it('indexes an answered item when it is published, with its public page and answer, and nothing private', async () => {
      const { code } = await answered()
      assert.equal((await search(database.db, { q: 'cong thoat nuoc' })).total, 0, 'not before it is published')
      await act('mod.a', code, { action: 'publish' })
      const { results } = await search(database.db, { q: 'cong thoat nuoc cho uyen hung', type: 'feedback' })
      assert.equal(results.length, 1)
      const [hit] = results
      assert.equal(hit!.url, `/phan-anh/${code}`)
      assert.equal(hit!.title, `Vệ sinh môi trường – ${code}`)
      assert.deepEqual(hit!.publishedAt, clock.now())
      assert.equal((await search(database.db, { q: 'song chan rac' })).results[0]?.key, code, 'the answer is searchable')
      const text = await indexText()
      for (const secret of ['Bí Mật', 'bi mat', '0912', '345', 'bimat', 'example', 'kín đáo', 'kin dao', 'nội bộ']) assert.ok(!text.includes(secret), secret)
    })

    it('takes an item out when it is unpublished, and back when published again; closing keeps it', async () => {
      const { code } = await answered({ description: 'Đèn chiếu sáng hẻm 45 khu phố Khánh Long tắt đã một tuần.' })
      await act('mod.a', code, { action: 'publish' })
      assert.equal((await search(database.db, { q: 'khanh long' })).total, 1)
      await act('mod.a', code, { action: 'unpublish' })
      assert.equal((await search(database.db, { q: 'khanh long' })).total, 0)
      await act('mod.a', code, { action: 'publish' })
      await act('mod.a', code, { action: 'close' })
      assert.equal((await search(database.db, { q: 'khanh long' })).total, 1)
    })

    it('takes an item out when its resident reopens it', async () => {
      const { code, token } = await answered({ description: 'Xe rác không đến thu gom ở tổ 7 khu phố Bình Chuẩn.' })
      await act('mod.a', code, { action: 'publish' })
      assert.equal((await search(database.db, { q: 'binh chuan' })).total, 1)
      await rateAnswer(deps, code, token, { rating: 1 })
      await reopenItem(deps, code, token, { reason: 'Xe rác vẫn chưa đến.' })
      assert.equal((await search(database.db, { q: 'binh chuan' })).total, 0)
    })

    it('never indexes an item the sender did not want public', async () => {
      const { code } = await answered({ description: 'Quán karaoke ở đường Tân Phước hát to sau 23 giờ.', wantsPublic: false })
      await act('mod.a', code, { action: 'publish' }).catch(() => null)
      assert.equal((await search(database.db, { q: 'karaoke' })).total, 0)
    })

    it('lists, for a rebuild, exactly the items on the public list', async () => {
      const documents = await searchDocuments(database.db)
      assert.deepEqual(documents.map((d) => d.body.slice(0, 14)).sort(), ['Cống thoát nướ', 'Đèn chiếu sáng'].sort())
      assert.deepEqual(await countDocuments(database.db), { feedback: 2 })
      assert.ok(documents.every((d) => d.type === 'feedback' && d.url === `/phan-anh/${d.key}`))
    })
  })
}
