/**
 * The survey builder's pages: the list of surveys, the form of a new survey, and a survey's page —
 * its details, sections and questions with forms to change them while it is a draft, and the
 * buttons that open and close it.
 */
import {
  Button,
  ButtonLink,
  CheckboxesField,
  CsrfInput,
  DateField,
  ErrorSummary,
  fieldError,
  PostButton,
  RadiosField,
  SelectField,
  StatusTag,
  SummaryList,
  Table,
  TextareaField,
  TextField,
} from '../../../views/components.tsx'
import type { Choice, Crumb, TagTone } from '../../../views/components.tsx'
import { hasErrors, NO_ERRORS } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { SurveySummary, UnitRow } from '../survey.repository.ts'
import { QUESTION_KINDS, SIPAS_FACTORS, SURVEY_LIMITS } from '../survey.ts'
import type { Survey, SurveyStatus } from '../survey.ts'
import { periodText, publicSurveyHref } from './survey-public.tsx'

/** Where the builder lives. */
export const SURVEY_ADMIN_PATH = '/admin/khao-sat'

/** The builder page of a survey. */
export function surveyAdminHref(id: number): string {
  return `${SURVEY_ADMIN_PATH}/${id}`
}

/** The tone of a status tag. */
const STATUS_TONES: Readonly<Record<SurveyStatus, TagTone>> = { draft: 'grey', open: 'green', closed: 'blue' }

/** A survey's status as a tag. */
export function SurveyStatusTag(props: { ctx: PageContext; status: SurveyStatus }): JSX.Element {
  return <StatusTag tone={STATUS_TONES[props.status]} text={props.ctx.t(`ratings.survey.status.${props.status}`)} />
}

/** The breadcrumb back to the list of surveys. */
export function surveyCrumbs(ctx: PageContext, ...more: Crumb[]): Crumb[] {
  return [{ href: SURVEY_ADMIN_PATH, text: ctx.t('ratings.survey.admin.title') }, ...more]
}

/** Units as choices, indented by depth below the shallowest. */
function unitChoices(units: readonly UnitRow[]): Choice[] {
  const depth = (u: UnitRow) => u.path.split('/').filter(Boolean).length
  const top = Math.min(...units.map(depth))
  return units.map((u) => ({ value: u.code, label: `${'— '.repeat(depth(u) - top)}${u.name}` }))
}

/** The list of surveys the builder may see. */
export function SurveyListPage(props: { ctx: PageContext; surveys: readonly SurveySummary[] }): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  return (
    <Layout ctx={ctx} title={t('ratings.survey.admin.title')}>
      <h1 class="heading-l" safe>
        {t('ratings.survey.admin.title')}
      </h1>
      <p safe>{t('ratings.survey.admin.intro')}</p>
      <ButtonLink href={`${SURVEY_ADMIN_PATH}/moi`} text={t('ratings.survey.admin.add')} />
      <Table
        caption={t('ratings.survey.admin.title')}
        isCaptionHidden
        isStackedOnMobile
        rowCount={props.surveys.length}
        emptyText={t('ratings.survey.admin.empty')}
        columns={[
          { text: t('ratings.survey.fields.title') },
          { text: t('ratings.survey.fields.owner') },
          { text: t('ratings.survey.fields.status') },
          { text: t('ratings.survey.fields.period') },
          { text: t('ratings.survey.fields.responses'), isNumeric: true },
        ]}
      >
        {props.surveys.map((s) => (
          <tr>
            <td data-label={t('ratings.survey.fields.title')}>
              <a href={surveyAdminHref(s.id)} safe>
                {s.title}
              </a>
            </td>
            <td data-label={t('ratings.survey.fields.owner')} safe>
              {s.ownerUnit.name}
            </td>
            <td data-label={t('ratings.survey.fields.status')}>
              <SurveyStatusTag ctx={ctx} status={s.status} />
            </td>
            <td data-label={t('ratings.survey.fields.period')} safe>
              {periodText(ctx, s, true) || t('ratings.survey.noPeriod')}
            </td>
            <td class="numeric" data-label={t('ratings.survey.fields.responses')}>
              {s.status === 'draft' ? (
                (String(s.responses) as 'safe')
              ) : (
                <a href={`${surveyAdminHref(s.id)}/ket-qua`} aria-label={t('ratings.survey.admin.resultsOf', { title: s.title })}>
                  {String(s.responses) as 'safe'}
                </a>
              )}
            </td>
          </tr>
        ))}
      </Table>
    </Layout>
  )
}

