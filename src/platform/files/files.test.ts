import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFolderStore, newFileKey } from './files.ts'

test('the folder store keeps, returns and deletes a file by key', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'congso-files-'))
  try {
    const store = createFolderStore(folder)
    const key = newFileKey('feedback', new Date('2026-11-26T00:00:00Z'), 'jpg')
    assert.match(key, /^feedback\/2026\/11\/[0-9a-f]{24}\.jpg$/)
    await store.put(key, new Uint8Array([1, 2, 3]))
    assert.deepEqual([...((await store.get(key)) ?? [])], [1, 2, 3])
    await store.delete(key)
    assert.equal(await store.get(key), null)
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
})

test('the folder store refuses keys that climb out of it', async () => {
  const store = createFolderStore(tmpdir())
  for (const key of ['../etc/passwd', 'a/../../b', '/abs', 'a//b', 'A.jpg', '']) {
    await assert.rejects(store.get(key), /not a valid file key/, key)
  }
})
