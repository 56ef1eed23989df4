import type { StageRequirementKind } from './framework-pack.ts';
import { addMonths } from './periods.ts';

/**
 * The lifecycle of a strategy: which of its framework pack's stages can be marked
 * complete, in plain words, and when the annual refresh and the periodic review fall
 * due. Pure: the facts are gathered by the service, the stages come from the pack,
 * and today's date is given, never read from a clock.
 */

/** What is true of a strategy now, as far as the stages' needs are concerned. */
export interface StrategyFacts {
  /** The version in force (or the draft, before any is adopted) has a vision. */
  hasVision: boolean;
  /** Priorities in that version. */
  priorities: number;
  /** Titles of its priorities that no partnership owns. */
  prioritiesWithoutOwners: string[];
  /** Figures recorded for any indicator, to baseline against. */
  indicatorDataPoints: number;
  /** Targets serving its priorities. */
  targets: number;
  /** Names of those targets not yet signed off. */
  targetsNotSignedOff: string[];
  /** Titles of its priorities with no action in the action plan. */
  prioritiesWithoutActions: string[];
  /** Names of its targets with no action in the action plan. */
  targetsWithoutActions: string[];
  /** Some version of the strategy has been adopted. */
  hasAdoptedVersion: boolean;
}

/** A stage as a framework pack describes it. */
export interface StageDefinition {
  code: string;
  name: string;
  description?: string;
  needs: readonly StageRequirementKind[];
}

export interface NeedCheck {
  kind: StageRequirementKind;
  met: boolean;
  /** What is needed and how things stand, in a sentence. */
  sentence: string;
}

export interface StageCheck {
  code: string;
  name: string;
  description: string | null;
  needs: NeedCheck[];
  unmet: NeedCheck[];
  /** Every need is met: the stage may be marked complete. */
  ready: boolean;
}

export type StageStatus = 'completed' | 'not-started' | 'cannot-complete-yet';

export interface StageProgress extends StageCheck {
  status: StageStatus;
  completedOn: string | null;
}

/** The most names a sentence lists before saying how many more there are. */
export const namesListed = 5;

/** "A; B; C" or, past the limit, "A; B; C; D; E and 3 more". */
export function nameList(names: readonly string[], limit = namesListed): string {
  if (names.length <= limit) return names.join('; ');
  return `${names.slice(0, limit).join('; ')} and ${names.length - limit} more`;
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? singular : plural}`;
}

/** "2 have none (A; B)" / "1 has none (A)". */
function haveNone(names: readonly string[], verb: { one: string; many: string }): string {
  return `${names.length} ${names.length === 1 ? verb.one : verb.many} (${nameList(names)})`;
}

/** One need of a stage, checked against the facts, with its sentence. */
export function checkNeed(kind: StageRequirementKind, facts: StrategyFacts): NeedCheck {
  const need = (met: boolean, sentence: string): NeedCheck => ({ kind, met, sentence });
  const none = { one: 'has none', many: 'have none' };
  switch (kind) {
    case 'vision':
      return facts.hasVision
        ? need(true, 'The strategy has a vision')
        : need(false, 'The strategy needs a vision: none has been written yet');
    case 'priorities':
      return facts.priorities > 0
        ? need(true, `The strategy has ${count(facts.priorities, 'priority', 'priorities')}`)
        : need(false, 'The strategy needs at least one priority: it has none yet');
    case 'priority-owners':
      if (facts.priorities === 0)
        return need(false, 'Every priority needs an owning partnership: there are no priorities yet');
      return facts.prioritiesWithoutOwners.length === 0
        ? need(true, 'Every priority has an owning partnership')
        : need(
            false,
            `Every priority needs an owning partnership: ${haveNone(facts.prioritiesWithoutOwners, none)}`,
          );
    case 'indicator-data':
      return facts.indicatorDataPoints > 0
        ? need(true, `${count(facts.indicatorDataPoints, 'indicator figure')} recorded to baseline against`)
        : need(false, 'Indicator data is needed to baseline against: no figures have been recorded yet');
    case 'targets':
      return facts.targets > 0
        ? need(true, `The priorities have ${count(facts.targets, 'target')}`)
        : need(false, 'The priorities need at least one target: they have none yet');
    case 'targets-signed-off':
      if (facts.targets === 0) return need(false, 'Every target needs signing off: there are no targets yet');
      return facts.targetsNotSignedOff.length === 0
        ? need(true, `Every target is signed off`)
        : need(
            false,
            `Every target needs signing off: ${haveNone(facts.targetsNotSignedOff, {
              one: 'is not signed off yet',
              many: 'are not signed off yet',
            })}`,
          );
    case 'actions-for-every-priority':
      if (facts.priorities === 0)
        return need(false, 'Every priority needs at least one action: there are no priorities yet');
      return facts.prioritiesWithoutActions.length === 0
        ? need(true, 'Every priority has at least one action')
        : need(
            false,
            `Every priority needs at least one action: ${haveNone(facts.prioritiesWithoutActions, none)}`,
          );
    case 'actions-for-every-target':
      if (facts.targets === 0)
        return need(false, 'Every target needs at least one action: there are no targets yet');
      return facts.targetsWithoutActions.length === 0
        ? need(true, 'Every target has at least one action')
        : need(
            false,
            `Every target needs at least one action: ${haveNone(facts.targetsWithoutActions, none)}`,
          );
    case 'adopted-version':
      return facts.hasAdoptedVersion
        ? need(true, 'A version of the strategy has been adopted')
        : need(false, 'A version of the strategy needs to be adopted: none has been yet');
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown stage requirement ${String(unknown)}`);
    }
  }
}

