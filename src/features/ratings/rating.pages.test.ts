/**
 * The satisfaction pages through app.inject, on SQLite and, when TEST_DATABASE_URL is set, on
 * PostgreSQL: the applicant's evaluation through the form (from the lookup result, the thank-you
 * page with the total of 18, once only, 422 keeping the answers, the neutral 404), the leaders'
 * summary with its charts, the corrective-action cases (an official sees their own case only, the
 * leader records the action through the form) and the rules page (only the home unit's admin edits).
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestProcedures, TEST_DOCUMENTS } from '../../../test/support/desk.ts'
import { createTestStaff, createUnitTree, TEST_PASSWORD } from '../../../test/support/factories.ts'
import { createI18n, mergeCatalogues } from '../../platform/i18n/i18n.ts'
import { evaluateCorrectiveRules } from './corrective.service.ts'
import { messages } from './index.ts'
import type { SummaryRow } from './rating.service.ts'
import { isBelowThreshold, LOW_SATISFACTION_INDEX, LOW_SATISFACTION_MIN_RATINGS } from './views/summary.tsx'

/** A minimal browser: keeps cookies between requests and reads the CSRF token of the last form. */
class Browser {
  readonly cookies = new Map<string, string>()
  csrf = ''

  constructor(
    readonly t: TestApp,
    readonly remoteAddress = '127.0.0.1',
  ) {}

  /** Stores the cookies a response sets, forgetting the ones it clears. */
  private keep(res: LightMyRequestResponse): void {
    for (const cookie of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const isCleared = cookie.value === '' || cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now())
      if (isCleared) this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, cookie.value)
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1]
    if (token) this.csrf = token
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
  }

  /** GETs a page. */
  async get(url: string): Promise<LightMyRequestResponse> {
    const res = await this.t.app.inject({ method: 'GET', url, headers: this.cookieHeader(), remoteAddress: this.remoteAddress })
    this.keep(res)
    return res
  }

  /** POSTs a form with the CSRF token of the last page. */
  async post(url: string, fields: Record<string, string | readonly string[]>): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams()
    body.append('_csrf', this.csrf)
    for (const [name, value] of Object.entries(fields)) for (const v of typeof value === 'string' ? [value] : value) body.append(name, v)
    const res = await this.t.app.inject({
      method: 'POST',
      url,
      headers: { ...this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
      remoteAddress: this.remoteAddress,
    })
    this.keep(res)
    return res
  }

  /** Signs in through the form. */
  async signIn(username: string): Promise<this> {
    await this.get('/sign-in')
    const res = await this.post('/sign-in', { username, password: TEST_PASSWORD })
    assert.equal(res.statusCode, 303, `signing in as ${username}`)
    return this
  }
}

/** The text of some HTML with tags removed and spaces collapsed. */
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

/** Every asked indicator answered "good", and the overall answer. */
const ALL_GOOD = {
  'scores.desk_service': '2',
  'scores.procedure_publication': '2',
  'scores.official_attitude': '2',
  'scores.feedback_handling': '2',
  'scores.online_quality': '2',
  overall: 'satisfied',
}

describe('the summary’s threshold', () => {
  const row = (satisfactionIndex: number | null, evaluations: number, kioskRatings: number): SummaryRow => ({
    key: 'desk.a',
    label: 'Cán bộ desk.a',
    unitCode: 'WARD-A',
    evaluations,
    averageScore: null,
    verySatisfied: 0,
    satisfied: 0,
    notSatisfied: 0,
    kioskRatings,
    satisfactionIndex,
    lateDossiers: 0,
  })

  it('marks an official below the index once evaluations and desk ratings together reach the minimum', () => {
    const below = LOW_SATISFACTION_INDEX - 0.01
    assert.equal(isBelowThreshold(row(below, 2, LOW_SATISFACTION_MIN_RATINGS - 2)), true)
    assert.equal(isBelowThreshold(row(below, 2, LOW_SATISFACTION_MIN_RATINGS - 3)), false, 'too few ratings to mean something')
    assert.equal(isBelowThreshold(row(LOW_SATISFACTION_INDEX, 10, 0)), false, 'at the threshold is not below it')
    assert.equal(isBelowThreshold(row(null, 0, 0)), false)
  })
})

