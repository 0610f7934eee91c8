/**
 * The pages' wording, read from the product's own message catalogues, so that specs find
 * buttons and headings by what a person reads without copying sentences that may be polished.
 */
import { messages as unitMessages } from '../../../src/features/units/unit.messages.ts'
import { createI18n, mergeCatalogues } from '../../../src/platform/i18n/i18n.ts'
import type { Locale, Translate } from '../../../src/platform/i18n/i18n.ts'
import { baseMessages } from '../../../src/views/messages.ts'

const i18n = createI18n(mergeCatalogues([baseMessages, unitMessages]))

/** The translator of the shell and the sign-in pages in one language. */
export function textsIn(locale: Locale): Translate {
  return i18n.translator(locale)
}
