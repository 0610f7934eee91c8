/**
 * The public procedure catalogue: every procedure in use, grouped by field, and one procedure's
 * details — what residents need before they come: time limit, fee, documents to bring, steps.
 */
import { Notice, SummaryList, Table } from '../../../views/components.tsx'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { Procedure } from '../procedure.ts'
import { feeText, feeWithNoteText, procedureName, timeLimitText } from './procedure-text.ts'
import { discoveryTags } from '../../../views/discovery.ts'

/** The procedures of one field. */
export interface FieldGroup {
  readonly field: string
  readonly procedures: readonly Procedure[]
}

/** The link of a procedure's public page. */
export function publicProcedureHref(code: string): string {
  return `/thu-tuc/${encodeURIComponent(code)}`
}

/** The public catalogue, grouped by field. */
export function CataloguePage(props: { ctx: PageContext; groups: readonly FieldGroup[] }): JSX.Element {
  const { ctx, groups } = props
  const t = ctx.t
  const total = groups.reduce((sum, g) => sum + g.procedures.length, 0)
  return (
    <Layout ctx={ctx} title={t('procedures.pages.catalogue.title')} {...discoveryTags(ctx, { path: '/thu-tuc', title: t('procedures.pages.catalogue.title'), description: t('procedures.pages.catalogue.lead') })}>
      <h1 class="heading-xl" safe>
        {t('procedures.pages.catalogue.title')}
      </h1>
      <p class="lead" safe>
        {t('procedures.pages.catalogue.lead')}
      </p>
      {total === 0 ? (
        <p class="body-secondary" safe>
          {t('procedures.pages.catalogue.empty')}
        </p>
      ) : (
        <>
          <nav aria-labelledby="fields-title">
            <h2 class="heading-s" id="fields-title" safe>
              {t('procedures.pages.catalogue.fieldsNav')}
            </h2>
            <ul class="list">
              {groups.map((group, index) => (
                <li>
                  <a href={`#field-${index + 1}`} safe>
                    {group.field}
                  </a>{' '}
                  <span class="body-secondary" safe>
                    {`(${t('procedures.pages.catalogue.count', { count: group.procedures.length })})`}
                  </span>
                </li>
              ))}
            </ul>
          </nav>
          {groups.map((group, index) => (
            <section aria-labelledby={`field-${index + 1}`}>
              <h2 class="heading-m" id={`field-${index + 1}`} safe>
                {group.field}
              </h2>
              <Table
                caption={group.field}
                isCaptionHidden
                rowCount={group.procedures.length}
                emptyText=""
                columns={[{ text: t('procedures.pages.columns.name') }, { text: t('procedures.pages.columns.timeLimit') }, { text: t('procedures.pages.columns.fee') }]}
                isStackedOnMobile
              >
                {group.procedures.map((p) => (
                  <tr>
                    <td data-label={t('procedures.pages.columns.name')}>
                      <a href={publicProcedureHref(p.code)} safe>
                        {procedureName(p, ctx.locale)}
                      </a>
                      <span class="cell-secondary" safe>
                        {`${t('procedures.pages.columns.code')}: ${p.code}`}
                      </span>
                    </td>
                    <td data-label={t('procedures.pages.columns.timeLimit')} safe>
                      {timeLimitText(t, p.timeLimit)}
                    </td>
                    <td data-label={t('procedures.pages.columns.fee')} safe>
                      {feeText(t, ctx.locale, p.feeVnd)}
                    </td>
                  </tr>
                ))}
              </Table>
            </section>
          ))}
        </>
      )}
      <p class="body-secondary">
        <span safe>{t('procedures.pages.catalogue.api')}</span> <a href="/api/v1/procedures">/api/v1/procedures</a>
      </p>
    </Layout>
  )
}

