import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { lowerLike } from '../../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Meetings with their partnership's name, for lists, pages and feeds. */
export function meetingsWithPartnership(db: Db) {
  return db
    .selectFrom('meetings')
    .innerJoin('partnerships', 'partnerships.id', 'meetings.partnership_id')
    .selectAll('meetings')
    .select([
      'partnerships.name as partnership_name',
      'partnerships.slug as partnership_slug',
      'partnerships.short_name as partnership_short_name',
      'partnerships.parent_id as partnership_parent_id',
    ]);
}
export type MeetingRow = Awaited<
  ReturnType<ReturnType<typeof meetingsWithPartnership>['executeTakeFirstOrThrow']>
>;

export const findMeeting = (db: Db, id: number) =>
  meetingsWithPartnership(db).where('meetings.id', '=', id).executeTakeFirst();

/** A meeting's agenda in order, with who presents each item. */
export function agendaOf(db: Db, meetingId: number) {
  return db
    .selectFrom('agenda_items')
    .leftJoin('people', 'people.id', 'agenda_items.presenter_person_id')
    .leftJoin('organisations', 'organisations.id', 'agenda_items.presenter_organisation_id')
    .leftJoin('meetings as approved', 'approved.id', 'agenda_items.approves_minutes_of_id')
    .selectAll('agenda_items')
    .select([
      'people.name as presenter_name',
      'people.slug as presenter_slug',
      'organisations.name as presenter_organisation_name',
      'approved.starts_at as approves_minutes_of_starts_at',
      'approved.title as approves_minutes_of_title',
    ])
    .where('agenda_items.meeting_id', '=', meetingId)
    .orderBy('agenda_items.position')
    .execute();
}

