/** Waiting for the full-page navigations that links and forms cause (the pages work without JavaScript). */
import type { Locator, Page } from 'playwright-core'

/**
 * Clicks (or otherwise activates) something that loads a new document, and waits until it has
 * loaded. Waiting for the load event rather than a URL also covers a form that re-renders the
 * same address, or a redirect back to the page one came from.
 */
export async function loadsNewDocument(page: Page, activate: () => Promise<void>): Promise<void> {
  const loaded = page.waitForEvent('load')
  await activate()
  await loaded
}

/** Clicks a link or button and waits for the document it leads to. */
export function clickAndLoad(page: Page, target: Locator): Promise<void> {
  return loadsNewDocument(page, () => target.click())
}
