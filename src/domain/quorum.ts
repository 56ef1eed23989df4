/**
 * Whether a meeting is quorate. A partnership's terms of reference set its quorum: a
 * minimum number of seats represented, a list of sectors that must be there, or both
 * (for example "at least a third of members, including someone from the public and the
 * voluntary and community sectors"). Decisions taken at a meeting that is not quorate
 * may need ratifying later, so the answer comes with one plain sentence saying why.
 *
 * Pure: attendance is passed in; nothing is read or written.
 */

/**
 * How a seat was filled at a meeting. 'substituted' means the member's named substitute
 * attended in their place, so the seat, its organisation and its sector were represented.
 */
export type AttendanceStatus = 'present' | 'apologies' | 'substituted' | 'absent';

export const attendanceStatusNames: Record<AttendanceStatus, string> = {
  present: 'Present',
  apologies: 'Apologies',
  substituted: 'Substitute attended',
  absent: 'Absent',
};

/** One seat at one meeting. */
export interface SeatAttendance {
  seatId: number;
  /** null for a seat held in a personal capacity, such as a resident member. */
  organisationId: number | null;
  /** A sector code, such as 'public' or 'voluntary_community'. */
  sector: string;
  status: AttendanceStatus;
}

/** A partnership's quorum. Either part may be left out; leaving out both means there is no rule. */
export interface QuorumRule {
  /** The fewest seats that must be represented, or null for no minimum. */
  minimumPresent: number | null;
  /** Sector codes that must each have at least one seat represented. */
  requiredSectors: string[];
}

export const noQuorumRule: QuorumRule = { minimumPresent: null, requiredSectors: [] };

export interface QuorumCheck {
  quorate: boolean;
  /** Seats represented by their member or a substitute. */
  represented: number;
  /** The minimum from the rule, or null when the rule sets none. */
  needed: number | null;
  /** Required sector codes with no seat represented, in the rule's order. */
  missingSectors: string[];
  /** One plain-English sentence, e.g. "Quorate: 9 of 14 seats represented (at least 6 needed)." */
  explanation: string;
}

/** Whether a seat counts towards the quorum: its member came, or their substitute did. */
export function representsSeat(status: AttendanceStatus): boolean {
  return status === 'present' || status === 'substituted';
}

/** Whether a rule asks for anything at all. */
export function hasQuorumRule(rule: QuorumRule): boolean {
  return rule.minimumPresent !== null || rule.requiredSectors.length > 0;
}

/**
 * Whether a meeting is quorate under a rule, with the reason in one sentence. A seat
 * listed twice counts once (represented if either entry says so), so a slip in the
 * attendance record cannot make a meeting look quorate. sectorNames turns sector codes
 * into words; an unknown code is shown as it is.
 */
export function checkQuorum(
  rule: QuorumRule,
  seats: SeatAttendance[],
  sectorNames: Record<string, string> = {},
): QuorumCheck {
  const bySeat = seatsRepresented(seats);
  const represented = [...bySeat.values()].filter((seat) => seat.represented).length;
  const presentSectors = new Set([...bySeat.values()].filter((s) => s.represented).map((s) => s.sector));
  const required = [...new Set(rule.requiredSectors)];
  const missingSectors = required.filter((sector) => !presentSectors.has(sector));
  const needed = rule.minimumPresent;
  const enough = needed === null || represented >= needed;
  const quorate = enough && missingSectors.length === 0;
  const facts = { represented, needed, missingSectors, quorate };
  if (!hasQuorumRule(rule)) {
    return { ...facts, explanation: 'This partnership has no quorum rule.' };
  }
  const name = (code: string) => sectorWords(code, sectorNames);
  const count = seatCount(represented, bySeat.size);
  const explanation = quorate
    ? quorateWords(count, needed, required.map(name))
    : notQuorateWords(count, needed, enough, missingSectors.map(name));
  return { ...facts, explanation };
}

/** Each seat once, represented if any entry for it says so. */
function seatsRepresented(seats: SeatAttendance[]): Map<number, { sector: string; represented: boolean }> {
  const bySeat = new Map<number, { sector: string; represented: boolean }>();
  for (const seat of seats) {
    const earlier = bySeat.get(seat.seatId);
    if (!earlier || (!earlier.represented && representsSeat(seat.status))) {
      bySeat.set(seat.seatId, { sector: seat.sector, represented: representsSeat(seat.status) });
    }
  }
  return bySeat;
}

/** "9 of 14 seats represented", or "no seats represented" when no attendance was recorded. */
function seatCount(represented: number, total: number): string {
  if (total === 0) return 'no seats represented';
  return `${represented} of ${total} ${total === 1 ? 'seat' : 'seats'} represented`;
}

function quorateWords(count: string, needed: number | null, sectors: string[]): string {
  const minimum = needed === null ? '' : ` (at least ${needed} needed)`;
  const present = sectors.length === 0 ? '' : `, with ${listOf(sectors, 'and')} present`;
  return `Quorate: ${count}${minimum}${present}.`;
}

function notQuorateWords(count: string, needed: number | null, enough: boolean, missing: string[]): string {
  const short =
    enough || needed === null ? '' : ` but at least ${needed} ${needed === 1 ? 'is' : 'are'} needed`;
  const absent =
    missing.length === 0 ? '' : `${short ? ', and' : ', but'} no one from ${listOf(missing, 'or')} was there`;
  return `Not quorate: ${count}${short}${absent}.`;
}

/**
 * "the public sector", "the voluntary and community sector". Each sector is named in
 * full, because a list like "public, voluntary and community sectors" cannot be read
 * unambiguously. A name that already ends in "sector" (as "Public sector" does) is not given it twice.
 */
function sectorWords(code: string, sectorNames: Record<string, string>): string {
  const name = sectorNames[code] ?? code;
  // Lower-case the first letter to sit mid-sentence, but leave an acronym such as "NHS" alone.
  const lower = /^[A-Z]{2}/.test(name) ? name : name.charAt(0).toLowerCase() + name.slice(1);
  return /\bsector$/i.test(lower) ? `the ${lower}` : `the ${lower} sector`;
}

/** "a", "a and b", "a, b and c". */
function listOf(items: string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/**
 * The problem with a quorum rule, in plain words, or null if it makes sense for a
 * partnership with this many seats.
 */
export function quorumRuleProblem(
  rule: QuorumRule,
  seatCount: number,
  sectorNames: Record<string, string> = {},
): string | null {
  const minimum = rule.minimumPresent;
  if (minimum !== null) {
    if (seatCount < 1) return 'The partnership has no seats yet, so its quorum cannot be a number of seats';
    if (!Number.isInteger(minimum) || minimum < 1 || minimum > seatCount) {
      return `The quorum must be a whole number of seats from 1 to ${seatCount}`;
    }
  }
  if (rule.requiredSectors.some((sector) => sector.trim() === ''))
    return 'Each required sector must be named';
  const repeated = rule.requiredSectors.find((sector, i) => rule.requiredSectors.indexOf(sector) !== i);
  if (repeated !== undefined) {
    return `Each sector can be required only once, but ${sectorWords(repeated, sectorNames)} is listed more than once`;
  }
  return null;
}
