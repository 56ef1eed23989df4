import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuditEntriesTable, Database } from '../db/schema.ts';
import type { Actor } from '../domain/permissions.ts';
import { nowIso } from './time.ts';

export interface AuditInput {
  entityType: string;
  entityId: number;
  action: 'created' | 'updated' | 'deleted' | 'ended' | 'imported' | string;
  summary: string;
  before?: unknown;
  after?: unknown;
}

/** Write the audit entry for a change, inside the same transaction as the change. */
export async function recordAudit(
  trx: Transaction<Database> | Kysely<Database>,
  actor: Actor | null,
  entry: AuditInput,
): Promise<void> {
  await trx
    .insertInto('audit_entries')
    .values({
      occurred_at: nowIso(),
      actor_user_id: actor?.userId ?? null,
      actor_name: actor?.name ?? 'System',
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      action: entry.action,
      summary: entry.summary,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export interface HistoryEntry {
  at: string;
  actorName: string;
  action: string;
  summary: string;
  changes: { field: string; before: unknown; after: unknown }[];
}

/** The history of one record, newest first, with each change as field before → after. */
export async function historyOf(
  db: Kysely<Database>,
  entityType: string,
  entityId: number,
  hiddenFields: string[] = [],
): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('audit_entries')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('id', 'desc')
    .execute();
  return historyEntries(rows, hiddenFields);
}

/** Audit rows as history entries, newest first as given, each change as field before → after. */
export function historyEntries(
  rows: Selectable<AuditEntriesTable>[],
  hiddenFields: Iterable<string> = [],
): HistoryEntry[] {
  const hidden = new Set(hiddenFields);
  return rows.map((row) => ({
    at: row.occurred_at,
    actorName: row.actor_name,
    action: row.action,
    summary: row.summary,
    changes: diffRecords(parse(row.before_json), parse(row.after_json)).filter(
      (change) => !hidden.has(change.field),
    ),
  }));
}

const ignoredFields = new Set(['version', 'updated_at', 'created_at', 'id', 'password_hash']);

export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { field: string; before: unknown; after: unknown }[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: { field: string; before: unknown; after: unknown }[] = [];
  for (const field of fields) {
    if (ignoredFields.has(field)) continue;
    const was = before?.[field] ?? null;
    const now = after?.[field] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(now)) changes.push({ field, before: was, after: now });
  }
  return changes;
}

function parse(json: string | null): Record<string, unknown> | null {
  return json ? (JSON.parse(json) as Record<string, unknown>) : null;
}
