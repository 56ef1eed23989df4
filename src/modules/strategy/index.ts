import path from 'node:path';
import type { PlaceshaperModule } from '../module.ts';
import { loadStrategyDemo } from './demo.ts';

/** The place's strategy: vision, versions, priorities, the plans it has regard to, and its lifecycle. */
export const strategyModule: PlaceshaperModule = {
  name: 'strategy',
  viewsDirectory: path.resolve(import.meta.dirname, 'views'),
  navigation: [],
  routes() {},
  loadDemo: loadStrategyDemo,
};
