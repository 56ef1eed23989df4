/**
 * How the partnerships' meetings work, read from the records: who turns up (and whether
 * the member comes or sends a substitute), how much of the agenda is for deciding, how
 * many decisions an hour, whether actions arising are done on time, and whether one
 * organisation or sector dominates. The arithmetic is in src/domain/meeting-measures.ts;
 * this reads the records and puts the answers into words.
 *
 * Two ways of counting attendance sit side by side, and the pages always say which:
 * - seats filled: every seat at every meeting counts once (src/domain/meeting-measures.ts),
 *   so an organisation with two seats has two chances a meeting;
 * - meetings attended: an organisation counts once a meeting if any of its seats was
 *   filled, as partnership agreements judge attendance (organisationAttendance in
 *   src/modules/accountability/compliance.ts).
 *
 * Only held meetings count; attendance only where it was recorded. The public sees the
 * measures of public meetings; members-only meetings count for those who may see them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { can, type Actor } from '../../domain/permissions.ts';
import { inLondon } from '../../domain/london-time.ts';
import {
  attendanceMeasures,
  concentrationReading,
  concentrationWords,
  meetingEffectiveness,
  sectorBalance,
  type ActionArising,
  type AttendanceMeasure,
  type AttendanceRecord,
  type ConcentrationBand,
  type ConcentrationReading,
  type ItemPurpose,
  type MeetingEffectiveness,
} from '../../domain/meeting-measures.ts';
import { addMonths } from '../../domain/periods.ts';
import type { AttendanceStatus } from '../../domain/quorum.ts';
import { formatValue } from '../../domain/target-status.ts';
import { sectorNames, sectors, type Sector } from '../../domain/vocabulary.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { lineFinder } from '../../platform/service-rules.ts';
import { formatDate } from '../../platform/time.ts';
import { organisationAttendance, type AttendanceTally } from '../accountability/compliance.ts';
import * as repo from './measures-repository.ts';

type Db = Kysely<Database>;

export const measuresWindows = ['year', 'all'] as const;
export type MeasuresWindow = (typeof measuresWindows)[number];
export const measuresWindowNames: Record<MeasuresWindow, string> = {
  year: 'Last 12 months',
  all: 'All time',
};

export function readMeasuresWindow(value: unknown): MeasuresWindow {
  return value === 'all' ? 'all' : 'year';
}

export interface MeasuresPeriod {
  window: MeasuresWindow;
  name: string;
  /** London dates, both included; null for all time. */
  from: string | null;
  to: string;
  /** "20 May 2025 to 19 May 2026", or "Every meeting to 19 May 2026". */
  words: string;
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The dates a window covers, up to and including today (a London date). */
export function measuresPeriod(window: MeasuresWindow, today: string): MeasuresPeriod {
  const from = window === 'year' ? addDays(addMonths(today, -12), 1) : null;
  return {
    window,
    name: measuresWindowNames[window],
    from,
    to: today,
    words: from
      ? `${formatDate(from)} to ${formatDate(today)}`
      : `Every meeting recorded, to ${formatDate(today)}`,
  };
}

// ---------------------------------------------------------------------------
// Numbers in words

/** A whole-number percentage that never says 100% of less than all, nor 0% of more than none. */
export function percentText(part: number, whole: number): string {
  const rounded = Math.round((100 * part) / whole);
  return `${Math.min(Math.max(rounded, part > 0 ? 1 : 0), part < whole ? 99 : 100)}%`;
}

const count = (n: number) => formatValue(n);
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;
/** "42 of 50 seats (84%)" */
const partOf = (part: number, whole: number, noun = '') =>
  `${count(part)} of ${count(whole)}${noun ? ` ${noun}` : ''} (${percentText(part, whole)})`;

