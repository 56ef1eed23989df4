import path from 'node:path';
import type { PlaceshaperModule } from '../module.ts';

export const deliveryModule: PlaceshaperModule = {
  name: 'delivery',
  viewsDirectory: path.resolve(import.meta.dirname, 'views'),
  navigation: [],
  routes() {},
};
