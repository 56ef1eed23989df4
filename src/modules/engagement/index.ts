import path from 'node:path';
import type { PlaceshaperModule } from '../module.ts';
import { registerHaveYourSayRoutes } from './routes/have-your-say.ts';
import { registerModerationRoutes } from './routes/moderation.ts';
import { registerSurveyRoutes } from './routes/surveys.ts';
import { registerBalanceRoutes } from './routes/balance.ts';
import { registerFloodPage } from './routes/flood.ts';
import { demoResident, loadEngagementDemo } from './demo.ts';
import type { Services } from '../../services.ts';

/** The engagement module's use cases, as built once per app in src/services.ts. */
export type EngagementServices = Services['engagement'];

/**
 * Engagement of residents and groups: have your say (ideas and concerns, moderated, answered
 * on "you said, we did"), public surveys with their results, and the balance of voice.
 */
export const engagementModule: PlaceshaperModule = {
  name: 'engagement',
  viewsDirectory: path.resolve(import.meta.dirname, 'views'),
  navigation: [
    { text: 'Have your say', href: '/have-your-say' },
    { text: 'Engagement', href: '/engagement', requires: 'engagement:moderate' },
  ],
  routes(app) {
    const services = app.services.engagement;
    registerFloodPage(app);
    registerHaveYourSayRoutes(app, services);
    registerModerationRoutes(app, services);
    registerSurveyRoutes(app, services);
    registerBalanceRoutes(app, services);
  },
  loadDemo: loadEngagementDemo,
  demoSignIns: [{ email: demoResident.email, roles: 'resident (has their say and sees their own ideas)' }],
};
