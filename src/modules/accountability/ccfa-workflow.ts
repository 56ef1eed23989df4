/**
 * The Councillor Call for Action, step by step. A frontline councillor raises a case
 * about a partner agency; overview and scrutiny accepts it or refuses it (with its
 * reason), asks the partner to attend, sets the hearing date, makes recommendations;
 * the partner's response is due (28 days after the recommendations unless scrutiny sets
 * another date) and is recorded; then the case is closed.
 *
 * Pure: the order of the steps, the deadlines and the checks on each step's date.
 * Nothing here reads the clock: "today" is always given.
 */
import { formatDate } from '../../platform/time.ts';

export const ccfaStatuses = [
  'raised',
  'accepted',
  'refused',
  'partner_invited',
  'hearing_scheduled',
  'awaiting_response',
  'response_received',
  'closed',
] as const;
export type CcfaStatus = (typeof ccfaStatuses)[number];

/** Each status as the public register says it. */
export const ccfaStatusNames: Record<CcfaStatus, string> = {
  raised: 'Awaiting a decision',
  accepted: 'Accepted',
  refused: 'Refused',
  partner_invited: 'Partner asked to attend',
  hearing_scheduled: 'Hearing arranged',
  awaiting_response: 'Awaiting the partner’s response',
  response_received: 'Response received',
  closed: 'Closed',
};

/** The steps overview and scrutiny records. Raising a case is not one of them: it creates the case. */
export const ccfaSteps = [
  'accept',
  'refuse',
  'invite_partner',
  'schedule_hearing',
  'record_recommendations',
  'set_response_due',
  'record_response',
  'close',
] as const;
export type CcfaStep = (typeof ccfaSteps)[number];

export const ccfaStepNames: Record<CcfaStep, string> = {
  accept: 'Accept the call for action',
  refuse: 'Refuse the call for action',
  invite_partner: 'Ask the partner to attend',
  schedule_hearing: 'Set the hearing date',
  record_recommendations: 'Record the recommendations',
  set_response_due: 'Change when the response is due',
  record_response: 'Record the partner’s response',
  close: 'Close the call for action',
};

