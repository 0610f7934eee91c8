/**
 * Pure rules of direct dialogues: every session action from every status, every question action
 * from every question status in every session status, who may do what, the coverage arithmetic,
 * and the iCalendar text rules (escaping, CRLF, folding at 75 octets).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Principal } from '../../platform/auth/principal.ts'
import { escapeText, foldLine, formatUtc, renderCalendar } from './dialogue.ics.ts'
import { canHost, canModerate, canTakeSessionAction, canViewCoverage, isOrganiserOf, relationTo } from './dialogue.policy.ts'
import {
  acceptsQuestions,
  allowedQuestionActions,
  allowedSessionActions,
  canEditHosts,
  canEditMinutes,
  canEditSchedule,
  canRecord,
  commitmentFigures,
  contactKind,
  coverageFigures,
  excerptOf,
  fits,
  floorQuestionStatus,
  isMinutesPublic,
  isWebLink,
  nextQuestionStatus,
  nextSessionStatus,
  QUESTION_ACTIONS,
  QUESTION_STATUSES,
  questionRefusal,
  SESSION_ACTIONS,
  SESSION_STATUSES,
  sessionRefusal,
} from './dialogue.ts'
import type { QuestionAction, QuestionStatus, SessionAction, SessionState, SessionStatus } from './dialogue.ts'

const NOW = new Date('2026-05-04T03:00:00Z')
const EARLIER = new Date('2026-05-04T01:00:00Z')
const LATER = new Date('2026-05-05T01:00:00Z')

// The expected table, written out by hand: each action's allowed statuses and where it leads.
const SESSION_EXPECTED: Record<SessionAction, { from: SessionStatus[]; to: SessionStatus }> = {
  open_questions: { from: ['planned'], to: 'open_for_questions' },
  mark_held: { from: ['planned', 'open_for_questions'], to: 'held' },
  publish_minutes: { from: ['held'], to: 'minutes_published' },
  close: { from: ['minutes_published'], to: 'closed' },
  cancel: { from: ['planned', 'open_for_questions'], to: 'cancelled' },
}

/** A session state whose preconditions all hold, so only the status decides. */
const ready = (status: SessionStatus): SessionState => ({ status, startsAt: EARLIER, pendingQuestions: 0, hasParticipants: true })

describe('session state machine, every action from every status', () => {
  for (const status of SESSION_STATUSES) {
    for (const action of SESSION_ACTIONS) {
      const rule = SESSION_EXPECTED[action]
      const isAllowed = rule.from.includes(status)
      it(`${isAllowed ? 'allows' : 'refuses'} ${action} from ${status}`, () => {
        assert.equal(sessionRefusal(ready(status), action, NOW), isAllowed ? null : 'dialogues.errors.notAllowedNow')
        assert.equal(allowedSessionActions(ready(status), NOW).includes(action), isAllowed)
        if (isAllowed) assert.equal(nextSessionStatus(action), rule.to)
      })
    }
  }

  it('leaves nothing to do on a closed or cancelled session', () => {
    assert.deepEqual(allowedSessionActions(ready('closed'), NOW), [])
    assert.deepEqual(allowedSessionActions(ready('cancelled'), NOW), [])
  })
})

describe('session preconditions', () => {
  it('refuses to mark a session held before it starts', () => {
    assert.equal(sessionRefusal({ ...ready('open_for_questions'), startsAt: LATER }, 'mark_held', NOW), 'dialogues.errors.notStarted')
    assert.equal(sessionRefusal({ ...ready('open_for_questions'), startsAt: NOW }, 'mark_held', NOW), null)
  })
  it('refuses to mark a session held while questions await moderation', () => {
    assert.equal(sessionRefusal({ ...ready('open_for_questions'), pendingQuestions: 2 }, 'mark_held', NOW), 'dialogues.errors.pendingQuestions')
  })
  it('refuses to publish minutes that do not name the participants', () => {
    assert.equal(sessionRefusal({ ...ready('held'), hasParticipants: false }, 'publish_minutes', NOW), 'dialogues.errors.minutesIncomplete')
  })
  it('says which statuses allow editing, recording and public minutes', () => {
    const table = SESSION_STATUSES.map((s) => [s, canEditSchedule(s), canEditMinutes(s), canEditHosts(s), canRecord(s), isMinutesPublic(s)])
    assert.deepEqual(table, [
      ['planned', true, true, true, true, false],
      ['open_for_questions', true, true, true, true, false],
      ['held', false, true, true, true, false],
      ['minutes_published', false, false, false, false, true],
      ['closed', false, false, false, false, true],
      ['cancelled', false, false, false, false, false],
    ])
  })
  it('takes questions only while open for them and before the start', () => {
    assert.equal(acceptsQuestions('open_for_questions', LATER, NOW), true)
    assert.equal(acceptsQuestions('open_for_questions', NOW, NOW), false)
    assert.equal(acceptsQuestions('planned', LATER, NOW), false)
  })
})

