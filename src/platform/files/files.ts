/**
 * Storage of uploaded files by key. The folder store keeps them on a disk that every app
 * instance shares (a local folder on one machine, a network folder for several).
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import { randomBytes } from 'node:crypto'

/** Where uploaded files live. Keys are made of [a-z0-9/_.-] and never climb out of the store. */
export interface FileStore {
  put(key: string, bytes: Uint8Array): Promise<void>
  /** The file's bytes, or null when there is none. */
  get(key: string): Promise<Buffer | null>
  delete(key: string): Promise<void>
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9_.-]*(\/[a-z0-9][a-z0-9_.-]*)*$/

/** Refuses a key that could reach outside the store. */
function checkKey(key: string): void {
  if (!KEY_PATTERN.test(key) || key.split('/').some((part) => part === '..' || part === '.')) {
    throw new Error(`not a valid file key: ${JSON.stringify(key)}`)
  }
}

/** A store in a folder; writes go to a temporary name first, so a reader never sees half a file. */
export function createFolderStore(folder: string): FileStore {
  const root = resolve(folder)
  const pathOf = (key: string): string => {
    checkKey(key)
    const path = join(root, key)
    if (!path.startsWith(root + sep)) throw new Error(`not a valid file key: ${JSON.stringify(key)}`)
    return path
  }
  return {
    async put(key, bytes) {
      const path = pathOf(key)
      await mkdir(dirname(path), { recursive: true })
      const temporary = `${path}.${randomBytes(6).toString('hex')}.part`
      await writeFile(temporary, bytes)
      await rename(temporary, path)
    },
    async get(key) {
      try {
        return await readFile(pathOf(key))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true })
    },
  }
}

/** A new random key under a prefix, e.g. "feedback/2026/11/9f2c…". */
export function newFileKey(prefix: string, now: Date, extension: string): string {
  const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`
  return `${prefix}/${month}/${randomBytes(12).toString('hex')}.${extension}`
}
