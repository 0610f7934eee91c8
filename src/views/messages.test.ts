/**
 * The message catalogues stay complete: Vietnamese and English have the same keys and the same
 * placeholders, and every catalogue key the code names exists. Catalogues are discovered from the
 * files (src/views/messages.ts and every src/**\/*.messages.ts) so a new feature is checked too.
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'
import { pathToFileURL } from 'node:url'
import { leafKeys, LOCALES, mergeCatalogues } from '../platform/i18n/i18n.ts'
import type { Catalogue, MessageTree } from '../platform/i18n/i18n.ts'
import { ROLES, UNIT_LEVELS } from '../features/units/unit.ts'

const SRC = new URL('..', import.meta.url).pathname

/** Every file under a directory whose name passes the test. */
function filesUnder(dir: string, isWanted: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'assets' || name === 'node_modules' ? [] : filesUnder(path, isWanted)
    return isWanted(name) ? [path] : []
  })
}

/** Whether a value has the shape of a Catalogue. */
function isCatalogue(value: unknown): value is Catalogue {
  const v = value as Partial<Catalogue> | null
  return typeof v === 'object' && v !== null && typeof v.vi === 'object' && typeof v.en === 'object'
}

/** The catalogues exported by every messages file, by file. */
async function loadCatalogues(): Promise<Map<string, Catalogue>> {
  const files = filesUnder(SRC, (name) => name === 'messages.ts' || name.endsWith('.messages.ts'))
  const found = new Map<string, Catalogue>()
  for (const file of files) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>
    for (const [name, value] of Object.entries(module)) if (isCatalogue(value)) found.set(`${relative(SRC, file)}#${name}`, value)
  }
  return found
}

/** The value of a dotted key in a tree, or undefined. */
function lookup(tree: MessageTree, key: string): string | undefined {
  let node: string | MessageTree | undefined = tree
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined
  return typeof node === 'string' ? node : undefined
}

/** The {{placeholders}} of a message, sorted. */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort()
}

/** Source text without comments, so examples in doc comments are not taken for uses. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[\s;{}(),])\/\/.*$/gm, '$1')
}

/** Names of the database tables, whose "table.column" references look like two-part keys. */
function tableNames(): Set<string> {
  const schema = readFileSync(join(SRC, 'db/schema.ts'), 'utf8')
  return new Set([...schema.matchAll(/^\s+(\w+): \w+Table\b/gm)].map((m) => m[1] ?? ''))
}

const catalogues = await loadCatalogues()
const merged = mergeCatalogues([...catalogues.values()])

describe('message catalogues', () => {
  it('finds the base, units and portal catalogues', () => {
    const names = [...catalogues.keys()].join(' ')
    assert.match(names, /views\/messages\.ts#baseMessages/)
    assert.match(names, /features\/units\/unit\.messages\.ts#messages/)
    assert.match(names, /features\/portal\/portal\.messages\.ts#messages/)
  })

  it('has exactly the same keys in Vietnamese and English, in every catalogue', () => {
    for (const [name, catalogue] of catalogues) {
      const vi = new Set(leafKeys(catalogue.vi))
      const en = new Set(leafKeys(catalogue.en))
      const onlyVi = [...vi].filter((k) => !en.has(k))
      const onlyEn = [...en].filter((k) => !vi.has(k))
      assert.deepEqual({ onlyVi, onlyEn }, { onlyVi: [], onlyEn: [] }, `${name}: keys differ between vi and en`)
    }
  })

  it('merges without a key defined twice', () => {
    assert.doesNotThrow(() => mergeCatalogues([...catalogues.values()]))
  })

  it('uses the same placeholders in both languages and has no empty message', () => {
    const problems: string[] = []
    for (const key of leafKeys(merged.vi)) {
      const vi = lookup(merged.vi, key) ?? ''
      const en = lookup(merged.en, key) ?? ''
      if (vi.trim() === '' || en.trim() === '') problems.push(`${key}: empty`)
      if (placeholders(vi).join() !== placeholders(en).join()) problems.push(`${key}: {{…}} differ (${placeholders(vi).join()} / ${placeholders(en).join()})`)
    }
    assert.deepEqual(problems, [])
  })

  it('has every catalogue key that the code names as a string literal', () => {
    const namespaces = new Set(LOCALES.flatMap((locale) => Object.keys(merged[locale])))
    const tables = tableNames()
    const missing: string[] = []
    const sources = filesUnder(SRC, (name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !/messages\.ts$/.test(name))
    for (const file of sources) {
      const source = withoutComments(readFileSync(file, 'utf8'))
      for (const match of source.matchAll(/(['"`])([a-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+)\1/g)) {
        const key = match[2] ?? ''
        const parts = key.split('.')
        const namespace = parts[0] ?? ''
        if (!namespaces.has(namespace)) continue
        // "units.id" is a Kysely column reference, not a message; keys of table-named
        // namespaces are always deeper ("units.errors.code").
        if (tables.has(namespace) && parts.length === 2) continue
        for (const locale of LOCALES) {
          if (lookup(merged[locale], key) === undefined) missing.push(`${key} (${locale}) in ${relative(SRC, file)}`)
        }
      }
    }
    assert.deepEqual(missing, [])
  })

  it('has the keys the code builds from lists (roles, levels, languages, notices, error pages)', () => {
    const built = [
      ...ROLES.flatMap((role) => [`units.roles.${role}`, `units.roleHints.${role}`]),
      ...UNIT_LEVELS.map((level) => `units.levels.${level}`),
      ...LOCALES.map((locale) => `language.${locale}`),
      ...['success', 'info', 'warning'].map((kind) => `notice.${kind}`),
      ...['badRequest', 'unauthorized', 'forbidden', 'notFound', 'tooManyRequests', 'internal', 'csrf', 'other'].flatMap((section) => [
        `errorPage.${section}.title`,
        `errorPage.${section}.hint`,
      ]),
    ]
    const missing = built.flatMap((key) => LOCALES.filter((locale) => lookup(merged[locale], key) === undefined).map((locale) => `${key} (${locale})`))
    assert.deepEqual(missing, [])
  })

  it('writes Vietnamese with its diacritics (no message of several words is plain ASCII)', () => {
    // Guards against text typed without a Vietnamese keyboard ("Dang nhap"); names and codes aside.
    const allowed = new Set(['site.productName', 'language.en'])
    const plain = leafKeys(merged.vi).filter((key) => {
      const text = (lookup(merged.vi, key) ?? '').replace(/\{\{\s*\w+\s*\}\}/g, '')
      return !allowed.has(key) && text.trim().split(/\s+/).length >= 2 && /^[\x20-\x7e]*$/.test(text)
    })
    assert.deepEqual(plain, [])
  })
})
