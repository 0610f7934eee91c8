/** Messages of the public portal. (Placeholder.) */
import type { Catalogue } from '../../platform/i18n/i18n.ts'

/** The portal's catalogue. */
export const messages: Catalogue = { vi: { portal: {} }, en: { portal: {} } }
