/**
 * The staff pages of news (/admin/tin-tuc): the list of articles of the units one writes for, and
 * the editor — title, slug (made from the title when left empty), lead, Markdown body, category,
 * tags, source, cover, comments, status with its schedule — with a preview rendered on the server
 * (the preview button posts the same form elsewhere; nothing is saved), the article's images with
 * their upload form (caption and alt text required), deletion, and the article's history from the
 * audit log.
 */
import {
  Button,
  ButtonLink,
  CheckboxesField,
  CsrfInput,
  DateField,
  describedBy,
  ErrorSummary,
  fieldError,
  FieldErrorMessage,
  FieldHint,
  fieldId,
  Pagination,
  RadiosField,
  SelectField,
  StatusTag,
  Table,
  TextareaField,
  TextField,
} from '../../../views/components.tsx'
import type { Crumb, TagTone } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { thumbSize } from '../news.markdown.ts'
import { ARTICLE_STATUSES, articlePath, formatArticleDateTime, LIMITS, NEWS_CATEGORIES } from '../news.ts'
import type { ArticleStatus } from '../news.ts'
import { categoryName } from './public.tsx'
import { deletePath, editPath, imagePath, imageUploadPath, NEW_PATH, PREVIEW_PATH, STAFF_PATH } from './paths.ts'

/** The trail back to the desk. */
function staffCrumbs(ctx: PageContext, ...more: Crumb[]): Crumb[] {
  return [{ href: '/desk', text: ctx.t('nav.desk') }, ...more]
}

/** The colour of a status tag. */
export function statusTone(status: ArticleStatus): TagTone {
  return status === 'published' ? 'green' : status === 'scheduled' ? 'yellow' : 'grey'
}

/** An article as the staff list shows it. */
export interface StaffListItem {
  readonly id: number
  readonly title: string
  readonly category: string
  readonly slug: string
  readonly status: ArticleStatus
  readonly publishAt: Date | null
  readonly publishedAt: Date | null
  readonly updatedAt: Date
}

/** Props of the staff list. */
export interface StaffListPageProps {
  readonly ctx: PageContext
  readonly status: string
  readonly items: readonly StaffListItem[]
  readonly total: number
  readonly page: number
  readonly pageSize: number
  readonly errors: FormErrors
}

/** The address of the staff list for a status filter and page. */
export function staffListHref(status: string, page: number): string {
  const params = new URLSearchParams()
  if (status) params.set('status', status)
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  return query ? `${STAFF_PATH}?${query}` : STAFF_PATH
}

/** When an article went or goes out, as the list says it. */
function whenText(ctx: PageContext, item: { status: ArticleStatus; publishAt: Date | null; publishedAt: Date | null; updatedAt: Date }): string {
  if (item.status === 'published' && item.publishedAt) return formatArticleDateTime(item.publishedAt, ctx.locale)
  if (item.status === 'scheduled' && item.publishAt) return ctx.t('news.pages.staff.scheduledFor', { when: formatArticleDateTime(item.publishAt, ctx.locale) })
  return ctx.t('news.pages.staff.changedAt', { when: formatArticleDateTime(item.updatedAt, ctx.locale) })
}

/** The staff list of articles. */
export function StaffListPage(props: StaffListPageProps): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  const pageCount = Math.max(1, Math.ceil(props.total / props.pageSize))
  return (
    <Layout ctx={ctx} title={t('news.pages.staff.title')} hasErrors={hasErrors(props.errors)} breadcrumbs={staffCrumbs(ctx)}>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <h1 class="heading-l" safe>
        {t('news.pages.staff.title')}
      </h1>
      <div class="button-group">
        <ButtonLink href={NEW_PATH} text={t('news.pages.staff.newArticle')} />
        <ButtonLink href="/tin-tuc" text={t('news.pages.staff.viewPublic')} variant="secondary" />
      </div>
      <form class="filter" method="get" action={STAFF_PATH}>
        <SelectField
          ctx={ctx}
          name="status"
          label={t('news.pages.staff.filterStatus')}
          value={props.status}
          placeholder={t('news.pages.staff.allStatuses')}
          choices={ARTICLE_STATUSES.map((s) => ({ value: s, label: t(`news.status.${s}`) }))}
          error={fieldError(ctx, props.errors, 'status')}
        />
        <Button text={t('news.pages.staff.filter')} variant="secondary" />
      </form>
      <Table
        caption={t('news.pages.staff.tableCaption', { total: props.total })}
        columns={[{ text: t('news.pages.staff.columns.title') }, { text: t('news.pages.staff.columns.category') }, { text: t('news.pages.staff.columns.status') }, { text: t('news.pages.staff.columns.when') }]}
        emptyText={t('news.pages.staff.empty')}
        rowCount={props.items.length}
        isStackedOnMobile
      >
        {props.items.map((item) => (
          <tr>
            <td data-label={t('news.pages.staff.columns.title')}>
              <a href={editPath(item.id)} safe>
                {item.title}
              </a>
            </td>
            <td data-label={t('news.pages.staff.columns.category')} safe>
              {categoryName(ctx, item.category)}
            </td>
            <td data-label={t('news.pages.staff.columns.status')}>
              <StatusTag tone={statusTone(item.status)} text={t(`news.status.${item.status}`)} />
            </td>
            <td data-label={t('news.pages.staff.columns.when')} safe>
              {whenText(ctx, item)}
            </td>
          </tr>
        ))}
      </Table>
      <Pagination ctx={ctx} page={props.page} pageCount={pageCount} hrefFor={(page) => staffListHref(props.status, page)} />
    </Layout>
  )
}

