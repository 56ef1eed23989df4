import type { ColumnType, Generated } from 'kysely';

type Timestamps = { created_at: string; updated_at: string };
type Versioned = { version: ColumnType<number, number | undefined, number> };
/** A count with a default of 0 in the database. */
type Counter = ColumnType<number, number | undefined, number>;

/** The performance module's tables: indicators, their data, agreements and targets. */
export interface PerformanceTables {
  indicators: IndicatorsTable;
  data_points: DataPointsTable;
  data_imports: DataImportsTable;
  data_import_rows: DataImportRowsTable;
  data_import_periods: DataImportPeriodsTable;
  data_import_rejects: DataImportRejectsTable;
  data_point_revisions: DataPointRevisionsTable;
  agreements: AgreementsTable;
  targets: TargetsTable;
  target_years: TargetYearsTable;
  target_contributors: TargetContributorsTable;
  target_statuses: TargetStatusesTable;
}

/** The indicator catalogue. */
export interface IndicatorsTable extends Timestamps, Versioned {
  id: Generated<number>;
  /** Unique, e.g. "NI 117" or a Fingertips id "90366". */
  code: string;
  title: string;
  definition: string | null;
  unit: string | null;
  /** higher | lower: which way is better. */
  polarity: string;
  /** year | financial_year | quarter | month */
  frequency: string;
  source: string | null;
  /** JSON array of area kinds it is reported for, e.g. ["unitary","ward"]. */
  area_kinds: string;
}

/** One value of an indicator for one area and period. */
export interface DataPointsTable extends Timestamps, Versioned {
  id: Generated<number>;
  indicator_id: number;
  area_id: number;
  /** Canonical period code: "2024", "2024/25", "2024/25 Q1", "2024-05". */
  period: string;
  /** year | financial_year | quarter | month */
  period_kind: string;
  /** First and last day of the period (ISO dates) for ordering and charts. */
  period_start: string;
  period_end: string;
  value: number | null;
  lower_ci: number | null;
  upper_ci: number | null;
  numerator: number | null;
  denominator: number | null;
  provisional: number;
  /** Why there is no value (e.g. "suppressed: small numbers"). */
  note: string | null;
  source: string | null;
  import_id: number | null;
  recorded_by: number | null;
}

/** A data file being checked or imported (the file itself is kept under data/imports). */
export interface DataImportsTable {
  id: Generated<number>;
  filename: string;
  stored_path: string;
  sha256: string;
  /** fingertips | simple */
  layout: string;
  /** uploaded | checking | checked | rejected | importing | imported | failed */
  status: string;
  rows_total: Counter;
  rows_done: Counter;
  rows_accepted: Counter;
  rows_rejected: Counter;
  rows_unchanged: Counter;
  /** JSON: the rejected rows (capped) and a summary of reasons. */
  report_json: string | null;
  created_by: number;
  created_at: string;
  finished_at: string | null;
}

/** A checked row of a data file, waiting for the import to be confirmed. */
export interface DataImportRowsTable {
  import_id: number;
  row_number: number;
  indicator_id: number;
  area_id: number;
  /** Its kind, start and end are in data_import_periods. */
  period: string;
  value: number | null;
  lower_ci: number | null;
  upper_ci: number | null;
  numerator: number | null;
  denominator: number | null;
  provisional: number;
  note: string | null;
}

/** Each period a checked file has figures for, read once. */
export interface DataImportPeriodsTable {
  import_id: number;
  period: string;
  period_kind: string;
  period_start: string;
  period_end: string;
}

/** A row of a data file that cannot be imported, and why. */
export interface DataImportRejectsTable {
  import_id: number;
  row_number: number;
  reason: string;
  /** The start of the row as it was in the file, to recognise it by. */
  excerpt: string;
}

/** A value as it was before an import or an edit replaced it: nothing saved is lost. */
export interface DataPointRevisionsTable {
  id: Generated<number>;
  data_point_id: number;
  value: number | null;
  lower_ci: number | null;
  upper_ci: number | null;
  numerator: number | null;
  denominator: number | null;
  provisional: number;
  note: string | null;
  source: string | null;
  import_id: number | null;
  recorded_by: number | null;
  replaced_at: string;
  replaced_by_import_id: number | null;
  replaced_by_user_id: number | null;
}

/** A delivery agreement (e.g. a Local Area Agreement) over a run of financial years. */
export interface AgreementsTable extends Timestamps, Versioned {
  id: Generated<number>;
  name: string;
  slug: string;
  partnership_id: number;
  /** First and last financial year, by starting calendar year: 2008 means 2008/09. */
  first_year: number;
  last_year: number;
  /** draft | submitted | signed_off */
  status: string;
  signed_off_on: string | null;
}

export interface TargetsTable extends Timestamps, Versioned {
  id: Generated<number>;
  agreement_id: number;
  indicator_id: number;
  /** The pack's block code. */
  block: string;
  priority_id: number | null;
  /** The partnership accountable for it (filters the dashboard). */
  partnership_id: number | null;
  /** The area the target is for: the place, or a ward for a narrowing-the-gap target. */
  area_id: number;
  baseline_value: number;
  baseline_period: string;
  lead_organisation_id: number;
  reward_bearing: number;
  /** proposed | agreed | signed_off */
  sign_off_status: string;
  notes: string | null;
}

/** The target value for each financial year of the agreement. */
export interface TargetYearsTable {
  id: Generated<number>;
  target_id: number;
  /** Financial year by starting calendar year. */
  year: number;
  value: number;
}

export interface TargetContributorsTable {
  id: Generated<number>;
  target_id: number;
  organisation_id: number;
}

/** A target's status as last worked out on a change to its figures, its targets or the thresholds. */
export interface TargetStatusesTable {
  target_id: number;
  /** on_track | at_risk | off_track | no_data, as judged when computed_at was. */
  rag: string;
  /** The date of the latest figure with a value: "no recent data" is judged from it on the day. */
  latest_date: string | null;
  computed_at: string;
  /** A TargetSummary as JSON: what a dashboard row shows beyond names; null until first worked out. */
  summary_json: string | null;
  /** The dashboard row's small trend chart (SVG), drawn with the summary. */
  chart_svg: string | null;
  /** The table of figures behind that chart (HTML). */
  figures_html: string | null;
}
