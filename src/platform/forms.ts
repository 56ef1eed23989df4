import { z } from 'zod';
import { ValidationError, type FieldErrors } from './errors.ts';

/**
 * The one form-validation helper. Parses a submitted form with a zod schema whose
 * messages are written for the person filling in the form; on failure throws a
 * ValidationError with one message per field (the first problem found).
 */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(fieldErrorsFrom(result.error));
}

export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : 'form';
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

/** GOV.UK error summary list, in the order the fields appear on the form. */
export function errorSummary(
  errors: FieldErrors,
  fieldOrder: string[] = [],
): { text: string; href?: string }[] {
  const ordered = [
    ...fieldOrder.filter((f) => f in errors),
    ...Object.keys(errors).filter((f) => !fieldOrder.includes(f)),
  ];
  // A problem with the whole form has no field to jump to.
  return ordered.map((field) =>
    field === 'form' ? { text: errors[field]! } : { text: errors[field]!, href: `#${field}` },
  );
}

// Field builders: trim, turn blanks into null, and speak the user's language.

/** The largest id or whole number both databases store (a 32-bit integer). */
export const largestWholeNumber = 2_147_483_647;

/**
 * Text as typed, without invisible control characters (a NUL byte is refused by
 * PostgreSQL and means nothing to a reader); line breaks and tabs are kept.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function withoutControlCharacters(text: string): string {
  return text.replace(controlCharacters, '');
}

export function cleanText(value: unknown): unknown {
  return typeof value === 'string' ? withoutControlCharacters(value).trim() : value;
}

export function requiredText(label: string, max = 200) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? cleanText(value) : ''),
    z
      .string()
      .min(1, `Enter ${label}`)
      .max(max, `${capitalise(label)} must be ${max} characters or fewer`),
  );
}

export function optionalText(label: string, max = 2000) {
  return z.preprocess(
    (value) => (typeof value === 'string' && (cleanText(value) as string) !== '' ? cleanText(value) : null),
    z
      .string()
      .max(max, `${capitalise(label)} must be ${max} characters or fewer`)
      .nullable(),
  );
}

export function choice<T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? value : ''),
    z.enum(values, { error: message }),
  );
}

export function optionalChoice<T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value !== '' ? value : null),
    z.enum(values, { error: message }).nullable(),
  );
}

/** A checkbox or yes/no radio: present and "yes"/"true"/"on" means true. */
export const yesNo = z.preprocess(
  (value) => (Array.isArray(value) ? value.at(-1) : value),
  z
    .unknown()
    .transform(
      (value) => value === 'yes' || value === 'true' || value === 'on' || value === '1' || value === true,
    ),
);

/** An id chosen from a list; blank means none. */
export function optionalId(message: string) {
  return z.preprocess(
    (value) => (value === '' || value === undefined || value === null ? null : Number(value)),
    z.number({ error: message }).int(message).positive(message).max(largestWholeNumber, message).nullable(),
  );
}

export function requiredId(message: string) {
  return z.preprocess(
    (value) => (value === '' || value === undefined || value === null ? undefined : Number(value)),
    z.number({ error: message }).int(message).positive(message).max(largestWholeNumber, message),
  );
}

const blankToEmpty = (value: unknown) => (typeof value === 'string' ? (cleanText(value) as string) : '');

