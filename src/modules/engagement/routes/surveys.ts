import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../../domain/permissions.ts';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import { queryText } from '../../../platform/forms.ts';
import { sendCsv, toCsv } from '../../../platform/csv.ts';
import { idParam } from '../../../platform/params.ts';
import { todayIso } from '../../../platform/time.ts';
import { formatDate } from '../../../platform/time.ts';
import type { EngagementServices } from '../index.ts';
import {
  longestText,
  questionKindNames,
  questionKinds,
  ratingScale,
  ratingWords,
  surveyStatusNames,
  surveyStatuses,
} from '../forms.ts';
import { honeypotField } from '../form-guard.ts';
import { breakdownNames, breakdowns, type Breakdown } from '../surveys-service.ts';
import { submissionLimit } from './flood.ts';
import { equalityForm } from './have-your-say.ts';

type Body = Record<string, unknown>;
type Params = { slug: string };
type QuestionParams = { slug: string; questionId: string };

const surveyFields: ConflictField[] = [
  { field: 'title', column: 'title', label: 'Title' },
  { field: 'description', column: 'description', label: 'Introduction' },
  { field: 'partnershipId', column: 'partnership_id', label: 'Partnership', choices: 'partnershipChoices' },
  { field: 'opensOn', column: 'opens_on', label: 'Opens on' },
  { field: 'closesOn', column: 'closes_on', label: 'Closes on' },
  { field: 'status', column: 'status', label: 'Status', names: surveyStatusNames },
  { field: 'resultsWhileOpen', column: 'results_while_open', label: 'Results while open', flag: true },
];

const questionFields: ConflictField[] = [
  { field: 'kind', column: 'kind', label: 'Kind of question', names: questionKindNames },
  { field: 'prompt', column: 'prompt', label: 'Question' },
  { field: 'hint', column: 'hint', label: 'Hint' },
  { field: 'required', column: 'required', label: 'Must be answered', flag: true },
  {
    field: 'options',
    column: 'options',
    label: 'Answers to choose from',
    saved: (value) => (JSON.parse(String(value ?? '[]')) as string[]).join('\n'),
  },
];

