/** The home page: who this is, a welcome, the units of the locality, and the ways in. */
import { Layout } from '../../../views/layout.tsx'
import { committeeName } from '../../../views/page.ts'
import type { PageContext } from '../../../views/page.ts'

/** A unit as the public list gives it. */
export interface PublicUnitItem {
  readonly code: string
  readonly name: string
  readonly level: string
  readonly parentCode: string | null
}

/** A public unit with the units under it. */
interface PublicUnitNode {
  readonly unit: PublicUnitItem
  readonly children: PublicUnitNode[]
}

// Vietnamese collation, so "Đ" follows "D" and "Ư" follows "U" as readers expect.
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true })

/** Arranges the public list as a forest; a unit whose parent is not listed becomes a root. */
export function publicUnitTree(units: readonly PublicUnitItem[]): PublicUnitNode[] {
  const codes = new Set(units.map((u) => u.code))
  const grow = (parent: string | null): PublicUnitNode[] =>
    units
      .filter((u) => (u.parentCode !== null && codes.has(u.parentCode) ? u.parentCode : null) === parent)
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((unit) => ({ unit, children: grow(unit.code) }))
  return grow(null)
}

/** One unit of the public tree, with its level for readers who do not know the name's prefix. */
function UnitItem(props: { ctx: PageContext; node: PublicUnitNode }): JSX.Element {
  const { ctx, node } = props
  return (
    <li>
      <span safe>{node.unit.name}</span>
      {node.children.length > 0 ? (
        <>
          {' '}
          <span class="tree-meta" safe>
            {ctx.t('portal.home.unitCount', { count: node.children.length })}
          </span>
          <ul>
            {node.children.map((child) => (
              <UnitItem ctx={ctx} node={child} />
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
    </li>
  )
}

/** The home page. */
export function HomePage(props: { ctx: PageContext; units: readonly PublicUnitItem[] }): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  const heading = ctx.homeUnit ? committeeName(ctx.homeUnit, ctx.locale, t) : t('site.productName')
  const tree = publicUnitTree(props.units)
  return (
    <Layout ctx={ctx} title={t('portal.home.title')}>
      <div class="grid grid--two-thirds">
        <div>
          <h1 class="heading-xl" safe>
            {heading}
          </h1>
          <p class="lead" safe>
            {t('portal.home.welcome')}
          </p>
          <p safe>{t('portal.home.comingSoon')}</p>
          <h2 class="heading-m" safe>
            {t('nav.feedback')}
          </h2>
          <p safe>{t('feedback.pages.home.body')}</p>
          <ul class="list">
            <li>
              <a href="/phan-anh/gui" safe>
                {t('feedback.pages.submit.title')}
              </a>
            </li>
            <li>
              <a href="/phan-anh" safe>
                {t('feedback.pages.home.list')}
              </a>
            </li>
          </ul>
          <h2 class="heading-m" safe>
            {t('portal.home.unitsTitle')}
          </h2>
          {tree.length === 0 ? (
            <p class="body-secondary" safe>
              {t('portal.home.noUnits')}
            </p>
          ) : (
            <ul class="tree">
              {tree.map((node) => (
                <UnitItem ctx={ctx} node={node} />
              ))}
            </ul>
          )}
        </div>
        <aside aria-labelledby="home-aside-staff">
          <h2 class="heading-s" id="home-aside-staff" safe>
            {t('portal.home.staffTitle')}
          </h2>
          {ctx.principal ? (
            <p>
              <a href="/desk" safe>
                {t('portal.home.toDesk')}
              </a>
            </p>
          ) : (
            <>
              <p safe>{t('portal.home.staffBody')}</p>
              <p>
                <a href="/sign-in" safe>
                  {t('nav.signIn')}
                </a>
              </p>
            </>
          )}
          <h2 class="heading-s" safe>
            {t('portal.home.openDataTitle')}
          </h2>
          <p safe>{t('portal.home.openDataBody')}</p>
          <ul class="list list--plain">
            <li>
              <a href="/api/docs" safe>
                {t('footer.apiDocs')}
              </a>
            </li>
            <li>
              <a href="/api/v1/units" safe>
                {t('portal.home.unitsJson')}
              </a>
            </li>
          </ul>
        </aside>
      </div>
    </Layout>
  )
}
