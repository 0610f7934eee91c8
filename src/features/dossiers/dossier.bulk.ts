/**
 * Generates many realistic dossiers fast, for benchmarks and province-scale tests: rows are
 * written in multi-row batches straight into the tables (no audit or outbox, which a generated
 * history does not need), with codes, PINs, due dates and a matching history. Deterministic for a
 * given seed, so runs compare.
 */
import type { Insertable } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { DossiersTable } from './dossier.table.ts'
import { instant } from '../../db/portable.ts'
import { generatedName, seededRandom } from '../../platform/seeded-random.ts'
import { formatDossierCode } from './dossier.ts'
import type { DossierStatus, Timing } from './dossier.ts'

/** What the generator needs to know about the places and procedures it spreads dossiers over. */
export interface BulkContext {
  readonly units: readonly { id: number; code: string; agencyCode: string | null; deskOfficerId: number | null }[]
  readonly procedures: readonly { id: number; limitDays: number }[]
}

/** Options of a generation run. */
export interface BulkOptions {
  readonly count: number
  /** Dossiers are received between these instants. */
  readonly from: Date
  readonly to: Date
  /** "Now" for deciding what is still open. */
  readonly now: Date
  readonly seed?: number
  readonly batchSize?: number
  readonly onProgress?: (done: number, total: number) => void
}

/** A generated dossier's code and PIN (a sample is returned for lookups). */
export interface GeneratedDossier {
  readonly code: string
  readonly pin: string
}

const DAY_MS = 86_400_000

/**
 * Writes `count` dossiers with their documents left out (the history is enough for lookups and
 * figures). Sequences per agency and day continue from what the database already holds, so
 * generated codes never collide with received ones. Returns a sample of codes and PINs.
 */
