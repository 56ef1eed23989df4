import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../../domain/permissions.ts';
import { optionsFrom } from '../../../domain/vocabulary.ts';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import { idParam } from '../../../platform/params.ts';
import { queryText } from '../../../platform/forms.ts';
import { sendCsv, toCsv } from '../../../platform/csv.ts';
import { formatDate, todayIso } from '../../../platform/time.ts';
import { penceAsInput } from '../../../platform/money.ts';
import { obligationKindNames, obligationKinds } from '../compliance.ts';
import { protocolStatuses, protocolStatusNames } from '../forms.ts';
import type { AccountabilityServices } from '../service.ts';

type Body = Record<string, unknown>;
type Params = { id: string };
type CommitmentParams = { id: string; obligationId: string };
type ContributionParams = { id: string; contributionId: string };

const protocolFields: ConflictField[] = [
  { field: 'partnershipId', column: 'partnership_id', label: 'Partnership', choices: 'partnerships' },
  { field: 'title', column: 'title', label: 'Name' },
  { field: 'startsOn', column: 'starts_on', label: 'Starts on' },
  { field: 'endsOn', column: 'ends_on', label: 'Ends on' },
  { field: 'status', column: 'status', label: 'Status', names: protocolStatusNames },
  { field: 'body', column: 'body', label: 'Text of the agreement' },
];

const commitmentFields: ConflictField[] = [
  { field: 'organisationId', column: 'organisation_id', label: 'Partner', choices: 'organisations' },
  { field: 'kind', column: 'kind', label: 'Commitment', names: obligationKindNames },
  { field: 'targetPercent', column: 'target_percent', label: 'Share (%)' },
  { field: 'attendancePercent', column: '', label: 'Share of meetings' },
  { field: 'returnsPercent', column: '', label: 'Share of quarterly returns' },
  {
    field: 'amount',
    column: 'amount_pence',
    label: 'Money each year (£)',
    saved: (pence) => penceAsInput(pence as number | null | undefined),
  },
  { field: 'staffFte', column: 'staff_fte', label: 'Staff time each year (FTE)' },
  { field: 'description', column: 'description', label: 'Description' },
];

const contributionFields: ConflictField[] = [
  { field: 'organisationId', column: '', label: 'Partner' },
  { field: 'contributedOn', column: '', label: 'Date' },
  { field: 'amount', column: '', label: 'Money' },
  { field: 'staffFte', column: '', label: 'Staff time' },
  { field: 'resources', column: '', label: 'Resources' },
  { field: 'note', column: '', label: 'Note' },
];

/** The share the conflict panel compares: the one box that applies to the commitment's kind. */
const withTargetPercent = (values: Body) => ({
  ...values,
  targetPercent:
    values.kind === 'attendance'
      ? values.attendancePercent
      : values.kind === 'data_returns'
        ? values.returnsPercent
        : '',
});

