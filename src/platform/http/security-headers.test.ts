import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, it } from 'node:test'
import helmet from 'helmet'
import { securityHeaderList } from './security-headers.ts'
import type { SecurityHeaderOptions } from './security-headers.ts'

const options: SecurityHeaderOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], frameAncestors: ["'none'"] } },
  crossOriginEmbedderPolicy: false,
}

/** The headers a real node:http response carries after the handler ran. */
async function headersOf(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Record<string, unknown>> {
  const server = createServer(handle)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
    const headers = Object.fromEntries(res.headers)
    for (const name of ['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']) delete headers[name]
    return headers
  } finally {
    server.close()
  }
}

describe('security headers', () => {
  it('are exactly the headers helmet’s middleware sets on a real response', async () => {
    const middleware = helmet(options)
    const list = securityHeaderList(options)
    const fromHelmet = await headersOf((req, res) => middleware(req, res, () => res.end()))
    const fromList = await headersOf((_req, res) => {
      for (const [name, value] of list) res.setHeader(name, value)
      res.end()
    })
    assert.deepEqual(fromList, fromHelmet)
    assert.equal(fromList['content-security-policy'], "default-src 'self';img-src 'self' data:;frame-ancestors 'none'")
    assert.equal(fromList['x-content-type-options'], 'nosniff')
    assert.equal(fromList['cross-origin-embedder-policy'], undefined)
  })

  it('follow the options: a header turned off is not in the list', () => {
    const names = securityHeaderList({ contentSecurityPolicy: false, xFrameOptions: false, strictTransportSecurity: false }).map(([name]) => name)
    assert.ok(!names.includes('x-frame-options'))
    assert.ok(!names.includes('strict-transport-security'))
    assert.ok(!names.includes('content-security-policy'))
    assert.ok(names.includes('x-content-type-options'))
  })
})
