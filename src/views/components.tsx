/**
 * Shared page components in the manner of the well-tested government design systems: a label,
 * hint and error message for every field, an error summary that links to the fields, plain
 * tables, status tags, notices and pagination. Every text prop is plain text, escaped here.
 */
import type { PropsWithChildren } from '@kitajs/html'
import type { Flash } from './flash.ts'
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
function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((v): v is string => v !== null)
  return ids.length > 0 ? ids.join(' ') : undefined
}

/** A field's hint paragraph. */
function Hint(props: { id: string; text: string | undefined }): JSX.Element {
  if (!props.text) return ''
  return (
    <div class="hint" id={`${props.id}-hint`} safe>
      {props.text}
    </div>
  )
}

/** A field's error message, announced with a hidden "Error:" prefix for screen readers. */
function ErrorMessage(props: { ctx: PageContext; id: string; text: string | undefined }): JSX.Element {
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

/** A label that says "(optional)" when the field is not required. */
function Label(props: { ctx: PageContext; id: string; text: string; isOptional?: boolean | undefined }): JSX.Element {
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

/** Props of a text input field. */
export interface TextFieldProps {
  readonly ctx: PageContext
  readonly name: string
  readonly label: string
  readonly hint?: string | undefined
  /** Translated error message; use fieldError(). */
  readonly error?: string | undefined
  readonly value?: string | undefined
  readonly type?: 'text' | 'password' | 'email' | 'tel' | 'search'
  readonly autocomplete?: string | undefined
  readonly isOptional?: boolean
  readonly isRequired?: boolean
  readonly width?: 'short' | 'medium' | 'full'
  readonly inputmode?: 'text' | 'numeric' | 'tel' | 'email'
  readonly isSpellcheckOff?: boolean
  readonly maxlength?: number
}

/** A labelled text input with hint and error message beside it. */
export function TextField(props: TextFieldProps): JSX.Element {
  const id = fieldId(props.name)
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <Label ctx={props.ctx} id={id} text={props.label} isOptional={props.isOptional} />
      <Hint id={id} text={props.hint} />
      <ErrorMessage ctx={props.ctx} id={id} text={props.error} />
      <input
        class={['input', `input--${props.width ?? 'full'}`, props.error ? 'input--error' : '']}
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        spellcheck={props.isSpellcheckOff ? 'false' : undefined}
        autocapitalize={props.isSpellcheckOff ? 'none' : undefined}
        maxlength={props.maxlength}
        required={props.isRequired}
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  )
}

/** One choice of a select, radio or checkbox list. */
export interface Choice {
  readonly value: string
  readonly label: string
  readonly hint?: string | undefined
}

/** Props of a select field. */
export interface SelectFieldProps {
  readonly ctx: PageContext
  readonly name: string
  readonly label: string
  readonly hint?: string | undefined
  readonly error?: string | undefined
  readonly value?: string | undefined
  readonly choices: readonly Choice[]
  /** Text of an empty first option ("Choose…"); omitted when absent. */
  readonly placeholder?: string | undefined
  readonly isOptional?: boolean
}

/** A labelled select with hint and error message beside it. */
export function SelectField(props: SelectFieldProps): JSX.Element {
  const id = fieldId(props.name)
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <Label ctx={props.ctx} id={id} text={props.label} isOptional={props.isOptional} />
      <Hint id={id} text={props.hint} />
      <ErrorMessage ctx={props.ctx} id={id} text={props.error} />
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
        {props.choices.map((choice) => (
          <option value={choice.value} selected={choice.value === props.value} safe>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  )
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

/** A fieldset of checkboxes; the first box carries the field's id so the error summary can reach it. */
export function CheckboxesField(props: CheckboxesFieldProps): JSX.Element {
  const id = fieldId(props.name)
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <fieldset class="fieldset" aria-describedby={describedBy(id, props.hint, props.error)}>
        <legend class="legend">
          <span safe>{props.legend}</span>
          {props.isOptional ? (
            <span class="label-optional" safe>
              {` ${props.ctx.t('form.optional')}`}
            </span>
          ) : (
            ''
          )}
        </legend>
        <Hint id={id} text={props.hint} />
        <ErrorMessage ctx={props.ctx} id={id} text={props.error} />
        <div class="checkboxes">
          {props.choices.map((choice, index) => {
            const boxId = index === 0 ? id : `${id}-${index + 1}`
            return (
              <div class="checkbox">
                <input
                  class="checkbox-input"
                  id={boxId}
                  name={props.name}
                  type="checkbox"
                  value={choice.value}
                  checked={props.values.includes(choice.value)}
                  aria-describedby={choice.hint ? `${boxId}-hint` : undefined}
                />
                <label class="checkbox-label" for={boxId} safe>
                  {choice.label}
                </label>
                {choice.hint ? (
                  <div class="hint checkbox-hint" id={`${boxId}-hint`} safe>
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

/** The hidden input carrying the CSRF token; every POST form includes it. */
export function CsrfInput(props: { ctx: PageContext }): JSX.Element {
  return <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
}

/**
 * The box at the top of a failed form listing every problem, each linking to its field.
 * `order` lists field names in the order they appear, so the summary reads like the form.
 */
export function ErrorSummary(props: { ctx: PageContext; errors: FormErrors; order?: readonly string[] }): JSX.Element {
  const { ctx, errors } = props
  const names = Object.keys(errors.fields)
  const order = props.order ?? []
  names.sort((a, b) => (order.indexOf(a) === -1 ? 999 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 999 : order.indexOf(b)))
  if (names.length === 0 && errors.general === undefined) return ''
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
      <h2 class="error-summary-title" id="error-summary-title" safe>
        {ctx.t('form.errorSummaryTitle')}
      </h2>
      <ul class="error-summary-list">
        {errors.general !== undefined ? <li safe>{ctx.t(errors.general)}</li> : ''}
        {names.map((name) => (
          <li>
            <a href={`#${fieldId(name)}`} safe>
              {ctx.t(errors.fields[name] ?? 'errors.field.invalid')}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** Props of a notice box. */
export interface NoticeProps {
  readonly ctx: PageContext
  readonly kind: Flash['kind']
  /** Heading text; defaults to the kind's title ("Success", "Important"). */
  readonly title?: string
}

/** A notice box (success, information, warning) with a heading and content. */
export function Notice(props: PropsWithChildren<NoticeProps>): JSX.Element {
  const title = props.title ?? props.ctx.t(`notice.${props.kind}`)
  return (
    <div class={['notice', `notice--${props.kind}`]} role={props.kind === 'success' ? 'status' : 'region'} aria-labelledby="notice-title">
      <h2 class="notice-title" id="notice-title" safe>
        {title}
      </h2>
      <div class="notice-body">{props.children}</div>
    </div>
  )
}

/** The one-shot flash of the page, if any; a generated secret is shown once in a copyable box. */
export function FlashNotice(props: { ctx: PageContext }): JSX.Element {
  const { ctx } = props
  const flash = ctx.flash
  if (!flash) return ''
  return (
    <Notice ctx={ctx} kind={flash.kind}>
      <p class="notice-heading" safe>
        {ctx.t(flash.key, flash.params ? { ...flash.params } : undefined)}
      </p>
      {flash.secret !== undefined ? (
        <div class="secret">
          <p class="secret-label" safe>
            {ctx.t('notice.secretLabel')}
          </p>
          <p>
            <code class="secret-value" safe>
              {flash.secret}
            </code>
          </p>
          <p class="secret-warning" safe>
            {ctx.t('notice.secretWarning')}
          </p>
        </div>
      ) : (
        ''
      )}
    </Notice>
  )
}

/** Colours of a status tag; each pairs text and background at WCAG AA contrast. */
export type TagTone = 'green' | 'grey' | 'red' | 'blue' | 'yellow'

/** A short status label ("Active", "Disabled"). */
export function StatusTag(props: { tone: TagTone; text: string }): JSX.Element {
  return (
    <strong class={['tag', `tag--${props.tone}`]} safe>
      {props.text}
    </strong>
  )
}

/** One column heading of a table. */
export interface TableColumn {
  readonly text: string
  readonly isNumeric?: boolean
}

/** Props of a table. */
export interface TableProps {
  readonly caption: string
  /** Hide the caption visually (it stays for screen readers) when a heading already says it. */
  readonly isCaptionHidden?: boolean
  readonly columns: readonly TableColumn[]
  /** Shown instead of the table when there are no rows. */
  readonly emptyText: string
  readonly rowCount: number
  /**
   * On narrow screens, show each row as a stacked block with the column name before each cell
   * (cells then need a `data-label`), instead of a table wider than the screen.
   */
  readonly isStackedOnMobile?: boolean
}

/** A simple data table; rows are passed as children (`<tr>` elements). */
export function Table(props: PropsWithChildren<TableProps>): JSX.Element {
  if (props.rowCount === 0) {
    return (
      <p class="body-secondary" safe>
        {props.emptyText}
      </p>
    )
  }
  return (
    <div class="table-wrap">
      <table class={['table', props.isStackedOnMobile ? 'table--stacked' : '']}>
        <caption class={['table-caption', props.isCaptionHidden ? 'visually-hidden' : '']} safe>
          {props.caption}
        </caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col" class={column.isNumeric ? 'numeric' : undefined} safe>
                {column.text}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  )
}

/** One row of a summary list: a key and its value. */
export interface SummaryRow {
  readonly key: string
  /** Plain text value; escaped. */
  readonly value: string
}

/** A list of key–value pairs describing one record. */
export function SummaryList(props: { rows: readonly SummaryRow[] }): JSX.Element {
  return (
    <dl class="summary-list">
      {props.rows.map((row) => (
        <div class="summary-row">
          <dt class="summary-key" safe>
            {row.key}
          </dt>
          <dd class="summary-value" safe>
            {row.value}
          </dd>
        </div>
      ))}
    </dl>
  )
}

/** Props of pagination. */
export interface PaginationProps {
  readonly ctx: PageContext
  /** The current page, from 1. */
  readonly page: number
  readonly pageCount: number
  /** The link of a page. */
  hrefFor(page: number): string
}

/** The pages around the current one, with gaps: 1 … 4 5 [6] 7 8 … 20. */
export function pageWindow(page: number, pageCount: number): (number | null)[] {
  const pages: (number | null)[] = []
  for (let p = 1; p <= pageCount; p++) {
    if (p === 1 || p === pageCount || Math.abs(p - page) <= 2) pages.push(p)
    else if (pages[pages.length - 1] !== null) pages.push(null)
  }
  return pages
}

/** Previous/next links and page numbers; nothing when everything fits on one page. */
export function Pagination(props: PaginationProps): JSX.Element {
  const { ctx, page, pageCount } = props
  if (pageCount <= 1) return ''
  return (
    <nav class="pagination" aria-label={ctx.t('pagination.label')}>
      <ul class="pagination-list">
        {page > 1 ? (
          <li class="pagination-item pagination-prev">
            <a href={props.hrefFor(page - 1)} rel="prev" safe>
              {ctx.t('pagination.previous')}
            </a>
          </li>
        ) : (
          ''
        )}
        {pageWindow(page, pageCount).map((p) =>
          p === null ? (
            <li class="pagination-item pagination-gap" aria-hidden="true">
              …
            </li>
          ) : p === page ? (
            <li class="pagination-item pagination-current">
              <a href={props.hrefFor(p)} aria-current="page" aria-label={ctx.t('pagination.page', { page: p })}>
                {String(p) as 'safe'}
              </a>
            </li>
          ) : (
            <li class="pagination-item">
              <a href={props.hrefFor(p)} aria-label={ctx.t('pagination.page', { page: p })}>
                {String(p) as 'safe'}
              </a>
            </li>
          ),
        )}
        {page < pageCount ? (
          <li class="pagination-item pagination-next">
            <a href={props.hrefFor(page + 1)} rel="next" safe>
              {ctx.t('pagination.next')}
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
    </nav>
  )
}

/** One step of a breadcrumb trail. */
export interface Crumb {
  readonly href: string
  readonly text: string
}

/** The trail of parent pages above the heading. */
export function Breadcrumbs(props: { ctx: PageContext; crumbs: readonly Crumb[] }): JSX.Element {
  if (props.crumbs.length === 0) return ''
  return (
    <nav class="breadcrumbs" aria-label={props.ctx.t('nav.breadcrumbs')}>
      <ol class="breadcrumbs-list">
        {props.crumbs.map((crumb) => (
          <li class="breadcrumbs-item">
            <a href={crumb.href} safe>
              {crumb.text}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  )
}

/** Props of a button. */
export interface ButtonProps {
  readonly text: string
  /** Words read by screen readers after the text, when the visible text alone is ambiguous ("Revoke" … which?). */
  readonly hiddenText?: string
  readonly variant?: 'primary' | 'secondary' | 'warning'
  /** Form field name and value sent with the click, when several buttons share a form. */
  readonly name?: string
  readonly value?: string
}

/** A submit button. */
export function Button(props: ButtonProps): JSX.Element {
  return (
    <button class={['button', props.variant && props.variant !== 'primary' ? `button--${props.variant}` : '']} type="submit" name={props.name} value={props.value}>
      <span safe>{props.text}</span>
      {props.hiddenText ? (
        <span class="visually-hidden" safe>
          {` ${props.hiddenText}`}
        </span>
      ) : (
        ''
      )}
    </button>
  )
}

/** A link styled as a button, for actions that only navigate (GET). */
export function ButtonLink(props: { href: string; text: string; variant?: 'primary' | 'secondary' }): JSX.Element {
  return (
    <a class={['button', props.variant === 'secondary' ? 'button--secondary' : '']} href={props.href} draggable="false" safe>
      {props.text}
    </a>
  )
}

/** A one-button form that POSTs with the CSRF token (sign out, disable, revoke…). */
export function PostButton(props: {
  ctx: PageContext
  action: string
  text: string
  hiddenText?: string
  variant?: ButtonProps['variant']
  hiddenFields?: Readonly<Record<string, string>>
}): JSX.Element {
  return (
    <form class="inline-form" method="post" action={props.action}>
      <CsrfInput ctx={props.ctx} />
      {Object.entries(props.hiddenFields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <Button text={props.text} hiddenText={props.hiddenText} variant={props.variant ?? 'secondary'} />
    </form>
  )
}
