/**
 * Site search over one index shared by every kind of document: `search_documents` keeps what a
 * result shows (title, address, plain body for the snippet) and `search_postings` one row per
 * folded term of a document with an integer weight. Features index their own things inside the
 * transactions that change them; this module knows no kind of document by name.
 *
 * A query is answered from the postings, the same way on SQLite and PostgreSQL, in one query
 * that does the intersecting: the rarest term's postings give the candidates, and each other term
 * is one index lookup per candidate (a prefix being typed stands for the words it begins). Scores
 * are added up in TypeScript from integer weights, then ordered by score, publication (newest
 * first, undated last) and id. When even the rarest term is very common, only its best postings
 * are scored (those in titles, then by weight, then the newest), so that a query of common words
 * costs a bounded amount; the total then counts the matches among them. Documents themselves are
 * read only as far as the page asked for needs them: titles for the phrase bonus where it can
 * change that page, publication dates for the scores that reach it, and the text of the results.
 */
import type { Kysely, Transaction } from 'kysely'
import { CompiledQuery, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { dialectOf, instant, toDate } from '../../db/portable.ts'
import { hasPhrase, highlightsIn, makeSnippet, MAX_BODY_OCCURRENCES, normalizeText, parseQuery, PHRASE_BONUS, termWeights, TITLE_WEIGHT } from './text.ts'
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
  /**
   * How many documents match; when even the rarest term of the query is very common, how many
   * match among its postings that were scored (its best ones, a few thousand at most).
   */
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
// Postings gathered, then sorted by term, before they are written when many documents are added:
// on a SQLite file, batches of this size wrote a large index several times faster than postings
// in the order of their documents, and also faster than all of them in one term order (which
// scatters the writes to the index by document).
const POSTING_BATCH = 200_000
// The most postings of one term that a query scores. A query answers from the postings of its
// rarest term, each checked against every other term; when even the rarest is more common than
// this, only its best postings by weight (then the newest documents) are scored, and the total
// counts the matches among them. Exact up to here, on both engines alike.
const SCORE_CAP = 12_000
// Index lookups one query may make to check candidates against its other terms (one per candidate
// and word; a prefix being typed costs one per word it stands for): fewer candidates are scored
// when there are many terms to check, so a query of common words stays fast.
const LOOKUP_BUDGET = 12_000
// Scored however many terms there are to check: enough for every page a visitor can reach.
const MIN_SCORED = 1_000
// Most words a prefix stands for ("th" → thanh, thi, thong …), taken in byte order.
const MAX_PREFIX_WORDS = 64

/** Postings of one document as rows. */
function postingRows(documentId: number, title: string, body: string) {
  return [...termWeights(title, body)].map(([term, weight]) => ({ term, document_id: documentId, weight }))
}

// The SQL of a full multi-row insert of postings on SQLite: built once, since building an insert
// of a thousand rows costs about as much as SQLite takes to store them.
let fullInsertSql: string | null = null
// Rows per insert of postings as arrays on PostgreSQL (three array parameters, whatever the count).
const POSTING_ARRAY_CHUNK = 100_000

/**
 * Inserts postings given column by column. PostgreSQL takes each column as one array, unnested
 * (a VALUES list of thousands of parameters is parsed and planned anew each time: a quarter
 * slower, measured); SQLite takes multi-row inserts of POSTING_CHUNK rows.
 */
async function insertPostingColumns(db: SearchExecutor, terms: readonly string[], documentIds: readonly number[], weights: readonly number[]): Promise<void> {
  if (dialectOf(db) === 'postgresql') {
    for (let i = 0; i < terms.length; i += POSTING_ARRAY_CHUNK) {
      const end = i + POSTING_ARRAY_CHUNK
      await sql`insert into search_postings (term, document_id, weight) select * from unnest(${terms.slice(i, end)}::text[], ${documentIds.slice(i, end)}::bigint[], ${weights.slice(i, end)}::integer[])`.execute(db)
    }
    return
  }
  for (let i = 0; i < terms.length; i += POSTING_CHUNK) {
    const count = Math.min(POSTING_CHUNK, terms.length - i)
    // The parameters of a multi-row insert are the rows' values in order, column by column.
    const parameters: (string | number)[] = []
    for (let k = i; k < i + count; k++) parameters.push(terms[k]!, documentIds[k]!, weights[k]!)
    if (count < POSTING_CHUNK || fullInsertSql === null) {
      const rows = []
      for (let k = i; k < i + count; k++) rows.push({ term: terms[k]!, document_id: documentIds[k]!, weight: weights[k]! })
      const compiled = db.insertInto('search_postings').values(rows).compile()
      if (count === POSTING_CHUNK) {
        if (compiled.parameters.some((p, k) => p !== parameters[k])) throw new Error('insertPostingColumns: unexpected parameter order')
        fullInsertSql = compiled.sql
      }
      await db.executeQuery(compiled)
      continue
    }
    await db.executeQuery(CompiledQuery.raw(fullInsertSql, parameters))
  }
}

/** Inserts postings given as rows. */
async function insertPostings(db: SearchExecutor, rows: readonly { term: string; document_id: number; weight: number }[]): Promise<void> {
  await insertPostingColumns(
    db,
    rows.map((r) => r.term),
    rows.map((r) => r.document_id),
    rows.map((r) => r.weight),
  )
}

/**
 * Postings of many documents, kept in compact arrays until they are written in the order of the
 * term indexes: each insert then lands beside the previous one instead of on a page anywhere in
 * those indexes.
 */
class PostingBuffer {
  private readonly termIds = new Map<string, number>()
  private readonly terms: string[] = []
  private termOf = new Uint32Array(1 << 16)
  private documentOf = new Uint32Array(1 << 16)
  private weightOf = new Uint16Array(1 << 16)
  /** How many postings are waiting. */
  length = 0

  /** Keeps the postings of one document. */
  add(documentId: number, title: string, body: string): void {
    for (const [term, weight] of termWeights(title, body)) {
      let id = this.termIds.get(term)
      if (id === undefined) {
        id = this.terms.length
        this.terms.push(term)
        this.termIds.set(term, id)
      }
      if (this.length === this.termOf.length) this.grow()
      this.termOf[this.length] = id
      this.documentOf[this.length] = documentId
      this.weightOf[this.length] = weight
      this.length += 1
    }
  }

  private grow(): void {
    const size = this.termOf.length * 2
    const termOf = new Uint32Array(size)
    termOf.set(this.termOf)
    const documentOf = new Uint32Array(size)
    documentOf.set(this.documentOf)
    const weightOf = new Uint16Array(size)
    weightOf.set(this.weightOf)
    this.termOf = termOf
    this.documentOf = documentOf
    this.weightOf = weightOf
  }

  /** Writes every waiting posting by term (then as added), and empties the buffer. */
  async write(db: SearchExecutor): Promise<void> {
    // A counting sort on the terms' ranks: linear, and it keeps the order postings were added in.
    const byName = this.terms.map((_, id) => id).sort((a, b) => (this.terms[a]! < this.terms[b]! ? -1 : 1))
    const starts = new Uint32Array(this.terms.length + 1)
    const rankOf = new Uint32Array(this.terms.length)
    byName.forEach((id, rank) => (rankOf[id] = rank))
    for (let i = 0; i < this.length; i++) starts[rankOf[this.termOf[i]!]! + 1]! += 1
    for (let rank = 0; rank < this.terms.length; rank++) starts[rank + 1]! += starts[rank]!
    const order = new Uint32Array(this.length)
    for (let i = 0; i < this.length; i++) order[starts[rankOf[this.termOf[i]!]!]!++] = i
    const terms: string[] = new Array(this.length)
    const documentIds: number[] = new Array(this.length)
    const weights: number[] = new Array(this.length)
    for (let k = 0; k < this.length; k++) {
      const i = order[k]!
      terms[k] = this.terms[this.termOf[i]!]!
      documentIds[k] = this.documentOf[i]!
      weights[k] = this.weightOf[i]!
    }
    await insertPostingColumns(db, terms, documentIds, weights)
    this.length = 0
  }
}

/** Inserts documents that are not in the index yet and gives their ids, in their order. */
async function insertDocuments(db: SearchExecutor, columns: readonly ReturnType<typeof documentColumns>[]): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < columns.length; i += DOCUMENT_CHUNK) {
    const chunk = columns.slice(i, i + DOCUMENT_CHUNK)
    await db.insertInto('search_documents').values(chunk).execute()
    // Engines do not promise the order of RETURNING rows of a multi-row insert: read the ids back by key.
    const idByKey = new Map<string, number>()
    for (const type of new Set(chunk.map((c) => c.doc_type))) {
      const keys = chunk.filter((c) => c.doc_type === type).map((c) => c.doc_key)
      const rows = await db.selectFrom('search_documents').select(['id', 'doc_key']).where('doc_type', '=', type).where('doc_key', 'in', keys).execute()
      for (const r of rows) idByKey.set(`${type}\u0000${r.doc_key}`, Number(r.id))
    }
    for (const c of chunk) ids.push(idByKey.get(`${c.doc_type}\u0000${c.doc_key}`)!)
  }
  return ids
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
 * Adds many new documents (none of them in the index yet) with their postings, in multi-row
 * batches: the same columns and postings as indexDocument gives each. For rebuilds; call it
 * inside one transaction. Returns how many documents were indexed.
 */
