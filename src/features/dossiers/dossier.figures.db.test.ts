import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { Browser } from '../../../test/support/browser.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestProcedures, TEST_DOCUMENTS } from '../../../test/support/desk.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { parseCsv, readXlsx } from '../../../test/support/spreadsheets.ts'

const DOCS = [TEST_DOCUMENTS.form, TEST_DOCUMENTS.residence]

/** The cells of each row of a page's first table, as text. */
function tableRows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? ''
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()))
}

for (const dialect of testDialects) {
  describe(`on-time figures on ${dialect.name}`, () => {
    let t: TestApp
    let deskA: string
    let deskB: string
    let townLeader: string
    before(async () => {
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      await createTestProcedures(deps)
      deskA = (await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])).token
      deskB = (await createTestStaff(deps, 'desk.b', 'WARD-B', ['desk_officer'])).token
      townLeader = (await createTestStaff(deps, 'lead.town', 'TOWN', ['leader'])).token

      const receive = async (token: string, unitCode: string, procedureCode: string) =>
        (await t.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${token}` }, payload: { procedureCode, unitCode, applicant: { fullName: 'Phạm Văn Dũng' }, documents: DOCS } })).json()
      const act = (token: string, code: string, body: object) =>
        t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${code}/actions`, headers: { authorization: `Bearer ${token}` }, payload: body })
      const finish = async (token: string, code: string, readyAt: string) => {
        t.clock.set(readyAt)
        await act(token, code, { action: 'result_ready' })
        await act(token, code, { action: 'return', method: 'counter' })
        t.clock.set('2026-03-02T02:00:00Z')
      }
      // Hand-computed fixture, all received Monday 2 March 09:00 (3-day limit → due Thu 5 March 17:00;
      // same-day limit → due Mon 2 March 17:00):
      // Ward A: a1 early (ready Wed), a2 on time (ready Thu 16:00), a3 late (ready Fri), a4 open, a5 refused,
      //         a6 same-day open → overdue once the clock passes Monday 17:00.
      // Ward B: b1 on time (ready Thu 10:00), b2 open.
      const a = [] as { code: string }[]
      for (let i = 0; i < 5; i++) a.push(await receive(deskA, 'WARD-A', '9.000003'))
      a.push(await receive(deskA, 'WARD-A', '9.000000'))
      await finish(deskA, a[0]!.code, '2026-03-04T03:00:00Z')
      await finish(deskA, a[1]!.code, '2026-03-05T09:00:00Z')
      await finish(deskA, a[2]!.code, '2026-03-06T03:00:00Z')
      await act(deskA, a[4]!.code, { action: 'refuse', reason: 'Không thuộc thẩm quyền' })
      const b1 = await receive(deskB, 'WARD-B', '9.000003')
      await receive(deskB, 'WARD-B', '9.000003')
      await finish(deskB, b1.code, '2026-03-05T03:00:00Z')
      t.clock.set('2026-03-10T02:00:00Z')
    })
    after(() => t.close())

    const figures = async (token: string, query: string) => t.app.inject({ url: `/api/v1/dossiers/figures?${query}`, headers: { authorization: `Bearer ${token}` } })

    it('counts per unit for the town leader, matching the hand-computed fixture', async () => {
      const res = await figures(townLeader, 'from=2026-03-01&to=2026-03-31&by=unit')
      assert.equal(res.statusCode, 200, res.body)
      const body = res.json()
      const wardA = body.rows.find((r: { key: string }) => r.key === 'WARD-A')
      const wardB = body.rows.find((r: { key: string }) => r.key === 'WARD-B')
      assert.deepEqual(
        { ...wardA, onTimeRate: Math.round(wardA.onTimeRate * 1000) / 1000 },
        { key: 'WARD-A', label: 'Phường An', received: 6, returned: 3, early: 1, onTime: 1, late: 1, refused: 1, stopped: 0, open: 2, overdue: 2, onTimeRate: 0.667 },
      )
      assert.deepEqual(wardB, { key: 'WARD-B', label: 'Phường Bình', received: 2, returned: 1, early: 0, onTime: 1, late: 0, refused: 0, stopped: 0, open: 1, overdue: 1, onTimeRate: 1 })
      assert.equal(body.total.received, 8)
      assert.equal(body.total.returned, 4)
    })

    it('groups by procedure and by official', async () => {
      const byProcedure = (await figures(townLeader, 'from=2026-03-01&to=2026-03-31&by=procedure')).json()
      assert.deepEqual(byProcedure.rows.map((r: { key: string; received: number }) => [r.key, r.received]), [['9.000000', 1], ['9.000003', 7]])
      const byOfficial = (await figures(townLeader, 'from=2026-03-01&to=2026-03-31&by=official')).json()
      assert.deepEqual(byOfficial.rows.map((r: { key: string; received: number }) => [r.key, r.received]), [['desk.a', 6], ['desk.b', 2]])
    })

    it('scopes a ward desk to its own ward, and a period outside gives zeros', async () => {
      const own = (await figures(deskB, 'by=unit&from=2026-03-01&to=2026-03-31')).json()
      assert.deepEqual(own.rows.map((r: { key: string }) => r.key), ['WARD-B'])
      assert.equal((await figures(deskB, 'unit=WARD-A')).statusCode, 403)
      const empty = (await figures(townLeader, 'from=2026-04-01&to=2026-04-30')).json()
      assert.equal(empty.total.received, 0)
      assert.equal(empty.total.onTimeRate, null)
      assert.equal((await figures(townLeader, 'from=2026-31-01')).statusCode, 400)
      assert.equal((await figures(townLeader, 'from=2026-03-10&to=2026-03-01')).statusCode, 400)
    })

    it('exports the figures table as CSV and XLSX holding the numbers the page and the API show', async () => {
      const MARCH = 'from=2026-03-01&to=2026-03-31'
      const leader = await new Browser(t).signIn('lead.town')
      const page = await leader.get(`/mot-cua/so-lieu?${MARCH}&by=unit`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /href="\/mot-cua\/so-lieu\.csv\?from=2026-03-01&(amp;)?to=2026-03-31&(amp;)?by=unit"/)
      assert.match(page.body, /href="\/mot-cua\/so-lieu\.xlsx\?from=2026-03-01&(amp;)?to=2026-03-31&(amp;)?by=unit"/)

      const answer = await leader.get(`/mot-cua/so-lieu.csv?${MARCH}&by=unit`)
      assert.equal(answer.statusCode, 200)
      assert.equal(answer.headers['cache-control'], 'no-store')
      assert.match(String(answer.headers['content-disposition']), /filename="so-lieu-unit-2026-03-01-2026-03-31\.csv"/)
      const csv = parseCsv(answer.body)
      assert.deepEqual(csv[0], ['Đơn vị', 'Tiếp nhận', 'Đã trả', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Từ chối', 'Dừng', 'Đang giải quyết', 'Đang quá hạn', 'Tỷ lệ đúng hạn'])
      assert.deepEqual(csv.slice(1), [
        ['Phường An', '6', '3', '1', '1', '1', '1', '0', '2', '2', '66.7'],
        ['Phường Bình', '2', '1', '0', '1', '0', '0', '0', '1', '1', '100'],
        ['Tổng cộng', '8', '4', '1', '2', '1', '1', '0', '3', '3', '75'],
      ])
      // The page shows the same lines, the share written the Vietnamese way.
      assert.deepEqual(
        tableRows(page.body),
        csv.slice(1).map((r) => [...r.slice(0, 10), `${r[10]!.replace('.', ',')}%`]),
      )

      // By procedure as XLSX: numbers as numbers and the share as a fraction, as the API gives them.
      const api = (await figures(townLeader, `${MARCH}&by=procedure`)).json()
      const sheet = await readXlsx((await leader.get(`/mot-cua/so-lieu.xlsx?${MARCH}&by=procedure`)).rawPayload)
      assert.equal(sheet[0]![0], 'Thủ tục')
      const numbers = (r: { label: string; received: number; returned: number; early: number; onTime: number; late: number; refused: number; stopped: number; open: number; overdue: number; onTimeRate: number | null }) =>
        // A row read back ends at its last filled cell: no share when nothing was returned.
        [r.label, r.received, r.returned, r.early, r.onTime, r.late, r.refused, r.stopped, r.open, r.overdue, ...(r.onTimeRate === null ? [] : [r.onTimeRate])]
      assert.deepEqual(sheet.slice(1), [...api.rows.map(numbers), numbers({ ...api.total, label: 'Tổng cộng' })])

      // A ward's desk gets its ward alone, and another ward's figures are refused as on the page.
      const wardB = await new Browser(t).signIn('desk.b')
      assert.deepEqual(parseCsv((await wardB.get(`/mot-cua/so-lieu.csv?${MARCH}`)).body).slice(1).map((r) => r[0]), ['Phường Bình', 'Tổng cộng'])
      assert.equal((await wardB.get(`/mot-cua/so-lieu.csv?${MARCH}&unit=WARD-A`)).statusCode, 403)
      assert.equal((await wardB.get(`/mot-cua/so-lieu?${MARCH}&unit=WARD-A`)).statusCode, 403)
    })

    it('answers a figures export with a bad period or grouping with 400 and its reason, and sends anonymous visitors to sign in', async () => {
      const leader = await new Browser(t).signIn('lead.town')
      for (const format of ['csv', 'xlsx']) {
        const badGroup = await leader.get(`/mot-cua/so-lieu.${format}?by=street`)
        assert.equal(badGroup.statusCode, 400)
        assert.match(badGroup.body, /Nhóm theo: đơn vị/)
        const badDay = await leader.get(`/mot-cua/so-lieu.${format}?from=2026-31-01`)
        assert.equal(badDay.statusCode, 400)
        assert.match(badDay.body, /Ngày có dạng 2026-05-04/)
        assert.equal((await leader.get(`/mot-cua/so-lieu.${format}?from=2026-03-10&to=2026-03-01`)).statusCode, 400)
        const anonymous = await t.app.inject(`/mot-cua/so-lieu.${format}?by=unit`)
        assert.equal(anonymous.statusCode, 303)
        assert.equal(anonymous.headers.location, `/sign-in?next=${encodeURIComponent(`/mot-cua/so-lieu.${format}?by=unit`)}`)
      }
    })
  })
}

for (const dialect of testDialects) {
  describe(`on-time figures page on ${dialect.name}`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      const deps = { db: t.database.db, clock: t.clock }
      await createUnitTree(deps)
      await createTestProcedures(deps)
      const desk = (await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])).token
      await t.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${desk}` }, payload: { procedureCode: '9.000003', unitCode: 'WARD-A', applicant: { fullName: 'Phạm Văn Dũng' }, documents: DOCS } })
    })
    after(() => t.close())

    it('sends anonymous visitors to sign in', async () => {
      const res = await t.app.inject('/mot-cua/so-lieu')
      assert.equal(res.statusCode, 303)
      assert.match(String(res.headers.location), /^\/sign-in/)
    })

    it('shows a desk officer the table, the totals and a chart with its data table', async () => {
      const browser = await new Browser(t).signIn('desk.a')
      const res = await browser.get('/mot-cua/so-lieu?from=2026-03-01&to=2026-03-31')
      assert.equal(res.statusCode, 200)
      assert.match(res.body, /Số liệu giải quyết hồ sơ/)
      assert.match(res.body, /Phường An/)
      assert.match(res.body, /Tổng cộng/)
      assert.match(res.body, /<svg/)
      assert.doesNotMatch(res.body, /style="/)
    })
  })
}
