/**
 * Multipart forms (forms with file inputs), read whole into memory — never into temporary files.
 *
 * `multipartForms` installs a body parser for multipart/form-data (busboy underneath) that reads the
 * whole form before the CSRF check of the preHandler: the CSRF token of a page form travels in the
 * body (a hidden `_csrf` field), so the body must be read before it can be checked. Being a body
 * parser, it costs nothing on the other requests (@fastify/multipart, used before, put four
 * promise-returning hooks on every request, a tenth of a bare request's time). The text fields then
 * become `req.body` in the same shape @fastify/formbody gives a URL-encoded form (a string, or an
 * array of strings for a repeated name), so CSRF protection and route schemas work unchanged; the
 * files wait for the route, which takes them with `readMultipart(req, limits)`.
 *
 * Memory is bounded: at most `maxFiles` files of `maxFileBytes` each are kept; a longer file is cut
 * and marked truncated (the caller answers with its own field message, never a 500); further
 * files are read and dropped, and `readMultipart` refuses the form with TooManyFilesError. A
 * malformed body is a 400; a body beyond the part limits, or announced (Content-Length) beyond
 * maxBodyBytes, a 413.
 */
import type { IncomingMessage } from 'node:http'
import Busboy from '@fastify/busboy'
import type { BusboyFileStream } from '@fastify/busboy'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError, BadRequestError, ValidationError } from './errors.ts'

/** One uploaded file, in memory. */
export interface UploadedFile {
  /** Name of the form field the file came in. */
  readonly field: string
  /** The name the client gave the file; only a hint — never trust it for the type. */
  readonly filename: string
  /** The type the client claimed; only a hint too. */
  readonly mimetype: string
  /** The content, or its first `maxFileBytes` bytes when truncated. */
  readonly bytes: Buffer
  /** Whether the file was longer than `maxFileBytes` (and `bytes` therefore cut short). */
  readonly truncated: boolean
}

/** A multipart form read into memory. */
export interface MultipartForm {
  /** Text fields by name; for a repeated name, its first value. */
  readonly fields: Record<string, string>
  /** Every value of every text field, in the order sent. */
  readonly values: Record<string, readonly string[]>
  /** The files, in the order sent; empty file inputs (no name, no content) are left out. */
  readonly files: readonly UploadedFile[]
}

/** What a route accepts in one form. */
export interface MultipartLimits {
  /** Most files; one more makes readMultipart throw TooManyFilesError. */
  readonly maxFiles: number
  /** Most bytes per file; a longer file is cut here and marked truncated. */
  readonly maxFileBytes: number
  /** Catalogue key of the field message when there are too many files. */
  readonly tooManyFilesKey?: string
}

/** Options of the multipartForms plugin: the ceiling for every route. */
export interface MultipartFormsOptions extends MultipartLimits {
  /** Most text fields per form (default 100). */
  readonly maxFields?: number
  /** Most bytes per text field value (default 64 KiB); a longer value is cut. */
  readonly maxFieldBytes?: number
  /** Most parts (fields and files together, dropped files included; default 200). */
  readonly maxParts?: number
  /**
   * Most bytes of a whole body by its Content-Length, refused (413) before reading. Default: twice
   * the files' and fields' allowance plus 1 MiB, so a photo a little too large still gets its
   * field message rather than a bare 413.
   */
  readonly maxBodyBytes?: number
}

/** Thrown by readMultipart when a form carries more files than the route accepts (422). */
export class TooManyFilesError extends ValidationError {
  constructor(
    /** The field of the first file beyond the limit. */
    readonly field: string,
    readonly maxFiles: number,
    /** The form as read (with the first maxFiles files), so a page can show it again. */
    readonly form: MultipartForm,
    messageKey = 'errors.field.invalid',
  ) {
    super({ [field]: messageKey })
  }
}

/** A form as read from the wire, before a route's limits are applied. */
interface ReadForm extends MultipartForm {
  /** How many files came beyond the ones kept, and the field of the first of them. */
  readonly droppedFiles: number
  readonly firstDroppedField: string | null
}

