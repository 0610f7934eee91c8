/**
 * HTML routes of direct dialogues. Public: the list of upcoming and past sessions (/doi-thoai),
 * a session's page with its question form (captcha, honeypot, a limit per address) and a support
 * button per question (once per device), and the printable minutes once published. Staff
 * (/admin/doi-thoai): the list with the create form, a session's page (status, schedule, hosts,
 * moderation), the secretary's page used at the session, and coverage. The iCalendar files are
 * served by the API's routes. Handlers stay thin: read the form, call one use case (which checks
 * scope, writes the audit entry and any tracked item), then redirect (PRG) or show the form again
 * with its errors beside the fields and what was typed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, FeatureDeps } from '../../app.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { CAPTCHA_FIELDS } from '../../platform/captcha/captcha.ts'
import { AppError, BadRequestError, ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import type { Choice, ChoiceGroup } from '../../views/components.tsx'
import { formBody, formErrorsOf, formText, NO_ERRORS } from '../../views/forms.ts'
import type { FormBody, FormErrors } from '../../views/forms.ts'
import { createPageSupport, principalOf, sendPage, signedInGuard } from '../../views/page.ts'
import type { PageSupport } from '../../views/page.ts'
import { computeDue, localDateOf } from '../calendar/index.ts'
import * as units from '../units/index.ts'
import type { Role, Unit } from '../units/index.ts'
import { deviceTokenOf, existingDeviceToken } from './dialogue.api.ts'
import { canViewCoverage, isOrganiserOf } from './dialogue.policy.ts'
import { COMMUNE_LEVELS } from './dialogue.ts'
import * as service from './dialogue.service.ts'
import type { CommitmentView, CoverageView, MinutesView, PublicQuestionView, PublicSessionView, SessionSummary, StaffQuestionView, StaffSessionSummary, StaffSessionView, TrackedItemView } from './dialogue.service.ts'
import { CoveragePage } from './views/dialogue-coverage.tsx'
import type { CoverageFilter } from './views/dialogue-coverage.tsx'
import { COVERAGE_PATH, dateValue, PUBLIC_PATH, secretaryHref, sessionHref, STAFF_PATH, staffSessionHref } from './views/dialogue-format.ts'
import { MinutesPage } from './views/dialogue-minutes.tsx'
import type { CommitmentItem, CoverageReport, Minutes, PublicQuestion, PublicSession, SessionItem, StaffQuestion, StaffSession, StaffSessionRow, TrackedItem } from './views/dialogue-model.ts'
import { EMPTY_QUESTION_FORM, HONEYPOT_FIELD, PublicListPage, PublicSessionPage } from './views/dialogue-public.tsx'
import type { QuestionFormValues } from './views/dialogue-public.tsx'
import { answerFormName, SecretaryPage } from './views/dialogue-secretary.tsx'
import { EMPTY_SESSION_FORM, HOST_ROWS, hostFieldNames, MODERATION_FIELDS, questionFieldName, StaffListPage, StaffSessionPage } from './views/dialogue-staff.tsx'
import type { FailedForm, HostRow, ModerationAction, SessionChoices, SessionFormValues, StaffFilter } from './views/dialogue-staff.tsx'

/** Upcoming sessions on the public list (all of them, in practice), and past ones per page. */
export const UPCOMING_SIZE = 50
export const PAST_PAGE_SIZE = 20
/** Sessions per page of the staff list. */
export const STAFF_PAGE_SIZE = 25
/** Working days after the session the commitment form proposes as its due date. */
const DEFAULT_COMMITMENT_DAYS = 30

/** Roles whose holders may keep a session's record (any staff of the unit). */
const STAFF_ROLES: readonly Role[] = ['leader', 'moderator', 'desk_officer', 'specialist']

// Vietnamese collation, so "Đ" follows "D" and "Ư" follows "U" as readers expect.
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true })

/** One text value of a query parameter (the first when repeated; '' when absent). */
function queryText(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
  return ''
}

/** A page number from the query: 1 for anything that is not a sensible one. */
function pageNumber(value: unknown): number {
  const requested = Number.parseInt(queryText(value) || '1', 10)
  return Number.isFinite(requested) && requested >= 1 ? Math.min(requested, 100_000) : 1
}

/** A session id from the path, or a 404. */
function sessionId(text: string): number {
  if (!/^\d{1,12}$/.test(text)) throw new NotFoundError('dialogues.errors.notFound')
  return Number(text)
}

/** A question id from the path, or a 404. */
function questionId(text: string): number {
  if (!/^\d{1,12}$/.test(text)) throw new NotFoundError('dialogues.errors.questionNotFound')
  return Number(text)
}

/** The posted values of some fields, by their posted names. */
function postedValues(form: FormBody, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, formText(form, name)]))
}

/** The same errors under the names of a form's fields (names not listed keep theirs). */
function renameFields(errors: FormErrors, rename: (name: string) => string): FormErrors {
  const fields: FieldErrors = {}
  for (const [name, key] of Object.entries(errors.fields)) fields[rename(name)] = key
  return { ...errors, fields }
}

