import type { FastifyInstance, FastifyRequest } from 'fastify';
import { silenceRuleNames } from '../../../domain/composite-response.ts';
import { optionsFrom } from '../../../domain/vocabulary.ts';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import { idParam } from '../../../platform/params.ts';
import { silenceRules } from '../forms.ts';
import type { ConsultationServices } from '../service.ts';
import { deadlineFields } from './consultations.ts';

type Body = Record<string, unknown>;
type Params = { id: string };
type QuestionParams = { id: string; questionId: string };
type StatementParams = { id: string; statementId: string };

const statementFields: ConflictField[] = [
  { field: 'text', column: 'text', label: 'Statement' },
  { field: 'viewIds', column: '', label: 'Views it draws on' },
];

/** Mail that could not be sent, in words for the flash message. */
function mailNote(told: { sent: number; failed: number }): string {
  const sent = told.sent
    ? ` ${told.sent} ${told.sent === 1 ? 'person has' : 'people have'} been told by e-mail.`
    : '';
  const failed = told.failed
    ? ` ${told.failed} message${told.failed === 1 ? '' : 's'} could not be sent: tell those partners another way.`
    : '';
  return sent + failed;
}

/** The secretariat's part: the composite draft traced to the views, its circulation and deadline. */
export function registerDraftingRoutes(app: FastifyInstance, consultations: ConsultationServices) {
  const silenceOptions = optionsFrom(silenceRules, silenceRuleNames);

  app.get<{ Params: Params }>(
    '/consultations/:id/draft',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const page = await consultations.draftPage(request.actor, idParam(request.params.id));
      return reply.view('consultations/draft.njk', {
        title: `Draft response: ${page.consultation.title}`,
        ...page,
      });
    },
  );

  const newStatementPage = async (request: FastifyRequest<{ Params: QuestionParams }>, values: Body) => {
    const page = await consultations.statementContext(
      request.actor,
      idParam(request.params.id),
      idParam(request.params.questionId),
    );
    return { title: `Draft a statement for question ${page.question.number}`, ...page, values };
  };

  app.get<{ Params: QuestionParams }>(
    '/consultations/:id/questions/:questionId/statements/new',
    { config: { access: 'consultations:manage' } },
    async (request, reply) =>
      reply.view('consultations/statement-form.njk', await newStatementPage(request, {})),
  );

  app.post<{ Params: QuestionParams; Body: Body }>(
    '/consultations/:id/questions/:questionId/statements/new',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        const { told } = await consultations.addStatement(
          request.actor,
          id,
          idParam(request.params.questionId),
          request.body,
        );
        flash(reply, `The statement has been added to the draft.${mailNote(told)}`);
        return reply.redirect(`/consultations/${id}/draft#question-${request.params.questionId}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'consultations/statement-form.njk',
          () => newStatementPage(request, request.body ?? {}),
          statementFields,
        );
      }
    },
  );

  const editStatementPage = async (request: FastifyRequest<{ Params: StatementParams }>, values?: Body) => {
    const page = await consultations.statementFor(
      request.actor,
      idParam(request.params.id),
      idParam(request.params.statementId),
    );
    return {
      title: `Change a statement for question ${page.question.number}`,
      ...page,
      values: values ?? {
        text: page.statement.text,
        viewIds: page.chosenViews,
        version: page.statement.version,
      },
    };
  };

  app.get<{ Params: StatementParams }>(
    '/consultations/:id/statements/:statementId/edit',
    { config: { access: 'consultations:manage' } },
    async (request, reply) =>
      reply.view('consultations/statement-form.njk', await editStatementPage(request)),
  );

  app.post<{ Params: StatementParams; Body: Body }>(
    '/consultations/:id/statements/:statementId/edit',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      const statementId = idParam(request.params.statementId);
      try {
        const result = await consultations.updateStatement(request.actor, id, statementId, request.body);
        flash(
          reply,
          result.revised
            ? `The statement has been reworded. ${result.organisationsTold} organisation${result.organisationsTold === 1 ? '' : 's'} that had answered on it must answer again.${mailNote(result.told)}`
            : 'Your changes have been saved.',
        );
        return reply.redirect(`/consultations/${id}/draft`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'consultations/statement-form.njk',
          () => editStatementPage(request, request.body ?? {}),
          statementFields,
        );
      }
    },
  );

  const removeStatementPage = async (request: FastifyRequest<{ Params: StatementParams }>) => {
    const page = await consultations.statementFor(
      request.actor,
      idParam(request.params.id),
      idParam(request.params.statementId),
    );
    return { title: `Remove a statement for question ${page.question.number}`, ...page, values: {} };
  };

  app.get<{ Params: StatementParams }>(
    '/consultations/:id/statements/:statementId/remove',
    { config: { access: 'consultations:manage' } },
    async (request, reply) =>
      reply.view('consultations/statement-remove.njk', await removeStatementPage(request)),
  );

  app.post<{ Params: StatementParams }>(
    '/consultations/:id/statements/:statementId/remove',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        const { withdrawn } = await consultations.removeStatement(
          request.actor,
          id,
          idParam(request.params.statementId),
        );
        flash(
          reply,
          withdrawn
            ? 'The statement has been withdrawn from the draft. Partners had answered on it, so it stays on the internal record.'
            : 'The statement has been removed.',
        );
        return reply.redirect(`/consultations/${id}/draft`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'consultations/statement-remove.njk', () =>
          removeStatementPage(request),
        );
      }
    },
  );

  const circulatePage = async (request: FastifyRequest<{ Params: Params }>, values?: Body) => {
    const page = await consultations.circulationForm(request.actor, idParam(request.params.id));
    return {
      title: 'Circulate the draft for endorsement',
      ...page,
      silenceOptions,
      values: values ?? { silenceRule: 'endorse', deadlineTime: '17:00' },
    };
  };

  app.get<{ Params: Params }>(
    '/consultations/:id/circulate',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const page = await circulatePage(request);
      if (page.consultation.circulated_at)
        return reply.redirect(`/consultations/${page.consultation.id}/deadline`, 303);
      return reply.view('consultations/circulate-form.njk', page);
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/consultations/:id/circulate',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        const told = await consultations.circulate(request.actor, id, request.body);
        flash(reply, `The draft has been circulated for endorsement.${mailNote(told)}`);
        return reply.redirect(`/consultations/${id}`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'consultations/circulate-form.njk', () =>
          circulatePage(request, request.body ?? {}),
        );
      }
    },
  );

  const deadlinePage = async (request: FastifyRequest<{ Params: Params }>, values?: Body) => {
    const page = await consultations.circulationForm(request.actor, idParam(request.params.id));
    const c = page.consultation;
    const current = deadlineFields(c.endorsement_deadline);
    return {
      title: 'Change the endorsement deadline',
      ...page,
      silenceOptions,
      changing: true,
      values: values ?? {
        deadlineOn: current.date,
        deadlineTime: current.time,
        silenceRule: c.silence_rule,
        version: c.version,
      },
    };
  };

  app.get<{ Params: Params }>(
    '/consultations/:id/deadline',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const page = await deadlinePage(request);
      if (!page.consultation.circulated_at)
        return reply.redirect(`/consultations/${page.consultation.id}/circulate`, 303);
      return reply.view('consultations/circulate-form.njk', page);
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/consultations/:id/deadline',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        const told = await consultations.changeDeadline(request.actor, id, request.body);
        flash(reply, `The endorsement deadline has been changed.${mailNote(told)}`);
        return reply.redirect(`/consultations/${id}`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'consultations/circulate-form.njk', () =>
          deadlinePage(request, request.body ?? {}),
        );
      }
    },
  );
}
