/**
 * The dashboard against a real database (SQLite, and PostgreSQL when configured): a month of a
 * town's desk and feedback, played through the real use cases, checked figure by figure against a
 * hand-computed fixture; the daily figures the hooks keep equal to a rebuild from the base tables;
 * the report; the lists behind the figures; CSV and XLSX exports read back; the pages and API with
 * their scoping; the public statistics; and, on PostgreSQL, increments from two pools at once.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { openDatabase } from '../../db/database.ts'
import type { Database } from '../../db/schema.ts'
import { createFolderStore } from '../../platform/files/files.ts'
import { createCalendarService } from '../calendar/index.ts'
import { applyAction, createTrackedItem, rateAnswer, reopenItem, submitFeedback } from '../feedback/feedback.service.ts'
import type { FeedbackDeps, SubmitInput } from '../feedback/feedback.service.ts'
import { getUnitByCode, loadPrincipal } from '../units/index.ts'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { Browser } from '../../../test/support/browser.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestProcedures, TEST_DOCUMENTS } from '../../../test/support/desk.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { parseCsv, readXlsx } from '../../../test/support/spreadsheets.ts'
import { createClosedMonthCache } from './dashboard.months.ts'
import { dossierMonthRows, dossierRowsOfMonth, feedbackMonthRows, feedbackRowsOfMonth } from './dashboard.repository.ts'
import { getDashboard } from './dashboard.service.ts'
import { countDossierEvent, rebuildStats } from './dashboard.stats.ts'
import type { MonthlyStatsTables } from './dashboard.table.ts'
import { dayEnd, dayStart } from './dashboard.ts'

const DOCS = [TEST_DOCUMENTS.form, TEST_DOCUMENTS.residence]
const MARCH = 'from=2026-03-01&to=2026-03-31'

/**
 * Both daily tables, sorted, with numbers as numbers (pg gives bigint sums as text), without rows
 * that add up to nothing (a reopened answer taken back leaves one; a rebuild writes none).
 */
async function statsOf(db: Kysely<Database>): Promise<{ dossiers: unknown[]; feedback: unknown[] }> {
  const dossiers = await db.selectFrom('dossier_daily_stats').selectAll().orderBy('unit_id').orderBy('procedure_id').orderBy('day').execute()
  const feedback = await db.selectFrom('feedback_daily_stats').selectAll().orderBy('unit_id').orderBy('category').orderBy('day').execute()
  const numbers = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k === 'day' || k === 'category' ? v : Number(v)]))
  const isEmpty = (row: Record<string, unknown>) => Object.entries(row).every(([k, v]) => ['unit_id', 'procedure_id', 'category', 'day'].includes(k) || v === 0)
  return { dossiers: dossiers.map(numbers).filter((r) => !isEmpty(r)), feedback: feedback.map(numbers).filter((r) => !isEmpty(r)) }
}

/** The monthly tables, sorted, with numbers as numbers and without rows that add up to nothing. */
async function monthlyOf(db: Kysely<Database>): Promise<{ dossiers: unknown[]; feedback: unknown[] }> {
  const monthly = db.withTables<MonthlyStatsTables>()
  const dossiers = await monthly.selectFrom('dossier_monthly_stats').selectAll().orderBy('unit_id').orderBy('procedure_id').orderBy('month').execute()
  const feedback = await monthly.selectFrom('feedback_monthly_stats').selectAll().orderBy('unit_id').orderBy('category').orderBy('month').execute()
  return { dossiers: dossiers.map(numbers).filter((r) => !isEmptyRow(r)), feedback: feedback.map(numbers).filter((r) => !isEmptyRow(r)) }
}

/** What the monthly tables must hold: the daily rows summed by month (their order is the monthly tables' order). */
async function dailyByMonth(db: Kysely<Database>): Promise<{ dossiers: unknown[]; feedback: unknown[] }> {
  const daily = await statsOf(db)
  const sum = (rows: unknown[], keys: readonly string[]) => {
    const sums = new Map<string, Record<string, unknown>>()
    for (const { day, ...rest } of rows as Record<string, unknown>[]) {
      const month = String(day).slice(0, 7)
      const key = [...keys.map((k) => String(rest[k])), month].join('|')
      const before = sums.get(key)
      if (!before) sums.set(key, { ...rest, month })
      else for (const [k, v] of Object.entries(rest)) if (!keys.includes(k)) before[k] = Number(before[k]) + Number(v)
    }
    return [...sums.values()].filter((r) => !isEmptyRow(r))
  }
  return { dossiers: sum(daily.dossiers, ['unit_id', 'procedure_id']), feedback: sum(daily.feedback, ['unit_id', 'category']) }
}

/** A row with numbers as numbers (pg gives bigint sums as text), its keys kept as they are. */
function numbers(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k === 'day' || k === 'month' || k === 'category' ? v : Number(v)]))
}

/** Whether a row's counters are all zero. */
function isEmptyRow(row: Record<string, unknown>): boolean {
  return Object.entries(row).every(([k, v]) => ['unit_id', 'procedure_id', 'category', 'day', 'month'].includes(k) || v === 0)
}

/** Rows of a month in a stable order, for comparing two ways of reading them. */
function sorted<T extends { unitId: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
}

