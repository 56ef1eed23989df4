/**
 * Balance of voice: where the partnership's input came from (which wards, which sectors,
 * which equality groups) set against the share of the place's residents in each, with the
 * gaps said in plain words: "Pennyfold has 8% of residents but 3% of ideas and concerns".
 *
 * Every breakdown goes through small-number suppression first: a group with fewer than 10
 * is shown as "fewer than 10", and a sentence about it says only what that allows ("fewer
 * than 10 of the 412 ideas, under 3%").
 *
 * Pure: counts and population shares in, rows and sentences out.
 */

import { smallNumberThreshold, suppressSmallNumbers } from './small-numbers.ts';

/** A share of input below this fraction of the population share is a gap worth saying… */
export const underRepresentedRatio = 0.75;
/** …and above this fraction is one too… */
export const overRepresentedRatio = 1.25;
/** …as long as the difference is at least this many percentage points (as a fraction). */
export const smallestGapWorthSaying = 0.02;

export interface BalanceGroup {
  key: string;
  /** The group in a table: "Pennyfold", "65 and over". */
  label: string;
  /** The group as the subject of a sentence: "Pennyfold", "People aged 65 and over". */
  who: string;
  /** Its share of the place's residents, 0 to 1; null when the place has not recorded it. */
  populationShare: number | null;
  count: number;
}

/** Input that says nothing about the groups (no ward given, preferred not to say): counted, never compared. */
export interface OtherCount {
  key: string;
  label: string;
  count: number;
}

export type Representation = 'under' | 'over' | 'in_line' | 'unknown';

export interface BalanceRow {
  key: string;
  label: string;
  /** The count, or null when small-number suppression hides it. */
  count: number | null;
  hidden: false | 'small' | 'complementary';
  /** Its share of the input that named a group, or null when hidden or there is none. */
  share: number | null;
  populationShare: number | null;
  representation: Representation;
  /** Set for a representation other than in line or unknown: the plain-words sentence. */
  finding: string | null;
}

export interface Balance {
  rows: BalanceRow[];
  others: { key: string; label: string; count: number | null; hidden: false | 'small' | 'complementary' }[];
  /** All the input counted, groups and others. */
  total: number;
  /** The input that named one of the groups: the base of every share. */
  answered: number;
  /** The gaps in words, the largest first (fewer voices before more). */
  findings: string[];
}

export interface BalanceWords {
  /** What was counted, plural, for sentences: "ideas and concerns". */
  noun: string;
  /**
   * How a sentence about a group ends, after "… of residents but 3% of": by default the
   * noun ("of ideas and concerns"); for an equality question, "those who told us their age".
   */
  base?: string;
  /**
   * What the number a hidden count is "fewer than 10 of" is counted in: by default the noun
   * ("of the 412 ideas and concerns"); for an equality question, "who told us their age".
   */
  countNoun?: string;
  /** "has" for places ("Pennyfold has 8% of residents"); "are" for people ("Disabled people are 18%…"). */
  verb: 'has' | 'are';
}

/** A share as a whole percentage: 0.123 → "12%"; a little above nothing is "less than 1%". */
export function percentWords(share: number): string {
  if (share > 0 && share < 0.005) return 'less than 1%';
  return `${Math.round(share * 100)}%`;
}

/**
 * Sets each group's share of the input against its share of residents. The input's shares
 * are of the input that named a group (answers of "prefer not to say", or no ward, are set
 * aside and shown as they are); a group whose count is hidden is judged only on what
 * "fewer than 10" allows.
 */
