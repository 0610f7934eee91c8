/**
 * Route tests of the dialogue pages through app.inject, on SQLite and, when TEST_DATABASE_URL is
 * set, on PostgreSQL: an organiser plans a session through the create form (errors beside the
 * fields, host rows kept) and opens it for questions; residents send questions through the public
 * form (CSRF, captcha solved as its script would, honeypot, the limit per address, what was typed
 * kept) and support them once per device; the organiser moderates (publish, hide with a reason,
 * merge, assign, prepare an answer); the secretary records a floor question, answers, a commitment
 * that becomes a tracked item of the feedback module, and marks the session held, which tracks the
 * question left unanswered; the organiser publishes the minutes, which print the record. The public
 * pages never show a contact, a hidden question or a prepared answer; coverage counts "1/2".
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { Browser } from '../../../test/support/browser.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { CAPTCHA_FIELDS, solveWork } from '../../platform/captcha/captcha.ts'
import { QUESTION_LIMITS } from './dialogue.service.ts'

/** The text of HTML with tags removed and spaces collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
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

/** The flash notice of a page, as text ('' when there is none). */
function flashOf(html: string): string {
  const match = /<div class="notice[^"]*"[\s\S]*?<\/div>\s*<\/div>/.exec(html)
  return match ? textOf(match[0]) : ''
}

/** Message keys left untranslated on a page (i18next shows the key when a message is missing). */
function untranslated(html: string): string[] {
  return [...textOf(html).matchAll(/\b(?:dialogues|feedback|captcha)\.[a-zA-Z_]+(?:\.[a-zA-Z0-9_]+)+/g)].map((m) => m[0])
}

/** Answers the captcha of a page the way its script does: the proof of work on the page's salt. */
function solvedCaptcha(html: string): Record<string, string> {
  const token = inputValue(html, CAPTCHA_FIELDS.token)
  const salt = /data-salt="([0-9a-f]+)"/.exec(html)?.[1]
  const bits = Number(/data-bits="(\d+)"/.exec(html)?.[1])
  assert.ok(token && salt && Number.isFinite(bits), 'the page carries a captcha')
  return { [CAPTCHA_FIELDS.token]: token, [CAPTCHA_FIELDS.nonce]: solveWork(salt, bits), [CAPTCHA_FIELDS.answer]: '' }
}

/** The id of the session a redirect leads to. */
function sessionIdOf(location: unknown): number {
  const id = Number(/\/admin\/doi-thoai\/(\d+)$/.exec(String(location))?.[1])
  assert.ok(Number.isSafeInteger(id) && id > 0, `a session page: ${String(location)}`)
  return id
}

/** A filled-in create form of WARD-A: Thursday 5 March 2026, 08:00 to 11:00. */
function sessionForm(overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    unitCode: 'WARD-A',
    topic: 'Vệ sinh môi trường & thu gom rác <khu phố 3>',
    description: 'Lắng nghe ý kiến của bà con về thu gom rác và vệ sinh đường phố.',
    startsAt: '2026-03-05T08:00',
    endsAt: '2026-03-05T11:00',
    venue: 'Hội trường Ủy ban nhân dân phường An',
    livestreamUrl: 'https://video.example.vn/doi-thoai',
    secretaryUsername: 'spec.a',
    host1: 'lead.a',
    host1Label: 'Chủ tịch UBND phường An',
    host2: 'lead.town',
    host2Label: 'Chủ tịch UBND thị xã',
    host3: '',
    host3Label: '',
    ...overrides,
  }
}

/** A resident's question form, before the captcha. */
function questionForm(overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    askerChoice: 'named',
    askerName: 'Trần Thị Bích',
    residentialArea: 'Khu phố 3',
    contact: '0912 345 678',
    text: 'Xe thu gom rác không đến khu phố 3 vào thứ Năm, rác tồn đọng ở đầu hẻm 12.',
    website: '',
    ...overrides,
  }
}