export async function addDocuments(db: SearchExecutor, documents: readonly SearchDocument[], onProgress: (done: number, total: number) => void = () => {}): Promise<number> {
  const postings = new PostingBuffer()
  for (let i = 0; i < documents.length; i += DOCUMENT_CHUNK) {
    const columns = documents.slice(i, i + DOCUMENT_CHUNK).map(documentColumns)
    const ids = await insertDocuments(db, columns)
    columns.forEach((c, k) => postings.add(ids[k]!, c.title, c.body))
    if (postings.length >= POSTING_BATCH) await postings.write(db)
    onProgress(Math.min(i + DOCUMENT_CHUNK, documents.length), documents.length)
  }
  await postings.write(db)
  return documents.length
}

/**
 * Rebuilds the index of one type from the given documents: everything of the type is removed,
 * then the documents are added. Run it in one transaction, so searches see the old index or the
 * new one, never half of each. Returns how many documents were indexed.
 */
export async function replaceDocuments(trx: Transaction<Database>, type: string, documents: readonly SearchDocument[], onProgress: (done: number, total: number) => void = () => {}): Promise<number> {
  const stray = documents.find((doc) => doc.type !== type)
  if (stray) throw new TypeError(`replaceDocuments: a document of type "${stray.type}" among "${type}"`)
  const ofType = trx.selectFrom('search_documents').select('id').where('doc_type', '=', type)
  await trx.deleteFrom('search_postings').where('document_id', 'in', ofType).execute()
  await trx.deleteFrom('search_documents').where('doc_type', '=', type).execute()
  onProgress(0, documents.length)
  return addDocuments(trx, documents, onProgress)
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

/**
 * The stored words a query term stands for: the word itself, or the words a prefix begins (found
 * by skipping from word to word along the term index, one lookup each; at most MAX_PREFIX_WORDS).
 */
async function wordsOf(db: SearchExecutor, term: QueryTerm): Promise<string[]> {
  if (!term.isPrefix) return [term.text]
  const end = prefixEnd(term.text)
  // Terms are stored byte-ordered on both engines, so a prefix is a range of the primary key.
  const rows = await sql<{ term: string }>`
    with recursive words (term, n) as (
      select (select min(term) from search_postings where term >= ${term.text} and term < ${end}), 1
      union all
      select (select min(p.term) from search_postings p where p.term > words.term and p.term < ${end}), n + 1
      from words where words.term is not null and n < ${MAX_PREFIX_WORDS}
    )
    select term from words where term is not null`.execute(db)
  return rows.rows.map((r) => r.term)
}

/** A query term with the words it stands for and how many postings they have (up to a cap). */
interface TermPostings {
  readonly term: QueryTerm
  readonly words: readonly string[]
  /** Postings counted no further than one more than a query could score: exact up to there. */
  readonly postings: number
}

/** Limits a postings query to the words of a term. */
function whereWords(column: string, words: readonly string[]) {
  return words.length === 1 ? sql`${sql.ref(column)} = ${words[0]}` : sql`${sql.ref(column)} in (${sql.join(words)})`
}

/** How many postings the words of a term have, counted no further than `cap` (an index-only count). */
async function countPostings(db: SearchExecutor, words: readonly string[], cap: number): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from (select 1 as x from search_postings where ${whereWords('term', words)} limit ${cap}) as postings`.execute(db)
  return Number(rows[0]?.n ?? 0)
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

/** A candidate as the scoring query gives it: its id, the score and title count of its exact words, and each prefix's best weight (null: none of its words). */
type ScoredRow = Record<string, number | string | null>

/** How many postings of `weight` or more a word has, counted no further than `limit`. */
async function countFrom(db: SearchExecutor, word: string, weight: number, limit: number): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from (select 1 as x from search_postings where term = ${word} and weight >= ${weight} limit ${limit}) as postings`.execute(db)
  return Number(rows[0]?.n ?? 0)
}