/** The editor's fields as typed (kept after a failed save or a preview). */
export interface EditorValues {
  readonly title: string
  readonly slug: string
  readonly lead: string
  readonly bodyMd: string
  readonly category: string
  readonly tags: string
  readonly source: string
  readonly coverImageId: string
  /** "yes" when comments are enabled. */
  readonly comments: string
  readonly status: string
  /** Vietnam time, "YYYY-MM-DDTHH:MM". */
  readonly publishAt: string
}

/** The values of a new article's form. */
export const EMPTY_EDITOR_VALUES: EditorValues = Object.freeze({
  title: '',
  slug: '',
  lead: '',
  bodyMd: '',
  category: '',
  tags: '',
  source: '',
  coverImageId: '',
  comments: 'yes',
  status: 'draft',
  publishAt: '',
})

/** The fields of the editor in the order shown, for the error summary. */
export const EDITOR_FIELDS = ['title', 'slug', 'lead', 'bodyMd', 'category', 'tags', 'source', 'coverImageId', 'comments', 'status', 'publishAt'] as const

/** An uploaded image as the editor lists it. */
export interface EditorImage {
  readonly id: number
  readonly alt: string
  readonly caption: string | null
  readonly width: number
  readonly height: number
}

/** One line of the article's history. */
export interface HistoryLine {
  readonly at: Date
  readonly actor: string
  readonly action: string
}

/** The saved article the editor is about (null for a new one). */
export interface EditorArticle {
  readonly id: number
  readonly slug: string
  readonly category: string
  readonly status: ArticleStatus
  readonly images: readonly EditorImage[]
  readonly history: readonly HistoryLine[]
}

/** The image upload form as typed, and its errors. */
export interface ImageFormState {
  readonly caption: string
  readonly alt: string
  readonly errors: FormErrors
}

/** Props of the editor page. */
export interface EditorPageProps {
  readonly ctx: PageContext
  readonly article: EditorArticle | null
  readonly values: EditorValues
  readonly errors: FormErrors
  /** The preview asked for: the title, lead and body as they would appear. */
  readonly preview: { readonly bodyHtml: string } | null
  /** The image form after a failed upload. */
  readonly imageForm: ImageFormState | null
  /** The delete form after a failed attempt. */
  readonly deleteErrors: FormErrors | null
}

/** The Markdown that shows an uploaded image with its caption. */
export function imageMarkdown(image: { id: number; alt: string }): string {
  return `![${image.alt.replace(/[[\]\\]/g, '')}](${imagePath(image.id, 'full')})`
}

