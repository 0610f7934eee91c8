/**
 * A generated province for measuring the software at province scale (`congso seed bulk`): an
 * invented province with towns and districts and their wards and communes, staff with roles on
 * each, the researched procedure catalogue, millions of dossiers over the last two years and
 * hundreds of thousands of feedback items, then the dashboard's daily figures rebuilt from them.
 *
 * GENERATED DATA. The province "Tỉnh Đồng Xanh" (code 99) and every place and person in it are
 * invented; the codes have the national formats but name no real unit. Never seed it into a
 * database that real people use.
 *
 * Units, staff and procedures go through the features' use cases (audited, passwords hashed);
 * dossiers and feedback through the bulk generators, in batches of one transaction each. A run
 * that stopped half-way is continued by running the same command again: what exists is kept and
 * only what is missing is generated.
 */
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from './db/database.ts'
import { dialectOf, instant, toDate } from './db/portable.ts'
import type { Clock } from './platform/clock.ts'
import { generatedName, seededRandom } from './platform/seeded-random.ts'
import { createStaff, createUnit } from './features/units/index.ts'
import type { Role } from './features/units/index.ts'
import { seedDemoProcedures } from './features/procedures/procedure.seed.ts'
import { PROCEDURE_CATALOGUE } from './features/procedures/procedure.catalogue-data.ts'
import { generateDossiers } from './features/dossiers/dossier.bulk.ts'
import { generateFeedback } from './features/feedback/feedback.bulk.ts'
import { rebuildStats } from './features/dashboard/index.ts'

/** What the generation runs on. */
export interface ProvinceDeps {
  readonly db: Db
  readonly clock: Clock
}

/** How big a province to generate. */
export interface ProvinceOptions {
  /** Administrative units in all: the province, its towns and districts, their wards and communes. */
  readonly units: number
  readonly dossiers: number
  readonly feedback: number
  /** Makes names, places and records the same on every run with the same sizes. */
  readonly seed: number
  /** Dossiers and feedback items written per transaction. */
  readonly batchSize?: number
}

/** The stages of a run, in order, for progress reports. */
export type ProvinceStage = 'units' | 'procedures' | 'dossiers' | 'feedback' | 'statistics'

/** Called as a stage advances: the stage, how much of it is done, and its size. */
export type ProvinceProgress = (stage: ProvinceStage, done: number, total: number) => void

/** What a run did. */
export interface ProvinceReport {
  /** True when the run continued an earlier, unfinished one. */
  readonly isResumed: boolean
  readonly unitsCreated: number
  readonly staffCreated: number
  readonly proceduresCreated: number
  readonly dossiersGenerated: number
  readonly feedbackGenerated: number
  /** The password of the staff accounts this run created, or null when it created none. */
  readonly staffPassword: string | null
  /** A few sign-ins, one per kind of post, to look around with. */
  readonly sampleUsernames: readonly string[]
  /** One generated dossier's code and PIN, for the public lookup. */
  readonly sampleDossier: { readonly code: string; readonly pin: string } | null
}

/** Why a run cannot go ahead: the database holds something else, or the province is complete. */
export class ProvinceRefusal extends Error {
  override name = 'ProvinceRefusal'
}

/** The smallest and largest province the generator makes (codes are sized for at most 1,000 units). */
export const PROVINCE_UNITS_MIN = 3
/** See PROVINCE_UNITS_MIN. */
export const PROVINCE_UNITS_MAX = 1000

/** The administrative code of the generated province; a database whose root has it holds one. */
export const PROVINCE_CODE = '99'
const PROVINCE_NAME = 'Tỉnh Đồng Xanh'
const PROVINCE_NAME_EN = 'Dong Xanh Province (generated)'
// The national agency-code format ("000.<commune>.<district>.H<province>"), province part invented.
const PROVINCE_AGENCY = 'H99'
// Records reach this far back (the dashboard's periods and trends need history).
const HISTORY_MS = 2 * 365 * 86_400_000
// A province has about this many wards and communes per town or district.
const WARDS_PER_DISTRICT = 10

