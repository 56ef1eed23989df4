import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  actionStatuses,
  actionStatusNames,
  compareReturnStates,
  countsForReturn,
  gaps,
  isClosed,
  isOverdue,
  isUnowned,
  reportingQuarter,
  returnStateNames,
  returnStates,
  returnStatus,
  updateRagNames,
  updateRags,
  type ReturnActionInput,
  type ReturnTargetInput,
} from './action-plan.ts';
import type { Period } from './periods.ts';

/** 2025/26 Q3, written out here rather than worked out by the code under test. */
const q3: Period = { code: '2025/26 Q3', kind: 'quarter', start: '2025-10-01', end: '2025-12-31' };

describe('words for codes', () => {
  it('names every status, RAG rating and return state in words', () => {
    assert.deepEqual(
      actionStatuses.map((s) => actionStatusNames[s]),
      ['Not started', 'On track', 'Delayed', 'Completed', 'Cancelled'],
    );
    assert.deepEqual(
      updateRags.map((r) => updateRagNames[r]),
      ['On track', 'Some slippage', 'Serious problems'],
    );
    assert.deepEqual(
      returnStates.map((s) => returnStateNames[s]),
      ['Not made', 'Partly made', 'Made', 'Nothing due'],
    );
  });
});

describe('isClosed', () => {
  it('is true only for completed and cancelled actions', () => {
    assert.deepEqual(
      actionStatuses.filter((s) => isClosed(s)),
      ['completed', 'cancelled'],
    );
    assert.equal(isClosed('something else'), false);
  });
});

describe('isOverdue', () => {
  const today = '2026-02-10';
  it('is overdue when due before today and still open, whatever its open status', () => {
    for (const status of ['not_started', 'on_track', 'delayed'])
      assert.equal(isOverdue({ due_on: '2026-02-09', status }, today), true, status);
    assert.equal(isOverdue({ due_on: '2019-01-01', status: 'on_track' }, today), true);
  });
  it('is not overdue on its due date or later', () => {
    assert.equal(isOverdue({ due_on: today, status: 'on_track' }, today), false);
    assert.equal(isOverdue({ due_on: '2026-02-11', status: 'delayed' }, today), false);
  });
  it('is never overdue once completed or cancelled', () => {
    assert.equal(isOverdue({ due_on: '2020-01-01', status: 'completed' }, today), false);
    assert.equal(isOverdue({ due_on: '2020-01-01', status: 'cancelled' }, today), false);
  });
  it('is never overdue without a due date', () => {
    assert.equal(isOverdue({ due_on: null, status: 'delayed' }, today), false);
  });
  it('compares across months and years as dates', () => {
    assert.equal(isOverdue({ due_on: '2025-12-31', status: 'on_track' }, '2026-01-01'), true);
    assert.equal(isOverdue({ due_on: '2026-01-01', status: 'on_track' }, '2025-12-31'), false);
  });
});

describe('isUnowned', () => {
  it('is unowned only with neither an organisation nor a person', () => {
    assert.equal(isUnowned({ organisation_id: null, person_id: null }), true);
    assert.equal(isUnowned({ organisation_id: 3, person_id: null }), false);
    assert.equal(isUnowned({ organisation_id: null, person_id: 7 }), false);
    assert.equal(isUnowned({ organisation_id: 3, person_id: 7 }), false);
  });
});

