/**
 * On-time figures of the one-stop desk for a period, per unit, procedure or official: received,
 * returned early / on time / late, refused, stopped, still open, overdue. One grouped query with
 * conditional sums, so the figures of a large database come from its indexes, not from memory.
 */
import { sql } from 'kysely'
import type { Principal } from '../../platform/auth/principal.ts'
import { instant } from '../../db/portable.ts'
import { BadRequestError, ForbiddenError } from '../../platform/http/errors.ts'
import * as calendarFeature from '../calendar/index.ts'
import * as units from '../units/index.ts'
import { canViewDossiers, VIEW_ROLES } from './dossier.policy.ts'
import { figuresBase } from './dossier.repository.ts'
import type { DossierDeps } from './dossier.service.ts'

/** How figures are grouped. */
export const FIGURE_GROUPS = ['unit', 'procedure', 'official'] as const
/** One of FIGURE_GROUPS. */
export type FigureGroup = (typeof FIGURE_GROUPS)[number]

/** One row of figures. */
export interface FigureRow {
  readonly key: string
  readonly label: string
  readonly received: number
  readonly returned: number
  readonly early: number
  readonly onTime: number
  readonly late: number
  readonly refused: number
  readonly stopped: number
  readonly open: number
  readonly overdue: number
  /** (early + on time) / returned, or null when nothing was returned. */
  readonly onTimeRate: number | null
}

/** Figures for a period with their totals. */
export interface Figures {
  readonly from: string
  readonly to: string
  readonly by: FigureGroup
  readonly unitCode: string | null
  readonly rows: readonly FigureRow[]
  readonly total: FigureRow
}

/** Parses a YYYY-MM-DD day as the start of that day in Vietnam. */
function dayStart(text: string, field: string): Date {
  try {
    return calendarFeature.parseInstant(`${text}T00:00:00+07:00`)
  } catch {
    throw new BadRequestError('dossiers.errors.period', { [field]: 'dossiers.errors.period' })
  }
}

