/**
 * Site search over one index shared by every kind of document: `search_documents` keeps what a
 * result shows (title, address, plain body for the snippet) and `search_postings` one row per
 * folded term of a document with an integer weight. Features index their own things inside the
 * transactions that change them; this module knows no kind of document by name.
 *
 * A query is answered from the postings, the same way on SQLite and PostgreSQL: the rarest term's
 * postings give the candidates, each other term is checked only for those candidates, and scores
 * are added up in TypeScript from integer weights, then ordered by score, publication (newest
 * first, undated last) and id. Documents themselves are read only as far as the page asked for
 * needs them: titles for the phrase bonus where it can change that page, publication dates for the
 * scores that reach it, and the text of the results shown.
 */
import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { instant, toDate } from '../../db/portable.ts'
import { hasPhrase, highlightsIn, makeSnippet, normalizeText, parseQuery, PHRASE_BONUS, termWeights, TITLE_WEIGHT } from './text.ts'
import type { Highlight, ParsedQuery, QueryTerm } from './text.ts'

export { fold, hasPhrase, highlightsIn, makeSnippet, matchesTerm, MAX_QUERY_LENGTH, MIN_QUERY_CHARACTERS, normalizeText, parseQuery, termWeights, tokenize } from './text.ts'
export type { Highlight, ParsedQuery, QueryTerm, Snippet, Token } from './text.ts'

/** A database or a transaction: features index inside the transaction of the change. */
export type SearchExecutor = Kysely<Database> | Transaction<Database>

/** A searchable thing as a feature hands it to the index. */
export interface SearchDocument {
  /** The kind of thing, e.g. "news"; results can be filtered by it. */
  readonly type: string
  /** Its key among things of its type (a slug, a code); with `type`, it names the document. */
  readonly key: string
  readonly title: string
  /** Where a result links to: a path of the site. */
  readonly url: string
  /** Plain text (no markup) with its diacritics; shown in snippets. */
  readonly body: string
  /** Newer things rank first among equals; null ranks after every dated one. */
  readonly publishedAt: Date | null
  /** When the document was indexed (bookkeeping only); now when not given. */
  readonly updatedAt?: Date
}

/** What to look for. */
export interface SearchQuery {
  /** The words as typed; diacritics and case do not matter. */
  readonly q: string
  /** Only documents of this type (or these types). */
  readonly type?: string | readonly string[] | undefined
  /** From 1. */
  readonly page?: number | undefined
  /** Results per page, from 1 to MAX_PAGE_SIZE. */
  readonly pageSize?: number | undefined
}

/** One result. */
export interface SearchHit {
  readonly type: string
  readonly key: string
  readonly title: string
  readonly url: string
  /** About 200 characters of the body around the first match. */
  readonly snippet: string
  /** Matches in `snippet`: [start, end) offsets. */
  readonly highlights: readonly Highlight[]
  /** Matches in `title`: [start, end) offsets. */
  readonly titleHighlights: readonly Highlight[]
  readonly score: number
  readonly publishedAt: Date | null
}

/** A page of results and how many there are in all. */
export interface SearchResult {
  readonly total: number
  readonly results: readonly SearchHit[]
  /** Whether the query had too few letters or digits to be searched. */
  readonly isTooShort: boolean
}

/** Most results on one page. */
export const MAX_PAGE_SIZE = 50
/** Results on a page when the caller does not say. */
export const DEFAULT_PAGE_SIZE = 10

// Ids per `in (…)` list: far below both engines' limits on bound parameters.
const ID_CHUNK = 1000
// Rows per multi-row insert of postings (three parameters each).
const POSTING_CHUNK = 1000
// Documents per multi-row insert when a whole type is rebuilt (eight parameters each).
const DOCUMENT_CHUNK = 200
// A word with at most this many postings per candidate is read whole rather than checked per
// candidate: a posting read in a range costs about half a candidate looked up (measured on SQLite).
const WHOLE_READ_RATIO = 2
// Postings are counted up to this many (an index-only count): enough to tell the rarest term.
const COUNT_CAP = 50_000
// Above this many candidates, a type filter reads the ids of the type instead of checking each candidate.
const TYPE_SCAN_CANDIDATES = 5_000

