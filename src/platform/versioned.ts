import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import { nowIso } from './time.ts';

/** Tables whose rows carry a version and are edited through forms. */
export type VersionedTable =
  | 'areas'
  | 'organisations'
  | 'people'
  | 'partnerships'
  | 'memberships'
  | 'strategies'
  | 'strategy_versions'
  | 'priorities'
  | 'indicators'
  | 'data_points'
  | 'agreements'
  | 'targets'
  | 'actions'
  | 'action_milestones'
  | 'protocols'
  | 'protocol_obligations'
  | 'ccfa_cases'
  | 'meetings'
  | 'agenda_items'
  | 'decisions'
  | 'minutes'
  | 'consultations'
  | 'consultation_statements'
  | 'engagement_ideas'
  | 'engagement_surveys'
  | 'engagement_survey_questions';

type Row = Record<string, unknown> & { id: number; version: number };

/**
 * Saves an edit only if nobody else has saved since the form was opened.
 * A stale version raises ConflictError carrying the record as it is now and who
 * changed it last, so the form can show what changed and keep the user's input.
 */
export async function updateWithVersion(
  trx: Transaction<Database>,
  table: VersionedTable,
  id: number,
  expectedVersion: number,
  changes: Record<string, unknown>,
): Promise<{ before: Row; after: Row }> {
  // Kysely cannot type a table chosen at run time; the column names used here exist on every versioned table.
  const t = trx as unknown as Transaction<Record<string, Row>>;
  const before = (await t.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst()) as
    Row | undefined;
  if (!before) throw new NotFoundError(table);
  if (before.version !== expectedVersion) {
    const last = await trx
      .selectFrom('audit_entries')
      .select(['actor_name', 'occurred_at'])
      .where('entity_type', '=', singular(table))
      .where('entity_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    throw new ConflictError(before, last ? { name: last.actor_name, at: last.occurred_at } : null);
  }
  const values = { ...changes, version: before.version + 1, updated_at: nowIso() };
  const result = await t
    .updateTable(table)
    .set(values as never)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new ConflictError(before, null);
  return { before, after: { ...before, ...values } as Row };
}

export function singular(table: VersionedTable): string {
  return {
    areas: 'area',
    organisations: 'organisation',
    people: 'person',
    partnerships: 'partnership',
    memberships: 'membership',
    strategies: 'strategy',
    strategy_versions: 'strategy_version',
    priorities: 'priority',
    indicators: 'indicator',
    data_points: 'data_point',
    agreements: 'agreement',
    targets: 'target',
    actions: 'action',
    action_milestones: 'action_milestone',
    protocols: 'protocol',
    protocol_obligations: 'protocol_obligation',
    ccfa_cases: 'ccfa_case',
    meetings: 'meeting',
    agenda_items: 'agenda_item',
    decisions: 'decision',
    minutes: 'minutes',
    consultations: 'consultation',
    consultation_statements: 'consultation_statement',
    engagement_ideas: 'engagement_idea',
    engagement_surveys: 'engagement_survey',
    engagement_survey_questions: 'engagement_survey_question',
  }[table];
}
