/** Use cases of the procedure catalogue: read publicly, edit as an administrator (audited). */
import type { Db } from '../../db/database.ts'
import { instant, isUniqueViolation } from '../../db/portable.ts'
import { appendAudit } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import type { Clock } from '../../platform/clock.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import * as units from '../units/index.ts'
import * as repo from './procedure.repository.ts'
import type { ProcedureRow } from './procedure.repository.ts'
import { syncProcedureSearch } from './procedure.search.ts'
import { validateProcedure } from './procedure.ts'
import type { DocumentForm, Procedure, ProcedureInput, ProcedureLevel, ProcedureTimeLimit, StepRole } from './procedure.ts'

/** What the use cases need. */
export interface ProcedureDeps {
  readonly db: Db
  readonly clock: Clock
}

/** The acting principal, or 'system' for seeds and the CLI. */
export type By = Principal | 'system'

/** Active procedures for the public catalogue; optionally one field. */
export async function listProcedures(deps: ProcedureDeps, options: { field?: string; includeInactive?: boolean } = {}): Promise<Procedure[]> {
  const all = await repo.findProcedures(deps.db, !options.includeInactive)
  return options.field ? all.filter((p) => p.field === options.field) : all
}

/** One procedure by code, or 404. */
export async function getProcedure(deps: ProcedureDeps, code: string): Promise<Procedure> {
  const procedure = await repo.findProcedureByCode(deps.db, code)
  if (!procedure) throw new NotFoundError('procedures.errors.notFound')
  return procedure
}

/** One procedure by id, or 404. */
export async function getProcedureById(deps: ProcedureDeps, id: number): Promise<Procedure> {
  const procedure = await repo.findProcedureById(deps.db, id)
  if (!procedure) throw new NotFoundError('procedures.errors.notFound')
  return procedure
}

/** The catalogue is the deployment's: only an administrator of the root unit edits it. */
async function requireCatalogueAdmin(deps: ProcedureDeps, by: By): Promise<void> {
  if (by === 'system') return
  const home = await units.getHomeUnit(deps)
  if (!home) throw new NotFoundError()
  units.requireRoleOn(by, ['admin'], home.path)
}

/** Validates and normalises input into the stored shape; throws 422 with field messages. */
function toRow(input: ProcedureInput): ProcedureRow {
  const fields = validateProcedure(input)
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
  const limit = input.timeLimit
  const timeLimit: ProcedureTimeLimit =
    limit.kind === 'days' ? { kind: 'days', days: limit.days! } : limit.kind === 'hours' ? { kind: 'hours', hours: limit.hours! } : { kind: 'sameDay' }
  const optional = (v: string | null | undefined) => (v?.trim() ? v.trim() : null)
  return {
    code: input.code.trim(),
    name: input.name.trim(),
    nameEn: optional(input.nameEn),
    field: input.field.trim(),
    level: input.level as ProcedureLevel,
    timeLimit,
    feeVnd: input.feeVnd,
    feeNote: optional(input.feeNote),
    resultName: input.resultName.trim(),
    legalBasis: input.legalBasis.map((l) => l.trim()).filter(Boolean),
    isActive: input.isActive ?? true,
    documents: input.documents.map((d) => ({ name: d.name.trim(), copies: d.copies, form: d.form as DocumentForm, isRequired: d.isRequired, note: optional(d.note) })),
    steps: input.steps.map((s) => ({ name: s.name.trim(), role: s.role as StepRole, sharePercent: s.sharePercent })),
  }
}

/** Adds a procedure to the catalogue. */
export async function createProcedure(deps: ProcedureDeps, by: By, input: ProcedureInput): Promise<Procedure> {
  await requireCatalogueAdmin(deps, by)
  const row = toRow(input)
  const now = deps.clock.now()
  try {
    const id = await deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertProcedure(trx, row, instant(now))
      await syncProcedureSearch(trx, row)
      await appendAudit(trx, { actor: units.actorOf(by), at: now, entity: 'procedure', entityId: row.code, action: 'create', after: row })
      return id
    })
    return getProcedureById(deps, id)
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('procedures.errors.codeTaken', { code: 'procedures.errors.codeTaken' })
    throw error
  }
}

/** Replaces a procedure's details, documents and steps (its code may not change). */
export async function updateProcedure(deps: ProcedureDeps, by: By, code: string, input: ProcedureInput): Promise<Procedure> {
  await requireCatalogueAdmin(deps, by)
  const before = await getProcedure(deps, code)
  if (input.code.trim() !== code) throw new ValidationError({ code: 'procedures.errors.codeChange' })
  const row = toRow(input)
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateProcedureRow(trx, before.id, row, instant(now))
    await syncProcedureSearch(trx, row)
    const { id: _id, ...beforeData } = before
    await appendAudit(trx, { actor: units.actorOf(by), at: now, entity: 'procedure', entityId: code, action: 'update', before: beforeData, after: row })
  })
  return getProcedureById(deps, before.id)
}

/** The input that recreates a procedure as it is (for editing forms and partial API updates). */
export function inputOf(procedure: Procedure): ProcedureInput {
  const { timeLimit } = procedure
  return {
    code: procedure.code,
    name: procedure.name,
    nameEn: procedure.nameEn,
    field: procedure.field,
    level: procedure.level,
    timeLimit: timeLimit.kind === 'days' ? { kind: 'days', days: timeLimit.days } : timeLimit.kind === 'hours' ? { kind: 'hours', hours: timeLimit.hours } : { kind: 'sameDay' },
    feeVnd: procedure.feeVnd,
    feeNote: procedure.feeNote,
    resultName: procedure.resultName,
    legalBasis: procedure.legalBasis,
    isActive: procedure.isActive,
    documents: procedure.documents.map((d) => ({ ...d })),
    steps: procedure.steps.map((s) => ({ ...s })),
  }
}
