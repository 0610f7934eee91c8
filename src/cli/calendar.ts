/**
 * `congso calendar`: the working-day calendar from the command line — holidays of a year, the
 * lunar date of a day, the due instant of a time limit, and edits of a year's schedule. Parsing is
 * the API's own (calendar-queries.ts), so both accept and refuse exactly the same input.
 */
import type { Command } from 'commander'
import { UsageError } from './context.ts'
import type { Cli, CliDeps } from './context.ts'

/** Runs a calendar parser; a refused parameter is a usage error (exit 2) naming it. */
async function parsed<T>(parse: () => T): Promise<T> {
  const { CalendarQueryError } = await import('../features/calendar/calendar-queries.ts')
  try {
    return parse()
  } catch (error) {
    if (error instanceof CalendarQueryError) throw new UsageError(error.message)
    throw error
  }
}

/** The calendar service for one command. */
async function calendarOf(deps: CliDeps) {
  const { createCalendarService } = await import('../features/calendar/calendar.service.ts')
  return createCalendarService(deps)
}

/** Adds `calendar` and its subcommands to the program. */
export function register(program: Command, cli: Cli): void {
  const calendar = program.command('calendar').description('the working-day calendar: holidays, lunar dates, deadlines, schedule edits')

  calendar
    .command('holidays')
    .description('list the days off of a year that are not ordinary weekend days, and the extra working days')
    .argument('<year>', 'a year from 1900 to 2100')
    .option('--json', 'print JSON: {"year", "daysOff": [...], "extraWorkingDays": [...]}')
    .action((yearText: string, options: { json?: boolean }) =>
      cli.withDatabase(async (deps) => {
        const { parseYear } = await import('../features/calendar/calendar-queries.ts')
        const year = await parsed(() => parseYear(yearText))
        const schedule = await (await calendarOf(deps)).holidays(year)
        if (options.json) return cli.out(JSON.stringify(schedule))
        cli.out(`Days off in ${year} (besides Saturdays and Sundays):`)
        for (const day of schedule.daysOff) cli.out(`  ${day.date}  ${day.kind.padEnd(12)}  ${day.name} / ${day.nameEn}`)
        cli.out(schedule.extraWorkingDays.length > 0 ? `Extra working days in ${year}:` : `No extra working days in ${year}.`)
        for (const day of schedule.extraWorkingDays) cli.out(`  ${day.date}  ${day.name} / ${day.nameEn}`)
      }),
    )

  calendar
    .command('lunar')
    .description('print the Vietnamese lunar date of a day')
    .argument('<date>', 'YYYY-MM-DD')
    .option('--json', 'print JSON: {"day", "month", "year", "leap", "yearName"}')
    .action(async (dateText: string, options: { json?: boolean }) => {
      const [{ parseDate }, { createCalendarService }] = await Promise.all([
        import('../features/calendar/calendar-queries.ts'),
        import('../features/calendar/calendar.service.ts'),
      ])
      const date = await parsed(() => parseDate(dateText))
      // The lunar calendar needs no stored data: no database is opened.
      const lunar = createCalendarService({ db: null as never, clock: { now: () => new Date() } }).lunar(date)
      if (options.json) return cli.out(JSON.stringify(lunar))
      cli.out(`${dateText}: ngày ${lunar.day} tháng ${lunar.month}${lunar.leap ? ' nhuận' : ''} năm ${lunar.yearName} (${lunar.year})`)
    })

  calendar
    .command('due')
    .description('print the due instant of a time limit counted in working time from a receipt instant')
    .requiredOption('--from <instant>', 'the receipt instant, e.g. 2026-05-04T08:30:00+07:00 (no offset means Vietnam time)')
    .option('--days <n>', 'N working days')
    .option('--hours <n>', 'N working hours')
    .option('--same-day', 'within the day')
    .option('--unit <code>', "use this unit's working-time settings")
    .option('--json', 'print JSON: {"from", "countedFrom", "due", "limit", "unit", "workingMinutes"}')
    .action((options: { from: string; days?: string; hours?: string; sameDay?: boolean; unit?: string; json?: boolean }) =>
      cli.withDatabase(async (deps) => {
        const { parseFrom, parseLimit } = await import('../features/calendar/calendar-queries.ts')
        const from = await parsed(() => parseFrom(options.from))
        const limit = await parsed(() => parseLimit({ days: options.days, hours: options.hours, sameDay: options.sameDay }))
        const { getUnitByCode } = await import('../features/units/unit.service.ts')
        if (options.unit && !(await getUnitByCode(deps, options.unit).catch(() => null))) throw new UsageError(`--unit: no unit with code "${options.unit}"`)
        const answer = await (await calendarOf(deps)).due(from, limit, options.unit ?? null)
        if (options.json) return cli.out(JSON.stringify(answer))
        cli.out(`Received ${answer.from}; the clock starts ${answer.countedFrom}.`)
        cli.out(`Due ${answer.due}.`)
      }),
    )

  for (const [name, kind, what] of [
    ['add-day-off', 'day_off', 'make a date a day off for civil servants (e.g. a swapped day); audited'],
    ['add-working-day', 'working_day', 'make a date a working day (e.g. a Saturday worked in exchange); audited'],
  ] as const) {
    calendar
      .command(name)
      .description(what)
      .argument('<date>', 'YYYY-MM-DD')
      .requiredOption('--name <text>', 'the reason in Vietnamese, e.g. "Nghỉ bù Quốc khánh"')
      .option('--name-en <text>', 'the reason in English (defaults to the Vietnamese)')
      .action((dateText: string, options: { name: string; nameEn?: string }) =>
        cli.withDatabase(async (deps) => {
          const { parseDate } = await import('../features/calendar/calendar-queries.ts')
          await parsed(() => parseDate(dateText))
          const override = await (await calendarOf(deps)).setOverride('system', { date: dateText, kind, name: options.name, nameEn: options.nameEn ?? null })
          cli.out(`${override.date} is now ${kind === 'day_off' ? 'a day off' : 'a working day'}: ${override.name}.`)
        }),
      )
  }

  calendar
    .command('remove-day')
    .description("remove an administrator's edit of a date, so the computed schedule applies again; audited")
    .argument('<date>', 'YYYY-MM-DD')
    .action((dateText: string) =>
      cli.withDatabase(async (deps) => {
        const { parseDate } = await import('../features/calendar/calendar-queries.ts')
        await parsed(() => parseDate(dateText))
        await (await calendarOf(deps)).removeOverride('system', dateText)
        cli.out(`Removed the edit of ${dateText}.`)
      }),
    )
}
