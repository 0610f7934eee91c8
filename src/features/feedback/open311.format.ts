/**
 * Open311 GeoReport v2 documents in both of the spec's formats, without I/O: discovery, the
 * service list, a service definition, service requests, the answer to a POST, token look-ups and
 * errors. Each document is described once as a small tree and written out as JSON (the spec's
 * "Spark convention": lists become arrays, the root element disappears) or as XML (root and item
 * element names as in the spec's examples, UTF-8 declaration first).
 */
import { formatInstant, parseInstant } from '../calendar/index.ts'

/** The two formats a resource can be asked for, by its extension (`services.xml`). */
export const OPEN311_FORMATS = ['json', 'xml'] as const
/** One of OPEN311_FORMATS. */
export type Open311Format = (typeof OPEN311_FORMATS)[number]

/** Content-Type of each format, as the spec's "Format Support" section gives them. */
export const OPEN311_CONTENT_TYPES: Readonly<Record<Open311Format, string>> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
}

/** MIME types announced in discovery's `formats`. */
export const OPEN311_MIME_TYPES: readonly string[] = ['text/xml', 'application/json']

/** Specification token of the endpoint in discovery. */
export const GEOREPORT_V2_SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2'

/** A request's status as Open311 knows it. */
export type Open311Status = 'open' | 'closed'

/** Splits `services.json` into its resource name and format; null when the extension is not one we serve. */
export function parseResourceName(file: string): { readonly name: string; readonly format: Open311Format } | null {
  const dot = file.lastIndexOf('.')
  if (dot <= 0) return null
  const format = file.slice(dot + 1)
  if (!(OPEN311_FORMATS as readonly string[]).includes(format)) return null
  return { name: file.slice(0, dot), format: format as Open311Format }
}

/**
 * The format an error about this URL is written in: JSON when the path asks for `.json`, XML
 * otherwise, since XML is the spec's required format (an unknown extension gets XML).
 */
export function errorFormatOf(url: string): Open311Format {
  const path = url.split('?', 1)[0] ?? ''
  return path.toLowerCase().endsWith('.json') ? 'json' : 'xml'
}

// ---------------------------------------------------------------------------------------------
// The documents, as plain values the routes fill in (texts already translated).

/** The discovery document (Service Discovery spec; every field is required there). */
export interface Open311Discovery {
  readonly changeset: string
  readonly contact: string
  readonly keyService: string
  readonly endpoints: readonly {
    readonly specification: string
    readonly url: string
    readonly changeset: string
    readonly type: 'production' | 'test'
    readonly formats: readonly string[]
  }[]
}

/** One entry of the service list. */
export interface Open311Service {
  readonly code: string
  readonly name: string
  readonly description: string | null
  /** Whether the client should fetch the service definition (the category asks extra questions). */
  readonly hasMetadata: boolean
  readonly type: 'realtime' | 'batch' | 'blackbox'
  readonly keywords: string | null
  readonly group: string | null
}

/** One attribute (extra question) of a service definition. */
export interface Open311Attribute {
  /** false for an attribute that only informs; ours all ask for input. */
  readonly isVariable: boolean
  readonly code: string
  readonly datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist'
  readonly isRequired: boolean
  readonly datatypeDescription: string | null
  /** 1 is shown first. */
  readonly order: number
  readonly description: string
  /** Choices of a list datatype; null for the others. */
  readonly values: readonly { readonly key: string; readonly name: string }[] | null
}

/** A service definition: the attributes of one service code. */
export interface Open311ServiceDefinition {
  readonly serviceCode: string
  readonly attributes: readonly Open311Attribute[]
}

/** One service request as GET requests shows it. */
export interface Open311Request {
  readonly id: string
  readonly status: Open311Status
  readonly statusNotes: string | null
  readonly serviceName: string
  readonly serviceCode: string
  readonly description: string | null
  readonly agencyResponsible: string | null
  readonly serviceNotice: string | null
  readonly requestedAt: Date
  readonly updatedAt: Date
  readonly expectedAt: Date | null
  readonly address: string | null
  readonly addressId: string | null
  readonly zipcode: string | null
  readonly latitude: number | null
  readonly longitude: number | null
  readonly mediaUrl: string | null
}

/** The answer to a POST requests: the new request's id at once (our services are "realtime"). */
export interface Open311Receipt {
  readonly id: string
  readonly serviceNotice: string | null
  readonly accountId: string | null
}

/** One error of an error answer; `code` is usually the HTTP status. */
export interface Open311ErrorItem {
  readonly code: number
  readonly description: string
}

// ---------------------------------------------------------------------------------------------
// The tree both writers read.

