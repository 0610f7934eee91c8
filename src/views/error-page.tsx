/**
 * The error page (400, 401, 403, 404, 429, 500…) inside the layout, in the request's language.
 * It shows a message the user can act on and never a stack or an internal message. It may run
 * when the request failed before the platform hooks set the translator or principal, so it
 * falls back to the base catalogue in Vietnamese and, as a last resort, to a static page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppError } from '../platform/http/errors.ts'
import { DEFAULT_LOCALE, isLocale } from '../platform/i18n/i18n.ts'
import type { Locale, MessageTree, Translate } from '../platform/i18n/i18n.ts'
import { ButtonLink } from './components.tsx'
import { Layout } from './layout.tsx'
import { baseMessages } from './messages.ts'
import { buildPageContext, rememberedHomeUnit, signInHref } from './page.ts'

/** Looks a dotted key up in a message tree and fills its {{placeholders}}; the key itself when missing. */
export function translateFrom(tree: MessageTree, key: string, values: Record<string, string | number> = {}): string {
  let node: string | MessageTree | undefined = tree
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined
  if (typeof node !== 'string') return key
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
}

/** The section of the catalogue that titles an error page for a status. */
function sectionFor(status: number, error: AppError | null): string {
  if (error?.code === 'csrf') return 'csrf'
  switch (status) {
    case 400:
    case 422:
      return 'badRequest'
    case 401:
      return 'unauthorized'
    case 403:
      return 'forbidden'
    case 404:
      return 'notFound'
    case 429:
      return 'tooManyRequests'
    default:
      return status >= 500 ? 'internal' : 'other'
  }
}

// Shown only when even the layout cannot render; static and in Vietnamese, like the default page.
const LAST_RESORT_PAGE =
  '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Công Sở</title><link rel="stylesheet" href="/assets/css/site.css"></head>' +
  '<body><main class="container main"><h1 class="heading-l">Đã có lỗi xảy ra</h1><p>Vui lòng thử lại sau. <a href="/">Về trang chủ</a></p></main></body></html>'

/** Renders the error page for a status; never throws. */
export function renderErrorPage(req: FastifyRequest, reply: FastifyReply, status: number, error: AppError | null): string {
  try {
    const locale: Locale = isLocale(req.locale) ? req.locale : DEFAULT_LOCALE
    const t: Translate = typeof req.t === 'function' ? req.t : (key, values) => translateFrom(baseMessages[locale], key, values)
    const ctx = buildPageContext(req, reply, rememberedHomeUnit(req), null, t)
    const section = sectionFor(status, error)
    const title = t(`errorPage.${section}.title`)
    // A 5xx never shows its own message: it may describe internals. A 4xx message is a catalogue
    // key written for users ("the account is locked"), so it is worth showing.
    const detail = status < 500 && error ? t(error.messageKey, error.params) : null
    const isGet = req.method === 'GET' || req.method === 'HEAD'
    const page = (
      <Layout ctx={ctx} title={title}>
        <div class="error-page">
          <h1 class="heading-l" safe>
            {title}
          </h1>
          {detail !== null ? (
            <p class="lead" safe>
              {detail}
            </p>
          ) : (
            ''
          )}
          <p safe>{t(`errorPage.${section}.hint`)}</p>
          {status === 401 ? <ButtonLink href={signInHref(isGet ? req.url : null)} text={t('errorPage.signIn')} /> : ''}
          <p>
            <a href="/" safe>
              {t('errorPage.backHome')}
            </a>
          </p>
          <p class="error-code" safe>
            {t('errorPage.code', { status })}
          </p>
        </div>
      </Layout>
    )
    return typeof page === 'string' ? page : LAST_RESORT_PAGE
  } catch {
    return LAST_RESORT_PAGE
  }
}
