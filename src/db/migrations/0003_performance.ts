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
    withId(db.schema.createTable('indicators'), pg)
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('definition', 'text')
      .addColumn('unit', 'text')
      .addColumn('polarity', 'text', (c) => c.notNull())
      .addColumn('frequency', 'text', (c) => c.notNull())
      .addColumn('source', 'text')
      .addColumn('area_kinds', 'text', (c) => c.notNull().defaultTo('[]')),
  ).execute();

  await withId(db.schema.createTable('data_imports'), pg)
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('stored_path', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('layout', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report_json', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('data_points'), pg)
      .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id'))
      .addColumn('area_id', 'integer', (c) => c.notNull().references('areas.id'))
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('period_kind', 'text', (c) => c.notNull())
      .addColumn('period_start', 'text', (c) => c.notNull())
      .addColumn('period_end', 'text', (c) => c.notNull())
      .addColumn('value', 'double precision')
      .addColumn('lower_ci', 'double precision')
      .addColumn('upper_ci', 'double precision')
      .addColumn('numerator', 'double precision')
      .addColumn('denominator', 'double precision')
      .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('note', 'text')
      .addColumn('source', 'text')
      .addColumn('import_id', 'integer', (c) => c.references('data_imports.id'))
      .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
      .addUniqueConstraint('data_points_key', ['indicator_id', 'area_id', 'period']),
  ).execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('agreements'), pg)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('partnership_id', 'integer', (c) => c.notNull().references('partnerships.id'))
      .addColumn('first_year', 'integer', (c) => c.notNull())
      .addColumn('last_year', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('signed_off_on', 'text'),
  ).execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('targets'), pg)
      .addColumn('agreement_id', 'integer', (c) => c.notNull().references('agreements.id'))
      .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id'))
      .addColumn('block', 'text', (c) => c.notNull())
      .addColumn('priority_id', 'integer', (c) => c.references('priorities.id'))
      .addColumn('partnership_id', 'integer', (c) => c.references('partnerships.id'))
      .addColumn('area_id', 'integer', (c) => c.notNull().references('areas.id'))
      .addColumn('baseline_value', 'double precision', (c) => c.notNull())
      .addColumn('baseline_period', 'text', (c) => c.notNull())
      .addColumn('lead_organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('reward_bearing', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sign_off_status', 'text', (c) => c.notNull())
      .addColumn('notes', 'text'),
  ).execute();
  await db.schema.createIndex('targets_agreement').on('targets').column('agreement_id').execute();

  await withId(db.schema.createTable('target_years'), pg)
    .addColumn('target_id', 'integer', (c) => c.notNull().references('targets.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addUniqueConstraint('target_years_year', ['target_id', 'year'])
    .execute();

  await withId(db.schema.createTable('target_contributors'), pg)
    .addColumn('target_id', 'integer', (c) => c.notNull().references('targets.id').onDelete('cascade'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addUniqueConstraint('target_contributors_pair', ['target_id', 'organisation_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'target_contributors',
    'target_years',
    'targets',
    'agreements',
    'data_points',
    'data_imports',
    'indicators',
  ])
    await db.schema.dropTable(table).execute();
}