/** Which step leads from each status to which. A status with no steps is final. */
const transitions: Record<CcfaStatus, Partial<Record<CcfaStep, CcfaStatus>>> = {
  raised: { accept: 'accepted', refuse: 'refused' },
  accepted: { invite_partner: 'partner_invited', close: 'closed' },
  partner_invited: { schedule_hearing: 'hearing_scheduled', close: 'closed' },
  // The hearing can be moved until it has been held and recommendations made.
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

/** The status a step leads to, or null when the step cannot be taken now. */
export function nextStatus(status: CcfaStatus, step: CcfaStep): CcfaStatus | null {
  return transitions[status][step] ?? null;
}

/** The steps that can be taken from a status, in the order they are listed above. */
export function allowedSteps(status: CcfaStatus): CcfaStep[] {
  return ccfaSteps.filter((step) => nextStatus(status, step) !== null);
}

export function isFinal(status: CcfaStatus): boolean {
  return allowedSteps(status).length === 0;
}

/**
 * Closing before the partner has responded (the councillor withdrew it, or the matter
 * was put right before the hearing) must say why.
 */
export function closingNeedsOutcome(status: CcfaStatus): boolean {
  return status !== 'response_received';
}

/** Why a step cannot be taken now, in plain words; null when it can. */
export function whyNot(status: CcfaStatus, step: CcfaStep): string | null {
  if (nextStatus(status, step) !== null) return null;
  if (isFinal(status))
    return `This call for action is ${ccfaStatusNames[status].toLowerCase()}, so no further steps can be recorded on it.`;
  const next = allowedSteps(status)
    .map((s) => ccfaStepNames[s].toLowerCase())
    .join(', or ');
  return `“${ccfaStepNames[step]}” cannot be recorded now: this call for action’s status is “${ccfaStatusNames[status]}”. What can be done next: ${next}.`;
}

// ---------------------------------------------------------------------------
// Deadlines

/** Overview and scrutiny decides whether to accept a call for action within this many days of its being raised. */
export const decisionDays = 28;
/** The partner responds to the recommendations within this many days, unless scrutiny sets another date. */
export const responseDays = 28;

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export const decisionDueOn = (raisedOn: string) => addDays(raisedOn, decisionDays);
export const defaultResponseDueOn = (recommendationsOn: string) => addDays(recommendationsOn, responseDays);

export interface CaseDates {
  status: CcfaStatus;
  raised_on: string;
  decision_due_on: string;
  decided_on: string | null;
  partner_invited_on: string | null;
  hearing_on: string | null;
  recommendations_on: string | null;
  response_due_on: string | null;
  response_received_on: string | null;
}

export interface NextDate {
  kind: 'decision' | 'hearing' | 'response';
  /** What falls on the date, like "Decision due". */
  label: string;
  on: string;
  /** A deadline that has passed with nothing done. A hearing is a date, not a deadline: never overdue. */
  overdue: boolean;
}

/** The next date that matters on an open case: the decision, the hearing or the response. On the day itself it is not yet overdue. */
export function nextDate(c: CaseDates, today: string): NextDate | null {
  switch (c.status) {
    case 'raised':
      return {
        kind: 'decision',
        label: 'Decision due',
        on: c.decision_due_on,
        overdue: c.decision_due_on < today,
      };
    case 'hearing_scheduled':
      return c.hearing_on ? { kind: 'hearing', label: 'Hearing', on: c.hearing_on, overdue: false } : null;
    case 'awaiting_response':
      return c.response_due_on
        ? {
            kind: 'response',
            label: 'Response due',
            on: c.response_due_on,
            overdue: c.response_due_on < today,
          }
        : null;
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------
// The dates each step records

/** The date a step has to come on or after, with what that date is, in words. */
function notBefore(step: CcfaStep, c: CaseDates): { on: string; what: string } {
  const latest = (candidates: [string | null, string][]) =>
    candidates
      .filter((x): x is [string, string] => x[0] !== null)
      .reduce<{ on: string; what: string }>((best, [on, what]) => (on > best.on ? { on, what } : best), {
        on: c.raised_on,
        what: 'the date it was raised',
      });
  switch (step) {
    case 'accept':
    case 'refuse':
      return latest([]);
    case 'invite_partner':
      return latest([[c.decided_on, 'the date it was accepted']]);
    case 'schedule_hearing':
      return latest([
        [c.decided_on, 'the date it was accepted'],
        [c.partner_invited_on, 'the date the partner was asked to attend'],
      ]);
    case 'record_recommendations':
      return latest([
        [c.partner_invited_on, 'the date the partner was asked to attend'],
        [c.hearing_on, 'the hearing'],
      ]);
    case 'set_response_due':
    case 'record_response':
      return latest([[c.recommendations_on, 'the date of the recommendations']]);
    case 'close':
      return latest([
        [c.decided_on, 'the date it was accepted'],
        [c.partner_invited_on, 'the date the partner was asked to attend'],
        [c.recommendations_on, 'the date of the recommendations'],
        [c.response_received_on, 'the date the response was received'],
      ]);
  }
}

/** Steps that record something already done, so their date cannot be in the future. */
const happened: Record<CcfaStep, boolean> = {
  accept: true,
  refuse: true,
  invite_partner: true,
  // A hearing is arranged for a day to come; the due date of a response is a day to come.
  schedule_hearing: false,
  record_recommendations: true,
  set_response_due: false,
  record_response: true,
  close: true,
};

/** What is wrong with the date a step records, in plain words; null when it is fine. */
export function stepDateProblem(step: CcfaStep, date: string, c: CaseDates, today: string): string | null {
  if (happened[step] && date > today) return 'The date must be today or earlier';
  const earliest = notBefore(step, c);
  if (date < earliest.on) return `The date must be on or after ${earliest.what} (${formatDate(earliest.on)})`;
  return null;
}

// ---------------------------------------------------------------------------
// The timeline

export interface StepRecord {
  step: CcfaStep | 'raise';
  happened_on: string;
  due_on: string | null;
  note: string | null;
}

/** One line of the public timeline for a step. */
export function stepDescription(record: StepRecord, partnerName: string, councillorName: string): string {
  const due = record.due_on ? formatDate(record.due_on) : '';
  switch (record.step) {
    case 'raise':
      return `Raised by ${councillorName} about ${partnerName}. Overview and scrutiny to decide whether to accept it by ${due}.`;
    case 'accept':
      return 'Accepted by overview and scrutiny.';
    case 'refuse':
      return 'Refused by overview and scrutiny.';
    case 'invite_partner':
      return `${partnerName} asked to attend overview and scrutiny.`;
    case 'schedule_hearing':
      return `Hearing set for ${due}.`;
    case 'record_recommendations':
      return `Recommendations made. ${partnerName} to respond by ${due}.`;
    case 'set_response_due':
      return `The date for ${partnerName}’s response changed to ${due}.`;
    case 'record_response':
      return `Response received from ${partnerName}.`;
    case 'close':
      return 'Closed.';
  }
}
