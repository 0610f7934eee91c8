/**
 * The text side of site search, pure: folding (Vietnamese without diacritics), tokens with their
 * offsets, queries, term weights and snippets with highlights.
 *
 * Folding works one code point at a time and keeps the length of the text in UTF-16 units, so an
 * offset in the folded text is the same offset in the (NFC) original: a match found in folded text
 * is highlighted exactly in the text as written.
 */

/** Longest term kept; longer words (codes, addresses) are cut to this, in documents and queries alike. */
export const MAX_TERM_LENGTH = 40
/** Most terms a query is searched for; further words are ignored. */
export const MAX_QUERY_TERMS = 8
/** Longest query read, in characters; the rest is ignored. */
export const MAX_QUERY_LENGTH = 200
/** The last word of a query also matches as a prefix once it has this many characters. */
export const MIN_PREFIX_LENGTH = 2
/** A query needs this many letters or digits in all (one letter finds everything and means nothing). */
export const MIN_QUERY_CHARACTERS = 2

/** Weight of a word in the title, at least; the body part of a weight stays below it. */
export const TITLE_WEIGHT = 10
/** Extra weight of a word in a short title (a title of a few words is about them), less by one per four words. */
export const SHORT_TITLE_BONUS = 5
/** Occurrences in the body that count; below TITLE_WEIGHT, so any title match outweighs the body. */
export const MAX_BODY_OCCURRENCES = 5
/** Added to the score when the title holds the whole query as a phrase. */
export const PHRASE_BONUS = 20

const SEPARATOR = ' '
const WORD_CHARACTER = /^[\p{L}\p{N}]$/u
// Every code point but those that are their own folded form (a lone surrogate counts as one, as in for…of).
const NOT_FOLDED_ALREADY = /[^a-z0-9 ]/gu
// Folded forms of characters already seen: text is mostly a small alphabet.
const foldedCharacters = new Map<string, string>()

/** The folded form of one code point: a lower-case base letter or digit, or separators of the same length. */
function foldCodePoint(character: string): string {
  const known = foldedCharacters.get(character)
  if (known !== undefined) return known
  let folded: string
  if (character === 'đ' || character === 'Đ') {
    folded = 'd'
  } else {
    // NFD splits a Vietnamese letter into its base and its marks (ư → u + horn, ệ → e + dot + circumflex).
    const base = character.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    if (base.length === character.length && WORD_CHARACTER.test(base)) folded = base
    else if (WORD_CHARACTER.test(character)) folded = character
    else folded = SEPARATOR.repeat(character.length)
  }
  if (foldedCharacters.size < 4096) foldedCharacters.set(character, folded)
  return folded
}

/**
 * Folds text for search: lower case, Vietnamese diacritics stripped to the base letter, đ/Đ → d,
 * and a space for every other character that is not a letter or a digit. The result has the same
 * length as the text, so offsets carry over; pass NFC text (see normalizeText).
 */
export function fold(text: string): string {
  // Lower-case ASCII letters, digits and spaces fold to themselves: only the rest is looked at.
  return text.replace(NOT_FOLDED_ALREADY, foldCodePoint)
}

/** The form in which text is stored and searched: NFC, whitespace runs as one space, trimmed. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim()
}

/** A word of a text: its folded term and where it stands in the text (UTF-16 offsets, end excluded). */
export interface Token {
  readonly term: string
  readonly start: number
  readonly end: number
}

/** The words of a text (NFC), folded, with their offsets in the text. */
export function tokenize(text: string): Token[] {
  const folded = fold(text)
  const tokens: Token[] = []
  const words = /[^ ]+/g
  for (let match = words.exec(folded); match !== null; match = words.exec(folded)) {
    tokens.push({ term: match[0].slice(0, MAX_TERM_LENGTH), start: match.index, end: match.index + match[0].length })
  }
  return tokens
}

/** A term of a query; the last one may also match longer words that start with it. */
export interface QueryTerm {
  readonly text: string
  readonly isPrefix: boolean
}

/** A query as the index reads it. */
export interface ParsedQuery {
  /** The distinct terms a document must all contain (AND). */
  readonly terms: readonly QueryTerm[]
  /** Every term in the order typed, for the phrase bonus. */
  readonly phrase: readonly QueryTerm[]
  /** Whether the query has too few letters or digits to search for. */
  readonly isTooShort: boolean
}

/**
 * Reads a query: its folded terms, the last one also as a prefix while it is being typed (when the
 * query does not end with a space or punctuation, and the word has MIN_PREFIX_LENGTH characters).
 */
export function parseQuery(q: string): ParsedQuery {
  const text = q.normalize('NFC').slice(0, MAX_QUERY_LENGTH)
  const tokens = tokenize(text).slice(0, MAX_QUERY_TERMS)
  const characters = tokens.reduce((sum, t) => sum + t.term.length, 0)
  if (tokens.length === 0 || characters < MIN_QUERY_CHARACTERS) return { terms: [], phrase: [], isTooShort: true }
  const last = tokens[tokens.length - 1]!
  const isStillTyping = last.end === text.length && last.term.length >= MIN_PREFIX_LENGTH && last.term.length < MAX_TERM_LENGTH
  const phrase = tokens.map((t, i) => ({ text: t.term, isPrefix: isStillTyping && i === tokens.length - 1 }))
  const exact = new Set(phrase.filter((t) => !t.isPrefix).map((t) => t.text))
  const terms: QueryTerm[] = [...exact].map((text) => ({ text, isPrefix: false }))
  // An exact term already demands what its own prefix would.
  const prefix = phrase.find((t) => t.isPrefix)
  if (prefix && !exact.has(prefix.text)) terms.push(prefix)
  return { terms, phrase, isTooShort: false }
}

