import path from 'node:path';
import type { PlaceshaperModule } from '../module.ts';

export const performanceModule: PlaceshaperModule = {
  name: 'performance',
  viewsDirectory: path.resolve(import.meta.dirname, 'views'),
  navigation: [],
  routes() {},
};
