/**
 * The action plan: who is accountable for what action, to what timescale, and whether
 * each partner has made its quarterly return. Pure: nothing here reads the clock or a
 * database; "today" and the quarter being reported on are always given.
 */
import { lastCompletedQuarter, type Period } from './periods.ts';

export const actionStatuses = ['not_started', 'on_track', 'delayed', 'completed', 'cancelled'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const actionStatusNames: Record<ActionStatus, string> = {
  not_started: 'Not started',
  on_track: 'On track',
  delayed: 'Delayed',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** How a progress update says the action is going: the colour is never shown without its words. */
export const updateRags = ['green', 'amber', 'red'] as const;
export type UpdateRag = (typeof updateRags)[number];
export const updateRagNames: Record<UpdateRag, string> = {
  green: 'On track',
  amber: 'Some slippage',
  red: 'Serious problems',
};

/** An action that is finished with, one way or the other: it can no longer be late or be reported on. */
export function isClosed(status: string): boolean {
  return status === 'completed' || status === 'cancelled';
}

/** Due before today and neither completed nor cancelled. On its due date an action is not yet late. */
export function isOverdue(action: { due_on: string | null; status: string }, today: string): boolean {
  return action.due_on !== null && action.due_on < today && !isClosed(action.status);
}

/** No one answers for it: neither an accountable organisation nor an accountable person. */
export function isUnowned(action: { organisation_id: number | null; person_id: number | null }): boolean {
  return action.organisation_id === null && action.person_id === null;
}

export interface GapAction {
  priority_id: number | null;
  target_id: number | null;
  status: string;
}

/**
 * The holes in the action plan: priorities that nothing is being done about (no action
 * linked to the priority itself or to any of its targets) and targets with no action.
 * Cancelled actions deliver nothing, so they do not fill a gap; completed ones do.
 * The priorities and targets come back as given, in their order.
 */
export function gaps<P extends { id: number }, T extends { id: number; priority_id: number | null }>(
  priorities: P[],
  targets: T[],
  actions: GapAction[],
): { priorities: P[]; targets: T[] } {
  const live = actions.filter((a) => a.status !== 'cancelled');
  const targetsWithActions = new Set(live.flatMap((a) => (a.target_id === null ? [] : [a.target_id])));
  const priorityOfTarget = new Map(targets.map((t) => [t.id, t.priority_id]));
  const prioritiesWithActions = new Set<number>();
  for (const action of live) {
    if (action.priority_id !== null) prioritiesWithActions.add(action.priority_id);
    const throughTarget = action.target_id === null ? null : priorityOfTarget.get(action.target_id);
    if (throughTarget !== null && throughTarget !== undefined) prioritiesWithActions.add(throughTarget);
  }
  return {
    priorities: priorities.filter((p) => !prioritiesWithActions.has(p.id)),
    targets: targets.filter((t) => !targetsWithActions.has(t.id)),
  };
}

// ---------------------------------------------------------------------------
// Quarterly returns

/** The quarter a return made today reports on: the last one that has ended. */
export function reportingQuarter(today: string): Period {
  return lastCompletedQuarter(today);
}

/**
 * Whether an update counts towards the return for a quarter: it must be made after the
 * quarter has ended, so it says how the whole quarter went (and one update never counts
 * for two returns).
 */
export function countsForReturn(reportedOn: string | null, quarter: Period): boolean {
  return reportedOn !== null && reportedOn > quarter.end;
}

export interface ReturnActionInput {
  id: number;
  title: string;
  status: string;
  starts_on: string | null;
  /** The date of the action's newest progress update, if it has one. */
  latestUpdateOn: string | null;
}

export interface ReturnTargetInput {
  id: number;
  /** How the target is named in the list of what is missing, e.g. "NI 20 Assault with injury crime rate". */
  label: string;
  /** The indicator's reporting frequency: only quarterly ones are due every quarter. */
  frequency: string;
  /** Whether a value (or a reason for none) has been recorded for the quarter. */
  hasValue: boolean;
}

export const returnStates = ['not_made', 'partly_made', 'made', 'nothing_due'] as const;
export type ReturnState = (typeof returnStates)[number];
export const returnStateNames: Record<ReturnState, string> = {
  not_made: 'Not made',
  partly_made: 'Partly made',
  made: 'Made',
  nothing_due: 'Nothing due',
};

export interface ReturnStatus {
  quarter: Period;
  state: ReturnState;
  stateName: string;
  actionsDue: number;
  actionsUpdated: number;
  figuresDue: number;
  figuresIn: number;
  /** Each thing still to come, in words, actions first. */
  missing: string[];
  /** One sentence: how much of the return is in. */
  summary: string;
  actions: (ReturnActionInput & { due: boolean; updated: boolean })[];
  targets: (ReturnTargetInput & { due: boolean })[];
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/**
 * One organisation's return for a quarter: an update on each of its open actions (those
 * that had started by the end of the quarter), and the quarter's figure for each target
 * it leads whose indicator is reported quarterly.
 *
 * Made when everything due is in. Not made when none of its action updates is in: the
 * updates are the part only the organisation itself can give (figures may also reach
 * the site from national data imported by the secretariat). If it has no open actions,
 * not made means none of its figures is in. Anything between is partly made.
 */
export function returnStatus(
  quarter: Period,
  actions: ReturnActionInput[],
  targets: ReturnTargetInput[],
): ReturnStatus {
  const assessedActions = actions.map((action) => {
    const due = !isClosed(action.status) && (action.starts_on === null || action.starts_on <= quarter.end);
    return { ...action, due, updated: due && countsForReturn(action.latestUpdateOn, quarter) };
  });
  const assessedTargets = targets.map((target) => ({ ...target, due: target.frequency === 'quarter' }));
  const dueActions = assessedActions.filter((a) => a.due);
  const dueTargets = assessedTargets.filter((t) => t.due);
  const actionsUpdated = dueActions.filter((a) => a.updated).length;
  const figuresIn = dueTargets.filter((t) => t.hasValue).length;
  const actionsDue = dueActions.length;
  const figuresDue = dueTargets.length;

  let state: ReturnState;
  if (actionsDue + figuresDue === 0) state = 'nothing_due';
  else if (actionsUpdated === actionsDue && figuresIn === figuresDue) state = 'made';
  else if (actionsDue > 0 ? actionsUpdated === 0 : figuresIn === 0) state = 'not_made';
  else state = 'partly_made';

  const missing = [
    ...dueActions.filter((a) => !a.updated).map((a) => `A progress update on “${a.title}”`),
    ...dueTargets.filter((t) => !t.hasValue).map((t) => `The ${quarter.code} figure for ${t.label}`),
  ];

  const parts: string[] = [];
  if (actionsDue > 0)
    parts.push(
      `${actionsUpdated} of ${count(actionsDue, 'open action')} updated since ${quarter.code} ended`,
    );
  if (figuresDue > 0) parts.push(`${figuresIn} of ${count(figuresDue, 'quarterly figure')} in`);
  const summary =
    state === 'nothing_due'
      ? `Nothing is due for ${quarter.code}: no open actions and no targets with quarterly figures.`
      : `${parts.join('; ')}.`;

  return {
    quarter,
    state,
    stateName: returnStateNames[state],
    actionsDue,
    actionsUpdated,
    figuresDue,
    figuresIn,
    missing,
    summary: summary.charAt(0).toUpperCase() + summary.slice(1),
    actions: assessedActions,
    targets: assessedTargets,
  };
}

/** Returns in the order the secretariat chases them: not made first, nothing due last. */
export function compareReturnStates(a: ReturnState, b: ReturnState): number {
  return returnStates.indexOf(a) - returnStates.indexOf(b);
}
