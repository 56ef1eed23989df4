import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { can, type Actor } from '../../domain/permissions.ts';
import {
  actionStatusNames,
  compareReturnStates,
  gaps,
  isClosed,
  isOverdue,
  isUnowned,
  reportingQuarter,
  returnStatus,
  updateRagNames,
  type ActionStatus,
  type ReturnStatus,
  type UpdateRag,
} from '../../domain/action-plan.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { parseForm } from '../../platform/forms.ts';
import { authorise, formVersion, partnershipLines } from '../../platform/service-rules.ts';
import { historyEntries, recordAudit, type HistoryEntry } from '../../platform/audit.ts';
import { formatPounds } from '../../platform/money.ts';
import { formatDate, nowIso, todayIso } from '../../platform/time.ts';
import { updateWithVersion } from '../../platform/versioned.ts';
import { actionForm, milestoneForm, updateForm, type ActionFormValues } from './forms.ts';
import * as repo from './repository.ts';

// The words for the codes live in the domain; re-exported for the module's callers.
export { updateRags, updateRagNames, type UpdateRag } from '../../domain/action-plan.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** What the list of actions can be narrowed to, as it arrives from the query string. */
export interface ActionListFilter {
  priority?: string;
  organisation?: string;
  status?: string;
  overdue?: boolean;
  unowned?: boolean;
}

/** Where an action sits, as far as who may manage it is concerned. */
interface ActionScope {
  organisationId: number | null;
  /** The lines (partnership and its ancestors) of the partnership owning its priority and of its target's partnership. */
  lines: number[][];
}

function mayManageScope(actor: Actor | null, scope: ActionScope): boolean {
  const organisationId = scope.organisationId ?? undefined;
  if (scope.lines.length === 0) return can(actor, 'actions:manage', { organisationId });
  return scope.lines.some((line) => can(actor, 'actions:manage', { partnershipLine: line, organisationId }));
}

const historyFieldNames: Record<string, string> = {
  title: 'title',
  description: 'description',
  priority_id: 'priority',
  target_id: 'target',
  organisation_id: 'accountable organisation',
  person_id: 'accountable person',
  cash_pence: 'cash',
  staff_fte: 'staff time (FTE)',
  in_kind: 'in kind',
  starts_on: 'starts on',
  due_on: 'due on',
  status: 'status',
  completed_on: 'completed on',
  rag: 'progress',
  narrative: 'progress update',
  reported_on: 'reported on',
  author_name: 'by',
};
const hiddenHistoryFields = new Set(['action_id', 'user_id']);

