import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFoundError } from '../../../platform/errors.ts';
import { idParam } from '../../../platform/params.ts';
import { responseDocx, responsePdf, type ResponseDocument } from '../documents.ts';
import type { ConsultationServices } from '../service.ts';

type Params = { id: string };
type OrganisationParams = { id: string; slug: string };

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function sendDocument(
  reply: FastifyReply,
  document: ResponseDocument | null,
  format: 'docx' | 'pdf',
  filename: string,
) {
  if (!document) throw new NotFoundError('response');
  const body = format === 'docx' ? await responseDocx(document) : await responsePdf(document);
  return reply
    .type(format === 'docx' ? docxType : 'application/pdf')
    .header('content-disposition', `attachment; filename="${filename}.${format}"`)
    .send(body);
}

/** The collective response (public once final), the internal record, and each organisation's own response. */
export function registerOutputRoutes(app: FastifyInstance, consultations: ConsultationServices) {
  const cached = app.publicCache.routeHooks;

  app.get<{ Params: Params }>(
    '/consultations/:id/response',
    { config: { access: 'public' }, ...cached },
    async (request, reply) => {
      const page = await consultations.collectiveResponse(request.actor, idParam(request.params.id));
      return reply.view('consultations/response.njk', {
        title: page.document?.title ?? `Response to “${page.consultation.title}”`,
        ...page,
      });
    },
  );

  for (const format of ['docx', 'pdf'] as const)
    app.get<{ Params: Params }>(
      `/consultations/:id/response.${format}`,
      { config: { access: 'public' }, ...cached },
      async (request, reply) => {
        const page = await consultations.collectiveResponse(request.actor, idParam(request.params.id));
        return sendDocument(
          reply,
          page.document,
          format,
          `consultation-${page.consultation.id}-collective-response`,
        );
      },
    );

  app.get<{ Params: Params }>(
    '/consultations/:id/record',
    { config: { access: 'consultations:respond' } },
    async (request, reply) => {
      const page = await consultations.recordPage(request.actor, idParam(request.params.id));
      return reply.view('consultations/record.njk', {
        title: `Internal record: ${page.consultation.title}`,
        ...page,
        values: { organisationIds: page.resolution?.awaitingOrganisations ?? [] },
      });
    },
  );

  app.get<{ Params: OrganisationParams }>(
    '/consultations/:id/organisations/:slug/response',
    { config: { access: 'consultations:respond' } },
    async (request, reply) => {
      const page = await consultations.ownResponse(
        request.actor,
        idParam(request.params.id),
        request.params.slug,
      );
      return reply.view('consultations/own-response.njk', {
        title: page.document?.title ?? `Response of ${page.organisation.name}`,
        ...page,
      });
    },
  );

  for (const format of ['docx', 'pdf'] as const)
    app.get<{ Params: OrganisationParams }>(
      `/consultations/:id/organisations/:slug/response.${format}`,
      { config: { access: 'consultations:respond' } },
      async (request, reply) => {
        const page = await consultations.ownResponse(
          request.actor,
          idParam(request.params.id),
          request.params.slug,
        );
        return sendDocument(
          reply,
          page.document,
          format,
          `consultation-${page.consultation.id}-${page.organisation.slug}-response`,
        );
      },
    );
}
