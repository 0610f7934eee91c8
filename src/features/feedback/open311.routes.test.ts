/**
 * Open311 GeoReport v2 conformance through app.inject, every endpoint in JSON and XML: discovery,
 * services, service definitions, POST requests with an api_key, GET requests with the spec's
 * filters and defaults, one request, tokens; who sees what (only public items, never a complaint
 * or a letter); and the spec's error answers (400, 403, 404) for bad input, never a 500.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import sharp from 'sharp'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { createFolderStore } from '../../platform/files/files.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { createCalendarService, formatInstant } from '../calendar/index.ts'
import { loadPrincipal } from '../units/index.ts'
import { processPhoto } from './feedback.photos.ts'
import { applyAction, submitFeedback } from './feedback.service.ts'
import type { FeedbackDeps, SubmitInput } from './feedback.service.ts'
import { createOpen311Client, revokeOpen311Client } from './open311.clients.ts'

type Format = 'json' | 'xml'
const FORMATS: readonly Format[] = ['json', 'xml']
const CONTENT_TYPES: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' }
const CODE = /^PA-\d{6}-\d{4,}$/

/** Elements that are lists in the spec's XML. */
const XML_LISTS = ['service', 'attribute', 'value', 'request', 'error', 'endpoint', 'format']

/** Parses an XML answer as a client would (all texts as strings, lists as arrays). */
function parseXml(xml: string): any {
  assert.equal(XMLValidator.validate(xml), true, `well-formed XML:\n${xml}`)
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), 'XML declaration with UTF-8 first')
  return new XMLParser({ parseTagValue: false, trimValues: true, htmlEntities: true, isArray: (name) => XML_LISTS.includes(name) }).parse(xml)
}

/** The list of a list document (services, requests, errors) in either format, XML texts as strings. */
function listOf(body: string, format: Format, root: string, item: string): any[] {
  if (format === 'json') {
    const value = JSON.parse(body)
    assert.ok(Array.isArray(value), `a JSON array: ${body}`)
    return value
  }
  const doc = parseXml(body)
  assert.ok(root in doc, `<${root}> root in:\n${body}`)
  return doc[root] === '' ? [] : (doc[root][item] ?? [])
}

