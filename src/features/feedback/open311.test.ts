/**
 * Open311 documents without I/O: element names and nesting as in the GeoReport v2 examples, the
 * JSON mapping (arrays for lists, null for empty values), XML escaping, and the readers of query
 * parameters (w3 datetimes, the 90-day window, comma lists). XML is checked by parsing it back
 * with fast-xml-parser, so a test never relies on our own writer to judge our own writer.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import {
  errorFormatOf,
  escapeXmlText,
  listParameter,
  OPEN311_CONTENT_TYPES,
  parseResourceName,
  parseW3cDatetime,
  renderDiscovery,
  renderErrors,
  renderReceipts,
  renderRequests,
  renderServiceDefinition,
  renderServices,
  renderTokens,
  requestsWindow,
} from './open311.format.ts'
import type { Open311Attribute, Open311Discovery, Open311Request, Open311Service, Open311ServiceDefinition, WindowProblem } from './open311.format.ts'
import { open311Messages } from './open311.messages.ts'
import { leafKeys } from '../../platform/i18n/i18n.ts'

/** Parses XML as a client would, keeping every text as a string and lists as arrays. */
function parseXml(xml: string, lists: readonly string[] = []): any {
  assert.equal(XMLValidator.validate(xml), true, `well-formed XML:\n${xml}`)
  const parser = new XMLParser({ parseTagValue: false, trimValues: true, htmlEntities: true, isArray: (name) => lists.includes(name) })
  return parser.parse(xml)
}

const discovery: Open311Discovery = {
  changeset: '2026-11-26T00:00:00Z',
  contact: 'Liên hệ: UBND phường An, 0274 3800 000',
  keyService: 'Khóa API do quản trị viên cấp.',
  endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'https://congso.example/open311/v2', changeset: '2026-11-26T00:00:00Z', type: 'production', formats: ['text/xml', 'application/json'] }],
}

const services: Open311Service[] = [
  { code: 'waste_collection', name: 'Thu gom rác thải sinh hoạt', description: 'Rác không được thu gom đúng lịch.', hasMetadata: true, type: 'realtime', keywords: null, group: 'Phản ánh' },
  { code: 'other', name: 'Vấn đề khác', description: null, hasMetadata: false, type: 'realtime', keywords: null, group: 'Kiến nghị' },
]

const definition: Open311ServiceDefinition = {
  serviceCode: 'infrastructure',
  attributes: [
    {
      isVariable: true,
      code: 'infrastructure_kind',
      datatype: 'singlevaluelist',
      isRequired: true,
      datatypeDescription: null,
      order: 1,
      description: 'Hạng mục hạ tầng',
      values: [
        { key: 'road', name: 'Mặt đường' },
        { key: 'lighting', name: 'Đèn chiếu sáng' },
      ],
    },
    { isVariable: true, code: 'business_name', datatype: 'string', isRequired: false, datatypeDescription: 'Một dòng chữ.', order: 2, description: 'Tên cơ sở', values: null },
  ],
}

const request: Open311Request = {
  id: 'PA-260302-0001',
  status: 'closed',
  statusNotes: 'Đã thu gom vào sáng 3/3.',
  serviceName: 'Thu gom rác thải sinh hoạt',
  serviceCode: 'waste_collection',
  description: 'Rác để 3 ngày chưa thu gom <ở> đầu hẻm & gần chợ',
  agencyResponsible: 'Phường An',
  serviceNotice: 'Thời hạn giải quyết: 5 ngày làm việc.',
  requestedAt: new Date('2026-03-02T02:00:00Z'),
  updatedAt: new Date('2026-03-03T01:30:00Z'),
  expectedAt: new Date('2026-03-09T10:00:00Z'),
  address: 'Hẻm 12, khu phố 3',
  addressId: null,
  zipcode: null,
  latitude: 11.0642,
  longitude: 106.7706,
  mediaUrl: 'https://congso.example/phan-anh/anh/7/thumb',
}

/** The spec's field order of one request in GET requests. */
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
]

