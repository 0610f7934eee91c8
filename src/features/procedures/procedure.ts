/** Domain types of the procedure catalogue and the pure rules that validate a procedure. */
import type { FieldErrors } from '../../platform/http/errors.ts'

/** How documents are handed in: original, copy, certified copy, either, or shown only (xuất trình). */
export const DOCUMENT_FORMS = ['original', 'copy', 'certified_copy', 'original_or_copy', 'show_original'] as const
/** One of DOCUMENT_FORMS. */
export type DocumentForm = (typeof DOCUMENT_FORMS)[number]

/** Roles that carry out a processing step. */
export const STEP_ROLES = ['desk_officer', 'specialist', 'leader'] as const
/** One of STEP_ROLES. */
export type StepRole = (typeof STEP_ROLES)[number]

/** Levels of government that handle a procedure. */
export const PROCEDURE_LEVELS = ['commune', 'district', 'province'] as const
/** One of PROCEDURE_LEVELS. */
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number]

/** The legal time limit: N working days, N working hours, or within the day. */
export type ProcedureTimeLimit = { readonly kind: 'days'; readonly days: number } | { readonly kind: 'hours'; readonly hours: number } | { readonly kind: 'sameDay' }

/** A document the applicant hands in or shows. */
export interface ProcedureDocument {
  readonly name: string
  readonly copies: number
  readonly form: DocumentForm
  readonly isRequired: boolean
  readonly note: string | null
}

/** A processing step with its share of the time limit. */
export interface ProcedureStep {
  readonly name: string
  readonly role: StepRole
  readonly sharePercent: number
}

/** An administrative procedure (thủ tục hành chính). */
export interface Procedure {
  readonly id: number
  readonly code: string
  readonly name: string
  readonly nameEn: string | null
  readonly field: string
  readonly level: ProcedureLevel
  readonly timeLimit: ProcedureTimeLimit
  readonly feeVnd: number
  readonly feeNote: string | null
  readonly resultName: string
  readonly legalBasis: readonly string[]
  readonly isActive: boolean
  readonly documents: readonly ProcedureDocument[]
  readonly steps: readonly ProcedureStep[]
}

/** What an administrator enters to create or replace a procedure. */
export interface ProcedureInput {
  readonly code: string
  readonly name: string
  readonly nameEn?: string | null
  readonly field: string
  readonly level: string
  readonly timeLimit: { readonly kind: string; readonly days?: number; readonly hours?: number }
  readonly feeVnd: number
  readonly feeNote?: string | null
  readonly resultName: string
  readonly legalBasis: readonly string[]
  readonly isActive?: boolean
  readonly documents: readonly { name: string; copies: number; form: string; isRequired: boolean; note?: string | null }[]
  readonly steps: readonly { name: string; role: string; sharePercent: number }[]
}

/** National procedure codes look like 1.001193 (optionally with a provincial suffix). */
export const PROCEDURE_CODE_PATTERN = /^\d\.\d{6}(\.[0-9A-Z.]+)?$/

/** Checks a procedure; returns field → catalogue key for each problem (empty when valid). */
export function validateProcedure(input: ProcedureInput): FieldErrors {
  const fields: FieldErrors = {}
  if (!PROCEDURE_CODE_PATTERN.test(input.code.trim())) fields.code = 'procedures.errors.code'
  if (input.name.trim().length < 3 || input.name.trim().length > 500) fields.name = 'procedures.errors.name'
  if (input.field.trim().length < 2 || input.field.trim().length > 120) fields.field = 'procedures.errors.field'
  if (!(PROCEDURE_LEVELS as readonly string[]).includes(input.level)) fields.level = 'procedures.errors.level'
  const limit = input.timeLimit
  const isLimitValid =
    (limit.kind === 'days' && Number.isInteger(limit.days) && limit.days! >= 1 && limit.days! <= 365) ||
    (limit.kind === 'hours' && Number.isInteger(limit.hours) && limit.hours! >= 1 && limit.hours! <= 2000) ||
    limit.kind === 'sameDay'
  if (!isLimitValid) fields.timeLimit = 'procedures.errors.timeLimit'
  if (!Number.isInteger(input.feeVnd) || input.feeVnd < 0 || input.feeVnd > 1_000_000_000) fields.feeVnd = 'procedures.errors.fee'
  if (input.resultName.trim().length < 2) fields.resultName = 'procedures.errors.resultName'
  if (input.documents.length === 0) fields.documents = 'procedures.errors.documents'
  input.documents.forEach((d, i) => {
    if (d.name.trim().length < 2 || !(DOCUMENT_FORMS as readonly string[]).includes(d.form) || !Number.isInteger(d.copies) || d.copies < 0 || d.copies > 20) {
      fields[`documents.${i}`] = 'procedures.errors.document'
    }
  })
  const names = input.documents.map((d) => d.name.trim().toLowerCase())
  if (new Set(names).size !== names.length) fields.documents = 'procedures.errors.duplicateDocument'
  if (input.steps.length === 0) fields.steps = 'procedures.errors.steps'
  input.steps.forEach((s, i) => {
    if (s.name.trim().length < 2 || !(STEP_ROLES as readonly string[]).includes(s.role) || !Number.isInteger(s.sharePercent) || s.sharePercent < 0) {
      fields[`steps.${i}`] = 'procedures.errors.step'
    }
  })
  if (input.steps.length > 0 && input.steps.reduce((sum, s) => sum + s.sharePercent, 0) !== 100) fields.steps = 'procedures.errors.shares'
  return fields
}

/** Whether a document must be handed in (not only shown). */
export function isHandedIn(document: ProcedureDocument): boolean {
  return document.form !== 'show_original'
}
