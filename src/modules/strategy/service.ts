import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** The strategy module's use cases: permission check, validation, one transaction with its audit entry. */
export function createStrategyServices(db: Kysely<Database>) {
  return { db };
}

export type StrategyServices = ReturnType<typeof createStrategyServices>;
