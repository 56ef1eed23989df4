import path from 'node:path';
import type { PlaceshaperModule } from '../module.ts';
import { registerDashboardRoutes } from './routes/dashboard.ts';
import { registerIndicatorRoutes } from './routes/indicators.ts';
import { registerAgreementRoutes } from './routes/agreements.ts';
import { registerPerformanceSettingsRoutes } from './routes/settings.ts';
import { registerDataImportRoutes } from './routes/data-import.ts';
import { registerAnnualReportRoutes } from './routes/annual-report.ts';
import { createDataImportServices } from './data-import.ts';
import { loadPerformanceDemo } from './demo.ts';
import { refreshTargetStatuses } from './target-statuses.ts';

/** Indicators and their data, agreements and targets, and the public dashboard. */
export const performanceModule: PlaceshaperModule = {
  name: 'performance',
  viewsDirectory: path.resolve(import.meta.dirname, 'views'),
  navigation: [
    { text: 'Dashboard', href: '/dashboard' },
    { text: 'Indicators', href: '/indicators', requires: 'indicators:manage' },
  ],
  routes(app) {
    registerDashboardRoutes(app);
    registerIndicatorRoutes(app);
    registerAgreementRoutes(app);
    registerPerformanceSettingsRoutes(app);
    registerDataImportRoutes(app);
    registerAnnualReportRoutes(app);
  },
  loadDemo: loadPerformanceDemo,
  async onStart(db) {
    await createDataImportServices(db).markInterrupted();
    // Statuses saved by an earlier version, or before a threshold's meaning changed, are worked out afresh.
    await refreshTargetStatuses(db, 'all');
  },
};
