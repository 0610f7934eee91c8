/**
 * The calendar's use cases over stored data: the yearly schedule with the administrator's edits,
 * each unit's working-time settings (inherited from the nearest ancestor that has some), and the
 * questions the API and CLI answer. Calendars are cached per process and rebuilt when the stored
 * version changes, so an edit made on any app instance governs every deadline computed after it.
 */
import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { Database } from '../../db/schema.ts'
import { instant } from '../../db/portable.ts'
import { appendAudit } from '../../platform/audit/audit.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import type { Clock } from '../../platform/clock.ts'
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import * as units from '../units/index.ts'
import { formatCivilDate } from './civil-date.ts'
import type { CivilDate } from './civil-date.ts'
import { computeDue, effectiveReceipt, workingTimeBetween } from './deadline.ts'
import type { TimeLimit } from './deadline.ts'
import { yearSchedule } from './holidays.ts'
import type { ScheduleOverride, YearSchedule } from './holidays.ts'
import { lunarYearName, toLunar } from './lunar.ts'
import { parseDate } from './calendar-queries.ts'
import { formatInstant } from './vietnam-time.ts'
import { parseTimeOfDay, resolveSettings, WorkingCalendar } from './working-calendar.ts'
import type { CalendarSettings } from './working-calendar.ts'

/** What the calendar service needs. */
export interface CalendarDeps {
  readonly db: Db
  readonly clock: Clock
}

/** The acting principal, or 'system' for the CLI. */
export type By = Principal | 'system'

/** The lunar date of a day, as the API and CLI print it. */
export interface LunarAnswer {
  readonly day: number
  readonly month: number
  readonly year: number
  readonly leap: boolean
  readonly yearName: string
}

/** A due-date answer, as the API and CLI print it. */
export interface DueAnswer {
  readonly from: string
  /** When the clock actually starts: after the cut-off or outside office hours, the next working time. */
  readonly countedFrom: string
  readonly due: string
  readonly limit: TimeLimit
  readonly unit: string | null
  /** Working minutes between countedFrom and due. */
  readonly workingMinutes: number
}

/** The calendar service: one per process, holding the cache. */
export interface CalendarService {
  /** The working calendar of a unit (its settings or its nearest ancestor's), or the default one. */
  calendarFor(unitId: number | null): Promise<WorkingCalendar>
  holidays(year: number): Promise<YearSchedule>
  lunar(date: CivilDate): LunarAnswer
  due(from: Date, limit: TimeLimit, unitCode?: string | null): Promise<DueAnswer>
  listOverrides(year?: number): Promise<ScheduleOverride[]>
  setOverride(by: By, input: { date: string; kind: string; name: string; nameEn?: string | null }): Promise<ScheduleOverride>
  removeOverride(by: By, date: string): Promise<void>
  unitSettings(unitCode: string): Promise<{ unit: string; settings: CalendarSettings; isInherited: boolean }>
  setUnitSettings(by: By, unitCode: string, settings: Partial<CalendarSettings>): Promise<CalendarSettings>
}

const actorOf = (by: By): Actor => (by === 'system' ? { id: null, label: 'system' } : { id: by.staffId, label: by.username })

