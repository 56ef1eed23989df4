import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface ActionFilter {
  targetId?: number;
  priorityId?: number;
  organisationId?: number;
  actionId?: number;
}

/**
 * Actions with the names of what they belong to; one query however many. The priority an
 * action serves is its own, or else its target's (`served_priority_*`).
 */
export function actionsWithContext(db: Db, filter: ActionFilter = {}) {
  let query = db
    .selectFrom('actions')
    .leftJoin('organisations', 'organisations.id', 'actions.organisation_id')
    .leftJoin('people', 'people.id', 'actions.person_id')
    .leftJoin('priorities', 'priorities.id', 'actions.priority_id')
    .leftJoin('targets', 'targets.id', 'actions.target_id')
    .leftJoin('indicators', 'indicators.id', 'targets.indicator_id')
    .leftJoin('areas as target_area', 'target_area.id', 'targets.area_id')
    .leftJoin('priorities as target_priority', 'target_priority.id', 'targets.priority_id')
    .selectAll('actions')
    .select([
      'organisations.name as organisation_name',
      'organisations.slug as organisation_slug',
      'people.name as person_name',
      'people.slug as person_slug',
      'priorities.title as priority_title',
      'priorities.slug as priority_slug',
      'priorities.owning_partnership_id as priority_partnership_id',
      'indicators.id as target_indicator_id',
      'indicators.code as target_indicator_code',
      'indicators.title as target_indicator_title',
      'targets.partnership_id as target_partnership_id',
      'targets.area_id as target_area_id',
      'target_area.name as target_area_name',
      'target_area.kind as target_area_kind',
      'target_priority.id as target_priority_id',
      'target_priority.title as target_priority_title',
      'target_priority.slug as target_priority_slug',
      'target_priority.owning_partnership_id as target_priority_partnership_id',
    ]);
  if (filter.targetId) query = query.where('actions.target_id', '=', filter.targetId);
  if (filter.priorityId)
    query = query.where((eb) =>
      eb.or([
        eb('actions.priority_id', '=', filter.priorityId!),
        eb.and([eb('actions.priority_id', 'is', null), eb('targets.priority_id', '=', filter.priorityId!)]),
      ]),
    );
  if (filter.organisationId) query = query.where('actions.organisation_id', '=', filter.organisationId);
  if (filter.actionId) query = query.where('actions.id', '=', filter.actionId);
  return query.orderBy('actions.due_on').orderBy('actions.id').execute();
}
export type ActionWithContext = Awaited<ReturnType<typeof actionsWithContext>>[number];

export async function findActionWithContext(db: Db, id: number): Promise<ActionWithContext | undefined> {
  return (await actionsWithContext(db, { actionId: id }))[0];
}

export const findAction = (db: Db, id: number) =>
  db.selectFrom('actions').selectAll().where('id', '=', id).executeTakeFirst();

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

/** Every progress update of one action, newest first. */
export const updatesOf = (db: Db, actionId: number) =>
  db
    .selectFrom('action_updates')
    .select(['id', 'action_id', 'rag', 'narrative', 'reported_on', 'author_name', 'created_at'])
    .where('action_id', '=', actionId)
    .orderBy('reported_on', 'desc')
    .orderBy('id', 'desc')
    .execute();

export const milestonesOf = (db: Db, actionId: number) =>
  db
    .selectFrom('action_milestones')
    .selectAll()
    .where('action_id', '=', actionId)
    .orderBy('due_on')
    .orderBy('id')
    .execute();

export const findMilestone = (db: Db, actionId: number, milestoneId: number) =>
  db
    .selectFrom('action_milestones')
    .selectAll()
    .where('id', '=', milestoneId)
    .where('action_id', '=', actionId)
    .executeTakeFirst();

/** The priorities actions are planned against now (the strategy module's own query). */
export { currentPriorities } from '../strategy/repository.ts';

export const findPriority = (db: Db, id: number) =>
  db
    .selectFrom('priorities')
    .select(['id', 'title', 'slug', 'owning_partnership_id'])
    .where('id', '=', id)
    .executeTakeFirst();

/** Targets with their indicator, area and lead: for the form's list, the gaps and the returns. */
export function targetsWithIndicators(db: Db, filter: { id?: number; leadOrganisationId?: number } = {}) {
  let query = db
    .selectFrom('targets')
    .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
    .innerJoin('areas', 'areas.id', 'targets.area_id')
    .select([
      'targets.id',
      'targets.priority_id',
      'targets.partnership_id',
      'targets.area_id',
      'targets.lead_organisation_id',
      'targets.indicator_id',
      'indicators.code as indicator_code',
      'indicators.title as indicator_title',
      'indicators.frequency as frequency',
      'areas.name as area_name',
      'areas.kind as area_kind',
    ]);
  if (filter.id) query = query.where('targets.id', '=', filter.id);
  if (filter.leadOrganisationId)
    query = query.where('targets.lead_organisation_id', '=', filter.leadOrganisationId);
  return query.orderBy('indicators.code').orderBy('targets.id').execute();
}
export type TargetWithIndicator = Awaited<ReturnType<typeof targetsWithIndicators>>[number];

