import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { EngagementIdeasTable } from './tables.ts';

export type Db = Kysely<Database> | Transaction<Database>;
export type IdeaRow = Selectable<EngagementIdeasTable>;

// ---------------------------------------------------------------------------
// The lists the forms choose from

/** Wards, and the neighbourhoods in them, for "which part of the place is this about". */
export function wardsAndNeighbourhoods(db: Db) {
  return db
    .selectFrom('areas')
    .select(['id', 'name', 'kind', 'parent_id', 'population', 'slug', 'version'])
    .where('kind', 'in', ['ward', 'neighbourhood'])
    .orderBy('name')
    .execute();
}
export type AreaChoice = Awaited<ReturnType<typeof wardsAndNeighbourhoods>>[number];

/**
 * The priorities people can tag input with: those of each strategy's version the public sees
 * (the adopted one, or the latest draft before any is adopted), with the partnership owning each.
 */
export async function currentPriorities(db: Db) {
  const versions = await db
    .selectFrom('strategy_versions')
    .innerJoin('strategies', 'strategies.id', 'strategy_versions.strategy_id')
    .select([
      'strategy_versions.id',
      'strategy_versions.strategy_id',
      'strategy_versions.status',
      'strategy_versions.number',
      'strategies.name as strategy_name',
    ])
    .orderBy('strategy_versions.strategy_id')
    .orderBy('strategy_versions.number')
    .execute();
  const shown = new Map<number, (typeof versions)[number]>();
  for (const v of versions) {
    const current = shown.get(v.strategy_id);
    if (!current || (current.status !== 'adopted' && (v.status === 'adopted' || v.number > current.number)))
      shown.set(v.strategy_id, v);
  }
  const ids = [...shown.values()].map((v) => v.id);
  if (ids.length === 0) return [];
  return db
    .selectFrom('priorities')
    .select(['id', 'title', 'slug', 'owning_partnership_id', 'strategy_version_id', 'position'])
    .where('strategy_version_id', 'in', ids)
    .orderBy('strategy_version_id')
    .orderBy('position')
    .execute();
}

export function priorityById(db: Db, id: number) {
  return db
    .selectFrom('priorities')
    .select(['id', 'title', 'owning_partnership_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Decisions of public meetings (the "you said, we did" page links to them), newest first. */
export function publicDecisions(db: Db) {
  return db
    .selectFrom('decisions')
    .innerJoin('meetings', 'meetings.id', 'decisions.meeting_id')
    .select([
      'decisions.id',
      'decisions.reference',
      'decisions.resolution',
      'decisions.meeting_id',
      'meetings.starts_at',
      'meetings.title as meeting_title',
    ])
    .where('meetings.visibility', '=', 'public')
    .orderBy('meetings.starts_at', 'desc')
    .orderBy('decisions.id', 'desc')
    .execute();
}

export function actionChoices(db: Db) {
  return db.selectFrom('actions').select(['id', 'title', 'status']).orderBy('title').orderBy('id').execute();
}

export function targetChoices(db: Db) {
  return db
    .selectFrom('targets')
    .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
    .innerJoin('areas', 'areas.id', 'targets.area_id')
    .select([
      'targets.id',
      'indicators.code as indicator_code',
      'indicators.title as indicator_title',
      'areas.name as area_name',
      'areas.kind as area_kind',
    ])
    .orderBy('indicators.code')
    .orderBy('targets.id')
    .execute();
}

export const targetLabel = (t: {
  indicator_code: string;
  indicator_title: string;
  area_name: string;
  area_kind: string;
}) => `${t.indicator_code} ${t.indicator_title}${t.area_kind === 'ward' ? ` (${t.area_name})` : ''}`;

// ---------------------------------------------------------------------------
// Ideas and concerns

export async function insertIdea(db: Db, values: Insertable<EngagementIdeasTable>): Promise<number> {
  const row = await db
    .insertInto('engagement_ideas')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function ideaByToken(db: Db, token: string) {
  return db
    .selectFrom('engagement_ideas')
    .select(['id', 'submitted_at', 'status'])
    .where('form_token', '=', token)
    .executeTakeFirst();
}

/** The same person's recent submissions with these words: by account, e-mail address, or for someone anonymous without either, the address they sent from. */
export function recentWithFingerprint(
  db: Db,
  fingerprint: string,
  since: string,
  who: { userId: number | null; email: string | null; ipHash: string | null },
) {
  return db
    .selectFrom('engagement_ideas')
    .select(['id', 'fingerprint', 'submitted_at', 'status'])
    .where('fingerprint', '=', fingerprint)
    .where('submitted_at', '>=', since)
    .where((eb) => {
      const same = [];
      if (who.userId !== null) same.push(eb('user_id', '=', who.userId));
      if (who.email !== null) same.push(eb('contact_email', '=', who.email));
      if (who.userId === null && who.email === null && who.ipHash !== null)
        same.push(eb.and([eb('ip_hash', '=', who.ipHash), eb('user_id', 'is', null)]));
      // Nobody to compare with: nothing is the same person's.
      return same.length ? eb.or(same) : eb('id', '<', 0);
    })
    .orderBy('submitted_at', 'desc')
    .execute();
}

/** An idea with the names of everything it points at, for its pages. */
export function ideaWithNames(db: Db) {
  return db
    .selectFrom('engagement_ideas as i')
    .leftJoin('priorities', 'priorities.id', 'i.priority_id')
    .leftJoin('areas as area', 'area.id', 'i.area_id')
    .leftJoin('areas as ward', 'ward.id', 'i.ward_id')
    .leftJoin('users', 'users.id', 'i.user_id')
    .leftJoin('users as moderator', 'moderator.id', 'i.moderated_by')
    .leftJoin('decisions', 'decisions.id', 'i.decision_id')
    .leftJoin('meetings', 'meetings.id', 'decisions.meeting_id')
    .leftJoin('actions', 'actions.id', 'i.action_id')
    .leftJoin('targets', 'targets.id', 'i.target_id')
    .leftJoin('indicators', 'indicators.id', 'targets.indicator_id')
    .leftJoin('areas as target_area', 'target_area.id', 'targets.area_id')
    .selectAll('i')
    .select([
      'priorities.title as priority_title',
      'priorities.owning_partnership_id',
      'area.name as area_name',
      'ward.name as ward_name',
      'users.display_name as user_name',
      'users.email as user_email',
      'moderator.display_name as moderator_name',
      'decisions.reference as decision_reference',
      'decisions.resolution as decision_resolution',
      'decisions.meeting_id as decision_meeting_id',
      'meetings.visibility as decision_meeting_visibility',
      'actions.title as action_title',
      'indicators.code as target_indicator_code',
      'indicators.title as target_indicator_title',
      'target_area.name as target_area_name',
      'target_area.kind as target_area_kind',
    ]);
}
export type IdeaWithNames = Awaited<ReturnType<ReturnType<typeof ideaWithNames>['executeTakeFirstOrThrow']>>;

export function findIdea(db: Db, id: number) {
  return ideaWithNames(db).where('i.id', '=', id).executeTakeFirst();
}

// ---------------------------------------------------------------------------
// Residents

export function residentWard(db: Db, userId: number) {
  return db
    .selectFrom('engagement_residents')
    .select('ward_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------
// Messages

export function unsentMessages(db: Db, limit = 100) {
  return db
    .selectFrom('engagement_messages')
    .selectAll()
    .where('sent_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}
