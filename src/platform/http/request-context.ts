/** What every request carries once the platform plugins have run: language, translator, principal. */
import type { Locale, Translate } from '../i18n/i18n.ts'
import type { Principal } from '../auth/principal.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The language of the response. */
    locale: Locale
    /** Translator for that language. */
    t: Translate
    /** The signed-in staff member, or null for a resident or anonymous caller. */
    principal: Principal | null
    /** How the principal authenticated. */
    authMethod: 'session' | 'token' | null
  }
  interface FastifyContextConfig {
    /** false for routes that authenticate otherwise (e.g. a kiosk key) and need no CSRF token. */
    csrf?: boolean
  }
}

export {}
