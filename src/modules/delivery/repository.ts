import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface ActionFilter {
  targetId?: number;
  priorityId?: number;
  organisationId?: number;
  actionId?: number;
}

/** Actions with the names of what they belong to; one query however many. */
export function actionsWithContext(db: Db, filter: ActionFilter = {}) {
  let query = db
    .selectFrom('actions')
    .leftJoin('organisations', 'organisations.id', 'actions.organisation_id')
    .leftJoin('people', 'people.id', 'actions.person_id')
    .leftJoin('priorities', 'priorities.id', 'actions.priority_id')
    .leftJoin('targets', 'targets.id', 'actions.target_id')
    .leftJoin('indicators', 'indicators.id', 'targets.indicator_id')
    .selectAll('actions')
    .select([
      'organisations.name as organisation_name',
      'organisations.slug as organisation_slug',
      'people.name as person_name',
      'people.slug as person_slug',
      'priorities.title as priority_title',
      'indicators.code as target_indicator_code',
      'indicators.title as target_indicator_title',
    ]);
  if (filter.targetId) query = query.where('actions.target_id', '=', filter.targetId);
  if (filter.priorityId) query = query.where('actions.priority_id', '=', filter.priorityId);
  if (filter.organisationId) query = query.where('actions.organisation_id', '=', filter.organisationId);
  if (filter.actionId) query = query.where('actions.id', '=', filter.actionId);
  return query.orderBy('actions.due_on').orderBy('actions.id').execute();
}
export type ActionWithContext = Awaited<ReturnType<typeof actionsWithContext>>[number];

/** The newest update of each action, in one query. */
export async function latestUpdates(db: Db, actionIds: number[]) {
  if (actionIds.length === 0) return [];
  const rows = await db
    .selectFrom('action_updates')
    .selectAll()
    .where('action_id', 'in', actionIds)
    .orderBy('reported_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.action_id) && seen.add(r.action_id));
}
