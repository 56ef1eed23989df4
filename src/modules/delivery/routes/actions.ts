import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../../domain/permissions.ts';
import {
  actionStatuses,
  actionStatusNames,
  updateRagNames,
  updateRags,
} from '../../../domain/action-plan.ts';
import { optionsFrom } from '../../../domain/vocabulary.ts';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import { queryText } from '../../../platform/forms.ts';
import { idParam } from '../../../platform/params.ts';
import { sendCsv, toCsv } from '../../../platform/csv.ts';
import { todayIso } from '../../../platform/time.ts';
import { penceAsInput } from '../../../platform/money.ts';
import type { ActionListFilter } from '../service.ts';

type Body = Record<string, unknown>;
type Query = Record<string, unknown>;

const actionFields: ConflictField[] = [
  { field: 'title', column: 'title', label: 'Action' },
  { field: 'description', column: 'description', label: 'Description' },
  { field: 'priorityId', column: 'priority_id', label: 'Priority', choices: 'priorities' },
  { field: 'targetId', column: 'target_id', label: 'Target', choices: 'targets' },
  {
    field: 'organisationId',
    column: 'organisation_id',
    label: 'Accountable organisation',
    choices: 'organisations',
  },
  { field: 'personId', column: 'person_id', label: 'Accountable person', choices: 'people' },
  {
    field: 'cash',
    column: 'cash_pence',
    label: 'Cash (£)',
    saved: (pence) => penceAsInput(pence as number | null | undefined),
  },
  { field: 'staffFte', column: 'staff_fte', label: 'Staff time (FTE)' },
  { field: 'inKind', column: 'in_kind', label: 'In kind' },
  { field: 'startsOn', column: 'starts_on', label: 'Start date' },
  { field: 'dueOn', column: 'due_on', label: 'Due date' },
  { field: 'status', column: 'status', label: 'Status', names: actionStatusNames },
];

const updateFields: ConflictField[] = [
  { field: 'rag', column: '', label: 'How it is going' },
  { field: 'narrative', column: '', label: 'What has happened' },
  { field: 'reportedOn', column: '', label: 'Date of the update' },
];

const milestoneFields: ConflictField[] = [
  { field: 'milestoneTitle', column: '', label: 'Milestone' },
  { field: 'milestoneDueOn', column: '', label: 'Due date' },
];

/** The list's filters as they arrive in the query string; anything odd is ignored. */
function filterFrom(query: Query): ActionListFilter {
  return {
    priority: queryText(query.priority),
    organisation: queryText(query.organisation),
    status: queryText(query.status),
    overdue: query.overdue === 'yes',
    unowned: query.unowned === 'yes',
  };
}

function filterQueryOf(filter: {
  priority?: string;
  organisation?: string;
  status?: string;
  overdue: boolean;
  unowned: boolean;
}): string {
  const entries: [string, string][] = [];
  if (filter.priority) entries.push(['priority', filter.priority]);
  if (filter.organisation) entries.push(['organisation', filter.organisation]);
  if (filter.status) entries.push(['status', filter.status]);
  if (filter.overdue) entries.push(['overdue', 'yes']);
  if (filter.unowned) entries.push(['unowned', 'yes']);
  return new URLSearchParams(entries).toString();
}

