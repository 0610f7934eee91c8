/**
 * Route tests of sign-in, sign-out, the language switch, the admin pages and error pages,
 * through app.inject on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { Browser } from '../../../test/support/browser.ts'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDialect } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree, TEST_PASSWORD } from '../../../test/support/factories.ts'
import { SIGN_IN_RATE_PER_MINUTE } from './unit.pages.tsx'

/** The raw Set-Cookie header of a cookie in a response. */
function setCookieHeader(res: LightMyRequestResponse, name: string): string {
  const headers = res.headers['set-cookie']
  const all = Array.isArray(headers) ? headers : headers ? [headers] : []
  return all.find((h) => h.startsWith(`${name}=`)) ?? ''
}

/** Runs a test body on a fresh app with the test unit tree. */
async function withApp(dialect: TestDialect, body: (t: TestApp, deps: { db: TestApp['database']['db']; clock: TestApp['clock'] }) => Promise<void>): Promise<void> {
  const t = await buildTestApp(dialect)
  try {
    const deps = { db: t.database.db, clock: t.clock }
    await createUnitTree(deps)
    await body(t, deps)
  } finally {
    await t.close()
  }
}

for (const dialect of testDialects) {
  describe(`unit pages on ${dialect.name}`, () => {
    it('signs in with an httpOnly SameSite=Lax session cookie and redirects to the desk', async () => {
      await withApp(dialect, async (t, deps) => {
        await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])
        const browser = new Browser(t)
        const res = await browser.submitSignIn('desk.a')
        assert.equal(res.statusCode, 303)
        assert.equal(res.headers.location, '/desk')
        const cookie = setCookieHeader(res, 'congso_session')
        assert.match(cookie, /HttpOnly/i)
        assert.match(cookie, /SameSite=Lax/i)
        assert.match(cookie, /Path=\//)
        const desk = await browser.get('/desk')
        assert.equal(desk.statusCode, 200)
        assert.match(desk.body, /Xin chào, Cán bộ desk\.a/)
        assert.match(desk.body, /Cán bộ một cửa tại Phường An/)
      })
    })

    it('returns to a safe next path after signing in, and ignores an off-site one', async () => {
      await withApp(dialect, async (t, deps) => {
        await createTestStaff(deps, 'admin.town', 'TOWN', ['admin'])
        const first = await new Browser(t).submitSignIn('admin.town', TEST_PASSWORD, '/admin/staff')
        assert.equal(first.headers.location, '/admin/staff')
        const evil = await new Browser(t).submitSignIn('admin.town', TEST_PASSWORD, '//evil.example/')
        assert.equal(evil.headers.location, '/desk')
      })
    })

    it('re-renders the form after a wrong password with the message beside the field and the username kept', async () => {
      await withApp(dialect, async (t, deps) => {
        await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])
        const res = await new Browser(t).submitSignIn('desk.a', 'not-the-password')
        assert.equal(res.statusCode, 401)
        assert.match(res.body, /<title>Lỗi: Đăng nhập/)
        assert.match(res.body, /Tên đăng nhập hoặc mật khẩu không đúng\./)
        assert.match(res.body, /href="#f-password"/)
        assert.match(res.body, /id="f-password-error"/)
        assert.match(res.body, /<input[^>]*id="f-password"[^>]*aria-describedby="f-password-error"[^>]*aria-invalid="true"/)
        assert.match(res.body, /<input[^>]*id="f-username"[^>]*value="desk\.a"/)
        assert.doesNotMatch(res.body, /value="not-the-password"/)
        assert.equal(setCookieHeader(res, 'congso_session'), '')
      })
    })

    it('asks for both fields when they are empty (422)', async () => {
      await withApp(dialect, async (t) => {
        const browser = new Browser(t)
        await browser.get('/sign-in')
        const res = await browser.post('/sign-in', { username: '', password: '' })
        assert.equal(res.statusCode, 422)
        assert.match(res.body, /Vui lòng nhập tên đăng nhập\./)
        assert.match(res.body, /Vui lòng nhập mật khẩu\./)
      })
    })

    it('locks the account after five failures, even for the right password (429)', async () => {
      await withApp(dialect, async (t, deps) => {
        await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])
        const browser = new Browser(t)
        const statuses: number[] = []
        for (let i = 0; i < 5; i++) statuses.push((await browser.submitSignIn('desk.a', `wrong-${i}`)).statusCode)
        assert.deepEqual(statuses, [401, 401, 401, 401, 429])
        const res = await browser.submitSignIn('desk.a', TEST_PASSWORD)
        assert.equal(res.statusCode, 429)
        assert.ok(Number(res.headers['retry-after']) > 0)
        assert.match(res.body, /Tài khoản đang tạm khóa vì đăng nhập sai nhiều lần liên tiếp/)
        assert.match(res.body, /<input[^>]*id="f-username"[^>]*value="desk\.a"/)
        assert.equal(setCookieHeader(res, 'congso_session'), '')
        // The lock ends after 15 minutes.
        t.clock.advance(15 * 60_000 + 1000)
        assert.equal((await browser.submitSignIn('desk.a')).statusCode, 303)
      })
    })

    it('limits sign-in attempts per address', async () => {
      await withApp(dialect, async (t) => {
        const browser = new Browser(t)
        await browser.get('/sign-in')
        let last = 0
        for (let i = 0; i <= SIGN_IN_RATE_PER_MINUTE; i++) last = (await browser.post('/sign-in', { username: `nobody${i}`, password: 'x' })).statusCode
        assert.equal(last, 429)
      })
    })

    it('refuses a form POST without a valid CSRF token (403)', async () => {
      await withApp(dialect, async (t, deps) => {
        await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])
        const browser = new Browser(t)
        await browser.get('/sign-in')
        const missing = await browser.post('/sign-in', { username: 'desk.a', password: TEST_PASSWORD }, { csrf: null })
        assert.equal(missing.statusCode, 403)
        assert.match(missing.body, /Biểu mẫu đã hết hạn/)
        const forged = await browser.post('/sign-in', { username: 'desk.a', password: TEST_PASSWORD }, { csrf: 'forged-token' })
        assert.equal(forged.statusCode, 403)
        assert.equal(setCookieHeader(forged, 'congso_session'), '')
      })
    })

    it('signs out: the session ends on the server and the cookie is cleared', async () => {
      await withApp(dialect, async (t, deps) => {
        await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])
        const browser = new Browser(t)
        await browser.signIn('desk.a')
        const session = browser.cookies.get('congso_session')
        assert.ok(session)
        const desk = await browser.get('/desk')
        assert.match(desk.body, /action="\/sign-out"/)
        const res = await browser.post('/sign-out', {})
        assert.equal(res.statusCode, 303)
        assert.equal(res.headers.location, '/')
        assert.match(setCookieHeader(res, 'congso_session'), /Expires=Thu, 01 Jan 1970|Max-Age=0/i)
        const home = await browser.get('/')
        assert.match(home.body, /Bạn đã đăng xuất/)
        // The old cookie no longer opens anything.
        const replay = await t.app.inject({ url: '/desk', headers: { cookie: `congso_session=${session}` } })
        assert.equal(replay.statusCode, 303)
        assert.match(String(replay.headers.location), /^\/sign-in/)
        const rows = await t.database.db.selectFrom('sessions').selectAll().execute()
        assert.equal(rows.length, 0)
      })
    })

    it('switches the pages to English with the language link, and back', async () => {
      await withApp(dialect, async (t) => {
        const browser = new Browser(t)
        const home = await browser.get('/')
        assert.match(home.body, /<html lang="vi">/)
        assert.match(home.body, /href="\/lang\/en\?next=%2F"/)
        const res = await browser.get('/lang/en?next=%2Fsign-in')
        assert.equal(res.statusCode, 303)
        assert.equal(res.headers.location, '/sign-in')
        const page = await browser.get('/sign-in')
        assert.match(page.body, /<html lang="en">/)
        assert.match(page.body, /<h1 class="heading-l">Sign in<\/h1>/)
        assert.match(page.body, /People&#39;s Committee of|People's Committee of/)
        await browser.get('/lang/vi?next=%2F')
        assert.match((await browser.get('/')).body, /<html lang="vi">/)
      })
    })

    it('lets an admin create a staff member through the form, shows the generated password once and audits it', async () => {
      await withApp(dialect, async (t, deps) => {
        await createTestStaff(deps, 'admin.town', 'TOWN', ['admin'])
        const browser = new Browser(t)
        await browser.signIn('admin.town')
        const form = await browser.get('/admin/staff/new')
        assert.equal(form.statusCode, 200)
        const res = await browser.post('/admin/staff', {
          fullName: 'Trần Thị Bích',
          username: 'tran.bich',
          title: 'Công chức Tư pháp – Hộ tịch',
          email: '',
          phone: '0912 345 678',
          unitCode: 'WARD-A',
          roles: ['desk_officer', 'specialist'],
          password: '',
        })
        assert.equal(res.statusCode, 303)
        const location = String(res.headers.location)
        assert.match(location, /^\/admin\/staff\/\d+$/)
        const page = await browser.get(location)
        assert.equal(page.statusCode, 200)
        assert.equal(page.headers['cache-control'], 'no-store')
        assert.match(page.body, /Đã tạo tài khoản tran\.bich cho Trần Thị Bích/)
        const password = /<code class="secret-value">([^<]+)<\/code>/.exec(page.body)?.[1]
        assert.ok(password && password.length >= 10)
        // Shown once: the next view of the page no longer has it.
        assert.doesNotMatch((await browser.get(location)).body, /secret-value/)
        // The new account works with that password.
        assert.equal((await new Browser(t).submitSignIn('tran.bich', password)).statusCode, 303)
        const audit = await t.database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'staff').where('action', '=', 'create').execute()
        const entry = audit.find((a) => String(a.after_json).includes('tran.bich'))
        assert.ok(entry, 'an audit entry for the new account')
        assert.equal(entry.actor_label, 'admin.town')
      })
    })

    it('keeps the typed values and shows messages beside the fields when the staff form is invalid (422)', async () => {
      await withApp(dialect, async (t, deps) => {
        await createTestStaff(deps, 'admin.town', 'TOWN', ['admin'])
        const browser = new Browser(t)
        await browser.signIn('admin.town')
        await browser.get('/admin/staff/new')
        const res = await browser.post('/admin/staff', { fullName: 'Lê Văn <b>Cường</b>', username: 'Bad Name!', email: 'not-an-email', unitCode: 'WARD-B', roles: ['leader'] })
        assert.equal(res.statusCode, 422)
        assert.match(res.body, /<div class="error-summary"/)
        assert.match(res.body, /href="#f-username"/)
        assert.match(res.body, /href="#f-email"/)
        assert.match(res.body, /id="f-username-error"/)
        assert.match(res.body, /value="Bad Name!"/)
        // Typed text comes back escaped, never as markup.
        assert.match(res.body, /value="Lê Văn <b>Cường<\/b>"|value="Lê Văn &lt;b&gt;Cường&lt;\/b&gt;"/)
        assert.doesNotMatch(res.body, /<b>Cường<\/b><\/|>Lê Văn <b>/)
        assert.match(res.body, /<option value="WARD-B" selected>/)
        assert.match(res.body, /<input[^>]*name="roles"[^>]*value="leader"[^>]*checked/)
      })
    })

    it('refuses an admin of ward A the page of a staff member of ward B (403)', async () => {
      await withApp(dialect, async (t, deps) => {
        await createTestStaff(deps, 'admin.a', 'WARD-A', ['admin'])
        const other = await createTestStaff(deps, 'desk.b', 'WARD-B', ['desk_officer'])
        const own = await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])
        const browser = new Browser(t)
        await browser.signIn('admin.a')
        assert.equal((await browser.get(`/admin/staff/${own.id}`)).statusCode, 200)
        const res = await browser.get(`/admin/staff/${other.id}`)
        assert.equal(res.statusCode, 403)
        assert.match(res.body, /Bạn không có quyền truy cập/)
        const list = await browser.get('/admin/staff')
        assert.match(list.body, /desk\.a/)
        assert.doesNotMatch(list.body, /desk\.b/)
        // Nor can it act on them.
        await browser.get(`/admin/staff/${own.id}`)
        assert.equal((await browser.post(`/admin/staff/${other.id}/disable`, {})).statusCode, 403)
      })
    })

    it('sends a visitor to sign in and gives a desk officer the 403 page on /admin', async () => {
      await withApp(dialect, async (t, deps) => {
        await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])
        const anonymous = await t.app.inject({ url: '/admin/staff' })
        assert.equal(anonymous.statusCode, 303)
        assert.equal(anonymous.headers.location, '/sign-in?next=%2Fadmin%2Fstaff')
        const browser = new Browser(t)
        await browser.signIn('desk.a')
        const res = await browser.get('/admin')
        assert.equal(res.statusCode, 403)
        assert.match(res.body, /<html lang="vi">/)
        assert.match(res.body, /Bạn không có quyền truy cập/)
        assert.match(res.body, /Ủy ban nhân dân thị xã Thử Nghiệm/)
        assert.doesNotMatch(res.body, /href="\/admin"/)
      })
    })

    it('lets an admin reset a password (shown once), grant and revoke a role, and disable an account', async () => {
      await withApp(dialect, async (t, deps) => {
        await createTestStaff(deps, 'admin.town', 'TOWN', ['admin'])
        const target = await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])
        const browser = new Browser(t)
        await browser.signIn('admin.town')
        const url = `/admin/staff/${target.id}`
        await browser.get(url)

        const reset = await browser.post(`${url}/reset-password`, {})
        assert.equal(reset.statusCode, 303)
        const afterReset = await browser.get(url)
        const password = /<code class="secret-value">([^<]+)<\/code>/.exec(afterReset.body)?.[1]
        assert.ok(password)
        assert.equal((await new Browser(t).submitSignIn('desk.a', password)).statusCode, 303)

        const granted = await browser.post(`${url}/grants`, { role: 'specialist', unitCode: 'WARD-B' })
        assert.equal(granted.statusCode, 303)
        const withGrant = await browser.get(url)
        assert.match(withGrant.body, /Đã giao vai trò Chuyên viên tại Phường Bình/)

        const missing = await browser.post(`${url}/grants`, { role: '', unitCode: '' })
        assert.equal(missing.statusCode, 422)
        assert.match(missing.body, /Vui lòng chọn vai trò\./)

        const duplicate = await browser.post(`${url}/grants`, { role: 'specialist', unitCode: 'WARD-B' })
        assert.equal(duplicate.statusCode, 409)
        assert.match(duplicate.body, /đã có vai trò đó/)

        const revoked = await browser.post(`${url}/grants/revoke`, { role: 'specialist', unitCode: 'WARD-B' })
        assert.equal(revoked.statusCode, 303)
        assert.match((await browser.get(url)).body, /Đã thu hồi vai trò Chuyên viên/)

        const disabled = await browser.post(`${url}/disable`, {})
        assert.equal(disabled.statusCode, 303)
        const page = await browser.get(url)
        assert.match(page.body, /Đã vô hiệu hóa tài khoản của Cán bộ desk\.a/)
        assert.equal((await new Browser(t).submitSignIn('desk.a', password)).statusCode, 401)

        const actions = (await t.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'staff').where('entity_id', '=', String(target.id)).orderBy('seq').execute()).map((r) => r.action)
        assert.deepEqual(actions, ['create', 'reset_password', 'grant_role', 'revoke_role', 'disable'])
      })
    })

    it('lets an admin add a unit under one they administer and edit it', async () => {
      await withApp(dialect, async (t, deps) => {
        await createTestStaff(deps, 'admin.town', 'TOWN', ['admin'])
        const browser = new Browser(t)
        await browser.signIn('admin.town')
        await browser.get('/admin/units/new')
        const invalid = await browser.post('/admin/units', { code: '', name: 'X', level: '', parentCode: '' })
        assert.equal(invalid.statusCode, 422)
        assert.match(invalid.body, /Vui lòng chọn đơn vị cấp trên\./)
        const created = await browser.post('/admin/units', { code: 'WARD-C', name: 'Phường Cát', nameEn: 'Cat Ward', level: 'ward', parentCode: 'TOWN', agencyCode: '' })
        assert.equal(created.statusCode, 303)
        const list = await browser.get('/admin/units')
        assert.match(list.body, /Đã thêm đơn vị Phường Cát\./)
        assert.match(list.body, /href="\/admin\/units\/WARD-C"/)
        await browser.get('/admin/units/WARD-C')
        const edited = await browser.post('/admin/units/WARD-C', { name: 'Phường Cát Lái', nameEn: '', agencyCode: '000.03.01.H99' })
        assert.equal(edited.statusCode, 303)
        const page = await browser.get('/admin/units/WARD-C')
        assert.match(page.body, /<h1 class="heading-l"><span>Phường Cát Lái<\/span>/)
        assert.match(page.body, /value="000\.03\.01\.H99"/)
      })
    })

    it('changes one’s own password, with errors beside the fields', async () => {
      await withApp(dialect, async (t, deps) => {
        await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])
        const browser = new Browser(t)
        await browser.signIn('desk.a')
        await browser.get('/account/password')
        const wrong = await browser.post('/account/password', { currentPassword: 'nope', newPassword: 'a-new-long-password', confirmPassword: 'a-new-long-password' })
        assert.equal(wrong.statusCode, 422)
        assert.match(wrong.body, /Mật khẩu hiện tại không đúng\./)
        const mismatch = await browser.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'a-new-long-password', confirmPassword: 'different' })
        assert.equal(mismatch.statusCode, 422)
        assert.match(mismatch.body, /chưa khớp/)
        const ok = await browser.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'a-new-long-password', confirmPassword: 'a-new-long-password' })
        assert.equal(ok.statusCode, 303)
        assert.match((await browser.get('/desk')).body, /Đã đổi mật khẩu/)
        assert.equal((await new Browser(t).submitSignIn('desk.a', 'a-new-long-password')).statusCode, 303)
      })
    })

    it('shows a Vietnamese 404 page without a stack', async () => {
      await withApp(dialect, async (t) => {
        const res = await t.app.inject({ url: '/khong-co-trang-nay' })
        assert.equal(res.statusCode, 404)
        assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/)
        assert.match(res.body, /<html lang="vi">/)
        assert.match(res.body, /Không tìm thấy trang/)
        assert.doesNotMatch(res.body, /at .*\.(ts|js):\d+|Error:|node_modules/)
      })
    })

    it('shows the home page with the units from the database', async () => {
      await withApp(dialect, async (t) => {
        const res = await t.app.inject({ url: '/' })
        assert.equal(res.statusCode, 200)
        assert.match(res.body, /<h1 class="heading-xl">Ủy ban nhân dân thị xã Thử Nghiệm<\/h1>/)
        assert.match(res.body, /Phường An/)
        assert.match(res.body, /Phường Bình/)
        assert.match(res.body, /href="\/api\/docs"/)
        assert.match(res.body, /href="\/sign-in"/)
      })
    })
  })
}
