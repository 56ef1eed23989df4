import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

// Indicators

export const listIndicators = (db: Db) => db.selectFrom('indicators').selectAll().orderBy('code').execute();
export const findIndicatorById = (db: Db, id: number) =>
  db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();
export const findIndicatorByCode = (db: Db, code: string) =>
  db.selectFrom('indicators').selectAll().where('code', '=', code).executeTakeFirst();

// Data points

export const findDataPoint = (db: Db, id: number) =>
  db.selectFrom('data_points').selectAll().where('id', '=', id).executeTakeFirst();

export const findDataPointByKey = (db: Db, indicatorId: number, areaId: number, period: string) =>
  db
    .selectFrom('data_points')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('area_id', '=', areaId)
    .where('period', '=', period)
    .executeTakeFirst();

/** An indicator's values, newest first, with the area's name. */
export const dataPointsOfIndicator = (db: Db, indicatorId: number, areaId?: number) => {
  let query = db
    .selectFrom('data_points')
    .innerJoin('areas', 'areas.id', 'data_points.area_id')
    .selectAll('data_points')
    .select(['areas.name as area_name', 'areas.slug as area_slug'])
    .where('data_points.indicator_id', '=', indicatorId);
  if (areaId) query = query.where('data_points.area_id', '=', areaId);
  return query.orderBy('data_points.period_end', 'desc').orderBy('areas.name').execute();
};

/**
 * The values behind a set of (indicator, area) pairs, in one query: the dashboard's
 * whole data, however many targets, never one query per target. The status of a target
 * needs only the period, its end and the value; `full` adds the confidence interval and
 * the note, for the pages and downloads that show them (a third of the work saved on a
 * dashboard of hundreds of targets).
 */
export async function observationsFor(
  db: Db,
  pairs: { indicatorId: number; areaId: number }[],
  detail: 'status' | 'full' = 'full',
): Promise<ObservationRow[]> {
  if (pairs.length === 0) return [];
  const indicatorIds = [...new Set(pairs.map((p) => p.indicatorId))];
  const areaIds = [...new Set(pairs.map((p) => p.areaId))];
  const base = db
    .selectFrom('data_points')
    .select(['indicator_id', 'area_id', 'period', 'period_kind', 'period_end', 'value', 'provisional'])
    .where('indicator_id', 'in', indicatorIds)
    .where('area_id', 'in', areaIds)
    // The order of the unique index: no sorting for the database, and each pair's figures in period order.
    .orderBy('indicator_id')
    .orderBy('area_id')
    .orderBy('period');
  const rows: ObservationRow[] =
    detail === 'full' ? await base.select(['lower_ci', 'upper_ci', 'note']).execute() : await base.execute();
  if (areaIds.length === 1) return rows;
  const wanted = new Set(pairs.map((p) => p.indicatorId * 1_000_000 + p.areaId));
  return rows.filter((r) => wanted.has(r.indicator_id * 1_000_000 + r.area_id));
}

export interface ObservationRow {
  indicator_id: number;
  area_id: number;
  period: string;
  period_kind: string;
  period_end: string;
  value: number | null;
  provisional: number;
  lower_ci?: number | null;
  upper_ci?: number | null;
  note?: string | null;
}

// Agreements and targets

export const listAgreements = (db: Db) =>
  db
    .selectFrom('agreements')
    .innerJoin('partnerships', 'partnerships.id', 'agreements.partnership_id')
    .selectAll('agreements')
    .select(['partnerships.name as partnership_name', 'partnerships.slug as partnership_slug'])
    .orderBy('agreements.first_year', 'desc')
    .orderBy('agreements.name')
    .execute();

export const findAgreementBySlug = (db: Db, slug: string) =>
  db.selectFrom('agreements').selectAll().where('slug', '=', slug).executeTakeFirst();

export const findTarget = (db: Db, id: number) =>
  db.selectFrom('targets').selectAll().where('id', '=', id).executeTakeFirst();

export interface TargetFilter {
  agreementId?: number;
  block?: string;
  partnershipId?: number;
  targetId?: number;
  targetIds?: number[];
  indicatorIds?: number[];
  leadOrganisationId?: number;
}

