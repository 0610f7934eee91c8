/** Pieces every JSON route shares: the error body's schema and the signed-in check. */
import { Type } from 'typebox'
import type { Principal } from '../auth/principal.ts'
import { UnauthorizedError } from './errors.ts'

/** The body of every API error: `{error, message, fields}` (see error-handler.ts). */
export const ErrorBody = Type.Object({ error: Type.String(), message: Type.String(), fields: Type.Record(Type.String(), Type.String()) })

/** The signed-in principal (session or Bearer token), or 401. */
export function requirePrincipal(principal: Principal | null): Principal {
  if (!principal) throw new UnauthorizedError()
  return principal
}