/** A survey's details as typed. */
export interface SurveyDetailsValues {
  readonly ownerUnitCode: string
  readonly title: string
  readonly description: string
  readonly opensAt: string
  readonly closesAt: string
  readonly unitCodes: readonly string[]
}

/** The details fields, shared by the new survey form and a draft's page. */
function DetailsFields(props: { ctx: PageContext; units: readonly UnitRow[]; values: SurveyDetailsValues; errors: FormErrors; hasOwner: boolean }): JSX.Element {
  const { ctx, values, errors } = props
  const t = ctx.t
  const choices = props.units.length > 0 ? unitChoices(props.units) : []
  return (
    <>
      {props.hasOwner ? (
        <SelectField
          ctx={ctx}
          name="ownerUnitCode"
          label={t('ratings.survey.fields.owner')}
          hint={t('ratings.survey.hints.owner')}
          value={values.ownerUnitCode}
          error={fieldError(ctx, errors, 'ownerUnitCode')}
          placeholder={t('ratings.survey.hints.chooseUnit')}
          choices={choices}
        />
      ) : (
        ''
      )}
      <TextField ctx={ctx} name="title" label={t('ratings.survey.fields.title')} value={values.title} error={fieldError(ctx, errors, 'title')} maxlength={SURVEY_LIMITS.titleLength} />
      <TextareaField
        ctx={ctx}
        name="description"
        label={t('ratings.survey.fields.description')}
        hint={t('ratings.survey.hints.description')}
        value={values.description}
        error={fieldError(ctx, errors, 'description')}
        isOptional
        maxlength={SURVEY_LIMITS.descriptionLength}
      />
      <DateField ctx={ctx} type="datetime-local" name="opensAt" label={t('ratings.survey.fields.opensAt')} hint={t('ratings.survey.hints.instant')} value={values.opensAt} error={fieldError(ctx, errors, 'opensAt')} />
      <DateField ctx={ctx} type="datetime-local" name="closesAt" label={t('ratings.survey.fields.closesAt')} hint={t('ratings.survey.hints.instant')} value={values.closesAt} error={fieldError(ctx, errors, 'closesAt')} />
      <CheckboxesField
        ctx={ctx}
        name="unitCodes"
        legend={t('ratings.survey.fields.units')}
        hint={t('ratings.survey.hints.units')}
        values={values.unitCodes}
        error={fieldError(ctx, errors, 'unitCodes')}
        choices={choices}
      />
    </>
  )
}

/** The form of a new survey. */
export function NewSurveyPage(props: { ctx: PageContext; units: readonly UnitRow[]; values: SurveyDetailsValues; errors: FormErrors }): JSX.Element {
  const { ctx, errors } = props
  const t = ctx.t
  return (
    <Layout ctx={ctx} title={t('ratings.survey.admin.newTitle')} hasErrors={hasErrors(errors)} breadcrumbs={surveyCrumbs(ctx)}>
      <ErrorSummary ctx={ctx} errors={errors} order={['ownerUnitCode', 'title', 'description', 'opensAt', 'closesAt', 'unitCodes']} />
      <h1 class="heading-l" safe>
        {t('ratings.survey.admin.newTitle')}
      </h1>
      <p safe>{t('ratings.survey.admin.newIntro')}</p>
      <form class="form" method="post" action={SURVEY_ADMIN_PATH} novalidate>
        <CsrfInput ctx={ctx} />
        <DetailsFields ctx={ctx} units={props.units} values={props.values} errors={errors} hasOwner />
        <Button text={t('ratings.survey.admin.create')} />
      </form>
    </Layout>
  )
}

