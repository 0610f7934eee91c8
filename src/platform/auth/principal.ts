/** Who is making a request, with the role grants that scope what they may do. */

/** One role granted on one unit; `unitPath` is the unit's materialised path ("/1/4/"). */
export interface Grant {
  readonly role: string
  readonly unitId: number
  readonly unitPath: string
}

/** A signed-in staff member. */
export interface Principal {
  readonly staffId: number
  readonly username: string
  readonly fullName: string
  readonly unitId: number
  readonly grants: readonly Grant[]
}

/** Loads the principal of a staff id (null when unknown or disabled); supplied by the units feature. */
export type PrincipalLoader = (staffId: number) => Promise<Principal | null>
