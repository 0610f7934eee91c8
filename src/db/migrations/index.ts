/** Every migration, in order. Listed explicitly so no file-system scan is needed at run time. */
import type { Migration } from 'kysely'
import * as m1000 from './2026-11-26T1000-create-units-and-staff.ts'
import * as m1010 from './2026-11-26T1010-create-audit-log.ts'
import * as m1020 from './2026-11-26T1020-create-outbox-and-jobs.ts'
import * as m1100 from './2026-11-26T1100-create-calendar.ts'
import * as m1200 from './2026-11-26T1200-create-procedures.ts'
import * as m1300 from './2026-11-26T1300-create-dossiers.ts'
import * as m1400 from './2026-11-26T1400-create-ratings.ts'
import * as m1500 from './2026-11-26T1500-create-feedback.ts'
import * as m1600 from './2026-11-26T1600-create-dialogues.ts'
import * as m1700 from './2026-11-26T1700-create-news-and-search.ts'
import * as m1710 from './2026-11-26T1710-cover-search-postings.ts'
import * as m1800 from './2026-11-26T1800-create-statistics.ts'
import * as m1900 from './2026-11-26T1900-keep-monthly-statistics.ts'

/** Migrations by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '2026-11-26T1000-create-units-and-staff': m1000,
  '2026-11-26T1010-create-audit-log': m1010,
  '2026-11-26T1020-create-outbox-and-jobs': m1020,
  '2026-11-26T1100-create-calendar': m1100,
  '2026-11-26T1200-create-procedures': m1200,
  '2026-11-26T1300-create-dossiers': m1300,
  '2026-11-26T1400-create-ratings': m1400,
  '2026-11-26T1500-create-feedback': m1500,
  '2026-11-26T1600-create-dialogues': m1600,
  '2026-11-26T1700-create-news-and-search': m1700,
  '2026-11-26T1710-cover-search-postings': m1710,
  '2026-11-26T1800-create-statistics': m1800,
  '2026-11-26T1900-keep-monthly-statistics': m1900,
}
