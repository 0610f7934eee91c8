/** The form of one unit's working-time settings: Saturday mornings, office hours, cut-off, due-soon days. */
import { Button, CheckboxesField, CsrfInput, ErrorSummary, fieldError, FieldGroup, TextField } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { adminCrumbs } from '../../units/index.ts'
import type { CalendarSettings } from '../working-calendar.ts'

/** What the settings form holds, as typed. */
export interface SettingsFormValues {
  readonly isSaturdayMorningWorked: boolean
  readonly office1Start: string
  readonly office1End: string
  readonly office2Start: string
  readonly office2End: string
  readonly cutoff: string
  readonly dueSoonWorkingDays: string
}

/** The form's values for stored (or inherited) settings; a third span, which the API allows, is not shown. */
export function settingsFormValues(settings: CalendarSettings): SettingsFormValues {
  const [first, second] = settings.officeHours
  return {
    isSaturdayMorningWorked: settings.saturdayMorningWorked,
    office1Start: first?.start ?? '',
    office1End: first?.end ?? '',
    office2Start: second?.start ?? '',
    office2End: second?.end ?? '',
    cutoff: settings.cutoff,
    dueSoonWorkingDays: String(settings.dueSoonWorkingDays),
  }
}

/** Props of the settings page. */
export interface SettingsPageProps {
  readonly ctx: PageContext
  readonly unit: { readonly code: string; readonly name: string }
  /** Whether the unit has no settings of its own yet. */
  readonly isInherited: boolean
  readonly values: SettingsFormValues
  readonly errors: FormErrors
}

const FIELD_ORDER = ['saturdayMorningWorked', 'officeHours', 'office1Start', 'office1End', 'office2Start', 'office2End', 'cutoff', 'dueSoonWorkingDays']

/** A unit's working-time settings page. */
export function SettingsPage(props: SettingsPageProps): JSX.Element {
  const { ctx, unit, values, errors } = props
  const t = ctx.t
  const title = t('calendar.admin.settings.title', { unit: unit.name })
  const timeField = (name: keyof SettingsFormValues & `office${string}`, label: string, isOptional = false) => (
    <TextField ctx={ctx} name={name} label={label} value={values[name]} error={fieldError(ctx, errors, name)} width="short" maxlength={5} isOptional={isOptional} isSpellcheckOff />
  )
  const parts = [t('calendar.admin.settings.first'), t('calendar.admin.settings.second')]
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors(errors)} breadcrumbs={adminCrumbs(ctx, { href: '/admin/lich', text: t('calendar.admin.title') })}>
      <ErrorSummary ctx={ctx} errors={errors} order={FIELD_ORDER} />
      <span class="caption" safe>
        {t('calendar.admin.settings.caption')}
      </span>
      <h1 class="heading-l" safe>
        {title}
      </h1>
      <p class="inset" safe>
        {props.isInherited ? t('calendar.admin.settings.inherited') : t('calendar.admin.settings.own')}
      </p>
      <form class="form" method="post" action={`/admin/lich/don-vi/${encodeURIComponent(unit.code)}`} novalidate>
        <CsrfInput ctx={ctx} />
        <CheckboxesField
          ctx={ctx}
          name="saturdayMorningWorked"
          legend={t('calendar.admin.settings.saturday')}
          values={values.isSaturdayMorningWorked ? ['yes'] : []}
          error={fieldError(ctx, errors, 'saturdayMorningWorked')}
          choices={[{ value: 'yes', label: t('calendar.admin.settings.saturdayLabel'), hint: t('calendar.admin.settings.saturdayHint') }]}
        />
        <FieldGroup
          ctx={ctx}
          name="officeHours"
          legend={t('calendar.admin.settings.officeHours')}
          hint={t('calendar.admin.settings.officeHoursHint')}
          error={fieldError(ctx, errors, 'officeHours')}
          headingSize="s"
        >
          {timeField('office1Start', t('calendar.admin.settings.startOf', { part: parts[0]! }))}
          {timeField('office1End', t('calendar.admin.settings.endOf', { part: parts[0]! }))}
          {timeField('office2Start', t('calendar.admin.settings.startOf', { part: parts[1]! }), true)}
          {timeField('office2End', t('calendar.admin.settings.endOf', { part: parts[1]! }), true)}
        </FieldGroup>
        <TextField
          ctx={ctx}
          name="cutoff"
          label={t('calendar.admin.settings.cutoff')}
          hint={t('calendar.admin.settings.cutoffHint')}
          value={values.cutoff}
          error={fieldError(ctx, errors, 'cutoff')}
          width="short"
          maxlength={5}
          isSpellcheckOff
        />
        <TextField
          ctx={ctx}
          name="dueSoonWorkingDays"
          label={t('calendar.admin.settings.dueSoon')}
          hint={t('calendar.admin.settings.dueSoonHint')}
          value={values.dueSoonWorkingDays}
          error={fieldError(ctx, errors, 'dueSoonWorkingDays')}
          width="short"
          inputmode="numeric"
          maxlength={2}
        />
        <div class="button-group">
          <Button text={t('calendar.admin.settings.save')} />
          <p>
            <a href="/admin/lich#units" safe>
              {t('form.cancel')}
            </a>
          </p>
        </div>
      </form>
    </Layout>
  )
}