/** Postings of one document as rows. */
function postingRows(documentId: number, title: string, body: string) {
  return [...termWeights(title, body)].map(([term, weight]) => ({ term, document_id: documentId, weight }))
}

/** Inserts postings in multi-row batches. */
async function insertPostings(db: SearchExecutor, rows: readonly { term: string; document_id: number; weight: number }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += POSTING_CHUNK) {
    await db.insertInto('search_postings').values(rows.slice(i, i + POSTING_CHUNK)).execute()
  }
}

/** The stored columns of a document (text normalised, as snippets and postings read it). */
function documentColumns(doc: SearchDocument) {
  return {
    doc_type: doc.type,
    doc_key: doc.key,
    title: normalizeText(doc.title),
    url: doc.url,
    body: normalizeText(doc.body),
    published_at: doc.publishedAt ? instant(doc.publishedAt) : null,
    // Bookkeeping only: nothing ranks or filters by it, so the system time will do.
    updated_at: instant(doc.updatedAt ?? new Date()),
  }
}

/**
 * Adds a document to the index or replaces it (same type and key), with all its postings. Call it
 * inside the transaction that changes the thing, so the index never disagrees with it.
 */
export async function indexDocument(db: SearchExecutor, doc: SearchDocument): Promise<void> {
  const columns = documentColumns(doc)
  const { id } = await db
    .insertInto('search_documents')
    .values(columns)
    .onConflict((oc) => oc.columns(['doc_type', 'doc_key']).doUpdateSet({ title: columns.title, url: columns.url, body: columns.body, published_at: columns.published_at, updated_at: columns.updated_at }))
    .returning('id')
    .executeTakeFirstOrThrow()
  const documentId = Number(id)
  await db.deleteFrom('search_postings').where('document_id', '=', documentId).execute()
  await insertPostings(db, postingRows(documentId, columns.title, columns.body))
}

/** Takes a document out of the index; nothing happens when it is not there. */
export async function removeDocument(db: SearchExecutor, type: string, key: string): Promise<void> {
  const row = await db.selectFrom('search_documents').select('id').where('doc_type', '=', type).where('doc_key', '=', key).executeTakeFirst()
  if (!row) return
  // Postings first: SQLite enforces the cascade only where foreign keys are switched on.
  await db.deleteFrom('search_postings').where('document_id', '=', Number(row.id)).execute()
  await db.deleteFrom('search_documents').where('id', '=', Number(row.id)).execute()
}

/**
 * Rebuilds the index of one type from the given documents: everything of the type is removed,
 * then the documents are added. Run it in one transaction, so searches see the old index or the
 * new one, never half of each. Returns how many documents were indexed.
 */
export async function replaceDocuments(trx: Transaction<Database>, type: string, documents: readonly SearchDocument[], onProgress: (done: number, total: number) => void = () => {}): Promise<number> {
  const ofType = trx.selectFrom('search_documents').select('id').where('doc_type', '=', type)
  await trx.deleteFrom('search_postings').where('document_id', 'in', ofType).execute()
  await trx.deleteFrom('search_documents').where('doc_type', '=', type).execute()
  onProgress(0, documents.length)
  for (let i = 0; i < documents.length; i += DOCUMENT_CHUNK) {
    const chunk = documents.slice(i, i + DOCUMENT_CHUNK).map((doc) => {
      if (doc.type !== type) throw new TypeError(`replaceDocuments: a document of type "${doc.type}" among "${type}"`)
      return documentColumns(doc)
    })
    await trx.insertInto('search_documents').values(chunk).execute()
    // Engines do not promise the order of RETURNING rows of a multi-row insert: read the ids back by key.
    const ids = await trx
      .selectFrom('search_documents')
      .select(['id', 'doc_key'])
      .where('doc_type', '=', type)
      .where(
        'doc_key',
        'in',
        chunk.map((c) => c.doc_key),
      )
      .execute()
    const idByKey = new Map(ids.map((r) => [r.doc_key, Number(r.id)]))
    await insertPostings(
      trx,
      chunk.flatMap((c) => postingRows(idByKey.get(c.doc_key)!, c.title, c.body)),
    )
    onProgress(Math.min(i + DOCUMENT_CHUNK, documents.length), documents.length)
  }
  return documents.length
}

