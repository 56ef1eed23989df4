import path from 'node:path';
import type { PlaceshaperModule } from '../module.ts';
import { registerActionRoutes } from './routes/actions.ts';
import { registerReturnRoutes } from './routes/returns.ts';
import { loadDeliveryDemo } from './demo.ts';

/** The action plan: who is accountable for what, with what resources and by when; progress and quarterly returns. */
export const deliveryModule: PlaceshaperModule = {
  name: 'delivery',
  viewsDirectory: path.resolve(import.meta.dirname, 'views'),
  navigation: [
    { text: 'Action plan', href: '/actions' },
    { text: 'Quarterly return', href: '/returns', requires: 'returns:make' },
  ],
  routes(app) {
    registerActionRoutes(app);
    registerReturnRoutes(app);
  },
  loadDemo: loadDeliveryDemo,
};
