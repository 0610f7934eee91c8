/** The public lookup page (/tra-cuu): the code-and-PIN form and what a resident sees. */
import type { Locator, Page } from 'playwright-core'
import { Layout } from './layout.ts'
import { clickAndLoad } from './navigation.ts'

/** The lookup page. */
export class LookupPage {
  /** The shell around the page. */
  readonly layout: Layout

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.layout = new Layout(page)
  }

  /** Opens the page, with the code filled in as the receipt's QR code does when given. */
  async open(code?: string): Promise<this> {
    await this.page.goto(`${this.baseUrl}/tra-cuu${code ? `?code=${encodeURIComponent(code)}` : ''}`)
    return this
  }

  /** The dossier code field. */
  get code(): Locator {
    return this.page.locator('#f-code')
  }

  /** The PIN field. */
  get pin(): Locator {
    return this.page.locator('#f-pin')
  }

  /** The status tags of a looked-up dossier (status, then time limit). */
  get statusTags(): Locator {
    return this.page.locator('main p.lead .tag')
  }

  /** The error summary; present after a wrong code or PIN. */
  get errorSummary(): Locator {
    return this.page.locator('main .error-summary')
  }

  /** The value beside a summary key of the result ("Người nộp"). */
  async summary(key: string): Promise<string> {
    const row = this.page.locator('main .summary-row').filter({ has: this.page.locator('dt.summary-key', { hasText: key }) })
    return (await row.locator('dd.summary-value').innerText()).trim()
  }

  /** Types the code (unless already there) and the PIN, submits, and returns the HTTP status. */
  async lookUp(code: string, pin: string): Promise<number> {
    if ((await this.code.inputValue()) !== code) await this.code.fill(code)
    await this.pin.fill(pin)
    const answer = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/tra-cuu')
    await clickAndLoad(this.page, this.page.locator('main form[action="/tra-cuu"] button[type="submit"]'))
    return (await answer).status()
  }
}
