import path from 'node:path';
import type { PlaceshaperModule } from '../module.ts';
import { createAccountabilityServices } from './service.ts';
import { registerOverviewRoutes } from './routes/overview.ts';
import { registerProtocolRoutes } from './routes/protocols.ts';
import { registerNamedPartnerRoutes } from './routes/named-partners.ts';
import { registerCcfaRoutes } from './routes/ccfa.ts';
import { loadAccountabilityDemo } from './demo.ts';

/**
 * Holding partners to account: partnership agreements with each partner's commitments and
 * whether they are met, the named partners' record, and Councillor Calls for Action.
 */
export const accountabilityModule: PlaceshaperModule = {
  name: 'accountability',
  viewsDirectory: path.resolve(import.meta.dirname, 'views'),
  navigation: [{ text: 'Accountability', href: '/accountability' }],
  routes(app) {
    // The module builds its own use cases over the app's one database.
    const services = createAccountabilityServices(app.services.db);
    registerOverviewRoutes(app, services);
    registerProtocolRoutes(app, services);
    registerNamedPartnerRoutes(app, services);
    registerCcfaRoutes(app, services);
  },
  loadDemo: loadAccountabilityDemo,
};
