/** The page shell as a person uses it: skip link, language switch, account corner, main content. */
import type { Locator, Page } from 'playwright-core'
import type { Locale, Translate } from '../../../src/platform/i18n/i18n.ts'
import { clickAndLoad } from './navigation.ts'
import { textsIn } from './texts.ts'

/** The layout around every page. */
export class Layout {
  constructor(readonly page: Page) {}

  /** The document's language, as `<html lang>` declares it. */
  async language(): Promise<Locale> {
    const lang = await this.page.locator('html').getAttribute('lang')
    if (lang !== 'vi' && lang !== 'en') throw new Error(`unexpected <html lang="${lang}">`)
    return lang
  }

  /** The wording of the page's current language. */
  async texts(): Promise<Translate> {
    return textsIn(await this.language())
  }

  /** The "skip to main content" link, the first thing a keyboard reaches. */
  get skipLink(): Locator {
    return this.page.locator('a.skip-link')
  }

  /** The main content region. */
  get main(): Locator {
    return this.page.locator('main#main')
  }

  /** The page's one top-level heading. */
  get heading(): Locator {
    return this.main.locator('h1')
  }

  /** The signed-in person's name in the header; absent when nobody is signed in. */
  get accountName(): Locator {
    return this.page.locator('header .account-name')
  }

  /** The header's link to the sign-in page; present only when nobody is signed in. */
  async signInLink(): Promise<Locator> {
    return this.page.locator('header .account').getByRole('link', { name: (await this.texts())('nav.signIn'), exact: true })
  }

  /** The language switch's link to another language. */
  languageLink(locale: Locale): Locator {
    return this.page.locator(`nav.lang-switch a[hreflang="${locale}"]`)
  }

  /** Switches the interface to another language with the header's link; the same page reloads. */
  async switchLanguage(locale: Locale): Promise<void> {
    await clickAndLoad(this.page, this.languageLink(locale))
  }

  /** The header's sign-out button, found by its text in the page's language. */
  async signOutButton(): Promise<Locator> {
    return this.page.locator('header').getByRole('button', { name: (await this.texts())('nav.signOut'), exact: true })
  }

  /** Signs out with the header's button. */
  async signOut(): Promise<void> {
    await clickAndLoad(this.page, await this.signOutButton())
  }

  /** The flash message shown once after a redirect (sign-out, saved changes). */
  get flash(): Locator {
    return this.main.locator('.notice')
  }
}
