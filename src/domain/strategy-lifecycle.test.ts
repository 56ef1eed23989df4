import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stageRequirementKinds, type StageRequirementKind } from './framework-pack.ts';
import {
  checkNeed,
  checkStages,
  currentStage,
  lifecycle,
  nameList,
  overdue,
  refreshDue,
  reviewDue,
  type StageDefinition,
  type StrategyFacts,
} from './strategy-lifecycle.ts';

/** Everything in place: every need is met. */
const complete: StrategyFacts = {
  hasVision: true,
  priorities: 8,
  prioritiesWithoutOwners: [],
  indicatorDataPoints: 1200,
  targets: 28,
  targetsNotSignedOff: [],
  prioritiesWithoutActions: [],
  targetsWithoutActions: [],
  hasAdoptedVersion: true,
};

/** A strategy just set up: nothing written, nothing recorded. */
const empty: StrategyFacts = {
  hasVision: false,
  priorities: 0,
  prioritiesWithoutOwners: [],
  indicatorDataPoints: 0,
  targets: 0,
  targetsNotSignedOff: [],
  prioritiesWithoutActions: [],
  targetsWithoutActions: [],
  hasAdoptedVersion: false,
};

const stages: StageDefinition[] = [
  {
    code: 'understand',
    name: 'Understand the place',
    description: 'The data.',
    needs: ['vision', 'indicator-data'],
  },
  { code: 'agree', name: 'Agree outcomes', needs: ['priorities', 'priority-owners'] },
  { code: 'deliver', name: 'Plan delivery', needs: ['actions-for-every-priority'] },
  { code: 'renew', name: 'Renew', needs: [] },
];

describe('the needs of a lifecycle stage', () => {
  it('meets every kind of need when everything is in place, each with a sentence', () => {
    for (const kind of stageRequirementKinds) {
      const need = checkNeed(kind, complete);
      assert.equal(need.met, true, kind);
      assert.equal(need.kind, kind);
      assert.ok(need.sentence.length > 10, kind);
    }
  });

  it('leaves every kind of need unmet on a strategy just set up, saying why in words', () => {
    const sentences = Object.fromEntries(
      stageRequirementKinds.map((kind) => {
        const need = checkNeed(kind, empty);
        assert.equal(need.met, false, kind);
        return [kind, need.sentence];
      }),
    ) as Record<StageRequirementKind, string>;
    assert.equal(sentences.vision, 'The strategy needs a vision: none has been written yet');
    assert.equal(sentences.priorities, 'The strategy needs at least one priority: it has none yet');
    assert.equal(
      sentences['priority-owners'],
      'Every priority needs an owning partnership: there are no priorities yet',
    );
    assert.equal(
      sentences['indicator-data'],
      'Indicator data is needed to baseline against: no figures have been recorded yet',
    );
    assert.equal(sentences.targets, 'The priorities need at least one target: they have none yet');
    assert.equal(sentences['targets-signed-off'], 'Every target needs signing off: there are no targets yet');
    assert.equal(
      sentences['actions-for-every-priority'],
      'Every priority needs at least one action: there are no priorities yet',
    );
    assert.equal(
      sentences['actions-for-every-target'],
      'Every target needs at least one action: there are no targets yet',
    );
    assert.equal(
      sentences['adopted-version'],
      'A version of the strategy needs to be adopted: none has been yet',
    );
  });

  it('names the priorities without actions', () => {
    const need = checkNeed('actions-for-every-priority', {
      ...complete,
      prioritiesWithoutActions: ['A greener, cleaner Kelmsfield', 'Decent homes for everyone'],
    });
    assert.equal(need.met, false);
    assert.equal(
      need.sentence,
      'Every priority needs at least one action: 2 have none (A greener, cleaner Kelmsfield; Decent homes for everyone)',
    );
  });

  it('speaks of one as one', () => {
    assert.equal(
      checkNeed('priority-owners', { ...complete, prioritiesWithoutOwners: ['Decent homes for everyone'] })
        .sentence,
      'Every priority needs an owning partnership: 1 has none (Decent homes for everyone)',
    );
    assert.equal(
      checkNeed('targets-signed-off', { ...complete, targetsNotSignedOff: ['NI 154 Net additional homes'] })
        .sentence,
      'Every target needs signing off: 1 is not signed off yet (NI 154 Net additional homes)',
    );
    assert.equal(
      checkNeed('targets-signed-off', { ...complete, targetsNotSignedOff: ['NI 1', 'NI 2'] }).sentence,
      'Every target needs signing off: 2 are not signed off yet (NI 1; NI 2)',
    );
    assert.equal(
      checkNeed('priorities', { ...complete, priorities: 1 }).sentence,
      'The strategy has 1 priority',
    );
    assert.equal(checkNeed('targets', { ...complete, targets: 1 }).sentence, 'The priorities have 1 target');
    assert.equal(
      checkNeed('indicator-data', { ...complete, indicatorDataPoints: 1 }).sentence,
      '1 indicator figure recorded to baseline against',
    );
    assert.equal(
      checkNeed('indicator-data', { ...complete, indicatorDataPoints: 2423 }).sentence,
      '2,423 indicator figures recorded to baseline against',
    );
  });

  it('names the targets without actions, and says how many more past five', () => {
    const names = ['NI 1', 'NI 2', 'NI 4', 'NI 5', 'NI 6', 'NI 7', 'NI 8'];
    const need = checkNeed('actions-for-every-target', { ...complete, targetsWithoutActions: names });
    assert.equal(
      need.sentence,
      'Every target needs at least one action: 7 have none (NI 1; NI 2; NI 4; NI 5; NI 6 and 2 more)',
    );
  });

  it('refuses an unknown kind of need rather than passing it', () => {
    assert.throws(() => checkNeed('nonsense' as StageRequirementKind, complete), /Unknown stage requirement/);
  });
});

