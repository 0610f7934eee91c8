/**
 * The demo town: every feature's demo seed, run in order (units and staff first, since the others
 * hang their records on them), with one progress count across all of them. Each feature seeds
 * through its own use cases, so the demo has a complete audit log like real data would.
 * A feature adds its seed with one entry in DEMO_SEEDS.
 */
import type { Db } from './db/database.ts'
import type { Clock } from './platform/clock.ts'
import { countUnits, getRootUnit } from './features/units/index.ts'
import { DEMO_ROOT_CODE, DEMO_UNIT_STEPS, demoSignIns, seedDemoUnits } from './features/units/unit.seed.ts'
import type { DemoSignIn } from './features/units/unit.seed.ts'
import { DEMO_PROCEDURE_STEPS, seedDemoProcedures } from './features/procedures/procedure.seed.ts'
import { DEMO_SURVEY_STEPS, seedDemoSurvey } from './features/ratings/survey.seed.ts'
import { DEMO_FEEDBACK_STEPS, seedDemoFeedback } from './features/feedback/feedback.seed.ts'
import { DEMO_DIALOGUE_STEPS, seedDemoDialogues } from './features/dialogues/dialogue.seed.ts'
import { DEMO_NEWS_STEPS, seedDemoNews } from './features/news/news.seed.ts'
import { DEMO_COMMENT_STEPS, seedDemoComments } from './features/news/comment.seed.ts'
import { DEMO_RECEPTION_STEPS, seedDemoReception } from './features/dialogues/reception.seed.ts'

export type { DemoSignIn } from './features/units/unit.seed.ts'

/** What the seeds run on. */
export interface SeedDeps {
  readonly db: Db
  readonly clock: Clock
}

/** Called after each step of seeding with the steps done and the total. */
export type SeedProgress = (done: number, total: number) => void

/** One feature's demo seed. */
export interface DemoSeed {
  /** What it seeds, for messages. */
  readonly name: string
  /** How many times it will call `step`, so one progress bar can span every seed. */
  readonly steps: number
  /** Seeds, calling `step` after each unit of work; returns the sign-ins it created, if any. */
  run(deps: SeedDeps, step: () => void): Promise<readonly DemoSignIn[] | void>
}

/** Every feature's demo seed, in the order they run. */
export const DEMO_SEEDS: readonly DemoSeed[] = [
  { name: 'units and staff', steps: DEMO_UNIT_STEPS, run: seedDemoUnits },
  { name: 'procedure catalogue', steps: DEMO_PROCEDURE_STEPS, run: seedDemoProcedures },
  { name: 'satisfaction survey', steps: DEMO_SURVEY_STEPS, run: async (deps, step) => void (await seedDemoSurvey(deps, step)) },
  { name: 'feedback and petitions', steps: DEMO_FEEDBACK_STEPS, run: seedDemoFeedback },
  { name: 'direct dialogues', steps: DEMO_DIALOGUE_STEPS, run: seedDemoDialogues },
  { name: 'news', steps: DEMO_NEWS_STEPS, run: seedDemoNews },
  { name: 'news comments', steps: DEMO_COMMENT_STEPS, run: seedDemoComments },
  { name: 'citizen reception', steps: DEMO_RECEPTION_STEPS, run: seedDemoReception },
]

/** Whether the database holds no data yet (no administrative unit: nothing else can exist without one). */
export async function isDatabaseEmpty(deps: SeedDeps): Promise<boolean> {
  return (await countUnits(deps)) === 0
}

/** Seeds the whole demo town into an empty database; returns the demo sign-ins. */
export async function seedDemo(deps: SeedDeps, onProgress: SeedProgress = () => {}): Promise<DemoSignIn[]> {
  const total = DEMO_SEEDS.reduce((sum, seed) => sum + seed.steps, 0)
  let done = 0
  onProgress(done, total)
  const signIns: DemoSignIn[] = []
  for (const seed of DEMO_SEEDS) {
    const created = await seed.run(deps, () => onProgress(++done, total))
    if (created) signIns.push(...created)
  }
  return signIns
}

/**
 * Seeds the demo only when the database is empty, so a second `npm start` keeps what the first
 * one (and the user) wrote; returns the sign-ins, or null when nothing was seeded.
 */
export async function seedDemoIfEmpty(deps: SeedDeps, onProgress?: SeedProgress): Promise<DemoSignIn[] | null> {
  if (!(await isDatabaseEmpty(deps))) return null
  return seedDemo(deps, onProgress)
}

/**
 * The demo sign-ins of a database seeded earlier, for reprinting them on the next start; null when
 * the database holds something other than the demo town. Passwords are the demo's; a user may
 * have changed them since.
 */
export async function existingDemoSignIns(deps: SeedDeps): Promise<DemoSignIn[] | null> {
  const root = await getRootUnit(deps)
  return root?.code === DEMO_ROOT_CODE ? demoSignIns() : null
}
