/**
 * Route tests of the one-stop desk's pages through app.inject, on SQLite and, when
 * TEST_DATABASE_URL is set, on PostgreSQL: the public lookup, receiving through the form, the
 * dossier page with its action forms, the printable forms, the guards.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { Browser } from '../../../test/support/browser.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestProcedures, TEST_DOCUMENTS } from '../../../test/support/desk.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { LOOKUP_LIMITS } from './dossier.service.ts'

/** The text of an element's HTML with tags removed and spaces collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The error summary of a page, as text ('' when there is none). */
function errorSummary(html: string): string {
  const match = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)
  return match ? textOf(match[0]) : ''
}

/** The actions whose forms a dossier page shows, in order. */
function actionForms(html: string): string[] {
  return [...html.matchAll(/<input type="hidden" name="action" value="([a-z_]+)"/g)].map((m) => m[1] ?? '')
}

const ALL_REQUIRED = [TEST_DOCUMENTS.form, TEST_DOCUMENTS.residence]
const applicant = {
  'applicant.fullName': 'Nguyễn Văn An',
  'applicant.idNumber': '074201001234',
  'applicant.phone': '0912345678',
  'applicant.email': 'an@example.vn',
  'applicant.address': 'Khu phố 1, phường An',
}

for (const dialect of testDialects) {
  describe(`one-stop desk pages on ${dialect.name}`, () => {
    let t: TestApp
    let deskA: Browser
    let specialistA: Browser
    let deskB: Browser

    before(async () => {
      // Monday 2 March 2026, 09:00 in Vietnam.
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      await createTestProcedures(deps)
      await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])
      await createTestStaff(deps, 'spec.a', 'WARD-A', ['specialist'])
      await createTestStaff(deps, 'desk.b', 'WARD-B', ['desk_officer'])
      deskA = new Browser(t)
      await deskA.signIn('desk.a')
      specialistA = new Browser(t)
      await specialistA.signIn('spec.a')
      deskB = new Browser(t)
      await deskB.signIn('desk.b')
    })
    after(() => t.close())

    /** Receives a dossier through the form as ward A's desk; returns the dossier page's address. */
    const receive = async (documents: readonly string[] = ALL_REQUIRED): Promise<string> => {
      await deskA.get('/mot-cua/tiep-nhan?unitCode=WARD-A&procedureCode=9.000003')
      const res = await deskA.post('/mot-cua/tiep-nhan', { unitCode: 'WARD-A', procedureCode: '9.000003', ...applicant, documents, channel: 'counter' })
      assert.equal(res.statusCode, 303, res.body)
      return String(res.headers.location)
    }

    /** The code and PIN shown on a dossier page. */
    const codeAndPin = async (href: string): Promise<{ code: string; pin: string }> => {
      const page = await deskA.get(href)
      const code = decodeURIComponent(href.split('/').pop() ?? '')
      const pin = /Mã PIN tra cứu<\/dt>\s*<dd class="summary-value">(\d{6})</.exec(page.body)?.[1]
      assert.ok(pin, 'the dossier page shows the PIN to staff')
      return { code, pin }
    }

    it('sends anyone not signed in to sign in first, coming back afterwards', async () => {
      const res = await t.app.inject({ url: '/mot-cua/tiep-nhan' })
      assert.equal(res.statusCode, 303)
      assert.equal(res.headers.location, '/sign-in?next=%2Fmot-cua%2Ftiep-nhan')
      assert.equal((await t.app.inject({ url: '/mot-cua/ho-so/1' })).headers.location, '/sign-in?next=%2Fmot-cua%2Fho-so%2F1')
    })

    it('shows the procedure’s document checklist once a unit and a procedure are chosen', async () => {
      const first = await deskA.get('/mot-cua/tiep-nhan')
      assert.equal(first.statusCode, 200)
      // Ward A is the desk officer's only unit: it is chosen already, and no checklist shows yet.
      assert.match(first.body, /<option value="WARD-A" selected>Phường An<\/option>/)
      assert.doesNotMatch(first.body, /name="documents"/)
      const checklist = await deskA.get('/mot-cua/tiep-nhan?unitCode=WARD-A&procedureCode=9.000003')
      assert.equal(checklist.statusCode, 200)
      for (const name of Object.values(TEST_DOCUMENTS)) assert.ok(checklist.body.includes(`name="documents" type="checkbox" value="${name}"`), name)
      assert.match(checklist.body, /Khi nộp thay/)
      assert.match(checklist.body, /3 ngày làm việc/)
      assert.match(checklist.body, /<form class="form" method="post" action="\/mot-cua\/tiep-nhan"/)
      // Ward B is not the officer's, and 9.999999 is no procedure: both said beside their fields.
      const wrong = await deskA.get('/mot-cua/tiep-nhan?unitCode=WARD-B&procedureCode=9.999999')
      assert.equal(wrong.statusCode, 422)
      assert.match(wrong.body, /id="f-unitCode-error"/)
      assert.match(wrong.body, /id="f-procedureCode-error"/)
      assert.doesNotMatch(wrong.body, /name="documents"/)
    })

    it('receives a complete dossier through the form and redirects to its page with a flash', async () => {
      const href = await receive()
      assert.match(href, /^\/mot-cua\/ho-so\/000\.01\.01\.H99-260302-\d{4}$/)
      const page = await deskA.get(href)
      assert.equal(page.statusCode, 200)
      assert.equal(page.headers['cache-control'], 'no-store')
      assert.match(page.body, /Đã tiếp nhận hồ sơ 000\.01\.01\.H99-260302-\d{4}/)
      assert.match(page.body, /Nguyễn Văn An/)
      assert.match(page.body, /074201001234/)
      assert.match(page.body, /17:00, thứ Năm 05\/03\/2026/)
    })

    it('re-renders the form with 422, the message beside the field and everything typed kept', async () => {
      await deskA.get('/mot-cua/tiep-nhan?unitCode=WARD-A&procedureCode=9.000003')
      const res = await deskA.post('/mot-cua/tiep-nhan', {
        unitCode: 'WARD-A',
        procedureCode: '9.000003',
        ...applicant,
        'applicant.fullName': '',
        'applicant.phone': 'abc',
        documents: [TEST_DOCUMENTS.form],
        channel: 'post',
      })
      assert.equal(res.statusCode, 422)
      assert.match(res.body, /<title>Lỗi: /)
      assert.match(res.body, /id="f-applicant-fullName-error"/)
      assert.match(res.body, /id="f-applicant-phone-error"/)
      assert.match(errorSummary(res.body), /Nhập họ và tên người nộp/)
      assert.match(res.body, /href="#f-applicant-fullName"/)
      assert.match(res.body, /name="applicant.phone" type="tel" value="abc"/)
      assert.match(res.body, /name="applicant.address" type="text" value="Khu phố 1, phường An"/)
      assert.ok(res.body.includes(`name="documents" type="checkbox" value="${TEST_DOCUMENTS.form}" checked`))
      assert.ok(!res.body.includes(`name="documents" type="checkbox" value="${TEST_DOCUMENTS.residence}" checked`))
      assert.match(res.body, /name="channel" type="radio" value="post" checked/)
    })

    it('records an incomplete dossier without a code and prints the guidance listing exactly what is missing', async () => {
      const href = await receive([TEST_DOCUMENTS.form])
      assert.match(href, /^\/mot-cua\/ho-so\/\d+$/)
      const page = await deskA.get(href)
      assert.match(page.body, /Hồ sơ còn thiếu giấy tờ nên chưa được cấp mã/)
      assert.deepEqual(actionForms(page.body), ['supplement_received', 'refuse', 'stop'])
      assert.ok(page.body.includes(`${href}/in/huong-dan`))
      assert.ok(!page.body.includes(`${href}/in/tiep-nhan`))
      const slip = await deskA.get(`${href}/in/huong-dan`)
      assert.equal(slip.statusCode, 200)
      assert.match(slip.body, /PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ/)
      const requested = /<ol class="sheet-points sheet-requested">([\s\S]*?)<\/ol>/.exec(slip.body)?.[1] ?? ''
      assert.deepEqual([...requested.matchAll(/<strong>([^<]+)<\/strong>/g)].map((m) => m[1]), [TEST_DOCUMENTS.residence])
      const receipt = await deskA.get(`${href}/in/tiep-nhan`)
      assert.equal(receipt.statusCode, 409)
      assert.match(receipt.body, /chưa có giấy tiếp nhận và hẹn trả kết quả/)
      // When the missing document arrives the dossier gets its code, and its page moves to it.
      await deskA.get(href)
      const supplied = await deskA.post(`${href}/actions`, { action: 'supplement_received', 'supplement_received.documents': [TEST_DOCUMENTS.residence] })
      assert.equal(supplied.statusCode, 303, supplied.body)
      assert.match(String(supplied.headers.location), /^\/mot-cua\/ho-so\/000\.01\.01\.H99-260302-\d{4}$/)
      assert.equal((await deskA.get(`${supplied.headers.location}/in/tiep-nhan`)).statusCode, 200)
    })

    it('shows only the action forms the person may use now', async () => {
      const href = await receive()
      const asDesk = await deskA.get(href)
      assert.deepEqual(actionForms(asDesk.body), ['request_supplement', 'refuse', 'assign', 'apologize', 'result_ready', 'stop'])
      const asSpecialist = await specialistA.get(href)
      assert.deepEqual(actionForms(asSpecialist.body), ['request_supplement', 'refuse', 'result_ready'])
    })

    it('takes an action through its form, then shows the new status and the history line', async () => {
      const href = await receive()
      await deskA.get(href)
      const res = await deskA.post(`${href}/actions`, { action: 'assign', 'assign.toUsername': 'spec.a', 'assign.note': 'Chuyển thẩm định' })
      assert.equal(res.statusCode, 303, res.body)
      assert.equal(res.headers.location, href)
      const page = await deskA.get(href)
      assert.match(page.body, /Đã ghi nhận: Chuyển xử lý\./)
      assert.match(page.body, /<strong class="tag tag--blue">Đang giải quyết<\/strong>/)
      assert.match(page.body, /Chuyển thẩm định/)
      assert.match(page.body, /Cán bộ spec\.a/)
      assert.deepEqual(actionForms(page.body), ['request_supplement', 'refuse', 'assign', 'complete_step', 'apologize', 'result_ready', 'stop'])
      assert.deepEqual(actionForms((await specialistA.get(href)).body), ['request_supplement', 'refuse', 'complete_step', 'result_ready'])
    })

    it('re-renders the page with 422 beside the failed form’s field, and 409 for an action the state does not allow', async () => {
      const href = await receive()
      await deskA.get(href)
      const missing = await deskA.post(`${href}/actions`, { action: 'refuse', 'refuse.reason': '' })
      assert.equal(missing.statusCode, 422)
      assert.match(missing.body, /<details class="inset" id="action-refuse" open>/)
      assert.match(missing.body, /id="f-refuse-reason-error"/)
      assert.match(errorSummary(missing.body), /Nhập lý do/)
      const early = await deskA.post(`${href}/actions`, { action: 'return', 'return.method': 'counter' })
      assert.equal(early.statusCode, 409)
      assert.match(errorSummary(early.body), /Không thể thực hiện thao tác này ở trạng thái hiện tại/)
    })

    it('prints the receipt with the code, the PIN and the QR code of the lookup page', async () => {
      const href = await receive()
      const { code, pin } = await codeAndPin(href)
      const receipt = await deskA.get(`${href}/in/tiep-nhan`)
      assert.equal(receipt.statusCode, 200)
      assert.equal(receipt.headers['cache-control'], 'no-store')
      assert.match(receipt.body, /GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ/)
      assert.match(receipt.body, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/)
      assert.ok(receipt.body.includes(`Mã hồ sơ: ${code}`))
      assert.ok(receipt.body.includes(`Mã PIN: ${pin}`))
      assert.match(receipt.body, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
      assert.match(receipt.body, /href="\/assets\/css\/print\.css"/)
      assert.match(receipt.body, /Hẹn trả kết quả: 17:00, thứ Năm 05\/03\/2026/)
      // The form that does not apply answers with the conflict page.
      const refusal = await deskA.get(`${href}/in/tu-choi`)
      assert.equal(refusal.statusCode, 409)
      assert.match(refusal.body, /không bị từ chối/)
    })

    it('prints the control sheet, the refusal slip and the apology once they apply', async () => {
      const href = await receive()
      await deskA.get(href)
      assert.equal((await deskA.post(`${href}/actions`, { action: 'assign', 'assign.toUsername': 'spec.a' })).statusCode, 303)
      assert.equal((await deskA.post(`${href}/actions`, { action: 'apologize', 'apologize.reason': 'Cần xác minh thêm tại nơi cư trú', 'apologize.newDueAt': '2026-03-10T17:00' })).statusCode, 303)
      const apology = await deskA.get(`${href}/in/xin-loi`)
      assert.equal(apology.statusCode, 200)
      assert.match(apology.body, /Cần xác minh thêm tại nơi cư trú/)
      assert.match(apology.body, /17:00, thứ Ba 10\/03\/2026/)
      assert.equal((await deskA.post(`${href}/actions`, { action: 'refuse', 'refuse.reason': 'Không thuộc thẩm quyền của phường' })).statusCode, 303)
      const refusal = await deskA.get(`${href}/in/tu-choi`)
      assert.equal(refusal.statusCode, 200)
      assert.match(refusal.body, /Không thuộc thẩm quyền của phường/)
      const control = await deskA.get(`${href}/in/kiem-soat`)
      assert.equal(control.statusCode, 200)
      const rows = /<tbody>([\s\S]*?)<\/tbody>/.exec(control.body)?.[1] ?? ''
      assert.equal([...rows.matchAll(/<tr>/g)].length, 4)
      assert.match(rows, /Cán bộ spec\.a/)
    })

    it('keeps ward B’s desk out of ward A’s dossier (403)', async () => {
      const href = await receive()
      assert.equal((await deskB.get(href)).statusCode, 403)
      assert.equal((await deskB.get(`${href}/in/tiep-nhan`)).statusCode, 403)
      await deskB.get('/mot-cua')
      assert.equal((await deskB.post(`${href}/actions`, { action: 'stop' })).statusCode, 403)
    })

    it('counts the work queues and finds a dossier by phone number', async () => {
      const home = await deskA.get('/mot-cua')
      assert.equal(home.statusCode, 200)
      assert.match(home.body, /href="\/mot-cua\/tiep-nhan"/)
      assert.match(home.body, /href="\/mot-cua\/ho-so\?status=needs_supplement"/)
      const found = await deskA.get('/mot-cua/ho-so?q=0912345678')
      assert.equal(found.statusCode, 200)
      assert.match(found.body, /Nguyễn Văn An/)
      const none = await deskB.get('/mot-cua/ho-so?q=0912345678')
      assert.match(none.body, /Không có hồ sơ nào khớp/)
      const register = await deskA.get('/mot-cua/so-theo-doi?from=2026-03-01&to=2026-03-02')
      assert.equal(register.statusCode, 200)
      assert.match(register.body, /SỔ THEO DÕI HỒ SƠ/)
      assert.match(register.body, /000\.01\.01\.H99-260302-0001/)
    })

    it('speaks English on every desk page when asked, with no message key left untranslated', async () => {
      const href = await receive()
      const english = new Browser(t)
      english.cookies.set('congso_lang', 'en')
      await english.signIn('desk.a')
      const paths = ['/mot-cua', '/mot-cua/tiep-nhan?unitCode=WARD-A&procedureCode=9.000003', '/mot-cua/ho-so', href, `${href}/in/tiep-nhan`, `${href}/in/kiem-soat`, '/mot-cua/so-theo-doi', '/tra-cuu']
      for (const path of paths) {
        const res = await english.get(path)
        assert.equal(res.statusCode, 200, path)
        assert.match(res.body, /<html lang="en">/, path)
        assert.doesNotMatch(res.body, /dossiers\.[a-z]+\.[a-zA-Z.]+/, `${path} shows a message key`)
      }
      assert.match((await english.get(href)).body, /Result due/)
    })

    it('shows a resident the status and the masked name for the right PIN, on POST and on GET', async () => {
      const href = await receive()
      const { code, pin } = await codeAndPin(href)
      const resident = new Browser(t, '198.51.100.7')
      const form = await resident.get(`/tra-cuu?code=${encodeURIComponent(code)}`)
      assert.equal(form.statusCode, 200)
      assert.ok(form.body.includes(`name="code" type="text" value="${code}"`), 'the QR link fills in the code')
      const shown = await resident.post('/tra-cuu', { code, pin })
      assert.equal(shown.statusCode, 200)
      assert.equal(shown.headers['cache-control'], 'no-store')
      assert.match(shown.body, /<strong class="tag tag--blue">Đã tiếp nhận<\/strong>/)
      assert.match(shown.body, /N\*\*\* V\*\* A/)
      assert.doesNotMatch(shown.body, /Nguyễn Văn An|0912345678|074201001234/)
      assert.match(shown.body, /17:00, thứ Năm 05\/03\/2026/)
      assert.match(shown.body, /Tiếp nhận hồ sơ/)
      const viaGet = await resident.get(`/tra-cuu?code=${encodeURIComponent(code)}&pin=${pin}`)
      assert.equal(viaGet.statusCode, 200)
      assert.match(viaGet.body, /N\*\*\* V\*\* A/)
    })

    it('gives the same neutral message and 404 for a wrong PIN and for an unknown code', async () => {
      const href = await receive()
      const { code, pin } = await codeAndPin(href)
      const resident = new Browser(t, '198.51.100.8')
      await resident.get('/tra-cuu')
      const wrongPin = await resident.post('/tra-cuu', { code, pin: pin === '000000' ? '111111' : '000000' })
      const unknown = await resident.post('/tra-cuu', { code: '000.01.01.H99-260302-9999', pin })
      assert.equal(wrongPin.statusCode, 404)
      assert.equal(unknown.statusCode, 404)
      assert.match(errorSummary(wrongPin.body), /Không tìm thấy hồ sơ với mã và mã PIN này/)
      assert.equal(errorSummary(wrongPin.body), errorSummary(unknown.body))
      assert.doesNotMatch(wrongPin.body, /Nguyễn|N\*\*\*/)
    })

    it('refuses a resident with too many wrong tries (429) with the message beside the form', async () => {
      const resident = new Browser(t, '198.51.100.9')
      await resident.get('/tra-cuu')
      // Past the slow-down threshold every wrong try waits; start close to the refusal.
      for (let i = 0; i < LOOKUP_LIMITS.refuseAfter; i++) await resident.post('/tra-cuu', { code: '000.01.01.H99-260302-9999', pin: '123456' })
      const refused = await resident.post('/tra-cuu', { code: '000.01.01.H99-260302-9999', pin: '123456' })
      assert.equal(refused.statusCode, 429)
      assert.ok(refused.headers['retry-after'])
      assert.match(errorSummary(refused.body), /nhập sai quá nhiều lần/)
    })
  })
}
