/**
 * The form fields of every page, in the manner of the well-tested government design systems: a
 * label (or legend), a hint and an error message beside each control, the ids the error summary
 * links to, and aria-describedby / aria-invalid tying them together. Every text prop is plain
 * text, escaped here. src/views/components.tsx re-exports all of it; features import from there.
 */
import type { PropsWithChildren } from '@kitajs/html'
import type { FormErrors } from './forms.ts'
import type { PageContext } from './page.ts'

/** The id of a field's control, so the error summary can link to it. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`
}

/** The translated error message of one field, or undefined when the field is fine. */
export function fieldError(ctx: PageContext, errors: FormErrors, name: string): string | undefined {
  const key = errors.fields[name]
  return key === undefined ? undefined : ctx.t(key)
}

/** The ids a control is described by: its hint and its error, when present. */
export function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((v): v is string => v !== null)
  return ids.length > 0 ? ids.join(' ') : undefined
}

/** A field's hint, with the id describedBy() names; nothing without a text. */
export function FieldHint(props: { id: string; text: string | undefined }): JSX.Element {
  if (!props.text) return ''
  return (
    <div class="hint" id={`${props.id}-hint`} safe>
      {props.text}
    </div>
  )
}

/** A field's (or a group's, or a row's) error message, announced with a hidden "Error:" prefix for screen readers. */
export function FieldErrorMessage(props: { ctx: PageContext; id: string; text: string | undefined }): JSX.Element {
  if (!props.text) return ''
  return (
    <p class="field-error" id={`${props.id}-error`}>
      <span class="visually-hidden" safe>
        {props.ctx.t('form.errorPrefix')}
      </span>{' '}
      <span safe>{props.text}</span>
    </p>
  )
}

/** " (optional)" after a label or legend, when the field is optional. */
function OptionalMark(props: { ctx: PageContext; isOptional: boolean | undefined }): JSX.Element {
  if (!props.isOptional) return ''
  return (
    <span class="label-optional" safe>
      {` ${props.ctx.t('form.optional')}`}
    </span>
  )
}

/** What every field takes. */
export interface FieldProps {
  readonly ctx: PageContext
  readonly name: string
  /** The label, or the legend of a group of choices. */
  readonly label: string
  readonly hint?: string | undefined
  /** Translated error message; use fieldError(). */
  readonly error?: string | undefined
  readonly isOptional?: boolean
}

/** A field of one control: the label, hint and error message above the control given as children. */
function LabelledField(props: PropsWithChildren<{ ctx: PageContext; id: string; label: string; hint: string | undefined; error: string | undefined; isOptional: boolean | undefined }>): JSX.Element {
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <label class="label" for={props.id}>
        <span safe>{props.label}</span>
        <OptionalMark ctx={props.ctx} isOptional={props.isOptional} />
      </label>
      <FieldHint id={props.id} text={props.hint} />
      <FieldErrorMessage ctx={props.ctx} id={props.id} text={props.error} />
      {props.children}
    </div>
  )
}

/** Props of a text input field. */
export interface TextFieldProps extends FieldProps {
  readonly value?: string | undefined
  readonly type?: 'text' | 'password' | 'email' | 'tel' | 'search'
  readonly autocomplete?: string | undefined
  readonly isRequired?: boolean
  readonly width?: 'short' | 'medium' | 'full'
  readonly inputmode?: 'text' | 'numeric' | 'tel' | 'email'
  readonly isSpellcheckOff?: boolean
  readonly maxlength?: number
}

/** Props of a date (or date-and-time) field. */
export interface DateFieldProps extends FieldProps {
  /** `YYYY-MM-DD` (`YYYY-MM-DDTHH:MM` for a date and time), or what was typed, kept so it can be corrected. */
  readonly value?: string | undefined
  /** `date` (the default) or `datetime-local`. */
  readonly type?: 'date' | 'datetime-local'
  readonly width?: 'short' | 'medium'
  /** The earliest and latest values the browser's picker offers. */
  readonly min?: string
  readonly max?: string
}