/** An ISO date (yyyy-mm-dd) that is a real calendar date; blank is null unless required. */
export function isoDate(label: string, required: boolean) {
  return z.preprocess(
    blankToEmpty,
    z
      .string()
      .superRefine((value, ctx) => {
        if (value === '' && required) ctx.addIssue({ code: 'custom', message: `Enter ${label}` });
        else if (value !== '' && !isRealDate(value))
          ctx.addIssue({
            code: 'custom',
            message: `${capitalise(label)} must be a real date, like 2026-04-01`,
          });
      })
      .transform((value) => (value === '' ? null : value)),
  );
}

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An email address, lower-cased; blank is null unless required. */
export function emailAddress(label: string, required: boolean) {
  return z.preprocess(
    blankToEmpty,
    z
      .string()
      .superRefine((value, ctx) => {
        if (value === '') {
          if (required) ctx.addIssue({ code: 'custom', message: `Enter ${label}` });
        } else if (value.length > 254) {
          ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be 254 characters or fewer` });
        } else if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value)) {
          ctx.addIssue({
            code: 'custom',
            message: `Enter ${label} in the correct format, like name@example.org`,
          });
        }
      })
      .transform((value) => (value === '' ? null : value.toLowerCase())),
  );
}

export const version = z.preprocess(
  (value) => Number(value),
  z.number().int().positive().max(largestWholeNumber),
);

/** A search box or filter from the query string: one trimmed string, or nothing. */
export function queryText(value: unknown, max = 100): string | undefined {
  const text = typeof value === 'string' ? (cleanText(value) as string).slice(0, max) : '';
  return text === '' ? undefined : text;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const numberText = (value: unknown) =>
  typeof value === 'number' ? String(value) : typeof value === 'string' ? (cleanText(value) as string) : '';

/**
 * A number as people type it ("1,234.5", "12.5%", "-3"); blank is null unless required.
 * Values beyond what a double stores exactly (or Infinity) are refused in words.
 */
export function decimalNumber(label: string, options: { required?: boolean; min?: number } = {}) {
  return z.preprocess(
    numberText,
    z
      .string()
      .superRefine((value, ctx) => {
        if (value === '') {
          if (options.required) ctx.addIssue({ code: 'custom', message: `Enter ${label}` });
          return;
        }
        const n = readDecimal(value);
        if (n === null)
          ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be a number, like 42.5` });
        else if (options.min !== undefined && n < options.min)
          ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be ${options.min} or more` });
      })
      .transform((value) => (value === '' ? null : readDecimal(value))),
  );
}

const plainDecimal = /^-?\d{1,15}(\.\d+)?$/;

/** "1,234.5" → 1234.5; "12.5%" → 12.5; anything else (or beyond ±1e15) → null. */
export function readDecimal(text: string): number | null {
  // Nearly every figure in a data file is plain ("12", "-3.25"): read at once, without the clean-up below.
  if (plainDecimal.test(text)) {
    const n = Number(text);
    return Math.abs(n) < 1e15 ? n : null;
  }
  const cleaned = text
    .trim()
    .replace(/,(?=\d{3}(\D|$))/g, '')
    .replace(/%$/, '')
    .trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) && Math.abs(n) < 1e15 ? n : null;
}

/** Money typed in pounds ("£1,250.50", "1250") as whole pence; blank is null. */
export function moneyInPence(label: string) {
  return z.preprocess(
    (value) => numberText(value).replace(/^£\s*/, ''),
    z
      .string()
      .superRefine((value, ctx) => {
        if (value === '') return;
        if (!/^\d{1,3}(,\d{3})*(\.\d{1,2})?$|^\d+(\.\d{1,2})?$/.test(value))
          ctx.addIssue({
            code: 'custom',
            message: `${capitalise(label)} must be an amount in pounds, like 1250 or 1,250.50`,
          });
        else if (Number(value.replace(/,/g, '')) > 10_000_000_000)
          ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be less than £10 billion` });
      })
      .transform((value) => (value === '' ? null : Math.round(Number(value.replace(/,/g, '')) * 100))),
  );
}

/** Several ids chosen with checkboxes (one value or many); none is an empty list. */
export function idList(message: string) {
  return z.preprocess(
    (value) =>
      (value === undefined || value === null || value === '' ? [] : [value].flat())
        .filter((v) => v !== '')
        .map(Number),
    z.array(z.number({ error: message }).int(message).positive(message).max(largestWholeNumber, message)),
  );
}

/** A count people type ("12"); blank is null. Whole numbers from 0 up only. */
export function optionalCount(label: string, most = 10_000) {
  return z.preprocess(
    numberText,
    z
      .string()
      .superRefine((value, ctx) => {
        if (value !== '' && (!/^\d+$/.test(value) || Number(value) > most))
          ctx.addIssue({
            code: 'custom',
            message: `${capitalise(label)} must be a whole number from 0 to ${most.toLocaleString('en-GB')}`,
          });
      })
      .transform((value) => (value === '' ? null : Number(value))),
  );
}
