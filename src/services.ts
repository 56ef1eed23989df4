import type { Kysely } from 'kysely';
import type { Database } from './db/schema.ts';
import { createAccountServices } from './modules/accounts/service.ts';
import { createPlaceServices } from './modules/registry/place-service.ts';
import { createRegistryServices } from './modules/registry/service.ts';
import { createImportServices } from './modules/registry/import-service.ts';
import { createStrategyServices } from './modules/strategy/service.ts';
import { createPerformanceServices } from './modules/performance/service.ts';
import { createDashboardServices } from './modules/performance/dashboard.ts';
import { createDataImportServices } from './modules/performance/data-import.ts';
import { createAnnualReportServices } from './modules/performance/annual-report.ts';
import { createDeliveryServices } from './modules/delivery/service.ts';
import { createMeetingServices } from './modules/meetings/service.ts';
import { createMeetingMeasuresServices } from './modules/meetings/measures-service.ts';
import { createReminderServices } from './modules/meetings/reminders.ts';
import { createApologyServices } from './modules/meetings/apologies.ts';
import { createConsultationServices } from './modules/consultations/service.ts';
import type { Config } from './config.ts';
import { createMailer } from './platform/mail.ts';
import { createEngagementServices } from './modules/engagement/services.ts';

/** The use cases of every module, built once per app over one database. */
export function createServices(db: Kysely<Database>, config: Config) {
  const mailer = createMailer(config.mail);
  const accounts = createAccountServices(db);
  const performance = createPerformanceServices(db);
  const dashboards = createDashboardServices(db, performance);
  const meetings = createMeetingServices(db);
  return {
    db,
    accounts,
    place: createPlaceServices(db, accounts),
    registry: createRegistryServices(db),
    imports: createImportServices(db),
    strategy: createStrategyServices(db),
    performance,
    dashboards,
    annualReports: createAnnualReportServices(db, dashboards),
    dataImports: createDataImportServices(db),
    delivery: createDeliveryServices(db),
    meetings,
    apologies: createApologyServices(db, meetings),
    meetingMeasures: createMeetingMeasuresServices(db),
    reminders: createReminderServices(db, mailer, config.baseUrl),
    consultations: createConsultationServices(db, mailer, config.baseUrl),
    engagement: createEngagementServices(db, mailer, config.baseUrl),
    mailer,
  };
}

export type Services = ReturnType<typeof createServices>;
