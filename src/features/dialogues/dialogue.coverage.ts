/**
 * Coverage of direct dialogues for a year and a parent unit: which of its wards, communes and
 * townships held at least one dialogue (the legal minimum, Law 10/2022/QH15 Art. 32), shown as
 * "12/12", and how the commitments made at them fare (done, done on time, overdue).
 */
import type { FeatureDeps } from '../../app.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { BadRequestError, ForbiddenError } from '../../platform/http/errors.ts'
import { instantOf, localDateOf } from '../calendar/index.ts'
import * as units from '../units/index.ts'
import { canViewCoverage } from './dialogue.policy.ts'
import * as repo from './dialogue.repository.ts'
import { coverageFigures } from './dialogue.ts'
import type { CommitmentFigures } from './dialogue.ts'

/** What the coverage asks: a parent unit (the deployment's home unit by default) and a year (this one by default). */
export interface CoverageInput {
  readonly unitCode?: string | undefined
  readonly year?: number | undefined
}

/** A unit as the coverage names it. */
export interface CoverageUnitRef {
  readonly code: string
  readonly name: string
  readonly level: string
}

/** One ward's, commune's or township's line. */
export interface CoverageUnitView {
  readonly unit: CoverageUnitRef
  readonly sessionsHeld: number
  readonly lastSessionId: number | null
  readonly lastHeldAt: Date | null
  readonly commitments: CommitmentFigures
}

/** The coverage of a year under a parent unit. */
export interface CoverageView {
  readonly year: number
  readonly parent: CoverageUnitRef
  readonly units: readonly CoverageUnitView[]
  /** Units that held at least one dialogue: the "10" of "10/12". */
  readonly heldCount: number
  /** Units that must hold one: the "12". */
  readonly unitCount: number
  readonly heldPercent: number
  /** Every commitment of the year's sessions under the parent, its own included. */
  readonly commitments: CommitmentFigures
}

/** Earliest and latest years asked about. */
const YEARS = Object.freeze({ min: 2000, max: 2200 })

/**
 * The coverage for a year and a parent unit. 400 for an unknown unit or a year out of range, 403
 * unless the principal leads, moderates or administers the unit or one above it.
 */
export async function coverage(deps: Pick<FeatureDeps, 'db' | 'clock'>, principal: Principal, input: CoverageInput = {}): Promise<CoverageView> {
  const now = deps.clock.now()
  const code = input.unitCode?.trim() ?? ''
  const parent = code === '' ? await units.getHomeUnit(deps) : await units.getUnitByCode(deps, code).catch(() => null)
  if (!parent) throw new BadRequestError('dialogues.errors.unit', { unit: 'dialogues.errors.unit' })
  const year = input.year ?? localDateOf(now).year
  if (!Number.isInteger(year) || year < YEARS.min || year > YEARS.max) throw new BadRequestError('dialogues.errors.year', { year: 'dialogues.errors.year' })
  if (!canViewCoverage(principal, parent.path)) throw new ForbiddenError()
  return coverageOf(deps, parent, year)
}

/**
 * The same coverage for the public statistics page: only counts of sessions held and of
 * commitments, which the public pages of each session already show. 400 as `coverage`.
 */
export async function publicCoverage(deps: Pick<FeatureDeps, 'db' | 'clock'>, input: CoverageInput = {}): Promise<CoverageView> {
  const code = input.unitCode?.trim() ?? ''
  const parent = code === '' ? await units.getHomeUnit(deps) : await units.getUnitByCode(deps, code).catch(() => null)
  if (!parent) throw new BadRequestError('dialogues.errors.unit', { unit: 'dialogues.errors.unit' })
  const year = input.year ?? localDateOf(deps.clock.now()).year
  if (!Number.isInteger(year) || year < YEARS.min || year > YEARS.max) throw new BadRequestError('dialogues.errors.year', { year: 'dialogues.errors.year' })
  return coverageOf(deps, parent, year)
}

/** Works out the coverage of a parent unit's wards and communes for a year. */
async function coverageOf(deps: Pick<FeatureDeps, 'db' | 'clock'>, parent: units.Unit, year: number): Promise<CoverageView> {
  const now = deps.clock.now()
  const from = instantOf({ year, month: 1, day: 1 })
  const to = instantOf({ year: year + 1, month: 1, day: 1 })
  const [communes, sessions, commitments] = await Promise.all([
    repo.findCommuneUnitsUnder(deps.db, parent.path),
    repo.findHeldSessions(deps.db, parent.path, from, to),
    repo.findCommitmentFacts(deps.db, parent.path, from, to),
  ])
  const figures = coverageFigures(communes, sessions, commitments, now)
  return {
    year,
    parent: { code: parent.code, name: parent.name, level: parent.level },
    units: figures.units.map((line) => ({ ...line, unit: { code: line.unit.code, name: line.unit.name, level: line.unit.level } })),
    heldCount: figures.heldCount,
    unitCount: figures.unitCount,
    heldPercent: figures.heldPercent,
    commitments: figures.commitments,
  }
}
