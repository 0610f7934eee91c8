/**
 * Reading HTML form posts and carrying their errors back to the form. Form bodies are parsed by
 * @fastify/formbody into strings (or arrays when a name repeats); nothing here trusts their shape.
 */
import { AppError } from '../platform/http/errors.ts'
import type { FieldErrors } from '../platform/http/errors.ts'

/** A posted form: field name → value(s). */
export type FormBody = Readonly<Record<string, string | readonly string[] | undefined>>

/** The posted body as a form, or an empty form when the body is missing or not an object. */
export function formBody(body: unknown): FormBody {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as FormBody) : {}
}

/** One text value of a form (the first when repeated; '' when absent). */
export function formText(form: FormBody, name: string): string {
  const value = form[name]
  if (typeof value === 'string') return value
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
  return ''
}

/** Every value of a repeated field (checkboxes). */
export function formList(form: FormBody, name: string): string[] {
  const value = form[name]
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
  return []
}

/** What a form shows after a failed submission: a message per field and an optional general one. */
export interface FormErrors {
  /** Field name → catalogue key of the message beside that field. */
  readonly fields: FieldErrors
  /** Catalogue key of a message about the form as a whole (shown only in the summary). */
  readonly general?: string
}

/** No errors: the state of a form shown for the first time. */
export const NO_ERRORS: FormErrors = Object.freeze({ fields: Object.freeze({}) })

/** Whether a form has any error to show. */
export function hasErrors(errors: FormErrors): boolean {
  return errors.general !== undefined || Object.keys(errors.fields).length > 0
}

/**
 * The form errors of a failed use case when it is one the user can fix (4xx with a message),
 * or null for anything else, which the caller rethrows to the error page.
 */
export function formErrorsOf(error: unknown): { status: number; errors: FormErrors } | null {
  if (!(error instanceof AppError)) return null
  if (error.status === 422 || error.status === 409 || error.status === 400) {
    const hasFields = Object.keys(error.fields).length > 0
    return { status: error.status === 400 ? 422 : error.status, errors: hasFields ? { fields: error.fields } : { fields: {}, general: error.messageKey } }
  }
  return null
}
