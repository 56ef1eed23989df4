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
 * Accountability: partnership agreements (protocols) with what each partner undertakes,
 * the contributions partners record against them, and Councillor Calls for Action with
 * the log of each step taken on them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await withTimestampsAndVersion(
    withId(db.schema.createTable('protocols'), pg)
      .addColumn('partnership_id', 'integer', (c) => c.notNull().references('partnerships.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('agreed_on', 'text')
      .addColumn('body', 'text'),
  ).execute();
  await db.schema.createIndex('protocols_partnership').on('protocols').column('partnership_id').execute();

  // One obligation of each kind per partner per agreement.
  await withTimestampsAndVersion(
    withId(db.schema.createTable('protocol_obligations'), pg)
      .addColumn('protocol_id', 'integer', (c) => c.notNull().references('protocols.id'))
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('target_percent', 'integer')
      .addColumn('amount_pence', 'bigint')
      .addColumn('staff_fte', 'double precision')
      .addColumn('description', 'text')
      .addUniqueConstraint('protocol_obligations_kind', ['protocol_id', 'organisation_id', 'kind']),
  ).execute();

  await withId(db.schema.createTable('protocol_contributions'), pg)
    .addColumn('protocol_id', 'integer', (c) => c.notNull().references('protocols.id'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('contributed_on', 'text', (c) => c.notNull())
    .addColumn('amount_pence', 'bigint')
    .addColumn('staff_fte', 'double precision')
    .addColumn('resources', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('recorder_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('protocol_contributions_partner')
    .on('protocol_contributions')
    .columns(['protocol_id', 'organisation_id'])
    .execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('ccfa_cases'), pg)
      // e.g. CCFA-2026-004: the year it was raised and its number in that year.
      .addColumn('reference', 'text', (c) => c.notNull().unique())
      .addColumn('raised_on', 'text', (c) => c.notNull())
      .addColumn('decision_due_on', 'text', (c) => c.notNull())
      .addColumn('councillor_person_id', 'integer', (c) => c.notNull().references('people.id'))
      .addColumn('ward_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('steps_taken', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decided_on', 'text')
      .addColumn('refusal_reason', 'text')
      .addColumn('partner_invited_on', 'text')
      .addColumn('hearing_on', 'text')
      .addColumn('recommendations', 'text')
      .addColumn('recommendations_on', 'text')
      .addColumn('response_due_on', 'text')
      .addColumn('response_received_on', 'text')
      .addColumn('response_summary', 'text')
      .addColumn('closed_on', 'text')
      .addColumn('outcome', 'text')
      .addColumn('raised_by', 'integer', (c) => c.references('users.id')),
  ).execute();
  await db.schema.createIndex('ccfa_cases_status').on('ccfa_cases').column('status').execute();

  // Each step taken on a case, in order: the public timeline.
  await withId(db.schema.createTable('ccfa_steps'), pg)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('ccfa_cases.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('happened_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('note', 'text')
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('recorder_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ccfa_steps_case').on('ccfa_steps').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'ccfa_steps',
    'ccfa_cases',
    'protocol_contributions',
    'protocol_obligations',
    'protocols',
  ])
    await db.schema.dropTable(table).execute();
}