// Question rules by hand: from which question statuses, in which session statuses.
const BEFORE: SessionStatus[] = ['planned', 'open_for_questions']
const QUESTION_EXPECTED: Record<QuestionAction, { from: QuestionStatus[]; during: SessionStatus[] }> = {
  publish: { from: ['pending', 'hidden'], during: BEFORE },
  hide: { from: ['pending', 'published'], during: BEFORE },
  merge: { from: ['pending', 'published'], during: BEFORE },
  assign: { from: ['pending', 'published'], during: BEFORE },
  prepare_answer: { from: ['pending', 'published'], during: BEFORE },
  answer: { from: ['published', 'answered'], during: [...BEFORE, 'held'] },
  support: { from: ['published'], during: ['open_for_questions'] },
}

describe('question state machine, every action from every status in every session status', () => {
  for (const session of SESSION_STATUSES) {
    for (const status of QUESTION_STATUSES) {
      for (const action of QUESTION_ACTIONS) {
        const rule = QUESTION_EXPECTED[action]
        const expected = !rule.during.includes(session) ? 'dialogues.errors.sessionNotAllowed' : !rule.from.includes(status) ? 'dialogues.errors.questionNotAllowed' : null
        it(`${expected === null ? 'allows' : 'refuses'} ${action} on a ${status} question of a ${session} session`, () => {
          assert.equal(questionRefusal(session, status, action), expected)
          assert.equal(allowedQuestionActions(session, status).includes(action), expected === null)
        })
      }
    }
  }

  it('moves a question where each action says', () => {
    assert.equal(nextQuestionStatus('pending', 'publish'), 'published')
    assert.equal(nextQuestionStatus('published', 'hide'), 'hidden')
    assert.equal(nextQuestionStatus('published', 'merge'), 'merged')
    assert.equal(nextQuestionStatus('published', 'answer'), 'answered')
    assert.equal(nextQuestionStatus('pending', 'assign'), 'pending')
    assert.equal(nextQuestionStatus('published', 'prepare_answer'), 'published')
    assert.equal(nextQuestionStatus('published', 'support'), 'published')
  })

  it('records a floor question as answered, open, or (after the session) unanswered', () => {
    assert.equal(floorQuestionStatus('open_for_questions', true), 'answered')
    assert.equal(floorQuestionStatus('planned', false), 'published')
    assert.equal(floorQuestionStatus('held', false), 'unanswered')
  })
})

