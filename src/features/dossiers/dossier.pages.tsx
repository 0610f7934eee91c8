/**
 * HTML routes of the one-stop desk: the public lookup (/tra-cuu), the desk's home with its work
 * queues (/mot-cua), the receiving form, the dossier list and page with a form for each allowed
 * action, and the statutory forms as printable pages. Handlers stay thin: read the form, call one
 * use case (which checks scope and writes the audit entry), then redirect (PRG) or re-render the
 * form with its errors. Everything works without JavaScript.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import type { App, FeatureDeps } from '../../app.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { BadRequestError, ConflictError, NotFoundError, TooManyRequestsError, UnauthorizedError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { DEFAULT_LOCALE, isLocale } from '../../platform/i18n/i18n.ts'
import type { Choice } from '../../views/components.tsx'
import { formBody, formErrorsOf, formList, formText, NO_ERRORS } from '../../views/forms.ts'
import type { FormBody, FormErrors } from '../../views/forms.ts'
import { createPageSupport, sendPage, signInHref } from '../../views/page.ts'
import type { PageSupport } from '../../views/page.ts'
import { EXPORT_FORMATS, EXPORT_ROW_LIMIT, exportFileName, sendExport } from '../../views/table-export.ts'
import { addDays, formatCivilDate, localDateOf, parseCivilDate } from '../calendar/index.ts'
import * as procedures from '../procedures/index.ts'
import * as units from '../units/index.ts'
import type { Role, Unit } from '../units/index.ts'
import { canReceive, canViewDossiers, RECEIVE_ROLES, VIEW_ROLES } from './dossier.policy.ts'
import type { DossierEvent } from './dossier.repository.ts'
import * as service from './dossier.service.ts'
import type { Dossier, DossierDeps, ListInput, PublicDossier } from './dossier.service.ts'
import { dossierListTable } from './dossier.tables.ts'
import { DOSSIER_ACTIONS, isOverdue } from './dossier.ts'
import type { DossierAction } from './dossier.ts'
import { DeskHomePage, QUEUES } from './views/desk-home.tsx'
import type { Queue } from './views/desk-home.tsx'
import { actionFieldName, DossierPage, dossierTitle, EMPTY_ACTION_FORM } from './views/dossier.tsx'
import type { ActionFormValues, FailedAction } from './views/dossier.tsx'
import { dateValue } from './views/format.ts'
import { dossierHref, DossierListPage, listHref, OPEN_FILTER, UNFINISHED_FILTER } from './views/list.tsx'
import type { ListFilter } from './views/list.tsx'
import { LookupPage } from './views/lookup.tsx'
import type { LookupValues } from './views/lookup.tsx'
import { ApologySheet, ControlSheet, controlRows, dossierPrintNavigation, GuidanceSheet, PrintPage, ReceiptSheet, RefusalSheet, Sheet } from './views/print.tsx'
import { EMPTY_RECEIVE_FORM, ReceivePage } from './views/receive.tsx'
import type { ReceiveFormValues } from './views/receive.tsx'
import { RegisterPage } from './views/register.tsx'
import type { RegisterFilter } from './views/register.tsx'

/** Dossiers shown per page of the staff list. */
export const LIST_PAGE_SIZE = 25

/** At most this many dossiers go into one printed register (form 06); a longer period is cut with a notice. */
export const REGISTER_LIMIT = 2000

// Vietnamese collation, so "Đ" follows "D" and "Ư" follows "U" as readers expect.
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true })

/** One text value of a query parameter (the first when repeated; '' when absent). */
function queryText(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
  return ''
}

/** A printable statutory form of a dossier, and when it applies. */
interface PrintableForm {
  /** The last part of its address: /mot-cua/ho-so/:ref/in/<slug>. */
  readonly slug: 'tiep-nhan' | 'huong-dan' | 'tu-choi' | 'xin-loi' | 'kiem-soat'
  readonly titleKey: string
  /** The message of the 409 page when the form does not apply to this dossier. */
  readonly missingKey: string
  applies(dossier: Dossier, history: readonly DossierEvent[]): boolean
}

