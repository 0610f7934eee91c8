/**
 * The one-stop desk in a real browser (Debian's chromium), without JavaScript doing any of the
 * work: the demo desk officer of Uyên Hưng signs in, receives a dossier for a seeded procedure
 * with every required document ticked, opens the printable receipt (code, PIN, QR code), and a
 * resident in a browser of their own looks the dossier up with the code and PIN. axe-core checks
 * the receiving form, the dossier page, the receipt and the lookup page. Without chromium every
 * test is skipped with the reason (a failure under CI).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { maskName } from '../../src/features/dossiers/index.ts'
import { PROCEDURE_CATALOGUE } from '../../src/features/procedures/procedure.catalogue-data.ts'
import { DEMO_UNITS } from '../../src/features/units/unit.seed.ts'
import { DossierPage } from './pages/desk-dossier.ts'
import type { ReceiptPage } from './pages/desk-dossier.ts'
import { LookupPage } from './pages/desk-lookup.ts'
import { ReceivingForm } from './pages/desk-receiving.ts'
import { deskTextsIn } from './pages/desk-texts.ts'
import { SignInPage } from './pages/sign-in-page.ts'
import { browserUnavailableReason, demoAccount, listViolations, seriousAxeViolations, useDemoInChromium } from './support.ts'

const unavailable = browserUnavailableReason()
// Every test is skipped one by one with the reason, so the report counts what did not run.
const options = { skip: unavailable ?? false }

const deskOfficer = demoAccount('motcua.uyenhung')
const uyenHung = DEMO_UNITS.find((u) => u.name === 'Phường Uyên Hưng')
if (!uyenHung) throw new Error('the demo seed has no unit Phường Uyên Hưng')
// The certificate of marital status: 3 working days, two required documents (one only shown).
const procedure = PROCEDURE_CATALOGUE.find((p) => p.code === '1.004873')
if (!procedure) throw new Error('the procedure catalogue has no 1.004873')
const requiredDocuments = procedure.documents.filter((d) => d.isRequired).map((d) => d.name)
const applicant = { fullName: 'Trần Thị Bích Ngọc', idNumber: '074198001234', phone: '0912 345 678', address: 'Số 12, khu phố 3, phường Uyên Hưng' }

const vi = deskTextsIn('vi')

/** A dossier received in the browser: where its page is, and what the applicant was given. */
interface Received {
  readonly href: string
  readonly code: string
  readonly pin: string
}

