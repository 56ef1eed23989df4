import path from 'node:path';
import type { PlaceshaperModule } from '../module.ts';

export const strategyModule: PlaceshaperModule = {
  name: 'strategy',
  viewsDirectory: path.resolve(import.meta.dirname, 'views'),
  navigation: [],
  routes() {},
};
