/**
 * The receiving form (/mot-cua/tiep-nhan), in two steps that work without JavaScript: choosing the
 * unit and procedure reloads the page (GET) with that procedure's document checklist; the second
 * form records the applicant and the documents handed in (POST).
 */
import { Button, CheckboxesField, CsrfInput, DateField, ErrorSummary, fieldError, RadiosField, SelectField, SummaryList, TextField } from '../../../views/components.tsx'
import type { Choice, ChoiceGroup } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { Procedure } from '../../procedures/index.ts'
import { CHANNELS } from '../dossier.ts'
import { deskCrumbs } from './desk-home.tsx'
import { documentHint, feeText, timeLimitText } from './format.ts'

/** What the receiving form holds, as typed. */
export interface ReceiveFormValues {
  readonly unitCode: string
  readonly procedureCode: string
  readonly fullName: string
  readonly idNumber: string
  readonly phone: string
  readonly email: string
  readonly address: string
  readonly documents: readonly string[]
  readonly channel: string
  readonly receivedAt: string
}

/** The form as first shown: at the counter, nothing typed yet. */
export const EMPTY_RECEIVE_FORM: ReceiveFormValues = Object.freeze({
  unitCode: '',
  procedureCode: '',
  fullName: '',
  idNumber: '',
  phone: '',
  email: '',
  address: '',
  documents: Object.freeze([]),
  channel: 'counter',
  receivedAt: '',
})

/** The fields in the order they appear, for the error summary. */
const FIELD_ORDER = [
  'unitCode',
  'procedureCode',
  'documents',
  'applicant.fullName',
  'applicant.idNumber',
  'applicant.phone',
  'applicant.email',
  'applicant.address',
  'channel',
  'receivedAt',
]

/** Props of the receiving page. */
export interface ReceivePageProps {
  readonly ctx: PageContext
  /** Units where the person may receive dossiers. */
  readonly units: readonly Choice[]
  /** Active procedures grouped by field. */
  readonly procedureGroups: readonly ChoiceGroup[]
  /** The chosen procedure, once unit and procedure are both chosen and valid. */
  readonly procedure: Procedure | null
  readonly values: ReceiveFormValues
  readonly errors: FormErrors
}