/** How many documents of each type the index holds. */
export async function countDocuments(db: SearchExecutor): Promise<Record<string, number>> {
  const rows = await db.selectFrom('search_documents').select(['doc_type', sql<number>`count(*)`.as('n')]).groupBy('doc_type').execute()
  return Object.fromEntries(rows.map((r) => [r.doc_type, Number(r.n)]))
}

/** The first string after every string that starts with `prefix`, in code point (= byte) order. */
function prefixEnd(prefix: string): string {
  const points = [...prefix]
  let next = points.pop()!.codePointAt(0)! + 1
  // Skip the surrogate range, which no stored text contains.
  if (next >= 0xd800 && next <= 0xdfff) next = 0xe000
  return `${points.join('')}${String.fromCodePoint(next)}`
}

/** Limits a postings query to one query term: the term itself, or the range of terms it begins. */
function whereTerm<Q extends { where: (...args: any[]) => Q }>(query: Q, column: string, term: QueryTerm): Q {
  // Terms are stored byte-ordered on both engines, so a prefix is a range of the primary key.
  return term.isPrefix ? query.where(column, '>=', term.text).where(column, '<', prefixEnd(term.text)) : query.where(column, '=', term.text)
}

/**
 * How many postings a query term has, counted no further than COUNT_CAP: a count over a range of
 * the primary key, which only has to say which term is the rarest.
 */
