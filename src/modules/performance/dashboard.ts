import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { termName } from '../../domain/framework-pack.ts';
import { financialYear, financialYearLabel, financialYearOf, parsePeriod } from '../../domain/periods.ts';
import {
  directionNames,
  expectedValue,
  ragNames,
  targetStatus,
  trajectory,
  type Observation,
  type Polarity,
  type Rag,
  type TargetDefinition,
  type TargetStatus,
} from '../../domain/target-status.ts';
import { renderTrendChart } from '../../domain/trend-chart.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { groupBy } from '../../platform/collections.ts';
import { frameworkPack } from '../../platform/framework-packs.ts';
import type { PerformanceServices } from './service.ts';
import * as repo from './repository.ts';
import { currentPriorities } from '../strategy/repository.ts';
import { signOffStatusNames } from './forms.ts';

type Db = Kysely<Database>;

export const ragOrder: Rag[] = ['off_track', 'at_risk', 'on_track', 'no_data'];

/** A target with its numbers worked out: what the dashboard, the target page, the exports and the report show. */
export interface EvaluatedTarget {
  id: number;
  row: repo.TargetWithContext;
  blockName: string;
  signOffName: string;
  years: { year: number; label: string; value: number }[];
  contributors: { id: number; name: string; slug: string }[];
  definition: TargetDefinition;
  observations: (Observation & { lowerCi: number | null; upperCi: number | null; note: string | null })[];
  status: TargetStatus;
  ragName: string;
  directionName: string;
  /** The area whose data is shown (a ward when the dashboard is filtered by ward). */
  dataArea: { id: number; name: string };
}

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

  async function evaluate(
    filter: repo.TargetFilter,
    today: string,
    ward?: { id: number; name: string },
    /** For a report "as at" a past date: figures for periods ending after it are left out. */
    upTo?: string,
    /** 'status': each figure's value only (no confidence interval or note), for long lists. */
    detail: 'status' | 'full' = 'full',
  ): Promise<EvaluatedTarget[]> {
    const [{ thresholds, packId }, rows] = await Promise.all([
      performance.settings(),
      repo.targetsWithContext(db, filter),
    ]);
    const pack = frameworkPack(packId);
    const ids = rows.map((r) => r.id);
    const dataAreaOf = (row: repo.TargetWithContext) => ward ?? { id: row.area_id, name: row.area_name };
    const [years, contributors, points] = await Promise.all([
      repo.yearsOfTargets(db, ids),
      repo.contributorsOfTargets(db, ids),
      repo.observationsFor(
        db,
        rows.map((r) => ({ indicatorId: r.indicator_id, areaId: dataAreaOf(r).id })),
        detail,
      ),
    ]);
    const yearsBy = groupBy(years, (y) => y.target_id);
    const contributorsBy = groupBy(contributors, (c) => c.target_id);
    const pointsBy = groupBy(points, (p) => `${p.indicator_id}:${p.area_id}`);
    return rows.map((row) => {
      const dataArea = dataAreaOf(row);
      const all = (pointsBy.get(`${row.indicator_id}:${dataArea.id}`) ?? []).filter(
        (p) => !upTo || p.period_end <= upTo,
      );
      // Prefer the indicator's own frequency, so quarterly and yearly figures are not mixed on one line.
      const ofFrequency = all.filter((p) => p.period_kind === row.frequency);
      const chosen = ofFrequency.length ? ofFrequency : all;
      const observations = chosen.map((p) => ({
        period: p.period,
        date: p.period_end,
        value: p.value,
        provisional: p.provisional === 1,
        lowerCi: p.lower_ci ?? null,
        upperCi: p.upper_ci ?? null,
        note: p.note ?? null,
      }));
      // Codes of one kind sort as their periods do; mixed kinds (a year beside a quarter) need their dates.
      if (chosen !== ofFrequency)
        observations.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      const targetYears = (yearsBy.get(row.id) ?? []).map((y) => ({
        year: y.year,
        label: financialYearLabel(y.year),
        value: y.value,
      }));
      const definition: TargetDefinition = {
        polarity: row.polarity as Polarity,
        baseline: {
          value: row.baseline_value,
          date: parsePeriod(row.baseline_period)?.end ?? financialYear(row.agreement_first_year - 1).end,
        },
        milestones: targetYears.map((y) => ({ date: financialYear(y.year).end, value: y.value })),
      };
      const status = targetStatus(definition, observations, today, thresholds);
      return {
        id: row.id,
        row,
        blockName: termName(pack.agreement.blocks.terms, row.block),
        signOffName:
          signOffStatusNames[row.sign_off_status as keyof typeof signOffStatusNames] ?? row.sign_off_status,
        years: targetYears,
        contributors: (contributorsBy.get(row.id) ?? []).map((c) => ({
          id: c.id,
          name: c.name,
          slug: c.slug,
        })),
        definition,
        observations,
        status,
        ragName: ragNames[status.rag],
        directionName: directionNames[status.direction],
        dataArea,
      };
    });
  }

  function chartFor(target: EvaluatedTarget, compact: boolean): string {
    return renderTrendChart({
      id: `target-${target.id}${compact ? '-small' : ''}`,
      title: `${target.row.indicator_code} ${target.row.indicator_title}${target.dataArea.id !== target.row.area_id ? `, ${target.dataArea.name}` : ''}`,
      unit: target.row.indicator_unit,
      actual: target.observations
        .filter((o): o is typeof o & { value: number } => o.value !== null)
        .map((o) => ({ date: o.date, value: o.value, provisional: o.provisional })),
      target: trajectory(target.definition),
      forecast: target.status.forecast?.points,
      compact,
      ...(compact ? { width: 240, height: 80 } : { width: 640, height: 300 }),
    });
  }

  async function dashboard(query: DashboardQuery, today: string) {
    const { agreements, agreement } = await chooseAgreement(query.agreement, today);
    const [partnerships, wards, { packId }, priorities] = await Promise.all([
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
    const pack = frameworkPack(packId);
    const partnership = partnerships.find((p) => p.slug === query.partnership);
    const ward = wards.find((w) => w.slug === query.ward);
    const block = pack.agreement.blocks.terms.find((b) => b.code === query.block);
    const evaluated = agreement
      ? await evaluate(
          { agreementId: agreement.id, block: block?.code, partnershipId: partnership?.id },
          today,
          ward,
          undefined,
          'status',
        )
      : [];
    // With a ward chosen: its own targets, and the place's targets on indicators that have figures for the ward.
    const shown = ward
      ? evaluated.filter((t) => t.row.area_id === ward.id || t.observations.length > 0)
      : evaluated;
    const counts = Object.fromEntries(
      ragOrder.map((rag) => [rag, shown.filter((t) => t.status.rag === rag).length]),
    );

    // Every priority, then its targets; targets serving no priority (or a priority of a superseded version) come last.
    const current = new Set(priorities.map((p) => p.id));
    const byPriority = groupBy(shown, (t) =>
      t.row.priority_id !== null && current.has(t.row.priority_id) ? t.row.priority_id : null,
    );
    const groups = [
      ...priorities.map((p) => ({ priority: p, targets: byPriority.get(p.id) ?? [] })),
      ...(byPriority.has(null) ? [{ priority: null, targets: byPriority.get(null)! }] : []),
    ];
    const pageCount = Math.max(1, Math.ceil(shown.length / targetsPerPage));
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
    // The figures tables on this page show notes and confidence limits: read those for its targets only.
    const onPage = sliced.flatMap((g) => g.targets);
    const detailed = groupBy(
      await repo.observationsFor(
        db,
        onPage.map((t) => ({ indicatorId: t.row.indicator_id, areaId: t.dataArea.id })),
        'full',
      ),
      (p) => `${p.indicator_id}:${p.area_id}`,
    );
    const withDetail = (t: EvaluatedTarget): EvaluatedTarget => {
      const full = new Map(
        (detailed.get(`${t.row.indicator_id}:${t.dataArea.id}`) ?? []).map((p) => [p.period, p]),
      );
      return {
        ...t,
        observations: t.observations.map((o) => {
          const p = full.get(o.period);
          return p
            ? { ...o, lowerCi: p.lower_ci ?? null, upperCi: p.upper_ci ?? null, note: p.note ?? null }
            : o;
        }),
      };
    };
    const pageGroups = sliced
      .map((group) => ({
        ...group,
        targets: group.targets.map((t) => ({ ...withDetail(t), chart: chartFor(t, true) })),
        // A priority with no targets is shown (as a gap) on the first page only.
        show: group.targets.length > 0 || (group.all === 0 && page === 1),
      }))
      .filter((g) => g.show);
    return {
      agreement,
      agreements,
      pack,
      filters: { block: block?.code, partnership: partnership?.slug, ward: ward?.slug },
      ward,
      partnerships,
      wards,
      blocks: pack.agreement.blocks.terms,
      counts,
      total: shown.length,
      groups: pageGroups,
      page,
      pageCount,
    };
  }

  async function targetPage(id: number, today: string) {
    const [target] = await evaluate({ targetId: id }, today);
    if (!target) throw new NotFoundError('target');
    const expectedAt = (date: string) => expectedValue(target.definition, date);
    const table = [...target.observations].reverse().map((o) => ({ ...o, expected: expectedAt(o.date) }));
    return { target, chart: chartFor(target, false), table };
  }

  /** Every target of the current (or chosen) agreement, for the downloads and the open-data API. */
  async function allTargets(today: string, agreementSlug?: string) {
    const { agreement } = await chooseAgreement(agreementSlug, today);
    return { agreement, targets: agreement ? await evaluate({ agreementId: agreement.id }, today) : [] };
  }

  return { dashboard, targetPage, allTargets, evaluate, chooseAgreement };
}

export type DashboardServices = ReturnType<typeof createDashboardServices>;
