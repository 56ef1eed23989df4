import type { RouteExpectations } from '../../testing/route-roles.ts';
import { admins, everyone } from '../../testing/route-roles.ts';

/** The chair of the Safer Kelmsfield Partnership manages its meetings; the board member does not. */
const managers = [...admins, 'chair'] as const;

/** Who may reach each route of the meetings module (walked by src/permissions-by-route.test.ts). */
export const meetingsRouteExpectations: RouteExpectations = {
  expected: {
    'GET /meetings': everyone,
    'GET /meetings/:id': everyone,
    'GET /meetings/:id/papers/:paperId': everyone,
    'GET /decisions': everyone,
    'GET /meetings.ics': everyone,
    'GET /partnerships/:slug/meetings.ics': everyone,
    'GET /decisions.atom': everyone,
    'GET /health-check': everyone,
    'GET /health-check.csv': everyone,
    'GET /meetings/new': [...managers],
    'POST /meetings/new': [...managers],
    'GET /meetings/:id/edit': [...managers],
    'POST /meetings/:id/edit': [...managers],
    'GET /meetings/:id/status': [...managers],
    'POST /meetings/:id/status': [...managers],
    'GET /meetings/:id/items/new': [...managers],
    'POST /meetings/:id/items/new': [...managers],
    'GET /meetings/:id/items/:itemId/edit': [...managers],
    'POST /meetings/:id/items/:itemId/edit': [...managers],
    'POST /meetings/:id/items/:itemId/move': [...managers],
    'POST /meetings/:id/items/:itemId/approve-minutes': [...managers],
    'POST /meetings/:id/publish': [...managers],
    'GET /meetings/:id/papers/new': [...managers],
    'POST /meetings/:id/papers/new': [...managers],
    // A member of the board takes part in the meetings of the partnerships under it.
    'GET /meetings/:id/declarations/new': [...managers, 'member'],
    'POST /meetings/:id/declarations/new': [...managers, 'member'],
    'GET /meetings/:id/apologies': [...managers, 'member'],
    'POST /meetings/:id/apologies': [...managers, 'member'],
    'GET /meetings/:id/attendance': [...managers],
    'POST /meetings/:id/attendance': [...managers],
    'GET /meetings/:id/decisions/new': [...managers],
    'POST /meetings/:id/decisions/new': [...managers],
    'GET /meetings/:id/minutes': [...managers],
    'POST /meetings/:id/minutes': [...managers],
    'GET /partnerships/:slug/quorum': [...managers],
    'POST /partnerships/:slug/quorum': [...managers],
    'GET /admin/meetings': admins,
    'POST /admin/meetings': admins,
  },
  /** The Safer Kelmsfield Partnership's latest held meeting, its second item and that item's paper. */
  params: async (db) => {
    const meeting = await db
      .selectFrom('meetings')
      .innerJoin('partnerships', 'partnerships.id', 'meetings.partnership_id')
      .select('meetings.id')
      .where('partnerships.slug', '=', 'safer-kelmsfield-partnership')
      .where('meetings.status', '=', 'held')
      .orderBy('meetings.starts_at', 'desc')
      .executeTakeFirstOrThrow();
    const paper = await db
      .selectFrom('papers')
      .select(['id', 'agenda_item_id'])
      .where('meeting_id', '=', meeting.id)
      .where('access', '=', 'public')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    return {
      '/meetings/:id/papers/:paperId': `/meetings/${meeting.id}/papers/${paper.id}`,
      '/meetings/:id/items/:itemId': `/meetings/${meeting.id}/items/${paper.agenda_item_id}`,
      '/meetings/:id': `/meetings/${meeting.id}`,
    };
  },
};
