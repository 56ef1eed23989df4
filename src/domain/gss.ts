import type { AreaKind } from './vocabulary.ts';

/**
 * ONS Government Statistical Service (GSS) codes: a country letter, a two-digit
 * entity code and six digits, e.g. E09000007 (a London borough). The entity code
 * says what kind of area it is, so a code can be checked against the kind claimed.
 */
const gssPattern = /^[EWSN]\d{8}$/;

/** Entity codes that each kind of area may carry (England, Wales, Scotland, Northern Ireland). */
const entityCodesByKind: Record<AreaKind, string[]> = {
  unitary: ['E06', 'W06', 'S12', 'N09'],
  county: ['E10'],
  district: ['E07'],
  london_borough: ['E09'],
  metropolitan_district: ['E08'],
  ward: ['E05', 'W05', 'S13', 'N08'],
  parish: ['E04', 'W04'],
  neighbourhood: ['E01', 'E02', 'W01', 'W02', 'S01', 'S02'],
};

export function normaliseGssCode(code: string): string {
  return code.trim().toUpperCase();
}

/** The problem with a GSS code for an area of this kind, in plain words, or null if it is fine. */
export function gssCodeProblem(code: string, kind: AreaKind): string | null {
  const normalised = normaliseGssCode(code);
  if (!gssPattern.test(normalised)) {
    return 'GSS code must be a letter (E, W, S or N) followed by 8 digits, like E09000007';
  }
  const entity = normalised.slice(0, 3);
  const allowed = entityCodesByKind[kind];
  if (!allowed.includes(entity)) {
    return `GSS code ${normalised} is not a code for a ${kindWord(kind)}: codes for that kind start ${allowed.join(', ')}`;
  }
  return null;
}

function kindWord(kind: AreaKind): string {
  return kind.replace(/_/g, ' ');
}
