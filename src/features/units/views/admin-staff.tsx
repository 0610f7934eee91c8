/** Administration pages of staff: the list, creating an account, and one person's page. */
import {
  Button,
  ButtonLink,
  CheckboxesField,
  CsrfInput,
  ErrorSummary,
  fieldError,
  Pagination,
  PostButton,
  SelectField,
  StatusTag,
  SummaryList,
  Table,
  TextField,
} from '../../../views/components.tsx'
import type { Choice } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import { formatDateTime } from '../../../views/page.ts'
import type { PageContext } from '../../../views/page.ts'
import { ROLES } from '../unit.ts'
import type { Staff } from '../unit.ts'
import { adminCrumbs, unitChoices } from './admin-units.tsx'
import type { UnitNode } from './unit-tree.ts'

/** Whether an account is locked at an instant (after too many failed sign-ins). */
function isLockedAt(staff: Staff, now: Date): boolean {
  return staff.lockedUntil !== null && staff.lockedUntil.getTime() > now.getTime()
}

/** The status tags of an account: disabled or active, and locked when it is. */
function StaffStatus(props: { ctx: PageContext; staff: Staff; now: Date }): JSX.Element {
  const { ctx, staff } = props
  return (
    <>
      {staff.isDisabled ? <StatusTag tone="grey" text={ctx.t('status.disabled')} /> : <StatusTag tone="green" text={ctx.t('status.active')} />}
      {isLockedAt(staff, props.now) ? (
        <>
          {' '}
          <StatusTag tone="red" text={ctx.t('status.locked')} />
        </>
      ) : (
        ''
      )}
    </>
  )
}

/** The roles of a staff member as one line of text: "Cán bộ một cửa (Phường An)". */
function rolesText(ctx: PageContext, staff: Staff): string {
  if (staff.grants.length === 0) return ctx.t('admin.staff.noRoles')
  return staff.grants.map((g) => ctx.t('admin.staff.roleAt', { role: ctx.t(`units.roles.${g.role}`), unit: g.unitName })).join('; ')
}

/** Props of the staff list. */
export interface StaffListPageProps {
  readonly ctx: PageContext
  readonly staff: readonly Staff[]
  readonly total: number
  readonly page: number
  readonly pageCount: number
  readonly pageSize: number
  readonly tree: readonly UnitNode[]
  readonly filter: { readonly unit: string; readonly q: string }
  readonly now: Date
  /** The list's link for a page, keeping the filter. */
  hrefFor(page: number): string
}

/** The staff the admin manages, filterable by unit and name, a page at a time. */
export function StaffListPage(props: StaffListPageProps): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  const from = props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1
  const to = Math.min(props.total, props.page * props.pageSize)
  return (
    <Layout ctx={ctx} title={t('admin.staff.title')} breadcrumbs={adminCrumbs(ctx)}>
      <h1 class="heading-l" safe>
        {t('admin.staff.title')}
      </h1>
      <ButtonLink href="/admin/staff/new" text={t('admin.staff.add')} />
      <form class="filter" method="get" action="/admin/staff" role="search" aria-label={t('admin.staff.filterLabel')}>
        <SelectField ctx={ctx} name="unit" label={t('staff.fields.unit')} value={props.filter.unit} placeholder={t('admin.staff.allUnits')} choices={unitChoices(props.tree)} />
        <TextField ctx={ctx} name="q" type="search" label={t('admin.staff.search')} value={props.filter.q} width="medium" isSpellcheckOff />
        <Button text={t('admin.staff.filter')} variant="secondary" />
      </form>
      <p class="body-secondary" role="status" safe>
        {t('pagination.summary', { from, to, total: props.total })}
      </p>
      <Table
        caption={t('admin.staff.title')}
        isCaptionHidden
        rowCount={props.staff.length}
        emptyText={t('admin.staff.empty')}
        columns={[{ text: t('staff.fields.fullName') }, { text: t('staff.fields.unit') }, { text: t('staff.fields.roles') }, { text: t('staff.fields.status') }]}
        isStackedOnMobile
      >
        {props.staff.map((s) => (
          <tr>
            <td data-label={t('staff.fields.fullName')}>
              <a href={`/admin/staff/${s.id}`} safe>
                {s.fullName}
              </a>
              <span class="cell-secondary" safe>
                {s.username}
              </span>
            </td>
            <td data-label={t('staff.fields.unit')} safe>
              {s.unitName}
            </td>
            <td data-label={t('staff.fields.roles')} safe>
              {rolesText(ctx, s)}
            </td>
            <td data-label={t('staff.fields.status')}>
              <StaffStatus ctx={ctx} staff={s} now={props.now} />
            </td>
          </tr>
        ))}
      </Table>
      <Pagination ctx={ctx} page={props.page} pageCount={props.pageCount} hrefFor={props.hrefFor} />
    </Layout>
  )
}

