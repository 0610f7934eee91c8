/** Messages of the kiosk part of satisfaction. Placeholder until built. */
import type { Catalogue } from '../../platform/i18n/i18n.ts'

/** The kiosk catalogue. */
export const kioskMessages: Catalogue = { vi: {}, en: {} }
