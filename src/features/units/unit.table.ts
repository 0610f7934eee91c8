/** Kysely table interfaces of administrative units, staff and their role grants. */
import type { Generated } from 'kysely'

/** An instant as stored: ISO text on SQLite, Date from pg. */
type Instant = string | Date

/** Row of `units`. */
export interface UnitsTable {
  id: Generated<number>
  code: string
  name: string
  name_en: string | null
  level: string
  parent_id: number | null
  path: string
  agency_code: string | null
  address: string | null
  phone: string | null
  email: string | null
  is_disabled: Generated<number>
  created_at: Instant
  updated_at: Instant
}

/** Row of `staff`. */
export interface StaffTable {
  id: Generated<number>
  username: string
  full_name: string
  title: string | null
  email: string | null
  phone: string | null
  unit_id: number
  password_hash: string
  is_disabled: Generated<number>
  failed_sign_ins: Generated<number>
  locked_until: Instant | null
  password_changed_at: Instant
  created_at: Instant
  updated_at: Instant
}

/** Row of `role_grants`. */
export interface RoleGrantsTable {
  id: Generated<number>
  staff_id: number
  role: string
  unit_id: number
  created_at: Instant
}
