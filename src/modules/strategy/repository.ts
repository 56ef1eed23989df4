import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type {
  PlanLinksTable,
  PrioritiesTable,
  StrategiesTable,
  StrategyStagesTable,
  StrategyVersionsTable,
} from './tables.ts';

/** The strategy module's queries. Lists of ids are asked for in one query each, never row by row. */

export type Db = Kysely<Database> | Transaction<Database>;
export type StrategyRow = Selectable<StrategiesTable>;
export type VersionRow = Selectable<StrategyVersionsTable>;
export type PriorityRow = Selectable<PrioritiesTable>;
export type PlanLinkRow = Selectable<PlanLinksTable>;
export type StageRow = Selectable<StrategyStagesTable>;

export function findStrategyBySlug(db: Db, slug: string) {
  return db.selectFrom('strategies').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function slugTaken(db: Db, slug: string): Promise<boolean> {
  return (
    (await db.selectFrom('strategies').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined
  );
}

/** Every strategy with its owning partnership. */
export function listStrategies(db: Db) {
  return db
    .selectFrom('strategies')
    .innerJoin('partnerships', 'partnerships.id', 'strategies.partnership_id')
    .selectAll('strategies')
    .select(['partnerships.name as partnership_name', 'partnerships.slug as partnership_slug'])
    .orderBy('strategies.name')
    .execute();
}

export function versionsOf(db: Db, strategyId: number) {
  return db
    .selectFrom('strategy_versions')
    .selectAll()
    .where('strategy_id', '=', strategyId)
    .orderBy('number')
    .execute();
}

export function findVersion(db: Db, strategyId: number, number: number) {
  return db
    .selectFrom('strategy_versions')
    .selectAll()
    .where('strategy_id', '=', strategyId)
    .where('number', '=', number)
    .executeTakeFirst();
}

/** The priorities of some versions, in their order, with the partnership that owns each. */
export async function prioritiesOf(db: Db, versionIds: number[]) {
  if (versionIds.length === 0) return [];
  return db
    .selectFrom('priorities')
    .leftJoin('partnerships', 'partnerships.id', 'priorities.owning_partnership_id')
    .selectAll('priorities')
    .select(['partnerships.name as owner_name', 'partnerships.slug as owner_slug'])
    .where('priorities.strategy_version_id', 'in', versionIds)
    .orderBy('priorities.position')
    .orderBy('priorities.id')
    .execute();
}

export type PriorityWithOwner = Awaited<ReturnType<typeof prioritiesOf>>[number];

/** One priority with its version, if it belongs to this strategy. */
export function findPriority(db: Db, strategyId: number, priorityId: number) {
  return db
    .selectFrom('priorities')
    .innerJoin('strategy_versions', 'strategy_versions.id', 'priorities.strategy_version_id')
    .selectAll('priorities')
    .select(['strategy_versions.number as version_number'])
    .where('priorities.id', '=', priorityId)
    .where('strategy_versions.strategy_id', '=', strategyId)
    .executeTakeFirst();
}

/** The plan links of some versions, with the partnership whose plan each is. */
export async function linksOf(db: Db, versionIds: number[]) {
  if (versionIds.length === 0) return [];
  return db
    .selectFrom('plan_links')
    .leftJoin('partnerships', 'partnerships.id', 'plan_links.partnership_id')
    .selectAll('plan_links')
    .select(['partnerships.name as partnership_name', 'partnerships.slug as partnership_slug'])
    .where('plan_links.strategy_version_id', 'in', versionIds)
    .orderBy('plan_links.id')
    .execute();
}

export type PlanLinkWithPartnership = Awaited<ReturnType<typeof linksOf>>[number];

export function findLink(db: Db, strategyId: number, linkId: number) {
  return db
    .selectFrom('plan_links')
    .innerJoin('strategy_versions', 'strategy_versions.id', 'plan_links.strategy_version_id')
    .selectAll('plan_links')
    .select(['strategy_versions.number as version_number', 'strategy_versions.status as version_status'])
    .where('plan_links.id', '=', linkId)
    .where('strategy_versions.strategy_id', '=', strategyId)
    .executeTakeFirst();
}

export function stagesOf(db: Db, strategyId: number) {
  return db.selectFrom('strategy_stages').selectAll().where('strategy_id', '=', strategyId).execute();
}

/** Every partnership with its parent, for choosing owners and working out permission lines. */
export function listPartnerships(db: Db) {
  return db
    .selectFrom('partnerships')
    .select(['id', 'name', 'slug', 'parent_id', 'status'])
    .orderBy('name')
    .execute();
}

/** The targets serving some priorities, named by their indicator (and ward, for a ward target). */
export async function targetsOf(db: Db, priorityIds: number[]) {
  if (priorityIds.length === 0) return [];
  return db
    .selectFrom('targets')
    .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
    .innerJoin('areas', 'areas.id', 'targets.area_id')
    .select([
      'targets.id',
      'targets.priority_id',
      'targets.sign_off_status',
      'indicators.code as indicator_code',
      'indicators.title as indicator_title',
      'areas.name as area_name',
      'areas.kind as area_kind',
    ])
    .where('targets.priority_id', 'in', priorityIds)
    .orderBy('indicators.code')
    .orderBy('targets.id')
    .execute();
}

/** The actions serving some priorities or targets (only the links are needed). */
export async function actionsFor(db: Db, priorityIds: number[], targetIds: number[]) {
  if (priorityIds.length === 0 && targetIds.length === 0) return [];
  return db
    .selectFrom('actions')
    .select(['id', 'priority_id', 'target_id'])
    .where((eb) =>
      eb.or([
        ...(priorityIds.length ? [eb('priority_id', 'in', priorityIds)] : []),
        ...(targetIds.length ? [eb('target_id', 'in', targetIds)] : []),
      ]),
    )
    .execute();
}

/** Figures recorded for any indicator (those with a value). */
export async function countIndicatorFigures(db: Db): Promise<number> {
  const row = await db
    .selectFrom('data_points')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('value', 'is not', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The audit entries of a strategy, its versions and their priorities, newest first. */
export async function auditEntriesOf(
  db: Db,
  strategyId: number,
  versionIds: number[],
  priorityIds: number[],
) {
  return db
    .selectFrom('audit_entries')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', 'strategy'), eb('entity_id', '=', strategyId)]),
        ...(versionIds.length
          ? [eb.and([eb('entity_type', '=', 'strategy_version'), eb('entity_id', 'in', versionIds)])]
          : []),
        ...(priorityIds.length
          ? [eb.and([eb('entity_type', '=', 'priority'), eb('entity_id', 'in', priorityIds)])]
          : []),
      ]),
    )
    .orderBy('id', 'desc')
    .execute();
}

/**
 * The priorities the partnership works to now: those of each strategy's adopted version,
 * in order, with the partnership that owns each. With `includeDrafts`, a draft version's
 * too (after the adopted ones), for planning targets before a version is adopted. The one
 * query every module asks for its current priorities.
 */
export function currentPriorities(db: Db, options: { includeDrafts?: boolean } = {}) {
  return db
    .selectFrom('priorities')
    .innerJoin('strategy_versions', 'strategy_versions.id', 'priorities.strategy_version_id')
    .innerJoin('strategies', 'strategies.id', 'strategy_versions.strategy_id')
    .leftJoin('partnerships', 'partnerships.id', 'priorities.owning_partnership_id')
    .select([
      'priorities.id',
      'priorities.title',
      'priorities.slug',
      'priorities.position',
      'priorities.description',
      'priorities.owning_partnership_id',
      'partnerships.name as owner_name',
      'strategies.slug as strategy_slug',
    ])
    .where('strategy_versions.status', 'in', options.includeDrafts ? ['adopted', 'draft'] : ['adopted'])
    .orderBy('strategy_versions.status')
    .orderBy('priorities.position')
    .orderBy('priorities.id')
    .execute();
}
