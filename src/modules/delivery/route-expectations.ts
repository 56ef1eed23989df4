import type { RouteExpectations } from '../../testing/route-roles.ts';
import { admins, everyone } from '../../testing/route-roles.ts';

/** Those who may plan and update actions somewhere; the service then keeps each to their own. */
const actionManagers = [...admins, 'chair', 'officer'] as const;

/** Who may reach each route of the delivery module (walked by src/permissions-by-route.test.ts). */
export const deliveryRouteExpectations: RouteExpectations = {
  expected: {
    'GET /actions': everyone,
    'GET /actions.csv': everyone,
    'GET /actions/new': [...actionManagers],
    'POST /actions/new': [...actionManagers],
    'GET /actions/:id': everyone,
    'GET /actions/:id/edit': [...actionManagers],
    'POST /actions/:id/edit': [...actionManagers],
    'GET /actions/:id/updates/new': [...actionManagers],
    'POST /actions/:id/updates/new': [...actionManagers],
    'POST /actions/:id/milestones': [...actionManagers],
    'POST /actions/:id/milestones/:milestoneId/complete': [...actionManagers],
    'GET /returns': [...admins, 'officer'],
    'GET /returns/monitor': admins,
  },
  /**
   * A police action on the Safer Kelmsfield Partnership's priority, with a milestone still
   * to do: in the scope of both the officer (police) and the chair (Safer Kelmsfield).
   */
  params: async (db) => {
    const milestone = await db
      .selectFrom('action_milestones')
      .innerJoin('actions', 'actions.id', 'action_milestones.action_id')
      .innerJoin('organisations', 'organisations.id', 'actions.organisation_id')
      .leftJoin('targets', 'targets.id', 'actions.target_id')
      .innerJoin('priorities', (join) =>
        join.on((eb) =>
          eb.or([
            eb('priorities.id', '=', eb.ref('actions.priority_id')),
            eb('priorities.id', '=', eb.ref('targets.priority_id')),
          ]),
        ),
      )
      .select(['actions.id as actionId', 'action_milestones.id as milestoneId'])
      .where('organisations.slug', '=', 'brackenshire-constabulary')
      .where('priorities.slug', '=', 'safer-stronger-communities')
      .where('action_milestones.completed_on', 'is', null)
      .orderBy('actions.id')
      .orderBy('action_milestones.id')
      .executeTakeFirstOrThrow();
    return {
      'actions/:id': `actions/${milestone.actionId}`,
      'milestones/:milestoneId': `milestones/${milestone.milestoneId}`,
    };
  },
};
