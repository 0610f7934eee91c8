/**
 * The dashboard's tables as models: the same model is shown on the page (with a link on each
 * figure that has a list behind it) and exported as CSV or XLSX, so an export holds exactly what
 * the page shows. Builders take the translator of the page's language.
 */
import type { Translate } from '../../platform/i18n/i18n.ts'
import type { CellModel, ColumnKind, RowModel, TableModel } from '../../views/table-export.ts'
import type { ListedDossier } from './dashboard.repository.ts'
import type { Dashboard, DossierLine, FeedbackLine, FigureList, ProcedureReport, PublicStatistics, PublicUnitFigures, SatisfactionFigures, UnitLine } from './dashboard.service.ts'
import type { ReportFigures } from './dashboard.ts'
import {
  coverageHref,
  dossierHref,
  feedbackQueueHref,
  figureListHref,
  openDossiersHref,
  ratingsHref,
  receptionHref,
} from './views/paths.ts'

/** The names of the dashboard's tables, as exports address them. */
export const DASHBOARD_TABLES = ['units', 'procedures', 'trend', 'satisfaction', 'officials', 'feedback-categories', 'feedback-units', 'coverage', 'reception'] as const
/** One of DASHBOARD_TABLES. */
export type DashboardTable = (typeof DASHBOARD_TABLES)[number]

/** Tables exported from other pages: the report, the list behind a figure, the register, the public statistics. */
export const OTHER_TABLES = ['report', 'dossiers', 'register'] as const

const column = (t: Translate, key: string, kind: ColumnKind) => ({ header: t(`dashboard.columns.${key}`), kind })
const cell = (value: string | number | null, href?: string | null): CellModel => ({ value, href: href ?? null })

/** A unit line's label: the unit's name, or "(own desk)" after it for the chosen unit's own figures. */
function unitLabel(t: Translate, line: UnitLine<unknown>): string {
  return line.isOwn ? t('dashboard.ownFigures', { unit: line.unit.name }) : line.unit.name
}

/** The dossier figures per unit, with a total line. */
export function dossierUnitsTable(t: Translate, d: Dashboard): TableModel {
  const period = d.period
  const links = d.canOpenDossierLists
  const rowOf = (label: string, unitCode: string, f: DossierLine, isTotal: boolean, isOwnOnly: boolean): RowModel => {
    // An own line's lists would include the children: its figures stay unlinked.
    const href = (figure: string) => (links && !isOwnOnly ? figureListHref(unitCode, period, figure) : null)
    return {
      isTotal,
      cells: [
        cell(label),
        cell(f.received, href('received')),
        cell(f.returned, href('returned')),
        cell(f.early, href('early')),
        cell(f.onTime, href('on_time')),
        cell(f.late, href('late')),
        cell(f.refused, href('refused')),
        cell(f.stopped, href('stopped')),
        cell(f.open, links && !isOwnOnly ? openDossiersHref(unitCode, false) : null),
        cell(f.overdue, links && !isOwnOnly ? openDossiersHref(unitCode, true) : null),
        cell(f.onTimeRate),
        cell(f.averageDays),
      ],
    }
  }
  return {
    key: 'units',
    caption: t('dashboard.dossiers.byUnit'),
    columns: [
      column(t, 'unit', 'text'),
      column(t, 'received', 'count'),
      column(t, 'returned', 'count'),
      column(t, 'early', 'count'),
      column(t, 'onTime', 'count'),
      column(t, 'late', 'count'),
      column(t, 'refused', 'count'),
      column(t, 'stopped', 'count'),
      column(t, 'open', 'count'),
      column(t, 'overdue', 'count'),
      column(t, 'onTimeRate', 'percent'),
      column(t, 'averageDays', 'days'),
    ],
    rows: [
      ...d.dossiers.byUnit.map((line) => rowOf(unitLabel(t, line), line.unit.code, line.figures, false, line.isOwn)),
      rowOf(t('dashboard.total'), d.unit.code, d.dossiers.total, true, false),
    ],
  }
}

/** The busiest procedures. */
export function proceduresTable(t: Translate, d: Dashboard): TableModel {
  const href = (code: string, figure: string) => (d.canOpenDossierLists ? figureListHref(d.unit.code, d.period, figure, code) : null)
  return {
    key: 'procedures',
    caption: t('dashboard.dossiers.topProcedures'),
    columns: [column(t, 'procedureCode', 'text'), column(t, 'procedure', 'text'), column(t, 'received', 'count'), column(t, 'returned', 'count'), column(t, 'late', 'count'), column(t, 'onTimeRate', 'percent'), column(t, 'averageDays', 'days')],
    rows: d.dossiers.topProcedures.map((p) => ({
      cells: [cell(p.code), cell(p.name), cell(p.figures.received, href(p.code, 'received')), cell(p.figures.returned, href(p.code, 'returned')), cell(p.figures.late, href(p.code, 'late')), cell(p.figures.onTimeRate), cell(p.figures.averageDays)],
    })),
  }
}