// Two syllables make a place name, as most Vietnamese place names are; all pairs are distinct.
const FIRST_SYLLABLES = ['An', 'Bình', 'Tân', 'Phú', 'Long', 'Hòa', 'Thạnh', 'Vĩnh', 'Phước', 'Mỹ', 'Hưng', 'Thuận', 'Đông', 'Tây', 'Lộc', 'Hiệp', 'Khánh', 'Thới', 'Định', 'Trung', 'Quang', 'Xuân', 'Hội', 'Nhơn', 'Hậu', 'Phong', 'Thái', 'Gia', 'Đại', 'Cát']
const SECOND_SYLLABLES = ['An', 'Bình', 'Hòa', 'Phú', 'Lợi', 'Thành', 'Hưng', 'Hiệp', 'Lộc', 'Thạnh', 'Tân', 'Đông', 'Tây', 'Nam', 'Bắc', 'Phước', 'Long', 'Khánh', 'Hội', 'Thắng', 'Mỹ', 'Điền', 'Sơn', 'Lâm', 'Giang', 'Trung', 'Hải', 'Nghĩa', 'Đức', 'Vinh', 'Thọ', 'Tiến', 'Quý', 'Lương', 'Xuân', 'Hậu', 'Định', 'Thới', 'Cường', 'Thịnh']

/** A unit of the planned tree. */
interface PlannedUnit {
  readonly code: string
  readonly name: string
  readonly nameEn: string
  readonly level: 'province' | 'city' | 'town' | 'district' | 'ward' | 'commune' | 'township'
  readonly parentCode: string | null
  readonly agencyCode: string
}

/** An account of the planned province. */
interface PlannedStaff {
  readonly username: string
  readonly fullName: string
  readonly title: string
  readonly role: Role
  readonly unitCode: string
}

/** The whole planned province: units parents first, and the accounts on them. */
interface ProvincePlan {
  readonly units: readonly PlannedUnit[]
  readonly staff: readonly PlannedStaff[]
}

// What a town or district is called, by level: a city and a town have wards, a district communes.
const DISTRICT_KINDS = [
  { level: 'city', prefix: 'Thành phố', prefixEn: 'City', wardLevel: 'ward', wardPrefix: 'Phường', wardPrefixEn: 'Ward' },
  { level: 'town', prefix: 'Thị xã', prefixEn: 'Town', wardLevel: 'ward', wardPrefix: 'Phường', wardPrefixEn: 'Ward' },
  { level: 'district', prefix: 'Huyện', prefixEn: 'District', wardLevel: 'commune', wardPrefix: 'Xã', wardPrefixEn: 'Commune' },
] as const

/** The English form of a name: the syllables without marks, then the kind (e.g. "Tan Phu Ward"). */
function englishName(syllables: string, kind: string): string {
  const plain = syllables.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
  return `${plain} ${kind}`
}

/**
 * Plans the province deterministically from its size and seed: one province, about one town or
 * district per ten wards and communes (the first a city, then towns and districts), the wards and
 * communes dealt out among them, and three posts on each commune-level unit (chair, one-stop desk
 * officer, specialist), two on each district (chair, specialist) and two on the province
 * (administrator, chair).
 */
