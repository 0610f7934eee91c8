/**
 * Satisfaction and accountability: dossier evaluations, desk kiosks and their ratings, SIPAS-style
 * surveys, and corrective-action cases about officials with their evidence.
 */
import type { Kysely } from 'kysely'
import { flagColumn, idType, instantType, withId } from './kit.ts'

export async function up(db: Kysely<any>): Promise<void> {
  const ts = instantType(db)
  const ref = idType(db)

  await withId(db, db.schema.createTable('dossier_evaluations'))
    .addColumn('dossier_id', ref, (c) => c.notNull().unique().references('dossiers.id'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('official_id', ref, (c) => c.references('staff.id'))
    .addColumn('scores_json', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('overall', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('dossier_evaluations_unit_idx').on('dossier_evaluations').columns(['unit_id', 'created_at']).execute()
  await db.schema.createIndex('dossier_evaluations_official_idx').on('dossier_evaluations').columns(['official_id', 'created_at']).execute()

  await withId(db, db.schema.createTable('kiosks'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('official_id', ref, (c) => c.references('staff.id'))
    // sha256 of the kiosk's key: the tablet proves it is the counter's kiosk without a staff session.
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', flagColumn(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()

  await withId(db, db.schema.createTable('kiosk_ratings'))
    .addColumn('kiosk_id', ref, (c) => c.notNull().references('kiosks.id'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('official_id', ref, (c) => c.references('staff.id'))
    .addColumn('rating', 'text', (c) => c.notNull())
    // Made on the tablet: resending after a network failure must not count twice.
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('rated_at', ts, (c) => c.notNull())
    .addColumn('received_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('kiosk_ratings_unit_idx').on('kiosk_ratings').columns(['unit_id', 'rated_at']).execute()
  await db.schema.createIndex('kiosk_ratings_official_idx').on('kiosk_ratings').columns(['official_id', 'rated_at']).execute()

  await withId(db, db.schema.createTable('surveys'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opens_at', ts)
    .addColumn('closes_at', ts)
    .addColumn('owner_unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('created_by', ref, (c) => c.references('staff.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('survey_units')
    .addColumn('survey_id', ref, (c) => c.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('survey_units_pk', ['survey_id', 'unit_id'])
    .execute()
  await withId(db, db.schema.createTable('survey_sections'))
    .addColumn('survey_id', ref, (c) => c.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // One of the five SIPAS factors, or null for a section outside the index.
    .addColumn('factor', 'text')
    .execute()
  await withId(db, db.schema.createTable('survey_questions'))
    .addColumn('section_id', ref, (c) => c.notNull().references('survey_sections.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('options_json', 'text')
    .addColumn('is_required', 'integer', flagColumn(0))
    .execute()
  await withId(db, db.schema.createTable('survey_responses'))
    .addColumn('survey_id', ref, (c) => c.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    // A hash of the device cookie: one response per device, without knowing who answered.
    .addColumn('device_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('survey_responses_device_unique', ['survey_id', 'device_hash'])
    .execute()
  await withId(db, db.schema.createTable('survey_answers'))
    .addColumn('response_id', ref, (c) => c.notNull().references('survey_responses.id').onDelete('cascade'))
    .addColumn('question_id', ref, (c) => c.notNull().references('survey_questions.id').onDelete('cascade'))
    .addColumn('value_json', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('survey_answers_question_idx').on('survey_answers').column('question_id').execute()

  await withId(db, db.schema.createTable('corrective_cases'))
    .addColumn('official_id', ref, (c) => c.notNull().references('staff.id'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('rule', 'text', (c) => c.notNull())
    // The evaluation period the rule looked at, e.g. "2026-03"; with the rule it keeps one case per finding.
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('action', 'text')
    .addColumn('action_note', 'text')
    .addColumn('follow_up_on', 'text')
    .addColumn('decided_by', ref, (c) => c.references('staff.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('closed_at', ts)
    .addUniqueConstraint('corrective_cases_finding_unique', ['official_id', 'rule', 'period'])
    .execute()
  await db.schema.createIndex('corrective_cases_unit_idx').on('corrective_cases').columns(['unit_id', 'status']).execute()

  // Deployment-wide settings as JSON by key (e.g. the corrective-action rules).
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'settings',
    'corrective_cases',
    'survey_answers',
    'survey_responses',
    'survey_questions',
    'survey_sections',
    'survey_units',
    'surveys',
    'kiosk_ratings',
    'kiosks',
    'dossier_evaluations',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
