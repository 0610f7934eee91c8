/**
 * The public portal in a real browser (Debian's chromium), on the demo town: a resident reads an
 * article (title, the Vietnamese weekday-date-time line, the related block, a captioned image when
 * the demo has one) and posts a comment through its form with the keyboard — the verification is
 * fetched into the cached page and solved by the captcha's script; the town's demo moderator
 * approves it in /admin/binh-luan and it then shows on the article. Searching without diacritics
 * ("tan uyen", "dang ky") on /tim-kiem finds and marks the words. axe-core checks every public
 * page (home, news list and category, article, comment page, search, procedures, dossier lookup,
 * feedback item, dialogues, reception schedule, working-day calendar, statistics), each of which
 * must fit a 360 px wide screen; the other specs check the pages of their own flows.
 * Without chromium every test is skipped with the reason (a failure under CI).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { messages as newsMessages } from '../../src/features/news/index.ts'
import { messages as portalMessages } from '../../src/features/portal/index.ts'
import { createI18n, mergeCatalogues } from '../../src/platform/i18n/i18n.ts'
import { baseMessages } from '../../src/views/messages.ts'
import { describeFocus, hasFocus } from './pages/focus.ts'
import { clickAndLoad, loadsNewDocument } from './pages/navigation.ts'
import { SignInPage } from './pages/sign-in-page.ts'
import { browserUnavailableReason, demoAccount, listViolations, seriousAxeViolations, useDemoInChromium } from './support.ts'

const unavailable = browserUnavailableReason()
// Every test is skipped one by one with the reason, so the report counts what did not run.
const options = { skip: unavailable ?? false }

const moderator = demoAccount('kiemduyet.tanuyen')

// The wording of the pages, from the product's own catalogues.
const vi = createI18n(mergeCatalogues([baseMessages, newsMessages, portalMessages])).translator('vi')

/** "Chủ nhật, 05/07/2020 09:47": the weekday, the date and the time, as Vietnamese news sites write them. */
const VIETNAMESE_DATE_TIME = /^(Thứ (hai|ba|tư|năm|sáu|bảy)|Chủ nhật), \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/

/** What the resident writes; the email must never reach a page. */
const comment = {
  name: 'Võ Thị Thanh Tâm',
  email: 'thanhtam.demo@example.vn',
  body: 'Xin hỏi bộ phận một cửa có nhận hồ sơ đăng ký kinh doanh vào sáng thứ Bảy không ạ?',
}