export async function generateDossiers(db: Db, context: BulkContext, options: BulkOptions): Promise<GeneratedDossier[]> {
  if (context.units.length === 0 || context.procedures.length === 0) throw new Error('generateDossiers needs at least one unit and one procedure')
  const random = seededRandom(options.seed ?? 20261126)
  const batchSize = options.batchSize ?? 400
  const span = Math.max(options.to.getTime() - options.from.getTime(), 1)
  // Receipt instants in order, so codes and sequences follow the days like real ones.
  const sequenceOf = new Map<string, number>()
  for (const row of await db.selectFrom('dossier_code_sequences').selectAll().execute()) sequenceOf.set(`${row.agency_code}|${row.day}`, Number(row.last_value))
  const sample: GeneratedDossier[] = []
  const sampleEvery = Math.max(1, Math.floor(options.count / 1000))
  let done = 0
  while (done < options.count) {
    const size = Math.min(batchSize, options.count - done)
    const dossiers: Insertable<DossiersTable>[] = []
    const histories: { index: number; events: { at: Date; action: string; from: DossierStatus | null; to: DossierStatus }[] }[] = []
    for (let i = 0; i < size; i++) {
      const n = done + i
      const receivedAt = new Date(options.from.getTime() + Math.floor((n / options.count) * span) + Math.floor(random() * 3_600_000))
      const unit = context.units[Math.floor(random() * context.units.length)]!
      const procedure = context.procedures[Math.floor(random() * context.procedures.length)]!
      const local = new Date(receivedAt.getTime() + 7 * 3_600_000)
      const day = { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() }
      const agency = unit.agencyCode ?? unit.code
      const key = `${agency}|${day.year}-${day.month}-${day.day}`
      const sequence = (sequenceOf.get(key) ?? 0) + 1
      sequenceOf.set(key, sequence)
      const code = formatDossierCode(agency, day, sequence)
      const pin = String(Math.floor(random() * 1_000_000)).padStart(6, '0')
      // Calendar days approximate working days here; a generated history need not be exact.
      const dueAt = new Date(receivedAt.getTime() + Math.max(procedure.limitDays, 1) * 1.45 * DAY_MS)
      const roll = random()
      let status: DossierStatus = 'returned'
      let timing: Timing | null = null
      let readyAt: Date | null = null
      let finishedAt: Date | null = null
      const events: { at: Date; action: string; from: DossierStatus | null; to: DossierStatus }[] = [{ at: receivedAt, action: 'receive', from: null, to: 'received' }]
      const isPastDue = dueAt.getTime() < options.now.getTime()
      if (roll < 0.03) {
        status = 'refused'
        finishedAt = new Date(receivedAt.getTime() + DAY_MS)
        events.push({ at: finishedAt, action: 'refuse', from: 'received', to: 'refused' })
      } else if (!isPastDue && roll < 0.6) {
        status = roll < 0.3 ? 'received' : 'processing'
        if (status === 'processing') events.push({ at: new Date(receivedAt.getTime() + 3_600_000), action: 'assign', from: 'received', to: 'processing' })
      } else {
        // Mostly on time or early, some late: the shares a ward actually sees.
        const lateness = random()
        const factor = lateness < 0.08 ? 1.2 : lateness < 0.5 ? 0.95 : 0.5
        readyAt = new Date(receivedAt.getTime() + (dueAt.getTime() - receivedAt.getTime()) * factor)
        finishedAt = new Date(readyAt.getTime() + random() * 2 * DAY_MS)
        timing = lateness < 0.08 ? 'late' : lateness < 0.5 ? 'on_time' : 'early'
        if (readyAt.getTime() > options.now.getTime()) {
          status = 'processing'
          readyAt = null
          finishedAt = null
          timing = null
          events.push({ at: new Date(receivedAt.getTime() + 3_600_000), action: 'assign', from: 'received', to: 'processing' })
        } else {
          events.push({ at: new Date(receivedAt.getTime() + 3_600_000), action: 'assign', from: 'received', to: 'processing' })
          events.push({ at: readyAt, action: 'result_ready', from: 'processing', to: 'result_ready' })
          if (finishedAt.getTime() <= options.now.getTime()) events.push({ at: finishedAt, action: 'return', from: 'result_ready', to: 'returned' })
          else {
            status = 'result_ready'
            finishedAt = null
            timing = null
          }
        }
      }
      const name = generatedName(random)
      dossiers.push({
        code,
        pin,
        unit_id: unit.id,
        procedure_id: procedure.id,
        status,
        channel: random() < 0.25 ? 'online' : 'counter',
        applicant_name: name,
        applicant_phone: `09${String(Math.floor(random() * 100_000_000)).padStart(8, '0')}`,
        created_at: instant(receivedAt),
        received_at: instant(receivedAt),
        due_at: instant(dueAt),
        original_due_at: instant(dueAt),
        received_by: unit.deskOfficerId,
        result_ready_at: readyAt ? instant(readyAt) : null,
        finished_at: finishedAt ? instant(finishedAt) : null,
        return_method: status === 'returned' ? 'counter' : null,
        timing,
        updated_at: instant(finishedAt ?? receivedAt),
      })
      histories.push({ index: i, events })
      if (n % sampleEvery === 0) sample.push({ code, pin })
    }
    await db.transaction().execute(async (trx) => {
      const ids = await trx.insertInto('dossiers').values(dossiers).returning('id').execute()
      const eventRows = histories.flatMap((h) =>
        h.events.map((e) => ({
          dossier_id: Number(ids[h.index]!.id),
          at: instant(e.at),
          actor_id: null,
          actor_label: 'generated',
          action: e.action,
          from_status: e.from,
          to_status: e.to,
        })),
      )
      for (let i = 0; i < eventRows.length; i += 1000) await trx.insertInto('dossier_events').values(eventRows.slice(i, i + 1000)).execute()
    })
    done += size
    options.onProgress?.(done, options.count)
  }
  // Keep the sequences ahead of what was generated, so the desk's next code is new.
  await db.transaction().execute(async (trx) => {
    for (const [key, last] of sequenceOf) {
      const [agency, day] = key.split('|') as [string, string]
      await trx
        .insertInto('dossier_code_sequences')
        .values({ agency_code: agency, day, last_value: last })
        .onConflict((oc) => oc.columns(['agency_code', 'day']).doUpdateSet({ last_value: last }))
        .execute()
    }
  })
  return sample
}
