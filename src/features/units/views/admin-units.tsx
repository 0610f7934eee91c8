/** Administration pages of units: the overview, the unit tree, creating and editing a unit. */
import { Button, ButtonLink, CsrfInput, ErrorSummary, fieldError, PostButton, SelectField, StatusTag, SummaryList, TextField } from '../../../views/components.tsx'
import type { Choice, Crumb } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { UNIT_LEVELS } from '../unit.ts'
import type { Unit } from '../unit.ts'
import { flattenUnitTree, indentedName } from './unit-tree.ts'
import type { UnitNode } from './unit-tree.ts'

/** The breadcrumb to the administration overview. */
export function adminCrumbs(ctx: PageContext, ...more: Crumb[]): Crumb[] {
  return [{ href: '/admin', text: ctx.t('nav.admin') }, ...more]
}

/** Props of the administration overview. */
export interface AdminOverviewProps {
  readonly ctx: PageContext
  /** Names of the units the admin holds the role on (their scope's roots). */
  readonly scopeNames: readonly string[]
  readonly unitCount: number
  readonly staffCount: number
}

/** The administration overview: what the admin manages, with the way in to each part. */
export function AdminOverviewPage(props: AdminOverviewProps): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  return (
    <Layout ctx={ctx} title={t('admin.title')}>
      <h1 class="heading-l" safe>
        {t('admin.title')}
      </h1>
      <p class="lead" safe>
        {t('admin.scope', { units: props.scopeNames.join(', ') })}
      </p>
      <ul class="cards">
        <li class="card">
          <h2 class="card-title">
            <a href="/admin/units" safe>
              {t('admin.units.title')}
            </a>
          </h2>
          <p class="card-figure">{String(props.unitCount) as 'safe'}</p>
          <p class="body-secondary" safe>
            {t('admin.units.cardBody')}
          </p>
        </li>
        <li class="card">
          <h2 class="card-title">
            <a href="/admin/staff" safe>
              {t('admin.staff.title')}
            </a>
          </h2>
          <p class="card-figure">{String(props.staffCount) as 'safe'}</p>
          <p class="body-secondary" safe>
            {t('admin.staff.cardBody')}
          </p>
        </li>
        <li class="card">
          <h2 class="card-title">
            <a href="/admin/lich" safe>
              {t('calendar.admin.title')}
            </a>
          </h2>
          <p class="body-secondary" safe>
            {t('calendar.admin.cardBody')}
          </p>
        </li>
        <li class="card">
          <h2 class="card-title">
            <a href="/admin/thu-tuc" safe>
              {t('procedures.pages.admin.title')}
            </a>
          </h2>
          <p class="body-secondary" safe>
            {t('procedures.pages.admin.cardBody')}
          </p>
        </li>
        <li class="card">
          <h2 class="card-title">
            <a href="/admin/khao-sat" safe>
              {t('ratings.survey.admin.title')}
            </a>
          </h2>
          <p class="body-secondary" safe>
            {t('ratings.survey.admin.intro')}
          </p>
        </li>
      </ul>
      <div class="button-group">
        <ButtonLink href="/admin/staff/new" text={t('admin.staff.add')} />
        <ButtonLink href="/admin/units/new" text={t('admin.units.add')} variant="secondary" />
      </div>
      <p class="inset" safe>
        {t('admin.auditNote')}
      </p>
    </Layout>
  )
}

/** One unit of the tree list, with its children nested. */
function UnitTreeItem(props: { ctx: PageContext; node: UnitNode }): JSX.Element {
  const { ctx, node } = props
  const unit = node.unit
  const meta = [ctx.t(`units.levels.${unit.level}`), ctx.t('admin.units.codeIs', { code: unit.code })]
  if (unit.agencyCode) meta.push(ctx.t('admin.units.agencyCodeIs', { code: unit.agencyCode }))
  return (
    <li>
      <a href={`/admin/units/${encodeURIComponent(unit.code)}`} safe>
        {unit.name}
      </a>{' '}
      {unit.isDisabled ? <StatusTag tone="grey" text={ctx.t('status.disabled')} /> : ''}
      <div class="tree-meta" safe>
        {meta.join(' · ')}
      </div>
      {node.children.length > 0 ? (
        <ul>
          {node.children.map((child) => (
            <UnitTreeItem ctx={ctx} node={child} />
          ))}
        </ul>
      ) : (
        ''
      )}
    </li>
  )
}

