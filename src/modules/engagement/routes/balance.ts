import type { FastifyInstance } from 'fastify';
import { can } from '../../../domain/permissions.ts';
import { equalityDimensions, equalityQuestions } from '../../../domain/equality-monitoring.ts';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import { queryText } from '../../../platform/forms.ts';
import type { EngagementServices } from '../index.ts';
import { shareField, sourceNames, sources, type Source } from '../balance-service.ts';

type Body = Record<string, unknown>;

const shareFields: ConflictField[] = equalityDimensions.flatMap((dimension) =>
  equalityQuestions[dimension].groups.map((group) => {
    const field = shareField(dimension, group.code);
    return { field, column: field, label: `${equalityQuestions[dimension].heading}: ${group.label} (%)` };
  }),
);

/** The share of residents in each equality group, as the form lays it out. */
const shareForm = equalityDimensions.map((dimension) => ({
  dimension,
  heading: equalityQuestions[dimension].heading,
  groups: equalityQuestions[dimension].groups.map((g) => ({
    field: shareField(dimension, g.code),
    label: g.label,
  })),
}));

/** Balance of voice (public), and the population shares the place records (the secretariat). */
export function registerBalanceRoutes(app: FastifyInstance, services: EngagementServices) {
  const balance = services.balance;
  const cached = app.publicCache.routeHooks;

  app.get<{ Querystring: { source?: string } }>(
    '/balance-of-voice',
    { config: { access: 'public' }, ...cached },
    async (request, reply) => {
      const wanted = queryText(request.query.source, 20);
      const source: Source =
        wanted && (sources as readonly string[]).includes(wanted) ? (wanted as Source) : 'all';
      return reply.view('engagement/balance.njk', {
        title: 'Balance of voice',
        ...(await balance.balance(source)),
        sourceItems: sources.map((s) => ({ value: s, text: sourceNames[s].heading })),
        mayManagePlace: can(request.actor, 'place:manage'),
      });
    },
  );

  const sharesPage = async (request: { actor: Parameters<typeof balance.sharesPage>[0] }, values?: Body) => {
    const page = await balance.sharesPage(request.actor);
    return { title: 'Who lives here: population shares', ...page, shareForm, values: values ?? page.values };
  };

  app.get('/engagement/population', { config: { access: 'place:manage' } }, async (request, reply) =>
    reply.view('engagement/population.njk', await sharesPage(request)),
  );

  app.post<{ Body: Body }>(
    '/engagement/population',
    { config: { access: 'place:manage' } },
    async (request, reply) => {
      try {
        await balance.saveShares(request.actor, request.body);
        flash(reply, 'The population shares are saved. The balance of voice now compares input with them.');
        return reply.redirect('/engagement/population', 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'engagement/population.njk',
          () => sharesPage(request, request.body),
          shareFields,
        );
      }
    },
  );
}
