/**
 * Direct dialogues (đối thoại trực tiếp) between the heads of the Party committee and People's
 * Committee and residents: sessions, hosts, questions beforehand and from the floor, supports,
 * commitments; and citizen reception (tiếp công dân): leaders' reception days and the register.
 */
import type { Kysely } from 'kysely'
import { flagColumn, idType, instantType, withId } from './kit.ts'

export async function up(db: Kysely<any>): Promise<void> {
  const ts = instantType(db)
  const ref = idType(db)

  await withId(db, db.schema.createTable('dialogue_sessions'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('starts_at', ts, (c) => c.notNull())
    .addColumn('ends_at', ts)
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('livestream_url', 'text')
    // planned, open_for_questions, held, minutes_published, closed, cancelled
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cancel_reason', 'text')
    // Minutes (biên bản): who attended and the secretary's summary; the rest comes from the record.
    .addColumn('participants', 'text')
    .addColumn('attendance', 'integer')
    .addColumn('summary', 'text')
    .addColumn('secretary_id', ref, (c) => c.references('staff.id'))
    .addColumn('held_at', ts)
    .addColumn('minutes_published_at', ts)
    .addColumn('closed_at', ts)
    .addColumn('created_by', ref, (c) => c.references('staff.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('dialogue_sessions_unit_idx').on('dialogue_sessions').columns(['unit_id', 'starts_at']).execute()
  await db.schema.createIndex('dialogue_sessions_starts_idx').on('dialogue_sessions').columns(['starts_at']).execute()

  await db.schema
    .createTable('dialogue_hosts')
    .addColumn('session_id', ref, (c) => c.notNull().references('dialogue_sessions.id').onDelete('cascade'))
    .addColumn('staff_id', ref, (c) => c.notNull().references('staff.id'))
    // How the host is introduced, e.g. "Bí thư Đảng ủy phường", "Chủ tịch UBND phường".
    .addColumn('role_label', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dialogue_hosts_pk', ['session_id', 'staff_id'])
    .execute()

  await withId(db, db.schema.createTable('dialogue_questions'))
    .addColumn('session_id', ref, (c) => c.notNull().references('dialogue_sessions.id').onDelete('cascade'))
    // before (submitted ahead of the session) or floor (raised at the session)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('asker_name', 'text')
    .addColumn('residential_area', 'text')
    .addColumn('contact', 'text')
    .addColumn('is_anonymous', 'integer', flagColumn(0))
    .addColumn('text', 'text', (c) => c.notNull())
    // pending, published, hidden, merged, answered, unanswered
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('hidden_reason', 'text')
    .addColumn('merged_into_id', ref, (c) => c.references('dialogue_questions.id'))
    .addColumn('assigned_unit_id', ref, (c) => c.references('units.id'))
    .addColumn('prepared_answer', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('support_count', 'integer', flagColumn(0))
    // The tracked follow-up item in the feedback module when the question was left unanswered.
    .addColumn('feedback_item_id', ref, (c) => c.references('feedback_items.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('dialogue_questions_session_idx').on('dialogue_questions').columns(['session_id', 'status']).execute()

  await db.schema
    .createTable('dialogue_supports')
    .addColumn('question_id', ref, (c) => c.notNull().references('dialogue_questions.id').onDelete('cascade'))
    // sha256 of the device's random cookie: one support per device, without knowing who.
    .addColumn('device_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('dialogue_supports_pk', ['question_id', 'device_hash'])
    .execute()

  await withId(db, db.schema.createTable('dialogue_commitments'))
    .addColumn('session_id', ref, (c) => c.notNull().references('dialogue_sessions.id').onDelete('cascade'))
    .addColumn('question_id', ref, (c) => c.references('dialogue_questions.id'))
    .addColumn('responsible_unit_id', ref, (c) => c.notNull().references('units.id'))
    // Who will do it, as said at the session (a person or office).
    .addColumn('responsible', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('due_at', ts, (c) => c.notNull())
    // The tracked item in the feedback module (origin 'dialogue'); its status is the commitment's.
    .addColumn('feedback_item_id', ref, (c) => c.references('feedback_items.id'))
    .addColumn('created_by', ref, (c) => c.references('staff.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('dialogue_commitments_session_idx').on('dialogue_commitments').columns(['session_id']).execute()

  await withId(db, db.schema.createTable('reception_days'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('staff_id', ref, (c) => c.notNull().references('staff.id'))
    // chair (Chủ tịch UBND), party_secretary (Bí thư Đảng ủy), or deputy
    .addColumn('host_role', 'text', (c) => c.notNull())
    // The civil date in Vietnam, YYYY-MM-DD, and the hours as HH:MM.
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('starts', 'text', (c) => c.notNull())
    .addColumn('ends', 'text', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull())
    // scheduled, held, cancelled
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('reception_days_unit_idx').on('reception_days').columns(['unit_id', 'day']).execute()
  await db.schema.createIndex('reception_days_staff_idx').on('reception_days').columns(['staff_id', 'day']).execute()

  await withId(db, db.schema.createTable('reception_cases'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('reception_day_id', ref, (c) => c.references('reception_days.id'))
    .addColumn('received_at', ts, (c) => c.notNull())
    .addColumn('received_by', ref, (c) => c.references('staff.id'))
    .addColumn('citizen_name', 'text', (c) => c.notNull())
    .addColumn('citizen_address', 'text')
    .addColumn('people_count', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('earlier_handling', 'text')
    // complaint, denunciation, petition, report
    .addColumn('kind', 'text', (c) => c.notNull())
    // How the matter was directed: guided, accepted, transferred, answered_directly
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    // The citizen must be told what happens to the matter within 10 working days (Law 42/2013 Art. 28).
    .addColumn('notify_due_at', ts, (c) => c.notNull())
    .addColumn('notified_at', ts)
    // accepted, extended, refused or transferred: what the citizen was told.
    .addColumn('notice', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('reception_cases_unit_idx').on('reception_cases').columns(['unit_id', 'received_at']).execute()
  await db.schema.createIndex('reception_cases_due_idx').on('reception_cases').columns(['notified_at', 'notify_due_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reception_cases').execute()
  await db.schema.dropTable('reception_days').execute()
  await db.schema.dropTable('dialogue_commitments').execute()
  await db.schema.dropTable('dialogue_supports').execute()
  await db.schema.dropTable('dialogue_questions').execute()
  await db.schema.dropTable('dialogue_hosts').execute()
  await db.schema.dropTable('dialogue_sessions').execute()
}