for (const dialect of testDialects) {
  describe(`satisfaction pages on ${dialect.name}`, () => {
    let t: TestApp
    let deskA: Browser
    let colleagueA: Browser
    let leaderA: Browser
    let wardAdmin: Browser
    let homeAdmin: Browser
    let leaderToken: string
    /** Three dossiers of desk.a returned late, and one still open. */
    const late: { code: string; pin: string }[] = []
    let open: { code: string; pin: string }

    before(async () => {
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      await createTestProcedures(deps)
      const deskToken = (await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])).token
      await createTestStaff(deps, 'desk.a2', 'WARD-A', ['desk_officer'])
      leaderToken = (await createTestStaff(deps, 'lead.a', 'WARD-A', ['leader'])).token
      await createTestStaff(deps, 'admin.a', 'WARD-A', ['admin'])
      await createTestStaff(deps, 'admin.town', 'TOWN', ['admin'])
      const auth = { authorization: `Bearer ${deskToken}` }
      const receive = async () => {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: auth, payload: { procedureCode: '9.000003', unitCode: 'WARD-A', applicant: { fullName: 'Vũ Văn Khánh' }, documents: [TEST_DOCUMENTS.form, TEST_DOCUMENTS.residence] } })
        assert.equal(res.statusCode, 201, res.body)
        return res.json() as { code: string; pin: string }
      }
      // Three dossiers due on Thursday 5 March, returned on Tuesday 10 March: late.
      for (let i = 0; i < 3; i++) {
        const d = await receive()
        t.clock.set('2026-03-10T03:00:00Z')
        for (const payload of [{ action: 'result_ready' }, { action: 'return', method: 'counter' }]) {
          const res = await t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.code}/actions`, headers: auth, payload })
          assert.equal(res.statusCode, 200, res.body)
        }
        t.clock.set('2026-03-02T02:00:00Z')
        late.push({ code: d.code, pin: d.pin })
      }
      open = await receive()
      t.clock.set('2026-03-20T02:00:00Z')
      deskA = await new Browser(t).signIn('desk.a')
      colleagueA = await new Browser(t).signIn('desk.a2')
      leaderA = await new Browser(t).signIn('lead.a')
      wardAdmin = await new Browser(t).signIn('admin.a')
      homeAdmin = await new Browser(t).signIn('admin.town')
    })
    after(() => t.close())

    describe('the applicant’s evaluation', () => {
      it('offers the evaluation on the lookup result of a returned dossier, and opens the form with code and PIN posted', async () => {
        const resident = new Browser(t, '10.0.0.1')
        await resident.get('/tra-cuu')
        const result = await resident.post('/tra-cuu', { code: late[0]!.code, pin: late[0]!.pin })
        assert.equal(result.statusCode, 200, result.body)
        assert.match(result.body, /<form class="inline-form" method="post" action="\/tra-cuu\/danh-gia\/bat-dau">/)
        const form = await resident.post('/tra-cuu/danh-gia/bat-dau', { code: late[0]!.code, pin: late[0]!.pin })
        assert.equal(form.statusCode, 200)
        assert.equal(form.headers['cache-control'], 'no-store')
        assert.ok(form.body.includes(`name="code" type="text" value="${late[0]!.code}"`), 'the code is filled in')
        assert.ok(form.body.includes(`value="${late[0]!.pin}"`), 'the PIN is filled in')
        // The four computed indicators are explained, never asked.
        assert.match(form.body, /Tiêu chí tính từ hồ sơ/)
        assert.match(form.body, /Trả kết quả trước hạn: 2 điểm; đúng hạn: 1 điểm; trễ hạn: 0 điểm\./)
        assert.doesNotMatch(form.body, /name="scores\.total_time"/)
        for (const asked of ['desk_service', 'procedure_publication', 'official_attitude', 'feedback_handling', 'online_quality']) {
          assert.match(form.body, new RegExp(`name="scores\\.${asked}" type="radio" value="2"`), asked)
        }
        assert.match(form.body, /<legend class="legend"><span>Thái độ của công chức<\/span>/)
        // An open dossier's lookup offers no evaluation.
        const pending = await resident.post('/tra-cuu', { code: open.code, pin: open.pin })
        assert.doesNotMatch(pending.body, /tra-cuu\/danh-gia/)
      })

      it('opens the form from a link with the code only, asking for the PIN', async () => {
        const res = await t.app.inject({ url: `/tra-cuu/danh-gia?code=${encodeURIComponent(late[0]!.code)}` })
        assert.equal(res.statusCode, 200)
        assert.ok(res.body.includes(`name="code" type="text" value="${late[0]!.code}"`))
        assert.match(res.body, /name="pin" type="text" value=""/)
        assert.match(res.body, /name="source" value="lookup"/)
        const fromQr = await t.app.inject({ url: `/tra-cuu/danh-gia?code=${encodeURIComponent(late[0]!.code)}&nguon=qr` })
        assert.match(fromQr.body, /name="source" value="qr"/)
      })

      it('records the evaluation through the form and thanks with the nine scores and the total of 18', async () => {
        const resident = new Browser(t, '10.0.0.2')
        await resident.get(`/tra-cuu/danh-gia?code=${encodeURIComponent(late[0]!.code)}`)
        const res = await resident.post('/tra-cuu/danh-gia', { code: late[0]!.code, pin: late[0]!.pin, source: 'lookup', ...ALL_GOOD, comment: 'Cán bộ nhiệt tình' })
        assert.equal(res.statusCode, 200, errorSummary(res.body))
        const text = textOf(res.body)
        // Late: total time 0, time per agency 0, no return visit 2, one agency 2; asked 5 × 2 = 10.
        assert.match(text, /Tổng điểm: 14\/18, xếp loại Đạt/)
        assert.match(text, /Tổng thời gian giải quyết so với quy định Tính từ hồ sơ 0/)
        assert.match(text, /Thái độ của công chức Ông\/Bà chấm 2/)
        assert.match(text, /Tổng cộng \(tối đa 18\) 14/)
        assert.match(text, /Mức độ hài lòng chung: Hài lòng/)
        const summary = (await t.app.inject({ url: '/api/v1/ratings/summary?unit=WARD-A&from=2026-03-01&to=2026-03-31', headers: { authorization: `Bearer ${leaderToken}` } })).json()
        assert.equal(summary.total.evaluations, 1)
      })

      it('refuses a second evaluation of the same dossier with a clear message', async () => {
        const resident = new Browser(t, '10.0.0.3')
        await resident.get('/tra-cuu/danh-gia')
        const res = await resident.post('/tra-cuu/danh-gia', { code: late[0]!.code, pin: late[0]!.pin, ...ALL_GOOD })
        assert.equal(res.statusCode, 409)
        assert.match(textOf(res.body), /Hồ sơ này đã được đánh giá\. Mỗi hồ sơ chỉ đánh giá một lần\./)
        assert.ok(res.body.includes(`href="/tra-cuu?code=${encodeURIComponent(late[0]!.code)}"`), 'the way back carries the code only')
        assert.ok(!res.body.includes(late[0]!.pin), 'the PIN is not repeated')
      })

      it('refuses a dossier still being handled with 409', async () => {
        const resident = new Browser(t, '10.0.0.4')
        await resident.get('/tra-cuu/danh-gia')
        const res = await resident.post('/tra-cuu/danh-gia', { code: open.code, pin: open.pin, ...ALL_GOOD })
        assert.equal(res.statusCode, 409)
        assert.match(textOf(res.body), /Chỉ đánh giá được khi hồ sơ đã trả kết quả/)
      })

      it('says beside the fields what is missing with 422, keeping every answer given', async () => {
        const resident = new Browser(t, '10.0.0.5')
        await resident.get('/tra-cuu/danh-gia')
        const { 'scores.official_attitude': _left, ...partial } = ALL_GOOD
        const res = await resident.post('/tra-cuu/danh-gia', { code: late[1]!.code, pin: late[1]!.pin, ...partial, 'scores.desk_service': '1', comment: 'Phải chờ lâu' })
        assert.equal(res.statusCode, 422)
        assert.match(res.body, /<title>Lỗi: /)
        assert.match(res.body, /id="f-scores-official_attitude-error"/)
        assert.match(errorSummary(res.body), /Thái độ của công chức: Chọn mức điểm 0, 1 hoặc 2\./)
        assert.match(res.body, /href="#f-scores-official_attitude"/)
        assert.match(res.body, /name="scores\.desk_service" type="radio" value="1" checked/)
        assert.match(res.body, /name="overall" type="radio" value="satisfied" checked/)
        assert.match(res.body, />Phải chờ lâu<\/textarea>/)
        assert.ok(res.body.includes(`value="${late[1]!.pin}"`), 'the PIN typed is kept')
        // Nothing was recorded: the same dossier can still be evaluated.
        const retry = await resident.post('/tra-cuu/danh-gia', { code: late[1]!.code, pin: late[1]!.pin, ...ALL_GOOD, overall: 'not_satisfied' })
        assert.equal(retry.statusCode, 200, errorSummary(retry.body))
      })

      it('asks for the code and PIN beside their fields, with the answers still missing', async () => {
        const resident = new Browser(t, '10.0.0.6')
        await resident.get('/tra-cuu/danh-gia')
        const res = await resident.post('/tra-cuu/danh-gia', { code: '', pin: '' })
        assert.equal(res.statusCode, 422)
        for (const field of ['code', 'pin', 'scores-desk_service', 'overall']) assert.match(res.body, new RegExp(`id="f-${field}-error"`), field)
      })

      it('gives the same neutral 404 for a wrong PIN, keeping the answers', async () => {
        const resident = new Browser(t, '10.0.0.7')
        await resident.get('/tra-cuu/danh-gia')
        const wrong = late[2]!.pin === '000000' ? '000001' : '000000'
        const res = await resident.post('/tra-cuu/danh-gia', { code: late[2]!.code, pin: wrong, ...ALL_GOOD })
        assert.equal(res.statusCode, 404)
        assert.match(errorSummary(res.body), /Không tìm thấy hồ sơ với mã và mã PIN này/)
        assert.match(res.body, /name="scores\.online_quality" type="radio" value="2" checked/)
      })
    })

    describe('the leaders’ summary', () => {
      it('shows a leader the period’s table per unit and official, with both charts as SVG', async () => {
        const res = await leaderA.get('/danh-gia?from=2026-03-01&to=2026-03-31')
        assert.equal(res.statusCode, 200, errorSummary(res.body))
        assert.ok((res.body.match(/<svg/g) ?? []).length >= 2, 'two charts')
        assert.match(res.body, /Chỉ số hài lòng theo đơn vị/)
        assert.match(res.body, /Xem số liệu của biểu đồ/)
        const text = textOf(res.body)
        assert.match(text, /Phường An 2 /)
        assert.match(text, /Cán bộ desk\.a Phường An 2 /)
        assert.match(text, /Kỳ từ 01\/03\/2026 đến 31\/03\/2026/)
        assert.match(res.body, /name="from" type="date" value="2026-03-01"/)
      })

      it('defaults to this month, and says beside the field when a date cannot be read', async () => {
        const res = await leaderA.get('/danh-gia')
        assert.equal(res.statusCode, 200)
        assert.match(res.body, /name="from" type="date" value="2026-03-01"/)
        assert.match(res.body, /name="to" type="date" value="2026-03-20"/)
        const bad = await leaderA.get('/danh-gia?from=2026-13-45')
        assert.equal(bad.statusCode, 422)
        assert.match(bad.body, /id="f-from-error"/)
      })

      it('gives a desk officer the 403 page and sends a visitor to sign in', async () => {
        assert.equal((await deskA.get('/danh-gia')).statusCode, 403)
        const anonymous = await t.app.inject({ url: '/danh-gia' })
        assert.equal(anonymous.statusCode, 303)
        assert.equal(anonymous.headers.location, '/sign-in?next=%2Fdanh-gia')
      })
    })

    describe('corrective-action cases', () => {
      let caseId: number

      before(async () => {
        const deps = { db: t.database.db, clock: t.clock, i18n: createI18n(mergeCatalogues([messages])), baseUrl: 'http://localhost:3000' }
        const [run] = await evaluateCorrectiveRules(deps, { month: '2026-03' })
        assert.equal(run?.opened, 1)
        const list = await leaderA.get('/danh-gia/chan-chinh')
        const id = /href="\/danh-gia\/chan-chinh\/(\d+)"/.exec(list.body)?.[1]
        assert.ok(id, 'the leader’s list links the case')
        caseId = Number(id)
      })

      it('shows the official their own case, with the evidence linked, and no form to decide it', async () => {
        const list = await deskA.get('/danh-gia/chan-chinh')
        assert.equal(list.statusCode, 200)
        assert.match(list.body, new RegExp(`href="/danh-gia/chan-chinh/${caseId}"`))
        assert.match(textOf(list.body), /Nhiều hồ sơ trễ hẹn/)
        const page = await deskA.get(`/danh-gia/chan-chinh/${caseId}`)
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /Đây là vụ việc về Ông\/Bà/)
        for (const d of late) assert.ok(page.body.includes(`href="/mot-cua/ho-so/${encodeURIComponent(d.code)}"`), d.code)
        assert.match(textOf(page.body), /Hồ sơ trễ hạn: 3/)
        assert.match(textOf(page.body), /Hệ thống mở vụ việc\./)
        assert.doesNotMatch(page.body, /name="action"/)
        assert.equal((await deskA.post(`/danh-gia/chan-chinh/${caseId}`, { action: 'reminder', followUpOn: '2026-04-20' })).statusCode, 403)
      })

      it('hides the case from a colleague: an empty list and the same 404 as an unknown case', async () => {
        const list = await colleagueA.get('/danh-gia/chan-chinh')
        assert.equal(list.statusCode, 200)
        assert.match(list.body, /Không có vụ việc nào\./)
        assert.equal((await colleagueA.get(`/danh-gia/chan-chinh/${caseId}`)).statusCode, 404)
        assert.equal((await colleagueA.get('/danh-gia/chan-chinh/999999')).statusCode, 404)
        assert.equal((await colleagueA.get('/danh-gia/chan-chinh/abc')).statusCode, 404)
      })

      it('lets the leader record the action through the form: 422 beside the fields, then saved with a flash', async () => {
        const page = await leaderA.get(`/danh-gia/chan-chinh/${caseId}`)
        assert.match(page.body, /name="action" type="radio" value="reminder"/)
        const noReason = await leaderA.post(`/danh-gia/chan-chinh/${caseId}`, { action: 'no_action', note: '', followUpOn: '2026-01-01' })
        assert.equal(noReason.statusCode, 422)
        assert.match(noReason.body, /id="f-note-error"/)
        assert.match(noReason.body, /id="f-followUpOn-error"/)
        assert.match(noReason.body, /name="action" type="radio" value="no_action" checked/)
        const saved = await leaderA.post(`/danh-gia/chan-chinh/${caseId}`, { action: 'reminder', note: 'Đã nhắc nhở trong cuộc họp giao ban', followUpOn: '2026-04-20' })
        assert.equal(saved.statusCode, 303, errorSummary(saved.body))
        assert.equal(saved.headers.location, `/danh-gia/chan-chinh/${caseId}`)
        const after = await leaderA.get(`/danh-gia/chan-chinh/${caseId}`)
        const text = textOf(after.body)
        assert.match(text, new RegExp(`Đã ghi nhận biện pháp cho vụ việc số ${caseId}\\.`))
        assert.match(text, /Đã xử lý, chờ theo dõi/)
        assert.match(text, /Theo dõi đến ngày 20\/04\/2026/)
        assert.match(text, /lead\.a ghi nhận biện pháp: Nhắc nhở; theo dõi đến 20\/04\/2026\./)
        const filtered = await leaderA.get('/danh-gia/chan-chinh?status=closed')
        assert.match(filtered.body, /Không có vụ việc nào\./)
      })
    })

    describe('the rules page', () => {
      it('shows a ward admin the rules read-only and refuses their change with 403', async () => {
        const page = await wardAdmin.get('/admin/danh-gia/quy-tac')
        assert.equal(page.statusCode, 200)
        assert.doesNotMatch(page.body, /action="\/admin\/danh-gia\/quy-tac"/)
        assert.match(textOf(page.body), /Từ 3 hồ sơ trễ hạn trong tháng/)
        const res = await wardAdmin.post('/admin/danh-gia/quy-tac', { 'lateDossiers.isEnabled': 'on', 'lateDossiers.minLate': '5', 'notSatisfied.minRatings': '5', 'notSatisfied.minShare': '30', 'upheldLetters.minLetters': '1' })
        assert.equal(res.statusCode, 403)
      })

      it('lets the home unit’s admin change the rules: 422 beside the fields, then saved', async () => {
        const page = await homeAdmin.get('/admin/danh-gia/quy-tac')
        assert.match(page.body, /name="notSatisfied.minShare" type="text" value="30"/)
        assert.match(page.body, /name="lateDossiers.isEnabled" type="checkbox" value="on" checked/)
        const bad = await homeAdmin.post('/admin/danh-gia/quy-tac', { 'notSatisfied.isEnabled': 'on', 'notSatisfied.minRatings': '0', 'notSatisfied.minShare': '150', 'lateDossiers.minLate': '5', 'upheldLetters.isEnabled': 'on', 'upheldLetters.minLetters': '1' })
        assert.equal(bad.statusCode, 422)
        assert.match(bad.body, /id="f-notSatisfied-minRatings-error"/)
        assert.match(errorSummary(bad.body), /Nhập phần trăm lớn hơn 0 và không quá 100\./)
        assert.match(bad.body, /name="notSatisfied.minShare" type="text" value="150"/)
        const saved = await homeAdmin.post('/admin/danh-gia/quy-tac', { 'notSatisfied.isEnabled': 'on', 'notSatisfied.minRatings': '8', 'notSatisfied.minShare': '25,5', 'lateDossiers.minLate': '5', 'upheldLetters.isEnabled': 'on', 'upheldLetters.minLetters': '2' })
        assert.equal(saved.statusCode, 303, errorSummary(saved.body))
        const rules = (await t.app.inject('/api/v1/ratings/rules')).json()
        assert.deepEqual(rules, {
          notSatisfied: { isEnabled: true, minRatings: 8, minShare: 0.255 },
          lateDossiers: { isEnabled: false, minLate: 5 },
          upheldLetters: { isEnabled: true, minLetters: 2 },
        })
        assert.match((await homeAdmin.get('/admin/danh-gia/quy-tac')).body, /name="notSatisfied.minShare" type="text" value="25,5"/)
      })
    })

    it('shows the pages in English once English is chosen', async () => {
      await leaderA.get('/lang/en')
      const summary = await leaderA.get('/danh-gia?from=2026-03-01&to=2026-03-31')
      assert.match(summary.body, /Satisfaction index per unit/)
      const form = await leaderA.get('/tra-cuu/danh-gia')
      assert.match(form.body, /Indicators computed from your dossier/)
      await leaderA.get('/lang/vi')
    })
  })
}
