/**
 * The public pages of a survey: the answer form (anonymous, with the captcha), the thank-you page,
 * the polite "already answered" page and the page of a survey that is not taking answers.
 */
import type { CaptchaChallenge } from '../../../platform/captcha/captcha.ts'
import { CAPTCHA_SCRIPT, CaptchaField } from '../../../views/captcha-field.tsx'
import { Button, ButtonLink, CheckboxesField, CsrfInput, fieldError, fieldId, Notice, RadiosField, SelectField, TextareaField } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { answerField, questionsOf, SCALE_LEVELS, SURVEY_LIMITS } from '../survey.ts'
import type { Survey, SurveyQuestion } from '../survey.ts'

/** The answer form as typed: the unit, and each question's values by question id. */
export interface ResponseFormValues {
  readonly unit: string
  readonly answers: Readonly<Record<string, readonly string[]>>
}

/** The public address of a survey, for one unit or for the survey's units to choose from. */
export function publicSurveyHref(surveyId: number, unitCode?: string | null): string {
  return unitCode ? `/khao-sat/${surveyId}?unit=${encodeURIComponent(unitCode)}` : `/khao-sat/${surveyId}`
}

/** An instant with a four-digit year, in Vietnam time: "08:00 01/03/2026" (vi), "01/03/2026, 08:00" (en). */
function formatInstantForPeople(ctx: PageContext, date: Date): string {
  return new Intl.DateTimeFormat(ctx.locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date)
}

/** "Thời gian khảo sát: từ 08:00 01/03/2026 đến 17:00 31/05/2026.", or '' without a period; `isShort` for a table cell. */
export function periodText(ctx: PageContext, survey: Pick<Survey, 'opensAt' | 'closesAt'>, isShort = false): string {
  if (!survey.opensAt || !survey.closesAt) return ''
  const values = { from: formatInstantForPeople(ctx, survey.opensAt), to: formatInstantForPeople(ctx, survey.closesAt) }
  return ctx.t(isShort ? 'ratings.survey.periodShort' : 'ratings.survey.period', values)
}

/** One question as a form field. */
function QuestionField(props: { ctx: PageContext; question: SurveyQuestion; number: number; values: readonly string[]; errors: FormErrors }): JSX.Element {
  const { ctx, question } = props
  const name = answerField(question.id)
  const label = ctx.t('ratings.survey.numbered', { number: props.number, text: question.text })
  const error = fieldError(ctx, props.errors, name)
  const isOptional = !question.isRequired
  switch (question.kind) {
    case 'scale':
      return (
        <RadiosField
          ctx={ctx}
          name={name}
          label={label}
          error={error}
          isOptional={isOptional}
          value={props.values[0] ?? ''}
          choices={SCALE_LEVELS.map((level) => ({ value: String(level), label: ctx.t(`ratings.survey.level.${level}`) }))}
        />
      )
    case 'single':
      return <RadiosField ctx={ctx} name={name} label={label} error={error} isOptional={isOptional} value={props.values[0] ?? ''} choices={question.options.map((o) => ({ value: o, label: o }))} />
    case 'multiple':
      return (
        <CheckboxesField
          ctx={ctx}
          name={name}
          legend={label}
          hint={ctx.t('ratings.survey.hints.multiple')}
          error={error}
          isOptional={isOptional}
          values={props.values}
          choices={question.options.map((o) => ({ value: o, label: o }))}
        />
      )
    case 'text':
      return <TextareaField ctx={ctx} name={name} label={label} error={error} isOptional={isOptional} value={props.values[0] ?? ''} rows={4} maxlength={SURVEY_LIMITS.textAnswerLength} />
  }
}

/**
 * The error summary of the answer form. Like the shared ErrorSummary (same markup), but each
 * question's message says which question it is: thirteen times "please choose an answer" would
 * not tell the resident where to look.
 */
