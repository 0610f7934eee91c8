/**
 * Shared page components in the manner of the well-tested government design systems: the form
 * fields (from fields.tsx, re-exported here), an error summary that links to the fields, plain
 * tables, status tags, notices and pagination. Every text prop is plain text, escaped here.
 */
import type { PropsWithChildren } from '@kitajs/html'
import { fieldId } from './fields.tsx'
import type { Flash } from './flash.ts'
import type { FormErrors } from './forms.ts'
import type { PageContext } from './page.ts'

export {
  CheckboxesField,
  DateField,
  describedBy,
  fieldError,
  FieldErrorMessage,
  FieldGroup,
  FieldHint,
  fieldId,
  RadiosField,
  SelectField,
  TextareaField,
  TextField,
} from './fields.tsx'
export type {
  CheckboxesFieldProps,
  Choice,
  ChoiceGroup,
  DateFieldProps,
  FieldGroupProps,
  FieldProps,
  RadiosFieldProps,
  SelectFieldProps,
  TextareaFieldProps,
  TextFieldProps,
} from './fields.tsx'

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
