/**
 * The site search in a real browser (Debian's chromium), on the demo town: a resident types words
 * without diacritics into the header's search box with the keyboard alone, lands on /tim-kiem with
 * the matches marked, narrows the search to procedures and opens the first result. axe-core checks
 * the results page and its too-short message; the results must fit a 360 px wide screen. Without
 * chromium every test is skipped with the reason (a failure under CI).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { messages as portalMessages } from '../../src/features/portal/index.ts'
import { createI18n, mergeCatalogues } from '../../src/platform/i18n/i18n.ts'
import { baseMessages } from '../../src/views/messages.ts'
import { clickAndLoad, loadsNewDocument } from './pages/navigation.ts'
import { browserUnavailableReason, listViolations, seriousAxeViolations, useDemoInChromium } from './support.ts'

const unavailable = browserUnavailableReason()
// Every test is skipped one by one with the reason, so the report counts what did not run.
const options = { skip: unavailable ?? false }

// The wording of the pages, from the product's own catalogues.
const vi = createI18n(mergeCatalogues([baseMessages, portalMessages])).translator('vi')

describe('site search in chromium', () => {
  const { baseUrl, freshPage, problems } = useDemoInChromium({ viewport: { width: 1280, height: 900 }, isUnavailable: unavailable !== null })

  it('finds "Đăng ký khai sinh" from "dang ky khai sinh" typed in the header box, marks the words and opens the procedure', options, async () => {
    const page = await freshPage()
    await page.goto(`${baseUrl()}/`)
    // The keyboard alone: from the skip link onwards, Tab until the header's search box has the focus.
    let tabs = 0
    while (!(await page.evaluate(() => document.activeElement?.id === 'site-search-q'))) {
      await page.keyboard.press('Tab')
      assert.ok(++tabs < 40, 'the header search box is reachable with Tab')
    }
    await page.keyboard.type('dang ky khai sinh')
    await loadsNewDocument(page, () => page.keyboard.press('Enter'))

    assert.equal(new URL(page.url()).pathname, '/tim-kiem')
    assert.equal(await page.locator('#f-q').inputValue(), 'dang ky khai sinh')
    const results = page.locator('.search-result')
    assert.ok((await results.count()) >= 1)
    const title = results.first().locator('.search-result-title a')
    assert.equal((await title.innerText()).trim(), 'Thủ tục đăng ký khai sinh')
    assert.deepEqual(await title.locator('mark').allInnerTexts(), ['đăng', 'ký', 'khai', 'sinh'])
    assert.match((await page.locator('.search-summary').innerText()).trim(), /^Tìm thấy \d+ kết quả cho “dang ky khai sinh”/)

    await page.locator('#f-type').selectOption('procedure')
    await clickAndLoad(page, page.getByRole('button', { name: vi('portal.search.submit') }))
    assert.equal(new URL(page.url()).searchParams.get('type'), 'procedure')
    const types = await page.locator('.search-result-type').allInnerTexts()
    assert.ok(types.length > 0 && types.every((t) => t.trim() === vi('portal.search.types.procedure')), types.join(', '))

    await clickAndLoad(page, page.locator('.search-result-title a').first())
    assert.equal(new URL(page.url()).pathname, '/thu-tuc/1.001193')
    assert.deepEqual(problems.messages, [])
  })

  it('passes axe-core on the results page and on the too-short message, and fits a 360 px wide screen', options, async () => {
    const page = await freshPage()
    await page.goto(`${baseUrl()}/tim-kiem?q=${encodeURIComponent('tan uyen')}`)
    assert.ok((await page.locator('.search-result').count()) > 0)
    const results = await seriousAxeViolations(page)
    assert.deepEqual(results, [], listViolations(results))

    await page.goto(`${baseUrl()}/tim-kiem?q=a`)
    assert.match(await page.locator('#f-q-error').innerText(), new RegExp(vi('portal.search.errors.tooShort')))
    const short = await seriousAxeViolations(page)
    assert.deepEqual(short, [], listViolations(short))

    const phone = await freshPage({ width: 360, height: 740 })
    await phone.goto(`${baseUrl()}/tim-kiem?q=${encodeURIComponent('dang ky')}`)
    const width = await phone.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 360, `the results page is ${width} px wide at 360 px`)
    assert.deepEqual(problems.messages, [])
  })
})