/** Surveys: the public list, answering one, its results; running them (questions, dates, the CSV of responses). */
export function registerSurveyRoutes(app: FastifyInstance, services: EngagementServices) {
  const surveys = services.surveys;
  const cached = app.publicCache.routeHooks;

  app.get('/surveys', { config: { access: 'public' }, ...cached }, async (request, reply) =>
    reply.view('engagement/surveys.njk', {
      title: 'Surveys',
      surveys: await surveys.list(request.actor, todayIso()),
      mayCreate: can(request.actor, 'surveys:manage'),
    }),
  );

  // ---- running surveys

  const editPage = async (request: FastifyRequest, title: string, values: Body, extra: Body = {}) => {
    const context = await surveys.editContext(request.actor);
    return {
      title,
      ...context,
      partnershipChoices: context.partnershipItems.map((p) => ({ id: p.value, name: p.text })),
      statusItems: surveyStatuses.map((s) => ({ value: s, text: surveyStatusNames[s] })),
      values,
      ...extra,
    };
  };

  app.get('/surveys/new', { config: { access: 'surveys:manage' } }, async (request, reply) =>
    reply.view(
      'engagement/survey-form.njk',
      await editPage(request, 'Start a survey', { status: 'draft', opensOn: todayIso() }),
    ),
  );

  app.post<{ Body: Body }>(
    '/surveys/new',
    { config: { access: 'surveys:manage' } },
    async (request, reply) => {
      try {
        const slug = await surveys.create(request.actor, request.body);
        flash(reply, 'The survey is saved. Now add its questions.');
        return reply.redirect(`/surveys/${slug}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'engagement/survey-form.njk',
          () => editPage(request, 'Start a survey', request.body),
          surveyFields,
        );
      }
    },
  );

  app.get<{ Params: Params }>(
    '/surveys/:slug/edit',
    { config: { access: 'surveys:manage' } },
    async (request, reply) => {
      const survey = await surveys.managed(request.actor, request.params.slug);
      return reply.view(
        'engagement/survey-form.njk',
        await editPage(
          request,
          `Change the survey: ${survey.title}`,
          {
            version: survey.version,
            title: survey.title,
            description: survey.description ?? '',
            partnershipId: survey.partnership_id,
            opensOn: survey.opens_on,
            closesOn: survey.closes_on,
            status: survey.status,
            resultsWhileOpen: survey.results_while_open ? 'yes' : '',
          },
          { survey, history: await surveys.history(request.actor, survey.slug) },
        ),
      );
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/surveys/:slug/edit',
    { config: { access: 'surveys:manage' } },
    async (request, reply) => {
      const survey = await surveys.managed(request.actor, request.params.slug);
      try {
        await surveys.update(request.actor, survey.slug, request.body);
        flash(reply, 'The survey is saved.');
        return reply.redirect(`/surveys/${survey.slug}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'engagement/survey-form.njk',
          async () =>
            editPage(request, `Change the survey: ${survey.title}`, request.body, {
              survey,
              history: await surveys.history(request.actor, survey.slug),
            }),
          surveyFields,
        );
      }
    },
  );

  const questionPage = (title: string, values: Body, extra: Body = {}) => ({
    title,
    kindItems: questionKinds.map((k) => ({ value: k, text: questionKindNames[k] })),
    values,
    ...extra,
  });

  app.get<{ Params: Params }>(
    '/surveys/:slug/questions/new',
    { config: { access: 'surveys:manage' } },
    async (request, reply) => {
      const survey = await surveys.managed(request.actor, request.params.slug);
      return reply.view(
        'engagement/question-form.njk',
        questionPage(
          'Add a question',
          { kind: 'single' },
          { survey, action: `/surveys/${survey.slug}/questions/new` },
        ),
      );
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/surveys/:slug/questions/new',
    { config: { access: 'surveys:manage' } },
    async (request, reply) => {
      const survey = await surveys.managed(request.actor, request.params.slug);
      try {
        await surveys.addQuestion(request.actor, survey.slug, request.body);
        flash(reply, 'The question is added.');
        return reply.redirect(`/surveys/${survey.slug}#questions`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'engagement/question-form.njk',
          questionPage('Add a question', request.body, {
            survey,
            action: `/surveys/${survey.slug}/questions/new`,
          }),
          questionFields,
        );
      }
    },
  );

  app.get<{ Params: QuestionParams }>(
    '/surveys/:slug/questions/:questionId/edit',
    { config: { access: 'surveys:manage' } },
    async (request, reply) => {
      const { survey, question } = await surveys.managedQuestion(
        request.actor,
        request.params.slug,
        idParam(request.params.questionId),
      );
      return reply.view(
        'engagement/question-form.njk',
        questionPage(
          `Change question ${question.number}`,
          {
            version: question.version,
            kind: question.kind,
            prompt: question.prompt,
            hint: question.hint ?? '',
            required: question.required ? 'yes' : '',
            options: question.options.join('\n'),
          },
          { survey, question, action: `/surveys/${survey.slug}/questions/${question.id}/edit` },
        ),
      );
    },
  );

  app.post<{ Params: QuestionParams; Body: Body }>(
    '/surveys/:slug/questions/:questionId/edit',
    { config: { access: 'surveys:manage' } },
    async (request, reply) => {
      const { survey, question } = await surveys.managedQuestion(
        request.actor,
        request.params.slug,
        idParam(request.params.questionId),
      );
      try {
        await surveys.updateQuestion(request.actor, survey.slug, question.id, request.body);
        flash(reply, `Question ${question.number} is saved.`);
        return reply.redirect(`/surveys/${survey.slug}#questions`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'engagement/question-form.njk',
          questionPage(`Change question ${question.number}`, request.body, {
            survey,
            question,
            action: `/surveys/${survey.slug}/questions/${question.id}/edit`,
          }),
          questionFields,
        );
      }
    },
  );

  app.get<{ Params: QuestionParams }>(
    '/surveys/:slug/questions/:questionId/remove',
    { config: { access: 'surveys:manage' } },
    async (request, reply) => {
      const found = await surveys.managedQuestion(
        request.actor,
        request.params.slug,
        idParam(request.params.questionId),
      );
      return reply.view('engagement/question-remove.njk', {
        title: `Remove question ${found.question.number}`,
        ...found,
        values: {},
      });
    },
  );

  app.post<{ Params: QuestionParams }>(
    '/surveys/:slug/questions/:questionId/remove',
    { config: { access: 'surveys:manage' } },
    async (request, reply) => {
      const found = await surveys.managedQuestion(
        request.actor,
        request.params.slug,
        idParam(request.params.questionId),
      );
      try {
        await surveys.removeQuestion(request.actor, found.survey.slug, found.question.id);
        flash(reply, `Question ${found.question.number} is removed.`);
        return reply.redirect(`/surveys/${found.survey.slug}#questions`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'engagement/question-remove.njk', {
          title: `Remove question ${found.question.number}`,
          ...found,
          values: {},
        });
      }
    },
  );

  app.get<{ Params: Params }>(
    '/surveys/:slug/responses.csv',
    { config: { access: 'surveys:manage' } },
    async (request, reply) => {
      const { survey, columns, responses } = await surveys.csvRows(request.actor, request.params.slug);
      return sendCsv(reply, `${survey.slug}-responses.csv`, toCsv(columns, responses));
    },
  );

  // ---- answering a survey, and its results

  const surveyPage = async (request: FastifyRequest, slug: string, values: Body) => {
    const context = await surveys.formContext(request.actor, slug, todayIso());
    return {
      title: context.survey.title,
      ...context,
      equalityForm,
      honeypotField,
      longestText,
      ratingItems: ratingScale.map((r) => ({ value: String(r), text: ratingWords[r] })),
      values: { areaId: context.residentWardId ?? '', ...values, formToken: context.formToken },
    };
  };

  app.get<{ Params: Params }>('/surveys/:slug', { config: { access: 'public' } }, async (request, reply) =>
    reply.view('engagement/survey.njk', await surveyPage(request, request.params.slug, {})),
  );

  app.post<{ Params: Params; Body: Body }>(
    '/surveys/:slug',
    { config: { access: 'public', rateLimit: submissionLimit() } },
    async (request, reply) => {
      try {
        const result = await surveys.respond(request.actor, request.params.slug, request.body, {
          address: request.ip,
          today: todayIso(),
        });
        flash(
          reply,
          result.outcome === 'saved'
            ? 'Thank you: your answers have been sent.'
            : result.outcome === 'same-form'
              ? 'These answers had already been sent (perhaps the button was pressed twice), so we have kept one copy. Nothing has been lost or counted twice.'
              : `You answered this survey on ${formatDate(result.submittedAt)}. We have kept those answers: each person answers once.`,
        );
        return reply.redirect(`/surveys/${request.params.slug}/thank-you`, 303);
      } catch (error) {
        const { [honeypotField]: _trap, formToken: _token, _csrf, ...values } = request.body;
        return renderFormFailure(reply, error, 'engagement/survey.njk', () =>
          surveyPage(request, request.params.slug, values),
        );
      }
    },
  );

  app.get<{ Params: Params }>(
    '/surveys/:slug/thank-you',
    { config: { access: 'public' } },
    async (request, reply) => {
      const shown = await surveys.page(request.actor, request.params.slug, todayIso());
      return reply.view('engagement/survey-thank-you.njk', { title: 'Thank you for answering', ...shown });
    },
  );

  app.get<{ Params: Params; Querystring: { by?: string } }>(
    '/surveys/:slug/results',
    { config: { access: 'public' }, ...cached },
    async (request, reply) => {
      const by = queryText(request.query.by, 20);
      const breakdown = by && (breakdowns as readonly string[]).includes(by) ? (by as Breakdown) : null;
      const results = await surveys.results(request.actor, request.params.slug, todayIso(), breakdown);
      return reply.view('engagement/survey-results.njk', {
        title: `Results: ${results.survey.title}`,
        ...results,
        breakdownItems: breakdowns.map((b) => ({ value: b, text: breakdownNames[b] })),
      });
    },
  );
}
