/**
 * Corrective actions on evidence: the rules (settings), their evaluation for a month (daily job and
 * `congso ratings evaluate`), the cases they open for the official's unit leaders, what the leader
 * records, and the closing of cases once their follow-up date has passed. Everything is audited.
 */
import { sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import { instant, isUniqueViolation, toDate, toDateOrNull } from '../../db/portable.ts'
import { appendAudit } from '../../platform/audit/audit.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import type { Clock } from '../../platform/clock.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import type { I18n } from '../../platform/i18n/i18n.ts'
import { enqueueMessage } from '../../platform/jobs/outbox.ts'
import * as calendarFeature from '../calendar/index.ts'
import * as dossiers from '../dossiers/index.ts'
import * as units from '../units/index.ts'
import { CASE_ACTIONS, checkRules, DEFAULT_CORRECTIVE_RULES, findShortfalls, monthBounds, monthOf } from './corrective.ts'
import type { CaseAction, CaseStatus, CorrectiveRules, OfficialRecord, RuleName } from './corrective.ts'

/** What the corrective-action use cases need. */
export interface CorrectiveDeps {
  readonly db: Db
  readonly clock: Clock
  readonly i18n: I18n
  readonly baseUrl: string
}

/** The acting principal, or the system (job, CLI). */
export type By = Principal | 'system'

// A settings key, not a message: named so the catalogue check does not mistake it for one.
const RULES_KEY = 'setting:corrective-rules'

const actorOf = (by: By): Actor => (by === 'system' ? { id: null, label: 'system' } : { id: by.staffId, label: by.username })

/** The rules in force: the stored setting, or the defaults. */
export async function getCorrectiveRules(deps: Pick<CorrectiveDeps, 'db'>): Promise<CorrectiveRules> {
  const row = await deps.db.selectFrom('settings').select('value_json').where('key', '=', RULES_KEY).executeTakeFirst()
  if (!row) return DEFAULT_CORRECTIVE_RULES
  const stored = JSON.parse(row.value_json) as Partial<CorrectiveRules>
  return {
    notSatisfied: { ...DEFAULT_CORRECTIVE_RULES.notSatisfied, ...stored.notSatisfied },
    lateDossiers: { ...DEFAULT_CORRECTIVE_RULES.lateDossiers, ...stored.lateDossiers },
    upheldLetters: { ...DEFAULT_CORRECTIVE_RULES.upheldLetters, ...stored.upheldLetters },
  }
}

/** Replaces the rules (administrator of the home unit); audited. */
export async function setCorrectiveRules(deps: CorrectiveDeps, by: By, rules: CorrectiveRules): Promise<CorrectiveRules> {
  if (by !== 'system') {
    const home = await units.getHomeUnit(deps)
    if (!home) throw new NotFoundError()
    units.requireRoleOn(by, ['admin'], home.path)
  }
  const fields = checkRules(rules)
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
  const before = await getCorrectiveRules(deps)
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('settings').where('key', '=', RULES_KEY).execute()
    await trx.insertInto('settings').values({ key: RULES_KEY, value_json: JSON.stringify(rules), updated_at: instant(now) }).execute()
    await appendAudit(trx, { actor: actorOf(by), at: now, entity: 'setting', entityId: RULES_KEY, action: 'update', before, after: rules })
  })
  return rules
}

/** Evidence from other modules (e.g. upheld letters from feedback), registered by those modules. */
export type LetterEvidence = (deps: Pick<CorrectiveDeps, 'db'>, from: Date, to: Date) => Promise<{ officialId: number; unitId: number; items: string[] }[]>

/** Gathers each official's record for a month from ratings, late dossiers and letters. */
async function officialRecords(deps: CorrectiveDeps, month: string, letters: LetterEvidence | null): Promise<OfficialRecord[]> {
  const { from, to } = monthBounds(month)
  const f = instant(from)
  const t = instant(to)
  const evaluations = await deps.db
    .selectFrom('dossier_evaluations')
    .select(['id', 'official_id', 'unit_id', 'overall'])
    .where('official_id', 'is not', null)
    .where('created_at', '>=', f)
    .where('created_at', '<', t)
    .execute()
  const kiosk = await deps.db
    .selectFrom('kiosk_ratings')
    .select(['id', 'official_id', 'unit_id', 'rating'])
    .where('official_id', 'is not', null)
    .where('rated_at', '>=', f)
    .where('rated_at', '<', t)
    .execute()
  const late = await dossiers.lateDossiersByOfficial(deps, from, to)
  const upheld = letters ? await letters(deps, from, to) : []
  const records = new Map<number, { officialId: number; unitId: number; ratings: number; notSatisfied: number; notSatisfiedEvidence: string[]; lateCodes: string[]; upheldLetters: string[] }>()
  const recordOf = (officialId: number, unitId: number) => {
    let r = records.get(officialId)
    if (!r) records.set(officialId, (r = { officialId, unitId, ratings: 0, notSatisfied: 0, notSatisfiedEvidence: [], lateCodes: [], upheldLetters: [] }))
    return r
  }
  for (const e of evaluations) {
    const r = recordOf(Number(e.official_id), Number(e.unit_id))
    r.ratings++
    if (e.overall === 'not_satisfied') {
      r.notSatisfied++
      r.notSatisfiedEvidence.push(`evaluation:${e.id}`)
    }
  }
  for (const k of kiosk) {
    const r = recordOf(Number(k.official_id), Number(k.unit_id))
    r.ratings++
    if (k.rating === 'not_satisfied') {
      r.notSatisfied++
      r.notSatisfiedEvidence.push(`kiosk:${k.id}`)
    }
  }
  for (const l of late) recordOf(l.officialId, l.unitId).lateCodes.push(...l.codes.map((c) => `dossier:${c}`))
  for (const u of upheld) recordOf(u.officialId, u.unitId).upheldLetters.push(...u.items)
  return [...records.values()]
}

