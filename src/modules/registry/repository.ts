import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { lowerLike } from '../../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

// Areas

export const listAreas = (db: Db) => db.selectFrom('areas').selectAll().orderBy('name').execute();
export const findAreaBySlug = (db: Db, slug: string) =>
  db.selectFrom('areas').selectAll().where('slug', '=', slug).executeTakeFirst();
export const findAreaById = (db: Db, id: number) =>
  db.selectFrom('areas').selectAll().where('id', '=', id).executeTakeFirst();
export const findAreaByGss = (db: Db, code: string) =>
  db.selectFrom('areas').selectAll().where('gss_code', '=', code).executeTakeFirst();

// Organisations

export interface OrganisationFilter {
  q?: string;
  sector?: string;
  type?: string;
  namedPartner?: boolean;
}

export function listOrganisations(db: Db, filter: OrganisationFilter = {}) {
  let query = db
    .selectFrom('organisations')
    .leftJoin('areas', 'areas.id', 'organisations.area_id')
    .selectAll('organisations')
    .select(['areas.name as area_name']);
  if (filter.q) query = query.where(lowerLike('organisations.name', filter.q));
  if (filter.sector) query = query.where('organisations.sector', '=', filter.sector);
  if (filter.type) query = query.where('organisations.type', '=', filter.type);
  if (filter.namedPartner) query = query.where('organisations.named_partner', '=', 1);
  return query.orderBy('organisations.name').execute();
}

export const findOrganisationBySlug = (db: Db, slug: string) =>
  db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
export const findOrganisationById = (db: Db, id: number) =>
  db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
export const findOrganisationByName = (db: Db, name: string) =>
  db
    .selectFrom('organisations')
    .selectAll()
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .executeTakeFirst();

// People

export function listPeople(db: Db, q?: string) {
  let query = db
    .selectFrom('people')
    .leftJoin('areas', 'areas.id', 'people.ward_id')
    .selectAll('people')
    .select(['areas.name as ward_name']);
  if (q) query = query.where(lowerLike('people.name', q));
  return query.orderBy('people.name').execute();
}
export const findPersonBySlug = (db: Db, slug: string) =>
  db.selectFrom('people').selectAll().where('slug', '=', slug).executeTakeFirst();
export const findPersonById = (db: Db, id: number) =>
  db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
export const findPersonByEmail = (db: Db, email: string) =>
  db.selectFrom('people').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();

export function affiliations(db: Db) {
  return db
    .selectFrom('affiliations')
    .innerJoin('organisations', 'organisations.id', 'affiliations.organisation_id')
    .innerJoin('people', 'people.id', 'affiliations.person_id')
    .select([
      'affiliations.id',
      'affiliations.person_id',
      'affiliations.organisation_id',
      'affiliations.position',
      'organisations.name as organisation_name',
      'organisations.slug as organisation_slug',
      'organisations.sector as organisation_sector',
      'people.name as person_name',
      'people.slug as person_slug',
    ])
    .orderBy('people.name');
}

// Partnerships

export const listPartnerships = (db: Db) =>
  db.selectFrom('partnerships').selectAll().orderBy('name').execute();
export const findPartnershipBySlug = (db: Db, slug: string) =>
  db.selectFrom('partnerships').selectAll().where('slug', '=', slug).executeTakeFirst();
export const findPartnershipByName = (db: Db, name: string) =>
  db
    .selectFrom('partnerships')
    .selectAll()
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .executeTakeFirst();
export const findPartnershipById = (db: Db, id: number) =>
  db.selectFrom('partnerships').selectAll().where('id', '=', id).executeTakeFirst();

// Memberships

/** Seats with the names around them, for lists; filter with the returned builder. */
export function memberships(db: Db) {
  return db
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .innerJoin('partnerships', 'partnerships.id', 'memberships.partnership_id')
    .leftJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .selectAll('memberships')
    .select([
      'people.name as person_name',
      'people.slug as person_slug',
      'partnerships.name as partnership_name',
      'partnerships.slug as partnership_slug',
      'organisations.name as organisation_name',
      'organisations.slug as organisation_slug',
    ]);
}

export const findMembershipById = (db: Db, id: number) =>
  db.selectFrom('memberships').selectAll().where('id', '=', id).executeTakeFirst();

/** Current seats per partnership and sector, in one query (no N+1 for the map). */
export function currentSeatsBySector(db: Db, today: string) {
  return (
    db
      .selectFrom('memberships')
      .select(['partnership_id', 'sector', (eb) => eb.fn.countAll<number>().as('seats')])
      .where('starts_on', '<=', today)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]))
      // Principal seats only: substitutes, observers and the secretariat do not change the balance.
      .where('role', 'not in', ['secretariat', 'observer', 'substitute'])
      .groupBy(['partnership_id', 'sector'])
      .execute()
  );
}
