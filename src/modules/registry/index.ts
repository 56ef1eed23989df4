import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { PlaceshaperModule } from '../module.ts';
import { loadDemoPlace } from './demo-loader.ts';
import { registerPartnershipRoutes } from './routes/partnerships.ts';
import { registerOrganisationRoutes } from './routes/organisations.ts';
import { registerPeopleRoutes } from './routes/people.ts';
import { registerAreaRoutes } from './routes/areas.ts';
import { registerStructureRoutes } from './routes/structure.ts';
import { registerOpenDataRoutes } from './routes/open-data.ts';
import { registerImportRoutes } from './routes/import.ts';

/** Who is in the partnership of partnerships: places, organisations, people, partnerships, seats. */
export const registryModule: PlaceshaperModule = {
  name: 'registry',
  viewsDirectory: path.resolve(import.meta.dirname, 'views'),
  navigation: [
    { text: 'Structure', href: '/structure' },
    { text: 'Partnerships', href: '/partnerships' },
    { text: 'Organisations', href: '/organisations' },
    { text: 'People', href: '/people' },
  ],
  routes(app: FastifyInstance) {
    registerStructureRoutes(app);
    registerPartnershipRoutes(app);
    registerOrganisationRoutes(app);
    registerPeopleRoutes(app);
    registerAreaRoutes(app);
    registerOpenDataRoutes(app);
    registerImportRoutes(app);
  },
  loadDemo: loadDemoPlace,
};