/** Computes the figures of the units the principal may see, for [from, to] (whole days, inclusive). */
export async function onTimeFigures(
  deps: DossierDeps,
  principal: Principal,
  input: { unitCode?: string; from?: string; to?: string; by?: string },
): Promise<Figures> {
  const by = (input.by ?? 'unit') as FigureGroup
  if (!FIGURE_GROUPS.includes(by)) throw new BadRequestError('dossiers.errors.groupBy', { by: 'dossiers.errors.groupBy' })
  const now = deps.clock.now()
  const today = calendarFeature.formatInstant(now).slice(0, 10)
  const fromText = input.from ?? `${today.slice(0, 7)}-01`
  const toText = input.to ?? today
  const from = dayStart(fromText, 'from')
  const to = new Date(dayStart(toText, 'to').getTime() + 86_400_000)
  if (to.getTime() <= from.getTime()) throw new BadRequestError('dossiers.errors.period', { to: 'dossiers.errors.period' })

  const scopes = units.scopeRoots(principal, VIEW_ROLES)
  if (scopes.length === 0) throw new ForbiddenError()
  let unitPath: string | null = null
  if (input.unitCode) {
    const unit = await units.getUnitByCode(deps, input.unitCode).catch(() => null)
    if (!unit) throw new BadRequestError('dossiers.errors.unit', { unit: 'dossiers.errors.unit' })
    if (!canViewDossiers(principal, unit.path) && !scopes.some((s) => s.isSubtree && unit.path.startsWith(s.path))) throw new ForbiddenError()
    unitPath = unit.path
  }

  const f = instant(from)
  const t = instant(to)
  const n = instant(now)
  const inPeriod = (column: string) => sql`(${sql.ref(column)} >= ${f} and ${sql.ref(column)} < ${t})`
  const count = (condition: ReturnType<typeof sql>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`
  const isReturned = sql`(d.status = 'returned' and ${inPeriod('d.finished_at')})`

  let query = figuresBase(deps.db)
  query = query.where((eb) => eb.or(scopes.map((s) => (s.isSubtree ? eb('u.path', 'like', `${s.path}%`) : eb('u.path', '=', s.path)))))
  if (unitPath) query = query.where('u.path', 'like', `${unitPath}%`)
  // Only dossiers that touch the period: received in it, or finished in it.
  query = query.where((eb) => eb.or([eb.and([eb('d.received_at', '>=', f), eb('d.received_at', '<', t)]), eb.and([eb('d.finished_at', '>=', f), eb('d.finished_at', '<', t)])]))

  const keyColumns =
    by === 'unit'
      ? (['u.code as key', 'u.name as label'] as const)
      : by === 'procedure'
        ? (['p.code as key', 'p.name as label'] as const)
        : (['s.username as key', 's.full_name as label'] as const)
  const rows = await query
    .select([...keyColumns])
    .select([
      count(inPeriod('d.received_at')).as('received'),
      count(isReturned).as('returned'),
      count(sql`${isReturned} and d.timing = 'early'`).as('early'),
      count(sql`${isReturned} and d.timing = 'on_time'`).as('on_time'),
      count(sql`${isReturned} and d.timing = 'late'`).as('late'),
      count(sql`d.status = 'refused' and ${inPeriod('d.finished_at')}`).as('refused'),
      count(sql`d.status = 'stopped' and ${inPeriod('d.finished_at')}`).as('stopped'),
      count(sql`d.status in ('received', 'processing') and ${inPeriod('d.received_at')}`).as('open'),
      count(sql`d.status in ('received', 'processing') and ${inPeriod('d.received_at')} and d.due_at < ${n}`).as('overdue'),
    ])
    .groupBy(by === 'unit' ? ['u.code', 'u.name'] : by === 'procedure' ? ['p.code', 'p.name'] : ['s.username', 's.full_name'])
    .execute()

  const toRow = (r: Record<string, unknown>): FigureRow => {
    const early = Number(r.early ?? 0)
    const onTime = Number(r.on_time ?? 0)
    const returned = Number(r.returned ?? 0)
    return {
      key: String(r.key ?? '—'),
      label: String(r.label ?? '—'),
      received: Number(r.received ?? 0),
      returned,
      early,
      onTime,
      late: Number(r.late ?? 0),
      refused: Number(r.refused ?? 0),
      stopped: Number(r.stopped ?? 0),
      open: Number(r.open ?? 0),
      overdue: Number(r.overdue ?? 0),
      onTimeRate: returned === 0 ? null : (early + onTime) / returned,
    }
  }
  const mapped = rows.map((r) => toRow(r as Record<string, unknown>)).sort((a, b) => a.key.localeCompare(b.key, 'vi'))
  const sum = (k: keyof FigureRow) => mapped.reduce((s, r) => s + (r[k] as number), 0)
  const total = toRow({
    key: 'total',
    label: 'total',
    received: sum('received'),
    returned: sum('returned'),
    early: sum('early'),
    on_time: sum('onTime'),
    late: sum('late'),
    refused: sum('refused'),
    stopped: sum('stopped'),
    open: sum('open'),
    overdue: sum('overdue'),
  })
  return { from: fromText, to: toText, by, unitCode: input.unitCode ?? null, rows: mapped, total }
}

/** One official's late dossiers in a period: the evidence a corrective-action rule links to. */
export interface LateDossiersOfOfficial {
  readonly officialId: number
  readonly unitId: number
  readonly codes: readonly string[]
}

/**
 * Dossiers whose result came late (returned in [from, to)), per handling official: the assignee,
 * else the receiving desk officer. For the scheduled rules, so not scoped to a principal.
 */
export async function lateDossiersByOfficial(deps: Pick<DossierDeps, 'db'>, from: Date, to: Date): Promise<LateDossiersOfOfficial[]> {
  const rows = await figuresBase(deps.db)
    .select(['s.id as official_id', 'd.unit_id', 'd.code'])
    .where('d.status', '=', 'returned')
    .where('d.timing', '=', 'late')
    .where('d.finished_at', '>=', instant(from))
    .where('d.finished_at', '<', instant(to))
    .where('s.id', 'is not', null)
    .orderBy('d.id')
    .execute()
  const byOfficial = new Map<number, { officialId: number; unitId: number; codes: string[] }>()
  for (const row of rows) {
    const officialId = Number(row.official_id)
    let entry = byOfficial.get(officialId)
    if (!entry) byOfficial.set(officialId, (entry = { officialId, unitId: Number(row.unit_id), codes: [] }))
    if (row.code) entry.codes.push(row.code)
  }
  return [...byOfficial.values()]
}
