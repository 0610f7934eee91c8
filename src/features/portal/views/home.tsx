/**
 * The home page: who this is and a welcome; the ways in — look up a dossier (code and PIN, posted,
 * never in an address), send feedback; the headline public figures of the year for the home unit
 * (on-time rate, satisfaction index, coverage of dialogues "10/12"); the latest news; the
 * dialogues coming up; the latest feedback answered in public; the units of the locality.
 */
import { Button, CsrfInput, TextField } from '../../../views/components.tsx'
import { Layout } from '../../../views/layout.tsx'
import { committeeName } from '../../../views/page.ts'
import type { PageContext } from '../../../views/page.ts'
import { discoveryTags } from '../../../views/discovery.ts'

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

/** The headline figures of a year for the home unit; a figure is null when there is nothing to count yet. */
export interface HeadlineFigures {
  readonly year: number
  /** Dossiers returned early or on time, of those returned. */
  readonly onTimeRate: number | null
  readonly returned: number
  /** Satisfied or very satisfied, of every rating. */
  readonly satisfactionIndex: number | null
  readonly ratings: number
  /** Wards and communes that held a direct dialogue this year, of all of them. */
  readonly coverage: { readonly heldCount: number; readonly unitCount: number } | null
}

/** A news article on the home page. */
export interface HomeArticle {
  readonly title: string
  readonly href: string
  /** Written out, e.g. "Chủ nhật, 05/07/2020 09:47". */
  readonly publishedAtText: string
  readonly lead: string
}

/** A dialogue coming up. */
export interface HomeDialogue {
  readonly href: string
  readonly topic: string
  readonly unitName: string
  /** Written out, e.g. "Thứ năm, 12/03/2026 08:00". */
  readonly startsAtText: string
  readonly venue: string
  readonly isCancelled: boolean
}

/** A feedback item answered in public. */
export interface HomeFeedback {
  readonly href: string
  readonly title: string
  readonly unitName: string
  /** When it was answered, written out; null when the date is unknown. */
  readonly answeredAtText: string | null
}

