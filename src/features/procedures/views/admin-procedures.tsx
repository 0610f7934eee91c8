/**
 * Administration pages of the procedure catalogue: the list of every procedure (in use or not,
 * filterable by field) and the form that creates or edits one. Documents and steps are repeated
 * rows: the existing ones plus a few empty rows, so the form works without JavaScript.
 */
import { Button, ButtonLink, CheckboxesField, CsrfInput, ErrorSummary, fieldError, FieldErrorMessage, FieldGroup, fieldId, SelectField, StatusTag, Table, TextareaField, TextField } from '../../../views/components.tsx'
import type { Choice, Crumb } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { adminCrumbs } from '../../units/index.ts'
import { DOCUMENT_FORMS, PROCEDURE_LEVELS, STEP_ROLES } from '../procedure.ts'
import type { Procedure } from '../procedure.ts'
import { publicProcedureHref } from './catalogue.tsx'
import { feeText, timeLimitText } from './procedure-text.ts'

/** Empty rows offered under the existing documents and steps, for adding without JavaScript. */
export const EMPTY_ROWS_SHOWN = 3

/** The link of a procedure's administration page. */
export function adminProcedureHref(code: string): string {
  return `/admin/thu-tuc/${encodeURIComponent(code)}`
}

/** The breadcrumb to the administration overview and the catalogue. */
function crumbs(ctx: PageContext, isInsideCatalogue: boolean): Crumb[] {
  return isInsideCatalogue ? adminCrumbs(ctx, { href: '/admin/thu-tuc', text: ctx.t('procedures.pages.admin.title') }) : adminCrumbs(ctx)
}

/** Props of the catalogue list. */
export interface ProcedureListPageProps {
  readonly ctx: PageContext
  readonly procedures: readonly Procedure[]
  /** Every field of the catalogue, for the filter. */
  readonly fields: readonly string[]
  /** The field filtered on, or ''. */
  readonly field: string
  /** Whether the administrator may edit the catalogue (an admin of the home unit). */
  readonly canEdit: boolean
  readonly homeUnitName: string
}

/** The catalogue as administrators see it: every procedure, with a filter by field. */
export function ProcedureListPage(props: ProcedureListPageProps): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  const column = (key: string) => t(`procedures.pages.columns.${key}`)
  return (
    <Layout ctx={ctx} title={t('procedures.pages.admin.title')} breadcrumbs={crumbs(ctx, false)}>
      <h1 class="heading-l" safe>
        {t('procedures.pages.admin.title')}
      </h1>
      <p safe>{t('procedures.pages.admin.intro')}</p>
      {props.canEdit ? (
        <ButtonLink href="/admin/thu-tuc/moi" text={t('procedures.pages.admin.add')} />
      ) : (
        <p class="inset" safe>
          {t('procedures.pages.admin.readOnly', { unit: props.homeUnitName })}
        </p>
      )}
      <form class="filter" method="get" action="/admin/thu-tuc" role="search" aria-label={t('procedures.pages.admin.filterLabel')}>
        <SelectField
          ctx={ctx}
          name="field"
          label={column('field')}
          value={props.field}
          placeholder={t('procedures.pages.admin.allFields')}
          choices={props.fields.map((f) => ({ value: f, label: f }))}
        />
        <Button text={t('procedures.pages.admin.filter')} variant="secondary" />
      </form>
      <p class="body-secondary" role="status" safe>
        {t('procedures.pages.admin.count', { count: props.procedures.length })}
      </p>
      <Table
        caption={t('procedures.pages.admin.title')}
        isCaptionHidden
        rowCount={props.procedures.length}
        emptyText={t('procedures.pages.admin.empty')}
        columns={[{ text: column('code') }, { text: column('name') }, { text: column('field') }, { text: column('timeLimit') }, { text: column('fee') }, { text: column('status') }]}
        isStackedOnMobile
      >
        {props.procedures.map((p) => (
          <tr>
            <td data-label={column('code')} class="nowrap">
              <a href={props.canEdit ? adminProcedureHref(p.code) : publicProcedureHref(p.code)} safe>
                {p.code}
              </a>
            </td>
            <td data-label={column('name')} safe>
              {p.name}
            </td>
            <td data-label={column('field')} safe>
              {p.field}
            </td>
            <td data-label={column('timeLimit')} safe>
              {timeLimitText(t, p.timeLimit)}
            </td>
            <td data-label={column('fee')} safe>
              {feeText(t, ctx.locale, p.feeVnd)}
            </td>
            <td data-label={column('status')}>
              {p.isActive ? <StatusTag tone="green" text={t('procedures.pages.status.active')} /> : <StatusTag tone="grey" text={t('procedures.pages.status.inactive')} />}
            </td>
          </tr>
        ))}
      </Table>
    </Layout>
  )
}

