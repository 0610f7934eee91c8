/** The one-stop desk's public face: receiving dossiers, their lifecycle, the public lookup. */
import type { App, FeatureDeps } from '../../app.ts'
import { registerDossierApi } from './dossier.api.ts'
import { registerFiguresPage } from './dossier.figures.pages.tsx'
import { registerDossierPages } from './dossier.pages.tsx'

export { messages } from './dossier.messages.ts'
export { pageMessages } from './dossier.pages.messages.ts'
export { maskName } from './dossier.ts'
export { evaluationFacts } from './dossier.service.ts'
export { lateDossiersByOfficial, onTimeFigures } from './dossier.figures.ts'
export type { FigureRow, Figures, LateDossiersOfOfficial } from './dossier.figures.ts'
export type { DossierDeps, EvaluationFacts } from './dossier.service.ts'
export type { DossierStatus, Timing } from './dossier.ts'

/** Registers the desk's API and pages. */
export async function register(app: App, deps: FeatureDeps): Promise<void> {
  const desk = { ...deps, baseUrl: deps.config.baseUrl }
  registerDossierApi(app, desk)
  registerFiguresPage(app, desk)
  registerDossierPages(app, desk)
}
