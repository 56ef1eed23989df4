import type { RouteExpectations } from '../../testing/route-roles.ts';
import { everyone } from '../../testing/route-roles.ts';

/** Who may reach each route of the performance module (walked by src/permissions-by-route.test.ts). */
export const performanceRouteExpectations: RouteExpectations = {
  expected: {
    'GET /dashboard': everyone,
    'GET /dashboard/targets/:id': everyone,
    'GET /dashboard.csv': everyone,
    'GET /dashboard.xlsx': everyone,
    'GET /api/v1/targets': everyone,
  },
  params: async (db) => {
    const target = await db.selectFrom('targets').select('id').orderBy('id').executeTakeFirstOrThrow();
    return { 'targets/:id': `targets/${target.id}` };
  },
};
