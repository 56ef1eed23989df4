import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * The roles the route-by-route permission test signs in as (demo logins), and how a
 * module states who may reach each of its routes. Each module keeps its own
 * expectations in route-expectations.ts; src/permissions-by-route.test.ts walks them all.
 */
export type Role =
  | 'public'
  | 'admin'
  | 'secretariat'
  | 'chair'
  | 'officer'
  | 'member'
  | 'councillor'
  | 'scrutiny'
  | 'resident';
export const roles: Role[] = [
  'public',
  'admin',
  'secretariat',
  'chair',
  'officer',
  'member',
  'councillor',
  'scrutiny',
  'resident',
];
export const signedIn: Role[] = [
  'admin',
  'secretariat',
  'chair',
  'officer',
  'member',
  'councillor',
  'scrutiny',
  'resident',
];
export const everyone: Role[] = roles;
export const admins: Role[] = ['admin', 'secretariat'];

export const logins: Record<Exclude<Role, 'public'>, string> = {
  admin: 'admin@kelmsfield.example',
  secretariat: 'helen.marsh@kelmsfield.example',
  chair: 'susan.pettifer@kelmsfield.example', // chair of the Safer Kelmsfield Partnership
  officer: 'carol.denholm@brackenshire-police.example', // partner officer of the police
  member: 'lesley.rutherford@kelmsfield-chamber.example', // member of the board
  councillor: 'neil.trencher@kelmsfield.example', // a frontline councillor (Pennyfold)
  scrutiny: 'naomi.threlfall@kelmsfield.example', // an overview and scrutiny officer at the council
  resident: 'amira.haddad@example.org', // a resident who registered to have their say (Brindlemoor)
};

export interface RouteExpectations {
  /** "METHOD /url/:param" → who may reach it. */
  expected: Record<string, Role[]>;
  /**
   * Concrete values for the parameters of this module's routes, as URL fragments:
   * { '/strategies/:slug': '/strategies/kelmsfield-together' }. Longer fragments are
   * applied first. Choose records in the chair's and the officer's scope where it matters.
   */
  params?: (db: Kysely<Database>) => Promise<Record<string, string>>;
}
