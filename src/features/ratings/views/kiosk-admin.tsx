/** Administration pages of the desk kiosks: the list with the settings, adding a kiosk, one kiosk's page. */
import { Button, ButtonLink, CsrfInput, ErrorSummary, fieldError, PostButton, SelectField, StatusTag, SummaryList, Table, TextField } from '../../../views/components.tsx'
import type { Choice, Crumb } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import { formatDateTime } from '../../../views/page.ts'
import type { PageContext } from '../../../views/page.ts'
import type { Kiosk, ListedKiosk } from '../kiosk.service.ts'
import type { KioskSettings } from '../kiosk.ts'

/** Where the kiosks' administration lives. */
export const KIOSK_ADMIN_PATH = '/admin/quay-danh-gia'

/** The address of one kiosk's administration page. */
export function kioskAdminHref(code: string): string {
  return `${KIOSK_ADMIN_PATH}/${encodeURIComponent(code)}`
}

/** The breadcrumbs above the kiosk pages: the desk, then the kiosk list. */
function kioskCrumbs(ctx: PageContext, withList: boolean): Crumb[] {
  const crumbs: Crumb[] = [{ href: '/desk', text: ctx.t('nav.desk') }]
  if (withList) crumbs.push({ href: KIOSK_ADMIN_PATH, text: ctx.t('ratings.kiosk.admin.title') })
  return crumbs
}

/** The status tag of a kiosk. */
function KioskStatus(props: { ctx: PageContext; kiosk: Kiosk }): JSX.Element {
  return props.kiosk.isActive ? <StatusTag tone="green" text={props.ctx.t('ratings.kiosk.admin.active')} /> : <StatusTag tone="grey" text={props.ctx.t('ratings.kiosk.admin.inactive')} />
}

/** The official of a kiosk as one line. */
function officialText(ctx: PageContext, kiosk: Kiosk): string {
  if (!kiosk.official) return ctx.t('ratings.kiosk.admin.officialNone')
  return kiosk.official.title ? `${kiosk.official.fullName} (${kiosk.official.title})` : kiosk.official.fullName
}

/** Props of the kiosk list. */
export interface KioskListPageProps {
  readonly ctx: PageContext
  readonly kiosks: readonly ListedKiosk[]
  readonly settings: KioskSettings
  /** Whether the settings form is shown (administrators of the home unit). */
  readonly canChangeSettings: boolean
  readonly settingsValue: string
  readonly errors: FormErrors
}

