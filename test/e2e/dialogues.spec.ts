/**
 * Direct dialogues in a real browser (Debian's chromium), on the demo town: the town's demo
 * moderator plans a dialogue of Uyên Hưng with its chair as host and its specialist as secretary,
 * and opens it for questions; a resident sends a question through the session's page (the
 * captcha's script solves the proof of work as it would for a person); the moderator publishes
 * it. The session is then brought forward to this morning, so that it has begun; the secretary,
 * on a phone-sized screen, records the answer and a commitment with a due date and marks the
 * session held; the moderator publishes the minutes. The minutes show the answer and the
 * commitment; the commitment is a tracked item of the feedback module, with its due date on the
 * staff queue and its public status on the session's page. axe-core checks the session page with
 * its question form (also with its errors), the session page after it, and the minutes; the
 * secretary's page must fit a 360 px wide screen. Without chromium every test is skipped with the
 * reason (a failure under CI).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Locator, Page } from 'playwright-core'
import { formatInstant } from '../../src/features/calendar/index.ts'
import { messages as dialogueMessages } from '../../src/features/dialogues/index.ts'
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

const organiser = demoAccount('kiemduyet.tanuyen')
const chair = demoAccount('chutich.uyenhung')
const secretary = demoAccount('chuyenvien.uyenhung')
const uyenHung = DEMO_UNITS.find((u) => u.name === 'Phường Uyên Hưng')
if (!uyenHung) throw new Error('the demo seed has no unit Phường Uyên Hưng')

// The wording of the pages, from the product's own catalogues.
const vi = createI18n(mergeCatalogues([baseMessages, feedbackMessages, dialogueMessages])).translator('vi')

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** An instant as a datetime-local input takes it, in Vietnam time: "2026-03-05T08:00". */
function localInput(at: Date): string {
  return formatInstant(at).slice(0, 16)
}

/** The civil date of an instant in Vietnam, as a date input takes it, and as pages write it. */
function dateParts(at: Date): { input: string; shown: string } {
  const iso = formatInstant(at).slice(0, 10)
  const [year, month, day] = iso.split('-')
  return { input: iso, shown: `${day}/${month}/${year}` }
}

const session = {
  topic: 'Thu gom rác thải sinh hoạt ở khu phố Uyên Hưng',
  otherTopic: 'Trật tự đô thị và lấn chiếm vỉa hè đường ĐT 746',
  venue: 'Hội trường Ủy ban nhân dân phường Uyên Hưng',
  // Tomorrow at eight in the morning, Vietnam time: questions are taken until then.
  startsAt: localInput(new Date(Math.floor((Date.now() + DAY) / HOUR) * HOUR)),
}
const question = {
  name: 'Lâm Thị Mỹ Hạnh',
  area: 'Khu phố 3, phường Uyên Hưng',
  contact: 'myhanh.demo@example.vn',
  text: 'Xe thu gom rác không đến hẻm 27 đường ĐT 746 vào thứ Năm; xin cho biết khi nào có lịch thu gom mới?',
}
const answer = 'Từ tuần sau tổ thu gom bổ sung chuyến thứ Năm cho hẻm 27 và các hẻm lân cận.'
const commitment = {
  responsible: 'Tổ thu gom rác phường Uyên Hưng',
  content: 'Bổ sung chuyến thu gom rác thứ Năm hằng tuần cho hẻm 27 đường ĐT 746.',
  due: dateParts(new Date(Date.now() + 30 * DAY)),
}

