/**
 * The page shell: skip link, header with the People's Committee's name and the product's,
 * language switch, navigation (staff links once signed in), main content and footer.
 * Works without JavaScript; htmx only enhances, and carries the CSRF token in a header.
 */
import type { PropsWithChildren } from '@kitajs/html'
import { LOCALES } from '../platform/i18n/i18n.ts'
import { Breadcrumbs, CsrfInput, FlashNotice } from './components.tsx'
import type { Crumb } from './components.tsx'
import { committeeName, isCurrentPath, languageHref, signInHref, unitDisplayName } from './page.ts'
import type { PageContext } from './page.ts'

/** Props of the layout. */
export interface LayoutProps {
  readonly ctx: PageContext
  /** The page's own title (the h1's text, usually); the site names are appended. */
  readonly title: string
  /** Whether the page shows form errors: the title then starts with "Error:", as screen readers read it first. */
  readonly hasErrors?: boolean
  readonly breadcrumbs?: readonly Crumb[]
  /** Other versions of the page, announced in the head (an RSS feed of a list). */
  readonly alternates?: readonly { readonly href: string; readonly type: string; readonly title: string }[]
  /** The page's canonical address (absolute), announced in the head. */
  readonly canonical?: string
  /** Further meta tags of the head: OpenGraph ones by `property`, others by `name`. */
  readonly meta?: readonly { readonly property?: string; readonly name?: string; readonly content: string }[]
}

// htmx settings: no inline <style> (the CSP forbids it), no eval, no scripts in swapped content.
const HTMX_CONFIG = JSON.stringify({ includeIndicatorStyles: false, allowEval: false, allowScriptTags: false, historyCacheSize: 0 })

// Role whose holders see the administration link; the pages themselves check the unit scope.
const ADMIN_ROLE = 'admin'

/** One link of the main navigation. */
function NavLink(props: { href: string; text: string; path: string }): JSX.Element {
  const isCurrent = isCurrentPath(props.href, props.path)
  return (
    <li class={['nav-item', isCurrent ? 'nav-item--current' : '']}>
      <a class="nav-link" href={props.href} aria-current={isCurrent ? 'page' : undefined} safe>
        {props.text}
      </a>
    </li>
  )
}

/** The language switch: plain links, each language named in itself. */
function LanguageSwitch(props: { ctx: PageContext }): JSX.Element {
  const { ctx } = props
  return (
    <nav class="lang-switch" aria-label={ctx.t('language.label')}>
      <ul class="lang-list">
        {LOCALES.map((locale) =>
          locale === ctx.locale ? (
            <li class="lang-item">
              <span class="lang-current" lang={locale} aria-current="true" safe>
                {ctx.t(`language.${locale}`)}
              </span>
            </li>
          ) : (
            <li class="lang-item">
              <a class="lang-link" href={languageHref(locale, ctx.path)} lang={locale} hreflang={locale} safe>
                {ctx.t(`language.${locale}`)}
              </a>
            </li>
          ),
        )}
      </ul>
    </nav>
  )
}

/** The signed-in person's corner: name, change password, sign out (a CSRF-protected POST). */
function AccountMenu(props: { ctx: PageContext }): JSX.Element {
  const { ctx } = props
  if (!ctx.principal) {
    return (
      <div class="account">
        <a class="account-link" href={signInHref(ctx.path.startsWith('/sign-in') ? null : ctx.path)} safe>
          {ctx.t('nav.signIn')}
        </a>
      </div>
    )
  }
  return (
    <div class="account">
      <span class="account-name" safe>
        {ctx.t('nav.signedInAs', { name: ctx.principal.fullName })}
      </span>
      <a class="account-link" href="/account/password" safe>
        {ctx.t('nav.password')}
      </a>
      <form class="inline-form" method="post" action="/sign-out">
        <CsrfInput ctx={ctx} />
        <button class="link-button" type="submit" safe>
          {ctx.t('nav.signOut')}
        </button>
      </form>
    </div>
  )
}

/** The search box of the header: a plain GET form to the search page, so it works without JavaScript. */
function SiteSearch(props: { ctx: PageContext }): JSX.Element {
  const { ctx } = props
  return (
    <form class="site-search" method="get" action="/tim-kiem" role="search" aria-label={ctx.t('nav.searchLabel')}>
      <label class="visually-hidden" for="site-search-q" safe>
        {ctx.t('nav.searchQuery')}
      </label>
      <input class="site-search-input" id="site-search-q" name="q" type="search" maxlength={200} autocomplete="off" />
      <button class="site-search-button" type="submit" safe>
        {ctx.t('nav.searchSubmit')}
      </button>
    </form>
  )
}

