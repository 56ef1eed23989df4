import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { addDays } from './ccfa-workflow.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The seats that count for attendance: a membership as chair, vice-chair or member. */
export const seatRoles = ['chair', 'vice_chair', 'member'];

// ---------------------------------------------------------------------------
// Partnership agreements

const protocolColumns = [
  'protocols.id',
  'protocols.partnership_id',
  'protocols.title',
  'protocols.starts_on',
  'protocols.ends_on',
  'protocols.status',
  'protocols.agreed_on',
  'protocols.body',
  'protocols.version',
  'partnerships.name as partnership_name',
  'partnerships.slug as partnership_slug',
] as const;

export const listProtocols = (db: Db) =>
  db
    .selectFrom('protocols')
    .innerJoin('partnerships', 'partnerships.id', 'protocols.partnership_id')
    .select(protocolColumns)
    .orderBy('protocols.starts_on', 'desc')
    .orderBy('protocols.id', 'desc')
    .execute();
export type ProtocolRow = Awaited<ReturnType<typeof listProtocols>>[number];

export const findProtocol = (db: Db, id: number) =>
  db
    .selectFrom('protocols')
    .innerJoin('partnerships', 'partnerships.id', 'protocols.partnership_id')
    .select(protocolColumns)
    .where('protocols.id', '=', id)
    .executeTakeFirst();

/** The obligations of these agreements, each with its partner's name; by partner, then kind. */
export async function obligationsOf(db: Db, protocolIds: number[]) {
  if (protocolIds.length === 0) return [];
  return db
    .selectFrom('protocol_obligations')
    .innerJoin('organisations', 'organisations.id', 'protocol_obligations.organisation_id')
    .selectAll('protocol_obligations')
    .select([
      'organisations.name as organisation_name',
      'organisations.slug as organisation_slug',
      'organisations.named_partner as named_partner',
    ])
    .where('protocol_obligations.protocol_id', 'in', protocolIds)
    .orderBy('organisations.name')
    .orderBy('protocol_obligations.id')
    .execute();
}
export type ObligationRow = Awaited<ReturnType<typeof obligationsOf>>[number];

/** The obligations one organisation has under any agreement. */
export const obligationsOfOrganisation = (db: Db, organisationId: number) =>
  db
    .selectFrom('protocol_obligations')
    .select('protocol_id')
    .where('organisation_id', '=', organisationId)
    .execute();

export const findObligation = (db: Db, protocolId: number, obligationId: number) =>
  db
    .selectFrom('protocol_obligations')
    .selectAll()
    .where('id', '=', obligationId)
    .where('protocol_id', '=', protocolId)
    .executeTakeFirst();

export const obligationOfKind = (db: Db, protocolId: number, organisationId: number, kind: string) =>
  db
    .selectFrom('protocol_obligations')
    .select('id')
    .where('protocol_id', '=', protocolId)
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', kind)
    .executeTakeFirst();

/** Contributions recorded against these agreements, newest first. */
export async function contributionsOf(db: Db, protocolIds: number[], organisationId?: number) {
  if (protocolIds.length === 0) return [];
  let query = db
    .selectFrom('protocol_contributions')
    .innerJoin('organisations', 'organisations.id', 'protocol_contributions.organisation_id')
    .selectAll('protocol_contributions')
    .select(['organisations.name as organisation_name', 'organisations.slug as organisation_slug'])
    .where('protocol_contributions.protocol_id', 'in', protocolIds);
  if (organisationId) query = query.where('protocol_contributions.organisation_id', '=', organisationId);
  return query
    .orderBy('protocol_contributions.contributed_on', 'desc')
    .orderBy('protocol_contributions.id', 'desc')
    .execute();
}
export type ContributionRow = Awaited<ReturnType<typeof contributionsOf>>[number];

export const findContribution = (db: Db, protocolId: number, contributionId: number) =>
  db
    .selectFrom('protocol_contributions')
    .innerJoin('organisations', 'organisations.id', 'protocol_contributions.organisation_id')
    .selectAll('protocol_contributions')
    .select(['organisations.name as organisation_name'])
    .where('protocol_contributions.id', '=', contributionId)
    .where('protocol_contributions.protocol_id', '=', protocolId)
    .executeTakeFirst();

export const listPartnerships = (db: Db) =>
  db
    .selectFrom('partnerships')
    .select(['id', 'name', 'slug', 'parent_id', 'status'])
    .orderBy('name')
    .execute();

export const listOrganisations = (db: Db) =>
  db.selectFrom('organisations').select(['id', 'name', 'slug']).orderBy('name').execute();

