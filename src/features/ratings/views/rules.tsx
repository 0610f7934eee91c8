/**
 * The corrective-action rules (/admin/danh-gia/quy-tac): for administrators of the home unit a
 * form with each rule's switch and thresholds; for everyone else the rules as a table, so an
 * official can read what they are held to.
 */
import type { PropsWithChildren } from '@kitajs/html'
import { Button, CsrfInput, ErrorSummary, fieldError, fieldId, StatusTag, Table, TextField } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { CorrectiveRules, RuleName } from '../corrective.ts'
import { RULE_NAMES } from '../corrective.ts'
import { formatShare } from './survey-results.tsx'

/** The rules page's address. */
export const RULES_PATH = '/admin/danh-gia/quy-tac'

/** The rules form as typed; the share is in percent, as people write it. */
export interface RulesFormValues {
  readonly enabled: readonly RuleName[]
  readonly minRatings: string
  readonly minSharePercent: string
  readonly minLate: string
  readonly minLetters: string
}

/** The form's field names, which are also the use case's field keys. */
export const RULE_FIELDS = Object.freeze({
  minRatings: 'notSatisfied.minRatings',
  minSharePercent: 'notSatisfied.minShare',
  minLate: 'lateDossiers.minLate',
  minLetters: 'upheldLetters.minLetters',
})

/** The switch of a rule. */
export function enabledField(rule: RuleName): string {
  return `${rule}.isEnabled`
}

/** The form's values from the rules in force (the share written in the page's language: "33,3"). */
export function rulesValuesOf(rules: CorrectiveRules, locale: string): RulesFormValues {
  const percent = String(Math.round(rules.notSatisfied.minShare * 1000) / 10)
  return {
    enabled: RULE_NAMES.filter((name) => rules[name].isEnabled),
    minRatings: String(rules.notSatisfied.minRatings),
    minSharePercent: locale === 'vi' ? percent.replace('.', ',') : percent,
    minLate: String(rules.lateDossiers.minLate),
    minLetters: String(rules.upheldLetters.minLetters),
  }
}

/** A rule's thresholds in words. */
function describeRule(ctx: PageContext, rules: CorrectiveRules, name: RuleName): string {
  const t = ctx.t
  switch (name) {
    case 'notSatisfied':
      return t('ratings.pages.rules.describe.notSatisfied', { minRatings: rules.notSatisfied.minRatings, share: formatShare(ctx, rules.notSatisfied.minShare) })
    case 'lateDossiers':
      return t('ratings.pages.rules.describe.lateDossiers', { minLate: rules.lateDossiers.minLate })
    case 'upheldLetters':
      return t('ratings.pages.rules.describe.upheldLetters', { minLetters: rules.upheldLetters.minLetters })
  }
}

/** A number field of a rule. */
function NumberField(props: { ctx: PageContext; name: string; label: string; hint?: string; value: string; errors: FormErrors }): JSX.Element {
  return (
    <TextField
      ctx={props.ctx}
      name={props.name}
      label={props.label}
      hint={props.hint}
      value={props.value}
      error={fieldError(props.ctx, props.errors, props.name)}
      inputmode="numeric"
      width="short"
      maxlength={6}
      autocomplete="off"
    />
  )
}

/** One rule as a fieldset: its switch, then its thresholds. */
function RuleFieldset(props: PropsWithChildren<{ ctx: PageContext; rule: RuleName; values: RulesFormValues }>): JSX.Element {
  const { ctx, rule } = props
  const id = fieldId(enabledField(rule))
  return (
    <fieldset class="fieldset">
      <legend class="legend">
        <h2 class="heading-m" safe>
          {ctx.t(`ratings.rule.${rule}`)}
        </h2>
      </legend>
      <div class="field">
        <div class="checkboxes">
          <div class="checkbox">
            <input class="checkbox-input" id={id} name={enabledField(rule)} type="checkbox" value="on" checked={props.values.enabled.includes(rule)} />
            <label class="checkbox-label" for={id} safe>
              {ctx.t('ratings.pages.rules.isEnabled')}
            </label>
          </div>
        </div>
      </div>
      {props.children}
    </fieldset>
  )
}

/** Props of the rules page. */
export interface RulesPageProps {
  readonly ctx: PageContext
  readonly rules: CorrectiveRules
  readonly canEdit: boolean
  readonly values: RulesFormValues
  readonly errors: FormErrors
}

/** The rules page: the form for the home unit's administrators, the rules as a table for others. */
export function RulesPage(props: RulesPageProps): JSX.Element {
  const { ctx, values, errors } = props
  const t = ctx.t
  const column = (name: string) => t(`ratings.pages.rules.column.${name}`)
  return (
    <Layout ctx={ctx} title={t('ratings.pages.rules.title')} hasErrors={hasErrors(errors)} breadcrumbs={[{ href: '/desk', text: t('nav.desk') }]}>
      <div class="grid grid--two-thirds">
        <div>
          <ErrorSummary ctx={ctx} errors={errors} order={Object.values(RULE_FIELDS)} />
          <h1 class="heading-l" safe>
            {t('ratings.pages.rules.title')}
          </h1>
          <p class="lead" safe>
            {t('ratings.pages.rules.lead')}
          </p>
          {props.canEdit ? (
            <form class="form" method="post" action={RULES_PATH} novalidate>
              <CsrfInput ctx={ctx} />
              <RuleFieldset ctx={ctx} rule="notSatisfied" values={values}>
                <NumberField ctx={ctx} name={RULE_FIELDS.minRatings} label={t('ratings.pages.rules.minRatings')} hint={t('ratings.pages.rules.minRatingsHint')} value={values.minRatings} errors={errors} />
                <NumberField ctx={ctx} name={RULE_FIELDS.minSharePercent} label={t('ratings.pages.rules.minShare')} hint={t('ratings.pages.rules.minShareHint')} value={values.minSharePercent} errors={errors} />
              </RuleFieldset>
              <RuleFieldset ctx={ctx} rule="lateDossiers" values={values}>
                <NumberField ctx={ctx} name={RULE_FIELDS.minLate} label={t('ratings.pages.rules.minLate')} value={values.minLate} errors={errors} />
              </RuleFieldset>
              <RuleFieldset ctx={ctx} rule="upheldLetters" values={values}>
                <NumberField ctx={ctx} name={RULE_FIELDS.minLetters} label={t('ratings.pages.rules.minLetters')} value={values.minLetters} errors={errors} />
              </RuleFieldset>
              <Button text={t('ratings.pages.rules.submit')} />
            </form>
          ) : (
            <>
              <Table caption={t('ratings.pages.rules.caption')} isCaptionHidden isStackedOnMobile rowCount={RULE_NAMES.length} emptyText="" columns={['rule', 'state', 'threshold'].map((name) => ({ text: column(name) }))}>
                {RULE_NAMES.map((name) => (
                  <tr>
                    <th scope="row" data-label={column('rule')} safe>
                      {t(`ratings.rule.${name}`)}
                    </th>
                    <td data-label={column('state')}>
                      {props.rules[name].isEnabled ? <StatusTag tone="green" text={t('ratings.pages.rules.enabled')} /> : <StatusTag tone="grey" text={t('ratings.pages.rules.disabled')} />}
                    </td>
                    <td data-label={column('threshold')} safe>
                      {describeRule(ctx, props.rules, name)}
                    </td>
                  </tr>
                ))}
              </Table>
              <p class="body-secondary" safe>
                {t('ratings.pages.rules.readOnly')}
              </p>
            </>
          )}
        </div>
      </div>
    </Layout>
  )
}
