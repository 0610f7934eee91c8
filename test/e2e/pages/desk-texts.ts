/**
 * The one-stop desk's wording, read from the product's own catalogues (the shell's, the desk's and
 * its pages'), so the desk spec finds headings, buttons and statuses by what a person reads.
 */
import { messages as dossierMessages, pageMessages as dossierPageMessages } from '../../../src/features/dossiers/index.ts'
import { createI18n, mergeCatalogues } from '../../../src/platform/i18n/i18n.ts'
import type { Locale, Translate } from '../../../src/platform/i18n/i18n.ts'
import { baseMessages } from '../../../src/views/messages.ts'

const i18n = createI18n(mergeCatalogues([baseMessages, dossierMessages, dossierPageMessages]))

/** The translator of the desk's pages in one language. */
export function deskTextsIn(locale: Locale): Translate {
  return i18n.translator(locale)
}
