import type { FastifyInstance, FastifyRequest } from 'fastify';
import { flash, renderFormFailure } from '../../../platform/form-page.ts';
import { idParam } from '../../../platform/params.ts';
import { apologyAnswers } from '../apologies.ts';

type MeetingParams = { Params: { id: string } };

/** A member's own apologies for a meeting, before it starts; and reminders sent after publishing. */
export function registerApologyRoutes(app: FastifyInstance) {
  const apologies = app.services.apologies;
  const answerOptions = Object.entries(apologyAnswers).map(([value, text]) => ({ value, text }));

  const page = async (request: FastifyRequest, id: number, values?: Record<string, unknown>) => {
    const context = await apologies.formContext(request.actor, id);
    return {
      title: 'Send apologies',
      ...context,
      answerOptions: context.current ? answerOptions : answerOptions.filter((o) => o.value !== 'coming'),
      values: values ?? context.current ?? {},
    };
  };

  app.get<MeetingParams>(
    '/meetings/:id/apologies',
    { config: { access: 'meetings:take-part' } },
    async (request, reply) =>
      reply.view('meetings/apologies-form.njk', await page(request, idParam(request.params.id))),
  );

  app.post<MeetingParams & { Body: Record<string, unknown> }>(
    '/meetings/:id/apologies',
    { config: { access: 'meetings:take-part' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        const sent = await apologies.send(request.actor, id, request.body);
        flash(
          reply,
          sent.answer === 'coming'
            ? 'Your apologies have been withdrawn: you are expected at the meeting.'
            : sent.substitute
              ? `Your apologies have been sent: ${sent.substitute} will come in your place.`
              : 'Your apologies have been sent.',
        );
        return reply.redirect(`/meetings/${id}`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'meetings/apologies-form.njk', () =>
          page(request, id, request.body),
        );
      }
    },
  );
}
