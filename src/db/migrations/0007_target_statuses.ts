import type { Kysely } from 'kysely';

/**
 * Each target's status as worked out when its figures, its targets or the place's
 * thresholds last changed, so the dashboard counts every target without reading every
 * figure. Only the step to "no recent data" depends on the day, and that is judged from
 * latest_date when the page is drawn.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('target_statuses')
    .addColumn('target_id', 'integer', (c) => c.primaryKey().references('targets.id').onDelete('cascade'))
    .addColumn('rag', 'text', (c) => c.notNull())
    .addColumn('latest_date', 'text')
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('target_statuses').execute();
}