/** The on-time rate by month. */
export function trendTable(t: Translate, d: Dashboard): TableModel {
  return {
    key: 'trend',
    caption: t('dashboard.dossiers.trend'),
    columns: [column(t, 'month', 'text'), column(t, 'received', 'count'), column(t, 'returned', 'count'), column(t, 'onTimeRate', 'percent')],
    rows: d.dossiers.trend.map((p) => ({ cells: [cell(p.month), cell(p.received), cell(p.returned), cell(p.onTimeRate)] })),
  }
}

/** Satisfaction per unit. */
export function satisfactionTable(t: Translate, d: Dashboard): TableModel {
  const rowOf = (label: string, f: SatisfactionFigures, unitCode: string, isTotal: boolean): RowModel => ({
    isTotal,
    cells: [cell(label), cell(f.ratings, ratingsHref(unitCode, d.period)), cell(f.verySatisfied), cell(f.satisfied), cell(f.notSatisfied), cell(f.index)],
  })
  return {
    key: 'satisfaction',
    caption: t('dashboard.satisfaction.byUnit'),
    columns: [column(t, 'unit', 'text'), column(t, 'ratings', 'count'), column(t, 'verySatisfied', 'count'), column(t, 'satisfied', 'count'), column(t, 'notSatisfied', 'count'), column(t, 'satisfactionIndex', 'percent')],
    rows: [...d.satisfaction.byUnit.map((line) => rowOf(unitLabel(t, line), line.figures, line.unit.code, false)), rowOf(t('dashboard.total'), d.satisfaction.total, d.unit.code, true)],
  }
}

/** The officials below the threshold. */
export function officialsTable(t: Translate, d: Dashboard): TableModel {
  return {
    key: 'officials',
    caption: t('dashboard.satisfaction.officialsBelow'),
    columns: [column(t, 'official', 'text'), column(t, 'unit', 'text'), column(t, 'ratings', 'count'), column(t, 'notSatisfied', 'count'), column(t, 'satisfactionIndex', 'percent')],
    rows: d.satisfaction.officialsBelow.map((o) => ({ cells: [cell(o.fullName), cell(o.unitName), cell(o.ratings, ratingsHref(d.unit.code, d.period)), cell(o.notSatisfied), cell(o.index)] })),
  }
}

/** Feedback cells of a line: submitted, answered, on time, open, overdue, on-time share. */
function feedbackCells(f: FeedbackLine, hrefFor: (status: string | null, isOverdue?: boolean) => string | null): CellModel[] {
  return [
    cell(f.submitted, hrefFor(null)),
    cell(f.answered, hrefFor('answered,closed')),
    cell(f.answeredOnTime),
    cell(f.open, hrefFor('open')),
    cell(f.overdue, hrefFor('open', true)),
    cell(f.onTimeRate),
  ]
}

const FEEDBACK_COLUMNS = ['submitted', 'answered', 'answeredOnTime', 'open', 'overdue', 'answeredOnTimeRate'] as const

/** Feedback per category. */
export function feedbackCategoriesTable(t: Translate, d: Dashboard): TableModel {
  const hrefFor = (category: string | null) => (status: string | null, isOverdue = false) =>
    d.canOpenFeedbackLists ? feedbackQueueHref(d.unit.code, { category, status, isOverdue }) : null
  return {
    key: 'feedback-categories',
    caption: t('dashboard.feedback.byCategory'),
    columns: [column(t, 'category', 'text'), ...FEEDBACK_COLUMNS.map((c) => column(t, c, c === 'answeredOnTimeRate' ? 'percent' : 'count'))],
    rows: [
      ...d.feedback.byCategory.map((c) => ({ cells: [cell(t(`feedback.categories.${c.category}`)), ...feedbackCells(c.figures, hrefFor(c.category))] })),
      { isTotal: true, cells: [cell(t('dashboard.total')), ...feedbackCells(d.feedback.total, hrefFor(null))] },
    ],
  }
}

