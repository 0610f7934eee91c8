/**
 * The applicant's evaluation of a finished dossier (Circular 01/2018): the form (code and PIN, the
 * four indicators the record computes explained but not asked, the five asked on a 0–2 scale, the
 * overall answer, a comment), the thank-you page with the nine scores, and the page that says why
 * an evaluation could not be recorded (already evaluated, not finished).
 */
import { Button, ButtonLink, CsrfInput, fieldError, fieldId, Notice, Table, TextField } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { Evaluation } from '../rating.service.ts'
import { ASKED_INDICATORS, COMPUTED_INDICATORS, DEFAULT_BAND_FLOORS, INDICATORS, OVERALL_ANSWERS } from '../rating.ts'
import { RadiosField, TextareaField } from './survey-fields.tsx'

/** The evaluation form's address. */
export const EVALUATION_PATH = '/tra-cuu/danh-gia'

/** Where the lookup result's button posts the code and PIN, to open the form with them filled in. */
export const EVALUATION_START_PATH = `${EVALUATION_PATH}/bat-dau`

/** Where the evaluation came from: the public lookup, or the QR code on the receipt. */
export type EvaluationSource = 'lookup' | 'qr'

/** The evaluation form as typed. */
export interface EvaluationFormValues {
  readonly code: string
  readonly pin: string
  readonly source: EvaluationSource
  /** Asked indicator → "0" | "1" | "2" as posted ('' when not chosen). */
  readonly scores: Readonly<Record<string, string>>
  readonly overall: string
  readonly comment: string
}

/** The form's field name of an asked indicator (the same as the use case's field key). */
export function scoreField(indicator: string): string {
  return `scores.${indicator}`
}

/** The fields in the order they appear, so the error summary reads like the form. */
const FIELD_ORDER = ['code', 'pin', ...ASKED_INDICATORS.map(scoreField), 'overall', 'comment']

/** The levels of a score, best first. */
const LEVELS = ['2', '1', '0'] as const

/**
 * The error summary of the form. The shared ErrorSummary's markup, but each indicator's message
 * names its indicator: five times "choose a score" would not tell the applicant where to look.
 */