describe('gaps', () => {
  const priorities = [
    { id: 1, title: 'Safer' },
    { id: 2, title: 'Healthier' },
    { id: 3, title: 'Greener' },
    { id: 4, title: 'Homes' },
  ];
  const targets = [
    { id: 10, priority_id: 1 },
    { id: 11, priority_id: 1 },
    { id: 20, priority_id: 2 },
    { id: 30, priority_id: 3 },
    { id: 99, priority_id: null },
  ];
  const action = (priority_id: number | null, target_id: number | null, status = 'on_track') => ({
    priority_id,
    target_id,
    status,
  });

  it('finds every priority and target with nothing at all', () => {
    const found = gaps(priorities, targets, []);
    assert.deepEqual(found.priorities, priorities);
    assert.deepEqual(found.targets, targets);
  });

  it('counts an action on a target towards the target and its priority', () => {
    const found = gaps(priorities, targets, [action(null, 20)]);
    assert.deepEqual(
      found.priorities.map((p) => p.id),
      [1, 3, 4],
    );
    assert.deepEqual(
      found.targets.map((t) => t.id),
      [10, 11, 30, 99],
    );
  });

  it('counts an action on a priority towards the priority but not its targets', () => {
    const found = gaps(priorities, targets, [action(1, null)]);
    assert.deepEqual(
      found.priorities.map((p) => p.id),
      [2, 3, 4],
    );
    assert.deepEqual(
      found.targets.map((t) => t.id),
      [10, 11, 20, 30, 99],
    );
  });

  it('counts an action linked to both', () => {
    const found = gaps(priorities, targets, [action(3, 30)]);
    assert.deepEqual(
      found.priorities.map((p) => p.id),
      [1, 2, 4],
    );
    assert.ok(!found.targets.some((t) => t.id === 30));
  });

  it('lets a completed action fill a gap, but not a cancelled one', () => {
    const found = gaps(priorities, targets, [action(null, 10, 'completed'), action(2, 20, 'cancelled')]);
    assert.deepEqual(
      found.priorities.map((p) => p.id),
      [2, 3, 4],
    );
    assert.deepEqual(
      found.targets.map((t) => t.id),
      [11, 20, 30, 99],
    );
  });

  it('copes with targets outside any priority and actions on unknown targets', () => {
    const found = gaps(priorities, targets, [action(null, 99), action(null, 12345)]);
    assert.deepEqual(
      found.priorities.map((p) => p.id),
      [1, 2, 3, 4],
    );
    assert.deepEqual(
      found.targets.map((t) => t.id),
      [10, 11, 20, 30],
    );
  });

  it('keeps the shape of what it was given', () => {
    const found = gaps(priorities, targets, []);
    assert.equal(found.priorities[0]?.title, 'Safer');
  });
});

describe('the quarter being reported on', () => {
  it('is the last quarter that has ended', () => {
    assert.deepEqual(reportingQuarter('2026-02-10'), q3);
    assert.equal(reportingQuarter('2026-01-01').code, '2025/26 Q3');
    assert.equal(
      reportingQuarter('2025-12-31').code,
      '2025/26 Q2',
      'on the last day the quarter is still running',
    );
    assert.equal(reportingQuarter('2026-04-01').code, '2025/26 Q4');
  });

  it('counts only updates made after the quarter ended', () => {
    assert.equal(countsForReturn('2026-01-01', q3), true);
    assert.equal(countsForReturn('2026-03-31', q3), true);
    assert.equal(countsForReturn('2025-12-31', q3), false);
    assert.equal(countsForReturn('2025-10-01', q3), false);
    assert.equal(countsForReturn(null, q3), false);
  });
});

