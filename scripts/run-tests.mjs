#!/usr/bin/env node
// Runs the test suites with node's own test runner through tsx.
// Node 20's `--test` does not expand globs (and passes with zero files), so the
// file list is built here and the run fails loudly when it finds no test.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const which = process.argv[2] ?? 'all' // all | unit | e2e

/** Lists files under dir whose names match the predicate. */
function findFiles(dir, isWanted, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) findFiles(path, isWanted, out)
    else if (isWanted(name)) out.push(relative(root, path))
  }
  return out.sort()
}

const unitFiles = [
  ...findFiles(join(root, 'src'), (n) => /\.test\.tsx?$/.test(n)),
  ...findFiles(join(root, 'test'), (n) => /\.test\.tsx?$/.test(n)),
  // The benchmark's own helpers that a wrong figure would come from (the floor server).
  ...findFiles(join(root, 'bench'), (n) => /\.test\.tsx?$/.test(n)),
]
const e2eFiles = findFiles(join(root, 'test'), (n) => /\.spec\.ts$/.test(n))
const files = which === 'unit' ? unitFiles : which === 'e2e' ? e2eFiles : [...unitFiles, ...e2eFiles]
if (files.length === 0) {
  console.error(`run-tests: no test files found for "${which}"`)
  process.exit(1)
}

const isCi = process.env.CI === 'true'
const args = ['--import', 'tsx', '--test', '--test-concurrency=1']
if (isCi) args.push('--test-reporter=tap')
args.push(...files)
const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root })
process.exit(result.status ?? 1)
