import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso, todayIso } from '../../platform/time.ts';
import { evaluateTargets } from './evaluation.ts';
import { readPerformanceSettings } from './place-settings.ts';
import { drawingsOf, summaryOf } from './target-card.ts';
import type { TargetFilter } from './repository.ts';

/** Which targets a change can have moved: those named, those on the indicators named, an agreement's, or all. */
export type StatusScope =
  { targetIds: number[] } | { indicatorIds: number[] } | { agreementId: number } | 'all';

/**
 * Works out and saves the status of every target a change touches, with its dashboard
 * summary and chart, in the change's own transaction, so the dashboard never disagrees
 * with the figures behind it.
 */
export async function refreshTargetStatuses(db: Kysely<Database>, scope: StatusScope): Promise<void> {
  const filter: TargetFilter = scope === 'all' ? {} : scope;
  const evaluated = await evaluateTargets(db, await readPerformanceSettings(db), filter, todayIso());
  const computedAt = nowIso();
  for (let i = 0; i < evaluated.length; i += 250) {
    await db
      .insertInto('target_statuses')
      .values(
        evaluated.slice(i, i + 250).map((t) => {
          const { chart, figures } = drawingsOf(t);
          return {
            target_id: t.id,
            rag: t.status.rag,
            latest_date: t.status.latest?.date ?? null,
            computed_at: computedAt,
            summary_json: JSON.stringify(summaryOf(t)),
            chart_svg: chart,
            figures_html: figures,
          };
        }),
      )
      .onConflict((oc) =>
        oc.column('target_id').doUpdateSet((eb) => ({
          rag: eb.ref('excluded.rag'),
          latest_date: eb.ref('excluded.latest_date'),
          computed_at: eb.ref('excluded.computed_at'),
          summary_json: eb.ref('excluded.summary_json'),
          chart_svg: eb.ref('excluded.chart_svg'),
          figures_html: eb.ref('excluded.figures_html'),
        })),
      )
      .execute();
  }
}
