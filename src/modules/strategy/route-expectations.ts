import type { RouteExpectations } from '../../testing/route-roles.ts';
import { admins, everyone } from '../../testing/route-roles.ts';

/**
 * Who may reach each route of the strategy module (walked by src/permissions-by-route.test.ts).
 * The parameters point at the demo strategy, which the partnership board owns: the chair of
 * the Safer Kelmsfield Partnership may not manage it, so its forms are for admins only. The
 * chair may set up a strategy (for their own partnership), so may open the new-strategy form.
 */
export const strategyRouteExpectations: RouteExpectations = {
  expected: {
    'GET /strategies': everyone,
    'GET /strategies/new': [...admins, 'chair'],
    'POST /strategies/new': [...admins, 'chair'],
    'GET /strategies/:slug': everyone,
    'GET /strategies/:slug/edit': admins,
    'POST /strategies/:slug/edit': admins,
    'POST /strategies/:slug/stages/:stage/complete': admins,
    'POST /strategies/:slug/refreshed': admins,
    'POST /strategies/:slug/reviewed': admins,
    'POST /strategies/:slug/versions': admins,
    'GET /strategies/:slug/versions/:number': everyone,
    'GET /strategies/:slug/versions/:number/edit': admins,
    'POST /strategies/:slug/versions/:number/edit': admins,
    'POST /strategies/:slug/versions/:number/adopt': admins,
    'GET /strategies/:slug/versions/:number/priorities/new': admins,
    'POST /strategies/:slug/versions/:number/priorities/new': admins,
    'GET /strategies/:slug/priorities/:id/edit': admins,
    'POST /strategies/:slug/priorities/:id/edit': admins,
    'POST /strategies/:slug/versions/:number/links': admins,
    'POST /strategies/:slug/links/:id/remove': admins,
  },
  params: async (db) => {
    const strategy = await db
      .selectFrom('strategies')
      .select(['id', 'slug'])
      .where('slug', '=', 'kelmsfield-together')
      .executeTakeFirstOrThrow();
    const adopted = await db
      .selectFrom('strategy_versions')
      .select(['id', 'number'])
      .where('strategy_id', '=', strategy.id)
      .where('status', '=', 'adopted')
      .executeTakeFirstOrThrow();
    const priority = await db
      .selectFrom('priorities')
      .select('id')
      .where('strategy_version_id', '=', adopted.id)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    const link = await db
      .selectFrom('plan_links')
      .select('id')
      .where('strategy_version_id', '=', adopted.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const base = `/strategies/${strategy.slug}`;
    return {
      '/strategies/:slug/versions/:number': `${base}/versions/${adopted.number}`,
      '/strategies/:slug/priorities/:id': `${base}/priorities/${priority.id}`,
      '/strategies/:slug/links/:id': `${base}/links/${link.id}`,
      // A stage already completed: an empty form from an admin is refused in words, nothing changes.
      '/strategies/:slug/stages/:stage': `${base}/stages/baseline`,
      '/strategies/:slug': base,
    };
  },
};
