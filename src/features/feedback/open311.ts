/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under /open311/v2/, in JSON and XML:
 * discovery, services, service definitions, POST requests (with an api_key from
 * `congso apikey create`), GET requests, one request, and tokens. Errors follow the spec: a list
 * of {code, description}, 404 for what does not exist, 403 for a missing or bad api_key, 400 for
 * anything else that cannot be done.
 *
 * jurisdiction_id is the code of a unit. POST needs it when more than one ward or commune takes
 * feedback (and uses the only one otherwise); on GET it is an optional filter (a town's code
 * takes in its wards); an unknown code is a 404 everywhere.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, FeatureDeps } from '../../app.ts'
import { AppError, ValidationError } from '../../platform/http/errors.ts'
import { rememberingTranslator } from '../../platform/i18n/i18n.ts'
import type { Translate } from '../../platform/i18n/i18n.ts'
import { getHomeUnit, getUnitByCode, listPublicUnits } from '../units/index.ts'
import type { Unit } from '../units/index.ts'
import { FEEDBACK_CATEGORIES, kindMayBePublic, open311Status, photoPath, TRACKING_CODE_PATTERN } from './feedback.ts'
import type { CategoryQuestion, FeedbackCategory } from './feedback.ts'
import { submitFeedback } from './feedback.service.ts'
import { verifyOpen311Key } from './open311.clients.ts'
import {
  errorFormatOf,
  GEOREPORT_V2_SPECIFICATION,
  listParameter,
  MAX_REQUESTS,
  OPEN311_CONTENT_TYPES,
  OPEN311_MIME_TYPES,
  parseResourceName,
  parseW3cDatetime,
  renderDiscovery,
  renderErrors,
  renderReceipts,
  renderRequests,
  renderServiceDefinition,
  renderServices,
  renderTokens,
  REQUESTS_WINDOW_DAYS,
  requestsWindow,
} from './open311.format.ts'
import type { Open311Attribute, Open311ErrorItem, Open311Format, Open311Request, Open311Service } from './open311.format.ts'
import * as repo from './open311.repository.ts'
import type { Open311RequestFilter, Open311RequestRecord } from './open311.repository.ts'

/**
 * Categories offered as Open311 services: those whose items may be public (reports and
 * petitions). Complaints and denunciations follow their own laws and are never taken through a
 * public API; a letter must name an official, which Open311 has no field for, and is never public.
 */
export const OPEN311_CATEGORIES: readonly FeedbackCategory[] = FEEDBACK_CATEGORIES.filter((c) => kindMayBePublic(c.defaultKind))

/**
 * Discovery's changeset: when the service list or a service definition last changed. They are
 * FEEDBACK_CATEGORIES in code, so bump this with any change to them.
 */
export const OPEN311_CHANGESET = '2026-11-26T00:00:00Z'

/** The spec's limit on a request's description. */
export const MAX_DESCRIPTION = 4000
/** Longest value of any other text parameter we store. */
const MAX_TEXT = 1000
/** Unit levels that take feedback from residents. */
const RECEIVING_LEVELS: readonly string[] = ['ward', 'commune', 'township']

/** An answer in the spec's error format; `errors` holds one entry per problem. */
class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly problems: readonly { readonly key: string; readonly params?: Record<string, string | number> }[],
  ) {
    super(problems[0]?.key ?? 'open311.errors.badRequest')
    this.name = 'Open311Error'
  }
}

const notFound = (key: string, params?: Record<string, string | number>) => new Open311Error(404, [{ key, ...(params ? { params } : {}) }])
const badRequest = (key: string, params?: Record<string, string | number>) => new Open311Error(400, [{ key, ...(params ? { params } : {}) }])

/** Query string or form body, as Fastify parses them: repeated names give arrays. */
type Parameters = Record<string, unknown>

/** One scalar parameter: null when absent or empty (the spec treats both alike), 400 when repeated. */
function single(parameters: Parameters, name: string): string | null {
  const value = parameters[name]
  if (value === undefined || value === null) return null
  if (Array.isArray(value)) throw badRequest('open311.errors.repeated', { name })
  const text = String(value).trim()
  return text === '' ? null : text
}

/** A list parameter: comma-delimited and/or repeated. */
function multiple(parameters: Parameters, name: string): string[] {
  const value = parameters[name]
  if (value === undefined || value === null) return []
  return listParameter(Array.isArray(value) ? value.map(String) : String(value))
}

/** The language of the answer: English when the client asks for it, Vietnamese otherwise. */
function translatorFor(deps: FeatureDeps, req: FastifyRequest): Translate {
  return deps.i18n.translator(/^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'vi')
}

