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

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await withTimestampsAndVersion(
    withId(db.schema.createTable('actions'), pg)
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('priority_id', 'integer', (c) => c.references('priorities.id'))
      .addColumn('target_id', 'integer', (c) => c.references('targets.id'))
      .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
      .addColumn('person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('cash_pence', 'bigint')
      .addColumn('staff_fte', 'double precision')
      .addColumn('in_kind', 'text')
      .addColumn('starts_on', 'text')
      .addColumn('due_on', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('completed_on', 'text'),
  ).execute();
  await db.schema.createIndex('actions_target').on('actions').column('target_id').execute();
  await db.schema.createIndex('actions_priority').on('actions').column('priority_id').execute();
  await db.schema.createIndex('actions_organisation').on('actions').column('organisation_id').execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('action_milestones'), pg)
      .addColumn('action_id', 'integer', (c) => c.notNull().references('actions.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('due_on', 'text')
      .addColumn('completed_on', 'text'),
  ).execute();

  await withId(db.schema.createTable('action_updates'), pg)
    .addColumn('action_id', 'integer', (c) => c.notNull().references('actions.id'))
    .addColumn('rag', 'text', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('reported_on', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_updates_action').on('action_updates').column('action_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['action_updates', 'action_milestones', 'actions'])
    await db.schema.dropTable(table).execute();
}