function EvaluationErrorSummary(props: { ctx: PageContext; errors: FormErrors }): JSX.Element {
  const { ctx, errors } = props
  const t = ctx.t
  const names = FIELD_ORDER.filter((name) => errors.fields[name] !== undefined)
  if (names.length === 0 && errors.general === undefined) return ''
  const message = (name: string) => {
    const text = t(errors.fields[name] ?? 'errors.field.invalid')
    const indicator = ASKED_INDICATORS.find((i) => scoreField(i) === name)
    return indicator === undefined ? text : t('ratings.pages.evaluation.errorFor', { indicator: t(`ratings.indicator.${indicator}`), message: text })
  }
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
      <h2 class="error-summary-title" id="error-summary-title" safe>
        {t('form.errorSummaryTitle')}
      </h2>
      <ul class="error-summary-list">
        {errors.general !== undefined ? <li safe>{t(errors.general)}</li> : ''}
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

/** The form to evaluate a dossier. */
export function EvaluationPage(props: { ctx: PageContext; values: EvaluationFormValues; errors: FormErrors }): JSX.Element {
  const { ctx, values, errors } = props
  const t = ctx.t
  return (
    <Layout ctx={ctx} title={t('ratings.pages.evaluation.title')} hasErrors={hasErrors(errors)} breadcrumbs={[{ href: '/tra-cuu', text: t('dossiers.pages.lookup.title') }]}>
      <div class="grid grid--two-thirds">
        <div>
          <EvaluationErrorSummary ctx={ctx} errors={errors} />
          <h1 class="heading-l" safe>
            {t('ratings.pages.evaluation.title')}
          </h1>
          <p class="lead" safe>
            {t('ratings.pages.evaluation.lead')}
          </p>
          <form class="form" method="post" action={EVALUATION_PATH} novalidate>
            <CsrfInput ctx={ctx} />
            <input type="hidden" name="source" value={values.source} />
            <h2 class="heading-m" safe>
              {t('ratings.pages.evaluation.dossierTitle')}
            </h2>
            <TextField
              ctx={ctx}
              name="code"
              label={t('ratings.pages.evaluation.code')}
              hint={t('ratings.pages.evaluation.codeHint')}
              value={values.code}
              error={fieldError(ctx, errors, 'code')}
              autocomplete="off"
              width="medium"
              maxlength={60}
              isSpellcheckOff
            />
            <TextField
              ctx={ctx}
              name="pin"
              label={t('ratings.pages.evaluation.pin')}
              hint={t('ratings.pages.evaluation.pinHint')}
              value={values.pin}
              error={fieldError(ctx, errors, 'pin')}
              autocomplete="off"
              inputmode="numeric"
              width="short"
              maxlength={6}
              isSpellcheckOff
            />
            <h2 class="heading-m" safe>
              {t('ratings.pages.evaluation.computedTitle')}
            </h2>
            <p safe>{t('ratings.pages.evaluation.computedLead')}</p>
            <dl class="summary-list">
              {COMPUTED_INDICATORS.map((indicator) => (
                <div class="summary-row">
                  <dt class="summary-key" safe>
                    {t(`ratings.indicator.${indicator}`)}
                  </dt>
                  <dd class="summary-value" safe>
                    {t(`ratings.pages.evaluation.computedRule.${indicator}`)}
                  </dd>
                </div>
              ))}
            </dl>
            <h2 class="heading-m" safe>
              {t('ratings.pages.evaluation.askedTitle')}
            </h2>
            <p safe>{t('ratings.pages.evaluation.askedLead')}</p>
            {ASKED_INDICATORS.map((indicator) => (
              <RadiosField
                ctx={ctx}
                name={scoreField(indicator)}
                label={t(`ratings.indicator.${indicator}`)}
                error={fieldError(ctx, errors, scoreField(indicator))}
                value={values.scores[indicator] ?? ''}
                choices={LEVELS.map((level) => ({ value: level, label: t(`ratings.pages.evaluation.level.${indicator}.${level}`) }))}
              />
            ))}
            <RadiosField
              ctx={ctx}
              name="overall"
              label={t('ratings.pages.evaluation.overall')}
              error={fieldError(ctx, errors, 'overall')}
              value={values.overall}
              choices={OVERALL_ANSWERS.map((answer) => ({ value: answer, label: t(`ratings.overall.${answer}`) }))}
            />
            <TextareaField
              ctx={ctx}
              name="comment"
              label={t('ratings.pages.evaluation.comment')}
              hint={t('ratings.pages.evaluation.commentHint')}
              error={fieldError(ctx, errors, 'comment')}
              value={values.comment}
              isOptional
              rows={4}
              maxlength={2000}
            />
            <Button text={t('ratings.pages.evaluation.submit')} />
          </form>
        </div>
      </div>
    </Layout>
  )
}

/** The thank-you page: the nine scores, the total of 18 and its band, the overall answer. */
export function EvaluationThanksPage(props: { ctx: PageContext; evaluation: Evaluation }): JSX.Element {
  const { ctx, evaluation } = props
  const t = ctx.t
  const band = t(`ratings.band.${evaluation.band}`)
  const isComputed = (indicator: string) => (COMPUTED_INDICATORS as readonly string[]).includes(indicator)
  return (
    <Layout ctx={ctx} title={t('ratings.pages.evaluation.thanks.title')}>
      <div class="grid grid--two-thirds">
        <div>
          <Notice ctx={ctx} kind="success" title={t('ratings.pages.evaluation.thanks.title')}>
            <p safe>{t('ratings.pages.evaluation.thanks.body', { code: evaluation.dossierCode })}</p>
          </Notice>
          <p class="lead" safe>
            {t('ratings.pages.evaluation.thanks.total', { total: evaluation.total, band })}
          </p>
          <p safe>{t('ratings.pages.evaluation.thanks.overall', { answer: t(`ratings.overall.${evaluation.overall}`) })}</p>
          <Table
            caption={t('ratings.pages.evaluation.thanks.caption')}
            rowCount={INDICATORS.length}
            emptyText=""
            isStackedOnMobile
            columns={[
              { text: t('ratings.pages.evaluation.thanks.indicator') },
              { text: t('ratings.pages.evaluation.thanks.how') },
              { text: t('ratings.pages.evaluation.thanks.score'), isNumeric: true },
            ]}
          >
            {INDICATORS.map((indicator) => (
              <tr>
                <td data-label={t('ratings.pages.evaluation.thanks.indicator')} safe>
                  {t(`ratings.indicator.${indicator}`)}
                </td>
                <td data-label={t('ratings.pages.evaluation.thanks.how')} safe>
                  {t(isComputed(indicator) ? 'ratings.pages.evaluation.thanks.computed' : 'ratings.pages.evaluation.thanks.asked')}
                </td>
                <td class="numeric" data-label={t('ratings.pages.evaluation.thanks.score')}>
                  {String(evaluation.scores[indicator]) as 'safe'}
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row" colspan="2" safe>
                {t('ratings.pages.evaluation.thanks.totalRow')}
              </th>
              <td class="numeric" data-label={t('ratings.pages.evaluation.thanks.score')}>
                <strong>{String(evaluation.total) as 'safe'}</strong>
              </td>
            </tr>
          </Table>
          <p class="body-secondary" safe>
            {t('ratings.pages.evaluation.thanks.bands', { good: DEFAULT_BAND_FLOORS.good, fair: DEFAULT_BAND_FLOORS.fair, fairTop: DEFAULT_BAND_FLOORS.good - 1 })}
          </p>
          <ButtonLink href="/tra-cuu" text={t('ratings.pages.evaluation.thanks.lookup')} variant="secondary" />
        </div>
      </div>
    </Layout>
  )
}

/** Why an evaluation was not recorded (already evaluated, not finished yet), with the way back to the dossier. */
export function EvaluationRefusedPage(props: { ctx: PageContext; messageKey: string; code: string }): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  return (
    <Layout ctx={ctx} title={t('ratings.pages.evaluation.refused.title')}>
      <div class="grid grid--two-thirds">
        <div>
          <h1 class="heading-l" safe>
            {t('ratings.pages.evaluation.refused.title')}
          </h1>
          <p class="lead" safe>
            {t(props.messageKey)}
          </p>
          {/* The code only: the PIN never goes into an address. */}
          <ButtonLink href={`/tra-cuu?code=${encodeURIComponent(props.code)}`} text={t('ratings.pages.evaluation.refused.back')} variant="secondary" />
        </div>
      </div>
    </Layout>
  )
}