/** The file input of the image form. */
function ImageFileField(props: { ctx: PageContext; error: string | undefined }): JSX.Element {
  const { ctx } = props
  const id = fieldId('image')
  const hint = ctx.t('news.pages.editor.imageHint')
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <label class="label" for={id} safe>
        {ctx.t('news.pages.editor.image')}
      </label>
      <FieldHint id={id} text={hint} />
      <FieldErrorMessage ctx={ctx} id={id} text={props.error} />
      <input
        class={['input', props.error ? 'input--error' : '']}
        id={id}
        name="image"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        aria-describedby={describedBy(id, hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  )
}

/** The images of an article, each with the Markdown that shows it, and the upload form. */
function ImagesSection(props: { ctx: PageContext; article: EditorArticle; form: ImageFormState | null }): JSX.Element {
  const { ctx, article } = props
  const t = ctx.t
  const errors = props.form?.errors ?? { fields: {} }
  return (
    <section class="news-editor-images" aria-labelledby="images-title">
      <h2 class="heading-m" id="images-title" safe>
        {t('news.pages.editor.imagesTitle')}
      </h2>
      <p class="body-secondary" safe>
        {t('news.pages.editor.imagesIntro')}
      </p>
      {article.images.length === 0 ? (
        <p safe>{t('news.pages.editor.noImages')}</p>
      ) : (
        <ul class="news-image-list">
          {article.images.map((image) => {
            const thumb = thumbSize(image.width, image.height)
            return (
              <li class="news-image-item">
                <img src={imagePath(image.id, 'thumb')} alt={image.alt} width={String(thumb.width)} height={String(thumb.height)} loading="lazy" />
                <div>
                  {image.caption ? <p safe>{image.caption}</p> : ''}
                  <p class="body-secondary">
                    <span safe>{`${t('news.pages.editor.insertImage')} `}</span>
                    <code safe>{imageMarkdown(image)}</code>
                  </p>
                </div>
              </li>
            )
          })}
        </ul>
      )}
      <form class="form" method="post" action={imageUploadPath(article.id)} enctype="multipart/form-data" novalidate>
        <CsrfInput ctx={ctx} />
        <ImageFileField ctx={ctx} error={fieldError(ctx, errors, 'image')} />
        <TextField ctx={ctx} name="caption" label={t('news.pages.editor.caption')} value={props.form?.caption ?? ''} error={fieldError(ctx, errors, 'caption')} maxlength={LIMITS.caption} />
        <TextField ctx={ctx} name="alt" label={t('news.pages.editor.alt')} hint={t('news.pages.editor.altHint')} value={props.form?.alt ?? ''} error={fieldError(ctx, errors, 'alt')} maxlength={LIMITS.alt} />
        <Button text={t('news.pages.editor.upload')} variant="secondary" />
      </form>
    </section>
  )
}

/** The article's history from the audit log. */
function HistorySection(props: { ctx: PageContext; lines: readonly HistoryLine[] }): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  return (
    <section aria-labelledby="history-title">
      <h2 class="heading-m" id="history-title" safe>
        {t('news.pages.editor.historyTitle')}
      </h2>
      <Table
        caption={t('news.pages.editor.historyTitle')}
        isCaptionHidden
        columns={[{ text: t('news.pages.editor.historyWhen') }, { text: t('news.pages.editor.historyWho') }, { text: t('news.pages.editor.historyWhat') }]}
        emptyText={t('news.pages.editor.historyEmpty')}
        rowCount={props.lines.length}
        isStackedOnMobile
      >
        {props.lines.map((line) => (
          <tr>
            <td data-label={t('news.pages.editor.historyWhen')} safe>
              {formatArticleDateTime(line.at, ctx.locale)}
            </td>
            <td data-label={t('news.pages.editor.historyWho')} safe>
              {line.actor}
            </td>
            <td data-label={t('news.pages.editor.historyWhat')} safe>
              {t(`news.pages.editor.actions.${line.action}`)}
            </td>
          </tr>
        ))}
      </Table>
    </section>
  )
}

