import path from 'node:path';
import { databaseIsReachable } from '../../db/database.ts';
import type { PlaceshaperModule } from '../module.ts';
import { todayIso } from '../../platform/time.ts';
import { isResidentOnly } from '../../domain/permissions.ts';

/** The home page, the service status check and the signed-in workspace. */
export const coreModule: PlaceshaperModule = {
  name: 'core',
  viewsDirectory: path.resolve(import.meta.dirname, 'views'),
  navigation: [{ text: 'Home', href: '/' }],
  routes(app) {
    app.get('/', { config: { access: 'public' } }, async (_request, reply) => {
      if (await app.services.place.needsSetup()) return reply.redirect('/setup', 303);
      const [partnerships, organisations, people, overdue] = await Promise.all([
        app.services.registry.partnerships.structure(),
        app.services.registry.organisations.list(),
        app.services.registry.people.list(),
        app.services.strategy.overdue(todayIso()),
      ]);
      const active = partnerships.filter((p) => p.status === 'active');
      return reply.view('core/home.njk', {
        title: 'Home',
        counts: {
          partnerships: active.length,
          statutory: active.filter((p) => p.statutory).length,
          organisations: organisations.length,
          namedPartners: organisations.filter((o) => o.named_partner).length,
          people: people.length,
        },
        boards: active.filter((p) => p.parentId === null),
        overdue,
      });
    });

    app.get('/health', { config: { access: 'public', page: false } }, async (_request, reply) => {
      const ok = await databaseIsReachable(app.services.db);
      return reply
        .code(ok ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({ status: ok ? 'ok' : 'unavailable', database: app.databaseKind });
    });

    app.get('/about', { config: { access: 'public' } }, async (_request, reply) =>
      reply.view('core/about.njk', { title: 'About Placeshaper' }),
    );

    app.get('/manage', { config: { access: 'workspace:view' } }, async (request, reply) => {
      // A resident has nothing of the partnership's to manage: their own page is what they have sent.
      if (isResidentOnly(request.actor)) return reply.redirect('/have-your-say/mine', 303);
      return reply.view('core/manage.njk', {
        title: 'Manage the partnership',
        placeAreaId: (await app.services.place.siteSettings()).placeAreaId,
        grants: (await app.services.accounts.user(request.actor!.userId)).grants,
      });
    });
  },
};
