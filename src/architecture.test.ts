/**
 * Keeps the dependency direction of docs/ARCHITECTURE.md: cli → app → features → platform → db →
 * config. Nothing imports upward; features reach each other only through the other's index.ts;
 * migrations import only kysely (and their frozen kit).
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const SRC = dirname(fileURLToPath(import.meta.url))

/** Every source file under a folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name) ? [path] : []
  })
}

/** The relative imports of a file, resolved to paths under src/ ('' for packages). */
function importsOf(file: string): { spec: string; target: string | null }[] {
  const text = readFileSync(file, 'utf8')
  const specs = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!)
  return specs.map((spec) => ({ spec, target: spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)) : null }))
}

const layerOf = (path: string): string => {
  if (path.startsWith('cli/')) return 'cli'
  if (path === 'app.ts' || path === 'main.ts' || path === 'jobs.ts' || path === 'seed.ts' || path === 'seed-province.ts') return 'app'
  if (path.startsWith('features/')) return 'features'
  if (path.startsWith('views/')) return 'views'
  if (path.startsWith('platform/')) return 'platform'
  if (path.startsWith('db/')) return 'db'
  if (path === 'config.ts') return 'config'
  return 'other'
}

// What each layer may import (besides itself).
const ALLOWED: Record<string, string[]> = {
  cli: ['app', 'features', 'views', 'platform', 'db', 'config'],
  app: ['features', 'views', 'platform', 'db', 'config'],
  features: ['app', 'views', 'platform', 'db', 'config'],
  views: ['platform', 'db', 'config'],
  platform: ['db', 'config'],
  db: ['config'],
  config: [],
}

describe('architecture', () => {
  const files = sourceFiles(SRC).map((f) => ({ file: f, path: relative(SRC, f) }))

  it('imports only downward', () => {
    const problems: string[] = []
    for (const { file, path } of files) {
      const from = layerOf(path)
      for (const { spec, target } of importsOf(file)) {
        if (target === null) continue
        const to = layerOf(target)
        if (to === from) continue
        // Features register on the app and use its types; that is the one upward reference allowed,
        // and only for types (checked by `import type` in review).
        if (from === 'features' && to === 'app' && target !== 'app.ts') problems.push(`${path} → ${spec}`)
        // The database schema is assembled from table interfaces wherever they live.
        if (path === 'db/schema.ts' && target.endsWith('.table.ts')) continue
        if (!(ALLOWED[from] ?? []).includes(to)) problems.push(`${path} (${from}) → ${spec} (${to})`)
      }
    }
    assert.deepEqual(problems, [])
  })

  it('lets features reach each other only through index.ts', () => {
    const problems: string[] = []
    for (const { file, path } of files) {
      const own = /^features\/([^/]+)\//.exec(path)?.[1]
      if (!own) continue
      for (const { spec, target } of importsOf(file)) {
        const other = target && /^features\/([^/]+)\/(.+)$/.exec(target)
        if (other && other[1] !== own && other[2] !== 'index.ts') problems.push(`${path} → ${spec}`)
      }
    }
    assert.deepEqual(problems, [])
  })

  it('keeps migrations self-contained: kysely and their kit only', () => {
    const problems: string[] = []
    for (const { file, path } of files.filter((f) => f.path.startsWith('db/migrations/'))) {
      for (const { spec } of importsOf(file)) {
        if (spec !== 'kysely' && spec !== './kit.ts' && !(path.endsWith('index.ts') && spec.startsWith('./2'))) problems.push(`${path} → ${spec}`)
      }
    }
    assert.deepEqual(problems, [])
  })

  it('reads the environment only in config.ts', () => {
    const offenders = files.filter(({ file, path }) => path !== 'config.ts' && /process\.env\b/.test(readFileSync(file, 'utf8')))
    assert.deepEqual(offenders.map((f) => f.path), [])
  })
})
