/**
 * Use cases of satisfaction: the applicant's evaluation of a finished dossier (once), and the
 * summary per official and unit for a period. Each write owns its transaction with its audit entry.
 */
import { sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import { instant, isUniqueViolation } from '../../db/portable.ts'
import { appendAudit } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import type { Clock } from '../../platform/clock.ts'
import { BadRequestError, ConflictError, ForbiddenError, ValidationError } from '../../platform/http/errors.ts'
import type { I18n } from '../../platform/i18n/i18n.ts'
import * as calendarFeature from '../calendar/index.ts'
import type { CalendarService } from '../calendar/index.ts'
import * as dossiers from '../dossiers/index.ts'
import * as units from '../units/index.ts'
import { ASKED_INDICATORS, checkAnswers, satisfactionIndex, scoreEvaluation } from './rating.ts'
import type { OverallAnswer, Scored } from './rating.ts'

/** What the ratings use cases need. */
export interface RatingDeps {
  readonly db: Db
  readonly clock: Clock
  readonly calendar: CalendarService
  readonly i18n: I18n
  readonly baseUrl: string
}

/** What the applicant sends. */
export interface EvaluationInput {
  readonly code: string
  readonly pin: string
  readonly clientAddress: string
  readonly scores: Record<string, unknown>
  readonly overall: unknown
  readonly comment?: unknown
  /** Where it came from: the public lookup, or the QR code on the receipt. */
  readonly source?: 'lookup' | 'qr'
}

/** A stored evaluation. */
export interface Evaluation extends Scored {
  readonly dossierCode: string
  readonly overall: OverallAnswer
  readonly comment: string | null
  readonly createdAt: Date
}

/**
 * Records the applicant's evaluation of a returned, refused or stopped dossier. The computed
 * indicators come from the record; a second evaluation of the same dossier is refused (409),
 * also when two arrive at once (the database's unique key decides).
 */
export async function evaluateDossier(deps: RatingDeps, input: EvaluationInput): Promise<Evaluation> {
  const facts = await dossiers.evaluationFacts(deps, input.code, input.pin, input.clientAddress)
  if (!facts.isFinished) throw new ConflictError('ratings.errors.notFinished')
  const fields = checkAnswers(input.scores, input.overall, input.comment)
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
  const asked = Object.fromEntries(ASKED_INDICATORS.map((k) => [k, input.scores[k] as 0 | 1 | 2])) as Parameters<typeof scoreEvaluation>[1]
  const scored = scoreEvaluation(facts, asked)
  const overall = input.overall as OverallAnswer
  const comment = typeof input.comment === 'string' && input.comment.trim() !== '' ? input.comment.trim() : null
  const now = deps.clock.now()
  try {
    await deps.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('dossier_evaluations')
        .values({
          dossier_id: facts.dossierId,
          unit_id: facts.unitId,
          official_id: facts.officialId,
          scores_json: JSON.stringify(scored.scores),
          total: scored.total,
          band: scored.band,
          overall,
          comment,
          source: input.source ?? 'lookup',
          created_at: instant(now),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await appendAudit(trx, {
        actor: { id: null, label: 'applicant' },
        at: now,
        entity: 'dossier_evaluation',
        entityId: Number(id),
        action: 'create',
        after: { dossierCode: facts.code, total: scored.total, band: scored.band, overall },
      })
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('ratings.errors.alreadyEvaluated')
    throw error
  }
  return { ...scored, dossierCode: facts.code, overall, comment, createdAt: now }
}

/** One row of the summary: an official or a unit over the period. */
export interface SummaryRow {
  readonly key: string
  readonly label: string
  readonly unitCode: string
  readonly evaluations: number
  /** Mean total score of the evaluations (of 18), or null for none. */
  readonly averageScore: number | null
  readonly verySatisfied: number
  readonly satisfied: number
  readonly notSatisfied: number
  readonly kioskRatings: number
  /** Share of evaluations and kiosk ratings that are satisfied or very satisfied, or null for none. */
  readonly satisfactionIndex: number | null
  readonly lateDossiers: number
}

/** The summary of a period. */
export interface RatingSummary {
  readonly from: string
  readonly to: string
  readonly unitCode: string | null
  readonly officials: readonly SummaryRow[]
  readonly units: readonly SummaryRow[]
  readonly total: SummaryRow
}

/** Parses a YYYY-MM-DD day into the instant it starts in Vietnam. */
function dayStart(text: string, field: string): Date {
  try {
    return calendarFeature.parseInstant(`${text}T00:00:00+07:00`)
  } catch {
    throw new BadRequestError('ratings.errors.period', { [field]: 'ratings.errors.period' })
  }
}

/** Evaluations, kiosk ratings and late dossiers per official and unit, for leaders of the units. */
export async function ratingsSummary(deps: RatingDeps, principal: Principal, input: { unitCode?: string; from?: string; to?: string }): Promise<RatingSummary> {
  const roots = units.scopeRoots(principal, ['leader', 'admin'])
  if (roots.length === 0) throw new ForbiddenError()
  let scopePaths = roots.map((r) => r.path)
  if (input.unitCode) {
    const unit = await units.getUnitByCode(deps, input.unitCode).catch(() => null)
    if (!unit) throw new BadRequestError('ratings.errors.unit', { unit: 'ratings.errors.unit' })
    if (!units.hasRoleOn(principal, ['leader', 'admin'], unit.path)) throw new ForbiddenError()
    scopePaths = [unit.path]
  }
  const today = calendarFeature.formatInstant(deps.clock.now()).slice(0, 10)
  const fromText = input.from ?? `${today.slice(0, 7)}-01`
  const toText = input.to ?? today
  const from = instant(dayStart(fromText, 'from'))
  const to = instant(new Date(dayStart(toText, 'to').getTime() + 86_400_000))
  if (to <= from) throw new BadRequestError('ratings.errors.period', { to: 'ratings.errors.period' })

  const inScope = (column: 'u.path') => (eb: any) => eb.or(scopePaths.map((p) => eb(column, 'like', `${p}%`)))
  const evaluationRows = await deps.db
    .selectFrom('dossier_evaluations as e')
    .innerJoin('units as u', 'u.id', 'e.unit_id')
    .leftJoin('staff as s', 's.id', 'e.official_id')
    .select([
      'u.code as unit_code',
      'u.name as unit_name',
      's.username',
      's.full_name',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(e.total)`.as('score_sum'),
      sql<number>`sum(case when e.overall = 'very_satisfied' then 1 else 0 end)`.as('very'),
      sql<number>`sum(case when e.overall = 'satisfied' then 1 else 0 end)`.as('sat'),
      sql<number>`sum(case when e.overall = 'not_satisfied' then 1 else 0 end)`.as('not_sat'),
    ])
    .where(inScope('u.path'))
    .where('e.created_at', '>=', from)
    .where('e.created_at', '<', to)
    .groupBy(['u.code', 'u.name', 's.username', 's.full_name'])
    .execute()
  const kioskRows = await deps.db
    .selectFrom('kiosk_ratings as k')
    .innerJoin('units as u', 'u.id', 'k.unit_id')
    .leftJoin('staff as s', 's.id', 'k.official_id')
    .select([
      'u.code as unit_code',
      'u.name as unit_name',
      's.username',
      's.full_name',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when k.rating = 'very_satisfied' then 1 else 0 end)`.as('very'),
      sql<number>`sum(case when k.rating = 'satisfied' then 1 else 0 end)`.as('sat'),
      sql<number>`sum(case when k.rating = 'not_satisfied' then 1 else 0 end)`.as('not_sat'),
    ])
    .where(inScope('u.path'))
    .where('k.rated_at', '>=', from)
    .where('k.rated_at', '<', to)
    .groupBy(['u.code', 'u.name', 's.username', 's.full_name'])
    .execute()
  const late = await dossiers.onTimeFigures(deps, principal, { ...(input.unitCode ? { unitCode: input.unitCode } : {}), from: fromText, to: toText, by: 'official' })

  type Acc = { key: string; label: string; unitCode: string; n: number; scoreSum: number; very: number; sat: number; notSat: number; kiosk: number; kVery: number; kSat: number; kNot: number; late: number }
  const officials = new Map<string, Acc>()
  const unitAcc = new Map<string, Acc>()
  const blank = (key: string, label: string, unitCode: string): Acc => ({ key, label, unitCode, n: 0, scoreSum: 0, very: 0, sat: 0, notSat: 0, kiosk: 0, kVery: 0, kSat: 0, kNot: 0, late: 0 })
  const accFor = (map: Map<string, Acc>, key: string, label: string, unitCode: string) => {
    let acc = map.get(key)
    if (!acc) map.set(key, (acc = blank(key, label, unitCode)))
    return acc
  }
  for (const r of evaluationRows) {
    for (const acc of [accFor(officials, r.username ?? '—', r.full_name ?? '—', r.unit_code), accFor(unitAcc, r.unit_code, r.unit_name, r.unit_code)]) {
      acc.n += Number(r.n)
      acc.scoreSum += Number(r.score_sum)
      acc.very += Number(r.very)
      acc.sat += Number(r.sat)
      acc.notSat += Number(r.not_sat)
    }
  }
  for (const r of kioskRows) {
    for (const acc of [accFor(officials, r.username ?? '—', r.full_name ?? '—', r.unit_code), accFor(unitAcc, r.unit_code, r.unit_name, r.unit_code)]) {
      acc.kiosk += Number(r.n)
      acc.kVery += Number(r.very)
      acc.kSat += Number(r.sat)
      acc.kNot += Number(r.not_sat)
    }
  }
  for (const row of late.rows) {
    if (row.late === 0) continue
    const existing = officials.get(row.key)
    if (existing) existing.late += row.late
    else officials.set(row.key, { ...blank(row.key, row.label, ''), late: row.late })
  }
  const present = (acc: Acc): SummaryRow => ({
    key: acc.key,
    label: acc.label,
    unitCode: acc.unitCode,
    evaluations: acc.n,
    averageScore: acc.n === 0 ? null : Math.round((acc.scoreSum / acc.n) * 100) / 100,
    verySatisfied: acc.very,
    satisfied: acc.sat,
    notSatisfied: acc.notSat,
    kioskRatings: acc.kiosk,
    satisfactionIndex: satisfactionIndex({ very_satisfied: acc.very + acc.kVery, satisfied: acc.sat + acc.kSat, not_satisfied: acc.notSat + acc.kNot }),
    lateDossiers: acc.late,
  })
  const totalAcc = blank('total', 'total', '')
  for (const acc of unitAcc.values()) {
    for (const k of ['n', 'scoreSum', 'very', 'sat', 'notSat', 'kiosk', 'kVery', 'kSat', 'kNot'] as const) totalAcc[k] += acc[k]
  }
  totalAcc.late = late.total.late
  const byKey = (a: SummaryRow, b: SummaryRow) => a.key.localeCompare(b.key, 'vi')
  return {
    from: fromText,
    to: toText,
    unitCode: input.unitCode ?? null,
    officials: [...officials.values()].map(present).sort(byKey),
    units: [...unitAcc.values()].map(present).sort(byKey),
    total: present(totalAcc),
  }
}
