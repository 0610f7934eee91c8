import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testDialects } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { verifyAuditLog } from '../../platform/audit/audit.ts'
import { FixedClock } from '../../platform/clock.ts'
import { DEMO_SEEDS, isDatabaseEmpty, seedDemoIfEmpty } from '../../seed.ts'
import type { DemoSignIn } from '../../seed.ts'
import { listStaff, listUnits, signIn } from './unit.service.ts'
import { DEMO_PASSWORD, DEMO_UNIT_STEPS } from './unit.seed.ts'

const WARDS = ['Uyên Hưng', 'Tân Phước Khánh', 'Thái Hòa', 'Thạnh Phước', 'Khánh Bình', 'Tân Hiệp', 'Hội Nghĩa', 'Phú Chánh', 'Tân Vĩnh Hiệp', 'Vĩnh Tân']
const COMMUNES = ['Bạch Đằng', 'Thạnh Hội']

for (const dialect of testDialects) {
  describe(`demo seed of units and staff on ${dialect.name}`, () => {
    let database: TestDatabase
    let deps: { db: TestDatabase['db']; clock: FixedClock }
    let signIns: DemoSignIn[] | null
    const progress: [number, number][] = []

    before(async () => {
      database = await dialect.open()
      deps = { db: database.db, clock: new FixedClock('2026-03-02T02:00:00Z') }
      signIns = await seedDemoIfEmpty(deps, (done, total) => progress.push([done, total]))
    })
    after(() => database.close())

    it('builds the tree province → town → 10 wards and 2 communes with official codes', async () => {
      const units = await listUnits(deps)
      assert.equal(units.length, 14)
      const byCode = new Map(units.map((u) => [u.code, u]))
      assert.deepEqual([byCode.get('74')?.name, byCode.get('74')?.level, byCode.get('74')?.parentCode], ['Tỉnh Bình Dương', 'province', null])
      assert.deepEqual([byCode.get('723')?.name, byCode.get('723')?.level, byCode.get('723')?.parentCode], ['Thị xã Tân Uyên', 'town', '74'])
      const communeLevel = units.filter((u) => u.parentCode === '723')
      assert.deepEqual(communeLevel.filter((u) => u.level === 'ward').map((u) => u.name).sort(), WARDS.map((n) => `Phường ${n}`).sort())
      assert.deepEqual(communeLevel.filter((u) => u.level === 'commune').map((u) => u.name).sort(), COMMUNES.map((n) => `Xã ${n}`).sort())
      assert.equal(byCode.get('25915')?.name, 'Phường Hội Nghĩa')
      for (const unit of communeLevel) {
        assert.match(unit.code, /^25[89]\d\d$/, 'a five-digit commune-level code of Bình Dương')
        assert.match(unit.agencyCode ?? '', /^000\.\d\d\.\d\d\.H\d\d$/)
        assert.ok(unit.path.startsWith(byCode.get('723')!.path), `${unit.name} lies under the town`)
      }
    })

    it('gives every commune-level unit a chair, a Party secretary, a desk officer and a specialist', async () => {
      const staff = await listStaff(deps, 'system')
      const units = await listUnits(deps)
      for (const unit of units.filter((u) => u.parentCode === '723')) {
        const here = staff.filter((s) => s.unitId === unit.id)
        const posts = here.map((s) => `${s.grants.map((g) => g.role).join('+')}:${s.title}`).sort()
        assert.deepEqual(
          posts,
          ['desk_officer:Công chức Bộ phận một cửa', 'leader:Bí thư Đảng ủy', 'leader:Chủ tịch UBND', 'specialist:Công chức Văn phòng - Thống kê'],
          unit.name,
        )
        assert.ok(here.every((s) => s.grants.every((g) => g.unitId === unit.id)), `${unit.name}: roles are granted on the unit itself`)
      }
      assert.equal(new Set(staff.map((s) => s.fullName)).size, staff.length, 'every invented name is different')
    })

    it('has the town administrator admin, a town leader and a moderator', async () => {
      const staff = await listStaff(deps, 'system')
      const town = (await listUnits(deps)).find((u) => u.code === '723')!
      const townRoles = staff.filter((s) => s.unitId === town.id).flatMap((s) => s.grants.map((g) => `${s.username}:${g.role}`))
      assert.ok(townRoles.includes('admin:admin'))
      assert.ok(townRoles.some((r) => r.endsWith(':leader')))
      assert.ok(townRoles.some((r) => r.endsWith(':moderator')))
    })

    it('returns sign-ins that work with the shared demo password', async () => {
      assert.equal(signIns?.length, 51)
      assert.ok(signIns!.every((s) => s.password === DEMO_PASSWORD && /^[a-z0-9.]+$/.test(s.username)))
      assert.ok(signIns!.some((s) => s.username === 'motcua.uyenhung' && s.role === 'desk_officer' && s.unitName === 'Phường Uyên Hưng'))
      const { staffId } = await signIn(deps, 'chutich.thanhhoi', DEMO_PASSWORD)
      assert.ok(staffId > 0)
    })

    /** Audit entries about units and staff. */
    const countAudited = async () =>
      Number((await database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('entity', 'in', ['unit', 'staff']).executeTakeFirstOrThrow()).n)

    it('audits every unit and account it creates, and reports progress to the end', async () => {
      assert.equal((await verifyAuditLog(database.db)).isIntact, true)
      assert.equal(await countAudited(), 14 + 51)
      assert.equal(DEMO_UNIT_STEPS, 65)
      // Other features seed after units and staff; the progress count spans them all.
      const total = DEMO_SEEDS.reduce((sum, seed) => sum + seed.steps, 0)
      assert.deepEqual(progress[0], [0, total])
      assert.deepEqual(progress.at(-1), [total, total])
    })

    it('does not seed a second time into a database that holds data', async () => {
      assert.equal(await isDatabaseEmpty(deps), false)
      assert.equal(await seedDemoIfEmpty(deps), null)
      assert.equal((await listUnits(deps)).length, 14)
      assert.equal((await listStaff(deps, 'system')).length, 51)
      assert.equal(await countAudited(), 65)
    })
  })
}
