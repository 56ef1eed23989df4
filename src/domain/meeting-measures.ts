/**
 * Measures of how a partnership's meetings work: who turns up, whether the principal
 * members come or send substitutes, how much of the agenda is decided rather than
 * merely reported, whether actions arising are done on time, and whether one
 * organisation or sector dominates. These are the questions a partnership's annual
 * self-assessment (and an auditor) asks.
 *
 * Pure: the service reads the records and passes them in, already filtered to the
 * window of dates being reported on; "today" is passed in too.
 */

import type { AttendanceStatus } from './quorum.ts';

/** One seat at one meeting, with the group it is counted under. */
export interface AttendanceRecord {
  meetingId: number;
  /** The grouping: an organisation id, sector code, person id or partnership id, as text. */
  key: string;
  /** 'substituted' already says that a substitute attended, so no separate flag is needed. */
  status: AttendanceStatus;
}

export interface AttendanceMeasure {
  /** Distinct meetings the group had a seat at. */
  meetings: number;
  /** Seat-meetings: one seat at one meeting. */
  seats: number;
  present: number;
  substituted: number;
  apologies: number;
  absent: number;
  /** Share of seat-meetings represented by the member or a substitute, 0 to 1. Never null: a group has at least one record. */
  attendanceRate: number;
  /** Share of seat-meetings filled by a substitute, 0 to 1. */
  substitutionRate: number;
  /** Seat-meetings nobody represented: apologies plus absences. */
  emptySeats: number;
  /** Of the seat-meetings represented, the share where the principal member came in person; null when none were. */
  principalShare: number | null;
}

/** Attendance by group (organisation, sector, person or partnership), in the order each group first appears. */
export function attendanceMeasures(records: AttendanceRecord[]): Map<string, AttendanceMeasure> {
  const tallies = new Map<string, { meetings: Set<number>; counts: Record<AttendanceStatus, number> }>();
  for (const record of records) {
    let tally = tallies.get(record.key);
    if (!tally) {
      tally = { meetings: new Set(), counts: { present: 0, substituted: 0, apologies: 0, absent: 0 } };
      tallies.set(record.key, tally);
    }
    tally.meetings.add(record.meetingId);
    tally.counts[record.status]++;
  }
  const measures = new Map<string, AttendanceMeasure>();
  for (const [key, { meetings, counts }] of tallies) {
    measures.set(key, measureOf(meetings.size, counts));
  }
  return measures;
}

function measureOf(meetings: number, counts: Record<AttendanceStatus, number>): AttendanceMeasure {
  const { present, substituted, apologies, absent } = counts;
  const seats = present + substituted + apologies + absent;
  const represented = present + substituted;
  return {
    meetings,
    seats,
    ...counts,
    attendanceRate: represented / seats,
    substitutionRate: substituted / seats,
    emptySeats: apologies + absent,
    principalShare: share(present, represented),
  };
}

/** A part of a whole, or null when the whole is nothing: "no data" is not the same as 0%. */
function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Why an agenda item is there: to decide something, to discuss it, or to note it. */
export type ItemPurpose = 'decision' | 'discussion' | 'information';

export interface MeetingRecord {
  id: number;
  /** How long the meeting lasted in minutes, or null when not recorded. */
  minutes: number | null;
  items: { purpose: ItemPurpose }[];
  /** Decisions recorded in the minutes. */
  decisions: number;
}

/** An action arising from a meeting, with ISO dates. */
export interface ActionArising {
  dueOn: string;
  completedOn: string | null;
}

