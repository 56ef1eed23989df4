import type { RouteExpectations } from '../../testing/route-roles.ts';

/** Who may reach each route of the strategy module (walked by src/permissions-by-route.test.ts). */
export const strategyRouteExpectations: RouteExpectations = {
  expected: {},
};
