import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../../domain/permissions.ts';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import { defaultPackId, frameworkPacks } from '../../../platform/framework-packs.ts';
import { todayIso } from '../../../platform/time.ts';
import type { StrategyRow } from '../repository.ts';

export type Body = Record<string, unknown>;
type SlugRequest = FastifyRequest<{ Params: { slug: string }; Body: Body }>;

const strategyFields = (): ConflictField[] => [
  { field: 'name', column: 'name', label: 'Name' },
  { field: 'partnershipId', column: 'partnership_id', label: 'Owned by', choices: 'partnerships' },
  {
    field: 'framework',
    column: 'framework',
    label: 'Framework',
    names: Object.fromEntries([...frameworkPacks().values()].map((p) => [p.id, p.name])),
  },
  { field: 'adoptedOn', column: 'adopted_on', label: 'First adopted on' },
  { field: 'endsOn', column: 'ends_on', label: 'Runs until' },
];

export function strategyFormValues(s: StrategyRow) {
  return {
    name: s.name,
    partnershipId: s.partnership_id,
    framework: s.framework,
    adoptedOn: s.adopted_on,
    endsOn: s.ends_on,
    version: s.version,
  };
}

/** The strategies: the list, setting one up, its public page, its lifecycle, refresh and review. */
export function registerStrategyRoutes(app: FastifyInstance) {
  const strategies = app.services.strategy;
  const cached = app.publicCache.routeHooks;

  /** The strategy page, for showing and for answering a refused action on it. */
  async function strategyPage(request: SlugRequest, values: Body = {}) {
    const page = await strategies.page(request.params.slug, todayIso());
    return {
      title: page.strategy.name,
      ...page,
      mayManage: can(request.actor, 'strategy:manage', { partnershipLine: page.line }),
      history: can(request.actor, 'history:view') ? await strategies.history(page.strategy) : null,
      values,
    };
  }

  app.get('/strategies', { config: { access: 'public' }, ...cached }, async (request, reply) =>
    reply.view('strategy/strategies.njk', {
      title: 'Strategies',
      strategies: await strategies.list(todayIso()),
      mayCreate: can(request.actor, 'strategy:manage'),
    }),
  );

  app.get('/strategies/new', { config: { access: 'strategy:manage' } }, async (request, reply) =>
    reply.view('strategy/strategy-form.njk', {
      title: 'Set up a strategy',
      values: { framework: defaultPackId },
      ...(await strategies.formContext(request.actor)),
    }),
  );

  app.post<{ Body: Body }>(
    '/strategies/new',
    { config: { access: 'strategy:manage' } },
    async (request, reply) => {
      try {
        const created = await strategies.create(request.actor, request.body);
        flash(
          reply,
          `${String(request.body.name).trim()} has been set up. Write its vision and priorities in this first draft.`,
        );
        return reply.redirect(`/strategies/${created.slug}/versions/1`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'strategy/strategy-form.njk',
          async () => ({
            title: 'Set up a strategy',
            values: request.body,
            ...(await strategies.formContext(request.actor)),
          }),
          strategyFields(),
        );
      }
    },
  );

  app.get<{ Params: { slug: string }; Body: Body }>(
    '/strategies/:slug',
    { config: { access: 'public' }, ...cached },
    async (request, reply) => reply.view('strategy/strategy.njk', await strategyPage(request)),
  );

  app.get<{ Params: { slug: string } }>(
    '/strategies/:slug/edit',
    { config: { access: 'strategy:manage' } },
    async (request, reply) => {
      const strategy = await strategies.forEditing(request.actor, request.params.slug);
      return reply.view('strategy/strategy-form.njk', {
        title: `Edit ${strategy.name}`,
        strategy,
        values: strategyFormValues(strategy),
        ...(await strategies.formContext(request.actor, strategy)),
      });
    },
  );

  app.post<{ Params: { slug: string }; Body: Body }>(
    '/strategies/:slug/edit',
    { config: { access: 'strategy:manage' } },
    async (request, reply) => {
      const strategy = await strategies.forEditing(request.actor, request.params.slug);
      try {
        await strategies.update(request.actor, strategy.slug, request.body);
        flash(reply, 'Your changes have been saved.');
        return reply.redirect(`/strategies/${strategy.slug}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'strategy/strategy-form.njk',
          async () => ({
            title: `Edit ${strategy.name}`,
            strategy,
            values: request.body,
            ...(await strategies.formContext(request.actor, strategy)),
          }),
          strategyFields(),
        );
      }
    },
  );

  app.post<{ Params: { slug: string; stage: string }; Body: Body }>(
    '/strategies/:slug/stages/:stage/complete',
    { config: { access: 'strategy:manage' } },
    async (request, reply) => {
      try {
        const { stageName } = await strategies.lifecycle.completeStage(
          request.actor,
          request.params.slug,
          request.params.stage,
        );
        flash(reply, `${stageName} has been marked as complete.`);
        return reply.redirect(`/strategies/${request.params.slug}#lifecycle`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'strategy/strategy.njk', () =>
          strategyPage(request, request.body),
        );
      }
    },
  );

  for (const [path, kind] of [
    ['refreshed', 'refresh'],
    ['reviewed', 'review'],
  ] as const)
    app.post<{ Params: { slug: string }; Body: Body }>(
      `/strategies/:slug/${path}`,
      { config: { access: 'strategy:manage' } },
      async (request, reply) => {
        try {
          const record =
            kind === 'refresh' ? strategies.lifecycle.recordRefresh : strategies.lifecycle.recordReview;
          await record(request.actor, request.params.slug, request.body);
          flash(reply, `The ${kind} has been recorded.`);
          return reply.redirect(`/strategies/${request.params.slug}#refresh-and-review`, 303);
        } catch (error) {
          return renderFormFailure(reply, error, 'strategy/strategy.njk', () =>
            strategyPage(request, request.body),
          );
        }
      },
    );

  app.post<{ Params: { slug: string }; Body: Body }>(
    '/strategies/:slug/versions',
    { config: { access: 'strategy:manage' } },
    async (request, reply) => {
      try {
        const { number } = await strategies.versions.startDraft(request.actor, request.params.slug);
        flash(reply, `Version ${number} has been started as a draft. Change it here, then adopt it.`);
        return reply.redirect(`/strategies/${request.params.slug}/versions/${number}`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'strategy/strategy.njk', () =>
          strategyPage(request, request.body),
        );
      }
    },
  );
}
