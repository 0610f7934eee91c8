/**
 * Multipart forms: readMultipart on a throwaway Fastify instance with the multipartForms plugin
 * (fields, files, truncation, too many files, malformed bodies, nothing on disk), and CSRF
 * protection of multipart posts in the real application on SQLite and, when TEST_DATABASE_URL is
 * set, PostgreSQL: no token or a wrong one is a 403, the `_csrf` form field passes, a token in the
 * URL does not.
 */
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import formbody from '@fastify/formbody'
import Fastify from 'fastify'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../../../test/support/app.ts'
import { Browser } from '../../../test/support/browser.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree, TEST_PASSWORD } from '../../../test/support/factories.ts'
import { installErrorHandlers } from './error-handler.ts'
import { multipartForms, readMultipart, TooManyFilesError } from './multipart.ts'

/** A multipart body as a browser sends it: payload bytes and the content type with its boundary. */
function encode(entries: readonly (readonly [string, string | { bytes: Uint8Array; filename: string; type?: string }])[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----form${randomBytes(8).toString('hex')}`
  const chunks: Buffer[] = []
  for (const [name, value] of entries) {
    if (typeof value === 'string') {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
    } else {
      const type = value.type ?? 'application/octet-stream'
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\nContent-Type: ${type}\r\n\r\n`))
      chunks.push(Buffer.from(value.bytes), Buffer.from('\r\n'))
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'application/json' } }
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

const LIMITS = { maxFiles: 2, maxFileBytes: 1000, tooManyFilesKey: 'feedback.photos.errors.tooMany' } as const

/** The throwaway application: the plugin with small limits and routes that show what they read. */
async function buildUploadApp(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false })
  await app.register(formbody)
  await app.register(multipartForms, { ...LIMITS, maxFields: 6, maxFieldBytes: 100, maxParts: 12 })
  installErrorHandlers(app, (_req, _reply, status) => `error ${status}`)
  const describeForm = async (req: Parameters<typeof readMultipart>[0], limits: Parameters<typeof readMultipart>[1]) => {
    const form = await readMultipart(req, limits)
    return {
      body: req.body,
      fields: form.fields,
      values: form.values,
      files: form.files.map((f) => ({ field: f.field, filename: f.filename, mimetype: f.mimetype, size: f.bytes.length, sha: sha(f.bytes), truncated: f.truncated })),
    }
  }
  app.post('/upload', (req) => describeForm(req, LIMITS))
  app.post('/upload-small', (req) => describeForm(req, { maxFiles: 1, maxFileBytes: 300 }))
  // A page would show the form again with the field message: the error carries what was read.
  app.post('/upload-again', async (req, reply) => {
    try {
      return await describeForm(req, LIMITS)
    } catch (error) {
      if (!(error instanceof TooManyFilesError)) throw error
      return reply.code(422).send({ field: error.field, fields: error.fields, kept: error.form.files.length, formFields: error.form.fields })
    }
  })
  await app.ready()
  return app
}