/** A labelled `<input>` of any type the text and date fields offer. */
function InputField(props: Omit<TextFieldProps, 'type'> & Omit<DateFieldProps, 'type' | 'width'> & { type: NonNullable<TextFieldProps['type'] | DateFieldProps['type']> }): JSX.Element {
  const id = fieldId(props.name)
  return (
    <LabelledField ctx={props.ctx} id={id} label={props.label} hint={props.hint} error={props.error} isOptional={props.isOptional}>
      <input
        class={['input', `input--${props.width ?? 'full'}`, props.error ? 'input--error' : '']}
        id={id}
        name={props.name}
        type={props.type}
        value={props.type === 'password' ? undefined : props.value}
        min={props.min}
        max={props.max}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        spellcheck={props.isSpellcheckOff ? 'false' : undefined}
        autocapitalize={props.isSpellcheckOff ? 'none' : undefined}
        maxlength={props.maxlength}
        required={props.isRequired}
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </LabelledField>
  )
}

/** A labelled text input with hint and error message beside it. */
export function TextField(props: TextFieldProps): JSX.Element {
  return <InputField {...props} type={props.type ?? 'text'} />
}

/**
 * A labelled date input (or date and time, with `type="datetime-local"`): the browser's own picker
 * where there is one, so no JavaScript is needed; elsewhere a text box that takes the ISO form.
 */
export function DateField(props: DateFieldProps): JSX.Element {
  return <InputField {...props} type={props.type ?? 'date'} width={props.width ?? 'medium'} />
}

/** Props of a multi-line text field. */
export interface TextareaFieldProps extends FieldProps {
  readonly value: string
  /** Visible lines; 3 unless told. */
  readonly rows?: number
  readonly maxlength?: number
}

/** A labelled multi-line text input with hint and error message beside it. */
export function TextareaField(props: TextareaFieldProps): JSX.Element {
  const id = fieldId(props.name)
  return (
    <LabelledField ctx={props.ctx} id={id} label={props.label} hint={props.hint} error={props.error} isOptional={props.isOptional}>
      <textarea
        class={['input', props.error ? 'input--error' : '']}
        id={id}
        name={props.name}
        rows={String(props.rows ?? 3)}
        maxlength={props.maxlength}
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
        safe
      >
        {props.value}
      </textarea>
    </LabelledField>
  )
}

/** One choice of a select, radio or checkbox list. */
export interface Choice {
  readonly value: string
  readonly label: string
  readonly hint?: string | undefined
}

/** Choices under a heading: an `<optgroup>` of a select. */
export interface ChoiceGroup {
  readonly label: string
  readonly choices: readonly Choice[]
}

/** Props of a select field. */
export interface SelectFieldProps extends FieldProps {
  readonly value?: string | undefined
  /** The options, or groups of them under headings (procedures by field). */
  readonly choices: readonly (Choice | ChoiceGroup)[]
  /** Text of an empty first option ("Choose…"); omitted when absent. */
  readonly placeholder?: string | undefined
}

/** The `<option>` of a choice, selected when it holds the field's value. */
function SelectOption(props: { choice: Choice; value: string | undefined }): JSX.Element {
  return (
    <option value={props.choice.value} selected={props.choice.value === props.value} safe>
      {props.choice.label}
    </option>
  )
}

/** A labelled select with hint and error message beside it. */
export function SelectField(props: SelectFieldProps): JSX.Element {
  const id = fieldId(props.name)
  return (
    <LabelledField ctx={props.ctx} id={id} label={props.label} hint={props.hint} error={props.error} isOptional={props.isOptional}>
      <select
        class={['select', props.error ? 'select--error' : '']}
        id={id}
        name={props.name}
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.placeholder !== undefined ? (
          <option value="" safe>
            {props.placeholder}
          </option>
        ) : (
          ''
        )}
        {props.choices.map((item) =>
          'choices' in item ? (
            <optgroup label={item.label}>
              {item.choices.map((choice) => (
                <SelectOption choice={choice} value={props.value} />
              ))}
            </optgroup>
          ) : (
            <SelectOption choice={item} value={props.value} />
          ),
        )}
      </select>
    </LabelledField>
  )
}