describe('returnStatus', () => {
  const open = (id: number, latestUpdateOn: string | null, extra: Partial<ReturnActionInput> = {}) => ({
    id,
    title: `Action ${id}`,
    status: 'on_track',
    starts_on: '2025-04-01',
    latestUpdateOn,
    ...extra,
  });
  const target = (id: number, hasValue: boolean, frequency = 'quarter'): ReturnTargetInput => ({
    id,
    label: `NI ${id} Indicator ${id}`,
    frequency,
    hasValue,
  });

  it('is made when every open action has an update since the quarter ended and every figure is in', () => {
    const status = returnStatus(q3, [open(1, '2026-01-05'), open(2, '2026-02-01')], [target(16, true)]);
    assert.equal(status.state, 'made');
    assert.equal(status.stateName, 'Made');
    assert.deepEqual(status.missing, []);
    assert.equal(
      status.summary,
      '2 of 2 open actions updated since 2025/26 Q3 ended; 1 of 1 quarterly figure in.',
    );
    assert.deepEqual(
      [status.actionsDue, status.actionsUpdated, status.figuresDue, status.figuresIn],
      [2, 2, 1, 1],
    );
  });

  it('is not made when no action has an update, even with every figure in, and says what is missing', () => {
    const status = returnStatus(
      q3,
      [open(1, '2025-12-20', { title: 'Run a MARAC every fortnight' }), open(2, null)],
      [target(16, true), target(20, false)],
    );
    assert.equal(status.state, 'not_made');
    assert.equal(status.stateName, 'Not made');
    assert.deepEqual(status.missing, [
      'A progress update on “Run a MARAC every fortnight”',
      'A progress update on “Action 2”',
      'The 2025/26 Q3 figure for NI 20 Indicator 20',
    ]);
    assert.equal(
      status.summary,
      '0 of 2 open actions updated since 2025/26 Q3 ended; 1 of 2 quarterly figures in.',
    );
    const allFigures = returnStatus(q3, [open(1, null)], [target(16, true)]);
    assert.equal(allFigures.state, 'not_made');
  });

  it('is partly made when some but not all is in', () => {
    assert.equal(returnStatus(q3, [open(1, '2026-01-05'), open(2, null)], []).state, 'partly_made');
    const figureMissing = returnStatus(q3, [open(1, '2026-01-05')], [target(20, false)]);
    assert.equal(figureMissing.state, 'partly_made');
    assert.deepEqual(figureMissing.missing, ['The 2025/26 Q3 figure for NI 20 Indicator 20']);
  });

  it('judges an organisation with only figures due by its figures', () => {
    assert.equal(returnStatus(q3, [], [target(1, false), target(2, false)]).state, 'not_made');
    assert.equal(returnStatus(q3, [], [target(1, true), target(2, false)]).state, 'partly_made');
    assert.equal(returnStatus(q3, [], [target(1, true), target(2, true)]).state, 'made');
    assert.equal(returnStatus(q3, [], [target(1, true)]).summary, '1 of 1 quarterly figure in.');
  });

  it('does not ask for updates on closed actions or on actions that started after the quarter', () => {
    const status = returnStatus(
      q3,
      [
        open(1, null, { status: 'completed' }),
        open(2, null, { status: 'cancelled' }),
        open(3, null, { starts_on: '2026-01-01' }),
        open(4, '2026-01-02', { starts_on: '2025-12-31' }),
        open(5, '2026-01-02', { starts_on: null, status: 'not_started' }),
        open(6, '2026-01-02', { status: 'delayed' }),
      ],
      [],
    );
    assert.equal(status.actionsDue, 3);
    assert.equal(status.state, 'made');
    assert.deepEqual(
      status.actions.map((a) => [a.id, a.due, a.updated]),
      [
        [1, false, false],
        [2, false, false],
        [3, false, false],
        [4, true, true],
        [5, true, true],
        [6, true, true],
      ],
    );
  });

  it('asks for figures only for quarterly indicators', () => {
    const status = returnStatus(
      q3,
      [open(1, '2026-01-05')],
      [target(1, false, 'financial_year'), target(2, false, 'year')],
    );
    assert.equal(status.figuresDue, 0);
    assert.equal(status.state, 'made');
    assert.deepEqual(
      status.targets.map((t) => t.due),
      [false, false],
    );
    assert.equal(status.summary, '1 of 1 open action updated since 2025/26 Q3 ended.');
  });

  it('has nothing due with no open actions and no quarterly figures', () => {
    const status = returnStatus(
      q3,
      [open(1, null, { status: 'completed' })],
      [target(1, false, 'financial_year')],
    );
    assert.equal(status.state, 'nothing_due');
    assert.equal(status.stateName, 'Nothing due');
    assert.deepEqual(status.missing, []);
    assert.equal(
      status.summary,
      'Nothing is due for 2025/26 Q3: no open actions and no targets with quarterly figures.',
    );
    assert.equal(returnStatus(q3, [], []).state, 'nothing_due');
  });

  it('does not count an update made on the last day of the quarter', () => {
    assert.equal(returnStatus(q3, [open(1, '2025-12-31')], []).state, 'not_made');
    assert.equal(returnStatus(q3, [open(1, '2026-01-01')], []).state, 'made');
  });

  it('orders returns not made first, then partly made, made and nothing due', () => {
    const states = ['made', 'nothing_due', 'partly_made', 'not_made'] as const;
    assert.deepEqual([...states].sort(compareReturnStates), [
      'not_made',
      'partly_made',
      'made',
      'nothing_due',
    ]);
  });
});
