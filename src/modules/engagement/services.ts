import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Mailer } from '../../platform/mail.ts';
import { createFormGuard } from './form-guard.ts';
import { createIdeaServices } from './service.ts';
import { createSurveyServices } from './surveys-service.ts';
import { createBalanceServices } from './balance-service.ts';

/** Every use case of the engagement module, over one database and the one mailer. */
export function createEngagementServices(db: Kysely<Database>, mailer: Mailer, baseUrl?: string) {
  const guard = createFormGuard(db);
  const ideas = createIdeaServices(db, mailer, guard, baseUrl);
  return {
    guard,
    ideas,
    surveys: createSurveyServices(db, guard, ideas),
    balance: createBalanceServices(db),
  };
}
