/**
 * Browser: what route tests need of a browser to drive the pages through app.inject: cookies kept
 * between requests (and forgotten when the server clears them), the CSRF token of the last form
 * seen, forms posted as a browser posts them, and signing in through the sign-in form.
 */
import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import type { TestApp } from './app.ts'
import { TEST_PASSWORD } from './factories.ts'

/** A minimal browser over app.inject: one per person, each with cookies of its own. */
export class Browser {
  /** The cookies the browser sends, by name. */
  readonly cookies = new Map<string, string>()
  /** The CSRF token of the last page that had a form; posted with every form. */
  csrf = ''

  constructor(
    readonly t: TestApp,
    /** The client address the server sees (rate limits count per address). */
    readonly remoteAddress = '127.0.0.1',
  ) {}

  /** Stores the cookies a response sets, forgetting the ones it clears, and the page's CSRF token. */
  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const isCleared = cookie.value === '' || cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now())
      if (isCleared) this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, cookie.value)
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1]
    if (token) this.csrf = token
    return res
  }

  /** The Cookie header of the next request, if there is a cookie to send. */
  private cookieHeader(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
  }

  /** GETs a page. */
  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(await this.t.app.inject({ method: 'GET', url, headers: this.cookieHeader(), remoteAddress: this.remoteAddress }))
  }

  /** POSTs a form, with the CSRF token of the last page unless told another one (or none, with null). */
  async post(url: string, fields: Readonly<Record<string, string | readonly string[]>>, options: { csrf?: string | null } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams()
    const token = options.csrf === undefined ? this.csrf : options.csrf
    if (token !== null) body.append('_csrf', token)
    for (const [name, value] of Object.entries(fields)) for (const v of typeof value === 'string' ? [value] : value) body.append(name, v)
    return this.keep(
      await this.t.app.inject({
        method: 'POST',
        url,
        headers: { ...this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
        remoteAddress: this.remoteAddress,
      }),
    )
  }

  /** Opens the sign-in page and submits the form, coming back to `next` if given; returns the answer, whatever it is. */
  async submitSignIn(username: string, password = TEST_PASSWORD, next?: string): Promise<LightMyRequestResponse> {
    await this.get(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in')
    return this.post('/sign-in', { username, password, ...(next ? { next } : {}) })
  }

  /** Signs in through the form and fails the test unless it worked. */
  async signIn(username: string, password = TEST_PASSWORD): Promise<this> {
    const res = await this.submitSignIn(username, password)
    assert.equal(res.statusCode, 303, `signing in as ${username} answered ${res.statusCode}: ${res.body}`)
    return this
  }
}