/** Everything the home page shows. */
export interface HomeContent {
  readonly units: readonly PublicUnitItem[]
  readonly figures: HeadlineFigures | null
  readonly news: readonly HomeArticle[]
  readonly dialogues: readonly HomeDialogue[]
  readonly feedback: readonly HomeFeedback[]
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

/** A share as people read it in the page's language: "95,2 %" in Vietnamese, "95.2%" in English. */
export function formatShare(share: number, locale: PageContext['locale']): string {
  return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(share)
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

/** The dossier lookup: code and PIN, posted to the lookup page (the PIN never goes in an address). */
function LookupForm(props: { ctx: PageContext }): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  return (
    <section class="home-service" aria-labelledby="home-lookup-title">
      <h2 class="heading-m" id="home-lookup-title" safe>
        {t('dossiers.pages.lookup.title')}
      </h2>
      <p safe>{t('portal.home.lookupLead')}</p>
      <form class="form home-lookup" method="post" action="/tra-cuu" novalidate>
        <CsrfInput ctx={ctx} />
        <TextField ctx={ctx} name="code" label={t('dossiers.pages.lookup.code')} hint={t('dossiers.pages.lookup.codeHint')} autocomplete="off" isSpellcheckOff maxlength={60} />
        <TextField ctx={ctx} name="pin" label={t('dossiers.pages.lookup.pin')} hint={t('dossiers.pages.lookup.pinHint')} width="short" inputmode="numeric" autocomplete="off" maxlength={12} />
        <Button text={t('dossiers.pages.lookup.submit')} />
      </form>
    </section>
  )
}

/** Sending feedback, and the answered ones. */
function FeedbackWays(props: { ctx: PageContext }): JSX.Element {
  const t = props.ctx.t
  return (
    <section class="home-service" aria-labelledby="home-feedback-title">
      <h2 class="heading-m" id="home-feedback-title" safe>
        {t('nav.feedback')}
      </h2>
      <p safe>{t('feedback.pages.home.body')}</p>
      <p>
        <a class="button" href="/phan-anh/gui" draggable="false" safe>
          {t('feedback.pages.submit.title')}
        </a>
      </p>
      <ul class="list">
        <li>
          <a href="/phan-anh" safe>
            {t('feedback.pages.home.list')}
          </a>
        </li>
        <li>
          <a href="/thu-tuc" safe>
            {t('portal.home.procedures')}
          </a>
        </li>
      </ul>
    </section>
  )
}

/** The headline figures of the year. */
function Figures(props: { ctx: PageContext; figures: HeadlineFigures }): JSX.Element {
  const { ctx, figures } = props
  const t = ctx.t
  const none = t('portal.home.figures.none')
  const cards = [
    {
      title: t('portal.home.figures.onTime'),
      figure: figures.onTimeRate === null ? none : formatShare(figures.onTimeRate, ctx.locale),
      note: figures.onTimeRate === null ? null : t('portal.home.figures.onTimeNote', { count: figures.returned }),
    },
    {
      title: t('portal.home.figures.satisfaction'),
      figure: figures.satisfactionIndex === null ? none : formatShare(figures.satisfactionIndex, ctx.locale),
      note: figures.satisfactionIndex === null ? null : t('portal.home.figures.satisfactionNote', { count: figures.ratings }),
    },
    {
      title: t('portal.home.figures.dialogues'),
      figure: figures.coverage === null ? none : `${figures.coverage.heldCount}/${figures.coverage.unitCount}`,
      note: t('portal.home.figures.dialoguesNote'),
    },
  ]
  return (
    <section class="home-section" aria-labelledby="home-figures-title">
      <h2 class="heading-m" id="home-figures-title" safe>
        {t('portal.home.figures.title', { year: figures.year })}
      </h2>
      <ul class="cards home-figures">
        {cards.map((card) => (
          <li class="card">
            <h3 class="card-title" safe>
              {card.title}
            </h3>
            <p class="card-figure" safe>
              {card.figure}
            </p>
            {card.note ? (
              <p class="body-secondary" safe>
                {card.note}
              </p>
            ) : (
              ''
            )}
          </li>
        ))}
      </ul>
      <p>
        <a href="/thong-ke" safe>
          {t('portal.home.figures.more')}
        </a>
      </p>
    </section>
  )
}

/** A titled list of links with a line under each, or a sentence when there is none. */
function LinkList(props: { id: string; title: string; empty: string; more: { href: string; text: string }; items: readonly { href: string; title: string; meta: string; extra?: string | null }[] }): JSX.Element {
  return (
    <section class="home-section" aria-labelledby={props.id}>
      <h2 class="heading-m" id={props.id} safe>
        {props.title}
      </h2>
      {props.items.length === 0 ? (
        <p class="body-secondary" safe>
          {props.empty}
        </p>
      ) : (
        <ul class="home-list">
          {props.items.map((item) => (
            <li class="home-list-item">
              <a class="home-list-title" href={item.href} safe>
                {item.title}
              </a>
              <p class="body-secondary home-list-meta" safe>
                {item.meta}
              </p>
              {item.extra ? (
                <p class="home-list-extra" safe>
                  {item.extra}
                </p>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={props.more.href} safe>
          {props.more.text}
        </a>
      </p>
    </section>
  )
}

/** The home page. */
export function HomePage(props: { ctx: PageContext; content: HomeContent }): JSX.Element {
  const { ctx, content } = props
  const t = ctx.t
  const heading = ctx.homeUnit ? committeeName(ctx.homeUnit, ctx.locale, t) : t('site.productName')
  const tree = publicUnitTree(content.units)
  return (
    <Layout ctx={ctx} title={t('portal.home.title')} {...discoveryTags(ctx, { path: '/', title: heading, description: t('portal.home.welcome') })}>
      <h1 class="heading-xl" safe>
        {heading}
      </h1>
      <p class="lead" safe>
        {t('portal.home.welcome')}
      </p>
      <div class="grid grid--halves home-services">
        <LookupForm ctx={ctx} />
        <FeedbackWays ctx={ctx} />
      </div>
      {content.figures ? <Figures ctx={ctx} figures={content.figures} /> : ''}
      <div class="grid grid--two-thirds">
        <div>
          <LinkList
            id="home-news-title"
            title={t('portal.home.news')}
            empty={t('portal.home.noNews')}
            more={{ href: '/tin-tuc', text: t('portal.home.allNews') }}
            items={content.news.map((a) => ({ href: a.href, title: a.title, meta: a.publishedAtText, extra: a.lead }))}
          />
          <LinkList
            id="home-answered-title"
            title={t('portal.home.answered')}
            empty={t('portal.home.noAnswered')}
            more={{ href: '/phan-anh', text: t('feedback.pages.home.list') }}
            items={content.feedback.map((f) => ({
              href: f.href,
              title: f.title,
              meta: f.answeredAtText ? t('portal.home.answeredMeta', { unit: f.unitName, at: f.answeredAtText }) : f.unitName,
            }))}
          />
        </div>
        <div>
          <LinkList
            id="home-dialogues-title"
            title={t('portal.home.dialogues')}
            empty={t('portal.home.noDialogues')}
            more={{ href: '/doi-thoai', text: t('portal.home.allDialogues') }}
            items={content.dialogues.map((d) => ({
              href: d.href,
              title: d.topic,
              meta: d.isCancelled ? t('portal.home.dialogueCancelled', { at: d.startsAtText }) : d.startsAtText,
              extra: t('portal.home.dialogueWhere', { unit: d.unitName, venue: d.venue }),
            }))}
          />
          <section class="home-section" aria-labelledby="home-staff-title">
            <h2 class="heading-s" id="home-staff-title" safe>
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
          </section>
        </div>
      </div>
      <section class="home-section" aria-labelledby="home-units-title">
        <h2 class="heading-m" id="home-units-title" safe>
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
      </section>
    </Layout>
  )
}
