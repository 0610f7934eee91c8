import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createUnitTree } from '../../../test/support/factories.ts'

for (const dialect of testDialects) {
  describe(`calendar month page on ${dialect.name}`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect, { now: '2026-02-10T02:00:00Z' })
      await createUnitTree({ db: t.database.db, clock: t.clock })
      await t.app.inject({ method: 'GET', url: '/' })
    })
    after(() => t.close())

    it('shows February 2026 with Tết days off by name and lunar dates, in Vietnamese', async () => {
      const res = await t.app.inject('/lich-lam-viec?month=2026-02')
      assert.equal(res.statusCode, 200)
      assert.match(res.body, /<html lang="vi"/)
      assert.match(res.body, /Lịch làm việc tháng 2\/2026/)
      // 17/2/2026 is the first day of the first lunar month: its cell shows "1/1".
      assert.match(res.body, /datetime="2026-02-17"[^]*?calendar-lunar[^>]*>1\/1</)
      assert.match(res.body, /Tết Nguyên đán Bính Ngọ \(mùng 1 tháng Giêng\)/)
      assert.match(res.body, /class="calendar-day calendar-day--off calendar-day--holiday/)
      // The weekday after Tết is a working day.
      assert.match(res.body, /class="calendar-day calendar-day--work[^"]*"><span class="calendar-date"><time datetime="2026-02-23"/)
    })

    it('speaks English when chosen', async () => {
      const res = await t.app.inject({ url: '/lich-lam-viec?month=2026-09', cookies: { congso_lang: 'en' } })
      assert.equal(res.statusCode, 200)
      assert.match(res.body, /<html lang="en"/)
      assert.match(res.body, /Working calendar, 9\/2026/)
      assert.match(res.body, /National Day \(2 September\)/)
    })

    it('refuses a malformed month with a 400 page, and an unknown unit with 404', async () => {
      assert.equal((await t.app.inject('/lich-lam-viec?month=2026-13')).statusCode, 400)
      assert.equal((await t.app.inject('/lich-lam-viec?month=2026-02&unit=NOPE')).statusCode, 404)
    })
  })
}
