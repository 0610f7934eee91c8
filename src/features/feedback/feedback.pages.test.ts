/**
 * Route tests of the feedback pages through app.inject, on SQLite and, when TEST_DATABASE_URL is
 * set, on PostgreSQL: the submit form (multipart with a real PNG, the captcha solved as a script
 * would, the honeypot, CSRF, the limit per address, what was typed kept beside each message), the
 * receipt shown once, the resident's follow page with its photo, rating and review, the staff
 * queue and item page driven through their forms, the scope of a ward's staff, the public list,
 * item page and RSS feed without any personal data.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { LightMyRequestResponse } from 'fastify'
import sharp from 'sharp'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { Browser } from '../../../test/support/browser.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { CAPTCHA_FIELDS, solveWork } from '../../platform/captcha/captcha.ts'
import { SUBMIT_LIMITS } from './feedback.service.ts'
import { parsePrivateLink } from './feedback.pages.tsx'

/** The text of HTML with tags removed and spaces collapsed. */
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

/** The message beside a field, as text ('' when there is none). */
function fieldMessage(html: string, id: string): string {
  const match = new RegExp(`<p class="field-error" id="${id}-error">([\\s\\S]*?)</p>`).exec(html)
  return match ? textOf(match[1] ?? '') : ''
}

/** The value of an input on a page. */
function inputValue(html: string, name: string): string | undefined {
  return new RegExp(`name="${name.replace(/\./g, '\\.')}"[^>]*value="([^"]*)"`).exec(html)?.[1]
}

/** A file of a multipart form. */
interface FilePart {
  readonly field: string
  readonly filename: string
  readonly type: string
  readonly bytes: Buffer
}