/** What the staff form holds: the values typed. */
export interface StaffFormValues {
  readonly username: string
  readonly fullName: string
  readonly title: string
  readonly email: string
  readonly phone: string
  readonly unitCode: string
  readonly roles: readonly string[]
}

/** The empty staff form. */
export const EMPTY_STAFF_FORM: StaffFormValues = Object.freeze({ username: '', fullName: '', title: '', email: '', phone: '', unitCode: '', roles: Object.freeze([]) })

/** The roles as checkbox or select choices, each with what it lets one do. */
function roleChoices(ctx: PageContext, withHints: boolean): Choice[] {
  return ROLES.map((role) => ({ value: role, label: ctx.t(`units.roles.${role}`), hint: withHints ? ctx.t(`units.roleHints.${role}`) : undefined }))
}

/** The form to create a staff account. */
export function NewStaffPage(props: { ctx: PageContext; tree: readonly UnitNode[]; values: StaffFormValues; errors: FormErrors }): JSX.Element {
  const { ctx, values, errors } = props
  const t = ctx.t
  return (
    <Layout ctx={ctx} title={t('admin.staff.newTitle')} hasErrors={hasErrors(errors)} breadcrumbs={adminCrumbs(ctx, { href: '/admin/staff', text: t('admin.staff.title') })}>
      <ErrorSummary ctx={ctx} errors={errors} order={['fullName', 'username', 'title', 'email', 'phone', 'unitCode', 'roles', 'password']} />
      <h1 class="heading-l" safe>
        {t('admin.staff.newTitle')}
      </h1>
      <form class="form" method="post" action="/admin/staff" novalidate>
        <CsrfInput ctx={ctx} />
        <TextField ctx={ctx} name="fullName" label={t('staff.fields.fullName')} value={values.fullName} error={fieldError(ctx, errors, 'fullName')} autocomplete="off" />
        <TextField
          ctx={ctx}
          name="username"
          label={t('staff.fields.username')}
          hint={t('staff.hints.username')}
          value={values.username}
          error={fieldError(ctx, errors, 'username')}
          autocomplete="off"
          width="medium"
          isSpellcheckOff
        />
        <TextField ctx={ctx} name="title" label={t('staff.fields.title')} hint={t('staff.hints.title')} value={values.title} error={fieldError(ctx, errors, 'title')} isOptional />
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          label={t('staff.fields.email')}
          value={values.email}
          error={fieldError(ctx, errors, 'email')}
          autocomplete="off"
          width="medium"
          isOptional
          isSpellcheckOff
        />
        <TextField ctx={ctx} name="phone" type="tel" label={t('staff.fields.phone')} value={values.phone} error={fieldError(ctx, errors, 'phone')} autocomplete="off" width="short" isOptional />
        <SelectField
          ctx={ctx}
          name="unitCode"
          label={t('staff.fields.unit')}
          value={values.unitCode}
          error={fieldError(ctx, errors, 'unitCode')}
          placeholder={t('units.hints.choose')}
          choices={unitChoices(props.tree)}
        />
        <CheckboxesField
          ctx={ctx}
          name="roles"
          legend={t('staff.fields.roles')}
          hint={t('staff.hints.roles')}
          values={values.roles}
          error={fieldError(ctx, errors, 'roles')}
          choices={roleChoices(ctx, true)}
          isOptional
        />
        <TextField
          ctx={ctx}
          name="password"
          type="password"
          label={t('staff.fields.password')}
          hint={t('staff.hints.password')}
          error={fieldError(ctx, errors, 'password')}
          autocomplete="new-password"
          width="medium"
          isOptional
        />
        <div class="button-group">
          <Button text={t('admin.staff.create')} />
          <p>
            <a href="/admin/staff" safe>
              {t('form.cancel')}
            </a>
          </p>
        </div>
      </form>
    </Layout>
  )
}

/** Props of a staff member's page. */
export interface StaffPageProps {
  readonly ctx: PageContext
  readonly staff: Staff
  /** Code of each granted unit by id, to name the grant in revoke forms. */
  readonly unitCodes: ReadonlyMap<number, string>
  readonly tree: readonly UnitNode[]
  readonly grantValues: { readonly role: string; readonly unitCode: string }
  readonly errors: FormErrors
  readonly isSelf: boolean
  readonly now: Date
}

