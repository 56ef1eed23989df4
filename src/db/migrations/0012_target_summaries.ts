import type { Kysely } from 'kysely';

/**
 * Each target's saved status gains what a dashboard row shows beyond names (the reason,
 * latest figure, yearly targets), its small trend chart and the table of figures behind
 * it, worked out when the status is: a dashboard page then reads twenty saved rows
 * instead of every figure behind them.
 * Left empty here; the app works every status out afresh when it starts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('target_statuses').addColumn('summary_json', 'text').execute();
  await db.schema.alterTable('target_statuses').addColumn('chart_svg', 'text').execute();
  await db.schema.alterTable('target_statuses').addColumn('figures_html', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('target_statuses').dropColumn('figures_html').execute();
  await db.schema.alterTable('target_statuses').dropColumn('chart_svg').execute();
  await db.schema.alterTable('target_statuses').dropColumn('summary_json').execute();
}
