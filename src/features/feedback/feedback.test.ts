import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  ALL_ACTIONS,
  allowedActions,
  FEEDBACK_CATEGORIES,
  FEEDBACK_STATUSES,
  foldText,
  formatTrackingCode,
  isOverdue,
  isPubliclyVisible,
  maskEmail,
  maskPhoneDigits,
  open311Status,
  refusalOf,
  reopenDeadline,
  SIMILARITY_THRESHOLD,
  similarity,
  timelinessOf,
  TRACKING_CODE_PATTERN,
  transition,
  vietnamDayOf,
} from './feedback.ts'
import type { FeedbackState, FeedbackStatus, ResidentAction, StaffAction } from './feedback.ts'

const NOW = new Date('2026-03-10T03:00:00Z')
const HOUR = 3_600_000
const DAY = 24 * HOUR

// The expected table, written out by hand: for each action, the statuses it is allowed from and
// the status it leads to ('same' keeps the status).
const EXPECTED: Record<StaffAction | ResidentAction, { from: FeedbackStatus[]; to: FeedbackStatus | 'same' }> = {
  accept: { from: ['new'], to: 'accepted' },
  reject: { from: ['new', 'accepted'], to: 'rejected' },
  mark_duplicate: { from: ['new', 'accepted', 'assigned'], to: 'duplicate' },
  assign: { from: ['accepted', 'assigned'], to: 'assigned' },
  note: { from: ['new', 'accepted', 'assigned', 'answered'], to: 'same' },
  answer: { from: ['accepted', 'assigned'], to: 'answered' },
  publish: { from: ['answered', 'closed'], to: 'same' },
  unpublish: { from: ['answered', 'closed'], to: 'same' },
  close: { from: ['answered'], to: 'closed' },
  decide_letter: { from: ['accepted', 'assigned', 'answered', 'closed'], to: 'same' },
  rate: { from: ['answered', 'closed'], to: 'same' },
  reopen: { from: ['answered', 'closed'], to: 'assigned' },
}

/**
 * A state in which only the status can stand in the way of the action: a public report for most
 * actions, a letter for decide_letter, published for unpublish, answered a day ago and rated 1
 * for reopen, answered and not yet rated for rate.
 */
function readyFor(action: StaffAction | ResidentAction, status: FeedbackStatus): FeedbackState {
  const answeredAt = new Date(NOW.getTime() - DAY)
  return {
    status,
    kind: action === 'decide_letter' ? 'letter' : 'report',
    wantsPublic: true,
    isPublished: action === 'unpublish',
    upheld: null,
    answeredAt,
    residentRating: action === 'reopen' ? 1 : null,
    ratedAt: action === 'reopen' ? new Date(answeredAt.getTime() + HOUR) : null,
    reopenCount: 0,
  }
}

const contextFor = (action: StaffAction | ResidentAction) => ({ now: NOW, ...(action === 'rate' ? { rating: 4 } : {}), ...(action === 'decide_letter' ? { upheld: true } : {}) })

describe('feedback state machine, every action from every status', () => {
  for (const status of FEEDBACK_STATUSES) {
    for (const action of ALL_ACTIONS) {
      const rule = EXPECTED[action]
      const isAllowed = rule.from.includes(status)
      it(`${isAllowed ? 'allows' : 'refuses'} ${action} from ${status}`, () => {
        const result = transition(readyFor(action, status), action, contextFor(action))
        if (!isAllowed) {
          assert.deepEqual(result, { ok: false, reason: 'feedback.errors.notAllowedNow' })
          return
        }
        assert.equal(result.ok, true)
        if (result.ok) assert.equal(result.state.status, rule.to === 'same' ? status : rule.to)
      })
    }
  }

  it('leaves staff nothing to do on a rejected or duplicate item', () => {
    assert.deepEqual(allowedActions(readyFor('accept', 'rejected'), NOW), [])
    assert.deepEqual(allowedActions(readyFor('accept', 'duplicate'), NOW), [])
  })

  it('offers triage on a new item and answering on an assigned one', () => {
    assert.deepEqual(allowedActions(readyFor('accept', 'new'), NOW), ['accept', 'reject', 'mark_duplicate', 'note'])
    assert.deepEqual(allowedActions(readyFor('accept', 'assigned'), NOW), ['mark_duplicate', 'assign', 'note', 'answer'])
  })
})