describe('name lists', () => {
  it('joins up to the limit, then counts the rest', () => {
    assert.equal(nameList([]), '');
    assert.equal(nameList(['A']), 'A');
    assert.equal(nameList(['A', 'B', 'C', 'D', 'E']), 'A; B; C; D; E');
    assert.equal(nameList(['A', 'B', 'C', 'D', 'E', 'F']), 'A; B; C; D; E and 1 more');
    assert.equal(nameList(['A', 'B', 'C'], 2), 'A; B and 1 more');
  });
});

describe('the stages of a strategy', () => {
  it('checks each stage of the pack in order, ready only when every need is met', () => {
    const checks = checkStages(stages, { ...empty, hasVision: true, indicatorDataPoints: 3 });
    assert.deepEqual(
      checks.map((c) => [c.code, c.ready, c.unmet.map((n) => n.kind)]),
      [
        ['understand', true, []],
        ['agree', false, ['priorities', 'priority-owners']],
        ['deliver', false, ['actions-for-every-priority']],
        ['renew', true, []],
      ],
    );
    assert.equal(checks[0]!.description, 'The data.');
    assert.equal(checks[1]!.description, null);
    assert.equal(checks[0]!.needs.length, 2);
  });

  it('gives each stage a status: completed on a date, not started, or cannot complete yet', () => {
    const progress = lifecycle(
      stages,
      { ...complete, prioritiesWithoutActions: ['Decent homes for everyone'] },
      [
        { stage: 'understand', completedOn: '2024-04-01' },
        { stage: 'agree', completedOn: null },
        { stage: 'unknown-to-the-pack', completedOn: '2024-05-01' },
      ],
    );
    assert.deepEqual(
      progress.map((s) => [s.code, s.status, s.completedOn]),
      [
        ['understand', 'completed', '2024-04-01'],
        ['agree', 'not-started', null],
        ['deliver', 'cannot-complete-yet', null],
        ['renew', 'not-started', null],
      ],
    );
    assert.match(progress[2]!.unmet[0]!.sentence, /1 has none \(Decent homes for everyone\)/);
  });

  it('stays completed even when a need is no longer met', () => {
    const [first] = lifecycle(stages, empty, [{ stage: 'understand', completedOn: '2024-04-01' }]);
    assert.equal(first!.status, 'completed');
    assert.equal(first!.ready, false);
  });

  it('is at the first stage not yet completed, or the last when all are', () => {
    assert.equal(currentStage(stages, []), 'understand');
    assert.equal(currentStage(stages, ['understand']), 'agree');
    assert.equal(currentStage(stages, ['understand', 'deliver']), 'agree');
    assert.equal(currentStage(stages, ['understand', 'agree', 'deliver', 'renew']), 'renew');
    assert.throws(() => currentStage([], []));
  });
});

describe('refresh and review dates', () => {
  it('falls due so many months after it was last done', () => {
    assert.equal(refreshDue('2020-04-01', '2024-06-15', 12), '2025-06-15');
    assert.equal(reviewDue('2020-04-01', '2023-04-01', 36), '2026-04-01');
  });

  it('counts from adoption when it has never been done', () => {
    assert.equal(refreshDue('2024-01-31', null, 12), '2025-01-31');
    assert.equal(reviewDue('2024-01-31', null, 36), '2027-01-31');
  });

  it('keeps to the end of a shorter month', () => {
    assert.equal(refreshDue(null, '2024-02-29', 12), '2025-02-28');
    assert.equal(refreshDue('2023-08-31', null, 6), '2024-02-29');
  });

  it('has no due date for a strategy never adopted nor refreshed', () => {
    assert.equal(refreshDue(null, null, 12), null);
    assert.equal(reviewDue(null, null, 36), null);
  });

  it('is overdue only after the due date', () => {
    assert.equal(overdue('2025-06-15', '2025-06-14'), false);
    assert.equal(overdue('2025-06-15', '2025-06-15'), false);
    assert.equal(overdue('2025-06-15', '2025-06-16'), true);
    assert.equal(overdue('2025-06-15', '2026-01-01'), true);
    assert.equal(overdue(null, '2026-01-01'), false);
  });
});
