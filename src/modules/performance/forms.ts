import { z } from 'zod';
import {
  choice,
  decimalNumber,
  idList,
  isoDate,
  optionalId,
  optionalText,
  requiredId,
  requiredText,
  yesNo,
} from '../../platform/forms.ts';
import { parsePeriod, periodKinds, periodProblem } from '../../domain/periods.ts';

/** Form schemas of the performance module: each message is what the person filling in the form reads. */

export const polarities = ['higher', 'lower'] as const;
export const polarityNames: Record<(typeof polarities)[number], string> = {
  higher: 'Higher is better',
  lower: 'Lower is better',
};

export const signOffStatuses = ['proposed', 'agreed', 'signed_off'] as const;
export const signOffStatusNames: Record<(typeof signOffStatuses)[number], string> = {
  proposed: 'Proposed',
  agreed: 'Agreed by partners',
  signed_off: 'Signed off',
};

export const agreementStatuses = ['draft', 'submitted', 'signed_off'] as const;
export const agreementStatusNames: Record<(typeof agreementStatuses)[number], string> = {
  draft: 'Draft',
  submitted: 'Submitted to government',
  signed_off: 'Signed off',
};

/** A reporting period typed by a person: any shape parsePeriod reads, kept as typed until checked. */
export function periodField(label: string) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : ''),
    z.string().superRefine((value, ctx) => {
      if (value === '') ctx.addIssue({ code: 'custom', message: `Enter ${label}` });
      else {
        const problem = periodProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }
    }),
  );
}

export const indicatorForm = z.object({
  code: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : ''),
    z
      .string()
      .min(1, 'Enter the indicator’s code, like NI 117')
      .max(40, 'The code must be 40 characters or fewer')
      .regex(
        /^[\p{L}\p{N}][\p{L}\p{N} .\-/()]*$/u,
        'The code can have letters, digits, spaces, dots and dashes',
      ),
  ),
  title: requiredText('the indicator’s title', 300),
  definition: optionalText('definition', 4000),
  unit: optionalText('unit', 40),
  polarity: choice(polarities, 'Choose whether higher or lower is better'),
  frequency: choice(periodKinds, 'Choose how often the indicator is reported'),
  source: optionalText('source', 300),
  reportedForWards: yesNo,
});

export const dataPointForm = z
  .object({
    areaId: requiredId('Choose the area the value is for'),
    period: periodField('the period, like 2024/25 Q1'),
    value: decimalNumber('the value'),
    lowerCi: decimalNumber('the lower confidence limit'),
    upperCi: decimalNumber('the upper confidence limit'),
    numerator: decimalNumber('the count (numerator)', { min: 0 }),
    denominator: decimalNumber('the denominator', { min: 0 }),
    provisional: yesNo,
    note: optionalText('note', 500),
  })
  .superRefine((form, ctx) => {
    if (form.value === null && !form.note)
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'Say why there is no value (for example, suppressed because the numbers are small)',
      });
    if (form.lowerCi !== null && form.upperCi !== null && form.lowerCi > form.upperCi)
      ctx.addIssue({
        code: 'custom',
        path: ['upperCi'],
        message: 'The upper confidence limit must be at least the lower one',
      });
    if (form.value !== null && form.lowerCi !== null && form.value < form.lowerCi)
      ctx.addIssue({
        code: 'custom',
        path: ['lowerCi'],
        message: 'The lower confidence limit must not be above the value',
      });
    if (form.value !== null && form.upperCi !== null && form.value > form.upperCi)
      ctx.addIssue({
        code: 'custom',
        path: ['upperCi'],
        message: 'The upper confidence limit must not be below the value',
      });
    if (form.denominator === 0 && form.numerator !== null)
      ctx.addIssue({ code: 'custom', path: ['denominator'], message: 'The denominator cannot be 0' });
  })
  .transform((form) => ({ ...form, parsedPeriod: parsePeriod(form.period)! }));

export const agreementForm = z
  .object({
    name: requiredText('the name of the agreement', 160),
    partnershipId: requiredId('Choose the partnership that owns the agreement'),
    firstYear: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() ? Number(v) : undefined),
      z
        .number({ error: 'Enter the first financial year, like 2008 for 2008/09' })
        .int('Enter the first financial year as a year, like 2008 for 2008/09')
        .min(1990, 'The first year must be 1990 or later')
        .max(2100, 'The first year must be 2100 or earlier'),
    ),
    lastYear: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() ? Number(v) : undefined),
      z
        .number({ error: 'Enter the last financial year, like 2010 for 2010/11' })
        .int('Enter the last financial year as a year, like 2010 for 2010/11')
        .min(1990, 'The last year must be 1990 or later')
        .max(2100, 'The last year must be 2100 or earlier'),
    ),
    status: choice(agreementStatuses, 'Choose the status of the agreement'),
    signedOffOn: isoDate('the date it was signed off', false),
  })
  .superRefine((form, ctx) => {
    if (form.lastYear < form.firstYear)
      ctx.addIssue({
        code: 'custom',
        path: ['lastYear'],
        message: 'The last year must not be before the first',
      });
    else if (form.lastYear - form.firstYear > 9)
      ctx.addIssue({
        code: 'custom',
        path: ['lastYear'],
        message: 'An agreement can run for at most 10 years',
      });
    if (form.status === 'signed_off' && !form.signedOffOn)
      ctx.addIssue({ code: 'custom', path: ['signedOffOn'], message: 'Enter the date it was signed off' });
  });

/** A target: the yearly values arrive as fields year2008, year2009… and are checked against the agreement's years. */
export function targetForm(years: number[]) {
  const yearFields = Object.fromEntries(
    years.map((year) => [
      `year${year}`,
      decimalNumber(`the target for ${year}/${String((year + 1) % 100).padStart(2, '0')}`),
    ]),
  );
  return z
    .object({
      indicatorId: requiredId('Choose the indicator'),
      block: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().min(1, 'Choose the block')),
      priorityId: optionalId('Choose the priority this target serves'),
      partnershipId: optionalId('Choose the partnership accountable for it'),
      areaId: requiredId('Choose the area the target is for'),
      baselineValue: decimalNumber('the baseline value', { required: true }),
      baselinePeriod: periodField('the baseline period, like 2007/08'),
      leadOrganisationId: requiredId('Choose the lead partner'),
      contributorIds: idList('Choose contributing partners from the list'),
      rewardBearing: yesNo,
      signOffStatus: choice(signOffStatuses, 'Choose the sign-off status'),
      notes: optionalText('notes', 2000),
      ...yearFields,
    })
    .superRefine((form, ctx) => {
      const values = years.map((y) => (form as Record<string, unknown>)[`year${y}`]);
      if (values.every((v) => v === null || v === undefined))
        ctx.addIssue({
          code: 'custom',
          path: [`year${years.at(-1)}`],
          message: 'Enter a target for at least the last year of the agreement',
        });
    })
    .transform((form) => ({
      ...form,
      baselineValue: form.baselineValue as number,
      yearTargets: years
        .map((year) => ({ year, value: (form as Record<string, unknown>)[`year${year}`] as number | null }))
        .filter((t): t is { year: number; value: number } => t.value !== null && t.value !== undefined),
    }));
}

export const thresholdsForm = z.object({
  packId: requiredText('the framework', 40),
  atRiskPercent: decimalNumber('the at-risk band', { required: true, min: 0 }),
  flatTolerancePercent: decimalNumber('the tolerance for hold-steady targets', { required: true, min: 0 }),
  staleAfterMonths: decimalNumber('how old data may be', { required: true, min: 1 }),
});