/** The condition a filter puts on targets (every target when it names nothing). */
function targetsMatching(filter: TargetFilter) {
  return (eb: ExpressionBuilder<Database, 'targets'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.agreementId) conditions.push(eb('targets.agreement_id', '=', filter.agreementId));
    if (filter.block) conditions.push(eb('targets.block', '=', filter.block));
    if (filter.partnershipId) conditions.push(eb('targets.partnership_id', '=', filter.partnershipId));
    if (filter.targetId) conditions.push(eb('targets.id', '=', filter.targetId));
    if (filter.targetIds) conditions.push(eb('targets.id', 'in', filter.targetIds));
    if (filter.indicatorIds) conditions.push(eb('targets.indicator_id', 'in', filter.indicatorIds));
    if (filter.leadOrganisationId)
      conditions.push(eb('targets.lead_organisation_id', '=', filter.leadOrganisationId));
    return eb.and(conditions);
  };
}

/** Targets with everything a dashboard row names: indicator, agreement, lead, area, priority, partnership. */
export async function targetsWithContext(db: Db, filter: TargetFilter = {}) {
  if (filter.targetIds?.length === 0 || filter.indicatorIds?.length === 0) return [];
  const query = db
    .selectFrom('targets')
    .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
    .innerJoin('agreements', 'agreements.id', 'targets.agreement_id')
    .innerJoin('organisations as lead', 'lead.id', 'targets.lead_organisation_id')
    .innerJoin('areas', 'areas.id', 'targets.area_id')
    .leftJoin('priorities', 'priorities.id', 'targets.priority_id')
    .leftJoin('partnerships', 'partnerships.id', 'targets.partnership_id')
    .selectAll('targets')
    .select([
      'indicators.code as indicator_code',
      'indicators.title as indicator_title',
      'indicators.unit as indicator_unit',
      'indicators.polarity as polarity',
      'indicators.frequency as frequency',
      'indicators.definition as indicator_definition',
      'indicators.source as indicator_source',
      'agreements.name as agreement_name',
      'agreements.slug as agreement_slug',
      'agreements.first_year as agreement_first_year',
      'agreements.last_year as agreement_last_year',
      'lead.name as lead_name',
      'lead.slug as lead_slug',
      'areas.name as area_name',
      'areas.slug as area_slug',
      'areas.kind as area_kind',
      'priorities.title as priority_title',
      'priorities.slug as priority_slug',
      'priorities.position as priority_position',
      'partnerships.name as partnership_name',
      'partnerships.slug as partnership_slug',
    ]);
  return query.where(targetsMatching(filter)).orderBy('indicators.code').orderBy('targets.id').execute();
}
export type TargetWithContext = Awaited<ReturnType<typeof targetsWithContext>>[number];

/**
 * Each target's saved status, in the dashboard's order: enough to count and page every
 * target without reading its figures. rag is null for a target never worked out.
 */
export function targetStandings(db: Db, filter: TargetFilter) {
  return db
    .selectFrom('targets')
    .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
    .leftJoin('target_statuses', 'target_statuses.target_id', 'targets.id')
    .select(['targets.id', 'targets.priority_id', 'target_statuses.rag', 'target_statuses.latest_date'])
    .where(targetsMatching(filter))
    .orderBy('indicators.code')
    .orderBy('targets.id')
    .execute();
}

/** The summaries and charts saved with targets' statuses (see target-card.ts). */
export async function savedSummaries(db: Db, targetIds: number[]) {
  if (targetIds.length === 0) return [];
  return db
    .selectFrom('target_statuses')
    .select(['target_id', 'rag', 'latest_date', 'summary_json', 'chart_svg', 'figures_html'])
    .where('target_id', 'in', targetIds)
    .execute();
}

export async function yearsOfTargets(db: Db, targetIds: number[]) {
  if (targetIds.length === 0) return [];
  return db
    .selectFrom('target_years')
    .selectAll()
    .where('target_id', 'in', targetIds)
    .orderBy('year')
    .execute();
}

export async function contributorsOfTargets(db: Db, targetIds: number[]) {
  if (targetIds.length === 0) return [];
  return db
    .selectFrom('target_contributors')
    .innerJoin('organisations', 'organisations.id', 'target_contributors.organisation_id')
    .select(['target_contributors.target_id', 'organisations.id', 'organisations.name', 'organisations.slug'])
    .where('target_contributors.target_id', 'in', targetIds)
    .orderBy('organisations.name')
    .execute();
}
