/**
 * Typed errors that use cases throw, mapped to HTTP in one place (error-handler.ts). Messages are
 * catalogue keys, translated for the request's language; field messages too.
 */

/** Field name → catalogue key of the message shown beside that field. */
export type FieldErrors = Record<string, string>

/** Base of every error a user can act on; carries the HTTP status and a catalogue key. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** Catalogue key of the message, e.g. "errors.notFound". */
    readonly messageKey: string,
    readonly fields: FieldErrors = {},
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey)
    this.name = new.target.name
  }
}

/** 400: the request itself is malformed (bad JSON, a parameter of the wrong type). */
export class BadRequestError extends AppError {
  constructor(messageKey = 'errors.badRequest', fields: FieldErrors = {}) {
    super(400, 'bad_request', messageKey, fields)
  }
}

/** 422: well-formed, but some fields are missing or invalid; `fields` says which and why. */
export class ValidationError extends AppError {
  constructor(fields: FieldErrors, messageKey = 'errors.validation') {
    super(422, 'validation_failed', messageKey, fields)
  }
}

/** 401: not signed in, or the credentials are wrong. */
export class UnauthorizedError extends AppError {
  constructor(messageKey = 'errors.unauthorized') {
    super(401, 'unauthorized', messageKey)
  }
}

/** 403: signed in, but this role or unit may not do this. */
export class ForbiddenError extends AppError {
  constructor(messageKey = 'errors.forbidden') {
    super(403, 'forbidden', messageKey)
  }
}

/** 404: no such record (or the caller may not know it exists). */
export class NotFoundError extends AppError {
  constructor(messageKey = 'errors.notFound') {
    super(404, 'not_found', messageKey)
  }
}

/** 409: the record's current state does not allow this, or it already exists. */
export class ConflictError extends AppError {
  constructor(messageKey = 'errors.conflict', fields: FieldErrors = {}) {
    super(409, 'conflict', messageKey, fields)
  }
}

/** 429: too many attempts; try again later. */
export class TooManyRequestsError extends AppError {
  constructor(
    messageKey = 'errors.tooManyRequests',
    readonly retryAfterSeconds = 60,
  ) {
    super(429, 'too_many_requests', messageKey)
  }
}
