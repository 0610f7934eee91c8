/** Message catalogues and translation: Vietnamese first, English second (i18next underneath). */
import i18next from 'i18next'
import type { i18n as I18nInstance } from 'i18next'

/** Languages the product speaks; the first is the default. */
export const LOCALES = ['vi', 'en'] as const
/** One of LOCALES. */
export type Locale = (typeof LOCALES)[number]
/** The language used when nothing else is chosen. */
export const DEFAULT_LOCALE: Locale = 'vi'

/** A nested catalogue of messages: leaves are strings with {{placeholders}}. */
export interface MessageTree {
  readonly [key: string]: string | MessageTree
}

/** One part's messages in both languages. */
export interface Catalogue {
  readonly vi: MessageTree
  readonly en: MessageTree
}

/** Translates a key with optional values; returns plain text that the view escapes. */
export type Translate = (key: string, values?: Record<string, string | number>) => string

/**
 * A translator that remembers each text it gave, for rendering a long list in one request: a
 * thousand Open311 requests ask for the same few category names and notices a thousand times,
 * and i18next's lookup and interpolation took a third of that list's time.
 */
export function rememberingTranslator(t: Translate): Translate {
  const known = new Map<string, string>()
  return (key, values) => {
    const id = values === undefined ? key : `${key}\u0000${JSON.stringify(values)}`
    let text = known.get(id)
    if (text === undefined) {
      text = t(key, values)
      known.set(id, text)
    }
    return text
  }
}

/** Whether a string names a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** Merges catalogues into one tree per language; a key defined twice is a programming error. */
export function mergeCatalogues(catalogues: readonly Catalogue[]): Catalogue {
  const merge = (target: Record<string, unknown>, source: MessageTree, path: string) => {
    for (const [key, value] of Object.entries(source)) {
      const here = path ? `${path}.${key}` : key
      const existing = target[key]
      if (typeof value === 'string') {
        if (existing !== undefined) throw new Error(`message key defined twice: ${here}`)
        target[key] = value
      } else {
        if (typeof existing === 'string') throw new Error(`message key defined twice: ${here}`)
        const child = (existing as Record<string, unknown> | undefined) ?? {}
        target[key] = child
        merge(child, value, here)
      }
    }
  }
  const vi: Record<string, unknown> = {}
  const en: Record<string, unknown> = {}
  for (const catalogue of catalogues) {
    merge(vi, catalogue.vi, '')
    merge(en, catalogue.en, '')
  }
  return { vi: vi as MessageTree, en: en as MessageTree }
}

/** Lists every leaf key of a tree, dotted ("auth.signIn.title"). */
export function leafKeys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  )
}

/** The translators of an application, one per locale. */
export interface I18n {
  translator(locale: Locale): Translate
  /** Whether a key exists in the Vietnamese catalogue. */
  has(key: string): boolean
}

/** Builds translators over the merged catalogues. */
export function createI18n(catalogue: Catalogue): I18n {
  const instance: I18nInstance = i18next.createInstance()
  void instance.init({
    initAsync: false,
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    resources: { vi: { translation: catalogue.vi }, en: { translation: catalogue.en } },
    // Views escape everything they print, so escaping here would escape twice.
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  const translators = Object.fromEntries(
    LOCALES.map((locale) => {
      const fixed = instance.getFixedT(locale)
      // The catalogues never change after start-up, so a message without values is looked up once.
      const plain = new Map<string, string>()
      const translate: Translate = (key, values) => {
        if (values !== undefined) return fixed(key, values) as string
        let text = plain.get(key)
        if (text === undefined) {
          text = fixed(key, {}) as string
          if (plain.size < 20_000) plain.set(key, text)
        }
        return text
      }
      return [locale, translate]
    }),
  ) as Record<Locale, Translate>
  return {
    translator: (locale) => translators[locale],
    has: (key) => instance.exists(key, { lng: 'vi' }),
  }
}