// ---------------------------------------------------------------------------------------------
// From the service's views to the views' shapes

function trackedOf(item: TrackedItemView | null): TrackedItem | null {
  return item ? { code: item.code, status: item.status, dueAt: item.dueAt, isOverdue: item.isOverdue, isPublic: item.isPublic } : null
}

function commitmentOf(c: CommitmentView): CommitmentItem {
  return { id: c.id, questionId: c.questionId, responsibleUnitName: c.responsibleUnit.name, responsible: c.responsible, content: c.content, dueAt: c.dueAt, tracked: trackedOf(c.trackedItem) }
}

function sessionItemOf(s: SessionSummary): SessionItem {
  return {
    id: s.id,
    unitName: s.unit.name,
    topic: s.topic,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    venue: s.venue,
    livestreamUrl: s.livestreamUrl,
    status: s.status,
    hosts: s.hosts.map((h) => ({ fullName: h.fullName, roleLabel: h.roleLabel })),
  }
}

function publicQuestionOf(q: PublicQuestionView): PublicQuestion {
  return {
    id: q.id,
    source: q.source,
    askerName: q.askerName,
    residentialArea: q.residentialArea,
    text: q.text,
    status: q.status,
    supportCount: q.supportCount,
    answer: q.answer,
    answeredBy: q.answeredBy,
    tracked: trackedOf(q.trackedItem),
    isSupported: q.isSupported,
    canSupport: q.canSupport,
  }
}

function publicSessionOf(view: PublicSessionView): PublicSession {
  return {
    ...sessionItemOf(view),
    description: view.description,
    cancelReason: view.cancelReason,
    questions: view.questions.map(publicQuestionOf),
    commitments: view.commitments.map(commitmentOf),
  }
}

function staffQuestionOf(q: StaffQuestionView): StaffQuestion {
  return {
    id: q.id,
    source: q.source,
    askerName: q.askerNameGiven,
    isAnonymous: q.isAnonymous,
    residentialArea: q.residentialArea,
    contact: q.contact,
    text: q.text,
    status: q.status,
    hiddenReason: q.hiddenReason,
    mergedIntoId: q.mergedIntoId,
    assignedUnitName: q.assignedUnit?.name ?? null,
    preparedAnswer: q.preparedAnswer,
    answer: q.answer,
    answeredBy: q.answeredBy,
    supportCount: q.supportCount,
    submittedAt: q.createdAt,
    tracked: trackedOf(q.trackedItem),
    actions: q.allowedActions,
  }
}

function staffSessionOf(view: StaffSessionView): StaffSession {
  return {
    ...sessionItemOf(view),
    unitCode: view.unit.code,
    description: view.description,
    cancelReason: view.cancelReason,
    secretaryName: view.secretary?.fullName ?? null,
    secretaryUsername: view.secretary?.username ?? null,
    hostUsernames: view.hosts.map((h) => ({ username: h.username, roleLabel: h.roleLabel })),
    participants: view.participants,
    attendance: view.attendance,
    summary: view.summary,
    questions: view.questions.map(staffQuestionOf),
    commitments: view.commitments.map(commitmentOf),
    actions: view.allowedActions,
    can: view.can,
  }
}

function staffRowOf(s: StaffSessionSummary): StaffSessionRow {
  return { ...sessionItemOf(s), pendingCount: s.pendingCount, questionCount: s.questionCount }
}

function minutesOf(view: MinutesView): Minutes {
  return {
    id: view.id,
    unitName: view.unit.name,
    topic: view.topic,
    startsAt: view.startsAt,
    endsAt: view.endsAt,
    venue: view.venue,
    hosts: view.hosts.map((h) => ({ fullName: h.fullName, roleLabel: h.roleLabel })),
    secretaryName: view.secretary?.fullName ?? null,
    participants: view.participants,
    attendance: view.attendance,
    summary: view.summary,
    questions: view.questions.map((q) => ({ id: q.id, source: q.source, askerName: q.askerName, residentialArea: q.residentialArea, text: q.text, answer: q.answer, answeredBy: q.answeredBy })),
    commitments: view.commitments.map(commitmentOf),
    heldAt: view.heldAt,
    publishedAt: view.minutesPublishedAt,
    isPublished: view.isPublished,
  }
}

function coverageOf(view: CoverageView): CoverageReport {
  return {
    year: view.year,
    parentName: view.parent.name,
    rows: view.units.map((u) => ({
      unitCode: u.unit.code,
      unitName: u.unit.name,
      heldCount: u.sessionsHeld,
      lastSessionId: u.lastSessionId,
      lastHeldAt: u.lastHeldAt,
      commitments: u.commitments.total,
      done: u.commitments.done,
      onTime: u.commitments.doneOnTime,
      overdue: u.commitments.overdue,
    })),
    covered: view.heldCount,
    total: view.unitCount,
    commitments: view.commitments.total,
    done: view.commitments.done,
    onTime: view.commitments.doneOnTime,
    overdue: view.commitments.overdue,
  }
}

