/**
 * HTML routes of the calendar's administration: the year's schedule (administrators of the home
 * unit add and remove edits) and each unit's working-time settings (administrators of that unit).
 * The calendar service checks who may do what and writes the audit entry; handlers read the form,
 * call it, then redirect with a flash (PRG) or re-render the form with its errors.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, FeatureDeps } from '../../app.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { BadRequestError, NotFoundError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { formBody, formErrorsOf, formList, formText, NO_ERRORS } from '../../views/forms.ts'
import type { FormErrors } from '../../views/forms.ts'
import { createPageSupport, principalOf, sendPage } from '../../views/page.ts'
import * as units from '../units/index.ts'
import { CalendarQueryError, parseYear } from './calendar-queries.ts'
import { localDateOf } from './vietnam-time.ts'
import { parseTimeOfDay } from './working-calendar.ts'
import type { CalendarSettings, OfficeInterval } from './working-calendar.ts'
import { displayDate, EMPTY_OVERRIDE_FORM, SchedulePage } from './views/admin-schedule.tsx'
import type { OverrideFormValues, UnitSettingsItem } from './views/admin-schedule.tsx'
import { SettingsPage, settingsFormValues } from './views/admin-settings.tsx'
import type { SettingsFormValues } from './views/admin-settings.tsx'

/** Most working days ahead that "due soon" may be set to (the API's limit too). */
const MAX_DUE_SOON_WORKING_DAYS = 30

/** Whether a text is a time of day the calendar accepts (`HH:MM`, up to 24:00). */
function isTimeOfDay(text: string): boolean {
  try {
    parseTimeOfDay(text)
    return true
  } catch {
    return false
  }
}

/** The year asked for, or the current year in Vietnam when none is; 400 when malformed. */
function yearOf(text: string | undefined, now: Date): number {
  if (text === undefined || text.trim() === '') return localDateOf(now).year
  try {
    return parseYear(text.trim())
  } catch (error) {
    if (error instanceof CalendarQueryError) throw new BadRequestError('calendar.admin.errors.year', { year: 'calendar.admin.errors.year' })
    throw error
  }
}

/** The settings form as typed. */
function readSettingsForm(body: unknown): SettingsFormValues {
  const form = formBody(body)
  const text = (name: string) => formText(form, name).trim()
  return {
    isSaturdayMorningWorked: formList(form, 'saturdayMorningWorked').includes('yes'),
    office1Start: text('office1Start'),
    office1End: text('office1End'),
    office2Start: text('office2Start'),
    office2End: text('office2End'),
    cutoff: text('cutoff'),
    dueSoonWorkingDays: text('dueSoonWorkingDays'),
  }
}

/**
 * Turns the typed settings into settings, or field errors for what the form alone can tell
 * (a time not written HH:MM, half a second span, days not a number). Order and overlap of the
 * spans are the calendar's rules, checked by the service.
 */
function parseSettingsForm(values: SettingsFormValues): { settings: CalendarSettings } | { fields: FieldErrors } {
  const fields: FieldErrors = {}
  for (const name of ['office1Start', 'office1End', 'cutoff'] as const) {
    if (!isTimeOfDay(values[name])) fields[name] = 'calendar.admin.errors.time'
  }
  const hasSecond = values.office2Start !== '' || values.office2End !== ''
  if (hasSecond) {
    for (const name of ['office2Start', 'office2End'] as const) {
      if (values[name] === '') fields[name] = 'calendar.admin.errors.secondInterval'
      else if (!isTimeOfDay(values[name])) fields[name] = 'calendar.admin.errors.time'
    }
  }
  const dueSoon = /^\d{1,2}$/.test(values.dueSoonWorkingDays) ? Number(values.dueSoonWorkingDays) : NaN
  if (!(dueSoon <= MAX_DUE_SOON_WORKING_DAYS)) fields.dueSoonWorkingDays = 'calendar.admin.errors.dueSoon'
  if (Object.keys(fields).length > 0) return { fields }
  const officeHours: OfficeInterval[] = [{ start: values.office1Start, end: values.office1End }]
  if (hasSecond) officeHours.push({ start: values.office2Start, end: values.office2End })
  return { settings: { saturdayMorningWorked: values.isSaturdayMorningWorked, officeHours, cutoff: values.cutoff, dueSoonWorkingDays: dueSoon } }
}