export const findOrganisation = (db: Db, id: number) =>
  db
    .selectFrom('organisations')
    .select(['id', 'name', 'slug', 'named_partner'])
    .where('id', '=', id)
    .executeTakeFirst();

/**
 * The audit entries of an agreement, its obligations and its contributions, newest first,
 * including those since removed: the entries that create or remove one begin with the
 * agreement's id (see the service).
 */
export async function auditOfProtocol(db: Db, protocolId: number) {
  const ofProtocol = `{"protocol_id":${protocolId},%`;
  const [obligations, contributions, created] = await Promise.all([
    db.selectFrom('protocol_obligations').select('id').where('protocol_id', '=', protocolId).execute(),
    db.selectFrom('protocol_contributions').select('id').where('protocol_id', '=', protocolId).execute(),
    db
      .selectFrom('audit_entries')
      .select(['entity_type', 'entity_id'])
      .where('entity_type', 'in', ['protocol_obligation', 'protocol_contribution'])
      .where((eb) => eb.or([eb('after_json', 'like', ofProtocol), eb('before_json', 'like', ofProtocol)]))
      .execute(),
  ]);
  const idsOf = (type: string, current: { id: number }[]) => [
    ...new Set([
      ...current.map((row) => row.id),
      ...created.filter((entry) => entry.entity_type === type).map((entry) => entry.entity_id),
    ]),
  ];
  const parts = [
    ['protocol_obligation', idsOf('protocol_obligation', obligations)] as const,
    ['protocol_contribution', idsOf('protocol_contribution', contributions)] as const,
  ].filter(([, ids]) => ids.length > 0);
  return db
    .selectFrom('audit_entries')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', 'protocol'), eb('entity_id', '=', protocolId)]),
        ...parts.map(([type, ids]) => eb.and([eb('entity_type', '=', type), eb('entity_id', 'in', ids)])),
      ]),
    )
    .orderBy('id', 'desc')
    .execute();
}

// ---------------------------------------------------------------------------
// The records compliance is judged from: seats, meetings held, attendance, returns

/** The seats these organisations hold (or held), optionally on these partnerships only. */
export async function seatsOf(db: Db, organisationIds: number[], partnershipIds?: number[]) {
  if (organisationIds.length === 0 || partnershipIds?.length === 0) return [];
  let query = db
    .selectFrom('memberships')
    .select(['id', 'partnership_id', 'organisation_id', 'starts_on', 'ends_on'])
    .where('organisation_id', 'in', organisationIds)
    .where('role', 'in', seatRoles);
  if (partnershipIds) query = query.where('partnership_id', 'in', partnershipIds);
  return query.execute();
}

/**
 * Meetings held between two dates (London dates, both included), with whether any
 * attendance was recorded at each. Instants are compared a day wider each side; the
 * service keeps those whose London date is inside.
 */
export async function heldMeetings(db: Db, from: string, to: string, partnershipIds?: number[]) {
  if (partnershipIds?.length === 0) return [];
  let query = db
    .selectFrom('meetings')
    .select(['meetings.id', 'meetings.partnership_id', 'meetings.starts_at'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('attendance')
            .select('attendance.id')
            .whereRef('attendance.meeting_id', '=', 'meetings.id'),
        )
        .as('recorded'),
    )
    .where('meetings.status', '=', 'held')
    .where('meetings.starts_at', '>=', `${dayBefore(from)}T00:00:00Z`)
    .where('meetings.starts_at', '<=', `${dayAfter(to)}T23:59:59Z`);
  if (partnershipIds) query = query.where('meetings.partnership_id', 'in', partnershipIds);
  return query.orderBy('meetings.starts_at').execute();
}

/** Attendance recorded for these seats at these meetings. */
export async function attendanceOf(db: Db, meetingIds: number[], membershipIds: number[]) {
  if (meetingIds.length === 0 || membershipIds.length === 0) return [];
  return db
    .selectFrom('attendance')
    .select(['meeting_id', 'membership_id', 'status'])
    .where('meeting_id', 'in', meetingIds)
    .where('membership_id', 'in', membershipIds)
    .execute();
}