/** The latest guidance given or supplement requested: what form 02 lists. */
function guidanceOf(history: readonly DossierEvent[]): { event: DossierEvent; documents: string[] } | null {
  const event = history.findLast((e) => e.action === 'guide' || e.action === 'request_supplement')
  if (!event) return null
  const listed = event.action === 'guide' ? event.data?.missing : event.data?.requested
  return { event, documents: Array.isArray(listed) ? listed.filter((d): d is string => typeof d === 'string') : [] }
}

/** The apology (there is at most one): its reason and both dates. */
function apologyOf(history: readonly DossierEvent[]): { event: DossierEvent; previousDueAt: Date | null; newDueAt: Date } | null {
  const event = history.findLast((e) => e.action === 'apologize')
  const newDueAt = typeof event?.data?.newDueAt === 'string' ? new Date(event.data.newDueAt) : null
  if (!event || !newDueAt) return null
  return { event, previousDueAt: typeof event.data?.previousDueAt === 'string' ? new Date(event.data.previousDueAt) : null, newDueAt }
}

/** The statutory forms a dossier page links to, in the order of the circular. */
const PRINTABLE_FORMS: readonly PrintableForm[] = [
  { slug: 'tiep-nhan', titleKey: 'dossiers.pages.print.receipt', missingKey: 'dossiers.pages.print.noReceipt', applies: (d) => d.code !== null && d.receivedAt !== null },
  { slug: 'huong-dan', titleKey: 'dossiers.pages.print.guidance', missingKey: 'dossiers.pages.print.noGuidance', applies: (_d, h) => guidanceOf(h) !== null },
  { slug: 'tu-choi', titleKey: 'dossiers.pages.print.refusal', missingKey: 'dossiers.pages.print.noRefusal', applies: (d, h) => d.status === 'refused' && h.some((e) => e.action === 'refuse') },
  { slug: 'xin-loi', titleKey: 'dossiers.pages.print.apology', missingKey: 'dossiers.pages.print.noApology', applies: (_d, h) => apologyOf(h) !== null },
  { slug: 'kiem-soat', titleKey: 'dossiers.pages.print.control', missingKey: 'dossiers.pages.print.noControl', applies: (d) => d.receivedAt !== null },
]

/** The receiving form as posted. */
function readReceiveForm(form: FormBody): ReceiveFormValues {
  return {
    unitCode: formText(form, 'unitCode'),
    procedureCode: formText(form, 'procedureCode'),
    fullName: formText(form, 'applicant.fullName'),
    idNumber: formText(form, 'applicant.idNumber'),
    phone: formText(form, 'applicant.phone'),
    email: formText(form, 'applicant.email'),
    address: formText(form, 'applicant.address'),
    documents: formList(form, 'documents'),
    channel: formText(form, 'channel'),
    receivedAt: formText(form, 'receivedAt'),
  }
}

/** An action's form as posted (fields are named `<action>.<field>`). */
function readActionForm(form: FormBody, action: DossierAction): ActionFormValues {
  const text = (field: keyof ActionFormValues) => formText(form, actionFieldName(action, field))
  return {
    documents: formList(form, actionFieldName(action, 'documents')),
    reason: text('reason'),
    note: text('note'),
    toUsername: text('toUsername'),
    newDueAt: text('newDueAt'),
    method: text('method'),
    receivedAt: text('receivedAt'),
  }
}

/** The civil day after a YYYY-MM-DD date, for an inclusive "to" day; throws on a bad date. */
function dayAfter(text: string): string {
  return formatCivilDate(addDays(parseCivilDate(text), 1))
}

/** Problems with a from/to pair of dates typed as YYYY-MM-DD (empty ones are fine). */
function periodErrors(from: string, to: string): FieldErrors {
  const fields: FieldErrors = {}
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value === '') continue
    try {
      parseCivilDate(value)
    } catch {
      fields[name] = 'dossiers.errors.period'
    }
  }
  return fields
}

