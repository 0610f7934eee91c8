/** The staff page of one dossier (/mot-cua/ho-so/:ref) and its printable receipt. */
import type { Locator, Page } from 'playwright-core'
import { Layout } from './layout.ts'
import { clickAndLoad } from './navigation.ts'

/** The value beside a key of a summary list on the page. */
function summaryValue(page: Page, key: string): Locator {
  return page.locator('main .summary-row').filter({ has: page.locator('dt.summary-key', { hasText: key }) }).locator('dd.summary-value')
}

/** The dossier page. */
export class DossierPage {
  /** The shell around the page. */
  readonly layout: Layout

  constructor(readonly page: Page) {
    this.layout = new Layout(page)
  }

  /** Whether the browser is on a dossier page. */
  isHere(): boolean {
    return /^\/mot-cua\/ho-so\/[^/]+$/.test(new URL(this.page.url()).pathname)
  }

  /** The text shown beside a summary key ("Mã hồ sơ", "Mã PIN tra cứu"). */
  async summary(key: string): Promise<string> {
    return (await summaryValue(this.page, key).innerText()).trim()
  }

  /** The status tags under the heading. */
  get statusTags(): Locator {
    return this.page.locator('main p.lead .tag')
  }

  /** The link to one of the printable forms, by its text. */
  printLink(text: string): Locator {
    return this.page.locator('main aside').getByRole('link', { name: text, exact: true })
  }

  /** Opens a printable form with its link on this page. */
  async openPrint(text: string): Promise<ReceiptPage> {
    await clickAndLoad(this.page, this.printLink(text))
    return new ReceiptPage(this.page)
  }
}

/** A printable form's page; for the receipt: the sheet with code, PIN and QR code. */
export class ReceiptPage {
  constructor(readonly page: Page) {}

  /** The sheet of paper (what gets printed). */
  get sheet(): Locator {
    return this.page.locator('main article.sheet')
  }

  /** The QR code's SVG drawing. */
  get qrCode(): Locator {
    return this.sheet.locator('.sheet-qr svg')
  }

  /** The sheet's whole text. */
  async text(): Promise<string> {
    return this.sheet.innerText()
  }
}
