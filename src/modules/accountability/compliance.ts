/**
 * Whether each partner keeps to what it undertook in a partnership agreement, worked out
 * from the records and never typed in: the attendance recorded at the partnership's
 * meetings, the contributions recorded against the agreement, and the quarterly returns
 * the action plan shows as made.
 *
 * Pure: the service reads the records and passes them in; "today" is always given.
 */
import { returnStatus, type ReturnState, type ReturnStatus } from '../../domain/action-plan.ts';
import {
  addMonths,
  lastCompletedQuarter,
  quarterOf,
  quartersBetween,
  type Period,
} from '../../domain/periods.ts';
import { representsSeat, type AttendanceStatus } from '../../domain/quorum.ts';
import { formatPounds } from '../../platform/money.ts';
import { formatDate } from '../../platform/time.ts';
import { addDays } from './ccfa-workflow.ts';

export const obligationKinds = [
  'attendance',
  'financial',
  'staff_time',
  'data_returns',
  'resources',
] as const;
export type ObligationKind = (typeof obligationKinds)[number];
export const obligationKindNames: Record<ObligationKind, string> = {
  attendance: 'Attendance at meetings',
  financial: 'Money',
  staff_time: 'Staff time',
  data_returns: 'Quarterly returns',
  resources: 'Sharing resources',
};

export const complianceStates = ['met', 'not_met', 'not_yet_due'] as const;
export type ComplianceState = (typeof complianceStates)[number];
export const complianceStateNames: Record<ComplianceState, string> = {
  met: 'Met',
  not_met: 'Not met',
  not_yet_due: 'Not yet due',
};

export interface Compliance {
  state: ComplianceState;
  stateName: string;
  /** The figures behind the state, in one or two sentences. */
  summary: string;
}

/** An agreement's period: both dates inside it (yyyy-mm-dd). */
export interface AgreementPeriod {
  startsOn: string;
  endsOn: string;
}

function judged(state: ComplianceState, summary: string): Compliance {
  return { state, stateName: complianceStateNames[state], summary };
}

const notStarted = (period: AgreementPeriod) =>
  judged('not_yet_due', `The agreement starts on ${formatDate(period.startsOn)}.`);

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The days from one date to another, counting both. */
function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000) + 1;
}

// ---------------------------------------------------------------------------
// Attendance

/** A meeting of the partnership that was held, on its London date. */
export interface HeldMeeting {
  id: number;
  date: string;
  /** Whether anyone's attendance was recorded at it. A meeting with none recorded is not judged. */
  attendanceRecorded: boolean;
}

/** One of the organisation's seats (a membership as chair, vice-chair or member). */
export interface SeatRecord {
  membershipId: number;
  startsOn: string;
  endsOn: string | null;
}

export interface AttendanceRow {
  meetingId: number;
  membershipId: number;
  status: AttendanceStatus;
}

export interface AttendanceTally {
  /** Meetings held in the window, whether or not the organisation had a seat. */
  meetingsHeld: number;
  /** Held meetings whose attendance is not recorded yet. */
  unrecorded: number;
  /** Meetings at which the organisation had a seat and attendance was recorded. */
  expected: number;
  /** Of those, the ones where one of its seats was filled by its member or a substitute. */
  attended: number;
  /** attended out of expected; null when nothing was expected. */
  rate: number | null;
}

/**
 * How often an organisation was at the table: of the meetings held at which it had a
 * seat (on the day, or with its seat's attendance recorded), those at which at least one
 * of its seats was present or substituted. An organisation with two seats counts once a meeting.
 */
export function organisationAttendance(
  meetings: HeldMeeting[],
  seats: SeatRecord[],
  rows: AttendanceRow[],
): AttendanceTally {
  const ownSeats = new Set(seats.map((s) => s.membershipId));
  let expected = 0;
  let attended = 0;
  for (const meeting of meetings) {
    if (!meeting.attendanceRecorded) continue;
    const own = rows.filter((r) => r.meetingId === meeting.id && ownSeats.has(r.membershipId));
    const seated = seats.some(
      (s) => s.startsOn <= meeting.date && (s.endsOn === null || s.endsOn >= meeting.date),
    );
    if (!seated && own.length === 0) continue;
    expected += 1;
    if (own.some((r) => representsSeat(r.status))) attended += 1;
  }
  return {
    meetingsHeld: meetings.length,
    unrecorded: meetings.filter((m) => !m.attendanceRecorded).length,
    expected,
    attended,
    rate: expected === 0 ? null : attended / expected,
  };
}

