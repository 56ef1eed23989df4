import { z } from 'zod';

/**
 * A framework pack: the vocabulary of one strategic framework (England's 2006 LSP
 * model, a neutral outcomes model, later Scotland's or Wales'), carried as data in
 * frameworks/*.json. Code reads stages, components, blocks and indicators from the
 * pack and never names any of them: a new pack needs no code change.
 */

const code = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'codes are lower-case letters, digits and hyphens');

const term = z.object({
  code,
  name: z.string().min(1).max(120),
  description: z.string().max(1000).optional(),
});

/** What a lifecycle stage needs before it can be marked complete; each kind is checked in code. */
export const stageRequirementKinds = [
  'vision',
  'priorities',
  'priority-owners',
  'indicator-data',
  'targets',
  'targets-signed-off',
  'actions-for-every-priority',
  'actions-for-every-target',
  'adopted-version',
] as const;
export type StageRequirementKind = (typeof stageRequirementKinds)[number];

const stage = term.extend({ needs: z.array(z.enum(stageRequirementKinds)).default([]) });

const indicator = z.object({
  code: z.string().min(1).max(40),
  title: z.string().min(1).max(300),
  unit: z.string().max(40).optional(),
  polarity: z.enum(['higher', 'lower']).optional(),
});

export const frameworkPackSchema = z
  .object({
    id: code,
    name: z.string().min(1).max(120),
    description: z.string().max(2000),
    strategy: z.object({
      /** What the pack calls the strategy, e.g. "Sustainable Community Strategy". */
      name: z.string().min(1).max(120),
      stages: z.array(stage).min(1),
      refreshEveryMonths: z.number().int().positive().max(120),
      reviewEveryMonths: z.number().int().positive().max(240),
    }),
    /** What each priority is tagged with, e.g. the eight components of a sustainable community. */
    components: z.object({ name: z.string().min(1).max(120), terms: z.array(term).min(1) }),
    /** A second tagging, e.g. economic / social / environmental. */
    dimensions: z.object({ name: z.string().min(1).max(120), terms: z.array(term).min(1) }),
    agreement: z.object({
      /** What the pack calls the delivery agreement, e.g. "Local Area Agreement". */
      name: z.string().min(1).max(120),
      blocks: z.object({ name: z.string().min(1).max(120), terms: z.array(term).min(1) }),
      /** Most targets an agreement may designate, when the framework caps them. */
      maxTargets: z.number().int().positive().optional(),
      /** Only organisations with the duty to co-operate may lead a target. */
      leadMustBeNamedPartner: z.boolean(),
    }),
    indicators: z.object({ name: z.string().min(1).max(120), set: z.array(indicator) }),
  })
  .superRefine((pack, ctx) => {
    const lists: [string, { code: string }[]][] = [
      ['strategy.stages', pack.strategy.stages],
      ['components.terms', pack.components.terms],
      ['dimensions.terms', pack.dimensions.terms],
      ['agreement.blocks.terms', pack.agreement.blocks.terms],
      ['indicators.set', pack.indicators.set],
    ];
    for (const [path, list] of lists) {
      const seen = new Set<string>();
      for (const item of list) {
        if (seen.has(item.code))
          ctx.addIssue({ code: 'custom', path: [path], message: `${item.code} appears twice` });
        seen.add(item.code);
      }
    }
  });

export type FrameworkPack = z.output<typeof frameworkPackSchema>;
export type FrameworkTerm = z.output<typeof term>;

/** The name of a code in one of the pack's lists, or the code itself when the pack does not know it. */
export function termName(terms: FrameworkTerm[], code: string | null | undefined): string {
  if (!code) return '';
  return terms.find((t) => t.code === code)?.name ?? code;
}

/** A pack's problems in one line each, for the start-up message. */
export function packProblems(source: string, input: unknown): string[] {
  const result = frameworkPackSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map(
    (issue) => `${source}: ${issue.path.join('.') || '(top)'}: ${issue.message}`,
  );
}
