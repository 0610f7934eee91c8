/** The catalogue of administrative procedures (thủ tục hành chính) with their documents and steps. */
import type { Kysely } from 'kysely'
import { flagColumn, idType, instantType, withId } from './kit.ts'

export async function up(db: Kysely<any>): Promise<void> {
  const ts = instantType(db)
  const ref = idType(db)
  await withId(db, db.schema.createTable('procedures'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('time_limit_kind', 'text', (c) => c.notNull())
    .addColumn('time_limit_value', 'integer', (c) => c.notNull())
    .addColumn('fee_vnd', 'integer', (c) => c.notNull())
    .addColumn('fee_note', 'text')
    .addColumn('result_name', 'text', (c) => c.notNull())
    .addColumn('legal_basis_json', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', flagColumn(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await withId(db, db.schema.createTable('procedure_documents'))
    .addColumn('procedure_id', ref, (c) => c.notNull().references('procedures.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('copies', 'integer', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('is_required', 'integer', flagColumn(1))
    .addColumn('note', 'text')
    .execute()
  await db.schema.createIndex('procedure_documents_proc_idx').on('procedure_documents').columns(['procedure_id', 'position']).execute()
  await withId(db, db.schema.createTable('procedure_steps'))
    .addColumn('procedure_id', ref, (c) => c.notNull().references('procedures.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('share_percent', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('procedure_steps_proc_idx').on('procedure_steps').columns(['procedure_id', 'position']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('procedure_steps').execute()
  await db.schema.dropTable('procedure_documents').execute()
  await db.schema.dropTable('procedures').execute()
}