/** The tree of units the admin manages. */
export function UnitsPage(props: { ctx: PageContext; tree: readonly UnitNode[] }): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  return (
    <Layout ctx={ctx} title={t('admin.units.title')} breadcrumbs={adminCrumbs(ctx)}>
      <h1 class="heading-l" safe>
        {t('admin.units.title')}
      </h1>
      <p safe>{t('admin.units.intro')}</p>
      <ButtonLink href="/admin/units/new" text={t('admin.units.add')} />
      {props.tree.length === 0 ? (
        <p class="body-secondary" safe>
          {t('admin.units.empty')}
        </p>
      ) : (
        <ul class="tree">
          {props.tree.map((node) => (
            <UnitTreeItem ctx={ctx} node={node} />
          ))}
        </ul>
      )}
    </Layout>
  )
}

/** What the unit form holds: the values typed, as strings. */
export interface UnitFormValues {
  readonly code: string
  readonly name: string
  readonly nameEn: string
  readonly level: string
  readonly parentCode: string
  readonly agencyCode: string
}

/** The empty unit form. */
export const EMPTY_UNIT_FORM: UnitFormValues = Object.freeze({ code: '', name: '', nameEn: '', level: '', parentCode: '', agencyCode: '' })

/** The levels as select choices, in the page's language. */
function levelChoices(ctx: PageContext): Choice[] {
  return UNIT_LEVELS.map((level) => ({ value: level, label: ctx.t(`units.levels.${level}`) }))
}

/** Units as select choices, indented by depth. */
export function unitChoices(tree: readonly UnitNode[]): Choice[] {
  return flattenUnitTree(tree)
    .filter(({ unit }) => !unit.isDisabled)
    .map(({ unit, depth }) => ({ value: unit.code, label: indentedName(unit.name, depth) }))
}

/** The form to create a unit under one the admin manages. */
export function NewUnitPage(props: { ctx: PageContext; tree: readonly UnitNode[]; values: UnitFormValues; errors: FormErrors }): JSX.Element {
  const { ctx, values, errors } = props
  const t = ctx.t
  return (
    <Layout ctx={ctx} title={t('admin.units.newTitle')} hasErrors={hasErrors(errors)} breadcrumbs={adminCrumbs(ctx, { href: '/admin/units', text: t('admin.units.title') })}>
      <ErrorSummary ctx={ctx} errors={errors} order={['parentCode', 'level', 'code', 'name', 'nameEn', 'agencyCode']} />
      <h1 class="heading-l" safe>
        {t('admin.units.newTitle')}
      </h1>
      <form class="form" method="post" action="/admin/units" novalidate>
        <CsrfInput ctx={ctx} />
        <SelectField
          ctx={ctx}
          name="parentCode"
          label={t('units.fields.parent')}
          hint={t('units.hints.parent')}
          value={values.parentCode}
          error={fieldError(ctx, errors, 'parentCode')}
          placeholder={t('units.hints.choose')}
          choices={unitChoices(props.tree)}
        />
        <SelectField
          ctx={ctx}
          name="level"
          label={t('units.fields.level')}
          value={values.level}
          error={fieldError(ctx, errors, 'level')}
          placeholder={t('units.hints.choose')}
          choices={levelChoices(ctx)}
        />
        <TextField ctx={ctx} name="code" label={t('units.fields.code')} hint={t('units.hints.code')} value={values.code} error={fieldError(ctx, errors, 'code')} width="short" isSpellcheckOff />
        <TextField ctx={ctx} name="name" label={t('units.fields.name')} hint={t('units.hints.name')} value={values.name} error={fieldError(ctx, errors, 'name')} />
        <UnitDetailFields ctx={ctx} values={values} errors={errors} />
        <div class="button-group">
          <Button text={t('admin.units.create')} />
          <p>
            <a href="/admin/units" safe>
              {t('form.cancel')}
            </a>
          </p>
        </div>
      </form>
    </Layout>
  )
}