/** Forms already read, by request (the body parser reads them; routes take them here). */
const readForms = new WeakMap<FastifyRequest, ReadForm>()

/** The error of a body beyond the part, file or field limits. */
const tooLarge = (): AppError => new AppError(413, 'payload_too_large', 'errors.tooLarge')

/** Field names that would shadow an object's own properties; refused as a malformed form. */
const RESERVED_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype))

/**
 * Reads a file part to its end, keeping what busboy lets through (at most the fileSize limit);
 * when dropping, keeps only its first byte (enough to tell an empty file input from a file).
 */
function readFile(stream: BusboyFileStream, drop: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => {
      if (!drop || chunks.length === 0) chunks.push(drop ? chunk.subarray(0, 1) : chunk)
    })
    stream.once('end', () => resolve(Buffer.concat(chunks)))
    stream.once('error', reject)
  })
}

/** Reads the whole multipart body of a request into memory; a malformed body is a 400, one beyond the limits a 413. */
function readForm(headers: IncomingMessage['headers'], payload: NodeJS.ReadableStream, options: Required<MultipartFormsOptions>): Promise<ReadForm> {
  return new Promise((resolve, reject) => {
    const values: Record<string, string[]> = Object.create(null) as Record<string, string[]>
    const files: UploadedFile[] = []
    // Files are taken one after another (busboy holds the next part until this one is read), so
    // the count of files kept so far is known when a part arrives.
    let filesRead: Promise<void> = Promise.resolve()
    let droppedFiles = 0
    let firstDroppedField: string | null = null
    let isSettled = false
    const fail = (error: AppError) => {
      if (isSettled) return
      isSettled = true
      payload.unpipe(parser)
      // Read and forget the rest, so the client gets the answer instead of a stalled upload.
      payload.resume()
      reject(error)
    }
    let parser: ReturnType<typeof Busboy>
    try {
      parser = Busboy({
        headers: headers as Parameters<typeof Busboy>[0]['headers'],
        limits: { fileSize: options.maxFileBytes, fields: options.maxFields, fieldSize: options.maxFieldBytes, parts: options.maxParts, files: options.maxParts },
      })
    } catch {
      // No boundary, or not multipart at all.
      payload.resume()
      reject(new BadRequestError())
      return
    }
    parser.on('field', (name: string, value: string) => {
      if (RESERVED_NAMES.has(name)) return fail(new BadRequestError())
      ;(values[name] ??= []).push(value)
    })
    parser.on('file', (name: string, stream: BusboyFileStream, filename: string, _encoding: string, mimetype: string) => {
      if (RESERVED_NAMES.has(name)) {
        stream.resume()
        return fail(new BadRequestError())
      }
      stream.on('error', () => fail(new BadRequestError()))
      filesRead = filesRead.then(async () => {
        const isFull = files.length >= options.maxFiles
        // Beyond the limit, read and drop, so the fields after it still arrive; the route refuses the form.
        const bytes = await readFile(stream, isFull)
        // A browser sends an empty file input as a part with no name and no content.
        if (filename === '' && bytes.length === 0 && !stream.truncated) return
        if (isFull) {
          droppedFiles += 1
          firstDroppedField ??= name
          return
        }
        files.push({ field: name, filename, mimetype, bytes, truncated: stream.truncated })
      })
    })
    parser.on('partsLimit', () => fail(tooLarge()))
    parser.on('filesLimit', () => fail(tooLarge()))
    parser.on('fieldsLimit', () => fail(tooLarge()))
    parser.on('error', () => fail(new BadRequestError()))
    payload.on('error', () => fail(new BadRequestError()))
    parser.on('finish', () => {
      filesRead.then(
        () => {
          if (isSettled) return
          isSettled = true
          const fields: Record<string, string> = Object.create(null) as Record<string, string>
          for (const [name, list] of Object.entries(values)) fields[name] = list[0] ?? ''
          resolve({ fields, values, files, droppedFiles, firstDroppedField })
        },
        () => fail(new BadRequestError()),
      )
    })
    payload.pipe(parser)
  })
}

