/** The one-stop desk's home (/mot-cua): the work queues with counts, a lookup box, and receiving. */
import { Button, ButtonLink, TextField } from '../../../views/components.tsx'
import type { Crumb } from '../../../views/components.tsx'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'

/** The names of the work queues, in the order the desk shows them. */
export const QUEUES = ['mine', 'open', 'dueSoon', 'overdue', 'needsSupplement', 'resultReady'] as const
/** One of QUEUES. */
export type Queue = (typeof QUEUES)[number]

/** A work queue with its count and the list it links to. */
export interface QueueCount {
  readonly queue: Queue
  readonly count: number
  readonly href: string
}

/** The trail back to the desk's home, for the desk's other pages. */
export function deskCrumbs(ctx: PageContext, ...more: Crumb[]): Crumb[] {
  return [{ href: '/mot-cua', text: ctx.t('dossiers.pages.home.title') }, ...more]
}

/** Props of the desk's home. */
export interface DeskHomePageProps {
  readonly ctx: PageContext
  readonly unitNames: readonly string[]
  readonly queues: readonly QueueCount[]
  readonly canReceive: boolean
}

/** The desk's home page. */
export function DeskHomePage(props: DeskHomePageProps): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  return (
    <Layout ctx={ctx} title={t('dossiers.pages.home.title')} breadcrumbs={[{ href: '/desk', text: t('nav.desk') }]}>
      <h1 class="heading-l" safe>
        {t('dossiers.pages.home.title')}
      </h1>
      {props.unitNames.length > 0 ? (
        <p class="lead" safe>
          {t('dossiers.pages.home.units', { units: props.unitNames.join(', ') })}
        </p>
      ) : (
        ''
      )}
      {props.canReceive ? <ButtonLink href="/mot-cua/tiep-nhan" text={t('dossiers.pages.home.receive')} /> : ''}
      <h2 class="heading-m" safe>
        {t('dossiers.pages.home.queues')}
      </h2>
      <ul class="cards">
        {props.queues.map((q) => (
          <li class="card">
            <h3 class="card-title">
              <a href={q.href} safe>
                {t(`dossiers.pages.home.queue.${q.queue}`)}
              </a>
            </h3>
            <p class="card-figure" safe>
              {t('dossiers.pages.home.count', { count: q.count })}
            </p>
            <p class="body-secondary" safe>
              {t(`dossiers.pages.home.queueHint.${q.queue}`)}
            </p>
          </li>
        ))}
      </ul>
      <h2 class="heading-m" safe>
        {t('dossiers.pages.home.searchTitle')}
      </h2>
      <form class="filter" method="get" action="/mot-cua/ho-so" role="search" aria-label={t('dossiers.pages.home.searchTitle')}>
        <TextField
          ctx={ctx}
          name="q"
          type="search"
          label={t('dossiers.pages.home.search')}
          hint={t('dossiers.pages.home.searchHint')}
          width="medium"
          maxlength={60}
          isSpellcheckOff
        />
        <Button text={t('dossiers.pages.home.searchSubmit')} variant="secondary" />
      </form>
      <ul class="list">
        <li>
          <a href="/mot-cua/ho-so" safe>
            {t('dossiers.pages.home.all')}
          </a>
        </li>
        <li>
          <a href="/mot-cua/so-theo-doi" safe>
            {t('dossiers.pages.home.register')}
          </a>
        </li>
        <li>
          <a href="/mot-cua/so-lieu" safe>
            {t('dossiers.figures.title')}
          </a>
        </li>
        <li>
          <a href="/tra-cuu" safe>
            {t('dossiers.pages.lookup.title')}
          </a>
        </li>
      </ul>
    </Layout>
  )
}