/** One staff member: details, roles (grant, revoke), password reset and disable/enable. */
export function StaffPage(props: StaffPageProps): JSX.Element {
  const { ctx, staff, errors } = props
  const t = ctx.t
  const base = `/admin/staff/${staff.id}`
  const isLocked = isLockedAt(staff, props.now)
  const rows = [
    { key: t('staff.fields.username'), value: staff.username },
    { key: t('staff.fields.title'), value: staff.title ?? '—' },
    { key: t('staff.fields.unit'), value: staff.unitName },
    { key: t('staff.fields.email'), value: staff.email ?? '—' },
    { key: t('staff.fields.phone'), value: staff.phone ?? '—' },
    {
      key: t('staff.fields.status'),
      value: [
        staff.isDisabled ? t('status.disabled') : t('status.active'),
        ...(isLocked && staff.lockedUntil ? [t('admin.staff.lockedUntil', { time: formatDateTime(staff.lockedUntil, ctx.locale) })] : []),
      ].join('. '),
    },
  ]
  return (
    <Layout ctx={ctx} title={staff.fullName} hasErrors={hasErrors(errors)} breadcrumbs={adminCrumbs(ctx, { href: '/admin/staff', text: t('admin.staff.title') })}>
      <ErrorSummary ctx={ctx} errors={errors} order={['role', 'unitCode']} />
      <span class="caption" safe>
        {t('admin.staff.caption')}
      </span>
      <h1 class="heading-l">
        <span safe>{staff.fullName}</span> <StaffStatus ctx={ctx} staff={staff} now={props.now} />
      </h1>
      <SummaryList rows={rows} />

      <h2 class="heading-m" id="roles" safe>
        {t('admin.staff.rolesTitle')}
      </h2>
      <Table
        caption={t('admin.staff.rolesTitle')}
        isCaptionHidden
        rowCount={staff.grants.length}
        emptyText={t('admin.staff.noRoles')}
        columns={[{ text: t('staff.fields.role') }, { text: t('staff.fields.unit') }, { text: t('admin.staff.actions') }]}
        isStackedOnMobile
      >
        {staff.grants.map((grant) => {
          const role = t(`units.roles.${grant.role}`)
          return (
            <tr>
              <td data-label={t('staff.fields.role')} safe>
                {role}
              </td>
              <td data-label={t('staff.fields.unit')} safe>
                {grant.unitName}
              </td>
              <td data-label={t('admin.staff.actions')}>
                <PostButton
                  ctx={ctx}
                  action={`${base}/grants/revoke`}
                  text={t('admin.staff.revoke')}
                  hiddenText={t('admin.staff.revokeHidden', { role, unit: grant.unitName })}
                  hiddenFields={{ role: grant.role, unitCode: props.unitCodes.get(grant.unitId) ?? '' }}
                />
              </td>
            </tr>
          )
        })}
      </Table>
      <h3 class="heading-s" safe>
        {t('admin.staff.grantTitle')}
      </h3>
      <form class="form" method="post" action={`${base}/grants`} novalidate>
        <CsrfInput ctx={ctx} />
        <SelectField
          ctx={ctx}
          name="role"
          label={t('staff.fields.role')}
          value={props.grantValues.role}
          error={fieldError(ctx, errors, 'role')}
          placeholder={t('units.hints.choose')}
          choices={roleChoices(ctx, false)}
        />
        <SelectField
          ctx={ctx}
          name="unitCode"
          label={t('staff.fields.grantUnit')}
          value={props.grantValues.unitCode}
          error={fieldError(ctx, errors, 'unitCode')}
          placeholder={t('units.hints.choose')}
          choices={unitChoices(props.tree)}
        />
        <Button text={t('admin.staff.grant')} variant="secondary" />
      </form>

      <h2 class="heading-m" safe>
        {t('admin.staff.passwordTitle')}
      </h2>
      <p safe>{t('admin.staff.resetBody')}</p>
      <PostButton ctx={ctx} action={`${base}/reset-password`} text={t('admin.staff.reset')} />

      <h2 class="heading-m" safe>
        {t('admin.staff.accountTitle')}
      </h2>
      {staff.isDisabled ? (
        <>
          <p safe>{t('admin.staff.enableBody')}</p>
          <PostButton ctx={ctx} action={`${base}/enable`} text={t('admin.staff.enable')} />
        </>
      ) : props.isSelf ? (
        <p class="body-secondary" safe>
          {t('admin.staff.selfNote')}
        </p>
      ) : (
        <>
          <p safe>{t('admin.staff.disableBody')}</p>
          <PostButton ctx={ctx} action={`${base}/disable`} text={t('admin.staff.disable')} variant="warning" />
        </>
      )}
    </Layout>
  )
}