describe('public portal in chromium', () => {
  const { baseUrl, freshPage, problems } = useDemoInChromium({ viewport: { width: 1280, height: 900 }, isUnavailable: unavailable !== null })

  /** Opens the newest article from the news list; returns its address. */
  const openNewestArticle = async (page: Page): Promise<string> => {
    assert.equal((await page.goto(`${baseUrl()}/tin-tuc`))?.status(), 200)
    await clickAndLoad(page, page.locator('main .news-list .news-item-title a').first())
    return new URL(page.url()).pathname
  }

  /** The width of the page's content at its viewport (more than the viewport means horizontal scrolling). */
  const contentWidth = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth)

  it('shows an article as the issue describes it: title, Vietnamese date, related block, captioned images', options, async () => {
    const page = await freshPage()
    const path = await openNewestArticle(page)
    assert.match(path, /^\/tin-tuc\/[a-z0-9-]+\/[a-z0-9-]+$/)
    const title = (await page.locator('main h1#article-title').innerText()).trim()
    assert.ok(title.length > 10, `the article has a title: ${title}`)
    assert.match((await page.title()).trim(), new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} – `))
    const published = page.locator('main .news-article-header time').first()
    assert.match((await published.innerText()).trim(), VIETNAMESE_DATE_TIME)
    assert.ok(await published.getAttribute('datetime'), 'the time is machine-readable too')

    const related = page.locator('main section.news-related')
    assert.equal((await related.locator('h2').innerText()).trim(), vi('news.pages.article.related'))
    const relatedLinks = await related.locator('.news-item-title a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
    assert.ok(relatedLinks.length >= 3 && relatedLinks.length <= 6, `3 to 6 related articles, got ${relatedLinks.length}`)
    assert.ok(!relatedLinks.includes(path), 'never the article itself')

    // The demo's articles may carry images; every one that does shows its caption under it.
    const figures = page.locator('main .news-article figure')
    for (let i = 0; i < (await figures.count()); i++) {
      const figure = figures.nth(i)
      assert.ok((await figure.locator('img').getAttribute('alt')) !== null, 'an image has alt text')
      assert.ok((await figure.locator('figcaption').innerText()).trim().length > 0, 'an image has its caption')
    }

    const comments = page.locator('main section#binh-luan')
    assert.match((await comments.locator('h2').innerText()).trim(), /^Bình luận \(\d+\)$/)
    assert.ok((await comments.innerText()).includes('Bình luận được kiểm duyệt trước khi đăng'), 'the form says comments are moderated')
    assert.deepEqual(problems.mentioning('uncaught exception'), [])
  })

  it('posts a comment with the keyboard that the moderator approves in /admin/binh-luan, after which it shows', options, async () => {
    const reader = await freshPage()
    const path = await openNewestArticle(reader)
    // The verification arrives in the cached page as a fragment, and the script solves it.
    await reader.locator('#binh-luan [data-captcha]').waitFor({ state: 'attached' })

    // The keyboard alone, from the name field: type, Tab to the next field, and Enter in the last one's button.
    await reader.locator('#f-authorName').focus()
    assert.ok(await hasFocus(reader.locator('#f-authorName')))
    await reader.keyboard.type(comment.name)
    await reader.keyboard.press('Tab')
    assert.ok(await hasFocus(reader.locator('#f-email')), `Tab from the name reached ${await describeFocus(reader)}`)
    await reader.keyboard.type(comment.email)
    await reader.keyboard.press('Tab')
    assert.ok(await hasFocus(reader.locator('#f-body')), `Tab from the email reached ${await describeFocus(reader)}`)
    const outline = await reader.locator('#f-body').evaluate((el) => getComputedStyle(el).outlineStyle)
    assert.notEqual(outline, 'none', 'the focused field shows where the focus is')
    await reader.keyboard.type(comment.body)
    // Tab on past the hidden honeypot (out of the tab order) and the verification to the button.
    let tabs = 0
    while (!(await reader.evaluate(() => document.activeElement?.matches('form.comment-form button[type="submit"]') ?? false))) {
      await reader.keyboard.press('Tab')
      assert.ok(++tabs < 6, `the submit button is a few Tabs away; the focus is on ${await describeFocus(reader)}`)
    }
    const posted = reader.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `${path}/binh-luan`)
    await loadsNewDocument(reader, () => reader.keyboard.press('Enter'))
    assert.equal((await posted).status(), 303)
    assert.equal(new URL(reader.url()).pathname, path)
    assert.ok((await reader.locator('main').innerText()).includes('Bình luận đã được gửi và sẽ hiển thị sau khi được kiểm duyệt'), 'the resident is told it waits for moderation')
    assert.ok(!(await reader.locator('#binh-luan').innerText()).includes(comment.name), 'not shown before moderation')

    const staff = await freshPage()
    await new SignInPage(staff, baseUrl()).signInAs(moderator)
    assert.equal((await staff.goto(`${baseUrl()}/admin/binh-luan`))?.status(), 200)
    const entry = staff.locator('li.queue-item').filter({ hasText: comment.name })
    assert.equal(await entry.count(), 1)
    assert.ok((await entry.innerText()).includes(comment.body))
    assert.ok(!(await staff.content()).includes(comment.email), 'moderators do not see the email either')
    const queueViolations = await seriousAxeViolations(staff)
    assert.deepEqual(queueViolations, [], listViolations(queueViolations))
    await clickAndLoad(staff, entry.getByRole('button', { name: 'Duyệt', exact: true }))
    assert.ok((await staff.locator('main').innerText()).includes(`Đã duyệt bình luận của ${comment.name}.`))

    const later = await freshPage()
    await later.goto(`${baseUrl()}${path}`)
    const shown = later.locator('#binh-luan .comment').filter({ hasText: comment.name })
    assert.equal(await shown.count(), 1)
    assert.equal((await shown.locator('.comment-body').innerText()).trim(), comment.body)
    assert.match((await shown.locator('time').innerText()).trim(), VIETNAMESE_DATE_TIME)
    assert.ok(!(await later.content()).includes(comment.email), 'the email is never shown')
    assert.deepEqual(problems.mentioning('uncaught exception'), [])
    assert.deepEqual(problems.mentioning('Content Security Policy'), [])
  })

  it('finds and marks results searched without diacritics on /tim-kiem', options, async () => {
    const page = await freshPage()
    for (const [query, words] of [
      ['tan uyen', ['tân', 'uyên']],
      ['dang ky', ['đăng', 'ký']],
    ] as const) {
      await page.goto(`${baseUrl()}/tim-kiem`)
      await page.locator('#f-q').fill(query)
      await loadsNewDocument(page, () => page.locator('#f-q').press('Enter'))
      assert.equal(new URL(page.url()).searchParams.get('q'), query)
      const results = page.locator('.search-result')
      assert.ok((await results.count()) > 0, `"${query}" finds something`)
      const marked = (await page.locator('.search-result mark').allInnerTexts()).map((m) => m.toLocaleLowerCase('vi'))
      for (const word of words) assert.ok(marked.includes(word), `"${query}" marks "${word}" (marked: ${marked.slice(0, 8).join(', ')})`)
    }
  })

  /** The public pages checked with axe-core and at 360 px, and how to reach each. */
  const publicPages: { name: string; visit: (page: Page) => Promise<void> }[] = [
    { name: 'the home page', visit: async (page) => void assert.equal((await page.goto(`${baseUrl()}/`))?.status(), 200) },
    { name: 'the news list', visit: async (page) => void assert.equal((await page.goto(`${baseUrl()}/tin-tuc`))?.status(), 200) },
    {
      name: 'an article with its comment form',
      visit: async (page) => {
        await openNewestArticle(page)
        await page.locator('#binh-luan [data-captcha]').waitFor({ state: 'attached' })
      },
    },
    {
      name: 'the comment page showing its mistakes beside the fields',
      visit: async (page) => {
        const path = await openNewestArticle(page)
        await page.goto(`${baseUrl()}${path}/binh-luan`)
        const answer = page.waitForResponse((r) => r.request().method() === 'POST')
        await loadsNewDocument(page, () => page.locator('form.comment-form button[type="submit"]').click())
        assert.equal((await answer).status(), 422)
        assert.ok(await page.locator('.error-summary').isVisible())
        assert.ok(await page.locator('#f-authorName-error').isVisible())
      },
    },
    { name: 'the search page', visit: async (page) => void assert.equal((await page.goto(`${baseUrl()}/tim-kiem?q=${encodeURIComponent('dang ky')}`))?.status(), 200) },
    {
      name: 'a news category',
      visit: async (page) => {
        const category = (await openNewestArticle(page)).split('/')[2]
        assert.equal((await page.goto(`${baseUrl()}/tin-tuc/${category}`))?.status(), 200)
      },
    },
    { name: 'the procedure catalogue', visit: async (page) => void assert.equal((await page.goto(`${baseUrl()}/thu-tuc`))?.status(), 200) },
    {
      name: 'a procedure with its documents and fee',
      visit: async (page) => {
        assert.equal((await page.goto(`${baseUrl()}/thu-tuc`))?.status(), 200)
        await clickAndLoad(page, page.locator('main a[href^="/thu-tuc/"]').first())
        assert.match(new URL(page.url()).pathname, /^\/thu-tuc\/[^/]+$/)
      },
    },
    { name: 'the dossier lookup form', visit: async (page) => void assert.equal((await page.goto(`${baseUrl()}/tra-cuu`))?.status(), 200) },
    {
      name: 'an answered feedback item',
      visit: async (page) => {
        assert.equal((await page.goto(`${baseUrl()}/phan-anh`))?.status(), 200)
        await clickAndLoad(page, page.locator('main a[href^="/phan-anh/"]:not([href="/phan-anh/gui"]):not([href^="/phan-anh/theo-doi"])').first())
        assert.match(new URL(page.url()).pathname, /^\/phan-anh\/[^/]+$/)
      },
    },
    { name: 'the dialogue list', visit: async (page) => void assert.equal((await page.goto(`${baseUrl()}/doi-thoai`))?.status(), 200) },
    { name: 'the citizen reception schedule', visit: async (page) => void assert.equal((await page.goto(`${baseUrl()}/tiep-cong-dan`))?.status(), 200) },
    { name: 'the working-day calendar', visit: async (page) => void assert.equal((await page.goto(`${baseUrl()}/lich-lam-viec`))?.status(), 200) },
    { name: 'the public statistics', visit: async (page) => void assert.equal((await page.goto(`${baseUrl()}/thong-ke`))?.status(), 200) },
  ]

  for (const { name, visit } of publicPages) {
    it(`has no serious or critical WCAG 2.1 A/AA violations on ${name}, and fits 360 px`, options, async () => {
      const page = await freshPage()
      await visit(page)
      const violations = await seriousAxeViolations(page)
      assert.deepEqual(violations, [], listViolations(violations))

      const phone = await freshPage({ width: 360, height: 740 })
      await visit(phone)
      const width = await contentWidth(phone)
      assert.ok(width <= 360, `${name} is ${width} px wide at 360 px`)
    })
  }

  it('shows the home page’s ways in and figures, and reaches the dossier lookup with the keyboard', options, async () => {
    const page = await freshPage()
    await page.goto(`${baseUrl()}/`)
    const main = page.locator('main')
    for (const heading of [vi('portal.home.news'), vi('portal.home.dialogues'), vi('portal.home.answered')]) {
      assert.equal(await main.getByRole('heading', { name: heading, exact: true }).count(), 1, heading)
    }
    assert.match(await main.locator('#home-figures-title').innerText(), /^Kết quả phục vụ năm \d{4}$/)
    assert.equal(await main.locator('a[href="/phan-anh/gui"]').count(), 1)
    assert.ok((await main.locator('.home-list a[href^="/tin-tuc/"]').count()) > 0, 'the latest news is listed')

    await page.keyboard.press('Tab')
    assert.ok(await hasFocus(page.locator('a.skip-link')), `the first Tab reached ${await describeFocus(page)}`)
    await page.keyboard.press('Enter')
    let tabs = 0
    while (!(await hasFocus(page.locator('#f-code')))) {
      await page.keyboard.press('Tab')
      assert.ok(++tabs < 10, `the dossier code field is a few Tabs past the skip link; the focus is on ${await describeFocus(page)}`)
    }
    await page.keyboard.type('000.00.00.H00-260101-9999')
    await page.keyboard.press('Tab')
    await page.keyboard.type('123456')
    await loadsNewDocument(page, () => page.keyboard.press('Enter'))
    assert.equal(new URL(page.url()).pathname, '/tra-cuu')
    assert.ok(!page.url().includes('123456'), 'the PIN never goes in an address')
  })
})
