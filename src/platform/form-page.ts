import type { FastifyReply } from 'fastify';
import { ConflictError, ValidationError } from './errors.ts';
import { errorSummary } from './forms.ts';

/** A form field as the conflict panel compares it: the form's name, the column, a label. */
export interface ConflictField {
  field: string;
  column: string;
  label: string;
}

/**
 * The one way a form page answers a failed save: bad input is shown with the
 * GOV.UK error summary and field messages; a stale edit shows what changed. In
 * both cases the user's input goes back into the form and nothing was saved.
 */
export async function renderFormFailure(
  reply: FastifyReply,
  error: unknown,
  template: string,
  context: Record<string, unknown> & { values: Record<string, unknown> },
  fields: ConflictField[] = [],
): Promise<FastifyReply> {
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
  if (error instanceof ConflictError) {
    const differences = fields
      .map((f) => ({
        label: f.label,
        saved: display(error.current[f.column]),
        yours: display(context.values[f.field]),
      }))
      .filter((d) => d.saved !== d.yours);
    return reply.code(409).view(template, {
      ...context,
      // Saving again now knowingly replaces the newer version.
      values: { ...context.values, version: error.current.version },
      conflict: { changedBy: error.changedBy, differences },
    });
  }
  throw error;
}

function display(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(blank)';
  if (value === 1 || value === true || value === 'yes') return 'Yes';
  if (value === 0 || value === false || value === 'no') return 'No';
  return String(value);
}

export function flash(reply: FastifyReply, message: string): void {
  reply.request.session.set('flash', message);
}
