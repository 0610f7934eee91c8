/**
 * Route tests of comments through app.inject, on SQLite and, when TEST_DATABASE_URL is set, on
 * PostgreSQL: the comment block of the cached article page (the form, the moderated notice, the
 * verification fetched as a fragment, the page still cacheable); posting through the form — the
 * first press without scripts, mistakes shown beside their fields with what was typed kept, the
 * honeypot, the thank-you — and the moderator's queue approving it and replying officially, after
 * which the article shows both, escaped; the settings page; who may open the staff pages; and the
 * JSON API (public GET/POST with the captcha, the staff queue, actions and settings, with their 4xx).
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { Browser } from '../../../test/support/browser.ts'
import { testDialects } from '../../../test/support/databases.ts'
import { createTestStaff, createUnitTree } from '../../../test/support/factories.ts'
import { CAPTCHA_FIELDS, solveWork } from '../../platform/captcha/captcha.ts'
import { createFolderStore } from '../../platform/files/files.ts'
import { loadPrincipal } from '../units/index.ts'
import { createArticle } from './news.service.ts'

/** The text of HTML with tags removed and spaces collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The message beside a field, as text ('' when there is none). */
function fieldMessage(html: string, name: string): string {
  const match = new RegExp(`<p class="field-error" id="f-${name}-error">([\\s\\S]*?)</p>`).exec(html)
  return match ? textOf(match[1] ?? '') : ''
}

/** The captcha of a page (or fragment), solved as the browser's script would. */
function solvedCaptcha(html: string): Record<string, string> {
  const token = /name="captchaToken" value="([^"]+)"/.exec(html)?.[1]
  const salt = /data-salt="([0-9a-f]+)"/.exec(html)?.[1]
  const bits = Number(/data-bits="(\d+)"/.exec(html)?.[1])
  assert.ok(token && salt && bits >= 0, 'the page carries a captcha')
  return { [CAPTCHA_FIELDS.token]: token, [CAPTCHA_FIELDS.nonce]: solveWork(salt, bits), [CAPTCHA_FIELDS.answer]: '' }
}

const comment = { authorName: 'Trần Thị Hoa', email: 'hoa.tran@example.vn', body: 'Xin hỏi <b>lịch</b> làm việc\nsáng thứ Bảy?' }

