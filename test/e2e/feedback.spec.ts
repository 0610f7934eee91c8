/**
 * Feedback in a real browser (Debian's chromium), on the demo town: a resident sends a report with
 * a photo through /phan-anh/gui (the captcha's script solves the proof of work as it would for a
 * person), keeps the code and the private link; the town's demo moderator signs in, accepts the
 * report, assigns it to Uyên Hưng's specialist, answers and publishes it; the private link then
 * shows the answer and the photo, and the public list shows the report without any contact data.
 * axe-core checks the submit form (also with its errors), the follow page and the public list;
 * the submit form must fit a 360 px wide screen. Without chromium every test is skipped with the
 * reason (a failure under CI).
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { messages as feedbackMessages } from '../../src/features/feedback/index.ts'
import { DEMO_UNITS } from '../../src/features/units/unit.seed.ts'
import { createI18n, mergeCatalogues } from '../../src/platform/i18n/i18n.ts'
import { baseMessages } from '../../src/views/messages.ts'
import { clickAndLoad } from './pages/navigation.ts'
import { SignInPage } from './pages/sign-in-page.ts'
import { browserUnavailableReason, demoAccount, listViolations, seriousAxeViolations, useDemoInChromium } from './support.ts'

const unavailable = browserUnavailableReason()
// Every test is skipped one by one with the reason, so the report counts what did not run.
const options = { skip: unavailable ?? false }

const moderator = demoAccount('kiemduyet.tanuyen')
const specialist = demoAccount('chuyenvien.uyenhung')
const uyenHung = DEMO_UNITS.find((u) => u.name === 'Phường Uyên Hưng')
if (!uyenHung) throw new Error('the demo seed has no unit Phường Uyên Hưng')

// The wording of the pages, from the product's own catalogues.
const vi = createI18n(mergeCatalogues([baseMessages, feedbackMessages])).translator('vi')

/** What the resident types; the contact details must never reach a public page. */
const report = {
  title: 'Rác tồn đọng ở đầu hẻm 27 đường ĐT 746',
  description: 'Rác sinh hoạt không được thu gom từ thứ Hai, đã tràn ra lòng đường và bốc mùi.',
  address: 'Đầu hẻm 27, khu phố Uyên Hưng',
  name: 'Lâm Thị Mỹ Hạnh',
  phone: '0908 123 457',
  email: 'myhanh.demo@example.vn',
}
const answer = 'Tổ thu gom đã dọn sạch điểm rác sáng nay và sẽ thu gom đúng lịch vào thứ Hai, thứ Năm hằng tuần.'

