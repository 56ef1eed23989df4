import type { Kysely, Transaction } from 'kysely';
import type { Database, RoleGrantRow, UserRow } from '../../db/schema.ts';
import type { Grant } from '../../domain/permissions.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function grantsOfUser(db: Db, userId: number): Promise<RoleGrantRow[]> {
  return db.selectFrom('role_grants').selectAll().where('user_id', '=', userId).orderBy('id').execute();
}

export function grantFromRow(row: RoleGrantRow): Grant | null {
  switch (row.role) {
    case 'site_admin':
    case 'secretariat':
    case 'councillor':
    case 'scrutiny_officer':
    case 'resident':
      return { role: row.role };
    case 'partnership_manager':
    case 'member':
      return row.partnership_id ? { role: row.role, partnershipId: row.partnership_id } : null;
    case 'partner_officer':
      return row.organisation_id ? { role: 'partner_officer', organisationId: row.organisation_id } : null;
    default:
      return null;
  }
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listUsers(db: Db) {
  return db.selectFrom('users').selectAll().orderBy('display_name').execute();
}

export function listAllGrants(db: Db) {
  return db
    .selectFrom('role_grants')
    .leftJoin('partnerships', 'partnerships.id', 'role_grants.partnership_id')
    .leftJoin('organisations', 'organisations.id', 'role_grants.organisation_id')
    .select([
      'role_grants.id',
      'role_grants.user_id',
      'role_grants.role',
      'role_grants.partnership_id',
      'role_grants.organisation_id',
      'partnerships.name as partnership_name',
      'partnerships.slug as partnership_slug',
      'organisations.name as organisation_name',
      'organisations.slug as organisation_slug',
    ])
    .orderBy('role_grants.id')
    .execute();
}