/** The kiosks of the units the leader or administrator manages, and the settings of all kiosks. */
export function KioskListPage(props: KioskListPageProps): JSX.Element {
  const { ctx, errors } = props
  const t = ctx.t
  const columns = [
    { text: t('ratings.kiosk.admin.name') },
    { text: t('ratings.kiosk.admin.unit') },
    { text: t('ratings.kiosk.admin.official') },
    { text: t('ratings.kiosk.admin.status') },
    { text: t('ratings.kiosk.admin.recent'), isNumeric: true },
    { text: t('ratings.kiosk.admin.lastRating') },
  ]
  return (
    <Layout ctx={ctx} title={t('ratings.kiosk.admin.title')} hasErrors={hasErrors(errors)} breadcrumbs={kioskCrumbs(ctx, false)}>
      <ErrorSummary ctx={ctx} errors={errors} order={['minIntervalSeconds']} />
      <h1 class="heading-l" safe>
        {t('ratings.kiosk.admin.title')}
      </h1>
      <p class="lead" safe>
        {t('ratings.kiosk.admin.intro')}
      </p>
      <ButtonLink href={`${KIOSK_ADMIN_PATH}/moi`} text={t('ratings.kiosk.admin.create')} />
      <Table caption={t('ratings.kiosk.admin.listCaption')} isCaptionHidden rowCount={props.kiosks.length} emptyText={t('ratings.kiosk.admin.empty')} columns={columns} isStackedOnMobile>
        {props.kiosks.map((k) => (
          <tr>
            <td data-label={t('ratings.kiosk.admin.name')}>
              <a href={kioskAdminHref(k.code)} safe>
                {k.name}
              </a>
              <span class="cell-secondary" safe>
                {k.code}
              </span>
            </td>
            <td data-label={t('ratings.kiosk.admin.unit')} safe>
              {k.unitName}
            </td>
            <td data-label={t('ratings.kiosk.admin.official')} safe>
              {officialText(ctx, k)}
            </td>
            <td data-label={t('ratings.kiosk.admin.status')}>
              <KioskStatus ctx={ctx} kiosk={k} />
            </td>
            <td class="numeric" data-label={t('ratings.kiosk.admin.recent')}>
              {String(k.recentRatings) as 'safe'}
            </td>
            <td data-label={t('ratings.kiosk.admin.lastRating')} safe>
              {k.lastRatedAt ? formatDateTime(k.lastRatedAt, ctx.locale) : t('ratings.kiosk.admin.never')}
            </td>
          </tr>
        ))}
      </Table>
      <h2 class="heading-m" safe>
        {t('ratings.kiosk.admin.settingsTitle')}
      </h2>
      {props.canChangeSettings ? (
        <form class="form" method="post" action={`${KIOSK_ADMIN_PATH}/cai-dat`} novalidate>
          <CsrfInput ctx={ctx} />
          <TextField
            ctx={ctx}
            name="minIntervalSeconds"
            label={t('ratings.kiosk.admin.interval')}
            hint={t('ratings.kiosk.admin.intervalHint')}
            value={props.settingsValue}
            error={fieldError(ctx, errors, 'minIntervalSeconds')}
            inputmode="numeric"
            width="short"
          />
          <Button text={t('ratings.kiosk.admin.save')} />
        </form>
      ) : (
        <p safe>{t('ratings.kiosk.admin.intervalNow', { seconds: props.settings.minIntervalSeconds })}</p>
      )}
    </Layout>
  )
}

/** What the new-kiosk form holds. */
export interface KioskFormValues {
  readonly code: string
  readonly name: string
  readonly unitCode: string
}

/** The empty new-kiosk form. */
export const EMPTY_KIOSK_FORM: KioskFormValues = Object.freeze({ code: '', name: '', unitCode: '' })

/** The form to add a kiosk; the official is chosen on the kiosk's page, among its unit's staff. */
export function NewKioskPage(props: { ctx: PageContext; units: readonly Choice[]; values: KioskFormValues; errors: FormErrors }): JSX.Element {
  const { ctx, values, errors } = props
  const t = ctx.t
  return (
    <Layout ctx={ctx} title={t('ratings.kiosk.admin.createTitle')} hasErrors={hasErrors(errors)} breadcrumbs={kioskCrumbs(ctx, true)}>
      <ErrorSummary ctx={ctx} errors={errors} order={['code', 'name', 'unitCode']} />
      <h1 class="heading-l" safe>
        {t('ratings.kiosk.admin.createTitle')}
      </h1>
      <form class="form" method="post" action={KIOSK_ADMIN_PATH} novalidate>
        <CsrfInput ctx={ctx} />
        <TextField
          ctx={ctx}
          name="code"
          label={t('ratings.kiosk.admin.code')}
          hint={t('ratings.kiosk.admin.codeHint')}
          value={values.code}
          error={fieldError(ctx, errors, 'code')}
          width="medium"
          autocomplete="off"
          maxlength={40}
          isSpellcheckOff
        />
        <TextField ctx={ctx} name="name" label={t('ratings.kiosk.admin.name')} hint={t('ratings.kiosk.admin.nameHint')} value={values.name} error={fieldError(ctx, errors, 'name')} maxlength={120} />
        <SelectField
          ctx={ctx}
          name="unitCode"
          label={t('ratings.kiosk.admin.unit')}
          value={values.unitCode}
          error={fieldError(ctx, errors, 'unitCode')}
          placeholder={t('units.hints.choose')}
          choices={props.units}
        />
        <Button text={t('ratings.kiosk.admin.create')} />
      </form>
    </Layout>
  )
}

/** The set-up link of a kiosk with a fresh key, shown once after it was made. */
export interface SetupLink {
  readonly url: string
  /** The same link as a QR code (SVG markup from the qrcode package), to scan with the tablet. */
  readonly qrSvg: string
}

