/** The dossiers behind a figure of the dashboard: a page at a time, each linked to its page on the desk, exportable whole. */
import { ErrorSummary, Pagination } from '../../../views/components.tsx'
import type { FormErrors } from '../../../views/forms.ts'
import { hasErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { TableModel } from '../../../views/table-export.ts'
import type { FigureList } from '../dashboard.service.ts'
import { DataTable } from '../../../views/data-table.tsx'
import { dashboardHref, exportHref, figureListHref, scopeQuery, withQuery } from './paths.ts'

/** Props of the list page. */
export interface FigureListPageProps {
  readonly ctx: PageContext
  readonly list: FigureList | null
  readonly table: TableModel | null
  readonly errors: FormErrors
}

/** The page. */
export function FigureListPage(props: FigureListPageProps): JSX.Element {
  const { ctx, list, table } = props
  const t = ctx.t
  const title = list ? t('dashboard.list.title', { figure: t(`dashboard.figures.${list.figure}`) }) : t('dashboard.list.titleEmpty')
  const query = list ? { ...scopeQuery(list.unit.code, list.period), figure: list.figure, procedure: list.procedureCode } : {}
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={hasErrors(props.errors)}
      breadcrumbs={[{ href: '/desk', text: t('nav.desk') }, { href: list ? dashboardHref(list.unit.code, list.period) : '/admin/bang-dieu-khien', text: t('dashboard.title') }]}
    >
      <ErrorSummary ctx={ctx} errors={props.errors} order={['unit', 'from', 'to', 'figure', 'procedure']} />
      <h1 class="heading-xl" safe>
        {title}
      </h1>
      {list && table ? (
        <>
          <p class="lead" safe>
            {t('dashboard.list.lead', { unit: list.unit.name, from: list.period.from, to: list.period.to, count: list.total })}
          </p>
          {list.procedureCode ? (
            <p>
              <a href={figureListHref(list.unit.code, list.period, list.figure)} safe>
                {t('dashboard.list.allProcedures', { code: list.procedureCode })}
              </a>
            </p>
          ) : (
            ''
          )}
          <DataTable ctx={ctx} table={table} emptyText={t('dashboard.list.empty')} exports={{ csv: exportHref('dossiers', 'csv', query), xlsx: exportHref('dossiers', 'xlsx', query) }} isCaptionHidden />
          <Pagination ctx={ctx} page={list.page} pageCount={Math.ceil(list.total / list.pageSize)} hrefFor={(page) => withQuery('/admin/bang-dieu-khien/ho-so', { ...query, page })} />
        </>
      ) : (
        ''
      )}
    </Layout>
  )
}
