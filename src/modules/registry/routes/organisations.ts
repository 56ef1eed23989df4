import type { FastifyInstance } from 'fastify';
import { can } from '../../../domain/permissions.ts';
import {
  membershipRoleNames,
  optionsFrom,
  organisationTypeNames,
  organisationTypes,
  sectorNames,
  sectors,
} from '../../../domain/vocabulary.ts';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import { sendCsv, toCsv } from '../../../platform/csv.ts';
import type { OrganisationRow } from '../../../db/schema.ts';
import type { Body } from './params.ts';
import { queryText } from '../../../platform/forms.ts';

const organisationFields: ConflictField[] = [
  { field: 'name', column: 'name', label: 'Name' },
  { field: 'sector', column: 'sector', label: 'Sector', names: sectorNames },
  { field: 'type', column: 'type', label: 'Type', names: organisationTypeNames },
  { field: 'namedPartner', column: 'named_partner', label: 'Named partner', flag: true },
  { field: 'areaId', column: 'area_id', label: 'Area covered', choices: 'areas' },
  { field: 'website', column: 'website', label: 'Website' },
  { field: 'description', column: 'description', label: 'Description' },
];

/** What only the secretariat may change; a partner officer sees these but cannot edit them. */
const standingFields = ['name', 'sector', 'type', 'namedPartner', 'areaId'];

/** As sent: a field repeated in the address arrives as a list. */
interface ListQuery {
  q?: unknown;
  sector?: unknown;
  type?: unknown;
  namedPartner?: unknown;
}

function filterFrom(query: ListQuery) {
  const sector = queryText(query.sector);
  const type = queryText(query.type);
  return {
    q: queryText(query.q),
    sector: sector && (sectors as readonly string[]).includes(sector) ? sector : undefined,
    type: type && (organisationTypes as readonly string[]).includes(type) ? type : undefined,
    namedPartner: query.namedPartner === 'yes',
  };
}

export function registerOrganisationRoutes(app: FastifyInstance) {
  const registry = app.services.registry;
  const vocab = {
    sectorOptions: optionsFrom(sectors, sectorNames),
    typeOptions: optionsFrom(organisationTypes, organisationTypeNames),
    sectorNames,
    typeNames: organisationTypeNames,
  };
  const formContext = async (organisation?: OrganisationRow) => {
    const areas = await registry.areas.list();
    return { areas, areaName: areas.find((a) => a.id === organisation?.area_id)?.name, ...vocab };
  };

  app.get<{ Querystring: ListQuery }>(
    '/organisations',
    { config: { access: 'public' } },
    async (request, reply) => {
      const filter = filterFrom(request.query);
      const organisations = await registry.organisations.list(filter);
      const queryString = new URLSearchParams(
        Object.entries(request.query).filter(([, v]) => typeof v === 'string' && v !== '') as [
          string,
          string,
        ][],
      ).toString();
      return reply.view('registry/organisations.njk', {
        title: 'Organisations',
        organisations,
        filter: request.query,
        queryString,
        ...vocab,
      });
    },
  );

  app.get<{ Querystring: ListQuery }>(
    '/organisations.csv',
    { config: { access: 'public' } },
    async (request, reply) => {
      const organisations = await registry.organisations.list(filterFrom(request.query));
      return sendCsv(reply, 'organisations.csv', toCsv(organisationColumns, organisations));
    },
  );

  app.get('/organisations/new', { config: { access: 'organisations:create' } }, async (_request, reply) =>
    reply.view('registry/organisation-form.njk', {
      title: 'Add an organisation',
      values: {},
      ...(await formContext()),
    }),
  );

  app.post<{ Body: Body }>(
    '/organisations/new',
    { config: { access: 'organisations:create' } },
    async (request, reply) => {
      try {
        const created = await registry.organisations.create(request.actor, request.body);
        flash(reply, 'The organisation has been added.');
        return reply.redirect(`/organisations/${created.slug}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'registry/organisation-form.njk',
          { title: 'Add an organisation', values: request.body, ...(await formContext()) },
          organisationFields,
        );
      }
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/organisations/:slug',
    { config: { access: 'public' } },
    async (request, reply) => {
      const page = await registry.organisations.page(request.params.slug);
      return reply.view('registry/organisation.njk', {
        title: page.organisation.name,
        ...page,
        ...vocab,
        roleNames: membershipRoleNames,
        mayEdit: can(request.actor, 'organisations:edit', { organisationId: page.organisation.id }),
        history: can(request.actor, 'history:view')
          ? await registry.history('organisation', page.organisation.id)
          : null,
      });
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/organisations/:slug/edit',
    { config: { access: 'organisations:edit' } },
    async (request, reply) => {
      const organisation = await registry.organisations.forEditing(request.actor, request.params.slug);
      return reply.view('registry/organisation-form.njk', {
        mayEditStanding: can(request.actor, 'organisations:edit-standing'),
        title: `Edit ${organisation.name}`,
        organisation,
        values: organisationFormValues(organisation),
        ...(await formContext(organisation)),
      });
    },
  );

  app.post<{ Params: { slug: string }; Body: Body }>(
    '/organisations/:slug/edit',
    { config: { access: 'organisations:edit' } },
    async (request, reply) => {
      const organisation = await registry.organisations.forEditing(request.actor, request.params.slug);
      try {
        await registry.organisations.update(request.actor, organisation.slug, request.body);
        flash(reply, 'Your changes have been saved.');
        return reply.redirect(`/organisations/${organisation.slug}`, 303);
      } catch (error) {
        const mayEditStanding = can(request.actor, 'organisations:edit-standing');
        return renderFormFailure(
          reply,
          error,
          'registry/organisation-form.njk',
          {
            title: `Edit ${organisation.name}`,
            organisation,
            mayEditStanding,
            values: request.body,
            ...(await formContext(organisation)),
          },
          mayEditStanding
            ? organisationFields
            : organisationFields.filter((f) => !standingFields.includes(f.field)),
        );
      }
    },
  );
}

function organisationFormValues(o: OrganisationRow) {
  return {
    name: o.name,
    sector: o.sector,
    type: o.type,
    namedPartner: o.named_partner ? 'yes' : '',
    areaId: o.area_id,
    website: o.website,
    description: o.description,
    version: o.version,
  };
}

export const organisationColumns = [
  { header: 'id', value: (o: OrganisationRow) => o.id },
  { header: 'name', value: (o: OrganisationRow) => o.name },
  {
    header: 'sector',
    value: (o: OrganisationRow) => sectorNames[o.sector as keyof typeof sectorNames] ?? o.sector,
  },
  {
    header: 'type',
    value: (o: OrganisationRow) =>
      organisationTypeNames[o.type as keyof typeof organisationTypeNames] ?? o.type,
  },
  { header: 'named partner', value: (o: OrganisationRow) => o.named_partner === 1 },
  {
    header: 'area covered',
    value: (o: OrganisationRow & { area_name?: string | null }) => o.area_name ?? '',
  },
  { header: 'website', value: (o: OrganisationRow) => o.website },
  { header: 'web page', value: (o: OrganisationRow) => `/organisations/${o.slug}` },
];
