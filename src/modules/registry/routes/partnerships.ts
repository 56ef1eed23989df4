import type { FastifyInstance } from 'fastify';
import { can, type Actor } from '../../../domain/permissions.ts';
import {
  membershipRoleNames,
  membershipRoles,
  optionsFrom,
  partnershipStatusNames,
  partnershipStatuses,
  sectorNames,
  sectors,
} from '../../../domain/vocabulary.ts';
import { buildTree, neighbourhoodOf, renderStructureMapSvg } from '../../../domain/structure-map.ts';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import { ValidationError } from '../../../platform/errors.ts';
import { sendCsv, toCsv } from '../../../platform/csv.ts';
import { londonDate } from '../../../domain/working-days.ts';
import type { PartnershipRow } from '../../../db/schema.ts';
import { idParam, type Body } from './params.ts';

const partnershipFields: ConflictField[] = [
  { field: 'name', column: 'name', label: 'Name' },
  { field: 'shortName', column: 'short_name', label: 'Short name' },
  { field: 'parentId', column: 'parent_id', label: 'Reports to', choices: 'partnerships' },
  { field: 'statutory', column: 'statutory', label: 'Statutory', flag: true },
  { field: 'theme', column: 'theme', label: 'Theme' },
  { field: 'termsOfReference', column: 'terms_of_reference', label: 'Terms of reference' },
  { field: 'status', column: 'status', label: 'Status', names: partnershipStatusNames },
  { field: 'establishedOn', column: 'established_on', label: 'Established on' },
  { field: 'statusChangedOn', column: 'status_changed_on', label: 'Status changed on' },
  { field: 'mergedIntoId', column: 'merged_into_id', label: 'Merged into', choices: 'partnerships' },
  { field: 'areaId', column: 'area_id', label: 'Area covered', choices: 'areas' },
];

const membershipFields: ConflictField[] = [
  { field: 'personId', column: 'person_id', label: 'Person', choices: 'people' },
  { field: 'role', column: 'role', label: 'Role', names: membershipRoleNames },
  { field: 'organisationId', column: 'organisation_id', label: 'Representing', choices: 'organisations' },
  { field: 'sector', column: 'sector', label: 'Sector', names: sectorNames },
  { field: 'startsOn', column: 'starts_on', label: 'Starts on' },
  { field: 'endsOn', column: 'ends_on', label: 'Ends on' },
];

export function partnershipFormValues(p: PartnershipRow) {
  return {
    name: p.name,
    shortName: p.short_name,
    parentId: p.parent_id,
    statutory: p.statutory ? 'yes' : '',
    theme: p.theme,
    termsOfReference: p.terms_of_reference,
    status: p.status,
    establishedOn: p.established_on,
    statusChangedOn: p.status_changed_on,
    mergedIntoId: p.merged_into_id,
    areaId: p.area_id,
    version: p.version,
  };
}

