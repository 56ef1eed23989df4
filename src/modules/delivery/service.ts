import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** The delivery module's use cases: permission check, validation, one transaction with its audit entry. */
export function createDeliveryServices(db: Kysely<Database>) {
  return { db };
}

export type DeliveryServices = ReturnType<typeof createDeliveryServices>;