/**
 * The postings of one word that are scored when it has more than `limit`: those in titles first,
 * then those by weight in bodies (how often the word occurs), and within a tier the newest
 * documents. A title's own weight (more for a short title) is left to the ranking: for choosing
 * what to score, a word in a title is in a title. No index orders postings by weight, and sorting
 * them all cost more than the rest of a query, so the cut is found by counting instead: each
 * count a scan of the word's postings that stops once it has counted enough, over the few tiers
 * there are (a binary search among the body weights). The postings above the cut are read by that
 * filter, and those at it in document order from the newest, as far as needed.
 */
async function bestPostings(db: SearchExecutor, word: string, limit: number) {
  const inTitles = await countFrom(db, word, TITLE_WEIGHT, limit)
  if (inTitles >= limit) {
    return sql`select document_id, weight from (select document_id, weight from search_postings where term = ${word} and weight >= ${TITLE_WEIGHT} order by document_id desc limit ${limit}) as newest`
  }
  // Body weights: `low` is reached by at least `limit` postings (weight 1: every posting); `high`
  // by `above`, fewer than `limit` (at first: the titles).
  let low = 1
  let high = TITLE_WEIGHT
  let above = inTitles
  const probe = async (weight: number) => {
    const count = await countFrom(db, word, weight, limit)
    if (count >= limit) low = weight
    else [high, above] = [weight, count]
  }
  await probe(MAX_BODY_OCCURRENCES)
  while (high - low > 1 && high <= MAX_BODY_OCCURRENCES) await probe(Math.floor((low + high) / 2))
  return sql`select document_id, weight from search_postings where term = ${word} and weight > ${low}
    union all
    select document_id, weight from (select document_id, weight from search_postings where term = ${word} and weight = ${low} order by document_id desc limit ${limit - above}) as tied`
}

