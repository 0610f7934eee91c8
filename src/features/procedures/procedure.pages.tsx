/**
 * HTML routes of the procedure catalogue: the public catalogue and procedure pages, and the
 * administration pages that create and edit procedures. The service checks that only
 * administrators of the home unit edit, validates, and writes the audit entry; handlers read the
 * form, call it, then redirect with a flash (PRG) or re-render the form with its errors.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, FeatureDeps } from '../../app.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { ForbiddenError } from '../../platform/http/errors.ts'
import { formBody, formErrorsOf, formList, formText, NO_ERRORS } from '../../views/forms.ts'
import type { FormBody, FormErrors } from '../../views/forms.ts'
import { createPageSupport, principalOf, sendPage } from '../../views/page.ts'
import * as units from '../units/index.ts'
import { createProcedure, getProcedure, inputOf, listProcedures, updateProcedure } from './procedure.service.ts'
import type { Procedure, ProcedureInput } from './procedure.ts'
import { EMPTY_DOCUMENT_ROW, EMPTY_PROCEDURE_FORM, ProcedureFormPage, ProcedureListPage } from './views/admin-procedures.tsx'
import type { DocumentRowValues, ProcedureFormValues, StepRowValues } from './views/admin-procedures.tsx'
import { CataloguePage, ProcedurePage } from './views/catalogue.tsx'
import type { FieldGroup } from './views/catalogue.tsx'

// Fields and procedures are listed as Vietnamese readers expect ("Đ" after "D").
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true })

/** Most repeated rows read from one form, far above any real procedure, so a forged post stays small. */
const MAX_FORM_ROWS = 100

/** The row numbers a form posted under a prefix ("documents.3.name" → 3), in order. */
function rowIndexes(form: FormBody, prefix: string): number[] {
  const pattern = new RegExp(`^${prefix}\\.(\\d{1,3})\\.`)
  const found = new Set<number>()
  for (const key of Object.keys(form)) {
    const match = pattern.exec(key)
    if (match) found.add(Number(match[1]))
  }
  return [...found].sort((a, b) => a - b).slice(0, MAX_FORM_ROWS)
}

/** Whether a document row was left as offered (nothing typed that matters): such rows are ignored. */
function isEmptyDocumentRow(row: DocumentRowValues): boolean {
  return row.name.trim() === '' && row.note.trim() === '' && row.form === '' && (row.copies.trim() === '' || row.copies.trim() === EMPTY_DOCUMENT_ROW.copies)
}

/** Whether a step row was left empty: such rows are ignored. */
function isEmptyStepRow(row: StepRowValues): boolean {
  return row.name.trim() === '' && row.role === '' && row.sharePercent.trim() === ''
}

/** The procedure form as typed, without its empty rows. */
function readProcedureForm(body: unknown): ProcedureFormValues {
  const form = formBody(body)
  const text = (name: string) => formText(form, name)
  const documents = rowIndexes(form, 'documents')
    .map((i) => ({
      name: text(`documents.${i}.name`),
      copies: text(`documents.${i}.copies`),
      form: text(`documents.${i}.form`),
      isRequired: formList(form, `documents.${i}.isRequired`).includes('yes'),
      note: text(`documents.${i}.note`),
    }))
    .filter((row) => !isEmptyDocumentRow(row))
  const steps = rowIndexes(form, 'steps')
    .map((i) => ({ name: text(`steps.${i}.name`), role: text(`steps.${i}.role`), sharePercent: text(`steps.${i}.sharePercent`) }))
    .filter((row) => !isEmptyStepRow(row))
  return {
    code: text('code').trim(),
    name: text('name'),
    nameEn: text('nameEn'),
    field: text('field'),
    level: text('level'),
    timeLimitKind: text('timeLimitKind'),
    timeLimitAmount: text('timeLimitAmount').trim(),
    feeVnd: text('feeVnd').trim(),
    feeNote: text('feeNote'),
    resultName: text('resultName'),
    legalBasis: text('legalBasis'),
    isActive: formList(form, 'isActive').includes('yes'),
    documents,
    steps,
  }
}

/** A whole number as typed, or NaN (which the catalogue's validation then reports beside the field). */
function wholeNumber(text: string): number {
  return /^\d{1,10}$/.test(text.trim()) ? Number(text.trim()) : NaN
}

/** An amount of money as typed, allowing thousands grouped with dots, commas or spaces ("30.000"). */
function amountVnd(text: string): number {
  const trimmed = text.trim()
  return /^\d{1,3}([.,\s]\d{3})+$/.test(trimmed) ? Number(trimmed.replace(/[.,\s]/g, '')) : wholeNumber(trimmed)
}

/** The use case's input from the typed form; the code of an edited procedure comes from its address. */
function inputOfForm(values: ProcedureFormValues, code: string): ProcedureInput {
  const amount = wholeNumber(values.timeLimitAmount)
  return {
    code,
    name: values.name,
    nameEn: values.nameEn,
    field: values.field,
    level: values.level,
    timeLimit: values.timeLimitKind === 'days' ? { kind: 'days', days: amount } : values.timeLimitKind === 'hours' ? { kind: 'hours', hours: amount } : { kind: values.timeLimitKind },
    feeVnd: amountVnd(values.feeVnd),
    feeNote: values.feeNote,
    resultName: values.resultName,
    legalBasis: values.legalBasis.split(/\r?\n/).map((line) => line.trim()).filter(Boolean),
    isActive: values.isActive,
    documents: values.documents.map((d) => ({ name: d.name, copies: wholeNumber(d.copies), form: d.form, isRequired: d.isRequired, note: d.note })),
    steps: values.steps.map((s) => ({ name: s.name, role: s.role, sharePercent: wholeNumber(s.sharePercent) })),
  }
}

