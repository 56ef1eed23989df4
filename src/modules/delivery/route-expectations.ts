import type { RouteExpectations } from '../../testing/route-roles.ts';

/** Who may reach each route of the delivery module (walked by src/permissions-by-route.test.ts). */
export const deliveryRouteExpectations: RouteExpectations = {
  expected: {},
};