export function planProvince(unitCount: number, seed: number): ProvincePlan {
  if (!Number.isInteger(unitCount) || unitCount < PROVINCE_UNITS_MIN || unitCount > PROVINCE_UNITS_MAX) {
    throw new RangeError(`a generated province has ${PROVINCE_UNITS_MIN} to ${PROVINCE_UNITS_MAX} units, got ${unitCount}`)
  }
  const random = seededRandom(seed)
  const districtCount = Math.max(1, Math.round((unitCount - 1) / (WARDS_PER_DISTRICT + 1)))
  const wardCount = unitCount - 1 - districtCount
  // Every pair of syllables once, shuffled, so names never repeat within the province.
  const names: string[] = []
  for (const first of FIRST_SYLLABLES) for (const second of SECOND_SYLLABLES) if (first !== second) names.push(`${first} ${second}`)
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[names[i], names[j]] = [names[j]!, names[i]!]
  }
  const units: PlannedUnit[] = [{ code: PROVINCE_CODE, name: PROVINCE_NAME, nameEn: PROVINCE_NAME_EN, level: 'province', parentCode: null, agencyCode: `000.00.00.${PROVINCE_AGENCY}` }]
  const staff: PlannedStaff[] = [
    { username: `quantri.${PROVINCE_CODE}`, fullName: generatedName(random), title: 'Quản trị hệ thống', role: 'admin', unitCode: PROVINCE_CODE },
    { username: `chutich.${PROVINCE_CODE}`, fullName: generatedName(random), title: 'Chủ tịch UBND tỉnh', role: 'leader', unitCode: PROVINCE_CODE },
  ]
  let nameIndex = 0
  const districts: { code: string; index: number; kind: (typeof DISTRICT_KINDS)[number] }[] = []
  for (let d = 0; d < districtCount; d++) {
    const kind = d === 0 ? DISTRICT_KINDS[0] : DISTRICT_KINDS[1 + (d % 2)]!
    const syllables = names[nameIndex++]!
    const code = String(901 + d)
    const index = String(d + 1).padStart(2, '0')
    units.push({ code, name: `${kind.prefix} ${syllables}`, nameEn: englishName(syllables, kind.prefixEn), level: kind.level, parentCode: PROVINCE_CODE, agencyCode: `000.00.${index}.${PROVINCE_AGENCY}` })
    districts.push({ code, index: d + 1, kind })
    staff.push(
      { username: `chutich.${code}`, fullName: generatedName(random), title: `Chủ tịch UBND ${kind.prefix.toLowerCase()}`, role: 'leader', unitCode: code },
      { username: `chuyenvien.${code}`, fullName: generatedName(random), title: 'Chuyên viên Văn phòng HĐND và UBND', role: 'specialist', unitCode: code },
    )
  }
  const wardsIn = new Map<string, number>()
  for (let w = 0; w < wardCount; w++) {
    const district = districts[w % districtCount]!
    const position = (wardsIn.get(district.code) ?? 0) + 1
    wardsIn.set(district.code, position)
    // A district's first commune is its township (thị trấn), as most districts have one.
    const isTownship = district.kind.level === 'district' && position === 1
    const level = isTownship ? 'township' : district.kind.wardLevel
    const prefix = isTownship ? 'Thị trấn' : district.kind.wardPrefix
    const prefixEn = isTownship ? 'Township' : district.kind.wardPrefixEn
    const syllables = names[nameIndex++ % names.length]!
    const code = `9${String(w + 1).padStart(4, '0')}`
    units.push({
      code,
      name: `${prefix} ${syllables}`,
      nameEn: englishName(syllables, prefixEn),
      level,
      parentCode: district.code,
      agencyCode: `000.${String(position).padStart(2, '0')}.${String(district.index).padStart(2, '0')}.${PROVINCE_AGENCY}`,
    })
    staff.push(
      { username: `chutich.${code}`, fullName: generatedName(random), title: 'Chủ tịch UBND', role: 'leader', unitCode: code },
      { username: `motcua.${code}`, fullName: generatedName(random), title: 'Công chức Bộ phận một cửa', role: 'desk_officer', unitCode: code },
      { username: `chuyenvien.${code}`, fullName: generatedName(random), title: 'Công chức Văn phòng - Thống kê', role: 'specialist', unitCode: code },
    )
  }
  return { units, staff }
}

/** What the database holds, to tell an empty database, an unfinished province and a finished one apart. */
interface Existing {
  readonly unitCodes: ReadonlySet<string>
  /** Each unit as "code|name|parent code", to recognise a province planned from other sizes or seed. */
  readonly unitSignatures: ReadonlySet<string>
  readonly usernames: ReadonlySet<string>
  readonly procedureCodes: ReadonlySet<string>
  readonly dossiers: number
  readonly feedback: number
  /** The first and last receipt, and the first and last submission, when there are any. */
  readonly dossierSpan: Span | null
  readonly feedbackSpan: Span | null
  readonly hasStatistics: boolean
}

/** The earliest and the latest instant of a column. */
interface Span {
  readonly first: Date
  readonly last: Date
}

/** The span of a column's instants, or null for an empty table. */
async function spanOf(db: Db, table: 'dossiers' | 'feedback_items', column: 'received_at' | 'submitted_at'): Promise<Span | null> {
  const row = await db
    .selectFrom(table)
    .select([sql<string | Date | null>`min(${sql.ref(column)})`.as('first'), sql<string | Date | null>`max(${sql.ref(column)})`.as('last')])
    .executeTakeFirst()
  return row?.first && row.last ? { first: toDate(row.first), last: toDate(row.last) } : null
}

/** Counts the rows of a table. */
async function countRows(db: Db, table: 'dossiers' | 'feedback_items' | 'dossier_daily_stats' | 'feedback_daily_stats'): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** A unit as "code|name|parent code". */
function signatureOf(unit: { code: string; name: string; parentCode: string | null }): string {
  return `${unit.code}|${unit.name}|${unit.parentCode ?? ''}`
}

