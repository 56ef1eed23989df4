import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inLondon } from '../../domain/london-time.ts';
import type { AttendanceStatus } from '../../domain/quorum.ts';
import {
  figureKey,
  organisationAttendance,
  returnQuarters,
  returnsTally,
  type AttendanceTally,
  type ReturnRecords,
  type ReturnsTally,
} from './compliance.ts';
import * as repo from './repository.ts';

export interface PartnerRecordsQuery {
  organisationIds: number[];
  /** Only these partnerships' meetings (an agreement's own partnership); every partnership when left out. */
  partnershipIds?: number[];
  /** The window of dates (London dates, both included). */
  from: string;
  to: string;
  today: string;
}

export interface PartnerRecordSet {
  /** Attendance across the partnerships asked about. */
  attendance: AttendanceTally;
  /** Attendance at each partnership where the organisation has a seat. */
  byPartnership: Map<number, AttendanceTally>;
  returns: ReturnsTally;
}

/**
 * The records each organisation's attendance and quarterly returns are judged from, for
 * many organisations at once from a handful of queries (never one per organisation).
 */
export async function partnerRecords(
  db: Kysely<Database>,
  query: PartnerRecordsQuery,
): Promise<Map<number, PartnerRecordSet>> {
  const { organisationIds, partnershipIds, from, today } = query;
  const to = query.to < today ? query.to : today;
  const result = new Map<number, PartnerRecordSet>();
  if (organisationIds.length === 0) return result;

  const quarters = returnQuarters(from, query.to, today);
  const periods = [...quarters.closed, ...(quarters.open ? [quarters.open] : [])].map((q) => q.code);
  const [seats, meetingRows, actions, targets] = await Promise.all([
    repo.seatsOf(db, organisationIds, partnershipIds),
    from <= to ? repo.heldMeetings(db, from, to, partnershipIds) : Promise.resolve([]),
    repo.actionsWithUpdateDates(db, organisationIds),
    repo.targetsWithIndicators(db),
  ]);
  const meetings = meetingRows
    .map((m) => ({ ...m, date: inLondon(m.starts_at).date }))
    .filter((m) => m.date >= from && m.date <= to);
  const [rows, figures] = await Promise.all([
    repo.attendanceOf(
      db,
      meetings.map((m) => m.id),
      seats.map((s) => s.id),
    ),
    repo.figuresFor(db, [...new Set(targets.map((t) => t.indicator_id))], periods),
  ]);
  const figureSet = new Set(figures.map((f) => figureKey(f.indicator_id, f.area_id, f.period)));
  const attendanceRows = rows.map((r) => ({
    meetingId: r.meeting_id,
    membershipId: r.membership_id,
    status: r.status as AttendanceStatus,
  }));

  for (const organisationId of organisationIds) {
    const ownSeats = seats.filter((s) => s.organisation_id === organisationId);
    const seatRecords = (partnershipId: number) =>
      ownSeats
        .filter((s) => s.partnership_id === partnershipId)
        .map((s) => ({ membershipId: s.id, startsOn: s.starts_on, endsOn: s.ends_on }));
    const meetingsOf = (ids: number[]) =>
      meetings
        .filter((m) => ids.includes(m.partnership_id))
        .map((m) => ({ id: m.id, date: m.date, attendanceRecorded: Boolean(m.recorded) }));
    // The partnerships that count: those asked about, or every one where it has a seat.
    const counted = partnershipIds ?? [...new Set(ownSeats.map((s) => s.partnership_id))];
    const byPartnership = new Map<number, AttendanceTally>();
    for (const partnershipId of counted)
      byPartnership.set(
        partnershipId,
        organisationAttendance(meetingsOf([partnershipId]), seatRecords(partnershipId), attendanceRows),
      );
    const records: ReturnRecords = {
      actions: actions.filter((a) => a.organisation_id === organisationId),
      targets: targets
        .filter((t) => t.lead_organisation_id === organisationId)
        .map((t) => ({
          id: t.id,
          label: `${t.indicator_code} ${t.indicator_title}${t.area_kind === 'ward' ? ` (${t.area_name})` : ''}`,
          frequency: t.frequency,
          indicatorId: t.indicator_id,
          areaId: t.area_id,
        })),
      figures: figureSet,
    };
    result.set(organisationId, {
      attendance: sumOf([...byPartnership.values()]),
      byPartnership,
      returns: returnsTally(records, from, query.to, today),
    });
  }
  return result;
}

/** Attendance at several partnerships taken together: each meeting counts once, at its own partnership. */
function sumOf(tallies: AttendanceTally[]): AttendanceTally {
  const total = { meetingsHeld: 0, unrecorded: 0, expected: 0, attended: 0 };
  for (const t of tallies) {
    total.meetingsHeld += t.meetingsHeld;
    total.unrecorded += t.unrecorded;
    total.expected += t.expected;
    total.attended += t.attended;
  }
  return { ...total, rate: total.expected === 0 ? null : total.attended / total.expected };
}
