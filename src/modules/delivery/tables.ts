import type { ColumnType, Generated } from 'kysely';

type Timestamps = { created_at: string; updated_at: string };
type Versioned = { version: ColumnType<number, number | undefined, number> };

/** The delivery module's tables: the action plan. */
export interface DeliveryTables {
  actions: ActionsTable;
  action_milestones: ActionMilestonesTable;
  action_updates: ActionUpdatesTable;
}

export interface ActionsTable extends Timestamps, Versioned {
  id: Generated<number>;
  title: string;
  description: string | null;
  priority_id: number | null;
  target_id: number | null;
  /** Accountable organisation and person; null is flagged as unowned. */
  organisation_id: number | null;
  person_id: number | null;
  cash_pence: number | null;
  staff_fte: number | null;
  in_kind: string | null;
  starts_on: string | null;
  due_on: string | null;
  /** not_started | on_track | delayed | completed | cancelled */
  status: string;
  completed_on: string | null;
  /** The meeting decision this action arose from, if any. */
  decision_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface ActionMilestonesTable extends Timestamps, Versioned {
  id: Generated<number>;
  action_id: number;
  title: string;
  due_on: string | null;
  completed_on: string | null;
}

/** A dated progress update: RAG and narrative, by whom. Never edited, only added. */
export interface ActionUpdatesTable {
  id: Generated<number>;
  action_id: number;
  /** green | amber | red */
  rag: string;
  narrative: string;
  reported_on: string;
  user_id: number | null;
  author_name: string;
  created_at: string;
}