/** Reads what is already there. */
async function readExisting(db: Db): Promise<Existing> {
  const [units, staff, procedures, dossiers, feedback, dossierStats, feedbackStats, dossierSpan, feedbackSpan] = await Promise.all([
    db.selectFrom('units as u').leftJoin('units as p', 'p.id', 'u.parent_id').select(['u.code', 'u.name', 'p.code as parentCode']).execute(),
    db.selectFrom('staff').select('username').execute(),
    db.selectFrom('procedures').select('code').execute(),
    countRows(db, 'dossiers'),
    countRows(db, 'feedback_items'),
    countRows(db, 'dossier_daily_stats'),
    countRows(db, 'feedback_daily_stats'),
    spanOf(db, 'dossiers', 'received_at'),
    spanOf(db, 'feedback_items', 'submitted_at'),
  ])
  return {
    unitCodes: new Set(units.map((u) => u.code)),
    unitSignatures: new Set(units.map((u) => signatureOf(u))),
    usernames: new Set(staff.map((s) => s.username)),
    procedureCodes: new Set(procedures.map((p) => p.code)),
    dossiers,
    feedback,
    dossierSpan,
    feedbackSpan,
    hasStatistics: dossierStats + feedbackStats > 0,
  }
}

/**
 * Refuses a database that holds anything but this generated province (of this size), and one in
 * which the province is already complete; answers whether the run continues an earlier one.
 */
function checkExisting(plan: ProvincePlan, options: ProvinceOptions, existing: Existing, now: Date): boolean {
  if (existing.unitCodes.size === 0) {
    if (existing.dossiers > 0 || existing.feedback > 0) throw new ProvinceRefusal('the database holds dossiers or feedback but no units; seed the province into an empty database')
    return false
  }
  if (!existing.unitCodes.has(PROVINCE_CODE)) {
    throw new ProvinceRefusal('the database already holds other data; the generated province is seeded only into an empty database (or to finish its own unfinished run)')
  }
  const planned = new Set(plan.units.map(signatureOf))
  if ([...existing.unitSignatures].some((signature) => !planned.has(signature))) {
    throw new ProvinceRefusal(
      'the database holds a generated province of another size or seed, or other units besides; finish it with the --units and --seed it was started with, or use an empty database',
    )
  }
  const isComplete =
    existing.unitCodes.size === plan.units.length &&
    plan.staff.every((s) => existing.usernames.has(s.username)) &&
    PROCEDURE_CATALOGUE.every((p) => existing.procedureCodes.has(p.code)) &&
    existing.dossiers >= options.dossiers &&
    existing.feedback >= options.feedback &&
    (existing.hasStatistics || existing.dossiers + existing.feedback === 0)
  if (isComplete) {
    throw new ProvinceRefusal(
      `the database already holds this generated province (${plan.units.length} units, ${existing.dossiers} dossiers, ${existing.feedback} feedback items); nothing to do — use an empty database for another one`,
    )
  }
  checkContinuation('dossiers', existing.dossiers, existing.dossierSpan, options.dossiers, now)
  checkContinuation('feedback items', existing.feedback, existing.feedbackSpan, options.feedback, now)
  return true
}

/**
 * Refuses to "continue" records that were finished, with a larger count: the generators spread
 * records evenly over time, so an interrupted run stopped at the share of its count that its last
 * record's date shows, and a count far beyond that did not make these records. Appending it would
 * crowd the extra records into the last hours.
 */
function checkContinuation(what: string, existing: number, span: Span | null, requested: number, now: Date): void {
  if (span === null || requested <= existing) return
  const shareDone = (span.last.getTime() - span.first.getTime()) / Math.max(now.getTime() - span.first.getTime(), 1)
  if (shareDone <= 0) return
  const madeFor = existing / shareDone
  // Generous slack: the dates carry up to an hour of noise, and the clock has moved on since.
  if (requested > madeFor * 1.25 + 100) {
    throw new ProvinceRefusal(
      `the database holds ${existing} ${what} generated up to ${span.last.toISOString().slice(0, 10)}, made by a run for about ${Math.round(madeFor)}; continue with that count, or use an empty database for a larger province`,
    )
  }
}

/** The code pattern of generated dossiers and feedback: prefix, six-digit day (yymmdd), sequence. */
const CODE_PARTS = /^(.+)-(\d{2})(\d{2})(\d{2})-(\d+)$/