/** The list's filter as the address gives it; "true" switches a box on, anything else leaves it off. */
function readListFilter(q: Record<string, unknown>): ListFilter {
  return {
    status: queryText(q.status),
    overdue: queryText(q.overdue) === 'true',
    dueSoon: queryText(q.dueSoon) === 'true',
    mine: queryText(q.mine) === 'true',
    unit: queryText(q.unit),
    q: queryText(q.q).trim().slice(0, 60),
    from: queryText(q.from),
    to: queryText(q.to),
  }
}

/** The list filter as the list use case takes it; "due soon" alone leaves out what is already overdue. */
function toListInput(filter: ListFilter): ListInput {
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.overdue ? { overdue: 'true' } : filter.dueSoon ? { overdue: 'false' } : {}),
    ...(filter.dueSoon ? { dueSoon: 'true' } : {}),
    ...(filter.mine ? { mine: 'true' } : {}),
    ...(filter.unit ? { unitCode: filter.unit } : {}),
    ...(filter.q ? { q: filter.q } : {}),
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: dayAfter(filter.to) } : {}),
  }
}

/** The filter each work queue of the desk's home links to. */
const QUEUE_FILTERS: Record<Queue, Partial<ListFilter>> = {
  mine: { mine: true, status: UNFINISHED_FILTER },
  open: { status: OPEN_FILTER },
  dueSoon: { dueSoon: true },
  overdue: { overdue: true },
  needsSupplement: { status: 'needs_supplement' },
  resultReady: { status: 'result_ready' },
}

/** A complete ListFilter from a partial one. */
function fullFilter(partial: Partial<ListFilter>): ListFilter {
  return { status: '', overdue: false, dueSoon: false, mine: false, unit: '', q: '', from: '', to: '', ...partial }
}