for (const dialect of testDialects) {
  describe(`comment pages and API on ${dialect.name}`, () => {
    let t: TestApp
    let articlePath: string
    let slug: string
    let closedPath: string
    let moderatorToken: string
    let specialistToken: string

    before(async () => {
      t = await buildTestApp(dialect)
      const deps = { db: t.database.db, clock: t.clock, files: createFolderStore(t.config.filesDir) }
      await createUnitTree(deps)
      const made = await createTestStaff(deps, 'kiemduyet', 'TOWN', ['moderator'])
      moderatorToken = made.token
      specialistToken = (await createTestStaff(deps, 'chuyenvien', 'TOWN', ['specialist'])).token
      const editor = (await loadPrincipal(deps, made.id))!
      const article = await createArticle(deps, editor, { title: 'Một cửa làm việc sáng thứ Bảy', lead: 'Tóm tắt.', bodyMd: 'Nội dung.', category: 'cai-cach-hanh-chinh', status: 'published' })
      slug = article.slug
      articlePath = `/tin-tuc/${article.category}/${article.slug}`
      const closed = await createArticle(deps, editor, { title: 'Thông báo cắt điện', lead: 'Tóm tắt.', bodyMd: 'Nội dung.', category: 'thong-bao', status: 'published', isCommentsEnabled: false })
      closedPath = `/tin-tuc/${closed.category}/${closed.slug}`
    })
    after(() => t.close())

    it('puts the form on the cached article page, with the verification fetched apart and a moderated notice', async () => {
      const first = await t.app.inject(articlePath)
      assert.equal(first.statusCode, 200)
      const html = first.body
      assert.match(html, /<section class="comments" id="binh-luan" aria-labelledby="comments-title">/)
      assert.match(textOf(html), /Bình luận \(0\) Chưa có bình luận nào\./)
      assert.match(html, new RegExp(`<form class="form comment-form" method="post" action="${articlePath}/binh-luan"`))
      for (const [name, label] of [
        ['authorName', 'Họ và tên'],
        ['email', 'Email'],
        ['body', 'Bình luận'],
      ]) {
        assert.match(html, new RegExp(`<label class="label" for="f-${name}"><span>${label}</span>`))
      }
      assert.match(html, /Bình luận được kiểm duyệt trước khi đăng\. Địa chỉ email không hiển thị công khai\./)
      assert.match(html, new RegExp(`hx-get="${articlePath}/binh-luan/xac-minh" hx-trigger="load"`))
      assert.doesNotMatch(html, /captchaToken|name="_csrf"/, 'a shared page carries no one-use token')
      const etag = first.headers.etag as string
      assert.ok(etag)
      assert.equal((await t.app.inject(articlePath)).headers.etag, etag, 'the same bytes for every visitor')
      assert.equal((await t.app.inject({ url: articlePath, headers: { 'if-none-match': etag } })).statusCode, 304)

      const fragment = await t.app.inject(`${articlePath}/binh-luan/xac-minh`)
      assert.equal(fragment.statusCode, 200)
      assert.equal(fragment.headers['cache-control'], 'no-store')
      assert.match(fragment.body, /^<div class="field" data-captcha data-salt="[0-9a-f]+"/)
      assert.doesNotMatch(fragment.body, /<html/)

      const closed = await t.app.inject(closedPath)
      assert.match(textOf(closed.body), /Bài viết này không nhận bình luận\./)
      assert.doesNotMatch(closed.body, /comment-form/)
    })

    it('asks for the verification on the comment page after a first press without scripts, keeping what was typed', async () => {
      const browser = new Browser(t, '198.51.100.7')
      const bad = await browser.post(`${articlePath}/binh-luan`, { authorName: '', email: 'hoa@', body: comment.body, website: '' }, { csrf: null })
      assert.equal(bad.statusCode, 422)
      assert.equal(fieldMessage(bad.body, 'authorName'), 'Lỗi: Nhập họ và tên của bạn.')
      assert.equal(fieldMessage(bad.body, 'email'), 'Lỗi: Nhập địa chỉ email đúng dạng, ví dụ ten@example.vn.')
      assert.match(bad.body, /value="hoa@"/)
      assert.match(bad.body, /Xin hỏi &lt;b>lịch&lt;\/b> làm việc\nsáng thứ Bảy\?<\/textarea>/, 'what was typed is kept, escaped')
      assert.match(bad.body, /<title>Lỗi: Gửi bình luận/)
      assert.match(bad.body, /data-captcha data-salt=/, 'the comment page shows the verification')
      assert.equal(bad.headers['cache-control'], 'no-store')

      const step = await browser.post(`${articlePath}/binh-luan`, { ...comment, website: '' }, { csrf: null })
      assert.equal(step.statusCode, 200)
      assert.match(textOf(step.body), /Còn một bước: trả lời câu hỏi xác minh/)
      assert.match(step.body, new RegExp(`value="${comment.authorName}"`))
      const wrong = await browser.post(`${articlePath}/binh-luan`, { ...comment, ...solvedCaptcha(step.body), [CAPTCHA_FIELDS.nonce]: '', [CAPTCHA_FIELDS.answer]: 'không biết' }, { csrf: null })
      assert.equal(wrong.statusCode, 422)
      assert.match(fieldMessage(wrong.body, 'captcha'), /^Lỗi: /)
      assert.match(wrong.body, new RegExp(`value="${comment.email}"`))

      const trap = await browser.post(`${articlePath}/binh-luan`, { ...comment, ...solvedCaptcha(wrong.body), website: 'http://spam.example' }, { csrf: null })
      assert.equal(trap.statusCode, 422)
      assert.match(textOf(trap.body), /Không gửi được bình luận\./)

      const page = await browser.get(`${articlePath}/binh-luan`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /data-captcha data-salt=/)
      assert.equal((await t.app.inject(`${closedPath}/binh-luan`)).statusCode, 409)
      assert.equal((await t.app.inject('/tin-tuc/cai-cach-hanh-chinh/khong-co-bai-nay/binh-luan')).statusCode, 404)
    })

    it('posts a comment that a moderator approves and answers in the queue, after which the article shows both', async () => {
      const reader = new Browser(t, '198.51.100.8')
      const fragment = await reader.get(`${articlePath}/binh-luan/xac-minh`)
      const posted = await reader.post(`${articlePath}/binh-luan`, { ...comment, ...solvedCaptcha(fragment.body), website: '' }, { csrf: null })
      assert.equal(posted.statusCode, 303, posted.body)
      assert.equal(posted.headers.location, articlePath)
      const thanks = await reader.get(articlePath)
      assert.match(textOf(thanks.body), /Cảm ơn bạn\. Bình luận đã được gửi và sẽ hiển thị sau khi được kiểm duyệt\./)
      assert.doesNotMatch(thanks.body, /Trần Thị Hoa/, 'not shown before moderation')

      assert.equal((await t.app.inject('/admin/binh-luan')).statusCode, 303, 'anyone else is sent to sign in')
      const specialist = await new Browser(t).signIn('chuyenvien')
      assert.equal((await specialist.get('/admin/binh-luan')).statusCode, 403)

      const moderator = await new Browser(t).signIn('kiemduyet')
      const queue = await moderator.get('/admin/binh-luan')
      assert.equal(queue.statusCode, 200)
      assert.match(textOf(queue.body), /Chờ duyệt \(1\)/)
      assert.match(textOf(queue.body), /Trần Thị Hoa Chờ duyệt/)
      assert.match(textOf(queue.body), /Lần đầu bình luận từ email này/)
      assert.doesNotMatch(queue.body, /hoa\.tran@example\.vn/, 'the email is not shown to moderators either')
      const id = Number(/id="c-(\d+)"/.exec(queue.body)?.[1])
      assert.ok(id > 0)

      const emptyReply = await moderator.post(`/admin/binh-luan/${id}/tra-loi`, { [`reply-${id}`]: '  ', back: '/admin/binh-luan' })
      assert.equal(emptyReply.statusCode, 422)
      assert.equal(fieldMessage(emptyReply.body, `reply-${id}`), 'Lỗi: Nhập nội dung bình luận.')

      const approved = await moderator.post(`/admin/binh-luan/${id}/kiem-duyet`, { action: 'approve', back: '/admin/binh-luan?status=all' })
      assert.equal(approved.statusCode, 303)
      assert.equal(approved.headers.location, '/admin/binh-luan?status=all')
      const after = await moderator.get('/admin/binh-luan?status=all')
      assert.match(textOf(after.body), /Đã duyệt bình luận của Trần Thị Hoa\./)
      const again = await moderator.post(`/admin/binh-luan/${id}/kiem-duyet`, { action: 'approve', back: '/admin/binh-luan' })
      assert.equal(again.statusCode, 409)
      assert.match(textOf(again.body), /Bình luận này đã được duyệt\./)
      assert.equal((await moderator.post(`/admin/binh-luan/${id}/kiem-duyet`, { action: 'approve' }, { csrf: null })).statusCode, 403, 'staff forms need their token')

      const replied = await moderator.post(`/admin/binh-luan/${id}/tra-loi`, { [`reply-${id}`]: 'Bộ phận một cửa làm việc từ 7 giờ 30 đến 11 giờ 30 sáng thứ Bảy.', back: 'https://evil.example/' })
      assert.equal(replied.statusCode, 303)
      assert.equal(replied.headers.location, `/admin/binh-luan#c-${id}`, 'only a queue address is followed back')

      const shown = await t.app.inject(articlePath)
      const text = textOf(shown.body)
      assert.match(text, /Bình luận \(2\)/)
      assert.match(shown.body, /<p class="comment-body">Xin hỏi &lt;b>lịch&lt;\/b> làm việc\nsáng thứ Bảy\?<\/p>/)
      assert.match(text, /Cán bộ kiemduyet Trả lời chính thức/)
      assert.match(text, /Bộ phận một cửa làm việc từ 7 giờ 30/)
      assert.match(shown.body, /<time class="comment-time" datetime="[^"]+">(Thứ|Chủ nhật)[^<]*, \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}<\/time>/)
      assert.doesNotMatch(shown.body, /hoa\.tran@example\.vn/)
    })

    it('lets the home unit’s moderators keep the word filter and the trusted-commenter rule', async () => {
      const moderator = await new Browser(t).signIn('kiemduyet')
      const page = await moderator.get('/admin/binh-luan/cai-dat')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<textarea[^>]*name="wordFilter"[^>]*>đồ ngu\n/)
      const bad = await moderator.post('/admin/binh-luan/cai-dat', { wordFilter: 'lừa đảo', trusted: 'yes', minApproved: 'ba' })
      assert.equal(bad.statusCode, 422)
      assert.equal(fieldMessage(bad.body, 'minApproved'), 'Lỗi: Nhập một số nguyên từ 1 đến 100.')
      assert.match(bad.body, /value="ba"/)
      assert.match(bad.body, />lừa đảo<\/textarea>/)
      const saved = await moderator.post('/admin/binh-luan/cai-dat', { wordFilter: 'lừa đảo\nvcl', trusted: 'yes', minApproved: '4' })
      assert.equal(saved.statusCode, 303)
      const api = await t.app.inject({ url: '/api/v1/comments/settings', headers: { authorization: `Bearer ${moderatorToken}` } })
      assert.deepEqual(api.json(), { wordFilter: ['lừa đảo', 'vcl'], trustedPublish: { isEnabled: true, minApproved: 4 } })
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/comments/settings',
        headers: { authorization: `Bearer ${moderatorToken}` },
        payload: { wordFilter: ['vcl'], trustedPublish: { isEnabled: false, minApproved: 3 } },
      })
      assert.equal(put.statusCode, 200)
      assert.deepEqual(put.json().wordFilter, ['vcl'])
      assert.equal((await t.app.inject({ url: '/api/v1/comments/settings', headers: { authorization: `Bearer ${specialistToken}` } })).statusCode, 403)
    })

    it('serves the JSON API: public comments and posting with the captcha; the staff queue, actions and replies', async () => {
      const listed = await t.app.inject(`/api/v1/news/${slug}/comments`)
      assert.equal(listed.statusCode, 200)
      const body = listed.json()
      assert.equal(body.total, 2)
      assert.equal(body.items[0].authorName, 'Trần Thị Hoa')
      assert.equal(body.items[0].replies[0].isOfficial, true)
      assert.match(body.items[0].createdAt, /\+07:00$/)
      assert.ok(!JSON.stringify(body).includes('example.vn'))
      assert.equal((await t.app.inject('/api/v1/news/khong-co-bai-nay/comments')).statusCode, 404)

      const challenge = (await t.app.inject('/api/v1/comments/captcha')).json()
      const payload = { authorName: 'Phạm Văn Nam', email: 'nam@example.vn', body: 'Cảm ơn thông tin.', captchaToken: challenge.token, captchaNonce: solveWork(challenge.salt, challenge.difficultyBits) }
      const created = await t.app.inject({ method: 'POST', url: `/api/v1/news/${slug}/comments`, payload, remoteAddress: '198.51.100.9' })
      assert.equal(created.statusCode, 201, created.body)
      assert.equal(created.json().status, 'pending')
      assert.equal(created.json().isPublished, false)
      const missing = await t.app.inject({ method: 'POST', url: `/api/v1/news/${slug}/comments`, payload: { authorName: '', email: 'x', body: '' }, remoteAddress: '198.51.100.9' })
      assert.equal(missing.statusCode, 422)
      assert.deepEqual(Object.keys(missing.json().fields).sort(), ['authorName', 'body', 'captcha', 'email'])
      const closedSlug = closedPath.split('/').pop()
      const closed = await t.app.inject({ method: 'POST', url: `/api/v1/news/${closedSlug}/comments`, payload, remoteAddress: '198.51.100.10' })
      assert.equal(closed.statusCode, 409)

      const auth = { authorization: `Bearer ${moderatorToken}` }
      const queue = await t.app.inject({ url: '/api/v1/comments?status=pending', headers: auth })
      assert.equal(queue.statusCode, 200)
      assert.equal(queue.json().counts.pending, 1)
      const pendingId = queue.json().items[0].id
      assert.equal((await t.app.inject({ url: '/api/v1/comments', headers: { authorization: `Bearer ${specialistToken}` } })).statusCode, 403)
      assert.equal((await t.app.inject('/api/v1/comments')).statusCode, 401)
      assert.equal((await t.app.inject({ url: '/api/v1/comments?status=deleted', headers: auth })).statusCode, 400)

      const spam = await t.app.inject({ method: 'POST', url: `/api/v1/comments/${pendingId}/spam`, headers: auth })
      assert.equal(spam.statusCode, 200)
      assert.equal(spam.json().status, 'spam')
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/comments/${pendingId}/spam`, headers: auth })).statusCode, 409)
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/comments/${pendingId}/delete`, headers: auth })).statusCode, 400)
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/comments/${pendingId}/replies`, headers: auth, payload: { body: 'Trả lời' } })).statusCode, 409)
      await t.app.inject({ method: 'POST', url: `/api/v1/comments/${pendingId}/approve`, headers: auth })
      const reply = await t.app.inject({ method: 'POST', url: `/api/v1/comments/${pendingId}/replies`, headers: auth, payload: { body: 'Cảm ơn anh.' } })
      assert.equal(reply.statusCode, 201)
      assert.equal(reply.json().replies[0].isOfficial, true)
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/comments/999999/approve', headers: auth })).statusCode, 404)
    })

    it('limits the comments from one address (429 with the message on the page)', async () => {
      const browser = new Browser(t, '198.51.100.66')
      let last = await browser.get(`${articlePath}/binh-luan`)
      for (let i = 0; i < 6; i++) {
        last = await browser.post(`${articlePath}/binh-luan`, { ...comment, body: `Góp ý ${i}`, ...solvedCaptcha(last.body), website: '' }, { csrf: null })
        if (last.statusCode === 303) last = await browser.get(`${articlePath}/binh-luan`)
      }
      assert.equal(last.statusCode, 429)
      assert.ok(last.headers['retry-after'])
      assert.match(textOf(last.body), /Bạn đã gửi nhiều bình luận trong thời gian ngắn\./)
      assert.match(last.body, /Góp ý 5<\/textarea>/)
    })
  })
}