/** Each stage with each of its needs met or not. */
export function checkStages(stages: readonly StageDefinition[], facts: StrategyFacts): StageCheck[] {
  return stages.map((stage) => {
    const needs = stage.needs.map((kind) => checkNeed(kind, facts));
    const unmet = needs.filter((n) => !n.met);
    return {
      code: stage.code,
      name: stage.name,
      description: stage.description ?? null,
      needs,
      unmet,
      ready: unmet.length === 0,
    };
  });
}

/**
 * Each stage with its status: completed (on the date recorded), not started (it could be
 * completed now), or cannot complete yet (with the needs still unmet).
 */
export function lifecycle(
  stages: readonly StageDefinition[],
  facts: StrategyFacts,
  completions: readonly { stage: string; completedOn: string | null }[],
): StageProgress[] {
  const completedOn = new Map(
    completions.filter((c) => c.completedOn !== null).map((c) => [c.stage, c.completedOn!]),
  );
  return checkStages(stages, facts).map((check) => {
    const on = completedOn.get(check.code) ?? null;
    const status: StageStatus =
      on !== null ? 'completed' : check.ready ? 'not-started' : 'cannot-complete-yet';
    return { ...check, status, completedOn: on };
  });
}

/** The stage a strategy is at: the first not yet completed, or the last when all are. */
export function currentStage(stages: readonly StageDefinition[], completed: readonly string[]): string {
  const done = new Set(completed);
  const next = stages.find((s) => !done.has(s.code)) ?? stages.at(-1);
  if (!next) throw new Error('A framework pack has at least one stage');
  return next.code;
}

/** The date something recurring falls due: so many months after it was last done, or after adoption. */
function dueAfter(adoptedOn: string | null, lastDoneOn: string | null, months: number): string | null {
  const from = lastDoneOn ?? adoptedOn;
  return from === null ? null : addMonths(from, months);
}

/** When the annual refresh falls due; null when the strategy has never been adopted. */
export function refreshDue(adoptedOn: string | null, lastRefreshedOn: string | null, months: number) {
  return dueAfter(adoptedOn, lastRefreshedOn, months);
}

/** When the periodic (e.g. three-yearly) review falls due; null when never adopted. */
export function reviewDue(adoptedOn: string | null, lastReviewedOn: string | null, months: number) {
  return dueAfter(adoptedOn, lastReviewedOn, months);
}

/** Past its due date (the due day itself is not yet overdue). */
export function overdue(due: string | null, today: string): boolean {
  return due !== null && due < today;
}