for (const dialect of testDialects) {
  describe(`dashboard figures on ${dialect.name}`, () => {
    let t: TestApp
    let feedbackDeps: FeedbackDeps
    const tokens: Record<string, string> = {}
    const codes: Record<string, string> = {}

    before(async () => {
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      const db = t.database.db
      const deps = { db, clock: t.clock }
      await createUnitTree(deps)
      await createTestProcedures(deps)
      tokens.deskA = (await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])).token
      tokens.deskB = (await createTestStaff(deps, 'desk.b', 'WARD-B', ['desk_officer'])).token
      const townLeader = await createTestStaff(deps, 'lead.town', 'TOWN', ['leader'])
      tokens.townLeader = townLeader.token
      tokens.wardLeader = (await createTestStaff(deps, 'lead.a', 'WARD-A', ['leader'])).token
      tokens.admin = (await createTestStaff(deps, 'admin.town', 'TOWN', ['admin'])).token
      const leader = (await loadPrincipal(deps, townLeader.id))!
      feedbackDeps = { db, clock: t.clock, calendar: createCalendarService(deps), files: createFolderStore(t.config.filesDir), config: { baseUrl: 'https://congso.example' } }

      const api = (token: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) })
      const receive = async (token: string, unitCode: string, procedureCode: string, extra: object = {}) => {
        const res = await api(token, 'POST', '/api/v1/dossiers', { procedureCode, unitCode, applicant: { fullName: 'Phạm Văn Dũng', phone: '0912345678' }, documents: DOCS, ...extra })
        assert.equal(res.statusCode, 201, res.body)
        return res.json() as { id: number; code: string }
      }
      const act = async (token: string, ref: string | number, body: object) => {
        const res = await api(token, 'POST', `/api/v1/dossiers/${ref}/actions`, body)
        assert.equal(res.statusCode, 200, res.body)
      }
      const finishAt = async (token: string, code: string, readyAt: string) => {
        t.clock.set(readyAt)
        await act(token, code, { action: 'result_ready' })
        await act(token, code, { action: 'return', method: 'counter' })
      }

      // Hand-computed fixture. Monday 2 March 09:00 (02:00 UTC): a 3-day procedure is due Thursday
      // 5 March 17:00; a same-day one Monday 17:00.
      // Ward A: a1 early (ready Wed 4), a2 on time (Thu 5 16:00), a3 late (Fri 6), a4 open (overdue
      //   by the 20th), a5 refused, a6 same-day open (overdue); g1 handed in incomplete (never
      //   received), then refused.
      // Ward B: b1 on time (Thu 5 10:00), b2 open (overdue), b3 sent back for a document and complete
      //   again on Wed 18 (its receipt moves to the 18th, due Mon 23: in time on the 20th), b4 stopped,
      //   bx a paper dossier of 20 February entered late, open and overdue.
      for (const name of ['a1', 'a2', 'a3', 'a4', 'a5']) codes[name] = (await receive(tokens.deskA!, 'WARD-A', '9.000003')).code
      codes.a6 = (await receive(tokens.deskA!, 'WARD-A', '9.000000')).code
      const g1 = await receive(tokens.deskA!, 'WARD-A', '9.000003', { documents: [TEST_DOCUMENTS.form] })
      for (const name of ['b1', 'b2', 'b3', 'b4']) codes[name] = (await receive(tokens.deskB!, 'WARD-B', '9.000003')).code
      codes.bx = (await receive(tokens.deskB!, 'WARD-B', '9.000003', { receivedAt: '2026-02-20T09:00:00+07:00' })).code
      await act(tokens.deskA!, codes.a5!, { action: 'refuse', reason: 'Không thuộc thẩm quyền giải quyết' })

      // Feedback, all submitted on the 2nd: f1 answered on time (3rd); f2 answered late (20th);
      // f3 never looked at (overdue); f4 answered, rated 1 and reopened (open, overdue by the 20th);
      // f5 answered, rated 2, reopened, answered again on the 5th (on time); t1 a dialogue's tracked
      // commitment due on the 30th.
      const report = (unitCode: string, category: string): SubmitInput => ({
        unitCode,
        category,
        description: 'Nội dung phản ánh thử nghiệm đủ dài để được ghi nhận.',
        contact: null,
        wantsPublic: false,
        photos: [],
        origin: 'portal',
      })
      const f1 = await submitFeedback(feedbackDeps, report('WARD-A', 'sanitation'))
      const f2 = await submitFeedback(feedbackDeps, report('WARD-A', 'sanitation'))
      await submitFeedback(feedbackDeps, report('WARD-B', 'waste_collection'))
      const f4 = await submitFeedback(feedbackDeps, report('WARD-B', 'security_order'))
      const f5 = await submitFeedback(feedbackDeps, report('WARD-B', 'security_order'))
      const wardA = await getUnitByCode(deps, 'WARD-A')
      await db.transaction().execute((trx) =>
        createTrackedItem(trx, feedbackDeps, {
          unitId: wardA.id,
          category: 'other',
          title: 'Cam kết tại buổi đối thoại',
          description: 'Sửa đèn chiếu sáng đường nội bộ khu phố 3 như đã cam kết.',
          dueAt: new Date('2026-03-30T10:00:00Z'),
          origin: 'dialogue',
          originRef: 'dialogue:1',
          wantsPublic: false,
          by: null,
        }),
      )
      for (const item of [f1, f2, f4, f5]) await applyAction(feedbackDeps, leader, item.item.code, { action: 'accept' })
      const answer = (code: string) => applyAction(feedbackDeps, leader, code, { action: 'answer', text: 'Ủy ban đã kiểm tra và xử lý xong.' })

      t.clock.set('2026-03-03T02:00:00Z')
      await act(tokens.deskA!, g1.id, { action: 'refuse', reason: 'Người nộp không bổ sung giấy tờ' })
      await act(tokens.deskB!, codes.b3!, { action: 'request_supplement', documents: [TEST_DOCUMENTS.residence] })
      await act(tokens.deskB!, codes.b4!, { action: 'stop', reason: 'Người nộp xin rút hồ sơ' })
      for (const item of [f1, f4, f5]) await answer(item.item.code)
      await rateAnswer(feedbackDeps, f4.item.code, f4.token, { rating: 1 })
      await rateAnswer(feedbackDeps, f5.item.code, f5.token, { rating: 2 })

      t.clock.set('2026-03-04T02:00:00Z')
      await reopenItem(feedbackDeps, f4.item.code, f4.token, { reason: 'Chưa được xử lý triệt để' })
      await reopenItem(feedbackDeps, f5.item.code, f5.token, { reason: 'Chưa được xử lý triệt để' })
      await finishAt(tokens.deskA!, codes.a1!, '2026-03-04T03:00:00Z')
      await finishAt(tokens.deskB!, codes.b1!, '2026-03-05T03:00:00Z')
      await finishAt(tokens.deskA!, codes.a2!, '2026-03-05T09:00:00Z')
      t.clock.set('2026-03-05T10:00:00Z')
      await answer(f5.item.code)
      await finishAt(tokens.deskA!, codes.a3!, '2026-03-06T03:00:00Z')

      // Ratings of the desk officers (another feature's rows, written as its use cases would):
      // desk.a very satisfied, not satisfied, not satisfied; desk.b satisfied.
      const ids = Object.fromEntries((await db.selectFrom('dossiers').select(['id', 'code']).execute()).map((r) => [r.code, Number(r.id)]))
      const staff = Object.fromEntries((await db.selectFrom('staff').select(['id', 'username']).execute()).map((r) => [r.username, Number(r.id)]))
      const wardB = await getUnitByCode(deps, 'WARD-B')
      const evaluation = (code: string, unitId: number, official: string, overall: string) => ({
        dossier_id: ids[code]!,
        unit_id: unitId,
        official_id: staff[official]!,
        scores_json: '{}',
        total: 12,
        band: 'fair',
        overall,
        comment: null,
        source: 'web',
        created_at: '2026-03-10T02:00:00.000Z',
      })
      await db
        .insertInto('dossier_evaluations')
        .values([
          evaluation(codes.a1!, wardA.id, 'desk.a', 'very_satisfied'),
          evaluation(codes.a2!, wardA.id, 'desk.a', 'not_satisfied'),
          evaluation(codes.a3!, wardA.id, 'desk.a', 'not_satisfied'),
          evaluation(codes.b1!, wardB.id, 'desk.b', 'satisfied'),
        ])
        .execute()
      // The corrective rule in force: at least 2 ratings with half or more not satisfied.
      await db
        .insertInto('settings')
        .values({ key: 'setting:corrective-rules', value_json: JSON.stringify({ notSatisfied: { isEnabled: true, minRatings: 2, minShare: 0.5 } }), updated_at: '2026-03-01T00:00:00.000Z' })
        .execute()

      t.clock.set('2026-03-18T02:00:00Z')
      await act(tokens.deskB!, codes.b3!, { action: 'supplement_received', documents: [TEST_DOCUMENTS.residence] })
      t.clock.set('2026-03-20T02:00:00Z')
      await answer(f2.item.code)
    })
    after(() => t.close())

    const dashboard = async (token: string, query: string) => t.app.inject({ url: `/api/v1/dashboard?${query}`, headers: { authorization: `Bearer ${token}` } })

    it('gives the town leader every dossier figure of the month as computed by hand', async () => {
      const res = await dashboard(tokens.townLeader!, MARCH)
      assert.equal(res.statusCode, 200, res.body)
      const d = res.json()
      assert.equal(d.unit.code, 'TOWN')
      const { onTimeRate, averageDays, ...counts } = d.dossiers.total
      assert.deepEqual(counts, { received: 10, returned: 4, early: 1, onTime: 2, late: 1, refused: 2, stopped: 1, open: 5, overdue: 4 })
      assert.equal(onTimeRate, 0.75)
      // (2d 1h + 3d 7h + 4d 1h + 3d 1h) / 4 = 3 days 2½ hours.
      assert.equal(Math.round(averageDays * 10_000) / 10_000, Math.round((268_200 / 86_400) * 10_000) / 10_000)
      const byUnit = d.dossiers.byUnit.map((l: { unit: { code: string }; isOwn: boolean; figures: Record<string, number | null> }) => [l.unit.code, l.isOwn, l.figures.received, l.figures.returned, l.figures.refused, l.figures.stopped, l.figures.open, l.figures.overdue])
      assert.deepEqual(byUnit, [
        ['WARD-A', false, 6, 3, 2, 0, 2, 2],
        ['WARD-B', false, 4, 1, 0, 1, 3, 2],
      ])
      assert.equal(d.dossiers.byUnit[0].figures.averageDays, 270_000 / 86_400)
      assert.deepEqual(
        d.dossiers.topProcedures.map((p: { code: string; received: number; returned: number }) => [p.code, p.received, p.returned]),
        [
          ['9.000003', 9, 4],
          ['9.000000', 1, 0],
        ],
      )
    })

    it('shows the on-time rate month by month, February holding only the late-entered paper dossier', async () => {
      const d = (await dashboard(tokens.townLeader!, MARCH)).json()
      assert.equal(d.dossiers.trend.length, 12)
      assert.deepEqual(d.dossiers.trend.slice(-2), [
        { month: '2026-02', received: 1, returned: 0, onTimeRate: null },
        { month: '2026-03', received: 10, returned: 4, onTimeRate: 0.75 },
      ])
      assert.equal(d.dossiers.trendChange, null)
      const february = (await dashboard(tokens.townLeader!, 'from=2026-02-01&to=2026-02-28')).json()
      assert.equal(february.dossiers.total.received, 1)
      assert.equal(february.dossiers.total.returned, 0)
    })

    it('counts feedback by category and unit, answered on time, with reopened answers taken back', async () => {
      const d = (await dashboard(tokens.townLeader!, MARCH)).json()
      assert.deepEqual(d.feedback.total, { submitted: 6, answered: 3, answeredOnTime: 2, open: 3, overdue: 2, onTimeRate: 2 / 3 })
      const byCategory = Object.fromEntries(d.feedback.byCategory.map((c: { category: string; figures: Record<string, number> }) => [c.category, [c.figures.submitted, c.figures.answered, c.figures.answeredOnTime, c.figures.open, c.figures.overdue]]))
      assert.deepEqual(byCategory, { sanitation: [2, 2, 1, 0, 0], waste_collection: [1, 0, 0, 1, 1], security_order: [2, 1, 1, 1, 1], other: [1, 0, 0, 1, 0] })
      const byUnit = d.feedback.byUnit.map((l: { unit: { code: string }; figures: Record<string, number> }) => [l.unit.code, l.figures.submitted, l.figures.answered, l.figures.answeredOnTime, l.figures.open, l.figures.overdue])
      assert.deepEqual(byUnit, [
        ['WARD-A', 3, 2, 1, 1, 0],
        ['WARD-B', 3, 1, 1, 2, 2],
      ])
    })

    it('gives the satisfaction index per unit and the officials below the rule in force', async () => {
      const d = (await dashboard(tokens.townLeader!, MARCH)).json()
      assert.deepEqual(d.satisfaction.total, { ratings: 4, verySatisfied: 1, satisfied: 1, notSatisfied: 2, index: 0.5 })
      assert.deepEqual(
        d.satisfaction.byUnit.map((l: { unit: { code: string }; figures: { ratings: number; index: number } }) => [l.unit.code, l.figures.ratings, l.figures.index]),
        [
          ['WARD-A', 3, 1 / 3],
          ['WARD-B', 1, 1],
        ],
      )
      assert.deepEqual(d.satisfaction.threshold, { minRatings: 2, minShare: 0.5 })
      assert.deepEqual(
        d.satisfaction.officialsBelow.map((o: { username: string; ratings: number; notSatisfied: number }) => [o.username, o.ratings, o.notSatisfied]),
        [['desk.a', 3, 2]],
      )
    })

    it('adds dialogue coverage for a leader, and reception compliance only for its keepers', async () => {
      const d = (await dashboard(tokens.townLeader!, MARCH)).json()
      assert.equal(d.dialogues.year, 2026)
      assert.equal(d.dialogues.heldCount, 0)
      assert.equal(d.dialogues.unitCount, 2)
      assert.ok(d.reception !== null)
      assert.deepEqual(d.reception.summary.chair, { met: 0, total: 2 })
      const admin = (await dashboard(tokens.admin!, MARCH)).json()
      assert.equal(admin.reception, null)
      assert.equal(admin.dossiers.total.received, 10)
    })

    it('scopes a ward leader to the ward, and refuses a desk officer and other wards', async () => {
      const own = await dashboard(tokens.wardLeader!, MARCH)
      assert.equal(own.statusCode, 200)
      const d = own.json()
      assert.equal(d.unit.code, 'WARD-A')
      assert.deepEqual(
        d.dossiers.byUnit.map((l: { unit: { code: string }; isOwn: boolean }) => [l.unit.code, l.isOwn]),
        [['WARD-A', false]],
      )
      assert.equal(d.dossiers.total.received, 6)
      assert.equal(d.feedback.total.submitted, 3)
      assert.equal((await dashboard(tokens.wardLeader!, `unit=WARD-B&${MARCH}`)).statusCode, 403)
      assert.equal((await dashboard(tokens.wardLeader!, `unit=TOWN&${MARCH}`)).statusCode, 403)
      assert.equal((await dashboard(tokens.deskA!, MARCH)).statusCode, 403)
      assert.equal((await t.app.inject('/api/v1/dashboard')).statusCode, 401)
      assert.equal((await dashboard(tokens.townLeader!, 'unit=NOPE')).statusCode, 400)
      assert.equal((await dashboard(tokens.townLeader!, 'from=2026-03-31&to=2026-03-01')).statusCode, 400)
    })

    it('keeps daily figures equal to a rebuild from the dossiers and feedback, whole or for some days', async () => {
      const kept = await statsOf(t.database.db)
      assert.ok(kept.dossiers.length > 0 && kept.feedback.length > 0)
      const result = await rebuildStats(t.database.db)
      assert.equal(result.dossierRows, kept.dossiers.length)
      assert.deepEqual(await statsOf(t.database.db), kept)
      await rebuildStats(t.database.db, { from: '2026-03-04', to: '2026-03-05' })
      assert.deepEqual(await statsOf(t.database.db), kept)
      // A lost table comes back whole.
      await t.database.db.deleteFrom('dossier_daily_stats').execute()
      await t.database.db.deleteFrom('feedback_daily_stats').execute()
      await rebuildStats(t.database.db)
      assert.deepEqual(await statsOf(t.database.db), kept)
    })

    it('keeps each month equal to the sum of its days, as counted and after rebuilds of any days', async () => {
      const db = t.database.db
      const months = await monthlyOf(db)
      // February holds the paper dossier entered late; March the rest.
      assert.deepEqual([...new Set(months.dossiers.map((r) => (r as { month: string }).month))].sort(), ['2026-02', '2026-03'])
      assert.deepEqual(months, await dailyByMonth(db))
      await rebuildStats(db, { from: '2026-02-25', to: '2026-03-04' })
      assert.deepEqual(await monthlyOf(db), months)
      await rebuildStats(db, { from: '2026-03-18' })
      assert.deepEqual(await monthlyOf(db), months)
      // A lost monthly table comes back from a rebuild.
      await db.withTables<MonthlyStatsTables>().deleteFrom('dossier_monthly_stats').execute()
      await db.withTables<MonthlyStatsTables>().deleteFrom('feedback_monthly_stats').execute()
      await rebuildStats(db)
      assert.deepEqual(await monthlyOf(db), months)
    })

    it('reads any days of a month from its monthly rows as from its daily rows', async () => {
      const db = t.database.db
      const wardB = await getUnitByCode({ db, clock: t.clock }, 'WARD-B')
      const ranges: [string, string, string][] = [
        ['2026-02', '2026-02-01', '2026-02-28'],
        ['2026-02', '2026-02-01', '2026-02-14'],
        ['2026-02', '2026-02-15', '2026-02-28'],
        ['2026-02', '2026-02-21', '2026-02-28'],
        ['2026-03', '2026-03-01', '2026-03-31'],
        ['2026-03', '2026-03-01', '2026-03-20'],
        ['2026-03', '2026-03-03', '2026-03-30'],
        ['2026-03', '2026-03-05', '2026-03-31'],
        ['2026-03', '2026-03-18', '2026-03-18'],
        ['2026-04', '2026-04-01', '2026-04-30'],
      ]
      let rowCount = 0
      for (const unitIds of [null, [wardB.id]]) {
        for (const [month, from, to] of ranges) {
          const dossiers = await dossierRowsOfMonth(db, unitIds, month, from, to)
          assert.deepEqual(sorted(dossiers), sorted(await dossierMonthRows(db, unitIds, from, to)), `dossiers ${from}..${to} of ${unitIds ?? 'all'}`)
          const feedback = await feedbackRowsOfMonth(db, unitIds, month, from, to)
          assert.deepEqual(sorted(feedback), sorted(await feedbackMonthRows(db, unitIds, from, to)), `feedback ${from}..${to} of ${unitIds ?? 'all'}`)
          rowCount += dossiers.length + feedback.length
        }
      }
      assert.ok(rowCount > 20, 'the ranges hold figures')
    })

    it('serves the same figures from kept past days as from the daily tables, and sees a late write to a kept month', async () => {
      const deps = { db: t.database.db, clock: t.clock, calendar: createCalendarService({ db: t.database.db, clock: t.clock }) }
      const leader = (await loadPrincipal(deps, Number((await t.database.db.selectFrom('staff').select('id').where('username', '=', 'lead.town').executeTakeFirstOrThrow()).id)))!
      const cache = createClosedMonthCache()
      const query = { from: '2026-02-01', to: '2026-03-20' }
      const plain = await getDashboard({ ...deps, closedMonths: null }, leader, query)
      const kept = await getDashboard({ ...deps, closedMonths: cache }, leader, query)
      assert.deepEqual(kept.dossiers, plain.dossiers)
      assert.deepEqual(kept.feedback, plain.feedback)
      // A period starting inside a month: its trend summed apart, per unit; twice, the second from kept sums.
      const inside = { from: '2026-02-15', to: '2026-03-20' }
      for (let i = 0; i < 2; i++) {
        const d = await getDashboard({ ...deps, closedMonths: cache }, leader, inside)
        assert.deepEqual(d.dossiers, (await getDashboard({ ...deps, closedMonths: null }, leader, inside)).dossiers)
        assert.deepEqual([d.dossiers.total.received, d.dossiers.trend.at(-2)?.received, d.dossiers.trend.at(-1)?.received], [11, 1, 10])
      }
      assert.equal((await getDashboard({ ...deps, closedMonths: cache }, leader, query)).dossiers.total.received, 11)
      // A paper dossier of 10 February entered now writes to a kept month.
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/dossiers',
        headers: { authorization: `Bearer ${tokens.deskB}` },
        payload: { procedureCode: '9.000003', unitCode: 'WARD-B', applicant: { fullName: 'Lê Thị Hoa' }, documents: DOCS, receivedAt: '2026-02-10T09:00:00+07:00' },
      })
      assert.equal(res.statusCode, 201, res.body)
      const after = await getDashboard({ ...deps, closedMonths: cache }, leader, query)
      assert.equal(after.dossiers.total.received, 12)
      assert.deepEqual(after.dossiers, (await getDashboard({ ...deps, closedMonths: null }, leader, query)).dossiers)
      // Taken back out, so the hand-computed figures of the other tests still hold.
      await t.database.db.deleteFrom('dossier_events').where('dossier_id', '=', res.json().id).execute()
      await t.database.db.deleteFrom('dossier_documents').where('dossier_id', '=', res.json().id).execute()
      await t.database.db.deleteFrom('dossiers').where('id', '=', res.json().id).execute()
      await rebuildStats(t.database.db)
      assert.equal((await getDashboard({ ...deps, closedMonths: cache }, leader, query)).dossiers.total.received, 11)
    })

    it('reports the month per unit and procedure: carried over, received, finished and in hand', async () => {
      const browser = await new Browser(t).signIn('lead.town')
      const res = await browser.get(`/admin/bang-dieu-khien/xuat/report.csv?unit=TOWN&${MARCH}`)
      assert.equal(res.statusCode, 200, res.body)
      assert.match(String(res.headers['content-type']), /^text\/csv/)
      assert.match(String(res.headers['content-disposition']), /attachment; filename="bang-dieu-khien-report-TOWN-2026-03-01-2026-03-31\.csv"/)
      const rows = parseCsv(res.body)
      // Columns: unit, code, procedure, to handle, carried over, received, finished, early, on time, late, refused, stopped, in hand, in time, overdue, rate.
      const line = (unit: string, code: string) => rows.find((r) => r[0] === unit && r[1] === code)?.slice(3)
      assert.deepEqual(line('Phường An', '9.000003'), ['5', '0', '5', '4', '1', '1', '1', '1', '0', '1', '0', '1', '66.7'])
      assert.deepEqual(line('Phường An', '9.000000'), ['1', '0', '1', '0', '0', '0', '0', '0', '0', '1', '0', '1', ''])
      assert.deepEqual(line('Phường Bình', '9.000003'), ['5', '1', '4', '2', '0', '1', '0', '0', '1', '3', '1', '2', '100'])
      assert.deepEqual(rows.at(-1)!.slice(3), ['11', '1', '10', '6', '1', '2', '1', '1', '1', '5', '1', '4', '75'])
      // February: the paper dossier alone; March's dossiers, received after it, are in no line.
      const february = parseCsv((await browser.get('/admin/bang-dieu-khien/xuat/report.csv?unit=TOWN&from=2026-02-01&to=2026-02-28')).body)
      assert.deepEqual(
        february.slice(1).map((r) => [r[0], r[1], ...r.slice(3, 6), ...r.slice(12, 15)]),
        [
          ['Phường Bình', '9.000003', '1', '0', '1', '1', '0', '1'],
          ['Cộng Phường Bình', '', '1', '0', '1', '1', '0', '1'],
          ['Tổng cộng', '', '1', '0', '1', '1', '0', '1'],
        ],
      )
      const page = await browser.get(`/admin/bang-dieu-khien/bao-cao?unit=TOWN&${MARCH}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Báo cáo tình hình giải quyết thủ tục hành chính/)
      assert.match(page.body, /print\.css/)
    })

    it('lists the dossiers behind a figure, and exports them and the register', async () => {
      const browser = await new Browser(t).signIn('lead.town')
      const late = await browser.get(`/admin/bang-dieu-khien/ho-so?unit=TOWN&${MARCH}&figure=late`)
      assert.equal(late.statusCode, 200)
      assert.ok(late.body.includes(`/mot-cua/ho-so/${codes.a3}`))
      assert.ok(!late.body.includes(codes.a1!))
      const received = await browser.get(`/admin/bang-dieu-khien/ho-so?unit=WARD-B&${MARCH}&figure=received`)
      // b3's receipt moved to the 18th; the paper dossier of February is not in March.
      for (const name of ['b1', 'b2', 'b3', 'b4']) assert.ok(received.body.includes(codes[name]!), name)
      assert.ok(!received.body.includes(codes.bx!))
      assert.equal((await browser.get(`/admin/bang-dieu-khien/ho-so?unit=TOWN&${MARCH}&figure=nope`)).statusCode, 400)

      const register = await browser.get(`/admin/bang-dieu-khien/xuat/register.xlsx?unit=TOWN&${MARCH}`)
      assert.equal(register.statusCode, 200)
      assert.equal(register.headers['cache-control'], 'no-store')
      const sheet = await readXlsx(register.rawPayload)
      assert.equal(sheet.length, 11)
      assert.equal(sheet[0]![1], 'Mã hồ sơ')
      const registered = sheet.slice(1).map((r) => r[1])
      for (const name of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'b1', 'b2', 'b3', 'b4']) assert.ok(registered.includes(codes[name]), name)
      const csv = parseCsv((await browser.get(`/admin/bang-dieu-khien/xuat/dossiers.csv?unit=TOWN&${MARCH}&figure=refused`)).body)
      // a5, and g1, which was never complete (no code), refused the next day.
      assert.deepEqual(csv.slice(1).map((r) => r[0]), [codes.a5, '—'])
    })

    it('exports every dashboard table as CSV and XLSX holding the rows the page shows', async () => {
      const browser = await new Browser(t).signIn('lead.town')
      const csv = parseCsv((await browser.get(`/admin/bang-dieu-khien/xuat/units.csv?unit=TOWN&${MARCH}`)).body)
      assert.deepEqual(csv[0]!.slice(0, 3), ['Đơn vị', 'Tiếp nhận', 'Đã trả'])
      assert.deepEqual(csv.slice(1).map((r) => [r[0], r[1], r[10]]), [
        ['Phường An', '6', '66.7'],
        ['Phường Bình', '4', '100'],
        ['Tổng cộng', '10', '75'],
      ])
      const xlsx = await readXlsx((await browser.get(`/admin/bang-dieu-khien/xuat/feedback-categories.xlsx?unit=TOWN&${MARCH}`)).rawPayload)
      assert.equal(xlsx[0]![0], 'Lĩnh vực')
      const total = xlsx.at(-1)!
      assert.deepEqual([total[0], total[1], total[2], total[3]], ['Tổng cộng', 6, 3, 2])
      assert.equal(Math.round((total[6] as number) * 1000), 667)
      for (const table of ['procedures', 'trend', 'satisfaction', 'officials', 'feedback-units', 'coverage', 'reception']) {
        for (const format of ['csv', 'xlsx']) {
          const res = await browser.get(`/admin/bang-dieu-khien/xuat/${table}.${format}?unit=TOWN&${MARCH}`)
          assert.equal(res.statusCode, 200, `${table}.${format}`)
        }
      }
      const officials = await readXlsx((await browser.get(`/admin/bang-dieu-khien/xuat/officials.xlsx?unit=TOWN&${MARCH}`)).rawPayload)
      assert.deepEqual(officials.slice(1).map((r) => r[0]), ['Cán bộ desk.a'])
      assert.equal((await browser.get(`/admin/bang-dieu-khien/xuat/nope.csv?unit=TOWN`)).statusCode, 404)
    })

    it('shows the dashboard page with linked figures, charts and their tables, and keeps it from desk officers', async () => {
      const anonymous = await t.app.inject('/admin/bang-dieu-khien')
      assert.equal(anonymous.statusCode, 303)
      assert.match(String(anonymous.headers.location), /^\/sign-in/)
      const desk = await new Browser(t).signIn('desk.a')
      assert.equal((await desk.get('/admin/bang-dieu-khien')).statusCode, 403)
      assert.equal((await desk.get(`/admin/bang-dieu-khien/xuat/units.csv?${MARCH}`)).statusCode, 403)

      const browser = await new Browser(t).signIn('lead.town')
      const res = await browser.get(`/admin/bang-dieu-khien?${MARCH}`)
      assert.equal(res.statusCode, 200, res.body)
      assert.match(res.body, /Phường An/)
      assert.match(res.body, /<svg/)
      assert.doesNotMatch(res.body, /style="/)
      assert.ok(res.body.includes('/admin/bang-dieu-khien/ho-so?unit=WARD-A&from=2026-03-01&to=2026-03-31&figure=late'))
      assert.ok(res.body.includes('/mot-cua/ho-so?unit=WARD-B&status=received%2Cprocessing&overdue=true'))
      assert.ok(res.body.includes('/admin/phan-anh?unit=TOWN&category=sanitation'))
      assert.ok(res.body.includes('/admin/bang-dieu-khien/xuat/units.xlsx?unit=TOWN'))
      assert.ok(res.body.includes('/mot-cua/so-theo-doi?unit=TOWN'))
      const bad = await browser.get('/admin/bang-dieu-khien?from=2026-02-30')
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /error-summary/)

      // A ward leader sees only the ward; an administrator sees figures without the lists that name residents.
      const ward = await new Browser(t).signIn('lead.a')
      const wardPage = await ward.get(`/admin/bang-dieu-khien?${MARCH}`)
      assert.equal(wardPage.statusCode, 200)
      assert.doesNotMatch(wardPage.body, /Phường Bình/)
      assert.equal((await ward.get(`/admin/bang-dieu-khien?unit=TOWN&${MARCH}`)).statusCode, 403)
      const admin = await new Browser(t).signIn('admin.town')
      const adminPage = await admin.get(`/admin/bang-dieu-khien?${MARCH}`)
      assert.equal(adminPage.statusCode, 200)
      assert.ok(!adminPage.body.includes('/admin/bang-dieu-khien/ho-so?'))
      assert.equal((await admin.get(`/admin/bang-dieu-khien/ho-so?${MARCH}&figure=late`)).statusCode, 403)
      // The desk links to it for leaders and administrators.
      assert.match((await browser.get('/desk')).body, /href="\/admin\/bang-dieu-khien"/)
      assert.doesNotMatch((await desk.get('/desk')).body, /href="\/admin\/bang-dieu-khien"/)
    })

    it('judges each ward’s reception against its own working calendar', async () => {
      // Saturday 28 February: a working morning for ward B only, so only its chair owes that week a day.
      const calendar = createCalendarService({ db: t.database.db, clock: t.clock })
      await calendar.setUnitSettings('system', 'WARD-B', { saturdayMorningWorked: true })
      try {
        const d = (await dashboard(tokens.townLeader!, 'from=2026-02-28&to=2026-02-28')).json()
        assert.deepEqual(
          d.reception.rows.filter((r: { hostRole: string }) => r.hostRole === 'chair').map((r: { unit: { code: string }; required: number }) => [r.unit.code, r.required]),
          [
            ['WARD-A', 0],
            ['WARD-B', 1],
          ],
        )
      } finally {
        await calendar.setUnitSettings('system', 'WARD-B', { saturdayMorningWorked: false })
      }
    })

    it('publishes the year’s statistics per ward, cached for a minute, with no names', async () => {
      const res = await t.app.inject('/api/v1/statistics')
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.headers['cache-control'], 'public, max-age=60')
      const s = res.json()
      assert.equal(s.year, 2026)
      const line = (code: string) => s.units.find((u: { unit: { code: string } }) => u.unit.code === code).figures
      assert.deepEqual(line('WARD-A'), { returned: 3, onTimeRate: 2 / 3, ratings: 3, satisfactionIndex: 1 / 3, feedbackSubmitted: 3, feedbackAnswered: 2, answeredOnTimeRate: 0.5, dialoguesHeld: 0 })
      assert.deepEqual(line('WARD-B'), { returned: 1, onTimeRate: 1, ratings: 1, satisfactionIndex: 1, feedbackSubmitted: 3, feedbackAnswered: 1, answeredOnTimeRate: 1, dialoguesHeld: 0 })
      assert.deepEqual(s.coverage, { heldCount: 0, unitCount: 2, heldPercent: 0 })

      const page = await t.app.inject('/thong-ke')
      assert.equal(page.statusCode, 200)
      assert.match(String(page.headers['cache-control']), /^public, max-age=60/)
      assert.match(page.body, /Thống kê công khai/)
      assert.match(page.body, /Phường Bình/)
      assert.doesNotMatch(page.body, /desk\.a|Phạm Văn Dũng/)
      assert.match(page.body, /href="\/thong-ke"[^>]*aria-current="page"|aria-current="page"[^>]*href="\/thong-ke"/)
      const again = await t.app.inject({ url: '/thong-ke', headers: { 'if-none-match': String(page.headers.etag) } })
      assert.equal(again.statusCode, 304)
      const csv = parseCsv((await t.app.inject('/thong-ke/xuat/statistics.csv')).body)
      assert.deepEqual(csv.slice(1).map((r) => r[0]), ['Phường An', 'Phường Bình', 'Tổng cộng'])
      assert.equal((await t.app.inject('/api/v1/statistics?year=1999')).statusCode, 400)
      assert.equal((await t.app.inject('/thong-ke?nam=abcd')).statusCode, 400)

      // Kept for a minute: a new receipt shows after that, not before.
      const before = (await t.app.inject('/api/v1/statistics')).json().units.find((u: { unit: { code: string } }) => u.unit.code === 'WARD-A').figures.returned
      await t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${codes.a4}/actions`, headers: { authorization: `Bearer ${tokens.deskA}` }, payload: { action: 'result_ready' } })
      await t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${codes.a4}/actions`, headers: { authorization: `Bearer ${tokens.deskA}` }, payload: { action: 'return', method: 'counter' } })
      const cached = (await t.app.inject('/api/v1/statistics')).json().units.find((u: { unit: { code: string } }) => u.unit.code === 'WARD-A').figures.returned
      assert.equal(cached, before)
      t.clock.set('2026-03-20T02:01:01Z')
      const fresh = (await t.app.inject('/api/v1/statistics')).json().units.find((u: { unit: { code: string } }) => u.unit.code === 'WARD-A').figures.returned
      assert.equal(fresh, before + 1)
      t.clock.set('2026-03-20T02:00:00Z')
    })
  })
}

for (const dialect of testDialects) {
  describe(`figures under concurrent desk work on ${dialect.name}`, () => {
    it('keeps every figure right while dossiers are received, back-dated and returned at once and the dashboard is read meanwhile', async () => {
      // Tuesday 10 March 2026, 09:00 in Vietnam.
      const t = await buildTestApp(dialect, { now: '2026-03-10T02:00:00Z' })
      try {
        const db = t.database.db
        const deps = { db, clock: t.clock }
        await createUnitTree(deps)
        await createTestProcedures(deps)
        const desk = { 'WARD-A': (await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])).token, 'WARD-B': (await createTestStaff(deps, 'desk.b', 'WARD-B', ['desk_officer'])).token }
        const leader = (await loadPrincipal(deps, (await createTestStaff(deps, 'lead.town', 'TOWN', ['leader'])).id))!
        const api = (token: string, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload })
        const receive = async (unitCode: 'WARD-A' | 'WARD-B', receivedAt?: string) => {
          const res = await api(desk[unitCode], '/api/v1/dossiers', { procedureCode: '9.000003', unitCode, applicant: { fullName: 'Trần Thị Lan' }, documents: DOCS, ...(receivedAt ? { receivedAt } : {}) })
          assert.equal(res.statusCode, 201, res.body)
          return (res.json() as { code: string }).code
        }
        const finish = async (unitCode: 'WARD-A' | 'WARD-B', code: string) => {
          for (const body of [{ action: 'result_ready' }, { action: 'return', method: 'counter' }]) {
            const res = await api(desk[unitCode], `/api/v1/dossiers/${code}/actions`, body)
            assert.equal(res.statusCode, 200, res.body)
          }
        }
        const cache = createClosedMonthCache()
        const calendar = createCalendarService(deps)
        const query = { unitCode: 'TOWN', from: '2026-02-01', to: '2026-03-10' }
        const read = (closedMonths: ReturnType<typeof createClosedMonthCache> | null) => getDashboard({ ...deps, calendar, closedMonths }, leader, query)
        const wards = ['WARD-A', 'WARD-B'] as const
        const earlier = await Promise.all(Array.from({ length: 8 }, (_, i) => receive(wards[i % 2]!)))
        await read(cache)

        // At once: new receipts, paper dossiers of February (a kept month), returns, and readers.
        let reads = 0
        await Promise.all([
          ...Array.from({ length: 12 }, (_, i) => receive(wards[i % 2]!)),
          ...Array.from({ length: 6 }, (_, i) => receive(wards[i % 2]!, `2026-02-${String(10 + i).padStart(2, '0')}T09:00:00+07:00`)),
          ...earlier.map((code, i) => finish(wards[i % 2]!, code)),
          ...Array.from({ length: 6 }, () => read(cache).then(() => reads++)),
        ])
        assert.equal(reads, 6)

        // The daily and monthly tables hold exactly what a rebuild from the dossiers gives.
        const daily = await statsOf(db)
        const monthly = await monthlyOf(db)
        assert.deepEqual(monthly, await dailyByMonth(db))
        await rebuildStats(db)
        assert.deepEqual(await statsOf(db), daily)
        assert.deepEqual(await monthlyOf(db), monthly)

        // The dashboard, from kept months or not, counts what the dossiers say.
        const kept = await read(cache)
        const plain = await read(null)
        assert.deepEqual(kept.dossiers, plain.dossiers)
        const start = dayStart('2026-02-01').toISOString()
        const end = dayEnd('2026-03-10').toISOString()
        const dossiers = await db.selectFrom('dossiers').select(['status', 'timing', 'received_at', 'finished_at']).execute()
        const within = (at: unknown) => at !== null && new Date(String(at)).toISOString() >= start && new Date(String(at)).toISOString() < end
        const returned = dossiers.filter((d) => d.status === 'returned' && within(d.finished_at))
        assert.equal(kept.dossiers.total.received, 26)
        assert.equal(kept.dossiers.total.received, dossiers.filter((d) => within(d.received_at)).length)
        assert.equal(kept.dossiers.total.returned, 8)
        assert.equal(kept.dossiers.total.early, returned.filter((d) => d.timing === 'early').length)
        assert.equal(kept.dossiers.total.open, 18)
        assert.deepEqual(
          kept.dossiers.trend.slice(-2).map((p) => [p.month, p.received]),
          [
            ['2026-02', 6],
            ['2026-03', 20],
          ],
        )
      } finally {
        await t.close()
      }
    })
  })
}

for (const dialect of testDialects.filter((d) => d.name === 'postgresql')) {
  describe('daily figures under concurrent writers on postgresql', () => {
    it('loses no increment when two pools (two app instances) count the same day at once', async () => {
      const t = await buildTestApp(dialect)
      const second = openDatabase({ databaseUrl: t.database.url, dialect: 'postgresql', sqlitePath: null, poolSize: 5 })
      try {
        const deps = { db: t.database.db, clock: t.clock }
        await createUnitTree(deps)
        await createTestProcedures(deps)
        const unit = await getUnitByCode(deps, 'WARD-A')
        const procedure = await t.database.db.selectFrom('procedures').select('id').where('code', '=', '9.000003').executeTakeFirstOrThrow()
        const event = { kind: 'received' as const, unitId: unit.id, procedureId: Number(procedure.id), receivedAt: new Date('2026-03-02T02:00:00Z') }
        const perPool = 40
        const count = (db: Kysely<Database>) => db.transaction().execute((trx) => countDossierEvent(trx, event))
        await Promise.all([...Array.from({ length: perPool }, () => count(t.database.db)), ...Array.from({ length: perPool }, () => count(second.db))])
        const row = await t.database.db.selectFrom('dossier_daily_stats').select('received').where('unit_id', '=', unit.id).executeTakeFirstOrThrow()
        assert.equal(Number(row.received), 2 * perPool)
        const month = await t.database.db.withTables<MonthlyStatsTables>().selectFrom('dossier_monthly_stats').select(['month', 'received']).where('unit_id', '=', unit.id).executeTakeFirstOrThrow()
        assert.deepEqual([month.month, Number(month.received)], ['2026-03', 2 * perPool])
      } finally {
        await second.close()
        await t.close()
      }
    })
  })
}
