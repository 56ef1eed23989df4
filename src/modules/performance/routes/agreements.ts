import type { FastifyInstance } from 'fastify';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import { idParam } from '../../../platform/params.ts';
import { todayIso } from '../../../platform/time.ts';
import { can } from '../../../domain/permissions.ts';
import { optionsFrom } from '../../../domain/vocabulary.ts';
import { financialYearLabel } from '../../../domain/periods.ts';
import { frameworkPacks } from '../../../platform/framework-packs.ts';
import { agreementStatuses, agreementStatusNames, signOffStatuses, signOffStatusNames } from '../forms.ts';
import { ragOrder } from '../dashboard.ts';

type Body = Record<string, unknown>;

const agreementFields: ConflictField[] = [
  { field: 'name', column: 'name', label: 'Name' },
  { field: 'partnershipId', column: 'partnership_id', label: 'Partnership', choices: 'partnerships' },
  { field: 'firstYear', column: 'first_year', label: 'First year' },
  { field: 'lastYear', column: 'last_year', label: 'Last year' },
  { field: 'status', column: 'status', label: 'Status', names: agreementStatusNames },
  { field: 'signedOffOn', column: 'signed_off_on', label: 'Signed off on' },
];

const targetFields: ConflictField[] = [
  { field: 'indicatorId', column: 'indicator_id', label: 'Indicator' },
  { field: 'block', column: 'block', label: 'Block' },
  { field: 'priorityId', column: 'priority_id', label: 'Priority' },
  { field: 'partnershipId', column: 'partnership_id', label: 'Partnership', choices: 'partnerships' },
  { field: 'areaId', column: 'area_id', label: 'Area', choices: 'areas' },
  { field: 'baselineValue', column: 'baseline_value', label: 'Baseline' },
  { field: 'baselinePeriod', column: 'baseline_period', label: 'Baseline period' },
  {
    field: 'leadOrganisationId',
    column: 'lead_organisation_id',
    label: 'Lead partner',
    choices: 'organisations',
  },
  { field: 'rewardBearing', column: 'reward_bearing', label: 'Reward grant', flag: true },
  { field: 'signOffStatus', column: 'sign_off_status', label: 'Sign-off', names: signOffStatusNames },
  { field: 'notes', column: 'notes', label: 'Notes' },
];