/** Sends a document with its format's content type. */
function send(reply: FastifyReply, format: Open311Format, status: number, body: string): FastifyReply {
  return reply.code(status).type(OPEN311_CONTENT_TYPES[format]).send(body)
}

/** The resource and format a route's last path segment names, or 404. */
function resource(file: string): { name: string; format: Open311Format } {
  const parsed = parseResourceName(file)
  if (!parsed) throw notFound('open311.errors.resource')
  return parsed
}

/** An offered category by service_code, or 404. */
function serviceOf(code: string): FeedbackCategory {
  const category = OPEN311_CATEGORIES.find((c) => c.code === code)
  if (!category) throw notFound('open311.errors.serviceCode', { code })
  return category
}

/** The unit a jurisdiction_id names (any live unit), null when none is given, 404 when unknown. */
async function jurisdictionFilter(deps: FeatureDeps, code: string | null): Promise<Unit | null> {
  if (code === null) return null
  const unit = await getUnitByCode(deps, code).catch(() => null)
  if (!unit || unit.isDisabled) throw notFound('open311.errors.jurisdiction', { code })
  return unit
}

/**
 * The unit a new request goes to: the one named, which must take feedback, or the only one that
 * does when none is named. A deployment without wards or communes takes it at its own units.
 */
async function receivingUnit(deps: FeatureDeps, code: string | null): Promise<string> {
  const live = await listPublicUnits(deps)
  const wards = live.filter((u) => RECEIVING_LEVELS.includes(u.level))
  const receiving = wards.length > 0 ? wards : live
  if (code !== null) {
    if (!receiving.some((u) => u.code === code)) throw notFound('open311.errors.jurisdiction', { code })
    return code
  }
  if (receiving.length !== 1) throw badRequest('open311.errors.jurisdictionMissing')
  return receiving[0]!.code
}

// ---------------------------------------------------------------------------------------------
// Presenting.

/** A category as a service of the list. */
function presentService(category: FeedbackCategory, t: Translate): Open311Service {
  return {
    code: category.code,
    name: t(category.nameKey),
    description: t(`${category.nameKey}Hint`),
    hasMetadata: category.questions.length > 0,
    type: 'realtime',
    keywords: null,
    group: t(`feedback.kinds.${category.defaultKind}`),
  }
}

/** A category's question as an attribute. */
function presentAttribute(question: CategoryQuestion, order: number, t: Translate): Open311Attribute {
  return {
    isVariable: true,
    code: question.code,
    datatype: question.datatype,
    isRequired: question.required,
    datatypeDescription: t(`open311.datatypes.${question.datatype}`),
    order,
    description: t(question.labelKey),
    values: question.values ? question.values.map((v) => ({ key: v.key, name: t(v.labelKey) })) : null,
  }
}

/** What the authority undertakes for a category: its time limit. */
function serviceNotice(category: FeedbackCategory | undefined, t: Translate): string | null {
  return category ? t('open311.serviceNotice', { days: category.dueWorkingDays }) : null
}

