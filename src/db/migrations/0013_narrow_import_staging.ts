import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Staging a million rows cost as much as all the rest of an import. The staged row loses
 * what its period already says (kind, start and end go to one row per period of the file,
 * in data_import_periods), is kept in file order under its import (no separate index to
 * keep), and no longer refers to its import by a foreign key, so that letting go of a
 * confirmed file's rows empties the table at once instead of row by row. Rows staged
 * before this change are let go of: their checks are marked to be done again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await sql`update data_imports set status = 'failed', report_json = ${JSON.stringify({
    fileProblem:
      'This check was made by an earlier version of Placeshaper. Upload the file again to import it.',
  })} where status in ('checking', 'checked', 'importing')`.execute(db);
  await db.schema.dropTable('data_import_rows').execute();
  await db.schema
    .createTable('data_import_rows')
    .addColumn('import_id', 'integer', (c) => c.notNull())
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('indicator_id', 'integer', (c) => c.notNull())
    .addColumn('area_id', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('lower_ci', 'double precision')
    .addColumn('upper_ci', 'double precision')
    .addColumn('numerator', 'double precision')
    .addColumn('denominator', 'double precision')
    .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('data_import_rows_key', ['import_id', 'row_number'])
    .modifyEnd(pg ? sql`` : sql`without rowid`)
    .execute();
  await db.schema
    .createTable('data_import_periods')
    .addColumn('import_id', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('data_import_periods_key', ['import_id', 'period'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('data_import_periods').execute();
  await db.schema.dropTable('data_import_rows').execute();
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
  await db.schema.createIndex('data_import_rows_import').on('data_import_rows').column('import_id').execute();
}