/** Feedback per unit. */
export function feedbackUnitsTable(t: Translate, d: Dashboard): TableModel {
  const hrefFor = (line: UnitLine<unknown> | null) => (status: string | null, isOverdue = false) =>
    d.canOpenFeedbackLists && !line?.isOwn ? feedbackQueueHref(line?.unit.code ?? d.unit.code, { status, isOverdue }) : null
  return {
    key: 'feedback-units',
    caption: t('dashboard.feedback.byUnit'),
    columns: [column(t, 'unit', 'text'), ...FEEDBACK_COLUMNS.map((c) => column(t, c, c === 'answeredOnTimeRate' ? 'percent' : 'count'))],
    rows: [
      ...d.feedback.byUnit.map((line) => ({ cells: [cell(unitLabel(t, line)), ...feedbackCells(line.figures, hrefFor(line))] })),
      { isTotal: true, cells: [cell(t('dashboard.total')), ...feedbackCells(d.feedback.total, hrefFor(null))] },
    ],
  }
}

/** Dialogue coverage per ward and commune. */
export function coverageTable(t: Translate, d: Dashboard): TableModel {
  const c = d.dialogues
  const href = c ? coverageHref(d.unit.code, c.year) : null
  return {
    key: 'coverage',
    caption: c ? t('dashboard.dialogues.caption', { year: c.year }) : t('dashboard.dialogues.title'),
    columns: [column(t, 'unit', 'text'), column(t, 'sessionsHeld', 'count'), column(t, 'commitments', 'count'), column(t, 'commitmentsDone', 'count'), column(t, 'commitmentsOnTime', 'count'), column(t, 'commitmentsOverdue', 'count')],
    rows: c
      ? [
          ...c.units.map((line) => ({
            cells: [cell(line.unit.name), cell(line.sessionsHeld, href), cell(line.commitments.total), cell(line.commitments.done), cell(line.commitments.doneOnTime), cell(line.commitments.overdue)],
          })),
          {
            isTotal: true,
            cells: [cell(t('dashboard.total')), cell(c.units.reduce((s, l) => s + l.sessionsHeld, 0), href), cell(c.commitments.total), cell(c.commitments.done), cell(c.commitments.doneOnTime), cell(c.commitments.overdue)],
          },
        ]
      : [],
  }
}

/** Citizen reception against the legal minimum, per unit and host. */
export function receptionTable(t: Translate, d: Dashboard): TableModel {
  const r = d.reception
  const href = receptionHref(d.unit.code, d.period)
  return {
    key: 'reception',
    caption: t('dashboard.reception.caption'),
    columns: [column(t, 'unit', 'text'), column(t, 'hostRole', 'text'), column(t, 'required', 'count'), column(t, 'held', 'count'), column(t, 'covered', 'count'), column(t, 'isMet', 'text')],
    rows: (r?.rows ?? []).map((row) => ({
      cells: [cell(row.unit.name), cell(t(`reception.hostRoles.${row.hostRole}`)), cell(row.required), cell(row.held, href), cell(row.covered), cell(t(row.isMet ? 'dashboard.yes' : 'dashboard.no'))],
    })),
  }
}

/** Every table of the dashboard, by name. */
export function dashboardTables(t: Translate, d: Dashboard): Record<DashboardTable, TableModel> {
  return {
    units: dossierUnitsTable(t, d),
    procedures: proceduresTable(t, d),
    trend: trendTable(t, d),
    satisfaction: satisfactionTable(t, d),
    officials: officialsTable(t, d),
    'feedback-categories': feedbackCategoriesTable(t, d),
    'feedback-units': feedbackUnitsTable(t, d),
    coverage: coverageTable(t, d),
    reception: receptionTable(t, d),
  }
}

/** The columns of the report, in the order of the official form. */
const REPORT_COLUMNS = ['toHandle', 'carriedOver', 'receivedInPeriod', 'finished', 'early', 'onTime', 'late', 'refused', 'stopped', 'inHand', 'inTime', 'overdue', 'onTimeRate'] as const

/** The report's cells of a line. */
function reportCells(f: ReportFigures): CellModel[] {
  return [f.toHandle, f.carriedOver, f.received, f.finished, f.early, f.onTime, f.late, f.refused, f.stopped, f.inHand, f.inTime, f.overdue, f.onTimeRate].map((v) => cell(v))
}

/** The report on handling administrative procedures, unit by unit with subtotals, and the total. */
export function reportTable(t: Translate, r: ProcedureReport): TableModel {
  const rows: RowModel[] = []
  for (const section of r.units) {
    for (const line of section.lines) rows.push({ cells: [cell(line.unit.name), cell(line.procedure.code), cell(line.procedure.name), ...reportCells(line.figures)] })
    rows.push({ isTotal: true, cells: [cell(t('dashboard.report.subtotal', { unit: section.unit.name })), cell(null), cell(null), ...reportCells(section.subtotal)] })
  }
  rows.push({ isTotal: true, cells: [cell(t('dashboard.total')), cell(null), cell(null), ...reportCells(r.total)] })
  return {
    key: 'report',
    caption: t('dashboard.report.title'),
    columns: [
      column(t, 'unit', 'text'),
      column(t, 'procedureCode', 'text'),
      column(t, 'procedure', 'text'),
      ...REPORT_COLUMNS.map((c) => column(t, c, c === 'onTimeRate' ? 'percent' : 'count')),
    ],
    rows,
  }
}

