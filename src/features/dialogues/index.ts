/** Direct dialogues and citizen reception's public face: registration and the use cases others may call. */
import type { App, FeatureDeps } from '../../app.ts'
import { mergeCatalogues } from '../../platform/i18n/i18n.ts'
import { registerDialogueApi } from './dialogue.api.ts'
import { messages as dialogueMessages } from './dialogue.messages.ts'
import { pageMessages as dialoguePageMessages } from './dialogue.pages.messages.ts'
import { registerDialoguePages } from './dialogue.pages.tsx'
import { createDialogueCaptcha } from './dialogue.service.ts'
import { registerReceptionApi } from './reception.api.ts'
import { receptionMessages } from './reception.messages.ts'
import { receptionPageMessages } from './reception.pages.messages.ts'
import { registerReceptionPages } from './reception.pages.tsx'

export { coverage, publicCoverage } from './dialogue.coverage.ts'
export type { CoverageView } from './dialogue.coverage.ts'
export { listSessions } from './dialogue.service.ts'
export { complianceReport } from './reception.service.ts'
export type { ComplianceReport } from './reception.service.ts'

/** Every catalogue of the dialogues feature, merged. */
export const messages = mergeCatalogues([dialogueMessages, dialoguePageMessages, receptionMessages, receptionPageMessages])

/** Registers the dialogues and reception API and pages. */
export async function register(app: App, deps: FeatureDeps): Promise<void> {
  registerDialogueApi(app, { ...deps, captcha: createDialogueCaptcha(deps), isSecureCookie: deps.config.isSecureCookie })
  registerDialoguePages(app, deps)
  registerReceptionApi(app, deps)
  registerReceptionPages(app, deps)
}