/** A leaf: text, number, boolean, or nothing (null JSON, an empty XML element). */
type Scalar = string | number | boolean | null
/** An ordered set of named fields: a JSON object, an XML element with child elements. */
interface RecordNode {
  readonly kind: 'record'
  readonly fields: readonly (readonly [string, Node])[]
}
/** A repeated element: a JSON array, XML children all named `item`. */
interface ListNode {
  readonly kind: 'list'
  readonly item: string
  readonly entries: readonly Node[]
}
type Node = Scalar | RecordNode | ListNode

const record = (fields: readonly (readonly [string, Node])[]): RecordNode => ({ kind: 'record', fields })
const list = (item: string, entries: readonly Node[]): ListNode => ({ kind: 'list', item, entries })

/** A number for output, or null when it is not a finite number. */
const finite = (value: number | null): number | null => (value !== null && Number.isFinite(value) ? value : null)
/** An instant in the w3 format the spec asks for, with its offset (Vietnam time). */
const w3 = (value: Date | null): string | null => (value === null ? null : formatInstant(value))

function discoveryNode(d: Open311Discovery): Node {
  return record([
    ['changeset', d.changeset],
    ['contact', d.contact],
    ['key_service', d.keyService],
    [
      'endpoints',
      list(
        'endpoint',
        d.endpoints.map((e) =>
          record([
            ['specification', e.specification],
            ['url', e.url],
            ['changeset', e.changeset],
            ['type', e.type],
            ['formats', list('format', e.formats)],
          ]),
        ),
      ),
    ],
  ])
}

function serviceNode(s: Open311Service): Node {
  return record([
    ['service_code', s.code],
    ['service_name', s.name],
    ['description', s.description],
    ['metadata', s.hasMetadata],
    ['type', s.type],
    ['keywords', s.keywords],
    ['group', s.group],
  ])
}

function attributeNode(a: Open311Attribute): Node {
  const fields: (readonly [string, Node])[] = [
    ['variable', a.isVariable],
    ['code', a.code],
    ['datatype', a.datatype],
    ['required', a.isRequired],
    ['datatype_description', a.datatypeDescription],
    ['order', a.order],
    ['description', a.description],
  ]
  if (a.values !== null) fields.push(['values', list('value', a.values.map((v) => record([['key', v.key], ['name', v.name]])))])
  return record(fields)
}

function requestNode(r: Open311Request): Node {
  return record([
    ['service_request_id', r.id],
    ['status', r.status],
    ['status_notes', r.statusNotes],
    ['service_name', r.serviceName],
    ['service_code', r.serviceCode],
    ['description', r.description],
    ['agency_responsible', r.agencyResponsible],
    ['service_notice', r.serviceNotice],
    ['requested_datetime', w3(r.requestedAt)],
    ['updated_datetime', w3(r.updatedAt)],
    ['expected_datetime', w3(r.expectedAt)],
    ['address', r.address],
    ['address_id', r.addressId],
    ['zipcode', r.zipcode],
    ['lat', finite(r.latitude)],
    ['long', finite(r.longitude)],
    ['media_url', r.mediaUrl],
  ])
}

// ---------------------------------------------------------------------------------------------
// Writers.

/** The JSON value of a node. */
function toJsonValue(node: Node): unknown {
  if (node === null || typeof node !== 'object') return node
  if (node.kind === 'list') return node.entries.map(toJsonValue)
  return Object.fromEntries(node.fields.map(([name, value]) => [name, toJsonValue(value)]))
}

// Characters XML 1.0 cannot carry at all, even escaped: C0 controls other than tab, LF and CR,
// lone surrogates, U+FFFE and U+FFFF. A resident's text may contain them; dropping them keeps
// the document well-formed.
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Text made safe as XML character data. */
export function escapeXmlText(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // A CR would be read back as LF by any XML parser; keep it as written.
    .replace(/\r/g, '&#13;')
}

/** Text of a scalar inside an element. */
function scalarText(value: Scalar): string {
  if (value === null) return ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') return String(value)
  return escapeXmlText(value)
}

/** Writes one element and its children, indented by `depth` levels. */
function writeElement(lines: string[], name: string, node: Node, depth: number): void {
  const pad = '  '.repeat(depth)
  if (node === null || typeof node !== 'object') {
    lines.push(`${pad}<${name}>${scalarText(node)}</${name}>`)
    return
  }
  const children: (readonly [string, Node])[] = node.kind === 'list' ? node.entries.map((entry) => [node.item, entry] as const) : [...node.fields]
  if (children.length === 0) {
    lines.push(`${pad}<${name}></${name}>`)
    return
  }
  lines.push(`${pad}<${name}>`)
  for (const [childName, child] of children) writeElement(lines, childName, child, depth + 1)
  lines.push(`${pad}</${name}>`)
}