describe('the one-stop desk in chromium', () => {
  const { baseUrl, freshPage, problems } = useDemoInChromium({ viewport: { width: 1280, height: 900 }, isUnavailable: unavailable !== null })
  let received: Promise<Received> | undefined

  /** A tab where the demo desk officer of Uyên Hưng has signed in. */
  const officerPage = async (): Promise<Page> => {
    const page = await freshPage()
    await new SignInPage(page, baseUrl()).signInAs(deskOfficer)
    return page
  }

  /** Receives a dossier through the form, step by step, ticking every required document. */
  const receiveThroughTheForm = async (page: Page): Promise<DossierPage> => {
    const form = await new ReceivingForm(page, baseUrl()).open()
    assert.equal(await form.unit.inputValue(), uyenHung.code, 'the officer’s only unit is chosen already')
    await form.choose(uyenHung.code, procedure.code)
    for (const name of procedure.documents.map((d) => d.name)) assert.equal(await form.documentBox(name).count(), 1, `the checklist shows “${name}”`)
    await form.tick(requiredDocuments)
    await form.fillApplicant(applicant)
    assert.equal(await form.submit(), 303)
    const dossier = new DossierPage(page)
    assert.ok(dossier.isHere(), `receiving led to ${page.url()}`)
    return dossier
  }

  /** The dossier of this run, received once and shared by the tests that only look at it. */
  const receivedDossier = (): Promise<Received> => {
    received ??= (async () => {
      const page = await officerPage()
      const dossier = await receiveThroughTheForm(page)
      return { href: page.url(), code: await dossier.summary(vi('dossiers.pages.dossier.code')), pin: await dossier.summary(vi('dossiers.pages.dossier.pin')) }
    })()
    return received
  }

  it('receives a dossier, prints its receipt with code, PIN and QR code, and a resident follows it with the PIN', options, async () => {
    const page = await officerPage()
    const dossier = await receiveThroughTheForm(page)
    const code = await dossier.summary(vi('dossiers.pages.dossier.code'))
    const pin = await dossier.summary(vi('dossiers.pages.dossier.pin'))
    assert.ok((await dossier.layout.flash.innerText()).includes(vi('dossiers.pages.flash.received', { code })), 'the page confirms the receipt')
    assert.match(code, new RegExp(`^${uyenHung.agencyCode.replace(/\./g, '\\.')}-\\d{6}-\\d{4}$`))
    assert.match(pin, /^\d{6}$/)
    assert.equal((await dossier.statusTags.first().innerText()).trim(), vi('dossiers.status.received'))

    const receipt: ReceiptPage = await dossier.openPrint(vi('dossiers.pages.print.receipt'))
    const sheet = await receipt.text()
    assert.ok(sheet.includes(vi('dossiers.pages.sheet.receipt.title')), 'the sheet is the receipt and appointment slip')
    assert.ok(sheet.includes(vi('dossiers.pages.sheet.codeLine', { code })), `the receipt shows the code ${code}`)
    assert.ok(sheet.includes(vi('dossiers.pages.sheet.receipt.pin', { pin })), 'the receipt shows the PIN')
    assert.ok(sheet.includes(applicant.fullName), 'the receipt names the applicant')
    assert.ok(await receipt.qrCode.isVisible(), 'the receipt shows the QR code')
    assert.ok((await receipt.qrCode.locator('path').count()) > 0, 'the QR code is drawn')

    // The resident, in a browser of their own, with what the receipt gave them.
    const resident = await freshPage()
    const lookup = await new LookupPage(resident, baseUrl()).open(code)
    assert.equal(await lookup.code.inputValue(), code, 'the QR code’s address fills the code in')
    assert.equal(await lookup.lookUp(code, pin), 200)
    assert.equal((await lookup.statusTags.first().innerText()).trim(), vi('dossiers.status.received'))
    assert.equal(await lookup.summary(vi('dossiers.pages.lookup.applicant')), maskName(applicant.fullName))
    assert.ok(!(await resident.locator('main').innerText()).includes(applicant.fullName), 'the full name stays hidden from the public')
  })

  it('gives a resident with a wrong PIN the neutral message and no dossier', options, async () => {
    const { code, pin } = await receivedDossier()
    const lookup = await new LookupPage(await freshPage(), baseUrl()).open(code)
    assert.equal(await lookup.lookUp(code, pin === '000000' ? '000001' : '000000'), 404)
    assert.ok((await lookup.errorSummary.innerText()).includes(vi('dossiers.errors.lookupNotFound')))
    assert.equal(await lookup.statusTags.count(), 0)
  })

  /** The pages axe-core checks, and how to reach each one. */
  const axePages: { name: string; visit: () => Promise<Page> }[] = [
    {
      name: 'the receiving form with its checklist',
      visit: async () => {
        const page = await officerPage()
        const form = await new ReceivingForm(page, baseUrl()).open()
        await form.choose(uyenHung.code, procedure.code)
        return page
      },
    },
    {
      name: 'the receiving form with errors',
      visit: async () => {
        const page = await officerPage()
        const form = await new ReceivingForm(page, baseUrl()).open()
        await form.choose(uyenHung.code, procedure.code)
        assert.equal(await form.submit(), 422)
        return page
      },
    },
    {
      name: 'the dossier page',
      visit: async () => {
        const page = await officerPage()
        await page.goto(`${baseUrl()}${new URL((await receivedDossier()).href).pathname}`)
        return page
      },
    },
    {
      name: 'the receipt',
      visit: async () => {
        const page = await officerPage()
        await page.goto(`${baseUrl()}${new URL((await receivedDossier()).href).pathname}/in/tiep-nhan`)
        assert.ok(await page.locator('.sheet-qr svg').isVisible())
        return page
      },
    },
    {
      name: 'the lookup page with a dossier',
      visit: async () => {
        const { code, pin } = await receivedDossier()
        const page = await freshPage()
        assert.equal(await new LookupPage(page, baseUrl()).open(code).then((l) => l.lookUp(code, pin)), 200)
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

  it('runs the desk’s pages under the CSP without a blocked script, style or image', options, async () => {
    await receivedDossier()
    assert.deepEqual(problems.mentioning('Content Security Policy'), [])
    assert.deepEqual(problems.mentioning('uncaught exception'), [])
  })
})
