/** `congso user add|list|disable|enable|reset-password`: staff accounts, as the trusted system. */
import { Option } from 'commander'
import type { Command } from 'commander'
import type { Staff, UnitDeps } from '../features/units/index.ts'
// The pure domain module: the feature's index would load its pages and API just for a list of names.
import { ROLES } from '../features/units/unit.ts'
import { NotFoundError } from '../platform/http/errors.ts'
import { UsageError } from './context.ts'
import type { Cli } from './context.ts'
import { formatTable } from './output.ts'

/** The account named on the command line; an unknown name is a usage error (exit 2). */
export async function findUser(deps: UnitDeps, username: string): Promise<Staff> {
  const { getStaffByUsername } = await units()
  try {
    return await getStaffByUsername(deps, username)
  } catch (error) {
    if (error instanceof NotFoundError) throw new UsageError(`no user named "${username}"`)
    throw error
  }
}

/** The units use cases, loaded when a command runs (see CliCommand). */
function units() {
  return import('../features/units/index.ts')
}

/** An account's state in a word or two. */
function stateOf(staff: Staff, now: Date): string {
  if (staff.isDisabled) return 'disabled'
  if (staff.lockedUntil && staff.lockedUntil.getTime() > now.getTime()) return `locked until ${staff.lockedUntil.toISOString()}`
  return 'active'
}

/** Roles as "role" on the home unit, "role@unit" elsewhere. */
function rolesOf(staff: Staff): string {
  return staff.grants.map((g) => (g.unitId === staff.unitId ? g.role : `${g.role}@${g.unitName}`)).join(', ') || '-'
}

/** Adds `user` and its subcommands to the program. */
export function register(program: Command, cli: Cli): void {
  const user = program.command('user').description('add, list, disable, enable staff accounts and reset their passwords')

  user
    .command('add')
    .description('create a staff account on a unit, with roles on that unit')
    .requiredOption('--username <username>', 'sign-in name: lower-case letters, digits, . _ -, 3–40 characters')
    .requiredOption('--name <full name>', 'full name, e.g. "Nguyễn Thị Hoa"')
    .requiredOption('--unit <code>', 'official code of the home unit, e.g. 25888 (see GET /api/v1/units)')
    .addOption(new Option('--role <role...>', 'role on the home unit; repeat for several').choices(ROLES))
    .option('--title <title>', 'job title, e.g. "Công chức Bộ phận một cửa"')
    .option('--email <email>', 'email address for notifications')
    .option('--phone <phone>', 'phone number')
    .option('--password <password>', 'initial password (10+ characters); generated and printed when omitted')
    .addHelpText('after', '\nExample: congso user add --username motcua.uyenhung2 --name "Võ Thị Hoa" --unit 25888 --role desk_officer')
    .action((options: { username: string; name: string; unit: string; role?: string[]; title?: string; email?: string; phone?: string; password?: string }) =>
      cli.withDatabase(async (deps) => {
        const { createStaff } = await units()
        const { staff, password } = await createStaff(deps, 'system', {
          username: options.username,
          fullName: options.name,
          unitCode: options.unit,
          roles: options.role ?? [],
          title: options.title ?? null,
          email: options.email ?? null,
          phone: options.phone ?? null,
          password: options.password ?? null,
        })
        cli.out(`Created ${staff.username} (${staff.fullName}) on ${staff.unitName}; roles: ${rolesOf(staff)}.`)
        if (options.password === undefined) cli.out(`Generated password (shown once): ${password}`)
      }),
    )

  user
    .command('list')
    .description('list every staff account with its unit, roles and state')
    .option('--json', 'print JSON (one array) instead of a table')
    .action((options: { json?: boolean }) =>
      cli.withDatabase(async (deps) => {
        const { listStaff } = await units()
        const staff = await listStaff(deps, 'system')
        if (options.json) {
          cli.out(JSON.stringify(staff, null, 2))
          return
        }
        const now = deps.clock.now()
        const rows = staff.map((s) => [s.username, s.fullName, s.unitName, rolesOf(s), stateOf(s, now)])
        for (const line of formatTable(['USERNAME', 'NAME', 'UNIT', 'ROLES', 'STATE'], rows)) cli.out(line)
        cli.out(`${staff.length} account(s).`)
      }),
    )

  user
    .command('disable')
    .description('disable an account and end its sessions (it can no longer sign in or use API tokens)')
    .argument('<username>', 'the account')
    .action((username: string) =>
      cli.withDatabase(async (deps) => {
        const { setStaffDisabled } = await units()
        const staff = await findUser(deps, username)
        await setStaffDisabled(deps, 'system', staff.id, true)
        cli.out(`Disabled ${staff.username}; their sessions are ended.`)
      }),
    )

  user
    .command('enable')
    .description('re-enable a disabled account')
    .argument('<username>', 'the account')
    .action((username: string) =>
      cli.withDatabase(async (deps) => {
        const { setStaffDisabled } = await units()
        const staff = await findUser(deps, username)
        await setStaffDisabled(deps, 'system', staff.id, false)
        cli.out(`Enabled ${staff.username}.`)
      }),
    )

  user
    .command('reset-password')
    .description('set a new password (given or generated), unlock the account and end its sessions; prints the password')
    .argument('<username>', 'the account')
    .option('--password <password>', 'the new password (10+ characters); generated when omitted')
    .action((username: string, options: { password?: string }) =>
      cli.withDatabase(async (deps) => {
        const { resetStaffPassword } = await units()
        const staff = await findUser(deps, username)
        const password = await resetStaffPassword(deps, 'system', staff.id, options.password ?? null)
        cli.out(`New password of ${staff.username} (the account is unlocked and its sessions are ended):`)
        cli.out(password)
      }),
    )
}