export function attendanceCompliance(
  targetPercent: number,
  tally: AttendanceTally,
  period: AgreementPeriod,
  today: string,
): Compliance {
  if (today < period.startsOn) return notStarted(period);
  const asks = `the agreement asks for at least ${targetPercent}%`;
  if (tally.expected === 0) {
    if (tally.meetingsHeld === 0) return judged('not_yet_due', 'No meetings held yet in this period.');
    if (tally.unrecorded === tally.meetingsHeld)
      return judged(
        'not_yet_due',
        `${count(tally.meetingsHeld, 'meeting')} held, but attendance has not been recorded yet.`,
      );
    return judged(
      'not_yet_due',
      `${count(tally.meetingsHeld, 'meeting')} held in this period, none while the partner had a seat.`,
    );
  }
  const met = tally.attended * 100 >= targetPercent * tally.expected;
  return judged(
    met ? 'met' : 'not_met',
    `Attended ${tally.attended} of ${count(tally.expected, 'meeting')} (${percent(tally.rate!)}); ${asks}.`,
  );
}

// ---------------------------------------------------------------------------
// Money and staff time: so much each year of the agreement

/** A year of an agreement: twelve months from its start, the last one cut short at its end. */
export interface AgreementYear {
  start: string;
  end: string;
  /** The share of a whole year it covers: 1 except for a short last year. */
  fraction: number;
}

export function agreementYears(period: AgreementPeriod): AgreementYear[] {
  const years: AgreementYear[] = [];
  for (let n = 0; ; n++) {
    const start = addMonths(period.startsOn, 12 * n);
    if (start > period.endsOn) break;
    const fullEnd = addDays(addMonths(period.startsOn, 12 * (n + 1)), -1);
    const end = fullEnd < period.endsOn ? fullEnd : period.endsOn;
    years.push({ start, end, fraction: daysIn(start, end) / daysIn(start, fullEnd) });
  }
  return years;
}

export type AnnualUnit = 'pence' | 'fte';

export interface Contribution {
  on: string;
  amountPence: number | null;
  staffFte: number | null;
  resources: string | null;
}

export interface YearAssessment extends AgreementYear {
  due: number;
  given: number;
  state: ComplianceState;
}

const amountOf = (unit: AnnualUnit, c: Contribution) => (unit === 'pence' ? c.amountPence : c.staffFte) ?? 0;

/** The amount due for a year: the yearly amount, in proportion for a short last year (pence whole, FTE to 2 places). */
function dueFor(unit: AnnualUnit, perYear: number, fraction: number): number {
  return unit === 'pence' ? Math.round(perYear * fraction) : Math.round(perYear * fraction * 100) / 100;
}

export function formatAmount(unit: AnnualUnit, amount: number): string {
  if (unit === 'pence') return formatPounds(amount);
  return `${Number(amount.toFixed(2)).toLocaleString('en-GB')} FTE`;
}

/** Each year's contributions against what is due for it. Sums of staff time are compared to a thousandth, so 0.7 + 0.1 is 0.8. */
export function assessYears(
  unit: AnnualUnit,
  perYear: number,
  contributions: Contribution[],
  period: AgreementPeriod,
  today: string,
): YearAssessment[] {
  return agreementYears(period).map((year) => {
    const due = dueFor(unit, perYear, year.fraction);
    const given = contributions
      .filter((c) => c.on >= year.start && c.on <= year.end && c.on <= today)
      .reduce((sum, c) => sum + amountOf(unit, c), 0);
    const enough = Math.round(given * 1000) >= Math.round(due * 1000);
    const state: ComplianceState = enough ? 'met' : year.end < today ? 'not_met' : 'not_yet_due';
    return { ...year, due, given, state };
  });
}

