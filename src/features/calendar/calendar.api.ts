/** JSON routes of the calendar under /api/v1/calendar. */
import { ErrorBody, requirePrincipal } from '../../platform/http/api.ts'
import { Type } from 'typebox'
import type { App, FeatureDeps } from '../../app.ts'
import { BadRequestError } from '../../platform/http/errors.ts'
import type { YearSchedule } from './holidays.ts'
import type { CalendarSettings } from './working-calendar.ts'
import { CalendarQueryError, parseDate, parseFrom, parseLimit, parseYear } from './calendar-queries.ts'

/** Runs a parser and turns its complaint into a 400 naming the parameter. */
function parsed<T>(parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (error instanceof CalendarQueryError) throw new BadRequestError(`calendar.errors.query.${error.parameter}`, { [error.parameter]: `calendar.errors.query.${error.parameter}` })
    throw error
  }
}

/** The API shape of a year's schedule. */
function presentSchedule(schedule: YearSchedule) {
  return { year: schedule.year, daysOff: schedule.daysOff.map((d) => ({ ...d })), extraWorkingDays: schedule.extraWorkingDays.map((d) => ({ ...d })) }
}

/** The API shape of working-time settings. */
function presentSettings(settings: CalendarSettings) {
  return { ...settings, officeHours: settings.officeHours.map((i) => ({ start: i.start, end: i.end })) }
}


const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody }
const DayOff = Type.Object({ date: Type.String(), kind: Type.Enum(['holiday', 'compensatory', 'government']), name: Type.String(), nameEn: Type.String() })
const WorkingDay = Type.Object({ date: Type.String(), name: Type.String(), nameEn: Type.String() })
const Override = Type.Object({ date: Type.String(), kind: Type.Enum(['day_off', 'working_day']), name: Type.String(), nameEn: Type.String() })
const Settings = Type.Object({
  saturdayMorningWorked: Type.Boolean(),
  officeHours: Type.Array(Type.Object({ start: Type.String(), end: Type.String() }), { minItems: 1, maxItems: 4 }),
  cutoff: Type.String(),
  dueSoonWorkingDays: Type.Integer({ minimum: 0, maximum: 30 }),
})
const Limit = Type.Union([
  Type.Object({ kind: Type.Literal('days'), days: Type.Integer() }),
  Type.Object({ kind: Type.Literal('hours'), hours: Type.Integer() }),
  Type.Object({ kind: Type.Literal('sameDay') }),
])

/** Registers the calendar API. */
export function registerCalendarApi(app: App, deps: FeatureDeps): void {
  const calendar = deps.calendar

  app.get(
    '/api/v1/calendar/holidays',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Days off of a year that are not ordinary weekend days, and the extra working days',
        querystring: Type.Object({ year: Type.Optional(Type.String()) }),
        response: { 200: Type.Object({ year: Type.Integer(), daysOff: Type.Array(DayOff), extraWorkingDays: Type.Array(WorkingDay) }), ...errors },
      },
    },
    async (req) => presentSchedule(await calendar.holidays(parsed(() => parseYear(req.query.year)))),
  )

  app.get(
    '/api/v1/calendar/lunar',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The Vietnamese lunar date of a day',
        querystring: Type.Object({ date: Type.Optional(Type.String()) }),
        response: {
          200: Type.Object({ day: Type.Integer(), month: Type.Integer(), year: Type.Integer(), leap: Type.Boolean(), yearName: Type.String() }),
          ...errors,
        },
      },
    },
    async (req) => calendar.lunar(parsed(() => parseDate(req.query.date))),
  )

  app.get(
    '/api/v1/calendar/due',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The due instant of a time limit counted in working time from a receipt instant',
        querystring: Type.Object({
          from: Type.Optional(Type.String()),
          days: Type.Optional(Type.String()),
          hours: Type.Optional(Type.String()),
          sameDay: Type.Optional(Type.String()),
          unit: Type.Optional(Type.String()),
        }),
        response: {
          200: Type.Object({
            from: Type.String(),
            countedFrom: Type.String(),
            due: Type.String(),
            limit: Limit,
            unit: Type.Union([Type.String(), Type.Null()]),
            workingMinutes: Type.Integer(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const from = parsed(() => parseFrom(req.query.from))
      const limit = parsed(() => parseLimit(req.query))
      return calendar.due(from, limit, req.query.unit || null)
    },
  )

  app.get(
    '/api/v1/calendar/overrides',
    {
      schema: {
        tags: ['calendar'],
        summary: "The administrator's edits of the yearly schedule",
        querystring: Type.Object({ year: Type.Optional(Type.String()) }),
        response: { 200: Type.Array(Override), ...errors },
      },
    },
    async (req) => calendar.listOverrides(req.query.year === undefined ? undefined : parsed(() => parseYear(req.query.year))),
  )

  app.put(
    '/api/v1/calendar/overrides/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Make a date a day off or a working day (administrator of the root unit; audited)',
        security: [{ bearer: [] }],
        params: Type.Object({ date: Type.String() }),
        body: Type.Object({ kind: Type.Enum(['day_off', 'working_day']), name: Type.String({ maxLength: 200 }), nameEn: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
        response: { 200: Override, ...errors },
      },
    },
    async (req) => calendar.setOverride(requirePrincipal(req.principal), { date: req.params.date, ...req.body }),
  )

  app.delete(
    '/api/v1/calendar/overrides/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: "Remove an administrator's edit of a date (audited)",
        security: [{ bearer: [] }],
        params: Type.Object({ date: Type.String() }),
        response: { 204: Type.Null({ description: 'Removed' }), ...errors },
      },
    },
    async (req, reply) => {
      await calendar.removeOverride(requirePrincipal(req.principal), req.params.date)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/api/v1/calendar/settings/:unit',
    {
      schema: {
        tags: ['calendar'],
        summary: "A unit's working-time settings (its own or inherited)",
        params: Type.Object({ unit: Type.String() }),
        response: { 200: Type.Object({ unit: Type.String(), settings: Settings, isInherited: Type.Boolean() }), ...errors },
      },
    },
    async (req) => {
      const answer = await calendar.unitSettings(req.params.unit)
      return { ...answer, settings: presentSettings(answer.settings) }
    },
  )

  app.put(
    '/api/v1/calendar/settings/:unit',
    {
      schema: {
        tags: ['calendar'],
        summary: "Set a unit's working-time settings (administrator of the unit; audited)",
        security: [{ bearer: [] }],
        params: Type.Object({ unit: Type.String() }),
        body: Type.Partial(Settings, { additionalProperties: false }),
        response: { 200: Settings, ...errors },
      },
    },
    async (req) => presentSettings(await calendar.setUnitSettings(requirePrincipal(req.principal), req.params.unit, req.body)),
  )
}
