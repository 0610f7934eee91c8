/** The desk: a signed-in person's starting page. */
import type { Page } from 'playwright-core'
import { Layout } from './layout.ts'

/** The page at /desk. */
export class DeskPage {
  /** The shell around the desk. */
  readonly layout: Layout

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.layout = new Layout(page)
  }

  /** Opens /desk (which sends anyone not signed in to the sign-in page). */
  async open(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/desk`)
    return this
  }

  /** Whether the browser is on the desk's address. */
  isHere(): boolean {
    return new URL(this.page.url()).pathname === '/desk'
  }
}