/** The action plan: the public list with its gaps and download, each action's page, and the forms. */
export function registerActionRoutes(app: FastifyInstance) {
  const delivery = app.services.delivery;
  const cached = app.publicCache.routeHooks;
  const statusOptions = optionsFrom(actionStatuses, actionStatusNames);
  const ragOptions = optionsFrom(updateRags, updateRagNames);

  app.get('/actions', { config: { access: 'public' }, ...cached }, async (request, reply) => {
    const plan = await delivery.actionPlan(filterFrom(request.query as Query), todayIso());
    return reply.view('delivery/actions.njk', {
      title: 'Action plan',
      ...plan,
      statusOptions,
      filterQuery: filterQueryOf(plan.filter),
      mayAdd: can(request.actor, 'actions:manage'),
    });
  });

  app.get('/actions.csv', { config: { access: 'public' }, ...cached }, async (request, reply) => {
    const { actions } = await delivery.actionPlan(filterFrom(request.query as Query), todayIso());
    return sendCsv(
      reply,
      'actions.csv',
      toCsv(
        [
          { header: 'action id', value: (a) => a.id },
          { header: 'action', value: (a) => a.title },
          { header: 'priority', value: (a) => a.servedPriority?.title },
          { header: 'target', value: (a) => a.targetName },
          { header: 'accountable organisation', value: (a) => a.organisation_name },
          { header: 'accountable person', value: (a) => a.person_name },
          { header: 'status', value: (a) => a.statusName },
          { header: 'overdue', value: (a) => a.overdue },
          { header: 'no owner', value: (a) => a.unowned },
          { header: 'starts on', value: (a) => a.starts_on },
          { header: 'due on', value: (a) => a.due_on },
          { header: 'completed on', value: (a) => a.completed_on },
          { header: 'cash (£)', value: (a) => (a.cash_pence === null ? null : a.cash_pence / 100) },
          { header: 'staff time (FTE)', value: (a) => a.staff_fte },
          { header: 'in kind', value: (a) => a.in_kind },
          { header: 'latest progress', value: (a) => a.latestUpdate?.ragName },
          { header: 'latest progress on', value: (a) => a.latestUpdate?.reported_on },
          { header: 'web page', value: (a) => `/actions/${a.id}` },
        ],
        actions,
      ),
    );
  });

  const formPage = async (
    title: string,
    extra: Record<string, unknown> & { values: Record<string, unknown> },
  ) => ({
    title,
    statusOptions,
    ...(await delivery.formContext()),
    ...extra,
  });

  app.get('/actions/new', { config: { access: 'actions:manage' } }, async (request, reply) => {
    const query = request.query as Query;
    // A partner officer plans for their own organisation, so start there.
    const own = request.actor?.grants.find((g) => g.role === 'partner_officer');
    return reply.view(
      'delivery/action-form.njk',
      await formPage('Plan an action', {
        values: {
          status: 'not_started',
          priorityId: queryText(query.priority, 12),
          targetId: queryText(query.target, 12),
          organisationId: own && 'organisationId' in own ? own.organisationId : undefined,
        },
      }),
    );
  });

  app.post<{ Body: Body }>(
    '/actions/new',
    { config: { access: 'actions:manage' } },
    async (request, reply) => {
      try {
        const { id } = await delivery.create(request.actor, request.body);
        flash(reply, 'The action has been added to the plan.');
        return reply.redirect(`/actions/${id}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'delivery/action-form.njk',
          await formPage('Plan an action', { values: request.body }),
          actionFields,
        );
      }
    },
  );

  /** The action's page, with a form's problems or input when a milestone form on it failed. */
  const actionPageContext = async (
    request: FastifyRequest,
    id: number,
    extra: Record<string, unknown> = {},
  ) => {
    const page = await delivery.actionPage(id, todayIso());
    return {
      title: page.action.title,
      ...page,
      mayManage: await delivery.mayManage(request.actor, page.action),
      history: can(request.actor, 'history:view') ? await delivery.history(id) : null,
      values: {} as Record<string, unknown>,
      ...extra,
    };
  };

  app.get<{ Params: { id: string } }>(
    '/actions/:id',
    { config: { access: 'public' }, ...cached },
    async (request, reply) =>
      reply.view('delivery/action.njk', await actionPageContext(request, idParam(request.params.id))),
  );

  app.get<{ Params: { id: string } }>(
    '/actions/:id/edit',
    { config: { access: 'actions:manage' } },
    async (request, reply) => {
      const action = await delivery.actionFor(request.actor, idParam(request.params.id));
      return reply.view(
        'delivery/action-form.njk',
        await formPage(`Edit “${action.title}”`, {
          action,
          values: {
            title: action.title,
            description: action.description,
            priorityId: action.priority_id,
            targetId: action.target_id,
            organisationId: action.organisation_id,
            personId: action.person_id,
            cash: penceAsInput(action.cash_pence),
            staffFte: action.staff_fte,
            inKind: action.in_kind,
            startsOn: action.starts_on,
            dueOn: action.due_on,
            status: action.status,
            version: action.version,
          },
        }),
      );
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/actions/:id/edit',
    { config: { access: 'actions:manage' } },
    async (request, reply) => {
      const action = await delivery.actionFor(request.actor, idParam(request.params.id));
      try {
        await delivery.update(request.actor, action.id, request.body);
        flash(reply, 'Your changes have been saved.');
        return reply.redirect(`/actions/${action.id}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'delivery/action-form.njk',
          await formPage(`Edit “${action.title}”`, { action, values: request.body }),
          actionFields,
        );
      }
    },
  );

  const updatePage = (action: { id: number; title: string }, values: Record<string, unknown>) => ({
    title: 'Add a progress update',
    action,
    ragOptions,
    values,
  });

  app.get<{ Params: { id: string } }>(
    '/actions/:id/updates/new',
    { config: { access: 'actions:manage' } },
    async (request, reply) => {
      const action = await delivery.actionFor(request.actor, idParam(request.params.id));
      const from = (request.query as Query).from === 'returns' ? 'returns' : undefined;
      return reply.view('delivery/update-form.njk', updatePage(action, { reportedOn: todayIso(), from }));
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/actions/:id/updates/new',
    { config: { access: 'actions:manage' } },
    async (request, reply) => {
      const action = await delivery.actionFor(request.actor, idParam(request.params.id));
      try {
        const { organisationSlug } = await delivery.addUpdate(request.actor, action.id, request.body);
        flash(reply, `Your progress update on “${action.title}” has been added.`);
        const back =
          request.body.from === 'returns' && organisationSlug
            ? `/returns?organisation=${organisationSlug}`
            : `/actions/${action.id}#updates`;
        return reply.redirect(back, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'delivery/update-form.njk',
          updatePage(action, request.body),
          updateFields,
        );
      }
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/actions/:id/milestones',
    { config: { access: 'actions:manage' } },
    async (request, reply) => {
      const action = await delivery.actionFor(request.actor, idParam(request.params.id));
      try {
        await delivery.addMilestone(request.actor, action.id, request.body);
        flash(reply, 'The milestone has been added.');
        return reply.redirect(`/actions/${action.id}#milestones`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'delivery/action.njk',
          await actionPageContext(request, action.id, { values: request.body }),
          milestoneFields,
        );
      }
    },
  );

  app.post<{ Params: { id: string; milestoneId: string }; Body: Body }>(
    '/actions/:id/milestones/:milestoneId/complete',
    { config: { access: 'actions:manage' } },
    async (request, reply) => {
      const action = await delivery.actionFor(request.actor, idParam(request.params.id));
      try {
        const { title } = await delivery.completeMilestone(
          request.actor,
          action.id,
          idParam(request.params.milestoneId),
          request.body,
        );
        flash(reply, `The milestone “${title}” is marked complete.`);
        return reply.redirect(`/actions/${action.id}#milestones`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'delivery/action.njk',
          await actionPageContext(request, action.id),
        );
      }
    },
  );
}