/** Partnership agreements: the public list and pages with each partner's compliance, and the forms. */
export function registerProtocolRoutes(app: FastifyInstance, services: AccountabilityServices) {
  const protocols = services.protocols;
  const cached = app.publicCache.routeHooks;
  const statusOptions = optionsFrom(protocolStatuses, protocolStatusNames);
  const kindOptions = optionsFrom(obligationKinds, obligationKindNames);

  app.get('/protocols', { config: { access: 'public' }, ...cached }, async (request, reply) =>
    reply.view('accountability/protocols.njk', {
      title: 'Partnership agreements',
      protocols: await protocols.list(),
      mayAdd: can(request.actor, 'protocols:manage'),
    }),
  );

  const protocolFormPage = async (
    request: FastifyRequest,
    title: string,
    extra: Record<string, unknown> & { values: Body },
  ) => ({
    title,
    statusOptions,
    partnerships: await protocols.partnershipChoices(request.actor),
    ...extra,
  });

  app.get('/protocols/new', { config: { access: 'protocols:manage' } }, async (request, reply) =>
    reply.view(
      'accountability/protocol-form.njk',
      await protocolFormPage(request, 'Set up a partnership agreement', { values: { status: 'draft' } }),
    ),
  );

  app.post<{ Body: Body }>(
    '/protocols/new',
    { config: { access: 'protocols:manage' } },
    async (request, reply) => {
      try {
        const { id } = await protocols.create(request.actor, request.body);
        flash(reply, 'The partnership agreement has been set up. Now add what each partner commits to.');
        return reply.redirect(`/protocols/${id}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'accountability/protocol-form.njk',
          () => protocolFormPage(request, 'Set up a partnership agreement', { values: request.body }),
          protocolFields,
        );
      }
    },
  );

  app.get<{ Params: Params }>(
    '/protocols/:id',
    { config: { access: 'public' }, ...cached },
    async (request, reply) => {
      const page = await protocols.page(idParam(request.params.id), todayIso());
      const mayRecordFor = (organisationId: number) =>
        can(request.actor, 'contributions:record', { organisationId });
      return reply.view('accountability/protocol.njk', {
        title: page.protocol.title,
        ...page,
        contributions: page.contributions.map((c) => ({ ...c, mayRemove: mayRecordFor(c.organisation_id) })),
        mayManage: await protocols.mayManage(request.actor, page.protocol),
        mayRecord: page.partners.some((p) => mayRecordFor(p.organisation.id)),
        history: can(request.actor, 'history:view') ? await protocols.history(page.protocol.id) : null,
      });
    },
  );

  app.get<{ Params: Params }>(
    '/protocols/:id/compliance.csv',
    { config: { access: 'public' }, ...cached },
    async (request, reply) => {
      const { protocol, rows } = await protocols.complianceRows(idParam(request.params.id), todayIso());
      return sendCsv(
        reply,
        `agreement-${protocol.id}-compliance.csv`,
        toCsv(
          [
            { header: 'agreement', value: () => protocol.title },
            { header: 'partner', value: (r) => r.partner },
            { header: 'commitment', value: (r) => r.commitment },
            { header: 'what it asks', value: (r) => r.terms },
            { header: 'status', value: (r) => r.status },
            { header: 'figures', value: (r) => r.figures },
          ],
          rows,
        ),
      );
    },
  );

  app.get<{ Params: Params }>(
    '/protocols/:id/edit',
    { config: { access: 'protocols:manage' } },
    async (request, reply) => {
      const protocol = await protocols.protocolFor(request.actor, idParam(request.params.id));
      return reply.view(
        'accountability/protocol-form.njk',
        await protocolFormPage(request, `Edit “${protocol.title}”`, {
          protocol,
          values: {
            partnershipId: protocol.partnership_id,
            title: protocol.title,
            startsOn: protocol.starts_on,
            endsOn: protocol.ends_on,
            status: protocol.status,
            body: protocol.body,
            version: protocol.version,
          },
        }),
      );
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/protocols/:id/edit',
    { config: { access: 'protocols:manage' } },
    async (request, reply) => {
      const protocol = await protocols.protocolFor(request.actor, idParam(request.params.id));
      try {
        await protocols.update(request.actor, protocol.id, request.body);
        flash(reply, 'Your changes have been saved.');
        return reply.redirect(`/protocols/${protocol.id}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'accountability/protocol-form.njk',
          () => protocolFormPage(request, `Edit “${protocol.title}”`, { protocol, values: request.body }),
          protocolFields,
        );
      }
    },
  );

  // ---- commitments

  const commitmentPage = async (
    protocol: { id: number; title: string },
    title: string,
    values: Body,
    obligation?: { id: number },
  ) => ({
    title,
    protocol,
    obligation,
    kindOptions,
    organisations: await protocols.organisationChoices(),
    values: withTargetPercent(values),
  });

  app.get<{ Params: Params }>(
    '/protocols/:id/commitments/new',
    { config: { access: 'protocols:manage' } },
    async (request, reply) => {
      const protocol = await protocols.protocolFor(request.actor, idParam(request.params.id));
      return reply.view(
        'accountability/commitment-form.njk',
        await commitmentPage(protocol, 'Add a commitment', {
          organisationId: queryText((request.query as Body).organisation, 12),
        }),
      );
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/protocols/:id/commitments/new',
    { config: { access: 'protocols:manage' } },
    async (request, reply) => {
      const protocol = await protocols.protocolFor(request.actor, idParam(request.params.id));
      try {
        await protocols.addObligation(request.actor, protocol.id, request.body);
        flash(reply, 'The commitment has been added.');
        return reply.redirect(`/protocols/${protocol.id}#commitments`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'accountability/commitment-form.njk',
          () => commitmentPage(protocol, 'Add a commitment', request.body),
          commitmentFields,
        );
      }
    },
  );

  app.get<{ Params: CommitmentParams }>(
    '/protocols/:id/commitments/:obligationId/edit',
    { config: { access: 'protocols:manage' } },
    async (request, reply) => {
      const { protocol, obligation, organisationName } = await protocols.obligationFor(
        request.actor,
        idParam(request.params.id),
        idParam(request.params.obligationId),
      );
      return reply.view(
        'accountability/commitment-form.njk',
        await commitmentPage(
          protocol,
          `Change the commitment of ${organisationName}`,
          {
            organisationId: obligation.organisation_id,
            kind: obligation.kind,
            attendancePercent: obligation.kind === 'attendance' ? obligation.target_percent : '',
            returnsPercent: obligation.kind === 'data_returns' ? obligation.target_percent : '',
            amount: penceAsInput(obligation.amount_pence),
            staffFte: obligation.staff_fte,
            description: obligation.description,
            version: obligation.version,
          },
          obligation,
        ),
      );
    },
  );

  app.post<{ Params: CommitmentParams; Body: Body }>(
    '/protocols/:id/commitments/:obligationId/edit',
    { config: { access: 'protocols:manage' } },
    async (request, reply) => {
      const { protocol, obligation, organisationName } = await protocols.obligationFor(
        request.actor,
        idParam(request.params.id),
        idParam(request.params.obligationId),
      );
      try {
        await protocols.updateObligation(request.actor, protocol.id, obligation.id, request.body);
        flash(reply, `The commitment of ${organisationName} has been changed.`);
        return reply.redirect(`/protocols/${protocol.id}#commitments`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'accountability/commitment-form.njk',
          () =>
            commitmentPage(
              protocol,
              `Change the commitment of ${organisationName}`,
              request.body,
              obligation,
            ),
          commitmentFields,
        );
      }
    },
  );

  const removeCommitmentPage = (
    found: Awaited<ReturnType<typeof protocols.obligationFor>>,
    values: Body,
  ) => ({
    title: `Remove a commitment of ${found.organisationName}`,
    ...found,
    kindName: obligationKindNames[found.obligation.kind as keyof typeof obligationKindNames],
    values,
  });

  app.get<{ Params: CommitmentParams }>(
    '/protocols/:id/commitments/:obligationId/remove',
    { config: { access: 'protocols:manage' } },
    async (request, reply) => {
      const found = await protocols.obligationFor(
        request.actor,
        idParam(request.params.id),
        idParam(request.params.obligationId),
      );
      return reply.view(
        'accountability/commitment-remove.njk',
        removeCommitmentPage(found, { version: found.obligation.version }),
      );
    },
  );

  app.post<{ Params: CommitmentParams; Body: Body }>(
    '/protocols/:id/commitments/:obligationId/remove',
    { config: { access: 'protocols:manage' } },
    async (request, reply) => {
      const found = await protocols.obligationFor(
        request.actor,
        idParam(request.params.id),
        idParam(request.params.obligationId),
      );
      try {
        const { summary, organisationName } = await protocols.removeObligation(
          request.actor,
          found.protocol.id,
          found.obligation.id,
          request.body,
        );
        flash(
          reply,
          `The commitment “${summary}” of ${organisationName} has been removed. It stays in the history.`,
        );
        return reply.redirect(`/protocols/${found.protocol.id}#commitments`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'accountability/commitment-remove.njk', () =>
          Promise.resolve(removeCommitmentPage(found, request.body)),
        );
      }
    },
  );

  // ---- contributions

  const contributionPage = (
    context: Awaited<ReturnType<typeof protocols.contributionContext>>,
    values: Body,
  ) => ({
    title: 'Record a contribution',
    ...context,
    values,
  });

  app.get<{ Params: Params }>(
    '/protocols/:id/contributions/new',
    { config: { access: 'contributions:record' } },
    async (request, reply) => {
      const context = await protocols.contributionContext(request.actor, idParam(request.params.id));
      return reply.view(
        'accountability/contribution-form.njk',
        contributionPage(context, {
          contributedOn: todayIso(),
          organisationId:
            context.partners.length === 1
              ? context.partners[0]!.id
              : queryText((request.query as Body).organisation, 12),
        }),
      );
    },
  );

  app.post<{ Params: Params; Body: Body }>(
    '/protocols/:id/contributions/new',
    { config: { access: 'contributions:record' } },
    async (request, reply) => {
      const context = await protocols.contributionContext(request.actor, idParam(request.params.id));
      try {
        const { partnerName } = await protocols.addContribution(
          request.actor,
          context.protocol.id,
          request.body,
        );
        flash(reply, `The contribution from ${partnerName} has been recorded.`);
        return reply.redirect(`/protocols/${context.protocol.id}#contributions`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'accountability/contribution-form.njk',
          contributionPage(context, request.body),
          contributionFields,
        );
      }
    },
  );

  app.get<{ Params: ContributionParams }>(
    '/protocols/:id/contributions/:contributionId/remove',
    { config: { access: 'contributions:record' } },
    async (request, reply) => {
      const found = await protocols.contributionFor(
        request.actor,
        idParam(request.params.id),
        idParam(request.params.contributionId),
      );
      return reply.view('accountability/contribution-remove.njk', {
        title: `Remove the contribution from ${found.contribution.organisation_name}`,
        ...found,
      });
    },
  );

  app.post<{ Params: ContributionParams }>(
    '/protocols/:id/contributions/:contributionId/remove',
    { config: { access: 'contributions:record' } },
    async (request, reply) => {
      const protocolId = idParam(request.params.id);
      const { partner, on } = await protocols.removeContribution(
        request.actor,
        protocolId,
        idParam(request.params.contributionId),
      );
      flash(
        reply,
        `The contribution from ${partner} of ${formatDate(on)} has been removed. It stays in the history.`,
      );
      return reply.redirect(`/protocols/${protocolId}#contributions`, 303);
    },
  );
}
