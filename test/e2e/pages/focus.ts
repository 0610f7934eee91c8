/** Where the keyboard focus is, in words a failing test can print. */
import type { Locator, Page } from 'playwright-core'

/** Describes the focused element as `tag#id.class "text"`, or `(nothing)` when the body has focus. */
export function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement
    if (el === null || el === document.body) return '(nothing)'
    const id = el.id ? `#${el.id}` : ''
    const classes = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean).map((c) => `.${c}`).join('')
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)
    return `${el.tagName.toLowerCase()}${id}${classes}${text ? ` "${text}"` : ''}`
  })
}

/** Whether the (first) element the locator finds has the keyboard focus. */
export function hasFocus(target: Locator): Promise<boolean> {
  return target.first().evaluate((el) => el === document.activeElement)
}
