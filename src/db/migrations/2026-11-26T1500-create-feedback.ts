/**
 * Feedback and petitions (phản ánh, kiến nghị, thư góp ý), complaints and denunciations in their
 * own register, their photos and history, tracking-code sequences, and Open311 client keys.
 */
import type { Kysely } from 'kysely'
import { flagColumn, idType, instantType, isPostgres, withId } from './kit.ts'

export async function up(db: Kysely<any>): Promise<void> {
  const ts = instantType(db)
  const ref = idType(db)
  const real = isPostgres(db) ? 'double precision' : 'real'

  await withId(db, db.schema.createTable('open311_clients'))
    .addColumn('name', 'text', (c) => c.notNull())
    // sha256 of the api_key: the key itself is shown once, when it is made.
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('revoked_at', ts)
    .addColumn('last_used_at', ts)
    .execute()

  await withId(db, db.schema.createTable('feedback_items'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('title', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('latitude', real)
    .addColumn('longitude', real)
    .addColumn('attributes_json', 'text')
    .addColumn('media_url', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('is_anonymous', 'integer', flagColumn(0))
    // The resident's choice; nothing is shown publicly unless it is 1 and the kind allows it.
    .addColumn('wants_public', 'integer', flagColumn(0))
    .addColumn('is_published', 'integer', flagColumn(0))
    .addColumn('published_at', ts)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('official_id', ref, (c) => c.references('staff.id'))
    .addColumn('assigned_unit_id', ref, (c) => c.references('units.id'))
    .addColumn('assignee_id', ref, (c) => c.references('staff.id'))
    .addColumn('duplicate_of_id', ref, (c) => c.references('feedback_items.id'))
    .addColumn('rejection_reason', 'text')
    .addColumn('due_at', ts)
    .addColumn('escalated_at', ts)
    .addColumn('public_answer', 'text')
    .addColumn('answered_at', ts)
    .addColumn('answered_by', ref, (c) => c.references('staff.id'))
    // Letters about an official: 1 upheld, 0 not upheld, null not yet decided.
    .addColumn('upheld', 'integer')
    .addColumn('decided_at', ts)
    .addColumn('resident_rating', 'integer')
    .addColumn('rated_at', ts)
    .addColumn('reopen_count', 'integer', flagColumn(0))
    .addColumn('reopened_at', ts)
    // sha256 of the private link's token.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('origin_ref', 'text')
    .addColumn('open311_client_id', ref, (c) => c.references('open311_clients.id'))
    .addColumn('submitted_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('closed_at', ts)
    .execute()
  await db.schema.createIndex('feedback_items_unit_status_idx').on('feedback_items').columns(['unit_id', 'status']).execute()
  await db.schema.createIndex('feedback_items_submitted_idx').on('feedback_items').columns(['submitted_at']).execute()
  await db.schema.createIndex('feedback_items_public_idx').on('feedback_items').columns(['wants_public', 'submitted_at']).execute()
  await db.schema.createIndex('feedback_items_published_idx').on('feedback_items').columns(['is_published', 'published_at']).execute()
  await db.schema.createIndex('feedback_items_due_idx').on('feedback_items').columns(['status', 'due_at']).execute()
  await db.schema.createIndex('feedback_items_official_idx').on('feedback_items').columns(['official_id', 'decided_at']).execute()
  await db.schema.createIndex('feedback_items_origin_idx').on('feedback_items').columns(['origin', 'origin_ref']).execute()

  await withId(db, db.schema.createTable('feedback_photos'))
    .addColumn('item_id', ref, (c) => c.notNull().references('feedback_items.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('thumb_key', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('feedback_photos_item_idx').on('feedback_photos').columns(['item_id', 'position']).execute()

  await withId(db, db.schema.createTable('feedback_events'))
    .addColumn('item_id', ref, (c) => c.notNull().references('feedback_items.id').onDelete('cascade'))
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('actor_id', ref, (c) => c.references('staff.id'))
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    // Internal notes are for staff only; everything else may show on the resident's page.
    .addColumn('is_internal', 'integer', flagColumn(0))
    .addColumn('data_json', 'text')
    .execute()
  await db.schema.createIndex('feedback_events_item_idx').on('feedback_events').columns(['item_id', 'at']).execute()

  await db.schema
    .createTable('feedback_code_sequences')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('feedback_code_sequences').execute()
  await db.schema.dropTable('feedback_events').execute()
  await db.schema.dropTable('feedback_photos').execute()
  await db.schema.dropTable('feedback_items').execute()
  await db.schema.dropTable('open311_clients').execute()
}
