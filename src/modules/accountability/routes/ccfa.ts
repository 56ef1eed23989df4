import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../../domain/permissions.ts';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import { sendCsv, toCsv } from '../../../platform/csv.ts';
import { todayIso } from '../../../platform/time.ts';
import { stepPageOf, type StepPage } from '../ccfa-service.ts';
import type { AccountabilityServices } from '../service.ts';

type Body = Record<string, unknown>;
type Params = { reference: string };
type StepParams = { reference: string; step: string };

const raiseFields: ConflictField[] = [
  { field: 'councillorId', column: '', label: 'Councillor' },
  { field: 'organisationId', column: '', label: 'Partner agency' },
  { field: 'summary', column: '', label: 'Summary' },
  { field: 'details', column: '', label: 'The problem' },
  { field: 'stepsTaken', column: '', label: 'What has been done' },
];

/** The fields of each step's form, with the column each is saved in, for the stale-edit panel. */
const stepFields: Record<StepPage, ConflictField[]> = {
  decision: [
    { field: 'decision', column: '', label: 'Decision' },
    { field: 'decidedOn', column: 'decided_on', label: 'Date of the decision' },
    { field: 'reason', column: 'refusal_reason', label: 'Reason' },
  ],
  invitation: [
    { field: 'invitedOn', column: 'partner_invited_on', label: 'Date the partner was asked' },
    { field: 'note', column: '', label: 'Note' },
  ],
  hearing: [
    { field: 'hearingOn', column: 'hearing_on', label: 'Date of the hearing' },
    { field: 'note', column: '', label: 'Note' },
  ],
  recommendations: [
    { field: 'recommendations', column: 'recommendations', label: 'Recommendations' },
    { field: 'recommendationsOn', column: 'recommendations_on', label: 'Date of the recommendations' },
    { field: 'responseDueOn', column: 'response_due_on', label: 'Response due' },
  ],
  'response-due': [
    { field: 'responseDueOn', column: 'response_due_on', label: 'Response due' },
    { field: 'note', column: '', label: 'Why the date has changed' },
  ],
  response: [
    { field: 'receivedOn', column: 'response_received_on', label: 'Date received' },
    { field: 'responseSummary', column: 'response_summary', label: 'Response' },
  ],
  close: [
    { field: 'closedOn', column: 'closed_on', label: 'Date closed' },
    { field: 'outcome', column: 'outcome', label: 'Outcome' },
  ],
};

/** Councillor Calls for Action: the public register and case pages, raising a case, and overview and scrutiny's steps. */
export function registerCcfaRoutes(app: FastifyInstance, services: AccountabilityServices) {
  const ccfa = services.ccfa;
  const cached = app.publicCache.routeHooks;

  app.get('/ccfa', { config: { access: 'public' }, ...cached }, async (request, reply) =>
    reply.view('accountability/ccfa-register.njk', {
      title: 'Councillor Calls for Action',
      ...(await ccfa.register(todayIso())),
      mayRaise: can(request.actor, 'ccfa:raise'),
    }),
  );

  app.get('/ccfa.csv', { config: { access: 'public' }, ...cached }, async (_request, reply) => {
    const { cases } = await ccfa.register(todayIso());
    return sendCsv(
      reply,
      'councillor-calls-for-action.csv',
      toCsv(
        [
          { header: 'reference', value: (c) => c.reference },
          { header: 'raised on', value: (c) => c.raised_on },
          { header: 'councillor', value: (c) => c.councillor_name },
          { header: 'ward', value: (c) => c.ward_name },
          { header: 'partner agency', value: (c) => c.organisation_name },
          { header: 'summary', value: (c) => c.summary },
          { header: 'status', value: (c) => c.statusName },
          { header: 'next date', value: (c) => c.next?.label },
          { header: 'next date on', value: (c) => c.next?.on },
          { header: 'overdue', value: (c) => c.next?.overdue ?? false },
          { header: 'web page', value: (c) => `/ccfa/${c.reference}` },
        ],
        cases,
      ),
    );
  });

  const raisePage = async (request: FastifyRequest, values: Body) => ({
    title: 'Raise a Councillor Call for Action',
    ...(await ccfa.raiseContext(request.actor)),
    values,
  });

  app.get('/ccfa/new', { config: { access: 'ccfa:raise' } }, async (request, reply) =>
    reply.view('accountability/ccfa-raise.njk', await raisePage(request, {})),
  );

  app.post<{ Body: Body }>('/ccfa/new', { config: { access: 'ccfa:raise' } }, async (request, reply) => {
    try {
      const { reference } = await ccfa.raise(request.actor, request.body, todayIso());
      flash(
        reply,
        `Your call for action has been raised as ${reference}. Overview and scrutiny will decide whether to accept it.`,
      );
      return reply.redirect(`/ccfa/${reference}`, 303);
    } catch (error) {
      return renderFormFailure(
        reply,
        error,
        'accountability/ccfa-raise.njk',
        () => raisePage(request, request.body),
        raiseFields,
      );
    }
  });

  app.get<{ Params: Params }>(
    '/ccfa/:reference',
    { config: { access: 'public' }, ...cached },
    async (request, reply) => {
      const page = await ccfa.casePage(request.actor, request.params.reference, todayIso());
      return reply.view('accountability/ccfa-case.njk', {
        title: `${page.ccfa.reference}: ${page.ccfa.summary}`,
        ...page,
        history: can(request.actor, 'history:view') ? await ccfa.history(page.ccfa.reference) : null,
      });
    },
  );

  app.get<{ Params: StepParams }>(
    '/ccfa/:reference/:step',
    { config: { access: 'ccfa:manage' } },
    async (request, reply) => {
      const page = stepPageOf(request.params.step);
      const context = await ccfa.stepContext(request.actor, request.params.reference, page, todayIso());
      if (!context.open) {
        flash(reply, context.reason!);
        return reply.redirect(`/ccfa/${context.ccfa.reference}`, 303);
      }
      return reply.view('accountability/ccfa-step.njk', context);
    },
  );

  app.post<{ Params: StepParams; Body: Body }>(
    '/ccfa/:reference/:step',
    { config: { access: 'ccfa:manage' } },
    async (request, reply) => {
      const page = stepPageOf(request.params.step);
      const today = todayIso();
      const context = await ccfa.stepContext(request.actor, request.params.reference, page, today);
      try {
        const { reference, stepName } = await ccfa.takeStep(
          request.actor,
          context.ccfa.reference,
          page,
          request.body,
          today,
        );
        flash(reply, `Recorded: ${stepName.charAt(0).toLowerCase()}${stepName.slice(1)}.`);
        return reply.redirect(`/ccfa/${reference}#timeline`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'accountability/ccfa-step.njk',
          { ...context, open: true, values: request.body },
          stepFields[page],
        );
      }
    },
  );
}