/** Props of a group of radio buttons. */
export interface RadiosFieldProps extends FieldProps {
  /** The value of the chosen radio; none is chosen when no choice has it. */
  readonly value: string
  readonly choices: readonly Choice[]
}

/** Props of a group of checkboxes. */
export interface CheckboxesFieldProps {
  readonly ctx: PageContext
  readonly name: string
  readonly legend: string
  readonly hint?: string | undefined
  readonly error?: string | undefined
  readonly values: readonly string[]
  readonly choices: readonly Choice[]
  readonly isOptional?: boolean
}

/**
 * A fieldset of radio buttons or checkboxes; the first carries the field's id so the error summary
 * can reach it. A choice's hint has its own id suffix: the first choice's id is the field's, and
 * `${id}-hint` is already the group's hint.
 */
function ChoicesField(props: Omit<CheckboxesFieldProps, 'values'> & { type: 'radio' | 'checkbox'; isChecked: (value: string) => boolean }): JSX.Element {
  const id = fieldId(props.name)
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <fieldset class="fieldset" aria-describedby={describedBy(id, props.hint, props.error)}>
        <legend class="legend">
          <span safe>{props.legend}</span>
          <OptionalMark ctx={props.ctx} isOptional={props.isOptional} />
        </legend>
        <FieldHint id={id} text={props.hint} />
        <FieldErrorMessage ctx={props.ctx} id={id} text={props.error} />
        <div class="checkboxes">
          {props.choices.map((choice, index) => {
            const boxId = index === 0 ? id : `${id}-${index + 1}`
            return (
              <div class="checkbox">
                <input
                  class="checkbox-input"
                  id={boxId}
                  name={props.name}
                  type={props.type}
                  value={choice.value}
                  checked={props.isChecked(choice.value)}
                  aria-describedby={choice.hint ? `${boxId}-choice-hint` : undefined}
                />
                <label class="checkbox-label" for={boxId} safe>
                  {choice.label}
                </label>
                {choice.hint ? (
                  <div class="hint checkbox-hint" id={`${boxId}-choice-hint`} safe>
                    {choice.hint}
                  </div>
                ) : (
                  ''
                )}
              </div>
            )
          })}
        </div>
      </fieldset>
    </div>
  )
}

/** A fieldset of radio buttons, `label` as its legend; the first carries the field's id so the error summary can reach it. */
export function RadiosField(props: RadiosFieldProps): JSX.Element {
  return <ChoicesField {...props} legend={props.label} type="radio" isChecked={(value) => value === props.value} />
}

/** A fieldset of checkboxes; the first box carries the field's id so the error summary can reach it. */
export function CheckboxesField(props: CheckboxesFieldProps): JSX.Element {
  return <ChoicesField {...props} type="checkbox" isChecked={(value) => props.values.includes(value)} />
}

/** Props of a group of fields. */
export interface FieldGroupProps {
  readonly ctx: PageContext
  /** The name the group's error is filed under; the fieldset carries its id. */
  readonly name: string
  readonly legend: string
  readonly hint?: string | undefined
  readonly error?: string | undefined
  /** Show the legend as a heading of this size, when the group is a section of the form. */
  readonly headingSize?: 's' | 'm'
}

/** A fieldset of several controls (office hours, a list of rows) with one hint and one message for the whole group. */
export function FieldGroup(props: PropsWithChildren<FieldGroupProps>): JSX.Element {
  const id = fieldId(props.name)
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <fieldset class="fieldset" id={id} aria-describedby={describedBy(id, props.hint, props.error)}>
        <legend class={['legend', props.headingSize ? `heading-${props.headingSize}` : '']} safe>
          {props.legend}
        </legend>
        <FieldHint id={id} text={props.hint} />
        <FieldErrorMessage ctx={props.ctx} id={id} text={props.error} />
        {props.children}
      </fieldset>
    </div>
  )
}