describe('Open311 resource names', () => {
  it('splits a resource into its name and one of the two formats', () => {
    assert.deepEqual(parseResourceName('services.json'), { name: 'services', format: 'json' })
    assert.deepEqual(parseResourceName('PA-260302-0001.xml'), { name: 'PA-260302-0001', format: 'xml' })
    for (const bad of ['services', 'services.csv', 'services.JSON', '.json', 'services.json.txt']) assert.equal(parseResourceName(bad), null, bad)
  })

  it('answers errors in JSON only for .json paths, and in XML (the required format) otherwise', () => {
    assert.equal(errorFormatOf('/open311/v2/requests.json?status=x'), 'json')
    assert.equal(errorFormatOf('/open311/v2/requests.xml'), 'xml')
    assert.equal(errorFormatOf('/open311/v2/requests.csv'), 'xml')
    assert.equal(errorFormatOf('/open311/v2/requests?x=.json'), 'xml')
    assert.equal(OPEN311_CONTENT_TYPES.xml, 'text/xml; charset=utf-8')
    assert.equal(OPEN311_CONTENT_TYPES.json, 'application/json; charset=utf-8')
  })
})

describe('Open311 discovery', () => {
  it('writes the Service Discovery fields in XML, with endpoints and formats as repeated elements', () => {
    const xml = renderDiscovery('xml', discovery)
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<discovery>'))
    const doc = parseXml(xml, ['endpoint', 'format'])
    assert.equal(doc.discovery.changeset, '2026-11-26T00:00:00Z')
    assert.equal(doc.discovery.contact, discovery.contact)
    assert.equal(doc.discovery.key_service, discovery.keyService)
    const [endpoint] = doc.discovery.endpoints.endpoint
    assert.equal(endpoint.specification, 'http://wiki.open311.org/GeoReport_v2')
    assert.equal(endpoint.url, 'https://congso.example/open311/v2')
    assert.equal(endpoint.type, 'production')
    assert.deepEqual(endpoint.formats.format, ['text/xml', 'application/json'])
  })

  it('writes the same document in JSON with arrays for endpoints and formats', () => {
    assert.deepEqual(JSON.parse(renderDiscovery('json', discovery)), {
      changeset: '2026-11-26T00:00:00Z',
      contact: discovery.contact,
      key_service: discovery.keyService,
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'https://congso.example/open311/v2', changeset: '2026-11-26T00:00:00Z', type: 'production', formats: ['text/xml', 'application/json'] }],
    })
  })
})

describe('Open311 services and service definitions', () => {
  it('lists services as <services><service>…, booleans as true/false and missing texts as empty elements', () => {
    const xml = renderServices('xml', services)
    const doc = parseXml(xml, ['service'])
    assert.equal(doc.services.service.length, 2)
    assert.deepEqual(doc.services.service[0], {
      service_code: 'waste_collection',
      service_name: 'Thu gom rác thải sinh hoạt',
      description: 'Rác không được thu gom đúng lịch.',
      metadata: 'true',
      type: 'realtime',
      keywords: '',
      group: 'Phản ánh',
    })
    assert.equal(doc.services.service[1].metadata, 'false')
    assert.equal(doc.services.service[1].description, '')
  })

  it('lists services in JSON as an array of objects, with null for missing texts', () => {
    const json = JSON.parse(renderServices('json', services))
    assert.deepEqual(json[1], { service_code: 'other', service_name: 'Vấn đề khác', description: null, metadata: false, type: 'realtime', keywords: null, group: 'Kiến nghị' })
    assert.deepEqual(JSON.parse(renderServices('json', [])), [])
    assert.ok(parseXml(renderServices('xml', [])).services !== undefined, 'an empty <services> element')
  })

  it('writes a service definition with attributes and their values in both formats', () => {
    const doc = parseXml(renderServiceDefinition('xml', definition), ['attribute', 'value'])
    assert.equal(doc.service_definition.service_code, 'infrastructure')
    const [first, second] = doc.service_definition.attributes.attribute
    assert.deepEqual(first, {
      variable: 'true',
      code: 'infrastructure_kind',
      datatype: 'singlevaluelist',
      required: 'true',
      datatype_description: '',
      order: '1',
      description: 'Hạng mục hạ tầng',
      values: { value: [{ key: 'road', name: 'Mặt đường' }, { key: 'lighting', name: 'Đèn chiếu sáng' }] },
    })
    assert.equal(second.values, undefined, 'no <values> for a datatype without choices')
    const json = JSON.parse(renderServiceDefinition('json', definition))
    assert.deepEqual(Object.keys(json), ['service_code', 'attributes'])
    assert.deepEqual(json.attributes[0].values, [{ key: 'road', name: 'Mặt đường' }, { key: 'lighting', name: 'Đèn chiếu sáng' }])
    assert.equal(json.attributes[0].datatype_description, null)
    assert.equal(json.attributes[1].order, 2)
    assert.equal('values' in json.attributes[1], false)
  })
})

