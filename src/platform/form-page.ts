import type { FastifyReply } from 'fastify';
import { ConflictError, ValidationError } from './errors.ts';
import { errorSummary } from './forms.ts';

/** A form field as the conflict panel compares it: the form's name, the column, a label. */
export interface ConflictField {
  field: string;
  column: string;
  label: string;
  /** A yes/no checkbox stored as 0/1. */
  flag?: boolean;
  /** An id chosen from a list in the page context (its key), shown by name. */
  choices?: string;
  /** Codes shown by their names (sectors, kinds, roles). */
  names?: Record<string, string>;
  /** The saved value in the form's own terms, when they differ (pence shown as the pounds typed, a JSON list as words). */
  saved?: (value: unknown) => string;
  /** What was typed, in the same terms as `saved` (ticked codes as words). */
  yours?: (value: unknown) => string;
}

/**
 * The one way a form page answers a failed save: bad input is shown with the
 * GOV.UK error summary and field messages; a stale edit shows what changed. In
 * both cases the user's input goes back into the form and nothing was saved.
 */
export type FormPageContext = Record<string, unknown> & { values: Record<string, unknown> };

export async function renderFormFailure(
  reply: FastifyReply,
  error: unknown,
  template: string,
  /** The page's context, or a function that builds it: called only when the form is shown again. */
  pageContext: FormPageContext | (() => Promise<FormPageContext>),
  fields: ConflictField[] = [],
): Promise<FastifyReply> {
  // Anything but bad input or a stale edit (a 403, a 404) goes to the one error page, with no form built for it.
  if (!(error instanceof ValidationError) && !(error instanceof ConflictError)) throw error;
  const context = typeof pageContext === 'function' ? await pageContext() : pageContext;
  if (error instanceof ValidationError) {
    return reply.code(400).view(template, {
      ...context,
      errors: error.fieldErrors,
      errorList: errorSummary(
        error.fieldErrors,
        fields.map((f) => f.field),
      ),
    });
  }
  const differences = fields
    .filter((f) => f.column !== '')
    .map((f) => ({
      label: f.label,
      saved: display(f, f.saved ? f.saved(error.current[f.column]) : error.current[f.column], context),
      yours: display(f, f.yours ? f.yours(context.values[f.field]) : context.values[f.field], context),
    }))
    .filter((d) => d.saved !== d.yours);
  return reply.code(409).view(template, {
    ...context,
    // Saving again now knowingly replaces the newer version.
    values: { ...context.values, version: error.current.version },
    conflict: { changedBy: error.changedBy, differences },
  });
}

function display(field: ConflictField, value: unknown, context: Record<string, unknown>): string {
  if (field.flag) return value === 1 || value === true || value === 'yes' || value === 'on' ? 'Yes' : 'No';
  if (value === null || value === undefined || value === '') return '(blank)';
  if (field.choices) {
    const list = (context[field.choices] ?? []) as { id: number; name: string }[];
    return list.find((item) => String(item.id) === String(value))?.name ?? String(value);
  }
  if (field.names) return field.names[String(value)] ?? String(value);
  return String(value);
}

export function flash(reply: FastifyReply, message: string): void {
  reply.request.session.set('flash', message);
}