describe('what each transition changes besides the status', () => {
  it('stamps the answer with the instant', () => {
    const result = transition({ ...readyFor('answer', 'assigned'), answeredAt: null }, 'answer', { now: NOW })
    assert.ok(result.ok && result.state.answeredAt?.getTime() === NOW.getTime())
  })

  it('publishes and unpublishes', () => {
    const published = transition(readyFor('publish', 'answered'), 'publish', { now: NOW })
    assert.ok(published.ok && published.state.isPublished)
    const unpublished = transition(readyFor('unpublish', 'closed'), 'unpublish', { now: NOW })
    assert.ok(unpublished.ok && !unpublished.state.isPublished)
  })

  it('records the rating and its instant, and the letter decision', () => {
    const rated = transition(readyFor('rate', 'answered'), 'rate', { now: NOW, rating: 2 })
    assert.ok(rated.ok && rated.state.residentRating === 2 && rated.state.ratedAt?.getTime() === NOW.getTime())
    const decided = transition(readyFor('decide_letter', 'accepted'), 'decide_letter', { now: NOW, upheld: false })
    assert.ok(decided.ok && decided.state.upheld === false)
  })

  it('counts the reopen and takes the item off the public list', () => {
    const result = transition({ ...readyFor('reopen', 'answered'), isPublished: true }, 'reopen', { now: NOW })
    assert.ok(result.ok)
    if (result.ok) assert.deepEqual([result.state.status, result.state.reopenCount, result.state.isPublished], ['assigned', 1, false])
  })

  it('refuses a rating outside 1–5 and a decision without a verdict', () => {
    for (const rating of [0, 6, 2.5, Number.NaN]) assert.deepEqual(transition(readyFor('rate', 'answered'), 'rate', { now: NOW, rating }), { ok: false, reason: 'feedback.errors.rating' })
    assert.deepEqual(transition(readyFor('decide_letter', 'assigned'), 'decide_letter', { now: NOW }), { ok: false, reason: 'feedback.errors.upheld' })
  })
})

describe('rules beyond the status', () => {
  it('never publishes letters, complaints or denunciations, nor what the sender kept private', () => {
    for (const kind of ['letter', 'complaint', 'denunciation'] as const) {
      assert.equal(refusalOf({ ...readyFor('publish', 'answered'), kind }, 'publish', NOW), 'feedback.errors.neverPublic')
    }
    assert.equal(refusalOf({ ...readyFor('publish', 'answered'), kind: 'petition' }, 'publish', NOW), null)
    assert.equal(refusalOf({ ...readyFor('publish', 'answered'), wantsPublic: false }, 'publish', NOW), 'feedback.errors.notWantedPublic')
    assert.equal(refusalOf({ ...readyFor('publish', 'answered'), isPublished: true }, 'publish', NOW), 'feedback.errors.alreadyPublished')
    assert.equal(refusalOf({ ...readyFor('unpublish', 'answered'), isPublished: false }, 'unpublish', NOW), 'feedback.errors.notPublished')
  })

  it('decides only letters, and only once', () => {
    assert.equal(refusalOf({ ...readyFor('decide_letter', 'accepted'), kind: 'report' }, 'decide_letter', NOW), 'feedback.errors.lettersOnly')
    assert.equal(refusalOf({ ...readyFor('decide_letter', 'accepted'), upheld: false }, 'decide_letter', NOW), 'feedback.errors.alreadyDecided')
  })

  it('takes one rating per answer; a new answer may be rated again', () => {
    const rated = { ...readyFor('rate', 'answered'), residentRating: 3, ratedAt: NOW }
    assert.equal(refusalOf(rated, 'rate', NOW), 'feedback.errors.alreadyRated')
    assert.equal(refusalOf({ ...rated, answeredAt: new Date(NOW.getTime() + HOUR) }, 'rate', NOW), null)
    assert.equal(refusalOf({ ...readyFor('rate', 'closed'), answeredAt: null }, 'rate', NOW), 'feedback.errors.notAllowedNow')
  })

  it('reopens once, only after a rating of 1 or 2, within 7 days of the answer', () => {
    const ready = readyFor('reopen', 'answered')
    assert.equal(refusalOf(ready, 'reopen', NOW), null)
    assert.equal(refusalOf({ ...ready, reopenCount: 1 }, 'reopen', NOW), 'feedback.errors.reopenOnce')
    assert.equal(refusalOf({ ...ready, residentRating: 2 }, 'reopen', NOW), null)
    assert.equal(refusalOf({ ...ready, residentRating: 3 }, 'reopen', NOW), 'feedback.errors.reopenRating')
    assert.equal(refusalOf({ ...ready, residentRating: null, ratedAt: null }, 'reopen', NOW), 'feedback.errors.reopenRating')
    // A rating given before the current answer is about an earlier answer.
    assert.equal(refusalOf({ ...ready, ratedAt: new Date(ready.answeredAt!.getTime() - HOUR) }, 'reopen', NOW), 'feedback.errors.reopenRating')
    const deadline = reopenDeadline(ready.answeredAt!)
    assert.equal(deadline.getTime() - ready.answeredAt!.getTime(), 7 * DAY)
    assert.equal(refusalOf(ready, 'reopen', deadline), null)
    assert.equal(refusalOf(ready, 'reopen', new Date(deadline.getTime() + 1)), 'feedback.errors.reopenWindow')
  })
})