/** Whether a word's term matches a query term. */
export function matchesTerm(term: string, queryTerm: QueryTerm): boolean {
  return queryTerm.isPrefix ? term.startsWith(queryTerm.text) : term === queryTerm.text
}

/**
 * The weight of each distinct term of a document: for a word of the title, TITLE_WEIGHT and up to
 * SHORT_TITLE_BONUS more the shorter the title (a title repeating a word is not more about it),
 * plus one per occurrence in the body up to MAX_BODY_OCCURRENCES. Integers, so every database adds
 * them up the same way; a weight of TITLE_WEIGHT or more means "in the title".
 */
export function termWeights(title: string, body: string): Map<string, number> {
  const titleTokens = tokenize(title)
  const titleWeight = TITLE_WEIGHT + Math.max(0, SHORT_TITLE_BONUS - Math.floor(titleTokens.length / 4))
  const inTitle = new Set(titleTokens.map((t) => t.term))
  const inBody = new Map<string, number>()
  for (const t of tokenize(body)) inBody.set(t.term, (inBody.get(t.term) ?? 0) + 1)
  const weights = new Map<string, number>()
  for (const term of new Set([...inTitle, ...inBody.keys()])) {
    weights.set(term, (inTitle.has(term) ? titleWeight : 0) + Math.min(inBody.get(term) ?? 0, MAX_BODY_OCCURRENCES))
  }
  return weights
}

/** Where the query's words first stand one after the other in the order typed, or -1. */
function phraseIndex(tokens: readonly Token[], phrase: readonly QueryTerm[]): number {
  if (phrase.length === 0) return -1
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (phrase.every((p, j) => matchesTerm(tokens[i + j]!.term, p))) return i
  }
  return -1
}

/** Whether a title holds the query's words one after the other, in the order typed. */
export function hasPhrase(title: string, phrase: readonly QueryTerm[]): boolean {
  return phraseIndex(tokenize(title), phrase) >= 0
}

/** A highlighted stretch of text: [start, end) in UTF-16 offsets. */
export type Highlight = readonly [number, number]

/** Where the query's terms stand in a text (NFC): whole words, in order. */
export function highlightsIn(text: string, terms: readonly QueryTerm[]): Highlight[] {
  return tokenize(text)
    .filter((t) => terms.some((q) => matchesTerm(t.term, q)))
    .map((t) => [t.start, t.end] as const)
}

/** An excerpt of a text with the query's words marked in it. */
export interface Snippet {
  readonly text: string
  /** Offsets into `text`. */
  readonly highlights: readonly Highlight[]
}

/** Characters shown before the first match, so it is read in context. */
const CONTEXT_BEFORE = 60
const ELLIPSIS = '…'

/**
 * About `length` characters of a text (NFC) around the query: where its words first stand as a
 * phrase, else around the first word that matches; cut at word boundaries, with "…" where text was
 * left out and the matches marked (offsets into the snippet). Without a match, the start of the text.
 */
export function makeSnippet(text: string, query: Pick<ParsedQuery, 'terms' | 'phrase'>, length = 200): Snippet {
  const { terms } = query
  const tokens = tokenize(text)
  if (tokens.length === 0) return { text: '', highlights: [] }
  const first = tokens[phraseIndex(tokens, query.phrase)] ?? tokens.find((t) => terms.some((q) => matchesTerm(t.term, q)))
  let from = first ? Math.max(0, first.start - CONTEXT_BEFORE) : 0
  let to = Math.min(text.length, from + length)
  // Near the end of the text, show more of what comes before instead of a short snippet.
  if (to - from < length) from = Math.max(0, to - length)
  // Start on the first word that begins inside the window (never after the match) …
  const firstShown = tokens.find((t) => t.start >= from) ?? tokens[0]!
  from = first ? Math.min(firstShown.start, first.start) : firstShown.start
  // … and end with the last word that ends inside it (never before the match).
  const lastShown = [...tokens].reverse().find((t) => t.end <= to && t.start >= from)
  to = Math.max(lastShown?.end ?? from, first?.end ?? from)
  if (to <= from) to = Math.min(text.length, from + length)
  // Only punctuation left before or after (a full stop, an opening quote): show it rather than "…".
  if (!tokens.some((t) => t.end > to)) to = text.length
  if (!tokens.some((t) => t.start < from)) from = 0
  // A word longer than the window: cut it, but never inside a surrogate pair.
  if (to < text.length && /[\uDC00-\uDFFF]/.test(text[to] ?? '')) to -= 1
  const before = from > 0 ? ELLIPSIS : ''
  const after = to < text.length ? ELLIPSIS : ''
  const shift = before.length - from
  const highlights = tokens
    .filter((t) => t.start >= from && t.end <= to && terms.some((q) => matchesTerm(t.term, q)))
    .map((t) => [t.start + shift, t.end + shift] as const)
  return { text: `${before}${text.slice(from, to)}${after}`, highlights }
}
