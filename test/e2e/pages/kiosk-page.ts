/**
 * The desk kiosk's screen as a tablet shows it: the official, the three choices, the thank-you
 * screen, and the offline queue the page keeps in localStorage. Wording comes from the product's
 * own catalogues.
 */
import type { Locator, Page } from 'playwright-core'
import { messages as ratingsMessages } from '../../../src/features/ratings/index.ts'
import { createI18n, mergeCatalogues } from '../../../src/platform/i18n/i18n.ts'
import type { Locale, Translate } from '../../../src/platform/i18n/i18n.ts'
import { baseMessages } from '../../../src/views/messages.ts'

const i18n = createI18n(mergeCatalogues([baseMessages, ratingsMessages]))

/** The kiosk's wording in one language. */
export function kioskTextsIn(locale: Locale): Translate {
  return i18n.translator(locale)
}

/** One of the kiosk's three answers. */
export type KioskChoice = 'very_satisfied' | 'satisfied' | 'not_satisfied'

/** A rating waiting in the tablet's queue. */
export interface QueuedRating {
  readonly clientId: string
  readonly rating: string
  readonly ratedAt: string
}

/** The page at /kiosk/:code. */
export class KioskPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
    readonly code: string,
  ) {}

  /** Opens an address of the kiosk (the set-up link with its key, or the bare page). */
  async open(pathAndQuery = `/kiosk/${encodeURIComponent(this.code)}`): Promise<this> {
    await this.page.goto(`${this.baseUrl}${pathAndQuery}`)
    return this
  }

  /** The button of an answer. */
  choice(rating: KioskChoice): Locator {
    return this.page.locator(`#kiosk-form button[name="rating"][value="${rating}"]`)
  }

  /** The question and its choices. */
  get ask(): Locator {
    return this.page.locator('#kiosk-ask')
  }

  /** The thank-you screen. */
  get thanks(): Locator {
    return this.page.locator('#kiosk-thanks')
  }

  /** The official's name. */
  get officialName(): Locator {
    return this.page.locator('#kiosk-official-name')
  }

  /** The line that tells staff how many ratings wait to be sent. */
  get status(): Locator {
    return this.page.locator('#kiosk-status')
  }

  /** Waits until the choices are back and can be tapped (after the thank-you screen and the interval). */
  async waitForChoices(timeoutMs = 15_000): Promise<void> {
    await this.ask.waitFor({ state: 'visible', timeout: timeoutMs })
    await this.page.waitForFunction(() => [...document.querySelectorAll<HTMLButtonElement>('#kiosk-form button[name="rating"]')].every((b) => !b.disabled), undefined, { timeout: timeoutMs })
  }

  /** Taps an answer and waits for the thank-you screen. */
  async rate(rating: KioskChoice): Promise<void> {
    await this.waitForChoices()
    await this.choice(rating).click()
    await this.thanks.waitFor({ state: 'visible', timeout: 5_000 })
  }

  /** The ratings waiting in the tablet's queue. */
  queue(): Promise<QueuedRating[]> {
    const name = `congso.kiosk.${this.code}.queue`
    return this.page.evaluate((key) => JSON.parse(window.localStorage.getItem(key) ?? '[]') as QueuedRating[], name)
  }

  /** The kiosk key the tablet keeps, or null. */
  storedKey(): Promise<string | null> {
    const name = `congso.kiosk.${this.code}.key`
    return this.page.evaluate((key) => window.localStorage.getItem(key), name)
  }

  /** Waits until the queue holds exactly `count` ratings. */
  async waitForQueueLength(count: number, timeoutMs = 30_000): Promise<void> {
    const name = `congso.kiosk.${this.code}.queue`
    await this.page.waitForFunction(([key, n]) => (JSON.parse(window.localStorage.getItem(key as string) ?? '[]') as unknown[]).length === n, [name, count] as const, { timeout: timeoutMs })
  }

  /** Waits until no batch is on its way to the server. */
  async waitUntilIdle(timeoutMs = 10_000): Promise<void> {
    await this.page.locator('#kiosk-status[data-sending="false"]').waitFor({ state: 'attached', timeout: timeoutMs })
  }

  /** Waits until the service worker keeps a copy of the bare kiosk page, so it reopens without network. */
  async waitUntilKeptForOffline(timeoutMs = 15_000): Promise<void> {
    const path = `/kiosk/${encodeURIComponent(this.code)}`
    const isKept = () =>
      this.page.evaluate(async (p) => Boolean(navigator.serviceWorker?.controller) && (await caches.match(new URL(p, location.origin).href)) !== undefined, path)
    // Polled from here: waitForFunction would take the promise of an async predicate for a truthy answer.
    for (const deadline = Date.now() + timeoutMs; !(await isKept()); await this.page.waitForTimeout(200)) {
      if (Date.now() > deadline) throw new Error(`the service worker did not keep ${path} within ${timeoutMs} ms`)
    }
  }
}