/** A multipart/form-data body as a browser sends it. */
function multipart(fields: Readonly<Record<string, string>>, files: readonly FilePart[] = []): { payload: Buffer; contentType: string } {
  const boundary = `----congso${Math.random().toString(16).slice(2)}`
  const chunks: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'))
  }
  for (const file of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`, 'utf8'))
    chunks.push(file.bytes, Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** Answers the captcha of a page the way its script does: the proof of work on the page's salt. */
function solvedCaptcha(html: string): Record<string, string> {
  const token = inputValue(html, CAPTCHA_FIELDS.token)
  const salt = /data-salt="([0-9a-f]+)"/.exec(html)?.[1]
  const bits = Number(/data-bits="(\d+)"/.exec(html)?.[1])
  assert.ok(token && salt && Number.isFinite(bits), 'the page carries a captcha')
  return { [CAPTCHA_FIELDS.token]: token, [CAPTCHA_FIELDS.nonce]: solveWork(salt, bits), [CAPTCHA_FIELDS.answer]: '' }
}

/** A filled-in submit form, before the captcha. */
function goodForm(overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    category: 'waste_collection',
    'attributes.waste_problem': 'missed',
    unitCode: 'WARD-A',
    officialUsername: '',
    title: 'Rác tồn đọng ở đầu hẻm 12',
    description: 'Rác sinh hoạt tồn đọng ba ngày ở đầu hẻm 12, bốc mùi và tràn ra lòng đường.',
    address: 'Đầu hẻm 12, khu phố 3',
    latitude: '11,0645',
    longitude: '106.7977',
    contactChoice: 'named',
    contactName: 'Trần Thị Bích',
    contactPhone: '0912 345 678',
    contactEmail: 'bich@example.vn',
    wantsPublic: 'yes',
    website: '',
    ...overrides,
  }
}

for (const dialect of testDialects) {
  describe(`feedback pages on ${dialect.name}`, () => {
    let t: TestApp
    let png: Buffer
    let modA: Browser
    let modB: Browser
    let leaderA: Browser
    let specA: Browser
    let addressCount = 0

    before(async () => {
      // Monday 2 March 2026, 09:00 in Vietnam.
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      await createTestStaff(deps, 'mod.a', 'WARD-A', ['moderator'])
      await createTestStaff(deps, 'lead.a', 'WARD-A', ['leader'])
      await createTestStaff(deps, 'spec.a', 'WARD-A', ['specialist'])
      await createTestStaff(deps, 'mod.b', 'WARD-B', ['moderator'])
      modA = await new Browser(t).signIn('mod.a')
      modB = await new Browser(t).signIn('mod.b')
      leaderA = await new Browser(t).signIn('lead.a')
      specA = await new Browser(t).signIn('spec.a')
      png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } })
        .png()
        .toBuffer()
    })
    after(() => t.close())

    /** A resident's browser from an address of its own (the limit counts per address). */
    const resident = () => new Browser(t, `10.0.0.${++addressCount}`)

    /** Posts the submit form as the browser would: multipart, with the page's CSRF token unless told otherwise. */
    const postSubmit = async (browser: Browser, fields: Readonly<Record<string, string>>, files: readonly FilePart[] = [], options: { csrf?: string | null } = {}): Promise<LightMyRequestResponse> => {
      const token = options.csrf === undefined ? browser.csrf : options.csrf
      const { payload, contentType } = multipart({ ...(token !== null ? { _csrf: token } : {}), ...fields }, files)
      const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
      const res = await t.app.inject({ method: 'POST', url: '/phan-anh/gui', headers: { 'content-type': contentType, ...(cookie ? { cookie } : {}) }, payload, remoteAddress: browser.remoteAddress })
      for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
        if (c.value === '' || c.maxAge === 0) browser.cookies.delete(c.name)
        else browser.cookies.set(c.name, c.value)
      }
      const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1]
      if (csrf) browser.csrf = csrf
      return res
    }

    /** Submits a good report through the form; returns its code and private link (path and query). */
    const submit = async (overrides: Readonly<Record<string, string>> = {}, files: readonly FilePart[] = []): Promise<{ code: string; href: string; token: string; browser: Browser }> => {
      const browser = resident()
      const page = await browser.get('/phan-anh/gui')
      const res = await postSubmit(browser, { ...goodForm(overrides), ...solvedCaptcha(page.body) }, files)
      assert.equal(res.statusCode, 303, errorSummary(res.body) || res.body.slice(0, 500))
      assert.equal(res.headers.location, '/phan-anh/gui/da-gui')
      const receipt = await browser.get('/phan-anh/gui/da-gui')
      const code = /<code class="secret-value">(PA-\d{6}-\d{4,})<\/code>/.exec(receipt.body)?.[1]
      const href = /<a class="button" href="(\/phan-anh\/theo-doi\/[^"]+)"/.exec(receipt.body)?.[1]?.replace(/&amp;/g, '&')
      assert.ok(code && href, 'the receipt shows the code and the private link')
      const token = new URL(href, 'http://x').searchParams.get('t') ?? ''
      return { code, href, token, browser }
    }

    /** Takes a staff action through the item page's form. */
    const act = async (browser: Browser, code: string, action: string, fields: Readonly<Record<string, string>> = {}): Promise<LightMyRequestResponse> => {
      await browser.get(`/admin/phan-anh/${code}`)
      const named = Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${action}.${k}`, v]))
      return browser.post(`/admin/phan-anh/${code}/xu-ly`, { action, ...named })
    }

    it('shows a multipart form with CSRF, captcha, a hidden honeypot, photo types and the wards to choose from', async () => {
      const page = await resident().get('/phan-anh/gui')
      assert.equal(page.statusCode, 200)
      assert.equal(page.headers['cache-control'], 'no-store')
      assert.match(page.body, /<form class="form" method="post" action="\/phan-anh\/gui" enctype="multipart\/form-data" novalidate>/)
      assert.match(page.body, /name="_csrf" value="[^"]+"/)
      assert.match(page.body, /<div class="honeypot" aria-hidden="true">[\s\S]*?name="website" type="text" value="" tabindex="-1" autocomplete="off"/)
      assert.match(page.body, /type="file" multiple accept="image\/jpeg,image\/png,image\/webp"/)
      assert.match(page.body, /data-captcha data-salt="[0-9a-f]+"/)
      assert.match(page.body, /<option value="WARD-A">Phường An<\/option>/)
      assert.match(page.body, /<option value="WARD-B">Phường Bình<\/option>/)
      assert.doesNotMatch(page.body, /<option value="TOWN"/, 'the town itself takes no reports here')
      // Officials are grouped by ward, for a letter about one of them.
      assert.match(page.body, /<optgroup label="Phường An">[\s\S]*?<option value="mod.a">Cán bộ mod.a \(/)
      assert.match(page.body, /<link rel="alternate"|Gửi phản ánh, kiến nghị/)
    })

    it('refuses a form posted without its CSRF token', async () => {
      const browser = resident()
      const page = await browser.get('/phan-anh/gui')
      const res = await postSubmit(browser, { ...goodForm(), ...solvedCaptcha(page.body) }, [], { csrf: null })
      assert.equal(res.statusCode, 403)
      const count = await t.database.db.selectFrom('feedback_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      assert.equal(Number(count.n), 0)
    })

    it('keeps what was typed and says what to fix beside each field', async () => {
      const browser = resident()
      await browser.get('/phan-anh/gui')
      const res = await postSubmit(browser, goodForm({ title: 'Rác <b>ở</b> "hẻm" & chợ', contactChoice: '', latitude: 'abc', wantsPublic: '' }), [
        { field: 'photos', filename: 'anh.png', type: 'image/png', bytes: png },
      ])
      assert.equal(res.statusCode, 422)
      assert.match(res.body, /<title>Lỗi: /)
      assert.equal(fieldMessage(res.body, 'f-contactChoice'), 'Lỗi: Chọn để lại thông tin liên hệ hoặc gửi ẩn danh.')
      assert.equal(fieldMessage(res.body, 'f-wantsPublic'), 'Lỗi: Chọn có công khai hay không.')
      assert.match(fieldMessage(res.body, 'f-latitude'), /Vĩ độ là một số/)
      assert.match(fieldMessage(res.body, 'f-captcha'), /xác minh/i, 'no answer to the captcha is said beside it')
      assert.match(errorSummary(res.body), /Chọn có công khai hay không/)
      assert.match(res.body, /<a href="#f-contactChoice">/)
      // What was typed comes back, escaped so that it cannot leave its attribute.
      assert.equal(inputValue(res.body, 'title'), 'Rác <b>ở</b> &#34;hẻm&#34; & chợ')
      assert.equal(inputValue(res.body, 'latitude'), 'abc')
      assert.equal(inputValue(res.body, 'contactEmail'), 'bich@example.vn')
      assert.match(res.body, /Rác sinh hoạt tồn đọng ba ngày/)
      assert.match(res.body, /value="waste_collection" checked/)
      assert.match(res.body, /<option value="missed" selected>/)
      assert.match(res.body, /vui lòng chọn lại ảnh/, 'the resident is told to choose the photos again')

      // With the form's own choices made and the captcha solved, the service's checks speak.
      const again = await postSubmit(browser, { ...goodForm({ description: 'Ngắn', unitCode: 'NOWHERE', contactEmail: 'không phải thư' }), ...solvedCaptcha(res.body) })
      assert.equal(again.statusCode, 422)
      assert.match(fieldMessage(again.body, 'f-description'), /từ 10 đến 5000 ký tự/)
      assert.match(fieldMessage(again.body, 'f-unitCode'), /phường, xã/)
      assert.notEqual(fieldMessage(again.body, 'f-contactEmail'), '', 'the contact e-mail error is beside its field')
      assert.equal(fieldMessage(again.body, 'f-captcha'), '')
      assert.match(again.body, /Ngắn<\/textarea>/)
    })

    it('refuses a program renamed as a photo, beside the photo field', async () => {
      const browser = resident()
      const page = await browser.get('/phan-anh/gui')
      const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(256, 0x90)])
      const res = await postSubmit(browser, { ...goodForm(), ...solvedCaptcha(page.body) }, [{ field: 'photos', filename: 'anh.png', type: 'image/png', bytes: elf }])
      assert.equal(res.statusCode, 422)
      assert.match(fieldMessage(res.body, 'f-photos'), /không phải ảnh JPEG, PNG hoặc WebP/)
      assert.equal(inputValue(res.body, 'title'), 'Rác tồn đọng ở đầu hẻm 12')
    })

    it('turns away a form whose honeypot was filled, storing nothing', async () => {
      const browser = resident()
      const page = await browser.get('/phan-anh/gui')
      const res = await postSubmit(browser, { ...goodForm({ website: 'http://spam.example' }), ...solvedCaptcha(page.body) })
      assert.equal(res.statusCode, 422)
      assert.match(errorSummary(res.body), /Không thể nhận phản ánh này/)
      const count = await t.database.db.selectFrom('feedback_items').select((eb) => eb.fn.countAll().as('n')).where('title', '=', 'Rác tồn đọng ở đầu hẻm 12').executeTakeFirstOrThrow()
      assert.equal(Number(count.n), 0)
    })

    it('says plainly when an address has sent too many reports', async () => {
      const browser = resident()
      let last: LightMyRequestResponse | undefined
      for (let i = 0; i <= SUBMIT_LIMITS.perWindow; i++) {
        await browser.get('/phan-anh/gui')
        last = await postSubmit(browser, goodForm({ contactChoice: '' }))
      }
      assert.equal(last?.statusCode, 429)
      assert.ok(Number(last?.headers['retry-after']) > 0)
      assert.match(errorSummary(last?.body ?? ''), /gửi nhiều phản ánh trong thời gian ngắn/)
      assert.equal(inputValue(last?.body ?? '', 'title'), 'Rác tồn đọng ở đầu hẻm 12', 'the form keeps what was typed')
    })

    it('records a report with a photo and shows the code and the private link once', async () => {
      const { code, href, token, browser } = await submit({}, [{ field: 'photos', filename: 'rac.png', type: 'image/png', bytes: png }])
      assert.match(code, /^PA-260302-\d{4}$/)
      assert.equal(href, `/phan-anh/theo-doi/${code}?t=${token}`)
      // Shown once: the page comes back without them.
      const later = await browser.get('/phan-anh/gui/da-gui')
      assert.equal(later.statusCode, 200)
      assert.doesNotMatch(later.body, new RegExp(token))
      assert.match(later.body, /chỉ hiện một lần/)

      const follow = await browser.get(href)
      assert.equal(follow.statusCode, 200)
      assert.equal(follow.headers['cache-control'], 'no-store')
      assert.match(follow.body, /Chúng tôi đã nhận phản ánh và đang xem xét/)
      assert.match(follow.body, /Rác tồn đọng ở đầu hẻm 12/)
      const thumb = /<img class="photo-thumb" src="([^"]+)"/.exec(follow.body)?.[1]?.replace(/&amp;/g, '&')
      assert.ok(thumb?.includes(`?t=${token}`), 'the photo is fetched with the private token')
      if (!thumb) return
      const photo = await t.app.inject({ url: thumb })
      assert.equal(photo.statusCode, 200)
      assert.equal(photo.headers['content-type'], 'image/webp')
      assert.equal(photo.headers['cache-control'], 'private, max-age=3600')
      assert.ok(photo.headers.etag)
      assert.equal((await t.app.inject({ url: thumb, headers: { 'if-none-match': String(photo.headers.etag) } })).statusCode, 304)
      assert.equal((await t.app.inject({ url: thumb.split('?')[0] })).statusCode, 404, 'without the token the private photo is not found')
      assert.equal((await t.app.inject({ url: thumb.replace('/thumb?', '/huge?') })).statusCode, 404)

      // A wrong token and an unknown code get the same answer.
      const wrong = await browser.get(`/phan-anh/theo-doi/${code}?t=${'A'.repeat(43)}`)
      const unknown = await browser.get(`/phan-anh/theo-doi/PA-990101-0001?t=${token}`)
      assert.equal(wrong.statusCode, 404)
      assert.equal(unknown.statusCode, 404)
      assert.equal(errorSummary(wrong.body), errorSummary(unknown.body))
    })

    it('opens the follow page from the code and the pasted link', async () => {
      const { code, token } = await submit()
      const browser = resident()
      await browser.get('/phan-anh/theo-doi')
      const res = await browser.post('/phan-anh/theo-doi', { code: '', link: `https://congso.example/phan-anh/theo-doi/${code}?t=${token}` })
      assert.equal(res.statusCode, 303)
      assert.equal(res.headers.location, `/phan-anh/theo-doi/${code}?t=${token}`)
      const empty = await browser.post('/phan-anh/theo-doi', { code: '', link: '' })
      assert.equal(empty.statusCode, 422)
      assert.match(fieldMessage(empty.body, 'f-code'), /mã theo dõi/)
      assert.match(fieldMessage(empty.body, 'f-link'), /đường dẫn riêng/)
      assert.deepEqual(parsePrivateLink(code.toLowerCase(), token), { code, token })
    })

    it('lets a ward’s staff open its items while another ward’s staff get 404, and sends others to sign in', async () => {
      const { code } = await submit()
      assert.equal((await modA.get(`/admin/phan-anh/${code}`)).statusCode, 200)
      const other = await modB.get(`/admin/phan-anh/${code}`)
      assert.equal(other.statusCode, 404)
      assert.doesNotMatch(other.body, /Trần Thị Bích/)
      const queueB = await modB.get('/admin/phan-anh')
      assert.equal(queueB.statusCode, 200)
      assert.doesNotMatch(queueB.body, new RegExp(code))
      const queueA = await modA.get('/admin/phan-anh?status=new')
      assert.match(queueA.body, new RegExp(`href="/admin/phan-anh/${code}"`))
      const anonymous = await t.app.inject({ url: `/admin/phan-anh/${code}` })
      assert.equal(anonymous.statusCode, 303)
      assert.equal(anonymous.headers.location, `/sign-in?next=%2Fadmin%2Fphan-anh%2F${code}`)
      // The register of complaints and denunciations is for leaders.
      assert.equal((await modA.get('/admin/phan-anh/so-khieu-nai-to-cao')).statusCode, 403)
      assert.equal((await leaderA.get('/admin/phan-anh/so-khieu-nai-to-cao')).statusCode, 200)
    })

    it('hides a denouncer from everyone but the leaders, and keeps denunciations off the moderators’ pages', async () => {
      const { code } = await submit({ category: 'denunciation', title: 'Tố cáo cán bộ nhận tiền', contactName: 'Người Tố Cáo', contactEmail: 'tocao@example.vn', wantsPublic: 'yes' })
      const byLeader = await leaderA.get(`/admin/phan-anh/${code}`)
      assert.equal(byLeader.statusCode, 200)
      assert.match(byLeader.body, /Người Tố Cáo/)
      assert.equal((await modA.get(`/admin/phan-anh/${code}`)).statusCode, 404)
      const register = await leaderA.get('/admin/phan-anh/so-khieu-nai-to-cao')
      assert.match(register.body, new RegExp(code))
      // Assigned to a specialist, the item is theirs to answer, but the denouncer stays hidden.
      assert.equal((await act(leaderA, code, 'accept')).statusCode, 303)
      assert.equal((await act(leaderA, code, 'assign', { assigneeUsername: 'spec.a' })).statusCode, 303)
      const bySpecialist = await specA.get(`/admin/phan-anh/${code}`)
      assert.equal(bySpecialist.statusCode, 200)
      assert.doesNotMatch(bySpecialist.body, /Người Tố Cáo|tocao@example\.vn/)
      assert.match(bySpecialist.body, /Ẩn danh tính người tố cáo/)
    })

    it('routes a letter about an official to the leaders, never to the official, and lets a leader decide it', async () => {
      const { code } = await submit({ category: 'official_attitude', officialUsername: 'spec.a', title: 'Cán bộ hẹn ba lần', 'attributes.waste_problem': '' })
      const byLeader = await leaderA.get(`/admin/phan-anh/${code}`)
      assert.equal(byLeader.statusCode, 200)
      assert.match(byLeader.body, /Thư góp ý về cán bộ/)
      assert.match(byLeader.body, /<dt class="summary-key">Cán bộ được góp ý<\/dt>\s*<dd class="summary-value">Cán bộ spec\.a<\/dd>/)
      assert.match(byLeader.body, /Không công khai/, 'a letter is never public, whatever the sender chose')
      assert.equal((await specA.get(`/admin/phan-anh/${code}`)).statusCode, 404, 'the official never sees the letter')
      assert.equal((await modA.get(`/admin/phan-anh/${code}`)).statusCode, 404, 'moderators do not see letters')
      assert.equal((await act(leaderA, code, 'accept')).statusCode, 303)
      const noGrounds = await act(leaderA, code, 'decide_letter', { upheld: 'yes', note: '' })
      assert.equal(noGrounds.statusCode, 422)
      assert.notEqual(fieldMessage(noGrounds.body, 'f-decide_letter-note'), '')
      assert.match(noGrounds.body, /value="yes" checked/)
      assert.equal((await act(leaderA, code, 'decide_letter', { upheld: 'yes', note: 'Đã làm việc với cán bộ và người dân.' })).statusCode, 303)
      assert.match((await leaderA.get(`/admin/phan-anh/${code}`)).body, /Thư góp ý được xác minh là đúng/)
      // The picker offers only real officials of the chosen ward.
      const wrong = resident()
      const page = await wrong.get('/phan-anh/gui')
      const res = await postSubmit(wrong, { ...goodForm({ category: 'official_attitude', unitCode: 'WARD-B', officialUsername: 'spec.a' }), ...solvedCaptcha(page.body) })
      assert.equal(res.statusCode, 422)
      assert.match(fieldMessage(res.body, 'f-officialUsername'), /Không tìm thấy cán bộ này/)
    })

    it('takes a report from triage to a published answer through the forms, and the public sees no personal data', async () => {
      const { code, href } = await submit({ title: 'Đèn <đường> & "hẻm" tắt', category: 'infrastructure', 'attributes.infrastructure_kind': 'lighting', 'attributes.waste_problem': '' }, [
        { field: 'photos', filename: 'den.png', type: 'image/png', bytes: png },
      ])
      const page = await modA.get(`/admin/phan-anh/${code}`)
      assert.equal(page.statusCode, 200)
      assert.equal(page.headers['cache-control'], 'no-store')
      assert.match(page.body, /Trần Thị Bích/)
      assert.match(page.body, /Đèn chiếu sáng/)
      assert.match(page.body, /name="action" value="accept"/)
      assert.doesNotMatch(page.body, /name="action" value="answer"/, 'a new item cannot be answered before it is accepted')

      // A reason is needed to reject: said beside the field of the form that was sent.
      const noReason = await act(modA, code, 'reject', { reason: '' })
      assert.equal(noReason.statusCode, 422)
      assert.match(fieldMessage(noReason.body, 'f-reject-reason'), /lý do/)
      assert.match(noReason.body, /<details class="inset" id="action-reject" open>/)

      const accepted = await act(modA, code, 'accept')
      assert.equal(accepted.statusCode, 303)
      assert.equal(accepted.headers.location, `/admin/phan-anh/${code}`)
      const afterAccept = await modA.get(`/admin/phan-anh/${code}`)
      assert.match(afterAccept.body, /Đã thực hiện: Xác nhận tiếp nhận/)
      // The assign form proposes the field's default due date: 10 working days from Monday 2 March.
      assert.match(afterAccept.body, /name="assign\.dueAt" type="datetime-local" value="2026-03-16T17:00"/)
      const assigned = await act(modA, code, 'assign', { unitCode: '', assigneeUsername: 'spec.a', dueAt: '2026-03-16T17:00' })
      assert.equal(assigned.statusCode, 303, errorSummary(assigned.body))
      assert.equal((await act(modA, code, 'note', { text: 'Đã gọi điện cho điện lực, chờ thay bóng.' })).statusCode, 303)
      assert.equal((await act(specA, code, 'answer', { text: 'Đã thay bóng đèn <LED> & kiểm tra lại đường dây.' })).statusCode, 303)
      const published = await act(modA, code, 'publish')
      assert.equal(published.statusCode, 303, errorSummary(published.body))

      const staffPage = await modA.get(`/admin/phan-anh/${code}`)
      assert.match(staffPage.body, /Nội bộ/)
      assert.match(staffPage.body, /Đã gọi điện cho điện lực/)

      // The resident reads the answer, not the internal note.
      const follow = await resident().get(href)
      assert.match(follow.body, /Đã thay bóng đèn &lt;LED> &amp; kiểm tra lại đường dây\./)
      assert.doesNotMatch(follow.body, /Đã gọi điện cho điện lực/)

      // The public item and list: the answer, the photo, no contact data.
      const item = await t.app.inject({ url: `/phan-anh/${code}` })
      assert.equal(item.statusCode, 200)
      assert.match(item.body, /Đã thay bóng đèn/)
      assert.match(item.body, /<h1 class="heading-l">Đèn &lt;đường> &amp; &#34;hẻm&#34; tắt<\/h1>/)
      for (const personal of ['Trần Thị Bích', '0912 345 678', '345 678', 'bich@example.vn', 'Cán bộ spec.a', 'Đã gọi điện']) assert.ok(!item.body.includes(personal), `the public page shows ${personal}`)
      const photo = /<img class="photo-thumb" src="([^"]+)"/.exec(item.body)?.[1]
      assert.ok(photo && !photo.includes('?t='))
      const publicPhoto = await t.app.inject({ url: photo })
      assert.equal(publicPhoto.statusCode, 200)
      assert.equal(publicPhoto.headers['cache-control'], 'public, max-age=3600')

      const list = await t.app.inject({ url: '/phan-anh?unit=WARD-A&category=infrastructure' })
      assert.equal(list.statusCode, 200)
      assert.match(list.body, new RegExp(`href="/phan-anh/${code}"`))
      assert.match(list.body, /<link rel="alternate" type="application\/rss\+xml" href="\/phan-anh\/rss\.xml"/)
      for (const personal of ['Trần Thị Bích', 'bich@example.vn', '0912 345 678']) assert.ok(!list.body.includes(personal))
      const otherWard = await t.app.inject({ url: '/phan-anh?unit=WARD-B' })
      assert.doesNotMatch(otherWard.body, new RegExp(code))

      // The feed is well-formed RSS 2.0 and carries the resident's "<" and "&" as text.
      const rss = await t.app.inject({ url: '/phan-anh/rss.xml' })
      assert.equal(rss.statusCode, 200)
      assert.match(String(rss.headers['content-type']), /^application\/rss\+xml/)
      assert.equal(XMLValidator.validate(rss.body), true)
      const feed = new XMLParser({ ignoreAttributes: false }).parse(rss.body) as { rss: { '@_version': string; channel: { item: { title: string; link: string; description: string } | { title: string; link: string; description: string }[] } } }
      assert.equal(feed.rss['@_version'], '2.0')
      const entries = [feed.rss.channel.item].flat()
      const entry = entries.find((e) => e.link.endsWith(`/phan-anh/${code}`))
      assert.ok(entry, 'the published item is in the feed')
      assert.match(rss.body, /Đèn &lt;đường&gt; &amp; &quot;hẻm&quot; tắt/)
      assert.match(entry.description, /Đã thay bóng đèn <LED> & kiểm tra/)
      assert.ok(!rss.body.includes('bich@example.vn') && !rss.body.includes('Trần Thị Bích'))

      // Unpublished again, it leaves the list.
      assert.equal((await act(modA, code, 'unpublish')).statusCode, 303)
      assert.doesNotMatch((await t.app.inject({ url: '/phan-anh' })).body, new RegExp(`href="/phan-anh/${code}"`))
    })

    it('suggests similar open items when marking a duplicate, and marks one from the suggestion', async () => {
      const first = await submit({ category: 'street_vending', title: 'Quán nước lấn chiếm vỉa hè chợ Uyên Hưng', description: 'Quán nước bày bàn ghế lấn chiếm hết vỉa hè trước chợ, người đi bộ phải xuống lòng đường.', 'attributes.waste_problem': '' })
      const second = await submit({ category: 'street_vending', title: 'Lấn chiếm vỉa hè trước chợ', description: 'Quán nước bày bàn ghế lấn chiếm vỉa hè trước chợ, người đi bộ phải đi xuống lòng đường.', 'attributes.waste_problem': '' })
      const page = await modA.get(`/admin/phan-anh/${second.code}`)
      assert.match(page.body, new RegExp(`name="mark_duplicate\\.suggested" type="radio" value="${first.code}"`))
      const marked = await act(modA, second.code, 'mark_duplicate', { suggested: first.code, duplicateOf: '' })
      assert.equal(marked.statusCode, 303, errorSummary(marked.body))
      const after = await modA.get(`/admin/phan-anh/${second.code}`)
      assert.match(after.body, /Trùng phản ánh khác/)
      assert.match(after.body, new RegExp(`<dd class="summary-value">${first.code}</dd>`))
      const follow = await resident().get(second.href)
      assert.match(follow.body, new RegExp(`Trùng với phản ánh ${first.code}`))
    })

    it('lets the resident rate the answer and ask once for a review', async () => {
      const { code, href, token } = await submit({ wantsPublic: 'no' })
      await act(modA, code, 'accept')
      await act(modA, code, 'assign', { assigneeUsername: 'spec.a' })
      await act(specA, code, 'answer', { text: 'Đội thu gom đã dọn sạch điểm rác.' })
      const browser = resident()
      const follow = await browser.get(href)
      assert.match(follow.body, /Đánh giá câu trả lời/)
      const badRating = await browser.post(`/phan-anh/theo-doi/${code}/danh-gia?t=${token}`, { rating: '', comment: 'Chưa sạch' })
      assert.equal(badRating.statusCode, 422)
      assert.match(fieldMessage(badRating.body, 'f-rating'), /từ 1 đến 5/)
      assert.match(badRating.body, /Chưa sạch<\/textarea>/)
      const rated = await browser.post(`/phan-anh/theo-doi/${code}/danh-gia?t=${token}`, { rating: '2', comment: 'Chỉ dọn một nửa' })
      assert.equal(rated.statusCode, 303)
      const afterRating = await browser.get(href)
      assert.match(afterRating.body, /Cảm ơn bạn đã đánh giá/)
      assert.match(afterRating.body, /Đề nghị xem xét lại/)
      const reopened = await browser.post(`/phan-anh/theo-doi/${code}/xem-xet-lai?t=${token}`, { reason: 'Rác vẫn còn ở cuối hẻm.' })
      assert.equal(reopened.statusCode, 303)
      const afterReopen = await browser.get(href)
      assert.match(afterReopen.body, /Đang xử lý/)
      assert.doesNotMatch(afterReopen.body, /action="[^"]*xem-xet-lai/, 'a review is asked for only once')
      const wrongToken = await browser.post(`/phan-anh/theo-doi/${code}/danh-gia?t=${'B'.repeat(43)}`, { rating: '5' })
      assert.equal(wrongToken.statusCode, 404)
    })

    it('shows the queue with counts, filters that say what is wrong, and the register to leaders', async () => {
      const queue = await modA.get('/admin/phan-anh')
      assert.equal(queue.statusCode, 200)
      assert.match(queue.body, /<span>Mới tiếp nhận<\/span> <strong>\d+<\/strong>/)
      const bad = await modA.get('/admin/phan-anh?status=nonsense')
      assert.equal(bad.statusCode, 400)
      assert.notEqual(fieldMessage(bad.body, 'f-status'), '')
      assert.doesNotMatch(queue.body, /so-khieu-nai-to-cao/, 'moderators are not offered the register')
      assert.match((await leaderA.get('/admin/phan-anh')).body, /href="\/admin\/phan-anh\/so-khieu-nai-to-cao"/)
      // The desk links to the queue for those who work on feedback.
      assert.match((await modA.get('/desk')).body, /href="\/admin\/phan-anh"/)
    })
  })
}
