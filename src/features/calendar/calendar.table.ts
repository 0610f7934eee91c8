/** Kysely table interfaces of the calendar's stored edits and settings. */

/** Row of `calendar_overrides`: one administrator decision about one date. */
export interface CalendarOverridesTable {
  date: string
  kind: string
  name: string
  name_en: string
  created_at: string | Date
}

/** Row of `calendar_unit_settings`: a unit's working-time settings as JSON. */
export interface CalendarUnitSettingsTable {
  unit_id: number
  settings_json: string
  updated_at: string | Date
}

/** The single row of `calendar_version`. */
export interface CalendarVersionTable {
  id: number
  version: number
}