export interface MeetingEffectiveness {
  meetings: number;
  items: number;
  /** Shares of agenda items by purpose, 0 to 1; null when there were no items. */
  decisionShare: number | null;
  discussionShare: number | null;
  informationShare: number | null;
  decisions: number;
  /** Decisions per hour of meetings whose length is known; null when no length is known. */
  decisionsPerHour: number | null;
  /** Actions due on or before today. */
  actionsDue: number;
  /** Of the actions due, those completed on or before their due date. */
  actionsCompletedOnTime: number;
  /** actionsCompletedOnTime out of actionsDue; null when nothing is due yet. */
  onTimeShare: number | null;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Dates are compared as text, which only works for year-month-day: refuse anything else rather than mislead. */
function checkDate(date: string): string {
  if (!isoDate.test(date))
    throw new Error(`"${date}" is not a date written as year-month-day, like 2026-03-31`);
  return date;
}

/**
 * How much a set of meetings got done: the balance of the agenda between deciding,
 * discussing and noting; decisions per hour; and whether actions arising were done on
 * time. Only meetings with a known length (more than 0 minutes) count towards decisions
 * per hour, in both the decisions and the hours, so an unrecorded length cannot inflate
 * the rate. An action is judged once due: one finished early but not yet due is left out
 * of both actionsDue and actionsCompletedOnTime, so the share is always of the same actions.
 */
export function meetingEffectiveness(
  meetings: MeetingRecord[],
  actionsArising: ActionArising[],
  today: string,
): MeetingEffectiveness {
  const items = meetings.flatMap((m) => m.items);
  const purposeShare = (purpose: ItemPurpose) =>
    share(items.filter((item) => item.purpose === purpose).length, items.length);
  const timed = meetings.filter((m) => m.minutes !== null && m.minutes > 0);
  const timedMinutes = timed.reduce((sum, m) => sum + (m.minutes ?? 0), 0);
  const timedDecisions = timed.reduce((sum, m) => sum + m.decisions, 0);
  const asOf = checkDate(today);
  const due = actionsArising.filter((a) => checkDate(a.dueOn) <= asOf);
  const onTime = due.filter((a) => a.completedOn !== null && checkDate(a.completedOn) <= a.dueOn).length;
  return {
    meetings: meetings.length,
    items: items.length,
    decisionShare: purposeShare('decision'),
    discussionShare: purposeShare('discussion'),
    informationShare: purposeShare('information'),
    decisions: meetings.reduce((sum, m) => sum + m.decisions, 0),
    decisionsPerHour: timedMinutes === 0 ? null : timedDecisions / (timedMinutes / 60),
    actionsDue: due.length,
    actionsCompletedOnTime: onTime,
    onTimeShare: share(onTime, due.length),
  };
}

/**
 * The Herfindahl–Hirschman index: the sum of each group's squared share, from near 0
 * (spread thinly across many) to 1 (all with one). null when the total is 0.
 * Throws RangeError on a negative or non-finite count.
 */
export function herfindahl(counts: number[]): number | null {
  for (const count of counts) {
    if (!Number.isFinite(count) || count < 0) throw new RangeError(`A count must be 0 or more, not ${count}`);
  }
  const total = counts.reduce((sum, c) => sum + c, 0);
  if (total === 0) return null;
  return counts.reduce((sum, c) => sum + (c / total) ** 2, 0);
}

export type ConcentrationBand = 'unconcentrated' | 'moderately concentrated' | 'highly concentrated';

/**
 * The US Department of Justice bands (below 1,500, 1,500 to 2,500, above 2,500 on its
 * 0 to 10,000 scale), read on a 0 to 1 scale. Rounded first, so that 0.15 worked out as
 * 0.15000000000000002 still counts as moderately concentrated.
 */
export function concentrationBand(index: number): ConcentrationBand {
  const rounded = Math.round(index * 1e9) / 1e9;
  if (rounded < 0.15) return 'unconcentrated';
  if (rounded <= 0.25) return 'moderately concentrated';
  return 'highly concentrated';
}

/** The words for one kind of concentration, so sentences read naturally whatever is being counted. */
export interface ConcentrationWords {
  /** Who holds the shares, one and several: 'organisation', 'organisations'. */
  holder: string;
  holders: string;
  /** What one holder does, and what several do: 'presents', 'present'. */
  verb: string;
  verbPlural: string;
  /** What is shared out, in the plural: 'items'. */
  noun: string;
  /** The whole sentence when there is nothing to share out: 'No items presented yet.' */
  none: string;
}

/** Ready-made words for the concentrations the meetings pages show. */
export const concentrationWords = {
  itemsPresented: {
    holder: 'organisation',
    holders: 'organisations',
    verb: 'presents',
    verbPlural: 'present',
    noun: 'items',
    none: 'No items presented yet.',
  },
  seatsHeld: {
    holder: 'organisation',
    holders: 'organisations',
    verb: 'holds',
    verbPlural: 'hold',
    noun: 'seats',
    none: 'No seats held yet.',
  },
  seatsHeldBySector: {
    holder: 'sector',
    holders: 'sectors',
    verb: 'holds',
    verbPlural: 'hold',
    noun: 'seats',
    none: 'No seats held yet.',
  },
  actionsLed: {
    holder: 'organisation',
    holders: 'organisations',
    verb: 'leads',
    verbPlural: 'lead',
    noun: 'actions',
    none: 'No actions led yet.',
  },
} satisfies Record<string, ConcentrationWords>;

export interface ConcentrationReading {
  /** The Herfindahl–Hirschman index, 0 to 1; null when there is nothing to share out. */
  index: number | null;
  band: ConcentrationBand | null;
  /** One plain sentence, e.g. "One organisation, Kelmsfield Borough Council, presents 70% of items (highly concentrated)." */
  words: string;
}

/**
 * How concentrated something is among its holders, in one sentence. One holder with at
 * least half (and more than any other) is named alone; otherwise the top two are named
 * if together they have at least three quarters; otherwise the spread and the largest
 * are given. Equal counts are ordered by name, so the first alphabetically is named.
 * Holders with a count of 0 are left out. Each name should appear once.
 */
export function concentrationReading(
  counts: { name: string; count: number }[],
  words: ConcentrationWords,
): ConcentrationReading {
  const index = herfindahl(counts.map((c) => c.count));
  const ranked = counts
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'en-GB'));
  const [first, second] = ranked;
  if (index === null || !first) return { index: null, band: null, words: words.none };
  const band = concentrationBand(index);
  const total = ranked.reduce((sum, c) => sum + c.count, 0);
  const amount = (part: number) =>
    part === total ? `all ${words.noun}` : `${percent(part, total)} of ${words.noun}`;
  let sentence: string;
  if (first.count * 2 >= total && (!second || first.count > second.count)) {
    sentence = `One ${words.holder}, ${first.name}, ${words.verb} ${amount(first.count)} (${band}).`;
  } else if (second && (first.count + second.count) * 4 >= total * 3) {
    const both = first.count + second.count;
    sentence = `Two ${words.holders} ${words.verbPlural} ${amount(both)} (${band}): ${first.name} and ${second.name}.`;
  } else {
    sentence = `Spread across ${ranked.length} ${words.holders} (${band}); the largest, ${first.name}, ${words.verb} ${amount(first.count)}.`;
  }
  return { index, band, words: sentence };
}