/** Which form of a survey's page failed, with what was typed, so only that form shows the errors. */
export type BuilderFailure =
  | { readonly form: 'details'; readonly values: SurveyDetailsValues; readonly errors: FormErrors }
  | { readonly form: 'section'; readonly values: SectionFormValues; readonly errors: FormErrors }
  | { readonly form: 'question'; readonly values: QuestionFormValues; readonly errors: FormErrors }
  | { readonly form: 'status'; readonly errors: FormErrors }

/** The add-section form as typed. */
export interface SectionFormValues {
  readonly sectionTitle: string
  readonly factor: string
}

/** The add-question form as typed. */
export interface QuestionFormValues {
  readonly sectionId: string
  readonly kind: string
  readonly questionText: string
  readonly options: string
  readonly isRequired: boolean
}

/** The details of a survey as its form shows them. */
export function detailsValuesOf(survey: Survey, toLocalInput: (d: Date | null) => string): SurveyDetailsValues {
  return {
    ownerUnitCode: survey.ownerUnit.code,
    title: survey.title,
    description: survey.description ?? '',
    opensAt: toLocalInput(survey.opensAt),
    closesAt: toLocalInput(survey.closesAt),
    unitCodes: survey.units.map((u) => u.code),
  }
}

/** Props of a survey's page. */
export interface SurveyBuilderPageProps {
  readonly ctx: PageContext
  readonly survey: Survey
  readonly units: readonly UnitRow[]
  readonly details: SurveyDetailsValues
  readonly failure: BuilderFailure | null
  readonly now: Date
}

/** The sections and questions, read-only or with the draft's move and delete buttons. */
function SectionsList(props: { ctx: PageContext; survey: Survey; isDraft: boolean }): JSX.Element {
  const { ctx, survey } = props
  const t = ctx.t
  const base = surveyAdminHref(survey.id)
  if (survey.sections.length === 0) {
    return (
      <p class="body-secondary" safe>
        {t('ratings.survey.admin.noSections')}
      </p>
    )
  }
  return (
    <>
      {survey.sections.map((section, index) => (
        <div class="inset">
          <h3 class="heading-s" safe>
            {t('ratings.survey.admin.sectionHeading', { number: index + 1, title: section.title })}
          </h3>
          <p class="body-secondary" safe>
            {t('ratings.survey.admin.factorIs', { factor: t(`ratings.survey.factor.${section.factor ?? 'none'}`) })}
          </p>
          {section.questions.length === 0 ? (
            <p class="body-secondary" safe>
              {t('ratings.survey.admin.noQuestions')}
            </p>
          ) : (
            <ol class="list">
              {section.questions.map((question, qIndex) => (
                <li>
                  <span safe>{question.text}</span>{' '}
                  <span class="cell-secondary" safe>
                    {`(${t(`ratings.survey.kind.${question.kind}`)}${question.isRequired ? `, ${t('ratings.survey.admin.required')}` : ''})`}
                  </span>
                  {question.options.length > 0 ? (
                    <ul class="list">
                      {question.options.map((option) => (
                        <li safe>{option}</li>
                      ))}
                    </ul>
                  ) : (
                    ''
                  )}
                  {props.isDraft ? (
                    <div class="button-group">
                      {qIndex > 0 ? (
                        <PostButton ctx={ctx} action={`${base}/cau-hoi/${question.id}/len`} text={t('ratings.survey.admin.moveUp')} hiddenText={question.text} />
                      ) : (
                        ''
                      )}
                      {qIndex < section.questions.length - 1 ? (
                        <PostButton ctx={ctx} action={`${base}/cau-hoi/${question.id}/xuong`} text={t('ratings.survey.admin.moveDown')} hiddenText={question.text} />
                      ) : (
                        ''
                      )}
                      <PostButton ctx={ctx} action={`${base}/cau-hoi/${question.id}/xoa`} text={t('ratings.survey.admin.removeQuestion')} hiddenText={question.text} variant="warning" />
                    </div>
                  ) : (
                    ''
                  )}
                </li>
              ))}
            </ol>
          )}
          {props.isDraft ? (
            <PostButton ctx={ctx} action={`${base}/phan/${section.id}/xoa`} text={t('ratings.survey.admin.removeSection')} hiddenText={section.title} variant="warning" />
          ) : (
            ''
          )}
        </div>
      ))}
    </>
  )
}

