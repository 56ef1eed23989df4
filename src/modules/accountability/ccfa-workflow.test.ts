import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  allowedSteps,
  ccfaStatuses,
  ccfaSteps,
  closingNeedsOutcome,
  decisionDueOn,
  defaultResponseDueOn,
  isFinal,
  nextDate,
  nextStatus,
  stepDateProblem,
  stepDescription,
  whyNot,
  type CaseDates,
  type CcfaStatus,
  type CcfaStep,
} from './ccfa-workflow.ts';

/** Every transition the workflow allows, written out: anything not here must be refused. */
const allowed: Record<CcfaStatus, Partial<Record<CcfaStep, CcfaStatus>>> = {
  raised: { accept: 'accepted', refuse: 'refused' },
  accepted: { invite_partner: 'partner_invited', close: 'closed' },
  partner_invited: { schedule_hearing: 'hearing_scheduled', close: 'closed' },
  hearing_scheduled: {
    schedule_hearing: 'hearing_scheduled',
    record_recommendations: 'awaiting_response',
    close: 'closed',
  },
  awaiting_response: {
    set_response_due: 'awaiting_response',
    record_response: 'response_received',
    close: 'closed',
  },
  response_received: { close: 'closed' },
  refused: {},
  closed: {},
};

const dates = (overrides: Partial<CaseDates> = {}): CaseDates => ({
  status: 'raised',
  raised_on: '2026-05-01',
  decision_due_on: '2026-05-29',
  decided_on: null,
  partner_invited_on: null,
  hearing_on: null,
  recommendations_on: null,
  response_due_on: null,
  response_received_on: null,
  ...overrides,
});

describe('the Councillor Call for Action workflow', () => {
  for (const status of ccfaStatuses)
    for (const step of ccfaSteps) {
      const expected = allowed[status][step] ?? null;
      it(`${expected ? 'allows' : 'refuses'} ${step} when ${status}${expected ? ` (→ ${expected})` : ''}`, () => {
        assert.equal(nextStatus(status, step), expected);
        const reason = whyNot(status, step);
        if (expected) assert.equal(reason, null);
        else {
          assert.ok(reason && reason.length > 20, 'a reason in words');
          assert.doesNotMatch(reason, /_/, 'no codes in the reason');
        }
      });
    }

  it('lists the steps open from each status, and knows which statuses are final', () => {
    assert.deepEqual(allowedSteps('raised'), ['accept', 'refuse']);
    assert.deepEqual(allowedSteps('hearing_scheduled'), [
      'schedule_hearing',
      'record_recommendations',
      'close',
    ]);
    assert.deepEqual(
      ccfaStatuses.filter((s) => isFinal(s)),
      ['refused', 'closed'],
    );
    assert.match(whyNot('closed', 'accept')!, /is closed, so no further steps/);
    assert.match(
      whyNot('raised', 'record_response')!,
      /status is “Awaiting a decision”\. What can be done next: accept the call for action, or refuse the call for action\./,
    );
  });

  it('asks why a case is closed unless the partner has responded', () => {
    assert.equal(closingNeedsOutcome('response_received'), false);
    for (const status of ['accepted', 'partner_invited', 'hearing_scheduled', 'awaiting_response'] as const)
      assert.equal(closingNeedsOutcome(status), true, status);
  });

  it('gives scrutiny 28 days to decide and the partner 28 days to respond, across month ends', () => {
    assert.equal(decisionDueOn('2026-05-01'), '2026-05-29');
    assert.equal(decisionDueOn('2026-02-10'), '2026-03-10');
    assert.equal(defaultResponseDueOn('2026-12-15'), '2027-01-12');
  });

  it('flags the decision and the response as overdue only after the day they are due', () => {
    const raised = dates();
    assert.deepEqual(nextDate(raised, '2026-05-29'), {
      kind: 'decision',
      label: 'Decision due',
      on: '2026-05-29',
      overdue: false,
    });
    assert.equal(nextDate(raised, '2026-05-30')?.overdue, true);
    const awaiting = dates({ status: 'awaiting_response', response_due_on: '2026-08-01' });
    assert.equal(nextDate(awaiting, '2026-08-01')?.overdue, false);
    assert.equal(nextDate(awaiting, '2026-08-02')?.overdue, true);
    const hearing = dates({ status: 'hearing_scheduled', hearing_on: '2026-06-10' });
    assert.deepEqual(nextDate(hearing, '2026-07-01'), {
      kind: 'hearing',
      label: 'Hearing',
      on: '2026-06-10',
      overdue: false,
    });
    for (const status of ['accepted', 'partner_invited', 'response_received', 'refused', 'closed'] as const)
      assert.equal(nextDate(dates({ status }), '2026-09-01'), null, status);
  });

  it('checks each step’s date against today and the steps before it', () => {
    const today = '2026-06-15';
    assert.equal(stepDateProblem('accept', '2026-06-15', dates(), today), null);
    assert.equal(
      stepDateProblem('accept', '2026-06-16', dates(), today),
      'The date must be today or earlier',
    );
    assert.match(
      stepDateProblem('refuse', '2026-04-30', dates(), today)!,
      /on or after the date it was raised \(1 May 2026\)/,
    );
    const accepted = dates({ status: 'accepted', decided_on: '2026-05-10' });
    assert.match(
      stepDateProblem('invite_partner', '2026-05-09', accepted, today)!,
      /the date it was accepted/,
    );
    const invited = { ...accepted, status: 'partner_invited' as const, partner_invited_on: '2026-05-12' };
    assert.equal(
      stepDateProblem('schedule_hearing', '2026-07-01', invited, today),
      null,
      'a hearing can be ahead',
    );
    assert.match(stepDateProblem('schedule_hearing', '2026-05-11', invited, today)!, /asked to attend/);
    const heard = { ...invited, status: 'hearing_scheduled' as const, hearing_on: '2026-06-01' };
    assert.match(
      stepDateProblem('record_recommendations', '2026-05-31', heard, today)!,
      /the hearing \(1 June 2026\)/,
    );
    assert.equal(stepDateProblem('record_recommendations', '2026-06-01', heard, today), null);
    const awaiting = { ...heard, status: 'awaiting_response' as const, recommendations_on: '2026-06-02' };
    assert.equal(stepDateProblem('set_response_due', '2026-08-01', awaiting, today), null);
    assert.match(stepDateProblem('record_response', '2026-06-01', awaiting, today)!, /recommendations/);
    assert.match(stepDateProblem('close', '2026-06-01', awaiting, today)!, /recommendations/);
  });

  it('describes each step of the timeline in words', () => {
    const line = (step: CcfaStep | 'raise', due: string | null = null) =>
      stepDescription(
        { step, happened_on: '2026-05-01', due_on: due, note: null },
        'Kelmsfield Homes',
        'Councillor Neil Trencher',
      );
    assert.equal(
      line('raise', '2026-05-29'),
      'Raised by Councillor Neil Trencher about Kelmsfield Homes. Overview and scrutiny to decide whether to accept it by 29 May 2026.',
    );
    assert.equal(line('schedule_hearing', '2026-06-10'), 'Hearing set for 10 June 2026.');
    assert.equal(
      line('record_recommendations', '2026-07-01'),
      'Recommendations made. Kelmsfield Homes to respond by 1 July 2026.',
    );
    for (const step of ccfaSteps) assert.ok(line(step, '2026-07-01').endsWith('.'), step);
  });
});
