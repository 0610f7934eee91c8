/** The error page (404, 403, 500…) in the request's language, without internals. (Placeholder.) */
import Html from '@kitajs/html'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppError } from '../platform/http/errors.ts'

/** Renders the error page for a status. */
export function renderErrorPage(req: FastifyRequest, _reply: FastifyReply, status: number, error: AppError | null): string {
  const message = req.t ? req.t(error?.messageKey ?? (status === 404 ? 'errors.notFound' : 'errors.internal')) : 'Error'
  return '<!doctype html>' + (<html lang="vi"><body><h1>{String(status)}</h1><p safe>{message}</p></body></html>)
}
void Html