describe('who may do what', () => {
  const grant = (role: string, unitPath: string) => ({ role, unitId: 0, unitPath })
  const principal = (staffId: number, ...grants: ReturnType<typeof grant>[]): Principal => ({ staffId, username: `u${staffId}`, fullName: `U ${staffId}`, unitId: 0, grants })
  const wardA = { unitId: 3, unitPath: '/1/2/3/', secretaryId: 40, assignedUnitPaths: ['/1/2/'] }

  it('makes leaders and moderators of the unit or above organisers, and no one from another ward', () => {
    assert.equal(isOrganiserOf(principal(1, grant('moderator', '/1/2/')), '/1/2/3/'), true)
    assert.equal(isOrganiserOf(principal(1, grant('leader', '/1/2/3/')), '/1/2/3/'), true)
    assert.equal(isOrganiserOf(principal(1, grant('leader', '/1/2/4/')), '/1/2/3/'), false)
    assert.equal(isOrganiserOf(principal(1, grant('specialist', '/1/2/3/')), '/1/2/3/'), false)
    assert.equal(isOrganiserOf(null, '/1/2/3/'), false)
  })

  it('lets the named secretary record and mark held, and only organisers take the other steps', () => {
    const secretary = relationTo(principal(40, grant('desk_officer', '/1/2/3/')), wardA)
    assert.deepEqual([secretary.canView, secretary.isOrganiser, secretary.isSecretary], [true, false, true])
    assert.equal(canTakeSessionAction(secretary, 'mark_held'), true)
    for (const action of ['open_questions', 'publish_minutes', 'close', 'cancel'] as const) assert.equal(canTakeSessionAction(secretary, action), false)
    const organiser = relationTo(principal(2, grant('leader', '/1/2/3/')), wardA)
    for (const action of SESSION_ACTIONS) assert.equal(canTakeSessionAction(organiser, action), true)
  })

  it('lets staff of an assigned unit prepare answers and nothing else', () => {
    const preparer = relationTo(principal(50, grant('specialist', '/1/2/')), wardA)
    assert.deepEqual([preparer.canView, preparer.isOrganiser, preparer.isSecretary, preparer.isPreparer], [true, false, false, true])
    assert.equal(canModerate(preparer, 'prepare_answer', true), true)
    assert.equal(canModerate(preparer, 'prepare_answer', false), false)
    assert.equal(canModerate(preparer, 'publish', true), false)
  })

  it('gives a stranger nothing', () => {
    const stranger = relationTo(principal(60, grant('leader', '/1/2/4/')), wardA)
    assert.deepEqual(stranger, { canView: false, isOrganiser: false, isSecretary: false, isPreparer: false })
  })

  it('takes hosts among leaders of the unit or above, and coverage readers among leaders, moderators and admins', () => {
    assert.equal(canHost([grant('leader', '/1/2/')], '/1/2/3/'), true)
    assert.equal(canHost([grant('moderator', '/1/2/3/')], '/1/2/3/'), false)
    assert.equal(canViewCoverage(principal(1, grant('admin', '/1/2/')), '/1/2/'), true)
    assert.equal(canViewCoverage(principal(1, grant('leader', '/1/2/3/')), '/1/2/'), false)
  })
})

describe('field rules', () => {
  it('counts characters, not UTF-16 units', () => {
    assert.equal(fits('Đối thoại', { min: 9, max: 9 }), true)
    assert.equal(fits(null, { min: 0, max: 5 }), true)
    assert.equal(fits(null, { min: 1, max: 5 }), false)
  })
  it('tells phone numbers from e-mail addresses', () => {
    assert.equal(contactKind('0909 123 456'), 'phone')
    assert.equal(contactKind('an@example.vn'), 'email')
    assert.equal(contactKind('nhà số 5'), 'other')
  })
  it('accepts only http(s) links', () => {
    assert.equal(isWebLink('https://www.facebook.com/live/1'), true)
    assert.equal(isWebLink('javascript:alert(1)'), false)
  })
  it('shortens long text with an ellipsis', () => {
    assert.equal(excerptOf('a  b\nc'), 'a b c')
    assert.equal([...excerptOf('ư'.repeat(300), 150)].length, 150)
  })
})