/** A public item as a service request. The photo is ours, served only while the item is public. */
function presentRequest(record: Open311RequestRecord, t: Translate, baseUrl: string): Open311Request {
  const category = FEEDBACK_CATEGORIES.find((c) => c.code === record.category)
  return {
    id: record.code,
    status: open311Status(record.status),
    statusNotes: record.status === 'duplicate' && record.duplicateOfCode !== null ? t('feedback.duplicateOf', { code: record.duplicateOfCode }) : record.publicAnswer,
    serviceName: category ? t(category.nameKey) : record.category,
    serviceCode: record.category,
    description: record.description,
    agencyResponsible: record.assignedUnitName ?? record.unitName,
    serviceNotice: serviceNotice(category, t),
    requestedAt: record.submittedAt,
    updatedAt: record.updatedAt,
    expectedAt: record.dueAt,
    address: record.address,
    // No master address repository or postal codes: these stay empty.
    addressId: null,
    zipcode: null,
    latitude: record.latitude,
    longitude: record.longitude,
    // Only our own, checked photos; a media_url a client posted is kept but never shown, since
    // nobody has looked at what it points to.
    mediaUrl: record.firstPhotoId === null ? null : `${baseUrl}${photoPath(record.firstPhotoId, 'thumb')}`,
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a POST.

/** The answers to a category's questions from `attribute[code]=value` (and `attribute[code][]=…`). */
function readAttributes(body: Parameters, category: FeedbackCategory): { attributes: Record<string, string>; problems: Open311Error['problems'][number][] } {
  const given = new Map<string, string[]>()
  for (const [name, value] of Object.entries(body)) {
    const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(name)
    if (!match) continue
    const values = (Array.isArray(value) ? value : [value]).map((v) => String(v ?? '').trim()).filter((v) => v !== '')
    given.set(match[1]!, [...(given.get(match[1]!) ?? []), ...values])
  }
  const attributes: Record<string, string> = {}
  const problems: Open311Error['problems'][number][] = []
  // Answers to questions the category does not ask are not kept.
  for (const question of category.questions) {
    const values = given.get(question.code) ?? []
    if (values.length === 0) {
      if (question.required) problems.push({ key: 'open311.errors.attributeRequired', params: { code: question.code } })
      continue
    }
    const keys = question.values?.map((v) => v.key) ?? []
    const isValid =
      question.datatype === 'multivaluelist'
        ? values.every((v) => keys.includes(v))
        : values.length === 1 &&
          (question.datatype === 'singlevaluelist'
            ? keys.includes(values[0]!)
            : question.datatype === 'number'
              ? Number.isFinite(Number(values[0]))
              : question.datatype === 'datetime'
                ? parseW3cDatetime(values[0]!) !== null
                : values[0]!.length <= (question.datatype === 'text' ? MAX_DESCRIPTION : MAX_TEXT))
    if (!isValid) problems.push({ key: 'open311.errors.attributeInvalid', params: { code: question.code } })
    else attributes[question.code] = [...new Set(values)].join(',')
  }
  return { attributes, problems }
}

/** A coordinate within its range, or undefined when it is not one. */
function coordinate(text: string, limit: number): number | undefined {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined
  const value = Number(text)
  return Math.abs(value) <= limit ? value : undefined
}

// Field names of the core's submission → the parameter a client sent, for error descriptions.
const PARAMETER_OF_FIELD: Readonly<Record<string, string>> = {
  unitCode: 'jurisdiction_id',
  category: 'service_code',
  description: 'description',
  address: 'address_string',
  latitude: 'lat',
  longitude: 'long',
  mediaUrl: 'media_url',
  'contact.name': 'first_name, last_name',
  'contact.email': 'email',
  'contact.phone': 'phone',
}

/** The parameter a client sent for a field the core refused. */
function parameterOf(field: string): string {
  if (field.startsWith('attributes.')) return `attribute[${field.slice('attributes.'.length)}]`
  return PARAMETER_OF_FIELD[field] ?? field
}

// ---------------------------------------------------------------------------------------------
// Routes.

/** Registers the Open311 API under /open311/ with its own error answers. */
export async function registerOpen311(app: App, deps: FeatureDeps): Promise<void> {
  const baseUrl = deps.config.baseUrl

  await app.register(
    async (scope) => {
      scope.setErrorHandler((error, req, reply) => {
        const format = errorFormatOf(req.url)
        const t = translatorFor(deps, req)
        const answer = (status: number, items: Open311ErrorItem[]) => send(reply, format, status, renderErrors(format, items))
        if (error instanceof Open311Error) {
          return answer(
            error.status,
            error.problems.map((p) => ({ code: error.status, description: t(p.key, p.params) })),
          )
        }
        if (error instanceof ValidationError) {
          // The core refused a field: one error per field, named as the client sent it.
          const items = Object.entries(error.fields).map(([field, key]) => ({
            code: 400,
            description: t('open311.errors.field', { field: parameterOf(field), message: t(key) }),
          }))
          return answer(400, items.length > 0 ? items : [{ code: 400, description: t(error.messageKey) }])
        }
        if (error instanceof AppError) {
          // 401 (a bad Bearer header on the way in) is a credentials problem, which the spec calls 403.
          const status = error.status === 404 ? 404 : error.status === 401 || error.status === 403 ? 403 : 400
          return answer(status, [{ code: status, description: t(error.messageKey, error.params) }])
        }
        const statusCode = (error as { statusCode?: number }).statusCode
        if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
          // Malformed body, wrong content type, too large: the spec's general 400.
          return answer(statusCode === 404 ? 404 : 400, [{ code: statusCode === 404 ? 404 : 400, description: t('open311.errors.badRequest') }])
        }
        req.log.error({ err: error }, 'open311 request failed')
        return answer(500, [{ code: 500, description: t('open311.errors.internal') }])
      })
      scope.setNotFoundHandler((req, reply) => {
        const format = errorFormatOf(req.url)
        return send(reply, format, 404, renderErrors(format, [{ code: 404, description: translatorFor(deps, req)('open311.errors.resource') }]))
      })

      // discovery, services, requests (GET): the resource is the last segment, with its format.
      scope.get<{ Params: { file: string }; Querystring: Parameters }>('/v2/:file', { schema: { hide: true } }, async (req, reply) => {
        const { name, format } = resource(req.params.file)
        const t = translatorFor(deps, req)
        const query = req.query ?? {}
        if (name === 'discovery') {
          const home = await getHomeUnit(deps)
          const contact = home ? await repo.findUnitContact(deps.db, home.id) : null
          const details = contact ? [contact.name, contact.address, contact.phone, contact.email].filter((x): x is string => !!x) : [baseUrl]
          const changeset = OPEN311_CHANGESET
          return send(
            reply,
            format,
            200,
            renderDiscovery(format, {
              changeset,
              contact: t('open311.discovery.contact', { details: details.join(', ') }),
              keyService: t('open311.discovery.keyService', { unit: home?.name ?? baseUrl }),
              endpoints: [
                {
                  specification: GEOREPORT_V2_SPECIFICATION,
                  url: `${baseUrl}/open311/v2`,
                  changeset,
                  type: deps.config.nodeEnv === 'production' ? 'production' : 'test',
                  formats: OPEN311_MIME_TYPES,
                },
              ],
            }),
          )
        }
        if (name === 'services') {
          await jurisdictionFilter(deps, single(query, 'jurisdiction_id'))
          return send(reply, format, 200, renderServices(format, OPEN311_CATEGORIES.map((c) => presentService(c, t))))
        }
        if (name === 'requests') {
          const records = await repo.findPublicRequests(deps.db, await requestsFilter(query), MAX_REQUESTS)
          const remembered = rememberingTranslator(t)
          return send(reply, format, 200, renderRequests(format, records.map((r) => presentRequest(r, remembered, baseUrl))))
        }
        throw notFound('open311.errors.resource')
      })

      /** The filter of GET requests from its query string, with the spec's defaults. */
      async function requestsFilter(query: Parameters): Promise<Open311RequestFilter> {
        const ids = multiple(query, 'service_request_id')
        if (ids.length > 0) {
          // The spec: service_request_id "overrides all other arguments".
          if (ids.length > MAX_REQUESTS) throw badRequest('open311.errors.tooManyIds', { max: MAX_REQUESTS })
          return { codes: ids.map((id) => id.toUpperCase()).filter((id) => TRACKING_CODE_PATTERN.test(id)) }
        }
        const unit = await jurisdictionFilter(deps, single(query, 'jurisdiction_id'))
        const window = requestsWindow(single(query, 'start_date'), single(query, 'end_date'), deps.clock.now())
        if ('problem' in window) throw badRequest(`open311.errors.${window.problem}`, { days: REQUESTS_WINDOW_DAYS })
        const statuses = multiple(query, 'status')
        if (!statuses.every((s) => s === 'open' || s === 'closed')) throw badRequest('open311.errors.status')
        return {
          from: window.from,
          to: window.to,
          serviceCodes: multiple(query, 'service_code'),
          statuses: statuses as ('open' | 'closed')[],
          unitPath: unit?.path ?? null,
        }
      }

      scope.get<{ Params: { file: string }; Querystring: Parameters }>('/v2/services/:file', { schema: { hide: true } }, async (req, reply) => {
        const { name, format } = resource(req.params.file)
        const category = serviceOf(name)
        await jurisdictionFilter(deps, single(req.query ?? {}, 'jurisdiction_id'))
        const t = translatorFor(deps, req)
        return send(
          reply,
          format,
          200,
          renderServiceDefinition(format, { serviceCode: category.code, attributes: category.questions.map((q, i) => presentAttribute(q, i + 1, t)) }),
        )
      })

      scope.get<{ Params: { file: string }; Querystring: Parameters }>('/v2/requests/:file', { schema: { hide: true } }, async (req, reply) => {
        const { name, format } = resource(req.params.file)
        await jurisdictionFilter(deps, single(req.query ?? {}, 'jurisdiction_id'))
        // Same 404 for an unknown id as for one the public may not see.
        const code = name.toUpperCase()
        const records = TRACKING_CODE_PATTERN.test(code) ? await repo.findPublicRequests(deps.db, { codes: [code] }, 1) : []
        if (records.length === 0) throw notFound('open311.errors.request', { id: name })
        const t = translatorFor(deps, req)
        return send(reply, format, 200, renderRequests(format, records.map((r) => presentRequest(r, t, baseUrl))))
      })

      // POST requests answers with the service_request_id at once, so a client never needs a
      // token; the resource exists all the same, and takes our ids as tokens: the token of a
      // request is its id.
      scope.get<{ Params: { file: string }; Querystring: Parameters }>('/v2/tokens/:file', { schema: { hide: true } }, async (req, reply) => {
        const { name, format } = resource(req.params.file)
        await jurisdictionFilter(deps, single(req.query ?? {}, 'jurisdiction_id'))
        const code = TRACKING_CODE_PATTERN.test(name.toUpperCase()) ? await repo.findTokenRequest(deps.db, name.toUpperCase()) : null
        if (code === null) throw notFound('open311.errors.token', { token: name })
        return send(reply, format, 200, renderTokens(format, [{ id: code, token: name }]))
      })

      // The api_key authenticates a post and no cookie is involved, so CSRF does not apply.
      scope.post<{ Params: { file: string }; Querystring: Parameters }>('/v2/:file', { schema: { hide: true }, config: { csrf: false } }, async (req, reply) => {
        const { name, format } = resource(req.params.file)
        if (name !== 'requests') throw notFound('open311.errors.resource')
        const body: Parameters = typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? (req.body as Parameters) : {}
        const query = req.query ?? {}

        const client = await verifyOpen311Key(deps, single(body, 'api_key') ?? single(query, 'api_key'))
        if (!client) throw new Open311Error(403, [{ key: 'open311.errors.apiKey' }])

        const serviceCode = single(body, 'service_code')
        if (serviceCode === null) throw badRequest('open311.errors.serviceCodeMissing')
        const category = serviceOf(serviceCode)
        const unitCode = await receivingUnit(deps, single(body, 'jurisdiction_id'))

        const problems: Open311Error['problems'][number][] = []
        const latText = single(body, 'lat')
        const longText = single(body, 'long')
        const addressString = single(body, 'address_string')
        const addressId = single(body, 'address_id')
        let latitude: number | null = null
        let longitude: number | null = null
        if (latText !== null || longText !== null) {
          const lat = latText === null ? undefined : coordinate(latText, 90)
          const long = longText === null ? undefined : coordinate(longText, 180)
          if (lat === undefined || long === undefined) problems.push({ key: 'open311.errors.latLong' })
          else [latitude, longitude] = [lat, long]
        } else if (addressString === null && addressId === null) {
          problems.push({ key: 'open311.errors.location' })
        }
        for (const [parameter, value] of [['address_string', addressString], ['address_id', addressId]] as const) {
          if (value !== null && value.length > MAX_TEXT) problems.push({ key: 'open311.errors.tooLong', params: { name: parameter, max: MAX_TEXT } })
        }
        const description = single(body, 'description')
        if (description === null || description.length > MAX_DESCRIPTION) problems.push({ key: 'open311.errors.description', params: { max: MAX_DESCRIPTION } })
        const mediaUrl = single(body, 'media_url')
        if (mediaUrl !== null && !/^https?:\/\/[^\s]+$/i.test(mediaUrl)) problems.push({ key: 'open311.errors.mediaUrl' })
        const { attributes, problems: attributeProblems } = readAttributes(body, category)
        problems.push(...attributeProblems)
        if (problems.length > 0) throw new Open311Error(400, problems)

        // Vietnamese names put the family name first: "Nguyễn" (last_name) "Văn An" (first_name).
        const fullName = [single(body, 'last_name'), single(body, 'first_name')].filter((x) => x !== null).join(' ') || null
        const email = single(body, 'email')
        const phone = single(body, 'phone')
        const contact = fullName === null && email === null && phone === null ? null : { name: fullName, email, phone }

        const { item } = await submitFeedback(deps, {
          unitCode,
          category: category.code,
          description: description!,
          // Without a master address repository an address_id is kept as the written location.
          address: addressString ?? addressId,
          latitude,
          longitude,
          attributes,
          // Stored for staff, never fetched by us (see presentRequest).
          mediaUrl,
          contact,
          wantsPublic: true,
          photos: [],
          origin: 'open311',
          open311ClientId: client.id,
        })
        const t = translatorFor(deps, req)
        // device_id and account_id are not kept: we hold no accounts of residents.
        return send(reply, format, 200, renderReceipts(format, [{ id: item.code, serviceNotice: serviceNotice(category, t), accountId: null }]))
      })

      // Anything else under /open311/ (another method, a deeper path) is a resource that does not exist.
      scope.all('/*', { schema: { hide: true }, config: { csrf: false } }, async () => {
        throw notFound('open311.errors.resource')
      })
    },
    { prefix: '/open311' },
  )
}
