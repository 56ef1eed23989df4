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
    withId(db.schema.createTable('strategies'), pg)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('partnership_id', 'integer', (c) => c.notNull().references('partnerships.id'))
      .addColumn('framework', 'text', (c) => c.notNull())
      .addColumn('current_stage', 'text', (c) => c.notNull())
      .addColumn('adopted_on', 'text')
      .addColumn('last_refreshed_on', 'text')
      .addColumn('last_reviewed_on', 'text')
      .addColumn('ends_on', 'text'),
  ).execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('strategy_versions'), pg)
      .addColumn('strategy_id', 'integer', (c) => c.notNull().references('strategies.id'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('vision', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('adopted_on', 'text')
      .addUniqueConstraint('strategy_versions_number', ['strategy_id', 'number']),
  ).execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('priorities'), pg)
      .addColumn('strategy_version_id', 'integer', (c) => c.notNull().references('strategy_versions.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('owning_partnership_id', 'integer', (c) => c.references('partnerships.id'))
      .addColumn('components', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('dimensions', 'text', (c) => c.notNull().defaultTo('[]'))
      .addUniqueConstraint('priorities_slug', ['strategy_version_id', 'slug']),
  ).execute();

  await withId(db.schema.createTable('plan_links'), pg)
    .addColumn('strategy_version_id', 'integer', (c) => c.notNull().references('strategy_versions.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('partnership_id', 'integer', (c) => c.references('partnerships.id'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('strategy_stages'), pg)
    .addColumn('strategy_id', 'integer', (c) => c.notNull().references('strategies.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('completed_on', 'text')
    .addColumn('note', 'text')
    .addColumn('completed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('strategy_stages_stage', ['strategy_id', 'stage'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['strategy_stages', 'plan_links', 'priorities', 'strategy_versions', 'strategies'])
    await db.schema.dropTable(table).execute();
}
