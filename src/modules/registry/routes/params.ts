export { idParam } from '../../../platform/params.ts';

export type Body = Record<string, unknown>;