/**
 * The postings a query's candidates come from: every posting of the rarest term when it has no
 * more than `limit`; else the best of them (see bestPostings), or for a prefix of several words
 * the postings of the newest documents holding each word, a share of `limit` per word. A prefix's
 * best weight among its words counts, once per document.
 */
async function sourcePostings(db: SearchExecutor, source: TermPostings, limit: number) {
  const isCapped = source.postings > limit
  if (source.words.length === 1) {
    const word = source.words[0]!
    return isCapped ? bestPostings(db, word, limit) : sql`select document_id, weight from search_postings where term = ${word}`
  }
  if (!isCapped) return sql`select document_id, max(weight) as weight from search_postings where ${whereWords('term', source.words)} group by document_id`
  const share = Math.max(1, Math.floor(limit / source.words.length))
  const newest = source.words.map((word, k) => sql`select document_id, weight from (select document_id, weight from search_postings where term = ${word} order by document_id desc limit ${share}) as ${sql.id(`newest${k}`)}`)
  return sql`select document_id, max(weight) as weight from (${sql.join(newest, sql` union all `)}) as newest group by document_id`
}

/**
 * The candidates of a query with their scores, from one query on the database: the source
 * postings (see sourcePostings) joined to each other word's posting in the same document (one
 * index lookup per candidate and word), a prefix's best weight among its words, and the type
 * filter. The query leaves out documents without an exact word; those without any of a prefix's
 * words are left out here.
 */