// ---------------------------------------------------------------------------------------------
// Forms

/** The question form as posted. */
function readQuestionForm(form: FormBody): QuestionFormValues {
  return {
    askerChoice: formText(form, 'askerChoice'),
    askerName: formText(form, 'askerName'),
    residentialArea: formText(form, 'residentialArea'),
    contact: formText(form, 'contact'),
    text: formText(form, 'text'),
  }
}

/** The question form's own checks: the choice, and a name when the resident chose to give one. */
function checkQuestionForm(values: QuestionFormValues): FieldErrors {
  const fields: FieldErrors = {}
  if (values.askerChoice !== 'named' && values.askerChoice !== 'anonymous') fields.askerChoice = 'dialogues.pages.ask.errors.askerChoice'
  else if (values.askerChoice === 'named' && values.askerName.trim() === '') fields.askerName = 'dialogues.pages.ask.errors.askerName'
  return fields
}

/** The host rows as posted. */
function readHostRows(form: FormBody): HostRow[] {
  return Array.from({ length: HOST_ROWS }, (_, i) => {
    const names = hostFieldNames(i)
    return { username: formText(form, names.username).trim(), roleLabel: formText(form, names.roleLabel) }
  })
}

/** The filled host rows as the service takes them, and the row each came from (for its errors). */
function hostInputOf(rows: readonly HostRow[]): { hosts: service.HostInput[]; rowOf: number[] } {
  const hosts: service.HostInput[] = []
  const rowOf: number[] = []
  rows.forEach((row, i) => {
    if (row.username === '') return
    hosts.push({ username: row.username, roleLabel: row.roleLabel.trim() === '' ? null : row.roleLabel })
    rowOf.push(i)
  })
  return { hosts, rowOf }
}

/** The posted name of a host error of the service ("hosts.1.roleLabel" → "host2Label"). */
function hostErrorName(name: string, rowOf: readonly number[]): string {
  const match = /^hosts\.(\d+)\.(username|roleLabel)$/.exec(name)
  if (!match) return name
  const names = hostFieldNames(rowOf[Number(match[1])] ?? 0)
  return match[2] === 'username' ? names.username : names.roleLabel
}

/** Every posted name of the host rows. */
const HOST_NAMES: readonly string[] = Array.from({ length: HOST_ROWS }, (_, i) => [hostFieldNames(i).username, hostFieldNames(i).roleLabel]).flat()

/** The schedule fields' names, as posted and as the service names them. */
const SCHEDULE_NAMES = ['topic', 'description', 'startsAt', 'endsAt', 'venue', 'livestreamUrl', 'secretaryUsername'] as const

/** A whole number of people typed in a form: null when empty, NaN when not a number. */
function attendanceOf(text: string): number | null {
  const trimmed = text.trim().replace(/[.\s]/g, '')
  if (trimmed === '') return null
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : Number.NaN
}

