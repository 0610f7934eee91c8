/** The plan of a generated province: its shape, its codes and names, and its accounts. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { USERNAME_PATTERN, UNIT_CODE_PATTERN } from './features/units/unit.ts'
import { planProvince, PROVINCE_CODE } from './seed-province.ts'

describe('planProvince', () => {
  it('makes a province of 100 units: 9 towns and districts with 10 wards or communes each', () => {
    const plan = planProvince(100, 1)
    assert.equal(plan.units.length, 100)
    const root = plan.units[0]!
    assert.deepEqual([root.code, root.level, root.parentCode], [PROVINCE_CODE, 'province', null])
    const districts = plan.units.filter((u) => u.parentCode === PROVINCE_CODE)
    assert.equal(districts.length, 9)
    assert.deepEqual([...new Set(districts.map((d) => d.level))].sort(), ['city', 'district', 'town'])
    for (const district of districts) {
      const wards = plan.units.filter((u) => u.parentCode === district.code)
      assert.equal(wards.length, 10, district.name)
      // Cities and towns have wards; districts communes and one township.
      const expected = district.level === 'district' ? ['commune', 'township'] : ['ward']
      assert.deepEqual([...new Set(wards.map((w) => w.level))].sort(), expected)
    }
  })

  it('gives every unit a distinct valid code, a distinct name and an agency code of the national format', () => {
    const plan = planProvince(1000, 3)
    assert.equal(new Set(plan.units.map((u) => u.code)).size, 1000)
    assert.equal(new Set(plan.units.map((u) => u.name)).size, 1000)
    assert.equal(new Set(plan.units.map((u) => u.agencyCode)).size, 1000)
    for (const unit of plan.units) {
      assert.match(unit.code, UNIT_CODE_PATTERN)
      assert.match(unit.agencyCode, /^000\.\d{2}\.\d{2}\.H99$/)
      assert.match(unit.name, /^(Tỉnh|Thành phố|Thị xã|Huyện|Phường|Xã|Thị trấn) \p{L}+( \p{L}+)*$/u)
    }
  })

  it('staffs each unit: an administrator and a chair on the province, chair and specialist on a district, chair, desk officer and specialist below', () => {
    const plan = planProvince(12, 5)
    assert.equal(new Set(plan.staff.map((s) => s.username)).size, plan.staff.length)
    for (const account of plan.staff) assert.match(account.username, USERNAME_PATTERN)
    const rolesOn = (code: string) => plan.staff.filter((s) => s.unitCode === code).map((s) => s.role).sort()
    assert.deepEqual(rolesOn(PROVINCE_CODE), ['admin', 'leader'])
    assert.deepEqual(rolesOn('901'), ['leader', 'specialist'])
    assert.deepEqual(rolesOn('90001'), ['desk_officer', 'leader', 'specialist'])
  })

  it('is the same for the same size and seed, and differs with the seed', () => {
    assert.deepEqual(planProvince(40, 9), planProvince(40, 9))
    assert.notDeepEqual(planProvince(40, 9).units.map((u) => u.name), planProvince(40, 10).units.map((u) => u.name))
  })

  it('refuses a size outside 3 to 1000 units', () => {
    assert.throws(() => planProvince(2, 1), RangeError)
    assert.throws(() => planProvince(1001, 1), RangeError)
    assert.throws(() => planProvince(10.5, 1), RangeError)
  })
})
