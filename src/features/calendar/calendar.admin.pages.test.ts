/**
 * Route tests of the calendar's administration pages through app.inject, signed in through the
 * sign-in form and posting forms with their CSRF token, on SQLite and (when configured) PostgreSQL.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { Browser } from '../../../test/support/browser.ts'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDialect } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { listAuditFor } from '../../platform/audit/audit.ts'

/** Runs a test body on a fresh app (Monday 2 March 2026, 09:00 in Vietnam) with the test unit tree. */
async function withApp(dialect: TestDialect, body: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
  try {
    const deps = { db: t.database.db, clock: t.clock }
    await createUnitTree(deps)
    await createTestStaff(deps, 'admin.town', 'TOWN', ['admin'])
    await createTestStaff(deps, 'admin.a', 'WARD-A', ['admin'])
    await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])
    await body(t)
  } finally {
    await t.close()
  }
}

/** The due instant of 3 working days from Monday 2 March 2026, 09:00, as the public API answers it. */
async function dueInThreeDays(t: TestApp, unit?: string): Promise<string> {
  const query = `from=${encodeURIComponent('2026-03-02T09:00:00+07:00')}&days=3${unit ? `&unit=${unit}` : ''}`
  const res = await t.app.inject(`/api/v1/calendar/due?${query}`)
  assert.equal(res.statusCode, 200)
  return res.json().due
}

