/**
 * Two form fields the shared components do not offer yet: a date input (the browser's own date
 * picker, so no JavaScript is needed) and a group of radio buttons. They follow the markup of
 * src/views/components.tsx (label, hint, error beside the control, ids the error summary links
 * to) and belong there once a second feature needs them.
 */
import { fieldId } from '../../../views/components.tsx'
import type { Choice } from '../../../views/components.tsx'
import type { PageContext } from '../../../views/page.ts'

/** The ids a control is described by: its hint and its error, when present. */
function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((v): v is string => v !== null)
  return ids.length > 0 ? ids.join(' ') : undefined
}

/** A hint and an error message under a label, as the shared fields show them. */
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

/** Props of a date field. */
export interface DateFieldProps {
  readonly ctx: PageContext
  readonly name: string
  readonly label: string
  readonly hint?: string | undefined
  readonly error?: string | undefined
  /** `YYYY-MM-DD`, or what was typed (kept so the user can correct it). */
  readonly value: string
}

/** A labelled `<input type="date">`; browsers without a picker show a text box that takes YYYY-MM-DD. */
export function DateField(props: DateFieldProps): JSX.Element {
  const id = fieldId(props.name)
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <label class="label" for={id} safe>
        {props.label}
      </label>
      <HintAndError ctx={props.ctx} id={id} hint={props.hint} error={props.error} />
      <input
        class={['input', 'input--short', props.error ? 'input--error' : '']}
        id={id}
        name={props.name}
        type="date"
        value={props.value}
        min="1900-01-01"
        max="2100-12-31"
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  )
}

/** Props of a group of radio buttons. */
export interface RadiosFieldProps {
  readonly ctx: PageContext
  readonly name: string
  readonly legend: string
  readonly error?: string | undefined
  readonly value: string
  readonly choices: readonly Choice[]
}

/** A fieldset of radio buttons; the first carries the field's id so the error summary can reach it. */
export function RadiosField(props: RadiosFieldProps): JSX.Element {
  const id = fieldId(props.name)
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <fieldset class="fieldset" aria-describedby={props.error ? `${id}-error` : undefined}>
        <legend class="legend" safe>
          {props.legend}
        </legend>
        <HintAndError ctx={props.ctx} id={id} hint={undefined} error={props.error} />
        <div class="checkboxes">
          {props.choices.map((choice, index) => {
            const radioId = index === 0 ? id : `${id}-${index + 1}`
            return (
              <div class="checkbox">
                <input
                  class="checkbox-input"
                  id={radioId}
                  name={props.name}
                  type="radio"
                  value={choice.value}
                  checked={choice.value === props.value}
                  aria-describedby={choice.hint ? `${radioId}-hint` : undefined}
                />
                <label class="checkbox-label" for={radioId} safe>
                  {choice.label}
                </label>
                {choice.hint ? (
                  <div class="hint checkbox-hint" id={`${radioId}-hint`} safe>
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