for (const dialect of testDialects) {
  describe(`Open311 GeoReport v2 on ${dialect.name}`, () => {
    let t: TestApp
    let deps: FeedbackDeps
    let moderatorA: Principal
    let key: string
    let revokedKey: string
    let clientId: number

    before(async () => {
      // Monday 2 March 2026, 09:00 in Vietnam.
      t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00Z' })
      const base = { db: t.database.db, clock: t.clock }
      await createUnitTree(base)
      const moderator = await createTestStaff(base, 'mod.a', 'WARD-A', ['moderator'])
      moderatorA = (await loadPrincipal(base, moderator.id))!
      deps = { db: t.database.db, clock: t.clock, calendar: createCalendarService(base), files: createFolderStore(t.config.filesDir), config: t.config }
      const created = await createOpen311Client(base, 'Ứng dụng thử nghiệm')
      key = created.key
      clientId = created.client.id
      const revoked = await createOpen311Client(base, 'Ứng dụng cũ')
      revokedKey = revoked.key
      await revokeOpen311Client(base, revoked.client.id)
    })
    after(() => t.close())

    const get = (path: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `/open311/v2/${path}`, headers })
    const post = (format: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
      const body = new URLSearchParams()
      for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v)
      return t.app.inject({
        method: 'POST',
        url: `/open311/v2/requests.${format}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
        payload: body.toString(),
      })
    }
    /** A complete, valid POST for ward A. */
    const valid = (extra: Record<string, string | string[]> = {}) => ({
      api_key: key,
      jurisdiction_id: 'WARD-A',
      service_code: 'sanitation',
      lat: '11.0642',
      long: '106.7706',
      address_string: 'Hẻm 12, khu phố 3, phường An',
      description: 'Nước thải từ cơ sở sản xuất chảy ra đường, mùi hôi nặng.',
      ...extra,
    })

    /** Asserts an answer in the spec's error format; returns the errors. */
    function assertErrors(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, format: Format, pattern?: RegExp) {
      assert.equal(res.statusCode, status, res.body)
      assert.equal(res.headers['content-type'], CONTENT_TYPES[format])
      const errors = listOf(res.body, format, 'errors', 'error').map((e) => ({ code: Number(e.code), description: String(e.description) }))
      assert.ok(errors.length >= 1, res.body)
      for (const e of errors) {
        assert.equal(e.code, status)
        assert.ok(e.description.length > 0)
      }
      if (pattern) assert.ok(errors.some((e) => pattern.test(e.description)), `an error matching ${pattern}: ${res.body}`)
      return errors
    }

    /** Posts a valid request and returns its id. */
    async function postValid(extra: Record<string, string | string[]> = {}): Promise<string> {
      const res = await post('json', valid(extra))
      assert.equal(res.statusCode, 200, res.body)
      return res.json()[0].service_request_id
    }

    /** Submits an item the way the portal does (for kinds Open311 does not take). */
    async function submitOther(input: Partial<SubmitInput>): Promise<string> {
      const { item } = await submitFeedback(deps, {
        unitCode: 'WARD-A',
        category: 'sanitation',
        description: 'Một phản ánh được gửi qua cổng thông tin để thử.',
        contact: { name: 'Trần Thị Bình', phone: '0912345678' },
        wantsPublic: true,
        photos: [],
        origin: 'portal',
        ...input,
      })
      return item.code
    }

    const accept = (code: string) => applyAction(deps, moderatorA, code, { action: 'accept' })

    it('serves discovery in both formats, pointing at this endpoint', async () => {
      for (const format of FORMATS) {
        const res = await get(`discovery.${format}`)
        assert.equal(res.statusCode, 200, res.body)
        assert.equal(res.headers['content-type'], CONTENT_TYPES[format])
        const doc = format === 'json' ? res.json() : parseXml(res.body).discovery
        for (const field of ['changeset', 'contact', 'key_service']) assert.ok(typeof doc[field] === 'string' && doc[field].length > 0, field)
        const [endpoint] = format === 'json' ? doc.endpoints : doc.endpoints.endpoint
        assert.equal(endpoint.specification, 'http://wiki.open311.org/GeoReport_v2')
        assert.equal(endpoint.url, `${t.config.baseUrl}/open311/v2`)
        assert.equal(endpoint.type, 'test')
        assert.deepEqual(format === 'json' ? endpoint.formats : endpoint.formats.format, ['text/xml', 'application/json'])
      }
    })

    it('lists the categories as services, without complaints, denunciations or letters', async () => {
      for (const format of FORMATS) {
        const res = await get(`services.${format}`)
        assert.equal(res.statusCode, 200, res.body)
        assert.equal(res.headers['content-type'], CONTENT_TYPES[format])
        const services = listOf(res.body, format, 'services', 'service')
        const codes = services.map((s) => s.service_code)
        assert.deepEqual(codes, [
          'security_order',
          'sanitation',
          'waste_collection',
          'street_vending',
          'food_safety',
          'administrative_procedures',
          'infrastructure',
          'land_construction',
          'other',
        ])
        const waste = services.find((s) => s.service_code === 'waste_collection')
        assert.equal(waste.service_name, 'Thu gom rác thải sinh hoạt')
        assert.equal(waste.group, 'Phản ánh')
        assert.equal(waste.type, 'realtime')
        assert.ok(waste.description.length > 0)
        const metadata = (code: string) => String(services.find((s) => s.service_code === code).metadata)
        assert.equal(metadata('waste_collection'), 'true')
        assert.equal(metadata('infrastructure'), 'true')
        assert.equal(metadata('sanitation'), 'false')
        assert.equal(services.find((s) => s.service_code === 'administrative_procedures').group, 'Kiến nghị')
      }
    })

    it('names services in English when the client asks for it', async () => {
      const services = (await get('services.json', { 'accept-language': 'en-GB,en;q=0.8' })).json()
      assert.equal(services.find((s: any) => s.service_code === 'waste_collection').service_name, 'Household waste collection')
    })

    it('defines the attributes of a category with questions, in both formats', async () => {
      for (const format of FORMATS) {
        const res = await get(`services/infrastructure.${format}`)
        assert.equal(res.statusCode, 200, res.body)
        const definition = format === 'json' ? res.json() : parseXml(res.body).service_definition
        assert.equal(definition.service_code, 'infrastructure')
        const [attribute] = format === 'json' ? definition.attributes : definition.attributes.attribute
        assert.equal(String(attribute.variable), 'true')
        assert.equal(attribute.code, 'infrastructure_kind')
        assert.equal(attribute.datatype, 'singlevaluelist')
        assert.equal(String(attribute.required), 'true')
        assert.equal(String(attribute.order), '1')
        assert.equal(attribute.description, 'Hạng mục hạ tầng')
        assert.ok(attribute.datatype_description.length > 0)
        const values = format === 'json' ? attribute.values : attribute.values.value
        assert.deepEqual(values.map((v: any) => v.key), ['road', 'lighting', 'drainage'])
        assert.equal(values[0].name, 'Mặt đường')
      }
      const plain = (await get('services/sanitation.json')).json()
      assert.deepEqual(plain, { service_code: 'sanitation', attributes: [] })
    })

    it('answers 404 for a service that is not offered or does not exist, in the asked format', async () => {
      assertErrors(await get('services/complaint.json'), 404, 'json', /complaint/)
      assertErrors(await get('services/denunciation.xml'), 404, 'xml')
      assertErrors(await get('services/official_attitude.json'), 404, 'json')
      assertErrors(await get('services/nothing.xml'), 404, 'xml')
      assertErrors(await get('services.json?jurisdiction_id=NOWHERE'), 404, 'json', /NOWHERE/)
    })

    it('creates a request from a form post in JSON, with the id at once and the resident’s contact kept', async () => {
      const res = await post('json', valid({ first_name: 'Văn An', last_name: 'Nguyễn', email: 'an@example.vn', phone: '0912 345 678', media_url: 'https://example.vn/anh.jpg', device_id: 'x', account_id: '42' }))
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.headers['content-type'], CONTENT_TYPES.json)
      const [receipt] = res.json()
      assert.deepEqual(Object.keys(receipt), ['service_request_id', 'service_notice', 'account_id'])
      assert.match(receipt.service_request_id, CODE)
      assert.match(receipt.service_notice, /7 ngày làm việc/)
      assert.equal(receipt.account_id, null)
      const row = await t.database.db.selectFrom('feedback_items').selectAll().where('code', '=', receipt.service_request_id).executeTakeFirstOrThrow()
      assert.equal(row.origin, 'open311')
      assert.equal(Number(row.open311_client_id), clientId)
      assert.equal(Number(row.wants_public), 1)
      assert.equal(Number(row.is_anonymous), 0)
      assert.equal(row.contact_name, 'Nguyễn Văn An')
      assert.equal(row.contact_email, 'an@example.vn')
      assert.equal(row.media_url, 'https://example.vn/anh.jpg')
      assert.equal(Number(row.latitude), 11.0642)
      assert.equal(row.status, 'new')
      const client = await t.database.db.selectFrom('open311_clients').select('last_used_at').where('id', '=', clientId).executeTakeFirstOrThrow()
      assert.notEqual(client.last_used_at, null)
    })

    it('creates a request in XML, anonymous when no contact is given, with the answers to the questions', async () => {
      const res = await post('xml', valid({ service_code: 'infrastructure', 'attribute[infrastructure_kind]': 'lighting', 'attribute[unknown]': 'ignored', lat: '', long: '' }))
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.headers['content-type'], CONTENT_TYPES.xml)
      const [receipt] = listOf(res.body, 'xml', 'service_requests', 'request')
      assert.match(receipt.service_request_id, CODE)
      assert.equal(receipt.account_id, '')
      const row = await t.database.db.selectFrom('feedback_items').selectAll().where('code', '=', receipt.service_request_id).executeTakeFirstOrThrow()
      assert.equal(Number(row.is_anonymous), 1)
      assert.equal(row.contact_name, null)
      assert.equal(row.latitude, null)
      assert.deepEqual(JSON.parse(row.attributes_json!), { infrastructure_kind: 'lighting' })
    })

    it('takes the location as address_id alone', async () => {
      const { lat: _a, long: _b, address_string: _c, ...rest } = valid()
      const res = await post('json', { ...rest, address_id: 'KP3-H12' })
      assert.equal(res.statusCode, 200, res.body)
      const code = res.json()[0].service_request_id
      const row = await t.database.db.selectFrom('feedback_items').select(['address', 'latitude']).where('code', '=', code).executeTakeFirstOrThrow()
      assert.equal(row.address, 'KP3-H12')
    })

    it('refuses a post without a valid api_key with 403, in both formats', async () => {
      for (const format of FORMATS) {
        const { api_key: _, ...withoutKey } = valid()
        assertErrors(await post(format, withoutKey), 403, format, /api_key/)
        assertErrors(await post(format, valid({ api_key: 'o311_not-a-real-key' })), 403, format)
        assertErrors(await post(format, valid({ api_key: revokedKey })), 403, format)
        assertErrors(await post(format, valid({ api_key: 'cst_whatever' })), 403, format)
      }
      // A staff Bearer token is not an Open311 key, and a bad one is a credentials error too.
      assertErrors(await post('json', valid({ api_key: '' }), { authorization: 'Bearer nonsense' }), 403, 'json')
    })

    it('answers 404 for an unknown or unoffered service_code and an unknown jurisdiction_id', async () => {
      assertErrors(await post('json', valid({ service_code: 'complaint' })), 404, 'json', /complaint/)
      assertErrors(await post('xml', valid({ service_code: 'denunciation' })), 404, 'xml')
      assertErrors(await post('json', valid({ service_code: 'official_attitude' })), 404, 'json')
      assertErrors(await post('json', valid({ jurisdiction_id: 'NOWHERE' })), 404, 'json', /NOWHERE/)
      // A town does not take feedback itself; its wards do.
      assertErrors(await post('xml', valid({ jurisdiction_id: 'TOWN' })), 404, 'xml')
    })

    it('answers 400 for what is missing or wrong, listing every problem at once', async () => {
      const { jurisdiction_id: _j, ...noJurisdiction } = valid()
      assertErrors(await post('json', noJurisdiction), 400, 'json', /jurisdiction_id/)
      const { service_code: _s, ...noService } = valid()
      assertErrors(await post('xml', noService), 400, 'xml', /service_code/)
      const { lat: _a, long: _b, address_string: _c, ...noLocation } = valid()
      assertErrors(await post('json', noLocation), 400, 'json', /lat/)
      assertErrors(await post('json', valid({ long: '' })), 400, 'json', /lat/)
      assertErrors(await post('json', valid({ lat: '91', long: '106' })), 400, 'json')
      assertErrors(await post('json', valid({ lat: 'north', long: '106' })), 400, 'json')
      assertErrors(await post('json', valid({ media_url: 'javascript:alert(1)' })), 400, 'json', /media_url/)
      assertErrors(await post('json', valid({ description: 'x'.repeat(4001) })), 400, 'json', /4000/)
      assertErrors(await post('json', valid({ jurisdiction_id: ['WARD-A', 'WARD-B'] })), 400, 'json', /jurisdiction_id/)
      const several = assertErrors(await post('xml', { ...noLocation, service_code: 'infrastructure', description: '' }), 400, 'xml')
      assert.equal(several.length, 3, 'location, description and the required attribute')
      assertErrors(await post('json', valid({ service_code: 'infrastructure' })), 400, 'json', /attribute\[infrastructure_kind\]/)
      assertErrors(await post('json', valid({ service_code: 'infrastructure', 'attribute[infrastructure_kind]': 'bridge' })), 400, 'json', /attribute\[infrastructure_kind\]/)
      // The core's own rules come back in the same format, named after the parameter.
      assertErrors(await post('json', valid({ description: 'ngắn' })), 400, 'json', /^description: /)
      assertErrors(await post('xml', valid({ email: 'not-an-email' })), 400, 'xml', /^email: /)
    })

    it('shows only public items that staff have looked at, with the public fields', async () => {
      const code = await postValid({ first_name: 'An', email: 'an@example.vn' })
      assertErrors(await get(`requests/${code}.json`), 404, 'json', new RegExp(code))
      await accept(code)
      for (const format of FORMATS) {
        const res = await get(`requests/${code}.${format}`)
        assert.equal(res.statusCode, 200, res.body)
        assert.equal(res.headers['content-type'], CONTENT_TYPES[format])
        const [request] = listOf(res.body, format, 'service_requests', 'request')
        assert.equal(request.service_request_id, code)
        assert.equal(request.status, 'open')
        assert.equal(request.service_code, 'sanitation')
        assert.equal(request.service_name, 'Vệ sinh môi trường')
        assert.equal(request.description, valid().description)
        assert.equal(request.agency_responsible, 'Phường An')
        assert.equal(request.address, valid().address_string)
        assert.equal(String(request.lat), '11.0642')
        assert.equal(request.requested_datetime, '2026-03-02T09:00:00+07:00')
        assert.match(request.service_notice, /7 ngày làm việc/)
        const row = await t.database.db.selectFrom('feedback_items').select('due_at').where('code', '=', code).executeTakeFirstOrThrow()
        assert.equal(request.expected_datetime, formatInstant(new Date(row.due_at as string)))
        // A media_url a client posted is never shown; our own photos are (see below).
        assert.ok(request.media_url === null || request.media_url === '')
        // Nothing personal, whatever the format.
        assert.doesNotMatch(res.body, /an@example\.vn|"An"/)
      }
    })

    it('closes a request in Open311 terms when it is answered, with the published answer as status_notes', async () => {
      const code = await postValid()
      await accept(code)
      await applyAction(deps, moderatorA, code, { action: 'answer', text: 'Đã yêu cầu cơ sở ngừng xả thải và xử lý vi phạm.' })
      // Answered but not yet published: closed, without the answer's text.
      const [unpublished] = (await get(`requests/${code}.json`)).json()
      assert.equal(unpublished.status, 'closed')
      assert.equal(unpublished.status_notes, null)
      await applyAction(deps, moderatorA, code, { action: 'publish' })
      // Ids are upper case; a client that lower-cases them still finds the request.
      assert.equal((await get(`requests/${code.toLowerCase()}.json`)).statusCode, 200)
      for (const format of FORMATS) {
        const [request] = listOf((await get(`requests/${code}.${format}`)).body, format, 'service_requests', 'request')
        assert.equal(request.status, 'closed')
        assert.equal(request.status_notes, 'Đã yêu cầu cơ sở ngừng xả thải và xử lý vi phạm.')
      }
      const duplicate = await postValid()
      await applyAction(deps, moderatorA, duplicate, { action: 'mark_duplicate', duplicateOf: code })
      const [marked] = (await get(`requests/${duplicate}.json`)).json()
      assert.equal(marked.status, 'closed')
      assert.match(marked.status_notes, new RegExp(code))
    })

    it('never shows a private report, a rejected one, a letter or a complaint, not even by id', async () => {
      const hidden = [
        await submitOther({ wantsPublic: false }),
        await submitOther({ category: 'complaint', description: 'Tôi khiếu nại quyết định xử phạt hành chính số 12.' }),
        await submitOther({ category: 'denunciation', description: 'Tôi tố cáo hành vi nhận hối lộ của một cán bộ.' }),
      ]
      const rejected = await postValid()
      await applyAction(deps, moderatorA, rejected, { action: 'reject', reason: 'Nội dung không thuộc thẩm quyền của phường.' })
      for (const code of hidden.slice(0, 1)) await accept(code)
      for (const code of [...hidden, rejected]) {
        assertErrors(await get(`requests/${code}.json`), 404, 'json')
        assertErrors(await get(`requests/${code}.xml`), 404, 'xml')
        const listed = (await get(`requests.json?service_request_id=${code}`)).json()
        assert.deepEqual(listed, [])
      }
      // Tokens confirm only what came through Open311 or is public: not a complaint.
      assertErrors(await get(`tokens/${hidden[1]}.json`), 404, 'json')
      const all = (await get('requests.json')).json().map((r: any) => r.service_request_id)
      for (const code of [...hidden, rejected]) assert.ok(!all.includes(code), code)
    })

    it('shows our first photo’s thumbnail as media_url, never the media_url a client posted', async () => {
      const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer()
      const code = await submitOther({ photos: [await processPhoto(png)], mediaUrl: 'https://example.vn/not-shown.jpg' })
      await accept(code)
      const [request] = (await get(`requests/${code}.json`)).json()
      assert.match(request.media_url, new RegExp(`^${t.config.baseUrl}/phan-anh/anh/\\d+/thumb$`))
      const [xmlRequest] = listOf((await get(`requests/${code}.xml`)).body, 'xml', 'service_requests', 'request')
      assert.equal(xmlRequest.media_url, request.media_url)
    })

    it('answers tokens/{token} with the request id, our tokens being the ids themselves', async () => {
      const code = await postValid()
      for (const format of FORMATS) {
        const res = await get(`tokens/${code}.${format}`)
        assert.equal(res.statusCode, 200, res.body)
        assert.deepEqual(listOf(res.body, format, 'service_requests', 'request'), [{ service_request_id: code, token: code }])
      }
      assertErrors(await get('tokens/PA-990101-9999.xml'), 404, 'xml')
      assertErrors(await get('tokens/whatever.json'), 404, 'json')
    })

    it('filters GET requests by status, service_code and jurisdiction_id, newest first', async () => {
      t.clock.set('2026-03-03T02:00:00Z')
      const lighting = await postValid({ service_code: 'infrastructure', 'attribute[infrastructure_kind]': 'lighting' })
      t.clock.set('2026-03-03T03:00:00Z')
      const vending = await postValid({ service_code: 'street_vending' })
      t.clock.set('2026-03-03T04:00:00Z')
      const wardB = await postValid({ jurisdiction_id: 'WARD-B' })
      await accept(lighting)
      await accept(vending)
      // The moderator of ward A cannot triage ward B: a leader of the town can.
      const townLeader = await createTestStaff({ db: t.database.db, clock: t.clock }, 'lead.town', 'TOWN', ['leader'])
      await applyAction(deps, (await loadPrincipal({ db: t.database.db, clock: t.clock }, townLeader.id))!, wardB, { action: 'accept' })

      for (const format of FORMATS) {
        const ids = async (query: string) => listOf((await get(`requests.${format}?${query}`)).body, format, 'service_requests', 'request').map((r) => r.service_request_id)
        const everything = await ids('')
        assert.deepEqual(everything.slice(0, 3), [wardB, vending, lighting], 'newest first')
        assert.deepEqual(await ids('service_code=infrastructure,street_vending&start_date=2026-03-03T00:00:00%2B07:00'), [vending, lighting])
        assert.deepEqual(await ids('service_code=infrastructure&service_code=street_vending&start_date=2026-03-03'), [vending, lighting])
        assert.deepEqual(await ids('jurisdiction_id=WARD-B'), [wardB])
        assert.ok((await ids('jurisdiction_id=TOWN')).includes(wardB))
        assert.ok(!(await ids('jurisdiction_id=WARD-A')).includes(wardB))
        const closed = await ids('status=closed')
        const open = await ids('status=open')
        assert.ok(open.includes(lighting) && !closed.includes(lighting))
        assert.equal((await ids('status=open,closed')).length, everything.length)
        // service_request_id overrides every other argument, even a wrong one.
        assert.deepEqual(await ids(`service_request_id=${lighting},${vending},PA-000000-0000,junk&status=bogus&jurisdiction_id=NOWHERE`), [vending, lighting])
      }
    })

    it('looks back 90 days by default, and takes an explicit window of up to 90 days', async () => {
      t.clock.set('2025-11-01T02:00:00Z')
      const old = await postValid()
      await accept(old)
      t.clock.set('2026-03-03T05:00:00Z')
      const recent = (await get('requests.json')).json().map((r: any) => r.service_request_id)
      assert.ok(!recent.includes(old), 'older than 90 days is out of the default window')
      const window = (await get('requests.json?start_date=2025-10-15T00:00:00Z&end_date=2025-12-31T00:00:00Z')).json().map((r: any) => r.service_request_id)
      assert.deepEqual(window, [old])
      const fromStart = (await get('requests.xml?start_date=2025-10-15T00:00:00Z')).body
      assert.match(fromStart, new RegExp(old))
      assertErrors(await get('requests.json?start_date=2025-01-01T00:00:00Z&end_date=2025-12-31T00:00:00Z'), 400, 'json', /90/)
      assertErrors(await get('requests.xml?start_date=2026-03-01T00:00:00Z&end_date=2026-02-01T00:00:00Z'), 400, 'xml')
      assertErrors(await get('requests.json?start_date=yesterday'), 400, 'json', /start_date/)
      assertErrors(await get('requests.xml?end_date=2026-02-30'), 400, 'xml', /end_date/)
      assertErrors(await get('requests.json?status=pending'), 400, 'json', /status/)
      assertErrors(await get('requests.json?jurisdiction_id=NOWHERE'), 404, 'json', /NOWHERE/)
      assertErrors(await get('requests.xml?jurisdiction_id=A&jurisdiction_id=B'), 400, 'xml')
    })

    it('answers 404 in the spec’s format for unknown resources, formats, methods and paths', async () => {
      assertErrors(await get('services.csv'), 404, 'xml')
      assertErrors(await get('requests.html'), 404, 'xml')
      assertErrors(await get('services'), 404, 'xml')
      assertErrors(await get('nothing.json'), 404, 'json')
      assertErrors(await get('requests/PA-260302-0001/extra.json'), 404, 'json')
      assertErrors(await get('v3/services.json'), 404, 'json')
      assertErrors(await t.app.inject({ method: 'GET', url: '/open311/services.json' }), 404, 'json')
      assertErrors(await t.app.inject({ method: 'DELETE', url: '/open311/v2/requests/PA-260302-0001.json' }), 404, 'json')
      assertErrors(await post('csv', valid()), 404, 'xml')
      assertErrors(await t.app.inject({ method: 'POST', url: '/open311/v2/services.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `api_key=${key}` }), 404, 'json')
    })

    it('answers bad bodies with 400 or 403 in the spec’s format, never a 500', async () => {
      const send = (contentType: string, payload: string | Buffer) => t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': contentType }, payload })
      assertErrors(await send('application/xml', '<api_key>x</api_key>'), 400, 'json')
      // Plain text is taken as text, in which no api_key can be read.
      assertErrors(await send('text/plain', `api_key=${key}`), 403, 'json')
      assertErrors(await send('application/json', '{"api_key": '), 400, 'json')
      assertErrors(await send('application/x-www-form-urlencoded', `api_key=${key}&${'description=' + 'x'.repeat(1_100_000)}`), 400, 'json')
      // A JSON body is read like the form: here without a key.
      assertErrors(await send('application/json', JSON.stringify({ service_code: 'sanitation' })), 403, 'json')
      assertErrors(await send('application/json', '[1,2,3]'), 403, 'json')
      assertErrors(await send('application/x-www-form-urlencoded', '%%%&&&==='), 403, 'json')
    })

    it('answers every odd query with a 200 or a 4xx that parses (fuzz)', async () => {
      let seed = 311
      const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648)
      const alphabet = ['a', 'Z', '0', '9', '-', ',', '.', ':', '+', ' ', '%', '&', '=', '[', ']', 'ư', 'Đ', '<', '>', '"', '\u0000', '/', '?', '#']
      const noise = () => Array.from({ length: next() % 24 }, () => alphabet[next() % alphabet.length]).join('')
      const paths = ['requests', 'services', 'discovery', 'services/infrastructure', 'requests/PA-260302-0001', 'tokens/PA-260302-0001']
      const names = ['service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'jurisdiction_id', 'api_key']
      for (let round = 0; round < 120; round++) {
        const format = FORMATS[next() % 2]!
        const query = Array.from({ length: 1 + (next() % 3) }, () => `${names[next() % names.length]}=${encodeURIComponent(noise())}`).join('&')
        const res = await get(`${paths[next() % paths.length]}.${format}?${query}`)
        assert.ok(res.statusCode === 200 || res.statusCode === 400 || res.statusCode === 404, `${res.statusCode} for ${query}: ${res.body}`)
        assert.equal(res.headers['content-type'], CONTENT_TYPES[format])
        if (format === 'json') assert.doesNotThrow(() => JSON.parse(res.body))
        else assert.equal(XMLValidator.validate(res.body), true)
      }
      for (let round = 0; round < 40; round++) {
        const fields: Record<string, string> = { api_key: key, jurisdiction_id: 'WARD-A' }
        for (const name of ['service_code', 'lat', 'long', 'address_string', 'description', 'email', 'phone', 'first_name', 'media_url', 'attribute[infrastructure_kind]']) {
          if (next() % 2 === 0) fields[name] = noise()
        }
        const res = await post('xml', fields)
        assert.ok([200, 400, 404].includes(res.statusCode), `${res.statusCode} for ${JSON.stringify(fields)}: ${res.body}`)
        assert.equal(XMLValidator.validate(res.body), true)
      }
    })

    it('answers at most the 1000 newest requests', async () => {
      const { id: unitId } = await t.database.db.selectFrom('units').select('id').where('code', '=', 'WARD-B').executeTakeFirstOrThrow()
      // Straight rows, as many as it takes: the answer's size is what is tested, not submission.
      const start = Date.parse('2026-01-10T00:00:00Z')
      const rows = Array.from({ length: 1005 }, (_, i) => {
        const at = new Date(start + i * 60_000).toISOString()
        return {
          code: `PA-260110-${String(5000 + i)}`,
          kind: 'report',
          category: 'other',
          unit_id: Number(unitId),
          description: 'Một phản ánh mẫu để thử giới hạn số lượng.',
          wants_public: 1,
          status: 'accepted',
          token_hash: `bulk-${i}`,
          origin: 'portal',
          submitted_at: at,
          updated_at: at,
        }
      })
      for (let i = 0; i < rows.length; i += 200) await t.database.db.insertInto('feedback_items').values(rows.slice(i, i + 200)).execute()
      const listed = (await get('requests.json?start_date=2026-01-10T00:00:00Z&end_date=2026-01-11T00:00:00Z')).json()
      assert.equal(listed.length, 1000)
      assert.equal(listed[0].service_request_id, 'PA-260110-6004')
      assert.equal(listed[999].service_request_id, 'PA-260110-5005')
      assertErrors(await get(`requests.json?service_request_id=${Array.from({ length: 1001 }, (_, i) => `PA-260110-${5000 + i}`).join(',')}`), 400, 'json', /1000/)
    })
  })
}