/** Agreements (a Local Area Agreement, or the pack's equivalent) and their targets. */
export function registerAgreementRoutes(app: FastifyInstance) {
  const performance = app.services.performance;
  const agreementContext = async () => ({
    ...(await performance.agreements.formContext()),
    statusOptions: optionsFrom(agreementStatuses, agreementStatusNames),
    pack: await performance.pack(),
  });

  app.get('/agreements', { config: { access: 'public' } }, async (_request, reply) =>
    reply.view('performance/agreements.njk', {
      title: 'Agreements',
      agreements: await performance.agreements.list(),
      pack: await performance.pack(),
      statusNames: agreementStatusNames,
    }),
  );

  app.get('/agreements/new', { config: { access: 'agreements:manage' } }, async (_request, reply) => {
    const context = await agreementContext();
    return reply.view('performance/agreement-form.njk', {
      title: `Add a ${context.pack.agreement.name}`,
      values: { status: 'draft' },
      ...context,
    });
  });

  app.post<{ Body: Body }>(
    '/agreements/new',
    { config: { access: 'agreements:manage' } },
    async (request, reply) => {
      try {
        const { slug } = await performance.agreements.create(request.actor, request.body);
        flash(reply, 'The agreement has been added. Now add its targets.');
        return reply.redirect(`/agreements/${slug}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'performance/agreement-form.njk',
          async () => {
            const context = await agreementContext();
            return { title: `Add a ${context.pack.agreement.name}`, values: request.body, ...context };
          },
          agreementFields,
        );
      }
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/agreements/:slug',
    { config: { access: 'public' } },
    async (request, reply) => {
      const agreement = await performance.agreements.bySlug(request.params.slug);
      const targets = await app.services.dashboards.evaluate({ agreementId: agreement.id }, todayIso());
      const pack = await performance.pack();
      return reply.view('performance/agreement.njk', {
        title: agreement.name,
        agreement,
        pack,
        blocks: pack.agreement.blocks.terms.map((block) => ({
          ...block,
          targets: targets.filter((t) => t.row.block === block.code),
        })),
        count: targets.length,
        counts: Object.fromEntries(
          ragOrder.map((rag) => [rag, targets.filter((t) => t.status.rag === rag).length]),
        ),
        statusNames: agreementStatusNames,
        history: can(request.actor, 'history:view')
          ? await performance.history('agreement', agreement.id)
          : null,
      });
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/agreements/:slug/edit',
    { config: { access: 'agreements:manage' } },
    async (request, reply) => {
      const agreement = await performance.agreements.bySlug(request.params.slug);
      return reply.view('performance/agreement-form.njk', {
        title: `Edit ${agreement.name}`,
        agreement,
        values: {
          name: agreement.name,
          partnershipId: agreement.partnership_id,
          firstYear: agreement.first_year,
          lastYear: agreement.last_year,
          status: agreement.status,
          signedOffOn: agreement.signed_off_on,
          version: agreement.version,
        },
        ...(await agreementContext()),
      });
    },
  );

  app.post<{ Params: { slug: string }; Body: Body }>(
    '/agreements/:slug/edit',
    { config: { access: 'agreements:manage' } },
    async (request, reply) => {
      const agreement = await performance.agreements.bySlug(request.params.slug);
      try {
        await performance.agreements.update(request.actor, agreement.slug, request.body);
        flash(reply, 'Your changes have been saved.');
        return reply.redirect(`/agreements/${agreement.slug}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'performance/agreement-form.njk',
          async () => ({
            title: `Edit ${agreement.name}`,
            agreement,
            values: request.body,
            ...(await agreementContext()),
          }),
          agreementFields,
        );
      }
    },
  );

  // Targets

  const targetContext = async (agreement: { first_year: number; last_year: number }) => {
    const context = await performance.targets.formContext();
    return {
      ...context,
      years: performance.targets
        .yearsOf(agreement)
        .map((year) => ({ year, label: financialYearLabel(year) })),
      signOffOptions: optionsFrom(signOffStatuses, signOffStatusNames),
      blockOptions: context.pack.agreement.blocks.terms.map((b) => ({ value: b.code, text: b.name })),
      packs: [...frameworkPacks().values()],
    };
  };

  app.get<{ Params: { slug: string } }>(
    '/agreements/:slug/targets/new',
    { config: { access: 'agreements:manage' } },
    async (request, reply) => {
      const agreement = await performance.agreements.bySlug(request.params.slug);
      return reply.view('performance/target-form.njk', {
        title: `Add a target to ${agreement.name}`,
        agreement,
        values: { signOffStatus: 'proposed', areaId: (await performance.settings()).placeAreaId },
        ...(await targetContext(agreement)),
      });
    },
  );

  app.post<{ Params: { slug: string }; Body: Body }>(
    '/agreements/:slug/targets/new',
    { config: { access: 'agreements:manage' } },
    async (request, reply) => {
      const agreement = await performance.agreements.bySlug(request.params.slug);
      try {
        const { id } = await performance.targets.create(request.actor, agreement.slug, request.body);
        flash(reply, 'The target has been added.');
        return reply.redirect(`/dashboard/targets/${id}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'performance/target-form.njk',
          async () => ({
            title: `Add a target to ${agreement.name}`,
            agreement,
            values: request.body,
            ...(await targetContext(agreement)),
          }),
          targetFields,
        );
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/targets/:id/edit',
    { config: { access: 'agreements:manage' } },
    async (request, reply) => {
      const { target, agreement, yearValues, contributors } = await performance.targets.forEdit(
        idParam(request.params.id),
      );
      return reply.view('performance/target-form.njk', {
        title: 'Edit the target',
        agreement,
        target,
        values: {
          indicatorId: target.indicator_id,
          block: target.block,
          priorityId: target.priority_id,
          partnershipId: target.partnership_id,
          areaId: target.area_id,
          baselineValue: target.baseline_value,
          baselinePeriod: target.baseline_period,
          leadOrganisationId: target.lead_organisation_id,
          contributorIds: contributors.map((c) => c.id),
          rewardBearing: target.reward_bearing ? 'yes' : '',
          signOffStatus: target.sign_off_status,
          notes: target.notes,
          version: target.version,
          ...Object.fromEntries(yearValues.map((y) => [`year${y.year}`, y.value])),
        },
        ...(await targetContext(agreement)),
      });
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/targets/:id/edit',
    { config: { access: 'agreements:manage' } },
    async (request, reply) => {
      const { target, agreement } = await performance.targets.forEdit(idParam(request.params.id));
      try {
        await performance.targets.update(request.actor, target.id, request.body);
        flash(reply, 'Your changes to the target have been saved.');
        return reply.redirect(`/dashboard/targets/${target.id}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'performance/target-form.njk',
          async () => ({
            title: 'Edit the target',
            agreement,
            target,
            values: request.body,
            ...(await targetContext(agreement)),
          }),
          targetFields,
        );
      }
    },
  );
}
