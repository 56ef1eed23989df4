import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { visibleMeetings } from './repository.ts';

type Db = Kysely<Database>;

/** Memberships that hold a seat: substitutes, observers and the secretariat do not. */
export const seatRoles = ['chair', 'vice_chair', 'member'];

/** Which held meetings the measures are read from. */
export interface MeasuresScope {
  /** One partnership's meetings, or every partnership's when left out. */
  partnershipId?: number;
  /** London dates, both included; from is null for all time. */
  from: string | null;
  to: string;
  /** Partnerships whose members-only meetings the reader may see; everyone sees public meetings. */
  restrictedVisibleIn: number[];
}

function dayNextTo(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Held meetings in the scope. Instants are compared a day wider each side of the London
 * dates; the service keeps those whose London date is inside.
 */
function heldMeetings(db: Db, scope: MeasuresScope) {
  let query = db
    .selectFrom('meetings')
    .where('meetings.status', '=', 'held')
    .where('meetings.starts_at', '<=', `${dayNextTo(scope.to, 1)}T23:59:59Z`)
    .where((eb) => visibleMeetings(eb, scope.restrictedVisibleIn));
  if (scope.from) query = query.where('meetings.starts_at', '>=', `${dayNextTo(scope.from, -1)}T00:00:00Z`);
  if (scope.partnershipId !== undefined)
    query = query.where('meetings.partnership_id', '=', scope.partnershipId);
  return query;
}

/**
 * Everything the measures are worked out from, one query per table whatever the number
 * of meetings: the meetings, the attendance at each seat, the agenda items of published
 * agendas, the number of decisions and the actions arising.
 */
export async function measureRecords(db: Db, scope: MeasuresScope) {
  const inScope = () => heldMeetings(db, scope).select('meetings.id');
  const [meetings, attendance, items, decisions, actions] = await Promise.all([
    heldMeetings(db, scope)
      .select([
        'meetings.id',
        'meetings.partnership_id',
        'meetings.starts_at',
        'meetings.ends_at',
        'meetings.agenda_published_at',
      ])
      .orderBy('meetings.starts_at')
      .execute(),
    db
      .selectFrom('attendance')
      .innerJoin('memberships', 'memberships.id', 'attendance.membership_id')
      .innerJoin('people', 'people.id', 'memberships.person_id')
      .leftJoin('organisations', 'organisations.id', 'memberships.organisation_id')
      .select([
        'attendance.meeting_id',
        'attendance.membership_id',
        'attendance.status',
        'memberships.sector',
        'memberships.organisation_id',
        'memberships.person_id',
        'people.name as person_name',
        'people.slug as person_slug',
        'organisations.name as organisation_name',
        'organisations.slug as organisation_slug',
      ])
      .where('attendance.meeting_id', 'in', inScope())
      .orderBy('attendance.id')
      .execute(),
    // What the public cannot see of an unpublished agenda is not counted for anyone.
    db
      .selectFrom('agenda_items')
      .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
      .leftJoin('organisations', 'organisations.id', 'agenda_items.presenter_organisation_id')
      .select([
        'agenda_items.meeting_id',
        'agenda_items.purpose',
        'agenda_items.presenter_organisation_id',
        'organisations.name as presenter_organisation_name',
      ])
      .where('agenda_items.meeting_id', 'in', inScope())
      .where('meetings.agenda_published_at', 'is not', null)
      .execute(),
    db
      .selectFrom('decisions')
      .select(['decisions.meeting_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('decisions.meeting_id', 'in', inScope())
      .groupBy('decisions.meeting_id')
      .execute(),
    db
      .selectFrom('actions')
      .innerJoin('decisions', 'decisions.id', 'actions.decision_id')
      .select(['decisions.meeting_id', 'actions.due_on', 'actions.status', 'actions.completed_on'])
      .where('decisions.meeting_id', 'in', inScope())
      .execute(),
  ]);
  return {
    meetings,
    attendance,
    items,
    decisions: decisions.map((d) => ({ meeting_id: d.meeting_id, n: Number(d.n) })),
    actions,
  };
}
export type MeasureRecords = Awaited<ReturnType<typeof measureRecords>>;

/** The seats of these organisations, for counting meetings attended the way partnership agreements do. */
export function seatsOfOrganisations(db: Db, organisationIds: number[], partnershipId?: number) {
  if (organisationIds.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('memberships')
    .select(['id', 'partnership_id', 'organisation_id', 'starts_on', 'ends_on'])
    .where('organisation_id', 'in', organisationIds)
    .where('role', 'in', seatRoles);
  if (partnershipId !== undefined) query = query.where('partnership_id', '=', partnershipId);
  return query.execute();
}

export function partnershipsList(db: Db) {
  return db
    .selectFrom('partnerships')
    .select(['id', 'name', 'slug', 'parent_id', 'status'])
    .orderBy('name')
    .execute();
}
