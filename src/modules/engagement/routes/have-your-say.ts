import type { FastifyInstance, FastifyRequest } from 'fastify';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import { queryText } from '../../../platform/forms.ts';
import { equalityDimensions, equalityQuestions } from '../../../domain/equality-monitoring.ts';
import type { EngagementServices } from '../index.ts';
import {
  equalityField,
  groupSectorOptions,
  ideaKindNames,
  ideaKinds,
  ideaStatusNames,
  longestSummary,
  longestText,
  publishedStatuses,
} from '../forms.ts';
import { ideaIdOf, repeatMessage } from '../service.ts';
import { honeypotField } from '../form-guard.ts';
import { submissionLimit } from './flood.ts';

type Body = Record<string, unknown>;

export const ideaFields: ConflictField[] = [
  { field: 'kind', column: '', label: 'Idea or concern' },
  { field: 'summary', column: '', label: 'Summary' },
  { field: 'details', column: '', label: 'What you want to tell the partnership' },
  { field: 'priorityId', column: '', label: 'Priority' },
  { field: 'areaId', column: '', label: 'Ward or neighbourhood' },
  { field: 'writingAs', column: '', label: 'Writing as' },
  { field: 'groupName', column: '', label: 'Name of the group' },
  { field: 'groupSector', column: '', label: 'Kind of group' },
  { field: 'contactName', column: '', label: 'Your name' },
  { field: 'contactEmail', column: '', label: 'Your email address' },
  ...equalityDimensions.map((d) => ({
    field: equalityField(d),
    column: '',
    label: equalityQuestions[d].heading,
  })),
];

/** The equality questions as the form macros want them. */
export const equalityForm = equalityDimensions.map((dimension) => ({
  field: equalityField(dimension),
  question: equalityQuestions[dimension].question,
  hint: equalityQuestions[dimension].hint,
  items: equalityQuestions[dimension].options.map((o) => ({ value: o.code, text: o.label })),
}));

const numberFilter = (value: unknown) => {
  const n = Number(queryText(value, 12));
  return Number.isInteger(n) && n > 0 && n < 2_147_483_647 ? n : undefined;
};

/** The public side: have your say, its thank-you page, a person's own submissions, registering, "you said, we did". */
export function registerHaveYourSayRoutes(app: FastifyInstance, services: EngagementServices) {
  const ideas = services.ideas;

  const formPage = async (request: FastifyRequest, values: Body) => {
    const context = await ideas.formContext(request.actor);
    return {
      title: 'Have your say',
      ...context,
      kindItems: ideaKinds.map((k) => ({ value: k, text: ideaKindNames[k] })),
      groupSectorOptions,
      equalityForm,
      honeypotField,
      longestText,
      longestSummary,
      values: {
        kind: 'idea',
        writingAs: 'individual',
        areaId: context.residentWardId ?? '',
        ...values,
        // A fresh token every time the form is shown: a refused form sent again is a new sending.
        formToken: context.formToken,
      },
    };
  };

  app.get('/have-your-say', { config: { access: 'public' } }, async (request, reply) =>
    reply.view('engagement/have-your-say.njk', await formPage(request, {})),
  );

  app.post<{ Body: Body }>(
    '/have-your-say',
    { config: { access: 'public', rateLimit: submissionLimit() } },
    async (request, reply) => {
      try {
        const result = await ideas.submit(request.actor, request.body, { address: request.ip });
        const what = String(request.body.kind) === 'concern' ? 'concern' : 'idea';
        flash(
          reply,
          result.outcome === 'saved'
            ? `Your ${what} has been sent. Its reference is ${result.reference}.`
            : repeatMessage(result, what),
        );
        return reply.redirect('/have-your-say/thank-you', 303);
      } catch (error) {
        const { [honeypotField]: _trap, formToken: _token, _csrf, ...values } = request.body;
        return renderFormFailure(
          reply,
          error,
          'engagement/have-your-say.njk',
          () => formPage(request, values),
          ideaFields,
        );
      }
    },
  );

  app.get('/have-your-say/thank-you', { config: { access: 'public' } }, async (request, reply) =>
    reply.view('engagement/thank-you.njk', { title: 'Thank you for having your say' }),
  );

  app.get('/have-your-say/mine', { config: { access: 'workspace:view' } }, async (request, reply) =>
    reply.view('engagement/mine.njk', {
      title: 'What you have sent',
      ideas: await ideas.mine(request.actor!),
    }),
  );

  // ---- residents register to have their say

  const registerPage = (values: Body) => ({ title: 'Register to have your say', values });
  const registerContext = async (values: Body) => ({
    ...registerPage(values),
    wardItems: (await ideas.areaChoices()).wards.map((w) => ({ value: w.id, text: w.name })),
  });

  app.get('/register', { config: { access: 'public' } }, async (request, reply) => {
    if (request.actor) return reply.redirect('/have-your-say', 303);
    return reply.view('engagement/register.njk', await registerContext({}));
  });

  app.post<{ Body: Body }>(
    '/register',
    { config: { access: 'public', rateLimit: submissionLimit() } },
    async (request, reply) => {
      const { password: _p, confirmPassword: _c, _csrf, ...values } = request.body;
      try {
        const userId = await ideas.register(request.body);
        await request.session.regenerate();
        request.session.set('userId', userId);
        flash(
          reply,
          'You are registered and signed in. You can have your say and follow what happens to it.',
        );
        return reply.redirect('/have-your-say', 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'engagement/register.njk', () => registerContext(values), [
          { field: 'displayName', column: '', label: 'Your name' },
          { field: 'email', column: '', label: 'Email address' },
          { field: 'wardId', column: '', label: 'Ward' },
          { field: 'password', column: '', label: 'Password' },
          { field: 'confirmPassword', column: '', label: 'Confirm password' },
        ]);
      }
    },
  );

  // ---- "you said, we did"

  const cached = app.publicCache.routeHooks;

  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/you-said-we-did',
    { config: { access: 'public' }, ...cached },
    async (request, reply) => {
      const status = queryText(request.query.status, 40);
      const filters = {
        status: status && (publishedStatuses as readonly string[]).includes(status) ? status : undefined,
        ward: numberFilter(request.query.ward),
        priority: numberFilter(request.query.priority),
        page: numberFilter(request.query.page),
      };
      const page = await ideas.youSaidWeDid(filters);
      const query = (n: number) =>
        new URLSearchParams({
          ...(filters.status ? { status: filters.status } : {}),
          ...(filters.ward ? { ward: String(filters.ward) } : {}),
          ...(filters.priority ? { priority: String(filters.priority) } : {}),
          page: String(n),
        }).toString();
      return reply.view('engagement/you-said-we-did.njk', {
        title: 'You said, we did',
        ...page,
        filters,
        statusItems: publishedStatuses.map((s) => ({ value: s, text: ideaStatusNames[s] })),
        previous: page.page > 1 ? `/you-said-we-did?${query(page.page - 1)}` : null,
        next: page.more ? `/you-said-we-did?${query(page.page + 1)}` : null,
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/you-said-we-did/:id',
    { config: { access: 'public' }, ...cached },
    async (request, reply) => {
      const idea = await ideas.publicIdea(ideaIdOf(request.params.id));
      return reply.view('engagement/idea.njk', { title: `${idea.reference}: ${idea.summary}`, idea });
    },
  );
}