describe('coverage arithmetic', () => {
  const due = new Date('2026-06-30T16:59:59Z')
  const beforeDue = new Date('2026-06-20T03:00:00Z')
  const afterDue = new Date('2026-07-02T03:00:00Z')
  const now = new Date('2026-07-10T03:00:00Z')

  it('counts done, done on time, open and overdue', () => {
    const figures = commitmentFigures(
      [
        { dueAt: due, itemStatus: 'answered', answeredAt: beforeDue },
        { dueAt: due, itemStatus: 'closed', answeredAt: afterDue },
        { dueAt: due, itemStatus: 'assigned', answeredAt: null },
        { dueAt: new Date('2026-08-01T00:00:00Z'), itemStatus: 'assigned', answeredAt: null },
        { dueAt: due, itemStatus: null, answeredAt: null },
        { dueAt: due, itemStatus: 'duplicate', answeredAt: null },
      ],
      now,
    )
    assert.deepEqual(figures, { total: 6, done: 2, doneOnTime: 1, overdue: 2, open: 3 })
  })

  it('gives each unit its sessions, its latest one and its commitments, and counts units that held one', () => {
    const units = [
      { code: 'A', path: '/1/2/' },
      { code: 'B', path: '/1/3/' },
      { code: 'C', path: '/1/4/' },
    ]
    const sessions = [
      { id: 10, unitPath: '/1/2/', startsAt: new Date('2026-02-01T01:00:00Z') },
      { id: 11, unitPath: '/1/2/', startsAt: new Date('2026-05-01T01:00:00Z') },
      { id: 12, unitPath: '/1/3/9/', startsAt: new Date('2026-03-01T01:00:00Z') },
      // A session of the parent itself counts for no ward.
      { id: 13, unitPath: '/1/', startsAt: new Date('2026-03-01T01:00:00Z') },
    ]
    const commitments = [
      { sessionUnitPath: '/1/2/', dueAt: due, itemStatus: 'answered', answeredAt: beforeDue },
      { sessionUnitPath: '/1/3/9/', dueAt: due, itemStatus: 'assigned', answeredAt: null },
      { sessionUnitPath: '/1/', dueAt: due, itemStatus: 'assigned', answeredAt: null },
    ]
    const result = coverageFigures(units, sessions, commitments, now)
    assert.deepEqual(
      result.units.map((l) => [l.unit.code, l.sessionsHeld, l.lastSessionId, l.commitments.total, l.commitments.overdue]),
      [
        ['A', 2, 11, 1, 0],
        ['B', 1, 12, 1, 1],
        ['C', 0, null, 0, 0],
      ],
    )
    assert.deepEqual([result.heldCount, result.unitCount, result.heldPercent], [2, 3, 67])
    assert.deepEqual(result.commitments, { total: 3, done: 1, doneOnTime: 1, overdue: 2, open: 2 })
  })
})

describe('iCalendar text', () => {
  it('escapes backslashes, semicolons, commas and newlines', () => {
    assert.equal(escapeText('a\\b;c,d\ne\r\nf'), 'a\\\\b\\;c\\,d\\ne\\nf')
  })

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'Đối thoại với Nhân dân phường Uyên Hưng về trật tự đô thị, '.repeat(4)}`
    const physical = foldLine(line).split('\r\n')
    assert.ok(physical.length > 1, 'the line is folded')
    for (const [i, part] of physical.entries()) {
      assert.ok(Buffer.byteLength(part, 'utf8') <= 75, `line ${i} has ${Buffer.byteLength(part, 'utf8')} octets`)
      if (i > 0) assert.equal(part[0], ' ')
      assert.ok(!part.includes('\uFFFD'), 'no character is split')
    }
    // Unfolding (RFC 5545, 3.1) gives the line back.
    assert.equal(physical.map((p, i) => (i === 0 ? p : p.slice(1))).join(''), line)
    assert.equal(foldLine('SHORT:1'), 'SHORT:1')
  })

  it('writes UTC times and CRLF line ends', () => {
    assert.equal(formatUtc(new Date('2026-05-04T01:00:00.250Z')), '20260504T010000Z')
    const text = renderCalendar({
      name: 'Lịch',
      productId: '-//X//Y//VI',
      events: [
        {
          uid: 'dialogue-1@congso.example',
          stamp: NOW,
          created: EARLIER,
          start: LATER,
          end: new Date(LATER.getTime() + 7_200_000),
          summary: 'Đối thoại; trật tự, vệ sinh',
          description: 'Dòng 1\nDòng 2',
          location: 'Hội trường',
          url: 'https://congso.example/doi-thoai/1',
          status: 'CONFIRMED',
          sequence: 3,
        },
      ],
    })
    assert.ok(text.endsWith('END:VCALENDAR\r\n'), 'the calendar ends with CRLF')
    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false)
    assert.match(text, /\r\nDTSTART:20260505T010000Z\r\n/)
    assert.match(text, /\r\nSUMMARY:Đối thoại\\; trật tự\\, vệ sinh\r\n/)
    assert.match(text, /\r\nDESCRIPTION:Dòng 1\\nDòng 2\r\n/)
    assert.match(text, /\r\nUID:dialogue-1@congso\.example\r\n/)
  })
})
