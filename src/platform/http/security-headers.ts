/**
 * Security headers (helmet's choice of them), worked out once at start-up and then copied onto
 * every response.
 *
 * Helmet's middleware sets a dozen headers through a chain of functions and serialises the
 * Content-Security-Policy anew on each request, in case a directive is a function of the request
 * (a nonce). Ours are all constants, so the headers are the same for every response; copying a
 * ready list cost a tenth of what the middleware did on the public lookup.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import helmet from 'helmet'

/** Helmet's options, as for helmet() itself. */
export type SecurityHeaderOptions = NonNullable<Parameters<typeof helmet>[0]>

/** The headers helmet would set with these options, as [name, value] pairs. */
export function securityHeaderList(options: SecurityHeaderOptions): readonly (readonly [string, string])[] {
  const headers = new Map<string, string>()
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value))
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase())
    },
    getHeader(name: string) {
      return headers.get(name.toLowerCase())
    },
  }
  let error: unknown = null
  let isDone = false
  helmet(options)({ headers: {} } as IncomingMessage, response as unknown as ServerResponse, (failure?: unknown) => {
    error = failure ?? null
    isDone = true
  })
  // With constant directives helmet answers at once. (A directive given as a function of the
  // request would make the headers differ per request: do not pass one here.)
  if (!isDone || error !== null) throw new Error(`securityHeaderList: helmet did not finish synchronously (${String(error)})`)
  return [...headers]
}
