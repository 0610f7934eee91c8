/**
 * Route tests of the procedure catalogue's pages through app.inject: the public catalogue and
 * procedure pages, and the administration forms posted with their CSRF token as a browser
 * would (empty rows included), on SQLite and (when configured) PostgreSQL.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { Browser } from '../../../test/support/browser.ts'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDialect } from '../../../test/support/databases.ts'
import { createTestProcedures, TEST_DOCUMENTS } from '../../../test/support/desk.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { listAuditFor } from '../../platform/audit/audit.ts'

/** Runs a test body on a fresh app with the test unit tree, its staff and two test procedures. */
async function withApp(dialect: TestDialect, body: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await buildTestApp(dialect)
  try {
    const deps = { db: t.database.db, clock: t.clock }
    await createUnitTree(deps)
    await createTestProcedures(deps)
    await createTestStaff(deps, 'admin.town', 'TOWN', ['admin'])
    await createTestStaff(deps, 'admin.a', 'WARD-A', ['admin'])
    await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])
    await body(t)
  } finally {
    await t.close()
  }
}

/** One row of a repeated group, as form fields (a missing checkbox is simply absent). */
type Row = Record<string, string>

/** The fields a browser posts for a procedure: the rows given, then three rows left as offered. */
function procedureForm(options: { general?: Row; documents: Row[]; steps: Row[] }): Record<string, string> {
  const fields: Record<string, string> = {
    code: '9.999001',
    name: 'Cấp giấy xác nhận thử nghiệm',
    nameEn: 'Test certificate',
    field: 'Thử nghiệm',
    level: 'commune',
    timeLimitKind: 'days',
    timeLimitAmount: '5',
    feeVnd: '30.000',
    feeNote: 'Miễn cho hộ nghèo',
    resultName: 'Giấy xác nhận',
    legalBasis: 'Luật Thử nghiệm 2026\r\n\r\nNghị định 01/2026/NĐ-CP\r\n',
    isActive: 'yes',
    ...options.general,
  }
  const offered = [{ name: '', copies: '1', form: '', isRequired: 'yes', note: '' }]
  ;[...options.documents, ...offered, ...offered, ...offered].forEach((row, i) => {
    for (const [key, value] of Object.entries(row)) fields[`documents.${i}.${key}`] = value
  })
  ;[...options.steps, ...Array.from({ length: 3 }, () => ({ name: '', role: '', sharePercent: '' }))].forEach((row, i) => {
    for (const [key, value] of Object.entries(row)) fields[`steps.${i}.${key}`] = value
  })
  return fields
}

const twoDocuments: Row[] = [
  { name: 'Tờ khai theo mẫu', copies: '1', form: 'original', isRequired: 'yes', note: '' },
  { name: 'Bản sao giấy tờ tùy thân', copies: '2', form: 'certified_copy', note: 'Khi nộp thay' },
]
const threeSteps: Row[] = [
  { name: 'Tiếp nhận hồ sơ', role: 'desk_officer', sharePercent: '10' },
  { name: 'Thẩm định', role: 'specialist', sharePercent: '70' },
  { name: 'Ký duyệt', role: 'leader', sharePercent: '20' },
]

