import path from 'node:path';
import type { PlaceshaperModule } from '../module.ts';
import { registerMeetingRoutes } from './routes/meetings.ts';
import { registerMeetingFeedRoutes } from './routes/feeds.ts';
import { registerHealthCheckRoutes } from './routes/health-check.ts';
import { registerApologyRoutes } from './routes/apologies.ts';
import { loadMeetingsDemo } from './demo.ts';

/** Meetings of partnerships: agendas and papers, attendance and quorum, decisions, minutes, the register, the feeds. */
export const meetingsModule: PlaceshaperModule = {
  name: 'meetings',
  viewsDirectory: path.resolve(import.meta.dirname, 'views'),
  navigation: [
    { text: 'Meetings', href: '/meetings' },
    { text: 'Decisions', href: '/decisions' },
  ],
  routes(app) {
    registerMeetingRoutes(app);
    registerMeetingFeedRoutes(app);
    registerHealthCheckRoutes(app);
    registerApologyRoutes(app);
  },
  loadDemo: loadMeetingsDemo,
};
