/**
 * Takes the README's screenshot, docs/screenshot.png: the demo town's home page at 1280×800 in
 * the same chromium the browser specs use. Run it after a visible change to the home page:
 *   node --import tsx test/e2e/screenshot.ts [path]
 * (Not a spec: `npm test` never runs it.)
 */
import { fileURLToPath } from 'node:url'
import { launchBrowser, startDemoServer } from './support.ts'

/** Where the README expects the picture. */
export const SCREENSHOT_PATH = fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url))

/** Saves the home page of a freshly seeded demo server as a PNG at the given path. */
export async function takeScreenshot(path: string = SCREENSHOT_PATH): Promise<void> {
  const demo = await startDemoServer()
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(`${demo.url}/`)
    await page.screenshot({ path, fullPage: false })
  } finally {
    await browser.close()
    await demo.close()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await takeScreenshot(process.argv[2])
  console.log(`saved ${process.argv[2] ?? SCREENSHOT_PATH}`)
}
