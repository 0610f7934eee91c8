/**
 * HTML routes of units, staff and sign-in: sign-in and sign-out, the desk, changing one's own
 * password, and the administration of units and staff. Handlers stay thin: read the form, call
 * one use case (which checks scope and writes the audit entry), then redirect (PRG) or re-render
 * the form with its errors.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, FeatureDeps } from '../../app.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { createSession, CSRF_COOKIE, destroySession, SESSION_COOKIE } from '../../platform/auth/tokens.ts'
import { ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError, ValidationError } from '../../platform/http/errors.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { formBody, formErrorsOf, formList, formText, NO_ERRORS } from '../../views/forms.ts'
import type { FormErrors } from '../../views/forms.ts'
import { createPageSupport, isSafeNextPath, principalOf, rememberHomeUnit, sendPage, signedInGuard } from '../../views/page.ts'
import type { PageSupport } from '../../views/page.ts'
import * as service from './unit.service.ts'
import { hasRoleOn, requireAnyRole, requireRoleOn, scopeRoots } from './unit.policy.ts'
import type { Staff, Unit } from './unit.ts'
import { DeskPage, PasswordPage, SignInPage } from './views/account.tsx'
import { hasAnyRole } from './unit.policy.ts'
import { AdminOverviewPage, EditUnitPage, EMPTY_UNIT_FORM, NewUnitPage, UnitsPage } from './views/admin-units.tsx'
import type { UnitFormValues } from './views/admin-units.tsx'
import { EMPTY_STAFF_FORM, NewStaffPage, StaffListPage, StaffPage } from './views/admin-staff.tsx'
import type { StaffFormValues } from './views/admin-staff.tsx'
import { buildUnitTree, foldForSearch } from './views/unit-tree.ts'

// The CSRF plugin's cookie (configured in app.ts). Cleared at sign-in and sign-out so each
// session gets a fresh CSRF secret and a token planted before sign-in is worthless after it.

/** Staff shown per page of the staff list. */
export const STAFF_PAGE_SIZE = 25

/** Sign-in attempts allowed per client address per minute, on top of the per-account lock. */
export const SIGN_IN_RATE_PER_MINUTE = 20

// Sorts Vietnamese names the way Vietnamese lists are read: by given name (the last word), then in full.
const nameCollator = new Intl.Collator('vi', { sensitivity: 'base' })
const givenNameKey = (fullName: string) => `${fullName.trim().split(/\s+/).pop() ?? ''} ${fullName}`

/** Where to go after signing in: a safe same-site path that is not the sign-in page itself. */
function nextPathOf(value: unknown): string | null {
  return isSafeNextPath(value) && !/^\/sign-(in|out)\b/.test(value) ? value : null
}

/** Parses a numeric route parameter; anything else is a 404, as for an unknown record. */
function idParam(value: string): number {
  if (!/^\d{1,12}$/.test(value)) throw new NotFoundError()
  return Number(value)
}

/** The staff form as typed. */
function readStaffForm(body: unknown): StaffFormValues & { password: string } {
  const form = formBody(body)
  return {
    username: formText(form, 'username'),
    fullName: formText(form, 'fullName'),
    title: formText(form, 'title'),
    email: formText(form, 'email'),
    phone: formText(form, 'phone'),
    unitCode: formText(form, 'unitCode'),
    roles: formList(form, 'roles'),
    password: formText(form, 'password'),
  }
}

/** The unit form as typed. */
function readUnitForm(body: unknown): UnitFormValues {
  const form = formBody(body)
  return {
    code: formText(form, 'code'),
    name: formText(form, 'name'),
    nameEn: formText(form, 'nameEn'),
    level: formText(form, 'level'),
    parentCode: formText(form, 'parentCode'),
    agencyCode: formText(form, 'agencyCode'),
  }
}

/**
 * The guard of every administration page, in this feature and others: sign in first; signed in
 * without the admin role, the 403 page.
 */
export function adminPageGuard(deps: service.UnitDeps): ReturnType<typeof signedInGuard> {
  return signedInGuard(async (req, principal) => {
    if (!service.isAdmin(principal)) {
      // The error page cannot reach the database; give it the unit's name for the header.
      rememberHomeUnit(req, await service.getHomeUnit(deps))
      requireAnyRole(principal, ['admin'])
    }
  })
}