/** What the action plan decides these organisations' quarterly returns from: their actions with the dates of every update. */
export async function actionsWithUpdateDates(db: Db, organisationIds: number[]) {
  if (organisationIds.length === 0) return [];
  const [actions, updates] = await Promise.all([
    db
      .selectFrom('actions')
      .select(['id', 'title', 'status', 'starts_on', 'organisation_id'])
      .where('organisation_id', 'in', organisationIds)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('action_updates')
      .innerJoin('actions', 'actions.id', 'action_updates.action_id')
      .select(['action_updates.action_id', 'action_updates.reported_on'])
      .where('actions.organisation_id', 'in', organisationIds)
      .execute(),
  ]);
  return actions.map((action) => ({
    ...action,
    updatesOn: updates.filter((u) => u.action_id === action.id).map((u) => u.reported_on),
  }));
}

/** Which figures are in for these indicators in these periods (a value or a recorded reason for none). */
export async function figuresFor(db: Db, indicatorIds: number[], periods: string[]) {
  if (indicatorIds.length === 0 || periods.length === 0) return [];
  return db
    .selectFrom('data_points')
    .select(['indicator_id', 'area_id', 'period'])
    .where('indicator_id', 'in', indicatorIds)
    .where('period', 'in', periods)
    .execute();
}

/** Targets with their indicator and area: the action plan's own query. */
export { targetsWithIndicators } from '../delivery/repository.ts';
export type { TargetWithIndicator as TargetRow } from '../delivery/repository.ts';

export async function contributorsOf(db: Db, organisationIds: number[]) {
  if (organisationIds.length === 0) return [];
  return db
    .selectFrom('target_contributors')
    .select(['target_id', 'organisation_id'])
    .where('organisation_id', 'in', organisationIds)
    .execute();
}

// ---------------------------------------------------------------------------
// Named partners

export const namedPartners = (db: Db) =>
  db
    .selectFrom('organisations')
    .select(['id', 'name', 'slug', 'type', 'sector'])
    .where('named_partner', '=', 1)
    .orderBy('name')
    .execute();

export const findNamedPartner = (db: Db, slug: string) =>
  db
    .selectFrom('organisations')
    .select(['id', 'name', 'slug', 'type', 'sector', 'description'])
    .where('slug', '=', slug)
    .where('named_partner', '=', 1)
    .executeTakeFirst();

// ---------------------------------------------------------------------------
// Councillor Calls for Action

function casesQuery(db: Db) {
  return db
    .selectFrom('ccfa_cases')
    .innerJoin('organisations', 'organisations.id', 'ccfa_cases.organisation_id')
    .innerJoin('people', 'people.id', 'ccfa_cases.councillor_person_id')
    .leftJoin('areas', 'areas.id', 'ccfa_cases.ward_id')
    .selectAll('ccfa_cases')
    .select([
      'organisations.name as organisation_name',
      'organisations.slug as organisation_slug',
      'organisations.named_partner as organisation_named_partner',
      'people.name as councillor_name',
      'people.slug as councillor_slug',
      'areas.name as ward_name',
      'areas.slug as ward_slug',
    ]);
}

export const listCases = (db: Db, organisationId?: number) => {
  let query = casesQuery(db);
  if (organisationId) query = query.where('ccfa_cases.organisation_id', '=', organisationId);
  return query.orderBy('ccfa_cases.raised_on', 'desc').orderBy('ccfa_cases.id', 'desc').execute();
};
export type CaseRow = Awaited<ReturnType<typeof listCases>>[number];

export const findCase = (db: Db, reference: string) =>
  casesQuery(db).where('ccfa_cases.reference', '=', reference).executeTakeFirst();

export const stepsOf = (db: Db, caseId: number) =>
  db
    .selectFrom('ccfa_steps')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('happened_on')
    .orderBy('id')
    .execute();

/** The references already given in a year, to number the next one. */
export const referencesOfYear = (db: Db, year: string) =>
  db.selectFrom('ccfa_cases').select('reference').where('reference', 'like', `CCFA-${year}-%`).execute();

/** Councillors with their wards, for raising a call for action on a councillor's behalf. */
export const councillors = (db: Db) =>
  db
    .selectFrom('people')
    .leftJoin('areas', 'areas.id', 'people.ward_id')
    .select(['people.id', 'people.name', 'people.slug', 'people.ward_id', 'areas.name as ward_name'])
    .where('people.councillor', '=', 1)
    .orderBy('people.name')
    .execute();

/** The person a user account stands for, if any. */
export const personOfUser = (db: Db, userId: number) =>
  db
    .selectFrom('users')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select(['people.id', 'people.name', 'people.councillor', 'people.ward_id'])
    .where('users.id', '=', userId)
    .executeTakeFirst();

const dayBefore = (isoDate: string) => addDays(isoDate, -1);
const dayAfter = (isoDate: string) => addDays(isoDate, 1);