describe('direct dialogues in chromium', () => {
  const { baseUrl, freshPage, problems } = useDemoInChromium({ viewport: { width: 1280, height: 900 }, isUnavailable: unavailable !== null })

  /** A tab where a demo account has signed in. */
  const signedIn = async (account: { username: string; password: string }, viewport?: { width: number; height: number }): Promise<Page> => {
    const page = await freshPage(viewport)
    await new SignInPage(page, baseUrl()).signInAs(account)
    return page
  }

  /** Submits a form with its button and returns the status of the POST's answer (303 when it redirects). */
  const submitAndLoad = async (page: Page, button: Locator): Promise<number> => {
    const posted = page.waitForResponse((r) => r.request().method() === 'POST')
    await clickAndLoad(page, button)
    return (await posted).status()
  }

  /** The success notice of the page after a form, failing with the page's text when there is none. */
  const expectFlash = async (page: Page, words: string): Promise<void> => {
    const main = await page.locator('main').innerText()
    assert.ok(main.includes(words), `expected "${words}" on ${page.url()}:\n${main.slice(0, 1500)}`)
  }

  /** Opens a status action's disclosure on the session's staff page and sends it. */
  const takeAction = async (page: Page, action: string): Promise<void> => {
    const disclosure = page.locator(`details#action-${action}`)
    await disclosure.locator('summary').click()
    assert.equal(await submitAndLoad(page, disclosure.locator('button[type="submit"]')), 303, await page.locator('main').innerText())
    await expectFlash(page, vi('dialogues.pages.manage.acted', { action: vi(`dialogues.actions.${action}`) }))
  }

  /** Plans a dialogue of Uyên Hưng through the create form as the moderator, and opens it for questions: its id. */
  const planSession = async (topic: string): Promise<number> => {
    const page = await signedIn(organiser)
    assert.equal((await page.goto(`${baseUrl()}/admin/doi-thoai`))?.status(), 200)
    const form = page.locator('form[action="/admin/doi-thoai"][method="post"]')
    await form.locator('#f-unitCode').selectOption(uyenHung.code)
    await form.locator('#f-topic').fill(topic)
    await form.locator('#f-startsAt').fill(session.startsAt)
    await form.locator('#f-venue').fill(session.venue)
    await form.locator('#f-secretaryUsername').selectOption(secretary.username)
    await form.locator('#f-host1').selectOption(chair.username)
    assert.equal(await submitAndLoad(page, form.getByRole('button', { name: vi('dialogues.pages.staff.createSubmit'), exact: true })), 303, await page.locator('main').innerText())
    const id = Number(/\/admin\/doi-thoai\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1])
    assert.ok(id > 0, `the session's page: ${page.url()}`)
    await expectFlash(page, vi('dialogues.pages.staff.created'))
    await takeAction(page, 'open_questions')
    return id
  }

  /** The dialogue the story follows, planned and open for questions. */
  let planned: Promise<number> | undefined
  const plannedSession = (): Promise<number> => (planned ??= planSession(session.topic))

  /** Another dialogue that keeps taking questions, for the checks of the form. */
  let other: Promise<number> | undefined
  const openSession = (): Promise<number> => (other ??= planSession(session.otherTopic))

  /** Opens the session's public page in a fresh tab. */
  const publicPage = async (id: number, viewport?: { width: number; height: number }): Promise<Page> => {
    const page = await freshPage(viewport)
    assert.equal((await page.goto(`${baseUrl()}/doi-thoai/${id}`))?.status(), 200)
    return page
  }

  /** The resident's question, sent through the form and published by the moderator. */
  let asked: Promise<number> | undefined
  const publishedQuestion = (): Promise<number> => {
    asked ??= (async (): Promise<number> => {
      const id = await plannedSession()
      const page = await publicPage(id)
      await page.getByRole('radio', { name: vi('dialogues.pages.ask.named'), exact: true }).check()
      await page.locator('#f-askerName').fill(question.name)
      await page.locator('#f-residentialArea').fill(question.area)
      await page.locator('#f-contact').fill(question.contact)
      await page.locator('#f-text').fill(question.text)
      const status = await submitAndLoad(page, page.getByRole('button', { name: vi('dialogues.pages.ask.submit'), exact: true }))
      assert.equal(status, 303, await page.locator('main').innerText())
      await expectFlash(page, vi('dialogues.pages.ask.sent'))
      assert.ok(!(await page.locator('main').innerText()).includes(question.text), 'the question waits for a moderator')

      const staff = await signedIn(organiser)
      assert.equal((await staff.goto(`${baseUrl()}/admin/doi-thoai/${id}`))?.status(), 200)
      const item = staff.locator('main li.feedback-item', { hasText: question.text })
      assert.ok((await item.innerText()).includes(question.contact), 'the moderator sees the contact the resident left')
      assert.equal(await submitAndLoad(staff, item.getByRole('button', { name: new RegExp(`^${vi('dialogues.pages.moderate.publish')}`) })), 303)
      await expectFlash(staff, vi('dialogues.pages.moderate.acted', { action: vi('dialogues.moderation.publish') }))

      // The session was brought forward to this morning, so it has begun: the record can be kept.
      await staff.locator('details#sua summary').click()
      await staff.locator('#f-startsAt').fill(localInput(new Date(Date.now() - 2 * HOUR)))
      await staff.locator('#f-endsAt').fill(localInput(new Date(Date.now() + 2 * HOUR)))
      assert.equal(await submitAndLoad(staff, staff.locator('details#sua button[type="submit"]')), 303, await staff.locator('main').innerText())
      await expectFlash(staff, vi('dialogues.pages.manage.updated'))
      return id
    })()
    return asked
  }

  /** The secretary's page on a phone-sized screen. */
  const secretaryPage = async (id: number): Promise<Page> => {
    const page = await signedIn(secretary, { width: 360, height: 740 })
    assert.equal((await page.goto(`${baseUrl()}/admin/doi-thoai/${id}/thu-ky`))?.status(), 200)
    return page
  }

  /** The session recorded by the secretary and its minutes published by the moderator. */
  let recorded: Promise<number> | undefined
  const publishedMinutes = (): Promise<number> => {
    recorded ??= (async (): Promise<number> => {
      const id = await publishedQuestion()
      const page = await secretaryPage(id)
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= 360, `the secretary's page is ${width} px wide at 360 px during the session`)
      const item = page.locator('main li.feedback-item', { hasText: question.text })
      await item.locator('textarea[name$=".answer"]').fill(answer)
      await item.locator('input[name$=".answeredBy"]').fill('Chủ tịch UBND phường Uyên Hưng')
      assert.equal(await submitAndLoad(page, item.locator('button[type="submit"]')), 303, await page.locator('main').innerText())
      await expectFlash(page, vi('dialogues.pages.secretary.answered'))

      const form = page.locator('form[action$="/thu-ky/cam-ket"]')
      await form.locator('select[name="commitment.questionId"]').selectOption({ index: 1 })
      await form.locator('select[name="commitment.responsibleUnitCode"]').selectOption(uyenHung.code)
      await form.locator('input[name="commitment.responsible"]').fill(commitment.responsible)
      await form.locator('textarea[name="commitment.content"]').fill(commitment.content)
      await form.locator('input[name="commitment.dueAt"]').fill(commitment.due.input)
      assert.equal(await submitAndLoad(page, form.locator('button[type="submit"]')), 303, await page.locator('main').innerText())
      await expectFlash(page, vi('dialogues.pages.secretary.commitmentAdded'))

      const held = page.locator('form[action$="/thu-ky/ket-thuc"]')
      await held.locator('textarea[name="minutes.participants"]').fill('Đại diện Mặt trận Tổ quốc phường, trưởng khu phố và nhân dân khu phố 3.')
      await held.locator('input[name="minutes.attendance"]').fill('74')
      await held.locator('textarea[name="minutes.summary"]').fill('Giao tổ thu gom bổ sung chuyến thứ Năm; báo cáo kết quả trong tháng.')
      assert.equal(await submitAndLoad(page, held.locator('button[type="submit"]')), 303, await page.locator('main').innerText())
      await expectFlash(page, vi('dialogues.pages.secretary.held'))

      const staff = await signedIn(organiser)
      assert.equal((await staff.goto(`${baseUrl()}/admin/doi-thoai/${id}`))?.status(), 200)
      await takeAction(staff, 'publish_minutes')
      return id
    })()
    return recorded
  }

  it('lets a resident send a question before the session, which shows once the moderator publishes it', options, async () => {
    const id = await publishedQuestion()
    const page = await publicPage(id)
    const main = await page.locator('main').innerText()
    assert.ok(main.includes(question.text), main)
    assert.ok(main.includes(question.name), 'the resident chose to give a name')
    assert.ok(!(await page.content()).includes(question.contact), 'the contact is never public')
  })

  it('lets the secretary record the answer and a commitment, and the published minutes show both', options, async () => {
    const id = await publishedMinutes()
    const page = await freshPage()
    assert.equal((await page.goto(`${baseUrl()}/doi-thoai/${id}/bien-ban`))?.status(), 200)
    const sheet = await page.locator('main article.sheet').innerText()
    for (const words of [vi('dialogues.pages.minutes.title'), session.topic, question.text, answer, commitment.content, commitment.responsible, commitment.due.shown]) {
      assert.ok(sheet.includes(words), `the minutes show "${words}":\n${sheet}`)
    }
    assert.ok(!(await page.content()).includes(question.contact), 'the minutes never show a contact')
    // Printed, only the sheet is on paper.
    await page.emulateMedia({ media: 'print' })
    assert.equal(await page.locator('header.site-header').isVisible(), false)
    assert.equal(await page.locator('main article.sheet').isVisible(), true)
  })

  it('tracks the commitment in the feedback module with its due date, and shows its status on the session page', options, async () => {
    const id = await publishedMinutes()
    const staff = await signedIn(organiser)
    assert.equal((await staff.goto(`${baseUrl()}/admin/phan-anh`))?.status(), 200)
    const row = staff.locator('main tr', { hasText: commitment.content })
    assert.equal(await row.count(), 1, await staff.locator('main').innerText())
    const line = await row.innerText()
    assert.ok(line.includes(commitment.due.shown), `the tracked item is due ${commitment.due.shown}: ${line}`)
    assert.ok(line.includes(vi('feedback.status.assigned')), line)
    assert.ok(line.includes(uyenHung.name), 'the responsible unit handles it')

    const page = await publicPage(id)
    const item = page.locator('main #cam-ket ~ ol li.feedback-item', { hasText: commitment.content })
    const text = await item.innerText()
    assert.ok(text.includes(vi('feedback.status.assigned')), text)
    assert.ok(text.includes(vi('dialogues.pages.dueOn', { date: commitment.due.shown })), text)
    assert.ok((await page.locator('main').innerText()).includes(answer))
  })

  /** The pages axe-core checks, and how to reach each one. */
  const axePages: { name: string; visit: () => Promise<Page> }[] = [
    {
      name: 'the session page with its question form',
      visit: async () => {
        // A session of its own, still taking questions.
        const id = await openSession()
        const page = await publicPage(id)
        assert.ok(await page.locator('form[action$="/cau-hoi"]').isVisible())
        return page
      },
    },
    {
      name: 'the question form with its errors',
      visit: async () => {
        const id = await openSession()
        const page = await publicPage(id)
        assert.equal(await submitAndLoad(page, page.getByRole('button', { name: vi('dialogues.pages.ask.submit'), exact: true })), 422)
        assert.ok(await page.locator('main .error-summary').isVisible())
        return page
      },
    },
    {
      name: 'the session page after the session',
      visit: async () => publicPage(await publishedMinutes()),
    },
    {
      name: 'the minutes',
      visit: async () => {
        const id = await publishedMinutes()
        const page = await freshPage()
        await page.goto(`${baseUrl()}/doi-thoai/${id}/bien-ban`)
        return page
      },
    },
    {
      name: 'the secretary’s page',
      visit: async () => secretaryPage(await publishedMinutes()),
    },
  ]

  for (const { name, visit } of axePages) {
    it(`has no serious or critical WCAG 2.1 A/AA violations on ${name}`, options, async () => {
      const page = await visit()
      const violations = await seriousAxeViolations(page)
      assert.deepEqual(violations, [], listViolations(violations))
    })
  }

  it('fits the secretary’s page, and the session page with its form, on a 360 px wide screen without horizontal scrolling', options, async () => {
    // A session still taking questions: the secretary's page shows every form it has.
    const id = await openSession()
    const page = await secretaryPage(id)
    for (const form of ['/thu-ky/cau-hoi', '/thu-ky/cam-ket']) assert.ok(await page.locator(`form[action$="${form}"]`).isVisible(), `the form ${form} is shown`)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 360, `the secretary's page is ${width} px wide at 360 px`)
    const resident = await publicPage(id, { width: 360, height: 740 })
    assert.ok(await resident.locator('form[action$="/cau-hoi"]').isVisible())
    const publicWidth = await resident.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(publicWidth <= 360, `the session page is ${publicWidth} px wide at 360 px`)
  })

  it('runs the dialogue pages under the CSP without a blocked script, style or image, and without a script error', options, async () => {
    await publishedMinutes()
    assert.deepEqual(problems.mentioning('Content Security Policy'), [])
    assert.deepEqual(problems.mentioning('uncaught exception'), [])
  })
})
