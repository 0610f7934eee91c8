/** Kysely table interfaces of the procedure catalogue. */
import type { Generated } from 'kysely'

/** Row of `procedures`. */
export interface ProceduresTable {
  id: Generated<number>
  code: string
  name: string
  name_en: string | null
  field: string
  level: string
  time_limit_kind: string
  time_limit_value: number
  fee_vnd: number
  fee_note: string | null
  result_name: string
  legal_basis_json: string
  is_active: Generated<number>
  created_at: string | Date
  updated_at: string | Date
}

/** Row of `procedure_documents`. */
export interface ProcedureDocumentsTable {
  id: Generated<number>
  procedure_id: number
  position: number
  name: string
  copies: number
  form: string
  is_required: Generated<number>
  note: string | null
}

/** Row of `procedure_steps`. */
export interface ProcedureStepsTable {
  id: Generated<number>
  procedure_id: number
  position: number
  name: string
  role: string
  share_percent: number
}
