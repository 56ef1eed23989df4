import type { FastifyInstance } from 'fastify';
import { popoloDocument } from '../../../domain/popolo.ts';

/** Open data: the registry and partnership meetings in Popolo JSON, and plain JSON, free to reuse. */
export function registerOpenDataRoutes(app: FastifyInstance) {
  const registry = app.services.registry;
  const meetings = app.services.meetings;
  // Never built from the request's Host header, which a client controls.
  const baseUrl = () => app.config.baseUrl ?? '';

  app.get('/open-data', { config: { access: 'public' } }, async (_request, reply) =>
    reply.view('registry/open-data.njk', { title: 'Open data' }),
  );

  // Built from every record of the registry: kept for the public until the next write.
  const cached = app.publicCache.routeHooks;

  app.get(
    '/api/v1/popolo.json',
    { config: { access: 'public', page: false }, ...cached },
    async (_request, reply) => {
      const [areas, organisations, partnerships, people, affiliations, memberships, events] =
        await Promise.all([
          registry.areas.list(),
          registry.organisations.list(),
          registry.partnerships.list(),
          registry.people.list(),
          registry.people.allAffiliations(),
          registry.memberships.all(),
          meetings.forOpenData({ attendance: true }),
        ]);
      return reply.header('access-control-allow-origin', '*').send(
        popoloDocument({
          areas,
          organisations,
          partnerships,
          people,
          affiliations,
          memberships,
          meetings: events.meetings,
          baseUrl: baseUrl(),
        }),
      );
    },
  );

  app.get('/api/v1/partnerships', { config: { access: 'public', page: false } }, async (_request, reply) => {
    const [partnerships, structure] = await Promise.all([
      registry.partnerships.list(),
      registry.partnerships.structure(),
    ]);
    const seats = new Map(structure.map((s) => [s.id, s.sectorSeats]));
    return reply.header('access-control-allow-origin', '*').send({
      partnerships: partnerships.map((p) => ({
        id: p.id,
        name: p.name,
        slug: p.slug,
        short_name: p.short_name,
        parent_id: p.parent_id,
        statutory: p.statutory === 1,
        theme: p.theme,
        status: p.status,
        established_on: p.established_on,
        status_changed_on: p.status_changed_on,
        merged_into_id: p.merged_into_id,
        area_id: p.area_id,
        current_seats_by_sector: seats.get(p.id),
        url: `${baseUrl()}/partnerships/${p.slug}`,
      })),
    });
  });

  app.get('/api/v1/organisations', { config: { access: 'public', page: false } }, async (_request, reply) => {
    const organisations = await registry.organisations.list();
    return reply.header('access-control-allow-origin', '*').send({
      organisations: organisations.map((o) => ({
        id: o.id,
        name: o.name,
        slug: o.slug,
        sector: o.sector,
        type: o.type,
        named_partner: o.named_partner === 1,
        area_id: o.area_id,
        area_name: o.area_name,
        website: o.website,
        url: `${baseUrl()}/organisations/${o.slug}`,
      })),
    });
  });
}
