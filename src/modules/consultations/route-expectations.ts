import type { RouteExpectations } from '../../testing/route-roles.ts';
import { admins, everyone } from '../../testing/route-roles.ts';

/**
 * Most routes are tried on the Safer Kelmsfield Partnership's response, still gathering
 * views: the chair runs it, the police (whose officer this is) are asked for their views,
 * and the board member sees it because the partnership is under the board. The published
 * response, the internal record, the statements and each organisation's own response are
 * tried on the board's final response to the ODPM, which the chair does not run.
 */
const managers = [...admins, 'chair'] as const;
/** Those who answer for the police on the Safer Kelmsfield Partnership's response. */
const police = [...managers, 'officer'] as const;
/** Everyone with a part in the partnership's responses. */
const insiders = [...managers, 'officer', 'member'] as const;

/** Who may reach each route of the consultations module (walked by src/permissions-by-route.test.ts). */
export const consultationsRouteExpectations: RouteExpectations = {
  expected: {
    'GET /consultations': everyone,
    'GET /consultations/new': [...managers],
    'POST /consultations/new': [...managers],
    // Not final yet: the partnership only.
    'GET /consultations/:id': [...insiders],
    'GET /consultations/:id/edit': [...managers],
    'POST /consultations/:id/edit': [...managers],
    'GET /consultations/:id/organisations': [...managers],
    'POST /consultations/:id/organisations': [...managers],
    'GET /consultations/:id/questions/new': [...managers],
    'POST /consultations/:id/questions/new': [...managers],
    'GET /consultations/:id/questions/paste': [...managers],
    'POST /consultations/:id/questions/paste': [...managers],
    'GET /consultations/:id/questions/:questionId/edit': [...managers],
    'POST /consultations/:id/questions/:questionId/edit': [...managers],
    'GET /consultations/:id/questions/:questionId/remove': [...managers],
    'POST /consultations/:id/questions/:questionId/remove': [...managers],
    'GET /consultations/:id/views': [...insiders],
    'POST /consultations/:id/reminders': [...managers],
    'GET /consultations/:id/organisations/:slug/views': [...police],
    'POST /consultations/:id/organisations/:slug/views': [...police],
    'GET /consultations/:id/organisations/:slug/endorsements': [...police],
    'POST /consultations/:id/organisations/:slug/endorsements': [...police],
    'GET /consultations/:id/draft': [...managers],
    'GET /consultations/:id/questions/:questionId/statements/new': [...managers],
    'POST /consultations/:id/questions/:questionId/statements/new': [...managers],
    'GET /consultations/:id/circulate': [...managers],
    'POST /consultations/:id/circulate': [...managers],
    'GET /consultations/:id/deadline': [...managers],
    'POST /consultations/:id/deadline': [...managers],
    'POST /consultations/:id/close': [...managers],
    'GET /consultations/:id/submitted': [...managers],
    'POST /consultations/:id/submitted': [...managers],
    'GET /consultations/:id/history': [...insiders],
    // The board's final response to the ODPM.
    'GET /consultations/:id/statements/:statementId/edit': [...admins],
    'POST /consultations/:id/statements/:statementId/edit': [...admins],
    'GET /consultations/:id/statements/:statementId/remove': [...admins],
    'POST /consultations/:id/statements/:statementId/remove': [...admins],
    'GET /consultations/:id/response': everyone,
    'GET /consultations/:id/response.docx': everyone,
    'GET /consultations/:id/response.pdf': everyone,
    'GET /consultations/:id/record': [...admins, 'officer', 'member'],
    'GET /consultations/:id/organisations/:slug/response': [...admins, 'officer'],
    'GET /consultations/:id/organisations/:slug/response.docx': [...admins, 'officer'],
    'GET /consultations/:id/organisations/:slug/response.pdf': [...admins, 'officer'],
  },
  params: async (db) => {
    const consultationOf = (slug: string) =>
      db
        .selectFrom('consultations')
        .innerJoin('partnerships', 'partnerships.id', 'consultations.partnership_id')
        .select('consultations.id')
        .where('partnerships.slug', '=', slug)
        .orderBy('consultations.id')
        .executeTakeFirstOrThrow();
    const safer = await consultationOf('safer-kelmsfield-partnership');
    const board = await consultationOf('kelmsfield-partnership-board');
    // A question the police have given a view on, so removing it is refused and nothing changes.
    const question = await db
      .selectFrom('consultation_views')
      .innerJoin('organisations', 'organisations.id', 'consultation_views.organisation_id')
      .select('consultation_views.question_id')
      .where('consultation_views.consultation_id', '=', safer.id)
      .where('organisations.slug', '=', 'brackenshire-constabulary')
      .orderBy('consultation_views.question_id')
      .executeTakeFirstOrThrow();
    const statement = await db
      .selectFrom('consultation_statements')
      .select('id')
      .where('consultation_id', '=', board.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    return {
      'consultations/:id/organisations/:slug/response': `consultations/${board.id}/organisations/brackenshire-constabulary/response`,
      'consultations/:id/organisations/:slug': `consultations/${safer.id}/organisations/brackenshire-constabulary`,
      'consultations/:id/statements/:statementId': `consultations/${board.id}/statements/${statement.id}`,
      'consultations/:id/questions/:questionId': `consultations/${safer.id}/questions/${question.question_id}`,
      'consultations/:id/response': `consultations/${board.id}/response`,
      'consultations/:id/record': `consultations/${board.id}/record`,
      'consultations/:id': `consultations/${safer.id}`,
    };
  },
};
