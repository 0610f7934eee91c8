/**
 * JSON routes of the dashboard: the figures of a unit and everything under it over a period
 * (leaders and administrators, scoped to their units), and the public statistics of a year.
 * Shares are fractions from 0 to 1, null when there is nothing to share.
 */
import { Type } from 'typebox'
import type { App, FeatureDeps } from '../../app.ts'
import { ErrorBody, requirePrincipal } from '../../platform/http/api.ts'
import { createPublicStatisticsCache, getDashboard } from './dashboard.service.ts'
import type { Dashboard, DashboardDeps, PublicStatistics, PublicUnitFigures, UnitLine } from './dashboard.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody }
const Share = Type.Union([Type.Number(), Type.Null()])
const Count = Type.Integer()
const UnitRef = Type.Object({ code: Type.String(), name: Type.String() })

const DossierLineBody = Type.Object({
  received: Count,
  returned: Count,
  early: Count,
  onTime: Count,
  late: Count,
  refused: Count,
  stopped: Count,
  open: Count,
  overdue: Count,
  onTimeRate: Share,
  averageDays: Share,
})
const FeedbackLineBody = Type.Object({ submitted: Count, answered: Count, answeredOnTime: Count, open: Count, overdue: Count, onTimeRate: Share })
const SatisfactionBody = Type.Object({ ratings: Count, verySatisfied: Count, satisfied: Count, notSatisfied: Count, index: Share })
const unitLine = <T extends ReturnType<typeof Type.Object>>(figures: T) => Type.Object({ unit: UnitRef, isOwn: Type.Boolean(), figures })

const DashboardBody = Type.Object({
  unit: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
  from: Type.String(),
  to: Type.String(),
  generatedAt: Type.String(),
  dossiers: Type.Object({
    total: DossierLineBody,
    byUnit: Type.Array(unitLine(DossierLineBody)),
    topProcedures: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), received: Count, returned: Count, late: Count, onTimeRate: Share, averageDays: Share })),
    trend: Type.Array(Type.Object({ month: Type.String(), received: Count, returned: Count, onTimeRate: Share })),
    trendChange: Share,
  }),
  satisfaction: Type.Object({
    total: SatisfactionBody,
    byUnit: Type.Array(unitLine(SatisfactionBody)),
    threshold: Type.Object({ minRatings: Type.Number(), minShare: Type.Number() }),
    officialsBelow: Type.Array(Type.Object({ username: Type.String(), fullName: Type.String(), unitName: Type.String(), ratings: Count, notSatisfied: Count, index: Share })),
  }),
  feedback: Type.Object({
    total: FeedbackLineBody,
    byCategory: Type.Array(Type.Object({ category: Type.String(), figures: FeedbackLineBody })),
    byUnit: Type.Array(unitLine(FeedbackLineBody)),
  }),
  dialogues: Type.Union([
    Type.Object({
      year: Count,
      heldCount: Count,
      unitCount: Count,
      heldPercent: Type.Number(),
      commitments: Type.Object({ total: Count, done: Count, doneOnTime: Count, overdue: Count, open: Count }),
      units: Type.Array(Type.Object({ unit: UnitRef, sessionsHeld: Count })),
    }),
    Type.Null(),
  ]),
  reception: Type.Union([
    Type.Object({
      from: Type.String(),
      to: Type.String(),
      summary: Type.Object({ chair: Type.Object({ met: Count, total: Count }), party_secretary: Type.Object({ met: Count, total: Count }) }),
      rows: Type.Array(Type.Object({ unit: UnitRef, hostRole: Type.String(), required: Count, held: Count, covered: Count, isMet: Type.Boolean() })),
    }),
    Type.Null(),
  ]),
})

const PublicFiguresBody = Type.Object({
  returned: Count,
  onTimeRate: Share,
  ratings: Count,
  satisfactionIndex: Share,
  feedbackSubmitted: Count,
  feedbackAnswered: Count,
  answeredOnTimeRate: Share,
  dialoguesHeld: Type.Union([Count, Type.Null()]),
})

const StatisticsBody = Type.Object({
  year: Count,
  from: Type.String(),
  to: Type.String(),
  unit: Type.Union([UnitRef, Type.Null()]),
  units: Type.Array(Type.Object({ unit: UnitRef, figures: PublicFiguresBody })),
  total: PublicFiguresBody,
  coverage: Type.Union([Type.Object({ heldCount: Count, unitCount: Count, heldPercent: Type.Number() }), Type.Null()]),
})