/**
 * A whole-number percentage. Never "100%" for less than all nor "0%" for more than none,
 * which rounding alone would say of 999 in 1,000 or 1 in 1,000.
 */
function percent(part: number, whole: number): string {
  const rounded = Math.round((100 * part) / whole);
  return `${Math.min(Math.max(rounded, part > 0 ? 1 : 0), part < whole ? 99 : 100)}%`;
}

/** One sector's seats over the reporting window. */
export interface SectorSeats {
  sector: string;
  /** Seat-meetings: the sector's seats times the meetings each was held for. */
  held: number;
  /** Of those, how many were represented by the member or a substitute. */
  attended: number;
}

export interface SectorBalanceRow extends SectorSeats {
  /** The sector's share of all seat-meetings, 0 to 1; null when there were none. */
  seatShare: number | null;
  /** attended out of held; null when the sector held no seats. */
  attendanceRate: number | null;
}

/**
 * The balance of a partnership between sectors, for a table: each sector's share of
 * the seats and how often those seats were filled. Seat share is weighted by how many
 * meetings each seat was held for, so a seat that changed hands mid-year counts for
 * each part. Rows for the same sector are added together; sectors stay in the order
 * given. Throws RangeError if a count is negative or not whole, or more attended than held.
 */
export function sectorBalance(seats: SectorSeats[]): SectorBalanceRow[] {
  const bySector = new Map<string, SectorSeats>();
  for (const { sector, held, attended } of seats) {
    if (![held, attended].every((n) => Number.isInteger(n) && n >= 0) || attended > held) {
      throw new RangeError(`${sector}: ${attended} attended out of ${held} held does not make sense`);
    }
    const earlier = bySector.get(sector);
    bySector.set(sector, {
      sector,
      held: held + (earlier?.held ?? 0),
      attended: attended + (earlier?.attended ?? 0),
    });
  }
  const totalHeld = [...bySector.values()].reduce((sum, s) => sum + s.held, 0);
  return [...bySector.values()].map((s) => ({
    ...s,
    seatShare: share(s.held, totalHeld),
    attendanceRate: share(s.attended, s.held),
  }));
}
