/**
 * Readers' comments on articles, as pure rules: what a comment may hold (full name, an email that
 * is never shown, plain text within a length), the moderation states and the actions between
 * them, the Vietnamese word filter moderators keep, and when a trusted commenter's comment goes
 * out at once. Comments are held for moderation unless a setting says otherwise; staff replies are
 * the authority's official answers and go out at once.
 */
import type { Principal } from '../../platform/auth/principal.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { fold, normalizeText, tokenize } from '../../platform/search/search.ts'
import { hasRoleOn } from '../units/index.ts'
import { NEWS_ROLES } from './news.policy.ts'

/** Where a comment stands: held, shown, turned down, or junk. */
export const COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const
/** One of COMMENT_STATUSES. */
export type CommentStatus = (typeof COMMENT_STATUSES)[number]

/** Whether a value is a comment status. */
export function isCommentStatus(value: unknown): value is CommentStatus {
  return typeof value === 'string' && (COMMENT_STATUSES as readonly string[]).includes(value)
}

/** What a moderator does to a comment. */
export const MODERATION_ACTIONS = ['approve', 'reject', 'spam'] as const
/** One of MODERATION_ACTIONS. */
export type ModerationAction = (typeof MODERATION_ACTIONS)[number]

/** Whether a value is a moderation action. */
export function isModerationAction(value: unknown): value is ModerationAction {
  return typeof value === 'string' && (MODERATION_ACTIONS as readonly string[]).includes(value)
}

const TARGET_OF: Readonly<Record<ModerationAction, CommentStatus>> = { approve: 'approved', reject: 'rejected', spam: 'spam' }

/**
 * The status after an action, or null when the comment is already there. Every decision can be
 * revised (a comment taken down, spam found to be a real comment), so only a repeat is refused.
 */
export function nextCommentStatus(current: CommentStatus, action: ModerationAction): CommentStatus | null {
  const target = TARGET_OF[action]
  return target === current ? null : target
}

/** Lengths a comment must keep to, in characters. */
export const COMMENT_LIMITS = Object.freeze({ name: 100, email: 254, body: 2000 })

/** A comment as the reader typed it. */
export interface CommentInput {
  readonly authorName: string
  readonly email: string
  readonly body: string
}

