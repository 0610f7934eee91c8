/** The receiving form (/mot-cua/tiep-nhan): choose unit and procedure, tick documents, record the applicant. */
import type { Locator, Page } from 'playwright-core'
import { Layout } from './layout.ts'
import { clickAndLoad } from './navigation.ts'

/** What the desk officer types about the applicant. */
export interface ApplicantDetails {
  readonly fullName: string
  readonly idNumber?: string
  readonly phone?: string
  readonly email?: string
  readonly address?: string
}

/** The two-step receiving form. */
export class ReceivingForm {
  /** The shell around the form. */
  readonly layout: Layout

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.layout = new Layout(page)
  }

  /** Opens the form at step 1. */
  async open(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/mot-cua/tiep-nhan`)
    return this
  }

  /** The unit select of step 1. */
  get unit(): Locator {
    return this.page.locator('#f-unitCode')
  }

  /** The procedure select of step 1 (grouped by field). */
  get procedure(): Locator {
    return this.page.locator('#f-procedureCode')
  }

  /** The form of step 2, present once a unit and a procedure are chosen. */
  get applicantForm(): Locator {
    return this.page.locator('main form[method="post"][action="/mot-cua/tiep-nhan"]')
  }

  /** The checkbox of a document of the procedure's list, found by its label (the document's name). */
  documentBox(name: string): Locator {
    return this.applicantForm.getByRole('checkbox', { name, exact: true })
  }

  /** Chooses a unit and a procedure and reloads the form (GET, no script) with the checklist. */
  async choose(unitCode: string, procedureCode: string): Promise<void> {
    await this.unit.selectOption(unitCode)
    await this.procedure.selectOption(procedureCode)
    await clickAndLoad(this.page, this.page.locator('main form[method="get"][action="/mot-cua/tiep-nhan"] button[type="submit"]'))
  }

  /** Ticks the boxes of the named documents. */
  async tick(names: readonly string[]): Promise<void> {
    for (const name of names) await this.documentBox(name).check()
  }

  /** Types the applicant's details into their fields. */
  async fillApplicant(applicant: ApplicantDetails): Promise<void> {
    await this.page.locator('#f-applicant-fullName').fill(applicant.fullName)
    if (applicant.idNumber) await this.page.locator('#f-applicant-idNumber').fill(applicant.idNumber)
    if (applicant.phone) await this.page.locator('#f-applicant-phone').fill(applicant.phone)
    if (applicant.email) await this.page.locator('#f-applicant-email').fill(applicant.email)
    if (applicant.address) await this.page.locator('#f-applicant-address').fill(applicant.address)
  }

  /** Submits step 2 and returns the HTTP status of the answer (303 when the dossier was recorded). */
  async submit(): Promise<number> {
    const answer = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/mot-cua/tiep-nhan')
    await clickAndLoad(this.page, this.applicantForm.locator('button[type="submit"]'))
    return (await answer).status()
  }
}