/** The delivery module's use cases: permission check, validation, one transaction with its audit entry. */
export function createDeliveryServices(db: Kysely<Database>) {
  async function withLatestUpdates<A extends repo.ActionWithContext>(actions: A[]) {
    const latest = new Map(
      (
        await repo.latestUpdates(
          db,
          actions.map((a) => a.id),
        )
      ).map((u) => [u.action_id, u]),
    );
    return actions.map((action) => {
      const update = latest.get(action.id);
      return {
        ...action,
        latestUpdate: update
          ? { ...update, ragName: updateRagNames[update.rag as UpdateRag] ?? update.rag }
          : null,
      };
    });
  }

  /** An action with everything the list, the CSV and its page say about it. */
  function described<A extends repo.ActionWithContext & { latestUpdate: unknown }>(action: A, today: string) {
    return {
      ...action,
      statusName: actionStatusNames[action.status as ActionStatus] ?? action.status,
      overdue: isOverdue(action, today),
      unowned: isUnowned(action),
      /** The priority it serves: its own, or its target's. */
      servedPriority:
        action.priority_id !== null
          ? { id: action.priority_id, title: action.priority_title!, slug: action.priority_slug! }
          : action.target_priority_id !== null
            ? {
                id: action.target_priority_id,
                title: action.target_priority_title!,
                slug: action.target_priority_slug!,
              }
            : null,
      targetName:
        action.target_id !== null
          ? `${action.target_indicator_code} ${action.target_indicator_title}${action.target_area_kind === 'ward' ? `, ${action.target_area_name}` : ''}`
          : null,
    };
  }
  type DescribedAction = ReturnType<typeof described<Awaited<ReturnType<typeof withLatestUpdates>>[number]>>;

  /** The actions behind one target, for its public page. */
  async function actionsForTarget(targetId: number) {
    return withLatestUpdates(await repo.actionsWithContext(db, { targetId }));
  }

  async function allActions(today: string): Promise<DescribedAction[]> {
    return (await withLatestUpdates(await repo.actionsWithContext(db))).map((a) => described(a, today));
  }

  // ---- the action plan: the list, its filters and its gaps

  /** The whole plan, narrowed by the filter, with the gaps in it (which never depend on the filter). */
  async function actionPlan(filter: ActionListFilter, today: string) {
    const [actions, priorities, targets, organisations] = await Promise.all([
      allActions(today),
      repo.currentPriorities(db),
      repo.targetsWithIndicators(db),
      repo.listOrganisations(db),
    ]);
    const priority = priorities.find((p) => p.slug === filter.priority);
    const organisation = organisations.find((o) => o.slug === filter.organisation);
    const status = filter.status && filter.status in actionStatusNames ? filter.status : undefined;
    // Open actions first, each group by due date: what is still to do comes before what is done with.
    const ordered = [
      ...actions.filter((a) => !isClosed(a.status)),
      ...actions.filter((a) => isClosed(a.status)),
    ];
    const shown = ordered.filter(
      (a) =>
        (!priority || a.servedPriority?.id === priority.id) &&
        (!organisation || a.organisation_id === organisation.id) &&
        (!status || a.status === status) &&
        (!filter.overdue || a.overdue) &&
        (!filter.unowned || a.unowned),
    );
    const found = gaps(priorities, targets, actions);
    const owning = new Set(actions.map((a) => a.organisation_id));
    return {
      actions: shown,
      total: actions.length,
      filter: {
        priority: priority?.slug,
        organisation: organisation?.slug,
        status,
        overdue: filter.overdue === true,
        unowned: filter.unowned === true,
      },
      priorities,
      organisations: organisations.filter((o) => owning.has(o.id)),
      gaps: {
        priorities: found.priorities,
        targets: found.targets.map((t) => ({
          ...t,
          name: `${t.indicator_code} ${t.indicator_title}${t.area_kind === 'ward' ? `, ${t.area_name}` : ''}`,
        })),
        overdue: actions.filter((a) => a.overdue),
        unowned: actions.filter((a) => a.unowned),
      },
    };
  }

  // ---- one action

  async function actionById(id: number) {
    const action = await repo.findActionWithContext(db, id);
    if (!action) throw new NotFoundError('action');
    return action;
  }

  async function scopeOf(
    dbx: Db,
    links: { organisationId: number | null; priorityId: number | null; targetId: number | null },
  ): Promise<ActionScope> {
    const target = links.targetId
      ? (await repo.targetsWithIndicators(dbx, { id: links.targetId }))[0]
      : undefined;
    const priorityId = links.priorityId ?? target?.priority_id ?? null;
    const priority = priorityId ? await repo.findPriority(dbx, priorityId) : undefined;
    const partnerships = [
      ...new Set(
        [priority?.owning_partnership_id, target?.partnership_id].filter((id): id is number => !!id),
      ),
    ];
    return {
      organisationId: links.organisationId,
      lines: partnerships.length ? partnerships.map(await partnershipLines(dbx)) : [],
    };
  }

  const scopeOfAction = (
    dbx: Db,
    action: { organisation_id: number | null; priority_id: number | null; target_id: number | null },
  ) =>
    scopeOf(dbx, {
      organisationId: action.organisation_id,
      priorityId: action.priority_id,
      targetId: action.target_id,
    });

  /** May this person add updates to, edit and add milestones to this action? */
  async function mayManage(
    actor: Actor | null,
    action: { organisation_id: number | null; priority_id: number | null; target_id: number | null },
  ) {
    if (!can(actor, 'actions:manage')) return false;
    return mayManageScope(actor, await scopeOfAction(db, action));
  }

  /** The action, if this actor may manage it (the edit and update forms ask before showing). */
  async function actionFor(actor: Actor | null, id: number) {
    const action = await actionById(id);
    authorise(actor, 'actions:manage');
    if (!mayManageScope(actor, await scopeOfAction(db, action))) throw new ForbiddenError();
    return action;
  }

  async function actionPage(id: number, today: string) {
    const [action] = await withLatestUpdates([await actionById(id)]);
    const [milestones, updates] = await Promise.all([repo.milestonesOf(db, id), repo.updatesOf(db, id)]);
    return {
      action: described(action!, today),
      milestones: milestones.map((m) => ({
        ...m,
        overdue: m.completed_on === null && m.due_on !== null && m.due_on < today,
      })),
      updates: updates.map((u) => ({ ...u, ragName: updateRagNames[u.rag as UpdateRag] ?? u.rag })),
    };
  }

  /** What the action form offers: current priorities, targets, organisations and people (names only). */
  async function formContext() {
    const [priorities, targets, organisations, people] = await Promise.all([
      repo.currentPriorities(db),
      repo.targetsWithIndicators(db),
      repo.listOrganisations(db),
      repo.peopleWithOrganisations(db),
    ]);
    return {
      priorities: priorities.map((p) => ({ id: p.id, name: p.title })),
      targets: targets.map((t) => ({
        id: t.id,
        name: `${t.indicator_code} ${t.indicator_title}${t.area_kind === 'ward' ? `, ${t.area_name}` : ''}`,
      })),
      organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
      people: people.map((p) => ({
        id: p.id,
        name: p.organisations.length ? `${p.name} (${p.organisations.join('; ')})` : p.name,
      })),
    };
  }

  /** Checks that what the form points at exists and fits together; returns the names for the audit summary. */
  async function checkLinks(trx: Db, form: ActionFormValues) {
    const priority = form.priorityId ? await repo.findPriority(trx, form.priorityId) : undefined;
    if (form.priorityId && !priority)
      throw new ValidationError({ priorityId: 'Choose a priority from the list' });
    const target = form.targetId
      ? (await repo.targetsWithIndicators(trx, { id: form.targetId }))[0]
      : undefined;
    if (form.targetId && !target) throw new ValidationError({ targetId: 'Choose a target from the list' });
    if (priority && target?.priority_id && target.priority_id !== priority.id) {
      const targetPriority = await repo.findPriority(trx, target.priority_id);
      throw new ValidationError({
        targetId: `${target.indicator_code} belongs to the priority “${targetPriority?.title ?? 'another priority'}”: choose that priority, or leave the priority blank`,
      });
    }
    const organisation = form.organisationId
      ? await repo.findOrganisationById(trx, form.organisationId)
      : undefined;
    if (form.organisationId && !organisation)
      throw new ValidationError({ organisationId: 'Choose an organisation from the list' });
    const person = form.personId ? await repo.findPersonById(trx, form.personId) : undefined;
    if (form.personId && !person) throw new ValidationError({ personId: 'Choose a person from the list' });
    if (person && organisation && !(await repo.isAffiliated(trx, person.id, organisation.id)))
      throw new ValidationError({
        personId: `${person.name} is not recorded as working for ${organisation.name}: choose someone from that organisation, or change the organisation`,
      });
    return { priority, target, organisation, person };
  }

  /** The message when the new or edited action would be outside what this person looks after. */
  function outOfScope(actor: Actor): ValidationError {
    const officer = actor.grants.some((g) => g.role === 'partner_officer');
    const manager = actor.grants.some((g) => g.role === 'partnership_manager');
    if (officer && manager)
      return new ValidationError({
        organisationId:
          'Make your own organisation accountable, or choose a priority or target of a partnership you chair or run',
      });
    if (officer)
      return new ValidationError({
        organisationId: 'You can only plan actions your own organisation is accountable for: choose it here',
      });
    return new ValidationError({
      priorityId:
        'You can only plan actions for the priorities and targets of a partnership you chair or run',
    });
  }

  function actionValues(form: ActionFormValues, today: string, completedOn: string | null) {
    return {
      title: form.title,
      description: form.description,
      priority_id: form.priorityId,
      target_id: form.targetId,
      organisation_id: form.organisationId,
      person_id: form.personId,
      cash_pence: form.cash,
      staff_fte: form.staffFte,
      in_kind: form.inKind,
      starts_on: form.startsOn,
      due_on: form.dueOn,
      status: form.status,
      // Completing an action dates it; reopening it clears the date.
      completed_on: form.status === 'completed' ? (completedOn ?? today) : null,
    };
  }

  async function createAction(actor: Actor | null, input: unknown) {
    authorise(actor, 'actions:manage');
    const form = parseForm(actionForm, input);
    return db.transaction().execute(async (trx) => {
      await checkLinks(trx, form);
      const scope = await scopeOf(trx, form);
      if (!mayManageScope(actor, scope)) throw outOfScope(actor);
      const now = nowIso();
      const values = { ...actionValues(form, todayIso(), null), created_at: now, updated_at: now };
      const { id } = await trx.insertInto('actions').values(values).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'action',
        entityId: id,
        action: 'created',
        summary: `Added the action “${form.title}”`,
        after: values,
      });
      return { id };
    });
  }

  async function updateAction(actor: Actor | null, id: number, input: unknown) {
    const action = await actionFor(actor, id);
    const expected = formVersion(input);
    const form = parseForm(actionForm, input);
    return db.transaction().execute(async (trx) => {
      await checkLinks(trx, form);
      // Moving an action must leave it with someone this person may still act for.
      if (!mayManageScope(actor, await scopeOf(trx, form))) throw outOfScope(actor!);
      const { before, after } = await updateWithVersion(
        trx,
        'actions',
        action.id,
        expected,
        actionValues(form, todayIso(), action.completed_on),
      );
      const statusChanged = before.status !== after.status;
      await recordAudit(trx, actor, {
        entityType: 'action',
        entityId: action.id,
        action: 'updated',
        summary: statusChanged
          ? `Edited “${form.title}”: now ${actionStatusNames[form.status].toLowerCase()}`
          : `Edited “${form.title}”`,
        before,
        after,
      });
      return { id: action.id };
    });
  }

  /** A progress update: dated, by the signed-in person, never edited afterwards. */
  async function addUpdate(actor: Actor | null, id: number, input: unknown) {
    const action = await actionFor(actor, id);
    const form = parseForm(updateForm, input);
    const today = todayIso();
    if (form.reportedOn && form.reportedOn > today)
      throw new ValidationError({ reportedOn: 'The date of the update must be today or earlier' });
    return db.transaction().execute(async (trx) => {
      const values = {
        action_id: action.id,
        rag: form.rag,
        narrative: form.narrative,
        reported_on: form.reportedOn ?? today,
        user_id: actor!.userId,
        author_name: actor!.name,
        created_at: nowIso(),
      };
      const { id: updateId } = await trx
        .insertInto('action_updates')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'action_update',
        entityId: updateId,
        action: 'created',
        summary: `Progress update on “${action.title}”: ${updateRagNames[form.rag]}`,
        after: values,
      });
      return { id: updateId, organisationSlug: action.organisation_slug };
    });
  }

  async function addMilestone(actor: Actor | null, id: number, input: unknown) {
    const action = await actionFor(actor, id);
    const form = parseForm(milestoneForm, input);
    return db.transaction().execute(async (trx) => {
      const now = nowIso();
      const values = {
        action_id: action.id,
        title: form.milestoneTitle,
        due_on: form.milestoneDueOn,
        completed_on: null,
        created_at: now,
        updated_at: now,
      };
      const { id: milestoneId } = await trx
        .insertInto('action_milestones')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'action_milestone',
        entityId: milestoneId,
        action: 'created',
        summary: `Added the milestone “${form.milestoneTitle}” to “${action.title}”`,
        after: values,
      });
      return { id: milestoneId };
    });
  }

  async function completeMilestone(actor: Actor | null, id: number, milestoneId: number, input: unknown) {
    const action = await actionFor(actor, id);
    const milestone = await repo.findMilestone(db, action.id, milestoneId);
    if (!milestone) throw new NotFoundError('milestone');
    const expected = formVersion(input);
    if (milestone.completed_on)
      throw new ValidationError({
        form: `The milestone “${milestone.title}” was already marked complete on ${formatDate(milestone.completed_on)}.`,
      });
    return db.transaction().execute(async (trx) => {
      const { before, after } = await updateWithVersion(trx, 'action_milestones', milestone.id, expected, {
        completed_on: todayIso(),
      });
      await recordAudit(trx, actor, {
        entityType: 'action_milestone',
        entityId: milestone.id,
        action: 'updated',
        summary: `Marked the milestone “${milestone.title}” complete`,
        before,
        after,
      });
      return { title: milestone.title };
    });
  }

  /** The history of an action with its milestones and updates, in words. */
  async function history(actionId: number): Promise<HistoryEntry[]> {
    const rows = await repo.auditOfAction(db, actionId);
    const entries = historyEntries(rows, hiddenHistoryFields);
    const wanted = {
      organisations: [] as number[],
      people: [] as number[],
      priorities: [] as number[],
      targets: [] as number[],
    };
    const lists: Record<string, number[]> = {
      organisation_id: wanted.organisations,
      person_id: wanted.people,
      priority_id: wanted.priorities,
      target_id: wanted.targets,
    };
    for (const change of entries.flatMap((e) => e.changes))
      for (const value of [change.before, change.after])
        if (typeof value === 'number' && lists[change.field]) lists[change.field]!.push(value);
    const names = await repo.namesFor(db, wanted);
    const readable = (field: string, value: unknown) => {
      if (value === null || value === undefined) return null;
      if (field in lists)
        return names.get(`${field}:${String(value)}`) ?? `(removed record ${String(value)})`;
      if (field === 'status') return actionStatusNames[value as ActionStatus] ?? value;
      if (field === 'rag') return updateRagNames[value as UpdateRag] ?? value;
      if (field === 'cash_pence' && typeof value === 'number') return formatPounds(value);
      return value;
    };
    return entries.map((entry) => ({
      ...entry,
      changes: entry.changes.map((c) => ({
        field: historyFieldNames[c.field] ?? c.field,
        before: readable(c.field, c.before),
        after: readable(c.field, c.after),
      })),
    }));
  }

  // ---- quarterly returns

  /** Every organisation's return for the quarter being reported on, from a handful of queries. */
  async function returnsFor(today: string, organisationId?: number) {
    const quarter = reportingQuarter(today);
    const [actions, targets] = await Promise.all([
      withLatestUpdates(await repo.actionsWithContext(db, organisationId ? { organisationId } : {})),
      repo.targetsWithIndicators(db, organisationId ? { leadOrganisationId: organisationId } : {}),
    ]);
    const values = await repo.valuesForPeriod(
      db,
      [...new Set(targets.map((t) => t.indicator_id))],
      quarter.code,
    );
    const inHand = new Set(values.map((v) => `${v.indicator_id}:${v.area_id}`));
    const organisations = new Set<number>();
    for (const a of actions)
      if (a.organisation_id !== null && !isClosed(a.status)) organisations.add(a.organisation_id);
    for (const t of targets) organisations.add(t.lead_organisation_id);
    if (organisationId) organisations.add(organisationId);
    const byOrganisation = new Map<
      number,
      ReturnStatus & { actionRows: typeof actions; targetRows: typeof targets }
    >();
    for (const orgId of organisations) {
      const ownActions = actions.filter((a) => a.organisation_id === orgId);
      const ledTargets = targets.filter((t) => t.lead_organisation_id === orgId);
      const status = returnStatus(
        quarter,
        ownActions.map((a) => ({
          id: a.id,
          title: a.title,
          status: a.status,
          starts_on: a.starts_on,
          latestUpdateOn: a.latestUpdate?.reported_on ?? null,
        })),
        ledTargets.map((t) => ({
          id: t.id,
          label: `${t.indicator_code} ${t.indicator_title}${t.area_kind === 'ward' ? ` (${t.area_name})` : ''}`,
          frequency: t.frequency,
          hasValue: inHand.has(`${t.indicator_id}:${t.area_id}`),
        })),
      );
      byOrganisation.set(orgId, { ...status, actionRows: ownActions, targetRows: ledTargets });
    }
    return { quarter, byOrganisation };
  }

  /**
   * One organisation's return: a partner officer's own organisation (or, with several,
   * the one asked for); an administrator chooses any. Null when an administrator has not chosen yet.
   */
  async function organisationReturn(
    actor: Actor | null,
    organisationSlug: string | undefined,
    today: string,
  ) {
    authorise(actor, 'returns:make');
    const ownOrganisations = actor.grants.flatMap((g) =>
      g.role === 'partner_officer' ? [g.organisationId] : [],
    );
    let organisation: { id: number; name: string; slug: string } | undefined;
    if (organisationSlug) {
      organisation = await repo.findOrganisationBySlug(db, organisationSlug);
      if (!organisation) throw new NotFoundError('organisation');
    } else if (ownOrganisations[0] !== undefined) {
      organisation = await repo.findOrganisationById(db, ownOrganisations[0]);
    }
    const choices = await returnChoices(actor, ownOrganisations, today);
    if (!organisation) return { organisation: null, quarter: reportingQuarter(today), choices };
    authorise(actor, 'returns:make', { organisationId: organisation.id });
    const { quarter, byOrganisation } = await returnsFor(today, organisation.id);
    const status = byOrganisation.get(organisation.id)!;
    const assessed = new Map(status.actions.map((a) => [a.id, a]));
    const values = new Map(status.targets.map((t) => [t.id, t]));
    return {
      organisation,
      quarter,
      status,
      choices,
      actions: status.actionRows
        .filter((a) => !isClosed(a.status))
        .map((a) => ({
          ...described(a, today),
          due: assessed.get(a.id)?.due ?? false,
          updated: assessed.get(a.id)?.updated ?? false,
        })),
      targets: status.targetRows.map((t) => ({
        ...t,
        name: `${t.indicator_code} ${t.indicator_title}`,
        due: values.get(t.id)?.due ?? false,
        hasValue: values.get(t.id)?.hasValue ?? false,
        dataEntryHref: `/indicators/${t.indicator_id}/data/new?area=${t.area_id}&period=${encodeURIComponent(quarter.code)}&returnTo=/returns`,
      })),
    };
  }

  /** The organisations whose return this person may open: their own, or (administrators) any with one due. */
  async function returnChoices(actor: Actor, ownOrganisations: number[], today: string) {
    if (can(actor, 'returns:monitor')) {
      const { byOrganisation } = await returnsFor(today);
      const organisations = await repo.listOrganisations(db);
      return organisations.filter((o) => byOrganisation.has(o.id));
    }
    const organisations = await repo.listOrganisations(db);
    return organisations.filter((o) => ownOrganisations.includes(o.id));
  }

  /** Who has and has not made the return for the quarter being reported on: not made first. */
  async function monitor(actor: Actor | null, today: string) {
    authorise(actor, 'returns:monitor');
    const [{ quarter, byOrganisation }, organisations] = await Promise.all([
      returnsFor(today),
      repo.listOrganisations(db),
    ]);
    const rows = organisations
      .filter((o) => byOrganisation.has(o.id))
      .map((organisation) => {
        const { actionRows: _a, targetRows: _t, ...status } = byOrganisation.get(organisation.id)!;
        return { organisation, status };
      })
      .sort(
        (a, b) =>
          compareReturnStates(a.status.state, b.status.state) ||
          a.organisation.name.localeCompare(b.organisation.name),
      );
    const counts = { not_made: 0, partly_made: 0, made: 0, nothing_due: 0 };
    for (const row of rows) counts[row.status.state] += 1;
    return { quarter, rows, counts };
  }

  return {
    db,
    actionsForTarget,
    actionPlan,
    actionPage,
    actionFor,
    mayManage,
    formContext,
    create: createAction,
    update: updateAction,
    addUpdate,
    addMilestone,
    completeMilestone,
    history,
    organisationReturn,
    monitor,
  };
}

export type DeliveryServices = ReturnType<typeof createDeliveryServices>;
