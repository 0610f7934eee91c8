/**
 * The calendar feature's public face: the Vietnamese lunar calendar, holidays and working days,
 * and the deadline engine. Other features import from here only.
 */
export type { CivilDate, Weekday } from './civil-date.ts'
export {
  addDays,
  civilDate,
  compareCivilDates,
  dayOfWeek,
  daysBetween,
  formatCivilDate,
  fromEpochDay,
  isValidCivilDate,
  parseCivilDate,
  toEpochDay,
} from './civil-date.ts'
export type { LunarDate, LunarMonth } from './lunar.ts'
export { fromLunar, lunarMonthName, lunarMonthsOfYear, lunarYearName, tetDate, toLunar } from './lunar.ts'
export type { GovernmentSchedule, NamedDate } from './government-schedules.ts'
export { GOVERNMENT_SCHEDULES } from './government-schedules.ts'
export type { DayOff, DayOffKind, ExtraWorkingDay, ResolvedYear, ScheduleOverride, YearSchedule } from './holidays.ts'
export { resolveYear, yearSchedule } from './holidays.ts'
export type { CalendarSettings, MinuteInterval, OfficeInterval, WorkingCalendarOptions } from './working-calendar.ts'
export { DEFAULT_CALENDAR_SETTINGS, WorkingCalendar, resolveSettings } from './working-calendar.ts'
export type { ClassifyInput, DueStatus, TimeLimit } from './deadline.ts'
export { classify, computeDue, effectiveReceipt, workingTimeBetween } from './deadline.ts'
export { formatInstant, instantOf, localDateOf, parseInstant } from './vietnam-time.ts'
export type { CalendarService, DueAnswer, LunarAnswer } from './calendar.service.ts'
export { createCalendarService } from './calendar.service.ts'
export { CalendarQueryError, parseDate, parseFrom, parseLimit, parseYear } from './calendar-queries.ts'
export { messages } from './calendar.messages.ts'
export { adminMessages } from './calendar.admin.messages.ts'

import type { App, FeatureDeps } from '../../app.ts'
import { registerCalendarApi } from './calendar.api.ts'
import { registerCalendarPages } from './calendar.pages.tsx'
import { registerCalendarAdminPages } from './calendar.admin.pages.tsx'

/** Registers the calendar's API, public pages and administration pages. */
export async function register(app: App, deps: FeatureDeps): Promise<void> {
  registerCalendarApi(app, deps)
  registerCalendarPages(app, deps)
  registerCalendarAdminPages(app, deps)
}
