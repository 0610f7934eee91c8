/**
 * The applicant's evaluation in a real browser (Debian's chromium), without JavaScript doing any
 * of the work: the demo desk officer of Uyên Hưng receives a dossier through the form and returns
 * its result the same day; a resident in a browser of their own looks it up with code and PIN,
 * follows the lookup result's button to the evaluation form (code and PIN carried by POST), answers
 * the five asked indicators and sees the total of 18. axe-core checks the evaluation form (also
 * with its errors) and the leaders' summary page with its charts. Without chromium every test is
 * skipped with the reason (a failure under CI).
 */
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { messages as dossierMessages, pageMessages as dossierPageMessages } from '../../src/features/dossiers/index.ts'
import { PROCEDURE_CATALOGUE } from '../../src/features/procedures/procedure.catalogue-data.ts'
import { messages as ratingMessages } from '../../src/features/ratings/index.ts'
import { ASKED_INDICATORS } from '../../src/features/ratings/rating.ts'
import { DEMO_UNITS, demoSignIns } from '../../src/features/units/unit.seed.ts'
import { createI18n, mergeCatalogues } from '../../src/platform/i18n/i18n.ts'
import { baseMessages } from '../../src/views/messages.ts'
import { DossierPage } from './pages/desk-dossier.ts'
import { LookupPage } from './pages/desk-lookup.ts'
import { ReceivingForm } from './pages/desk-receiving.ts'
import { clickAndLoad } from './pages/navigation.ts'
import { SignInPage } from './pages/sign-in-page.ts'
import { browserUnavailableReason, launchBrowser, PageProblems, seriousAxeViolations, startDemoServer } from './support.ts'
import type { AxeViolation, DemoServer } from './support.ts'

const unavailable = browserUnavailableReason()
// Every test is skipped one by one with the reason, so the report counts what did not run.
const options = { skip: unavailable ?? false }

/** A demo account by username, straight from the seed. */
function demoAccount(username: string) {
  const account = demoSignIns().find((a) => a.username === username)
  if (!account) throw new Error(`the demo seed has no account ${username}`)
  return account
}

const deskOfficer = demoAccount('motcua.uyenhung')
const leader = demoAccount('chutich.uyenhung')
const uyenHung = DEMO_UNITS.find((u) => u.name === 'Phường Uyên Hưng')
if (!uyenHung) throw new Error('the demo seed has no unit Phường Uyên Hưng')
// The certificate of marital status: 3 working days; returned the same day, so early.
const procedure = PROCEDURE_CATALOGUE.find((p) => p.code === '1.004873')
if (!procedure) throw new Error('the procedure catalogue has no 1.004873')
const requiredDocuments = procedure.documents.filter((d) => d.isRequired).map((d) => d.name)
const applicant = { fullName: 'Huỳnh Thị Mỹ Dung', idNumber: '074198004321', phone: '0987 654 321', address: 'Số 5, khu phố 2, phường Uyên Hưng' }

// The wording of the pages, from the product's own catalogues.
const vi = createI18n(mergeCatalogues([baseMessages, dossierMessages, dossierPageMessages, ratingMessages])).translator('vi')