/** What an evaluation of the rules did. */
export interface RulesRun {
  readonly month: string
  readonly findings: number
  readonly opened: number
  readonly closed: number
}

/**
 * Applies the rules to a month (by default the current one, and the previous one during the first
 * days of a month so late-arriving evidence is not missed). A finding already turned into a case
 * opens nothing new: the (official, rule, month) key is unique. Also closes cases whose follow-up
 * date has passed.
 */
export async function evaluateCorrectiveRules(deps: CorrectiveDeps, options: { month?: string; letters?: LetterEvidence | null } = {}): Promise<RulesRun[]> {
  const now = deps.clock.now()
  const months = options.month ? [options.month] : [monthOf(new Date(now.getTime() - 5 * 86_400_000)), monthOf(now)].filter((m, i, all) => all.indexOf(m) === i)
  const rules = await getCorrectiveRules(deps)
  const closed = await closeFollowedUpCases(deps)
  const runs: RulesRun[] = []
  for (const month of months) {
    const findings = findShortfalls(await officialRecords(deps, month, options.letters ?? null), rules)
    let opened = 0
    for (const finding of findings) {
      const leaders = await units.leadersOf(deps, finding.unitId)
      try {
        await deps.db.transaction().execute(async (trx) => {
          const { id } = await trx
            .insertInto('corrective_cases')
            .values({
              official_id: finding.officialId,
              unit_id: finding.unitId,
              rule: finding.rule,
              period: month,
              evidence_json: JSON.stringify(finding.evidence),
              status: 'open',
              created_at: instant(now),
              updated_at: instant(now),
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          await appendAudit(trx, { actor: { id: null, label: 'system' }, at: now, entity: 'corrective_case', entityId: Number(id), action: 'open', after: { ...finding, period: month } })
          const t = deps.i18n.translator('vi')
          for (const leader of leaders.filter((l) => l.id !== finding.officialId && l.email)) {
            await enqueueMessage(
              trx,
              {
                channel: 'email',
                recipient: leader.email!,
                subject: t('ratings.notify.caseOpened.subject', { month }),
                body: t('ratings.notify.caseOpened.body', { rule: t(`ratings.rule.${finding.rule}`), month, url: `${deps.baseUrl}/danh-gia/chan-chinh/${Number(id)}` }),
              },
              now,
            )
          }
        })
        opened++
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
      }
    }
    runs.push({ month, findings: findings.length, opened, closed })
  }
  return runs
}

/** Closes cases whose follow-up date (Vietnam day) has passed; returns how many. */
export async function closeFollowedUpCases(deps: Pick<CorrectiveDeps, 'db' | 'clock'>): Promise<number> {
  const now = deps.clock.now()
  const today = calendarFeature.formatInstant(now).slice(0, 10)
  const due = await deps.db.selectFrom('corrective_cases').select(['id']).where('status', '=', 'action_recorded').where('follow_up_on', '<', today).execute()
  for (const row of due) {
    await deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('corrective_cases').set({ status: 'closed', closed_at: instant(now), updated_at: instant(now) }).where('id', '=', row.id).execute()
      await appendAudit(trx, { actor: { id: null, label: 'system' }, at: now, entity: 'corrective_case', entityId: Number(row.id), action: 'close', after: { reason: 'follow-up date passed' } })
    })
  }
  return due.length
}

/** A case as leaders and the official see it. */
export interface CorrectiveCase {
  readonly id: number
  readonly officialId: number
  readonly officialName: string
  readonly officialUsername: string
  readonly unitCode: string
  readonly unitName: string
  readonly unitPath: string
  readonly rule: RuleName
  readonly period: string
  readonly evidence: { readonly summary: Record<string, number>; readonly items: readonly string[] }
  readonly status: CaseStatus
  readonly action: CaseAction | null
  readonly actionNote: string | null
  readonly followUpOn: string | null
  readonly decidedBy: string | null
  readonly createdAt: Date
  readonly closedAt: Date | null
}

