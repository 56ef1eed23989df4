import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { financialYearOf } from '../../domain/periods.ts';
import { expectedValue, ragOnTheDay, type Rag } from '../../domain/target-status.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { groupBy } from '../../platform/collections.ts';
import { frameworkPack } from '../../platform/framework-packs.ts';
import type { PerformanceServices } from './service.ts';
import * as repo from './repository.ts';
import { currentPriorities } from '../strategy/repository.ts';
import { evaluateTargets, targetIdentity, type EvaluationOptions } from './evaluation.ts';
import { cardOf, liveCard, targetChart, type TargetCard, type TargetSummary } from './target-card.ts';
import type { PerformanceSettings } from './place-settings.ts';

type Db = Kysely<Database>;

export const ragOrder: Rag[] = ['off_track', 'at_risk', 'on_track', 'no_data'];

export interface DashboardQuery {
  agreement?: string;
  block?: string;
  partnership?: string;
  ward?: string;
  /** 1-based page of priorities' targets. */
  page?: number;
}

/** Targets shown on one page of the dashboard; the rest are on the next pages and in the downloads. */
export const targetsPerPage = 20;

export function createDashboardServices(db: Db, performance: PerformanceServices) {
  /** The agreement a dashboard shows: the one asked for, else the one covering today, else the latest. */
  async function chooseAgreement(slug: string | undefined, today: string) {
    const agreements = await repo.listAgreements(db);
    if (slug) return { agreements, agreement: agreements.find((a) => a.slug === slug) ?? null };
    const year = financialYearOf(today);
    const covering = agreements.find((a) => a.first_year <= year && year <= a.last_year);
    return { agreements, agreement: covering ?? agreements[0] ?? null };
  }

  /** Targets' status worked out from their figures now (the saved statuses are for counting). */
  async function evaluate(filter: repo.TargetFilter, today: string, options: EvaluationOptions = {}) {
    return evaluateTargets(db, await performance.settings(), filter, today, options);
  }

  async function dashboard(query: DashboardQuery, today: string) {
    const { agreements, agreement } = await chooseAgreement(query.agreement, today);
    const [partnerships, wards, settings, priorities] = await Promise.all([
      db
        .selectFrom('partnerships')
        .select(['id', 'name', 'slug'])
        .where('status', '=', 'active')
        .orderBy('name')
        .execute(),
      db
        .selectFrom('areas')
        .select(['id', 'name', 'slug'])
        .where('kind', '=', 'ward')
        .orderBy('name')
        .execute(),
      performance.settings(),
      currentPriorities(db),
    ]);
    const pack = frameworkPack(settings.packId);
    const partnership = partnerships.find((p) => p.slug === query.partnership);
    const ward = wards.find((w) => w.slug === query.ward);
    const block = pack.agreement.blocks.terms.find((b) => b.code === query.block);
    const filter = { agreementId: agreement?.id, block: block?.code, partnershipId: partnership?.id };
    const standings = agreement ? await standingsOf(filter, settings, today, ward) : [];
    const counts = Object.fromEntries(
      ragOrder.map((rag) => [rag, standings.filter((t) => t.rag === rag).length]),
    );

    // Every priority, then its targets; targets serving no priority (or a priority of a superseded version) come last.
    const current = new Set(priorities.map((p) => p.id));
    const byPriority = groupBy(standings, (t) =>
      t.priority_id !== null && current.has(t.priority_id) ? t.priority_id : null,
    );
    const groups = [
      ...priorities.map((p) => ({ priority: p, targets: byPriority.get(p.id) ?? [] })),
      ...(byPriority.has(null) ? [{ priority: null, targets: byPriority.get(null)! }] : []),
    ];
    const pageCount = Math.max(1, Math.ceil(standings.length / targetsPerPage));
    const page = Math.min(Math.max(1, query.page ?? 1), pageCount);
    const first = (page - 1) * targetsPerPage;
    let position = 0;
    const sliced = groups.map((group) => {
      const start = position;
      position += group.targets.length;
      return {
        ...group,
        all: group.targets.length,
        targets: group.targets.slice(Math.max(0, first - start), Math.max(0, first + targetsPerPage - start)),
      };
    });
    const cards = await cardsOf(
      sliced.flatMap((g) => g.targets.map((t) => t.id)),
      settings,
      today,
      ward,
    );
    const pageGroups = sliced
      .map((group) => ({
        ...group,
        targets: group.targets.map((standing) => cards.get(standing.id)!),
        // A priority with no targets is shown (as a gap) on the first page only.
        show: group.targets.length > 0 || (group.all === 0 && page === 1),
      }))
      .filter((g) => g.show);
    return {
      agreement,
      agreements,
      pack,
      // The filters' choices, made here rather than item by item in the template.
      filterOptions: {
        agreement: agreements.map((a) => ({ value: a.slug, text: a.name })),
        block: [
          { value: '', text: `All ${pack.agreement.blocks.name.toLowerCase()}` },
          ...pack.agreement.blocks.terms.map((b) => ({ value: b.code, text: b.name })),
        ],
        partnership: [
          { value: '', text: 'All partnerships' },
          ...partnerships.map((p) => ({ value: p.slug, text: p.name })),
        ],
        // The route puts "the whole of" the place first: the place's name is the page's to know.
        ward: wards.map((w) => ({ value: w.slug, text: w.name })),
      },
      filters: { block: block?.code, partnership: partnership?.slug, ward: ward?.slug },
      ward,
      partnerships,
      wards,
      blocks: pack.agreement.blocks.terms,
      counts,
      total: standings.length,
      groups: pageGroups,
      page,
      pageCount,
    };
  }

  /**
   * The rows of one dashboard page. For the place, each target's names now with the
   * summary and chart saved with its status; for a ward, or a target whose saved status
   * has gone stale since (or was never saved), worked out from the figures now.
   */
  async function cardsOf(
    ids: number[],
    settings: PerformanceSettings,
    today: string,
    ward: { id: number; name: string } | undefined,
  ): Promise<Map<number, TargetCard>> {
    const cards = new Map<number, TargetCard>();
    let live = ids;
    if (!ward) {
      const pack = frameworkPack(settings.packId);
      const [rows, saved] = await Promise.all([
        repo.targetsWithContext(db, { targetIds: ids }),
        repo.savedSummaries(db, ids),
      ]);
      const savedBy = new Map(saved.map((s) => [s.target_id, s]));
      for (const row of rows) {
        const s = savedBy.get(row.id);
        if (!s?.summary_json || !s.chart_svg || !s.figures_html) continue;
        const rag = s.rag as Rag;
        // Gone stale since it was saved: its reason must say so, so it is worked out afresh.
        if (ragOnTheDay({ rag, latestDate: s.latest_date }, today, settings.thresholds) !== rag) continue;
        const summary = JSON.parse(s.summary_json) as TargetSummary;
        const drawings = { chart: s.chart_svg, figures: s.figures_html };
        cards.set(row.id, cardOf(targetIdentity(row, pack), summary, drawings));
      }
      live = ids.filter((id) => !cards.has(id));
    }
    if (live.length)
      for (const target of await evaluateTargets(db, settings, { targetIds: live }, today, { ward }))
        cards.set(target.id, liveCard(target));
    return cards;
  }

  /**
   * Each target's status for counting and paging. For the place, the statuses saved when
   * figures last changed; for a ward, worked out from the ward's figures, keeping the
   * place's targets on indicators the ward has figures for.
   */
  async function standingsOf(
    filter: repo.TargetFilter,
    settings: PerformanceSettings,
    today: string,
    ward: { id: number; name: string } | undefined,
  ): Promise<{ id: number; priority_id: number | null; rag: Rag }[]> {
    if (ward) {
      const live = await evaluateTargets(db, settings, filter, today, { ward, detail: 'status' });
      return live
        .filter((t) => t.row.area_id === ward.id || t.observations.length > 0)
        .map((t) => ({ id: t.id, priority_id: t.row.priority_id, rag: t.status.rag }));
    }
    const saved = await repo.targetStandings(db, filter);
    // A target with no saved status yet is worked out now rather than counted as having none.
    const missing = saved.filter((t) => t.rag === null).map((t) => t.id);
    const worked = new Map(
      (missing.length
        ? await evaluateTargets(db, settings, { targetIds: missing }, today, { detail: 'status' })
        : []
      ).map((t) => [t.id, t.status.rag]),
    );
    return saved.map((t) => ({
      id: t.id,
      priority_id: t.priority_id,
      rag:
        t.rag === null
          ? worked.get(t.id)!
          : ragOnTheDay({ rag: t.rag as Rag, latestDate: t.latest_date }, today, settings.thresholds),
    }));
  }

  async function targetPage(id: number, today: string) {
    const [target] = await evaluate({ targetId: id }, today);
    if (!target) throw new NotFoundError('target');
    const expectedAt = (date: string) => expectedValue(target.definition, date);
    const table = [...target.observations].reverse().map((o) => ({ ...o, expected: expectedAt(o.date) }));
    return { target, chart: targetChart(target, false), table };
  }

  /** Every target of the current (or chosen) agreement, for the downloads and the open-data API. */
  async function allTargets(today: string, agreementSlug?: string) {
    const { agreement } = await chooseAgreement(agreementSlug, today);
    return { agreement, targets: agreement ? await evaluate({ agreementId: agreement.id }, today) : [] };
  }

  return { dashboard, targetPage, allTargets, evaluate, chooseAgreement };
}

export type DashboardServices = ReturnType<typeof createDashboardServices>;