async function scoreCandidates(db: SearchExecutor, source: TermPostings, others: readonly TermPostings[], types: readonly string[] | null, limit: number): Promise<Candidate[]> {
  const candidates = await sourcePostings(db, source, limit)
  const exact = others.filter((o) => o.words.length === 1)
  const prefixes = others.filter((o) => o.words.length > 1)
  // CROSS JOIN keeps SQLite from reordering: candidates first, then one lookup per other word,
  // in the covering index (SQLite prefers the primary key's, then reads the row for the weight).
  const covering = dialectOf(db) === 'sqlite' ? sql` indexed by search_postings_cover_idx` : sql``
  const joins = exact.map((o, i) => sql` cross join search_postings as ${sql.id(`p${i}`)}${covering}`)
  const conditions = exact.map((o, i) => sql`${sql.ref(`p${i}.term`)} = ${o.words[0]} and ${sql.ref(`p${i}.document_id`)} = c.document_id`)
  if (types) {
    joins.push(sql` cross join search_documents as d`)
    conditions.push(sql`d.id = c.document_id and d.doc_type in (${sql.join([...types])})`)
  }
  // The exact words' weights are added up in the query, so a row carries three numbers, not one per word.
  const weights = [sql`c.weight`, ...exact.map((o, i) => sql.ref(`p${i}.weight`))]
  const columns = [
    sql`c.document_id as id`,
    sql`${sql.join(weights, sql` + `)} as score`,
    sql`${sql.join(
      weights.map((w) => sql`case when ${w} >= ${sql.lit(TITLE_WEIGHT)} then 1 else 0 end`),
      sql` + `,
    )} as titles`,
    // A prefix: the best weight among its words, one lookup per word (with the words in one IN
    // list, PostgreSQL reads every posting of the candidate through the index by document instead).
    ...prefixes.map((o, i) => {
      const lookups = o.words.map((word) => sql`select q.weight as weight from search_postings as q${covering} where q.term = ${word} and q.document_id = c.document_id`)
      return sql`(select max(weight) from (${sql.join(lookups, sql` union all `)}) as ${sql.id(`words${i}`)}) as ${sql.id(`x${i}`)}`
    }),
  ]
  const where = conditions.length > 0 ? sql` where ${sql.join(conditions, sql` and `)}` : sql``
  const scoring = sql<ScoredRow>`select ${sql.join(columns)} from (${candidates}) as c${sql.join(joins, sql``)}${where}`
  const { rows } = await scoring.execute(db)
  const prefixColumns = prefixes.map((_, i) => `x${i}`)
  const scored: Candidate[] = []
  for (const row of rows) {
    let score = Number(row.score)
    let termsInTitle = Number(row.titles)
    let isMatch = true
    for (const column of prefixColumns) {
      const value = row[column]
      if (value === null || value === undefined) {
        isMatch = false
        break
      }
      const weight = Number(value)
      score += weight
      if (weight >= TITLE_WEIGHT) termsInTitle += 1
    }
    if (isMatch) scored.push({ id: Number(row.id), score, termsInTitle })
  }
  return scored
}

