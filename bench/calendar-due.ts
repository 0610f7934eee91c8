/**
 * The calendar micro-benchmark: 1,000,000 due-date computations over random receipt instants in
 * 2020–2035 and random limits (1–30 working days, 1–40 working hours, or within the day), on one
 * calendar built once, as a running app holds it. The goal is well under one second.
 */
import { computeDue, WorkingCalendar } from '../src/features/calendar/index.ts'
import type { TimeLimit } from '../src/features/calendar/index.ts'
import { seededRandom } from '../src/platform/seeded-random.ts'
import type { MicroResult } from './scenario.ts'

/** Runs the computations; set-up (random inputs, a warm-up pass) is not timed. */
export async function runDueDates(count = 1_000_000): Promise<MicroResult> {
  const random = seededRandom(42)
  const start = Date.UTC(2020, 0, 1)
  const span = Date.UTC(2035, 11, 31) - start
  const instants = new Array<Date>(count)
  const limits = new Array<TimeLimit>(count)
  for (let i = 0; i < count; i++) {
    instants[i] = new Date(start + Math.floor(random() * span))
    const roll = random()
    limits[i] = roll < 0.6 ? { kind: 'days', days: 1 + Math.floor(random() * 30) } : roll < 0.9 ? { kind: 'hours', hours: 1 + Math.floor(random() * 40) } : { kind: 'sameDay' }
  }
  const calendar = new WorkingCalendar()
  // Warm-up: builds the per-year day tables and lets the JIT settle, as in a running app.
  for (let i = 0; i < 20_000; i++) computeDue(calendar, instants[i]!, limits[i]!)
  let checksum = 0
  const began = process.hrtime.bigint()
  for (let i = 0; i < count; i++) checksum += computeDue(calendar, instants[i]!, limits[i]!).getTime() % 7
  const seconds = Number(process.hrtime.bigint() - began) / 1e9
  // Use the results, so the loop cannot be optimised away.
  if (checksum < 0) throw new Error('impossible checksum')
  return { ops: count, seconds }
}
