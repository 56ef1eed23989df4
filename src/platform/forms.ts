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