async function countPostings(db: SearchExecutor, term: QueryTerm): Promise<number> {
  const inner = whereTerm(db.selectFrom('search_postings').select('document_id'), 'term', term).limit(COUNT_CAP)
  const row = await db.selectFrom(inner.as('postings')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** What the ranking knows of a candidate. */
interface Candidate {
  readonly id: number
  score: number
  /** How many query terms it has in its title. */
  termsInTitle: number
  /** Publication instant in ms (null: undated); read only for the candidates a page needs. */
  publishedMs?: number | null
}

/** The best weight of each document among postings (a prefix matches several terms of one document). */
function bestWeights(rows: readonly { document_id: number | string; weight: number | string }[]): Map<number, number> {
  const weights = new Map<number, number>()
  for (const r of rows) {
    const id = Number(r.document_id)
    const weight = Number(r.weight)
    if ((weights.get(id) ?? -1) < weight) weights.set(id, weight)
  }
  return weights
}

/** Every posting of a query term, as the best weight per document. */
async function allWeights(db: SearchExecutor, term: QueryTerm): Promise<Map<number, number>> {
  return bestWeights(await whereTerm(db.selectFrom('search_postings').select(['document_id', 'weight']), 'term', term).execute())
}

/**
 * Whether a term is read whole rather than checked per candidate: always for a prefix (checking
 * candidates in a range of terms scans the range once per chunk of candidates), and for a word with
 * few postings per candidate. A count that reached the cap is a lower bound, which only errs
 * towards checking per candidate.
 */
function isReadWhole(term: QueryTerm, postings: number, candidates: number): boolean {
  return term.isPrefix || postings <= candidates * WHOLE_READ_RATIO
}

/** The weights of a term in the given documents (absent: the term is not in that document). */
async function weightsAmong(db: SearchExecutor, term: QueryTerm, postings: number, ids: readonly number[]): Promise<Map<number, number>> {
  if (isReadWhole(term, postings, ids.length)) return allWeights(db, term)
  const weights = new Map<number, number>()
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const rows = await whereTerm(db.selectFrom('search_postings').select(['document_id', 'weight']), 'term', term)
      .where('document_id', 'in', ids.slice(i, i + ID_CHUNK))
      .execute()
    for (const [id, weight] of bestWeights(rows)) weights.set(id, weight)
  }
  return weights
}

/** Runs a query on ids in chunks and gathers the rows. */
async function inChunks<Row>(ids: readonly number[], query: (chunk: number[]) => Promise<Row[]>): Promise<Row[]> {
  const rows: Row[] = []
  for (let i = 0; i < ids.length; i += ID_CHUNK) rows.push(...(await query(ids.slice(i, i + ID_CHUNK))))
  return rows
}

/** Keeps the candidates whose document is of one of the types. */
async function ofTypes(db: SearchExecutor, candidates: Map<number, Candidate>, types: readonly string[]): Promise<Map<number, Candidate>> {
  // Many candidates: one read of the types' ids (an index range) beats looking each candidate up.
  const rows =
    candidates.size > TYPE_SCAN_CANDIDATES
      ? await db
          .selectFrom('search_documents')
          .select('id')
          .where('doc_type', 'in', [...types])
          .execute()
      : await inChunks([...candidates.keys()], (chunk) =>
          db
            .selectFrom('search_documents')
            .select('id')
            .where('id', 'in', chunk)
            .where('doc_type', 'in', [...types])
            .execute(),
        )
  const kept = new Map<number, Candidate>()
  for (const r of rows) {
    const candidate = candidates.get(Number(r.id))
    if (candidate) kept.set(candidate.id, candidate)
  }
  return kept
}

/** Reads the publication instants of candidates (the tie-break), in place. */
async function readPublication(db: SearchExecutor, candidates: readonly Candidate[]): Promise<void> {
  const byId = new Map(candidates.map((c) => [c.id, c]))
  const rows = await inChunks(
    candidates.map((c) => c.id),
    (chunk) => db.selectFrom('search_documents').select(['id', 'published_at']).where('id', 'in', chunk).execute(),
  )
  for (const r of rows) byId.get(Number(r.id))!.publishedMs = r.published_at === null ? null : toDate(r.published_at).getTime()
}

/** Among equal scores: the newest publication first, undated last, then the oldest id. */
function byPublication(a: Candidate, b: Candidate): number {
  const pa = a.publishedMs ?? null
  const pb = b.publishedMs ?? null
  if (pa !== pb) {
    if (pa === null) return 1
    if (pb === null) return -1
    return pb - pa
  }
  return a.id - b.id
}

/**
 * The candidates at ranks [from, to): by score, and among equal scores by publication then id.
 * Publication is read only for the scores that reach into the page, not for every candidate.
 */
async function rankedSlice(db: SearchExecutor, candidates: readonly Candidate[], from: number, to: number): Promise<Candidate[]> {
  const byScore = new Map<number, Candidate[]>()
  for (const c of candidates) {
    const group = byScore.get(c.score)
    if (group) group.push(c)
    else byScore.set(c.score, [c])
  }
  const groups = [...byScore.entries()].sort(([a], [b]) => b - a).map(([, group]) => group)
  const shown: Candidate[] = []
  let rank = 0
  for (const group of groups) {
    if (rank >= to) break
    if (rank + group.length > from) {
      await readPublication(db, group)
      group.sort(byPublication)
      shown.push(...group.slice(Math.max(0, from - rank), to - rank))
    }
    rank += group.length
  }
  return shown
}

/**
 * Adds PHRASE_BONUS to the candidates whose title holds the query as a phrase, as far as it can
 * change the first `ranks` places: only a title with every term in it can hold the phrase, and
 * only one whose score with the bonus would reach those places needs its title read. With one
 * term, holding the term is holding the phrase, and the weights already say which titles do.
 */
async function addPhraseBonus(db: SearchExecutor, candidates: readonly Candidate[], parsed: ParsedQuery, ranks: number): Promise<void> {
  const termCount = parsed.terms.length
  const eligible = candidates.filter((c) => c.termsInTitle === termCount)
  if (parsed.phrase.length === 1) {
    for (const c of eligible) c.score += PHRASE_BONUS
    return
  }
  // The score that the ranks-th of the others reaches: an eligible candidate below it with the bonus
  // stays outside the places asked for, phrase or not, and its exact score changes no one's rank there.
  const others = candidates
    .filter((c) => c.termsInTitle !== termCount)
    .map((c) => c.score)
    .sort((a, b) => b - a)
  const threshold = others.length >= ranks ? others[ranks - 1]! : -Infinity
  const needed = eligible.filter((c) => c.score + PHRASE_BONUS >= threshold)
  if (needed.length === 0) return
  const byId = new Map(needed.map((c) => [c.id, c]))
  const titles = await inChunks([...byId.keys()], (chunk) => db.selectFrom('search_documents').select(['id', 'title']).where('id', 'in', chunk).execute())
  for (const row of titles) if (hasPhrase(row.title, parsed.phrase)) byId.get(Number(row.id))!.score += PHRASE_BONUS
}

/** The types a query is limited to, or null for all. */
function typesOf(type: SearchQuery['type']): readonly string[] | null {
  if (type === undefined) return null
  const types = (typeof type === 'string' ? [type] : type).filter((t) => t !== '')
  return types.length > 0 ? types : null
}

/**
 * Searches the index: documents holding every term of the query (the last one also as a prefix
 * while being typed), ranked by the sum of the terms' weights plus PHRASE_BONUS when the title
 * holds the query as a phrase; ties go to the newest publication, then to the oldest document.
 */
export async function search(db: SearchExecutor, query: SearchQuery): Promise<SearchResult> {
  const parsed = parseQuery(query.q)
  if (parsed.isTooShort) return { total: 0, results: [], isTooShort: true }
  const pageSize = Math.min(Math.max(Math.trunc(query.pageSize ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE)
  const page = Math.max(Math.trunc(query.page ?? 1), 1)

  const counts = await Promise.all(parsed.terms.map(async (term) => ({ term, postings: await countPostings(db, term) })))
  if (counts.some((c) => c.postings === 0)) return { total: 0, results: [], isTooShort: false }
  counts.sort((a, b) => a.postings - b.postings || (a.term.text < b.term.text ? -1 : a.term.text > b.term.text ? 1 : 0))

  // The rarest term gives the candidates; every other term only narrows them down. A prefix is
  // read whole in any case, so it is read together with the rarest (in parallel on PostgreSQL).
  const [rarest, ...others] = counts
  const readWhole = others.filter((c) => c.term.isPrefix)
  const [rarestWeights, ...wholeWeights] = await Promise.all([rarest!, ...readWhole].map((c) => allWeights(db, c.term)))
  const readAlready = new Map(readWhole.map((c, i) => [c, wholeWeights[i]!]))
  let candidates = new Map<number, Candidate>()
  for (const [id, weight] of rarestWeights!) candidates.set(id, { id, score: weight, termsInTitle: weight >= TITLE_WEIGHT ? 1 : 0 })
  for (const count of others) {
    if (candidates.size === 0) break
    const weights = readAlready.get(count) ?? (await weightsAmong(db, count.term, count.postings, [...candidates.keys()]))
    const kept = new Map<number, Candidate>()
    for (const [id, candidate] of candidates) {
      const weight = weights.get(id)
      if (weight === undefined) continue
      candidate.score += weight
      if (weight >= TITLE_WEIGHT) candidate.termsInTitle += 1
      kept.set(id, candidate)
    }
    candidates = kept
  }
  const types = typesOf(query.type)
  if (types && candidates.size > 0) candidates = await ofTypes(db, candidates, types)

  const from = (page - 1) * pageSize
  const to = page * pageSize
  await addPhraseBonus(db, [...candidates.values()], parsed, to)
  const shown = await rankedSlice(db, [...candidates.values()], from, to)
  const rows = await inChunks(
    shown.map((c) => c.id),
    (chunk) => db.selectFrom('search_documents').select(['id', 'doc_type', 'doc_key', 'title', 'url', 'body', 'published_at']).where('id', 'in', chunk).execute(),
  )
  const rowById = new Map(rows.map((r) => [Number(r.id), r]))
  const results = shown.flatMap((c): SearchHit[] => {
    const row = rowById.get(c.id)
    if (!row) return []
    const snippet = makeSnippet(row.body, parsed)
    return [
      {
        type: row.doc_type,
        key: row.doc_key,
        title: row.title,
        url: row.url,
        snippet: snippet.text,
        highlights: snippet.highlights,
        titleHighlights: highlightsIn(row.title, parsed.terms),
        score: c.score,
        publishedAt: row.published_at === null ? null : toDate(row.published_at),
      },
    ]
  })
  return { total: candidates.size, results, isTooShort: false }
}
