import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Principal } from '../../platform/auth/principal.ts'
import { ForbiddenError } from '../../platform/http/errors.ts'
import { grantCovers, hasRoleOn, requireRoleOn, scopeRoots } from './unit.policy.ts'
import { afterFailedSignIn, isLocked, LOCK_DURATION_MS } from './unit.ts'

// Town /1/, ward A /1/2/, ward B /1/3/, a neighbourhood office under ward A /1/2/9/.
const TOWN = '/1/'
const WARD_A = '/1/2/'
const WARD_B = '/1/3/'
const UNDER_A = '/1/2/9/'

const principal = (role: string, unitPath: string): Principal => ({
  staffId: 1,
  username: 'u',
  fullName: 'U',
  unitId: 2,
  grants: [{ role, unitId: 2, unitPath }],
})

describe('unit-scoped grants', () => {
  it('lets a desk officer of ward A act on ward A only', () => {
    const desk = principal('desk_officer', WARD_A)
    assert.equal(hasRoleOn(desk, ['desk_officer'], WARD_A), true)
    assert.equal(hasRoleOn(desk, ['desk_officer'], WARD_B), false)
    assert.equal(hasRoleOn(desk, ['desk_officer'], UNDER_A), false)
    assert.equal(hasRoleOn(desk, ['desk_officer'], TOWN), false)
  })

  it('refuses a desk officer of ward A on ward B with 403', () => {
    assert.throws(() => requireRoleOn(principal('desk_officer', WARD_A), ['desk_officer'], WARD_B), ForbiddenError)
  })

  it('lets leaders and admins reach the descendants of their unit, not its parent or siblings', () => {
    for (const role of ['leader', 'admin']) {
      const p = principal(role, WARD_A)
      assert.equal(hasRoleOn(p, [role as 'leader'], UNDER_A), true)
      assert.equal(hasRoleOn(p, [role as 'leader'], WARD_B), false)
      assert.equal(hasRoleOn(p, [role as 'leader'], TOWN), false)
    }
    assert.equal(hasRoleOn(principal('admin', TOWN), ['admin'], WARD_B), true)
  })

  it('does not confuse /1/2/ with /1/20/', () => {
    assert.equal(grantCovers({ role: 'admin', unitId: 2, unitPath: '/1/2/' }, '/1/20/'), false)
  })

  it('gives no access to an anonymous caller or to the wrong role', () => {
    assert.equal(hasRoleOn(null, ['admin'], TOWN), false)
    assert.equal(hasRoleOn(principal('moderator', TOWN), ['admin'], TOWN), false)
  })

  it('lists scope roots with whether they include descendants', () => {
    assert.deepEqual(scopeRoots(principal('leader', WARD_A), ['leader']), [{ path: WARD_A, isSubtree: true }])
    assert.deepEqual(scopeRoots(principal('specialist', WARD_A), ['specialist']), [{ path: WARD_A, isSubtree: false }])
  })
})

describe('sign-in lockout', () => {
  const now = new Date('2026-03-02T02:00:00Z')
  it('locks for 15 minutes on the fifth failure in a row', () => {
    let failed = 0
    for (let i = 1; i <= 4; i++) {
      const next = afterFailedSignIn(failed, now)
      assert.equal(next.lockedUntil, null)
      failed = next.failedSignIns
    }
    const fifth = afterFailedSignIn(failed, now)
    assert.equal(fifth.lockedUntil?.getTime(), now.getTime() + LOCK_DURATION_MS)
    assert.equal(isLocked(fifth.lockedUntil, new Date(now.getTime() + LOCK_DURATION_MS - 1)), true)
    assert.equal(isLocked(fifth.lockedUntil, new Date(now.getTime() + LOCK_DURATION_MS)), false)
  })
})