/** The earliest instant whose records can share a Vietnam day with `from`: the whole day, and a margin. */
function startOfDayBefore(from: Date): string {
  return instant(new Date(from.getTime() - 26 * 3_600_000))
}

/** Raises a sequence to at least `last`, never lowers it (portable: no greatest() on SQLite). */
function atLeast(table: 'dossier_code_sequences' | 'feedback_code_sequences', last: number) {
  return sql<number>`case when ${sql.ref(`${table}.last_value`)} > ${last} then ${sql.ref(`${table}.last_value`)} else ${last} end`
}

/*
 * Before continuing an interrupted generation from `from`: the generators write the code
 * sequences only when they finish, so the sequences of the days from there on are raised here to
 * the highest one already used, or the continued run would hand out codes that exist.
 */

/** Raises the dossier code sequences of the days from `from` on to the highest code used. */
async function raiseDossierSequencesAfter(db: Db, from: Date): Promise<void> {
  const highest = new Map<string, { agency: string; day: string; last: number }>()
  const rows = await db.selectFrom('dossiers').select('code').where('received_at', '>=', startOfDayBefore(from)).where('code', 'is not', null).execute()
  for (const { code } of rows) {
    const parts = CODE_PARTS.exec(code ?? '')
    if (!parts) continue
    // The sequences' day key, as receiving writes it: year-month-day without leading zeros.
    const day = `${2000 + Number(parts[2])}-${Number(parts[3])}-${Number(parts[4])}`
    const key = `${parts[1]}|${day}`
    const last = Number(parts[5])
    if (last > (highest.get(key)?.last ?? 0)) highest.set(key, { agency: parts[1]!, day, last })
  }
  await db.transaction().execute(async (trx) => {
    for (const { agency, day, last } of highest.values()) {
      await trx
        .insertInto('dossier_code_sequences')
        .values({ agency_code: agency, day, last_value: last })
        .onConflict((oc) => oc.columns(['agency_code', 'day']).doUpdateSet({ last_value: atLeast('dossier_code_sequences', last) }))
        .execute()
    }
  })
}

/** Raises the feedback code sequences (PA-yymmdd-n) of the days from `from` on to the highest code used. */
async function raiseFeedbackSequencesAfter(db: Db, from: Date): Promise<void> {
  const highest = new Map<string, number>()
  for (const { code } of await db.selectFrom('feedback_items').select('code').where('submitted_at', '>=', startOfDayBefore(from)).execute()) {
    const parts = CODE_PARTS.exec(code)
    if (!parts || parts[1] !== 'PA') continue
    const day = `${parts[2]}${parts[3]}${parts[4]}`
    highest.set(day, Math.max(highest.get(day) ?? 0, Number(parts[5])))
  }
  await db.transaction().execute(async (trx) => {
    for (const [day, last] of highest) {
      await trx
        .insertInto('feedback_code_sequences')
        .values({ day, last_value: last })
        .onConflict((oc) => oc.column('day').doUpdateSet({ last_value: atLeast('feedback_code_sequences', last) }))
        .execute()
    }
  })
}

/**
 * Generates the province into an empty database, or finishes an unfinished run of the same
 * command; throws ProvinceRefusal when the database holds anything else or the province is
 * already complete.
 */
