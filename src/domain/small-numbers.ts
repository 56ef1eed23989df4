/**
 * Small-number suppression for any published breakdown (by ward, by equality group, by the
 * sector a group belongs to): a group with fewer than 10 responses is not shown, so nobody
 * can be picked out from a small count.
 *
 * Hiding one group is not enough when the total is published beside the others: the
 * hidden count would be the total minus the rest. So when exactly one group is hidden for
 * being small, the next smallest group is hidden too ("complementary" suppression), and
 * the two can only be told apart as "fewer than 10" and "hidden to protect the other".
 *
 * Pure: counts in, counts (or nothing) out, in the order given.
 */

/** Groups with fewer responses than this are not shown. */
export const smallNumberThreshold = 10;

export interface GroupCount<K> {
  key: K;
  count: number;
}

export interface ShownCount<K> {
  key: K;
  /** The count, or null when it is not shown. */
  count: number | null;
  /** 'small': fewer than the threshold; 'complementary': hidden so a small one cannot be worked out. */
  hidden: false | 'small' | 'complementary';
}

export interface SuppressionOptions {
  /** Default 10. */
  threshold?: number;
  /**
   * Whether the total of all the groups is shown (or can be known) beside them. When it is,
   * a lone hidden group is protected by hiding another. Default true.
   */
  totalShown?: boolean;
}

/** Hides every group under the threshold, and one more when a lone hidden group could be worked out. */
export function suppressSmallNumbers<K>(
  groups: readonly GroupCount<K>[],
  options: SuppressionOptions = {},
): ShownCount<K>[] {
  const threshold = options.threshold ?? smallNumberThreshold;
  const totalShown = options.totalShown ?? true;
  if (!Number.isInteger(threshold) || threshold < 1)
    throw new RangeError(`The threshold must be a whole number of at least 1, not ${threshold}`);
  for (const group of groups)
    if (!Number.isInteger(group.count) || group.count < 0)
      throw new RangeError(`A count must be a whole number of 0 or more, not ${group.count}`);

  const shown: ShownCount<K>[] = groups.map((group) => ({
    key: group.key,
    count: group.count < threshold ? null : group.count,
    hidden: group.count < threshold ? 'small' : false,
  }));
  const hiddenCount = shown.filter((s) => s.hidden).length;
  if (totalShown && hiddenCount === 1) {
    // The smallest group still shown (the first of equals), so as little as possible is lost.
    let smallest = -1;
    shown.forEach((s, index) => {
      if (!s.hidden && (smallest === -1 || groups[index]!.count < groups[smallest]!.count)) smallest = index;
    });
    if (smallest !== -1)
      shown[smallest] = { key: shown[smallest]!.key, count: null, hidden: 'complementary' };
  }
  return shown;
}

/** The words for a hidden count, for tables and sentences. */
export function hiddenCountWords(threshold = smallNumberThreshold): string {
  return `fewer than ${threshold}`;
}
