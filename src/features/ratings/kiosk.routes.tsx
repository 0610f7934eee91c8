/**
 * Routes of the desk kiosks: the JSON API, the pages, and the tablet's service worker. The worker
 * is kiosk.js itself, served at the site's root so that it may control /kiosk/ pages: a tablet that
 * restarts while the network is down still opens its kiosk page and keeps taking ratings.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { App, FeatureDeps } from '../../app.ts'
import { registerKioskApi } from './kiosk.api.ts'
import { registerKioskPages } from './kiosk.pages.tsx'
import type { KioskDeps } from './kiosk.service.ts'
import type { RatingDeps } from './rating.service.ts'

/** Where the tablet's service worker is served (its scope is /kiosk/). */
export const KIOSK_WORKER_PATH = '/kiosk-sw.js'

const KIOSK_SCRIPT = fileURLToPath(new URL('../../views/assets/js/kiosk.js', import.meta.url))

/** Registers the kiosk routes. */
export function registerKioskRoutes(app: App, deps: FeatureDeps & RatingDeps & KioskDeps): void {
  registerKioskApi(app, deps)
  registerKioskPages(app, deps)
  const script = readFileSync(KIOSK_SCRIPT)
  app.get(KIOSK_WORKER_PATH, { schema: { hide: true } }, (_req, reply) =>
    // no-cache: a tablet picks up a new version of the worker on its next visit.
    reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(script),
  )
}
