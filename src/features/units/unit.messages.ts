/** Messages of the units feature (units, staff, sign-in). (Placeholder; see views helper.) */
import type { Catalogue } from '../../platform/i18n/i18n.ts'

/** The units feature's catalogue. */
export const messages: Catalogue = { vi: { units: {} }, en: { units: {} } }
