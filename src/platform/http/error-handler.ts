/**
 * Maps every error to one answer: JSON `{error, message, fields}` under /api, a page elsewhere.
 * A 5xx never shows a stack or an internal message.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, TooManyRequestsError } from './errors.ts'

/** Renders an HTML error page; supplied by the views so the platform knows no markup. */
export type ErrorPageRenderer = (req: FastifyRequest, reply: FastifyReply, status: number, error: AppError | null) => string

/** Whether a request expects JSON rather than a page. */
export function wantsJson(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || req.url.startsWith('/healthz') || (req.headers.accept ?? '').startsWith('application/json')
}

/** Turns an AJV validation failure into field → catalogue key. */
function fieldsFromValidation(error: FastifyError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.validation ?? []) {
    const params = issue.params as { missingProperty?: string }
    const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.')
    const name = params.missingProperty ? (path ? `${path}.${params.missingProperty}` : params.missingProperty) : path || '(body)'
    fields[name] = params.missingProperty ? 'errors.field.required' : 'errors.field.invalid'
  }
  return fields
}

/** Normalises anything thrown into an AppError, or null for a bug (500). */
function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error
  const fastifyError = error as FastifyError
  if (fastifyError.validation) {
    return new AppError(400, 'bad_request', 'errors.badRequest', fieldsFromValidation(fastifyError))
  }
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (error instanceof SyntaxError && fastifyError.statusCode === 400)) {
    return new AppError(400, 'bad_request', 'errors.malformedJson')
  }
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError(413, 'payload_too_large', 'errors.tooLarge')
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError(415, 'unsupported_media_type', 'errors.mediaType')
  if (fastifyError.code?.startsWith('FST_CSRF')) return new AppError(403, 'csrf', 'errors.csrf')
  if (fastifyError.statusCode === 429) return new TooManyRequestsError()
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new AppError(fastifyError.statusCode, 'bad_request', 'errors.badRequest')
  }
  return null
}

/** Installs the error and not-found handlers. */
export function installErrorHandlers(app: FastifyInstance, renderPage: ErrorPageRenderer): void {
  app.setErrorHandler((error, req, reply) => {
    const appError = toAppError(error)
    const status = appError?.status ?? 500
    if (status >= 500) req.log.error({ err: error }, 'request failed')
    if (appError instanceof TooManyRequestsError) reply.header('retry-after', String(appError.retryAfterSeconds))
    const t = req.t ?? ((key: string) => key)
    if (wantsJson(req)) {
      const fields = Object.fromEntries(Object.entries(appError?.fields ?? {}).map(([k, v]) => [k, t(v)]))
      return reply.code(status).type('application/json; charset=utf-8').send({
        error: appError?.code ?? 'internal_error',
        message: t(appError?.messageKey ?? 'errors.internal', appError?.params),
        fields,
      })
    }
    return reply.code(status).type('text/html; charset=utf-8').send(renderPage(req, reply, status, appError))
  })
  app.setNotFoundHandler((req, reply) => {
    const t = req.t ?? ((key: string) => key)
    if (wantsJson(req)) {
      return reply.code(404).send({ error: 'not_found', message: t('errors.notFound'), fields: {} })
    }
    return reply.code(404).type('text/html; charset=utf-8').send(renderPage(req, reply, 404, null))
  })
}