describe('feedback in chromium', () => {
  const { baseUrl, freshPage, problems } = useDemoInChromium({ viewport: { width: 1280, height: 900 }, isUnavailable: unavailable !== null })
  let photoDir = ''
  let photoPath = ''
  let submitted: Promise<{ code: string; privateHref: string }> | undefined

  before(async () => {
    photoDir = mkdtempSync(join(tmpdir(), 'congso-e2e-photo-'))
    photoPath = join(photoDir, 'rac-hem-27.png')
    const png = await sharp({ create: { width: 480, height: 320, channels: 3, background: { r: 40, g: 120, b: 60 } } })
      .png()
      .toBuffer()
    writeFileSync(photoPath, png)
  })
  after(() => rmSync(photoDir, { recursive: true, force: true }))

  /** Opens the submit form in a tab. */
  const openSubmitForm = async (page: Page): Promise<void> => {
    const response = await page.goto(`${baseUrl()}/phan-anh/gui`)
    assert.equal(response?.status(), 200)
    assert.equal((await page.locator('main h1').innerText()).trim(), vi('feedback.pages.submit.title'))
  }

  /** Submits a form and returns the status of the POST's answer (303 when it redirects). */
  const submitAndLoad = async (page: Page, path: string, button: ReturnType<Page['locator']>): Promise<number> => {
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path)
    await clickAndLoad(page, button)
    return (await answer).status()
  }

  /** The resident's report, sent once through the form; its code and private link. */
  const submittedReport = (): Promise<{ code: string; privateHref: string }> => {
    submitted ??= (async (): Promise<{ code: string; privateHref: string }> => {
      const page = await freshPage()
      await openSubmitForm(page)
      await page.getByRole('radio', { name: vi('feedback.categories.waste_collection'), exact: true }).check()
      await page.getByLabel(vi('feedback.questions.waste_problem')).selectOption('missed')
      await page.getByLabel(vi('feedback.pages.submit.unit')).selectOption(uyenHung.code)
      await page.locator('#f-title').fill(report.title)
      await page.locator('#f-description').fill(report.description)
      await page.locator('#f-address').fill(report.address)
      await page.locator('#f-latitude').fill('11.0768')
      await page.locator('#f-longitude').fill('106.7880')
      await page.locator('#f-photos').setInputFiles(photoPath)
      await page.getByRole('radio', { name: vi('feedback.pages.submit.named'), exact: true }).check()
      await page.locator('#f-contactName').fill(report.name)
      await page.locator('#f-contactPhone').fill(report.phone)
      await page.locator('#f-contactEmail').fill(report.email)
      await page.getByRole('radio', { name: vi('feedback.pages.submit.publicYes'), exact: true }).check()
      const status = await submitAndLoad(page, '/phan-anh/gui', page.getByRole('button', { name: vi('feedback.pages.submit.submit'), exact: true }))
      assert.equal(status, 303, await page.locator('main').innerText())
      assert.equal(new URL(page.url()).pathname, '/phan-anh/gui/da-gui')
      const code = (await page.locator('main code.secret-value').innerText()).trim()
      assert.match(code, /^PA-\d{6}-\d{4,}$/)
      const main = await page.locator('main').innerText()
      assert.ok(main.includes(vi('feedback.pages.submitted.keepIt')), 'the page says plainly to keep the link')
      const privateHref = (await page.getByRole('link', { name: vi('feedback.pages.submitted.open'), exact: true }).getAttribute('href')) ?? ''
      assert.ok(privateHref.startsWith(`/phan-anh/theo-doi/${code}?t=`), `the private link is ${privateHref}`)
      const shownUrl = await page.locator('#f-privateUrl').inputValue()
      assert.ok(shownUrl.endsWith(privateHref), 'the full link is there to copy')
      return { code, privateHref }
    })()
    return submitted
  }

  /** A tab where a demo account has signed in. */
  const signedIn = async (account: { username: string; password: string }): Promise<Page> => {
    const page = await freshPage()
    await new SignInPage(page, baseUrl()).signInAs(account)
    return page
  }

  /** Opens one action's disclosure on the staff page, lets `fill` fill its form, sends it and expects the success flash. */
  const act = async (page: Page, action: string, fill: (form: ReturnType<Page['locator']>) => Promise<void> = async () => {}): Promise<void> => {
    const disclosure = page.locator(`details#action-${action}`)
    await disclosure.locator('summary').click()
    await fill(disclosure)
    await clickAndLoad(page, disclosure.locator('button[type="submit"]'))
    const flash = await page.locator('main .notice').first().innerText()
    assert.ok(flash.includes(vi('feedback.pages.staff.acted', { action: vi(`feedback.actions.${action}`) })), `after ${action}: ${await page.locator('main').innerText()}`)
  }

  /** The report, handled by the moderator from acceptance to a published answer. */
  let answered: Promise<{ code: string; privateHref: string }> | undefined
  const answeredReport = (): Promise<{ code: string; privateHref: string }> => {
    answered ??= (async (): Promise<{ code: string; privateHref: string }> => {
      const sent = await submittedReport()
      const page = await signedIn(moderator)
      assert.equal((await page.goto(`${baseUrl()}/admin/phan-anh?status=new`))?.status(), 200)
      await clickAndLoad(page, page.getByRole('link', { name: sent.code, exact: true }))
      assert.equal(new URL(page.url()).pathname, `/admin/phan-anh/${sent.code}`)
      const details = await page.locator('main').innerText()
      assert.ok(details.includes(report.name) && details.includes(report.email), 'the moderator sees the sender’s contact')
      assert.equal(await page.locator('main img.photo-thumb').count(), 1, 'the moderator sees the photo')

      await act(page, 'accept')
      await act(page, 'assign', async (form) => {
        await form.locator('select[name="assign.assigneeUsername"]').selectOption(specialist.username)
        assert.match(await form.locator('input[name="assign.dueAt"]').inputValue(), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'a due date is proposed')
      })
      await act(page, 'answer', async (form) => {
        await form.locator('textarea[name="answer.text"]').fill(answer)
      })
      await act(page, 'publish')
      assert.equal((await page.locator('main .tag').first().innerText()).trim(), vi('feedback.status.answered'))
      return sent
    })()
    return answered
  }

  it('lets a resident send a report with a photo and gives the code and the private link', options, async () => {
    const { code, privateHref } = await submittedReport()
    const page = await freshPage()
    assert.equal((await page.goto(`${baseUrl()}${privateHref}`))?.status(), 200)
    const main = await page.locator('main').innerText()
    assert.ok(main.includes(report.title))
    assert.ok(main.includes(vi('feedback.pages.residentStatus.new')), main)
    assert.ok(main.includes(code))
  })

  it('lets the demo moderator accept, assign, answer and publish, and the private link then shows the answer and the photo', options, async () => {
    const { privateHref } = await answeredReport()
    const page = await freshPage()
    assert.equal((await page.goto(`${baseUrl()}${privateHref}`))?.status(), 200)
    const main = await page.locator('main').innerText()
    assert.ok(main.includes(answer), main)
    assert.ok(main.includes(vi('feedback.pages.follow.rateTitle')), 'the resident is offered to rate the answer')
    const photo = page.locator('main img.photo-thumb')
    assert.equal(await photo.count(), 1)
    const width = await photo.evaluate(async (img: HTMLImageElement) => {
      if (!img.complete) await new Promise((resolve) => img.addEventListener('load', resolve, { once: true }))
      return img.naturalWidth
    })
    assert.ok(width > 0, 'the photo loads through the private link')
  })

  it('shows the published report on the public list with its answer and without any contact data', options, async () => {
    const { code } = await answeredReport()
    const page = await freshPage()
    assert.equal((await page.goto(`${baseUrl()}/phan-anh`))?.status(), 200)
    const item = page.locator('main .feedback-item', { has: page.getByRole('link', { name: report.title, exact: true }) })
    assert.equal(await item.count(), 1, 'the report is listed')
    const text = await item.innerText()
    assert.ok(text.includes(code) && text.includes(answer), text)
    const html = await page.content()
    for (const personal of [report.name, report.phone, report.email]) assert.ok(!html.includes(personal), `the public list shows ${personal}`)
    await clickAndLoad(page, page.getByRole('link', { name: report.title, exact: true }))
    const itemHtml = await page.content()
    for (const personal of [report.name, report.phone, report.email]) assert.ok(!itemHtml.includes(personal), `the public item shows ${personal}`)
    assert.ok((await page.locator('main').innerText()).includes(answer))
  })

  /** The pages axe-core checks, and how to reach each one. */
  const axePages: { name: string; visit: () => Promise<Page> }[] = [
    {
      name: 'the submit form',
      visit: async () => {
        const page = await freshPage()
        await openSubmitForm(page)
        return page
      },
    },
    {
      name: 'the submit form with its errors',
      visit: async () => {
        const page = await freshPage()
        await openSubmitForm(page)
        const status = await submitAndLoad(page, '/phan-anh/gui', page.getByRole('button', { name: vi('feedback.pages.submit.submit'), exact: true }))
        assert.equal(status, 422)
        assert.ok(await page.locator('main .error-summary').isVisible())
        return page
      },
    },
    {
      name: 'the follow page with an answer',
      visit: async () => {
        const { privateHref } = await answeredReport()
        const page = await freshPage()
        await page.goto(`${baseUrl()}${privateHref}`)
        return page
      },
    },
    {
      name: 'the public list',
      visit: async () => {
        await answeredReport()
        const page = await freshPage()
        await page.goto(`${baseUrl()}/phan-anh`)
        return page
      },
    },
  ]

  for (const { name, visit } of axePages) {
    it(`has no serious or critical WCAG 2.1 A/AA violations on ${name}`, options, async () => {
      const page = await visit()
      const violations = await seriousAxeViolations(page)
      assert.deepEqual(violations, [], listViolations(violations))
    })
  }

  it('fits the submit form, and the public list with its filters, on a 360 px wide screen without horizontal scrolling', options, async () => {
    const page = await freshPage({ width: 360, height: 740 })
    await openSubmitForm(page)
    const formWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(formWidth <= 360, `the submit form is ${formWidth} px wide at 360 px`)
    await page.goto(`${baseUrl()}/phan-anh`)
    const listWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(listWidth <= 360, `the public list is ${listWidth} px wide at 360 px`)
  })

  it('runs the feedback pages under the CSP without a blocked script, style or image, and without a script error', options, async () => {
    await answeredReport()
    assert.deepEqual(problems.mentioning('Content Security Policy'), [])
    assert.deepEqual(problems.mentioning('uncaught exception'), [])
  })
})
