import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { can, type Action, type Actor, type Scope } from '../domain/permissions.ts';
import { ForbiddenError, ValidationError } from './errors.ts';
import { version } from './forms.ts';

/** What every service does first: refuse anyone the permission table does not allow. */
export function authorise(actor: Actor | null, action: Action, scope?: Scope): asserts actor is Actor {
  if (!can(actor, action, scope)) throw new ForbiddenError();
}

/** The version the edit form was opened at, for the stale-edit check. */
export function formVersion(input: unknown): number {
  const parsed = version.safeParse((input as Record<string, unknown> | undefined)?.version);
  if (!parsed.success)
    throw new ValidationError({ form: 'The form is missing its version. Reload the page and try again.' });
  return parsed.data;
}

/** A partnership and all its ancestors, nearest first (for scoped permissions and loop checks). */
export async function partnershipLine(
  db: Kysely<Database> | Transaction<Database>,
  id: number,
): Promise<number[]> {
  return (await partnershipLines(db))(id);
}

/** Every partnership's line from one read of the tree: for checking several partnerships at once. */
export async function partnershipLines(
  db: Kysely<Database> | Transaction<Database>,
): Promise<(id: number) => number[]> {
  return lineFinder(await db.selectFrom('partnerships').select(['id', 'parent_id']).execute());
}

/** A partnership's line (itself and its ancestors) from a list of every partnership; a loop ends the line. */
export function lineFinder(partnerships: { id: number; parent_id: number | null }[]) {
  const parentOf = new Map(partnerships.map((p) => [p.id, p.parent_id]));
  return (id: number): number[] => {
    const line: number[] = [];
    for (
      let current: number | null | undefined = id;
      current && !line.includes(current);
      current = parentOf.get(current)
    )
      line.push(current);
    return line;
  };
}

type ListTable =
  'areas' | 'organisations' | 'partnerships' | 'priorities' | 'indicators' | 'people' | 'targets';

/**
 * Refuses a choice from a list that is not (or no longer) there, as a message on its
 * field; a blank choice (null) passes. The form shows the list; this guards the save.
 */
export async function mustBeInList(
  db: Kysely<Database> | Transaction<Database>,
  table: ListTable,
  id: number | null,
  field: string,
  message: string,
): Promise<void> {
  if (id === null) return;
  const t = db as unknown as Kysely<Record<ListTable, { id: number }>>;
  if (!(await t.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()))
    throw new ValidationError({ [field]: message });
}
