/**
 * Recognising the same idea sent twice: a double click, the back button and "send" again,
 * or the same words pasted a second time. The words are compared after tidying what does
 * not change their meaning (letter case, spacing, invisible characters, trailing full stops),
 * within a window of time, from the same person (their account, their e-mail address, or
 * for someone anonymous the connection they used).
 *
 * Pure: the service finds the person's recent submissions; this decides which one, if any,
 * the new one repeats.
 */

import crypto from 'node:crypto';

/** The same words from the same person within this many hours are the same submission. */
export const duplicateWindowHours = 24;

/** The words as compared: Unicode-normalised, lower case, one space between words, no trailing punctuation. */
export function normaliseForComparison(text: string): string {
  return (
    text
      .normalize('NFKC')
      // Zero-width characters and the byte-order mark change nothing a reader sees.
      .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[\s.!?…]+$/u, '')
  );
}

/** A fingerprint of a submission's words (summary and details together), for finding repeats without reading every text. */
export function fingerprintOf(...parts: string[]): string {
  return crypto
    .createHash('sha256')
    .update(parts.map(normaliseForComparison).join('\n\u0000\n'))
    .digest('hex');
}

export interface EarlierSubmission {
  fingerprint: string;
  /** ISO 8601 instant it was received. */
  submittedAt: string;
}

/**
 * The earlier submission (the same person's, newest first or in any order) that the new one
 * repeats: the same fingerprint, received within the window before `now`. The most recent
 * match is returned, so the person is told about the copy they will remember.
 */
export function findRepeat<T extends EarlierSubmission>(
  fingerprint: string,
  now: string,
  earlier: readonly T[],
  windowHours = duplicateWindowHours,
): T | null {
  const nowMs = Date.parse(now);
  const from = nowMs - windowHours * 60 * 60 * 1000;
  let found: T | null = null;
  for (const submission of earlier) {
    if (submission.fingerprint !== fingerprint) continue;
    const at = Date.parse(submission.submittedAt);
    if (Number.isNaN(at) || at < from || at > nowMs) continue;
    if (!found || at > Date.parse(found.submittedAt)) found = submission;
  }
  return found;
}
