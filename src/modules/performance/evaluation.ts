import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { termName, type FrameworkPack } from '../../domain/framework-pack.ts';
import { financialYear, financialYearLabel, parsePeriod } from '../../domain/periods.ts';
import {
  directionNames,
  ragNames,
  targetStatus,
  type Observation,
  type Polarity,
  type TargetDefinition,
  type TargetStatus,
} from '../../domain/target-status.ts';
import { groupBy } from '../../platform/collections.ts';
import { frameworkPack } from '../../platform/framework-packs.ts';
import { signOffStatusNames } from './forms.ts';
import type { PerformanceSettings } from './place-settings.ts';
import * as repo from './repository.ts';

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

export interface EvaluationOptions {
  /** Show a ward's figures against each target's trajectory instead of the target's own area. */
  ward?: { id: number; name: string };
  /** For a report "as at" a past date: figures for periods ending after it are left out. */
  upTo?: string;
  /** 'status': each figure's value only (no confidence interval or note), for long lists. */
  detail?: 'status' | 'full';
}

/** What names a target on a page: its block in the place's framework, and the area whose figures are shown. */
export function targetIdentity(
  row: repo.TargetWithContext,
  pack: FrameworkPack,
  ward?: { id: number; name: string },
): Pick<EvaluatedTarget, 'id' | 'row' | 'blockName' | 'dataArea'> {
  return {
    id: row.id,
    row,
    blockName: termName(pack.agreement.blocks.terms, row.block),
    dataArea: ward ?? { id: row.area_id, name: row.area_name },
  };
}

/**
 * Works out targets' status from their figures. Takes the database or a transaction,
 * so a change can work out the statuses it affects before it commits.
 */
export async function evaluateTargets(
  db: Kysely<Database>,
  settings: PerformanceSettings,
  filter: repo.TargetFilter,
  today: string,
  { ward, upTo, detail = 'full' }: EvaluationOptions = {},
): Promise<EvaluatedTarget[]> {
  const rows = await repo.targetsWithContext(db, filter);
  const pack = frameworkPack(settings.packId);
  const ids = rows.map((r) => r.id);
  const [years, contributors, points] = await Promise.all([
    repo.yearsOfTargets(db, ids),
    repo.contributorsOfTargets(db, ids),
    repo.observationsFor(
      db,
      rows.map((r) => ({ indicatorId: r.indicator_id, areaId: (ward ?? { id: r.area_id }).id })),
      detail,
    ),
  ]);
  const yearsBy = groupBy(years, (y) => y.target_id);
  const contributorsBy = groupBy(contributors, (c) => c.target_id);
  const pointsBy = groupBy(points, (p) => `${p.indicator_id}:${p.area_id}`);
  return rows.map((row) => {
    const identity = targetIdentity(row, pack, ward);
    const all = (pointsBy.get(`${row.indicator_id}:${identity.dataArea.id}`) ?? []).filter(
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
    if (chosen !== ofFrequency) observations.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
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
    const status = targetStatus(definition, observations, today, settings.thresholds);
    return {
      ...identity,
      signOffName:
        signOffStatusNames[row.sign_off_status as keyof typeof signOffStatusNames] ?? row.sign_off_status,
      years: targetYears,
      contributors: (contributorsBy.get(row.id) ?? []).map((c) => ({ id: c.id, name: c.name, slug: c.slug })),
      definition,
      observations,
      status,
      ragName: ragNames[status.rag],
      directionName: directionNames[status.direction],
    };
  });
}
