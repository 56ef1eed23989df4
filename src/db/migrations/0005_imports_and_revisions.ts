import { PostgresAdapter, type Kysely, type CreateTableBuilder } from 'kysely';

// Migrations stay self-contained (they must not change when the app's code does).
function withId<T extends string>(table: CreateTableBuilder<T, never>, postgres: boolean) {
  return postgres
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/**
 * Data files are checked into a staging table (so a million-row file never sits in
 * memory and duplicates are found by the database), then merged into data_points in
 * one statement. A value an import replaces is kept in data_point_revisions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('data_import_rows')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('data_imports.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('indicator_id', 'integer', (c) => c.notNull())
    .addColumn('area_id', 'integer', (c) => c.notNull())
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
    .execute();
  await db.schema
    .createIndex('data_import_rows_key')
    .on('data_import_rows')
    .columns(['import_id', 'indicator_id', 'area_id', 'period'])
    .execute();

  await db.schema
    .createTable('data_import_rejects')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('data_imports.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('data_import_rejects_row')
    .on('data_import_rejects')
    .columns(['import_id', 'row_number'])
    .execute();

  await withId(db.schema.createTable('data_point_revisions'), pg)
    .addColumn('data_point_id', 'integer', (c) => c.notNull().references('data_points.id'))
    .addColumn('value', 'double precision')
    .addColumn('lower_ci', 'double precision')
    .addColumn('upper_ci', 'double precision')
    .addColumn('numerator', 'double precision')
    .addColumn('denominator', 'double precision')
    .addColumn('provisional', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source', 'text')
    .addColumn('import_id', 'integer')
    .addColumn('recorded_by', 'integer')
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addColumn('replaced_by_import_id', 'integer', (c) => c.references('data_imports.id'))
    .addColumn('replaced_by_user_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('data_point_revisions_point')
    .on('data_point_revisions')
    .column('data_point_id')
    .execute();

  // A priority carried into a new version of the strategy remembers where it came from,
  // so the targets and actions behind it follow it when the new version is adopted.
  await db.schema.alterTable('priorities').addColumn('carried_from_id', 'integer').execute();

  await db.schema.createIndex('data_points_area').on('data_points').column('area_id').execute();
  await db.schema.createIndex('action_updates_reported').on('action_updates').column('reported_on').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('action_updates_reported').execute();
  await db.schema.dropIndex('data_points_area').execute();
  await db.schema.alterTable('priorities').dropColumn('carried_from_id').execute();
  for (const table of ['data_point_revisions', 'data_import_rejects', 'data_import_rows'])
    await db.schema.dropTable(table).execute();
}
