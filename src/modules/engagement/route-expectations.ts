import type { RouteExpectations } from '../../testing/route-roles.ts';
import { admins, everyone, signedIn } from '../../testing/route-roles.ts';

/** Who may reach each route of the engagement module (walked by src/permissions-by-route.test.ts). */
export const engagementRouteExpectations: RouteExpectations = {
  expected: {
    'GET /have-your-say': everyone,
    'POST /have-your-say': everyone,
    'GET /have-your-say/thank-you': everyone,
    'GET /have-your-say/mine': signedIn,
    'GET /register': everyone,
    'POST /register': everyone,
    'GET /you-said-we-did': everyone,
    'GET /you-said-we-did/:id': everyone,
    // The chair of the Safer Kelmsfield Partnership moderates input about its priority.
    'GET /engagement': [...admins, 'chair'],
    'POST /engagement/messages/send': [...admins, 'chair'],
    'GET /engagement/ideas/:id': [...admins, 'chair'],
    'POST /engagement/ideas/:id/moderate': [...admins, 'chair'],
    'POST /engagement/ideas/:id/response': [...admins, 'chair'],
    'GET /engagement/population': admins,
    'POST /engagement/population': admins,
    'GET /balance-of-voice': everyone,
    'GET /surveys': everyone,
    'GET /surveys/new': [...admins, 'chair'],
    'POST /surveys/new': [...admins, 'chair'],
    'GET /surveys/:slug': everyone,
    'POST /surveys/:slug': everyone,
    'GET /surveys/:slug/thank-you': everyone,
    'GET /surveys/:slug/results': everyone,
    // The survey on the strategy is the Board's: the chair of the Safer Kelmsfield Partnership does not run it.
    'GET /surveys/:slug/edit': admins,
    'POST /surveys/:slug/edit': admins,
    'GET /surveys/:slug/responses.csv': admins,
    'GET /surveys/:slug/questions/new': admins,
    'POST /surveys/:slug/questions/new': admins,
    'GET /surveys/:slug/questions/:questionId/edit': admins,
    'POST /surveys/:slug/questions/:questionId/edit': admins,
    'GET /surveys/:slug/questions/:questionId/remove': admins,
    'POST /surveys/:slug/questions/:questionId/remove': admins,
  },
  /** A published idea about community safety (the chair's partnership's priority), and the demo survey with its first question. */
  params: async (db) => {
    const idea = await db
      .selectFrom('engagement_ideas')
      .innerJoin('priorities', 'priorities.id', 'engagement_ideas.priority_id')
      .select('engagement_ideas.id')
      .where('priorities.slug', '=', 'safer-stronger-communities')
      .where('engagement_ideas.status', '=', 'received')
      .orderBy('engagement_ideas.id')
      .executeTakeFirstOrThrow();
    const survey = await db
      .selectFrom('engagement_surveys')
      .select(['id', 'slug'])
      .where('slug', '=', 'kelmsfield-together-refresh')
      .executeTakeFirstOrThrow();
    const question = await db
      .selectFrom('engagement_survey_questions')
      .select('id')
      .where('survey_id', '=', survey.id)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    return {
      'you-said-we-did/:id': `you-said-we-did/${idea.id}`,
      'engagement/ideas/:id': `engagement/ideas/${idea.id}`,
      'surveys/:slug/questions/:questionId': `surveys/${survey.slug}/questions/${question.id}`,
      'surveys/:slug': `surveys/${survey.slug}`,
    };
  },
};
