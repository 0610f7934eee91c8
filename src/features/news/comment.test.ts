/**
 * Pure rules of readers' comments, without I/O: what a comment may hold (name, email, plain text
 * within the limit, tidied), the moderation transitions, the Vietnamese word filter (whole words on
 * folded text, marks telling different words apart, phrases), the filter as moderators type it,
 * the trusted-commenter rule, and who moderates.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Principal } from '../../platform/auth/principal.ts'
import {
  canModerateComments,
  checkBody,
  checkComment,
  checkTrustedPublish,
  checkWordFilter,
  COMMENT_LIMITS,
  DEFAULT_TRUSTED_PUBLISH,
  DEFAULT_WORD_FILTER,
  findFlaggedWords,
  initialStatus,
  isCommentStatus,
  isModerationAction,
  nextCommentStatus,
  parseWordFilter,
  tidyBody,
  tidyName,
  WORD_FILTER_LIMITS,
} from './comment.ts'

const good = { authorName: 'Nguyễn Thị Mai', email: 'Mai.Nguyen@Example.vn', body: 'Cảm ơn Ủy ban đã thông tin kịp thời.' }

describe('a reader’s comment', () => {
  it('accepts a name, an email and plain text, tidied, with the email in lower case', () => {
    const { comment, fields } = checkComment({ authorName: '  Nguyễn   Thị  Mai ', email: ' Mai.Nguyen@Example.vn ', body: '  Dòng một  \r\n\r\n\r\n\r\nDòng hai\t!  ' })
    assert.deepEqual(fields, {})
    assert.deepEqual(comment, { authorName: 'Nguyễn Thị Mai', email: 'mai.nguyen@example.vn', body: 'Dòng một\n\nDòng hai !' })
  })

  it('puts every problem beside its field at once', () => {
    assert.deepEqual(checkComment({ authorName: ' ', email: '', body: '\n \n' }).fields, {
      authorName: 'comments.errors.nameRequired',
      email: 'comments.errors.emailRequired',
      body: 'comments.errors.bodyRequired',
    })
    assert.deepEqual(checkComment({ ...good, authorName: 'A'.repeat(COMMENT_LIMITS.name + 1), email: 'mai@', body: 'x'.repeat(COMMENT_LIMITS.body + 1) }).fields, {
      authorName: 'comments.errors.nameTooLong',
      email: 'comments.errors.emailInvalid',
      body: 'comments.errors.bodyTooLong',
    })
  })

  it('counts the limit on the tidied text, so a body of exactly the limit passes', () => {
    assert.equal(checkBody('đ'.repeat(COMMENT_LIMITS.body)), null)
    // Decomposed input (a keyboard sending base letter and marks) is counted once composed.
    const decomposed = 'ệ'.normalize('NFD').repeat(COMMENT_LIMITS.body)
    assert.equal(checkBody(tidyBody(decomposed)), null)
  })

  it('drops control and direction characters, keeping line breaks', () => {
    assert.equal(tidyBody('a\u0000b\u202ec\nd'), 'a b c\nd')
    assert.equal(tidyName('Trần\u200bVăn\nBa'), 'Trần Văn Ba')
  })

  it('keeps markup as text: the comment is plain text, escaped when shown', () => {
    const { comment, fields } = checkComment({ ...good, body: '<script>alert(1)</script> <b>đậm</b>' })
    assert.deepEqual(fields, {})
    assert.equal(comment.body, '<script>alert(1)</script> <b>đậm</b>')
  })
})

describe('moderation states', () => {
  it('moves a comment to the status of the action, and refuses a repeat', () => {
    assert.equal(nextCommentStatus('pending', 'approve'), 'approved')
    assert.equal(nextCommentStatus('pending', 'reject'), 'rejected')
    assert.equal(nextCommentStatus('pending', 'spam'), 'spam')
    assert.equal(nextCommentStatus('approved', 'reject'), 'rejected', 'a published comment can be taken down')
    assert.equal(nextCommentStatus('spam', 'approve'), 'approved', 'a mistake can be undone')
    assert.equal(nextCommentStatus('approved', 'approve'), null)
    assert.equal(nextCommentStatus('spam', 'spam'), null)
  })

  it('knows its statuses and actions', () => {
    assert.ok(isCommentStatus('pending'))
    assert.ok(!isCommentStatus('deleted'))
    assert.ok(isModerationAction('spam'))
    assert.ok(!isModerationAction('delete'))
  })
})

describe('the word filter', () => {
  const filter = parseWordFilter(['ngu', 'địt', 'đĩ', 'mẹ mày', 'vay tiền nhanh'])

  it('finds entries as whole words, whatever the case and with or without marks', () => {
    assert.deepEqual(findFlaggedWords('Đồ NGU!', filter), ['ngu'])
    assert.deepEqual(findFlaggedWords('dit con', filter), ['địt'])
    assert.deepEqual(findFlaggedWords('ĐỊT', filter), ['địt'])
    assert.deepEqual(findFlaggedWords('Cần vay-tiền, nhanh gọn', filter), ['vay tiền nhanh'], 'a phrase is its words in a row, whatever stands between')
  })

  it('does not match inside a longer word', () => {
    assert.deepEqual(findFlaggedWords('Anh Nguyễn Văn Nguyên ở phường Uyên Hưng', filter), [])
  })

  it('tells apart words written with different marks, when both carry marks', () => {
    // "đi" (to go) and "đít" are not the filtered words; typed without marks they could be.
    assert.deepEqual(findFlaggedWords('Tôi đi làm thủ tục, ngồi đau cả đít', filter), [])
    assert.deepEqual(findFlaggedWords('di lam thu tuc', filter), ['đĩ'])
    // An entry typed without marks catches every spelling: "ngủ" is caught by "ngu".
    assert.deepEqual(findFlaggedWords('buồn ngủ', filter), ['ngu'])
  })

  it('needs the words of a phrase one after the other', () => {
    assert.deepEqual(findFlaggedWords('mẹ của mày', filter), [])
    assert.deepEqual(findFlaggedWords('Mẹ  mày', filter), ['mẹ mày'])
  })

  it('reads the filter as typed: one entry a line or comma-separated, tidied, without repeats', () => {
    assert.deepEqual(parseWordFilter('  Đồ  Ngu \n\nvcl, VCL; cá độ\n!!!\n'), ['đồ ngu', 'vcl', 'cá độ'])
  })

  it('limits the filter’s size and its entries’ length', () => {
    assert.equal(checkWordFilter(DEFAULT_WORD_FILTER), null)
    assert.equal(checkWordFilter(Array.from({ length: WORD_FILTER_LIMITS.entries + 1 }, (_, i) => `từ ${i}`)), 'comments.errors.filterTooLong')
    assert.equal(checkWordFilter(['a'.repeat(WORD_FILTER_LIMITS.entryLength + 1)]), 'comments.errors.filterEntryTooLong')
  })

  it('starts with a default list that catches common insults and gambling spam', () => {
    assert.deepEqual(findFlaggedWords('Trang cá độ bóng đá, vcl', DEFAULT_WORD_FILTER), ['vcl', 'cá độ'])
    assert.deepEqual(findFlaggedWords('Tôi đeo khẩu trang khi đến bộ phận một cửa', DEFAULT_WORD_FILTER), [])
  })
})

describe('trusted commenters', () => {
  const on = { isEnabled: true, minApproved: 2 }

  it('holds every comment while the setting is off (the default)', () => {
    assert.equal(DEFAULT_TRUSTED_PUBLISH.isEnabled, false)
    assert.equal(initialStatus({ trusted: DEFAULT_TRUSTED_PUBLISH, flaggedWords: [], approvedByEmail: 50 }), 'pending')
  })

  it('publishes at once from an email with enough approved comments, unless the filter caught something', () => {
    assert.equal(initialStatus({ trusted: on, flaggedWords: [], approvedByEmail: 2 }), 'approved')
    assert.equal(initialStatus({ trusted: on, flaggedWords: [], approvedByEmail: 1 }), 'pending')
    assert.equal(initialStatus({ trusted: on, flaggedWords: ['vcl'], approvedByEmail: 9 }), 'pending')
  })

  it('checks the setting as typed', () => {
    assert.deepEqual(checkTrustedPublish({ isEnabled: true, minApproved: ' 5 ' }), { setting: { isEnabled: true, minApproved: 5 }, fields: {} })
    assert.deepEqual(checkTrustedPublish({ isEnabled: false, minApproved: 'ba' }).fields, { minApproved: 'comments.errors.minApproved' })
    assert.deepEqual(checkTrustedPublish({ isEnabled: true, minApproved: 0 }).fields, { minApproved: 'comments.errors.minApproved' })
    assert.deepEqual(checkTrustedPublish({ isEnabled: true, minApproved: 2.5 }).fields, { minApproved: 'comments.errors.minApproved' })
  })
})

describe('who moderates', () => {
  const principal = (role: string, unitPath: string): Principal => ({ staffId: 1, username: 'x', fullName: 'X', unitId: 1, grants: [{ role, unitId: 1, unitPath }] })

  it('lets the news editors of an article’s unit moderate its comments; leaders reach the units below', () => {
    assert.ok(canModerateComments(principal('moderator', '/1/2/'), '/1/2/'))
    assert.ok(!canModerateComments(principal('moderator', '/1/2/'), '/1/2/3/'))
    assert.ok(canModerateComments(principal('leader', '/1/2/'), '/1/2/3/'))
    assert.ok(!canModerateComments(principal('specialist', '/1/2/'), '/1/2/'))
    assert.ok(!canModerateComments(null, '/1/2/'))
  })
})
