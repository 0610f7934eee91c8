/**
 * The benchmark scenarios, in the order they run and appear in BENCHMARKS.md. Add a scenario by
 * appending it here; its data generator (if any) goes in bench/data/.
 */
import { runDueDates } from './calendar-due.ts'
import { BENCH_TOKEN, LOOKUP_CODE, LOOKUP_PIN, prepareLookup, prepareReceiving, RECEIVE_BODY } from './data/desk.ts'
import { OPEN311_SUBMISSION, prepareFeedbackItems, prepareOpen311Client } from './data/feedback.ts'
import { BENCH_ARTICLE_CATEGORY, BENCH_ARTICLE_SLUG, BENCH_SEARCH_QUERY, prepareNews } from './data/news.ts'
import type { Scenario } from './scenario.ts'

/** Every scenario `npm run bench` runs. */
export const scenarios: readonly Scenario[] = [
  // The least any route costs: routing, the platform hooks (locale, authentication lookup, security headers)
  // and one trivial query. Every later scenario costs at least this much.
  { name: 'health check', method: 'GET', path: '/healthz' },
  // A resident following a dossier by code and PIN among 1,000,000 generated ones (BENCH_DOSSIERS).
  { name: 'public dossier lookup', method: 'GET', path: `/api/v1/public/dossiers/${LOOKUP_CODE}?pin=${LOOKUP_PIN}`, prepare: prepareLookup },
  // The same lookup answered by hand on node:http and better-sqlite3 (bench/floor-server.ts): the
  // three reads, the masking and the JSON with nothing of the app around them. How close the app
  // comes to this floor is what its framework, hooks and layers cost; the floor's own distance from
  // the bare server is what the lookup's reads cost on this machine. SQLite only.
  { name: 'public dossier lookup (floor)', method: 'GET', path: `/api/v1/public/dossiers/${LOOKUP_CODE}?pin=${LOOKUP_PIN}`, floorOf: 'public dossier lookup' },
  // A desk officer receiving a complete dossier: code allocation, due date, audit entry and the
  // applicant's SMS in the outbox, all in one transaction. Requests per second = dossiers per second.
  {
    name: 'receive a dossier',
    method: 'POST',
    path: '/api/v1/dossiers',
    body: RECEIVE_BODY,
    headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' },
    prepare: prepareReceiving,
  },
  // A client of the Open311 API listing public requests among 200,000 items (BENCH_FEEDBACK) with
  // the specification's defaults: the last 90 days, at most 1,000 newest (about 800 KB of JSON).
  // Tens of milliseconds of CPU each, so, like the search, one connection: the time one list
  // takes, not a queue of fifty.
  { name: 'open311 requests (default window)', method: 'GET', path: '/open311/v2/requests.json', prepare: prepareFeedbackItems, connections: 1 },
  // An Open311 client submitting a report: tracking code, due date, event and audit entry in one
  // transaction. Requests per second = submissions per second.
  {
    name: 'open311 submission',
    method: 'POST',
    path: '/open311/v2/requests.json',
    body: OPEN311_SUBMISSION,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    prepare: prepareOpen311Client,
  },
  // A reader opening one article among 100,000 generated ones (BENCH_ARTICLES): the HTML page with
  // its tags, related articles and approved comments, as a visitor without a session gets it.
  { name: 'news article page', method: 'GET', path: `/tin-tuc/${BENCH_ARTICLE_CATEGORY}/${BENCH_ARTICLE_SLUG}`, prepare: prepareNews },
  // The site search API with several common words typed without diacritics, among the same
  // articles. One search costs tens of milliseconds of CPU, so it runs with one connection: the
  // figures are the latency of one resident's search, not the length of a queue of fifty.
  { name: 'search (100,000 articles)', method: 'GET', path: `/api/v1/search?${new URLSearchParams({ q: BENCH_SEARCH_QUERY }).toString()}`, prepare: prepareNews, connections: 1 },
  // 1,000,000 due-date computations over random instants (2020–2035) and limits; goal well under 1 s.
  { kind: 'micro', name: 'due dates (1 million)', run: () => runDueDates(1_000_000) },
]
