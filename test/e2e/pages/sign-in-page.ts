/** The sign-in page: the form, its fields' error messages and the error summary. */
import assert from 'node:assert/strict'
import type { Locator, Page } from 'playwright-core'
import { Layout } from './layout.ts'
import { clickAndLoad } from './navigation.ts'

/** The sign-in form at /sign-in. */
export class SignInPage {
  /** The shell around the form. */
  readonly layout: Layout

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.layout = new Layout(page)
  }

  /** Opens the sign-in page. */
  async open(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/sign-in`)
    return this
  }

  /** The username field. */
  get username(): Locator {
    return this.page.locator('#f-username')
  }

  /** The password field. */
  get password(): Locator {
    return this.page.locator('#f-password')
  }

  /** The form's submit button. */
  get submitButton(): Locator {
    return this.page.locator('main form[action="/sign-in"] button[type="submit"]')
  }

  /** The error summary at the top of the form; absent while there is nothing to fix. */
  get errorSummary(): Locator {
    return this.page.locator('main .error-summary')
  }

  /** The error message shown beside a field (`username` or `password`). */
  fieldError(name: 'username' | 'password'): Locator {
    return this.page.locator(`#f-${name}-error`)
  }

  /** Types the credentials into the form, submits it with the button and returns the HTTP status of the answer. */
  async signIn(username: string, password: string): Promise<number> {
    await this.username.fill(username)
    await this.password.fill(password)
    return this.submit()
  }

  /** Opens the form and signs an account in; fails the test unless the server answers 303 (signed in). */
  async signInAs(account: { readonly username: string; readonly password: string }): Promise<void> {
    await this.open()
    const status = await this.signIn(account.username, account.password)
    assert.equal(status, 303, `signing in as ${account.username} answered ${status}`)
  }

  /** Submits the form as it stands and returns the HTTP status of the answer (303 when signed in). */
  async submit(): Promise<number> {
    const answer = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in')
    await clickAndLoad(this.page, this.submitButton)
    return (await answer).status()
  }
}