export function annualCompliance(
  unit: AnnualUnit,
  perYear: number,
  contributions: Contribution[],
  period: AgreementPeriod,
  today: string,
): Compliance & { years: YearAssessment[] } {
  const years = assessYears(unit, perYear, contributions, period, today);
  const result = (c: Compliance) => ({ ...c, years });
  if (today < period.startsOn) return result(notStarted(period));
  const show = (amount: number) => formatAmount(unit, amount);
  const yearTo = (y: YearAssessment) => `the year to ${formatDate(y.end)}`;
  const failed = years.find((y) => y.state === 'not_met');
  if (failed)
    return result(
      judged('not_met', `${show(failed.given)} of ${show(failed.due)} given in ${yearTo(failed)}.`),
    );
  const ended = years.filter((y) => y.end < today);
  const current = years.find((y) => y.start <= today && y.end >= today);
  const soFar = ended.length
    ? ended.length === 1
      ? `Given in full in ${yearTo(ended[0]!)}.`
      : `Given in full in each of the ${ended.length} years so far.`
    : '';
  if (!current) return result(judged('met', soFar));
  const thisYear =
    current.state === 'met'
      ? `${show(current.given)} of ${show(current.due)} given in ${yearTo(current)}.`
      : `${show(current.given)} of ${show(current.due)} given so far in ${yearTo(current)}.`;
  const summary = [soFar, thisYear].filter(Boolean).join(' ');
  return result(judged(current.state === 'met' || ended.length > 0 ? 'met' : 'not_yet_due', summary));
}

// ---------------------------------------------------------------------------
// Quarterly returns, as the action plan decides them

/** What decides whether an organisation made its return for a quarter (see returnStatus). */
export interface ReturnRecords {
  actions: { id: number; title: string; status: string; starts_on: string | null; updatesOn: string[] }[];
  /** The targets it leads. */
  targets: { id: number; label: string; frequency: string; indicatorId: number; areaId: number }[];
  /** `indicatorId:areaId:period` of every figure (or recorded reason for none). */
  figures: Set<string>;
}

export const figureKey = (indicatorId: number, areaId: number, period: string) =>
  `${indicatorId}:${areaId}:${period}`;

/**
 * The organisation's return for a quarter, decided by the action plan's own rule
 * (returnStatus). The return is made during the following quarter, so an update counts
 * for it if it was made after the quarter ended and by the end of the next one. For the
 * quarter being reported on now this is exactly the return the action plan shows.
 */
export function quarterReturn(records: ReturnRecords, quarter: Period): ReturnStatus {
  const windowEnd = addDays(addMonths(quarter.start, 6), -1);
  return returnStatus(
    quarter,
    records.actions.map((a) => ({
      id: a.id,
      title: a.title,
      status: a.status,
      starts_on: a.starts_on,
      latestUpdateOn: a.updatesOn
        .filter((d) => d <= windowEnd)
        .reduce<string | null>((latest, d) => (latest === null || d > latest ? d : latest), null),
    })),
    records.targets.map((t) => ({
      id: t.id,
      label: t.label,
      frequency: t.frequency,
      hasValue: records.figures.has(figureKey(t.indicatorId, t.areaId, quarter.code)),
    })),
  );
}

/**
 * The quarters whose returns count in a window of dates: those that end inside it. A
 * quarter's return is judged once the quarter after it is over ("closed"); the quarter
 * being reported on now ("open") counts only once its return is made.
 */
export function returnQuarters(
  from: string,
  to: string,
  today: string,
): { closed: Period[]; open: Period | null } {
  const reporting = lastCompletedQuarter(today);
  if (from > reporting.end) return { closed: [], open: null };
  const candidates = quartersBetween(quarterOf(from), reporting).filter((q) => q.end >= from && q.end <= to);
  return {
    closed: candidates.filter((q) => q.end < reporting.start),
    open: candidates.find((q) => q.code === reporting.code) ?? null,
  };
}

export interface ReturnsTally {
  quarters: { quarter: Period; state: ReturnState; stateName: string; counted: boolean }[];
  /** Returns that were due (something was due in them) and have been judged. */
  counted: number;
  made: number;
  rate: number | null;
  /** The quarter being reported on now, when its return is not made yet. */
  pending: Period | null;
}

