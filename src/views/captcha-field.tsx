/**
 * The captcha block of public forms (surveys, feedback), with the shared field markup: the
 * question as a label, a hint, the error beside it, the id the error summary links to.
 */
import type { CaptchaChallenge } from '../platform/captcha/captcha.ts'
import { CAPTCHA_FIELDS, questionText } from '../platform/captcha/captcha.ts'
import { describedBy, FieldErrorMessage, FieldHint, fieldId } from './fields.tsx'
import type { PageContext } from './page.ts'

/** Where the captcha's script is served. */
export const CAPTCHA_SCRIPT = '/assets/js/captcha.js'

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
        <FieldErrorMessage ctx={ctx} id={id} text={props.error} />
        <p class="hint" role="status" data-captcha-status hidden></p>
        <div data-captcha-fallback>
          <label class="label" for={id} safe>
            {questionText(challenge.question, ctx.t)}
          </label>
          <FieldHint id={id} text={hint} />
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