describe('readMultipart', () => {
  let app: FastifyInstance
  let uploadDir: string
  const savedTmpdir = process.env.TMPDIR
  before(async () => {
    // Anything written to the temporary folder during these tests would land here.
    uploadDir = mkdtempSync(join(tmpdir(), 'congso-multipart-'))
    process.env.TMPDIR = uploadDir
    app = await buildUploadApp()
  })
  after(async () => {
    await app.close()
    if (savedTmpdir === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = savedTmpdir
    rmSync(uploadDir, { recursive: true, force: true })
  })

  it('reads fields (repeated ones too) and files byte for byte, in memory, with the fields as req.body', async () => {
    const first = randomBytes(700)
    const second = randomBytes(10)
    const { payload, headers } = encode([
      ['title', 'Rác ở ngõ 5'],
      ['tag', 'a'],
      ['photos', { bytes: first, filename: 'một.jpg', type: 'image/jpeg' }],
      ['tag', 'b'],
      ['photos', { bytes: second, filename: 'two.png', type: 'image/png' }],
    ])
    const res = await app.inject({ method: 'POST', url: '/upload', payload, headers })
    assert.equal(res.statusCode, 200, res.body)
    const read = res.json()
    assert.deepEqual(read.body, { title: 'Rác ở ngõ 5', tag: ['a', 'b'] })
    assert.deepEqual(read.fields, { title: 'Rác ở ngõ 5', tag: 'a' })
    assert.deepEqual(read.values, { title: ['Rác ở ngõ 5'], tag: ['a', 'b'] })
    assert.deepEqual(read.files, [
      { field: 'photos', filename: 'một.jpg', mimetype: 'image/jpeg', size: 700, sha: sha(first), truncated: false },
      { field: 'photos', filename: 'two.png', mimetype: 'image/png', size: 10, sha: sha(second), truncated: false },
    ])
    assert.deepEqual(readdirSync(uploadDir), [])
  })

  it('marks a file over the size limit as truncated, keeps its first bytes, and answers normally', async () => {
    const big = randomBytes(5000)
    const exact = randomBytes(1000)
    const { payload, headers } = encode([
      ['photos', { bytes: big, filename: 'big.jpg' }],
      ['photos', { bytes: exact, filename: 'exact.jpg' }],
      ['after', 'still read'],
    ])
    const res = await app.inject({ method: 'POST', url: '/upload', payload, headers })
    assert.equal(res.statusCode, 200, res.body)
    const read = res.json()
    assert.deepEqual(
      read.files.map((f: { size: number; truncated: boolean; sha: string }) => [f.size, f.truncated, f.sha]),
      [
        [1000, true, sha(big.subarray(0, 1000))],
        [1000, false, sha(exact)],
      ],
    )
    assert.equal(read.fields.after, 'still read')
    // A route may accept less than the plugin: its own limit cuts and marks too.
    const small = await app.inject({ method: 'POST', url: '/upload-small', ...(encode([['photos', { bytes: randomBytes(400), filename: 'a.jpg' }]])) })
    assert.deepEqual(
      small.json().files.map((f: { size: number; truncated: boolean }) => [f.size, f.truncated]),
      [[300, true]],
    )
    assert.deepEqual(readdirSync(uploadDir), [])
  })

  it('refuses more files than allowed with TooManyFilesError (422, the field message), reading the fields after them', async () => {
    const file = (name: string) => ['photos', { bytes: randomBytes(50), filename: name }] as const
    const body = encode([['title', 'x'], file('1.jpg'), file('2.jpg'), file('3.jpg'), file('4.jpg'), ['after', 'kept']])
    const res = await app.inject({ method: 'POST', url: '/upload', ...body })
    assert.equal(res.statusCode, 422)
    assert.deepEqual(res.json().fields, { photos: 'feedback.photos.errors.tooMany' })
    const again = await app.inject({ method: 'POST', url: '/upload-again', ...body })
    assert.deepEqual(again.json(), { field: 'photos', fields: { photos: 'feedback.photos.errors.tooMany' }, kept: 2, formFields: { title: 'x', after: 'kept' } })
    // The route's own, lower limit counts too.
    const two = await app.inject({ method: 'POST', url: '/upload-small', ...(encode([file('1.jpg'), file('2.jpg')])) })
    assert.equal(two.statusCode, 422)
  })

  it('leaves out empty file inputs (no file chosen), which do not count as files', async () => {
    const empty = ['photos', { bytes: new Uint8Array(0), filename: '' }] as const
    const res = await app.inject({ method: 'POST', url: '/upload', ...(encode([empty, empty, empty, ['title', 'no photo']])) })
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(res.json().files, [])
    assert.equal(res.json().fields.title, 'no photo')
  })

  it('answers a malformed body with 400 and an oversized one with 413, never 500', async () => {
    const boundary = 'XyZ123'
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` }
    const cut = `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n${'x'.repeat(200)}`
    const truncated = await app.inject({ method: 'POST', url: '/upload', headers, payload: cut })
    assert.equal(truncated.statusCode, 400, truncated.body)
    const badHeader = await app.inject({ method: 'POST', url: '/upload', headers, payload: `--${boundary}\r\nnot a header\r\n\r\nvalue\r\n--${boundary}--\r\n` })
    // A part without a Content-Disposition is skipped, as busboy does.
    assert.deepEqual([badHeader.statusCode, badHeader.json().fields], [200, {}])
    const noBoundary = await app.inject({ method: 'POST', url: '/upload', headers: { 'content-type': 'multipart/form-data' }, payload: 'whatever' })
    assert.equal(noBoundary.statusCode, 400, noBoundary.body)
    const fields = encode(Array.from({ length: 10 }, (_, i) => [`f${i}`, 'v'] as const))
    const tooManyFields = await app.inject({ method: 'POST', url: '/upload', ...fields })
    assert.equal(tooManyFields.statusCode, 413, tooManyFields.body)
    const huge = encode([['photos', { bytes: randomBytes(100), filename: 'a.jpg' }]])
    const announced = await app.inject({ method: 'POST', url: '/upload', payload: huge.payload, headers: { ...huge.headers, 'content-length': String(50 * 1024 * 1024) } })
    assert.equal(announced.statusCode, 413, announced.body)
    const proto = await app.inject({ method: 'POST', url: '/upload', ...(encode([['constructor', 'x']])) })
    assert.equal(proto.statusCode, 400, proto.body)
    assert.deepEqual(readdirSync(uploadDir), [])
  })

  it('gives the fields of a URL-encoded form and no files', async () => {
    const payload = new URLSearchParams([['title', 'plain'], ['list', 'a'], ['list', 'b']]).toString()
    const res = await app.inject({ method: 'POST', url: '/upload', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload })
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual([res.json().fields, res.json().values, res.json().files], [{ title: 'plain', list: 'a' }, { title: ['plain'], list: ['a', 'b'] }, []])
  })
})

for (const dialect of testDialects) {
  describe(`CSRF protection of multipart forms on ${dialect.name}`, () => {
    it('refuses a multipart post with a session cookie and no, a wrong or a URL token (403); the _csrf field passes', async () => {
      const t = await buildTestApp(dialect)
      try {
        const deps = { db: t.database.db, clock: t.clock }
        await createUnitTree(deps)
        await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])
        const browser = new Browser(t)
        await browser.signIn('desk.a')
        const desk = await browser.get('/desk')
        assert.equal(desk.statusCode, 200)
        assert.ok(browser.csrf)
        const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
        const signOut = async (entries: Parameters<typeof encode>[0], url = '/sign-out') => {
          const { payload, headers } = encode(entries)
          return t.app.inject({ method: 'POST', url, payload, headers: { ...headers, cookie } })
        }
        const photo = ['photos', { bytes: randomBytes(100), filename: 'a.jpg', type: 'image/jpeg' }] as const

        const missing = await signOut([photo])
        assert.equal(missing.statusCode, 403)
        const wrong = await signOut([['_csrf', 'forged-token'], photo])
        assert.equal(wrong.statusCode, 403)
        // A token in the URL could leak through Referer headers and logs: not accepted.
        const inUrl = await signOut([photo], `/sign-out?_csrf=${encodeURIComponent(browser.csrf)}`)
        assert.equal(inUrl.statusCode, 403)
        assert.equal((await browser.get('/desk')).statusCode, 200, 'the session survived the refused posts')

        // The right token as a form field, after a file: the body is read before the check.
        const right = await signOut([photo, ['_csrf', browser.csrf]])
        assert.equal(right.statusCode, 303, right.body)
        assert.equal(right.headers.location, '/')
        const after = await t.app.inject({ method: 'GET', url: '/desk', headers: { cookie } })
        assert.notEqual(after.statusCode, 200, 'signed out')
      } finally {
        await t.close()
      }
    })

    it('accepts an existing form posted as multipart (sign-in reads req.body as usual)', async () => {
      const t = await buildTestApp(dialect)
      try {
        const deps = { db: t.database.db, clock: t.clock }
        await createUnitTree(deps)
        await createTestStaff(deps, 'desk.a', 'WARD-A', ['desk_officer'])
        const browser = new Browser(t)
        await browser.get('/sign-in')
        const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
        const { payload, headers } = encode([
          ['_csrf', browser.csrf],
          ['username', 'desk.a'],
          ['password', TEST_PASSWORD],
        ])
        const res = await t.app.inject({ method: 'POST', url: '/sign-in', payload, headers: { ...headers, cookie } })
        assert.equal(res.statusCode, 303, res.body)
        assert.equal(res.headers.location, '/desk')
      } finally {
        await t.close()
      }
    })
  })
}
