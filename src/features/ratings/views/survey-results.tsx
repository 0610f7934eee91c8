/**
 * A survey's results for its builders: the SIPAS-style index overall and per factor, then each
 * question with its counts (or its free-text answers), filtered by unit, with the CSV export.
 */
import { Button, ButtonLink, Notice, SelectField, Table } from '../../../views/components.tsx'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { SurveyResultsView } from '../survey.service.ts'
import type { QuestionResult } from '../survey.ts'
import { periodText } from './survey-public.tsx'
import { surveyAdminHref, surveyCrumbs, SurveyStatusTag } from './survey-admin.tsx'

/** A share as a percentage in the page's language ("85,3 %" / "85.3%"), or "—" for none. */
export function formatShare(ctx: PageContext, share: number | null): string {
  if (share === null) return '—'
  return new Intl.NumberFormat(ctx.locale === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share)
}

/** The results address of a survey, for all units or one. */
export function resultsHref(surveyId: number, unitCode: string | null, suffix = ''): string {
  const base = `${surveyAdminHref(surveyId)}/ket-qua${suffix}`
  return unitCode ? `${base}?unit=${encodeURIComponent(unitCode)}` : base
}

/** One question's counts or free-text answers. */
function QuestionResults(props: { ctx: PageContext; result: QuestionResult; number: number }): JSX.Element {
  const { ctx, result } = props
  const t = ctx.t
  const heading = t('ratings.survey.numbered', { number: props.number, text: result.text })
  if (result.kind === 'text') {
    return (
      <div>
        <h4 class="heading-s" safe>
          {heading}
        </h4>
        <p class="body-secondary" safe>
          {t('ratings.survey.results.answered', { count: result.answered })}
        </p>
        {result.texts.length === 0 ? (
          ''
        ) : (
          <ul class="list">
            {result.texts.map((entry) => (
              <li safe>{entry.count > 1 ? t('ratings.survey.results.textTimes', { text: entry.text, count: entry.count }) : entry.text}</li>
            ))}
          </ul>
        )}
      </div>
    )
  }
  return (
    <div>
      <h4 class="heading-s" safe>
        {heading}
      </h4>
      <p class="body-secondary" safe>
        {result.kind === 'scale'
          ? t('ratings.survey.results.answeredScale', { count: result.answered, share: formatShare(ctx, result.satisfiedShare) })
          : t('ratings.survey.results.answered', { count: result.answered })}
      </p>
      <Table
        caption={heading}
        isCaptionHidden
        rowCount={result.choices.length}
        emptyText=""
        columns={[{ text: t('ratings.survey.results.choice') }, { text: t('ratings.survey.results.count'), isNumeric: true }, { text: t('ratings.survey.results.share'), isNumeric: true }]}
      >
        {result.choices.map((choice) => (
          <tr>
            <td safe>{typeof choice.value === 'number' ? t(`ratings.survey.level.${choice.value}`) : choice.value}</td>
            <td class="numeric">{String(choice.count) as 'safe'}</td>
            <td class="numeric" safe>
              {formatShare(ctx, result.answered === 0 ? null : choice.count / result.answered)}
            </td>
          </tr>
        ))}
      </Table>
    </div>
  )
}

/** The results page. */
export function SurveyResultsPage(props: { ctx: PageContext; view: SurveyResultsView }): JSX.Element {
  const { ctx, view } = props
  const { survey, results } = view
  const t = ctx.t
  const unitCode = view.unit?.code ?? null
  let number = 0
  return (
    <Layout ctx={ctx} title={t('ratings.survey.results.title', { title: survey.title })} breadcrumbs={surveyCrumbs(ctx, { href: surveyAdminHref(survey.id), text: survey.title })}>
      <span class="caption" safe>
        {t('ratings.survey.results.caption')}
      </span>
      <h1 class="heading-l" safe>
        {survey.title}
      </h1>
      <p>
        <SurveyStatusTag ctx={ctx} status={survey.status} /> <span safe>{periodText(ctx, survey)}</span>
      </p>
      <form class="filter" method="get" action={`${surveyAdminHref(survey.id)}/ket-qua`}>
        <SelectField
          ctx={ctx}
          name="unit"
          label={t('ratings.survey.fields.unit')}
          value={unitCode ?? ''}
          placeholder={t('ratings.survey.results.allUnits')}
          choices={survey.units.map((u) => ({ value: u.code, label: u.name }))}
        />
        <Button text={t('ratings.survey.results.filter')} variant="secondary" />
      </form>
      <ul class="cards">
        <li class="card">
          <h2 class="card-title" safe>
            {t('ratings.survey.results.overall')}
          </h2>
          <p class="card-figure" safe>
            {formatShare(ctx, results.overallIndex)}
          </p>
          <p class="body-secondary" safe>
            {view.unit ? view.unit.name : t('ratings.survey.results.allUnits')}
          </p>
        </li>
        <li class="card">
          <h2 class="card-title" safe>
            {t('ratings.survey.results.responses')}
          </h2>
          <p class="card-figure">{String(results.responses) as 'safe'}</p>
        </li>
      </ul>
      <div class="button-group">
        <ButtonLink href={resultsHref(survey.id, unitCode, '.csv')} text={t('ratings.survey.results.csv')} variant="secondary" />
      </div>
      <h2 class="heading-m" safe>
        {t('ratings.survey.results.factorsTitle')}
      </h2>
      <Table
        caption={t('ratings.survey.results.factorsTitle')}
        isCaptionHidden
        isStackedOnMobile
        rowCount={results.factors.length}
        emptyText=""
        columns={[
          { text: t('ratings.survey.results.factor') },
          { text: t('ratings.survey.results.scaleAnswers'), isNumeric: true },
          { text: t('ratings.survey.results.satisfied'), isNumeric: true },
          { text: t('ratings.survey.results.index'), isNumeric: true },
        ]}
      >
        {results.factors.map((f) => (
          <tr>
            <td data-label={t('ratings.survey.results.factor')} safe>
              {t(`ratings.survey.factor.${f.factor}`)}
            </td>
            <td class="numeric" data-label={t('ratings.survey.results.scaleAnswers')}>
              {String(f.scaleAnswers) as 'safe'}
            </td>
            <td class="numeric" data-label={t('ratings.survey.results.satisfied')}>
              {String(f.satisfied) as 'safe'}
            </td>
            <td class="numeric" data-label={t('ratings.survey.results.index')} safe>
              {formatShare(ctx, f.index)}
            </td>
          </tr>
        ))}
      </Table>
      <Notice ctx={ctx} kind="info" title={t('ratings.survey.results.methodTitle')}>
        <p safe>{t('ratings.survey.results.method')}</p>
      </Notice>
      <h2 class="heading-m" safe>
        {t('ratings.survey.results.questionsTitle')}
      </h2>
      {survey.sections.map((section) => (
        <section>
          <h3 class="heading-m" safe>
            {section.title}
          </h3>
          {results.questions
            .filter((q) => q.sectionId === section.id)
            .map((result) => (
              <QuestionResults ctx={ctx} result={result} number={++number} />
            ))}
        </section>
      ))}
    </Layout>
  )
}