/** A survey's page: summary, sections and questions, and what can be done in its status. */
export function SurveyBuilderPage(props: SurveyBuilderPageProps): JSX.Element {
  const { ctx, survey, failure } = props
  const t = ctx.t
  const base = surveyAdminHref(survey.id)
  const isDraft = survey.status === 'draft'
  const errors = failure?.errors ?? NO_ERRORS
  // Opening checks the details too (period, units): their messages then show beside those fields.
  const errorsOf = (form: BuilderFailure['form']) => (failure && (failure.form === form || (form === 'details' && failure.form === 'status')) ? failure.errors : NO_ERRORS)
  const section: SectionFormValues = failure?.form === 'section' ? failure.values : { sectionTitle: '', factor: '' }
  const question: QuestionFormValues =
    failure?.form === 'question' ? failure.values : { sectionId: String(survey.sections[survey.sections.length - 1]?.id ?? ''), kind: 'scale', questionText: '', options: '', isRequired: true }
  const details = failure?.form === 'details' ? failure.values : props.details
  const publicHref = publicSurveyHref(survey.id)
  return (
    <Layout ctx={ctx} title={survey.title} hasErrors={hasErrors(errors)} breadcrumbs={surveyCrumbs(ctx)}>
      <ErrorSummary
        ctx={ctx}
        errors={errors}
        order={['title', 'description', 'opensAt', 'closesAt', 'unitCodes', 'sectionTitle', 'factor', 'sectionId', 'kind', 'questionText', 'options', 'sections']}
      />
      <span class="caption" safe>
        {t('ratings.survey.admin.caption')}
      </span>
      <h1 class="heading-l" safe>
        {survey.title}
      </h1>
      <p>
        <SurveyStatusTag ctx={ctx} status={survey.status} />
      </p>
      <SummaryList
        rows={[
          { key: t('ratings.survey.fields.owner'), value: survey.ownerUnit.name },
          { key: t('ratings.survey.fields.period'), value: periodText(ctx, survey, true) || t('ratings.survey.noPeriod') },
          { key: t('ratings.survey.fields.units'), value: survey.units.map((u) => u.name).join(', ') || '—' },
          ...(survey.description ? [{ key: t('ratings.survey.fields.description'), value: survey.description }] : []),
        ]}
      />
      {survey.status !== 'draft' ? (
        <>
          <p>
            <span safe>{t('ratings.survey.admin.publicLink')}</span>{' '}
            <a href={publicHref} safe>
              {publicHref}
            </a>
          </p>
          <p safe>{t('ratings.survey.admin.publicLinkHint')}</p>
          <div class="button-group">
            <ButtonLink href={`${base}/ket-qua`} text={t('ratings.survey.admin.results')} />
            {survey.status === 'open' ? <PostButton ctx={ctx} action={`${base}/dong`} text={t('ratings.survey.admin.close')} variant="warning" /> : ''}
          </div>
        </>
      ) : (
        <>
          <p class="inset" safe>
            {t('ratings.survey.admin.draftNote')}
          </p>
          <form class="inline-form" method="post" action={`${base}/mo`}>
            <CsrfInput ctx={ctx} />
            <Button text={t('ratings.survey.admin.open')} />
          </form>
        </>
      )}

      <h2 class="heading-m" id="cau-hoi" safe>
        {t('ratings.survey.admin.sectionsTitle')}
      </h2>
      <SectionsList ctx={ctx} survey={survey} isDraft={isDraft} />

      {isDraft ? (
        <>
          <h2 class="heading-m" id="them-cau-hoi" safe>
            {t('ratings.survey.admin.addQuestionTitle')}
          </h2>
          {survey.sections.length === 0 ? (
            <p class="body-secondary" safe>
              {t('ratings.survey.admin.addSectionFirst')}
            </p>
          ) : (
            <form class="form" method="post" action={`${base}/cau-hoi`} novalidate>
              <CsrfInput ctx={ctx} />
              <SelectField
                ctx={ctx}
                name="sectionId"
                label={t('ratings.survey.fields.section')}
                value={question.sectionId}
                error={fieldError(ctx, errorsOf('question'), 'sectionId')}
                choices={survey.sections.map((s, i) => ({ value: String(s.id), label: t('ratings.survey.admin.sectionHeading', { number: i + 1, title: s.title }) }))}
              />
              <RadiosField
                ctx={ctx}
                name="kind"
                label={t('ratings.survey.fields.kind')}
                value={question.kind}
                error={fieldError(ctx, errorsOf('question'), 'kind')}
                choices={QUESTION_KINDS.map((kind) => ({ value: kind, label: t(`ratings.survey.kind.${kind}`) }))}
              />
              <TextField
                ctx={ctx}
                name="questionText"
                label={t('ratings.survey.fields.questionText')}
                value={question.questionText}
                error={fieldError(ctx, errorsOf('question'), 'questionText')}
                maxlength={SURVEY_LIMITS.questionLength}
              />
              <TextareaField
                ctx={ctx}
                name="options"
                label={t('ratings.survey.fields.options')}
                hint={t('ratings.survey.hints.options')}
                value={question.options}
                error={fieldError(ctx, errorsOf('question'), 'options')}
                isOptional
                rows={5}
              />
              <CheckboxesField
                ctx={ctx}
                name="isRequired"
                legend={t('ratings.survey.fields.required')}
                values={question.isRequired ? ['on'] : []}
                choices={[{ value: 'on', label: t('ratings.survey.hints.required') }]}
              />
              <Button text={t('ratings.survey.admin.addQuestion')} />
            </form>
          )}

          <h2 class="heading-m" id="them-phan" safe>
            {t('ratings.survey.admin.addSectionTitle')}
          </h2>
          <form class="form" method="post" action={`${base}/phan`} novalidate>
            <CsrfInput ctx={ctx} />
            <TextField
              ctx={ctx}
              name="sectionTitle"
              label={t('ratings.survey.fields.sectionTitle')}
              value={section.sectionTitle}
              error={fieldError(ctx, errorsOf('section'), 'sectionTitle')}
              maxlength={SURVEY_LIMITS.titleLength}
            />
            <SelectField
              ctx={ctx}
              name="factor"
              label={t('ratings.survey.fields.factor')}
              hint={t('ratings.survey.hints.factor')}
              value={section.factor}
              error={fieldError(ctx, errorsOf('section'), 'factor')}
              choices={[...SIPAS_FACTORS, 'none' as const].map((factor) => ({ value: factor, label: t(`ratings.survey.factor.${factor}`) }))}
            />
            <Button text={t('ratings.survey.admin.addSection')} variant="secondary" />
          </form>

          <h2 class="heading-m" id="thong-tin" safe>
            {t('ratings.survey.admin.detailsTitle')}
          </h2>
          <form class="form" method="post" action={base} novalidate>
            <CsrfInput ctx={ctx} />
            <DetailsFields ctx={ctx} units={props.units} values={details} errors={errorsOf('details')} hasOwner={false} />
            <Button text={t('form.save')} variant="secondary" />
          </form>
        </>
      ) : (
        ''
      )}
    </Layout>
  )
}