/** Which of these indicators have a value (or a recorded reason for none) for the period. */
export async function valuesForPeriod(db: Db, indicatorIds: number[], period: string) {
  if (indicatorIds.length === 0) return [];
  return db
    .selectFrom('data_points')
    .select(['indicator_id', 'area_id'])
    .where('period', '=', period)
    .where('indicator_id', 'in', indicatorIds)
    .execute();
}

export const findOrganisationById = (db: Db, id: number) =>
  db.selectFrom('organisations').select(['id', 'name', 'slug']).where('id', '=', id).executeTakeFirst();

export const findOrganisationBySlug = (db: Db, slug: string) =>
  db.selectFrom('organisations').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst();

export const listOrganisations = (db: Db) =>
  db.selectFrom('organisations').select(['id', 'name', 'slug']).orderBy('name').execute();

export const findPersonById = (db: Db, id: number) =>
  db.selectFrom('people').select(['id', 'name', 'slug']).where('id', '=', id).executeTakeFirst();

/** People with the organisations they belong to (names only: nothing private). */
export async function peopleWithOrganisations(db: Db) {
  const [people, affiliations] = await Promise.all([
    db.selectFrom('people').select(['id', 'name', 'slug']).orderBy('name').orderBy('id').execute(),
    db
      .selectFrom('affiliations')
      .innerJoin('organisations', 'organisations.id', 'affiliations.organisation_id')
      .select(['affiliations.person_id', 'organisations.name as organisation_name'])
      .orderBy('organisations.name')
      .execute(),
  ]);
  return people.map((person) => ({
    ...person,
    organisations: affiliations.filter((a) => a.person_id === person.id).map((a) => a.organisation_name),
  }));
}

export async function isAffiliated(db: Db, personId: number, organisationId: number): Promise<boolean> {
  const row = await db
    .selectFrom('affiliations')
    .select('id')
    .where('person_id', '=', personId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Names of records an action's history points at, so its changes read as words. */
export async function namesFor(
  db: Db,
  ids: { organisations: number[]; people: number[]; priorities: number[]; targets: number[] },
) {
  const names = new Map<string, string>();
  if (ids.organisations.length)
    for (const o of await db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('id', 'in', ids.organisations)
      .execute())
      names.set(`organisation_id:${o.id}`, o.name);
  if (ids.people.length)
    for (const p of await db
      .selectFrom('people')
      .select(['id', 'name'])
      .where('id', 'in', ids.people)
      .execute())
      names.set(`person_id:${p.id}`, p.name);
  if (ids.priorities.length)
    for (const p of await db
      .selectFrom('priorities')
      .select(['id', 'title'])
      .where('id', 'in', ids.priorities)
      .execute())
      names.set(`priority_id:${p.id}`, p.title);
  if (ids.targets.length)
    for (const t of await targetsWithIndicatorsById(db, ids.targets))
      names.set(`target_id:${t.id}`, `${t.indicator_code} ${t.indicator_title}`);
  return names;
}

const targetsWithIndicatorsById = (db: Db, ids: number[]) =>
  db
    .selectFrom('targets')
    .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
    .select(['targets.id', 'indicators.code as indicator_code', 'indicators.title as indicator_title'])
    .where('targets.id', 'in', ids)
    .execute();

/** The audit entries of an action, its milestones and its updates, newest first. */
export async function auditOfAction(db: Db, actionId: number) {
  const [milestones, updates] = await Promise.all([
    db.selectFrom('action_milestones').select('id').where('action_id', '=', actionId).execute(),
    db.selectFrom('action_updates').select('id').where('action_id', '=', actionId).execute(),
  ]);
  return db
    .selectFrom('audit_entries')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', 'action'), eb('entity_id', '=', actionId)]),
        ...(milestones.length
          ? [
              eb.and([
                eb('entity_type', '=', 'action_milestone'),
                eb(
                  'entity_id',
                  'in',
                  milestones.map((m) => m.id),
                ),
              ]),
            ]
          : []),
        ...(updates.length
          ? [
              eb.and([
                eb('entity_type', '=', 'action_update'),
                eb(
                  'entity_id',
                  'in',
                  updates.map((u) => u.id),
                ),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy('id', 'desc')
    .execute();
}
