import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorSummary } from '../../../platform/forms.ts';
import { flash, renderFormFailure } from '../../../platform/form-page.ts';
import { idParam } from '../../../platform/params.ts';
import type { ConsultationServices } from '../service.ts';

type Body = Record<string, unknown>;
type Params = { id: string };
type QuestionParams = { id: string; questionId: string };

/** The consultation's questions: one by one, or pasted as a numbered list and checked before saving. */
export function registerQuestionRoutes(app: FastifyInstance, consultations: ConsultationServices) {
  const sectionsOf = (questions: { section: string | null }[]) => [
    ...new Set(questions.map((q) => q.section).filter((s): s is string => s !== null)),
  ];

  const addPage = async (request: FastifyRequest<{ Params: Params }>, values: Body = {}) => {
    const page = await consultations.forManager(request.actor, idParam(request.params.id));
    return { title: 'Add a question', ...page, sections: sectionsOf(page.questions), values };
  };

  app.get<{ Params: Params }>(
    '/consultations/:id/questions/new',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const page = await addPage(request);
      const last = page.questions.at(-1);
      return reply.view('consultations/question-form.njk', {
        ...page,
        values: { section: last?.section ?? '' },
      });
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/consultations/:id/questions/new',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        await consultations.addQuestion(request.actor, id, request.body);
        flash(reply, 'The question has been added.');
        return reply.redirect(`/consultations/${id}#questions`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'consultations/question-form.njk', () =>
          addPage(request, request.body ?? {}),
        );
      }
    },
  );

  const editPage = async (request: FastifyRequest<{ Params: QuestionParams }>, values?: Body) => {
    const page = await consultations.questionFor(
      request.actor,
      idParam(request.params.id),
      idParam(request.params.questionId),
    );
    const q = page.question;
    return {
      title: `Change question ${q.number}`,
      ...page,
      sections: sectionsOf(page.questions),
      values: values ?? { number: q.number, section: q.section, text: q.text },
    };
  };

  app.get<{ Params: QuestionParams }>(
    '/consultations/:id/questions/:questionId/edit',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => reply.view('consultations/question-form.njk', await editPage(request)),
  );

  app.post<{ Params: QuestionParams; Body: Body }>(
    '/consultations/:id/questions/:questionId/edit',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      const questionId = idParam(request.params.questionId);
      try {
        await consultations.updateQuestion(request.actor, id, questionId, request.body);
        flash(reply, 'The question has been changed.');
        return reply.redirect(`/consultations/${id}#questions`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'consultations/question-form.njk', () =>
          editPage(request, request.body ?? {}),
        );
      }
    },
  );

  const removePage = async (request: FastifyRequest<{ Params: QuestionParams }>) => {
    const page = await consultations.questionFor(
      request.actor,
      idParam(request.params.id),
      idParam(request.params.questionId),
    );
    return { title: `Remove question ${page.question.number}`, ...page };
  };

  app.get<{ Params: QuestionParams }>(
    '/consultations/:id/questions/:questionId/remove',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => reply.view('consultations/question-remove.njk', await removePage(request)),
  );

  app.post<{ Params: QuestionParams }>(
    '/consultations/:id/questions/:questionId/remove',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        await consultations.removeQuestion(request.actor, id, idParam(request.params.questionId));
        flash(reply, 'The question has been removed.');
        return reply.redirect(`/consultations/${id}#questions`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'consultations/question-remove.njk', async () => ({
          ...(await removePage(request)),
          values: {},
        }));
      }
    },
  );

  app.get<{ Params: Params }>(
    '/consultations/:id/questions/paste',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const page = await consultations.forManager(request.actor, idParam(request.params.id));
      return reply.view('consultations/paste.njk', {
        title: 'Paste the consultation’s questions',
        ...page,
        values: {},
      });
    },
  );

  /** The first press shows what was read; saving needs a second press on that preview. */
  app.post<{ Params: Params; Body: Body }>(
    '/consultations/:id/questions/paste',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      const body = request.body ?? {};
      const page = await consultations.forManager(request.actor, id);
      const context = { title: 'Paste the consultation’s questions', ...page, values: body };
      try {
        if (body.confirm === 'yes') {
          const { saved, preview } = await consultations.savePasted(request.actor, id, body);
          if (saved > 0) {
            flash(reply, `${saved} question${saved === 1 ? ' has' : 's have'} been added.`);
            return reply.redirect(`/consultations/${id}#questions`, 303);
          }
          const errors = { pasted: 'Put right the problems listed below, then check the questions again' };
          return reply.code(400).view('consultations/paste.njk', {
            ...context,
            preview,
            errors,
            errorList: errorSummary(errors),
          });
        }
        const preview = await consultations.previewPasted(request.actor, id, body);
        return reply.view('consultations/paste.njk', { ...context, preview });
      } catch (error) {
        return renderFormFailure(reply, error, 'consultations/paste.njk', context);
      }
    },
  );
}
