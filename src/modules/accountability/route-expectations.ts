import type { RouteExpectations } from '../../testing/route-roles.ts';
import { admins, everyone } from '../../testing/route-roles.ts';

/** Who may reach each route of the accountability module (walked by src/permissions-by-route.test.ts). */
export const accountabilityRouteExpectations: RouteExpectations = {
  expected: {
    'GET /accountability': everyone,
    'GET /protocols': everyone,
    'GET /protocols/new': [...admins, 'chair'],
    'POST /protocols/new': [...admins, 'chair'],
    'GET /protocols/:id': everyone,
    'GET /protocols/:id/compliance.csv': everyone,
    // The Safer Kelmsfield Partnership's agreement: the chair's own partnership.
    'GET /protocols/:id/edit': [...admins, 'chair'],
    'POST /protocols/:id/edit': [...admins, 'chair'],
    'GET /protocols/:id/commitments/new': [...admins, 'chair'],
    'POST /protocols/:id/commitments/new': [...admins, 'chair'],
    'GET /protocols/:id/commitments/:obligationId/edit': [...admins, 'chair'],
    'POST /protocols/:id/commitments/:obligationId/edit': [...admins, 'chair'],
    'GET /protocols/:id/commitments/:obligationId/remove': [...admins, 'chair'],
    'POST /protocols/:id/commitments/:obligationId/remove': [...admins, 'chair'],
    // The police are a party to it, so their partner officer records their contributions.
    'GET /protocols/:id/contributions/new': [...admins, 'officer'],
    'POST /protocols/:id/contributions/new': [...admins, 'officer'],
    'GET /protocols/:id/contributions/:contributionId/remove': [...admins, 'officer'],
    'POST /protocols/:id/contributions/:contributionId/remove': [...admins, 'officer'],
    'GET /named-partners': everyone,
    'GET /named-partners.csv': everyone,
    'GET /named-partners/:slug': everyone,
    'GET /ccfa': everyone,
    'GET /ccfa.csv': everyone,
    'GET /ccfa/new': [...admins, 'councillor'],
    'POST /ccfa/new': [...admins, 'councillor'],
    'GET /ccfa/:reference': everyone,
    'GET /ccfa/:reference/:step': [...admins, 'scrutiny'],
    'POST /ccfa/:reference/:step': [...admins, 'scrutiny'],
  },
  /**
   * The Safer Kelmsfield Partnership's draft agreement (the chair's partnership, with the
   * police as a party), one of its commitments, a police contribution to the Board's
   * agreement, the police's named-partner page and the call for action awaiting a decision.
   */
  params: async (db) => {
    const protocol = (slug: string) =>
      db
        .selectFrom('protocols')
        .innerJoin('partnerships', 'partnerships.id', 'protocols.partnership_id')
        .select('protocols.id')
        .where('partnerships.slug', '=', slug)
        .orderBy('protocols.id')
        .executeTakeFirstOrThrow();
    const safer = await protocol('safer-kelmsfield-partnership');
    const board = await protocol('kelmsfield-partnership-board');
    const commitment = await db
      .selectFrom('protocol_obligations')
      .select('id')
      .where('protocol_id', '=', safer.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const police = await db
      .selectFrom('organisations')
      .select('id')
      .where('slug', '=', 'brackenshire-constabulary')
      .executeTakeFirstOrThrow();
    const contribution = await db
      .selectFrom('protocol_contributions')
      .select('id')
      .where('protocol_id', '=', board.id)
      .where('organisation_id', '=', police.id)
      .executeTakeFirstOrThrow();
    const raised = await db
      .selectFrom('ccfa_cases')
      .select('reference')
      .where('status', '=', 'raised')
      .executeTakeFirstOrThrow();
    return {
      'protocols/:id/contributions/:contributionId': `protocols/${board.id}/contributions/${contribution.id}`,
      'protocols/:id': `protocols/${safer.id}`,
      'commitments/:obligationId': `commitments/${commitment.id}`,
      'named-partners/:slug': 'named-partners/brackenshire-constabulary',
      'ccfa/:reference/:step': `ccfa/${raised.reference}/decision`,
      'ccfa/:reference': `ccfa/${raised.reference}`,
    };
  },
};
