/** Administrative units (a tree of any depth), staff, role grants scoped to units, sessions, API tokens. */
import type { Kysely } from 'kysely'
import { flagColumn, idType, instantType, withId } from './kit.ts'

export async function up(db: Kysely<any>): Promise<void> {
  const ts = instantType(db)
  const ref = idType(db)
  await withId(db, db.schema.createTable('units'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_id', ref, (c) => c.references('units.id'))
    // Materialised path of ancestor ids, "/1/4/17/", so "this unit and its descendants" is one prefix test.
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('agency_code', 'text')
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('is_disabled', 'integer', flagColumn(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('units_parent_idx').on('units').column('parent_id').execute()
  await db.schema.createIndex('units_path_idx').on('units').column('path').execute()

  await withId(db, db.schema.createTable('staff'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('is_disabled', 'integer', flagColumn(0))
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', ts)
    .addColumn('password_changed_at', ts, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('staff_unit_idx').on('staff').column('unit_id').execute()

  await withId(db, db.schema.createTable('role_grants'))
    .addColumn('staff_id', ref, (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('role_grants_unique', ['staff_id', 'role', 'unit_id'])
    .execute()

  await db.schema
    .createTable('sessions')
    // sha256 of the cookie's token: a stolen database does not yield usable cookies.
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', ref, (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_staff_idx').on('sessions').column('staff_id').execute()

  await withId(db, db.schema.createTable('api_tokens'))
    .addColumn('staff_id', ref, (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_used_at', ts)
    .addColumn('revoked_at', ts)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_tokens').execute()
  await db.schema.dropTable('sessions').execute()
  await db.schema.dropTable('role_grants').execute()
  await db.schema.dropTable('staff').execute()
  await db.schema.dropTable('units').execute()
}
