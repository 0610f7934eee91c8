/** The append-only, hash-chained audit log and its head (last sequence number and hash). */
import type { Kysely } from 'kysely'
import { idType, instantType, withId } from './kit.ts'

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('audit_log'))
    // Gapless sequence assigned under the head row's lock: a deleted entry leaves a visible gap.
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('at', instantType(db), (c) => c.notNull())
    .addColumn('actor_id', idType(db))
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('audit_entity_idx').on('audit_log').columns(['entity', 'entity_id']).execute()

  // One row: updating it serialises appenders on both dialects and anchors the chain's end,
  // so deleting the newest entry is detected too.
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute()
  await db.insertInto('audit_head').values({ id: 1, seq: 0, last_hash: '' }).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_head').execute()
  await db.schema.dropTable('audit_log').execute()
}