describe('overdue and public visibility', () => {
  it('is overdue only while open and past the due instant', () => {
    const due = new Date(NOW.getTime() - 1)
    for (const status of FEEDBACK_STATUSES) assert.equal(isOverdue(status, due, NOW), ['new', 'accepted', 'assigned'].includes(status), status)
    assert.equal(isOverdue('assigned', NOW, NOW), false)
    assert.equal(isOverdue('assigned', null, NOW), false)
  })

  it('shows the public only public kinds the sender agreed to, once staff have looked at them', () => {
    assert.equal(isPubliclyVisible({ kind: 'report', wantsPublic: true, status: 'accepted' }), true)
    assert.equal(isPubliclyVisible({ kind: 'petition', wantsPublic: true, status: 'duplicate' }), true)
    assert.equal(isPubliclyVisible({ kind: 'report', wantsPublic: true, status: 'new' }), false)
    assert.equal(isPubliclyVisible({ kind: 'report', wantsPublic: true, status: 'rejected' }), false)
    assert.equal(isPubliclyVisible({ kind: 'report', wantsPublic: false, status: 'answered' }), false)
    for (const kind of ['letter', 'complaint', 'denunciation'] as const) assert.equal(isPubliclyVisible({ kind, wantsPublic: true, status: 'answered' }), false)
  })

  it('says how an item stands against its due instant: overdue or within time while open, answered on time or late after', () => {
    const due = new Date(NOW.getTime() - HOUR)
    assert.equal(timelinessOf({ status: 'assigned', dueAt: due, answeredAt: null }, NOW), 'overdue')
    assert.equal(timelinessOf({ status: 'new', dueAt: new Date(NOW.getTime() + HOUR), answeredAt: null }, NOW), 'within_time')
    assert.equal(timelinessOf({ status: 'answered', dueAt: due, answeredAt: due }, NOW), 'answered_on_time', 'at the due instant is on time')
    assert.equal(timelinessOf({ status: 'closed', dueAt: due, answeredAt: new Date(due.getTime() + 1) }, NOW), 'answered_late')
    // Reopened after a late answer: open again, so judged as open.
    assert.equal(timelinessOf({ status: 'assigned', dueAt: new Date(NOW.getTime() + DAY), answeredAt: NOW }, NOW), 'within_time')
    assert.equal(timelinessOf({ status: 'rejected', dueAt: due, answeredAt: null }, NOW), null)
    assert.equal(timelinessOf({ status: 'assigned', dueAt: null, answeredAt: null }, NOW), null)
  })

  it('collapses statuses to Open311 open and closed', () => {
    assert.deepEqual(
      FEEDBACK_STATUSES.map((s) => open311Status(s)),
      ['open', 'open', 'open', 'closed', 'closed', 'closed', 'closed'],
    )
  })
})