for (const dialect of testDialects) {
  describe(`procedure pages on ${dialect.name}`, () => {
    it('creates a procedure through the form with two documents and three steps, ignoring the empty rows; audited', async () => {
      await withApp(dialect, async (t) => {
        const browser = await new Browser(t).signIn('admin.town')
        const form = await browser.get('/admin/thu-tuc/moi')
        assert.equal(form.statusCode, 200)
        // Three empty rows of each kind are offered.
        assert.match(form.body, /name="documents\.2\.name"/)
        assert.doesNotMatch(form.body, /name="documents\.3\.name"/)
        assert.match(form.body, /name="steps\.2\.sharePercent"/)
        const res = await browser.post('/admin/thu-tuc', procedureForm({ documents: twoDocuments, steps: threeSteps }))
        assert.equal(res.statusCode, 303)
        assert.equal(res.headers.location, '/admin/thu-tuc')
        const list = await browser.get('/admin/thu-tuc')
        assert.match(list.body, /Đã thêm thủ tục 9\.999001: Cấp giấy xác nhận thử nghiệm\./)
        assert.match(list.body, /href="\/admin\/thu-tuc\/9\.999001"/)
        const stored = (await t.app.inject('/api/v1/procedures/9.999001')).json()
        assert.deepEqual(stored.timeLimit, { kind: 'days', days: 5 })
        assert.equal(stored.feeVnd, 30000)
        assert.deepEqual(stored.legalBasis, ['Luật Thử nghiệm 2026', 'Nghị định 01/2026/NĐ-CP'])
        assert.deepEqual(stored.documents, [
          { name: 'Tờ khai theo mẫu', copies: 1, form: 'original', isRequired: true, note: null },
          { name: 'Bản sao giấy tờ tùy thân', copies: 2, form: 'certified_copy', isRequired: false, note: 'Khi nộp thay' },
        ])
        assert.deepEqual(
          stored.steps.map((s: { name: string; role: string; sharePercent: number }) => [s.name, s.role, s.sharePercent]),
          [
            ['Tiếp nhận hồ sơ', 'desk_officer', 10],
            ['Thẩm định', 'specialist', 70],
            ['Ký duyệt', 'leader', 20],
          ],
        )
        const audit = await listAuditFor(t.database.db, 'procedure', '9.999001')
        assert.deepEqual(
          audit.map((e) => [e.action, e.actorLabel]),
          [['create', 'admin.town']],
        )
      })
    })

    it('re-renders with the message beside the steps and every typed value kept when shares do not add up to 100 (422)', async () => {
      await withApp(dialect, async (t) => {
        const browser = await new Browser(t).signIn('admin.town')
        await browser.get('/admin/thu-tuc/moi')
        const steps = threeSteps.map((s, i) => (i === 1 ? { ...s, sharePercent: '60' } : s))
        const documents = [twoDocuments[0]!, { name: 'Giấy tờ chưa chọn hình thức', copies: '1', form: '', note: '' }]
        const res = await browser.post('/admin/thu-tuc', procedureForm({ documents, steps }))
        assert.equal(res.statusCode, 422)
        assert.match(res.body, /<title>Lỗi: Thêm thủ tục hành chính/)
        assert.match(res.body, /id="f-steps-error"[^]*Tỷ lệ thời gian của các bước phải cộng lại đúng 100%\./)
        assert.match(res.body, /href="#f-steps"/)
        // The message about one document sits in that document's row.
        assert.match(res.body, /id="f-documents-1-error"[^]*Thành phần hồ sơ cần tên, số bản \(0–20\) và hình thức hợp lệ\.[^]*name="documents\.1\.name"/)
        // In the summary at the top, the row is named, so two rows with the same problem read apart.
        assert.match(res.body, /href="#f-documents-1">Thành phần hồ sơ, dòng 2: Thành phần hồ sơ cần tên/)
        assert.doesNotMatch(res.body, /id="f-documents-0-error"/)
        // Values kept: general fields, rows as typed, and three empty rows again under each list.
        assert.match(res.body, /name="code" type="text" value="9\.999001"/)
        assert.match(res.body, /name="feeVnd" type="text" value="30\.000"/)
        assert.match(res.body, />Luật Thử nghiệm 2026\r?\n\r?\nNghị định 01\/2026\/NĐ-CP/)
        assert.match(res.body, /name="steps\.1\.name" type="text" value="Thẩm định"/)
        assert.match(res.body, /name="steps\.1\.sharePercent"[^>]*value="60"/)
        assert.match(res.body, /name="steps\.1\.role"><option value="">— Chọn —<\/option><option value="desk_officer">[^<]*<\/option><option value="specialist" selected>/)
        assert.match(res.body, /name="documents\.1\.name" type="text" value="Giấy tờ chưa chọn hình thức"/)
        assert.match(res.body, /name="documents\.0\.form"><option value="">— Chọn —<\/option><option value="original" selected>/)
        assert.match(res.body, /name="documents\.4\.name"/)
        assert.doesNotMatch(res.body, /name="documents\.5\.name"/)
        assert.match(res.body, /name="steps\.5\.name"/)
        assert.equal((await t.app.inject('/api/v1/procedures/9.999001')).statusCode, 404)
      })
    })

    it('shows a taken code beside the code field (409)', async () => {
      await withApp(dialect, async (t) => {
        const browser = await new Browser(t).signIn('admin.town')
        await browser.get('/admin/thu-tuc/moi')
        const res = await browser.post('/admin/thu-tuc', procedureForm({ general: { code: '9.000003' }, documents: twoDocuments, steps: threeSteps }))
        assert.equal(res.statusCode, 409)
        assert.match(res.body, /id="f-code-error"[^]*Đã có thủ tục với mã này\./)
      })
    })

    it('edits a procedure and keeps its code whatever is posted', async () => {
      await withApp(dialect, async (t) => {
        const browser = await new Browser(t).signIn('admin.town')
        const form = await browser.get('/admin/thu-tuc/9.000003')
        assert.equal(form.statusCode, 200)
        assert.doesNotMatch(form.body, /name="code"/)
        assert.match(form.body, /<code>9\.000003<\/code>/)
        assert.match(form.body, new RegExp(`name="documents\\.2\\.name" type="text" value="${TEST_DOCUMENTS.idCopy}"`))
        assert.match(form.body, /name="documents\.2\.note" type="text" value="Khi nộp thay"/)
        // Three stored documents, then three empty rows.
        assert.match(form.body, /name="documents\.5\.name" type="text" value=""/)
        assert.doesNotMatch(form.body, /name="documents\.6\.name"/)
        const res = await browser.post(
          '/admin/thu-tuc/9.000003',
          procedureForm({
            general: { code: '9.123456', name: 'Thủ tục thử nghiệm đã sửa', field: 'Thử nghiệm', timeLimitKind: 'hours', timeLimitAmount: '8', feeVnd: '0', isActive: '' },
            documents: twoDocuments,
            steps: threeSteps,
          }),
        )
        assert.equal(res.statusCode, 303)
        assert.match((await browser.get('/admin/thu-tuc')).body, /Đã lưu thủ tục 9\.000003: Thủ tục thử nghiệm đã sửa\./)
        const stored = (await t.app.inject('/api/v1/procedures/9.000003')).json()
        assert.equal(stored.code, '9.000003')
        assert.equal(stored.name, 'Thủ tục thử nghiệm đã sửa')
        assert.deepEqual(stored.timeLimit, { kind: 'hours', hours: 8 })
        assert.equal(stored.isActive, false)
        assert.equal(stored.documents.length, 2)
        assert.equal((await t.app.inject('/api/v1/procedures/9.123456')).statusCode, 404)
        assert.deepEqual(
          (await listAuditFor(t.database.db, 'procedure', '9.000003')).map((e) => e.action),
          ['create', 'update'],
        )
        // No longer applied: gone from the public catalogue, flagged on its own page and in the admin list.
        assert.doesNotMatch((await t.app.inject('/thu-tuc')).body, /9\.000003/)
        assert.match((await t.app.inject('/thu-tuc/9.000003')).body, /Thủ tục này hiện không còn áp dụng\./)
        assert.match((await browser.get('/admin/thu-tuc?field=' + encodeURIComponent('Thử nghiệm'))).body, /Ngừng áp dụng/)
      })
    })

    it('shows residents the catalogue by field and a procedure with its documents, steps, fee and legal basis', async () => {
      await withApp(dialect, async (t) => {
        const list = await t.app.inject('/thu-tuc')
        assert.equal(list.statusCode, 200)
        assert.match(list.body, /<h2 class="heading-m" id="field-1">Thử nghiệm<\/h2>/)
        assert.match(list.body, /href="\/thu-tuc\/9\.000003">Thủ tục thử nghiệm ba ngày<\/a>/)
        const page = await t.app.inject('/thu-tuc/9.000003')
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /<h1 class="heading-l">Thủ tục thử nghiệm ba ngày<\/h1>/)
        assert.match(page.body, /3 ngày làm việc/)
        assert.match(page.body, /Không thu phí, lệ phí/)
        for (const name of Object.values(TEST_DOCUMENTS)) assert.match(page.body, new RegExp(`<span>${name}</span>`))
        assert.match(page.body, /Khi nộp thay/)
        assert.match(page.body, /Bản chính/)
        assert.match(page.body, /Thẩm định/)
        assert.match(page.body, /Văn bản thử nghiệm/)
        assert.equal((await t.app.inject('/thu-tuc/9.999999')).statusCode, 404)
        const english = await t.app.inject({ url: '/thu-tuc/9.000003', cookies: { congso_lang: 'en' } })
        assert.match(english.body, /3 working days/)
        assert.match(english.body, /Documents to hand in/)
      })
    })

    it('sends a visitor to sign in, gives a desk officer the 403 page, and lets a ward admin only read', async () => {
      await withApp(dialect, async (t) => {
        const anonymous = await t.app.inject('/admin/thu-tuc/moi')
        assert.equal(anonymous.statusCode, 303)
        assert.equal(anonymous.headers.location, '/sign-in?next=%2Fadmin%2Fthu-tuc%2Fmoi')
        assert.equal((await t.app.inject('/admin/thu-tuc')).statusCode, 303)
        const desk = await new Browser(t).signIn('desk.a')
        assert.equal((await desk.get('/admin/thu-tuc')).statusCode, 403)
        // A valid form token first, so the refusal below is the role's, not the CSRF check's.
        await desk.get('/desk')
        assert.equal((await desk.post('/admin/thu-tuc', procedureForm({ documents: twoDocuments, steps: threeSteps }))).statusCode, 403)
        const ward = await new Browser(t).signIn('admin.a')
        const list = await ward.get('/admin/thu-tuc')
        assert.equal(list.statusCode, 200)
        assert.match(list.body, /Chỉ quản trị viên của Thị xã Thử Nghiệm được sửa danh mục thủ tục\./)
        assert.doesNotMatch(list.body, /href="\/admin\/thu-tuc\/moi"/)
        assert.equal((await ward.get('/admin/thu-tuc/moi')).statusCode, 403)
        assert.equal((await ward.get('/admin/thu-tuc/9.000003')).statusCode, 403)
        assert.equal((await ward.post('/admin/thu-tuc', procedureForm({ documents: twoDocuments, steps: threeSteps }))).statusCode, 403)
        assert.equal((await ward.post('/admin/thu-tuc/9.000003', procedureForm({ documents: twoDocuments, steps: threeSteps }))).statusCode, 403)
        assert.equal((await t.app.inject('/api/v1/procedures/9.999001')).statusCode, 404)
      })
    })
  })
}
