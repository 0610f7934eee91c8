/** HTML routes of the public portal: the home page, for now. */
import type { App, FeatureDeps } from '../../app.ts'
import { createPageSupport, sendPage } from '../../views/page.ts'
import { getHomeUnit, listPublicUnits } from '../units/index.ts'
import { HomePage } from './views/home.tsx'

/** Registers the pages. */
export function registerPortalPages(app: App, deps: FeatureDeps): void {
  const pages = createPageSupport({
    appSecret: deps.config.sessionSecret,
    isSecureCookie: deps.config.isSecureCookie,
    loadHomeUnit: () => getHomeUnit(deps),
  })

  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    const [ctx, units] = await Promise.all([pages.context(req, reply), listPublicUnits(deps)])
    return sendPage(reply, <HomePage ctx={ctx} units={units} />)
  })
}
