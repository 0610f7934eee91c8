/** Domain types of administrative units and staff, and pure rules about them. */

/** Levels of administrative unit, across the three-level (to mid-2025) and two-level structures. */
export const UNIT_LEVELS = ['province', 'city', 'district', 'town', 'ward', 'commune', 'township'] as const
/** One of UNIT_LEVELS. */
export type UnitLevel = (typeof UNIT_LEVELS)[number]

/** An administrative unit (đơn vị hành chính). */
export interface Unit {
  readonly id: number
  readonly code: string
  readonly name: string
  readonly nameEn: string | null
  readonly level: UnitLevel
  readonly parentId: number | null
  readonly parentCode: string | null
  /** Materialised path of ancestor ids including itself, "/1/4/". */
  readonly path: string
  /** Agency code of the national scheme (e.g. "000.00.00.H12"), used in dossier codes. */
  readonly agencyCode: string | null
  readonly isDisabled: boolean
}

/** Roles a staff member can be granted on a unit. */
export const ROLES = ['admin', 'leader', 'desk_officer', 'specialist', 'moderator'] as const
/** One of ROLES. */
export type Role = (typeof ROLES)[number]

/** Whether a string names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** A staff member as the admin pages show them (never the password hash). */
export interface Staff {
  readonly id: number
  readonly username: string
  readonly fullName: string
  readonly title: string | null
  readonly email: string | null
  readonly phone: string | null
  readonly unitId: number
  readonly unitName: string
  readonly isDisabled: boolean
  readonly lockedUntil: Date | null
  readonly grants: readonly { readonly role: Role; readonly unitId: number; readonly unitName: string }[]
}

/** Usernames: lower-case letters, digits, dot, dash, underscore; 3–40 characters. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/

/** Unit codes: digits, letters, dots and dashes; 1–40 characters. */
export const UNIT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$/

/** Failed sign-ins in a row that lock an account. */
export const MAX_FAILED_SIGN_INS = 5
/** How long a locked account stays locked. */
export const LOCK_DURATION_MS = 15 * 60_000

/** The account state after a failed sign-in: counter and lock. */
export function afterFailedSignIn(failedSoFar: number, now: Date): { failedSignIns: number; lockedUntil: Date | null } {
  const failed = failedSoFar + 1
  if (failed >= MAX_FAILED_SIGN_INS) return { failedSignIns: 0, lockedUntil: new Date(now.getTime() + LOCK_DURATION_MS) }
  return { failedSignIns: failed, lockedUntil: null }
}

/** Whether an account is locked at an instant. */
export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime()
}

/** The path of a new unit under a parent path. */
export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`
}