/** The second step: checklist, applicant, channel and an optional earlier receipt time. */
function ApplicantStep(props: { ctx: PageContext; procedure: Procedure; values: ReceiveFormValues; errors: FormErrors }): JSX.Element {
  const { ctx, procedure, values, errors } = props
  const t = ctx.t
  return (
    <form class="form" method="post" action="/mot-cua/tiep-nhan" novalidate>
      <h2 class="heading-m" safe>
        {t('dossiers.pages.receive.step2')}
      </h2>
      <CsrfInput ctx={ctx} />
      <input type="hidden" name="unitCode" value={values.unitCode} />
      <input type="hidden" name="procedureCode" value={values.procedureCode} />
      <SummaryList
        rows={[
          { key: t('dossiers.pages.receive.chosen'), value: `${procedure.code} – ${procedure.name}` },
          { key: t('dossiers.pages.receive.timeLimit'), value: timeLimitText(t, procedure.timeLimit) },
          { key: t('dossiers.pages.receive.fee'), value: feeText(t, procedure.feeVnd) },
        ]}
      />
      <CheckboxesField
        ctx={ctx}
        name="documents"
        legend={t('dossiers.pages.receive.documents')}
        hint={t('dossiers.pages.receive.documentsHint')}
        values={values.documents}
        error={fieldError(ctx, errors, 'documents')}
        choices={procedure.documents.map((d) => ({ value: d.name, label: d.name, hint: documentHint(t, d) }))}
      />
      <fieldset class="fieldset">
        <legend class="legend heading-s" safe>
          {t('dossiers.pages.receive.applicant')}
        </legend>
        <TextField
          ctx={ctx}
          name="applicant.fullName"
          label={t('dossiers.pages.receive.fullName')}
          value={values.fullName}
          error={fieldError(ctx, errors, 'applicant.fullName')}
          autocomplete="off"
          maxlength={120}
        />
        <TextField
          ctx={ctx}
          name="applicant.idNumber"
          label={t('dossiers.pages.receive.idNumber')}
          hint={t('dossiers.pages.receive.idNumberHint')}
          value={values.idNumber}
          error={fieldError(ctx, errors, 'applicant.idNumber')}
          autocomplete="off"
          inputmode="numeric"
          width="medium"
          maxlength={20}
          isOptional
          isSpellcheckOff
        />
        <TextField
          ctx={ctx}
          name="applicant.phone"
          type="tel"
          label={t('dossiers.pages.receive.phone')}
          hint={t('dossiers.pages.receive.phoneHint')}
          value={values.phone}
          error={fieldError(ctx, errors, 'applicant.phone')}
          autocomplete="off"
          width="medium"
          maxlength={20}
          isOptional
        />
        <TextField
          ctx={ctx}
          name="applicant.email"
          type="email"
          label={t('dossiers.pages.receive.email')}
          value={values.email}
          error={fieldError(ctx, errors, 'applicant.email')}
          autocomplete="off"
          width="medium"
          maxlength={200}
          isOptional
          isSpellcheckOff
        />
        <TextField
          ctx={ctx}
          name="applicant.address"
          label={t('dossiers.pages.receive.address')}
          value={values.address}
          error={fieldError(ctx, errors, 'applicant.address')}
          autocomplete="off"
          maxlength={300}
          isOptional
        />
      </fieldset>
      <RadiosField
        ctx={ctx}
        name="channel"
        label={t('dossiers.pages.receive.channel')}
        value={values.channel}
        error={fieldError(ctx, errors, 'channel')}
        choices={CHANNELS.map((c) => ({ value: c, label: t(`dossiers.channel.${c}`) }))}
      />
      <DateField
        ctx={ctx}
        type="datetime-local"
        name="receivedAt"
        label={t('dossiers.pages.receive.receivedAt')}
        hint={t('dossiers.pages.receive.receivedAtHint')}
        value={values.receivedAt}
        error={fieldError(ctx, errors, 'receivedAt')}
        isOptional
      />
      <Button text={t('dossiers.pages.receive.submit')} />
    </form>
  )
}

/** The receiving page: step 1 always, step 2 once a unit and a procedure are chosen. */
export function ReceivePage(props: ReceivePageProps): JSX.Element {
  const { ctx, values, errors } = props
  const t = ctx.t
  return (
    <Layout ctx={ctx} title={t('dossiers.pages.receive.title')} hasErrors={hasErrors(errors)} breadcrumbs={deskCrumbs(ctx)}>
      <ErrorSummary ctx={ctx} errors={errors} order={FIELD_ORDER} />
      <h1 class="heading-l" safe>
        {t('dossiers.pages.receive.title')}
      </h1>
      <form class="form" method="get" action="/mot-cua/tiep-nhan" novalidate>
        <h2 class="heading-m" safe>
          {t('dossiers.pages.receive.step1')}
        </h2>
        <SelectField
          ctx={ctx}
          name="unitCode"
          label={t('dossiers.pages.receive.unit')}
          value={values.unitCode}
          error={fieldError(ctx, errors, 'unitCode')}
          placeholder={props.units.length === 1 ? undefined : t('dossiers.pages.receive.choose')}
          choices={props.units}
        />
        <SelectField
          ctx={ctx}
          name="procedureCode"
          label={t('dossiers.pages.receive.procedure')}
          hint={t('dossiers.pages.receive.procedureHint')}
          value={values.procedureCode}
          error={fieldError(ctx, errors, 'procedureCode')}
          placeholder={t('dossiers.pages.receive.choose')}
          choices={props.procedureGroups}
        />
        <Button text={t('dossiers.pages.receive.continue')} variant={props.procedure ? 'secondary' : 'primary'} />
      </form>
      {props.procedure ? <ApplicantStep ctx={ctx} procedure={props.procedure} values={values} errors={errors} /> : ''}
    </Layout>
  )
}
