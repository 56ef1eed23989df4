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

function withEqualityAnswers<T extends string>(table: CreateTableBuilder<T, never>) {
  return table
    .addColumn('age_band', 'text')
    .addColumn('sex', 'text')
    .addColumn('ethnicity', 'text')
    .addColumn('disability', 'text');
}

/**
 * Engagement of residents and groups: ideas and concerns sent in (with their moderation and
 * the partnership's response, linked to the decision, action or target it led to), the
 * e-mails telling people what happened, residents' own accounts, and public surveys with
 * their questions, responses and answers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('engagement_residents')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id'))
    .addColumn('ward_id', 'integer', (c) => c.references('areas.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withTimestampsAndVersion(
    withEqualityAnswers(
      withId(db.schema.createTable('engagement_ideas'), pg)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('priority_id', 'integer', (c) => c.references('priorities.id'))
        .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
        .addColumn('ward_id', 'integer', (c) => c.references('areas.id'))
        .addColumn('writing_as', 'text', (c) => c.notNull())
        .addColumn('group_name', 'text')
        .addColumn('group_sector', 'text')
        .addColumn('user_id', 'integer', (c) => c.references('users.id'))
        .addColumn('contact_name', 'text')
        .addColumn('contact_email', 'text')
        .addColumn('ip_hash', 'text')
        // The signed form's one-time token: the same form sent twice is recognised, never saved twice.
        .addColumn('form_token', 'text', (c) => c.notNull().unique())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('moderated_at', 'text')
        .addColumn('moderated_by', 'integer', (c) => c.references('users.id'))
        .addColumn('rejection_reason', 'text')
        .addColumn('rejection_note', 'text')
        .addColumn('response', 'text')
        .addColumn('responded_at', 'text')
        .addColumn('decision_id', 'integer', (c) => c.references('decisions.id'))
        .addColumn('action_id', 'integer', (c) => c.references('actions.id'))
        .addColumn('target_id', 'integer', (c) => c.references('targets.id')),
    ),
  ).execute();
  await db.schema.createIndex('engagement_ideas_status').on('engagement_ideas').column('status').execute();
  await db.schema
    .createIndex('engagement_ideas_fingerprint')
    .on('engagement_ideas')
    .column('fingerprint')
    .execute();

  // Messages to people who sent something in: written in the same transaction as what they
  // report, sent afterwards; one that fails stays here, unsent, and is tried again.
  await withId(db.schema.createTable('engagement_messages'), pg)
    .addColumn('idea_id', 'integer', (c) => c.references('engagement_ideas.id'))
    .addColumn('to_name', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute();
  await db.schema
    .createIndex('engagement_messages_unsent')
    .on('engagement_messages')
    .column('sent_at')
    .execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('engagement_surveys'), pg)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('partnership_id', 'integer', (c) => c.notNull().references('partnerships.id'))
      .addColumn('opens_on', 'text', (c) => c.notNull())
      .addColumn('closes_on', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('results_while_open', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('engagement_survey_questions'), pg)
      .addColumn('survey_id', 'integer', (c) => c.notNull().references('engagement_surveys.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('prompt', 'text', (c) => c.notNull())
      .addColumn('hint', 'text')
      .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
      // JSON array of the choices, in order; an answer names a choice by its place in it.
      .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]')),
  ).execute();
  await db.schema
    .createIndex('engagement_survey_questions_survey')
    .on('engagement_survey_questions')
    .column('survey_id')
    .execute();

  await withEqualityAnswers(
    withId(db.schema.createTable('engagement_survey_responses'), pg)
      .addColumn('survey_id', 'integer', (c) => c.notNull().references('engagement_surveys.id'))
      .addColumn('user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('ward_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('ip_hash', 'text')
      .addColumn('form_token', 'text', (c) => c.notNull().unique())
      .addColumn('submitted_at', 'text', (c) => c.notNull()),
  ).execute();
  // One response per survey from a signed-in person (anonymous responses have no user, and nulls differ).
  await db.schema
    .createIndex('engagement_survey_responses_once')
    .on('engagement_survey_responses')
    .columns(['survey_id', 'user_id'])
    .unique()
    .execute();

  await withId(db.schema.createTable('engagement_survey_answers'), pg)
    .addColumn('response_id', 'integer', (c) => c.notNull().references('engagement_survey_responses.id'))
    .addColumn('question_id', 'integer', (c) => c.notNull().references('engagement_survey_questions.id'))
    .addColumn('option_index', 'integer')
    .addColumn('rating', 'integer')
    .addColumn('text_value', 'text')
    .execute();
  await db.schema
    .createIndex('engagement_survey_answers_question')
    .on('engagement_survey_answers')
    .column('question_id')
    .execute();
  await db.schema
    .createIndex('engagement_survey_answers_response')
    .on('engagement_survey_answers')
    .column('response_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'engagement_survey_answers',
    'engagement_survey_responses',
    'engagement_survey_questions',
    'engagement_surveys',
    'engagement_messages',
    'engagement_ideas',
    'engagement_residents',
  ])
    await db.schema.dropTable(table).execute();
}