export function returnsTally(records: ReturnRecords, from: string, to: string, today: string): ReturnsTally {
  const { closed, open } = returnQuarters(from, to, today);
  const quarters = [...closed, ...(open ? [open] : [])].map((quarter) => {
    const status = quarterReturn(records, quarter);
    const counted = status.state !== 'nothing_due' && (quarter !== open || status.state === 'made');
    return { quarter, state: status.state, stateName: status.stateName, counted };
  });
  const counted = quarters.filter((q) => q.counted);
  const made = counted.filter((q) => q.state === 'made').length;
  const last = quarters.at(-1);
  return {
    quarters,
    counted: counted.length,
    made,
    rate: counted.length === 0 ? null : made / counted.length,
    pending:
      open && last && last.quarter === open && !last.counted && last.state !== 'nothing_due' ? open : null,
  };
}

export function returnsCompliance(
  targetPercent: number,
  tally: ReturnsTally,
  period: AgreementPeriod,
  today: string,
): Compliance {
  if (today < period.startsOn) return notStarted(period);
  const pending = tally.pending ? ` The return for ${tally.pending.code} is being made now.` : '';
  if (tally.counted === 0) {
    const none =
      tally.quarters.length === 0 || tally.pending
        ? 'No quarterly return has fallen due yet in this period.'
        : 'Nothing has been due in its quarterly returns so far: no open actions and no targets with quarterly figures.';
    return judged('not_yet_due', `${none}${pending}`);
  }
  const met = tally.made * 100 >= targetPercent * tally.counted;
  return judged(
    met ? 'met' : 'not_met',
    `${tally.made} of ${count(tally.counted, 'quarterly return')} made (${percent(tally.rate!)}); the agreement asks for at least ${targetPercent}%.${pending}`,
  );
}

// ---------------------------------------------------------------------------
// Resources, and one obligation of any kind

export function resourcesCompliance(
  contributions: Contribution[],
  period: AgreementPeriod,
  today: string,
): Compliance {
  if (today < period.startsOn) return notStarted(period);
  const shared = contributions.filter(
    (c) => c.resources !== null && c.on >= period.startsOn && c.on <= period.endsOn && c.on <= today,
  );
  if (shared.length > 0) {
    const latest = shared.reduce((a, b) => (b.on > a.on ? b : a));
    return judged(
      'met',
      `${count(shared.length, 'contribution')} of resources recorded, the latest on ${formatDate(latest.on)}: ${latest.resources}.`,
    );
  }
  return period.endsOn < today
    ? judged('not_met', 'No resources were recorded in the period of the agreement.')
    : judged('not_yet_due', `None recorded yet; the agreement runs to ${formatDate(period.endsOn)}.`);
}

export interface ObligationTerms {
  kind: ObligationKind;
  target_percent: number | null;
  amount_pence: number | null;
  staff_fte: number | null;
  description: string | null;
}

/** What the partner undertook, in words: "At least 75% of meetings", "£20,000 a year". */
export function termsInWords(o: ObligationTerms): string {
  switch (o.kind) {
    case 'attendance':
      return `At least ${o.target_percent ?? 0}% of the partnership’s meetings`;
    case 'financial':
      return `${formatPounds(o.amount_pence ?? 0)} a year`;
    case 'staff_time':
      return `${formatAmount('fte', o.staff_fte ?? 0)} of staff time a year`;
    case 'data_returns':
      return `At least ${o.target_percent ?? 0}% of quarterly returns made`;
    case 'resources':
      return o.description ?? 'Resources shared with the partnership';
  }
}

/** Everything compliance is judged from for one partner. */
export interface PartnerRecords {
  attendance: AttendanceTally;
  contributions: Contribution[];
  returns: ReturnsTally;
}

export function obligationCompliance(
  o: ObligationTerms,
  records: PartnerRecords,
  period: AgreementPeriod,
  today: string,
): Compliance {
  switch (o.kind) {
    case 'attendance':
      return attendanceCompliance(o.target_percent ?? 100, records.attendance, period, today);
    case 'financial':
      return annualCompliance('pence', o.amount_pence ?? 0, records.contributions, period, today);
    case 'staff_time':
      return annualCompliance('fte', o.staff_fte ?? 0, records.contributions, period, today);
    case 'data_returns':
      return returnsCompliance(o.target_percent ?? 100, records.returns, period, today);
    case 'resources':
      return resourcesCompliance(records.contributions, period, today);
  }
}

function count(n: number, singular: string): string {
  return `${n} ${n === 1 ? singular : `${singular}s`}`;
}
