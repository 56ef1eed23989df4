import type { ColumnType, Generated } from 'kysely';

type Timestamps = { created_at: string; updated_at: string };
type Versioned = { version: ColumnType<number, number | undefined, number> };

/** The strategy module's tables (see src/db/schema.ts for the conventions). */
export interface StrategyTables {
  strategies: StrategiesTable;
  strategy_versions: StrategyVersionsTable;
  priorities: PrioritiesTable;
  plan_links: PlanLinksTable;
  strategy_stages: StrategyStagesTable;
}

/** A place's strategy (e.g. its Sustainable Community Strategy), owned by one partnership. */
export interface StrategiesTable extends Timestamps, Versioned {
  id: Generated<number>;
  name: string;
  slug: string;
  partnership_id: number;
  /** The framework pack whose stages and tags it uses. */
  framework: string;
  /** Current lifecycle stage code (from the pack). */
  current_stage: string;
  /** First adoption, and the last annual refresh and three-yearly review (ISO dates). */
  adopted_on: string | null;
  last_refreshed_on: string | null;
  last_reviewed_on: string | null;
  /** Runs until (ISO date, optional), e.g. a 2008–2020 strategy. */
  ends_on: string | null;
}

/** One version of a strategy: draft, adopted or superseded. */
export interface StrategyVersionsTable extends Timestamps, Versioned {
  id: Generated<number>;
  strategy_id: number;
  number: number;
  title: string;
  vision: string;
  /** draft | adopted | superseded */
  status: string;
  adopted_on: string | null;
}

/** A priority (outcome) of a strategy version. */
export interface PrioritiesTable extends Timestamps, Versioned {
  id: Generated<number>;
  strategy_version_id: number;
  position: number;
  title: string;
  slug: string;
  description: string | null;
  owning_partnership_id: number | null;
  /** JSON array of the pack's component codes. */
  components: string;
  /** JSON array of the pack's dimension codes (e.g. economic, social, environmental). */
  dimensions: string;
  /** The priority of the previous version this one was carried from. */
  carried_from_id: number | null;
}

/** Another plan a strategy version has regard to, or that has regard to it. */
export interface PlanLinksTable {
  id: Generated<number>;
  strategy_version_id: number;
  title: string;
  /** regional | sub_regional | thematic | local_development_framework | other */
  kind: string;
  url: string | null;
  partnership_id: number | null;
  /** has_regard_to: our strategy has regard to that plan; regarded_by: that plan has regard to ours. */
  direction: string;
  created_at: string;
}

/** The lifecycle: when each stage was completed (one row per stage reached). */
export interface StrategyStagesTable {
  id: Generated<number>;
  strategy_id: number;
  stage: string;
  completed_on: string | null;
  note: string | null;
  completed_by: number | null;
  created_at: string;
}
