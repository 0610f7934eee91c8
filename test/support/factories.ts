/** Factories for test data: a small unit tree and staff with roles, built through the use cases. */
import type { Db } from '../../src/db/database.ts'
import { createApiToken } from '../../src/platform/auth/tokens.ts'
import type { Clock } from '../../src/platform/clock.ts'
import { createStaff, createUnit } from '../../src/features/units/unit.service.ts'
import type { Role } from '../../src/features/units/unit.ts'

/** The password every factory-made account gets. */
export const TEST_PASSWORD = 'test-password-123'

/** A town with two wards: codes TOWN, WARD-A, WARD-B. */
export async function createUnitTree(deps: { db: Db; clock: Clock }): Promise<void> {
  await createUnit(deps, 'system', { code: 'TOWN', name: 'Thị xã Thử Nghiệm', level: 'town' })
  await createUnit(deps, 'system', { code: 'WARD-A', name: 'Phường An', level: 'ward', parentCode: 'TOWN', agencyCode: '000.01.01.H99' })
  await createUnit(deps, 'system', { code: 'WARD-B', name: 'Phường Bình', level: 'ward', parentCode: 'TOWN', agencyCode: '000.02.01.H99' })
}

/** Creates a staff member with roles on a unit; returns its id and an API token. */
export async function createTestStaff(
  deps: { db: Db; clock: Clock },
  username: string,
  unitCode: string,
  roles: Role[],
): Promise<{ id: number; token: string }> {
  const { staff } = await createStaff(deps, 'system', { username, fullName: `Cán bộ ${username}`, unitCode, password: TEST_PASSWORD, roles })
  const token = await createApiToken(deps.db, staff.id, 'test', deps.clock.now())
  return { id: staff.id, token }
}
