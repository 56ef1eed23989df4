import { NotFoundError } from './errors.ts';
import { largestWholeNumber } from './forms.ts';

/** A record id from the address; anything that cannot be one is a 404, never a query. */
export function idParam(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0 || id > largestWholeNumber) throw new NotFoundError();
  return id;
}