/** The whole HTML document around a page's content. */
export function Layout(props: PropsWithChildren<LayoutProps>): JSX.Element {
  const { ctx } = props
  const product = ctx.t('site.productName')
  const committee = ctx.homeUnit ? committeeName(ctx.homeUnit, ctx.locale, ctx.t) : null
  const titleParts = [props.hasErrors ? ctx.t('form.titleWithErrors', { title: props.title }) : props.title, product]
  if (ctx.homeUnit) titleParts.push(unitDisplayName(ctx.homeUnit, ctx.locale))
  const isAdmin = ctx.principal?.grants.some((g) => g.role === ADMIN_ROLE) ?? false
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{titleParts.join(' – ')}</title>
          <meta name="htmx-config" content={HTMX_CONFIG} />
          <link rel="stylesheet" href="/assets/css/site.css" />
          <link rel="icon" href="/assets/images/favicon.svg" type="image/svg+xml" />
          {props.canonical ? <link rel="canonical" href={props.canonical} /> : ''}
          {(props.meta ?? []).map((m) => (
            <meta property={m.property} name={m.name} content={m.content} />
          ))}
          {(props.alternates ?? []).map((a) => (
            <link rel="alternate" type={a.type} href={a.href} title={a.title} />
          ))}
          <script src="/assets/vendor/htmx.min.js" defer></script>
        </head>
        <body hx-headers={JSON.stringify({ 'x-csrf-token': ctx.csrfToken })}>
          <a class="skip-link" href="#main" safe>
            {ctx.t('site.skipLink')}
          </a>
          <header class="site-header">
            <div class="masthead">
              <div class="container masthead-inner">
                <a class="brand" href="/">
                  <img class="brand-mark" src="/assets/images/logo.svg" alt="" width="44" height="44" />
                  <span class="brand-text">
                    {committee !== null ? (
                      <span class="brand-unit" safe>
                        {committee}
                      </span>
                    ) : (
                      ''
                    )}
                    <span class="brand-product" safe>
                      {product}
                    </span>
                  </span>
                </a>
                <LanguageSwitch ctx={ctx} />
              </div>
            </div>
            <div class="navbar">
              <div class="container navbar-inner">
                <nav class="site-nav" aria-label={ctx.t('nav.label')}>
                  <ul class="nav-list">
                    <NavLink href="/" text={ctx.t('nav.home')} path={ctx.path} />
                    <NavLink href="/thu-tuc" text={ctx.t('nav.procedures')} path={ctx.path} />
                    <NavLink href="/lich-lam-viec" text={ctx.t('nav.calendar')} path={ctx.path} />
                    <NavLink href="/phan-anh" text={ctx.t('nav.feedback')} path={ctx.path} />
                    <NavLink href="/tin-tuc" text={ctx.t('news.pages.nav.public')} path={ctx.path} />
                    <NavLink href="/doi-thoai" text={ctx.t('dialogues.pages.nav.public')} path={ctx.path} />
                    <NavLink href="/tiep-cong-dan" text={ctx.t('reception.pages.nav.main')} path={ctx.path} />
                    <NavLink href="/thong-ke" text={ctx.t('dashboard.nav.public')} path={ctx.path} />
                    {ctx.principal ? <NavLink href="/desk" text={ctx.t('nav.desk')} path={ctx.path} /> : ''}
                    {isAdmin ? <NavLink href="/admin" text={ctx.t('nav.admin')} path={ctx.path} /> : ''}
                  </ul>
                </nav>
                <SiteSearch ctx={ctx} />
                <AccountMenu ctx={ctx} />
              </div>
            </div>
          </header>
          {props.breadcrumbs && props.breadcrumbs.length > 0 ? (
            <div class="container">
              <Breadcrumbs ctx={ctx} crumbs={props.breadcrumbs} />
            </div>
          ) : (
            ''
          )}
          <main class="container main" id="main" tabindex="-1">
            <FlashNotice ctx={ctx} />
            {props.children}
          </main>
          <footer class="site-footer">
            <div class="container footer-inner">
              <div class="footer-about">
                {committee !== null ? (
                  <p class="footer-unit" safe>
                    {committee}
                  </p>
                ) : (
                  ''
                )}
                <p safe>{ctx.t('footer.about')}</p>
                <p class="footer-licence" safe>
                  {ctx.t('footer.licence')}
                </p>
              </div>
              <nav class="footer-nav" aria-label={ctx.t('footer.label')}>
                <ul class="footer-links">
                  <li>
                    <a href="/" safe>
                      {ctx.t('nav.home')}
                    </a>
                  </li>
                  <li>
                    <a href="/api/docs" safe>
                      {ctx.t('footer.apiDocs')}
                    </a>
                  </li>
                  {ctx.principal ? (
                    ''
                  ) : (
                    <li>
                      <a href="/sign-in" safe>
                        {ctx.t('footer.staffSignIn')}
                      </a>
                    </li>
                  )}
                </ul>
              </nav>
            </div>
          </footer>
        </body>
      </html>
    </>
  )
}