/** The editor of a new or saved article. */
export function EditorPage(props: EditorPageProps): JSX.Element {
  const { ctx, article, values } = props
  const t = ctx.t
  const key = (name: string) => t(`news.pages.editor.${name}`)
  const failed = props.imageForm && hasErrors(props.imageForm.errors) ? props.imageForm.errors : props.deleteErrors && hasErrors(props.deleteErrors) ? props.deleteErrors : props.errors
  const error = (name: string) => fieldError(ctx, props.errors, name)
  const title = article ? key('editTitle') : key('newTitle')
  const coverChoices = (article?.images ?? []).map((image) => ({ value: String(image.id), label: image.caption ?? image.alt }))
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors(failed)} breadcrumbs={staffCrumbs(ctx, { href: STAFF_PATH, text: t('news.pages.staff.title') })}>
      <ErrorSummary ctx={ctx} errors={failed} order={[...EDITOR_FIELDS, 'image', 'caption', 'alt', 'confirm']} />
      <h1 class="heading-l" safe>
        {title}
      </h1>
      {article ? (
        <p>
          <StatusTag tone={statusTone(article.status)} text={t(`news.status.${article.status}`)} />{' '}
          {article.status === 'published' ? (
            <a href={articlePath(article.category, article.slug)} safe>
              {key('viewArticle')}
            </a>
          ) : (
            ''
          )}
        </p>
      ) : (
        ''
      )}
      {props.preview ? (
        <section class="news-preview" aria-labelledby="preview-title">
          <h2 class="heading-m" id="preview-title" safe>
            {key('previewTitle')}
          </h2>
          <p class="body-secondary" safe>
            {key('previewNote')}
          </p>
          <div class="news-preview-page">
            <p class="heading-l" safe>
              {values.title}
            </p>
            <p class="lead news-lead" safe>
              {values.lead}
            </p>
            {/* Rendered on the server exactly as saving renders it, through the same sanitiser. */}
            <div class="news-body">{props.preview.bodyHtml as 'safe'}</div>
          </div>
        </section>
      ) : (
        ''
      )}
      <form class="form" method="post" action={article ? editPath(article.id) : STAFF_PATH} novalidate>
        <CsrfInput ctx={ctx} />
        {article ? <input type="hidden" name="id" value={String(article.id)} /> : ''}
        <TextField ctx={ctx} name="title" label={key('title')} value={values.title} error={error('title')} maxlength={LIMITS.title} />
        <TextField ctx={ctx} name="slug" label={key('slug')} hint={key('slugHint')} value={values.slug} error={error('slug')} maxlength={LIMITS.slug} isOptional isSpellcheckOff />
        <TextareaField ctx={ctx} name="lead" label={key('lead')} hint={key('leadHint')} value={values.lead} error={error('lead')} rows={3} maxlength={LIMITS.lead} />
        <TextareaField ctx={ctx} name="bodyMd" label={key('body')} hint={key('bodyHint')} value={values.bodyMd} error={error('bodyMd')} rows={18} />
        <SelectField
          ctx={ctx}
          name="category"
          label={key('category')}
          value={values.category}
          placeholder={key('chooseCategory')}
          choices={NEWS_CATEGORIES.map((c) => ({ value: c.code, label: t(c.nameKey) }))}
          error={error('category')}
        />
        <TextField ctx={ctx} name="tags" label={key('tags')} hint={key('tagsHint')} value={values.tags} error={error('tags')} isOptional />
        <TextField ctx={ctx} name="source" label={key('source')} hint={key('sourceHint')} value={values.source} error={error('source')} maxlength={LIMITS.source} isOptional />
        {article ? (
          <SelectField ctx={ctx} name="coverImageId" label={key('cover')} hint={key('coverHint')} value={values.coverImageId} placeholder={key('noCover')} choices={coverChoices} error={error('coverImageId')} isOptional />
        ) : (
          ''
        )}
        <CheckboxesField ctx={ctx} name="comments" legend={key('comments')} values={values.comments === 'yes' ? ['yes'] : []} choices={[{ value: 'yes', label: key('commentsYes') }]} error={error('comments')} />
        <RadiosField
          ctx={ctx}
          name="status"
          label={key('status')}
          value={values.status}
          choices={ARTICLE_STATUSES.map((s) => ({ value: s, label: t(`news.status.${s}`), hint: key(`statusHints.${s}`) }))}
          error={error('status')}
        />
        <DateField ctx={ctx} name="publishAt" type="datetime-local" label={key('publishAt')} hint={key('publishAtHint')} value={values.publishAt} error={error('publishAt')} isOptional />
        <div class="button-group">
          <Button text={key('save')} />
          <button class="button button--secondary" type="submit" formaction={PREVIEW_PATH} safe>
            {key('preview')}
          </button>
        </div>
      </form>
      {article ? <ImagesSection ctx={ctx} article={article} form={props.imageForm} /> : <p class="body-secondary" safe>{key('imagesAfterSave')}</p>}
      {article ? (
        <section aria-labelledby="delete-title">
          <h2 class="heading-m" id="delete-title" safe>
            {key('deleteTitle')}
          </h2>
          <form class="form" method="post" action={deletePath(article.id)} novalidate>
            <CsrfInput ctx={ctx} />
            <CheckboxesField
              ctx={ctx}
              name="confirm"
              legend={key('deleteConfirmLegend')}
              values={[]}
              choices={[{ value: 'yes', label: key('deleteConfirm') }]}
              error={props.deleteErrors ? fieldError(ctx, props.deleteErrors, 'confirm') : undefined}
            />
            <Button text={key('delete')} variant="warning" />
          </form>
        </section>
      ) : (
        ''
      )}
      {article ? <HistorySection ctx={ctx} lines={article.history} /> : ''}
    </Layout>
  )
}
