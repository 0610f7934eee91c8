/**
 * Browser test support: Debian's chromium driven by playwright-core (never a downloaded browser),
 * a real server on a fresh SQLite database seeded with the demo town, and an axe-core check.
 * Without chromium the browser specs skip with a loud message — except under CI=true, where a
 * missing browser is a failure.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { after, afterEach, before } from 'node:test'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { loadConfig } from '../../src/config.ts'
import { openDatabase } from '../../src/db/database.ts'
import { migrateUp } from '../../src/db/migrate.ts'
import { demoSignIns } from '../../src/features/units/unit.seed.ts'
import { startServer } from '../../src/main.ts'
import type { RunningServer } from '../../src/main.ts'
import { seedDemo } from '../../src/seed.ts'

/** Where Debian installs chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/** The flags this machine needs: no sandbox as root, and no background network calls. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Why browser specs cannot run here, or null when they can; throws under CI. */
export function browserUnavailableReason(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null
  const reason = `chromium not found at ${CHROMIUM_PATH}: install it with 'apt-get install -y chromium'`
  if (process.env.CI === 'true') throw new Error(`browser tests cannot run under CI: ${reason}`)
  console.error(`\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!!! BROWSER TESTS SKIPPED: ${reason}\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`)
  return reason
}

/** Launches headless chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}

/** A demo server on a fresh SQLite file, and how to stop it. */
export interface DemoServer {
  readonly url: string
  readonly server: RunningServer
  close(): Promise<void>
}

/** Starts the app on a free port over a fresh, demo-seeded SQLite database. */
export async function startDemoServer(): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'congso-e2e-'))
  const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'e2e.sqlite')}`, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', WORKER: 'off' })
  const database = openDatabase(config)
  await migrateUp(database.db)
  await seedDemo({ db: database.db, clock: { now: () => new Date() } })
  const server = await startServer(config, { database })
  return {
    url: server.url,
    server,
    async close() {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/** One axe-core violation, trimmed to what a failure message needs. */
export interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly targets: string[]
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page; returns serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Injected as a script element's text would break the CSP; evaluate runs outside it.
  await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** What went wrong inside the pages watched: console errors and uncaught exceptions, as text. */
export class PageProblems {
  /** Every problem seen so far, in the order it happened, each prefixed with the page's address. */
  readonly messages: string[] = []

  /** Starts recording a page's console errors and uncaught exceptions. */
  watch(page: Page): void {
    page.on('console', (message) => {
      if (message.type() === 'error') this.messages.push(`console error on ${page.url()}: ${message.text()}`)
    })
    page.on('pageerror', (error) => this.messages.push(`uncaught exception on ${page.url()}: ${error.message}`))
  }

  /** The problems whose text mentions the given words (case-insensitive). */
  mentioning(words: string): string[] {
    const needle = words.toLowerCase()
    return this.messages.filter((message) => message.toLowerCase().includes(needle))
  }
}

/** A demo account by username, straight from the seed, so a spec follows the demo data. */
export function demoAccount(username: string): ReturnType<typeof demoSignIns>[number] {
  const account = demoSignIns().find((a) => a.username === username)
  if (!account) throw new Error(`the demo seed has no account ${username}`)
  return account
}

/** Axe's findings, one per line, for a failure message. */
export function listViolations(violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`).join('\n')
}

/** The size of a tab. */
export interface Viewport {
  readonly width: number
  readonly height: number
}

/** What a browser spec drives: the demo server, and tabs of chromium opened on it. */
export interface DemoInChromium {
  /** The demo server's address. */
  baseUrl(): string
  /** The demo server, whose database serves checks the pages cannot show. */
  demo(): DemoServer
  /** A new tab with cookies and storage of its own (nobody signed in), watched for console errors. */
  freshPage(viewport?: Viewport): Promise<Page>
  /** Closes every tab opened so far; done after each test, and by a set-up that opened tabs of its own. */
  closeTabs(): Promise<void>
  /** The console errors and uncaught exceptions of every tab opened. */
  readonly problems: PageProblems
}

/**
 * Registers, in the describe() block calling it, the hooks every browser spec needs: start the
 * demo server and chromium before the first test (nothing when chromium is unavailable), close the
 * test's tabs after each test, stop both after the last. Tabs open at `viewport` unless told.
 */
export function useDemoInChromium(options: { viewport: Viewport; isUnavailable: boolean }): DemoInChromium {
  let demo: DemoServer | undefined
  let browser: Browser | undefined
  let contexts: BrowserContext[] = []
  const problems = new PageProblems()
  const closeTabs = async (): Promise<void> => {
    await Promise.all(contexts.map((c) => c.close()))
    contexts = []
  }

  before(async () => {
    if (options.isUnavailable) return
    demo = await startDemoServer()
    browser = await launchBrowser()
  })
  afterEach(closeTabs)
  after(async () => {
    await browser?.close()
    await demo?.close()
  })

  const startedDemo = (): DemoServer => {
    if (!demo) throw new Error('the demo server did not start')
    return demo
  }
  return {
    baseUrl: () => startedDemo().url,
    demo: startedDemo,
    async freshPage(viewport = options.viewport) {
      if (!browser) throw new Error('chromium did not start')
      const context = await browser.newContext({ viewport })
      contexts.push(context)
      const page = await context.newPage()
      problems.watch(page)
      return page
    },
    closeTabs,
    problems,
  }
}