describe('Open311 service requests', () => {
  it('writes every field of a request in the spec’s order, with w3 datetimes carrying the offset', () => {
    const json = JSON.parse(renderRequests('json', [request]))
    assert.equal(json.length, 1)
    assert.deepEqual(Object.keys(json[0]), REQUEST_FIELDS)
    assert.equal(json[0].requested_datetime, '2026-03-02T09:00:00+07:00')
    assert.equal(json[0].updated_datetime, '2026-03-03T08:30:00+07:00')
    assert.equal(json[0].expected_datetime, '2026-03-09T17:00:00+07:00')
    assert.equal(json[0].lat, 11.0642)
    assert.equal(json[0].long, 106.7706)
    assert.equal(json[0].address_id, null)
    assert.equal(json[0].description, request.description)
  })

  it('writes <service_requests><request>… in XML, escaping markup in residents’ text', () => {
    const xml = renderRequests('xml', [request, { ...request, id: 'PA-260302-0002', status: 'open', expectedAt: null, latitude: null, longitude: null, mediaUrl: null }])
    assert.ok(xml.includes('&lt;ở&gt; đầu hẻm &amp; gần chợ'))
    const doc = parseXml(xml, ['request'])
    const [first, second] = doc.service_requests.request
    assert.deepEqual(Object.keys(first), REQUEST_FIELDS)
    assert.equal(first.description, request.description)
    assert.equal(first.lat, '11.0642')
    assert.equal(second.status, 'open')
    assert.equal(second.expected_datetime, '')
    assert.equal(second.lat, '')
  })

  it('writes no coordinate that is not a finite number', () => {
    const json = JSON.parse(renderRequests('json', [{ ...request, latitude: Number.NaN, longitude: Number.POSITIVE_INFINITY }]))
    assert.equal(json[0].lat, null)
    assert.equal(json[0].long, null)
  })

  it('answers a POST with service_request_id, service_notice and account_id', () => {
    const receipt = { id: 'PA-260302-0003', serviceNotice: 'Thời hạn giải quyết: 5 ngày làm việc.', accountId: null }
    assert.deepEqual(JSON.parse(renderReceipts('json', [receipt])), [{ service_request_id: 'PA-260302-0003', service_notice: receipt.serviceNotice, account_id: null }])
    const doc = parseXml(renderReceipts('xml', [receipt]), ['request'])
    assert.deepEqual(doc.service_requests.request, [{ service_request_id: 'PA-260302-0003', service_notice: receipt.serviceNotice, account_id: '' }])
  })

  it('answers a token look-up with service_request_id and token', () => {
    assert.deepEqual(JSON.parse(renderTokens('json', [{ id: 'PA-260302-0003', token: 'PA-260302-0003' }])), [{ service_request_id: 'PA-260302-0003', token: 'PA-260302-0003' }])
    const doc = parseXml(renderTokens('xml', [{ id: 'PA-260302-0003', token: 'PA-260302-0003' }]), ['request'])
    assert.deepEqual(doc.service_requests.request, [{ service_request_id: 'PA-260302-0003', token: 'PA-260302-0003' }])
  })
})

describe('Open311 errors', () => {
  it('writes errors as <errors><error><code/><description/></error></errors> and as a JSON array', () => {
    const errors = [
      { code: 400, description: 'Cần vị trí.' },
      { code: 400, description: 'Thiếu attribute[infrastructure_kind].' },
    ]
    const doc = parseXml(renderErrors('xml', errors), ['error'])
    assert.deepEqual(doc.errors.error, [
      { code: '400', description: 'Cần vị trí.' },
      { code: '400', description: 'Thiếu attribute[infrastructure_kind].' },
    ])
    assert.deepEqual(JSON.parse(renderErrors('json', errors)), errors)
  })
})

