import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { defaultThresholds, thresholdsProblem, type StatusThresholds } from '../../domain/target-status.ts';
import { frameworkPack } from '../../platform/framework-packs.ts';
import { readSettings } from '../../platform/settings.ts';

/** Settings keys of the place's performance framework. */
export const settingKeys = {
  pack: 'framework_pack',
  atRiskShare: 'rag_at_risk_share',
  flatTolerance: 'rag_flat_tolerance',
  staleAfterMonths: 'rag_stale_after_months',
} as const;

export interface PerformanceSettings {
  packId: string;
  thresholds: StatusThresholds;
  placeAreaId: number | null;
}

/** The place's framework pack and status thresholds; a transaction passes itself so it reads its own writes. */
export async function readPerformanceSettings(db: Kysely<Database>): Promise<PerformanceSettings> {
  const stored = await readSettings(db);
  const value = (key: string) => stored.get(key);
  const number = (key: string, fallback: number) => {
    const n = Number(value(key));
    return value(key) !== undefined && Number.isFinite(n) ? n : fallback;
  };
  const placeAreaId = value('place_area_id');
  const thresholds = {
    atRiskShare: number(settingKeys.atRiskShare, defaultThresholds.atRiskShare),
    flatTolerance: number(settingKeys.flatTolerance, defaultThresholds.flatTolerance),
    staleAfterMonths: number(settingKeys.staleAfterMonths, defaultThresholds.staleAfterMonths),
  };
  return {
    packId: frameworkPack(value(settingKeys.pack)).id,
    // Saved values were checked when saved; anything else found in the table is ignored, never fatal.
    thresholds: thresholdsProblem(thresholds) ? defaultThresholds : thresholds,
    placeAreaId: placeAreaId ? Number(placeAreaId) : null,
  };
}
