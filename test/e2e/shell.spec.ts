/**
 * The page shell in a real browser (Debian's chromium): signing in as the demo desk officer,
 * switching to English, signing out, a wrong password, the keyboard path through the sign-in
 * form, axe-core's WCAG 2.1 A/AA checks, a 360 px wide screen, and a CSP that blocks nothing
 * the pages need. Without chromium every test is skipped with the reason (a failure under CI).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { SESSION_COOKIE } from '../../src/platform/auth/tokens.ts'
import { DeskPage } from './pages/desk-page.ts'
import { describeFocus, hasFocus } from './pages/focus.ts'
import { Layout } from './pages/layout.ts'
import { loadsNewDocument } from './pages/navigation.ts'
import { SignInPage } from './pages/sign-in-page.ts'
import { textsIn } from './pages/texts.ts'
import { browserUnavailableReason, demoAccount, listViolations, seriousAxeViolations, useDemoInChromium } from './support.ts'

const unavailable = browserUnavailableReason()
// Every test is skipped one by one with the reason, so the report counts what did not run.
const options = { skip: unavailable ?? false }

const deskOfficer = demoAccount('motcua.uyenhung')
const specialist = demoAccount('chuyenvien.uyenhung')
const admin = demoAccount('admin')
const townLeader = demoAccount('chutich.tanuyen')

describe('the page shell in chromium', () => {
  const { baseUrl, freshPage, problems } = useDemoInChromium({ viewport: { width: 1280, height: 800 }, isUnavailable: unavailable !== null })

  /** Signs in through the form and returns the desk it lands on. */
  const signedIn = async (page: Page, account: { username: string; password: string } = deskOfficer): Promise<DeskPage> => {
    await new SignInPage(page, baseUrl()).signInAs(account)
    const desk = new DeskPage(page, baseUrl())
    assert.ok(desk.isHere(), `signing in led to ${page.url()}, not the desk`)
    return desk
  }

  it('signs the demo desk officer in through the form onto a Vietnamese desk with their name', options, async () => {
    const page = await freshPage()
    const form = await new SignInPage(page, baseUrl()).open()
    assert.equal(await form.layout.language(), 'vi')

    const status = await form.signIn(deskOfficer.username, deskOfficer.password)

    assert.equal(status, 303)
    const desk = new DeskPage(page, baseUrl())
    assert.ok(desk.isHere(), `landed on ${page.url()}`)
    assert.equal(await desk.layout.language(), 'vi')
    const vi = textsIn('vi')
    assert.equal((await desk.layout.heading.innerText()).trim(), vi('desk.greeting', { name: deskOfficer.fullName }))
    assert.equal((await desk.layout.accountName.innerText()).trim(), vi('nav.signedInAs', { name: deskOfficer.fullName }))
    assert.match(await page.title(), new RegExp(`^${vi('desk.title')} – `))
  })

  it('switches the same page to English with the language link in the layout', options, async () => {
    const page = await freshPage()
    const desk = await signedIn(page)
    const vi = textsIn('vi')
    const en = textsIn('en')
    assert.equal((await desk.layout.languageLink('en').innerText()).trim(), vi('language.en'))

    await desk.layout.switchLanguage('en')

    assert.ok(desk.isHere(), `the switch led to ${page.url()}, not back to the desk`)
    assert.equal(await desk.layout.language(), 'en')
    assert.equal((await desk.layout.heading.innerText()).trim(), en('desk.greeting', { name: deskOfficer.fullName }))
    assert.match(await page.title(), new RegExp(`^${en('desk.title')} – `))
    assert.equal(await (await desk.layout.signOutButton()).count(), 1, 'the sign-out button is labelled in English')
    assert.equal(await desk.layout.languageLink('en').count(), 0, 'English is now the current language, not a link')
    assert.equal(await desk.layout.languageLink('vi').count(), 1, 'a link leads back to Vietnamese')
  })

  it('signs out with the header button and the old session no longer opens the desk', options, async () => {
    const page = await freshPage()
    const desk = await signedIn(page)
    const session = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)
    assert.ok(session, 'signing in set the session cookie')

    await desk.layout.signOut()

    assert.equal(new URL(page.url()).pathname, '/')
    assert.equal((await desk.layout.flash.innerText()).includes(textsIn('vi')('auth.signOut.done')), true, 'the home page confirms the sign-out')
    assert.equal(await desk.layout.accountName.count(), 0, 'nobody is named in the header')
    assert.equal(await (await desk.layout.signInLink()).count(), 1, 'the header offers to sign in again')

    await desk.open()
    assert.equal(new URL(page.url()).pathname, '/sign-in', 'the desk sends a signed-out visitor to sign in')

    // Putting the old cookie back must not help: the server has ended the session, not just the browser.
    await page.context().addCookies([session])
    await desk.open()
    assert.equal(new URL(page.url()).pathname, '/sign-in', 'the old session cookie still opened the desk')
  })

  it('shows the error beside the password and keeps the username typed after a wrong password', options, async () => {
    const page = await freshPage()
    const form = await new SignInPage(page, baseUrl()).open()

    const status = await form.signIn(specialist.username, 'not-the-password')

    assert.equal(status, 401)
    assert.equal(new URL(page.url()).pathname, '/sign-in')
    const vi = textsIn('vi')
    const message = form.fieldError('password')
    assert.ok(await message.isVisible(), 'the password field shows an error message')
    assert.ok((await message.innerText()).includes(vi('auth.errors.invalid')), `the message reads: ${await message.innerText()}`)
    const describedBy = (await form.password.getAttribute('aria-describedby')) ?? ''
    assert.ok(describedBy.split(' ').includes('f-password-error'), 'the field is described by its error, so screen readers read it with the field')
    assert.equal(await form.password.getAttribute('aria-invalid'), 'true')
    assert.equal(await form.username.inputValue(), specialist.username)
    assert.equal(await form.password.inputValue(), '', 'a wrong password is not sent back to the page')
    assert.equal(await form.errorSummary.locator('a[href="#f-password"]').count(), 1, 'the error summary links to the field')
  })

  it('lets a keyboard reach the skip link first, then the fields and the button in order, and submit with Enter', options, async () => {
    const page = await freshPage()
    const form = await new SignInPage(page, baseUrl()).open()
    const stops: string[] = []

    // Walk with Tab from the top of the page, typing into each field as it is reached.
    for (let presses = 0; presses < 40 && !(await hasFocus(form.submitButton)); presses++) {
      await page.keyboard.press('Tab')
      stops.push(await describeFocus(page))
      if (presses === 0) assert.ok(await hasFocus(form.layout.skipLink), `the first Tab reached ${stops[0]}, not the skip link`)
      if (await hasFocus(form.username)) await page.keyboard.type(deskOfficer.username)
      if (await hasFocus(form.password)) await page.keyboard.type(deskOfficer.password)
    }

    assert.ok(await hasFocus(form.submitButton), `Tab never reached the submit button; stops: ${stops.join(' → ')}`)
    const lastThree = stops.slice(-3)
    assert.match(lastThree[0] ?? '', /^input#f-username/, `stops: ${stops.join(' → ')}`)
    assert.match(lastThree[1] ?? '', /^input#f-password/, `stops: ${stops.join(' → ')}`)
    assert.match(lastThree[2] ?? '', /^button/, `stops: ${stops.join(' → ')}`)

    await loadsNewDocument(page, () => page.keyboard.press('Enter'))

    const desk = new DeskPage(page, baseUrl())
    assert.ok(desk.isHere(), `Enter led to ${page.url()}`)
    assert.equal((await desk.layout.heading.innerText()).trim(), textsIn('vi')('desk.greeting', { name: deskOfficer.fullName }))
  })

  it('moves the focus past the header with the skip link, so the next Tab lands in the username field', options, async () => {
    const page = await freshPage()
    const form = await new SignInPage(page, baseUrl()).open()

    await page.keyboard.press('Tab')
    assert.ok(await hasFocus(form.layout.skipLink), `the first Tab reached ${await describeFocus(page)}`)
    await page.keyboard.press('Enter')
    assert.ok(await hasFocus(form.layout.main), `the skip link moved the focus to ${await describeFocus(page)}`)
    await page.keyboard.press('Tab')

    assert.ok(await hasFocus(form.username), `after the skip link, Tab reached ${await describeFocus(page)}`)
  })

  /** The pages axe-core checks, and how to reach each one in a fresh tab. */
  const axePages: { name: string; visit: (page: Page) => Promise<void> }[] = [
    {
      name: 'the home page',
      visit: async (page) => {
        assert.equal((await page.goto(`${baseUrl()}/`))?.status(), 200)
      },
    },
    {
      name: 'the sign-in page',
      visit: async (page) => {
        await new SignInPage(page, baseUrl()).open()
      },
    },
    {
      name: 'the sign-in page with errors',
      visit: async (page) => {
        const form = await new SignInPage(page, baseUrl()).open()
        assert.equal(await form.submit(), 422)
        assert.ok(await form.errorSummary.isVisible(), 'the empty form shows its error summary')
        assert.ok(await form.fieldError('username').isVisible(), 'the username field shows its error')
        assert.ok(await form.fieldError('password').isVisible(), 'the password field shows its error')
      },
    },
    {
      name: 'the desk page',
      visit: async (page) => {
        await signedIn(page)
      },
    },
    {
      name: 'the leadership dashboard with its charts and tables',
      visit: async (page) => {
        await new SignInPage(page, baseUrl()).signInAs(townLeader)
        assert.equal((await page.goto(`${baseUrl()}/admin/bang-dieu-khien`))?.status(), 200)
        assert.ok((await page.locator('svg').count()) > 0, 'the dashboard draws its charts as SVG')
      },
    },
    {
      name: 'the public statistics page',
      visit: async (page) => {
        assert.equal((await page.goto(`${baseUrl()}/thong-ke`))?.status(), 200)
      },
    },
    {
      name: 'the not-found page',
      visit: async (page) => {
        assert.equal((await page.goto(`${baseUrl()}/no-such-page`))?.status(), 404)
      },
    },
  ]

  for (const { name, visit } of axePages) {
    it(`has no serious or critical WCAG 2.1 A/AA violations on ${name}`, options, async () => {
      const page = await freshPage()
      await visit(page)
      const violations = await seriousAxeViolations(page)
      assert.deepEqual(violations, [], listViolations(violations))
    })
  }

  it('fits the home page on a 360 px wide screen without horizontal scrolling', options, async () => {
    const page = await freshPage({ width: 360, height: 740 })
    await page.goto(`${baseUrl()}/`)
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(scrollWidth <= 360, `the home page is ${scrollWidth} px wide at 360 px`)
  })

  it('runs every page under the CSP without a blocked script, style or image', options, async () => {
    // Visit what the other tests visit too, so this test stands on its own when run alone.
    const visitor = await freshPage()
    for (const path of ['/', '/sign-in', '/no-such-page']) await visitor.goto(`${baseUrl()}${path}`)
    const officer = await freshPage()
    const desk = await signedIn(officer)
    await desk.layout.switchLanguage('en')
    await new Layout(officer).signOut()
    const administrator = await freshPage()
    await signedIn(administrator, admin)
    for (const path of ['/admin', '/admin/units', '/admin/staff', '/account/password']) await administrator.goto(`${baseUrl()}${path}`)

    assert.deepEqual(problems.mentioning('Content Security Policy'), [])
    assert.deepEqual(problems.mentioning('uncaught exception'), [])
  })
})