/** The joined select of cases. */
function caseQuery(db: Db) {
  return db
    .selectFrom('corrective_cases as c')
    .innerJoin('staff as s', 's.id', 'c.official_id')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .leftJoin('staff as d', 'd.id', 'c.decided_by')
    .select([
      'c.id',
      'c.official_id',
      's.full_name as official_name',
      's.username as official_username',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.path as unit_path',
      'c.rule',
      'c.period',
      'c.evidence_json',
      'c.status',
      'c.action',
      'c.action_note',
      'c.follow_up_on',
      'd.full_name as decided_by_name',
      'c.created_at',
      'c.closed_at',
    ])
}

/** Maps a joined row. */
function toCase(r: Awaited<ReturnType<ReturnType<typeof caseQuery>['executeTakeFirstOrThrow']>>): CorrectiveCase {
  return {
    id: Number(r.id),
    officialId: Number(r.official_id),
    officialName: r.official_name,
    officialUsername: r.official_username,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    unitPath: r.unit_path,
    rule: r.rule as RuleName,
    period: r.period,
    evidence: JSON.parse(r.evidence_json),
    status: r.status as CaseStatus,
    action: r.action as CaseAction | null,
    actionNote: r.action_note,
    followUpOn: r.follow_up_on,
    decidedBy: r.decided_by_name,
    createdAt: toDate(r.created_at),
    closedAt: toDateOrNull(r.closed_at),
  }
}

/** Whether the principal may see a case: the official it is about, or a leader reaching its unit. */
function canSeeCase(principal: Principal, c: { officialId: number; unitPath: string }): boolean {
  return c.officialId === principal.staffId || units.hasRoleOn(principal, ['leader'], c.unitPath)
}

/** Cases the principal may see: leaders see their units' cases; any official sees their own. */
export async function listCases(deps: CorrectiveDeps, principal: Principal, filter: { status?: string; official?: string } = {}): Promise<CorrectiveCase[]> {
  const roots = units.scopeRoots(principal, ['leader'])
  let query = caseQuery(deps.db).where((eb) =>
    eb.or([eb('c.official_id', '=', principal.staffId), ...roots.map((r) => eb('u.path', 'like', `${r.path}%`))]),
  )
  if (filter.status) query = query.where('c.status', '=', filter.status)
  if (filter.official) query = query.where('s.username', '=', filter.official)
  return (await query.orderBy('c.id', 'desc').limit(500).execute()).map(toCase)
}

/** One case, or 404 when unknown or not visible (the official's other colleagues do not learn it exists). */
export async function getCase(deps: CorrectiveDeps, principal: Principal, id: number): Promise<CorrectiveCase> {
  const row = await caseQuery(deps.db).where('c.id', '=', id).executeTakeFirst()
  const found = row ? toCase(row) : null
  if (!found || !canSeeCase(principal, found)) throw new NotFoundError('ratings.errors.caseNotFound')
  return found
}

/** Records what the leader did (reminder, correction, or no action with a reason) and the follow-up date. */
export async function recordCaseAction(
  deps: CorrectiveDeps,
  principal: Principal,
  id: number,
  input: { action: string; note?: string; followUpOn?: string },
): Promise<CorrectiveCase> {
  const found = await getCase(deps, principal, id)
  // The official may read the case but not decide it, even when they also lead the unit.
  if (found.officialId === principal.staffId || !units.hasRoleOn(principal, ['leader'], found.unitPath)) throw new ForbiddenError()
  if (found.status === 'closed') throw new ConflictError('ratings.errors.caseClosed')
  const fields: Record<string, string> = {}
  if (!(CASE_ACTIONS as readonly string[]).includes(input.action)) fields.action = 'ratings.errors.caseAction'
  const note = input.note?.trim() ?? ''
  if (note.length > 2000 || (input.action === 'no_action' && note.length < 5)) fields.note = 'ratings.errors.caseNote'
  const today = calendarFeature.formatInstant(deps.clock.now()).slice(0, 10)
  const followUpOn = input.followUpOn?.trim() ?? ''
  if (!/^\d{4}-\d{2}-\d{2}$/.test(followUpOn) || followUpOn < today) fields.followUpOn = 'ratings.errors.followUp'
  if (Object.keys(fields).length > 0) throw new ValidationError(fields)
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('corrective_cases')
      .set({ status: 'action_recorded', action: input.action, action_note: note || null, follow_up_on: followUpOn, decided_by: principal.staffId, updated_at: instant(now) })
      .where('id', '=', id)
      .execute()
    await appendAudit(trx, {
      actor: actorOf(principal),
      at: now,
      entity: 'corrective_case',
      entityId: id,
      action: 'record_action',
      before: { status: found.status, action: found.action },
      after: { action: input.action, note, followUpOn },
    })
  })
  return getCase(deps, principal, id)
}

/** Counts cases per status for a unit subtree (dashboards). */
export async function countCases(deps: Pick<CorrectiveDeps, 'db'>, unitPath: string): Promise<Record<string, number>> {
  const rows = await deps.db
    .selectFrom('corrective_cases as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.status', sql<number>`count(*)`.as('n')])
    .where('u.path', 'like', `${unitPath}%`)
    .groupBy('c.status')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
}
