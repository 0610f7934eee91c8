/** The demo catalogue: the researched commune-level procedures, added through the use case (audited). */
import { createProcedure } from './procedure.service.ts'
import type { ProcedureDeps } from './procedure.service.ts'
import { PROCEDURE_CATALOGUE } from './procedure.catalogue-data.ts'

/** How many progress steps the seed reports. */
export const DEMO_PROCEDURE_STEPS = PROCEDURE_CATALOGUE.length

/** Seeds every procedure of the researched catalogue, or those `isWanted` keeps (by code). */
export async function seedDemoProcedures(deps: ProcedureDeps, step: () => void = () => {}, isWanted: (code: string) => boolean = () => true): Promise<void> {
  for (const seed of PROCEDURE_CATALOGUE.filter((p) => isWanted(p.code))) {
    await createProcedure(deps, 'system', {
      code: seed.code,
      name: seed.name,
      nameEn: seed.nameEn,
      field: seed.field,
      level: seed.level,
      timeLimit: seed.timeLimit,
      feeVnd: seed.feeVnd,
      feeNote: seed.feeNote ?? null,
      resultName: seed.resultName,
      legalBasis: seed.legalBasis,
      documents: seed.documents.map((d) => ({ name: d.name, copies: d.copies, form: d.form, isRequired: d.isRequired, note: d.note ?? null })),
      steps: seed.steps,
    })
    step()
  }
}
