/**
 * The public submit form (/phan-anh/gui) and the page that follows it, which shows the tracking
 * code and the private link once. The form works without JavaScript: every choice is on the page
 * (officials grouped by unit, the extra questions of each field with the field they belong to),
 * photos go as multipart, and the captcha's script only spares the resident its question.
 */
import type { CaptchaChallenge } from '../../../platform/captcha/captcha.ts'
import { CAPTCHA_SCRIPT, CaptchaField } from '../../../views/captcha-field.tsx'
import {
  Button,
  ButtonLink,
  CsrfInput,
  describedBy,
  ErrorSummary,
  fieldError,
  FieldErrorMessage,
  FieldGroup,
  FieldHint,
  fieldId,
  Notice,
  RadiosField,
  SelectField,
  TextareaField,
  TextField,
} from '../../../views/components.tsx'
import type { Choice, ChoiceGroup } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { FEEDBACK_CATEGORIES } from '../feedback.ts'
import type { CategoryQuestion } from '../feedback.ts'
import { FOLLOW_PATH, PUBLIC_PATH, SUBMIT_PATH } from './paths.ts'

/** Name of the honeypot input: people never see it, so anything in it was typed by a machine. */
export const HONEYPOT_FIELD = 'website'

/** The image types the form offers (the server checks the content, not this list). */
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp'

/** The form's field name of a category question's answer. */
export function attributeField(code: string): string {
  return `attributes.${code}`
}

/** The submit form as typed. */
export interface SubmitFormValues {
  readonly category: string
  /** Answers to the categories' extra questions, by question code. */
  readonly attributes: Readonly<Record<string, string>>
  readonly unitCode: string
  readonly officialUsername: string
  readonly title: string
  readonly description: string
  readonly address: string
  readonly latitude: string
  readonly longitude: string
  /** 'named' or 'anonymous'. */
  readonly contactChoice: string
  readonly contactName: string
  readonly contactPhone: string
  readonly contactEmail: string
  /** 'yes' or 'no'. */
  readonly wantsPublic: string
}

/** The form as first shown. */
export const EMPTY_SUBMIT_FORM: SubmitFormValues = Object.freeze({
  category: '',
  attributes: Object.freeze({}),
  unitCode: '',
  officialUsername: '',
  title: '',
  description: '',
  address: '',
  latitude: '',
  longitude: '',
  contactChoice: '',
  contactName: '',
  contactPhone: '',
  contactEmail: '',
  wantsPublic: '',
})

/** Field names in the order they appear, so the error summary reads like the form. */
export const SUBMIT_FIELD_ORDER: readonly string[] = [
  'category',
  ...FEEDBACK_CATEGORIES.flatMap((c) => c.questions.map((q) => attributeField(q.code))),
  'unitCode',
  'officialUsername',
  'title',
  'description',
  'address',
  'latitude',
  'longitude',
  'photos',
  'contactChoice',
  'contactName',
  'contactPhone',
  'contactEmail',
  'wantsPublic',
  'captcha',
]

/** Props of the submit page. */
export interface SubmitPageProps {
  readonly ctx: PageContext
  readonly values: SubmitFormValues
  readonly errors: FormErrors
  /** Wards and communes that take reports. */
  readonly units: readonly Choice[]
  /** Officials a letter may be about, grouped by unit. */
  readonly officials: readonly ChoiceGroup[]
  readonly challenge: CaptchaChallenge
  /** Whether photos were chosen in the submission shown again (browsers never keep a file input's choice). */
  readonly hadPhotos: boolean
}

/** One extra question of a category as a form field. */
function QuestionField(props: { ctx: PageContext; question: CategoryQuestion; categoryName: string; value: string; errors: FormErrors }): JSX.Element {
  const { ctx, question } = props
  const name = attributeField(question.code)
  const hint = ctx.t('feedback.pages.submit.questionFor', { category: props.categoryName })
  const error = fieldError(ctx, props.errors, name)
  const label = ctx.t(question.labelKey)
  if (question.values) {
    return (
      <SelectField
        ctx={ctx}
        name={name}
        label={label}
        hint={hint}
        value={props.value}
        error={error}
        placeholder={ctx.t('feedback.pages.submit.noAnswer')}
        choices={question.values.map((v) => ({ value: v.key, label: ctx.t(v.labelKey) }))}
        isOptional={!question.required}
      />
    )
  }
  return <TextField ctx={ctx} name={name} label={label} hint={hint} value={props.value} error={error} maxlength={200} isOptional={!question.required} />
}