/** The optional fields shared by the create and edit forms: English name and agency code. */
function UnitDetailFields(props: { ctx: PageContext; values: Pick<UnitFormValues, 'nameEn' | 'agencyCode'>; errors: FormErrors }): JSX.Element {
  const { ctx, values, errors } = props
  const t = ctx.t
  return (
    <>
      <TextField ctx={ctx} name="nameEn" label={t('units.fields.nameEn')} hint={t('units.hints.nameEn')} value={values.nameEn} error={fieldError(ctx, errors, 'nameEn')} isOptional />
      <TextField
        ctx={ctx}
        name="agencyCode"
        label={t('units.fields.agencyCode')}
        hint={t('units.hints.agencyCode')}
        value={values.agencyCode}
        error={fieldError(ctx, errors, 'agencyCode')}
        width="medium"
        isOptional
        isSpellcheckOff
      />
    </>
  )
}

/** Props of the unit edit page. */
export interface EditUnitPageProps {
  readonly ctx: PageContext
  readonly unit: Unit
  readonly parentName: string | null
  readonly values: Pick<UnitFormValues, 'name' | 'nameEn' | 'agencyCode'>
  readonly errors: FormErrors
}

/** A unit's page: its fixed facts, the form to change its names and agency code, and disable/enable. */
export function EditUnitPage(props: EditUnitPageProps): JSX.Element {
  const { ctx, unit, values, errors } = props
  const t = ctx.t
  const action = `/admin/units/${encodeURIComponent(unit.code)}`
  return (
    <Layout ctx={ctx} title={unit.name} hasErrors={hasErrors(errors)} breadcrumbs={adminCrumbs(ctx, { href: '/admin/units', text: t('admin.units.title') })}>
      <ErrorSummary ctx={ctx} errors={errors} order={['name', 'nameEn', 'agencyCode']} />
      <span class="caption" safe>
        {t('admin.units.caption')}
      </span>
      <h1 class="heading-l">
        <span safe>{unit.name}</span> {unit.isDisabled ? <StatusTag tone="grey" text={t('status.disabled')} /> : ''}
      </h1>
      <SummaryList
        rows={[
          { key: t('units.fields.code'), value: unit.code },
          { key: t('units.fields.level'), value: t(`units.levels.${unit.level}`) },
          { key: t('units.fields.parent'), value: props.parentName ?? t('admin.units.noParent') },
          { key: t('admin.units.status'), value: unit.isDisabled ? t('status.disabled') : t('status.active') },
        ]}
      />
      <h2 class="heading-m" safe>
        {t('admin.units.editTitle')}
      </h2>
      <form class="form" method="post" action={action} novalidate>
        <CsrfInput ctx={ctx} />
        <TextField ctx={ctx} name="name" label={t('units.fields.name')} value={values.name} error={fieldError(ctx, errors, 'name')} />
        <UnitDetailFields ctx={ctx} values={values} errors={errors} />
        <Button text={t('form.save')} />
      </form>
      <h2 class="heading-m" safe>
        {t('admin.units.statusTitle')}
      </h2>
      {unit.isDisabled ? (
        <>
          <p safe>{t('admin.units.enableBody')}</p>
          <PostButton ctx={ctx} action={`${action}/enable`} text={t('admin.units.enable')} />
        </>
      ) : (
        <>
          <p safe>{t('admin.units.disableBody')}</p>
          <PostButton ctx={ctx} action={`${action}/disable`} text={t('admin.units.disable')} variant="warning" />
        </>
      )}
    </Layout>
  )
}