/** The form's values for a stored procedure. */
function formValuesOf(procedure: Procedure): ProcedureFormValues {
  const input = inputOf(procedure)
  const limit = input.timeLimit
  return {
    code: input.code,
    name: input.name,
    nameEn: input.nameEn ?? '',
    field: input.field,
    level: input.level,
    timeLimitKind: limit.kind,
    timeLimitAmount: String(limit.days ?? limit.hours ?? ''),
    feeVnd: String(input.feeVnd),
    feeNote: input.feeNote ?? '',
    resultName: input.resultName,
    legalBasis: input.legalBasis.join('\n'),
    isActive: input.isActive ?? true,
    documents: input.documents.map((d) => ({ name: d.name, copies: String(d.copies), form: d.form, isRequired: d.isRequired, note: d.note ?? '' })),
    steps: input.steps.map((s) => ({ name: s.name, role: s.role, sharePercent: String(s.sharePercent) })),
  }
}

/** Registers the public catalogue pages and the catalogue's administration pages. */
export function registerProcedurePages(app: App, deps: FeatureDeps): void {
  const pages = createPageSupport({ baseUrl: deps.config.baseUrl, appSecret: deps.config.sessionSecret, isSecureCookie: deps.config.isSecureCookie, loadHomeUnit: () => units.getHomeUnit(deps) })

  // ---------- Public ----------

  app.get('/thu-tuc', { schema: { hide: true } }, async (req, reply) => {
    const byField = new Map<string, Procedure[]>()
    for (const procedure of await listProcedures(deps)) byField.set(procedure.field, [...(byField.get(procedure.field) ?? []), procedure])
    const groups: FieldGroup[] = [...byField]
      .sort(([a], [b]) => collator.compare(a, b))
      .map(([field, procedures]) => ({ field, procedures: procedures.sort((a, b) => collator.compare(a.name, b.name)) }))
    return sendPage(reply, <CataloguePage ctx={await pages.context(req, reply)} groups={groups} />)
  })

  app.get<{ Params: { code: string } }>('/thu-tuc/:code', { schema: { hide: true } }, async (req, reply) => {
    const procedure = await getProcedure(deps, req.params.code)
    return sendPage(reply, <ProcedurePage ctx={await pages.context(req, reply)} procedure={procedure} />)
  })

  // ---------- Administration ----------

  const requireAdmin = units.adminPageGuard(deps)

  /** The home unit and whether the principal administers it (and so the catalogue). */
  const catalogueScope = async (principal: Principal) => {
    const home = await units.getHomeUnit(deps)
    return { homeUnitName: home?.name ?? '', canEdit: home !== null && units.hasRoleOn(principal, ['admin'], home.path) }
  }

  /** The 403 page for administrators of other units, before they fill in a form they may not send. */
  const requireCatalogueAdmin = async (req: FastifyRequest) => {
    if (!(await catalogueScope(principalOf(req))).canEdit) throw new ForbiddenError()
  }

  app.get<{ Querystring: { field?: string } }>('/admin/thu-tuc', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const all = await listProcedures(deps, { includeInactive: true })
    const field = typeof req.query.field === 'string' ? req.query.field : ''
    const fields = [...new Set(all.map((p) => p.field))].sort(collator.compare)
    const shown = (field ? all.filter((p) => p.field === field) : all).sort((a, b) => collator.compare(a.code, b.code))
    const scope = await catalogueScope(principalOf(req))
    return sendPage(
      reply,
      <ProcedureListPage ctx={await pages.context(req, reply)} procedures={shown} fields={fields} field={field} canEdit={scope.canEdit} homeUnitName={scope.homeUnitName} />,
    )
  })

  const renderForm = async (req: FastifyRequest, reply: FastifyReply, code: string | null, values: ProcedureFormValues, errors: FormErrors, status = 200) =>
    sendPage(reply, <ProcedureFormPage ctx={await pages.context(req, reply)} code={code} values={values} errors={errors} />, status)

  app.get('/admin/thu-tuc/moi', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    await requireCatalogueAdmin(req)
    return renderForm(req, reply, null, EMPTY_PROCEDURE_FORM, NO_ERRORS)
  })

  app.post('/admin/thu-tuc', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const values = readProcedureForm(req.body)
    try {
      const created = await createProcedure(deps, principalOf(req), inputOfForm(values, values.code))
      pages.flash(reply, { kind: 'success', key: 'procedures.pages.admin.created', params: { code: created.code, name: created.name } })
      return reply.redirect('/admin/thu-tuc', 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderForm(req, reply, null, values, failure.errors, failure.status)
    }
  })

  app.get<{ Params: { code: string } }>('/admin/thu-tuc/:code', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    await requireCatalogueAdmin(req)
    const procedure = await getProcedure(deps, req.params.code)
    return renderForm(req, reply, procedure.code, formValuesOf(procedure), NO_ERRORS)
  })

  app.post<{ Params: { code: string } }>('/admin/thu-tuc/:code', { schema: { hide: true }, preHandler: requireAdmin }, async (req, reply) => {
    const procedure = await getProcedure(deps, req.params.code)
    const values = readProcedureForm(req.body)
    try {
      // The code is the procedure's address, not a field: a posted one is ignored.
      const updated = await updateProcedure(deps, principalOf(req), procedure.code, inputOfForm(values, procedure.code))
      pages.flash(reply, { kind: 'success', key: 'procedures.pages.admin.updated', params: { code: updated.code, name: updated.name } })
      return reply.redirect('/admin/thu-tuc', 303)
    } catch (error) {
      const failure = formErrorsOf(error)
      if (!failure) throw error
      return renderForm(req, reply, procedure.code, values, failure.errors, failure.status)
    }
  })
}
