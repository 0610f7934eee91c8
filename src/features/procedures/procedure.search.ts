/**
 * Procedures in the site search: one document per procedure in use, written inside the
 * transaction that creates or edits the procedure, and the whole list for `congso search reindex`.
 */
import type { Db } from '../../db/database.ts'
import type { Database } from '../../db/schema.ts'
import type { Transaction } from 'kysely'
import { createI18n, mergeCatalogues } from '../../platform/i18n/i18n.ts'
import { indexDocument, removeDocument } from '../../platform/search/search.ts'
import type { SearchDocument } from '../../platform/search/search.ts'
import { messages } from './procedure.messages.ts'
import { pageMessages } from './procedure.pages.messages.ts'
import * as repo from './procedure.repository.ts'
import type { ProcedureRow } from './procedure.repository.ts'
import { feeWithNoteText, timeLimitText } from './views/procedure-text.ts'

/** The search type of procedures. */
export const PROCEDURE_SEARCH_TYPE = 'procedure'

// The index holds the Vietnamese text that the public pages show.
const t = createI18n(mergeCatalogues([messages, pageMessages])).translator('vi')

/** The public page of a procedure. */
function procedureHref(code: string): string {
  return `/thu-tuc/${encodeURIComponent(code)}`
}

/** The searchable text of a procedure: its facts as its page states them, in plain sentences. */
function bodyOf(p: ProcedureRow): string {
  const label = (key: string, value: string) => `${t(key)}: ${value}.`
  return [
    label('procedures.pages.columns.field', p.field),
    label('procedures.pages.columns.code', p.code),
    label('procedures.pages.columns.timeLimit', timeLimitText(t, p.timeLimit)),
    label('procedures.pages.columns.fee', feeWithNoteText(t, 'vi', p.feeVnd, p.feeNote)),
    label('procedures.pages.detail.result', p.resultName),
    label('procedures.pages.detail.documentsTitle', p.documents.map((d) => d.name).join('; ')),
    p.legalBasis.length > 0 ? label('procedures.pages.detail.legalTitle', p.legalBasis.join('; ')) : '',
  ]
    .filter(Boolean)
    .join(' ')
}

/** A procedure as the search index holds it. */
export function searchDocumentOf(p: ProcedureRow): SearchDocument {
  return { type: PROCEDURE_SEARCH_TYPE, key: p.code, title: p.name, url: procedureHref(p.code), body: bodyOf(p), publishedAt: null }
}

/** Puts a procedure in the index while it is in use and takes it out when it is not (inside the caller's transaction). */
export async function syncProcedureSearch(trx: Transaction<Database>, p: ProcedureRow): Promise<void> {
  if (p.isActive) await indexDocument(trx, searchDocumentOf(p))
  else await removeDocument(trx, PROCEDURE_SEARCH_TYPE, p.code)
}

/** Every procedure in use, as search documents (for rebuilding the index). */
export async function searchDocuments(db: Db): Promise<SearchDocument[]> {
  return (await repo.findProcedures(db, true)).map(searchDocumentOf)
}