describe('XML escaping', () => {
  it('escapes markup and keeps every other character, Vietnamese and emoji included', () => {
    assert.equal(escapeXmlText('a < b & c > d "e" \'f\''), 'a &lt; b &amp; c &gt; d "e" \'f\'')
    assert.equal(escapeXmlText('Đường Lê Lợi 🚧'), 'Đường Lê Lợi 🚧')
  })

  it('drops characters XML cannot carry, so a resident’s stray control character cannot break the document', () => {
    const nasty = 'a\u0000b\u0007c\u001Fd\uFFFEe\uD800f\tg\nh\ri'
    const xml = renderRequests('xml', [{ ...request, description: nasty }])
    const doc = parseXml(xml, ['request'])
    assert.equal(doc.service_requests.request[0].description, 'abcdef\tg\nh\ri')
  })

  it('writes well-formed XML for any text (fuzz)', () => {
    // A fixed pseudo-random sequence, so a failure is reproducible.
    let seed = 20260302
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648)
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: 1 + (next() % 40) }, () => String.fromCharCode(next() % 0x10000)).join('')
      const xml = renderErrors('xml', [{ code: 400, description: text }])
      assert.equal(XMLValidator.validate(xml), true, JSON.stringify(text))
      assert.doesNotThrow(() => JSON.parse(renderErrors('json', [{ code: 400, description: text }])))
    }
  })
})

describe('reading GET requests parameters', () => {
  const now = new Date('2026-03-02T02:00:00Z')
  const day = 86_400_000

  it('reads w3 datetimes with any offset, a bare date as midnight in Vietnam, and a “+” sent unencoded', () => {
    assert.equal(parseW3cDatetime('2026-03-01T00:00:00Z')?.toISOString(), '2026-03-01T00:00:00.000Z')
    assert.equal(parseW3cDatetime('2026-03-01T07:00:00+07:00')?.toISOString(), '2026-03-01T00:00:00.000Z')
    assert.equal(parseW3cDatetime('2026-03-01T07:00:00 07:00')?.toISOString(), '2026-03-01T00:00:00.000Z')
    assert.equal(parseW3cDatetime('2026-02-28T19:00:00-05:00')?.toISOString(), '2026-03-01T00:00:00.000Z')
    assert.equal(parseW3cDatetime('2026-03-01')?.toISOString(), '2026-02-28T17:00:00.000Z')
    for (const bad of ['', 'yesterday', '2026-13-01', '2026-02-30T00:00:00Z', '2026-03-01T25:00:00Z', '1e9', '2026-03-01T00:00:00+99:00']) {
      assert.equal(parseW3cDatetime(bad), null, bad)
    }
  })

  it('defaults to the last 90 days', () => {
    assert.deepEqual(requestsWindow(null, null, now), { from: new Date(now.getTime() - 90 * day), to: now })
  })

  it('takes 90 days after a lone start and 90 days before a lone end', () => {
    const start = new Date('2025-12-01T00:00:00Z')
    assert.deepEqual(requestsWindow('2025-12-01T00:00:00Z', null, now), { from: start, to: new Date(start.getTime() + 90 * day) })
    const end = new Date('2026-01-31T00:00:00Z')
    assert.deepEqual(requestsWindow(null, '2026-01-31T00:00:00Z', now), { from: new Date(end.getTime() - 90 * day), to: end })
  })

  it('takes both ends as given, up to 90 days apart, and names what is wrong otherwise', () => {
    assert.deepEqual(requestsWindow('2026-01-01T00:00:00Z', '2026-03-31T00:00:00Z', now), { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-03-31T00:00:00Z') })
    assert.deepEqual(requestsWindow('2026-01-01T00:00:00Z', '2026-04-02T00:00:00Z', now), { problem: 'span' })
    assert.deepEqual(requestsWindow('2026-03-01T00:00:00Z', '2026-02-01T00:00:00Z', now), { problem: 'order' })
    assert.deepEqual(requestsWindow('soon', null, now), { problem: 'startDate' })
    assert.deepEqual(requestsWindow(null, 'later', now), { problem: 'endDate' })
  })

  it('reads list parameters comma-delimited or repeated, without blanks or repeats', () => {
    assert.deepEqual(listParameter('open,closed'), ['open', 'closed'])
    assert.deepEqual(listParameter(['open', 'closed,open', ' ', '']), ['open', 'closed'])
    assert.deepEqual(listParameter(' a , ,b '), ['a', 'b'])
    assert.deepEqual(listParameter(undefined), [])
  })
})

describe('Open311 catalogue', () => {
  it('has the texts the routes build from lists: every datatype and every window problem', () => {
    const datatypes: Open311Attribute['datatype'][] = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']
    const problems: WindowProblem[] = ['startDate', 'endDate', 'order', 'span']
    const wanted = [...datatypes.map((d) => `open311.datatypes.${d}`), ...problems.map((p) => `open311.errors.${p}`)]
    for (const locale of ['vi', 'en'] as const) {
      const keys = new Set(leafKeys(open311Messages[locale]))
      assert.deepEqual(wanted.filter((key) => !keys.has(key)), [], locale)
    }
  })
})
