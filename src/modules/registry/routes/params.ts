import { NotFoundError } from '../../../platform/errors.ts';

export function idParam(value: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  return id;
}

export type Body = Record<string, unknown>;
