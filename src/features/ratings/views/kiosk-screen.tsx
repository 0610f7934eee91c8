/**
 * The screen of a desk kiosk: a whole-screen page for a tablet at a counter (no site header: a
 * resident should not wander off), with the unit, the official serving, three large choices and a
 * thank-you screen. It works as plain forms without JavaScript; kiosk.js turns the choices into an
 * offline queue and shows the thank-you screen in place.
 */
import { committeeName, languageHref } from '../../../views/page.ts'
import type { PageContext } from '../../../views/page.ts'
import { LOCALES } from '../../../platform/i18n/i18n.ts'
import type { KioskScreen } from '../kiosk.service.ts'
import { KIOSK_RATINGS, MIN_THANKS_MS, thanksMs } from '../kiosk.ts'
import type { KioskRating } from '../kiosk.ts'

/** Which screen the page shows. */
export type KioskScreenState = 'ask' | 'thanks' | 'tooFast'

/** Props of the kiosk page. */
export interface KioskScreenPageProps {
  readonly ctx: PageContext
  readonly screen: KioskScreen
  /** The kiosk's key, already checked, for the forms of the no-JavaScript path; null when the address had none. */
  readonly kioskKey: string | null
  /** A fresh id for the no-JavaScript form, so that posting it twice (reload) stores one rating. */
  readonly clientId: string
  readonly state: KioskScreenState
}

/** The address of a kiosk's page, with its key when known (the no-JavaScript path has nowhere else to keep it). */
export function kioskHref(code: string, key: string | null): string {
  const path = `/kiosk/${encodeURIComponent(code)}`
  return key === null ? path : `${path}?key=${encodeURIComponent(key)}`
}

/** A face drawn for each answer, so the choices differ by shape as well as by colour and words. */
function Face(props: { rating: KioskRating }): JSX.Element {
  const mouth = {
    very_satisfied: 'M18 36 Q32 54 46 36 Z',
    satisfied: 'M20 40 Q32 48 44 40',
    not_satisfied: 'M20 46 Q32 36 44 46',
  }[props.rating]
  return (
    <svg class="kiosk-face" viewBox="0 0 64 64" width="96" height="96" aria-hidden="true" focusable="false">
      <circle cx="32" cy="32" r="28" fill="none" stroke="currentColor" stroke-width="4" />
      <circle cx="23" cy="25" r="4" fill="currentColor" />
      <circle cx="41" cy="25" r="4" fill="currentColor" />
      <path d={mouth} fill={props.rating === 'very_satisfied' ? 'currentColor' : 'none'} stroke="currentColor" stroke-width="4" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  )
}

/** A tick in a circle, for the thank-you screen. */
function Tick(): JSX.Element {
  return (
    <svg class="kiosk-tick" viewBox="0 0 64 64" width="120" height="120" aria-hidden="true" focusable="false">
      <circle cx="32" cy="32" r="28" fill="none" stroke="currentColor" stroke-width="4" />
      <path d="M19 33 L28 42 L46 22" fill="none" stroke="currentColor" stroke-width="5" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  )
}

/** The official serving: initials in place of a photo, name and title. */
function Official(props: { ctx: PageContext; screen: KioskScreen }): JSX.Element {
  const { ctx, screen } = props
  const official = screen.official
  return (
    <section class="kiosk-official" aria-labelledby="kiosk-official-label">
      <div class="kiosk-avatar" id="kiosk-avatar" aria-hidden="true" safe>
        {official?.initials ?? ''}
      </div>
      <div class="kiosk-official-text">
        <p class="kiosk-official-label" id="kiosk-official-label" safe>
          {ctx.t('ratings.kiosk.screen.officialLabel')}
        </p>
        <p class="kiosk-official-name" id="kiosk-official-name" safe>
          {official?.fullName ?? ctx.t('ratings.kiosk.screen.noOfficial')}
        </p>
        <p class="kiosk-official-title" id="kiosk-official-title" hidden={!official?.title} safe>
          {official?.title ?? ''}
        </p>
      </div>
    </section>
  )
}

/** The question and the three choices, as one form with a button per answer. */
function Ask(props: KioskScreenPageProps & { isHidden: boolean }): JSX.Element {
  const { ctx, screen } = props
  const t = ctx.t
  return (
    <section class="kiosk-ask" id="kiosk-ask" aria-labelledby="kiosk-question" hidden={props.isHidden}>
      <h1 class="kiosk-question" id="kiosk-question" safe>
        {t('ratings.kiosk.screen.question')}
      </h1>
      <p class="kiosk-hint" id="kiosk-hint" safe>
        {t('ratings.kiosk.screen.hint')}
      </p>
      <form class="kiosk-form" id="kiosk-form" method="post" action={`/kiosk/${encodeURIComponent(screen.code)}`}>
        <input type="hidden" name="key" id="kiosk-key" value={props.kioskKey ?? ''} />
        <input type="hidden" name="clientId" value={props.clientId} />
        <div class="kiosk-choices" role="group" aria-label={t('ratings.kiosk.screen.choicesLabel')} aria-describedby="kiosk-hint">
          {KIOSK_RATINGS.map((rating) => (
            <button class={['kiosk-choice', `kiosk-choice--${rating}`]} type="submit" name="rating" value={rating}>
              <Face rating={rating} />
              <span class="kiosk-choice-text" safe>
                {t(`ratings.overall.${rating}`)}
              </span>
            </button>
          ))}
        </div>
      </form>
      <p class="kiosk-wait" id="kiosk-wait" hidden safe>
        {t('ratings.kiosk.screen.wait')}
      </p>
    </section>
  )
}

