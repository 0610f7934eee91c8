/**
 * Form fields the survey pages need and the shared components do not have yet — radios, a text
 * area, a date-time input — and the captcha block, all with the shared markup: label, hint, error
 * beside the field, ids the error summary links to. The radios, text area and date-time fields are
 * candidates for src/views/components.tsx (other features have their own copies too).
 */
import type { CaptchaChallenge } from '../../../platform/captcha/captcha.ts'
import { CAPTCHA_FIELDS, questionText } from '../../../platform/captcha/captcha.ts'
import { fieldId } from '../../../views/components.tsx'
import type { Choice } from '../../../views/components.tsx'
import type { PageContext } from '../../../views/page.ts'

/** Where the captcha's script is served. */
export const CAPTCHA_SCRIPT = '/assets/js/captcha.js'

/** The ids a control is described by: its hint and its error, when present. */
function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((v): v is string => v !== null)
  return ids.length > 0 ? ids.join(' ') : undefined
}

/** A field's hint. */
function Hint(props: { id: string; text: string | undefined }): JSX.Element {
  return props.text ? (
    <div class="hint" id={`${props.id}-hint`} safe>
      {props.text}
    </div>
  ) : (
    ''
  )
}

/** A field's error message, with a hidden "Error:" for screen readers. */
function ErrorMessage(props: { ctx: PageContext; id: string; text: string | undefined }): JSX.Element {
  return props.text ? (
    <p class="field-error" id={`${props.id}-error`}>
      <span class="visually-hidden" safe>
        {props.ctx.t('form.errorPrefix')}
      </span>{' '}
      <span safe>{props.text}</span>
    </p>
  ) : (
    ''
  )
}

/** " (không bắt buộc)" after a label, when the field is optional. */
function OptionalMark(props: { ctx: PageContext; isOptional: boolean | undefined }): JSX.Element {
  return props.isOptional ? (
    <span class="label-optional" safe>
      {` ${props.ctx.t('form.optional')}`}
    </span>
  ) : (
    ''
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
export function RadiosField(props: FieldProps & { value: string; choices: readonly Choice[]; isLegendHeading?: boolean }): JSX.Element {
  const id = fieldId(props.name)
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <fieldset class="fieldset" aria-describedby={describedBy(id, props.hint, props.error)}>
        <legend class="legend">
          <span safe>{props.label}</span>
          <OptionalMark ctx={props.ctx} isOptional={props.isOptional} />
        </legend>
        <Hint id={id} text={props.hint} />
        <ErrorMessage ctx={props.ctx} id={id} text={props.error} />
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
      <label class="label" for={id}>
        <span safe>{props.label}</span>
        <OptionalMark ctx={props.ctx} isOptional={props.isOptional} />
      </label>
      <Hint id={id} text={props.hint} />
      <ErrorMessage ctx={props.ctx} id={id} text={props.error} />
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

/** A labelled date-and-time input (the browser's picker where there is one; typed text elsewhere). */
export function DateTimeField(props: FieldProps & { value: string }): JSX.Element {
  const id = fieldId(props.name)
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <label class="label" for={id}>
        <span safe>{props.label}</span>
        <OptionalMark ctx={props.ctx} isOptional={props.isOptional} />
      </label>
      <Hint id={id} text={props.hint} />
      <ErrorMessage ctx={props.ctx} id={id} text={props.error} />
      <input
        class={['input', 'input--medium', props.error ? 'input--error' : '']}
        id={id}
        name={props.name}
        type="datetime-local"
        value={props.value}
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  )
}

/**
 * The captcha of a form: the signed token, the nonce the script fills in, and the question in
 * words. The question is always in the page; the script (CAPTCHA_SCRIPT, loaded by the page)
 * hides it once it can solve the proof of work itself, so without JavaScript the form still works.
 */
export function CaptchaField(props: { ctx: PageContext; challenge: CaptchaChallenge; error?: string | undefined }): JSX.Element {
  const { ctx, challenge } = props
  const id = fieldId('captcha')
  const hint = ctx.t('captcha.answerHint')
  return (
    <div
      class={['field', props.error ? 'field--error' : '']}
      data-captcha
      data-salt={challenge.salt}
      data-bits={String(challenge.difficultyBits)}
      data-text-working={ctx.t('captcha.working')}
      data-text-waiting={ctx.t('captcha.waiting')}
      data-text-done={ctx.t('captcha.done')}
    >
      <fieldset class="fieldset">
        <legend class="legend" safe>
          {ctx.t('captcha.legend')}
        </legend>
        <input type="hidden" name={CAPTCHA_FIELDS.token} value={challenge.token} />
        <input type="hidden" name={CAPTCHA_FIELDS.nonce} value="" />
        <ErrorMessage ctx={ctx} id={id} text={props.error} />
        <p class="hint" role="status" data-captcha-status hidden></p>
        <div data-captcha-fallback>
          <label class="label" for={id} safe>
            {questionText(challenge.question, ctx.t)}
          </label>
          <Hint id={id} text={hint} />
          <input
            class={['input', 'input--short', props.error ? 'input--error' : '']}
            id={id}
            name={CAPTCHA_FIELDS.answer}
            type="text"
            autocomplete="off"
            spellcheck="false"
            aria-describedby={describedBy(id, hint, props.error)}
            aria-invalid={props.error ? 'true' : undefined}
          />
        </div>
      </fieldset>
    </div>
  )
}
