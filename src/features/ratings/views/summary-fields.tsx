/**
 * What the leaders' satisfaction pages share: a date input with the shared field markup (label,
 * hint, error beside it, ids the error summary links to) and the way days and numbers are written
 * for people. The date field is a candidate for src/views/components.tsx: the desk and the
 * calendar have their own copies.
 */
import { fieldId } from '../../../views/components.tsx'
import type { PageContext } from '../../../views/page.ts'

/** A labelled `<input type="date">`; browsers without a picker show a text box that takes YYYY-MM-DD. */
export function DateField(props: { ctx: PageContext; name: string; label: string; hint?: string; error?: string | undefined; value: string }): JSX.Element {
  const id = fieldId(props.name)
  const describedBy = [props.hint ? `${id}-hint` : null, props.error ? `${id}-error` : null].filter((v) => v !== null).join(' ')
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <label class="label" for={id} safe>
        {props.label}
      </label>
      {props.hint ? (
        <div class="hint" id={`${id}-hint`} safe>
          {props.hint}
        </div>
      ) : (
        ''
      )}
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden" safe>
            {props.ctx.t('form.errorPrefix')}
          </span>{' '}
          <span safe>{props.error}</span>
        </p>
      ) : (
        ''
      )}
      <input
        class={['input', 'input--medium', props.error ? 'input--error' : '']}
        id={id}
        name={props.name}
        type="date"
        value={props.value}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  )
}

/** A YYYY-MM-DD day as people write it: "20/04/2026"; anything else as it is. */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  return match ? `${match[3]}/${match[2]}/${match[1]}` : day
}

/** A number in the page's language, with at most `digits` decimals ("14,67" / "14.67"), or "—" for none. */
export function formatNumber(ctx: PageContext, value: number | null, digits = 2): string {
  if (value === null) return '—'
  return new Intl.NumberFormat(ctx.locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(value)
}
