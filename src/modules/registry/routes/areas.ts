import type { FastifyInstance } from 'fastify';
import { areaKindNames, areaKinds, optionsFrom, placeKinds } from '../../../domain/vocabulary.ts';
import { can } from '../../../domain/permissions.ts';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import type { AreaRow } from '../../../db/schema.ts';
import { sendCsv, toCsv } from '../../../platform/csv.ts';
import type { Body } from './params.ts';

const areaFields: ConflictField[] = [
  { field: 'name', column: 'name', label: 'Name' },
  { field: 'kind', column: 'kind', label: 'Kind of area', names: areaKindNames },
  { field: 'gssCode', column: 'gss_code', label: 'GSS code' },
  { field: 'parentId', column: 'parent_id', label: 'Part of', choices: 'areas' },
  { field: 'population', column: 'population', label: 'Population' },
];

export function registerAreaRoutes(app: FastifyInstance) {
  const registry = app.services.registry;
  const formContext = async () => ({
    areas: await registry.areas.list(),
    kindOptions: optionsFrom(areaKinds, areaKindNames),
  });

  app.get('/areas', { config: { access: 'public' } }, async (_request, reply) => {
    const areas = await registry.areas.list();
    const roots = areas.filter((a) => a.parent_id === null || !areas.some((p) => p.id === a.parent_id));
    const childrenOf = (id: number): AreaRow[] => areas.filter((a) => a.parent_id === id);
    return reply.view('registry/areas.njk', { title: 'Areas', roots, childrenOf, kindNames: areaKindNames });
  });

  const placeContext = async () => ({
    places: (await registry.areas.list()).filter((a) => (placeKinds as readonly string[]).includes(a.kind)),
    settings: await app.services.place.siteSettings(),
  });

  app.get('/admin/place', { config: { access: 'place:manage' } }, async (_request, reply) => {
    const context = await placeContext();
    return reply.view('registry/place-form.njk', {
      title: 'The place this site serves',
      ...context,
      values: { areaId: context.settings.placeAreaId },
    });
  });

  app.post<{ Body: Body }>('/admin/place', { config: { access: 'place:manage' } }, async (request, reply) => {
    try {
      await app.services.place.choosePlace(request.actor, request.body);
      flash(reply, 'The place has been changed. Its name now heads every page.');
      return reply.redirect('/manage', 303);
    } catch (error) {
      return renderFormFailure(
        reply,
        error,
        'registry/place-form.njk',
        { title: 'The place this site serves', ...(await placeContext()), values: request.body },
        [{ field: 'areaId', column: '', label: 'Place' }],
      );
    }
  });

  app.get('/areas.csv', { config: { access: 'public' } }, async (_request, reply) => {
    const areas = await registry.areas.list();
    const byId = new Map(areas.map((a) => [a.id, a]));
    return sendCsv(
      reply,
      'areas.csv',
      toCsv(
        [
          { header: 'id', value: (a) => a.id },
          { header: 'name', value: (a) => a.name },
          { header: 'kind', value: (a) => areaKindNames[a.kind as keyof typeof areaKindNames] ?? a.kind },
          { header: 'gss code', value: (a) => a.gss_code },
          { header: 'part of', value: (a) => (a.parent_id ? byId.get(a.parent_id)?.name : '') },
          { header: 'population', value: (a) => a.population },
          { header: 'web page', value: (a) => `/areas/${a.slug}` },
        ],
        areas,
      ),
    );
  });

  app.get('/areas/new', { config: { access: 'areas:manage' } }, async (request, reply) =>
    reply.view('registry/area-form.njk', {
      title: 'Add an area',
      values: { parentId: (request.query as Body).parent },
      ...(await formContext()),
    }),
  );

  app.post<{ Body: Body }>('/areas/new', { config: { access: 'areas:manage' } }, async (request, reply) => {
    try {
      const created = await registry.areas.create(request.actor, request.body);
      flash(reply, 'The area has been added.');
      return reply.redirect(`/areas/${created.slug}`, 303);
    } catch (error) {
      return renderFormFailure(
        reply,
        error,
        'registry/area-form.njk',
        { title: 'Add an area', values: request.body, ...(await formContext()) },
        areaFields,
      );
    }
  });

  app.get<{ Params: { slug: string } }>(
    '/areas/:slug',
    { config: { access: 'public' } },
    async (request, reply) => {
      const page = await registry.areas.page(request.params.slug);
      return reply.view('registry/area.njk', {
        title: page.area.name,
        ...page,
        kindNames: areaKindNames,
        mayEdit: can(request.actor, 'areas:manage'),
        history: can(request.actor, 'history:view') ? await registry.history('area', page.area.id) : null,
      });
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/areas/:slug/edit',
    { config: { access: 'areas:manage' } },
    async (request, reply) => {
      const area = await registry.areas.bySlug(request.params.slug);
      return reply.view('registry/area-form.njk', {
        title: `Edit ${area.name}`,
        area,
        values: {
          name: area.name,
          kind: area.kind,
          gssCode: area.gss_code,
          parentId: area.parent_id,
          population: area.population,
          version: area.version,
        },
        ...(await formContext()),
      });
    },
  );

  app.post<{ Params: { slug: string }; Body: Body }>(
    '/areas/:slug/edit',
    { config: { access: 'areas:manage' } },
    async (request, reply) => {
      const area = await registry.areas.bySlug(request.params.slug);
      try {
        await registry.areas.update(request.actor, area.slug, request.body);
        flash(reply, 'Your changes have been saved.');
        return reply.redirect(`/areas/${area.slug}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'registry/area-form.njk',
          { title: `Edit ${area.name}`, area, values: request.body, ...(await formContext()) },
          areaFields,
        );
      }
    },
  );
}