/** One procedure's public page. */
export function ProcedurePage(props: { ctx: PageContext; procedure: Procedure }): JSX.Element {
  const { ctx, procedure: p } = props
  const t = ctx.t
  const name = procedureName(p, ctx.locale)
  return (
    <Layout
      ctx={ctx}
      title={name}
      breadcrumbs={[{ href: '/thu-tuc', text: t('procedures.pages.catalogue.title') }]}
      {...discoveryTags(ctx, { path: `/thu-tuc/${encodeURIComponent(p.code)}`, title: name, description: `${p.field} · ${p.code}` })}
    >
      {p.isActive ? (
        ''
      ) : (
        <Notice ctx={ctx} kind="warning" title={t('procedures.pages.status.inactive')}>
          <p safe>{t('procedures.pages.detail.inactive')}</p>
        </Notice>
      )}
      <span class="caption" safe>
        {t('procedures.pages.detail.caption', { field: p.field })}
      </span>
      <h1 class="heading-l" safe>
        {name}
      </h1>
      <h2 class="visually-hidden" safe>
        {t('procedures.pages.detail.facts')}
      </h2>
      <SummaryList
        rows={[
          { key: t('procedures.pages.columns.code'), value: p.code },
          { key: t('procedures.pages.columns.timeLimit'), value: timeLimitText(t, p.timeLimit) },
          { key: t('procedures.pages.columns.fee'), value: feeWithNoteText(t, ctx.locale, p.feeVnd, p.feeNote) },
          { key: t('procedures.pages.detail.result'), value: p.resultName },
          { key: t('procedures.pages.detail.level'), value: t(`procedures.pages.levels.${p.level}`) },
        ]}
      />
      <h2 class="heading-m" safe>
        {t('procedures.pages.detail.documentsTitle')}
      </h2>
      <p safe>{t('procedures.pages.detail.documentsLead')}</p>
      <Table
        caption={t('procedures.pages.detail.documentsTitle')}
        isCaptionHidden
        rowCount={p.documents.length}
        emptyText=""
        columns={[
          { text: t('procedures.pages.columns.document') },
          { text: t('procedures.pages.columns.copies') },
          { text: t('procedures.pages.columns.form') },
          { text: t('procedures.pages.columns.isRequired') },
        ]}
        isStackedOnMobile
      >
        {p.documents.map((d) => (
          <tr>
            <td data-label={t('procedures.pages.columns.document')}>
              <span safe>{d.name}</span>
              {d.note ? (
                <span class="cell-secondary" safe>
                  {d.note}
                </span>
              ) : (
                ''
              )}
            </td>
            <td data-label={t('procedures.pages.columns.copies')} class="nowrap" safe>
              {d.copies === 0 ? '—' : t('procedures.pages.copies', { count: d.copies })}
            </td>
            <td data-label={t('procedures.pages.columns.form')} safe>
              {t(`procedures.pages.documentForms.${d.form}`)}
            </td>
            <td data-label={t('procedures.pages.columns.isRequired')} safe>
              {d.isRequired ? t('procedures.pages.required') : t('procedures.pages.optional')}
            </td>
          </tr>
        ))}
      </Table>
      <h2 class="heading-m" safe>
        {t('procedures.pages.detail.stepsTitle')}
      </h2>
      <p safe>{t('procedures.pages.detail.stepsLead')}</p>
      <Table
        caption={t('procedures.pages.detail.stepsTitle')}
        isCaptionHidden
        rowCount={p.steps.length}
        emptyText=""
        columns={[{ text: t('procedures.pages.columns.step') }, { text: t('procedures.pages.columns.role') }, { text: t('procedures.pages.columns.sharePercent'), isNumeric: true }]}
        isStackedOnMobile
      >
        {p.steps.map((s, index) => (
          <tr>
            <td data-label={t('procedures.pages.columns.step')} safe>
              {`${index + 1}. ${s.name}`}
            </td>
            <td data-label={t('procedures.pages.columns.role')} safe>
              {t(`units.roles.${s.role}`)}
            </td>
            <td data-label={t('procedures.pages.columns.sharePercent')} class="numeric" safe>
              {t('procedures.pages.share', { percent: s.sharePercent })}
            </td>
          </tr>
        ))}
      </Table>
      {p.legalBasis.length > 0 ? (
        <>
          <h2 class="heading-m" safe>
            {t('procedures.pages.detail.legalTitle')}
          </h2>
          <ul class="list">
            {p.legalBasis.map((line) => (
              <li safe>{line}</li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      <p>
        <a href="/thu-tuc" safe>
          {t('procedures.pages.detail.back')}
        </a>
      </p>
      <p class="body-secondary">
        <span safe>{t('procedures.pages.catalogue.api')}</span>{' '}
        <a href={`/api/v1/procedures/${encodeURIComponent(p.code)}`} safe>
          {`/api/v1/procedures/${p.code}`}
        </a>
      </p>
    </Layout>
  )
}
