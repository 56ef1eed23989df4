import { PostgresAdapter, type Kysely, type CreateTableBuilder } from 'kysely';

// Migrations stay self-contained (they must not change when the app's code does).
function withId<T extends string>(table: CreateTableBuilder<T, never>, postgres: boolean) {
  return postgres
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/**
 * Consultations: a partnership's collective response to an outside consultation. The
 * questions as the issuer numbers them, the partners' views, the composite draft's
 * statements with the views each draws on and every wording they had, and each
 * organisation's answers on them. Views and answers are only ever added, never changed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await withId(db.schema.createTable('consultations'), pg)
    .addColumn('partnership_id', 'integer', (c) => c.notNull().references('partnerships.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuing_body', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('description', 'text')
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('views_due_at', 'text', (c) => c.notNull())
    .addColumn('circulated_at', 'text')
    .addColumn('endorsement_deadline', 'text')
    .addColumn('silence_rule', 'text')
    .addColumn('submitted_on', 'text')
    .addColumn('submission_note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consultations_partnership')
    .on('consultations')
    .column('partnership_id')
    .execute();

  await withId(db.schema.createTable('consultation_organisations'), pg)
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('consultation_organisations_once', ['consultation_id', 'organisation_id'])
    .execute();

  await withId(db.schema.createTable('consultation_questions'), pg)
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('section', 'text')
    .addColumn('section_position', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consultation_questions_consultation')
    .on('consultation_questions')
    .column('consultation_id')
    .execute();

  await withId(db.schema.createTable('consultation_views'), pg)
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('question_id', 'integer', (c) => c.notNull().references('consultation_questions.id'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('text', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('recorder_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consultation_views_consultation')
    .on('consultation_views')
    .columns(['consultation_id', 'organisation_id'])
    .execute();

  await withId(db.schema.createTable('consultation_statements'), pg)
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('question_id', 'integer', (c) => c.notNull().references('consultation_questions.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('revised_at', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consultation_statements_consultation')
    .on('consultation_statements')
    .column('consultation_id')
    .execute();

  await withId(db.schema.createTable('consultation_statement_views'), pg)
    .addColumn('statement_id', 'integer', (c) => c.notNull().references('consultation_statements.id'))
    .addColumn('view_id', 'integer', (c) => c.notNull().references('consultation_views.id'))
    .addUniqueConstraint('consultation_statement_views_once', ['statement_id', 'view_id'])
    .execute();

  await withId(db.schema.createTable('consultation_statement_revisions'), pg)
    .addColumn('statement_id', 'integer', (c) => c.notNull().references('consultation_statements.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('revised_at', 'text', (c) => c.notNull())
    .addColumn('revised_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reviser_name', 'text', (c) => c.notNull())
    .addUniqueConstraint('consultation_statement_revisions_once', ['statement_id', 'revision'])
    .execute();

  await withId(db.schema.createTable('consultation_endorsements'), pg)
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('statement_id', 'integer', (c) => c.notNull().references('consultation_statements.id'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('stance', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('recorder_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consultation_endorsements_consultation')
    .on('consultation_endorsements')
    .columns(['consultation_id', 'statement_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'consultation_endorsements',
    'consultation_statement_revisions',
    'consultation_statement_views',
    'consultation_statements',
    'consultation_views',
    'consultation_questions',
    'consultation_organisations',
    'consultations',
  ])
    await db.schema.dropTable(table).execute();
}
