import type { FastifyInstance } from 'fastify';
import { queryText } from '../../../platform/forms.ts';
import { todayIso } from '../../../platform/time.ts';

type Query = Record<string, unknown>;

/** Quarterly returns: a partner's own return, and the secretariat's view of who has made theirs. */
export function registerReturnRoutes(app: FastifyInstance) {
  const delivery = app.services.delivery;

  app.get('/returns', { config: { access: 'returns:make' } }, async (request, reply) => {
    const model = await delivery.organisationReturn(
      request.actor,
      queryText((request.query as Query).organisation),
      todayIso(),
    );
    return reply.view('delivery/returns.njk', {
      title: model.organisation ? `Quarterly return: ${model.organisation.name}` : 'Quarterly returns',
      ...model,
    });
  });

  app.get('/returns/monitor', { config: { access: 'returns:monitor' } }, async (request, reply) => {
    const model = await delivery.monitor(request.actor, todayIso());
    return reply.view('delivery/monitor.njk', {
      title: `Quarterly returns for ${model.quarter.code}`,
      ...model,
    });
  });
}
