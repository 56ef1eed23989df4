import type { FastifyInstance } from 'fastify';
import { buildTree, renderStructureMapSvg } from '../../../domain/structure-map.ts';
import { sectorNames } from '../../../domain/vocabulary.ts';

export function registerStructureRoutes(app: FastifyInstance) {
  app.get('/structure', { config: { access: 'public' } }, async (_request, reply) => {
    const structure = await app.services.registry.partnerships.structure();
    return reply.view('registry/structure.njk', {
      title: 'Structure of the partnership',
      mapSvg: renderStructureMapSvg(structure, { title: 'Structure of the partnership', maxColumns: 3 }),
      tree: buildTree(structure),
      sectorNames,
    });
  });

  app.get('/structure.svg', { config: { access: 'public' } }, async (_request, reply) => {
    const structure = await app.services.registry.partnerships.structure();
    return reply
      .type('image/svg+xml')
      .send(renderStructureMapSvg(structure, { title: 'Structure of the partnership', maxColumns: 3 }));
  });
}