/** Registers the calendar's administration pages. */
export function registerCalendarAdminPages(app: App, deps: FeatureDeps): void {
  const pages = createPageSupport({ appSecret: deps.config.sessionSecret, isSecureCookie: deps.config.isSecureCookie, loadHomeUnit: () => units.getHomeUnit(deps) })

  const requireAdmin = units.adminPageGuard(deps)

  /** The enabled units the principal administers (those granted and every unit under them), tree order. */
  const administeredUnits = async (principal: Principal): Promise<{ code: string; name: string }[]> => {
    const all = await units.listPublicUnits(deps)
    const grantIds = [...new Set(principal.grants.filter((g) => g.role === 'admin').map((g) => g.unitId))]
    const included = new Set((await Promise.all(grantIds.map((id) => units.getUnitById(deps, id)))).map((u) => u.code))
    // Parents come before their children in the list, so one pass reaches every descendant.
    for (const unit of all) if (unit.parentCode !== null && included.has(unit.parentCode)) included.add(unit.code)
    return all.filter((u) => included.has(u.code))
  }

  const renderSchedule = async (req: FastifyRequest, reply: FastifyReply, year: number, values: OverrideFormValues, errors: FormErrors, status = 200) => {
    const principal = principalOf(req)
    const home = await units.getHomeUnit(deps)
    const [schedule, overrides, unitList] = await Promise.all([deps.calendar.holidays(year), deps.calendar.listOverrides(year), administeredUnits(principal)])
    const unitItems: UnitSettingsItem[] = await Promise.all(
      unitList.map(async (unit) => {
        const { settings, isInherited } = await deps.calendar.unitSettings(unit.code)
        return { code: unit.code, name: unit.name, settings, isInherited }
      }),
    )
    return sendPage(
      reply,
      <SchedulePage
        ctx={await pages.context(req, reply)}
        year={year}
        schedule={schedule}
        overrides={overrides}
        canEditSchedule={home !== null && units.hasRoleOn(principal, ['admin'], home.path)}
        homeUnitName={home?.name ?? ''}
        units={unitItems}
        values={values}
        errors={errors}
      />,
      status,
    )
  }

  app.get<{ Querystring: { year?: string } }>('/admin/lich', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) =>
    renderSchedule(req, reply, yearOf(req.query.year, deps.clock.now()), EMPTY_OVERRIDE_FORM, NO_ERRORS),
  )

  app.post('/admin/lich/ngay', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const form = formBody(req.body)
    const values: OverrideFormValues = { date: formText(form, 'date').trim(), kind: formText(form, 'kind'), name: formText(form, 'name'), nameEn: formText(form, 'nameEn') }
    try {
      const saved = await deps.calendar.setOverride(principalOf(req), { date: values.date, kind: values.kind, name: values.name, nameEn: values.nameEn.trim() || null })
      pages.flash(reply, { kind: 'success', key: 'calendar.admin.saved', params: { date: displayDate(saved.date), name: saved.name } })
      return reply.redirect(`/admin/lich?year=${saved.date.slice(0, 4)}`, 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      // Stay on the year the form was sent from (the typed date may be what is wrong).
      let year: number
      try {
        year = yearOf(formText(form, 'year'), deps.clock.now())
      } catch {
        year = localDateOf(deps.clock.now()).year
      }
      return renderSchedule(req, reply, year, values, failure.errors, failure.status)
    }
  })

  app.post<{ Params: { date: string } }>('/admin/lich/ngay/:date/xoa', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const date = req.params.date
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new NotFoundError()
    await deps.calendar.removeOverride(principalOf(req), date)
    pages.flash(reply, { kind: 'success', key: 'calendar.admin.removed', params: { date: displayDate(date) } })
    return reply.redirect(`/admin/lich?year=${date.slice(0, 4)}`, 303)
  })

  /** Loads a unit the principal administers by code: 404 when unknown, 403 outside their units. */
  const unitUnderAdmin = async (principal: Principal, code: string) => {
    const unit = await units.getUnitByCode(deps, code)
    units.requireRoleOn(principal, ['admin'], unit.path)
    return unit
  }

  const renderSettings = async (req: FastifyRequest, reply: FastifyReply, unit: { code: string; name: string }, values: SettingsFormValues | null, errors: FormErrors, status = 200) => {
    const current = await deps.calendar.unitSettings(unit.code)
    return sendPage(
      reply,
      <SettingsPage
        ctx={await pages.context(req, reply)}
        unit={{ code: unit.code, name: unit.name }}
        isInherited={current.isInherited}
        values={values ?? settingsFormValues(current.settings)}
        errors={errors}
      />,
      status,
    )
  }

  app.get<{ Params: { unitCode: string } }>('/admin/lich/don-vi/:unitCode', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const unit = await unitUnderAdmin(principalOf(req), req.params.unitCode)
    return renderSettings(req, reply, unit, null, NO_ERRORS)
  })

  app.post<{ Params: { unitCode: string } }>('/admin/lich/don-vi/:unitCode', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const principal = principalOf(req)
    const unit = await unitUnderAdmin(principal, req.params.unitCode)
    const values = readSettingsForm(req.body)
    const parsed = parseSettingsForm(values)
    if ('fields' in parsed) return renderSettings(req, reply, unit, values, { fields: parsed.fields }, 422)
    try {
      await deps.calendar.setUnitSettings(principal, unit.code, parsed.settings)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      // A complaint about the settings as a whole has no field to sit beside: show it in the summary.
      const { settings: general, ...fields } = failure.errors.fields
      return renderSettings(req, reply, unit, values, general ? { fields, general } : failure.errors, failure.status)
    }
    pages.flash(reply, { kind: 'success', key: 'calendar.admin.settings.saved', params: { unit: unit.name } })
    return reply.redirect(`/admin/lich/don-vi/${encodeURIComponent(unit.code)}`, 303)
  })
}