/** The photo input: several files in one control, its hint and its message. */
function PhotoField(props: { ctx: PageContext; error: string | undefined; hadPhotos: boolean }): JSX.Element {
  const { ctx } = props
  const id = fieldId('photos')
  const hint = ctx.t('feedback.photos.hint')
  const again = props.hadPhotos ? ctx.t('feedback.pages.submit.photosAgain') : undefined
  return (
    <div class={['field', props.error ? 'field--error' : '']}>
      <label class="label" for={id}>
        <span safe>{ctx.t('feedback.pages.submit.photos')}</span>
        <span class="label-optional" safe>
          {` ${ctx.t('form.optional')}`}
        </span>
      </label>
      <FieldHint id={id} text={again ? `${hint} ${again}` : hint} />
      <FieldErrorMessage ctx={ctx} id={id} text={props.error} />
      <input
        class={['input', props.error ? 'input--error' : '']}
        id={id}
        name="photos"
        type="file"
        multiple
        accept={PHOTO_ACCEPT}
        aria-describedby={describedBy(id, hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  )
}

/**
 * The field people never see: off-screen, out of the tab order and hidden from screen readers,
 * so only a machine filling every input puts something in it.
 */
function Honeypot(props: { ctx: PageContext }): JSX.Element {
  return (
    <div class="honeypot" aria-hidden="true">
      <label for="f-hp" safe>
        {props.ctx.t('feedback.pages.submit.honeypot')}
      </label>
      <input id="f-hp" name={HONEYPOT_FIELD} type="text" value="" tabindex="-1" autocomplete="off" />
    </div>
  )
}

/** The submit page. */
export function SubmitPage(props: SubmitPageProps): JSX.Element {
  const { ctx, values, errors } = props
  const t = ctx.t
  const key = (name: string) => t(`feedback.pages.submit.${name}`)
  const error = (name: string) => fieldError(ctx, errors, name)
  const categories = FEEDBACK_CATEGORIES.map((c) => ({ value: c.code, label: t(c.nameKey), hint: t(`${c.nameKey}Hint`) }))
  const questions = FEEDBACK_CATEGORIES.flatMap((c) => c.questions.map((question) => ({ question, categoryName: t(c.nameKey) })))
  return (
    <Layout ctx={ctx} title={key('title')} hasErrors={hasErrors(errors)} breadcrumbs={[{ href: PUBLIC_PATH, text: t('feedback.pages.public.title') }]}>
      <ErrorSummary ctx={ctx} errors={errors} order={SUBMIT_FIELD_ORDER} />
      <h1 class="heading-l" safe>
        {key('title')}
      </h1>
      <p class="lead" safe>
        {key('lead')}
      </p>
      <p class="inset" safe>
        {key('emergency')}
      </p>
      <p>
        <span safe>{key('already')}</span>{' '}
        <a href={FOLLOW_PATH} safe>
          {key('followLink')}
        </a>
      </p>
      <form class="form" method="post" action={SUBMIT_PATH} enctype="multipart/form-data" novalidate>
        <CsrfInput ctx={ctx} />
        <h2 class="heading-m" safe>
          {key('aboutTitle')}
        </h2>
        <RadiosField ctx={ctx} name="category" label={key('category')} hint={key('categoryHint')} value={values.category} error={error('category')} choices={categories} />
        {questions.map(({ question, categoryName }) => (
          <QuestionField ctx={ctx} question={question} categoryName={categoryName} value={values.attributes[question.code] ?? ''} errors={errors} />
        ))}
        <SelectField
          ctx={ctx}
          name="unitCode"
          label={key('unit')}
          hint={key('unitHint')}
          value={values.unitCode}
          error={error('unitCode')}
          placeholder={key('chooseUnit')}
          choices={props.units}
        />
        <SelectField
          ctx={ctx}
          name="officialUsername"
          label={key('official')}
          hint={key('officialHint')}
          value={values.officialUsername}
          error={error('officialUsername')}
          placeholder={key('noOfficial')}
          choices={props.officials}
          isOptional
        />
        <TextField ctx={ctx} name="title" label={key('titleField')} hint={key('titleHint')} value={values.title} error={error('title')} maxlength={200} isOptional />
        <TextareaField ctx={ctx} name="description" label={key('description')} hint={key('descriptionHint')} value={values.description} error={error('description')} rows={6} maxlength={5000} />
        <TextField ctx={ctx} name="address" label={key('address')} hint={key('addressHint')} value={values.address} error={error('address')} autocomplete="street-address" maxlength={300} isOptional />
        <FieldGroup ctx={ctx} name="location" legend={key('location')} hint={key('locationHint')}>
          <TextField ctx={ctx} name="latitude" label={key('latitude')} value={values.latitude} error={error('latitude')} width="medium" maxlength={20} isSpellcheckOff isOptional />
          <TextField ctx={ctx} name="longitude" label={key('longitude')} value={values.longitude} error={error('longitude')} width="medium" maxlength={20} isSpellcheckOff isOptional />
        </FieldGroup>
        <PhotoField ctx={ctx} error={error('photos')} hadPhotos={props.hadPhotos} />
        <h2 class="heading-m" safe>
          {key('contactTitle')}
        </h2>
        <p safe>{key('contactLead')}</p>
        <RadiosField
          ctx={ctx}
          name="contactChoice"
          label={key('contactChoice')}
          value={values.contactChoice}
          error={error('contactChoice')}
          choices={[
            { value: 'named', label: key('named'), hint: key('namedHint') },
            { value: 'anonymous', label: key('anonymous'), hint: key('anonymousHint') },
          ]}
        />
        <TextField ctx={ctx} name="contactName" label={key('contactName')} value={values.contactName} error={error('contactName')} autocomplete="name" maxlength={120} isOptional />
        <TextField ctx={ctx} name="contactPhone" type="tel" label={key('contactPhone')} value={values.contactPhone} error={error('contactPhone')} autocomplete="tel" inputmode="tel" width="medium" maxlength={20} isOptional />
        <TextField ctx={ctx} name="contactEmail" type="email" label={key('contactEmail')} value={values.contactEmail} error={error('contactEmail')} autocomplete="email" maxlength={200} isSpellcheckOff isOptional />
        <h2 class="heading-m" safe>
          {key('publicTitle')}
        </h2>
        <RadiosField
          ctx={ctx}
          name="wantsPublic"
          label={key('wantsPublic')}
          hint={key('wantsPublicHint')}
          value={values.wantsPublic}
          error={error('wantsPublic')}
          choices={[
            { value: 'yes', label: key('publicYes') },
            { value: 'no', label: key('publicNo') },
          ]}
        />
        <Honeypot ctx={ctx} />
        <CaptchaField ctx={ctx} challenge={props.challenge} error={error('captcha')} />
        <Button text={key('submit')} />
      </form>
      <script src={CAPTCHA_SCRIPT} defer></script>
    </Layout>
  )
}

/** What the page after submitting shows, once: the code and the private link. */
export interface SubmittedReceipt {
  readonly code: string
  /** The private link in full, as it may be copied. */
  readonly privateUrl: string
  /** The same link on this site (path and query), for the button. */
  readonly privateHref: string
}

/** The page after submitting: the code and the private link, or, once shown, how to follow the item. */
export function SubmittedPage(props: { ctx: PageContext; receipt: SubmittedReceipt | null }): JSX.Element {
  const { ctx, receipt } = props
  const t = ctx.t
  const key = (name: string) => t(`feedback.pages.submitted.${name}`)
  if (!receipt) {
    return (
      <Layout ctx={ctx} title={key('goneTitle')}>
        <h1 class="heading-l" safe>
          {key('goneTitle')}
        </h1>
        <p class="lead" safe>
          {key('goneBody')}
        </p>
        <div class="button-group">
          <ButtonLink href={FOLLOW_PATH} text={t('feedback.pages.follow.lookupTitle')} />
          <ButtonLink href={SUBMIT_PATH} text={t('feedback.pages.submit.title')} variant="secondary" />
        </div>
      </Layout>
    )
  }
  return (
    <Layout ctx={ctx} title={key('title')}>
      <Notice ctx={ctx} kind="success" title={key('title')}>
        <p class="notice-heading" safe>
          {key('codeIs')}
        </p>
        <p>
          <code class="secret-value" safe>
            {receipt.code}
          </code>
        </p>
      </Notice>
      <h2 class="heading-m" safe>
        {key('linkTitle')}
      </h2>
      <p class="secret-warning" safe>
        {key('keepIt')}
      </p>
      <div class="field">
        <label class="label" for="f-privateUrl" safe>
          {key('linkLabel')}
        </label>
        <div class="hint" id="f-privateUrl-hint" safe>
          {key('linkHint')}
        </div>
        <input class="input" id="f-privateUrl" type="text" readonly value={receipt.privateUrl} aria-describedby="f-privateUrl-hint" spellcheck="false" />
      </div>
      <div class="button-group">
        <ButtonLink href={receipt.privateHref} text={key('open')} />
        <ButtonLink href={PUBLIC_PATH} text={t('feedback.pages.public.title')} variant="secondary" />
      </div>
      <h2 class="heading-m" safe>
        {key('nextTitle')}
      </h2>
      <p safe>{key('nextBody')}</p>
    </Layout>
  )
}
