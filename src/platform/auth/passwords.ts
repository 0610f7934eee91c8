/** Password hashing with argon2id. */
import argon2 from 'argon2'

// OWASP's recommended argon2id floor: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

/** Hashes a password for storage. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS)
}

/** Checks a password against a stored hash; false for a malformed hash instead of throwing. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password)
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | null = null
/** Spends the same time as a real check, so unknown usernames cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('dummy-password-for-timing')
  await verifyPassword(await dummyHash, password)
  return false
}

/** The minimum length of a staff password. */
export const MIN_PASSWORD_LENGTH = 10

/** Catalogue key of what is wrong with a new password, or null when acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'errors.password.tooShort'
  if (password.length > 200) return 'errors.password.tooLong'
  return null
}
