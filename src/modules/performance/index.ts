import path from 'node:path';
import type { PlaceshaperModule } from '../module.ts';
import { registerDashboardRoutes } from './routes/dashboard.ts';
import { loadPerformanceDemo } from './demo.ts';

/** Indicators and their data, agreements and targets, and the public dashboard. */
export const performanceModule: PlaceshaperModule = {
  name: 'performance',
  viewsDirectory: path.resolve(import.meta.dirname, 'views'),
  navigation: [{ text: 'Dashboard', href: '/dashboard' }],
  routes(app) {
    registerDashboardRoutes(app);
  },
  loadDemo: loadPerformanceDemo,
};