/** The thank-you screen (or, without JavaScript, the "please wait" screen after a too-fast tap). */
function Thanks(props: { ctx: PageContext; screen: KioskScreen; state: KioskScreenState }): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  const isTooFast = props.state === 'tooFast'
  return (
    <section class="kiosk-thanks" id="kiosk-thanks" role="status" aria-labelledby="kiosk-thanks-title" tabindex="-1" hidden={props.state === 'ask'}>
      <Tick />
      <h2 class="kiosk-thanks-title" id="kiosk-thanks-title" safe>
        {isTooFast ? t('ratings.kiosk.screen.tooFastTitle') : t('ratings.kiosk.screen.thanksTitle')}
      </h2>
      <p class="kiosk-thanks-body" safe>
        {isTooFast ? t('ratings.kiosk.screen.tooFastBody', { seconds: props.screen.minIntervalSeconds }) : t('ratings.kiosk.screen.thanksBody')}
      </p>
      <p class="kiosk-thanks-return" safe>
        {t('ratings.kiosk.screen.thanksReturn')}
      </p>
    </section>
  )
}

/** The tablet's page. */
export function KioskScreenPage(props: KioskScreenPageProps): JSX.Element {
  const { ctx, screen } = props
  const t = ctx.t
  const unitName = ctx.locale === 'en' && screen.unitNameEn ? screen.unitNameEn : screen.unitName
  const committee = committeeName({ name: screen.unitName, nameEn: screen.unitNameEn }, ctx.locale, t)
  const title = [t('ratings.kiosk.screen.title'), screen.name, unitName].join(' – ')
  const returnAfterSeconds = Math.ceil(thanksMs(screen.minIntervalSeconds) / 1000)
  // Without JavaScript the thank-you page goes back to the choices by itself, after the interval.
  const refresh = props.state === 'ask' ? null : `${returnAfterSeconds};url=${kioskHref(screen.code, props.kioskKey)}`
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.locale} class="kiosk-html">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex, nofollow" />
          {refresh !== null ? <meta http-equiv="refresh" content={refresh} /> : ''}
          <title safe>{title}</title>
          <link rel="stylesheet" href="/assets/css/site.css" />
          <link rel="stylesheet" href="/assets/css/kiosk.css" />
          <link rel="icon" href="/assets/images/favicon.svg" type="image/svg+xml" />
          <script src="/assets/js/kiosk.js" defer></script>
        </head>
        <body
          class="kiosk"
          data-kiosk-code={screen.code}
          data-api="/api/v1/kiosk/ratings"
          data-worker="/kiosk-sw.js"
          data-min-interval-ms={String(screen.minIntervalSeconds * 1000)}
          data-thanks-ms={String(thanksMs(screen.minIntervalSeconds))}
          data-is-active={screen.isActive ? 'true' : 'false'}
          data-min-thanks-ms={String(MIN_THANKS_MS)}
          data-text-queued={t('ratings.kiosk.screen.queued')}
          data-text-offline={t('ratings.kiosk.screen.offline')}
          data-text-bad-key={t('ratings.kiosk.screen.badKey')}
          data-text-no-official={t('ratings.kiosk.screen.noOfficial')}
        >
          <main class="kiosk-main" id="main">
            <header class="kiosk-header">
              <p class="kiosk-unit" safe>
                {committee}
              </p>
              <p class="kiosk-counter" safe>
                {screen.name}
              </p>
            </header>
            {screen.isActive ? (
              <>
                <Official ctx={ctx} screen={screen} />
                <Ask {...props} isHidden={props.state !== 'ask'} />
                <Thanks ctx={ctx} screen={screen} state={props.state} />
              </>
            ) : (
              <section class="kiosk-closed" aria-labelledby="kiosk-closed-title">
                <h1 class="kiosk-question" id="kiosk-closed-title" safe>
                  {t('ratings.kiosk.screen.inactive')}
                </h1>
              </section>
            )}
            <p class="kiosk-notice" id="kiosk-no-key" role="alert" hidden={!(screen.isActive && props.kioskKey === null)} safe>
              {t('ratings.kiosk.screen.noKey')}
            </p>
            <p class="kiosk-notice" id="kiosk-problem" role="alert" hidden></p>
          </main>
          <footer class="kiosk-footer">
            <p class="kiosk-status" id="kiosk-status" role="status" data-queue-count="0" data-sending="false"></p>
            <nav class="kiosk-lang" aria-label={t('language.label')}>
              {LOCALES.filter((l) => l !== ctx.locale).map((locale) => (
                <a class="kiosk-lang-link" href={languageHref(locale, ctx.path)} lang={locale} hreflang={locale} safe>
                  {t(`language.${locale}`)}
                </a>
              ))}
            </nav>
          </footer>
        </body>
      </html>
    </>
  )
}