/** One document row of the form, as typed. */
export interface DocumentRowValues {
  readonly name: string
  readonly copies: string
  readonly form: string
  readonly isRequired: boolean
  readonly note: string
}

/** One step row of the form, as typed. */
export interface StepRowValues {
  readonly name: string
  readonly role: string
  readonly sharePercent: string
}

/** What the procedure form holds, as typed; documents and steps without their empty rows. */
export interface ProcedureFormValues {
  readonly code: string
  readonly name: string
  readonly nameEn: string
  readonly field: string
  readonly level: string
  readonly timeLimitKind: string
  readonly timeLimitAmount: string
  readonly feeVnd: string
  readonly feeNote: string
  readonly resultName: string
  /** One document per line. */
  readonly legalBasis: string
  readonly isActive: boolean
  readonly documents: readonly DocumentRowValues[]
  readonly steps: readonly StepRowValues[]
}

/** An empty document row: one copy, required, form still to choose. */
export const EMPTY_DOCUMENT_ROW: DocumentRowValues = Object.freeze({ name: '', copies: '1', form: '', isRequired: true, note: '' })
/** An empty step row. */
export const EMPTY_STEP_ROW: StepRowValues = Object.freeze({ name: '', role: '', sharePercent: '' })

/** The form of a new procedure. */
export const EMPTY_PROCEDURE_FORM: ProcedureFormValues = Object.freeze({
  code: '',
  name: '',
  nameEn: '',
  field: '',
  level: 'commune',
  timeLimitKind: 'days',
  timeLimitAmount: '',
  feeVnd: '0',
  feeNote: '',
  resultName: '',
  legalBasis: '',
  isActive: true,
  documents: [],
  steps: [],
})

/** A control inside a row: a label only screen readers need (the column heading shows it), and the control. */
function CellLabel(props: { id: string; text: string }): JSX.Element {
  return (
    <label class="visually-hidden" for={props.id} safe>
      {props.text}
    </label>
  )
}

/** A select inside a row. */
function CellSelect(props: { id: string; name: string; value: string; placeholder: string; choices: readonly Choice[]; isInvalid: boolean }): JSX.Element {
  return (
    <select class={['select', props.isInvalid ? 'select--error' : '']} id={props.id} name={props.name}>
      <option value="" safe>
        {props.placeholder}
      </option>
      {props.choices.map((choice) => (
        <option value={choice.value} selected={choice.value === props.value} safe>
          {choice.label}
        </option>
      ))}
    </select>
  )
}

/** Props of the procedure form page. */
export interface ProcedureFormPageProps {
  readonly ctx: PageContext
  /** The code of the procedure edited, or null for a new one. */
  readonly code: string | null
  readonly values: ProcedureFormValues
  readonly errors: FormErrors
}

