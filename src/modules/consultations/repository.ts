import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Roles that hold a seat: substitutes, observers and the secretariat speak for no organisation. */
export const seatRoles = ['chair', 'vice_chair', 'member'] as const;

/** Consultations with the responding partnership's name. */
export function consultationsWithPartnership(db: Db) {
  return db
    .selectFrom('consultations')
    .innerJoin('partnerships', 'partnerships.id', 'consultations.partnership_id')
    .selectAll('consultations')
    .select(['partnerships.name as partnership_name', 'partnerships.slug as partnership_slug']);
}
export type ConsultationRow = Awaited<
  ReturnType<ReturnType<typeof consultationsWithPartnership>['executeTakeFirstOrThrow']>
>;

export const findConsultation = (db: Db, id: number) =>
  consultationsWithPartnership(db).where('consultations.id', '=', id).executeTakeFirst();

export const listConsultations = (db: Db) =>
  consultationsWithPartnership(db)
    .orderBy('consultations.closes_on', 'desc')
    .orderBy('consultations.id', 'desc')
    .execute();

/** The organisations asked to respond, by name. */
export function respondingOrganisations(db: Db, consultationIds: number[]) {
  if (consultationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('consultation_organisations')
    .innerJoin('organisations', 'organisations.id', 'consultation_organisations.organisation_id')
    .select([
      'consultation_organisations.consultation_id',
      'organisations.id',
      'organisations.name',
      'organisations.slug',
    ])
    .where('consultation_organisations.consultation_id', 'in', consultationIds)
    .orderBy('organisations.name')
    .orderBy('organisations.id')
    .execute();
}
export type RespondingOrganisation = Awaited<ReturnType<typeof respondingOrganisations>>[number];

export const questionsOf = (db: Db, consultationId: number) =>
  db
    .selectFrom('consultation_questions')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .orderBy('section_position')
    .orderBy('position')
    .orderBy('id')
    .execute();
export type QuestionRow = Awaited<ReturnType<typeof questionsOf>>[number];

/** Every view given, oldest first, with the organisation's name. */
export const viewsOf = (db: Db, consultationId: number) =>
  db
    .selectFrom('consultation_views')
    .innerJoin('organisations', 'organisations.id', 'consultation_views.organisation_id')
    .selectAll('consultation_views')
    .select(['organisations.name as organisation_name'])
    .where('consultation_views.consultation_id', '=', consultationId)
    .orderBy('consultation_views.id')
    .execute();
export type ViewRow = Awaited<ReturnType<typeof viewsOf>>[number];

export const statementsOf = (db: Db, consultationId: number) =>
  db
    .selectFrom('consultation_statements')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .orderBy('position')
    .orderBy('id')
    .execute();
export type StatementRow = Awaited<ReturnType<typeof statementsOf>>[number];

export function statementViewsOf(db: Db, statementIds: number[]) {
  if (statementIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('consultation_statement_views')
    .select(['statement_id', 'view_id'])
    .where('statement_id', 'in', statementIds)
    .orderBy('view_id')
    .execute();
}

export function revisionsOf(db: Db, statementIds: number[]) {
  if (statementIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('consultation_statement_revisions')
    .selectAll()
    .where('statement_id', 'in', statementIds)
    .orderBy('statement_id')
    .orderBy('revision')
    .execute();
}
export type RevisionRow = Awaited<ReturnType<typeof revisionsOf>>[number];

export const endorsementsOf = (db: Db, consultationId: number) =>
  db
    .selectFrom('consultation_endorsements')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .orderBy('id')
    .execute();
export type EndorsementRow = Awaited<ReturnType<typeof endorsementsOf>>[number];

/** The seats of a partnership held on a day, with the organisation each represents. */
export function seatsOn(db: Db, partnershipId: number, day: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select([
      'memberships.person_id',
      'memberships.organisation_id as organisation_id',
      'organisations.name as organisation_name',
    ])
    .where('memberships.partnership_id', '=', partnershipId)
    .where('memberships.role', 'in', [...seatRoles])
    .where('memberships.starts_on', '<=', day)
    .where((eb) => eb.or([eb('memberships.ends_on', 'is', null), eb('memberships.ends_on', '>=', day)]))
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, organisation_id: r.organisation_id! })));
}

/** The person a user account belongs to, if any. */
export async function personOfUser(db: Db, userId: number): Promise<number | null> {
  const row = await db.selectFrom('users').select('person_id').where('id', '=', userId).executeTakeFirst();
  return row?.person_id ?? null;
}

/** Someone to write to for an organisation, and why they are asked. */
export interface Recipient {
  organisationId: number;
  name: string;
  address: string;
  because: 'seat' | 'officer';
}

/**
 * Who speaks for each organisation: the people holding its seats on the partnership
 * today and its partner officers (enabled accounts), at their registry e-mail address,
 * else the one they sign in with. One message per address and organisation.
 */
export async function recipientsFor(
  db: Db,
  partnershipId: number,
  organisationIds: number[],
  day: string,
): Promise<Recipient[]> {
  if (organisationIds.length === 0) return [];
  const [seats, officers] = await Promise.all([
    db
      .selectFrom('memberships')
      .innerJoin('people', 'people.id', 'memberships.person_id')
      .leftJoin('users', (join) =>
        join.onRef('users.person_id', '=', 'people.id').on('users.disabled', '=', 0),
      )
      .select(['memberships.organisation_id', 'people.name', 'people.email', 'users.email as user_email'])
      .where('memberships.partnership_id', '=', partnershipId)
      .where('memberships.organisation_id', 'in', organisationIds)
      .where('memberships.role', 'in', [...seatRoles])
      .where('memberships.starts_on', '<=', day)
      .where((eb) => eb.or([eb('memberships.ends_on', 'is', null), eb('memberships.ends_on', '>=', day)]))
      .orderBy('people.name')
      .execute(),
    db
      .selectFrom('role_grants')
      .innerJoin('users', 'users.id', 'role_grants.user_id')
      .leftJoin('people', 'people.id', 'users.person_id')
      .select([
        'role_grants.organisation_id',
        'users.display_name',
        'users.email as user_email',
        'people.name',
        'people.email',
      ])
      .where('role_grants.role', '=', 'partner_officer')
      .where('role_grants.organisation_id', 'in', organisationIds)
      .where('users.disabled', '=', 0)
      .orderBy('users.display_name')
      .execute(),
  ]);
  const found: Recipient[] = [];
  const seen = new Set<string>();
  const add = (
    organisationId: number | null,
    name: string,
    address: string | null,
    because: Recipient['because'],
  ) => {
    if (organisationId === null || !address) return;
    const key = `${organisationId}:${address.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ organisationId, name, address, because });
  };
  for (const s of seats) add(s.organisation_id, s.name, s.email ?? s.user_email, 'seat');
  for (const o of officers)
    add(o.organisation_id, o.name ?? o.display_name, o.email ?? o.user_email, 'officer');
  return found;
}