/** An instant as the lists show it: "02/03/2026 09:00", Vietnam time. */
export function formatInstant(at: Date | null): string | null {
  if (at === null) return null
  const local = new Date(at.getTime() + 7 * 3_600_000).toISOString()
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`
}

/** The status and timing of a listed dossier in words. */
function outcomeOf(t: Translate, d: ListedDossier): string {
  return [t(`dossiers.status.${d.status}`), d.timing ? t(`dossiers.timing.${d.timing}`) : ''].filter(Boolean).join(', ')
}

/** The dossiers behind a figure. */
export function figureListTable(t: Translate, list: FigureList): TableModel {
  return {
    key: 'dossiers',
    caption: t('dashboard.list.caption', { figure: t(`dashboard.figures.${list.figure}`), unit: list.unit.name }),
    columns: [column(t, 'code', 'text'), column(t, 'procedure', 'text'), column(t, 'unit', 'text'), column(t, 'applicant', 'text'), column(t, 'receivedAt', 'text'), column(t, 'dueAt', 'text'), column(t, 'finishedAt', 'text'), column(t, 'outcome', 'text')],
    rows: list.dossiers.map((d) => ({
      cells: [
        cell(d.code ?? '—', d.code ? dossierHref(d.code) : null),
        cell(d.procedureName),
        cell(d.unitName),
        cell(d.applicantName),
        cell(formatInstant(d.receivedAt)),
        cell(formatInstant(d.dueAt)),
        cell(formatInstant(d.finishedAt)),
        cell(outcomeOf(t, d)),
      ],
    })),
  }
}

/** The dossier register (sổ theo dõi hồ sơ) of a period: the dossiers received, with the register's columns. */
export function registerTable(t: Translate, list: FigureList): TableModel {
  return {
    key: 'register',
    caption: t('dashboard.register.caption', { unit: list.unit.name }),
    columns: [
      column(t, 'number', 'count'),
      column(t, 'code', 'text'),
      column(t, 'procedure', 'text'),
      column(t, 'applicant', 'text'),
      column(t, 'contact', 'text'),
      column(t, 'unit', 'text'),
      column(t, 'receivedAt', 'text'),
      column(t, 'dueAt', 'text'),
      column(t, 'assignee', 'text'),
      column(t, 'readyAt', 'text'),
      column(t, 'returnedAt', 'text'),
      column(t, 'outcome', 'text'),
    ],
    rows: list.dossiers.map((d, i) => ({
      cells: [
        cell((list.page - 1) * list.pageSize + i + 1),
        cell(d.code ?? ''),
        cell(d.procedureName),
        cell(d.applicantName),
        cell([d.applicantAddress, d.applicantPhone].filter(Boolean).join('; ')),
        cell(d.unitName),
        cell(formatInstant(d.receivedAt)),
        cell(formatInstant(d.dueAt)),
        cell(d.assigneeName),
        cell(formatInstant(d.resultReadyAt)),
        cell(d.status === 'returned' ? formatInstant(d.finishedAt) : null),
        cell(outcomeOf(t, d)),
      ],
    })),
  }
}

/** The public statistics per unit, with the total. */
export function publicTable(t: Translate, s: PublicStatistics): TableModel {
  const cells = (f: PublicUnitFigures) => [f.returned, f.onTimeRate, f.ratings, f.satisfactionIndex, f.feedbackSubmitted, f.feedbackAnswered, f.answeredOnTimeRate, f.dialoguesHeld].map((v) => cell(v))
  return {
    key: 'statistics',
    caption: t('dashboard.public.tableCaption', { year: s.year }),
    columns: [
      column(t, 'unit', 'text'),
      column(t, 'returned', 'count'),
      column(t, 'onTimeRate', 'percent'),
      column(t, 'ratings', 'count'),
      column(t, 'satisfactionIndex', 'percent'),
      column(t, 'submitted', 'count'),
      column(t, 'answered', 'count'),
      column(t, 'answeredOnTimeRate', 'percent'),
      column(t, 'sessionsHeld', 'count'),
    ],
    rows: [...s.units.map((line) => ({ cells: [cell(line.unit.name), ...cells(line)] })), { isTotal: true, cells: [cell(t('dashboard.total')), ...cells(s.total)] }],
  }
}