/** A comment checked and tidied: what is stored. */
export interface CheckedComment {
  readonly authorName: string
  /** Lower case, so a trusted commenter is recognised however they type it. */
  readonly email: string
  readonly body: string
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
// Control characters other than the line break: they have no place in plain text.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g

/** A name tidied: NFC, one space between words. */
export function tidyName(text: string): string {
  return normalizeText(text.replace(CONTROL_CHARACTERS, ' '))
}

/**
 * Plain text tidied: NFC, line breaks kept (at most one empty line in a row), no control or
 * direction characters, no spaces at the ends of lines.
 */
export function tidyBody(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL_CHARACTERS, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** Checks a reader's comment; every problem at once, by field (authorName, email, body). */
export function checkComment(input: CommentInput): { comment: CheckedComment; fields: FieldErrors } {
  const fields: FieldErrors = {}
  const authorName = tidyName(input.authorName)
  if (authorName === '') fields.authorName = 'comments.errors.nameRequired'
  else if (authorName.length > COMMENT_LIMITS.name) fields.authorName = 'comments.errors.nameTooLong'
  const email = input.email.trim().toLowerCase()
  if (email === '') fields.email = 'comments.errors.emailRequired'
  else if (email.length > COMMENT_LIMITS.email || !EMAIL_PATTERN.test(email)) fields.email = 'comments.errors.emailInvalid'
  const body = tidyBody(input.body)
  const bodyError = checkBody(body)
  if (bodyError) fields.body = bodyError
  return { comment: { authorName, email, body }, fields }
}

/** The problem with a (tidied) comment or reply text, or null. */
export function checkBody(body: string): string | null {
  if (body === '') return 'comments.errors.bodyRequired'
  if (body.length > COMMENT_LIMITS.body) return 'comments.errors.bodyTooLong'
  return null
}

// ---------------------------------------------------------------------------------------------
// The word filter

/** Most entries in the word filter, and the longest one. */
export const WORD_FILTER_LIMITS = Object.freeze({ entries: 500, entryLength: 60 })

/**
 * The filter a deployment starts with, until moderators change it: common Vietnamese insults and
 * the usual gambling and loan spam. Written with diacritics where the plain form is an ordinary
 * word too, so "đéo" does not catch "đeo".
 */
export const DEFAULT_WORD_FILTER: readonly string[] = Object.freeze([
  'đồ ngu',
  'ngu si',
  'mẹ mày',
  'đm',
  'đmm',
  'dcm',
  'vcl',
  'vkl',
  'đéo',
  'địt',
  'cá độ',
  'lô đề',
  'vay tiền nhanh',
  'casino',
])

/** A word of a text: its folded term and how it is written (lower case, with its marks). */
interface FilterWord {
  readonly term: string
  readonly written: string
}

/** The words of a text, folded and as written. */
function wordsOf(text: string): FilterWord[] {
  const normalized = text.normalize('NFC')
  return tokenize(normalized).map((t) => ({ term: t.term, written: normalized.slice(t.start, t.end).toLocaleLowerCase('vi') }))
}

/** Whether a word carries Vietnamese marks (or đ): folding changes it. */
function hasMarks(word: FilterWord): boolean {
  return fold(word.written) !== word.written
}

/**
 * Whether a word of a comment is a word of the filter. The match is on folded text, so "dit" and
 * "ĐỊT" both match "địt"; but when both are written with marks and the marks differ, they are
 * different Vietnamese words ("đít" is not "địt", "đi" is not "đĩ") and do not match.
 */
function isSameWord(written: FilterWord, entry: FilterWord): boolean {
  if (written.term !== entry.term) return false
  return written.written === entry.written || !hasMarks(written) || !hasMarks(entry)
}

/** The filter as typed (one entry a line, or separated by commas): tidied, without repeats, in the order given. */
export function parseWordFilter(text: string | readonly string[]): string[] {
  const lines = typeof text === 'string' ? text.split(/[\n,;]/) : text
  const seen = new Set<string>()
  const entries: string[] = []
  for (const line of lines) {
    const entry = normalizeText(line).toLocaleLowerCase('vi')
    if (entry === '' || wordsOf(entry).length === 0 || seen.has(entry)) continue
    seen.add(entry)
    entries.push(entry)
  }
  return entries
}

/** The problem with a parsed filter, or null. */
export function checkWordFilter(entries: readonly string[]): string | null {
  if (entries.length > WORD_FILTER_LIMITS.entries) return 'comments.errors.filterTooLong'
  if (entries.some((e) => e.length > WORD_FILTER_LIMITS.entryLength)) return 'comments.errors.filterEntryTooLong'
  return null
}

/**
 * The entries of the filter found in a text as whole words (an entry of several words as those
 * words one after the other), in the filter's order.
 */
export function findFlaggedWords(text: string, filter: readonly string[]): string[] {
  const words = wordsOf(text)
  if (words.length === 0) return []
  return filter.filter((entry) => {
    const wanted = wordsOf(entry)
    if (wanted.length === 0) return false
    for (let i = 0; i + wanted.length <= words.length; i++) {
      if (wanted.every((w, k) => isSameWord(words[i + k]!, w))) return true
    }
    return false
  })
}

// ---------------------------------------------------------------------------------------------
// Trusted commenters

/** Whether comments of commenters with enough approved comments go out at once. */
export interface TrustedPublishSetting {
  readonly isEnabled: boolean
  /** Approved comments an email must already have. */
  readonly minApproved: number
}

/** Off by default: every comment waits for a moderator. */
export const DEFAULT_TRUSTED_PUBLISH: TrustedPublishSetting = Object.freeze({ isEnabled: false, minApproved: 3 })

/** The range of minApproved. */
export const MIN_APPROVED_RANGE = Object.freeze({ min: 1, max: 100 })

/** Checks a trusted-publish setting as given (a number or its text); the setting or field errors. */
export function checkTrustedPublish(input: { isEnabled: unknown; minApproved: unknown }): { setting: TrustedPublishSetting; fields: FieldErrors } {
  const fields: FieldErrors = {}
  const raw = typeof input.minApproved === 'string' ? input.minApproved.trim() : input.minApproved
  const minApproved = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN
  if (!Number.isInteger(minApproved) || minApproved < MIN_APPROVED_RANGE.min || minApproved > MIN_APPROVED_RANGE.max) fields.minApproved = 'comments.errors.minApproved'
  return { setting: { isEnabled: input.isEnabled === true, minApproved: Number.isInteger(minApproved) ? minApproved : DEFAULT_TRUSTED_PUBLISH.minApproved }, fields }
}

/**
 * The status a new comment starts in: approved at once only when the setting is on, nothing in it
 * was caught by the word filter, and its email already has enough approved comments.
 */
export function initialStatus(input: { trusted: TrustedPublishSetting; flaggedWords: readonly string[]; approvedByEmail: number }): CommentStatus {
  const isTrusted = input.trusted.isEnabled && input.flaggedWords.length === 0 && input.approvedByEmail >= input.trusted.minApproved
  return isTrusted ? 'approved' : 'pending'
}

// ---------------------------------------------------------------------------------------------
// Who moderates

/** Whether the principal moderates the comments of articles of the unit at this path: its news editors. */
export function canModerateComments(principal: Principal | null, unitPath: string): boolean {
  return hasRoleOn(principal, NEWS_ROLES, unitPath)
}
