import { z } from 'zod';
import type { FrameworkPack } from '../../domain/framework-pack.ts';
import {
  choice,
  cleanText,
  isoDate,
  optionalId,
  optionalText,
  requiredId,
  requiredText,
} from '../../platform/forms.ts';

/** Form schemas of the strategy module: each message is what the person filling in the form reads. */

export const versionStatuses = ['draft', 'adopted', 'superseded'] as const;
export type VersionStatus = (typeof versionStatuses)[number];
export const versionStatusNames: Record<VersionStatus, string> = {
  draft: 'Draft',
  adopted: 'Adopted',
  superseded: 'Superseded',
};

export const planLinkKinds = [
  'regional',
  'sub_regional',
  'thematic',
  'local_development_framework',
  'other',
] as const;
export type PlanLinkKind = (typeof planLinkKinds)[number];
export const planLinkKindNames: Record<PlanLinkKind, string> = {
  regional: 'Regional strategy',
  sub_regional: 'Sub-regional strategy',
  thematic: 'Thematic partnership plan',
  local_development_framework: 'Local Development Framework',
  other: 'Other plan',
};

export const planLinkDirections = ['has_regard_to', 'regarded_by'] as const;
export type PlanLinkDirection = (typeof planLinkDirections)[number];
/** The direction as a radio button reads. */
export const planLinkDirectionNames: Record<PlanLinkDirection, string> = {
  has_regard_to: 'This strategy has regard to that plan',
  regarded_by: 'That plan has regard to this strategy',
};
/** The direction as a heading over a list of plans reads. */
export const planLinkDirectionHeadings: Record<PlanLinkDirection, string> = {
  has_regard_to: 'Has regard to',
  regarded_by: 'Plans that have regard to this strategy',
};

/** A list of codes chosen with checkboxes, each one of the pack's. */
function codeList(codes: string[], message: string) {
  return z.preprocess(
    (value) =>
      (value === undefined || value === null || value === '' ? [] : [value].flat())
        .map((v) => (typeof v === 'string' ? v : ''))
        .filter((v) => v !== ''),
    z
      .array(z.string().refine((code) => codes.includes(code), message))
      .transform((list) => [...new Set(list)]),
  );
}

function codesOf(pack: FrameworkPack, list: 'components' | 'dimensions'): string[] {
  return pack[list].terms.map((t) => t.code);
}

export function strategyForm(packIds: string[]) {
  return z
    .object({
      name: requiredText('the name of the strategy', 160),
      partnershipId: requiredId('Choose the partnership that owns the strategy'),
      framework: choice(packIds as [string, ...string[]], 'Choose the framework the strategy follows'),
      adoptedOn: isoDate('the date it was first adopted', false),
      endsOn: isoDate('the date it runs until', false),
    })
    .superRefine((value, ctx) => {
      if (value.adoptedOn && value.endsOn && value.endsOn <= value.adoptedOn)
        ctx.addIssue({
          code: 'custom',
          path: ['endsOn'],
          message: 'The date it runs until must be after the date it was first adopted',
        });
    });
}

export const versionForm = z.object({
  title: requiredText('a title for this version', 200),
  vision: optionalText('vision', 5000),
});

/** Dates of things done (adopted, refreshed, reviewed); blank means today. */
export const adoptForm = z.object({ adoptedOn: isoDate('the date it was adopted', false) });
export const refreshForm = z.object({ refreshedOn: isoDate('the date of the refresh', false) });
export const reviewForm = z.object({ reviewedOn: isoDate('the date of the review', false) });

export const positionField = z.preprocess(
  (value) => {
    const text = typeof value === 'string' ? (cleanText(value) as string) : value;
    return text === '' || text === undefined || text === null ? null : Number(text);
  },
  z
    .number({ error: 'Position must be a whole number, like 3' })
    .int('Position must be a whole number, like 3')
    .min(1, 'Position must be 1 or more')
    .max(999, 'Position must be 999 or less')
    .nullable(),
);

export function priorityForm(pack: FrameworkPack) {
  return z.object({
    title: requiredText('the title of the priority', 200),
    description: optionalText('description', 5000),
    owningPartnershipId: optionalId('Choose the partnership that owns the priority'),
    components: codeList(
      codesOf(pack, 'components'),
      `Choose from the ${pack.components.name.toLowerCase()}`,
    ),
    dimensions: codeList(
      codesOf(pack, 'dimensions'),
      `Choose from the list of ${pack.dimensions.name.toLowerCase()}`,
    ),
    position: positionField,
  });
}

export const planLinkForm = z.object({
  linkTitle: requiredText('the title of the plan', 200),
  kind: choice(planLinkKinds, 'Choose what kind of plan it is'),
  url: z.preprocess(
    (value) => (typeof value === 'string' && (cleanText(value) as string) !== '' ? cleanText(value) : null),
    z
      .string()
      .max(500, 'The web address must be 500 characters or fewer')
      .regex(
        /^https?:\/\/[^\s<>"]+\.[^\s<>"]+$/,
        'Enter the web address in full, like https://www.example.org/plan',
      )
      .nullable(),
  ),
  linkPartnershipId: optionalId('Choose the partnership whose plan it is'),
  direction: choice(planLinkDirections, 'Choose which way the regard goes'),
});

/** Stored JSON arrays of codes, read safely (anything else is an empty list). */
export function codesFrom(json: string | null | undefined): string[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}