/** Runs a query on ids in chunks and gathers the rows. */
async function inChunks<Row>(ids: readonly number[], query: (chunk: number[]) => Promise<Row[]>): Promise<Row[]> {
  const rows: Row[] = []
  for (let i = 0; i < ids.length; i += ID_CHUNK) rows.push(...(await query(ids.slice(i, i + ID_CHUNK))))
  return rows
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

// Titles read at a time while looking for the phrase, best candidates first.
const PHRASE_CHUNK = 200

/**
 * Adds PHRASE_BONUS to the candidates whose title holds the query as a phrase, as far as it can
 * change the first `ranks` places: only a title with every term in it can hold the phrase, and
 * those are read best first, until the next one could not reach those places even with the bonus.
 * With one term, holding the term is holding the phrase, and the weights already say which titles do.
 */
async function addPhraseBonus(db: SearchExecutor, candidates: readonly Candidate[], parsed: ParsedQuery, ranks: number): Promise<void> {
  const termCount = parsed.terms.length
  const eligible = candidates.filter((c) => c.termsInTitle === termCount)
  if (parsed.phrase.length === 1) {
    for (const c of eligible) c.score += PHRASE_BONUS
    return
  }
  if (eligible.length === 0) return
  eligible.sort((a, b) => b.score - a.score || a.id - b.id)
  // Scores are small whole numbers: a count per score tells the ranks-th best at once. Every score
  // is a lower bound of the final one (the bonus only adds), so a candidate whose score with the
  // bonus stays below the ranks-th best stays outside those places, phrase or not, and whether it
  // has the phrase changes no one's rank there.
  const perScore: number[] = []
  for (const c of candidates) perScore[c.score] = (perScore[c.score] ?? 0) + 1
  const lowestPlaced = () => {
    let placed = 0
    for (let score = perScore.length - 1; score >= 0; score--) {
      placed += perScore[score] ?? 0
      if (placed >= ranks) return score
    }
    return -Infinity
  }
  for (let i = 0; i < eligible.length; i += PHRASE_CHUNK) {
    const bar = lowestPlaced()
    const chunk = eligible.slice(i, i + PHRASE_CHUNK).filter((c) => c.score + PHRASE_BONUS >= bar)
    if (chunk.length === 0) break
    const byId = new Map(chunk.map((c) => [c.id, c]))
    const titles = await db.selectFrom('search_documents').select(['id', 'title']).where('id', 'in', [...byId.keys()]).execute()
    for (const row of titles) {
      if (!hasPhrase(row.title, parsed.phrase)) continue
      const c = byId.get(Number(row.id))!
      perScore[c.score] = perScore[c.score]! - 1
      c.score += PHRASE_BONUS
      perScore[c.score] = (perScore[c.score] ?? 0) + 1
    }
  }
}

/** How many postings of the rarest term a query scores, given how many lookups each candidate needs. */
function scoredAtMost(lookups: number): number {
  return Math.min(SCORE_CAP, Math.max(MIN_SCORED, Math.floor(LOOKUP_BUDGET / Math.max(lookups, 1))))
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

  const types = typesOf(query.type)
  // In parallel on PostgreSQL; one after the other on SQLite's single connection.
  const words = await Promise.all(parsed.terms.map((term) => wordsOf(db, term)))
  if (words.some((w) => w.length === 0)) return { total: 0, results: [], isTooShort: false }
  // Postings are counted only as far as the most that could be scored: enough to tell the rarest term.
  const allWords = words.reduce((sum, w) => sum + w.length, 0) + (types ? 1 : 0)
  const countCap = scoredAtMost(allWords - Math.max(...words.map((w) => w.length))) + 1
  const terms = await Promise.all(parsed.terms.map(async (term, i): Promise<TermPostings> => ({ term, words: words[i]!, postings: await countPostings(db, words[i]!, countCap) })))
  if (terms.some((t) => t.postings === 0)) return { total: 0, results: [], isTooShort: false }
  // The rarest term gives the candidates (a single word before a prefix of several, then by text,
  // so that both engines choose alike); every other term is looked up for each of them.
  terms.sort((a, b) => a.postings - b.postings || a.words.length - b.words.length || (a.term.text < b.term.text ? -1 : a.term.text > b.term.text ? 1 : 0))
  const [source, ...others] = terms as [TermPostings, ...TermPostings[]]
  const candidates = await scoreCandidates(db, source, others, types, scoredAtMost(allWords - source.words.length))

  const from = (page - 1) * pageSize
  const to = page * pageSize
  await addPhraseBonus(db, candidates, parsed, to)
  const shown = await rankedSlice(db, candidates, from, to)
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
  return { total: candidates.length, results, isTooShort: false }
}
