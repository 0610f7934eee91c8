/** Dossiers (hồ sơ) of the one-stop desk, their documents, events (the control sheet), code sequences and rate counters. */
import type { Kysely } from 'kysely'
import { flagColumn, idType, instantType, withId } from './kit.ts'

export async function up(db: Kysely<any>): Promise<void> {
  const ts = instantType(db)
  const ref = idType(db)
  await withId(db, db.schema.createTable('dossiers'))
    // Null until the dossier is complete: the code is issued on the receipt slip (form 01).
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('pin', 'text')
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('procedure_id', ref, (c) => c.notNull().references('procedures.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_id_number', 'text')
    .addColumn('applicant_phone', 'text')
    .addColumn('applicant_email', 'text')
    .addColumn('applicant_address', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    // When the complete dossier was received: the clock starts here (restarts after a supplement).
    .addColumn('received_at', ts)
    .addColumn('due_at', ts)
    // The first due instant, kept when an apology sets a new one: on-time figures count against it.
    .addColumn('original_due_at', ts)
    .addColumn('received_by', ref, (c) => c.references('staff.id'))
    .addColumn('assignee_id', ref, (c) => c.references('staff.id'))
    .addColumn('current_step', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('has_supplement_request', 'integer', flagColumn(0))
    .addColumn('has_apology', 'integer', flagColumn(0))
    .addColumn('return_visits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('result_ready_at', ts)
    .addColumn('finished_at', ts)
    .addColumn('return_method', 'text')
    .addColumn('timing', 'text')
    .addColumn('refusal_reason', 'text')
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('dossiers_unit_status_idx').on('dossiers').columns(['unit_id', 'status', 'due_at']).execute()
  await db.schema.createIndex('dossiers_unit_received_idx').on('dossiers').columns(['unit_id', 'received_at']).execute()
  await db.schema.createIndex('dossiers_phone_idx').on('dossiers').column('applicant_phone').execute()
  await db.schema.createIndex('dossiers_id_number_idx').on('dossiers').column('applicant_id_number').execute()
  await db.schema.createIndex('dossiers_assignee_idx').on('dossiers').columns(['assignee_id', 'status']).execute()

  await withId(db, db.schema.createTable('dossier_documents'))
    .addColumn('dossier_id', ref, (c) => c.notNull().references('dossiers.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_provided', 'integer', flagColumn(0))
    .execute()
  await db.schema.createIndex('dossier_documents_dossier_idx').on('dossier_documents').column('dossier_id').execute()

  await withId(db, db.schema.createTable('dossier_events'))
    .addColumn('dossier_id', ref, (c) => c.notNull().references('dossiers.id').onDelete('cascade'))
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('actor_id', ref)
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('to_staff_id', ref)
    .addColumn('to_unit_id', ref)
    .addColumn('step_name', 'text')
    .addColumn('note', 'text')
    .addColumn('data_json', 'text')
    .execute()
  await db.schema.createIndex('dossier_events_dossier_idx').on('dossier_events').columns(['dossier_id', 'id']).execute()

  await db.schema
    .createTable('dossier_code_sequences')
    .addColumn('agency_code', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_code_sequences_pk', ['agency_code', 'day'])
    .execute()

  // Counters for rate limits that must hold across app instances (wrong PINs per address, …).
  await db.schema
    .createTable('rate_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', ts, (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_counters').execute()
  await db.schema.dropTable('dossier_code_sequences').execute()
  await db.schema.dropTable('dossier_events').execute()
  await db.schema.dropTable('dossier_documents').execute()
  await db.schema.dropTable('dossiers').execute()
}
