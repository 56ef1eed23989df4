import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../platform/errors.ts';
import { errorSummary } from '../../../platform/forms.ts';
import { flash, renderFormFailure } from '../../../platform/form-page.ts';
import { idParam } from '../../../platform/params.ts';
import type { ConsultationServices } from '../service.ts';
import { renderProblem } from './consultations.ts';

type Body = Record<string, unknown>;
type Params = { id: string };
type OrganisationParams = { id: string; slug: string };

/** Partners' part: views on the questions and answers on the draft; the secretariat's view of who has responded and its reminders. */
export function registerRespondingRoutes(app: FastifyInstance, consultations: ConsultationServices) {
  const viewsPage = async (request: FastifyRequest<{ Params: Params }>, values?: Body) => {
    const page = await consultations.viewsPage(request.actor, idParam(request.params.id));
    return {
      title: `Partners’ views: ${page.consultation.title}`,
      ...page,
      values: values ?? {
        organisationIds: page.progress.outstanding.map((o) => o.id),
      },
    };
  };

  app.get<{ Params: Params }>(
    '/consultations/:id/views',
    { config: { access: 'consultations:respond' } },
    async (request, reply) => reply.view('consultations/views.njk', await viewsPage(request)),
  );

  app.post<{ Params: Params; Body: Body }>(
    '/consultations/:id/reminders',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        const result = await consultations.sendReminders(request.actor, id, request.body);
        const parts = [
          result.reminded.length
            ? `Reminders sent to ${result.people} ${result.people === 1 ? 'person' : 'people'} at ${result.reminded.join(', ')}.`
            : 'No reminders were sent.',
          result.nobody.length
            ? `Nobody at ${result.nobody.join(', ')} has an e-mail address in the registry: contact them another way.`
            : '',
          result.failed
            ? `${result.failed} message${result.failed === 1 ? '' : 's'} could not be sent: try again later.`
            : '',
        ];
        flash(reply, parts.filter(Boolean).join(' '));
        const back = String((request.body ?? {}).back ?? '') === 'record' ? 'record' : 'views';
        return reply.redirect(`/consultations/${id}/${back}`, 303);
      } catch (error) {
        if (String((request.body ?? {}).back ?? '') === 'record')
          return renderProblem(reply, error, 'consultations/record.njk', async () => ({
            title: 'Internal record',
            ...(await consultations.recordPage(request.actor, id)),
            values: request.body ?? {},
          }));
        return renderFormFailure(reply, error, 'consultations/views.njk', () =>
          viewsPage(request, request.body ?? {}),
        );
      }
    },
  );

  const viewsFormPage = async (request: FastifyRequest<{ Params: OrganisationParams }>, values?: Body) => {
    const page = await consultations.viewsForm(
      request.actor,
      idParam(request.params.id),
      request.params.slug,
    );
    return {
      title: `Views of ${page.organisation.name}`,
      ...page,
      values: values ?? page.values,
    };
  };

  app.get<{ Params: OrganisationParams }>(
    '/consultations/:id/organisations/:slug/views',
    { config: { access: 'consultations:respond' } },
    async (request, reply) => reply.view('consultations/views-form.njk', await viewsFormPage(request)),
  );

  app.post<{ Params: OrganisationParams; Body: Body }>(
    '/consultations/:id/organisations/:slug/views',
    { config: { access: 'consultations:respond' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        const { saved } = await consultations.saveViews(
          request.actor,
          id,
          request.params.slug,
          request.body ?? {},
        );
        flash(
          reply,
          saved
            ? `Your organisation’s views on ${saved} question${saved === 1 ? ' have' : 's have'} been saved. You can change them until views close.`
            : 'Nothing has changed, so nothing was saved.',
        );
        return reply.redirect(`/consultations/${id}`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'consultations/views-form.njk', () =>
          viewsFormPage(request, request.body ?? {}),
        );
      }
    },
  );

  const endorsementPage = async (request: FastifyRequest<{ Params: OrganisationParams }>, values?: Body) => {
    const page = await consultations.endorsementForm(
      request.actor,
      idParam(request.params.id),
      request.params.slug,
    );
    return {
      title: `Answer on the draft for ${page.organisation.name}`,
      ...page,
      values: values ?? page.values,
    };
  };

  app.get<{ Params: OrganisationParams }>(
    '/consultations/:id/organisations/:slug/endorsements',
    { config: { access: 'consultations:respond' } },
    async (request, reply) => reply.view('consultations/endorse-form.njk', await endorsementPage(request)),
  );

  app.post<{ Params: OrganisationParams; Body: Body }>(
    '/consultations/:id/organisations/:slug/endorsements',
    { config: { access: 'consultations:respond' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        const { saved, late } = await consultations.saveEndorsements(
          request.actor,
          id,
          request.params.slug,
          request.body ?? {},
        );
        flash(
          reply,
          !saved
            ? 'Nothing has changed, so nothing was saved.'
            : late
              ? `Your answers on ${saved} statement${saved === 1 ? ' have' : 's have'} been recorded. The deadline had passed, so they are in your organisation’s own response but do not change the collective response.`
              : `Your answers on ${saved} statement${saved === 1 ? ' have' : 's have'} been recorded. You can change them until the deadline.`,
        );
        return reply.redirect(`/consultations/${id}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        // A statement reworded since the page was opened: its answer is cleared, so the new words must be read and answered.
        const values = { ...(request.body ?? {}) };
        for (const statementId of (error as ValidationError & { stale?: number[] }).stale ?? [])
          delete values[`stance-${statementId}`];
        const page = await endorsementPage(request, values);
        return reply.code(400).view('consultations/endorse-form.njk', {
          ...page,
          errors: error.fieldErrors,
          errorList: errorSummary(error.fieldErrors),
        });
      }
    },
  );
}