export function linksOf(db: Db, itemIds: number[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('agenda_item_links')
    .leftJoin('priorities', 'priorities.id', 'agenda_item_links.priority_id')
    .leftJoin('targets', 'targets.id', 'agenda_item_links.target_id')
    .leftJoin('indicators', 'indicators.id', 'targets.indicator_id')
    .select([
      'agenda_item_links.agenda_item_id',
      'agenda_item_links.priority_id',
      'agenda_item_links.target_id',
      'priorities.title as priority_title',
      'priorities.slug as priority_slug',
      'indicators.code as indicator_code',
      'indicators.title as indicator_title',
    ])
    .where('agenda_item_links.agenda_item_id', 'in', itemIds)
    .orderBy('agenda_item_links.id')
    .execute();
}

export const papersOf = (db: Db, meetingId: number) =>
  db.selectFrom('papers').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute();

export function declarationsOf(db: Db, itemIds: number[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('declarations')
    .innerJoin('people', 'people.id', 'declarations.person_id')
    .selectAll('declarations')
    .select(['people.name as person_name'])
    .where('declarations.agenda_item_id', 'in', itemIds)
    .orderBy('declarations.id')
    .execute();
}

/**
 * The seats of a partnership on a day: memberships as chair, vice-chair or member that
 * had begun and not ended. Substitutes, observers and the secretariat hold no seat.
 */
export function seatsOn(db: Db, partnershipId: number, day: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .leftJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select([
      'memberships.id',
      'memberships.role',
      'memberships.sector',
      'memberships.organisation_id',
      'memberships.person_id',
      'people.name as person_name',
      'people.slug as person_slug',
      'organisations.name as organisation_name',
    ])
    .where('memberships.partnership_id', '=', partnershipId)
    .where('memberships.role', 'in', ['chair', 'vice_chair', 'member'])
    .where('memberships.starts_on', '<=', day)
    .where((eb) => eb.or([eb('memberships.ends_on', 'is', null), eb('memberships.ends_on', '>=', day)]))
    .orderBy('people.name')
    .execute();
}

/** Who attended, seat by seat, with the substitute's name where there was one. */
export function attendanceOf(db: Db, meetingIds: number[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attendance')
    .innerJoin('memberships', 'memberships.id', 'attendance.membership_id')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .leftJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .leftJoin('people as substitute', 'substitute.id', 'attendance.substitute_person_id')
    .leftJoin('organisations as represented', 'represented.id', 'attendance.substitute_organisation_id')
    .select([
      'attendance.id',
      'attendance.meeting_id',
      'attendance.membership_id',
      'attendance.status',
      'attendance.substitute_person_id',
      'attendance.substitute_organisation_id',
      'attendance.version',
      'memberships.role',
      'memberships.sector',
      'memberships.organisation_id',
      'memberships.person_id',
      'memberships.partnership_id',
      'people.name as person_name',
      'people.slug as person_slug',
      'organisations.name as organisation_name',
      'substitute.name as substitute_name',
      'substitute.slug as substitute_slug',
      'represented.name as represented_name',
    ])
    .where('attendance.meeting_id', 'in', meetingIds)
    .orderBy('people.name')
    .execute();
}

export function decisionsOf(db: Db, meetingId: number) {
  return db
    .selectFrom('decisions')
    .leftJoin('agenda_items', 'agenda_items.id', 'decisions.agenda_item_id')
    .selectAll('decisions')
    .select(['agenda_items.title as item_title', 'agenda_items.position as item_position'])
    .where('decisions.meeting_id', '=', meetingId)
    .orderBy('decisions.id')
    .execute();
}

export function actionsArisingFrom(db: Db, decisionIds: number[]) {
  if (decisionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('actions')
    .leftJoin('organisations', 'organisations.id', 'actions.organisation_id')
    .leftJoin('people', 'people.id', 'actions.person_id')
    .select([
      'actions.id',
      'actions.title',
      'actions.decision_id',
      'actions.due_on',
      'actions.status',
      'actions.completed_on',
      'organisations.name as organisation_name',
      'people.name as person_name',
    ])
    .where('actions.decision_id', 'in', decisionIds)
    .orderBy('actions.id')
    .execute();
}

export const minutesOf = (db: Db, meetingId: number) =>
  db.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();

/** Decisions for the register: text, partnership and dates narrow it; members-only meetings only for members. */
export interface DecisionSearch {
  text?: string;
  partnershipId?: number;
  from?: string;
  to?: string;
  /** Partnerships whose members-only meetings the reader may see. */
  restrictedVisibleIn: number[];
  limit: number;
  offset: number;
}

/** Public meetings, and members-only ones of the partnerships this person may see. */
export function visibleMeetings(
  eb: ExpressionBuilder<Database & { meetings: Database['meetings'] }, 'meetings'>,
  restrictedVisibleIn: number[],
) {
  return restrictedVisibleIn.length
    ? eb.or([
        eb('meetings.visibility', '=', 'public'),
        eb('meetings.partnership_id', 'in', restrictedVisibleIn),
      ])
    : eb('meetings.visibility', '=', 'public');
}

function decisionsMatching(db: Db, search: DecisionSearch) {
  let query = db
    .selectFrom('decisions')
    .innerJoin('meetings', 'meetings.id', 'decisions.meeting_id')
    .innerJoin('partnerships', 'partnerships.id', 'meetings.partnership_id')
    .leftJoin('agenda_items', 'agenda_items.id', 'decisions.agenda_item_id')
    .where((eb) => visibleMeetings(eb, search.restrictedVisibleIn));
  if (search.text) {
    const text = search.text;
    query = query.where((eb) =>
      eb.or([
        lowerLike('decisions.resolution', text),
        lowerLike('agenda_items.title', text),
        lowerLike('decisions.reference', text),
      ]),
    );
  }
  if (search.partnershipId) query = query.where('meetings.partnership_id', '=', search.partnershipId);
  if (search.from) query = query.where('meetings.starts_at', '>=', search.from);
  if (search.to) query = query.where('meetings.starts_at', '<', search.to);
  return query;
}

export async function searchDecisions(db: Db, search: DecisionSearch) {
  const [rows, count] = await Promise.all([
    decisionsMatching(db, search)
      .select([
        'decisions.id',
        'decisions.reference',
        'decisions.resolution',
        'decisions.outcome',
        'decisions.votes_for',
        'decisions.votes_against',
        'decisions.votes_abstaining',
        'decisions.meeting_id',
        'decisions.updated_at',
        'meetings.starts_at',
        'meetings.title as meeting_title',
        'partnerships.name as partnership_name',
        'partnerships.slug as partnership_slug',
        'agenda_items.title as item_title',
      ])
      .orderBy('meetings.starts_at', 'desc')
      .orderBy('decisions.id', 'desc')
      .limit(search.limit)
      .offset(search.offset)
      .execute(),
    decisionsMatching(db, search)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