/** Registers the pages. */
export function registerUnitPages(app: App, deps: FeatureDeps): void {
  const pages: PageSupport = createPageSupport({
    appSecret: deps.config.sessionSecret,
    isSecureCookie: deps.config.isSecureCookie,
    loadHomeUnit: () => service.getHomeUnit(deps),
  })

  const requireSignedIn = signedInGuard()
  const requireAdmin = adminPageGuard(deps)

  /** Units the principal administers (the scope of every admin page). */
  const administeredUnits = async (principal: Principal): Promise<Unit[]> =>
    (await service.listUnits(deps)).filter((unit) => hasRoleOn(principal, ['admin'], unit.path))

  /** Loads a staff member the principal administers: 404 when unknown, 403 outside their units. */
  const staffUnderAdmin = async (principal: Principal, staffId: number): Promise<Staff> => {
    const staff = await service.getStaff(deps, staffId)
    const unit = await service.getUnit(deps, staff.unitId)
    requireRoleOn(principal, ['admin'], unit.path)
    return staff
  }

  /** Loads a unit by code that the principal administers: 404 when unknown, 403 outside their units. */
  const unitUnderAdmin = async (principal: Principal, code: string): Promise<Unit> => {
    const unit = await service.getUnitByCode(deps, code)
    requireRoleOn(principal, ['admin'], unit.path)
    return unit
  }

  // ---------- Sign-in, sign-out, desk, own password ----------

  const renderSignIn = async (req: FastifyRequest, reply: FastifyReply, state: { username: string; next: string | null; errors: FormErrors }, status = 200) =>
    sendPage(reply, <SignInPage ctx={await pages.context(req, reply)} username={state.username} next={state.next} errors={state.errors} />, status)

  app.get<{ Querystring: { next?: string } }>('/sign-in', { schema: { hide: true } }, async (req, reply) => {
    const next = nextPathOf(req.query.next)
    if (req.principal) return reply.redirect(next ?? '/desk', 303)
    return renderSignIn(req, reply, { username: '', next, errors: NO_ERRORS })
  })

  app.post(
    '/sign-in',
    { schema: { hide: true }, config: { rateLimit: { max: SIGN_IN_RATE_PER_MINUTE, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const form = formBody(req.body)
      const username = formText(form, 'username').trim()
      const password = formText(form, 'password')
      const next = nextPathOf(formText(form, 'next'))
      const missing: FieldErrors = {}
      if (username === '') missing.username = 'auth.errors.usernameRequired'
      if (password === '') missing.password = 'auth.errors.passwordRequired'
      if (Object.keys(missing).length > 0) return renderSignIn(req, reply, { username, next, errors: { fields: missing } }, 422)
      let staffId: number
      try {
        staffId = (await service.signIn(deps, username, password)).staffId
      } catch (error) {
        if (error instanceof TooManyRequestsError) {
          reply.header('retry-after', String(error.retryAfterSeconds))
          return renderSignIn(req, reply, { username, next, errors: { fields: { username: error.messageKey } } }, 429)
        }
        if (error instanceof UnauthorizedError) {
          return renderSignIn(req, reply, { username, next, errors: { fields: { password: error.messageKey } } }, 401)
        }
        throw error
      }
      const oldToken = req.cookies[SESSION_COOKIE]
      if (oldToken) await destroySession(deps.db, oldToken)
      const token = await createSession(deps.db, staffId, deps.clock.now())
      // No maxAge: the cookie ends with the browser, which suits shared office computers;
      // the server also ends the session after idle time and a maximum age.
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.isSecureCookie })
      reply.clearCookie(CSRF_COOKIE, { path: '/' })
      return reply.redirect(next ?? '/desk', 303)
    },
  )

  app.post('/sign-out', { schema: { hide: true } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE]
    if (token) await destroySession(deps.db, token)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    reply.clearCookie(CSRF_COOKIE, { path: '/' })
    if (token) pages.flash(reply, { kind: 'success', key: 'auth.signOut.done' })
    return reply.redirect('/', 303)
  })

  app.get('/desk', { schema: { hide: true }, preHandler: requireSignedIn }, async (req, reply) => {
    const principal = principalOf(req)
    const staff = await service.getStaff(deps, principal.staffId)
    return sendPage(reply, <DeskPage ctx={await pages.context(req, reply)} staff={staff} isAdmin={service.isAdmin(principal)} hasDeskRole={hasAnyRole(principal, ['desk_officer', 'specialist', 'leader'])} isLeader={hasAnyRole(principal, ['leader', 'admin'])} />)
  })

  app.get('/account/password', { schema: { hide: true }, preHandler: requireSignedIn }, async (req, reply) =>
    sendPage(reply, <PasswordPage ctx={await pages.context(req, reply)} errors={NO_ERRORS} />),
  )

  app.post('/account/password', { schema: { hide: true }, preHandler: requireSignedIn }, async (req, reply) => {
    const form = formBody(req.body)
    const currentPassword = formText(form, 'currentPassword')
    const newPassword = formText(form, 'newPassword')
    const confirmPassword = formText(form, 'confirmPassword')
    const fields: FieldErrors = {}
    if (currentPassword === '') fields.currentPassword = 'auth.errors.currentRequired'
    if (newPassword === '') fields.newPassword = 'auth.errors.newRequired'
    else if (confirmPassword !== newPassword) fields.confirmPassword = 'auth.errors.confirmMismatch'
    let errors: FormErrors | null = Object.keys(fields).length > 0 ? { fields } : null
    let status = 422
    if (errors === null) {
      try {
        await service.changeOwnPassword(deps, principalOf(req), currentPassword, newPassword)
      } catch (error) {
        const failure = formErrorsOf(error)
        if (!failure) throw error
        errors = failure.errors
        status = failure.status
      }
    }
    if (errors !== null) return sendPage(reply, <PasswordPage ctx={await pages.context(req, reply)} errors={errors} />, status)
    pages.flash(reply, { kind: 'success', key: 'auth.password.done' })
    return reply.redirect('/desk', 303)
  })

  // ---------- Administration: overview and units ----------

  app.get('/admin', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const principal = principalOf(req)
    const units = await administeredUnits(principal)
    const rootPaths = new Set(scopeRoots(principal, ['admin']).map((r) => r.path))
    const scopeNames = units.filter((u) => rootPaths.has(u.path)).map((u) => u.name)
    const staff = await service.listStaff(deps, principal)
    return sendPage(reply, <AdminOverviewPage ctx={await pages.context(req, reply)} scopeNames={scopeNames} unitCount={units.length} staffCount={staff.length} />)
  })

  app.get('/admin/units', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const tree = buildUnitTree(await administeredUnits(principalOf(req)))
    return sendPage(reply, <UnitsPage ctx={await pages.context(req, reply)} tree={tree} />)
  })

  const renderNewUnit = async (req: FastifyRequest, reply: FastifyReply, values: UnitFormValues, errors: FormErrors, status = 200) => {
    const tree = buildUnitTree(await administeredUnits(principalOf(req)))
    return sendPage(reply, <NewUnitPage ctx={await pages.context(req, reply)} tree={tree} values={values} errors={errors} />, status)
  }

  app.get('/admin/units/new', { schema: { hide: true }, preHandler: requireAdmin }, (req, reply) => renderNewUnit(req, reply, EMPTY_UNIT_FORM, NO_ERRORS))

  app.post('/admin/units', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const values = readUnitForm(req.body)
    // Only the system creates root units, so for a person the parent is required; the use case
    // still runs so that every other problem of the form shows at the same time.
    const parentMissing: FieldErrors = values.parentCode.trim() === '' ? { parentCode: 'units.errors.parentRequired' } : {}
    try {
      const unit = await service.createUnit(deps, principalOf(req), values)
      pages.flash(reply, { kind: 'success', key: 'admin.units.created', params: { name: unit.name } })
      return reply.redirect('/admin/units', 303)
    } catch (error) {
      if (error instanceof ForbiddenError && Object.keys(parentMissing).length > 0) {
        return renderNewUnit(req, reply, values, { fields: parentMissing }, 422)
      }
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderNewUnit(req, reply, values, { ...failure.errors, fields: { ...parentMissing, ...failure.errors.fields } }, failure.status)
    }
  })

  const renderEditUnit = async (
    req: FastifyRequest,
    reply: FastifyReply,
    unit: Unit,
    values: { name: string; nameEn: string; agencyCode: string },
    errors: FormErrors,
    status = 200,
  ) => {
    const parent = unit.parentId === null ? null : await service.getUnit(deps, unit.parentId)
    return sendPage(reply, <EditUnitPage ctx={await pages.context(req, reply)} unit={unit} parentName={parent?.name ?? null} values={values} errors={errors} />, status)
  }

  app.get<{ Params: { code: string } }>('/admin/units/:code', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const unit = await unitUnderAdmin(principalOf(req), req.params.code)
    return renderEditUnit(req, reply, unit, { name: unit.name, nameEn: unit.nameEn ?? '', agencyCode: unit.agencyCode ?? '' }, NO_ERRORS)
  })

  app.post<{ Params: { code: string } }>('/admin/units/:code', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const principal = principalOf(req)
    const unit = await unitUnderAdmin(principal, req.params.code)
    const { name, nameEn, agencyCode } = readUnitForm(req.body)
    try {
      const updated = await service.updateUnit(deps, principal, unit.id, { name, nameEn, agencyCode })
      pages.flash(reply, { kind: 'success', key: 'admin.units.updated', params: { name: updated.name } })
      return reply.redirect('/admin/units', 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderEditUnit(req, reply, unit, { name, nameEn, agencyCode }, failure.errors, failure.status)
    }
  })

  for (const [action, isDisabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post<{ Params: { code: string } }>(`/admin/units/:code/${action}`, { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
      const principal = principalOf(req)
      const unit = await unitUnderAdmin(principal, req.params.code)
      const updated = await service.updateUnit(deps, principal, unit.id, { isDisabled })
      pages.flash(reply, { kind: 'success', key: isDisabled ? 'admin.units.disabled' : 'admin.units.enabled', params: { name: updated.name } })
      return reply.redirect(`/admin/units/${encodeURIComponent(updated.code)}`, 303)
    })
  }

  // ---------- Administration: staff ----------

  app.get<{ Querystring: { unit?: string; q?: string; page?: string } }>('/admin/staff', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const principal = principalOf(req)
    const units = await administeredUnits(principal)
    const unitCode = typeof req.query.unit === 'string' ? req.query.unit : ''
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : ''
    const filterUnit = units.find((u) => u.code === unitCode) ?? null
    const pathOf = new Map(units.map((u) => [u.id, u.path]))
    const needle = foldForSearch(q)
    const matching = (await service.listStaff(deps, principal))
      .filter((s) => filterUnit === null || (pathOf.get(s.unitId) ?? '').startsWith(filterUnit.path))
      .filter((s) => needle === '' || foldForSearch(`${s.fullName} ${s.username}`).includes(needle))
      .sort((a, b) => nameCollator.compare(givenNameKey(a.fullName), givenNameKey(b.fullName)))
    const pageCount = Math.max(1, Math.ceil(matching.length / STAFF_PAGE_SIZE))
    const requested = Number.parseInt(typeof req.query.page === 'string' ? req.query.page : '1', 10)
    const page = Number.isFinite(requested) ? Math.min(Math.max(requested, 1), pageCount) : 1
    const hrefFor = (p: number) => {
      const params = new URLSearchParams()
      if (filterUnit) params.set('unit', filterUnit.code)
      if (q) params.set('q', q)
      if (p > 1) params.set('page', String(p))
      const query = params.toString()
      return query ? `/admin/staff?${query}` : '/admin/staff'
    }
    return sendPage(
      reply,
      <StaffListPage
        ctx={await pages.context(req, reply)}
        staff={matching.slice((page - 1) * STAFF_PAGE_SIZE, page * STAFF_PAGE_SIZE)}
        total={matching.length}
        page={page}
        pageCount={pageCount}
        pageSize={STAFF_PAGE_SIZE}
        tree={buildUnitTree(units)}
        filter={{ unit: filterUnit?.code ?? '', q }}
        now={deps.clock.now()}
        hrefFor={hrefFor}
      />,
    )
  })

  const renderNewStaff = async (req: FastifyRequest, reply: FastifyReply, values: StaffFormValues, errors: FormErrors, status = 200) => {
    const tree = buildUnitTree(await administeredUnits(principalOf(req)))
    return sendPage(reply, <NewStaffPage ctx={await pages.context(req, reply)} tree={tree} values={values} errors={errors} />, status)
  }

  app.get('/admin/staff/new', { schema: { hide: true }, preHandler: requireAdmin }, (req, reply) => renderNewStaff(req, reply, EMPTY_STAFF_FORM, NO_ERRORS))

  app.post('/admin/staff', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const values = readStaffForm(req.body)
    try {
      const { staff, password } = await service.createStaff(deps, principalOf(req), values)
      const isGenerated = values.password.trim() === ''
      pages.flash(reply, {
        kind: 'success',
        key: isGenerated ? 'admin.staff.createdWithPassword' : 'admin.staff.created',
        params: { name: staff.fullName, username: staff.username },
        ...(isGenerated ? { secret: password } : {}),
      })
      return reply.redirect(`/admin/staff/${staff.id}`, 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderNewStaff(req, reply, values, failure.errors, failure.status)
    }
  })

  const renderStaff = async (
    req: FastifyRequest,
    reply: FastifyReply,
    staff: Staff,
    state: { grantValues: { role: string; unitCode: string }; errors: FormErrors },
    status = 200,
  ) => {
    const principal = principalOf(req)
    const allUnits = await service.listUnits(deps)
    const tree = buildUnitTree(allUnits.filter((unit) => hasRoleOn(principal, ['admin'], unit.path)))
    return sendPage(
      reply,
      <StaffPage
        ctx={await pages.context(req, reply)}
        staff={staff}
        unitCodes={new Map(allUnits.map((u) => [u.id, u.code]))}
        tree={tree}
        grantValues={state.grantValues}
        errors={state.errors}
        isSelf={staff.id === principal.staffId}
        now={deps.clock.now()}
      />,
      status,
      // The page may carry a freshly generated password in its flash.
      { isPrivate: true },
    )
  }

  const noGrant = { role: '', unitCode: '' }

  app.get<{ Params: { id: string } }>('/admin/staff/:id', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const staff = await staffUnderAdmin(principalOf(req), idParam(req.params.id))
    return renderStaff(req, reply, staff, { grantValues: noGrant, errors: NO_ERRORS })
  })

  /**
   * Runs one change on a staff member the admin manages, then redirects to their page with a
   * flash; a problem the admin can fix re-renders the page with it.
   */
  const changeStaff = async (
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    grantValues: { role: string; unitCode: string },
    change: (principal: Principal, staff: Staff) => Promise<Parameters<PageSupport['flash']>[1]>,
  ) => {
    const principal = principalOf(req)
    const staff = await staffUnderAdmin(principal, idParam(req.params.id))
    try {
      pages.flash(reply, await change(principal, staff))
      return reply.redirect(`/admin/staff/${staff.id}`, 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderStaff(req, reply, await service.getStaff(deps, staff.id), { grantValues, errors: failure.errors }, failure.status)
    }
  }

  for (const [action, isDisabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post<{ Params: { id: string } }>(`/admin/staff/:id/${action}`, { schema: { hide: true }, preHandler: requireAdmin }, (req, reply) =>
      changeStaff(req, reply, noGrant, async (principal, staff) => {
        await service.setStaffDisabled(deps, principal, staff.id, isDisabled)
        return { kind: 'success', key: isDisabled ? 'admin.staff.disabled' : 'admin.staff.enabled', params: { name: staff.fullName } }
      }),
    )
  }

  app.post<{ Params: { id: string } }>('/admin/staff/:id/reset-password', { schema: { hide: true }, preHandler: requireAdmin }, (req, reply) =>
    changeStaff(req, reply, noGrant, async (principal, staff) => {
      const password = await service.resetStaffPassword(deps, principal, staff.id)
      return { kind: 'success', key: 'admin.staff.passwordReset', params: { name: staff.fullName }, secret: password }
    }),
  )

  app.post<{ Params: { id: string } }>('/admin/staff/:id/grants', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const form = formBody(req.body)
    const grantValues = { role: formText(form, 'role'), unitCode: formText(form, 'unitCode') }
    return changeStaff(req, reply, grantValues, async (principal, staff) => {
      const fields: FieldErrors = {}
      if (grantValues.role === '') fields.role = 'units.errors.roleRequired'
      if (grantValues.unitCode === '') fields.unitCode = 'units.errors.unit'
      if (Object.keys(fields).length > 0) throw new ValidationError(fields)
      await service.grantRole(deps, principal, staff.id, grantValues.role, grantValues.unitCode)
      const unit = await service.getUnitByCode(deps, grantValues.unitCode)
      return { kind: 'success', key: 'admin.staff.granted', params: { name: staff.fullName, role: req.t(`units.roles.${grantValues.role}`), unit: unit.name } }
    })
  })

  app.post<{ Params: { id: string } }>('/admin/staff/:id/grants/revoke', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const form = formBody(req.body)
    const role = formText(form, 'role')
    const unitCode = formText(form, 'unitCode')
    return changeStaff(req, reply, { role: '', unitCode: '' }, async (principal, staff) => {
      await service.revokeRole(deps, principal, staff.id, role, unitCode)
      return { kind: 'success', key: 'admin.staff.revoked', params: { name: staff.fullName, role: req.t(`units.roles.${role}`) } }
    })
  })
}
