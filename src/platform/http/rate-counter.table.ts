/** Kysely table interface of the shared rate counters. */

/** Row of `rate_counters`. */
export interface RateCountersTable {
  key: string
  window_start: string | Date
  count: number
}
