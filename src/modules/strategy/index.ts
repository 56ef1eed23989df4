import path from 'node:path';
import type { PlaceshaperModule } from '../module.ts';
import { loadStrategyDemo } from './demo.ts';
import { registerStrategyRoutes } from './routes/strategies.ts';
import { registerVersionRoutes } from './routes/versions.ts';

/** The place's strategy: vision, versions, priorities, the plans it has regard to, and its lifecycle. */
export const strategyModule: PlaceshaperModule = {
  name: 'strategy',
  viewsDirectory: path.resolve(import.meta.dirname, 'views'),
  navigation: [{ text: 'Strategy', href: '/strategies' }],
  routes(app) {
    registerStrategyRoutes(app);
    registerVersionRoutes(app);
  },
  loadDemo: loadStrategyDemo,
};