describe('tracking codes', () => {
  it('formats PA-YYMMDD-NNNN with the day in Vietnam time and at least four digits', () => {
    assert.equal(formatTrackingCode({ year: 2026, month: 3, day: 2 }, 7), 'PA-260302-0007')
    assert.equal(formatTrackingCode({ year: 2026, month: 12, day: 31 }, 12345), 'PA-261231-12345')
    assert.match(formatTrackingCode({ year: 2026, month: 3, day: 2 }, 12345), TRACKING_CODE_PATTERN)
    // 18:00 UTC is already the next day in Vietnam.
    assert.deepEqual(vietnamDayOf(new Date('2026-03-01T18:00:00Z')), { year: 2026, month: 3, day: 2 })
    assert.deepEqual(vietnamDayOf(new Date('2026-03-01T16:59:59Z')), { year: 2026, month: 3, day: 1 })
  })

  it('recognises only its own codes', () => {
    for (const code of ['PA-260302-0001', 'PA-260302-123456']) assert.match(code, TRACKING_CODE_PATTERN)
    for (const code of ['PA-26032-0001', 'pa-260302-0001', 'PA-260302-001', '000.01.01.H99-260302-0001', 'PA-260302-0001x']) assert.doesNotMatch(code, TRACKING_CODE_PATTERN)
  })
})

describe('similarity for duplicate suggestions', () => {
  it('folds diacritics, đ and case', () => {
    assert.equal(foldText('Đường  Lê Lợi, ĐẦU HẺM!'), 'duong le loi dau hem')
    assert.equal(similarity('Rác thải tồn đọng đầu hẻm', 'rac thai ton dong dau hem'), 1)
  })

  it('scores the same matter in other words above the threshold, and another matter below it', () => {
    const a = 'Nước thải đen từ xưởng nhuộm chảy ra mương, mùi hôi nồng nặc'
    const b = 'Mương bốc mùi hôi vì nước thải của xưởng nhuộm'
    const c = 'Đèn đường tắt cả tuần ở đoạn gần trường học'
    assert.ok(similarity(a, b) >= SIMILARITY_THRESHOLD, `same matter: ${similarity(a, b)}`)
    assert.ok(similarity(a, c) < SIMILARITY_THRESHOLD, `other matter: ${similarity(a, c)}`)
    assert.ok(similarity(a, b) > similarity(a, c))
  })

  it('is symmetric, between 0 and 1, and 0 for empty text', () => {
    const a = 'Cống nghẹt, mưa là ngập trước chợ'
    const b = 'Mưa lớn ngập nước trước chợ vì cống nghẹt rác'
    assert.equal(similarity(a, b), similarity(b, a))
    assert.ok(similarity(a, b) > 0 && similarity(a, b) <= 1)
    assert.equal(similarity('', a), 0)
    assert.equal(similarity('!!!', a), 0)
  })

  it('does not count the common little words of Vietnamese as a match', () => {
    assert.ok(similarity('và của có là các những một cho', 'và của có là các những một cho đèn') < 0.5)
  })
})

describe('masking and categories', () => {
  it('masks contact details for pages that may be forwarded', () => {
    assert.equal(maskEmail('an.nguyen@gmail.com'), 'an***@gmail.com')
    assert.equal(maskEmail('a@b.vn'), '***@b.vn')
    assert.equal(maskPhoneDigits('0912 345 678'), '********78')
  })

  it('has unique category codes, positive due days, and catalogue-style keys', () => {
    const codes = FEEDBACK_CATEGORIES.map((c) => c.code)
    assert.equal(new Set(codes).size, codes.length)
    for (const c of FEEDBACK_CATEGORIES) {
      assert.ok(c.dueWorkingDays > 0)
      assert.equal(c.nameKey, `feedback.categories.${c.code}`)
    }
  })
})