/** A percentage for a download: 0 to 100 with one decimal place, blank when there is no whole. */
export function percentFigure(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

export interface AttendanceFigures extends AttendanceMeasure {
  /** "42 of 50 seats (84%)": seats at meetings filled by the member or a substitute. */
  filledWords: string;
  /** "36 of 50 seats (72%)": filled by the member in person. */
  presentWords: string;
  substitutedWords: string;
  /** "8 of 50 seats (16%): 5 apologies, 3 absent" */
  emptyWords: string;
  /** "36 of 42 filled seats (86%)", or words when no seat was filled. */
  inPersonWords: string;
}

/** Attendance in words; `noun` is what is counted: seats at meetings, or a member's meetings. */
function attendanceFigures(measure: AttendanceMeasure, noun = 'seats'): AttendanceFigures {
  const { seats, present, substituted, apologies, absent, emptySeats } = measure;
  return {
    ...measure,
    filledWords: partOf(present + substituted, seats, noun),
    presentWords: partOf(present, seats, noun),
    substitutedWords: partOf(substituted, seats, noun),
    emptyWords:
      emptySeats === 0
        ? 'None'
        : `${partOf(emptySeats, seats, noun)}: ${[
            apologies ? plural(apologies, 'apology', 'apologies') : '',
            absent ? `${count(absent)} absent` : '',
          ]
            .filter(Boolean)
            .join(', ')}`,
    inPersonWords:
      present + substituted === 0
        ? `None: no ${noun === 'seats' ? 'seat was' : 'meeting was'} filled`
        : partOf(present, present + substituted, `filled ${noun}`),
  };
}

export interface EffectivenessFigures extends MeetingEffectiveness {
  /** "4 of 10 items for decision (40%), 3 for discussion (30%), 3 for information (30%)" */
  agendaWords: string;
  decisionsPerHourWords: string;
  onTimeWords: string;
}

function effectivenessFigures(e: MeetingEffectiveness, hours: number): EffectivenessFigures {
  const byPurpose = (share: number | null) => Math.round((share ?? 0) * e.items);
  return {
    ...e,
    agendaWords:
      e.items === 0
        ? 'No agenda items published'
        : `${partOf(byPurpose(e.decisionShare), e.items, 'items')} for decision, ` +
          `${count(byPurpose(e.discussionShare))} for discussion (${percentText(byPurpose(e.discussionShare), e.items)}), ` +
          `${count(byPurpose(e.informationShare))} for information (${percentText(byPurpose(e.informationShare), e.items)})`,
    decisionsPerHourWords:
      e.decisionsPerHour === null
        ? e.meetings === 0
          ? 'No meetings held'
          : 'Not known: no finishing time was recorded'
        : `${formatValue(Math.round(e.decisionsPerHour * 10) / 10)}: ${plural(Math.round(e.decisionsPerHour * hours), 'decision')} in ${plural(Math.round(hours * 10) / 10, 'hour')}`,
    onTimeWords:
      e.onTimeShare === null
        ? 'None due yet'
        : partOf(e.actionsCompletedOnTime, e.actionsDue, 'actions arising due so far'),
  };
}

export interface BalanceReading extends ConcentrationReading {
  /** The band with a capital letter, for a tag; null when there was nothing to share. */
  bandName: string | null;
  /** A GOV.UK tag colour for the band; the band is always written in the tag too. */
  tagClass: string;
}

const bandTags: Record<ConcentrationBand, string> = {
  unconcentrated: 'govuk-tag--green',
  'moderately concentrated': 'govuk-tag--yellow',
  'highly concentrated': 'govuk-tag--red',
};

function balanceReading(reading: ConcentrationReading): BalanceReading {
  return {
    ...reading,
    bandName: reading.band ? reading.band.charAt(0).toUpperCase() + reading.band.slice(1) : null,
    tagClass: reading.band ? bandTags[reading.band] : 'govuk-tag--grey',
  };
}

// ---------------------------------------------------------------------------
// The measures of a set of records

type Records = repo.MeasureRecords;
type AttendanceRow = Records['attendance'][number];

const personalCapacity = (row: { person_name: string }) => `${row.person_name} (in a personal capacity)`;

function seatsReading(rows: AttendanceRow[]) {
  const holders = new Map<string, { name: string; count: number }>();
  for (const row of rows) {
    const key = row.organisation_id === null ? `person:${row.person_id}` : `org:${row.organisation_id}`;
    const name = row.organisation_id === null ? personalCapacity(row) : (row.organisation_name ?? '');
    const holder = holders.get(key) ?? { name, count: 0 };
    holder.count += 1;
    holders.set(key, holder);
  }
  return balanceReading(concentrationReading([...holders.values()], concentrationWords.seatsHeld));
}

function itemsReading(items: Records['items']) {
  const holders = new Map<number, { name: string; count: number }>();
  for (const item of items) {
    if (item.presenter_organisation_id === null) continue;
    const holder = holders.get(item.presenter_organisation_id) ?? {
      name: item.presenter_organisation_name ?? '',
      count: 0,
    };
    holder.count += 1;
    holders.set(item.presenter_organisation_id, holder);
  }
  return {
    ...balanceReading(concentrationReading([...holders.values()], concentrationWords.itemsPresented)),
    /** Items with no presenting organisation recorded: left out of the reading. */
    unattributed: items.filter((i) => i.presenter_organisation_id === null).length,
  };
}

const toRecord =
  (key: (row: AttendanceRow) => string) =>
  (row: AttendanceRow): AttendanceRecord => ({
    meetingId: row.meeting_id,
    key: key(row),
    status: row.status as AttendanceStatus,
  });

function attendanceOf(rows: AttendanceRow[]): AttendanceFigures | null {
  const measure = attendanceMeasures(rows.map(toRecord(() => 'all'))).get('all');
  return measure ? attendanceFigures(measure) : null;
}

function sectorRows(rows: AttendanceRow[]) {
  const measures = attendanceMeasures(rows.map(toRecord((r) => r.sector)));
  const ordered = [...measures.keys()].sort(
    (a, b) => orderOf(sectors, a) - orderOf(sectors, b) || a.localeCompare(b),
  );
  const balance = sectorBalance(
    ordered.map((sector) => {
      const m = measures.get(sector)!;
      return { sector, held: m.seats, attended: m.present + m.substituted };
    }),
  );
  const total = rows.length;
  return balance.map((row) => ({
    ...row,
    name: sectorNames[row.sector as Sector] ?? row.sector,
    seatShareWords: partOf(row.held, total, 'seats'),
    attendance: attendanceFigures(measures.get(row.sector)!),
  }));
}

function orderOf(list: readonly string[], value: string): number {
  const index = list.indexOf(value);
  return index === -1 ? list.length : index;
}

type MeetingRow = Records['meetings'][number] & { date: string };
/** The records of the meetings held in a window, each meeting with its London date. */
type Windowed = Omit<Records, 'meetings'> & { meetings: MeetingRow[] };

function effectivenessOf(
  meetings: MeetingRow[],
  records: Pick<Records, 'items' | 'decisions' | 'actions'>,
  today: string,
) {
  const ids = new Set(meetings.map((m) => m.id));
  const decisions = new Map(records.decisions.map((d) => [d.meeting_id, d.n]));
  const itemsOf = new Map<number, { purpose: ItemPurpose }[]>();
  for (const item of records.items) {
    if (!ids.has(item.meeting_id)) continue;
    const list = itemsOf.get(item.meeting_id) ?? [];
    list.push({ purpose: item.purpose as ItemPurpose });
    itemsOf.set(item.meeting_id, list);
  }
  const lengths = meetings.map((m) => ({ id: m.id, minutes: minutesOf(m) }));
  const hours =
    lengths.reduce((sum, m) => sum + (m.minutes !== null && m.minutes > 0 ? m.minutes : 0), 0) / 60;
  const actions: ActionArising[] = records.actions
    .filter((a) => ids.has(a.meeting_id) && a.due_on !== null && a.status !== 'cancelled')
    .map((a) => ({
      dueOn: a.due_on!,
      completedOn: a.status === 'completed' && a.completed_on ? a.completed_on : null,
    }));
  const effectiveness = meetingEffectiveness(
    lengths.map((m) => ({
      id: m.id,
      minutes: m.minutes,
      items: itemsOf.get(m.id) ?? [],
      decisions: decisions.get(m.id) ?? 0,
    })),
    actions,
    today,
  );
  return effectivenessFigures(effectiveness, hours);
}

function minutesOf(meeting: { starts_at: string; ends_at: string | null }): number | null {
  if (!meeting.ends_at) return null;
  const minutes = (Date.parse(meeting.ends_at) - Date.parse(meeting.starts_at)) / 60_000;
  return Number.isFinite(minutes) ? minutes : null;
}

/** The records of meetings held in the window, by the London date of each meeting. */
function keepWindow(records: Records, period: MeasuresPeriod): Windowed {
  const meetings = records.meetings
    .map((m) => ({ ...m, date: inLondon(m.starts_at).date }))
    .filter((m) => (period.from === null || m.date >= period.from) && m.date <= period.to);
  const ids = new Set(meetings.map((m) => m.id));
  return {
    meetings,
    attendance: records.attendance.filter((r) => ids.has(r.meeting_id)),
    items: records.items.filter((r) => ids.has(r.meeting_id)),
    decisions: records.decisions.filter((r) => ids.has(r.meeting_id)),
    actions: records.actions.filter((r) => ids.has(r.meeting_id)),
  };
}

interface PartnershipRef {
  id: number;
  name: string;
  slug: string;
}

export interface PartnershipMeasures {
  partnership: PartnershipRef;
  meetingsHeld: number;
  /** Held meetings with attendance recorded: the ones attendance is counted from. */
  meetingsRecorded: number;
  /** Words when there is nothing to measure: no meetings held, or none with attendance recorded. */
  emptyWords: string | null;
  attendance: AttendanceFigures | null;
  effectiveness: EffectivenessFigures;
  seats: BalanceReading;
  items: BalanceReading & { unattributed: number };
}

function partnershipMeasures(
  partnership: PartnershipRef,
  records: Windowed,
  period: MeasuresPeriod,
): PartnershipMeasures {
  const meetings = records.meetings.filter((m) => m.partnership_id === partnership.id);
  const ids = new Set(meetings.map((m) => m.id));
  const own = (r: { meeting_id: number }) => ids.has(r.meeting_id);
  const attendance = records.attendance.filter(own);
  const recorded = new Set(attendance.map((r) => r.meeting_id)).size;
  const items = records.items.filter(own);
  const within = period.from ? ' in the last 12 months' : '';
  return {
    partnership,
    meetingsHeld: meetings.length,
    meetingsRecorded: recorded,
    emptyWords:
      meetings.length === 0
        ? `${partnership.name} has not held any meetings ${period.from ? 'in the last 12 months' : 'yet'}.`
        : recorded === 0
          ? `${partnership.name} has held ${plural(meetings.length, 'meeting')}${within}, but who attended has not been recorded yet.`
          : null,
    attendance: attendanceOf(attendance),
    effectiveness: effectivenessOf(meetings, records, period.to),
    seats: seatsReading(attendance),
    items: itemsReading(items),
  };
}

// ---------------------------------------------------------------------------

/** The measures of the partnerships' meetings: the place-wide health check and each partnership's headline. */
export function createMeetingMeasuresServices(db: Db) {
  /** The partnerships whose members-only meetings this person may see. */
  function restrictedVisibleIn(
    actor: Actor | null,
    partnerships: { id: number; parent_id: number | null }[],
  ): number[] {
    if (!actor) return [];
    const lineOf = lineFinder(partnerships);
    return partnerships
      .filter((p) => can(actor, 'meetings:view-restricted', { partnershipLine: lineOf(p.id) }))
      .map((p) => p.id);
  }

  /**
   * One partnership's headline measures for its page: attendance, the member in person,
   * the agenda, decisions an hour, actions on time and the balance. Over the last 12
   * months unless asked otherwise; six queries, run together.
   */
  async function partnershipSummary(
    actor: Actor | null,
    partnership: PartnershipRef,
    options: { today: string; window?: MeasuresWindow },
  ) {
    const period = measuresPeriod(options.window ?? 'year', options.today);
    const visible = actor ? restrictedVisibleIn(actor, await repo.partnershipsList(db)) : [];
    const records = keepWindow(
      await repo.measureRecords(db, {
        partnershipId: partnership.id,
        from: period.from,
        to: period.to,
        restrictedVisibleIn: visible,
      }),
      period,
    );
    return {
      period,
      ...partnershipMeasures(partnership, records, period),
      includesMembersOnly: visible.includes(partnership.id),
      href: `/health-check?partnership=${encodeURIComponent(partnership.slug)}`,
    };
  }

  /**
   * The health check: every partnership's measures, and attendance by sector, by
   * organisation and by person, for one window; or all of that for one partnership.
   */
  async function healthCheck(
    actor: Actor | null,
    options: { today: string; window: MeasuresWindow; partnershipSlug?: string },
  ) {
    const period = measuresPeriod(options.window, options.today);
    const partnerships = await repo.partnershipsList(db);
    const chosen =
      options.partnershipSlug === undefined
        ? undefined
        : partnerships.find((p) => p.slug === options.partnershipSlug);
    if (options.partnershipSlug !== undefined && !chosen) throw new NotFoundError('partnership');
    const visible = restrictedVisibleIn(actor, partnerships);
    const records = keepWindow(
      await repo.measureRecords(db, {
        partnershipId: chosen?.id,
        from: period.from,
        to: period.to,
        restrictedVisibleIn: visible,
      }),
      period,
    );
    const organisationIds = [
      ...new Set(records.attendance.flatMap((r) => (r.organisation_id === null ? [] : [r.organisation_id]))),
    ];
    const seats = await repo.seatsOfOrganisations(db, organisationIds, chosen?.id);

    const withMeetings = new Set(records.meetings.map((m) => m.partnership_id));
    const shown = chosen
      ? [chosen]
      : partnerships.filter((p) => p.status === 'active' || withMeetings.has(p.id));
    const partnershipRows = shown.map((p) =>
      partnershipMeasures({ id: p.id, name: p.name, slug: p.slug }, records, period),
    );

    return {
      period,
      partnership: chosen ?? null,
      choices: partnerships.filter((p) => p.status === 'active' || p.id === chosen?.id),
      includesMembersOnly: visible.length > 0,
      meetingsHeld: records.meetings.length,
      meetingsRecorded: new Set(records.attendance.map((r) => r.meeting_id)).size,
      attendance: attendanceOf(records.attendance),
      effectiveness: effectivenessOf(records.meetings, records, period.to),
      seats: seatsReading(records.attendance),
      items: itemsReading(records.items),
      partnerships: partnershipRows,
      sectors: sectorRows(records.attendance),
      organisations: organisationRows(records, seats),
      personalCapacitySeats: records.attendance.filter((r) => r.organisation_id === null).length,
      people: personRows(records.attendance),
    };
  }

  return { partnershipSummary, healthCheck };
}

export type MeetingMeasuresServices = ReturnType<typeof createMeetingMeasuresServices>;
export type HealthCheck = Awaited<ReturnType<MeetingMeasuresServices['healthCheck']>>;

export interface MeetingsAttended extends AttendanceTally {
  /** "3 of 4 (75%)", or words when none were expected. */
  words: string;
}

/**
 * Attendance by organisation, counted both ways: seats filled (each seat at each meeting)
 * and meetings attended (once a meeting if any of its seats was filled), the second
 * worked out partnership by partnership exactly as partnership agreements judge it.
 */
function organisationRows(records: Windowed, seats: Awaited<ReturnType<typeof repo.seatsOfOrganisations>>) {
  const rows = records.attendance.filter((r) => r.organisation_id !== null);
  const measures = attendanceMeasures(rows.map(toRecord((r) => String(r.organisation_id))));
  const recorded = new Set(records.attendance.map((r) => r.meeting_id));
  const heldIn = (partnershipId: number) =>
    records.meetings
      .filter((m) => m.partnership_id === partnershipId)
      .map((m) => ({ id: m.id, date: m.date, attendanceRecorded: recorded.has(m.id) }));
  const attendanceRows = rows.map((r) => ({
    meetingId: r.meeting_id,
    membershipId: r.membership_id,
    status: r.status as AttendanceStatus,
  }));
  const result = [...measures].map(([key, measure]) => {
    const organisationId = Number(key);
    const first = rows.find((r) => r.organisation_id === organisationId)!;
    const own = seats.filter((s) => s.organisation_id === organisationId);
    const tally = { meetingsHeld: 0, unrecorded: 0, expected: 0, attended: 0 };
    for (const partnershipId of new Set(own.map((s) => s.partnership_id))) {
      const t = organisationAttendance(
        heldIn(partnershipId),
        own
          .filter((s) => s.partnership_id === partnershipId)
          .map((s) => ({ membershipId: s.id, startsOn: s.starts_on, endsOn: s.ends_on })),
        attendanceRows,
      );
      tally.meetingsHeld += t.meetingsHeld;
      tally.unrecorded += t.unrecorded;
      tally.expected += t.expected;
      tally.attended += t.attended;
    }
    const meetingsAttended: MeetingsAttended = {
      ...tally,
      rate: tally.expected === 0 ? null : tally.attended / tally.expected,
      words: tally.expected === 0 ? 'None expected' : partOf(tally.attended, tally.expected, 'meetings'),
    };
    return {
      id: organisationId,
      name: first.organisation_name ?? '',
      slug: first.organisation_slug,
      attendance: attendanceFigures(measure),
      meetingsAttended,
    };
  });
  return result.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

/**
 * Attendance by member: the person who holds the seat, whether they came or sent a
 * substitute. Members' names and who attended public meetings are already public.
 */
function personRows(attendance: AttendanceRow[]) {
  const measures = attendanceMeasures(attendance.map(toRecord((r) => String(r.person_id))));
  const rowsOf = new Map<number, AttendanceRow[]>();
  for (const row of attendance) {
    const list = rowsOf.get(row.person_id) ?? [];
    list.push(row);
    rowsOf.set(row.person_id, list);
  }
  return [...measures]
    .map(([key, measure]) => {
      const own = rowsOf.get(Number(key))!;
      const representing = [...new Set(own.map((r) => r.organisation_name ?? 'In a personal capacity'))].sort(
        (a, b) => a.localeCompare(b, 'en-GB'),
      );
      return {
        id: Number(key),
        name: own[0]!.person_name,
        slug: own[0]!.person_slug,
        representing: representing.join(', '),
        attendance: attendanceFigures(measure, 'meetings'),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.id - b.id);
}
