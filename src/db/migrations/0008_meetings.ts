import { PostgresAdapter, type Kysely, type CreateTableBuilder } from 'kysely';

// Migrations stay self-contained (they must not change when the app's code does).
function withId<T extends string>(table: CreateTableBuilder<T, never>, postgres: boolean) {
  return postgres
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

function withTimestampsAndVersion<T extends string>(table: CreateTableBuilder<T, never>) {
  return table
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
}

/**
 * Meetings of partnerships: agendas and papers, declarations of interest, attendance
 * against the seats, decisions (whose actions arising go into the action plan), minutes
 * with their history, each partnership's quorum rule, and a log of reminders sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema.alterTable('partnerships').addColumn('quorum_minimum', 'integer').execute();
  // JSON array of sector codes that must be represented for the meeting to be quorate.
  await db.schema
    .alterTable('partnerships')
    .addColumn('quorum_sectors', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('meetings'), pg)
      .addColumn('partnership_id', 'integer', (c) => c.notNull().references('partnerships.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text')
      .addColumn('location', 'text')
      .addColumn('online_url', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('status_reason', 'text')
      .addColumn('visibility', 'text', (c) => c.notNull())
      .addColumn('agenda_published_at', 'text')
      // iCalendar: a UID that never changes, and a SEQUENCE that grows with every change to the event.
      .addColumn('uid', 'text', (c) => c.notNull().unique())
      .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema
    .createIndex('meetings_partnership')
    .on('meetings')
    .columns(['partnership_id', 'starts_at'])
    .execute();
  await db.schema.createIndex('meetings_starts').on('meetings').column('starts_at').execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('agenda_items'), pg)
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('presenter_person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('presenter_organisation_id', 'integer', (c) => c.references('organisations.id'))
      // The item that approves an earlier meeting's minutes.
      .addColumn('approves_minutes_of_id', 'integer', (c) => c.references('meetings.id')),
  ).execute();
  await db.schema
    .createIndex('agenda_items_meeting')
    .on('agenda_items')
    .columns(['meeting_id', 'position'])
    .execute();

  await withId(db.schema.createTable('agenda_item_links'), pg)
    .addColumn('agenda_item_id', 'integer', (c) =>
      c.notNull().references('agenda_items.id').onDelete('cascade'),
    )
    .addColumn('priority_id', 'integer', (c) => c.references('priorities.id'))
    .addColumn('target_id', 'integer', (c) => c.references('targets.id'))
    .execute();
  await db.schema
    .createIndex('agenda_item_links_item')
    .on('agenda_item_links')
    .column('agenda_item_id')
    .execute();

  await withId(db.schema.createTable('papers'), pg)
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_items.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('access', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('papers_meeting').on('papers').column('meeting_id').execute();

  await withId(db.schema.createTable('declarations'), pg)
    .addColumn('agenda_item_id', 'integer', (c) =>
      c.notNull().references('agenda_items.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('withdrew', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('declarations_item').on('declarations').column('agenda_item_id').execute();

  // One row per seat (a membership as chair, vice-chair or member) per meeting.
  await withTimestampsAndVersion(
    withId(db.schema.createTable('attendance'), pg)
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('membership_id', 'integer', (c) => c.notNull().references('memberships.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('substitute_person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('substitute_organisation_id', 'integer', (c) => c.references('organisations.id'))
      .addUniqueConstraint('attendance_seat', ['meeting_id', 'membership_id']),
  ).execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('decisions'), pg)
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_items.id').onDelete('set null'))
      .addColumn('reference', 'text', (c) => c.notNull().unique())
      .addColumn('resolution', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('votes_for', 'integer')
      .addColumn('votes_against', 'integer')
      .addColumn('votes_abstaining', 'integer'),
  ).execute();
  await db.schema.createIndex('decisions_meeting').on('decisions').column('meeting_id').execute();

  // Actions arising from a decision are actions in the action plan.
  await db.schema
    .alterTable('actions')
    .addColumn('decision_id', 'integer', (c) => c.references('decisions.id'))
    .execute();
  await db.schema.createIndex('actions_decision').on('actions').column('decision_id').execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('minutes'), pg)
      .addColumn('meeting_id', 'integer', (c) =>
        c.notNull().unique().references('meetings.id').onDelete('cascade'),
      )
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('approved_at_meeting_id', 'integer', (c) => c.references('meetings.id'))
      .addColumn('approved_on', 'text')
      .addColumn('published_at', 'text'),
  ).execute();
  await withId(db.schema.createTable('minutes_revisions'), pg)
    .addColumn('minutes_id', 'integer', (c) => c.notNull().references('minutes.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .execute();

  // Each reminder once: what it was about, to whom, and when it went.
  await withId(db.schema.createTable('reminders_sent'), pg)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reminders_sent_once', ['kind', 'subject_id', 'recipient'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('actions_decision').execute();
  await db.schema.alterTable('actions').dropColumn('decision_id').execute();
  for (const table of [
    'reminders_sent',
    'minutes_revisions',
    'minutes',
    'decisions',
    'attendance',
    'declarations',
    'papers',
    'agenda_item_links',
    'agenda_items',
    'meetings',
  ])
    await db.schema.dropTable(table).execute();
  await db.schema.alterTable('partnerships').dropColumn('quorum_sectors').execute();
  await db.schema.alterTable('partnerships').dropColumn('quorum_minimum').execute();
}
