import type { FastifyInstance } from 'fastify';
import { todayIso } from '../../../platform/time.ts';
import type { AccountabilityServices } from '../service.ts';

/** The way in: partnership agreements, named partners and calls for action, with what is overdue. */
export function registerOverviewRoutes(app: FastifyInstance, services: AccountabilityServices) {
  const cached = app.publicCache.routeHooks;
  app.get('/accountability', { config: { access: 'public' }, ...cached }, async (_request, reply) =>
    reply.view('accountability/overview.njk', {
      title: 'Holding partners to account',
      ...(await services.overview(todayIso())),
    }),
  );
}
