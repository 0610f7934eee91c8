/**
 * HTML routes of citizen reception. Public: the published schedule (/tiep-cong-dan). Staff
 * (/admin/tiep-cong-dan): the schedule with its one-day and pattern forms, one day's page (change,
 * held, cancel, delete), the register (list, new entry, one entry with its direction and notice
 * forms, the printable register of a period) and the compliance view. Handlers stay thin: read the
 * form, call one use case (which checks the unit scope and writes the audit entry), then redirect
 * (PRG) or show the form again with its messages and what was typed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, FeatureDeps } from '../../app.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { BadRequestError, ForbiddenError, NotFoundError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import type { Choice, ChoiceGroup } from '../../views/components.tsx'
import { formBody, formErrorsOf, formList, formText, NO_ERRORS } from '../../views/forms.ts'
import type { FormBody, FormErrors } from '../../views/forms.ts'
import { createPageSupport, principalOf, sendPage, signedInGuard } from '../../views/page.ts'
import type { PageSupport } from '../../views/page.ts'
import { addDays, formatCivilDate, localDateOf } from '../calendar/index.ts'
import * as units from '../units/index.ts'
import type { Unit } from '../units/index.ts'
import { monthOf, receptionRoots } from './reception.ts'
import * as service from './reception.service.ts'
import type { ReceptionDay } from './reception.service.ts'
import { CompliancePage } from './views/reception-compliance.tsx'
import {
  caseHref,
  COMPLIANCE_PATH,
  dateTimeLocal,
  dayHref,
  longDate,
  NEW_CASE_PATH,
  NEW_DAY_PATH,
  PATTERN_PATH,
  PRINT_REGISTER_PATH,
  PUBLIC_SCHEDULE_PATH,
  REGISTER_LIST_PATH,
  STAFF_RECEPTION_PATH,
} from './views/reception-format.ts'
import { PublicSchedulePage } from './views/reception-public.tsx'
import { CasePage, freshCaseForm, NewCasePage, PrintRegisterPage, RegisterListPage } from './views/reception-register.tsx'
import type { CaseFormValues, RegisterFilter } from './views/reception-register.tsx'
import { DayPage, formField, prefixErrors, SchedulePage } from './views/reception-schedule.tsx'
import type { DayEditValues, DayFormValues, PatternFormValues, ScheduleFilter } from './views/reception-schedule.tsx'

/** Entries per page of the register. */
export const REGISTER_PAGE_SIZE = 25

// Vietnamese collation, so "Đ" follows "D" and "Ư" follows "U" as readers expect.
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true })

/** One text value of a query parameter (the first when repeated; '' when absent). */
function queryText(value: unknown, max = 40): string {
  const text = typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : ''
  return text.trim().slice(0, max)
}

/** A page number from the query: 1 for anything that is not a sensible one. */
function pageNumber(value: unknown): number {
  const requested = Number.parseInt(queryText(value) || '1', 10)
  return Number.isFinite(requested) && requested >= 1 ? Math.min(requested, 100_000) : 1
}

/** The id in a path, or a 404 for anything that is not one. */
function idOf(text: string): number {
  if (!/^\d{1,12}$/.test(text)) throw new NotFoundError()
  return Number(text)
}

/** A form's text fields under a prefix. */
function readPrefixed<K extends string>(form: FormBody, prefix: string, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(names.map((n) => [n, formText(form, formField(prefix, n)).slice(0, 5000)])) as Record<K, string>
}

/** Whole numbers typed in a list ("5, 20"); null when something else is in it. */
function numberList(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean)
  return parts.every((p) => /^-?\d{1,2}$/.test(p)) ? parts.map(Number) : null
}

/** The failure of a use case as a form's errors, or a rethrow for anything else (403, 404, bugs). */
function failureOf(error: unknown): { status: number; errors: FormErrors } {
  const failure = formErrorsOf(error)
  if (!failure) throw error
  return failure
}