/** Creates the calendar service for a database. */
export function createCalendarService(deps: CalendarDeps): CalendarService {
  let cachedVersion = -1
  let overrides: ScheduleOverride[] = []
  let settingsByUnit = new Map<number, CalendarSettings>()
  const calendars = new Map<string, WorkingCalendar>()

  /** Reloads the stored edits when another writer (maybe another instance) changed them. */
  async function refresh(): Promise<void> {
    const row = await deps.db.selectFrom('calendar_version').select('version').where('id', '=', 1).executeTakeFirstOrThrow()
    const version = Number(row.version)
    if (version === cachedVersion) return
    const [overrideRows, settingRows] = await Promise.all([
      deps.db.selectFrom('calendar_overrides').selectAll().orderBy('date').execute(),
      deps.db.selectFrom('calendar_unit_settings').selectAll().execute(),
    ])
    overrides = overrideRows.map((r) => ({ date: r.date, kind: r.kind === 'working_day' ? 'working_day' : 'day_off', name: r.name, nameEn: r.name_en }))
    settingsByUnit = new Map(settingRows.map((r) => [Number(r.unit_id), resolveSettings(JSON.parse(r.settings_json) as Partial<CalendarSettings>)]))
    calendars.clear()
    cachedVersion = version
  }

  /** The unit's own settings or the nearest ancestor's, and which unit they come from. */
  async function settingsFor(unitId: number | null): Promise<{ settings: CalendarSettings | null; fromUnitId: number | null }> {
    if (unitId === null) return { settings: null, fromUnitId: null }
    const unit = await units.getUnitById({ db: deps.db, clock: deps.clock }, unitId)
    const ancestors = unit.path.split('/').filter(Boolean).map(Number).reverse()
    for (const id of ancestors) {
      const settings = settingsByUnit.get(id)
      if (settings) return { settings, fromUnitId: id }
    }
    return { settings: null, fromUnitId: null }
  }

  async function calendarFor(unitId: number | null): Promise<WorkingCalendar> {
    await refresh()
    const { settings, fromUnitId } = await settingsFor(unitId)
    const key = String(fromUnitId ?? 'default')
    let calendar = calendars.get(key)
    if (!calendar) {
      calendar = new WorkingCalendar({ ...(settings ? { settings } : {}), overrides })
      calendars.set(key, calendar)
    }
    return calendar
  }

  /** Throws 403 unless the principal administers the deployment's root unit. */
  async function requireRootAdmin(by: By): Promise<void> {
    if (by === 'system') return
    const home = await units.getHomeUnit({ db: deps.db, clock: deps.clock })
    if (!home) throw new NotFoundError()
    units.requireRoleOn(by, ['admin'], home.path)
  }

  async function bumpVersion(trx: Transaction<Database>): Promise<void> {
    await trx
      .updateTable('calendar_version')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', 1)
      .execute()
  }

  return {
    calendarFor,

    async holidays(year) {
      await refresh()
      return yearSchedule(year, overrides)
    },

    lunar(date) {
      const lunar = toLunar(date)
      return { day: lunar.day, month: lunar.month, year: lunar.year, leap: lunar.leap, yearName: lunarYearName(lunar.year) }
    },

    async due(from, limit, unitCode) {
      const unit = unitCode ? await units.getUnitByCode({ db: deps.db, clock: deps.clock }, unitCode) : null
      const calendar = await calendarFor(unit?.id ?? null)
      const due = computeDue(calendar, from, limit)
      const countedFrom = effectiveReceipt(calendar, from)
      return {
        from: formatInstant(from),
        countedFrom: formatInstant(countedFrom),
        due: formatInstant(due),
        limit,
        unit: unit?.code ?? null,
        workingMinutes: workingTimeBetween(calendar, countedFrom, due),
      }
    },

    async listOverrides(year) {
      await refresh()
      return year === undefined ? [...overrides] : overrides.filter((o) => o.date.startsWith(`${year}-`))
    },

    async setOverride(by, input) {
      await requireRootAdmin(by)
      const fields: Record<string, string> = {}
      let date: string | null = null
      try {
        date = formatCivilDate(parseDate(input.date))
      } catch {
        fields.date = 'calendar.errors.date'
      }
      if (input.kind !== 'day_off' && input.kind !== 'working_day') fields.kind = 'calendar.errors.kind'
      const name = input.name.trim()
      if (name.length < 2 || name.length > 200) fields.name = 'calendar.errors.name'
      const nameEn = input.nameEn?.trim() || name
      if (nameEn.length > 200) fields.nameEn = 'calendar.errors.name'
      if (Object.keys(fields).length > 0 || date === null) throw new ValidationError(fields)
      const override: ScheduleOverride = { date, kind: input.kind as ScheduleOverride['kind'], name, nameEn }
      const now = deps.clock.now()
      await deps.db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('calendar_overrides').selectAll().where('date', '=', date).executeTakeFirst()
        if (before) await trx.deleteFrom('calendar_overrides').where('date', '=', date).execute()
        await trx.insertInto('calendar_overrides').values({ date, kind: override.kind, name, name_en: nameEn, created_at: instant(now) }).execute()
        await bumpVersion(trx)
        await appendAudit(trx, {
          actor: actorOf(by),
          at: now,
          entity: 'calendar_day',
          entityId: date,
          action: before ? 'update' : 'create',
          before: before ? { kind: before.kind, name: before.name, nameEn: before.name_en } : undefined,
          after: { kind: override.kind, name, nameEn },
        })
      })
      return override
    },

    async removeOverride(by, dateText) {
      await requireRootAdmin(by)
      let date: string
      try {
        date = formatCivilDate(parseDate(dateText))
      } catch {
        throw new ValidationError({ date: 'calendar.errors.date' })
      }
      const now = deps.clock.now()
      await deps.db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('calendar_overrides').selectAll().where('date', '=', date).executeTakeFirst()
        if (!before) throw new NotFoundError()
        await trx.deleteFrom('calendar_overrides').where('date', '=', date).execute()
        await bumpVersion(trx)
        await appendAudit(trx, {
          actor: actorOf(by),
          at: now,
          entity: 'calendar_day',
          entityId: date,
          action: 'delete',
          before: { kind: before.kind, name: before.name, nameEn: before.name_en },
        })
      })
    },

    async unitSettings(unitCode) {
      await refresh()
      const unit = await units.getUnitByCode({ db: deps.db, clock: deps.clock }, unitCode)
      const { settings, fromUnitId } = await settingsFor(unit.id)
      return { unit: unit.code, settings: settings ?? resolveSettings(), isInherited: fromUnitId !== unit.id }
    },

    async setUnitSettings(by, unitCode, partial) {
      const unit = await units.getUnitByCode({ db: deps.db, clock: deps.clock }, unitCode)
      if (by !== 'system') units.requireRoleOn(by, ['admin'], unit.path)
      // Check each time on its own first, so the message lands beside the field that is wrong.
      const fields: Record<string, string> = {}
      const isTime = (text: string) => {
        try {
          parseTimeOfDay(text)
          return true
        } catch {
          return false
        }
      }
      if (partial.officeHours?.some((i) => !isTime(i.start) || !isTime(i.end))) fields.officeHours = 'calendar.errors.settings'
      if (partial.cutoff !== undefined && !isTime(partial.cutoff)) fields.cutoff = 'calendar.errors.settings'
      if (Object.keys(fields).length > 0) throw new ValidationError(fields)
      let settings: CalendarSettings
      try {
        settings = resolveSettings(partial)
      } catch (error) {
        const message = error instanceof Error ? error.message : ''
        const field = /officeHours/.test(message) ? 'officeHours' : /dueSoon/.test(message) ? 'dueSoonWorkingDays' : 'settings'
        throw new ValidationError({ [field]: 'calendar.errors.settings' })
      }
      const now = deps.clock.now()
      await deps.db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('calendar_unit_settings').selectAll().where('unit_id', '=', unit.id).executeTakeFirst()
        if (before) await trx.deleteFrom('calendar_unit_settings').where('unit_id', '=', unit.id).execute()
        await trx.insertInto('calendar_unit_settings').values({ unit_id: unit.id, settings_json: JSON.stringify(settings), updated_at: instant(now) }).execute()
        await bumpVersion(trx)
        await appendAudit(trx, {
          actor: actorOf(by),
          at: now,
          entity: 'calendar_settings',
          entityId: unit.code,
          action: 'update',
          before: before ? JSON.parse(before.settings_json) : undefined,
          after: settings,
        })
      })
      return settings
    },
  }
}
