/**
 * HTML routes of feedback and petitions. Public: the submit form (/phan-anh/gui, multipart with
 * photos, captcha, honeypot and a limit per address), the page that shows the tracking code and
 * the private link once, the resident's follow page with its rating and review forms, the public
 * list with its RSS feed, one public item, and the photos. Staff (/admin/phan-anh): the queue, the
 * register of complaints and denunciations, both also as CSV and XLSX files of every line their
 * filter holds (/admin/phan-anh.csv?…), and one item with a form per allowed action.
 * Handlers stay thin: read the form, call one use case (which checks scope, writes the history and
 * the audit entry), then redirect (PRG) or show the form again with its errors and what was typed.
 */
import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, FeatureDeps } from '../../app.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { CAPTCHA_FIELDS } from '../../platform/captcha/captcha.ts'
import { AppError, BadRequestError, ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { readMultipart, TooManyFilesError } from '../../platform/http/multipart.ts'
import type { MultipartForm } from '../../platform/http/multipart.ts'
import type { Choice, ChoiceGroup } from '../../views/components.tsx'
import { formBody, formErrorsOf, formText, NO_ERRORS } from '../../views/forms.ts'
import type { FormErrors } from '../../views/forms.ts'
import { createPageSupport, principalOf, sendPage, signedInGuard } from '../../views/page.ts'
import type { PageContext, PageSupport } from '../../views/page.ts'
import { EXPORT_FORMATS, exportFileName, sendExport } from '../../views/table-export.ts'
import type { ExportFormat } from '../../views/table-export.ts'
import { computeDue, formatInstant } from '../calendar/index.ts'
import * as units from '../units/index.ts'
import type { Role, Unit } from '../units/index.ts'
import { processPhotos } from './feedback.photos.ts'
import { PhotoError } from './feedback.photos.ts'
import { ASSIGNEE_ROLES, FEEDBACK_ROLES, hasFeedbackRole } from './feedback.policy.ts'
import * as service from './feedback.service.ts'
import type { PublicView, QueueInput, QueueLine, ResidentView, StaffView } from './feedback.service.ts'
import { categoryByCode, FEEDBACK_CATEGORIES, MAX_PHOTO_BYTES, MAX_PHOTOS, OPEN_STATUSES, PRIVATE_TOKEN_PATTERN, STAFF_ACTIONS, TRACKING_CODE_PATTERN } from './feedback.ts'
import type { ProcessedPhoto, StaffAction } from './feedback.ts'
import { categoryName, FollowLookupPage, FollowPage } from './views/follow.tsx'
import type { FailedResidentForm, FollowItem, FollowLookupValues } from './views/follow.tsx'
import { dateTimeLocalValue } from './views/format.ts'
import { FOLLOW_PATH, followHref, PHOTO_PATH, PUBLIC_PATH, publicItemHref, REGISTER_PATH, RSS_PATH, STAFF_PATH, staffItemHref, SUBMIT_PATH, SUBMITTED_PATH } from './views/paths.ts'
import { itemHeading, PublicItemPage, PublicListPage } from './views/public.tsx'
import type { PublicFilter, PublicItem } from './views/public.tsx'
import { queueTable } from './views/queue-table.ts'
import { rssFeed } from './views/rss.ts'
import { actionFieldName, StaffItemPage } from './views/staff-item.tsx'
import type { AssignChoices, FailedAction, StaffItem } from './views/staff-item.tsx'
import { EMPTY_QUEUE_FILTER, QueuePage } from './views/staff-queue.tsx'
import type { QueueFilter, QueueItem } from './views/staff-queue.tsx'
import { attributeField, EMPTY_SUBMIT_FORM, HONEYPOT_FIELD, SubmitPage, SubmittedPage } from './views/submit.tsx'
import type { SubmitFormValues, SubmittedReceipt } from './views/submit.tsx'

/** Items per page of the public list and of the staff queue. */
export const PUBLIC_PAGE_SIZE = 20
export const QUEUE_PAGE_SIZE = 25
/** Entries of the RSS feed. */
export const RSS_SIZE = 50

/** Levels of the units that take reports from residents. */
const RECEIVING_LEVELS: ReadonlySet<string> = new Set(['ward', 'commune', 'township'])

/** Roles whose holders are offered as officials a letter may be about. */
const OFFICIAL_ROLES: readonly Role[] = ['leader', 'desk_officer', 'specialist', 'moderator']

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

/** A coordinate typed by a person ("11,0645" as well as "11.0645"); undefined when empty, NaN when not a number. */
function coordinate(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.')
  if (trimmed === '') return undefined
  return /^[+-]?\d{1,3}(\.\d{1,12})?$/.test(trimmed) ? Number(trimmed) : Number.NaN
}

/** The submit form's values as posted. */
function readSubmitForm(fields: Readonly<Record<string, string>>): SubmitFormValues {
  const text = (name: string) => fields[name] ?? ''
  const attributes: Record<string, string> = {}
  for (const category of FEEDBACK_CATEGORIES) {
    for (const question of category.questions) attributes[question.code] = text(attributeField(question.code))
  }
  return {
    category: text('category'),
    attributes,
    unitCode: text('unitCode'),
    officialUsername: text('officialUsername'),
    title: text('title'),
    description: text('description'),
    address: text('address'),
    latitude: text('latitude'),
    longitude: text('longitude'),
    contactChoice: text('contactChoice'),
    contactName: text('contactName'),
    contactPhone: text('contactPhone'),
    contactEmail: text('contactEmail'),
    wantsPublic: text('wantsPublic'),
  }
}

/** The service's field names for the submit form's own (contact details are nested there). */
const SUBMIT_FIELD_NAMES: Readonly<Record<string, string>> = {
  'contact.name': 'contactName',
  'contact.phone': 'contactPhone',
  'contact.email': 'contactEmail',
  kind: 'category',
}

/** The same errors under the names of a form's fields. */
function renameFields(errors: FormErrors, names: Readonly<Record<string, string>>): FormErrors {
  const fields: FieldErrors = {}
  for (const [name, key] of Object.entries(errors.fields)) fields[names[name] ?? name] = key
  return { ...errors, fields }
}

/** The item a resident's follow page shows. */
function followItemOf(view: ResidentView): FollowItem {
  const notifyTo = [view.contact.phone, view.contact.email].filter((v): v is string => v !== null).join(', ')
  return {
    code: view.code,
    kind: view.kind,
    category: view.category,
    unitName: view.unit.name,
    title: view.title,
    description: view.description,
    address: view.address,
    status: view.status,
    submittedAt: view.submittedAt,
    dueAt: view.dueAt,
    publicAnswer: view.publicAnswer,
    answeredAt: view.answeredAt,
    rejectionReason: view.rejectionReason,
    duplicateOfCode: view.duplicateOf,
    isPublished: view.isPublished,
    residentRating: view.residentRating,
    timeline: view.timeline.map((e) => ({ at: e.at, action: e.action, toStatus: e.status, note: e.note })),
    photos: view.photos,
    canRate: view.canRate,
    canReopen: view.canReopen,
    reopenUntil: view.reopenUntil,
    notifyTo: notifyTo === '' ? null : notifyTo,
  }
}

/** What the public pages show of an item. */
function publicItemOf(view: PublicView): PublicItem {
  return {
    code: view.code,
    category: view.category,
    unitName: view.unit.name,
    title: view.title,
    description: view.description,
    address: view.address,
    status: view.status,
    submittedAt: view.submittedAt,
    publicAnswer: view.publicAnswer,
    answeredAt: view.answeredAt,
    photos: view.photos,
  }
}

/** What the staff page shows of an item. */
function staffItemOf(view: StaffView): StaffItem {
  return {
    code: view.code,
    kind: view.kind,
    category: view.category,
    unitName: view.unit.name,
    title: view.title,
    description: view.description,
    address: view.address,
    latitude: view.latitude,
    longitude: view.longitude,
    attributes: view.attributes,
    status: view.status,
    origin: view.origin,
    submittedAt: view.submittedAt,
    dueAt: view.dueAt,
    isOverdue: view.isOverdue,
    assignedUnitName: view.assignedUnit?.name ?? null,
    assigneeName: view.assignee?.fullName ?? null,
    officialName: view.official?.fullName ?? null,
    duplicateOfCode: view.duplicateOf,
    rejectionReason: view.rejectionReason,
    publicAnswer: view.publicAnswer,
    answeredAt: view.answeredAt,
    wantsPublic: view.wantsPublic,
    isPublished: view.isPublished,
    upheld: view.upheld,
    residentRating: view.residentRating,
    reopenCount: view.reopenCount,
    contact: view.isContactHidden ? { kind: 'hidden' } : view.contact === null || view.isAnonymous ? { kind: 'anonymous' } : { kind: 'shown', ...view.contact },
    photos: view.photos,
    history: view.events,
  }
}

/** A line of the staff queue. */
function queueItemOf(item: QueueLine): QueueItem {
  return {
    code: item.code,
    kind: item.kind,
    category: item.category,
    unitName: item.unit.name,
    title: item.title,
    excerpt: item.excerpt,
    status: item.status,
    submittedAt: item.submittedAt,
    dueAt: item.dueAt,
    answeredAt: item.answeredAt,
    isOverdue: item.isOverdue,
    timeliness: item.timeliness,
    handler: item.assignee?.fullName ?? item.assignedUnit?.name ?? null,
  }
}

/** The fields each action's form posts (as `<action>.<field>`). */
const ACTION_FIELDS: Readonly<Record<StaffAction, readonly string[]>> = {
  accept: [],
  reject: ['reason'],
  mark_duplicate: ['suggested', 'duplicateOf'],
  assign: ['unitCode', 'assigneeUsername', 'dueAt'],
  note: ['text'],
  answer: ['text'],
  publish: [],
  unpublish: [],
  close: [],
  decide_letter: ['upheld', 'note'],
}

/** Parses the code and token out of what a resident pasted: the whole private link, or the token alone. */
export function parsePrivateLink(code: string, link: string): { code: string; token: string | null } {
  const trimmed = link.trim()
  let typedCode = code.trim().toUpperCase()
  if (PRIVATE_TOKEN_PATTERN.test(trimmed)) return { code: typedCode, token: trimmed }
  try {
    const url = new URL(trimmed)
    const match = /\/phan-anh\/theo-doi\/([^/?#]+)$/.exec(url.pathname)
    if (match?.[1] && typedCode === '') typedCode = decodeURIComponent(match[1]).toUpperCase()
    const token = url.searchParams.get('t')
    return { code: typedCode, token: token && PRIVATE_TOKEN_PATTERN.test(token) ? token : null }
  } catch {
    // Not a link: perhaps only the part after "?t=" with something around it.
    const token = /(?:^|[?&]t=)([A-Za-z0-9_-]{43})(?:$|&)/.exec(trimmed)?.[1] ?? null
    return { code: typedCode, token }
  }
}

/** Registers the feedback pages. */
export function registerFeedbackPages(app: App, deps: FeatureDeps): void {
  const pages: PageSupport = createPageSupport({
    baseUrl: deps.config.baseUrl,
    appSecret: deps.config.sessionSecret,
    isSecureCookie: deps.config.isSecureCookie,
    loadHomeUnit: () => units.getHomeUnit(deps),
  })
  const captcha = service.createFeedbackCaptcha(deps)

  /** Sends the visitor to sign in; a signed-in person without a feedback role gets the 403 page. */
  const requireFeedbackStaff = signedInGuard((_req, principal) => {
    if (!hasFeedbackRole(principal)) throw new ForbiddenError()
  })

  /** The enabled units under the deployment's own unit that take reports, in name order. */
  const receivingUnits = async (): Promise<Unit[]> => {
    const home = await units.getHomeUnit(deps)
    const all = await units.listUnits(deps)
    return all
      .filter((u) => !u.isDisabled && RECEIVING_LEVELS.has(u.level) && (home === null || u.path.startsWith(home.path)))
      .sort((a, b) => collator.compare(a.name, b.name))
  }

  /** The staff of each unit as choices under the unit's name (usernames as values), with their roles in words. */
  const staffGroups = async (ctx: PageContext, list: readonly Unit[], roles: readonly Role[]): Promise<ChoiceGroup[]> => {
    const groups = await Promise.all(
      list.map(async (unit) => ({
        label: unit.name,
        choices: (await units.staffWithRolesOn(deps, unit.id, roles))
          .sort((a, b) => collator.compare(a.fullName, b.fullName))
          .map((s) => ({ value: s.username, label: `${s.fullName} (${s.roles.map((r) => ctx.t(`units.roles.${r}`)).join(', ')})` })),
      })),
    )
    return groups.filter((g) => g.choices.length > 0)
  }
  // ---------- Submitting ----------

  const renderSubmit = async (req: FastifyRequest, reply: FastifyReply, values: SubmitFormValues, errors: FormErrors, status = 200, hadPhotos = false) => {
    const ctx = await pages.context(req, reply)
    const list = await receivingUnits()
    return sendPage(
      reply,
      <SubmitPage
        ctx={ctx}
        values={values}
        errors={errors}
        units={list.map((u) => ({ value: u.code, label: u.name }))}
        officials={await staffGroups(ctx, list, OFFICIAL_ROLES)}
        challenge={captcha.issue(deps.clock.now())}
        hadPhotos={hadPhotos}
      />,
      status,
      // The page carries a one-use captcha: a cached copy would only offer a spent one.
      { isPrivate: true },
    )
  }

  app.get<{ Querystring: Record<string, unknown> }>(SUBMIT_PATH, { schema: { hide: true } }, async (req, reply) => {
    // A link may choose the unit or the category beforehand (?unit=25888&category=sanitation).
    const values = { ...EMPTY_SUBMIT_FORM, unitCode: queryText(req.query.unit).slice(0, 40), category: queryText(req.query.category).slice(0, 40) }
    return renderSubmit(req, reply, values, NO_ERRORS)
  })

  /** The form's own checks, beside the service's: the two choices and the coordinates as numbers. */
  const checkChoices = (values: SubmitFormValues): FieldErrors => {
    const fields: FieldErrors = {}
    if (values.contactChoice !== 'named' && values.contactChoice !== 'anonymous') fields.contactChoice = 'feedback.pages.submit.errors.contactChoice'
    else if (values.contactChoice === 'named' && values.contactPhone.trim() === '' && values.contactEmail.trim() === '') fields.contactPhone = 'feedback.errors.contactNeeded'
    if (values.wantsPublic !== 'yes' && values.wantsPublic !== 'no') fields.wantsPublic = 'feedback.pages.submit.errors.wantsPublic'
    const latitude = coordinate(values.latitude)
    const longitude = coordinate(values.longitude)
    if (latitude !== undefined && !(Math.abs(latitude) <= 90)) fields.latitude = 'feedback.pages.submit.errors.latitude'
    if (longitude !== undefined && !(Math.abs(longitude) <= 180)) fields.longitude = 'feedback.pages.submit.errors.longitude'
    if ((latitude === undefined) !== (longitude === undefined)) fields[latitude === undefined ? 'latitude' : 'longitude'] = 'feedback.errors.coordinates'
    return fields
  }

  app.post(SUBMIT_PATH, { schema: { hide: true } }, async (req, reply) => {
    let form: MultipartForm
    const fields: FieldErrors = {}
    try {
      form = await readMultipart(req, { maxFiles: MAX_PHOTOS, maxFileBytes: MAX_PHOTO_BYTES, tooManyFilesKey: 'feedback.photos.errors.tooMany' })
    } catch (error) {
      if (!(error instanceof TooManyFilesError)) throw error
      form = error.form
      fields.photos = 'feedback.photos.errors.tooMany'
    }
    const values = readSubmitForm(form.fields)
    const hadPhotos = form.files.length > 0
    // The spam defences come first, before any photo is decoded: a limit per address, the
    // honeypot, the captcha. Only the captcha is the person's to fix beside its field.
    try {
      await service.checkPublicSubmission(
        { ...deps, captcha },
        {
          clientAddress: req.ip,
          captcha: { token: form.fields[CAPTCHA_FIELDS.token], nonce: form.fields[CAPTCHA_FIELDS.nonce], answer: form.fields[CAPTCHA_FIELDS.answer] },
          honeypot: form.fields[HONEYPOT_FIELD],
        },
      )
    } catch (error) {
      if (error instanceof TooManyRequestsError) {
        reply.header('retry-after', String(error.retryAfterSeconds))
        return renderSubmit(req, reply, values, { fields: {}, general: error.messageKey }, 429, hadPhotos)
      }
      if (!(error instanceof ValidationError)) throw error
      if (Object.keys(error.fields).length === 0) return renderSubmit(req, reply, values, { fields: {}, general: error.messageKey }, 422, hadPhotos)
      Object.assign(fields, error.fields)
    }
    Object.assign(fields, checkChoices(values))
    let photos: ProcessedPhoto[] = []
    if (!fields.photos) {
      try {
        photos = await processPhotos(form.files.filter((f) => f.field === 'photos'))
      } catch (error) {
        if (!(error instanceof PhotoError)) throw error
        fields.photos = error.fields.photos ?? 'feedback.errors.photo'
      }
    }
    if (Object.keys(fields).length > 0) return renderSubmit(req, reply, values, { fields }, 422, hadPhotos)

    const isAnonymous = values.contactChoice === 'anonymous'
    const category = categoryByCode(values.category)
    const hasOfficial = values.officialUsername.trim() !== ''
    // Naming an official makes it a letter about them, unless the field is one with its own law.
    const isLetter = hasOfficial && category !== undefined && category.defaultKind !== 'complaint' && category.defaultKind !== 'denunciation'
    try {
      const { item, privateUrl } = await service.submitFeedback(deps, {
        unitCode: values.unitCode,
        category: values.category,
        ...(isLetter ? { kind: 'letter' as const } : {}),
        title: values.title,
        description: values.description,
        address: values.address,
        latitude: coordinate(values.latitude) ?? null,
        longitude: coordinate(values.longitude) ?? null,
        attributes: category ? Object.fromEntries(category.questions.map((q) => [q.code, values.attributes[q.code] ?? ''])) : {},
        contact: isAnonymous ? null : { name: values.contactName, phone: values.contactPhone, email: values.contactEmail },
        wantsPublic: values.wantsPublic === 'yes',
        officialUsername: hasOfficial ? values.officialUsername : null,
        photos,
        origin: 'portal',
      })
      // The private link is shown once, on the next page; the flash cookie is encrypted.
      pages.flash(reply, { kind: 'success', key: 'feedback.pages.submitted.title', params: { code: item.code }, secret: privateUrl })
      return reply.redirect(SUBMITTED_PATH, 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderSubmit(req, reply, values, renameFields(failure.errors, SUBMIT_FIELD_NAMES), failure.status, hadPhotos)
    }
  })

  app.get(SUBMITTED_PATH, { schema: { hide: true } }, async (req, reply) => {
    const ctx = await pages.context(req, reply)
    const flash = ctx.flash
    let receipt: SubmittedReceipt | null = null
    if (flash?.key === 'feedback.pages.submitted.title' && typeof flash.secret === 'string' && typeof flash.params?.code === 'string') {
      const code = flash.params.code
      const token = parsePrivateLink(code, flash.secret).token
      if (token) receipt = { code, privateUrl: flash.secret, privateHref: followHref(code, token) }
    }
    // The receipt is the page itself: the layout must not show the flash a second time.
    return sendPage(reply, <SubmittedPage ctx={{ ...ctx, flash: null }} receipt={receipt} />, 200, { isPrivate: true })
  })

  // ---------- The resident's side ----------

  const renderLookup = async (req: FastifyRequest, reply: FastifyReply, values: FollowLookupValues, errors: FormErrors, status = 200) =>
    sendPage(reply, <FollowLookupPage ctx={await pages.context(req, reply)} values={values} errors={errors} />, status, { isPrivate: true })

  /** The lookup form with the one neutral message: the same for an unknown code and a wrong token. */
  const notFound = (req: FastifyRequest, reply: FastifyReply, code: string) =>
    renderLookup(req, reply, { code, link: '' }, { fields: {}, general: 'feedback.errors.trackNotFound' }, 404)

  app.get(FOLLOW_PATH, { schema: { hide: true } }, (req, reply) => renderLookup(req, reply, { code: '', link: '' }, NO_ERRORS))

  app.post(FOLLOW_PATH, { schema: { hide: true } }, async (req, reply) => {
    const form = formBody(req.body)
    const values = { code: formText(form, 'code').trim().slice(0, 40), link: formText(form, 'link').trim().slice(0, 500) }
    const parsed = parsePrivateLink(values.code, values.link)
    const fields: FieldErrors = {}
    if (!TRACKING_CODE_PATTERN.test(parsed.code)) fields.code = 'feedback.pages.follow.errors.code'
    if (!parsed.token) fields.link = 'feedback.pages.follow.errors.link'
    if (Object.keys(fields).length > 0 || !parsed.token) return renderLookup(req, reply, values, { fields }, 422)
    const view = await service.getForResident(deps, parsed.code, parsed.token)
    if (!view) return renderLookup(req, reply, values, { fields: {}, general: 'feedback.errors.trackNotFound' }, 404)
    return reply.redirect(followHref(view.code, parsed.token), 303)
  })

  const renderFollow = async (req: FastifyRequest, reply: FastifyReply, view: ResidentView, token: string, failed: FailedResidentForm | null, status = 200) =>
    sendPage(reply, <FollowPage ctx={await pages.context(req, reply)} item={followItemOf(view)} token={token} failed={failed} />, status, {
      // The page is the resident's own, reached with a secret: never stored anywhere.
      isPrivate: true,
    })

  app.get<{ Params: { code: string }; Querystring: Record<string, unknown> }>(`${FOLLOW_PATH}/:code`, { schema: { hide: true } }, async (req, reply) => {
    const token = queryText(req.query.t)
    const view = await service.getForResident(deps, req.params.code, token)
    if (!view) return notFound(req, reply, req.params.code.slice(0, 40))
    return renderFollow(req, reply, view, token, null)
  })

  /** A resident's form (rate or reopen): the use case, then back to the follow page or the form again. */
  const residentForm =
    (kind: FailedResidentForm['form'], names: readonly string[], act: (code: string, token: string, values: Record<string, string>) => Promise<ResidentView>, flashKey: string) =>
    async (req: FastifyRequest<{ Params: { code: string }; Querystring: Record<string, unknown> }>, reply: FastifyReply) => {
      const token = queryText(req.query.t)
      const form = formBody(req.body)
      const values = Object.fromEntries(names.map((name) => [name, formText(form, name)]))
      try {
        const view = await act(req.params.code, token, values)
        pages.flash(reply, { kind: 'success', key: flashKey })
        return reply.redirect(followHref(view.code, token), 303)
      } catch (error) {
        if (error instanceof NotFoundError) return notFound(req, reply, req.params.code.slice(0, 40))
        const failure = formErrorsOf(error)
        if (!failure) throw error
        const view = await service.getForResident(deps, req.params.code, token)
        if (!view) return notFound(req, reply, req.params.code.slice(0, 40))
        return renderFollow(req, reply, view, token, { form: kind, values, errors: failure.errors }, failure.status)
      }
    }

  app.post<{ Params: { code: string }; Querystring: Record<string, unknown> }>(
    `${FOLLOW_PATH}/:code/danh-gia`,
    { schema: { hide: true } },
    residentForm('rate', ['rating', 'comment'], (code, token, v) => service.rateAnswer(deps, code, token, { rating: Number(v.rating || 'NaN'), comment: v.comment ?? null }), 'feedback.pages.follow.rated'),
  )

  app.post<{ Params: { code: string }; Querystring: Record<string, unknown> }>(
    `${FOLLOW_PATH}/:code/xem-xet-lai`,
    { schema: { hide: true } },
    residentForm('reopen', ['reason'], (code, token, v) => service.reopenItem(deps, code, token, { reason: v.reason ?? '' }), 'feedback.pages.follow.reopened'),
  )

  // ---------- The public side ----------

  /** The filter of the public list from the query; values that name nothing are dropped. */
  const publicFilterOf = async (query: Record<string, unknown>): Promise<{ filter: PublicFilter; choices: Choice[] }> => {
    const list = await receivingUnits()
    const choices = list.map((u) => ({ value: u.code, label: u.name }))
    const unit = queryText(query.unit)
    const category = queryText(query.category)
    return { filter: { unit: choices.some((c) => c.value === unit) ? unit : '', category: categoryByCode(category) ? category : '' }, choices }
  }

  app.get<{ Querystring: Record<string, unknown> }>(PUBLIC_PATH, { schema: { hide: true } }, async (req, reply) => {
    const { filter, choices } = await publicFilterOf(req.query)
    const page = pageNumber(req.query.page)
    const result = await service.listPublicItems(deps, { unitCode: filter.unit || undefined, category: filter.category || undefined, page, pageSize: PUBLIC_PAGE_SIZE })
    return sendPage(
      reply,
      <PublicListPage ctx={await pages.context(req, reply)} filter={filter} units={choices} items={result.items.map(publicItemOf)} total={result.total} page={page} pageSize={PUBLIC_PAGE_SIZE} />,
    )
  })

  app.get(RSS_PATH, { schema: { hide: true } }, async (req, reply) => {
    const { items } = await service.listPublicItems(deps, { page: 1, pageSize: RSS_SIZE })
    const words = { t: req.t }
    const base = deps.config.baseUrl.replace(/\/$/, '')
    const entries = items.map((view) => {
      const answer = view.publicAnswer ? `\n\n${req.t('feedback.pages.public.answer')}: ${view.publicAnswer}` : ''
      return {
        title: itemHeading(words, view),
        link: `${base}${publicItemHref(view.code)}`,
        description: `${view.description}${answer}`,
        category: categoryName(words, view.category),
        publishedAt: view.publishedAt ?? view.answeredAt ?? view.submittedAt,
      }
    })
    const xml = rssFeed(
      {
        title: req.t('feedback.pages.public.rssTitle'),
        link: `${base}${PUBLIC_PATH}`,
        selfLink: `${base}${RSS_PATH}`,
        description: req.t('feedback.pages.public.rssDescription'),
        language: req.locale,
        lastBuildDate: entries[0]?.publishedAt ?? deps.clock.now(),
      },
      entries,
    )
    // The language follows the cookie, so a shared cache must keep one copy per cookie.
    return reply.header('cache-control', 'public, max-age=300').header('vary', 'cookie').type('application/rss+xml; charset=utf-8').send(xml)
  })

  app.get<{ Params: { code: string } }>(`${PUBLIC_PATH}/:code`, { schema: { hide: true } }, async (req, reply) => {
    const view = await service.getPublicItem(deps, req.params.code)
    if (!view) throw new NotFoundError()
    return sendPage(reply, <PublicItemPage ctx={await pages.context(req, reply)} item={publicItemOf(view)} />)
  })

  app.get<{ Params: { photoId: string; size: string }; Querystring: Record<string, unknown> }>(`${PHOTO_PATH}/:photoId/:size`, { schema: { hide: true } }, async (req, reply) => {
    const { photoId, size } = req.params
    if (!/^\d{1,12}$/.test(photoId) || (size !== 'full' && size !== 'thumb')) throw new NotFoundError()
    const id = Number(photoId)
    const token = queryText(req.query.t) || null
    // Asked first as anybody: a photo the public may see can be cached anywhere; any other only by this browser.
    const asPublic = await service.photoForViewer(deps, id, size, { principal: null, token: null })
    const photo = asPublic ?? (await service.photoForViewer(deps, id, size, { principal: req.principal ?? null, token }))
    if (!photo) throw new NotFoundError()
    const etag = `"${createHash('sha256').update(photo.bytes).digest('base64url').slice(0, 27)}"`
    // An hour at most even in public: an item taken off the public list takes its photos with it soon.
    reply.header('etag', etag).header('cache-control', asPublic ? 'public, max-age=3600' : 'private, max-age=3600')
    if (req.headers['if-none-match'] === etag) return reply.code(304).send()
    return reply.type(photo.mime).header('content-disposition', 'inline').send(photo.bytes)
  })

  // ---------- Staff ----------

  /** The enabled units where the principal holds a feedback role, and those under them, in name order. */
  const staffUnits = async (principal: Principal, roles: readonly Role[] = FEEDBACK_ROLES): Promise<Unit[]> => {
    const paths = principal.grants.filter((g) => roles.includes(g.role as Role)).map((g) => g.unitPath)
    if (paths.length === 0) return []
    const all = await units.listUnits(deps)
    return all.filter((u) => !u.isDisabled && paths.some((p) => u.path.startsWith(p))).sort((a, b) => a.path.length - b.path.length || collator.compare(a.name, b.name))
  }

  /** Whether the principal leads a unit somewhere (the register is theirs). */
  const isLeader = (principal: Principal) => principal.grants.some((g) => g.role === 'leader')

  /** The queue's filter as the address gives it (the register has no field filter). */
  const queueFilterOf = (q: Record<string, unknown>, isRegister: boolean): QueueFilter => ({
    ...EMPTY_QUEUE_FILTER,
    status: queryText(q.status).slice(0, 80),
    kind: queryText(q.kind).slice(0, 80),
    category: isRegister ? '' : queryText(q.category).slice(0, 40),
    unit: queryText(q.unit).slice(0, 40),
    overdue: queryText(q.overdue) === 'true',
    mine: queryText(q.mine) === 'true',
    q: queryText(q.q).trim().slice(0, 60),
  })

  /** What the use case is asked for a filter: "open" stands for the open statuses. */
  const queueInputOf = (filter: QueueFilter, isRegister: boolean): QueueInput => ({
    ...(filter.status ? { status: filter.status === 'open' ? OPEN_STATUSES.join(',') : filter.status } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.category ? { category: filter.category } : {}),
    ...(filter.unit ? { unitCode: filter.unit } : {}),
    ...(filter.overdue ? { overdue: true } : {}),
    ...(filter.mine ? { mine: true } : {}),
    ...(filter.q ? { q: filter.q } : {}),
    register: isRegister,
  })

  const renderQueue = async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply, isRegister: boolean) => {
    const principal = principalOf(req)
    if (isRegister && !isLeader(principal)) throw new ForbiddenError()
    const filter = queueFilterOf(req.query, isRegister)
    const page = pageNumber(req.query.page)
    let errors: FormErrors = NO_ERRORS
    let result: Awaited<ReturnType<typeof service.listQueue>> = { total: 0, counts: {}, items: [] }
    try {
      result = await service.listQueue(deps, principal, { ...queueInputOf(filter, isRegister), page, pageSize: QUEUE_PAGE_SIZE })
    } catch (error) {
      // A filter value that names no status, kind, field or unit is the user's to fix, beside its field.
      if (!(error instanceof BadRequestError)) throw error
      errors = { fields: Object.keys(error.fields).length > 0 ? error.fields : { status: 'errors.field.invalid' } }
    }
    const unitList = await staffUnits(principal)
    return sendPage(
      reply,
      <QueuePage
        ctx={await pages.context(req, reply)}
        isRegister={isRegister}
        filter={filter}
        units={unitList.map((u) => ({ value: u.code, label: u.name }))}
        counts={result.counts}
        items={result.items.map(queueItemOf)}
        total={result.total}
        page={page}
        pageSize={QUEUE_PAGE_SIZE}
        errors={errors}
        canSeeRegister={isLeader(principal)}
      />,
      errors === NO_ERRORS ? 200 : 400,
      { isPrivate: true },
    )
  }

  /**
   * The queue (or the register) as a file: every line its filter holds, up to the export limit,
   * under the page's own scope and refusals. A filter value that names nothing is a 400 that says
   * which filter, as the page says it beside the field.
   */
  const sendQueueExport = async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply, isRegister: boolean, format: ExportFormat) => {
    const principal = principalOf(req)
    if (isRegister && !isLeader(principal)) throw new ForbiddenError()
    const filter = queueFilterOf(req.query, isRegister)
    let result: service.QueueExport
    try {
      result = await service.exportQueue(deps, principal, queueInputOf(filter, isRegister))
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error
      const field = Object.keys(error.fields)[0] ?? 'status'
      throw new AppError(400, 'bad_request', 'feedback.pages.queue.export.badFilter', error.fields, { filter: req.t(`feedback.pages.queue.${field}`) })
    }
    const table = queueTable(req.t, req.locale, { items: result.lines.map(queueItemOf), total: result.total, limit: result.limit }, { isRegister })
    const today = formatInstant(deps.clock.now()).slice(0, 10)
    return sendExport(reply, table, format, exportFileName([table.key, filter.unit, today], format))
  }

  app.get<{ Querystring: Record<string, unknown> }>(STAFF_PATH, { schema: { hide: true }, preHandler: requireFeedbackStaff }, (req, reply) => renderQueue(req, reply, false))
  app.get<{ Querystring: Record<string, unknown> }>(REGISTER_PATH, { schema: { hide: true }, preHandler: requireFeedbackStaff }, (req, reply) => renderQueue(req, reply, true))
  for (const format of EXPORT_FORMATS) {
    app.get<{ Querystring: Record<string, unknown> }>(`${STAFF_PATH}.${format}`, { schema: { hide: true }, preHandler: requireFeedbackStaff }, (req, reply) => sendQueueExport(req, reply, false, format))
    app.get<{ Querystring: Record<string, unknown> }>(`${REGISTER_PATH}.${format}`, { schema: { hide: true }, preHandler: requireFeedbackStaff }, (req, reply) => sendQueueExport(req, reply, true, format))
  }

  /** What the assign form offers: the item's unit and those under it, their officials, the default due instant. */
  const assignChoicesFor = async (view: StaffView, ctx: PageContext): Promise<AssignChoices> => {
    const all = await units.listUnits(deps)
    const home = all.find((u) => u.code === view.unit.code)
    const below = home ? all.filter((u) => !u.isDisabled && u.path.startsWith(home.path)).sort((a, b) => a.path.length - b.path.length || collator.compare(a.name, b.name)) : []
    const officials = await staffGroups(ctx, below, ASSIGNEE_ROLES)
    const target = below.find((u) => u.code === view.assignedUnit?.code) ?? home
    const days = categoryByCode(view.category)?.dueWorkingDays ?? 10
    const due = computeDue(await deps.calendar.calendarFor(target?.id ?? null), deps.clock.now(), { kind: 'days', days })
    return { units: below.map((u) => ({ value: u.code, label: u.name })), officials, defaultDueAt: dateTimeLocalValue(due) }
  }

  const renderStaffItem = async (req: FastifyRequest, reply: FastifyReply, code: string, failed: FailedAction | null, status = 200) => {
    const principal = principalOf(req)
    const view = await service.getForStaff(deps, principal, code)
    const ctx = await pages.context(req, reply)
    const actions = view.allowedActions
    const similar = actions.includes('mark_duplicate') ? await service.similarOpenItems(deps, principal, code) : []
    const assign = actions.includes('assign') ? await assignChoicesFor(view, ctx) : null
    return sendPage(reply, <StaffItemPage ctx={ctx} item={staffItemOf(view)} actions={actions} similar={similar} assign={assign} failed={failed} />, status, {
      // The page shows the sender's personal data.
      isPrivate: true,
    })
  }

  app.get<{ Params: { code: string } }>(`${STAFF_PATH}/:code`, { schema: { hide: true }, preHandler: requireFeedbackStaff }, (req, reply) => renderStaffItem(req, reply, req.params.code, null))

  app.post<{ Params: { code: string } }>(`${STAFF_PATH}/:code/xu-ly`, { schema: { hide: true }, preHandler: requireFeedbackStaff }, async (req, reply) => {
    const form = formBody(req.body)
    const actionText = formText(form, 'action')
    if (!(STAFF_ACTIONS as readonly string[]).includes(actionText)) {
      return renderStaffItem(req, reply, req.params.code, { action: 'note', values: {}, errors: { fields: {}, general: 'feedback.errors.action' } }, 422)
    }
    const action = actionText as StaffAction
    const values = Object.fromEntries(ACTION_FIELDS[action].map((field) => [field, formText(form, actionFieldName(action, field))]))
    const typedDuplicate = (values.duplicateOf ?? '').trim()
    try {
      const view = await service.applyAction(deps, principalOf(req), req.params.code, {
        action,
        reason: values.reason ?? null,
        duplicateOf: typedDuplicate !== '' ? typedDuplicate : values.suggested || null,
        unitCode: values.unitCode || null,
        assigneeUsername: values.assigneeUsername || null,
        dueAt: values.dueAt || null,
        text: values.text ?? null,
        upheld: values.upheld === 'yes' ? true : values.upheld === 'no' ? false : null,
        note: values.note ?? null,
      })
      pages.flash(reply, { kind: 'success', key: 'feedback.pages.staff.acted', params: { action: req.t(`feedback.actions.${action}`) } })
      return reply.redirect(staffItemHref(view.code), 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      // Field messages go beside the fields of the form that was sent; a conflict (409) heads the page.
      const fields = Object.fromEntries(Object.entries(failure.errors.fields).map(([name, key]) => [actionFieldName(action, name), key]))
      const errors: FormErrors = Object.keys(fields).length > 0 ? { fields } : { fields: {}, general: failure.errors.general ?? 'errors.conflict' }
      return renderStaffItem(req, reply, req.params.code, { action, values, errors }, failure.status)
    }
  })
}
