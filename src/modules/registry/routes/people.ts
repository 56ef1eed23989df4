import type { FastifyInstance } from 'fastify';
import { can } from '../../../domain/permissions.ts';
import { membershipRoleNames, sectorNames } from '../../../domain/vocabulary.ts';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import { sendCsv, toCsv } from '../../../platform/csv.ts';
import type { PersonRow } from '../../../db/schema.ts';
import { idParam, type Body } from './params.ts';
import { queryText } from '../../../platform/forms.ts';

const personFields: ConflictField[] = [
  { field: 'name', column: 'name', label: 'Name' },
  { field: 'email', column: 'email', label: 'Email address' },
  { field: 'organisationId', column: '', label: 'Organisation' },
  { field: 'position', column: '', label: 'Position' },
  { field: 'councillor', column: 'councillor', label: 'Councillor', flag: true },
  { field: 'wardId', column: 'ward_id', label: 'Ward', choices: 'wards' },
  { field: 'councillorRole', column: 'councillor_role', label: 'Executive or backbench' },
  { field: 'party', column: 'party', label: 'Party' },
];

/** Only public fields leave the registry: never an email address. */
function publicPerson(p: PersonRow & { ward_name?: string | null }) {
  return {
    id: p.id,
    name: p.name,
    slug: p.slug,
    councillor: p.councillor === 1,
    ward_name: p.ward_name ?? null,
    councillor_role: p.councillor_role,
    party: p.party,
  };
}

export function registerPeopleRoutes(app: FastifyInstance) {
  const registry = app.services.registry;
  const formContext = async () => ({
    organisations: await registry.organisations.list(),
    wards: (await registry.areas.list()).filter((a) => a.kind === 'ward'),
  });

  app.get<{ Querystring: { q?: unknown } }>(
    '/people',
    { config: { access: 'public' } },
    async (request, reply) => {
      const q = queryText(request.query.q);
      const people = await registry.people.listWithOrganisations(q);
      return reply.view('registry/people.njk', {
        title: 'People',
        q,
        people: people.map((p) => ({ ...publicPerson(p), organisations: p.organisations })),
      });
    },
  );

  app.get('/people.csv', { config: { access: 'public' } }, async (_request, reply) => {
    const people = await registry.people.listWithOrganisations();
    const rows = people.map((p) => ({ ...publicPerson(p), organisations: p.organisations }));
    return sendCsv(
      reply,
      'people.csv',
      toCsv(
        [
          { header: 'id', value: (p) => p.id },
          { header: 'name', value: (p) => p.name },
          {
            header: 'organisations',
            value: (p) =>
              p.organisations
                .map((a) => (a.position ? `${a.position}, ${a.organisation_name}` : a.organisation_name))
                .join('; '),
          },
          { header: 'councillor', value: (p) => p.councillor },
          { header: 'ward', value: (p) => p.ward_name },
          { header: 'executive or backbench', value: (p) => p.councillor_role },
          { header: 'party', value: (p) => p.party },
          { header: 'web page', value: (p) => `/people/${p.slug}` },
        ],
        rows,
      ),
    );
  });

  app.get('/people/new', { config: { access: 'people:create' } }, async (_request, reply) =>
    reply.view('registry/person-form.njk', { title: 'Add a person', values: {}, ...(await formContext()) }),
  );

  app.post<{ Body: Body }>('/people/new', { config: { access: 'people:create' } }, async (request, reply) => {
    try {
      const created = await registry.people.create(request.actor, request.body);
      flash(reply, 'The person has been added.');
      return reply.redirect(`/people/${created.slug}`, 303);
    } catch (error) {
      return renderFormFailure(
        reply,
        error,
        'registry/person-form.njk',
        { title: 'Add a person', values: request.body, ...(await formContext()) },
        personFields,
      );
    }
  });

  app.get<{ Params: { slug: string } }>(
    '/people/:slug',
    { config: { access: 'public' } },
    async (request, reply) => {
      const page = await registry.people.page(request.params.slug);
      const mayEdit = can(request.actor, 'people:edit');
      return reply.view('registry/person.njk', {
        title: page.person.name,
        ...page,
        person:
          mayEdit || can(request.actor, 'people:view-private')
            ? page.person
            : { ...page.person, email: null },
        roleNames: membershipRoleNames,
        sectorNames,
        mayEdit,
        history: can(request.actor, 'history:view')
          ? await registry.history(
              'person',
              page.person.id,
              can(request.actor, 'people:view-private') ? [] : ['email'],
            )
          : null,
        organisations: page.organisations,
        organisationOptions: mayEdit ? await registry.organisations.list() : [],
        values: {},
      });
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/people/:slug/edit',
    { config: { access: 'people:edit' } },
    async (request, reply) => {
      const { person } = await registry.people.page(request.params.slug);
      return reply.view('registry/person-form.njk', {
        title: `Edit ${person.name}`,
        person,
        values: personFormValues(person),
        ...(await formContext()),
      });
    },
  );

  app.post<{ Params: { slug: string }; Body: Body }>(
    '/people/:slug/edit',
    { config: { access: 'people:edit' } },
    async (request, reply) => {
      const { person } = await registry.people.page(request.params.slug);
      try {
        await registry.people.update(request.actor, person.slug, request.body);
        flash(reply, 'Your changes have been saved.');
        return reply.redirect(`/people/${person.slug}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'registry/person-form.njk',
          { title: `Edit ${person.name}`, person, values: request.body, ...(await formContext()) },
          personFields,
        );
      }
    },
  );

  app.post<{ Params: { slug: string }; Body: Body }>(
    '/people/:slug/organisations',
    { config: { access: 'people:edit' } },
    async (request, reply) => {
      try {
        await registry.people.addAffiliation(request.actor, request.params.slug, request.body);
        flash(reply, 'The organisation has been added.');
        return reply.redirect(`/people/${request.params.slug}`, 303);
      } catch (error) {
        const page = await registry.people.page(request.params.slug);
        return renderFormFailure(
          reply,
          error,
          'registry/person.njk',
          {
            title: page.person.name,
            ...page,
            roleNames: membershipRoleNames,
            sectorNames,
            mayEdit: true,
            history: await registry.history('person', page.person.id),
            organisationOptions: await registry.organisations.list(),
            values: request.body,
          },
          [
            { field: 'organisationId', column: '', label: 'Organisation' },
            { field: 'position', column: '', label: 'Position' },
          ],
        );
      }
    },
  );

  app.post<{ Params: { slug: string; id: string } }>(
    '/people/:slug/organisations/:id/remove',
    { config: { access: 'people:edit' } },
    async (request, reply) => {
      await registry.people.removeAffiliation(request.actor, request.params.slug, idParam(request.params.id));
      flash(reply, 'The organisation has been removed from this person.');
      return reply.redirect(`/people/${request.params.slug}`, 303);
    },
  );
}

function personFormValues(p: PersonRow) {
  return {
    name: p.name,
    email: p.email,
    councillor: p.councillor ? 'yes' : '',
    wardId: p.ward_id,
    councillorRole: p.councillor_role,
    party: p.party,
    version: p.version,
  };
}