export function registerPartnershipRoutes(app: FastifyInstance) {
  const registry = app.services.registry;

  const formContext = async () => ({
    partnerships: await registry.partnerships.list(),
    areas: await registry.areas.list(),
    statusOptions: optionsFrom(partnershipStatuses, partnershipStatusNames),
  });

  app.get('/partnerships', { config: { access: 'public' } }, async (_request, reply) => {
    const structure = await registry.partnerships.structure();
    return reply.view('registry/partnerships.njk', {
      title: 'Partnerships',
      tree: buildTree(structure),
      sectorNames,
    });
  });

  app.get('/partnerships.csv', { config: { access: 'public' } }, async (_request, reply) => {
    const [partnerships, structure] = await Promise.all([
      registry.partnerships.list(),
      registry.partnerships.structure(),
    ]);
    const byId = new Map(partnerships.map((p) => [p.id, p]));
    const seats = new Map(structure.map((s) => [s.id, s.sectorSeats]));
    return sendCsv(
      reply,
      'partnerships.csv',
      toCsv(
        [
          { header: 'id', value: (p) => p.id },
          { header: 'name', value: (p) => p.name },
          { header: 'short name', value: (p) => p.short_name },
          { header: 'reports to', value: (p) => (p.parent_id ? byId.get(p.parent_id)?.name : '') },
          { header: 'statutory', value: (p) => p.statutory === 1 },
          { header: 'theme', value: (p) => p.theme },
          { header: 'status', value: (p) => p.status },
          { header: 'established on', value: (p) => p.established_on },
          { header: 'status changed on', value: (p) => p.status_changed_on },
          ...sectors.map((s) => ({
            header: `current seats: ${sectorNames[s]}`,
            value: (p: PartnershipRow) => seats.get(p.id)?.[s] ?? 0,
          })),
          { header: 'web page', value: (p) => `/partnerships/${p.slug}` },
        ],
        partnerships,
      ),
    );
  });

  app.get('/partnerships/new', { config: { access: 'partnerships:create' } }, async (request, reply) =>
    reply.view('registry/partnership-form.njk', {
      title: 'Set up a partnership',
      values: { status: 'active', parentId: (request.query as Body).parent },
      ...(await formContext()),
    }),
  );

  app.post<{ Body: Body }>(
    '/partnerships/new',
    { config: { access: 'partnerships:create' } },
    async (request, reply) => {
      try {
        const created = await registry.partnerships.create(request.actor, request.body);
        flash(reply, `${String(request.body.name).trim()} has been set up. Add its members below.`);
        return reply.redirect(`/partnerships/${created.slug}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'registry/partnership-form.njk',
          { title: 'Set up a partnership', values: request.body, ...(await formContext()) },
          partnershipFields,
        );
      }
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/partnerships/:slug',
    { config: { access: 'public' } },
    async (request, reply) => {
      const page = await registry.partnerships.page(request.params.slug);
      const [structure, measures] = await Promise.all([
        registry.partnerships.structure(),
        app.services.meetingMeasures.partnershipSummary(request.actor, page.partnership, {
          today: londonDate(new Date().toISOString()),
        }),
      ]);
      const neighbourhood = neighbourhoodOf(structure, page.partnership.id);
      const mayManage = can(request.actor, 'memberships:manage', { partnershipLine: page.line });
      return reply.view('registry/partnership.njk', {
        title: page.partnership.name,
        ...page,
        mapSvg: renderStructureMapSvg(neighbourhood, {
          highlightId: page.partnership.id,
          maxColumns: 3,
          title: `Where ${page.partnership.name} sits in the partnership`,
        }),
        neighbourhoodTree: buildTree(neighbourhood),
        seatMix: structure.find((p) => p.id === page.partnership.id)?.sectorSeats,
        mayEdit: can(request.actor, 'partnerships:edit', { partnershipLine: page.line }),
        mayManage,
        mayAddChild: can(request.actor, 'partnerships:create', { partnershipLine: page.line }),
        history: can(request.actor, 'history:view')
          ? await registry.history('partnership', page.partnership.id)
          : null,
        roleNames: membershipRoleNames,
        sectorNames,
        measures,
      });
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/partnerships/:slug/members.csv',
    { config: { access: 'public' } },
    async (request, reply) => {
      const page = await registry.partnerships.page(request.params.slug);
      const seats = [...page.currentSeats, ...page.pastSeats];
      return sendCsv(
        reply,
        `${page.partnership.slug}-members.csv`,
        toCsv(
          [
            { header: 'name', value: (m) => m.person_name },
            {
              header: 'role',
              value: (m) => membershipRoleNames[m.role as keyof typeof membershipRoleNames] ?? m.role,
            },
            { header: 'representing', value: (m) => m.organisation_name },
            { header: 'sector', value: (m) => sectorNames[m.sector as keyof typeof sectorNames] ?? m.sector },
            { header: 'starts on', value: (m) => m.starts_on },
            { header: 'ends on', value: (m) => m.ends_on },
            { header: 'current', value: (m) => page.currentSeats.includes(m) },
            { header: 'web page', value: (m) => `/people/${m.person_slug}` },
          ],
          seats,
        ),
      );
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/partnerships/:slug/edit',
    { config: { access: 'partnerships:edit' } },
    async (request, reply) => {
      const partnership = await registry.partnerships.forEditing(
        request.actor,
        request.params.slug,
        'partnerships:edit',
      );
      return reply.view('registry/partnership-form.njk', {
        title: `Edit ${partnership.name}`,
        partnership,
        values: partnershipFormValues(partnership),
        ...(await formContext()),
      });
    },
  );

  app.post<{ Params: { slug: string }; Body: Body }>(
    '/partnerships/:slug/edit',
    { config: { access: 'partnerships:edit' } },
    async (request, reply) => {
      const partnership = await registry.partnerships.forEditing(
        request.actor,
        request.params.slug,
        'partnerships:edit',
      );
      try {
        await registry.partnerships.update(request.actor, request.params.slug, request.body);
        flash(reply, 'Your changes have been saved.');
        return reply.redirect(`/partnerships/${partnership.slug}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'registry/partnership-form.njk',
          { title: `Edit ${partnership.name}`, partnership, values: request.body, ...(await formContext()) },
          partnershipFields,
        );
      }
    },
  );

  // Seats

  const seatContext = async () => ({
    people: await registry.people.list(),
    organisations: await registry.organisations.list(),
    roleOptions: optionsFrom(membershipRoles, membershipRoleNames),
    sectorOptions: optionsFrom(sectors, sectorNames),
  });

  app.get<{ Params: { slug: string } }>(
    '/partnerships/:slug/members/new',
    { config: { access: 'memberships:manage' } },
    async (request, reply) => {
      const partnership = await registry.partnerships.forEditing(
        request.actor,
        request.params.slug,
        'memberships:manage',
      );
      return reply.view('registry/membership-form.njk', {
        title: `Add a member to ${partnership.name}`,
        partnership,
        values: { role: 'member' },
        ...(await seatContext()),
      });
    },
  );

  app.post<{ Params: { slug: string }; Body: Body }>(
    '/partnerships/:slug/members/new',
    { config: { access: 'memberships:manage' } },
    async (request, reply) => {
      const partnership = await registry.partnerships.forEditing(
        request.actor,
        request.params.slug,
        'memberships:manage',
      );
      try {
        await registry.memberships.add(request.actor, partnership.slug, request.body);
        flash(reply, 'The member has been added.');
        return reply.redirect(`/partnerships/${partnership.slug}#members`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'registry/membership-form.njk',
          {
            title: `Add a member to ${partnership.name}`,
            partnership,
            values: request.body,
            ...(await seatContext()),
          },
          membershipFields,
        );
      }
    },
  );

  type Seat = Awaited<ReturnType<typeof registry.memberships.get>>;

  /** The seat form, filled from the saved seat unless the user's input is given. */
  const seatEditPage = async ({ partnership, membership }: Seat, values?: Record<string, unknown>) => ({
    title: `Edit ${membership.person_name}’s seat`,
    partnership,
    membership,
    values:
      values ??
      ({
        personId: membership.person_id,
        role: membership.role,
        organisationId: membership.organisation_id,
        sector: membership.sector,
        startsOn: membership.starts_on,
        endsOn: membership.ends_on,
        version: membership.version,
      } as Record<string, unknown>),
    history: await registry.history('membership', membership.id),
    ...(await seatContext()),
  });

  const seatFrom = (request: { params: { slug: string; id: string }; actor: Actor | null }) =>
    registry.memberships.get(request.params.slug, idParam(request.params.id), request.actor);

  app.get<{ Params: { slug: string; id: string } }>(
    '/partnerships/:slug/members/:id/edit',
    { config: { access: 'memberships:manage' } },
    async (request, reply) =>
      reply.view('registry/membership-form.njk', await seatEditPage(await seatFrom(request))),
  );

  app.post<{ Params: { slug: string; id: string }; Body: Body }>(
    '/partnerships/:slug/members/:id/edit',
    { config: { access: 'memberships:manage' } },
    async (request, reply) => {
      const seat = await seatFrom(request);
      try {
        await registry.memberships.update(
          request.actor,
          seat.partnership.slug,
          seat.membership.id,
          request.body,
        );
        flash(reply, 'The seat has been updated.');
        return reply.redirect(`/partnerships/${seat.partnership.slug}#members`, 303);
      } catch (error) {
        const page = await seatEditPage(seat, request.body);
        return renderFormFailure(reply, error, 'registry/membership-form.njk', page, membershipFields);
      }
    },
  );

  app.post<{ Params: { slug: string; id: string }; Body: Body }>(
    '/partnerships/:slug/members/:id/end',
    { config: { access: 'memberships:manage' } },
    async (request, reply) => {
      const seat = await seatFrom(request);
      try {
        await registry.memberships.end(
          request.actor,
          seat.partnership.slug,
          seat.membership.id,
          request.body,
        );
        flash(
          reply,
          `${seat.membership.person_name}’s seat has ended. It stays on the record as a past membership.`,
        );
        return reply.redirect(`/partnerships/${seat.partnership.slug}#members`, 303);
      } catch (error) {
        // The end-seat form has its own date field, so its message goes there, with what was typed.
        const page = await seatEditPage(seat);
        page.values.endSeatOn = request.body.endsOn;
        const reported =
          error instanceof ValidationError
            ? new ValidationError(
                Object.fromEntries(
                  Object.entries(error.fieldErrors).map(([k, v]) => [k === 'endsOn' ? 'endSeatOn' : k, v]),
                ),
              )
            : error;
        return renderFormFailure(reply, reported, 'registry/membership-form.njk', page, [
          { field: 'endSeatOn', column: 'ends_on', label: 'Last day of the seat' },
        ]);
      }
    },
  );
}