/** A whole XML document under `root`. */
function toXmlDocument(root: string, node: Node): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>']
  writeElement(lines, root, node, 0)
  return `${lines.join('\n')}\n`
}

/** Writes a document with its XML root name, in the requested format. */
function write(format: Open311Format, root: string, node: Node): string {
  return format === 'json' ? JSON.stringify(toJsonValue(node)) : toXmlDocument(root, node)
}

/** The discovery document. */
export function renderDiscovery(format: Open311Format, discovery: Open311Discovery): string {
  return write(format, 'discovery', discoveryNode(discovery))
}

/** The service list. */
export function renderServices(format: Open311Format, services: readonly Open311Service[]): string {
  return write(format, 'services', list('service', services.map(serviceNode)))
}

/** One service definition. */
export function renderServiceDefinition(format: Open311Format, definition: Open311ServiceDefinition): string {
  return write(format, 'service_definition', record([['service_code', definition.serviceCode], ['attributes', list('attribute', definition.attributes.map(attributeNode))]]))
}

/** Service requests (GET requests, and GET requests/{id} as a one-element list). */
export function renderRequests(format: Open311Format, requests: readonly Open311Request[]): string {
  return write(format, 'service_requests', list('request', requests.map(requestNode)))
}

/** The answer to a POST requests. */
export function renderReceipts(format: Open311Format, receipts: readonly Open311Receipt[]): string {
  return write(
    format,
    'service_requests',
    list('request', receipts.map((r) => record([['service_request_id', r.id], ['service_notice', r.serviceNotice], ['account_id', r.accountId]]))),
  )
}

/** The answer to GET tokens/{token}. */
export function renderTokens(format: Open311Format, answers: readonly { readonly id: string; readonly token: string }[]): string {
  return write(format, 'service_requests', list('request', answers.map((a) => record([['service_request_id', a.id], ['token', a.token]]))))
}

/** An error answer (one or more errors). */
export function renderErrors(format: Open311Format, errors: readonly Open311ErrorItem[]): string {
  return write(format, 'errors', list('error', errors.map((e) => record([['code', e.code], ['description', e.description]]))))
}

// ---------------------------------------------------------------------------------------------
// Reading query parameters.

/** How far back GET requests looks, and the widest window it accepts (the spec's 90 days). */
export const REQUESTS_WINDOW_DAYS = 90
/** The most requests one GET requests answers (the spec's default of 1000). */
export const MAX_REQUESTS = 1000

const DAY_MS = 86_400_000
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

/**
 * Reads a w3 datetime as the spec asks for (`2010-01-01T00:00:00Z`, any offset); a bare date is
 * read as midnight in Vietnam. A `+` in the offset often arrives as a space, because clients put it
 * in the query string unencoded; that is read as the `+` it was. Null when it is not a datetime.
 */
export function parseW3cDatetime(text: string): Date | null {
  const value = text.trim().replace(/ (\d{2}:\d{2})$/, '+$1')
  try {
    return parseInstant(DATE_ONLY.test(value) ? `${value}T00:00` : value)
  } catch {
    return null
  }
}

/** Why a query window was refused; the route turns it into a 400 with a translated description. */
export type WindowProblem = 'startDate' | 'endDate' | 'order' | 'span'

/**
 * The search window of GET requests: the last 90 days when neither end is given, 90 days from a
 * start or up to an end when only one is, and never more than 90 days (the spec: "may not span
 * more than 90 days").
 */
export function requestsWindow(startText: string | null, endText: string | null, now: Date): { from: Date; to: Date } | { problem: WindowProblem } {
  const span = REQUESTS_WINDOW_DAYS * DAY_MS
  const start = startText === null ? null : parseW3cDatetime(startText)
  if (startText !== null && start === null) return { problem: 'startDate' }
  const end = endText === null ? null : parseW3cDatetime(endText)
  if (endText !== null && end === null) return { problem: 'endDate' }
  if (start && end) {
    if (start.getTime() > end.getTime()) return { problem: 'order' }
    if (end.getTime() - start.getTime() > span) return { problem: 'span' }
    return { from: start, to: end }
  }
  if (start) return { from: start, to: new Date(start.getTime() + span) }
  if (end) return { from: new Date(end.getTime() - span), to: end }
  return { from: new Date(now.getTime() - span), to: now }
}

/**
 * The values of a list parameter: comma-delimited as the spec says, or repeated, or both; blanks
 * dropped, duplicates kept once, in the order given.
 */
export function listParameter(value: string | readonly string[] | undefined): string[] {
  const raw = value === undefined ? [] : typeof value === 'string' ? [value] : value
  const parts = raw.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '')
  return [...new Set(parts)]
}