export async function seedProvince(deps: ProvinceDeps, options: ProvinceOptions, onProgress: ProvinceProgress = () => {}): Promise<ProvinceReport> {
  const plan = planProvince(options.units, options.seed)
  const existing = await readExisting(deps.db)
  const now = deps.clock.now()
  const isResumed = checkExisting(plan, options, existing, now)

  // Units and accounts through the use cases: audited, and each password hashed like any other.
  const missingUnits = plan.units.filter((u) => !existing.unitCodes.has(u.code))
  const missingStaff = plan.staff.filter((s) => !existing.usernames.has(s.username))
  const unitSteps = missingUnits.length + missingStaff.length
  let unitStep = 0
  onProgress('units', 0, unitSteps)
  for (const unit of missingUnits) {
    await createUnit(deps, 'system', unit)
    onProgress('units', ++unitStep, unitSteps)
  }
  // One password for the accounts of a run, printed once: a measuring province, not real users.
  const staffPassword = missingStaff.length > 0 ? `dx-${randomBytes(9).toString('base64url')}` : null
  for (const account of missingStaff) {
    await createStaff(deps, 'system', {
      username: account.username,
      fullName: account.fullName,
      title: account.title,
      // Reserved .example domain (RFC 2606): generated mail can never reach a real mailbox.
      email: `${account.username}@dongxanh.example`,
      unitCode: account.unitCode,
      password: staffPassword,
      roles: [account.role],
    })
    onProgress('units', ++unitStep, unitSteps)
  }

  const missingProcedures = PROCEDURE_CATALOGUE.filter((p) => !existing.procedureCodes.has(p.code)).length
  let procedureStep = 0
  onProgress('procedures', 0, missingProcedures)
  await seedDemoProcedures(deps, () => onProgress('procedures', ++procedureStep, missingProcedures), (code) => !existing.procedureCodes.has(code))

  // Dossiers and feedback go to the commune-level units, where residents hand them in.
  const communeLevel = await deps.db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'agency_code'])
    .where('level', 'in', ['ward', 'commune', 'township'])
    .orderBy('id')
    .execute()
  const deskOfficers = await deps.db
    .selectFrom('role_grants')
    .select(['unit_id', 'staff_id'])
    .where('role', '=', 'desk_officer')
    .execute()
  const deskOf = new Map(deskOfficers.map((g) => [Number(g.unit_id), Number(g.staff_id)]))
  const procedures = await deps.db.selectFrom('procedures').select(['id', 'time_limit_value']).orderBy('id').execute()
  const historyStart = new Date(now.getTime() - HISTORY_MS)

  let sampleDossier: { code: string; pin: string } | null = null
  const dossiersToGenerate = Math.max(0, options.dossiers - existing.dossiers)
  onProgress('dossiers', 0, dossiersToGenerate)
  if (dossiersToGenerate > 0) {
    const resumeFrom = existing.dossierSpan?.last ?? null
    if (resumeFrom) await raiseDossierSequencesAfter(deps.db, resumeFrom)
    const sample = await generateDossiers(
      deps.db,
      {
        units: communeLevel.map((u) => ({ id: Number(u.id), code: u.code, agencyCode: u.agency_code, deskOfficerId: deskOf.get(Number(u.id)) ?? null })),
        procedures: procedures.map((p) => ({ id: Number(p.id), limitDays: Number(p.time_limit_value) })),
      },
      {
        count: dossiersToGenerate,
        from: resumeFrom ?? historyStart,
        to: now,
        now,
        // A continued run draws other records than the first part, not the same ones again.
        seed: options.seed + existing.dossiers,
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        onProgress: (done, total) => onProgress('dossiers', done, total),
      },
    )
    sampleDossier = sample[0] ?? null
  }

  const feedbackToGenerate = Math.max(0, options.feedback - existing.feedback)
  onProgress('feedback', 0, feedbackToGenerate)
  if (feedbackToGenerate > 0) {
    const resumeFrom = existing.feedbackSpan?.last ?? null
    if (resumeFrom) await raiseFeedbackSequencesAfter(deps.db, resumeFrom)
    await generateFeedback(
      deps.db,
      { units: communeLevel.map((u) => ({ id: Number(u.id), name: u.name })) },
      {
        count: feedbackToGenerate,
        from: resumeFrom ?? historyStart,
        to: now,
        now,
        seed: options.seed + 7919 + existing.feedback,
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        onProgress: (done, total) => onProgress('feedback', done, total),
      },
    )
  }

  // The dashboard reads the daily figures; the generators wrote rows without counting them.
  onProgress('statistics', 0, 1)
  await rebuildStats(deps.db, {})
  // PostgreSQL plans by its table statistics; after millions of new rows they are refreshed now
  // rather than whenever autovacuum gets to it, so the first pages are planned on the real sizes.
  if (dialectOf(deps.db) === 'postgresql') await sql`analyze`.execute(deps.db)
  onProgress('statistics', 1, 1)

  const sampleUsernames = [plan.staff[0]!, plan.staff[1]!, ...plan.staff.filter((s) => s.unitCode === plan.units[plan.units.length - 1]!.code)].map((s) => s.username)
  return {
    isResumed,
    unitsCreated: missingUnits.length,
    staffCreated: missingStaff.length,
    proceduresCreated: missingProcedures,
    dossiersGenerated: dossiersToGenerate,
    feedbackGenerated: feedbackToGenerate,
    staffPassword,
    sampleUsernames,
    sampleDossier,
  }
}
