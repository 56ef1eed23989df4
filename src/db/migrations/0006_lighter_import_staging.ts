import type { Kysely } from 'kysely';

/**
 * Staging a million rows into a four-column index cost more than all the rest of the
 * check: duplicates are found with one grouped pass instead, and the merge looks rows up
 * in data_points' own unique index, so staging keeps only an index on its import.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('data_import_rows_key').execute();
  await db.schema.createIndex('data_import_rows_import').on('data_import_rows').column('import_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('data_import_rows_import').execute();
  await db.schema
    .createIndex('data_import_rows_key')
    .on('data_import_rows')
    .columns(['import_id', 'indicator_id', 'area_id', 'period'])
    .execute();
}