export function balanceAgainstPopulation(
  groups: readonly BalanceGroup[],
  others: readonly OtherCount[],
  words: BalanceWords,
  threshold = smallNumberThreshold,
): Balance {
  const answered = groups.reduce((sum, g) => sum + g.count, 0);
  const total = answered + others.reduce((sum, o) => sum + o.count, 0);
  // Groups and the set-aside counts are suppressed together: the total is published.
  const suppressed = suppressSmallNumbers(
    [
      ...groups.map((g) => ({ key: `g:${g.key}`, count: g.count })),
      ...others.map((o) => ({ key: `o:${o.key}`, count: o.count })),
    ],
    { threshold },
  );
  const base = words.base ?? words.noun;
  const rows: (BalanceRow & { gapSize: number })[] = groups.map((group, index) => {
    const shown = suppressed[index]!;
    const share = shown.count === null || answered === 0 ? null : shown.count / answered;
    const judged = judge(group, shown.hidden, answered, threshold);
    return {
      key: group.key,
      label: group.label,
      count: shown.count,
      hidden: shown.hidden,
      share,
      populationShare: group.populationShare,
      representation: judged.representation,
      finding:
        judged.representation === 'under' || judged.representation === 'over'
          ? sentence(group, judged, shown.count === null, answered, words, base, threshold)
          : null,
      gapSize: judged.gapSize,
    };
  });
  const findings = rows
    .filter((r) => r.finding !== null)
    .sort(
      (a, b) =>
        Number(a.representation === 'over') - Number(b.representation === 'over') || b.gapSize - a.gapSize,
    )
    .map((r) => r.finding!);
  return {
    rows: rows.map(({ gapSize: _gap, ...row }) => row),
    others: others.map((o, index) => {
      const shown = suppressed[groups.length + index]!;
      return { key: o.key, label: o.label, count: shown.count, hidden: shown.hidden };
    }),
    total,
    answered,
    findings,
  };
}

interface Judgement {
  representation: Representation;
  /** The difference between the shares, for ordering the sentences. */
  gapSize: number;
  /** The share of input, or for a hidden count the most it could be. */
  share: number;
}

function judge(
  group: BalanceGroup,
  hidden: false | 'small' | 'complementary',
  answered: number,
  threshold: number,
): Judgement {
  const population = group.populationShare;
  // Too little input to compare anything, or nothing to compare it with.
  if (population === null || population <= 0 || answered < threshold)
    return { representation: 'unknown', gapSize: 0, share: 0 };
  // Hidden to protect a small group: saying how it compares would give the small one away.
  if (hidden === 'complementary') return { representation: 'unknown', gapSize: 0, share: 0 };
  if (hidden === 'small') {
    // All that is known: fewer than the threshold, so at most threshold - 1.
    const most = (threshold - 1) / answered;
    const under = most < population * underRepresentedRatio && population - most >= smallestGapWorthSaying;
    return under
      ? { representation: 'under', gapSize: population - most, share: most }
      : { representation: 'unknown', gapSize: 0, share: most };
  }
  const share = group.count / answered;
  if (share < population * underRepresentedRatio && population - share >= smallestGapWorthSaying)
    return { representation: 'under', gapSize: population - share, share };
  if (share > population * overRepresentedRatio && share - population >= smallestGapWorthSaying)
    return { representation: 'over', gapSize: share - population, share };
  return { representation: 'in_line', gapSize: 0, share };
}

function sentence(
  group: BalanceGroup,
  judged: Judgement,
  hidden: boolean,
  answered: number,
  words: BalanceWords,
  base: string,
  threshold: number,
): string {
  const population = percentWords(group.populationShare!);
  const start = `${group.who} ${words.verb} ${population} of residents but`;
  if (hidden) {
    const most = Math.max(1, Math.ceil(judged.share * 100));
    return `${start} fewer than ${threshold} of the ${answered.toLocaleString('en-GB')} ${words.countNoun ?? words.noun} (under ${most}%).`;
  }
  return `${start} ${percentWords(judged.share)} of ${base}.`;
}

export interface SourceRow {
  key: string;
  label: string;
  count: number | null;
  hidden: false | 'small' | 'complementary';
  share: number | null;
}

/** Where input came from when there is nothing to compare with (sectors): counts and shares, suppressed. */
export function sourcesOf(
  sources: readonly { key: string; label: string; count: number }[],
  threshold = smallNumberThreshold,
): { rows: SourceRow[]; total: number } {
  const total = sources.reduce((sum, s) => sum + s.count, 0);
  const shown = suppressSmallNumbers(
    sources.map((s) => ({ key: s.key, count: s.count })),
    { threshold },
  );
  return {
    total,
    rows: sources.map((s, index) => {
      const cell = shown[index]!;
      return {
        key: s.key,
        label: s.label,
        count: cell.count,
        hidden: cell.hidden,
        share: cell.count === null || total === 0 ? null : cell.count / total,
      };
    }),
  };
}