for (const dialect of testDialects) {
  describe(`calendar administration pages on ${dialect.name}`, () => {
    it('lets an admin of the home unit add a day off through the form: audited, shown, and deadlines follow', async () => {
      await withApp(dialect, async (t) => {
        assert.equal(await dueInThreeDays(t), '2026-03-05T17:00:00+07:00')
        const browser = await new Browser(t).signIn('admin.town')
        const page = await browser.get('/admin/lich')
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /Ngày nghỉ năm 2026/)
        assert.match(page.body, /Tết Nguyên đán/)
        assert.match(page.body, /<input[^>]*id="f-date"[^>]*type="date"/)
        const res = await browser.post('/admin/lich/ngay', { year: '2026', date: '2026-03-03', kind: 'day_off', name: 'Nghỉ đột xuất do bão', nameEn: '' })
        assert.equal(res.statusCode, 303)
        assert.equal(res.headers.location, '/admin/lich?year=2026')
        const after = await browser.get('/admin/lich?year=2026')
        assert.match(after.body, /Đã lưu điều chỉnh ngày 03\/03\/2026: Nghỉ đột xuất do bão\./)
        assert.match(after.body, /Điều chỉnh của quản trị viên/)
        assert.match(after.body, /action="\/admin\/lich\/ngay\/2026-03-03\/xoa"/)
        const audit = await listAuditFor(t.database.db, 'calendar_day', '2026-03-03')
        assert.equal(audit.length, 1)
        assert.equal(audit[0]!.actorLabel, 'admin.town')
        assert.equal(audit[0]!.action, 'create')
        // The deadline engine and the public month page follow the edit at once.
        assert.equal(await dueInThreeDays(t), '2026-03-06T17:00:00+07:00')
        assert.match((await t.app.inject('/lich-lam-viec?month=2026-03')).body, /Nghỉ đột xuất do bão/)
        // Removing it (the button's POST) restores the computed calendar, audited too.
        const removed = await browser.post('/admin/lich/ngay/2026-03-03/xoa', {})
        assert.equal(removed.statusCode, 303)
        assert.match((await browser.get('/admin/lich?year=2026')).body, /Đã gỡ điều chỉnh ngày 03\/03\/2026\./)
        assert.equal(await dueInThreeDays(t), '2026-03-05T17:00:00+07:00')
        assert.deepEqual((await listAuditFor(t.database.db, 'calendar_day', '2026-03-03')).map((e) => e.action), ['create', 'delete'])
      })
    })

    it('re-renders the add form with messages beside the fields and the typed values kept (422)', async () => {
      await withApp(dialect, async (t) => {
        const browser = await new Browser(t).signIn('admin.town')
        await browser.get('/admin/lich?year=2027')
        const res = await browser.post('/admin/lich/ngay', { year: '2027', date: '2027-02-30', kind: 'working_day', name: 'X', nameEn: 'Typed <b>English</b>' })
        assert.equal(res.statusCode, 422)
        assert.match(res.body, /<title>Lỗi: Lịch làm việc và ngày nghỉ/)
        assert.match(res.body, /id="f-date-error"[^]*Ngày phải có dạng NNNN-TT-NN/)
        assert.match(res.body, /id="f-name-error"[^]*Tên ngày cần từ 2 đến 200 ký tự\./)
        assert.match(res.body, /<input[^>]*id="f-date"[^>]*value="2027-02-30"/)
        assert.match(res.body, /value="working_day" checked/)
        // Attribute values are quoted and escaped, so the typed markup comes back inert.
        assert.match(res.body, /name="nameEn" type="text" value="Typed <b>English<\/b>"/)
        assert.match(res.body, /Ngày nghỉ năm 2027/)
        assert.equal((await listAuditFor(t.database.db, 'calendar_day', '2027-02-30')).length, 0)
      })
    })

    it('shows the schedule read-only to an admin of a ward, and refuses their edit with the 403 page', async () => {
      await withApp(dialect, async (t) => {
        const browser = await new Browser(t).signIn('admin.a')
        const page = await browser.get('/admin/lich')
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /Chỉ quản trị viên của Thị xã Thử Nghiệm được sửa lịch nghỉ trong năm\./)
        assert.doesNotMatch(page.body, /action="\/admin\/lich\/ngay"/)
        // Their own ward is listed for its working hours; the other ward is not.
        assert.match(page.body, /href="\/admin\/lich\/don-vi\/WARD-A"/)
        assert.doesNotMatch(page.body, /href="\/admin\/lich\/don-vi\/WARD-B"/)
        const res = await browser.post('/admin/lich/ngay', { year: '2026', date: '2026-03-03', kind: 'day_off', name: 'Nghỉ riêng của phường' })
        assert.equal(res.statusCode, 403)
        assert.match(res.body, /Bạn không có quyền truy cập/)
        assert.equal(await dueInThreeDays(t), '2026-03-05T17:00:00+07:00')
        assert.equal((await listAuditFor(t.database.db, 'calendar_day', '2026-03-03')).length, 0)
      })
    })

    it("lets a ward admin set their ward's working hours, which its deadlines then follow", async () => {
      await withApp(dialect, async (t) => {
        const browser = await new Browser(t).signIn('admin.a')
        const form = await browser.get('/admin/lich/don-vi/WARD-A')
        assert.equal(form.statusCode, 200)
        assert.match(form.body, /Đơn vị chưa có cài đặt riêng/)
        assert.match(form.body, /<input[^>]*id="f-office1Start"[^>]*value="07:30"/)
        const res = await browser.post('/admin/lich/don-vi/WARD-A', {
          saturdayMorningWorked: 'yes',
          office1Start: '07:00',
          office1End: '11:00',
          office2Start: '',
          office2End: '',
          cutoff: '10:00',
          dueSoonWorkingDays: '2',
        })
        assert.equal(res.statusCode, 303)
        assert.equal(res.headers.location, '/admin/lich/don-vi/WARD-A')
        const saved = await browser.get('/admin/lich/don-vi/WARD-A')
        assert.match(saved.body, /Đã lưu giờ làm việc của Phường An\./)
        assert.match(saved.body, /Đơn vị đang dùng cài đặt riêng/)
        assert.match(saved.body, /<input[^>]*id="f-saturdayMorningWorked"[^>]*checked/)
        assert.match(saved.body, /<input[^>]*id="f-office2Start"[^>]*value=""/)
        const audit = await listAuditFor(t.database.db, 'calendar_settings', 'WARD-A')
        assert.equal(audit.length, 1)
        assert.equal(audit[0]!.actorLabel, 'admin.a')
        // Received at 09:00 before a 10:00 cut-off, with one four-hour span a day and Saturday mornings:
        // Tue, Wed, Thu end at 11:00.
        assert.equal(await dueInThreeDays(t, 'WARD-A'), '2026-03-05T11:00:00+07:00')
        assert.equal(await dueInThreeDays(t, 'WARD-B'), '2026-03-05T17:00:00+07:00')
        // The other ward is not theirs.
        assert.equal((await browser.get('/admin/lich/don-vi/WARD-B')).statusCode, 403)
        assert.equal((await browser.post('/admin/lich/don-vi/WARD-B', { office1Start: '07:00', office1End: '11:00', cutoff: '10:00', dueSoonWorkingDays: '1' })).statusCode, 403)
      })
    })

    it('refuses a time not written HH:MM with the message beside it and the values kept (422)', async () => {
      await withApp(dialect, async (t) => {
        const browser = await new Browser(t).signIn('admin.a')
        await browser.get('/admin/lich/don-vi/WARD-A')
        const fields = { office1Start: '7h30', office1End: '11:30', office2Start: '13:30', office2End: '', cutoff: '15:00', dueSoonWorkingDays: '1' }
        const res = await browser.post('/admin/lich/don-vi/WARD-A', fields)
        assert.equal(res.statusCode, 422)
        assert.match(res.body, /id="f-office1Start-error"[^]*Giờ có dạng HH:MM, ví dụ 07:30\./)
        assert.match(res.body, /id="f-office2End-error"[^]*Nhập cả giờ bắt đầu và giờ kết thúc của buổi 2/)
        assert.match(res.body, /href="#f-office1Start"/)
        assert.match(res.body, /<input[^>]*id="f-office1Start"[^>]*value="7h30"/)
        assert.match(res.body, /<input[^>]*id="f-office2Start"[^>]*value="13:30"/)
        // Spans in the wrong order pass the form but not the calendar's rules.
        const overlap = await browser.post('/admin/lich/don-vi/WARD-A', { ...fields, office1Start: '13:00', office1End: '17:00', office2Start: '07:30', office2End: '11:30' })
        assert.equal(overlap.statusCode, 422)
        assert.match(overlap.body, /id="f-officeHours-error"[^]*Cài đặt giờ làm việc không hợp lệ/)
        assert.equal((await listAuditFor(t.database.db, 'calendar_settings', 'WARD-A')).length, 0)
      })
    })

    it('sends a visitor to sign in and gives a desk officer the 403 page', async () => {
      await withApp(dialect, async (t) => {
        const anonymous = await t.app.inject('/admin/lich?year=2026')
        assert.equal(anonymous.statusCode, 303)
        assert.equal(anonymous.headers.location, '/sign-in?next=%2Fadmin%2Flich%3Fyear%3D2026')
        assert.equal((await t.app.inject('/admin/lich/don-vi/WARD-A')).statusCode, 303)
        const desk = await new Browser(t).signIn('desk.a')
        assert.equal((await desk.get('/admin/lich')).statusCode, 403)
        assert.equal((await desk.get('/admin/lich/don-vi/WARD-A')).statusCode, 403)
        // A valid form token first, so the refusal below is the role's, not the CSRF check's.
        await desk.get('/desk')
        assert.equal((await desk.post('/admin/lich/ngay', { date: '2026-03-03', kind: 'day_off', name: 'Không được' })).statusCode, 403)
      })
    })

    it('speaks English when chosen, and refuses a malformed year with a 400 page', async () => {
      await withApp(dialect, async (t) => {
        const browser = await new Browser(t).signIn('admin.town')
        await browser.get('/lang/en?next=/admin/lich')
        const page = await browser.get('/admin/lich?year=2026')
        assert.match(page.body, /<html lang="en"/)
        assert.match(page.body, /Days off in 2026/)
        assert.match(page.body, /National Day/)
        assert.equal((await browser.get('/admin/lich?year=26')).statusCode, 400)
      })
    })
  })
}
