/**
 * Exports of the desk's staff list (/mot-cua/ho-so.csv, .xlsx) against a real database (SQLite,
 * and PostgreSQL when configured): every row of the filtered list, not one page; the page's guard
 * and unit scoping; a 400 for a filter value that makes no sense; the notice when the cap cuts it.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { Browser } from '../../../test/support/browser.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestProcedures, TEST_DOCUMENTS } from '../../../test/support/desk.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { parseCsv, readXlsx } from '../../../test/support/spreadsheets.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { createI18n, mergeCatalogues } from '../../platform/i18n/i18n.ts'
import { createCalendarService } from '../calendar/index.ts'
import { loadPrincipal } from '../units/index.ts'
import { messages } from './dossier.messages.ts'
import { LIST_PAGE_SIZE } from './dossier.pages.tsx'
import { pageMessages } from './dossier.pages.messages.ts'
import { actOnDossier, listDossiersForExport, receiveDossier } from './dossier.service.ts'
import type { DossierDeps } from './dossier.service.ts'
import { dossierListTable } from './dossier.tables.ts'

/** Dossiers ward A has open: more than a page of the list. */
const OPEN_IN_WARD_A = LIST_PAGE_SIZE + 5
const OPEN = 'status=received%2Cprocessing'

/** The dossier codes a page of the list links to, in order. */
function listedCodes(html: string): string[] {
  return [...html.matchAll(/<a href="\/mot-cua\/ho-so\/([^"?/]+)">/g)].map((m) => decodeURIComponent(m[1]!))
}

