import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** The performance module's use cases: permission check, validation, one transaction with its audit entry. */
export function createPerformanceServices(db: Kysely<Database>) {
  return { db };
}

export type PerformanceServices = ReturnType<typeof createPerformanceServices>;