/** Registers the desk's pages. */
export function registerDossierPages(app: App, deps: FeatureDeps & DossierDeps): void {
  const pages: PageSupport = createPageSupport({
    appSecret: deps.config.sessionSecret,
    isSecureCookie: deps.config.isSecureCookie,
    loadHomeUnit: () => units.getHomeUnit(deps),
  })

  /** A guard: anyone not signed in goes to sign in (back here after a GET); without one of the roles, the 403 page. */
  const requireRoles =
    (roles: readonly Role[]) =>
    async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
      if (!req.principal) {
        const isRead = req.method === 'GET' || req.method === 'HEAD'
        return reply.redirect(signInHref(isRead ? req.url : null), 303)
      }
      // The 403 page names the unit in its header: the request hook has already loaded it.
      units.requireAnyRole(req.principal, roles)
    }
  const requireDeskStaff = requireRoles(VIEW_ROLES)
  const requireReceiver = requireRoles(RECEIVE_ROLES)

  /** The principal of a guarded route (the guard has already redirected anyone else). */
  const principalOf = (req: FastifyRequest): Principal => {
    if (!req.principal) throw new UnauthorizedError()
    return req.principal
  }

  /**
   * The enabled units where the principal holds one of the roles, as the policy reads grants
   * (a leader's grant reaches the units below): the units granted and those under them, checked.
   */
  const unitsWhere = async (principal: Principal, roles: readonly Role[], isAllowed: (p: Principal, path: string) => boolean): Promise<Unit[]> => {
    const grantedIds = [...new Set(principal.grants.filter((g) => roles.includes(g.role as Role)).map((g) => g.unitId))]
    if (grantedIds.length === 0) return []
    const granted = await Promise.all(grantedIds.map((id) => units.getUnitById(deps, id)))
    const grantedCodes = new Set(granted.map((u) => u.code))
    const all = await units.listPublicUnits(deps)
    const parentOf = new Map(all.map((u) => [u.code, u.parentCode]))
    const isUnderGrant = (code: string): boolean => {
      for (let c: string | null | undefined = code, depth = 0; c && depth < 20; c = parentOf.get(c), depth++) if (grantedCodes.has(c)) return true
      return false
    }
    const candidates = await Promise.all(all.filter((u) => isUnderGrant(u.code)).map((u) => units.getUnitByCode(deps, u.code)))
    return candidates.filter((u) => isAllowed(principal, u.path))
  }

  /** Units as select choices. */
  const unitChoices = (list: readonly Unit[]): Choice[] => list.map((u) => ({ value: u.code, label: u.name }))

  // ---------- Public lookup ----------

  const renderLookup = async (req: FastifyRequest, reply: FastifyReply, values: LookupValues, errors: FormErrors, result: PublicDossier | null, status = 200) =>
    // Even masked, a dossier's details must not sit in a shared cache or the browser's.
    sendPage(reply, <LookupPage ctx={await pages.context(req, reply)} values={values} errors={errors} result={result} />, status, { isPrivate: true })

  /** Looks a dossier up and shows it, or the one neutral message beside the form. */
  const lookUp = async (req: FastifyRequest, reply: FastifyReply, values: LookupValues) => {
    const fields: FieldErrors = {}
    if (values.code === '') fields.code = 'dossiers.pages.lookup.codeRequired'
    if (values.pin === '') fields.pin = 'dossiers.pages.lookup.pinRequired'
    if (Object.keys(fields).length > 0) return renderLookup(req, reply, values, { fields }, null, 422)
    try {
      const dossier = await service.lookupDossier(deps, values.code, values.pin, req.ip)
      return renderLookup(req, reply, values, NO_ERRORS, dossier)
    } catch (error) {
      // Same words and status for an unknown code and a wrong PIN, or codes can be enumerated.
      if (error instanceof NotFoundError) return renderLookup(req, reply, values, { fields: {}, general: error.messageKey }, null, 404)
      if (error instanceof TooManyRequestsError) {
        reply.header('retry-after', String(error.retryAfterSeconds))
        return renderLookup(req, reply, values, { fields: {}, general: error.messageKey }, null, 429)
      }
      throw error
    }
  }

  app.get<{ Querystring: Record<string, unknown> }>('/tra-cuu', { schema: { hide: true } }, async (req, reply) => {
    const values = { code: queryText(req.query.code).trim().slice(0, 60), pin: queryText(req.query.pin).trim().slice(0, 12) }
    // The QR code on the receipt carries the code only: show the form with it filled in.
    if (values.code === '' || values.pin === '') return renderLookup(req, reply, values, NO_ERRORS, null)
    return lookUp(req, reply, values)
  })

  app.post('/tra-cuu', { schema: { hide: true } }, async (req, reply) => {
    const form = formBody(req.body)
    return lookUp(req, reply, { code: formText(form, 'code').trim().slice(0, 60), pin: formText(form, 'pin').trim().slice(0, 12) })
  })

  app.get('/lookup', { schema: { hide: true } }, async (req, reply) => {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''
    return reply.redirect(`/tra-cuu${query}`, 301)
  })

  // ---------- The desk's home ----------

  app.get('/mot-cua', { schema: { hide: true }, preHandler: requireDeskStaff }, async (req, reply) => {
    const principal = principalOf(req)
    const counts = await Promise.all(
      QUEUES.map(async (queue) => {
        const filter = fullFilter(QUEUE_FILTERS[queue])
        const { total } = await service.listDossiers(deps, principal, { ...toListInput(filter), pageSize: 1 })
        return { queue, count: total, href: listHref(filter) }
      }),
    )
    const grantedIds = [...new Set(principal.grants.filter((g) => (VIEW_ROLES as readonly string[]).includes(g.role)).map((g) => g.unitId))]
    const unitNames = (await Promise.all(grantedIds.map((id) => units.getUnitById(deps, id)))).map((u) => u.name)
    return sendPage(
      reply,
      <DeskHomePage ctx={await pages.context(req, reply)} unitNames={unitNames} queues={counts} canReceive={units.hasAnyRole(principal, RECEIVE_ROLES)} />,
    )
  })

  // ---------- Receiving ----------

  const renderReceive = async (req: FastifyRequest, reply: FastifyReply, values: ReceiveFormValues, errors: FormErrors, status = 200) => {
    const principal = principalOf(req)
    const [receiving, active] = await Promise.all([unitsWhere(principal, RECEIVE_ROLES, canReceive), procedures.listProcedures(deps)])
    const fieldNames = [...new Set(active.map((p) => p.field))].sort((a, b) => collator.compare(a, b))
    const procedureGroups = fieldNames.map((field) => ({
      label: field,
      choices: active
        .filter((p) => p.field === field)
        .sort((a, b) => collator.compare(a.name, b.name))
        .map((p) => ({ value: p.code, label: `${p.name} (${p.code})` })),
    }))
    const isUnitChosen = receiving.some((u) => u.code === values.unitCode)
    const chosen = active.find((p) => p.code === values.procedureCode) ?? null
    const procedure = isUnitChosen ? chosen : null
    // A choice that names no unit of the person's or no procedure in force (an old link, a typed
    // address) is said beside its field rather than silently ignored.
    const fields: FieldErrors = { ...errors.fields }
    if (values.unitCode !== '' && !isUnitChosen) fields.unitCode ??= 'dossiers.errors.unit'
    if (values.procedureCode !== '' && !chosen) fields.procedureCode ??= 'dossiers.errors.procedure'
    const isChoiceWrong = Object.keys(fields).length > Object.keys(errors.fields).length
    return sendPage(
      reply,
      <ReceivePage
        ctx={await pages.context(req, reply)}
        units={unitChoices(receiving)}
        procedureGroups={procedureGroups}
        procedure={procedure}
        values={values}
        errors={{ ...errors, fields }}
      />,
      isChoiceWrong && status === 200 ? 422 : status,
      { isPrivate: true },
    )
  }

  app.get<{ Querystring: Record<string, unknown> }>('/mot-cua/tiep-nhan', { schema: { hide: true }, preHandler: requireReceiver }, async (req, reply) => {
    const isStep1Submitted = 'procedureCode' in req.query
    let unitCode = queryText(req.query.unitCode)
    const procedureCode = queryText(req.query.procedureCode)
    if (unitCode === '') {
      const receiving = await unitsWhere(principalOf(req), RECEIVE_ROLES, canReceive)
      if (receiving.length === 1) unitCode = receiving[0]!.code
    }
    const values = { ...EMPTY_RECEIVE_FORM, unitCode, procedureCode }
    const fields: FieldErrors = {}
    if (isStep1Submitted && unitCode === '') fields.unitCode = 'dossiers.errors.unit'
    if (isStep1Submitted && procedureCode === '') fields.procedureCode = 'dossiers.errors.procedure'
    const hasFieldErrors = Object.keys(fields).length > 0
    return renderReceive(req, reply, values, hasFieldErrors ? { fields } : NO_ERRORS, hasFieldErrors ? 422 : 200)
  })

  app.post('/mot-cua/tiep-nhan', { schema: { hide: true }, preHandler: requireReceiver }, async (req, reply) => {
    const values = readReceiveForm(formBody(req.body))
    try {
      const dossier = await service.receiveDossier(deps, principalOf(req), {
        procedureCode: values.procedureCode,
        unitCode: values.unitCode,
        applicant: { fullName: values.fullName, idNumber: values.idNumber, phone: values.phone, email: values.email, address: values.address },
        documents: values.documents,
        channel: values.channel,
        receivedAt: values.receivedAt,
      })
      pages.flash(reply, dossier.code ? { kind: 'success', key: 'dossiers.pages.flash.received', params: { code: dossier.code } } : { kind: 'warning', key: 'dossiers.pages.flash.guided' })
      return reply.redirect(dossierHref(dossier), 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderReceive(req, reply, values, failure.errors, failure.status)
    }
  })

  // ---------- The list ----------

  app.get<{ Querystring: Record<string, unknown> }>('/mot-cua/ho-so', { schema: { hide: true }, preHandler: requireDeskStaff }, async (req, reply) => {
    const principal = principalOf(req)
    const filter = readListFilter(req.query)
    const requested = Number.parseInt(queryText(req.query.page) || '1', 10)
    const page = Number.isFinite(requested) && requested >= 1 ? Math.min(requested, 100_000) : 1
    const viewable = await unitsWhere(principal, VIEW_ROLES, canViewDossiers)
    let errors: FormErrors = NO_ERRORS
    let result: Awaited<ReturnType<typeof service.listDossiers>> = { total: 0, page, pageSize: LIST_PAGE_SIZE, dossiers: [] }
    const badPeriod = periodErrors(filter.from, filter.to)
    if (Object.keys(badPeriod).length > 0) errors = { fields: badPeriod }
    else {
      try {
        result = await service.listDossiers(deps, principal, { ...toListInput(filter), page, pageSize: LIST_PAGE_SIZE })
      } catch (error) {
        // A filter value that names no unit or status is the user's to fix, beside its field.
        if (!(error instanceof BadRequestError)) throw error
        errors = { fields: error.fields }
      }
    }
    const now = deps.clock.now()
    return sendPage(
      reply,
      <DossierListPage
        ctx={await pages.context(req, reply)}
        filter={filter}
        units={unitChoices(viewable)}
        dossiers={result.dossiers.map((d) => ({ ...d, isOverdue: isOverdue(d.status, d.dueAt, now) }))}
        total={result.total}
        page={page}
        pageSize={LIST_PAGE_SIZE}
        exportLimit={EXPORT_ROW_LIMIT}
        errors={errors}
      />,
      errors === NO_ERRORS ? 200 : 400,
      { isPrivate: true },
    )
  })

  // The list as filtered, every page of it up to the export limit, as CSV or XLSX: same guard and
  // scope as the page; a filter value the page would show beside its field is a 400 with its reason.
  for (const format of EXPORT_FORMATS) {
    app.get<{ Querystring: Record<string, unknown> }>(`/mot-cua/ho-so.${format}`, { schema: { hide: true }, preHandler: requireDeskStaff }, async (req, reply) => {
      const filter = readListFilter(req.query)
      const badPeriod = periodErrors(filter.from, filter.to)
      if (Object.keys(badPeriod).length > 0) throw new BadRequestError('dossiers.errors.period', badPeriod)
      const list = await service.listDossiersForExport(deps, principalOf(req), toListInput(filter))
      const now = deps.clock.now()
      const dossiers = list.dossiers.map((d) => ({ ...d, isOverdue: isOverdue(d.status, d.dueAt, now) }))
      const table = dossierListTable(req.t, isLocale(req.locale) ? req.locale : DEFAULT_LOCALE, { ...list, dossiers })
      return sendExport(reply, table, format, exportFileName(['ho-so', filter.unit, filter.from, filter.to, dateValue(now)], format))
    })
  }

  // ---------- One dossier ----------

  const renderDossier = async (req: FastifyRequest, reply: FastifyReply, ref: string, failed: FailedAction | null, status = 200) => {
    const principal = principalOf(req)
    const dossier = await service.getDossier(deps, principal, ref)
    const history = await service.getDossierHistory(deps, principal, ref)
    const ctx = await pages.context(req, reply)
    const actions = service.actionsFor(principal, dossier)
    const assignees = actions.includes('assign')
      ? (await service.listAssignees(deps, principal, ref)).map((a) => ({ value: a.username, label: `${a.fullName} (${a.roles.map((r) => ctx.t(`units.roles.${r}`)).join(', ')})` }))
      : null
    const printLinks = PRINTABLE_FORMS.filter((f) => f.applies(dossier, history)).map((f) => ({ href: `${dossierHref(dossier)}/in/${f.slug}`, text: ctx.t(f.titleKey) }))
    return sendPage(
      reply,
      <DossierPage
        ctx={ctx}
        dossier={dossier}
        history={history}
        actions={actions}
        printLinks={printLinks}
        assignees={assignees}
        failed={failed}
      />,
      status,
      // The page shows the PIN and the applicant's personal data.
      { isPrivate: true },
    )
  }

  app.get<{ Params: { ref: string } }>('/mot-cua/ho-so/:ref', { schema: { hide: true }, preHandler: requireDeskStaff }, (req, reply) =>
    renderDossier(req, reply, req.params.ref, null),
  )

  app.post<{ Params: { ref: string } }>('/mot-cua/ho-so/:ref/actions', { schema: { hide: true }, preHandler: requireDeskStaff }, async (req, reply) => {
    const form = formBody(req.body)
    const actionText = formText(form, 'action')
    if (!(DOSSIER_ACTIONS as readonly string[]).includes(actionText)) {
      return renderDossier(req, reply, req.params.ref, { action: 'stop', values: EMPTY_ACTION_FORM, errors: { fields: {}, general: 'dossiers.errors.action' } }, 422)
    }
    const action = actionText as DossierAction
    const values = readActionForm(form, action)
    try {
      const dossier = await service.actOnDossier(deps, principalOf(req), req.params.ref, { action, ...values })
      pages.flash(reply, { kind: 'success', key: 'dossiers.pages.flash.acted', params: { action: req.t(`dossiers.action.${action}`) } })
      return reply.redirect(dossierHref(dossier), 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      // Field messages go beside the fields of the form that was sent; a conflict (409) heads the page.
      const fields = Object.fromEntries(Object.entries(failure.errors.fields).map(([name, key]) => [`${action}.${name}`, key]))
      const errors: FormErrors = Object.keys(fields).length > 0 ? { fields } : { fields: {}, general: failure.errors.general ?? 'errors.conflict' }
      return renderDossier(req, reply, req.params.ref, { action, values, errors }, failure.status)
    }
  })

  // ---------- Printable forms ----------

  /** Loads a dossier for one of its forms; the 409 page when the form does not apply to it. */
  const loadForPrint = async (req: FastifyRequest<{ Params: { ref: string } }>, slug: PrintableForm['slug']) => {
    const principal = principalOf(req)
    const dossier = await service.getDossier(deps, principal, req.params.ref)
    const history = await service.getDossierHistory(deps, principal, req.params.ref)
    const form = PRINTABLE_FORMS.find((f) => f.slug === slug)!
    if (!form.applies(dossier, history)) throw new ConflictError(form.missingKey)
    return { dossier, history, titleKey: form.titleKey }
  }

  /** Sends a printable form inside its page. */
  const sendPrint = async (req: FastifyRequest, reply: FastifyReply, dossier: Dossier, titleKey: string, sheet: JSX.Element) => {
    const ctx = await pages.context(req, reply)
    const title = `${ctx.t(titleKey)} – ${dossierTitle(ctx, dossier)}`
    return sendPage(
      reply,
      <PrintPage ctx={ctx} title={title} {...dossierPrintNavigation(ctx, dossier)}>
        <Sheet label={ctx.t(titleKey)}>{sheet}</Sheet>
      </PrintPage>,
      200,
      { isPrivate: true },
    )
  }

  const printRoute = (slug: PrintableForm['slug']) => `/mot-cua/ho-so/:ref/in/${slug}`

  app.get<{ Params: { ref: string } }>(printRoute('tiep-nhan'), { schema: { hide: true }, preHandler: requireDeskStaff }, async (req, reply) => {
    const { dossier, titleKey } = await loadForPrint(req, 'tiep-nhan')
    const lookupUrl = `${deps.baseUrl}/tra-cuu`
    const qrSvg = await QRCode.toString(`${lookupUrl}?code=${encodeURIComponent(dossier.code ?? '')}`, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' })
    const ctx = await pages.context(req, reply)
    return sendPrint(req, reply, dossier, titleKey, <ReceiptSheet ctx={ctx} dossier={dossier} qrSvg={qrSvg} lookupUrl={lookupUrl} />)
  })

  app.get<{ Params: { ref: string } }>(printRoute('huong-dan'), { schema: { hide: true }, preHandler: requireDeskStaff }, async (req, reply) => {
    const { dossier, history, titleKey } = await loadForPrint(req, 'huong-dan')
    const guidance = guidanceOf(history)!
    const ctx = await pages.context(req, reply)
    return sendPrint(req, reply, dossier, titleKey, <GuidanceSheet ctx={ctx} dossier={dossier} event={guidance.event} documents={guidance.documents} />)
  })

  app.get<{ Params: { ref: string } }>(printRoute('tu-choi'), { schema: { hide: true }, preHandler: requireDeskStaff }, async (req, reply) => {
    const { dossier, history, titleKey } = await loadForPrint(req, 'tu-choi')
    const event = history.findLast((e) => e.action === 'refuse')!
    const ctx = await pages.context(req, reply)
    return sendPrint(req, reply, dossier, titleKey, <RefusalSheet ctx={ctx} dossier={dossier} event={event} />)
  })

  app.get<{ Params: { ref: string } }>(printRoute('xin-loi'), { schema: { hide: true }, preHandler: requireDeskStaff }, async (req, reply) => {
    const { dossier, history, titleKey } = await loadForPrint(req, 'xin-loi')
    const apology = apologyOf(history)!
    const ctx = await pages.context(req, reply)
    return sendPrint(
      req,
      reply,
      dossier,
      titleKey,
      <ApologySheet ctx={ctx} dossier={dossier} event={apology.event} previousDueAt={apology.previousDueAt} newDueAt={apology.newDueAt} />,
    )
  })

  app.get<{ Params: { ref: string } }>(printRoute('kiem-soat'), { schema: { hide: true }, preHandler: requireDeskStaff }, async (req, reply) => {
    const { dossier, history, titleKey } = await loadForPrint(req, 'kiem-soat')
    const ctx = await pages.context(req, reply)
    return sendPrint(req, reply, dossier, titleKey, <ControlSheet ctx={ctx} dossier={dossier} rows={controlRows(ctx, dossier, history)} />)
  })

  // ---------- The register (form 06) ----------

  app.get<{ Querystring: Record<string, unknown> }>('/mot-cua/so-theo-doi', { schema: { hide: true }, preHandler: requireDeskStaff }, async (req, reply) => {
    const principal = principalOf(req)
    const viewable = await unitsWhere(principal, VIEW_ROLES, canViewDossiers)
    const now = deps.clock.now()
    const today = localDateOf(now)
    const filter: RegisterFilter = {
      unit: queryText(req.query.unit) || (viewable.length === 1 ? viewable[0]!.code : ''),
      // By default the current month up to today, in Vietnam time.
      from: queryText(req.query.from) || formatCivilDate({ ...today, day: 1 }),
      to: queryText(req.query.to) || dateValue(now),
    }
    const fields = periodErrors(filter.from, filter.to)
    const unit = viewable.find((u) => u.code === filter.unit) ?? null
    if (filter.unit !== '' && !unit) fields.unit = 'dossiers.errors.unit'
    let register = null
    if (unit && Object.keys(fields).length === 0) {
      const dossiers: Awaited<ReturnType<typeof service.listDossiers>>['dossiers'] = []
      let total = 0
      for (let page = 1; dossiers.length < REGISTER_LIMIT; page++) {
        const result = await service.listDossiers(deps, principal, { unitCode: unit.code, from: filter.from, to: dayAfter(filter.to), page, pageSize: 200 })
        total = result.total
        dossiers.push(...result.dossiers)
        if (result.dossiers.length < 200 || dossiers.length >= total) break
      }
      // A register reads in the order dossiers came in.
      const inOrder = dossiers.slice(0, REGISTER_LIMIT).sort((a, b) => (a.receivedAt?.getTime() ?? 0) - (b.receivedAt?.getTime() ?? 0) || a.id - b.id)
      register = {
        unitName: unit.name,
        from: new Date(`${filter.from}T00:00:00+07:00`),
        to: new Date(`${filter.to}T00:00:00+07:00`),
        printedAt: now,
        dossiers: inOrder,
        isTruncated: total > REGISTER_LIMIT,
      }
    }
    const hasFieldErrors = Object.keys(fields).length > 0
    return sendPage(
      reply,
      <RegisterPage
        ctx={await pages.context(req, reply)}
        units={unitChoices(viewable)}
        filter={filter}
        errors={hasFieldErrors ? { fields } : NO_ERRORS}
        register={register}
        limit={REGISTER_LIMIT}
      />,
      hasFieldErrors ? 400 : 200,
      { isPrivate: true },
    )
  })
}