/** Props of one kiosk's page. */
export interface KioskAdminPageProps {
  readonly ctx: PageContext
  readonly kiosk: Kiosk
  readonly officials: readonly Choice[]
  readonly officialValue: string
  readonly errors: FormErrors
  readonly setupLink: SetupLink | null
}

/** The set-up link, once: as text to open and as a QR code to scan with the tablet's camera. */
function SetupLinkBox(props: { ctx: PageContext; link: SetupLink }): JSX.Element {
  const t = props.ctx.t
  return (
    <div class="inset secret kiosk-setup">
      <p class="secret-label" safe>
        {t('ratings.kiosk.admin.setupLabel')}
      </p>
      <p>
        <code class="secret-value kiosk-setup-link" safe>
          {props.link.url}
        </code>
      </p>
      <div class="kiosk-setup-qr" role="img" aria-label={t('ratings.kiosk.admin.setupQr')}>
        {props.link.qrSvg as 'safe'}
      </div>
      <p class="secret-warning" safe>
        {t('ratings.kiosk.admin.setupWarning')}
      </p>
    </div>
  )
}

/** One kiosk: what it is, who serves there (changeable), its key, pausing it. */
export function KioskAdminPage(props: KioskAdminPageProps): JSX.Element {
  const { ctx, kiosk, errors } = props
  const t = ctx.t
  const base = kioskAdminHref(kiosk.code)
  return (
    <Layout ctx={ctx} title={kiosk.name} hasErrors={hasErrors(errors)} breadcrumbs={kioskCrumbs(ctx, true)}>
      <ErrorSummary ctx={ctx} errors={errors} order={['officialUsername']} />
      {props.setupLink ? <SetupLinkBox ctx={ctx} link={props.setupLink} /> : ''}
      <h1 class="heading-l">
        <span class="caption" safe>
          {t('ratings.kiosk.admin.title')}
        </span>
        <span safe>{kiosk.name}</span>
      </h1>
      <SummaryList
        rows={[
          { key: t('ratings.kiosk.admin.code'), value: kiosk.code },
          { key: t('ratings.kiosk.admin.unit'), value: kiosk.unitName },
          { key: t('ratings.kiosk.admin.official'), value: officialText(ctx, kiosk) },
          { key: t('ratings.kiosk.admin.status'), value: kiosk.isActive ? t('ratings.kiosk.admin.active') : t('ratings.kiosk.admin.inactive') },
        ]}
      />
      <p>
        <a href={`/kiosk/${encodeURIComponent(kiosk.code)}`} safe>
          {t('ratings.kiosk.admin.open')}
        </a>
      </p>

      <h2 class="heading-m" safe>
        {t('ratings.kiosk.admin.setOfficial')}
      </h2>
      <form class="form" method="post" action={`${base}/can-bo`} novalidate>
        <CsrfInput ctx={ctx} />
        <SelectField
          ctx={ctx}
          name="officialUsername"
          label={t('ratings.kiosk.admin.official')}
          hint={t('ratings.kiosk.admin.officialHint')}
          value={props.officialValue}
          error={fieldError(ctx, errors, 'officialUsername')}
          placeholder={t('ratings.kiosk.admin.officialNone')}
          choices={props.officials}
        />
        <Button text={t('ratings.kiosk.admin.setOfficialButton')} />
      </form>

      <h2 class="heading-m" safe>
        {t('ratings.kiosk.admin.keyTitle')}
      </h2>
      <p class="body-secondary" safe>
        {t('ratings.kiosk.admin.keyHint')}
      </p>
      <div class="button-group">
        <PostButton ctx={ctx} action={`${base}/khoa-moi`} text={t('ratings.kiosk.admin.regenerate')} variant="warning" />
        {kiosk.isActive ? (
          <PostButton ctx={ctx} action={`${base}/tam-ngung`} text={t('ratings.kiosk.admin.deactivate')} variant="secondary" />
        ) : (
          <PostButton ctx={ctx} action={`${base}/mo-lai`} text={t('ratings.kiosk.admin.activate')} variant="secondary" />
        )}
      </div>
    </Layout>
  )
}