/** Registers the reception pages. */
export function registerReceptionPages(app: App, deps: FeatureDeps): void {
  const pages: PageSupport = createPageSupport({
    appSecret: deps.config.sessionSecret,
    isSecureCookie: deps.config.isSecureCookie,
    loadHomeUnit: () => units.getHomeUnit(deps),
  })

  /** Sends the visitor to sign in; a signed-in person who keeps no reception anywhere gets the 403 page. */
  const requireReceptionStaff = signedInGuard((_req, principal) => {
    if (receptionRoots(principal).length === 0) throw new ForbiddenError()
  })
  const staffRoute = { schema: { hide: true }, preHandler: requireReceptionStaff }

  const today = () => localDateOf(deps.clock.now())
  const unitChoices = (list: readonly Unit[]): Choice[] => list.map((u) => ({ value: u.code, label: u.name }))

  /** Leaders of each of the principal's units, grouped under the unit's name. */
  const hostGroups = async (list: readonly Unit[]): Promise<ChoiceGroup[]> =>
    (await service.hostsOf(deps, list))
      .map(({ unit, hosts }) => ({ label: unit.name, choices: hosts.sort((a, b) => collator.compare(a.fullName, b.fullName)).map((h) => ({ value: h.username, label: h.fullName })) }))
      .filter((g) => g.choices.length > 0)

  // ---------- The public schedule ----------

  app.get<{ Querystring: Record<string, unknown> }>(PUBLIC_SCHEDULE_PATH, { schema: { hide: true } }, async (req, reply) => {
    const home = await units.getHomeUnit(deps)
    const all = home ? (await units.listUnits(deps)).filter((u) => !u.isDisabled && u.path.startsWith(home.path)) : []
    all.sort((a, b) => a.path.split('/').length - b.path.split('/').length || collator.compare(a.name, b.name))
    const requested = queryText(req.query.unit)
    // A unit that names nothing shows everything, as the list does without one.
    const unit = all.some((u) => u.code === requested) ? requested : ''
    // A month ahead: the town's dozen wards make a long list on a phone already.
    const days = await service.listPublicSchedule(deps, { unitCode: unit || null, days: service.PUBLIC_DAYS.page })
    return sendPage(reply, <PublicSchedulePage ctx={await pages.context(req, reply)} units={unitChoices(all)} unit={unit} days={days} daysAhead={service.PUBLIC_DAYS.page} />)
  })

  // ---------- The schedule ----------

  const freshDayForm = (list: readonly Unit[], t: (key: string) => string): DayFormValues => ({
    unitCode: list.length === 1 ? list[0]!.code : '',
    hostUsername: '',
    hostRole: '',
    day: '',
    starts: '07:30',
    ends: '11:30',
    venue: t('reception.pages.schedule.defaultVenue'),
    note: '',
  })

  const freshPatternForm = (list: readonly Unit[], t: (key: string) => string): PatternFormValues => {
    const start = today()
    return {
      unitCode: list.length === 1 ? list[0]!.code : '',
      hostUsername: '',
      hostRole: '',
      from: formatCivilDate(start),
      to: formatCivilDate(monthOf(addDays(monthOf(start).to, 1)).to),
      kind: 'weekly',
      weekdays: [],
      weekday: '',
      ordinals: [],
      monthDays: '',
      starts: '07:30',
      ends: '11:30',
      venue: t('reception.pages.schedule.defaultVenue'),
    }
  }

  const renderSchedule = async (
    req: FastifyRequest<{ Querystring: Record<string, unknown> }>,
    reply: FastifyReply,
    failed: { dayForm?: { values: DayFormValues; errors: FormErrors }; patternForm?: { values: PatternFormValues; errors: FormErrors }; status: number } | null,
  ) => {
    const principal = principalOf(req)
    const list = await service.unitsOf(deps, principal)
    const q = req.query ?? {}
    const filter: ScheduleFilter = { unit: queryText(q.unit), from: queryText(q.from, 10), to: queryText(q.to, 10), status: queryText(q.status, 20) }
    let filterErrors: FormErrors = NO_ERRORS
    let days: ReceptionDay[] = []
    let shown = filter
    try {
      const result = await service.listDays(deps, principal, { unitCode: filter.unit || null, from: filter.from || null, to: filter.to || null, status: filter.status || null })
      days = result.days
      shown = { ...filter, from: result.from, to: result.to }
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error
      filterErrors = { fields: error.fields }
    }
    const ctx = await pages.context(req, reply)
    const status = failed?.status ?? (filterErrors === NO_ERRORS ? 200 : 400)
    return sendPage(
      reply,
      <SchedulePage
        ctx={ctx}
        filter={shown}
        filterErrors={filterErrors}
        units={unitChoices(list)}
        hosts={await hostGroups(list)}
        days={days}
        today={formatCivilDate(today())}
        dayForm={failed?.dayForm ?? { values: freshDayForm(list, ctx.t), errors: NO_ERRORS }}
        patternForm={failed?.patternForm ?? { values: freshPatternForm(list, ctx.t), errors: NO_ERRORS }}
      />,
      status,
      { isPrivate: true },
    )
  }

  app.get<{ Querystring: Record<string, unknown> }>(STAFF_RECEPTION_PATH, staffRoute, (req, reply) => renderSchedule(req, reply, null))

  app.post(NEW_DAY_PATH, staffRoute, async (req, reply) => {
    const form = formBody(req.body)
    const values = readPrefixed(form, 'one', ['unitCode', 'hostUsername', 'hostRole', 'day', 'starts', 'ends', 'venue', 'note'] as const)
    try {
      const day = await service.scheduleDay(deps, principalOf(req), values)
      pages.flash(reply, { kind: 'success', key: 'reception.pages.schedule.added', params: { date: longDate(req.t, day.day), host: day.host.fullName } })
      return reply.redirect(STAFF_RECEPTION_PATH, 303)
    } catch (error) {
      const failure = failureOf(error)
      return renderSchedule(req as FastifyRequest<{ Querystring: Record<string, unknown> }>, reply, { dayForm: { values, errors: prefixErrors('one', failure.errors) }, status: failure.status })
    }
  })

  app.post(PATTERN_PATH, staffRoute, async (req, reply) => {
    const form = formBody(req.body)
    const text = readPrefixed(form, 'pattern', ['unitCode', 'hostUsername', 'hostRole', 'from', 'to', 'kind', 'weekday', 'monthDays', 'starts', 'ends', 'venue'] as const)
    const values: PatternFormValues = { ...text, weekdays: formList(form, formField('pattern', 'weekdays')).slice(0, 7), ordinals: formList(form, formField('pattern', 'ordinals')).slice(0, 6) }
    const typed: FieldErrors = {}
    const weekdays = numberList(values.weekdays.join(','))
    const ordinals = numberList(values.ordinals.join(','))
    const monthDays = numberList(values.monthDays)
    if (weekdays === null) typed.weekdays = 'reception.errors.weekdays'
    if (ordinals === null) typed.ordinals = 'reception.errors.ordinals'
    if (monthDays === null) typed.monthDays = 'reception.errors.monthDays'
    const weekday = /^[0-6]$/.test(values.weekday) ? Number(values.weekday) : null
    try {
      if (Object.keys(typed).length > 0) throw new BadRequestError('errors.badRequest', typed)
      const result = await service.schedulePattern(deps, principalOf(req), {
        ...values,
        weekdays: weekdays ?? [],
        weekday,
        ordinals: ordinals ?? [],
        monthDays: monthDays ?? [],
      })
      pages.flash(reply, {
        kind: 'success',
        key: 'reception.pages.schedule.patternAdded',
        params: { count: result.created.length, daysOff: result.skippedDaysOff.length, existing: result.skippedExisting.length },
      })
      return reply.redirect(STAFF_RECEPTION_PATH, 303)
    } catch (error) {
      const failure = failureOf(error)
      return renderSchedule(req as FastifyRequest<{ Querystring: Record<string, unknown> }>, reply, { patternForm: { values, errors: prefixErrors('pattern', failure.errors) }, status: failure.status })
    }
  })

  // ---------- One day ----------

  type DayFailure = { edit?: { values: DayEditValues; errors: FormErrors }; held?: { values: { note: string }; errors: FormErrors }; cancel?: { values: { reason: string }; errors: FormErrors }; general?: FormErrors; status: number }

  const renderDay = async (req: FastifyRequest, reply: FastifyReply, id: number, failed: DayFailure | null) => {
    const principal = principalOf(req)
    const day = await service.getDay(deps, principal, id)
    const leaders = (await service.hostsOf(deps, [await units.getUnitById(deps, day.unit.id)]))[0]?.hosts ?? []
    const hosts = leaders.some((h) => h.username === day.host.username) ? leaders : [{ username: day.host.username, fullName: day.host.fullName }, ...leaders]
    const edit: DayEditValues = { hostUsername: day.host.username, hostRole: day.hostRole, day: day.day, starts: day.starts, ends: day.ends, venue: day.venue, note: day.note ?? '' }
    return sendPage(
      reply,
      <DayPage
        ctx={await pages.context(req, reply)}
        day={day}
        hosts={hosts.map((h) => ({ value: h.username, label: h.fullName }))}
        canHold={day.day <= formatCivilDate(today())}
        edit={failed?.edit ?? { values: edit, errors: NO_ERRORS }}
        held={failed?.held ?? { values: { note: '' }, errors: NO_ERRORS }}
        cancel={failed?.cancel ?? { values: { reason: '' }, errors: NO_ERRORS }}
        general={failed?.general ?? NO_ERRORS}
      />,
      failed?.status ?? 200,
      { isPrivate: true },
    )
  }

  app.get<{ Params: { id: string } }>(`${STAFF_RECEPTION_PATH}/lich/:id`, staffRoute, (req, reply) => renderDay(req, reply, idOf(req.params.id), null))

  app.post<{ Params: { id: string } }>(`${STAFF_RECEPTION_PATH}/lich/:id`, staffRoute, async (req, reply) => {
    const id = idOf(req.params.id)
    const values = readPrefixed(formBody(req.body), 'edit', ['hostUsername', 'hostRole', 'day', 'starts', 'ends', 'venue', 'note'] as const)
    try {
      const day = await service.updateDay(deps, principalOf(req), id, values)
      pages.flash(reply, { kind: 'success', key: 'reception.pages.day.saved' })
      return reply.redirect(dayHref(day.id), 303)
    } catch (error) {
      const failure = failureOf(error)
      const errors = prefixErrors('edit', failure.errors)
      return renderDay(req, reply, id, { edit: { values, errors }, status: failure.status })
    }
  })

  app.post<{ Params: { id: string } }>(`${STAFF_RECEPTION_PATH}/lich/:id/da-tiep`, staffRoute, async (req, reply) => {
    const id = idOf(req.params.id)
    const form = formBody(req.body)
    const note = formText(form, formField('held', 'note')).slice(0, 5000)
    try {
      const day = await service.markDayHeld(deps, principalOf(req), id, { note })
      pages.flash(reply, { kind: 'success', key: 'reception.pages.day.heldDone', params: { date: longDate(req.t, day.day) } })
      return reply.redirect(formText(form, 'back') === 'list' ? STAFF_RECEPTION_PATH : dayHref(day.id), 303)
    } catch (error) {
      const failure = failureOf(error)
      return renderDay(req, reply, id, { held: { values: { note }, errors: prefixErrors('held', failure.errors) }, status: failure.status })
    }
  })

  app.post<{ Params: { id: string } }>(`${STAFF_RECEPTION_PATH}/lich/:id/huy`, staffRoute, async (req, reply) => {
    const id = idOf(req.params.id)
    const reason = formText(formBody(req.body), formField('cancel', 'reason')).slice(0, 5000)
    try {
      const day = await service.cancelDay(deps, principalOf(req), id, { reason })
      pages.flash(reply, { kind: 'success', key: 'reception.pages.day.cancelled', params: { date: longDate(req.t, day.day) } })
      return reply.redirect(dayHref(day.id), 303)
    } catch (error) {
      const failure = failureOf(error)
      return renderDay(req, reply, id, { cancel: { values: { reason }, errors: prefixErrors('cancel', failure.errors) }, status: failure.status })
    }
  })

  app.post<{ Params: { id: string } }>(`${STAFF_RECEPTION_PATH}/lich/:id/xoa`, staffRoute, async (req, reply) => {
    const id = idOf(req.params.id)
    try {
      await service.deleteDay(deps, principalOf(req), id)
      pages.flash(reply, { kind: 'success', key: 'reception.pages.day.deleted' })
      return reply.redirect(STAFF_RECEPTION_PATH, 303)
    } catch (error) {
      const failure = failureOf(error)
      return renderDay(req, reply, id, { general: failure.errors, status: failure.status })
    }
  })

  // ---------- The register ----------

  app.get<{ Querystring: Record<string, unknown> }>(REGISTER_LIST_PATH, staffRoute, async (req, reply) => {
    const principal = principalOf(req)
    const q = req.query
    const filter: RegisterFilter = { unit: queryText(q.unit), from: queryText(q.from, 10), to: queryText(q.to, 10), kind: queryText(q.kind, 20), overdue: queryText(q.overdue) === 'true' }
    const page = pageNumber(q.page)
    let errors: FormErrors = NO_ERRORS
    let result: Awaited<ReturnType<typeof service.listCases>> = { total: 0, page, pageSize: REGISTER_PAGE_SIZE, items: [] }
    try {
      result = await service.listCases(deps, principal, { unitCode: filter.unit || null, from: filter.from || null, to: filter.to || null, kind: filter.kind || null, overdue: filter.overdue, page, pageSize: REGISTER_PAGE_SIZE })
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error
      errors = { fields: error.fields }
    }
    const list = await service.unitsOf(deps, principal)
    return sendPage(
      reply,
      <RegisterListPage ctx={await pages.context(req, reply)} filter={filter} errors={errors} units={unitChoices(list)} items={result.items} total={result.total} page={page} pageSize={REGISTER_PAGE_SIZE} />,
      errors === NO_ERRORS ? 200 : 400,
      { isPrivate: true },
    )
  })

  /** Recent reception days of the principal's units (the last month and today), for the new-entry form. */
  const recentDayChoices = async (principal: Principal, t: (key: string) => string): Promise<Choice[]> => {
    const end = today()
    const { days } = await service.listDays(deps, principal, { from: formatCivilDate(addDays(end, -31)), to: formatCivilDate(end) })
    return days
      .filter((d) => d.status !== 'cancelled')
      .reverse()
      .map((d) => ({ value: String(d.id), label: `${longDate(t, d.day)} – ${d.host.fullName} (${t(`reception.hostRoles.${d.hostRole}`)}) – ${d.unit.name}` }))
  }

  const renderNewCase = async (req: FastifyRequest, reply: FastifyReply, values: CaseFormValues | null, errors: FormErrors, status = 200) => {
    const principal = principalOf(req)
    const list = await service.unitsOf(deps, principal)
    const ctx = await pages.context(req, reply)
    return sendPage(
      reply,
      <NewCasePage
        ctx={ctx}
        form={{ values: values ?? freshCaseForm(deps.clock.now(), list.length === 1 ? list[0]!.code : ''), errors }}
        units={unitChoices(list)}
        days={await recentDayChoices(principal, ctx.t)}
      />,
      status,
      { isPrivate: true },
    )
  }

  app.get(NEW_CASE_PATH, staffRoute, (req, reply) => renderNewCase(req, reply, null, NO_ERRORS))

  app.post(REGISTER_LIST_PATH, staffRoute, async (req, reply) => {
    const form = formBody(req.body)
    const text = (name: string) => formText(form, name).slice(0, 10_000)
    const values: CaseFormValues = {
      unitCode: text('unitCode'),
      receptionDayId: text('receptionDayId'),
      receivedAt: text('receivedAt'),
      citizenName: text('citizenName'),
      citizenAddress: text('citizenAddress'),
      peopleCount: text('peopleCount'),
      kind: text('kind'),
      content: text('content'),
      earlierHandling: text('earlierHandling'),
      direction: text('direction'),
      outcome: text('outcome'),
    }
    const dayText = values.receptionDayId.trim()
    try {
      // A blank time stays blank for the service (now); anything typed is checked there.
      const created = await service.recordCase(deps, principalOf(req), {
        ...values,
        receptionDayId: dayText === '' ? null : /^\d{1,12}$/.test(dayText) ? Number(dayText) : -1,
        peopleCount: /^\d{1,4}$/.test(values.peopleCount.trim()) ? Number(values.peopleCount.trim()) : Number.NaN,
      })
      pages.flash(reply, { kind: 'success', key: 'reception.pages.case.recorded', params: { id: created.id, due: dateTimeLocal(created.notifyDueAt).replace('T', ' ') } })
      return reply.redirect(caseHref(created.id), 303)
    } catch (error) {
      const failure = failureOf(error)
      return renderNewCase(req, reply, values, failure.errors, failure.status)
    }
  })

  const renderCase = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    failed: { update?: { values: { direction: string; outcome: string }; errors: FormErrors }; notice?: { values: { notice: string; notifiedAt: string }; errors: FormErrors }; status: number } | null,
  ) => {
    const item = await service.getCase(deps, principalOf(req), id)
    return sendPage(
      reply,
      <CasePage
        ctx={await pages.context(req, reply)}
        item={item}
        update={failed?.update ?? { values: { direction: item.direction, outcome: item.outcome ?? '' }, errors: NO_ERRORS }}
        notice={failed?.notice ?? { values: { notice: '', notifiedAt: dateTimeLocal(deps.clock.now()) }, errors: NO_ERRORS }}
      />,
      failed?.status ?? 200,
      // The page shows a citizen's name and address.
      { isPrivate: true },
    )
  }

  app.get<{ Params: { id: string } }>(`${REGISTER_LIST_PATH}/:id`, staffRoute, (req, reply) => renderCase(req, reply, idOf(req.params.id), null))

  app.post<{ Params: { id: string } }>(`${REGISTER_LIST_PATH}/:id`, staffRoute, async (req, reply) => {
    const id = idOf(req.params.id)
    const values = readPrefixed(formBody(req.body), 'update', ['direction', 'outcome'] as const)
    try {
      await service.updateCase(deps, principalOf(req), id, { direction: values.direction, outcome: values.outcome })
      pages.flash(reply, { kind: 'success', key: 'reception.pages.case.updated' })
      return reply.redirect(caseHref(id), 303)
    } catch (error) {
      const failure = failureOf(error)
      return renderCase(req, reply, id, { update: { values, errors: prefixErrors('update', failure.errors) }, status: failure.status })
    }
  })

  app.post<{ Params: { id: string } }>(`${REGISTER_LIST_PATH}/:id/thong-bao`, staffRoute, async (req, reply) => {
    const id = idOf(req.params.id)
    const values = readPrefixed(formBody(req.body), 'notice', ['notice', 'notifiedAt'] as const)
    try {
      await service.recordNotice(deps, principalOf(req), id, values)
      pages.flash(reply, { kind: 'success', key: 'reception.pages.case.notified' })
      return reply.redirect(caseHref(id), 303)
    } catch (error) {
      const failure = failureOf(error)
      return renderCase(req, reply, id, { notice: { values, errors: prefixErrors('notice', failure.errors) }, status: failure.status })
    }
  })

  app.get<{ Querystring: Record<string, unknown> }>(PRINT_REGISTER_PATH, staffRoute, async (req, reply) => {
    const principal = principalOf(req)
    const list = await service.unitsOf(deps, principal)
    const month = monthOf(today())
    const q = req.query
    const asked = { unit: queryText(q.unit), from: queryText(q.from, 10), to: queryText(q.to, 10) }
    const filter = { unit: asked.unit || (list.length === 1 ? list[0]!.code : ''), from: asked.from || formatCivilDate(month.from), to: asked.to || formatCivilDate(month.to) }
    let errors: FormErrors = NO_ERRORS
    let register: Awaited<ReturnType<typeof service.registerForPrint>> | null = null
    // A first visit without a unit to choose shows the form alone, not an error.
    const isFirstVisit = filter.unit === '' && asked.from === '' && asked.to === ''
    if (!isFirstVisit) {
      try {
        register = await service.registerForPrint(deps, principal, { unitCode: filter.unit, from: filter.from, to: filter.to })
      } catch (error) {
        if (!(error instanceof BadRequestError)) throw error
        errors = { fields: error.fields }
      }
    }
    return sendPage(
      reply,
      <PrintRegisterPage
        ctx={await pages.context(req, reply)}
        units={unitChoices(list)}
        filter={filter}
        errors={errors}
        register={register ? { unitName: register.unit.name, from: register.from, to: register.to, printedAt: register.printedAt, cases: register.cases, isTruncated: register.isTruncated } : null}
        limit={service.PRINT_LIMIT}
      />,
      errors === NO_ERRORS ? 200 : 400,
      { isPrivate: true },
    )
  })

  // ---------- Compliance ----------

  app.get<{ Querystring: Record<string, unknown> }>(COMPLIANCE_PATH, staffRoute, async (req, reply) => {
    const principal = principalOf(req)
    const list = await service.unitsOf(deps, principal)
    const month = monthOf(today())
    const q = req.query
    const filter = { unit: queryText(q.unit) || list[0]?.code || '', from: queryText(q.from, 10) || formatCivilDate(month.from), to: queryText(q.to, 10) || formatCivilDate(month.to) }
    let errors: FormErrors = NO_ERRORS
    let report: Awaited<ReturnType<typeof service.complianceReport>> | null = null
    try {
      report = await service.complianceReport(deps, principal, { unitCode: filter.unit || null, from: filter.from, to: filter.to })
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error
      errors = { fields: error.fields }
    }
    return sendPage(reply, <CompliancePage ctx={await pages.context(req, reply)} units={unitChoices(list)} filter={filter} errors={errors} report={report} />, errors === NO_ERRORS ? 200 : 400, {
      isPrivate: true,
    })
  })
}
