/** Messages of the survey part of satisfaction. Placeholder until built. */
import type { Catalogue } from '../../platform/i18n/i18n.ts'

/** The survey catalogue. */
export const surveyMessages: Catalogue = { vi: {}, en: {} }
