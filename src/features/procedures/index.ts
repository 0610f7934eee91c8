/** The procedure catalogue's public face: procedures with documents, steps and legal time limits. */
import type { App, FeatureDeps } from '../../app.ts'
import { registerProcedureApi } from './procedure.api.ts'
import { registerProcedurePages } from './procedure.pages.tsx'

export { messages } from './procedure.messages.ts'
export { pageMessages } from './procedure.pages.messages.ts'
export { getProcedure, getProcedureById, listProcedures } from './procedure.service.ts'
export { isHandedIn } from './procedure.ts'
export { PROCEDURE_SEARCH_TYPE, searchDocuments } from './procedure.search.ts'
export type { DocumentForm, Procedure, ProcedureDocument, ProcedureStep, ProcedureTimeLimit } from './procedure.ts'
export { presentProcedure } from './procedure.api.ts'

/** Registers the procedures API, the public catalogue pages and the catalogue's administration pages. */
export async function register(app: App, deps: FeatureDeps): Promise<void> {
  registerProcedureApi(app, deps)
  registerProcedurePages(app, deps)
}
