/** Every query of the procedure catalogue. */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { DocumentForm, Procedure, ProcedureLevel, ProcedureTimeLimit, StepRole } from './procedure.ts'

type Executor = Kysely<Database> | Transaction<Database>

/** Rebuilds the time limit from its two columns. */
function timeLimitOf(kind: string, value: number): ProcedureTimeLimit {
  if (kind === 'days') return { kind: 'days', days: value }
  if (kind === 'hours') return { kind: 'hours', hours: value }
  return { kind: 'sameDay' }
}

/** Loads procedures with their documents and steps, by a filter on the procedures table. */
async function load(db: Executor, filter: { code?: string; id?: number; isActiveOnly?: boolean }): Promise<Procedure[]> {
  let query = db.selectFrom('procedures').selectAll()
  if (filter.code !== undefined) query = query.where('code', '=', filter.code)
  if (filter.id !== undefined) query = query.where('id', '=', filter.id)
  if (filter.isActiveOnly) query = query.where('is_active', '=', 1)
  const rows = await query.orderBy('field').orderBy('code').execute()
  if (rows.length === 0) return []
  const ids = rows.map((r) => Number(r.id))
  const [documents, steps] = await Promise.all([
    db.selectFrom('procedure_documents').selectAll().where('procedure_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('procedure_steps').selectAll().where('procedure_id', 'in', ids).orderBy('position').execute(),
  ])
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    field: r.field,
    level: r.level as ProcedureLevel,
    timeLimit: timeLimitOf(r.time_limit_kind, Number(r.time_limit_value)),
    feeVnd: Number(r.fee_vnd),
    feeNote: r.fee_note,
    resultName: r.result_name,
    legalBasis: JSON.parse(r.legal_basis_json) as string[],
    isActive: Number(r.is_active) === 1,
    documents: documents
      .filter((d) => Number(d.procedure_id) === Number(r.id))
      .map((d) => ({ name: d.name, copies: Number(d.copies), form: d.form as DocumentForm, isRequired: Number(d.is_required) === 1, note: d.note })),
    steps: steps
      .filter((s) => Number(s.procedure_id) === Number(r.id))
      .map((s) => ({ name: s.name, role: s.role as StepRole, sharePercent: Number(s.share_percent) })),
  }))
}

/** Every procedure (or only the active ones), by field then code. */
export function findProcedures(db: Executor, isActiveOnly: boolean): Promise<Procedure[]> {
  return load(db, { isActiveOnly })
}

/** One procedure by national code. */
export async function findProcedureByCode(db: Executor, code: string): Promise<Procedure | null> {
  return (await load(db, { code }))[0] ?? null
}

/** One procedure by id. */
export async function findProcedureById(db: Executor, id: number): Promise<Procedure | null> {
  return (await load(db, { id }))[0] ?? null
}

/** The stored form of a procedure's own columns. */
export interface ProcedureRow {
  code: string
  name: string
  nameEn: string | null
  field: string
  level: ProcedureLevel
  timeLimit: ProcedureTimeLimit
  feeVnd: number
  feeNote: string | null
  resultName: string
  legalBasis: readonly string[]
  isActive: boolean
  documents: Procedure['documents']
  steps: Procedure['steps']
}

/** Column values of a procedure row. */
function columns(p: ProcedureRow) {
  return {
    code: p.code,
    name: p.name,
    name_en: p.nameEn,
    field: p.field,
    level: p.level,
    time_limit_kind: p.timeLimit.kind,
    time_limit_value: p.timeLimit.kind === 'days' ? p.timeLimit.days : p.timeLimit.kind === 'hours' ? p.timeLimit.hours : 0,
    fee_vnd: p.feeVnd,
    fee_note: p.feeNote,
    result_name: p.resultName,
    legal_basis_json: JSON.stringify(p.legalBasis),
    is_active: p.isActive ? 1 : 0,
  }
}

/** Replaces a procedure's documents and steps with the given lists. */
async function writeChildren(trx: Transaction<Database>, procedureId: number, p: ProcedureRow): Promise<void> {
  await trx.deleteFrom('procedure_documents').where('procedure_id', '=', procedureId).execute()
  await trx.deleteFrom('procedure_steps').where('procedure_id', '=', procedureId).execute()
  if (p.documents.length > 0) {
    await trx
      .insertInto('procedure_documents')
      .values(p.documents.map((d, i) => ({ procedure_id: procedureId, position: i + 1, name: d.name, copies: d.copies, form: d.form, is_required: d.isRequired ? 1 : 0, note: d.note })))
      .execute()
  }
  if (p.steps.length > 0) {
    await trx
      .insertInto('procedure_steps')
      .values(p.steps.map((s, i) => ({ procedure_id: procedureId, position: i + 1, name: s.name, role: s.role, share_percent: s.sharePercent })))
      .execute()
  }
}

/** Inserts a procedure with its documents and steps; returns its id. */
export async function insertProcedure(trx: Transaction<Database>, p: ProcedureRow, now: string): Promise<number> {
  const { id } = await trx
    .insertInto('procedures')
    .values({ ...columns(p), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  await writeChildren(trx, Number(id), p)
  return Number(id)
}

/** Replaces a procedure's columns, documents and steps. */
export async function updateProcedureRow(trx: Transaction<Database>, id: number, p: ProcedureRow, now: string): Promise<void> {
  await trx
    .updateTable('procedures')
    .set({ ...columns(p), updated_at: now })
    .where('id', '=', id)
    .execute()
  await writeChildren(trx, id, p)
}