/** A unit line as the API shows it. */
function presentLine<T, U>(line: UnitLine<T>, figures: (f: T) => U) {
  return { unit: line.unit, isOwn: line.isOwn, figures: figures(line.figures) }
}

/** The dashboard as the API shows it. */
export function presentDashboard(d: Dashboard) {
  const satisfaction = (f: Dashboard['satisfaction']['total']) => ({ ratings: f.ratings, verySatisfied: f.verySatisfied, satisfied: f.satisfied, notSatisfied: f.notSatisfied, index: f.index })
  return {
    unit: d.unit,
    from: d.period.from,
    to: d.period.to,
    generatedAt: d.generatedAt.toISOString(),
    dossiers: {
      total: d.dossiers.total,
      byUnit: d.dossiers.byUnit.map((line) => presentLine(line, (f) => f)),
      topProcedures: d.dossiers.topProcedures.map((p) => ({ code: p.code, name: p.name, received: p.figures.received, returned: p.figures.returned, late: p.figures.late, onTimeRate: p.figures.onTimeRate, averageDays: p.figures.averageDays })),
      trend: [...d.dossiers.trend],
      trendChange: d.dossiers.trendChange,
    },
    satisfaction: {
      total: satisfaction(d.satisfaction.total),
      byUnit: d.satisfaction.byUnit.map((line) => presentLine(line, satisfaction)),
      threshold: d.satisfaction.threshold,
      officialsBelow: d.satisfaction.officialsBelow.map((o) => ({ username: o.username, fullName: o.fullName, unitName: o.unitName, ratings: o.ratings, notSatisfied: o.notSatisfied, index: o.index })),
    },
    feedback: { total: d.feedback.total, byCategory: [...d.feedback.byCategory], byUnit: d.feedback.byUnit.map((line) => presentLine(line, (f) => f)) },
    dialogues: d.dialogues
      ? {
          year: d.dialogues.year,
          heldCount: d.dialogues.heldCount,
          unitCount: d.dialogues.unitCount,
          heldPercent: d.dialogues.heldPercent,
          commitments: d.dialogues.commitments,
          units: d.dialogues.units.map((line) => ({ unit: { code: line.unit.code, name: line.unit.name }, sessionsHeld: line.sessionsHeld })),
        }
      : null,
    reception: d.reception
      ? {
          from: d.reception.from,
          to: d.reception.to,
          summary: d.reception.summary,
          rows: d.reception.rows.map((r) => ({ unit: r.unit, hostRole: r.hostRole, required: r.required, held: r.held, covered: r.covered, isMet: r.isMet })),
        }
      : null,
  }
}

/** The public statistics as the API shows them. */
export function presentStatistics(s: PublicStatistics) {
  const figures = (f: PublicUnitFigures) => ({
    returned: f.returned,
    onTimeRate: f.onTimeRate,
    ratings: f.ratings,
    satisfactionIndex: f.satisfactionIndex,
    feedbackSubmitted: f.feedbackSubmitted,
    feedbackAnswered: f.feedbackAnswered,
    answeredOnTimeRate: f.answeredOnTimeRate,
    dialoguesHeld: f.dialoguesHeld,
  })
  return {
    year: s.year,
    from: s.period.from,
    to: s.period.to,
    unit: s.unit,
    units: s.units.map((line) => ({ unit: line.unit, figures: figures(line) })),
    total: figures(s.total),
    coverage: s.coverage,
  }
}

/** Registers the API routes. */
export function registerDashboardApi(app: App, deps: FeatureDeps & DashboardDeps): void {
  const publicStatistics = createPublicStatisticsCache(deps)

  app.get(
    '/api/v1/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Figures of a unit and every unit under it over a period (whole days, Vietnam time; this month by default)',
        security: [{ bearer: [] }],
        querystring: Type.Object({
          unit: Type.Optional(Type.String({ maxLength: 40 })),
          from: Type.Optional(Type.String({ maxLength: 10 })),
          to: Type.Optional(Type.String({ maxLength: 10 })),
        }),
        response: { 200: DashboardBody, ...errors },
      },
    },
    async (req) => presentDashboard(await getDashboard(deps, requirePrincipal(req.principal), { unitCode: req.query.unit ?? null, from: req.query.from ?? null, to: req.query.to ?? null })),
  )

  app.get(
    '/api/v1/statistics',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Public statistics of a year per ward and commune: on-time rate, satisfaction index, feedback answered, dialogues held (cached for a minute)',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2200 })) }),
        response: { 200: StatisticsBody, 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const statistics = await publicStatistics(req.query.year ?? null)
      reply.header('cache-control', 'public, max-age=60')
      return presentStatistics(statistics)
    },
  )
}