/** The same shape @fastify/formbody gives a URL-encoded body: a string, or strings for a repeated name. */
function asBody(values: Record<string, readonly string[]>): Record<string, string | string[]> {
  const body: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>
  for (const [name, list] of Object.entries(values)) body[name] = list.length === 1 ? (list[0] ?? '') : [...list]
  return body
}

/** Text fields of a URL-encoded body, for routes that take either kind of form. */
function formFromBody(body: unknown): MultipartForm {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>
  const values: Record<string, string[]> = Object.create(null) as Record<string, string[]>
  if (typeof body === 'object' && body !== null) {
    for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
      const list = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string')
      if (list.length === 0) continue
      values[name] = list
      fields[name] = list[0] ?? ''
    }
  }
  return { fields, values, files: [] }
}

/** Defaults of the plugin. */
const DEFAULTS: Required<Omit<MultipartFormsOptions, 'maxBodyBytes'>> = {
  maxFiles: 3,
  maxFileBytes: 5 * 1024 * 1024,
  tooManyFilesKey: 'errors.field.invalid',
  maxFields: 100,
  maxFieldBytes: 64 * 1024,
  maxParts: 200,
}

/** The plugin's settings with every default filled in. */
function settingsOf(options: MultipartFormsOptions): Required<MultipartFormsOptions> {
  const settings = { ...DEFAULTS, ...options }
  const maxBodyBytes = options.maxBodyBytes ?? 2 * (settings.maxFiles * settings.maxFileBytes + settings.maxFields * settings.maxFieldBytes) + 1024 * 1024
  return { ...settings, maxBodyBytes }
}

/**
 * The form of a request: its text fields and files, within the route's limits. A file longer than
 * limits.maxFileBytes comes back cut and marked truncated; more than limits.maxFiles files is a
 * TooManyFilesError. A URL-encoded form comes back as its fields and no files. The limits of
 * multipartForms are the ceiling: a file or a count beyond them was already dropped.
 */
export async function readMultipart(req: FastifyRequest, limits: MultipartLimits): Promise<MultipartForm> {
  const read = readForms.get(req)
  if (!read) return formFromBody(req.body)
  const files = read.files.map((file) =>
    file.bytes.length > limits.maxFileBytes ? { ...file, bytes: file.bytes.subarray(0, limits.maxFileBytes), truncated: true } : file,
  )
  const form: MultipartForm = { fields: read.fields, values: read.values, files: files.slice(0, limits.maxFiles) }
  if (files.length > limits.maxFiles || read.droppedFiles > 0) {
    const field = files[limits.maxFiles]?.field ?? read.firstDroppedField ?? 'files'
    throw new TooManyFilesError(field, limits.maxFiles, form, limits.tooManyFilesKey)
  }
  return form
}

/**
 * Installs the multipart/form-data body parser for the whole application: it reads every multipart
 * body into memory before the route's preHandler (so CSRF protection finds `_csrf` in req.body).
 * Nothing goes to disk.
 */
export async function multipartForms(app: FastifyInstance, options: MultipartFormsOptions): Promise<void> {
  const settings = settingsOf(options)
  app.decorateRequest('isMultipart', function (this: FastifyRequest) {
    return readForms.has(this)
  })
  app.addContentTypeParser('multipart/form-data', (req, payload, done) => {
    // Busboy drops what is beyond the limits but still reads it: refuse a body announced too large.
    if (Number(req.headers['content-length'] ?? 0) > settings.maxBodyBytes) {
      payload.resume()
      return done(tooLarge())
    }
    readForm(req.headers, payload, settings).then(
      (form) => {
        readForms.set(req, form)
        done(null, asBody(form.values))
      },
      (error: unknown) => done(error instanceof Error ? error : new BadRequestError()),
    )
  })
}
// Parsers and decorators apply to the whole application, not only inside this plugin (what
// fastify-plugin would do; see Fastify's Plugins reference, "skip-override").
;(multipartForms as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true

declare module 'fastify' {
  interface FastifyRequest {
    /** Whether the request carried a multipart form (read by multipartForms). */
    isMultipart(): boolean
  }
}