/** The form that creates a procedure or edits one (its code then fixed). */
export function ProcedureFormPage(props: ProcedureFormPageProps): JSX.Element {
  const { ctx, values, errors } = props
  const t = ctx.t
  const isNew = props.code === null
  const title = isNew ? t('procedures.pages.admin.newTitle') : t('procedures.pages.admin.editTitle', { code: props.code })
  const column = (key: string) => t(`procedures.pages.columns.${key}`)
  const rowText = (key: string, index: number) => `${column(key)}, ${t('procedures.pages.form.row', { row: index + 1 })}`
  const documents = [...values.documents, ...Array.from({ length: EMPTY_ROWS_SHOWN }, () => EMPTY_DOCUMENT_ROW)]
  const steps = [...values.steps, ...Array.from({ length: EMPTY_ROWS_SHOWN }, () => EMPTY_STEP_ROW)]
  const order = [
    'code',
    'name',
    'nameEn',
    'field',
    'level',
    'timeLimit',
    'feeVnd',
    'feeNote',
    'resultName',
    'legalBasis',
    'documents',
    ...documents.map((_, i) => `documents.${i}`),
    'steps',
    ...steps.map((_, i) => `steps.${i}`),
  ]
  // The shared summary shows each problem by its message alone, so two rows with the same problem
  // would read alike: there, a row's message also names its list and its number.
  const rowMessages = new Map<string, string>()
  const summaryFields = Object.fromEntries(
    Object.entries(errors.fields).map(([field, key]) => {
      const row = /^(documents|steps)\.(\d+)$/.exec(field)
      if (!row) return [field, key]
      const rowKey = `row:${field}`
      rowMessages.set(rowKey, t('procedures.pages.form.rowError', { list: t(`procedures.pages.form.${row[1]}`), row: Number(row[2]) + 1, message: t(key) }))
      return [field, rowKey]
    }),
  )
  const summaryCtx: PageContext = { ...ctx, t: (key, params) => rowMessages.get(key) ?? ctx.t(key, params) }
  const formChoices = DOCUMENT_FORMS.map((form) => ({ value: form, label: t(`procedures.pages.documentForms.${form}`) }))
  const roleChoices = STEP_ROLES.map((role) => ({ value: role, label: t(`units.roles.${role}`) }))
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors(errors)} breadcrumbs={crumbs(ctx, true)}>
      <ErrorSummary ctx={summaryCtx} errors={{ ...errors, fields: summaryFields }} order={order} />
      <span class="caption" safe>
        {t('procedures.pages.admin.caption')}
      </span>
      <h1 class="heading-l" safe>
        {title}
      </h1>
      <form method="post" action={isNew ? '/admin/thu-tuc' : adminProcedureHref(props.code!)} novalidate>
        <CsrfInput ctx={ctx} />
        <div class="form">
          {isNew ? (
            <TextField
              ctx={ctx}
              name="code"
              label={t('procedures.pages.form.code')}
              hint={t('procedures.pages.form.codeHint')}
              value={values.code}
              error={fieldError(ctx, errors, 'code')}
              width="medium"
              isSpellcheckOff
            />
          ) : (
            <div class="field">
              <p class="label" safe>
                {t('procedures.pages.form.codeFixed')}
              </p>
              <p>
                <code safe>{props.code}</code> ·{' '}
                <a href={publicProcedureHref(props.code!)} safe>
                  {t('procedures.pages.admin.publicLink')}
                </a>
              </p>
            </div>
          )}
          <TextField ctx={ctx} name="name" label={t('procedures.pages.form.name')} value={values.name} error={fieldError(ctx, errors, 'name')} maxlength={500} />
          <TextField ctx={ctx} name="nameEn" label={t('procedures.pages.form.nameEn')} value={values.nameEn} error={fieldError(ctx, errors, 'nameEn')} maxlength={500} isOptional />
          <TextField
            ctx={ctx}
            name="field"
            label={t('procedures.pages.form.field')}
            hint={t('procedures.pages.form.fieldHint')}
            value={values.field}
            error={fieldError(ctx, errors, 'field')}
            width="medium"
            maxlength={120}
          />
          <SelectField
            ctx={ctx}
            name="level"
            label={t('procedures.pages.form.level')}
            value={values.level}
            error={fieldError(ctx, errors, 'level')}
            placeholder={t('procedures.pages.form.choose')}
            choices={PROCEDURE_LEVELS.map((level) => ({ value: level, label: t(`procedures.pages.levels.${level}`) }))}
          />
          <FieldGroup ctx={ctx} name="timeLimit" legend={t('procedures.pages.form.timeLimit')} hint={t('procedures.pages.form.timeLimitHint')} error={fieldError(ctx, errors, 'timeLimit')}>
            <SelectField
              ctx={ctx}
              name="timeLimitKind"
              label={t('procedures.pages.form.timeLimitKind')}
              value={values.timeLimitKind}
              choices={(['days', 'hours', 'sameDay'] as const).map((kind) => ({ value: kind, label: t(`procedures.pages.form.timeLimitKinds.${kind}`) }))}
            />
            <TextField
              ctx={ctx}
              name="timeLimitAmount"
              label={t('procedures.pages.form.timeLimitAmount')}
              hint={t('procedures.pages.form.timeLimitAmountHint')}
              value={values.timeLimitAmount}
              width="short"
              inputmode="numeric"
              maxlength={4}
            />
          </FieldGroup>
          <TextField
            ctx={ctx}
            name="feeVnd"
            label={t('procedures.pages.form.feeVnd')}
            hint={t('procedures.pages.form.feeVndHint')}
            value={values.feeVnd}
            error={fieldError(ctx, errors, 'feeVnd')}
            width="medium"
            inputmode="numeric"
            maxlength={16}
          />
          <TextField ctx={ctx} name="feeNote" label={t('procedures.pages.form.feeNote')} hint={t('procedures.pages.form.feeNoteHint')} value={values.feeNote} error={fieldError(ctx, errors, 'feeNote')} isOptional />
          <TextField
            ctx={ctx}
            name="resultName"
            label={t('procedures.pages.form.resultName')}
            hint={t('procedures.pages.form.resultNameHint')}
            value={values.resultName}
            error={fieldError(ctx, errors, 'resultName')}
          />
          <TextareaField
            ctx={ctx}
            name="legalBasis"
            label={t('procedures.pages.form.legalBasis')}
            hint={t('procedures.pages.form.legalBasisHint')}
            value={values.legalBasis}
            error={fieldError(ctx, errors, 'legalBasis')}
            rows={Math.max(4, values.legalBasis.split('\n').length + 1)}
            isOptional
          />
          <CheckboxesField
            ctx={ctx}
            name="isActive"
            legend={t('procedures.pages.form.isActive')}
            values={values.isActive ? ['yes'] : []}
            choices={[{ value: 'yes', label: t('procedures.pages.form.isActiveLabel'), hint: t('procedures.pages.form.isActiveHint') }]}
          />
        </div>

        <FieldGroup ctx={ctx} headingSize="m" name="documents" legend={t('procedures.pages.form.documents')} hint={t('procedures.pages.form.documentsHint')} error={fieldError(ctx, errors, 'documents')}>
          <div class="table-wrap">
            <table class="table table--stacked">
              <thead>
                <tr>
                  <th scope="col" safe>
                    {column('document')}
                  </th>
                  <th scope="col" safe>
                    {column('copies')}
                  </th>
                  <th scope="col" safe>
                    {column('form')}
                  </th>
                  <th scope="col" safe>
                    {column('isRequired')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {documents.map((row, i) => {
                  const rowId = fieldId(`documents.${i}`)
                  const error = fieldError(ctx, errors, `documents.${i}`)
                  const name = (part: string) => `documents.${i}.${part}`
                  return (
                    <tr>
                      <td data-label={`${column('document')} ${i + 1}`}>
                        <FieldErrorMessage ctx={ctx} id={rowId} text={error} />
                        <CellLabel id={rowId} text={rowText('document', i)} />
                        <input
                          class={['input', error ? 'input--error' : '']}
                          id={rowId}
                          name={name('name')}
                          type="text"
                          value={row.name}
                          maxlength={500}
                          aria-describedby={error ? `${rowId}-error` : undefined}
                          aria-invalid={error ? 'true' : undefined}
                        />
                        {/* The note sits under the name, where the width is, with a label of its own. */}
                        <label class="cell-secondary" for={fieldId(name('note'))}>
                          <span safe>{`${column('note')} ${t('form.optional')}`}</span>
                          <span class="visually-hidden" safe>
                            {`, ${t('procedures.pages.form.row', { row: i + 1 })}`}
                          </span>
                        </label>
                        <input class="input" id={fieldId(name('note'))} name={name('note')} type="text" value={row.note} maxlength={500} />
                      </td>
                      <td data-label={column('copies')}>
                        <CellLabel id={fieldId(name('copies'))} text={rowText('copies', i)} />
                        <input class={['input', error ? 'input--error' : '']} id={fieldId(name('copies'))} name={name('copies')} type="text" inputmode="numeric" size="3" maxlength={2} value={row.copies} />
                      </td>
                      <td data-label={column('form')}>
                        <CellLabel id={fieldId(name('form'))} text={rowText('form', i)} />
                        <CellSelect id={fieldId(name('form'))} name={name('form')} value={row.form} placeholder={t('procedures.pages.form.choose')} choices={formChoices} isInvalid={error !== undefined} />
                      </td>
                      <td data-label={column('isRequired')}>
                        <CellLabel id={fieldId(name('isRequired'))} text={rowText('isRequired', i)} />
                        <input class="checkbox-input" id={fieldId(name('isRequired'))} name={name('isRequired')} type="checkbox" value="yes" checked={row.isRequired} />
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        </FieldGroup>

        <FieldGroup ctx={ctx} headingSize="m" name="steps" legend={t('procedures.pages.form.steps')} hint={t('procedures.pages.form.stepsHint')} error={fieldError(ctx, errors, 'steps')}>
          <div class="table-wrap">
            <table class="table table--stacked">
              <thead>
                <tr>
                  <th scope="col" safe>
                    {column('step')}
                  </th>
                  <th scope="col" safe>
                    {column('role')}
                  </th>
                  <th scope="col" safe>
                    {column('sharePercent')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {steps.map((row, i) => {
                  const rowId = fieldId(`steps.${i}`)
                  const error = fieldError(ctx, errors, `steps.${i}`)
                  const name = (part: string) => `steps.${i}.${part}`
                  return (
                    <tr>
                      <td data-label={`${column('step')} ${i + 1}`}>
                        <FieldErrorMessage ctx={ctx} id={rowId} text={error} />
                        <CellLabel id={rowId} text={rowText('step', i)} />
                        <input
                          class={['input', error ? 'input--error' : '']}
                          id={rowId}
                          name={name('name')}
                          type="text"
                          value={row.name}
                          maxlength={200}
                          aria-describedby={error ? `${rowId}-error` : undefined}
                          aria-invalid={error ? 'true' : undefined}
                        />
                      </td>
                      <td data-label={column('role')}>
                        <CellLabel id={fieldId(name('role'))} text={rowText('role', i)} />
                        <CellSelect id={fieldId(name('role'))} name={name('role')} value={row.role} placeholder={t('procedures.pages.form.choose')} choices={roleChoices} isInvalid={error !== undefined} />
                      </td>
                      <td data-label={column('sharePercent')}>
                        <CellLabel id={fieldId(name('sharePercent'))} text={rowText('sharePercent', i)} />
                        <input
                          class={['input', error ? 'input--error' : '']}
                          id={fieldId(name('sharePercent'))}
                          name={name('sharePercent')}
                          type="text"
                          inputmode="numeric"
                          size="4"
                          maxlength={3}
                          value={row.sharePercent}
                        />
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        </FieldGroup>

        <div class="button-group">
          <Button text={isNew ? t('procedures.pages.admin.create') : t('procedures.pages.admin.save')} />
          <p>
            <a href="/admin/thu-tuc" safe>
              {t('form.cancel')}
            </a>
          </p>
        </div>
      </form>
    </Layout>
  )
}