/** Axe's findings, one per line, for a failure message. */
function listViolations(violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`).join('\n')
}

describe('the applicant’s evaluation in chromium', () => {
  let demo: DemoServer | undefined
  let browser: Browser | undefined
  let contexts: BrowserContext[] = []
  let returned: Promise<{ code: string; pin: string }> | undefined
  const problems = new PageProblems()

  before(async () => {
    if (unavailable) return
    demo = await startDemoServer()
    browser = await launchBrowser()
  })

  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()))
    contexts = []
  })

  after(async () => {
    await browser?.close()
    await demo?.close()
  })

  /** The demo server's address. */
  const baseUrl = (): string => {
    if (!demo) throw new Error('the demo server did not start')
    return demo.url
  }

  /** A new tab with cookies of its own (nobody signed in), watched for console errors. */
  const freshPage = async (): Promise<Page> => {
    if (!browser) throw new Error('chromium did not start')
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    contexts.push(context)
    const page = await context.newPage()
    problems.watch(page)
    return page
  }

  /** A tab where a demo account has signed in. */
  const signedIn = async (account: { username: string; password: string }): Promise<Page> => {
    const page = await freshPage()
    const status = await new SignInPage(page, baseUrl()).open().then((form) => form.signIn(account.username, account.password))
    assert.equal(status, 303, `signing in as ${account.username} answered ${status}`)
    return page
  }

  /** Runs one of the dossier page's actions with its form as it stands, and waits for the page again. */
  const act = async (page: Page, action: string): Promise<void> => {
    const disclosure = page.locator(`details#action-${action}`)
    await disclosure.locator('summary').click()
    await clickAndLoad(page, disclosure.locator('button[type="submit"]'))
  }

  /** A dossier the desk officer received through the form and returned the same day. */
  const returnedDossier = (): Promise<{ code: string; pin: string }> => {
    returned ??= (async () => {
      const page = await signedIn(deskOfficer)
      const form = await new ReceivingForm(page, baseUrl()).open()
      await form.choose(uyenHung.code, procedure.code)
      await form.tick(requiredDocuments)
      await form.fillApplicant(applicant)
      assert.equal(await form.submit(), 303)
      const dossier = new DossierPage(page)
      assert.ok(dossier.isHere(), `receiving led to ${page.url()}`)
      const code = await dossier.summary(vi('dossiers.pages.dossier.code'))
      const pin = await dossier.summary(vi('dossiers.pages.dossier.pin'))
      await act(page, 'result_ready')
      await act(page, 'return')
      assert.equal((await dossier.statusTags.first().innerText()).trim(), vi('dossiers.status.returned'))
      return { code, pin }
    })()
    return returned
  }

  /** A resident's tab on the evaluation form, reached from the lookup result with code and PIN. */
  const evaluationForm = async (): Promise<{ page: Page; code: string; pin: string }> => {
    const { code, pin } = await returnedDossier()
    const page = await freshPage()
    const lookup = await new LookupPage(page, baseUrl()).open(code)
    assert.equal(await lookup.lookUp(code, pin), 200)
    await clickAndLoad(page, page.getByRole('button', { name: vi('ratings.pages.evaluation.lookup.button'), exact: true }))
    assert.equal(new URL(page.url()).pathname, '/tra-cuu/danh-gia/bat-dau')
    assert.ok(!page.url().includes(pin), 'the PIN stays out of the address')
    return { page, code, pin }
  }

  /** Submits the evaluation form and returns the HTTP status of the answer. */
  const submit = async (page: Page): Promise<number> => {
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/tra-cuu/danh-gia')
    await clickAndLoad(page, page.getByRole('button', { name: vi('ratings.pages.evaluation.submit'), exact: true }))
    return (await answer).status()
  }

  it('lets a resident evaluate a returned dossier from the lookup result and shows the total of 18', options, async () => {
    const { page, code, pin } = await evaluationForm()
    assert.equal(await page.locator('#f-code').inputValue(), code)
    assert.equal(await page.locator('#f-pin').inputValue(), pin, 'the PIN came with the lookup result')
    // The first choice of each asked indicator is its best level; of the overall answer, very satisfied.
    for (const indicator of ASKED_INDICATORS) {
      const best = page.getByRole('radio', { name: vi(`ratings.pages.evaluation.level.${indicator}.2`), exact: true })
      await best.check()
      assert.ok(await best.isChecked(), indicator)
    }
    await page.getByRole('radio', { name: vi('ratings.overall.very_satisfied'), exact: true }).check()
    await page.getByLabel(vi('ratings.pages.evaluation.comment')).fill('Cán bộ hướng dẫn tận tình, trả kết quả sớm.')
    assert.equal(await submit(page), 200)
    const main = await page.locator('main').innerText()
    assert.ok(main.includes(vi('ratings.pages.evaluation.thanks.total', { total: 18, band: vi('ratings.band.good') })), main)
    assert.ok(main.includes(vi('ratings.pages.evaluation.thanks.body', { code })))

    // Once only: the same form sent again is refused with a clear message.
    const again = await evaluationForm()
    for (const indicator of ASKED_INDICATORS) await again.page.getByRole('radio', { name: vi(`ratings.pages.evaluation.level.${indicator}.1`), exact: true }).check()
    await again.page.getByRole('radio', { name: vi('ratings.overall.satisfied'), exact: true }).check()
    assert.equal(await submit(again.page), 409)
    assert.ok((await again.page.locator('main').innerText()).includes(vi('ratings.errors.alreadyEvaluated')))
  })

  /** The pages axe-core checks, and how to reach each one. */
  const axePages: { name: string; visit: () => Promise<Page> }[] = [
    { name: 'the evaluation form', visit: async () => (await evaluationForm()).page },
    {
      name: 'the evaluation form with its errors',
      visit: async () => {
        const { page } = await evaluationForm()
        assert.equal(await submit(page), 422)
        assert.ok(await page.locator('main .error-summary').isVisible())
        return page
      },
    },
    {
      name: 'the leaders’ summary with its charts',
      visit: async () => {
        await returnedDossier()
        const page = await signedIn(leader)
        await page.goto(`${baseUrl()}/danh-gia`)
        assert.equal(await page.locator('main h1').innerText(), vi('ratings.pages.summary.title'))
        assert.ok((await page.locator('main figure.chart svg').count()) >= 2, 'both charts are drawn')
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

  it('runs the evaluation’s pages under the CSP without a blocked script, style or image', options, async () => {
    await returnedDossier()
    assert.deepEqual(problems.mentioning('Content Security Policy'), [])
    assert.deepEqual(problems.mentioning('uncaught exception'), [])
  })
})
