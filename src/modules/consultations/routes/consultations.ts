import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../domain/permissions.ts';
import { inLondon } from '../../../domain/london-time.ts';
import { ValidationError } from '../../../platform/errors.ts';
import { errorSummary } from '../../../platform/forms.ts';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import { idParam } from '../../../platform/params.ts';
import { todayIso } from '../../../platform/time.ts';
import { endOfDay } from '../forms.ts';
import type { ConsultationServices } from '../service.ts';

type Body = Record<string, unknown>;
type Params = { id: string };

const detailFields: ConflictField[] = [
  { field: 'partnershipId', column: '', label: 'Partnership' },
  { field: 'title', column: 'title', label: 'Title' },
  { field: 'issuingBody', column: 'issuing_body', label: 'Issued by' },
  { field: 'url', column: 'url', label: 'Link' },
  { field: 'closesOn', column: 'closes_on', label: 'Closes on' },
  { field: 'viewsDueOn', column: '', label: 'Views due on' },
  { field: 'viewsDueTime', column: '', label: 'Views due at' },
  { field: 'description', column: 'description', label: 'Description' },
];

/** A deadline instant as the form shows it: its London date, and its time unless it is the end of the day. */
export function deadlineFields(instant: string | null): { date: string; time: string } {
  if (!instant) return { date: '', time: '' };
  const { date, time } = inLondon(instant);
  return { date, time: time === endOfDay ? '' : time };
}

/** Shows a page again with a problem in its error summary (a button that could not do its work). */
export function renderProblem(
  reply: FastifyReply,
  error: unknown,
  template: string,
  context: () => Promise<Record<string, unknown>>,
) {
  if (!(error instanceof ValidationError)) throw error;
  return context().then((page) =>
    reply
      .code(400)
      .view(template, { ...page, errors: error.fieldErrors, errorList: errorSummary(error.fieldErrors) }),
  );
}

/** The list, the consultation's page, setting it up and its details, the organisations asked, closing and sending. */
export function registerConsultationRoutes(app: FastifyInstance, consultations: ConsultationServices) {
  const cached = app.publicCache.routeHooks;

  // Not kept in the public cache: a response joins the public list when its deadline passes, with no write to mark it.
  app.get('/consultations', { config: { access: 'public' } }, async (request, reply) =>
    reply.view('consultations/list.njk', {
      title: 'Consultation responses',
      consultations: await consultations.list(request.actor),
      mayAdd: can(request.actor, 'consultations:manage'),
    }),
  );

  const formPage = async (
    request: FastifyRequest,
    title: string,
    extra: Record<string, unknown> & { values: Body },
  ) => ({
    title,
    partnerships: await consultations.partnershipChoices(request.actor),
    ...extra,
  });

  app.get('/consultations/new', { config: { access: 'consultations:manage' } }, async (request, reply) =>
    reply.view(
      'consultations/consultation-form.njk',
      await formPage(request, 'Respond to a consultation', { values: { viewsDueTime: '17:00' } }),
    ),
  );

  app.post<{ Body: Body }>(
    '/consultations/new',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      try {
        const { id } = await consultations.create(request.actor, request.body);
        flash(reply, 'The consultation has been set up. Now add its questions.');
        return reply.redirect(`/consultations/${id}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'consultations/consultation-form.njk',
          () => formPage(request, 'Respond to a consultation', { values: request.body ?? {} }),
          detailFields,
        );
      }
    },
  );

  const showPage = async (
    request: FastifyRequest<{ Params: Params }>,
    extra: Record<string, unknown> = {},
  ) => {
    const page = await consultations.page(request.actor, idParam(request.params.id));
    return { title: page.consultation.title, ...page, ...extra };
  };

  app.get<{ Params: Params }>(
    '/consultations/:id',
    { config: { access: 'public' }, ...cached },
    async (request, reply) => reply.view('consultations/consultation.njk', await showPage(request)),
  );

  app.get<{ Params: Params }>(
    '/consultations/:id/edit',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const { consultation: c } = await consultations.forManager(request.actor, idParam(request.params.id));
      const due = deadlineFields(c.views_due_at);
      return reply.view('consultations/consultation-form.njk', {
        title: `Change “${c.title}”`,
        consultation: c,
        values: {
          title: c.title,
          issuingBody: c.issuing_body,
          url: c.url,
          description: c.description,
          closesOn: c.closes_on,
          viewsDueOn: due.date,
          viewsDueTime: due.time,
          version: c.version,
        },
      });
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/consultations/:id/edit',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const { consultation: c } = await consultations.forManager(request.actor, idParam(request.params.id));
      try {
        await consultations.update(request.actor, c.id, request.body);
        flash(reply, 'Your changes have been saved.');
        return reply.redirect(`/consultations/${c.id}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'consultations/consultation-form.njk',
          { title: `Change “${c.title}”`, consultation: c, values: request.body ?? {} },
          detailFields,
        );
      }
    },
  );

  const organisationsPage = async (request: FastifyRequest<{ Params: Params }>, values?: Body) => {
    const page = await consultations.organisationChoices(request.actor, idParam(request.params.id));
    return {
      title: 'Organisations asked for their views',
      ...page,
      values: values ?? { organisationIds: page.chosen },
    };
  };

  app.get<{ Params: Params }>(
    '/consultations/:id/organisations',
    { config: { access: 'consultations:manage' } },
    async (request, reply) =>
      reply.view('consultations/organisations-form.njk', await organisationsPage(request)),
  );

  app.post<{ Params: Params; Body: Body }>(
    '/consultations/:id/organisations',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        const { changed } = await consultations.setOrganisations(request.actor, id, request.body);
        flash(
          reply,
          changed ? 'The organisations asked for their views have been saved.' : 'Nothing has changed.',
        );
        return reply.redirect(`/consultations/${id}`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'consultations/organisations-form.njk', () =>
          organisationsPage(request, request.body ?? {}),
        );
      }
    },
  );

  app.post<{ Params: Params }>(
    '/consultations/:id/close',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        await consultations.closeEarly(request.actor, id);
        flash(reply, 'Endorsement has closed: the collective response is final.');
        return reply.redirect(`/consultations/${id}`, 303);
      } catch (error) {
        return renderProblem(reply, error, 'consultations/consultation.njk', () => showPage(request));
      }
    },
  );

  const submittedPage = async (request: FastifyRequest<{ Params: Params }>, values?: Body) => {
    const page = await consultations.submittedFormFor(request.actor, idParam(request.params.id));
    const c = page.consultation;
    return {
      title: `Record the response as sent to ${c.issuing_body}`,
      ...page,
      values: values ?? {
        submittedOn: c.submitted_on ?? todayIso(),
        note: c.submission_note,
        version: c.version,
      },
    };
  };

  app.get<{ Params: Params }>(
    '/consultations/:id/submitted',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => reply.view('consultations/submitted-form.njk', await submittedPage(request)),
  );

  app.post<{ Params: Params; Body: Body }>(
    '/consultations/:id/submitted',
    { config: { access: 'consultations:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        await consultations.markSubmitted(request.actor, id, request.body);
        flash(reply, 'The response is recorded as sent.');
        return reply.redirect(`/consultations/${id}`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'consultations/submitted-form.njk', () =>
          submittedPage(request, request.body ?? {}),
        );
      }
    },
  );

  app.get<{ Params: Params }>(
    '/consultations/:id/history',
    { config: { access: 'consultations:respond' } },
    async (request, reply) => {
      const page = await consultations.history(request.actor, idParam(request.params.id));
      return reply.view('consultations/history.njk', {
        title: `History of “${page.consultation.title}”`,
        ...page,
      });
    },
  );
}
