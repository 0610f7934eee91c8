/**
 * The floor of the public lookup: the same request answered by hand on node:http and
 * better-sqlite3, with nothing of the app around it (no framework, no hooks, no service layer,
 * no validation, no logger). It does the work any implementation of the lookup must do on this
 * stack: parse the address, read the failed-try counter, the dossier and its events in one shared
 * read transaction per turn of the event loop (as the app does), mask the name, write the instants
 * in Vietnam time, and send the JSON with the API's security headers.
 *
 * Measured beside the app and the bare server, it says how much of the distance between the app and
 * a hello-world the lookup's own reads account for on this machine, and how much is the app's.
 * It is a yardstick, not a way to serve: it trusts its input and answers nothing else.
 * Argument: the SQLite file the app seeded. SQLite only.
 */
import { createServer } from 'node:http'
import SqliteDatabase from 'better-sqlite3'
import { formatInstant } from '../src/features/calendar/index.ts'
import { isOverdue, maskName } from '../src/features/dossiers/dossier.ts'
import type { DossierStatus } from '../src/features/dossiers/dossier.ts'
import { messages } from '../src/features/dossiers/dossier.messages.ts'
import { LOOKUP_LIMITS } from '../src/features/dossiers/dossier.service.ts'
import { serveToHarness } from './child.ts'

const LOOKUP_PREFIX = '/api/v1/public/dossiers/'

const path = process.argv[2]
if (!path) throw new Error('floor-server: give the SQLite file as the argument')
const db = new SqliteDatabase(path, { readonly: true })
const catalogue = (messages.vi as { dossiers: { status: Record<string, string>; errors: Record<string, string> } }).dossiers
const statusText = catalogue.status

// The app's three reads, written out by hand; rows come as arrays, as the app reads them.
const counterRead = db.prepare('select count, window_start from rate_counters where key = ?').raw(true)
const dossierRead = db
  .prepare(
    `select d.id, d.code, d.pin, d.status, p.code, p.name, u.name, d.applicant_name, d.received_at, d.due_at, d.result_ready_at, d.finished_at, d.timing
     from dossiers d join units u on u.id = d.unit_id join procedures p on p.id = d.procedure_id where d.code = ?`,
  )
  .raw(true)
const eventsRead = db.prepare('select at, action, to_status from dossier_events where dossier_id = ? order by id').raw(true)
const begin = db.prepare('begin')
const commit = db.prepare('commit')

// The API's security headers as the app sends them (src/app.ts), and the lookup's cache rule.
const HEADERS = {
  'content-security-policy': "default-src 'none';frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'private, no-store',
  'content-type': 'application/json; charset=utf-8',
}
const NOT_FOUND = JSON.stringify({ error: 'not_found', message: catalogue.errors.lookupNotFound, fields: {} })
const TOO_MANY = JSON.stringify({ error: 'too_many_requests', message: catalogue.errors.tooManyLookups, fields: {} })

/** Reads share one snapshot until the event loop turns, as the app's reader connection does. */
function inSharedSnapshot(): void {
  if (db.inTransaction) return
  begin.run()
  setImmediate(() => commit.run())
}

/** An optional instant in Vietnam time. */
function at(value: unknown): string | null {
  return typeof value === 'string' ? formatInstant(new Date(value)) : null
}

/** The lookup's answer: status and body. */
function lookup(url: string, clientAddress: string): { status: number; body: string } {
  const queryAt = url.indexOf('?')
  const code = decodeURIComponent(url.slice(LOOKUP_PREFIX.length, queryAt < 0 ? undefined : queryAt))
  const pin = queryAt < 0 ? '' : (new URLSearchParams(url.slice(queryAt + 1)).get('pin') ?? '')
  inSharedSnapshot()
  const now = Date.now()
  const [counter] = counterRead.all(`dossier-lookup:${clientAddress}`) as [number, string][]
  if (counter && Date.parse(counter[1]) >= now - LOOKUP_LIMITS.windowMs && counter[0] >= LOOKUP_LIMITS.refuseAfter) return { status: 429, body: TOO_MANY }
  const [row] = dossierRead.all(code) as unknown[][]
  if (!row || row[2] !== pin) return { status: 404, body: NOT_FOUND }
  const events = eventsRead.all(row[0]) as [string, string, string][]
  const status = row[3] as DossierStatus
  const dueAt = typeof row[9] === 'string' ? new Date(row[9]) : null
  return {
    status: 200,
    body: JSON.stringify({
      code: row[1],
      status,
      statusText: statusText[status],
      procedureCode: row[4],
      procedureName: row[5],
      unitName: row[6],
      applicantName: maskName(row[7] as string),
      receivedAt: at(row[8]),
      dueAt: dueAt ? formatInstant(dueAt) : null,
      resultReadyAt: at(row[10]),
      finishedAt: at(row[11]),
      isOverdue: isOverdue(status, dueAt, new Date(now)),
      timing: row[12],
      timeline: events.map((e) => ({ at: formatInstant(new Date(e[0])), action: e[1], status: e[2] })),
    }),
  }
}

const server = createServer((req, res) => {
  req.resume()
  const url = req.url ?? '/'
  const { status, body } = url.startsWith(LOOKUP_PREFIX) ? lookup(url, req.socket.remoteAddress ?? '') : { status: 404, body: NOT_FOUND }
  res.writeHead(status, { ...HEADERS, 'content-length': Buffer.byteLength(body) })
  res.end(body)
})

serveToHarness(server, () => db.close())
