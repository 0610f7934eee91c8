/**
 * Form fields the shared components do not have yet — radios, a text area, a date-time input and a
 * select grouped by heading — with the same markup: label, hint, error beside the field, ids the
 * error summary links to. Candidates to move to src/views/components.tsx once another feature
 * needs them.
 */
import { fieldId } from '../../../views/components.tsx'
import type { Choice } from '../../../views/components.tsx'
import type { PageContext } from '../../../views/page.ts'

/** The ids a control is described by: its hint and its error, when present. */
function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((v): v is string => v !== null)
  return ids.length > 0 ? ids.join(' ') : undefined
}

/** Hint and error message of a field. */
function HintAndError(props: { ctx: PageContext; id: string; hint: string | undefined; error: string | undefined }): JSX.Element {
  return (
    <>
      {props.hint ? (
        <div class="hint" id={`${props.id}-hint`} safe>
          {props.hint}
        </div>
      ) : (
        ''
      )}
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          <span class="visually-hidden" safe>
            {props.ctx.t('form.errorPrefix')}
          </span>{' '}
          <span safe>{props.error}</span>
        </p>
      ) : (
        ''
      )}
    </>
  )
}

/** A field's label, saying "(optional)" when it is. */
function FieldLabel(props: { ctx: PageContext; id: string; text: string; isOptional?: boolean | undefined }): JSX.Element {
  return (
    <label class="label" for={props.id}>
      <span safe>{props.text}</span>
      {props.isOptional ? (
        <span class="label-optional" safe>
          {` ${props.ctx.t('form.optional')}`}
        </span>
      ) : (
        ''
      )}
    </label>
  )
}

/** Common props of the fields here. */
interface FieldProps {
  readonly ctx: PageContext
  readonly name: string
  readonly label: string
  readonly hint?: string | undefined
  readonly error?: string | undefined
  readonly isOptional?: boolean
}

/** A group of radio buttons; the first carries the field's id so the error summary can reach it. */
export function RadiosField(props: FieldProps & { value: string; choices: readonly Choice[] }): JSX.Element {
  const id = fieldId(props.name)
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <fieldset class="fieldset" aria-describedby={describedBy(id, props.hint, props.error)}>
        <legend class="legend" safe>
          {props.label}
        </legend>
        <HintAndError ctx={props.ctx} id={id} hint={props.hint} error={props.error} />
        <div class="checkboxes">
          {props.choices.map((choice, index) => {
            const boxId = index === 0 ? id : `${id}-${index + 1}`
            return (
              <div class="checkbox">
                <input class="checkbox-input" id={boxId} name={props.name} type="radio" value={choice.value} checked={choice.value === props.value} />
                <label class="checkbox-label" for={boxId} safe>
                  {choice.label}
                </label>
              </div>
            )
          })}
        </div>
      </fieldset>
    </div>
  )
}

/** A labelled multi-line text input. */
export function TextareaField(props: FieldProps & { value: string; rows?: number; maxlength?: number }): JSX.Element {
  const id = fieldId(props.name)
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <FieldLabel ctx={props.ctx} id={id} text={props.label} isOptional={props.isOptional} />
      <HintAndError ctx={props.ctx} id={id} hint={props.hint} error={props.error} />
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
    </div>
  )
}

/** A labelled date-time (or date) input; the browser's picker where there is one, typed text elsewhere. */
export function DateTimeField(props: FieldProps & { value: string; type?: 'datetime-local' | 'date' }): JSX.Element {
  const id = fieldId(props.name)
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <FieldLabel ctx={props.ctx} id={id} text={props.label} isOptional={props.isOptional} />
      <HintAndError ctx={props.ctx} id={id} hint={props.hint} error={props.error} />
      <input
        class={['input', 'input--medium', props.error ? 'input--error' : '']}
        id={id}
        name={props.name}
        type={props.type ?? 'datetime-local'}
        value={props.value}
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  )
}

/** A group of choices under a heading (an `<optgroup>`). */
export interface ChoiceGroup {
  readonly label: string
  readonly choices: readonly Choice[]
}

/** A select whose options are grouped under headings (procedures by field). */
export function GroupedSelectField(props: FieldProps & { value: string; groups: readonly ChoiceGroup[]; placeholder: string }): JSX.Element {
  const id = fieldId(props.name)
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <FieldLabel ctx={props.ctx} id={id} text={props.label} isOptional={props.isOptional} />
      <HintAndError ctx={props.ctx} id={id} hint={props.hint} error={props.error} />
      <select
        class={['select', props.error ? 'select--error' : '']}
        id={id}
        name={props.name}
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        <option value="" safe>
          {props.placeholder}
        </option>
        {props.groups.map((group) => (
          <optgroup label={group.label}>
            {group.choices.map((choice) => (
              <option value={choice.value} selected={choice.value === props.value} safe>
                {choice.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  )
}