function AnswerErrorSummary(props: { ctx: PageContext; survey: Survey; errors: FormErrors }): JSX.Element {
  const { ctx, errors } = props
  const numbers = new Map(questionsOf(props.survey).map((q, i) => [answerField(q.id), i + 1]))
  const names = ['unit', ...numbers.keys(), 'captcha'].filter((name) => errors.fields[name] !== undefined)
  if (names.length === 0 && errors.general === undefined) return ''
  const message = (name: string) => {
    const text = ctx.t(errors.fields[name] ?? 'errors.field.invalid')
    const number = numbers.get(name)
    return number === undefined ? text : ctx.t('ratings.survey.errorFor', { number, message: text })
  }
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
      <h2 class="error-summary-title" id="error-summary-title" safe>
        {ctx.t('form.errorSummaryTitle')}
      </h2>
      <ul class="error-summary-list">
        {errors.general !== undefined ? <li safe>{ctx.t(errors.general)}</li> : ''}
        {names.map((name) => (
          <li>
            <a href={`#${fieldId(name)}`} safe>
              {message(name)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** Props of the answer page. */
export interface SurveyAnswerPageProps {
  readonly ctx: PageContext
  readonly survey: Survey
  readonly values: ResponseFormValues
  readonly errors: FormErrors
  readonly challenge: CaptchaChallenge
}

/** The answer form: the unit served at, every section's questions, the captcha. */
export function SurveyAnswerPage(props: SurveyAnswerPageProps): JSX.Element {
  const { ctx, survey, values, errors } = props
  const t = ctx.t
  let number = 0
  return (
    <Layout ctx={ctx} title={survey.title} hasErrors={hasErrors(errors)}>
      <AnswerErrorSummary ctx={ctx} survey={survey} errors={errors} />
      <span class="caption" safe>
        {t('ratings.survey.public.caption')}
      </span>
      <h1 class="heading-l" safe>
        {survey.title}
      </h1>
      {survey.description ? (
        <p class="lead" safe>
          {survey.description}
        </p>
      ) : (
        ''
      )}
      <p class="body-secondary" safe>
        {periodText(ctx, survey)}
      </p>
      <p class="inset" safe>
        {t('ratings.survey.public.anonymous')}
      </p>
      <form class="form" method="post" action={`/khao-sat/${survey.id}`} novalidate>
        <CsrfInput ctx={ctx} />
        {survey.units.length === 1 ? (
          <input type="hidden" name="unit" value={survey.units[0]!.code} />
        ) : (
          <SelectField
            ctx={ctx}
            name="unit"
            label={t('ratings.survey.fields.unit')}
            hint={t('ratings.survey.hints.unit')}
            value={values.unit}
            error={fieldError(ctx, errors, 'unit')}
            placeholder={t('ratings.survey.hints.chooseUnit')}
            choices={survey.units.map((u) => ({ value: u.code, label: u.name }))}
          />
        )}
        {survey.sections.map((section) =>
          section.questions.length === 0 ? (
            ''
          ) : (
            <section>
              <h2 class="heading-m" safe>
                {section.title}
              </h2>
              {section.questions.map((question) => (
                <QuestionField ctx={ctx} question={question} number={++number} values={values.answers[String(question.id)] ?? []} errors={errors} />
              ))}
            </section>
          ),
        )}
        <CaptchaField ctx={ctx} challenge={props.challenge} error={fieldError(ctx, errors, 'captcha')} />
        <Button text={t('ratings.survey.public.submit')} />
      </form>
      <script src={CAPTCHA_SCRIPT} defer></script>
    </Layout>
  )
}

/** The page after a response is recorded. */
export function SurveyThanksPage(props: { ctx: PageContext; survey: Survey }): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  return (
    <Layout ctx={ctx} title={t('ratings.survey.thanks.title')}>
      <Notice ctx={ctx} kind="success" title={t('ratings.survey.thanks.title')}>
        <p safe>{t('ratings.survey.thanks.body', { title: props.survey.title })}</p>
      </Notice>
      <p safe>{t('ratings.survey.thanks.next')}</p>
      <ButtonLink href="/" text={t('ratings.survey.public.home')} variant="secondary" />
    </Layout>
  )
}

/** The polite page for a device that has already answered. */
export function SurveyAlreadyAnsweredPage(props: { ctx: PageContext; survey: Survey }): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  return (
    <Layout ctx={ctx} title={t('ratings.survey.already.title')}>
      <h1 class="heading-l" safe>
        {t('ratings.survey.already.title')}
      </h1>
      <p class="lead" safe>
        {t('ratings.survey.already.body', { title: props.survey.title })}
      </p>
      <p safe>{t('ratings.survey.already.hint')}</p>
      <ButtonLink href="/" text={t('ratings.survey.public.home')} variant="secondary" />
    </Layout>
  )
}

/** The page of a survey that is not taking answers (not yet open, or over). */
export function SurveyNotOpenPage(props: { ctx: PageContext; survey: Survey; now: Date }): JSX.Element {
  const { ctx, survey } = props
  const t = ctx.t
  const isEarly = survey.status === 'open' && survey.opensAt !== null && props.now < survey.opensAt
  return (
    <Layout ctx={ctx} title={survey.title}>
      <h1 class="heading-l" safe>
        {survey.title}
      </h1>
      <p class="lead" safe>
        {t(isEarly ? 'ratings.survey.notOpen.early' : 'ratings.survey.notOpen.over')}
      </p>
      <p class="body-secondary" safe>
        {periodText(ctx, survey)}
      </p>
      <ButtonLink href="/" text={t('ratings.survey.public.home')} variant="secondary" />
    </Layout>
  )
}
