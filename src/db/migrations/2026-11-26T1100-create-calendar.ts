/** Administrator edits of the yearly schedule, per-unit working-time settings, and a version counter. */
import type { Kysely } from 'kysely'
import { idType, instantType } from './kit.ts'

export async function up(db: Kysely<any>): Promise<void> {
  const ts = instantType(db)
  await db.schema
    .createTable('calendar_overrides')
    // One row decides one date (YYYY-MM-DD), so the date is the key.
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('calendar_unit_settings')
    .addColumn('unit_id', idType(db), (c) => c.primaryKey().references('units.id'))
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  // Bumped by every edit, so every app instance notices and rebuilds its cached calendars.
  await db.schema
    .createTable('calendar_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.insertInto('calendar_version').values({ id: 1, version: 1 }).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_version').execute()
  await db.schema.dropTable('calendar_unit_settings').execute()
  await db.schema.dropTable('calendar_overrides').execute()
}