/** Registers the dialogue pages. */
export function registerDialoguePages(app: App, deps: FeatureDeps): void {
  const pages: PageSupport = createPageSupport({
    baseUrl: deps.config.baseUrl,
    appSecret: deps.config.sessionSecret,
    isSecureCookie: deps.config.isSecureCookie,
    loadHomeUnit: () => units.getHomeUnit(deps),
  })
  const captcha = service.createDialogueCaptcha(deps)
  const publicDeps = { ...deps, captcha }
  const staffGuard = signedInGuard()

  // ---------- Public ----------

  app.get<{ Querystring: Record<string, unknown> }>(PUBLIC_PATH, { schema: { hide: true } }, async (req, reply) => {
    const page = pageNumber(req.query.page)
    const [upcoming, past] = await Promise.all([
      service.listSessions(deps, { scope: 'upcoming', pageSize: UPCOMING_SIZE }),
      service.listSessions(deps, { scope: 'past', page, pageSize: PAST_PAGE_SIZE }),
    ])
    return sendPage(
      reply,
      <PublicListPage
        ctx={await pages.context(req, reply)}
        upcoming={upcoming.items.map(sessionItemOf)}
        past={past.items.map(sessionItemOf)}
        pastTotal={past.total}
        page={page}
        pageSize={PAST_PAGE_SIZE}
      />,
    )
  })

  /** A session's public page, with the question form (as typed, with its errors) while it takes questions. */
  const renderSession = async (req: FastifyRequest, reply: FastifyReply, id: number, values: QuestionFormValues, errors: FormErrors, status = 200) => {
    const view = await service.getPublicSession(deps, id, existingDeviceToken(req))
    const ctx = await pages.context(req, reply)
    const form = view.acceptsQuestions ? { values, errors, challenge: captcha.issue(deps.clock.now()) } : null
    // A page with a one-use captcha must not be cached; without one it may be, in this browser.
    return sendPage(reply, <PublicSessionPage ctx={ctx} session={publicSessionOf(view)} form={form} />, status, { isPrivate: form !== null })
  }

  app.get<{ Params: { id: string } }>(`${PUBLIC_PATH}/:id`, { schema: { hide: true } }, (req, reply) => renderSession(req, reply, sessionId(req.params.id), EMPTY_QUESTION_FORM, NO_ERRORS))

  app.post<{ Params: { id: string } }>(`${PUBLIC_PATH}/:id/cau-hoi`, { schema: { hide: true } }, async (req, reply) => {
    const id = sessionId(req.params.id)
    const form = formBody(req.body)
    const values = readQuestionForm(form)
    // The form's own choice first: without it the service cannot tell a name from none.
    const own = checkQuestionForm(values)
    if (Object.keys(own).length > 0) return renderSession(req, reply, id, values, { fields: own }, 422)
    try {
      await service.submitQuestion(
        publicDeps,
        id,
        { askerName: values.askerName, residentialArea: values.residentialArea, contact: values.contact, isAnonymous: values.askerChoice === 'anonymous', text: values.text },
        {
          clientAddress: req.ip,
          captcha: { token: formText(form, CAPTCHA_FIELDS.token), nonce: formText(form, CAPTCHA_FIELDS.nonce), answer: formText(form, CAPTCHA_FIELDS.answer) },
          honeypot: formText(form, HONEYPOT_FIELD),
        },
      )
      pages.flash(reply, { kind: 'success', key: 'dialogues.pages.ask.sent' })
      return reply.redirect(sessionHref(id), 303)
    } catch (error) {
      if (error instanceof TooManyRequestsError) {
        reply.header('retry-after', String(error.retryAfterSeconds))
        return renderSession(req, reply, id, values, { fields: {}, general: error.messageKey }, 429)
      }
      if (error instanceof ConflictError) {
        // The session stopped taking questions meanwhile: say so on its page.
        pages.flash(reply, { kind: 'warning', key: error.messageKey })
        return reply.redirect(sessionHref(id), 303)
      }
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderSession(req, reply, id, values, failure.errors, failure.status)
    }
  })

  app.post<{ Params: { id: string; questionId: string } }>(`${PUBLIC_PATH}/:id/cau-hoi/:questionId/ung-ho`, { schema: { hide: true } }, async (req, reply) => {
    const id = sessionId(req.params.id)
    const qid = questionId(req.params.questionId)
    const back = `${sessionHref(id)}#cau-hoi-${qid}`
    try {
      await service.supportQuestion(deps, id, qid, deviceTokenOf(req, reply, deps.config.isSecureCookie), req.ip)
      pages.flash(reply, { kind: 'success', key: 'dialogues.pages.questions.supportedFlash' })
    } catch (error) {
      if (error instanceof NotFoundError || !(error instanceof AppError) || error.status >= 500) throw error
      if (error instanceof TooManyRequestsError) reply.header('retry-after', String(error.retryAfterSeconds))
      const isAgain = error.messageKey === 'dialogues.errors.alreadySupported'
      pages.flash(reply, { kind: isAgain ? 'info' : 'warning', key: isAgain ? 'dialogues.pages.questions.alreadySupported' : error.messageKey })
    }
    return reply.redirect(back, 303)
  })

  app.get<{ Params: { id: string } }>(`${PUBLIC_PATH}/:id/bien-ban`, { schema: { hide: true } }, async (req, reply) => {
    const view = await service.sessionMinutes(deps, req.principal ?? null, sessionId(req.params.id))
    // A draft is for its organisers only: never stored anywhere.
    return sendPage(reply, <MinutesPage ctx={await pages.context(req, reply)} minutes={minutesOf(view)} />, 200, { isPrivate: !view.isPublished })
  })

  // ---------- Staff: choices ----------

  /** The enabled units the principal organises dialogues for, shallowest first, in name order. */
  const organisedUnits = async (principal: Principal): Promise<Unit[]> => {
    const all = await units.listUnits(deps)
    return all.filter((u) => !u.isDisabled && isOrganiserOf(principal, u.path)).sort((a, b) => a.path.length - b.path.length || collator.compare(a.name, b.name))
  }

  /** Staff with some roles on each unit, as choices under the unit's name (usernames as values). */
  const staffGroups = async (list: readonly Unit[], roles: readonly Role[]): Promise<ChoiceGroup[]> => {
    const groups = await Promise.all(
      list.map(async (unit) => ({
        label: unit.name,
        choices: (await units.staffWithRolesOn(deps, unit.id, roles)).sort((a, b) => collator.compare(a.fullName, b.fullName)).map((s) => ({ value: s.username, label: s.fullName })),
      })),
    )
    return groups.filter((g) => g.choices.length > 0)
  }

  /** The units of a line: the unit, those above it and those under it, enabled, shallowest first. */
  const lineOf = async (unitCode: string): Promise<Unit[]> => {
    const all = await units.listUnits(deps)
    const unit = all.find((u) => u.code === unitCode)
    if (!unit) return []
    return all
      .filter((u) => !u.isDisabled && (u.path.startsWith(unit.path) || unit.path.startsWith(u.path)))
      .sort((a, b) => a.path.length - b.path.length || collator.compare(a.name, b.name))
  }

  /** What the create form offers: the units organised, their leaders (hosts) and their staff (secretary). */
  const createChoices = async (principal: Principal): Promise<SessionChoices | null> => {
    const list = await organisedUnits(principal)
    if (list.length === 0) return null
    // Hosts lead the unit or a unit above it: the organised units' ancestors offer theirs too.
    const all = await units.listUnits(deps)
    const withAncestors = all
      .filter((u) => !u.isDisabled && list.some((o) => o.path.startsWith(u.path)))
      .sort((a, b) => a.path.length - b.path.length || collator.compare(a.name, b.name))
    const [leaders, staff] = await Promise.all([staffGroups(withAncestors, ['leader']), staffGroups(list, STAFF_ROLES)])
    return { units: list.map((u) => ({ value: u.code, label: u.name })), leaders, staff }
  }

  /** What a session's forms offer: the leaders of its unit and those above (hosts), its staff (secretary). */
  const sessionChoices = async (unitCode: string): Promise<SessionChoices> => {
    const line = await lineOf(unitCode)
    const unit = line.find((u) => u.code === unitCode)
    const above = unit ? line.filter((u) => unit.path.startsWith(u.path)) : []
    const [leaders, staff] = await Promise.all([staffGroups(above, ['leader']), staffGroups(unit ? [unit] : [], STAFF_ROLES)])
    return { units: [], leaders, staff }
  }

  /** Units a question may be assigned to, or a commitment fall to: the session unit's line. */
  const lineChoices = async (unitCode: string): Promise<Choice[]> => (await lineOf(unitCode)).map((u) => ({ value: u.code, label: u.name }))

  /** Parent units whose coverage the principal may read: those above wards and communes, within reach. */
  const coverageParents = async (principal: Principal): Promise<Unit[]> => {
    const all = await units.listUnits(deps)
    return all
      .filter((u) => !u.isDisabled && !COMMUNE_LEVELS.includes(u.level) && canViewCoverage(principal, u.path))
      .sort((a, b) => a.path.length - b.path.length || collator.compare(a.name, b.name))
  }

  // ---------- Staff: the list and creating ----------

  const renderList = async (
    req: FastifyRequest<{ Querystring: Record<string, unknown> }>,
    reply: FastifyReply,
    create: { values: SessionFormValues; errors: FormErrors } | null,
    status = 200,
  ) => {
    const principal = principalOf(req)
    const q = req.query
    const scope = queryText(q.scope)
    const filter: StaffFilter = { scope: scope === 'upcoming' || scope === 'past' ? scope : '', unit: queryText(q.unit).slice(0, 40), year: queryText(q.year).trim().slice(0, 4) }
    const page = pageNumber(q.page)
    let filterErrors: FormErrors = NO_ERRORS
    const year = filter.year === '' ? undefined : /^\d{4}$/.test(filter.year) ? Number(filter.year) : Number.NaN
    let result: { total: number; items: StaffSessionSummary[] } = { total: 0, items: [] }
    if (Number.isNaN(year)) filterErrors = { fields: { year: 'dialogues.errors.year' } }
    else {
      try {
        result = await service.listStaffSessions(deps, principal, {
          scope: filter.scope === '' ? 'all' : (filter.scope as 'upcoming' | 'past'),
          ...(filter.unit ? { unitCode: filter.unit } : {}),
          ...(year !== undefined ? { year } : {}),
          page,
          pageSize: STAFF_PAGE_SIZE,
        })
      } catch (error) {
        // Staff who neither organise nor keep the record of any session see an empty list, not a 403.
        if (error instanceof ForbiddenError) result = { total: 0, items: [] }
        // A filter naming no unit or a year out of range is the user's to fix, beside its field.
        else if (error instanceof BadRequestError) filterErrors = { fields: Object.keys(error.fields).length > 0 ? error.fields : { unit: error.messageKey } }
        else throw error
      }
    }
    const choices = await createChoices(principal)
    const unitList = choices?.units ?? []
    return sendPage(
      reply,
      <StaffListPage
        ctx={await pages.context(req, reply)}
        filter={filter}
        filterErrors={filterErrors}
        units={unitList}
        sessions={result.items.map(staffRowOf)}
        total={result.total}
        page={page}
        pageSize={STAFF_PAGE_SIZE}
        create={choices ? { values: create?.values ?? EMPTY_SESSION_FORM, errors: create?.errors ?? NO_ERRORS, choices } : null}
        canSeeCoverage={(await coverageParents(principal)).length > 0}
      />,
      status !== 200 ? status : filterErrors === NO_ERRORS ? 200 : 400,
      { isPrivate: true },
    )
  }

  app.get<{ Querystring: Record<string, unknown> }>(STAFF_PATH, { schema: { hide: true }, preHandler: staffGuard }, (req, reply) => renderList(req, reply, null))

  app.post<{ Querystring: Record<string, unknown> }>(STAFF_PATH, { schema: { hide: true }, preHandler: staffGuard }, async (req, reply) => {
    const form = formBody(req.body)
    const hosts = readHostRows(form)
    const values: SessionFormValues = {
      unitCode: formText(form, 'unitCode'),
      topic: formText(form, 'topic'),
      description: formText(form, 'description'),
      startsAt: formText(form, 'startsAt'),
      endsAt: formText(form, 'endsAt'),
      venue: formText(form, 'venue'),
      livestreamUrl: formText(form, 'livestreamUrl'),
      secretaryUsername: formText(form, 'secretaryUsername'),
      hosts,
    }
    const { hosts: hostInput, rowOf } = hostInputOf(hosts)
    try {
      const view = await service.createSession(deps, principalOf(req), {
        unitCode: values.unitCode,
        topic: values.topic,
        description: values.description,
        startsAt: values.startsAt,
        endsAt: values.endsAt,
        venue: values.venue,
        livestreamUrl: values.livestreamUrl,
        secretaryUsername: values.secretaryUsername,
        hosts: hostInput,
      })
      pages.flash(reply, { kind: 'success', key: 'dialogues.pages.staff.created' })
      return reply.redirect(staffSessionHref(view.id), 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderList(req, reply, { values, errors: renameFields(failure.errors, (name) => hostErrorName(name, rowOf)) }, failure.status)
    }
  })

  // ---------- Staff: coverage ----------

  app.get<{ Querystring: Record<string, unknown> }>(COVERAGE_PATH, { schema: { hide: true }, preHandler: staffGuard }, async (req, reply) => {
    const principal = principalOf(req)
    const parents = await coverageParents(principal)
    if (parents.length === 0) throw new ForbiddenError()
    const home = await units.getHomeUnit(deps)
    const filter: CoverageFilter = {
      year: queryText(req.query.year).trim().slice(0, 4) || String(localDateOf(deps.clock.now()).year),
      unit: queryText(req.query.unit).slice(0, 40) || (parents.some((u) => u.code === home?.code) ? (home?.code ?? '') : (parents[0]?.code ?? home?.code ?? '')),
    }
    let errors: FormErrors = NO_ERRORS
    let report: CoverageReport | null = null
    if (!/^\d{4}$/.test(filter.year)) errors = { fields: { year: 'dialogues.pages.coverage.errors.year' } }
    else {
      try {
        report = coverageOf(await service.coverage(deps, principal, { unitCode: filter.unit, year: Number(filter.year) }))
      } catch (error) {
        if (!(error instanceof BadRequestError)) throw error
        errors = { fields: Object.keys(error.fields).length > 0 ? error.fields : { unit: 'dialogues.pages.coverage.errors.unit' } }
      }
    }
    return sendPage(
      reply,
      <CoveragePage ctx={await pages.context(req, reply)} filter={filter} errors={errors} units={parents.map((u) => ({ value: u.code, label: u.name }))} report={report} />,
      errors === NO_ERRORS ? 200 : 400,
      { isPrivate: true },
    )
  })

  // ---------- Staff: one session ----------

  const renderStaffSession = async (req: FastifyRequest, reply: FastifyReply, id: number, failed: FailedForm | null, status = 200) => {
    const view = await service.getStaffSession(deps, principalOf(req), id)
    const [choices, assignUnits] = await Promise.all([view.can.editSchedule || view.can.editHosts ? sessionChoices(view.unit.code) : Promise.resolve({ units: [], leaders: [], staff: [] }), lineChoices(view.unit.code)])
    return sendPage(reply, <StaffSessionPage ctx={await pages.context(req, reply)} session={staffSessionOf(view)} choices={choices} assignUnits={assignUnits} failed={failed} />, status, {
      // Residents' contacts and hidden reasons are on it.
      isPrivate: true,
    })
  }

  app.get<{ Params: { id: string } }>(`${STAFF_PATH}/:id`, { schema: { hide: true }, preHandler: staffGuard }, (req, reply) => renderStaffSession(req, reply, sessionId(req.params.id), null))

  /**
   * A staff form of a session: run the use case, then back to `done` with a flash, or the page
   * again with the form's values and errors (the service's field names renamed to the form's).
   */
  const staffForm = async (
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    options: {
      readonly form: string
      readonly values: Readonly<Record<string, string>>
      readonly rename: (name: string) => string
      readonly act: (principal: Principal, id: number) => Promise<unknown>
      readonly flash: { readonly key: string; readonly params?: Record<string, string> }
      readonly done: (id: number) => string
      readonly render: (id: number, failed: FailedForm, status: number) => Promise<FastifyReply>
    },
  ) => {
    const id = sessionId(req.params.id)
    try {
      await options.act(principalOf(req), id)
      pages.flash(reply, { kind: 'success', key: options.flash.key, ...(options.flash.params ? { params: options.flash.params } : {}) })
      return reply.redirect(options.done(id), 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      // Field messages go beside the fields of the form that was sent; anything else heads the page.
      const errors = renameFields(failure.errors, options.rename)
      return options.render(id, { form: options.form, values: options.values, errors }, failure.status)
    }
  }

  const backToSession = (id: number) => staffSessionHref(id)

  app.post<{ Params: { id: string } }>(`${STAFF_PATH}/:id/trang-thai`, { schema: { hide: true }, preHandler: staffGuard }, (req, reply) => {
    const form = formBody(req.body)
    const action = formText(form, 'action')
    const values = postedValues(form, ['reason'])
    return staffForm(req, reply, {
      form: `action:${action}`,
      values,
      rename: (name) => name,
      act: (principal, id) => service.applySessionAction(deps, principal, id, { action, reason: values.reason ?? null }),
      flash: { key: 'dialogues.pages.manage.acted', params: { action: req.t(`dialogues.actions.${action}`) } },
      done: backToSession,
      render: (id, failed, status) => renderStaffSession(req, reply, id, failed.errors.fields.action ? { ...failed, errors: { fields: {}, general: 'dialogues.pages.manage.errors.action' } } : failed, status),
    })
  })

  app.post<{ Params: { id: string } }>(`${STAFF_PATH}/:id/sua`, { schema: { hide: true }, preHandler: staffGuard }, (req, reply) => {
    const form = formBody(req.body)
    const values = postedValues(form, SCHEDULE_NAMES)
    return staffForm(req, reply, {
      form: 'schedule',
      values,
      rename: (name) => name,
      act: (principal, id) =>
        service.updateSession(deps, principal, id, {
          topic: values.topic ?? '',
          description: values.description ?? '',
          startsAt: values.startsAt ?? '',
          endsAt: values.endsAt ?? '',
          venue: values.venue ?? '',
          livestreamUrl: values.livestreamUrl ?? '',
          secretaryUsername: values.secretaryUsername ?? '',
        }),
      flash: { key: 'dialogues.pages.manage.updated' },
      done: backToSession,
      render: (id, failed, status) => renderStaffSession(req, reply, id, failed, status),
    })
  })

  app.post<{ Params: { id: string } }>(`${STAFF_PATH}/:id/chu-tri`, { schema: { hide: true }, preHandler: staffGuard }, (req, reply) => {
    const form = formBody(req.body)
    const { hosts, rowOf } = hostInputOf(readHostRows(form))
    return staffForm(req, reply, {
      form: 'hosts',
      values: postedValues(form, HOST_NAMES),
      rename: (name) => hostErrorName(name, rowOf),
      act: (principal, id) => service.setHosts(deps, principal, id, hosts),
      flash: { key: 'dialogues.pages.manage.hostsUpdated' },
      done: backToSession,
      render: (id, failed, status) => renderStaffSession(req, reply, id, failed, status),
    })
  })

  app.post<{ Params: { id: string; questionId: string } }>(`${STAFF_PATH}/:id/cau-hoi/:questionId`, { schema: { hide: true }, preHandler: staffGuard }, (req, reply) => {
    const qid = questionId(req.params.questionId)
    const form = formBody(req.body)
    const action = formText(form, 'action')
    const fields: readonly string[] = action in MODERATION_FIELDS ? MODERATION_FIELDS[action as ModerationAction] : []
    const values = postedValues(
      form,
      fields.map((f) => questionFieldName(qid, f)),
    )
    const value = (field: string) => values[questionFieldName(qid, field)] ?? ''
    const into = value('into').trim()
    return staffForm(req, reply, {
      form: `question:${qid}:${action}`,
      values,
      rename: (name) => (fields.includes(name) ? questionFieldName(qid, name) : name),
      act: (principal, id) =>
        service.moderateQuestion(deps, principal, id, qid, {
          action,
          reason: value('reason'),
          into: /^\d{1,12}$/.test(into) ? Number(into) : null,
          unitCode: value('unitCode'),
          text: value('text'),
        }),
      flash: { key: 'dialogues.pages.moderate.acted', params: { action: req.t(`dialogues.moderation.${action}`) } },
      done: (id) => `${staffSessionHref(id)}#cau-hoi-${qid}`,
      render: (id, failed, status) => renderStaffSession(req, reply, id, failed.errors.fields.action ? { ...failed, errors: { fields: {}, general: 'dialogues.pages.manage.errors.action' } } : failed, status),
    })
  })

  // ---------- Staff: the secretary's page ----------

  const renderSecretary = async (req: FastifyRequest, reply: FastifyReply, id: number, failed: FailedForm | null, status = 200) => {
    const view = await service.getStaffSession(deps, principalOf(req), id)
    // Staff who only prepare answers may read the session, not keep its record.
    if (!view.can.isSecretary) throw new ForbiddenError()
    // A month of working days from the session (or from now, after it), in the unit's calendar.
    const now = deps.clock.now()
    const from = view.startsAt.getTime() > now.getTime() ? view.startsAt : now
    const unit = await units.getUnitByCode(deps, view.unit.code).catch(() => null)
    const due = dateValue(computeDue(await deps.calendar.calendarFor(unit?.id ?? null), from, { kind: 'days', days: DEFAULT_COMMITMENT_DAYS }))
    return sendPage(
      reply,
      <SecretaryPage ctx={await pages.context(req, reply)} session={staffSessionOf(view)} units={await lineChoices(view.unit.code)} defaultDueDate={due} failed={failed} />,
      status,
      { isPrivate: true },
    )
  }

  app.get<{ Params: { id: string } }>(`${STAFF_PATH}/:id/thu-ky`, { schema: { hide: true }, preHandler: staffGuard }, (req, reply) => renderSecretary(req, reply, sessionId(req.params.id), null))

  /** The posted names of one of the secretary's forms, and the renaming of the service's field names to them. */
  const secretaryFields = (form: FormBody, prefix: string, names: readonly string[]) => {
    const posted = postedValues(
      form,
      names.map((n) => `${prefix}.${n}`),
    )
    return { posted, value: (name: string) => posted[`${prefix}.${name}`] ?? '', rename: (name: string) => (names.includes(name) ? `${prefix}.${name}` : name) }
  }

  app.post<{ Params: { id: string } }>(`${STAFF_PATH}/:id/thu-ky/cau-hoi`, { schema: { hide: true }, preHandler: staffGuard }, (req, reply) => {
    const { posted, value, rename } = secretaryFields(formBody(req.body), 'floor', ['askerName', 'residentialArea', 'text', 'answer', 'answeredBy'])
    return staffForm(req, reply, {
      form: 'floor',
      values: posted,
      rename,
      act: (principal, id) =>
        service.recordFloorQuestion(deps, principal, id, { askerName: value('askerName'), residentialArea: value('residentialArea'), text: value('text'), answer: value('answer'), answeredBy: value('answeredBy') }),
      flash: { key: 'dialogues.pages.secretary.floorRecorded' },
      done: (id) => `${secretaryHref(id)}#tra-loi`,
      render: (id, failed, status) => renderSecretary(req, reply, id, failed, status),
    })
  })

  app.post<{ Params: { id: string; questionId: string } }>(`${STAFF_PATH}/:id/thu-ky/tra-loi/:questionId`, { schema: { hide: true }, preHandler: staffGuard }, (req, reply) => {
    const qid = questionId(req.params.questionId)
    const prefix = answerFormName(qid)
    const { posted, value, rename } = secretaryFields(formBody(req.body), prefix, ['answer', 'answeredBy'])
    return staffForm(req, reply, {
      form: prefix,
      values: posted,
      rename,
      act: (principal, id) => service.answerQuestion(deps, principal, id, qid, { answer: value('answer'), answeredBy: value('answeredBy') }),
      flash: { key: 'dialogues.pages.secretary.answered' },
      done: (id) => `${secretaryHref(id)}#cau-hoi-${qid}`,
      render: (id, failed, status) => renderSecretary(req, reply, id, failed, status),
    })
  })

  app.post<{ Params: { id: string } }>(`${STAFF_PATH}/:id/thu-ky/cam-ket`, { schema: { hide: true }, preHandler: staffGuard }, (req, reply) => {
    const { posted, value, rename } = secretaryFields(formBody(req.body), 'commitment', ['questionId', 'responsibleUnitCode', 'responsible', 'content', 'dueAt'])
    const question = value('questionId').trim()
    return staffForm(req, reply, {
      form: 'commitment',
      values: posted,
      rename,
      act: (principal, id) =>
        service.addCommitment(deps, principal, id, {
          questionId: /^\d{1,12}$/.test(question) ? Number(question) : null,
          responsibleUnitCode: value('responsibleUnitCode'),
          responsible: value('responsible'),
          content: value('content'),
          dueAt: value('dueAt'),
        }),
      flash: { key: 'dialogues.pages.secretary.commitmentAdded' },
      done: (id) => `${secretaryHref(id)}#cam-ket`,
      render: (id, failed, status) => renderSecretary(req, reply, id, failed, status),
    })
  })

  app.post<{ Params: { id: string } }>(`${STAFF_PATH}/:id/thu-ky/ket-thuc`, { schema: { hide: true }, preHandler: staffGuard }, (req, reply) => {
    const form = formBody(req.body)
    const markHeld = formText(form, 'markHeld') === 'yes'
    const { posted, value, rename } = secretaryFields(form, 'minutes', ['participants', 'attendance', 'summary'])
    return staffForm(req, reply, {
      form: 'minutes',
      values: posted,
      rename,
      act: async (principal, id) => {
        const attendance = attendanceOf(value('attendance'))
        if (Number.isNaN(attendance)) throw new ValidationError({ attendance: 'dialogues.pages.secretary.errors.attendance' })
        // The minutes' fields first (kept even if the session cannot be marked held yet), then the status.
        await service.updateSession(deps, principal, id, { participants: value('participants'), attendance, summary: value('summary') })
        if (markHeld) await service.applySessionAction(deps, principal, id, { action: 'mark_held' })
      },
      flash: { key: markHeld ? 'dialogues.pages.secretary.held' : 'dialogues.pages.secretary.minutesSaved' },
      done: (id) => (markHeld ? staffSessionHref(id) : `${secretaryHref(id)}#ket-thuc`),
      render: (id, failed, status) => renderSecretary(req, reply, id, failed, status),
    })
  })

}