for (const dialect of testDialects) {
  describe(`dialogue pages on ${dialect.name}`, () => {
    let t: TestApp
    let addressCount = 0
    const browsers = new Map<string, Browser>()

    before(async () => {
      // Monday 2 March 2026, 09:00 in Vietnam.
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      await createTestStaff(deps, 'mod.a', 'WARD-A', ['moderator'])
      await createTestStaff(deps, 'lead.a', 'WARD-A', ['leader'])
      await createTestStaff(deps, 'lead.town', 'TOWN', ['leader'])
      await createTestStaff(deps, 'spec.a', 'WARD-A', ['specialist'])
      await createTestStaff(deps, 'mod.b', 'WARD-B', ['moderator'])
      await createTestStaff(deps, 'spec.b', 'WARD-B', ['specialist'])
    })
    after(() => t.close())

    /** A browser signed in as a test account, one per account and address (sign-ins are limited per address). */
    const staff = async (username: string): Promise<Browser> => {
      const known = browsers.get(username)
      if (known) return known
      const browser = new Browser(t, `10.0.8.${browsers.size + 1}`)
      await browser.signIn(username)
      browsers.set(username, browser)
      return browser
    }

    /** Moves the clock; staff sign in again, since their sessions went idle meanwhile. */
    const setClock = async (instant: string): Promise<void> => {
      t.clock.set(instant)
      for (const [username, browser] of browsers) await browser.signIn(username)
    }

    /** A resident's browser from an address of its own (the limit counts per address). */
    const resident = () => new Browser(t, `10.0.7.${++addressCount}`)

    /** Plans a session through the create form as mod.a; returns its id. */
    const planSession = async (overrides: Readonly<Record<string, string>> = {}): Promise<number> => {
      const organiser = await staff('mod.a')
      await organiser.get('/admin/doi-thoai')
      const res = await organiser.post('/admin/doi-thoai', sessionForm(overrides))
      assert.equal(res.statusCode, 303, errorSummary(res.body) || res.body.slice(0, 300))
      return sessionIdOf(res.headers.location)
    }

    /** Takes a status action through the session page's form. */
    const act = async (browser: Browser, id: number, action: string, fields: Readonly<Record<string, string>> = {}): Promise<LightMyRequestResponse> => {
      await browser.get(`/admin/doi-thoai/${id}`)
      return browser.post(`/admin/doi-thoai/${id}/trang-thai`, { action, ...fields })
    }

    /** Moderates a question through its form on the session page. */
    const moderate = async (browser: Browser, id: number, questionId: number, action: string, fields: Readonly<Record<string, string>> = {}): Promise<LightMyRequestResponse> => {
      await browser.get(`/admin/doi-thoai/${id}`)
      const named = Object.fromEntries(Object.entries(fields).map(([k, v]) => [`q${questionId}.${k}`, v]))
      return browser.post(`/admin/doi-thoai/${id}/cau-hoi/${questionId}`, { action, ...named })
    }

    /** Sends a question through the public form; returns the answer of the POST. */
    const ask = async (id: number, overrides: Readonly<Record<string, string>> = {}, browser = resident()): Promise<LightMyRequestResponse> => {
      const page = await browser.get(`/doi-thoai/${id}`)
      return browser.post(`/doi-thoai/${id}/cau-hoi`, { ...questionForm(overrides), ...solvedCaptcha(page.body) })
    }

    /** The ids of a session's questions whose text contains some words, from the database. */
    const questionIdByText = async (id: number, words: string): Promise<number> => {
      const row = await t.database.db.selectFrom('dialogue_questions').select('id').where('session_id', '=', id).where('text', 'like', `%${words}%`).executeTakeFirstOrThrow()
      return Number(row.id)
    }

    it('plans a session through the create form, keeping what was typed beside each message', async () => {
      const organiser = await staff('mod.a')
      const list = await organiser.get('/admin/doi-thoai')
      assert.equal(list.statusCode, 200)
      assert.equal(list.headers['cache-control'], 'no-store')
      assert.deepEqual(untranslated(list.body), [])
      assert.match(list.body, /<form class="form" method="post" action="\/admin\/doi-thoai" novalidate>/)
      assert.match(list.body, /name="_csrf" value="[^"]+"/)
      assert.match(list.body, /<option value="WARD-A">Phường An<\/option>/)
      assert.doesNotMatch(list.body, /<option value="WARD-B">/, 'a ward’s moderator organises only that ward')
      assert.match(list.body, /<optgroup label="Phường An">[\s\S]*?<option value="lead.a">Cán bộ lead.a<\/option>/)
      assert.match(list.body, /<optgroup label="Thị xã Thử Nghiệm"><option value="lead.town">/, 'leaders of the town may host too')

      const bad = await organiser.post('/admin/doi-thoai', sessionForm({ topic: 'Rác', startsAt: 'mai', host1: 'spec.a', venue: '' }))
      assert.equal(bad.statusCode, 422)
      assert.match(bad.body, /<title>Lỗi: /)
      assert.notEqual(fieldMessage(bad.body, 'f-topic'), '')
      assert.notEqual(fieldMessage(bad.body, 'f-startsAt'), '')
      assert.notEqual(fieldMessage(bad.body, 'f-venue'), '')
      assert.match(fieldMessage(bad.body, 'f-host1'), /lãnh đạo/, 'a specialist cannot host: said beside the first host row')
      assert.equal(inputValue(bad.body, 'startsAt'), 'mai')
      assert.equal(inputValue(bad.body, 'host1Label'), 'Chủ tịch UBND phường An')
      assert.match(bad.body, /<option value="lead.town" selected>/, 'the second host row keeps its choice')
      assert.deepEqual(untranslated(bad.body), [])

      const refused = await organiser.post('/admin/doi-thoai', sessionForm(), { csrf: null })
      assert.equal(refused.statusCode, 403)

      await organiser.get('/admin/doi-thoai')
      const created = await organiser.post('/admin/doi-thoai', sessionForm())
      assert.equal(created.statusCode, 303, errorSummary(created.body))
      const id = sessionIdOf(created.headers.location)
      const page = await organiser.get(`/admin/doi-thoai/${id}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Đã lên lịch buổi đối thoại/)
      assert.match(page.body, /Vệ sinh môi trường &amp; thu gom rác &lt;khu phố 3>/)
      assert.match(page.body, /Cán bộ lead.town \(Chủ tịch UBND thị xã\)/, 'the town’s chair may host a ward’s dialogue')
      assert.match(page.body, /name="action" value="open_questions"/)
      assert.deepEqual(untranslated(page.body), [])
      // The schedule and the hosts have forms of their own, each keeping what was typed.
      const badSchedule = await organiser.post(`/admin/doi-thoai/${id}/sua`, { ...sessionForm(), endsAt: '2026-03-05T07:00' })
      assert.equal(badSchedule.statusCode, 422)
      assert.match(fieldMessage(badSchedule.body, 'f-endsAt'), /sau thời gian bắt đầu/)
      assert.match(badSchedule.body, /<details class="inset" id="sua" open>/)
      assert.match(badSchedule.body, /name="endsAt" type="datetime-local" value="2026-03-05T07:00"/)
      const moved = await organiser.post(`/admin/doi-thoai/${id}/sua`, { ...sessionForm(), venue: 'Nhà văn hóa khu phố 3' })
      assert.equal(moved.statusCode, 303)
      assert.match((await organiser.get(`/admin/doi-thoai/${id}`)).body, /Nhà văn hóa khu phố 3/)
      const badHosts = await organiser.post(`/admin/doi-thoai/${id}/chu-tri`, { host1: 'lead.a', host1Label: 'Chủ tịch UBND phường An', host2: 'spec.a', host2Label: 'Công chức', host3: '', host3Label: '' })
      assert.equal(badHosts.statusCode, 422)
      assert.match(fieldMessage(badHosts.body, 'f-host2'), /lãnh đạo/)
      assert.match(badHosts.body, /<details class="inset" id="chu-tri" open>/)
      assert.equal(inputValue(badHosts.body, 'host2Label'), 'Công chức')
      const oneHost = await organiser.post(`/admin/doi-thoai/${id}/chu-tri`, { host1: '', host1Label: '', host2: 'lead.a', host2Label: 'Chủ tịch UBND phường An', host3: '', host3Label: '' })
      assert.equal(oneHost.statusCode, 303, errorSummary(oneHost.body))
      const afterHosts = await organiser.get(`/admin/doi-thoai/${id}`)
      assert.match(afterHosts.body, /Đã lưu người chủ trì/)
      assert.doesNotMatch(afterHosts.body, /Cán bộ lead.town \(/)
      // Another ward's moderator may not open it.
      assert.equal((await (await staff('mod.b')).get(`/admin/doi-thoai/${id}`)).statusCode, 403)
      const anonymous = await t.app.inject({ url: `/admin/doi-thoai/${id}` })
      assert.equal(anonymous.statusCode, 303)
    })

    it('opens a session for questions and takes residents’ questions through the public form', async () => {
      const id = await planSession({ topic: 'Trật tự đô thị và lấn chiếm vỉa hè' })
      const before = await t.app.inject({ url: `/doi-thoai/${id}` })
      assert.equal(before.statusCode, 200)
      assert.match(before.body, /Việc nhận câu hỏi trước hội nghị chưa bắt đầu/)
      assert.doesNotMatch(before.body, /action="\/doi-thoai\/\d+\/cau-hoi"/)

      const organiser = await staff('mod.a')
      const opened = await act(organiser, id, 'open_questions')
      assert.equal(opened.statusCode, 303)
      assert.match(flashOf((await organiser.get(`/admin/doi-thoai/${id}`)).body), /Đã thực hiện: Mở nhận câu hỏi/)

      const browser = resident()
      const page = await browser.get(`/doi-thoai/${id}`)
      assert.equal(page.statusCode, 200)
      assert.equal(page.headers['cache-control'], 'no-store', 'the page carries a one-use captcha')
      assert.match(page.body, /<form class="form" method="post" action="\/doi-thoai\/\d+\/cau-hoi" novalidate>/)
      assert.match(page.body, /name="_csrf" value="[^"]+"/)
      assert.match(page.body, /<div class="honeypot" aria-hidden="true">[\s\S]*?name="website" type="text" value="" tabindex="-1" autocomplete="off"/)
      assert.match(page.body, /data-captcha data-salt="[0-9a-f]+"/)
      assert.match(page.body, new RegExp(`<link rel="alternate" type="text/calendar" href="/doi-thoai/${id}\\.ics"`))
      assert.match(page.body, /08:00 – 11:00, thứ Năm 05\/03\/2026/)
      assert.match(page.body, /Cán bộ lead.a<\/strong><span> – Chủ tịch UBND phường An/)
      assert.match(page.body, /href="https:\/\/video\.example\.vn\/doi-thoai"/)
      assert.deepEqual(untranslated(page.body), [])

      // The form's own choice, said beside it, with everything typed kept.
      const noChoice = await browser.post(`/doi-thoai/${id}/cau-hoi`, { ...questionForm({ askerChoice: '', text: 'Vỉa hè <đường> "ĐT 746" bị lấn chiếm & hàng quán bày ra' }), ...solvedCaptcha(page.body) })
      assert.equal(noChoice.statusCode, 422)
      assert.match(noChoice.body, /<title>Lỗi: /)
      assert.equal(fieldMessage(noChoice.body, 'f-askerChoice'), 'Lỗi: Chọn ghi tên hoặc gửi ẩn danh.')
      assert.match(noChoice.body, /Vỉa hè &lt;đường> &#34;ĐT 746&#34; bị lấn chiếm &amp; hàng quán bày ra<\/textarea>/)
      assert.equal(inputValue(noChoice.body, 'contact'), '0912 345 678')
      const noName = await browser.post(`/doi-thoai/${id}/cau-hoi`, { ...questionForm({ askerName: ' ' }), ...solvedCaptcha(noChoice.body) })
      assert.equal(noName.statusCode, 422)
      assert.match(fieldMessage(noName.body, 'f-askerName'), /họ và tên/)
      assert.match(noName.body, /value="named" checked/)

      // The service's checks: the text's length and the captcha, beside their fields.
      const short = await browser.post(`/doi-thoai/${id}/cau-hoi`, { ...questionForm({ text: 'Ngắn' }), [CAPTCHA_FIELDS.token]: inputValue(noName.body, CAPTCHA_FIELDS.token) ?? '' })
      assert.equal(short.statusCode, 422)
      assert.match(fieldMessage(short.body, 'f-text'), /từ 10 đến 3000 ký tự/)
      assert.notEqual(fieldMessage(short.body, 'f-captcha'), '')
      assert.match(short.body, /Ngắn<\/textarea>/)

      // Without the CSRF token nothing is stored.
      const forged = await browser.post(`/doi-thoai/${id}/cau-hoi`, { ...questionForm(), ...solvedCaptcha(short.body) }, { csrf: null })
      assert.equal(forged.statusCode, 403)
      // A filled honeypot is turned away in general words.
      const bot = await browser.post(`/doi-thoai/${id}/cau-hoi`, { ...questionForm({ website: 'http://spam.example' }), ...solvedCaptcha(short.body) })
      assert.equal(bot.statusCode, 422)
      assert.match(errorSummary(bot.body), /Không thể nhận nội dung này/)

      const sent = await ask(id, { text: 'Xin cho biết khi nào dẹp hàng quán lấn chiếm vỉa hè đường ĐT 746?' })
      assert.equal(sent.statusCode, 303, errorSummary(sent.body))
      assert.equal(sent.headers.location, `/doi-thoai/${id}`)
      const count = await t.database.db.selectFrom('dialogue_questions').select((eb) => eb.fn.countAll().as('n')).where('session_id', '=', id).executeTakeFirstOrThrow()
      assert.equal(Number(count.n), 1, 'only the good question was stored')
      // Pending until a moderator publishes it.
      const after = await t.app.inject({ url: `/doi-thoai/${id}` })
      assert.doesNotMatch(after.body, /dẹp hàng quán lấn chiếm/)
    })

    it('says plainly when an address has sent too many questions, keeping what was typed', async () => {
      const id = await planSession({ topic: 'Giới hạn câu hỏi theo địa chỉ' })
      await act(await staff('mod.a'), id, 'open_questions')
      const browser = resident()
      let last: LightMyRequestResponse | undefined
      for (let i = 0; i <= QUESTION_LIMITS.perWindow; i++) last = await ask(id, { text: `Câu hỏi thử số ${i} về giới hạn gửi câu hỏi.` }, browser)
      assert.equal(last?.statusCode, 429)
      assert.ok(Number(last?.headers['retry-after']) > 0)
      assert.match(errorSummary(last?.body ?? ''), /quá nhiều lần/)
      assert.match(last?.body ?? '', /giới hạn gửi câu hỏi\.<\/textarea>/)
    })

    /** A session open for questions with four of them sent by residents; their ids by role. */
    const openSessionWithQuestions = async (topic: string) => {
      const id = await planSession({ topic })
      await act(await staff('mod.a'), id, 'open_questions')
      const texts = {
        named: 'Xe thu gom rác không đến khu phố 3 vào thứ Năm, rác tồn đọng ở đầu hẻm 12.',
        duplicate: 'Rác ở đầu hẻm 12 khu phố 3 không ai thu gom mấy tuần nay.',
        abuse: 'Nội dung xúc phạm cán bộ không liên quan đến buổi đối thoại này.',
        anonymous: 'Đề nghị lắp thêm đèn đường ở hẻm 27 vì buổi tối rất tối.',
      }
      for (const [kind, text] of Object.entries(texts)) {
        const res = await ask(id, kind === 'anonymous' ? { askerChoice: 'anonymous', askerName: 'Không hiện tên này', contact: 'an.danh@example.vn', text } : { text })
        assert.equal(res.statusCode, 303, errorSummary(res.body))
      }
      return {
        id,
        texts,
        named: await questionIdByText(id, 'vào thứ Năm'),
        duplicate: await questionIdByText(id, 'mấy tuần nay'),
        abuse: await questionIdByText(id, 'xúc phạm'),
        anonymous: await questionIdByText(id, 'đèn đường'),
      }
    }

    it('lets the organiser moderate, and shows the public only published questions, without contacts', async () => {
      const s = await openSessionWithQuestions('Môi trường khu phố 3')
      const organiser = await staff('mod.a')
      const page = await organiser.get(`/admin/doi-thoai/${s.id}`)
      assert.match(page.body, /Có 4 câu hỏi chờ kiểm duyệt/)
      assert.match(page.body, /0912 345 678/, 'staff see the contact the resident left')
      assert.match(page.body, new RegExp(`name="action" value="publish"`))
      assert.deepEqual(untranslated(page.body), [])

      for (const q of [s.named, s.anonymous]) assert.equal((await moderate(organiser, s.id, q, 'publish')).statusCode, 303)
      const noReason = await moderate(organiser, s.id, s.abuse, 'hide', { reason: '' })
      assert.equal(noReason.statusCode, 422)
      assert.match(fieldMessage(noReason.body, `f-q${s.abuse}-reason`), /lý do/)
      assert.match(noReason.body, new RegExp(`<details class="inset" id="q${s.abuse}-hide" open>`))
      assert.equal((await moderate(organiser, s.id, s.abuse, 'hide', { reason: 'Lời lẽ xúc phạm, không thuộc nội dung đối thoại.' })).statusCode, 303)
      const noTarget = await moderate(organiser, s.id, s.duplicate, 'merge', { into: '' })
      assert.equal(noTarget.statusCode, 422)
      assert.notEqual(fieldMessage(noTarget.body, `f-q${s.duplicate}-into`), '')
      assert.equal((await moderate(organiser, s.id, s.duplicate, 'merge', { into: String(s.named) })).statusCode, 303)
      assert.equal((await moderate(organiser, s.id, s.named, 'assign', { unitCode: 'WARD-A' })).statusCode, 303)
      assert.equal((await moderate(organiser, s.id, s.named, 'prepare_answer', { text: 'Tổ thu gom bổ sung chuyến thứ Năm từ tuần sau.' })).statusCode, 303)
      const moderated = await organiser.get(`/admin/doi-thoai/${s.id}`)
      assert.match(flashOf(moderated.body), /Đã thực hiện với câu hỏi/)
      assert.match(moderated.body, /Không có câu hỏi nào chờ kiểm duyệt/)
      assert.match(moderated.body, /Lời lẽ xúc phạm, không thuộc nội dung đối thoại\./)
      assert.match(moderated.body, /Tổ thu gom bổ sung chuyến thứ Năm từ tuần sau\./)

      const pub = await t.app.inject({ url: `/doi-thoai/${s.id}` })
      assert.match(pub.body, /Xe thu gom rác không đến khu phố 3/)
      assert.match(pub.body, /Người dân \(ẩn danh\), Khu phố 3/)
      assert.match(pub.body, /Trần Thị Bích, Khu phố 3/)
      for (const hidden of [s.texts.abuse, s.texts.duplicate, '0912 345 678', 'an.danh@example.vn', 'Không hiện tên này', 'Lời lẽ xúc phạm', 'Tổ thu gom bổ sung']) {
        assert.ok(!pub.body.includes(hidden), `the public page shows ${hidden}`)
      }
      assert.deepEqual(untranslated(pub.body), [])
    })

    it('takes one support per device, with the CSRF token, and moves supports over on a merge', async () => {
      const s = await openSessionWithQuestions('Ủng hộ câu hỏi')
      const organiser = await staff('mod.a')
      for (const q of [s.named, s.duplicate]) await moderate(organiser, s.id, q, 'publish')
      const first = resident()
      await first.get(`/doi-thoai/${s.id}`)
      const forged = await first.post(`/doi-thoai/${s.id}/cau-hoi/${s.duplicate}/ung-ho`, {}, { csrf: null })
      assert.equal(forged.statusCode, 403)
      const supported = await first.post(`/doi-thoai/${s.id}/cau-hoi/${s.duplicate}/ung-ho`, {})
      assert.equal(supported.statusCode, 303)
      assert.equal(supported.headers.location, `/doi-thoai/${s.id}#cau-hoi-${s.duplicate}`)
      assert.ok(first.cookies.has('congso_device'), 'the device gets its random cookie')
      const shown = await first.get(`/doi-thoai/${s.id}`)
      assert.match(flashOf(shown.body), /Cảm ơn bạn đã ủng hộ/)
      assert.match(shown.body, /Bạn đã ủng hộ câu hỏi này\./)
      assert.match(shown.body, /Số người ủng hộ: 1/)
      const again = await first.post(`/doi-thoai/${s.id}/cau-hoi/${s.duplicate}/ung-ho`, {})
      assert.equal(again.statusCode, 303)
      assert.match(flashOf((await first.get(`/doi-thoai/${s.id}`)).body), /đã ủng hộ câu hỏi này rồi/)
      const second = resident()
      await second.get(`/doi-thoai/${s.id}`)
      await second.post(`/doi-thoai/${s.id}/cau-hoi/${s.named}/ung-ho`, {})
      await second.post(`/doi-thoai/${s.id}/cau-hoi/${s.duplicate}/ung-ho`, {})
      // Merged into the first, the duplicate's supports move over: a device counted once.
      assert.equal((await moderate(organiser, s.id, s.duplicate, 'merge', { into: String(s.named) })).statusCode, 303)
      const row = await t.database.db.selectFrom('dialogue_questions').select('support_count').where('id', '=', s.named).executeTakeFirstOrThrow()
      assert.equal(Number(row.support_count), 2)
      const unknown = await first.post(`/doi-thoai/${s.id}/cau-hoi/${s.abuse}/ung-ho`, {})
      assert.equal(unknown.statusCode, 404, 'a question the public cannot see cannot be supported')
    })

    it('records the session at the secretary’s page, publishes the minutes, and tracks the commitment and the unanswered question', async () => {
      const s = await openSessionWithQuestions('Thu gom rác và chiếu sáng hẻm')
      const organiser = await staff('mod.a')
      for (const q of [s.named, s.anonymous]) await moderate(organiser, s.id, q, 'publish')
      await moderate(organiser, s.id, s.abuse, 'hide', { reason: 'Lời lẽ xúc phạm, không thuộc nội dung đối thoại.' })
      await moderate(organiser, s.id, s.duplicate, 'merge', { into: String(s.named) })
      // Another ward's staff may not keep the record.
      assert.equal((await (await staff('spec.b')).get(`/admin/doi-thoai/${s.id}/thu-ky`)).statusCode, 403)

      // Thursday 5 March, 09:30: the session is under way.
      await setClock('2026-03-05T02:30:00Z')
      const secretary = await staff('spec.a')
      const page = await secretary.get(`/admin/doi-thoai/${s.id}/thu-ky`)
      assert.equal(page.statusCode, 200)
      assert.equal(page.headers['cache-control'], 'no-store')
      assert.match(page.body, /<h1 class="heading-l">Thư ký: Thu gom rác và chiếu sáng hẻm<\/h1>/)
      assert.match(page.body, new RegExp(`action="/admin/doi-thoai/${s.id}/thu-ky/tra-loi/${s.named}"`))
      assert.doesNotMatch(page.body, /xúc phạm cán bộ/, 'a hidden question is not taken up')
      assert.match(page.body, /name="commitment\.dueAt" type="date" value="\d{4}-\d{2}-\d{2}"/)
      assert.deepEqual(untranslated(page.body), [])

      const shortFloor = await secretary.post(`/admin/doi-thoai/${s.id}/thu-ky/cau-hoi`, { 'floor.askerName': 'Ông Năm', 'floor.residentialArea': 'Khu phố 1', 'floor.text': 'Cống?', 'floor.answer': '', 'floor.answeredBy': '' })
      assert.equal(shortFloor.statusCode, 422)
      assert.match(fieldMessage(shortFloor.body, 'f-floor-text'), /từ 10 đến 3000/)
      assert.equal(inputValue(shortFloor.body, 'floor.askerName'), 'Ông Năm')
      const floor = await secretary.post(`/admin/doi-thoai/${s.id}/thu-ky/cau-hoi`, {
        'floor.askerName': 'Ông Năm',
        'floor.residentialArea': 'Khu phố 1',
        'floor.text': 'Cống thoát nước đường số 5 bị tắc, mưa là ngập.',
        'floor.answer': 'Phường cho nạo vét trong tháng này.',
        'floor.answeredBy': 'Chủ tịch UBND phường An',
      })
      assert.equal(floor.statusCode, 303, errorSummary(floor.body))
      const answered = await secretary.post(`/admin/doi-thoai/${s.id}/thu-ky/tra-loi/${s.named}`, { [`a${s.named}.answer`]: 'Từ tuần sau tổ thu gom có thêm chuyến thứ Năm ở khu phố 3.', [`a${s.named}.answeredBy`]: 'Chủ tịch UBND phường An' })
      assert.equal(answered.statusCode, 303, errorSummary(answered.body))

      const badCommitment = await secretary.post(`/admin/doi-thoai/${s.id}/thu-ky/cam-ket`, {
        'commitment.questionId': String(s.named),
        'commitment.responsibleUnitCode': 'WARD-A',
        'commitment.responsible': 'Tổ thu gom',
        'commitment.content': '',
        'commitment.dueAt': '2026-03-01',
      })
      assert.equal(badCommitment.statusCode, 422)
      assert.notEqual(fieldMessage(badCommitment.body, 'f-commitment-content'), '')
      assert.notEqual(fieldMessage(badCommitment.body, 'f-commitment-dueAt'), '')
      assert.match(badCommitment.body, /name="commitment\.dueAt" type="date" value="2026-03-01"/)
      assert.equal(inputValue(badCommitment.body, 'commitment.responsible'), 'Tổ thu gom')
      const commitment = await secretary.post(`/admin/doi-thoai/${s.id}/thu-ky/cam-ket`, {
        'commitment.questionId': String(s.named),
        'commitment.responsibleUnitCode': 'WARD-A',
        'commitment.responsible': 'Tổ thu gom rác phường An',
        'commitment.content': 'Bổ sung chuyến thu gom rác thứ Năm hằng tuần ở khu phố 3.',
        'commitment.dueAt': '2026-04-30',
      })
      assert.equal(commitment.statusCode, 303, errorSummary(commitment.body))

      // Held: the attendance must be a number; the anonymous question left unanswered is tracked.
      const badHeld = await secretary.post(`/admin/doi-thoai/${s.id}/thu-ky/ket-thuc`, { markHeld: 'yes', 'minutes.participants': 'Mặt trận Tổ quốc phường, trưởng khu phố và 80 hộ dân khu phố 3.', 'minutes.attendance': 'tám mươi', 'minutes.summary': '' })
      assert.equal(badHeld.statusCode, 422)
      assert.match(fieldMessage(badHeld.body, 'f-minutes-attendance'), /số nguyên/)
      assert.match(badHeld.body, /80 hộ dân khu phố 3\.<\/textarea>/)
      const held = await secretary.post(`/admin/doi-thoai/${s.id}/thu-ky/ket-thuc`, {
        markHeld: 'yes',
        'minutes.participants': 'Mặt trận Tổ quốc phường, trưởng khu phố và 80 hộ dân khu phố 3.',
        'minutes.attendance': '86',
        'minutes.summary': 'Giao tổ thu gom bổ sung chuyến; phường kiểm tra đèn đường hẻm 27.',
      })
      assert.equal(held.statusCode, 303, errorSummary(held.body))
      assert.equal(held.headers.location, `/admin/doi-thoai/${s.id}`)
      // Until the minutes are published the secretary may complete them.
      const page2 = await secretary.get(`/admin/doi-thoai/${s.id}/thu-ky`)
      assert.match(page2.body, /Thành phần và kết luận/)
      assert.doesNotMatch(page2.body, /name="markHeld"/)
      const completed = await secretary.post(`/admin/doi-thoai/${s.id}/thu-ky/ket-thuc`, {
        'minutes.participants': 'Mặt trận Tổ quốc phường, trưởng khu phố và 80 hộ dân khu phố 3.',
        'minutes.attendance': '86',
        'minutes.summary': 'Giao tổ thu gom bổ sung chuyến; phường kiểm tra đèn đường hẻm 27 trong tuần.',
      })
      assert.equal(completed.statusCode, 303, errorSummary(completed.body))
      assert.match(flashOf((await secretary.get(`/admin/doi-thoai/${s.id}/thu-ky`)).body), /Đã lưu vào biên bản/)

      // The draft minutes are for the organisers; the public gets them once published.
      const draft = await organiser.get(`/doi-thoai/${s.id}/bien-ban`)
      assert.equal(draft.statusCode, 200)
      assert.match(draft.body, /Bản nháp chưa công bố/)
      assert.equal((await t.app.inject({ url: `/doi-thoai/${s.id}/bien-ban` })).statusCode, 404)
      const published = await act(organiser, s.id, 'publish_minutes')
      assert.equal(published.statusCode, 303, errorSummary(published.body))

      const minutes = await t.app.inject({ url: `/doi-thoai/${s.id}/bien-ban` })
      assert.equal(minutes.statusCode, 200)
      assert.match(minutes.body, /<link rel="stylesheet" href="\/assets\/css\/print.css"\/>/)
      assert.match(minutes.body, /<article class="sheet" aria-label="BIÊN BẢN HỘI NGHỊ ĐỐI THOẠI TRỰC TIẾP VỚI NHÂN DÂN">/)
      assert.match(minutes.body, /ỦY BAN NHÂN DÂN PHƯỜNG AN/)
      assert.match(minutes.body, /An, ngày 05 tháng 3 năm 2026/)
      assert.match(minutes.body, /Từ tuần sau tổ thu gom có thêm chuyến thứ Năm ở khu phố 3\./)
      assert.match(minutes.body, /Cống thoát nước đường số 5 bị tắc/)
      assert.match(minutes.body, /Bổ sung chuyến thu gom rác thứ Năm hằng tuần ở khu phố 3\./)
      assert.match(minutes.body, /<td class="sheet-nowrap">30\/04\/2026<\/td>/)
      assert.match(minutes.body, /86 người/)
      assert.match(minutes.body, /Tổng số 3 câu hỏi, kiến nghị: 2 gửi trước hội nghị, 1 nêu tại hội nghị\./)
      for (const hidden of ['0912 345 678', 'an.danh@example.vn', s.texts.abuse, 'Bản nháp']) assert.ok(!minutes.body.includes(hidden), `the minutes show ${hidden}`)
      assert.deepEqual(untranslated(minutes.body), [])

      // The session's page: the answers, the commitment and the follow-ups with their public status.
      const pub = await t.app.inject({ url: `/doi-thoai/${s.id}` })
      assert.match(pub.body, /Xem biên bản buổi đối thoại/)
      assert.match(pub.body, /Trả lời của Chủ tịch UBND phường An/)
      assert.match(pub.body, /Bổ sung chuyến thu gom rác thứ Năm hằng tuần ở khu phố 3\./)
      assert.match(textOf(pub.body), /Tiến độ: Đang xử lý Hạn: 30\/04\/2026\./)
      assert.match(textOf(pub.body), /Câu hỏi chưa được trả lời tại hội nghị và đã được chuyển theo dõi\. Theo dõi: Đang xử lý Hạn: \d{2}\/\d{2}\/2026\./)
      assert.deepEqual(untranslated(pub.body), [])

      // The feedback module tracks both, with the responsible unit and the due date.
      const items = await t.database.db.selectFrom('feedback_items').select(['code', 'title', 'origin', 'origin_ref', 'status', 'due_at']).where('origin_ref', '=', `dialogue:${s.id}`).execute()
      assert.equal(items.length, 2)
      const tracked = items.find((i) => String(i.title).startsWith('Cam kết tại đối thoại'))
      assert.ok(tracked, 'the commitment is a tracked item')
      assert.equal(tracked.origin, 'dialogue')
      const queue = await organiser.get('/admin/phan-anh')
      assert.match(queue.body, new RegExp(`href="/admin/phan-anh/${tracked.code}"`))
      assert.match(textOf(queue.body), /Cam kết tại đối thoại: Bổ sung chuyến thu gom rác thứ Năm hằng tuần ở khu phố 3\./)
      assert.match(queue.body, /23:59 30\/04\/2026/)
    })

    it('counts coverage for a year and a parent unit, and lists sessions by filter', async () => {
      const leader = await staff('lead.town')
      const report = await leader.get('/admin/doi-thoai/bao-phu?unit=TOWN&year=2026')
      assert.equal(report.statusCode, 200)
      assert.match(report.body, /<p class="card-figure">1\/2<\/p>/)
      assert.match(report.body, /1 trên 2 phường, xã đã tổ chức ít nhất một buổi\./)
      assert.match(textOf(report.body), /Phường Bình Chưa tổ chức/)
      assert.match(report.body, /<caption class="table-caption">Đối thoại theo phường, xã – Thị xã Thử Nghiệm, năm 2026<\/caption>/)
      assert.deepEqual(untranslated(report.body), [])
      const badYear = await leader.get('/admin/doi-thoai/bao-phu?unit=TOWN&year=20x6')
      assert.equal(badYear.statusCode, 400)
      assert.match(fieldMessage(badYear.body, 'f-year'), /bốn chữ số/)
      assert.equal((await (await staff('mod.b')).get('/admin/doi-thoai/bao-phu?unit=TOWN&year=2026')).statusCode, 403)

      const past = await leader.get('/admin/doi-thoai?scope=past&unit=WARD-A&year=2026')
      assert.equal(past.statusCode, 200)
      assert.match(past.body, /Thu gom rác và chiếu sáng hẻm/)
      assert.doesNotMatch(past.body, /Trật tự đô thị và lấn chiếm vỉa hè/)
      const badUnit = await leader.get('/admin/doi-thoai?unit=NOWHERE')
      assert.equal(badUnit.statusCode, 400)
      assert.notEqual(fieldMessage(badUnit.body, 'f-unit'), '')
      // A specialist who keeps no session's record sees an empty list, not an error.
      const other = await (await staff('spec.b')).get('/admin/doi-thoai')
      assert.equal(other.statusCode, 200)
      assert.doesNotMatch(other.body, /action="\/admin\/doi-thoai" novalidate/, 'no create form for who organises nothing')

      const list = await t.app.inject({ url: '/doi-thoai' })
      assert.equal(list.statusCode, 200)
      assert.match(list.body, /<link rel="alternate" type="text\/calendar" href="\/doi-thoai\/lich\.ics"/)
      assert.match(list.body, /Thu gom rác và chiếu sáng hẻm/)
      assert.match(list.body, /href="\/doi-thoai\/lich\.ics"/)
      // The calendar links lead to iCalendar files (served by the API's routes).
      const feed = await t.app.inject({ url: '/doi-thoai/lich.ics' })
      assert.equal(feed.statusCode, 200)
      assert.match(String(feed.headers['content-type']), /^text\/calendar/)
      assert.match(feed.body, /Thu gom rác và chiếu sáng hẻm/)
      assert.deepEqual(untranslated(list.body), [])
      // In English too, every word comes from the catalogue.
      const english = resident()
      await english.get('/lang/en?next=%2Fdoi-thoai')
      const listEn = await english.get('/doi-thoai')
      assert.match(listEn.body, /<h1 class="heading-l">Direct dialogues with residents<\/h1>/)
      assert.deepEqual(untranslated(listEn.body), [])
      const sessionId = Number(/href="\/doi-thoai\/(\d+)"/.exec(listEn.body)?.[1])
      const sessionEn = await english.get(`/doi-thoai/${sessionId}`)
      assert.equal(sessionEn.statusCode, 200)
      assert.deepEqual(untranslated(sessionEn.body), [])
      // Both navigations lead here.
      assert.match(list.body, /<a class="nav-link" href="\/doi-thoai" aria-current="page">Đối thoại<\/a>/)
      assert.match((await leader.get('/desk')).body, /href="\/admin\/doi-thoai"/)
    })

    it('cancels a session only with a reason, which the public page shows', async () => {
      const id = await planSession({ topic: 'Buổi đối thoại sẽ hủy' })
      const organiser = await staff('mod.a')
      const noReason = await act(organiser, id, 'cancel', { reason: '' })
      assert.equal(noReason.statusCode, 422)
      assert.match(fieldMessage(noReason.body, 'f-reason'), /lý do/)
      assert.match(noReason.body, /<details class="inset" id="action-cancel" open>/)
      assert.equal((await act(organiser, id, 'cancel', { reason: 'Trùng lịch họp Hội đồng nhân dân.' })).statusCode, 303)
      const pub = await t.app.inject({ url: `/doi-thoai/${id}` })
      assert.match(pub.body, /Buổi đối thoại đã bị hủy/)
      assert.match(pub.body, /Trùng lịch họp Hội đồng nhân dân\./)
      const nonsense = await act(organiser, id, 'explode')
      assert.equal(nonsense.statusCode, 422)
      assert.match(errorSummary(nonsense.body), /Thao tác không hợp lệ/)
    })
  })
}