for (const dialect of testDialects) {
  describe(`exports of the desk's dossier list on ${dialect.name}`, () => {
    let t: TestApp
    let deps: DossierDeps
    let deskA: Principal
    const openCodes: string[] = []
    const refusedCodes: string[] = []
    const wardBCodes: string[] = []

    before(async () => {
      // Monday 2 March 2026, 09:00 in Vietnam.
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      const base = { db: t.database.db, clock: t.clock }
      await createUnitTree(base)
      await createTestProcedures(base)
      deps = { ...base, calendar: createCalendarService(base), i18n: createI18n(mergeCatalogues([messages])), baseUrl: 'http://localhost:3000' }
      deskA = (await loadPrincipal(deps, (await createTestStaff(base, 'desk.a', 'WARD-A', ['desk_officer'])).id))!
      const deskB = (await loadPrincipal(deps, (await createTestStaff(base, 'desk.b', 'WARD-B', ['desk_officer'])).id))!
      await createTestStaff(base, 'lead.town', 'TOWN', ['leader'])
      const documents = [TEST_DOCUMENTS.form, TEST_DOCUMENTS.residence]
      const receive = async (principal: Principal, unitCode: string, fullName: string) =>
        (await receiveDossier(deps, principal, { procedureCode: '9.000003', unitCode, applicant: { fullName, phone: '0912345678' }, documents, channel: 'counter' })).code!
      // The first applicant's name would run as a formula in a spreadsheet, were it not neutralised.
      for (let i = 0; i < OPEN_IN_WARD_A; i++) openCodes.push(await receive(deskA, 'WARD-A', i === 0 ? '=HYPERLINK("http://x.example","Bấm")' : `Nguyễn Văn Số ${i}`))
      for (let i = 0; i < 2; i++) {
        const code = await receive(deskA, 'WARD-A', `Trần Thị Từ Chối ${i}`)
        await actOnDossier(deps, deskA, code, { action: 'refuse', reason: 'Không thuộc thẩm quyền' })
        refusedCodes.push(code)
      }
      for (let i = 0; i < 3; i++) wardBCodes.push(await receive(deskB, 'WARD-B', `Lê Văn Bình ${i}`))
    })
    after(() => t.close())

    it('exports every dossier of the filtered list, not one page, as CSV and XLSX with what the page shows', async () => {
      const desk = await new Browser(t).signIn('desk.a')
      const first = await desk.get(`/mot-cua/ho-so?${OPEN}`)
      assert.equal(first.statusCode, 200)
      assert.ok(first.body.includes(`href="/mot-cua/ho-so.csv?${OPEN}"`), 'the page links to the CSV of its filter')
      assert.ok(first.body.includes(`href="/mot-cua/ho-so.xlsx?${OPEN}"`), 'the page links to the XLSX of its filter')
      const second = await desk.get(`/mot-cua/ho-so?${OPEN}&page=2`)
      const onPages = [...listedCodes(first.body), ...listedCodes(second.body)]
      assert.equal(listedCodes(first.body).length, LIST_PAGE_SIZE)
      assert.deepEqual([...onPages].sort(), [...openCodes].sort())

      const csvAnswer = await desk.get(`/mot-cua/ho-so.csv?${OPEN}`)
      assert.equal(csvAnswer.statusCode, 200)
      assert.equal(csvAnswer.headers['cache-control'], 'no-store')
      assert.match(String(csvAnswer.headers['content-type']), /^text\/csv/)
      assert.match(String(csvAnswer.headers['content-disposition']), /^attachment; filename="ho-so-2026-03-02\.csv"$/)
      const csv = parseCsv(csvAnswer.body)
      assert.deepEqual(csv[0], ['Mã hồ sơ', 'Người nộp', 'Mã thủ tục', 'Thủ tục', 'Đơn vị', 'Tiếp nhận', 'Hẹn trả', 'Tình trạng', 'Quá hạn', 'Người xử lý'])
      // The same rows in the same order (newest first) as the pages, one line each.
      assert.deepEqual(
        csv.slice(1).map((r) => r[0]),
        onPages,
      )
      const last = csv.find((r) => r[0] === openCodes[1])!
      assert.deepEqual(last.slice(1), ['Nguyễn Văn Số 1', '9.000003', 'Thủ tục thử nghiệm ba ngày', 'Phường An', '09:00 02/03/2026', '17:00 05/03/2026', 'Đã tiếp nhận', 'Không', 'Chưa giao'])
      assert.equal(csv.find((r) => r[0] === openCodes[0])![1], `'=HYPERLINK("http://x.example","Bấm")`)

      const xlsxAnswer = await desk.get(`/mot-cua/ho-so.xlsx?${OPEN}`)
      assert.equal(xlsxAnswer.statusCode, 200)
      assert.equal(xlsxAnswer.headers['cache-control'], 'no-store')
      const sheet = await readXlsx(xlsxAnswer.rawPayload)
      assert.deepEqual(sheet[0], csv[0])
      assert.deepEqual(
        sheet.slice(1).map((r) => r[0]),
        onPages,
      )
      assert.deepEqual(sheet.find((r) => r[0] === openCodes[1]), last)
      assert.equal(sheet.find((r) => r[0] === openCodes[0])![1], `'=HYPERLINK("http://x.example","Bấm")`)

      // Another filter, another file: the refused ones alone.
      const refused = parseCsv((await desk.get('/mot-cua/ho-so.csv?status=refused')).body)
      assert.deepEqual(refused.slice(1).map((r) => r[0]).sort(), [...refusedCodes].sort())
      assert.ok(refused.slice(1).every((r) => r[7] === 'Từ chối giải quyết'))
    })

    it('says yes in the overdue column once the due day has passed, and filters on it like the page', async () => {
      t.clock.set('2026-03-10T02:00:00Z')
      try {
        const desk = await new Browser(t).signIn('desk.a')
        const overdue = parseCsv((await desk.get('/mot-cua/ho-so.csv?overdue=true')).body)
        assert.deepEqual(overdue.slice(1).map((r) => r[0]).sort(), [...openCodes].sort())
        assert.ok(overdue.slice(1).every((r) => r[8] === 'Có'))
      } finally {
        t.clock.set('2026-03-02T02:00:00Z')
      }
    })

    it('keeps one ward’s dossiers out of another ward’s export, and gives a town leader both', async () => {
      const deskB = await new Browser(t).signIn('desk.b')
      const own = parseCsv((await deskB.get('/mot-cua/ho-so.csv')).body)
      assert.deepEqual(own.slice(1).map((r) => r[0]).sort(), [...wardBCodes].sort())
      const xlsx = await readXlsx((await deskB.get(`/mot-cua/ho-so.xlsx?${OPEN}`)).rawPayload)
      assert.deepEqual(xlsx.slice(1).map((r) => r[0]).sort(), [...wardBCodes].sort())
      // Asking for ward A by name is refused, as the page refuses it.
      assert.equal((await deskB.get('/mot-cua/ho-so?unit=WARD-A')).statusCode, 403)
      assert.equal((await deskB.get('/mot-cua/ho-so.csv?unit=WARD-A')).statusCode, 403)
      assert.equal((await deskB.get('/mot-cua/ho-so.xlsx?unit=WARD-A')).statusCode, 403)

      const leader = await new Browser(t).signIn('lead.town')
      const town = parseCsv((await leader.get('/mot-cua/ho-so.csv')).body)
      assert.equal(town.length - 1, OPEN_IN_WARD_A + refusedCodes.length + wardBCodes.length)
      const wardA = parseCsv((await leader.get('/mot-cua/ho-so.csv?unit=WARD-A')).body)
      assert.ok(wardA.slice(1).every((r) => r[4] === 'Phường An'))
      assert.equal(wardA.length - 1, OPEN_IN_WARD_A + refusedCodes.length)
    })

    it('sends anyone not signed in to sign in, as the page does', async () => {
      for (const url of ['/mot-cua/ho-so.csv?status=received', '/mot-cua/ho-so.xlsx']) {
        const res = await t.app.inject(url)
        assert.equal(res.statusCode, 303, url)
        assert.equal(res.headers.location, `/sign-in?next=${encodeURIComponent(url)}`)
      }
    })

    it('answers a filter value that makes no sense with 400 and its reason, never 500', async () => {
      const desk = await new Browser(t).signIn('desk.a')
      const cases: [string, RegExp][] = [
        ['status=nope', /Trạng thái không hợp lệ/],
        ['from=2026-02-30', /Ngày có dạng 2026-05-04/],
        ['to=not-a-day', /Ngày có dạng 2026-05-04/],
        ['unit=NOWHERE', /Chọn đơn vị tiếp nhận/],
      ]
      for (const [query, reason] of cases) {
        for (const format of ['csv', 'xlsx']) {
          const res = await desk.get(`/mot-cua/ho-so.${format}?${query}`)
          assert.equal(res.statusCode, 400, `${format}?${query}`)
          assert.match(res.body, reason, `${format}?${query}`)
        }
      }
      // The page says the same beside its fields.
      assert.equal((await desk.get('/mot-cua/ho-so?to=not-a-day')).statusCode, 400)
    })

    it('cuts an export at its limit, newest first, and says so in its last line', async () => {
      const list = await listDossiersForExport(deps, deskA, { status: 'received,processing' }, 10)
      assert.equal(list.total, OPEN_IN_WARD_A)
      assert.deepEqual(
        list.dossiers.map((d) => d.code),
        [...openCodes].reverse().slice(0, 10),
      )
      const translate = createI18n(mergeCatalogues([messages, pageMessages])).translator('vi')
      const table = dossierListTable(translate, 'vi', { ...list, dossiers: list.dossiers.map((d) => ({ ...d, isOverdue: false })) })
      assert.equal(table.rows.length, 11)
      assert.equal(
        table.rows.at(-1)!.cells[0]!.value,
        `Tệp tải về chỉ gồm 10 hồ sơ mới nhất trong số ${OPEN_IN_WARD_A} hồ sơ khớp bộ lọc. Hãy lọc hẹp hơn (chẳng hạn theo ngày tiếp nhận) để tải đủ.`,
      )
      const whole = dossierListTable(translate, 'vi', { ...(await listDossiersForExport(deps, deskA, { status: 'received,processing' })), dossiers: [] })
      assert.equal(whole.rows.length, 0, 'no notice when nothing was cut')
    })
  })
}
