/**
 * The baseline: a bare node:http server that answers every request with a fixed hello-world.
 * It runs in a child process, like the app, so that both have an event loop of their own and the
 * ratio app/bare measures only what the app adds on top of Node's HTTP stack.
 */
import { createServer } from 'node:http'
import { serveToHarness } from './child.ts'

const body = Buffer.from('Hello, world!\n')

const server = createServer((req, res) => {
  // Drain any request body, or a POST scenario would stall the keep-alive connection.
  req.resume()
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length })
  res.end(body)
})

serveToHarness(server)
